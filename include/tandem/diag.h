/* diag.h — diagnostics about a corpus: each names a file, a line when there
 * is one, and what is wrong (or, for `tandem --check`, what was recognised). */
#ifndef TANDEM_DIAG_H
#define TANDEM_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_INFO, DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level level;
	char *file;          /* owned */
	unsigned line;       /* 0 when the message is about the whole file */
	char *msg;           /* owned */
};

struct diag_list {
	struct diag *items;  /* owned */
	size_t n, cap;
	size_t lost;         /* messages dropped because memory ran out */
};

/* Appends a message (printf format). Never fails: when memory runs out the
 * message is counted in `lost`. */
void diag_add(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

size_t diag_count(const struct diag_list *l, enum diag_level level);

/* "warning", "error", "info". */
const char *diag_level_name(enum diag_level level);

void diag_list_free(struct diag_list *l);

#endif
