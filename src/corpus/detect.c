/* detect.c — owns what an article does not say about itself: its language
 * (identified by langid.c), its source URL (the "Source: URL" line that closes each
 * corpus file, in any of the corpus languages) and a title (the first
 * sentence of a paragraph, shortened to a display width with "…" at a space
 * or a word boundary). Input is untrusted UTF-8: invalid bytes are decoded
 * as U+FFFD and never copied into a result. */
#include "tandem/detect.h"
#include "tandem/langid.h"
#include "tandem/wordbreak.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

/* ---- characters ---------------------------------------------------------- */

/* Decodes the character at s (n > 0 bytes left); an invalid sequence comes
 * back as U+FFFD. Returns the bytes consumed, at least 1. */
static size_t next_char(const uint8_t *s, size_t n, ucs4_t *c)
{
	int k = u8_mbtouc(c, s, n);
	return k > 0 ? (size_t)k : 1;
}

/* White space, controls (NUL included) and the Unicode space separators. */
static bool is_blank(ucs4_t c)
{
	if (c <= 0x20 || (c >= 0x7F && c <= 0xA0))
		return true;
	return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 ||
	       c == 0xFEFF;
}

/* Invisible direction marks and embeddings, common around Arabic labels. */
static bool is_bidi_mark(ucs4_t c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* ---- language ------------------------------------------------------------ */

const char *detect_language(const char *text, size_t n)
{
	return langid_tag(text, n);
}

/* ---- source line --------------------------------------------------------- */

/* The words that label a source line, per language, written as a news
 * site writes them; compared ignoring letter case. */
static const struct {
	const char *lang;
	const char *labels[3];
} source_labels[] = {
	{ "en", { "Source", "Sources" } },
	{ "fr", { "Source", "Sources" } },
	{ "id", { "Sumber" } },
	{ "ar", { "المصدر", "مصدر", "المصادر" } },
	{ "vi", { "Nguồn" } },
	{ "es", { "Fuente", "Fuentes" } },
	{ "de", { "Quelle", "Quellen" } },
	{ "pt", { "Fonte", "Fontes" } },
	{ "it", { "Fonte", "Fonti" } },
	{ "nl", { "Bron", "Bronnen" } },
	{ "pl", { "Źródło", "Źródła" } },
	{ "tr", { "Kaynak", "Kaynaklar" } },
	{ "ru", { "Источник", "Источники" } },
	{ "uk", { "Джерело", "Джерела" } },
	{ "he", { "מקור", "מקורות" } },
	{ "fa", { "منبع", "منابع" } },
	{ "hi", { "स्रोत" } },
	{ "th", { "ที่มา", "แหล่งที่มา" } },
	{ "zh", { "来源", "來源", "消息来源" } },
	{ "ja", { "出典", "出所", "ソース" } },
	{ "ko", { "출처" } },
	{ "cs", { "Zdroj" } },
	{ "sv", { "Källa" } },
	{ "da", { "Kilde" } },
	{ "fi", { "Lähde" } },
	{ "el", { "Πηγή" } },
};

/* The longest label, in bytes: a line whose colon comes later has none. */
enum { LABEL_SPAN = 48 };

/* Bytes of s (n bytes) that spell `prefix`, letter case ignored; 0 when s
 * does not start with it. */
static size_t match_prefix(const uint8_t *s, size_t n, const char *prefix)
{
	const uint8_t *p = (const uint8_t *)prefix;
	size_t pn = strlen(prefix), i = 0, j = 0;
	while (j < pn) {
		ucs4_t a, b;
		if (i >= n)
			return 0;
		size_t ka = next_char(s + i, n - i, &a);
		size_t kb = next_char(p + j, pn - j, &b);
		if (uc_tolower(a) != uc_tolower(b))
			return 0;
		i += ka;
		j += kb;
	}
	return i;
}

/* True when s[0..n) is one of the labels, letter case ignored. */
static bool is_source_label(const uint8_t *s, size_t n)
{
	for (size_t l = 0; l < sizeof source_labels / sizeof *source_labels; l++)
		for (size_t k = 0; k < 3 && source_labels[l].labels[k]; k++)
			if (match_prefix(s, n, source_labels[l].labels[k]) == n)
				return true;
	return false;
}

/* Index of the first character at or after i that is neither white space
 * nor a direction mark. */
static size_t skip_space(const uint8_t *s, size_t n, size_t i)
{
	while (i < n) {
		ucs4_t c;
		size_t k = next_char(s + i, n - i, &c);
		if (!is_blank(c) && !is_bidi_mark(c))
			break;
		i += k;
	}
	return i;
}

/* The URL of "<label> : <url>" starting at i, or NULL. */
static char *source_url(const uint8_t *s, size_t n, size_t i)
{
	ucs4_t c;
	size_t k, start, scheme;

	i = skip_space(s, n, i);
	if (i >= n)
		return NULL;
	k = next_char(s + i, n - i, &c);
	if (c != ':' && c != 0xFF1A)
		return NULL;
	start = skip_space(s, n, i + k);
	scheme = match_prefix(s + start, n - start, "https://");
	if (!scheme)
		scheme = match_prefix(s + start, n - start, "http://");
	if (!scheme)
		return NULL;

	/* Up to white space, a direction mark, or bytes that are not UTF-8. */
	size_t end = start + scheme;
	while (end < n) {
		int m = u8_mbtoucr(&c, s + end, n - end);
		if (m <= 0 || is_blank(c) || is_bidi_mark(c))
			break;
		end += (size_t)m;
	}
	if (end == start + scheme)
		return NULL;

	char *url = malloc(end - start + 1);
	if (!url)
		return NULL;
	memcpy(url, s + start, end - start);
	url[end - start] = '\0';
	return url;
}

char *detect_source_line(const char *line, size_t n)
{
	const uint8_t *s = (const uint8_t *)line;
	if (!line)
		return NULL;
	size_t i = skip_space(s, n, 0);
	/* The label runs up to a colon (':' or '：', EF BC 9A) near the
	 * start of the line: its bytes are looked for first, so that most
	 * lines cost a scan of a few bytes. */
	size_t c = i, lim = n - i > LABEL_SPAN ? i + LABEL_SPAN : n;
	while (c < lim && s[c] != ':' &&
	       !(s[c] == 0xEF && n - c >= 3 && s[c + 1] == 0xBC && s[c + 2] == 0x9A))
		c++;
	if (c >= lim)
		return NULL;
	size_t label_end = c;
	while (label_end > i) {
		ucs4_t ch;
		const uint8_t *p = u8_prev(&ch, s + label_end, s + i);
		if (!p || !(is_blank(ch) || is_bidi_mark(ch)))
			break;
		label_end = (size_t)(p - s);
	}
	if (label_end == i)
		return NULL;
	char *url = source_url(s, n, label_end);
	if (url && !is_source_label(s + i, label_end - i)) {
		free(url);
		url = NULL;
	}
	return url;
}

/* ---- title --------------------------------------------------------------- */

/* Sentence ends that need white space (or the end) after them: the Latin
 * marks, the Arabic question mark, the Urdu full stop, the Devanagari
 * dandas, the Ethiopic full stop, the ellipsis and the double marks. */
static bool is_terminator(ucs4_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x06D4 ||
	       c == 0x0964 || c == 0x0965 || c == 0x1362 || c == 0x2026 ||
	       (c >= 0x203C && c <= 0x203D) || (c >= 0x2047 && c <= 0x2049);
}

/* Sentence ends of scripts written without spaces: they end the sentence
 * whatever follows (。！？ and the half-width ｡). */
static bool is_wide_terminator(ucs4_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

/* Closing quotes and brackets stay with the sentence they close. */
static bool is_closer(ucs4_t c)
{
	return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' ||
	       c == 0x00BB || c == 0x201D || c == 0x2019 || c == 0x203A ||
	       c == 0x3009 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011 ||
	       c == 0x3015 || c == 0x3017 || c == 0xFF09 || c == 0xFF3D || c == 0xFF63;
}

/* Bytes of the first sentence of s: through a terminator (and its closers)
 * that is followed by white space or the end, a wide terminator, or a
 * period between a lowercase letter or digit and an uppercase letter
 * ("Hanoi.Ini"). */
static size_t sentence_end(const uint8_t *s, size_t n)
{
	ucs4_t prev = 0;
	size_t digits = 0; /* decimal digits just before i, after a blank */
	for (size_t i = 0; i < n;) {
		ucs4_t c, d = 0;
		size_t j = i + next_char(s + i, n - i, &c), e = j;
		bool wide = is_wide_terminator(c);
		if (wide || is_terminator(c)) {
			while (e < n) {
				size_t k = next_char(s + e, n - e, &d);
				if (!is_closer(d) && !(wide && is_wide_terminator(d)))
					break;
				e += k;
			}
			if (e >= n || wide)
				return e;
			/* "am 10. März": the dot of a German ordinal */
			if (c == '.' && e == j && digits >= 1 && digits <= 2 && is_blank(d)) {
				size_t k = e;
				ucs4_t nc = 0;
				while (k < n) {
					size_t kk = next_char(s + k, n - k, &nc);
					if (!is_blank(nc))
						break;
					k += kk;
				}
				if (k < n && uc_is_alpha(nc)) {
					prev = c;
					digits = 0;
					i = j;
					continue;
				}
			}
			if (is_blank(d))
				return e;
			if (c == '.' && e == j &&
			    (uc_is_lower(prev) || uc_is_digit(prev)) &&
			    uc_is_upper(d))
				return e;
		}
		if (uc_is_digit(c) && (digits || i == 0 || is_blank(prev)))
			digits++;
		else
			digits = 0;
		prev = c;
		i = j;
	}
	return n;
}

/* Characters dropped before the "…" of a shortened title. */
static bool is_dangling(ucs4_t c)
{
	return c == ' ' || c == ',' || c == ';' || c == ':' || c == 0x060C ||
	       c == 0x061B || c == 0x3001 || c == 0xFF0C || c == 0xFF1A ||
	       c == 0xFF1B;
}

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */

/* The last word boundary of t (len bytes of valid UTF-8) at or before byte
 * `limit`, inside a run of a script written without spaces (Thai, Lao,
 * Khmer, Myanmar), as wordbreak_add finds it for the layout: the byte
 * offset, or 0 when there is none (or memory runs out, or the breaker
 * fails: the title is then cut between grapheme clusters). */
static size_t word_cut(const uint8_t *t, size_t len, size_t limit)
{
	size_t n = 0, cut = 0;
	bool any = false;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		i += next_char(t + i, len - i, &c);
		any = any || (i <= limit && wordbreak_script_char(c));
		n++;
	}
	if (!any)
		return 0;
	/* the whole title, not only what fits: the dictionary needs the
	 * word the limit falls in to find its start */
	uint32_t *u = malloc(n * sizeof *u);
	size_t *off = malloc(n * sizeof *off);
	char *brk = malloc(n);
	if (!u || !off || !brk)
		goto done;
	size_t k = 0;
	for (size_t i = 0; k < n;) {
		off[k] = i;
		i += next_char(t + i, len - i, &u[k]);
		k++;
	}
	u32_possible_linebreaks(u, n, "UTF-8", brk);
	if (wordbreak_add(u, n, brk) <= 0)
		goto done;
	for (k = n; k-- > 1;)
		if (off[k] <= limit && brk[k] == UC_BREAK_POSSIBLE &&
		    wordbreak_script_char(u[k - 1]) && wordbreak_script_char(u[k])) {
			cut = off[k];
			break;
		}
done:
	free(u);
	free(off);
	free(brk);
	return cut;
}

char *detect_title(const char *paragraph, size_t n, int max_cols)
{
	const uint8_t *s = (const uint8_t *)paragraph;
	if (!paragraph)
		n = 0;
	size_t end = sentence_end(s, n);
	/* An invalid byte grows to 3 (U+FFFD); room for the "…" and NUL. */
	if (end > (SIZE_MAX - sizeof ellipsis) / 3)
		return NULL;
	uint8_t *t = malloc(end * 3 + sizeof ellipsis);
	if (!t)
		return NULL;

	/* Clean copy: valid UTF-8, blank runs as one space, trimmed. */
	size_t len = 0;
	bool space = false;
	for (size_t i = 0; i < end;) {
		ucs4_t c;
		i += next_char(s + i, end - i, &c);
		if (is_blank(c)) {
			space = len > 0;
			continue;
		}
		if (space) {
			t[len++] = ' ';
			space = false;
		}
		int m = u8_uctomb(t + len, c, 4);
		if (m > 0)
			len += (size_t)m;
	}
	t[len] = '\0';

	if (max_cols <= 0) {
		t[0] = '\0';
		return (char *)t;
	}
	if (u8_width(t, len, "UTF-8") <= max_cols)
		return (char *)t;

	/* Longest prefix of whole grapheme clusters within max_cols - 1
	 * columns, and the last space with everything before it within them;
	 * the space is where to cut unless it would lose more than half of
	 * the room (text without spaces: Chinese, Thai). */
	int limit = max_cols - 1, w = 0, w_space = 0;
	size_t cut_char = 0, cut_space = 0;
	for (size_t i = 0; i < len;) {
		const uint8_t *g = u8_grapheme_next(t + i, t + len);
		size_t k = g ? (size_t)(g - (t + i)) : len - i;
		int cw = u8_width(t + i, k, "UTF-8");
		if (cw < 0)
			cw = 1;
		if (t[i] == ' ') {
			cut_space = i;
			w_space = w;
		}
		if (cw > 0 && w + cw > limit)
			break;
		w += cw;
		i += k;
		cut_char = i;
	}
	size_t cut = cut_space && 2 * w_space >= limit ? cut_space : cut_char;
	/* Thai, Lao, Khmer, Myanmar: the last word boundary, as the last
	 * space in other scripts (a whole word, however short, rather than
	 * part of one) */
	size_t wc = word_cut(t, len, cut_char);
	if (wc && (cut == cut_char || wc > cut))
		cut = wc;
	while (cut > 0) {
		ucs4_t c;
		const uint8_t *p = u8_prev(&c, t + cut, t);
		if (!p || !is_dangling(c))
			break;
		cut = (size_t)(p - t);
	}
	memcpy(t + cut, ellipsis, sizeof ellipsis);
	return (char *)t;
}
