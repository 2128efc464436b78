/* bidi.c — owns every call into GNU FriBidi: level resolution for a whole
 * paragraph (bracket pairs, explicit embeddings and isolates), Arabic joining
 * and shaping with mirroring, and the per-line reordering (L1, L2) that the
 * wrapper asks for once lines have been cut in logical order. */
#include "tandem/bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>

_Static_assert(sizeof(FriBidiCharType) == sizeof(uint32_t), "bidi type size");
_Static_assert(sizeof(FriBidiLevel) == sizeof(int8_t), "bidi level size");
_Static_assert(sizeof(FriBidiChar) == sizeof(uint32_t), "bidi char size");

void bidi_free(struct bidi_para *p)
{
	if (!p)
		return;
	free(p->logical); /* the block that holds every array */
	memset(p, 0, sizeof *p);
}

int bidi_is_format_char(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Explicit nesting tandem lets FriBidi see. FriBidi 1.0.8 reads out of
 * bounds when embeddings reach the algorithm's maximum depth (125) and
 * isolates and brackets follow (32 RLE, 31 RLO, then RLI PDF RLI PDI PDI
 * "(" crash it). Each level of nesting raises the embedding level by at most
 * 2, so 60 stay below 125 and FriBidi never overflows. */
#define BIDI_MAX_NEST 60

/* Makes every embedding, override or isolate initiator beyond BIDI_MAX_NEST
 * levels of nesting, and the terminator that would close it, a boundary
 * neutral (BN): ignored, as the algorithm ignores an overflowing one
 * (X5-X7). The stack follows rules X2-X7 for what opens and closes. */
static void cap_nesting(FriBidiCharType *types, size_t n)
{
	unsigned char isolate[BIDI_MAX_NEST]; /* per entry: opened by an isolate */
	size_t depth = 0, over_isolate = 0, over_embed = 0;
	for (size_t i = 0; i < n; i++) {
		FriBidiCharType t = types[i];
		if (!(t & (FRIBIDI_MASK_EXPLICIT | FRIBIDI_MASK_ISOLATE)))
			continue; /* most characters: neither opens nor closes */
		int is_iso = t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI;
		int is_emb = t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLE ||
		             t == FRIBIDI_TYPE_LRO || t == FRIBIDI_TYPE_RLO;
		if (is_iso || is_emb) {
			if (depth < BIDI_MAX_NEST && !over_isolate && !over_embed) {
				isolate[depth++] = (unsigned char)is_iso;
			} else {
				types[i] = FRIBIDI_TYPE_BN;
				if (is_iso)
					over_isolate++;
				else if (!over_isolate)
					over_embed++;
			}
		} else if (t == FRIBIDI_TYPE_PDI) {
			if (over_isolate) {
				types[i] = FRIBIDI_TYPE_BN;
				over_isolate--;
			} else {
				size_t k = depth;
				while (k > 0 && !isolate[k - 1])
					k--;
				if (k > 0) { /* matched: closes what its isolate opened */
					depth = k - 1;
					over_embed = 0;
				}
			}
		} else if (t == FRIBIDI_TYPE_PDF) {
			if (over_isolate) {
				/* inside an ignored isolate: ignored anyway */
			} else if (over_embed) {
				types[i] = FRIBIDI_TYPE_BN;
				over_embed--;
			} else if (depth > 0 && !isolate[depth - 1]) {
				depth--;
			}
		}
	}
}

#define BIDI_STACK_CHARS 1024

static void free_scratch(FriBidiBracketType *brackets, FriBidiBracketType *stack_brackets,
                         FriBidiArabicProp *joining, FriBidiArabicProp *stack_joining)
{
	if (brackets != stack_brackets)
		free(brackets);
	if (joining != stack_joining)
		free(joining);
}

int bidi_prepare(const uint32_t *cp, size_t n, const struct bidi_opts *o,
                 struct bidi_para *out, const char **err)
{
	static const char *oom = "out of memory";
	/* FriBidi's scratch (bracket types, joining properties) for a paragraph
	 * of up to BIDI_STACK_CHARS characters lives on the stack. */
	FriBidiBracketType stack_brackets[BIDI_STACK_CHARS];
	FriBidiArabicProp stack_joining[BIDI_STACK_CHARS];
	FriBidiBracketType *brackets = stack_brackets;
	FriBidiArabicProp *joining = stack_joining;
	size_t alloc = n ? n : 1;

	memset(out, 0, sizeof *out);
	if (n > (size_t)INT32_MAX / 2) { /* FriBidiStrIndex is an int */
		*err = "paragraph too long for the bidi algorithm";
		return -1;
	}
	out->len = n;
	/* One block for every array the paragraph keeps, widest elements
	 * first: logical and shaped (n + 1 each), types, levels, breaks, attr
	 * (n + 1). */
	char *block = malloc((alloc + 1) * 2 * sizeof(uint32_t) + alloc * sizeof(uint32_t) +
	                     2 * alloc + n + 1);
	if (!block) {
		*err = oom;
		return -1;
	}
	out->logical = (uint32_t *)block;
	out->shaped = out->logical + alloc + 1;
	out->types = out->shaped + alloc + 1;
	out->levels = (int8_t *)(out->types + alloc);
	out->breaks = (char *)(out->levels + alloc);
	out->attr = (uint8_t *)(out->breaks + alloc);
	out->attr[n] = 0; /* not filled yet (layout_wrap) */
	if (n > BIDI_STACK_CHARS) {
		brackets = malloc(n * sizeof *brackets);
		joining = malloc(n * sizeof *joining);
		if (!brackets || !joining) {
			*err = oom;
			goto fail;
		}
	}
	if (n)
		memcpy(out->logical, cp, n * sizeof *cp);
	out->logical[n] = 0;

	FriBidiParType base = o->dir == BIDI_RTL ? FRIBIDI_PAR_RTL
	                    : o->dir == BIDI_LTR ? FRIBIDI_PAR_LTR
	                                         : FRIBIDI_PAR_ON;
	const FriBidiChar *str = (const FriBidiChar *)out->logical;
	FriBidiCharType *types = (FriBidiCharType *)out->types;
	FriBidiLevel *levels = (FriBidiLevel *)out->levels;
	fribidi_get_bidi_types(str, (FriBidiStrIndex)n, types);
	cap_nesting(types, n);
	fribidi_get_bracket_types(str, (FriBidiStrIndex)n, types, brackets);
	FriBidiLevel max = n ? fribidi_get_par_embedding_levels_ex(types, brackets,
	                                     (FriBidiStrIndex)n, &base, levels)
	                     : 1;
	if (max == 0) {
		*err = "FriBidi could not resolve the embedding levels";
		goto fail;
	}
	if (n == 0 && base == FRIBIDI_PAR_ON)
		base = FRIBIDI_PAR_LTR;
	out->base = base;
	out->rtl = FRIBIDI_IS_RTL(base) ? 1 : 0;
	out->dir_found = n > 0 && (base == FRIBIDI_PAR_LTR || base == FRIBIDI_PAR_RTL);
	out->max_level = max - 1;

	/* Break opportunities come from the logical text: mirroring turns '('
	 * into ')' and would change their classes. */
	if (n)
		u32_possible_linebreaks(out->logical, n, "UTF-8", out->breaks);
	memcpy(out->shaped, out->logical, (n + 1) * sizeof *cp);
	FriBidiFlags flags = o->mirror ? FRIBIDI_FLAG_SHAPE_MIRRORING : 0;
	if (o->shape && n) {
		fribidi_get_joining_types(str, (FriBidiStrIndex)n, joining);
		fribidi_join_arabic(types, (FriBidiStrIndex)n, levels, joining);
		flags |= FRIBIDI_FLAGS_ARABIC;
	}
	/* Shaping writes the same levels it read; they stay pristine. */
	if (flags && n)
		fribidi_shape(flags, levels, (FriBidiStrIndex)n, o->shape ? joining : NULL,
		              (FriBidiChar *)out->shaped);
	free_scratch(brackets, stack_brackets, joining, stack_joining);
	return 0;
fail:
	free_scratch(brackets, stack_brackets, joining, stack_joining);
	bidi_free(out);
	return -1;
}

int bidi_reorder_line(const struct bidi_para *p, size_t off, size_t n, uint32_t *map)
{
	if (n == 0)
		return 0;
	/* fribidi_reorder_line writes rule L1 into the levels: work on a copy so
	 * the paragraph can be wrapped again at another width. */
	FriBidiLevel stack_levels[256];
	FriBidiStrIndex stack_imap[256];
	int small = n <= 256;
	FriBidiLevel *levels = small ? stack_levels : malloc(n * sizeof *levels);
	FriBidiStrIndex *imap = small ? stack_imap : malloc(n * sizeof *imap);
	if (!levels || !imap) {
		if (!small) {
			free(levels);
			free(imap);
		}
		return -1;
	}
	memcpy(levels, p->levels + off, n * sizeof *levels);
	for (size_t i = 0; i < n; i++)
		imap[i] = (FriBidiStrIndex)i;
	FriBidiLevel r = fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM,
	                                      (const FriBidiCharType *)p->types + off,
	                                      (FriBidiStrIndex)n, 0, (FriBidiParType)p->base,
	                                      levels, NULL, imap);
	for (size_t i = 0; i < n; i++)
		map[i] = (uint32_t)(off + (size_t)imap[i]);
	if (!small) {
		free(levels);
		free(imap);
	}
	return r == 0 ? -1 : 0;
}

