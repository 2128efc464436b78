/* test_text_wordbreak.c — unit tests for src/text/wordbreak.c through
 * tandem's layout (decode_paragraph, bidi_prepare, layout_wrap): where
 * Thai, Lao, Khmer and Myanmar text, written without spaces between words,
 * is wrapped.
 *
 * The measure: tests/data/wordbreak/{th,lo,km,my}.txt (news-style
 * paragraphs written for these tests, one paragraph a line) are wrapped at
 * every width from 20 to 80, and each place where a line ends between two
 * characters of the script (not at a space, where any breaker would agree)
 * is checked against an independent dictionary-based breaker, one that
 * shares neither code nor dictionary with ICU:
 *   Thai     libthai (th_brk_wc_find_breaks, its own dictionary);
 *   Lao      LibreOffice's Lao word list (Debian hunspell-lo, lo_LA.dic);
 *   Khmer    the Khmer word list of Tesseract's trained data (tesseract-ocr-khm);
 *   Myanmar  the Burmese word list of Tesseract's trained data (tesseract-ocr-mya);
 * the last three segmented by the maximal matching of this file: of the
 * ways to cut a run into listed words and stretches of unlisted text, those
 * with the fewest unlisted characters, then the fewest pieces; the judge
 * cuts where one of those segmentations does. (The Makefile unpacks the
 * Tesseract lists into WORDLISTS.)
 *
 * A wrap is on a word boundary when the judge cuts there, or when the
 * judge's word around it is made of listed words and the wrap falls between
 * two of them: a compound. ICU's Thai dictionary has โรง|พยาบาล (hospital:
 * building + nursing) and เดิน|ทาง (travel: walk + way) as two words each,
 * libthai's has them as one; Tesseract's lists hold whole phrases
 * (ដងក្នុងមួយថ្ងៃ, "times a day"). The word list of the compound rule is
 * the judge's own (for Thai, libthai's dictionary, read with libdatrie).
 * Both counts are printed ("wordbreak th: 1331/1331 wraps on word
 * boundaries (100.0%): 1260 where the judge cuts, 71 between the words of a
 * compound") and the test fails below 98%. To show that the judge does
 * judge, the share of all grapheme-cluster boundaries inside runs that it
 * accepts is printed too, and must be below 98% (a breaker cutting between
 * any two clusters would fail). WORDBREAK_VERBOSE=1 prints each wrap that
 * is not on a word boundary.
 *
 * Also: no line boundary splits a grapheme cluster or comes before a
 * combining vowel or tone mark; no line is wider than its width; the
 * example of the report (a Thai sentence cut inside ตั้งแต่ and
 * โรงพยาบาล) now wraps between words; a text without characters of these
 * scripts keeps exactly libunistring's opportunities (French and Arabic
 * corpus articles) and wordbreak_add adds nothing to it; in mixed text only
 * the insides of runs change; the script blocks; an iterator released is
 * opened again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "testutil.h"
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <datrie/trie.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"
#include "tandem/wordbreak.h"

#ifndef WORDLISTS
#define WORDLISTS "build/tests/wordlists"
#endif
#define LAO_DIC "/usr/share/hunspell/lo_LA.dic"
#define THAI_TRIE "/usr/share/libthai/thbrk.tri"

#define MIN_WIDTH 20
#define MAX_WIDTH 80
#define TARGET 0.98

/* ------------------------------------------------------------- word lists */

/* A set of words (UTF-32 strings), open addressing. */
struct wordset {
	uint32_t **slot; /* NULL or a word, terminated by 0 */
	size_t *len;
	size_t cap, n;
	size_t maxlen; /* the longest word, in code points */
};

