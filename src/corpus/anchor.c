/* anchor.c — owns the alignment of two different reports by shared anchors
 * (anchor.h). The method, in order:
 *   1. each paragraph's anchors: the keys of its facts (facts.h: "n:1500",
 *      "d:2025-10-25", and for a day its month too, "d:2025-10") and its names ("w:" + a capitalised Latin-script word
 *      of three letters or more, folded, that does not open a sentence);
 *   2. an anchor found in both texts weighs by how rare it is: with N =
 *      na + nb + 1 and df the paragraphs holding it on both sides, a number
 *      or date FACT_WEIGHT * log(1 + N / df) (a number shared by two short
 *      texts still counts), a name NAME_WEIGHT * log(N / df) (a name every
 *      paragraph holds weighs nothing); an anchor in more than
 *      MAX_PAIRS_PER_KEY paragraph pairs is too common to tell anything;
 *   3. a pair of paragraphs is a candidate when the anchors it shares weigh
 *      MIN_PAIR_WEIGHT or more (one rare number or date does, one rare name
 *      alone does not);
 *      then gains up to POSITION_BONUS the nearer it lies to the diagonal
 *      (relative positions in the two texts), which settles ties;
 *   4. the alignment is the heaviest chain of candidates increasing on both
 *      sides, found in O(k log n) for k candidates with a Fenwick tree of
 *      prefix maxima over the second text's paragraphs;
 *   5. paragraphs outside the chain become 1-0 and 0-1 beads: they stand
 *      alone, never force-paired.
 * Memory is linear in the paragraphs and the candidates. */
#include "tandem/anchor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "tandem/facts.h"
#include "tandem/fold.h"

#define MAX_PAIRS_PER_KEY 64
#define MIN_PAIR_WEIGHT 3.0
#define MIN_NAME_CHARS 3
#define POSITION_BONUS 1.0
#define FACT_WEIGHT 3.0
#define NAME_WEIGHT 1.0

struct keyset {
	char **k;
	size_t n, cap;
};

static int keyset_add(struct keyset *s, const char *key)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		char **k = realloc(s->k, cap * sizeof *k);
		if (!k)
			return -1;
		s->k = k;
		s->cap = cap;
	}
	if (!(s->k[s->n] = strdup(key)))
		return -1;
	s->n++;
	return 0;
}

static void keyset_free(struct keyset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->k[i]);
	free(s->k);
	memset(s, 0, sizeof *s);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int is_latin_upper(ucs4_t c)
{
	if (!uc_is_upper(c))
		return 0;
	const uc_script_t *sc = uc_script(c);
	return sc && !strcmp(sc->name, "Latin");
}

/* Names: capitalised Latin-script words that do not open a sentence. */
static int add_names(struct keyset *s, const uint8_t *t, size_t n)
{
	size_t i = 0;
	int sentence_start = 1;
	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, t + i, n - i);
		size_t len = k > 0 ? (size_t)k : 1;
		if (!uc_is_alpha(c)) {
			if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x061f || c == 0x06d4)
				sentence_start = 1;
			else if (c != ' ' && c != '"' && c != '(' && c != 0xab && c != 0x201c &&
			         c != 0xa0 && c != '\'' && c != 0x2018)
				sentence_start = 0;
			i += len;
			continue;
		}
		size_t start = i, chars = 0;
		int cap = is_latin_upper(c);
		while (i < n) {
			k = u8_mbtouc(&c, t + i, n - i);
			len = k > 0 ? (size_t)k : 1;
			if (!uc_is_alpha(c) && !uc_is_general_category(c, UC_CATEGORY_M))
				break;
			chars++;
			i += len;
		}
		if (cap && !sentence_start && chars >= MIN_NAME_CHARS) {
			struct fold_text f;
			if (fold_utf8((const char *)t + start, i - start, &f) != 0)
				return -1;
			size_t ulen = 0;
			uint8_t *u = u32_to_u8(f.cp, f.len, NULL, &ulen);
			fold_free(&f);
			if (!u)
				return -1;
			char key[80];
			snprintf(key, sizeof key, "w:%.*s", (int)(ulen < 70 ? ulen : 70), (char *)u);
			free(u);
			if (keyset_add(s, key) != 0)
				return -1;
		}
		sentence_start = 0;
	}
	return 0;
}

