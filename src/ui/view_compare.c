/* view_compare.c — owns the compare view: two or three articles side by
 * side (compare.h aligns their paragraphs into shared screen rows), each
 * column in its own direction under a head with its language; synchronised
 * scrolling over the aligned rows, or independent scrolling of each
 * column's page; focus, translation cycling and search in the columns. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/compare.h"
#include "tandem/langid.h"
#include "tandem/view.h"

#define GAP 3       /* " │ " between columns */
#define MAX_CANDS 16

struct compare_data {
	struct compare *cmp;
	size_t top;                      /* synchronised: screen row */
	size_t ctop[COMPARE_MAX_COLS];   /* independent: page row per column */
	int sync;
	size_t focus;
	int colw, h, x0;
	int laid_w;                      /* width cmp is laid out for; 0: none */
	struct page_match match;
	size_t match_col;
	int has_match;
	size_t cands[MAX_CANDS];         /* articles L cycles through */
	size_t ncands;
	long diff;                       /* the difference x/X went to, -1 */
	/* the frame on screen, which a scroll (DIRTY_ROWS) moves */
	int drawn;
	size_t drawn_top, drawn_ctop[COMPARE_MAX_COLS];
	size_t drawn_focus;              /* the focus its heads show */
	/* a toggle of sync: the page row each column showed on each pane row
	 * (h per column) before it, so that only the cells whose row changed
	 * are drawn; NULL: none pending; owned */
	size_t *was;
	/* opened from an article: the first column's page row it opened at,
	 * so that closing without moving leaves that article where it was
	 * (a row of another width maps back a row or two off); -1: moved */
	long opened_top;
};

static void add_cand(struct compare_data *d, size_t a)
{
	for (size_t i = 0; i < d->ncands; i++)
		if (d->cands[i] == a)
			return;
	if (d->ncands < MAX_CANDS)
		d->cands[d->ncands++] = a;
}

static int compare_open(struct app *app, struct view *v)
{
	const struct corpus *c = app->corpus;
	struct compare_data *d = calloc(1, sizeof *d);
	if (!d) {
		view_message(app, 1, "out of memory");
		return -1;
	}
	size_t tr[MAX_CANDS], ncols;
	add_cand(d, v->article);
	if (v->arg != VIEW_NONE && (v->arg & VIEW_WITH_FLAG)) {
		/* the article the user chose, then its translations for L */
		size_t with = v->arg & ~VIEW_WITH_FLAG;
		add_cand(d, with);
		size_t n = corpus_translations(c, with, tr, MAX_CANDS);
		for (size_t i = 0; i < n && i < MAX_CANDS; i++)
			add_cand(d, tr[i]);
		ncols = 2;
	} else {
		if (v->arg == VIEW_NONE) { /* from an article: its translations first */
			size_t n = corpus_translations(c, v->article, tr, MAX_CANDS);
			for (size_t i = 0; i < n && i < MAX_CANDS; i++)
				add_cand(d, tr[i]);
		}
		ncols = d->ncands;
		long ev = v->arg != VIEW_NONE ? (long)v->arg : c->articles[v->article].event;
		if (ev >= 0)
			for (size_t i = 0; i < c->events[ev].narticles; i++)
				add_cand(d, c->events[ev].articles[i]);
		if (ncols < 2)
			ncols = d->ncands;
		if (ncols > COMPARE_MAX_COLS)
			ncols = COMPARE_MAX_COLS;
	}
	if (ncols < 2) {
		view_message(app, 1, "%s has no translation or other article of its event to compare",
		             c->articles[v->article].id);
		free(d);
		return -1;
	}
	/* articles the corpus's load has not read yet are read now */
	for (size_t i = 0; i < ncols; i++)
		if (corpus_load_article(app->corpus, d->cands[i]) != 0) {
			view_message(app, 1, "out of memory");
			free(d);
			return -1;
		}
	d->cmp = view_take_compare(app, d->cands, ncols);
	if (!d->cmp)
		d->cmp = compare_create(c, d->cands, ncols, &app->popts);
	if (!d->cmp) {
		view_message(app, 1, "out of memory");
		free(d);
		return -1;
	}
	d->sync = 1;
	d->diff = -1;
	v->data = d;
	return 0;
}

/* Articles a compare view of `article` would show beside it. */
static size_t partners(const struct corpus *c, size_t article)
{
	size_t tr[MAX_CANDS];
	size_t n = corpus_translations(c, article, tr, MAX_CANDS);
	long ev = c->articles[article].event;
	size_t others = ev >= 0 ? c->events[ev].narticles : 0;
	return (n > 1 ? n - 1 : 0) + (others > 1 ? others - 1 : 0);
}

