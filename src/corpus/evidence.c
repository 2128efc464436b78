/* evidence.c — owns the links from an event to the paragraphs that report
 * it (evidence.h). Dates come from the mentions corpus.c found in each
 * article (corpus_article.dates, years inferred against the article's date);
 * relative days and manifest keywords are looked for here, block by block. */
#include "tandem/evidence.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tandem/fold.h"
#include "tandem/search.h"

/* The block holding byte off of the article's text, or -1. */
static long block_at(const struct article_text *t, size_t off)
{
	size_t lo = 0, hi = t->nblocks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->blocks[mid].off + t->blocks[mid].len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nblocks && t->blocks[lo].off <= off)
		return (long)lo;
	return -1;
}

static int is_text_block(const struct article_block *b)
{
	return (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_CAPTION) && b->dup_of < 0;
}

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '\'' || c == '-';
}

/* Times of day as written, and the manifest's word for each. */
static const struct {
	const char *word;
	const char *time;
} times_of_day[] = {
	{"pagi", "morning"},      {"matin", "morning"},       {"morning", "morning"},
	{"\xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad", "morning"},                       /* صباح */
	{"sore", "afternoon"},    {"siang", "afternoon"},     {"apr\xc3\xa8s-midi", "afternoon"},
	{"afternoon", "afternoon"}, {"\xd8\xa7\xd9\x84\xd8\xb8\xd9\x87\xd8\xb1", "afternoon"}, /* الظهر */
	{"malam", "evening"},     {"soir", "evening"},        {"evening", "evening"},
	{"\xd9\x85\xd8\xb3\xd8\xa7\xd8\xa1", "evening"},                       /* مساء */
};

/* The time of day written within a few words before (or just after) byte
 * `at` of s, or NULL. */
static const char *time_near(const char *s, size_t n, size_t at, size_t len)
{
	size_t from = at > 48 ? at - 48 : 0, to = at + len + 24 < n ? at + len + 24 : n;
	for (size_t w = 0; w < sizeof times_of_day / sizeof times_of_day[0]; w++) {
		const char *word = times_of_day[w].word;
		size_t wl = strlen(word);
		for (size_t i = from; i + wl <= to; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != word[0] || memcmp(s + i + 1, word + 1, wl - 1))
				continue;
			if ((i > 0 && is_word_byte((unsigned char)s[i - 1]) && (unsigned char)word[0] < 0x80) ||
			    (i + wl < n && is_word_byte((unsigned char)s[i + wl]) && (unsigned char)word[0] < 0x80))
				continue;
			return times_of_day[w].time;
		}
	}
	return NULL;
}

/* True when a written time of day contradicts the event's. */
static int time_contradicts(const struct corpus_event *e, const char *s, size_t n, size_t at,
                            size_t len)
{
	if (!e->time || (strcmp(e->time, "morning") && strcmp(e->time, "afternoon") &&
	                 strcmp(e->time, "evening")))
		return 0;
	const char *t = time_near(s, n, at, len);
	return t && strcmp(t, e->time);
}

/* The byte offset of code point idx of s (fold_utf8 maps to code points). */
static size_t byte_of_cp(const char *s, size_t n, size_t idx)
{
	size_t i = 0;
	for (size_t k = 0; k < idx && i < n; k++) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		i += l > 0 ? (size_t)l : 1;
	}
	return i;
}

/* The first keyword of the event (for the article's language, or for every
 * language) in the block: its byte range. */
static int find_keyword(const struct corpus_event *e, const struct corpus_article *a,
                        const char *s, size_t n, size_t *off, size_t *len)
{
	struct fold_text hay;
	int found = 0;
	if (e->nkeywords == 0 || fold_utf8(s, n, &hay) != 0)
		return 0;
	long best = -1;
	size_t best_len = 0;
	for (size_t k = 0; k < e->nkeywords; k++) {
		const char *lang = e->keywords[k].lang;
		if (*lang && strcmp(lang, a->lang))
			continue;
		const char *p = e->keywords[k].text;
		while (*p) {
			size_t wl = strcspn(p, ",");
			const char *w = p;
			while (wl && (*w == ' ' || *w == '\t'))
				w++, wl--;
			while (wl && (w[wl - 1] == ' ' || w[wl - 1] == '\t'))
				wl--;
			struct fold_text needle;
			if (wl && fold_utf8(w, wl, &needle) == 0) {
				long at = needle.len ? fold_find(&hay, &needle, 0) : -1;
				if (at >= 0 && (best < 0 || at < best)) {
					size_t st, en;
					fold_source_range(&hay, (size_t)at, needle.len, &st, &en);
					best = at;
					*off = byte_of_cp(s, n, st);
					best_len = byte_of_cp(s, n, en) - *off;
				}
				fold_free(&needle);
			}
			p += strcspn(p, ",");
			if (*p == ',')
				p++;
		}
	}
	if (best >= 0) {
		*len = best_len;
		found = 1;
	}
	fold_free(&hay);
	return found;
}

