/* page.c — owns the reader's page of an article: the list of pieces (header
 * lines, paragraphs, captions, placeholders, folded repeats) and the rows
 * that the TUI and the plain-text renderers draw. Also in-page search over
 * the pieces' folded text.
 *
 * A piece is laid out for the page width in stretches (struct page_seg): one
 * for an ordinary paragraph, one per LAYOUT_PIECE_CHARS code points or so for
 * a longer one (layout_piece). page_layout lays every stretch out once, to
 * count its lines, and keeps what it can of the layouts in a cache of at
 * most PAGE_CACHE_CHARS code points, the least recently used dropped first;
 * a row asked for later whose stretch was dropped is laid out again. So a
 * page holds the layouts of about what is shown, not of the whole article,
 * and an ordinary article stays laid out whole. */
#include "tandem/page.h"
#include "tandem/langid.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_IMAGE_LABEL "[image]"
#define PAGE_FOLDED_LABEL "[repeated paragraph]"

/* A stretch of a piece laid out at once, and its place in the cache. */
struct page_seg {
	struct layout_resume at;      /* where it starts in the piece */
	size_t first_line, nlines;    /* its lines among the piece's */
	struct layout_piece *laid;    /* its layout while cached; owned */
	struct page_seg *prev, *next; /* the cache's list, most recent first */
};

/* The layouts a page keeps: a list of stretches, most recently used first;
 * and the last answer of page_piece_range (asked for every row drawn). */
struct page_cache {
	struct page_seg *head, *tail;
	size_t chars;                 /* code points of the cached stretches */
	struct {
		const char *text;     /* the piece's text (the article's, never
		                         changed; NULL: none yet) */
		size_t len, off, mlen;
		int reveal;
		size_t start, end;
	} range;
};

static size_t seg_chars(const struct page_seg *sg)
{
	return sg->laid ? sg->laid->chars : 0;
}

static void cache_unlink(struct page_cache *c, struct page_seg *sg)
{
	if (sg->prev)
		sg->prev->next = sg->next;
	else
		c->head = sg->next;
	if (sg->next)
		sg->next->prev = sg->prev;
	else
		c->tail = sg->prev;
	sg->prev = sg->next = NULL;
}

/* Drops a stretch's layout. */
static void cache_drop(struct page_cache *c, struct page_seg *sg)
{
	if (!sg->laid)
		return;
	cache_unlink(c, sg);
	c->chars -= seg_chars(sg);
	layout_piece_free(sg->laid);
	free(sg->laid);
	sg->laid = NULL;
}

static void cache_push_front(struct page_cache *c, struct page_seg *sg)
{
	sg->prev = NULL;
	sg->next = c->head;
	if (c->head)
		c->head->prev = sg;
	c->head = sg;
	if (!c->tail)
		c->tail = sg;
}

/* Keeps `laid` (allocated) as the layout of sg, the most recent; drops the
 * least recent layouts past the budget, never sg's. */
static void cache_add(struct page_cache *c, struct page_seg *sg, struct layout_piece *laid)
{
	sg->laid = laid;
	cache_push_front(c, sg);
	c->chars += seg_chars(sg);
	while (c->chars > PAGE_CACHE_CHARS && c->tail != sg)
		cache_drop(c, c->tail);
}

static void cache_touch(struct page_cache *c, struct page_seg *sg)
{
	if (c->head == sg)
		return;
	cache_unlink(c, sg);
	cache_push_front(c, sg);
}

/* Forgets a piece's stretches (its layout at any width). */
static void piece_unlay(const struct page *p, struct page_piece *pc)
{
	for (size_t i = 0; i < pc->nsegs; i++)
		cache_drop(p->cache, &pc->segs[i]);
	free(pc->segs);
	pc->segs = NULL;
	pc->nsegs = 0;
	pc->seg_width = 0;
}

static void piece_reset(const struct page *p, struct page_piece *pc)
{
	piece_unlay(p, pc);
	fold_free(&pc->fold);
	pc->folded = 0;
}

static void piece_free(const struct page *p, struct page_piece *pc)
{
	piece_reset(p, pc);
	free(pc->own);
}

/* The piece shows s[0..n): text that outlives the page (the article's, a
 * label), or `own` when it is its own allocation (taken over). */
static void piece_set_text(const struct page *p, struct page_piece *pc, const char *s, size_t n,
                           char *own)
{
	piece_reset(p, pc);
	free(pc->own);
	pc->own = own;
	pc->utf8 = s;
	pc->len = n;
}

