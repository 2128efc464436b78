/* ui.h — the interactive reader (ncursesw): timeline sidebar, article list,
 * article view, side-by-side compare, search, help. */
#ifndef TANDEM_UI_H
#define TANDEM_UI_H

#include "tandem/corpus.h"

enum ui_bidi { UI_BIDI_APP, UI_BIDI_TERMINAL };
enum ui_shape { UI_SHAPE_AUTO, UI_SHAPE_ON, UI_SHAPE_OFF };

struct ui_opts {
	const char *open_id;     /* article to start on, or NULL */
	int open_compare;        /* start in its compare view */
	enum ui_bidi bidi;
	enum ui_shape shape;
	int mirror;
	const char *config_path; /* NULL: $XDG_CONFIG_HOME/tandem/config */
	const char *state_dir;   /* NULL: $XDG_STATE_HOME/tandem */
	int bidi_given;          /* --bidi was on the command line (else the
	                            config file's [reader] bidi applies) */
	const char *lang;        /* language of event titles; NULL: the config's
	                            [reader] lang, else en */
	int files_given;         /* files were named: start on them, not on the
	                            article read last */
};

/* Runs the reader on corpus c until the user quits, SIGHUP or SIGTERM comes
 * or the terminal hangs up. Returns the process exit status: 0, or 2 (the
 * terminal cannot be used: message printed). A fatal error (out of memory
 * while starting) exits with 1 through term_die, the terminal restored
 * first. */
int ui_run(struct corpus *c, const struct ui_opts *o);

/* Key replay, for `make bench` (bench/bench_keys.c): the reader without its
 * main loop, so that a program can time each key. ui_replay_start sets up
 * everything ui_run does (the terminal on stdin and stdout) and draws the
 * first frame; returns the reader (owned by the caller: free it with
 * ui_replay_end, which restores the terminal and saves the state), or NULL
 * with *status as ui_run would return it. ui_replay_key handles one key as
 * the main loop does (fn: ch is a curses KEY_ code, e.g. KEY_RESIZE after
 * resizeterm) and draws what it changed; ui_replay_compose does the same
 * but stops at curses' virtual screen (wnoutrefresh): ui_replay_send then
 * sends the frame to the terminal, and ui_replay_after_frame does what the reader does
 * once a frame is out (saving a reading position). ui_replay_quit says
 * whether a key asked to quit. */
struct app;
struct app *ui_replay_start(struct corpus *c, const struct ui_opts *o, int *status);
void ui_replay_key(struct app *app, int fn, unsigned ch);
void ui_replay_compose(struct app *app, int fn, unsigned ch);
void ui_replay_send(struct app *app);
void ui_replay_after_frame(struct app *app);
int ui_replay_quit(const struct app *app);
void ui_replay_end(struct app *app);

#endif
