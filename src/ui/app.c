/* app.c — owns ui_run: setting up (locale, config, state, terminal), the
 * view stack, the main loop (keys, mouse, resize, signals, the search
 * prompt, mark letters), the status line and the one update function that
 * draws what the handlers marked dirty. All state lives in struct app. */
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tandem/output.h"
#include "tandem/sanitize.h"
#include "tandem/term.h"
#include "tandem/timeline.h"
#include "tandem/ui.h"
#include "tandem/view.h"

#define MIN_COLS 20
#define MIN_ROWS 6
#define WHEEL_LINES 3

struct view *view_current(struct app *app)
{
	return app->depth ? &app->stack[app->depth - 1] : NULL;
}

void view_message(struct app *app, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_error = error;
	app->dirty |= DIRTY_STATUS;
}

struct rect view_pane(const struct app *app, const struct view *v)
{
	int sw = v && v->ops->fullscreen ? 0 : view_sidebar_width(app);
	struct rect r = {0, sw ? sw + 1 : 0, app->rows - 1, app->cols - (sw ? sw + 1 : 0)};
	if (r.h < 1)
		r.h = 1;
	if (r.w < 1)
		r.w = 1;
	return r;
}

void view_select_event(struct app *app, size_t ev)
{
	if (ev != app->event) {
		app->event = ev;
		app->dirty |= DIRTY_SIDEBAR | DIRTY_MAIN;
	}
}

size_t view_order_index(const struct app *app, size_t article)
{
	for (size_t i = 0; i < app->norder; i++)
		if (app->order[i] == article)
			return i;
	return VIEW_NONE;
}

static void forget_title(struct app *app, size_t i);

int view_push(struct app *app, const struct view_ops *ops, size_t article, long block,
              long line, size_t arg)
{
	if (app->depth == VIEW_STACK_MAX) {
		view_message(app, 1, "too many views open; press q to go back");
		return -1;
	}
	struct view *v = &app->stack[app->depth];
	memset(v, 0, sizeof *v);
	v->ops = ops;
	v->article = article;
	v->block = block;
	v->line = line;
	v->arg = arg;
	/* an article the load has not read yet is read now, to be shown */
	if (article < app->corpus->narticles &&
	    (app->corpus->articles[article].unparsed & (CORPUS_UNPARSED | CORPUS_UNVERIFIED))) {
		if (corpus_load_article(app->corpus, article) != 0)
			term_die(&app->term, 1, "out of memory while reading the corpus");
		forget_title(app, article);
	}
	app->depth++;
	if (ops->open && ops->open(app, v) != 0) {
		app->depth--;
		return -1;
	}
	if (ops->resize && !app->too_small)
		ops->resize(app, v, view_pane(app, v));
	app->dirty = DIRTY_ALL;
	return 0;
}

void view_pop(struct app *app)
{
	struct view *v = view_current(app);
	if (!v)
		return;
	if (v->ops->close)
		v->ops->close(app, v);
	free(v->data);
	v->data = NULL;
	app->depth--;
	/* leaving an article: its reading position goes to disk as soon as
	 * the frame is out (save_after_frame) */
	if (v->ops == &view_article_ops && !app->quitting)
		app->save_state = 1;
	v = view_current(app);
	/* the size may have changed while it was hidden */
	if (v && v->ops->resize && !app->too_small && !app->quitting)
		v->ops->resize(app, v, view_pane(app, v));
	app->dirty = DIRTY_ALL;
}

/* Articles in timeline order: each event's articles (in corpus order),
 * then the rest; one counting pass, whatever the number of events. */
static int build_order(struct app *app)
{
	const struct corpus *c = app->corpus;
	size_t ne = c->nevents;
	app->order = calloc(c->narticles + 1, sizeof *app->order);
	/* start[e]: where event e's articles go; start[ne]: the rest */
	size_t *start = calloc(ne + 2, sizeof *start);
	if (!app->order || !start) {
		free(start);
		return -1;
	}
	for (size_t k = 0; k < c->narticles; k++) {
		long e = c->articles[k].event;
		start[e >= 0 && (size_t)e < ne ? (size_t)e + 1 : ne + 1]++;
	}
	for (size_t e = 1; e <= ne + 1; e++)
		start[e] += start[e - 1];
	for (size_t k = 0; k < c->narticles; k++) {
		long e = c->articles[k].event;
		app->order[start[e >= 0 && (size_t)e < ne ? (size_t)e : ne]++] = k;
	}
	app->norder = c->narticles;
	free(start);
	return 0;
}

