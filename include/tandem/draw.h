/* draw.h — the only module that draws: layout lines cell by cell into the
 * frame (output.h), each cell at its computed column with its computed
 * width, highlight ranges by logical index; and the reader's own chrome
 * text. */
#ifndef TANDEM_DRAW_H
#define TANDEM_DRAW_H

#include <stddef.h>

#include "tandem/label.h"
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

/* Draws the reader's own text as draw_text does, but a text too long for
 * w columns keeps its start and its end with "…" between them (a message
 * that names a long path keeps its reason). Returns the columns used. */
int draw_text_middle(const struct theme *t, int y, int x, int w, const char *s,
                     enum theme_elem elem);

/* Draws a label (label.h) on row y in w columns: whole when it fits, else
 * cut between words (or grapheme clusters) with "…" at its end — on the
 * right of left-to-right text, on the left of right-to-left text — never a
 * column short. hl as for draw_line. Returns 1 when it was cut. */
int draw_label(const struct theme *t, int y, int x, int w, struct label *l, enum theme_elem elem,
               const struct draw_hl *hl, size_t nhl);

/* Draws the reader's own UTF-8 text at y, x in w columns, cut after a word
 * with "…" when it does not fit; a control character shows as the output
 * filter shows it (sanitize.h). A text that quotes right-to-left text (a
 * query, a title: bidi_needs_layout) is set by the text layer as articles
 * are, with t's text_* settings: reordered, shaped, cut as draw_label cuts.
 * Returns the columns used. */
int draw_text(const struct theme *t, int y, int x, int w, const char *s, enum theme_elem elem);

/* Draws the columns [from, from + w) of line l (its indent ignored) at
 * y, x: a line longer than its field, scrolled. A wide cell cut by either
 * edge is left blank. */
void draw_line_scrolled(const struct theme *t, int y, int x, int w, const struct layout_line *l,
                        int from, enum theme_elem elem);

/* Fills w columns with blanks in elem's attributes. */
void draw_fill(const struct theme *t, int y, int x, int w, enum theme_elem elem);

/* Moves the cells of the rectangle of h rows and w columns at (y, x) up
 * by n rows (down when n < 0), as a scroll of that part of the screen; the
 * rows it uncovers are blank, for the caller to draw. The terminal is told
 * only the difference (output_scroll). Returns 0, or -1 when nothing could
 * be moved (the caller draws every row). */
int draw_scroll(int y, int x, int h, int w, int n);

/* The whole screen blank. */
void draw_erase(void);

/* Where the terminal's cursor is left after the frame; y < 0: hidden. */
void draw_cursor(int y, int x);

/* A vertical line of h rows at column x. */
void draw_vline(const struct theme *t, int y, int x, int h);

/* The display width of the reader's own UTF-8 text. */
int draw_text_width(const char *s);

#endif
