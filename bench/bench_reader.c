/* bench_reader.c — `make bench`: the reader as a user meets it, run on a
 * pseudo-terminal; a measurement, not a test. Each figure is printed on one
 * line with its budget and ok/over.
 *
 *   frame NAME BUDGET_MS RUNS DIR [ARG...]
 *       Time from start until the first full frame is on the terminal (the
 *       reader exits right after it: TANDEM_BENCH_EXIT_AFTER_FIRST_FRAME=1),
 *       and the child's peak RSS. The first run starts with an empty
 *       $XDG_CACHE_HOME/tandem ("cold": the reader shows the corpus before
 *       it reads it); then `tandem --list DIR` builds the index (every
 *       file read: the cold build, in MB/s of the *.txt under DIR, and its
 *       CPU time); the other runs start from it ("warm"). RUNS warm runs,
 *       median, min and max.
 *   search NAME BUDGET_MS DIR WORD...
 *       The reader on DIR at 200x60; for each WORD, five times, `/WORD`
 *       Enter in the timeline and the time until the status line says
 *       "in the corpus"; median per word.
 *   bytes BUNDLED_CORPUS
 *       Bytes written to an 80x24 and a 200x60 terminal by the reader on a
 *       long article (the bundled Latin-script articles end to end, added to
 *       the bundled corpus and its timeline) for one
 *       line down and one page down, with the timeline shown and hidden, and
 *       for a typed character at the / prompt; the same for `less` showing
 *       `tandem --dump` of it; means over 20 lines, 3 pages and 5 characters,
 *       and the ratio.
 *
 * Every run gets HOME, XDG_STATE_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME
 * under WORK (the user's own files are never read or written).
 * Usage: bench_reader TANDEM WORK MODE ...
 * Exits 0 whatever the numbers; 1 only when the benchmark cannot run. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
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

#define MAX_RUNS 32
#define QUIET_MS 250     /* no output this long: the frame is complete */
#define TIMEOUT_S 600.0  /* a run this long is stopped */

static const char *tandem, *work;

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench_reader: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median, min and max of v[0..n) (sorts v). */
static double median(double *v, size_t n, double *min, double *max)
{
	qsort(v, n, sizeof *v, cmp_double);
	if (min)
		*min = v[0];
	if (max)
		*max = v[n - 1];
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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

/* rm -r of a directory of files and directories (the cache, the state). */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	struct dirent *e;
	char sub[PATH_MAX];
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof sub, "%.3000s/%s", path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

/* Bytes of the *.txt files in dir. */
static double text_bytes(const char *dir)
{
	DIR *d = opendir(dir);
	double total = 0;
	struct dirent *e;
	char p[PATH_MAX];
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t k = strlen(e->d_name);
		struct stat st;
		snprintf(p, sizeof p, "%.3000s/%s", dir, e->d_name);
		if (k > 4 && !strcmp(e->d_name + k - 4, ".txt") && stat(p, &st) == 0)
			total += (double)st.st_size;
	}
	closedir(d);
	return total;
}

/* ---------------------------------------------------------------- ptys */

struct child {
	pid_t pid;
	int master;
	struct rusage ru;
	int status, done;
};

/* Starts argv on a new pseudo-terminal of cols x rows, with the bench's
 * home directories; bench_exit sets the first-frame hook. */
