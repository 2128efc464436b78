/* records.c — fuzz target for the records the index keeps beside an
 * article (facts_unpack, evidence_unpack: what a damaged database may hand
 * them). Input: the record's bytes. Invariants: a record read whole gives
 * facts of a known kind and qualifier, with words ending within their
 * buffers, and hits for the corpus's events only (for the one event asked,
 * when one is); written again, it reads back the same; a record refused
 * holds nothing. */
#include "tandem/evidence.h"
#include "tandem/facts.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date_ymd ctx;
	struct fact_list fl;
	if (facts_unpack(data, size, &ctx, &fl) == 0) {
		for (size_t i = 0; i < fl.n; i++) {
			const struct fact *f = &fl.items[i];
			FUZZ_CHECK(f->kind == FACT_NUMBER || f->kind == FACT_DATE);
			FUZZ_CHECK(f->qual <= FACT_LESS);
			FUZZ_CHECK(memchr(f->word, 0, sizeof f->word) && memchr(f->next, 0, sizeof f->next));
		}
		struct blob b = {0};
		struct fact_list again;
		struct date_ymd ctx2;
		facts_pack(&fl, &ctx, &b);
		FUZZ_CHECK(!b.failed && facts_unpack(b.data, b.len, &ctx2, &again) == 0);
		FUZZ_CHECK(again.n == fl.n && !dates_compare(&ctx, &ctx2));
		facts_free(&again);
		blob_free(&b);
		facts_free(&fl);
	} else {
		FUZZ_CHECK(fl.n == 0 && !fl.items);
	}

	struct corpus_event events[2] = {{.id = (char *)"signing"}, {.id = (char *)"e"}};
	struct corpus c = {.events = events, .nevents = 2};
	for (long only = -1; only < 2; only++) {
		struct evidence_list l;
		if (evidence_unpack(data, size, &c, 3, only, &ctx, &l) != 0) {
			FUZZ_CHECK(l.n == 0 && !l.items);
			continue;
		}
		for (size_t i = 0; i < l.n; i++) {
			FUZZ_CHECK(l.items[i].article == 3 && l.items[i].event < 2);
			FUZZ_CHECK(only < 0 || l.items[i].event == (size_t)only);
			FUZZ_CHECK(l.items[i].why <= EVIDENCE_KEYWORD);
		}
		evidence_free(&l);
	}
	return 0;
}
