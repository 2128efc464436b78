/* test_corpus.c — loading a corpus (src/corpus/corpus.c, timeline.c): the
 * bundled corpus/ (no diagnostics, its articles and fields, events in
 * timeline order with article references renumbered, each event's articles
 * and languages, translation groups, event titles); a manifest whose events
 * are out of order (date, then time of day, then id; undated last);
 * manifest problems only the whole corpus shows (a file leading outside the
 * directory, an absolute path, a missing file, no `file` key, undefined
 * events, an event no article reports); a directory with no manifest (ids
 * from file names, language, source, title and date detected, other files
 * ignored); lists of files (a missing one reported, the rest loaded; one
 * base name in two directories); a directory that cannot be a corpus; a
 * FIFO as an article or as the manifest (reported, never waited on).
 * Fixtures live in tests/data/corpora/ (paths relative to the repository
 * root, where the tests run). */
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

#include "tandem/corpus.h"
#include "tandem/timeline.h"

#define DATA "tests/data/corpora/"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* ---- helpers ------------------------------------------------------------- */

static void dump_diags(const struct corpus *c)
{
	for (size_t i = 0; i < c->diags.n; i++)
		print_message("  %s:%u: %s: %s\n", c->diags.items[i].file, c->diags.items[i].line,
		              diag_level_name(c->diags.items[i].level), c->diags.items[i].msg);
}

/* The diagnostic of `level` whose message contains every one of up to two
 * needles; fails when there is none. */
static const struct diag *find_diag(const struct corpus *c, enum diag_level level,
                                    const char *needle, const char *needle2)
{
	for (size_t i = 0; i < c->diags.n; i++) {
		const struct diag *d = &c->diags.items[i];
		if (d->level == level && strstr(d->msg, needle) && (!needle2 || strstr(d->msg, needle2)))
			return d;
	}
	dump_diags(c);
	fail_msg("no %s containing \"%s\"%s%s", diag_level_name(level), needle,
	         needle2 ? " and " : "", needle2 ? needle2 : "");
	return NULL;
}

static void expect_counts(const struct corpus *c, size_t errors, size_t warnings)
{
	if (corpus_errors(c) != errors || diag_count(&c->diags, DIAG_WARNING) != warnings) {
		dump_diags(c);
		fail_msg("%zu error(s) and %zu warning(s), want %zu and %zu", corpus_errors(c),
		         diag_count(&c->diags, DIAG_WARNING), errors, warnings);
	}
}

static const struct corpus_article *article(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	if (k < 0)
		fail_msg("no article '%s'", id);
	return &c->articles[k];
}

static const struct corpus_event *event(const struct corpus *c, const char *id)
{
	long k = corpus_find_event(c, id);
	if (k < 0)
		fail_msg("no event '%s'", id);
	return &c->events[k];
}

static void assert_date(const struct date_ymd *d, int y, int mo, int day)
{
	assert_int_equal(d->y, y);
	assert_int_equal(d->m, mo);
	assert_int_equal(d->d, day);
}

/* The ids of event e's articles, space-separated, into buf. */
static const char *event_article_ids(const struct corpus *c, const struct corpus_event *e,
                                     char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = 0;
	for (size_t i = 0; i < e->narticles; i++) {
		assert_true(e->articles[i] < c->narticles);
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? " " : "",
		                      c->articles[e->articles[i]].id);
		assert_true(k < n);
	}
	return buf;
}

/* Every event reference of every article is a valid index, and events list
 * exactly the articles that report them, main events first. */
static void check_event_links(const struct corpus *c)
{
	for (size_t e = 0; e < c->nevents; e++) {
		const struct corpus_event *ev = &c->events[e];
		size_t n = 0;
		for (size_t i = 0; i < c->narticles; i++)
			n += timeline_article_reports(&c->articles[i], e) != 0;
		assert_int_equal(ev->narticles, n);
		int mains_done = 0;
		for (size_t i = 0; i < ev->narticles; i++) {
			const struct corpus_article *a = &c->articles[ev->articles[i]];
			assert_true(timeline_article_reports(a, e));
			if (a->event != (long)e)
				mains_done = 1;
			else
				assert_false(mains_done);
		}
	}
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		assert_true(a->event >= -1 && a->event < (long)c->nevents);
		for (size_t k = 0; k < a->nmentions; k++) {
			assert_true(a->mentions[k] >= 0 && a->mentions[k] < (long)c->nevents);
			assert_int_not_equal(a->mentions[k], a->event);
		}
	}
}

