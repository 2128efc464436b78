/* test_article.c — the article parser (src/corpus/article.c): a scraped text
 * becomes typed blocks. Covers paragraphs, image placeholders ("![]()",
 * "![]() |"), captions ("| … (Foto: …) |", text without the frame), source
 * lines (Source:/Sumber:/المصدر:, the URL as the block text), comment-count
 * boilerplate, blank lines, CRLF line ends, a BOM, exact duplicates (dup_of
 * pointing to the first), ordinals per kind, line numbers and line ranges,
 * the FNV-1a anchor hash, invalid UTF-8 and control characters counted, the
 * raw bytes kept byte for byte, the kind names and letters, and two files of
 * the bundled corpus (read relative to the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "tandem/article.h"
#include "tandem/decode.h"

#define CORPUS_ID_DISCUSSION "corpus/id-discussion-baoquocte.txt"
#define CORPUS_FR_REHEARSAL "corpus/fr-rehearsal-vietnamplus.txt"
#define CORPUS_AR_REHEARSAL "corpus/ar-rehearsal-vietnamplus.txt"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* ---- helpers ------------------------------------------------------------- */

static void parse_str(const char *s, struct article_text *t)
{
	assert_int_equal(article_parse(s, strlen(s), t), 0);
}

/* Block i's text equals `want` (exactly, length included). */
static void assert_block_text(const struct article_text *t, size_t i, const char *want)
{
	size_t len;
	assert_true(i < t->nblocks);
	const char *s = article_block_text(t, i, &len);
	if (len != strlen(want) || memcmp(s, want, len) != 0)
		fail_msg("block %zu: got \"%.*s\", want \"%s\"", i, (int)len, s, want);
}

static void assert_block(const struct article_text *t, size_t i, enum block_kind kind,
                         unsigned line, const char *text)
{
	assert_true(i < t->nblocks);
	assert_int_equal(t->blocks[i].kind, kind);
	assert_int_equal(t->blocks[i].line, line);
	assert_block_text(t, i, text);
}

/* The whole line of block i (line_off, line_len) equals `want`. */
static void assert_block_line(const struct article_text *t, size_t i, const char *want)
{
	const struct article_block *b = &t->blocks[i];
	assert_true(b->line_off + b->line_len <= t->raw_len);
	if (b->line_len != strlen(want) || memcmp(t->raw + b->line_off, want, b->line_len) != 0)
		fail_msg("block %zu line: got %zu bytes \"%.*s\", want %zu \"%s\"", i, b->line_len,
		         (int)b->line_len, t->raw + b->line_off, strlen(want), want);
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

static size_t count_kind(const struct article_text *t, enum block_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nblocks; i++)
		n += t->blocks[i].kind == k;
	return n;
}

/* Every block points inside raw, its text inside its line; ordinals count
 * per kind from 1; line numbers increase; dup_of points to an earlier
 * non-duplicate block of the same kind and text; hash is FNV-1a of the text. */
static void check_invariants(const struct article_text *t)
{
	unsigned ord[5] = {0};
	unsigned last_line = 0;
	assert_non_null(t->raw);
	assert_int_equal(t->raw[t->raw_len], '\0');
	for (size_t i = 0; i < t->nblocks; i++) {
		const struct article_block *b = &t->blocks[i];
		assert_true((unsigned)b->kind < NELEM(ord));
		assert_true(b->off + b->len <= t->raw_len);
		assert_true(b->off >= b->line_off);
		assert_true(b->off + b->len <= b->line_off + b->line_len);
		assert_true(b->len > 0);
		assert_true(b->line > last_line);
		last_line = b->line;
		assert_int_equal(b->ordinal, ++ord[b->kind]);
		assert_int_equal(b->hash, fnv1a(t->raw + b->off, b->len));
		if (b->dup_of >= 0) {
			assert_true((size_t)b->dup_of < i);
			const struct article_block *o = &t->blocks[b->dup_of];
			assert_int_equal(o->kind, b->kind);
			assert_int_equal(o->dup_of, -1);
			assert_int_equal(o->len, b->len);
			assert_memory_equal(t->raw + o->off, t->raw + b->off, b->len);
		}
	}
}

/* ---- block kinds --------------------------------------------------------- */

