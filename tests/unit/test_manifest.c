/* test_manifest.c — reading corpus.ini (src/corpus/manifest.c) from the
 * fixtures in tests/data/manifests/ (paths relative to the repository root):
 * a valid manifest read exactly (corpus title, events with times, places and
 * title.LANG, articles with every key, section and `file` lines); each
 * problem reported at its line with its level: bad date, time, dir, lang and
 * title.LANG, unknown keys and sections (warnings), duplicate event and
 * article sections, a bad or missing section id, a key outside any section,
 * a key given twice, empty values, a `file` that is a directory or empty
 * (in the manifest and in a corpus), a line with no '=', a NUL byte (the
 * next line still read), invalid UTF-8 (read as U+FFFD); values of any
 * length (a long Arabic title, a long URL); sections with no keys; a BOM and
 * CRLF line ends; indented keys and continued values; long ids; a missing
 * file; id lookups and duplicate checks over many ids; the time and
 * language-tag checkers and the event title fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/corpus.h"
#include "tandem/manifest.h"

#include "testutil.h"

#define DATA "tests/data/manifests/"

/* ---- helpers ------------------------------------------------------------- */

static void dump_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  %s:%u: %s: %s\n", d->items[i].file, d->items[i].line,
		              diag_level_name(d->items[i].level), d->items[i].msg);
}

/* The one diagnostic at `line` whose message contains `needle`; fails when
 * there is none. */
static const struct diag *find_diag(const struct diag_list *d, unsigned line, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].line == line && strstr(d->items[i].msg, needle))
			return &d->items[i];
	dump_diags(d);
	fail_msg("no diagnostic on line %u containing \"%s\"", line, needle);
	return NULL;
}

static void expect_diag(const struct diag_list *d, enum diag_level level, const char *path,
                        unsigned line, const char *needle)
{
	const struct diag *g = find_diag(d, line, needle);
	if (g->level != level) {
		dump_diags(d);
		fail_msg("line %u \"%s\": level %s, want %s", line, needle, diag_level_name(g->level),
		         diag_level_name(level));
	}
	assert_string_equal(g->file, path);
}

static size_t diags_on_line(const struct diag_list *d, unsigned line)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++)
		k += d->items[i].line == line;
	return k;
}

static void expect_ndiags(const struct diag_list *d, size_t n)
{
	if (d->n != n) {
		dump_diags(d);
		fail_msg("%zu diagnostic(s), want %zu", d->n, n);
	}
}

static void load_ok(const char *path, struct manifest *m, struct diag_list *d)
{
	memset(d, 0, sizeof *d);
	assert_int_equal(manifest_load(path, m, d), 0);
	assert_non_null(m->path);
	assert_string_equal(m->path, path);
}

static void assert_date(const struct date_ymd *d, int y, int mo, int day)
{
	assert_int_equal(d->y, y);
	assert_int_equal(d->m, mo);
	assert_int_equal(d->d, day);
}

/* ---- a valid manifest ---------------------------------------------------- */

