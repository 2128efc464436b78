/* fold.h — search folding: a text made case-, diacritic-, harakat- and
 * tatweel-insensitive, with a map from every folded character back to the
 * character of the source it came from. */
#ifndef TANDEM_FOLD_H
#define TANDEM_FOLD_H

#include <stddef.h>
#include <stdint.h>

struct fold_text {
	uint32_t *cp;     /* folded code points; owned */
	size_t len;
	size_t *src;      /* src[i]: index in the source of the character that
	                     produced cp[i]; src[len] = source length; owned */
};

/* Folds cp[0..n): NFKD, case fold, drop non-spacing marks (accents,
 * harakat) and tatweel U+0640. Returns 0, or -1 when memory runs out (then
 * nothing to free). Free with fold_free. */
int fold_text(const uint32_t *cp, size_t n, struct fold_text *out);

/* Folds a UTF-8 string (a query). Invalid bytes fold to U+FFFD. */
int fold_utf8(const char *s, size_t n, struct fold_text *out);

void fold_free(struct fold_text *f);

/* First occurrence of `needle` in `hay` at folded index >= from, or -1. */
long fold_find(const struct fold_text *hay, const struct fold_text *needle, size_t from);

/* Last occurrence of `needle` starting before folded index `before`, or -1. */
long fold_rfind(const struct fold_text *hay, const struct fold_text *needle, size_t before);

/* Source range [*start, *end) covered by the folded range [at, at + len). */
void fold_source_range(const struct fold_text *hay, size_t at, size_t len, size_t *start,
                       size_t *end);

#endif
