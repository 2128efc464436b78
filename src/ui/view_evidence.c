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
#include "tandem/grouplist.h"
#include "tandem/langid.h"
#include "tandem/view.h"

#define EVIDENCE_HEAD_ROWS 3

/* Rows are grouped by article (the key); item i is hit i. */
struct evidence_data {
	struct evidence_list list;
	struct grouplist rows;
};

static void free_data(struct evidence_data *d)
{
	grouplist_free(&d->rows);
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
	if (grouplist_alloc(&d->rows, d->list.n) != 0) {
		free_data(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < d->list.n; i++) {
		const struct evidence_hit *h = &d->list.items[i];
		grouplist_add_mention(&d->rows, h->article,
		                      i == 0 || d->list.items[i - 1].article != h->article,
		                      &c->articles[h->article], h->block, h->off, h->len, &app->popts);
	}
	grouplist_ready(&d->rows);
	v->data = d;
	view_select_event(app, v->arg);
	return 0;
}

static void evidence_resize(struct app *app, struct view *v, struct rect r)
{
	struct evidence_data *d = v->data;
	(void)app;
	grouplist_resize(&d->rows, r.h - EVIDENCE_HEAD_ROWS);
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
	if (r.h > 1)
		draw_label(t, r.y + 1, r.x + 1, r.w - 2, view_event_label(app, v->arg), THEME_TITLE, NULL, 0);
	const struct grouplist *g = &d->rows;
	if (g->nrows == 0 && r.h > EVIDENCE_HEAD_ROWS) {
		draw_text(t, r.y + EVIDENCE_HEAD_ROWS, r.x + 1, r.w - 1,
		          "(no paragraph gives this event's date or keywords)", THEME_META);
		return;
	}
	int y = r.y + EVIDENCE_HEAD_ROWS;
	for (size_t i = g->top; i < g->nrows && y < r.y + r.h; i++, y++) {
		const struct corpus_article *a = &c->articles[g->key[i]];
		long item = g->item[i];
		int sel = i == g->sel;
		enum theme_elem base = sel ? THEME_SELECTED : THEME_TEXT;
		draw_fill(t, y, r.x, r.w, base);
		if (item < 0) {
			char pre[64];
			snprintf(pre, sizeof pre, " %-3s %-9s", langid_badge(a->lang),
			         a->event == (long)v->arg ? "reports" : "mentions");
			int x = draw_text(t, y, r.x, r.w, pre, THEME_BADGE);
			draw_label(t, y, r.x + x, r.w - x, view_title_label(app, g->key[i]), THEME_TITLE,
			           NULL, 0);
			continue;
		}
		const struct evidence_hit *h = &d->list.items[item];
		const struct article_block *bl = corpus_article_block(a, h->block, 0);
		char pre[32];
		if (bl)
			snprintf(pre, sizeof pre, "     %c%-4u ", article_block_letter(bl->kind),
			         bl->ordinal);
		else /* the file changed since */
			snprintf(pre, sizeof pre, "     ?     ");
		int x = draw_text(t, y, r.x, r.w, pre, sel ? base : THEME_META);
		struct draw_hl lit = {g->lit_start[item], g->lit_end[item], THEME_MATCH};
		draw_label(t, y, r.x + x, r.w - x, &g->excerpt[item], base, &lit, 1);
	}
}

static unsigned evidence_request(struct app *app, struct view *v, enum request req)
{
	struct evidence_data *d = v->data;
	struct grouplist *g = &d->rows;
	int changed;
	if (req == REQ_FACTS)
		return view_event_facts(app, v->arg);
	if (g->nrows == 0)
		return (unsigned)-1;
	if (grouplist_move(g, req, &changed))
		return changed ? DIRTY_MAIN | DIRTY_STATUS : 0;
	long item = g->item[g->sel];
	switch (req) {
	case REQ_ENTER:
	case REQ_COMPARE: {
		if (item < 0)
			return 0;
		const struct evidence_hit *h = &d->list.items[item];
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
	size_t n = d->list.n;
	snprintf(left, nl, "evidence for %s (Enter: read there, c: compare there)",
	         app->corpus->events[v->arg].id);
	snprintf(pos, np, "%zu/%zu", n ? grouplist_item_number(&d->rows) : 0, n);
}

static unsigned evidence_click(struct app *app, struct view *v, int y, int x)
{
	struct evidence_data *d = v->data;
	(void)x;
	size_t i = grouplist_item_at(&d->rows, y - EVIDENCE_HEAD_ROWS);
	if (i == (size_t)-1)
		return 0;
	d->rows.sel = i;
	return evidence_request(app, v, REQ_ENTER);
}

unsigned view_event_evidence(struct app *app, size_t ev)
{
	if (ev == VIEW_NONE || ev >= app->corpus->nevents) {
		view_message(app, 1, "no event selected: the evidence list is an event's");
		return DIRTY_STATUS;
	}
	view_push(app, &view_evidence_ops, VIEW_NONE, -1, 0, ev);
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
	.list = 1,
	.open = evidence_open,
	.draw = evidence_draw,
	.request = evidence_request,
	.resize = evidence_resize,
	.status = evidence_status,
	.click = evidence_click,
	.close = evidence_close,
};
