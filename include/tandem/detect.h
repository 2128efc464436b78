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

/* When `line` (UTF-8, n bytes, no newline) is a source line — "LABEL: URL"
 * with a label of some twenty-five languages ("Source", "Sumber", "المصدر",
 * "Источник", "מקור", "منبع", "来源", "出典", "Fuente", "Quelle", "Fonte",
 * "Kaynak", "Nguồn", "Źródło", "Bron"…), letter case ignored, ':' or '：' —
 * returns the URL as a new string (caller frees); else NULL. */
char *detect_source_line(const char *line, size_t n);

/* A title from a paragraph: its first sentence (ending at . ! ? । ॥ 。 ！ ？
 * ؟ ۔ ። of any script), shortened to at most max_cols display columns with
 * "…": at the last space (unless that keeps less than half the width) or
 * word boundary inside Thai, Lao, Khmer or Myanmar (wordbreak.h), whichever
 * comes later, else between grapheme clusters. Caller frees; NULL when
 * memory runs out. */
char *detect_title(const char *paragraph, size_t n, int max_cols);

#endif
