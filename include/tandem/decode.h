/* decode.h — UTF-8 to code points, with everything a terminal would obey
 * neutralised (step 1 and 2 of the text pipeline). */
#ifndef TANDEM_DECODE_H
#define TANDEM_DECODE_H

#include <stddef.h>
#include <stdint.h>

#define DECODE_TAB_STOP 8

/* A paragraph's logical text: code points that can only print. */
struct decoded_text {
	uint32_t *cp;        /* code points, cp[len] == 0; owned */
	size_t len;
	size_t *byte_off;    /* byte_off[i]: offset in the source bytes of the
	                        character that produced cp[i]; byte_off[len] ==
	                        source length; owned */
	size_t invalid;      /* invalid UTF-8 sequences replaced by U+FFFD */
	size_t controls;     /* control characters shown as symbols */
	size_t unassigned;   /* unassigned/noncharacter code points replaced */
	size_t revealed;     /* invisible characters shown as marks (DECODE_REVEAL) */
};

/* Flags of decode_paragraph_ex. */
enum {
	/* Each invisible format character (bidi controls, zero-width
	 * characters, every Cf) becomes a visible mark in its place: "<RLO>",
	 * "<ZWJ>", "<U+2064>". The marks are plain text, so a bidi control
	 * revealed no longer acts: text an override disguises shows in its
	 * true order. */
	DECODE_REVEAL = 1,
};

/* Decodes `n` bytes of UTF-8 into `out` (which the caller later frees with
 * decode_free). Invalid sequences become U+FFFD and are counted; C0 controls
 * (except TAB) become Control Pictures U+2400..U+241F, DEL U+2421, C1 controls
 * the four characters "<9B>", TAB expands to spaces up to the next multiple of
 * DECODE_TAB_STOP, unassigned code points become U+FFFD. Returns 0, or -1 when
 * memory runs out (then `out` holds nothing to free). */
int decode_paragraph(const char *bytes, size_t n, struct decoded_text *out);

/* decode_paragraph with flags (DECODE_REVEAL). */
int decode_paragraph_ex(const char *bytes, size_t n, int flags, struct decoded_text *out);

/* True for a character DECODE_REVEAL shows as a mark. */
int decode_is_revealed(uint32_t c);

/* The mark DECODE_REVEAL shows for c, without its angle brackets: "RLO",
 * "ZWJ", "U+2064". buf holds DECODE_MARK_MAX bytes. Returns buf. */
#define DECODE_MARK_MAX 12
char *decode_reveal_name(uint32_t c, char buf[DECODE_MARK_MAX]);

/* Decodes a part of a paragraph, as decode_paragraph_ex would decode it inside
 * the whole: `col` is the display column the part starts at (TAB stops count
 * from the paragraph's start; only col % DECODE_TAB_STOP matters). Decoding
 * stops at the first character boundary where `max` or more code points have
 * been produced (a TAB or C1 control may pass it by a few):
 * out->byte_off[out->len] is then the number of bytes decoded, <= n. */
int decode_paragraph_part(const char *bytes, size_t n, int flags, size_t col, size_t max,
                          struct decoded_text *out);

/* The column (modulo DECODE_TAB_STOP) after cp[0..n) starting at column col,
 * as decode_paragraph_part counts it: the `col` of the part that follows. */
size_t decode_next_col(const uint32_t *cp, size_t n, size_t col);

void decode_free(struct decoded_text *t);

/* True for the control and non-character code points a terminal could obey
 * or choke on (C0, DEL, C1, surrogates, beyond U+10FFFF): decode_paragraph
 * never lets them through (it also replaces unassigned code points and turns
 * U+2028/U+2029 into spaces, which this does not report). */
int decode_is_unsafe(uint32_t c);

/* Encodes code points to a NUL-terminated UTF-8 string. Caller frees.
 * Returns NULL when memory runs out. */
char *decode_to_utf8(const uint32_t *cp, size_t n, size_t *out_len);

#endif
