/* main.c — owns the command line: options, choosing the corpus, and the
 * plain-text renderers (--list, --timeline, --dump, --compare, --render,
 * --check), which print the same pages and visual lines the reader draws.
 * Without a renderer option it starts the interactive reader. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tandem/bidi.h"
#include "tandem/compare.h"
#include "tandem/config.h"
#include "tandem/corpus.h"
#include "tandem/decode.h"
#include "tandem/evidence.h"
#include "tandem/factcheck.h"
#include "tandem/layout.h"
#include "tandem/page.h"
#include "tandem/sanitize.h"
#include "tandem/timeline.h"
#include "tandem/ui.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2
#define COMPARE_GAP " \xe2\x94\x82 " /* " │ " */
#define COMPARE_GAP_COLS 3

enum mode {
	MODE_UI,
	MODE_LIST,
	MODE_TIMELINE,
	MODE_DUMP,
	MODE_COMPARE,
	MODE_RENDER,
	MODE_CHECK,
	MODE_FACTS,
	MODE_EVIDENCE,
	MODE_CHECK_CONFIG,
};

struct options {
	enum mode mode;
	const char *dump_id;
	const char *compare_ids;
	const char *facts_ids;     /* --facts: an event, or article ids */
	const char *evidence_id;   /* --evidence: an event */
	const char *config_file;   /* --check-config FILE; NULL: the default */
	const char *open_id;
	int open_compare;
	int width;                 /* 0: default */
	enum bidi_dir dir;
	int shape, mirror, pad;
	int reveal;                /* invisible characters as marks */
	enum ui_bidi bidi;
	enum ui_shape ui_shape;
	const char *lang;          /* language of event titles */
	int bidi_given, lang_given; /* given on the command line: beats the config */
	char **paths;              /* CORPUS_DIR or FILE... */
	size_t npaths;
};

static const char *prog = "tandem";

static void usage(FILE *fp)
{
	/* the help is tandem's own text: its line ends pass the filter */
	static const char text[] =
	    "usage: tandem [OPTION]... [CORPUS_DIR | FILE...]\n"
	    "A terminal reader for multilingual news: read, compare translations side by\n"
	    "side, follow the story on a timeline.\n"
	    "\n"
	    "  --open ID             start on article ID (see --list)\n"
	    "  --open ID --compare   start in the compare view of article ID\n"
	    "  --bidi=app|terminal   app: tandem reorders right-to-left text (default);\n"
	    "                        terminal: send logical order (mlterm-style terminals)\n"
	    "  --shape=auto|on|off   Arabic shaping by tandem (auto: on)\n"
	    "\n"
	    "Plain-text output (the same layout as the reader):\n"
	    "  --list                one line per article: id, lang, date, event, title\n"
	    "  --timeline            the events in date order, with the languages covering each\n"
	    "  --lang LANG           language of event titles (default en)\n"
	    "  --dump ID             article ID as the reader shows it\n"
	    "  --compare ID,ID[,ID]  two or three articles side by side, paragraphs aligned\n"
	    "  --render              filter: stdin, one paragraph per line, to visual lines\n"
	    "    --width N           columns (default: $COLUMNS, else 80)\n"
	    "    --dir auto|ltr|rtl  paragraph direction for --render (default auto)\n"
	    "    --shape on|off      Arabic shaping (default on)\n"
	    "    --no-mirror         do not mirror brackets in right-to-left text\n"
	    "    --no-pad            do not flush right-to-left lines right\n"
	    "  --reveal              with --dump, --compare, --render: show bidi controls and\n"
	    "                        zero-width characters as marks (<RLO>, <ZWJ>)\n"
	    "  --evidence EVENT      the paragraphs that report the event (--width N)\n"
	    "  --facts EVENT         the numbers and dates the event's articles give, grouped\n"
	    "  --facts ID,ID[,ID]    the same for articles; for translations, where they differ\n"
	    "  --check [DIR]         check a corpus: what was recognised where; exit 1 on error\n"
	    "  --check-config [FILE] every problem of the reader's configuration; exit 1 if any\n"
	    "  --help                this help\n"
	    "  --version             version\n"
	    "\n"
	    "Without CORPUS_DIR or FILE, the bundled corpus is opened.\n"
	    "Exit status: 0 ok, 1 runtime error, 2 usage error.\n";
	sanitize_write(fp, text, sizeof text - 1, SANITIZE_KEEP_LF);
}

static int usage_error(const char *fmt, const char *arg)
{
	sanitize_fprintf(stderr, "%s: ", prog);
	sanitize_fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	sanitize_fprintf(stderr, "Try '%s --help'.\n", prog);
	return EXIT_USAGE;
}

static int parse_width(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 10000)
		return -1;
	*out = (int)v;
	return 0;
}

