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

#include "tandem/blob.h"
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
	size_t event;            /* the event it is evidence for */
};

struct evidence_list {
	struct evidence_hit *items; /* owned; by article (corpus order), block */
	size_t n;
};

/* The evidence for event ev of c: at most one hit per block (the first
 * mention). What the index keeps of an article (its links, found for these
 * events and the article's date as it is) is taken from there; the other
 * articles are read, only those that may hold evidence (see
 * corpus_article.days_first; keywords through search_candidates).
 * Returns 0, or -1 when memory runs out. Free with evidence_free. */
int evidence_find(const struct corpus *c, size_t ev, struct evidence_list *out);

void evidence_free(struct evidence_list *l);

/* The events block `block` of article `article` is evidence for, into
 * events[0..max); returns how many there are. */
size_t evidence_events_of(const struct corpus *c, size_t article, size_t block, size_t *events,
                          size_t max);

/* A corpus's events as evidence looks for them: sorted by their days,
 * their keywords folded. Read-only once made: the reading threads of a load
 * share one. Returns NULL when memory runs out; free with
 * evidence_events_free. */
struct evidence_events;
struct evidence_events *evidence_events_new(const struct corpus *c);
void evidence_events_free(struct evidence_events *x);

/* The evidence article `article` of x's corpus holds for every event,
 * found in its text t and its date mentions dm[0..ndm) as given (a load's,
 * before the corpus holds them; nothing else of the corpus is read but the
 * article's fields and the events): ordered by block, then event. Returns 0,
 * or -1 when memory runs out. Free with evidence_free. */
int evidence_of_article(const struct evidence_events *x, size_t article,
                        const struct article_text *t, const struct date_mention *dm, size_t ndm,
                        struct evidence_list *out);

/* A record of evidence_of_article's list (events of c, named by id) and
 * the article date it was found with, as the index keeps it (index.h):
 * appended to b. */
void evidence_pack(const struct evidence_list *l, const struct corpus *c,
                   const struct date_ymd *date, struct blob *b);

/* Reads a record evidence_pack wrote into *date and *out: the hits for
 * events c has (only for event `only` when it is not negative), each hit's
 * article set to `article` (free with evidence_free). Returns 0, or -1 when
 * the record is damaged or memory runs out (`out` then holds nothing). */
int evidence_unpack(const void *data, size_t len, const struct corpus *c, size_t article,
                    long only, struct date_ymd *date, struct evidence_list *out);

/* A hash of what evidence depends on in c's events (their ids, days,
 * times and keywords; not their order): stored links found for other
 * events are not taken. Never negative as an int64_t. */
uint64_t evidence_events_hash(const struct corpus *c);

/* "date", "relative day", "keyword". */
const char *evidence_why_name(enum evidence_why w);

#endif
