/* evidence.c — owns the links from an event to the paragraphs that report
 * it (evidence.h). Dates come from the mentions corpus.c found in each
 * article (corpus_article.dates, years inferred against the article's date);
 * relative days and manifest keywords are looked for here, block by block.
 * It also owns the record of an article's links the index keeps
 * (evidence_pack), found for every event at once as the article is
 * indexed, and takes an event's links from there when they are good for
 * the article and the events as they are. */
#include "tandem/evidence.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tandem/fold.h"
#include "tandem/index.h"
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

/* One word of an event's keyword lists, folded. */
struct keyword {
	const char *lang;         /* the list's language, "" for every one; the
	                             event's */
	struct fold_text needle;
};

/* What evidence needs of one event. */
struct event_info {
	long first, last;         /* its days; first > last: undated */
	struct keyword *words;    /* owned */
	size_t nwords;
};

struct evidence_events {
	const struct corpus *c;
	struct event_info *ev;    /* per event; owned */
	size_t *by_first;         /* the dated events, by first day; owned */
	size_t ndated;
	long max_span;            /* the most days one dated event spans, - 1 */
	size_t *keyworded;        /* the events with keywords; owned */
	size_t nkeyworded;
};

void evidence_events_free(struct evidence_events *x)
{
	if (!x)
		return;
	for (size_t e = 0; x->ev && e < x->c->nevents; e++) {
		for (size_t k = 0; k < x->ev[e].nwords; k++)
			fold_free(&x->ev[e].words[k].needle);
		free(x->ev[e].words);
	}
	free(x->ev);
	free(x->by_first);
	free(x->keyworded);
	free(x);
}

/* The words of e's keyword lists, trimmed and folded, into info. */
static int fold_keywords(const struct corpus_event *e, struct event_info *info)
{
	size_t cap = 0;
	for (size_t k = 0; k < e->nkeywords; k++) {
		const char *p = e->keywords[k].text;
		while (*p) {
			size_t wl = strcspn(p, ",");
			const char *w = p;
			p += wl;
			if (*p == ',')
				p++;
			while (wl && (*w == ' ' || *w == '\t'))
				w++, wl--;
			while (wl && (w[wl - 1] == ' ' || w[wl - 1] == '\t'))
				wl--;
			if (!wl)
				continue;
			if (info->nwords == cap) {
				size_t nc = cap ? 2 * cap : 4;
				struct keyword *nw = realloc(info->words, nc * sizeof *nw);
				if (!nw)
					return -1;
				info->words = nw;
				cap = nc;
			}
			struct keyword *kw = &info->words[info->nwords];
			if (fold_utf8(w, wl, &kw->needle) != 0)
				return -1;
			if (!kw->needle.len) {
				fold_free(&kw->needle);
				continue;
			}
			kw->lang = e->keywords[k].lang;
			info->nwords++;
		}
	}
	return 0;
}

struct day_event {
	long first;
	size_t event;
};

static int by_first_day(const void *a, const void *b)
{
	const struct day_event *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->event < y->event ? -1 : x->event > y->event;
}

struct evidence_events *evidence_events_new(const struct corpus *c)
{
	struct evidence_events *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->c = c;
	size_t n = c->nevents ? c->nevents : 1;
	x->ev = calloc(n, sizeof *x->ev);
	x->by_first = malloc(n * sizeof *x->by_first);
	x->keyworded = malloc(n * sizeof *x->keyworded);
	if (!x->ev || !x->by_first || !x->keyworded) {
		evidence_events_free(x);
		return NULL;
	}
	for (size_t e = 0; e < c->nevents; e++) {
		struct event_info *info = &x->ev[e];
		if (!dates_day_span(&c->events[e].date, &info->first, &info->last)) {
			info->first = 1;
			info->last = 0; /* no day matches */
		} else {
			x->by_first[x->ndated++] = e;
			if (info->last - info->first > x->max_span)
				x->max_span = info->last - info->first;
		}
		if (fold_keywords(&c->events[e], info) != 0) {
			evidence_events_free(x);
			return NULL;
		}
		if (info->nwords)
			x->keyworded[x->nkeyworded++] = e;
	}
	struct day_event *d = malloc(n * sizeof *d);
	if (!d) {
		evidence_events_free(x);
		return NULL;
	}
	for (size_t i = 0; i < x->ndated; i++)
		d[i] = (struct day_event){x->ev[x->by_first[i]].first, x->by_first[i]};
	if (x->ndated > 1)
		qsort(d, x->ndated, sizeof *d, by_first_day);
	for (size_t i = 0; i < x->ndated; i++)
		x->by_first[i] = d[i].event;
	free(d);
	return x;
}

