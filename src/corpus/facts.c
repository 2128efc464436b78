/* facts.c — owns the reading of facts (numbers, dates, hedges and the word
 * beside a number) out of a paragraph, normalised across languages and
 * digit systems (facts.h). Dates come from dates.c; numbers are read here,
 * code point by code point (libunistring's uc_decimal_value knows every
 * decimal digit system), skipping those inside dates, words and URLs. */
#include "tandem/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "tandem/fold.h"

/* The code point at byte i (U+FFFD for a bad byte) and its length. */
static ucs4_t cp_at(const uint8_t *s, size_t n, size_t i, size_t *len)
{
	ucs4_t c;
	int k = u8_mbtouc(&c, s + i, n - i);
	*len = k > 0 ? (size_t)k : 1;
	return c;
}

/* The code point ending just before byte i, its start in *start; 0 at the
 * start of the text. */
static ucs4_t cp_before(const uint8_t *s, size_t i, size_t *start)
{
	if (i == 0) {
		*start = 0;
		return 0;
	}
	size_t j = i - 1;
	while (j > 0 && (s[j] & 0xc0) == 0x80 && i - j < 4)
		j--;
	size_t len;
	ucs4_t c = cp_at(s, i, j, &len);
	*start = j;
	return c;
}

static int is_word_char(ucs4_t c)
{
	return uc_is_alpha(c) || uc_is_general_category(c, UC_CATEGORY_M);
}

static int digit_value(ucs4_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
	/* no decimal digit before Arabic-Indic zero, nor among the CJK
	 * ideographs: most letters of a text are not asked */
	if (c < 0x660 || (c >= 0x4e00 && c < 0xa000))
		return -1;
	return uc_decimal_value(c);
}

static int is_space(ucs4_t c)
{
	return c == ' ' || c == 0xa0 || c == 0x202f || c == 0x2009 || c == '\t';
}

/* Group separators: "1.500", "1,500", "1 500" (space, no-break space,
 * narrow no-break space, thin space), Arabic "١٬٥٠٠". */
static int is_group_sep(ucs4_t c)
{
	return c == '.' || c == ',' || c == 0x066c || c == '\'' || is_space(c);
}

/* Decimal separators: "2,5", "2.5", Arabic "٢٫٥". */
static int is_decimal_sep(ucs4_t c)
{
	return c == '.' || c == ',' || c == 0x066b;
}

/* Exactly three digits at byte i, then no digit: their value, else -1. */
static int three_digits(const uint8_t *s, size_t n, size_t i, size_t *end)
{
	int v = 0;
	for (int k = 0; k < 3; k++) {
		if (i >= n)
			return -1;
		size_t len;
		int d = digit_value(cp_at(s, n, i, &len));
		if (d < 0)
			return -1;
		v = v * 10 + d;
		i += len;
	}
	size_t len;
	if (i < n && digit_value(cp_at(s, n, i, &len)) >= 0)
		return -1;
	*end = i;
	return v;
}

/* Reads a number starting with a digit at byte i: digits, thousands groups
 * (one separator throughout; the first group 1 to 3 digits), a decimal
 * part. Returns its end; *value receives it, *grouped whether it had groups
 * or a decimal part. */
static size_t read_number(const uint8_t *s, size_t n, size_t i, double *value, int *plain)
{
	double v = 0;
	size_t lead = 0, len;
	int d;
	while (i < n && (d = digit_value(cp_at(s, n, i, &len))) >= 0) {
		v = v * 10 + d;
		lead++;
		i += len;
	}
	*plain = 1;
	ucs4_t group = 0;
	while (i < n && lead <= 3) {
		ucs4_t c = cp_at(s, n, i, &len);
		size_t end;
		int g;
		if (!is_group_sep(c) || (group && c != group) || (g = three_digits(s, n, i + len, &end)) < 0)
			break;
		/* "2,500" is a group, but "2,5" a decimal: three_digits decided */
		group = c;
		v = v * 1000 + g;
		i = end;
		*plain = 0;
	}
	if (i < n) {
		ucs4_t c = cp_at(s, n, i, &len);
		size_t l2;
		if (is_decimal_sep(c) && c != group && i + len < n &&
		    digit_value(cp_at(s, n, i + len, &l2)) >= 0) {
			double scale = 0.1;
			i += len;
			while (i < n && (d = digit_value(cp_at(s, n, i, &len))) >= 0) {
				v += d * scale;
				scale /= 10;
				i += len;
			}
			*plain = 0;
		}
	}
	*value = v;
	return i;
}

