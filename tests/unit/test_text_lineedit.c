/* test_text_lineedit.c — unit tests for src/text/lineedit.c, the prompt's
 * editing model. Covers: insertion at the end and in the middle, invalid
 * UTF-8 and a full line refused; Backspace and Delete by grapheme cluster (a
 * base with its combining mark, an Arabic letter with its haraka); Ctrl-W
 * (the word before the point and the spaces after it) and Ctrl-U; the
 * visual line of Latin, Arabic (shaped, right to left), Hebrew and mixed
 * text, trailing spaces included; the cursor column at the end, the start
 * and inside right-to-left and mixed text (a right-to-left line flush right,
 * its cursor in the cell left of the insertion point's edge); Left/Right moving visually
 * through Arabic and across a direction change, every press moving the
 * cursor; logical order when the terminal does bidi; the horizontal scroll
 * keeping the cursor in the field; random edits of mixed text keeping the
 * line valid, the point on a cluster boundary and the cursor in the field;
 * bidi_needs_layout, which sends the reader's own lines quoting
 * right-to-left text through the text layer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistr.h>

#include "tandem/bidi.h"
#include "tandem/lineedit.h"

static const struct lineedit_opts app_opts = {.shape = 1, .mirror = 1, .reorder = 1};
static const struct lineedit_opts term_opts = {.shape = 0, .mirror = 0, .reorder = 0};

/* Arabic "hanoi", logical, and as drawn (presentation forms, visual). */
#define HANOI_AR "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a"
#define HANOI_AR_VISUAL "\xef\xbb\xb1\xef\xbb\xae\xef\xbb\xa7\xef\xba\x8e\xef\xbb\xab"
/* Hebrew "shalom", logical and visual */
#define SHALOM "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"
#define SHALOM_VISUAL "\xd7\x9d\xd7\x95\xd7\x9c\xd7\xa9"

static void set(struct lineedit *e, const char *s)
{
	lineedit_clear(e);
	assert_int_equal(lineedit_insert(e, s, strlen(s)), 0);
}

/* The visual line of e as UTF-8 (cells left to right), and its cursor. */
static char *visual(struct lineedit *e, const struct lineedit_opts *o, int field, int *cursor)
{
	struct lineedit_view v;
	assert_int_equal(lineedit_layout(e, o, field, &v), 0);
	char *s = layout_line_to_utf8(v.line, 0, 0, NULL);
	assert_non_null(s);
	if (cursor)
		*cursor = v.cursor;
	lineedit_view_free(&v);
	return s;
}

static void assert_visual(struct lineedit *e, const struct lineedit_opts *o, const char *want,
                          int want_cursor)
{
	int cur;
	char *s = visual(e, o, 80, &cur);
	assert_string_equal(s, want);
	assert_int_equal(cur, want_cursor);
	free(s);
}

static void test_insert_middle_and_refusals(void **state)
{
	(void)state;
	struct lineedit e;
	set(&e, "hnoi");
	assert_int_equal(e.point, 4);
	lineedit_home(&e);
	assert_int_equal(lineedit_move_logical(&e, 1), 1);
	assert_int_equal(lineedit_insert(&e, "a", 1), 0);
	assert_string_equal(e.buf, "hanoi");
	assert_int_equal(e.point, 2);
	/* invalid UTF-8 and a NUL are refused, the line unchanged */
	assert_int_equal(lineedit_insert(&e, "\xc3", 1), -1);
	assert_int_equal(lineedit_insert(&e, "a\0b", 3), -1);
	assert_string_equal(e.buf, "hanoi");
	/* a full line takes nothing more */
	lineedit_clear(&e);
	for (int i = 0; i < LINEEDIT_MAX; i++)
		assert_int_equal(lineedit_insert(&e, "x", 1), 0);
	assert_int_equal(lineedit_insert(&e, "y", 1), -1);
	assert_int_equal(lineedit_insert(&e, "\xc3\xa9", 2), -1);
	assert_int_equal(e.len, LINEEDIT_MAX);
	lineedit_end(&e);
	assert_int_equal(lineedit_move_logical(&e, 1), 0);
}

