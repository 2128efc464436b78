/* view_kept.c — owns the views the reader keeps after closing them, so
 * that opening them again lays nothing out: the pages of the articles read
 * last and the comparison closed last, each with its layouts (of articles
 * the corpus's load has read and checked). One is given back only when it
 * was made with the reader's current page options and its articles' files
 * did not change on disk since they were read (a change is read again, as
 * when a page is made). */
#include <stdlib.h>
#include <string.h>

#include "tandem/compare.h"
#include "tandem/view.h"

static int same_opts(const struct page_opts *a, const struct page_opts *b)
{
	return a->shape == b->shape && a->mirror == b->mirror && a->reorder == b->reorder &&
	       a->header == b->header && a->dir == b->dir && a->reveal == b->reveal &&
	       a->no_pad == b->no_pad;
}

/* Whether the text a page of article a points into is still the article's:
 * its pin given back and taken again, which re-reads a file changed on disk
 * when no other page holds it (the pin count is unchanged). A text read
 * again has the file's new size or time, or other addresses (or the same
 * bytes at the same ones). */
static int text_current(const struct corpus_article *a)
{
	const struct article_text *t = corpus_article_text(a);
	const char *raw = t->raw;
	long long size = a->size, mtime = a->mtime_ns;
	corpus_article_unpin(a);
	const struct article_text *now = corpus_article_pin(a);
	return now == t && now->raw == raw && a->size == size && a->mtime_ns == mtime;
}

/* An article a deferred load will not touch again (corpus_load_step may
 * replace the strings of one it has not read or checked yet, which a page
 * points to): only such pages are kept. */
static int loaded(const struct corpus_article *a)
{
	return !(a->unparsed & (CORPUS_UNPARSED | CORPUS_UNVERIFIED));
}

/* A page shown as it was made: no repeat expanded. */
static int pristine(const struct page *p)
{
	size_t n = corpus_article_text(p->article)->nblocks;
	for (size_t i = 0; i < n; i++)
		if (p->expanded[i])
			return 0;
	return 1;
}

void view_keep_page(struct app *app, struct page *p)
{
	struct view_kept *k = &app->kept;
	if (!p)
		return;
	if (app->quitting || p->raw || !loaded(p->article) || !pristine(p)) {
		page_destroy(p);
		return;
	}
	page_destroy(k->pages[VIEW_KEPT_PAGES - 1]);
	memmove(k->pages + 1, k->pages, (VIEW_KEPT_PAGES - 1) * sizeof k->pages[0]);
	k->pages[0] = p;
}

struct page *view_take_page(struct app *app, const struct corpus_article *a)
{
	struct view_kept *k = &app->kept;
	for (size_t i = 0; i < VIEW_KEPT_PAGES; i++) {
		struct page *p = k->pages[i];
		if (!p || p->article != a)
			continue;
		memmove(k->pages + i, k->pages + i + 1, (VIEW_KEPT_PAGES - 1 - i) * sizeof k->pages[0]);
		k->pages[VIEW_KEPT_PAGES - 1] = NULL;
		if (same_opts(&p->opts, &app->popts) && text_current(a)) {
			/* no rows until the view lays it out (its pieces keep
			 * their layouts at their width) */
			p->width = 0;
			p->nrows = 0;
			return p;
		}
		page_destroy(p);
		return NULL;
	}
	return NULL;
}

void view_keep_compare(struct app *app, struct compare *cmp)
{
	int keep = !app->quitting;
	for (size_t c = 0; c < cmp->ncols; c++)
		keep &= loaded(cmp->cols[c]->article);
	if (!keep) {
		compare_destroy(cmp);
		return;
	}
	compare_destroy(app->kept.cmp);
	app->kept.cmp = cmp;
}

struct compare *view_take_compare(struct app *app, const size_t *idx, size_t n)
{
	struct compare *cmp = app->kept.cmp;
	if (!cmp || cmp->ncols != n)
		return NULL;
	for (size_t c = 0; c < n; c++)
		if (cmp->articles[c] != idx[c])
			return NULL;
	app->kept.cmp = NULL;
	int ok = 1;
	for (size_t c = 0; c < n; c++)
		ok &= same_opts(&cmp->cols[c]->opts, &app->popts) & text_current(cmp->cols[c]->article);
	if (ok)
		return cmp;
	compare_destroy(cmp);
	return NULL;
}

void view_kept_free(struct app *app)
{
	for (size_t i = 0; i < VIEW_KEPT_PAGES; i++) {
		page_destroy(app->kept.pages[i]);
		app->kept.pages[i] = NULL;
	}
	compare_destroy(app->kept.cmp);
	app->kept.cmp = NULL;
}
