/* view_article.c — owns the article view: the page (page.h) laid out at the
 * reading measure and centred in the pane, scrolled by rows; the reading
 * position kept by paragraph (block + line offset) across resizes and runs;
 * in-article search with highlights; repeated paragraphs expanded on Enter.
 * Also the helpers the compare view shares: drawing a page row with its
 * search highlights, and positions <-> rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/evidence.h"
#include "tandem/langid.h"
#include "tandem/view.h"

#define MAX_HL 64
#define MARGIN 2

struct article_data {
	struct page *page;
	size_t top;
	int textw, x0, h;
	struct page_match match;
	int has_match;
	long open_block, open_line; /* where it opened: not a change to record */
	long mark_block;            /* a mention shown from the evidence list, -1 */
	size_t mark_off, mark_len;  /* its bytes within the block's text */
	size_t drawn_top;           /* the top row of the frame on screen */
	int drawn;                  /* a frame was drawn: a scroll can move it */
};

size_t view_piece_highlights(struct app *app, struct page *p, size_t piece,
                             const struct page_match *cur, struct draw_hl *hl, size_t max)
{
	if (!app->have_needle)
		return 0;
	const struct fold_text *f = page_piece_fold(p, piece);
	size_t n = 0;
	if (!f)
		return 0;
	for (long at = fold_find(f, &app->needle, 0); at >= 0 && n < max;
	     at = fold_find(f, &app->needle, (size_t)at + app->needle.len)) {
		struct draw_hl *h = &hl[n++];
		fold_source_range(f, (size_t)at, app->needle.len, &h->start, &h->end);
		h->elem = cur && cur->piece == piece && cur->start == h->start ? THEME_MATCH_CURRENT
		                                                                 : THEME_MATCH;
	}
	return n;
}

static enum theme_elem kind_elem(enum page_kind k)
{
	switch (k) {
	case PAGE_TITLE:
		return THEME_TITLE;
	case PAGE_META:
		return THEME_META;
	case PAGE_CAPTION:
		return THEME_CAPTION;
	case PAGE_IMAGE:
		return THEME_PLACEHOLDER;
	case PAGE_FOLDED:
		return THEME_FOLDED;
	default:
		return THEME_TEXT;
	}
}

void view_draw_page_row_hl(struct app *app, struct page *p, size_t row, int y, int x, int w,
                           const struct page_match *cur, const struct draw_hl *extra,
                           size_t nextra)
{
	const struct layout_line *l = page_row_line(p, row);
	if (!l)
		return;
	struct draw_hl hl[MAX_HL];
	size_t piece = p->rows[row].piece, n = 0;
	for (; n < nextra && n < MAX_HL / 2; n++)
		hl[n] = extra[n];
	n += view_piece_highlights(app, p, piece, cur, hl + n, MAX_HL - n);
	draw_line(&app->theme, y, x, w, l, kind_elem(p->pieces[piece].kind), hl, n);
}

void view_draw_page_row(struct app *app, struct page *p, size_t row, int y, int x, int w,
                        const struct page_match *cur)
{
	view_draw_page_row_hl(app, p, row, y, x, w, cur, NULL, 0);
}

void view_position_of_row(const struct page *p, size_t row, long *block, long *line)
{
	*block = -1;
	*line = 0;
	if (row >= p->nrows)
		return;
	const struct page_piece *pc = &p->pieces[p->rows[row].piece];
	if (pc->block < 0) {
		*line = (long)row;
		return;
	}
	*block = pc->block;
	*line = p->rows[row].line == UINT32_MAX ? 0 : (long)p->rows[row].line;
}

size_t view_row_of_position(const struct page *p, long block, long line)
{
	if (p->nrows == 0)
		return 0;
	if (block < 0)
		return (size_t)line < p->nrows ? (size_t)line : p->nrows - 1;
	for (size_t i = 0; i < p->npieces; i++) /* the title may hold a headline */
		if (p->pieces[i].block == block) {
			size_t l = (size_t)line;
			if (l >= p->pieces[i].nrows)
				l = p->pieces[i].nrows ? p->pieces[i].nrows - 1 : 0;
			return p->pieces[i].first_row + l;
		}
	return page_block_row(p, block);
}

