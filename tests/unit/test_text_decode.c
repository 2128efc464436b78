/* test_text_decode.c — unit tests for src/text/decode.c (steps 1 and 2 of the
 * text pipeline): invalid UTF-8 (truncated sequences, overlongs, lone
 * continuation bytes, UTF-8-encoded surrogates, out-of-range lead bytes) to
 * counted U+FFFD following the "maximal subpart" practice; C0 controls to
 * Control Pictures, DEL to U+2421, C1 to "<9B>"-style text; TAB expansion to
 * the next multiple of DECODE_TAB_STOP columns; the byte_off map; empty input
 * and NUL bytes; unassigned code points and noncharacters to U+FFFD;
 * decode_is_unsafe; decode_to_utf8; the real corpus; and, for random byte
 * strings (fixed seed), that nothing a terminal could obey gets through, that
 * byte_off is a monotone map onto the source, and that decoding is idempotent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unictype.h>

#include "tandem/decode.h"

#define CORPUS_AR "corpus/ar-rehearsal-vietnamplus.txt"
#define CORPUS_FR "corpus/fr-rehearsal-vietnamplus.txt"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* Decodes the first n bytes of s; fails the test when decoding fails. */
static void dec(const char *s, size_t n, struct decoded_text *t)
{
	assert_int_equal(decode_paragraph(s, n, t), 0);
	assert_non_null(t->cp);
	assert_non_null(t->byte_off);
	assert_int_equal(t->cp[t->len], 0);
	assert_int_equal(t->byte_off[t->len], n);
}

