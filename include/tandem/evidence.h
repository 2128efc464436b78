/* evidence.h — from an event to the paragraphs that report it. A paragraph
 * (or caption) is evidence for an event when it mentions the event's date —
 * in any language dates.h reads, a year or month left out inferred from the
 * article's date, a range covering it — or a relative day resolved against
 * the article's date ("kemarin", "hier", "yesterday", "أمس"; today and
 * tomorrow likewise), or one of the words the manifest lists for the event
 * (keywords, keywords.LANG; compared folded as search folds). No curses. */
#ifndef TANDEM_EVIDENCE_H
#define TANDEM_EVIDENCE_H

#include <stddef.h>

#include "tandem/corpus.h"

enum evidence_why {
	EVIDENCE_DATE,       /* the event's date, written out */
	EVIDENCE_RELATIVE,   /* yesterday, today, tomorrow of the article's date */
	EVIDENCE_KEYWORD,    /* a word the manifest lists for the event */
};

struct evidence_hit {
	size_t article, block;   /* a paragraph or caption of an article */
	size_t off, len;         /* bytes of the mention within the block's text */
	enum evidence_why why;
};

struct evidence_list {
	struct evidence_hit *items; /* owned; by article (corpus order), block */
	size_t n;
};

/* The evidence for event ev of c: at most one hit per block (the first
 * mention). Returns 0, or -1 when memory runs out. Free with
 * evidence_free. */
int evidence_find(const struct corpus *c, size_t ev, struct evidence_list *out);

void evidence_free(struct evidence_list *l);

/* The events block `block` of article `article` is evidence for, into
 * events[0..max); returns how many there are. */
size_t evidence_events_of(const struct corpus *c, size_t article, size_t block, size_t *events,
                          size_t max);

/* "date", "relative day", "keyword". */
const char *evidence_why_name(enum evidence_why w);

#endif
