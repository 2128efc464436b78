/* test_file.c — the one rule for opening what tandem reads
 * (src/corpus/file.c): a regular file is opened and its size given; a FIFO,
 * a character device and a directory are refused at once (never waited on,
 * never read) with a message naming the path and what it is; a size limit
 * refuses a larger file; a missing file leaves errno ENOENT. And the
 * plain-directory corpus (src/corpus/corpus.c): a *.txt symbolic link
 * leading out of the directory is left out with a message naming it, as
 * when a manifest names it, while a link to a file inside is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/corpus.h"
#include "tandem/file.h"

/* The first message of the list, which must name path and hold `what`. */
static void expect_diag(const struct diag_list *d, const char *path, const char *what)
{
	assert_int_equal(d->n, 1);
	assert_string_equal(d->items[0].file, path);
	if (!strstr(d->items[0].msg, what))
		fail_msg("'%s' does not say '%s'", d->items[0].msg, what);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_regular(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-file.XXXXXX", p[256];
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/f", dir);
	write_file(p, "hello\n");
	struct diag_list d = {0};
	long long size = -1;
	FILE *f = file_open_regular(p, &d, &size);
	assert_non_null(f);
	assert_int_equal(size, 6);
	assert_int_equal(d.n, 0);
	char buf[16];
	assert_non_null(fgets(buf, sizeof buf, f));
	assert_string_equal(buf, "hello\n");
	fclose(f);

	/* the limit: 6 bytes pass at 6, not at 5 */
	f = file_open_limited(p, 6, &d, NULL);
	assert_non_null(f);
	fclose(f);
	assert_null(file_open_limited(p, 5, &d, NULL));
	assert_int_equal(errno, EFBIG);
	expect_diag(&d, p, "too large");
	diag_list_free(&d);

	unlink(p);
	memset(&d, 0, sizeof d);
	assert_null(file_open_regular(p, &d, NULL));
	assert_int_equal(errno, ENOENT);
	expect_diag(&d, p, "cannot open");
	diag_list_free(&d);
	rmdir(dir);
}

/* Each would block or never end if read: the alarm fails the test instead
 * of hanging it. */
static void test_not_regular(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-file.XXXXXX", p[256];
	assert_non_null(mkdtemp(dir));
	alarm(10);
	snprintf(p, sizeof p, "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	struct diag_list d = {0};
	assert_null(file_open_regular(p, &d, NULL));
	expect_diag(&d, p, "not a regular file (a FIFO)");
	diag_list_free(&d);
	unlink(p);

	memset(&d, 0, sizeof d);
	assert_null(file_open_limited("/dev/zero", 1 << 20, &d, NULL));
	expect_diag(&d, "/dev/zero", "not a regular file (a character device)");
	diag_list_free(&d);

	memset(&d, 0, sizeof d);
	assert_null(file_open_regular(dir, &d, NULL));
	expect_diag(&d, dir, "not a regular file (a directory)");
	diag_list_free(&d);
	alarm(0);
	rmdir(dir);
}

static void test_plain_dir_symlink_out(void **state)
{
	(void)state;
	char out[] = "/tmp/tandem-out.XXXXXX", dir[] = "/tmp/tandem-plain.XXXXXX";
	char secret[256], link[256], inner[256], link_in[256];
	assert_non_null(mkdtemp(out));
	assert_non_null(mkdtemp(dir));
	snprintf(secret, sizeof secret, "%s/secret.txt", out);
	write_file(secret, "Secret words that must not be shown by tandem at all.\n");
	snprintf(link, sizeof link, "%s/a.txt", dir);
	assert_int_equal(symlink(secret, link), 0);
	snprintf(inner, sizeof inner, "%s/b.txt", dir);
	write_file(inner, "Le texte de l'article est ici, et il est en fran\xc3\xa7" "ais.\n");
	snprintf(link_in, sizeof link_in, "%s/c.txt", dir);
	assert_int_equal(symlink("b.txt", link_in), 0);

	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	assert_string_equal(c->articles[0].id, "b");
	assert_string_equal(c->articles[1].id, "c");
	expect_diag(&c->diags, link, "leads outside the corpus directory");
	corpus_free(c);

	/* the only file refused: said once, no "no article" on top */
	unlink(inner);
	unlink(link_in);
	c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 0);
	expect_diag(&c->diags, link, "leads outside the corpus directory");
	corpus_free(c);

	unlink(link);
	unlink(secret);
	rmdir(dir);
	rmdir(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_plain_dir_symlink_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