static void draw_status(struct app *app)
{
	struct theme *t = &app->theme;
	int y = app->rows - 1, w = app->cols;
	struct view *v = view_current(app);
	char left[256] = "", pos[64] = "", right[224], load[96] = "";
	draw_fill(t, y, 0, w, THEME_STATUS);
	if (v && v->ops->status)
		v->ops->status(app, v, left, sizeof left, pos, sizeof pos);
	/* a message takes the place of the article fields; a pending mark
	 * prompt follows them */
	const char *lt = app->msg[0] ? app->msg : left;
	enum theme_elem le = !app->msg[0] ? THEME_STATUS : app->msg_error ? THEME_ERROR : THEME_MESSAGE;
	const char *pend = app->msg[0] || app->pending == REQ_NONE ? NULL
	                   : app->pending == REQ_MARK              ? "mark: type a letter"
	                                                           : "go to mark: type a letter";
	int lw = draw_text_width(lt) + (pend ? 2 + draw_text_width(pend) : 0);
	const struct corpus *c = app->corpus;
	if (c->load_left)
		corpus_progress_text(load, sizeof load - 2, c->index_file ? "indexing" : "reading",
		                     c->load_total - c->load_left, c->load_total);
	snprintf(right, sizeof right, "%s%s%s%s%s  ?:help q:%s", load, load[0] ? "  " : "", pos,
	         pos[0] ? "  " : "", v ? v->ops->name : "", app->depth > 1 ? "back" : "quit");
	int rw = draw_text_width(right);
	if (lw + 2 + rw > w) { /* narrow: the position and mode only */
		snprintf(right, sizeof right, "%s%s%s%s%s", load, load[0] ? "  " : "", pos,
		         pos[0] ? "  " : "", v ? v->ops->name : "");
		rw = draw_text_width(right);
	}
	int room = w;
	if (lw + 2 + rw > w && !app->msg[0]) {
		if (pend) /* the prompt stays whole: the fields give way */
			lt = "";
		/* the fields are cut rather than the position dropped */
		if (rw + 2 < w)
			room = w - rw - 2;
	}
	/* a message keeps its end (the reason), the fields their start */
	int x = app->msg[0] ? draw_text_middle(t, y, 0, room, lt, le) : draw_text(t, y, 0, room, lt, le);
	if (pend) {
		x += x ? 2 : 0;
		if (x < room)
			x += draw_text(t, y, x, room - x, pend, THEME_MESSAGE);
	}
	if (x + 2 + rw <= w) {
		draw_text(t, y, w - rw, rw, right, THEME_STATUS);
		/* the position, which changes with every line scrolled, in its
		 * own element (by default the terminal's own colours, a blank on
		 * each side): a scrolled line then sends its changed digits
		 * alone, with no colour set before them and reset after */
		int pw = draw_text_width(pos), px = w - rw;
		if (load[0]) /* after a load's progress */
			px += draw_text_width(load) + 2;
		if (pw) {
			draw_fill(t, y, px - 1, pw + 2, THEME_POSITION);
			draw_text(t, y, px, pw, pos, THEME_POSITION);
		}
	}
}

/* Right-to-left text quoted in the reader's own lines (messages, headers)
 * is set as the articles are. */
static void theme_text_opts(struct app *app)
{
	app->theme.text_reorder = app->popts.reorder;
	app->theme.text_shape = app->popts.shape;
	app->theme.text_mirror = app->popts.mirror;
	app->theme.text_reveal = app->popts.reveal;
}

/* How the prompt's line is set: as article text is. */
static struct lineedit_opts prompt_opts(const struct app *app)
{
	return (struct lineedit_opts){.shape = app->popts.shape, .mirror = app->popts.mirror,
	                              .reorder = app->popts.reorder,
	                              .reveal = app->popts.reveal};
}

/* The search prompt on the last row, in the text's colours (so a typed
 * character changes its own cells and nothing else): "/", then the query
 * set by the text layer in the columns up to the last (left blank): flush
 * left, or flush right when it is right-to-left, scrolled so that the
 * cursor shows. */
static void draw_prompt(struct app *app)
{
	struct theme *t = &app->theme;
	int y = app->rows - 1, field = app->cols - 2;
	struct lineedit_opts o = prompt_opts(app);
	struct lineedit_view lv;
	draw_fill(t, y, 0, app->cols, THEME_TEXT);
	draw_text(t, y, 0, 1, "/", THEME_TEXT);
	app->cursor_y = y;
	app->cursor_x = 1;
	if (lineedit_layout(&app->prompt_edit, &o, field, &lv) != 0) {
		draw_text(t, y, 1, field, "(out of memory)", THEME_ERROR);
		return;
	}
	draw_line_scrolled(t, y, 1, field, lv.line, app->prompt_edit.scroll, THEME_TEXT);
	app->cursor_x = 1 + lv.cursor - app->prompt_edit.scroll;
	lineedit_view_free(&lv);
}

/* Repaints the parts marked dirty into the frame; output_frame then sends
 * what changed to the terminal. */
