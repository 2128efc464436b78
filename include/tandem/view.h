/* view.h — the reader's state and its views. The app struct holds
 * everything the main loop and the views share (no mutable globals); each
 * view (timeline, list, article, compare, search results, raw text, help)
 * is a file ending in a `struct view_ops` table. Handlers change state and
 * return dirty flags; app.c's update function draws. */
#ifndef TANDEM_VIEW_H
#define TANDEM_VIEW_H

#include <stddef.h>

#include "tandem/config.h"
#include "tandem/draw.h"
#include "tandem/label.h"
#include "tandem/lineedit.h"
#include "tandem/corpus.h"
#include "tandem/fold.h"
#include "tandem/keymap.h"
#include "tandem/page.h"
#include "tandem/state.h"
#include "tandem/term.h"
#include "tandem/theme.h"
#include "tandem/ui.h"

enum view_dirty {
	DIRTY_MAIN = 1 << 0,
	DIRTY_SIDEBAR = 1 << 1,
	DIRTY_STATUS = 1 << 2,
	/* the main pane's view redraws only what changed (the rows a scroll
	 * uncovered): update() calls its draw without blanking the pane first;
	 * the view sees app->dirty without DIRTY_MAIN then. Only a view whose
	 * draw handles it returns it. */
	DIRTY_ROWS = 1 << 3,
	DIRTY_ALL = DIRTY_MAIN | DIRTY_SIDEBAR | DIRTY_STATUS,
};

#define VIEW_STACK_MAX 16
#define VIEW_LIST_HEAD_ROWS 3
#define VIEW_MIN_TEXT 36      /* columns the text keeps beside the sidebar */
#define VIEW_MIN_SIDEBAR 12   /* the narrowest sidebar: dates only */ /* an event's list: its date, title and a blank */
#define VIEW_NONE ((size_t)-1)
/* The compare view's arg: VIEW_NONE (from an article: its translations and
 * its event), an event index, or VIEW_WITH(a): the article with article a,
 * chosen by the user. */
#define VIEW_WITH_FLAG ((size_t)1 << (sizeof(size_t) * 8 - 2))
#define VIEW_WITH(a) (VIEW_WITH_FLAG | (a))
#define VIEW_SAVED_POS (-1L) /* as `line`: open where the reader left off */

struct rect {
	int y, x, h, w;
};

struct app;
struct view;

struct view_ops {
	const char *name;       /* mode shown on the status line */
	int fullscreen;         /* uses the whole width: no sidebar */
	int list;               /* a list: a wheel step moves one item */
	/* Builds the view's data. 0, or -1 with a message set. */
	int (*open)(struct app *app, struct view *v);
	/* Draws into r (the view clears what it does not draw). */
	void (*draw)(struct app *app, struct view *v, struct rect r);
	/* Handles a request; returns dirty flags. */
	unsigned (*request)(struct app *app, struct view *v, enum request req);
	/* A new search (first = 1) or n/N (dir). Returns dirty flags. */
	unsigned (*search)(struct app *app, struct view *v, int dir, int first);
	/* The pane size changed: re-lay out keeping the reading position. */
	void (*resize)(struct app *app, struct view *v, struct rect r);
	/* Status line: "id lang date" and "line/total pct%". */
	void (*status)(struct app *app, struct view *v, char *left, size_t nl, char *pos,
	               size_t np);
	/* A click at row y of the pane. Returns dirty flags. */
	unsigned (*click)(struct app *app, struct view *v, int y, int x);
	void (*close)(struct app *app, struct view *v);
};

struct view {
	const struct view_ops *ops;
	void *data;             /* owned by the view */
	size_t article;         /* article it shows, VIEW_NONE */
	long block, line;       /* where to open (block -1: saved position) */
	size_t arg;             /* view-specific: event, search hit */
};

/* Views closed last, kept to open again at once (view_kept.c). */
#define VIEW_KEPT_PAGES 4
struct compare;
struct view_kept {
	struct page *pages[VIEW_KEPT_PAGES]; /* article pages, most recently
	                                        closed first; owned */
	struct compare *cmp;                 /* the comparison; owned */
};

