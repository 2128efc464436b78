/* label.c — owns one-line labels of corpus text (titles, event titles,
 * search contexts): decoded and analysed once by the text layer, wrapped
 * per width and cached; the reader draws the first visual line. */
#include "tandem/label.h"

#include <string.h>

int label_init(struct label *l, const char *s, const struct page_opts *o)
{
	const char *err;
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = o->shape, .mirror = o->mirror};
	memset(l, 0, sizeof *l);
	l->reorder = o->reorder;
	if (decode_paragraph(s, strlen(s), &l->text) != 0)
		return -1;
	if (bidi_prepare(l->text.cp, l->text.len, &bo, &l->bidi, &err) != 0) {
		decode_free(&l->text);
		return -1;
	}
	l->prepared = 1;
	return 0;
}

const struct layout_line *label_line(struct label *l, int width)
{
	if (!l->prepared || width < 1)
		return NULL;
	if (!l->laid_out || l->lay.width != width) {
		struct layout_opts lo = {.width = width, .pad = 0, .reorder = l->reorder};
		if (l->laid_out)
			layout_para_free(&l->lay);
		l->laid_out = 0;
		if (layout_wrap(&l->bidi, &lo, &l->lay) != 0 || l->lay.nlines == 0)
			return NULL;
		l->laid_out = 1;
	}
	return &l->lay.lines[0];
}

int label_truncated(struct label *l, int width)
{
	return label_line(l, width) && l->lay.nlines > 1;
}

void label_free(struct label *l)
{
	if (l->laid_out)
		layout_para_free(&l->lay);
	if (l->prepared) {
		bidi_free(&l->bidi);
		decode_free(&l->text);
	}
	memset(l, 0, sizeof *l);
}
