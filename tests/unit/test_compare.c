/* test_compare.c — translations side by side (src/corpus/compare.c) on the
 * bundled corpus (read relative to the repository root): fr-rehearsal and
 * ar-rehearsal at column width 50 (header segments, then 13 body segments of
 * one piece per column, each pair starting on the same screen row, the
 * shorter padded with COMPARE_NO_ROW, every page row of each column shown
 * exactly once and in order); three columns (fr, ar, id-rehearsal) at
 * several widths; pages with no header; relayout at another width and back;
 * compare_set_column swapping a column and back; compare_screen_row and
 * compare_segment_of_row agreeing with the rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/compare.h"

#include "testutil.h"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

static const struct page_opts opts = {
	.shape = 1, .mirror = 1, .reorder = 1, .header = 1, .dir = BIDI_AUTO};

/* ---- helpers ------------------------------------------------------------- */

static size_t article_index(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	if (k < 0)
		fail_msg("no article '%s'", id);
	return (size_t)k;
}

static struct compare *compare_ids(const struct corpus *c, const char *const *ids, size_t n,
                                   const struct page_opts *o, int width)
{
	size_t idx[COMPARE_MAX_COLS];
	for (size_t i = 0; i < n; i++)
		idx[i] = article_index(c, ids[i]);
	struct compare *cmp = compare_create(c, idx, n, o);
	assert_non_null(cmp);
	assert_int_equal(cmp->ncols, n);
	assert_int_equal(compare_layout(cmp, width), 0);
	assert_int_equal(cmp->col_width, width);
	return cmp;
}

/* Rows a segment's pieces take in a column: the blank row before its first
 * piece (when the page has one there), then its pieces' rows. *from: the
 * first of them. */
static size_t seg_run(const struct page *p, size_t first, size_t count, size_t *from)
{
	if (count == 0) {
		*from = COMPARE_NO_ROW;
		return 0;
	}
	const struct page_piece *a = &p->pieces[first], *b = &p->pieces[first + count - 1];
	size_t start = a->first_row;
	if (start > 0 && page_row_kind(p, start - 1) == PAGE_BLANK)
		start--;
	*from = start;
	return b->first_row + b->nrows - start;
}

/* Everything a comparison promises, for any articles and width. */
static void check_compare(const struct compare *cmp)
{
	size_t next_piece[COMPARE_MAX_COLS] = {0};
	size_t next_row[COMPARE_MAX_COLS] = {0};
	size_t row = 0;

	assert_true(cmp->nsegs > 0);
	for (size_t c = 0; c < cmp->ncols; c++) {
		assert_non_null(cmp->cols[c]);
		assert_int_equal(cmp->cols[c]->width, cmp->col_width);
	}
	for (size_t s = 0; s < cmp->nsegs; s++) {
		const struct compare_segment *sg = &cmp->segs[s];
		size_t h = 0, from[COMPARE_MAX_COLS], k[COMPARE_MAX_COLS], start_row = COMPARE_NO_ROW;
		assert_int_equal(cmp->seg_row[s], row);
		for (size_t c = 0; c < cmp->ncols; c++) {
			const struct page *p = cmp->cols[c];
			/* segments cover each column's pieces in order */
			if (sg->count[c]) {
				assert_int_equal(sg->first[c], next_piece[c]);
				next_piece[c] += sg->count[c];
				assert_true(next_piece[c] <= p->npieces);
			}
			k[c] = seg_run(p, sg->first[c], sg->count[c], &from[c]);
			if (k[c] > h)
				h = k[c];
			if (sg->count[c]) {
				/* the group's first piece starts on one screen row in
				 * every column */
				size_t sr = row + (p->pieces[sg->first[c]].first_row - from[c]);
				if (start_row == COMPARE_NO_ROW)
					start_row = sr;
				else if (sr != start_row)
					fail_msg("segment %zu: column %zu starts on screen row %zu, column 0 "
					         "on %zu",
					         s, c, sr, start_row);
				assert_int_equal(compare_screen_row(cmp, c, p->pieces[sg->first[c]].first_row),
				                 sr);
			}
		}
		for (size_t i = 0; i < h; i++) {
			assert_true(row + i < cmp->nrows);
			assert_int_equal(compare_segment_of_row(cmp, row + i), s);
			for (size_t c = 0; c < cmp->ncols; c++) {
				size_t pr = cmp->rows[c][row + i];
				if (i < k[c]) {
					/* the column's rows in order, none skipped */
					assert_int_equal(pr, from[c] + i);
					assert_int_equal(pr, next_row[c]);
					next_row[c]++;
				} else {
					/* the shorter column padded at the end */
					assert_int_equal(pr, COMPARE_NO_ROW);
				}
			}
		}
		row += h;
	}
	assert_int_equal(row, cmp->nrows);
	for (size_t c = 0; c < cmp->ncols; c++) {
		/* every row and every piece of every column, exactly once */
		assert_int_equal(next_row[c], cmp->cols[c]->nrows);
		assert_int_equal(next_piece[c], cmp->cols[c]->npieces);
		assert_int_equal(compare_screen_row(cmp, c, cmp->cols[c]->nrows), COMPARE_NO_ROW);
	}
	/* and once only: each page row on one screen row */
	for (size_t c = 0; c < cmp->ncols; c++) {
		size_t seen = 0, last = COMPARE_NO_ROW;
		for (size_t r = 0; r < cmp->nrows; r++) {
			size_t pr = cmp->rows[c][r];
			if (pr == COMPARE_NO_ROW)
				continue;
			if (last != COMPARE_NO_ROW)
				assert_int_equal(pr, last + 1);
			else
				assert_int_equal(pr, 0);
			last = pr;
			seen++;
		}
		assert_int_equal(seen, cmp->cols[c]->nrows);
	}
}

