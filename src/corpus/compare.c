/* compare.c — owns the side-by-side view of translations: a page per
 * column, the alignment of their body pieces (Gale–Church over character
 * lengths, each column aligned to the first, then merged at the boundaries
 * the alignments share), and the screen rows where each aligned group
 * starts on the same row in every column. */
#include "tandem/compare.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tandem/align.h"

/* Length in characters of a piece's text (its alignment weight). */
static size_t piece_chars(const struct page_piece *pc)
{
	size_t n = u8_mbsnlen((const uint8_t *)pc->utf8, pc->len);
	return n ? n : 1;
}

/* Boundaries of an alignment of column 0 with another column: after each
 * bead, the pieces consumed so far in both. */
struct bounds {
	size_t *a, *b;
	size_t n;
};

static int align_cols(const struct page *p0, const struct page *p1, struct bounds *bd)
{
	size_t na = p0->npieces - p0->first_body, nb = p1->npieces - p1->first_body;
	size_t *la = malloc((na + 1) * sizeof *la), *lb = malloc((nb + 1) * sizeof *lb);
	struct align_bead *beads = NULL;
	size_t nbeads = 0;
	int r = -1;
	memset(bd, 0, sizeof *bd);
	if (!la || !lb)
		goto out;
	for (size_t i = 0; i < na; i++)
		la[i] = piece_chars(&p0->pieces[p0->first_body + i]);
	for (size_t i = 0; i < nb; i++)
		lb[i] = piece_chars(&p1->pieces[p1->first_body + i]);
	if (align_paragraphs(la, na, lb, nb, &beads, &nbeads) != 0)
		goto out;
	bd->a = malloc((nbeads + 1) * sizeof *bd->a);
	bd->b = malloc((nbeads + 1) * sizeof *bd->b);
	if (!bd->a || !bd->b)
		goto out;
	for (size_t i = 0; i < nbeads; i++) {
		bd->a[i] = beads[i].a_start + beads[i].a_len;
		bd->b[i] = beads[i].b_start + beads[i].b_len;
	}
	bd->n = nbeads;
	r = 0;
out:
	free(la);
	free(lb);
	free(beads);
	return r;
}

/* The last boundary of bd at column-0 position a, or -1 when a is not one. */
static long bound_at(const struct bounds *bd, size_t a)
{
	long found = -1;
	for (size_t i = 0; i < bd->n; i++)
		if (bd->a[i] == a)
			found = (long)i;
	return found;
}

static int build_segments(struct compare *cmp)
{
	struct bounds bd[COMPARE_MAX_COLS] = {{0}};
	struct page *p0 = cmp->cols[0];
	size_t na = p0->npieces - p0->first_body;
	int r = -1;

	free(cmp->segs);
	/* at most: the header pieces, one per piece of column 0, and a rest */
	size_t maxhead = 0;
	for (size_t c = 0; c < cmp->ncols; c++)
		if (cmp->cols[c]->first_body > maxhead)
			maxhead = cmp->cols[c]->first_body;
	cmp->segs = calloc(na + maxhead + 1, sizeof *cmp->segs);
	cmp->nsegs = 0;
	if (!cmp->segs)
		return -1;
	for (size_t c = 1; c < cmp->ncols; c++)
		if (align_cols(p0, cmp->cols[c], &bd[c]) != 0)
			goto out;

	/* header segments: the title lines of every column side by side, then
	 * the meta lines, so each starts on one row whatever the titles' lengths */
	size_t nhead = 0;
	for (size_t c = 0; c < cmp->ncols; c++)
		if (cmp->cols[c]->first_body > nhead)
			nhead = cmp->cols[c]->first_body;
	for (size_t h = 0; h < nhead; h++) {
		struct compare_segment *hs = &cmp->segs[cmp->nsegs++];
		for (size_t c = 0; c < cmp->ncols; c++) {
			int has = h < cmp->cols[c]->first_body;
			hs->first[c] = has ? h : 0;
			hs->count[c] = has ? 1 : 0;
		}
	}
	size_t pos[COMPARE_MAX_COLS] = {0};
	for (size_t a = 1; a <= na; a++) {
		size_t end[COMPARE_MAX_COLS] = {a};
		int common = 1;
		for (size_t c = 1; c < cmp->ncols && common; c++) {
			long k = bound_at(&bd[c], a);
			if (k < 0)
				common = 0;
			else
				end[c] = bd[c].b[k];
		}
		if (!common)
			continue;
		struct compare_segment *s = &cmp->segs[cmp->nsegs++];
		for (size_t c = 0; c < cmp->ncols; c++) {
			s->first[c] = cmp->cols[c]->first_body + pos[c];
			s->count[c] = end[c] - pos[c];
			pos[c] = end[c];
		}
	}
	/* whatever the other columns have left (0-1 beads at the very end) */
	int rest = 0;
	for (size_t c = 1; c < cmp->ncols; c++)
		rest |= cmp->cols[c]->first_body + pos[c] < cmp->cols[c]->npieces;
	if (rest || na == 0) {
		struct compare_segment *s = &cmp->segs[cmp->nsegs++];
		for (size_t c = 0; c < cmp->ncols; c++) {
			s->first[c] = cmp->cols[c]->first_body + pos[c];
			s->count[c] = cmp->cols[c]->npieces - s->first[c];
		}
	}
	r = 0;
out:
	for (size_t c = 0; c < COMPARE_MAX_COLS; c++) {
		free(bd[c].a);
		free(bd[c].b);
	}
	return r;
}

