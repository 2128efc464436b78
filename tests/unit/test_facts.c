/* test_facts.c — unit tests for src/corpus/facts.c: numbers in every digit
 * system (Western, Arabic-Indic, Extended Arabic-Indic, Devanagari), each
 * thousands separator ("1.500" id, "1 500" / no-break / narrow no-break fr,
 * "1,500" en, "١٬٥٠٠" ar), decimal commas and points, ranges, multiplier
 * words, hedges in each language (sekitar, kurang lebih, lebih dari,
 * environ, plus de, près de, about, more than, حوالي, أكثر من, less than),
 * the word beside a number, dates in each language with ranges, lone years,
 * and the numbers that are not facts (in words, identifiers, URLs); then
 * the bundled corpus: the French and Arabic versions state the same facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/facts.h"
#include "testutil.h"

/* The facts of s, formatted "value [word]" and joined with " | ". */
static char *facts_of(const char *s)
{
	struct fact_list l;
	struct date_ymd ctx = {2025, 10, 23};
	assert_int_equal(facts_find(s, strlen(s), &ctx, &l), 0);
	size_t cap = 64 + l.n * 160;
	char *out = malloc(cap);
	assert_non_null(out);
	out[0] = 0;
	for (size_t i = 0; i < l.n; i++) {
		char v[128];
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s%s%s%s", i ? " | " : "",
		         facts_format(&l.items[i], v, sizeof v), l.items[i].word[0] ? " [" : "",
		         l.items[i].word, l.items[i].word[0] ? "]" : "");
	}
	facts_free(&l);
	return out;
}

static void expect(const char *text, const char *want)
{
	char *got = facts_of(text);
	if (strcmp(got, want))
		print_error("text:  %s\nwant:  %s\ngot:   %s\n", text, want, got);
	assert_string_equal(got, want);
	free(got);
}

static void test_facts_digit_systems(void **state)
{
	(void)state;
	expect("69 negara", "69 [negara]");
	expect("\xd9\xa6\xd9\xa9 \xd8\xaf\xd9\x88\xd9\x84\xd8\xa9", /* ٦٩ دولة */
	       "69 [\xd8\xaf\xd9\x88\xd9\x84\xd8\xa9]");
	expect("\xdb\xb6\xdb\xb9 pays", "69 [pays]");                 /* ۶۹ */
	expect("\xe0\xa5\xac\xe0\xa5\xaf pays", "69 [pays]");         /* ६९ */
}

static void test_facts_separators(void **state)
{
	(void)state;
	expect("1.500 delegasi", "1500 [delegasi]");
	expect("1 500 délégués", "1500 [delegues]");
	expect("1\xc2\xa0" "500 délégués", "1500 [delegues]");
	expect("1\xe2\x80\xaf" "500 délégués", "1500 [delegues]");
	expect("1,500 delegates", "1500 [delegates]");
	expect("\xd9\xa1\xd9\xac\xd9\xa5\xd9\xa0\xd9\xa0 delegates", "1500 [delegates]"); /* ١٬٥٠٠ */
	expect("1.250.000 orang", "1250000 [orang]");
	expect("2,5 %", "2.5 [%]");
	expect("2.5 percent", "2.5 [percent]");
	expect("\xd9\xa2\xd9\xab\xd9\xa5 %", "2.5 [%]"); /* ٢٫٥ */
	/* a year is not a thousands group: "en 2024 150 personnes" */
	expect("en 2024 150 personnes", "2024 | 150 [personnes]");
}

static void test_facts_ranges_and_multipliers(void **state)
{
	(void)state;
	expect("10-15 people", "10-15 [people]");
	expect("10\xe2\x80\x93" "15 people", "10-15 [people]");
	expect("3,5 juta orang", "3500000 [orang]");
	expect("2.5 million people", "2500000 [people]");
	expect("1 milliard d'euros", "1000000000 [d'euros]");
}