static void test_paragraphs(void **state)
{
	struct article_text t;
	parse_str("Le matin du 23 octobre, au Centre national.\n"
	          "  \xc3\x89taient \xc3\xa9galement pr\xc3\xa9sents.\t \n"
	          "(TTXVN/Vietnam+)",
	          &t);
	assert_int_equal(t.nblocks, 3);
	assert_block(&t, 0, BLOCK_PARAGRAPH, 1, "Le matin du 23 octobre, au Centre national.");
	/* trimmed of the white space around it, the line kept whole */
	assert_block(&t, 1, BLOCK_PARAGRAPH, 2, "\xc3\x89taient \xc3\xa9galement pr\xc3\xa9sents.");
	assert_block_line(&t, 1, "  \xc3\x89taient \xc3\xa9galement pr\xc3\xa9sents.\t ");
	/* the last line, with no newline after it */
	assert_block(&t, 2, BLOCK_PARAGRAPH, 3, "(TTXVN/Vietnam+)");
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(t.blocks[i].ordinal, i + 1);
		assert_int_equal(t.blocks[i].dup_of, -1);
	}
	assert_int_equal(t.has_bom, 0);
	assert_int_equal(t.invalid_utf8, 0);
	assert_int_equal(t.controls, 0);
	check_invariants(&t);
	article_text_free(&t);
}

static void test_nbsp_trimmed(void **state)
{
	struct article_text t;
	parse_str("\xc2\xa0 Texte entour\xc3\xa9 \xc2\xa0\n\xc2\xa0\xc2\xa0\n", &t);
	assert_int_equal(t.nblocks, 1);
	assert_block(&t, 0, BLOCK_PARAGRAPH, 1, "Texte entour\xc3\xa9");
	article_text_free(&t);
}

static void test_images(void **state)
{
	struct article_text t;
	parse_str("![]()\n"
	          "![]() |\n"
	          "  ![]()|  \n"
	          "![photo](https://example.org/a.jpg)\n"
	          "![]() | \n",
	          &t);
	assert_int_equal(t.nblocks, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(t.blocks[i].kind, BLOCK_IMAGE);
		assert_int_equal(t.blocks[i].line, i + 1);
		assert_int_equal(t.blocks[i].ordinal, i + 1);
		/* identical placeholders are not "repeats" */
		assert_int_equal(t.blocks[i].dup_of, -1);
	}
	assert_block_text(&t, 0, "![]()");
	assert_block_text(&t, 1, "![]() |");
	assert_block_text(&t, 2, "![]()|");
	assert_false(article_block_is_text(BLOCK_IMAGE));
	check_invariants(&t);
	article_text_free(&t);

	/* not placeholders: text after the link, no link, no closing paren */
	parse_str("![]() voir la photo\n![image]\n![](x\n!Attention\n", &t);
	assert_int_equal(t.nblocks, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(t.blocks[i].kind, BLOCK_PARAGRAPH);
	article_text_free(&t);
}

static void test_captions(void **state)
{
	struct article_text t;
	parse_str("![]() |\n"
	          "| Ringkasan sesi diskusi tingkat tinggi. (Foto: Jackie Chan) |\n"
	          "|Sans espace (Photo: VNA)|\n"
	          "| |\n"
	          "||\n"
	          "Un paragraphe | avec une barre |\n",
	          &t);
	/* "| |" and "||" are empty table cells: dropped */
	assert_int_equal(t.nblocks, 4);
	assert_int_equal(t.blocks[0].kind, BLOCK_IMAGE);
	assert_block(&t, 1, BLOCK_CAPTION, 2,
	             "Ringkasan sesi diskusi tingkat tinggi. (Foto: Jackie Chan)");
	assert_block_line(&t, 1, "| Ringkasan sesi diskusi tingkat tinggi. (Foto: Jackie Chan) |");
	assert_int_equal(t.blocks[1].ordinal, 1);
	assert_block(&t, 2, BLOCK_CAPTION, 3, "Sans espace (Photo: VNA)");
	assert_int_equal(t.blocks[2].ordinal, 2);
	assert_block(&t, 3, BLOCK_PARAGRAPH, 6, "Un paragraphe | avec une barre |");
	assert_true(article_block_is_text(BLOCK_CAPTION));
	check_invariants(&t);
	article_text_free(&t);
}

static void test_source_lines(void **state)
{
	struct article_text t;
	parse_str("Paragraphe.\n"
	          "Source: https://www.vietnamplus.vn/a-post1072119.vnp\n"
	          "Sumber: https://baoquocte.vn/b-332240.html \n"
	          "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xaf\xd8\xb1: https://www.vietnamplus.vn/c.vnp\n"
	          "Source : pas une adresse\n",
	          &t);
	assert_int_equal(t.nblocks, 5);
	assert_block(&t, 1, BLOCK_SOURCE, 2, "https://www.vietnamplus.vn/a-post1072119.vnp");
	assert_block_line(&t, 1, "Source: https://www.vietnamplus.vn/a-post1072119.vnp");
	assert_int_equal(t.blocks[1].ordinal, 1);
	assert_block(&t, 2, BLOCK_SOURCE, 3, "https://baoquocte.vn/b-332240.html");
	assert_int_equal(t.blocks[2].ordinal, 2);
	assert_block(&t, 3, BLOCK_SOURCE, 4, "https://www.vietnamplus.vn/c.vnp");
	assert_block_line(&t, 3,
	                  "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xaf\xd8\xb1: https://www.vietnamplus.vn/c.vnp");
	assert_int_equal(t.blocks[3].ordinal, 3);
	/* a label with no URL is text */
	assert_block(&t, 4, BLOCK_PARAGRAPH, 5, "Source : pas une adresse");
	assert_int_equal(t.blocks[4].ordinal, 2);
	assert_false(article_block_is_text(BLOCK_SOURCE));
	check_invariants(&t);
	article_text_free(&t);
}

static void test_comment_boilerplate(void **state)
{
	struct article_text t;
	parse_str("Komentar (0)\n"
	          "Comment (0)\n"
	          "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 (0)\n"
	          "Komentar (12)\n"
	          "Komentar (abc)\n"
	          "Komentar anda sangat berarti (0) bagi kami\n"
	          "Komentar ()\n",
	          &t);
	assert_int_equal(t.nblocks, 7);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(t.blocks[i].kind, BLOCK_COMMENTS);
		assert_int_equal(t.blocks[i].ordinal, i + 1);
		assert_int_equal(t.blocks[i].line, i + 1);
	}
	assert_block_text(&t, 0, "Komentar (0)");
	assert_block_text(&t, 2, "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 (0)");
	assert_block_text(&t, 3, "Komentar (12)");
	for (size_t i = 4; i < 7; i++)
		assert_int_equal(t.blocks[i].kind, BLOCK_PARAGRAPH);
	assert_false(article_block_is_text(BLOCK_COMMENTS));
	check_invariants(&t);
	article_text_free(&t);
}

