/* test_anchor.c — unit tests for src/corpus/anchor.c, the alignment of two
 * different reports by shared anchors: hand-made pairs with known answers
 * (paragraphs sharing a number, a date or rare names pair up whatever their
 * lengths; paragraphs with nothing in common stand alone, never
 * force-paired; order is kept; a name every paragraph holds ties nothing),
 * the anchors of a paragraph, empty texts, and the bundled French and
 * Indonesian rehearsal reports: the paragraph naming Bui Thanh Son pairs
 * with its Indonesian counterpart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/anchor.h"

static struct anchor_text text_of(const char *const *para, size_t n, size_t *lens)
{
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(para[i]);
	return (struct anchor_text){para, lens, n, {2025, 10, 26}};
}

/* The pairs of the alignment as "i-j" joined with spaces ("-" for lone). */
static char *pairs(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	size_t la[32], lb[32];
	struct anchor_text ta = text_of(a, na, la), tb = text_of(b, nb, lb);
	struct align_bead *beads;
	size_t n;
	assert_int_equal(anchor_align(&ta, &tb, &beads, &n), 0);
	char *out = calloc(1, 16 * (n + 1));
	assert_non_null(out);
	size_t seen_a = 0, seen_b = 0;
	for (size_t i = 0; i < n; i++) {
		/* every paragraph once, in order */
		assert_int_equal(beads[i].a_start, seen_a);
		assert_int_equal(beads[i].b_start, seen_b);
		seen_a += beads[i].a_len;
		seen_b += beads[i].b_len;
		assert_true(beads[i].a_len + beads[i].b_len >= 1);
		if (beads[i].a_len && beads[i].b_len)
			sprintf(out + strlen(out), "%s%zu-%zu", *out ? " " : "", beads[i].a_start,
			        beads[i].b_start);
	}
	assert_int_equal(seen_a, na);
	assert_int_equal(seen_b, nb);
	free(beads);
	return out;
}

static void test_anchor_known_pairs(void **state)
{
	(void)state;
	static const char *const en[] = {
		"A general introduction with nothing specific in it at all.",
		"On 25 October 2025, 69 states signed the convention.",
		"Some commentary that says little.",
		"More than 1,000 delegates came from 110 countries to the event.",
		"Deputy Prime Minister Bui Thanh Son attended.",
	};
	static const char *const id[] = {
		"Pada 25 Oktober 2025, 69 negara menandatangani konvensi ini.",
		"Paragraf tambahan tanpa angka.",
		"Paragraf lain lagi.",
		"Lebih dari 1.000 delegasi dari 110 negara hadir.",
		"Turut hadir Wakil Perdana Menteri Bui Thanh Son dalam acara itu.",
	};
	char *p = pairs(en, 5, id, 5);
	assert_string_equal(p, "1-0 3-3 4-4");
	free(p);
}

static void test_anchor_nothing_shared_stands_alone(void **state)
{
	(void)state;
	static const char *const a[] = {"Un texte sans rien.", "Encore du texte."};
	static const char *const b[] = {"Teks tanpa apa pun.", "Lagi teks."};
	char *p = pairs(a, 2, b, 2);
	assert_string_equal(p, "");
	free(p);
}

static void test_anchor_order_kept(void **state)
{
	(void)state;
	/* crossing matches: only one of them can be kept */
	static const char *const a[] = {"Il y avait 69 États.", "Il y avait 1 500 délégués."};
	static const char *const b[] = {"Ada 1.500 delegasi.", "Ada 69 negara."};
	char *p = pairs(a, 2, b, 2);
	assert_true(!strcmp(p, "0-1") || !strcmp(p, "1-0"));
	free(p);
}

static void test_anchor_common_name_ties_nothing(void **state)
{
	(void)state;
	/* "Hanoi" is in every paragraph: it pairs none of them */
	static const char *const a[] = {"Rien ne se passe à Hanoi.", "Il pleut sur Hanoi.",
	                                "On parle de Hanoi.", "Le soir, Hanoi dort."};
	static const char *const b[] = {"Di Hanoi sepi.", "Hujan di Hanoi.", "Tentang Hanoi.",
	                                "Malam di Hanoi."};
	char *p = pairs(a, 4, b, 4);
	assert_string_equal(p, "");
	free(p);
}

static void test_anchor_keys(void **state)
{
	(void)state;
	const char *t = "Le 25 octobre 2025, Bui Thanh Son a accueilli plus de 1 000 délégués.";
	char **keys;
	size_t n;
	struct date_ymd d = {2025, 10, 26};
	assert_int_equal(anchor_keys(t, strlen(t), &d, &keys, &n), 0);
	const char *want[] = {"d:2025-10", "d:2025-10-25", "n:1000", "w:bui", "w:son", "w:thanh"};
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(keys[i], want[i]);
		free(keys[i]);
	}
	free(keys);
	/* "Le" opens the sentence: not a name */
}

static void test_anchor_empty(void **state)
{
	(void)state;
	struct anchor_text a = {NULL, NULL, 0, {0, 0, 0}};
	static const char *const b[] = {"Un seul paragraphe de 12 mots."};
	size_t lb[1];
	struct anchor_text tb = text_of(b, 1, lb);
	struct align_bead *beads;
	size_t n;
	assert_int_equal(anchor_align(&a, &tb, &beads, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(beads[0].a_len, 0);
	assert_int_equal(beads[0].b_len, 1);
	free(beads);
	assert_int_equal(anchor_align(&a, &a, &beads, &n), 0);
	assert_int_equal(n, 0);
	free(beads);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anchor_known_pairs),
		cmocka_unit_test(test_anchor_nothing_shared_stands_alone),
		cmocka_unit_test(test_anchor_order_kept),
		cmocka_unit_test(test_anchor_common_name_ties_nothing),
		cmocka_unit_test(test_anchor_keys),
		cmocka_unit_test(test_anchor_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
