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
	int decode_flags; /* layout_piece decodes with these (DECODE_REVEAL) */
	int keep_spaces; /* trailing white space gets cells too (a line being
	                    typed, where the cursor goes after it) */
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
	int32_t *map_store;         /* the lines' cell_of maps, likewise; in
	                               cell_store's allocation (freed with it) */
};

/* Wraps an analysed paragraph at o->width. Returns 0, or -1 when memory runs
 * out or FriBidi fails (then `out` holds nothing to free). An empty paragraph
 * gives one empty line. Free with layout_para_free. */
int layout_wrap(const struct bidi_para *p, const struct layout_opts *o,
                struct layout_para *out);

void layout_para_free(struct layout_para *lp);

/* Pieces of a long paragraph.
 *
 * A paragraph is analysed at most LAYOUT_PIECE_CHARS code points at a time,
 * so that memory stays bounded whatever its length: layout_piece lays out the
 * start of what it is given and says where the next piece starts. A piece
 * ends where a line of the whole paragraph would start: its text is analysed
 * with LAYOUT_PIECE_MARGIN code points more than it keeps, and only lines
 * that end before that margin are kept, so the rows are those of the
 * unpieced paragraph. What a piece cannot see is the text after its margin
 * and before its start: the paragraph direction found by the first piece
 * with a strong character holds for the pieces after it, TAB stops carry
 * over, but an embedding, isolate or bracket pair open across a cut, or an
 * Arabic letter joining across more than the margin of combining marks, is
 * resolved within each piece. A single line longer than a piece (a base
 * with a million combining marks) is cut at a grapheme-cluster boundary, or
 * between characters when the cluster is longer still. */
#define LAYOUT_PIECE_CHARS ((size_t)1 << 20)
#define LAYOUT_PIECE_MARGIN ((size_t)1024)

/* Where a piece starts. All zero for the start of a paragraph. */
struct layout_resume {
	size_t byte;        /* offset in the paragraph's bytes */
	size_t logical;     /* code points before it in the decoded paragraph */
	size_t col;         /* display column there, for TAB stops (mod 8) */
	enum bidi_dir dir;  /* the direction a piece before found; BIDI_AUTO:
	                       none yet (the bidi_opts' dir applies) */
};

/* One laid-out piece. Its lines' logical indices (start, end, cells'
 * logical) count from the paragraph's start. */
struct layout_piece {
	struct layout_para lay;     /* owned */
	size_t bytes;               /* paragraph bytes its lines cover */
	size_t chars;               /* code points they cover */
	struct layout_resume next;  /* where the next piece starts */
	int last;                   /* it ends the paragraph */
};

/* Lays out the piece of a paragraph that starts at *at: bytes[0..n) are the
 * paragraph's bytes from at->byte on, all of them (more == 0) or a part
 * (more != 0: more follow; then give at least LAYOUT_PIECE_CHARS bytes, or
 * the cut is made nearer the end). The same arguments give the same piece.
 * Returns 0, or -1 with *err set to a static message when memory runs out or
 * FriBidi fails (then `out` holds nothing to free). Free with
 * layout_piece_free. */
int layout_piece(const char *bytes, size_t n, int more, const struct bidi_opts *bo,
                 const struct layout_opts *lo, const struct layout_resume *at,
                 struct layout_piece *out, const char **err);

void layout_piece_free(struct layout_piece *pc);

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
