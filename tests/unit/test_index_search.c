/* test_index_search.c — unit tests for corpus-wide search through the
 * index's trigram table (src/corpus/search.c, src/corpus/index.c): the
 * hits are exactly those of a search without the index, on the bundled
 * corpus and on a generated one in Latin (case, diacritics), Arabic
 * (harakat), Cyrillic, Thai and Chinese, with `"` and `*` in queries; a
 * 2-character query is searched without the index; only the candidate
 * articles' files are read; the table follows changed, removed and
 * re-indexed articles, and an index of an older schema gets it; texts are
 * written at each batch's commit; articles know their row ids, and an index
 * of another generation is not asked by them; one holding more texts of
 * changed or removed files than articles is rebuilt; tandem's trigram
 * tokenizer finds what SQLite's built-in one finds, in every text anew. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/corpus.h"
#include "tandem/decode.h"
#include "tandem/fold.h"
#include "tandem/index.h"
#include "tandem/search.h"
#include "testutil.h"

static int setup(void **state)
{
	return test_dir_setup(state, "isearch", 0);
}

static int teardown(void **state)
{
	return test_dir_teardown(state);
}


static struct corpus *load_dir(const char *dir, const char *cache)
{
	struct corpus_opts o = {.index = 1, .cache_dir = cache};
	struct corpus *c = corpus_open_dir_opts(dir, &o);
	assert_non_null(c);
	return c;
}

#define ANY_INDEX (-1)
#define ANY_TOTAL ((size_t)-1)

/* Searches c for q: through the index or not as `indexed` says, and
 * `total` hits (ANY_INDEX, ANY_TOTAL: either, any). */
static void expect_search(const struct corpus *c, const char *q, int indexed, size_t total)
{
	struct search_result r;
	assert_int_equal(search_corpus(c, q, &r), 0);
	if (indexed != ANY_INDEX && r.indexed != indexed)
		fail_msg("query \"%s\": indexed %d, expected %d", q, r.indexed, indexed);
	if (total != ANY_TOTAL && r.total != total)
		fail_msg("query \"%s\": %zu hits, expected %zu", q, r.total, total);
	search_result_free(&r);
}

/* The two results are the same hits (articles by id: the corpora are two
 * loads of one directory). */
static void assert_same(const struct corpus *ca, const struct search_result *a,
                        const struct corpus *cb, const struct search_result *b)
{
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->total, b->total);
	for (size_t i = 0; i < a->n; i++) {
		const struct search_hit *x = &a->hits[i], *y = &b->hits[i];
		assert_string_equal(ca->articles[x->article].id, cb->articles[y->article].id);
		assert_int_equal(x->block, y->block);
		assert_int_equal(x->byte_start, y->byte_start);
		assert_int_equal(x->byte_end, y->byte_end);
		assert_int_equal(x->char_start, y->char_start);
		assert_int_equal(x->char_end, y->char_end);
		assert_string_equal(x->context, y->context);
		assert_int_equal(x->ctx_start, y->ctx_start);
		assert_int_equal(x->more, y->more);
	}
}

/* Searches both corpora for q: the same hits, found through the index in
 * `ix` when the folded query has 3 characters or more. Returns the count. */
static size_t compare(const struct corpus *ix, const struct corpus *plain, const char *q,
                      int indexed)
{
	struct search_result a, b;
	assert_int_equal(search_corpus(ix, q, &a), 0);
	assert_int_equal(search_corpus(plain, q, &b), 0);
	if (a.indexed != indexed)
		fail_msg("query \"%s\": indexed %d, expected %d", q, a.indexed, indexed);
	assert_int_equal(b.indexed, 0);
	assert_true(a.done && b.done);
	assert_same(ix, &a, plain, &b);
	size_t n = a.total;
	search_result_free(&a);
	search_result_free(&b);
	return n;
}

/* The bundled corpus: the same hits with and without the index (a warm
 * one), Latin with and without diacritics, Arabic with harakat and
 * tatweel, words found in titles, a query found nowhere; a 2-letter query
 * goes without the index. */
