/* bidi_character_test.c — Unicode conformance of tandem's own bidi layer
 * (src/text/bidi.c) against BidiCharacterTest.txt (UAX #9, Debian package
 * unicode-data, Unicode 15.0).
 *
 * For every test case (one paragraph, one line) the program runs exactly
 * what the reader runs: bidi_prepare() with shape = 0, mirror = 0 and the
 * paragraph direction of the case (0 -> BIDI_LTR, 1 -> BIDI_RTL,
 * 2 -> BIDI_AUTO), then bidi_reorder_line() over the whole paragraph as a
 * single line. It checks
 *   - the resolved paragraph level (bidi_para.rtl against field 2);
 *   - the resolved level of every character not removed by rule X9 (field 3;
 *     positions marked 'x' are skipped);
 *   - the visual order (field 4): the logical indices of bidi_reorder_line's
 *     map, with the X9-removed characters (level 'x') filtered out.
 *
 * Levels and rule L1. The file's header says each case is a single line and
 * the data verifies the algorithm "through rule L2 inclusively", so field 3
 * holds the levels as they stand after rule L1 (segment separators, and white
 * space before them or at the end of the line, take the paragraph level).
 * bidi_para.levels are documented as pristine, before L1: bidi_reorder_line
 * applies L1 on a copy, so that the paragraph can be wrapped again. The test
 * therefore applies L1 itself, from the UAX #9 text, to a copy of those
 * levels before comparing, using the original bidi classes of the characters;
 * X9-removed characters (BN, embeddings, overrides, PDF) continue a white
 * space sequence, as UAX #9 section 5.2 asks of implementations that keep
 * them. (FriBidi's level resolution in fact already resets separators and the
 * paragraph's trailing white space, so on a line that is the whole paragraph
 * this step changes nothing; it keeps the comparison right whatever
 * bidi_prepare leaves there.) Mirroring (L4) and L3 are outside the file,
 * hence mirror = 0.
 *
 * Combining marks. bidi_reorder_line keeps a non-spacing mark after its base
 * in right-to-left runs (FRIBIDI_FLAG_REORDER_NSM, text pipeline step 6: a
 * terminal stacks a mark on the cell before it), where the file's order is
 * plain L2: the few cases this changes are listed in the deviation file.
 *
 * This file owns the case format (five fields separated by ';'), the run
 * through the bidi layer and the report of what differs. Reading the file,
 * the known-deviations file and the tally are tests/conformance/harness.h's:
 * each case passes, or fails and is listed in the known-deviations file
 * (counted as a known deviation), or fails and is not listed (a FAILURE,
 * printed with its line number, input, expected and got). A listed case that
 * passes, or a listed line that is no test case, is a FAILURE too: the list
 * must stay true.
 *
 * Usage: conf_bidi_character_test [BidiCharacterTest.txt [known-deviations.txt]]
 * The last line on stdout is "bidi-character-test: N passed, N failed, N known
 * deviations"; the exit status is 0 only when nothing failed. */
#include <fribidi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/bidi.h"
#include "harness.h"

/* ---- one test case ------------------------------------------------------- */

struct bidi_case {
	uint32_t *cp;
	int *level;      /* expected level, -1 for 'x' */
	size_t n, cap, level_cap;
	uint32_t *order; /* expected visual order */
	size_t norder, order_cap;
	int dir;         /* field 1 */
	int para_level;  /* field 2 */
};

/* Parses "cps;dir;level;levels;order". Returns 0, -1 on a malformed line
 * (with *why set), -2 when memory runs out. */
static int parse_case(char *s, struct bidi_case *c, const char **why)
{
	char *field[5];
	char *end;

	for (int i = 0; i < 5; i++) {
		field[i] = s;
		s = strchr(s, ';');
		if (i < 4) {
			if (!s) {
				*why = "fewer than five fields";
				return -1;
			}
			*s++ = '\0';
		} else if (s) {
			*why = "more than five fields";
			return -1;
		}
	}

	int r = conf_read_numbers(field[0], 16, 0x110000, &c->cp, &c->n, &c->cap);
	if (r) {
		*why = "bad code point";
		return r;
	}
	if (c->n == 0) {
		*why = "no code points";
		return -1;
	}
	int *lv = conf_grow(c->level, &c->level_cap, c->n, sizeof *c->level);
	if (!lv)
		return -2;
	c->level = lv;

	c->dir = (int)strtol(field[1], &end, 10);
	if (end == field[1] || c->dir < 0 || c->dir > 2 || end[strspn(end, " \t")]) {
		*why = "bad paragraph direction";
		return -1;
	}
	c->para_level = (int)strtol(field[2], &end, 10);
	if (end == field[2] || c->para_level < 0 || c->para_level > 1 ||
	    end[strspn(end, " \t")]) {
		*why = "bad paragraph level";
		return -1;
	}

	size_t k = 0;
	for (s = field[3];;) {
		s += strspn(s, " \t");
		if (!*s)
			break;
		if (k == c->n) {
			*why = "more levels than code points";
			return -1;
		}
		if (*s == 'x') {
			c->level[k++] = -1;
			s++;
		} else {
			long v = strtol(s, &end, 10);
			if (end == s || v < 0 || v > 126) {
				*why = "bad level";
				return -1;
			}
			c->level[k++] = (int)v;
			s = end;
		}
	}
	if (k != c->n) {
		*why = "fewer levels than code points";
		return -1;
	}

	r = conf_read_numbers(field[4], 10, c->n, &c->order, &c->norder, &c->order_cap);
	if (r)
		*why = "bad visual index";
	return r;
}

/* Whether UAX #9 rule L1 resets a character of this original class when it
 * ends a line or precedes a separator: white space, isolate formatting
 * characters, and the characters rule X9 removed (BN, embeddings, overrides,
 * PDF), which an implementation that keeps them treats like white space. */
