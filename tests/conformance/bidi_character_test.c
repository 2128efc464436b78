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
 * Each case passes, or fails and is listed in the known-deviations file
 * (counted as a known deviation), or fails and is not listed (a FAILURE,
 * printed with its line number, input, expected and got). A listed case that
 * passes, or a listed line that is no test case, is a FAILURE too: the list
 * must stay true.
 *
 * Usage: conf_bidi_character_test [BidiCharacterTest.txt [known-deviations.txt]]
 * The last line on stdout is "bidi-character-test: N passed, N failed, N known
 * deviations"; the exit status is 0 only when nothing failed. */
#include <errno.h>
#include <fribidi.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "tandem/bidi.h"

#define TEST_NAME "bidi-character-test"
#define TEST_KEY "bidi" /* first field of this test's lines in the deviation file */
#define DEFAULT_DATA "/usr/share/unicode/BidiCharacterTest.txt"
#define DEFAULT_DEVIATIONS "tests/conformance/known-deviations.txt"

/* ---- growable text, for failure reports ---------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
};

#ifdef __GNUC__
static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#endif

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	for (;;) {
		va_list ap;
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		int k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
		va_end(ap);
		if (k < 0) {
			b->oom = 1;
			return;
		}
		if (b->s && (size_t)k < room) {
			b->len += (size_t)k;
			return;
		}
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len <= (size_t)k)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
}

static void sb_clear(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* ---- the known-deviations file ------------------------------------------- */

struct deviation {
	unsigned long line; /* line number in the Unicode data file */
	int matched;        /* a test case on that line was run */
};

struct deviations {
	struct deviation *v;
	size_t n;
};

struct tally {
	unsigned long passed, failed, known;
};

static int cmp_deviation(const void *a, const void *b)
{
	unsigned long x = ((const struct deviation *)a)->line;
	unsigned long y = ((const struct deviation *)b)->line;
	return x < y ? -1 : x > y;
}

/* Loads the entries of test `key` from the shared list. Every line is blank,
 * a '#' comment, or "TESTNAME LINE reason" with TESTNAME one of the three
 * conformance tests and a non-empty reason. Returns 0, or -1 after printing
 * why (missing file, malformed or duplicate entry, no memory). */
static int load_deviations(const char *path, const char *key, struct deviations *d)
{
	static const char *const names[] = {"bidi", "linebreak", "grapheme"};
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	unsigned long lineno = 0;
	int bad = 0;

	d->v = NULL;
	d->n = 0;
	if (!f) {
		fprintf(stderr, "%s: cannot open the known-deviations file %s: %s\n", TEST_NAME,
		        path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		char *s = line, *end = line;
		lineno++;
		s += strspn(s, " \t\r\n");
		if (*s == '\0' || *s == '#')
			continue;
		size_t nlen = strcspn(s, " \t\r\n");
		int known = -1;
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i]) == nlen && strncmp(s, names[i], nlen) == 0)
				known = (int)i;
		s += nlen;
		s += strspn(s, " \t");
		errno = 0;
		unsigned long num = (*s >= '0' && *s <= '9') ? strtoul(s, &end, 10) : 0;
		if (known >= 0 && num > 0 && !errno && end[strspn(end, " \t\r\n")] == '\0') {
			fprintf(stderr, "%s:%lu: the entry gives no reason\n", path, lineno);
			bad = 1;
			continue;
		}
		if (known < 0 || num == 0 || errno || (*end != ' ' && *end != '\t')) {
			fprintf(stderr, "%s:%lu: expected \"TESTNAME LINE reason\" with TESTNAME "
			        "bidi, linebreak or grapheme\n", path, lineno);
			bad = 1;
			continue;
		}
		if (strcmp(names[known], key) != 0)
			continue;
		if (d->n == alloc) {
			size_t na = alloc ? alloc * 2 : 64;
			struct deviation *v = realloc(d->v, na * sizeof *v);
			if (!v) {
				fprintf(stderr, "%s: out of memory\n", TEST_NAME);
				bad = 1;
				break;
			}
			d->v = v;
			alloc = na;
		}
		d->v[d->n].line = num;
		d->v[d->n].matched = 0;
		d->n++;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: error reading %s: %s\n", TEST_NAME, path, strerror(errno));
		bad = 1;
	}
	free(line);
	fclose(f);
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, cmp_deviation);
	for (size_t i = 1; i < d->n; i++)
		if (d->v[i].line == d->v[i - 1].line) {
			fprintf(stderr, "%s: %s line %lu is listed twice\n", path, key, d->v[i].line);
			bad = 1;
		}
	if (bad) {
		free(d->v);
		d->v = NULL;
		d->n = 0;
		return -1;
	}
	return 0;
}

