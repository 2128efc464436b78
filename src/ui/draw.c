/* draw.c — owns every curses output call of the reader: layout lines drawn
 * cell by cell at their computed columns (setcchar + mvadd_wch, so columns
 * never drift whatever libc thinks of a width), search highlights chosen by
 * each cell's logical index, and the reader's own chrome text. */
#include "tandem/draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tandem/sanitize.h"

static attr_t attr_of(const struct theme *t, enum theme_elem e)
{
	return (attr_t)t->attr[e];
}

static void put_cell(const struct theme *t, int y, int x, const wchar_t *wc, enum theme_elem e)
{
	cchar_t cc;
	if (setcchar(&cc, wc, attr_of(t, e), t->pair[e], NULL) == OK)
		mvadd_wch(y, x, &cc);
}

void draw_fill(const struct theme *t, int y, int x, int w, enum theme_elem elem)
{
	static const wchar_t blank[] = {L' ', 0};
	for (int i = 0; i < w; i++)
		put_cell(t, y, x + i, blank, elem);
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
		wchar_t wc[LAYOUT_CELL_CHARS + 1];
		size_t k = 0;
		for (; k < c->nch && k < LAYOUT_CELL_CHARS; k++)
			wc[k] = (wchar_t)c->ch[k];
		wc[k] = 0;
		put_cell(t, y, x + col, wc, nhl ? (enum theme_elem)cell_elem[i] : elem);
		col += c->width;
	}
	if (cell_elem != stack_elem)
		free(cell_elem);
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
				v = 0xfffd; /* unknown to libc: curses could not place it */
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
	enum theme_elem elem;
};

static int put_visible(uint32_t c, int w, void *ctx)
{
	struct text_pen *p = ctx;
	if (p->col + w > p->w)
		return 1;
	wchar_t wc[2] = {(wchar_t)c, 0};
	put_cell(p->t, p->y, p->x + p->col, wc, p->elem);
	p->col += w;
	return 0;
}

int draw_text(const struct theme *t, int y, int x, int w, const char *s, enum theme_elem elem)
{
	struct text_pen p = {.t = t, .y = y, .x = x, .w = w, .col = 0, .elem = elem};
	each_visible(s, put_visible, &p);
	return p.col;
}

void draw_vline(const struct theme *t, int y, int x, int h)
{
	static const wchar_t bar[] = {0x2502, 0};
	for (int i = 0; i < h; i++)
		put_cell(t, y + i, x, bar, THEME_BORDER);
}