/* Asserts the decoded code points are exactly want[0..nwant). */
static void assert_cps(const struct decoded_text *t, const uint32_t *want, size_t nwant)
{
	if (t->len != nwant) {
		fprintf(stderr, "decoded %zu code points, expected %zu:", t->len, nwant);
		for (size_t i = 0; i < t->len; i++)
			fprintf(stderr, " U+%04X", (unsigned)t->cp[i]);
		fprintf(stderr, "\n");
	}
	assert_int_equal(t->len, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_int_equal(t->cp[i], want[i]);
}

/* Asserts cp[from .. from+count) are all spaces (an expanded tab). */
static void assert_spaces(const struct decoded_text *t, size_t from, size_t count)
{
	for (size_t i = from; i < from + count; i++)
		assert_int_equal(t->cp[i], ' ');
}

static void test_decode_plain_utf8(void **state)
{
	(void)state;
	/* a, é (2 bytes), € (3 bytes), 😀 (4 bytes), Arabic ع (2 bytes) */
	static const char s[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xd8\xb9";
	static const uint32_t want[] = {'a', 0xe9, 0x20ac, 0x1f600, 0x639};
	static const size_t off[] = {0, 1, 3, 6, 10, 12};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_cps(&t, want, NELEM(want));
	for (size_t i = 0; i <= t.len; i++)
		assert_int_equal(t.byte_off[i], off[i]);
	assert_int_equal(t.invalid, 0);
	assert_int_equal(t.controls, 0);
	assert_int_equal(t.unassigned, 0);
	decode_free(&t);
}

/* One case of invalid UTF-8: bytes, and the expected code points with each
 * ill-formed sequence written as ONE U+FFFD. How many U+FFFD an ill-formed
 * sequence gives is the decoder's choice (libunistring 1.0 takes E0 80 AF as
 * one sequence, Unicode's "maximal subpart" practice as three), so runs of
 * U+FFFD are compared collapsed; what must hold is that no byte of it leaks
 * as a character, no valid character around it is swallowed, and every
 * U+FFFD produced is counted as invalid. */
struct bad_case {
	const char *bytes;
	size_t n;
	uint32_t want[4];
	size_t nwant;
};

static void test_decode_invalid_utf8(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		/* truncated 2-byte sequence at the end */
		{"a\xc3", 2, {'a', 0xfffd}, 2},
		/* truncated 3-byte sequence (E2 82 of the euro sign) before ASCII */
		{"\xe2\x82" "b", 3, {0xfffd, 'b'}, 2},
		/* truncated 4-byte sequence at the end, and before ASCII */
		{"x\xf0\x9f\x98", 4, {'x', 0xfffd}, 2},
		{"\xf0\x9f\x98" "y", 4, {0xfffd, 'y'}, 2},
		/* a lead byte followed by a lead byte */
		{"\xc3\xc3\xa9", 3, {0xfffd, 0xe9}, 2},
		/* overlong '/' in two, three and four bytes */
		{"\xc0\xaf" "a", 3, {0xfffd, 'a'}, 2},
		{"\xc1\xbf", 2, {0xfffd}, 1},
		{"\xe0\x80\xaf" "a", 4, {0xfffd, 'a'}, 2},
		{"\xf0\x80\x80\xaf" "a", 5, {0xfffd, 'a'}, 2},
		/* lone continuation bytes */
		{"\x80", 1, {0xfffd}, 1},
		{"a\xbf" "b", 3, {'a', 0xfffd, 'b'}, 3},
		/* U+D800 and U+DFFF encoded in UTF-8 (CESU style) */
		{"\xed\xa0\x80", 3, {0xfffd}, 1},
		{"\xed\xbf\xbf" "z", 4, {0xfffd, 'z'}, 2},
		/* a surrogate pair CESU-encoded: never combined into U+10000 */
		{"\xed\xa0\x80\xed\xb0\x80", 6, {0xfffd}, 1},
		/* beyond U+10FFFF */
		{"\xf4\x90\x80\x80", 4, {0xfffd}, 1},
		/* bytes that never occur in UTF-8 */
		{"\xfe\xff" "a", 3, {0xfffd, 'a'}, 2},
		/* a raw C1 byte (not UTF-8): invalid, not a control */
		{"\x9b" "1m", 3, {0xfffd, '1', 'm'}, 3},
	};
	for (size_t k = 0; k < NELEM(cases); k++) {
		struct decoded_text t;
		uint32_t got[16];
		size_t ngot = 0, nfffd = 0;
		dec(cases[k].bytes, cases[k].n, &t);
		assert_true(t.len <= NELEM(got));
		for (size_t i = 0; i < t.len; i++) {
			nfffd += t.cp[i] == 0xfffd;
			if (t.cp[i] == 0xfffd && ngot > 0 && got[ngot - 1] == 0xfffd)
				continue;
			got[ngot++] = t.cp[i];
		}
		if (ngot != cases[k].nwant)
			fprintf(stderr, "case %zu: %zu code points after collapsing\n", k, ngot);
		assert_int_equal(ngot, cases[k].nwant);
		for (size_t i = 0; i < ngot; i++)
			assert_int_equal(got[i], cases[k].want[i]);
		assert_true(t.invalid >= 1);
		assert_int_equal(t.invalid, nfffd);
		assert_int_equal(t.controls, 0);
		assert_int_equal(t.unassigned, 0);
		decode_free(&t);
	}
}

static void test_decode_literal_replacement_char_not_counted(void **state)
{
	(void)state;
	static const char s[] = "\xef\xbf\xbd" "a";
	static const uint32_t want[] = {0xfffd, 'a'};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_cps(&t, want, NELEM(want));
	assert_int_equal(t.invalid, 0);
	decode_free(&t);
}

static void test_decode_invalid_byte_offsets(void **state)
{
	(void)state;
	/* 'a', truncated E2 82, 'b', lone 80, 'é' */
	static const char s[] = "a\xe2\x82" "b\x80\xc3\xa9";
	static const size_t off[] = {0, 1, 3, 4, 5, 7};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_int_equal(t.len, 5);
	assert_int_equal(t.invalid, 2);
	for (size_t i = 0; i <= t.len; i++)
		assert_int_equal(t.byte_off[i], off[i]);
	decode_free(&t);
}

static void test_decode_c0_controls_become_pictures(void **state)
{
	(void)state;
	/* ESC [ 3 1 m: an SGR sequence must not reach the terminal */
	static const char s[] = "\x1b[31mred\x07\r\n";
	static const uint32_t want[] = {0x241b, '[', '3', '1', 'm', 'r', 'e', 'd',
	                                0x2407, 0x240d, 0x240a};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_cps(&t, want, NELEM(want));
	assert_int_equal(t.controls, 4);
	assert_int_equal(t.invalid, 0);
	decode_free(&t);

	/* every C0 control but TAB maps to U+2400 + c */
	for (unsigned c = 0; c < 0x20; c++) {
		if (c == '\t')
			continue;
		char b = (char)c;
		dec(&b, 1, &t);
		assert_int_equal(t.len, 1);
		assert_int_equal(t.cp[0], 0x2400 + c);
		assert_int_equal(t.controls, 1);
		decode_free(&t);
	}
}

static void test_decode_del_and_c1(void **state)
{
	(void)state;
	/* DEL, then U+009B (CSI) properly encoded as C2 9B, then U+0085 (NEL) */
	static const char s[] = "a\x7f" "b\xc2\x9b" "2J\xc2\x85";
	static const uint32_t want[] = {'a', 0x2421, 'b', '<', '9', 'B', '>', '2', 'J',
	                                '<', '8', '5', '>'};
	static const size_t off[] = {0, 1, 2, 3, 3, 3, 3, 5, 6, 7, 7, 7, 7, 9};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_cps(&t, want, NELEM(want));
	assert_int_equal(t.controls, 3);
	for (size_t i = 0; i <= t.len; i++)
		assert_int_equal(t.byte_off[i], off[i]);
	decode_free(&t);

	/* U+0080 and U+009F, the ends of the C1 range */
	dec("\xc2\x80\xc2\x9f", 4, &t);
	static const uint32_t want2[] = {'<', '8', '0', '>', '<', '9', 'F', '>'};
	assert_cps(&t, want2, NELEM(want2));
	assert_int_equal(t.controls, 2);
	decode_free(&t);
}

static void test_decode_tab_expansion(void **state)
{
	(void)state;
	struct decoded_text t;

	dec("\t", 1, &t);
	assert_int_equal(t.len, DECODE_TAB_STOP);
	assert_spaces(&t, 0, DECODE_TAB_STOP);
	for (size_t i = 0; i < t.len; i++)
		assert_int_equal(t.byte_off[i], 0);
	assert_int_equal(t.controls, 0);
	decode_free(&t);

	dec("ab\tc", 4, &t);
	assert_int_equal(t.len, 9);
	assert_spaces(&t, 2, 6);
	assert_int_equal(t.cp[8], 'c');
	for (size_t i = 2; i < 8; i++)
		assert_int_equal(t.byte_off[i], 2);
	assert_int_equal(t.byte_off[8], 3);
	decode_free(&t);

	/* one column before the stop: one space; exactly at a stop: a full tab */
	dec("1234567\tx", 9, &t);
	assert_int_equal(t.len, 9);
	assert_int_equal(t.cp[7], ' ');
	assert_int_equal(t.cp[8], 'x');
	decode_free(&t);
	dec("12345678\tx", 10, &t);
	assert_int_equal(t.len, 17);
	assert_spaces(&t, 8, 8);
	assert_int_equal(t.cp[16], 'x');
	decode_free(&t);

	/* two tabs in a row */
	dec("a\t\tb", 4, &t);
	assert_int_equal(t.len, 17);
	assert_spaces(&t, 1, 15);
	assert_int_equal(t.cp[16], 'b');
	decode_free(&t);

	/* after a C1 shown as "<85>" (four columns): four spaces to column 8 */
	dec("\xc2\x85\tb", 4, &t);
	assert_int_equal(t.len, 9);
	assert_spaces(&t, 4, 4);
	assert_int_equal(t.cp[8], 'b');
	decode_free(&t);
}

/* Tab stops are columns: a wide character takes two, a combining mark none.
 * "漢\tx" must put x at column 8 (6 spaces), "e\u0301\tx" too (7 spaces).
 * (Values are copied out before asserting so a failure leaks nothing.) */
static void test_decode_tab_counts_columns(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n, before, spaces;
	} cases[] = {
		{"\xe6\xbc\xa2\tx", 5, 1, 6},        /* 漢: 2 columns */
		{"e\xcc\x81\tx", 5, 2, 7},            /* e + U+0301: 1 column */
		{"\xd9\x85\xd9\x8e\xd9\x86\tx", 8, 3, 6}, /* مَن: 2 columns */
	};
	for (size_t k = 0; k < NELEM(cases); k++) {
		struct decoded_text t;
		size_t len, spaces = 0;
		uint32_t last;
		dec(cases[k].s, cases[k].n, &t);
		len = t.len;
		for (size_t i = cases[k].before; i < t.len && t.cp[i] == ' '; i++)
			spaces++;
		last = t.cp[t.len - 1];
		decode_free(&t);
		if (spaces != cases[k].spaces)
			fprintf(stderr, "case %zu: tab gave %zu spaces, want %zu\n", k, spaces,
			        cases[k].spaces);
		assert_int_equal(spaces, cases[k].spaces);
		assert_int_equal(len, cases[k].before + cases[k].spaces + 1);
		assert_int_equal(last, 'x');
	}
}

