/* page.c — owns the reader's page of an article: the list of pieces (header
 * lines, paragraphs, captions, placeholders, folded repeats), each analysed
 * once (decode, bidi, shaping) and wrapped once per width, and the rows that
 * the TUI and the plain-text renderers draw. Also in-page search over the
 * pieces' folded text. */
#include "tandem/page.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_IMAGE_LABEL "[image]"
#define PAGE_FOLDED_LABEL "[repeated paragraph]"

static void piece_reset(struct page_piece *pc)
{
	decode_free(&pc->text);
	bidi_free(&pc->bidi);
	layout_para_free(&pc->lay);
	fold_free(&pc->fold);
	pc->prepared = pc->laid_out = pc->folded = 0;
}

static void piece_free(struct page_piece *pc)
{
	piece_reset(pc);
	free(pc->utf8);
}

static int piece_set_text(struct page_piece *pc, const char *s, size_t n)
{
	char *t = malloc(n + 1);
	if (!t)
		return -1;
	memcpy(t, s, n);
	t[n] = 0;
	piece_reset(pc);
	free(pc->utf8);
	pc->utf8 = t;
	pc->len = n;
	return 0;
}

static struct page_piece *add_piece(struct page *p, size_t *cap, enum page_kind kind, long block,
                                    enum bidi_dir dir, const char *s, size_t n)
{
	if (p->npieces == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct page_piece *np = realloc(p->pieces, nc * sizeof *np);
		if (!np)
			return NULL;
		p->pieces = np;
		*cap = nc;
	}
	struct page_piece *pc = &p->pieces[p->npieces];
	memset(pc, 0, sizeof *pc);
	pc->kind = kind;
	pc->block = block;
	pc->dir = dir;
	if (piece_set_text(pc, s, n) != 0)
		return NULL;
	p->npieces++;
	return pc;
}

/* "2025-10-23 · fr · www.vietnamplus.vn": the host of the source URL only
 * (it ends at the first '/', '?' or '#'), however long the URL. Caller
 * frees; NULL when memory runs out. */
static char *meta_text(const struct corpus_article *a)
{
	char date[16];
	const char *host = "";
	size_t hl = 0;
	if (a->source) {
		host = strstr(a->source, "://");
		host = host ? host + 3 : a->source;
		hl = strcspn(host, "/?#");
	}
	if (hl > INT_MAX / 2)
		hl = INT_MAX / 2;
	const char *d = a->date.y ? dates_format(&a->date, date) : "undated";
	const char *inferred = a->detected & CORPUS_INFERRED_DATE ? " (inferred)" : "";
	const char *sep = hl ? " \xc2\xb7 " : "";
	size_t n = strlen(d) + strlen(inferred) + strlen(a->lang) + strlen(sep) + hl + 8;
	char *buf = malloc(n);
	if (buf)
		snprintf(buf, n, "%s%s \xc2\xb7 %s%s%.*s", d, inferred, a->lang, sep, (int)hl, host);
	return buf;
}

/* The piece kind and text for article block i. */
static int block_piece(struct page *p, size_t i, enum page_kind *kind, const char **s, size_t *n)
{
	const struct article_text *t = &p->article->text;
	const struct article_block *b = &t->blocks[i];
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_CAPTION:
		if (b->dup_of >= 0 && !p->expanded[i]) {
			*kind = PAGE_FOLDED;
			*s = PAGE_FOLDED_LABEL;
			*n = strlen(*s);
			return 1;
		}
		*kind = b->kind == BLOCK_CAPTION ? PAGE_CAPTION : PAGE_TEXT;
		*s = article_block_text(t, i, n);
		return 1;
	case BLOCK_IMAGE:
		*kind = PAGE_IMAGE;
		*s = PAGE_IMAGE_LABEL;
		*n = strlen(*s);
		return 1;
	case BLOCK_SOURCE:
	case BLOCK_COMMENTS:
		break;
	}
	return 0; /* metadata: in the header, or in the raw view */
}

static enum bidi_dir text_dir(const struct page *p, enum page_kind kind)
{
	if (kind == PAGE_IMAGE || kind == PAGE_FOLDED || kind == PAGE_META)
		return BIDI_LTR;
	if (kind == PAGE_TITLE)
		return BIDI_AUTO;
	return p->opts.dir != BIDI_AUTO ? p->opts.dir : p->article->dir;
}

/* An empty page of article a (no pieces yet). NULL when memory runs out. */
static struct page *page_new(const struct corpus_article *a, const struct page_opts *o)
{
	struct page *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->article = a;
	p->opts = *o;
	p->expanded = calloc(a->text.nblocks + 1, 1);
	if (!p->expanded) {
		free(p);
		return NULL;
	}
	return p;
}