/* The whitespace-delimited token around [a, b) holds a URL or a path. */
static int in_url(const uint8_t *s, size_t n, size_t a, size_t b)
{
	while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n' && s[a - 1] != '\t')
		a--;
	while (b < n && s[b] != ' ' && s[b] != '\n' && s[b] != '\t')
		b++;
	for (size_t i = a; i < b; i++)
		if (s[i] == '/' || (s[i] == 'w' && i + 3 < b && !memcmp(s + i, "www.", 4)))
			return 1;
	return 0;
}

/* A word (letters and marks, an inner hyphen or apostrophe allowed) around
 * byte positions: the next one starting at or after i (skipping spaces
 * only), or the one ending at or before i (skipping spaces only). */
static int next_word(const uint8_t *s, size_t n, size_t i, size_t *a, size_t *b)
{
	size_t len;
	while (i < n && is_space(cp_at(s, n, i, &len)))
		i += len;
	size_t start = i;
	while (i < n) {
		ucs4_t c = cp_at(s, n, i, &len);
		if (is_word_char(c)) {
			i += len;
			continue;
		}
		size_t l2;
		if ((c == '-' || c == '\'' || c == 0x2019) && i > start && i + len < n &&
		    is_word_char(cp_at(s, n, i + len, &l2))) {
			i += len;
			continue;
		}
		break;
	}
	*a = start;
	*b = i;
	return i > start;
}

static int prev_word(const uint8_t *s, size_t i, size_t *a, size_t *b)
{
	size_t st;
	ucs4_t c;
	while ((c = cp_before(s, i, &st)) != 0 && is_space(c))
		i = st;
	size_t end = i;
	while ((c = cp_before(s, i, &st)) != 0 && (is_word_char(c) || c == '-' || c == '\''))
		i = st;
	*a = i;
	*b = end;
	return end > i;
}

/* The folded form of s[0..n) as UTF-8 into out (cap bytes, cut at a
 * character); "" when memory runs out. */
static void fold_word(const uint8_t *s, size_t n, char *out, size_t cap)
{
	struct fold_text f;
	out[0] = 0;
	if (fold_utf8((const char *)s, n, &f) != 0)
		return;
	size_t len = 0;
	for (size_t i = 0; i < f.len; i++) {
		uint8_t buf[6];
		int k = u8_uctomb(buf, f.cp[i], sizeof buf);
		if (k <= 0 || len + (size_t)k + 1 > cap)
			break;
		memcpy(out + len, buf, (size_t)k);
		len += (size_t)k;
	}
	out[len] = 0;
	fold_free(&f);
}

