/* align.c — owns paragraph alignment of two translations by length alone
 * (Gale & Church 1993): the cost of each bead shape, the dynamic programme
 * over the six shapes 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and the backtrack that
 * turns it into an ordered list of beads covering every paragraph once. The
 * programme runs in a band around the diagonal, widened where the path
 * meets its edge (see "The band" below). */
#include "tandem/align.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Variance of the length difference per character (Gale & Church, s^2). */
#define ALIGN_S2 6.8

/* Smallest probability taken to the log: erfc underflows to 0 for |delta|
 * beyond about 38, and log(0) would make every such bead cost infinity. */
#define ALIGN_P_FLOOR DBL_MIN

/* The six bead shapes with their prior probabilities. The order is the
 * tie-break in the dynamic programme: the first shape with the lowest
 * cost wins, so 1-1 is preferred when costs are equal. */
struct bead_kind {
	unsigned char da, db;
	double prior;
};

static const struct bead_kind kinds[] = {
	{ 1, 1, 0.89 },
	{ 1, 0, 0.0099 },
	{ 0, 1, 0.0099 },
	{ 2, 1, 0.089 },
	{ 1, 2, 0.089 },
	{ 2, 2, 0.011 },
};

#define NKINDS (sizeof kinds / sizeof kinds[0])
#define NO_BACK 0xff

/* -log(prior * P(delta | bead)) for a bead of l1 characters of A against l2
 * characters of B, with c the expected characters of B per character of A.
 * delta = (l2 - c*l1) / sqrt(m * s^2), m = (l1 + l2/c) / 2: the symmetric
 * mean keeps delta defined for 0-1 beads (l1 = 0). */
static double bead_cost(double prior, double l1, double l2, double c)
{
	double m = (l1 + l2 / c) / 2.0;
	double delta = 0.0;
	double p;

	if (m > 0.0)
		delta = (l2 - c * l1) / sqrt(m * ALIGN_S2);
	/* P(|delta|) = 2 (1 - Phi(|delta|)) = erfc(|delta| / sqrt 2). */
	p = erfc(fabs(delta) / sqrt(2.0));
	if (!(p >= ALIGN_P_FLOOR))
		p = ALIGN_P_FLOOR;
	return -log(prior) - log(p);
}

/* Cost of the bead of shape bk that ends at A[i], B[j] (exclusive). */
static double bead_at(const struct bead_kind *bk, const size_t *len_a, size_t i,
                      const size_t *len_b, size_t j, double c)
{
	double l1 = 0.0, l2 = 0.0;
	size_t t;

	for (t = i - bk->da; t < i; t++)
		l1 += (double)len_a[t];
	for (t = j - bk->db; t < j; t++)
		l2 += (double)len_b[t];
	return bead_cost(bk->prior, l1, l2, c);
}

const char *align_bead_shape(const struct align_bead *b)
{
	static const char *const shapes[3][3] = {
		{ "0-0", "0-1", "0-2" },
		{ "1-0", "1-1", "1-2" },
		{ "2-0", "2-1", "2-2" },
	};

	if (!b || b->a_len > 2 || b->b_len > 2)
		return "?-?";
	return shapes[b->a_len][b->b_len];
}

/* The band. A full table of (na + 1) x (nb + 1) cells costs quadratic time
 * and memory (8,000 paragraphs a side: 64 million cells). Translations keep
 * to the diagonal: paragraph i of A sits near the paragraph of B that starts
 * at the same fraction of B's characters as paragraph i starts in A's. So
 * row i of the table is computed only for columns within w of that centre
 * (centre(i) = the j whose cumulative length of B is nearest to c times the
 * cumulative length of A before i), and a row's right edge is stretched to
 * the next row's left edge, so the band stays connected when one long
 * paragraph moves the centre by more than 2w at once.
 *
 * w starts at ALIGN_BAND_MIN plus the difference in paragraph counts (the
 * path's widest possible departure from the centre when the extra
 * paragraphs sit together). When the best path found runs along an edge of
 * the band (within one paragraph of it), a better path may lie outside: the
 * band is doubled and the programme run again, up to ALIGN_BAND_MAX. A band
 * that covers every column is the full table, so texts of up to
 * ALIGN_BAND_MIN paragraphs align exactly as without a band.
 *
 * Time is about na x (2w + 1) cells of six bead costs each; memory is the
 * back pointers (one byte per cell of the band), two row bounds per row of
 * A, the cumulative lengths, and three rows of costs (a bead spans at most
 * two rows). */
