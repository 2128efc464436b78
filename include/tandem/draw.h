/* draw.h — the only module that turns lines into curses calls: layout lines
 * cell by cell (setcchar + mvadd_wch at each cell's computed column, with
 * highlight ranges by logical index), and the reader's own chrome text. */
#ifndef TANDEM_DRAW_H
#define TANDEM_DRAW_H

#include <stddef.h>

#include "tandem/layout.h"
#include "tandem/theme.h"

/* A highlighted logical range [start, end) of a line's paragraph. */
struct draw_hl {
	size_t start, end;
	enum theme_elem elem;
};

/* Draws line l at row y: its cells from column x + l->indent, none beyond
 * column x + w. Cells whose logical index lies in a range of hl take that
 * range's element. */
void draw_line(const struct theme *t, int y, int x, int w, const struct layout_line *l,
               enum theme_elem elem, const struct draw_hl *hl, size_t nhl);

/* Draws the reader's own UTF-8 text (never article text) at y, x, clipped
 * to w columns; a control character shows as the output filter shows it
 * (sanitize.h). Returns the columns used. */
int draw_text(const struct theme *t, int y, int x, int w, const char *s, enum theme_elem elem);

/* Fills w columns with blanks in elem's attributes. */
void draw_fill(const struct theme *t, int y, int x, int w, enum theme_elem elem);

/* A vertical line of h rows at column x. */
void draw_vline(const struct theme *t, int y, int x, int h);

/* The display width of the reader's own UTF-8 text. */
int draw_text_width(const char *s);

#endif