static int l1_trailing_class(FriBidiCharType t)
{
	return t == FRIBIDI_TYPE_WS || t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI ||
	       t == FRIBIDI_TYPE_FSI || t == FRIBIDI_TYPE_PDI || t == FRIBIDI_TYPE_BN ||
	       t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_LRO ||
	       t == FRIBIDI_TYPE_RLO || t == FRIBIDI_TYPE_PDF;
}

/* Rule L1 on one line [0, n): segment and paragraph separators take the
 * paragraph level, and so does any sequence of white space (in the sense of
 * l1_trailing_class) before one of them or at the end of the line. */
static void apply_l1(const uint32_t *cp, size_t n, int para_level, int *levels)
{
	int reset = 1; /* the end of the line acts like a separator */
	for (size_t i = n; i-- > 0;) {
		FriBidiCharType t = fribidi_get_bidi_type(cp[i]);
		if (t == FRIBIDI_TYPE_SS || t == FRIBIDI_TYPE_BS) {
			levels[i] = para_level;
			reset = 1;
		} else if (reset && l1_trailing_class(t)) {
			levels[i] = para_level;
		} else {
			reset = 0;
		}
	}
}

static void describe_input(struct conf_sbuf *b, const struct bidi_case *c)
{
	static const char *const dirs[] = {"LTR", "RTL", "auto"};
	conf_sb_printf(b, "input");
	for (size_t i = 0; i < c->n; i++)
		conf_sb_printf(b, " %04X", (unsigned)c->cp[i]);
	conf_sb_printf(b, ", direction %s", dirs[c->dir]);
}

static void describe_levels(struct conf_sbuf *b, const int *lv, const int *mask, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (mask[i] < 0)
			conf_sb_printf(b, " x");
		else
			conf_sb_printf(b, " %d", lv[i]);
	}
}

/* Runs one case through the bidi layer. Returns 1 when it passes, 0 when it
 * fails (with the details in `b`), -1 when memory runs out. */
static int run_case(const struct bidi_case *c, struct conf_sbuf *b)
{
	static const enum bidi_dir dirs[] = {BIDI_LTR, BIDI_RTL, BIDI_AUTO};
	struct bidi_opts o = {dirs[c->dir], 0, 0};
	struct bidi_para p;
	const char *err = NULL;
	int ok = 1;

	if (bidi_prepare(c->cp, c->n, &o, &p, &err)) {
		describe_input(b, c);
		conf_sb_printf(b, ": bidi_prepare failed: %s", err ? err : "(no message)");
		return 0;
	}
	uint32_t *map = malloc(c->n * sizeof *map);
	int *got = malloc(c->n * sizeof *got);
	uint32_t *vis = malloc(c->n * sizeof *vis);
	if (!map || !got || !vis) {
		free(map);
		free(got);
		free(vis);
		bidi_free(&p);
		return -1;
	}
	if (bidi_reorder_line(&p, 0, c->n, map)) {
		describe_input(b, c);
		conf_sb_printf(b, ": bidi_reorder_line failed");
		ok = 0;
		goto out;
	}

	for (size_t i = 0; i < c->n; i++)
		got[i] = p.levels[i];
	apply_l1(c->cp, c->n, p.rtl, got);

	size_t nvis = 0;
	for (size_t v = 0; v < c->n; v++) {
		if (map[v] >= c->n) {
			ok = 0; /* reported below as an order mismatch */
			vis[nvis++] = map[v];
		} else if (c->level[map[v]] >= 0) {
			vis[nvis++] = map[v];
		}
	}

	int para_ok = p.rtl == c->para_level;
	int levels_ok = 1;
	for (size_t i = 0; i < c->n; i++)
		if (c->level[i] >= 0 && got[i] != c->level[i])
			levels_ok = 0;
	int order_ok = ok && nvis == c->norder &&
	               (nvis == 0 || memcmp(vis, c->order, nvis * sizeof *vis) == 0);
	ok = para_ok && levels_ok && order_ok;
	if (!ok) {
		describe_input(b, c);
		if (!para_ok)
			conf_sb_printf(b, "; paragraph level: expected %d, got %d", c->para_level, p.rtl);
		if (!levels_ok) {
			conf_sb_printf(b, "; levels after L1: expected");
			describe_levels(b, c->level, c->level, c->n);
			conf_sb_printf(b, ", got");
			describe_levels(b, got, c->level, c->n);
		}
		if (!order_ok) {
			conf_sb_printf(b, "; visual order: expected");
			for (size_t i = 0; i < c->norder; i++)
				conf_sb_printf(b, " %u", (unsigned)c->order[i]);
			conf_sb_printf(b, ", got");
			for (size_t i = 0; i < nvis; i++)
				conf_sb_printf(b, " %u", (unsigned)vis[i]);
		}
	}
out:
	free(map);
	free(got);
	free(vis);
	bidi_free(&p);
	return ok;
}

/* The conf_case_fn of this runner (ctx: the struct bidi_case reused from
 * line to line). */
static int bidi_case_line(void *ctx, char *line, const char *comment, struct conf_sbuf *b,
                          const char **why)
{
	struct bidi_case *c = ctx;
	int r = parse_case(line, c, why);
	if (r)
		return r;
	r = run_case(c, b);
	return r < 0 ? -2 : r;
}

int main(int argc, char **argv)
{
	struct bidi_case c;
	memset(&c, 0, sizeof c);
	struct conf_runner r = {"bidi-character-test", "bidi",
	                        "/usr/share/unicode/BidiCharacterTest.txt", bidi_case_line, &c};
	int status = conf_main(argc, argv, &r);
	free(c.cp);
	free(c.level);
	free(c.order);
	return status;
}
