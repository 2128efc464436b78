/* bench_layout.c — `make bench`: what tandem's text layer costs, not a test.
 *
 * 1. Layout throughput (MB/s of input UTF-8, MB = 10^6 bytes) on the French
 *    and Arabic rehearsal articles of the bundled corpus: tandem's engine
 *    (decode_paragraph, bidi_prepare, layout_wrap at two widths) beside the
 *    bare call sequence of the same libraries a minimal program needs for the
 *    same lines (libunistring decode, FriBidi levels and shaping, UAX #14
 *    break opportunities, a greedy fit on uc_width, fribidi_reorder_line per
 *    line), as a ratio against the budget (engine >= 0.80 x bare).
 * 2. Corpus load, in-process: a corpus of 10,000 articles made from the
 *    bundled ones (a corpus.ini with events and partial sections, so
 *    detection runs) opened with corpus_open_dir: wall and CPU time,
 *    per-article time, peak RSS; then the time to lay out the first
 *    article's page at 80 columns. `make bench` runs part 1 only: the
 *    reader's own start-up is timed by bench_reader.c on gen_corpus.c's
 *    corpora.
 *
 * Usage: bench_layout CORPUS_DIR [layout|corpus|count-LANG[-engine|-bare]]
 *   CORPUS_DIR is the bundled corpus; the optional second argument runs one
 *   part only (for a profiler run): count-fr and count-ar make 20 untimed
 *   passes of the engine and the bare sequence over one text for callgrind
 *   (bench/instructions.sh), -engine or -bare one side alone.
 * Exits 0 whatever the numbers (a ratio under budget prints "over");
 * 1 only when the benchmark itself cannot run. */
#include <dirent.h>
#include <errno.h>
#include <fribidi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unilbrk.h>
#include <unistr.h>
#include <unistring/version.h>
#include <uniwidth.h>
#include <unistd.h>

#include "tandem/article.h"
#include "tandem/bidi.h"
#include "tandem/corpus.h"
#include "tandem/decode.h"
#include "tandem/layout.h"
#include "tandem/page.h"

#define TARGET_RATIO 0.80
#define MIN_RUN_SECONDS 0.5
#define RUNS 3
#define GEN_ARTICLES 10000
#define FILL 0xfeffu

static const int widths[] = {80, 40};
#define NWIDTHS (sizeof widths / sizeof widths[0])

/* Keeps the results observable so nothing measured can be optimised away. */
static volatile size_t sink;

/* ---------------------------------------------------------------- clocks */

static double clock_s(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) != 0)
		return 0.0;
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct stamp {
	double wall, cpu;
};

static struct stamp stamp_now(void)
{
	struct stamp s = {clock_s(CLOCK_MONOTONIC), clock_s(CLOCK_PROCESS_CPUTIME_ID)};
	return s;
}

static struct stamp stamp_since(struct stamp t0)
{
	struct stamp t = stamp_now();
	t.wall -= t0.wall;
	t.cpu -= t0.cpu;
	return t;
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss; /* KiB on Linux */
}

/* ------------------------------------------------------------ the texts */

struct para {
	const char *s;
	size_t n;
};

struct text {
	const char *lang;
	const char *file;
	struct article_text art;
	struct para *p;
	size_t np;
	size_t bytes;       /* UTF-8 bytes of the paragraphs */
	size_t cps;         /* code points after decoding */
	size_t lines[NWIDTHS][2]; /* lines per pass: [w][0] engine, [w][1] bare */
};

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

