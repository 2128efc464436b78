/* test_page.c — the reader's page of an article (src/corpus/page.c) on the
 * bundled corpus (read relative to the repository root): the header (title
 * rows, then the META row "date · lang · host"), a blank row between pieces
 * and only there, no row wider than the page, every piece's rows contiguous
 * and its text all there; page_row_kind/page_row_block/page_block_row; image
 * placeholders, captions and folded repeats (page_toggle_repeat expands one
 * and folds it back); right-aligned Arabic, or not when the page's dir
 * option says ltr; the meta row of an undated article with no source and
 * an unknown language, "language unknown" (a fixture in
 * tests/data/corpora/); the layout cache (relayout at another width and
 * back gives the same rows, a fresh page too); a page with
 * no header; in-page search (page_find forward, backward, wrap-around, no
 * match) and page_match_row landing on the row that shows the match;
 * page_next_row giving the rows of page_layout; a paragraph just under and
 * over LAYOUT_PIECE_CHARS giving the rows of its unpieced layout; the layout
 * cache staying within PAGE_CACHE_CHARS on a long article; search in a
 * paragraph longer than LAYOUT_PIECE_CHARS; page_piece_range; a headline
 * (a detected title that is the whole first paragraph, tests/data/headline/)
 * shown once, as the title standing for its block, and a shortened or
 * sentence-cut title leaving the paragraph in place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/langid.h"
#include "tandem/page.h"

#include "testutil.h"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))
#define WIDTH 40

static const struct page_opts opts = {
	.shape = 1, .mirror = 1, .reorder = 1, .header = 1, .dir = BIDI_AUTO};

/* ---- helpers ------------------------------------------------------------- */

static const struct corpus_article *article(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	if (k < 0)
		fail_msg("no article '%s'", id);
	return &c->articles[k];
}

static struct page *page_at(const struct corpus *c, const char *id, const struct page_opts *o,
                            int width)
{
	struct page *p = page_create(article(c, id), o);
	assert_non_null(p);
	assert_int_equal(page_layout(p, width), 0);
	assert_int_equal(p->width, width);
	assert_true(p->nrows > 0);
	return p;
}

static char *row_text(const struct page *p, size_t row, int with_indent)
{
	char *s = page_row_utf8(p, row, with_indent);
	assert_non_null(s);
	return s;
}

/* s without its ASCII spaces (line breaks replace spaces). */
static char *squeeze(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	assert_non_null(out);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			out[k++] = s[i];
	out[k] = 0;
	return out;
}

/* The rows of `piece` joined, spaces squeezed out. */
static char *piece_rows_squeezed(const struct page *p, size_t piece)
{
	const struct page_piece *pc = &p->pieces[piece];
	size_t cap = 64, n = 0;
	char *all = malloc(cap);
	assert_non_null(all);
	for (size_t r = pc->first_row; r < pc->first_row + pc->nrows; r++) {
		char *s = row_text(p, r, 0);
		size_t k = strlen(s);
		while (n + k + 1 > cap) {
			cap *= 2;
			all = realloc(all, cap);
			assert_non_null(all);
		}
		memcpy(all + n, s, k);
		n += k;
		free(s);
	}
	char *sq = squeeze(all, n);
	free(all);
	return sq;
}

static void assert_piece_shows(const struct page *p, size_t piece, const char *text, size_t len)
{
	char *got = piece_rows_squeezed(p, piece);
	char *want = squeeze(text, len);
	if (strcmp(got, want))
		fail_msg("piece %zu shows \"%s\", want \"%s\"", piece, got, want);
	free(got);
	free(want);
}

/* The structural rules of every page: rows point at valid pieces and lines;
 * each piece's rows are contiguous from first_row; one blank row between
 * pieces (none between the title and its meta row), no blank first, last or
 * twice; no row wider than the page; kinds and blocks as the pieces say. */
static void check_page(const struct page *p)
{
	int width = p->width;
	size_t expect_row = 0;
	assert_true(p->nrows > 0);
	for (size_t i = 0; i < p->npieces; i++) {
		const struct page_piece *pc = &p->pieces[i];
		if (i > 0 && !(pc->kind == PAGE_META && p->pieces[i - 1].kind == PAGE_TITLE)) {
			assert_true(expect_row < p->nrows);
			assert_int_equal(page_row_kind(p, expect_row), PAGE_BLANK);
			assert_null(page_row_line(p, expect_row));
			assert_int_equal(page_row_block(p, expect_row), -1);
			char *s = row_text(p, expect_row, 1);
			assert_string_equal(s, "");
			free(s);
			expect_row++;
		}
		assert_int_equal(pc->first_row, expect_row);
		assert_true(pc->nrows >= 1);
		size_t prev_end = 0;
		for (size_t l = 0; l < pc->nrows; l++) {
			size_t r = pc->first_row + l;
			assert_int_equal(p->rows[r].piece, i);
			assert_int_equal(p->rows[r].line, l);
			assert_int_equal(page_row_kind(p, r), pc->kind);
			assert_int_equal(page_row_block(p, r), pc->block);
			const struct layout_line *ln = page_row_line(p, r);
			assert_non_null(ln);
			/* the piece's lines tile its text */
			assert_int_equal(ln->start, l == 0 ? 0 : prev_end);
			assert_true(ln->end >= ln->start);
			prev_end = ln->end;
			int cells = 0;
			for (size_t k = 0; k < ln->ncells; k++)
				cells += ln->cells[k].width;
			assert_int_equal(cells, ln->width);
			assert_true(ln->indent >= 0);
			if (ln->indent + ln->width > width)
				fail_msg("row %zu: indent %d + width %d > %d", r, ln->indent, ln->width, width);
		}
		expect_row += pc->nrows;
	}
	assert_int_equal(expect_row, p->nrows);
	assert_int_not_equal(page_row_kind(p, 0), PAGE_BLANK);
	assert_int_not_equal(page_row_kind(p, p->nrows - 1), PAGE_BLANK);
	for (size_t r = 1; r < p->nrows; r++)
		assert_false(page_row_kind(p, r) == PAGE_BLANK && page_row_kind(p, r - 1) == PAGE_BLANK);
	/* out of range */
	assert_int_equal(page_row_kind(p, p->nrows), PAGE_BLANK);
	assert_null(page_row_line(p, p->nrows));
	assert_int_equal(page_row_block(p, p->nrows), -1);
}

