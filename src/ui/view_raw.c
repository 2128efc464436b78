/* view_raw.c — owns the raw view: the article's stored text line by line,
 * source line, image markup and boilerplate included (nothing is ever
 * hidden for good), each line laid out by the text layer at the pane
 * width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/view.h"

struct raw_row {
	size_t line;   /* raw line */
	size_t sub;    /* visual line of it */
};

struct raw_data {
	struct label *lines;   /* one per raw line; owned */
	size_t nlines;
	struct raw_row *rows;  /* owned */
	size_t nrows, top;
	int w, h, x0;
};

static void raw_close(struct app *app, struct view *v);

static int raw_open(struct app *app, struct view *v)
{
	const struct corpus_article *a = &app->corpus->articles[v->article];
	const struct article_text *t = &a->text;
	struct raw_data *d = calloc(1, sizeof *d);
	size_t n = 1;
	for (size_t i = 0; i < t->raw_len; i++)
		n += t->raw[i] == '\n';
	if (d)
		d->lines = calloc(n, sizeof *d->lines);
	if (!d || !d->lines) {
		free(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	v->data = d;
	const char *s = t->raw, *end = t->raw + t->raw_len;
	for (size_t i = 0; i < n; i++) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t len = e ? (size_t)(e - s) : (size_t)(end - s);
		if (len && s[len - 1] == '\r')
			len--;
		d->nlines++; /* freed by raw_close even when it failed */
		if (label_init_n(&d->lines[i], s, len, &app->popts) != 0) {
			view_message(app, 1, "%s: raw line %zu cannot be shown (out of memory)", a->id,
			             i + 1);
			raw_close(app, v);
			free(d);
			v->data = NULL;
			return -1;
		}
		if (!e)
			break;
		s = e + 1;
	}
	return 0;
}

static void raw_resize(struct app *app, struct view *v, struct rect r)
{
	struct raw_data *d = v->data;
	size_t keep = d->nrows ? d->rows[d->top].line : 0;
	d->w = r.w - 2 > 10 ? r.w - 2 : r.w;
	d->x0 = r.x + (r.w - d->w) / 2;
	d->h = r.h;
	size_t total = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct layout_para *lp = label_layout(&d->lines[i], d->w);
		total += lp ? lp->nlines : 1;
	}
	struct raw_row *rows = realloc(d->rows, (total + 1) * sizeof *rows);
	if (!rows) {
		view_message(app, 1, "out of memory");
		return;
	}
	d->rows = rows;
	d->nrows = 0;
	d->top = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct layout_para *lp = label_layout(&d->lines[i], d->w);
		size_t k = lp ? lp->nlines : 1;
		if (i == keep)
			d->top = d->nrows;
		for (size_t j = 0; j < k; j++)
			d->rows[d->nrows++] = (struct raw_row){i, j};
	}
}

static void raw_draw(struct app *app, struct view *v, struct rect r)
{
	struct raw_data *d = v->data;
	for (int i = 0; i < r.h && d->top + (size_t)i < d->nrows; i++) {
		const struct raw_row *rw = &d->rows[d->top + (size_t)i];
		const struct layout_para *lp = label_layout(&d->lines[rw->line], d->w);
		if (!lp || rw->sub >= lp->nlines)
			continue;
		draw_line(&app->theme, r.y + i, d->x0, d->w, &lp->lines[rw->sub], THEME_TEXT, NULL, 0);
	}
}

static unsigned scroll_to(struct raw_data *d, long top)
{
	long max = (long)d->nrows - d->h;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	d->top = (size_t)top;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned raw_request(struct app *app, struct view *v, enum request req)
{
	struct raw_data *d = v->data;
	long top = (long)d->top, h = d->h;
	(void)app;
	long target;
	if (view_scroll_target(req, top, h, (long)d->nrows, &target))
		return scroll_to(d, target);
	switch (req) {
	case REQ_RAW:
		view_pop(app);
		return DIRTY_ALL;
	default:
		return (unsigned)-1;
	}
}

static void raw_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                       size_t np)
{
	struct raw_data *d = v->data;
	const struct corpus_article *a = &app->corpus->articles[v->article];
	snprintf(left, nl, "%s %s (raw: %s)", a->id, a->lang, a->path);
	snprintf(pos, np, "line %zu/%zu", d->nrows ? d->rows[d->top].line + 1 : 0, d->nlines);
}

static void raw_close(struct app *app, struct view *v)
{
	struct raw_data *d = v->data;
	(void)app;
	if (!d)
		return;
	for (size_t i = 0; i < d->nlines; i++)
		label_free(&d->lines[i]);
	free(d->lines);
	free(d->rows);
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
