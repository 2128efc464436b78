/* encoding.h — what a file's bytes are before they become text: UTF-8 (the
 * common case, told by one validation pass), UTF-16 or UTF-32, a legacy
 * encoding recognised by how plausible its decoded letters are (Windows and
 * ISO-8859 code pages, KOI8, TIS-620, Shift_JIS, EUC-KR, GB18030, Big5) or
 * by its escape sequences (ISO-2022-JP, ISO-2022-KR), or not text at all
 * (NUL bytes, control bytes, a known binary format). */
#ifndef TANDEM_ENCODING_H
#define TANDEM_ENCODING_H

#include <stddef.h>

/* What one pass over the bytes found. */
struct encoding_scan {
	size_t invalid;   /* ill-formed UTF-8 sequences, as libunistring's
	                     u8_mbtouc steps over them and the decode layer
	                     shows them: one U+FFFD each */
	size_t multibyte; /* well-formed UTF-8 sequences of 2 to 4 bytes */
	size_t controls;  /* C0 controls but TAB, LF and CR; DEL; C1 (U+0080 to
	                     U+009F, well-formed) */
	size_t nuls;      /* NUL bytes */
	size_t binary;    /* bytes no text holds: C0 controls but TAB, LF, VT,
	                     FF, CR and ESC */
	int bom;          /* starts with the UTF-8 byte order mark */
};

/* Scans n bytes (one pass, a word at a time over plain ASCII). */
void encoding_scan(const char *s, size_t n, struct encoding_scan *out);

enum encoding_verdict {
	ENCODING_UTF8,   /* UTF-8, perhaps with a BOM or a few ill-formed
	                    sequences (scan.invalid counts them) */
	ENCODING_DECODE, /* another encoding, recognised: `charset` */
	ENCODING_UNSURE, /* not UTF-8, and no encoding is likely enough;
	                    `charset` is the likeliest, NULL when none is
	                    even plausible */
	ENCODING_BINARY, /* not a text file; `what` may say what it is */
};

struct encoding_guess {
	enum encoding_verdict verdict;
	const char *charset;  /* DECODE, and UNSURE when it has a guess: its
	                         name as people write it ("windows-1256"), a
	                         static string; else NULL */
	const char *what;     /* BINARY: "a PNG image", "NUL bytes"…, static */
	struct encoding_scan scan;
};

/* Tells what n bytes are. Never fails; cheap when they are UTF-8. */
void encoding_detect(const char *s, size_t n, struct encoding_guess *g);

/* Decodes n bytes from charset (a name from encoding_detect, or one iconv
 * knows) into UTF-8. A byte sequence the charset does not define becomes
 * U+FFFD, counted in *bad. On success returns 0 with *out (NUL-terminated,
 * caller frees) and *outlen; -1 when memory runs out or iconv does not know
 * the charset (errno set). */
int encoding_to_utf8(const char *s, size_t n, const char *charset, char **out, size_t *outlen,
                     size_t *bad);

#endif