struct compare *compare_create(const struct corpus *c, const size_t *idx, size_t n,
                               const struct page_opts *o)
{
	if (n < 1 || n > COMPARE_MAX_COLS)
		return NULL;
	struct compare *cmp = calloc(1, sizeof *cmp);
	if (!cmp)
		return NULL;
	cmp->ncols = n;
	for (size_t i = 0; i < n; i++) {
		cmp->articles[i] = idx[i];
		if (!(cmp->cols[i] = page_create(&c->articles[idx[i]], o))) {
			compare_destroy(cmp);
			return NULL;
		}
	}
	if (build_segments(cmp) != 0) {
		compare_destroy(cmp);
		return NULL;
	}
	return cmp;
}

void compare_destroy(struct compare *cmp)
{
	if (!cmp)
		return;
	for (size_t i = 0; i < COMPARE_MAX_COLS; i++) {
		page_destroy(cmp->cols[i]);
		free(cmp->rows[i]);
	}
	free(cmp->segs);
	free(cmp->seg_row);
	free(cmp);
}

/* Rows a run of pieces takes in a column: their lines and the blank rows
 * between them, starting at the blank before the first (none for piece 0). */
static size_t run_rows(const struct page *p, size_t first, size_t count, size_t *from)
{
	if (count == 0) {
		*from = COMPARE_NO_ROW;
		return 0;
	}
	const struct page_piece *a = &p->pieces[first], *b = &p->pieces[first + count - 1];
	size_t start = a->first_row > 0 && first > 0 ? a->first_row - 1 : a->first_row;
	if (first > 0 && p->pieces[first].kind == PAGE_META)
		start = a->first_row;
	*from = start;
	return b->first_row + b->nrows - start;
}

int compare_layout(struct compare *cmp, int col_width)
{
	size_t total = 0;
	for (size_t c = 0; c < cmp->ncols; c++)
		if (page_layout(cmp->cols[c], col_width) != 0)
			return -1;
	cmp->col_width = col_width;
	for (size_t s = 0; s < cmp->nsegs; s++) {
		size_t h = 0, from;
		for (size_t c = 0; c < cmp->ncols; c++) {
			size_t k = run_rows(cmp->cols[c], cmp->segs[s].first[c], cmp->segs[s].count[c], &from);
			if (k > h)
				h = k;
		}
		total += h;
	}
	size_t *seg_row = realloc(cmp->seg_row, (cmp->nsegs + 1) * sizeof *seg_row);
	if (!seg_row)
		return -1;
	cmp->seg_row = seg_row;
	for (size_t c = 0; c < cmp->ncols; c++) {
		size_t *rows = realloc(cmp->rows[c], (total + 1) * sizeof *rows);
		if (!rows)
			return -1;
		cmp->rows[c] = rows;
	}
	size_t row = 0;
	for (size_t s = 0; s < cmp->nsegs; s++) {
		size_t h = 0, from[COMPARE_MAX_COLS], k[COMPARE_MAX_COLS];
		for (size_t c = 0; c < cmp->ncols; c++) {
			k[c] = run_rows(cmp->cols[c], cmp->segs[s].first[c], cmp->segs[s].count[c], &from[c]);
			if (k[c] > h)
				h = k[c];
		}
		/* A segment's leading blank row is shared: when one column has
		 * no blank before its run (or nothing at all), keep it aligned. */
		cmp->seg_row[s] = row;
		for (size_t i = 0; i < h; i++)
			for (size_t c = 0; c < cmp->ncols; c++)
				cmp->rows[c][row + i] = i < k[c] ? from[c] + i : COMPARE_NO_ROW;
		row += h;
	}
	cmp->nrows = row;
	return 0;
}

size_t compare_screen_row(const struct compare *cmp, size_t col, size_t page_row)
{
	for (size_t r = 0; r < cmp->nrows; r++)
		if (cmp->rows[col][r] == page_row)
			return r;
	return COMPARE_NO_ROW;
}

size_t compare_segment_of_row(const struct compare *cmp, size_t row)
{
	size_t s = 0;
	while (s + 1 < cmp->nsegs && cmp->seg_row[s + 1] <= row)
		s++;
	return s;
}

int compare_set_column(struct compare *cmp, const struct corpus *c, size_t col, size_t idx)
{
	if (col >= cmp->ncols)
		return -1;
	struct page *np = page_create(&c->articles[idx], &cmp->cols[col]->opts);
	if (!np)
		return -1;
	page_destroy(cmp->cols[col]);
	cmp->cols[col] = np;
	cmp->articles[col] = idx;
	if (build_segments(cmp) != 0)
		return -1;
	return cmp->col_width ? compare_layout(cmp, cmp->col_width) : 0;
}