/* The comment counts of news sites in other languages and orders; what only
 * looks like one stays a paragraph. */
static void test_comment_boilerplate_languages(void **state)
{
	static const char *const counts[] = {
		"12 comments", "1 comment", "12 commentaires", "12 COMMENTAIRES",
		"12 تعليق", "١٢ تعليقات", "Комментарии (12)", "12 комментариев",
		"Коментарі (3)", "Kommentare (5)", "Comentarios (0)", "Comentários: 4",
		"Commenti (2)", "Reacties (7)", "Komentarze (1)", "Yorumlar (9)",
		"תגובות (3)", "نظرات (۲)", "टिप्पणियां (4)", "ความคิดเห็น (1)",
		"评论（12）", "12条评论", "コメント（3）", "댓글 (8)", "Bình luận (0)",
		"12 bình luận", "Comments: 3",
	};
	static const char *const not_counts[] = {
		"12 comments on the proposal were received by the ministry",
		"Comments (many)", "Comments", "12", "Commentaire (12) du ministre",
		"Le ministre a reçu 12 commentaires.", "Kommentar: Die Lage ist ernst",
		"(12) Comments", "12 مقالة",
	};
	char buf[4096];
	size_t n = 0;
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", counts[i]);
	for (size_t i = 0; i < sizeof not_counts / sizeof *not_counts; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", not_counts[i]);
	assert_true(n < sizeof buf);
	(void)state;
	struct article_text t;
	parse_str(buf, &t);
	size_t nc = sizeof counts / sizeof *counts, nn = sizeof not_counts / sizeof *not_counts;
	assert_int_equal(t.nblocks, nc + nn);
	for (size_t i = 0; i < nc; i++)
		if (t.blocks[i].kind != BLOCK_COMMENTS)
			fail_msg("\"%s\" should be a comment count", counts[i]);
	for (size_t i = 0; i < nn; i++)
		if (t.blocks[nc + i].kind != BLOCK_PARAGRAPH)
			fail_msg("\"%s\" should be a paragraph", not_counts[i]);
	check_invariants(&t);
	article_text_free(&t);
}

/* ---- lines --------------------------------------------------------------- */

static void test_blank_lines_skipped(void **state)
{
	struct article_text t;
	parse_str("\n\n   \n\t\nPremier.\n\n\n \t \nSecond.\n\n\n\n", &t);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, BLOCK_PARAGRAPH, 5, "Premier.");
	assert_block(&t, 1, BLOCK_PARAGRAPH, 9, "Second.");
	assert_int_equal(t.blocks[1].ordinal, 2);
	article_text_free(&t);

	parse_str("\n \n\t\n", &t);
	assert_int_equal(t.nblocks, 0);
	article_text_free(&t);
}

