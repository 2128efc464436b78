/* test_align.c — unit tests for the Gale & Church paragraph aligner
 * (src/corpus/align.c): the bundled French/Arabic pair, synthetic splits,
 * merges, omissions, empty texts, a different length ratio, and the covering
 * invariant over random inputs. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/align.h"

/* Paths relative to the repository root, where the tests are run. */
#define CORPUS_FR "corpus/fr-rehearsal-vietnamplus.txt"
#define CORPUS_AR "corpus/ar-rehearsal-vietnamplus.txt"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* Prior of a bead shape as given by Gale & Church; -1 for no such shape. */
static double shape_prior(size_t a_len, size_t b_len)
{
	if (a_len == 1 && b_len == 1)
		return 0.89;
	if ((a_len == 1 && b_len == 0) || (a_len == 0 && b_len == 1))
		return 0.0099;
	if ((a_len == 2 && b_len == 1) || (a_len == 1 && b_len == 2))
		return 0.089;
	if (a_len == 2 && b_len == 2)
		return 0.011;
	return -1.0;
}

/* Every paragraph of both texts in exactly one bead, in order; each bead of
 * an allowed shape, its shape string right, and its cost finite and no lower
 * than -log(prior) (P(delta) is at most 1). */
static void check_cover(const struct align_bead *beads, size_t nbeads, size_t na, size_t nb)
{
	size_t i, a = 0, b = 0;

	for (i = 0; i < nbeads; i++) {
		const struct align_bead *bd = &beads[i];
		double prior = shape_prior(bd->a_len, bd->b_len);
		char shape[8];

		assert_true(prior > 0.0);
		assert_int_equal(bd->a_start, a);
		assert_int_equal(bd->b_start, b);
		snprintf(shape, sizeof shape, "%zu-%zu", bd->a_len, bd->b_len);
		assert_string_equal(align_bead_shape(bd), shape);
		assert_true(isfinite(bd->cost));
		assert_true(bd->cost >= -log(prior) - 1e-9);
		a += bd->a_len;
		b += bd->b_len;
	}
	assert_int_equal(a, na);
	assert_int_equal(b, nb);
}

/* Aligns, checks the cover and returns the beads (caller frees). */
static struct align_bead *run(const size_t *a, size_t na, const size_t *b, size_t nb, size_t *nbeads)
{
	struct align_bead *beads = NULL;

	assert_int_equal(align_paragraphs(a, na, b, nb, &beads, nbeads), 0);
	check_cover(beads, *nbeads, na, nb);
	return beads;
}

/* Asserts beads are all 1-1 except at most one bead (index odd, -1 for
 * none) of shape odd_shape. With the cover already checked, this pins the
 * whole alignment. */
static void expect_shapes(const struct align_bead *beads, size_t nbeads, size_t expect_n,
                          size_t odd, const char *odd_shape)
{
	size_t i;

	assert_int_equal(nbeads, expect_n);
	for (i = 0; i < nbeads; i++) {
		if (i == odd)
			assert_string_equal(align_bead_shape(&beads[i]), odd_shape);
		else
			assert_string_equal(align_bead_shape(&beads[i]), "1-1");
	}
}

/* Reads a text file and returns the length in code points (UTF-8 lead
 * bytes, i.e. bytes not of the form 10xxxxxx) of each non-empty line, and
 * in first[] the first bytes of each line. Fails the test if the file is
 * missing. */
static size_t read_para_lengths(const char *path, size_t *lens, size_t max, char first[][16])
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cur = 0, bytes = 0;
	int ch;

	if (!f)
		fail_msg("cannot open %s (run the test from the repository root)", path);
	for (;;) {
		ch = fgetc(f);
		if (ch == EOF || ch == '\n') {
			if (bytes > 0) {
				assert_true(n < max);
				lens[n++] = cur;
			}
			if (ch == EOF)
				break;
			cur = 0;
			bytes = 0;
			continue;
		}
		if (ch == '\r')
			continue;
		if (n < max && bytes < 15) {
			first[n][bytes] = (char)ch;
			first[n][bytes + 1] = '\0';
		}
		bytes++;
		if ((ch & 0xC0) != 0x80)
			cur++;
	}
	assert_int_equal(ferror(f), 0);
	fclose(f);
	return n;
}

/* The bundled French and Arabic reports of the Hanoi rehearsal are
 * translations of each other paragraph by paragraph: 13 paragraphs, then a
 * source line and a comment counter. */
