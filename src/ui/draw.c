/* draw.c — owns every curses output call of the reader: layout lines drawn
 * cell by cell at their computed columns (setcchar + mvadd_wch, so columns
 * never drift whatever libc thinks of a width), search highlights chosen by
 * each cell's logical index, and the reader's own chrome text. */
#include "tandem/draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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

/* Decodes one UTF-8 character; returns its length (1 on bad input, c = '?'). */
static int utf8_char(const char *s, wchar_t *c)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(c, s, 4, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*c = L'?';
		return 1;
	}
	return (int)n;
}

static int char_width(wchar_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return -1;
	return layout_char_width((uint32_t)c);
}

int draw_text_width(const char *s)
{
	int w = 0;
	while (*s) {
		wchar_t c;
		s += utf8_char(s, &c);
		int cw = char_width(c);
		w += cw < 0 ? 1 : cw;
	}
	return w;
}

int draw_text(const struct theme *t, int y, int x, int w, const char *s, enum theme_elem elem)
{
	int col = 0;
	while (*s) {
		wchar_t wc[2] = {0, 0};
		s += utf8_char(s, &wc[0]);
		int cw = char_width(wc[0]);
		if (cw < 0) {
			wc[0] = L'?';
			cw = 1;
		}
		if (cw == 0)
			continue; /* the reader's own text has no combining marks */
		if (col + cw > w)
			break;
		put_cell(t, y, x + col, wc, elem);
		col += cw;
	}
	return col;
}

void draw_vline(const struct theme *t, int y, int x, int h)
{
	static const wchar_t bar[] = {0x2502, 0};
	for (int i = 0; i < h; i++)
		put_cell(t, y + i, x, bar, THEME_BORDER);
}
