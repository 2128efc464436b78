/* layout.c — owns line breaking and the building of terminal cells (steps 5
 * to 7 of the text pipeline). A paragraph analysed once by bidi.c is cut into
 * lines in logical order at UAX #14 opportunities (and, inside Thai, Lao,
 * Khmer and Myanmar words, wordbreak.c's), measured with the widths of
 * the shaped characters; a word wider than the line is cut between grapheme
 * clusters. Each line is then reordered alone, and its visual sequence becomes
 * cells (base + combining marks), with the logical<->visual map kept. */
#include "tandem/layout.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "tandem/decode.h"
#include "tandem/wordbreak.h"

#define FILL_CHAR 0xfeffu

int layout_is_invisible(uint32_t c)
{
	if (c < 0xad) /* U+00AD is the first format (Cf) character */
		return 0;
	return c == FILL_CHAR || c == 0x00ad || c == 0x200b || c == 0x200c || c == 0x200d ||
	       c == 0x2060 || bidi_is_format_char(c) ||
	       uc_is_general_category(c, UC_CATEGORY_Cf);
}

int layout_char_width(uint32_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (layout_is_invisible(c))
		return 0;
	int w = uc_width(c, "UTF-8");
	if (w < 0)
		return 1; /* drawn as U+FFFD */
	return w > 2 ? 2 : w;
}

static int is_trailing_space(uint32_t c)
{
	if (c < 0x1680) /* the first Zs after U+00A0 */
		return c == ' ' || c == 0xa0;
	return uc_is_general_category(c, UC_CATEGORY_Zs);
}

/* The prepended concatenation marks, the format characters (Cf) that
 * wcwidth tables give a width. libunistring 1.0 gives every Cf, these
 * included, width 0; they are tested anyway so that a library giving them a
 * width cannot make them visible. */
static int is_prepended_mark(uint32_t c)
{
	return (c >= 0x600 && c <= 0x605) || c == 0x6dd || c == 0x70f || c == 0x8e2 ||
	       c == 0x110bd || c == 0x110cd;
}

/* Per-character facts, width-independent: layout_wrap computes them on a
 * paragraph's first wrap into bidi_para.attr (a cache that bidi_prepare
 * allocates), so that cutting, cell building and every later re-wrap never
 * ask libunistring again. */
#define ATTR_WIDTH 0x03     /* layout_char_width of the shaped character */
#define ATTR_INVISIBLE 0x04 /* layout_is_invisible(shaped) */
#define ATTR_UNKNOWN 0x08   /* uc_width(shaped) < 0: drawn as U+FFFD */
#define ATTR_SPACE 0x10     /* is_trailing_space(logical) */
#define ATTR_BREAK 0x20     /* a line may start here: breaks[i] is POSSIBLE
                               or HYPHENATION */
#define ATTR_AFTER_NL 0x40  /* a line must start here: breaks[i - 1] is
                               MANDATORY */
#define ATTR_PLAIN 0x80     /* a cell of its own showing the character: not
                               invisible, not a mark, width known */
/* attr[n], once filled: ATTR_FILLED and what the paragraph holds, so that
 * build_line skips the passes a paragraph without them does not need. */
#define PARA_FILLED 0x01
#define PARA_MARKS 0x02     /* a drawn character of width 0 (combining) */
#define PARA_LIGATURES 0x04 /* a U+FEFF fill in a lam-alef's lam slot */

/* ATTR_WIDTH, ATTR_INVISIBLE, ATTR_UNKNOWN and ATTR_PLAIN of a shaped
 * character. */
static uint8_t shaped_attr(uint32_t shaped)
{
	int w = uc_width(shaped, "UTF-8");
	/* Everything layout_is_invisible names is a format character (Cf), and
	 * libunistring gives those width 0: only then is the test needed. */
	if ((w <= 0 || is_prepended_mark(shaped)) && layout_is_invisible(shaped))
		return ATTR_INVISIBLE;
	if (w < 0)
		return ATTR_UNKNOWN | 1;
	if (w == 0)
		return 0; /* a combining mark */
	return ATTR_PLAIN | (uint8_t)(w > 2 ? 2 : w);
}

