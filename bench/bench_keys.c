/* bench_keys.c — `make bench`: the CPU time of each key, from the key to
 * the frame on the terminal, in the article and compare views at 200x60;
 * a measurement, not a test.
 *
 * The reader runs in this process (ui.h's replay entry points, the same
 * code as ui_run's loop) on a pseudo-terminal of fixed size whose output a
 * second thread reads and throws away. Each key is handled and its frame
 * drawn by ui_replay_key, timed with CLOCK_THREAD_CPUTIME_ID (the drawing
 * thread only: the reading thread and other processes do not count), in
 * two parts printed beside the total: the frame made (the key handled,
 * the views drawn into the frame of cells) and the send (output_frame
 * sending what changed to the terminal, its write included); what the
 * reader does once the frame is out (saving a reading position to disk) is
 * printed apart, not in the total. Each
 * movement is replayed many times in both directions (j then k, Space then
 * b...), so the view stays in the text; median and 99th percentile printed
 * against the budget (median <= 0.3 ms). Then the re-layout of a resize
 * between 200x60 and 160x50 (budget 5 ms).
 *
 * Usage: bench_keys CORPUS_DIR WORKDIR [ONLY]
 *   CORPUS_DIR the bundled corpus (the reader opens fr-rehearsal, whose
 *   translation the compare view shows); WORKDIR holds the reader's state
 *   and config directories. ONLY, e.g. "article page" or "compare toggle",
 *   times only the keys whose view and name begin so (the others are still
 *   replayed once, untimed, to reach the same state), for a profiler:
 *   every timed key goes through timed_key, so `valgrind --tool=callgrind
 *   --toggle-collect=timed_key` counts the instructions of those alone.
 * Exits 0 whatever the numbers; 1 only when the benchmark cannot run. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tandem/corpus.h"
#include "tandem/ui.h"

#define REPEATS 200        /* times each pair of keys is replayed */
#define BUDGET_MS 0.3
#define RESIZE_BUDGET_MS 5.0
#define COLS 200
#define ROWS 60

static FILE *out; /* the bench's own stdout (fd 1 is the pseudo-terminal) */
static const char *only; /* "VIEW WHAT-prefix", or NULL: every key */
static int master = -1;

