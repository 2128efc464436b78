/* layout.h — a paragraph to visual lines of terminal cells for one column
 * width: lines are cut in logical order (UAX #14 opportunities, widths after
 * shaping, grapheme-cluster cuts for over-long words) and each line is then
 * reordered on its own. Every line keeps its logical<->visual map. */
#ifndef TANDEM_LAYOUT_H
#define TANDEM_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/bidi.h"

/* A cell holds a base character and at most LAYOUT_CELL_CHARS - 1 combining
 * marks (ncurses keeps CCHARW_MAX = 5 characters per cell). */
#define LAYOUT_CELL_CHARS 5

struct layout_cell {
	uint32_t ch[LAYOUT_CELL_CHARS]; /* base, then combining marks */
	uint8_t nch;
	uint8_t width;                  /* 1 or 2 columns */
	uint32_t logical;               /* logical index of the base character */
};

/* One screen line in visual order (left to right as drawn). */
struct layout_line {
	struct layout_cell *cells;  /* visual order; in the layout_para's
	                               cell_store */
	size_t ncells;
	int width;                  /* columns covered by the cells */
	int indent;                 /* blank columns before the first cell */
	size_t start, end;          /* logical range [start, end), trailing
	                               white space included */
	int32_t *cell_of;           /* logical -> visual: cell_of[i - start] is
	                               the cell showing logical index i (marks
	                               map to their base's cell), -1 if none;
	                               in the layout_para's map_store */
};

struct layout_opts {
	int width;      /* columns available, >= 1 */
	int pad;        /* flush right-to-left lines right (indent) */
	int reorder;    /* 0: keep logical order (terminal does bidi itself) */
};

struct layout_para {
	struct layout_line *lines;  /* owned */
	size_t nlines;
	int width;                  /* the width it was wrapped for */
	int rtl;                    /* paragraph direction */
	size_t marks_cut;           /* combining marks beyond a cell's room */
	struct layout_cell *cell_store; /* every line's cells, one block: a
	                               line [start, end) has its cells at
	                               cell_store + start; owned */
	int32_t *map_store;         /* the lines' cell_of maps, likewise; owned */
};

/* Wraps an analysed paragraph at o->width. Returns 0, or -1 when memory runs
 * out or FriBidi fails (then `out` holds nothing to free). An empty paragraph
 * gives one empty line. Free with layout_para_free. */
int layout_wrap(const struct bidi_para *p, const struct layout_opts *o,
                struct layout_para *out);

void layout_para_free(struct layout_para *lp);

/* Display width of c after shaping: 0 for combining marks and characters
 * never printed (format characters, fills), 2 for wide, else 1. The one
 * width function used for layout and drawing. */
int layout_char_width(uint32_t c);

/* True when c is not printed at all (format characters, U+FEFF fill, soft
 * hyphen, zero-width joiners), as opposed to a combining mark. */
int layout_is_invisible(uint32_t c);

/* Index of the cell that shows logical index `logical`, or -1 when that
 * character has no cell on the line (trailing space, format character). */
long layout_line_cell_of(const struct layout_line *l, size_t logical);

/* The line as UTF-8: `indent` spaces when with_indent, then the cells;
 * when pad_to > 0, spaces up to that many columns. Caller frees. NULL when
 * memory runs out. */
char *layout_line_to_utf8(const struct layout_line *l, int with_indent, int pad_to,
                          size_t *out_len);

#endif