unsigned view_compare_open(struct app *app, size_t article, long block, long line)
{
	if (partners(app->corpus, article) == 0) {
		if (app->corpus->narticles < 2) {
			view_message(app, 1, "%s is the only article: nothing to compare it with",
			             app->corpus->articles[article].id);
			return DIRTY_STATUS;
		}
		view_push(app, &view_pick_ops, article, block, line, 0);
		return DIRTY_ALL;
	}
	view_push(app, &view_compare_ops, article, block, line, VIEW_NONE);
	return DIRTY_ALL;
}

static size_t page_rows(const struct compare_data *d, size_t col)
{
	return d->cmp->cols[col]->nrows;
}

/* The first page row of col shown at or after screen row sr. */
static size_t page_row_at(const struct compare_data *d, size_t col, size_t sr)
{
	for (size_t r = sr; r < d->cmp->nrows; r++)
		if (d->cmp->rows[col][r] != COMPARE_NO_ROW)
			return d->cmp->rows[col][r];
	return page_rows(d, col) ? page_rows(d, col) - 1 : 0;
}

/* The page row at the top of column c. */
static size_t col_top(const struct compare_data *d, size_t c)
{
	return d->sync ? page_row_at(d, c, d->top) : d->ctop[c];
}

static size_t screen_row_of(const struct compare_data *d, size_t col, size_t pr)
{
	for (; pr < page_rows(d, col); pr++) {
		size_t s = compare_screen_row(d->cmp, col, pr);
		if (s != COMPARE_NO_ROW)
			return s;
	}
	return 0;
}

static size_t max_top(const struct compare_data *d, size_t col)
{
	size_t n = d->sync ? d->cmp->nrows : page_rows(d, col), h = d->h > 0 ? (size_t)d->h : 1;
	return n > h ? n - h : 0;
}

/* The position (block, line) each column shows at its top. */
static void save_positions(const struct compare_data *d, long *block, long *line)
{
	for (size_t c = 0; c < d->cmp->ncols; c++) {
		const struct page *p = d->cmp->cols[c];
		size_t pr = d->sync ? page_row_at(d, c, d->top) : d->ctop[c];
		const struct page_piece *pc = &p->pieces[p->rows[pr < p->nrows ? pr : 0].piece];
		block[c] = pc->block;
		line[c] = pc->block < 0 ? (long)pr
		                        : (p->rows[pr].line == UINT32_MAX ? 0 : (long)p->rows[pr].line);
	}
}

/* After a new layout: each column back at its saved position. */
static void restore_positions(struct compare_data *d, const long *block, const long *line)
{
	size_t n = d->cmp->ncols;
	for (size_t c = 0; c < n; c++)
		d->ctop[c] = view_row_of_position(d->cmp->cols[c], block[c], line[c]);
	d->top = screen_row_of(d, d->focus, d->ctop[d->focus]);
	for (size_t c = 0; c < n; c++)
		if (d->ctop[c] > max_top(d, c) && !d->sync)
			d->ctop[c] = max_top(d, c);
	if (d->sync && d->top > max_top(d, 0))
		d->top = max_top(d, 0);
}

static void compare_resize(struct app *app, struct view *v, struct rect r)
{
	struct compare_data *d = v->data;
	size_t n = d->cmp->ncols;
	long block[COMPARE_MAX_COLS], line[COMPARE_MAX_COLS];
	int had = d->colw > 0;
	/* keep the position of each column by paragraph */
	if (had)
		save_positions(d, block, line);
	/* columns no wider than the reading measure, the group centred */
	d->colw = (r.w - GAP * ((int)n - 1)) / (int)n;
	if (d->colw > app->cfg.measure)
		d->colw = app->cfg.measure;
	if (d->colw < 1)
		d->colw = 1;
	int total = d->colw * (int)n + GAP * ((int)n - 1);
	d->x0 = r.x + (total < r.w ? (r.w - total) / 2 : 0);
	d->h = r.h - 1; /* the column heads */
	/* the same width (back from another view, the sidebar toggled): the
	 * rows are still right */
	if (!had || d->laid_w != d->colw)
		d->opened_top = -1; /* a new width: the row opened at is another */
	if (d->laid_w != d->colw) {
		d->laid_w = 0;
		if (compare_layout(d->cmp, d->colw) != 0) {
			view_message(app, 1, "cannot lay out the comparison (out of memory)");
			return;
		}
		d->laid_w = d->colw;
	}
	if (had) {
		restore_positions(d, block, line);
	} else if (v->block >= 0 || v->line > 0) {
		/* opened from an article: its paragraph on top in its column (the
		 * first), the counterparts beside it */
		struct view *below = app->depth >= 2 ? &app->stack[app->depth - 2] : NULL;
		size_t atop;
		const struct page *ap = below && below->article == v->article
		                            ? view_article_page(below, &atop) : NULL;
		d->ctop[0] = ap ? view_row_matching(d->cmp->cols[0], ap, atop)
		                : view_row_of_position(d->cmp->cols[0], v->block, v->line);
		d->top = screen_row_of(d, 0, d->ctop[0]);
		if (d->top > max_top(d, 0))
			d->top = max_top(d, 0);
		for (size_t c = 1; c < n; c++)
			d->ctop[c] = page_row_at(d, c, d->top);
		d->opened_top = ap ? (long)col_top(d, 0) : -1;
	}
}

