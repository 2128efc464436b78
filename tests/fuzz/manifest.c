/* manifest.c — fuzz target for the manifest reader (corpus.ini), which
 * takes a path: the input is written to a file in a private directory.
 * Input: the manifest's bytes.
 * Invariants: every event and article has an id and a line; dates that are
 * kept are valid; a time kept is valid; every diagnostic names the file and
 * has a message. */
#include "tandem/manifest.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4200];
	fuzz_write("corpus.ini", data, size, path, sizeof path);
	struct manifest m;
	struct diag_list diags = {0};
	if (manifest_load(path, &m, &diags) == 0) {
		for (size_t i = 0; i < m.nevents; i++) {
			const struct manifest_event *e = &m.events[i];
			FUZZ_CHECK(e->id != NULL && e->line >= 1);
			FUZZ_CHECK(e->date.y == 0 || dates_valid(&e->date) || !e->date.d);
			FUZZ_CHECK(!e->time || manifest_valid_time(e->time));
			FUZZ_CHECK(manifest_event_title(e, "fr") != NULL);
			for (size_t k = 0; k < e->ntitles; k++)
				FUZZ_CHECK(e->titles[k].text != NULL &&
				           memchr(e->titles[k].lang, 0, sizeof e->titles[k].lang));
		}
		for (size_t i = 0; i < m.narticles; i++) {
			const struct manifest_article *a = &m.articles[i];
			FUZZ_CHECK(a->id != NULL && a->line >= 1);
			FUZZ_CHECK(a->date.y == 0 || dates_valid(&a->date) || !a->date.d);
			FUZZ_CHECK(!a->file || a->file_line >= a->line);
		}
	}
	manifest_free(&m); /* also after a failure, as the corpus loader does */
	for (size_t i = 0; i < diags.n; i++)
		FUZZ_CHECK(diags.items[i].file && diags.items[i].msg && diags.items[i].msg[0]);
	diag_list_free(&diags);
	return 0;
}