/* Value of "--opt=value" or "--opt value"; advances *i for the latter. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (!strncmp(a, name, n) && a[n] == '=')
		return a + n + 1;
	if (!strcmp(a, name) && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static int is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == 0 || a[n] == '=');
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int open_given = 0;
	for (int i = 1; i < argc; i++)
		if (is_opt(argv[i], "--open"))
			open_given = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--version")) {
			sanitize_fprintf(stdout, "tandem %s\n", TANDEM_VERSION);
			exit(0);
		} else if (!strcmp(a, "--list")) {
			o->mode = MODE_LIST;
		} else if (!strcmp(a, "--timeline")) {
			o->mode = MODE_TIMELINE;
		} else if (!strcmp(a, "--render")) {
			o->mode = MODE_RENDER;
		} else if (!strcmp(a, "--check")) {
			o->mode = MODE_CHECK;
		} else if (!strcmp(a, "--no-mirror")) {
			o->mirror = 0;
		} else if (!strcmp(a, "--no-pad")) {
			o->pad = 0;
		} else if (!strcmp(a, "--reveal")) {
			o->reveal = 1;
		} else if (is_opt(a, "--dump")) {
			if (!(v = opt_value(argc, argv, &i, "--dump")))
				return usage_error("%s needs an article id", a);
			o->mode = MODE_DUMP;
			o->dump_id = v;
		} else if (is_opt(a, "--compare")) {
			if (open_given && !strchr(a, '=')) {
				o->open_compare = 1;
				continue;
			}
			if (!(v = opt_value(argc, argv, &i, "--compare")))
				return usage_error("%s needs ID,ID[,ID]", a);
			o->mode = MODE_COMPARE;
			o->compare_ids = v;
		} else if (!strcmp(a, "--check-config")) {
			o->mode = MODE_CHECK_CONFIG;
			if (i + 1 < argc && strncmp(argv[i + 1], "--", 2))
				o->config_file = argv[++i];
		} else if (is_opt(a, "--evidence")) {
			if (!(v = opt_value(argc, argv, &i, "--evidence")))
				return usage_error("%s needs an event id", a);
			o->mode = MODE_EVIDENCE;
			o->evidence_id = v;
		} else if (is_opt(a, "--facts")) {
			if (!(v = opt_value(argc, argv, &i, "--facts")))
				return usage_error("%s needs an event id or ID,ID[,ID]", a);
			o->mode = MODE_FACTS;
			o->facts_ids = v;
		} else if (is_opt(a, "--open")) {
			if (!(v = opt_value(argc, argv, &i, "--open")))
				return usage_error("%s needs an article id", a);
			o->open_id = v;
		} else if (is_opt(a, "--width")) {
			if (!(v = opt_value(argc, argv, &i, "--width")) || parse_width(v, &o->width))
				return usage_error("--width needs a number of columns from 1 to 10000, not '%s'",
				                   v ? v : "");
		} else if (is_opt(a, "--lang")) {
			if (!(v = opt_value(argc, argv, &i, "--lang")))
				return usage_error("%s needs a language tag", a);
			o->lang = v;
			o->lang_given = 1;
		} else if (is_opt(a, "--dir")) {
			v = opt_value(argc, argv, &i, "--dir");
			if (!v || (strcmp(v, "auto") && strcmp(v, "ltr") && strcmp(v, "rtl")))
				return usage_error("--dir takes auto, ltr or rtl, not '%s'", v ? v : "");
			o->dir = !strcmp(v, "rtl") ? BIDI_RTL : !strcmp(v, "ltr") ? BIDI_LTR : BIDI_AUTO;
		} else if (is_opt(a, "--shape")) {
			v = opt_value(argc, argv, &i, "--shape");
			if (!v || (strcmp(v, "auto") && strcmp(v, "on") && strcmp(v, "off")))
				return usage_error("--shape takes auto, on or off, not '%s'", v ? v : "");
			o->shape = strcmp(v, "off") != 0;
			o->ui_shape = !strcmp(v, "on") ? UI_SHAPE_ON : !strcmp(v, "off") ? UI_SHAPE_OFF
			                                                                 : UI_SHAPE_AUTO;
		} else if (is_opt(a, "--bidi")) {
			v = opt_value(argc, argv, &i, "--bidi");
			if (!v || (strcmp(v, "app") && strcmp(v, "terminal")))
				return usage_error("--bidi takes app or terminal, not '%s'", v ? v : "");
			o->bidi = !strcmp(v, "terminal") ? UI_BIDI_TERMINAL : UI_BIDI_APP;
			o->bidi_given = 1;
		} else if (!strcmp(a, "--")) {
			o->paths = argv + i + 1;
			o->npaths = (size_t)(argc - i - 1);
			break;
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option '%s'", a);
		} else {
			if (!o->paths)
				o->paths = argv + i;
			else if (o->paths + o->npaths != argv + i)
				return usage_error("'%s': corpus paths go together, after the options", a);
			o->npaths++;
		}
	}
	if (o->open_compare && !o->open_id)
		return usage_error("%s", "--compare without ID,ID needs --open ID");
	return 0;
}

/* The bundled corpus: $TANDEM_CORPUS; else, beside the executable, ../corpus
 * (a build tree) or ../share/tandem/corpus (an installed tree, wherever it was
 * installed); else the data directory set at build time. */
