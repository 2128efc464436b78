/* view_search.c — owns the corpus-wide search results (search.h): one row
 * per hit with the article, its language and the context, the matched words
 * highlighted, and after an article whose hits were not all kept a row "and
 * N more in this article"; Enter opens the article at the hit's paragraph
 * (on that row, at the article's last listed hit). The search runs in
 * steps (search_next): the view opens with the first SEARCH_FIRST_HITS
 * hits and searches on as the selection comes within a screen of the
 * last row (to the end at once for G), so a common word's first screen
 * does not wait for every article to be read. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/langid.h"
#include "tandem/search.h"
#include "tandem/view.h"

#define HEAD_ROWS 2
#define MAX_HL 16
/* Hits found before the view opens: more than a screen of rows. */
#define SEARCH_FIRST_HITS 128

/* A row of the list: hit `hit`, or (note) the count of the hits of that
 * hit's article that were not kept. */
struct search_row {
	size_t hit;
	int note;
};

struct search_data {
	struct search_result res;
	struct search_run *run;     /* owned; the search goes on while not
	                               res.done */
	size_t cap;                 /* of ctx, ctx_fold, folded (rows: 2 cap) */
	struct search_row *rows;    /* owned */
	size_t nrows;
	struct label *ctx;          /* per hit; owned */
	struct fold_text *ctx_fold; /* per hit, folded on first draw; owned */
	unsigned char *folded;      /* per hit: 1 folded, 2 cannot be */
	size_t sel, first;          /* rows */
	int h;
};

/* Searches on until `want` more hits are kept (or the end) and makes
 * their rows. Returns 0, or -1 when memory runs out (the rows made so far
 * stay good). */
static int search_more(struct app *app, struct search_data *d, size_t want)
{
	size_t from = d->res.n;
	if (d->res.done)
		return 0;
	if (search_next(d->run, want, &d->res) < 0)
		goto drop;
	if (d->res.n > d->cap) {
		size_t nc = d->res.n;
		struct label *ctx = realloc(d->ctx, nc * sizeof *ctx);
		if (ctx)
			d->ctx = ctx;
		struct fold_text *cf = realloc(d->ctx_fold, nc * sizeof *cf);
		if (cf)
			d->ctx_fold = cf;
		unsigned char *fo = realloc(d->folded, nc);
		if (fo)
			d->folded = fo;
		struct search_row *rows = realloc(d->rows, 2 * nc * sizeof *rows);
		if (rows)
			d->rows = rows;
		if (!ctx || !cf || !fo || !rows)
			goto drop;
		memset(d->ctx_fold + d->cap, 0, (nc - d->cap) * sizeof *cf);
		memset(d->folded + d->cap, 0, nc - d->cap);
		d->cap = nc;
	}
	for (size_t i = from; i < d->res.n; i++) {
		label_init(&d->ctx[i], d->res.hits[i].context, &app->popts);
		d->rows[d->nrows++] = (struct search_row){ i, 0 };
		if (d->res.hits[i].more)
			d->rows[d->nrows++] = (struct search_row){ i, 1 };
	}
	return 0;
drop:
	/* the hits without rows are dropped */
	for (size_t i = from; i < d->res.n; i++)
		free(d->res.hits[i].context);
	d->res.n = from;
	return -1;
}

static void search_free(struct search_data *d)
{
	for (size_t i = 0; i < d->res.n && i < d->cap; i++) {
		label_free(&d->ctx[i]);
		if (d->folded[i] == 1)
			fold_free(&d->ctx_fold[i]);
	}
	free(d->ctx);
	free(d->ctx_fold);
	free(d->folded);
	free(d->rows);
	search_end(d->run);
	search_result_free(&d->res);
	free(d);
}