static void compose(struct app *app)
{
	struct theme *t = &app->theme;
	if (app->too_small) {
		draw_erase();
		const char *m = app->cols >= 18 ? "terminal too small" : "too small";
		int w = draw_text_width(m);
		draw_text(t, app->rows / 2, app->cols > w ? (app->cols - w) / 2 : 0, app->cols, m,
		          THEME_MESSAGE);
		if (app->cursor_shown && curs_set(0) != ERR)
			app->cursor_shown = 0;
		app->dirty = 0;
		return;
	}
	struct view *v = view_current(app);
	struct rect r = view_pane(app, v);
	if (app->dirty & DIRTY_SIDEBAR && v && !v->ops->fullscreen && r.x > 0) {
		view_sidebar_draw(app, (struct rect){0, 0, app->rows - 1, r.x - 1});
		draw_vline(t, 0, r.x - 1, app->rows - 1);
	}
	if (app->dirty & (DIRTY_MAIN | DIRTY_ROWS) && v) {
		if (app->dirty & DIRTY_MAIN)
			for (int y = r.y; y < r.y + r.h; y++)
				draw_fill(t, y, r.x, r.w, THEME_TEXT);
		v->ops->draw(app, v, r);
	}
	if (app->prompt) {
		draw_prompt(app);
		/* the terminal's own cursor, where the next character goes */
		if (!app->cursor_shown && curs_set(1) != ERR)
			app->cursor_shown = 1;
		/* the cursor is shown: left where the next character goes */
		draw_cursor(app->cursor_y, app->cursor_x);
	} else {
		draw_status(app);
		if (app->cursor_shown && curs_set(0) != ERR)
			app->cursor_shown = 0;
		draw_cursor(-1, -1);
	}
	app->dirty = 0;
}

/* After a frame: the state a view left to save (a reading position) goes
 * to disk, so that a state that cannot be written is said on the status
 * line (drawn at once). Not before the frame: the key's frame does not wait
 * for the disk. */
static void save_after_frame(struct app *app)
{
	if (!app->save_state)
		return;
	app->save_state = 0;
	char err[512];
	if (state_save(&app->state, err, sizeof err) != 0) {
		if (!app->state_failed) {
			view_message(app, 1, "%s", err);
			compose(app);
			output_frame();
		}
		app->state_failed = 1;
	} else {
		app->state_failed = 0;
	}
}

/* The one drawing function: repaints the parts marked dirty. */
static void update(struct app *app)
{
	compose(app);
	output_frame();
	save_after_frame(app);
}

static void do_resize(struct app *app)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	app->rows = rows;
	app->cols = cols;
	app->too_small = rows < MIN_ROWS || cols < MIN_COLS;
	/* the sidebar steps aside when the text would be too narrow; say so
	 * when that changes */
	int squeezed = app->sidebar && app->corpus->nevents && view_sidebar_width(app) == 0;
	if (squeezed != app->sidebar_squeezed && !app->too_small)
		view_message(app, 0, squeezed ? "timeline hidden: no room beside the text"
		                              : "timeline shown again");
	app->sidebar_squeezed = squeezed;
	output_resize(rows, cols);
	draw_erase();
	if (!app->too_small)
		for (int i = 0; i < app->depth; i++)
			if (app->stack[i].ops->resize)
				app->stack[i].ops->resize(app, &app->stack[i], view_pane(app, &app->stack[i]));
	app->dirty = DIRTY_ALL;
}

static void set_needle(struct app *app, const char *q)
{
	if (app->have_needle)
		fold_free(&app->needle);
	app->have_needle = 0;
	if (q != app->query)
		snprintf(app->query, sizeof app->query, "%s", q);
	if (fold_utf8(q, strlen(q), &app->needle) != 0) {
		view_message(app, 1, "out of memory");
		return;
	}
	app->have_needle = app->needle.len > 0;
	if (!app->have_needle)
		fold_free(&app->needle);
}

/* A key at the search prompt. Editing acts on the query's logical text:
 * Backspace and Delete remove a grapheme cluster, Ctrl-W the word before
 * the cursor, Ctrl-U the whole query; Left and Right move the cursor on the
 * screen (visually), Ctrl-B and Ctrl-F back and forward in the text, Home
 * and Ctrl-A to its start, End and Ctrl-E to its end. */
