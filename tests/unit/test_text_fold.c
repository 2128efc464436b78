/* test_text_fold.c — unit tests for src/text/fold.c (search folding): case
 * and diacritic insensitivity ("Hanoï"/"hanoi", "ÉTAIENT"/"étaient", Turkish
 * dotted capital I), full case folding (ß and ẞ fold to "ss", as
 * u32_casefold does), Arabic harakat, hamza marks and tatweel dropped
 * ("مـُـؤتمر" finds "مؤتمر"), compatibility forms and Arabic presentation
 * forms and ligatures folded to base letters (NFKD), the folded->source map,
 * fold_find / fold_rfind positions and limits, fold_source_range back to the
 * exact source characters (expansions, dropped marks inside and at the end of
 * a match), empty needles and haystacks, invalid UTF-8 in a query, and the
 * French and Arabic corpus paragraphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "tandem/decode.h"
#include "tandem/fold.h"

#define CORPUS_AR "corpus/ar-rehearsal-vietnamplus.txt"
#define CORPUS_FR "corpus/fr-rehearsal-vietnamplus.txt"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* A source text: its code points (what layout indexes) and its folding. */
struct hay {
	struct decoded_text d;
	struct fold_text f;
};

static void hay_make(struct hay *h, const char *s)
{
	assert_int_equal(decode_paragraph(s, strlen(s), &h->d), 0);
	assert_int_equal(fold_text(h->d.cp, h->d.len, &h->f), 0);
	/* the map: one source index per folded character, never decreasing,
	 * and src[len] the source length */
	for (size_t i = 0; i < h->f.len; i++) {
		assert_true(h->f.src[i] < h->d.len);
		assert_true(h->f.src[i] <= h->f.src[i + 1]);
	}
	assert_int_equal(h->f.src[h->f.len], h->d.len);
}

static void hay_free(struct hay *h)
{
	fold_free(&h->f);
	decode_free(&h->d);
}

static void needle_make(struct fold_text *n, const char *s)
{
	assert_int_equal(fold_utf8(s, strlen(s), n), 0);
}

/* Folded code points of s, compared with want (both UTF-8). */
static void assert_folds_to(const char *s, const char *want)
{
	struct fold_text a, b;
	needle_make(&a, s);
	needle_make(&b, want);
	if (a.len != b.len || memcmp(a.cp, b.cp, a.len * sizeof *a.cp) != 0) {
		fprintf(stderr, "fold(\"%s\"):", s);
		for (size_t i = 0; i < a.len; i++)
			fprintf(stderr, " U+%04X", (unsigned)a.cp[i]);
		fprintf(stderr, "; want fold(\"%s\")\n", want);
	}
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.cp, b.cp, a.len * sizeof *a.cp);
	fold_free(&a);
	fold_free(&b);
}

/* Finds query in text (the first match) and checks that its source range is
 * exactly [want_start, want_end) in code points of the decoded text. Everything
 * is freed before asserting, so a failure leaks nothing. */
static void assert_match(const char *text, const char *query, size_t want_start,
                         size_t want_end)
{
	struct hay h;
	struct fold_text n;
	size_t s = 99, e = 99;
	hay_make(&h, text);
	needle_make(&n, query);
	long at = fold_find(&h.f, &n, 0);
	if (at >= 0)
		fold_source_range(&h.f, (size_t)at, n.len, &s, &e);
	fold_free(&n);
	hay_free(&h);
	if (at < 0)
		fprintf(stderr, "\"%s\" not found in \"%s\"\n", query, text);
	assert_true(at >= 0);
	if (s != want_start || e != want_end)
		fprintf(stderr, "\"%s\" in \"%s\": source [%zu,%zu), want [%zu,%zu)\n", query,
		        text, s, e, want_start, want_end);
	assert_int_equal(s, want_start);
	assert_int_equal(e, want_end);
}

static void assert_no_match(const char *text, const char *query)
{
	struct hay h;
	struct fold_text n;
	hay_make(&h, text);
	needle_make(&n, query);
	assert_int_equal(fold_find(&h.f, &n, 0), -1);
	assert_int_equal(fold_rfind(&h.f, &n, h.f.len), -1);
	fold_free(&n);
	hay_free(&h);
}

