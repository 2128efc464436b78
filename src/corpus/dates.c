/* dates.c — owns calendar dates: strict ISO 8601 parse/format, order and
 * validity, and the dates a news text mentions in English, French,
 * Indonesian and Arabic (days, ranges, month-year), with year inference. */
#include "tandem/dates.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* ---- calendar ------------------------------------------------------------- */

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m of year y; an unknown year (0) allows 29 February. */
static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2)
		return (y == 0 || is_leap(y)) ? 29 : 28;
	return days[m - 1];
}

int dates_valid(const struct date_ymd *d)
{
	if (!d)
		return 0;
	if (d->y < 0 || d->y > 9999 || d->m < 0 || d->m > 12 || d->d < 0)
		return 0;
	if (d->m == 0)
		return d->d == 0;
	if (d->d == 0)
		return 1;
	return d->d <= days_in_month(d->y, d->m);
}

int dates_compare(const struct date_ymd *a, const struct date_ymd *b)
{
	int au = a->y == 0, bu = b->y == 0;
	if (au != bu)
		return au ? 1 : -1;
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

static int ascii_digits(const char *s, size_t n, int *v)
{
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return 1;
}

int dates_parse_iso(const char *s, struct date_ymd *out)
{
	struct date_ymd r = { 0, 0, 0 };
	size_t n;

	if (!s || !out)
		return -1;
	n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return -1;
	if (!ascii_digits(s, 4, &r.y) || r.y == 0)
		return -1;
	if (n >= 7 && (s[4] != '-' || !ascii_digits(s + 5, 2, &r.m) || r.m == 0))
		return -1;
	if (n == 10 && (s[7] != '-' || !ascii_digits(s + 8, 2, &r.d) || r.d == 0))
		return -1;
	if (!dates_valid(&r))
		return -1;
	*out = r;
	return 0;
}

static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

char *dates_format(const struct date_ymd *d, char *buf)
{
	char *p = buf;

	if (d->y > 0 && d->y <= 9999) {
		p = put_digits(p, d->y, 4);
	} else {
		memcpy(p, "????", 4);
		p += 4;
	}
	if (d->m >= 1 && d->m <= 12) {
		*p++ = '-';
		p = put_digits(p, d->m, 2);
		if (d->d >= 1 && d->d <= 31) {
			*p++ = '-';
			p = put_digits(p, d->d, 2);
		}
	}
	*p = '\0';
	return buf;
}

/* ---- tokens --------------------------------------------------------------- */

enum tok_type { T_NUM, T_WORD, T_PUNCT, T_OTHER, T_BREAK };

#define WORD_MAX 32

struct tok {
	enum tok_type type;
	size_t start, end;      /* bytes */
	long value;             /* T_NUM: value, -1 when not a plain number */
	int ndigits;            /* T_NUM */
	ucs4_t cp;              /* T_PUNCT */
	char word[WORD_MAX];    /* T_WORD: folded UTF-8, "" when too long */
	size_t wlen;            /* T_WORD: strlen(word) */
	size_t second;          /* T_WORD: byte where its second letter starts */
};

/* The tokens of a text, produced on demand into a sliding window: the
 * parsers look at most a few tokens behind the one the finder is at and a
 * bounded number ahead (no parser loops over tokens), so the window holds
 * tokens base .. base + len - 1 (absolute indices) and memory stays a few
 * hundred tokens whatever the input (32 MiB of newlines once took a token
 * each, 80 bytes apiece). */
#define TOK_LOOKBACK 8    /* tokens kept before the current one */
#define TOK_LOOKAHEAD 256 /* tokens made ready after it; far more than any
                             parser reads (under 40) */

struct toks {
	struct tok *v;          /* the window; v[0] is token `base` */
	size_t base, len, cap;
	const char *text;       /* the text being tokenized */
	size_t n, pos;          /* its length, the next byte to tokenize */
};

/* Token i, which must be in the window (see has). */
#define TK(tk, i) ((tk)->v[(i) - (tk)->base])

/* True when token i exists and is in the window. */
static int has(const struct toks *tk, size_t i)
{
	return i >= tk->base && i - tk->base < tk->len;
}

static int digit_value(ucs4_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0x0660 && c <= 0x0669)   /* Arabic-Indic */
		return (int)(c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)   /* Extended Arabic-Indic */
		return (int)(c - 0x06F0);
	return -1;
}

/* ASCII takes a short path in these predicates and in fold_append: most of
 * a Latin-script text is ASCII, and the libunistring tables cost more. */
static int is_format(ucs4_t c)
{
	return c >= 0x80 && uc_is_general_category(c, UC_CATEGORY_Cf);
}

