/* view_evidence.c — owns the evidence list of an event (e in the timeline
 * or an event's list): for each article, its language, whether it reports
 * the event or only mentions it, and its title, then the paragraphs that
 * are evidence (evidence.h) as one-line excerpts with the mention lit.
 * Enter opens the article at that paragraph with the mention lit, c the
 * compare view there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/evidence.h"
#include "tandem/view.h"

#define EVIDENCE_HEAD_ROWS 3
#define EXCERPT_BEFORE 30   /* bytes of text before a mention, at most */

/* A row: an article's head (hit == -1) or one of its paragraphs. */
struct ev_row {
	size_t article;
	long hit;
};

struct evidence_data {
	struct evidence_list list;
	struct ev_row *rows;        /* owned */
	size_t nrows;
	struct label *excerpt;      /* per hit; owned */
	size_t *lit_start, *lit_end; /* per hit: the mention in its excerpt */
	size_t sel;                 /* the row selected (a paragraph row) */
	size_t top;
	int h;
};

/* The excerpt of a hit: from a space before the mention to the end of the
 * paragraph; *skip receives the bytes of the block left out in front. */
static const char *excerpt_of(const struct corpus *c, const struct evidence_hit *h, size_t *len,
                              size_t *skip)
{
	const struct corpus_article *a = &c->articles[h->article];
	const struct article_block *bl = &a->text.blocks[h->block];
	const char *s = a->text.raw + bl->off;
	size_t from = h->off > EXCERPT_BEFORE ? h->off - EXCERPT_BEFORE : 0;
	while (from > 0 && from < h->off && s[from - 1] != ' ')
		from++;
	*skip = from;
	*len = bl->len - from;
	return s + from;
}

/* The character at or after byte off of a label's text. */
static size_t label_char(const struct label *l, size_t off)
{
	size_t i = 0;
	while (i < l->text.len && l->text.byte_off[i] < off)
		i++;
	return i;
}

static void free_data(struct evidence_data *d)
{
	for (size_t i = 0; i < d->list.n && d->excerpt; i++)
		label_free(&d->excerpt[i]);
	free(d->excerpt);
	free(d->lit_start);
	free(d->lit_end);
	free(d->rows);
	evidence_free(&d->list);
	free(d);
}

