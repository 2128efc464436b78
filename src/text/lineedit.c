/* lineedit.c — owns the one-line text input of the reader's prompts: a UTF-8
 * buffer edited at an insertion point by grapheme clusters and words
 * (logical order), and its visual line, laid out by the text layer like any
 * paragraph (decode, bidi levels, shaping, reordering) with trailing white
 * space kept, from which the cursor column and the horizontal scroll come.
 * No curses: the reader draws the view's cells. */
#include "tandem/lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

void lineedit_clear(struct lineedit *e)
{
	e->buf[0] = 0;
	e->len = 0;
	e->point = 0;
	e->scroll = 0;
}

static const uint8_t *ubuf(const struct lineedit *e)
{
	return (const uint8_t *)e->buf;
}

/* The grapheme cluster boundaries of the line: brk[i] != 0 when a cluster
 * starts at byte i (the whole line is analysed each time, so that what
 * comes before decides, as when it is drawn). brk holds LINEEDIT_MAX + 1. */
static void boundaries(const struct lineedit *e, char *brk)
{
	if (e->len)
		u8_grapheme_breaks(ubuf(e), e->len, brk);
	brk[0] = 1;
	brk[e->len] = 1;
}

/* The grapheme cluster boundary after / before byte offset at. */
static size_t next_boundary(const struct lineedit *e, size_t at)
{
	char brk[LINEEDIT_MAX + 1];
	if (at >= e->len)
		return e->len;
	boundaries(e, brk);
	size_t i = at + 1;
	while (!brk[i])
		i++;
	return i;
}

static size_t prev_boundary(const struct lineedit *e, size_t at)
{
	char brk[LINEEDIT_MAX + 1];
	if (at == 0)
		return 0;
	boundaries(e, brk);
	size_t i = at - 1;
	while (!brk[i])
		i--;
	return i;
}

/* The insertion point on the first boundary at or after it: an edit can
 * join what was on either side of it into one cluster (a letter typed, or
 * left by a deletion, before a combining mark). */
static void snap(struct lineedit *e)
{
	char brk[LINEEDIT_MAX + 1];
	boundaries(e, brk);
	while (!brk[e->point])
		e->point++;
}

/* Removes bytes [a, b) and puts the insertion point at a. */
static int cut(struct lineedit *e, size_t a, size_t b)
{
	if (b <= a)
		return 0;
	memmove(e->buf + a, e->buf + b, e->len - b + 1);
	e->len -= b - a;
	e->point = a;
	snap(e);
	return 1;
}

int lineedit_insert(struct lineedit *e, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (n > LINEEDIT_MAX - e->len || u8_check((const uint8_t *)s, n) != NULL ||
	    memchr(s, 0, n))
		return -1;
	memmove(e->buf + e->point + n, e->buf + e->point, e->len - e->point + 1);
	memcpy(e->buf + e->point, s, n);
	e->len += n;
	e->point += n;
	snap(e);
	return 0;
}

int lineedit_backspace(struct lineedit *e)
{
	return cut(e, prev_boundary(e, e->point), e->point);
}

int lineedit_delete(struct lineedit *e)
{
	return cut(e, e->point, next_boundary(e, e->point));
}

/* The code point that ends before byte `at` and its start. */
static ucs4_t char_before(const struct lineedit *e, size_t at, size_t *start)
{
	ucs4_t c = 0;
	const uint8_t *p = u8_prev(&c, ubuf(e) + at, ubuf(e));
	*start = p ? (size_t)(p - ubuf(e)) : 0;
	return p ? c : 0;
}

static int is_space(ucs4_t c)
{
	return uc_is_property_white_space(c);
}

int lineedit_kill_word(struct lineedit *e)
{
	size_t at = e->point, s;
	while (at > 0 && is_space(char_before(e, at, &s)))
		at = s;
	while (at > 0 && !is_space(char_before(e, at, &s)))
		at = s;
	/* a mark on a space would join the word to it: cut at the cluster
	 * boundary at or before the word's start */
	size_t b = 0;
	for (size_t p = 0; p <= at && p < e->point; p = next_boundary(e, p))
		b = p;
	return cut(e, b, e->point);
}

int lineedit_kill_line(struct lineedit *e)
{
	int r = e->len > 0;
	lineedit_clear(e);
	return r;
}

void lineedit_home(struct lineedit *e)
{
	e->point = 0;
}

void lineedit_end(struct lineedit *e)
{
	e->point = e->len;
}

int lineedit_move_logical(struct lineedit *e, int dir)
{
	size_t p = dir > 0 ? next_boundary(e, e->point) : prev_boundary(e, e->point);
	if (p == e->point)
		return 0;
	e->point = p;
	return 1;
}

void lineedit_view_free(struct lineedit_view *v)
{
	layout_para_free(&v->lay);
	bidi_free(&v->bidi);
	decode_free(&v->text);
	free(v->col);
	memset(v, 0, sizeof *v);
}