static void spawn(struct child *c, char *const *argv, int cols, int rows, int bench_exit)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	memset(c, 0, sizeof *c);
	c->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (c->master < 0 || grantpt(c->master) || unlockpt(c->master))
		die("no pseudo-terminal: %s", strerror(errno));
	int slave = open(ptsname(c->master), O_RDWR | O_NOCTTY);
	if (slave < 0 || ioctl(slave, TIOCSWINSZ, &ws) != 0)
		die("no pseudo-terminal: %s", strerror(errno));
	c->pid = fork();
	if (c->pid < 0)
		die("fork: %s", strerror(errno));
	if (c->pid == 0) {
		char p[PATH_MAX];
		close(c->master);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		snprintf(p, sizeof p, "%s/home", work);
		setenv("HOME", p, 1);
		snprintf(p, sizeof p, "%s/home/state", work);
		setenv("XDG_STATE_HOME", p, 1);
		snprintf(p, sizeof p, "%s/home/config", work);
		setenv("XDG_CONFIG_HOME", p, 1);
		snprintf(p, sizeof p, "%s/cache", work);
		setenv("XDG_CACHE_HOME", p, 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LESSHISTFILE", "-", 1);
		unsetenv("LESS");
		unsetenv("COLUMNS");
		unsetenv("LINES");
		unsetenv("NO_COLOR");
		if (bench_exit)
			setenv("TANDEM_BENCH_EXIT_AFTER_FIRST_FRAME", "1", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(slave);
}

/* Of the bytes read, how many were escape sequences and control characters
 * (the rest is text): a state machine over the stream, so that a sequence
 * split between two reads counts whole. */
static struct {
	enum { GROUND, ESCAPE, INTERMEDIATE, CSI, STRING } state;
	size_t bytes;
} control;

static void count_controls(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = b[i];
		switch (control.state) {
		case GROUND:
			if (c == 0x1b)
				control.state = ESCAPE;
			else if (c >= 0x20 && c != 0x7f)
				continue; /* text */
			break;
		case ESCAPE:
			control.state = c == '[' ? CSI : c == ']' ? STRING
			                : c >= 0x20 && c < 0x30 ? INTERMEDIATE : GROUND;
			break;
		case INTERMEDIATE:
			if (c >= 0x30)
				control.state = GROUND;
			break;
		case CSI:
			if (c >= 0x40 && c <= 0x7e)
				control.state = GROUND;
			break;
		case STRING: /* OSC, to BEL or ESC \ */
			if (c == 0x07)
				control.state = GROUND;
			else if (c == 0x1b)
				control.state = ESCAPE;
			break;
		}
		control.bytes++;
	}
}

/* Reads what the child writes. Stops when it has been quiet for quiet_ms
 * after output began, or 2 s when none comes (0: only when the child
 * exits), when `want` (if not NULL) has been seen,
 * or at the timeout. Returns the bytes read. */
static size_t drain(struct child *c, int quiet_ms, const char *want)
{
	static char seen[1 << 16];
	size_t n = 0, nseen = 0;
	double t0 = now(), last = now();
	for (;;) {
		if (!c->done && wait4(c->pid, &c->status, WNOHANG, &c->ru) == c->pid)
			c->done = 1;
		struct pollfd p = {.fd = c->master, .events = POLLIN};
		int r = poll(&p, 1, c->done ? 0 : 5);
		if (r > 0) {
			char buf[8192];
			ssize_t k = read(c->master, buf, sizeof buf);
			if (k > 0) {
				n += (size_t)k;
				count_controls((const unsigned char *)buf, (size_t)k);
				last = now();
				if (want) {
					if (nseen + (size_t)k > sizeof seen) {
						memmove(seen, seen + nseen - 256, 256);
						nseen = 256;
					}
					memcpy(seen + nseen, buf, (size_t)k);
					nseen += (size_t)k;
					if (memmem(seen, nseen, want, strlen(want)))
						return n;
				}
				continue;
			}
			if (c->done)
				return n;
			usleep(1000);
		} else if (c->done) {
			return n;
		}
		/* quiet: quiet_ms after the last byte, or 2 s when none came */
		if (quiet_ms && (now() - last) * 1000 >= (n ? quiet_ms : 2000))
			return n;
		if (now() - t0 > TIMEOUT_S) {
			kill(c->pid, SIGKILL);
			return n;
		}
	}
}

static void finish(struct child *c)
{
	if (!c->done) {
		kill(c->pid, SIGTERM);
		drain(c, 0, NULL);
		if (!c->done && wait4(c->pid, &c->status, 0, &c->ru) == c->pid)
			c->done = 1;
	}
	close(c->master);
}

static void send_keys(struct child *c, const char *keys)
{
	if (write(c->master, keys, strlen(keys)) < 0)
		die("cannot write to the pseudo-terminal: %s", strerror(errno));
}

static void reset_state(void)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/home/state", work);
	remove_tree(p);
	mkdirs(p);
	snprintf(p, sizeof p, "%s/home/config", work);
	mkdirs(p);
}

/* ---------------------------------------------------------- first frame */