static void test_corpus_fr_ar(void **state)
{
	size_t fr[32], ar[32], nfr, nar, nbeads, i;
	char fr_first[32][16], ar_first[32][16];
	struct align_bead *beads;

	(void)state;
	memset(fr_first, 0, sizeof fr_first);
	memset(ar_first, 0, sizeof ar_first);
	nfr = read_para_lengths(CORPUS_FR, fr, NELEM(fr), fr_first);
	nar = read_para_lengths(CORPUS_AR, ar, NELEM(ar), ar_first);
	assert_int_equal(nfr, 15);
	assert_int_equal(nar, 15);
	assert_memory_equal(fr_first[13], "Source:", 7);
	assert_memory_equal(ar_first[13], "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xaf\xd8\xb1:", 13);
	/* Lengths are code points, not bytes: the first French paragraph. */
	assert_int_equal(fr[0], 299);
	assert_int_equal(ar[0], 244);

	beads = run(fr, 13, ar, 13, &nbeads);
	assert_int_equal(nbeads, 13);
	for (i = 0; i < nbeads; i++) {
		assert_string_equal(align_bead_shape(&beads[i]), "1-1");
		assert_int_equal(beads[i].a_start, i);
		assert_int_equal(beads[i].b_start, i);
	}
	free(beads);

	/* Swapping the texts (c = 1.49 instead of 0.67) keeps the alignment. */
	beads = run(ar, 13, fr, 13, &nbeads);
	expect_shapes(beads, nbeads, 13, SIZE_MAX, NULL);
	free(beads);
}

/* A synthetic article and its translation, lengths within ±8% of each other. */
static const size_t base_a[] = { 312, 148, 455, 267, 389, 204, 298, 161, 343, 226 };
static const size_t base_b[] = { 298, 156, 431, 281, 372, 219, 305, 150, 360, 214 };
#define NBASE NELEM(base_a)

static void test_identity_shaped(void **state)
{
	size_t nbeads;
	struct align_bead *beads;

	(void)state;
	beads = run(base_a, NBASE, base_b, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE, SIZE_MAX, NULL);
	free(beads);
}

/* The translation cut paragraph 4 (389 characters, 372 in B) in two. */
static void test_split_gives_1_2(void **state)
{
	size_t b[NBASE + 1], nbeads, i, j = 0;
	struct align_bead *beads;

	(void)state;
	for (i = 0; i < NBASE; i++) {
		if (i == 4) {
			b[j++] = 160;
			b[j++] = 212;
		} else {
			b[j++] = base_b[i];
		}
	}
	beads = run(base_a, NBASE, b, NBASE + 1, &nbeads);
	expect_shapes(beads, nbeads, NBASE, 4, "1-2");
	assert_int_equal(beads[4].a_start, 4);
	assert_int_equal(beads[4].b_start, 4);
	assert_int_equal(beads[5].b_start, 6);
	free(beads);

	/* The same seen from the other side: a 2-1. */
	beads = run(b, NBASE + 1, base_a, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE, 4, "2-1");
	assert_int_equal(beads[4].a_start, 4);
	assert_int_equal(beads[4].b_start, 4);
	free(beads);
}

/* The translation joined paragraphs 6 and 7 into one. */
static void test_merge_gives_2_1(void **state)
{
	size_t b[NBASE - 1], nbeads, i, j = 0;
	struct align_bead *beads;

	(void)state;
	for (i = 0; i < NBASE; i++) {
		if (i == 7)
			b[j - 1] += base_b[i];
		else
			b[j++] = base_b[i];
	}
	beads = run(base_a, NBASE, b, NBASE - 1, &nbeads);
	expect_shapes(beads, nbeads, NBASE - 1, 6, "2-1");
	assert_int_equal(beads[6].a_start, 6);
	assert_int_equal(beads[6].b_start, 6);
	assert_int_equal(beads[7].a_start, 8);
	assert_int_equal(beads[7].b_start, 7);
	free(beads);
}

/* The translation left out paragraph 5. With the Gale & Church costs a
 * single omission next to well-matched neighbours never comes out as 1-0:
 * joining it to a neighbour costs -log(0.089) = 2.42 nats plus a delta
 * smaller than the 1-0 bead's own, against -log(0.0099) + -log(0.89) = 4.73
 * for 1-0 beside 1-1. So the omitted paragraph lands in a 2-1 with a
 * neighbour, paired with that neighbour's translation. */
