/* article.c — fuzz target for the article parser with what the corpus
 * loader detects from it: language, source line, title, and the dates the
 * text mentions (with and without a context date).
 * Input: the article's bytes.
 * Invariants: every block lies inside the raw text, its text inside its
 * line, in line order; a duplicate points to an earlier block of the same
 * kind with the same text; each date mention lies inside the text, in text
 * order, with valid dates; a detected title is valid UTF-8. */
#include <unistr.h>

#include "tandem/article.h"
#include "tandem/dates.h"
#include "tandem/detect.h"

#include "fuzz.h"

static void check_dates(const char *text, size_t n, const struct date_ymd *ctx)
{
	struct date_mention *m = NULL;
	size_t count = 0;
	if (dates_find(text, n, ctx, &m, &count) != 0)
		return;
	size_t prev = 0;
	for (size_t i = 0; i < count; i++) {
		FUZZ_CHECK(m[i].off >= prev);
		FUZZ_CHECK(m[i].len > 0 && m[i].off + m[i].len <= n);
		prev = m[i].off;
		const struct date_ymd *d[2] = {&m[i].from, &m[i].to};
		for (int k = 0; k < 2; k++) {
			FUZZ_CHECK(d[k]->m >= 0 && d[k]->m <= 12 && d[k]->d >= 0 && d[k]->d <= 31);
			if (d[k]->y && d[k]->m && d[k]->d)
				FUZZ_CHECK(dates_valid(d[k]));
			char buf[16];
			FUZZ_CHECK(strlen(dates_format(d[k], buf)) < 11);
		}
	}
	free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article_text t;
	if (article_parse((const char *)data, size, &t) != 0)
		return 0;
	FUZZ_CHECK(t.raw_len == size && t.raw[size] == 0);
	unsigned prev_line = 0;
	for (size_t i = 0; i < t.nblocks; i++) {
		const struct article_block *b = &t.blocks[i];
		FUZZ_CHECK(b->line_off + b->line_len <= t.raw_len);
		FUZZ_CHECK(b->off >= b->line_off && b->off + b->len <= b->line_off + b->line_len);
		FUZZ_CHECK(b->line > prev_line);
		prev_line = b->line;
		FUZZ_CHECK(b->ordinal >= 1);
		FUZZ_CHECK(article_block_kind_name(b->kind) != NULL);
		size_t len;
		const char *s = article_block_text(&t, i, &len);
		FUZZ_CHECK(s == t.raw + b->off && len == b->len);
		if (b->dup_of >= 0) {
			const struct article_block *o = &t.blocks[b->dup_of];
			FUZZ_CHECK((size_t)b->dup_of < i && o->kind == b->kind);
			FUZZ_CHECK(o->len == b->len && !memcmp(t.raw + o->off, s, len));
		}
		FUZZ_CHECK(detect_language(s, len) != NULL);
		char *src = detect_source_line(t.raw + b->line_off, b->line_len);
		free(src);
		if (article_block_is_text(b->kind)) {
			char *title = detect_title(s, len, 1 + (int)(i % 80));
			if (title) {
				FUZZ_CHECK(u8_check((const uint8_t *)title, strlen(title)) == NULL ||
				           u8_check((const uint8_t *)s, len) != NULL);
				free(title);
			}
		}
	}
	FUZZ_CHECK(detect_language(t.raw, t.raw_len) != NULL);

	static const struct date_ymd none = {0, 0, 0}, ctx = {2025, 10, 23};
	check_dates(t.raw, t.raw_len, &none);
	check_dates(t.raw, t.raw_len, &ctx);
	/* the ISO parser on the first line */
	size_t n = 0;
	while (n < t.raw_len && n < 32 && t.raw[n] != '\n')
		n++;
	char iso[33];
	memcpy(iso, t.raw, n);
	iso[n] = 0;
	struct date_ymd d;
	if (dates_parse_iso(iso, &d) == 0) {
		char buf[16];
		FUZZ_CHECK(d.y == 0 || !d.d || dates_valid(&d));
		FUZZ_CHECK(strlen(dates_format(&d, buf)) < 11);
	}
	article_text_free(&t);
	return 0;
}