static char *bundled_corpus(void)
{
	static const char *const beside[] = {"/../corpus", "/../share/tandem/corpus"};
	const char *env = getenv("TANDEM_CORPUS");
	if (env && *env)
		return strdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? (exe[n] = 0, strrchr(exe, '/')) : NULL;
	if (slash) {
		*slash = 0;
		for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
			char cand[PATH_MAX + 64];
			snprintf(cand, sizeof cand, "%s%s/" CORPUS_MANIFEST, exe, beside[i]);
			if (access(cand, R_OK) == 0) {
				cand[strlen(cand) - strlen(CORPUS_MANIFEST) - 1] = 0;
				return realpath(cand, NULL);
			}
		}
	}
	return strdup(TANDEM_DATADIR "/corpus");
}

/* True when the last component of path is the manifest's name. */
static int names_manifest(const char *path)
{
	const char *base = strrchr(path, '/');
	return !strcmp(base ? base + 1 : path, CORPUS_MANIFEST);
}

static struct corpus *open_corpus(const struct options *o)
{
	if (o->npaths == 1) {
		/* A single path is a directory unless it names something else
		 * (stat, not open: a FIFO must not block here); a corpus.ini
		 * stands for its directory. Whatever is not a directory is an
		 * article file, and corpus_open_files says why it cannot be. */
		const char *path = o->paths[0];
		struct stat st;
		if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
			return corpus_open_dir(path);
		if (S_ISREG(st.st_mode) && names_manifest(path)) {
			char *dir = strdup(path);
			if (!dir)
				return NULL;
			char *slash = strrchr(dir, '/');
			if (slash)
				slash[slash == dir] = 0; /* "/corpus.ini" -> "/" */
			struct corpus *c = corpus_open_dir(slash ? dir : ".");
			free(dir);
			return c;
		}
		return corpus_open_files(o->paths, 1);
	}
	if (o->npaths > 1)
		return corpus_open_files(o->paths, o->npaths);
	char *dir = bundled_corpus();
	if (!dir)
		return NULL;
	struct corpus *c = corpus_open_dir(dir);
	free(dir);
	return c;
}

static void print_diags(const struct corpus *c, int all)
{
	size_t hidden = 0;
	for (size_t i = 0; i < c->diags.n; i++) {
		const struct diag *d = &c->diags.items[i];
		if (!all && d->level != DIAG_ERROR) {
			hidden += d->level == DIAG_WARNING;
			continue;
		}
		if (d->line)
			sanitize_fprintf(stderr, "%s: %s:%u: %s: %s\n", prog, d->file, d->line,
			        diag_level_name(d->level), d->msg);
		else
			sanitize_fprintf(stderr, "%s: %s: %s: %s\n", prog, d->file, diag_level_name(d->level), d->msg);
	}
	if (hidden)
		sanitize_fprintf(stderr, "%s: %zu warning(s) about the corpus; 'tandem --check' shows them\n",
		        prog, hidden);
}

static int default_width(void)
{
	const char *cols = getenv("COLUMNS");
	int w;
	if (cols && parse_width(cols, &w) == 0)
		return w;
	return 80;
}

static struct page_opts page_options(const struct options *o, int header)
{
	return (struct page_opts){.shape = o->shape, .mirror = o->mirror,
	                          .reorder = o->bidi == UI_BIDI_APP, .header = header,
	                          .dir = BIDI_AUTO, .reveal = o->reveal};
}

/* Text for a terminal: shown in visual order on a tty (as the reader does),
 * logical order into a pipe or file, where tools expect it. */
static void print_field(const char *s, const struct options *o, int tty)
{
	if (!tty) {
		sanitize_fputs(stdout, s);
		return;
	}
	/* On a terminal, through decode_paragraph even in logical order
	 * (--bidi=terminal): it alone neutralises DEL, C1 controls (U+009B is
	 * CSI) and invalid UTF-8. */
	struct decoded_text t;
	struct bidi_para bp;
	struct layout_para lp;
	const char *err;
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = o->shape, .mirror = o->mirror};
	struct layout_opts lo = {.width = 10000, .pad = 0, .reorder = o->bidi == UI_BIDI_APP};
	if (decode_paragraph(s, strlen(s), &t) != 0)
		return;
	if (bidi_prepare(t.cp, t.len, &bo, &bp, &err) == 0) {
		if (layout_wrap(&bp, &lo, &lp) == 0) {
			for (size_t i = 0; i < lp.nlines; i++) {
				char *u = layout_line_to_utf8(&lp.lines[i], 0, 0, NULL);
				if (u)
					sanitize_fputs(stdout, u);
				free(u);
			}
			layout_para_free(&lp);
		}
		bidi_free(&bp);
	}
	decode_free(&t);
}

static int run_list(const struct corpus *c, const struct options *o)
{
	int tty = isatty(STDOUT_FILENO);
	int idw = 2, evw = 5, dw = 10;
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		if ((int)strlen(a->id) > idw)
			idw = (int)strlen(a->id);
		if (a->event >= 0 && (int)strlen(c->events[a->event].id) > evw)
			evw = (int)strlen(c->events[a->event].id);
		if (a->detected & CORPUS_INFERRED_DATE)
			dw = 11; /* "~2025-10-23": inferred from its events */
	}
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		char date[16], shown[20];
		snprintf(shown, sizeof shown, "%s%s", a->detected & CORPUS_INFERRED_DATE ? "~" : "",
		         a->date.y ? dates_format(&a->date, date) : "-");
		sanitize_fprintf(stdout, "%-*s  %-5s %-*s  %-*s  ", idw, a->id, a->lang, dw, shown, evw,
		                 a->event >= 0 ? c->events[a->event].id : "-");
		print_field(a->title, o, tty);
		putchar('\n');
	}
	return 0;
}

