/* test_text_layout.c — unit tests for src/text/layout.c with src/text/bidi.c
 * (steps 3 to 7 of the text pipeline: layout_wrap after bidi_prepare).
 * Covers: layout_char_width and layout_is_invisible; left-to-right wrapping
 * at UAX #14 opportunities (a word exactly W wide fits, breaks after hyphens,
 * greedy filling) and "no line wider than W" for random texts at widths
 * 1..100; the classic bug (an Arabic paragraph's first screen line holds its
 * first logical words, each right-to-left line reads right to left); numbers
 * and Latin words keeping their order inside Arabic; right-to-left lines
 * flush right; shaping on (presentation forms, one lam-alef cell, no U+FEFF
 * fill) and off (base letters); bracket mirroring on and off; over-long words
 * cut between grapheme clusters, wide characters never straddling the edge,
 * progress at width 1; marks capped at LAYOUT_CELL_CHARS and counted; a mark
 * without a base getting one (left-to-right and right-to-left) and measured
 * with it; marks kept with their base across embeddings and isolates; a
 * cluster of 100,000 marks and a ZWJ chain of 20,000 emoji; a lam-alef
 * ligature never separated from its marks and mapped from both its letters;
 * bidi format characters never in cells, explicit embeddings and isolates
 * reordering; the logical<->visual maps of every line; re-wrapping one
 * analysis at several widths; the empty paragraph; reorder off;
 * layout_line_to_utf8; the French and Arabic corpus paragraphs; long
 * paragraphs laid out in pieces (layout_piece) giving the lines of the whole,
 * given whole or a part at a time, and a cluster longer than a piece. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"

#define CORPUS_AR "corpus/ar-rehearsal-vietnamplus.txt"
#define CORPUS_FR "corpus/fr-rehearsal-vietnamplus.txt"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

#define FILL 0xfeffu
#define NBSP 0x00a0u

/* ------------------------------------------------------------------ helpers */

/* One paragraph through decode and bidi, and its current wrap. */
struct para {
	struct decoded_text d;
	struct bidi_para p;
	struct layout_para lp;
	int wrapped;
	int live; /* a pool slot in use (see para_new) */
};

static void prep(struct para *x, const char *s, enum bidi_dir dir, int shape, int mirror)
{
	const char *err = NULL;
	struct bidi_opts o = {dir, shape, mirror};
	memset(x, 0, sizeof *x);
	x->live = 1;
	assert_int_equal(decode_paragraph(s, strlen(s), &x->d), 0);
	assert_int_equal(bidi_prepare(x->d.cp, x->d.len, &o, &x->p, &err), 0);
}

static void unwrap(struct para *x)
{
	if (x->wrapped)
		layout_para_free(&x->lp);
	x->wrapped = 0;
}

static void drop(struct para *x)
{
	unwrap(x);
	bidi_free(&x->p);
	decode_free(&x->d);
	memset(x, 0, sizeof *x);
}

/* A failed assertion leaves the test by longjmp: paragraphs and buffers live
 * in static storage so that the teardown can free them, and valgrind stays
 * clean even while a test fails. */
#define POOL 4
static struct para pool[POOL];

/* A free slot (dropped paragraphs free theirs). */
static struct para *para_new(void)
{
	for (size_t i = 0; i < POOL; i++)
		if (!pool[i].live) {
			memset(&pool[i], 0, sizeof pool[i]);
			pool[i].live = 1;
			return &pool[i];
		}
	fail_msg("paragraph pool exhausted");
	return NULL;
}

#define OWNED 8
static void *owned[OWNED];

/* Records a heap block for the teardown; returns it. */
static void *keep(void *ptr)
{
	assert_non_null(ptr);
	for (size_t i = 0; i < OWNED; i++)
		if (!owned[i]) {
			owned[i] = ptr;
			return ptr;
		}
	fail_msg("too many owned blocks");
	return ptr;
}

/* Frees a block recorded by keep. */
static void release(void *ptr)
{
	for (size_t i = 0; i < OWNED; i++)
		if (owned[i] == ptr)
			owned[i] = NULL;
	free(ptr);
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < POOL; i++)
		if (pool[i].live)
			drop(&pool[i]);
	for (size_t i = 0; i < OWNED; i++) {
		free(owned[i]);
		owned[i] = NULL;
	}
	return 0;
}

static int is_space(uint32_t c)
{
	return c == ' ' || uc_is_general_category(c, UC_CATEGORY_Zs);
}

/* The lam slot of a lam-alef ligature: a fill the shaper wrote. */
static int is_lam_fill(const struct bidi_para *p, size_t i)
{
	return p->shaped[i] == FILL && p->logical[i] != FILL;
}

static int cell_has(const struct layout_cell *c, uint32_t ch)
{
	for (int j = 1; j < c->nch; j++)
		if (c->ch[j] == ch)
			return 1;
	return 0;
}

/* Everything that must hold for any line of any paragraph. */
static void check_line(const struct para *x, size_t li)
{
	const struct bidi_para *p = &x->p;
	const struct layout_para *lp = &x->lp;
	const struct layout_line *l = &lp->lines[li];
	int w = 0;

	assert_true(l->start <= l->end);
	assert_true(l->end <= p->len);
	assert_true(l->ncells <= l->end - l->start);
	size_t content_end = l->end;
	while (content_end > l->start && is_space(p->logical[content_end - 1]))
		content_end--;

	for (size_t i = 0; i < l->ncells; i++) {
		const struct layout_cell *c = &l->cells[i];
		assert_true(c->nch >= 1 && c->nch <= LAYOUT_CELL_CHARS);
		assert_true(c->width == 1 || c->width == 2);
		assert_true(c->logical >= l->start && c->logical < l->end);
		/* visual -> logical -> visual */
		assert_int_equal(l->cell_of[c->logical - l->start], (int32_t)i);
		assert_int_equal(layout_line_cell_of(l, c->logical), (long)i);
		for (int j = 0; j < c->nch; j++) {
			uint32_t ch = c->ch[j];
			assert_false(decode_is_unsafe(ch));
			assert_int_not_equal(ch, FILL);
			assert_false(bidi_is_format_char(ch));
			assert_false(layout_is_invisible(ch));
			if (j == 0 && !(ch == NBSP && c->nch > 1 &&
			                layout_char_width(p->shaped[c->logical]) == 0))
				assert_int_equal(layout_char_width(ch), c->width);
			if (j > 0)
				assert_int_equal(layout_char_width(ch), 0);
		}
		w += c->width;
	}
	assert_int_equal(w, l->width);

	/* logical -> visual: the cell shows that character (as its base, as one
	 * of its marks, or, for a lam's fill slot, as the lam-alef ligature) */
	for (size_t L = l->start; L < l->end; L++) {
		int32_t ci = l->cell_of[L - l->start];
		assert_int_equal(layout_line_cell_of(l, L), (long)ci);
		if (ci < 0) {
			/* nothing visible may lack a cell */
			assert_true(L >= content_end || layout_is_invisible(p->shaped[L]));
			continue;
		}
		assert_true((size_t)ci < l->ncells);
		const struct layout_cell *c = &l->cells[ci];
		if (c->logical == L)
			continue;
		if (is_lam_fill(p, L)) {
			assert_int_equal(c->logical, L + 1);
			continue;
		}
		/* a mark: its cell is its base's, logically before it */
		assert_int_equal(layout_char_width(p->shaped[L]), 0);
		assert_true(c->logical < L);
		assert_true(cell_has(c, p->shaped[L]) || c->nch == LAYOUT_CELL_CHARS);
	}
	assert_int_equal(layout_line_cell_of(l, l->end), -1);
	if (l->start > 0)
		assert_int_equal(layout_line_cell_of(l, l->start - 1), -1);
}

/* Wraps and checks the invariants of every line: the lines tile the
 * paragraph, flush-right indents, each line's maps. */
static void wrap(struct para *x, int width, int pad, int reorder)
{
	struct layout_opts o = {width, pad, reorder, 0, 0};
	unwrap(x);
	assert_int_equal(layout_wrap(&x->p, &o, &x->lp), 0);
	x->wrapped = 1;
	assert_true(x->lp.nlines >= 1);
	assert_int_equal(x->lp.width, width);
	assert_int_equal(x->lp.rtl, x->p.rtl);
	assert_int_equal(x->lp.lines[0].start, 0);
	assert_int_equal(x->lp.lines[x->lp.nlines - 1].end, x->p.len);
	for (size_t i = 0; i < x->lp.nlines; i++) {
		const struct layout_line *l = &x->lp.lines[i];
		if (i + 1 < x->lp.nlines) {
			assert_int_equal(l->end, x->lp.lines[i + 1].start);
			assert_true(l->end > l->start); /* progress */
		}
		if (pad && x->p.rtl && l->width < width)
			assert_int_equal(l->indent, width - l->width);
		else
			assert_int_equal(l->indent, 0);
		check_line(x, i);
	}
}

/* The line as UTF-8 without indent or padding (caller frees). */
static char *line_str(const struct para *x, size_t li)
{
	char *s = layout_line_to_utf8(&x->lp.lines[li], 0, 0, NULL);
	assert_non_null(s);
	return s;
}

static void assert_line_str(const struct para *x, size_t li, const char *want)
{
	char got[1024];
	char *s = line_str(x, li);
	size_t n = strlen(s);
	if (n >= sizeof got)
		n = sizeof got - 1;
	memcpy(got, s, n);
	got[n] = 0;
	free(s);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "line %zu: got \"%s\", want \"%s\"\n", li, got, want);
	assert_string_equal(got, want);
}

