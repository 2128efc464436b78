/* test_index.c — the on-disk index (src/corpus/index.c) and loading through
 * it (src/corpus/corpus.c): the schema and a round trip of every field; a
 * second load reads no article file (and forgets a file gone), and a file is
 * read again when its size or modification time changes (its fields then
 * follow the new text, and a touched but unchanged file is recognised by its
 * hash); a damaged file, an index of another schema or parse version, an
 * unusable cache directory and a read-only database (checked as the user
 * nobody when the tests run as root) are rebuilt or left
 * aside with one warning while the corpus still loads (a locked one is read,
 * not written, with a note), and damage in an index not checked whole at open is found
 * when read; two connections write one index; a text changed on disk is
 * read again when the article is next opened, and hits into its old text are
 * refused (corpus_article_block); a file in another encoding is decoded
 * either way; loading reports its progress. Which files were read is
 * counted through the TANDEM_TEST_OPEN_LOG hook (file.h). The hash of a
 * file's bytes tells a change of any byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/corpus.h"
#include "tandem/index.h"
#include "testutil.h"

static int setup(void **state)
{
	return test_dir_setup(state, "index", 1);
}

static int teardown(void **state)
{
	return test_dir_teardown(state);
}


/* Loads the corpus through the index; *read receives how many article
 * files were opened. */
static struct corpus *load(struct test_dir *fx, int reindex, size_t *read)
{
	unlink(fx->log);
	struct corpus_opts o = {.index = 1, .reindex = reindex, .cache_dir = fx->cache};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	*read = test_dir_opened(fx);
	return c;
}

/* The warnings of a corpus that mention the index. */
static size_t index_warnings(const struct corpus *c, const char *what)
{
	size_t n = 0;
	for (size_t i = 0; i < c->diags.n; i++)
		if (strstr(c->diags.items[i].msg, "index") &&
		    (!what || strstr(c->diags.items[i].msg, what)))
			n++;
	return n;
}

static const char *title_of(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	assert_true(k >= 0);
	return c->articles[k].title;
}

static void three_articles(struct test_dir *fx)
{
	test_dir_write(fx, "a.txt", "The first story, told on 3 March 2024.\n\nMore of it.\n");
	test_dir_write(fx, "b.txt", "Le deuxième article, du 4 mars 2024.\n\nSource: https://b.example/x\n");
	test_dir_write(fx, "c.txt", "A third one.\n");
}

/* After cindex_preload, lookups in the order the rows were written answer
 * from one pass over them: the same fields as a query (no blocks or dates,
 * has_paragraph and ndates set). A path that is not indexed is 0; a path
 * looked up out of that order (a second time, or after rows of files no
 * longer there) is read from the database (with its blocks), and after two
 * such lookups the pass goes on after the row found. A write in the middle
 * does not end the pass. */
static void test_index_preload(void **state)
{
	struct test_dir *fx = *state;
	char *note = NULL;
	struct cindex *ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	struct article_block para = {BLOCK_PARAGRAPH, 0, 10, 0, 10, 1, 1, -1, 9};
	struct article_block src = {BLOCK_SOURCE, 20, 5, 12, 15, 3, 1, 0, 7};
	struct date_mention dates[2] = {{{2024, 3, 3}, {2024, 3, 5}, 4, 12, 1},
	                                {{2023, 1, 2}, {2023, 1, 2}, 30, 8, 0}};
	char path[32], title[32];
	for (int i = 0; i < 50; i++) {
		snprintf(path, sizeof path, "d/a%d.txt", i);
		snprintf(title, sizeof title, "Titre %d", i);
		struct cindex_entry e = {
		    .size = 100 + i, .mtime_ns = 1000 + i, .hash = (uint64_t)i * 7, .inputs = 3,
		    .lang = (char *)"fr", .source = i % 2 ? (char *)"https://x.example/" : NULL,
		    .title = title, .date = {2024, 3, i % 28 + 1}, .detected = 1, .dates = dates,
		    .ndates = (size_t)(i % 3), .blocks = i % 5 ? &para : &src, .nblocks = 1};
		assert_int_equal(cindex_put(ix, path, &e), 0);
	}
	cindex_close(ix);

	ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_null(note);
	assert_int_equal(cindex_preload(ix), 0);
	struct cindex_entry g;
	for (int i = 0; i < 50; i++) {
		if (i >= 20 && i < 25)
			continue; /* files no longer there: their rows are passed over */
		snprintf(path, sizeof path, "d/a%d.txt", i);
		snprintf(title, sizeof title, "Titre %d", i);
		assert_int_equal(cindex_lookup(ix, path, &g), 1);
		assert_int_equal(g.size, 100 + i);
		assert_true(g.mtime_ns == 1000 + i);
		assert_true(g.hash == (uint64_t)i * 7);
		assert_string_equal(g.title, title);
		assert_string_equal(g.lang, "fr");
		if (i % 2)
			assert_string_equal(g.source, "https://x.example/");
		else
			assert_null(g.source);
		assert_int_equal(g.date.d, i % 28 + 1);
		assert_int_equal(g.ndates, i % 3);
		assert_int_equal(g.has_paragraph, i % 5 != 0);
		if (i == 25 || i == 26) {
			/* not the pass's next row: the database answers */
			assert_int_equal(g.nblocks, 1);
			assert_non_null(g.blocks);
		} else {
			assert_null(g.dates);
			assert_int_equal(g.nblocks, 0);
			assert_null(g.blocks);
		}
		cindex_entry_free(&g);
		if (i == 11) {
			/* not indexed */
			assert_int_equal(cindex_lookup(ix, "d/b.txt", &g), 0);
			/* a second time: from the database, blocks and all */
			assert_int_equal(cindex_lookup(ix, "d/a11.txt", &g), 1);
			assert_string_equal(g.title, "Titre 11");
			assert_int_equal(g.nblocks, 1);
			assert_int_equal(g.blocks[0].kind, BLOCK_PARAGRAPH);
			assert_int_equal(g.has_paragraph, 1);
			assert_int_equal(g.ndates, 2);
			assert_int_equal(g.dates[1].from.y, 2023);
			assert_int_equal(g.dates[1].off, 30);
			cindex_entry_free(&g);
		}
		if (i == 30) {
			struct cindex_entry e = {.size = 1, .lang = (char *)"en", .title = (char *)"N"};
			assert_int_equal(cindex_put(ix, "d/new.txt", &e), 0);
		}
	}
	/* every row handed out: lookups query again */
	assert_int_equal(cindex_lookup(ix, "d/a3.txt", &g), 1);
	assert_int_equal(g.nblocks, 1);
	cindex_entry_free(&g);
	assert_int_equal(cindex_lookup(ix, "d/b.txt", &g), 0);
	assert_int_equal(cindex_lookup(ix, "d/new.txt", &g), 1);
	assert_string_equal(g.title, "N");
	cindex_entry_free(&g);
	/* a pass not finished is ended at close (checked under SANITIZE=1) */
	assert_int_equal(cindex_preload(ix), 0);
	assert_int_equal(cindex_lookup(ix, "d/a0.txt", &g), 1);
	assert_int_equal(g.nblocks, 0);
	cindex_entry_free(&g);
	cindex_close(ix);
}

