/* test_ini.c — tandem's INI reader (src/corpus/ini.c): sections, keys and
 * values trimmed, both separators, whole-line and inline comments, blank
 * and indented lines, a byte order mark, CRLF and a last line with no
 * newline; lines of any length (a 100 KB value, from a buffer and from a
 * file; a long Arabic title); a NUL byte and invalid UTF-8 reported with
 * their line and byte (the NUL line skipped, the invalid UTF-8 read with
 * U+FFFD) while the next line is still read; a line with no
 * '=', an empty key, a section with no ']'; the handler stopping the read;
 * a read error. Each item is recorded as one line of text and the whole
 * record compared ("!" an error, "?" a warning). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/ini.h"

/* ---- a handler that records what it is given ------------------------------ */

struct record {
	char *text;          /* one line per item; owned */
	size_t len;
	int stop_after;      /* stop after this many items (0: never) */
	int count;
};

static void append(struct record *r, const char *s)
{
	size_t n = strlen(s);
	char *t = realloc(r->text, r->len + n + 2);
	assert_non_null(t);
	r->text = t;
	memcpy(r->text + r->len, s, n);
	r->len += n;
	r->text[r->len++] = '\n';
	r->text[r->len] = '\0';
}

static int record_item(void *user, const struct ini_item *it)
{
	struct record *r = user;
	assert_non_null(it->section);
	static char line[4096];
	switch (it->kind) {
	case INI_SECTION:
		assert_null(it->name);
		assert_null(it->value);
		assert_null(it->message);
		snprintf(line, sizeof line, "%u [%s]", it->line, it->section);
		break;
	case INI_KEY:
		assert_null(it->message);
		snprintf(line, sizeof line, "%u %s.%s=%s", it->line, it->section, it->name, it->value);
		break;
	case INI_ERROR:
	case INI_WARNING:
		assert_null(it->name);
		assert_null(it->value);
		snprintf(line, sizeof line, "%u %s %s", it->line, it->kind == INI_ERROR ? "!" : "?",
		         it->message);
		break;
	}
	append(r, line);
	r->count++;
	return !(r->stop_after && r->count >= r->stop_after);
}

/* Parses text[0..len) and compares the record with `want`. */
static void expect_items_n(const char *text, size_t len, const char *want)
{
	struct record r = {0};
	assert_int_equal(ini_parse_buffer(text, len, record_item, &r), INI_OK);
	assert_string_equal(r.text ? r.text : "", want);
	free(r.text);
}

static void expect_items(const char *text, const char *want)
{
	expect_items_n(text, strlen(text), want);
}

/* ---- the dialect ------------------------------------------------------------ */

static void test_sections_and_keys(void **state)
{
	expect_items("[reader]\n"
	             "measure = 80\n"
	             "lang=fr\n"
	             "  bidi   =   app  \n"
	             "\tshape\t=\tauto\t\n"
	             "[ event  signing ]\n"
	             "date: 2025-10-25\n"
	             "time = 09:00\n"
	             "empty =\n"
	             "url = https://example.org/a=b:c\n",
	             "1 [reader]\n"
	             "2 reader.measure=80\n"
	             "3 reader.lang=fr\n"
	             "4 reader.bidi=app\n"
	             "5 reader.shape=auto\n"
	             "6 [event  signing]\n"
	             "7 event  signing.date=2025-10-25\n"
	             "8 event  signing.time=09:00\n"
	             "9 event  signing.empty=\n"
	             "10 event  signing.url=https://example.org/a=b:c\n");
	/* a key before any section is in section "" */
	expect_items("title = x\n[a]\n", "1 .title=x\n2 [a]\n");
	/* nothing at all */
	expect_items("", "");
	expect_items("\n\n   \n", "");
}

static void test_comments(void **state)
{
	expect_items("; a comment\n"
	             "# another\n"
	             "   ; indented\n"
	             "[keys] ; after a header\n"
	             "line-down = j Down C-n      ; request = keys\n"
	             "a = x;y\n"
	             "b = x ;y\n"
	             "c = x\t;y\n"
	             "d = #not a comment\n"
	             "e = ; all comment\n"
	             "f = x ; one ; two\n",
	             "4 [keys]\n"
	             "5 keys.line-down=j Down C-n\n"
	             "6 keys.a=x;y\n"
	             "7 keys.b=x\n"
	             "8 keys.c=x\n"
	             "9 keys.d=#not a comment\n"
	             "10 keys.e=\n"
	             "11 keys.f=x\n");
}