static uint64_t hash_cp(const uint32_t *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int wordset_has(const struct wordset *ws, const uint32_t *s, size_t n)
{
	for (size_t k = hash_cp(s, n) & (ws->cap - 1);; k = (k + 1) & (ws->cap - 1)) {
		if (!ws->slot[k])
			return 0;
		if (ws->len[k] == n && memcmp(ws->slot[k], s, n * sizeof *s) == 0)
			return 1;
	}
}

static void wordset_add(struct wordset *ws, const uint32_t *s, size_t n)
{
	if (n == 0 || wordset_has(ws, s, n))
		return;
	assert_true(ws->n + 1 < ws->cap / 2);
	size_t k = hash_cp(s, n) & (ws->cap - 1);
	while (ws->slot[k])
		k = (k + 1) & (ws->cap - 1);
	ws->slot[k] = malloc(n * sizeof *s);
	assert_non_null(ws->slot[k]);
	memcpy(ws->slot[k], s, n * sizeof *s);
	ws->len[k] = n;
	ws->n++;
	if (n > ws->maxlen)
		ws->maxlen = n;
}

static void wordset_init(struct wordset *ws)
{
	memset(ws, 0, sizeof *ws);
	ws->cap = 1 << 20;
	ws->slot = calloc(ws->cap, sizeof *ws->slot);
	ws->len = calloc(ws->cap, sizeof *ws->len);
	assert_true(ws->slot && ws->len);
}

static Bool add_trie_word(const AlphaChar *key, TrieData data, void *ws)
{
	(void)data;
	size_t n = 0;
	while (key[n])
		n++;
	wordset_add(ws, key, n);
	return TRUE;
}

/* libthai's own dictionary (libthai-data), the words its breaker knows. */
static void wordset_load_thai(struct wordset *ws)
{
	Trie *trie = trie_new_from_file(THAI_TRIE);
	if (!trie)
		fail_msg("cannot open libthai's dictionary %s (libthai-data)", THAI_TRIE);
	wordset_init(ws);
	_Static_assert(sizeof(AlphaChar) == sizeof(uint32_t), "AlphaChar is UCS-4");
	assert_true(trie_enumerate(trie, add_trie_word, ws));
	trie_free(trie);
	assert_true(ws->n > 1000);
}

/* Loads one word a line (a hunspell .dic: its first line, the count, and
 * any "/FLAGS" are skipped). Fails the test when the file is missing. */
static void wordset_load(struct wordset *ws, const char *path, const char *package)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open the word list %s (%s; scripts/bootstrap installs it)", path,
		         package);
	wordset_init(ws);
	char *line = NULL;
	size_t lcap = 0;
	ssize_t r;
	while ((r = getline(&line, &lcap, f)) > 0) {
		line[strcspn(line, "/\t\r\n")] = 0;
		size_t bl = strlen(line);
		if (bl == 0 || (line[0] >= '0' && line[0] <= '9'))
			continue;
		struct decoded_text t;
		assert_int_equal(decode_paragraph(line, bl, &t), 0);
		wordset_add(ws, t.cp, t.len);
		decode_free(&t);
	}
	free(line);
	fclose(f);
	assert_true(ws->n > 1000);
}

static void wordset_free(struct wordset *ws)
{
	for (size_t k = 0; k < ws->cap; k++)
		free(ws->slot[k]);
	free(ws->slot);
	free(ws->len);
}

/* ---------------------------------------------------------------- judges */

/* Whether a word may begin before s[k] (k > 0) for the judges: a grapheme
 * boundary, and not after a Khmer coeng or Myanmar virama, which stack the
 * next consonant under the one before it. */
static int judge_unit_start(const uint32_t *s, size_t k)
{
	return uc_is_grapheme_break(s[k - 1], s[k]) && s[k - 1] != 0x17d2 && s[k - 1] != 0x1039;
}

struct cost {
	size_t unknown, pieces;
};

static int cost_less(struct cost a, struct cost b)
{
	return a.unknown < b.unknown || (a.unknown == b.unknown && a.pieces < b.pieces);
}

/* Maximal matching of the run s[0..n): sets bound[k] (0 < k < n) when a
 * best segmentation (fewest unlisted characters, then fewest pieces) cuts
 * before s[k]. */