static void prompt_key(struct app *app, int fn, wint_t ch)
{
	struct lineedit *e = &app->prompt_edit;
	struct lineedit_opts o = prompt_opts(app);
	app->dirty |= DIRTY_STATUS;
	if (fn && ch == KEY_RESIZE) {
		do_resize(app);
		return;
	}
	if ((!fn && ch == 27) || (!fn && ch == 3)) {
		app->prompt = 0;
		return;
	}
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == KEY_ENTER)) {
		app->prompt = 0;
		if (e->len == 0) { /* an empty query repeats the last one */
			if (!app->query[0])
				return;
			if (!app->have_needle) /* Esc cleared the highlight */
				set_needle(app, app->query);
		} else {
			set_needle(app, e->buf);
		}
		struct view *v = view_current(app);
		if (!app->have_needle)
			view_message(app, 1, "nothing to search for");
		else if (v && v->ops->search)
			app->dirty |= v->ops->search(app, v, 1, 1);
		else if (v)
			view_message(app, 1, "no search in the %s view", v->ops->name);
		app->dirty |= DIRTY_MAIN;
		return;
	}
	if (fn) {
		switch (ch) {
		case KEY_BACKSPACE:
			lineedit_backspace(e);
			break;
		case KEY_DC:
			lineedit_delete(e);
			break;
		case KEY_LEFT:
		case KEY_RIGHT:
			if (lineedit_move_visual(e, ch == KEY_RIGHT ? 1 : -1, &o) < 0)
				view_message(app, 1, "out of memory");
			break;
		case KEY_HOME:
			lineedit_home(e);
			break;
		case KEY_END:
			lineedit_end(e);
			break;
		default:
			break;
		}
		return;
	}
	switch (ch) {
	case 127:
	case 8: /* Backspace, Ctrl-H */
		lineedit_backspace(e);
		return;
	case 23: /* Ctrl-W */
		lineedit_kill_word(e);
		return;
	case 21: /* Ctrl-U */
		lineedit_kill_line(e);
		return;
	case 1: /* Ctrl-A */
		lineedit_home(e);
		return;
	case 5: /* Ctrl-E */
		lineedit_end(e);
		return;
	case 2: /* Ctrl-B */
	case 6: /* Ctrl-F */
		lineedit_move_logical(e, ch == 6 ? 1 : -1);
		return;
	case 4: /* Ctrl-D: Delete */
		lineedit_delete(e);
		return;
	default:
		break;
	}
	if (ch < 0x20 || ch == 0x7f)
		return;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || lineedit_insert(e, mb, n) != 0)
		beep();
}

/* A wheel turn or a button-1 press (events that come while a prompt is open
 * are read and dropped by handle_key). */
static void handle_mouse(struct app *app, const MEVENT *me)
{
	MEVENT ev = *me;
	struct view *v = view_current(app);
	if (!v)
		return;
	struct rect r = view_pane(app, v);
	/* a wheel step: three lines of text, one item of a list */
	int steps = v->ops->list ? 1 : WHEEL_LINES;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < steps; i++)
			app->dirty |= v->ops->request(app, v, REQ_LINE_UP);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < steps; i++)
			app->dirty |= v->ops->request(app, v, REQ_LINE_DOWN);
		return;
	}
#endif
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (!v->ops->fullscreen && r.x > 0 && ev.x < r.x - 1) {
		size_t e = view_sidebar_event_at(app, ev.y);
		if (e == VIEW_NONE)
			return;
		/* back to the timeline, that event selected */
		while (app->depth > 1)
			view_pop(app);
		view_select_event(app, e);
		app->dirty = DIRTY_ALL;
		return;
	}
	if (ev.y >= r.y && ev.y < r.y + r.h && ev.x >= r.x && ev.x < r.x + r.w && v->ops->click)
		app->dirty |= v->ops->click(app, v, ev.y - r.y, ev.x - r.x);
}

static void goto_mark(struct app *app, int letter)
{
	int i = state_mark_index(letter);
	const struct state_pos *m = i >= 0 ? &app->state.marks[i] : NULL;
	if (!m || !m->id[0]) {
		view_message(app, 1, "mark '%c' is not set", letter);
		return;
	}
	long a = corpus_find_article(app->corpus, m->id);
	if (a < 0) {
		view_message(app, 1, "mark '%c': no article '%s' in this corpus", letter, m->id);
		return;
	}
	struct view *v = view_current(app);
	if (v->ops == &view_article_ops && v->article == (size_t)a) {
		v->block = m->block;
		v->line = m->line;
		app->dirty |= v->ops->request(app, v, REQ_GOTO_MARK);
		return;
	}
	while (app->depth > 1 && view_current(app)->ops != &view_list_ops)
		view_pop(app);
	if (app->corpus->articles[a].event >= 0)
		view_select_event(app, (size_t)app->corpus->articles[a].event);
	view_push(app, &view_article_ops, (size_t)a, m->block, m->line, 0);
}

/* A label that could not be made (memory ran out): it shows nothing. */
static struct label no_label;

/* The label in *slot, made from s when there is none yet. */
static struct label *lazy_label(struct label **slot, const char *s, const struct page_opts *o)
{
	if (*slot)
		return *slot;
	struct label *l = malloc(sizeof *l);
	if (!l)
		return &no_label;
	/* a label that cannot be analysed shows nothing (label.h) */
	label_init(l, s, o);
	*slot = l;
	return l;
}