/* Every field written comes back; the schema version is in user_version;
 * a missing article is 0. */
static void test_index_round_trip(void **state)
{
	struct test_dir *fx = *state;
	char *note = (char *)"unset";
	struct cindex *ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_null(note);
	assert_int_equal(cindex_count(ix), 0);

	struct article_block blocks[2] = {
	    {BLOCK_PARAGRAPH, 0, 10, 0, 10, 1, 1, -1, 0xdeadbeefu},
	    {BLOCK_SOURCE, 20, 5, 12, 15, 3, 1, 0, 7}};
	struct date_mention dates[1] = {{{2024, 3, 3}, {2024, 3, 5}, 4, 12, 1}};
	struct cindex_entry e = {
	    .size = 1234, .mtime_ns = 1700000000123456789LL, .hash = 0xfedcba9876543210ull,
	    .inputs = 42, .lang = (char *)"fr", .source = NULL, .title = (char *)"Un titre",
	    .date = {2024, 3, 4}, .detected = 5, .dates = dates, .ndates = 1, .blocks = blocks,
	    .nblocks = 2, .invalid_utf8 = 3, .controls = 4};
	assert_int_equal(cindex_put(ix, "sub/a.txt", &e), 0);
	assert_int_equal(cindex_flush(ix), 0);

	struct cindex_entry g;
	assert_int_equal(cindex_lookup(ix, "sub/a.txt", &g), 1);
	assert_int_equal(g.size, 1234);
	assert_true(g.mtime_ns == 1700000000123456789LL);
	assert_true(g.hash == 0xfedcba9876543210ull);
	assert_true(g.inputs == 42);
	assert_string_equal(g.lang, "fr");
	assert_null(g.source);
	assert_string_equal(g.title, "Un titre");
	assert_int_equal(g.date.y, 2024);
	assert_int_equal(g.date.m, 3);
	assert_int_equal(g.date.d, 4);
	assert_int_equal(g.detected, 5);
	assert_int_equal(g.invalid_utf8, 3);
	assert_int_equal(g.controls, 4);
	assert_int_equal(g.nblocks, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(g.blocks[i].kind, blocks[i].kind);
		assert_int_equal(g.blocks[i].off, blocks[i].off);
		assert_int_equal(g.blocks[i].len, blocks[i].len);
		assert_int_equal(g.blocks[i].line_off, blocks[i].line_off);
		assert_int_equal(g.blocks[i].line_len, blocks[i].line_len);
		assert_int_equal(g.blocks[i].line, blocks[i].line);
		assert_int_equal(g.blocks[i].ordinal, blocks[i].ordinal);
		assert_int_equal(g.blocks[i].dup_of, blocks[i].dup_of);
		assert_int_equal(g.blocks[i].hash, blocks[i].hash);
	}
	assert_int_equal(g.ndates, 1);
	assert_int_equal(g.dates[0].from.y, 2024);
	assert_int_equal(g.dates[0].from.d, 3);
	assert_int_equal(g.dates[0].to.m, 3);
	assert_int_equal(g.dates[0].to.d, 5);
	assert_int_equal(g.dates[0].off, 4);
	assert_int_equal(g.dates[0].len, 12);
	assert_int_equal(g.dates[0].year_inferred, 1);
	cindex_entry_free(&g);
	assert_int_equal(cindex_lookup(ix, "b.txt", &g), 0);
	assert_int_equal(cindex_count(ix), 1);
	cindex_close(ix);

	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(fx->db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), CINDEX_SCHEMA);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(s);
}

