/* compare.h — two or three articles side by side: each column a page (its
 * own direction, its own width), the body pieces aligned across columns by
 * Gale–Church (align.h) so that each aligned group of paragraphs starts on
 * the same row, the shorter padded with empty rows. */
#ifndef TANDEM_COMPARE_H
#define TANDEM_COMPARE_H

#include <stddef.h>

#include "tandem/corpus.h"
#include "tandem/facts.h"
#include "tandem/page.h"

#define COMPARE_MAX_COLS 3
#define COMPARE_NO_ROW ((size_t)-1)

/* A group of pieces of each column that belong together (a bead). */
struct compare_segment {
	size_t first[COMPARE_MAX_COLS]; /* first piece of each column */
	size_t count[COMPARE_MAX_COLS]; /* pieces of each column (0 allowed) */
};

/* A fact one column states and its translation beside it does not (or
 * states under another qualifier): see factcheck.h. */
struct compare_diff {
	size_t col, piece;       /* where: a column and a piece of its page */
	size_t off, len;         /* bytes of the fact in the piece's text */
	size_t seg;              /* the aligned segment */
	size_t other;            /* the column it was compared with */
	struct fact fact;
	int qualifier_only;
};

/* How a column relates to the first. */
enum compare_kind {
	COMPARE_FIRST,         /* the first column itself */
	COMPARE_TRANSLATION,   /* same group or source: aligned by length */
	COMPARE_OTHER_REPORT,  /* another report: aligned by shared facts */
};

struct compare {
	size_t ncols;
	enum compare_kind kind[COMPARE_MAX_COLS];
	struct page *cols[COMPARE_MAX_COLS];   /* owned */
	size_t articles[COMPARE_MAX_COLS];      /* article index per column */
	struct compare_segment *segs;          /* owned; header segments first */
	size_t nsegs;
	int col_width;                          /* width of each column's text */
	size_t *rows[COMPARE_MAX_COLS];         /* per screen row: the column's
	                                           page row, or COMPARE_NO_ROW
	                                           (padding); owned */
	size_t nrows;
	size_t *seg_row;                        /* first screen row of each
	                                           segment; owned */
	struct compare_diff *diffs;             /* differences between the first
	                                           column and its translations,
	                                           in screen order; owned */
	size_t ndiffs;
};

/* Builds the comparison of articles idx[0..n) (2 or 3) of corpus c and
 * aligns their paragraphs: a translation of the first column (its group or
 * source) by Gale–Church over lengths (align.h), any other article by the
 * facts and names the paragraphs share (anchor.h). The corpus must outlive it. NULL when memory runs
 * out. Free with compare_destroy. */
struct compare *compare_create(const struct corpus *c, const size_t *idx, size_t n,
                               const struct page_opts *o);

void compare_destroy(struct compare *cmp);

/* Lays every column out at col_width and builds the aligned rows. Returns 0
 * or -1 (memory). */
int compare_layout(struct compare *cmp, int col_width);

/* Screen row of a column's page row (the row it is drawn on), or
 * COMPARE_NO_ROW. */
size_t compare_screen_row(const struct compare *cmp, size_t col, size_t page_row);

/* The segment shown on a screen row. */
size_t compare_segment_of_row(const struct compare *cmp, size_t row);

/* Replaces column col's article by article idx (re-aligns). 0 or -1. */
int compare_set_column(struct compare *cmp, const struct corpus *c, size_t col, size_t idx);

/* "translation", "other report, aligned by shared facts", or "" for the
 * first column. */
const char *compare_kind_name(enum compare_kind k);

#endif