/* The first keyword of the event (for the article's language, or for every
 * language) in the block (hay: its text s, n bytes, folded): its byte
 * range. */
static int find_keyword(const struct event_info *info, const struct corpus_article *a,
                        const struct fold_text *hay, const char *s, size_t n, size_t *off,
                        size_t *len)
{
	long best = -1;
	for (size_t k = 0; k < info->nwords; k++) {
		const struct keyword *kw = &info->words[k];
		if (*kw->lang && strcmp(kw->lang, a->lang))
			continue;
		long at = fold_find(hay, &kw->needle, 0);
		if (at >= 0 && (best < 0 || at < best)) {
			size_t st, en;
			fold_source_range(hay, (size_t)at, kw->needle.len, &st, &en);
			best = at;
			*off = byte_of_cp(s, n, st);
			*len = byte_of_cp(s, n, en) - *off;
		}
	}
	return best >= 0;
}

/* An article's text as evidence reads it: its blocks folded once, when
 * first looked in. */
struct source {
	const struct corpus_article *a;
	size_t ai;
	const struct article_text *t;    /* NULL: read when needed */
	const struct date_mention *dm;   /* with given: the mentions */
	size_t ndm;
	int given;                       /* t and dm given (a load's) */
	struct fold_text *hay;           /* per block; owned */
	unsigned char *folded;           /* per block: hay is set; owned */
	struct relative *rel;            /* per block; owned */
	int failed;                      /* folding ran out of memory */
};

/* A block's relative days (dates_find_relative), for shifts -1, 0 and 1,
 * found once: the events of one day ask the same. */
struct relative {
	unsigned char looked;
	unsigned char found;             /* bit shift + 1: found */
	size_t off[3], len[3];
};

static void source_free(struct source *src)
{
	for (size_t b = 0; src->folded && src->t && b < src->t->nblocks; b++)
		if (src->folded[b])
			fold_free(&src->hay[b]);
	free(src->hay);
	free(src->folded);
	free(src->rel);
}

/* dates_find_relative of block bi (text s, n bytes) for shift -1, 0 or 1:
 * the three found at once, at the first ask. */
static int relative_in(struct source *src, size_t bi, const char *s, size_t n, int shift,
                       size_t *off, size_t *len)
{
	if (!src->rel && !(src->rel = calloc(src->t->nblocks ? src->t->nblocks : 1,
	                                     sizeof *src->rel)))
		return dates_find_relative(s, n, shift, off, len);
	struct relative *r = &src->rel[bi];
	if (!r->looked) {
		r->found = dates_find_relative3(s, n, r->off, r->len);
		r->looked = 1;
	}
	*off = r->off[shift + 1];
	*len = r->len[shift + 1];
	return r->found >> (shift + 1) & 1;
}

/* Block bi folded, or NULL when memory runs out. */
static const struct fold_text *hay_of(struct source *src, size_t bi)
{
	if (!src->folded) {
		size_t n = src->t->nblocks ? src->t->nblocks : 1;
		src->hay = calloc(n, sizeof *src->hay);
		src->folded = calloc(n, 1);
		if (!src->hay || !src->folded) {
			src->failed = 1;
			return NULL;
		}
	}
	if (!src->folded[bi]) {
		const struct article_block *bl = &src->t->blocks[bi];
		if (fold_utf8(src->t->raw + bl->off, bl->len, &src->hay[bi]) != 0) {
			src->failed = 1;
			return NULL;
		}
		src->folded[bi] = 1;
	}
	return &src->hay[bi];
}

/* Several events on one day: a block dated that day is evidence for the
 * ones whose keywords it holds, when it holds any of theirs. */
