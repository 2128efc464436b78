/* test_factcheck.c — unit tests for src/corpus/factcheck.c: two runs that
 * agree give no difference whatever the language, digits and separators; a
 * changed number, a dropped date and a changed hedge are each found on the
 * right side and paragraph; repeated values are matched one for one; and a
 * list grown past its first capacity keeps every difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/corpus.h"
#include "tandem/factcheck.h"

static struct factcheck_run run(const char *const *p, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(p[i]);
	return (struct factcheck_run){p, len, n, {2025, 10, 23}, DATES_ORDER_DMY};
}

static void test_factcheck_agreeing_translations(void **state)
{
	(void)state;
	static const char *const fr[] = {"Le 25 octobre 2025, 69 États ont signé.",
	                                 "Plus de 1 000 délégués de 110 pays, du 25 au 26 octobre."};
	static const char *const ar[] = {
		"\xd9\x81\xd9\x8a 25 \xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1 2025\xd8\x8c \xd9\x88\xd9\x82\xd8\xb9\xd8\xaa \xd9\xa6\xd9\xa9 \xd8\xaf\xd9\x88\xd9\x84\xd8\xa9.",
		"\xd8\xa3\xd9\x83\xd8\xab\xd8\xb1 \xd9\x85\xd9\x86 1,000 \xd9\x85\xd9\x86\xd8\xaf\xd9\x88\xd8\xa8 \xd9\x85\xd9\x86 110 \xd8\xaf\xd9\x88\xd9\x84\xd8\xa9\xd8\x8c \xd9\x85\xd9\x86 25 \xd8\xa5\xd9\x84\xd9\x89 26 \xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1."};
	size_t la[2], lb[2];
	struct factcheck_run a = run(fr, 2, la), b = run(ar, 2, lb);
	struct factcheck_diffs d = {0};
	assert_int_equal(factcheck_runs(&a, &b, &d), 0);
	for (size_t i = 0; i < d.n; i++) {
		char v[64];
		print_error("unexpected: side %d para %zu %s\n", d.items[i].side, d.items[i].para,
		            facts_format(&d.items[i].fact, v, sizeof v));
	}
	assert_int_equal(d.n, 0);
	factcheck_diffs_free(&d);
}

static void test_factcheck_finds_each_kind(void **state)
{
	(void)state;
	static const char *const a[] = {"On 25 October 2025, 69 states signed.",
	                                 "About 1,500 delegates came from 110 countries."};
	static const char *const b[] = {"96 negara menandatangani.",
	                                "1.500 delegasi datang dari 110 negara."};
	size_t la[2], lb[2];
	struct factcheck_run ra = run(a, 2, la), rb = run(b, 2, lb);
	struct factcheck_diffs d = {0};
	assert_int_equal(factcheck_runs(&ra, &rb, &d), 0);
	/* a: the date and 69 missing from b, approximately 1500 hedged
	 * otherwise; b: 96 missing from a, 1500 hedged otherwise */
	assert_int_equal(d.n, 5);
	char v[64];
	assert_int_equal(d.items[0].side, 0);
	assert_string_equal(facts_format(&d.items[0].fact, v, sizeof v), "2025-10-25");
	assert_int_equal(d.items[1].side, 0);
	assert_string_equal(facts_format(&d.items[1].fact, v, sizeof v), "69");
	assert_int_equal(d.items[2].side, 0);
	assert_int_equal(d.items[2].para, 1);
	assert_true(d.items[2].qualifier_only);
	assert_string_equal(facts_format(&d.items[2].fact, v, sizeof v), "approximately 1500");
	assert_int_equal(d.items[3].side, 1);
	assert_string_equal(facts_format(&d.items[3].fact, v, sizeof v), "96");
	assert_false(d.items[3].qualifier_only);
	assert_int_equal(d.items[4].side, 1);
	assert_true(d.items[4].qualifier_only);
	/* the byte range points at the number in its paragraph */
	assert_int_equal(strncmp(b[0] + d.items[3].fact.off, "96", 2), 0);
	factcheck_diffs_free(&d);
}

static void test_factcheck_repeats_one_for_one(void **state)
{
	(void)state;
	static const char *const a[] = {"60 speeches, 60 signatories."};
	static const char *const b[] = {"60 pidato."};
	size_t la[1], lb[1];
	struct factcheck_run ra = run(a, 1, la), rb = run(b, 1, lb);
	struct factcheck_diffs d = {0};
	assert_int_equal(factcheck_runs(&ra, &rb, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].side, 0);
	factcheck_diffs_free(&d);
}

static void test_factcheck_many(void **state)
{
	(void)state;
	/* 100 numbers on one side only: every one listed */
	char buf[2000] = "";
	for (int i = 1; i <= 100; i++)
		sprintf(buf + strlen(buf), "%d orang, ", i * 7);
	const char *a[] = {buf}, *b[] = {"tidak ada"};
	size_t la[1], lb[1];
	struct factcheck_run ra = run(a, 1, la), rb = run(b, 1, lb);
	struct factcheck_diffs d = {0};
	assert_int_equal(factcheck_runs(&ra, &rb, &d), 0);
	assert_int_equal(d.n, 100);
	assert_true(d.items[99].fact.lo == 700);
	factcheck_diffs_free(&d);
}

/* The group of the entry of article `id` giving `value` (qualified q), or
 * -1. */
static long group_of(const struct corpus *c, const struct factcheck_table *t, const char *id,
                     double value, enum fact_qual q)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(c->articles[t->items[i].article].id, id) &&
		    t->items[i].fact.kind == FACT_NUMBER && t->items[i].fact.lo == value &&
		    t->items[i].fact.qual == q)
			return (long)t->items[i].group;
	return -1;
}

/* The bundled signing event: the rehearsal report's expectations stand
 * beside the discussion report's figures. */
static void test_factcheck_table_signing(void **state)
{
	(void)state;
	struct corpus *c = corpus_open_dir("corpus");
	assert_non_null(c);
	const struct corpus_event *ev = NULL;
	for (size_t e = 0; e < c->nevents; e++)
		if (!strcmp(c->events[e].id, "signing"))
			ev = &c->events[e];
	assert_non_null(ev);
	struct factcheck_table t;
	assert_int_equal(factcheck_table_build(c, ev->articles, ev->narticles, &t), 0);
	long signatories = group_of(c, &t, "id-rehearsal", 60, FACT_ABOUT);
	long states = group_of(c, &t, "id-discussion", 69, FACT_EXACT);
	long expected = group_of(c, &t, "id-rehearsal", 1500, FACT_ABOUT);
	long came = group_of(c, &t, "id-discussion", 1000, FACT_MORE);
	assert_true(signatories >= 0 && states >= 0 && expected >= 0 && came >= 0);
	assert_int_equal(signatories, states);
	assert_int_equal(expected, came);
	assert_int_not_equal(signatories, expected);
	/* groups several articles give come first; entries are sorted by group */
	assert_true(t.group_articles[0] >= 2);
	for (size_t i = 1; i < t.n; i++)
		assert_true(t.items[i - 1].group <= t.items[i].group);
	assert_string_equal(factcheck_group_word(&t, (size_t)expected), "delegasi");
	factcheck_table_free(&t);
	corpus_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_factcheck_agreeing_translations),
		cmocka_unit_test(test_factcheck_finds_each_kind),
		cmocka_unit_test(test_factcheck_repeats_one_for_one),
		cmocka_unit_test(test_factcheck_many),
		cmocka_unit_test(test_factcheck_table_signing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
