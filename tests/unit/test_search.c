/* test_search.c — unit tests for corpus-wide search (src/corpus/search.c)
 * on the bundled corpus: diacritic-insensitive Latin matches, Arabic with
 * and without harakat and tatweel, no false hits, hit counts, contexts; and
 * on a generated corpus, the bound on the hits kept per article; a title
 * detected from the text found once, in the text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/search.h"
#include "tandem/timeline.h"

static struct corpus *corpus;

static int setup(void **state)
{
	(void)state;
	corpus = corpus_open_dir("corpus");
	return corpus && corpus->narticles ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	corpus_free(corpus);
	return 0;
}

static size_t hits_in(const struct search_result *r, const char *id)
{
	long a = corpus_find_article(corpus, id);
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += (long)r->hits[i].article == a;
	return n;
}

/* hanoi finds Hanoï in fr-rehearsal, and the hit's bytes are "Hanoï". */
static void test_diacritics(void **state)
{
	(void)state;
	struct search_result r;
	assert_int_equal(search_corpus(corpus, "hanoi", &r), 0);
	int found = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct search_hit *h = &r.hits[i];
		const struct corpus_article *a = &corpus->articles[h->article];
		const char *s = a->title;
		size_t n = strlen(s);
		if (h->block >= 0)
			s = article_block_text(corpus_article_text(a), (size_t)h->block, &n);
		assert_true(h->byte_end <= n);
		if (!strcmp(a->id, "fr-rehearsal") && h->byte_end - h->byte_start == strlen("Hanoï") &&
		    !memcmp(s + h->byte_start, "Hanoï", strlen("Hanoï")))
			found = 1;
		assert_non_null(h->context);
		assert_null(strchr(h->context, '\n'));
		/* ctx_start names the match in the context (two hits can share
		 * one): the context's bytes there are the match's */
		const char *c = h->context;
		for (size_t k = 0; k < h->ctx_start && *c; k++)
			do
				c++;
			while ((*c & 0xc0) == 0x80);
		assert_int_equal(h->ctx_end - h->ctx_start, h->char_end - h->char_start);
		assert_true(strlen(c) >= h->byte_end - h->byte_start);
		assert_memory_equal(c, s + h->byte_start, h->byte_end - h->byte_start);
	}
	assert_true(found);
	assert_true(hits_in(&r, "fr-rehearsal") > 0);
	search_result_free(&r);
}

/* A context starts and ends at whole words: after its "…" comes a word
 * the text has after a space, and before its closing "…" a word the text
 * has before one. */
static void test_context_whole_words(void **state)
{
	(void)state;
	struct search_result r;
	assert_int_equal(search_corpus(corpus, "convention", &r), 0);
	assert_true(r.n > 0);
	for (size_t i = 0; i < r.n; i++) {
		const char *c = r.hits[i].context;
		const struct corpus_article *a = &corpus->articles[r.hits[i].article];
		if (r.hits[i].block < 0)
			continue;
		size_t n;
		const char *s = article_block_text(corpus_article_text(a), (size_t)r.hits[i].block, &n);
		if (!strncmp(c, "\xe2\x80\xa6", 3)) {
			/* the first two words of the context follow a space in the
			 * text (two, so that a one-letter piece cannot pass) */
			const char *w = c + 3;
			size_t wl = strcspn(w, " ");
			if (w[wl] == ' ')
				wl += 1 + strcspn(w + wl + 1, " ");
			int ok = 0;
			for (const char *p = s; (p = memchr(p, *w, n - (size_t)(p - s))) != NULL; p++)
				if ((size_t)(p - s) + wl <= n && !memcmp(p, w, wl) && p > s && p[-1] == ' ')
					ok = 1;
			if (!ok)
				fail_msg("context starts mid-word: %s", c);
		}
		size_t cl = strlen(c);
		if (cl > 3 && !strcmp(c + cl - 3, "\xe2\x80\xa6"))
			assert_true(cl > 4 && c[cl - 4] != ' ');
	}
	search_result_free(&r);
}

/* Upper case and accents in the query fold too. */
static void test_query_folded(void **state)
{
	(void)state;
	struct search_result a, b;
	assert_int_equal(search_corpus(corpus, "HANOÏ", &a), 0);
	assert_int_equal(search_corpus(corpus, "hanoi", &b), 0);
	assert_int_equal(a.n, b.n);
	search_result_free(&a);
	search_result_free(&b);
}

/* هانوي without marks, with harakat and with tatweel: the same hits. */
static void test_arabic(void **state)
{
	(void)state;
	struct search_result plain, harakat, tatweel;
	assert_int_equal(search_corpus(corpus, "هانوي", &plain), 0);
	assert_int_equal(search_corpus(corpus, "هَانُوِي", &harakat), 0);
	assert_int_equal(search_corpus(corpus, "هـانـوي", &tatweel), 0);
	assert_true(hits_in(&plain, "ar-rehearsal") > 0);
	assert_int_equal(plain.n, harakat.n);
	assert_int_equal(plain.n, tatweel.n);
	assert_int_equal(hits_in(&plain, "fr-rehearsal"), 0);
	search_result_free(&plain);
	search_result_free(&harakat);
	search_result_free(&tatweel);
}

