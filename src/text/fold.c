/* fold.c — owns search folding: each source character is decomposed (NFKD),
 * case folded, and stripped of non-spacing marks and tatweel, so that
 * "hanoi" finds "Hanoï" and an Arabic word matches with or without its
 * harakat. Every folded character remembers its source index, so a match can
 * be drawn on the right characters (and through a line's map, the right
 * cells). What a character of the BMP folds to is remembered once worked
 * out (`memo`), as folding each one anew (NFKD and case folding through
 * libunistring) was most of the time spent indexing an article's text. */
#include "tandem/fold.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

static int keep(uint32_t c)
{
	return c != 0x0640 && !uc_is_general_category(c, UC_CATEGORY_Mn);
}

/* What each BMP character folds to, once worked out: 0 not yet, MEMO_NONE
 * nothing (a mark), MEMO_MANY several characters (worked out each time),
 * else the one character plus MEMO_ONE. The values are the same whichever
 * thread writes them first, so relaxed atomics are enough. */
enum { MEMO_NONE = 1, MEMO_ONE = 2, MEMO_MANY = UINT32_MAX };
static _Atomic uint32_t memo[0x10000];

static uint32_t memo_get(uint32_t c)
{
	return c < 0x10000 ? atomic_load_explicit(&memo[c], memory_order_relaxed) : 0;
}

static void memo_set(uint32_t c, size_t kept, uint32_t last)
{
	if (c < 0x10000)
		atomic_store_explicit(&memo[c], kept == 0 ? MEMO_NONE : kept == 1 ? last + MEMO_ONE : MEMO_MANY,
		                      memory_order_relaxed);
}

int fold_text(const uint32_t *cp, size_t n, struct fold_text *out)
{
	size_t cap = n + 16, len = 0;
	memset(out, 0, sizeof *out);
	out->cp = malloc(cap * sizeof *out->cp);
	out->src = malloc((cap + 1) * sizeof *out->src);
	if (!out->cp || !out->src)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		uint32_t buf[64];
		uint32_t *f = buf;
		size_t flen, kept = 0;
		uint32_t m = memo_get(c);
		int known = m >= MEMO_ONE && m != MEMO_MANY;
		if (m == MEMO_NONE)
			continue;
		if (known) {
			buf[0] = m - MEMO_ONE; /* known: no mark, kept as is */
			flen = 1;
		} else if (c < 0x80) {
			buf[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
			flen = 1;
		} else {
			uint32_t dec[32];
			size_t dlen = sizeof dec / sizeof dec[0];
			uint32_t *d = u32_normalize(UNINORM_NFKD, &c, 1, dec, &dlen);
			if (!d)
				goto fail;
			flen = sizeof buf / sizeof buf[0];
			f = u32_casefold(d, dlen, NULL, NULL, buf, &flen);
			if (d != dec)
				free(d);
			if (!f)
				goto fail;
		}
		for (size_t j = 0; j < flen; j++) {
			if (!known && !keep(f[j]))
				continue;
			if (len + 1 >= cap) {
				cap *= 2;
				uint32_t *ncp = realloc(out->cp, cap * sizeof *ncp);
				if (!ncp) {
					if (f != buf)
						free(f);
					goto fail;
				}
				out->cp = ncp;
				size_t *ns = realloc(out->src, (cap + 1) * sizeof *ns);
				if (!ns) {
					if (f != buf)
						free(f);
					goto fail;
				}
				out->src = ns;
			}
			out->cp[len] = f[j];
			out->src[len] = i;
			len++;
			kept++;
		}
		if (m == 0)
			memo_set(c, kept, kept ? out->cp[len - 1] : 0);
		if (f != buf)
			free(f);
	}
	out->cp[len] = 0;
	out->src[len] = n;
	out->len = len;
	return 0;
fail:
	fold_free(out);
	return -1;
}

int fold_utf8(const char *s, size_t n, struct fold_text *out)
{
	uint32_t *cp = malloc((n + 1) * sizeof *cp);
	size_t k = 0;
	if (!cp)
		return -1;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		cp[k++] = c;
		i += l > 0 ? (size_t)l : 1;
	}
	int r = fold_text(cp, k, out);
	free(cp);
	return r;
}

void fold_free(struct fold_text *f)
{
	if (!f)
		return;
	free(f->cp);
	free(f->src);
	memset(f, 0, sizeof *f);
}

static int match_at(const struct fold_text *h, const struct fold_text *nd, size_t at)
{
	return memcmp(h->cp + at, nd->cp, nd->len * sizeof *nd->cp) == 0;
}

long fold_find(const struct fold_text *hay, const struct fold_text *needle, size_t from)
{
	if (needle->len == 0 || needle->len > hay->len)
		return -1;
	for (size_t i = from; i + needle->len <= hay->len; i++)
		if (hay->cp[i] == needle->cp[0] && match_at(hay, needle, i))
			return (long)i;
	return -1;
}

long fold_rfind(const struct fold_text *hay, const struct fold_text *needle, size_t before)
{
	if (needle->len == 0 || needle->len > hay->len)
		return -1;
	size_t i = before < hay->len - needle->len + 1 ? before : hay->len - needle->len + 1;
	while (i-- > 0)
		if (hay->cp[i] == needle->cp[0] && match_at(hay, needle, i))
			return (long)i;
	return -1;
}

void fold_source_range(const struct fold_text *hay, size_t at, size_t len, size_t *start,
                       size_t *end)
{
	if (at > hay->len)
		at = hay->len;
	if (at + len > hay->len)
		len = hay->len - at;
	*start = hay->src[at];
	/* the end is the source character after the last folded one */
	*end = len ? hay->src[at + len - 1] + 1 : *start;
	/* Marks and tatweel folded away right after the last matched character
	 * belong to it: src[at + len] is where the next folded character came
	 * from, and nothing in between produced a folded character. */
	if (len && hay->src[at + len] > *end)
		*end = hay->src[at + len];
}