struct label *view_event_label(struct app *app, size_t e)
{
	const char *lang = app->opts.lang ? app->opts.lang : app->cfg.lang;
	if (e >= app->corpus->nevents)
		return &no_label;
	return lazy_label(&app->event_labels[e], corpus_event_title(&app->corpus->events[e], lang),
	                  &app->popts);
}

struct label *view_title_label(struct app *app, size_t i)
{
	if (i >= app->corpus->narticles)
		return &no_label;
	return lazy_label(&app->title_labels[i], app->corpus->articles[i].title, &app->popts);
}

/* Forgets article i's title label, made again when next drawn (its title
 * was read meanwhile). */
static void forget_title(struct app *app, size_t i)
{
	if (app->title_labels && i < app->corpus->narticles && app->title_labels[i]) {
		label_free(app->title_labels[i]);
		free(app->title_labels[i]);
		app->title_labels[i] = NULL;
		app->dirty |= DIRTY_MAIN | DIRTY_SIDEBAR;
	}
}

/* Forgets every title label made so far; they are made again, with
 * app->popts as it is then, when next drawn. */
static void drop_labels(struct app *app)
{
	const struct corpus *c = app->corpus;
	for (size_t e = 0; app->event_labels && e < c->nevents; e++)
		if (app->event_labels[e]) {
			label_free(app->event_labels[e]);
			free(app->event_labels[e]);
			app->event_labels[e] = NULL;
		}
	for (size_t i = 0; app->title_labels && i < c->narticles; i++)
		if (app->title_labels[i]) {
			label_free(app->title_labels[i]);
			free(app->title_labels[i]);
			app->title_labels[i] = NULL;
		}
}

/* R: invisible characters shown as marks, or hidden, in every view. */
static void toggle_reveal(struct app *app)
{
	app->popts.reveal = !app->popts.reveal;
	theme_text_opts(app);
	drop_labels(app);
	for (int i = 0; i < app->depth; i++) {
		struct view *v = &app->stack[i];
		unsigned d = v->ops->request(app, v, REQ_REVEAL);
		if (d != (unsigned)-1)
			app->dirty |= d;
	}
	app->dirty |= DIRTY_ALL;
	view_message(app, 0, app->popts.reveal
	                         ? "invisible characters shown as marks (R hides them)"
	                         : "invisible characters hidden");
}

static void handle_request(struct app *app, enum request req)
{
	struct view *v = view_current(app);
	switch (req) {
	case REQ_QUIT:
		app->quit = 1;
		return;
	case REQ_HELP:
		if (v->ops != &view_help_ops)
			view_push(app, &view_help_ops, VIEW_NONE, -1, 0, 0);
		return;
	case REQ_SIDEBAR:
		if (v->ops->fullscreen) {
			view_message(app, 0, "the %s view uses the whole width; t shows or hides the "
			                     "timeline beside the other views", v->ops->name);
			return;
		}
		app->sidebar = !app->sidebar;
		view_message(app, 0, app->sidebar ? "timeline shown" : "timeline hidden (t shows it)");
		do_resize(app);
		return;
	case REQ_REVEAL:
		toggle_reveal(app);
		return;
	case REQ_REDRAW:
		output_invalidate();
		app->dirty = DIRTY_ALL;
		return;
	case REQ_SUSPEND:
		term_suspend(&app->term);
		do_resize(app);
		return;
	case REQ_SEARCH:
		app->prompt = 1;
		lineedit_clear(&app->prompt_edit);
		app->dirty |= DIRTY_STATUS;
		return;
	case REQ_MARK:
	case REQ_GOTO_MARK:
		app->pending = req;
		app->dirty |= DIRTY_STATUS;
		return;
	case REQ_SEARCH_NEXT:
	case REQ_SEARCH_PREV:
		if (!app->have_needle && app->query[0]) /* after Esc: the last query again */
			set_needle(app, app->query);
		if (!app->have_needle) {
			view_message(app, 1, "no search yet: press / to search");
			return;
		}
		if (v->ops->search)
			app->dirty |= v->ops->search(app, v, req == REQ_SEARCH_NEXT ? 1 : -1, 0);
		else
			view_message(app, 1, "no search in the %s view", v->ops->name);
		return;
	case REQ_CANCEL:
		if (app->have_needle) {
			fold_free(&app->needle);
			app->have_needle = 0;
			app->dirty |= DIRTY_MAIN | DIRTY_STATUS;
			return;
		}
		if (app->depth > 1)
			view_pop(app);
		else
			view_message(app, 0, "nothing to cancel (q or Q quits)");
		return;
	default:
		break;
	}
	unsigned d = v->ops->request(app, v, req);
	if (d == (unsigned)-1) { /* not handled: say so rather than nothing */
		d = 0;
		if (req != REQ_BACK) {
			view_message(app, 0, "%s: nothing to do in the %s view (? lists the keys)",
			             keymap_request_name(req), v->ops->name);
			d = DIRTY_STATUS;
		}
	}
	app->dirty |= d;
	if (req == REQ_BACK && !d) {
		if (app->depth > 1)
			view_pop(app);
		else
			app->quit = 1;
	}
}

