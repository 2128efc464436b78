/* facts.h — the facts a paragraph states, normalised so that versions in
 * different languages and scripts compare: numbers (any decimal digits —
 * Western, Arabic-Indic, Extended Arabic-Indic, Devanagari…; thousands
 * separators "1.500", "1 500", "1,500", "١٬٥٠٠"; decimal commas; ranges
 * "10-15"), dates (dates.h: every supported language, ranges, a left-out
 * year inferred) and the hedge before a number (sekitar / about / environ /
 * حوالي: approximately; lebih dari / plus de / more than / أكثر من: more
 * than; less than), each with the word next to it (its unit or noun,
 * folded as search folds). A lexical reading of numbers and dates, not a
 * judge of truth. No curses. */
#ifndef TANDEM_FACTS_H
#define TANDEM_FACTS_H

#include <stddef.h>

#include "tandem/article.h"
#include "tandem/blob.h"
#include "tandem/dates.h"

enum fact_kind { FACT_NUMBER, FACT_DATE };

enum fact_qual {
	FACT_EXACT,
	FACT_ABOUT,      /* approximately */
	FACT_MORE,       /* more than */
	FACT_LESS,       /* less than */
};

#define FACT_WORD_MAX 48

struct fact {
	enum fact_kind kind;
	enum fact_qual qual;
	double lo, hi;               /* FACT_NUMBER: the value, or a range */
	struct date_ymd from, to;    /* FACT_DATE: the date, or a range */
	size_t off, len;             /* bytes of the fact in the text */
	char word[FACT_WORD_MAX];    /* the word next to a number, folded; "" */
	char next[FACT_WORD_MAX];    /* the word after that one, folded; "" */
	size_t block;                /* facts_of_text: the block it is in (off
	                                within that block's text); else 0 */
};

struct fact_list {
	struct fact *items;          /* owned */
	size_t n;
};

/* Finds the facts of `text` (UTF-8, n bytes) in text order. `context` is
 * the article's date (y == 0 when unknown), for dates without a year.
 * Numbers that are part of a date, of a word ("post1072119", "COVID-19",
 * "1er") or of a URL are not facts. Returns 0, or -1 when memory runs out
 * (then `out` holds nothing). Free with facts_free. */
int facts_find(const char *text, size_t n, const struct date_ymd *context,
               struct fact_list *out);

/* facts_find, with dates in numbers read in the order given
 * (dates_find_ordered). */
int facts_find_ordered(const char *text, size_t n, const struct date_ymd *context,
                       enum dates_order order, struct fact_list *out);

void facts_free(struct fact_list *l);

/* The facts of an article's paragraphs and captions (not those repeating
 * an earlier block), block by block, each with its block. dm[0..ndm) are
 * the dates dates_find found in the whole text (in text order; those
 * within a block are the block's, as facts_find would find them there).
 * Returns 0, or -1 when memory runs out (`out` then holds nothing). Free
 * with facts_free. */
int facts_of_text(const struct article_text *t, const struct date_mention *dm, size_t ndm,
                  struct fact_list *out);

/* A record of facts_of_text's list and the context it was found with, as
 * the index keeps it (index.h): appended to b. */
void facts_pack(const struct fact_list *l, const struct date_ymd *context, struct blob *b);

/* Reads a record facts_pack wrote: *context and *out (free with
 * facts_free). Returns 0, or -1 when the record is damaged or memory runs
 * out (`out` then holds nothing). */
int facts_unpack(const void *data, size_t len, struct date_ymd *context, struct fact_list *out);

/* True when two facts state the same value (kind, number or dates); the
 * qualifier and the word are not compared. */
int facts_same_value(const struct fact *a, const struct fact *b);

/* "approximately", "more than", "less than", or "" for FACT_EXACT. */
const char *facts_qual_name(enum fact_qual q);

/* The fact's value as text: "1500", "10-15", "2.5", "2025-10-25",
 * "2025-10-25..2025-10-26", with the qualifier in front when there is one
 * ("approximately 1500"). Writes at most size bytes into buf; returns buf. */
char *facts_format(const struct fact *f, char *buf, size_t size);

/* A key naming the fact's value for matching ("n:1500", "d:2025-10-25",
 * "d:2025-10-25..2025-10-26"). Writes into buf (size bytes); returns buf. */
char *facts_key(const struct fact *f, char *buf, size_t size);

#endif
