/* view_list.c — owns the article list of the selected event (every article
 * when the corpus has no events): one row per article with its language,
 * date and title; the timeline view previews it, this view moves through
 * it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/view.h"

#define LIST_HEAD_ROWS 3

struct list_data {
	size_t sel;
	int rows;               /* article rows the pane shows */
};

size_t view_list_count(const struct app *app)
{
	const struct corpus *c = app->corpus;
	if (app->event != VIEW_NONE && app->event < c->nevents)
		return c->events[app->event].narticles;
	return c->narticles;
}

size_t view_list_article(const struct app *app, size_t i)
{
	const struct corpus *c = app->corpus;
	if (app->event != VIEW_NONE && app->event < c->nevents)
		return c->events[app->event].articles[i];
	return i;
}

/* The first list entry shown in a pane of h rows when sel is selected: the
 * drawing and the mouse agree through it. */
static size_t first_shown(size_t sel, int h)
{
	size_t rows = h > LIST_HEAD_ROWS ? (size_t)(h - LIST_HEAD_ROWS) : 0;
	if (sel != VIEW_NONE && rows && sel >= rows)
		return sel + 1 - rows;
	return 0;
}

size_t view_list_entry_at(const struct app *app, int h, size_t sel, int y)
{
	if (y < LIST_HEAD_ROWS || y >= h)
		return VIEW_NONE;
	size_t i = first_shown(sel, h) + (size_t)(y - LIST_HEAD_ROWS);
	return i < view_list_count(app) ? i : VIEW_NONE;
}

void view_list_draw_pane(struct app *app, struct rect r, size_t sel, int focused)
{
	const struct corpus *c = app->corpus;
	struct theme *t = &app->theme;
	size_t n = view_list_count(app);
	int y = r.y;
	if (app->event != VIEW_NONE && app->event < c->nevents) {
		const struct corpus_event *e = &c->events[app->event];
		char head[256], date[16];
		snprintf(head, sizeof head, "%s%s%s%s%s", view_date(&e->date, date),
		         e->time ? " " : "", e->time ? e->time : "", e->place ? " \xc2\xb7 " : "",
		         e->place ? e->place : "");
		draw_text(t, y, r.x + 1, r.w - 1, head, THEME_META);
		const struct layout_line *l = label_line(&app->event_labels[app->event], r.w - 2);
		if (l && r.h > 1)
			draw_line(t, y + 1, r.x + 1, r.w - 2, l, THEME_TITLE, NULL, 0);
	} else {
		draw_text(t, y, r.x + 1, r.w - 1, c->title, THEME_TITLE);
	}
	y += LIST_HEAD_ROWS;
	for (size_t i = first_shown(sel, r.h); i < n && y < r.y + r.h; i++, y++) {
		size_t k = view_list_article(app, i);
		const struct corpus_article *a = &c->articles[k];
		char pre[64], date[16];
		int isel = i == sel;
		enum theme_elem e = isel ? (focused ? THEME_SELECTED : THEME_CURRENT) : THEME_TEXT;
		snprintf(pre, sizeof pre, " %-3s %-10s ", a->lang, a->date.y ? dates_format(&a->date, date) : "-");
		draw_fill(t, y, r.x, r.w, e);
		int x = draw_text(t, y, r.x, r.w, pre, e);
		/* an article whose main event is another only mentions this one */
		if (app->event != VIEW_NONE && app->event < c->nevents && a->event != (long)app->event)
			x += draw_text(t, y, r.x + x, r.w - x, "mentions ", isel ? e : THEME_META);
		const struct layout_line *l = label_line(&app->title_labels[k], r.w - x - 1);
		if (l)
			draw_line(t, y, r.x + x, r.w - x - 1, l, e, NULL, 0);
	}
	if (n == 0 && y < r.y + r.h)
		draw_text(t, y, r.x + 1, r.w - 1, "(no article reports this event)", THEME_META);
}

static int list_open(struct app *app, struct view *v)
{
	struct list_data *d = calloc(1, sizeof *d);
	if (!d) {
		view_message(app, 1, "out of memory");
		return -1;
	}
	v->data = d;
	size_t n = view_list_count(app);
	for (size_t i = 0; i < n; i++)
		if (view_list_article(app, i) == v->arg)
			d->sel = i;
	return 0;
}

