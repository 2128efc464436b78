/* search.c — owns corpus-wide search: each article's title (unless it was
 * taken from its first paragraph) and text blocks are decoded and folded
 * (fold.h), the folded query is looked for in each, and every hit is
 * reported with its block, its byte and character ranges and a one-line
 * context snippet — the first SEARCH_HITS_PER_ARTICLE of an article; the
 * rest are only counted. */
#include "tandem/search.h"

#include <stdlib.h>
#include <string.h>

#include "tandem/decode.h"
#include "tandem/fold.h"

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

int search_corpus(const struct corpus *c, const char *query, struct search_result *out)
{
	struct fold_text needle;
	size_t cap = 0;
	out->hits = NULL;
	out->n = 0;
	out->total = 0;
	if (fold_utf8(query, strlen(query), &needle) != 0)
		return -1;
	if (needle.len == 0) {
		fold_free(&needle);
		return 0;
	}
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		size_t kept = 0, more = 0;
		/* a title taken from the text is searched there, not twice */
		if (!(a->detected & CORPUS_DETECTED_TITLE) &&
		    search_text(a->title, strlen(a->title), &needle, i, -1, out, &cap, &kept,
		                &more) != 0)
			goto fail;
		const struct article_text *t = corpus_article_text(a);
		for (size_t b = 0; b < t->nblocks; b++) {
			const struct article_block *bl = &t->blocks[b];
			size_t n;
			if (!article_block_is_text(bl->kind) || bl->dup_of >= 0)
				continue;
			const char *s = article_block_text(t, b, &n);
			if (search_text(s, n, &needle, i, (long)b, out, &cap, &kept, &more) != 0)
				goto fail;
		}
		if (more)
			out->hits[out->n - 1].more = more;
		out->total += kept + more;
	}
	fold_free(&needle);
	return 0;
fail:
	fold_free(&needle);
	search_result_free(out);
	return -1;
}

void search_result_free(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->hits[i].context);
	free(r->hits);
	r->hits = NULL;
	r->n = 0;
	r->total = 0;
}