/* The second load reads nothing and gives the same fields; a file whose
 * size changes is read again and its fields follow. */
static void test_index_second_load_reads_nothing(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 3);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(index_warnings(c, NULL), 0);
	assert_string_equal(title_of(c, "b"), "Le deuxième article, du 4 mars 2024.");
	long b = corpus_find_article(c, "b");
	assert_string_equal(c->articles[b].source, "https://b.example/x");
	assert_int_equal(c->articles[b].date.y, 2024);
	size_t ndates = c->articles[b].ndates;
	char *lang = strdup(c->articles[b].lang);
	corpus_free(c);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), 3);

	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	assert_int_equal(c->narticles, 3);
	b = corpus_find_article(c, "b");
	assert_string_equal(title_of(c, "b"), "Le deuxième article, du 4 mars 2024.");
	assert_string_equal(c->articles[b].source, "https://b.example/x");
	assert_string_equal(c->articles[b].lang, lang);
	assert_int_equal(c->articles[b].date.m, 3);
	assert_int_equal(c->articles[b].date.d, 4);
	assert_int_equal(c->articles[b].ndates, ndates);
	assert_true(c->articles[b].detected & CORPUS_DETECTED_SOURCE);
	/* the text is read when asked for, and is the file's */
	const struct article_text *t = corpus_article_text(&c->articles[b]);
	assert_non_null(t->raw);
	assert_non_null(strstr(t->raw, "deuxième"));
	assert_true(t->nblocks >= 2);
	free(lang);
	corpus_free(c);

	/* a longer file: read again, its fields follow */
	test_dir_write(fx, "a.txt", "A new first story, much longer than it was.\n");
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "A new first story, much longer than it was.");
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	assert_string_equal(title_of(c, "a"), "A new first story, much longer than it was.");
	corpus_free(c);

	/* a file gone: its row goes too */
	char gone[256];
	snprintf(gone, sizeof gone, "%s/c.txt", fx->dir);
	assert_int_equal(unlink(gone), 0);
	c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 2);
	assert_int_equal(read, 0);
	corpus_free(c);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), 2);
	test_dir_write(fx, "c.txt", "A third one.\n");

	/* --reindex: everything read again */
	c = load(fx, 1, &read);
	assert_int_equal(read, 3);
	assert_int_equal(index_warnings(c, NULL), 0);
	corpus_free(c);
}

static void set_mtime(const char *path, time_t sec)
{
	struct timespec ts[2] = {{sec, 0}, {sec, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Same size, another modification time: the file is read and, when its
 * bytes changed (the hash differs), its fields follow; when they did not,
 * the index takes the new time and the next load reads nothing. */
static void test_index_mtime_and_hash(void **state)
{
	struct test_dir *fx = *state;
	char a[256];
	snprintf(a, sizeof a, "%s/a.txt", fx->dir);
	test_dir_write(fx, "a.txt", "Title one here.\n\nOn 3 March 2024 and 4 May 2024.\n");
	set_mtime(a, 1000000000);
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	corpus_free(c);

	/* same bytes, new time: read once (to compare), then not; only the
	 * time is written (the row keeps its dates and blocks) */
	set_mtime(a, 1000000100);
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "Title one here.");
	assert_int_equal(c->articles[0].ndates, 2);
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	assert_int_equal(c->articles[0].ndates, 2);
	assert_int_equal(c->articles[0].date.m, 3);
	corpus_free(c);
	char *note = NULL;
	struct cindex *ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_null(note);
	struct cindex_entry e;
	assert_int_equal(cindex_lookup(ix, "a.txt", &e), 1);
	assert_int_equal(e.mtime_ns, 1000000100LL * 1000000000LL);
	assert_int_equal(e.ndates, 2);
	assert_int_equal(e.nblocks, 2);
	cindex_entry_free(&e);
	cindex_close(ix);

	/* same size, other bytes, new time: the new title */
	test_dir_write(fx, "a.txt", "Title two here.\n");
	set_mtime(a, 1000000200);
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "Title two here.");
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	assert_string_equal(title_of(c, "a"), "Title two here.");
	corpus_free(c);
}

/* A manifest that now gives a field the text used to give: the article is
 * read again (detection depends on what the manifest gives). */
static void test_index_manifest_inputs(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "a.txt", "Detected title.\n");
	char ini[256];
	snprintf(ini, sizeof ini, "%s/corpus.ini", fx->dir);
	test_write_file(ini, "[article a]\nfile = a.txt\n");
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "Detected title.");
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	corpus_free(c);
	test_write_file(ini, "[article a]\nfile = a.txt\ntitle = Given title\n");
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "Given title");
	assert_false(c->articles[0].detected & CORPUS_DETECTED_TITLE);
	corpus_free(c);
}

/* Garbage over the index: rebuilt, with one warning, and the corpus loads. */
static void test_index_corrupt(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	corpus_free(c);
	FILE *f = fopen(fx->db, "r+");
	assert_non_null(f);
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, f);
	assert_int_equal(fclose(f), 0);

	c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(read, 3);
	assert_int_equal(index_warnings(c, NULL), 1);
	assert_int_equal(index_warnings(c, "damaged"), 1);
	assert_int_equal(corpus_errors(c), 0);
	corpus_free(c);
	/* and it is whole again */
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	assert_int_equal(index_warnings(c, NULL), 0);
	corpus_free(c);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), 3);
}