static int slurp(const char *path, char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	size_t cap = 1 << 14, n = 0;
	char *b = malloc(cap);
	while (b) {
		n += fread(b + n, 1, cap - n, fp);
		if (n < cap)
			break;
		char *nb = realloc(b, cap * 2);
		if (!nb) {
			free(b);
			b = NULL;
			break;
		}
		b = nb;
		cap *= 2;
	}
	int bad = !b || ferror(fp);
	fclose(fp);
	if (bad) {
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* Reads a bundled article and keeps its paragraph blocks. */
static int text_load(const char *dir, struct text *t)
{
	char *path = join(dir, t->file), *buf = NULL;
	size_t len = 0;
	if (!path || slurp(path, &buf, &len) != 0) {
		fprintf(stderr, "bench: cannot read %s/%s: %s\n", dir, t->file, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	int r = article_parse(buf, len, &t->art);
	free(buf);
	if (r != 0)
		return -1;
	t->p = calloc(t->art.nblocks ? t->art.nblocks : 1, sizeof *t->p);
	if (!t->p)
		return -1;
	for (size_t i = 0; i < t->art.nblocks; i++) {
		if (t->art.blocks[i].kind != BLOCK_PARAGRAPH)
			continue;
		struct para *p = &t->p[t->np++];
		p->s = article_block_text(&t->art, i, &p->n);
		t->bytes += p->n;
		size_t n = 0;
		uint32_t *cp = u8_to_u32((const uint8_t *)p->s, p->n, NULL, &n);
		if (!cp)
			return -1;
		free(cp);
		t->cps += n;
	}
	if (t->np == 0) {
		fprintf(stderr, "bench: %s has no paragraph\n", t->file);
		return -1;
	}
	return 0;
}

static void text_free(struct text *t)
{
	free(t->p);
	article_text_free(&t->art);
}

/* ------------------------------------------------ (a) the tandem engine */

/* One pass over the text: every paragraph decoded, analysed (auto direction,
 * shaping and mirroring on) and wrapped at each width. */
static int engine_pass(struct text *t)
{
	const struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = 1, .mirror = 1};
	size_t lines[NWIDTHS] = {0};
	for (size_t i = 0; i < t->np; i++) {
		struct decoded_text d;
		struct bidi_para bp;
		const char *err = NULL;
		if (decode_paragraph(t->p[i].s, t->p[i].n, &d) != 0)
			return -1;
		if (bidi_prepare(d.cp, d.len, &bo, &bp, &err) != 0) {
			fprintf(stderr, "bench: bidi_prepare: %s\n", err ? err : "failed");
			decode_free(&d);
			return -1;
		}
		for (size_t w = 0; w < NWIDTHS; w++) {
			const struct layout_opts lo = {.width = widths[w], .pad = 1, .reorder = 1};
			struct layout_para lp;
			if (layout_wrap(&bp, &lo, &lp) != 0) {
				bidi_free(&bp);
				decode_free(&d);
				return -1;
			}
			lines[w] += lp.nlines;
			sink += lp.lines[lp.nlines - 1].ncells;
			layout_para_free(&lp);
		}
		bidi_free(&bp);
		decode_free(&d);
	}
	for (size_t w = 0; w < NWIDTHS; w++)
		t->lines[w][0] = lines[w];
	return 0;
}

/* ---------------------------------- (b) the bare library call sequence */

/* End of the line starting at s: greedy, at the last UAX #14 opportunity
 * before the first non-space character that crosses the width; a word wider
 * than the line is cut where it crosses (at least one character). */
static size_t bare_fit(const char *brk, const uint8_t *w, const uint32_t *cp, size_t s,
                       size_t n, int width)
{
	int col = 0;
	size_t fit = s;
	for (size_t i = s; i < n; i++) {
		if (i > s && brk[i] == UC_BREAK_POSSIBLE)
			fit = i;
		col += w[i];
		if (col > width && cp[i] != ' ')
			return fit > s ? fit : (i > s ? i : i + 1);
	}
	return n;
}

/* One paragraph the way a minimal program would do it, for each width. */
static int bare_paragraph(const char *s, size_t nbytes, size_t *lines)
{
	size_t n = 0;
	uint32_t *str = u8_to_u32((const uint8_t *)s, nbytes, NULL, &n);
	if (!str)
		return -1;
	if (n == 0) {
		free(str);
		for (size_t w = 0; w < NWIDTHS; w++)
			lines[w]++;
		return 0;
	}
	/* One block for every per-character array. */
	size_t per = sizeof(FriBidiCharType) + sizeof(FriBidiBracketType) +
	             sizeof(FriBidiStrIndex) + sizeof(FriBidiChar) + 2 * sizeof(FriBidiLevel) +
	             sizeof(FriBidiArabicProp) + 2 /* widths, breaks */;
	char *block = malloc(n * per);
	if (!block) {
		free(str);
		return -1;
	}
	FriBidiCharType *types = (FriBidiCharType *)block;
	FriBidiBracketType *brackets = (FriBidiBracketType *)(types + n);
	FriBidiStrIndex *map = (FriBidiStrIndex *)(brackets + n);
	FriBidiChar *shaped = (FriBidiChar *)(map + n);
	FriBidiLevel *levels = (FriBidiLevel *)(shaped + n);
	FriBidiLevel *line_levels = levels + n;
	FriBidiArabicProp *props = (FriBidiArabicProp *)(line_levels + n);
	uint8_t *w = (uint8_t *)(props + n);
	char *brk = (char *)(w + n);
	FriBidiStrIndex len = (FriBidiStrIndex)n;
	FriBidiParType base = FRIBIDI_PAR_ON;
	int r = -1;

	fribidi_get_bidi_types(str, len, types);
	fribidi_get_bracket_types(str, len, types, brackets);
	if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, levels) == 0)
		goto out;
	fribidi_get_joining_types(str, len, props);
	fribidi_join_arabic(types, len, levels, props);
	memcpy(shaped, str, n * sizeof *shaped);
	fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, len, props, shaped);
	u32_possible_linebreaks(str, n, "UTF-8", brk);
	for (size_t i = 0; i < n; i++) {
		int cw = uc_width(shaped[i], "UTF-8");
		w[i] = (uint8_t)(cw < 0 ? 1 : cw);
	}

	for (size_t k = 0; k < NWIDTHS; k++) {
		memcpy(line_levels, levels, n * sizeof *levels); /* L1 writes them */
		for (size_t i = 0; i < n; i++)
			map[i] = (FriBidiStrIndex)i;
		size_t start = 0, used = 0;
		while (start < n) {
			size_t end = bare_fit(brk, w, str, start, n, widths[k]);
			if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types,
			                         (FriBidiStrIndex)(end - start),
			                         (FriBidiStrIndex)start, base, line_levels, NULL,
			                         map) == 0)
				goto out;
			/* read the visual line once, as printing it would */
			for (size_t v = start; v < end; v++)
				if (shaped[map[v]] != FILL)
					used += w[map[v]];
			lines[k]++;
			start = end;
		}
		sink += used;
	}
	r = 0;