/* Indented lines are lines of their own: no continuation of a value. */
static void test_indented_lines(void **state)
{
	expect_items("[a]\n"
	             "title = first part\n"
	             "    second part\n"
	             "  key = v\n",
	             "1 [a]\n"
	             "2 a.title=first part\n"
	             "3 ! not a [section], key = value or ; comment (no '='); line ignored\n"
	             "4 a.key=v\n");
}

static void test_bom_crlf_and_last_line(void **state)
{
	expect_items("\xef\xbb\xbf[a]\r\nk = v\r\n\r\n; c\r\nlast = no newline",
	             "1 [a]\n2 a.k=v\n5 a.last=no newline\n");
	/* a byte order mark counts only at the very start */
	expect_items("[a]\n\xef\xbb\xbfk = v\n", "1 [a]\n2 a.\xef\xbb\xbfk=v\n");
	/* a CR alone inside a line is a blank like any other */
	expect_items("[a]\nk = v\r\r\n", "1 [a]\n2 a.k=v\n");
}

/* ---- lines of any length ------------------------------------------------------- */

static char *long_line_text(size_t n, size_t *len)
{
	const char *head = "[article a]\ntitle = ";
	const char *tail = "\nfile = a.txt\n";
	size_t h = strlen(head), t = strlen(tail);
	char *s = malloc(h + n + t + 1);
	assert_non_null(s);
	memcpy(s, head, h);
	for (size_t i = 0; i < n; i++)
		s[h + i] = (char)('a' + i % 26);
	memcpy(s + h + n, tail, t + 1);
	*len = h + n + t;
	return s;
}

struct long_check {
	size_t n;            /* expected length of the title */
	int titles, files, others;
};

static int check_long(void *user, const struct ini_item *it)
{
	struct long_check *c = user;
	if (it->kind == INI_KEY && !strcmp(it->name, "title")) {
		assert_int_equal(it->line, 2);
		assert_int_equal(strlen(it->value), c->n);
		for (size_t i = 0; i < c->n; i++)
			if (it->value[i] != (char)('a' + i % 26))
				fail_msg("byte %zu of the value changed", i);
		c->titles++;
	} else if (it->kind == INI_KEY && !strcmp(it->name, "file")) {
		assert_int_equal(it->line, 3);
		assert_string_equal(it->value, "a.txt");
		c->files++;
	} else if (it->kind != INI_SECTION) {
		c->others++;
	}
	return 1;
}

static void test_100k_value(void **state)
{
	size_t len, n = 100 * 1024;
	char *text = long_line_text(n, &len);

	struct long_check c = {.n = n};
	assert_int_equal(ini_parse_buffer(text, len, check_long, &c), INI_OK);
	assert_int_equal(c.titles, 1);
	assert_int_equal(c.files, 1);
	assert_int_equal(c.others, 0);

	/* the same from a file */
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	rewind(f);
	memset(&c, 0, sizeof c);
	c.n = n;
	assert_int_equal(ini_parse_file(f, check_long, &c), INI_OK);
	assert_int_equal(c.titles, 1);
	assert_int_equal(c.files, 1);
	assert_int_equal(c.others, 0);
	fclose(f);
	free(text);
}

static void test_long_arabic_title(void **state)
{
	/* "حفل التوقيع" 40 times: 879 bytes of Arabic */
	const char *word = "\xd8\xad\xd9\x81\xd9\x84 \xd8\xa7\xd9\x84\xd8\xaa\xd9\x88\xd9\x82\xd9\x8a\xd8\xb9 ";
	char title[1024] = "";
	for (int i = 0; i < 40; i++)
		strcat(title, word);
	title[strlen(title) - 1] = '\0'; /* the last space */
	assert_int_equal(strlen(title), 879);
	char text[1200], want[1200];
	snprintf(text, sizeof text, "[event a]\ntitle.ar = %s\ndate = 2025-10-25\n", title);
	snprintf(want, sizeof want, "1 [event a]\n2 event a.title.ar=%s\n3 event a.date=2025-10-25\n",
	         title);
	expect_items(text, want);
}

