/* view_raw.c — owns the raw view: the article's stored text line by line,
 * source line, image markup and boilerplate included (nothing is ever
 * hidden for good), drawn from the raw page that src/corpus/page.c lays
 * out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/langid.h"
#include "tandem/view.h"

struct raw_data {
	struct page *page;     /* the raw page (src/corpus/page.c); owned */
	size_t top;
	int w, h, x0;
};

static int raw_open(struct app *app, struct view *v)
{
	const struct corpus_article *a = &app->corpus->articles[v->article];
	struct raw_data *d = calloc(1, sizeof *d);
	struct page_opts o = app->popts;
	o.header = 0;
	if (!d || !(d->page = page_create_raw(a, &o))) {
		free(d);
		view_message(app, 1, "%s: the raw text cannot be shown (out of memory)", a->id);
		return -1;
	}
	v->data = d;
	return 0;
}

static unsigned scroll_to(struct raw_data *d, long top)
{
	long max = (long)d->page->nrows - d->h;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	d->top = (size_t)top;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static void raw_resize(struct app *app, struct view *v, struct rect r)
{
	struct raw_data *d = v->data;
	size_t keep = d->page->nrows ? page_row_raw_line(d->page, d->top) : 0;
	d->w = r.w - 2 > 10 ? r.w - 2 : r.w;
	d->x0 = r.x + (r.w - d->w) / 2;
	d->h = r.h;
	if (d->page->width != d->w) {
		if (page_layout(d->page, d->w) != 0) {
			view_message(app, 1, "out of memory");
			return;
		}
		/* keep the same stored line at the top */
		d->top = keep < d->page->npieces ? d->page->pieces[keep].first_row : 0;
	}
	/* a taller pane (the same width) shows the end without blank rows */
	scroll_to(d, (long)d->top);
}

static void raw_draw(struct app *app, struct view *v, struct rect r)
{
	struct raw_data *d = v->data;
	for (int i = 0; i < r.h && d->top + (size_t)i < d->page->nrows; i++) {
		const struct layout_line *l = page_row_line(d->page, d->top + (size_t)i);
		if (l)
			draw_line(&app->theme, r.y + i, d->x0, d->w, l, THEME_TEXT, NULL, 0);
	}
}

static unsigned raw_request(struct app *app, struct view *v, enum request req)
{
	struct raw_data *d = v->data;
	long top = (long)d->top, h = d->h;
	long target;
	if (view_scroll_target(req, top, h, (long)d->page->nrows, &target))
		return scroll_to(d, target);
	switch (req) {
	case REQ_RAW:
		view_pop(app);
		return DIRTY_ALL;
	case REQ_REVEAL: {
		size_t keep = d->page->nrows ? page_row_raw_line(d->page, d->top) : 0;
		if (page_set_reveal(d->page, app->popts.reveal) != 0) {
			view_message(app, 1, "out of memory");
			return DIRTY_ALL;
		}
		d->top = keep < d->page->npieces ? d->page->pieces[keep].first_row : 0;
		return scroll_to(d, (long)d->top);
	}
	default:
		return (unsigned)-1;
	}
}

static void raw_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                       size_t np)
{
	struct raw_data *d = v->data;
	const struct corpus_article *a = &app->corpus->articles[v->article];
	snprintf(left, nl, "%s %s (raw: %s)", a->id, langid_label(a->lang), a->path);
	snprintf(pos, np, "line %zu/%zu",
	         d->page->nrows ? page_row_raw_line(d->page, d->top) + 1 : 0, d->page->npieces);
}

static void raw_close(struct app *app, struct view *v)
{
	struct raw_data *d = v->data;
	(void)app;
	if (!d)
		return;
	page_destroy(d->page);
}

const struct view_ops view_raw_ops = {
	.name = "raw",
	.open = raw_open,
	.draw = raw_draw,
	.request = raw_request,
	.resize = raw_resize,
	.status = raw_status,
	.close = raw_close,
};