static void test_drop_next_to_neighbours_is_absorbed(void **state)
{
	size_t a[NBASE - 1], b[NBASE - 1], nbeads, i, j = 0;
	struct align_bead *beads;

	(void)state;
	for (i = 0; i < NBASE; i++)
		if (i != 5)
			b[j++] = base_b[i];
	beads = run(base_a, NBASE, b, NBASE - 1, &nbeads);
	expect_shapes(beads, nbeads, NBASE - 1, 5, "2-1");
	assert_int_equal(beads[5].a_start, 5); /* A5 + A6 against B's A6 */
	assert_int_equal(beads[5].b_start, 5);
	free(beads);

	/* The other way: paragraph 5 missing from A, present in B (where a
	 * 0-1 would be exact). It joins paragraph 4 in a 1-2. */
	for (i = 0, j = 0; i < NBASE; i++)
		if (i != 5)
			a[j++] = base_a[i];
	beads = run(a, NBASE - 1, base_b, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE - 1, 4, "1-2");
	assert_int_equal(beads[4].a_start, 4); /* A4 against B4 + B5 */
	assert_int_equal(beads[4].b_start, 4);
	assert_int_equal(beads[5].b_start, 6);
	free(beads);
}

/* Paragraphs that no merge can take: one text has a paragraph followed by
 * four short trailer lines (credit, source, ...), the other only the
 * paragraph. One trailer line joins the paragraph in a 2-1; the other three
 * are left out as 1-0 (and 0-1 the other way round). */
static void test_unmatched_give_1_0_and_0_1(void **state)
{
	static const size_t a[] = { 300, 12, 9, 15, 11 };
	static const size_t b[] = { 290 };
	static const char *const ab[] = { "2-1", "1-0", "1-0", "1-0" };
	static const char *const ba[] = { "1-2", "0-1", "0-1", "0-1" };
	size_t nbeads, i;
	struct align_bead *beads;

	(void)state;
	beads = run(a, NELEM(a), b, NELEM(b), &nbeads);
	assert_int_equal(nbeads, NELEM(ab));
	for (i = 0; i < nbeads; i++)
		assert_string_equal(align_bead_shape(&beads[i]), ab[i]);
	free(beads);

	beads = run(b, NELEM(b), a, NELEM(a), &nbeads);
	assert_int_equal(nbeads, NELEM(ba));
	for (i = 0; i < nbeads; i++)
		assert_string_equal(align_bead_shape(&beads[i]), ba[i]);
	free(beads);
}

static void test_empty_a(void **state)
{
	size_t nbeads, i;
	struct align_bead *beads;

	(void)state;
	beads = run(NULL, 0, base_b, NBASE, &nbeads);
	assert_int_equal(nbeads, NBASE);
	for (i = 0; i < nbeads; i++)
		assert_string_equal(align_bead_shape(&beads[i]), "0-1");
	free(beads);
}

static void test_empty_b(void **state)
{
	size_t nbeads, i;
	struct align_bead *beads;

	(void)state;
	beads = run(base_a, NBASE, NULL, 0, &nbeads);
	assert_int_equal(nbeads, NBASE);
	for (i = 0; i < nbeads; i++)
		assert_string_equal(align_bead_shape(&beads[i]), "1-0");
	free(beads);
}

static void test_both_empty(void **state)
{
	size_t nbeads = 42;
	struct align_bead *beads = (struct align_bead *)&nbeads;
	size_t dummy = 1;

	(void)state;
	assert_int_equal(align_paragraphs(NULL, 0, NULL, 0, &beads, &nbeads), 0);
	assert_int_equal(nbeads, 0);
	assert_null(beads);
	nbeads = 42;
	assert_int_equal(align_paragraphs(&dummy, 0, &dummy, 0, &beads, &nbeads), 0);
	assert_int_equal(nbeads, 0);
	assert_null(beads);
}