static int search_open(struct app *app, struct view *v)
{
	struct search_data *d = calloc(1, sizeof *d);
	if (!d || !(d->run = search_begin(app->corpus, app->query, &d->res)) ||
	    search_more(app, d, SEARCH_FIRST_HITS) != 0) {
		if (d)
			search_free(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	if (d->res.n == 0) {
		view_message(app, 1, "not found in the corpus: %s", app->query);
		search_free(d);
		return -1;
	}
	v->data = d;
	return 0;
}

static void search_resize(struct app *app, struct view *v, struct rect r)
{
	struct search_data *d = v->data;
	(void)app;
	d->h = r.h - HEAD_ROWS;
	if (d->h < 1)
		d->h = 1;
}

/* Highlights of the query in the context of hit k (its folded form is
 * made once, on the first draw). */
static size_t ctx_highlights(struct app *app, struct search_data *d, size_t k,
                             struct draw_hl *hl, size_t max)
{
	struct label *l = &d->ctx[k];
	struct fold_text *f = &d->ctx_fold[k];
	size_t n = 0;
	if (!app->have_needle)
		return 0;
	if (!d->folded[k])
		d->folded[k] = l->prepared && fold_text(l->text.cp, l->text.len, f) == 0 ? 1 : 2;
	if (d->folded[k] != 1)
		return 0;
	for (long at = fold_find(f, &app->needle, 0); at >= 0 && n < max;
	     at = fold_find(f, &app->needle, (size_t)at + app->needle.len)) {
		fold_source_range(f, (size_t)at, app->needle.len, &hl[n].start, &hl[n].end);
		hl[n++].elem = THEME_MATCH;
	}
	return n;
}

static void search_draw(struct app *app, struct view *v, struct rect r)
{
	struct search_data *d = v->data;
	struct theme *t = &app->theme;
	char head[400];
	if (d->res.done)
		snprintf(head, sizeof head, "%zu match%s in the corpus for \xe2\x80\x9c%s\xe2\x80\x9d",
		         d->res.total, d->res.total == 1 ? "" : "es", app->query);
	else
		snprintf(head, sizeof head,
		         "%zu matches so far in the corpus for \xe2\x80\x9c%s\xe2\x80\x9d"
		         " (%zu articles left to search; G: all)",
		         d->res.total, app->query, search_left(d->run));
	draw_text(t, r.y, r.x + 1, r.w - 1, head, THEME_TITLE);
	if (d->sel < d->first)
		d->first = d->sel;
	if (d->sel >= d->first + (size_t)d->h)
		d->first = d->sel + 1 - (size_t)d->h;
	for (int i = 0; i < d->h; i++) {
		size_t row = d->first + (size_t)i;
		if (row >= d->nrows)
			break;
		size_t k = d->rows[row].hit;
		const struct search_hit *hit = &d->res.hits[k];
		const struct corpus_article *a = &app->corpus->articles[hit->article];
		int y = r.y + HEAD_ROWS + i;
		enum theme_elem e = row == d->sel ? THEME_SELECTED : THEME_TEXT;
		char pre[200];
		draw_fill(t, y, r.x, r.w, e);
		if (d->rows[row].note) {
			snprintf(pre, sizeof pre, " %-14.14s %-3s and %zu more in this article", "", "",
			         hit->more);
			draw_text(t, y, r.x, r.w, pre, e);
			continue;
		}
		snprintf(pre, sizeof pre, " %-14.14s %-3s ", a->id, langid_badge(a->lang));
		int x = draw_text(t, y, r.x, r.w, pre, e);
		const struct layout_para *lp = label_layout(&d->ctx[k], r.w - x - 1);
		const struct layout_line *l = lp ? &lp->lines[0] : NULL;
		struct draw_hl hl[MAX_HL];
		size_t nhl = ctx_highlights(app, d, k, hl, MAX_HL);
		/* the visual line of the context that holds this hit (not the
		 * first match of the context: two hits can share it) */
		for (size_t j = 0; lp && j < lp->nlines; j++)
			if (hit->ctx_start < lp->lines[j].end) {
				l = &lp->lines[j];
				break;
			}
		if (l)
			draw_line(t, y, r.x + x, r.w - x - 1, l, e, hl, nhl);
	}
}

static unsigned move(struct app *app, struct search_data *d, long delta)
{
	long s = (long)d->sel + delta;
	/* within a screen of the last row: search on (to the end for a jump
	 * past it); out of memory leaves the rows there are */
	if (!d->res.done && s + d->h >= (long)d->nrows &&
	    search_more(app, d, delta >= (long)d->nrows ? SIZE_MAX
	                                                : (size_t)d->h * 2 + SEARCH_FIRST_HITS) != 0)
		view_message(app, 1, "out of memory");
	if (s < 0)
		s = 0;
	if (s >= (long)d->nrows)
		s = (long)d->nrows - 1;
	d->sel = (size_t)s;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned search_request(struct app *app, struct view *v, enum request req)
{
	struct search_data *d = v->data;
	const struct search_hit *hit = &d->res.hits[d->rows[d->sel].hit];
	switch (req) {
	case REQ_LINE_DOWN:
		return move(app, d, 1);
	case REQ_LINE_UP:
		return move(app, d, -1);
	case REQ_PAGE_DOWN:
		return move(app, d, d->h);
	case REQ_PAGE_UP:
		return move(app, d, -d->h);
	case REQ_HALF_DOWN:
		return move(app, d, d->h / 2);
	case REQ_HALF_UP:
		return move(app, d, -d->h / 2);
	case REQ_TOP:
		return move(app, d, -(long)d->nrows);
	case REQ_BOTTOM:
		return move(app, d, LONG_MAX / 2);
	case REQ_ENTER:
		view_push(app, &view_article_ops, hit->article, hit->block, 0, 0);
		if (view_current(app)->ops == &view_article_ops)
			view_current(app)->ops->search(app, view_current(app), 1, 1);
		return DIRTY_ALL;
	default:
		return (unsigned)-1;
	}
}

static unsigned search_again(struct app *app, struct view *v, int dir, int first)
{
	struct search_data *d = v->data;
	if (!first)
		return move(app, d, dir);
	/* a new query: replace the results */
	view_pop(app);
	view_push(app, &view_search_ops, VIEW_NONE, -1, 0, 0);
	return DIRTY_ALL;
}

static void search_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                          size_t np)
{
	struct search_data *d = v->data;
	const struct search_row *row = &d->rows[d->sel];
	const struct search_hit *hit = &d->res.hits[row->hit];
	const struct corpus_article *a = &app->corpus->articles[hit->article];
	snprintf(left, nl, "%s %s", a->id, langid_label(a->lang));
	if (row->note)
		snprintf(pos, np, "%zu more", hit->more);
	else
		snprintf(pos, np, "hit %zu/%zu%s", row->hit + 1, d->res.n, d->res.done ? "" : "+");
}

static unsigned search_click(struct app *app, struct view *v, int y, int x)
{
	struct search_data *d = v->data;
	(void)x;
	if (y < HEAD_ROWS || d->first + (size_t)(y - HEAD_ROWS) >= d->nrows)
		return 0;
	d->sel = d->first + (size_t)(y - HEAD_ROWS);
	return search_request(app, v, REQ_ENTER);
}

static void search_close(struct app *app, struct view *v)
{
	struct search_data *d = v->data;
	(void)app;
	if (d)
		search_free(d);
	v->data = NULL;
}

const struct view_ops view_search_ops = {
	.name = "search",
	.list = 1,
	.open = search_open,
	.draw = search_draw,
	.request = search_request,
	.search = search_again,
	.resize = search_resize,
	.status = search_status,
	.click = search_click,
	.close = search_close,
};
