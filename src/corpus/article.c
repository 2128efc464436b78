/* article.c — owns the article parser: a scraped text, line by line, becomes
 * typed blocks (paragraphs, image placeholders, captions, the source line,
 * the comment-count boilerplate) that point into the raw bytes, which are
 * kept whole. Exact duplicate paragraphs are marked, never removed. */
#include "tandem/article.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "tandem/detect.h"
#include "tandem/encoding.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims ASCII white space and U+00A0 from both ends of [*off, *off + *len). */
static void trim(const char *s, size_t *off, size_t *len)
{
	size_t a = *off, b = *off + *len;
	for (;;) {
		if (a < b && is_blank(s[a]))
			a++;
		else if (a + 1 < b && (unsigned char)s[a] == 0xc2 && (unsigned char)s[a + 1] == 0xa0)
			a += 2;
		else
			break;
	}
	for (;;) {
		if (b > a && is_blank(s[b - 1]))
			b--;
		else if (b >= a + 2 && (unsigned char)s[b - 2] == 0xc2 && (unsigned char)s[b - 1] == 0xa0)
			b -= 2;
		else
			break;
	}
	*off = a;
	*len = b - a;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* "![alt](url)" optionally followed by "|". */
static int is_image(const char *s, size_t n)
{
	if (!starts_with(s, n, "!["))
		return 0;
	const char *close = memchr(s, ']', n);
	if (!close || (size_t)(close - s) + 1 >= n || close[1] != '(')
		return 0;
	const char *paren = memchr(close, ')', n - (size_t)(close - s));
	if (!paren)
		return 0;
	for (const char *p = paren + 1; p < s + n; p++)
		if (!is_blank(*p) && *p != '|')
			return 0;
	return 1;
}

/* The words of a comment count, per language ("Komentar (0)", "12
 * comments", "Комментарии (12)", "12 تعليق"); compared ignoring letter
 * case. */
static const struct {
	const char *lang;
	const char *labels[4];
} comment_labels[] = {
	{ "en", { "Comment", "Comments" } },
	{ "fr", { "Commentaire", "Commentaires" } },
	{ "id", { "Komentar" } },
	{ "vi", { "Bình luận" } },
	{ "de", { "Kommentar", "Kommentare" } },
	{ "es", { "Comentario", "Comentarios" } },
	{ "pt", { "Comentário", "Comentários" } },
	{ "it", { "Commento", "Commenti" } },
	{ "nl", { "Reactie", "Reacties" } },
	{ "pl", { "Komentarz", "Komentarze", "Komentarzy" } },
	{ "tr", { "Yorum", "Yorumlar" } },
	{ "ru", { "Комментарий", "Комментария", "Комментариев", "Комментарии" } },
	{ "uk", { "Коментар", "Коментарі", "Коментарів" } },
	{ "ar", { "تعليق", "تعليقات" } },
	{ "fa", { "نظر", "نظرات", "دیدگاه" } },
	{ "he", { "תגובה", "תגובות" } },
	{ "hi", { "टिप्पणी", "टिप्पणियां", "टिप्पणियाँ" } },
	{ "th", { "ความคิดเห็น" } },
	{ "zh", { "评论", "評論", "条评论", "條評論" } },
	{ "ja", { "コメント", "件のコメント" } },
	{ "ko", { "댓글", "개의 댓글" } },
};

/* A comment count is a short line. */
enum { COMMENT_LINE_MAX = 96 };

/* True when s[0..n) is a comment label, letter case ignored. */
static int is_comment_label(const char *s, size_t n)
{
	for (size_t l = 0; l < sizeof comment_labels / sizeof comment_labels[0]; l++)
		for (size_t k = 0; k < 4 && comment_labels[l].labels[k]; k++) {
			const uint8_t *p = (const uint8_t *)comment_labels[l].labels[k];
			size_t pn = strlen(comment_labels[l].labels[k]), i = 0, j = 0;
			while (i < n && j < pn) {
				ucs4_t a, b;
				int ka = u8_mbtouc(&a, (const uint8_t *)s + i, n - i);
				int kb = u8_mbtouc(&b, p + j, pn - j);
				if (uc_tolower(a) != uc_tolower(b))
					break;
				i += (size_t)(ka > 0 ? ka : 1);
				j += (size_t)(kb > 0 ? kb : 1);
			}
			if (i == n && j == pn)
				return 1;
		}
	return 0;
}

/* Bytes of the decimal digits (any script) at s, 0 when none. */
static size_t digits_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0 || uc_decimal_value(c) < 0)
			break;
		i += (size_t)k;
	}
	return i;
}

