/* align.c — owns paragraph alignment of two translations by length alone
 * (Gale & Church 1993): the cost of each bead shape, the dynamic programme
 * over the six shapes 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and the backtrack that
 * turns it into an ordered list of beads covering every paragraph once. */
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

int align_paragraphs(const size_t *len_a, size_t na, const size_t *len_b, size_t nb,
                     struct align_bead **beads, size_t *nbeads)
{
	size_t rows, cols, cells, i, j, k, n;
	double total_a = 0.0, total_b = 0.0, c;
	double *cost = NULL;
	unsigned char *back = NULL;
	struct align_bead *out = NULL;

	if (!beads || !nbeads || (na && !len_a) || (nb && !len_b))
		return -1;
	*beads = NULL;
	*nbeads = 0;
	if (na == 0 && nb == 0)
		return 0;

	/* Table of (na + 1) x (nb + 1) cells; refuse sizes that overflow. */
	if (na == SIZE_MAX || nb == SIZE_MAX)
		return -1;
	rows = na + 1;
	cols = nb + 1;
	if (rows > SIZE_MAX / cols)
		return -1;
	cells = rows * cols;
	if (cells > SIZE_MAX / sizeof *cost || na > SIZE_MAX - nb ||
	    na + nb > SIZE_MAX / sizeof *out)
		return -1;

	cost = malloc(cells * sizeof *cost);
	back = malloc(cells);
	if (!cost || !back)
		goto fail;

	/* c: characters of B per character of A, from the totals. */
	for (i = 0; i < na; i++)
		total_a += (double)len_a[i];
	for (j = 0; j < nb; j++)
		total_b += (double)len_b[j];
	c = (total_a > 0.0 && total_b > 0.0) ? total_b / total_a : 1.0;

	/* cost[i][j]: cheapest alignment of A[0..i) with B[0..j). */
	for (i = 0; i < rows; i++) {
		for (j = 0; j < cols; j++) {
			double best = HUGE_VAL;
			unsigned char arg = NO_BACK;

			if (i == 0 && j == 0) {
				cost[0] = 0.0;
				back[0] = NO_BACK;
				continue;
			}
			for (k = 0; k < NKINDS; k++) {
				const struct bead_kind *bk = &kinds[k];
				double d;

				if (bk->da > i || bk->db > j)
					continue;
				d = cost[(i - bk->da) * cols + (j - bk->db)] +
				    bead_at(bk, len_a, i, len_b, j, c);
				if (d < best) {
					best = d;
					arg = (unsigned char)k;
				}
			}
			cost[i * cols + j] = best;
			back[i * cols + j] = arg;
		}
	}

	/* Count the beads on the way back, then fill them in from the end. */
	n = 0;
	for (i = na, j = nb; i > 0 || j > 0; n++) {
		unsigned char arg = back[i * cols + j];

		if (arg == NO_BACK)
			goto fail; /* defensive: 1-0 and 0-1 reach every cell */
		i -= kinds[arg].da;
		j -= kinds[arg].db;
	}
	out = malloc(n * sizeof *out);
	if (!out)
		goto fail;
	k = n;
	for (i = na, j = nb; i > 0 || j > 0;) {
		unsigned char arg = back[i * cols + j];
		const struct bead_kind *bk = &kinds[arg];
		struct align_bead *b = &out[--k];

		b->a_start = i - bk->da;
		b->a_len = bk->da;
		b->b_start = j - bk->db;
		b->b_len = bk->db;
		b->cost = bead_at(bk, len_a, i, len_b, j, c);
		i = b->a_start;
		j = b->b_start;
	}

	free(cost);
	free(back);
	*beads = out;
	*nbeads = n;
	return 0;

fail:
	free(cost);
	free(back);
	free(out);
	return -1;
}