/* Logical index of the first occurrence of c at or after from. */
static size_t find_cp(const struct bidi_para *p, uint32_t c, size_t from)
{
	for (size_t i = from; i < p->len; i++)
		if (p->logical[i] == c)
			return i;
	fail_msg("U+%04X not found", (unsigned)c);
	return 0;
}

/* Logical index of the first occurrence of the UTF-8 string s. */
static size_t find_str(const struct bidi_para *p, const char *s)
{
	struct decoded_text t;
	assert_int_equal(decode_paragraph(s, strlen(s), &t), 0);
	for (size_t i = 0; i + t.len <= p->len; i++)
		if (memcmp(p->logical + i, t.cp, t.len * sizeof *t.cp) == 0) {
			decode_free(&t);
			return i;
		}
	decode_free(&t);
	fail_msg("\"%s\" not found", s);
	return 0;
}

/* The line holding logical index L. */
static size_t line_of(const struct para *x, size_t L)
{
	for (size_t i = 0; i < x->lp.nlines; i++)
		if (L >= x->lp.lines[i].start && L < x->lp.lines[i].end)
			return i;
	fail_msg("logical %zu on no line", L);
	return 0;
}

/* xorshift64*: a fixed-seed generator independent of the C library's rand. */
static uint64_t rng_state = 0x2545f4914f6cdd1du;

static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1du) >> 32);
}

/* Widths and break data of a paragraph, as the checks below need them. */
static int width_of(const struct bidi_para *p, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += layout_char_width(p->shaped[i]);
	return w;
}

static int content_width(const struct bidi_para *p, size_t from, size_t to)
{
	while (to > from && is_space(p->logical[to - 1]))
		to--;
	return width_of(p, from, to);
}

/* No line wider than W (a lone character wider than the line excepted), lines
 * end at UAX #14 opportunities and are filled greedily, and a line cut inside
 * a word (no opportunity fits) ends on a grapheme-cluster boundary. Unless
 * count_empty is given, no line of a non-empty paragraph is without cells;
 * with it, such lines are counted there instead (so that the other checks
 * still run where a known bug makes empty lines). */
static void check_breaks_ex(const struct para *x, int W, size_t *count_empty)
{
	const struct bidi_para *p = &x->p;
	size_t n = p->len;
	char *lb = keep(malloc(n + 1)), *gb = keep(malloc(n + 1));
	u32_possible_linebreaks(p->logical, n, "UTF-8", lb);
	u32_grapheme_breaks(p->logical, n, gb);
	for (size_t li = 0; li < x->lp.nlines; li++) {
		const struct layout_line *l = &x->lp.lines[li];
		if (l->indent + l->width > W) {
			/* only one cluster wider than the whole line */
			assert_int_equal(l->ncells, 1);
			assert_true(l->cells[0].width > W);
		}
		if (n > 0 && count_empty)
			*count_empty += l->ncells == 0;
		else if (n > 0) /* no empty screen line inside a paragraph */
			assert_true(l->ncells >= 1);
		if (li + 1 == x->lp.nlines)
			continue;
		size_t e = l->end;
		if (lb[e] != UC_BREAK_PROHIBITED) {
			/* greedy: the next piece up to the next opportunity would
			 * not have fitted */
			size_t o = e + 1;
			while (o < n && lb[o] == UC_BREAK_PROHIBITED)
				o++;
			assert_true(content_width(p, l->start, o) > W);
		} else {
			/* a cut inside a word: no opportunity on the line, a
			 * cluster boundary, a lam-alef kept whole */
			for (size_t i = l->start + 1; i < e; i++)
				assert_int_equal(lb[i], UC_BREAK_PROHIBITED);
			assert_true(gb[e]);
			assert_false(is_lam_fill(p, e - 1));
			/* the next line does not start with a mark */
			assert_false(layout_char_width(p->shaped[e]) == 0 &&
			             !layout_is_invisible(p->shaped[e]));
		}
	}
	release(lb);
	release(gb);
}

static void check_breaks(const struct para *x, int W)
{
	check_breaks_ex(x, W, NULL);
}

/* ------------------------------------------------------------ char widths */

static void test_layout_char_width(void **state)
{
	(void)state;
	assert_int_equal(layout_char_width('a'), 1);
	assert_int_equal(layout_char_width(' '), 1);
	assert_int_equal(layout_char_width('~'), 1);
	assert_int_equal(layout_char_width(0x00e9), 1);   /* é */
	assert_int_equal(layout_char_width(0x6f22), 2);   /* 漢 */
	assert_int_equal(layout_char_width(0xff21), 2);   /* fullwidth A */
	assert_int_equal(layout_char_width(0x1f600), 2);  /* emoji */
	assert_int_equal(layout_char_width(0x0301), 0);   /* combining acute */
	assert_int_equal(layout_char_width(0x064e), 0);   /* fatha */
	assert_int_equal(layout_char_width(FILL), 0);
	assert_int_equal(layout_char_width(0x00ad), 0);   /* soft hyphen */
	assert_int_equal(layout_char_width(0x200f), 0);   /* RLM */
	assert_int_equal(layout_char_width(0x2067), 0);   /* RLI */
	assert_int_equal(layout_char_width(0x200d), 0);   /* ZWJ */
	assert_int_equal(layout_char_width(0x0627), 1);   /* alef */
	assert_int_equal(layout_char_width(0xfeb3), 1);   /* seen initial */
	assert_int_equal(layout_char_width(0xfefb), 1);   /* lam-alef isolated */
	assert_int_equal(layout_char_width(0xfb50), 1);   /* alef wasla isolated */
	assert_int_equal(layout_char_width(0x2400), 1);   /* control picture */
	assert_int_equal(layout_char_width(0xfffd), 1);

	assert_true(layout_is_invisible(FILL));
	assert_true(layout_is_invisible(0x00ad));
	assert_true(layout_is_invisible(0x200b));
	assert_true(layout_is_invisible(0x200e));
	assert_true(layout_is_invisible(0x202b));
	assert_true(layout_is_invisible(0x202c));
	assert_true(layout_is_invisible(0x2069));
	assert_true(layout_is_invisible(0x061c));
	assert_false(layout_is_invisible('a'));
	assert_false(layout_is_invisible(0x0301)); /* a mark is drawn, on its base */
	assert_false(layout_is_invisible(0x0627));
	assert_false(layout_is_invisible(0xfefc));
}

/* -------------------------------------------------------- left to right */

static void test_layout_ltr_wrap_at_spaces(void **state)
{
	(void)state;
	struct para *x = para_new();
	prep(x, "The quick brown fox jumps over", BIDI_AUTO, 1, 1);
	assert_false(x->p.rtl);
	wrap(x, 10, 1, 1);
	assert_int_equal(x->lp.nlines, 3);
	assert_line_str(x, 0, "The quick");
	assert_line_str(x, 1, "brown fox");
	assert_line_str(x, 2, "jumps over"); /* exactly 10 */
	wrap(x, 9, 1, 1);
	assert_int_equal(x->lp.nlines, 4);
	assert_line_str(x, 2, "jumps");
	assert_line_str(x, 3, "over");
	check_breaks(x, 9);
	wrap(x, 10, 1, 1);
	/* the trailing space belongs to the line's range, not to its cells */
	assert_int_equal(x->lp.lines[0].start, 0);
	assert_int_equal(x->lp.lines[0].end, 10);
	assert_int_equal(x->lp.lines[0].width, 9);
	assert_int_equal(layout_line_cell_of(&x->lp.lines[0], 9), -1);
	check_breaks(x, 10);
	drop(x);
}

static void test_layout_word_exactly_width_fits(void **state)
{
	(void)state;
	struct para *x = para_new();
	prep(x, "abcde fghij klm", BIDI_AUTO, 1, 1);
	wrap(x, 5, 1, 1);
	assert_int_equal(x->lp.nlines, 3);
	assert_line_str(x, 0, "abcde");
	assert_line_str(x, 1, "fghij");
	assert_line_str(x, 2, "klm");
	assert_int_equal(x->lp.lines[0].width, 5);
	assert_int_equal(x->lp.lines[1].width, 5);
	/* "abcde fghij" is 11 wide: fits exactly at 11, not at 10 */
	wrap(x, 11, 1, 1);
	assert_line_str(x, 0, "abcde fghij");
	assert_int_equal(x->lp.lines[0].width, 11);
	wrap(x, 10, 1, 1);
	assert_line_str(x, 0, "abcde");
	drop(x);

	/* several spaces at the break: all on the first line, none drawn */
	prep(x, "abc   def", BIDI_AUTO, 1, 1);
	wrap(x, 3, 1, 1);
	assert_int_equal(x->lp.nlines, 2);
	assert_int_equal(x->lp.lines[0].end, 6);
	assert_int_equal(x->lp.lines[0].ncells, 3);
	assert_line_str(x, 1, "def");
	check_breaks(x, 3);
	drop(x);
}