out:
	free(block);
	free(str);
	return r;
}

static int bare_pass(struct text *t)
{
	size_t lines[NWIDTHS] = {0};
	for (size_t i = 0; i < t->np; i++)
		if (bare_paragraph(t->p[i].s, t->p[i].n, lines) != 0)
			return -1;
	for (size_t w = 0; w < NWIDTHS; w++)
		t->lines[w][1] = lines[w];
	return 0;
}

/* ------------------------------------------------------------ the timing */

typedef int (*pass_fn)(struct text *);

struct best {
	double wall, cpu;   /* best (least) time per pass over the runs, seconds */
	long passes;        /* passes in the run with the best wall time */
	double run_wall;    /* that run's length */
};

/* One run: passes until MIN_RUN_SECONDS of wall time have gone by. Keeps
 * the least time per pass (wall and CPU, each on its own) in *b. */
static int timed_run(pass_fn f, struct text *t, struct best *b)
{
	struct stamp t0 = stamp_now(), took;
	long passes = 0;
	do {
		if (f(t) != 0)
			return -1;
		passes++;
		took = stamp_since(t0);
	} while (took.wall < MIN_RUN_SECONDS);
	double wall = took.wall / (double)passes, cpu = took.cpu / (double)passes;
	if (wall < b->wall) {
		b->wall = wall;
		b->passes = passes;
		b->run_wall = took.wall;
	}
	if (cpu < b->cpu)
		b->cpu = cpu;
	return 0;
}