int bidi_reorder_span(const struct bidi_para *p, size_t off, size_t n, int8_t *levels,
                      uint32_t *map)
{
	if (n == 0)
		return 0;
	_Static_assert(sizeof(FriBidiStrIndex) == sizeof(uint32_t), "bidi index size");
	FriBidiLevel r = fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM,
	                                      (const FriBidiCharType *)p->types,
	                                      (FriBidiStrIndex)n, (FriBidiStrIndex)off,
	                                      (FriBidiParType)p->base, (FriBidiLevel *)levels,
	                                      NULL, (FriBidiStrIndex *)map);
	return r == 0 ? -1 : 0;
}

enum bidi_dir bidi_first_strong(const char *utf8, size_t len)
{
	const uint8_t *s = (const uint8_t *)utf8;
	size_t i = 0;
	while (i < len) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, len - i);
		i += k > 0 ? (size_t)k : 1;
		FriBidiCharType t = fribidi_get_bidi_type(c);
		if (t == FRIBIDI_TYPE_LTR)
			return BIDI_LTR;
		if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
			return BIDI_RTL;
	}
	return BIDI_AUTO;
}

int bidi_needs_layout(const char *utf8, size_t len)
{
	const uint8_t *s = (const uint8_t *)utf8;
	size_t i = 0;
	while (i < len) {
		/* below U+0590 nothing is right-to-left: a lead byte there is at
		 * most 0xD5, and continuation bytes are below 0xC0 */
		if (s[i] < 0xd6) {
			i++;
			continue;
		}
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, len - i);
		i += k > 0 ? (size_t)k : 1;
		FriBidiCharType t = fribidi_get_bidi_type(c);
		if (FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN || FRIBIDI_IS_EXPLICIT(t) ||
		    FRIBIDI_IS_ISOLATE(t))
			return 1;
	}
	return 0;
}
