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
};

size_t view_list_articles(const struct app *app, size_t *out, size_t max)
{
	const struct corpus *c = app->corpus;
	size_t n = 0;
	if (app->event != VIEW_NONE && app->event < c->nevents) {
		const struct corpus_event *e = &c->events[app->event];
		for (size_t i = 0; i < e->narticles && n < max; i++)
			out[n++] = e->articles[i];
		return n;
	}
	for (size_t i = 0; i < c->narticles && n < max; i++)
		out[n++] = i;
	return n;
}

void view_list_draw_pane(struct app *app, struct rect r, size_t sel, int focused)
{
	const struct corpus *c = app->corpus;
	struct theme *t = &app->theme;
	size_t arts[256];
	size_t n = view_list_articles(app, arts, 256);
	int y = r.y;
	if (app->event != VIEW_NONE && app->event < c->nevents) {
		const struct corpus_event *e = &c->events[app->event];
		char head[256], date[16];
		snprintf(head, sizeof head, "%s%s%s%s%s", dates_format(&e->date, date),
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
	size_t first = 0, rows = r.h > LIST_HEAD_ROWS ? (size_t)(r.h - LIST_HEAD_ROWS) : 0;
	if (sel != VIEW_NONE && rows && sel >= rows)
		first = sel + 1 - rows;
	for (size_t i = first; i < n && y < r.y + r.h; i++, y++) {
		const struct corpus_article *a = &c->articles[arts[i]];
		char pre[64], date[16];
		int isel = i == sel;
		enum theme_elem e = isel ? (focused ? THEME_SELECTED : THEME_CURRENT) : THEME_TEXT;
		snprintf(pre, sizeof pre, " %-3s %-10s ", a->lang, a->date.y ? dates_format(&a->date, date) : "-");
		draw_fill(t, y, r.x, r.w, e);
		int x = draw_text(t, y, r.x, r.w, pre, e);
		const struct layout_line *l = label_line(&app->title_labels[arts[i]], r.w - x - 1);
		if (l)
			draw_line(t, y, r.x + x, r.w - x - 1, l, e, NULL, 0);
	}
	if (n == 0)
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
	size_t arts[256], n = view_list_articles(app, arts, 256);
	for (size_t i = 0; i < n; i++)
		if (arts[i] == v->arg)
			d->sel = i;
	return 0;
}

static void list_draw(struct app *app, struct view *v, struct rect r)
{
	struct list_data *d = v->data;
	view_list_draw_pane(app, r, d->sel, 1);
}

static unsigned list_request(struct app *app, struct view *v, enum request req)
{
	struct list_data *d = v->data;
	size_t arts[256], n = view_list_articles(app, arts, 256);
	long ev = (long)app->event;
	switch (req) {
	case REQ_LINE_DOWN:
		if (d->sel + 1 < n)
			d->sel++;
		return DIRTY_MAIN | DIRTY_STATUS;
	case REQ_LINE_UP:
		if (d->sel > 0)
			d->sel--;
		return DIRTY_MAIN | DIRTY_STATUS;
	case REQ_TOP:
	case REQ_PAGE_UP:
	case REQ_HALF_UP:
		d->sel = 0;
		return DIRTY_MAIN | DIRTY_STATUS;
	case REQ_BOTTOM:
	case REQ_PAGE_DOWN:
	case REQ_HALF_DOWN:
		d->sel = n ? n - 1 : 0;
		return DIRTY_MAIN | DIRTY_STATUS;
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
		if (n)
			view_push(app, &view_article_ops, arts[d->sel], -1, VIEW_SAVED_POS, 0);
		return DIRTY_ALL;
	case REQ_COMPARE:
		if (n)
			view_push(app, &view_compare_ops, arts[d->sel], -1, 0, VIEW_NONE);
		return DIRTY_ALL;
	case REQ_RAW:
		if (n)
			view_push(app, &view_raw_ops, arts[d->sel], -1, 0, 0);
		return DIRTY_ALL;
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
	size_t arts[256], n = view_list_articles(app, arts, 256);
	if (n == 0)
		return;
	const struct corpus_article *a = &app->corpus->articles[arts[d->sel]];
	char date[16];
	snprintf(left, nl, "%s %s %s", a->id, a->lang, dates_format(&a->date, date));
	snprintf(pos, np, "%zu/%zu", d->sel + 1, n);
}

static unsigned list_click(struct app *app, struct view *v, int y, int x)
{
	struct list_data *d = v->data;
	size_t arts[256], n = view_list_articles(app, arts, 256);
	(void)x;
	if (y < LIST_HEAD_ROWS || (size_t)(y - LIST_HEAD_ROWS) >= n)
		return 0;
	d->sel = (size_t)(y - LIST_HEAD_ROWS);
	return list_request(app, v, REQ_ENTER);
}

const struct view_ops view_list_ops = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.request = list_request,
	.search = view_corpus_search,
	.status = list_status,
	.click = list_click,
};
