/* draw.c — owns every drawing call of the reader: layout lines drawn cell by
 * cell at their computed columns into the frame (output.h), search
 * highlights chosen by each cell's logical index, and the reader's own
 * chrome text. */
#include "tandem/draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tandem/bidi.h"
#include "tandem/output.h"
#include "tandem/sanitize.h"

static attr_t attr_of(const struct theme *t, enum theme_elem e)
{
	return (attr_t)t->attr[e];
}

static void put_cell(const struct theme *t, int y, int x, const wchar_t *wc, int width,
                     enum theme_elem e)
{
	output_put(y, x, wc, width, attr_of(t, e), t->pair[e]);
}

void draw_fill(const struct theme *t, int y, int x, int w, enum theme_elem elem)
{
	output_fill(y, x, w, attr_of(t, elem), t->pair[elem]);
}

int draw_scroll(int y, int x, int h, int w, int n)
{
	return output_scroll(y, x, h, w, n);
}

void draw_erase(void)
{
	output_erase();
}

void draw_cursor(int y, int x)
{
	output_cursor(y, x);
}

void draw_line(const struct theme *t, int y, int x, int w, const struct layout_line *l,
               enum theme_elem elem, const struct draw_hl *hl, size_t nhl)
{
	/* Which cells a highlight covers comes from the line's logical->visual
	 * map: a cell can show several logical characters (a lam-alef ligature,
	 * a base with its marks), and any of them matching lights it. */
	enum { STACK_CELLS = 512 };
	unsigned char stack_elem[STACK_CELLS];
	unsigned char *cell_elem = stack_elem;
	if (nhl && l->ncells > STACK_CELLS && !(cell_elem = malloc(l->ncells)))
		nhl = 0; /* out of memory: draw without highlights */
	if (nhl) {
		memset(cell_elem, (unsigned char)elem, l->ncells);
		for (size_t h = 0; h < nhl; h++) {
			size_t a = hl[h].start > l->start ? hl[h].start : l->start;
			size_t b = hl[h].end < l->end ? hl[h].end : l->end;
			for (size_t L = a; L < b; L++) {
				long ci = layout_line_cell_of(l, L);
				if (ci >= 0)
					cell_elem[ci] = (unsigned char)hl[h].elem;
			}
		}
	}
	int col = l->indent;
	for (size_t i = 0; i < l->ncells; i++) {
		const struct layout_cell *c = &l->cells[i];
		if (col + c->width > w)
			break;
		enum theme_elem e = nhl ? (enum theme_elem)cell_elem[i] : elem;
		wchar_t wc[LAYOUT_CELL_CHARS + 1];
		size_t k = 0;
		for (; k < c->nch && k < LAYOUT_CELL_CHARS; k++)
			wc[k] = (wchar_t)c->ch[k];
		wc[k] = 0;
		put_cell(t, y, x + col, wc, c->width, e);
		col += c->width;
	}
	if (cell_elem != stack_elem)
		free(cell_elem);
}

void draw_line_scrolled(const struct theme *t, int y, int x, int w, const struct layout_line *l,
                        int from, enum theme_elem elem)
{
	int col = 0;
	for (size_t i = 0; i < l->ncells; i++) {
		const struct layout_cell *c = &l->cells[i];
		int at = col - from;
		col += c->width;
		if (at < 0)
			continue;
		if (at + c->width > w)
			break;
		wchar_t wc[LAYOUT_CELL_CHARS + 1];
		size_t k = 0;
		for (; k < c->nch && k < LAYOUT_CELL_CHARS; k++)
			wc[k] = (wchar_t)c->ch[k];
		wc[k] = 0;
		put_cell(t, y, x + at, wc, c->width, elem);
	}
}

/* The reader's own text (status, prompts, messages that quote file names
 * and ids) goes through the output filter's mapping: a control shows as the
 * same symbol it has in article text. Calls fn(cp, width, ctx) per visible
 * character until fn returns nonzero. */
static void each_visible(const char *s, int (*fn)(uint32_t, int, void *), void *ctx)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t c, vis[SANITIZE_MAX_CP];
		i += sanitize_next(s + i, n - i, &c, NULL);
		size_t k = sanitize_char(c, vis);
		for (size_t j = 0; j < k; j++) {
			uint32_t v = vis[j];
			int w = layout_char_width(v);
			if (w > 0 && wcwidth((wchar_t)v) < 0)
				v = 0xfffd; /* unknown to libc: a terminal could not place it */
			if (w == 0)
				continue; /* the reader's own text has no combining marks */
			if (fn(v, w, ctx))
				return;
		}
	}
}

static int add_width(uint32_t c, int w, void *ctx)
{
	*(int *)ctx += w;
	return 0;
}

int draw_text_width(const char *s)
{
	int w = 0;
	each_visible(s, add_width, &w);
	return w;
}

struct text_pen {
	const struct theme *t;
	int y, x, w, col;
	int stop;               /* columns to draw: the text up to a word end */
	int word_end;           /* measuring: the column after the last word that fits */
	enum theme_elem elem;
};

static int put_visible(uint32_t c, int w, void *ctx)
{
	struct text_pen *p = ctx;
	if (p->col + w > p->stop)
		return 1;
	wchar_t wc[2] = {(wchar_t)c, 0};
	put_cell(p->t, p->y, p->x + p->col, wc, w, p->elem);
	p->col += w;
	return 0;
}

/* Measuring a cut: where the last word that fits in p->w ends. */
static int find_cut(uint32_t c, int w, void *ctx)
{
	struct text_pen *p = ctx;
	if (p->col + w > p->w)
		return 1;
	if (c == ' ' && p->col > 0)
		p->word_end = p->col;
	p->col += w;
	return 0;
}