/* The page row of column df->col showing difference df. */
static size_t diff_row(const struct compare_data *d, const struct compare_diff *df)
{
	const struct page *p = d->cmp->cols[df->col];
	struct page_match m = {df->piece, 0, 0};
	if (page_piece_range(p, df->piece, df->off, df->len, &m.start, &m.end) != 0)
		return p->pieces[df->piece].first_row;
	return page_match_row(p, &m);
}

static int has_translation(const struct compare *cmp)
{
	for (size_t c = 1; c < cmp->ncols; c++)
		if (cmp->kind[c] == COMPARE_TRANSLATION)
			return 1;
	return 0;
}

/* How a difference message names the column of article a, compared with
 * b: by its language ("in fr, not in en"), or by its id when that says
 * nothing (its language unknown, or the same as b's). */
static const char *column_name(const struct corpus_article *a, const struct corpus_article *b)
{
	if (langid_is_known(a->lang) && (!b->lang || strcmp(a->lang, b->lang)))
		return a->lang;
	return a->id;
}

/* x / X: the next or previous difference between versions, in order. */
static unsigned goto_diff(struct app *app, struct compare_data *d, int dir)
{
	const struct compare *cmp = d->cmp;
	if (!has_translation(cmp)) {
		view_message(app, 1, "differences are found between translations; for other "
		                     "reports see tandem --facts");
		return DIRTY_STATUS;
	}
	if (cmp->ndiffs == 0) {
		view_message(app, 0, "no differences: these translations give the same numbers "
		                     "and dates");
		return DIRTY_STATUS;
	}
	long k;
	if (d->diff < 0) {
		/* the first at or below the top (above it, going back) */
		k = dir > 0 ? 0 : (long)cmp->ndiffs - 1;
		for (size_t i = 0; i < cmp->ndiffs; i++) {
			size_t idx = dir > 0 ? i : cmp->ndiffs - 1 - i;
			const struct compare_diff *df = &cmp->diffs[idx];
			size_t sr = compare_screen_row(cmp, df->col, diff_row(d, df));
			size_t top = d->sync ? d->top : compare_screen_row(cmp, df->col, d->ctop[df->col]);
			if (dir > 0 ? sr >= top : sr < top) {
				k = (long)idx;
				break;
			}
		}
	} else {
		k = d->diff + dir;
		if (k < 0)
			k = (long)cmp->ndiffs - 1;
		if ((size_t)k >= cmp->ndiffs)
			k = 0;
	}
	d->diff = k;
	const struct compare_diff *df = &cmp->diffs[k];
	size_t pr = diff_row(d, df);
	if (d->sync) {
		size_t sr = compare_screen_row(cmp, df->col, pr);
		d->top = sr > 2 ? sr - 2 : 0; /* two rows of context above */
		if (d->top > max_top(d, 0))
			d->top = max_top(d, 0);
	} else {
		d->focus = df->col;
		d->ctop[df->col] = pr > 2 ? pr - 2 : 0;
		if (d->ctop[df->col] > max_top(d, df->col))
			d->ctop[df->col] = max_top(d, df->col);
	}
	char what[96];
	const struct corpus_article *ma = &app->corpus->articles[cmp->articles[df->col]];
	const struct corpus_article *oa = &app->corpus->articles[cmp->articles[df->other]];
	const char *me = column_name(ma, oa), *other = column_name(oa, ma);
	facts_format(&df->fact, what, sizeof what);
	if (df->qualifier_only)
		view_message(app, 0, "difference %ld/%zu: %s says %s; %s qualifies it otherwise", k + 1,
		             cmp->ndiffs, me, what, other);
	else
		view_message(app, 0, "difference %ld/%zu: %s in %s, not in %s", k + 1, cmp->ndiffs, what,
		             me, other);
	return DIRTY_MAIN | DIRTY_STATUS;
}

