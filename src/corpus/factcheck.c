/* factcheck.c — owns the comparison of the facts of two aligned runs of
 * paragraphs (factcheck.h): every fact of both runs is read (facts.c), each
 * fact of run a is matched with the first unmatched fact of run b stating
 * the same value, and what is left over — or matched under another
 * qualifier — is reported as a difference. */
#include "tandem/factcheck.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tandem/corpus.h"
#include "tandem/index.h"

/* A fact with the paragraph it came from. */
struct located {
	struct fact f;
	size_t para;
	int matched;
	int qual_differs;
};

static int collect(const struct factcheck_run *r, struct located **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (size_t p = 0; p < r->n; p++) {
		struct fact_list fl;
		if (facts_find_ordered(r->para[p], r->len[p], &r->date, r->order, &fl) != 0)
			goto fail;
		for (size_t i = 0; i < fl.n; i++) {
			if (*n == cap) {
				size_t c = cap ? 2 * cap : 16;
				struct located *nl = realloc(*out, c * sizeof *nl);
				if (!nl) {
					facts_free(&fl);
					goto fail;
				}
				*out = nl;
				cap = c;
			}
			(*out)[(*n)++] = (struct located){fl.items[i], p, 0, 0};
		}
		facts_free(&fl);
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

static int push(struct factcheck_diffs *d, int side, const struct located *l)
{
	if (d->n == d->cap) {
		size_t c = d->cap ? 2 * d->cap : 16;
		struct factcheck_diff *nd = realloc(d->items, c * sizeof *nd);
		if (!nd)
			return -1;
		d->items = nd;
		d->cap = c;
	}
	d->items[d->n++] = (struct factcheck_diff){side, l->para, l->f, l->qual_differs};
	return 0;
}

void factcheck_diffs_free(struct factcheck_diffs *d)
{
	free(d->items);
	memset(d, 0, sizeof *d);
}

int factcheck_runs(const struct factcheck_run *a, const struct factcheck_run *b,
                   struct factcheck_diffs *d)
{
	struct located *fa = NULL, *fb = NULL;
	size_t na = 0, nb = 0;
	int r = -1;
	if (collect(a, &fa, &na) != 0 || collect(b, &fb, &nb) != 0)
		goto out;
	/* the same value and qualifier first, then the same value */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < na; i++) {
			if (fa[i].matched)
				continue;
			for (size_t j = 0; j < nb; j++) {
				if (fb[j].matched || !facts_same_value(&fa[i].f, &fb[j].f))
					continue;
				if (pass == 0 && fa[i].f.qual != fb[j].f.qual)
					continue;
				fa[i].matched = fb[j].matched = 1;
				fa[i].qual_differs = fb[j].qual_differs = fa[i].f.qual != fb[j].f.qual;
				break;
			}
		}
	for (size_t i = 0; i < na; i++)
		if ((!fa[i].matched || fa[i].qual_differs) && push(d, 0, &fa[i]) != 0)
			goto out;
	for (size_t j = 0; j < nb; j++)
		if ((!fb[j].matched || fb[j].qual_differs) && push(d, 1, &fb[j]) != 0)
			goto out;
	r = 0;
out:
	free(fa);
	free(fb);
	return r;
}

/* ---- the table of several reports ---------------------------------------- */

/* Longest run of characters two folded words share. */
static size_t common_chars(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), best = 0;
	for (size_t i = 0; i < la; i++)
		for (size_t j = 0; j < lb; j++) {
			size_t k = 0, chars = 0;
			while (i + k < la && j + k < lb && a[i + k] == b[j + k]) {
				if (((unsigned char)a[i + k] & 0xc0) != 0x80)
					chars++;
				k++;
			}
			if (chars > best)
				best = chars;
		}
	return best;
}

static size_t chars_of(const char *w)
{
	return u8_mbsnlen((const uint8_t *)w, strlen(w));
}

