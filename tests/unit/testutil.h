/* testutil.h — helpers shared by the unit tests: reading a test file whole
 * or one of its lines, and (for tests that include tandem/corpus.h first)
 * the bundled corpus as a group fixture; (after tandem/index.h) a corpus
 * directory with its index cache, for the index tests (and, after
 * <sqlite3.h>, queries on its database). Include after <cmocka.h> and the
 * tandem headers. Static inline, so a test that uses none of them pays
 * nothing. */
#ifndef TANDEM_TESTUTIL_H
#define TANDEM_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The whole file at path (relative to the repository root, where the tests
 * run), NUL-terminated; *n receives its length. Fails the test when the
 * file cannot be read or is empty. Caller frees. */
static inline char *test_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	char *buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	*n = fread(buf, 1, (size_t)len, f);
	assert_int_equal(*n, (size_t)len);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

/* Line `which` (0-based) of the file at path, without its line end. Fails
 * the test when there is no such line. Caller frees. */
static inline char *test_file_line(const char *path, int which)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = 0;
	for (int i = 0; i <= which; i++) {
		n = getline(&line, &cap, f);
		assert_true(n > 0);
	}
	fclose(f);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = 0;
	return line;
}

#ifdef TANDEM_CORPUS_H
/* Group setup: the bundled corpus, loaded clean (5 articles, no error). */
static inline int test_open_bundled(void **state)
{
	struct corpus *c = corpus_open_dir("corpus");
	if (!c || corpus_errors(c) != 0 || c->narticles != 5) {
		corpus_free(c);
		return -1;
	}
	*state = c;
	return 0;
}

static inline int test_close_bundled(void **state)
{
	corpus_free(*state);
	return 0;
}
#endif

#ifdef TANDEM_INDEX_H
/* A corpus directory of its own with an index cache beside it, for the
 * index tests: root/news (the corpus), root/cache, root/opened (the log
 * TANDEM_TEST_OPEN_LOG names, file.h) and the corpus's index file there. */
struct test_dir {
	char root[64];
	char dir[128];
	char cache[128];
	char log[128];
	char db[512];
};

/* Group-less setup: a new test_dir under /tmp named after `name`; with
 * log_opens, every file opened from then on is logged. */
static inline int test_dir_setup(void **state, const char *name, int log_opens)
{
	struct test_dir *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	snprintf(fx->root, sizeof fx->root, "/tmp/tandem-%s-XXXXXX", name);
	if (!mkdtemp(fx->root))
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s/news", fx->root);
	snprintf(fx->cache, sizeof fx->cache, "%s/cache", fx->root);
	snprintf(fx->log, sizeof fx->log, "%s/opened", fx->root);
	if (mkdir(fx->dir, 0700) != 0)
		return -1;
	char real[4096];
	if (!realpath(fx->dir, real))
		return -1;
	char *db = cindex_file_for(fx->cache, real);
	if (!db)
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s", db);
	free(db);
	if (log_opens)
		setenv("TANDEM_TEST_OPEN_LOG", fx->log, 1);
	*state = fx;
	return 0;
}

/* Removes the directory (made writable first) and stops the log. */
static inline int test_dir_teardown(void **state)
{
	struct test_dir *fx = *state;
	char cmd[256];
	unsetenv("TANDEM_TEST_OPEN_LOG");
	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' && rm -rf '%s'", fx->root, fx->root);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

/* Writes text to the file at path. */
static inline void test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Writes the article file `name` of the corpus. */
static inline void test_dir_write(struct test_dir *fx, const char *name, const char *text)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", fx->dir, name);
	test_write_file(p, text);
}

/* How many article files (*.txt) the open log names. */
static inline size_t test_dir_opened(const struct test_dir *fx)
{
	size_t n = 0;
	FILE *f = fopen(fx->log, "r");
	if (f) {
		char line[512];
		while (fgets(line, sizeof line, f))
			n += strstr(line, ".txt\n") != NULL;
		fclose(f);
	}
	return n;
}
#endif

#if defined(TANDEM_INDEX_H) && defined(SQLITE_VERSION)
/* The integer the SQL query (its first row's first column) gives on the
 * database `db`, read-only; -1 when it gives no row. */
static inline long long test_sql_count(const char *db, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	long long n = -1;
	assert_int_equal(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(cindex_tokenizer_register(s), 0);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* Runs the SQL statements on the database `db`. */
static inline void test_sql_exec(const char *db, const char *sql)
{
	sqlite3 *s;
	assert_int_equal(sqlite3_open_v2(db, &s, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(cindex_tokenizer_register(s), 0);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}
#endif

#endif