/* A page in the middle of the file damaged: quick_check finds it. */
static void test_index_corrupt_page(void **state)
{
	struct test_dir *fx = *state;
	char name[32];
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "n%03d.txt", i);
		test_dir_write(fx, name, "Some paragraph of text, long enough to fill pages of the "
		                        "index when there are a couple of hundred of them.\n");
	}
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 200);
	corpus_free(c);
	struct stat st;
	assert_int_equal(stat(fx->db, &st), 0);
	assert_true(st.st_size > 3 * 4096);
	FILE *f = fopen(fx->db, "r+");
	assert_non_null(f);
	/* the whole of page 3 (the article table's root) */
	assert_int_equal(fseek(f, 2 * 4096, SEEK_SET), 0);
	for (int i = 0; i < 4096; i++)
		fputc(0xa5, f);
	assert_int_equal(fclose(f), 0);

	c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 200);
	assert_int_equal(index_warnings(c, "damaged"), 1);
	assert_int_equal(corpus_errors(c), 0);
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	corpus_free(c);
}

/* A large index is not checked whole when opened (CINDEX_TRUST does the
 * same for a small one): damage found while reading marks it damaged, and
 * closing removes it. */
static void test_index_damage_found_later(void **state)
{
	struct test_dir *fx = *state;
	char name[32];
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "n%03d.txt", i);
		test_dir_write(fx, name, "Some paragraph of text, long enough to fill pages of the "
		                        "index when there are a couple of hundred of them.\n");
	}
	size_t read;
	corpus_free(load(fx, 0, &read));
	FILE *f = fopen(fx->db, "r+");
	assert_non_null(f);
	assert_int_equal(fseek(f, 2 * 4096, SEEK_SET), 0);
	for (int i = 0; i < 4096; i++)
		fputc(0xa5, f);
	assert_int_equal(fclose(f), 0);

	char *note;
	struct cindex *ix = cindex_open(fx->db, CINDEX_TRUST, &note);
	assert_non_null(ix);
	assert_null(note);
	assert_false(cindex_damaged(ix));
	struct cindex_entry e;
	assert_int_equal(cindex_lookup(ix, "n100.txt", &e), -1);
	assert_true(cindex_damaged(ix));
	cindex_close(ix);
	struct stat st;
	assert_int_equal(stat(fx->db, &st), -1);
	assert_int_equal(errno, ENOENT);
	/* built anew */
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 200);
	assert_int_equal(index_warnings(c, NULL), 0);
	corpus_free(c);
}

/* An index of another schema, or of another parse version: rebuilt with
 * one warning. */
static void test_index_other_version(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	size_t read;
	corpus_free(load(fx, 0, &read));
	test_sql_exec(fx->db, "PRAGMA user_version = 999");
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(read, 3);
	assert_int_equal(index_warnings(c, "another version"), 1);
	corpus_free(c);
	corpus_free(load(fx, 0, &read));
	assert_int_equal(read, 0);

	test_sql_exec(fx->db, "UPDATE meta SET value = value + 1 WHERE key = 'parse_version'");
	c = load(fx, 0, &read);
	assert_int_equal(read, 3);
	assert_int_equal(index_warnings(c, "another version"), 1);
	corpus_free(c);
	corpus_free(load(fx, 0, &read));
	assert_int_equal(read, 0);
}

/* No usable place for the index (the cache directory is a file, the
 * database is a directory): one warning, the corpus loads from the files. */
static void test_index_unusable_place(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	test_write_file(fx->cache, "not a directory\n");
	size_t read;
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(read, 3);
	assert_int_equal(index_warnings(c, "not used"), 1);
	assert_int_equal(corpus_errors(c), 0);
	corpus_free(c);

	assert_int_equal(unlink(fx->cache), 0);
	assert_int_equal(mkdir(fx->cache, 0700), 0);
	assert_int_equal(mkdir(fx->db, 0700), 0);
	c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(index_warnings(c, "not a regular file"), 1);
	corpus_free(c);
	assert_int_equal(rmdir(fx->db), 0);
}

/* Loads the corpus through the index, without cmocka (for a child
 * process): 1 when it has `articles` articles, `read` of them read from
 * their files, and one warning saying the index is not used. */
static int loads_without_index(struct test_dir *fx, size_t articles, long read)
{
	unlink(fx->log);
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	int ok = c && c->narticles == articles && index_warnings(c, "not used") == 1 &&
	         (read < 0 || test_dir_opened(fx) == (size_t)read);
	if (!ok)
		fprintf(stderr, "read-only: %zu articles, %zu read, %zu warnings\n",
		        c ? c->narticles : 0, test_dir_opened(fx), c ? index_warnings(c, "not used") : 0);
	corpus_free(c);
	return ok;
}

/* The checks of test_index_read_only; 1 when all hold. */
static int read_only_checks(struct test_dir *fx)
{
	if (chmod(fx->db, 0444) != 0 || !loads_without_index(fx, 3, -1) ||
	    chmod(fx->db, 0644) != 0 || unlink(fx->db) != 0 || chmod(fx->cache, 0555) != 0 ||
	    !loads_without_index(fx, 3, 3) || chmod(fx->cache, 0755) != 0)
		return 0;
	return 1;
}