static size_t *copy_rows(const struct compare *cmp, size_t col)
{
	size_t *r = malloc((cmp->nrows + 1) * sizeof *r);
	assert_non_null(r);
	memcpy(r, cmp->rows[col], cmp->nrows * sizeof *r);
	return r;
}

/* ---- two columns --------------------------------------------------------- */

static void test_fr_ar(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal"};
	struct compare *cmp = compare_ids(c, ids, 2, &opts, 50);
	check_compare(cmp);
	const struct page *fr = cmp->cols[0], *ar = cmp->cols[1];
	assert_int_equal(cmp->articles[0], article_index(c, "fr-rehearsal"));
	assert_int_equal(cmp->articles[1], article_index(c, "ar-rehearsal"));
	assert_ptr_equal(fr->article, &c->articles[cmp->articles[0]]);
	assert_int_equal(fr->first_body, 2);
	assert_int_equal(ar->first_body, 2);

	/* the header (title, then meta), then 13 body segments, each 1-1 */
	size_t nhead = fr->first_body;
	assert_int_equal(cmp->nsegs, nhead + 13);
	for (size_t s = 0; s < nhead; s++)
		for (size_t col = 0; col < 2; col++) {
			assert_int_equal(cmp->segs[s].first[col], s);
			assert_int_equal(cmp->segs[s].count[col], 1);
		}
	/* the meta rows side by side */
	assert_int_equal(page_row_kind(fr, cmp->rows[0][cmp->seg_row[1]]), PAGE_META);
	assert_int_equal(page_row_kind(ar, cmp->rows[1][cmp->seg_row[1]]), PAGE_META);

	size_t padded = 0;
	for (size_t s = nhead; s < cmp->nsegs; s++) {
		const struct compare_segment *sg = &cmp->segs[s];
		for (size_t col = 0; col < 2; col++) {
			assert_int_equal(sg->first[col], s);
			assert_int_equal(sg->count[col], 1);
		}
		/* the segment opens on the blank row before its paragraph in both
		 * columns; the paragraphs' first rows share the next screen row */
		size_t r = cmp->seg_row[s];
		for (size_t col = 0; col < 2; col++) {
			const struct page *p = cmp->cols[col];
			assert_int_equal(page_row_kind(p, cmp->rows[col][r]), PAGE_BLANK);
			assert_int_equal(cmp->rows[col][r + 1], p->pieces[s].first_row);
			assert_int_equal(page_row_block(p, cmp->rows[col][r + 1]), (long)(s - nhead));
		}
		/* the shorter paragraph is padded up to the longer */
		size_t hf = fr->pieces[s].nrows, ha = ar->pieces[s].nrows;
		size_t end = s + 1 < cmp->nsegs ? cmp->seg_row[s + 1] : cmp->nrows;
		assert_int_equal(end - r, 1 + (hf > ha ? hf : ha));
		size_t shorter = hf < ha ? 0 : 1, hs = hf < ha ? hf : ha;
		for (size_t i = r + 1 + hs; i < end; i++) {
			assert_int_equal(cmp->rows[shorter][i], COMPARE_NO_ROW);
			padded++;
		}
	}
	assert_true(padded > 0);
	compare_destroy(cmp);
}