static int mode_frame(int argc, char **argv)
{
	if (argc < 4)
		die("usage: frame NAME BUDGET_MS RUNS DIR [ARG...]");
	const char *name = argv[0], *dir = argv[3];
	double budget = atof(argv[1]);
	int runs = atoi(argv[2]);
	if (runs < 1 || runs > MAX_RUNS)
		die("frame: RUNS must be 1 to %d", MAX_RUNS);
	char *args[16];
	int na = 0;
	args[na++] = (char *)tandem;
	for (int i = 4; i < argc && na < 14; i++)
		args[na++] = argv[i];
	args[na++] = (char *)dir;
	args[na] = NULL;

	char cache[PATH_MAX];
	snprintf(cache, sizeof cache, "%s/cache", work);
	double t[MAX_RUNS + 1], cold = 0, build = 0, build_cpu = 0;
	long rss = 0;
	for (int r = 0; r <= runs; r++) {
		struct child c;
		if (r == 0)
			remove_tree(cache);
		mkdirs(cache);
		if (r == 1) {
			/* the index built whole: every file read, as --list does */
			char *list[] = {(char *)tandem, "--list", (char *)dir, NULL};
			double t0 = now();
			spawn(&c, list, 200, 60, 0);
			drain(&c, 0, NULL);
			build = now() - t0;
			finish(&c);
			build_cpu = (double)c.ru.ru_utime.tv_sec + c.ru.ru_utime.tv_usec / 1e6 +
			            (double)c.ru.ru_stime.tv_sec + c.ru.ru_stime.tv_usec / 1e6;
			if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
				printf("first-frame %-12s tandem --list failed (status %d)\n", name, c.status);
				return 0;
			}
		}
		reset_state();
		double t0 = now();
		spawn(&c, args, 200, 60, 1);
		size_t bytes = drain(&c, 0, NULL);
		double dt = now() - t0;
		finish(&c);
		if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || bytes < 100) {
			printf("first-frame %-12s tandem failed (status %d, %zu bytes)\n", name, c.status,
			       bytes);
			return 0;
		}
		if (r == 0)
			cold = dt;
		else
			t[r - 1] = dt;
		if (r > 0 && c.ru.ru_maxrss > rss)
			rss = c.ru.ru_maxrss;
	}
	double mn, mx, med = median(t, (size_t)runs, &mn, &mx);
	double mb = text_bytes(dir) / 1e6;
	printf("first-frame %-12s median %7.1f ms (min %.1f, max %.1f)  budget %4.0f ms  %s\n", name,
	       med * 1e3, mn * 1e3, mx * 1e3, budget, med * 1e3 <= budget ? "ok" : "over");
	if (mb >= 1.0) {
		printf("first-frame %-12s cold   %7.1f ms (no index: the files are read after it)\n",
		       name, cold * 1e3);
		printf("index-build %-12s %9.1f ms, %.1f MB of text: %6.1f MB/s   budget >= 20 MB/s  %s\n",
		       name, build * 1e3, mb, mb / build, mb / build >= 20 ? "ok" : "over");
		printf("index-build %-12s %9.1f s of CPU (%.1f processors busy)\n", name, build_cpu,
		       build > 0 ? build_cpu / build : 0);
	}
	printf("peak-rss    %-12s %7.1f MB (warm)%s\n", name, rss / 1024.0,
	       strstr(name, "100k") ? (rss / 1024.0 <= 60 ? "   budget 60 MB  ok" : "   budget 60 MB  over")
	                            : "");
	fflush(stdout);
	return 0;
}

/* --------------------------------------------------------------- search */

static int mode_search(int argc, char **argv)
{
	if (argc < 4)
		die("usage: search NAME BUDGET_MS DIR WORD...");
	const char *name = argv[0];
	double budget = atof(argv[1]);
	char *args[] = {(char *)tandem, argv[2], NULL};
	struct child c;
	reset_state();
	spawn(&c, args, 200, 60, 0);
	/* the first frame: the status line's help hint */
	drain(&c, 0, "?:help");
	drain(&c, QUIET_MS, NULL);
	for (int w = 3; w < argc; w++) {
		double t[5];
		char keys[300];
		for (int r = 0; r < 5; r++) {
			snprintf(keys, sizeof keys, "/%s", argv[w]);
			send_keys(&c, keys);
			drain(&c, QUIET_MS, NULL);
			double t0 = now();
			send_keys(&c, "\r");
			drain(&c, 0, " in the corpus");
			t[r] = now() - t0;
			drain(&c, QUIET_MS, NULL);
			send_keys(&c, "q"); /* back to the timeline (or the message cleared) */
			drain(&c, QUIET_MS, NULL);
		}
		double mn, mx, med = median(t, 5, &mn, &mx);
		printf("search      %-12s %-12s median %7.1f ms (min %.1f, max %.1f)  budget %4.0f ms  %s\n",
		       name, argv[w], med * 1e3, mn * 1e3, mx * 1e3, budget,
		       med * 1e3 <= budget ? "ok" : "over");
		fflush(stdout);
	}
	send_keys(&c, "Q");
	finish(&c);
	return 0;
}