static void list_resize(struct app *app, struct view *v, struct rect r)
{
	struct list_data *d = v->data;
	(void)app;
	d->rows = r.h > LIST_HEAD_ROWS ? r.h - LIST_HEAD_ROWS : 1;
}

/* The selection indexes the current event's articles, and the event can
 * change under this view (an article opened from it walks the timeline with
 * [ ], a mark jumps to another event): bring it back into range. */
static void clamp_sel(const struct app *app, struct list_data *d)
{
	size_t n = view_list_count(app);
	if (d->sel >= n)
		d->sel = n ? n - 1 : 0;
}

static void list_draw(struct app *app, struct view *v, struct rect r)
{
	struct list_data *d = v->data;
	clamp_sel(app, d);
	view_list_draw_pane(app, r, d->sel, 1);
}

static unsigned select_entry(struct list_data *d, size_t n, long to)
{
	if (to >= (long)n)
		to = (long)n - 1;
	if (to < 0)
		to = 0;
	if ((size_t)to == d->sel)
		return 0;
	d->sel = (size_t)to;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned list_request(struct app *app, struct view *v, enum request req)
{
	struct list_data *d = v->data;
	size_t n = view_list_count(app);
	long ev = (long)app->event, sel = (long)d->sel, page = d->rows > 1 ? d->rows - 1 : 1;
	switch (req) {
	case REQ_LINE_DOWN:
		return select_entry(d, n, sel + 1);
	case REQ_LINE_UP:
		return select_entry(d, n, sel - 1);
	case REQ_PAGE_DOWN:
		return select_entry(d, n, sel + page);
	case REQ_PAGE_UP:
		return select_entry(d, n, sel - page);
	case REQ_HALF_DOWN:
		return select_entry(d, n, sel + (page + 1) / 2);
	case REQ_HALF_UP:
		return select_entry(d, n, sel - (page + 1) / 2);
	case REQ_TOP:
		return select_entry(d, n, 0);
	case REQ_BOTTOM:
		return select_entry(d, n, (long)n - 1);
	case REQ_ARTICLE_NEXT:
	case REQ_ARTICLE_PREV:
		if (app->event == VIEW_NONE)
			return 0;
		ev += req == REQ_ARTICLE_NEXT ? 1 : -1;
		if (ev >= 0 && (size_t)ev < app->corpus->nevents) {
			view_select_event(app, (size_t)ev);
			d->sel = 0;
		}
		return DIRTY_ALL;
	case REQ_ENTER:
		if (d->sel < n)
			view_push(app, &view_article_ops, view_list_article(app, d->sel), -1,
			          VIEW_SAVED_POS, 0);
		return DIRTY_ALL;
	case REQ_COMPARE:
		if (d->sel < n)
			return view_compare_open(app, view_list_article(app, d->sel), -1, 0);
		return DIRTY_ALL;
	case REQ_RAW:
		if (d->sel < n)
			view_push(app, &view_raw_ops, view_list_article(app, d->sel), -1, 0, 0);
		return DIRTY_ALL;
	case REQ_EVIDENCE:
		return view_event_evidence(app, app->event);
	case REQ_FACTS:
		return view_event_facts(app, app->event);
	case REQ_FOCUS_PREV:
		if (app->depth > 1)
			view_pop(app);
		return DIRTY_ALL;
	default:
		return (unsigned)-1;
	}
}

static void list_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                        size_t np)
{
	struct list_data *d = v->data;
	clamp_sel(app, d);
	size_t n = view_list_count(app);
	if (d->sel >= n)
		return;
	const struct corpus_article *a = &app->corpus->articles[view_list_article(app, d->sel)];
	char date[16];
	snprintf(left, nl, "%s %s %s", a->id, a->lang, view_date(&a->date, date));
	snprintf(pos, np, "%zu/%zu", d->sel + 1, n);
}

static unsigned list_click(struct app *app, struct view *v, int y, int x)
{
	struct list_data *d = v->data;
	size_t i = view_list_entry_at(app, d->rows + LIST_HEAD_ROWS, d->sel, y);
	(void)x;
	if (i == VIEW_NONE)
		return 0;
	d->sel = i;
	return list_request(app, v, REQ_ENTER);
}

const struct view_ops view_list_ops = {
	.name = "list",
	.list = 1,
	.open = list_open,
	.draw = list_draw,
	.request = list_request,
	.search = view_corpus_search,
	.resize = list_resize,
	.status = list_status,
	.click = list_click,
};