static void handle_key(struct app *app, int fn, wint_t ch)
{
	if (app->msg[0]) {
		app->msg[0] = 0;
		app->dirty |= DIRTY_STATUS;
	}
	if (fn && ch == KEY_RESIZE) {
		do_resize(app);
		return;
	}
	if (fn && ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && !app->prompt && !app->too_small)
			handle_mouse(app, &ev);
		return;
	}
	if (app->prompt) {
		prompt_key(app, fn, ch);
		return;
	}
	if (app->too_small) {
		/* nothing can be drawn, but back and quit still do what they say:
		 * back closes a view (quits only at the top), quit quits */
		enum request req = keymap_lookup(&app->keymap, fn ? KEYMAP_FN | (int)ch : (int)ch);
		if (req == REQ_QUIT || (req == REQ_BACK && app->depth <= 1))
			app->quit = 1;
		else if (req == REQ_BACK)
			view_pop(app);
		return;
	}
	if (app->pending != REQ_NONE) {
		enum request p = app->pending;
		app->pending = REQ_NONE;
		app->dirty |= DIRTY_STATUS;
		if (fn || state_mark_index((int)ch) < 0) {
			if (!(!fn && ch == 27))
				view_message(app, 1, "marks are letters a-z, A-Z");
			return;
		}
		if (p == REQ_MARK) {
			struct view *v = view_current(app);
			app->pending = REQ_MARK; /* tells the view which letter */
			app->letter = (int)ch;
			unsigned d = v->ops->request(app, v, REQ_MARK);
			app->pending = REQ_NONE;
			if (d == (unsigned)-1)
				view_message(app, 1, "marks are set in an article");
			else
				app->dirty |= d;
		} else {
			goto_mark(app, (int)ch);
		}
		return;
	}
	int key = fn ? KEYMAP_FN | (int)ch : (int)ch;
	enum request req = keymap_lookup(&app->keymap, key);
	if (req == REQ_NONE) {
		char name[32];
		view_message(app, 0, "%s: no such key (? lists the keys)",
		             keymap_key_name(key, name, sizeof name));
		return;
	}
	handle_request(app, req);
}

/* Page options from the command line, then the config file. */
static void page_options(struct app *app)
{
	const struct config *cfg = &app->cfg;
	int terminal = app->opts.bidi == UI_BIDI_TERMINAL;
	if (app->opts.bidi == UI_BIDI_APP && cfg->bidi_terminal == 1 && !app->opts.bidi_given)
		terminal = 1;
	int shape = app->opts.shape != UI_SHAPE_OFF;
	if (app->opts.shape == UI_SHAPE_AUTO && cfg->shape == 0)
		shape = 0;
	int mirror = app->opts.mirror;
	if (mirror && cfg->mirror == 0)
		mirror = 0;
	app->opts.bidi = terminal ? UI_BIDI_TERMINAL : UI_BIDI_APP;
	app->popts = (struct page_opts){.shape = shape && !terminal, .mirror = mirror,
	                                .reorder = !terminal, .header = 1, .dir = BIDI_AUTO};
	theme_text_opts(app);
}

static int open_start_views(struct app *app)
{
	const struct corpus *c = app->corpus;
	const struct view_ops *top = c->nevents ? &view_timeline_ops : &view_list_ops;
	long a = -1;
	if (app->opts.open_id)
		a = corpus_find_article(c, app->opts.open_id);
	else if (app->state.last[0] && !app->opts.files_given)
		a = corpus_find_article(c, app->state.last);
	app->event = c->nevents ? 0 : VIEW_NONE;
	if (a >= 0 && c->articles[a].event >= 0)
		app->event = (size_t)c->articles[a].event;
	if (view_push(app, top, VIEW_NONE, -1, 0, a >= 0 ? (size_t)a : VIEW_NONE) != 0)
		return -1;
	if (a < 0)
		return 0;
	/* --open, or the article read last: reopened where it was left */
	if (top != &view_list_ops && view_push(app, &view_list_ops, VIEW_NONE, -1, 0, (size_t)a) != 0)
		return -1;
	if (view_push(app, &view_article_ops, (size_t)a, -1, VIEW_SAVED_POS, 0) != 0)
		return -1;
	if (app->opts.open_compare)
		view_push(app, &view_compare_ops, (size_t)a, -1, 0, VIEW_NONE);
	else if (!app->opts.open_id)
		view_message(app, 0, "%s reopened where you left it; q goes back", c->articles[a].id);
	return 0;
}