static void test_crlf(void **state)
{
	struct article_text t;
	parse_str("Premier paragraphe.\r\n"
	          "\r\n"
	          "![]() |\r\n"
	          "| L\xc3\xa9gende (Photo: VNA) |\r\n"
	          "Source: https://www.vietnamplus.vn/x.vnp\r\n"
	          "Comment (0)\r\n",
	          &t);
	assert_int_equal(t.nblocks, 5);
	assert_block(&t, 0, BLOCK_PARAGRAPH, 1, "Premier paragraphe.");
	assert_block(&t, 1, BLOCK_IMAGE, 3, "![]() |");
	assert_block(&t, 2, BLOCK_CAPTION, 4, "L\xc3\xa9gende (Photo: VNA)");
	assert_block(&t, 3, BLOCK_SOURCE, 5, "https://www.vietnamplus.vn/x.vnp");
	assert_block(&t, 4, BLOCK_COMMENTS, 6, "Comment (0)");
	/* the carriage return is not part of any block's text */
	for (size_t i = 0; i < t.nblocks; i++) {
		size_t len;
		const char *s = article_block_text(&t, i, &len);
		assert_null(memchr(s, '\r', len));
	}
	/* CR is a line end here, not a control character */
	assert_int_equal(t.controls, 0);
	check_invariants(&t);
	article_text_free(&t);
}

/* A CRLF line end is a line end: like "\n", its "\r" is not part of the
 * line that line_off/line_len give (a raw view drawing that range would
 * otherwise show a control picture at the end of every line). */
static void test_crlf_line_range(void **state)
{
	struct article_text t;
	parse_str("Premier paragraphe.\r\n| L\xc3\xa9gende |\r\nDernier.\r\n", &t);
	assert_int_equal(t.nblocks, 3);
	assert_block_line(&t, 0, "Premier paragraphe.");
	assert_block_line(&t, 1, "| L\xc3\xa9gende |");
	assert_block_line(&t, 2, "Dernier.");
	article_text_free(&t);
	/* a lone CR inside a line stays in it */
	parse_str("Avant\rapr\xc3\xa8s\n", &t);
	assert_block_line(&t, 0, "Avant\rapr\xc3\xa8s");
	article_text_free(&t);
}

static void test_bom(void **state)
{
	struct article_text t;
	const char *s = "\xef\xbb\xbf"
	                "Pada sore hari tanggal 25 Oktober.\n"
	                "Komentar (0)\n";
	parse_str(s, &t);
	assert_int_equal(t.has_bom, 1);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, BLOCK_PARAGRAPH, 1, "Pada sore hari tanggal 25 Oktober.");
	assert_int_equal(t.blocks[0].line_off, 3);
	assert_block(&t, 1, BLOCK_COMMENTS, 2, "Komentar (0)");
	/* the BOM stays in raw, counted as neither invalid nor control */
	assert_int_equal(t.raw_len, strlen(s));
	assert_memory_equal(t.raw, s, strlen(s));
	assert_int_equal(t.invalid_utf8, 0);
	assert_int_equal(t.controls, 0);
	article_text_free(&t);

	/* a BOM alone; U+FEFF later in the text is not a BOM */
	parse_str("\xef\xbb\xbf", &t);
	assert_int_equal(t.has_bom, 1);
	assert_int_equal(t.nblocks, 0);
	article_text_free(&t);
	parse_str("Texte\xef\xbb\xbf.\n", &t);
	assert_int_equal(t.has_bom, 0);
	assert_int_equal(t.blocks[0].line_off, 0);
	article_text_free(&t);
}

static void test_line_numbers_and_ranges(void **state)
{
	struct article_text t;
	const char *s = "A.\n\nB.\n  C.  \n\n\n![]()\n";
	parse_str(s, &t);
	assert_int_equal(t.nblocks, 4);
	unsigned lines[] = {1, 3, 4, 7};
	size_t line_offs[] = {0, 4, 7, 16};
	size_t line_lens[] = {2, 2, 6, 5};
	size_t offs[] = {0, 4, 9, 16};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(t.blocks[i].line, lines[i]);
		assert_int_equal(t.blocks[i].line_off, line_offs[i]);
		assert_int_equal(t.blocks[i].line_len, line_lens[i]);
		assert_int_equal(t.blocks[i].off, offs[i]);
	}
	article_text_free(&t);
}

/* ---- duplicates, ordinals, hash ------------------------------------------ */