static void test_bundled_same_as_scan(void **state)
{
	struct test_dir *fx = *state;
	corpus_free(load_dir("corpus", fx->cache)); /* builds the index */
	struct corpus *ix = load_dir("corpus", fx->cache);
	struct corpus *plain = corpus_open_dir("corpus");
	assert_non_null(plain);
	assert_non_null(ix->index_file);
	assert_null(plain->index_file);
	assert_true(compare(ix, plain, "hanoi", 1) > 5);
	assert_int_equal(compare(ix, plain, "HANOÏ", 1), compare(ix, plain, "hanoi", 1));
	assert_true(compare(ix, plain, "convention", 1) > 0);
	assert_true(compare(ix, plain, "هانوي", 1) > 0);
	assert_int_equal(compare(ix, plain, "هَانُوِي", 1), compare(ix, plain, "هانوي", 1));
	assert_int_equal(compare(ix, plain, "هـانـوي", 1), compare(ix, plain, "هانوي", 1));
	assert_int_equal(compare(ix, plain, "artistique", 1), 1);
	assert_int_equal(compare(ix, plain, "zzqxw", 1), 0);
	assert_true(compare(ix, plain, "ha", 0) > 0);
	assert_int_equal(compare(ix, plain, "", 0), 0);
	/* a title's words: the bundled titles hold "Luong Cuong" */
	assert_true(compare(ix, plain, "luong cuong", 1) > 0);
	corpus_free(ix);
	corpus_free(plain);
}

static const char *const texts[][2] = {
    {"fr.txt", "Un élan à Montréal, le 3 mars 2024.\n\nL'ÉLAN des Québécois: "
               "« Élan ! » dit-on, \"élan\" et élans.\n"},
    {"ar.txt", "افتتحت القمة في مدينة هانوي.\n\nوصلت الوفود إلى مَدِينَةِ هانوي صباحًا.\n"},
    {"ru.txt", "Саммит открылся в Москве 5 марта 2024 года.\n\nДЕЛЕГАЦИИ прибыли в МОСКВУ; "
               "москва ждёт.\n"},
    {"th.txt", "การประชุมสุดยอดเปิดขึ้นที่กรุงเทพมหานคร\n\nคณะผู้แทนเดินทางถึงกรุงเทพมหานครแล้ว\n"},
    {"zh.txt", "峰会在北京市开幕。\n\n代表团抵达北京市，北京很冷。\n"},
    {"sym.txt", "He said \"hello world\" twice.\n\nThe pattern a*b matched, and so did a**b.\n"},
    {"en.txt", "Nothing of the kind here: a plain story on 7 May 2024.\n\nNo match at all.\n"},
};

static void write_texts(struct test_dir *fx)
{
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		test_dir_write(fx, texts[i][0], texts[i][1]);
}

/* A generated corpus in six scripts: every query finds through the index
 * what it finds without, and finds it. */
static void test_scripts_same_as_scan(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	struct corpus *ix = load_dir(fx->dir, fx->cache);
	struct corpus *plain = corpus_open_dir(fx->dir);
	assert_non_null(plain);
	assert_non_null(ix->index_file);
	/* Latin: case and diacritics */
	assert_int_equal(compare(ix, plain, "elan", 1), 5);
	assert_int_equal(compare(ix, plain, "ÉLAN", 1), 5);
	assert_int_equal(compare(ix, plain, "montreal", 1), 1);
	/* Arabic, with harakat in the text and in the query */
	assert_int_equal(compare(ix, plain, "مدينة", 1), 2);
	assert_int_equal(compare(ix, plain, "مَدِينَة", 1), 2);
	/* Cyrillic, case */
	assert_int_equal(compare(ix, plain, "москв", 1), 3);
	assert_int_equal(compare(ix, plain, "ДЕЛЕГАЦИИ", 1), 1);
	/* Thai and Chinese, written without spaces: substrings */
	assert_int_equal(compare(ix, plain, "กรุงเทพ", 1), 2);
	assert_int_equal(compare(ix, plain, "北京市", 1), 2);
	assert_int_equal(compare(ix, plain, "北京", 0), 3);
	/* quotes and stars are text, not query syntax */
	assert_int_equal(compare(ix, plain, "\"hello world\"", 1), 1);
	assert_int_equal(compare(ix, plain, "said \"hel", 1), 1);
	assert_int_equal(compare(ix, plain, "\"", 0), 4);
	assert_int_equal(compare(ix, plain, "a*b", 1), 1);
	assert_int_equal(compare(ix, plain, "a**b", 1), 1);
	assert_int_equal(compare(ix, plain, "a*", 0), 2);
	assert_int_equal(compare(ix, plain, "hel*", 1), 0);
	assert_int_equal(compare(ix, plain, "OR", 0), 2);
	assert_int_equal(compare(ix, plain, "NOT match", 1), 0);
	assert_int_equal(compare(ix, plain, "no match", 1), 1);
	corpus_free(ix);
	corpus_free(plain);
}