struct page *page_create(const struct corpus_article *a, const struct page_opts *o)
{
	struct page *p = page_new(a, o);
	size_t cap = 0;
	if (!p)
		return NULL;
	if (o->header) {
		if (!add_piece(p, &cap, PAGE_TITLE, -1, text_dir(p, PAGE_TITLE), a->title,
		               strlen(a->title)))
			goto fail;
		char *meta = meta_text(a);
		int ok = meta && add_piece(p, &cap, PAGE_META, -1, BIDI_LTR, meta, strlen(meta));
		free(meta);
		if (!ok)
			goto fail;
	}
	p->first_body = p->npieces;
	for (size_t i = 0; i < a->text.nblocks; i++) {
		enum page_kind kind;
		const char *s;
		size_t n;
		if (block_piece(p, i, &kind, &s, &n) &&
		    !add_piece(p, &cap, kind, (long)i, text_dir(p, kind), s, n))
			goto fail;
	}
	return p;
fail:
	page_destroy(p);
	return NULL;
}

struct page *page_create_raw(const struct corpus_article *a, const struct page_opts *o)
{
	struct page *p = page_new(a, o);
	size_t cap = 0;
	if (!p)
		return NULL;
	p->raw = 1;
	const char *s = a->text.raw, *end = s + a->text.raw_len;
	if (end > s && end[-1] == '\n')
		end--; /* a final line end closes the last line, it opens none */
	for (;;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t len = e ? (size_t)(e - s) : (size_t)(end - s);
		if (len && s[len - 1] == '\r')
			len--;
		if (!add_piece(p, &cap, PAGE_RAW, -1, BIDI_AUTO, s, len))
			goto fail;
		if (!e)
			break;
		s = e + 1;
	}
	return p;
fail:
	page_destroy(p);
	return NULL;
}

void page_destroy(struct page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->npieces; i++)
		piece_free(&p->pieces[i]);
	free(p->pieces);
	free(p->rows);
	free(p->expanded);
	free(p);
}

/* Decode and bidi analysis: once per piece, whatever the width. */
static int piece_prepare(const struct page *p, struct page_piece *pc)
{
	if (pc->prepared)
		return 0;
	const char *err;
	struct bidi_opts bo = {.dir = pc->dir, .shape = p->opts.shape, .mirror = p->opts.mirror};
	if (decode_paragraph_ex(pc->utf8, pc->len, p->opts.reveal ? DECODE_REVEAL : 0,
	                        &pc->text) != 0)
		return -1;
	if (bidi_prepare(pc->text.cp, pc->text.len, &bo, &pc->bidi, &err) != 0) {
		decode_free(&pc->text);
		return -1;
	}
	pc->prepared = 1;
	return 0;
}

static int piece_layout(const struct page *p, struct page_piece *pc, int width)
{
	if (pc->laid_out && pc->lay.width == width)
		return 0;
	if (piece_prepare(p, pc) != 0)
		return -1;
	layout_para_free(&pc->lay);
	pc->laid_out = 0;
	struct layout_opts lo = {.width = width, .pad = 1, .reorder = p->opts.reorder};
	if (layout_wrap(&pc->bidi, &lo, &pc->lay) != 0)
		return -1;
	pc->laid_out = 1;
	return 0;
}

int page_layout(struct page *p, int width)
{
	size_t total = 0;
	if (width < 1)
		width = 1;
	for (size_t i = 0; i < p->npieces; i++) {
		if (piece_layout(p, &p->pieces[i], width) != 0) {
			p->nrows = 0;
			p->width = 0;
			return -1;
		}
		total += p->pieces[i].lay.nlines + 1;
	}
	struct page_row *rows = realloc(p->rows, (total + 1) * sizeof *rows);
	if (!rows) {
		p->nrows = 0;
		p->width = 0;
		return -1;
	}
	p->rows = rows;
	size_t k = 0;
	for (size_t i = 0; i < p->npieces; i++) {
		struct page_piece *pc = &p->pieces[i];
		/* the title and meta lines sit together; everything else is
		 * separated by a blank row */
		if (i > 0 && !p->raw &&
		    !(pc->kind == PAGE_META && p->pieces[i - 1].kind == PAGE_TITLE))
			rows[k++] = (struct page_row){(uint32_t)i, UINT32_MAX};
		pc->first_row = k;
		pc->nrows = pc->lay.nlines;
		for (size_t l = 0; l < pc->lay.nlines; l++)
			rows[k++] = (struct page_row){(uint32_t)i, (uint32_t)l};
	}
	p->nrows = k;
	p->width = width;
	return 0;
}

int page_set_reveal(struct page *p, int on)
{
	on = !!on;
	if (p->opts.reveal == on)
		return 0;
	p->opts.reveal = on;
	for (size_t i = 0; i < p->npieces; i++)
		piece_reset(&p->pieces[i]);
	int width = p->width;
	p->nrows = 0;
	p->width = 0;
	return width ? page_layout(p, width) : 0;
}

const struct layout_line *page_row_line(const struct page *p, size_t row)
{
	if (row >= p->nrows || p->rows[row].line == UINT32_MAX)
		return NULL;
	return &p->pieces[p->rows[row].piece].lay.lines[p->rows[row].line];
}