static void app_free(struct app *app)
{
	while (app->depth)
		view_pop(app);
	view_kept_free(app);
	drop_labels(app);
	free(app->event_labels);
	free(app->title_labels);
	free(app->order);
	if (app->have_needle)
		fold_free(&app->needle);
	keymap_free(&app->keymap);
	config_free(&app->cfg);
	state_free(&app->state);
}

/* Everything ui_run does before its loop: the reader set up, its views
 * opened, all dirty. NULL with *status set when the terminal cannot be
 * used. */
static struct app *app_start(struct corpus *c, const struct ui_opts *o, int *status_out)
{
	struct app *app = calloc(1, sizeof *app);
	char serr[1400] = "";
	int status = 0;
	if (!app)
		term_die(NULL, 1, "out of memory");
	app->corpus = c;
	app->opts = *o;
	app->sidebar = 1;
	app->pending = REQ_NONE;
	if ((status = term_check_locale()) != 0) {
		free(app);
		*status_out = status;
		return NULL;
	}
	config_defaults(&app->cfg);
	theme_defaults(&app->theme);
	if (keymap_init(&app->keymap) != 0 || build_order(app) != 0)
		term_die(NULL, 1, "out of memory");
	config_load(&app->cfg, o->config_path, &app->keymap, &app->theme);
	page_options(app);
	state_load(&app->state, o->state_dir, serr, sizeof serr);
	app->event_labels = calloc(c->nevents + 1, sizeof *app->event_labels);
	app->title_labels = calloc(c->narticles + 1, sizeof *app->title_labels);
	if (!app->event_labels || !app->title_labels)
		term_die(NULL, 1, "out of memory");

	if ((status = term_start(&app->term, app->opts.bidi == UI_BIDI_APP)) != 0) {
		app_free(app);
		free(app);
		*status_out = status;
		return NULL;
	}
	theme_apply(&app->theme);
	getmaxyx(stdscr, app->rows, app->cols);
	app->too_small = app->rows < MIN_ROWS || app->cols < MIN_COLS;
	app->sidebar_squeezed = app->sidebar && c->nevents && view_sidebar_width(app) == 0;
	if (open_start_views(app) != 0 && app->depth == 0)
		term_die(&app->term, 1, "cannot open the reader: %s", app->msg);
	/* the configuration's problems: the one, or how many (? lists them) */
	char cerr[1400] = "";
	const struct diag_list *cp = &app->cfg.problems;
	/* the file by its name (the help screen and --check-config give the
	 * path): the message keeps room for what is wrong */
	const char *cname = strrchr(app->cfg.path, '/') ? strrchr(app->cfg.path, '/') + 1
	                                                : app->cfg.path;
	if (cp->n == 1 && cp->items[0].line)
		snprintf(cerr, sizeof cerr, "%s:%u: %s", cname, cp->items[0].line, cp->items[0].msg);
	else if (cp->n == 1)
		snprintf(cerr, sizeof cerr, "%s: %s", cp->items[0].file, cp->items[0].msg);
	else if (cp->n > 1)
		snprintf(cerr, sizeof cerr, "%zu problems in %s: ? lists them", cp->n, app->cfg.path);
	if (cerr[0] && serr[0])
		view_message(app, 1, "%s; %s", cerr, serr);
	else if (cerr[0] || serr[0])
		view_message(app, 1, "%s", cerr[0] ? cerr : serr);
	app->dirty = DIRTY_ALL;
	return app;
}

/* Everything ui_run does after its loop: the views closed (recording where
 * each article was read), the state saved, the terminal restored, app
 * freed. */
static void app_finish(struct app *app, int hung_up)
{
	char serr[1400] = "";
	app->quitting = 1;
	while (app->depth)
		view_pop(app);
	int save = state_save(&app->state, serr, sizeof serr);
	term_end(&app->term);
	if (save != 0 && !term_quit_signal && !hung_up)
		sanitize_fprintf(stderr, "tandem: %s\n", serr);
	app_free(app);
	free(app);
}

/* Milliseconds of reading between two looks at the keyboard while a
 * deferred load goes on, and between two redraws of its progress. */
#define LOAD_SLICE_MS 20
#define LOAD_SHOW_MS 200

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One slice of the corpus's deferred load (corpus_load_step), between
 * keys: the titles it read are drawn again where shown, and the progress
 * on the status line now and then (it leaves when the load is done). */