/* B uniformly 1.5 times longer (and 0.4 times): c absorbs the ratio. */
static void test_length_ratio(void **state)
{
	size_t b[NBASE], nbeads, i;
	struct align_bead *beads;

	(void)state;
	for (i = 0; i < NBASE; i++)
		b[i] = base_b[i] * 3 / 2;
	beads = run(base_a, NBASE, b, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE, SIZE_MAX, NULL);
	free(beads);

	for (i = 0; i < NBASE; i++)
		b[i] = base_a[i] * 3 / 2;
	beads = run(base_a, NBASE, b, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE, SIZE_MAX, NULL);
	for (i = 0; i < nbeads; i++) /* exact ratio: delta ~ 0 */
		assert_true(fabs(beads[i].cost + log(0.89)) < 1e-2);
	free(beads);

	for (i = 0; i < NBASE; i++)
		b[i] = base_b[i] * 2 / 5;
	beads = run(base_a, NBASE, b, NBASE, &nbeads);
	expect_shapes(beads, nbeads, NBASE, SIZE_MAX, NULL);
	free(beads);
}

/* Cost values: delta = (l2 - c l1) / sqrt(m s^2), m = (l1 + l2/c) / 2. */
static void test_cost_values(void **state)
{
	static const size_t hundred[] = { 100 };
	static const size_t b34[] = { 34 };
	static const size_t huge[] = { 100000 };
	double delta;
	size_t nbeads;
	struct align_bead *beads;

	(void)state;
	beads = run(hundred, 1, hundred, 1, &nbeads);
	assert_int_equal(nbeads, 1);
	assert_true(fabs(beads[0].cost + log(0.89)) < 1e-12);
	free(beads);

	/* 0-1 of 34 characters, c = 1: m = 17, delta = 34 / sqrt(17 * 6.8). */
	beads = run(NULL, 0, b34, 1, &nbeads);
	assert_int_equal(nbeads, 1);
	delta = 34.0 / sqrt(17.0 * 6.8);
	assert_true(fabs(beads[0].cost - (-log(0.0099) - log(erfc(delta / sqrt(2.0))))) < 1e-9);
	free(beads);

	/* erfc underflows to 0 here: the floor keeps the cost finite. */
	beads = run(huge, 1, NULL, 0, &nbeads);
	assert_int_equal(nbeads, 1);
	assert_true(isfinite(beads[0].cost));
	assert_true(beads[0].cost > 100.0);
	free(beads);
}

static void test_shape_strings(void **state)
{
	static const struct {
		size_t a, b;
		const char *s;
	} cases[] = {
		{ 1, 1, "1-1" }, { 1, 0, "1-0" }, { 0, 1, "0-1" },
		{ 2, 1, "2-1" }, { 1, 2, "1-2" }, { 2, 2, "2-2" },
	};
	struct align_bead b;
	size_t i;

	(void)state;
	memset(&b, 0, sizeof b);
	for (i = 0; i < NELEM(cases); i++) {
		b.a_len = cases[i].a;
		b.b_len = cases[i].b;
		assert_string_equal(align_bead_shape(&b), cases[i].s);
		/* Static storage: the same pointer every time. */
		assert_ptr_equal(align_bead_shape(&b), align_bead_shape(&b));
	}
}

/* Tables whose size overflows size_t are refused without touching the
 * lengths. */
static void test_size_overflow(void **state)
{
	size_t one = 1, nbeads = 7;
	struct align_bead *beads = NULL;

	(void)state;
	assert_int_equal(align_paragraphs(&one, SIZE_MAX, &one, 1, &beads, &nbeads), -1);
	assert_null(beads);
	assert_int_equal(align_paragraphs(&one, SIZE_MAX / 2, &one, SIZE_MAX / 2, &beads, &nbeads), -1);
	assert_null(beads);
	assert_int_equal(align_paragraphs(&one, SIZE_MAX / 16, &one, 4, &beads, &nbeads), -1);
	assert_null(beads);
}

/* Random texts, with zero lengths and very different counts: the beads
 * always cover every paragraph once, in order. */
static void test_random_cover(void **state)
{
	size_t a[40], b[40], na, nb, nbeads, i;
	int round;
	struct align_bead *beads;

	(void)state;
	srand(20251025);
	for (round = 0; round < 2000; round++) {
		na = (size_t)(rand() % 41);
		nb = (size_t)(rand() % 41);
		for (i = 0; i < na; i++)
			a[i] = (rand() % 8 == 0) ? 0 : (size_t)(rand() % 1500);
		for (i = 0; i < nb; i++)
			b[i] = (rand() % 8 == 0) ? 0 : (size_t)(rand() % 1500);
		beads = run(a, na, b, nb, &nbeads);
		assert_true(nbeads <= na + nb);
		assert_true(nbeads >= (na > nb ? na : nb) / 2);
		free(beads);
	}
}

