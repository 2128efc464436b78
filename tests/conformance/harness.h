/* harness.h — what the Unicode conformance runners in tests/conformance/
 * share: reading a Unicode test file line by line, the known-deviations file
 * and its rules, tallying and printing the result, a growable text for
 * failure reports, and the ÷/× case format of LineBreakTest.txt and
 * GraphemeBreakTest.txt. A runner describes itself in a struct conf_runner
 * (its name, its key in the deviation file, its default data file and a
 * function that parses and runs the case on one line) and calls conf_main.
 *
 * A header of static inline functions, like tests/unit/testutil.h, rather
 * than a harness .c linked into each runner: the Makefile builds every
 * .c file of tests/conformance into its own conf_NAME program and run-all.sh
 * runs each of them, so a header keeps every runner one translation unit
 * built by the one rule (which depends on this file), and a runner pays
 * nothing for the parts it does not use (the ÷/× parser in the bidi runner).
 *
 * The rules every runner follows. Each case passes, or fails and is listed
 * in the known-deviations file (counted as a known deviation), or fails and
 * is not listed (a FAILURE, printed with its line number and the runner's
 * details). A listed case that passes, or a listed line that holds no test
 * case, is a FAILURE too: the list must stay true. A line that cannot be
 * parsed is a FAILURE. A data file without any test case, or one that cannot
 * be read, fails the run. The last line on stdout is "NAME: N passed, N
 * failed, N known deviations"; the exit status is 0 only when nothing
 * failed. */
#ifndef TANDEM_CONF_HARNESS_H
#define TANDEM_CONF_HARNESS_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define CONF_DEFAULT_DEVIATIONS "tests/conformance/known-deviations.txt"

/* ---- growable text, for failure reports ---------------------------------- */

struct conf_sbuf {
	char *s;
	size_t len, cap;
	int oom; /* memory ran out: the text is incomplete and stays so */
};

