/* lineedit.h — a one-line text input (the reader's search prompt), without
 * curses: a UTF-8 buffer with an insertion point that stays on grapheme
 * cluster boundaries, editing that acts on logical characters, and the
 * visual line the text layer makes of it (reordered and shaped as article
 * text is) with the column of the insertion point and a horizontal scroll
 * that keeps that column in view.
 *
 * The insertion point shows at an edge: that of the character before it on
 * the side where reading leaves it — right of a left-to-right character,
 * left of a right-to-left one (so at the end of "hanoi هانوي" it is the
 * left end of the Arabic word, and at the end of a wholly right-to-left
 * text its left end); at the start of the text, the edge of the first
 * character where reading enters it. A line whose paragraph is
 * left-to-right stands flush left, and a character typed there appears in
 * the cell right of the edge (what follows moves right); a right-to-left
 * line stands flush right, as right-to-left paragraphs do in articles, and
 * a character typed there appears in the cell left of the edge (what
 * precedes it moves left). The cursor takes that cell. */
#ifndef TANDEM_LINEEDIT_H
#define TANDEM_LINEEDIT_H

#include <stddef.h>

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"

#define LINEEDIT_MAX 255 /* bytes of text */

struct lineedit {
	char buf[LINEEDIT_MAX + 1]; /* UTF-8, NUL-terminated */
	size_t len;                 /* bytes */
	size_t point;               /* the insertion point, a byte offset */
	int scroll;                 /* the first column of the line shown */
};

/* How the line is set: as the reader sets article text. */
struct lineedit_opts {
	int shape;      /* Arabic shaping */
	int mirror;     /* bracket mirroring */
	int reorder;    /* 0: logical order (the terminal does bidi) */
	int reveal;     /* invisible format characters as marks */
};

/* The line as drawn. */
struct lineedit_view {
	struct decoded_text text;       /* owned */
	struct bidi_para bidi;          /* owned */
	struct layout_para lay;         /* one line; owned */
	const struct layout_line *line; /* lay.lines[0] */
	int *col;                       /* per cell of line: its first column;
	                                   owned */
	int width;                      /* columns of the whole line */
	int edge;                       /* column of the insertion point's edge
	                                   (0..width) */
	int cursor;                     /* the cell the cursor takes: edge, or
	                                   edge - 1 when flush right (-1..width) */
	int flush_right;                /* a right-to-left line, set flush right */
	int reorder;
};

/* Empties the line. */
void lineedit_clear(struct lineedit *e);

/* Inserts n bytes of UTF-8 at the insertion point, which moves after them.
 * Returns 0, or -1 (nothing inserted) when they are not valid UTF-8 or the
 * line has no room for them. */
int lineedit_insert(struct lineedit *e, const char *s, size_t n);

/* Backspace: deletes the grapheme cluster before the insertion point.
 * Returns 1 when something was deleted. */
int lineedit_backspace(struct lineedit *e);

/* Delete: deletes the grapheme cluster after the insertion point. */
int lineedit_delete(struct lineedit *e);

/* Ctrl-W: deletes the word before the insertion point and the white space
 * between them. */
int lineedit_kill_word(struct lineedit *e);

/* Ctrl-U: deletes the whole line. */
int lineedit_kill_line(struct lineedit *e);

/* Home and End: the insertion point to the logical start or end. */
void lineedit_home(struct lineedit *e);
void lineedit_end(struct lineedit *e);

/* Moves the insertion point one grapheme cluster forward (dir > 0) or back
 * in logical order. Returns 1 when it moved. */
int lineedit_move_logical(struct lineedit *e, int dir);

/* Left and Right: moves the insertion point to the nearest grapheme cluster
 * boundary whose edge lies to the right (dir > 0) or the left,
 * whatever the direction of the text there. Returns 1 when it moved, 0 at an
 * end, -1 when memory runs out. */
int lineedit_move_visual(struct lineedit *e, int dir, const struct lineedit_opts *o);

/* Lays out the line and sets e->scroll so that the cursor cell shows in a
 * field `field` columns wide: the columns [e->scroll, e->scroll + field) of
 * the line are shown, a negative e->scroll leaving blank columns on the left
 * (a right-to-left line that fits stands flush right, its cursor left of
 * it). Returns 0, or -1 when memory runs out or FriBidi fails (then v holds
 * nothing to free). Free with lineedit_view_free. */
int lineedit_layout(struct lineedit *e, const struct lineedit_opts *o, int field,
                    struct lineedit_view *v);

/* The column of the edge where the insertion point at byte `point` of the
 * line v was laid out from shows. */
int lineedit_view_column(const struct lineedit_view *v, size_t point);

void lineedit_view_free(struct lineedit_view *v);

#endif