static void test_duplicates(void **state)
{
	struct article_text t;
	parse_str("Alpha.\n"         /* 0 */
	          "Beta.\n"          /* 1 */
	          "Alpha.\n"         /* 2: repeats 0 */
	          "Beta.\n"          /* 3: repeats 1 */
	          "Alpha.\n"         /* 4: repeats 0, the first, not 2 */
	          "Alpha!\n"         /* 5: different */
	          "alpha.\n"         /* 6: different case: not exact */
	          "   Beta.   \n"    /* 7: same text once trimmed */
	          "| Alpha. |\n"     /* 8: a caption, not a paragraph */
	          "| Alpha. |\n",    /* 9: repeats caption 8 */
	          &t);
	assert_int_equal(t.nblocks, 10);
	long want[] = {-1, -1, 0, 1, 0, -1, -1, 1, -1, 8};
	for (size_t i = 0; i < NELEM(want); i++)
		if (t.blocks[i].dup_of != want[i])
			fail_msg("block %zu: dup_of %ld, want %ld", i, t.blocks[i].dup_of, want[i]);
	/* repeats keep their own ordinal and line */
	assert_int_equal(t.blocks[4].ordinal, 5);
	assert_int_equal(t.blocks[4].line, 5);
	assert_int_equal(t.blocks[9].ordinal, 2);
	/* same text, same hash; different text, different hash here */
	assert_int_equal(t.blocks[2].hash, t.blocks[0].hash);
	assert_int_not_equal(t.blocks[5].hash, t.blocks[0].hash);
	check_invariants(&t);
	article_text_free(&t);
}

static void test_ordinals_per_kind(void **state)
{
	struct article_text t;
	parse_str("![]() |\n"
	          "| Cap one (Foto: A) |\n"
	          "Para one.\n"
	          "![]() |\n"
	          "| Cap two (Foto: B) |\n"
	          "Para two.\n"
	          "Para three.\n"
	          "![]()\n"
	          "Sumber: https://example.org/x\n"
	          "Komentar (0)\n",
	          &t);
	assert_int_equal(t.nblocks, 10);
	enum block_kind kinds[] = {BLOCK_IMAGE,     BLOCK_CAPTION,   BLOCK_PARAGRAPH, BLOCK_IMAGE,
	                           BLOCK_CAPTION,   BLOCK_PARAGRAPH, BLOCK_PARAGRAPH, BLOCK_IMAGE,
	                           BLOCK_SOURCE,    BLOCK_COMMENTS};
	unsigned ords[] = {1, 1, 1, 2, 2, 2, 3, 3, 1, 1};
	for (size_t i = 0; i < NELEM(kinds); i++) {
		assert_int_equal(t.blocks[i].kind, kinds[i]);
		assert_int_equal(t.blocks[i].ordinal, ords[i]);
		assert_int_equal(t.blocks[i].line, i + 1);
	}
	check_invariants(&t);
	article_text_free(&t);
}

static void test_kind_names_and_letters(void **state)
{
	assert_string_equal(article_block_kind_name(BLOCK_PARAGRAPH), "paragraph");
	assert_string_equal(article_block_kind_name(BLOCK_IMAGE), "image");
	assert_string_equal(article_block_kind_name(BLOCK_CAPTION), "caption");
	assert_string_equal(article_block_kind_name(BLOCK_SOURCE), "source");
	assert_string_equal(article_block_kind_name(BLOCK_COMMENTS), "comments");
	assert_int_equal(article_block_letter(BLOCK_PARAGRAPH), 'p');
	assert_int_equal(article_block_letter(BLOCK_IMAGE), 'i');
	assert_int_equal(article_block_letter(BLOCK_CAPTION), 'c');
	assert_int_equal(article_block_letter(BLOCK_SOURCE), 's');
	assert_int_equal(article_block_letter(BLOCK_COMMENTS), 'k');
	assert_true(article_block_is_text(BLOCK_PARAGRAPH));
}

/* ---- bytes --------------------------------------------------------------- */

static void test_invalid_utf8(void **state)
{
	struct article_text t;
	/* lone bytes that never start a character: two sequences */
	parse_str("Texte \xff valide \xfe.\n", &t);
	assert_int_equal(t.invalid_utf8, 2);
	assert_int_equal(t.nblocks, 1);
	assert_block_text(&t, 0, "Texte \xff valide \xfe.");
	article_text_free(&t);

	/* a stray continuation byte, an overlong encoding of '/', a surrogate */
	parse_str("a\x80 b\xc0\xaf c\xed\xa0\x80 d\n", &t);
	assert_true(t.invalid_utf8 >= 3);
	article_text_free(&t);

	/* all valid: Arabic, Vietnamese, an emoji */
	parse_str("\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 Vi\xe1\xbb\x87t Nam \xf0\x9f\x93\xb0\n", &t);
	assert_int_equal(t.invalid_utf8, 0);
	article_text_free(&t);
}