/* Several events on one day: a block dated that day is evidence for the
 * ones whose keywords it holds, when it holds any of theirs. */
static int keywords_allow(const struct corpus *c, const struct corpus_event *e,
                          const struct corpus_article *a, const char *s, size_t n)
{
	size_t off, len;
	if (e->nkeywords && find_keyword(e, a, s, n, &off, &len))
		return 1;
	for (size_t k = 0; k < c->nevents; k++) {
		const struct corpus_event *o = &c->events[k];
		if (o == e || !o->nkeywords || dates_compare(&o->date, &e->date) ||
		    (o->time && e->time && strcmp(o->time, e->time)))
			continue;
		if (find_keyword(o, a, s, n, &off, &len))
			return 0; /* it names another event of that day */
	}
	return 1;
}

/* Whether e lists a keyword for a's language (or for every language). */
static int has_keywords_for(const struct corpus_event *e, const struct corpus_article *a)
{
	for (size_t k = 0; k < e->nkeywords; k++)
		if (!*e->keywords[k].lang || !strcmp(e->keywords[k].lang, a->lang))
			return 1;
	return 0;
}

struct hit_buf {
	struct evidence_hit *items;
	size_t n, cap;
};

static int push(struct hit_buf *b, struct evidence_hit h)
{
	if (b->n == b->cap) {
		size_t c = b->cap ? 2 * b->cap : 16;
		struct evidence_hit *ni = realloc(b->items, c * sizeof *ni);
		if (!ni)
			return -1;
		b->items = ni;
		b->cap = c;
	}
	b->items[b->n++] = h;
	return 0;
}

/* The evidence of one article for event e, appended in block order. */
static int article_evidence(const struct corpus *c, size_t ai, const struct corpus_event *e,
                            long ev_first, long ev_last, const unsigned char *kw_cand,
                            struct hit_buf *b)
{
	const struct corpus_article *a = &c->articles[ai];
	/* dates known from the index not to touch the event's days: not read */
	int none = a->days_last && !a->dates &&
	           (a->days_last - CORPUS_DAYS_BIAS < ev_first ||
	            a->days_first - CORPUS_DAYS_BIAS > ev_last);
	const struct date_mention *dm = none ? NULL : corpus_article_dates(a);
	/* the text is read only for an article that may hold evidence: a date
	 * mention of the event's days (the mentions come from the index), a
	 * relative day or a keyword to look for; an archive's other articles
	 * stay on disk */
	const struct article_text *t = NULL;
	size_t start = b->n;
	/* written dates: in text order */
	for (size_t k = 0; dm && k < a->ndates; k++) {
		long f0, l0, f1, l1;
		if (!dates_day_span(&dm[k].from, &f0, &l0) || !dates_day_span(&dm[k].to, &f1, &l1))
			continue;
		if (l1 < ev_first || f0 > ev_last)
			continue;
		if (!t && !(t = corpus_article_text(a)))
			return 0;
		long bi = block_at(t, dm[k].off);
		if (bi < 0 || !is_text_block(&t->blocks[bi]))
			continue;
		if (b->n > start && b->items[b->n - 1].block == (size_t)bi)
			continue; /* one hit per block */
		const struct article_block *bl = &t->blocks[bi];
		const char *bs = t->raw + bl->off;
		size_t at = dm[k].off - bl->off;
		int one_day = !dates_compare(&dm[k].from, &dm[k].to);
		if ((one_day && time_contradicts(e, bs, bl->len, at, dm[k].len)) ||
		    !keywords_allow(c, e, a, bs, bl->len))
			continue;
		if (push(b, (struct evidence_hit){ai, (size_t)bi, at, dm[k].len,
		                                  EVIDENCE_DATE}) != 0)
			return -1;
	}
	/* relative days and keywords, in blocks without a written date */
	long art_day, unused;
	int dated = dates_day_span(&a->date, &art_day, &unused) && a->date.d;
	int shift = dated ? (int)(ev_first - art_day) : 99;
	int relative = dated && ev_first == ev_last && shift >= -1 && shift <= 1;
	if (!relative && (!has_keywords_for(e, a) || (kw_cand && !kw_cand[ai])))
		return 0; /* nothing to look for, or no keyword in it (the index) */
	if (!t && !(t = corpus_article_text(a)))
		return 0;
	size_t written = b->n;
	for (size_t bi = 0; bi < t->nblocks; bi++) {
		const struct article_block *bl = &t->blocks[bi];
		if (!is_text_block(bl))
			continue;
		int have = 0;
		for (size_t k = start; k < written && !have; k++)
			have = b->items[k].block == bi;
		if (have)
			continue;
		size_t off, len;
		const char *s = t->raw + bl->off;
		if (relative && dates_find_relative(s, bl->len, shift, &off, &len) &&
		    !time_contradicts(e, s, bl->len, off, len) && keywords_allow(c, e, a, s, bl->len)) {
			if (push(b, (struct evidence_hit){ai, bi, off, len, EVIDENCE_RELATIVE}) != 0)
				return -1;
		} else if (find_keyword(e, a, s, bl->len, &off, &len)) {
			if (push(b, (struct evidence_hit){ai, bi, off, len, EVIDENCE_KEYWORD}) != 0)
				return -1;
		}
	}
	return 0;
}

