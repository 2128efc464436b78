/* config.c — owns the configuration file: finding it ($XDG_CONFIG_HOME, then
 * ~/.config), opening it by the one file rule (file.h: a regular file of at
 * most CONFIG_MAX_BYTES, never waited on), reading it with ini.h, which
 * numbers the lines so that a bad line is reported as FILE:LINE, and
 * applying [keys], [colors] and [reader]. */
#include "tandem/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/file.h"
#include "tandem/ini.h"

/* A configuration is a few hundred bytes; a larger file is not one. */
#define CONFIG_MAX_BYTES (1 << 20)
/* A key name longer than this is shown cut in a message. */
#define KEY_SHOWN_MAX 32

struct config_binding {
	int key;
	enum request req;
};

struct config_ctx {
	struct config *cfg;
	struct keymap *km;
	struct theme *th;
	FILE *fp;
	unsigned line;
	int bad;
	struct config_binding *bound; /* keys [keys] bound so far (owned) */
	size_t nbound, capbound;
};

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->measure = 80;
	cfg->sidebar = 30;
	cfg->bidi_terminal = -1;
	cfg->shape = -1;
	cfg->mirror = -1;
	snprintf(cfg->lang, sizeof cfg->lang, "en");
}

static void bad_line(struct config_ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records a bad line with its file and line; the rest of the file applies. */
static void bad_line(struct config_ctx *x, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	x->bad++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(&x->cfg->problems, DIAG_ERROR, x->cfg->path, x->line, "%s", msg);
}

void config_free(struct config *cfg)
{
	diag_list_free(&cfg->problems);
}

static int on_off(const char *v, int *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

static int int_in(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

static void reader_key(struct config_ctx *x, const char *name, const char *v)
{
	struct config *c = x->cfg;
	int n;
	if (!strcmp(name, "measure")) {
		if (int_in(v, 20, 1000, &c->measure))
			bad_line(x, "measure takes a number of columns (20-1000), not '%s'", v);
	} else if (!strcmp(name, "sidebar")) {
		if (int_in(v, 13, 200, &c->sidebar))
			bad_line(x, "sidebar takes a number of columns (13-200: a date needs 12), not '%s'", v);
	} else if (!strcmp(name, "bidi")) {
		if (!strcmp(v, "app") || !strcmp(v, "terminal"))
			c->bidi_terminal = !strcmp(v, "terminal");
		else
			bad_line(x, "bidi takes app or terminal, not '%s'", v);
	} else if (!strcmp(name, "shape")) {
		if (!strcmp(v, "auto"))
			c->shape = 2;
		else if (on_off(v, &n) == 0)
			c->shape = n;
		else
			bad_line(x, "shape takes auto, on or off, not '%s'", v);
	} else if (!strcmp(name, "mirror")) {
		if (on_off(v, &n) == 0)
			c->mirror = n;
		else
			bad_line(x, "mirror takes on or off, not '%s'", v);
	} else if (!strcmp(name, "lang")) {
		if (strlen(v) < sizeof c->lang && strlen(v) > 0)
			snprintf(c->lang, sizeof c->lang, "%s", v);
		else
			bad_line(x, "lang takes a language tag, not '%s'", v);
	} else {
		bad_line(x, "unknown setting '%s' in [reader]", name);
	}
}

static void keys_key(struct config_ctx *x, const char *name, const char *v)
{
	enum request r = keymap_request_by_name(name);
	if (r == REQ_NONE) {
		bad_line(x, "unknown request '%s'", name);
		return;
	}
	/* a value of any length: each whole token is a key */
	char *buf = strdup(v), *save = NULL;
	if (!buf) {
		bad_line(x, "out of memory binding %s", name);
		return;
	}
	for (char *t = strtok_r(buf, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		int k = keymap_parse_key(t);
		if (k < 0) {
			size_t n = strlen(t);
			if (n > KEY_SHOWN_MAX)
				bad_line(x, "bad key '%.*s...' (%zu bytes) for %s", KEY_SHOWN_MAX, t, n,
				         name);
			else
				bad_line(x, "bad key '%s' for %s", t, name);
			continue;
		}
		/* the file binding one key twice is a mistake worth a word;
		 * rebinding a default key is what [keys] is for */
		for (size_t i = 0; i < x->nbound; i++)
			if (x->bound[i].key == k && x->bound[i].req != r) {
				bad_line(x, "key '%s' is bound twice; it now does %s", t, name);
				break;
			}
		if (x->nbound == x->capbound) {
			size_t nc = x->capbound ? x->capbound * 2 : 32;
			struct config_binding *nb = realloc(x->bound, nc * sizeof *nb);
			if (!nb) {
				bad_line(x, "out of memory binding %s", name);
				break;
			}
			x->bound = nb;
			x->capbound = nc;
		}
		x->bound[x->nbound++] = (struct config_binding){k, r};
		if (keymap_bind(x->km, k, r) != 0)
			bad_line(x, "out of memory binding %s", name);
	}
	free(buf);
}

static int handler(void *user, const struct ini_item *it)
{
	struct config_ctx *x = user;
	const char *section = it->section, *name = it->name, *value = it->value;
	char err[512];
	x->line = it->line;
	if (it->kind == INI_ERROR || it->kind == INI_WARNING) {
		bad_line(x, "%s", it->message);
		return 1;
	}
	if (it->kind == INI_SECTION)
		return 1;
	if (!strcmp(section, "reader"))
		reader_key(x, name, value);
	else if (!strcmp(section, "keys"))
		keys_key(x, name, value);
	else if (!strcmp(section, "colors")) {
		if (theme_parse(x->th, name, value, err, sizeof err) != 0)
			bad_line(x, "[colors] %s: %s", name, err);
	} else
		bad_line(x, "unknown section [%s]", section);
	return 1; /* problems are counted; reading goes on */
}

int config_load(struct config *cfg, const char *path, struct keymap *km, struct theme *th)
{
	if (path)
		snprintf(cfg->path, sizeof cfg->path, "%s", path);
	else {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		if (xdg && *xdg == '/')
			snprintf(cfg->path, sizeof cfg->path, "%s/tandem/config", xdg);
		else if (home && *home)
			snprintf(cfg->path, sizeof cfg->path, "%s/.config/tandem/config", home);
		else
			return 0;
	}
	struct config_ctx x = {.cfg = cfg, .km = km, .th = th};
	struct diag_list d = {0};
	x.fp = file_open_limited(cfg->path, CONFIG_MAX_BYTES, &d, NULL);
	if (!x.fp) {
		int missing = errno == ENOENT;
		/* a FIFO, a device or a directory is said, never waited on */
		if (!missing || path)
			diag_add(&cfg->problems, DIAG_ERROR, cfg->path, 0, "%s; configuration ignored",
			         d.n ? d.items[0].msg : strerror(errno));
		diag_list_free(&d);
		if (!missing || path)
			return 1;
		cfg->path[0] = 0;
		return 0;
	}
	enum ini_status r = ini_parse_file(x.fp, handler, &x);
	fclose(x.fp);
	free(x.bound);
	if (r != INI_OK) {
		x.bad++;
		diag_add(&cfg->problems, DIAG_ERROR, cfg->path, 0, "cannot be read");
	}
	return x.bad;
}