static void test_decode_empty(void **state)
{
	(void)state;
	struct decoded_text t;
	dec("", 0, &t);
	assert_int_equal(t.len, 0);
	assert_int_equal(t.cp[0], 0);
	assert_int_equal(t.byte_off[0], 0);
	assert_int_equal(t.invalid + t.controls + t.unassigned, 0);
	decode_free(&t);
	assert_null(t.cp);
	assert_null(t.byte_off);
	decode_free(&t); /* twice is harmless */
	decode_free(NULL);
}

static void test_decode_nul_in_the_middle(void **state)
{
	(void)state;
	static const char s[] = {'a', 0, 'b'};
	static const uint32_t want[] = {'a', 0x2400, 'b'};
	struct decoded_text t;
	dec(s, sizeof s, &t);
	assert_cps(&t, want, NELEM(want));
	assert_int_equal(t.controls, 1);
	assert_int_equal(t.byte_off[1], 1);
	assert_int_equal(t.byte_off[2], 2);
	decode_free(&t);
}

static void test_decode_unassigned_and_noncharacters(void **state)
{
	(void)state;
	/* U+0378 (unassigned), U+FFFE and U+FDD0 and U+10FFFF (noncharacters),
	 * U+E000 (private use: assigned, kept), U+2028 (shown as a space) */
	static const char s[] = "\xcd\xb8" "a\xef\xbf\xbe\xef\xb7\x90\xf4\x8f\xbf\xbf"
	                        "\xee\x80\x80\xe2\x80\xa8";
	static const uint32_t want[] = {0xfffd, 'a', 0xfffd, 0xfffd, 0xfffd, 0xe000, ' '};
	static const size_t off[] = {0, 2, 3, 6, 9, 13, 16, 19};
	struct decoded_text t;
	dec(s, sizeof s - 1, &t);
	assert_cps(&t, want, NELEM(want));
	assert_int_equal(t.unassigned, 4);
	assert_int_equal(t.invalid, 0);
	for (size_t i = 0; i <= t.len; i++)
		assert_int_equal(t.byte_off[i], off[i]);
	decode_free(&t);
}