/* ---------------------------------------------------------------- bytes */

/* One session: the mean bytes of each figure's keys. A step is keys to
 * send, the figure they count for (-1: not counted) and how many times. */
struct step {
	const char *keys;
	int count;
	int times;
};

#define NFIG 3 /* line, page, prompt character */

static void session(char *const *argv, int cols, int rows, const struct step *steps,
                    double mean[NFIG], double ctrl[NFIG])
{
	double sum[NFIG] = {0}, csum[NFIG] = {0};
	int n[NFIG] = {0};
	struct child c;
	reset_state();
	spawn(&c, argv, cols, rows, 0);
	control.state = GROUND;
	drain(&c, QUIET_MS, NULL); /* the first frame */
	for (const struct step *s = steps; s->keys; s++)
		for (int i = 0; i < (s->times ? s->times : 1); i++) {
			send_keys(&c, s->keys);
			size_t c0 = control.bytes;
			size_t got = drain(&c, QUIET_MS, NULL);
			if (s->count >= 0) {
				sum[s->count] += (double)got;
				csum[s->count] += (double)(control.bytes - c0);
				n[s->count]++;
			}
		}
	for (int f = 0; f < NFIG; f++) {
		mean[f] = n[f] ? sum[f] / n[f] : 0;
		ctrl[f] = n[f] ? csum[f] / n[f] : 0;
	}
	kill(c.pid, SIGTERM);
	finish(&c);
}

/* Appends file `from` to the open file o. */
static void append_file(FILE *o, const char *from)
{
	char buf[8192];
	size_t k;
	FILE *r = fopen(from, "rb");
	if (!r)
		die("cannot read %s", from);
	while ((k = fread(buf, 1, sizeof buf, r)) > 0)
		if (fwrite(buf, 1, k, o) != k)
			die("cannot write beside %s", from);
	fclose(r);
}

/* The bundled corpus with one more article of its signing event: its
 * Latin-script articles end to end (about 330 rows at 80 columns), so that
 * twenty lines and three pages stay inside the text at 200x60, the
 * timeline beside it showing the bundled events. */
static void long_corpus(const char *bundled, char *dir, size_t n)
{
	static const char *const files[] = {
		"fr-rehearsal-vietnamplus.txt", "id-rehearsal-daibieunhandan.txt",
		"id-reception-vietnamplus.txt", "id-discussion-baoquocte.txt",
		"ar-rehearsal-vietnamplus.txt",
	};
	char p[PATH_MAX], in[PATH_MAX];
	snprintf(dir, n, "%s/bytes-corpus", work);
	mkdirs(dir);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%.3000s/%s", dir, files[i]);
		snprintf(in, sizeof in, "%.3000s/%s", bundled, files[i]);
		FILE *o = fopen(p, "wb");
		if (!o)
			die("cannot write %s", p);
		append_file(o, in);
		if (ferror(o) | fclose(o))
			die("cannot write %s", p);
	}
	snprintf(p, sizeof p, "%.3000s/corpus.ini", dir);
	snprintf(in, sizeof in, "%.3000s/corpus.ini", bundled);
	FILE *m = fopen(p, "wb");
	if (!m)
		die("cannot write %s", p);
	append_file(m, in);
	fputs("\n[article long]\nfile = long.txt\nlang = fr\ndate = 2025-10-25\n"
	      "event = signing\ntitle = Long\n", m);
	if (ferror(m) | fclose(m))
		die("cannot write %s", p);
	snprintf(p, sizeof p, "%.3000s/long.txt", dir);
	FILE *o = fopen(p, "wb");
	if (!o)
		die("cannot write %s", p);
	for (size_t i = 0; i < 4; i++) {
		snprintf(in, sizeof in, "%.3000s/%s", bundled, files[i]);
		append_file(o, in);
		fputs("\n\n", o);
	}
	if (ferror(o) | fclose(o))
		die("cannot write %s", p);
}