static void test_valid(void **state)
{
	const char *path = DATA "valid.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_ndiags(&d, 0);

	assert_string_equal(m.title, "Test corpus: the Hanoi Convention");
	assert_int_equal(m.nevents, 3);
	assert_int_equal(m.narticles, 2);

	const struct manifest_event *e = &m.events[0];
	assert_string_equal(e->id, "signing");
	assert_int_equal(e->line, 5);
	assert_date(&e->date, 2025, 10, 25);
	assert_string_equal(e->time, "morning");
	assert_string_equal(e->place, "Hanoi, National Convention Center");
	assert_string_equal(e->title, "Signing ceremony");
	assert_int_equal(e->ntitles, 3);
	assert_string_equal(e->titles[0].lang, "fr");
	assert_string_equal(e->titles[0].text, "C\xc3\xa9r\xc3\xa9monie de signature");
	assert_string_equal(e->titles[1].lang, "ar");
	assert_string_equal(e->titles[1].text,
	                    "\xd8\xad\xd9\x81\xd9\x84 \xd8\xa7\xd9\x84\xd8\xaa\xd9\x88\xd9\x82\xd9\x8a\xd8\xb9");
	assert_string_equal(e->titles[2].lang, "zh-Hant");
	assert_string_equal(e->titles[2].text, "\xe7\xb0\xbd\xe7\xbd\xb2\xe5\x84\x80\xe5\xbc\x8f");

	e = &m.events[1];
	assert_string_equal(e->id, "reception");
	assert_int_equal(e->line, 14);
	assert_date(&e->date, 2025, 10, 25);
	assert_string_equal(e->time, "16:30");
	assert_string_equal(e->place, "Hanoi");
	assert_null(e->title);
	assert_int_equal(e->ntitles, 1);
	assert_string_equal(e->titles[0].lang, "id");
	assert_string_equal(e->titles[0].text, "Resepsi");

	/* a month-precision date; no time, place or title */
	e = &m.events[2];
	assert_string_equal(e->id, "vague");
	assert_int_equal(e->line, 21);
	assert_date(&e->date, 2025, 10, 0);
	assert_null(e->time);
	assert_null(e->place);
	assert_null(e->title);
	assert_int_equal(e->ntitles, 0);

	const struct manifest_article *a = &m.articles[0];
	assert_string_equal(a->id, "fr-one");
	assert_int_equal(a->line, 24);
	assert_int_equal(a->file_line, 25);
	assert_string_equal(a->file, "fr-one.txt");
	assert_string_equal(a->lang, "fr");
	assert_date(&a->date, 2025, 10, 23);
	assert_string_equal(a->event, "signing");
	assert_string_equal(a->mentions, "reception vague");
	assert_string_equal(a->source, "https://www.vietnamplus.vn/x-post1.vnp");
	assert_string_equal(a->group, "one-story");
	assert_string_equal(a->title, "Le pr\xc3\xa9sident inspecte la r\xc3\xa9p\xc3\xa9tition");
	assert_string_equal(a->dir, "ltr");

	a = &m.articles[1];
	assert_string_equal(a->id, "ar-one");
	assert_int_equal(a->line, 35);
	assert_int_equal(a->file_line, 36);
	assert_string_equal(a->file, "sub/ar-one.txt");
	assert_string_equal(a->lang, "ar");
	assert_string_equal(a->dir, "rtl");
	assert_string_equal(a->event, "signing");
	assert_string_equal(a->group, "one-story");
	assert_int_equal(a->date.y, 0);
	assert_null(a->mentions);
	assert_null(a->source);
	assert_null(a->title);

	manifest_free(&m);
	assert_int_equal(m.nevents, 0);
	assert_null(m.path);
	manifest_free(&m); /* cleared: freeing again is harmless */
	diag_list_free(&d);
}

static void test_event_title_fallback(void **state)
{
	struct manifest m;
	struct diag_list d;
	load_ok(DATA "valid.ini", &m, &d);
	const struct manifest_event *sig = &m.events[0], *rec = &m.events[1], *vag = &m.events[2];
	assert_string_equal(manifest_event_title(sig, "fr"), "C\xc3\xa9r\xc3\xa9monie de signature");
	assert_string_equal(manifest_event_title(sig, "zh-Hant"),
	                    "\xe7\xb0\xbd\xe7\xbd\xb2\xe5\x84\x80\xe5\xbc\x8f");
	assert_string_equal(manifest_event_title(sig, "de"), "Signing ceremony");
	assert_string_equal(manifest_event_title(sig, NULL), "Signing ceremony");
	assert_string_equal(manifest_event_title(rec, "id"), "Resepsi");
	assert_string_equal(manifest_event_title(rec, "fr"), "reception");
	assert_string_equal(manifest_event_title(vag, "en"), "vague");
	manifest_free(&m);
	diag_list_free(&d);
}

/* The bundled manifest reads with no diagnostic at all. */
static void test_bundled_manifest(void **state)
{
	struct manifest m;
	struct diag_list d;
	load_ok("corpus/corpus.ini", &m, &d);
	expect_ndiags(&d, 0);
	assert_int_equal(m.nevents, 6);
	assert_int_equal(m.narticles, 5);
	assert_string_equal(m.events[0].id, "adoption");
	assert_date(&m.events[0].date, 2024, 12, 24);
	assert_int_equal(m.events[0].ntitles, 4);
	assert_string_equal(m.articles[1].id, "ar-rehearsal");
	assert_string_equal(m.articles[1].dir, "rtl");
	assert_string_equal(m.articles[1].mentions, "adoption signing");
	manifest_free(&m);
	diag_list_free(&d);
}