/* A read-only database, and a read-only cache directory: one warning, the
 * corpus loads. Permissions do not stop root: then the checks run in a
 * child process as the user nobody, the test's directory given to it. */
static void test_index_read_only(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	size_t read;
	corpus_free(load(fx, 0, &read));
	if (geteuid() != 0) {
		assert_true(read_only_checks(fx));
		return;
	}
	const uid_t nobody = 65534;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chown -R %u:%u '%s'", (unsigned)nobody, (unsigned)nobody, fx->root);
	assert_int_equal(system(cmd), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(setgid(nobody) == 0 && setuid(nobody) == 0 && geteuid() == nobody &&
		              read_only_checks(fx)
		          ? 0
		          : 1);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* An index another process keeps locked for writing beyond the busy
 * timeout: one note (not a warning: nothing about the corpus is wrong), the
 * index is still read (the unchanged files are not), and the changed file is
 * read and indexed at the next start. */
static void test_index_locked(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	size_t read;
	corpus_free(load(fx, 0, &read));
	test_dir_write(fx, "a.txt", "A longer first story now, to be indexed again.\n");
	sqlite3 *s;
	assert_int_equal(sqlite3_open_v2(fx->db, &s, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct corpus *c = load(fx, 0, &read);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(read, 1);
	assert_string_equal(title_of(c, "a"), "A longer first story now, to be indexed again.");
	assert_int_equal(index_warnings(c, "being written by another tandem"), 1);
	for (size_t i = 0; i < c->diags.n; i++)
		assert_int_not_equal(c->diags.items[i].level, DIAG_WARNING);
	assert_int_equal(corpus_errors(c), 0);
	corpus_free(c);
	assert_int_equal(sqlite3_exec(s, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	/* free again: indexed */
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_int_equal(index_warnings(c, NULL), 0);
	corpus_free(c);
	c = load(fx, 0, &read);
	assert_int_equal(read, 0);
	corpus_free(c);
}

/* Two connections write one index in turn; each sees the other's rows. */
static void test_index_two_writers(void **state)
{
	struct test_dir *fx = *state;
	char *note;
	struct cindex *x = cindex_open(fx->db, 0, &note);
	assert_non_null(x);
	struct cindex *y = cindex_open(fx->db, 0, &note);
	assert_non_null(y);
	assert_null(note);
	struct cindex_entry e = {.size = 1, .lang = (char *)"en", .title = (char *)"t"};
	char path[32];
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < CINDEX_BATCH + 10; i++) {
			snprintf(path, sizeof path, "x%d-%d.txt", round, i);
			assert_int_equal(cindex_put(x, path, &e), 0);
		}
		assert_int_equal(cindex_flush(x), 0);
		for (int i = 0; i < 10; i++) {
			snprintf(path, sizeof path, "y%d-%d.txt", round, i);
			assert_int_equal(cindex_put(y, path, &e), 0);
		}
		assert_int_equal(cindex_flush(y), 0);
	}
	struct cindex_entry g;
	assert_int_equal(cindex_lookup(x, "y2-9.txt", &g), 1);
	cindex_entry_free(&g);
	assert_int_equal(cindex_lookup(y, "x2-0.txt", &g), 1);
	cindex_entry_free(&g);
	assert_int_equal(cindex_count(x), 3 * (CINDEX_BATCH + 20));
	assert_int_equal(cindex_count(y), 3 * (CINDEX_BATCH + 20));
	cindex_close(x);
	cindex_close(y);
}

/* Without the index nothing is written; texts are still read when asked
 * for, kept while pinned, and a file changed on disk is read again when the
 * article is next opened (pinned). */
static void test_index_texts_on_demand(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	struct corpus *c = corpus_open_dir(fx->dir);
	assert_non_null(c);
	struct stat st;
	assert_int_equal(stat(fx->cache, &st), -1);
	long a = corpus_find_article(c, "a");
	assert_null(c->articles[a].text); /* not held after loading */
	const struct article_text *t = corpus_article_pin(&c->articles[a]);
	assert_non_null(strstr(t->raw, "first story"));
	corpus_article_unpin(&c->articles[a]);

	test_dir_write(fx, "a.txt", "Rewritten while the reader was open, and longer.\n");
	/* still the text read, until the article is opened again */
	t = corpus_article_text(&c->articles[a]);
	assert_non_null(strstr(t->raw, "first story"));
	t = corpus_article_pin(&c->articles[a]);
	assert_non_null(strstr(t->raw, "Rewritten"));
	/* pinned: kept however many others are read */
	char name[32];
	for (int i = 0; i < CORPUS_TEXTS_KEPT + 8; i++) {
		snprintf(name, sizeof name, "m%02d.txt", i);
		test_dir_write(fx, name, "Another.\n");
	}
	corpus_article_unpin(&c->articles[a]);
	corpus_free(c);

	c = corpus_open_dir(fx->dir);
	assert_non_null(c);
	a = corpus_find_article(c, "a");
	t = corpus_article_pin(&c->articles[a]);
	for (size_t i = 0; i < c->narticles; i++)
		assert_non_null(corpus_article_text(&c->articles[i])->raw);
	assert_ptr_equal(corpus_article_text(&c->articles[a]), t);
	assert_non_null(c->articles[a].text);
	/* unpinned and not among the last used: dropped */
	size_t loaded = 0;
	for (size_t i = 0; i < c->narticles; i++)
		loaded += c->articles[i].text != NULL;
	assert_int_equal(loaded, CORPUS_TEXTS_KEPT + 1);
	corpus_article_unpin(&c->articles[a]);
	corpus_free(c);
}

/* Hits made before a file changed on disk do not reach past its new text:
 * corpus_article_block says the block is gone, or too short. */
static void test_index_block_after_change(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "a.txt", "One.\n\nTwo is a longer paragraph.\n\nThree.\n");
	char name[32];
	for (int i = 0; i < CORPUS_TEXTS_KEPT + 2; i++) {
		snprintf(name, sizeof name, "m%02d.txt", i);
		test_dir_write(fx, name, "Another.\n");
	}
	struct corpus *c = corpus_open_dir(fx->dir);
	assert_non_null(c);
	const struct corpus_article *a = &c->articles[corpus_find_article(c, "a")];
	assert_non_null(corpus_article_block(a, 2, 6));
	assert_non_null(corpus_article_block(a, 1, 20));
	assert_null(corpus_article_block(a, 3, 0));
	test_dir_write(fx, "a.txt", "Now one paragraph only, shorter than two.\n");
	/* its text dropped (the others read since), then read again */
	for (size_t i = 0; i < c->narticles; i++)
		corpus_article_text(&c->articles[i]);
	assert_null(a->text);
	assert_null(corpus_article_block(a, 2, 6));
	assert_null(corpus_article_block(a, 0, 60));
	assert_non_null(corpus_article_block(a, 0, 10));
	corpus_free(c);
}

/* A file in another encoding: decoded when loaded and when its text is
 * read later, and its note given from the index too. */
static void test_index_decoded_file(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "a.txt", "Le pr\xe9sident a visit\xe9 les \xe9l\xe8ves. Les d\xe9l\xe9gu\xe9s "
	                           "\xe9taient tr\xe8s nombreux \xe0 Hano\xef, pr\xe8s du lac. La "
	                           "c\xe9r\xe9monie a \xe9t\xe9 pr\xe9par\xe9" "e avec soin.\n");
	for (int pass = 0; pass < 2; pass++) {
		size_t read;
		struct corpus *c = load(fx, 0, &read);
		assert_int_equal(read, pass == 0 ? 1 : 0);
		assert_int_equal(c->narticles, 1);
		size_t notes = 0;
		for (size_t i = 0; i < c->diags.n; i++)
			notes += strstr(c->diags.items[i].msg, "decoded from windows-1252") != NULL;
		assert_int_equal(notes, 1);
		assert_string_equal(c->articles[0].title, "Le président a visité les élèves.");
		assert_non_null(strstr(corpus_article_text(&c->articles[0])->raw, "cérémonie"));
		corpus_free(c);
	}
}

struct seen {
	size_t calls, last, total;
	int increasing;
};

static void count_progress(void *arg, size_t done, size_t total)
{
	struct seen *s = arg;
	s->increasing = s->increasing && done > s->last;
	s->calls++;
	s->last = done;
	s->total = total;
}

/* Loading reports its progress every CORPUS_PROGRESS_STEP articles and at
 * the end, for a plain directory and a manifest. */
static void test_index_progress(void **state)
{
	struct test_dir *fx = *state;
	char name[32];
	for (int i = 0; i < 150; i++) {
		snprintf(name, sizeof name, "n%03d.txt", i);
		test_dir_write(fx, name, "Text.\n");
	}
	struct seen s = {0, 0, 0, 1};
	struct corpus_opts o = {.progress = count_progress, .progress_arg = &s};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	corpus_free(c);
	assert_int_equal(s.calls, 150 / CORPUS_PROGRESS_STEP + 1);
	assert_int_equal(s.last, 150);
	assert_int_equal(s.total, 150);
	assert_true(s.increasing);

	char ini[256];
	snprintf(ini, sizeof ini, "%s/corpus.ini", fx->dir);
	test_write_file(ini, "[article a]\nfile = n000.txt\n[article b]\nfile = n001.txt\n");
	s = (struct seen){0, 0, 0, 1};
	c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	corpus_free(c);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.last, 2);
	assert_int_equal(s.total, 2);
}

/* A file that is not text: the start of a PNG image. */
static void write_png(struct test_dir *fx, const char *name)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", fx->dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
	assert_int_equal(fwrite(png, 1, sizeof png, f), sizeof png);
	assert_int_equal(fclose(f), 0);
}