/* Every row as "kind block indent text", to compare layouts. */
static char **snapshot(const struct page *p, size_t *n)
{
	char **rows = calloc(p->nrows, sizeof *rows);
	assert_non_null(rows);
	for (size_t r = 0; r < p->nrows; r++) {
		char *s = row_text(p, r, 1);
		size_t len = strlen(s) + 64;
		rows[r] = malloc(len);
		assert_non_null(rows[r]);
		snprintf(rows[r], len, "%d %ld %s", (int)page_row_kind(p, r), page_row_block(p, r), s);
		free(s);
	}
	*n = p->nrows;
	return rows;
}

static void free_snapshot(char **rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i]);
	free(rows);
}

static void assert_same_rows(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			fail_msg("row %zu: \"%s\" != \"%s\"", i, a[i], b[i]);
}

/* The piece showing article block `block`, or fails. */
static size_t piece_of_block(const struct page *p, long block)
{
	for (size_t i = p->first_body; i < p->npieces; i++)
		if (p->pieces[i].block == block)
			return i;
	fail_msg("no piece for block %ld", block);
	return 0;
}

/* ---- header and paragraphs ----------------------------------------------- */

static void test_fr_header_and_paragraphs(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_article *a = article(c, "fr-rehearsal");
	struct page *p = page_at(c, "fr-rehearsal", &opts, WIDTH);
	check_page(p);

	/* the title: row 0 is its first line, its rows give it whole */
	assert_int_equal(p->first_body, 2);
	assert_int_equal(p->pieces[0].kind, PAGE_TITLE);
	assert_int_equal(p->pieces[1].kind, PAGE_META);
	assert_int_equal(page_row_kind(p, 0), PAGE_TITLE);
	char *r0 = row_text(p, 0, 1);
	assert_true(strlen(r0) > 0);
	assert_true(strncmp(a->title, r0, strlen(r0)) == 0);
	assert_string_equal(r0, "Le pr\xc3\xa9sident Luong Cuong inspecte la");
	free(r0);
	assert_true(p->pieces[0].nrows > 1);
	assert_piece_shows(p, 0, a->title, strlen(a->title));

	/* the meta row right under the title, then one blank row */
	size_t meta = p->pieces[0].nrows;
	assert_int_equal(page_row_kind(p, meta), PAGE_META);
	char *m = row_text(p, meta, 1);
	assert_string_equal(m, "2025-10-23 \xc2\xb7 fr \xc2\xb7 www.vietnamplus.vn");
	free(m);
	assert_int_equal(page_row_kind(p, meta + 1), PAGE_BLANK);
	assert_int_equal(page_row_kind(p, meta + 2), PAGE_TEXT);
	assert_int_equal(page_row_block(p, meta + 2), 0);
	assert_int_equal(page_row_block(p, meta - 1), -1);

	/* the 13 paragraphs, each one piece, all their text shown; no piece
	 * for the source line or the comment count */
	assert_int_equal(p->npieces, 2 + 13);
	for (size_t i = 0; i < 13; i++) {
		const struct page_piece *pc = &p->pieces[2 + i];
		assert_int_equal(pc->kind, PAGE_TEXT);
		assert_int_equal(pc->block, (long)i);
		size_t len;
		const char *t = article_block_text(corpus_article_text(a), i, &len);
		assert_piece_shows(p, 2 + i, t, len);
	}
	/* the last row: "(TTXVN/Vietnam+)" */
	char *last = row_text(p, p->nrows - 1, 1);
	assert_string_equal(last, "(TTXVN/Vietnam+)");
	free(last);
	/* left-to-right text sits at the left edge */
	for (size_t r = 0; r < p->nrows; r++) {
		const struct layout_line *ln = page_row_line(p, r);
		if (ln)
			assert_int_equal(ln->indent, 0);
	}
	page_destroy(p);
}

/* The raw page: every stored line, image markup, source and boilerplate
 * included, one piece per line, no blank rows inserted, re-laid out at
 * another width without losing a line. */
static void test_raw_page(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_article *a = article(c, "id-discussion");
	size_t lines = 1;
	for (size_t i = 0; i < corpus_article_text(a)->raw_len; i++)
		lines += corpus_article_text(a)->raw[i] == '\n';
	struct page *p = page_create_raw(a, &opts);
	assert_non_null(p);
	assert_int_equal(p->npieces, lines);
	assert_int_equal(page_layout(p, 4000), 0);
	/* wide enough for the longest line: one row per stored line, in order,
	 * each the stored text itself */
	assert_int_equal(p->nrows, lines);
	const char *s = corpus_article_text(a)->raw;
	for (size_t r = 0; r < p->nrows; r++) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *row = row_text(p, r, 0);
		assert_int_equal(page_row_raw_line(p, r), r);
		assert_int_equal(strlen(row), len);
		assert_memory_equal(row, s, len);
		free(row);
		s = e ? e + 1 : s + len;
	}
	char *first = row_text(p, 0, 0);
	assert_string_equal(first, "![]() |");
	free(first);
	/* a text ending with a line end has no empty last line */
	struct corpus_article b = *a;
	static const char two[] = "first line\nsecond line\n";
	struct article_text bt = {0};
	if (a->text)
		bt = *a->text;
	bt.raw = (char *)two;
	bt.raw_len = sizeof two - 1;
	b.text = &bt;
	struct page *q = page_create_raw(&b, &opts);
	assert_non_null(q);
	assert_int_equal(q->npieces, 2);
	page_destroy(q);
	/* narrower: more rows, every line still there, first rows of lines in order */
	assert_int_equal(page_layout(p, 30), 0);
	assert_true(p->nrows > lines);
	for (size_t i = 1; i < p->npieces; i++)
		assert_true(p->pieces[i].first_row >= p->pieces[i - 1].first_row + 1);
	page_destroy(p);
}

static void test_block_rows(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_at(c, "fr-rehearsal", &opts, WIDTH);
	for (size_t i = p->first_body; i < p->npieces; i++) {
		size_t r = page_block_row(p, p->pieces[i].block);
		assert_int_equal(r, p->pieces[i].first_row);
		assert_int_equal(page_row_block(p, r), p->pieces[i].block);
	}
	/* the source line (block 13) and the comment count (block 14) have no
	 * row: the nearest row before them, in the last paragraph */
	assert_int_equal(page_row_block(p, page_block_row(p, 13)), 12);
	assert_int_equal(page_row_block(p, page_block_row(p, 14)), 12);
	page_destroy(p);

	/* id-discussion: the source (block 22) comes after image 6 (block 21) */
	p = page_at(c, "id-discussion", &opts, WIDTH);
	assert_int_equal(page_row_block(p, page_block_row(p, 22)), 21);
	assert_int_equal(page_row_kind(p, page_block_row(p, 22)), PAGE_IMAGE);
	page_destroy(p);
}

/* ---- images, captions, repeats ------------------------------------------- */

