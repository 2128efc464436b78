/* align.h — paragraph alignment of two translations by length (Gale &
 * Church 1993): dynamic programming over beads 1-1, 1-0, 0-1, 2-1, 1-2 and
 * 2-2, in a band around the diagonal. */
#ifndef TANDEM_ALIGN_H
#define TANDEM_ALIGN_H

#include <stddef.h>

/* A bead pairs a_len paragraphs of text A starting at a_start with b_len
 * paragraphs of text B starting at b_start (each length 0, 1 or 2). */
struct align_bead {
	size_t a_start, a_len;
	size_t b_start, b_len;
	double cost;             /* -log(P(bead) * P(delta)) */
};

/* Aligns paragraphs with lengths len_a[0..na) and len_b[0..nb) (measured in
 * characters). The ratio c of B's length to A's is estimated from the totals.
 * On success *beads (caller frees) holds *nbeads beads in order, covering
 * every paragraph of both texts exactly once; returns 0. Returns -1 when
 * memory runs out. Two empty texts give zero beads.
 * The dynamic programme runs in a band around the diagonal (see align.c):
 * time about na x band, memory linear in na + nb plus one byte per cell of
 * the band; texts of up to 32 paragraphs get the full table. */
int align_paragraphs(const size_t *len_a, size_t na, const size_t *len_b, size_t nb,
                     struct align_bead **beads, size_t *nbeads);

/* As align_paragraphs, with the band's starting half-width given (in
 * paragraphs of B; 0 chooses as align_paragraphs does). The band still
 * widens where the best path runs along its edge. A band of nb or more is
 * the full table. Same ownership and return values. */
int align_paragraphs_band(const size_t *len_a, size_t na, const size_t *len_b, size_t nb,
                          size_t band, struct align_bead **beads, size_t *nbeads);

/* The bead's shape as text: "1-1", "2-1", "0-1"... (static). */
const char *align_bead_shape(const struct align_bead *b);

#endif
