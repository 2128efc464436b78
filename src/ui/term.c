/* term.c — owns the terminal: the UTF-8 locale check, the TERM check before
 * anything is drawn, curses set-up (raw keys, keypad, short ESCDELAY, mouse
 * wheel and clicks without motion tracking), the bidi mode sequences sent
 * around the curses session (struct term_session records what is owed),
 * the quit signals (every signal whose default action would end tandem only
 * sets a flag, so the main loop restores the terminal and saves the state),
 * suspend, hangup detection and the one die() path. */
#include "tandem/term.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tandem/output.h"
#include "tandem/sanitize.h"

#define BDSM_EXPLICIT "\033[8l" /* the application has reordered */
#define BDSM_IMPLICIT "\033[8h" /* the terminal reorders (its default) */

volatile sig_atomic_t term_quit_signal;

static void on_quit_signal(int sig)
{
	term_quit_signal = sig;
}

/* Every signal whose default action ends the process or dumps core, and
 * which comes from outside (the ones a fault raises — SEGV, BUS, ILL, FPE,
 * ABRT, TRAP, SYS — are left to their default). SIGINT comes only from
 * outside: Ctrl-C is a key in raw mode. SIGPIPE: the terminal is gone. */
static const int quit_signals[] = {
	SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
	SIGXCPU, SIGXFSZ, SIGPIPE,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};

static void catch_quit_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++)
		sigaction(quit_signals[i], &sa, NULL);
#if defined(SIGRTMIN) && defined(SIGRTMAX)
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaction(sig, &sa, NULL);
#endif
}

static int is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

int term_check_locale(void)
{
	if (is_utf8())
		return 0;
	const char *cur = setlocale(LC_CTYPE, NULL);
	if (cur && (!strcmp(cur, "C") || !strcmp(cur, "POSIX"))) {
		if (setlocale(LC_CTYPE, "C.UTF-8") && is_utf8())
			return 0;
		if (setlocale(LC_CTYPE, "C.utf8") && is_utf8())
			return 0;
		setlocale(LC_CTYPE, cur ? cur : "C");
	}
	sanitize_fprintf(stderr,
	                 "tandem: the terminal's locale (%s) is not UTF-8, and C.UTF-8 is not "
	                 "available.\n", cur ? cur : "unknown");
	sanitize_fprintf(stderr, "tandem: set a UTF-8 locale, for example:  export LANG=C.UTF-8\n");
	sanitize_fprintf(stderr, "tandem: ('locale -a' lists the locales installed)\n");
	return 2;
}

static void send_tty(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

int term_start(struct term_session *ts, int bidi_app)
{
	const char *t = getenv("TERM");
	int err = 0;
	if (!t || !*t) {
		sanitize_fprintf(stderr, "tandem: TERM is not set; set it to your terminal's type, e.g. "
		                "export TERM=xterm-256color\n");
		return 2;
	}
	if (!strcmp(t, "dumb")) {
		sanitize_fprintf(stderr, "tandem: TERM=dumb cannot show the reader; use a full-screen terminal, "
		                "or the plain-text modes (tandem --dump ID, --compare ID,ID)\n");
		return 2;
	}
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		sanitize_fprintf(stderr, "tandem: the reader needs a terminal; for plain text use tandem --dump "
		                "ID or --list\n");
		return 2;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		sanitize_fprintf(stderr, "tandem: unknown terminal type TERM=%s (no terminfo entry); try "
		                "export TERM=xterm-256color\n", t);
		return 2;
	}
	/* a capable terminal needs cursor addressing */
	if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
		sanitize_fprintf(stderr, "tandem: TERM=%s cannot move the cursor; the reader needs a "
		                "full-screen terminal\n", t);
		del_curterm(cur_term);
		return 2;
	}
	del_curterm(cur_term);
	/* from here on the terminal is changed: a signal only sets the flag
	 * (before curses starts, so that curses keeps its hands off them) */
	catch_quit_signals();
	if (bidi_app) {
		send_tty(BDSM_EXPLICIT);
		ts->bidi_sent = 1;
	}
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		if (ts->bidi_sent)
			send_tty(BDSM_IMPLICIT);
		ts->bidi_sent = 0;
		sanitize_fprintf(stderr, "tandem: cannot start the terminal TERM=%s\n", t);
		return 2;
	}
	set_term(screen);
	ts->screen = screen;
	ts->started = 1;
	/* Esc alone must act at once; 25 ms still joins the bytes of a key
	 * sequence that arrive together */
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	timeout(200);
	WINDOW *keys = newwin(1, 1, 0, 0);
	if (!keys) {
		term_end(ts);
		sanitize_fprintf(stderr, "tandem: cannot start the terminal TERM=%s: out of memory\n", t);
		return 2;
	}
	keypad(keys, TRUE);
	leaveok(keys, TRUE);
	wtimeout(keys, 200);
	untouchwin(keys);
	ts->keys = keys;
	/* wheel and button-1 clicks only: no motion tracking, so Shift+drag
	 * still selects text in xterm-style terminals */
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	              | BUTTON5_PRESSED
#endif
	          , NULL);
	mouseinterval(0);
	/* ncurses (6.4) sends what it has after every cursor movement, one
	 * write a movement, until the screen has been left and taken back
	 * once (as after a suspend): do that now, before the first frame, so
	 * that a frame goes out as one write (a few bytes more, once) */
	endwin();
	doupdate();
	if (output_start() < 0) {
		term_end(ts);
		sanitize_fprintf(stderr, "tandem: cannot start the terminal TERM=%s: out of memory\n", t);
		return 2;
	}
	return 0;
}

void term_end(struct term_session *t)
{
	if (!t->started)
		return;
	t->started = 0;
	output_leave();
	endwin();
	output_end();
	if (t->keys)
		delwin(t->keys);
	t->keys = NULL;
	if (t->bidi_sent)
		send_tty(BDSM_IMPLICIT);
	t->bidi_sent = 0;
	delscreen(t->screen);
	t->screen = NULL;
}

void term_suspend(struct term_session *t)
{
	struct sigaction dfl, old;
	output_leave();
	endwin();
	if (t->bidi_sent)
		send_tty(BDSM_IMPLICIT);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	/* resumed: curses' own handler again for a SIGTSTP sent from outside */
	sigaction(SIGTSTP, &old, NULL);
	if (t->bidi_sent)
		send_tty(BDSM_EXPLICIT);
	reset_prog_mode();
	/* curses takes the screen back (the alternate screen, keypad mode) at
	 * its next update; the caller redraws everything */
	output_resume();
}

int term_gone(void)
{
	struct termios tio;
	/* a hung-up terminal fails every call with EIO */
	return tcgetattr(STDIN_FILENO, &tio) != 0 && errno == EIO;
}

_Noreturn void term_die(struct term_session *t, int status, const char *fmt, ...)
{
	va_list ap;
	if (t)
		term_end(t);
	fputs("tandem: ", stderr);
	va_start(ap, fmt);
	sanitize_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
