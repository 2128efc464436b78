/* grapheme_break_test.c — Unicode conformance of the grapheme-cluster
 * boundaries tandem cuts an over-long word at, against GraphemeBreakTest.txt
 * (UAX #29, Debian package unicode-data, Unicode 15.0).
 *
 * When a word is wider than the line, src/text/layout.c cuts it between
 * grapheme clusters found by libunistring's u32_grapheme_breaks(text, n, p)
 * on the logical code points (p[i] = 1: a cluster begins at s[i]). This
 * program makes the same call on each test string and compares, at every
 * position between two characters, the file's ÷ (boundary) and × (no
 * boundary) with p[i]. The boundaries at the start and at the end of the
 * text are always there and are skipped.
 *
 * Each case passes, or fails and is listed in the known-deviations file (a
 * known deviation), or fails and is not listed (a FAILURE, printed with line
 * number, input, expected and got); a listed case that now passes, or a
 * listed line that is no test case, is a FAILURE too.
 *
 * Usage: conf_grapheme_break_test [GraphemeBreakTest.txt [known-deviations.txt]]
 * The last line on stdout is "grapheme-break-test: N passed, N failed, N known
 * deviations"; the exit status is 0 only when nothing failed. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unigbrk.h>

#define TEST_NAME "grapheme-break-test"
#define TEST_KEY "grapheme" /* first field of this test's lines in the deviation file */
#define DEFAULT_DATA "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt"
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

#define MARK_BREAK "\xc3\xb7"    /* U+00F7 DIVISION SIGN: break allowed */
#define MARK_NO_BREAK "\xc3\x97" /* U+00D7 MULTIPLICATION SIGN: no break */

struct break_case {
	uint32_t *cp;
	size_t n, cap;
	char *brk;       /* brk[k]: the file allows a break before cp[k], k <= n */
	size_t brk_cap;
	char *p;         /* libunistring's answer, n entries */
	size_t p_cap;
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

/* Parses "mark cp mark cp ... mark" (the comment already cut off). Returns
 * 0, -1 on a malformed line (with *why set), -2 when memory runs out. */
static int parse_case(char *s, struct break_case *c, const char **why)
{
	int want_mark = 1;
	c->n = 0;
	for (;;) {
		s += strspn(s, " \t\r\n");
		if (!*s)
			break;
		if (want_mark) {
			int brk;
			if (strncmp(s, MARK_BREAK, 2) == 0)
				brk = 1;
			else if (strncmp(s, MARK_NO_BREAK, 2) == 0)
				brk = 0;
			else {
				*why = "expected \xc3\xb7 or \xc3\x97";
				return -1;
			}
			char *np = grow(c->brk, &c->brk_cap, c->n + 1, 1);
			if (!np)
				return -2;
			c->brk = np;
			c->brk[c->n] = (char)brk;
			s += 2;
		} else {
			char *end;
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
		want_mark = !want_mark;
	}
	if (c->n == 0 || want_mark) {
		*why = c->n == 0 ? "no code points" : "does not end with a break mark";
		return -1;
	}
	return 0;
}

/* Whether libunistring's p[] puts a cluster boundary between s[k-1] and s[k]. */
static int lib_breaks_before(const char *p, size_t k)
{
	return p[k] != 0;
}

static void describe(struct sbuf *b, const struct break_case *c, int lib)
{
	for (size_t k = 0; k <= c->n; k++) {
		int brk = k == 0 || k == c->n || !lib ? c->brk[k] : lib_breaks_before(c->p, k);
		sb_printf(b, "%s%s", k ? " " : "", brk ? MARK_BREAK : MARK_NO_BREAK);
		if (k < c->n)
			sb_printf(b, " %04X", (unsigned)c->cp[k]);
	}
}

/* Runs one case. Returns 1 when it passes, 0 when it fails (details in b). */
static int run_case(struct break_case *c, const char *comment, struct sbuf *b)
{
	int ok = 1;
	sb_clear(b);
	u32_grapheme_breaks(c->cp, c->n, c->p);
	for (size_t k = 1; k < c->n; k++)
		if (lib_breaks_before(c->p, k) != c->brk[k])
			ok = 0;
	if (!ok) {
		sb_printf(b, "expected ");
		describe(b, c, 0);
		sb_printf(b, ", got ");
		describe(b, c, 1);
		if (comment)
			sb_printf(b, " (file:%s)", comment);
	}
	return ok;
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : DEFAULT_DATA;
	const char *devpath = argc > 2 ? argv[2] : DEFAULT_DEVIATIONS;
	struct deviations dev;
	struct tally t = {0, 0, 0};
	struct break_case c;
	struct sbuf b = {NULL, 0, 0, 0};
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int status = 0;

	if (argc > 3) {
		fprintf(stderr, "usage: %s [GraphemeBreakTest.txt [known-deviations.txt]]\n", argv[0]);
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
		char *comment = strchr(line, '#');
		if (comment) {
			*comment++ = '\0';
			comment[strcspn(comment, "\r\n")] = '\0';
		}
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
		char *np = grow(c.p, &c.p_cap, c.n, 1);
		if (!np)
			goto oom;
		c.p = np;
		r = run_case(&c, comment, &b);
		if (b.oom)
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
	free(c.brk);
	free(c.p);
	free(b.s);
	free(dev.v);
	return status || t.failed ? 1 : 0;
}
