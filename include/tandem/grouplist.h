/* grouplist.h — a list of excerpts under group heads, and the selection in
 * it: the evidence list (articles and their paragraphs) and the fact table
 * (groups and their facts). Each item is a one-line excerpt of a paragraph
 * starting a little before a mention, which is lit; moving passes the
 * heads, the head of the selected item stays in view. No curses: the views
 * draw the rows. */
#ifndef TANDEM_GROUPLIST_H
#define TANDEM_GROUPLIST_H

#include <stddef.h>

#include "tandem/corpus.h"
#include "tandem/keymap.h"
#include "tandem/label.h"
#include "tandem/page.h"

/* Bytes of a paragraph shown before a mention, at most. */
#define GROUPLIST_BEFORE 30

struct grouplist {
	size_t nrows, cap;            /* heads and items */
	unsigned char *is_head;       /* per row; owned */
	size_t *key;                  /* per row: what the view groups by; owned */
	long *item;                   /* per row: its item, -1 for a head; owned */
	size_t nitems;
	struct label *excerpt;        /* per item; owned */
	size_t *lit_start, *lit_end;  /* per item: the mention in its excerpt */
	size_t sel, top;              /* the selected row (an item), the first shown */
	int h;                        /* rows the pane shows */
};

/* Room for n items and their heads. 0, or -1 when memory runs out (free
 * with grouplist_free either way). */
int grouplist_alloc(struct grouplist *g, size_t n);

/* Appends a head row. */
void grouplist_add_head(struct grouplist *g, size_t key);

/* Appends item number g->nitems: an excerpt of text[0..len) around the
 * mention at [off, off + mlen), laid out with o. */
void grouplist_add_item(struct grouplist *g, size_t key, const char *text, size_t len,
                        size_t off, size_t mlen, const struct page_opts *o);

/* Appends the item for the mention at [off, off + mlen) of block `block`
 * of article a (an empty excerpt when its file changed since and the block
 * no longer holds it), after a head for `key` when `head` is set. */
void grouplist_add_mention(struct grouplist *g, size_t key, int head,
                           const struct corpus_article *a, size_t block, size_t off,
                           size_t mlen, const struct page_opts *o);

/* Done adding: selects the first item. */
void grouplist_ready(struct grouplist *g);

void grouplist_free(struct grouplist *g);

/* The pane shows h rows now: the selection stays in view. */
void grouplist_resize(struct grouplist *g, int h);

/* A movement request (line, page, half page, top, bottom) applied to the
 * selection: 1 when req is one (*changed tells whether the selection moved),
 * 0 otherwise. */
int grouplist_move(struct grouplist *g, enum request req, int *changed);

/* The number (1-based) of the selected item among the items. */
size_t grouplist_item_number(const struct grouplist *g);

/* The row shown at pane row y below the first shown, or (size_t)-1 when none
 * or a head. */
size_t grouplist_item_at(const struct grouplist *g, int y);

#endif
