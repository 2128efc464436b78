/* output.h — sending each frame to the terminal.
 *
 * Curses keeps the windows, the keys and the terminal's modes; this module
 * sends the frames. After wnoutrefresh, output_frame compares curses'
 * virtual screen with what it last sent, row by row, and sends only the
 * cells that differ, in one write. Curses' doupdate would send the same
 * frame, but spends most of a key's time on it (its cursor-movement costs
 * and a libc conversion per character) and addresses every row it
 * touches; here the UTF-8 comes from the cells as they are, attributes are
 * made once per element, rows are reached with a line feed where that is
 * shorter, and a pane scrolled by draw_scroll is moved by the terminal's
 * scroll region.
 *
 * A terminal without what this needs (cursor addressing, clear screen,
 * clear to end of line, attribute reset, colour by number when colours are
 * on) gets its frames from doupdate, as does a session where
 * TANDEM_OUTPUT=curses is set in the environment.
 *
 * The state is the terminal's, so it is one per process, like curses' own
 * screen; not for threads. */
#ifndef TANDEM_OUTPUT_H
#define TANDEM_OUTPUT_H

/* Starts sending frames for the curses screen just started (after newterm
 * and the first doupdate). Returns 1 when this module sends the frames, 0
 * when doupdate does (see above, or out of memory). */
int output_start(void);

/* Sends the frame drawn in stdscr: what changed since the last one (the
 * rows curses has touched, which it then marks untouched, so that reading
 * a key does not send them again), the cursor left where stdscr has it
 * unless leaveok. After a resize, or output_invalidate, the screen is
 * cleared and the whole frame sent. Keys must be read from a window that
 * is never drawn in (term.h's keys window). */
void output_frame(void);

/* The cells of rows y..y+h-1, columns x..x+w-1, of stdscr were moved up by
 * n rows (down when n < 0) by a scroll (draw_scroll) without touching
 * them. Returns 1 when this module takes note (the next frame scrolls them
 * on the terminal where that sends less than drawing them; every row of
 * stdscr touched so far is noted too, so that the caller may mark stdscr
 * untouched), 0 when curses sends the frames: the caller must then touch
 * the rows. */
int output_scrolled(int y, int x, int h, int w, int n);

/* What the terminal shows is not known any more (after a suspend, for a
 * redraw asked by the user): the next frame clears it and sends all. */
void output_invalidate(void);

/* Before curses leaves the screen (endwin): resets the attributes this
 * module set, so that the shell gets the terminal's own colours. */
void output_leave(void);

/* After a suspend (endwin, then reset_prog_mode): curses takes the screen
 * back and the next frame sends all. */
void output_resume(void);

/* Frees what output_start took (idempotent). */
void output_end(void);

#endif