/* Bytes of the spaces at s. */
static size_t spaces_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A comment count, the whole (trimmed) line: "LABEL (N)", "LABEL（N）",
 * "LABEL: N" or "N LABEL", N in any decimal digits. */
static int is_comment_count(const char *s, size_t n)
{
	size_t i, d;

	if (n < 2 || n > COMMENT_LINE_MAX)
		return 0;
	/* "N LABEL" */
	d = digits_at(s, n);
	if (d) {
		i = d + spaces_at(s + d, n - d);
		return i < n && is_comment_label(s + i, n - i);
	}
	/* "LABEL (N)", "LABEL: N": the label ends before the count */
	for (i = 1; i < n; i++) {
		size_t open = 0, close = 0;
		if (s[i] == '(') {
			open = 1;
		} else if (n - i >= 3 && !memcmp(s + i, "\xef\xbc\x88", 3)) { /* （ */
			open = 3;
		} else if (s[i] == ':') {
			open = 1;
		} else {
			continue;
		}
		size_t end = i;
		while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		if (!end || !is_comment_label(s, end))
			return 0;
		size_t j = i + open;
		j += spaces_at(s + j, n - j);
		d = digits_at(s + j, n - j);
		if (!d)
			return 0;
		j += d;
		j += spaces_at(s + j, n - j);
		if (s[i] == ':')
			return j == n;
		if (j < n && s[j] == ')')
			close = 1;
		else if (n - j >= 3 && !memcmp(s + j, "\xef\xbc\x89", 3)) /* ） */
			close = 3;
		return close && j + close == n;
	}
	return 0;
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The exact-duplicate finder: an open-addressing hash table (linear probing,
 * at most half full) of the first block of each distinct text, by kind and
 * text. Each slot holds a block index + 1, 0 for empty; the key is the block
 * itself in out->blocks, so the table costs one size_t per slot. Finding the
 * earliest block with the same text is then one probe sequence instead of a
 * scan of every earlier block. */
struct dup_table {
	size_t *slot;
	size_t cap, used; /* cap a power of two */
};

static size_t dup_slot_hash(enum block_kind kind, uint32_t hash)
{
	uint64_t x = (uint64_t)(hash ^ ((uint32_t)kind * 0x9e3779b9u)) * 0x9e3779b97f4a7c15ull;
	return (size_t)(x >> 32); /* the well-mixed high half */
}

/* Sets *dup_of to the first earlier block of the same kind and text, or -1
 * and remembers the new block (about to be stored at out->nblocks) as the
 * first of its text. Returns 0, or -1 when memory runs out. */
static int dup_find(struct dup_table *t, const struct article_text *out, enum block_kind kind,
		    uint32_t hash, const char *text, size_t len, long *dup_of)
{
	if (2 * (t->used + 1) > t->cap) {
		size_t ncap = t->cap ? 2 * t->cap : 64;
		size_t *ns = calloc(ncap, sizeof *ns);
		if (!ns)
			return -1;
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slot[i])
				continue;
			const struct article_block *o = &out->blocks[t->slot[i] - 1];
			size_t h = dup_slot_hash(o->kind, o->hash) & (ncap - 1);
			while (ns[h])
				h = (h + 1) & (ncap - 1);
			ns[h] = t->slot[i];
		}
		free(t->slot);
		t->slot = ns;
		t->cap = ncap;
	}
	size_t h = dup_slot_hash(kind, hash) & (t->cap - 1);
	for (; t->slot[h]; h = (h + 1) & (t->cap - 1)) {
		const struct article_block *o = &out->blocks[t->slot[h] - 1];
		if (o->kind == kind && o->hash == hash && o->len == len &&
		    memcmp(out->raw + o->off, text, len) == 0) {
			*dup_of = (long)(t->slot[h] - 1);
			return 0;
		}
	}
	t->slot[h] = out->nblocks + 1;
	t->used++;
	*dup_of = -1;
	return 0;
}

const char *article_block_kind_name(enum block_kind k)
{
	switch (k) {
	case BLOCK_PARAGRAPH:
		return "paragraph";
	case BLOCK_IMAGE:
		return "image";
	case BLOCK_CAPTION:
		return "caption";
	case BLOCK_SOURCE:
		return "source";
	case BLOCK_COMMENTS:
		return "comments";
	}
	return "?";
}