/* With a warm index, a search reads the files of the articles that hold
 * the query only (a rare word: one file; a word in three: three). */
static void test_reads_only_candidates(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	struct corpus *c = load_dir(fx->dir, fx->cache);
	setenv("TANDEM_TEST_OPEN_LOG", fx->log, 1);
	unlink(fx->log);
	expect_search(c, "Montréal", 1, 1);
	assert_int_equal(test_dir_opened(fx), 1);
	unlink(fx->log);
	expect_search(c, "zzqxw", ANY_INDEX, 0);
	assert_int_equal(test_dir_opened(fx), 0);
	/* "at" is too short for the index: every text is read (but fr.txt's,
	 * kept loaded since the first search) */
	unlink(fx->log);
	expect_search(c, "at", 0, ANY_TOTAL);
	assert_int_equal(test_dir_opened(fx), sizeof texts / sizeof *texts - 1);
	corpus_free(c);
}

/* Without an index (--no-cache, a list of files) every article is read, and
 * the hits are the same. */
static void test_without_index(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	struct corpus_opts none = {.index = 0, .cache_dir = fx->cache};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &none);
	assert_non_null(c);
	assert_null(c->index_file);
	char p1[256], p2[256];
	snprintf(p1, sizeof p1, "%s/fr.txt", fx->dir);
	snprintf(p2, sizeof p2, "%s/ru.txt", fx->dir);
	char *files[] = {p1, p2};
	struct corpus *fl = corpus_open_files(files, 2);
	assert_non_null(fl);
	assert_null(fl->index_file);
	expect_search(c, "elan", 0, 5);
	expect_search(fl, "москв", 0, 3);
	corpus_free(c);
	corpus_free(fl);
	struct stat st;
	assert_int_equal(stat(fx->db, &st), -1); /* nothing written */
}

/* The number of candidates the index gives for needle, and whether `path`
 * is one of them. */
static size_t candidates(const char *db, const char *needle, const char *path, int *has)
{
	char **paths;
	size_t n;
	assert_int_equal(cindex_candidates(db, needle, &paths, &n), 0);
	*has = 0;
	for (size_t i = 0; i < n; i++) {
		*has |= !strcmp(paths[i], path);
		free(paths[i]);
	}
	free(paths);
	return n;
}

/* A changed file gets a new row and text (its old words no longer found
 * for any article, its new ones found); a removed file's row goes; the
 * texts left to no article are counted. */
static void test_follows_changes(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	size_t n = sizeof texts / sizeof *texts;
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), n);
	assert_int_equal(test_sql_count(fx->db, "SELECT value FROM meta WHERE key = 'orphans'"), 0);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article WHERE id IN (SELECT rowid"
	                                   " FROM text WHERE text MATCH '\"mon\" \"tre\" \"eal\"')"),
	                 1);
	test_dir_write(fx, "fr.txt", "Un tout autre article, sur Ouagadougou, le 4 mars 2024.\n");
	char p[256];
	snprintf(p, sizeof p, "%s/zh.txt", fx->dir);
	assert_int_equal(unlink(p), 0);
	corpus_free(load_dir(fx->dir, fx->cache));
	struct corpus *c = load_dir(fx->dir, fx->cache);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), n - 1);
	assert_int_equal(test_sql_count(fx->db, "SELECT value FROM meta WHERE key = 'orphans'"), 2);
	expect_search(c, "ouagadougou", 1, 1);
	expect_search(c, "montreal", ANY_INDEX, 0);
	/* the old texts are still in the table, under ids no article has */
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM text WHERE text MATCH"
	                                   " '\"mon\" \"tre\" \"eal\"'"), 1);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article WHERE id IN (SELECT rowid"
	                                   " FROM text WHERE text MATCH '\"mon\" \"tre\" \"eal\"')"),
	                 0);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article WHERE id IN (SELECT rowid"
	                                   " FROM text WHERE text MATCH '\"北京市\"')"),
	                 0);
	int has;
	assert_int_equal(candidates(fx->db, "北京市", "zh.txt", &has), 0);
	corpus_free(c);
}