static void judge_run(const struct wordset *ws, const uint32_t *s, size_t n, char *bound)
{
	const struct cost inf = {SIZE_MAX / 4, SIZE_MAX / 4};
	struct cost *f = malloc((n + 1) * sizeof *f), *g = malloc((n + 1) * sizeof *g);
	char *unit = malloc(n + 1);
	assert_true(f && g && unit);
	for (size_t k = 0; k <= n; k++) {
		unit[k] = k == 0 || k == n || judge_unit_start(s, k);
		f[k] = g[k] = inf;
	}
	/* f[j]: best cost of s[0..j); g[i]: best cost of s[i..n) */
	f[0] = (struct cost){0, 0};
	for (size_t i = 0; i < n; i++) {
		if (!unit[i] || f[i].unknown == inf.unknown)
			continue;
		for (size_t j = i + 1; j <= n; j++) {
			if (!unit[j])
				continue;
			int known = j - i <= ws->maxlen && wordset_has(ws, s + i, j - i);
			struct cost c = {f[i].unknown + (known ? 0 : j - i), f[i].pieces + 1};
			if (cost_less(c, f[j]))
				f[j] = c;
		}
	}
	g[n] = (struct cost){0, 0};
	for (size_t j = n; j-- > 0;) {
		if (!unit[j])
			continue;
		for (size_t k = j + 1; k <= n; k++) {
			if (!unit[k] || g[k].unknown == inf.unknown)
				continue;
			int known = k - j <= ws->maxlen && wordset_has(ws, s + j, k - j);
			struct cost c = {g[k].unknown + (known ? 0 : k - j), g[k].pieces + 1};
			if (cost_less(c, g[j]))
				g[j] = c;
		}
	}
	for (size_t k = 1; k < n; k++)
		bound[k] = unit[k] && f[k].unknown + g[k].unknown == f[n].unknown &&
		           f[k].pieces + g[k].pieces == f[n].pieces;
	free(f);
	free(g);
	free(unit);
}

/* The judge's word boundaries of a whole paragraph: bound[k] says whether
 * one lies before cp[k]. thai: libthai's, else maximal matching over ws. */