/* ---- the bundled corpus -------------------------------------------------- */

static int open_bundled(void **state)
{
	struct corpus *c = corpus_open_dir("corpus");
	if (!c)
		return -1;
	*state = c;
	return 0;
}

static int close_bundled(void **state)
{
	corpus_free(*state);
	return 0;
}

static void test_bundled_loads_clean(void **state)
{
	const struct corpus *c = *state;
	expect_counts(c, 0, 0);
	assert_int_equal(c->diags.n, 0);
	assert_string_equal(c->dir, "corpus");
	assert_string_equal(c->manifest, "corpus/corpus.ini");
	assert_string_equal(c->title, "The Hanoi Convention against Cybercrime, October 2025");
	assert_int_equal(c->narticles, 5);
	assert_int_equal(c->nevents, 6);
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal", "id-rehearsal", "id-reception",
	                     "id-discussion"};
	for (size_t i = 0; i < NELEM(ids); i++) {
		assert_string_equal(c->articles[i].id, ids[i]);
		assert_int_equal(corpus_find_article(c, ids[i]), (long)i);
		assert_true(c->articles[i].manifest_line > 0);
		assert_true(corpus_article_text(&c->articles[i])->nblocks > 0);
	}
	assert_int_equal(corpus_find_article(c, "nope"), -1);
	assert_int_equal(corpus_find_event(c, "nope"), -1);
}

static void test_bundled_articles(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_article *fr = article(c, "fr-rehearsal");
	assert_string_equal(fr->path, "corpus/fr-rehearsal-vietnamplus.txt");
	assert_string_equal(fr->lang, "fr");
	assert_date(&fr->date, 2025, 10, 23);
	assert_string_equal(fr->group, "rehearsal-vietnamplus");
	assert_string_equal(fr->title, "Le pr\xc3\xa9sident Luong Cuong inspecte la r\xc3\xa9p\xc3\xa9tition "
	                               "de la c\xc3\xa9r\xc3\xa9monie de signature de la Convention de Hanoi");
	assert_int_equal(fr->dir, BIDI_AUTO);
	assert_int_equal(fr->detected, 0);
	assert_true(fr->ndates > 0);

	const struct corpus_article *ar = article(c, "ar-rehearsal");
	assert_string_equal(ar->lang, "ar");
	assert_int_equal(ar->dir, BIDI_RTL);
	assert_string_equal(ar->source, fr->source);

	/* id-rehearsal's manifest section gives no source: it comes from the
	 * text's "Sumber:" line */
	const struct corpus_article *idr = article(c, "id-rehearsal");
	assert_int_equal(idr->detected, CORPUS_DETECTED_SOURCE);
	assert_string_equal(idr->source, "https://daibieunhandan.vn/chu-tich-nuoc-luong-cuong-chu-tri-"
	                                 "tong-duyet-le-mo-ky-cong-uoc-lien-hop-quoc-ve-chong-toi-pham-"
	                                 "mang-10392656.html");
	assert_null(idr->group);
}

static void test_bundled_timeline_order(void **state)
{
	const struct corpus *c = *state;
	const char *order[] = {"adoption", "rehearsal", "signing", "plenary", "reception", "discussion"};
	for (size_t i = 0; i < NELEM(order); i++)
		assert_string_equal(c->events[i].id, order[i]);
	assert_date(&c->events[0].date, 2024, 12, 24);
	assert_date(&c->events[5].date, 2025, 10, 26);
	for (size_t i = 1; i < c->nevents; i++) {
		const struct corpus_event *a = &c->events[i - 1], *b = &c->events[i];
		int r = dates_compare(&a->date, &b->date);
		assert_true(r <= 0);
		if (r == 0)
			assert_true(timeline_time_minutes(a->time) <= timeline_time_minutes(b->time));
	}
	/* same day: the morning's signing before the afternoon's sessions */
	assert_string_equal(c->events[2].time, "morning");
	assert_string_equal(c->events[3].time, "afternoon");
	assert_string_equal(c->events[4].time, "afternoon");
	assert_string_equal(c->events[2].place, "Hanoi, National Convention Center");
	check_event_links(c);
}