/* An index holding more texts of changed or removed files than articles
 * (and more than CINDEX_ORPHANS_MIN) is rebuilt when opened, with a note. */
static void test_orphans_rebuilt(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE meta SET value = %d WHERE key = 'orphans'",
	         CINDEX_ORPHANS_MIN);
	test_sql_exec(fx->db, sql);
	char *note = NULL;
	struct cindex *ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_null(note); /* not more than the minimum */
	cindex_close(ix);
	snprintf(sql, sizeof sql, "UPDATE meta SET value = %d WHERE key = 'orphans'",
	         CINDEX_ORPHANS_MIN + 1);
	test_sql_exec(fx->db, sql);
	ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_non_null(note);
	assert_non_null(strstr(note, "rebuilt"));
	free(note);
	assert_int_equal(cindex_count(ix), 0);
	cindex_close(ix);
	assert_int_equal(test_sql_count(fx->db, "SELECT value FROM meta WHERE key = 'orphans'"), 0);
}

/* An index written with the schema before the trigram table (no `text`
 * table, user_version 2) is rebuilt with it, and searched through it. */
static void test_older_schema_gets_table(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	test_sql_exec(fx->db, "DROP TABLE text; PRAGMA user_version = 2");
	struct corpus *c = load_dir(fx->dir, fx->cache);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM article"), sizeof texts / sizeof *texts);
	assert_int_equal(test_sql_count(fx->db, "PRAGMA user_version"), CINDEX_SCHEMA);
	expect_search(c, "москв", 1, 3);
	corpus_free(c);
}

/* An index the search cannot use (gone since the load): every article is
 * searched, the same hits. */
static void test_index_gone(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	struct corpus *c = load_dir(fx->dir, fx->cache);
	test_sql_exec(fx->db, "DROP TABLE text");
	expect_search(c, "elan", 0, 5);
	corpus_free(c);
}

/* A search in steps of one hit gives the hits of one search_corpus, in
 * the same order, and says when it is done. */
static void test_steps(void **state)
{
	(void)state;
	struct test_dir *fx = *state;
	write_texts(fx);
	corpus_free(load_dir(fx->dir, fx->cache));
	struct corpus *c = load_dir(fx->dir, fx->cache);
	struct search_result whole, step;
	assert_int_equal(search_corpus(c, "elan", &whole), 0);
	struct search_run *s = search_begin(c, "elan", &step);
	assert_non_null(s);
	assert_true(step.indexed);
	assert_false(step.done);
	int r;
	size_t calls = 0;
	while ((r = search_next(s, 1, &step)) == 1)
		calls++;
	assert_int_equal(r, 0);
	assert_true(step.done);
	assert_int_equal(search_left(s), 0);
	assert_true(calls >= 1);
	assert_same(c, &whole, c, &step);
	search_end(s);
	search_result_free(&whole);
	search_result_free(&step);
	corpus_free(c);
}

/* Every article a load wrote or found in the index knows its row id, the
 * one its text is filed under; an index rebuilt since the load (another
 * generation, its ids given anew) is not asked by those ids: every article
 * is searched, the same hits. */