/* shaped_attr of each code point of the BMP once asked, | SHAPED_KNOWN (0:
 * not yet; the bit is never one of shaped_attr's): uc_width walks tables and
 * range lists for each character, and a paragraph asks the same few dozen
 * again and again. Relaxed atomics: threads that lay out at once store the
 * same answers. */
#define SHAPED_KNOWN ATTR_AFTER_NL
static _Atomic unsigned char shaped_attr_bmp[0x10000];

static uint8_t char_attr(uint32_t shaped, uint32_t logical)
{
	uint8_t a = is_trailing_space(logical) ? ATTR_SPACE : 0;
	if (shaped >= 0x20 && shaped < 0x7f)
		return a | ATTR_PLAIN | 1;
	if (shaped > 0xffff)
		return a | shaped_attr(shaped);
	unsigned char k = atomic_load_explicit(&shaped_attr_bmp[shaped], memory_order_relaxed);
	if (!k) {
		k = shaped_attr(shaped) | SHAPED_KNOWN;
		atomic_store_explicit(&shaped_attr_bmp[shaped], k, memory_order_relaxed);
	}
	return a | (uint8_t)(k & ~SHAPED_KNOWN);
}

void layout_para_free(struct layout_para *lp)
{
	if (!lp)
		return;
	free(lp->cell_store); /* map_store is in the same block */
	free(lp->lines);
	memset(lp, 0, sizeof *lp);
}

/* What next_break keeps from one call to the next: the grapheme breaks (found
 * on the first word wider than a line) and the last grapheme cluster it
 * measured, so that a cluster wider than a line, cut into many lines, is
 * scanned once rather than once per line. */
struct cut_state {
	char *gbrk;
	int have_gbrk;
	size_t cl_start, cl_end; /* [cl_start, cl_end): a cluster, or empty */
};

/* Columns that character i takes on its line: a combining mark with no
 * visible character before it on the line is drawn on a base of its own
 * (build_line), so it takes a column; *based says whether a visible
 * character came before, and is updated. */
static int drawn_width(const uint8_t *w, size_t i, int *based)
{
	int cw = w[i] & ATTR_WIDTH;
	if (w[i] & ATTR_INVISIBLE)
		return 0;
	if (cw == 0 && !*based)
		cw = 1;
	*based = 1;
	return cw;
}

/* End of the grapheme cluster (lam-alef ligature and its marks included)
 * that starts at or contains i. */
static size_t cluster_end(const struct bidi_para *p, struct cut_state *cs, size_t i)
{
	size_t n = p->len;
	if (i >= cs->cl_start && i < cs->cl_end)
		return cs->cl_end;
	const char *gbrk = cs->gbrk;
	size_t g = i + 1;
	while (g < n && !gbrk[g])
		g++;
	/* A lam-alef ligature (fill in the lam's slot) is never split. */
	while (g < n && p->shaped[g - 1] == FILL_CHAR && p->logical[g - 1] != FILL_CHAR) {
		g++;
		while (g < n && !gbrk[g]) /* the alef's own marks */
			g++;
	}
	cs->cl_start = i;
	cs->cl_end = g;
	return g;
}

/* Cuts [s, n) in logical order: returns the end of the line that starts at s
 * (s < n). */