/* ---- bad values ---------------------------------------------------------- */

static void test_bad_values(void **state)
{
	const char *path = DATA "values.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);

	expect_diag(&d, DIAG_WARNING, path, 4, "unknown key 'subtitle'");
	expect_diag(&d, DIAG_ERROR, path, 7, "date '2025-02-30'");
	expect_diag(&d, DIAG_ERROR, path, 8, "time 'noon'");
	expect_diag(&d, DIAG_ERROR, path, 10, "'f' is not a language tag");
	expect_diag(&d, DIAG_WARNING, path, 11, "unknown key 'when'");
	expect_diag(&d, DIAG_ERROR, path, 15, "time '24:00'");
	expect_diag(&d, DIAG_ERROR, path, 18, "time '09:60'");
	expect_diag(&d, DIAG_ERROR, path, 23, "dir 'sideways'");
	expect_diag(&d, DIAG_ERROR, path, 24, "lang 'french!'");
	expect_diag(&d, DIAG_ERROR, path, 25, "date '2025-13-01'");
	expect_diag(&d, DIAG_WARNING, path, 26, "unknown key 'colour'");
	expect_diag(&d, DIAG_WARNING, path, 27, "not an http(s) URL");
	expect_diag(&d, DIAG_WARNING, path, 28, "'file' given twice");
	expect_ndiags(&d, 13);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 8);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 5);

	/* bad values are dropped, good ones around them kept */
	assert_string_equal(m.title, "Values");
	assert_int_equal(m.nevents, 3);
	assert_int_equal(m.events[0].date.y, 0);
	assert_null(m.events[0].time);
	assert_string_equal(m.events[0].place, "Hanoi");
	assert_int_equal(m.events[0].ntitles, 0);
	assert_date(&m.events[1].date, 2025, 10, 25);
	assert_null(m.events[1].time);
	assert_date(&m.events[2].date, 2024, 2, 29); /* a leap day exists */
	assert_int_equal(m.narticles, 1);
	const struct manifest_article *a = &m.articles[0];
	assert_null(a->dir);
	assert_null(a->lang);
	assert_int_equal(a->date.y, 0);
	assert_string_equal(a->source, "ftp://example.org/x"); /* kept, with a warning */
	assert_string_equal(a->file, "y.txt");                 /* the later value wins */
	assert_int_equal(a->file_line, 28);
	assert_string_equal(a->title, "Kept");
	manifest_free(&m);
	diag_list_free(&d);
}

/* ---- sections ------------------------------------------------------------ */

static void test_sections(void **state)
{
	const char *path = DATA "structure.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);

	expect_diag(&d, DIAG_WARNING, path, 5, "unknown section [events signing]");
	expect_diag(&d, DIAG_ERROR, path, 11, "event 'signing' defined twice (first on line 2)");
	expect_diag(&d, DIAG_ERROR, path, 15, "article 'a' defined twice (first on line 8)");
	expect_diag(&d, DIAG_ERROR, path, 18, "the id must be");
	expect_ndiags(&d, 4);

	/* the first definitions stand; nothing of the ignored sections leaks */
	assert_int_equal(m.nevents, 1);
	assert_string_equal(m.events[0].id, "signing");
	assert_int_equal(m.events[0].line, 2);
	assert_date(&m.events[0].date, 2025, 10, 25);
	assert_null(m.events[0].title);
	assert_int_equal(m.narticles, 2);
	assert_string_equal(m.articles[0].id, "a");
	assert_string_equal(m.articles[0].file, "a.txt");
	assert_int_equal(m.articles[0].line, 8);
	assert_string_equal(m.articles[1].id, "b");
	assert_int_equal(m.articles[1].line, 21);
	manifest_free(&m);
	diag_list_free(&d);
}