static int run_timeline(const struct corpus *c, const struct options *o)
{
	int tty = isatty(STDOUT_FILENO);
	int idw = 2, lw = 8;
	char langs[128];
	for (size_t i = 0; i < c->nevents; i++) {
		if ((int)strlen(c->events[i].id) > idw)
			idw = (int)strlen(c->events[i].id);
		if ((int)strlen(timeline_event_langs(c, &c->events[i], langs, sizeof langs)) > lw)
			lw = (int)strlen(langs);
	}
	for (size_t i = 0; i < c->nevents; i++) {
		const struct corpus_event *e = &c->events[i];
		char date[16];
		sanitize_fprintf(stdout, "%-10s  %-9s  %-*s  %-*s  ",
		                 e->date.y ? dates_format(&e->date, date) : "-", e->time ? e->time : "",
		                 idw, e->id, lw, timeline_event_langs(c, e, langs, sizeof langs));
		print_field(corpus_event_title(e, o->lang), o, tty);
		putchar('\n');
	}
	if (c->nevents == 0)
		sanitize_fprintf(stderr, "%s: this corpus has no events (a manifest defines them)\n", prog);
	return 0;
}

static long find_article_or_complain(const struct corpus *c, const char *id)
{
	long k = corpus_find_article(c, id);
	if (k < 0)
		sanitize_fprintf(stderr, "%s: no article '%s' in this corpus (tandem --list shows the ids)\n",
		        prog, id);
	return k;
}

static int run_dump(const struct corpus *c, const struct options *o)
{
	long k = find_article_or_complain(c, o->dump_id);
	if (k < 0)
		return EXIT_RUNTIME;
	struct page_opts po = page_options(o, 1);
	struct page *p = page_create(&c->articles[k], &po);
	/* laid out, printed and freed a paragraph at a time */
	struct page_cursor cur = {0};
	char *s = NULL;
	int r = p ? 1 : -1;
	while (r > 0 && (r = page_next_row(p, o->width ? o->width : default_width(), &cur, &s)) > 0) {
		sanitize_fputs(stdout, s);
		putchar('\n');
		free(s);
	}
	page_cursor_free(&cur);
	page_destroy(p);
	if (r < 0) {
		sanitize_fprintf(stderr, "%s: %s: cannot lay out the article (out of memory)\n", prog, o->dump_id);
		return EXIT_RUNTIME;
	}
	return 0;
}

static int run_compare(const struct corpus *c, const struct options *o)
{
	size_t idx[COMPARE_MAX_COLS], n = 0;
	char *ids = strdup(o->compare_ids), *save = NULL;
	if (!ids)
		return EXIT_RUNTIME;
	char *tok[COMPARE_MAX_COLS + 1];
	for (char *t = strtok_r(ids, ",", &save); t && n <= COMPARE_MAX_COLS;
	     t = strtok_r(NULL, ",", &save))
		tok[n++] = t;
	if (n < 2 || n > COMPARE_MAX_COLS) { /* a usage error before a lookup */
		free(ids);
		return usage_error("--compare takes two or three ids, not '%s'", o->compare_ids);
	}
	for (size_t i = 0; i < n; i++) {
		long k = find_article_or_complain(c, tok[i]);
		if (k < 0) {
			free(ids);
			return EXIT_RUNTIME;
		}
		idx[i] = (size_t)k;
	}
	free(ids);
	int width = o->width ? o->width : default_width();
	int colw = (width - COMPARE_GAP_COLS * ((int)n - 1)) / (int)n;
	if (colw < 1)
		colw = 1;
	struct page_opts po = page_options(o, 1);
	struct compare *cmp = compare_create(c, idx, n, &po);
	if (!cmp || compare_layout(cmp, colw) != 0) {
		sanitize_fprintf(stderr, "%s: cannot lay out the comparison (out of memory)\n", prog);
		compare_destroy(cmp);
		return EXIT_RUNTIME;
	}
	for (size_t r = 0; r < cmp->nrows; r++) {
		for (size_t col = 0; col < n; col++) {
			size_t pr = cmp->rows[col][r];
			const struct layout_line *l = pr == COMPARE_NO_ROW ? NULL : page_row_line(cmp->cols[col], pr);
			int last = col + 1 == n;
			char *s;
			if (l)
				s = layout_line_to_utf8(l, 1, last ? 0 : colw, NULL);
			else if (last)
				s = strdup("");
			else {
				s = malloc((size_t)colw + 1);
				if (s) {
					memset(s, ' ', (size_t)colw);
					s[colw] = 0;
				}
			}
			if (!s) {
				compare_destroy(cmp);
				return EXIT_RUNTIME;
			}
			if (col)
				fputs(COMPARE_GAP, stdout);
			sanitize_fputs(stdout, s);
			free(s);
		}
		putchar('\n');
	}
	compare_destroy(cmp);
	return 0;
}