void view_save_position(struct app *app, const struct page *p, size_t top)
{
	long block, line;
	if (p->width == 0)
		return;
	view_position_of_row(p, top, &block, &line);
	if (state_set(&app->state, p->article->id, block, line) != 0)
		view_message(app, 1, "out of memory");
}

static size_t max_top(const struct article_data *d)
{
	size_t n = d->page->nrows, h = d->h > 0 ? (size_t)d->h : 1;
	return n > h ? n - h : 0;
}

static int article_open(struct app *app, struct view *v)
{
	struct article_data *d = calloc(1, sizeof *d);
	const struct corpus_article *a = &app->corpus->articles[v->article];
	if (d)
		d->mark_block = -1;
	if (d)
		d->page = view_take_page(app, a);
	if (!d || (!d->page && !(d->page = page_create(a, &app->popts)))) {
		free(d);
		view_message(app, 1, "%s: out of memory", a->id);
		return -1;
	}
	v->data = d;
	if (v->line == VIEW_SAVED_POS) {
		const struct state_pos *sp = state_get(&app->state, a->id);
		v->block = sp ? sp->block : -1;
		v->line = sp ? sp->line : 0;
	}
	d->open_block = v->block;
	d->open_line = v->line;
	state_set_last(&app->state, a->id);
	if (a->event >= 0)
		view_select_event(app, (size_t)a->event);
	return 0;
}

static void article_resize(struct app *app, struct view *v, struct rect r)
{
	struct article_data *d = v->data;
	long block = v->block, line = v->line;
	if (d->page->width)
		view_position_of_row(d->page, d->top, &block, &line);
	d->textw = r.w - 2 * MARGIN;
	if (d->textw > app->cfg.measure)
		d->textw = app->cfg.measure;
	if (d->textw < 10)
		d->textw = r.w;
	d->x0 = r.x + (r.w - d->textw) / 2;
	d->h = r.h;
	if (d->page->width != d->textw && page_layout(d->page, d->textw) != 0) {
		view_message(app, 1, "%s: cannot lay out the article (out of memory)",
		             d->page->article->id);
		return;
	}
	d->top = view_row_of_position(d->page, block, line);
	if (d->top > max_top(d))
		d->top = max_top(d);
}

/* Draws pane rows [from, to) of the page (rows past its end stay as the
 * caller left them: blank). */
static void draw_rows(struct app *app, struct article_data *d, struct rect r, int from, int to)
{
	for (int i = from; i < to && d->top + (size_t)i < d->page->nrows; i++) {
		size_t row = d->top + (size_t)i;
		struct draw_hl mark;
		size_t nmark = 0;
		if (d->mark_block >= 0 && page_row_block(d->page, row) == d->mark_block &&
		    page_piece_range(d->page, d->page->rows[row].piece, d->mark_off, d->mark_len,
		                     &mark.start, &mark.end) == 0) {
			mark.elem = THEME_MATCH_CURRENT;
			nmark = 1;
		}
		view_draw_page_row_hl(app, d->page, row, r.y + i, d->x0, d->textw,
		                      d->has_match ? &d->match : NULL, &mark, nmark);
	}
}

static void article_draw(struct app *app, struct view *v, struct rect r)
{
	struct article_data *d = v->data;
	int from = 0, to = r.h;
	if (!(app->dirty & DIRTY_MAIN)) {
		/* DIRTY_ROWS: only the top moved since the frame on screen. The
		 * rows still shown move with the scroll (the terminal scrolls them
		 * when the pane spans its width), the uncovered ones are drawn. */
		long delta = (long)d->top - (long)d->drawn_top;
		if (d->drawn && delta > -r.h && delta < r.h &&
		    draw_scroll(r.y, r.x, r.h, r.w, (int)delta) == 0) {
			from = delta > 0 ? r.h - (int)delta : 0;
			to = delta > 0 ? r.h : (int)-delta;
		}
		for (int i = from; i < to; i++)
			draw_fill(&app->theme, r.y + i, r.x, r.w, THEME_TEXT);
	}
	draw_rows(app, d, r, from, to);
	d->drawn_top = d->top;
	d->drawn = 1;
}

