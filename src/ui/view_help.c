/* view_help.c — owns the help screen, generated from the live key map: every
 * request with the keys bound to it now (config bindings included) and its
 * help text and config name, then the files the reader uses. The rows are
 * built at each resize: a request whose keys do not fit the key column, or
 * whose help does not fit beside them, continues on the rows below, so
 * every bound key and every name is shown whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/view.h"

#define KEYS_MAX 512

enum help_kind {
	HELP_BLANK,
	HELP_TITLE,
	HELP_KEYS,
	HELP_CONFIG,
	HELP_PROBLEM,
	HELP_STATE,
	HELP_STATUS,
	HELP_PROMPT,            /* kfrom: the row of prompt_keys */
};

/* The keys of the search prompt (fixed: they edit the query). Left and
 * Right move on the screen, whatever the direction of the text. */
static const char *const prompt_keys[][2] = {
	{"/ prompt", "editing the query (characters are grapheme clusters):"},
	{"Left Right", "move the cursor left, right on the screen"},
	{"C-b C-f", "move back, forward in the text"},
	{"Home C-a End C-e", "to the start, the end of the query"},
	{"Backspace", "delete the character before the cursor"},
	{"Delete C-d", "delete the character after the cursor"},
	{"C-w C-u", "delete the word before the cursor; the whole query"},
	{"Enter Esc", "search; cancel"},
};
#define PROMPT_ROWS (sizeof prompt_keys / sizeof prompt_keys[0])

struct help_row {
	enum help_kind kind;
	enum request req;       /* HELP_KEYS */
	unsigned short kfrom, klen; /* the keys shown: bytes of keymap_keys_of */
	unsigned short dfrom, dlen; /* the help shown: bytes of describe() */
};

struct help_data {
	struct help_row *rows;  /* owned */
	size_t nrows, top;
	int h, kw;              /* pane height, key column width */
};

static int help_open(struct app *app, struct view *v)
{
	v->data = calloc(1, sizeof(struct help_data));
	if (!v->data) {
		view_message(app, 1, "out of memory");
		return -1;
	}
	return 0;
}

/* The help of a request as the screen shows it. */
static void describe(enum request q, char *buf, size_t n)
{
	snprintf(buf, n, "%s  [%s]", keymap_request_help(q), keymap_request_name(q));
}

/* The width of s[from, to). */
static int span_width(const char *s, size_t from, size_t to)
{
	char buf[KEYS_MAX];
	snprintf(buf, sizeof buf, "%.*s", (int)(to - from), s + from);
	return draw_text_width(buf);
}

/* The words of s from `from` that fit in w columns (at least one): returns
 * where they end; *next is where the following row starts. */
static size_t fit_words(const char *s, size_t from, int w, size_t *next)
{
	size_t n = strlen(s), end = from;
	*next = from;
	while (*next < n) {
		size_t e = *next;
		while (e < n && s[e] != ' ')
			e++;
		if (end > from && span_width(s, from, e) > w)
			break;
		end = e;
		*next = e;
		while (*next < n && s[*next] == ' ')
			(*next)++;
	}
	return end;
}

static void add_row(struct help_data *d, enum help_kind k, enum request q, size_t kfrom,
                    size_t klen, size_t dfrom, size_t dlen)
{
	d->rows[d->nrows++] = (struct help_row){k, q, (unsigned short)kfrom, (unsigned short)klen,
	                                        (unsigned short)dfrom, (unsigned short)dlen};
}

static void help_resize(struct app *app, struct view *v, struct rect r)
{
	struct help_data *d = v->data;
	char keys[KEYS_MAX], desc[KEYS_MAX];
	size_t need = 12 + PROMPT_ROWS + 1 + app->cfg.problems.n;
	int widest = 0;
	d->h = r.h;
	for (int q = 1; q < REQ_COUNT; q++) {
		keymap_keys_of(&app->keymap, (enum request)q, keys, sizeof keys);
		describe((enum request)q, desc, sizeof desc);
		int w = draw_text_width(keys);
		widest = w > widest ? w : widest;
		/* at worst a row per word */
		need += 2 + strlen(keys) / 2 + strlen(desc) / 2;
	}
	d->kw = widest + 3;
	if (d->kw > r.w * 2 / 5)
		d->kw = r.w * 2 / 5;
	if (d->kw < 12)
		d->kw = 12;
	int dw = r.w - d->kw - 2;
	struct help_row *rows = realloc(d->rows, need * sizeof *rows);
	if (!rows) {
		view_message(app, 1, "out of memory");
		return;
	}
	d->rows = rows;
	d->nrows = 0;
	add_row(d, HELP_TITLE, REQ_NONE, 0, 0, 0, 0);
	add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	/* the configuration's problems first, every one (kfrom: its number) */
	int problems = app->cfg.problems.n > 0;
	if (problems) {
		add_row(d, HELP_CONFIG, REQ_NONE, 0, 0, 0, 0);
		for (size_t i = 0; i < app->cfg.problems.n && i < 65535; i++)
			add_row(d, HELP_PROBLEM, REQ_NONE, i, 0, 0, 0);
		add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	}
	for (int q = 1; q < REQ_COUNT; q++) {
		keymap_keys_of(&app->keymap, (enum request)q, keys, sizeof keys);
		describe((enum request)q, desc, sizeof desc);
		size_t kn = strlen(keys), dn = strlen(desc), kf = 0, df = 0;
		do {
			size_t knext, dnext;
			size_t ke = fit_words(keys, kf, d->kw - 2, &knext);
			size_t de = fit_words(desc, df, dw > 1 ? dw : 1, &dnext);
			add_row(d, HELP_KEYS, (enum request)q, kf, ke - kf, df, de - df);
			kf = knext;
			df = dnext;
		} while (kf < kn || df < dn);
	}
	add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	for (size_t i = 0; i < PROMPT_ROWS; i++)
		add_row(d, HELP_PROMPT, REQ_NONE, i, 0, 0, 0);
	add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	if (!problems)
		add_row(d, HELP_CONFIG, REQ_NONE, 0, 0, 0, 0);
	add_row(d, HELP_STATE, REQ_NONE, 0, 0, 0, 0);
	add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	add_row(d, HELP_STATUS, REQ_NONE, 0, 0, 0, 0);
	add_row(d, HELP_STATUS, REQ_NONE, 1, 0, 0, 0);
	add_row(d, HELP_BLANK, REQ_NONE, 0, 0, 0, 0);
	long max = (long)d->nrows - d->h;
	if ((long)d->top > max)
		d->top = max > 0 ? (size_t)max : 0;
}