/* Reads stdin a paragraph (a line) at a time, but never more than
 * LAYOUT_PIECE_CHARS bytes of it at once: a longer line is laid out in
 * pieces (layout_piece), so memory stays bounded however long it is. */
static int run_render(const struct options *o)
{
	int width = o->width ? o->width : default_width();
	struct bidi_opts bo = {.dir = o->dir, .shape = o->shape, .mirror = o->mirror};
	struct layout_opts lo = {.width = width, .pad = o->pad, .reorder = o->bidi == UI_BIDI_APP,
	                         .decode_flags = o->reveal ? DECODE_REVEAL : 0};
	size_t cap = LAYOUT_PIECE_CHARS, len = 0;
	char *line = malloc(cap);
	struct layout_resume at = {0};
	int status = 0, c = 0, ended = 0; /* ended: line holds the paragraph's end */
	if (!line) {
		sanitize_fprintf(stderr, "%s: stdin: out of memory\n", prog);
		return EXIT_RUNTIME;
	}
	for (;;) {
		if (!ended) {
			/* fill up to a line end, the end of input or a full buffer */
			while (len < cap && (c = getc(stdin)) != EOF && c != '\n')
				line[len++] = (char)c;
			if (len == cap && (c = getc(stdin)) != EOF && c != '\n' &&
			    ungetc(c, stdin) == EOF)
				c = EOF;
			ended = len < cap || c == EOF || c == '\n';
			if (c == EOF && len == 0 && at.byte == 0)
				break;
			if (ended && len > 0 && line[len - 1] == '\r')
				len--;
		}
		struct layout_piece pc;
		const char *err;
		if (layout_piece(line, len, !ended, &bo, &lo, &at, &pc, &err) != 0) {
			sanitize_fprintf(stderr, "%s: stdin: %s\n", prog, err);
			status = EXIT_RUNTIME;
			break;
		}
		for (size_t i = 0; i < pc.lay.nlines; i++) {
			char *s = layout_line_to_utf8(&pc.lay.lines[i], 1, 0, NULL);
			if (s) {
				sanitize_fputs(stdout, s);
				putchar('\n');
			}
			free(s);
		}
		if (pc.last) {
			memset(&at, 0, sizeof at);
			len = 0;
			ended = 0;
		} else {
			memmove(line, line + pc.bytes, len - pc.bytes);
			len -= pc.bytes;
			at = pc.next;
		}
		layout_piece_free(&pc);
		if (c == EOF && !ended && len == 0 && at.byte == 0)
			break;
	}
	free(line);
	if (ferror(stdin)) {
		sanitize_fprintf(stderr, "%s: stdin: read error\n", prog);
		status = EXIT_RUNTIME;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sanitize_fprintf(stderr, "%s: write error on standard output\n", prog);
		status = EXIT_RUNTIME;
	}
	return status;
}

/* "ID#p3": the anchor of an article's block. */
static void block_anchor(const struct corpus_article *a, size_t block, char *buf, size_t n)
{
	const struct article_block *bl = &a->text.blocks[block];
	snprintf(buf, n, "%s#%c%u", a->id, article_block_letter(bl->kind), bl->ordinal);
}

/* A fact with some of its paragraph around it, cut at spaces: "…text…". */
static void print_excerpt(const char *text, size_t len, size_t off, size_t flen,
                          const struct options *o, int tty)
{
	size_t a = off > 40 ? off - 40 : 0, b = off + flen + 40 < len ? off + flen + 40 : len;
	/* from a space to a space (whole characters), never into the fact */
	while (a > 0 && a < off && text[a - 1] != ' ')
		a++;
	while (b < len && b > off + flen && text[b] != ' ')
		b--;
	char *s = malloc(b - a + 8);
	if (!s)
		return;
	snprintf(s, b - a + 8, "%s%.*s%s", a > 0 ? "\xe2\x80\xa6" : "", (int)(b - a), text + a,
	         b < len ? "\xe2\x80\xa6" : "");
	print_field(s, o, tty);
	free(s);
}

/* --facts of articles that are translations of the first: their aligned
 * paragraphs compared, every difference listed. */