static double mbps(const struct text *t, double seconds_per_pass)
{
	return (double)t->bytes / seconds_per_pass / 1e6;
}

/* Best of RUNS runs each, engine and bare interleaved so that drift in the
 * machine's speed hits both alike. Returns 0 when the ratio met the target,
 * 1 when it did not, -1 on failure. */
static int bench_text(struct text *t)
{
	pass_fn fns[2] = {engine_pass, bare_pass};
	struct best b[2] = {{1e300, 1e300, 0, 0}, {1e300, 1e300, 0, 0}};
	/* a warm-up pass each (caches, lazy library tables), then the runs */
	for (int k = 0; k < 2; k++)
		if (fns[k](t) != 0) {
			fprintf(stderr, "bench: layout %s failed (out of memory or FriBidi)\n", t->lang);
			return -1;
		}
	for (int run = 0; run < RUNS; run++)
		for (int k = 0; k < 2; k++)
			if (timed_run(fns[k], t, &b[k]) != 0) {
				fprintf(stderr, "bench: layout %s failed\n", t->lang);
				return -1;
			}
	double e = mbps(t, b[0].wall), r = mbps(t, b[1].wall);
	double ec = mbps(t, b[0].cpu), rc = mbps(t, b[1].cpu);
	double ratio = e / r, ratio_cpu = ec / rc;
	int ok = ratio >= TARGET_RATIO;
	printf("layout %s: engine %.1f MB/s, bare libraries %.1f MB/s, ratio %.2f  budget >= %.2f  %s\n",
	       t->lang, e, r, ratio, TARGET_RATIO, ok ? "ok" : "over");
	printf("    CPU time: engine %.1f MB/s, bare %.1f MB/s, ratio %.2f; per pass: engine %.1f us, "
	       "bare %.1f us (best runs: %ld passes in %.0f ms, %ld in %.0f ms)\n",
	       ec, rc, ratio_cpu, b[0].wall * 1e6, b[1].wall * 1e6, b[0].passes,
	       b[0].run_wall * 1e3, b[1].passes, b[1].run_wall * 1e3);
	return ok ? 0 : 1;
}

/* ------------------------------------------------- the generated corpus */

/* Removes every entry of the (flat) directory, then the directory. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *p = join(dir, e->d_name);
			if (!p || unlink(p) != 0)
				fprintf(stderr, "bench: cannot remove %s/%s\n", dir, e->d_name);
			free(p);
		}
		closedir(d);
	}
	if (rmdir(dir) != 0)
		fprintf(stderr, "bench: cannot remove %s: %s\n", dir, strerror(errno));
}

/* Article k: source article k % nsrc, each paragraph prefixed "#k.j " so
 * that no two generated files are alike. */
static int write_article(const char *path, const struct corpus_article *src, size_t k,
                         size_t *bytes)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return -1;
	const struct article_text *t = corpus_article_text(src);
	size_t at = 0;
	unsigned j = 0;
	long out = 0;
	for (size_t i = 0; i < t->nblocks; i++) {
		const struct article_block *b = &t->blocks[i];
		if (b->kind != BLOCK_PARAGRAPH)
			continue;
		fwrite(t->raw + at, 1, b->off - at, fp);
		fprintf(fp, "#%zu.%u ", k, ++j);
		at = b->off;
	}
	fwrite(t->raw + at, 1, t->raw_len - at, fp);
	out = ftell(fp);
	int bad = ferror(fp);
	if (fclose(fp) != 0 || bad || out < 0)
		return -1;
	*bytes += (size_t)out;
	return 0;
}

static void write_event(FILE *fp, const struct corpus_event *e)
{
	char date[16];
	fprintf(fp, "[event %s]\n", e->id);
	if (e->date.y)
		fprintf(fp, "date = %s\n", dates_format(&e->date, date));
	if (e->time)
		fprintf(fp, "time = %s\n", e->time);
	if (e->place)
		fprintf(fp, "place = %s\n", e->place);
	if (e->title)
		fprintf(fp, "title = %s\n", e->title);
	for (size_t i = 0; i < e->ntitles; i++)
		fprintf(fp, "title.%s = %s\n", e->titles[i].lang, e->titles[i].text);
	fputc('\n', fp);
}