/* ------------------------------------------------------------ Latin text */

static void test_fold_latin_case_and_accents(void **state)
{
	(void)state;
	assert_folds_to("Hano\xc3\xaf", "hanoi");               /* Hanoï */
	assert_folds_to("Hanoi\xcc\x88", "hanoi");              /* decomposed ï */
	assert_folds_to("\xc3\x89TAIENT", "\xc3\xa9taient");    /* ÉTAIENT, étaient */
	assert_folds_to("\xc3\xa9taient", "etaient");
	assert_folds_to("C\xc3\xa9r\xc3\xa9monie", "CEREMONIE");
	assert_folds_to("\xc3\x80 Hanoi", "a hanoi");           /* À */
	assert_folds_to("\xc3\xa7" "a", "ca");                  /* ç */
	assert_folds_to("\xc5\x93uvre", "\xc5\x92UVRE");        /* œ/Œ (no NFKD split) */

	assert_match("Le matin, \xc3\xa0 Hano\xc3\xaf du 25", "hanoi", 12, 17);
	assert_match("\xc3\x89taient \xc3\xa9galement pr\xc3\xa9sents", "ETAIENT", 0, 7);
	assert_match("\xc3\x89taient \xc3\xa9galement pr\xc3\xa9sents", "presents", 18, 26);
	assert_no_match("Hanoi", "hanoy");
	assert_no_match("Hanoi", "hanoi ");
}

/* u32_casefold applies full case folding: ß (U+00DF) and ẞ (U+1E9E) become
 * "ss", so "STRASSE" and "straße" fold alike and find each other. */
static void test_fold_german_sharp_s(void **state)
{
	(void)state;
	assert_folds_to("stra\xc3\x9f" "e", "strasse");
	assert_folds_to("STRA\xe1\xba\x9e" "E", "strasse");
	assert_folds_to("STRASSE", "stra\xc3\x9f" "e");
	/* "STRASSE" finds "straße": the source range covers ß whole */
	assert_match("die Stra\xc3\x9f" "e hier", "STRASSE", 4, 10);
	assert_match("die STRASSE hier", "stra\xc3\x9f" "e", 4, 11);
	/* a match ending inside ß's expansion still covers ß */
	assert_match("Stra\xc3\x9f" "e", "stras", 0, 5);
	/* and one starting inside it starts at ß */
	assert_match("Stra\xc3\x9f" "e", "se", 4, 6);
}

static void test_fold_compatibility_forms(void **state)
{
	(void)state;
	assert_folds_to("\xef\xac\x81nance", "finance");        /* ﬁ ligature */
	assert_folds_to("\xef\xbc\xa1\xef\xbc\xa2", "ab");      /* fullwidth ＡＢ */
	assert_folds_to("x\xc2\xb2", "x2");                     /* superscript two */
	assert_folds_to("\xc4\xb0stanbul", "istanbul");         /* İ: i + dot, dot dropped */
	/* the ligature is one source character for both folded letters */
	assert_match("\xef\xac\x81nance", "fin", 0, 2);
	assert_match("\xef\xac\x81nance", "inan", 0, 4);
}

/* ---------------------------------------------------------------- Arabic */

static void test_fold_arabic_harakat_and_tatweel(void **state)
{
	(void)state;
	/* "مـُـؤتمر" (tatweel, damma, tatweel) and "مُؤْتَمَر" (harakat) fold like
	 * the bare "مؤتمر" */
	static const char bare[] = "\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1";
	static const char stretched[] = "\xd9\x85\xd9\x80\xd9\x8f\xd9\x80\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1";
	static const char voweled[] = "\xd9\x85\xd9\x8f\xd8\xa4\xd9\x92\xd8\xaa\xd9\x8e\xd9\x85\xd9\x8e"
	                              "\xd8\xb1\xd9\x8c";
	assert_folds_to(stretched, bare);
	assert_folds_to(voweled, bare);
	assert_match(stretched, bare, 0, 8);
	assert_match(bare, voweled, 0, 5);
	/* hamza above/below and madda are marks after NFKD: أ إ آ fold to ا,
	 * ؤ to و; teh marbuta and alef maksura stay distinct letters */
	assert_folds_to("\xd8\xa3\xd8\xa5\xd8\xa2", "\xd8\xa7\xd8\xa7\xd8\xa7");
	assert_folds_to("\xd8\xa4", "\xd9\x88");
	assert_no_match("\xd8\xa9", "\xd9\x87");                 /* ة vs ه */
	assert_no_match("\xd9\x89", "\xd9\x8a");                 /* ى vs ي */
}