static void test_bundled_event_articles(void **state)
{
	const struct corpus *c = *state;
	char buf[256];
	const struct corpus_article *fr = article(c, "fr-rehearsal");
	assert_string_equal(c->events[fr->event].id, "rehearsal");
	assert_int_equal(fr->nmentions, 2);
	assert_string_equal(c->events[fr->mentions[0]].id, "adoption");
	assert_string_equal(c->events[fr->mentions[1]].id, "signing");
	assert_string_equal(c->events[article(c, "id-discussion")->event].id, "discussion");

	assert_string_equal(event_article_ids(c, event(c, "rehearsal"), buf, sizeof buf),
	                    "fr-rehearsal ar-rehearsal id-rehearsal");
	assert_string_equal(event_article_ids(c, event(c, "signing"), buf, sizeof buf),
	                    "fr-rehearsal ar-rehearsal id-rehearsal id-reception id-discussion");
	assert_string_equal(event_article_ids(c, event(c, "plenary"), buf, sizeof buf),
	                    "id-discussion");
	assert_string_equal(event_article_ids(c, event(c, "reception"), buf, sizeof buf),
	                    "id-reception");

	assert_string_equal(timeline_event_langs(c, event(c, "rehearsal"), buf, sizeof buf),
	                    "fr ar id");
	/* no article has the signing for its main event: they all mention it */
	assert_string_equal(timeline_event_langs(c, event(c, "signing"), buf, sizeof buf),
	                    "(fr ar id)");
	assert_string_equal(timeline_event_langs(c, event(c, "signing"), buf, 10), "(fr ar)");
	assert_string_equal(timeline_event_langs(c, event(c, "discussion"), buf, sizeof buf), "id");
	assert_true(timeline_article_reports(fr, (size_t)corpus_find_event(c, "adoption")));
	assert_false(timeline_article_reports(fr, (size_t)corpus_find_event(c, "plenary")));
}

/* A buffer too small for every language keeps those that fit whole. */
static void test_event_langs_small_buffer(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_event *e = event(c, "rehearsal");
	char buf[16];
	assert_string_equal(timeline_event_langs(c, e, buf, 9), "fr ar id");
	assert_string_equal(timeline_event_langs(c, e, buf, 8), "fr ar");
	assert_string_equal(timeline_event_langs(c, e, buf, 6), "fr ar");
	assert_string_equal(timeline_event_langs(c, e, buf, 5), "fr");
	assert_string_equal(timeline_event_langs(c, e, buf, 3), "fr");
	assert_string_equal(timeline_event_langs(c, e, buf, 2), "");
	buf[0] = 'x';
	timeline_event_langs(c, e, buf, 0); /* writes nothing */
	assert_int_equal(buf[0], 'x');
}

static void test_bundled_translations(void **state)
{
	const struct corpus *c = *state;
	size_t out[8];
	size_t fr = (size_t)corpus_find_article(c, "fr-rehearsal");
	size_t ar = (size_t)corpus_find_article(c, "ar-rehearsal");
	size_t idr = (size_t)corpus_find_article(c, "id-rehearsal");
	assert_int_equal(corpus_translations(c, fr, out, NELEM(out)), 2);
	assert_int_equal(out[0], fr);
	assert_int_equal(out[1], ar);
	assert_int_equal(corpus_translations(c, ar, out, NELEM(out)), 2);
	assert_int_equal(out[0], fr);
	assert_int_equal(out[1], ar);
	/* another source's report of the same event is not a translation */
	assert_int_equal(corpus_translations(c, idr, out, NELEM(out)), 1);
	assert_int_equal(out[0], idr);
	/* max bounds what is written, not what is counted */
	out[1] = 99;
	assert_int_equal(corpus_translations(c, fr, out, 1), 2);
	assert_int_equal(out[0], fr);
	assert_int_equal(out[1], 99);
}

static void test_bundled_event_titles(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_event *e = event(c, "rehearsal");
	assert_string_equal(corpus_event_title(e, "fr"),
	                    "Le pr\xc3\xa9sident Luong Cuong inspecte la r\xc3\xa9p\xc3\xa9tition de la "
	                    "c\xc3\xa9r\xc3\xa9monie de signature");
	assert_string_equal(corpus_event_title(e, "id"),
	                    "Presiden Luong Cuong memeriksa gladi bersih upacara penandatanganan");
	assert_string_equal(corpus_event_title(e, "de"),
	                    "President Luong Cuong inspects the dress rehearsal of the signing ceremony");
	assert_string_equal(corpus_event_title(e, NULL), e->title);
	assert_int_equal(e->ntitles, 4);
}

