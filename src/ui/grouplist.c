/* grouplist.c — owns a list of excerpts under group heads and the selection
 * in it (grouplist.h), shared by the evidence list and the fact table. */
#include "tandem/grouplist.h"

#include <stdlib.h>
#include <string.h>

int grouplist_alloc(struct grouplist *g, size_t n)
{
	memset(g, 0, sizeof *g);
	g->cap = 2 * n + 1;
	g->h = 1;
	g->is_head = calloc(g->cap, 1);
	g->key = calloc(g->cap, sizeof *g->key);
	g->item = calloc(g->cap, sizeof *g->item);
	g->excerpt = calloc(n + 1, sizeof *g->excerpt);
	g->lit_start = calloc(n + 1, sizeof *g->lit_start);
	g->lit_end = calloc(n + 1, sizeof *g->lit_end);
	return g->is_head && g->key && g->item && g->excerpt && g->lit_start && g->lit_end ? 0 : -1;
}

void grouplist_add_head(struct grouplist *g, size_t key)
{
	if (g->nrows == g->cap)
		return;
	g->is_head[g->nrows] = 1;
	g->key[g->nrows] = key;
	g->item[g->nrows++] = -1;
}

void grouplist_add_item(struct grouplist *g, size_t key, const char *text, size_t len,
                        size_t off, size_t mlen, const struct page_opts *o)
{
	if (g->nrows == g->cap)
		return;
	size_t i = g->nitems++;
	g->key[g->nrows] = key;
	g->item[g->nrows++] = (long)i;
	/* from a space a little before the mention (whole characters) */
	size_t from = off > GROUPLIST_BEFORE ? off - GROUPLIST_BEFORE : 0;
	while (from > 0 && from < off && text[from - 1] != ' ')
		from++;
	/* a label that cannot be analysed shows nothing (label.h) */
	label_init_n(&g->excerpt[i], text + from, len - from, o);
	g->lit_start[i] = label_char_of_byte(&g->excerpt[i], off - from);
	g->lit_end[i] = label_char_of_byte(&g->excerpt[i], off - from + mlen);
}

void grouplist_ready(struct grouplist *g)
{
	g->sel = 0;
	g->top = 0;
	while (g->sel < g->nrows && g->is_head[g->sel])
		g->sel++;
	if (g->sel == g->nrows)
		g->sel = 0;
}

void grouplist_free(struct grouplist *g)
{
	for (size_t i = 0; i < g->nitems && g->excerpt; i++)
		label_free(&g->excerpt[i]);
	free(g->excerpt);
	free(g->lit_start);
	free(g->lit_end);
	free(g->is_head);
	free(g->key);
	free(g->item);
	memset(g, 0, sizeof *g);
}

static void keep_in_view(struct grouplist *g)
{
	if (g->sel < g->top + 1)
		g->top = g->sel > 0 ? g->sel - 1 : 0; /* its head too */
	if (g->h > 0 && g->sel >= g->top + (size_t)g->h)
		g->top = g->sel + 1 - (size_t)g->h;
}

void grouplist_resize(struct grouplist *g, int h)
{
	g->h = h > 0 ? h : 1;
	if (g->sel >= g->top + (size_t)g->h)
		g->top = g->sel + 1 - (size_t)g->h;
}

/* Moves the selection `steps` items (heads passed), as far as it goes. */
static int step(struct grouplist *g, long steps)
{
	long i = (long)g->sel;
	int dir = steps < 0 ? -1 : 1;
	for (long k = steps < 0 ? -steps : steps; k > 0; k--) {
		long j = i + dir;
		while (j >= 0 && (size_t)j < g->nrows && g->is_head[j])
			j += dir;
		if (j < 0 || (size_t)j >= g->nrows)
			break;
		i = j;
	}
	if ((size_t)i == g->sel)
		return 0;
	g->sel = (size_t)i;
	keep_in_view(g);
	return 1;
}

int grouplist_move(struct grouplist *g, enum request req, int *changed)
{
	long page = g->h > 2 ? g->h - 1 : 1, all = (long)g->nrows;
	long steps;
	switch (req) {
	case REQ_LINE_DOWN:
		steps = 1;
		break;
	case REQ_LINE_UP:
		steps = -1;
		break;
	case REQ_PAGE_DOWN:
		steps = page;
		break;
	case REQ_PAGE_UP:
		steps = -page;
		break;
	case REQ_HALF_DOWN:
		steps = (page + 1) / 2;
		break;
	case REQ_HALF_UP:
		steps = -(page + 1) / 2;
		break;
	case REQ_TOP:
		steps = -all;
		break;
	case REQ_BOTTOM:
		steps = all;
		break;
	default:
		return 0;
	}
	*changed = g->nrows ? step(g, steps) : 0;
	return 1;
}

size_t grouplist_item_number(const struct grouplist *g)
{
	size_t k = 0;
	for (size_t i = 0; i <= g->sel && i < g->nrows; i++)
		k += !g->is_head[i];
	return k;
}

size_t grouplist_item_at(const struct grouplist *g, int y)
{
	size_t i = g->top + (size_t)(y > 0 ? y : 0);
	if (y < 0 || i >= g->nrows || g->is_head[i])
		return (size_t)-1;
	return i;
}

void grouplist_add_mention(struct grouplist *g, size_t key, int head,
                           const struct corpus_article *a, size_t block, size_t off,
                           size_t mlen, const struct page_opts *o)
{
	const struct article_text *at = corpus_article_text(a);
	const struct article_block *bl = corpus_article_block(a, block, off + mlen);
	if (head)
		grouplist_add_head(g, key);
	if (bl)
		grouplist_add_item(g, key, at->raw + bl->off, bl->len, off, mlen, o);
	else
		grouplist_add_item(g, key, "", 0, 0, 0, o);
}