static void test_fold_arabic_presentation_forms(void **state)
{
	(void)state;
	/* shaped "سلام": seen initial, lam-alef final ligature, meem isolated */
	static const char shaped[] = "\xef\xba\xb3\xef\xbb\xbc\xef\xbb\xa1";
	static const char plain[] = "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85";
	assert_folds_to(shaped, plain);
	assert_folds_to("\xef\xbb\xbb", "\xd9\x84\xd8\xa7");    /* ﻻ -> لا */
	assert_folds_to("\xef\xba\x8d\xef\xba\x8e", "\xd8\xa7\xd8\xa7"); /* alef isolated, final */
	/* the ligature is one source character: "ل" alone maps to it */
	assert_match(shaped, "\xd9\x84", 1, 2);
	assert_match(shaped, plain, 0, 3);
}

/* ---------------------------------------------------- find, rfind, ranges */

static void test_fold_find_rfind_positions(void **state)
{
	(void)state;
	struct hay h;
	struct fold_text n;
	hay_make(&h, "ABC abc Abc");
	needle_make(&n, "abc");
	assert_int_equal(fold_find(&h.f, &n, 0), 0);
	assert_int_equal(fold_find(&h.f, &n, 1), 4);
	assert_int_equal(fold_find(&h.f, &n, 4), 4);
	assert_int_equal(fold_find(&h.f, &n, 5), 8);
	assert_int_equal(fold_find(&h.f, &n, 9), -1);
	assert_int_equal(fold_find(&h.f, &n, 11), -1);
	assert_int_equal(fold_find(&h.f, &n, 1000), -1);
	/* rfind: the last match starting before `before` */
	assert_int_equal(fold_rfind(&h.f, &n, h.f.len), 8);
	assert_int_equal(fold_rfind(&h.f, &n, 1000), 8);
	assert_int_equal(fold_rfind(&h.f, &n, 9), 8);
	assert_int_equal(fold_rfind(&h.f, &n, 8), 4);
	assert_int_equal(fold_rfind(&h.f, &n, 5), 4);
	assert_int_equal(fold_rfind(&h.f, &n, 4), 0);
	assert_int_equal(fold_rfind(&h.f, &n, 1), 0);
	assert_int_equal(fold_rfind(&h.f, &n, 0), -1);
	fold_free(&n);

	/* overlapping matches */
	needle_make(&n, "aa");
	fold_free(&h.f);
	decode_free(&h.d);
	hay_make(&h, "aAaa");
	assert_int_equal(fold_find(&h.f, &n, 0), 0);
	assert_int_equal(fold_find(&h.f, &n, 1), 1);
	assert_int_equal(fold_find(&h.f, &n, 2), 2);
	assert_int_equal(fold_find(&h.f, &n, 3), -1);
	assert_int_equal(fold_rfind(&h.f, &n, 4), 2);
	assert_int_equal(fold_rfind(&h.f, &n, 2), 1);
	fold_free(&n);

	/* needle longer than the haystack, and a needle equal to it */
	needle_make(&n, "aAaaa");
	assert_int_equal(fold_find(&h.f, &n, 0), -1);
	assert_int_equal(fold_rfind(&h.f, &n, 5), -1);
	fold_free(&n);
	needle_make(&n, "AAAA");
	assert_int_equal(fold_find(&h.f, &n, 0), 0);
	assert_int_equal(fold_rfind(&h.f, &n, 4), 0);
	assert_int_equal(fold_rfind(&h.f, &n, 1), 0);
	assert_int_equal(fold_rfind(&h.f, &n, 0), -1);
	fold_free(&n);
	hay_free(&h);
}

