/* output.h — the screen's cells, and sending them to the terminal.
 *
 * The views draw (through draw.h) into a frame of cells kept here: a
 * character with its marks, attributes, a colour pair, wide characters
 * whole (a write over half of one blanks its other half). output_frame
 * compares the frame with what it last sent, row by row, and sends only
 * the cells that differ, in one write: UTF-8 from the cells as they are,
 * attributes through the terminal's own sequences (made once per
 * attribute and colour pair), rows reached with a line feed where that is
 * shorter than an address, a pane scrolled by output_scroll moved by the
 * terminal's scroll region. Curses keeps the keys and the terminal's modes;
 * its doupdate would send the same frame but spends most of a key's time on
 * it (its cursor-movement costs, a libc conversion per character) and
 * addresses every row it touches.
 *
 * A terminal without what this needs (cursor addressing, clear screen,
 * clear to end of line, attribute reset, colour by number when colours are
 * on) gets its frames through curses: the frame is copied into stdscr and
 * doupdate sends it; so does a session with TANDEM_OUTPUT=curses in its
 * environment.
 *
 * The state is the terminal's, so it is one per process, like curses' own
 * screen; not for threads. */
#ifndef TANDEM_OUTPUT_H
#define TANDEM_OUTPUT_H

#include <curses.h>
#include <wchar.h>

/* Starts the frame for the curses screen just started (after newterm and
 * its first doupdate), of LINES x COLS blanks. Returns 1 when this module
 * sends the frames, 0 when curses does (see above), -1 when out of memory. */
int output_start(void);

/* A new size (after a resize): the frame becomes blanks of that size and
 * the next one is sent whole. Out of memory, nothing is drawn nor sent
 * until a size that fits. */
void output_resize(int rows, int cols);

/* Cell (y, x) of the frame: the base character wc[0] and its marks (up to
 * the 0 that ends wc, at most CCHARW_MAX characters), width columns (2:
 * the cell at x + 1 is its right half; a wide character with no room left
 * shows a blank), attr (curses attributes, the colour pair's bits ignored)
 * and colour pair `pair`. Outside the frame: nothing. */
void output_put(int y, int x, const wchar_t *wc, int width, attr_t attr, int pair);

/* w blanks from (y, x) in attr and pair. */
void output_fill(int y, int x, int w, attr_t attr, int pair);

/* The whole frame blank, in the terminal's colours. */
void output_erase(void);

/* Moves the cells of the rectangle of h rows and w columns at (y, x) up by
 * n rows (down when n < 0); the rows uncovered are blank. The next frame
 * scrolls those rows on the terminal (its full width) when that sends less
 * than drawing them. Returns 0, or -1 for a rectangle outside the frame. */
int output_scroll(int y, int x, int h, int w, int n);

/* Where the terminal's cursor is left after the frame (the prompt's
 * insertion point); y < 0: anywhere (the cursor is hidden). */
void output_cursor(int y, int x);

/* Sends the frame: what changed since the last one. After output_start, a
 * resize or output_invalidate, the screen is cleared and the whole frame
 * sent. */
void output_frame(void);

/* What the terminal shows is not known any more (a redraw asked by the
 * user): the next frame clears it and sends all. */
void output_invalidate(void);

/* After a suspend (endwin, then reset_prog_mode): curses takes the screen
 * back and the next frame sends all. */
void output_resume(void);

/* Before curses leaves the screen (endwin): resets the attributes this
 * module set, so that the shell gets the terminal's own colours. */
void output_leave(void);

/* Frees what output_start took (idempotent). */
void output_end(void);

#endif