void view_article_mark(struct view *v, long block, size_t off, size_t len)
{
	struct article_data *d = v->data;
	if (v->ops != &view_article_ops || !d)
		return;
	d->mark_block = block;
	d->mark_off = off;
	d->mark_len = len;
}

/* e: the events the paragraph at the top is evidence for. */
static unsigned paragraph_events(struct app *app, struct article_data *d)
{
	long block = -1;
	for (size_t r = d->top; r < d->page->nrows && block < 0 && r < d->top + (size_t)d->h; r++)
		block = page_row_block(d->page, r);
	if (block < 0) {
		view_message(app, 0, "no paragraph at the top of the page");
		return DIRTY_STATUS;
	}
	const struct corpus *c = app->corpus;
	size_t art = (size_t)(d->page->article - c->articles), ev[8];
	size_t n = evidence_events_of(c, art, (size_t)block, ev, 8);
	const struct article_block *bl = &corpus_article_text(d->page->article)->blocks[block];
	char list[400] = "";
	for (size_t i = 0; i < n && i < 8; i++) {
		char date[16];
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s (%s)", i ? ", " : "", c->events[ev[i]].id,
		         view_date(&c->events[ev[i]].date, date));
	}
	if (n == 0)
		view_message(app, 0, "%c%u reports no event of the timeline",
		             article_block_letter(bl->kind), bl->ordinal);
	else
		view_message(app, 0, "%c%u reports: %s", article_block_letter(bl->kind), bl->ordinal,
		             list);
	return DIRTY_STATUS;
}

static unsigned scroll_to(struct article_data *d, long top)
{
	if (top < 0)
		top = 0;
	if ((size_t)top > max_top(d))
		top = (long)max_top(d);
	if ((size_t)top == d->top)
		return 0;
	d->top = (size_t)top;
	return DIRTY_ROWS | DIRTY_STATUS;
}

/* Shows a match: its row a third down the pane when it was off screen. */
static unsigned show_row(struct article_data *d, size_t row)
{
	if (row >= d->top && row < d->top + (size_t)d->h)
		return DIRTY_MAIN | DIRTY_STATUS;
	scroll_to(d, (long)row - d->h / 3);
	return DIRTY_MAIN | DIRTY_STATUS;
}

/* Replaces this view by the article `delta` places away on the timeline. */
static unsigned other_article(struct app *app, struct view *v, int delta)
{
	size_t i = view_order_index(app, v->article);
	if (i == VIEW_NONE || (delta < 0 && i == 0) || (delta > 0 && i + 1 >= app->norder)) {
		view_message(app, 0, delta < 0 ? "first article of the timeline"
		                               : "last article of the timeline");
		return DIRTY_STATUS;
	}
	size_t a = app->order[i + (size_t)(long)delta];
	view_pop(app);
	view_push(app, &view_article_ops, a, -1, VIEW_SAVED_POS, 0);
	return DIRTY_ALL;
}

static unsigned toggle_repeat(struct app *app, struct article_data *d)
{
	const struct article_text *t = corpus_article_text(d->page->article);
	for (size_t r = d->top; r < d->page->nrows && r < d->top + (size_t)d->h; r++) {
		long b = page_row_block(d->page, r);
		if (b < 0 || t->blocks[b].dup_of < 0)
			continue;
		size_t top = d->top;
		if (page_toggle_repeat(d->page, b) < 0 || page_layout(d->page, d->textw) != 0) {
			view_message(app, 1, "out of memory");
			return DIRTY_STATUS;
		}
		d->has_match = 0;
		d->top = top > max_top(d) ? max_top(d) : top;
		view_message(app, 0, "%s", d->page->pieces[d->page->rows[r].piece].kind == PAGE_FOLDED
		                               ? "repeated paragraph folded"
		                               : "repeated paragraph shown in full");
		return DIRTY_MAIN | DIRTY_STATUS;
	}
	view_message(app, 0, "no repeated paragraph on screen");
	return DIRTY_STATUS;
}

