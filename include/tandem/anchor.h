/* anchor.h — aligning two different reports of one event (another source,
 * another language) by what their paragraphs share, not by their lengths:
 * numbers and dates normalised across languages (facts.h), and names —
 * capitalised Latin-script words, which survive translation between French,
 * Indonesian and English and stand as they are inside Arabic text. Each
 * anchor weighs by how rare it is in the two texts (a date every paragraph
 * gives ties nothing); a pair of paragraphs sharing enough weight is a
 * candidate, and the heaviest chain of candidates in order on both sides
 * is the alignment. A paragraph with no counterpart stands alone; nothing
 * is force-paired. No curses. */
#ifndef TANDEM_ANCHOR_H
#define TANDEM_ANCHOR_H

#include <stddef.h>

#include "tandem/align.h"
#include "tandem/dates.h"

/* The paragraphs of one text. */
struct anchor_text {
	const char *const *para;  /* UTF-8 paragraphs */
	const size_t *len;        /* their lengths in bytes */
	size_t n;
	struct date_ymd date;     /* the article's date (y == 0: unknown) */
};

/* Aligns the paragraphs of a and b. On success *beads (caller frees) holds
 * *nbeads beads in order covering every paragraph of both exactly once:
 * 1-1 beads for paragraphs that share anchors, 1-0 and 0-1 beads for the
 * rest (a bead's cost is minus the weight the pair shares; 0 alone).
 * Returns 0, or -1 when memory runs out. */
int anchor_align(const struct anchor_text *a, const struct anchor_text *b,
                 struct align_bead **beads, size_t *nbeads);

/* The anchors of one paragraph as keys ("n:1500", "d:2025-10-25",
 * "w:luong"), for tests and --check: *keys (caller frees each and the
 * array) receives *nkeys distinct keys. 0, or -1 when memory runs out. */
int anchor_keys(const char *text, size_t len, const struct date_ymd *date, char ***keys,
                size_t *nkeys);

#endif