/* Hedges, as written; compared folded (accents, case and hamza ignored). */
static const struct {
	const char *words;
	enum fact_qual qual;
} hedges[] = {
	{"kurang lebih", FACT_ABOUT}, {"lebih dari", FACT_MORE}, {"kurang dari", FACT_LESS},
	{"more than", FACT_MORE}, {"less than", FACT_LESS}, {"fewer than", FACT_LESS},
	{"at least", FACT_MORE}, {"plus de", FACT_MORE}, {"moins de", FACT_LESS},
	{"près de", FACT_ABOUT}, {"au moins", FACT_MORE}, {"kira kira", FACT_ABOUT},
	{"kira-kira", FACT_ABOUT}, {"أكثر من", FACT_MORE}, {"أقل من", FACT_LESS},
	{"ما يزيد على", FACT_MORE}, {"ما يزيد عن", FACT_MORE}, {"ما يقارب", FACT_ABOUT},
	{"sekitar", FACT_ABOUT}, {"hampir", FACT_ABOUT}, {"about", FACT_ABOUT},
	{"around", FACT_ABOUT}, {"approximately", FACT_ABOUT}, {"nearly", FACT_ABOUT},
	{"almost", FACT_ABOUT}, {"roughly", FACT_ABOUT}, {"some", FACT_ABOUT},
	{"over", FACT_MORE}, {"environ", FACT_ABOUT}, {"quelque", FACT_ABOUT},
	{"quelques", FACT_ABOUT}, {"presque", FACT_ABOUT}, {"حوالي", FACT_ABOUT},
	{"حوالى", FACT_ABOUT}, {"نحو", FACT_ABOUT}, {"قرابة", FACT_ABOUT},
	{"زهاء", FACT_ABOUT}, {"تقريبا", FACT_ABOUT},
};

/* The hedge in the (up to three) words before byte i. */
static enum fact_qual hedge_before(const uint8_t *s, size_t i)
{
	size_t a[3], b[3], k = 0, at = i;
	while (k < 3 && prev_word(s, at, &a[k], &b[k])) {
		at = a[k];
		k++;
	}
	for (size_t w = k; w >= 1; w--) {
		/* the last w words before the number, as one phrase */
		char phrase[96];
		fold_word(s + a[w - 1], b[0] - a[w - 1], phrase, sizeof phrase);
		for (size_t h = 0; h < sizeof hedges / sizeof hedges[0]; h++) {
			char fh[96];
			fold_word((const uint8_t *)hedges[h].words, strlen(hedges[h].words), fh,
			          sizeof fh);
			if (!strcmp(phrase, fh))
				return hedges[h].qual;
		}
	}
	return FACT_EXACT;
}

/* Words after which a lone four-digit number is a year. */
static int is_year_word(const char *folded)
{
	static const char *const words[] = {"year",  "tahun", "annee", "an",    "en",  "in",
	                                    "pada",  "sejak", "since", "depuis", "عام", "سنه",
	                                    "العام", "منذ",   "في",    "di"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(folded, words[i]))
			return 1;
	return 0;
}

/* Multiplier words: "3,5 juta", "2.5 million", "1 milliard", "٣ ملايين". */
static double multiplier(const char *folded)
{
	static const struct {
		const char *w;
		double m;
	} words[] = {
		{"thousand", 1e3},  {"ribu", 1e3},     {"mille", 1e3},    {"الف", 1e3},
		{"million", 1e6},   {"millions", 1e6}, {"juta", 1e6},     {"مليون", 1e6},
		{"ملايين", 1e6},    {"billion", 1e9},  {"milliard", 1e9}, {"milliards", 1e9},
		{"miliar", 1e9},    {"مليار", 1e9},    {"مليارات", 1e9},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(folded, words[i].w))
			return words[i].m;
	return 0;
}

struct fact_buf {
	struct fact *items;
	size_t n, cap;
};

static struct fact *push(struct fact_buf *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 8;
		struct fact *it = realloc(b->items, cap * sizeof *it);
		if (!it)
			return NULL;
		b->items = it;
		b->cap = cap;
	}
	struct fact *f = &b->items[b->n++];
	memset(f, 0, sizeof *f);
	return f;
}

static int by_offset(const void *x, const void *y)
{
	const struct fact *a = x, *b = y;
	return a->off < b->off ? -1 : a->off > b->off;
}

/* The facts of text (n bytes), whose dates dm[0..ndm) (in text order)
 * are found, appended to b. 0, or -1 when memory runs out. */