static int facts_translations(const struct corpus *c, const size_t *idx, size_t n,
                              const struct options *o)
{
	int tty = isatty(STDOUT_FILENO);
	struct page_opts po = page_options(o, 1);
	struct compare *cmp = compare_create(c, idx, n, &po);
	if (!cmp) {
		sanitize_fprintf(stderr, "%s: cannot compare (out of memory)\n", prog);
		return EXIT_RUNTIME;
	}
	for (size_t k = 1; k < n; k++)
		sanitize_fprintf(stdout, "%s and %s (translation)\n", c->articles[idx[0]].id,
		                 c->articles[idx[k]].id);
	sanitize_fprintf(stdout, "%zu difference%s\n", cmp->ndiffs, cmp->ndiffs == 1 ? "" : "s");
	for (size_t i = 0; i < cmp->ndiffs; i++) {
		const struct compare_diff *df = &cmp->diffs[i];
		const struct page_piece *pc = &cmp->cols[df->col]->pieces[df->piece];
		const struct corpus_article *a = &c->articles[cmp->articles[df->col]];
		char where[160], what[96];
		if (pc->block >= 0)
			block_anchor(a, (size_t)pc->block, where, sizeof where);
		else
			snprintf(where, sizeof where, "%s#title", a->id);
		facts_format(&df->fact, what, sizeof what);
		sanitize_fprintf(stdout, "%-24s %-22s %s  ", where, what,
		                 df->qualifier_only ? "qualified otherwise in" : "not in");
		sanitize_fprintf(stdout, "%s  ", c->articles[cmp->articles[df->other]].id);
		print_excerpt(pc->utf8, pc->len, df->off, df->len, o, tty);
		putchar('\n');
	}
	compare_destroy(cmp);
	return 0;
}

/* --facts of an event or of articles from different sources: a table of the
 * facts each gives, grouped by the word beside them. */
static int facts_table(const struct corpus *c, const size_t *idx, size_t n,
                       const struct options *o)
{
	int tty = isatty(STDOUT_FILENO);
	struct factcheck_table t;
	if (factcheck_table_build(c, idx, n, &t) != 0) {
		sanitize_fprintf(stderr, "%s: cannot read the facts (out of memory)\n", prog);
		return EXIT_RUNTIME;
	}
	size_t shared = 0;
	for (size_t g = 0; g < t.ngroups; g++)
		shared += t.group_articles[g] >= 2;
	sanitize_fprintf(stdout, "%zu fact(s) in %zu group(s), %zu given by more than one article\n",
	                 t.n, t.ngroups, shared);
	for (size_t i = 0; i < t.n; i++) {
		const struct factcheck_entry *e = &t.items[i];
		if (i == 0 || t.items[i - 1].group != e->group) {
			putchar('\n');
			print_field(factcheck_group_word(&t, e->group), o, tty);
			sanitize_fprintf(stdout, " (%zu article%s)\n", t.group_articles[e->group],
			                 t.group_articles[e->group] == 1 ? "" : "s");
		}
		const struct corpus_article *a = &c->articles[e->article];
		const struct article_block *bl = &a->text.blocks[e->block];
		char where[160], what[96];
		block_anchor(a, e->block, where, sizeof where);
		facts_format(&e->fact, what, sizeof what);
		sanitize_fprintf(stdout, "  %-24s %-22s ", where, what);
		print_excerpt(a->text.raw + bl->off, bl->len, e->fact.off, e->fact.len, o, tty);
		putchar('\n');
	}
	factcheck_table_free(&t);
	return 0;
}

static int run_facts(const struct corpus *c, const struct options *o)
{
	size_t idx[COMPARE_MAX_COLS], n = 0;
	const char *ids = o->facts_ids;
	for (size_t e = 0; e < c->nevents; e++) {
		const struct corpus_event *ev = &c->events[e];
		if (strcmp(ev->id, ids))
			continue;
		sanitize_fprintf(stdout, "event %s, %s: ", ev->id,
		                 ev->date.y ? dates_format(&ev->date, (char[16]){0}) : "undated");
		print_field(corpus_event_title(ev, o->lang), o, isatty(STDOUT_FILENO));
		putchar('\n');
		sanitize_fprintf(stdout, "numbers and dates as the articles give them: where to look, "
		                         "not a verdict\n");
		if (ev->narticles == 0) {
			sanitize_fprintf(stdout, "no article reports this event\n");
			return 0;
		}
		return facts_table(c, ev->articles, ev->narticles, o);
	}
	char *copy = strdup(ids), *save = NULL;
	if (!copy)
		return EXIT_RUNTIME;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (n == COMPARE_MAX_COLS) {
			free(copy);
			return usage_error("--facts takes an event id or up to three article ids, not '%s'",
			                   ids);
		}
		long k = corpus_find_article(c, t);
		if (k < 0) {
			sanitize_fprintf(stderr, "%s: no event or article '%s' in this corpus (tandem "
			                         "--timeline and --list show the ids)\n", prog, t);
			free(copy);
			return EXIT_RUNTIME;
		}
		idx[n++] = (size_t)k;
	}
	free(copy);
	if (n == 0)
		return usage_error("--facts needs an event id or article ids, not '%s'", ids);
	/* translations of the first: aligned and compared */
	size_t tr[64], ntr = corpus_translations(c, idx[0], tr, 64);
	int all_translations = n >= 2;
	for (size_t k = 1; k < n; k++) {
		int found = 0;
		for (size_t j = 0; j < ntr && j < 64; j++)
			found |= tr[j] == idx[k];
		all_translations &= found;
	}
	if (all_translations)
		return facts_translations(c, idx, n, o);
	return facts_table(c, idx, n, o);
}