static void test_ids_and_generation(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	struct corpus *cold = load_dir(fx->dir, fx->cache);
	struct corpus *warm = load_dir(fx->dir, fx->cache);
	for (size_t i = 0; i < warm->narticles; i++) {
		assert_true(cold->articles[i].index_id > 0);
		assert_int_equal(cold->articles[i].index_id, warm->articles[i].index_id);
	}
	assert_int_equal(cold->index_generation, warm->index_generation);
	expect_search(warm, "москв", 1, 3);
	/* rebuilt by another load, its rows written in another order */
	test_dir_write(fx, "0first.txt", "A new first article on Moscow: Москва.\n");
	struct corpus_opts o = {.index = 1, .reindex = 1, .cache_dir = fx->cache};
	struct corpus *again = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(again);
	assert_int_not_equal(again->index_generation, warm->index_generation);
	expect_search(warm, "москв", 0, 3);
	expect_search(again, "москв", 1, 4);
	corpus_free(again);
	corpus_free(warm);
	corpus_free(cold);
}

/* Texts written through cindex_put are in the table once their batch is
 * committed, across several batches, and the last text put for a path in
 * one batch is the one kept. */
static void test_texts_of_batches(void **state)
{
	struct test_dir *fx = *state;
	char *note = NULL;
	struct cindex *ix = cindex_open(fx->db, 0, &note);
	assert_non_null(ix);
	assert_null(note);
	struct cindex_entry e = {.lang = "en", .title = "t"};
	char path[64], body[64];
	size_t n = CINDEX_BATCH * 2 + 3;
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "a%zu.txt", i);
		snprintf(body, sizeof body, "t\nword%zuend shared", i);
		e.body = body;
		e.body_len = strlen(body);
		assert_int_equal(cindex_put(ix, path, &e), 0);
	}
	e.body = "t\nfirst version";
	e.body_len = strlen(e.body);
	assert_int_equal(cindex_put(ix, "x.txt", &e), 0);
	e.body = "t\nsecond version";
	e.body_len = strlen(e.body);
	assert_int_equal(cindex_put(ix, "x.txt", &e), 0);
	assert_int_equal(cindex_flush(ix), 0);
	cindex_close(ix);
	int has;
	assert_int_equal(candidates(fx->db, "shared", "a0.txt", &has), n);
	assert_true(has);
	assert_int_equal(candidates(fx->db, "word513end", "a513.txt", &has), 1);
	assert_true(has);
	assert_int_equal(candidates(fx->db, "first", "x.txt", &has), 0);
	assert_int_equal(candidates(fx->db, "second", "x.txt", &has), 1);
	assert_true(has);
	/* the first text of x.txt stays, under an id no article has */
	assert_int_equal(test_sql_count(fx->db, "SELECT value FROM meta WHERE key = 'orphans'"), 1);
}

/* Appends the folded UTF-8 of s[0..n) to out, as the library calls give it
 * one by one (decode, fold, encode). */
static void fold_append(char *out, size_t cap, const char *s, size_t n)
{
	struct decoded_text d;
	struct fold_text f;
	size_t un;
	assert_int_equal(decode_paragraph(s, n, &d), 0);
	assert_int_equal(fold_text(d.cp, d.len, &f), 0);
	char *u = decode_to_utf8(f.cp, f.len, &un);
	assert_non_null(u);
	size_t k = strlen(out);
	assert_true(k + un + 2 < cap);
	if (k)
		out[k++] = '\n';
	memcpy(out + k, u, un + 1);
	free(u);
	fold_free(&f);
	decode_free(&d);
}

/* search_fold_body gives the title and text blocks (repeats skipped) of
 * articles in six scripts and of odd ones, each decoded, folded and
 * encoded, joined by line feeds. */