static char *judge_paragraph(const struct wordset *ws, ThBrk *thai, const uint32_t *cp, size_t n)
{
	char *bound = calloc(n + 1, 1);
	assert_non_null(bound);
	if (thai) {
		wchar_t *w = malloc((n + 1) * sizeof *w);
		int *pos = malloc((n + 1) * sizeof *pos);
		assert_true(w && pos);
		for (size_t i = 0; i < n; i++)
			w[i] = (wchar_t)cp[i];
		w[n] = 0;
		int np = th_brk_wc_find_breaks(thai, w, pos, n + 1);
		assert_true(np >= 0);
		for (int i = 0; i < np; i++)
			if (pos[i] > 0 && (size_t)pos[i] < n)
				bound[pos[i]] = 1;
		free(w);
		free(pos);
		return bound;
	}
	for (size_t i = 0; i < n;) {
		if (!wordbreak_script_char(cp[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && wordbreak_script_char(cp[i]))
			i++;
		judge_run(ws, cp + start, i - start, bound + start);
	}
	return bound;
}

/* Whether s[a..b) is a sequence of listed words. */
static int all_words(const struct wordset *ws, const uint32_t *s, size_t a, size_t b)
{
	char *ok = calloc(b - a + 1, 1);
	assert_non_null(ok);
	ok[0] = 1;
	for (size_t i = a; i < b; i++) {
		if (!ok[i - a] || (i > a && !judge_unit_start(s, i)))
			continue;
		for (size_t j = i + 1; j <= b && j - i <= ws->maxlen; j++)
			if ((j == b || judge_unit_start(s, j)) && wordset_has(ws, s + i, j - i))
				ok[j - a] = 1;
	}
	int r = ok[b - a];
	free(ok);
	return r;
}

/* A place the judge does not cut (bound[k] == 0) is still between two words
 * when the judge's word around it is a compound of listed words cut there:
 * โรงพยาบาล (hospital) = โรง + พยาบาล, which ICU's dictionary keeps apart
 * and libthai's together. The word around k runs from the judge's cut (or
 * the end of the run) before k to the one after it. */
static int compound_cut(const struct wordset *ws, const uint32_t *cp, size_t n, const char *bound,
                        size_t k)
{
	size_t a = k, b = k;
	while (a > 0 && !bound[a] && wordbreak_script_char(cp[a - 1]))
		a--;
	while (b < n && !bound[b] && wordbreak_script_char(cp[b]))
		b++;
	return all_words(ws, cp, a, k) && all_words(ws, cp, k, b);
}

/* ---------------------------------------------------------------- layout */

struct laid {
	struct decoded_text t;
	struct bidi_para bp;
	struct layout_para lp;
};

static void lay_out(struct laid *x, const uint32_t *cp, size_t n, int width)
{
	const struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = 1, .mirror = 1};
	const struct layout_opts lo = {.width = width, .pad = 1, .reorder = 1};
	const char *err = NULL;
	memset(x, 0, sizeof *x);
	assert_int_equal(bidi_prepare(cp, n, &bo, &x->bp, &err), 0);
	assert_int_equal(layout_wrap(&x->bp, &lo, &x->lp), 0);
}

static void laid_free(struct laid *x)
{
	layout_para_free(&x->lp);
	bidi_free(&x->bp);
}

/* Checks every line boundary of a layout: within the width, no grapheme
 * cluster split, no line starting with a combining vowel or tone mark. */
static void check_lines(const struct layout_para *lp, const uint32_t *cp, size_t n,
                        const char *gbrk, int width)
{
	for (size_t l = 0; l < lp->nlines; l++) {
		const struct layout_line *line = &lp->lines[l];
		if (line->width > width)
			fail_msg("a line of width %d at width %d", line->width, width);
		if (l == 0)
			continue;
		size_t k = line->start;
		assert_true(k > 0 && k < n);
		if (!gbrk[k])
			fail_msg("a line starts inside a grapheme cluster: U+%04X|U+%04X at %zu",
			         (unsigned)cp[k - 1], (unsigned)cp[k], k);
		if (uc_is_general_category(cp[k], UC_CATEGORY_M) || cp[k] == 0x0e33 ||
		    cp[k] == 0x0eb3)
			fail_msg("a line starts with the mark U+%04X", (unsigned)cp[k]);
	}
}

/* Shows a wrap the judge disagrees with (WORDBREAK_VERBOSE=1). */
static void print_miss(const uint32_t *cp, size_t n, size_t k, int width)
{
	size_t a = k > 12 ? k - 12 : 0, b = k + 12 < n ? k + 12 : n, la, lb;
	char *left = decode_to_utf8(cp + a, k - a, &la), *right = decode_to_utf8(cp + k, b - k, &lb);
	assert_true(left && right);
	fprintf(stderr, "  width %d: %s|%s\n", width, left, right);
	free(left);
	free(right);
}

struct tally {
	unsigned long inside;    /* wraps between two characters of the script */
	unsigned long judge_cut; /* ...where the judge's segmentation cuts */
	unsigned long compound;  /* ...or inside its word, between listed words */
	unsigned long at_space;  /* wraps at a space or punctuation */
	unsigned long clusters, clusters_ok; /* grapheme boundaries inside runs, and
	                            how many of them the judge accepts */
};

/* Wraps every paragraph of path at MIN_WIDTH..MAX_WIDTH and tallies its
 * wraps against the judge. */
static void measure(const char *path, const struct wordset *ws, ThBrk *thai, struct tally *ty)
{
	size_t len;
	char *text = test_slurp(path, &len);
	memset(ty, 0, sizeof *ty);
	for (char *line = text, *next; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		if (!*line)
			continue;
		struct decoded_text t;
		assert_int_equal(decode_paragraph(line, strlen(line), &t), 0);
		size_t n = t.len;
		char *bound = judge_paragraph(ws, thai, t.cp, n);
		char *gbrk = malloc(n + 1);
		assert_non_null(gbrk);
		u32_grapheme_breaks(t.cp, n, gbrk);
		for (size_t k = 1; k < n; k++) {
			if (!gbrk[k] || !wordbreak_script_char(t.cp[k - 1]) ||
			    !wordbreak_script_char(t.cp[k]))
				continue;
			ty->clusters++;
			if (bound[k] || compound_cut(ws, t.cp, n, bound, k))
				ty->clusters_ok++;
		}
		for (int width = MIN_WIDTH; width <= MAX_WIDTH; width++) {
			struct laid x;
			lay_out(&x, t.cp, n, width);
			check_lines(&x.lp, t.cp, n, gbrk, width);
			for (size_t l = 1; l < x.lp.nlines; l++) {
				size_t k = x.lp.lines[l].start;
				if (!wordbreak_script_char(t.cp[k - 1]) ||
				    !wordbreak_script_char(t.cp[k])) {
					ty->at_space++;
					continue;
				}
				ty->inside++;
				if (bound[k])
					ty->judge_cut++;
				else if (compound_cut(ws, t.cp, n, bound, k))
					ty->compound++;
				else if (getenv("WORDBREAK_VERBOSE"))
					print_miss(t.cp, n, k, width);
			}
			laid_free(&x);
		}
		free(gbrk);
		free(bound);
		decode_free(&t);
	}
	free(text);
}

static void report(const char *script, const struct tally *ty)
{
	unsigned long on = ty->judge_cut + ty->compound;
	double rate = ty->inside ? (double)on / (double)ty->inside : 0;
	printf("wordbreak %s: %lu/%lu wraps on word boundaries (%.1f%%): %lu where the judge cuts, "
	       "%lu between the words of a compound; widths %d..%d, wraps inside runs only "
	       "(%lu more at spaces)\n",
	       script, on, ty->inside, 100 * rate, ty->judge_cut, ty->compound, MIN_WIDTH,
	       MAX_WIDTH, ty->at_space);
	printf("    (the judge accepts %lu of the %lu grapheme-cluster boundaries inside runs: "
	       "%.1f%%)\n",
	       ty->clusters_ok, ty->clusters, 100.0 * (double)ty->clusters_ok / (double)ty->clusters);
	/* enough wraps inside runs to mean something, and a judge that would
	 * fail a breaker cutting anywhere between grapheme clusters */
	assert_true(ty->inside >= 200);
	assert_true((double)ty->clusters_ok < TARGET * (double)ty->clusters);
	if (rate < TARGET)
		fail_msg("wordbreak %s: %.1f%% of the wraps on word boundaries, below %.0f%%", script,
		         100 * rate, 100 * TARGET);
}

static void test_thai_wraps_between_words(void **state)
{
	(void)state;
	ThBrk *thai = th_brk_new(NULL);
	if (!thai)
		fail_msg("libthai cannot open its dictionary (libthai-data)");
	struct wordset ws;
	struct tally ty;
	wordset_load_thai(&ws);
	measure("tests/data/wordbreak/th.txt", &ws, thai, &ty);
	th_brk_delete(thai);
	wordset_free(&ws);
	report("th", &ty);
}

static void run_with_list(const char *script, const char *text, const char *list,
                          const char *package)
{
	struct wordset ws;
	struct tally ty;
	wordset_load(&ws, list, package);
	measure(text, &ws, NULL, &ty);
	wordset_free(&ws);
	report(script, &ty);
}

static void test_lao_wraps_between_words(void **state)
{
	(void)state;
	run_with_list("lo", "tests/data/wordbreak/lo.txt", LAO_DIC, "hunspell-lo");
}

static void test_khmer_wraps_between_words(void **state)
{
	(void)state;
	run_with_list("km", "tests/data/wordbreak/km.txt", WORDLISTS "/khm.words",
	              "tesseract-ocr and tesseract-ocr-khm");
}

static void test_myanmar_wraps_between_words(void **state)
{
	(void)state;
	run_with_list("my", "tests/data/wordbreak/my.txt", WORDLISTS "/mya.words",
	              "tesseract-ocr and tesseract-ocr-mya");
}

/* ------------------------------------------------------ the other checks */

/* The sentence of the report: tandem cut it inside ตั้งแต่ ("since") and
 * โรงพยาบาล ("hospital"). At no width does a line now start inside
 * ตั้งแต่, or inside พยาบาล (โรง|พยาบาล, between the two words of the
 * compound, is allowed). */
static void test_reported_sentence(void **state)
{
	(void)state;
	static const char text[] = "น้ำท่วมทั่วประเทศตั้งแต่ต้นเดือนทำให้โรงพยาบาลหลายแห่ง"
	                           "ต้องย้ายผู้ป่วยไปยังพื้นที่ปลอดภัย";
	static const char *const words[] = {"ตั้งแต่", "พยาบาล"};
	struct decoded_text t;
	assert_int_equal(decode_paragraph(text, strlen(text), &t), 0);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		struct decoded_text word;
		assert_int_equal(decode_paragraph(words[w], strlen(words[w]), &word), 0);
		size_t at = 0;
		while (at + word.len <= t.len &&
		       memcmp(t.cp + at, word.cp, word.len * sizeof *word.cp) != 0)
			at++;
		assert_true(at + word.len <= t.len);
		/* from the width of the widest word on (narrower, a word is cut
		 * between clusters) */
		for (int width = 8; width <= 60; width++) {
			struct laid x;
			lay_out(&x, t.cp, t.len, width);
			for (size_t l = 1; l < x.lp.nlines; l++) {
				size_t k = x.lp.lines[l].start;
				if (k > at && k < at + word.len)
					fail_msg("width %d: a line starts inside %s", width, words[w]);
			}
			laid_free(&x);
		}
		decode_free(&word);
	}
	decode_free(&t);
}