char article_block_letter(enum block_kind k)
{
	static const char letters[] = {'p', 'i', 'c', 's', 'k'};
	return (unsigned)k < sizeof letters ? letters[k] : '?';
}

int article_block_is_text(enum block_kind k)
{
	return k == BLOCK_PARAGRAPH || k == BLOCK_CAPTION;
}

const char *article_block_text(const struct article_text *t, size_t i, size_t *len)
{
	*len = t->blocks[i].len;
	return t->raw + t->blocks[i].off;
}

int article_parse(const char *bytes, size_t n, struct article_text *out)
{
	struct encoding_scan scan;
	encoding_scan(bytes, n, &scan);
	return article_parse_scanned(bytes, n, &scan, out);
}

int article_parse_scanned(const char *bytes, size_t n, const struct encoding_scan *scan,
                          struct article_text *out)
{
	size_t cap = 16;
	unsigned counts[5] = {0};
	struct dup_table dups = {0};

	memset(out, 0, sizeof *out);
	out->raw = malloc(n + 1);
	out->blocks = malloc(cap * sizeof *out->blocks);
	if (!out->raw || !out->blocks) {
		article_text_free(out);
		return -1;
	}
	if (n)
		memcpy(out->raw, bytes, n);
	out->raw[n] = 0;
	out->raw_len = n;
	/* each ill-formed sequence (its maximal subpart) as decode_paragraph
	 * counts it and shows it: one U+FFFD */
	out->invalid_utf8 = scan->invalid;
	out->controls = scan->controls;
	out->has_bom = scan->bom;

	const char *s = out->raw;
	size_t pos = out->has_bom ? 3 : 0;
	unsigned lineno = 0;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t line_end = nl ? (size_t)(nl - s) : n;
		size_t off = pos, len = line_end - pos;
		lineno++;
		pos = nl ? line_end + 1 : n;
		if (nl && len > 0 && s[line_end - 1] == '\r')
			len--; /* CRLF: the CR belongs to the line end */

		struct article_block b = {.line_off = off, .line_len = len, .line = lineno, .dup_of = -1};
		trim(s, &off, &len);
		if (len == 0)
			continue;
		const char *t = s + off;
		char *url = NULL;
		if (is_image(t, len)) {
			b.kind = BLOCK_IMAGE;
		} else if (len >= 2 && t[0] == '|' && t[len - 1] == '|') {
			b.kind = BLOCK_CAPTION;
			off++;
			len -= 2;
			trim(s, &off, &len);
			if (len == 0)
				continue; /* an empty table cell: layout debris */
		} else if ((url = detect_source_line(t, len)) != NULL) {
			b.kind = BLOCK_SOURCE;
			const char *u = strstr(t, url);
			if (u && (size_t)(u - t) < len) {
				off += (size_t)(u - t);
				len = strlen(url);
			}
			free(url);
		} else if (is_comment_count(t, len)) {
			b.kind = BLOCK_COMMENTS;
		} else {
			b.kind = BLOCK_PARAGRAPH;
		}
		b.off = off;
		b.len = len;
		b.ordinal = ++counts[b.kind];
		b.hash = fnv1a(s + off, len);
		if (article_block_is_text(b.kind) &&
		    dup_find(&dups, out, b.kind, b.hash, s + off, len, &b.dup_of) < 0) {
			free(dups.slot);
			article_text_free(out);
			return -1;
		}
		if (out->nblocks == cap) {
			cap *= 2;
			struct article_block *nb = realloc(out->blocks, cap * sizeof *nb);
			if (!nb) {
				free(dups.slot);
				article_text_free(out);
				return -1;
			}
			out->blocks = nb;
		}
		out->blocks[out->nblocks++] = b;
	}
	free(dups.slot);
	return 0;
}

void article_text_free(struct article_text *t)
{
	if (!t)
		return;
	free(t->raw);
	free(t->blocks);
	memset(t, 0, sizeof *t);
}

int article_block_folds(const struct article_text *t, size_t i)
{
	const struct article_block *b = &t->blocks[i];
	if (b->dup_of < 0)
		return 0;
	return u8_mbsnlen((const uint8_t *)t->raw + b->off, b->len) >= ARTICLE_FOLD_MIN_CHARS;
}
