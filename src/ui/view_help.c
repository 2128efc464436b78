/* view_help.c — owns the help screen, generated from the live key map: every
 * request with the keys bound to it now (config bindings included) and its
 * help text, then the files the reader uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/view.h"

struct help_data {
	size_t top;
	int h;
};

#define HELP_EXTRA 4

static int help_open(struct app *app, struct view *v)
{
	v->data = calloc(1, sizeof(struct help_data));
	if (!v->data) {
		view_message(app, 1, "out of memory");
		return -1;
	}
	return 0;
}

static void help_resize(struct app *app, struct view *v, struct rect r)
{
	struct help_data *d = v->data;
	(void)app;
	d->h = r.h;
}

static size_t help_rows(void)
{
	return 2 + (REQ_COUNT - 1) + HELP_EXTRA;
}

static void help_draw(struct app *app, struct view *v, struct rect r)
{
	struct help_data *d = v->data;
	struct theme *t = &app->theme;
	char buf[1200], keys[160];
	int kw = r.w > 60 ? 26 : 16;
	for (int i = 0; i < r.h; i++) {
		size_t row = d->top + (size_t)i;
		int y = r.y + i;
		if (row == 0) {
			draw_text(t, y, r.x + 1, r.w - 1, "tandem keys (from the live key map)", THEME_TITLE);
		} else if (row >= 2 && row < 2 + (size_t)(REQ_COUNT - 1)) {
			enum request q = (enum request)(row - 1);
			keymap_keys_of(&app->keymap, q, keys, sizeof keys);
			draw_text(t, y, r.x + 1, kw - 1, keys[0] ? keys : "(unbound)", THEME_SIDEBAR_DATE);
			snprintf(buf, sizeof buf, "%s  [%s]", keymap_request_help(q), keymap_request_name(q));
			draw_text(t, y, r.x + kw + 1, r.w - kw - 1, buf, THEME_TEXT);
		} else if (row == 2 + (size_t)(REQ_COUNT - 1) + 1) {
			snprintf(buf, sizeof buf, "config: %s",
			         app->cfg.path[0] ? app->cfg.path : "(none; $XDG_CONFIG_HOME/tandem/config)");
			draw_text(t, y, r.x + 1, r.w - 1, buf, THEME_META);
		} else if (row == 2 + (size_t)(REQ_COUNT - 1) + 2) {
			snprintf(buf, sizeof buf, "state:  %s",
			         app->state.path[0] ? app->state.path : "(not kept: no HOME)");
			draw_text(t, y, r.x + 1, r.w - 1, buf, THEME_META);
		}
	}
}

static unsigned help_request(struct app *app, struct view *v, enum request req)
{
	struct help_data *d = v->data;
	long top = (long)d->top, max = (long)help_rows() - d->h;
	(void)app;
	switch (req) {
	case REQ_LINE_DOWN:
		top++;
		break;
	case REQ_LINE_UP:
		top--;
		break;
	case REQ_PAGE_DOWN:
	case REQ_HALF_DOWN:
		top += d->h / 2;
		break;
	case REQ_PAGE_UP:
	case REQ_HALF_UP:
		top -= d->h / 2;
		break;
	case REQ_TOP:
		top = 0;
		break;
	case REQ_BOTTOM:
		top = max;
		break;
	case REQ_HELP:
	case REQ_ENTER:
		view_pop(app);
		return DIRTY_ALL;
	default:
		return (unsigned)-1;
	}
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	d->top = (size_t)top;
	return DIRTY_MAIN;
}

static void help_status(struct app *app, struct view *v, char *left, size_t nl, char *pos,
                        size_t np)
{
	(void)app;
	(void)v;
	(void)pos;
	(void)np;
	snprintf(left, nl, "help");
}

const struct view_ops view_help_ops = {
	.name = "help",
	.fullscreen = 1,
	.open = help_open,
	.draw = help_draw,
	.request = help_request,
	.resize = help_resize,
	.status = help_status,
};