static void test_fold_body(void **state)
{
	struct test_dir *fx = *state;
	write_texts(fx);
	test_dir_write(fx, "rep.txt", "Échos\n\nLe même paragraphe.\n\nLe même paragraphe.\n\n"
	                             "Tab\there, 𠀋 and ﬁ.\n");
	/* what folds to nothing or to several characters, controls, a tab
	 * after wide characters, bytes that are not UTF-8, unassigned code
	 * points, in blocks of plain ASCII and not */
	test_dir_write(fx, "odd.txt", "STRASSE Straße ǅ ΣΑΣ ﷺ ㎒ Å Å\n\n"
	                              "تـــطـويل مُحَمَّد ÉCOLE \x01\x7f\xc2\x85 \u2028 \U0001F600\n\n"
	                              "北京\t市 ＡＢＣ \xff\xfe \xe4\xb8 x \xf4\x90\x80\x80 \U000E0001\n\n"
	                              "Plain ASCII, UPPER and lower: [A-Z] {a-z} ~!\n\n"
	                              "\xcd\xb8 \xe0\xa4\x80 \xef\xbf\xbd end\n");
	struct corpus *c = corpus_open_dir(fx->dir);
	assert_non_null(c);
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		const struct article_text *t = corpus_article_text(a);
		assert_non_null(t);
		static char want[8192];
		want[0] = 0;
		fold_append(want, sizeof want, a->title, strlen(a->title));
		for (size_t b = 0; b < t->nblocks; b++) {
			size_t n;
			if (!article_block_is_text(t->blocks[b].kind) || t->blocks[b].dup_of >= 0)
				continue;
			const char *txt = article_block_text(t, b, &n);
			fold_append(want, sizeof want, txt, n);
		}
		char *body;
		size_t len;
		assert_int_equal(search_fold_body(a->title, t, &body, &len), 0);
		assert_int_equal(len, strlen(body));
		assert_string_equal(body, want);
		free(body);
	}
	corpus_free(c);
}

