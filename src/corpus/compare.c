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
#include "tandem/anchor.h"
#include "tandem/factcheck.h"

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
	unsigned char *lone;  /* the bead holds only paragraphs of the other
	                         column (0-1): shown apart, a blank opposite */
	size_t n;
};

/* The body pieces of a page as an anchor text (anchor.h). */
static int anchor_text_of(const struct page *p, struct anchor_text *t)
{
	size_t n = p->npieces - p->first_body;
	const char **para = malloc((n + 1) * sizeof *para);
	size_t *len = malloc((n + 1) * sizeof *len);
	if (!para || !len) {
		free(para);
		free(len);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		para[i] = p->pieces[p->first_body + i].utf8;
		len[i] = p->pieces[p->first_body + i].len;
	}
	t->para = para;
	t->len = len;
	t->n = n;
	t->date = p->article->date;
	return 0;
}

static int align_cols(const struct page *p0, const struct page *p1, enum compare_kind kind,
                      struct bounds *bd)
{
	size_t na = p0->npieces - p0->first_body, nb = p1->npieces - p1->first_body;
	size_t *la = malloc((na + 1) * sizeof *la), *lb = malloc((nb + 1) * sizeof *lb);
	struct align_bead *beads = NULL;
	struct anchor_text ta = {0}, tb = {0};
	size_t nbeads = 0;
	int r = -1;
	memset(bd, 0, sizeof *bd);
	if (!la || !lb)
		goto out;
	if (kind == COMPARE_OTHER_REPORT) {
		if (anchor_text_of(p0, &ta) != 0 || anchor_text_of(p1, &tb) != 0 ||
		    anchor_align(&ta, &tb, &beads, &nbeads) != 0)
			goto out;
	} else {
		for (size_t i = 0; i < na; i++)
			la[i] = piece_chars(&p0->pieces[p0->first_body + i]);
		for (size_t i = 0; i < nb; i++)
			lb[i] = piece_chars(&p1->pieces[p1->first_body + i]);
		if (align_paragraphs(la, na, lb, nb, &beads, &nbeads) != 0)
			goto out;
	}
	bd->a = malloc((nbeads + 1) * sizeof *bd->a);
	bd->b = malloc((nbeads + 1) * sizeof *bd->b);
	bd->lone = malloc(nbeads + 1);
	if (!bd->a || !bd->b || !bd->lone)
		goto out;
	for (size_t i = 0; i < nbeads; i++) {
		bd->a[i] = beads[i].a_start + beads[i].a_len;
		bd->b[i] = beads[i].b_start + beads[i].b_len;
		bd->lone[i] = beads[i].a_len == 0;
	}
	bd->n = nbeads;
	r = 0;
out:
	free(la);
	free(lb);
	free(beads);
	free((void *)ta.para);
	free((void *)ta.len);
	free((void *)tb.para);
	free((void *)tb.len);
	return r;
}

/* The bead of bd that ends at column-0 position a having consumed column 0's
 * paragraph a - 1, or -1 when a is no boundary of bd. Positions are asked in
 * increasing order: *probe only moves forward, so building the segments is
 * linear. */
static long bound_at(const struct bounds *bd, size_t a, size_t *probe)
{
	while (*probe < bd->n && bd->a[*probe] < a)
		(*probe)++;
	for (size_t k = *probe; k < bd->n && bd->a[k] == a; k++)
		if (!bd->lone[k])
			return (long)k;
	return -1;
}

/* Appends a segment holding `count` pieces of column c alone (the other
 * columns' runs empty at their current positions). */
static void lone_segment(struct compare *cmp, const size_t *pos, size_t c, size_t count)
{
	struct compare_segment *s = &cmp->segs[cmp->nsegs++];
	for (size_t k = 0; k < cmp->ncols; k++) {
		s->first[k] = cmp->cols[k]->first_body + pos[k];
		s->count[k] = k == c ? count : 0;
	}
}

/* The lone beads of each column from bead `from` on (those standing at
 * column 0's current position), each its own segment. */
