/* wordbreak.c — owns every call into ICU: the word boundaries inside runs of
 * Thai, Lao, Khmer and Myanmar, scripts written without spaces between
 * words, where UAX #14 (line-break class SA) gives no opportunity. ICU's
 * line break iterator finds them with its dictionaries, one per script; the
 * iterator is opened once per thread and given one run at a time, as UTF-16
 * (every character of these runs is in the Basic Multilingual Plane, so a
 * UTF-16 index is a code point index: the paragraph is held as code points,
 * and one store per character is cheaper than encoding UTF-8 for
 * utext_openUTF8 and mapping its byte offsets back). Its boundaries become
 * UC_BREAK_POSSIBLE in libunistring's array, except where they would split a
 * grapheme cluster or a stacked consonant, or put a mark first on a line. */
#include "tandem/wordbreak.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>

/* The calling thread's iterator; `failed` once ICU could not open one. */
static _Thread_local UBreakIterator *iter;
static _Thread_local int failed;

void wordbreak_release(void)
{
	if (iter)
		ubrk_close(iter);
	iter = NULL;
	failed = 0;
}

static UBreakIterator *get_iter(void)
{
	if (iter || failed)
		return iter;
	UErrorCode err = U_ZERO_ERROR;
	/* The root locale's line rules: ICU chooses the dictionary by script. */
	UBreakIterator *bi = ubrk_open(UBRK_LINE, "", NULL, 0, &err);
	if (U_FAILURE(err) || !bi) {
		if (bi)
			ubrk_close(bi);
		failed = 1;
		return NULL;
	}
	iter = bi;
	return iter;
}

/* Whether a line may start with s[k] after s[k - 1] inside a run: between
 * two grapheme clusters, and not before a mark (Myanmar's visarga and tall
 * AA are marks that UAX #29 does not keep with their base) nor after a
 * Khmer coeng or Myanmar virama (which stack the next consonant under the
 * one before). ICU's dictionaries break at none of these: this makes sure. */
static int may_start_line(const uint32_t *s, size_t k)
{
	return s[k - 1] != 0x17d2 && s[k - 1] != 0x1039 && uc_is_grapheme_break(s[k - 1], s[k]) &&
	       !uc_is_general_category(s[k], UC_CATEGORY_M);
}

/* Adds the boundaries ICU finds inside s[0..n) (n >= 2, every character in
 * the BMP) to breaks. buf holds n UChars. Returns how many it added, or -2
 * when ICU fails. */
static long break_run(UBreakIterator *bi, const uint32_t *s, size_t n, char *breaks, UChar *buf)
{
	long added = 0;
	UErrorCode err = U_ZERO_ERROR;

	for (size_t i = 0; i < n; i++)
		buf[i] = (UChar)s[i];
	ubrk_setText(bi, buf, (int32_t)n, &err);
	if (U_FAILURE(err))
		return -2;
	for (int32_t b = ubrk_following(bi, 0); b != UBRK_DONE && (size_t)b < n;
	     b = ubrk_next(bi)) {
		size_t k = (size_t)b;
		if (breaks[k] == UC_BREAK_PROHIBITED && may_start_line(s, k)) {
			breaks[k] = UC_BREAK_POSSIBLE;
			added++;
		}
	}
	/* The iterator keeps a pointer to buf: let it forget the run. */
	err = U_ZERO_ERROR;
	ubrk_setText(bi, buf, 0, &err);
	return added;
}

long wordbreak_add(const uint32_t *s, size_t n, char *breaks)
{
	UChar stack_buf[256];
	UChar *buf = stack_buf;
	size_t cap = sizeof stack_buf / sizeof stack_buf[0];
	UBreakIterator *bi = NULL;
	long added = 0;

	for (size_t i = 0; i < n;) {
		if (!wordbreak_script_char(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && wordbreak_script_char(s[i]))
			i++;
		size_t len = i - start;
		if (len < 2)
			continue;
		if (!bi && !(bi = get_iter())) {
			added = -2;
			break;
		}
		if (len > (size_t)INT32_MAX) { /* ICU indexes with int32_t */
			added = -1;
			break;
		}
		if (len > cap) {
			UChar *nb = malloc(len * sizeof *nb);
			if (!nb) {
				added = -1;
				break;
			}
			if (buf != stack_buf)
				free(buf);
			buf = nb;
			cap = len;
		}
		long r = break_run(bi, s + start, len, breaks + start, buf);
		if (r < 0) {
			added = r;
			break;
		}
		added += r;
	}
	if (buf != stack_buf)
		free(buf);
	return added;
}