/* A key before any section: one warning on its line, nothing else (no
 * "unknown section []"). */
static void test_key_outside_section(void **state)
{
	const char *path = DATA "outside.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	const struct diag *g = find_diag(&d, 1, "outside any section");
	assert_true(g->level >= DIAG_WARNING);
	assert_string_equal(g->file, path);
	expect_ndiags(&d, 1);
	assert_null(m.title);
	assert_int_equal(m.nevents, 1);
	assert_int_equal(m.events[0].line, 3);
	manifest_free(&m);
	diag_list_free(&d);
}

/* A section header with no key under it still defines its event or article
 * (corpus.c then says what is missing), is still checked for duplicates,
 * and an unknown one is still reported. */
static void test_sections_without_keys(void **state)
{
	const char *path = DATA "empty-sections.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	assert_int_equal(m.nevents, 1);
	assert_string_equal(m.events[0].id, "lonely");
	assert_int_equal(m.events[0].line, 2);
	assert_int_equal(m.events[0].date.y, 0); /* the duplicate's date is not taken */
	assert_int_equal(m.narticles, 1);
	assert_string_equal(m.articles[0].id, "bare");
	assert_int_equal(m.articles[0].line, 4);
	assert_null(m.articles[0].file);
	expect_diag(&d, DIAG_WARNING, path, 6, "unknown section [unknown-empty]");
	expect_diag(&d, DIAG_ERROR, path, 8, "event 'lonely' defined twice (first on line 2)");
	expect_ndiags(&d, 2);
	manifest_free(&m);
	diag_list_free(&d);
}

/* ---- lines --------------------------------------------------------------- */

/* Lines have no length limit: a long Arabic title, a 1000-byte title and a
 * long URL (with a ';' that is not a comment) are read whole, and the lines
 * after them keep their numbers. */
static void test_long_line(void **state)
{
	const char *path = DATA "longline.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);

	expect_diag(&d, DIAG_ERROR, path, 5, "time 'late'");
	expect_ndiags(&d, 1);
	assert_int_equal(m.nevents, 1);
	char *line = test_file_line(path, 2);
	assert_true(strlen(line) > 200);
	assert_non_null(m.events[0].title);
	assert_string_equal(m.events[0].title, line + strlen("title = "));
	assert_true(strncmp(m.events[0].title, "\xd9\x85\xd8\xb1\xd8\xa7\xd8\xb3\xd9\x85 ", 11) == 0);
	free(line);
	assert_string_equal(m.events[0].place, "Hanoi");
	assert_int_equal(m.narticles, 1);
	assert_int_equal(m.articles[0].line, 6);
	assert_int_equal(strlen(m.articles[0].title), 1000);
	assert_int_equal(strspn(m.articles[0].title, "y"), 1000);
	line = test_file_line(path, 8);
	assert_string_equal(m.articles[0].source, line + strlen("source = "));
	assert_int_equal(strlen(m.articles[0].source), 337 - strlen("source = "));
	assert_non_null(strstr(m.articles[0].source, "?q=1;x=2"));
	free(line);
	assert_string_equal(m.articles[0].group, "g");
	manifest_free(&m);
	diag_list_free(&d);
}

/* A NUL byte in a line: that line is reported, with its number and the
 * byte, and skipped; the next line is read as usual (the article keeps its
 * file). Invalid UTF-8: a warning with the line and byte, and the value is
 * kept with U+FFFD for the bad byte. */
static void test_nul_and_bad_utf8(void **state)
{
	const char *path = DATA "bytes.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_diag(&d, DIAG_ERROR, path, 3, "NUL byte in line 3 (byte 15); line ignored");
	expect_diag(&d, DIAG_WARNING, path, 6, "invalid UTF-8 in line 6 (byte 12), read as U+FFFD");
	expect_ndiags(&d, 2);
	assert_int_equal(m.narticles, 2);
	assert_null(m.articles[0].title);
	assert_string_equal(m.articles[0].file, "a.txt");
	assert_int_equal(m.articles[0].file_line, 4);
	assert_string_equal(m.articles[1].title, "caf\xef\xbf\xbd");
	assert_string_equal(m.articles[1].file, "b.txt");
	assert_int_equal(m.articles[1].file_line, 7);
	manifest_free(&m);
	diag_list_free(&d);
}