static struct page_piece *add_piece(struct page *p, size_t *cap, enum page_kind kind, long block,
                                    enum bidi_dir dir, const char *s, size_t n, char *own)
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
	piece_set_text(p, pc, s, n, own);
	p->npieces++;
	return pc;
}

/* "2025-10-23 · fr · www.vietnamplus.vn": the host of the source URL only
 * (it ends at the first '/', '?' or '#'), however long the URL. In a
 * right-to-left article the separators carry right-to-left marks, so the
 * fields read from the right in that order. Caller frees; NULL when memory
 * runs out. */
static char *meta_text(const struct corpus_article *a, enum bidi_dir dir)
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
	const char *dot = dir == BIDI_RTL ? " \xe2\x80\x8f\xc2\xb7\xe2\x80\x8f " : " \xc2\xb7 ";
	const char *sep = hl ? dot : "";
	const char *lang = langid_label(a->lang);
	/* the host is one word: a word joiner (U+2060) after each of its dots
	 * keeps "www." and "vietnamplus.vn" on one line */
	size_t dots = 0;
	for (size_t i = 0; i < hl; i++)
		dots += host[i] == '.';
	size_t n = strlen(d) + strlen(inferred) + strlen(dot) + strlen(lang) + strlen(sep) + hl +
	           3 * dots + 8;
	char *buf = malloc(n);
	if (!buf)
		return NULL;
	size_t k = (size_t)snprintf(buf, n, "%s%s%s%s%s", d, inferred, dot, lang, sep);
	for (size_t i = 0; i < hl && k + 4 < n; i++) {
		buf[k++] = host[i];
		if (host[i] == '.') {
			memcpy(buf + k, "\xe2\x81\xa0", 3);
			k += 3;
		}
	}
	buf[k] = 0;
	return buf;
}

