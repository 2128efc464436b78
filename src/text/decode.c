/* decode.c — owns the first two steps of the text pipeline: UTF-8 bytes to
 * code points, and the neutralising of everything a terminal would obey
 * (controls, escape sequences, C1) so that only printable characters, with a
 * map back to their source bytes, reach the later steps. */
#include "tandem/decode.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tandem/sanitize.h"

/* Growable output buffer of code points with their source offsets. */
struct cp_buf {
	uint32_t *cp;
	size_t *off;
	size_t len, cap;
};

static int buf_grow(struct cp_buf *b)
{
	size_t cap = b->cap ? b->cap * 2 : 64;
	uint32_t *cp = realloc(b->cp, cap * sizeof *cp);
	if (!cp)
		return -1;
	b->cp = cp;
	size_t *o = realloc(b->off, (cap + 1) * sizeof *o);
	if (!o)
		return -1;
	b->off = o;
	b->cap = cap;
	return 0;
}

static inline int buf_push(struct cp_buf *b, uint32_t c, size_t off)
{
	if (b->len + 1 >= b->cap && buf_grow(b))
		return -1;
	b->cp[b->len] = c;
	b->off[b->len] = off;
	b->len++;
	return 0;
}

/* uc_is_general_category(c, UC_CATEGORY_Cn), remembered for each code point
 * of the BMP once asked (0: not yet, 1: assigned, 2: unassigned). Relaxed
 * atomics: threads that decode at once store the same answers. */
static _Atomic unsigned char unassigned_bmp[0x10000];

static int is_unassigned(uint32_t c)
{
	if (c > 0xffff)
		return uc_is_general_category(c, UC_CATEGORY_Cn);
	unsigned char k = atomic_load_explicit(&unassigned_bmp[c], memory_order_relaxed);
	if (!k) {
		k = uc_is_general_category(c, UC_CATEGORY_Cn) ? 2 : 1;
		atomic_store_explicit(&unassigned_bmp[c], k, memory_order_relaxed);
	}
	return k == 2;
}

/* The code point of the well-formed two- or three-byte UTF-8 sequence at
 * s[0..n) (s[0] >= 0x80) into *c, and its length; 0 for anything else (four
 * bytes, ill-formed, cut short), left to u8_mbtouc. The same rules as
 * u8_mbtouc's: no overlong form, no surrogate. */
static inline int utf8_short(const uint8_t *s, size_t n, ucs4_t *c)
{
	uint8_t c0 = s[0];
	if (c0 >= 0xc2 && c0 < 0xe0) {
		if (n >= 2 && (s[1] ^ 0x80) < 0x40) {
			*c = (ucs4_t)(c0 & 0x1f) << 6 | (ucs4_t)(s[1] ^ 0x80);
			return 2;
		}
	} else if (c0 >= 0xe0 && c0 < 0xf0) {
		if (n >= 3 && (s[1] ^ 0x80) < 0x40 && (s[2] ^ 0x80) < 0x40 &&
		    (c0 >= 0xe1 || s[1] >= 0xa0) && (c0 != 0xed || s[1] < 0xa0)) {
			*c = (ucs4_t)(c0 & 0x0f) << 12 | (ucs4_t)(s[1] ^ 0x80) << 6 |
			     (ucs4_t)(s[2] ^ 0x80);
			return 3;
		}
	}
	return 0;
}

int decode_is_unsafe(uint32_t c)
{
	return sanitize_is_control(c);
}

int decode_is_revealed(uint32_t c)
{
	if (c < 0xad)
		return 0;
	/* Hangul fillers and the grapheme joiner draw nothing either */
	return uc_is_general_category(c, UC_CATEGORY_Cf) || c == 0x034f || c == 0x115f ||
	       c == 0x1160 || c == 0x3164 || c == 0xffa0;
}

char *decode_reveal_name(uint32_t c, char buf[DECODE_MARK_MAX])
{
	static const struct {
		uint32_t c;
		const char *name;
	} names[] = {
		{0x00ad, "SHY"}, {0x034f, "CGJ"}, {0x061c, "ALM"}, {0x180e, "MVS"},
		{0x200b, "ZWSP"}, {0x200c, "ZWNJ"}, {0x200d, "ZWJ"}, {0x200e, "LRM"},
		{0x200f, "RLM"}, {0x202a, "LRE"}, {0x202b, "RLE"}, {0x202c, "PDF"},
		{0x202d, "LRO"}, {0x202e, "RLO"}, {0x2060, "WJ"}, {0x2066, "LRI"},
		{0x2067, "RLI"}, {0x2068, "FSI"}, {0x2069, "PDI"}, {0xfeff, "BOM"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].c == c) {
			snprintf(buf, DECODE_MARK_MAX, "%s", names[i].name);
			return buf;
		}
	snprintf(buf, DECODE_MARK_MAX, "U+%04X", (unsigned)c);
	return buf;
}

static int push_mark(struct cp_buf *b, uint32_t c, size_t off)
{
	char name[DECODE_MARK_MAX];
	int r = buf_push(b, '<', off);
	for (const char *p = decode_reveal_name(c, name); *p && !r; p++)
		r = buf_push(b, (uint32_t)(unsigned char)*p, off);
	return r || buf_push(b, '>', off);
}