enum page_kind page_row_kind(const struct page *p, size_t row)
{
	if (row >= p->nrows || p->rows[row].line == UINT32_MAX)
		return PAGE_BLANK;
	return p->pieces[p->rows[row].piece].kind;
}

size_t page_row_raw_line(const struct page *p, size_t row)
{
	return row < p->nrows ? p->rows[row].piece : 0;
}

long page_row_block(const struct page *p, size_t row)
{
	if (row >= p->nrows || p->rows[row].line == UINT32_MAX)
		return -1;
	return p->pieces[p->rows[row].piece].block;
}

size_t page_block_row(const struct page *p, long block)
{
	size_t best = 0;
	for (size_t i = p->first_body; i < p->npieces; i++) {
		if (p->pieces[i].block > block)
			break;
		best = p->pieces[i].first_row;
	}
	return best;
}

int page_toggle_repeat(struct page *p, long block)
{
	const struct article_text *t = &p->article->text;
	if (block < 0 || (size_t)block >= t->nblocks || t->blocks[block].dup_of < 0)
		return 0;
	p->expanded[block] = !p->expanded[block];
	for (size_t i = p->first_body; i < p->npieces; i++) {
		struct page_piece *pc = &p->pieces[i];
		if (pc->block != block)
			continue;
		enum page_kind kind = PAGE_TEXT;
		const char *s = "";
		size_t n = 0;
		block_piece(p, (size_t)block, &kind, &s, &n);
		if (piece_set_text(pc, s, n) != 0)
			return -1;
		pc->kind = kind;
		pc->dir = text_dir(p, kind);
		p->width = 0;
		return 1;
	}
	return 0;
}

char *page_row_utf8(const struct page *p, size_t row, int with_indent)
{
	const struct layout_line *l = page_row_line(p, row);
	if (!l)
		return strdup("");
	return layout_line_to_utf8(l, with_indent, 0, NULL);
}

const struct fold_text *page_piece_fold(struct page *p, size_t piece)
{
	struct page_piece *pc = &p->pieces[piece];
	if (pc->folded)
		return &pc->fold;
	if (piece_prepare(p, pc) != 0 || fold_text(pc->text.cp, pc->text.len, &pc->fold) != 0)
		return NULL;
	pc->folded = 1;
	return &pc->fold;
}

int page_find(struct page *p, const struct fold_text *needle, size_t piece, size_t pos, int dir,
              struct page_match *m, int *wrapped)
{
	*wrapped = 0;
	if (p->npieces == 0 || needle->len == 0)
		return 0;
	if (piece >= p->npieces)
		piece = p->npieces - 1;
	/* Visit every piece once, starting (and ending) with `piece`. */
	for (size_t step = 0; step <= p->npieces; step++) {
		size_t k = dir > 0 ? (piece + step) % p->npieces
		                   : (piece + p->npieces - step % p->npieces) % p->npieces;
		if (step > 0 && ((dir > 0 && k <= piece) || (dir < 0 && k >= piece)))
			*wrapped = 1;
		const struct fold_text *f = page_piece_fold(p, k);
		if (!f)
			continue;
		long at = -1;
		if (dir > 0) {
			size_t from = 0;
			if (step == 0) {
				/* first folded index past the logical position */
				while (from < f->len && f->src[from] <= pos)
					from++;
			} else if (k == piece) {
				from = 0;
			}
			at = fold_find(f, needle, from);
			if (step == p->npieces && at >= 0 && f->src[at] > pos)
				at = -1; /* already seen on the first visit */
		} else {
			size_t before = f->len;
			if (step == 0) {
				before = 0;
				while (before < f->len && f->src[before] < pos)
					before++;
			}
			at = fold_rfind(f, needle, before);
			if (step == p->npieces && at >= 0 && f->src[at] < pos)
				at = -1;
		}
		if (at >= 0) {
			m->piece = k;
			fold_source_range(f, (size_t)at, needle->len, &m->start, &m->end);
			return 1;
		}
	}
	return 0;
}

/* The first character whose source bytes start at or after off. */
static size_t char_at_byte(const struct decoded_text *t, size_t off)
{
	size_t lo = 0, hi = t->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->byte_off[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int page_piece_range(const struct page *p, size_t piece, size_t off, size_t len, size_t *start,
                     size_t *end)
{
	if (piece >= p->npieces || !p->pieces[piece].prepared)
		return -1;
	const struct decoded_text *t = &p->pieces[piece].text;
	*start = char_at_byte(t, off);
	*end = char_at_byte(t, off + len);
	return 0;
}

size_t page_match_row(const struct page *p, const struct page_match *m)
{
	const struct page_piece *pc = &p->pieces[m->piece];
	for (size_t l = 0; l < pc->lay.nlines; l++)
		if (m->start < pc->lay.lines[l].end || l + 1 == pc->lay.nlines)
			return pc->first_row + l;
	return pc->first_row;
}