/* The articles that may hold one of e's keywords, as the index's trigram
 * table says (search_candidates, each word of each keyword list): NULL when
 * it cannot say for one of them (a word too short, no index), then every
 * article is looked at. Caller frees. */
static unsigned char *keyword_candidates(const struct corpus *c, const struct corpus_event *e)
{
	unsigned char *all = NULL;
	for (size_t k = 0; k < e->nkeywords; k++) {
		const char *p = e->keywords[k].text;
		while (*p) {
			size_t wl = strcspn(p, ",");
			const char *ws = p; /* trimmed as find_keyword trims it */
			size_t tl = wl;
			while (tl && (*ws == ' ' || *ws == '\t'))
				ws++, tl--;
			while (tl && (ws[tl - 1] == ' ' || ws[tl - 1] == '\t'))
				tl--;
			char *w = strndup(ws, tl);
			unsigned char *cand = NULL;
			int r = w ? search_candidates(c, w, &cand) : -1;
			free(w);
			if (r != 0 || (!all && !(all = calloc(c->narticles ? c->narticles : 1, 1)))) {
				free(cand);
				free(all);
				return NULL;
			}
			for (size_t i = 0; i < c->narticles; i++)
				all[i] |= cand[i];
			free(cand);
			p += wl;
			if (*p == ',')
				p++;
		}
	}
	return all;
}

static int by_block(const void *x, const void *y)
{
	const struct evidence_hit *a = x, *b = y;
	if (a->article != b->article)
		return a->article < b->article ? -1 : 1;
	return a->block < b->block ? -1 : a->block > b->block;
}

int evidence_find(const struct corpus *c, size_t ev, struct evidence_list *out)
{
	struct hit_buf b = {0};
	memset(out, 0, sizeof *out);
	if (ev >= c->nevents)
		return 0;
	const struct corpus_event *e = &c->events[ev];
	long first = 0, last = -1;
	int dated = dates_day_span(&e->date, &first, &last);
	if (!dated && e->nkeywords == 0)
		return 0;
	if (!dated) {
		first = 1;
		last = 0; /* no day matches */
	}
	unsigned char *kw_cand = keyword_candidates(c, e);
	for (size_t ai = 0; ai < c->narticles; ai++)
		if (article_evidence(c, ai, e, first, last, kw_cand, &b) != 0) {
			free(kw_cand);
			free(b.items);
			return -1;
		}
	free(kw_cand);
	if (b.n)
		qsort(b.items, b.n, sizeof *b.items, by_block);
	out->items = b.items;
	out->n = b.n;
	return 0;
}

void evidence_free(struct evidence_list *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

size_t evidence_events_of(const struct corpus *c, size_t article, size_t block, size_t *events,
                          size_t max)
{
	size_t n = 0;
	for (size_t ev = 0; ev < c->nevents; ev++) {
		const struct corpus_event *e = &c->events[ev];
		long first = 0, last = -1;
		if (!dates_day_span(&e->date, &first, &last)) {
			if (e->nkeywords == 0)
				continue;
			first = 1;
			last = 0;
		}
		/* this article alone */
		struct hit_buf b = {0};
		if (article_evidence(c, article, e, first, last, NULL, &b) != 0)
			break;
		for (size_t i = 0; i < b.n; i++)
			if (b.items[i].block == block) {
				if (n < max)
					events[n] = ev;
				n++;
				break;
			}
		free(b.items);
	}
	return n;
}

const char *evidence_why_name(enum evidence_why w)
{
	switch (w) {
	case EVIDENCE_DATE:
		return "date";
	case EVIDENCE_RELATIVE:
		return "relative day";
	default:
		return "keyword";
	}
}
