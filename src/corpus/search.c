/* search.c — owns corpus-wide search: each article's title (unless it was
 * taken from its first paragraph) and text blocks are decoded and folded
 * (fold.h), the folded query is looked for in each, and every hit is
 * reported with its block, its byte and character ranges and a one-line
 * context snippet — the first SEARCH_HITS_PER_ARTICLE of an article; the
 * rest are only counted. With an index (index.h), a query of
 * SEARCH_INDEX_MIN folded characters or more looks only at the articles
 * whose title or text the index's trigram table names; each is still
 * searched here, so the hits are the same as without. A search runs in
 * steps (search_next), article by article in corpus order, so a reader can
 * show the first hits of a common word before the last article is read. */
#include "tandem/search.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/decode.h"
#include "tandem/fold.h"
#include "tandem/index.h"

#define SEARCH_CONTEXT_CHARS 32 /* characters of context on each side */

static int add_hit(struct search_result *r, size_t *cap, const struct search_hit *h)
{
	if (r->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct search_hit *nh = realloc(r->hits, nc * sizeof *nh);
		if (!nh)
			return -1;
		r->hits = nh;
		*cap = nc;
	}
	r->hits[r->n++] = *h;
	return 0;
}

/* The snippet around characters [s, e) of t: newlines and tabs as spaces.
 * *at is where the match starts in it, in characters. */
static char *context_of(const struct decoded_text *t, size_t s, size_t e, size_t *at)
{
	size_t from = s > SEARCH_CONTEXT_CHARS ? s - SEARCH_CONTEXT_CHARS : 0;
	size_t to = e + SEARCH_CONTEXT_CHARS < t->len ? e + SEARCH_CONTEXT_CHARS : t->len;
	/* whole words: start after a space, end before one (when there is one
	 * between the edge and the match) */
	for (size_t i = from; from > 0 && i < s; i++)
		if (t->cp[i] == ' ' || t->cp[i] == '\n') {
			from = i + 1;
			break;
		}
	for (size_t i = to; to < t->len && i > e; i--)
		if (t->cp[i - 1] == ' ' || t->cp[i - 1] == '\n') {
			to = i - 1;
			break;
		}
	*at = (from > 0) + (s - from);
	uint32_t *cp = malloc((to - from + 2) * sizeof *cp);
	if (!cp)
		return NULL;
	size_t k = 0;
	if (from > 0)
		cp[k++] = 0x2026; /* … */
	for (size_t i = from; i < to; i++)
		cp[k++] = t->cp[i] == '\n' || t->cp[i] == '\t' ? ' ' : t->cp[i];
	if (to < t->len)
		cp[k++] = 0x2026;
	char *u = decode_to_utf8(cp, k, NULL);
	free(cp);
	return u;
}

/* Every occurrence of needle in the bytes s[0..n): kept while the article
 * has fewer than SEARCH_HITS_PER_ARTICLE hits kept (*kept), else counted in
 * *more. */
static int search_text(const char *s, size_t n, const struct fold_text *needle, size_t article,
                       long block, struct search_result *r, size_t *cap, size_t *kept,
                       size_t *more)
{
	struct decoded_text t;
	struct fold_text f;
	int rc = 0;
	if (decode_paragraph(s, n, &t) != 0)
		return -1;
	if (fold_text(t.cp, t.len, &f) != 0) {
		decode_free(&t);
		return -1;
	}
	for (long at = fold_find(&f, needle, 0); at >= 0;
	     at = fold_find(&f, needle, (size_t)at + needle->len)) {
		struct search_hit h = {.article = article, .block = block};
		if (*kept >= SEARCH_HITS_PER_ARTICLE) {
			(*more)++;
			continue;
		}
		fold_source_range(&f, (size_t)at, needle->len, &h.char_start, &h.char_end);
		h.byte_start = t.byte_off[h.char_start];
		h.byte_end = t.byte_off[h.char_end];
		h.context = context_of(&t, h.char_start, h.char_end, &h.ctx_start);
		h.ctx_end = h.ctx_start + (h.char_end - h.char_start);
		if (!h.context || add_hit(r, cap, &h) != 0) {
			free(h.context);
			rc = -1;
			break;
		}
		(*kept)++;
	}
	fold_free(&f);
	decode_free(&t);
	return rc;
}

/* What each BMP character folds to for the index's texts, once worked out
 * by fold_text (which folds each character on its own): 0 not yet,
 * BODY_NONE nothing, BODY_MANY several characters (folded each time),
 * else the one character plus BODY_ONE. The same whichever thread writes
 * it first: relaxed atomics are enough. */
enum { BODY_NONE = 1, BODY_ONE = 2, BODY_MANY = UINT32_MAX };
static _Atomic uint32_t body_memo[0x10000];