/* ---- bad lines ------------------------------------------------------------------- */

static void test_nul_byte(void **state)
{
	static const char text[] = "[a]\nk = be\0fore\nfile = a.txt\n\0\nnext = 1\n";
	expect_items_n(text, sizeof text - 1,
	               "1 [a]\n"
	               "2 ! NUL byte in line 2 (byte 7); line ignored\n"
	               "3 a.file=a.txt\n"
	               "4 ! NUL byte in line 4 (byte 1); line ignored\n"
	               "5 a.next=1\n");
}

/* Invalid UTF-8 is reported (line, byte of the first bad sequence) and the
 * line is then read with U+FFFD in place of each bad sequence. */
#define FFFD "\xef\xbf\xbd"
#define READ_AS "), read as U+FFFD (save the file as UTF-8)\n"
static void test_invalid_utf8(void **state)
{
	expect_items("[a]\n"
	             "title = caf\xe9\n"              /* Latin-1 */
	             "b = x\xc3\n"                    /* cut short */
	             "c = \xed\xa0\x80!\n"            /* a surrogate: one sequence */
	             "d = \xc0\xaf\n"                 /* overlong */
	             "[s\xff]\n"                      /* in a section name */
	             "ok = caf\xc3\xa9\n",
	             "1 [a]\n"
	             "2 ? invalid UTF-8 in line 2 (byte 12" READ_AS
	             "2 a.title=caf" FFFD "\n"
	             "3 ? invalid UTF-8 in line 3 (byte 6" READ_AS
	             "3 a.b=x" FFFD "\n"
	             "4 ? invalid UTF-8 in line 4 (byte 5" READ_AS
	             "4 a.c=" FFFD "!\n"
	             "5 ? invalid UTF-8 in line 5 (byte 5" READ_AS
	             "5 a.d=" FFFD FFFD "\n"
	             "6 ? invalid UTF-8 in line 6 (byte 3" READ_AS
	             "6 [s" FFFD "]\n"
	             "7 s" FFFD ".ok=caf\xc3\xa9\n");
}

static void test_syntax_errors(void **state)
{
	expect_items("[a]\n"
	             "no equals sign\n"
	             "= value\n"
	             "  : value\n"
	             "[unclosed\n"
	             "k ; = v\n"
	             "[b]\n"
	             "k = v\n",
	             "1 [a]\n"
	             "2 ! not a [section], key = value or ; comment (no '='); line ignored\n"
	             "3 ! no key before '='; line ignored\n"
	             "4 ! no key before ':'; line ignored\n"
	             "5 ! '[' with no ']' (a section header is [name]); line ignored\n"
	             "6 ! not a [section], key = value or ; comment (no '='); line ignored\n"
	             "7 [b]\n"
	             "8 b.k=v\n");
}

/* ---- the handler and the stream ------------------------------------------------- */

static void test_handler_stops(void **state)
{
	const char *text = "[a]\nk = 1\nl = 2\nm = 3\n";
	struct record r = {.stop_after = 2};
	assert_int_equal(ini_parse_buffer(text, strlen(text), record_item, &r), INI_STOPPED);
	assert_string_equal(r.text, "1 [a]\n2 a.k=1\n");
	free(r.text);

	FILE *f = tmpfile();
	assert_non_null(f);
	fputs(text, f);
	rewind(f);
	r = (struct record){.stop_after = 3};
	assert_int_equal(ini_parse_file(f, record_item, &r), INI_STOPPED);
	assert_string_equal(r.text, "1 [a]\n2 a.k=1\n3 a.l=2\n");
	free(r.text);
	fclose(f);
}

static void test_read_error(void **state)
{
	/* a stream open for writing only cannot be read */
	FILE *w = fopen("/dev/null", "w");
	assert_non_null(w);
	struct record r = {0};
	assert_int_equal(ini_parse_file(w, record_item, &r), INI_READ_ERROR);
	assert_null(r.text);
	fclose(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_and_keys),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_indented_lines),
		cmocka_unit_test(test_bom_crlf_and_last_line),
		cmocka_unit_test(test_100k_value),
		cmocka_unit_test(test_long_arabic_title),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_handler_stops),
		cmocka_unit_test(test_read_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
