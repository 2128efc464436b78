/* layout.c — owns line breaking and the building of terminal cells (steps 5
 * to 7 of the text pipeline). A paragraph analysed once by bidi.c is cut into
 * lines in logical order at UAX #14 opportunities, measured with the widths of
 * the shaped characters; a word wider than the line is cut between grapheme
 * clusters. Each line is then reordered alone, and its visual sequence becomes
 * cells (base + combining marks), with the logical<->visual map kept. */
#include "tandem/layout.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "tandem/decode.h"

#define FILL_CHAR 0xfeffu

int layout_is_invisible(uint32_t c)
{
	return c == FILL_CHAR || c == 0x00ad || c == 0x200b || c == 0x200c || c == 0x200d ||
	       c == 0x2060 || bidi_is_format_char(c) ||
	       uc_is_general_category(c, UC_CATEGORY_Cf);
}

int layout_char_width(uint32_t c)
{
	if (layout_is_invisible(c))
		return 0;
	int w = uc_width(c, "UTF-8");
	if (w < 0)
		return 1; /* drawn as U+FFFD */
	return w > 2 ? 2 : w;
}

static int is_trailing_space(uint32_t c)
{
	return c == ' ' || uc_is_general_category(c, UC_CATEGORY_Zs);
}

void layout_para_free(struct layout_para *lp)
{
	if (!lp)
		return;
	for (size_t i = 0; i < lp->nlines; i++) {
		free(lp->lines[i].cells);
		free(lp->lines[i].cell_of);
	}
	free(lp->lines);
	memset(lp, 0, sizeof *lp);
}

/* Cuts [s, n) in logical order: returns the end of the line that starts at s. */
static size_t next_break(const struct bidi_para *p, const uint8_t *w, const char *lbrk,
                         const char *gbrk, size_t s, int width)
{
	size_t n = p->len, fit = s;
	int total = 0, content = 0;

	for (size_t i = s;; i++) {
		/* libunistring marks a break opportunity before s[i] as POSSIBLE
		 * (or HYPHENATION), and a mandatory break as MANDATORY on the
		 * line-break character itself: the break comes after it. */
		int mandatory = i > s && lbrk[i - 1] == UC_BREAK_MANDATORY;
		if (i > s && (i == n || mandatory || lbrk[i] == UC_BREAK_POSSIBLE ||
		              lbrk[i] == UC_BREAK_HYPHENATION)) {
			if (content > width)
				break;
			fit = i;
			if (i == n || mandatory)
				break;
		}
		if (i == n)
			break;
		total += w[i];
		if (!is_trailing_space(p->logical[i]))
			content = total;
		if (content > width && fit > s)
			break;
	}
	if (fit > s)
		return fit;

	/* The first word alone is wider than the line: cut it between grapheme
	 * clusters, as many as fit, at least one. A lam-alef ligature (fill in
	 * the lam's slot) is never split. */
	size_t end = s, i = s;
	total = 0;
	while (i < n) {
		size_t g = i + 1;
		int gw = w[i];
		while (g < n && !gbrk[g]) {
			gw += w[g];
			g++;
		}
		while (g < n && p->shaped[g - 1] == FILL_CHAR && p->logical[g - 1] != FILL_CHAR) {
			gw += w[g];
			g++;
		}
		if (end > s && total + gw > width)
			break;
		total += gw;
		end = g;
		i = g;
		if (total >= width)
			break;
	}
	return end;
}

/* Builds the cells of the line [start, end) in visual order. */
static int build_line(const struct bidi_para *p, const struct layout_opts *o, size_t start,
                      size_t end, uint32_t *map, struct layout_para *lp,
                      struct layout_line *line)
{
	size_t n = end - start;
	size_t content_end = end;
	while (content_end > start && is_trailing_space(p->logical[content_end - 1]))
		content_end--;

	memset(line, 0, sizeof *line);
	line->start = start;
	line->end = end;
	line->cells = malloc((n ? n : 1) * sizeof *line->cells);
	line->cell_of = malloc((n ? n : 1) * sizeof *line->cell_of);
	if (!line->cells || !line->cell_of)
		return -1;
	for (size_t i = 0; i < n; i++)
		line->cell_of[i] = -1;

	if (o->reorder) {
		if (bidi_reorder_line(p, start, n, map))
			return -1;
	} else {
		for (size_t i = 0; i < n; i++)
			map[i] = (uint32_t)(start + i);
	}