static int evidence_open(struct app *app, struct view *v)
{
	const struct corpus *c = app->corpus;
	struct evidence_data *d = calloc(1, sizeof *d);
	if (!d || evidence_find(c, v->arg, &d->list) != 0) {
		free(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	size_t n = d->list.n;
	d->rows = calloc(2 * n + 1, sizeof *d->rows);
	d->excerpt = calloc(n + 1, sizeof *d->excerpt);
	d->lit_start = calloc(n + 1, sizeof *d->lit_start);
	d->lit_end = calloc(n + 1, sizeof *d->lit_end);
	if (!d->rows || !d->excerpt || !d->lit_start || !d->lit_end) {
		free_data(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct evidence_hit *h = &d->list.items[i];
		if (i == 0 || d->list.items[i - 1].article != h->article)
			d->rows[d->nrows++] = (struct ev_row){h->article, -1};
		d->rows[d->nrows++] = (struct ev_row){h->article, (long)i};
		size_t len, skip;
		const char *x = excerpt_of(c, h, &len, &skip);
		/* a label that cannot be analysed shows nothing (label.h) */
		label_init_n(&d->excerpt[i], x, len, &app->popts);
		d->lit_start[i] = label_char(&d->excerpt[i], h->off - skip);
		d->lit_end[i] = label_char(&d->excerpt[i], h->off - skip + h->len);
	}
	d->sel = d->nrows > 1 ? 1 : 0;
	v->data = d;
	view_select_event(app, v->arg);
	return 0;
}

static void evidence_resize(struct app *app, struct view *v, struct rect r)
{
	struct evidence_data *d = v->data;
	(void)app;
	d->h = r.h > EVIDENCE_HEAD_ROWS ? r.h - EVIDENCE_HEAD_ROWS : 1;
	if (d->sel >= d->top + (size_t)d->h)
		d->top = d->sel + 1 - (size_t)d->h;
}

static void evidence_draw(struct app *app, struct view *v, struct rect r)
{
	struct evidence_data *d = v->data;
	const struct corpus *c = app->corpus;
	struct theme *t = &app->theme;
	const struct corpus_event *e = &c->events[v->arg];
	char head[256], date[16];
	snprintf(head, sizeof head, "%s%s%s \xc2\xb7 %zu paragraph%s report%s it", view_date(&e->date, date),
	         e->time ? " " : "", e->time ? e->time : "", d->list.n, d->list.n == 1 ? "" : "s",
	         d->list.n == 1 ? "s" : "");
	draw_text(t, r.y, r.x + 1, r.w - 1, head, THEME_META);
	const struct layout_line *tl = label_line(&app->event_labels[v->arg], r.w - 2);
	if (tl && r.h > 1)
		draw_line(t, r.y + 1, r.x + 1, r.w - 2, tl, THEME_TITLE, NULL, 0);
	if (d->nrows == 0 && r.h > EVIDENCE_HEAD_ROWS) {
		draw_text(t, r.y + EVIDENCE_HEAD_ROWS, r.x + 1, r.w - 1,
		          "(no paragraph gives this event's date or keywords)", THEME_META);
		return;
	}
	int y = r.y + EVIDENCE_HEAD_ROWS;
	for (size_t i = d->top; i < d->nrows && y < r.y + r.h; i++, y++) {
		const struct ev_row *row = &d->rows[i];
		const struct corpus_article *a = &c->articles[row->article];
		int sel = i == d->sel;
		enum theme_elem base = sel ? THEME_SELECTED : THEME_TEXT;
		draw_fill(t, y, r.x, r.w, base);
		if (row->hit < 0) {
			char pre[64];
			snprintf(pre, sizeof pre, " %-3s %-9s", a->lang,
			         a->event == (long)v->arg ? "reports" : "mentions");
			int x = draw_text(t, y, r.x, r.w, pre, THEME_BADGE);
			const struct layout_line *l = label_line(&app->title_labels[row->article], r.w - x - 1);
			if (l && r.w - x - 1 > 0)
				draw_line(t, y, r.x + x, r.w - x - 1, l, THEME_TITLE, NULL, 0);
			continue;
		}
		const struct evidence_hit *h = &d->list.items[row->hit];
		const struct article_block *bl = &a->text.blocks[h->block];
		char pre[32];
		snprintf(pre, sizeof pre, "     %c%-4u ", article_block_letter(bl->kind), bl->ordinal);
		int x = draw_text(t, y, r.x, r.w, pre, sel ? base : THEME_META);
		const struct layout_line *l = label_line(&d->excerpt[row->hit], r.w - x - 1);
		struct draw_hl lit = {d->lit_start[row->hit], d->lit_end[row->hit], THEME_MATCH};
		if (l && r.w - x - 1 > 0)
			draw_line(t, y, r.x + x, r.w - x - 1, l, base, &lit, 1);
	}
}

/* Selects the paragraph row `dir` steps away (header rows are passed). */
static unsigned move(struct evidence_data *d, long steps)
{
	long i = (long)d->sel;
	int dir = steps < 0 ? -1 : 1;
	for (long k = steps < 0 ? -steps : steps; k > 0; k--) {
		long j = i + dir;
		while (j >= 0 && (size_t)j < d->nrows && d->rows[j].hit < 0)
			j += dir;
		if (j < 0 || (size_t)j >= d->nrows)
			break;
		i = j;
	}
	if ((size_t)i == d->sel)
		return 0;
	d->sel = (size_t)i;
	if (d->sel < d->top + 1)
		d->top = d->sel > 0 ? d->sel - 1 : 0; /* its article's head too */
	if (d->h > 0 && d->sel >= d->top + (size_t)d->h)
		d->top = d->sel + 1 - (size_t)d->h;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned evidence_request(struct app *app, struct view *v, enum request req)
{
	struct evidence_data *d = v->data;
	long page = d->h > 2 ? d->h - 1 : 1;
	if (d->nrows == 0 && req != REQ_BACK)
		return (unsigned)-1;
	const struct ev_row *row = d->sel < d->nrows ? &d->rows[d->sel] : NULL;
	switch (req) {
	case REQ_FACTS:
		return view_event_facts(app);
	case REQ_LINE_DOWN:
		return move(d, 1);
	case REQ_LINE_UP:
		return move(d, -1);
	case REQ_PAGE_DOWN:
		return move(d, page);
	case REQ_PAGE_UP:
		return move(d, -page);
	case REQ_HALF_DOWN:
		return move(d, (page + 1) / 2);
	case REQ_HALF_UP:
		return move(d, -(page + 1) / 2);
	case REQ_TOP:
		return move(d, -(long)d->nrows);
	case REQ_BOTTOM:
		return move(d, (long)d->nrows);
	case REQ_ENTER:
	case REQ_COMPARE: {
		if (!row || row->hit < 0)
			return 0;
		const struct evidence_hit *h = &d->list.items[row->hit];
		if (req == REQ_COMPARE)
			return view_compare_open(app, h->article, (long)h->block, 0);
		if (view_push(app, &view_article_ops, h->article, (long)h->block, 0, 0) == 0)
			view_article_mark(view_current(app), (long)h->block, h->off, h->len);
		return DIRTY_ALL;
	}
	default:
		return (unsigned)-1;
	}
}

static void evidence_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                            size_t np)
{
	struct evidence_data *d = v->data;
	size_t k = 0, n = d->list.n;
	for (size_t i = 0; i <= d->sel && i < d->nrows; i++)
		k += d->rows[i].hit >= 0;
	snprintf(left, nl, "evidence for %s (Enter: read there, c: compare there)",
	         app->corpus->events[v->arg].id);
	snprintf(pos, np, "%zu/%zu", n ? k : 0, n);
}

static unsigned evidence_click(struct app *app, struct view *v, int y, int x)
{
	struct evidence_data *d = v->data;
	(void)x;
	if (y < EVIDENCE_HEAD_ROWS)
		return 0;
	size_t i = d->top + (size_t)(y - EVIDENCE_HEAD_ROWS);
	if (i >= d->nrows || d->rows[i].hit < 0)
		return 0;
	d->sel = i;
	return evidence_request(app, v, REQ_ENTER);
}

unsigned view_event_evidence(struct app *app)
{
	if (app->event == VIEW_NONE || app->event >= app->corpus->nevents) {
		view_message(app, 1, "no event selected: the evidence list is an event's");
		return DIRTY_STATUS;
	}
	view_push(app, &view_evidence_ops, VIEW_NONE, -1, 0, app->event);
	return DIRTY_ALL;
}

static void evidence_close(struct app *app, struct view *v)
{
	(void)app;
	if (v->data)
		free_data(v->data);
	v->data = NULL;
}

const struct view_ops view_evidence_ops = {
	.name = "evidence",
	.open = evidence_open,
	.draw = evidence_draw,
	.request = evidence_request,
	.resize = evidence_resize,
	.status = evidence_status,
	.click = evidence_click,
	.close = evidence_close,
};
