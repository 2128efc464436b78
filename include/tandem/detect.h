/* detect.h — what an article does not say about itself: its language
 * (langid.h), its source URL (the trailing "Source:" line) and
 * a title (its first sentence, shortened). */
#ifndef TANDEM_DETECT_H
#define TANDEM_DETECT_H

#include <stddef.h>

/* BCP 47 tag of the language of UTF-8 text ("ar", "fa", "ru", "th"…), or
 * "und" when it cannot be identified with confidence: langid_tag. Static
 * string. */
const char *detect_language(const char *text, size_t n);

/* When `line` (UTF-8, n bytes, no newline) is a source line — "Source: URL",
 * "Sumber: URL", "المصدر: URL", "Nguồn: URL", "Fuente: URL", "Quelle: URL" —
 * returns the URL as a new string (caller frees); else NULL. */
char *detect_source_line(const char *line, size_t n);

/* A title from a paragraph: its first sentence, shortened at a word boundary
 * to at most max_cols display columns with "…". Caller frees; NULL when
 * memory runs out. */
char *detect_title(const char *paragraph, size_t n, int max_cols);

#endif
