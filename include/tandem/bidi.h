/* bidi.h — width-independent analysis of one paragraph with GNU FriBidi:
 * embedding levels, Arabic shaping and bracket mirroring (steps 3 and 4 of
 * the text pipeline), and reordering of one line at a time (step 6). */
#ifndef TANDEM_BIDI_H
#define TANDEM_BIDI_H

#include <stddef.h>
#include <stdint.h>

enum bidi_dir { BIDI_AUTO, BIDI_LTR, BIDI_RTL };

struct bidi_opts {
	enum bidi_dir dir;  /* paragraph direction; AUTO = first strong char */
	int shape;          /* Arabic joining, presentation forms, lam-alef */
	int mirror;         /* mirror brackets in right-to-left runs */
};

/* The bidi analysis of a paragraph. Nothing here depends on a width, so it is
 * computed once and wrapped as often as the width changes. Its arrays share
 * one allocation ("owned": bidi_free frees them all; never one alone). */
struct bidi_para {
	size_t len;
	uint32_t *logical;   /* the paragraph as given, logical order; owned */
	uint32_t *shaped;    /* same length: presentation forms, mirrored
	                        brackets, U+FEFF fill in a lam-alef's lam slot;
	                        owned */
	uint32_t *types;     /* FriBidi bidi types; owned */
	int8_t *levels;      /* resolved embedding levels as FriBidi gives them
	                        for the paragraph (its trailing white space
	                        already at paragraph level), untouched by the
	                        per-line rule L1; owned */
	char *breaks;        /* UAX #14 line-break opportunities of `logical`
	                        (UC_BREAK_*, libunistring): width-independent,
	                        so found once here for every wrap; layout_wrap's
	                        first call adds the word boundaries inside Thai,
	                        Lao, Khmer and Myanmar runs (wordbreak.h); owned */
	uint8_t *attr;       /* n + 1 bytes: per character, the widths and flags
	                        layout_wrap needs, filled by its first call
	                        (attr[n] != 0 once filled); owned */
	uint32_t base;       /* FriBidiParType after resolution */
	int rtl;             /* base direction is right-to-left */
	int dir_found;       /* the direction was given, or found from a strong
	                        character (else it is a default) */
	int max_level;
};

/* Analyses cp[0..n). Returns 0, or -1 with *err set to a static message when
 * FriBidi fails or memory runs out. Free with bidi_free. */
int bidi_prepare(const uint32_t *cp, size_t n, const struct bidi_opts *o,
                 struct bidi_para *out, const char **err);

void bidi_free(struct bidi_para *p);

/* Reorders the logical range [off, off+n) as one line: map[v] receives the
 * logical index (absolute, in the paragraph) shown at visual position v.
 * Applies L1 (trailing white space to paragraph level) and L2, and keeps
 * combining marks after their base. `map` holds n entries. Returns 0, or -1
 * when memory runs out or FriBidi fails. */
int bidi_reorder_line(const struct bidi_para *p, size_t off, size_t n, uint32_t *map);

/* bidi_reorder_line for the lines of one wrap, without per-line copies:
 * `levels` is the caller's copy of p->levels (L1 rewrites the line's part of
 * it, which no other line reads) and `map` holds p->len entries, set to the
 * identity (map[i] == i) before the first line. The lines reordered must not
 * overlap. Afterwards map[off..off+n) holds the logical indices shown at the
 * line's visual positions, as bidi_reorder_line gives them. Returns 0, or -1
 * when FriBidi fails. */
int bidi_reorder_span(const struct bidi_para *p, size_t off, size_t n, int8_t *levels,
                      uint32_t *map);

/* True when c is a bidi formatting character (embeddings, overrides,
 * isolates, marks) that is never printed. */
int bidi_is_format_char(uint32_t c);

/* The direction of the first strong character of UTF-8 text (the rule P2
 * of the bidi algorithm, isolates not skipped): BIDI_LTR, BIDI_RTL, or
 * BIDI_AUTO when it has none. */
enum bidi_dir bidi_first_strong(const char *utf8, size_t len);

/* True when UTF-8 text holds a right-to-left letter, an Arabic-Indic digit
 * or an explicit bidi formatting character: text without any shows as it is
 * stored (nothing to reorder, shape or mirror). */
int bidi_needs_layout(const char *utf8, size_t len);

#endif