struct app {
	struct term_session term; /* the curses session */
	struct corpus *corpus;
	struct ui_opts opts;
	struct page_opts popts;
	struct config cfg;
	struct keymap keymap;
	struct theme theme;
	struct state state;
	int rows, cols;
	int too_small;
	int sidebar;            /* shown */
	int sidebar_squeezed;   /* shown, but no room for it: said once */
	size_t event;           /* event selected in the sidebar, VIEW_NONE */
	size_t *order;          /* articles in timeline order; owned */
	size_t norder;
	struct view stack[VIEW_STACK_MAX];
	int depth;
	char msg[512];
	int msg_error;
	char query[256];        /* last search, UTF-8 */
	struct fold_text needle;
	int have_needle;        /* highlight matches */
	int prompt;             /* reading a search query */
	struct lineedit prompt_edit; /* the query being typed */
	int cursor_y, cursor_x; /* where the prompt's cursor is drawn */
	int cursor_shown;       /* the terminal cursor is visible */
	enum request pending;   /* REQ_MARK or REQ_GOTO_MARK awaiting a letter */
	int letter;             /* the mark letter while REQ_MARK is handled */
	int quitting;           /* closing every view: no re-layout */
	int state_failed;       /* saving the state failed (reported once) */
	int save_state;         /* the state to save after the next frame */
	unsigned dirty;
	int quit;
	/* per event and per article: a title's label, made when it is first
	 * drawn (view_event_label, view_title_label); NULL until then; owned */
	struct label **event_labels;
	struct label **title_labels;
	struct view_kept kept;
};

/* view_kept.c: a closed article view's page, or a compare view's
 * comparison, kept (taken over; destroyed at once when the reader is
 * quitting or the page has a repeat expanded). view_take_page gives back
 * the kept page of article a (the caller owns it), view_take_compare the
 * kept comparison of articles idx[0..n), in that order, or NULL: none kept,
 * made with other page options than app->popts, or an article's file
 * changed on disk (then it is destroyed). view_kept_free destroys them all. */
void view_keep_page(struct app *app, struct page *p);
struct page *view_take_page(struct app *app, const struct corpus_article *a);
void view_keep_compare(struct app *app, struct compare *cmp);
struct compare *view_take_compare(struct app *app, const size_t *idx, size_t n);
void view_kept_free(struct app *app);

/* The view tables. */
extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_list_ops;
extern const struct view_ops view_article_ops;
extern const struct view_ops view_compare_ops;
extern const struct view_ops view_search_ops;
extern const struct view_ops view_raw_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_pick_ops;
extern const struct view_ops view_evidence_ops;
extern const struct view_ops view_facts_ops;

/* view_evidence.c: e in the timeline or a list: the paragraphs that report
 * event ev (VIEW_NONE: none selected, said so). Returns dirty flags. */
unsigned view_event_evidence(struct app *app, size_t ev);
/* view_facts.c: F there: event ev's fact table. */
unsigned view_event_facts(struct app *app, size_t ev);

/* view_compare.c: c on an article: the compare view of its translations or
 * its event, or, when it has none, the list of articles to compare it with
 * (view_pick.c). Returns dirty flags. */
unsigned view_compare_open(struct app *app, size_t article, long block, long line);

/* app.c: view stack and messages. */
struct view *view_current(struct app *app);
/* Opens a view on top of the stack. 0, or -1 (message set). */
int view_push(struct app *app, const struct view_ops *ops, size_t article, long block,
              long line, size_t arg);
void view_pop(struct app *app);
void view_message(struct app *app, int error, const char *fmt, ...);
/* The label of event e's title (in the reader's language) and of article
 * i's title, analysed with app->popts when first asked for: the start
 * analyses only the titles its first frame shows. Owned by app; never
 * NULL (a label that cannot be made shows nothing, label.h). */