static int is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return uc_is_alpha(c) || uc_is_general_category(c, UC_CATEGORY_M);
}

static int is_newline(ucs4_t c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 ||
	       c == 0x2028 || c == 0x2029;
}

static int is_dash_cp(ucs4_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
	       c == 0xFE63 || c == 0xFF0D;
}

static int is_kept_punct(ucs4_t c)
{
	return is_dash_cp(c) || c == '/' || c == ',' || c == 0x060C || c == '.' || c == '(' ||
	       c == ')';
}

/* Separators inside one number: "1.500", "3,5", "10:30", "١٬٥٠٠". */
static int is_number_sep(ucs4_t c)
{
	return c == '.' || c == ',' || c == ':' || c == 0x066B || c == 0x066C;
}

static ucs4_t peek(const char *text, size_t n, size_t i, size_t *len)
{
	ucs4_t c;
	int l = u8_mbtouc(&c, (const uint8_t *)text + i, n - i);
	*len = l > 0 ? (size_t)l : 1;
	return c;
}

/* Appends the folded form of c: lower case, decomposed (compatibility),
 * without marks or tatweel. Sets *overflow when buf is full. */
static void fold_append(ucs4_t c, char *buf, size_t *len, int *overflow, int depth)
{
	ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
	int tag, k;

	if (c < 0x80) { /* no decomposition, no mark; lower case by hand */
		if (*overflow)
			return;
		if (*len + 1 > WORD_MAX - 1) {
			*overflow = 1;
			return;
		}
		buf[(*len)++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		return;
	}
	if (c == 0x0640 || uc_is_general_category(c, UC_CATEGORY_M) || is_format(c))
		return;
	c = uc_tolower(c);
	k = depth < 4 ? uc_decomposition(c, &tag, dec) : -1;
	if (k > 0) {
		for (int j = 0; j < k; j++)
			fold_append(dec[j], buf, len, overflow, depth + 1);
		return;
	}
	if (*overflow)
		return;
	int w = u8_uctomb((uint8_t *)buf + *len, uc_tolower(c), (int)(WORD_MAX - 1 - *len));
	if (w < 0)
		*overflow = 1;
	else
		*len += (size_t)w;
}

static struct tok *push_tok(struct toks *tk)
{
	if (tk->len == tk->cap) {
		size_t cap = tk->cap ? tk->cap * 2 : 64;
		struct tok *v = realloc(tk->v, cap * sizeof *v);
		if (!v)
			return NULL;
		tk->v = v;
		tk->cap = cap;
	}
	struct tok *t = &tk->v[tk->len++];
	memset(t, 0, sizeof *t);
	return t;
}

/* Reads the next token from tk->text at tk->pos into the window (or skips
 * white space). Returns 0, or -1 when memory runs out. */
static int tokenize_step(struct toks *tk)
{
	const char *text = tk->text;
	size_t n = tk->n, i = tk->pos, l;
	ucs4_t c = peek(text, n, i, &l);
	struct tok *t;

	if (digit_value(c) >= 0) {
		long v = 0;
		int nd = 0, compound = 0;
		if (!(t = push_tok(tk)))
			return -1;
		t->type = T_NUM;
		t->start = i;
		for (;;) {
			int dv = digit_value(c);
			if (dv >= 0) {
				if (nd < 9)
					v = v * 10 + dv;
				nd++;
				i += l;
			} else if (is_number_sep(c) && i + l < n) {
				size_t l2;
				if (digit_value(peek(text, n, i + l, &l2)) < 0)
					break;
				compound = 1;
				i += l;
			} else {
				break;
			}
			if (i >= n)
				break;
			c = peek(text, n, i, &l);
		}
		t->end = i;
		t->ndigits = nd;
		t->value = (compound || nd > 9) ? -1 : v;
	} else if (is_word_char(c)) {
		size_t len = 0;
		int overflow = 0;
		if (!(t = push_tok(tk)))
			return -1;
		t->type = T_WORD;
		t->start = i;
		t->second = i;
		while (i < n) {
			c = peek(text, n, i, &l);
			if (!is_word_char(c) && !is_format(c))
				break;
			if (t->second == t->start && i > t->start && !is_format(c) &&
			    !uc_is_general_category(c, UC_CATEGORY_M))
				t->second = i;
			fold_append(c, t->word, &len, &overflow, 0);
			i += l;
		}
		t->end = i;
		t->wlen = overflow ? 0 : len;
		t->word[t->wlen] = '\0';
	} else if (is_newline(c)) {
		if (!(t = push_tok(tk)))
			return -1;
		t->type = T_BREAK;
		t->start = i;
		t->end = i + l;
		i += l;
	} else if (uc_is_property_white_space(c) || is_format(c)) {
		i += l;
	} else {
		if (!(t = push_tok(tk)))
			return -1;
		t->type = is_kept_punct(c) ? T_PUNCT : T_OTHER;
		t->cp = c;
		t->start = i;
		t->end = i + l;
		i += l;
	}
	tk->pos = i;
	return 0;
}

/* Tokenizes until token `want` is in the window or the text ends. Returns
 * 0, or -1 when memory runs out. */
static int tokens_fill(struct toks *tk, size_t want)
{
	while (tk->base + tk->len <= want && tk->pos < tk->n)
		if (tokenize_step(tk) < 0)
			return -1;
	return 0;
}

/* Forgets the tokens before `keep`. The window is moved down only when
 * that frees a good part of it, so the moves cost O(1) per token. */
static void tokens_drop(struct toks *tk, size_t keep)
{
	size_t k;

	if (keep <= tk->base)
		return;
	k = keep - tk->base;
	if (k >= tk->len) {
		tk->base += tk->len;
		tk->len = 0;
	} else if (k >= 1024 || k >= tk->len / 2) {
		memmove(tk->v, tk->v + k, (tk->len - k) * sizeof *tk->v);
		tk->base += k;
		tk->len -= k;
	}
}



/* ---- token predicates ----------------------------------------------------- */

static int adjacent(const struct toks *tk, size_t a, size_t b)
{
	return has(tk, a) && has(tk, b) && TK(tk, a).end == TK(tk, b).start;
}

static int is_word(const struct toks *tk, size_t i, const char *w)
{
	return has(tk, i) && TK(tk, i).type == T_WORD && strcmp(TK(tk, i).word, w) == 0;
}

static int is_punct(const struct toks *tk, size_t i, ucs4_t c)
{
	return has(tk, i) && TK(tk, i).type == T_PUNCT && TK(tk, i).cp == c;
}

static int is_dash(const struct toks *tk, size_t i)
{
	return has(tk, i) && TK(tk, i).type == T_PUNCT && is_dash_cp(TK(tk, i).cp);
}

static int word_in(const struct toks *tk, size_t i, const char *const *list)
{
	for (; *list; list++)
		if (is_word(tk, i, *list))
			return 1;
	return 0;
}

/* Arabic one-letter proclitics glued to the next word: "و" (and), "ف",
 * "ب", "ل". */
static int is_proclitic(const struct toks *tk, size_t i)
{
	static const char *const clitics[] = { "و", "ف", "ب", "ل", NULL };
	return word_in(tk, i, clitics);
}

/* The folded word at token i without its leading "و" ("وأكتوبر"), or NULL. */
static const char *without_waw(const struct toks *tk, size_t i)
{
	static const char waw[] = "و";
	const char *w = TK(tk, i).word;
	if (strncmp(w, waw, sizeof waw - 1) != 0 || !w[sizeof waw - 1])
		return NULL;
	return w + sizeof waw - 1;
}

/* ---- month names ---------------------------------------------------------- */

enum { M_EN = 1, M_ABBR = 2 };

/* A string literal and its length, for tables compared by length first. */
#define N(s) s, sizeof s - 1

/* Folded forms: lower case, no accents, Arabic alef without hamza/madda. */
static const struct {
	const char *name;
	size_t len;
	unsigned char m, flags;
} month_names[] = {
	/* English (April, September, November are Indonesian too) */
	{ N("january"), 1, M_EN }, { N("february"), 2, M_EN }, { N("march"), 3, M_EN },
	{ N("april"), 4, M_EN }, { N("may"), 5, M_EN }, { N("june"), 6, M_EN },
	{ N("july"), 7, M_EN }, { N("august"), 8, M_EN }, { N("september"), 9, M_EN },
	{ N("october"), 10, M_EN }, { N("november"), 11, M_EN }, { N("december"), 12, M_EN },
	{ N("jan"), 1, M_EN | M_ABBR }, { N("feb"), 2, M_EN | M_ABBR }, { N("mar"), 3, M_EN | M_ABBR },
	{ N("apr"), 4, M_EN | M_ABBR }, { N("jun"), 6, M_EN | M_ABBR }, { N("jul"), 7, M_EN | M_ABBR },
	{ N("aug"), 8, M_EN | M_ABBR }, { N("sep"), 9, M_EN | M_ABBR }, { N("sept"), 9, M_EN | M_ABBR },
	{ N("oct"), 10, M_EN | M_ABBR }, { N("nov"), 11, M_EN | M_ABBR }, { N("dec"), 12, M_EN | M_ABBR },
	/* French */
	{ N("janvier"), 1, 0 }, { N("fevrier"), 2, 0 }, { N("mars"), 3, 0 }, { N("avril"), 4, 0 },
	{ N("mai"), 5, 0 }, { N("juin"), 6, 0 }, { N("juillet"), 7, 0 }, { N("aout"), 8, 0 },
	{ N("septembre"), 9, 0 }, { N("octobre"), 10, 0 }, { N("novembre"), 11, 0 },
	{ N("decembre"), 12, 0 },
	{ N("janv"), 1, M_ABBR }, { N("fevr"), 2, M_ABBR }, { N("avr"), 4, M_ABBR },
	{ N("juil"), 7, M_ABBR },
	/* Indonesian */
	{ N("januari"), 1, 0 }, { N("februari"), 2, 0 }, { N("pebruari"), 2, 0 }, { N("maret"), 3, 0 },
	{ N("mei"), 5, 0 }, { N("juni"), 6, 0 }, { N("juli"), 7, 0 }, { N("agustus"), 8, 0 },
	{ N("oktober"), 10, 0 }, { N("desember"), 12, 0 },
	{ N("agu"), 8, M_ABBR }, { N("agt"), 8, M_ABBR }, { N("okt"), 10, M_ABBR },
	/* Arabic, Gregorian (Egypt, Gulf) */
	{ N("يناير"), 1, 0 }, { N("فبراير"), 2, 0 }, { N("مارس"), 3, 0 }, { N("ابريل"), 4, 0 },
	{ N("مايو"), 5, 0 }, { N("يونيو"), 6, 0 }, { N("يونيه"), 6, 0 }, { N("يوليو"), 7, 0 },
	{ N("يوليه"), 7, 0 }, { N("اغسطس"), 8, 0 }, { N("سبتمبر"), 9, 0 }, { N("اكتوبر"), 10, 0 },
	{ N("نوفمبر"), 11, 0 }, { N("ديسمبر"), 12, 0 },
	/* Arabic, Maghreb */
	{ N("جانفي"), 1, 0 }, { N("فيفري"), 2, 0 }, { N("افريل"), 4, 0 }, { N("جوان"), 6, 0 },
	{ N("جويلية"), 7, 0 },
	/* Arabic, Levantine (one word) */
	{ N("شباط"), 2, 0 }, { N("اذار"), 3, 0 }, { N("نيسان"), 4, 0 }, { N("ايار"), 5, 0 },
	{ N("حزيران"), 6, 0 }, { N("تموز"), 7, 0 }, { N("اب"), 8, 0 }, { N("ايلول"), 9, 0 },
};

/* Levantine names of two words. */
static const struct {
	const char *first;
	size_t first_len;
	const char *second;
	unsigned char m;
} month_pairs[] = {
	{ N("كانون"), "الثاني", 1 }, { N("كانون"), "ثاني", 1 },
	{ N("تشرين"), "الاول", 10 }, { N("تشرين"), "اول", 10 },
	{ N("تشرين"), "الثاني", 11 }, { N("تشرين"), "ثاني", 11 },
	{ N("كانون"), "الاول", 12 }, { N("كانون"), "اول", 12 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One month name at token i: its month, flags and the token after it. With
 * waw_ok, an Arabic name may carry a glued "و" ("وأغسطس"); *start is then
 * where the name itself starts. */
static int single_month(const struct toks *tk, size_t i, int waw_ok, int *m, int *flags,
                        size_t *next, size_t *start)
{
	const char *w, *bare;
	size_t wl, bl = 0;

	if (!has(tk, i) || TK(tk, i).type != T_WORD || !TK(tk, i).word[0])
		return 0;
	/* Most words are no month: a Latin month name starts with one of a
	 * few letters and is at most 9 letters long, and names are compared
	 * by length before their bytes. */
	w = TK(tk, i).word;
	wl = TK(tk, i).wlen;
	if ((unsigned char)w[0] < 0x80 && (wl > 9 || !strchr("adfjmnops", w[0])))
		return 0;
	bare = waw_ok ? without_waw(tk, i) : NULL;
	if (bare)
		bl = wl - (size_t)(bare - w);
	for (size_t k = 0; k < COUNT(month_pairs); k++) {
		size_t fl = month_pairs[k].first_len;
		int whole = wl == fl && memcmp(w, month_pairs[k].first, fl) == 0;

		if (!whole && !(bare && bl == fl && memcmp(bare, month_pairs[k].first, fl) == 0))
			continue;
		if (!is_word(tk, i + 1, month_pairs[k].second))
			continue;
		*m = month_pairs[k].m;
		*flags = 0;
		*next = i + 2;
		*start = whole ? TK(tk, i).start : TK(tk, i).second;
		return 1;
	}
	for (size_t k = 0; k < COUNT(month_names); k++) {
		size_t nl = month_names[k].len;

		if (wl == nl && memcmp(w, month_names[k].name, nl) == 0) {
			*start = TK(tk, i).start;
		} else if (bare && bl == nl && (unsigned char)month_names[k].name[0] >= 0x80 &&
		           memcmp(bare, month_names[k].name, nl) == 0) {
			*start = TK(tk, i).second;
		} else {
			continue;
		}
		*m = month_names[k].m;
		*flags = month_names[k].flags;
		*next = i + 1;
		return 1;
	}
	return 0;
}

struct month_match {
	int m, en;
	size_t start;        /* byte where the name starts (after a glued "و") */
	size_t next, end;    /* token after the name, byte end of the name */
	size_t dnext, dend;  /* the same past an abbreviation's dot ("Oct.") */
};

/* A month at token i, with its paired name ("أكتوبر/تشرين الأول",
 * "أكتوبر (تشرين الأول)") when the pair names the same month. */
static int month_at(const struct toks *tk, size_t i, int waw_ok, struct month_match *mm)
{
	int m, fl, m2, fl2;
	size_t nx, nx2, st, st2;

	if (!single_month(tk, i, waw_ok, &m, &fl, &nx, &st))
		return 0;
	mm->m = m;
	mm->start = st;
	mm->en = (fl & M_EN) != 0;
	mm->next = nx;
	mm->end = TK(tk, nx - 1).end;
	if (is_punct(tk, nx, '/') && single_month(tk, nx + 1, 0, &m2, &fl2, &nx2, &st2) && m2 == m) {
		mm->next = nx2;
		mm->end = TK(tk, nx2 - 1).end;
	} else if (is_punct(tk, nx, '(') && single_month(tk, nx + 1, 0, &m2, &fl2, &nx2, &st2) &&
	           m2 == m && is_punct(tk, nx2, ')')) {
		mm->next = nx2 + 1;
		mm->end = TK(tk, nx2).end;
	}
	mm->dnext = mm->next;
	mm->dend = mm->end;
	if ((fl & M_ABBR) && mm->next == nx && is_punct(tk, nx, '.') && adjacent(tk, nx - 1, nx)) {
		mm->dnext = nx + 1;
		mm->dend = TK(tk, nx).end;
	}
	return 1;
}

/* ---- numbers -------------------------------------------------------------- */

/* A number glued to the word before it ("A320", "post1072119") is no date. */
static int glued_left(const struct toks *tk, size_t i)
{
	return i > 0 && has(tk, i - 1) && TK(tk, i - 1).type == T_WORD && adjacent(tk, i - 1, i);
}

/* A year: four digits, optionally followed by the Arabic "م" (AD). */
static int year_at(const struct toks *tk, size_t i, int *y, size_t *next, size_t *end)
{
	if (!has(tk, i) || TK(tk, i).type != T_NUM || TK(tk, i).ndigits != 4 ||
	    TK(tk, i).value < 1000 || glued_left(tk, i))
		return 0;
	*y = (int)TK(tk, i).value;
	*next = i + 1;
	*end = TK(tk, i).end;
	if (has(tk, i + 1) && TK(tk, i + 1).type == T_WORD && adjacent(tk, i, i + 1)) {
		if (!is_word(tk, i + 1, "م"))
			return 0;
		*next = i + 2;
		*end = TK(tk, i + 1).end;
	}
	return 1;
}

static int ordinal_suffix_ok(const char *w, int d)
{
	if (strcmp(w, "er") == 0)
		return d == 1;
	if (d % 100 >= 11 && d % 100 <= 13)
		return strcmp(w, "th") == 0;
	switch (d % 10) {
	case 1: return strcmp(w, "st") == 0;
	case 2: return strcmp(w, "nd") == 0;
	case 3: return strcmp(w, "rd") == 0;
	default: return strcmp(w, "th") == 0;
	}
}

/* A day number of one or two digits (its value unchecked: 0 and 32 are
 * read so that "32 octobre" can be rejected whole), with an ordinal suffix
 * ("1er", "25th"); an Arabic proclitic may be glued before it ("و26"). */
static int day_at(const struct toks *tk, size_t i, int *d, size_t *next, size_t *end)
{
	if (!has(tk, i) || TK(tk, i).type != T_NUM || TK(tk, i).value < 0 || TK(tk, i).ndigits > 2)
		return 0;
	if (glued_left(tk, i) && !is_proclitic(tk, i - 1))
		return 0;
	*d = (int)TK(tk, i).value;
	*next = i + 1;
	*end = TK(tk, i).end;
	if (has(tk, i + 1) && TK(tk, i + 1).type == T_WORD && adjacent(tk, i, i + 1)) {
		if (!ordinal_suffix_ok(TK(tk, i + 1).word, *d))
			return 0;
		*next = i + 2;
		*end = TK(tk, i + 1).end;
	}
	return 1;
}

/* A month at token i, or after an English "of" ("25th of October"). */
static int month_after_day(const struct toks *tk, size_t i, struct month_match *mm)
{
	if (month_at(tk, i, 0, mm))
		return 1;
	return is_word(tk, i, "of") && month_at(tk, i + 1, 0, mm);
}

/* ---- ranges --------------------------------------------------------------- */

enum { C_CROSS = 1 };   /* the connector may join two months */

static const struct {
	const char *word;
	int flags;
} connectors[] = {   /* besides the dashes */
	{ "au", C_CROSS }, { "a", C_CROSS }, { "et", 0 },
	{ "hingga", C_CROSS }, { "sampai", C_CROSS }, { "dan", 0 },
	{ "to", C_CROSS }, { "until", C_CROSS }, { "till", C_CROSS }, { "through", C_CROSS },
	{ "thru", C_CROSS }, { "and", 0 },
	{ "الى", C_CROSS }, { "حتى", C_CROSS }, { "و", 0 },
};

/* Words that open a range and the connectors that close it: the opening
 * word belongs to the mention ("du 25 au 26 octobre"). */
static const struct {
	const char *word;
	const char *conn[6];
} range_openers[] = {
	{ "du", { "au", "a", NULL } },
	{ "de", { "au", "a", NULL } },
	{ "entre", { "et", NULL } },
	{ "from", { "to", "until", "till", "through", "thru", "-" } },
	{ "between", { "and", NULL } },
	{ "dari", { "hingga", "sampai", "-", NULL } },
	{ "sejak", { "hingga", "sampai", NULL } },
	{ "antara", { "dan", NULL } },
	{ "من", { "الى", "حتى", "-", NULL } },
	{ "بين", { "و", NULL } },
};

/* Articles that may stand before a day inside a range ("entre le 25 et le
 * 26", "tanggal 25 hingga tanggal 26"). */
static const char *const day_articles[] = { "le", "tanggal", "the", NULL };

/* A range connector at token i: its name, whether it may join two months,
 * and the token where the second day should start. */
static const char *connector_at(const struct toks *tk, size_t i, int *cross, size_t *after)
{
	const char *name = NULL;

	if (is_dash(tk, i)) {
		name = "-";
		*cross = 1;
	} else {
		for (size_t k = 0; k < COUNT(connectors); k++) {
			if (is_word(tk, i, connectors[k].word)) {
				name = connectors[k].word;
				*cross = (connectors[k].flags & C_CROSS) != 0;
				break;
			}
		}
	}
	if (!name)
		return NULL;
	*after = i + 1;
	if (word_in(tk, i + 1, day_articles) && has(tk, i + 2) && TK(tk, i + 2).type == T_NUM)
		*after = i + 2;
	return name;
}

/* Byte where a range starting with the day at token i begins: at its
 * opening word when one pairs with connector `conn`. */
static size_t range_start(const struct toks *tk, size_t i, const char *conn)
{
	size_t k = i;

	if (k > 0 && word_in(tk, k - 1, day_articles))
		k--;
	if (k > 0) {
		for (size_t r = 0; r < COUNT(range_openers); r++) {
			if (!is_word(tk, k - 1, range_openers[r].word))
				continue;
			for (size_t c = 0; c < COUNT(range_openers[r].conn) && range_openers[r].conn[c]; c++)
				if (strcmp(range_openers[r].conn[c], conn) == 0)
					return TK(tk, k - 1).start;
		}
	}
	return TK(tk, i).start;
}

/* A mention as the parser reads it. */
struct found {
	struct date_ymd from, to;
	size_t start, end;
	int wrap;       /* yearless range crossing a new year: to.y = from.y + 1 */
};

/* Completes the years of a range a..b whose ends may lack one. Returns 0 when
 * it is not a forward range (or is an implausible one: "2 novembre au 30
 * octobre" without years is not read as eleven months). */
static int make_range(struct date_ymd *a, struct date_ymd *b, int *wrap)
{
	int back = b->m < a->m;

	*wrap = 0;
	if (back && !(a->y && b->y) && a->m - b->m < 6)
		return 0;
	if (a->y && !b->y)
		b->y = a->y + back;
	else if (!a->y && b->y)
		a->y = b->y - back;
	if (!dates_valid(a) || !dates_valid(b) || a->d < 1 || b->d < 1)
		return 0;
	if (a->y)
		return dates_compare(a, b) < 0;
	if (back) {
		*wrap = 1;
		return 1;
	}
	return a->m < b->m || a->d < b->d;
}

/* After a first date p1 (from the day at token i) ending before token k: a
 * connector and a second date with its own month ("30 octobre au 2
 * novembre"). */
static int cross_month(const struct toks *tk, size_t i, const struct date_ymd *p1, size_t k,
                       struct found *f, size_t *resume)
{
	int cross = 0, d2, y2 = 0;
	size_t k2, j2, e2, yk, ye;
	struct month_match m2;
	const char *conn = connector_at(tk, k, &cross, &k2);

	if (!conn || !cross)
		return 0;
	if (!day_at(tk, k2, &d2, &j2, &e2) || !month_after_day(tk, j2, &m2))
		return 0;
	size_t next = m2.next, end = m2.end;
	if (year_at(tk, m2.dnext, &y2, &yk, &ye)) {
		next = yk;
		end = ye;
	}
	struct date_ymd a = *p1, b = { y2, m2.m, d2 };
	if (!make_range(&a, &b, &f->wrap))
		return 0;
	f->from = a;
	f->to = b;
	f->start = range_start(tk, i, conn);
	f->end = end;
	*resume = next;
	return 1;
}

/* Day-first mentions at the number at token i: "25 Oktober 2025", "1er
 * janvier", "25-26 Oktober 2025", "du 25 au 26 octobre", "من 25 إلى 26
 * أكتوبر", "30 octobre au 2 novembre". Returns 1 with *f, 0 when nothing
 * starts here, -1 when an impossible date ("31 février 2025") must be
 * skipped up to *resume. */
static int parse_day_first(const struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	int d1, y1 = 0, cross = 0;
	size_t j, e1, yk, ye, k2;
	struct month_match m1;
	const char *conn;

	if (!day_at(tk, i, &d1, &j, &e1))
		return 0;
	if (month_after_day(tk, j, &m1)) {
		size_t next = m1.next, end = m1.end;
		if (year_at(tk, m1.dnext, &y1, &yk, &ye)) {
			next = yk;
			end = ye;
		}
		struct date_ymd p1 = { y1, m1.m, d1 };
		if (d1 < 1 || !dates_valid(&p1)) {
			*resume = next;
			return -1;
		}
		if (cross_month(tk, i, &p1, next, f, resume))
			return 1;
		f->from = f->to = p1;
		f->start = TK(tk, i).start;
		f->end = end;
		f->wrap = 0;
		*resume = next;
		return 1;
	}
	conn = connector_at(tk, j, &cross, &k2);
	if (conn) {
		int d2, y2 = 0;
		size_t j2, e2;
		struct month_match m2;
		if (!day_at(tk, k2, &d2, &j2, &e2) ||
		    !month_after_day(tk, j2, &m2))
			return 0;
		size_t next = m2.next, end = m2.end;
		if (year_at(tk, m2.dnext, &y2, &yk, &ye)) {
			next = yk;
			end = ye;
		}
		struct date_ymd a = { y2, m2.m, d1 }, b = { y2, m2.m, d2 };
		/* An impossible second day is rejected when the scan reaches it. */
		if (!make_range(&a, &b, &f->wrap))
			return 0;
		f->from = a;
		f->to = b;
		f->start = range_start(tk, i, conn);
		f->end = end;
		*resume = next;
		return 1;
	}
	return 0;
}

/* Month-first mentions at the word at token i: "décembre 2024",
 * "ديسمبر/كانون الأول 2024" (any language), and in English "October 25,
 * 2025", "Oct. 25-26", "October 30 – November 2, 2025". */
static int parse_month_first(const struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	struct month_match m1, m2;
	int y = 0, d1, d2, cross = 0;
	size_t yk, ye, j, e1, k2, j2, e2;

	if (!month_at(tk, i, 1, &m1))
		return 0;
	if (year_at(tk, m1.dnext, &y, &yk, &ye)) {
		f->from.y = f->to.y = y;
		f->from.m = f->to.m = m1.m;
		f->from.d = f->to.d = 0;
		f->start = m1.start;
		f->end = ye;
		f->wrap = 0;
		*resume = yk;
		return 1;
	}
	if (!m1.en || !day_at(tk, m1.dnext, &d1, &j, &e1))
		return 0;

	struct date_ymd a = { 0, m1.m, d1 }, b = a;
	size_t next = j, end = e1;
	const char *conn = connector_at(tk, j, &cross, &k2);
	int ranged = 0;
	if (conn && day_at(tk, k2, &d2, &j2, &e2) && !month_at(tk, j2, 0, &m2)) {
		b.d = d2;
		next = j2;
		end = e2;
		ranged = 1;
	} else if (conn && cross && month_at(tk, k2, 0, &m2) && m2.en &&
	           day_at(tk, m2.dnext, &d2, &j2, &e2)) {
		b.m = m2.m;
		b.d = d2;
		next = j2;
		end = e2;
		ranged = 1;
	}
	size_t yi = is_punct(tk, next, ',') ? next + 1 : next;
	if (year_at(tk, yi, &y, &yk, &ye)) {
		b.y = y;
		next = yk;
		end = ye;
		if (!ranged)
			a.y = y;
	}
	if (d1 < 1 || !dates_valid(&a)) {
		*resume = next;
		return -1;
	}
	f->wrap = 0;
	if (ranged && !make_range(&a, &b, &f->wrap)) {
		/* Not a forward range: keep "October 25" alone. */
		ranged = 0;
		next = j;
		end = e1;
		f->wrap = 0;
	}
	if (!ranged)
		b = a;
	f->from = a;
	f->to = b;
	f->start = ranged ? range_start(tk, i, conn) : m1.start;
	f->end = end;
	*resume = next;
	return 1;
}

/* ---- year inference ------------------------------------------------------- */

/* Gives a year to the mentions v[0..n) that lack one; wrap[k] is set for a
 * yearless range that crosses a new year. */
static void infer_years(struct date_mention *v, const unsigned char *wrap, size_t n,
                        const struct date_ymd *context)
{
	struct date_ymd latest = { 0, 0, 0 };
	int have_latest = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].from.y && (!have_latest || dates_compare(&v[i].from, &latest) > 0)) {
			latest = v[i].from;
			have_latest = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct date_mention *f = &v[i];
		int y = 0;
		if (f->from.y)
			continue;
		if (context && context->y > 0) {
			y = context->y;
			if (context->m >= 1 && context->m <= 12 && f->from.m - context->m > 6)
				y--;
		} else if (have_latest) {
			/* The first year that puts the mention's last day on or
			 * after the latest stated date. */
			for (y = latest.y - 1; y <= latest.y + 1; y++) {
				struct date_ymd last = { y + wrap[i], f->to.m, f->to.d };
				if (dates_compare(&last, &latest) >= 0)
					break;
			}
		}
		if (y > 0) {
			f->from.y = y;
			f->to.y = y + wrap[i];
			if (!dates_valid(&f->from) || !dates_valid(&f->to))
				f->from.y = f->to.y = 0;   /* 29 February of a common year */
		}
	}
}

/* ---- finder --------------------------------------------------------------- */

int dates_find(const char *text, size_t n, const struct date_ymd *context,
               struct date_mention **out, size_t *count)
{
	struct toks tk = { NULL, 0, 0, 0, text, n, 0 };
	struct date_mention *found = NULL;
	unsigned char *wrap = NULL;
	size_t nfound = 0, capfound = 0, last_end = 0, i = 0;

	if (!out || !count)
		return -1;
	*out = NULL;
	*count = 0;
	if (!text || n == 0)
		return text || n == 0 ? 0 : -1;

	for (;;) {
		struct found f;
		size_t resume = i + 1;
		int r = 0;

		tokens_drop(&tk, i > TOK_LOOKBACK ? i - TOK_LOOKBACK : 0);
		if (tokens_fill(&tk, i + TOK_LOOKAHEAD) < 0)
			goto fail;
		if (!has(&tk, i))
			break;
		if (TK(&tk, i).type == T_NUM)
			r = parse_day_first(&tk, i, &f, &resume);
		else if (TK(&tk, i).type == T_WORD)
			r = parse_month_first(&tk, i, &f, &resume);
		if (resume <= i)
			resume = i + 1;
		if (r > 0) {
			if (f.start < last_end)
				f.start = TK(&tk, i).start;
			if (nfound == capfound) {
				size_t cap = capfound ? capfound * 2 : 8;
				struct date_mention *nv = realloc(found, cap * sizeof *nv);
				if (!nv)
					goto fail;
				found = nv;
				unsigned char *nw = realloc(wrap, cap);
				if (!nw)
					goto fail;
				wrap = nw;
				capfound = cap;
			}
			found[nfound].from = f.from;
			found[nfound].to = f.to;
			found[nfound].off = f.start;
			found[nfound].len = f.end - f.start;
			found[nfound].year_inferred = f.from.y == 0;
			wrap[nfound++] = (unsigned char)f.wrap;
			last_end = f.end;
		}
		i = r != 0 ? resume : i + 1;
	}
	free(tk.v);
	tk.v = NULL;

	infer_years(found, wrap, nfound, context);
	free(wrap);
	*out = found;
	*count = nfound;
	return 0;

fail:
	free(tk.v);
	free(found);
	free(wrap);
	return -1;
}
