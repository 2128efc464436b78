/* text.c — fuzz target for the text pipeline: decode -> bidi -> layout at
 * two widths -> UTF-8, as the renderers and the reader run it.
 * Input: byte 0 chooses the options (direction, shaping, mirroring, padding,
 * reordering), bytes 1 and 2 the two widths (2 to 120 and 2 to 40: from 2
 * columns on, every character fits); the rest is one paragraph.
 * Invariants: the lines cover every logical character exactly once, in
 * order; each line's cells and map agree; no line is wider than the width,
 * measured on the UTF-8 the terminal receives; that UTF-8 is valid and holds
 * no control character (C0, ESC, DEL, C1). */
#include <unistr.h>

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"

#include "fuzz.h"

/* Columns a terminal gives the UTF-8 of a line: a combining mark with no
 * printed character before it on the line takes a column of its own. */
static int terminal_width(const uint8_t *s, size_t n)
{
	int cols = 0, based = 0;
	const uint8_t *end = s + n;
	while (s < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s, (size_t)(end - s));
		FUZZ_CHECK(k > 0);
		s += k;
		/* no control, no escape: the terminal would obey it */
		FUZZ_CHECK(c >= 0x20 && !(c >= 0x7f && c <= 0x9f));
		FUZZ_CHECK(!decode_is_unsafe(c));
		if (layout_is_invisible(c))
			continue;
		int w = layout_char_width(c);
		if (w == 0 && !based)
			w = 1;
		cols += w;
		based = 1;
	}
	return cols;
}

static void check_layout(const struct bidi_para *bp, const struct layout_opts *lo)
{
	struct layout_para lp;
	if (layout_wrap(bp, lo, &lp) != 0)
		return; /* out of memory */
	FUZZ_CHECK(lp.nlines >= 1);
	FUZZ_CHECK(lp.width == lo->width);
	size_t next = 0;
	for (size_t i = 0; i < lp.nlines; i++) {
		const struct layout_line *l = &lp.lines[i];
		/* every logical character on exactly one line, in order */
		FUZZ_CHECK(l->start == next);
		FUZZ_CHECK(l->end >= l->start);
		FUZZ_CHECK(l->end > l->start || lp.nlines == 1);
		next = l->end;
		int w = 0;
		for (size_t k = 0; k < l->ncells; k++) {
			const struct layout_cell *c = &l->cells[k];
			FUZZ_CHECK(c->nch >= 1 && c->nch <= LAYOUT_CELL_CHARS);
			FUZZ_CHECK(c->logical >= l->start && c->logical < l->end);
			FUZZ_CHECK(layout_line_cell_of(l, c->logical) == (long)k);
			w += c->width;
		}
		FUZZ_CHECK(w == l->width);
		FUZZ_CHECK(l->indent >= 0);
		FUZZ_CHECK(l->indent + l->width <= lo->width);
		for (size_t j = l->start; j < l->end; j++) {
			long k = layout_line_cell_of(l, j);
			FUZZ_CHECK(k >= -1 && k < (long)l->ncells);
			/* a cell shows its base and the marks after it; a lam-alef
			 * ligature shows the lam (its slot filled) in the alef's cell */
			FUZZ_CHECK(k < 0 || l->cells[k].logical <= j || bp->shaped[j] == 0xFEFF);
		}
		size_t n = 0;
		char *s = layout_line_to_utf8(l, 1, 0, &n);
		if (s) {
			FUZZ_CHECK(strlen(s) == n);
			FUZZ_CHECK(u8_check((const uint8_t *)s, n) == NULL);
			FUZZ_CHECK(terminal_width((const uint8_t *)s, n) == l->indent + l->width);
			free(s);
		}
		s = layout_line_to_utf8(l, 0, lo->width, &n);
		if (s) {
			FUZZ_CHECK(terminal_width((const uint8_t *)s, n) == lo->width);
			free(s);
		}
	}
	FUZZ_CHECK(next == bp->len);
	layout_para_free(&lp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t opt = 0, w1 = 79, w2 = 19;
	if (size >= 3) {
		opt = data[0];
		w1 = data[1];
		w2 = data[2];
		data += 3;
		size -= 3;
	}
	static const enum bidi_dir dirs[4] = {BIDI_AUTO, BIDI_LTR, BIDI_RTL, BIDI_AUTO};
	struct bidi_opts bo = {.dir = dirs[opt & 3], .shape = !(opt & 4), .mirror = !(opt & 8)};
	struct layout_opts lo = {.pad = !(opt & 16), .reorder = !(opt & 32)};

	struct decoded_text t;
	if (decode_paragraph((const char *)data, size, &t) != 0)
		return 0;
	FUZZ_CHECK(t.cp[t.len] == 0);
	FUZZ_CHECK(t.byte_off[t.len] == size);
	for (size_t i = 0; i < t.len; i++) {
		FUZZ_CHECK(!decode_is_unsafe(t.cp[i]));
		FUZZ_CHECK(t.byte_off[i] <= size && (i == 0 || t.byte_off[i] >= t.byte_off[i - 1]));
	}
	struct bidi_para bp;
	const char *err;
	if (bidi_prepare(t.cp, t.len, &bo, &bp, &err) == 0) {
		FUZZ_CHECK(bp.len == t.len);
		lo.width = 2 + w1 % 119;
		check_layout(&bp, &lo);
		lo.width = 2 + w2 % 39;
		check_layout(&bp, &lo);
		bidi_free(&bp);
	}
	decode_free(&t);
	return 0;
}