static void test_id_discussion_blocks(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_article *a = article(c, "id-discussion");
	struct page *p = page_at(c, "id-discussion", &opts, WIDTH);
	check_page(p);
	size_t images = 0, caption_pieces = 0, folded = 0, text_pieces = 0;
	for (size_t i = p->first_body; i < p->npieces; i++) {
		const struct page_piece *pc = &p->pieces[i];
		const struct article_block *b = &corpus_article_text(a)->blocks[pc->block];
		char *s = row_text(p, pc->first_row, 1);
		switch (pc->kind) {
		case PAGE_IMAGE:
			images++;
			assert_int_equal(b->kind, BLOCK_IMAGE);
			assert_int_equal(pc->nrows, 1);
			assert_string_equal(s, "[image]");
			break;
		case PAGE_CAPTION: {
			caption_pieces++;
			assert_int_equal(b->kind, BLOCK_CAPTION);
			size_t len;
			const char *t = article_block_text(corpus_article_text(a), (size_t)pc->block, &len);
			assert_piece_shows(p, i, t, len);
			for (size_t r = pc->first_row; r < pc->first_row + pc->nrows; r++)
				assert_int_equal(page_row_kind(p, r), PAGE_CAPTION);
			break;
		}
		case PAGE_FOLDED:
			folded++;
			assert_int_equal(b->kind, BLOCK_PARAGRAPH);
			assert_true(b->dup_of >= 0);
			assert_true(b->line == 16 || b->line == 17);
			assert_int_equal(pc->nrows, 1);
			assert_string_equal(s, "[repeated paragraph]");
			break;
		case PAGE_TEXT:
			text_pieces++;
			assert_int_equal(b->kind, BLOCK_PARAGRAPH);
			assert_int_equal(b->dup_of, -1);
			break;
		default:
			fail_msg("piece %zu: unexpected kind %d", i, (int)pc->kind);
		}
		free(s);
	}
	assert_int_equal(images, 6);
	assert_int_equal(caption_pieces, 4);
	assert_int_equal(folded, 2);
	assert_int_equal(text_pieces, 10);
	/* the first caption's first row, without its "|" frame */
	char *s = row_text(p, p->pieces[p->first_body + 1].first_row, 1);
	assert_string_equal(s, "Ringkasan sesi diskusi tingkat tinggi");
	free(s);
	/* source and comments have no row */
	for (size_t r = 0; r < p->nrows; r++)
		assert_true(page_row_block(p, r) < 22);
	page_destroy(p);
}

static void test_toggle_repeat(void **state)
{
	const struct corpus *c = *state;
	const struct corpus_article *a = article(c, "id-discussion");
	struct page *p = page_at(c, "id-discussion", &opts, WIDTH);
	size_t n0;
	char **before = snapshot(p, &n0);

	/* blocks 15 and 16 (lines 16 and 17) repeat blocks 13 and 14 */
	assert_int_equal(corpus_article_text(a)->blocks[15].dup_of, 13);
	size_t pi = piece_of_block(p, 15);
	assert_int_equal(p->pieces[pi].kind, PAGE_FOLDED);

	/* not repeats: nothing to toggle */
	assert_int_equal(page_toggle_repeat(p, 13), 0);
	assert_int_equal(page_toggle_repeat(p, 0), 0);
	assert_int_equal(page_toggle_repeat(p, -1), 0);
	assert_int_equal(page_toggle_repeat(p, (long)corpus_article_text(a)->nblocks), 0);

	/* expand one: at the same width, its rows now show its text */
	assert_int_equal(page_toggle_repeat(p, 15), 1);
	assert_int_equal(page_layout(p, WIDTH), 0);
	check_page(p);
	assert_int_equal(p->pieces[pi].kind, PAGE_TEXT);
	assert_int_equal(p->pieces[pi].block, 15);
	assert_true(p->pieces[pi].nrows > 1);
	assert_int_equal(p->nrows, n0 + p->pieces[pi].nrows - 1);
	size_t len;
	const char *t = article_block_text(corpus_article_text(a), 15, &len);
	assert_piece_shows(p, pi, t, len);
	size_t r = page_block_row(p, 15);
	assert_int_equal(page_row_kind(p, r), PAGE_TEXT);
	char *first = row_text(p, r, 1);
	assert_true(strncmp(first, "Para delegasi sepakat bahwa", 27) == 0);
	free(first);
	/* the other repeat stays folded */
	assert_int_equal(p->pieces[piece_of_block(p, 16)].kind, PAGE_FOLDED);

	/* fold it again: the page is as it was */
	assert_int_equal(page_toggle_repeat(p, 15), 1);
	assert_int_equal(page_layout(p, WIDTH), 0);
	check_page(p);
	assert_int_equal(p->pieces[pi].kind, PAGE_FOLDED);
	size_t n1;
	char **after = snapshot(p, &n1);
	assert_same_rows(before, n0, after, n1);
	free_snapshot(before, n0);
	free_snapshot(after, n1);
	page_destroy(p);
}

/* ---- right-to-left ------------------------------------------------------- */

static void test_ar_right_aligned(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_at(c, "ar-rehearsal", &opts, WIDTH);
	check_page(p);
	size_t text_rows = 0;
	for (size_t r = 0; r < p->nrows; r++) {
		const struct layout_line *ln = page_row_line(p, r);
		enum page_kind k = page_row_kind(p, r);
		if (k == PAGE_TEXT || k == PAGE_TITLE) {
			text_rows += k == PAGE_TEXT;
			if (ln->indent + ln->width != WIDTH)
				fail_msg("row %zu: indent %d + width %d != %d", r, ln->indent, ln->width, WIDTH);
		} else if (k == PAGE_META) {
			/* the meta line sits where the text does: flush right */
			assert_int_equal(ln->indent + ln->width, WIDTH);
		}
	}
	assert_true(text_rows > 13);
	for (size_t i = p->first_body; i < p->npieces; i++)
		assert_int_equal(p->pieces[i].dir, BIDI_RTL);
	char *m = row_text(p, p->pieces[1].first_row, 0);
	/* read from the right: date, language, source */
	assert_string_equal(m, "www.vietnamplus.vn \xc2\xb7 ar \xc2\xb7 2025-10-23");
	free(m);
	page_destroy(p);
}

/* The page's direction option overrides the article's. */
static void test_dir_override(void **state)
{
	const struct corpus *c = *state;
	struct page_opts o = opts;
	o.dir = BIDI_LTR;
	struct page *p = page_at(c, "ar-rehearsal", &o, WIDTH);
	check_page(p);
	for (size_t i = p->first_body; i < p->npieces; i++) {
		assert_int_equal(p->pieces[i].dir, BIDI_LTR);
		assert_int_equal(page_row_line(p, p->pieces[i].first_row)->indent, 0);
	}
	page_destroy(p);
}