/* R: the columns follow app->popts.reveal, each at the same paragraph. */
static unsigned reveal(struct app *app, struct compare_data *d)
{
	long block[COMPARE_MAX_COLS], line[COMPARE_MAX_COLS];
	int had = d->laid_w > 0;
	if (had)
		save_positions(d, block, line);
	d->laid_w = 0;
	for (size_t c = 0; c < d->cmp->ncols; c++)
		if (page_set_reveal(d->cmp->cols[c], app->popts.reveal) != 0)
			had = -1;
	if (had < 0 || (d->colw > 0 && compare_layout(d->cmp, d->colw) != 0)) {
		view_message(app, 1, "cannot lay out the comparison (out of memory)");
		return DIRTY_ALL;
	}
	d->laid_w = d->colw;
	d->has_match = 0;
	if (had)
		restore_positions(d, block, line);
	return DIRTY_MAIN | DIRTY_STATUS;
}

/* The page row of column c on pane row i (below the heads), or
 * COMPARE_NO_ROW. */
static size_t shown_row(const struct compare_data *d, size_t c, int i)
{
	if (d->sync) {
		size_t sr = d->top + (size_t)i;
		return sr < d->cmp->nrows ? d->cmp->rows[c][sr] : COMPARE_NO_ROW;
	}
	size_t pr = d->ctop[c] + (size_t)i;
	return pr < page_rows(d, c) ? pr : COMPARE_NO_ROW;
}

/* The column heads (unless heads is 0), and the rules between the columns
 * on rows [y, y + h). */
static void draw_heads(struct app *app, struct compare_data *d, struct rect r, int y, int h,
                       int heads)
{
	struct compare *cmp = d->cmp;
	struct theme *t = &app->theme;
	for (size_t c = 0; c < cmp->ncols; c++) {
		if (!heads) {
			if (c > 0 && h > 0)
				draw_vline(t, y, d->x0 + (int)c * (d->colw + GAP) - 2, h);
			continue;
		}
		int x = d->x0 + (int)c * (d->colw + GAP);
		const struct corpus_article *a = &app->corpus->articles[cmp->articles[c]];
		char head[160];
		enum theme_elem e = c == d->focus ? THEME_FOCUS_HEAD : THEME_COLUMN_HEAD;
		/* what the column is: in full where it fits, else in short */
		const char *kind = compare_kind_name(cmp->kind[c]);
		const char *focus = c == d->focus && cmp->ncols > 1 ? "  *" : "";
		snprintf(head, sizeof head, " %s  %s%s%s%s", langid_label(a->lang), a->id, focus, *kind ? "  · " : "",
		         kind);
		if (draw_text_width(head) > d->colw && cmp->kind[c] == COMPARE_OTHER_REPORT)
			snprintf(head, sizeof head, " %s  %s%s  · other report", langid_label(a->lang), a->id, focus);
		draw_fill(t, r.y, x, d->colw, e);
		draw_text(t, r.y, x, d->colw, head, e);
		if (c > 0 && h > 0)
			draw_vline(t, y, x - 2, h);
	}
}

/* Draws pane rows [from, to) below the heads of the columns whose bit is
 * set in cols. */
