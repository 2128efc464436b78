/* sanitize.h — the one output filter. Every byte tandem writes to a terminal
 * or a pipe — article text, titles, ids, file names, diagnostics, messages
 * before and after the reader — is decoded and filtered here: a character a
 * terminal could obey is shown as a visible symbol instead, invalid UTF-8 as
 * U+FFFD. The article decoder (decode.h) and the reader's chrome (draw.c)
 * map characters with the same function, so a control looks the same
 * wherever it shows. */
#ifndef TANDEM_SANITIZE_H
#define TANDEM_SANITIZE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Longest visible form of one character, in code points ("<9B>"). */
#define SANITIZE_MAX_CP 4

/* Decodes the next character of the UTF-8 text s (n > 0 bytes) into *c and
 * returns the bytes it took (>= 1). An invalid sequence, a surrogate or a
 * code point beyond U+10FFFF takes one byte and yields U+FFFD, with
 * *invalid set (when not NULL); a U+FFFD written in the text is valid. */
size_t sanitize_next(const char *s, size_t n, uint32_t *c, int *invalid);

/* True for a code point a terminal could obey: C0 (TAB and LF included),
 * DEL, C1 (U+0080..U+009F), surrogates and anything beyond U+10FFFF.
 * Inline: the decoder asks it of every character it reads. */
inline int sanitize_is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	       (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff;
}

/* The visible form of c into out (SANITIZE_MAX_CP code points): c itself
 * when it only prints; a C0 control as its Control Picture (U+2400 + c: ESC
 * shows as U+241B), DEL as U+2421, a C1 control as the four characters
 * "<9B>", anything else unsafe as U+FFFD. Returns the count (1 to 4). */
size_t sanitize_char(uint32_t c, uint32_t out[SANITIZE_MAX_CP]);

/* Flags of sanitize_write. */
enum {
	SANITIZE_KEEP_LF = 1,   /* LF ends a line instead of showing as U+240A */
	SANITIZE_KEEP_TAB = 2,  /* TAB passes (a column separator) */
	SANITIZE_KEEP_CR = 4,   /* CR passes (a progress line rewritten in place) */
};

/* Writes n bytes of s to fp, every character through sanitize_char (with
 * the exceptions flags allow). Returns 0, or -1 on a write error. */
int sanitize_write(FILE *fp, const char *s, size_t n, int flags);

/* sanitize_write of a NUL-terminated string, LF and TAB shown as symbols:
 * for a field (a title, a file name) inside a line. */
int sanitize_fputs(FILE *fp, const char *s);

/* Formats like fprintf and writes the result through the filter. Only a
 * final LF — the one ending the message — is written as a line end; any
 * other control, LF included, comes from the data and shows as a symbol.
 * Returns 0, or -1 on a write or memory error. */
int sanitize_fprintf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sanitize_vfprintf(FILE *fp, const char *fmt, va_list ap);

/* The filtered form of s as a new NUL-terminated string (LF and TAB shown
 * as symbols). Caller frees; NULL when memory runs out. */
char *sanitize_strdup(const char *s);

#endif