/* The meta row of an article with no date and no source. */
static void test_meta_undated(void **state)
{
	char *files[] = {"tests/data/corpora/dupnames/one/note.txt"};
	struct corpus *c = corpus_open_files(files, 1);
	assert_non_null(c);
	assert_int_equal(c->narticles, 1);
	assert_int_equal(c->articles[0].date.y, 0);
	assert_null(c->articles[0].source);
	struct page *p = page_create(&c->articles[0], &opts);
	assert_non_null(p);
	assert_int_equal(page_layout(p, WIDTH), 0);
	check_page(p);
	/* one short line: too few letters to tell its language, which the
	 * reader names in words, not as the tag "und" */
	assert_string_equal(c->articles[0].lang, "und");
	char *m = row_text(p, p->pieces[1].first_row, 0);
	assert_string_equal(m, "undated \xc2\xb7 language unknown");
	free(m);
	page_destroy(p);
	corpus_free(c);
}

/* A repeated short heading ("Article 2") is shown; a repeated paragraph of
 * substance is folded, and Enter unfolds it. */
static void test_fold_threshold(void **state)
{
	(void)state;
	char *files[] = {"tests/data/corpora/repeats/rep.txt"};
	struct corpus *c = corpus_open_files(files, 1);
	assert_non_null(c);
	struct page *p = page_create(&c->articles[0], &opts);
	assert_non_null(p);
	assert_int_equal(page_layout(p, WIDTH), 0);
	size_t folded = 0, headings = 0;
	for (size_t i = p->first_body; i < p->npieces; i++) {
		folded += p->pieces[i].kind == PAGE_FOLDED;
		if (p->pieces[i].kind == PAGE_TEXT && p->pieces[i].len == 9 &&
		    !memcmp(p->pieces[i].utf8, "Article 2", 9))
			headings++;
	}
	assert_int_equal(folded, 1);
	assert_int_equal(headings, 2); /* both shown, the repeat too */
	const struct article_text *t = corpus_article_text(&c->articles[0]);
	for (size_t b = 0; b < t->nblocks; b++)
		if (t->blocks[b].dup_of >= 0)
			assert_int_equal(article_block_folds(t, b), t->blocks[b].len >= ARTICLE_FOLD_MIN_CHARS);
	page_destroy(p);
	corpus_free(c);
}

/* A source URL far longer than a screen, with a query string right after
 * the host: the page is still made, and the meta row names the host only. */
static void test_meta_long_source(void **state)
{
	char path[] = "/tmp/tandem-longsrc.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("Bonjour le monde et la paix dans le pays.\nSource: https://example.com?q=", f);
	for (int i = 0; i < 2000; i++)
		fputc('a', f);
	fputc('\n', f);
	fclose(f);
	char *files[] = {path};
	struct corpus *c = corpus_open_files(files, 1);
	assert_non_null(c);
	assert_int_equal(c->narticles, 1);
	assert_non_null(c->articles[0].source);
	assert_true(strlen(c->articles[0].source) > 2000);
	struct page *p = page_create(&c->articles[0], &opts);
	assert_non_null(p);
	assert_int_equal(page_layout(p, WIDTH), 0);
	char *m = row_text(p, p->pieces[1].first_row, 0);
	char want[64];
	snprintf(want, sizeof want, "undated \xc2\xb7 %s \xc2\xb7 example.com",
	         langid_label(c->articles[0].lang));
	assert_string_equal(m, want);
	free(m);
	page_destroy(p);
	corpus_free(c);
	unlink(path);
}

/* ---- layout cache -------------------------------------------------------- */

static void test_relayout_same_rows(void **state)
{
	const struct corpus *c = *state;
	const char *ids[] = {"fr-rehearsal", "ar-rehearsal", "id-discussion"};
	for (size_t i = 0; i < NELEM(ids); i++) {
		struct page *p = page_at(c, ids[i], &opts, WIDTH);
		size_t n40, n60, n40b, nfresh;
		char **s40 = snapshot(p, &n40);
		assert_int_equal(page_layout(p, 60), 0);
		check_page(p);
		char **s60 = snapshot(p, &n60);
		assert_true(n60 < n40);
		for (size_t r = 0; r < p->nrows; r++) {
			const struct layout_line *ln = page_row_line(p, r);
			if (ln)
				assert_true(ln->indent + ln->width <= 60);
		}
		assert_int_equal(page_layout(p, WIDTH), 0);
		check_page(p);
		char **s40b = snapshot(p, &n40b);
		assert_same_rows(s40, n40, s40b, n40b);
		/* the same as a page laid out at 40 only */
		struct page *q = page_at(c, ids[i], &opts, WIDTH);
		char **fresh = snapshot(q, &nfresh);
		assert_same_rows(s40, n40, fresh, nfresh);
		/* laying out twice at one width changes nothing */
		assert_int_equal(page_layout(q, WIDTH), 0);
		free_snapshot(fresh, nfresh);
		fresh = snapshot(q, &nfresh);
		assert_same_rows(s40, n40, fresh, nfresh);
		free_snapshot(fresh, nfresh);
		page_destroy(q);
		free_snapshot(s40, n40);
		free_snapshot(s60, n60);
		free_snapshot(s40b, n40b);
		page_destroy(p);
	}
}

static void test_no_header(void **state)
{
	const struct corpus *c = *state;
	struct page_opts o = opts;
	o.header = 0;
	struct page *p = page_at(c, "fr-rehearsal", &o, WIDTH);
	check_page(p);
	assert_int_equal(p->first_body, 0);
	assert_int_equal(p->npieces, 13);
	assert_int_equal(page_row_kind(p, 0), PAGE_TEXT);
	assert_int_equal(page_row_block(p, 0), 0);
	char *s = row_text(p, 0, 1);
	assert_string_equal(s, "Le matin du 23 octobre, au Centre");
	free(s);
	assert_int_equal(page_block_row(p, 0), 0);
	page_destroy(p);
}

/* ---- search -------------------------------------------------------------- */

struct hit {
	size_t piece, start;
};

/* The logical text of a piece, decoded as the page decodes it (the indices
 * its layout and search use). Free with decode_free. */
static void piece_decoded(const struct page *p, size_t i, struct decoded_text *t)
{
	assert_int_equal(decode_paragraph_ex(p->pieces[i].utf8, p->pieces[i].len,
	                                     p->opts.reveal ? DECODE_REVEAL : 0, t),
	                 0);
}

