/* main.c — owns the command line: options, choosing the corpus, and the
 * dispatch to a plain-text renderer (render.c) or, without one, to the
 * interactive reader (ui.h). */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tandem/bidi.h"
#include "tandem/corpus.h"
#include "tandem/render.h"
#include "tandem/sanitize.h"
#include "tandem/ui.h"

#define EXIT_RUNTIME RENDER_RUNTIME
#define EXIT_USAGE RENDER_USAGE

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
	enum render_order order;   /* --order */
	enum ui_bidi bidi;
	enum ui_shape ui_shape;
	const char *lang;          /* language of event titles */
	int bidi_given, lang_given; /* given on the command line: beats the config */
	char **paths;              /* CORPUS_DIR or FILE... */
	size_t npaths;
	int no_cache, reindex;     /* the on-disk index: bypassed, rebuilt */
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
	    "  --no-cache            neither read nor write the corpus's index\n"
	    "  --reindex             rebuild the corpus's index (in $XDG_CACHE_HOME/tandem)\n"
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
	    "  --order visual|logical  renderers' text: reordered and shaped as the reader\n"
	    "                        shows it, or as stored (default: visual on a terminal,\n"
	    "                        logical into a pipe; --render is always visual)\n"
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
		} else if (!strcmp(a, "--no-cache")) {
			o->no_cache = 1;
		} else if (!strcmp(a, "--reindex")) {
			o->reindex = 1;
		} else if (!strcmp(a, "--no-mirror")) {
			o->mirror = 0;
		} else if (!strcmp(a, "--no-pad")) {
			o->pad = 0;
		} else if (!strcmp(a, "--reveal")) {
			o->reveal = 1;
		} else if (is_opt(a, "--order")) {
			if (!(v = opt_value(argc, argv, &i, "--order")))
				return render_usage_error("%s needs visual or logical", a);
			if (!strcmp(v, "visual"))
				o->order = RENDER_VISUAL;
			else if (!strcmp(v, "logical"))
				o->order = RENDER_LOGICAL;
			else
				return render_usage_error("--order takes visual or logical, not '%s'", v);
		} else if (is_opt(a, "--dump")) {
			if (!(v = opt_value(argc, argv, &i, "--dump")))
				return render_usage_error("%s needs an article id", a);
			o->mode = MODE_DUMP;
			o->dump_id = v;
		} else if (is_opt(a, "--compare")) {
			if (open_given && !strchr(a, '=')) {
				o->open_compare = 1;
				continue;
			}
			if (!(v = opt_value(argc, argv, &i, "--compare")))
				return render_usage_error("%s needs ID,ID[,ID]", a);
			o->mode = MODE_COMPARE;
			o->compare_ids = v;
		} else if (!strcmp(a, "--check-config")) {
			o->mode = MODE_CHECK_CONFIG;
			if (i + 1 < argc && strncmp(argv[i + 1], "--", 2))
				o->config_file = argv[++i];
		} else if (is_opt(a, "--evidence")) {
			if (!(v = opt_value(argc, argv, &i, "--evidence")))
				return render_usage_error("%s needs an event id", a);
			o->mode = MODE_EVIDENCE;
			o->evidence_id = v;
		} else if (is_opt(a, "--facts")) {
			if (!(v = opt_value(argc, argv, &i, "--facts")))
				return render_usage_error("%s needs an event id or ID,ID[,ID]", a);
			o->mode = MODE_FACTS;
			o->facts_ids = v;
		} else if (is_opt(a, "--open")) {
			if (!(v = opt_value(argc, argv, &i, "--open")))
				return render_usage_error("%s needs an article id", a);
			o->open_id = v;
		} else if (is_opt(a, "--width")) {
			if (!(v = opt_value(argc, argv, &i, "--width")) || parse_width(v, &o->width))
				return render_usage_error("--width needs a number of columns from 1 to 10000, not '%s'",
				                   v ? v : "");
		} else if (is_opt(a, "--lang")) {
			if (!(v = opt_value(argc, argv, &i, "--lang")))
				return render_usage_error("%s needs a language tag", a);
			o->lang = v;
			o->lang_given = 1;
		} else if (is_opt(a, "--dir")) {
			v = opt_value(argc, argv, &i, "--dir");
			if (!v || (strcmp(v, "auto") && strcmp(v, "ltr") && strcmp(v, "rtl")))
				return render_usage_error("--dir takes auto, ltr or rtl, not '%s'", v ? v : "");
			o->dir = !strcmp(v, "rtl") ? BIDI_RTL : !strcmp(v, "ltr") ? BIDI_LTR : BIDI_AUTO;
		} else if (is_opt(a, "--shape")) {
			v = opt_value(argc, argv, &i, "--shape");
			if (!v || (strcmp(v, "auto") && strcmp(v, "on") && strcmp(v, "off")))
				return render_usage_error("--shape takes auto, on or off, not '%s'", v ? v : "");
			o->shape = strcmp(v, "off") != 0;
			o->ui_shape = !strcmp(v, "on") ? UI_SHAPE_ON : !strcmp(v, "off") ? UI_SHAPE_OFF
			                                                                 : UI_SHAPE_AUTO;
		} else if (is_opt(a, "--bidi")) {
			v = opt_value(argc, argv, &i, "--bidi");
			if (!v || (strcmp(v, "app") && strcmp(v, "terminal")))
				return render_usage_error("--bidi takes app or terminal, not '%s'", v ? v : "");
			o->bidi = !strcmp(v, "terminal") ? UI_BIDI_TERMINAL : UI_BIDI_APP;
			o->bidi_given = 1;
		} else if (!strcmp(a, "--")) {
			o->paths = argv + i + 1;
			o->npaths = (size_t)(argc - i - 1);
			break;
		} else if (a[0] == '-' && a[1]) {
			return render_usage_error("unknown option '%s'", a);
		} else {
			if (!o->paths)
				o->paths = argv + i;
			else if (o->paths + o->npaths != argv + i)
				return render_usage_error("'%s': corpus paths go together, after the options", a);
			o->npaths++;
		}
	}
	if (o->open_compare && !o->open_id)
		return render_usage_error("%s", "--compare without ID,ID needs --open ID");
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