static void draw_body(struct app *app, struct compare_data *d, struct rect r, int from, int to,
                      unsigned cols)
{
	struct compare *cmp = d->cmp;
	/* the differences on screen: those of the pieces each column shows,
	 * picked out once per frame */
	size_t lo[COMPARE_MAX_COLS], hi[COMPARE_MAX_COLS];
	for (size_t c = 0; c < cmp->ncols; c++) {
		lo[c] = SIZE_MAX;
		hi[c] = 0;
		for (int i = from; i < to; i++) {
			size_t pr = shown_row(d, c, i);
			if (pr == COMPARE_NO_ROW)
				continue;
			size_t piece = cmp->cols[c]->rows[pr].piece;
			lo[c] = piece < lo[c] ? piece : lo[c];
			hi[c] = piece > hi[c] ? piece : hi[c];
		}
	}
	size_t *vis = cmp->ndiffs ? malloc(cmp->ndiffs * sizeof *vis) : NULL, nvis = 0;
	for (size_t k = 0; vis && k < cmp->ndiffs; k++) {
		const struct compare_diff *df = &cmp->diffs[k];
		if (df->piece >= lo[df->col] && df->piece <= hi[df->col])
			vis[nvis++] = k;
	}
	for (int i = from; i < to; i++)
		for (size_t c = 0; c < cmp->ncols; c++) {
			size_t pr = shown_row(d, c, i);
			if (!(cols >> c & 1) || pr == COMPARE_NO_ROW)
				continue;
			size_t piece = cmp->cols[c]->rows[pr].piece;
			struct draw_hl hl[16];
			size_t nhl = 0;
			for (size_t v2 = 0; v2 < nvis && nhl < 16; v2++) {
				const struct compare_diff *df = &cmp->diffs[vis[v2]];
				if (df->col != c || df->piece != piece ||
				    page_piece_range(cmp->cols[c], piece, df->off, df->len, &hl[nhl].start,
				                     &hl[nhl].end) != 0)
					continue;
				hl[nhl++].elem =
				    (long)vis[v2] == d->diff ? THEME_DIFFERENCE_CURRENT : THEME_DIFFERENCE;
			}
			int x = d->x0 + (int)c * (d->colw + GAP);
			view_draw_page_row_hl(app, cmp->cols[c], pr, r.y + 1 + i, x, d->colw,
			                      d->has_match && d->match_col == c ? &d->match : NULL, hl, nhl);
		}
	free(vis);
}

/* DIRTY_ROWS: what moved since the frame on screen is scrolled and the
 * rows it uncovered drawn (every column together when synchronised, the
 * one that moved when not); the heads are redrawn when the focus moved.
 * Returns 0, or -1 when a full frame is needed. */
static int draw_moved(struct app *app, struct compare_data *d, struct rect r)
{
	size_t n = d->cmp->ncols, moved = COMPARE_MAX_COLS;
	long delta = 0;
	int x = r.x, w = r.w;
	if (!d->drawn)
		return -1;
	if (d->sync) {
		delta = (long)d->top - (long)d->drawn_top;
	} else {
		for (size_t c = 0; c < n; c++)
			if (d->ctop[c] != d->drawn_ctop[c]) {
				if (moved != COMPARE_MAX_COLS)
					return -1; /* two columns moved */
				moved = c;
				delta = (long)d->ctop[c] - (long)d->drawn_ctop[c];
			}
		if (moved != COMPARE_MAX_COLS) {
			x = d->x0 + (int)moved * (d->colw + GAP);
			w = d->colw;
		}
	}
	if (delta <= -d->h || delta >= d->h)
		return -1;
	if (delta && draw_scroll(r.y + 1, x, d->h, w, (int)delta) != 0)
		return -1;
	int from = delta > 0 ? d->h - (int)delta : 0, to = delta > 0 ? d->h : (int)-delta;
	for (int i = from; i < to; i++)
		draw_fill(&app->theme, r.y + 1 + i, x, w, THEME_TEXT);
	draw_heads(app, d, r, r.y + 1 + from, d->sync ? to - from : 0, d->focus != d->drawn_focus);
	draw_body(app, d, r, from, to, d->sync ? ~0u : 1u << moved);
	return 0;
}

/* After a toggle of sync (d->was): the cells of each pane row whose column
 * shows another page row than before are cleared and drawn. */
static void draw_changed(struct app *app, struct compare_data *d, struct rect r)
{
	size_t n = d->cmp->ncols;
	for (int i = 0; i < d->h; i++) {
		unsigned cols = 0;
		for (size_t c = 0; c < n; c++)
			if (shown_row(d, c, i) != d->was[c * (size_t)d->h + (size_t)i]) {
				cols |= 1u << c;
				draw_fill(&app->theme, r.y + 1 + i, d->x0 + (int)c * (d->colw + GAP), d->colw,
				          THEME_TEXT);
			}
		if (cols)
			draw_body(app, d, r, i, i + 1, cols);
	}
}

static void compare_draw(struct app *app, struct view *v, struct rect r)
{
	struct compare_data *d = v->data;
	if (d->was && !(app->dirty & DIRTY_MAIN) && d->drawn)
		draw_changed(app, d, r);
	else if (app->dirty & DIRTY_MAIN || draw_moved(app, d, r) != 0) {
		if (!(app->dirty & DIRTY_MAIN))
			for (int y = r.y; y < r.y + r.h; y++)
				draw_fill(&app->theme, y, r.x, r.w, THEME_TEXT);
		draw_heads(app, d, r, r.y, r.h, 1);
		draw_body(app, d, r, 0, d->h, ~0u);
	}
	free(d->was);
	d->was = NULL;
	d->drawn = 1;
	d->drawn_top = d->top;
	memcpy(d->drawn_ctop, d->ctop, sizeof d->ctop);
	d->drawn_focus = d->focus;
}

