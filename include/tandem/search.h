/* search.h — corpus-wide search: every article's title (a title detected
 * from the text is not searched apart from it) and text blocks
 * (paragraphs and captions, repeats skipped) matched case-, diacritic-,
 * harakat- and tatweel-insensitively (fold.h), the texts to read narrowed
 * by the corpus's index when it has one. No curses. */
#ifndef TANDEM_SEARCH_H
#define TANDEM_SEARCH_H

#include <stddef.h>

#include "tandem/corpus.h"

/* Hits kept per article: a search that matches an article more often keeps
 * its first SEARCH_HITS_PER_ARTICLE hits (in text order, title first) and
 * counts the rest, so the results of a corpus search stay bounded by the
 * number of articles however often a query matches (each hit kept costs a
 * few hundred bytes with its context and, in the reader, its label). The
 * reader finds the rest with n inside the article. */
#define SEARCH_HITS_PER_ARTICLE 100

struct search_hit {
	size_t article;          /* index in the corpus */
	long block;              /* article block, -1 for the title */
	size_t byte_start, byte_end; /* match in the block's (or title's) bytes */
	size_t char_start, char_end; /* same, in decoded characters (the logical
	                                indices a page piece uses) */
	char *context;           /* a short UTF-8 snippet around the match, on
	                            one line; owned by the result */
	size_t ctx_start, ctx_end; /* the match in the snippet, in characters */
	size_t more;             /* on an article's last kept hit: how many
	                            more hits the article has, not kept; else 0 */
};

struct search_result {
	struct search_hit *hits; /* owned; article order, then text order */
	size_t n;                /* hits kept */
	size_t total;            /* hits found: n plus every hit's `more` */
	int done;                /* every article searched */
	int indexed;             /* the index chose the articles to read */
};

/* A query of this many folded characters or more is looked up in the
 * index's trigram table first (a shorter one has no trigram). */
#define SEARCH_INDEX_MIN 3

/* Searches corpus c for `query` (UTF-8), keeping at most
 * SEARCH_HITS_PER_ARTICLE hits of each article. An empty query finds nothing.
 * Returns 0 and fills *out (free with search_result_free), or -1 when
 * memory runs out (then *out holds nothing to free). */
int search_corpus(const struct corpus *c, const char *query, struct search_result *out);

void search_result_free(struct search_result *r);

/* A corpus search in steps: search_begin finds the candidate articles (from
 * the corpus's index when it has one and the folded query has at least
 * SEARCH_INDEX_MIN characters, else every article) and empties *out;
 * search_next searches the next articles in corpus order, appending their
 * hits to *out, until `want` more hits are kept or every article is done.
 * Once done, *out is what search_corpus gives. The corpus must outlive the
 * run. */
struct search_run;

/* NULL when memory runs out. Free with search_end (and *out with
 * search_result_free). */
struct search_run *search_begin(const struct corpus *c, const char *query,
                                struct search_result *out);

/* Returns 1 when articles are left to search, 0 when done (out->done),
 * -1 when memory runs out (the hits kept so far stay in *out). */
int search_next(struct search_run *s, size_t want, struct search_result *out);

/* Articles not searched yet. */
size_t search_left(const struct search_run *s);

void search_end(struct search_run *s);

/* The articles of c whose title or text may hold `query` (UTF-8, folded
 * here), as the index's trigram table says: *cand gets c->narticles bytes,
 * 1 for each that may (an article the index does not name is always one;
 * caller frees). Returns 0, or -1 when the index cannot say (no index, a
 * load still reading, a folded query shorter than SEARCH_INDEX_MIN, an
 * error): every article may then hold it, *cand NULL. */
int search_candidates(const struct corpus *c, const char *query, unsigned char **cand);

/* The searchable text of an article, as the index's trigram table holds
 * it: its title, then its text blocks (paragraphs and captions, repeats
 * skipped), each decoded and folded as search folds, joined by line feeds,
 * UTF-8. Returns 0 and sets *out (NUL-terminated; caller frees) and *len,
 * or -1 when memory runs out. */
int search_fold_body(const char *title, const struct article_text *t, char **out,
                     size_t *len);

#endif