/* Empty values say they are empty; `file` naming a directory says so; a
 * section with no id says the id is missing. Each on its line. */
static void test_empty_values_and_dirs(void **state)
{
	const char *path = DATA "empty.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_diag(&d, DIAG_ERROR, path, 3, "[event]: no id (write [event ID])");
	expect_diag(&d, DIAG_WARNING, path, 6, "[event e]: 'date' is empty");
	expect_diag(&d, DIAG_WARNING, path, 7, "[event e]: 'title' is empty");
	expect_diag(&d, DIAG_ERROR, path, 9, "[article dot]: file '.' names a directory, not a file");
	expect_diag(&d, DIAG_ERROR, path, 11, "[article empty]: 'file' is empty");
	expect_diag(&d, DIAG_ERROR, path, 13, "file 'sub/..' names a directory");
	expect_diag(&d, DIAG_ERROR, path, 15, "file 'sub/' ends in '/'");
	expect_diag(&d, DIAG_ERROR, path, 18, "file '.' names a directory");
	expect_diag(&d, DIAG_WARNING, path, 21, "[article ok]: 'event' is empty");
	expect_ndiags(&d, 9);
	for (size_t i = 0; i < d.n; i++)
		assert_null(strstr(d.items[i].msg, "leads outside"));

	assert_int_equal(m.nevents, 1); /* [event] is not one */
	assert_int_equal(m.events[0].date.y, 0);
	assert_null(m.events[0].title);
	assert_int_equal(m.narticles, 6);
	for (size_t i = 0; i < 5; i++) {
		assert_null(m.articles[i].file);
		assert_true(m.articles[i].file_line > 0); /* given, and refused */
	}
	assert_int_equal(m.articles[4].file_line, 18); /* the later value counts */
	assert_string_equal(m.articles[5].file, "a.txt");
	assert_null(m.articles[5].event);
	assert_string_equal(m.articles[5].lang, "fr");
	manifest_free(&m);
	diag_list_free(&d);
}

static const struct diag *corpus_diag(const struct corpus *c, const char *a, const char *b)
{
	for (size_t i = 0; i < c->diags.n; i++)
		if (strstr(c->diags.items[i].msg, a) && strstr(c->diags.items[i].msg, b))
			return &c->diags.items[i];
	dump_diags(&c->diags);
	fail_msg("no diagnostic with \"%s\" and \"%s\"", a, b);
	return NULL;
}

/* In a corpus, `file = .`, `file =` and a file that is a directory each get
 * one message naming the manifest and the line, saying what is wrong — not
 * "leads outside", not "no 'file' key". */
static void test_corpus_file_not_a_file(void **state)
{
	const char *ini = DATA "filedir/corpus.ini";
	struct corpus *c = corpus_open_dir(DATA "filedir");
	assert_non_null(c);
	const struct diag *g = corpus_diag(c, "[article dot]", "names a directory, not a file");
	assert_string_equal(g->file, ini);
	assert_int_equal(g->line, 3);
	g = corpus_diag(c, "[article empty]", "'file' is empty");
	assert_string_equal(g->file, ini);
	assert_int_equal(g->line, 6);
	g = corpus_diag(c, "[article subdir]", "file 'sub' is a directory, not a file");
	assert_string_equal(g->file, ini);
	assert_int_equal(g->line, 9);
	for (size_t i = 0; i < c->diags.n; i++) {
		assert_null(strstr(c->diags.items[i].msg, "leads outside"));
		assert_null(strstr(c->diags.items[i].msg, "no 'file' key"));
	}
	assert_int_equal(diag_count(&c->diags, DIAG_ERROR), 3);
	assert_int_equal(c->narticles, 1);
	assert_string_equal(c->articles[0].id, "good");
	corpus_free(c);
}

