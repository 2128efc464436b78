/* page.h — an article as the reader shows it, for one text width: a header
 * (title, date, language, source), then the blocks with a blank row between
 * them, each block laid out by the text layer. A page is a list of pieces
 * (one laid-out paragraph each: header lines, paragraphs, captions, image
 * placeholders, folded repeats) and a list of rows pointing into them.
 * Layout is lazy and cached per piece and width. The TUI and the plain-text
 * renderers draw the same rows. */
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
};

/* One laid-out unit of the page. */
struct page_piece {
	enum page_kind kind;
	long block;                  /* article block, -1 for header pieces */
	char *utf8;                  /* the text laid out; owned */
	size_t len;
	enum bidi_dir dir;
	struct decoded_text text;    /* logical text (valid once prepared) */
	struct bidi_para bidi;       /* valid once prepared */
	struct layout_para lay;      /* valid when lay.width == the page width */
	struct fold_text fold;       /* search form, built on first search */
	int prepared, laid_out, folded;
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
	int raw;                     /* a raw page: stored lines, no blank rows */
};

/* Builds the pieces of an article (nothing laid out yet). The article must
 * outlive the page. NULL when memory runs out. Free with page_destroy. */
struct page *page_create(const struct corpus_article *a, const struct page_opts *o);

/* The raw page of an article: every line of its stored text (source line,
 * image markup and boilerplate included; CR of a CRLF dropped), one piece per
 * line, no header and no blank rows between lines; each line takes its own
 * direction. NULL when memory runs out. Free with page_destroy. */
struct page *page_create_raw(const struct corpus_article *a, const struct page_opts *o);

void page_destroy(struct page *p);

/* Lays the page out for `width` columns (>= 1), reusing each piece's layout
 * when the width did not change. Returns 0, or -1 when memory runs out or
 * the bidi algorithm fails (the page then has no rows). */
int page_layout(struct page *p, int width);

/* Shows invisible format characters as marks (on) or hides them: every
 * piece is analysed again and, when the page was laid out, laid out again at
 * its width. 0, or -1 when memory runs out (the page then has no rows). */
int page_set_reveal(struct page *p, int on);

/* The visual line of a row, or NULL for a blank row. */
const struct layout_line *page_row_line(const struct page *p, size_t row);

/* The kind of a row (PAGE_BLANK for blank rows). */
enum page_kind page_row_kind(const struct page *p, size_t row);

/* The raw line (0-based) shown on a row of a raw page. */
size_t page_row_raw_line(const struct page *p, size_t row);

/* The article block shown on a row, -1 for header and blank rows. */
long page_row_block(const struct page *p, size_t row);

/* The first row of an article block, or the nearest row before it when the
 * block has no row (source, comments). */
size_t page_block_row(const struct page *p, long block);

/* Shows a folded repeat in full, or folds it again. Call page_layout after.
 * Returns 0 when `block` is not a repeat. */
int page_toggle_repeat(struct page *p, long block);

/* The row's text as UTF-8 (indent included when with_indent); "" for a blank
 * row. Caller frees; NULL when memory runs out. */
char *page_row_utf8(const struct page *p, size_t row, int with_indent);

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
 * len) of a piece's text produced. The piece must be laid out (prepared);
 * returns 0, or -1 when it is not. */
int page_piece_range(const struct page *p, size_t piece, size_t off, size_t len, size_t *start,
                     size_t *end);

/* Row where a match starts. */
size_t page_match_row(const struct page *p, const struct page_match *m);

#endif