/* ---- the band ------------------------------------------------------------ */

/* A deterministic pseudo-random number in [0, n). */
static size_t next_rand(unsigned long *x, size_t n)
{
	*x = *x * 6364136223846793005ul + 1442695040888963407ul;
	return (size_t)((*x >> 33) % n);
}

/* A synthetic pair: A's paragraphs, and B as their translation (1.2 times
 * the length, within 3%), with some of A's paragraphs left out of B and some
 * paragraphs of B's own inserted. partner[i] is the paragraph of B that
 * translates A[i], or SIZE_MAX when it was left out. Returns nb. */
static size_t make_pair(size_t *a, size_t na, size_t *b, size_t *partner, const size_t *drop,
                        size_t ndrop, const size_t *insert_before, size_t ninsert,
                        size_t insert_len, size_t insert_run, unsigned long seed)
{
	unsigned long x = seed;
	size_t i, k, nb = 0;

	for (i = 0; i < na; i++)
		a[i] = 40 + next_rand(&x, 560);
	for (i = 0; i < na; i++) {
		for (k = 0; k < ninsert; k++)
			if (insert_before[k] == i)
				for (size_t r = 0; r < insert_run; r++)
					b[nb++] = insert_len + next_rand(&x, 10);
		partner[i] = SIZE_MAX;
		for (k = 0; k < ndrop; k++)
			if (drop[k] == i)
				break;
		if (k < ndrop)
			continue;
		partner[i] = nb;
		b[nb++] = (size_t)((double)a[i] * 1.2 * (0.97 + 0.06 * (double)next_rand(&x, 1000) / 1000.0));
	}
	return nb;
}

/* The partner of A[t] for t in -1..na, with B's ends as partners of the
 * ends: -1 before the first paragraph and nb after the last. */
static long partner_at(const size_t *partner, size_t na, size_t nb, long t)
{
	if (t < 0)
		return -1;
	if ((size_t)t >= na)
		return (long)nb;
	return partner[t] == SIZE_MAX ? -2 : (long)partner[t];
}

/* Each paragraph of A with no edit within `near` of it (every paragraph
 * from i - near to i + near, and the texts' ends, in step with its partner)
 * is in a 1-1 bead with its partner. Returns how many were checked. */
static size_t check_partners(const struct align_bead *beads, size_t nbeads, const size_t *partner,
                             size_t na, size_t nb, long near)
{
	size_t i, k, checked = 0;

	for (k = 0; k < nbeads; k++) {
		const struct align_bead *bd = &beads[k];

		for (i = bd->a_start; i < bd->a_start + bd->a_len; i++) {
			long t;
			int clean = 1;

			for (t = (long)i - near - 1; clean && t <= (long)i + near; t++) {
				long p = partner_at(partner, na, nb, t), q = partner_at(partner, na, nb, t + 1);
				if (t + 1 < -1 || t > (long)na)
					continue;
				if (p == -2 || q == -2 || q != p + 1)
					clean = 0;
			}
			if (!clean)
				continue;
			if (bd->a_len != 1 || bd->b_len != 1 || bd->b_start != partner[i])
				fail_msg("A[%zu]: bead %s at B[%zu], want 1-1 with B[%zu]", i,
				         align_bead_shape(bd), bd->b_start, partner[i]);
			checked++;
		}
	}
	return checked;
}

/* A long pair (4,000 paragraphs, far more than the band is wide) with a few
 * paragraphs left out and inserted on both sides: every paragraph more than
 * ten paragraphs away from an edit is aligned 1-1 with its partner (length
 * alone can take a few paragraphs to recover from an edit), and the edits
 * cost only a few beads that are not 1-1. */
static void test_long_pair_with_edits(void **state)
{
	enum { NA = 4000 };
	static size_t a[NA], b[NA + 64], partner[NA];
	static const size_t drop[] = { 7, 500, 501, 1700, 3999 };
	static const size_t ins[] = { 0, 1000, 2500, 3333 };
	size_t nb, nbeads, odd = 0, k;
	struct align_bead *beads;

	(void)state;
	nb = make_pair(a, NA, b, partner, drop, NELEM(drop), ins, NELEM(ins), 30, 1, 42);
	assert_int_equal(nb, NA - NELEM(drop) + NELEM(ins));
	beads = run(a, NA, b, nb, &nbeads);
	assert_true(check_partners(beads, nbeads, partner, NA, nb, 10) > NA - 200);
	for (k = 0; k < nbeads; k++)
		odd += beads[k].a_len != 1 || beads[k].b_len != 1;
	assert_true(odd <= 2 * (NELEM(drop) + NELEM(ins)));
	free(beads);
}