/* A text without Thai, Lao, Khmer or Myanmar keeps libunistring's
 * opportunities exactly: wordbreak_add adds none, and layout_wrap leaves
 * them as bidi_prepare found them (the French and Arabic articles). */
static void test_other_scripts_unchanged(void **state)
{
	(void)state;
	static const char *const files[] = {"corpus/fr-rehearsal-vietnamplus.txt",
	                                    "corpus/ar-rehearsal-vietnamplus.txt"};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		size_t len;
		char *text = test_slurp(files[f], &len);
		struct decoded_text t;
		assert_int_equal(decode_paragraph(text, len, &t), 0);
		char *uax = malloc(t.len + 1), *ours = malloc(t.len + 1);
		assert_true(uax && ours);
		u32_possible_linebreaks(t.cp, t.len, "UTF-8", uax);
		memcpy(ours, uax, t.len);
		assert_int_equal(wordbreak_add(t.cp, t.len, ours), 0);
		assert_memory_equal(ours, uax, t.len);
		struct laid x;
		lay_out(&x, t.cp, t.len, 40);
		assert_memory_equal(x.bp.breaks, uax, t.len);
		assert_true(x.lp.nlines > 10);
		laid_free(&x);
		free(uax);
		free(ours);
		decode_free(&t);
		free(text);
	}
}

