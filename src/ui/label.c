/* label.c — owns one-line labels of corpus text (titles, event titles,
 * search contexts, raw lines): decoded and analysed once by the text layer,
 * wrapped per width into one of LABEL_WIDTHS cached layouts; the reader
 * draws their visual lines. */
#include "tandem/label.h"

#include <string.h>

int label_init_n(struct label *l, const char *s, size_t len, const struct page_opts *o)
{
	const char *err;
	struct bidi_opts bo = {.dir = BIDI_AUTO, .shape = o->shape, .mirror = o->mirror};
	memset(l, 0, sizeof *l);
	l->reorder = o->reorder;
	if (decode_paragraph_ex(s, len, o->reveal ? DECODE_REVEAL : 0, &l->text) != 0)
		return -1;
	if (bidi_prepare(l->text.cp, l->text.len, &bo, &l->bidi, &err) != 0) {
		decode_free(&l->text);
		return -1;
	}
	l->prepared = 1;
	return 0;
}

int label_init(struct label *l, const char *s, const struct page_opts *o)
{
	return label_init_n(l, s, strlen(s), o);
}

const struct layout_para *label_layout(struct label *l, int width)
{
	if (!l->prepared || width < 1)
		return NULL;
	for (int i = 0; i < LABEL_WIDTHS; i++)
		if (l->laid_out[i] && l->lay[i].width == width)
			return &l->lay[i];
	int k = l->next;
	l->next = (k + 1) % LABEL_WIDTHS;
	if (l->laid_out[k])
		layout_para_free(&l->lay[k]);
	l->laid_out[k] = 0;
	struct layout_opts lo = {.width = width, .pad = 0, .reorder = l->reorder};
	if (layout_wrap(&l->bidi, &lo, &l->lay[k]) != 0)
		return NULL;
	l->laid_out[k] = 1;
	if (l->lay[k].nlines == 0)
		return NULL;
	return &l->lay[k];
}

const struct layout_line *label_line(struct label *l, int width)
{
	const struct layout_para *lp = label_layout(l, width);
	return lp ? &lp->lines[0] : NULL;
}

int label_truncated(struct label *l, int width)
{
	const struct layout_para *lp = label_layout(l, width);
	return lp && lp->nlines > 1;
}

void label_free(struct label *l)
{
	for (int i = 0; i < LABEL_WIDTHS; i++)
		if (l->laid_out[i])
			layout_para_free(&l->lay[i]);
	if (l->prepared) {
		bidi_free(&l->bidi);
		decode_free(&l->text);
	}
	memset(l, 0, sizeof *l);
}

size_t label_char_of_byte(const struct label *l, size_t off)
{
	size_t lo = 0, hi = l->text.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->text.byte_off[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