static int scan(const char *text, size_t n, const struct date_mention *dm, size_t ndm,
                struct fact_buf *out)
{
	const uint8_t *s = (const uint8_t *)text;
	struct fact_buf b = *out;
	size_t next_dm = 0, first = b.n;
	for (size_t k = 0; k < ndm; k++) {
		struct fact *f = push(&b);
		if (!f)
			goto fail;
		f->kind = FACT_DATE;
		f->from = dm[k].from;
		f->to = dm[k].to;
		f->off = dm[k].off;
		f->len = dm[k].len;
		f->qual = hedge_before(s, dm[k].off);
	}
	size_t i = 0, len;
	while (i < n) {
		while (next_dm < ndm && dm[next_dm].off + dm[next_dm].len <= i)
			next_dm++;
		if (next_dm < ndm && i >= dm[next_dm].off) { /* inside a date */
			i = dm[next_dm].off + dm[next_dm].len;
			continue;
		}
		if (s[i] < 0x80 && (s[i] < '0' || s[i] > '9')) { /* most of a text */
			i++;
			continue;
		}
		ucs4_t c = cp_at(s, n, i, &len);
		if (digit_value(c) < 0) {
			i += len;
			continue;
		}
		size_t st, st2;
		ucs4_t before = cp_before(s, i, &st);
		ucs4_t before2 = cp_before(s, st, &st2);
		double v;
		int plain;
		size_t end = read_number(s, n, i, &v, &plain);
		int skip = is_word_char(before) || before == '/' || before == '#' || before == '_' ||
		           before == '@' || ((before == '-' || before == '.') && is_word_char(before2));
		if (end < n && is_word_char(cp_at(s, n, end, &len)))
			skip = 1;
		if (!skip && in_url(s, n, i, end))
			skip = 1;
		if (skip) { /* to the end of the token */
			while (end < n && (digit_value(cp_at(s, n, end, &len)) >= 0 ||
			                   is_word_char(cp_at(s, n, end, &len))))
				end += len;
			i = end;
			continue;
		}
		struct fact *f = push(&b);
		if (!f)
			goto fail;
		f->kind = FACT_NUMBER;
		f->lo = f->hi = v;
		f->off = i;
		f->qual = hedge_before(s, i);
		/* a range: "10-15", "10–15" */
		size_t j = end;
		ucs4_t d = j < n ? cp_at(s, n, j, &len) : 0;
		if ((d == '-' || d == 0x2013) && j + len < n) {
			size_t l2;
			if (digit_value(cp_at(s, n, j + len, &l2)) >= 0) {
				double hi;
				int plain2;
				size_t e2 = read_number(s, n, j + len, &hi, &plain2);
				if (hi > v && !(e2 < n && is_word_char(cp_at(s, n, e2, &l2)))) {
					f->hi = hi;
					end = e2;
					plain = 0;
				}
			}
		}
		f->len = end - i;
		/* the word beside it: a percent sign, the next word, else the
		 * word before (when it is not the hedge) */
		size_t a, e, k = end;
		while (k < n && is_space(cp_at(s, n, k, &len)))
			k += len;
		ucs4_t after = k < n ? cp_at(s, n, k, &len) : 0;
		if (after == '%' || after == 0x066a) {
			snprintf(f->word, sizeof f->word, "%%");
		} else if (next_word(s, n, end, &a, &e)) {
			fold_word(s + a, e - a, f->word, sizeof f->word);
			double m = multiplier(f->word);
			if (m > 0) { /* "3,5 juta orang": 3500000, the word after */
				f->lo *= m;
				f->hi *= m;
				f->word[0] = 0;
				plain = 0;
				size_t a2, e2;
				if (next_word(s, n, e, &a2, &e2)) {
					fold_word(s + a2, e2 - a2, f->word, sizeof f->word);
					e = e2;
				}
			}
			size_t a3, e3;
			if (f->word[0] && next_word(s, n, e, &a3, &e3))
				fold_word(s + a3, e3 - a3, f->next, sizeof f->next);
		} else if (f->qual == FACT_EXACT && prev_word(s, i, &a, &e)) {
			fold_word(s + a, e - a, f->word, sizeof f->word);
		}
		/* a lone year: "en 2024", "tahun 2024", "(2024)" */
		if (plain && f->qual == FACT_EXACT && v >= 1900 && v <= 2100 && f->lo == f->hi) {
			char pw[FACT_WORD_MAX] = "";
			if (prev_word(s, i, &a, &e))
				fold_word(s + a, e - a, pw, sizeof pw);
			if (is_year_word(pw) || !next_word(s, n, end, &a, &e)) {
				f->kind = FACT_DATE;
				f->from = f->to = (struct date_ymd){(int)v, 0, 0};
				f->word[0] = 0;
				f->next[0] = 0;
			}
		}
		i = end;
	}
	if (b.n - first > 1)
		qsort(b.items + first, b.n - first, sizeof *b.items, by_offset);
	*out = b;
	return 0;
fail:
	*out = b;
	return -1;
}

