/* article.h — raw scraped article text to typed blocks: paragraphs, image
 * placeholders, captions, the source line and the comment-count boilerplate.
 * Nothing is lost: the raw bytes stay, and each block points into them. */
#ifndef TANDEM_ARTICLE_H
#define TANDEM_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/encoding.h"

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_IMAGE,     /* "![]()" placeholder, optionally followed by "|" */
	BLOCK_CAPTION,   /* "| ... (Foto: ...) |" */
	BLOCK_SOURCE,    /* "Source: URL" — kept as metadata */
	BLOCK_COMMENTS,  /* "Komentar (0)", "12 comments", "Комментарии (12)", "12 تعليق" */
};

struct article_block {
	enum block_kind kind;
	size_t off, len;      /* the block's text in raw: a caption without its
	                         "|" frame, a source line's URL, else the line
	                         trimmed of surrounding white space */
	size_t line_off, line_len; /* the whole line in raw */
	unsigned line;        /* 1-based line number */
	unsigned ordinal;     /* 1-based number among blocks of its kind: with the
	                         kind's letter and the article id, a stable anchor
	                         ("fr-rehearsal#p3") */
	long dup_of;          /* index of an earlier block with the same text, or -1 */
	uint32_t hash;        /* FNV-1a of the text: lets an anchor check that
	                         the paragraph it points to did not change */
};

struct article_text {
	char *raw;            /* the file's bytes, NUL-terminated; owned */
	size_t raw_len;
	struct article_block *blocks; /* owned */
	size_t nblocks;
	size_t invalid_utf8;  /* invalid UTF-8 sequences in the raw text */
	size_t controls;      /* control characters other than TAB/CR/LF */
	int has_bom;
};

/* Parses n bytes (copied). Returns 0, or -1 when memory runs out. Free with
 * article_text_free. */
int article_parse(const char *bytes, size_t n, struct article_text *out);

/* The same, with the bytes' encoding_scan already made (the loader's
 * encoding check makes it): the text is not scanned a second time. */
int article_parse_scanned(const char *bytes, size_t n, const struct encoding_scan *scan,
                          struct article_text *out);

void article_text_free(struct article_text *t);

/* The block's text (not NUL-terminated; *len bytes). */
const char *article_block_text(const struct article_text *t, size_t i, size_t *len);

/* "paragraph", "image", "caption", "source", "comments". */
const char *article_block_kind_name(enum block_kind k);

/* The anchor letter of a kind: 'p', 'i', 'c', 's', 'k'. */
char article_block_letter(enum block_kind k);

/* A repeat is folded in the reader ("[repeated paragraph]") when it has at
 * least this many characters: repeated scrape debris is long, while a short
 * heading that happens to repeat another is shown. */
#define ARTICLE_FOLD_MIN_CHARS 40

/* True when block i repeats an earlier one and is long enough to fold. */
int article_block_folds(const struct article_text *t, size_t i);

/* True for blocks a reader reads (paragraphs and captions), as opposed to
 * placeholders and metadata. */
int article_block_is_text(enum block_kind k);

#endif