/* Text laid out on one line of `width` columns, "…" where it is cut. */
static void print_fitted(const char *s, int width, const struct options *o)
{
	struct decoded_text t;
	struct bidi_para bp;
	struct layout_para lp;
	const char *err;
	/* visual order and shapes on a terminal, logical text into a pipe */
	int tty = isatty(STDOUT_FILENO);
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = tty && o->shape, .mirror = tty && o->mirror};
	struct layout_opts lo = {.width = width > 2 ? width - 1 : 1, .pad = 0,
	                         .reorder = tty && o->bidi == UI_BIDI_APP};
	if (decode_paragraph(s, strlen(s), &t) != 0)
		return;
	if (bidi_prepare(t.cp, t.len, &bo, &bp, &err) == 0) {
		if (layout_wrap(&bp, &lo, &lp) == 0) {
			if (lp.nlines) {
				char *u = layout_line_to_utf8(&lp.lines[0], 0, 0, NULL);
				if (u)
					sanitize_fputs(stdout, u);
				free(u);
				if (lp.nlines > 1)
					fputs("\xe2\x80\xa6", stdout);
			}
			layout_para_free(&lp);
		}
		bidi_free(&bp);
	}
	decode_free(&t);
}

static long find_event(const struct corpus *c, const char *id)
{
	for (size_t e = 0; e < c->nevents; e++)
		if (!strcmp(c->events[e].id, id))
			return (long)e;
	return -1;
}

/* --evidence EVENT: each paragraph that reports it, with an excerpt around
 * the mention. */
static int run_evidence(const struct corpus *c, const struct options *o)
{
	long ev = find_event(c, o->evidence_id);
	if (ev < 0) {
		sanitize_fprintf(stderr, "%s: no event '%s' in this corpus (tandem --timeline shows "
		                         "the ids)\n", prog, o->evidence_id);
		return EXIT_RUNTIME;
	}
	const struct corpus_event *e = &c->events[ev];
	int width = o->width ? o->width : default_width();
	struct evidence_list l;
	if (evidence_find(c, (size_t)ev, &l) != 0) {
		sanitize_fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_RUNTIME;
	}
	char date[16];
	sanitize_fprintf(stdout, "event %s, %s: ", e->id,
	                 e->date.y ? dates_format(&e->date, date) : "undated");
	print_fitted(corpus_event_title(e, o->lang), width > 30 ? width - 30 : 10, o);
	putchar('\n');
	sanitize_fprintf(stdout, "%zu paragraph(s) report it\n", l.n);
	for (size_t i = 0; i < l.n; i++) {
		const struct evidence_hit *h = &l.items[i];
		const struct corpus_article *a = &c->articles[h->article];
		const struct article_block *bl = &a->text.blocks[h->block];
		char where[160];
		block_anchor(a, h->block, where, sizeof where);
		int main_event = a->event == ev;
		sanitize_fprintf(stdout, "%-24s %-3s %-8s %s ", where, a->lang,
		                 main_event ? "reports" : "mentions", evidence_why_name(h->why));
		/* the excerpt: from a space before the mention to the line's end */
		size_t from = h->off > 30 ? h->off - 30 : 0;
		while (from > 0 && from < h->off && a->text.raw[bl->off + from - 1] != ' ')
			from++;
		size_t n = bl->len - from;
		char *x = malloc(n + 4);
		if (x) {
			snprintf(x, n + 4, "%s%.*s", from ? "\xe2\x80\xa6" : "", (int)n,
			         a->text.raw + bl->off + from);
			int used = 24 + 1 + 3 + 1 + 8 + 1 + (int)strlen(evidence_why_name(h->why)) + 1;
			print_fitted(x, width - used > 10 ? width - used : 10, o);
			free(x);
		}
		putchar('\n');
	}
	evidence_free(&l);
	return 0;
}

static int run_check(const struct corpus *c)
{
	print_diags(c, 1);
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		const struct article_text *t = &a->text;
		size_t count[5] = {0}, dups = 0;
		char date[16];
		for (size_t b = 0; b < t->nblocks; b++) {
			const struct article_block *bl = &t->blocks[b];
			count[bl->kind]++;
			if (bl->kind == BLOCK_PARAGRAPH && bl->dup_of < 0)
				continue;
			if (bl->dup_of >= 0) {
				const struct article_block *o = &t->blocks[bl->dup_of];
				dups++;
				sanitize_fprintf(stdout, "%s:%u: %c%u %s repeats %c%u (line %u); %s\n",
				                 a->path, bl->line, article_block_letter(bl->kind), bl->ordinal,
				                 article_block_kind_name(bl->kind), article_block_letter(o->kind),
				                 o->ordinal, o->line,
				                 article_block_folds(t, b) ? "folded in the reader"
				                                           : "shown (too short to fold)");
			} else if (bl->kind == BLOCK_SOURCE) {
				sanitize_fprintf(stdout, "%s:%u: source line: %.*s\n", a->path, bl->line, (int)bl->len,
				       t->raw + bl->off);
			} else if (bl->kind == BLOCK_COMMENTS) {
				sanitize_fprintf(stdout, "%s:%u: comment-count boilerplate\n", a->path, bl->line);
			} else {
				sanitize_fprintf(stdout, "%s:%u: %c%u %s\n", a->path, bl->line, article_block_letter(bl->kind),
				       bl->ordinal, article_block_kind_name(bl->kind));
			}
		}
		sanitize_fprintf(stdout, "%s: article '%s': %zu paragraph(s), %zu caption(s), %zu image(s), "
		       "%zu repeat(s), %zu date mention(s); lang %s%s, date %s%s, source %s%s, "
		       "title%s\n",
		       a->path, a->id, count[BLOCK_PARAGRAPH], count[BLOCK_CAPTION], count[BLOCK_IMAGE],
		       dups, a->ndates, a->lang, a->detected & CORPUS_DETECTED_LANG ? " (detected)" : "",
		       a->date.y ? dates_format(&a->date, date) : "unknown",
		       a->detected & CORPUS_DETECTED_DATE ? " (detected)"
		       : a->detected & CORPUS_INFERRED_DATE ? " (inferred from its events)" : "",
		       a->source ? (a->detected & CORPUS_DETECTED_SOURCE ? "detected" : "given")
		                 : "none",
		       "",
		       a->detected & CORPUS_DETECTED_TITLE ? " detected" : " given");
	}
	size_t errors = corpus_errors(c), warnings = diag_count(&c->diags, DIAG_WARNING);
	sanitize_fprintf(stdout, "%zu article(s), %zu event(s): %zu error(s), %zu warning(s)\n", c->narticles,
	       c->nevents, errors, warnings);
	return errors ? EXIT_RUNTIME : 0;
}

