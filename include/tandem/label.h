/* label.h — a one-line text of the corpus (a title, an event title, a search
 * context, a raw line) laid out by the text layer for the reader's lists:
 * analysed once, wrapped once per width (the layouts of the last two widths
 * are kept, so a label drawn in the sidebar and in the main pane is not
 * wrapped again at every keypress), its visual lines drawn. No curses. */
#ifndef TANDEM_LABEL_H
#define TANDEM_LABEL_H

#include <stddef.h>

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"
#include "tandem/page.h"

#define LABEL_WIDTHS 2

struct label {
	struct decoded_text text;
	struct bidi_para bidi;
	struct layout_para lay[LABEL_WIDTHS]; /* valid where laid_out[i] */
	int laid_out[LABEL_WIDTHS];
	int next;                             /* the slot a new width takes */
	int prepared, reorder;
};

/* Analyses the UTF-8 text s (len bytes) with the shaping, mirroring and
 * reordering of o. 0, or -1 when memory runs out or FriBidi fails (the label
 * then shows nothing). Free with label_free in either case. */
int label_init_n(struct label *l, const char *s, size_t len, const struct page_opts *o);

/* label_init_n of a NUL-terminated string. */
int label_init(struct label *l, const char *s, const struct page_opts *o);

/* The label wrapped at width (cached per width), or NULL (not analysed, out
 * of memory). Owned by the label, valid until the next call. */
const struct layout_para *label_layout(struct label *l, int width);

/* The first visual line of the label wrapped at width, or NULL. */
const struct layout_line *label_line(struct label *l, int width);

/* True when the label needs more than one line at width. */
int label_truncated(struct label *l, int width);

/* The logical index of the first character at or after byte off of the
 * label's text (its length when none). */
size_t label_char_of_byte(const struct label *l, size_t off);

void label_free(struct label *l);

#endif