int decode_paragraph(const char *bytes, size_t n, struct decoded_text *out)
{
	return decode_paragraph_ex(bytes, n, 0, out);
}

int decode_paragraph_ex(const char *bytes, size_t n, int flags, struct decoded_text *out)
{
	return decode_paragraph_part(bytes, n, flags, 0, SIZE_MAX, out);
}

int decode_paragraph_part(const char *bytes, size_t n, int flags, size_t col, size_t max,
                          struct decoded_text *out)
{
	struct cp_buf b = {0};
	const uint8_t *s = (const uint8_t *)bytes;
	/* Tab stops are columns: col is the width of cp[0..measured) plus the
	 * column the part starts at, brought up to date only when a TAB comes
	 * (most paragraphs have none). */
	size_t i = 0, measured = 0;

	memset(out, 0, sizeof *out);
	col %= DECODE_TAB_STOP;
	/* At most one code point per byte unless TAB or C1 expands: reserve
	 * that much at once instead of doubling from 64. */
	b.cap = (n < max ? n : max) + 2;
	b.cp = malloc(b.cap * sizeof *b.cp);
	b.off = malloc((b.cap + 1) * sizeof *b.off);
	if (!b.cp || !b.off)
		goto fail;
	while (i < n && b.len < max) {
		if (s[i] >= 0x20 && s[i] < 0x7f) { /* printable ASCII: as is */
			/* a run of it at once, as far as the buffer's room (buf_push
			 * keeps a slot free), `max` and the text allow */
			size_t lim = n - i, room = b.cap - 1 - b.len, left = max - b.len;
			if (lim > room)
				lim = room;
			if (lim > left)
				lim = left;
			if (lim == 0) {
				if (buf_push(&b, s[i], i))
					goto fail;
				i++;
				continue;
			}
			uint32_t *cp = b.cp + b.len;
			size_t *off = b.off + b.len, j = 0;
			do {
				cp[j] = s[i + j];
				off[j] = i + j;
				j++;
			} while (j < lim && s[i + j] >= 0x20 && s[i + j] < 0x7f);
			b.len += j;
			i += j;
			continue;
		}
		ucs4_t c;
		int k = s[i] >= 0x80 ? utf8_short(s + i, n - i, &c) : 0;
		if (k == 0) {
			k = u8_mbtouc(&c, s + i, n - i);
			if (k <= 0)
				k = 1;
		}
		size_t before = b.len;
		int r = 0;
		if (c == 0xfffd && !(k == 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] == 0xbd)) {
			out->invalid++;
			r = buf_push(&b, 0xfffd, i);
		} else if (c == '\t') {
			for (; measured < b.len; measured++) {
				int cw = uc_width(b.cp[measured], "UTF-8");
				col += cw > 0 ? (size_t)cw : 0;
			}
			do
				r = buf_push(&b, ' ', i);
			while (!r && (col + b.len - before) % DECODE_TAB_STOP);
		} else if (sanitize_is_control(c)) {
			/* shown as the output filter shows it everywhere */
			uint32_t vis[SANITIZE_MAX_CP];
			size_t nv = sanitize_char(c, vis);
			out->controls++;
			for (size_t j = 0; j < nv && !r; j++)
				r = buf_push(&b, vis[j], i);
		} else if ((flags & DECODE_REVEAL) && decode_is_revealed(c)) {
			out->revealed++;
			r = push_mark(&b, c, i);
		} else if (c == 0x2028 || c == 0x2029) {
			r = buf_push(&b, ' ', i);
		} else if (is_unassigned(c)) {
			/* (u8_mbtouc never yields a surrogate: those are invalid
			 * UTF-8 and came out as U+FFFD above) */
			out->unassigned++;
			r = buf_push(&b, 0xfffd, i);
		} else {
			r = buf_push(&b, c, i);
		}
		if (r)
			goto fail;
		i += (size_t)k;
	}
	/* The buffers were reserved up front (so an empty paragraph is a
	 * terminated string too) and buf_push keeps one slot free: the
	 * terminator always fits. */
	b.cp[b.len] = 0;
	b.off[b.len] = i;
	out->cp = b.cp;
	out->byte_off = b.off;
	out->len = b.len;
	return 0;
fail:
	free(b.cp);
	free(b.off);
	memset(out, 0, sizeof *out);
	return -1;
}

size_t decode_next_col(const uint32_t *cp, size_t n, size_t col)
{
	col %= DECODE_TAB_STOP;
	for (size_t i = 0; i < n; i++) {
		int cw = cp[i] < 0x80 ? 1 : uc_width(cp[i], "UTF-8");
		col = (col + (size_t)(cw > 0 ? cw : 0)) % DECODE_TAB_STOP;
	}
	return col;
}

void decode_free(struct decoded_text *t)
{
	if (!t)
		return;
	free(t->cp);
	free(t->byte_off);
	memset(t, 0, sizeof *t);
}

char *decode_to_utf8(const uint32_t *cp, size_t n, size_t *out_len)
{
	size_t len = 0;
	uint8_t *s = u32_to_u8(cp, n, NULL, &len);
	if (!s)
		return NULL;
	char *r = realloc(s, len + 1);
	if (!r) {
		free(s);
		return NULL;
	}
	r[len] = 0;
	if (out_len)
		*out_len = len;
	return r;
}
