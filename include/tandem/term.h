/* term.h — the terminal: UTF-8 locale check, TERM check, curses start and
 * end, the bidi-mode escape sequences, signals (SIGHUP/SIGTERM flag, Ctrl-Z
 * suspend) and the one fatal-error path. */
#ifndef TANDEM_TERM_H
#define TANDEM_TERM_H

#include <signal.h>

/* Set by the SIGHUP/SIGTERM handler; the main loop checks it. */
extern volatile sig_atomic_t term_quit_signal;

/* Makes sure LC_CTYPE is UTF-8 (switching from C/POSIX to C.UTF-8 when it
 * can). Returns 0, or 2 after printing what to set. */
int term_check_locale(void);

/* Checks TERM and starts curses; with bidi_app, sends CSI 8 l first.
 * Returns 0, or 2 after printing a message (nothing drawn). */
int term_start(int bidi_app);

/* Restores the terminal (idempotent); CSI 8 h when bidi_app was set. */
void term_end(void);

/* Ctrl-Z: restores the terminal, stops the process, redraws on resume. */
void term_suspend(void);

/* Restores the terminal, prints "tandem: MESSAGE" and exits with status. */
_Noreturn void term_die(int status, const char *fmt, ...);

#endif