/* Runs of paragraphs only one side has, 80 at the start of A and 80 near
 * the end of B: the path leaves the diagonal far and long, and the band
 * still gives the full table's alignment. */
static void test_band_off_diagonal(void **state)
{
	enum { NA = 800 };
	static size_t a[NA], b[NA + 80], partner[NA];
	static const size_t ins[] = { 700 };
	struct align_bead *banded, *full = NULL;
	size_t i, nb, nbanded, nfull;

	(void)state;
	/* A's first 80 paragraphs are left out of B; 80 of B's own come
	 * before A[700] */
	nb = make_pair(a, NA, b, partner, NULL, 0, ins, NELEM(ins), 300, 80, 7);
	memmove(b, b + 80, (nb - 80) * sizeof *b);
	nb -= 80;
	assert_int_equal(nb, NA);
	banded = run(a, NA, b, nb, &nbanded);
	assert_int_equal(align_paragraphs_band(a, NA, b, nb, nb, &full, &nfull), 0);
	assert_int_equal(nbanded, nfull);
	for (i = 0; i < nfull; i++) {
		assert_int_equal(banded[i].a_start, full[i].a_start);
		assert_int_equal(banded[i].b_start, full[i].b_start);
		assert_int_equal(banded[i].a_len, full[i].a_len);
		assert_int_equal(banded[i].b_len, full[i].b_len);
	}
	free(banded);
	free(full);
}

/* Random pairs of a few hundred paragraphs with edits: the band gives the
 * full table's alignment, and so does a band that starts at 1 paragraph and
 * must widen where the path runs along its edge. */
static void test_band_matches_full_table(void **state)
{
	enum { NA = 300 };
	static size_t a[NA], b[NA + 8], partner[NA];
	size_t round, i, nb, n1, n2, n3;
	unsigned long x = 99;

	(void)state;
	for (round = 0; round < 8; round++) {
		size_t drop[3], ins[3];
		struct align_bead *auto_band, *full = NULL, *narrow = NULL;

		for (i = 0; i < 3; i++) {
			drop[i] = next_rand(&x, NA);
			ins[i] = next_rand(&x, NA);
		}
		nb = make_pair(a, NA, b, partner, drop, 3, ins, 3, 20 + next_rand(&x, 400), 1, round);
		auto_band = run(a, NA, b, nb, &n1);
		assert_int_equal(align_paragraphs_band(a, NA, b, nb, nb, &full, &n2), 0);
		assert_int_equal(align_paragraphs_band(a, NA, b, nb, 1, &narrow, &n3), 0);
		check_cover(narrow, n3, NA, nb);
		assert_int_equal(n1, n2);
		assert_int_equal(n3, n2);
		for (i = 0; i < n2; i++) {
			assert_int_equal(auto_band[i].a_start, full[i].a_start);
			assert_int_equal(auto_band[i].b_start, full[i].b_start);
			assert_int_equal(auto_band[i].a_len, full[i].a_len);
			assert_int_equal(narrow[i].a_start, full[i].a_start);
			assert_int_equal(narrow[i].b_start, full[i].b_start);
			assert_int_equal(narrow[i].a_len, full[i].a_len);
		}
		free(auto_band);
		free(full);
		free(narrow);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_fr_ar),
		cmocka_unit_test(test_identity_shaped),
		cmocka_unit_test(test_split_gives_1_2),
		cmocka_unit_test(test_merge_gives_2_1),
		cmocka_unit_test(test_drop_next_to_neighbours_is_absorbed),
		cmocka_unit_test(test_unmatched_give_1_0_and_0_1),
		cmocka_unit_test(test_empty_a),
		cmocka_unit_test(test_empty_b),
		cmocka_unit_test(test_both_empty),
		cmocka_unit_test(test_length_ratio),
		cmocka_unit_test(test_cost_values),
		cmocka_unit_test(test_shape_strings),
		cmocka_unit_test(test_size_overflow),
		cmocka_unit_test(test_random_cover),
		cmocka_unit_test(test_long_pair_with_edits),
		cmocka_unit_test(test_band_off_diagonal),
		cmocka_unit_test(test_band_matches_full_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
