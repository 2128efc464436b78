/* term.h — the terminal: UTF-8 locale check, TERM check, curses start and
 * end, the bidi-mode escape sequences, signals (the quit flag, Ctrl-Z
 * suspend), hangup detection and the one fatal-error path. */
#ifndef TANDEM_TERM_H
#define TANDEM_TERM_H

#include <signal.h>

/* Set, once the terminal is taken, by the handler of every signal whose
 * default action would end tandem (HUP, TERM, INT, QUIT, USR1, USR2, ALRM,
 * VTALRM, PROF, XCPU, XFSZ, PIPE, POLL, PWR, the real-time ones); the main
 * loop checks it, restores the terminal and saves the state. With the
 * screen's own state (output.c, one per process like curses'), the only
 * mutable global of the reader. */
extern volatile sig_atomic_t term_quit_signal;

/* The terminal session: what term_end owes the terminal. Zeroed before
 * term_start. */
struct term_session {
	void *screen;   /* the curses SCREEN (curses.h stays out of this header) */
	void *keys;     /* the curses WINDOW keys are read from: never drawn in,
	                   so that reading a key never makes curses send stdscr */
	int started;    /* curses is running: term_end restores */
	int bidi_sent;  /* CSI 8 l was sent: CSI 8 h is owed at the end */
};

/* Makes sure LC_CTYPE is UTF-8 (switching from C/POSIX to C.UTF-8 when it
 * can). Returns 0, or 2 after printing what to set. */
int term_check_locale(void);

/* Checks TERM and starts curses; with bidi_app, sends CSI 8 l first.
 * Returns 0, or 2 after printing a message (nothing drawn). */
int term_start(struct term_session *t, int bidi_app);

/* Restores the terminal (idempotent); CSI 8 h when CSI 8 l was sent. */
void term_end(struct term_session *t);

/* Ctrl-Z: restores the terminal, stops the process, redraws on resume. */
void term_suspend(struct term_session *t);

/* True when the terminal has hung up (its input reads fail for good): the
 * main loop then quits as on SIGHUP, even when no SIGHUP came. */
int term_gone(void);

/* The one fatal-error path: restores the terminal (when t is not NULL and
 * curses runs), prints "tandem: MESSAGE" on stderr and exits with status. */
_Noreturn void term_die(struct term_session *t, int status, const char *fmt, ...);

#endif