/* The piece kind and text for article block i. */
static int block_piece(struct page *p, size_t i, enum page_kind *kind, const char **s, size_t *n)
{
	const struct article_text *t = corpus_article_text(p->article);
	const struct article_block *b = &t->blocks[i];
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_CAPTION:
		if (article_block_folds(t, i) && !p->expanded[i]) {
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
	if (kind == PAGE_IMAGE || kind == PAGE_FOLDED)
		return BIDI_LTR;
	if (kind == PAGE_META) {
		/* the article's direction, so it sits where its text does (an
		 * Arabic article's date, language and source flush right) */
		enum bidi_dir d = p->opts.dir != BIDI_AUTO ? p->opts.dir : p->article->dir;
		if (d == BIDI_AUTO)
			d = bidi_first_strong(p->article->title, strlen(p->article->title));
		return d == BIDI_RTL ? BIDI_RTL : BIDI_LTR;
	}
	if (kind == PAGE_TITLE)
		return BIDI_AUTO;
	return p->opts.dir != BIDI_AUTO ? p->opts.dir : p->article->dir;
}

/* The block a detected title was taken from whole (a headline: the first
 * paragraph, all of it, with no sentence end to cut at), or -1: a title from
 * the manifest, or shortened, or cut at a sentence end, leaves the paragraph
 * to be shown as such. */
static long headline_block(const struct corpus_article *a)
{
	if (!(a->detected & CORPUS_DETECTED_TITLE) || !a->title)
		return -1;
	const struct article_text *t = corpus_article_text(a);
	for (size_t i = 0; i < t->nblocks; i++) {
		if (t->blocks[i].kind != BLOCK_PARAGRAPH)
			continue;
		size_t n;
		const char *s = article_block_text(t, i, &n);
		size_t tn = strlen(a->title);
		return s && n == tn && memcmp(s, a->title, n) == 0 ? (long)i : -1;
	}
	return -1;
}

/* An empty page of article a (no pieces yet). NULL when memory runs out. */
static struct page *page_new(const struct corpus_article *a, const struct page_opts *o)
{
	struct page *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->opts = *o;
	/* the page points into the text: it stays loaded while the page lives */
	const struct article_text *t = corpus_article_pin(a);
	p->expanded = calloc(t->nblocks + 1, 1);
	p->cache = calloc(1, sizeof *p->cache);
	if (!p->expanded || !p->cache) {
		corpus_article_unpin(a);
		free(p->expanded);
		free(p->cache);
		free(p);
		return NULL;
	}
	p->article = a;
	return p;
}

struct page *page_create(const struct corpus_article *a, const struct page_opts *o)
{
	struct page *p = page_new(a, o);
	size_t cap = 0;
	if (!p)
		return NULL;
	/* A headline shown once: as the title, which then stands for its
	 * block (search, marks and positions in it land on the title). */
	long head = o->header ? headline_block(a) : -1;
	if (o->header) {
		const char *ts = a->title;
		size_t tn = strlen(a->title);
		if (head >= 0)
			ts = article_block_text(corpus_article_text(a), (size_t)head, &tn);
		if (!add_piece(p, &cap, PAGE_TITLE, head, text_dir(p, PAGE_TITLE), ts, tn, NULL))
			goto fail;
		char *meta = meta_text(a, text_dir(p, PAGE_META));
		if (!meta || !add_piece(p, &cap, PAGE_META, -1, text_dir(p, PAGE_META), meta, strlen(meta), meta)) {
			free(meta); /* not taken over */
			goto fail;
		}
	}
	p->first_body = p->npieces;
	for (size_t i = 0; i < corpus_article_text(a)->nblocks; i++) {
		enum page_kind kind;
		const char *s;
		size_t n;
		if ((long)i == head)
			continue;
		if (block_piece(p, i, &kind, &s, &n) &&
		    !add_piece(p, &cap, kind, (long)i, text_dir(p, kind), s, n, NULL))
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
	const struct article_text *t = corpus_article_text(a);
	const char *s = t->raw, *end = s + t->raw_len;
	if (end > s && end[-1] == '\n')
		end--; /* a final line end closes the last line, it opens none */
	for (;;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t len = e ? (size_t)(e - s) : (size_t)(end - s);
		if (len && s[len - 1] == '\r')
			len--;
		if (!add_piece(p, &cap, PAGE_RAW, -1, BIDI_AUTO, s, len, NULL))
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
		piece_free(p, &p->pieces[i]);
	free(p->pieces);
	free(p->rows);
	free(p->expanded);
	free(p->cache);
	if (p->article)
		corpus_article_unpin(p->article);
	free(p);
}

static void piece_opts(const struct page *p, const struct page_piece *pc, int width,
                       struct bidi_opts *bo, struct layout_opts *lo)
{
	*bo = (struct bidi_opts){.dir = pc->dir, .shape = p->opts.shape, .mirror = p->opts.mirror};
	*lo = (struct layout_opts){.width = width, .pad = !p->opts.no_pad, .reorder = p->opts.reorder,
	                           .decode_flags = p->opts.reveal ? DECODE_REVEAL : 0};
}

/* Lays out the stretch of pc that starts at *at (the rest of the piece from
 * there, layout_piece deciding where the stretch ends). */
static int piece_stretch(const struct page *p, const struct page_piece *pc, int width,
                         const struct layout_resume *at, struct layout_piece *out)
{
	struct bidi_opts bo;
	struct layout_opts lo;
	const char *err;
	piece_opts(p, pc, width, &bo, &lo);
	return layout_piece(pc->utf8 + at->byte, pc->len - at->byte, 0, &bo, &lo, at, out, &err);
}

/* Cuts a piece into stretches at `width` and counts its lines. The first
 * stretch's layout goes to the cache (the others are laid out again when
 * shown: their array moves while it grows). */
static int piece_segment(const struct page *p, struct page_piece *pc, int width)
{
	if (pc->seg_width == width)
		return 0;
	piece_unlay(p, pc);
	struct layout_resume at = {0};
	struct layout_piece *first = NULL;
	size_t cap = 0, lines = 0;
	for (;;) {
		if (pc->nsegs == cap) {
			size_t nc = cap ? cap * 2 : 1;
			struct page_seg *ns = realloc(pc->segs, nc * sizeof *ns);
			if (!ns)
				goto fail;
			pc->segs = ns;
			cap = nc;
		}
		struct layout_piece *lp = malloc(sizeof *lp);
		if (!lp || piece_stretch(p, pc, width, &at, lp) != 0) {
			free(lp);
			goto fail;
		}
		struct page_seg *sg = &pc->segs[pc->nsegs++];
		memset(sg, 0, sizeof *sg);
		sg->at = at;
		sg->first_line = lines;
		sg->nlines = lp->lay.nlines;
		lines += lp->lay.nlines;
		at = lp->next;
		int last = lp->last;
		if (!first) {
			first = lp;
		} else {
			layout_piece_free(lp);
			free(lp);
		}
		if (last)
			break;
	}
	cache_add(p->cache, &pc->segs[0], first);
	pc->seg_width = width;
	pc->nrows = lines;
	return 0;
fail:
	if (first)
		layout_piece_free(first);
	free(first);
	free(pc->segs);
	pc->segs = NULL;
	pc->nsegs = 0;
	return -1;
}

/* The layout of a stretch, laid out again if the cache dropped it. */
static const struct layout_piece *seg_load(const struct page *p, const struct page_piece *pc,
                                           struct page_seg *sg)
{
	if (sg->laid) {
		cache_touch(p->cache, sg);
		return sg->laid;
	}
	struct layout_piece *lp = malloc(sizeof *lp);
	if (!lp || piece_stretch(p, pc, pc->seg_width, &sg->at, lp) != 0) {
		free(lp);
		return NULL;
	}
	if (lp->lay.nlines != sg->nlines) { /* the same arguments, the same lines */
		layout_piece_free(lp);
		free(lp);
		return NULL;
	}
	cache_add(p->cache, sg, lp);
	return lp;
}

/* The stretch that holds line `line` of the piece. */
static struct page_seg *seg_of_line(const struct page_piece *pc, size_t line)
{
	size_t lo = 0, hi = pc->nsegs;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pc->segs[mid].first_line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return &pc->segs[lo];
}

/* A blank row comes before the piece: between pieces, except between the
 * title and its meta line, and never on a raw page. */
static int blank_before(const struct page *p, size_t i)
{
	return i > 0 && !p->raw &&
	       !(p->pieces[i].kind == PAGE_META && p->pieces[i - 1].kind == PAGE_TITLE);
}

int page_layout(struct page *p, int width)
{
	size_t total = 0;
	if (width < 1)
		width = 1;
	for (size_t i = 0; i < p->npieces; i++) {
		if (piece_segment(p, &p->pieces[i], width) != 0) {
			p->nrows = 0;
			p->width = 0;
			return -1;
		}
		total += p->pieces[i].nrows + 1;
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
		if (blank_before(p, i))
			rows[k++] = (struct page_row){(uint32_t)i, UINT32_MAX};
		pc->first_row = k;
		for (size_t l = 0; l < pc->nrows; l++)
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
		piece_reset(p, &p->pieces[i]);
	int width = p->width;
	p->nrows = 0;
	p->width = 0;
	return width ? page_layout(p, width) : 0;
}

const struct layout_line *page_row_line(const struct page *p, size_t row)
{
	if (row >= p->nrows || p->rows[row].line == UINT32_MAX)
		return NULL;
	struct page_piece *pc = &p->pieces[p->rows[row].piece];
	size_t line = p->rows[row].line;
	struct page_seg *sg = seg_of_line(pc, line);
	const struct layout_piece *lp = seg_load(p, pc, sg);
	return lp ? &lp->lay.lines[line - sg->first_line] : NULL;
}

size_t page_cached_chars(const struct page *p)
{
	return p->cache->chars;
}

int page_next_row(struct page *p, int width, struct page_cursor *c, char **utf8)
{
	*utf8 = NULL;
	if (width < 1)
		width = 1;
	for (;;) {
		if (c->piece >= p->npieces)
			return 0;
		struct page_piece *pc = &p->pieces[c->piece];
		if (!c->started) {
			c->started = 1;
			if (blank_before(p, c->piece))
				return (*utf8 = strdup("")) ? 1 : -1;
		}
		if (c->have && c->line < c->cur.lay.nlines) {
			*utf8 = layout_line_to_utf8(&c->cur.lay.lines[c->line++], 1, 0, NULL);
			return *utf8 ? 1 : -1;
		}
		if (c->have) {
			int last = c->cur.last;
			c->at = c->cur.next;
			layout_piece_free(&c->cur);
			c->have = 0;
			if (last) {
				memset(&c->at, 0, sizeof c->at);
				c->piece++;
				c->started = 0;
				continue;
			}
		}
		if (piece_stretch(p, pc, width, &c->at, &c->cur) != 0)
			return -1;
		c->have = 1;
		c->line = 0;
	}
}

void page_cursor_free(struct page_cursor *c)
{
	if (c->have)
		layout_piece_free(&c->cur);
	memset(c, 0, sizeof *c);
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
	for (size_t i = 0; i < p->first_body; i++)
		if (block >= 0 && p->pieces[i].block == block)
			return p->pieces[i].first_row; /* a headline shown as the title */
	for (size_t i = p->first_body; i < p->npieces; i++) {
		if (p->pieces[i].block > block)
			break;
		best = p->pieces[i].first_row;
	}
	return best;
}

int page_toggle_repeat(struct page *p, long block)
{
	const struct article_text *t = corpus_article_text(p->article);
	if (block < 0 || (size_t)block >= t->nblocks || !article_block_folds(t, (size_t)block))
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
		piece_set_text(p, pc, s, n, NULL);
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

/* Appends f, its source indices moved by `off`, to acc (whose arrays hold
 * *cap entries and the terminator). */
static int fold_append(struct fold_text *acc, size_t *cap, const struct fold_text *f, size_t off)
{
	if (acc->len + f->len + 1 > *cap) {
		size_t nc = *cap ? *cap : 64;
		while (acc->len + f->len + 1 > nc)
			nc *= 2;
		uint32_t *ncp = realloc(acc->cp, nc * sizeof *ncp);
		if (!ncp)
			return -1;
		acc->cp = ncp;
		size_t *ns = realloc(acc->src, nc * sizeof *ns);
		if (!ns)
			return -1;
		acc->src = ns;
		*cap = nc;
	}
	for (size_t i = 0; i < f->len; i++) {
		acc->cp[acc->len + i] = f->cp[i];
		acc->src[acc->len + i] = f->src[i] + off;
	}
	acc->len += f->len;
	return 0;
}

const struct fold_text *page_piece_fold(struct page *p, size_t piece)
{
	struct page_piece *pc = &p->pieces[piece];
	struct fold_text acc = {0};
	size_t cap = 0, byte = 0, logical = 0, col = 0;
	if (pc->folded)
		return &pc->fold;
	/* The logical text the layout's indices count, decoded the same way;
	 * a LAYOUT_PIECE_CHARS at a time (folding goes character by
	 * character, so the pieces fold as the whole would). */
	for (;;) {
		struct decoded_text t;
		struct fold_text f;
		if (decode_paragraph_part(pc->utf8 + byte, pc->len - byte,
		                          p->opts.reveal ? DECODE_REVEAL : 0, col, LAYOUT_PIECE_CHARS,
		                          &t) != 0)
			goto fail;
		size_t used = t.byte_off[t.len];
		if (fold_text(t.cp, t.len, &f) != 0) {
			decode_free(&t);
			goto fail;
		}
		int r = fold_append(&acc, &cap, &f, logical);
		fold_free(&f);
		if (byte + used < pc->len)
			col = decode_next_col(t.cp, t.len, col);
		logical += t.len;
		byte += used;
		decode_free(&t);
		if (r != 0)
			goto fail;
		if (byte >= pc->len)
			break;
	}
	acc.cp[acc.len] = 0;
	acc.src[acc.len] = logical;
	pc->fold = acc;
	pc->folded = 1;
	return &pc->fold;
fail:
	fold_free(&acc);
	return NULL;
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
	if (piece >= p->npieces || p->pieces[piece].seg_width == 0)
		return -1;
	const struct page_piece *pc = &p->pieces[piece];
	struct page_cache *c = p->cache;
	if (c->range.text == pc->utf8 && c->range.len == pc->len && c->range.off == off &&
	    c->range.mlen == len && c->range.reveal == p->opts.reveal) {
		*start = c->range.start;
		*end = c->range.end;
		return 0;
	}
	/* decoded as the layout decodes it, for its logical indices; the
	 * characters after the range (a few bytes more) change nothing */
	struct decoded_text t;
	size_t n = pc->len;
	if (off + len + 4 < n)
		n = off + len + 4;
	if (decode_paragraph_ex(pc->utf8, n, p->opts.reveal ? DECODE_REVEAL : 0, &t) != 0)
		return -1;
	*start = char_at_byte(&t, off);
	*end = char_at_byte(&t, off + len);
	decode_free(&t);
	c->range.text = pc->utf8;
	c->range.len = pc->len;
	c->range.off = off;
	c->range.mlen = len;
	c->range.reveal = p->opts.reveal;
	c->range.start = *start;
	c->range.end = *end;
	return 0;
}

size_t page_match_row(const struct page *p, const struct page_match *m)
{
	struct page_piece *pc = &p->pieces[m->piece];
	if (pc->nsegs == 0)
		return pc->first_row;
	/* the last stretch that starts at or before the match */
	size_t lo = 0, hi = pc->nsegs;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pc->segs[mid].at.logical <= m->start)
			lo = mid;
		else
			hi = mid;
	}
	struct page_seg *sg = &pc->segs[lo];
	const struct layout_piece *lp = seg_load(p, pc, sg);
	if (!lp)
		return pc->first_row + sg->first_line;
	for (size_t l = 0; l < lp->lay.nlines; l++)
		if (m->start < lp->lay.lines[l].end)
			return pc->first_row + sg->first_line + l;
	return pc->first_row + sg->first_line + (sg->nlines ? sg->nlines - 1 : 0);
}
