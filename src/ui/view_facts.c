/* view_facts.c — owns the fact table of an event (F in the timeline, an
 * event's list or its evidence): the numbers and dates its articles give,
 * grouped by the word beside them (factcheck.h), so the figures different
 * reports give for one thing stand together; each row names its paragraph
 * and shows an excerpt with the fact lit. Enter opens the article there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/factcheck.h"
#include "tandem/view.h"

#define FACTS_HEAD_ROWS 3
#define EXCERPT_BEFORE 30

/* A row: a group's head (entry == -1) or one of its facts. */
struct fact_row {
	size_t group;
	long entry;
};

struct facts_data {
	struct factcheck_table table;
	struct fact_row *rows;       /* owned */
	size_t nrows;
	struct label *excerpt;       /* per entry; owned */
	size_t *lit_start, *lit_end; /* per entry: the fact in its excerpt */
	size_t sel, top;
	int h;
	int where_w, what_w;         /* column widths: anchor, value */
};

static void free_data(struct facts_data *d)
{
	for (size_t i = 0; i < d->table.n && d->excerpt; i++)
		label_free(&d->excerpt[i]);
	free(d->excerpt);
	free(d->lit_start);
	free(d->lit_end);
	free(d->rows);
	factcheck_table_free(&d->table);
	free(d);
}

static size_t label_char(const struct label *l, size_t off)
{
	size_t i = 0;
	while (i < l->text.len && l->text.byte_off[i] < off)
		i++;
	return i;
}