/* Every "hanoi" of the page, any case, "Hanoï" too, in page order: found
 * by hand in each piece's logical text. */
static size_t find_hanoi_by_hand(struct page *p, struct hit *hits, size_t max)
{
	static const uint32_t want[] = {'h', 'a', 'n', 'o'};
	size_t n = 0;
	for (size_t i = 0; i < p->npieces; i++) {
		struct decoded_text dt, *t = &dt;
		piece_decoded(p, i, t);
		for (size_t k = 0; k + 5 <= t->len; k++) {
			int ok = 1;
			for (size_t j = 0; j < 4 && ok; j++)
				ok = (t->cp[k + j] | 0x20) == want[j];
			uint32_t last = t->cp[k + 4];
			if (ok && (last == 'i' || last == 'I' || last == 0xef || last == 0xcf)) {
				assert_true(n < max);
				hits[n++] = (struct hit){i, k};
			}
		}
		decode_free(t);
	}
	return n;
}

static void assert_hit(const struct page_match *m, const struct hit *h, const char *what)
{
	if (m->piece != h->piece || m->start != h->start)
		fail_msg("%s: match at piece %zu pos %zu, want piece %zu pos %zu", what, m->piece,
		         m->start, h->piece, h->start);
	assert_int_equal(m->end, m->start + 5);
}

static void test_find(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_at(c, "fr-rehearsal", &opts, WIDTH);
	struct fold_text needle;
	assert_int_equal(fold_utf8("hanoi", 5, &needle), 0);
	struct hit hits[32];
	size_t n = find_hanoi_by_hand(p, hits, NELEM(hits));
	assert_int_equal(n, 6); /* the title's, four "Hanoi" and one "Hano\u00ef" */
	int diaeresis = 0;
	for (size_t i = 0; i < n; i++) {
		struct decoded_text t;
		piece_decoded(p, hits[i].piece, &t);
		diaeresis += t.cp[hits[i].start + 4] == 0xef;
		decode_free(&t);
	}
	assert_int_equal(diaeresis, 1);
	assert_int_equal(hits[0].piece, 0); /* "... de la Convention de Hanoi" */

	/* forward from the start of the page: every match in turn */
	struct page_match m;
	int wrapped = -1;
	size_t piece = 0, pos = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(page_find(p, &needle, piece, pos, 1, &m, &wrapped), 1);
		assert_hit(&m, &hits[i], "forward");
		assert_int_equal(wrapped, 0);
		piece = m.piece;
		pos = m.start;
	}
	/* past the last one: around to the first */
	assert_int_equal(page_find(p, &needle, piece, pos, 1, &m, &wrapped), 1);
	assert_hit(&m, &hits[0], "forward wrap");
	assert_int_equal(wrapped, 1);

	/* backward from the first: around to the last, then every one in turn */
	assert_int_equal(page_find(p, &needle, hits[0].piece, hits[0].start, -1, &m, &wrapped), 1);
	assert_hit(&m, &hits[n - 1], "backward wrap");
	assert_int_equal(wrapped, 1);
	for (size_t i = n - 1; i-- > 0;) {
		assert_int_equal(page_find(p, &needle, m.piece, m.start, -1, &m, &wrapped), 1);
		assert_hit(&m, &hits[i], "backward");
		assert_int_equal(wrapped, 0);
	}
	/* backward from the end of the page: the last match */
	size_t lastp = p->npieces - 1;
	struct decoded_text lt;
	piece_decoded(p, lastp, &lt);
	size_t lastlen = lt.len;
	decode_free(&lt);
	assert_int_equal(page_find(p, &needle, lastp, lastlen, -1, &m, &wrapped), 1);
	assert_hit(&m, &hits[n - 1], "backward from the end");
	assert_int_equal(wrapped, 0);

	/* no match; an empty needle */
	struct fold_text none, empty;
	assert_int_equal(fold_utf8("cybercrimezzz", 13, &none), 0);
	assert_int_equal(page_find(p, &none, 0, 0, 1, &m, &wrapped), 0);
	assert_int_equal(page_find(p, &none, 5, 3, -1, &m, &wrapped), 0);
	assert_int_equal(fold_utf8("", 0, &empty), 0);
	assert_int_equal(page_find(p, &empty, 0, 0, 1, &m, &wrapped), 0);
	fold_free(&none);
	fold_free(&empty);

	/* folding: case and accents do not matter */
	struct fold_text upper;
	assert_int_equal(fold_utf8("C\xc3\x89R\xc3\x89MONIE", 11, &upper), 0);
	assert_int_equal(page_find(p, &upper, 0, 0, 1, &m, &wrapped), 1);
	assert_int_equal(m.piece, 0);
	fold_free(&upper);
	fold_free(&needle);
	page_destroy(p);
}

/* One match only: finding it again wraps to itself. */
static void test_find_single_match(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_at(c, "fr-rehearsal", &opts, WIDTH);
	struct fold_text needle;
	assert_int_equal(fold_utf8("TTXVN", 5, &needle), 0);
	struct page_match m, m2;
	int wrapped;
	assert_int_equal(page_find(p, &needle, 0, 0, 1, &m, &wrapped), 1);
	assert_int_equal(m.piece, p->npieces - 1);
	assert_int_equal(m.start, 1);
	assert_int_equal(wrapped, 0);
	assert_int_equal(page_find(p, &needle, m.piece, m.start, 1, &m2, &wrapped), 1);
	assert_int_equal(m2.piece, m.piece);
	assert_int_equal(m2.start, m.start);
	assert_int_equal(wrapped, 1);
	assert_int_equal(page_find(p, &needle, m.piece, m.start, -1, &m2, &wrapped), 1);
	assert_int_equal(m2.start, m.start);
	assert_int_equal(wrapped, 1);
	fold_free(&needle);
	page_destroy(p);
}