static void test_facts_hedges(void **state)
{
	(void)state;
	expect("sekitar 60 penandatangan", "approximately 60 [penandatangan]");
	expect("kurang lebih 1.500 delegasi", "approximately 1500 [delegasi]");
	expect("lebih dari 1.000 delegasi", "more than 1000 [delegasi]");
	expect("kurang dari 50 orang", "less than 50 [orang]");
	expect("environ 60 signataires", "approximately 60 [signataires]");
	expect("plus de 1 000 délégués", "more than 1000 [delegues]");
	expect("près de 60 pays", "approximately 60 [pays]");
	expect("moins de 20 stands", "less than 20 [stands]");
	expect("about 60 signatories", "approximately 60 [signatories]");
	expect("more than 1,000 delegates", "more than 1000 [delegates]");
	expect("fewer than 20 stands", "less than 20 [stands]");
	expect("\xd8\xad\xd9\x88\xd8\xa7\xd9\x84\xd9\x8a 60", "approximately 60"); /* حوالي */
	expect("\xd8\xa3\xd9\x83\xd8\xab\xd8\xb1 \xd9\x85\xd9\x86 1000", "more than 1000"); /* أكثر من */
	/* a hedge far before the number does not count */
	expect("sekitar pukul sepuluh pagi, 60 orang", "60 [orang]");
}

static void test_facts_dates(void **state)
{
	(void)state;
	expect("du 25 au 26 octobre", "2025-10-25..2025-10-26");
	expect("25-26 Oktober 2025", "2025-10-25..2025-10-26");
	expect("\xd9\x85\xd9\x86 25 \xd8\xa5\xd9\x84\xd9\x89 26 \xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1",
	       "2025-10-25..2025-10-26"); /* من 25 إلى 26 أكتوبر */
	expect("le 24 décembre 2024", "2024-12-24");
	expect("décembre 2024", "2024-12");
	expect("tahun 2024 lalu", "2024");
	expect("(2024)", "2024");
	/* a four-digit count is not a year */
	expect("2000 personnes", "2000 [personnes]");
}

static void test_facts_not_facts(void **state)
{
	(void)state;
	expect("COVID-19", "");
	expect("post1072119.vnp", "");
	expect("https://example.org/a/2024/15 ok", "");
	expect("www.site2.com", "");
	expect("le 1er jour", "");
	expect("19h30", "");
	expect("A4 paper", "");
}

static void test_facts_same_value(void **state)
{
	(void)state;
	struct fact_list a, b;
	const char *fr = "plus de 1 000 délégués", *id = "1.000 delegasi";
	assert_int_equal(facts_find(fr, strlen(fr), NULL, &a), 0);
	assert_int_equal(facts_find(id, strlen(id), NULL, &b), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(b.n, 1);
	assert_true(facts_same_value(&a.items[0], &b.items[0]));
	assert_int_not_equal(a.items[0].qual, b.items[0].qual);
	char key[64];
	assert_string_equal(facts_key(&a.items[0], key, sizeof key), "n:1000");
	facts_free(&a);
	facts_free(&b);
	const char *d1 = "du 25 au 26 octobre 2025", *d2 = "25 octobre 2025";
	assert_int_equal(facts_find(d1, strlen(d1), NULL, &a), 0);
	assert_int_equal(facts_find(d2, strlen(d2), NULL, &b), 0);
	assert_false(facts_same_value(&a.items[0], &b.items[0]));
	assert_string_equal(facts_key(&a.items[0], key, sizeof key), "d:2025-10-25..2025-10-26");
	facts_free(&a);
	facts_free(&b);
}

/* The French and Arabic versions of one report state the same facts, in
 * the same order. */
static void test_facts_corpus_translation_agrees(void **state)
{
	(void)state;
	size_t nf, na;
	char *fr = test_slurp("corpus/fr-rehearsal-vietnamplus.txt", &nf);
	char *ar = test_slurp("corpus/ar-rehearsal-vietnamplus.txt", &na);
	struct fact_list lf, la;
	struct date_ymd ctx = {2025, 10, 23};
	assert_int_equal(facts_find(fr, nf, &ctx, &lf), 0);
	assert_int_equal(facts_find(ar, na, &ctx, &la), 0);
	assert_true(lf.n >= 3);
	assert_int_equal(lf.n, la.n);
	for (size_t i = 0; i < lf.n; i++)
		assert_true(facts_same_value(&lf.items[i], &la.items[i]));
	facts_free(&lf);
	facts_free(&la);
	free(fr);
	free(ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_digit_systems),
		cmocka_unit_test(test_facts_separators),
		cmocka_unit_test(test_facts_ranges_and_multipliers),
		cmocka_unit_test(test_facts_hedges),
		cmocka_unit_test(test_facts_dates),
		cmocka_unit_test(test_facts_not_facts),
		cmocka_unit_test(test_facts_same_value),
		cmocka_unit_test(test_facts_corpus_translation_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