static void test_layout_uax14_opportunities(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* a break after a hyphen (UAX #14 HY), none before the closing
	 * parenthesis of "(Convention de Hanoi )" */
	prep(x, "le vice-Premier ministre", BIDI_AUTO, 1, 1);
	wrap(x, 8, 1, 1);
	assert_line_str(x, 0, "le vice-");
	assert_line_str(x, 1, "Premier");
	assert_line_str(x, 2, "ministre");
	check_breaks(x, 8);
	drop(x);

	prep(x, "de Hanoi ), qui", BIDI_AUTO, 1, 1);
	wrap(x, 9, 1, 1);
	assert_line_str(x, 0, "de");
	assert_line_str(x, 1, "Hanoi ),");
	assert_line_str(x, 2, "qui");
	check_breaks(x, 9);
	drop(x);

	/* no break inside a number: 1,234.56 stays whole */
	prep(x, "ab 1,234.56 cd", BIDI_AUTO, 1, 1);
	wrap(x, 9, 1, 1);
	assert_line_str(x, 0, "ab");
	assert_line_str(x, 1, "1,234.56");
	assert_line_str(x, 2, "cd");
	drop(x);
}

/* Words for random paragraphs: Latin, French, Arabic, numbers, CJK,
 * combining marks, punctuation, long words, lam-alef ligatures. */
static const char *const word_pool[] = {
	"the", "a", "news", "Hanoi", "convention", "cybercriminalit\xc3\xa9",
	"r\xc3\xa9p\xc3\xa9tition", "\xc3\x89taient", "\xc3\xa0", "vice-Premier",
	"e\xcc\x81te\xcc\x81", "(Hanoi", ")", "25", "2025,", "1.5%",
	"\xd9\x88\xd9\x81\xd9\x8a",                                 /* وفي */
	"\xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad",                         /* صباح */
	"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",                         /* سلام */
	"\xd9\x84\xd8\xa7",                                         /* لا */
	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1\xd8\xa7\xd8\xaa", /* المؤتمرات */
	"\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf", /* مُحَمَّد */
	"\xd8\x8c", "\xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1/\xd8\xaa\xd8\xb4\xd8\xb1\xd9\x8a\xd9\x86",
	"\xe6\xbc\xa2\xe5\xad\x97", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd",
	"\xf0\x9f\x98\x80", "abcdefghijklmnopqrstuvwxyz",
	"internationalisation", "\xe2\x80\x94", "\xd9\x84\xd8\xa7\xd8\xa8\xd8\xaf",
};

static char *random_paragraph(int arabic_bias)
{
	size_t cap = 2048, len = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	unsigned nwords = 1 + rng() % 40;
	for (unsigned i = 0; i < nwords; i++) {
		const char *w = word_pool[rng() % NELEM(word_pool)];
		if (arabic_bias && (rng() % 2) == 0)
			w = word_pool[16 + rng() % 8];
		size_t wl = strlen(w);
		if (len + wl + 3 >= cap) {
			cap *= 2;
			s = realloc(s, cap);
			assert_non_null(s);
		}
		if (i > 0) {
			s[len++] = ' ';
			if (rng() % 8 == 0)
				s[len++] = ' ';
		}
		memcpy(s + len, w, wl);
		len += wl;
	}
	s[len] = 0;
	return keep(s);
}

/* Random paragraphs at widths 1..100 through every check; the number of
 * lines without any cell is returned (test_layout_no_empty_screen_lines
 * asserts it is zero). */
static size_t random_texts_run(void)
{
	size_t empty = 0;
	rng_state = 0x2545f4914f6cdd1du;
	for (int t = 0; t < 24; t++) {
		char *s = random_paragraph(t % 2);
		struct para *x = para_new();
		prep(x, s, BIDI_AUTO, t % 3 != 0, 1);
		for (int W = 1; W <= 100; W++) {
			wrap(x, W, 1, 1);
			check_breaks_ex(x, W, &empty);
		}
		drop(x);
		release(s);
	}
	return empty;
}

static void test_layout_random_texts_fit(void **state)
{
	(void)state;
	(void)random_texts_run();
}

static void test_layout_french_corpus(void **state)
{
	(void)state;
	for (int k = 0; k < 3; k++) {
		char *s = keep(test_file_line(CORPUS_FR, k));
		struct para *x = para_new();
		prep(x, s, BIDI_AUTO, 1, 1);
		assert_false(x->p.rtl);
		for (int W = 1; W <= 100; W += (W < 20 ? 1 : 7)) {
			size_t empty = 0;
			wrap(x, W, 1, 1);
			check_breaks_ex(x, W, &empty); /* see no_empty_screen_lines */
			/* left to right: visual order is logical order, and
			 * every character but a space has a cell */
			size_t prev = 0;
			int first = 1;
			for (size_t li = 0; li < x->lp.nlines; li++) {
				const struct layout_line *l = &x->lp.lines[li];
				for (size_t c = 0; c < l->ncells; c++) {
					if (!first)
						assert_true(l->cells[c].logical > prev);
					prev = l->cells[c].logical;
					first = 0;
				}
				for (size_t L = l->start; L < l->end; L++)
					if (!is_space(x->p.logical[L]))
						assert_true(layout_line_cell_of(l, L) >= 0);
			}
		}
		drop(x);
		release(s);
	}
}

/* --------------------------------------------------------- right to left */

/* The classic bug: every cell of line k is logically before every cell of
 * line k+1, line 0 shows logical 0 at its right end, and within a line two
 * Arabic letters side by side read right to left. */
static void check_rtl_lines(const struct para *x)
{
	const struct bidi_para *p = &x->p;
	for (size_t li = 0; li < x->lp.nlines; li++) {
		const struct layout_line *l = &x->lp.lines[li];
		for (size_t c = 0; c + 1 < l->ncells; c++) {
			uint32_t a = l->cells[c].logical, b = l->cells[c + 1].logical;
			if (uc_bidi_category(p->logical[a]) == UC_BIDI_AL &&
			    uc_bidi_category(p->logical[b]) == UC_BIDI_AL)
				assert_true(a > b);
		}
		if (li + 1 == x->lp.nlines)
			continue;
		const struct layout_line *m = &x->lp.lines[li + 1];
		uint32_t max = 0, min = UINT32_MAX;
		for (size_t c = 0; c < l->ncells; c++)
			if (l->cells[c].logical > max)
				max = l->cells[c].logical;
		for (size_t c = 0; c < m->ncells; c++)
			if (m->cells[c].logical < min)
				min = m->cells[c].logical;
		assert_true(max < min);
	}
}

static void test_layout_arabic_first_line_has_first_words(void **state)
{
	(void)state;
	char *s = keep(test_file_line(CORPUS_AR, 0));
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	static const int widths[] = {8, 12, 20, 30, 45, 57, 80};
	for (size_t k = 0; k < NELEM(widths); k++) {
		wrap(x, widths[k], 1, 1);
		assert_true(x->lp.rtl);
		assert_true(x->lp.nlines >= 2);
		check_breaks(x, widths[k]);
		check_rtl_lines(x);
		/* "وفي" (logical 0..2) on line 0, at its right end */
		const struct layout_line *l0 = &x->lp.lines[0];
		assert_int_equal(l0->cells[l0->ncells - 1].logical, 0);
		assert_int_equal(layout_line_cell_of(l0, 0), (long)l0->ncells - 1);
		assert_int_equal(layout_line_cell_of(l0, 1), (long)l0->ncells - 2);
		assert_int_equal(layout_line_cell_of(l0, 2), (long)l0->ncells - 3);
		/* the paragraph's last letter is on its last line */
		assert_int_equal(line_of(x, x->p.len - 2), x->lp.nlines - 1);
	}
	drop(x);
	release(s);
}

static void test_layout_numbers_and_latin_in_arabic(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* "سيعقد في هانوي من 25 إلى 26 أكتوبر" */
	prep(x, "\xd8\xb3\xd9\x8a\xd8\xb9\xd9\x82\xd8\xaf \xd9\x81\xd9\x8a "
	         "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a \xd9\x85\xd9\x86 25 "
	         "\xd8\xa5\xd9\x84\xd9\x89 26 \xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1",
	     BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	size_t i25 = find_str(&x->p, "25"), i26 = find_str(&x->p, "26");
	static const int widths[] = {80, 12};
	for (size_t k = 0; k < NELEM(widths); k++) {
		wrap(x, widths[k], 1, 1);
		check_rtl_lines(x);
		const struct layout_line *l = &x->lp.lines[line_of(x, i25)];
		long c2 = layout_line_cell_of(l, i25), c5 = layout_line_cell_of(l, i25 + 1);
		assert_true(c2 >= 0);
		assert_int_equal(c5, c2 + 1); /* '2' then '5', left to right */
		assert_int_equal(l->cells[c2].ch[0], '2');
		assert_int_equal(l->cells[c5].ch[0], '5');
		const struct layout_line *m = &x->lp.lines[line_of(x, i26)];
		long d2 = layout_line_cell_of(m, i26), d6 = layout_line_cell_of(m, i26 + 1);
		assert_int_equal(d6, d2 + 1);
		if (l == m) /* on one line, "25" (read first) is right of "26" */
			assert_true(c2 > d6);
	}
	drop(x);

	/* Latin words in Arabic: "قال رئيس Hanoi Times اليوم" */
	prep(x, "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3 Hanoi Times "
	         "\xd8\xa7\xd9\x84\xd9\x8a\xd9\x88\xd9\x85",
	     BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	wrap(x, 40, 1, 1);
	assert_int_equal(x->lp.nlines, 1);
	const struct layout_line *l = &x->lp.lines[0];
	size_t h = find_str(&x->p, "Hanoi Times");
	for (size_t i = 0; i + 1 < strlen("Hanoi Times"); i++) {
		if (x->p.logical[h + i] == ' ' || x->p.logical[h + i + 1] == ' ')
			continue;
		assert_int_equal(layout_line_cell_of(l, h + i + 1), layout_line_cell_of(l, h + i) + 1);
	}
	/* "Hanoi" left of "Times" (LTR run), the run left of "رئيس" */
	assert_true(layout_line_cell_of(l, h + 6) > layout_line_cell_of(l, h + 4));
	assert_true(layout_line_cell_of(l, h + 10) < layout_line_cell_of(l, 4));
	assert_true(layout_line_cell_of(l, h) > layout_line_cell_of(l, x->p.len - 1));
	drop(x);

	/* the corpus: "23" in "يوم 23 أكتوبر" */
	char *s = keep(test_file_line(CORPUS_AR, 0));
	prep(x, s, BIDI_AUTO, 1, 1);
	size_t i23 = find_str(&x->p, "23");
	for (int W = 10; W <= 70; W += 15) {
		wrap(x, W, 1, 1);
		const struct layout_line *k = &x->lp.lines[line_of(x, i23)];
		long a = layout_line_cell_of(k, i23), b = layout_line_cell_of(k, i23 + 1);
		assert_true(a >= 0);
		assert_int_equal(b, a + 1);
	}
	drop(x);
	release(s);
}

static void test_layout_rtl_flush_right(void **state)
{
	(void)state;
	char *s = keep(test_file_line(CORPUS_AR, 1));
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	for (int W = 10; W <= 90; W += 20) {
		wrap(x, W, 1, 1);
		for (size_t i = 0; i < x->lp.nlines; i++)
			assert_int_equal(x->lp.lines[i].indent + x->lp.lines[i].width, W);
		wrap(x, W, 0, 1);
		for (size_t i = 0; i < x->lp.nlines; i++)
			assert_int_equal(x->lp.lines[i].indent, 0);
	}
	drop(x);
	release(s);

	/* forced RTL on Latin text: flush right too; forced LTR on Arabic: not */
	prep(x, "abc def", BIDI_RTL, 1, 1);
	assert_true(x->p.rtl);
	wrap(x, 10, 1, 1);
	assert_int_equal(x->lp.lines[0].indent, 3);
	assert_line_str(x, 0, "abc def");
	drop(x);
	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_LTR, 1, 1);
	assert_false(x->p.rtl);
	wrap(x, 10, 1, 1);
	assert_int_equal(x->lp.lines[0].indent, 0);
	drop(x);
}

/* ------------------------------------------------------ shaping, mirroring */

static void test_layout_shaping_on(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* "سلام": seen initial, lam-alef final ligature, meem final */
	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	assert_int_equal(l->ncells, 3);
	assert_int_equal(l->width, 3);
	int lig = 0;
	for (size_t c = 0; c < l->ncells; c++) {
		assert_true(l->cells[c].ch[0] >= 0xfe70 && l->cells[c].ch[0] < 0xfeff);
		lig += l->cells[c].ch[0] == 0xfefb || l->cells[c].ch[0] == 0xfefc;
	}
	assert_int_equal(lig, 1);
	/* visual order, left to right: meem final, lam-alef final, seen initial */
	assert_int_equal(l->cells[0].ch[0], 0xfee1);
	assert_int_equal(l->cells[1].ch[0], 0xfefc);
	assert_int_equal(l->cells[2].ch[0], 0xfeb3);
	drop(x);

	/* "لا" alone: one isolated ligature cell */
	prep(x, "\xd9\x84\xd8\xa7", BIDI_AUTO, 1, 1);
	wrap(x, 5, 1, 1);
	assert_int_equal(x->lp.lines[0].ncells, 1);
	assert_int_equal(x->lp.lines[0].cells[0].ch[0], 0xfefb);
	assert_int_equal(x->lp.lines[0].indent, 4);
	drop(x);

	/* the corpus paragraph: presentation forms, never a fill */
	char *s = keep(test_file_line(CORPUS_AR, 0));
	prep(x, s, BIDI_AUTO, 1, 1);
	size_t letters = 0, forms = 0;
	for (size_t i = 0; i < x->p.len; i++)
		if (x->p.logical[i] >= 0x0621 && x->p.logical[i] <= 0x064a &&
		    x->p.logical[i] != 0x0640)
			letters++;
	wrap(x, 37, 1, 1);
	for (size_t li = 0; li < x->lp.nlines; li++) {
		const struct layout_line *k = &x->lp.lines[li];
		for (size_t c = 0; c < k->ncells; c++) {
			uint32_t ch = k->cells[c].ch[0];
			/* no base letter (tatweel has no presentation form) */
			assert_false(ch >= 0x0621 && ch <= 0x064a && ch != 0x0640);
			forms += ch >= 0xfe70 && ch <= 0xfefc;
		}
	}
	assert_true(letters > 100);
	assert_true(forms > 0);
	assert_true(forms <= letters);
	drop(x);
	release(s);
}

static void test_layout_shaping_off(void **state)
{
	(void)state;
	struct para *x = para_new();
	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_AUTO, 0, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	assert_int_equal(l->ncells, 4); /* no ligature: lam and alef apart */
	assert_int_equal(l->width, 4);
	assert_int_equal(l->indent, 6);
	static const uint32_t visual[] = {0x0645, 0x0627, 0x0644, 0x0633};
	for (size_t c = 0; c < 4; c++) {
		assert_int_equal(l->cells[c].ch[0], visual[c]);
		assert_int_equal(l->cells[c].logical, 3 - c);
	}
	drop(x);

	char *s = keep(test_file_line(CORPUS_AR, 0));
	prep(x, s, BIDI_AUTO, 0, 1);
	wrap(x, 30, 1, 1);
	size_t base = 0;
	for (size_t li = 0; li < x->lp.nlines; li++)
		for (size_t c = 0; c < x->lp.lines[li].ncells; c++) {
			uint32_t ch = x->lp.lines[li].cells[c].ch[0];
			assert_false(ch >= 0xfb50 && ch <= 0xfeff);
			base += ch >= 0x0600 && ch <= 0x06ff;
		}
	assert_true(base > 100);
	for (size_t i = 0; i < x->p.len; i++)
		if (x->p.logical[i] != '(' && x->p.logical[i] != ')')
			assert_int_equal(x->p.shaped[i], x->p.logical[i]);
	drop(x);
	release(s);
}

static void test_layout_mirroring(void **state)
{
	(void)state;
	/* "قال (نعم) اليوم" */
	static const char ar[] = "\xd9\x82\xd8\xa7\xd9\x84 (\xd9\x86\xd8\xb9\xd9\x85) "
	                         "\xd8\xa7\xd9\x84\xd9\x8a\xd9\x88\xd9\x85";
	for (int shape = 0; shape <= 1; shape++) {
		struct para *x = para_new();
		prep(x, ar, BIDI_AUTO, shape, 1);
		wrap(x, 40, 1, 1);
		const struct layout_line *l = &x->lp.lines[0];
		size_t open = find_cp(&x->p, '(', 0), close = find_cp(&x->p, ')', 0);
		long co = layout_line_cell_of(l, open), cc = layout_line_cell_of(l, close);
		assert_true(co > cc); /* "(" read first: right of ")" */
		assert_int_equal(l->cells[co].ch[0], ')');
		assert_int_equal(l->cells[cc].ch[0], '(');
		drop(x);

		prep(x, ar, BIDI_AUTO, shape, 0);
		wrap(x, 40, 1, 1);
		l = &x->lp.lines[0];
		co = layout_line_cell_of(l, open);
		cc = layout_line_cell_of(l, close);
		assert_true(co > cc);
		assert_int_equal(l->cells[co].ch[0], '(');
		assert_int_equal(l->cells[cc].ch[0], ')');
		drop(x);
	}

	/* left to right: never mirrored */
	struct para *x = para_new();
	prep(x, "say (yes) now", BIDI_AUTO, 1, 1);
	wrap(x, 40, 1, 1);
	assert_line_str(x, 0, "say (yes) now");
	drop(x);
}

/* ------------------------------------------------ clusters, wide, marks */

static void test_layout_overlong_word_grapheme_clusters(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* eight "e" + U+0301 with no break opportunity */
	prep(x, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	         "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81",
	     BIDI_AUTO, 1, 1);
	assert_int_equal(x->p.len, 16);
	for (int W = 1; W <= 9; W++) {
		wrap(x, W, 1, 1);
		check_breaks(x, W);
		size_t want = (8 + (size_t)W - 1) / (size_t)W;
		assert_int_equal(x->lp.nlines, want);
		for (size_t li = 0; li < x->lp.nlines; li++) {
			const struct layout_line *l = &x->lp.lines[li];
			assert_int_equal(l->start % 2, 0);
			assert_int_equal(l->end % 2, 0);
			for (size_t c = 0; c < l->ncells; c++) {
				assert_int_equal(l->cells[c].nch, 2);
				assert_int_equal(l->cells[c].ch[0], 'e');
				assert_int_equal(l->cells[c].ch[1], 0x0301);
			}
			assert_int_equal(l->width, li + 1 < want ? W : 8 - W * (int)li);
		}
	}
	drop(x);

	/* an Arabic word with harakat: "مُحَمَّد" at widths 1..3, marks stay in
	 * their base's cell */
	prep(x, "\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf", BIDI_AUTO,
	     1, 1);
	for (int W = 1; W <= 3; W++) {
		wrap(x, W, 1, 1);
		check_breaks(x, W);
		for (size_t li = 0; li < x->lp.nlines; li++) {
			assert_int_equal(layout_char_width(x->p.shaped[x->lp.lines[li].start]), 1);
			assert_true(x->lp.lines[li].width <= W);
		}
	}
	drop(x);
}

/* A grapheme cluster wider than the line (an emoji ZWJ sequence, an emoji
 * with a skin-tone modifier) is cut between its characters rather than
 * overflow: no line is wider than the width, and every emoji is shown. */
static void test_layout_cluster_wider_than_line(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* man ZWJ woman ZWJ girl ZWJ boy, then " ok" */
	static const char family[] = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	                             "\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6 ok";
	static const uint32_t people[] = {0x1f468, 0x1f469, 0x1f467, 0x1f466};
	for (int W = 2; W <= 7; W++) {
		prep(x, family, BIDI_AUTO, 1, 1);
		wrap(x, W, 0, 1);
		size_t seen = 0;
		for (size_t li = 0; li < x->lp.nlines; li++) {
			const struct layout_line *l = &x->lp.lines[li];
			assert_true(l->width + l->indent <= W);
			for (size_t i = 0; i < l->ncells; i++)
				if (seen < 4 && l->cells[i].ch[0] == people[seen])
					seen++;
		}
		assert_int_equal(seen, 4);
		drop(x);
	}
	/* thumbs up + medium skin tone at width 3: two cells of 2, two lines */
	prep(x, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", BIDI_AUTO, 1, 1);
	wrap(x, 3, 0, 1);
	for (size_t li = 0; li < x->lp.nlines; li++)
		assert_true(x->lp.lines[li].width <= 3);
	drop(x);
}

static void test_layout_wide_never_straddles(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* "漢字漢字": a break opportunity between ideographs */
	prep(x, "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", BIDI_AUTO, 1, 1);
	wrap(x, 3, 1, 1);
	assert_int_equal(x->lp.nlines, 4);
	for (size_t li = 0; li < 4; li++) {
		assert_int_equal(x->lp.lines[li].ncells, 1);
		assert_int_equal(x->lp.lines[li].width, 2);
	}
	wrap(x, 4, 1, 1);
	assert_int_equal(x->lp.nlines, 2);
	assert_int_equal(x->lp.lines[0].width, 4);
	wrap(x, 5, 1, 1);
	assert_int_equal(x->lp.nlines, 2);
	assert_int_equal(x->lp.lines[0].width, 4);
	drop(x);

	/* joined by WORD JOINERs: an over-long word, cut by clusters */
	prep(x, "x\xe2\x81\xa0\xe6\xbc\xa2\xe2\x81\xa0y\xe2\x81\xa0\xe5\xad\x97", BIDI_AUTO, 1,
	     1);
	wrap(x, 3, 1, 1);
	check_breaks(x, 3);
	assert_int_equal(x->lp.nlines, 2);
	assert_line_str(x, 0, "x\xe6\xbc\xa2");
	assert_line_str(x, 1, "y\xe5\xad\x97");
	assert_int_equal(x->lp.lines[0].width, 3);
	drop(x);

	prep(x, "xy\xe2\x81\xa0\xe6\xbc\xa2z", BIDI_AUTO, 1, 1);
	wrap(x, 3, 1, 1);
	check_breaks(x, 3);
	assert_line_str(x, 0, "xy");     /* 漢 would straddle column 3 */
	assert_line_str(x, 1, "\xe6\xbc\xa2z");
	drop(x);
}

/* A line cut inside an unbreakable piece that holds spaces ("Hanoi )",
 * "X ،", or a wide character cut at width 1 before spaces) must not leave the
 * spaces to make a screen line of their own: they are not drawn, so the line
 * would be empty, which reads as a paragraph break. */
static void test_layout_no_empty_screen_lines(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int W;
	} cases[] = {
		{"de Hanoi ), qui", 1},                                  /* corpus FR */
		{"\xf0\x9f\x98\x80  x", 1},                             /* 😀, 2 spaces */
		{"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd8\x8c \xd9\x88\xd9\x81\xd9\x8a", 1}, /* سلام ، وفي */
		{"abc  ) d", 2},
	};
	for (size_t k = 0; k < NELEM(cases); k++) {
		struct para *x = para_new();
		prep(x, cases[k].s, BIDI_AUTO, 1, 1);
		wrap(x, cases[k].W, 1, 1);
		for (size_t li = 0; li < x->lp.nlines; li++) {
			if (x->lp.lines[li].ncells == 0)
				fprintf(stderr, "case %zu: line %zu [%zu,%zu) has no cell\n", k, li,
				        x->lp.lines[li].start, x->lp.lines[li].end);
			assert_true(x->lp.lines[li].ncells >= 1);
		}
		drop(x);
	}
	assert_int_equal(random_texts_run(), 0);

	/* the whole French corpus paragraph, narrow widths */
	char *s = keep(test_file_line(CORPUS_FR, 0));
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	for (int W = 1; W <= 6; W++) {
		wrap(x, W, 1, 1);
		check_breaks(x, W);
	}
	drop(x);
	release(s);
}

static void test_layout_width_one_progresses(void **state)
{
	(void)state;
	static const char *texts[] = {
		"\xe6\xbc\xa2\xe5\xad\x97",                          /* 漢字 */
		"a\xe6\xbc\xa2" "b \xf0\x9f\x98\x80\xf0\x9f\x98\x80",
		/* 漢 WJ 字 WJ 漢: one word, cut by clusters; a zero-width word
		 * joiner must not make a line of its own */
		"\xe6\xbc\xa2\xe2\x81\xa0\xe5\xad\x97\xe2\x81\xa0\xe6\xbc\xa2",
		/* RLM 漢字: the mark alone is no line either */
		"\xe2\x80\x8f\xe6\xbc\xa2\xe5\xad\x97",
	};
	static const size_t wide[] = {2, 3, 3, 2};
	for (size_t k = 0; k < NELEM(texts); k++) {
		struct para *x = para_new();
		prep(x, texts[k], BIDI_AUTO, 1, 1);
		wrap(x, 1, 1, 1);
		check_breaks(x, 1);
		assert_true(x->lp.nlines <= x->p.len);
		size_t w2 = 0;
		for (size_t li = 0; li < x->lp.nlines; li++) {
			const struct layout_line *l = &x->lp.lines[li];
			assert_int_equal(l->ncells, 1);
			w2 += l->width == 2;
		}
		assert_int_equal(w2, wide[k]);
		drop(x);
	}
}

static void test_layout_marks_capped(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* e + six combining marks, then x */
	prep(x, "e\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86x", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	assert_int_equal(l->ncells, 2);
	assert_int_equal(l->width, 2);
	assert_int_equal(l->cells[0].nch, LAYOUT_CELL_CHARS);
	for (int j = 1; j < LAYOUT_CELL_CHARS; j++)
		assert_int_equal(l->cells[0].ch[j], 0x0300 + (uint32_t)j);
	assert_int_equal(x->lp.marks_cut, 6 - (LAYOUT_CELL_CHARS - 1));
	/* the cut marks still map to their base's cell */
	for (size_t L = 1; L <= 6; L++)
		assert_int_equal(layout_line_cell_of(l, L), 0);
	assert_int_equal(layout_line_cell_of(l, 7), 1);
	drop(x);

	/* exactly four marks: nothing cut */
	prep(x, "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	assert_int_equal(x->lp.lines[0].cells[0].nch, 5);
	assert_int_equal(x->lp.marks_cut, 0);
	drop(x);
}

static void test_layout_leading_mark_gets_base_ltr(void **state)
{
	(void)state;
	struct para *x = para_new();
	prep(x, "\xcc\x81" "abc", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	assert_int_equal(l->ncells, 4);
	assert_int_equal(l->width, 4);
	assert_int_equal(l->cells[0].logical, 0);
	assert_int_equal(l->cells[0].nch, 2);
	assert_int_equal(l->cells[0].ch[0], NBSP);
	assert_int_equal(l->cells[0].ch[1], 0x0301);
	assert_int_equal(l->cells[1].nch, 1);
	drop(x);
}

/* Right to left, the unattached mark is visually last in the line: it must
 * not be stacked on the cell before it (another letter, logically after). */
static void test_layout_leading_mark_gets_base_rtl(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* fatha, then "سلام" */
	prep(x, "\xd9\x8e\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	struct layout_opts o = {10, 1, 1, 0, 0};
	assert_int_equal(layout_wrap(&x->p, &o, &x->lp), 0);
	x->wrapped = 1;
	const struct layout_line *l = &x->lp.lines[0];
	long cm = layout_line_cell_of(l, 0), cs = layout_line_cell_of(l, 1);
	assert_true(cm >= 0 && cs >= 0);
	assert_int_not_equal(cm, cs);               /* not on the seen */
	assert_int_equal(l->cells[cs].nch, 1);
	assert_int_equal(l->cells[cm].logical, 0);
	assert_int_equal(l->cells[cm].ch[0], NBSP);
	assert_int_equal(l->cells[cm].ch[1], 0x064e);
	assert_int_equal((size_t)cm, l->ncells - 1); /* rightmost: read first */
	assert_int_equal(l->width, 4);
	drop(x);
}

/* A combining mark with nothing visible before it on its line is drawn on a
 * base of its own (a no-break space): the line is measured with that column,
 * so it is never wider than the width (it was one column wider). */
static void test_layout_lone_mark_measured(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* U+0301, then twenty x */
	prep(x, "\xcc\x81xxxxxxxxxxxxxxxxxxxx", BIDI_AUTO, 1, 1);
	wrap(x, 20, 1, 1);
	check_breaks(x, 20);
	assert_int_equal(x->lp.nlines, 2);
	assert_int_equal(x->lp.lines[0].width, 20);
	assert_int_equal(x->lp.lines[0].cells[0].ch[0], NBSP);
	assert_int_equal(x->lp.lines[0].ncells, 20); /* the mark's cell, 19 x */
	assert_line_str(x, 1, "x");
	drop(x);

	/* after an invisible character (ZWJ) the mark has no base either */
	prep(x, "\xe2\x80\x8d\xcc\x81xxxx", BIDI_AUTO, 1, 1);
	wrap(x, 4, 1, 1);
	for (size_t li = 0; li < x->lp.nlines; li++)
		assert_true(x->lp.lines[li].width <= 4);
	assert_int_equal(x->lp.nlines, 2);
	drop(x);

	/* a mark after a space starts the second line: "ab", then the mark on
	 * its base with "cd" (three columns), then "ef" */
	prep(x, "ab \xcc\x81" "cd ef", BIDI_AUTO, 1, 1);
	for (int W = 1; W <= 8; W++) {
		wrap(x, W, 1, 1);
		for (size_t li = 0; li < x->lp.nlines; li++)
			assert_true(x->lp.lines[li].width <= W);
	}
	wrap(x, 3, 1, 1);
	assert_int_equal(x->lp.nlines, 3);
	assert_int_equal(x->lp.lines[1].width, 3);
	drop(x);

	/* right to left: a fatha, then nineteen seen, at width 20 */
	char ar[64] = "\xd9\x8e";
	for (int i = 0; i < 19; i++)
		strcat(ar, "\xd8\xb3");
	prep(x, ar, BIDI_AUTO, 0, 1);
	wrap(x, 19, 1, 1);
	for (size_t li = 0; li < x->lp.nlines; li++)
		assert_true(x->lp.lines[li].width + x->lp.lines[li].indent <= 19);
	drop(x);
}

/* Marks next to embeddings, overrides and isolates, which can move a mark
 * away from its base when the line is reordered: the mark still joins its
 * base's cell (or, first on its line, a base of its own), and no line is
 * wider than measured: random paragraphs of such characters at widths 1..8. */
static void test_layout_marks_across_embeddings(void **state)
{
	(void)state;
	static const uint32_t chars[] = {'a', 'b', ' ', '1', '(', ')', 0x0301, 0x064e,
	                                 0x0633, 0x0644, 0x0627, 0x202a, 0x202b, 0x202c,
	                                 0x202e, 0x2067, 0x2069, 0x200d, 0x200f};
	rng_state = 0x9e3779b97f4a7c15u;
	for (int t = 0; t < 3000; t++) {
		uint32_t cp[24];
		size_t n = 1 + rng() % NELEM(cp);
		for (size_t i = 0; i < n; i++)
			cp[i] = chars[rng() % NELEM(chars)];
		char *s = keep(decode_to_utf8(cp, n, NULL));
		struct para *x = para_new();
		prep(x, s, (enum bidi_dir)(rng() % 3), (int)(rng() % 2), 1);
		int W = 1 + (int)(rng() % 8);
		wrap(x, W, 1, 1);
		for (size_t li = 0; li < x->lp.nlines; li++) {
			const struct layout_line *l = &x->lp.lines[li];
			if (l->ncells > 1 && l->indent + l->width > W)
				fail_msg("paragraph %d, line %zu: %d columns at width %d", t, li,
				         l->indent + l->width, W);
		}
		drop(x);
		release(s);
	}
}

/* A grapheme cluster of any length: one base with 100,000 combining marks is
 * one cell (marks past the cell's room cut and counted, every one mapped to
 * that cell); an emoji ZWJ chain of 20,000 people at width 9 is cut between
 * its characters, four to a line, every person shown exactly once. */
static void test_layout_long_clusters(void **state)
{
	(void)state;
	enum { MARKS = 100000, PEOPLE = 20000 };
	char *s = keep(malloc(1 + 2 * MARKS + 1));
	s[0] = 'a';
	for (size_t i = 0; i < MARKS; i++)
		memcpy(s + 1 + 2 * i, "\xcc\x81", 2);
	s[1 + 2 * MARKS] = 0;
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	assert_int_equal(x->lp.nlines, 1);
	assert_int_equal(x->lp.lines[0].ncells, 1);
	assert_int_equal(x->lp.lines[0].cells[0].nch, LAYOUT_CELL_CHARS);
	assert_int_equal(x->lp.marks_cut, MARKS - (LAYOUT_CELL_CHARS - 1));
	assert_int_equal(layout_line_cell_of(&x->lp.lines[0], MARKS), 0);
	drop(x);
	release(s);

	/* man ZWJ man ZWJ ... */
	s = keep(malloc(7 * PEOPLE + 1));
	for (size_t i = 0; i < PEOPLE; i++)
		memcpy(s + 7 * i, "\xf0\x9f\x91\xa8\xe2\x80\x8d", 7);
	s[7 * PEOPLE - 3] = 0; /* no ZWJ after the last */
	prep(x, s, BIDI_AUTO, 1, 1);
	wrap(x, 9, 1, 1);
	size_t seen = 0;
	for (size_t li = 0; li < x->lp.nlines; li++) {
		const struct layout_line *l = &x->lp.lines[li];
		assert_true(l->width <= 9);
		for (size_t c = 0; c < l->ncells; c++)
			seen += l->cells[c].ch[0] == 0x1f468;
		if (li + 1 < x->lp.nlines)
			assert_int_equal(l->ncells, 4);
	}
	assert_int_equal(seen, PEOPLE);
	assert_int_equal(x->lp.nlines, PEOPLE / 4);
	drop(x);
	release(s);
}

/* A lam-alef ligature followed by a haraka, in a word cut at width 1: the
 * haraka stays on the ligature's line and in its cell. */
static void test_layout_lam_alef_keeps_its_mark(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* "لاَب": lam, alef, fatha, beh */
	prep(x, "\xd9\x84\xd8\xa7\xd9\x8e\xd8\xa8", BIDI_AUTO, 1, 1);
	assert_int_equal(x->p.shaped[0], FILL);
	assert_true(x->p.shaped[1] == 0xfefb || x->p.shaped[1] == 0xfefc);
	for (int W = 1; W <= 3; W++) {
		struct layout_opts o = {W, 1, 1, 0, 0};
		assert_int_equal(layout_wrap(&x->p, &o, &x->lp), 0);
		x->wrapped = 1;
		size_t la = line_of(x, 1), lf = line_of(x, 2);
		assert_int_equal(la, lf);
		const struct layout_line *l = &x->lp.lines[la];
		long c = layout_line_cell_of(l, 1);
		assert_true(c >= 0);
		assert_int_equal(layout_line_cell_of(l, 2), c);
		assert_int_equal(l->cells[c].nch, 2);
		assert_int_equal(l->cells[c].ch[1], 0x064e);
		for (size_t li = 0; li < x->lp.nlines; li++) {
			uint32_t first = x->p.shaped[x->lp.lines[li].start];
			assert_false(layout_char_width(first) == 0 && !layout_is_invisible(first));
		}
		unwrap(x);
	}
	drop(x);
}

/* Both letters of a lam-alef ligature are shown by its cell: the lam's slot
 * (the fill) maps to that cell, so a match on the lam can be highlighted. */
static void test_layout_lam_alef_maps_both_letters(void **state)
{
	(void)state;
	struct para *x = para_new();
	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	long lig = layout_line_cell_of(l, 2);
	assert_true(lig >= 0);
	assert_int_equal(l->cells[lig].ch[0], 0xfefc);
	assert_int_equal(layout_line_cell_of(l, 1), lig);
	drop(x);
}

/* ---------------------------------------------- format characters, order */

static void test_layout_format_chars_never_in_cells(void **state)
{
	(void)state;
	/* RLE..PDF, RLI..PDI, LRI..PDI, FSI..PDI, LRM, RLM, ALM, LRO..PDF */
	static const char s[] = "abc \xe2\x80\xab" "def\xe2\x80\xac ghi \xe2\x81\xa7" "jkl\xe2\x81\xa9 "
	                        "\xe2\x81\xa6mno\xe2\x81\xa9 \xe2\x81\xa8pqr\xe2\x81\xa9 "
	                        "s\xe2\x80\x8et\xe2\x80\x8fu\xd8\x9cv \xe2\x80\xadwx\xe2\x80\xac";
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	size_t formats = 0, visible = 0;
	for (size_t i = 0; i < x->p.len; i++) {
		formats += bidi_is_format_char(x->p.logical[i]) != 0;
		visible += !bidi_is_format_char(x->p.logical[i]);
	}
	assert_int_equal(formats, 13);
	for (int W = 3; W <= 60; W += 19) {
		wrap(x, W, 1, 1);
		size_t cells = 0;
		for (size_t li = 0; li < x->lp.nlines; li++) {
			const struct layout_line *l = &x->lp.lines[li];
			cells += l->ncells;
			for (size_t L = l->start; L < l->end; L++)
				if (bidi_is_format_char(x->p.logical[L]))
					assert_int_equal(layout_line_cell_of(l, L), -1);
		}
		/* every other character but the spaces at the breaks is a cell */
		assert_true(cells <= visible);
		assert_true(cells + x->lp.nlines * 2 >= visible);
	}
	drop(x);

	/* an RLM first makes the paragraph right to left, and is not drawn */
	prep(x, "\xe2\x80\x8f" "abc", BIDI_AUTO, 1, 1);
	assert_true(x->p.rtl);
	wrap(x, 10, 1, 1);
	assert_line_str(x, 0, "abc");
	assert_int_equal(x->lp.lines[0].indent, 7);
	drop(x);
}

static void test_layout_explicit_isolates_and_embeddings(void **state)
{
	(void)state;
	struct para *x = para_new();
	/* without an isolate, "!" after "abc" in an LTR paragraph stays there */
	prep(x, "abc! xyz", BIDI_AUTO, 1, 1);
	wrap(x, 40, 1, 1);
	assert_line_str(x, 0, "abc! xyz");
	drop(x);

	/* RLI abc! PDI xyz: inside the right-to-left isolate "!" resolves to
	 * R (rule N2) and goes to the left of "abc" */
	prep(x, "\xe2\x81\xa7" "abc!\xe2\x81\xa9 xyz", BIDI_AUTO, 1, 1);
	assert_false(x->p.rtl); /* the isolate does not decide the paragraph */
	wrap(x, 40, 1, 1);
	assert_line_str(x, 0, "!abc xyz");
	drop(x);

	/* RLE def! PDF in an LTR paragraph: the same inside an embedding */
	prep(x, "abc \xe2\x80\xab" "def!\xe2\x80\xac jkl", BIDI_AUTO, 1, 1);
	wrap(x, 40, 1, 1);
	assert_line_str(x, 0, "abc !def jkl");
	drop(x);

	/* RLO abc PDF: characters reversed */
	prep(x, "\xe2\x80\xae" "abc\xe2\x80\xac", BIDI_LTR, 1, 1);
	wrap(x, 40, 1, 1);
	assert_line_str(x, 0, "cba");
	drop(x);

	/* "قال a!" right to left: "!" takes the paragraph direction ... */
	prep(x, "\xd9\x82\xd8\xa7\xd9\x84 a!", BIDI_AUTO, 0, 1);
	assert_true(x->p.rtl);
	wrap(x, 40, 0, 1);
	assert_line_str(x, 0, "!a \xd9\x84\xd8\xa7\xd9\x82");
	drop(x);
	/* ... unless "a!" sits in a left-to-right isolate (LRI ... PDI) */
	prep(x, "\xd9\x82\xd8\xa7\xd9\x84 \xe2\x81\xa6" "a!\xe2\x81\xa9", BIDI_AUTO, 0, 1);
	assert_true(x->p.rtl);
	wrap(x, 40, 0, 1);
	assert_line_str(x, 0, "a! \xd9\x84\xd8\xa7\xd9\x82");
	drop(x);
}

/* -------------------------------------------------- maps, re-wrap, misc */

static void test_layout_maps_on_corpus(void **state)
{
	(void)state;
	/* check_line (run by wrap) verifies both maps of every line */
	static const char *paths[] = {CORPUS_AR, CORPUS_FR};
	for (size_t k = 0; k < NELEM(paths); k++) {
		char *s = keep(test_file_line(paths[k], 2));
		struct para *x = para_new();
		prep(x, s, BIDI_AUTO, 1, 1);
		size_t mapped = 0, total = 0;
		for (int W = 5; W <= 95; W += 10) {
			wrap(x, W, 1, 1);
			for (size_t li = 0; li < x->lp.nlines; li++) {
				const struct layout_line *l = &x->lp.lines[li];
				for (size_t L = l->start; L < l->end; L++) {
					total++;
					mapped += layout_line_cell_of(l, L) >= 0;
				}
			}
		}
		assert_true(total > 0);
		assert_true(mapped * 10 > total * 8); /* most characters are shown */
		drop(x);
		release(s);
	}
}

static int same_layout(const struct layout_para *a, const struct layout_para *b)
{
	if (a->nlines != b->nlines || a->width != b->width || a->rtl != b->rtl ||
	    a->marks_cut != b->marks_cut)
		return 0;
	for (size_t i = 0; i < a->nlines; i++) {
		const struct layout_line *x = &a->lines[i], *y = &b->lines[i];
		if (x->ncells != y->ncells || x->width != y->width || x->indent != y->indent ||
		    x->start != y->start || x->end != y->end)
			return 0;
		for (size_t c = 0; c < x->ncells; c++) {
			const struct layout_cell *p = &x->cells[c], *q = &y->cells[c];
			if (p->nch != q->nch || p->width != q->width || p->logical != q->logical ||
			    memcmp(p->ch, q->ch, p->nch * sizeof p->ch[0]) != 0)
				return 0;
		}
		if (memcmp(x->cell_of, y->cell_of, (x->end - x->start) * sizeof *x->cell_of) != 0)
			return 0;
	}
	return 1;
}

static void test_layout_rewrap_same_analysis(void **state)
{
	(void)state;
	char *s = keep(test_file_line(CORPUS_AR, 0));
	struct para *x = para_new(), *fresh = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	int8_t *levels = keep(malloc(x->p.len));
	memcpy(levels, x->p.levels, x->p.len);
	static const int widths[] = {30, 11, 64, 7, 30};
	for (size_t k = 0; k < NELEM(widths); k++) {
		wrap(x, widths[k], 1, 1);
		assert_memory_equal(x->p.levels, levels, x->p.len); /* pristine */
		prep(fresh, s, BIDI_AUTO, 1, 1);
		wrap(fresh, widths[k], 1, 1);
		assert_true(same_layout(&x->lp, &fresh->lp));
		drop(fresh);
	}
	release(levels);
	drop(x);
	release(s);
}

static void test_layout_empty_paragraph(void **state)
{
	(void)state;
	static const enum bidi_dir dirs[] = {BIDI_AUTO, BIDI_LTR, BIDI_RTL};
	for (size_t k = 0; k < NELEM(dirs); k++) {
		struct para *x = para_new();
		prep(x, "", dirs[k], 1, 1);
		assert_int_equal(x->p.len, 0);
		assert_int_equal(x->p.rtl, dirs[k] == BIDI_RTL);
		wrap(x, 20, 0, 1);
		assert_int_equal(x->lp.nlines, 1);
		assert_int_equal(x->lp.lines[0].ncells, 0);
		assert_int_equal(x->lp.lines[0].width, 0);
		assert_int_equal(x->lp.lines[0].start, 0);
		assert_int_equal(x->lp.lines[0].end, 0);
		char *u = keep(layout_line_to_utf8(&x->lp.lines[0], 0, 3, NULL));
		assert_non_null(u);
		assert_string_equal(u, "   ");
		release(u);
		drop(x);
	}
}

static void test_layout_reorder_off_keeps_logical_order(void **state)
{
	(void)state;
	char *s = keep(test_file_line(CORPUS_AR, 0));
	struct para *x = para_new();
	prep(x, s, BIDI_AUTO, 1, 1);
	wrap(x, 33, 1, 0);
	assert_true(x->lp.nlines >= 2);
	for (size_t li = 0; li < x->lp.nlines; li++) {
		const struct layout_line *l = &x->lp.lines[li];
		for (size_t c = 0; c + 1 < l->ncells; c++)
			assert_true(l->cells[c].logical < l->cells[c + 1].logical);
	}
	assert_int_equal(x->lp.lines[0].cells[0].logical, 0);
	drop(x);

	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 abc", BIDI_AUTO, 0, 1);
	wrap(x, 20, 0, 0);
	assert_line_str(x, 0, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 abc");
	drop(x);
}

static void test_layout_line_to_utf8(void **state)
{
	(void)state;
	struct para *x = para_new();
	size_t len = 0;
	prep(x, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", BIDI_AUTO, 0, 1);
	wrap(x, 10, 1, 1);
	const struct layout_line *l = &x->lp.lines[0];
	assert_int_equal(l->indent, 6);
	/* visual: meem alef lam seen */
	static const char vis[] = "\xd9\x85\xd8\xa7\xd9\x84\xd8\xb3";
	char *u = keep(layout_line_to_utf8(l, 1, 0, &len));
	assert_non_null(u);
	assert_string_equal(u, "      \xd9\x85\xd8\xa7\xd9\x84\xd8\xb3");
	assert_int_equal(len, 6 + strlen(vis));
	release(u);
	u = keep(layout_line_to_utf8(l, 1, 12, &len)); /* padded after: 2 more */
	assert_string_equal(u, "      \xd9\x85\xd8\xa7\xd9\x84\xd8\xb3  ");
	assert_int_equal(len, 8 + strlen(vis));
	release(u);
	u = keep(layout_line_to_utf8(l, 0, 10, &len));
	assert_string_equal(u, "\xd9\x85\xd8\xa7\xd9\x84\xd8\xb3      ");
	release(u);
	u = keep(layout_line_to_utf8(l, 1, 3, &len)); /* narrower than the line: no pad */
	assert_string_equal(u, "      \xd9\x85\xd8\xa7\xd9\x84\xd8\xb3");
	release(u);
	drop(x);

	/* wide characters count two columns, marks none */
	prep(x, "\xe6\xbc\xa2" "e\xcc\x81", BIDI_AUTO, 1, 1);
	wrap(x, 10, 1, 1);
	u = keep(layout_line_to_utf8(&x->lp.lines[0], 1, 6, &len));
	assert_string_equal(u, "\xe6\xbc\xa2" "e\xcc\x81" "   ");
	assert_int_equal(len, 3 + 3 + 3);
	release(u);
	drop(x);
}

/* ------------------------------------------------------ long paragraphs */

/* `n` bytes (a little less, ending on a whole character) made of the UTF-8
 * text `unit` repeated; caller frees (through release). */
static char *repeat_text(const char *unit, size_t n)
{
	size_t ul = strlen(unit), len = 0;
	char *s = keep(malloc(n + 1));
	while (len + ul <= n) {
		memcpy(s + len, unit, ul);
		len += ul;
	}
	s[len] = 0;
	return s;
}

static void assert_same_line(const struct layout_line *a, const struct layout_line *b)
{
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->end, b->end);
	assert_int_equal(a->width, b->width);
	assert_int_equal(a->indent, b->indent);
	assert_int_equal(a->ncells, b->ncells);
	for (size_t c = 0; c < a->ncells; c++) {
		assert_int_equal(a->cells[c].nch, b->cells[c].nch);
		assert_int_equal(a->cells[c].width, b->cells[c].width);
		assert_int_equal(a->cells[c].logical, b->cells[c].logical);
		assert_memory_equal(a->cells[c].ch, b->cells[c].ch,
		                    a->cells[c].nch * sizeof a->cells[c].ch[0]);
	}
	for (size_t L = a->start; L < a->end; L++)
		assert_int_equal(layout_line_cell_of(a, L), layout_line_cell_of(b, L));
}

/* Lays s out in pieces, as `tandem --render` does when `chunk` is nonzero
 * (it is given at most `chunk` bytes at a time, with more to come) or as the
 * reader's page does (the whole rest each time). Every line is checked
 * against `whole` (the unpieced layout) when given, else against the width;
 * the lines must tile the paragraph: every character on exactly one line.
 * Returns the number of pieces. */
static size_t check_pieces(const char *s, const struct bidi_opts *bo, int width, size_t chunk,
                           const struct layout_para *whole, size_t total_chars)
{
	struct layout_opts lo = {width, 1, 1, 0, 0};
	struct layout_resume at = {0};
	size_t n = strlen(s), pieces = 0, line = 0, next_logical = 0;
	for (;;) {
		size_t give = n - at.byte;
		int more = chunk && give > chunk;
		if (more)
			give = chunk;
		struct layout_piece pc;
		const char *err = NULL;
		assert_int_equal(layout_piece(s + at.byte, give, more, bo, &lo, &at, &pc, &err), 0);
		pieces++;
		assert_true(pc.lay.nlines >= 1);
		assert_int_equal(pc.chars, pc.next.logical - at.logical);
		for (size_t i = 0; i < pc.lay.nlines; i++, line++) {
			const struct layout_line *l = &pc.lay.lines[i];
			assert_int_equal(l->start, next_logical); /* no gap, no overlap */
			next_logical = l->end;
			assert_true(l->indent + l->width <= width);
			if (whole) {
				assert_true(line < whole->nlines);
				assert_same_line(l, &whole->lines[line]);
			}
		}
		assert_int_equal(next_logical, pc.next.logical);
		int last = pc.last;
		if (!last) {
			assert_true(pc.bytes > 0);
			at = pc.next;
		}
		layout_piece_free(&pc);
		if (last)
			break;
	}
	assert_int_equal(next_logical, total_chars);
	if (whole)
		assert_int_equal(line, whole->nlines);
	return pieces;
}

/* A paragraph just under and just over LAYOUT_PIECE_CHARS code points gives,
 * laid out in pieces, the very lines of the unpieced layout: French words
 * with TABs and C1 controls (whose expansion the pieces carry over), Arabic
 * (the direction found by the first piece holds for the next) with
 * combining marks and lam-alef ligatures, and Thai without a space (one run
 * of a million characters that ICU's dictionary breaks, cut by every
 * piece); at two widths, given whole or a megabyte at a time. */
static void test_layout_pieces_match_whole(void **state)
{
	(void)state;
	static const char *units[] = {
		"la convention\tde Hanoi \xc2\x9b sign\xc3\xa9" "e par 69 \xc3\x89tats, ",
		"\xd8\xb3\xd9\x8e\xd9\x84\xd8\xa7\xd9\x85 \xd9\x84\xd8\xa7 (12) \xd8\xa7\xd9\x84"
		"\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85 abc ",
		"โรงพยาบาลหลายแห่งย้ายผู้ป่วยขึ้นไปชั้นบน",
	};
	struct bidi_opts bo = {BIDI_AUTO, 1, 1};
	for (size_t u = 0; u < NELEM(units); u++) {
		/* bytes for just under and just over the limit in code points */
		struct decoded_text d;
		char *sample = repeat_text(units[u], 100 * strlen(units[u]));
		assert_int_equal(decode_paragraph(sample, strlen(sample), &d), 0);
		double ratio = (double)strlen(sample) / (double)d.len;
		decode_free(&d);
		release(sample);
		size_t sizes[] = {(size_t)((double)(LAYOUT_PIECE_CHARS - 5000) * ratio),
		                  (size_t)((double)(LAYOUT_PIECE_CHARS + 5000) * ratio)};
		for (size_t k = 0; k < NELEM(sizes); k++) {
			char *s = repeat_text(units[u], sizes[k]);
			struct para *x = para_new();
			prep(x, s, BIDI_AUTO, 1, 1);
			assert_true(k == 0 ? x->p.len < LAYOUT_PIECE_CHARS : x->p.len > LAYOUT_PIECE_CHARS);
			for (int W = 17; W <= 80; W += 63) {
				struct layout_opts o = {W, 1, 1, 0, 0};
				unwrap(x);
				assert_int_equal(layout_wrap(&x->p, &o, &x->lp), 0);
				x->wrapped = 1;
				size_t np = check_pieces(s, &bo, W, 0, &x->lp, x->p.len);
				assert_int_equal(np, k == 0 ? 1 : 2);
				np = check_pieces(s, &bo, W, LAYOUT_PIECE_CHARS, &x->lp, x->p.len);
				assert_int_equal(np > 1, k == 1 || strlen(s) > LAYOUT_PIECE_CHARS);
				np = check_pieces(s, &bo, W, 300000, &x->lp, x->p.len);
				assert_true(np >= 3);
			}
			drop(x);
			release(s);
		}
	}
}

/* One cluster longer than a piece (a base and 1.5 million combining marks):
 * cut between pieces at a character boundary, every character on exactly one
 * line, no line wider than the width. */
static void test_layout_pieces_long_cluster(void **state)
{
	(void)state;
	enum { MARKS = 1500000 };
	char *s = keep(malloc(2 + 2 * MARKS + 3));
	s[0] = 'a';
	for (size_t i = 0; i < MARKS; i++)
		memcpy(s + 1 + 2 * i, "\xcc\x81", 2);
	memcpy(s + 1 + 2 * MARKS, " b", 3);
	struct bidi_opts bo = {BIDI_AUTO, 1, 1};
	assert_true(check_pieces(s, &bo, 10, 0, NULL, MARKS + 3) >= 2);
	assert_true(check_pieces(s, &bo, 1, LAYOUT_PIECE_CHARS, NULL, MARKS + 3) >= 2);
	release(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_layout_char_width, teardown),
		cmocka_unit_test_teardown(test_layout_ltr_wrap_at_spaces, teardown),
		cmocka_unit_test_teardown(test_layout_word_exactly_width_fits, teardown),
		cmocka_unit_test_teardown(test_layout_uax14_opportunities, teardown),
		cmocka_unit_test_teardown(test_layout_random_texts_fit, teardown),
		cmocka_unit_test_teardown(test_layout_french_corpus, teardown),
		cmocka_unit_test_teardown(test_layout_arabic_first_line_has_first_words, teardown),
		cmocka_unit_test_teardown(test_layout_numbers_and_latin_in_arabic, teardown),
		cmocka_unit_test_teardown(test_layout_rtl_flush_right, teardown),
		cmocka_unit_test_teardown(test_layout_shaping_on, teardown),
		cmocka_unit_test_teardown(test_layout_shaping_off, teardown),
		cmocka_unit_test_teardown(test_layout_mirroring, teardown),
		cmocka_unit_test_teardown(test_layout_overlong_word_grapheme_clusters, teardown),
		cmocka_unit_test_teardown(test_layout_wide_never_straddles, teardown),
		cmocka_unit_test_teardown(test_layout_cluster_wider_than_line, teardown),
		cmocka_unit_test_teardown(test_layout_no_empty_screen_lines, teardown),
		cmocka_unit_test_teardown(test_layout_width_one_progresses, teardown),
		cmocka_unit_test_teardown(test_layout_marks_capped, teardown),
		cmocka_unit_test_teardown(test_layout_leading_mark_gets_base_ltr, teardown),
		cmocka_unit_test_teardown(test_layout_leading_mark_gets_base_rtl, teardown),
		cmocka_unit_test_teardown(test_layout_lone_mark_measured, teardown),
		cmocka_unit_test_teardown(test_layout_marks_across_embeddings, teardown),
		cmocka_unit_test_teardown(test_layout_long_clusters, teardown),
		cmocka_unit_test_teardown(test_layout_pieces_match_whole, teardown),
		cmocka_unit_test_teardown(test_layout_pieces_long_cluster, teardown),
		cmocka_unit_test_teardown(test_layout_lam_alef_keeps_its_mark, teardown),
		cmocka_unit_test_teardown(test_layout_lam_alef_maps_both_letters, teardown),
		cmocka_unit_test_teardown(test_layout_format_chars_never_in_cells, teardown),
		cmocka_unit_test_teardown(test_layout_explicit_isolates_and_embeddings, teardown),
		cmocka_unit_test_teardown(test_layout_maps_on_corpus, teardown),
		cmocka_unit_test_teardown(test_layout_rewrap_same_analysis, teardown),
		cmocka_unit_test_teardown(test_layout_empty_paragraph, teardown),
		cmocka_unit_test_teardown(test_layout_reorder_off_keeps_logical_order, teardown),
		cmocka_unit_test_teardown(test_layout_line_to_utf8, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