static void lone_segments(struct compare *cmp, const struct bounds *bd, size_t *pos, size_t *cur)
{
	for (size_t c = 1; c < cmp->ncols; c++)
		while (cur[c] < bd[c].n && bd[c].lone[cur[c]]) {
			size_t end = bd[c].b[cur[c]];
			lone_segment(cmp, pos, c, end - pos[c]);
			pos[c] = end;
			cur[c]++;
		}
}

static int build_segments(struct compare *cmp)
{
	struct bounds bd[COMPARE_MAX_COLS] = {{0}};
	struct page *p0 = cmp->cols[0];
	size_t na = p0->npieces - p0->first_body;
	int r = -1;

	free(cmp->segs);
	size_t maxhead = 0;
	for (size_t c = 0; c < cmp->ncols; c++)
		if (cmp->cols[c]->first_body > maxhead)
			maxhead = cmp->cols[c]->first_body;
	cmp->segs = NULL;
	cmp->nsegs = 0;
	size_t lone = 0;
	for (size_t c = 1; c < cmp->ncols; c++) {
		if (align_cols(p0, cmp->cols[c], cmp->kind[c], &bd[c]) != 0)
			goto out;
		lone += bd[c].n;
	}
	/* at most: the header pieces, one per piece of column 0, one per lone
	 * bead, and a rest */
	cmp->segs = calloc(na + maxhead + lone + 1, sizeof *cmp->segs);
	if (!cmp->segs)
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
	size_t pos[COMPARE_MAX_COLS] = {0}, cur[COMPARE_MAX_COLS] = {0};
	size_t probe[COMPARE_MAX_COLS] = {0};
	lone_segments(cmp, bd, pos, cur);
	for (size_t a = 1; a <= na; a++) {
		size_t end[COMPARE_MAX_COLS] = {a};
		long at[COMPARE_MAX_COLS] = {0};
		int common = 1;
		for (size_t c = 1; c < cmp->ncols && common; c++) {
			if (probe[c] < cur[c])
				probe[c] = cur[c];
			at[c] = bound_at(&bd[c], a, &probe[c]);
			if (at[c] < 0)
				common = 0;
			else
				end[c] = bd[c].b[at[c]];
		}
		if (!common)
			continue;
		struct compare_segment *s = &cmp->segs[cmp->nsegs++];
		for (size_t c = 0; c < cmp->ncols; c++) {
			s->first[c] = cmp->cols[c]->first_body + pos[c];
			s->count[c] = end[c] - pos[c];
			pos[c] = end[c];
			if (c)
				cur[c] = (size_t)at[c] + 1;
		}
		lone_segments(cmp, bd, pos, cur);
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
		free(bd[c].lone);
	}
	return r;
}

/* The text pieces of a segment's run in column c (meta lines left out: they
 * are the article's fields, not its text) as a factcheck run; map[i] is the
 * piece of paragraph i. */
static int run_of(const struct compare *cmp, size_t s, size_t c, struct factcheck_run *r,
                  size_t *map)
{
	const struct compare_segment *g = &cmp->segs[s];
	const struct page *p = cmp->cols[c];
	const char **para = malloc((g->count[c] + 1) * sizeof *para);
	size_t *len = malloc((g->count[c] + 1) * sizeof *len);
	if (!para || !len) {
		free(para);
		free(len);
		return -1;
	}
	size_t n = 0;
	for (size_t k = 0; k < g->count[c]; k++) {
		const struct page_piece *pc = &p->pieces[g->first[c] + k];
		if (pc->kind == PAGE_META || pc->kind == PAGE_IMAGE)
			continue;
		para[n] = pc->utf8;
		len[n] = pc->len;
		map[n++] = g->first[c] + k;
	}
	*r = (struct factcheck_run){para, len, n, p->article->date,
	                            dates_order_of(p->article->lang)};
	return 0;
}

static int by_screen_order(const void *x, const void *y)
{
	const struct compare_diff *a = x, *b = y;
	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->piece != b->piece)
		return a->piece < b->piece ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

/* The differences of every segment between column 0 and each translation
 * (a fact of column 0 missing from two translations is listed once). */