/* No false hits; an empty query finds nothing. */
static void test_no_hits(void **state)
{
	(void)state;
	struct search_result r;
	assert_int_equal(search_corpus(corpus, "zzqxw", &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	assert_int_equal(search_corpus(corpus, "", &r), 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
}

/* A word the French article has exactly once. */
static void test_count(void **state)
{
	(void)state;
	struct search_result r;
	assert_int_equal(search_corpus(corpus, "artistique", &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(hits_in(&r, "fr-rehearsal"), 1);
	assert_true(r.hits[0].block >= 0);
	assert_true(strstr(r.hits[0].context, "artistique") != NULL);
	search_result_free(&r);
}

/* Writes `text` to dir/name. */
static void write_file(const char *dir, const char *name, const char *text, char *path, size_t max)
{
	snprintf(path, max, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* An article that matches 250 times keeps its first SEARCH_HITS_PER_ARTICLE
 * hits, in text order, and counts the other 150 on its last kept hit;
 * another article's 3 hits are all kept; total counts them all. */
static void test_hits_bounded_per_article(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-search.XXXXXX", many[256], few[256];
	assert_non_null(mkdtemp(dir));
	size_t cap = 64 * 1024, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "Une introduction sans le mot.\n\n");
	for (int p = 0; p < 50; p++) { /* 50 paragraphs of 5 hits */
		n += (size_t)snprintf(text + n, cap - n, "Paragraphe %d :", p);
		for (int k = 0; k < 5; k++)
			n += (size_t)snprintf(text + n, cap - n, " zorglub%d", k);
		n += (size_t)snprintf(text + n, cap - n, ".\n\n");
	}
	write_file(dir, "many.txt", text, many, sizeof many);
	write_file(dir, "few.txt", "Rien ici.\n\nZorglub, zorglub et ZORGLUB.\n", few, sizeof few);
	char *files[] = { few, many };
	struct corpus *c = corpus_open_files(files, 2);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	long im = corpus_find_article(c, "many"), iff = corpus_find_article(c, "few");
	assert_true(im >= 0 && iff >= 0);

	struct search_result r;
	assert_int_equal(search_corpus(c, "zorglub", &r), 0);
	assert_int_equal(r.total, 253);
	assert_int_equal(r.n, SEARCH_HITS_PER_ARTICLE + 3);
	size_t kept = 0, more = 0, few_hits = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct search_hit *h = &r.hits[i];
		if ((long)h->article == iff) {
			few_hits++;
			assert_int_equal(h->more, 0);
			continue;
		}
		assert_int_equal((long)h->article, im);
		/* the k-th hit kept is the k-th in the text: paragraph k / 5
		 * (block 1 + k / 5, after the first line), word k % 5 */
		const struct corpus_article *a = &c->articles[im];
		size_t len;
		const char *s = article_block_text(corpus_article_text(a), (size_t)h->block, &len);
		assert_int_equal(h->block, (long)(1 + kept / 5));
		char want[16];
		snprintf(want, sizeof want, "zorglub%zu", kept % 5);
		assert_true(h->byte_end - h->byte_start == 7);
		assert_memory_equal(s + h->byte_start, want, 7);
		assert_int_equal(s[h->byte_end], want[7]);
		kept++;
		if (kept < SEARCH_HITS_PER_ARTICLE)
			assert_int_equal(h->more, 0);
		else
			more = h->more;
	}
	assert_int_equal(few_hits, 3);
	assert_int_equal(kept, SEARCH_HITS_PER_ARTICLE);
	assert_int_equal(more, 250 - SEARCH_HITS_PER_ARTICLE);
	search_result_free(&r);
	assert_int_equal(r.total, 0);

	/* a query the article matches fewer times than the bound: no rest */
	assert_int_equal(search_corpus(c, "zorglub3", &r), 0);
	assert_int_equal(r.n, 50);
	assert_int_equal(r.total, 50);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.hits[i].more, 0);
	search_result_free(&r);

	corpus_free(c);
	free(text);
	assert_int_equal(remove(many), 0);
	assert_int_equal(remove(few), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* A plain file's title is its first sentence: a word of it is found once,
 * in the paragraph, not a second time in the title taken from it. A
 * manifest's title is searched on its own (the bundled corpus's). */
static void test_detected_title_once(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-search.XXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	write_file(dir, "ru.txt", "Паводок в Оренбургской области\n\nУровень воды в реке Урал вырос.\n",
	           path, sizeof path);
	char *files[] = { path };
	struct corpus *c = corpus_open_files(files, 1);
	assert_non_null(c);
	assert_true(c->articles[0].detected & CORPUS_DETECTED_TITLE);
	struct search_result r;
	assert_int_equal(search_corpus(c, "ПАВОДОК", &r), 0);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.hits[0].block, 0);
	search_result_free(&r);
	corpus_free(c);
	assert_int_equal(remove(path), 0);
	assert_int_equal(rmdir(dir), 0);

	/* manifest titles: a hit in the title (block -1) of the bundled corpus */
	assert_int_equal(search_corpus(corpus, "inspecte", &r), 0);
	int in_title = 0;
	for (size_t i = 0; i < r.n; i++)
		in_title |= r.hits[i].block == -1;
	assert_true(in_title);
	search_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diacritics), cmocka_unit_test(test_query_folded),
		cmocka_unit_test(test_context_whole_words),
		cmocka_unit_test(test_arabic),     cmocka_unit_test(test_no_hits),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_hits_bounded_per_article),
		cmocka_unit_test(test_detected_title_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