/* A deferred load (the reader's): the open reads no new file and gives
 * placeholders (the id as title, "und", CORPUS_UNPARSED); an article asked
 * for alone is read then; corpus_load_step reads the rest in corpus order,
 * completes the index (the next load reads nothing) and gives the same
 * fields as a load that reads everything first. A file that is not text
 * keeps its place, empty, reported. With a warm index nothing is left. */
static void test_index_deferred(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	write_png(fx, "d.txt");

	unlink(fx->log);
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache, .deferred = CORPUS_DEFER_ALL};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	assert_int_equal(c->narticles, 4);
	assert_int_equal(c->load_left, 4);
	assert_int_equal(c->load_total, 4);
	assert_int_equal(test_dir_opened(fx), 0); /* no file opened */
	for (size_t i = 0; i < 4; i++) {
		assert_true(c->articles[i].unparsed & CORPUS_UNPARSED);
		assert_string_equal(c->articles[i].title, c->articles[i].id);
		assert_string_equal(c->articles[i].lang, "und");
	}
	/* the dates an article not read yet mentions (evidence asks): found
	 * in its text, though its count was not known */
	const struct date_mention *dm = corpus_article_dates(&c->articles[0]);
	assert_non_null(dm);
	assert_int_equal(c->articles[0].ndates, 1);
	assert_int_equal(dm[0].from.d, 3);
	assert_true(c->articles[0].unparsed & CORPUS_UNPARSED);
	/* asked for alone: read now */
	assert_int_equal(corpus_load_article(c, 1), 0);
	assert_int_equal(c->load_left, 3);
	assert_false(c->articles[1].unparsed);
	assert_string_equal(c->articles[1].title, "Le deuxième article, du 4 mars 2024.");
	assert_string_equal(c->articles[1].lang, "fr");
	assert_string_equal(c->articles[1].source, "https://b.example/x");
	/* the rest, two at a time */
	assert_int_equal(corpus_load_step(c, 2), 2);
	assert_int_equal(c->load_left, 1);
	assert_string_equal(c->articles[0].title, "The first story, told on 3 March 2024.");
	assert_int_equal(c->articles[0].date.d, 3);
	assert_int_equal(corpus_load_step(c, 2), 1);
	assert_int_equal(c->load_left, 0);
	assert_int_equal(corpus_load_step(c, 2), 0);
	/* the file that is not text: its place kept, empty, said */
	assert_string_equal(c->articles[3].id, "d");
	assert_int_equal(corpus_article_text(&c->articles[3])->nblocks, 0);
	assert_true(corpus_errors(c) >= 1);

	/* the same fields as a load that reads everything first */
	struct corpus *whole = corpus_open_dir_opts(fx->dir, &(struct corpus_opts){0});
	assert_non_null(whole);
	assert_int_equal(whole->narticles, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(c->articles[i].title, whole->articles[i].title);
		assert_string_equal(c->articles[i].lang, whole->articles[i].lang);
		assert_int_equal(c->articles[i].date.y, whole->articles[i].date.y);
		assert_int_equal(c->articles[i].detected, whole->articles[i].detected);
		assert_int_equal(c->articles[i].ndates, whole->articles[i].ndates);
	}
	corpus_free(whole);
	corpus_free(c);

	/* the index is whole: a deferred load of it has nothing left to read */
	size_t read;
	c = load(fx, 0, &read);
	corpus_free(c);
	unlink(fx->log);
	c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	/* the file that is not text: left out, unread, as the index says */
	assert_int_equal(c->narticles, 3);
	assert_int_equal(c->load_left, 0);
	assert_int_equal(c->verify_left, 3); /* the others, taken on trust */
	assert_int_equal(test_dir_opened(fx), 0);
	assert_true(c->articles[0].unparsed & CORPUS_UNVERIFIED);
	assert_string_equal(c->articles[0].title, "The first story, told on 3 March 2024.");
	/* three checked */
	assert_int_equal(corpus_load_step(c, 10), 3);
	assert_int_equal(c->verify_left + c->load_left, 0);
	assert_false(c->articles[0].unparsed);
	assert_string_equal(c->articles[0].title, "The first story, told on 3 March 2024.");
	corpus_free(c);
}