static void test_syntax_error(void **state)
{
	const char *path = DATA "syntax.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_diag(&d, DIAG_ERROR, path, 3, "not a [section], key = value or ; comment (no '=')");
	expect_ndiags(&d, 1);
	/* reading goes on after it */
	assert_int_equal(m.nevents, 1);
	assert_string_equal(m.events[0].place, "Hanoi");
	assert_int_equal(m.narticles, 1);
	assert_string_equal(m.articles[0].file, "b.txt");
	manifest_free(&m);
	diag_list_free(&d);
}

/* A byte order mark and CRLF line ends (a manifest saved by a Windows
 * editor) read like any other manifest, with the right section lines. */
static void test_bom_and_crlf(void **state)
{
	const char *path = DATA "bom-crlf.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_ndiags(&d, 0);
	assert_int_equal(m.nevents, 1);
	assert_string_equal(m.events[0].id, "a");
	assert_date(&m.events[0].date, 2025, 10, 25);
	assert_string_equal(m.events[0].time, "morning");
	assert_string_equal(m.events[0].place, "Hanoi");
	assert_int_equal(m.narticles, 1);
	assert_string_equal(m.articles[0].file, "b.txt");
	assert_string_equal(m.articles[0].title, "With CRLF");
	assert_int_equal(m.articles[0].line, 6);
	assert_int_equal(m.articles[0].file_line, 7);
	assert_int_equal(m.events[0].line, 1);
	manifest_free(&m);
	diag_list_free(&d);
}

/* Indented keys are keys: an indented line must not be taken for the
 * continuation of the previous value ("date 'time = morning'"), nor a
 * continued value for a second `title` that replaces the first line (it is
 * a line with no '=', reported). */
static void test_indented_lines(void **state)
{
	const char *path = DATA "indented.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	for (unsigned line = 1; line <= 9; line++)
		if (diags_on_line(&d, line)) {
			dump_diags(&d);
			fail_msg("a diagnostic on line %u", line);
		}
	assert_int_equal(m.nevents, 1);
	assert_date(&m.events[0].date, 2025, 10, 25);
	assert_string_equal(m.events[0].time, "morning");
	assert_string_equal(m.events[0].place, "Hanoi");
	assert_int_equal(m.narticles, 1);
	assert_string_equal(m.articles[0].file, "x.txt");
	assert_int_equal(m.articles[0].file_line, 8);
	assert_string_equal(m.articles[0].lang, "fr");
	assert_non_null(m.articles[0].title);
	assert_true(strncmp(m.articles[0].title, "Le pr\xc3\xa9sident Luong Cuong inspecte", 34) == 0);
	for (size_t i = 0; i < d.n; i++)
		assert_null(strstr(d.items[i].msg, "given twice"));
	expect_diag(&d, DIAG_ERROR, path, 10, "no '='");
	expect_ndiags(&d, 1);
	manifest_free(&m);
	diag_list_free(&d);
}

/* Ids are kept whole, however long. */
static void test_long_ids(void **state)
{
	const char *path = DATA "longid.ini";
	struct manifest m;
	struct diag_list d;
	load_ok(path, &m, &d);
	expect_ndiags(&d, 0);
	assert_int_equal(m.narticles, 2);
	assert_string_equal(m.articles[0].id, "id-discussion-baoquocte-high-level-session-morning");
	assert_string_equal(m.articles[0].file, "a.txt");
	assert_string_equal(m.articles[1].id, "id-discussion-baoquocte-high-level-session-afternoon");
	assert_string_equal(m.articles[1].file, "b.txt");
	assert_int_equal(m.articles[1].line, 5);
	assert_int_equal(m.nevents, 1);
	assert_string_equal(m.events[0].id,
	                    "the-signing-ceremony-of-the-hanoi-convention-against-cybercrime");
	assert_date(&m.events[0].date, 2025, 10, 25);
	manifest_free(&m);
	diag_list_free(&d);
}

/* Many ids: each is found at its index, a duplicate of any of them is
 * reported with the line of the first, and an unknown id is not found. */