/* A truncated multi-byte sequence ("\xe2\x82", the start of "€" cut short)
 * is ONE invalid sequence (a maximal subpart): the decoder shows it as one
 * U+FFFD, and corpus.c reports the count as "N invalid UTF-8 sequence(s),
 * shown as U+FFFD", so the two counts must agree. */
static void test_invalid_utf8_truncated_sequence(void **state)
{
	const char *cases[] = {"prix 5\xe2\x82 ok\n", "fin \xe2\x82", "x\xf0\x9f\x93 y\n",
	                       "b\xc0\xaf c\xed\xa0\x80 d\n"};
	const size_t want[] = {1, 1, 1, 3};
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct article_text t;
		struct decoded_text d;
		parse_str(cases[i], &t);
		assert_int_equal(decode_paragraph(cases[i], strlen(cases[i]), &d), 0);
		assert_int_equal(d.invalid, want[i]);
		if (t.invalid_utf8 != d.invalid)
			fail_msg("case %zu: article counts %zu invalid sequence(s), the decoder shows %zu",
			         i, t.invalid_utf8, d.invalid);
		decode_free(&d);
		article_text_free(&t);
	}
}

static void test_controls(void **state)
{
	struct article_text t;
	/* SOH, ESC, DEL, C1 NEL (U+0085), C1 CSI (U+009B); TAB, CR, LF are not */
	parse_str("a\x01 b\x1b[31m c\x7f d\xc2\x85 e\xc2\x9b\tf\r\ng\n", &t);
	assert_int_equal(t.controls, 5);
	assert_int_equal(t.invalid_utf8, 0);
	assert_int_equal(t.nblocks, 2);
	article_text_free(&t);

	parse_str("Tab\there.\r\nNo controls.\n", &t);
	assert_int_equal(t.controls, 0);
	article_text_free(&t);
}

static void test_raw_kept_and_copied(void **state)
{
	char buf[] = "\xef\xbb\xbf  Un.\r\n\r\n\xff| Deux |\n\x01Trois\n";
	size_t n = sizeof buf - 1;
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(t.raw_len, n);
	assert_memory_equal(t.raw, buf, n);
	assert_int_equal(t.raw[n], '\0');
	/* the input is copied: changing it later changes nothing */
	memset(buf, 'x', n);
	assert_int_not_equal(t.raw[4], 'x');
	assert_block_text(&t, 0, "Un.");
	article_text_free(&t);

	/* embedded NUL bytes: the length, not the terminator, counts */
	const char nul[] = "Avant\0apr\xc3\xa8s.\nFin.";
	assert_int_equal(article_parse(nul, sizeof nul - 1, &t), 0);
	assert_int_equal(t.raw_len, sizeof nul - 1);
	assert_memory_equal(t.raw, nul, sizeof nul - 1);
	assert_int_equal(t.nblocks, 2);
	assert_int_equal(t.blocks[0].len, 13);
	assert_int_equal(t.controls, 1);
	article_text_free(&t);

	/* empty input */
	assert_int_equal(article_parse("", 0, &t), 0);
	assert_non_null(t.raw);
	assert_int_equal(t.raw_len, 0);
	assert_int_equal(t.raw[0], '\0');
	assert_int_equal(t.nblocks, 0);
	article_text_free(&t);
	/* freeing twice is harmless (the struct is cleared) */
	article_text_free(&t);
	article_text_free(NULL);
}

static void test_many_blocks(void **state)
{
	/* more blocks than the initial capacity */
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(buf + n, cap - n, "Paragraph %d.\n\n", i % 600);
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(t.nblocks, 1000);
	assert_int_equal(t.blocks[999].line, 1999);
	assert_int_equal(t.blocks[999].ordinal, 1000);
	assert_int_equal(t.blocks[999].dup_of, 399);
	assert_int_equal(t.blocks[599].dup_of, -1);
	assert_int_equal(t.blocks[600].dup_of, 0);
	check_invariants(&t);
	article_text_free(&t);
	free(buf);
}

/* Orders block indices by kind, then text, then position (qsort has no
 * context argument, hence sort_ctx). */
static const struct article_text *sort_ctx;

static int same_text(const struct article_text *t, size_t a, size_t b)
{
	const struct article_block *x = &t->blocks[a], *y = &t->blocks[b];
	return x->kind == y->kind && x->len == y->len &&
	       memcmp(t->raw + x->off, t->raw + y->off, x->len) == 0;
}