static int mode_bytes(int argc, char **argv)
{
	if (argc < 1)
		die("usage: bytes BUNDLED_CORPUS");
	char corpus[PATH_MAX];
	long_corpus(argv[0], corpus, sizeof corpus);
	/* the text less shows: the article as --dump prints it at 80 columns */
	char dump[PATH_MAX], cmd[3 * PATH_MAX];
	snprintf(dump, sizeof dump, "%s/dump-long.txt", work);
	snprintf(cmd, sizeof cmd, "'%s' --dump long --width 80 --order=visual '%s' > '%s'", tandem,
	         corpus, dump);
	if (system(cmd) != 0)
		die("cannot run %s", cmd);
	char *targs[] = {(char *)tandem, "--open", "long", corpus, NULL};
	char *largs[] = {"less", dump, NULL};
	/* line: j twenty times (after one uncounted j); page: Space three
	 * times; prompt: five characters typed after / */
	static const struct step shown[] = {
		{"j", -1, 1}, {"j", 0, 20}, {"g", -1, 1}, {" ", 1, 3},
		{"/", -1, 1}, {"c", 2, 1}, {"o", 2, 1}, {"n", 2, 1}, {"v", 2, 1}, {"e", 2, 1},
		{"\033", -1, 1}, {NULL, 0, 0},
	};
	static const struct step hidden[] = {
		{"t", -1, 1}, {"j", -1, 1}, {"j", 0, 20}, {"g", -1, 1}, {" ", 1, 3}, {NULL, 0, 0},
	};
	static const struct step less_steps[] = {
		{"j", -1, 1}, {"j", 0, 20}, {"g", -1, 1}, {" ", 1, 3},
		{"/", -1, 1}, {"c", 2, 1}, {"o", 2, 1}, {"n", 2, 1}, {"v", 2, 1}, {"e", 2, 1},
		{"\033", -1, 1}, {"q", -1, 1}, {NULL, 0, 0},
	};
	static const int sizes[][2] = {{80, 24}, {200, 60}};
	int have_less = system("command -v less >/dev/null 2>&1") == 0;
	printf("bytes: to the terminal per key, mean of 20 lines, 3 pages, 5 characters; less "
	       "showing the same text (--dump --width 80)%s; in brackets the bytes of escape "
	       "sequences and control characters (the rest is text)\n",
	       have_less ? "" : "; less is not installed: no ratios");
	for (size_t s = 0; s < 2; s++) {
		int cols = sizes[s][0], rows = sizes[s][1];
		double l[NFIG] = {0}, sh[NFIG], hi[NFIG], lc[NFIG] = {0}, shc[NFIG], hic[NFIG];
		if (have_less)
			session(largs, cols, rows, less_steps, l, lc);
		session(targs, cols, rows, shown, sh, shc);
		session(targs, cols, rows, hidden, hi, hic);
		const char *what[] = {"one line down", "one page down"};
		for (int f = 0; f < 2; f++) {
			double budget = f == 0 ? 1.5 : 1.0, rh = l[f] > 0 ? hi[f] / l[f] : 0;
			printf("bytes %3dx%-3d %-14s timeline hidden %6.0f B  less %5.0f B  %4.2fx  budget %.1fx  %-4s"
			       "  [%.0f B, less %.0f B]\n",
			       cols, rows, what[f], hi[f], l[f], rh, budget,
			       !have_less ? "-" : rh <= budget ? "ok" : "over", hic[f], lc[f]);
			printf("bytes %3dx%-3d %-14s timeline shown  %6.0f B  less %5.0f B  %4.2fx"
			       "                    [%.0f B]\n", cols,
			       rows, what[f], sh[f], l[f], l[f] > 0 ? sh[f] / l[f] : 0, shc[f]);
		}
		double rp = l[2] > 0 ? sh[2] / l[2] : 0;
		printf("bytes %3dx%-3d %-14s                 %6.0f B  less %5.0f B  %4.2fx  budget 2.0x  %-4s"
		       "  [%.0f B, less %.0f B]\n",
		       cols, rows, "prompt char", sh[2], l[2], rp, !have_less ? "-" : rp <= 2.0 ? "ok" : "over",
		       shc[2], lc[2]);
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s TANDEM WORK frame|search|bytes ...\n", argv[0]);
		return 1;
	}
	static char abs_tandem[PATH_MAX], abs_work[PATH_MAX];
	mkdirs(argv[2]);
	if (!realpath(argv[1], abs_tandem) || !realpath(argv[2], abs_work))
		die("%s or %s: %s", argv[1], argv[2], strerror(errno));
	tandem = abs_tandem;
	work = abs_work;
	signal(SIGPIPE, SIG_IGN);
	if (!strcmp(argv[3], "frame"))
		return mode_frame(argc - 4, argv + 4);
	if (!strcmp(argv[3], "search"))
		return mode_search(argc - 4, argv + 4);
	if (!strcmp(argv[3], "bytes"))
		return mode_bytes(argc - 4, argv + 4);
	die("unknown mode %s", argv[3]);
	return 1;
}
