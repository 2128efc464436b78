/* test_evidence.c — unit tests for src/corpus/evidence.c on the bundled
 * corpus and on a hand-made one: a written date (a range covering the day,
 * a month for an event of that month) is evidence; a time of day that
 * contradicts the event's is not; among events of one day, the manifest's
 * keywords decide; a relative day ("kemarin") resolves against the
 * article's date; keywords alone mark a paragraph; evidence_events_of
 * answers the other way round. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/evidence.h"

static long event_index(const struct corpus *c, const char *id)
{
	for (size_t e = 0; e < c->nevents; e++)
		if (!strcmp(c->events[e].id, id))
			return (long)e;
	fail_msg("no event %s", id);
	return -1;
}

/* "article#block-kind-letter+ordinal why" of each hit, joined by spaces. */
static char *hits(const struct corpus *c, const char *event)
{
	struct evidence_list l;
	assert_int_equal(evidence_find(c, (size_t)event_index(c, event), &l), 0);
	char *out = calloc(1, 64 * (l.n + 1));
	assert_non_null(out);
	for (size_t i = 0; i < l.n; i++) {
		const struct corpus_article *a = &c->articles[l.items[i].article];
		const struct article_block *b = &corpus_article_text(a)->blocks[l.items[i].block];
		sprintf(out + strlen(out), "%s%s#%c%u:%c", i ? " " : "", a->id,
		        article_block_letter(b->kind), b->ordinal, evidence_why_name(l.items[i].why)[0]);
		/* the range points into the block's text */
		assert_true(l.items[i].off + l.items[i].len <= b->len);
	}
	evidence_free(&l);
	return out;
}

static void expect(const struct corpus *c, const char *event, const char *want)
{
	char *got = hits(c, event);
	if (strcmp(got, want))
		print_error("%s:\n want %s\n got  %s\n", event, want, got);
	assert_string_equal(got, want);
	free(got);
}

static void test_evidence_bundled(void **state)
{
	(void)state;
	struct corpus *c = corpus_open_dir("corpus");
	assert_non_null(c);
	/* a month mention ("décembre 2024") and a day of it */
	expect(c, "adoption", "fr-rehearsal#p9:d ar-rehearsal#p9:d id-rehearsal#p17:d");
	/* "kemarin pagi, 25 Oktober": the morning's signing, not the
	 * afternoon's plenary; "diskusi pleno pada sore hari": the plenary,
	 * not the reception of that afternoon */
	expect(c, "signing", "fr-rehearsal#p1:d ar-rehearsal#p1:d id-rehearsal#p18:d "
	                     "id-discussion#p2:d");
	expect(c, "plenary", "fr-rehearsal#p1:d ar-rehearsal#p1:d id-rehearsal#p18:d "
	                     "id-discussion#p4:d");
	/* "To Lam": keywords mark paragraphs without a date */
	char *r = hits(c, "reception");
	assert_non_null(strstr(r, "id-reception#p2:k"));
	assert_null(strstr(r, "id-discussion#p4"));
	free(r);
	/* the other way round */
	long art = corpus_find_article(c, "id-discussion");
	assert_true(art >= 0);
	size_t ev[8], p2 = 0;
	const struct article_text *t = corpus_article_text(&c->articles[art]);
	for (size_t b = 0; b < t->nblocks; b++)
		if (t->blocks[b].kind == BLOCK_PARAGRAPH && t->blocks[b].ordinal == 2)
			p2 = b;
	size_t n = evidence_events_of(c, (size_t)art, p2, ev, 8);
	assert_int_equal(n, 1);
	assert_string_equal(c->events[ev[0]].id, "signing");
	corpus_free(c);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_evidence_relative_and_keywords(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-evidence-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/corpus.ini", dir);
	write_file(path, "[event vote]\ndate = 2025-03-04\nkeywords.en = ballot\n"
	                 "[event other]\ndate = 2025-01-01\n"
	                 "[article a]\nfile = a.txt\nlang = en\ndate = 2025-03-05\nevent = vote\n");
	snprintf(path, sizeof path, "%s/a.txt", dir);
	write_file(path, "A title here\n\nYesterday the assembly met.\n\nNothing at all.\n\n"
	                 "The Ballot was secret.\n\nToday it rests.\n");
	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	/* "Yesterday" (the day before 2025-03-05) and the keyword, folded */
	expect(c, "vote", "a#p2:r a#p4:k");
	expect(c, "other", "");
	corpus_free(c);
	snprintf(path, sizeof path, "%s/a.txt", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/corpus.ini", dir);
	unlink(path);
	rmdir(dir);
}

/* An article without a date takes the earliest event it reports, marked. */
static void test_evidence_inferred_date(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-inferred-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char ini[256], txt[256];
	snprintf(ini, sizeof ini, "%s/corpus.ini", dir);
	snprintf(txt, sizeof txt, "%s/a.txt", dir);
	write_file(ini, "[event late]\ndate = 2025-03-04\n[event early]\ndate = 2025-01-02\n"
	                "[article a]\nfile = a.txt\nevent = late\nmentions = early\n"
	                "[article b]\nfile = a.txt\nevent = late\ndate = 2024-05-06\n");
	write_file(txt, "Un titre\n\nUn texte sans date.\n");
	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	const struct corpus_article *a = &c->articles[corpus_find_article(c, "a")];
	assert_true(a->detected & CORPUS_INFERRED_DATE);
	assert_int_equal(a->date.y, 2025);
	assert_int_equal(a->date.m, 1);
	assert_int_equal(a->date.d, 2);
	/* a given date stays */
	const struct corpus_article *b = &c->articles[corpus_find_article(c, "b")];
	assert_false(b->detected & CORPUS_INFERRED_DATE);
	assert_int_equal(b->date.y, 2024);
	corpus_free(c);
	unlink(txt);
	unlink(ini);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence_bundled),
		cmocka_unit_test(test_evidence_relative_and_keywords),
		cmocka_unit_test(test_evidence_inferred_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
