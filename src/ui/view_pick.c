/* view_pick.c — owns the "compare with…" list: c on an article that has no
 * translation and no other article of its event (plain files, say) lists
 * every other article of the corpus; Enter compares the two, aligned by the
 * facts and names they share (anchor.h), q goes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/langid.h"
#include "tandem/view.h"

#define PICK_HEAD_ROWS 2

struct pick_data {
	size_t sel;      /* entry selected; entries skip the article itself */
	int rows;        /* entry rows the pane shows */
};

static size_t pick_count(const struct app *app)
{
	return app->corpus->narticles ? app->corpus->narticles - 1 : 0;
}

/* The article of entry i: every article but the one to compare. */
static size_t pick_article(const struct view *v, size_t i)
{
	return i < v->article ? i : i + 1;
}

static int pick_open(struct app *app, struct view *v)
{
	struct pick_data *d = calloc(1, sizeof *d);
	if (!d) {
		view_message(app, 1, "out of memory");
		return -1;
	}
	v->data = d;
	return 0;
}

static void pick_resize(struct app *app, struct view *v, struct rect r)
{
	struct pick_data *d = v->data;
	(void)app;
	d->rows = r.h > PICK_HEAD_ROWS ? r.h - PICK_HEAD_ROWS : 1;
}

static size_t first_shown(const struct pick_data *d)
{
	size_t rows = d->rows > 0 ? (size_t)d->rows : 1;
	return d->sel >= rows ? d->sel + 1 - rows : 0;
}

static void pick_draw(struct app *app, struct view *v, struct rect r)
{
	struct pick_data *d = v->data;
	struct theme *t = &app->theme;
	const struct corpus *c = app->corpus;
	char head[256];
	snprintf(head, sizeof head, "Compare %s with:", c->articles[v->article].id);
	draw_text(t, r.y, r.x + 1, r.w - 1, head, THEME_TITLE);
	int y = r.y + PICK_HEAD_ROWS;
	for (size_t i = first_shown(d); i < pick_count(app) && y < r.y + r.h; i++, y++) {
		size_t k = pick_article(v, i);
		const struct corpus_article *a = &c->articles[k];
		char pre[160], date[16];
		enum theme_elem e = i == d->sel ? THEME_SELECTED : THEME_TEXT;
		snprintf(pre, sizeof pre, " %-3s %-10s %s  ", langid_badge(a->lang),
		         a->date.y ? dates_format(&a->date, date) : "-", a->id);
		draw_fill(t, y, r.x, r.w, e);
		int x = draw_text(t, y, r.x, r.w, pre, e);
		draw_label(t, y, r.x + x, r.w - x, view_title_label(app, k), e, NULL, 0);
	}
}

static unsigned pick_to(struct pick_data *d, size_t n, long to)
{
	if (to >= (long)n)
		to = (long)n - 1;
	if (to < 0)
		to = 0;
	d->sel = (size_t)to;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned pick_request(struct app *app, struct view *v, enum request req)
{
	struct pick_data *d = v->data;
	size_t n = pick_count(app);
	long sel = (long)d->sel, page = d->rows > 1 ? d->rows - 1 : 1;
	long target;
	if (view_scroll_target(req, sel, page + 1, (long)n - 1, &target))
		return pick_to(d, n, target);
	switch (req) {
	case REQ_ENTER:
	case REQ_COMPARE: {
		if (d->sel >= n)
			return 0;
		size_t article = v->article, with = pick_article(v, d->sel);
		long block = v->block, line = v->line;
		view_pop(app); /* back on the article: the compare view returns there */
		view_push(app, &view_compare_ops, article, block, line, VIEW_WITH(with));
		return DIRTY_ALL;
	}
	default:
		return (unsigned)-1;
	}
}

static void pick_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                        size_t np)
{
	struct pick_data *d = v->data;
	snprintf(left, nl, "compare %s with… (Enter: compare, q: back)",
	         app->corpus->articles[v->article].id);
	snprintf(pos, np, "%zu/%zu", d->sel + 1, pick_count(app));
}

static unsigned pick_click(struct app *app, struct view *v, int y, int x)
{
	struct pick_data *d = v->data;
	(void)x;
	if (y < PICK_HEAD_ROWS)
		return 0;
	size_t i = first_shown(d) + (size_t)(y - PICK_HEAD_ROWS);
	if (i >= pick_count(app))
		return 0;
	d->sel = i;
	return pick_request(app, v, REQ_ENTER);
}

const struct view_ops view_pick_ops = {
	.name = "compare with",
	.list = 1,
	.open = pick_open,
	.draw = pick_draw,
	.request = pick_request,
	.resize = pick_resize,
	.status = pick_status,
	.click = pick_click,
};