static void test_many_ids(void **state)
{
	char path[] = "/tmp/tandem-test-manifest-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	enum { N = 5000 };
	for (int i = 0; i < N; i++)
		fprintf(f, "[event e%d]\ndate = 2025-10-25\n[article a%d]\nfile = a.txt\n", i, i);
	fprintf(f, "[event e1234]\n[article a4321]\n[article a0]\n");
	assert_int_equal(fclose(f), 0);

	struct manifest m;
	struct diag_list d = {0};
	assert_int_equal(manifest_load(path, &m, &d), 0);
	unlink(path);
	assert_int_equal(m.nevents, N);
	assert_int_equal(m.narticles, N);
	char id[32];
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "e%d", i);
		assert_int_equal(manifest_find_event(&m, id), i);
		snprintf(id, sizeof id, "a%d", i);
		assert_int_equal(manifest_find_article(&m, id), i);
	}
	assert_int_equal(manifest_find_event(&m, "a1"), -1);
	assert_int_equal(manifest_find_article(&m, "e1"), -1);
	assert_int_equal(manifest_find_event(&m, "e5000"), -1);
	assert_int_equal(manifest_find_article(&m, ""), -1);
	/* event e1234 starts line 1234 * 4 + 1; article a4321 line 4321 * 4 + 3 */
	expect_diag(&d, DIAG_ERROR, path, 4 * N + 1, "event 'e1234' defined twice (first on line 4937)");
	expect_diag(&d, DIAG_ERROR, path, 4 * N + 2, "article 'a4321' defined twice (first on line 17287)");
	expect_diag(&d, DIAG_ERROR, path, 4 * N + 3, "article 'a0' defined twice (first on line 3)");
	expect_ndiags(&d, 3);
	manifest_free(&m);
	diag_list_free(&d);

	/* a manifest with no section at all finds nothing */
	memset(&m, 0, sizeof m);
	assert_int_equal(manifest_find_event(&m, "e1"), -1);
	assert_int_equal(manifest_find_article(&m, "a1"), -1);
}

static void test_missing_file(void **state)
{
	const char *path = DATA "no-such-manifest.ini";
	struct manifest m;
	struct diag_list d = {0};
	assert_int_equal(manifest_load(path, &m, &d), -1);
	expect_ndiags(&d, 1);
	assert_int_equal(d.items[0].level, DIAG_ERROR);
	assert_string_equal(d.items[0].file, path);
	assert_int_equal(d.items[0].line, 0);
	assert_non_null(strstr(d.items[0].msg, "cannot open"));
	assert_int_equal(diags_on_line(&d, 0), 1);
	manifest_free(&m);
	diag_list_free(&d);
}

/* ---- value checkers ------------------------------------------------------ */