static void test_time_minutes(void **state)
{
	assert_int_equal(timeline_time_minutes("morning"), 9 * 60);
	assert_int_equal(timeline_time_minutes("afternoon"), 15 * 60);
	assert_int_equal(timeline_time_minutes("evening"), 20 * 60);
	assert_int_equal(timeline_time_minutes("16:30"), 16 * 60 + 30);
	assert_int_equal(timeline_time_minutes("00:05"), 5);
	assert_int_equal(timeline_time_minutes(NULL), -1);
	assert_int_equal(timeline_time_minutes("soon"), -1);
}

/* ---- a manifest with events out of order --------------------------------- */

static void test_timeline_sort(void **state)
{
	struct corpus *c = corpus_open_dir(DATA "timeline");
	assert_non_null(c);
	expect_counts(c, 0, 15);
	const char *order[] = {"first",       "month",       "allday",  "morning", "noon",
	                       "afternoon-a", "afternoon-b", "evening", "late",    "undated"};
	assert_int_equal(c->nevents, NELEM(order));
	for (size_t i = 0; i < NELEM(order); i++)
		if (strcmp(c->events[i].id, order[i]))
			fail_msg("event %zu is '%s', want '%s'", i, c->events[i].id, order[i]);
	/* no directory title in the manifest: the directory names it */
	assert_string_equal(c->title, DATA "timeline");
	find_diag(c, DIAG_WARNING, "[event undated]", "no date");
	find_diag(c, DIAG_WARNING, "[event allday]", "no article reports it");

	/* references follow the events to their new places */
	const struct corpus_article *one = article(c, "one");
	assert_string_equal(c->events[one->event].id, "noon");
	assert_int_equal(one->nmentions, 3); /* "noon" is its main event, not a mention */
	assert_string_equal(c->events[one->mentions[0]].id, "late");
	assert_string_equal(c->events[one->mentions[1]].id, "first");
	assert_string_equal(c->events[one->mentions[2]].id, "undated");
	const struct corpus_article *two = article(c, "two");
	assert_string_equal(c->events[two->event].id, "late");
	assert_string_equal(c->events[two->mentions[0]].id, "evening");
	/* the date two's manifest section leaves out is detected */
	assert_date(&two->date, 2025, 10, 26);
	assert_true(two->detected & CORPUS_DETECTED_DATE);
	assert_false(one->detected & CORPUS_DETECTED_DATE);

	char buf[128];
	assert_string_equal(event_article_ids(c, event(c, "late"), buf, sizeof buf), "two one");
	assert_int_equal(event(c, "morning")->narticles, 0);
	check_event_links(c);
	corpus_free(c);
}

/* ---- problems the whole corpus shows ------------------------------------- */

static void test_bad_references(void **state)
{
	const char *ini = DATA "bad/corpus.ini";
	struct corpus *c = corpus_open_dir(DATA "bad");
	assert_non_null(c);
	assert_string_equal(c->title, "Bad references");

	const struct diag *d = find_diag(c, DIAG_ERROR, "leads outside", "../outside.txt");
	assert_string_equal(d->file, ini);
	assert_int_equal(d->line, 19);
	d = find_diag(c, DIAG_ERROR, "/tmp/tandem-absolute.txt", "relative");
	assert_int_equal(d->line, 22);
	d = find_diag(c, DIAG_ERROR, "missing.txt", NULL);
	assert_string_equal(d->file, ini);
	assert_int_equal(d->line, 25);
	d = find_diag(c, DIAG_ERROR, "[article badref]", "'nosuch' is not defined");
	assert_string_equal(d->file, ini);
	assert_true(d->line == 27 || d->line == 29); /* its section, or its `event` key */
	d = find_diag(c, DIAG_ERROR, "[article badref]", "'ghost' is not defined");
	assert_true(d->line == 27 || d->line == 30);
	d = find_diag(c, DIAG_ERROR, "[article nofile]", "no 'file' key");
	assert_int_equal(d->line, 32);
	d = find_diag(c, DIAG_WARNING, "[event unreported]", "no article reports it");
	assert_string_equal(d->file, ini);
	assert_int_equal(d->line, 9);
	find_diag(c, DIAG_WARNING, "[event real]", "no title");
	expect_counts(c, 6, 2);

	/* the other articles load: a path through .. that comes back inside is
	 * fine, and an undefined event leaves the article without it */
	assert_int_equal(c->narticles, 3);
	assert_int_equal(corpus_find_article(c, "escape"), -1);
	assert_int_equal(corpus_find_article(c, "absolute"), -1);
	assert_int_equal(corpus_find_article(c, "missing"), -1);
	assert_int_equal(corpus_find_article(c, "nofile"), -1);
	const struct corpus_article *good = article(c, "good");
	assert_string_equal(good->path, DATA "bad/good.txt");
	assert_string_equal(c->events[good->event].id, "real");
	assert_string_equal(good->lang, "fr");
	assert_false(good->detected & CORPUS_DETECTED_LANG);
	assert_true(good->detected & CORPUS_DETECTED_SOURCE);
	const struct corpus_article *badref = article(c, "badref");
	assert_string_equal(badref->path, DATA "bad/sub/inner.txt");
	assert_int_equal(badref->event, -1);
	assert_int_equal(badref->nmentions, 1);
	assert_string_equal(c->events[badref->mentions[0]].id, "real");
	article(c, "roundtrip");
	check_event_links(c);
	corpus_free(c);
}