#ifdef __GNUC__
static inline void conf_sb_printf(struct conf_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#endif

/* Appends to b; on failure sets b->oom and leaves the text as it was. */
static inline void conf_sb_printf(struct conf_sbuf *b, const char *fmt, ...)
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

static inline void conf_sb_clear(struct conf_sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Returns v resized to hold at least `need` elements of `elem` bytes, its
 * capacity kept in *cap; NULL when memory runs out (v is then untouched and
 * still the caller's to free). */
static inline void *conf_grow(void *v, size_t *cap, size_t need, size_t elem)
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

/* Reads the number in `base` at *s, which must be below `limit`, and appends
 * it to the growable array *v of *n elements and capacity *cap (see
 * conf_grow); *s then points past it. Returns 0, -1 when no such number
 * stands there, -2 when memory runs out. */
static inline int conf_append_number(char **s, int base, unsigned long limit, uint32_t **v,
                                     size_t *n, size_t *cap)
{
	char *end;
	errno = 0;
	unsigned long x = strtoul(*s, &end, base);
	if (end == *s || errno || x >= limit)
		return -1;
	uint32_t *nv = conf_grow(*v, cap, *n + 1, sizeof **v);
	if (!nv)
		return -2;
	*v = nv;
	(*v)[(*n)++] = (uint32_t)x;
	*s = end;
	return 0;
}

/* Reads the numbers separated by blanks (spaces, tabs) that fill s, as
 * conf_append_number does one, into *v from its start: *n is then their
 * count. Returns 0, -1 at anything but such a number, -2 when memory runs
 * out. */
static inline int conf_read_numbers(char *s, int base, unsigned long limit, uint32_t **v,
                                    size_t *n, size_t *cap)
{
	*n = 0;
	for (;;) {
		s += strspn(s, " \t");
		if (!*s)
			return 0;
		int r = conf_append_number(&s, base, limit, v, n, cap);
		if (r)
			return r;
	}
}

/* ---- the known-deviations file ------------------------------------------- */

struct conf_deviation {
	unsigned long line; /* line number in the Unicode data file */
	int matched;        /* a test case on that line was run */
};

struct conf_deviations {
	struct conf_deviation *v; /* sorted by line; owned, freed with free() */
	size_t n;
};

struct conf_tally {
	unsigned long passed, failed, known;
};

static inline int conf_cmp_deviation(const void *a, const void *b)
{
	unsigned long x = ((const struct conf_deviation *)a)->line;
	unsigned long y = ((const struct conf_deviation *)b)->line;
	return x < y ? -1 : x > y;
}

/* Loads the entries of test `key` from the shared list into d (d->v is then
 * the caller's to free). Every line is blank, a '#' comment, or "TESTNAME
 * LINE reason" with TESTNAME one of the three conformance tests and a
 * non-empty reason. Returns 0, or -1 after printing why, prefixed with
 * `name` or the path (missing file, malformed or duplicate entry, no
 * memory); d is then empty. */
static inline int conf_load_deviations(const char *name, const char *path, const char *key,
                                       struct conf_deviations *d)
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
		fprintf(stderr, "%s: cannot open the known-deviations file %s: %s\n", name, path,
		        strerror(errno));
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
			struct conf_deviation *v = realloc(d->v, na * sizeof *v);
			if (!v) {
				fprintf(stderr, "%s: out of memory\n", name);
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
		fprintf(stderr, "%s: error reading %s: %s\n", name, path, strerror(errno));
		bad = 1;
	}
	free(line);
	fclose(f);
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, conf_cmp_deviation);
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

static inline struct conf_deviation *conf_find_deviation(struct conf_deviations *d,
                                                         unsigned long line)
{
	struct conf_deviation k = {line, 0};
	return d->n ? bsearch(&k, d->v, d->n, sizeof *d->v, conf_cmp_deviation) : NULL;
}

/* Books one case of runner `name`: `detail` says what went wrong when !ok. */
static inline void conf_settle(const char *name, struct conf_tally *t,
                               struct conf_deviations *d, unsigned long line, int ok,
                               const char *detail)
{
	struct conf_deviation *e = conf_find_deviation(d, line);
	if (e)
		e->matched = 1;
	if (ok && !e) {
		t->passed++;
	} else if (ok) {
		t->failed++;
		printf("%s: FAILURE line %lu: passes but is listed as a known deviation "
		       "(stale deviation, remove it)\n", name, line);
	} else if (e) {
		t->known++;
	} else {
		t->failed++;
		printf("%s: FAILURE line %lu: %s\n", name, line,
		       detail ? detail : "(no details: out of memory)");
	}
}

/* Listed lines that held no test case are failures too. */
static inline void conf_settle_unmatched(const char *name, struct conf_tally *t,
                                         const struct conf_deviations *d, const char *data)
{
	for (size_t i = 0; i < d->n; i++)
		if (!d->v[i].matched) {
			t->failed++;
			printf("%s: FAILURE line %lu: listed as a known deviation but %s has no "
			       "test case on that line (stale deviation, remove it)\n", name,
			       d->v[i].line, data);
		}
}

/* ---- the run ------------------------------------------------------------- */

/* Parses and runs the case on one line of the data file. `line` is the text
 * before any '#' and without the line end, which the callee may modify;
 * `comment` is the text after the '#', or NULL. `b` is empty on entry.
 * Returns 1 when the case passes, 0 when it fails (what went wrong written
 * to b), -1 when the line is malformed (*why set to a static string saying
 * how), -2 when memory runs out. */
typedef int conf_case_fn(void *ctx, char *line, const char *comment, struct conf_sbuf *b,
                         const char **why);

struct conf_runner {
	const char *name;         /* "line-break-test": begins every line printed */
	const char *key;          /* "linebreak": its first field in the deviation file */
	const char *default_data; /* the Unicode data file read without arguments */
	conf_case_fn *run_case;
	void *ctx;                /* passed to run_case */
};

/* The whole program: "NAME [DATA [DEVIATIONS]]". Returns the exit status:
 * 0 when every case passed or is a listed deviation and the list is true,
 * 1 otherwise, 2 on a usage error. */
static inline int conf_main(int argc, char **argv, const struct conf_runner *r)
{
	const char *data = argc > 1 ? argv[1] : r->default_data;
	const char *devpath = argc > 2 ? argv[2] : CONF_DEFAULT_DEVIATIONS;
	struct conf_deviations dev;
	struct conf_tally t = {0, 0, 0};
	struct conf_sbuf b = {NULL, 0, 0, 0};
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int status = 0;

	if (argc > 3) {
		const char *base = strrchr(r->default_data, '/');
		fprintf(stderr, "usage: %s [%s [known-deviations.txt]]\n", argv[0],
		        base ? base + 1 : r->default_data);
		return 2;
	}
	FILE *f = fopen(data, "r");
	if (!f) {
		fprintf(stderr, "%s: cannot open %s: %s (it comes with the Debian package "
		        "unicode-data: apt-get install unicode-data)\n", r->name, data,
		        strerror(errno));
		return 1;
	}
	if (conf_load_deviations(r->name, devpath, r->key, &dev)) {
		fclose(f);
		return 1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		size_t len = strlen(line);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		char *comment = strchr(line, '#');
		if (comment) {
			*comment++ = '\0';
			comment[strcspn(comment, "\r\n")] = '\0';
		}
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		const char *why = NULL;
		conf_sb_clear(&b);
		int res = r->run_case(r->ctx, line, comment, &b, &why);
		if (res == -2 || b.oom)
			goto oom;
		if (res == -1) {
			t.failed++;
			printf("%s: FAILURE line %lu: cannot parse the test case: %s\n", r->name,
			       lineno, why);
			continue;
		}
		conf_settle(r->name, &t, &dev, lineno, res, b.s);
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: error reading %s: %s\n", r->name, data, strerror(errno));
		status = 1;
	} else if (t.passed + t.failed + t.known == 0) {
		fprintf(stderr, "%s: %s holds no test case\n", r->name, data);
		status = 1;
	}
	conf_settle_unmatched(r->name, &t, &dev, data);
	goto done;
oom:
	fprintf(stderr, "%s: out of memory at line %lu\n", r->name, lineno);
	status = 1;
done:
	printf("%s: %lu passed, %lu failed, %lu known deviations\n", r->name, t.passed,
	       t.failed, t.known);
	fclose(f);
	free(line);
	free(b.s);
	free(dev.v);
	return status || t.failed ? 1 : 0;
}

/* ---- the ÷/× format of LineBreakTest.txt and GraphemeBreakTest.txt ------- */

#define CONF_MARK_BREAK "\xc3\xb7"    /* U+00F7 DIVISION SIGN: break allowed */
#define CONF_MARK_NO_BREAK "\xc3\x97" /* U+00D7 MULTIPLICATION SIGN: no break */

/* What a break runner checks: the library call it makes on a case, and how
 * to read its answer. */
struct conf_break_rules {
	/* Fills p[0..n) for the code points s[0..n). */
	void (*analyse)(const uint32_t *s, size_t n, char *p);
	/* Whether p puts a boundary between s[k-1] and s[k], 0 < k < n. */
	int (*breaks_before)(const char *p, size_t k);
};

/* One case, its buffers reused from line to line and freed by conf_break_main. */
struct conf_break_case {
	const struct conf_break_rules *rules;
	uint32_t *cp;
	size_t n, cap;
	char *brk;       /* brk[k]: the file allows a break before cp[k], k <= n */
	size_t brk_cap;
	char *p;         /* the library's answer, n entries */
	size_t p_cap;
};

/* Parses "mark cp mark cp ... mark" (the comment already cut off). Returns
 * 0, -1 on a malformed line (with *why set), -2 when memory runs out. */
static inline int conf_break_parse(char *s, struct conf_break_case *c, const char **why)
{
	int want_mark = 1;
	c->n = 0;
	for (;;) {
		s += strspn(s, " \t\r\n");
		if (!*s)
			break;
		if (want_mark) {
			int brk;
			if (strncmp(s, CONF_MARK_BREAK, 2) == 0)
				brk = 1;
			else if (strncmp(s, CONF_MARK_NO_BREAK, 2) == 0)
				brk = 0;
			else {
				*why = "expected " CONF_MARK_BREAK " or " CONF_MARK_NO_BREAK;
				return -1;
			}
			char *np = conf_grow(c->brk, &c->brk_cap, c->n + 1, 1);
			if (!np)
				return -2;
			c->brk = np;
			c->brk[c->n] = (char)brk;
			s += 2;
		} else {
			int r = conf_append_number(&s, 16, 0x110000, &c->cp, &c->n, &c->cap);
			if (r) {
				*why = "bad code point";
				return r;
			}
		}
		want_mark = !want_mark;
	}
	if (c->n == 0 || want_mark) {
		*why = c->n == 0 ? "no code points" : "does not end with a break mark";
		return -1;
	}
	return 0;
}

/* Writes the case in the file's notation: its own marks, or (lib) the
 * library's between the characters, the file's at both ends. */
static inline void conf_break_describe(struct conf_sbuf *b, const struct conf_break_case *c,
                                       int lib)
{
	for (size_t k = 0; k <= c->n; k++) {
		int brk = k == 0 || k == c->n || !lib ? c->brk[k]
		                                      : c->rules->breaks_before(c->p, k);
		conf_sb_printf(b, "%s%s", k ? " " : "", brk ? CONF_MARK_BREAK : CONF_MARK_NO_BREAK);
		if (k < c->n)
			conf_sb_printf(b, " %04X", (unsigned)c->cp[k]);
	}
}

/* A conf_case_fn for the ÷/× files (ctx: a struct conf_break_case): compares
 * the file's mark at every position between two characters with the
 * library's answer; the boundaries at the start and at the end of the text
 * are always there and are skipped. */
static inline int conf_break_run(void *ctx, char *line, const char *comment,
                                  struct conf_sbuf *b, const char **why)
{
	struct conf_break_case *c = ctx;
	int r = conf_break_parse(line, c, why);
	if (r)
		return r;
	char *np = conf_grow(c->p, &c->p_cap, c->n, 1);
	if (!np)
		return -2;
	c->p = np;

	int ok = 1;
	c->rules->analyse(c->cp, c->n, c->p);
	for (size_t k = 1; k < c->n; k++)
		if (c->rules->breaks_before(c->p, k) != c->brk[k])
			ok = 0;
	if (!ok) {
		conf_sb_printf(b, "expected ");
		conf_break_describe(b, c, 0);
		conf_sb_printf(b, ", got ");
		conf_break_describe(b, c, 1);
		if (comment)
			conf_sb_printf(b, " (file:%s)", comment);
	}
	return ok;
}

/* conf_main for a ÷/× file: `name`, `key` and `default_data` as in struct
 * conf_runner. */
static inline int conf_break_main(int argc, char **argv, const char *name, const char *key,
                                  const char *default_data,
                                  const struct conf_break_rules *rules)
{
	struct conf_break_case c;
	memset(&c, 0, sizeof c);
	c.rules = rules;
	struct conf_runner r = {name, key, default_data, conf_break_run, &c};
	int status = conf_main(argc, argv, &r);
	free(c.cp);
	free(c.brk);
	free(c.p);
	return status;
}

#endif