static void test_fold_empty_needle_and_haystack(void **state)
{
	(void)state;
	struct hay h;
	struct fold_text n, marks;
	hay_make(&h, "abc");
	needle_make(&n, "");
	assert_int_equal(n.len, 0);
	assert_int_equal(fold_find(&h.f, &n, 0), -1);
	assert_int_equal(fold_rfind(&h.f, &n, 3), -1);
	/* a needle of marks only folds to nothing: still no match */
	needle_make(&marks, "\xcc\x81\xd9\x8e\xd9\x80");
	assert_int_equal(marks.len, 0);
	assert_int_equal(fold_find(&h.f, &marks, 0), -1);
	fold_free(&marks);
	hay_free(&h);

	hay_make(&h, "");
	assert_int_equal(h.f.len, 0);
	assert_int_equal(h.f.src[0], 0);
	assert_int_equal(fold_find(&h.f, &n, 0), -1);
	fold_free(&n);
	needle_make(&n, "a");
	assert_int_equal(fold_find(&h.f, &n, 0), -1);
	assert_int_equal(fold_rfind(&h.f, &n, 0), -1);
	assert_int_equal(fold_rfind(&h.f, &n, 10), -1);
	fold_free(&n);
	hay_free(&h);
	fold_free(NULL);
}

static void test_fold_source_range_exact(void **state)
{
	(void)state;
	/* a dropped mark in the middle of a match is inside the range */
	assert_match("x cafe\xcc\x81s y", "cafes", 2, 8);
	/* tatweel, damma, tatweel between the first two letters */
	assert_match("\xd9\x85\xd9\x80\xd9\x8f\xd9\x80\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1",
	             "\xd9\x85\xd8\xa4", 0, 5);
	/* a source character that expands (ß) at both ends */
	assert_match("\xc3\x9f" "a\xc3\x9f", "ssass", 0, 3);

	/* zero length and out-of-range requests are clamped */
	struct hay h;
	size_t s, e;
	hay_make(&h, "abc");
	fold_source_range(&h.f, 1, 0, &s, &e);
	assert_int_equal(s, 1);
	assert_int_equal(e, 1);
	fold_source_range(&h.f, 2, 5, &s, &e);
	assert_int_equal(s, 2);
	assert_int_equal(e, 3);
	fold_source_range(&h.f, 7, 1, &s, &e);
	assert_int_equal(s, 3);
	assert_int_equal(e, 3);
	hay_free(&h);
}

/* Marks dropped by folding right after the last matched letter belong to it
 * (the diaeresis of a decomposed "ï", an Arabic word's final haraka): the
 * source range must include them, or a hit's byte range (search.c uses
 * byte_off[end]) cuts a grapheme cluster in two. */
static void test_fold_source_range_keeps_trailing_marks(void **state)
{
	(void)state;
	/* "Hanoi" + U+0308 + " x": the diaeresis is source index 5 */
	assert_match("Hanoi\xcc\x88 x", "hanoi", 0, 6);
	/* "مؤتمرٌ" (final dammatan, index 5) */
	assert_match("\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1\xd9\x8c \xd9\x81\xd9\x8a",
	             "\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1", 0, 6);
	/* at the end of the text too */
	assert_match("cafe\xcc\x81", "cafe", 0, 5);
}

static void test_fold_invalid_utf8_query(void **state)
{
	(void)state;
	struct fold_text n;
	assert_int_equal(fold_utf8("a\xff" "b\xc3", 4, &n), 0);
	assert_int_equal(n.len, 4);
	assert_int_equal(n.cp[0], 'a');
	assert_int_equal(n.cp[1], 0xfffd);
	assert_int_equal(n.cp[2], 'b');
	assert_int_equal(n.cp[3], 0xfffd);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(n.src[i], i);
	assert_int_equal(n.src[4], 4);
	fold_free(&n);
}

/* ---------------------------------------------------------------- corpus */

/* Every match of query in text: its count, and each source range spelling
 * exactly want (UTF-8) in the decoded text. */
