/* factcheck.h — where versions disagree: the facts (facts.h) one run of
 * aligned paragraphs states and the other does not. Between translations a
 * number or date on one side and not the other is a difference, and so is
 * the same value under another hedge ("sekitar 60" against "60"). A lexical
 * comparison of numbers and dates, not a judge of truth. No curses. */
#ifndef TANDEM_FACTCHECK_H
#define TANDEM_FACTCHECK_H

#include <stddef.h>

#include "tandem/facts.h"

/* A run of paragraphs (an aligned group of one version). */
struct factcheck_run {
	const char *const *para;  /* UTF-8 paragraphs */
	const size_t *len;
	size_t n;
	struct date_ymd date;     /* the article's date, for dates without a year */
	enum dates_order order;   /* of its dates in numbers (dates_order_of) */
};

struct factcheck_diff {
	int side;                 /* 0: run a, 1: run b */
	size_t para;              /* paragraph of that run */
	struct fact fact;         /* off and len within that paragraph */
	int qualifier_only;       /* the other side states the value, hedged
	                             otherwise */
};

/* A growing list of differences; start it zeroed, free with
 * factcheck_diffs_free. */
struct factcheck_diffs {
	struct factcheck_diff *items;  /* owned */
	size_t n, cap;
};

/* Compares the facts of run a with those of run b: each fact of one side
 * is matched with an unmatched fact of the same value on the other (text
 * order); what stays unmatched, or matched under another qualifier, is a
 * difference, appended to d. Returns 0, or -1 when memory runs out. */
int factcheck_runs(const struct factcheck_run *a, const struct factcheck_run *b,
                   struct factcheck_diffs *d);

void factcheck_diffs_free(struct factcheck_diffs *d);

/* One fact of an article in a table of several reports. */
struct factcheck_entry {
	size_t article;           /* corpus article */
	size_t block;             /* its block (a paragraph or a caption) */
	struct fact fact;         /* off and len within the block's text */
	size_t group;             /* row group of the table */
};

/* The facts several articles give, grouped by the word beside each number
 * (folded): the same word, words sharing a stem of FACTCHECK_STEM
 * characters ("penandatangan", "menandatangani"), or a word of
 * FACTCHECK_LINK characters or more right after the first ("69 negara
 * menandatangani") put facts in one group, so that figures of different
 * reports about one thing stand together. Numbers that several articles
 * give come first, then the others, then the dates, all in one group. */
struct factcheck_table {
	struct factcheck_entry *items; /* owned; by group, then article order */
	size_t n;
	size_t ngroups;
	size_t *group_articles;   /* per group: how many articles it draws on;
	                             owned */
};

#define FACTCHECK_STEM 7
#define FACTCHECK_LINK 8

struct corpus;

/* Builds the table of the facts that articles idx[0..n) of c give in their
 * paragraphs and captions. Returns 0, or -1 when memory runs out. Free with
 * factcheck_table_free. */
int factcheck_table_build(const struct corpus *c, const size_t *idx, size_t n,
                          struct factcheck_table *t);

void factcheck_table_free(struct factcheck_table *t);

/* The word naming a group: the word beside its first number, or "dates". */
const char *factcheck_group_word(const struct factcheck_table *t, size_t group);

#endif
