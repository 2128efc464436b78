/* page.h — an article as the reader shows it, for one text width: a header
 * (title, date, language, source), then the blocks with a blank row between
 * them, each block laid out by the text layer. A page is a list of pieces
 * (one laid-out paragraph each: header lines, paragraphs, captions, image
 * placeholders, folded repeats) and a list of rows pointing into them.
 * Each piece is laid out per width (a paragraph longer than
 * LAYOUT_PIECE_CHARS in stretches); the page keeps the layouts of the rows
 * shown last, up to PAGE_CACHE_CHARS, and lays out again what it dropped.
 * The TUI and the plain-text renderers draw the same rows. */
#ifndef TANDEM_PAGE_H
#define TANDEM_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/bidi.h"
#include "tandem/corpus.h"
#include "tandem/decode.h"
#include "tandem/fold.h"
#include "tandem/layout.h"

enum page_kind {
	PAGE_BLANK,      /* the blank row between pieces */
	PAGE_TITLE,
	PAGE_META,       /* date, language, source */
	PAGE_TEXT,       /* a paragraph */
	PAGE_CAPTION,
	PAGE_IMAGE,      /* "[image]" */
	PAGE_FOLDED,     /* "[repeated paragraph]" standing for a duplicate */
	PAGE_RAW,        /* a line of the stored text, as it is (raw pages) */
};

struct page_opts {
	int shape;           /* Arabic shaping */
	int mirror;          /* bracket mirroring in RTL runs */
	int reorder;         /* 0: logical order, for terminals that do bidi */
	int header;          /* show title and meta rows */
	enum bidi_dir dir;   /* BIDI_AUTO: the article's own dir */
	int reveal;          /* invisible format characters as marks (DECODE_REVEAL) */
	int no_pad;          /* right-to-left lines not flushed right (logical text) */
};

/* One laid-out unit of the page. */
struct page_piece {
	enum page_kind kind;
	long block;                  /* article block, -1 for header pieces
	                                (but a title that is the whole first
	                                paragraph holds that block) */
	const char *utf8;            /* the text laid out: the article's, a
	                                label, or `own` */
	size_t len;
	char *own;                   /* text the page made (the meta line);
	                                owned */
	enum bidi_dir dir;
	struct page_seg *segs;       /* its stretches at seg_width (page.c);
	                                owned */
	size_t nsegs;
	int seg_width;               /* 0: not laid out */
	struct fold_text fold;       /* search form, built on first search */
	int folded;
	size_t first_row, nrows;     /* its rows in the page */
};

struct page_row {
	uint32_t piece;
	uint32_t line;               /* line of the piece; UINT32_MAX: blank row */
};

struct page {
	const struct corpus_article *article;
	struct page_opts opts;
	int width;                   /* width the rows are laid out for; 0: none */
	struct page_piece *pieces;   /* owned */
	size_t npieces;
	size_t first_body;           /* first piece after the header */
	struct page_row *rows;       /* owned */
	size_t nrows;
	unsigned char *expanded;     /* per block: a repeat shown in full; owned */
	struct page_cache *cache;    /* the layouts kept (page.c); owned */
	int raw;                     /* a raw page: stored lines, no blank rows */
};

/* Builds the pieces of an article (nothing laid out yet). A title detected
 * from the text that is the whole of its first paragraph (a headline) is
 * shown once: the title piece shows that block's text and takes its index,
 * and the block has no body piece. The article must outlive the page. NULL
 * when memory runs out. Free with page_destroy. */
struct page *page_create(const struct corpus_article *a, const struct page_opts *o);

/* The raw page of an article: every line of its stored text (source line,
 * image markup and boilerplate included; CR of a CRLF dropped), one piece per
 * line, no header and no blank rows between lines; each line takes its own
 * direction. NULL when memory runs out. Free with page_destroy. */
struct page *page_create_raw(const struct corpus_article *a, const struct page_opts *o);

void page_destroy(struct page *p);

/* The page keeps the layouts of at most about this many code points (those
 * of the rows asked for last); the others are laid out again when needed. */
