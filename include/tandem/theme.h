/* theme.h — the colours and attributes of every screen element: colour
 * pairs on colour terminals, bold/reverse/dim/underline on monochrome ones
 * and when NO_COLOR is set. Configurable from the [colors] section. */
#ifndef TANDEM_THEME_H
#define TANDEM_THEME_H

#include <stddef.h>

#define THEME_ELEMENTS(E) \
	E(TEXT, "text", -1, -1, 0) \
	E(TITLE, "title", -1, -1, THEME_BOLD) \
	E(META, "meta", -1, -1, THEME_DIM) \
	E(CAPTION, "caption", -1, -1, THEME_DIM | THEME_ITALIC) \
	E(PLACEHOLDER, "placeholder", -1, -1, THEME_DIM) \
	E(FOLDED, "folded", -1, -1, THEME_DIM | THEME_UNDERLINE) \
	E(SIDEBAR, "sidebar", -1, -1, 0) \
	E(SIDEBAR_DATE, "sidebar-date", 6, -1, THEME_BOLD) \
	E(BADGE, "badge", 3, -1, 0) \
	E(CURRENT, "current", 0, 6, THEME_REVERSE) \
	E(SELECTED, "selected", -1, -1, THEME_REVERSE) \
	E(BORDER, "border", -1, -1, THEME_DIM) \
	E(COLUMN_HEAD, "column-head", -1, -1, THEME_BOLD | THEME_UNDERLINE) \
	E(FOCUS_HEAD, "focus-head", 0, 6, THEME_REVERSE) \
	E(STATUS, "status", 7, 4, THEME_REVERSE) \
	E(POSITION, "position", -1, -1, 0) \
	E(MESSAGE, "message", 3, -1, THEME_BOLD) \
	E(ERROR, "error", 1, -1, THEME_BOLD) \
	E(MATCH, "match", 0, 3, THEME_UNDERLINE) \
	E(MATCH_CURRENT, "match-current", 7, 1, THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE) \
	E(DIFFERENCE, "difference", 7, 5, THEME_BOLD | THEME_UNDERLINE) \
	E(DIFFERENCE_CURRENT, "difference-current", 0, 5, THEME_REVERSE | THEME_BOLD)

enum theme_elem {
#define THEME_ENUM(id, name, fg, bg, attrs) THEME_##id,
	THEME_ELEMENTS(THEME_ENUM)
#undef THEME_ENUM
	THEME_COUNT
};

enum {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_REVERSE = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_ITALIC = 1 << 4,
};

struct theme_spec {
	short fg, bg;       /* curses colour numbers, -1 = default */
	unsigned attrs;     /* THEME_* bits */
	int set;            /* given in the config */
};

struct theme {
	struct theme_spec spec[THEME_COUNT];
	int color;          /* colours in use */
	unsigned long attr[THEME_COUNT]; /* curses attr_t incl. colour pair */
	short pair[THEME_COUNT];
	/* How draw_text sets a text that holds right-to-left characters (a
	 * quoted query, an Arabic title in a message or a header): as the
	 * reader sets article text. All 0 until the reader sets them. */
	int text_reorder, text_shape, text_mirror, text_reveal;
};

/* Default specs (no curses needed). */
void theme_defaults(struct theme *t);

/* Parses "fg bg attrs..." for element `name`. 0, or -1 with what is wrong,
 * naming the bad word, in err (n bytes). */
int theme_parse(struct theme *t, const char *name, const char *value, char *err, size_t n);

/* After initscr: decides colour or monochrome (NO_COLOR, has_colors) and
 * computes the attributes. */
void theme_apply(struct theme *t);

#endif