static size_t count_matches(const char *text, const char *query, const char *want)
{
	struct hay h;
	struct fold_text n;
	struct decoded_text w;
	size_t count = 0;
	hay_make(&h, text);
	needle_make(&n, query);
	assert_int_equal(decode_paragraph(want, strlen(want), &w), 0);
	long prev = -1;
	for (long at = fold_find(&h.f, &n, 0); at >= 0;
	     at = fold_find(&h.f, &n, (size_t)at + n.len)) {
		size_t s, e;
		fold_source_range(&h.f, (size_t)at, n.len, &s, &e);
		assert_int_equal(e - s, w.len);
		assert_memory_equal(h.d.cp + s, w.cp, w.len * sizeof *w.cp);
		assert_true(at > prev);
		prev = at;
		count++;
	}
	/* rfind walks the same matches backwards */
	size_t back = 0;
	for (long at = fold_rfind(&h.f, &n, h.f.len); at >= 0;
	     at = fold_rfind(&h.f, &n, (size_t)at))
		back++;
	assert_int_equal(back, count);
	decode_free(&w);
	fold_free(&n);
	hay_free(&h);
	return count;
}

static void test_fold_corpus(void **state)
{
	(void)state;
	char *fr0 = test_file_line(CORPUS_FR, 0), *fr1 = test_file_line(CORPUS_FR, 1);
	char *ar0 = test_file_line(CORPUS_AR, 0);
	assert_int_equal(count_matches(fr0, "HANOI", "Hanoi"), 2);
	assert_int_equal(count_matches(fr0, "cybercriminalite", "cybercriminalit\xc3\xa9"), 1);
	assert_int_equal(count_matches(fr0, "REPETITION", "r\xc3\xa9p\xc3\xa9tition"), 1);
	assert_int_equal(count_matches(fr1, "etaient", "\xc3\x89taient"), 1);
	assert_int_equal(count_matches(fr0, "zzz", ""), 0);
	/* "هانوي" twice; "المؤتمر" without harakat finds "والمؤتمر" */
	assert_int_equal(count_matches(ar0, "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a",
	                               "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a"),
	                 2);
	assert_true(count_matches(ar0, "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1",
	                          "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1") >= 2);
	/* a query with harakat and tatweel finds the bare corpus word "هانوي" */
	assert_int_equal(count_matches(ar0, "\xd9\x87\xd9\x8e\xd8\xa7\xd9\x86\xd9\x80\xd9\x88\xd9\x90\xd9\x8a",
	                               "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a"),
	                 2);
	free(fr0);
	free(fr1);
	free(ar0);
}

/* What a character folds to is remembered after its first folding: a text
 * folded again (every character then known) gives the same characters and
 * the same map back to the source, for a letter, a mark dropped, tatweel,
 * and characters that fold to several (ß, the ligature ﬁ). */
static void test_fold_remembered_same_as_first(void **state)
{
	(void)state;
	/* É a U+0301 ß ﬁ U+0640 Я, as code points */
	const uint32_t src[] = {0x00C9, 'a', 0x0301, 0x00DF, 0xFB01, 0x0640, 0x042F};
	const uint32_t want[] = {'e', 'a', 's', 's', 'f', 'i', 0x044F};
	const size_t want_src[] = {0, 1, 3, 3, 4, 4, 6, 7};
	for (int pass = 0; pass < 3; pass++) {
		struct fold_text f;
		assert_int_equal(fold_text(src, NELEM(src), &f), 0);
		assert_int_equal(f.len, NELEM(want));
		assert_memory_equal(f.cp, want, sizeof want);
		for (size_t i = 0; i <= f.len; i++)
			assert_int_equal(f.src[i], want_src[i]);
		fold_free(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_latin_case_and_accents),
		cmocka_unit_test(test_fold_german_sharp_s),
		cmocka_unit_test(test_fold_compatibility_forms),
		cmocka_unit_test(test_fold_arabic_harakat_and_tatweel),
		cmocka_unit_test(test_fold_arabic_presentation_forms),
		cmocka_unit_test(test_fold_find_rfind_positions),
		cmocka_unit_test(test_fold_empty_needle_and_haystack),
		cmocka_unit_test(test_fold_source_range_exact),
		cmocka_unit_test(test_fold_source_range_keeps_trailing_marks),
		cmocka_unit_test(test_fold_invalid_utf8_query),
		cmocka_unit_test(test_fold_corpus),
		cmocka_unit_test(test_fold_remembered_same_as_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