/* ---- no manifest --------------------------------------------------------- */

static void check_plain(const struct corpus *c, const char *dir)
{
	expect_counts(c, 0, 0);
	assert_null(c->manifest);
	assert_string_equal(c->dir, dir);
	assert_string_equal(c->title, dir);
	assert_int_equal(c->nevents, 0);
	/* *.txt only, sorted by name, dot files left out; ids from file names */
	assert_int_equal(c->narticles, 3);
	assert_string_equal(c->articles[0].id, "a-fr-note");
	assert_string_equal(c->articles[1].id, "b-id-catatan");
	assert_string_equal(c->articles[2].id, "c-ar-khabar");
	const unsigned all = CORPUS_DETECTED_LANG | CORPUS_DETECTED_DATE | CORPUS_DETECTED_SOURCE |
	                     CORPUS_DETECTED_TITLE;
	for (size_t i = 0; i < 3; i++) {
		const struct corpus_article *a = &c->articles[i];
		assert_int_equal(a->detected, all);
		assert_int_equal(a->event, -1);
		assert_int_equal(a->nmentions, 0);
		assert_int_equal(a->manifest_line, 0);
		assert_null(a->group);
		assert_int_equal(a->dir, BIDI_AUTO);
		assert_true(strlen(a->title) > 10);
	}

	const struct corpus_article *fr = &c->articles[0];
	assert_string_equal(fr->path, DATA "plain/a-fr-note.txt");
	assert_string_equal(fr->lang, "fr");
	assert_string_equal(fr->source, "https://www.vietnamplus.vn/repetition-post1072119.vnp");
	assert_date(&fr->date, 2025, 10, 23);
	/* the title: the first sentence, shortened with an ellipsis */
	assert_true(strncmp(fr->title, "Le 23 octobre 2025, au Centre national", 38) == 0);
	assert_non_null(strstr(fr->title, "\xe2\x80\xa6"));

	const struct corpus_article *id = &c->articles[1];
	assert_string_equal(id->lang, "id");
	assert_string_equal(id->source, "https://www.vietnamplus.vn/resepsi-post1072749.vnp");
	/* "25 Oktober" with no year: the year the text gives elsewhere */
	assert_date(&id->date, 2025, 10, 25);

	const struct corpus_article *ar = &c->articles[2];
	assert_string_equal(ar->lang, "ar");
	assert_date(&ar->date, 2025, 10, 23);
	assert_string_equal(ar->source, fr->source);

	/* one source URL: a translation group with no manifest */
	size_t out[4];
	assert_int_equal(corpus_translations(c, 0, out, 4), 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	assert_int_equal(corpus_translations(c, 1, out, 4), 1);
}

static void test_plain_dir(void **state)
{
	struct corpus *c = corpus_open_dir(DATA "plain");
	assert_non_null(c);
	check_plain(c, DATA "plain");
	corpus_free(c);
}

static void test_plain_dir_trailing_slash(void **state)
{
	struct corpus *c = corpus_open_dir(DATA "plain/");
	assert_non_null(c);
	assert_int_equal(corpus_errors(c), 0);
	assert_int_equal(c->narticles, 3);
	assert_string_equal(c->articles[0].id, "a-fr-note");
	assert_string_equal(c->articles[0].path, DATA "plain/a-fr-note.txt");
	corpus_free(c);
}

static void test_open_files_missing_one(void **state)
{
	char *files[] = {DATA "plain/c-ar-khabar.txt", DATA "no-such-article.txt",
	                 DATA "plain/a-fr-note.txt"};
	struct corpus *c = corpus_open_files(files, NELEM(files));
	assert_non_null(c);
	assert_null(c->dir);
	assert_null(c->manifest);
	assert_non_null(c->title);
	expect_counts(c, 1, 0);
	const struct diag *d = find_diag(c, DIAG_ERROR, "cannot open", NULL);
	assert_string_equal(d->file, DATA "no-such-article.txt");
	/* the others, in the order given */
	assert_int_equal(c->narticles, 2);
	assert_string_equal(c->articles[0].id, "c-ar-khabar");
	assert_string_equal(c->articles[1].id, "a-fr-note");
	assert_string_equal(c->articles[0].lang, "ar");
	assert_string_equal(c->articles[1].lang, "fr");
	corpus_free(c);
}

static void test_open_files_same_name(void **state)
{
	char *files[] = {DATA "dupnames/one/note.txt", DATA "dupnames/two/note.txt",
	                 DATA "dupnames/one/note.txt"};
	struct corpus *c = corpus_open_files(files, NELEM(files));
	assert_non_null(c);
	assert_int_equal(corpus_errors(c), 0);
	assert_int_equal(c->narticles, 3);
	assert_string_equal(c->articles[0].id, "note");
	assert_string_equal(c->articles[1].id, "note-2");
	assert_string_equal(c->articles[2].id, "note-3");
	assert_string_equal(c->articles[1].path, DATA "dupnames/two/note.txt");
	const struct diag *d = find_diag(c, DIAG_WARNING, "'note'", "'note-2'");
	assert_string_equal(d->file, DATA "dupnames/two/note.txt");
	find_diag(c, DIAG_WARNING, "'note'", "'note-3'");
	assert_int_equal(corpus_find_article(c, "note-2"), 1);
	corpus_free(c);
}

static void test_not_a_corpus(void **state)
{
	struct corpus *c = corpus_open_dir(DATA "notext");
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	const struct diag *d = find_diag(c, DIAG_ERROR, "no corpus.ini", NULL);
	assert_string_equal(d->file, DATA "notext");
	corpus_free(c);

	c = corpus_open_dir(DATA "no-such-dir");
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	assert_int_equal(corpus_errors(c), 1);
	assert_string_equal(c->diags.items[0].file, DATA "no-such-dir");
	corpus_free(c);

	c = corpus_open_dir(DATA "outside.txt");
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	find_diag(c, DIAG_ERROR, "not a directory", NULL);
	corpus_free(c);

	corpus_free(NULL);
}

/* A FIFO where an article or the manifest should be: reported as not a
 * regular file, never opened for reading (which would wait for a writer
 * forever; the alarm fails the test instead of hanging it). */
static void test_fifo_not_read(void **state)
{
	char dir[] = "/tmp/tandem-fifo.XXXXXX", p[256], p2[256];
	assert_non_null(mkdtemp(dir));
	alarm(10);

	snprintf(p, sizeof p, "%s/a.txt", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	snprintf(p2, sizeof p2, "%s/corpus.ini", dir);
	FILE *f = fopen(p2, "w");
	assert_non_null(f);
	fputs("[article a]\nfile = a.txt\n", f);
	fclose(f);
	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	assert_string_equal(find_diag(c, DIAG_ERROR, "not a regular file", NULL)->file, p);
	corpus_free(c);

	char *files[] = {p};
	c = corpus_open_files(files, 1);
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	find_diag(c, DIAG_ERROR, "not a regular file", NULL);
	corpus_free(c);

	assert_int_equal(unlink(p2), 0);
	assert_int_equal(mkfifo(p2, 0600), 0);
	c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	assert_string_equal(find_diag(c, DIAG_ERROR, "not a regular file", NULL)->file, p2);
	corpus_free(c);

	alarm(0);
	unlink(p);
	unlink(p2);
	rmdir(dir);
}

/* Ids of plain files come from their names, but only letters and digits
 * (any script), '.', '-' and '_' survive: an ESC in a file name must not
 * reach the terminal through --list, nor a comma split a --compare id. */
static void test_plain_ids_are_safe(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-ids.XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const names[] = {"we\x1b[2Jird,name.txt",
	                                    "\xd9\x85\xd9\x82\xd8\xa7\xd9\x84.txt"};
	static const char *const ids[] = {"we__2Jird_name",
	                                  "\xd9\x85\xd9\x82\xd8\xa7\xd9\x84"};
	char path[2][256];
	char *paths[2];
	for (size_t i = 0; i < 2; i++) {
		snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
		FILE *f = fopen(path[i], "w");
		assert_non_null(f);
		fputs("Le texte de l'article est ici, et il est en fran\xc3\xa7" "ais.\n", f);
		fclose(f);
		paths[i] = path[i];
	}
	struct corpus *c = corpus_open_files(paths, 2);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(c->articles[i].id, ids[i]);
		for (const char *p = c->articles[i].id; *p; p++)
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f && *p != ',');
	}
	corpus_free(c);
	for (size_t i = 0; i < 2; i++)
		unlink(path[i]);
	rmdir(dir);
}

