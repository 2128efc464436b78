/* view_list.c — owns the article list view of the selected event (every
 * article when the corpus has no events): moving through the rows panes.c
 * draws (language, date, title), opening, comparing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/langid.h"
#include "tandem/view.h"

struct list_data {
	size_t sel;
	int rows;               /* article rows the pane shows */
};

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
	d->rows = r.h > VIEW_LIST_HEAD_ROWS ? r.h - VIEW_LIST_HEAD_ROWS : 1;
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
	if (a->unparsed & CORPUS_UNPARSED) /* the load has not read it yet */
		snprintf(left, nl, "%s not read yet", a->id);
	else
		snprintf(left, nl, "%s %s %s", a->id, langid_label(a->lang), view_date(&a->date, date));
	snprintf(pos, np, "%zu/%zu", d->sel + 1, n);
}

static unsigned list_click(struct app *app, struct view *v, int y, int x)
{
	struct list_data *d = v->data;
	size_t i = view_list_entry_at(app, d->rows + VIEW_LIST_HEAD_ROWS, d->sel, y);
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