/* A deferred load takes the index's fields on trust, then checks each
 * file: one changed is read again (its detected fields follow the new
 * text, the manifest's stay), one gone or leading outside the directory is
 * emptied and reported, one only touched is kept; the index then says the
 * truth again. */
static void test_index_deferred_verify(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	test_dir_write(fx, "e.txt", "A fifth article, about 5 May 2024.\n");
	char ini[256], p[256];
	snprintf(ini, sizeof ini, "%s/corpus.ini", fx->dir);
	test_write_file(ini, "[article a]\nfile = a.txt\nlang = en\n[article b]\nfile = b.txt\n"
	                "[article c]\nfile = c.txt\n[article e]\nfile = e.txt\n");
	size_t read;
	corpus_free(load(fx, 0, &read));
	assert_int_equal(read, 4);
	test_dir_write(fx, "a.txt", "Un tout autre texte, en français, du 9 juin 2024.\n");
	snprintf(p, sizeof p, "%s/b.txt", fx->dir);
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof p, "%s/c.txt", fx->dir);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	struct timespec times[2] = {{0, UTIME_OMIT}, {st.st_mtim.tv_sec + 100, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0); /* touched */
	snprintf(p, sizeof p, "%s/e.txt", fx->dir);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/etc/hostname", p), 0); /* outside */

	unlink(fx->log);
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache, .deferred = CORPUS_DEFER_ALL};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	assert_int_equal(c->narticles, 4);
	assert_int_equal(c->verify_left, 4);
	assert_int_equal(test_dir_opened(fx), 0); /* nothing looked at */
	assert_string_equal(c->articles[0].title, "The first story, told on 3 March 2024.");
	assert_int_equal(corpus_load_step(c, 1), 4);
	assert_int_equal(c->verify_left + c->load_left, 0);
	/* changed: read again; the manifest's lang stays */
	assert_string_equal(c->articles[0].title, "Un tout autre texte, en français, du 9 juin 2024.");
	assert_string_equal(c->articles[0].lang, "en");
	assert_int_equal(c->articles[0].date.m, 6);
	/* gone, outside: emptied, reported */
	assert_true(c->articles[1].unparsed & CORPUS_UNREADABLE);
	assert_int_equal(corpus_article_text(&c->articles[1])->nblocks, 0);
	assert_true(c->articles[3].unparsed & CORPUS_UNREADABLE);
	assert_int_equal(corpus_article_text(&c->articles[3])->nblocks, 0);
	size_t outside = 0;
	for (size_t i = 0; i < c->diags.n; i++)
		outside += strstr(c->diags.items[i].msg, "leads outside") != NULL;
	assert_int_equal(outside, 1);
	assert_true(corpus_errors(c) >= 2);
	assert_int_equal(c->articles[1].index_id, 0);
	assert_non_null(c->index_file); /* their texts are empty: search may ask it */
	/* touched: kept, its text as before */
	assert_string_equal(c->articles[2].title, "A third one.");
	assert_int_equal(corpus_article_text(&c->articles[2])->nblocks, 1);
	corpus_free(c);
	/* the index says the new text */
	c = load(fx, 0, &read);
	assert_string_equal(c->articles[0].title, "Un tout autre texte, en français, du 9 juin 2024.");
	corpus_free(c);
}