static void test_decode_is_unsafe(void **state)
{
	(void)state;
	static const uint32_t unsafe[] = {0x00, 0x09, 0x0a, 0x1b, 0x1f, 0x7f, 0x80,
	                                  0x85, 0x9b, 0x9f, 0xd800, 0xdbff, 0xdc00,
	                                  0xdfff, 0x110000, 0xffffffffu};
	static const uint32_t safe[] = {0x20, 'A', 0x7e, 0xa0, 0xad, 0x2400, 0x241b,
	                                0x2421, 0xfffd, 0x0627, 0xfefb, 0x1f600,
	                                0xe000};
	for (size_t i = 0; i < NELEM(unsafe); i++)
		assert_true(decode_is_unsafe(unsafe[i]));
	for (size_t i = 0; i < NELEM(safe); i++)
		assert_false(decode_is_unsafe(safe[i]));
}

static void test_decode_to_utf8_roundtrip(void **state)
{
	(void)state;
	static const char s[] = "Hanoi \xc3\xa9t\xc3\xa9 \xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a "
	                        "\xe6\xbc\xa2 \xf0\x9f\x98\x80";
	struct decoded_text t;
	size_t len = 0;
	dec(s, sizeof s - 1, &t);
	char *u = decode_to_utf8(t.cp, t.len, &len);
	assert_non_null(u);
	assert_int_equal(len, sizeof s - 1);
	assert_memory_equal(u, s, len);
	assert_int_equal(u[len], 0);
	free(u);
	u = decode_to_utf8(t.cp, 0, &len);
	assert_non_null(u);
	assert_int_equal(len, 0);
	assert_string_equal(u, "");
	free(u);
	decode_free(&t);
}

