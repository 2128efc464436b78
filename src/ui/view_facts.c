/* view_facts.c — owns the fact table of an event (F in the timeline, an
 * event's list or its evidence): the numbers and dates its articles give,
 * grouped by the word beside them (factcheck.h), so the figures different
 * reports give for one thing stand together; each row names its paragraph
 * and shows an excerpt with the fact lit. Enter opens the article there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/factcheck.h"
#include "tandem/grouplist.h"
#include "tandem/langid.h"
#include "tandem/view.h"

#define FACTS_HEAD_ROWS 3

/* Rows are grouped by fact group (the key); item i is table entry i. */
struct facts_data {
	struct factcheck_table table;
	struct grouplist rows;
	int where_w, what_w;         /* column widths: anchor, value */
};

static void free_data(struct facts_data *d)
{
	grouplist_free(&d->rows);
	factcheck_table_free(&d->table);
	free(d);
}

/* "id#p3" and the fact's value, as the rows show them. */
static void entry_text(const struct corpus *c, const struct factcheck_entry *en, char *where,
                       size_t nw, char *what, size_t nv)
{
	const struct corpus_article *a = &c->articles[en->article];
	const struct article_block *bl = corpus_article_block(a, en->block, 0);
	if (bl)
		snprintf(where, nw, "%s#%c%u", a->id, article_block_letter(bl->kind), bl->ordinal);
	else /* the file changed since */
		snprintf(where, nw, "%s", a->id);
	facts_format(&en->fact, what, nv);
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
	if (grouplist_alloc(&d->rows, d->table.n) != 0) {
		free_data(d);
		view_message(app, 1, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < d->table.n; i++) {
		const struct factcheck_entry *en = &d->table.items[i];
		grouplist_add_mention(&d->rows, en->group,
		                      i == 0 || d->table.items[i - 1].group != en->group,
		                      &c->articles[en->article], en->block, en->fact.off, en->fact.len,
		                      &app->popts);
		char where[160], what[96];
		entry_text(c, en, where, sizeof where, what, sizeof what);
		d->where_w = (int)strlen(where) > d->where_w ? (int)strlen(where) : d->where_w;
		d->what_w = (int)strlen(what) > d->what_w ? (int)strlen(what) : d->what_w;
	}
	grouplist_ready(&d->rows);
	v->data = d;
	view_select_event(app, v->arg);
	return 0;
}

static void facts_resize(struct app *app, struct view *v, struct rect r)
{
	struct facts_data *d = v->data;
	(void)app;
	grouplist_resize(&d->rows, r.h - FACTS_HEAD_ROWS);
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
	if (r.h > 1)
		draw_label(t, r.y + 1, r.x + 1, r.w - 2, view_event_label(app, v->arg), THEME_TITLE, NULL, 0);
	const struct grouplist *g = &d->rows;
	int y = r.y + FACTS_HEAD_ROWS;
	for (size_t i = g->top; i < g->nrows && y < r.y + r.h; i++, y++) {
		long item = g->item[i];
		int sel = i == g->sel;
		enum theme_elem base = sel ? THEME_SELECTED : THEME_TEXT;
		draw_fill(t, y, r.x, r.w, base);
		if (item < 0) {
			char gh[128];
			size_t na = d->table.group_articles[g->key[i]];
			snprintf(gh, sizeof gh, " %s  (%zu article%s)",
			         factcheck_group_word(&d->table, g->key[i]), na, na == 1 ? "" : "s");
			draw_text(t, y, r.x, r.w, gh, THEME_TITLE);
			continue;
		}
		const struct factcheck_entry *en = &d->table.items[item];
		char pre[320], where[160], what[96];
		entry_text(c, en, where, sizeof where, what, sizeof what);
		snprintf(pre, sizeof pre, "   %-3s %-*s  %-*s  ", langid_badge(c->articles[en->article].lang),
		         d->where_w, where, d->what_w, what);
		int x = draw_text(t, y, r.x, r.w, pre, base);
		struct draw_hl lit = {g->lit_start[item], g->lit_end[item], THEME_MATCH};
		draw_label(t, y, r.x + x, r.w - x, &g->excerpt[item], base, &lit, 1);
	}
}

static unsigned facts_request(struct app *app, struct view *v, enum request req)
{
	struct facts_data *d = v->data;
	struct grouplist *g = &d->rows;
	int changed;
	if (req == REQ_EVIDENCE)
		return view_event_evidence(app, v->arg);
	if (g->nrows == 0)
		return (unsigned)-1;
	if (grouplist_move(g, req, &changed))
		return changed ? DIRTY_MAIN | DIRTY_STATUS : 0;
	long item = g->item[g->sel];
	switch (req) {
	case REQ_ENTER: {
		if (item < 0)
			return 0;
		const struct factcheck_entry *en = &d->table.items[item];
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
	snprintf(left, nl, "facts of %s (Enter: read there)", app->corpus->events[v->arg].id);
	snprintf(pos, np, "%zu/%zu", d->table.n ? grouplist_item_number(&d->rows) : 0,
	         d->table.n);
}

static void facts_close(struct app *app, struct view *v)
{
	(void)app;
	if (v->data)
		free_data(v->data);
	v->data = NULL;
}

unsigned view_event_facts(struct app *app, size_t ev)
{
	if (ev == VIEW_NONE || ev >= app->corpus->nevents) {
		view_message(app, 1, "no event selected: the fact table is an event's");
		return DIRTY_STATUS;
	}
	view_push(app, &view_facts_ops, VIEW_NONE, -1, 0, ev);
	return DIRTY_ALL;
}

const struct view_ops view_facts_ops = {
	.name = "facts",
	.list = 1,
	.open = facts_open,
	.draw = facts_draw,
	.request = facts_request,
	.resize = facts_resize,
	.status = facts_status,
	.close = facts_close,
};
