/* config.h — the configuration file $XDG_CONFIG_HOME/tandem/config
 * (fallback ~/.config/tandem/config), INI read with ini.h: [keys],
 * [colors], [reader]. */
#ifndef TANDEM_CONFIG_H
#define TANDEM_CONFIG_H

#include "tandem/diag.h"
#include "tandem/keymap.h"
#include "tandem/theme.h"

struct config {
	int measure;        /* maximum text width, default 80 */
	int sidebar;        /* sidebar width, default 30 */
	int bidi_terminal;  /* -1: not set; 0: app; 1: terminal */
	int shape;          /* -1: not set; 0 off, 1 on, 2 auto */
	int mirror;         /* -1: not set */
	char lang[16];      /* language of event titles, default "en" */
	char path[1024];    /* the file read ("" when none) */
	struct diag_list problems; /* every problem found, with its line */
};

void config_defaults(struct config *cfg);

/* Frees what config_load kept (the problems). */
void config_free(struct config *cfg);

/* Reads the file at path (NULL: the default location), applying bindings to
 * km and colours to th; what is good applies, whatever else is wrong. A
 * missing file is not an error. Returns the number of problems, each in
 * cfg->problems with the file and line. */
int config_load(struct config *cfg, const char *path, struct keymap *km, struct theme *th);

#endif
