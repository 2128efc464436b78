/* search.h — corpus-wide search: every article's title (a title detected
 * from the text is not searched apart from it) and text blocks
 * (paragraphs and captions, repeats skipped) matched case-, diacritic-,
 * harakat- and tatweel-insensitively (fold.h). No curses. */
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
};

/* Searches corpus c for `query` (UTF-8), keeping at most
 * SEARCH_HITS_PER_ARTICLE hits of each article. An empty query finds nothing.
 * Returns 0 and fills *out (free with search_result_free), or -1 when
 * memory runs out (then *out holds nothing to free). */
int search_corpus(const struct corpus *c, const char *query, struct search_result *out);

void search_result_free(struct search_result *r);

#endif