static void *drain(void *arg)
{
	char buf[65536];
	(void)arg;
	while (read(master, buf, sizeof buf) > 0)
		;
	return NULL;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double t[2 * REPEATS], tv[2 * REPEATS], tu[2 * REPEATS], ta[2 * REPEATS];
static size_t nt;

/* One timed key: its CPU time in the frame (tv) and in sending it (tu), and
 * apart, what the reader does once the frame is out (ta: saving a reading
 * position). Not inlined, so that a profiler can count it alone. */
__attribute__((noinline)) static void timed_key(struct app *app, int fn, unsigned ch)
{
	double t0 = cpu_ms();
	ui_replay_compose(app, fn, ch);
	double t1 = cpu_ms();
	ui_replay_send(app);
	double t2 = cpu_ms();
	ui_replay_after_frame(app);
	tv[nt] = t1 - t0;
	tu[nt] = t2 - t1;
	t[nt] = t2 - t0;
	ta[nt] = cpu_ms() - t2;
	nt++;
}

static double median(double *a, size_t n)
{
	qsort(a, n, sizeof a[0], cmp_double);
	return a[n / 2];
}

/* Prints the figures of the nt keys timed since the last report. */
static void report(const char *view, const char *what, double budget)
{
	double v = median(tv, nt), u = median(tu, nt), after = median(ta, nt);
	qsort(t, nt, sizeof t[0], cmp_double);
	double med = t[nt / 2], p99 = t[nt * 99 / 100];
	char then[48] = "";
	if (after >= 0.01)
		snprintf(then, sizeof then, ", then %.3f after it", after);
	fprintf(out, "keys %-8s %-22s median %6.3f ms  p99 %6.3f ms  budget %.1f ms  %-4s"
	             "  (frame %.3f + send %.3f%s)\n",
	        view, what, med, p99, budget, med <= budget ? "ok" : "over", v, u, then);
	fflush(out);
	nt = 0;
}

/* Whether the keys named `what` in `view` are timed (see ONLY above). */
static int wanted(const char *view, const char *what)
{
	if (!only)
		return 1;
	size_t vl = strlen(view);
	if (strncmp(only, view, vl) != 0)
		return 0;
	const char *w = only + vl;
	while (*w == ' ')
		w++;
	return strncmp(what, w, strlen(w)) == 0;
}

/* Replays keys a and b (b may be 0: a alone) REPEATS times each and prints
 * the median and 99th percentile of their CPU times. */
static void replay(struct app *app, const char *view, const char *what, unsigned a, unsigned b)
{
	if (!wanted(view, what)) {
		ui_replay_key(app, 0, a);
		if (b)
			ui_replay_key(app, 0, b);
		return;
	}
	for (int i = 0; i < REPEATS; i++) {
		timed_key(app, 0, a);
		if (b)
			timed_key(app, 0, b);
	}
	report(view, what, BUDGET_MS);
}

/* Opening and closing a view: key `open`, then `close` untimed. */
static void replay_open(struct app *app, const char *view, const char *what, unsigned open,
                        unsigned close)
{
	if (!wanted(view, what))
		return;
	for (int i = 0; i < REPEATS / 4; i++) {
		timed_key(app, 0, open);
		ui_replay_key(app, 0, close);
	}
	report(view, what, BUDGET_MS);
}

static void replay_resize(struct app *app)
{
	if (!wanted("compare", "resize"))
		return;
	for (int i = 0; i < REPEATS / 4; i++) {
		int big = i % 2;
		struct winsize ws = {.ws_row = big ? ROWS : 50, .ws_col = big ? COLS : 160};
		ioctl(STDOUT_FILENO, TIOCSWINSZ, &ws);
		double t0 = cpu_ms();
		resizeterm(ws.ws_row, ws.ws_col);
		double dt = cpu_ms() - t0;
		timed_key(app, 1, KEY_RESIZE);
		t[nt - 1] += dt; /* resizeterm is part of the resize */
		tv[nt - 1] += dt;
	}
	report("compare", "resize 200x60<->160x50", RESIZE_BUDGET_MS);
}

static void mkdir_in(const char *work, const char *sub, const char *env)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%.3000s/%s", work, sub);
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench_keys: cannot create %s: %s\n", p, strerror(errno));
		exit(1);
	}
	if (env)
		setenv(env, p, 1);
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: %s CORPUS_DIR WORKDIR [ONLY]\n", argv[0]);
		return 1;
	}
	only = argc == 4 ? argv[3] : NULL;
	mkdir_in(argv[2], "", NULL);
	mkdir_in(argv[2], "state", "XDG_STATE_HOME");
	mkdir_in(argv[2], "config", "XDG_CONFIG_HOME");
	mkdir_in(argv[2], "cache", "XDG_CACHE_HOME");
	char statefile[PATH_MAX];
	snprintf(statefile, sizeof statefile, "%.3000s/state/tandem/state", argv[2]);
	unlink(statefile); /* open at the top of the article */
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	setlocale(LC_ALL, "C.UTF-8");

	struct corpus *c = corpus_open_dir(argv[1]);
	if (!c || corpus_find_article(c, "fr-rehearsal") < 0) {
		fprintf(stderr, "bench_keys: cannot open %s with its article fr-rehearsal\n", argv[1]);
		return 1;
	}

	/* the terminal: a pseudo-terminal of fixed size as stdin and stdout */
	struct winsize ws = {.ws_row = ROWS, .ws_col = COLS};
	int fd1 = dup(STDOUT_FILENO);
	out = fd1 >= 0 ? fdopen(fd1, "w") : NULL;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (!out || master < 0 || grantpt(master) || unlockpt(master)) {
		fprintf(stderr, "bench_keys: no pseudo-terminal: %s\n", strerror(errno));
		return 1;
	}
	int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0 || ioctl(slave, TIOCSWINSZ, &ws) != 0 || dup2(slave, STDIN_FILENO) < 0 ||
	    dup2(slave, STDOUT_FILENO) < 0) {
		fprintf(stderr, "bench_keys: no pseudo-terminal: %s\n", strerror(errno));
		return 1;
	}
	close(slave);
	pthread_t th;
	if (pthread_create(&th, NULL, drain, NULL) != 0 || pthread_detach(th) != 0) {
		fprintf(stderr, "bench_keys: cannot start the reading thread\n");
		return 1;
	}

	struct ui_opts o = {.open_id = "fr-rehearsal", .bidi = UI_BIDI_APP, .shape = UI_SHAPE_AUTO,
	                    .mirror = 1};
	int status = 0;
	struct app *app = ui_replay_start(c, &o, &status);
	if (!app) {
		fprintf(stderr, "bench_keys: the reader did not start (status %d)\n", status);
		return 1;
	}
	fprintf(out, "keys: CPU time from key to frame (CLOCK_THREAD_CPUTIME_ID), %dx%d, "
	             "in-process replay, %d times each\n", COLS, ROWS, REPEATS);
	replay(app, "article", "line (j k)", 'j', 'k');
	replay(app, "article", "page (Space b)", ' ', 'b');
	replay(app, "article", "half page (d u)", 'd', 'u');
	replay(app, "article", "top/bottom (G g)", 'G', 'g');
	replay(app, "article", "next article (] [)", ']', '[');
	replay_open(app, "article", "open compare (c)", 'c', 'q');
	ui_replay_key(app, 0, 'c');
	replay(app, "compare", "line (j k)", 'j', 'k');
	replay(app, "compare", "page (Space b)", ' ', 'b');
	replay(app, "compare", "half page (d u)", 'd', 'u');
	replay(app, "compare", "top/bottom (G g)", 'G', 'g');
	replay(app, "compare", "toggle sync (a)", 'a', 0);
	replay(app, "compare", "focus (Tab)", '\t', 0);
	replay_resize(app);
	ui_replay_end(app);
	corpus_free(c);
	/* the reading thread blocks on the pseudo-terminal, whose other end
	 * this process still holds: it ends with the process */
	fclose(out);
	return 0;
}