static unsigned scroll_to(struct compare_data *d, long top)
{
	size_t *t = d->sync ? &d->top : &d->ctop[d->focus];
	if (top < 0)
		top = 0;
	if ((size_t)top > max_top(d, d->focus))
		top = (long)max_top(d, d->focus);
	if ((size_t)top == *t)
		return 0;
	*t = (size_t)top;
	return DIRTY_ROWS | DIRTY_STATUS;
}

static size_t cur_top(const struct compare_data *d)
{
	return d->sync ? d->top : d->ctop[d->focus];
}

static unsigned para_move(struct compare_data *d, int dir)
{
	long top = (long)cur_top(d);
	if (d->sync) {
		if (dir > 0) {
			for (size_t s = 0; s < d->cmp->nsegs; s++)
				if ((long)d->cmp->seg_row[s] > top)
					return scroll_to(d, (long)d->cmp->seg_row[s]);
			return scroll_to(d, (long)max_top(d, 0));
		}
		for (size_t s = d->cmp->nsegs; s-- > 0;)
			if ((long)d->cmp->seg_row[s] < top)
				return scroll_to(d, (long)d->cmp->seg_row[s]);
		return scroll_to(d, 0);
	}
	const struct page *p = d->cmp->cols[d->focus];
	if (dir > 0) {
		for (size_t r = (size_t)top + 1; r < p->nrows; r++)
			if (p->rows[r].line == 0)
				return scroll_to(d, (long)r);
		return scroll_to(d, (long)max_top(d, d->focus));
	}
	for (size_t r = (size_t)top; r-- > 0;)
		if (p->rows[r].line == 0)
			return scroll_to(d, (long)r);
	return scroll_to(d, 0);
}

static unsigned toggle_sync(struct app *app, struct compare_data *d)
{
	/* what each column shows now, to draw only what the toggle changes */
	size_t n = d->cmp->ncols, h = d->h > 0 ? (size_t)d->h : 0;
	unsigned dirty = DIRTY_MAIN | DIRTY_STATUS;
	free(d->was);
	d->was = d->drawn && h ? malloc(n * h * sizeof *d->was) : NULL;
	if (d->was) {
		for (size_t c = 0; c < n; c++)
			for (size_t i = 0; i < h; i++)
				d->was[c * h + i] = shown_row(d, c, (int)i);
		dirty = DIRTY_ROWS | DIRTY_STATUS;
	}
	if (d->sync) {
		for (size_t c = 0; c < d->cmp->ncols; c++)
			d->ctop[c] = page_row_at(d, c, d->top);
		d->sync = 0;
		view_message(app, 0, "independent scrolling: each column scrolls alone");
	} else {
		d->top = screen_row_of(d, d->focus, d->ctop[d->focus]);
		d->sync = 1;
		if (d->top > max_top(d, 0))
			d->top = max_top(d, 0);
		view_message(app, 0, "synchronised scrolling");
	}
	return dirty;
}

/* L: the next candidate article not shown in another column. */
static unsigned cycle(struct app *app, struct compare_data *d)
{
	size_t cur = d->cmp->articles[d->focus], at = 0;
	for (size_t i = 0; i < d->ncands; i++)
		if (d->cands[i] == cur)
			at = i;
	for (size_t k = 1; k < d->ncands; k++) {
		size_t a = d->cands[(at + k) % d->ncands];
		int shown = 0;
		for (size_t c = 0; c < d->cmp->ncols; c++)
			shown |= d->cmp->articles[c] == a;
		if (shown)
			continue;
		size_t keep = cur_top(d);
		d->laid_w = 0;
		if (compare_set_column(d->cmp, app->corpus, d->focus, a) != 0 ||
		    compare_layout(d->cmp, d->colw) != 0) {
			view_message(app, 1, "out of memory");
			return DIRTY_STATUS;
		}
		d->laid_w = d->colw;
		d->has_match = 0;
		d->diff = -1;
		d->ctop[d->focus] = 0;
		if (d->sync)
			d->top = keep > max_top(d, 0) ? max_top(d, 0) : keep;
		view_message(app, 0, "column %zu: %s, %s", d->focus + 1, app->corpus->articles[a].id,
		             d->cmp->kind[d->focus] == COMPARE_OTHER_REPORT
		                 ? "another report of this event, aligned by shared facts"
		                 : d->cmp->kind[d->focus] == COMPARE_TRANSLATION ? "a translation"
		                                                                 : "the first column");
		return DIRTY_MAIN | DIRTY_STATUS;
	}
	view_message(app, 0, "no other translation to show");
	return DIRTY_STATUS;
}