/* The first decoded character at or after byte `at`. */
static size_t char_at_byte(const struct lineedit_view *v, size_t at)
{
	size_t lo = 0, hi = v->text.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->text.byte_off[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The column of an edge of the cell showing character L: the side where
 * reading leaves it (after != 0) or enters it. -1 when L has no cell. */
static int edge(const struct lineedit_view *v, size_t L, int after)
{
	long c = layout_line_cell_of(v->line, L);
	if (c < 0)
		return -1;
	int x = v->col[c], w = v->line->cells[c].width;
	int rtl = v->reorder && (v->bidi.levels[L] & 1);
	if (after)
		return rtl ? x : x + w;
	return rtl ? x + w : x;
}

int lineedit_view_column(const struct lineedit_view *v, size_t point)
{
	size_t L = char_at_byte(v, point);
	/* after the character before it, the nearest one that is drawn... */
	for (size_t k = L; k-- > 0;) {
		int x = edge(v, k, 1);
		if (x >= 0)
			return x;
	}
	/* ...else before the first drawn one after it */
	for (size_t k = L; k < v->text.len; k++) {
		int x = edge(v, k, 0);
		if (x >= 0)
			return x;
	}
	return 0;
}

int lineedit_layout(struct lineedit *e, const struct lineedit_opts *o, int field,
                    struct lineedit_view *v)
{
	const char *err;
	memset(v, 0, sizeof *v);
	v->reorder = o->reorder;
	if (decode_paragraph_ex(e->buf, e->len, o->reveal ? DECODE_REVEAL : 0, &v->text) != 0)
		return -1;
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = o->shape, .mirror = o->mirror};
	if (bidi_prepare(v->text.cp, v->text.len, &bo, &v->bidi, &err) != 0) {
		decode_free(&v->text);
		memset(v, 0, sizeof *v);
		return -1;
	}
	/* wide enough for one line: no character is wider than 2 columns */
	size_t wide = 2 * v->text.len + 2;
	struct layout_opts lo = {.width = wide > (size_t)INT32_MAX ? INT32_MAX : (int)wide,
	                         .reorder = o->reorder, .keep_spaces = 1};
	if (layout_wrap(&v->bidi, &lo, &v->lay) != 0 || v->lay.nlines == 0) {
		bidi_free(&v->bidi);
		decode_free(&v->text);
		memset(v, 0, sizeof *v);
		return -1;
	}
	v->line = &v->lay.lines[0];
	v->col = malloc((v->line->ncells + 1) * sizeof *v->col);
	if (!v->col) {
		lineedit_view_free(v);
		return -1;
	}
	int x = 0;
	for (size_t c = 0; c < v->line->ncells; c++) {
		v->col[c] = x;
		x += v->line->cells[c].width;
	}
	v->width = x;
	v->edge = lineedit_view_column(v, e->point);
	/* a right-to-left line stands flush right: what is typed there
	 * appears left of the edge, and the rest stays */
	v->flush_right = o->reorder && v->bidi.rtl;
	v->cursor = v->flush_right ? v->edge - 1 : v->edge;

	/* the scroll: a line that fits (with its cursor) stands at its side;
	 * a longer one scrolls as little as keeps the cursor in the field,
	 * with no blank columns at the end the text could fill */
	if (field < 1)
		field = 1;
	int least = v->flush_right ? -1 : 0;
	int most = v->flush_right ? v->width - field : v->width + 1 - field;
	if (v->width + 1 <= field) {
		e->scroll = v->flush_right ? v->width - field : 0;
		return 0;
	}
	if (e->scroll > most)
		e->scroll = most;
	if (e->scroll < least)
		e->scroll = least;
	if (v->cursor < e->scroll)
		e->scroll = v->cursor;
	if (v->cursor >= e->scroll + field)
		e->scroll = v->cursor - field + 1;
	return 0;
}

/* Sorting the boundaries by the column of their edge, then byte offset. */
struct stop {
	int col;
	size_t point;
};

static int stop_cmp(const void *a, const void *b)
{
	const struct stop *x = a, *y = b;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->point < y->point ? -1 : x->point > y->point;
}

int lineedit_move_visual(struct lineedit *e, int dir, const struct lineedit_opts *o)
{
	if (!o->reorder)
		return lineedit_move_logical(e, dir);
	struct lineedit_view v;
	int scroll = e->scroll;
	if (lineedit_layout(e, o, 1, &v) != 0)
		return -1;
	e->scroll = scroll;
	struct stop *st = malloc((e->len + 1) * sizeof *st);
	if (!st) {
		lineedit_view_free(&v);
		return -1;
	}
	size_t n = 0;
	for (size_t p = 0;; p = next_boundary(e, p)) {
		st[n++] = (struct stop){lineedit_view_column(&v, p), p};
		if (p >= e->len)
			break;
	}
	lineedit_view_free(&v);
	qsort(st, n, sizeof *st, stop_cmp);
	size_t i = 0;
	while (i < n && st[i].point != e->point)
		i++;
	int moved = 0;
	if (i < n) {
		/* the nearest boundary whose column differs: every key press
		 * moves the cursor on the screen */
		int col = st[i].col;
		if (dir > 0) {
			while (i + 1 < n && st[i].col == col)
				i++;
		} else {
			while (i > 0 && st[i].col == col)
				i--;
		}
		if (st[i].col != col) {
			e->point = st[i].point;
			moved = 1;
		}
	}
	free(st);
	return moved;
}