struct label *view_event_label(struct app *app, size_t e);
struct label *view_title_label(struct app *app, size_t i);
/* The main pane rectangle for a view. */
struct rect view_pane(const struct app *app, const struct view *v);
/* Sets the selected event and marks the sidebar dirty. */
void view_select_event(struct app *app, size_t ev);
/* The status line's position, as less shows it: "first/total" and where
 * the screen is ("top", "end", "all", or how far down its last row is).
 * top: the first row shown, h: rows shown, n: rows in all. */
void view_position(char *buf, size_t size, size_t top, size_t h, size_t n);
/* Position of article a in app->order, or VIEW_NONE. */
size_t view_order_index(const struct app *app, size_t article);
/* The top row a movement request (line, page, half page, top, bottom) asks
 * for, given the current top, the pane height and the last top row: 1 with
 * *target set when req is one, 0 otherwise. */
int view_scroll_target(enum request req, long top, long h, long bottom, long *target);

/* panes.c: a date for the status line and lists: YYYY-MM-DD (or less
 * precise), or "undated". buf holds 16 bytes. Returns buf. */
char *view_date(const struct date_ymd *d, char *buf);
/* panes.c: the sidebar, drawn beside every non-fullscreen view, and its
 * width (0 when hidden or there are no events). */
void view_sidebar_draw(struct app *app, struct rect r);
int view_sidebar_width(const struct app *app);
/* The event at sidebar row y, or VIEW_NONE. */
size_t view_sidebar_event_at(const struct app *app, int y);

/* view_timeline.c: / in the timeline or the list searches the corpus. */
unsigned view_corpus_search(struct app *app, struct view *v, int dir, int first);

/* panes.c: the articles of the selected event (sel: highlighted entry,
 * VIEW_NONE for none). */
void view_list_draw_pane(struct app *app, struct rect r, size_t sel, int focused);
/* How many articles the list shows: the selected event's, or every one. */
size_t view_list_count(const struct app *app);
/* The article of list entry i (i < view_list_count). */
size_t view_list_article(const struct app *app, size_t i);
/* The list entry drawn at row y of a pane h rows high with sel selected,
 * or VIEW_NONE. */
size_t view_list_entry_at(const struct app *app, int h, size_t sel, int y);

/* view_article.c: search highlights of page piece `piece` (all matches of
 * app->needle, the current match `cur` in another colour). Returns how many
 * ranges were written to hl (up to max). */
size_t view_piece_highlights(struct app *app, struct page *p, size_t piece,
                             const struct page_match *cur, struct draw_hl *hl, size_t max);
/* Draws page row `row` of p at (y, x) in w columns with highlights. */
void view_draw_page_row(struct app *app, struct page *p, size_t row, int y, int x, int w,
                        const struct page_match *cur);
/* The same with more highlight ranges (drawn under the search's). */
void view_draw_page_row_hl(struct app *app, struct page *p, size_t row, int y, int x, int w,
                           const struct page_match *cur, const struct draw_hl *extra,
                           size_t nextra);
/* Saves the reading position of a page whose top row is `top`. */
void view_save_position(struct app *app, const struct page *p, size_t top);
/* Moves an article view (no-op for another view) to where row `row` of
 * page `from` (the same article at another width) is: the same paragraph,
 * the line holding the same character. How the compare view hands its place
 * back to the article it was opened from. */
void view_article_goto(struct view *v, const struct page *from, size_t row);
/* Marks a mention in an article view (the evidence list opens an article
 * at a paragraph with its mention lit): bytes [off, off + len) of block. */
void view_article_mark(struct view *v, long block, size_t off, size_t len);
/* The page of an article view and its top row, or NULL (another view, not
 * laid out yet). */
const struct page *view_article_page(const struct view *v, size_t *top);
/* The row of page `to` showing what row `row` of page `from` shows (the
 * same article at another width): the same paragraph, the line holding the
 * same first character. */
size_t view_row_matching(const struct page *to, const struct page *from, size_t row);
/* The position (block, line offset; block -1: line is the row) of a row. */
void view_position_of_row(const struct page *p, size_t row, long *block, long *line);
/* The row of a saved position (block, line) in a laid-out page. */
size_t view_row_of_position(const struct page *p, long block, long line);

#endif