/* Reads a whole file; fails the test if it cannot. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 1 << 16, len = 0;
	char *b = malloc(cap);
	assert_non_null(b);
	for (;;) {
		size_t r = fread(b + len, 1, cap - len, f);
		len += r;
		if (len < cap)
			break;
		cap *= 2;
		b = realloc(b, cap);
		assert_non_null(b);
	}
	fclose(f);
	*n = len;
	return b;
}

static void test_decode_corpus_is_clean(void **state)
{
	(void)state;
	static const char *paths[] = {CORPUS_AR, CORPUS_FR};
	for (size_t k = 0; k < NELEM(paths); k++) {
		size_t n;
		char *b = slurp(paths[k], &n);
		/* first line (first paragraph) only: no newline */
		size_t line = 0;
		while (line < n && b[line] != '\n')
			line++;
		struct decoded_text t;
		dec(b, line, &t);
		assert_true(t.len > 100);
		assert_int_equal(t.invalid, 0);
		assert_int_equal(t.controls, 0);
		assert_int_equal(t.unassigned, 0);
		char *u = decode_to_utf8(t.cp, t.len, NULL);
		assert_non_null(u);
		assert_int_equal(strlen(u), line);
		assert_memory_equal(u, b, line);
		free(u);
		decode_free(&t);
		/* the whole file: its newlines become U+240A pictures */
		dec(b, n, &t);
		assert_int_equal(t.invalid, 0);
		assert_true(t.controls > 0);
		for (size_t i = 0; i < t.len; i++)
			assert_int_not_equal(t.cp[i], '\n');
		decode_free(&t);
		free(b);
	}
}

/* xorshift64*: a fixed-seed generator independent of the C library's rand. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1du) >> 32);
}

/* Random bytes, biased towards the ones that matter: controls, C1 lead/trail
 * pairs, lead bytes, continuation bytes, tabs. */
static unsigned char random_byte(void)
{
	static const unsigned char interesting[] = {
		0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x20, 0x41, 0x7f, 0x80, 0x85, 0x9b,
		0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xd8, 0xd9, 0xdf, 0xe0, 0xe2, 0xe6,
		0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfe, 0xff};
	uint32_t r = rng();
	if (r % 3 == 0)
		return (unsigned char)(r >> 8);
	return interesting[(r >> 8) % NELEM(interesting)];
}

