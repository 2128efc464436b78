/* theme.c — owns the element styles: defaults from THEME_ELEMENTS, parsing of
 * [colors] values ("fg bg attrs..."), and the choice between colour pairs and
 * monochrome attributes (NO_COLOR, terminals without colour). */
#include "tandem/theme.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct theme_spec defaults[THEME_COUNT] = {
#define THEME_DEFAULT(id, name, fg, bg, attrs) [THEME_##id] = {fg, bg, attrs, 0},
	THEME_ELEMENTS(THEME_DEFAULT)
#undef THEME_DEFAULT
};

static const char *const names[THEME_COUNT] = {
#define THEME_NAME(id, name, fg, bg, attrs) [THEME_##id] = name,
	THEME_ELEMENTS(THEME_NAME)
#undef THEME_NAME
};

void theme_defaults(struct theme *t)
{
	memset(t, 0, sizeof *t);
	memcpy(t->spec, defaults, sizeof defaults);
}

static int parse_color(const char *s, short *out)
{
	static const char *const colors[] = {"black", "red",     "green", "yellow",
	                                     "blue",  "magenta", "cyan",  "white"};
	if (!strcasecmp(s, "default")) {
		*out = -1;
		return 0;
	}
	for (short i = 0; i < 8; i++)
		if (!strcasecmp(s, colors[i])) {
			*out = i;
			return 0;
		}
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && !*end && v >= 0 && v <= 255) {
		*out = (short)v;
		return 0;
	}
	return -1;
}

static int parse_attr(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} attrs[] = {{"bold", THEME_BOLD},           {"dim", THEME_DIM},
	             {"reverse", THEME_REVERSE},     {"underline", THEME_UNDERLINE},
	             {"italic", THEME_ITALIC},       {"normal", 0}};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (!strcasecmp(s, attrs[i].name)) {
			*out |= attrs[i].bit;
			return 0;
		}
	return -1;
}

int theme_parse(struct theme *t, const char *name, const char *value, char *err, size_t n)
{
	int e = -1;
	for (int i = 0; i < THEME_COUNT; i++)
		if (!strcmp(names[i], name))
			e = i;
	if (e < 0) {
		size_t k = (size_t)snprintf(err, n, "unknown element; the elements are");
		for (int i = 0; i < THEME_COUNT && k < n; i++)
			k += (size_t)snprintf(err + k, n - k, " %s", names[i]);
		return -1;
	}
	struct theme_spec sp = {-1, -1, 0, 1};
	char buf[256];
	snprintf(buf, sizeof buf, "%s", value);
	int k = 0;
	char *save = NULL;
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save), k++) {
		if (k == 0 && parse_color(w, &sp.fg) == 0)
			continue;
		if (k == 1 && parse_color(w, &sp.bg) == 0)
			continue;
		if (parse_attr(w, &sp.attrs) != 0) {
			snprintf(err, n, "'%s': %s (colours: default black red green yellow blue magenta "
			         "cyan white or 0-255, foreground then background; then bold dim reverse "
			         "underline italic)", w, k < 2 ? "unknown colour" : "unknown attribute");
			return -1;
		}
		k = 2;
	}
	t->spec[e] = sp;
	return 0;
}

static attr_t attrs_of(unsigned bits)
{
	attr_t a = A_NORMAL;
	if (bits & THEME_BOLD)
		a |= A_BOLD;
	if (bits & THEME_DIM)
		a |= A_DIM;
	if (bits & THEME_REVERSE)
		a |= A_REVERSE;
	if (bits & THEME_UNDERLINE)
		a |= A_UNDERLINE;
#ifdef A_ITALIC
	if (bits & THEME_ITALIC)
		a |= A_ITALIC;
#endif
	return a;
}

void theme_apply(struct theme *t)
{
	const char *nc = getenv("NO_COLOR");
	t->color = !(nc && *nc) && has_colors() && start_color() == OK;
	if (t->color)
		use_default_colors();
	short next = 1;
	for (int i = 0; i < THEME_COUNT; i++) {
		const struct theme_spec *sp = &t->spec[i];
		int colored = t->color && (sp->fg >= 0 || sp->bg >= 0) && sp->fg < COLORS &&
		              sp->bg < COLORS && next < COLOR_PAIRS;
		if (colored && init_pair(next, sp->fg, sp->bg) == OK) {
			t->pair[i] = next++;
			/* with colour, reverse in the defaults only stood in for it */
			unsigned bits = sp->set ? sp->attrs : sp->attrs & ~(unsigned)THEME_REVERSE;
			t->attr[i] = attrs_of(bits);
		} else {
			/* no colour for it: a configured element given colours only
			 * keeps the default's attributes, so a highlight stays seen */
			unsigned bits = sp->attrs;
			if (sp->set && !bits && (sp->fg >= 0 || sp->bg >= 0))
				bits = defaults[i].attrs;
			t->pair[i] = 0;
			t->attr[i] = attrs_of(bits);
		}
	}
}