static void test_match_row(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_create(article(c, "fr-rehearsal"), &opts);
	assert_non_null(p);
	struct fold_text needle;
	assert_int_equal(fold_utf8("hanoi", 5, &needle), 0);
	const int widths[] = {WIDTH, 13, 8, 5};
	for (size_t w = 0; w < NELEM(widths); w++) {
		assert_int_equal(page_layout(p, widths[w]), 0);
		check_page(p);
		struct page_match m;
		int wrapped = 0;
		size_t piece = 0, pos = 0, found = 0;
		while (page_find(p, &needle, piece, pos, 1, &m, &wrapped) == 1 && !wrapped) {
			if (++found > 6)
				fail_msg("width %d: more than 6 matches without wrapping", widths[w]);
			size_t r = page_match_row(p, &m);
			assert_true(r < p->nrows);
			assert_int_equal(p->rows[r].piece, m.piece);
			const struct layout_line *ln = page_row_line(p, r);
			assert_non_null(ln);
			assert_true(m.start >= ln->start && m.start < ln->end);
			long cell = layout_line_cell_of(ln, m.start);
			if (cell < 0)
				fail_msg("width %d: the match at %zu has no cell on row %zu", widths[w],
				         m.start, r);
			/* the cell shows the match's first letter */
			assert_int_equal(ln->cells[cell].logical, m.start);
			assert_int_equal(ln->cells[cell].ch[0] | 0x20, 'h');
			/* a five-letter word fits a line of 5 or more: all on that row */
			for (size_t k = m.start; k < m.end; k++)
				assert_true(layout_line_cell_of(ln, k) >= 0);
			piece = m.piece;
			pos = m.start;
		}
		assert_int_equal(found, 6);
	}
	fold_free(&needle);
	page_destroy(p);
}

/* ---- rows one at a time (--dump) ----------------------------------------- */

/* page_next_row gives the rows of page_layout + page_row_utf8, blank rows
 * included, for every article at two widths, and for a raw page. */
static void test_next_row_same_rows(void **state)
{
	const struct corpus *c = *state;
	for (size_t i = 0; i < c->narticles; i++)
		for (int w = 40; w <= 80; w += 40)
			for (int raw = 0; raw <= 1; raw++) {
				const struct corpus_article *a = &c->articles[i];
				struct page *p = raw ? page_create_raw(a, &opts) : page_create(a, &opts);
				assert_non_null(p);
				assert_int_equal(page_layout(p, w), 0);
				struct page *q = raw ? page_create_raw(a, &opts) : page_create(a, &opts);
				assert_non_null(q);
				struct page_cursor cur = {0};
				char *s;
				size_t r = 0;
				int k;
				while ((k = page_next_row(q, w, &cur, &s)) > 0) {
					assert_true(r < p->nrows);
					char *want = row_text(p, r, 1);
					if (strcmp(s, want))
						fail_msg("%s row %zu: \"%s\" != \"%s\"", a->id, r, s, want);
					free(want);
					free(s);
					r++;
				}
				assert_int_equal(k, 0);
				assert_int_equal(r, p->nrows);
				page_cursor_free(&cur);
				page_destroy(q);
				page_destroy(p);
			}
}

/* ---- long paragraphs and the layout cache -------------------------------- */

/* An article (the fr-rehearsal one's fields) with the text s; free its text
 * with article_text_free and free. */
static struct corpus_article text_article(const struct corpus *c, const char *s)
{
	struct corpus_article b = *article(c, "fr-rehearsal");
	b.text = malloc(sizeof *b.text);
	assert_non_null(b.text);
	assert_int_equal(article_parse(s, strlen(s), b.text), 0);
	return b;
}

/* `n` bytes (a little less) of French words, with a counter so that no two
 * paragraphs are alike. */
static char *words(size_t n, unsigned seed)
{
	static const char *w[] = {"la", "convention", "de", "Hanoi", "sign\xc3\xa9" "e",
	                          "par", "\xc3\x89tats", "cybercriminalit\xc3\xa9", "69"};
	char *s = malloc(n + 1);
	assert_non_null(s);
	size_t len = (size_t)snprintf(s, n + 1, "%u ", seed);
	for (unsigned k = seed;; k = k * 1103515245u + 12345u) {
		const char *x = w[(k >> 16) % NELEM(w)];
		size_t xl = strlen(x);
		if (len + xl + 1 > n)
			break;
		memcpy(s + len, x, xl);
		s[len + xl] = ' ';
		len += xl + 1;
	}
	s[len] = 0;
	return s;
}

/* A paragraph just under and just over LAYOUT_PIECE_CHARS: the page's rows
 * (read in any order, the cache dropping and laying out again) and
 * page_next_row's are the lines of the paragraph laid out whole, every
 * character on exactly one row, no row wider than the page. */
static void test_long_paragraph_rows(void **state)
{
	const struct corpus *c = *state;
	size_t sizes[] = {LAYOUT_PIECE_CHARS - 3000, LAYOUT_PIECE_CHARS + 3000,
	                  3 * LAYOUT_PIECE_CHARS};
	for (size_t k = 0; k < NELEM(sizes); k++) {
		char *s = words(sizes[k], 7);
		struct corpus_article b = text_article(c, s);
		struct page_opts o = opts;
		o.header = 0;
		struct page *p = page_create(&b, &o);
		assert_non_null(p);
		assert_int_equal(p->npieces, 1);
		assert_int_equal(page_layout(p, 57), 0);
		check_page(p);
		/* the whole paragraph in one layout */
		struct decoded_text d;
		struct bidi_para bp;
		struct layout_para lp;
		const char *err;
		struct bidi_opts bo = {BIDI_AUTO, 1, 1};
		struct layout_opts lo = {.width = 57, .pad = 1, .reorder = 1};
		size_t bl;
		const char *bt = article_block_text(b.text, 0, &bl);
		assert_int_equal(decode_paragraph(bt, bl, &d), 0);
		assert_int_equal(bidi_prepare(d.cp, d.len, &bo, &bp, &err), 0);
		assert_int_equal(layout_wrap(&bp, &lo, &lp), 0);
		assert_int_equal(p->nrows, lp.nlines);
		/* bottom to top: every stretch laid out again at least once */
		for (size_t r = p->nrows; r-- > 0;) {
			const struct layout_line *l = page_row_line(p, r);
			assert_non_null(l);
			assert_int_equal(l->start, lp.lines[r].start);
			assert_int_equal(l->end, lp.lines[r].end);
			char *got = layout_line_to_utf8(l, 1, 0, NULL);
			char *want = layout_line_to_utf8(&lp.lines[r], 1, 0, NULL);
			assert_non_null(got);
			assert_non_null(want);
			if (strcmp(got, want))
				fail_msg("size %zu row %zu: \"%s\" != \"%s\"", sizes[k], r, got, want);
			free(got);
			free(want);
			assert_true(page_cached_chars(p) <= PAGE_CACHE_CHARS + LAYOUT_PIECE_CHARS);
		}
		assert_int_equal(lp.lines[lp.nlines - 1].end, d.len);
		/* and one row at a time */
		struct page_cursor cur = {0};
		char *row;
		size_t r = 0;
		while (page_next_row(p, 57, &cur, &row) > 0) {
			char *want = layout_line_to_utf8(&lp.lines[r++], 1, 0, NULL);
			assert_string_equal(row, want);
			free(want);
			free(row);
		}
		page_cursor_free(&cur);
		assert_int_equal(r, lp.nlines);
		layout_para_free(&lp);
		bidi_free(&bp);
		decode_free(&d);
		page_destroy(p);
		article_text_free(b.text);
	free(b.text);
		free(s);
	}
}