/* A text quoting right-to-left text, through the text layer. -1 when it
 * cannot be analysed (out of memory). */
static int draw_text_bidi(const struct theme *t, int y, int x, int w, const char *s,
                          enum theme_elem elem)
{
	struct page_opts o = {.shape = t->text_shape, .mirror = t->text_mirror,
	                      .reorder = t->text_reorder, .reveal = t->text_reveal,
	                      .dir = BIDI_AUTO};
	struct label l;
	if (label_init(&l, s, &o) != 0) {
		label_free(&l);
		return -1;
	}
	int cut = draw_label(t, y, x, w, &l, elem, NULL, 0);
	const struct layout_line *ln = label_line(&l, cut ? w - 1 : w);
	int used = (ln ? ln->indent + ln->width : 0) + cut;
	label_free(&l);
	return used;
}

int draw_text(const struct theme *t, int y, int x, int w, const char *s, enum theme_elem elem)
{
	static const wchar_t ellipsis[] = {0x2026, 0};
	struct text_pen p = {.t = t, .y = y, .x = x, .w = w, .stop = w, .col = 0, .elem = elem};
	if (w < 1)
		return 0;
	if ((t->text_reorder || t->text_shape) && bidi_needs_layout(s, strlen(s))) {
		int used = draw_text_bidi(t, y, x, w, s, elem);
		if (used >= 0)
			return used;
	}
	if (draw_text_width(s) <= w) {
		each_visible(s, put_visible, &p);
		return p.col;
	}
	/* cut with "…": after the last whole word that leaves room for it
	 * (a word longer than half the room is cut where it must be) */
	p.w = w - 1;
	p.word_end = 0;
	each_visible(s, find_cut, &p);
	p.stop = p.word_end * 2 >= p.w ? p.word_end : p.w;
	p.col = 0;
	each_visible(s, put_visible, &p);
	put_cell(t, y, x + p.col, ellipsis, 1, elem);
	return p.col + 1;
}

/* Collecting the visible characters of a text, with their widths. */
struct vis_buf {
	uint32_t *c;
	unsigned char *w;
	size_t n, cap;
};

static int collect(uint32_t c, int w, void *ctx)
{
	struct vis_buf *b = ctx;
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 128;
		uint32_t *nc = realloc(b->c, cap * sizeof *nc);
		if (!nc)
			return 1;
		b->c = nc;
		unsigned char *nw = realloc(b->w, cap);
		if (!nw)
			return 1;
		b->w = nw;
		b->cap = cap;
	}
	b->c[b->n] = c;
	b->w[b->n++] = (unsigned char)w;
	return 0;
}

int draw_text_middle(const struct theme *t, int y, int x, int w, const char *s,
                     enum theme_elem elem)
{
	static const wchar_t ellipsis[] = {0x2026, 0};
	/* a text quoting right-to-left text keeps its start, set as a line */
	if (w < 8 || draw_text_width(s) <= w ||
	    ((t->text_reorder || t->text_shape) && bidi_needs_layout(s, strlen(s))))
		return draw_text(t, y, x, w, s, elem);
	struct vis_buf b = {0};
	each_visible(s, collect, &b);
	/* the start up to half the room, "…", then as much of the end as fits */
	int head = (w - 1) / 2, col = 0;
	size_t i = 0;
	for (; i < b.n && col + b.w[i] <= head; i++) {
		wchar_t wc[2] = {(wchar_t)b.c[i], 0};
		put_cell(t, y, x + col, wc, b.w[i], elem);
		col += b.w[i];
	}
	put_cell(t, y, x + col, ellipsis, 1, elem);
	col++;
	int room = w - col;
	size_t j = b.n;
	for (int tail = 0; j > i && tail + b.w[j - 1] <= room; j--)
		tail += b.w[j - 1];
	for (; j < b.n; j++) {
		wchar_t wc[2] = {(wchar_t)b.c[j], 0};
		put_cell(t, y, x + col, wc, b.w[j], elem);
		col += b.w[j];
	}
	free(b.c);
	free(b.w);
	return col;
}

int draw_label(const struct theme *t, int y, int x, int w, struct label *l, enum theme_elem elem,
               const struct draw_hl *hl, size_t nhl)
{
	static const wchar_t ellipsis[] = {0x2026, 0};
	if (w < 1)
		return 0;
	const struct layout_para *lp = label_layout(l, w);
	if (!lp || lp->nlines == 0)
		return 0;
	if (lp->nlines == 1) {
		draw_line(t, y, x, w, &lp->lines[0], elem, hl, nhl);
		return 0;
	}
	/* cut: the first line of a wrap one column narrower, then the mark */
	lp = w > 1 ? label_layout(l, w - 1) : NULL;
	const struct layout_line *ln = lp && lp->nlines ? &lp->lines[0] : NULL;
	if (!ln) {
		put_cell(t, y, x, ellipsis, 1, elem);
		return 1;
	}
	if (l->bidi.rtl) {
		put_cell(t, y, x, ellipsis, 1, elem);
		draw_line(t, y, x + 1, w - 1, ln, elem, hl, nhl);
	} else {
		draw_line(t, y, x, w - 1, ln, elem, hl, nhl);
		put_cell(t, y, x + ln->indent + ln->width, ellipsis, 1, elem);
	}
	return 1;
}

void draw_vline(const struct theme *t, int y, int x, int h)
{
	static const wchar_t bar[] = {0x2502, 0};
	for (int i = 0; i < h; i++)
		put_cell(t, y + i, x, bar, 1, THEME_BORDER);
}