/* The rowids a table gives for a MATCH of one quoted trigram, as a string. */
static void match_ids(sqlite3 *db, const char *table, const char *tri, char *out, size_t cap)
{
	char sql[128];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s MATCH ?1", table, table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	char q[64];
	snprintf(q, sizeof q, "\"%s\"", tri);
	assert_int_equal(sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT), SQLITE_OK);
	size_t k = 0;
	out[0] = 0;
	while (sqlite3_step(st) == SQLITE_ROW && k + 24 < cap)
		k += (size_t)snprintf(out + k, cap - k, "%lld,", sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

/* An in-memory database with tandem's trigram tokenizer and a table `b`
 * using it as the index's text table does, after `more` (SQL run first). */
static sqlite3 *trigram_db(const char *more)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(cindex_tokenizer_register(db), 0);
	assert_int_equal(sqlite3_exec(db, more, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE VIRTUAL TABLE b USING fts5(body,"
	                              " tokenize='tandem_trigram', detail=none, content='',"
	                              " columnsize=0);",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

/* tandem's trigram tokenizer finds, for every trigram of texts in six
 * scripts (repeats, spaces, line feeds, 4-byte characters), the same rows
 * as SQLite's built-in trigram tokenizer (case_sensitive 1), and a trigram
 * of none of them in none. */
static void test_tokenizer_same_as_builtin(void **state)
{
	(void)state;
	static const char *const docs[] = {
	    "un élan à montréal\nl'élan des québécois: « élan ! » élans",
	    "افتتحت القمة في مدينة هانوي\nوصلت الوفود إلى مدينة هانوي",
	    "саммит открылся в москве\nделегации прибыли в москву; москва ждёт",
	    "การประชุมสุดยอดเปิดขึ้นที่กรุงเทพมหานคร\nคณะผู้แทนเดินทางถึงกรุงเทพมหานครแล้ว",
	    "峰会在北京市开幕。\n代表团抵达北京市，北京很冷。𠀋𠀋𠀋北京",
	    "aaaa aaaa aaa ab ab ab abab \"quoted\" a*b",
	    "ab",
	    "",
	};
	size_t ndocs = sizeof docs / sizeof *docs;
	sqlite3 *db = trigram_db("CREATE VIRTUAL TABLE a USING fts5(body,"
	                         " tokenize='trigram case_sensitive 1', detail=none);");
	sqlite3_stmt *ia, *ib;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO a(rowid, body) VALUES(?1, ?2)", -1, &ia,
	                                    NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO b(rowid, body) VALUES(?1, ?2)", -1, &ib,
	                                    NULL),
	                 SQLITE_OK);
	for (size_t i = 0; i < ndocs; i++) {
		sqlite3_stmt *both[] = {ia, ib};
		for (int t = 0; t < 2; t++) {
			assert_int_equal(sqlite3_bind_int64(both[t], 1, (sqlite3_int64)i + 1), SQLITE_OK);
			assert_int_equal(sqlite3_bind_text(both[t], 2, docs[i], -1, SQLITE_STATIC),
			                 SQLITE_OK);
			assert_int_equal(sqlite3_step(both[t]), SQLITE_DONE);
			sqlite3_reset(both[t]);
		}
	}
	sqlite3_finalize(ia);
	sqlite3_finalize(ib);
	size_t checked = 0;
	for (size_t i = 0; i < ndocs; i++) {
		const char *d = docs[i];
		size_t n = strlen(d);
		for (size_t at = 0; at < n; at++) {
			if (((unsigned char)d[at] & 0xC0) == 0x80)
				continue;
			/* three characters from at */
			size_t end = at, chars = 0;
			while (end < n && chars < 3) {
				end++;
				while (end < n && ((unsigned char)d[end] & 0xC0) == 0x80)
					end++;
				chars++;
			}
			if (chars < 3 || d[at] == '"' || d[at + 1] == '"' || d[end - 1] == '"')
				continue;
			char tri[16], ra[256], rb[256];
			memcpy(tri, d + at, end - at);
			tri[end - at] = 0;
			match_ids(db, "a", tri, ra, sizeof ra);
			match_ids(db, "b", tri, rb, sizeof rb);
			assert_string_equal(ra, rb);
			assert_true(ra[0] != 0);
			checked++;
		}
	}
	assert_true(checked > 200);
	char ra[256], rb[256];
	match_ids(db, "a", "xyz", ra, sizeof ra);
	match_ids(db, "b", "xyz", rb, sizeof rb);
	assert_string_equal(ra, "");
	assert_string_equal(rb, "");
	sqlite3_close(db);
}

/* The tokenizer's set of trigrams seen outlives each text: a text's
 * trigrams are given once each, and the next text's again, also after
 * 65,535 texts (its tags wrap) and for texts of every length around a
 * growth of the set. */
static void test_tokenizer_each_text_anew(void **state)
{
	(void)state;
	sqlite3_stmt *ins;
	sqlite3 *db = trigram_db("");
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO b(rowid, body) VALUES(?1, ?2)", -1,
	                                    &ins, NULL),
	                 SQLITE_OK);
	/* 1: "abcabc"; 2 to 65,535: no trigram; 65,536 (the tag of 1 again):
	 * "abcabc"; then texts of 1 to 300 characters, each ending in "xyz" */
	char text[400];
	for (long i = 1; i <= 65536 + 300; i++) {
		if (i == 1 || i == 65536) {
			strcpy(text, "abcabc");
		} else if (i < 65536) {
			strcpy(text, "ab");
		} else {
			size_t n = (size_t)(i - 65536);
			for (size_t k = 0; k < n; k++)
				text[k] = (char)('d' + k % 20);
			strcpy(text + n, "xyz");
		}
		assert_int_equal(sqlite3_bind_int64(ins, 1, i), SQLITE_OK);
		assert_int_equal(sqlite3_bind_text(ins, 2, text, -1, SQLITE_STATIC), SQLITE_OK);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	char r[256];
	match_ids(db, "b", "abc", r, sizeof r);
	assert_string_equal(r, "1,65536,");
	match_ids(db, "b", "cab", r, sizeof r);
	assert_string_equal(r, "1,65536,");
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM b WHERE b MATCH '\"xyz\"'", -1,
	                                    &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 300);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bundled_same_as_scan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_scripts_same_as_scan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reads_only_candidates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_without_index, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_follows_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_orphans_rebuilt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_older_schema_gets_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_gone, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_steps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_texts_of_batches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ids_and_generation, setup, teardown),
	    cmocka_unit_test(test_tokenizer_same_as_builtin),
	    cmocka_unit_test(test_tokenizer_each_text_anew),
	    cmocka_unit_test_setup_teardown(test_fold_body, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
