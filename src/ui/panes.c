/* panes.c — owns what several views draw and the app lays out: the
 * timeline sidebar beside every view that is not full-width (events in date
 * order: date, language badges, short title; dates only when narrow), an
 * event's article list (the list view's pane and the timeline's preview),
 * the width the sidebar takes, and dates as the reader writes them. The
 * views and app.c use it; it calls none of them. */
#include <stdio.h>
#include <string.h>

#include "tandem/langid.h"
#include "tandem/timeline.h"
#include "tandem/view.h"

char *view_date(const struct date_ymd *d, char *buf)
{
	if (!d->y) {
		snprintf(buf, 16, "undated");
		return buf;
	}
	return dates_format(d, buf);
}

int view_sidebar_width(const struct app *app)
{
	if (!app->sidebar || app->corpus->nevents == 0)
		return 0;
	int w = app->cfg.sidebar;
	if (w > app->cols / 2)
		w = app->cols / 2;
	/* the text keeps VIEW_MIN_TEXT columns: the sidebar narrows (to dates
	 * only), then steps aside */
	if (app->cols - w - 1 < VIEW_MIN_TEXT)
		w = app->cols - 1 - VIEW_MIN_TEXT;
	return w >= VIEW_MIN_SIDEBAR ? w : 0;
}

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
		draw_label(t, y + 1, r.x + 2, r.w - 3, view_event_label(app, e), base, NULL, 0);
	}
}

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
static size_t list_first_shown(size_t sel, int h)
{
	size_t rows = h > VIEW_LIST_HEAD_ROWS ? (size_t)(h - VIEW_LIST_HEAD_ROWS) : 0;
	if (sel != VIEW_NONE && rows && sel >= rows)
		return sel + 1 - rows;
	return 0;
}

size_t view_list_entry_at(const struct app *app, int h, size_t sel, int y)
{
	if (y < VIEW_LIST_HEAD_ROWS || y >= h)
		return VIEW_NONE;
	size_t i = list_first_shown(sel, h) + (size_t)(y - VIEW_LIST_HEAD_ROWS);
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
		if (r.h > 1)
			draw_label(t, y + 1, r.x + 1, r.w - 2, view_event_label(app, app->event), THEME_TITLE,
			           NULL, 0);
	} else {
		draw_text(t, y, r.x + 1, r.w - 1, c->title, THEME_TITLE);
	}
	y += VIEW_LIST_HEAD_ROWS;
	for (size_t i = list_first_shown(sel, r.h); i < n && y < r.y + r.h; i++, y++) {
		size_t k = view_list_article(app, i);
		const struct corpus_article *a = &c->articles[k];
		char pre[64], date[16];
		int isel = i == sel;
		enum theme_elem e = isel ? (focused ? THEME_SELECTED : THEME_CURRENT) : THEME_TEXT;
		snprintf(pre, sizeof pre, " %-3s %-10s ", langid_badge(a->lang), a->date.y ? dates_format(&a->date, date) : "-");
		draw_fill(t, y, r.x, r.w, e);
		int x = draw_text(t, y, r.x, r.w, pre, e);
		/* an article whose main event is another only mentions this one */
		if (app->event != VIEW_NONE && app->event < c->nevents && a->event != (long)app->event)
			x += draw_text(t, y, r.x + x, r.w - x, "mentions ", isel ? e : THEME_META);
		draw_label(t, y, r.x + x, r.w - x, view_title_label(app, k), e, NULL, 0);
	}
	if (n == 0 && y < r.y + r.h)
		draw_text(t, y, r.x + 1, r.w - 1, "(no article reports this event)", THEME_META);
}