int facts_find(const char *text, size_t n, const struct date_ymd *context,
               struct fact_list *out)
{
	return facts_find_ordered(text, n, context, DATES_ORDER_UNKNOWN, out);
}

int facts_find_ordered(const char *text, size_t n, const struct date_ymd *context,
                       enum dates_order order, struct fact_list *out)
{
	struct fact_buf b = {0};
	struct date_mention *dm = NULL;
	size_t ndm = 0;
	memset(out, 0, sizeof *out);
	if (dates_find_ordered(text, n, context, order, &dm, &ndm) != 0)
		return -1;
	int r = scan(text, n, dm, ndm, &b);
	free(dm);
	if (r != 0) {
		free(b.items);
		return -1;
	}
	out->items = b.items; /* NULL when nothing was found */
	out->n = b.n;
	return 0;
}

void facts_free(struct fact_list *l)
{
	if (!l)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

int facts_of_text(const struct article_text *t, const struct date_mention *dm, size_t ndm,
                  struct fact_list *out)
{
	struct fact_buf b = {0};
	struct date_mention *in = NULL; /* a block's dates, from its start */
	size_t next = 0;
	memset(out, 0, sizeof *out);
	if (ndm && !(in = malloc(ndm * sizeof *in)))
		return -1;
	for (size_t bi = 0; bi < t->nblocks; bi++) {
		const struct article_block *bl = &t->blocks[bi];
		size_t nin = 0;
		while (next < ndm && dm[next].off < bl->off)
			next++;
		for (size_t k = next; k < ndm && dm[k].off < bl->off + bl->len; k++)
			if (dm[k].off + dm[k].len <= bl->off + bl->len) {
				in[nin] = dm[k];
				in[nin++].off -= bl->off;
			}
		if ((bl->kind != BLOCK_PARAGRAPH && bl->kind != BLOCK_CAPTION) || bl->dup_of >= 0)
			continue;
		size_t from = b.n;
		if (scan(t->raw + bl->off, bl->len, in, nin, &b) != 0)
			goto fail;
		for (size_t i = from; i < b.n; i++)
			b.items[i].block = bi;
	}
	free(in);
	out->items = b.items;
	out->n = b.n;
	return 0;
fail:
	free(in);
	free(b.items);
	return -1;
}

/* The record: the context's y, m, d, how many facts, then per fact its
 * block, offset, length, kind and qualifier, its value (two doubles, or
 * two dates) and its two words. */
void facts_pack(const struct fact_list *l, const struct date_ymd *context, struct blob *b)
{
	blob_put_int(b, context->y);
	blob_put_int(b, context->m);
	blob_put_int(b, context->d);
	blob_put_uint(b, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct fact *f = &l->items[i];
		blob_put_uint(b, f->block);
		blob_put_uint(b, f->off);
		blob_put_uint(b, f->len);
		blob_put_uint(b, (uint64_t)f->kind << 4 | (uint64_t)f->qual);
		if (f->kind == FACT_NUMBER) {
			blob_put_double(b, f->lo);
			blob_put_double(b, f->hi);
		} else {
			const int v[6] = {f->from.y, f->from.m, f->from.d, f->to.y, f->to.m, f->to.d};
			for (size_t k = 0; k < 6; k++)
				blob_put_int(b, v[k]);
		}
		blob_put_str(b, f->word);
		blob_put_str(b, f->next);
	}
}

int facts_unpack(const void *data, size_t len, struct date_ymd *context, struct fact_list *out)
{
	struct blob_reader r;
	struct fact_buf b = {0};
	memset(out, 0, sizeof *out);
	blob_reader_init(&r, data, len);
	context->y = (int)blob_get_int(&r);
	context->m = (int)blob_get_int(&r);
	context->d = (int)blob_get_int(&r);
	uint64_t n = blob_get_uint(&r);
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		struct fact *f = push(&b);
		if (!f)
			goto fail;
		f->block = (size_t)blob_get_uint(&r);
		f->off = (size_t)blob_get_uint(&r);
		f->len = (size_t)blob_get_uint(&r);
		uint64_t kq = blob_get_uint(&r);
		/* offsets within one file's text (a few MiB): never wrapping */
		if ((kq >> 4) > FACT_DATE || (kq & 15) > FACT_LESS || f->block > UINT32_MAX ||
		    f->off > UINT32_MAX || f->len > UINT32_MAX)
			r.bad = 1;
		f->kind = (enum fact_kind)(kq >> 4);
		f->qual = (enum fact_qual)(kq & 15);
		if (f->kind == FACT_NUMBER) {
			f->lo = blob_get_double(&r);
			f->hi = blob_get_double(&r);
		} else {
			int *v[6] = {&f->from.y, &f->from.m, &f->from.d, &f->to.y, &f->to.m, &f->to.d};
			for (size_t k = 0; k < 6; k++)
				*v[k] = (int)blob_get_int(&r);
		}
		blob_get_str(&r, f->word, sizeof f->word);
		blob_get_str(&r, f->next, sizeof f->next);
	}
	if (r.bad || r.p != r.end)
		goto fail;
	out->items = b.items;
	out->n = b.n;
	return 0;
fail:
	free(b.items);
	return -1;
}