static void test_relayout(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal"};
	struct compare *cmp = compare_ids(c, ids, 2, &opts, 50);
	size_t n50 = cmp->nrows;
	size_t *r0 = copy_rows(cmp, 0), *r1 = copy_rows(cmp, 1);
	assert_int_equal(compare_layout(cmp, 30), 0);
	check_compare(cmp);
	assert_true(cmp->nrows > n50);
	assert_int_equal(compare_layout(cmp, 50), 0);
	check_compare(cmp);
	assert_int_equal(cmp->nrows, n50);
	assert_memory_equal(cmp->rows[0], r0, n50 * sizeof *r0);
	assert_memory_equal(cmp->rows[1], r1, n50 * sizeof *r1);
	free(r0);
	free(r1);
	compare_destroy(cmp);
}

static void test_no_header(void **state)
{
	const struct corpus *c = *state;
	struct page_opts o = opts;
	o.header = 0;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal"};
	struct compare *cmp = compare_ids(c, ids, 2, &o, 50);
	check_compare(cmp);
	assert_int_equal(cmp->cols[0]->first_body, 0);
	assert_int_equal(cmp->rows[0][0], 0);
	assert_int_equal(cmp->rows[1][0], 0);
	assert_int_equal(page_row_block(cmp->cols[0], 0), 0);
	compare_destroy(cmp);
}

/* ---- three columns ------------------------------------------------------- */

static void test_three_columns(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal", "id-rehearsal"};
	const int widths[] = {50, 30, 17};
	for (size_t w = 0; w < NELEM(widths); w++) {
		struct compare *cmp = compare_ids(c, ids, 3, &opts, widths[w]);
		check_compare(cmp);
		assert_int_equal(cmp->cols[2]->npieces, 2 + 18);
		/* id-rehearsal is another report: its paragraphs that share
		 * nothing with the French stand in segments of their own */
		assert_int_equal(cmp->kind[1], COMPARE_TRANSLATION);
		assert_int_equal(cmp->kind[2], COMPARE_OTHER_REPORT);
		assert_true(cmp->nsegs > 2 + 13 && cmp->nsegs <= 2 + 13 + 18 + 1);
		compare_destroy(cmp);
	}
	/* other orders and pairs */
	const char *const sets[][3] = {
		{"id-rehearsal", "fr-rehearsal", "ar-rehearsal"},
		{"id-discussion", "id-reception", "fr-rehearsal"},
	};
	for (size_t i = 0; i < NELEM(sets); i++) {
		struct compare *cmp = compare_ids(c, sets[i], 3, &opts, 40);
		check_compare(cmp);
		compare_destroy(cmp);
	}
	const char *two[] = {"id-discussion", "ar-rehearsal"};
	struct compare *cmp = compare_ids(c, two, 2, &opts, 40);
	check_compare(cmp);
	compare_destroy(cmp);
}

/* ---- another report: aligned by shared facts ------------------------------ */

/* The text of the first piece of a segment's run in column c, or "". */
static const char *seg_text(const struct compare *cmp, size_t s, size_t c)
{
	const struct compare_segment *g = &cmp->segs[s];
	return g->count[c] ? cmp->cols[c]->pieces[g->first[c]].utf8 : "";
}