static unsigned article_request(struct app *app, struct view *v, enum request req)
{
	struct article_data *d = v->data;
	long top = (long)d->top, h = d->h;
	long target;
	if (view_scroll_target(req, top, h, (long)max_top(d), &target))
		return scroll_to(d, target);
	switch (req) {
	case REQ_PARA_NEXT:
		for (size_t r = d->top + 1; r < d->page->nrows; r++)
			if (d->page->rows[r].line == 0 && d->page->pieces[d->page->rows[r].piece].block >= 0)
				return scroll_to(d, (long)r);
		return scroll_to(d, (long)max_top(d));
	case REQ_PARA_PREV:
		for (size_t r = d->top; r-- > 0;)
			if (d->page->rows[r].line == 0)
				return scroll_to(d, (long)r);
		return scroll_to(d, 0);
	case REQ_ARTICLE_NEXT:
		return other_article(app, v, 1);
	case REQ_ARTICLE_PREV:
		return other_article(app, v, -1);
	case REQ_ENTER:
		return toggle_repeat(app, d);
	case REQ_COMPARE: {
		/* the compare view opens at the paragraph being read */
		long block, line;
		view_position_of_row(d->page, d->top, &block, &line);
		return view_compare_open(app, v->article, block, line);
	}
	case REQ_RAW:
		view_push(app, &view_raw_ops, v->article, -1, 0, 0);
		return DIRTY_ALL;
	case REQ_EVIDENCE:
		return paragraph_events(app, d);
	case REQ_FOCUS_PREV: /* h, left: back, as in the lists */
		view_pop(app);
		return DIRTY_ALL;
	case REQ_FOCUS_NEXT:
		view_message(app, 0, "Tab, l and the right arrow move between compare columns (c "
		                     "compares)");
		return DIRTY_STATUS;
	case REQ_REVEAL: {
		/* app.c has toggled app->popts.reveal: the page follows, at the
		 * same paragraph */
		long block, line;
		view_position_of_row(d->page, d->top, &block, &line);
		if (page_set_reveal(d->page, app->popts.reveal) != 0) {
			view_message(app, 1, "%s: cannot lay out the article (out of memory)",
			             d->page->article->id);
			return DIRTY_ALL;
		}
		d->has_match = 0;
		d->top = view_row_of_position(d->page, block, line);
		if (d->top > max_top(d))
			d->top = max_top(d);
		return DIRTY_MAIN | DIRTY_STATUS;
	}
	case REQ_MARK: {
		long block, line;
		view_position_of_row(d->page, d->top, &block, &line);
		state_set_mark(&app->state, state_mark_index(app->letter), d->page->article->id, block,
		               line);
		view_message(app, 0, "mark '%c' set", app->letter);
		return DIRTY_STATUS;
	}
	case REQ_GOTO_MARK:
		return scroll_to(d, (long)view_row_of_position(d->page, v->block, v->line)) | DIRTY_MAIN;
	case REQ_SYNC:
	case REQ_CYCLE_LANG:
		view_message(app, 0, "a and L work in the compare view (c)");
		return DIRTY_STATUS;
	default:
		return (unsigned)-1;
	}
}