/* A plain news file often opens on a headline: the article's date is the
 * first full date of its opening paragraphs, not only of the first one; a
 * date further down (the fourth paragraph) is an event, not the article's. */
static void test_date_after_headline(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-headline.XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const texts[] = {
		"\xd7\x94\xd7\xa9\xd7\x99\xd7\x98\xd7\xa4\xd7\x95\xd7\xa0\xd7\x95\xd7\xaa "
		"\xd7\x91\xd7\xa6\xd7\xa4\xd7\x95\xd7\x9f\n\n"
		"\xd7\x94\xd7\x92\xd7\xa9\xd7\x9e\xd7\x99\xd7\x9d \xd7\xa9\xd7\x99\xd7\xa8\xd7\x93\xd7\x95 "
		"\xd7\x91-12 \xd7\x91\xd7\x9e\xd7\xa8\xd7\xa5 2024 \xd7\x94\xd7\xa6\xd7\x99\xd7\xa4\xd7\x95 "
		"\xd7\x90\xd7\xaa \xd7\x94\xd7\xa2\xd7\x99\xd7\xa8.\n",
		"Floods in the north\n\nNo rain fell overnight.\n\nRoads stayed closed.\n\n"
		"The first storm came on 3 March 2024.\n",
	};
	char path[2][256];
	char *paths[2];
	for (size_t i = 0; i < 2; i++) {
		snprintf(path[i], sizeof path[i], "%s/a%zu.txt", dir, i);
		FILE *f = fopen(path[i], "w");
		assert_non_null(f);
		fputs(texts[i], f);
		fclose(f);
		paths[i] = path[i];
	}
	struct corpus *c = corpus_open_files(paths, 2);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	assert_int_equal(c->articles[0].date.y, 2024);
	assert_int_equal(c->articles[0].date.m, 3);
	assert_int_equal(c->articles[0].date.d, 12);
	assert_true(c->articles[0].detected & CORPUS_DETECTED_DATE);
	assert_false(c->articles[1].detected & CORPUS_DETECTED_DATE);
	corpus_free(c);
	for (size_t i = 0; i < 2; i++)
		unlink(path[i]);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest bundled[] = {
		cmocka_unit_test(test_bundled_loads_clean),
		cmocka_unit_test(test_bundled_articles),
		cmocka_unit_test(test_bundled_timeline_order),
		cmocka_unit_test(test_bundled_event_articles),
		cmocka_unit_test(test_event_langs_small_buffer),
		cmocka_unit_test(test_bundled_translations),
		cmocka_unit_test(test_bundled_event_titles),
	};
	const struct CMUnitTest fixtures[] = {
		cmocka_unit_test(test_time_minutes),
		cmocka_unit_test(test_timeline_sort),
		cmocka_unit_test(test_bad_references),
		cmocka_unit_test(test_plain_dir),
		cmocka_unit_test(test_plain_dir_trailing_slash),
		cmocka_unit_test(test_open_files_missing_one),
		cmocka_unit_test(test_open_files_same_name),
		cmocka_unit_test(test_not_a_corpus),
		cmocka_unit_test(test_fifo_not_read),
		cmocka_unit_test(test_plain_ids_are_safe),
		cmocka_unit_test(test_date_after_headline),
	};
	int failed = cmocka_run_group_tests_name("bundled corpus", bundled, open_bundled, close_bundled);
	failed += cmocka_run_group_tests_name("fixtures", fixtures, NULL, NULL);
	return failed;
}