static int keywords_allow(const struct evidence_events *x, size_t ev, struct source *src,
                          size_t bi)
{
	const struct corpus *c = x->c;
	const struct corpus_event *e = &c->events[ev];
	const struct article_block *bl = &src->t->blocks[bi];
	const char *s = src->t->raw + bl->off;
	const struct fold_text *hay = NULL;
	size_t off, len;
	if (x->ev[ev].nwords) {
		if (!(hay = hay_of(src, bi)))
			return 0;
		if (find_keyword(&x->ev[ev], src->a, hay, s, bl->len, &off, &len))
			return 1;
	}
	for (size_t k = 0; k < x->nkeyworded; k++) {
		size_t o = x->keyworded[k];
		const struct corpus_event *oe = &c->events[o];
		if (o == ev || dates_compare(&oe->date, &e->date) ||
		    (oe->time && e->time && strcmp(oe->time, e->time)))
			continue;
		if (!hay && !(hay = hay_of(src, bi)))
			return 0;
		if (find_keyword(&x->ev[o], src->a, hay, s, bl->len, &off, &len))
			return 0; /* it names another event of that day */
	}
	return 1;
}

/* Whether the event lists a keyword for a's language (or for every
 * language). */
static int has_keywords_for(const struct event_info *info, const struct corpus_article *a)
{
	for (size_t k = 0; k < info->nwords; k++)
		if (!*info->words[k].lang || !strcmp(info->words[k].lang, a->lang))
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

/* The article's text, read when first needed (NULL: it cannot be). */
static const struct article_text *text_of(struct source *src)
{
	if (!src->t && !src->given)
		src->t = corpus_article_text(src->a);
	return src->t;
}

/* The evidence of one article for event ev, appended in block order. */
static int article_evidence(const struct evidence_events *x, size_t ev, struct source *src,
                            const unsigned char *kw_cand, struct hit_buf *b)
{
	const struct corpus *c = x->c;
	const struct corpus_event *e = &c->events[ev];
	const struct event_info *info = &x->ev[ev];
	const struct corpus_article *a = src->a;
	long ev_first = info->first, ev_last = info->last;
	const struct date_mention *dm = src->dm;
	size_t ndm = src->ndm;
	if (!src->given) {
		/* dates known from the index not to touch the event's days: not
		 * read */
		int none = a->days_last && !a->dates &&
		           (a->days_last - CORPUS_DAYS_BIAS < ev_first ||
		            a->days_first - CORPUS_DAYS_BIAS > ev_last);
		dm = none ? NULL : corpus_article_dates(a);
		ndm = a->ndates;
	}
	/* the text is read only for an article that may hold evidence: a date
	 * mention of the event's days (the mentions come from the index), a
	 * relative day or a keyword to look for; an archive's other articles
	 * stay on disk */
	size_t start = b->n;
	/* written dates: in text order */
	for (size_t k = 0; dm && k < ndm; k++) {
		long f0, l0, f1, l1;
		if (!dates_day_span(&dm[k].from, &f0, &l0) || !dates_day_span(&dm[k].to, &f1, &l1))
			continue;
		if (l1 < ev_first || f0 > ev_last)
			continue;
		const struct article_text *t = text_of(src);
		if (!t)
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
		    !keywords_allow(x, ev, src, (size_t)bi))
			continue;
		if (src->failed || push(b, (struct evidence_hit){src->ai, (size_t)bi, at, dm[k].len,
		                                                 EVIDENCE_DATE, ev}) != 0)
			return -1;
	}
	/* relative days and keywords, in blocks without a written date */
	long art_day, unused;
	int dated = dates_day_span(&a->date, &art_day, &unused) && a->date.d;
	int shift = dated ? (int)(ev_first - art_day) : 99;
	int relative = dated && ev_first == ev_last && shift >= -1 && shift <= 1;
	if (!relative && (!has_keywords_for(info, a) || (kw_cand && !kw_cand[src->ai])))
		return 0; /* nothing to look for, or no keyword in it (the index) */
	const struct article_text *t = text_of(src);
	if (!t)
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
		if (relative && relative_in(src, bi, s, bl->len, shift, &off, &len) &&
		    !time_contradicts(e, s, bl->len, off, len) && keywords_allow(x, ev, src, bi)) {
			if (src->failed || push(b, (struct evidence_hit){src->ai, bi, off, len,
			                                                 EVIDENCE_RELATIVE, ev}) != 0)
				return -1;
			continue;
		}
		if (!has_keywords_for(info, a))
			continue;
		const struct fold_text *hay = hay_of(src, bi);
		if (!hay)
			return -1;
		if (find_keyword(info, a, hay, s, bl->len, &off, &len) &&
		    push(b, (struct evidence_hit){src->ai, bi, off, len, EVIDENCE_KEYWORD, ev}) != 0)
			return -1;
	}
	return src->failed ? -1 : 0;
}