/* --check-config: every problem of the configuration, each with its line. */
static int run_check_config(const struct options *o)
{
	struct config cfg;
	struct keymap km;
	struct theme th;
	config_defaults(&cfg);
	theme_defaults(&th);
	if (keymap_init(&km) != 0) {
		sanitize_fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_RUNTIME;
	}
	config_load(&cfg, o->config_file, &km, &th);
	for (size_t i = 0; i < cfg.problems.n; i++) {
		const struct diag *d = &cfg.problems.items[i];
		if (d->line)
			sanitize_fprintf(stdout, "%s:%u: %s\n", d->file, d->line, d->msg);
		else
			sanitize_fprintf(stdout, "%s: %s\n", d->file, d->msg);
	}
	if (!cfg.path[0])
		sanitize_fprintf(stdout, "no configuration file (tandem reads "
		                         "$XDG_CONFIG_HOME/tandem/config, else ~/.config/tandem/config)\n");
	else
		sanitize_fprintf(stdout, "%s: %zu problem(s)\n", cfg.path, cfg.problems.n);
	int r = cfg.problems.n ? EXIT_RUNTIME : 0;
	config_free(&cfg);
	keymap_free(&km);
	return r;
}

int main(int argc, char **argv)
{
	struct options o = {.shape = 1, .mirror = 1, .pad = 1, .lang = "en"};
	setlocale(LC_ALL, "");
	int r = parse_args(argc, argv, &o);
	if (r)
		return r;
	if (o.mode == MODE_RENDER)
		return run_render(&o);
	if (o.mode == MODE_CHECK_CONFIG)
		return run_check_config(&o);

	struct corpus *c = open_corpus(&o);
	if (!c) {
		sanitize_fprintf(stderr, "%s: out of memory while loading the corpus\n", prog);
		return EXIT_RUNTIME;
	}
	if (o.mode == MODE_CHECK) {
		r = run_check(c);
		corpus_free(c);
		return r;
	}
	print_diags(c, 0);
	if (c->narticles == 0) {
		sanitize_fprintf(stderr, "%s: %s: no article to show\n", prog,
		        c->dir ? c->dir : "the files given");
		corpus_free(c);
		return EXIT_RUNTIME;
	}
	switch (o.mode) {
	case MODE_LIST:
		r = run_list(c, &o);
		break;
	case MODE_TIMELINE:
		r = run_timeline(c, &o);
		break;
	case MODE_DUMP:
		r = run_dump(c, &o);
		break;
	case MODE_COMPARE:
		r = run_compare(c, &o);
		break;
	case MODE_FACTS:
		r = run_facts(c, &o);
		break;
	case MODE_EVIDENCE:
		r = run_evidence(c, &o);
		break;
	case MODE_UI: {
		if (o.open_id && corpus_find_article(c, o.open_id) < 0) {
			find_article_or_complain(c, o.open_id);
			r = EXIT_RUNTIME; /* as for --dump: a missing article */
			break;
		}
		struct ui_opts uo = {.open_id = o.open_id, .open_compare = o.open_compare,
		                     .bidi = o.bidi, .shape = o.ui_shape, .mirror = o.mirror,
		                     .bidi_given = o.bidi_given, .lang = o.lang_given ? o.lang : NULL};
		r = ui_run(c, &uo);
		break;
	}
	case MODE_RENDER:
	case MODE_CHECK:
	case MODE_CHECK_CONFIG:
		break;
	}
	/* The renderers' output must not be lost silently; the reader's
	 * terminal may be gone (a hangup), which is no error of ours. */
	if (o.mode != MODE_UI && (fflush(stdout) != 0 || ferror(stdout))) {
		sanitize_fprintf(stderr, "%s: write error on standard output\n", prog);
		r = EXIT_RUNTIME;
	}
	corpus_free(c);
	return r;
}