static unsigned compare_request(struct app *app, struct view *v, enum request req)
{
	struct compare_data *d = v->data;
	long top = (long)cur_top(d), h = d->h;
	size_t n = d->cmp->ncols;
	long target;
	if (view_scroll_target(req, top, h, (long)max_top(d, d->focus), &target))
		return scroll_to(d, target);
	switch (req) {
	case REQ_PARA_NEXT:
		return para_move(d, 1);
	case REQ_PARA_PREV:
		return para_move(d, -1);
	case REQ_SYNC:
		return toggle_sync(app, d);
	case REQ_FOCUS_NEXT: /* the heads change, the text stays */
		d->focus = (d->focus + 1) % n;
		return DIRTY_ROWS | DIRTY_STATUS;
	case REQ_FOCUS_PREV:
		d->focus = (d->focus + n - 1) % n;
		return DIRTY_ROWS | DIRTY_STATUS;
	case REQ_CYCLE_LANG:
		return cycle(app, d);
	case REQ_ENTER: {
		size_t pr = d->sync ? page_row_at(d, d->focus, d->top) : d->ctop[d->focus];
		const struct page *p = d->cmp->cols[d->focus];
		long block = page_row_block(p, pr);
		long line = block < 0 ? (long)pr : (long)p->rows[pr].line;
		view_push(app, &view_article_ops, d->cmp->articles[d->focus], block,
		          line < 0 || p->rows[pr].line == UINT32_MAX ? 0 : line, 0);
		return DIRTY_ALL;
	}
	case REQ_REVEAL:
		return reveal(app, d);
	case REQ_DIFF_NEXT:
	case REQ_DIFF_PREV:
		return goto_diff(app, d, req == REQ_DIFF_NEXT ? 1 : -1);
	case REQ_MARK: {
		const struct page *p = d->cmp->cols[d->focus];
		long block, line;
		view_position_of_row(p, col_top(d, d->focus), &block, &line);
		state_set_mark(&app->state, state_mark_index(app->letter), p->article->id, block,
		               line);
		view_message(app, 0, "mark '%c' set in %s", app->letter, p->article->id);
		return DIRTY_STATUS;
	}
	case REQ_RAW:
		view_push(app, &view_raw_ops, d->cmp->articles[d->focus], -1, 0, 0);
		return DIRTY_ALL;
	case REQ_COMPARE:
		view_message(app, 0, "already comparing: L brings another version into a column, q "
		                     "goes back");
		return DIRTY_STATUS;
	case REQ_ARTICLE_NEXT:
	case REQ_ARTICLE_PREV:
		view_message(app, 0, "[ and ] walk the timeline from an article (q goes back to it)");
		return DIRTY_STATUS;
	default:
		return (unsigned)-1;
	}
}

/* First match at or after screen position in column c. */
static int find_in_column(struct app *app, struct compare_data *d, size_t c, int dir,
                          struct page_match *m, int *wrapped)
{
	struct page *p = d->cmp->cols[c];
	size_t pr = d->sync ? page_row_at(d, c, d->top) : d->ctop[c];
	size_t piece = p->nrows ? p->rows[pr].piece : 0;
	/* start just before the top row's piece so its matches count */
	size_t prev = piece ? piece - 1 : p->npieces - 1;
	int found = page_find(p, &app->needle, prev, (size_t)-2, dir > 0 ? 1 : -1, m, wrapped);
	if (found && piece == 0)
		*wrapped = 0;
	return found;
}

/* The first (dir > 0) or last (dir < 0) match in column c. */
static int find_edge(struct app *app, struct compare_data *d, size_t c, int dir,
                     struct page_match *m)
{
	struct page *p = d->cmp->cols[c];
	int wrapped;
	if (dir > 0) /* from past the end of the last piece: wraps to the start */
		return page_find(p, &app->needle, p->npieces - 1, (size_t)-2, 1, m, &wrapped);
	return page_find(p, &app->needle, 0, 0, -1, m, &wrapped);
}

