/* view_timeline.c — owns the timeline: the sidebar (events in date order:
 * date, language badges, short title; dates only when narrow) drawn beside
 * every view, and the top-level timeline view, where the keys move through
 * the events while the main pane previews the selected event's articles. */
#include <stdio.h>
#include <string.h>

#include "tandem/search.h"
#include "tandem/timeline.h"
#include "tandem/view.h"

#define NARROW_SIDEBAR 20

static int entry_rows(const struct app *app, int w)
{
	(void)app;
	return w < NARROW_SIDEBAR ? 1 : 2;
}

static size_t first_shown(const struct app *app, int h, int rh)
{
	size_t per = (size_t)(h / rh);
	if (per == 0 || app->event == VIEW_NONE || app->event < per)
		return 0;
	return app->event + 1 - per;
}

size_t view_sidebar_event_at(const struct app *app, int y)
{
	int w = view_sidebar_width(app), h = app->rows - 1, rh = entry_rows(app, w);
	if (y < 0 || y >= h)
		return VIEW_NONE;
	if ((y / rh + 1) * rh > h) /* a partial entry is not drawn */
		return VIEW_NONE;
	size_t e = first_shown(app, h, rh) + (size_t)(y / rh);
	return e < app->corpus->nevents ? e : VIEW_NONE;
}

void view_sidebar_draw(struct app *app, struct rect r)
{
	const struct corpus *c = app->corpus;
	struct theme *t = &app->theme;
	int rh = entry_rows(app, r.w);
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(t, y, r.x, r.w, THEME_SIDEBAR);
	size_t e = first_shown(app, r.h, rh);
	for (int y = r.y; e < c->nevents && y + rh <= r.y + r.h; e++, y += rh) {
		const struct corpus_event *ev = &c->events[e];
		int cur = e == app->event;
		char date[16], langs[64];
		view_date(&ev->date, date);
		enum theme_elem base = cur ? THEME_CURRENT : THEME_SIDEBAR;
		draw_fill(t, y, r.x, r.w, base);
		draw_text(t, y, r.x + 1, r.w - 1, date, cur ? THEME_CURRENT : THEME_SIDEBAR_DATE);
		if (rh == 1)
			continue;
		timeline_event_langs(c, ev, langs, sizeof langs);
		int lw = draw_text_width(langs);
		if (12 + lw < r.w)
			draw_text(t, y, r.x + r.w - lw - 1, lw, langs, cur ? THEME_CURRENT : THEME_BADGE);
		draw_fill(t, y + 1, r.x, r.w, base);
		const struct layout_line *l = label_line(&app->event_labels[e], r.w - 3);
		if (l)
			draw_line(t, y + 1, r.x + 2, r.w - 3, l, base, NULL, 0);
	}
}

/* The timeline view: top level, keys move between events. */

static void timeline_draw(struct app *app, struct view *v, struct rect r)
{
	(void)v;
	view_list_draw_pane(app, r, VIEW_NONE, 0);
}

static unsigned move_event(struct app *app, long d)
{
	size_t n = app->corpus->nevents;
	if (n == 0)
		return 0;
	long e = app->event == VIEW_NONE ? 0 : (long)app->event;
	e += d;
	if (e < 0)
		e = 0;
	if (e >= (long)n)
		e = (long)n - 1;
	view_select_event(app, (size_t)e);
	return DIRTY_ALL;
}

static unsigned timeline_request(struct app *app, struct view *v, enum request req)
{
	size_t n = view_list_count(app);
	switch (req) {
	case REQ_LINE_DOWN:
	case REQ_ARTICLE_NEXT:
		return move_event(app, 1);
	case REQ_LINE_UP:
	case REQ_ARTICLE_PREV:
		return move_event(app, -1);
	case REQ_PAGE_DOWN:
	case REQ_HALF_DOWN:
		return move_event(app, 5);
	case REQ_PAGE_UP:
	case REQ_HALF_UP:
		return move_event(app, -5);
	case REQ_TOP:
		return move_event(app, -(long)app->corpus->nevents);
	case REQ_BOTTOM:
		return move_event(app, (long)app->corpus->nevents);
	case REQ_ENTER:
	case REQ_FOCUS_NEXT:
		view_push(app, &view_list_ops, VIEW_NONE, -1, 0, v->arg);
		v->arg = VIEW_NONE;
		return DIRTY_ALL;
	case REQ_COMPARE:
		if (n < 2) {
			view_message(app, 1, "this event has a single article: nothing to compare");
			return DIRTY_STATUS;
		}
		view_push(app, &view_compare_ops, view_list_article(app, 0), -1, 0, app->event);
		return DIRTY_ALL;
	case REQ_RAW:
		if (n > 0)
			view_push(app, &view_raw_ops, view_list_article(app, 0), -1, 0, 0);
		return DIRTY_ALL;
	case REQ_EVIDENCE:
		return view_event_evidence(app, app->event);
	case REQ_FACTS:
		return view_event_facts(app, app->event);
	default:
		return (unsigned)-1;
	}
}

/* / in the timeline or the list: the whole corpus. */
unsigned view_corpus_search(struct app *app, struct view *v, int dir, int first)
{
	(void)v;
	(void)dir;
	(void)first;
	view_push(app, &view_search_ops, VIEW_NONE, -1, 0, 0);
	return DIRTY_ALL;
}

static void timeline_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                            size_t np)
{
	(void)v;
	const struct corpus *c = app->corpus;
	if (app->event == VIEW_NONE || app->event >= c->nevents) {
		snprintf(left, nl, "%s", c->title);
		return;
	}
	char date[16];
	snprintf(left, nl, "%s %s", c->events[app->event].id,
	         view_date(&c->events[app->event].date, date));
	snprintf(pos, np, "event %zu/%zu", app->event + 1, c->nevents);
}

/* A click on an article of the preview opens it (over the event's list, so
 * q goes back there); elsewhere in the pane it opens the list. */
static unsigned timeline_click(struct app *app, struct view *v, int y, int x)
{
	struct rect r = view_pane(app, v);
	size_t i = view_list_entry_at(app, r.h, VIEW_NONE, y);
	(void)x;
	if (i == VIEW_NONE)
		return timeline_request(app, v, REQ_ENTER);
	size_t a = view_list_article(app, i);
	if (view_push(app, &view_list_ops, VIEW_NONE, -1, 0, a) == 0)
		view_push(app, &view_article_ops, a, -1, VIEW_SAVED_POS, 0);
	v->arg = VIEW_NONE;
	return DIRTY_ALL;
}

const struct view_ops view_timeline_ops = {
	.name = "timeline",
	.list = 1,
	.draw = timeline_draw,
	.request = timeline_request,
	.search = view_corpus_search,
	.status = timeline_status,
	.click = timeline_click,
};