static struct deviation *find_deviation(struct deviations *d, unsigned long line)
{
	struct deviation k = {line, 0};
	return d->n ? bsearch(&k, d->v, d->n, sizeof *d->v, cmp_deviation) : NULL;
}

/* Books one case: `detail` says what went wrong when !ok. */
static void settle(struct tally *t, struct deviations *d, unsigned long line, int ok,
                   const char *detail)
{
	struct deviation *e = find_deviation(d, line);
	if (e)
		e->matched = 1;
	if (ok && !e) {
		t->passed++;
	} else if (ok) {
		t->failed++;
		printf("%s: FAILURE line %lu: passes but is listed as a known deviation "
		       "(stale deviation, remove it)\n", TEST_NAME, line);
	} else if (e) {
		t->known++;
	} else {
		t->failed++;
		printf("%s: FAILURE line %lu: %s\n", TEST_NAME, line,
		       detail ? detail : "(no details: out of memory)");
	}
}

/* Listed lines that held no test case are failures too. */
static void settle_unmatched(struct tally *t, const struct deviations *d, const char *data)
{
	for (size_t i = 0; i < d->n; i++)
		if (!d->v[i].matched) {
			t->failed++;
			printf("%s: FAILURE line %lu: listed as a known deviation but %s has no "
			       "test case on that line (stale deviation, remove it)\n", TEST_NAME,
			       d->v[i].line, data);
		}
}

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

/* Returns v resized to hold at least `need` elements of `elem` bytes, its
 * capacity kept in *cap; NULL when memory runs out (v is then untouched). */
static void *grow(void *v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return v;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *p = realloc(v, nc * elem);
	if (p)
		*cap = nc;
	return p;
}

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

	c->n = 0;
	for (s = field[0];;) {
		s += strspn(s, " \t");
		if (!*s)
			break;
		errno = 0;
		unsigned long v = strtoul(s, &end, 16);
		if (end == s || errno || v > 0x10ffff) {
			*why = "bad code point";
			return -1;
		}
		uint32_t *np = grow(c->cp, &c->cap, c->n + 1, sizeof *c->cp);
		if (!np)
			return -2;
		c->cp = np;
		c->cp[c->n++] = (uint32_t)v;
		s = end;
	}
	if (c->n == 0) {
		*why = "no code points";
		return -1;
	}
	int *lv = grow(c->level, &c->level_cap, c->n, sizeof *c->level);
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

	c->norder = 0;
	for (s = field[4];;) {
		s += strspn(s, " \t\r\n");
		if (!*s)
			break;
		errno = 0;
		unsigned long v = strtoul(s, &end, 10);
		if (end == s || errno || v >= c->n) {
			*why = "bad visual index";
			return -1;
		}
		uint32_t *ord = grow(c->order, &c->order_cap, c->norder + 1, sizeof *ord);
		if (!ord)
			return -2;
		c->order = ord;
		c->order[c->norder++] = (uint32_t)v;
		s = end;
	}
	return 0;
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

static void describe_input(struct sbuf *b, const struct bidi_case *c)
{
	static const char *const dirs[] = {"LTR", "RTL", "auto"};
	sb_printf(b, "input");
	for (size_t i = 0; i < c->n; i++)
		sb_printf(b, " %04X", (unsigned)c->cp[i]);
	sb_printf(b, ", direction %s", dirs[c->dir]);
}