/* Makes m in column c the current match, focused and on screen. */
static unsigned show_match(struct app *app, struct compare_data *d, size_t c,
                           const struct page_match *m, int dir, int wrapped)
{
	d->match = *m;
	d->match_col = c;
	d->has_match = 1;
	d->focus = c;
	size_t pr = page_match_row(d->cmp->cols[c], m);
	size_t row = d->sync ? compare_screen_row(d->cmp, c, pr) : pr;
	if (row == COMPARE_NO_ROW)
		row = 0;
	if (row < cur_top(d) || row >= cur_top(d) + (size_t)d->h)
		scroll_to(d, (long)row - d->h / 3);
	if (wrapped)
		view_message(app, 0, dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
	return DIRTY_MAIN | DIRTY_STATUS;
}

/* A new search starts at the top of the focused column; n and N go through
 * the matches of a column, then on to the next (previous) column, wrapping
 * after the last (first) one. */
static unsigned compare_search(struct app *app, struct view *v, int dir, int first)
{
	struct compare_data *d = v->data;
	size_t n = d->cmp->ncols;
	struct page_match m;
	int wrapped = 0;
	if (first || !d->has_match) {
		for (size_t k = 0; k < n; k++) {
			size_t c = (d->focus + k) % n;
			if (find_in_column(app, d, c, dir, &m, &wrapped))
				return show_match(app, d, c, &m, dir, wrapped);
		}
	} else {
		size_t from = d->match_col;
		if (page_find(d->cmp->cols[from], &app->needle, d->match.piece, d->match.start, dir, &m,
		              &wrapped) &&
		    !wrapped)
			return show_match(app, d, from, &m, dir, 0);
		for (size_t k = 1; k <= n; k++) {
			size_t c = dir > 0 ? (from + k) % n : (from + n - k % n) % n;
			if (find_edge(app, d, c, dir, &m))
				return show_match(app, d, c, &m, dir,
				                  k == n || (dir > 0 ? c < from : c > from));
		}
	}
	d->has_match = 0;
	view_message(app, 1, "not found: %s", app->query);
	return DIRTY_MAIN | DIRTY_STATUS;
}

static void compare_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                           size_t np)
{
	struct compare_data *d = v->data;
	const struct corpus_article *a = &app->corpus->articles[d->cmp->articles[d->focus]];
	char date[16];
	size_t n = d->sync ? d->cmp->nrows : page_rows(d, d->focus);
	size_t top = cur_top(d);
	char diffs[48] = "";
	if (has_translation(d->cmp))
		snprintf(diffs, sizeof diffs, " · %zu difference%s", d->cmp->ndiffs,
		         d->cmp->ndiffs == 1 ? "" : "s");
	snprintf(left, nl, "%s %s %s [%s]%s", a->id, langid_label(a->lang), view_date(&a->date, date),
	         d->sync ? "sync" : "independent", diffs);
	view_position(pos, np, top, (size_t)d->h, n);
}

static unsigned compare_click(struct app *app, struct view *v, int y, int x)
{
	struct compare_data *d = v->data;
	(void)app;
	(void)y;
	size_t c = (size_t)(x / (d->colw + GAP));
	if (c < d->cmp->ncols && c != d->focus) {
		d->focus = c;
		return DIRTY_MAIN | DIRTY_STATUS;
	}
	return 0;
}

static void compare_close(struct app *app, struct view *v)
{
	struct compare_data *d = v->data;
	if (!d)
		return;
	if (d->laid_w) {
		/* each article keeps the place it was read to here; the article
		 * this view was opened from goes back where its column was */
		struct view *below = app->depth >= 2 ? &app->stack[app->depth - 2] : NULL;
		for (size_t c = 0; c < d->cmp->ncols; c++) {
			const struct page *p = d->cmp->cols[c];
			size_t top = col_top(d, c);
			if (c == 0 && d->opened_top >= 0 && (long)top == d->opened_top)
				continue; /* not moved here: the article keeps its own place */
			view_save_position(app, p, top);
			if (below && below->article == d->cmp->articles[c])
				view_article_goto(below, p, top);
		}
	}
	if (d->laid_w)
		view_keep_compare(app, d->cmp);
	else
		compare_destroy(d->cmp);
	free(d->was);
	d->was = NULL;
}

const struct view_ops view_compare_ops = {
	.name = "compare",
	.fullscreen = 1,
	.open = compare_open,
	.draw = compare_draw,
	.request = compare_request,
	.search = compare_search,
	.resize = compare_resize,
	.status = compare_status,
	.click = compare_click,
	.close = compare_close,
};