static void test_other_report(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "id-rehearsal"};
	struct compare *cmp = compare_ids(c, ids, 2, &opts, 50);
	check_compare(cmp);
	assert_int_equal(cmp->kind[0], COMPARE_FIRST);
	assert_int_equal(cmp->kind[1], COMPARE_OTHER_REPORT);
	assert_string_equal(compare_kind_name(cmp->kind[1]), "other report, aligned by shared facts");
	size_t paired = 0, lone_fr = 0, lone_id = 0;
	int son = 0;
	for (size_t s = 2; s < cmp->nsegs; s++) {
		const struct compare_segment *g = &cmp->segs[s];
		assert_true(g->count[0] <= 1 && g->count[1] <= 1); /* 1-1, 1-0 or 0-1 */
		paired += g->count[0] && g->count[1];
		lone_fr += g->count[0] && !g->count[1];
		lone_id += !g->count[0] && g->count[1];
		/* the paragraph naming Bui Thanh Son beside its counterpart */
		if (!strncmp(seg_text(cmp, s, 0), "Étaient également présents", 27)) {
			assert_true(!strncmp(seg_text(cmp, s, 1), "Turut hadir", 11));
			son = 1;
		}
	}
	assert_true(son);
	/* Bui Thanh Son; the closing speech (Luong Cuong, Hanoi); the adoption
	 * in December 2024 */
	assert_true(paired >= 3);
	/* what shares nothing stands alone */
	assert_true(lone_fr >= 1 && lone_id >= 1);
	assert_int_equal(paired + lone_fr, 13);
	assert_int_equal(paired + lone_id, 18);
	compare_destroy(cmp);
	/* the translation keeps its length alignment: every pair one to one */
	const char *tr[] = {"fr-rehearsal", "ar-rehearsal"};
	cmp = compare_ids(c, tr, 2, &opts, 50);
	assert_int_equal(cmp->kind[1], COMPARE_TRANSLATION);
	assert_string_equal(compare_kind_name(cmp->kind[1]), "translation");
	compare_destroy(cmp);
}

/* ---- swapping a column --------------------------------------------------- */

static void test_set_column(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal"};
	struct compare *cmp = compare_ids(c, ids, 2, &opts, 50);
	size_t n0 = cmp->nrows, nsegs0 = cmp->nsegs;
	size_t *r0 = copy_rows(cmp, 0), *r1 = copy_rows(cmp, 1);

	size_t idr = article_index(c, "id-rehearsal");
	assert_int_equal(compare_set_column(cmp, c, 1, idr), 0);
	assert_int_equal(cmp->articles[1], idr);
	assert_ptr_equal(cmp->cols[1]->article, &c->articles[idr]);
	assert_int_equal(cmp->cols[1]->npieces, 2 + 18);
	assert_int_equal(cmp->col_width, 50);
	check_compare(cmp); /* laid out again, consistent */
	assert_int_not_equal(cmp->nsegs, nsegs0);

	/* a third column cannot be set on two */
	assert_int_equal(compare_set_column(cmp, c, 2, idr), -1);

	/* back to the Arabic: the comparison as it was */
	size_t ar = article_index(c, "ar-rehearsal");
	assert_int_equal(compare_set_column(cmp, c, 1, ar), 0);
	check_compare(cmp);
	assert_int_equal(cmp->nsegs, nsegs0);
	assert_int_equal(cmp->nrows, n0);
	assert_memory_equal(cmp->rows[0], r0, n0 * sizeof *r0);
	assert_memory_equal(cmp->rows[1], r1, n0 * sizeof *r1);

	/* swapping column 0 re-aligns against the new first column */
	size_t disc = article_index(c, "id-discussion");
	assert_int_equal(compare_set_column(cmp, c, 0, disc), 0);
	assert_int_equal(cmp->articles[0], disc);
	check_compare(cmp);
	free(r0);
	free(r1);
	compare_destroy(cmp);

	/* before any layout: the swap only re-aligns */
	size_t idx[2] = {article_index(c, "fr-rehearsal"), ar};
	cmp = compare_create(c, idx, 2, &opts);
	assert_non_null(cmp);
	assert_int_equal(compare_set_column(cmp, c, 0, idr), 0);
	assert_int_equal(compare_layout(cmp, 45), 0);
	check_compare(cmp);
	compare_destroy(cmp);
	compare_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fr_ar),
		cmocka_unit_test(test_relayout),
		cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_three_columns),
		cmocka_unit_test(test_set_column),
		cmocka_unit_test(test_other_report),
	};
	return cmocka_run_group_tests(tests, test_open_bundled, test_close_bundled);
}