/* One [article] section. Four kinds, in turn: every field given; event and
 * source only (language, date and title detected); language, title and
 * direction only; the file alone (everything detected). */
static void write_section(FILE *fp, const struct corpus *bundled, const struct corpus_article *a,
                          size_t k)
{
	char date[16];
	unsigned kind = (unsigned)(k % 4);
	fprintf(fp, "[article a%05zu]\nfile = a%05zu.txt\n", k, k);
	if (kind == 0 || kind == 2) {
		fprintf(fp, "lang = %s\ntitle = %s (%zu)\n", a->lang, a->title, k);
		if (a->dir != BIDI_AUTO)
			fprintf(fp, "dir = %s\n", a->dir == BIDI_RTL ? "rtl" : "ltr");
	}
	if (kind == 0 && a->date.y)
		fprintf(fp, "date = %s\n", dates_format(&a->date, date));
	if (kind == 0 && a->group)
		fprintf(fp, "group = %s-%zu\n", a->group, k / 5);
	if ((kind == 0 || kind == 1) && a->source)
		fprintf(fp, "source = %s?n=%zu\n", a->source, k / 5);
	if ((kind == 0 || kind == 1) && a->event >= 0) {
		fprintf(fp, "event = %s\n", bundled->events[a->event].id);
		if (a->nmentions) {
			fputs("mentions =", fp);
			for (size_t i = 0; i < a->nmentions; i++)
				fprintf(fp, " %s", bundled->events[a->mentions[i]].id);
			fputc('\n', fp);
		}
	}
	fputc('\n', fp);
}

/* Writes the manifest and the article files into dir. */
static int generate_corpus(const char *dir, const struct corpus *bundled, size_t *bytes)
{
	char *path = join(dir, CORPUS_MANIFEST);
	FILE *fp = path ? fopen(path, "w") : NULL;
	free(path);
	if (!fp)
		return -1;
	fprintf(fp, "; generated by bench_layout: %d articles\n[corpus]\ntitle = bench corpus\n\n",
	        GEN_ARTICLES);
	for (size_t i = 0; i < bundled->nevents; i++)
		write_event(fp, &bundled->events[i]);
	for (size_t k = 0; k < GEN_ARTICLES; k++)
		write_section(fp, bundled, &bundled->articles[k % bundled->narticles], k);
	long mbytes = ftell(fp);
	int bad = ferror(fp);
	if (fclose(fp) != 0 || bad || mbytes < 0)
		return -1;
	*bytes = (size_t)mbytes;

	char name[32];
	for (size_t k = 0; k < GEN_ARTICLES; k++) {
		snprintf(name, sizeof name, "a%05zu.txt", k);
		char *p = join(dir, name);
		int r = p ? write_article(p, &bundled->articles[k % bundled->narticles], k, bytes) : -1;
		free(p);
		if (r != 0)
			return -1;
	}
	return 0;
}