/* Room for `more` bytes and a terminator after *len. 0, or -1. */
static int body_room(char **buf, size_t *len, size_t *cap, size_t more)
{
	if (*len + more + 1 <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 256;
	while (*len + more + 1 > nc)
		nc *= 2;
	char *nb = realloc(*buf, nc);
	if (!nb)
		return -1;
	*buf = nb;
	*cap = nc;
	return 0;
}

/* Appends c in UTF-8 at o; the byte after it, or NULL when c is not a
 * character (a failure, as in decode_to_utf8). */
static unsigned char *put_utf8(unsigned char *o, uint32_t c)
{
	if (c < 0x80) {
		*o++ = (unsigned char)c;
	} else if (c < 0x800) {
		*o++ = (unsigned char)(0xC0 | c >> 6);
		*o++ = (unsigned char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000 && (c < 0xD800 || c >= 0xE000)) {
		*o++ = (unsigned char)(0xE0 | c >> 12);
		*o++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (c & 0x3F));
	} else if (c >= 0x10000 && c < 0x110000) {
		*o++ = (unsigned char)(0xF0 | c >> 18);
		*o++ = (unsigned char)(0x80 | (c >> 12 & 0x3F));
		*o++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (c & 0x3F));
	} else {
		return NULL;
	}
	return o;
}

/* Appends the folded text of bytes s[0..n) to buf (a line feed first when
 * it is not empty), encoded in UTF-8: what fold_text gives for the text
 * decode_paragraph gives, encoded as decode_to_utf8 would. Printable
 * ASCII decodes to itself and folds to its lower case; any other
 * character is folded on its own (fold_text folds each character
 * independently), once for each BMP character (body_memo). */
static int append_folded(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n && u[i] >= 0x20 && u[i] < 0x7f)
		i++;
	if (i == n) { /* all printable ASCII: no decoding */
		if (body_room(buf, len, cap, n + 1) != 0)
			return -1;
		char *o = *buf + *len;
		if (*len)
			*o++ = '\n';
		for (i = 0; i < n; i++)
			o[i] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 : u[i]);
		*len = (size_t)(o + n - *buf);
		(*buf)[*len] = 0;
		return 0;
	}
	struct decoded_text d;
	if (decode_paragraph(s, n, &d) != 0)
		return -1;
	/* a character folds to one mostly: room for that, more when not */
	int r = body_room(buf, len, cap, 4 * d.len + 1);
	unsigned char *o = r == 0 ? (unsigned char *)*buf + *len : NULL;
	if (r == 0 && *len)
		*o++ = '\n';
	for (size_t k = 0; k < d.len && r == 0; k++) {
		uint32_t c = d.cp[k];
		if (c < 0x80) {
			*o++ = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		uint32_t m = c < 0x10000 ? atomic_load_explicit(&body_memo[c], memory_order_relaxed) : 0;
		if (m == BODY_NONE)
			continue;
		if (m >= BODY_ONE && m != BODY_MANY) {
			if (!(o = put_utf8(o, m - BODY_ONE)))
				r = -1;
			continue;
		}
		struct fold_text f;
		if (fold_text(&c, 1, &f) != 0) {
			r = -1;
			break;
		}
		if (c < 0x10000)
			atomic_store_explicit(&body_memo[c],
			                      f.len == 0   ? BODY_NONE
			                      : f.len == 1 ? f.cp[0] + BODY_ONE
			                                   : BODY_MANY,
			                      memory_order_relaxed);
		if (f.len > 1) { /* room for the rest of the text after these */
			size_t at = (size_t)(o - (unsigned char *)*buf);
			r = body_room(buf, &at, cap, 4 * (f.len + d.len - k));
			o = (unsigned char *)*buf + at;
		}
		for (size_t j = 0; j < f.len && r == 0; j++)
			if (!(o = put_utf8(o, f.cp[j])))
				r = -1;
		fold_free(&f);
	}
	decode_free(&d);
	if (r != 0)
		return -1;
	*len = (size_t)(o - (unsigned char *)*buf);
	(*buf)[*len] = 0;
	return 0;
}

int search_fold_body(const char *title, const struct article_text *t, char **out, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (append_folded(&buf, &n, &cap, title, strlen(title)) != 0)
		goto fail;
	for (size_t b = 0; b < t->nblocks; b++) {
		const struct article_block *bl = &t->blocks[b];
		size_t sn;
		if (!article_block_is_text(bl->kind) || bl->dup_of >= 0)
			continue;
		const char *s = article_block_text(t, b, &sn);
		if (append_folded(&buf, &n, &cap, s, sn) != 0)
			goto fail;
	}
	if (!buf && !(buf = calloc(1, 1)))
		return -1;
	*out = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	return -1;
}

struct search_run {
	const struct corpus *c;
	struct fold_text needle;
	unsigned char *cand;  /* per article: its title or text may hold the
	                         needle (from the index); NULL: every one may */
	size_t next;          /* the next article to look at */
	size_t cap;           /* of the result's hits */
	int indexed;
};

/* Marks the articles whose text the index says may hold the needle: the
 * row ids the trigram table gives, set in a bitmap over the ids, then each
 * article's id looked up there (an article whose id the load did not learn
 * is always read). No path is compared, so a word most articles hold costs
 * the table's lists and one pass over the articles. Returns 0, or -1 when
 * the index cannot answer (then: every article). */