/* In mixed text only the insides of runs of these scripts gain
 * opportunities; the Latin, digits, spaces and punctuation around them keep
 * UAX #14's, and so does a single Thai character between two others. */
static void test_mixed_text(void **state)
{
	(void)state;
	static const char text[] = "ผลการเลือกตั้ง COVID-19 วันที่ 12/3/2024 (ประเทศไทย) "
	                           "ກອງປະຊຸມ «ASEAN» ការប្រជុំ-ថ្នាក់ខ្ពស់ ก, ข";
	struct decoded_text t;
	assert_int_equal(decode_paragraph(text, strlen(text), &t), 0);
	size_t n = t.len;
	char *uax = malloc(n + 1), *ours = malloc(n + 1);
	assert_true(uax && ours);
	u32_possible_linebreaks(t.cp, n, "UTF-8", uax);
	memcpy(ours, uax, n);
	long added = wordbreak_add(t.cp, n, ours);
	assert_true(added >= 4);
	long changed = 0;
	for (size_t k = 0; k < n; k++) {
		if (ours[k] == uax[k])
			continue;
		changed++;
		/* only PROHIBITED -> POSSIBLE, strictly inside a run */
		assert_int_equal(uax[k], UC_BREAK_PROHIBITED);
		assert_int_equal(ours[k], UC_BREAK_POSSIBLE);
		assert_true(k > 0 && wordbreak_script_char(t.cp[k - 1]) &&
		            wordbreak_script_char(t.cp[k]));
	}
	assert_int_equal(changed, added);
	/* "ผลการเลือกตั้ง" (election results): ผล|การ|เลือก|ตั้ง, nothing
	 * inside เลือก (6..9) or ตั้ง (11..13) */
	assert_int_equal(ours[2], UC_BREAK_POSSIBLE);
	assert_int_equal(ours[5], UC_BREAK_POSSIBLE);
	assert_int_equal(ours[10], UC_BREAK_POSSIBLE);
	for (size_t k = 6; k < 14; k++)
		if (k != 10)
			assert_int_equal(ours[k], UC_BREAK_PROHIBITED);
	free(uax);
	free(ours);
	decode_free(&t);
}