static size_t next_break(const struct bidi_para *p, const uint8_t *w, struct cut_state *cs,
                         size_t s, int width)
{
	size_t n = p->len, fit = s, i = s;
	int total = 0, content = 0, based = 0;

	/* A combining mark before the line's first visible character takes a
	 * column of its own (drawn_width): until that character, widths are
	 * counted the slow way. */
	for (; i < n && !based; i++) {
		uint8_t a = w[i];
		if (i > s && (a & (ATTR_BREAK | ATTR_AFTER_NL))) {
			if (a & ATTR_AFTER_NL) /* zero-width only, but mandatory */
				return i;
			/* total is 0 here: a break after zero-width characters
			 * alone is no fit */
		}
		total += drawn_width(w, i, &based);
		if (!(a & ATTR_SPACE))
			content = total;
		if (content > width)
			goto over;
	}
	for (; i < n; i++) {
		uint8_t a = w[i];
		/* libunistring marks a break opportunity before s[i] as POSSIBLE
		 * (or HYPHENATION), and a mandatory break as MANDATORY on the
		 * line-break character itself: the break comes after it
		 * (ATTR_BREAK and ATTR_AFTER_NL, on the character after the
		 * break). total > 0: a visible character came before. */
		if (a & (ATTR_BREAK | ATTR_AFTER_NL)) {
			fit = i;
			if (a & ATTR_AFTER_NL)
				return i;
		}
		total += a & ATTR_WIDTH; /* 0 when invisible */
		if (!(a & ATTR_SPACE))
			content = total;
		/* content only grows: once past the width, no later opportunity
		 * can fit either (the check above would break there). Stopping
		 * here keeps a long unbreakable word from being rescanned to its
		 * end for every line cut from it (quadratic). */
		if (content > width)
			goto over;
	}
	return n; /* the rest fits */
over:
	if (fit > s)
		return fit;

	/* The first word alone is wider than the line: cut it between grapheme
	 * clusters, as many as fit, at least one. Grapheme breaks are only
	 * needed here, so they are found on the first such word. */
	if (!cs->have_gbrk) {
		u32_grapheme_breaks(p->logical, n, cs->gbrk);
		cs->have_gbrk = 1;
	}
	size_t end = s;
	i = s;
	total = 0;
	based = 0;
	while (i < n) {
		size_t g = cluster_end(p, cs, i);
		/* the cluster's width, counted only until it exceeds the line:
		 * a cluster longer than that is cut below anyway */
		int b = based, gw = 0;
		for (size_t j = i; j < g && gw <= width; j++)
			gw += drawn_width(w, j, &b);
		if (total > 0 && total + gw > width) /* a line shows something */
			break;
		if (gw > width) {
			/* One cluster alone wider than the line (an emoji ZWJ or
			 * modifier sequence: each of its characters takes a cell):
			 * cut it between characters, as many as fit, at least one,
			 * keeping zero-width ones with what precedes them. */
			size_t j = i + 1;
			int cw = drawn_width(w, i, &based);
			while (j < g) {
				int b2 = based, jw = drawn_width(w, j, &b2);
				if (cw + jw > width)
					break;
				cw += jw;
				based = b2;
				j++;
			}
			end = j;
			break;
		}
		total += gw;
		based = b;
		end = g;
		i = g;
		if (total >= width)
			break;
	}
	/* Spaces after the cut are neither drawn nor counted: keep them on this
	 * line rather than start the next with them (or make it of them alone). */
	while (end < n && (w[end] & ATTR_SPACE))
		end++;
	return end;
}

/* Builds the cells of the line [start, end) in visual order. map and levels
 * are the wrap's whole-paragraph arrays (bidi_reorder_span); pf the
 * paragraph's PARA_* flags. */
static int build_line(const struct bidi_para *p, const struct layout_opts *o, const uint8_t *w,
                      uint8_t pf, size_t start, size_t end, uint32_t *map, int8_t *levels,
                      struct layout_para *lp, struct layout_line *line)
{
	size_t n = end - start;
	size_t content_end = end;
	while (!o->keep_spaces && content_end > start && (w[content_end - 1] & ATTR_SPACE))
		content_end--;

	memset(line, 0, sizeof *line);
	line->start = start;
	line->end = end;
	/* lines tile the paragraph and a line has at most one cell per
	 * character: its cells and map fit in the paragraph's stores at its
	 * own offset */
	struct layout_cell *cells = lp->cell_store + start;
	int32_t *cell_of = lp->map_store + start;
	line->cells = cells;
	line->cell_of = cell_of;

	/* map is the identity until a line is reordered: without reordering
	 * it is the logical order already */
	if (o->reorder && bidi_reorder_span(p, start, n, levels, map))
		return -1;
	const uint32_t *vis = map + start;

	/* The first character drawn on the line: a combining mark there has no
	 * base before it, and gets one of its own (next_break measures it so). */
	size_t first_drawn = start;
	while (first_drawn < content_end && (w[first_drawn] & ATTR_INVISIBLE))
		first_drawn++;