static void test_valid_time(void **state)
{
	const char *good[] = {"morning", "afternoon", "evening", "00:00", "09:05", "23:59", "16:30"};
	const char *bad[] = {"", "noon", "Morning", "24:00", "9:00", "09:60", "0900", "09:5",
	                     "09:050", "ab:cd", "12-30", " 09:00"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!manifest_valid_time(good[i]))
			fail_msg("'%s' should be a valid time", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (manifest_valid_time(bad[i]))
			fail_msg("'%s' should not be a valid time", bad[i]);
}

static void test_valid_lang(void **state)
{
	const char *good[] = {"fr", "ar", "id", "und", "zh-Hant", "pt-BR", "es-419", "sr-Latn-RS"};
	const char *bad[] = {"", "f", "french", "fr_FR", "fr-", "-fr", "fr--BR", "fr-abcdefghi",
	                     "fr!", "12", "fr BR"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!manifest_valid_lang(good[i]))
			fail_msg("'%s' should be a valid tag", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (manifest_valid_lang(bad[i]))
			fail_msg("'%s' should not be a valid tag", bad[i]);
}


/* Two manifests are the same: title, events and articles field by field. */
static void assert_same_manifest(const struct manifest *a, const struct manifest *b)
{
#define SAME_STR(x, y) \
	do { \
		if ((x) || (y)) { \
			assert_non_null(x); \
			assert_non_null(y); \
			assert_string_equal(x, y); \
		} \
	} while (0)
	SAME_STR(a->title, b->title);
	assert_int_equal(a->nevents, b->nevents);
	for (size_t i = 0; i < a->nevents; i++) {
		const struct manifest_event *x = &a->events[i], *y = &b->events[i];
		SAME_STR(x->id, y->id);
		assert_int_equal(dates_compare(&x->date, &y->date), 0);
		SAME_STR(x->time, y->time);
		SAME_STR(x->place, y->place);
		SAME_STR(x->title, y->title);
		assert_int_equal(x->ntitles, y->ntitles);
		for (size_t k = 0; k < x->ntitles; k++) {
			assert_string_equal(x->titles[k].lang, y->titles[k].lang);
			assert_string_equal(x->titles[k].text, y->titles[k].text);
		}
		assert_int_equal(x->nkeywords, y->nkeywords);
		for (size_t k = 0; k < x->nkeywords; k++) {
			assert_string_equal(x->keywords[k].lang, y->keywords[k].lang);
			assert_string_equal(x->keywords[k].text, y->keywords[k].text);
		}
		assert_int_equal(x->line, y->line);
		assert_int_equal(manifest_find_event(b, x->id), (long)i);
	}
	assert_int_equal(a->narticles, b->narticles);
	for (size_t i = 0; i < a->narticles; i++) {
		const struct manifest_article *x = &a->articles[i], *y = &b->articles[i];
		SAME_STR(x->id, y->id);
		SAME_STR(x->file, y->file);
		SAME_STR(x->lang, y->lang);
		SAME_STR(x->event, y->event);
		SAME_STR(x->mentions, y->mentions);
		SAME_STR(x->source, y->source);
		SAME_STR(x->group, y->group);
		SAME_STR(x->title, y->title);
		SAME_STR(x->dir, y->dir);
		assert_int_equal(dates_compare(&x->date, &y->date), 0);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->file_line, y->file_line);
		assert_int_equal(manifest_find_article(b, x->id), (long)i);
	}
#undef SAME_STR
}

/* The record the index keeps of a manifest (manifest_pack) reads back as
 * the manifest and its messages, those about the manifest naming the path
 * it is read by; every shorter record is refused and adds no message. */
static void test_record(void **state)
{
	(void)state;
	const char *files[] = {"corpus/corpus.ini", "tests/data/manifests/values.ini",
	                       "tests/data/manifests/structure.ini"};
	size_t messages = 0;
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		struct manifest m, back;
		struct diag_list d = {0}, d2 = {0};
		assert_int_equal(manifest_load(files[f], &m, &d), 0);
		struct blob b = {0};
		manifest_pack(&m, d.items, d.n, &b);
		assert_false(b.failed);
		assert_int_equal(manifest_unpack(b.data, b.len, "elsewhere.ini", &back, &d2), 0);
		assert_string_equal(back.path, "elsewhere.ini");
		assert_same_manifest(&m, &back);
		assert_int_equal(d2.n, d.n);
		messages += d.n;
		for (size_t i = 0; i < d.n; i++) {
			assert_int_equal(d2.items[i].level, d.items[i].level);
			assert_int_equal(d2.items[i].line, d.items[i].line);
			assert_string_equal(d2.items[i].msg, d.items[i].msg);
			assert_string_equal(d2.items[i].file,
			                    strcmp(d.items[i].file, files[f]) ? d.items[i].file
			                                                      : "elsewhere.ini");
		}
		manifest_free(&back);
		diag_list_free(&d2);
		for (size_t n = 0; n < b.len; n += 1 + n / 64) {
			assert_int_equal(manifest_unpack(b.data, n, "x.ini", &back, &d2), -1);
			assert_int_equal(d2.n, 0);
			assert_int_equal(back.narticles + back.nevents, 0);
		}
		diag_list_free(&d2); /* the room a refused record's messages took */
		blob_free(&b);
		manifest_free(&m);
		diag_list_free(&d);
	}
	assert_true(messages > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_event_title_fallback),
		cmocka_unit_test(test_bundled_manifest),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_key_outside_section),
		cmocka_unit_test(test_sections_without_keys),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_nul_and_bad_utf8),
		cmocka_unit_test(test_empty_values_and_dirs),
		cmocka_unit_test(test_corpus_file_not_a_file),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_indented_lines),
		cmocka_unit_test(test_long_ids),
		cmocka_unit_test(test_many_ids),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_valid_time),
		cmocka_unit_test(test_valid_lang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