/* The distinct anchors of one paragraph, sorted. */
static int para_keys(const char *text, size_t len, const struct date_ymd *date,
                     struct keyset *s)
{
	struct fact_list fl;
	memset(s, 0, sizeof *s);
	if (facts_find(text, len, date, &fl) != 0)
		return -1;
	for (size_t i = 0; i < fl.n; i++) {
		const struct fact *f = &fl.items[i];
		char key[96];
		int r = keyset_add(s, facts_key(f, key, sizeof key));
		/* a day also stands for its month: "décembre 2024" meets
		 * "24 Desember 2024" */
		if (!r && f->kind == FACT_DATE && f->from.d && f->from.m == f->to.m &&
		    f->from.y == f->to.y) {
			char month[16];
			struct date_ymd m = {f->from.y, f->from.m, 0};
			snprintf(key, sizeof key, "d:%s", dates_format(&m, month));
			r = keyset_add(s, key);
		}
		if (r != 0) {
			facts_free(&fl);
			keyset_free(s);
			return -1;
		}
	}
	facts_free(&fl);
	if (add_names(s, (const uint8_t *)text, len) != 0) {
		keyset_free(s);
		return -1;
	}
	if (s->n)
		qsort(s->k, s->n, sizeof *s->k, cmp_str);
	size_t w = 0;
	for (size_t r = 0; r < s->n; r++) {
		if (w && !strcmp(s->k[w - 1], s->k[r])) {
			free(s->k[r]);
			continue;
		}
		s->k[w++] = s->k[r];
	}
	s->n = w;
	return 0;
}

int anchor_keys(const char *text, size_t len, const struct date_ymd *date, char ***keys,
                size_t *nkeys)
{
	struct keyset s;
	if (para_keys(text, len, date, &s) != 0)
		return -1;
	*keys = s.k;
	*nkeys = s.n;
	return 0;
}

/* An occurrence of a key: side 0 (a) or 1 (b), paragraph. */
struct occ {
	const char *key;
	int side;
	size_t para;
};

static int cmp_occ(const void *x, const void *y)
{
	const struct occ *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	if (a->side != b->side)
		return a->side - b->side;
	return a->para < b->para ? -1 : a->para > b->para;
}

struct cand {
	size_t i, j;
	double w;
	double best;   /* heaviest chain ending here */
	long prev;     /* the candidate before it in that chain, -1 */
};

static int cmp_cand_ij(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* i ascending, j descending: candidates of one paragraph of a never chain. */
static int cmp_cand_order(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j > b->j ? -1 : a->j < b->j;
}

/* Fenwick tree of prefix maxima: for positions 1..n, the heaviest chain
 * (and its last candidate) ending at a paragraph of b at or before it. */
struct fenwick {
	double *best;
	long *idx;
	size_t n;
};

static void fen_update(struct fenwick *f, size_t pos, double v, long idx)
{
	for (; pos <= f->n; pos += pos & (~pos + 1))
		if (v > f->best[pos]) {
			f->best[pos] = v;
			f->idx[pos] = idx;
		}
}

static void fen_query(const struct fenwick *f, size_t pos, double *v, long *idx)
{
	*v = 0;
	*idx = -1;
	for (; pos > 0; pos -= pos & (~pos + 1))
		if (f->best[pos] > *v) {
			*v = f->best[pos];
			*idx = f->idx[pos];
		}
}

static int push_bead(struct align_bead **b, size_t *n, size_t *cap, size_t as, size_t al,
                     size_t bs, size_t bl, double cost)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		struct align_bead *nb = realloc(*b, c * sizeof *nb);
		if (!nb)
			return -1;
		*b = nb;
		*cap = c;
	}
	(*b)[(*n)++] = (struct align_bead){as, al, bs, bl, cost};
	return 0;
}

/* Beads for the unmatched paragraphs a[ai..ae) then b[bi..be). */
static int lone_beads(struct align_bead **b, size_t *n, size_t *cap, size_t ai, size_t ae,
                      size_t bi, size_t be)
{
	for (size_t i = ai; i < ae; i++)
		if (push_bead(b, n, cap, i, 1, bi, 0, 0) != 0)
			return -1;
	for (size_t j = bi; j < be; j++)
		if (push_bead(b, n, cap, ae, 0, j, 1, 0) != 0)
			return -1;
	return 0;
}

int anchor_align(const struct anchor_text *a, const struct anchor_text *b,
                 struct align_bead **beads, size_t *nbeads)
{
	const struct anchor_text *t[2] = {a, b};
	struct keyset *ks[2] = {NULL, NULL};
	struct occ *occ = NULL;
	struct cand *cand = NULL;
	struct fenwick fen = {0};
	size_t nocc = 0, ncand = 0, candcap = 0, cap = 0;
	long *chain = NULL;
	int r = -1;
	*beads = NULL;
	*nbeads = 0;

