/* bench_growth.c — `make bench`, growth section: how tandem's cost grows
 * with its input, not a test.
 *
 * 1. Time: each path that once grew faster than its input is run at two
 *    sizes 4x apart and the ratio of the median CPU times (user + system,
 *    from wait4) printed, "ok" when it
 *    is at most 5 (linear gives 4, n log n a little more, quadratic 16):
 *    distinct paragraphs in one article (--dump), one long grapheme cluster
 *    (--render), --compare of many paragraphs, a manifest of many articles
 *    (--list), a state file of many entries (the reader started and quit on
 *    a pseudo-terminal), one long line (--dump), many newlines (--list, the
 *    date finder), and a corpus search with many hits (the reader on a
 *    pseudo-terminal, / then Q).
 * 2. Memory: peak RSS of --dump of a long article and of --render of a big
 *    stdin, less the peak of the same command on a tiny input, per input
 *    byte, against the limit of 8 bytes per input byte.
 *
 * Inputs are generated deterministically under WORKDIR (kept between runs;
 * remade when missing). Each run gets its own XDG_STATE_HOME and
 * XDG_CONFIG_HOME under WORKDIR, so the user's files are never read or
 * written. A run that takes longer than RUN_TIMEOUT seconds is stopped and
 * reported.
 *
 * Usage: bench_growth TANDEM CORPUS_DIR WORKDIR [NAME...]
 *   TANDEM is the binary, CORPUS_DIR the bundled corpus (the reader opens it
 *   for the state run), NAME picks paths by the first word of their name.
 * Exits 0 whatever the numbers; 1 only when the benchmark cannot run. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define RUNS 3             /* runs per size; the median is kept */
#define RATIO_OK 5.0       /* time ratio for 4x the input */
#define BYTES_LIMIT 8.0    /* peak RSS per input byte */
#define RUN_TIMEOUT 60.0   /* seconds before a run is stopped */
#define LONG_RUN 10.0      /* a run this long (CPU seconds) is not repeated */
#define MAX_ARGS 12

static const char *tandem, *corpus_dir, *workdir;

/* ---------------------------------------------------------------- files */

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench_growth: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void mkdirs(const char *path)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				die("cannot create %s: %s", p, strerror(errno));
			*s = '/';
		}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", p, strerror(errno));
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static off_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : 0;
}

/* Opens path for writing through a temporary name; close_gen renames it, so
 * an interrupted generation leaves no half file behind. */
