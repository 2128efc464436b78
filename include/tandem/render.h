/* render.h — the plain-text renderers behind tandem's command-line modes:
 * each prints to standard output (problems to standard error, naming the
 * file or id) through the output filter, and returns an exit status:
 * RENDER_OK, RENDER_RUNTIME (a missing article, memory) or RENDER_USAGE. */
#ifndef TANDEM_RENDER_H
#define TANDEM_RENDER_H

#include "tandem/bidi.h"
#include "tandem/corpus.h"

enum { RENDER_OK = 0, RENDER_RUNTIME = 1, RENDER_USAGE = 2 };

/* Text order of the renderers' output (--order). */
enum render_order {
	RENDER_AUTO,      /* visual on a terminal, logical into a pipe */
	RENDER_VISUAL,    /* reordered and shaped, as the reader draws it */
	RENDER_LOGICAL,   /* the text as stored */
};

struct render_opts {
	int width;                /* columns; 0: $COLUMNS, else 80 */
	enum bidi_dir dir;        /* --render's paragraph direction */
	int shape, mirror, pad;   /* Arabic shaping, mirroring, RTL flush right */
	int reveal;               /* invisible characters as marks */
	int bidi_app;             /* reorder right-to-left text (--bidi=app) */
	enum render_order order;
	const char *lang;         /* language of event titles */
};

/* A usage error on standard error ("tandem: " fmt with arg, then "Try
 * 'tandem --help'."), for the option parser and the renderers alike.
 * Returns RENDER_USAGE. */
int render_usage_error(const char *fmt, const char *arg);

/* The corpus's problems on standard error: every one (all), else its
 * errors and a count of its warnings. */
void render_diags(const struct corpus *c, int all);

/* $COLUMNS when it is a number of columns, else 80. */
int render_default_width(void);

/* The article with this id, or -1 after saying so on standard error. */
long render_find_article(const struct corpus *c, const char *id);

int render_list(const struct corpus *c, const struct render_opts *o);
int render_timeline(const struct corpus *c, const struct render_opts *o);
/* --dump ID. */
int render_dump(const struct corpus *c, const struct render_opts *o, const char *id);
/* --compare ID,ID[,ID]. */
int render_compare(const struct corpus *c, const struct render_opts *o, const char *ids);
/* --render: standard input, a paragraph a line, to visual lines. */
int render_filter(const struct render_opts *o);
/* --facts EVENT or ID,ID[,ID]. */
int render_facts(const struct corpus *c, const struct render_opts *o, const char *ids);
/* --evidence EVENT. */
int render_evidence(const struct corpus *c, const struct render_opts *o, const char *event);
/* --check: what was recognised where; 1 when the corpus has errors. */
int render_check(const struct corpus *c);
/* --check-config [FILE] (NULL: the default location). */
int render_check_config(const char *file);

#endif