static int bench_corpus(const char *corpus_dir)
{
	struct corpus *bundled = corpus_open_dir(corpus_dir);
	if (!bundled || bundled->narticles == 0 || corpus_errors(bundled)) {
		fprintf(stderr, "bench: the bundled corpus %s did not load cleanly\n", corpus_dir);
		corpus_free(bundled);
		return -1;
	}
	const char *tmp = getenv("TMPDIR");
	char *templ = join(tmp && *tmp ? tmp : "/tmp", "tandem-bench-XXXXXX");
	if (!templ || !mkdtemp(templ)) {
		fprintf(stderr, "bench: cannot create a temporary directory: %s\n", strerror(errno));
		free(templ);
		corpus_free(bundled);
		return -1;
	}
	int r = -1;
	size_t bytes = 0;
	struct corpus *c = NULL;
	struct page *pg = NULL;

	struct stamp g0 = stamp_now();
	if (generate_corpus(templ, bundled, &bytes) != 0) {
		fprintf(stderr, "bench: cannot write the generated corpus in %s: %s\n", templ,
		        strerror(errno));
		goto out;
	}
	struct stamp gen = stamp_since(g0);
	printf("corpus: %d articles generated from the %zu bundled ones, %zu bytes with the "
	       "manifest (written in %.0f ms)\n",
	       GEN_ARTICLES, bundled->narticles, bytes, gen.wall * 1e3);

	long rss0 = peak_rss_kib();
	struct stamp t0 = stamp_now();
	c = corpus_open_dir(templ);
	struct stamp load = stamp_since(t0);
	long rss1 = peak_rss_kib();
	if (!c) {
		fprintf(stderr, "bench: corpus_open_dir ran out of memory\n");
		goto out;
	}
	size_t detected = 0;
	for (size_t i = 0; i < c->narticles; i++)
		detected += c->articles[i].detected != 0;
	printf("corpus load: %zu articles (%zu with detected fields), %zu events, %zu errors, "
	       "%zu warnings\n",
	       c->narticles, detected, c->nevents, corpus_errors(c),
	       diag_count(&c->diags, DIAG_WARNING));
	printf("corpus load: %.0f ms wall, %.0f ms CPU, %.1f us per article; peak RSS %.1f MiB "
	       "(%.1f MiB before loading)\n",
	       load.wall * 1e3, load.cpu * 1e3,
	       c->narticles ? load.wall * 1e6 / (double)c->narticles : 0.0, rss1 / 1024.0,
	       rss0 / 1024.0);
	if (c->narticles == 0) {
		fprintf(stderr, "bench: the generated corpus has no article\n");
		goto out;
	}

	const struct page_opts po = {.shape = 1, .mirror = 1, .reorder = 1, .header = 1,
	                             .dir = BIDI_AUTO};
	t0 = stamp_now();
	pg = page_create(&c->articles[0], &po);
	int lr = pg ? page_layout(pg, 80) : -1;
	struct stamp first = stamp_since(t0);
	if (lr != 0) {
		fprintf(stderr, "bench: laying out the first article failed\n");
		goto out;
	}
	printf("first article laid out in %.2f ms (%s, %zu rows at 80 columns, %.2f ms CPU)\n",
	       first.wall * 1e3, c->articles[0].id, pg->nrows, first.cpu * 1e3);
	r = 0;
out:
	page_destroy(pg);
	corpus_free(c);
	remove_tree(templ);
	free(templ);
	corpus_free(bundled);
	return r;
}

/* ------------------------------------------------------------------ main */

static void print_header(struct text *texts, size_t n)
{
	struct utsname u;
	char model[256] = "";
	FILE *fp = fopen("/proc/cpuinfo", "r");
	if (fp) {
		char line[512];
		while (fgets(line, sizeof line, fp))
			if (!strncmp(line, "model name", 10)) {
				const char *v = strchr(line, ':');
				snprintf(model, sizeof model, "%.200s", v ? v + 2 : line);
				model[strcspn(model, "\n")] = 0;
				break;
			}
		fclose(fp);
	}
	printf("tandem bench: layout throughput and corpus load (a measurement, not a test)\n");
	if (uname(&u) == 0)
		printf("machine: %s %s%s%s, %ld CPUs\n", u.sysname, u.machine, *model ? ", " : "",
		       model, sysconf(_SC_NPROCESSORS_ONLN));
	printf("libraries: FriBidi %s, libunistring %d.%d.%d\n", FRIBIDI_VERSION,
	       _libunistring_version >> 16, (_libunistring_version >> 8) & 0xff,
	       _libunistring_version & 0xff);
	for (size_t i = 0; i < n; i++)
		printf("text %s: %s, %zu paragraphs, %zu UTF-8 bytes, %zu code points\n",
		       texts[i].lang, texts[i].file, texts[i].np, texts[i].bytes, texts[i].cps);
	printf("pass: every paragraph decoded, levels (auto direction), shaping + mirroring, "
	       "wrapped at %d and %d columns, each line reordered\n", widths[0], widths[1]);
	printf("timing: best of %d runs of >= %.1f s each (CLOCK_MONOTONIC; CPU time from "
	       "CLOCK_PROCESS_CPUTIME_ID); MB/s = 10^6 input bytes per second\n\n",
	       RUNS, MIN_RUN_SECONDS);
}