static void test_backspace_delete_clusters(void **state)
{
	(void)state;
	struct lineedit e;
	/* e + combining acute: one cluster */
	set(&e, "cafe\xcc\x81");
	assert_int_equal(lineedit_backspace(&e), 1);
	assert_string_equal(e.buf, "caf");
	/* an Arabic letter with its fatha, then one more */
	set(&e, HANOI_AR "\xd9\x8e");
	assert_int_equal(lineedit_backspace(&e), 1);
	assert_string_equal(e.buf, "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88");
	/* Delete at the start removes the first cluster, the point stays */
	set(&e, "e\xcc\x81t\xc3\xa9");
	lineedit_home(&e);
	assert_int_equal(lineedit_delete(&e), 1);
	assert_string_equal(e.buf, "t\xc3\xa9");
	assert_int_equal(e.point, 0);
	lineedit_end(&e);
	assert_int_equal(lineedit_delete(&e), 0);
	/* Backspace in the middle */
	set(&e, "abc");
	lineedit_move_logical(&e, -1);
	assert_int_equal(lineedit_backspace(&e), 1);
	assert_string_equal(e.buf, "ac");
	assert_int_equal(e.point, 1);
	lineedit_home(&e);
	assert_int_equal(lineedit_backspace(&e), 0);
}

static void test_kill_word_and_line(void **state)
{
	(void)state;
	struct lineedit e;
	set(&e, "hanoi " HANOI_AR "  ");
	assert_int_equal(lineedit_kill_word(&e), 1);
	assert_string_equal(e.buf, "hanoi ");
	assert_int_equal(lineedit_kill_word(&e), 1);
	assert_string_equal(e.buf, "");
	assert_int_equal(lineedit_kill_word(&e), 0);
	/* in the middle: the word before the point only */
	set(&e, "one two three");
	e.point = 7; /* after "two" */
	assert_int_equal(lineedit_kill_word(&e), 1);
	assert_string_equal(e.buf, "one  three");
	assert_int_equal(e.point, 4);
	assert_int_equal(lineedit_kill_line(&e), 1);
	assert_string_equal(e.buf, "");
	assert_int_equal(e.point, 0);
	assert_int_equal(lineedit_kill_line(&e), 0);
}

static void test_visual_line_and_cursor(void **state)
{
	(void)state;
	struct lineedit e;
	set(&e, "");
	assert_visual(&e, &app_opts, "", 0);
	set(&e, "hanoi");
	assert_visual(&e, &app_opts, "hanoi", 5);
	/* a trailing space is drawn, the cursor after it */
	set(&e, "ab ");
	assert_visual(&e, &app_opts, "ab ", 3);
	/* Arabic: shaped and right to left; the end is at the left, and the
	 * line flush right: the next letter goes left of it (cell -1) */
	set(&e, HANOI_AR);
	assert_visual(&e, &app_opts, HANOI_AR_VISUAL, -1);
	lineedit_home(&e);
	assert_visual(&e, &app_opts, HANOI_AR_VISUAL, 4);
	/* after the first letter (heh, drawn rightmost): left of it */
	lineedit_move_logical(&e, 1);
	assert_visual(&e, &app_opts, HANOI_AR_VISUAL, 3);
	/* a trailing space of a right-to-left line goes left */
	set(&e, HANOI_AR " ");
	assert_visual(&e, &app_opts, " " HANOI_AR_VISUAL, -1);
	/* Hebrew */
	set(&e, SHALOM);
	assert_visual(&e, &app_opts, SHALOM_VISUAL, -1);
	/* mixed: the Arabic word's end is its left end, after "hanoi " */
	set(&e, "hanoi " HANOI_AR);
	assert_visual(&e, &app_opts, "hanoi " HANOI_AR_VISUAL, 6);
	/* a Latin letter after it goes right of the Arabic word */
	assert_int_equal(lineedit_insert(&e, "x", 1), 0);
	assert_visual(&e, &app_opts, "hanoi " HANOI_AR_VISUAL "x", 12);
	/* Latin inside a right-to-left line: its edge right of "ab", the
	 * next letter in the cell of b (which moves left) */
	set(&e, HANOI_AR " ab");
	assert_visual(&e, &app_opts, "ab " HANOI_AR_VISUAL, 1);
	/* the terminal does bidi: logical order, logical columns */
	set(&e, "hanoi " HANOI_AR);
	assert_visual(&e, &term_opts, "hanoi " HANOI_AR, 11);
}