#define PAGE_CACHE_CHARS (2 * LAYOUT_PIECE_CHARS)

/* Lays the page out for `width` columns (>= 1), reusing each piece's layout
 * when the width did not change. Every piece is laid out to count its rows,
 * but only PAGE_CACHE_CHARS of the layouts are kept. Returns 0, or -1 when
 * memory runs out or the bidi algorithm fails (the page then has no rows). */
int page_layout(struct page *p, int width);

/* Code points whose layout the page keeps now. */
size_t page_cached_chars(const struct page *p);

/* Shows invisible format characters as marks (on) or hides them: every
 * piece is analysed again and, when the page was laid out, laid out again at
 * its width. 0, or -1 when memory runs out (the page then has no rows). */
int page_set_reveal(struct page *p, int on);

/* The visual line of a row, or NULL for a blank row (or when memory runs
 * out laying its paragraph out again). It stays valid until the page lays
 * out another stretch (page_layout, page_row_line, page_row_utf8,
 * page_match_row may): use it before asking for another row. */
const struct layout_line *page_row_line(const struct page *p, size_t row);

/* The kind of a row (PAGE_BLANK for blank rows). */
enum page_kind page_row_kind(const struct page *p, size_t row);

/* The raw line (0-based) shown on a row of a raw page. */
size_t page_row_raw_line(const struct page *p, size_t row);

/* The article block shown on a row, -1 for header and blank rows. */
long page_row_block(const struct page *p, size_t row);

/* The first row of an article block (the title's for a headline shown as
 * the title), or the nearest row before it when the block has no row
 * (source, comments). */
size_t page_block_row(const struct page *p, long block);

/* Shows a folded repeat in full, or folds it again. Call page_layout after.
 * Returns 0 when `block` is not a repeat. */
int page_toggle_repeat(struct page *p, long block);

/* The row's text as UTF-8 (indent included when with_indent); "" for a blank
 * row. Caller frees; NULL when memory runs out. */
char *page_row_utf8(const struct page *p, size_t row, int with_indent);

/* Row by row, for the plain-text renderers: the rows that page_layout and
 * page_row_utf8 (with indent) give, laid out one stretch at a time as they
 * come and freed after, so that no more than a paragraph (or
 * LAYOUT_PIECE_CHARS of one) is ever laid out at once. Start with a zeroed
 * cursor. */
struct page_cursor {
	size_t piece;                /* the piece being shown */
	int started;                 /* its blank row is out */
	int have;                    /* cur holds a stretch of it */
	struct layout_piece cur;     /* owned */
	size_t line;                 /* the next line of cur */
	struct layout_resume at;     /* where cur starts */
};

/* 1 and *utf8 (caller frees) for the next row, 0 after the last, -1 when
 * memory runs out or the bidi algorithm fails. */
int page_next_row(struct page *p, int width, struct page_cursor *c, char **utf8);

/* Frees what the cursor holds (also after an error or an early stop). */
void page_cursor_free(struct page_cursor *c);

/* The folded form of a piece for searching (built and cached on first use).
 * NULL when memory runs out or the piece cannot be prepared. */
const struct fold_text *page_piece_fold(struct page *p, size_t piece);

/* A search match in the page: logical range [start, end) of a piece. */
struct page_match {
	size_t piece;
	size_t start, end;
};

/* Finds the next (dir > 0) or previous (dir < 0) match of `needle` (folded)
 * from the piece and logical position given (exclusive), wrapping around the
 * page. Returns 1 and fills *m when found, 0 when the page has no match.
 * *wrapped is set when the search went past the end (or start). */
int page_find(struct page *p, const struct fold_text *needle, size_t piece, size_t pos,
              int dir, struct page_match *m, int *wrapped);

/* The logical range [*start, *end) of the characters that bytes [off, off +
 * len) of a piece's text produced. The piece must be laid out; returns 0, or
 * -1 when it is not or memory runs out. */
int page_piece_range(const struct page *p, size_t piece, size_t off, size_t len, size_t *start,
                     size_t *end);

/* Row where a match starts. */
size_t page_match_row(const struct page *p, const struct page_match *m);

#endif