static int find_differences(struct compare *cmp)
{
	struct compare_diff *out = NULL;
	size_t n = 0, cap = 0;
	free(cmp->diffs);
	cmp->diffs = NULL;
	cmp->ndiffs = 0;
	for (size_t s = 0; s < cmp->nsegs; s++)
		for (size_t c = 1; c < cmp->ncols; c++) {
			if (cmp->kind[c] != COMPARE_TRANSLATION)
				continue;
			const struct compare_segment *g = &cmp->segs[s];
			size_t *map0 = malloc((g->count[0] + 1) * sizeof *map0);
			size_t *mapc = malloc((g->count[c] + 1) * sizeof *mapc);
			struct factcheck_run r0 = {0}, rc = {0};
			struct factcheck_diffs d = {0};
			int ok = map0 && mapc && run_of(cmp, s, 0, &r0, map0) == 0 &&
			         run_of(cmp, s, c, &rc, mapc) == 0 && factcheck_runs(&r0, &rc, &d) == 0;
			for (size_t k = 0; ok && k < d.n; k++) {
				const struct factcheck_diff *fd = &d.items[k];
				size_t col = fd->side ? c : 0;
				size_t piece = fd->side ? mapc[fd->para] : map0[fd->para];
				int dup = 0;
				/* (this segment's differences are the last ones) */
				for (size_t q = n; q-- > 0 && out[q].seg == s && !dup;)
					dup = out[q].col == col && out[q].piece == piece &&
					      out[q].off == fd->fact.off;
				if (dup)
					continue;
				if (n == cap) {
					size_t nc = cap ? 2 * cap : 16;
					struct compare_diff *no = realloc(out, nc * sizeof *no);
					if (!no) {
						ok = 0;
						break;
					}
					out = no;
					cap = nc;
				}
				out[n++] = (struct compare_diff){col, piece, fd->fact.off, fd->fact.len, s,
				                                 fd->side ? 0 : c, fd->fact, fd->qualifier_only};
			}
			free(map0);
			free(mapc);
			free((void *)r0.para);
			free((void *)r0.len);
			free((void *)rc.para);
			free((void *)rc.len);
			factcheck_diffs_free(&d);
			if (!ok) {
				free(out);
				return -1;
			}
		}
	if (n)
		qsort(out, n, sizeof *out, by_screen_order);
	cmp->diffs = out;
	cmp->ndiffs = n;
	return 0;
}

/* How article a relates to the first column's article first. */
static enum compare_kind column_kind(const struct corpus *c, size_t first, size_t a, size_t col)
{
	size_t tr[64];
	if (col == 0)
		return COMPARE_FIRST;
	size_t n = corpus_translations(c, first, tr, sizeof tr / sizeof tr[0]);
	for (size_t i = 0; i < n && i < sizeof tr / sizeof tr[0]; i++)
		if (tr[i] == a)
			return COMPARE_TRANSLATION;
	return COMPARE_OTHER_REPORT;
}

const char *compare_kind_name(enum compare_kind k)
{
	switch (k) {
	case COMPARE_TRANSLATION:
		return "translation";
	case COMPARE_OTHER_REPORT:
		return "other report, aligned by shared facts";
	default:
		return "";
	}
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
	for (size_t i = 0; i < n; i++)
		cmp->kind[i] = column_kind(c, idx[0], idx[i], i);
	for (size_t i = 0; i < n; i++) {
		cmp->articles[i] = idx[i];
		if (!(cmp->cols[i] = page_create(&c->articles[idx[i]], o))) {
			compare_destroy(cmp);
			return NULL;
		}
	}
	if (build_segments(cmp) != 0 || find_differences(cmp) != 0) {
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
	free(cmp->diffs);
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
	for (size_t i = 0; i < cmp->ncols; i++)
		cmp->kind[i] = column_kind(c, cmp->articles[0], cmp->articles[i], i);
	if (build_segments(cmp) != 0 || find_differences(cmp) != 0)
		return -1;
	return cmp->col_width ? compare_layout(cmp, cmp->col_width) : 0;
}