/* First match at or after the top row (first search). */
static int first_match(struct app *app, struct article_data *d, struct page_match *m,
                       int *wrapped)
{
	struct page *p = d->page;
	size_t start = p->nrows ? p->rows[d->top].piece : 0;
	size_t from_logical = 0;
	const struct layout_line *l = page_row_line(p, d->top);
	if (l)
		from_logical = l->start;
	for (size_t step = 0; step <= p->npieces; step++) {
		size_t k = (start + step) % p->npieces;
		const struct fold_text *f = page_piece_fold(p, k);
		if (!f)
			continue;
		size_t from = 0;
		if (step == 0)
			while (from < f->len && f->src[from] < from_logical)
				from++;
		long at = fold_find(f, &app->needle, from);
		if (at >= 0) {
			m->piece = k;
			fold_source_range(f, (size_t)at, app->needle.len, &m->start, &m->end);
			*wrapped = step > 0 && k <= start;
			return 1;
		}
	}
	return 0;
}

static unsigned article_search(struct app *app, struct view *v, int dir, int first)
{
	struct article_data *d = v->data;
	struct page_match m;
	int wrapped = 0, found;
	if (first || !d->has_match) {
		found = first_match(app, d, &m, &wrapped);
		if (found && dir < 0)
			found = page_find(d->page, &app->needle, m.piece, m.start, -1, &m, &wrapped);
	} else {
		found = page_find(d->page, &app->needle, d->match.piece, d->match.start, dir, &m,
		                  &wrapped);
	}
	if (!found) {
		d->has_match = 0;
		view_message(app, 1, "not found: %s", app->query);
		return DIRTY_MAIN | DIRTY_STATUS;
	}
	d->match = m;
	d->has_match = 1;
	if (wrapped)
		view_message(app, 0, dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
	return show_row(d, page_match_row(d->page, &m));
}

static void article_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                           size_t np)
{
	struct article_data *d = v->data;
	const struct corpus_article *a = d->page->article;
	char date[16];
	snprintf(left, nl, "%s %s %s", a->id, langid_label(a->lang), view_date(&a->date, date));
	view_position(pos, np, d->top, (size_t)d->h, d->page->nrows);
	(void)app;
}

size_t view_row_matching(const struct page *to, const struct page *from, size_t row)
{
	long block, line;
	view_position_of_row(from, row, &block, &line);
	size_t best = view_row_of_position(to, block, line);
	const struct layout_line *l = page_row_line(from, row);
	if (block < 0 || !l)
		return best;
	for (size_t r = view_row_of_position(to, block, 0);
	     r < to->nrows && page_row_block(to, r) == block; r++) {
		const struct layout_line *m = page_row_line(to, r);
		if (m && m->start <= l->start)
			best = r;
	}
	return best;
}

const struct page *view_article_page(const struct view *v, size_t *top)
{
	const struct article_data *d = v->data;
	if (v->ops != &view_article_ops || !d || !d->page || !d->page->width)
		return NULL;
	*top = d->top;
	return d->page;
}

void view_article_goto(struct view *v, const struct page *from, size_t row)
{
	struct article_data *d = v->data;
	if (v->ops != &view_article_ops || !d || !d->page)
		return;
	view_position_of_row(from, row, &v->block, &v->line);
	if (d->page->width == 0)
		return; /* laid out at the next resize, from v->block and v->line */
	d->top = view_row_matching(d->page, from, row);
	if (d->top > max_top(d))
		d->top = max_top(d);
}

static void article_close(struct app *app, struct view *v)
{
	struct article_data *d = v->data;
	if (!d)
		return;
	/* a position the reader did not move from is not a change: another
	 * reader's later one of the same article is kept */
	long block = d->open_block, line = d->open_line;
	if (d->page->width)
		view_position_of_row(d->page, d->top, &block, &line);
	if (block != d->open_block || line != d->open_line)
		view_save_position(app, d->page, d->top);
	view_keep_page(app, d->page);
	d->page = NULL;
}

const struct view_ops view_article_ops = {
	.name = "article",
	.open = article_open,
	.draw = article_draw,
	.request = article_request,
	.search = article_search,
	.resize = article_resize,
	.status = article_status,
	.close = article_close,
};