/* A fixed number of untimed passes over one text, for an instruction
 * counter (bench/instructions.sh runs it under callgrind, which counts
 * instructions, not seconds: the same on a busy machine). `which` is "" for
 * engine and bare passes in turn, "-engine" or "-bare" for one side alone (a
 * profile of it, e.g. valgrind --tool=callgrind bench_layout corpus
 * count-ar-engine). Returns 0, 1 on failure, 2 for an unknown `which`. */
#define COUNTED_PASSES 20
static int counted_passes(const char *dir, const char *lang, const char *which)
{
	int engine = !strcmp(which, "") || !strcmp(which, "-engine");
	int bare = !strcmp(which, "") || !strcmp(which, "-bare");
	if (!engine && !bare)
		return 2;
	struct text t = {.lang = lang,
	                 .file = !strcmp(lang, "ar") ? "ar-rehearsal-vietnamplus.txt"
	                                             : "fr-rehearsal-vietnamplus.txt"};
	int r = text_load(dir, &t);
	for (int i = 0; r == 0 && i < COUNTED_PASSES; i++)
		if ((engine && engine_pass(&t) != 0) || (bare && bare_pass(&t) != 0))
			r = -1;
	text_free(&t);
	return r ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *part = argc == 3 ? argv[2] : "all";
	if (argc == 3 && (!strncmp(part, "count-fr", 8) || !strncmp(part, "count-ar", 8))) {
		char lang[3] = {part[6], part[7], 0};
		int r = counted_passes(argv[1], lang, part + 8);
		if (r != 2)
			return r;
		argc = 0; /* an unknown side: the usage */
	} else if (argc >= 2 && argc <= 3 && (!strcmp(part, "all") || !strcmp(part, "layout") ||
	                                      !strcmp(part, "corpus"))) {
		/* below */
	} else {
		argc = 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR "
		        "[layout|corpus|count-fr|count-ar|count-LANG-engine|count-LANG-bare]\n",
		        argv[0]);
		return 1;
	}
	int do_layout = strcmp(part, "corpus") != 0, do_corpus = strcmp(part, "layout") != 0;
	struct stamp start = stamp_now();
	struct text texts[] = {
		{.lang = "fr", .file = "fr-rehearsal-vietnamplus.txt"},
		{.lang = "ar", .file = "ar-rehearsal-vietnamplus.txt"},
	};
	const size_t ntexts = sizeof texts / sizeof texts[0];
	int status = 0, below = 0;

	for (size_t i = 0; i < ntexts; i++)
		if (text_load(argv[1], &texts[i]) != 0) {
			fprintf(stderr, "bench: cannot prepare %s\n", texts[i].file);
			status = 1;
			goto out;
		}
	print_header(texts, ntexts);
	fflush(stdout);

	for (size_t i = 0; do_layout && i < ntexts; i++) {
		int r = bench_text(&texts[i]);
		if (r < 0) {
			status = 1;
			goto out;
		}
		below |= r;
		for (size_t w = 0; w < NWIDTHS; w++)
			printf("    lines per pass at %d columns: engine %zu, bare %zu\n", widths[w],
			       texts[i].lines[w][0], texts[i].lines[w][1]);
		fflush(stdout);
	}
	if (do_layout && do_corpus)
		putchar('\n');
	if (do_corpus && bench_corpus(argv[1]) != 0)
		status = 1;

	struct stamp total = stamp_since(start);
	if (do_layout)
		printf("\n%s", below ? "layout over budget (engine < 0.80 x bare libraries)"
		                     : "layout within budget (engine >= 0.80 x bare libraries)");
	printf("%sbench ran %.1f s\n", do_layout ? "; " : "\n", total.wall);
out:
	for (size_t i = 0; i < ntexts; i++)
		text_free(&texts[i]);
	return status;
}