	for (int side = 0; side < 2; side++) {
		ks[side] = calloc(t[side]->n + 1, sizeof *ks[side]);
		if (!ks[side])
			goto out;
		for (size_t p = 0; p < t[side]->n; p++) {
			if (para_keys(t[side]->para[p], t[side]->len[p], &t[side]->date, &ks[side][p]) != 0)
				goto out;
			nocc += ks[side][p].n;
		}
	}
	occ = malloc((nocc + 1) * sizeof *occ);
	if (!occ)
		goto out;
	nocc = 0;
	for (int side = 0; side < 2; side++)
		for (size_t p = 0; p < t[side]->n; p++)
			for (size_t k = 0; k < ks[side][p].n; k++)
				occ[nocc++] = (struct occ){ks[side][p].k[k], side, p};
	qsort(occ, nocc, sizeof *occ, cmp_occ);

	/* candidate pairs from every key both texts hold */
	double total = (double)(a->n + b->n) + 1;
	for (size_t g = 0; g < nocc;) {
		size_t e = g, mid;
		while (e < nocc && !strcmp(occ[e].key, occ[g].key))
			e++;
		for (mid = g; mid < e && occ[mid].side == 0; mid++)
			;
		size_t dfa = mid - g, dfb = e - mid;
		if (dfa && dfb && dfa * dfb <= MAX_PAIRS_PER_KEY) {
			double df = (double)(dfa + dfb);
			double w = occ[g].key[0] == 'w' ? NAME_WEIGHT * log(total / df)
			                                : FACT_WEIGHT * log(1.0 + total / df);
			for (size_t x = g; x < mid; x++)
				for (size_t y = mid; y < e; y++) {
					if (ncand == candcap) {
						size_t c = candcap ? 2 * candcap : 64;
						struct cand *nc = realloc(cand, c * sizeof *nc);
						if (!nc)
							goto out;
						cand = nc;
						candcap = c;
					}
					cand[ncand++] = (struct cand){occ[x].para, occ[y].para, w, 0, -1};
				}
		}
		g = e;
	}
	/* one candidate per pair, its weights summed, light ones dropped */
	if (ncand)
		qsort(cand, ncand, sizeof *cand, cmp_cand_ij);
	size_t w = 0;
	for (size_t k = 0; k < ncand; k++) {
		if (w && cand[w - 1].i == cand[k].i && cand[w - 1].j == cand[k].j)
			cand[w - 1].w += cand[k].w;
		else
			cand[w++] = cand[k];
	}
	ncand = 0;
	for (size_t k = 0; k < w; k++)
		if (cand[k].w >= MIN_PAIR_WEIGHT) {
			/* between equal pairs, the one nearer the diagonal: reports
			 * tell a story in much the same order */
			double da = (double)cand[k].i / (double)a->n, db = (double)cand[k].j / (double)b->n;
			cand[k].w += POSITION_BONUS * (1.0 - fabs(da - db));
			cand[ncand++] = cand[k];
		}
	if (ncand)
		qsort(cand, ncand, sizeof *cand, cmp_cand_order);

	/* the heaviest chain increasing in both texts */
	fen.n = b->n;
	fen.best = calloc(b->n + 1, sizeof *fen.best);
	fen.idx = malloc((b->n + 1) * sizeof *fen.idx);
	chain = malloc((ncand + 1) * sizeof *chain);
	if (!fen.best || !fen.idx || !chain)
		goto out;
	for (size_t k = 0; k <= b->n; k++)
		fen.idx[k] = -1;
	long last = -1;
	double top = 0;
	for (size_t k = 0; k < ncand; k++) {
		double v;
		long idx;
		fen_query(&fen, cand[k].j, &v, &idx); /* b paragraphs before j */
		cand[k].best = v + cand[k].w;
		cand[k].prev = idx;
		fen_update(&fen, cand[k].j + 1, cand[k].best, (long)k);
		if (cand[k].best > top) {
			top = cand[k].best;
			last = (long)k;
		}
	}
	size_t nchain = 0;
	for (long k = last; k >= 0; k = cand[k].prev)
		chain[nchain++] = k;

	/* beads, in order */
	size_t ai = 0, bi = 0;
	for (size_t c = nchain; c-- > 0;) {
		const struct cand *m = &cand[chain[c]];
		if (lone_beads(beads, nbeads, &cap, ai, m->i, bi, m->j) != 0 ||
		    push_bead(beads, nbeads, &cap, m->i, 1, m->j, 1, -m->w) != 0)
			goto out;
		ai = m->i + 1;
		bi = m->j + 1;
	}
	if (lone_beads(beads, nbeads, &cap, ai, a->n, bi, b->n) != 0)
		goto out;
	r = 0;
out:
	if (r != 0) {
		free(*beads);
		*beads = NULL;
		*nbeads = 0;
	}
	for (int side = 0; side < 2; side++) {
		if (!ks[side])
			continue;
		for (size_t p = 0; p < t[side]->n; p++)
			keyset_free(&ks[side][p]);
		free(ks[side]);
	}
	free(occ);
	free(cand);
	free(fen.best);
	free(fen.idx);
	free(chain);
	return r;
}