/* The articles that may hold one of the event's keywords, as the index's
 * trigram table says (search_candidates, each word of each keyword list):
 * NULL when it cannot say for one of them (a word too short, no index),
 * then every article is looked at. Caller frees. */
static unsigned char *keyword_candidates(const struct corpus *c, const struct corpus_event *e)
{
	unsigned char *all = NULL;
	for (size_t k = 0; k < e->nkeywords; k++) {
		const char *p = e->keywords[k].text;
		while (*p) {
			size_t wl = strcspn(p, ",");
			const char *ws = p; /* trimmed as fold_keywords trims it */
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
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	return a->event < b->event ? -1 : a->event > b->event;
}

/* The hits found (r 0) into *out, by article, block and event; or none,
 * and -1, when r says memory ran out. */
static int hits_done(struct hit_buf *b, int r, struct evidence_list *out)
{
	if (r != 0) {
		free(b->items);
		return -1;
	}
	if (b->n > 1)
		qsort(b->items, b->n, sizeof *b->items, by_block);
	out->items = b->items;
	out->n = b->n;
	return 0;
}

/* The first dated event (in x->by_first) whose first day is not before
 * `day`. */
static size_t first_from(const struct evidence_events *x, long day)
{
	size_t lo = 0, hi = x->ndated;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->ev[x->by_first[mid]].first < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Marks the dated events that touch the days [from, to]. */
static void mark_days(const struct evidence_events *x, long from, long to, unsigned char *mark)
{
	for (size_t i = first_from(x, from - x->max_span); i < x->ndated; i++) {
		const struct event_info *info = &x->ev[x->by_first[i]];
		if (info->first > to)
			break;
		if (info->last >= from)
			mark[x->by_first[i]] = 1;
	}
}

int evidence_of_article(const struct evidence_events *x, size_t article,
                        const struct article_text *t, const struct date_mention *dm, size_t ndm,
                        struct evidence_list *out)
{
	const struct corpus *c = x->c;
	const struct corpus_article *a = &c->articles[article];
	struct source src = {.a = a, .ai = article, .t = t, .dm = dm, .ndm = ndm, .given = 1};
	struct hit_buf b = {0};
	memset(out, 0, sizeof *out);
	if (!c->nevents)
		return 0;
	/* the events it may hold evidence for: those of the days its dates
	 * name, of the days around its own date, and those with keywords */
	unsigned char *mark = calloc(c->nevents, 1);
	if (!mark)
		return -1;
	for (size_t k = 0; k < ndm; k++) {
		long f0, l0, f1, l1;
		if (dates_day_span(&dm[k].from, &f0, &l0) && dates_day_span(&dm[k].to, &f1, &l1))
			mark_days(x, f0, l1, mark);
	}
	long art_day, unused;
	if (dates_day_span(&a->date, &art_day, &unused) && a->date.d)
		mark_days(x, art_day - 1, art_day + 1, mark);
	for (size_t k = 0; k < x->nkeyworded; k++)
		mark[x->keyworded[k]] = 1;
	int r = 0;
	for (size_t ev = 0; ev < c->nevents && r == 0; ev++)
		if (mark[ev])
			r = article_evidence(x, ev, &src, NULL, &b);
	free(mark);
	source_free(&src);
	return hits_done(&b, r, out);
}

/* The record: the article's date it was found with (y, m, d), the ids of
 * the events it holds evidence for, how many hits, then per hit its event
 * (among those ids), block, offset, length and why. Events are named by id:
 * their order changes as the timeline sorts them. */
void evidence_pack(const struct evidence_list *l, const struct corpus *c, const struct date_ymd *date,
                   struct blob *b)
{
	size_t *ids = malloc((l->n ? l->n : 1) * sizeof *ids), nids = 0;
	if (!ids) {
		b->failed = 1;
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		size_t k = 0;
		while (k < nids && ids[k] != l->items[i].event)
			k++;
		if (k == nids)
			ids[nids++] = l->items[i].event;
	}
	blob_put_int(b, date->y);
	blob_put_int(b, date->m);
	blob_put_int(b, date->d);
	blob_put_uint(b, nids);
	for (size_t k = 0; k < nids; k++)
		blob_put_str(b, c->events[ids[k]].id);
	blob_put_uint(b, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct evidence_hit *h = &l->items[i];
		size_t k = 0;
		while (ids[k] != h->event)
			k++;
		blob_put_uint(b, k);
		blob_put_uint(b, h->block);
		blob_put_uint(b, h->off);
		blob_put_uint(b, h->len);
		blob_put_uint(b, h->why);
	}
	free(ids);
}

/* Longest event id a record names (a manifest's ids are short). */
#define EVENT_ID_MAX 256

int evidence_unpack(const void *data, size_t len, const struct corpus *c, size_t article,
                    long only, struct date_ymd *date, struct evidence_list *out)
{
	struct blob_reader r;
	struct hit_buf b = {0};
	long *events = NULL;
	char id[EVENT_ID_MAX];
	memset(out, 0, sizeof *out);
	blob_reader_init(&r, data, len);
	date->y = (int)blob_get_int(&r);
	date->m = (int)blob_get_int(&r);
	date->d = (int)blob_get_int(&r);
	uint64_t nev = blob_get_uint(&r);
	if (!r.bad && nev > (uint64_t)(r.end - r.p))
		r.bad = 1;
	if (!r.bad && nev && !(events = malloc(nev * sizeof *events)))
		r.bad = 1;
	for (uint64_t k = 0; k < nev && !r.bad; k++) {
		blob_get_str(&r, id, sizeof id);
		if (only >= 0)
			events[k] = !strcmp(id, c->events[only].id) ? only : -1;
		else
			events[k] = corpus_find_event(c, id); /* -1: not one now */
	}
	uint64_t n = blob_get_uint(&r);
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		struct evidence_hit h = {.article = article};
		uint64_t slot = blob_get_uint(&r);
		h.block = (size_t)blob_get_uint(&r);
		h.off = (size_t)blob_get_uint(&r);
		h.len = (size_t)blob_get_uint(&r);
		uint64_t why = blob_get_uint(&r);
		/* offsets within one file's text (a few MiB): never wrapping */
		if (why > EVIDENCE_KEYWORD || slot >= nev || h.block > UINT32_MAX || h.off > UINT32_MAX ||
		    h.len > UINT32_MAX)
			r.bad = 1;
		if (r.bad || events[slot] < 0)
			continue;
		h.event = (size_t)events[slot];
		h.why = (enum evidence_why)why;
		if (push(&b, h) != 0)
			r.bad = 1;
	}
	free(events);
	if (r.bad || r.p != r.end) {
		free(b.items);
		return -1;
	}
	out->items = b.items;
	out->n = b.n;
	return 0;
}

uint64_t evidence_events_hash(const struct corpus *c)
{
	/* a sum over the events: the same in any order */
	uint64_t sum = 0;
	for (size_t e = 0; e < c->nevents; e++) {
		const struct corpus_event *ev = &c->events[e];
		uint64_t h = cindex_hash(CINDEX_HASH_INIT, ev->id, strlen(ev->id) + 1);
		int d[3] = {ev->date.y, ev->date.m, ev->date.d};
		h = cindex_hash(h, d, sizeof d);
		h = cindex_hash(h, ev->time ? ev->time : "", ev->time ? strlen(ev->time) + 1 : 1);
		for (size_t k = 0; k < ev->nkeywords; k++) {
			h = cindex_hash(h, ev->keywords[k].lang, strlen(ev->keywords[k].lang) + 1);
			h = cindex_hash(h, ev->keywords[k].text, strlen(ev->keywords[k].text) + 1);
		}
		sum += h;
	}
	return cindex_hash(CINDEX_HASH_INIT, &sum, sizeof sum) & INT64_MAX; /* an SQLite integer */
}

/* The stored evidence of event ev: each row of the index's links (found for
 * these events) taken for the article its id names, when found with the
 * article's date as it is now; those articles are marked covered. */
struct stored {
	const struct corpus *c;
	size_t ev;
	const uint64_t *order;    /* (index_id << 32 | article), ascending */
	size_t norder, next;
	unsigned char *covered;   /* per article */
	struct hit_buf *b;
};

static int take_stored(void *arg, long long id, const void *data, size_t len)
{
	struct stored *s = arg;
	while (s->next < s->norder && (long long)(s->order[s->next] >> 32) < id)
		s->next++;
	if (s->next == s->norder || (long long)(s->order[s->next] >> 32) != id)
		return 0; /* no article of this load */
	size_t ai = (size_t)(s->order[s->next] & UINT32_MAX);
	const struct corpus_article *a = &s->c->articles[ai];
	struct date_ymd date;
	struct evidence_list l;
	if (evidence_unpack(data, len, s->c, ai, (long)s->ev, &date, &l) != 0)
		return 0; /* damaged: the article is read */
	int r = 0;
	if (!dates_compare(&date, &a->date)) {
		s->covered[ai] = 1;
		for (size_t i = 0; i < l.n && r == 0; i++)
			r = push(s->b, l.items[i]);
	}
	evidence_free(&l);
	return r;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* The articles whose evidence the index keeps, marked (NULL: none, or no
 * index to ask), their hits for ev appended to b. */
static unsigned char *stored_evidence(const struct corpus *c, size_t ev, struct hit_buf *b)
{
	const char *file = corpus_index_ready(c);
	if (!file || !c->narticles)
		return NULL;
	struct stored s = {.c = c, .ev = ev, .b = b};
	uint64_t *order = malloc(c->narticles * sizeof *order);
	s.covered = calloc(c->narticles, 1);
	if (!order || !s.covered) {
		free(order);
		free(s.covered);
		return NULL;
	}
	for (size_t i = 0; i < c->narticles; i++)
		if (c->articles[i].index_id)
			order[s.norder++] = (uint64_t)c->articles[i].index_id << 32 | i;
	qsort(order, s.norder, sizeof *order, cmp_u64);
	s.order = order;
	size_t before = b->n;
	if (cindex_extras(file, c->index_generation, CINDEX_LINKS, c->events_hash, NULL, 0,
	                  take_stored, &s) != 0) {
		b->n = before; /* all of it is looked for in the texts */
		free(s.covered);
		s.covered = NULL;
	}
	free(order);
	return s.covered;
}

int evidence_find(const struct corpus *c, size_t ev, struct evidence_list *out)
{
	struct hit_buf b = {0};
	memset(out, 0, sizeof *out);
	if (ev >= c->nevents)
		return 0;
	const struct corpus_event *e = &c->events[ev];
	if (!dates_day_span(&e->date, &(long){0}, &(long){0}) && e->nkeywords == 0)
		return 0;
	struct evidence_events *x = evidence_events_new(c);
	if (!x)
		return -1;
	unsigned char *covered = stored_evidence(c, ev, &b);
	unsigned char *kw_cand = NULL;
	int r = 0, asked = 0;
	for (size_t ai = 0; ai < c->narticles && r == 0; ai++) {
		if (covered && covered[ai])
			continue;
		if (!asked) { /* only when some article is to be read */
			kw_cand = keyword_candidates(c, e);
			asked = 1;
		}
		struct source src = {.a = &c->articles[ai], .ai = ai};
		r = article_evidence(x, ev, &src, kw_cand, &b);
		source_free(&src);
	}
	free(kw_cand);
	free(covered);
	evidence_events_free(x);
	return hits_done(&b, r, out);
}

void evidence_free(struct evidence_list *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

size_t evidence_events_of(const struct corpus *c, size_t article, size_t block, size_t *events,
                          size_t max)
{
	struct evidence_events *x = evidence_events_new(c);
	const struct corpus_article *a = &c->articles[article];
	const struct article_text *t = x ? corpus_article_pin(a) : NULL;
	const struct date_mention *dm = t ? corpus_article_dates(a) : NULL;
	struct evidence_list l = {0};
	size_t n = 0;
	if (t && (dm || !a->ndates) && evidence_of_article(x, article, t, dm, a->ndates, &l) == 0)
		for (size_t i = 0; i < l.n; i++)
			if (l.items[i].block == block) {
				if (n < max)
					events[n] = l.items[i].event;
				n++;
			}
	evidence_free(&l);
	if (t)
		corpus_article_unpin(a);
	evidence_events_free(x);
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
