/* factcheck.c — owns the comparison of the facts of two aligned runs of
 * paragraphs (factcheck.h): every fact of both runs is read (facts.c), each
 * fact of run a is matched with the first unmatched fact of run b stating
 * the same value, and what is left over — or matched under another
 * qualifier — is reported as a difference. */
#include "tandem/factcheck.h"

#include <stdlib.h>
#include <string.h>

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
		if (facts_find(r->para[p], r->len[p], &r->date, &fl) != 0)
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