	for (size_t v = 0; v < n; v++) {
		size_t L = map[v];
		if (L >= content_end)
			continue;
		uint32_t c = p->shaped[L];
		if (layout_is_invisible(c))
			continue;
		int cw = layout_char_width(c);
		if (cw == 0 && line->ncells > 0) {
			struct layout_cell *prev = &line->cells[line->ncells - 1];
			if (prev->nch < LAYOUT_CELL_CHARS)
				prev->ch[prev->nch++] = c;
			else
				lp->marks_cut++;
			line->cell_of[L - start] = (int32_t)(line->ncells - 1);
			continue;
		}
		struct layout_cell *cell = &line->cells[line->ncells];
		memset(cell, 0, sizeof *cell);
		cell->logical = (uint32_t)L;
		if (cw == 0) { /* a mark with no base: give it one */
			cell->ch[cell->nch++] = 0x00a0;
			cell->ch[cell->nch++] = c;
			cw = 1;
		} else {
			cell->ch[cell->nch++] = uc_width(c, "UTF-8") < 0 ? 0xfffd : c;
		}
		cell->width = (uint8_t)cw;
		line->cell_of[L - start] = (int32_t)line->ncells;
		line->ncells++;
		line->width += cw;
	}
	if (o->pad && lp->rtl && line->width < o->width)
		line->indent = o->width - line->width;
	return 0;
}

int layout_wrap(const struct bidi_para *p, const struct layout_opts *o, struct layout_para *out)
{
	size_t n = p->len, alloc = n ? n : 1, cap = 8;
	int width = o->width > 0 ? o->width : 1;
	uint8_t *w = malloc(alloc);
	char *lbrk = malloc(alloc);
	char *gbrk = malloc(alloc);
	uint32_t *map = malloc(alloc * sizeof *map);

	memset(out, 0, sizeof *out);
	out->width = width;
	out->rtl = p->rtl;
	out->lines = malloc(cap * sizeof *out->lines);
	if (!w || !lbrk || !gbrk || !map || !out->lines)
		goto fail;
	for (size_t i = 0; i < n; i++)
		w[i] = (uint8_t)layout_char_width(p->shaped[i]);
	if (n) {
		/* Break opportunities come from the logical text: mirroring turns
		 * '(' into ')' and would change their classes. */
		u32_possible_linebreaks(p->logical, n, "UTF-8", lbrk);
		u32_grapheme_breaks(p->logical, n, gbrk);
	}

	size_t s = 0;
	do {
		size_t e = n ? next_break(p, w, lbrk, gbrk, s, width) : 0;
		if (out->nlines == cap) {
			cap *= 2;
			struct layout_line *nl = realloc(out->lines, cap * sizeof *nl);
			if (!nl)
				goto fail;
			out->lines = nl;
		}
		struct layout_line *line = &out->lines[out->nlines];
		int r = build_line(p, o, s, e, map, out, line);
		out->nlines++;
		if (r)
			goto fail;
		s = e;
	} while (s < n);

	free(w);
	free(lbrk);
	free(gbrk);
	free(map);
	return 0;
fail:
	free(w);
	free(lbrk);
	free(gbrk);
	free(map);
	layout_para_free(out);
	return -1;
}

long layout_line_cell_of(const struct layout_line *l, size_t logical)
{
	if (logical < l->start || logical >= l->end)
		return -1;
	return l->cell_of[logical - l->start];
}

char *layout_line_to_utf8(const struct layout_line *l, int with_indent, int pad_to,
                          size_t *out_len)
{
	size_t cap = (size_t)(with_indent ? l->indent : 0) + l->ncells * LAYOUT_CELL_CHARS +
	             (pad_to > 0 ? (size_t)pad_to : 0) + 1;
	uint32_t *cp = malloc(cap * sizeof *cp);
	size_t k = 0;
	int col = 0;
	if (!cp)
		return NULL;
	if (with_indent)
		for (; col < l->indent; col++)
			cp[k++] = ' ';
	for (size_t i = 0; i < l->ncells; i++) {
		for (int j = 0; j < l->cells[i].nch; j++)
			cp[k++] = l->cells[i].ch[j];
		col += l->cells[i].width;
	}
	for (; col < pad_to; col++)
		cp[k++] = ' ';
	char *s = decode_to_utf8(cp, k, out_len);
	free(cp);
	return s;
}
