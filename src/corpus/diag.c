/* diag.c — owns the list of diagnostics gathered while a corpus loads: what
 * is wrong, in which file, on which line. */
#include "tandem/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_add(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
              const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct diag *items = realloc(l->items, cap * sizeof *items);
		if (!items) {
			l->lost++;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	struct diag *d = &l->items[l->n];
	d->level = level;
	d->line = line;
	d->file = strdup(file ? file : "");
	d->msg = strdup(buf);
	if (!d->file || !d->msg) {
		free(d->file);
		free(d->msg);
		l->lost++;
		return;
	}
	l->n++;
}

size_t diag_count(const struct diag_list *l, enum diag_level level)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		k += l->items[i].level == level;
	return k;
}

const char *diag_level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_INFO:
		break;
	}
	return "info";
}

void diag_list_free(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].file);
		free(l->items[i].msg);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}