	/* Bases (and a mark with no base) take cells, in visual order; every
	 * other character is given no cell here (a mark gets its base's
	 * below)... */
	size_t ncells = 0, fills = 0;
	int width = 0;
	for (size_t v = 0; v < n; v++) {
		size_t L = vis[v];
		uint8_t a = w[L];
		if ((a & ATTR_PLAIN) && L < content_end) { /* most characters */
			struct layout_cell *cell = &cells[ncells];
			*cell = (struct layout_cell){.ch = {p->shaped[L]}, .nch = 1,
			                             .width = (uint8_t)(a & ATTR_WIDTH),
			                             .logical = (uint32_t)L};
			cell_of[L - start] = (int32_t)ncells;
			ncells++;
			width += a & ATTR_WIDTH;
			continue;
		}
		int cw = a & ATTR_WIDTH;
		if (L >= content_end || (a & ATTR_INVISIBLE) || (cw == 0 && L != first_drawn)) {
			cell_of[L - start] = -1;
			fills += p->shaped[L] == FILL_CHAR;
			continue;
		}
		struct layout_cell *cell = &cells[ncells];
		uint32_t c = p->shaped[L];
		if (cw == 0) { /* a mark with no base: give it one */
			*cell = (struct layout_cell){.ch = {0x00a0, c}, .nch = 2, .width = 1,
			                             .logical = (uint32_t)L};
			cw = 1;
		} else {
			*cell = (struct layout_cell){.ch = {(a & ATTR_UNKNOWN) ? 0xfffd : c},
			                             .nch = 1, .width = (uint8_t)cw,
			                             .logical = (uint32_t)L};
		}
		cell_of[L - start] = (int32_t)ncells;
		ncells++;
		width += cw;
	}
	line->ncells = ncells;
	line->width = width;
	/* ...and each mark joins the cell of the character drawn before it in
	 * logical order, its base (or that base's other marks), wherever
	 * reordering put it: with REORDER_NSM right after it, except where an
	 * embedding or isolate between them moved one away. */
	if (pf & PARA_MARKS) {
		size_t prev = first_drawn;
		for (size_t L = first_drawn + 1; L < content_end; L++) {
			if (w[L] & ATTR_INVISIBLE)
				continue;
			if ((w[L] & ATTR_WIDTH) == 0) {
				int32_t ci = cell_of[prev - start];
				struct layout_cell *cell = &cells[ci];
				if (cell->nch < LAYOUT_CELL_CHARS)
					cell->ch[cell->nch++] = p->shaped[L];
				else
					lp->marks_cut++;
				cell_of[L - start] = ci;
			}
			prev = L;
		}
	}
	/* A lam-alef ligature shows the lam too: its fill slot maps to the
	 * ligature's cell (the alef's, next in logical order). Only a line
	 * with a U+FEFF among its cell-less characters can have one. */
	if ((pf & PARA_LIGATURES) && fills)
		for (size_t i = 0; i + 1 < n; i++)
			if (cell_of[i] < 0 && p->shaped[start + i] == FILL_CHAR &&
			    p->logical[start + i] != FILL_CHAR)
				cell_of[i] = cell_of[i + 1];
	if (o->pad && lp->rtl && line->width < o->width)
		line->indent = o->width - line->width;
	return 0;
}

/* ATTR_BREAK and ATTR_AFTER_NL of character i > 0. */
static uint8_t break_attr(const char *lbrk, size_t i)
{
	uint8_t a = 0;
	if (lbrk[i] == UC_BREAK_POSSIBLE || lbrk[i] == UC_BREAK_HYPHENATION)
		a |= ATTR_BREAK;
	if (lbrk[i - 1] == UC_BREAK_MANDATORY)
		a |= ATTR_AFTER_NL;
	return a;
}

/* Fills the per-character facts of p->attr on a paragraph's first wrap (the
 * dictionary's word boundaries added to the breaks first). Returns the
 * PARA_* flags, or 0 when memory runs out. */
