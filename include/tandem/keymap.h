/* keymap.h — keys to requests. One macro table names every request with its
 * config-file name, its default keys and its help text; the enum, the
 * default bindings, the config parser and the help screen are all built
 * from it. */
#ifndef TANDEM_KEYMAP_H
#define TANDEM_KEYMAP_H

#include <stddef.h>

/*  R(ENUM, "config-name", "default keys (space separated)", "help text") */
#define KEYMAP_REQUESTS(R) \
	R(LINE_DOWN, "line-down", "j Down C-n C-e", "scroll down one line / next item") \
	R(LINE_UP, "line-up", "k Up C-p C-y", "scroll up one line / previous item") \
	R(PAGE_DOWN, "page-down", "Space f PgDn C-f", "scroll down one page") \
	R(PAGE_UP, "page-up", "b PgUp C-b", "scroll up one page") \
	R(HALF_DOWN, "half-page-down", "d C-d", "scroll down half a page") \
	R(HALF_UP, "half-page-up", "u C-u", "scroll up half a page") \
	R(TOP, "top", "g Home", "go to the top") \
	R(BOTTOM, "bottom", "G End", "go to the bottom") \
	R(PARA_PREV, "paragraph-prev", "{", "previous paragraph") \
	R(PARA_NEXT, "paragraph-next", "}", "next paragraph") \
	R(ARTICLE_PREV, "article-prev", "[", "previous article on the timeline") \
	R(ARTICLE_NEXT, "article-next", "]", "next article on the timeline") \
	R(ENTER, "open", "Enter", "open the selection / expand a repeated paragraph") \
	R(BACK, "back", "q Backspace", "go back; quit from the top level") \
	R(CANCEL, "cancel", "Esc", "cancel; clear the search highlight") \
	R(QUIT, "quit", "Q C-c", "quit at once") \
	R(SEARCH, "search", "/", "search (in the article, or the whole corpus)") \
	R(SEARCH_NEXT, "search-next", "n", "next match") \
	R(SEARCH_PREV, "search-prev", "N", "previous match") \
	R(MARK, "mark", "m", "set a mark (then a letter)") \
	R(GOTO_MARK, "goto-mark", "'", "go to a mark (then a letter)") \
	R(SIDEBAR, "toggle-sidebar", "t", "hide or show the timeline") \
	R(COMPARE, "compare", "c", "compare translations side by side") \
	R(SYNC, "toggle-sync", "a", "compare: synchronised or independent scrolling") \
	R(FOCUS_NEXT, "focus-next", "Tab l Right", "compare: focus the next column") \
	R(FOCUS_PREV, "focus-prev", "BackTab h Left", "compare: focus the previous column") \
	R(CYCLE_LANG, "cycle-translation", "L", "compare: another translation in this column") \
	R(DIFF_NEXT, "difference-next", "x", "compare: next difference in numbers or dates between translations (a lexical comparison, not a judge of truth)") \
	R(DIFF_PREV, "difference-prev", "X", "compare: previous difference between translations") \
	R(FACTS, "facts", "F", "the event's numbers and dates, grouped, report beside report") \
	R(EVIDENCE, "evidence", "e", "the paragraphs reporting the event / the events this paragraph reports") \
	R(RAW, "raw", "r", "show the raw stored text") \
	R(REVEAL, "reveal", "R", "show or hide invisible characters (bidi controls, zero-width) as marks") \
	R(HELP, "help", "? F1", "this help") \
	R(REDRAW, "redraw", "C-l", "redraw the screen") \
	R(SUSPEND, "suspend", "C-z", "suspend (fg resumes)")

enum request {
	REQ_NONE,
#define KEYMAP_ENUM(id, name, keys, help) REQ_##id,
	KEYMAP_REQUESTS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	REQ_COUNT
};

/* A key: a character (its code point) or a function key (KEYMAP_FN | the
 * curses key code). */
#define KEYMAP_FN 0x40000000

struct keymap_binding {
	int key;
	enum request req;
};

struct keymap {
	struct keymap_binding *b; /* owned; later bindings win */
	size_t n, cap;
};

/* Fills km with the default bindings. 0, or -1 when memory runs out. */
int keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);

/* Binds key to req (replacing the key's earlier binding). 0 or -1. */
int keymap_bind(struct keymap *km, int key, enum request req);

/* The request of a key, REQ_NONE if unbound. */
enum request keymap_lookup(const struct keymap *km, int key);

/* Parses a key spec ("j", "C-f", "Down", "PgDn", "F1", "Space", "Enter",
 * "Tab", "Esc", a UTF-8 character). Returns the key, or -1. */
int keymap_parse_key(const char *spec);

/* Writes the name of key into buf (size n). Returns buf. */
char *keymap_key_name(int key, char *buf, size_t n);

/* The request with this config name, or REQ_NONE. */
enum request keymap_request_by_name(const char *name);
const char *keymap_request_name(enum request r);
const char *keymap_request_help(enum request r);

/* The keys bound to r, by name, separated by spaces, into buf (size n;
 * the names that do not fit are left out). Returns buf. */
char *keymap_keys_of(const struct keymap *km, enum request r, char *buf, size_t n);

#endif