static void describe_levels(struct sbuf *b, const int *lv, const int *mask, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (mask[i] < 0)
			sb_printf(b, " x");
		else
			sb_printf(b, " %d", lv[i]);
	}
}

/* Runs one case through the bidi layer. Returns 1 when it passes, 0 when it
 * fails (with the details in `b`), -1 when memory runs out. */
static int run_case(const struct bidi_case *c, struct sbuf *b)
{
	static const enum bidi_dir dirs[] = {BIDI_LTR, BIDI_RTL, BIDI_AUTO};
	struct bidi_opts o = {dirs[c->dir], 0, 0};
	struct bidi_para p;
	const char *err = NULL;
	int ok = 1;

	sb_clear(b);
	if (bidi_prepare(c->cp, c->n, &o, &p, &err)) {
		describe_input(b, c);
		sb_printf(b, ": bidi_prepare failed: %s", err ? err : "(no message)");
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
		sb_printf(b, ": bidi_reorder_line failed");
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
			sb_printf(b, "; paragraph level: expected %d, got %d", c->para_level, p.rtl);
		if (!levels_ok) {
			sb_printf(b, "; levels after L1: expected");
			describe_levels(b, c->level, c->level, c->n);
			sb_printf(b, ", got");
			describe_levels(b, got, c->level, c->n);
		}
		if (!order_ok) {
			sb_printf(b, "; visual order: expected");
			for (size_t i = 0; i < c->norder; i++)
				sb_printf(b, " %u", (unsigned)c->order[i]);
			sb_printf(b, ", got");
			for (size_t i = 0; i < nvis; i++)
				sb_printf(b, " %u", (unsigned)vis[i]);
		}
	}
out:
	free(map);
	free(got);
	free(vis);
	bidi_free(&p);
	return ok;
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : DEFAULT_DATA;
	const char *devpath = argc > 2 ? argv[2] : DEFAULT_DEVIATIONS;
	struct deviations dev;
	struct tally t = {0, 0, 0};
	struct bidi_case c;
	struct sbuf b = {NULL, 0, 0, 0};
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int status = 0;

	if (argc > 3) {
		fprintf(stderr, "usage: %s [BidiCharacterTest.txt [known-deviations.txt]]\n",
		        argv[0]);
		return 2;
	}
	FILE *f = fopen(data, "r");
	if (!f) {
		fprintf(stderr, "%s: cannot open %s: %s (it comes with the Debian package "
		        "unicode-data: apt-get install unicode-data)\n", TEST_NAME, data,
		        strerror(errno));
		return 1;
	}
	if (load_deviations(devpath, TEST_KEY, &dev)) {
		fclose(f);
		return 1;
	}
	memset(&c, 0, sizeof c);
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		const char *why = NULL;
		int r = parse_case(line, &c, &why);
		if (r == -2)
			goto oom;
		if (r == -1) {
			t.failed++;
			printf("%s: FAILURE line %lu: cannot parse the test case: %s\n", TEST_NAME,
			       lineno, why);
			continue;
		}
		r = run_case(&c, &b);
		if (r < 0 || b.oom)
			goto oom;
		settle(&t, &dev, lineno, r, b.s);
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: error reading %s: %s\n", TEST_NAME, data, strerror(errno));
		status = 1;
	} else if (t.passed + t.failed + t.known == 0) {
		fprintf(stderr, "%s: %s holds no test case\n", TEST_NAME, data);
		status = 1;
	}
	settle_unmatched(&t, &dev, data);
	goto done;
oom:
	fprintf(stderr, "%s: out of memory at line %lu\n", TEST_NAME, lineno);
	status = 1;
done:
	printf("%s: %lu passed, %lu failed, %lu known deviations\n", TEST_NAME, t.passed,
	       t.failed, t.known);
	fclose(f);
	free(line);
	free(c.cp);
	free(c.level);
	free(c.order);
	free(b.s);
	free(dev.v);
	return status || t.failed ? 1 : 0;
}