#define ALIGN_BAND_MIN 32
#define ALIGN_BAND_MAX 512

/* The band's bounds: for each row i of A, columns lo[i]..hi[i] of B, with
 * lo non-decreasing, lo[0] = 0, hi[na] = nb and hi[i] >= lo[i + 1]; and
 * start[i], the offset of row i's first cell in the back-pointer array. */
struct band {
	size_t *lo, *hi, *start;
	size_t cells;
};

/* Fills b for half-width w from the cumulative lengths cum_a[0..na] and
 * cum_b[0..nb]. Returns 0, or -1 when the cell count overflows. */
static int band_fill(struct band *b, const double *cum_a, size_t na, const double *cum_b, size_t nb,
                     size_t w)
{
	double total_a = cum_a[na], total_b = cum_b[nb];
	size_t i, j = 0;

	for (i = 0; i <= na; i++) {
		size_t centre;

		if (total_a > 0.0 && total_b > 0.0) {
			double target = cum_a[i] * (total_b / total_a);

			while (j < nb && cum_b[j + 1] <= target)
				j++;
			centre = j;
			if (j < nb && cum_b[j + 1] - target < target - cum_b[j])
				centre = j + 1;
		} else {
			/* no lengths to go by: the paragraph counts */
			centre = na ? (size_t)((double)i * (double)nb / (double)na + 0.5) : 0;
			if (centre > nb)
				centre = nb;
		}
		b->lo[i] = centre > w ? centre - w : 0;
		b->hi[i] = nb - centre > w ? centre + w : nb;
	}
	b->lo[0] = 0;
	b->hi[na] = nb;
	for (i = 1; i <= na; i++)
		if (b->lo[i] < b->lo[i - 1])
			b->lo[i] = b->lo[i - 1];
	for (i = na; i-- > 0;)
		if (b->hi[i] < b->lo[i + 1])
			b->hi[i] = b->lo[i + 1];
	b->cells = 0;
	for (i = 0; i <= na; i++) {
		size_t width = b->hi[i] - b->lo[i] + 1;

		if (b->cells > SIZE_MAX - width)
			return -1;
		b->start[i] = b->cells;
		b->cells += width;
	}
	return 0;
}

/* Runs the dynamic programme over band b, filling back (b->cells bytes) with
 * the winning bead shape of each cell; rows[3] are scratch rows of nb + 1
 * costs. Then reports in *touches whether the best path passes within one
 * column of an edge of the band that is not an edge of the table. Returns 0,
 * or -1 when no path was found (defensive: 1-0 and 0-1 beads reach every
 * cell of a connected band). */
static int band_run(const struct band *b, const size_t *len_a, size_t na, const size_t *len_b,
                    size_t nb, double c, double *rows[3], unsigned char *back, int *touches)
{
	size_t i, j, k;

	for (i = 0; i <= na; i++) {
		double *cur = rows[i % 3];

		for (j = b->lo[i]; j <= b->hi[i]; j++) {
			double best = HUGE_VAL;
			unsigned char arg = NO_BACK;

			if (i == 0 && j == 0) {
				cur[0] = 0.0;
				back[0] = NO_BACK;
				continue;
			}
			for (k = 0; k < NKINDS; k++) {
				const struct bead_kind *bk = &kinds[k];
				size_t pi, pj;
				double d;

				if (bk->da > i || bk->db > j)
					continue;
				pi = i - bk->da;
				pj = j - bk->db;
				if (pj < b->lo[pi] || pj > b->hi[pi])
					continue; /* outside the band */
				d = rows[pi % 3][pj] + bead_at(bk, len_a, i, len_b, j, c);
				if (d < best) {
					best = d;
					arg = (unsigned char)k;
				}
			}
			cur[j] = best;
			back[b->start[i] + (j - b->lo[i])] = arg;
		}
	}

	*touches = 0;
	for (i = na, j = nb; i > 0 || j > 0;) {
		unsigned char arg = back[b->start[i] + (j - b->lo[i])];

		if (arg == NO_BACK)
			return -1;
		if ((b->lo[i] > 0 && j <= b->lo[i] + 1) || (b->hi[i] < nb && j + 1 >= b->hi[i]))
			*touches = 1;
		i -= kinds[arg].da;
		j -= kinds[arg].db;
	}
	return 0;
}

int align_paragraphs(const size_t *len_a, size_t na, const size_t *len_b, size_t nb,
                     struct align_bead **beads, size_t *nbeads)
{
	return align_paragraphs_band(len_a, na, len_b, nb, 0, beads, nbeads);
}

