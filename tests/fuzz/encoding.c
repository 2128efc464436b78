/* encoding.c — fuzz target for what the corpus loader does with a file's
 * bytes before they become text: the encoding check, and the decoding into
 * UTF-8 of what it recognises (and, whatever the verdict, decoding from a
 * few fixed charsets, so that bytes a charset does not define are met).
 * Input: the file's bytes.
 * Invariants: the scan's counts are within the input and nested (NULs among
 * the binary bytes, those among the controls); DECODE names a charset, and
 * only DECODE and UNSURE do; a decoding is NUL-terminated valid
 * UTF-8 with no ill-formed sequence left; the scan of a text agrees with the
 * article parser's counts. */
#include <errno.h>
#include <unistr.h>

#include "tandem/article.h"
#include "tandem/encoding.h"

#include "fuzz.h"

static void check_decoding(const char *data, size_t size, const char *charset)
{
	char *u;
	size_t n, bad;
	if (encoding_to_utf8(data, size, charset, &u, &n, &bad) != 0) {
		FUZZ_CHECK(errno == ENOMEM);
		return;
	}
	FUZZ_CHECK(u[n] == 0);
	FUZZ_CHECK(u8_check((const uint8_t *)u, n) == NULL);
	FUZZ_CHECK(bad <= size);
	struct encoding_scan sc;
	encoding_scan(u, n, &sc);
	FUZZ_CHECK(sc.invalid == 0);
	free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct encoding_guess g;
	encoding_detect(s, size, &g);
	FUZZ_CHECK(g.verdict == ENCODING_UTF8 || g.verdict == ENCODING_DECODE ||
	           g.verdict == ENCODING_UNSURE || g.verdict == ENCODING_BINARY);
	FUZZ_CHECK(g.verdict != ENCODING_DECODE || g.charset != NULL);
	FUZZ_CHECK(g.charset == NULL || g.verdict == ENCODING_DECODE || g.verdict == ENCODING_UNSURE);
	if (g.verdict != ENCODING_BINARY)
		FUZZ_CHECK(g.what == NULL);

	struct encoding_scan sc;
	encoding_scan(s, size, &sc);
	FUZZ_CHECK(sc.invalid + 2 * sc.multibyte <= size);
	FUZZ_CHECK(sc.nuls <= sc.binary && sc.binary <= sc.controls && sc.controls <= size);
	if (g.verdict == ENCODING_UTF8)
		FUZZ_CHECK(g.scan.invalid == sc.invalid && g.scan.controls == sc.controls);

	struct article_text t;
	if (article_parse(s, size, &t) == 0) {
		FUZZ_CHECK(t.invalid_utf8 == sc.invalid && t.controls == sc.controls);
		FUZZ_CHECK(t.has_bom == sc.bom);
		article_text_free(&t);
	}

	if (g.verdict == ENCODING_DECODE)
		check_decoding(s, size, g.charset);
	/* a little of each kind: single-byte, stateful, multibyte, UTF-16 */
	if (size <= 4096) {
		check_decoding(s, size, "windows-1256");
		check_decoding(s, size, "windows-1255");
		check_decoding(s, size, "shift_jis");
		check_decoding(s, size, "gb18030");
		check_decoding(s, size, "utf-16le");
	}
	return 0;
}
