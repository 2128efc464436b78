/* view_timeline.c — owns the top-level timeline view, where the keys move
 * through the events (the sidebar, drawn by panes.c) while the main pane
 * previews the selected event's articles, and the corpus-wide search started
 * from it or the list. */
#include <stdio.h>
#include <string.h>

#include "tandem/search.h"
#include "tandem/timeline.h"
#include "tandem/view.h"

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
