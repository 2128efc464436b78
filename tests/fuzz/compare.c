/* compare.c — fuzz target for the compare view's layout: two or three
 * articles, loaded as plain files (detection included) from a private
 * directory, aligned and laid out side by side at two column widths.
 * Input: byte 0 chooses three columns or two, the header, shaping and
 * reordering; bytes 1 and 2 the widths (2 to 100 and 2 to 30: from 2 columns
 * on, every character fits); bytes 3 and 4 where the rest is cut into the
 * articles' texts.
 * Invariants: the segments cover each column's pieces in order; each
 * column's page rows appear once each, in order, the rest of a screen row
 * being padding; compare_screen_row and compare_segment_of_row agree with
 * the rows; no row is wider than the column. */
#include "tandem/compare.h"

#include "fuzz.h"

static void check(const struct compare *cmp, int width)
{
	FUZZ_CHECK(cmp->col_width == width && cmp->nsegs > 0);
	for (size_t c = 0; c < cmp->ncols; c++) {
		const struct page *p = cmp->cols[c];
		FUZZ_CHECK(p->width == width);
		size_t next = 0;
		for (size_t s = 0; s < cmp->nsegs; s++) {
			if (!cmp->segs[s].count[c])
				continue;
			FUZZ_CHECK(cmp->segs[s].first[c] == next);
			next += cmp->segs[s].count[c];
		}
		FUZZ_CHECK(next == p->npieces);
		size_t pr = 0;
		for (size_t r = 0; r < cmp->nrows; r++) {
			size_t row = cmp->rows[c][r];
			if (row == COMPARE_NO_ROW)
				continue;
			FUZZ_CHECK(row == pr++);
			FUZZ_CHECK(compare_screen_row(cmp, c, row) == r);
			const struct layout_line *l = page_row_line(p, row);
			FUZZ_CHECK(!l || l->indent + l->width <= width);
		}
		FUZZ_CHECK(pr == p->nrows);
		FUZZ_CHECK(compare_screen_row(cmp, c, p->nrows) == COMPARE_NO_ROW);
	}
	FUZZ_CHECK(cmp->seg_row[0] == 0);
	size_t s = 0;
	for (size_t r = 0; r < cmp->nrows; r++) {
		while (s + 1 < cmp->nsegs && cmp->seg_row[s + 1] <= r)
			s++;
		FUZZ_CHECK(compare_segment_of_row(cmp, r) == s);
	}
	for (size_t k = 1; k < cmp->nsegs; k++)
		FUZZ_CHECK(cmp->seg_row[k] >= cmp->seg_row[k - 1] && cmp->seg_row[k] <= cmp->nrows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	uint8_t opt = data[0];
	int w1 = 2 + data[1] % 99, w2 = 2 + data[2] % 29;
	size_t rest = size - 5, cut1 = rest * data[3] / 256, cut2 = cut1 + (rest - cut1) * data[4] / 256;
	const char *text = (const char *)data + 5;
	size_t ncols = (opt & 1) ? 3 : 2;
	size_t off[4] = {0, cut1, ncols == 3 ? cut2 : rest, rest};
	static const char *const names[3] = {"a.txt", "b.txt", "c.txt"};
	char paths[3][4200], *files[3];
	for (size_t i = 0; i < ncols; i++)
		files[i] = fuzz_write(names[i], text + off[i], off[i + 1] - off[i], paths[i],
		                      sizeof paths[i]);

	struct corpus *c = corpus_open_files(files, ncols);
	if (!c)
		return 0;
	if (c->narticles == ncols) {
		struct page_opts po = {.shape = !(opt & 2), .mirror = 1, .reorder = !(opt & 4),
		                       .header = !(opt & 8), .dir = BIDI_AUTO};
		size_t idx[3] = {0, 1, 2};
		struct compare *cmp = compare_create(c, idx, ncols, &po);
		if (cmp) {
			if (compare_layout(cmp, w1) == 0)
				check(cmp, w1);
			if (compare_layout(cmp, w2) == 0)
				check(cmp, w2);
			if (compare_set_column(cmp, c, 0, 1) == 0 && compare_layout(cmp, w1) == 0)
				check(cmp, w1);
			compare_destroy(cmp);
		}
	}
	corpus_free(c);
	return 0;
}