/* Left/Right from the current point: the columns the cursor visits. */
static void walk(struct lineedit *e, int dir, const int *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(lineedit_move_visual(e, dir, &app_opts), 1);
		int cur;
		free(visual(e, &app_opts, 80, &cur));
		assert_int_equal(cur, want[i]);
	}
	assert_int_equal(lineedit_move_visual(e, dir, &app_opts), 0);
}

static void test_visual_moves(void **state)
{
	(void)state;
	struct lineedit e;
	/* pure Arabic, from its end (the cell left of it): Right goes back
	 * logically */
	set(&e, HANOI_AR);
	static const int right_ar[] = {0, 1, 2, 3, 4};
	walk(&e, 1, right_ar, 5);
	assert_int_equal(e.point, 0);
	static const int left_ar[] = {3, 2, 1, 0, -1};
	walk(&e, -1, left_ar, 5);
	assert_int_equal(e.point, e.len);
	/* mixed: from the end (column 6), left into "hanoi", right through the
	 * Arabic word to its right end */
	set(&e, "hanoi " HANOI_AR);
	static const int left_mixed[] = {5, 4, 3, 2, 1, 0};
	walk(&e, -1, left_mixed, 6);
	assert_int_equal(e.point, 0);
	static const int right_mixed[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	walk(&e, 1, right_mixed, 10);
	/* column 10, the left edge of the Arabic word's first letter (drawn
	 * rightmost): after it in logical order */
	assert_int_equal(e.point, strlen("hanoi \xd9\x87"));
	/* an insertion there lands at the logical place */
	assert_int_equal(lineedit_insert(&e, "\xd8\xa8", 2), 0);
	assert_string_equal(e.buf, "hanoi \xd9\x87\xd8\xa8\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a");
	/* terminal bidi: Left and Right are logical */
	set(&e, HANOI_AR);
	assert_int_equal(lineedit_move_visual(&e, -1, &term_opts), 1);
	assert_int_equal(e.point, 8);
}

static void test_scroll_keeps_cursor(void **state)
{
	(void)state;
	struct lineedit e;
	lineedit_clear(&e);
	for (int i = 0; i < 100; i++)
		assert_int_equal(lineedit_insert(&e, i % 10 ? "a" : "b", 1), 0);
	int cur;
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(cur, 100);
	assert_int_equal(e.scroll, 81); /* columns 81..100 shown */
	lineedit_home(&e);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(e.scroll, 0);
	/* moving right past the field's edge scrolls by one column */
	for (int i = 0; i < 20; i++)
		lineedit_move_visual(&e, 1, &app_opts);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(cur, 20);
	assert_int_equal(e.scroll, 1);
	/* deleting back to a short line scrolls back */
	lineedit_end(&e);
	free(visual(&e, &app_opts, 20, &cur));
	for (int i = 0; i < 95; i++)
		lineedit_backspace(&e);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(e.scroll, 0);
	assert_int_equal(cur, 5);
	/* a short Arabic line stands flush right, its cursor left of it */
	set(&e, HANOI_AR);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(cur, -1);
	assert_int_equal(e.scroll, 5 - 20);
	/* a long one: the end (left) is in view at once */
	lineedit_clear(&e);
	for (int i = 0; i < 40; i++)
		assert_int_equal(lineedit_insert(&e, "\xd8\xa8", 2), 0);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(cur, -1);
	assert_int_equal(e.scroll, -1);
	lineedit_home(&e);
	free(visual(&e, &app_opts, 20, &cur));
	assert_int_equal(cur, 39);
	assert_int_equal(e.scroll, 20); /* columns 20..39: its right end */
}

/* Random edits of random mixed text: the line stays valid UTF-8 with the
 * point on a cluster boundary, the cursor inside the line and the field. */
static void test_random_edits_keep_invariants(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", " ", "\xd8\xa8", "\xd9\x84", "\xd8\xa7", "\xd9\x8e", "\xcc\x81",
		"\xd7\xa9", "1", "\xd9\xa3", "(", "\xe2\x80\xae", "\xe2\x80\x8d",
		"\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\xe2\x81\xa7", "\t",
	};
	struct lineedit e;
	lineedit_clear(&e);
	unsigned seed = 12345;
	for (int step = 0; step < 20000; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		const struct lineedit_opts *o = (seed >> 8) & 1 ? &app_opts : &term_opts;
		if (r < 50) {
			const char *pc = pieces[(seed >> 4) % (sizeof pieces / sizeof *pieces)];
			lineedit_insert(&e, pc, strlen(pc));
		} else if (r < 60) {
			lineedit_backspace(&e);
		} else if (r < 65) {
			lineedit_delete(&e);
		} else if (r < 67) {
			lineedit_kill_word(&e);
		} else if (r < 68) {
			lineedit_kill_line(&e);
		} else if (r < 84) {
			assert_true(lineedit_move_visual(&e, r < 76 ? 1 : -1, o) >= 0);
		} else if (r < 94) {
			lineedit_move_logical(&e, r < 89 ? 1 : -1);
		} else if (r < 97) {
			lineedit_home(&e);
		} else {
			lineedit_end(&e);
		}
		assert_true(e.len <= LINEEDIT_MAX);
		assert_int_equal(strlen(e.buf), e.len);
		assert_null(u8_check((const uint8_t *)e.buf, e.len));
		assert_true(e.point <= e.len);
		/* the point is a cluster boundary: a step forward and back
		 * returns to it */
		struct lineedit f = e;
		if (lineedit_move_logical(&f, 1)) {
			lineedit_move_logical(&f, -1);
			assert_int_equal(f.point, e.point);
		}
		int field = 1 + (int)((seed >> 3) % 30);
		struct lineedit_view v;
		assert_int_equal(lineedit_layout(&e, o, field, &v), 0);
		assert_true(v.cursor >= -1 && v.cursor <= v.width);
		assert_true(v.cursor == (v.flush_right ? v.edge - 1 : v.edge));
		assert_true(v.cursor >= e.scroll && v.cursor < e.scroll + field);
		lineedit_view_free(&v);
	}
}

