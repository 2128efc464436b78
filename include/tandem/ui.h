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

#endif