/* Progress of a long load, on standard error when it is a terminal:
 * "tandem: indexing 3,412 / 10,000", rewritten in place, from half a second
 * on, and wiped when done (the reader's screen or the output follows). */
struct progress {
	struct timespec start;
	double last;       /* seconds since start of the line shown last */
	size_t width;      /* columns of that line; 0: none shown */
	const char *what;  /* "indexing", "reading" */
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;
	char line[128];
	if (done >= total) {
		if (p->width) {
			/* wipe the line: CR, spaces, CR */
			memset(line + 1, ' ', p->width);
			line[0] = line[p->width + 1] = '\r';
			sanitize_write(stderr, line, p->width + 2, SANITIZE_KEEP_CR);
			fflush(stderr);
			p->width = 0;
		}
		return;
	}
	double t = seconds_since(&p->start);
	if (t < 0.5 || (p->width && t - p->last < 0.1))
		return;
	p->last = t;
	char text[96];
	int n = snprintf(line, sizeof line, "\r%s: %s", prog,
	                 corpus_progress_text(text, sizeof text, p->what, done, total));
	if (n <= 0 || (size_t)n >= sizeof line)
		return;
	p->width = (size_t)n - 1;
	sanitize_write(stderr, line, (size_t)n, SANITIZE_KEEP_CR);
	fflush(stderr);
}

static struct corpus *open_dir(const struct options *o, const char *dir)
{
	struct progress p = {.what = o->no_cache ? "reading" : "indexing"};
	/* the reader shows the corpus at once and reads new files while it is
	 * used; the renderers need every article first */
	struct corpus_opts co = {.index = !o->no_cache, .reindex = o->reindex,
	                         .deferred = o->mode == MODE_UI ? CORPUS_DEFER_LARGE
	                                                        : CORPUS_READ_FIRST};
	if (isatty(STDERR_FILENO) && clock_gettime(CLOCK_MONOTONIC, &p.start) == 0) {
		co.progress = show_progress;
		co.progress_arg = &p;
	}
	return corpus_open_dir_opts(dir, &co);
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
			return open_dir(o, path);
		if (S_ISREG(st.st_mode) && names_manifest(path)) {
			char *dir = strdup(path);
			if (!dir)
				return NULL;
			char *slash = strrchr(dir, '/');
			if (slash)
				slash[slash == dir] = 0; /* "/corpus.ini" -> "/" */
			struct corpus *c = open_dir(o, slash ? dir : ".");
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
	struct corpus *c = open_dir(o, dir);
	free(dir);
	return c;
}

int main(int argc, char **argv)
{
	struct options o = {.shape = 1, .mirror = 1, .pad = 1, .lang = "en"};
	setlocale(LC_ALL, "");
	int r = parse_args(argc, argv, &o);
	if (r)
		return r;
	struct render_opts ro = {.width = o.width, .dir = o.dir, .shape = o.shape,
	                         .mirror = o.mirror, .pad = o.pad, .reveal = o.reveal,
	                         .bidi_app = o.bidi == UI_BIDI_APP, .order = o.order,
	                         .lang = o.lang};
	if (o.mode == MODE_RENDER)
		return render_filter(&ro);
	if (o.mode == MODE_CHECK_CONFIG)
		return render_check_config(o.config_file);

	struct corpus *c = open_corpus(&o);
	if (!c) {
		sanitize_fprintf(stderr, "%s: out of memory while loading the corpus\n", prog);
		return EXIT_RUNTIME;
	}
	if (o.mode == MODE_CHECK) {
		r = render_check(c);
		corpus_free(c);
		return r;
	}
	render_diags(c, 0);
	if (c->narticles == 0) {
		sanitize_fprintf(stderr, "%s: %s: no article to show\n", prog,
		                 c->dir ? c->dir : "the files given");
		corpus_free(c);
		return EXIT_RUNTIME;
	}
	switch (o.mode) {
	case MODE_LIST:
		r = render_list(c, &ro);
		break;
	case MODE_TIMELINE:
		r = render_timeline(c, &ro);
		break;
	case MODE_DUMP:
		r = render_dump(c, &ro, o.dump_id);
		break;
	case MODE_COMPARE:
		r = render_compare(c, &ro, o.compare_ids);
		break;
	case MODE_FACTS:
		r = render_facts(c, &ro, o.facts_ids);
		break;
	case MODE_EVIDENCE:
		r = render_evidence(c, &ro, o.evidence_id);
		break;
	case MODE_UI: {
		if (o.open_id && render_find_article(c, o.open_id) < 0) {
			r = EXIT_RUNTIME; /* as for --dump: a missing article */
			break;
		}
		struct ui_opts uo = {.open_id = o.open_id, .open_compare = o.open_compare,
		                     .bidi = o.bidi, .shape = o.ui_shape, .mirror = o.mirror,
		                     .bidi_given = o.bidi_given, .lang = o.lang_given ? o.lang : NULL,
		                     .files_given = c->dir == NULL};
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
