/* testutil.h — helpers shared by the unit tests: reading a test file whole
 * or one of its lines, and (for tests that include tandem/corpus.h first)
 * the bundled corpus as a group fixture. Include after <cmocka.h> and the
 * tandem headers. Static inline, so a test that uses none of them pays
 * nothing. */
#ifndef TANDEM_TESTUTIL_H
#define TANDEM_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

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

#endif