/* The articles that may hold the folded needle (see search_candidates): no
 * answer for a needle shorter than SEARCH_INDEX_MIN, with no index, or while
 * a deferred load still reads or checks files (the index does not hold
 * them all then). */
static int candidates_of(const struct corpus *c, const struct fold_text *needle,
                         unsigned char **cand)
{
	size_t un, nids;
	long long *ids;
	*cand = NULL;
	const char *file = corpus_index_ready(c);
	if (needle->len < SEARCH_INDEX_MIN || !file)
		return -1;
	char *u = decode_to_utf8(needle->cp, needle->len, &un);
	if (!u || strlen(u) != un ||
	    cindex_candidate_ids(file, c->index_generation, u, &ids, &nids) != 0) {
		free(u);
		return -1;
	}
	free(u);
	uint32_t max = 0;
	for (size_t i = 0; i < c->narticles; i++)
		if (c->articles[i].index_id > max)
			max = c->articles[i].index_id;
	unsigned char *bits = calloc((size_t)max / 8 + 1, 1);
	int r = -1;
	if (bits && (*cand = calloc(c->narticles ? c->narticles : 1, 1))) {
		for (size_t i = 0; i < nids; i++)
			if (ids[i] > 0 && ids[i] <= max)
				bits[ids[i] / 8] |= (unsigned char)(1u << (ids[i] % 8));
		for (size_t i = 0; i < c->narticles; i++) {
			uint32_t id = c->articles[i].index_id;
			(*cand)[i] = id == 0 || (bits[id / 8] >> (id % 8) & 1);
		}
		r = 0;
	}
	free(bits);
	free(ids);
	return r;
}

static int index_candidates(struct search_run *s)
{
	return candidates_of(s->c, &s->needle, &s->cand);
}

int search_candidates(const struct corpus *c, const char *query, unsigned char **cand)
{
	struct fold_text needle;
	*cand = NULL;
	if (fold_utf8(query, strlen(query), &needle) != 0)
		return -1;
	int r = candidates_of(c, &needle, cand);
	fold_free(&needle);
	return r;
}

struct search_run *search_begin(const struct corpus *c, const char *query,
                                struct search_result *out)
{
	memset(out, 0, sizeof *out);
	struct search_run *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->c = c;
	if (fold_utf8(query, strlen(query), &s->needle) != 0) {
		free(s);
		return NULL;
	}
	if (s->needle.len == 0)
		s->next = c->narticles; /* nothing to find */
	/* (while a deferred load reads files, the index does not hold them
	 * all: every article is searched) */
	else if (index_candidates(s) == 0)
		s->indexed = 1;
	out->indexed = s->indexed;
	return s;
}

/* Title and text of article i: its hits appended to out. */
static int search_article(struct search_run *s, size_t i, struct search_result *out)
{
	const struct corpus_article *a = &s->c->articles[i];
	size_t kept = 0, more = 0;
	if (s->cand && !s->cand[i])
		return 0;
	/* a title taken from the text is searched there, not twice */
	if (!(a->detected & CORPUS_DETECTED_TITLE) &&
	    search_text(a->title, strlen(a->title), &s->needle, i, -1, out, &s->cap, &kept,
	                &more) != 0)
		return -1;
	const struct article_text *t = corpus_article_text(a);
	for (size_t b = 0; b < t->nblocks; b++) {
		const struct article_block *bl = &t->blocks[b];
		size_t n;
		if (!article_block_is_text(bl->kind) || bl->dup_of >= 0)
			continue;
		const char *txt = article_block_text(t, b, &n);
		if (search_text(txt, n, &s->needle, i, (long)b, out, &s->cap, &kept, &more) != 0)
			return -1;
	}
	if (more)
		out->hits[out->n - 1].more = more;
	out->total += kept + more;
	return 0;
}

int search_next(struct search_run *s, size_t want, struct search_result *out)
{
	size_t goal = out->n + want < out->n ? SIZE_MAX : out->n + want;
	while (s->next < s->c->narticles && out->n < goal) {
		if (search_article(s, s->next, out) != 0)
			return -1;
		s->next++;
	}
	out->done = s->next >= s->c->narticles;
	return !out->done;
}

size_t search_left(const struct search_run *s)
{
	return s->c->narticles - s->next;
}

void search_end(struct search_run *s)
{
	if (!s)
		return;
	fold_free(&s->needle);
	free(s->cand);
	free(s);
}

int search_corpus(const struct corpus *c, const char *query, struct search_result *out)
{
	struct search_run *s = search_begin(c, query, out);
	if (!s)
		return -1;
	int r = search_next(s, SIZE_MAX, out);
	search_end(s);
	if (r < 0) {
		search_result_free(out);
		return -1;
	}
	return 0;
}

void search_result_free(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->hits[i].context);
	free(r->hits);
	r->hits = NULL;
	r->n = 0;
	r->total = 0;
	r->done = 0;
}
