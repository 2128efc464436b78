/* test_search.c — unit tests for corpus-wide search (src/corpus/search.c)
 * on the bundled corpus: diacritic-insensitive Latin matches, Arabic with
 * and without harakat and tatweel, no false hits, hit counts, contexts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
			s = article_block_text(&a->text, (size_t)h->block, &n);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diacritics), cmocka_unit_test(test_query_folded),
		cmocka_unit_test(test_arabic),     cmocka_unit_test(test_no_hits),
		cmocka_unit_test(test_count),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