static int facts_open(struct app *app, struct view *v)
{
	const struct corpus *c = app->corpus;
	const struct corpus_event *e = &c->events[v->arg];
	struct facts_data *d = calloc(1, sizeof *d);
	if (!d || factcheck_table_build(c, e->articles, e->narticles, &d->table) != 0) {
		free(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	size_t n = d->table.n;
	d->rows = calloc(2 * n + 1, sizeof *d->rows);
	d->excerpt = calloc(n + 1, sizeof *d->excerpt);
	d->lit_start = calloc(n + 1, sizeof *d->lit_start);
	d->lit_end = calloc(n + 1, sizeof *d->lit_end);
	if (!d->rows || !d->excerpt || !d->lit_start || !d->lit_end) {
		free_data(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct factcheck_entry *en = &d->table.items[i];
		if (i == 0 || d->table.items[i - 1].group != en->group)
			d->rows[d->nrows++] = (struct fact_row){en->group, -1};
		d->rows[d->nrows++] = (struct fact_row){en->group, (long)i};
		const struct corpus_article *a = &c->articles[en->article];
		const struct article_block *bl = &a->text.blocks[en->block];
		const char *s = a->text.raw + bl->off;
		size_t from = en->fact.off > EXCERPT_BEFORE ? en->fact.off - EXCERPT_BEFORE : 0;
		while (from > 0 && from < en->fact.off && s[from - 1] != ' ')
			from++;
		label_init_n(&d->excerpt[i], s + from, bl->len - from, &app->popts);
		char where[160], what[96];
		int ww = snprintf(where, sizeof where, "%s#%c%u", a->id, article_block_letter(bl->kind),
		                  bl->ordinal);
		int vw = (int)strlen(facts_format(&en->fact, what, sizeof what));
		d->where_w = ww > d->where_w ? ww : d->where_w;
		d->what_w = vw > d->what_w ? vw : d->what_w;
		d->lit_start[i] = label_char(&d->excerpt[i], en->fact.off - from);
		d->lit_end[i] = label_char(&d->excerpt[i], en->fact.off - from + en->fact.len);
	}
	d->sel = d->nrows > 1 ? 1 : 0;
	v->data = d;
	view_select_event(app, v->arg);
	return 0;
}

static void facts_resize(struct app *app, struct view *v, struct rect r)
{
	struct facts_data *d = v->data;
	(void)app;
	d->h = r.h > FACTS_HEAD_ROWS ? r.h - FACTS_HEAD_ROWS : 1;
	if (d->sel >= d->top + (size_t)d->h)
		d->top = d->sel + 1 - (size_t)d->h;
}

static void facts_draw(struct app *app, struct view *v, struct rect r)
{
	struct facts_data *d = v->data;
	const struct corpus *c = app->corpus;
	struct theme *t = &app->theme;
	char head[256];
	snprintf(head, sizeof head, "facts: %zu number(s) and date(s) in %zu group(s) \xc2\xb7 "
	         "a lexical reading, not a verdict", d->table.n, d->table.ngroups);
	draw_text(t, r.y, r.x + 1, r.w - 1, head, THEME_META);
	const struct layout_line *tl = label_line(&app->event_labels[v->arg], r.w - 2);
	if (tl && r.h > 1)
		draw_line(t, r.y + 1, r.x + 1, r.w - 2, tl, THEME_TITLE, NULL, 0);
	int y = r.y + FACTS_HEAD_ROWS;
	for (size_t i = d->top; i < d->nrows && y < r.y + r.h; i++, y++) {
		const struct fact_row *row = &d->rows[i];
		int sel = i == d->sel;
		enum theme_elem base = sel ? THEME_SELECTED : THEME_TEXT;
		draw_fill(t, y, r.x, r.w, base);
		if (row->entry < 0) {
			char g[128];
			size_t na = d->table.group_articles[row->group];
			snprintf(g, sizeof g, " %s  (%zu article%s)", factcheck_group_word(&d->table, row->group),
			         na, na == 1 ? "" : "s");
			draw_text(t, y, r.x, r.w, g, THEME_TITLE);
			continue;
		}
		const struct factcheck_entry *en = &d->table.items[row->entry];
		const struct corpus_article *a = &c->articles[en->article];
		const struct article_block *bl = &a->text.blocks[en->block];
		char pre[320], where[160], what[96];
		facts_format(&en->fact, what, sizeof what);
		snprintf(where, sizeof where, "%s#%c%u", a->id, article_block_letter(bl->kind), bl->ordinal);
		snprintf(pre, sizeof pre, "   %-3s %-*s  %-*s  ", a->lang, d->where_w, where, d->what_w,
		         what);
		int x = draw_text(t, y, r.x, r.w, pre, base);
		const struct layout_line *l = label_line(&d->excerpt[row->entry], r.w - x - 1);
		struct draw_hl lit = {d->lit_start[row->entry], d->lit_end[row->entry], THEME_MATCH};
		if (l && r.w - x - 1 > 0)
			draw_line(t, y, r.x + x, r.w - x - 1, l, base, &lit, 1);
	}
}

static unsigned move(struct facts_data *d, long steps)
{
	long i = (long)d->sel;
	int dir = steps < 0 ? -1 : 1;
	for (long k = steps < 0 ? -steps : steps; k > 0; k--) {
		long j = i + dir;
		while (j >= 0 && (size_t)j < d->nrows && d->rows[j].entry < 0)
			j += dir;
		if (j < 0 || (size_t)j >= d->nrows)
			break;
		i = j;
	}
	if ((size_t)i == d->sel)
		return 0;
	d->sel = (size_t)i;
	if (d->sel < d->top + 1)
		d->top = d->sel > 0 ? d->sel - 1 : 0; /* its group's head too */
	if (d->h > 0 && d->sel >= d->top + (size_t)d->h)
		d->top = d->sel + 1 - (size_t)d->h;
	return DIRTY_MAIN | DIRTY_STATUS;
}

static unsigned facts_request(struct app *app, struct view *v, enum request req)
{
	struct facts_data *d = v->data;
	long page = d->h > 2 ? d->h - 1 : 1;
	if (d->nrows == 0)
		return (unsigned)-1;
	const struct fact_row *row = &d->rows[d->sel];
	switch (req) {
	case REQ_LINE_DOWN:
		return move(d, 1);
	case REQ_LINE_UP:
		return move(d, -1);
	case REQ_PAGE_DOWN:
		return move(d, page);
	case REQ_PAGE_UP:
		return move(d, -page);
	case REQ_HALF_DOWN:
		return move(d, (page + 1) / 2);
	case REQ_HALF_UP:
		return move(d, -(page + 1) / 2);
	case REQ_TOP:
		return move(d, -(long)d->nrows);
	case REQ_BOTTOM:
		return move(d, (long)d->nrows);
	case REQ_ENTER: {
		if (row->entry < 0)
			return 0;
		const struct factcheck_entry *en = &d->table.items[row->entry];
		if (view_push(app, &view_article_ops, en->article, (long)en->block, 0, 0) == 0)
			view_article_mark(view_current(app), (long)en->block, en->fact.off, en->fact.len);
		return DIRTY_ALL;
	}
	default:
		return (unsigned)-1;
	}
}

static void facts_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                         size_t np)
{
	struct facts_data *d = v->data;
	size_t k = 0;
	for (size_t i = 0; i <= d->sel && i < d->nrows; i++)
		k += d->rows[i].entry >= 0;
	snprintf(left, nl, "facts of %s (Enter: read there)", app->corpus->events[v->arg].id);
	snprintf(pos, np, "%zu/%zu", d->table.n ? k : 0, d->table.n);
}

static void facts_close(struct app *app, struct view *v)
{
	(void)app;
	if (v->data)
		free_data(v->data);
	v->data = NULL;
}

unsigned view_event_facts(struct app *app)
{
	if (app->event == VIEW_NONE || app->event >= app->corpus->nevents) {
		view_message(app, 1, "no event selected: the fact table is an event's");
		return DIRTY_STATUS;
	}
	view_push(app, &view_facts_ops, VIEW_NONE, -1, 0, app->event);
	return DIRTY_ALL;
}

const struct view_ops view_facts_ops = {
	.name = "facts",
	.open = facts_open,
	.draw = facts_draw,
	.request = facts_request,
	.resize = facts_resize,
	.status = facts_status,
	.close = facts_close,
};