static size_t find_root(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void join(size_t *parent, size_t a, size_t b)
{
	a = find_root(parent, a);
	b = find_root(parent, b);
	if (a != b)
		parent[a > b ? a : b] = a < b ? a : b;
}

static const struct factcheck_table *sort_table;
static size_t *sort_parent;

static int cmp_word(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The index of w in the sorted distinct words (it is there). */
static size_t word_index(const char **words, size_t m, const char *w)
{
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(words[mid], w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int by_root_article(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	size_t ri = find_root(sort_parent, i), rj = find_root(sort_parent, j);
	if (ri != rj)
		return ri < rj ? -1 : 1;
	size_t ai = sort_table->items[i].article, aj = sort_table->items[j].article;
	return ai < aj ? -1 : ai > aj;
}

static int by_group(const void *x, const void *y)
{
	const struct factcheck_entry *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->article != b->article)
		return a->article < b->article ? -1 : 1;
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	return a->fact.off < b->fact.off ? -1 : a->fact.off > b->fact.off;
}

static void lists_free(struct fact_list *lists, size_t n)
{
	for (size_t k = 0; k < n; k++)
		facts_free(&lists[k]);
	free(lists);
}

/* cindex_extras' rows for articles_facts: each one's facts, when found
 * with the article's date as it is now. */
struct stored {
	const struct corpus *c;
	const size_t *idx;
	const uint64_t *order;    /* (index_id << 32 | place in idx), in idx's order */
	size_t norder;
	struct fact_list *lists;
	unsigned char *have;
};

static int take_stored(void *arg, long long id, const void *data, size_t len)
{
	struct stored *s = arg;
	for (size_t i = 0; i < s->norder; i++) { /* an event's few articles */
		if ((long long)(s->order[i] >> 32) != id)
			continue;
		size_t k = (size_t)(s->order[i] & UINT32_MAX);
		struct date_ymd context;
		struct fact_list fl;
		if (s->have[k] || facts_unpack(data, len, &context, &fl) != 0)
			continue; /* damaged: found in the text */
		if (dates_compare(&context, &s->c->articles[s->idx[k]].date)) {
			facts_free(&fl);
			continue;
		}
		s->lists[k] = fl;
		s->have[k] = 1;
	}
	return 0;
}

/* The facts of articles idx[0..n): those the index keeps (read without
 * their texts), the others found in their texts. NULL when memory runs
 * out; free with lists_free. */
static struct fact_list *articles_facts(const struct corpus *c, const size_t *idx, size_t n)
{
	struct fact_list *lists = calloc(n ? n : 1, sizeof *lists);
	unsigned char *have = calloc(n ? n : 1, 1);
	uint64_t *order = malloc((n ? n : 1) * sizeof *order);
	long long *ids = malloc((n ? n : 1) * sizeof *ids);
	const char *file = corpus_index_ready(c);
	if (!lists || !have || !order || !ids)
		goto fail;
	struct stored s = {.c = c, .idx = idx, .order = order, .lists = lists, .have = have};
	for (size_t k = 0; k < n; k++)
		if (c->articles[idx[k]].index_id) {
			ids[s.norder] = c->articles[idx[k]].index_id;
			order[s.norder++] = (uint64_t)c->articles[idx[k]].index_id << 32 | k;
		}
	if (file && s.norder)
		cindex_extras(file, c->index_generation, CINDEX_FACTS, 0, ids, s.norder, take_stored,
		              &s); /* when it cannot answer, every text is read */
	for (size_t k = 0; k < n; k++) {
		const struct corpus_article *a = &c->articles[idx[k]];
		if (have[k])
			continue;
		const struct article_text *t = corpus_article_pin(a);
		int r;
		if (a->detected & CORPUS_INFERRED_DATE) {
			/* the article's dates are kept as found against its own (no)
			 * date; its facts take the year of the date inferred */
			struct date_mention *own = NULL;
			size_t nown = 0;
			r = dates_find_ordered(t->raw, t->raw_len, &a->date, dates_order_of(a->lang), &own,
			                       &nown);
			if (r == 0)
				r = facts_of_text(t, own, nown, &lists[k]);
			free(own);
		} else {
			const struct date_mention *dm = corpus_article_dates(a);
			r = !dm && a->ndates ? -1 : facts_of_text(t, dm, dm ? a->ndates : 0, &lists[k]);
		}
		corpus_article_unpin(a);
		if (r != 0)
			goto fail;
	}
	free(have);
	free(order);
	free(ids);
	return lists;
fail:
	if (lists)
		lists_free(lists, n);
	free(have);
	free(order);
	free(ids);
	return NULL;
}

int factcheck_table_build(const struct corpus *c, const size_t *idx, size_t n,
                          struct factcheck_table *t)
{
	size_t cap = 0, *parent = NULL, *rank = NULL, *order = NULL;
	const char **words = NULL;
	memset(t, 0, sizeof *t);
	struct fact_list *lists = articles_facts(c, idx, n);
	if (!lists)
		goto fail;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < lists[k].n; i++) {
			if (t->n == cap) {
				size_t nc = cap ? 2 * cap : 32;
				struct factcheck_entry *ne = realloc(t->items, nc * sizeof *ne);
				if (!ne) {
					lists_free(lists, n);
					goto fail;
				}
				t->items = ne;
				cap = nc;
			}
			const struct fact *f = &lists[k].items[i];
			t->items[t->n++] = (struct factcheck_entry){idx[k], f->block, *f, 0};
		}
	}
	lists_free(lists, n);
	/* groups: a union-find over the facts and the distinct words beside
	 * them (nodes t->n ..): a number joins its word and a long word after
	 * it, alike words join each other, every date joins the first date */
	size_t nw = 0;
	words = malloc((2 * t->n + 1) * sizeof *words);
	if (!words)
		goto fail;
	for (size_t i = 0; i < t->n; i++) {
		const struct fact *f = &t->items[i].fact;
		if (f->kind != FACT_NUMBER)
			continue;
		if (f->word[0])
			words[nw++] = f->word;
		if (chars_of(f->next) >= FACTCHECK_LINK)
			words[nw++] = f->next;
	}
	if (nw)
		qsort(words, nw, sizeof *words, cmp_word);
	size_t m = 0;
	for (size_t i = 0; i < nw; i++)
		if (!m || strcmp(words[m - 1], words[i]))
			words[m++] = words[i];
	parent = malloc((t->n + m + 1) * sizeof *parent);
	if (!parent)
		goto fail;
	for (size_t i = 0; i < t->n + m; i++)
		parent[i] = i;
	for (size_t x = 0; x < m; x++)
		for (size_t y = x + 1; y < m; y++)
			if (common_chars(words[x], words[y]) >= FACTCHECK_STEM)
				join(parent, t->n + x, t->n + y);
	long first_date = -1;
	for (size_t i = 0; i < t->n; i++) {
		const struct fact *f = &t->items[i].fact;
		if (f->kind == FACT_DATE) {
			if (first_date < 0)
				first_date = (long)i;
			else
				join(parent, (size_t)first_date, i);
			continue;
		}
		if (f->word[0])
			join(parent, i, t->n + word_index(words, m, f->word));
		if (chars_of(f->next) >= FACTCHECK_LINK)
			join(parent, i, t->n + word_index(words, m, f->next));
	}
	/* per group, the articles it draws on: facts sorted by (root, article) */
	order = malloc((t->n + 1) * sizeof *order);
	rank = calloc(t->n + m + 1, sizeof *rank);
	if (!order || !rank)
		goto fail;
	for (size_t i = 0; i < t->n; i++)
		order[i] = i;
	sort_parent = parent;
	sort_table = t;
	if (t->n)
		qsort(order, t->n, sizeof *order, by_root_article);
	size_t *articles_of = rank; /* per root */
	for (size_t k = 0; k < t->n; k++) {
		size_t i = order[k], r = find_root(parent, i);
		if (k == 0 || find_root(parent, order[k - 1]) != r ||
		    t->items[order[k - 1]].article != t->items[i].article)
			articles_of[r]++;
	}
	/* number the groups (a root may be a word node): numbers that two or
	 * more articles give first, then the other numbers, then the dates, each
	 * in order of first appearance */
	size_t *group_of_root = calloc(t->n + m + 1, sizeof *group_of_root);
	if (!group_of_root)
		goto fail;
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < t->n; i++) {
			size_t r = find_root(parent, i);
			int date = t->items[i].fact.kind == FACT_DATE;
			int want = date ? pass == 2 : pass == (articles_of[r] >= 2 ? 0 : 1);
			if (group_of_root[r] || !want)
				continue;
			group_of_root[r] = ++t->ngroups; /* 1-based here */
		}
	t->group_articles = calloc(t->ngroups + 1, sizeof *t->group_articles);
	if (!t->group_articles) {
		free(group_of_root);
		goto fail;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t r = find_root(parent, i);
		t->items[i].group = group_of_root[r] - 1;
		t->group_articles[group_of_root[r] - 1] = articles_of[r];
	}
	free(group_of_root);
	if (t->n)
		qsort(t->items, t->n, sizeof *t->items, by_group);
	free(words);
	free(parent);
	free(rank);
	free(order);
	return 0;
fail:
	free(words);
	free(parent);
	free(rank);
	free(order);
	factcheck_table_free(t);
	return -1;
}

void factcheck_table_free(struct factcheck_table *t)
{
	free(t->items);
	free(t->group_articles);
	memset(t, 0, sizeof *t);
}

const char *factcheck_group_word(const struct factcheck_table *t, size_t group)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->items[i].group == group) {
			if (t->items[i].fact.kind == FACT_DATE)
				return "dates";
			if (t->items[i].fact.word[0])
				return t->items[i].fact.word;
		}
	return "-";
}