static void help_draw(struct app *app, struct view *v, struct rect r)
{
	struct help_data *d = v->data;
	struct theme *t = &app->theme;
	char buf[1200], keys[KEYS_MAX];
	int kw = d->kw;
	for (int i = 0; i < r.h && d->top + (size_t)i < d->nrows; i++) {
		const struct help_row *row = &d->rows[d->top + (size_t)i];
		int y = r.y + i;
		switch (row->kind) {
		case HELP_TITLE:
			draw_text(t, y, r.x + 1, r.w - 1, "tandem keys (from the live key map)", THEME_TITLE);
			break;
		case HELP_KEYS:
			keymap_keys_of(&app->keymap, row->req, keys, sizeof keys);
			snprintf(buf, sizeof buf, "%.*s", (int)row->klen, keys + row->kfrom);
			if (!keys[0] && row->dfrom == 0)
				snprintf(buf, sizeof buf, "(unbound)");
			draw_text(t, y, r.x + 1, kw - 1, buf, THEME_SIDEBAR_DATE);
			describe(row->req, keys, sizeof keys);
			snprintf(buf, sizeof buf, "%.*s", (int)row->dlen, keys + row->dfrom);
			draw_text(t, y, r.x + kw + 1, r.w - kw - 1, buf, THEME_TEXT);
			break;
		case HELP_CONFIG:
			snprintf(buf, sizeof buf, "config: %s%s",
			         app->cfg.path[0] ? app->cfg.path : "(none; $XDG_CONFIG_HOME/tandem/config)",
			         app->cfg.problems.n ? " — its problems (the rest applies):" : "");
			draw_text(t, y, r.x + 1, r.w - 1, buf, THEME_META);
			break;
		case HELP_PROBLEM: {
			const struct diag *pr = &app->cfg.problems.items[row->kfrom];
			if (pr->line)
				snprintf(buf, sizeof buf, "  line %u: %s", pr->line, pr->msg);
			else
				snprintf(buf, sizeof buf, "  %s", pr->msg);
			draw_text(t, y, r.x + 1, r.w - 1, buf, THEME_ERROR);
			break;
		}
		case HELP_STATE:
			snprintf(buf, sizeof buf, "state:  %s",
			         app->state.path[0] ? app->state.path : "(not kept: no HOME)");
			draw_text(t, y, r.x + 1, r.w - 1, buf, THEME_META);
			break;
		case HELP_STATUS:
			draw_text(t, y, r.x + 1, r.w - 1,
			          row->kfrom == 0
			              ? "status line: the article (id, language, date) or a message; then"
			              : "the first row shown/all rows, and top, end, all or how far down (%)",
			          THEME_META);
			break;
		case HELP_PROMPT:
			draw_text(t, y, r.x + 1, kw - 1, prompt_keys[row->kfrom][0],
			          THEME_SIDEBAR_DATE);
			draw_text(t, y, r.x + kw + 1, r.w - kw - 1, prompt_keys[row->kfrom][1],
			          THEME_TEXT);
			break;
		case HELP_BLANK:
			break;
		}
	}
}

static unsigned help_request(struct app *app, struct view *v, enum request req)
{
	struct help_data *d = v->data;
	long top = (long)d->top, max = (long)d->nrows - d->h;
	long target;
	if (view_scroll_target(req, top, d->h, max, &target)) {
		if (target > max)
			target = max;
		if (target < 0)
			target = 0;
		if ((size_t)target == d->top)
			return 0;
		d->top = (size_t)target;
		return DIRTY_MAIN;
	}
	switch (req) {
	case REQ_HELP:
	case REQ_ENTER:
		view_pop(app);
		return DIRTY_ALL;
	default:
		return (unsigned)-1;
	}
}

static void help_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                        size_t np)
{
	struct help_data *d = v->data;
	(void)app;
	snprintf(left, nl, "help");
	view_position(pos, np, d->top, (size_t)d->h, d->nrows);
}

static void help_close(struct app *app, struct view *v)
{
	struct help_data *d = v->data;
	(void)app;
	if (d)
		free(d->rows);
}

const struct view_ops view_help_ops = {
	.name = "help",
	.fullscreen = 1,
	.open = help_open,
	.draw = help_draw,
	.request = help_request,
	.resize = help_resize,
	.status = help_status,
	.close = help_close,
};