/* A text loaded while its article is not read yet (shown, searched) stays
 * good through the step that reads the article. */
static void test_index_deferred_text_held(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	struct corpus_opts o = {.cache_dir = fx->cache, .deferred = CORPUS_DEFER_ALL};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	assert_int_equal(c->load_left, 3);
	const struct article_text *t = corpus_article_pin(&c->articles[2]);
	assert_int_equal(t->nblocks, 1);
	assert_int_equal(corpus_load_step(c, 10), 3);
	assert_ptr_equal(corpus_article_text(&c->articles[2]), t);
	assert_string_equal(c->articles[2].title, "A third one.");
	corpus_article_unpin(&c->articles[2]);
	corpus_free(c);
}

/* CORPUS_DEFER_LARGE with little to read reads it before the open returns,
 * as a load that reads first: the file that is not text left out. */
static void test_index_deferred_small(void **state)
{
	struct test_dir *fx = *state;
	three_articles(fx);
	write_png(fx, "d.txt");
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache, .deferred = CORPUS_DEFER_LARGE};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	assert_int_equal(c->load_left, 0);
	assert_int_equal(c->narticles, 3);
	assert_int_equal(corpus_find_article(c, "d"), -1);
	assert_int_equal(corpus_find_article(c, "c"), 2);
	assert_string_equal(c->articles[0].title, "The first story, told on 3 March 2024.");
	assert_true(c->articles[0].packed);
	assert_true(corpus_errors(c) >= 1);
	/* the file left out does not keep search from the index */
	assert_non_null(c->index_file);
	char first[256];
	snprintf(first, sizeof first, "%s", c->diags.items[c->diags.n - 1].msg);
	corpus_free(c);

	/* the index remembers it: left out again, unread, with the same
	 * message, as long as it is unchanged (twice: its row is kept) */
	for (int round = 0; round < 2; round++) {
		size_t read;
		c = load(fx, 0, &read);
		assert_int_equal(read, 0);
		assert_int_equal(c->narticles, 3);
		assert_int_equal(corpus_errors(c), 1);
		assert_string_equal(c->diags.items[c->diags.n - 1].msg, first);
		corpus_free(c);
	}
	/* text now: read and listed */
	test_dir_write(fx, "d.txt", "A fourth article, in plain text now.\n");
	size_t read;
	c = load(fx, 0, &read);
	assert_int_equal(read, 1);
	assert_int_equal(c->narticles, 4);
	assert_int_equal(corpus_errors(c), 0);
	assert_string_equal(title_of(c, "d"), "A fourth article, in plain text now.");
	corpus_free(c);
}

/* The hash that says whether a touched file changed: the same bytes give
 * the same value; a change of any one byte (of every length around the
 * 8-byte steps), a byte more or a zero byte appended give another. */
static void test_index_content_hash(void **state)
{
	(void)state;
	unsigned char a[80], b[81];
	for (size_t i = 0; i < sizeof a; i++)
		a[i] = (unsigned char)(i * 37 + 11);
	for (size_t n = 0; n <= sizeof a; n++) {
		uint64_t h = cindex_content_hash(a, n);
		memcpy(b, a, n);
		assert_true(cindex_content_hash(b, n) == h);
		b[n] = 0;
		assert_true(cindex_content_hash(b, n + 1) != h);
		for (size_t i = 0; i < n; i++) {
			for (unsigned bit = 0; bit < 8; bit += 7) {
				b[i] ^= (unsigned char)(1u << bit);
				assert_true(cindex_content_hash(b, n) != h);
				b[i] ^= (unsigned char)(1u << bit);
			}
		}
	}
	/* two bytes swapped */
	memcpy(b, a, sizeof a);
	b[3] = a[12];
	b[12] = a[3];
	assert_true(cindex_content_hash(b, sizeof a) != cindex_content_hash(a, sizeof a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_index_content_hash),
	    cmocka_unit_test_setup_teardown(test_index_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_preload, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_second_load_reads_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_mtime_and_hash, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_manifest_inputs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_corrupt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_corrupt_page, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_damage_found_later, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_other_version, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_unusable_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_read_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_locked, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_two_writers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_texts_on_demand, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_block_after_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_progress, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_deferred, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_deferred_text_held, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_deferred_small, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_deferred_verify, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_decoded_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