int align_paragraphs_band(const size_t *len_a, size_t na, const size_t *len_b, size_t nb,
                          size_t band, struct align_bead **beads, size_t *nbeads)
{
	size_t i, j, k, n, w, limit;
	double c, *cum_a = NULL, *cum_b = NULL, *rows[3] = { NULL, NULL, NULL };
	unsigned char *back = NULL;
	struct band b = { NULL, NULL, NULL, 0 };
	struct align_bead *out = NULL;
	int touches;

	if (!beads || !nbeads || (na && !len_a) || (nb && !len_b))
		return -1;
	*beads = NULL;
	*nbeads = 0;
	if (na == 0 && nb == 0)
		return 0;

	/* Refuse sizes that overflow, before reading any length. */
	if (na >= SIZE_MAX / sizeof(double) || nb >= SIZE_MAX / sizeof(double) ||
	    na > SIZE_MAX - nb || na + nb > SIZE_MAX / sizeof *out)
		return -1;
	cum_a = malloc((na + 1) * sizeof *cum_a);
	cum_b = malloc((nb + 1) * sizeof *cum_b);
	b.lo = malloc((na + 1) * sizeof *b.lo);
	b.hi = malloc((na + 1) * sizeof *b.hi);
	b.start = malloc((na + 1) * sizeof *b.start);
	for (k = 0; k < 3; k++)
		rows[k] = malloc((nb + 1) * sizeof *rows[k]);
	if (!cum_a || !cum_b || !b.lo || !b.hi || !b.start || !rows[0] || !rows[1] || !rows[2])
		goto fail;

	/* c: characters of B per character of A, from the totals. */
	cum_a[0] = 0.0;
	for (i = 0; i < na; i++)
		cum_a[i + 1] = cum_a[i] + (double)len_a[i];
	cum_b[0] = 0.0;
	for (j = 0; j < nb; j++)
		cum_b[j + 1] = cum_b[j] + (double)len_b[j];
	c = (cum_a[na] > 0.0 && cum_b[nb] > 0.0) ? cum_b[nb] / cum_a[na] : 1.0;

	/* Widen the band until the best path keeps off its edges (a band of
	 * nb or more columns each side is the whole table, with no edge to
	 * touch), or the limit is reached. */
	limit = band > ALIGN_BAND_MAX ? band : ALIGN_BAND_MAX;
	w = band ? band : ALIGN_BAND_MIN + (na > nb ? na - nb : nb - na);
	if (w > limit)
		w = limit;
	for (;;) {
		if (band_fill(&b, cum_a, na, cum_b, nb, w) != 0)
			goto fail;
		free(back);
		back = malloc(b.cells);
		if (!back)
			goto fail;
		if (band_run(&b, len_a, na, len_b, nb, c, rows, back, &touches) != 0)
			goto fail;
		if (!touches || w >= limit)
			break;
		w = w > limit / 2 ? limit : 2 * w;
	}

	/* Count the beads on the way back, then fill them in from the end. */
	n = 0;
	for (i = na, j = nb; i > 0 || j > 0; n++) {
		unsigned char arg = back[b.start[i] + (j - b.lo[i])];

		i -= kinds[arg].da;
		j -= kinds[arg].db;
	}
	out = malloc(n * sizeof *out);
	if (!out)
		goto fail;
	k = n;
	for (i = na, j = nb; i > 0 || j > 0;) {
		unsigned char arg = back[b.start[i] + (j - b.lo[i])];
		const struct bead_kind *bk = &kinds[arg];
		struct align_bead *bd = &out[--k];

		bd->a_start = i - bk->da;
		bd->a_len = bk->da;
		bd->b_start = j - bk->db;
		bd->b_len = bk->db;
		bd->cost = bead_at(bk, len_a, i, len_b, j, c);
		i = bd->a_start;
		j = bd->b_start;
	}
	*beads = out;
	*nbeads = n;
	out = NULL;

	free(cum_a);
	free(cum_b);
	free(b.lo);
	free(b.hi);
	free(b.start);
	for (k = 0; k < 3; k++)
		free(rows[k]);
	free(back);
	return 0;

fail:
	free(cum_a);
	free(cum_b);
	free(b.lo);
	free(b.hi);
	free(b.start);
	for (k = 0; k < 3; k++)
		free(rows[k]);
	free(back);
	free(out);
	return -1;
}