/* A page of many paragraphs, three times what the cache keeps: laid out, it
 * keeps the layouts of about a cache's worth of text, not of the article;
 * reading the last rows, then the first, keeps it so, and the first rows are
 * the same after being laid out again. */
static void test_cache_bounded(void **state)
{
	const struct corpus *c = *state;
	size_t para = 4000, n = 3 * PAGE_CACHE_CHARS / para;
	char *s = malloc(n * (para + 2) + 1);
	assert_non_null(s);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		char *w = words(para, (unsigned)i);
		size_t wl = strlen(w);
		memcpy(s + len, w, wl);
		memcpy(s + len + wl, "\n\n", 2);
		len += wl + 2;
		free(w);
	}
	s[len] = 0;
	struct corpus_article b = text_article(c, s);
	struct page *p = page_create(&b, &opts);
	assert_non_null(p);
	assert_int_equal(page_layout(p, 80), 0);
	assert_true(page_cached_chars(p) <= PAGE_CACHE_CHARS);
	assert_true(page_cached_chars(p) >= PAGE_CACHE_CHARS / 2);
	size_t top_n;
	char **top = snapshot(p, &top_n);
	for (size_t r = p->nrows - 100; r < p->nrows; r++)
		free(row_text(p, r, 1));
	assert_true(page_cached_chars(p) <= PAGE_CACHE_CHARS);
	size_t again_n;
	char **again = snapshot(p, &again_n);
	assert_same_rows(top, top_n, again, again_n);
	assert_true(page_cached_chars(p) <= PAGE_CACHE_CHARS);
	free_snapshot(top, top_n);
	free_snapshot(again, again_n);
	page_destroy(p);
	article_text_free(b.text);
	free(b.text);
	free(s);
}

/* Search in a paragraph longer than LAYOUT_PIECE_CHARS (folded a piece at a
 * time, TABs and C1 controls expanding as in the whole): the folded text and
 * its map are those of the whole paragraph, and the last match is found and
 * lands on the row that shows it. */
static void test_long_paragraph_search(void **state)
{
	const struct corpus *c = *state;
	static const char unit[] = "la\tConvention de Hano\xc3\xaf \xc2\x9b sign\xc3\xa9" "e ";
	size_t ul = strlen(unit), n = (5 * LAYOUT_PIECE_CHARS / 2) / ul;
	char *s = malloc(n * ul + 16);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	strcpy(s + n * ul, "HANOI fin");
	struct corpus_article b = text_article(c, s);
	struct page_opts o = opts;
	o.header = 0;
	struct page *p = page_create(&b, &o);
	assert_non_null(p);
	assert_int_equal(page_layout(p, 70), 0);
	const struct fold_text *f = page_piece_fold(p, 0);
	assert_non_null(f);
	struct decoded_text d;
	struct fold_text whole;
	piece_decoded(p, 0, &d);
	assert_true(d.len > 2 * LAYOUT_PIECE_CHARS);
	assert_int_equal(fold_text(d.cp, d.len, &whole), 0);
	assert_int_equal(f->len, whole.len);
	assert_memory_equal(f->cp, whole.cp, whole.len * sizeof *whole.cp);
	assert_memory_equal(f->src, whole.src, (whole.len + 1) * sizeof *whole.src);
	/* backward from the end: the final "HANOI" */
	struct fold_text needle;
	struct page_match m;
	int wrapped;
	assert_int_equal(fold_utf8("hanoi", 5, &needle), 0);
	assert_int_equal(page_find(p, &needle, 0, d.len, -1, &m, &wrapped), 1);
	assert_int_equal(m.start, d.len - 9);
	size_t row = page_match_row(p, &m);
	assert_int_equal(row, p->nrows - 1);
	const struct layout_line *l = page_row_line(p, row);
	assert_true(l->start <= m.start && m.start < l->end);
	fold_free(&needle);
	fold_free(&whole);
	decode_free(&d);
	page_destroy(p);
	article_text_free(b.text);
	free(b.text);
	free(s);
}

/* page_piece_range: the logical range of a byte range, as a decode of the
 * whole piece gives it, for ranges at the start, middle and end of every
 * piece (asked twice, and for the next piece with the same bytes, as the
 * reader asks for every row drawn). */
static void test_piece_range(void **state)
{
	const struct corpus *c = *state;
	struct page *p = page_at(c, "fr-rehearsal", &opts, WIDTH);
	for (size_t i = 0; i < p->npieces; i++) {
		const struct page_piece *pc = &p->pieces[i];
		struct decoded_text t;
		piece_decoded(p, i, &t);
		size_t offs[] = {0, pc->len / 2, pc->len > 5 ? pc->len - 5 : 0};
		for (size_t k = 0; k < NELEM(offs); k++) {
			size_t off = offs[k];
			while (off < pc->len && ((unsigned char)pc->utf8[off] & 0xc0) == 0x80)
				off++; /* a character's first byte */
			size_t want_s = 0, want_e = 0;
			while (want_s < t.len && t.byte_off[want_s] < off)
				want_s++;
			while (want_e < t.len && t.byte_off[want_e] < off + 5)
				want_e++;
			for (int twice = 0; twice < 2; twice++) {
				size_t s = 99, e = 99;
				assert_int_equal(page_piece_range(p, i, off, 5, &s, &e), 0);
				assert_int_equal(s, want_s);
				assert_int_equal(e, want_e);
			}
		}
		decode_free(&t);
	}
	assert_int_equal(page_piece_range(p, p->npieces, 0, 1, &(size_t){0}, &(size_t){0}), -1);
	page_destroy(p);
}

/* ---- a headline shown once --------------------------------------------- */

/* Rows (of any piece) whose text contains `needle`. */
static size_t rows_containing(const struct page *p, const char *needle)
{
	size_t n = 0;
	for (size_t r = 0; r < p->nrows; r++) {
		char *s = row_text(p, r, 0);
		n += strstr(s, needle) != NULL;
		free(s);
	}
	return n;
}

/* A plain file that opens on a headline (no sentence end): its title is the
 * whole first paragraph, shown once, as the title, which stands for that
 * block: page_block_row, page_find, page_match_row and page_piece_range land
 * on the title's rows. */