/* Which of the reader's own lines go through the text layer. */
static void test_needs_layout(void **state)
{
	(void)state;
	static const char *const plain[] = {"", "hanoi", "Hano\xc3\xaf \xe2\x80\x9c\xe2\x80\x9d",
	                                    "\xd0\x9c\xd0\xbe\xd1\x81", "\xe4\xb8\xad 1/6",
	                                    "\xe2\x80\x8e"};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		assert_false(bidi_needs_layout(plain[i], strlen(plain[i])));
	static const char *const bidi[] = {"6 matches for \xe2\x80\x9c" HANOI_AR "\xe2\x80\x9d",
	                                   SHALOM, "x \xd9\xa3", "a\xe2\x80\xae" "b",
	                                   "a\xe2\x81\xa7" "b", "\xe2\x80\x8f"};
	for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++)
		assert_true(bidi_needs_layout(bidi[i], strlen(bidi[i])));
	/* invalid UTF-8 is read past, not trusted */
	assert_false(bidi_needs_layout("\xd6", 1));
	assert_true(bidi_needs_layout("\xff" SHALOM, 1 + strlen(SHALOM)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_middle_and_refusals),
		cmocka_unit_test(test_backspace_delete_clusters),
		cmocka_unit_test(test_kill_word_and_line),
		cmocka_unit_test(test_visual_line_and_cursor),
		cmocka_unit_test(test_visual_moves),
		cmocka_unit_test(test_scroll_keeps_cursor),
		cmocka_unit_test(test_random_edits_keep_invariants),
		cmocka_unit_test(test_needs_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