static void load_slice(struct app *app, struct timespec *shown)
{
	struct corpus *c = app->corpus;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		size_t from = c->load_next, vfrom = c->verify_next;
		if (corpus_load_step(c, 8) < 0)
			term_die(&app->term, 1, "out of memory while reading the corpus");
		/* read, or read again when checked (changed since indexed) */
		for (size_t k = from; k <= c->load_next && k < c->narticles; k++)
			forget_title(app, k);
		for (size_t k = vfrom; k <= c->verify_next && k < c->narticles; k++)
			forget_title(app, k);
	} while ((c->load_left || c->verify_left) && ms_since(&t0) < LOAD_SLICE_MS);
	if (!c->load_left && !c->verify_left) {
		/* done: the progress leaves the status line */
		/* what the views worked out from placeholders is worked out again */
		for (int i = 0; i < app->depth; i++)
			if (app->stack[i].ops->resize && !app->too_small)
				app->stack[i].ops->resize(app, &app->stack[i],
				                          view_pane(app, &app->stack[i]));
		app->dirty = DIRTY_ALL;
	} else if (ms_since(shown) >= LOAD_SHOW_MS) {
		app->dirty |= DIRTY_STATUS;
		*shown = t0;
	}
}

int ui_run(struct corpus *c, const struct ui_opts *o)
{
	int status = 0;
	struct app *app = app_start(c, o, &status);
	if (!app)
		return status;
	/* TANDEM_BENCH_EXIT_AFTER_FIRST_FRAME=1 (`make bench`): exit as soon
	 * as the first frame is on the terminal */
	const char *bench = getenv("TANDEM_BENCH_EXIT_AFTER_FIRST_FRAME");
	int exit_after_frame = bench && !strcmp(bench, "1");
	int hung_up = 0;
	struct timespec shown = {0, 0};
	while (!app->quit && !term_quit_signal) {
		if (app->dirty) {
			update(app);
			if (exit_after_frame) {
				term_end(&app->term);
				_exit(0);
			}
		}
		wint_t ch;
		/* while files are still to be read, a key is not waited for */
		WINDOW *keys = app->term.keys;
		wtimeout(keys, c->load_left || c->verify_left ? 0 : -1);
		int r = wget_wch(keys, &ch);
		if (r != ERR) {
			handle_key(app, r == KEY_CODE_YES, ch);
		} else if ((c->load_left || c->verify_left) && !term_gone()) {
			load_slice(app, &shown);
		} else if (term_gone()) {
			/* the terminal went away without a SIGHUP reaching us */
			hung_up = 1;
			break;
		}
	}
	app_finish(app, hung_up);
	return 0;
}

struct app *ui_replay_start(struct corpus *c, const struct ui_opts *o, int *status)
{
	*status = 0;
	struct app *app = app_start(c, o, status);
	if (app)
		update(app);
	return app;
}

void ui_replay_key(struct app *app, int fn, unsigned ch)
{
	handle_key(app, fn, (wint_t)ch);
	if (app->dirty)
		update(app);
}

void ui_replay_compose(struct app *app, int fn, unsigned ch)
{
	handle_key(app, fn, (wint_t)ch);
	if (app->dirty)
		compose(app);
}

void ui_replay_send(struct app *app)
{
	(void)app;
	output_frame();
}

void ui_replay_after_frame(struct app *app)
{
	save_after_frame(app);
}

int ui_replay_quit(const struct app *app)
{
	return app->quit;
}

void ui_replay_end(struct app *app)
{
	app_finish(app, 0);
}

void view_position(char *buf, size_t size, size_t top, size_t h, size_t n)
{
	size_t end = top + h;
	if (n == 0)
		snprintf(buf, size, "0/0");
	else if (top == 0 && end >= n)
		snprintf(buf, size, "1/%zu all", n);
	else if (top == 0)
		snprintf(buf, size, "1/%zu top", n);
	else if (end >= n)
		snprintf(buf, size, "%zu/%zu end", top + 1, n);
	else
		snprintf(buf, size, "%zu/%zu %2zu%%", top + 1, n, end * 100 / n);
}

int view_scroll_target(enum request req, long top, long h, long bottom, long *target)
{
	long page = h > 2 ? h - 1 : 1, half = h > 1 ? h / 2 : 1;
	switch (req) {
	case REQ_LINE_DOWN:
		*target = top + 1;
		return 1;
	case REQ_LINE_UP:
		*target = top - 1;
		return 1;
	case REQ_PAGE_DOWN:
		*target = top + page;
		return 1;
	case REQ_PAGE_UP:
		*target = top - page;
		return 1;
	case REQ_HALF_DOWN:
		*target = top + half;
		return 1;
	case REQ_HALF_UP:
		*target = top - half;
		return 1;
	case REQ_TOP:
		*target = 0;
		return 1;
	case REQ_BOTTOM:
		*target = bottom;
		return 1;
	default:
		return 0;
	}
}