static void test_decode_random_bytes_property(void **state)
{
	(void)state;
	unsigned char buf[64];
	for (int iter = 0; iter < 4000; iter++) {
		size_t n = rng() % sizeof buf;
		for (size_t i = 0; i < n; i++)
			buf[i] = random_byte();
		struct decoded_text t;
		dec((const char *)buf, n, &t);
		for (size_t i = 0; i < t.len; i++) {
			uint32_t c = t.cp[i];
			assert_false(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f));
			assert_false(decode_is_unsafe(c));
			assert_false(uc_is_general_category(c, UC_CATEGORY_Cn));
			assert_false(uc_is_general_category(c, UC_CATEGORY_Cs));
			assert_int_not_equal(c, 0x2028);
			assert_int_not_equal(c, 0x2029);
			/* byte_off: inside the source, never decreasing */
			assert_true(t.byte_off[i] < n);
			assert_true(t.byte_off[i] <= t.byte_off[i + 1]);
		}
		assert_true(t.len == 0 || t.byte_off[0] == 0);
		/* each U+FFFD comes from an invalid sequence or a replaced code
		 * point (no literal EF BF BD is ever this likely, but allow it) */
		size_t fffd = 0;
		for (size_t i = 0; i < t.len; i++)
			fffd += t.cp[i] == 0xfffd;
		assert_true(fffd >= t.invalid + t.unassigned);

		/* idempotent: the output, re-encoded, decodes to itself */
		size_t ulen = 0;
		char *u = decode_to_utf8(t.cp, t.len, &ulen);
		assert_non_null(u);
		struct decoded_text t2;
		dec(u, ulen, &t2);
		assert_int_equal(t2.invalid + t2.controls + t2.unassigned, 0);
		assert_int_equal(t2.len, t.len);
		assert_memory_equal(t2.cp, t.cp, t.len * sizeof *t.cp);
		decode_free(&t2);
		free(u);
		decode_free(&t);
	}
}

/* DECODE_REVEAL: each invisible format character becomes a mark naming it,
 * every character of the mark mapped to the control's bytes; without the
 * flag the characters stay (for bidi and layout to use and hide). */
static void test_decode_reveal_marks(void **state)
{
	(void)state;
	static const char s[] = "a\xe2\x80\xae" "b\xe2\x80\x8d" "c\xe2\x81\xa4" "d\xc2\xad";
	struct decoded_text t;
	assert_int_equal(decode_paragraph_ex(s, sizeof s - 1, DECODE_REVEAL, &t), 0);
	char *u = decode_to_utf8(t.cp, t.len, NULL);
	assert_non_null(u);
	assert_string_equal(u, "a<RLO>b<ZWJ>c<U+2064>d<SHY>");
	assert_int_equal(t.revealed, 4);
	assert_int_equal(t.byte_off[1], 1); /* '<' of <RLO> */
	assert_int_equal(t.byte_off[5], 1); /* '>' of <RLO> */
	assert_int_equal(t.byte_off[6], 4); /* 'b' */
	free(u);
	decode_free(&t);
	assert_int_equal(decode_paragraph_ex(s, sizeof s - 1, 0, &t), 0);
	assert_int_equal(t.len, 8);
	assert_int_equal(t.cp[1], 0x202e);
	assert_int_equal(t.revealed, 0);
	decode_free(&t);
	/* visible characters are never marked, controls stay symbols */
	assert_false(decode_is_revealed('a'));
	assert_false(decode_is_revealed(0x627));
	assert_false(decode_is_revealed(0xa0));
	assert_true(decode_is_revealed(0x2066));
	assert_true(decode_is_revealed(0xfeff));
	assert_int_equal(decode_paragraph_ex("\x1b", 1, DECODE_REVEAL, &t), 0);
	assert_int_equal(t.cp[0], 0x241b);
	decode_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_plain_utf8),
		cmocka_unit_test(test_decode_invalid_utf8),
		cmocka_unit_test(test_decode_literal_replacement_char_not_counted),
		cmocka_unit_test(test_decode_invalid_byte_offsets),
		cmocka_unit_test(test_decode_c0_controls_become_pictures),
		cmocka_unit_test(test_decode_del_and_c1),
		cmocka_unit_test(test_decode_tab_expansion),
		cmocka_unit_test(test_decode_tab_counts_columns),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_decode_nul_in_the_middle),
		cmocka_unit_test(test_decode_unassigned_and_noncharacters),
		cmocka_unit_test(test_decode_is_unsafe),
		cmocka_unit_test(test_decode_to_utf8_roundtrip),
		cmocka_unit_test(test_decode_corpus_is_clean),
		cmocka_unit_test(test_decode_random_bytes_property),
		cmocka_unit_test(test_decode_reveal_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