static int cmp_block_text(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct article_block *x = &sort_ctx->blocks[a], *y = &sort_ctx->blocks[b];
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(sort_ctx->raw + x->off, sort_ctx->raw + y->off, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Two different texts with the same FNV-1a hash are not duplicates of each
 * other; a repeat of either still finds its own first occurrence. */
static void test_duplicates_hash_collision(void **state)
{
	struct article_text t;
	parse_str("Paragraph 438358.\n"  /* 0 */
	          "Paragraph 1082716.\n" /* 1: same hash as 0, other text */
	          "Paragraph 1082716.\n" /* 2: repeats 1 */
	          "Paragraph 438358.\n",  /* 3: repeats 0 */
	          &t);
	assert_int_equal(t.nblocks, 4);
	assert_int_equal(t.blocks[0].hash, t.blocks[1].hash);
	assert_int_equal(t.blocks[0].dup_of, -1);
	assert_int_equal(t.blocks[1].dup_of, -1);
	assert_int_equal(t.blocks[2].dup_of, 1);
	assert_int_equal(t.blocks[3].dup_of, 0);
	article_text_free(&t);
}

/* Many blocks, distinct and repeated, paragraphs and captions mixed: dup_of
 * is what a scan of every earlier block gives. */
static void test_duplicates_many(void **state)
{
	size_t cap = 4 * 1024 * 1024, n = 0, nlines = 40000;
	char *buf = malloc(cap);
	assert_non_null(buf);
	unsigned x = 12345;
	for (size_t i = 0; i < nlines; i++) {
		x = x * 1103515245u + 12345u;
		unsigned k = (x >> 8) % 30000; /* about a quarter repeat */
		n += (size_t)snprintf(buf + n, cap - n, (x >> 4) % 7 == 0 ? "| Text %u. |\n" : "Text %u.\n", k);
	}
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(t.nblocks, nlines);
	size_t repeats = 0;
	/* the reference: for each block, the first earlier block of its kind
	 * and text, found by sorting (kind, text, index) */
	size_t *ord = malloc(nlines * sizeof *ord);
	assert_non_null(ord);
	for (size_t i = 0; i < nlines; i++)
		ord[i] = i;
	sort_ctx = &t;
	qsort(ord, nlines, sizeof *ord, cmp_block_text);
	/* in each run of equal texts, the first position is the original and
	 * every later one a repeat of it */
	size_t first = 0;
	for (size_t i = 0; i < nlines; i++) {
		long want = -1;
		if (i > 0 && same_text(&t, ord[i - 1], ord[i])) {
			want = (long)ord[first];
			repeats++;
		} else {
			first = i;
		}
		if (t.blocks[ord[i]].dup_of != want)
			fail_msg("block %zu: dup_of %ld, want %ld", ord[i], t.blocks[ord[i]].dup_of, want);
	}
	assert_true(repeats > nlines / 10);
	check_invariants(&t);
	free(ord);
	article_text_free(&t);
	free(buf);
}

/* ---- the bundled corpus -------------------------------------------------- */

static void test_corpus_raw_byte_for_byte(void **state)
{
	const char *files[] = {CORPUS_ID_DISCUSSION, CORPUS_FR_REHEARSAL, CORPUS_AR_REHEARSAL};
	for (size_t f = 0; f < NELEM(files); f++) {
		size_t n;
		char *buf = test_slurp(files[f], &n);
		struct article_text t;
		assert_int_equal(article_parse(buf, n, &t), 0);
		assert_int_equal(t.raw_len, n);
		assert_memory_equal(t.raw, buf, n);
		assert_int_equal(t.invalid_utf8, 0);
		assert_int_equal(t.controls, 0);
		assert_int_equal(t.has_bom, 0);
		check_invariants(&t);
		article_text_free(&t);
		free(buf);
	}
}

static void test_corpus_id_discussion(void **state)
{
	size_t n;
	char *buf = test_slurp(CORPUS_ID_DISCUSSION, &n);
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(count_kind(&t, BLOCK_IMAGE), 6);
	assert_int_equal(count_kind(&t, BLOCK_CAPTION), 4);
	assert_int_equal(count_kind(&t, BLOCK_PARAGRAPH), 12);
	assert_int_equal(count_kind(&t, BLOCK_SOURCE), 1);
	assert_int_equal(count_kind(&t, BLOCK_COMMENTS), 1);
	assert_int_equal(t.nblocks, 24);

	/* the two repeats: lines 16 and 17 repeat lines 14 and 15 */
	size_t repeats = 0;
	for (size_t i = 0; i < t.nblocks; i++) {
		const struct article_block *b = &t.blocks[i];
		if (b->dup_of < 0)
			continue;
		repeats++;
		const struct article_block *o = &t.blocks[b->dup_of];
		assert_int_equal(b->kind, BLOCK_PARAGRAPH);
		assert_true(b->line == 16 || b->line == 17);
		assert_int_equal(o->line, b->line - 2);
	}
	assert_int_equal(repeats, 2);

	/* line 1 "![]() |", line 2 its caption without the frame */
	assert_block(&t, 0, BLOCK_IMAGE, 1, "![]() |");
	assert_block(&t, 1, BLOCK_CAPTION, 2,
	             "Ringkasan sesi diskusi tingkat tinggi yang diadakan pada pagi hari "
	             "tanggal 26 Oktober. (Foto: Jackie Chan)");
	assert_block(&t, 11, BLOCK_PARAGRAPH, 12,
	             "\"Hal-hal inilah yang kami tunggu-tunggu dalam kerangka sesi diskusi "
	             "tingkat tinggi,\" tegas Wakil Menteri Keamanan Publik.");
	/* images 5 and 6 on lines 21 and 22, then the source and, after twelve
	 * blank lines, the comment count */
	assert_block(&t, 20, BLOCK_IMAGE, 21, "![]() |");
	assert_int_equal(t.blocks[21].line, 22);
	assert_int_equal(t.blocks[21].ordinal, 6);
	assert_block(&t, 22, BLOCK_SOURCE, 23,
	             "https://baoquocte.vn/phien-thao-luan-cap-cao-ve-cong-uoc-ha-noi-tinh-doan-"
	             "ket-quoc-te-trong-bao-ve-khong-giant-mang-an-toan-lanh-manh-va-ben-vung-"
	             "332240.html");
	assert_block(&t, 23, BLOCK_COMMENTS, 36, "Komentar (0)");
	check_invariants(&t);
	article_text_free(&t);
	free(buf);
}

static void test_corpus_fr_rehearsal(void **state)
{
	size_t n;
	char *buf = test_slurp(CORPUS_FR_REHEARSAL, &n);
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(t.nblocks, 15);
	for (size_t i = 0; i < 13; i++) {
		assert_int_equal(t.blocks[i].kind, BLOCK_PARAGRAPH);
		assert_int_equal(t.blocks[i].line, i + 1);
		assert_int_equal(t.blocks[i].ordinal, i + 1);
		assert_int_equal(t.blocks[i].dup_of, -1);
	}
	assert_int_equal(t.blocks[0].off, 0);
	assert_block_text(&t, 12, "(TTXVN/Vietnam+)");
	assert_block(&t, 13, BLOCK_SOURCE, 14,
	             "https://www.vietnamplus.vn/chu-tich-nuoc-luong-cuong-kiem-tra-buoi-tong-"
	             "duyet-le-mo-ky-cong-uoc-ha-noi-post1072119.vnp");
	assert_block(&t, 14, BLOCK_COMMENTS, 15, "Comment (0)");
	/* the last line has no newline: its line runs to the end of the file */
	assert_int_equal(t.blocks[14].line_off + t.blocks[14].line_len, n);
	check_invariants(&t);
	article_text_free(&t);
	free(buf);
}

static void test_corpus_ar_rehearsal(void **state)
{
	size_t n;
	char *buf = test_slurp(CORPUS_AR_REHEARSAL, &n);
	struct article_text t;
	assert_int_equal(article_parse(buf, n, &t), 0);
	assert_int_equal(count_kind(&t, BLOCK_PARAGRAPH), 13);
	assert_block(&t, 13, BLOCK_SOURCE, 14,
	             "https://www.vietnamplus.vn/chu-tich-nuoc-luong-cuong-kiem-tra-buoi-tong-"
	             "duyet-le-mo-ky-cong-uoc-ha-noi-post1072119.vnp");
	assert_block(&t, 14, BLOCK_COMMENTS, 15, "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 (0)");
	article_text_free(&t);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_nbsp_trimmed),
		cmocka_unit_test(test_images),
		cmocka_unit_test(test_captions),
		cmocka_unit_test(test_source_lines),
		cmocka_unit_test(test_comment_boilerplate),
		cmocka_unit_test(test_comment_boilerplate_languages),
		cmocka_unit_test(test_blank_lines_skipped),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_crlf_line_range),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_line_numbers_and_ranges),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_duplicates_hash_collision),
		cmocka_unit_test(test_duplicates_many),
		cmocka_unit_test(test_ordinals_per_kind),
		cmocka_unit_test(test_kind_names_and_letters),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_invalid_utf8_truncated_sequence),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_raw_kept_and_copied),
		cmocka_unit_test(test_many_blocks),
		cmocka_unit_test(test_corpus_raw_byte_for_byte),
		cmocka_unit_test(test_corpus_id_discussion),
		cmocka_unit_test(test_corpus_fr_rehearsal),
		cmocka_unit_test(test_corpus_ar_rehearsal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