static uint8_t fill_attr(const struct bidi_para *p)
{
	size_t n = p->len;
	uint8_t *w = p->attr;
	uint8_t pf = PARA_FILLED;
	int nospace = 0; /* a character of a script written without spaces */
	const char *lbrk = p->breaks;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = p->logical[i], sh = p->shaped[i];
		uint8_t a = char_attr(sh, c);
		if (i > 0)
			a |= break_attr(lbrk, i);
		w[i] = a;
		if (!(a & ATTR_PLAIN)) {
			if ((a & (ATTR_INVISIBLE | ATTR_WIDTH)) == 0)
				pf |= PARA_MARKS;
			if (sh == FILL_CHAR && c != FILL_CHAR)
				pf |= PARA_LIGATURES;
		}
		if (c >= 0x0e00u && wordbreak_script_char(c)) /* below: never */
			nospace = 1;
	}
	/* Their words have no UAX #14 opportunity between them: add the
	 * dictionary's, once, to the paragraph's, and read the breaks again.
	 * Without ICU's data they stay as UAX #14 gives them (cut between
	 * clusters when too long). */
	if (nospace) {
		if (wordbreak_add(p->logical, n, p->breaks) == -1)
			return 0;
		for (size_t i = 1; i < n; i++)
			w[i] = (uint8_t)((w[i] & ~(ATTR_BREAK | ATTR_AFTER_NL)) | break_attr(lbrk, i));
	}
	w[n] = pf;
	return pf;
}

/* Per-wrap scratch of up to WRAP_STACK_CHARS characters lives on the stack. */
#define WRAP_STACK_CHARS 1024

