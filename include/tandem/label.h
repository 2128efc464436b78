/* label.h — a one-line text of the corpus (a title, an event title, a search
 * context) laid out by the text layer for the reader's lists: analysed once,
 * wrapped once per width, its first visual line drawn. No curses. */
#ifndef TANDEM_LABEL_H
#define TANDEM_LABEL_H

#include "tandem/bidi.h"
#include "tandem/decode.h"
#include "tandem/layout.h"
#include "tandem/page.h"

struct label {
	struct decoded_text text;
	struct bidi_para bidi;
	struct layout_para lay;
	int prepared, laid_out, reorder;
};

/* Analyses s with the shaping, mirroring and reordering of o. 0, or -1 when
 * memory runs out or FriBidi fails (the label then shows nothing). Free with
 * label_free. */
int label_init(struct label *l, const char *s, const struct page_opts *o);

/* The first visual line of the label wrapped at width (cached per width),
 * or NULL. */
const struct layout_line *label_line(struct label *l, int width);

/* True when the label needs more than one line at width. */
int label_truncated(struct label *l, int width);

void label_free(struct label *l);

#endif