static void test_headline_once(void **state)
{
	(void)state;
	char *files[] = {"tests/data/headline/en-signing.txt"};
	struct corpus *c = corpus_open_files(files, 1);
	assert_non_null(c);
	const struct corpus_article *a = &c->articles[0];
	const char *head = "UN cybercrime convention signed in Hanoi by 72 countries";
	assert_true(a->detected & CORPUS_DETECTED_TITLE);
	assert_string_equal(a->title, head);
	const struct article_text *t = corpus_article_text(a);
	assert_int_equal(t->blocks[0].kind, BLOCK_PARAGRAPH);
	struct page *p = page_create(a, &opts);
	assert_non_null(p);
	assert_int_equal(page_layout(p, WIDTH), 0);
	check_page(p);
	/* the title, then the meta row, then the second paragraph */
	assert_int_equal(p->pieces[0].kind, PAGE_TITLE);
	assert_int_equal(p->pieces[0].block, 0);
	assert_piece_shows(p, 0, head, strlen(head));
	assert_int_equal(p->pieces[1].kind, PAGE_META);
	assert_int_equal(p->pieces[1].block, -1);
	assert_int_equal(p->first_body, 2);
	assert_int_equal(p->pieces[2].kind, PAGE_TEXT);
	assert_int_equal(p->pieces[2].block, 1);
	for (size_t i = 0; i < p->npieces; i++)
		assert_true(i == 0 || p->pieces[i].block != 0);
	/* "UN cybercrime convention signed" is on the title's first row only */
	assert_int_equal(rows_containing(p, "UN cybercrime convention"), 1);
	assert_int_equal(page_row_kind(p, 0), PAGE_TITLE);
	assert_int_equal(page_row_block(p, 0), 0);
	assert_int_equal(page_block_row(p, 0), 0);
	assert_int_equal(page_block_row(p, 1), p->pieces[2].first_row);
	/* a search for a word of the headline finds it on the title, once */
	struct fold_text needle;
	assert_int_equal(fold_utf8("cybercrime", 10, &needle), 0);
	struct page_match m;
	int wrapped;
	assert_int_equal(page_find(p, &needle, 0, 0, 1, &m, &wrapped), 1);
	assert_int_equal(m.piece, 0);
	assert_int_equal(m.start, 3);
	assert_int_equal(page_match_row(p, &m), 0);
	struct page_match m2;
	assert_int_equal(page_find(p, &needle, m.piece, m.start, 1, &m2, &wrapped), 1);
	assert_int_equal(m2.piece, 2); /* "Convention against Cybercrime" */
	assert_int_equal(page_find(p, &needle, m2.piece, m2.start, 1, &m2, &wrapped), 1);
	assert_int_equal(m2.piece, 0);
	assert_int_equal(wrapped, 1);
	fold_free(&needle);
	/* a mark in the block (evidence, facts) by its byte offsets */
	size_t st, en;
	assert_int_equal(page_piece_range(p, 0, 3, 10, &st, &en), 0);
	assert_int_equal(st, 3);
	assert_int_equal(en, 13);
	page_destroy(p);
	/* without the header the headline is the first paragraph again */
	struct page_opts bare = opts;
	bare.header = 0;
	p = page_create(a, &bare);
	assert_non_null(p);
	assert_int_equal(page_layout(p, WIDTH), 0);
	assert_int_equal(p->first_body, 0);
	assert_int_equal(p->pieces[0].kind, PAGE_TEXT);
	assert_int_equal(p->pieces[0].block, 0);
	assert_int_equal(rows_containing(p, "UN cybercrime convention"), 1);
	page_destroy(p);
	corpus_free(c);
}

/* A title that is not the whole first paragraph leaves it in place: one
 * shortened (…) from a long paragraph with no sentence end, one cut at the
 * first sentence end; and a title the manifest gives never takes a block. */
static void test_title_not_headline(void **state)
{
	const struct corpus *bundled = *state;
	char *files[] = {"tests/data/headline/fr-long.txt", "tests/data/multilingual/en-water.txt"};
	struct corpus *c = corpus_open_files(files, 2);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	const char *starts[] = {"La convention des Nations unies", "The international water"};
	for (size_t k = 0; k < 2; k++) {
		const struct corpus_article *a = &c->articles[k];
		assert_true(a->detected & CORPUS_DETECTED_TITLE);
		const struct article_text *t = corpus_article_text(a);
		size_t n;
		const char *para = article_block_text(t, 0, &n);
		assert_true(strlen(a->title) != n || memcmp(a->title, para, n) != 0);
		struct page *p = page_create(a, &opts);
		assert_non_null(p);
		assert_int_equal(page_layout(p, WIDTH), 0);
		check_page(p);
		assert_int_equal(p->pieces[0].kind, PAGE_TITLE);
		assert_int_equal(p->pieces[0].block, -1);
		size_t i = piece_of_block(p, 0);
		assert_int_equal(i, p->first_body);
		assert_int_equal(p->pieces[i].kind, PAGE_TEXT);
		assert_piece_shows(p, i, para, n);
		/* the opening words: on the title and on the paragraph */
		assert_int_equal(rows_containing(p, starts[k]), 2);
		assert_int_equal(page_block_row(p, 0), p->pieces[i].first_row);
		page_destroy(p);
	}
	assert_true(strstr(c->articles[0].title, "\xe2\x80\xa6") != NULL);
	corpus_free(c);
	for (size_t k = 0; k < bundled->narticles; k++) {
		struct page *p = page_create(&bundled->articles[k], &opts);
		assert_non_null(p);
		assert_int_equal(p->pieces[0].kind, PAGE_TITLE);
		assert_int_equal(p->pieces[0].block, -1);
		page_destroy(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fr_header_and_paragraphs),
		cmocka_unit_test(test_block_rows),
		cmocka_unit_test(test_id_discussion_blocks),
		cmocka_unit_test(test_toggle_repeat),
		cmocka_unit_test(test_ar_right_aligned),
		cmocka_unit_test(test_dir_override),
		cmocka_unit_test(test_meta_undated),
		cmocka_unit_test(test_fold_threshold),
		cmocka_unit_test(test_meta_long_source),
		cmocka_unit_test(test_relayout_same_rows),
		cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_single_match),
		cmocka_unit_test(test_match_row),
		cmocka_unit_test(test_raw_page),
		cmocka_unit_test(test_next_row_same_rows),
		cmocka_unit_test(test_long_paragraph_rows),
		cmocka_unit_test(test_cache_bounded),
		cmocka_unit_test(test_long_paragraph_search),
		cmocka_unit_test(test_piece_range),
		cmocka_unit_test(test_headline_once),
		cmocka_unit_test(test_title_not_headline),
	};
	return cmocka_run_group_tests(tests, test_open_bundled, test_close_bundled);
}