/* wordbreak_script_char holds for the four scripts' blocks and nothing
 * around them. */
static void test_script_blocks(void **state)
{
	(void)state;
	static const uint32_t yes[] = {0x0e01, 0x0e7f, 0x0e80, 0x0eff, 0x1000, 0x109f, 0x1780,
	                               0x17ff, 0x19e0, 0x19ff, 0xa9e0, 0xa9ff, 0xaa60, 0xaa7f};
	static const uint32_t no[] = {'a', 0x0627, 0x0dff, 0x0f00, 0x0fff, 0x10a0, 0x177f,
	                              0x1800, 0x19df, 0x1a00, 0xa9df, 0xaa00, 0xaa5f, 0xaa80,
	                              0x200b, 0x4e00, 0x1f600};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(wordbreak_script_char(yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(wordbreak_script_char(no[i]));
}

/* The thread's iterator, released, is opened again by the next call, which
 * finds the same boundaries. */
static void test_release_and_reopen(void **state)
{
	(void)state;
	static const char text[] = "โรงเรียนและวัดหลายแห่ง";
	struct decoded_text t;
	assert_int_equal(decode_paragraph(text, strlen(text), &t), 0);
	char *a = malloc(t.len), *b = malloc(t.len);
	assert_true(a && b);
	memset(a, UC_BREAK_PROHIBITED, t.len);
	memset(b, UC_BREAK_PROHIBITED, t.len);
	long na = wordbreak_add(t.cp, t.len, a);
	wordbreak_release();
	wordbreak_release(); /* harmless twice */
	long nb = wordbreak_add(t.cp, t.len, b);
	assert_true(na >= 3);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, t.len);
	free(a);
	free(b);
	decode_free(&t);
}

static int release_iter(void **state)
{
	(void)state;
	wordbreak_release();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thai_wraps_between_words),
		cmocka_unit_test(test_lao_wraps_between_words),
		cmocka_unit_test(test_khmer_wraps_between_words),
		cmocka_unit_test(test_myanmar_wraps_between_words),
		cmocka_unit_test(test_reported_sentence),
		cmocka_unit_test(test_other_scripts_unchanged),
		cmocka_unit_test(test_mixed_text),
		cmocka_unit_test(test_script_blocks),
		cmocka_unit_test(test_release_and_reopen),
	};
	return cmocka_run_group_tests(tests, NULL, release_iter);
}