int facts_same_value(const struct fact *a, const struct fact *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == FACT_NUMBER)
		return a->lo == b->lo && a->hi == b->hi;
	return !dates_compare(&a->from, &b->from) && !dates_compare(&a->to, &b->to);
}

const char *facts_qual_name(enum fact_qual q)
{
	switch (q) {
	case FACT_ABOUT:
		return "approximately";
	case FACT_MORE:
		return "more than";
	case FACT_LESS:
		return "less than";
	default:
		return "";
	}
}

static void format_number(double v, char *buf, size_t size)
{
	/* only a whole number within long long's range may be converted */
	if (v > -9e18 && v < 9e18 && v == (double)(long long)v)
		snprintf(buf, size, "%lld", (long long)v);
	else
		snprintf(buf, size, "%g", v);
}

char *facts_key(const struct fact *f, char *buf, size_t size)
{
	char a[32], b[32];
	if (f->kind == FACT_NUMBER) {
		format_number(f->lo, a, sizeof a);
		format_number(f->hi, b, sizeof b);
		if (f->lo == f->hi)
			snprintf(buf, size, "n:%s", a);
		else
			snprintf(buf, size, "n:%s-%s", a, b);
	} else {
		dates_format(&f->from, a);
		dates_format(&f->to, b);
		if (!dates_compare(&f->from, &f->to))
			snprintf(buf, size, "d:%s", a);
		else
			snprintf(buf, size, "d:%s..%s", a, b);
	}
	return buf;
}

char *facts_format(const struct fact *f, char *buf, size_t size)
{
	char key[80];
	facts_key(f, key, sizeof key);
	const char *q = facts_qual_name(f->qual);
	snprintf(buf, size, "%s%s%s", q, *q ? " " : "", key + 2);
	return buf;
}