static FILE *open_gen(const char *path, char *tmp, size_t n)
{
	snprintf(tmp, n, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		die("cannot write %s: %s", tmp, strerror(errno));
	return f;
}

static void close_gen(FILE *f, const char *tmp, const char *path)
{
	if (ferror(f) | fclose(f) || rename(tmp, path) != 0)
		die("cannot write %s", path);
}

/* Deterministic pseudo-random numbers (a 64-bit LCG). */
static uint64_t rng = 1;

static size_t rnd(size_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (size_t)((rng >> 33) % n);
}

static const char *const words[] = {
	"the", "convention", "signing", "Hanoi", "cybercrime", "states", "delegates",
	"ceremony", "October", "minister", "international", "cooperation", "data",
	"security", "network", "treaty", "adopted", "assembly", "united", "nations",
};
#define NWORDS (sizeof words / sizeof words[0])

/* Writes about `len` bytes of words. */
static void put_words(FILE *f, size_t len)
{
	size_t n = 0;
	while (n < len) {
		const char *w = words[rnd(NWORDS)];
		n += (size_t)fprintf(f, n ? " %s" : "%s", w);
	}
}

/* ---------------------------------------------------------------- inputs */

/* What one run executes: argv (argv[0] is tandem), stdin from a file or
 * /dev/null, an optional state file copied into place before each run, and
 * for the reader a pseudo-terminal with a script of (wait for, then send)
 * steps. */
struct run {
	char buf[6][PATH_MAX];
	const char *argv[MAX_ARGS];
	const char *stdin_file;
	const char *state_src;         /* copied to the run's state file */
	int pty;
	const char *wait[3], *send[3]; /* pty script */
	size_t nsteps;
	size_t bytes;                  /* input size, for per-byte figures */
};

struct path {
	const char *name, *unit;
	size_t small;                  /* the large size is 4x */
	void (*prepare)(size_t n, struct run *r);
};

static void set_args(struct run *r, ...)
{
	va_list ap;
	size_t i = 0;
	r->argv[i++] = tandem;
	va_start(ap, r);
	for (const char *a; (a = va_arg(ap, const char *)) != NULL && i < MAX_ARGS - 1;)
		r->argv[i++] = a;
	va_end(ap);
	r->argv[i] = NULL;
}

/* n distinct paragraphs in one article. */
static void prep_paragraphs(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/paragraphs-%zu.txt", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "paragraphs-%zu", n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "Paragraph %zu of the article, said the delegate.\n\n", i);
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--dump", r->buf[1], "--width", "80", r->buf[0], NULL);
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* One grapheme cluster of n bytes: an emoji ZWJ sequence, U+1F468 MAN
 * joined by U+200D ZERO WIDTH JOINER to the next, over and over. */
static void prep_cluster(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/cluster-%zu.txt", workdir, n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		fputs("\xf0\x9f\x91\xa8", f);
		for (size_t i = 4; i + 7 <= n; i += 7)
			fputs("\xe2\x80\x8d\xf0\x9f\x91\xa8", f);
		fputc('\n', f);
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--render", "--width", "80", NULL);
	r->stdin_file = r->buf[0];
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* Two articles of n paragraphs each, the second 1.2 times as long
 * paragraph by paragraph, as a translation. */
static void prep_compare(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/compare-a-%zu.txt", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "%s/compare-b-%zu.txt", workdir, n);
	snprintf(r->buf[2], PATH_MAX, "compare-a-%zu,compare-b-%zu", n, n);
	if (!exists(r->buf[0]) || !exists(r->buf[1])) {
		FILE *a = open_gen(r->buf[0], tmp, sizeof tmp);
		char tmp2[PATH_MAX];
		FILE *b = open_gen(r->buf[1], tmp2, sizeof tmp2);
		rng = 7;
		for (size_t i = 0; i < n; i++) {
			size_t len = 40 + rnd(500);
			put_words(a, len);
			fputs(".\n\n", a);
			put_words(b, len * 6 / 5);
			fputs(".\n\n", b);
		}
		close_gen(a, tmp, r->buf[0]);
		close_gen(b, tmp2, r->buf[1]);
	}
	set_args(r, "--compare", r->buf[2], "--width", "120", r->buf[0], r->buf[1], NULL);
	r->bytes = (size_t)(file_size(r->buf[0]) + file_size(r->buf[1]));
}

/* A corpus directory whose manifest names n articles. */
static void prep_manifest(size_t n, struct run *r)
{
	char tmp[PATH_MAX], path[PATH_MAX + 32];
	snprintf(r->buf[0], PATH_MAX, "%s/manifest-%zu", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "%.4000s/corpus.ini", r->buf[0]);
	if (!exists(r->buf[1])) {
		mkdirs(r->buf[0]);
		for (size_t i = 0; i < n; i++) {
			snprintf(path, sizeof path, "%s/a%zu.txt", r->buf[0], i);
			FILE *f = fopen(path, "w");
			if (!f || fprintf(f, "Article %zu about the convention.\n", i) < 0 || fclose(f))
				die("cannot write %s", path);
		}
		FILE *f = open_gen(r->buf[1], tmp, sizeof tmp);
		fputs("[corpus]\ntitle = growth\n\n[event signing]\ndate = 2025-10-25\n"
		      "title = Signing\n\n", f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "[article a%zu]\nfile = a%zu.txt\nlang = en\ndate = 2025-10-25\n"
			        "event = signing\ntitle = Article %zu\n\n", i, i, i);
		close_gen(f, tmp, r->buf[1]);
	}
	set_args(r, "--list", r->buf[0], NULL);
	r->bytes = (size_t)file_size(r->buf[1]);
}

/* A state file of n reading positions; the reader opens the bundled corpus
 * and is quit at once. */
static void prep_state(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/state-%zu", workdir, n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		fputs("tandem-state 1\nlast fr-rehearsal\n", f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "pos article-%zu %zu %zu\n", i, i % 40, i % 7);
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, corpus_dir, NULL);
	r->state_src = r->buf[0];
	r->pty = 1;
	r->wait[0] = "fr-rehearsal"; /* the article read last, reopened */
	r->send[0] = "Q";
	r->nsteps = 1;
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* One line of n bytes of words. */
static void prep_line(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/line-%zu.txt", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "line-%zu", n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		rng = 11;
		put_words(f, n);
		fputs(".\n", f);
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--dump", r->buf[1], "--width", "80", r->buf[0], NULL);
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* A line of text, then n newlines. */
static void prep_newlines(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/newlines-%zu.txt", workdir, n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		fputs("Signed on 25 October 2025 in Hanoi.\n", f);
		for (size_t i = 0; i < n; i++)
			fputc('\n', f);
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--list", r->buf[0], NULL);
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* An article with n hits of the query, ten to a paragraph; the reader
 * searches the corpus for it and quits. */
static void prep_search(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/search-%zu", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "%.4000s/hits.txt", r->buf[0]);
	if (!exists(r->buf[1])) {
		mkdirs(r->buf[0]);
		FILE *f = open_gen(r->buf[1], tmp, sizeof tmp);
		fputs("An article that says one word again and again.\n", f);
		for (size_t i = 0; i < n; i++)
			fputs(i % 10 == 0 ? "\nzorglub" : i % 10 == 9 ? " zorglub.\n" : " zorglub", f);
		fputc('\n', f);
		close_gen(f, tmp, r->buf[1]);
	}
	set_args(r, r->buf[0], NULL);
	r->pty = 1;
	r->wait[0] = "help";
	r->send[0] = "/zorglub\r";
	r->wait[1] = "matches in the corpus";
	r->send[1] = "Q";
	r->nsteps = 2;
	r->bytes = (size_t)file_size(r->buf[1]);
}

static const struct path paths[] = {
	{ "paragraphs: distinct paragraphs in one article (--dump)", "paragraphs", 10000,
	  prep_paragraphs },
	{ "cluster: one long grapheme cluster (--render)", "bytes", 1 << 20, prep_cluster },
	{ "compare: --compare of many paragraphs", "paragraphs", 500, prep_compare },
	{ "manifest: a manifest of many articles (--list)", "articles", 5000, prep_manifest },
	{ "state: a state file of many entries (reader)", "entries", 10000, prep_state },
	{ "line: one long line (--dump)", "bytes", 1 << 20, prep_line },
	{ "newlines: many newlines, the date finder (--list)", "newlines", 2 << 20,
	  prep_newlines },
	{ "search: a corpus search with many hits (reader)", "hits", 100000, prep_search },
};
#define NPATHS (sizeof paths / sizeof paths[0])

/* ---------------------------------------------------------------- runs */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	size_t k;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out)
		die("cannot copy %s to %s", from, to);
	while ((k = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, k, out) != k)
			die("cannot write %s", to);
	if (ferror(in) | fclose(in) | fclose(out))
		die("cannot copy %s to %s", from, to);
}

/* The child's side: environment, standard streams, exec. */
static void child(const struct run *r, const char *home, int pty_slave)
{
	char state[PATH_MAX], config[PATH_MAX];
	snprintf(state, sizeof state, "%.4000s/state", home);
	snprintf(config, sizeof config, "%.4000s/config", home);
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("XDG_CONFIG_HOME", config, 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("COLUMNS");
	unsetenv("TANDEM_CORPUS");
	if (r->pty) {
		setsid();
		ioctl(pty_slave, TIOCSCTTY, 0);
		setenv("TERM", "xterm-256color", 1);
		dup2(pty_slave, 0);
		dup2(pty_slave, 1);
		dup2(pty_slave, 2);
		if (pty_slave > 2)
			close(pty_slave);
	} else {
		int in = open(r->stdin_file ? r->stdin_file : "/dev/null", O_RDONLY);
		int out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
	}
	execv(r->argv[0], (char *const *)r->argv);
	_exit(127);
}

/* Feeds the pty script: waits for each step's text in the output, then
 * sends its keys; keeps draining the output until the child exits.
 * Returns 0, or -1 on timeout (the child is then killed). */
static int drive_pty(const struct run *r, int master, pid_t pid, double t0, int *status,
                     struct rusage *ru)
{
	static char seen[1 << 16];
	size_t nseen = 0, step = 0;
	for (;;) {
		pid_t w = wait4(pid, status, WNOHANG, ru);
		if (w == pid)
			return 0;
		if (now() - t0 > RUN_TIMEOUT) {
			kill(pid, SIGKILL);
			wait4(pid, status, 0, ru);
			return -1;
		}
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 5) > 0) {
			char buf[4096];
			ssize_t k = read(master, buf, sizeof buf);
			if (k > 0) {
				if (nseen + (size_t)k > sizeof seen) {
					/* keep the last quarter: a text split by the
					 * read is still found */
					memmove(seen, seen + nseen - sizeof seen / 4, sizeof seen / 4);
					nseen = sizeof seen / 4;
				}
				memcpy(seen + nseen, buf, (size_t)k);
				nseen += (size_t)k;
			} else if (k < 0 && errno != EINTR && errno != EAGAIN) {
				/* the slave side closed: the child is exiting */
				usleep(1000);
			}
		}
		if (step < r->nsteps && memmem(seen, nseen, r->wait[step], strlen(r->wait[step]))) {
			if (write(master, r->send[step], strlen(r->send[step])) < 0)
				return -1;
			nseen = 0;
			step++;
		}
	}
}

/* One run: CPU seconds (user and system: unlike wall time, hardly moved by
 * other work on the machine) and peak RSS (KiB) in *ru. Returns 0, -1 when
 * it timed out, -2 when the program failed. */
static int run_once(const struct run *r, double *secs, struct rusage *ru)
{
	char home[PATH_MAX], dir[PATH_MAX + 16], state[PATH_MAX + 32];
	int master = -1, slave = -1, status = 0, rc = 0;

	snprintf(home, sizeof home, "%s/home", workdir);
	snprintf(dir, sizeof dir, "%s/state/tandem", home);
	mkdirs(dir);
	snprintf(dir, sizeof dir, "%s/config/tandem", home);
	mkdirs(dir);
	snprintf(state, sizeof state, "%s/state/tandem/state", home);
	unlink(state);
	if (r->state_src)
		copy_file(r->state_src, state);
	if (r->pty) {
		struct winsize ws = { .ws_row = 24, .ws_col = 80 };
		master = posix_openpt(O_RDWR | O_NOCTTY);
		if (master < 0 || grantpt(master) || unlockpt(master))
			die("no pseudo-terminal: %s", strerror(errno));
		slave = open(ptsname(master), O_RDWR | O_NOCTTY);
		if (slave < 0 || ioctl(slave, TIOCSWINSZ, &ws) != 0)
			die("no pseudo-terminal: %s", strerror(errno));
	}
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (master >= 0)
			close(master);
		child(r, home, slave);
	}
	if (r->pty) {
		close(slave);
		rc = drive_pty(r, master, pid, t0, &status, ru);
		close(master);
	} else {
		/* wait, with the timeout */
		for (;;) {
			pid_t w = wait4(pid, &status, WNOHANG, ru);
			if (w == pid)
				break;
			if (now() - t0 > RUN_TIMEOUT) {
				kill(pid, SIGKILL);
				wait4(pid, &status, 0, ru);
				rc = -1;
				break;
			}
			usleep(2000);
		}
	}
	*secs = (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6 +
	        (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
	if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		rc = -2;
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median time of up to RUNS runs (one when a run is long), and the
 * largest peak RSS in KiB. Returns 0, or the failing run's code. */
static int measure(const struct run *r, double *median, long *maxrss)
{
	double t[RUNS];
	size_t n = 0;
	*maxrss = 0;
	while (n < RUNS) {
		struct rusage ru;
		memset(&ru, 0, sizeof ru);
		int rc = run_once(r, &t[n], &ru);
		if (rc != 0)
			return rc;
		if (ru.ru_maxrss > *maxrss)
			*maxrss = ru.ru_maxrss;
		n++;
		if (t[n - 1] > LONG_RUN)
			break;
	}
	qsort(t, n, sizeof t[0], cmp_double);
	*median = t[n / 2];
	return 0;
}

static const char *failure(int rc)
{
	return rc == -1 ? "stopped after the time limit" : "tandem failed";
}

static void bench_path(const struct path *p)
{
	struct run small, large;
	double ts, tl;
	long rs, rl;
	int rc;

	memset(&small, 0, sizeof small);
	memset(&large, 0, sizeof large);
	p->prepare(p->small, &small);
	p->prepare(4 * p->small, &large);
	printf("  %s\n", p->name);
	fflush(stdout);
	if ((rc = measure(&small, &ts, &rs)) != 0 || (rc = measure(&large, &tl, &rl)) != 0) {
		printf("    %s\n", failure(rc));
		return;
	}
	double ratio = tl / (ts > 1e-6 ? ts : 1e-6);
	printf("    %8zu -> %8zu %-10s %7.3f s -> %7.3f s   ratio %5.2f %s   (peak RSS %ld -> %ld MB)\n",
	       p->small, 4 * p->small, p->unit, ts, tl, ratio, ratio <= RATIO_OK ? "ok" : "SLOW",
	       rs / 1024, rl / 1024);
	fflush(stdout);
}

/* Peak RSS of r less that of base (the same command on a tiny input), per
 * byte of r's input. */
static void bench_memory(const char *what, const struct run *r, const struct run *base)
{
	double t;
	long rss, rss0;
	int rc;
	if ((rc = measure(base, &t, &rss0)) != 0 || (rc = measure(r, &t, &rss)) != 0) {
		printf("  %-40s %s\n", what, failure(rc));
		return;
	}
	double per = (double)(rss - rss0) * 1024.0 / (double)r->bytes;
	printf("  %-40s %6.1f MiB input, peak RSS %7.1f MiB (tiny input: %.1f MiB): %6.2f bytes per input byte %s\n",
	       what, (double)r->bytes / 1048576.0, (double)rss / 1024.0, (double)rss0 / 1024.0, per,
	       per <= BYTES_LIMIT ? "ok" : "OVER");
	fflush(stdout);
}

/* A long article: 8 MiB of paragraphs of words. */
static void prep_article(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/article-%zu.txt", workdir, n);
	snprintf(r->buf[1], PATH_MAX, "article-%zu", n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		size_t done = 0;
		rng = 3;
		while (done < n) {
			size_t len = 100 + rnd(900);
			put_words(f, len);
			fputs(".\n\n", f);
			done += len + 3;
		}
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--dump", r->buf[1], "--width", "80", r->buf[0], NULL);
	r->bytes = (size_t)file_size(r->buf[0]);
}

/* Lines of words for --render: n bytes. */
static void prep_render(size_t n, struct run *r)
{
	char tmp[PATH_MAX];
	snprintf(r->buf[0], PATH_MAX, "%s/render-%zu.txt", workdir, n);
	if (!exists(r->buf[0])) {
		FILE *f = open_gen(r->buf[0], tmp, sizeof tmp);
		size_t done = 0;
		rng = 5;
		while (done < n) {
			size_t len = 20 + rnd(400);
			put_words(f, len);
			fputs("\n", f);
			done += len + 1;
		}
		close_gen(f, tmp, r->buf[0]);
	}
	set_args(r, "--render", "--width", "80", NULL);
	r->stdin_file = r->buf[0];
	r->bytes = (size_t)file_size(r->buf[0]);
}

static int wanted(int argc, char **argv, const char *name)
{
	if (argc <= 4)
		return 1;
	for (int i = 4; i < argc; i++) {
		size_t k = strlen(argv[i]);
		if (!strncmp(name, argv[i], k) && (name[k] == ':' || name[k] == 0))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s TANDEM CORPUS_DIR WORKDIR [NAME...]\n", argv[0]);
		return 1;
	}
	tandem = argv[1];
	corpus_dir = argv[2];
	if (access(tandem, X_OK) != 0)
		die("cannot run %s", tandem);
	/* absolute: XDG_STATE_HOME must be, and the reader runs elsewhere */
	static char abs_work[PATH_MAX];
	mkdirs(argv[3]);
	if (!realpath(argv[3], abs_work))
		die("%s: %s", argv[3], strerror(errno));
	workdir = abs_work;
	signal(SIGPIPE, SIG_IGN);

	printf("growth: CPU time, median of %d runs, at two sizes 4x apart; ratio ok when <= %.0f "
	       "(linear 4, quadratic 16)\n", RUNS, RATIO_OK);
	fflush(stdout);
	for (size_t i = 0; i < NPATHS; i++)
		if (wanted(argc, argv, paths[i].name))
			bench_path(&paths[i]);

	if (wanted(argc, argv, "memory")) {
		struct run big, tiny;
		printf("memory: peak RSS above a tiny input's, per input byte (limit %.0f)\n",
		       BYTES_LIMIT);
		memset(&big, 0, sizeof big);
		memset(&tiny, 0, sizeof tiny);
		prep_article(8 << 20, &big);
		prep_article(1000, &tiny);
		bench_memory("--dump of a long article", &big, &tiny);
		memset(&big, 0, sizeof big);
		memset(&tiny, 0, sizeof tiny);
		prep_render(8 << 20, &big);
		prep_render(1000, &tiny);
		bench_memory("--render of a big stdin", &big, &tiny);
	}
	return 0;
}