int layout_wrap(const struct bidi_para *p, const struct layout_opts *o, struct layout_para *out)
{
	size_t n = p->len, alloc = n ? n : 1;
	int width = o->width > 0 ? o->width : 1;
	/* lines are about n / width; a realloc doubles when more come */
	size_t cap = n / (size_t)width + n / (4 * (size_t)width) + 4;
	const uint8_t *w = p->attr;
	/* scratch: the visual map and the levels L1 rewrites (whole
	 * paragraph, bidi_reorder_span), the grapheme breaks (next_break) */
	uint32_t stack_map[WRAP_STACK_CHARS];
	int8_t stack_levels[WRAP_STACK_CHARS];
	char stack_gbrk[WRAP_STACK_CHARS];
	uint32_t *map = stack_map;
	int8_t *levels = stack_levels;
	char *gbrk = stack_gbrk;
	char *scratch = NULL;

	memset(out, 0, sizeof *out);
	out->width = width;
	out->rtl = p->rtl;
	if (n > WRAP_STACK_CHARS) {
		scratch = malloc(n * (sizeof *map + sizeof *levels + 1));
		if (!scratch)
			goto fail;
		map = (uint32_t *)scratch;
		levels = (int8_t *)(map + n);
		gbrk = (char *)(levels + n);
	}
	out->lines = malloc(cap * sizeof *out->lines);
	/* cells and the cell_of maps, one block (layout_para_free frees it
	 * through cell_store) */
	out->cell_store = malloc(alloc * (sizeof *out->cell_store + sizeof *out->map_store));
	if (!out->lines || !out->cell_store)
		goto fail;
	out->map_store = (int32_t *)(out->cell_store + alloc);
	uint8_t pf = w[n] ? w[n] : fill_attr(p);
	if (!pf)
		goto fail;
	for (size_t i = 0; i < n; i++)
		map[i] = (uint32_t)i;
	if (o->reorder && n)
		memcpy(levels, p->levels, n);

	size_t s = 0;
	struct cut_state cs = {.gbrk = gbrk};
	do {
		size_t e = n ? next_break(p, w, &cs, s, width) : 0;
		if (out->nlines == cap) {
			cap *= 2;
			struct layout_line *nl = realloc(out->lines, cap * sizeof *nl);
			if (!nl)
				goto fail;
			out->lines = nl;
		}
		struct layout_line *line = &out->lines[out->nlines];
		int r = build_line(p, o, w, pf, s, e, map, levels, out, line);
		out->nlines++;
		if (r)
			goto fail;
		s = e;
	} while (s < n);

	free(scratch);
	return 0;
fail:
	free(scratch);
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

void layout_piece_free(struct layout_piece *pc)
{
	if (!pc)
		return;
	layout_para_free(&pc->lay);
	memset(pc, 0, sizeof *pc);
}

/* Adds `off` to every logical index of the lines (their maps and cells stay
 * where they are: they are reached through the lines' pointers). */
static void shift_logical(struct layout_para *lp, size_t off)
{
	if (off == 0)
		return;
	for (size_t i = 0; i < lp->nlines; i++) {
		struct layout_line *l = &lp->lines[i];
		l->start += off;
		l->end += off;
		for (size_t c = 0; c < l->ncells; c++)
			l->cells[c].logical += (uint32_t)off;
	}
}

/* Where a piece ends when not even its first line ends before the margin (a
 * line of a million combining marks): the last grapheme-cluster boundary at
 * or before `limit`, else `limit` itself. Returns 0 when memory runs out. */
static size_t forced_cut(const uint32_t *cp, size_t len, size_t limit)
{
	char *gb = malloc(len);
	if (!gb)
		return 0;
	u32_grapheme_breaks(cp, len, gb);
	size_t c = limit;
	while (c > 0 && !gb[c])
		c--;
	free(gb);
	return c > 0 ? c : limit;
}

int layout_piece(const char *bytes, size_t n, int more, const struct bidi_opts *bo,
                 const struct layout_opts *lo, const struct layout_resume *at,
                 struct layout_piece *out, const char **err)
{
	static const char *oom = "out of memory";
	struct decoded_text t;
	struct bidi_para bp;
	struct bidi_opts o = *bo;

	memset(out, 0, sizeof *out);
	*err = oom;
	if (at->dir != BIDI_AUTO)
		o.dir = at->dir;
	if (decode_paragraph_part(bytes, n, lo->decode_flags, at->col, LAYOUT_PIECE_CHARS, &t) != 0)
		return -1;
	size_t window = t.byte_off[t.len];
	int last = window == n && (!more || n == 0);
	if (bidi_prepare(t.cp, t.len, &o, &bp, err) != 0) {
		decode_free(&t);
		return -1;
	}
	if (layout_wrap(&bp, lo, &out->lay) != 0)
		goto fail;

	size_t keep = t.len;
	if (!last) {
		/* Keep the lines that end before the margin: the next piece
		 * starts where the first of the others starts. */
		size_t safe = t.len > 2 * LAYOUT_PIECE_MARGIN ? t.len - LAYOUT_PIECE_MARGIN
		                                              : (t.len + 1) / 2;
		size_t k = 0;
		while (k < out->lay.nlines && out->lay.lines[k].end <= safe)
			k++;
		if (k > 0) {
			out->lay.nlines = k;
			keep = out->lay.lines[k - 1].end;
		} else {
			keep = forced_cut(t.cp, t.len, safe);
			layout_para_free(&out->lay);
			bidi_free(&bp);
			if (keep == 0) {
				decode_free(&t);
				return -1;
			}
			if (bidi_prepare(t.cp, keep, &o, &bp, err) != 0) {
				decode_free(&t);
				return -1;
			}
			if (layout_wrap(&bp, lo, &out->lay) != 0)
				goto fail;
		}
	}
	out->chars = keep;
	out->bytes = t.byte_off[keep];
	out->last = last;
	out->next.byte = at->byte + out->bytes;
	out->next.logical = at->logical + keep;
	out->next.col = last ? 0 : decode_next_col(t.cp, keep, at->col);
	out->next.dir = at->dir != BIDI_AUTO ? at->dir
	              : bp.dir_found     ? (bp.rtl ? BIDI_RTL : BIDI_LTR)
	                                 : BIDI_AUTO;
	shift_logical(&out->lay, at->logical);
	bidi_free(&bp);
	decode_free(&t);
	return 0;
fail:
	*err = oom;
	layout_para_free(&out->lay);
	bidi_free(&bp);
	decode_free(&t);
	memset(out, 0, sizeof *out);
	return -1;
}
