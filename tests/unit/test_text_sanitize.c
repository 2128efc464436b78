/* test_text_sanitize.c — unit tests for src/text/sanitize.c, the one output
 * filter: the visible form of every control (C0 as Control Pictures, DEL,
 * C1 as "<9B>"), strict decoding (a raw 0x9B byte, a cut sequence, an
 * overlong, a surrogate each one U+FFFD; a written U+FFFD kept), the writers
 * (only a final LF of sanitize_fprintf ends a line; LF and TAB inside data
 * shown), a long formatted message, and for random bytes that nothing a
 * terminal could obey comes out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/sanitize.h"

/* What a writer call put on a stream, as a NUL-terminated string. */
struct capture {
	char *buf;
	size_t len;
	FILE *fp;
};

static void cap_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
}

static const char *cap_close(struct capture *c)
{
	assert_int_equal(fclose(c->fp), 0);
	return c->buf;
}

/* True when s holds no byte of C0 (but LF when lf_ok), DEL or C1, and is
 * valid UTF-8 (checked by decoding it again). */
static int is_clean(const char *s, size_t n, int lf_ok)
{
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		int bad;
		i += sanitize_next(s + i, n - i, &c, &bad);
		if (bad || (c == '\n' && !lf_ok) || (c != '\n' && sanitize_is_control(c)))
			return 0;
	}
	return 1;
}

static void test_sanitize_char_forms(void **state)
{
	(void)state;
	uint32_t v[SANITIZE_MAX_CP];
	assert_int_equal(sanitize_char(0x1b, v), 1);
	assert_int_equal(v[0], 0x241b);
	assert_int_equal(sanitize_char(0x07, v), 1);
	assert_int_equal(v[0], 0x2407);
	assert_int_equal(sanitize_char('\n', v), 1);
	assert_int_equal(v[0], 0x240a);
	assert_int_equal(sanitize_char(0, v), 1);
	assert_int_equal(v[0], 0x2400);
	assert_int_equal(sanitize_char(0x7f, v), 1);
	assert_int_equal(v[0], 0x2421);
	assert_int_equal(sanitize_char(0x9b, v), 4);
	assert_int_equal(v[0], '<');
	assert_int_equal(v[1], '9');
	assert_int_equal(v[2], 'B');
	assert_int_equal(v[3], '>');
	assert_int_equal(sanitize_char(0xd800, v), 1);
	assert_int_equal(v[0], 0xfffd);
	assert_int_equal(sanitize_char(0x110000, v), 1);
	assert_int_equal(v[0], 0xfffd);
	/* printable characters pass, bidi controls included (reveal is a
	 * separate, visible choice of the reader) */
	static const uint32_t pass[] = {'a', 0xa0, 0x627, 0x202e, 0x1f600, 0xfffd};
	for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++) {
		assert_int_equal(sanitize_char(pass[i], v), 1);
		assert_int_equal(v[0], pass[i]);
	}
}

static void test_sanitize_next_strict(void **state)
{
	(void)state;
	uint32_t c;
	int bad;
	assert_int_equal(sanitize_next("\x9b" "2J", 3, &c, &bad), 1);
	assert_int_equal(c, 0xfffd);
	assert_true(bad);
	assert_int_equal(sanitize_next("\xc2\x9b", 2, &c, &bad), 2);
	assert_int_equal(c, 0x9b);
	assert_false(bad);
	assert_int_equal(sanitize_next("\xe2\x82", 2, &c, &bad), 1); /* cut short */
	assert_true(bad);
	assert_int_equal(sanitize_next("\xc0\xaf", 2, &c, &bad), 1); /* overlong '/' */
	assert_true(bad);
	assert_int_equal(sanitize_next("\xed\xa0\x80", 3, &c, &bad), 1); /* surrogate */
	assert_true(bad);
	assert_int_equal(sanitize_next("\xef\xbf\xbd", 3, &c, &bad), 3); /* U+FFFD itself */
	assert_int_equal(c, 0xfffd);
	assert_false(bad);
}

static void test_sanitize_fputs_payloads(void **state)
{
	(void)state;
	static const char *const payloads[] = {
	    "\033]0;PWN\007", "\033]8;;http://x/\033\\L\033]8;;\033\\", "\033]52;c;cHduZWQ=\007",
	    "\033[2J", "\033P1$qm\033\\", "\033_apc\033\\", "\x9b" "2J", "\xc2\x9b" "2J",
	    "\007", "\b", "\x7f", "a\nb", "a\rb", "\t"};
	for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
		struct capture c;
		cap_open(&c);
		assert_int_equal(sanitize_fputs(c.fp, payloads[i]), 0);
		const char *out = cap_close(&c);
		assert_true(c.len > 0);
		assert_true(is_clean(out, c.len, 0));
		free(c.buf);
	}
	struct capture c;
	cap_open(&c);
	sanitize_fputs(c.fp, "x\033]0;t\007y\x9bz");
	assert_string_equal(cap_close(&c), "x\xe2\x90\x9b]0;t\xe2\x90\x87y\xef\xbf\xbdz");
	free(c.buf);
}

static void test_sanitize_fprintf_line_end(void **state)
{
	(void)state;
	struct capture c;
	cap_open(&c);
	sanitize_fprintf(c.fp, "%s: %s\n", "file\nname", "bad\033[2J");
	assert_string_equal(cap_close(&c), "file\xe2\x90\x8aname: bad\xe2\x90\x9b[2J\n");
	free(c.buf);
	/* keep-flags of sanitize_write */
	cap_open(&c);
	sanitize_write(c.fp, "a\tb\nc\033", 6, SANITIZE_KEEP_LF | SANITIZE_KEEP_TAB);
	assert_string_equal(cap_close(&c), "a\tb\nc\xe2\x90\x9b");
	free(c.buf);
}

static void test_sanitize_fprintf_long(void **state)
{
	(void)state;
	size_t n = 100000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 97 == 0 ? '\033' : 'a';
	big[n] = 0;
	struct capture c;
	cap_open(&c);
	assert_int_equal(sanitize_fprintf(c.fp, "<%s>\n", big), 0);
	const char *out = cap_close(&c);
	/* each ESC became a 3-byte symbol; nothing was cut */
	size_t escs = (n + 96) / 97;
	assert_int_equal(c.len, n - escs + 3 * escs + 3);
	assert_true(is_clean(out, c.len, 1));
	free(c.buf);
	free(big);
}

static void test_sanitize_strdup(void **state)
{
	(void)state;
	char *s = sanitize_strdup("t\x1b\xc2\x85\xff" "e\x7f");
	assert_non_null(s);
	assert_string_equal(s, "t\xe2\x90\x9b<85>\xef\xbf\xbd" "e\xe2\x90\xa1");
	free(s);
}

static void test_sanitize_random_bytes(void **state)
{
	(void)state;
	unsigned seed = 12345;
	char buf[256];
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + (size_t)(round % 255);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		struct capture c;
		cap_open(&c);
		sanitize_write(c.fp, buf, n, 0);
		const char *out = cap_close(&c);
		assert_true(is_clean(out, c.len, 0));
		free(c.buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_char_forms),
		cmocka_unit_test(test_sanitize_next_strict),
		cmocka_unit_test(test_sanitize_fputs_payloads),
		cmocka_unit_test(test_sanitize_fprintf_line_end),
		cmocka_unit_test(test_sanitize_fprintf_long),
		cmocka_unit_test(test_sanitize_strdup),
		cmocka_unit_test(test_sanitize_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
