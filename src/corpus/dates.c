/* dates.c — owns calendar dates: strict ISO 8601 parse/format, order and
 * validity, and the dates a news text mentions in some twenty languages
 * (days, months, ranges, numeric dates with unit words), with year
 * inference.
 *
 * What a language writes is data, not code: one table per language (its
 * month names with their inflections and abbreviations, the words between a
 * day, a month and a year, range words, year and era words, the letters
 * glued before a month name, the unit words of numeric dates such as 年月日).
 * At first use the tables are folded (lower case, accents and harakat
 * dropped) into one hash table, the lexicon, keyed by the folded word: a
 * word is looked up once, and what it may be (month, connector, link…) is a
 * set of role bits.
 *
 * Every mention holds a digit, so the finder scans the bytes for the digits
 * of any decimal system and tokenizes only around them: from a few words
 * before each number (a bounded window) up to what the parsers read after
 * it. Text without digits is never tokenized. */
#include "tandem/dates.h"

#include <ctype.h>
#include <pthread.h>
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

/* ---- language tables ------------------------------------------------------ */

enum {
	L_MONTH_DAY = 1,    /* "October 25": a day may follow the month name */
	L_BUDDHIST = 2,     /* a year of 2400 or more beside its month names is
	                       of the Buddhist era (2567 = 2024) */
	L_UNITS_BEFORE = 4, /* unit words stand before their numbers
	                       ("ngày 10 tháng 3 năm 2024"), else after them
	                       ("2024年3月10日") */
};

/* One language. Every field lists forms separated by spaces, written as the
 * language writes them (the lexicon folds them):
 *   months     each month's names, inflections included; "~jan" is an
 *              abbreviation (it may take a dot: "Jan."); "a_b" is a name of
 *              two words
 *   links      words between day, month and year ("10 de março de 2024")
 *   connectors range words between two days; "au*" may also join two months
 *   openers    words opening a range, with the connectors that close it:
 *              "du:au,a" ("du 25 au 26 octobre"); "-" is any dash
 *   articles   words allowed before a day inside a range ("le", "the")
 *   year_words words after a year that belong to it ("года", "م")
 *   prefixes   letters glued before a month name ("במרץ"); "^و": only at
 *              the start of a mention, which then starts after the letter
 *   proclitics letters glued before a day number ("و26")
 *   units      year, month and day unit words of numeric dates
 *   relative   the words for yesterday, today and tomorrow (for the
 *              evidence of an event: an article dated the day after it that
 *              says "yesterday"); a word that means two things (Hindi
 *              कल: yesterday and tomorrow; Spanish mañana, German and Dutch
 *              morgen: tomorrow and morning) is left out */
struct date_lang {
	const char *tag;
	unsigned flags;
	const char *months[12];
	const char *links, *connectors, *openers, *articles, *year_words;
	const char *prefixes, *proclitics;
	const char *units[3];
	const char *relative[3];
};

static const struct date_lang date_langs[] = {
	{ .tag = "en", .flags = L_MONTH_DAY,
	  .months = { "january ~jan", "february ~feb", "march ~mar", "april ~apr", "may",
	              "june ~jun", "july ~jul", "august ~aug", "september ~sep ~sept",
	              "october ~oct", "november ~nov", "december ~dec" },
	  .links = "of", .connectors = "to* until* till* through* thru* and",
	  .openers = "from:to,until,till,through,thru,- between:and", .articles = "the",
	  .relative = { "yesterday", "today", "tomorrow" } },
	{ .tag = "fr",
	  .months = { "janvier ~janv", "février ~févr", "mars", "avril ~avr", "mai", "juin",
	              "juillet ~juil", "août", "septembre ~sept", "octobre ~oct",
	              "novembre ~nov", "décembre ~déc" },
	  .connectors = "au* à* et", .openers = "du:au,à de:au,à entre:et", .articles = "le",
	  .relative = { "hier", "aujourd'hui aujourd’hui", "demain" } },
	{ .tag = "id",
	  .months = { "januari", "februari pebruari", "maret", "april", "mei", "juni", "juli",
	              "agustus ~agu ~agt", "september", "oktober ~okt", "november",
	              "desember" },
	  .connectors = "hingga* sampai* dan",
	  .openers = "dari:hingga,sampai,- sejak:hingga,sampai antara:dan",
	  .articles = "tanggal",
	  .relative = { "kemarin", "hari_ini", "besok" } },
	{ .tag = "ar",
	  .months = { "يناير جانفي كانون_الثاني كانون_ثاني", "فبراير فيفري شباط", "مارس آذار",
	              "أبريل إبريل أفريل نيسان", "مايو ماي أيار", "يونيو يونيه جوان حزيران",
	              "يوليو يوليه جويلية تموز", "أغسطس أوت آب", "سبتمبر أيلول",
	              "أكتوبر تشرين_الأول تشرين_أول", "نوفمبر تشرين_الثاني تشرين_ثاني",
	              "ديسمبر كانون_الأول كانون_أول" },
	  .connectors = "إلى* حتى* و", .openers = "من:إلى,حتى,- بين:و", .year_words = "م",
	  .prefixes = "^و", .proclitics = "و ف ب ل",
	  .relative = { "أمس الأمس البارحة", "اليوم", "غدا غداً" } },
	{ .tag = "fa",
	  .months = { "ژانویه", "فوریه", "مارس مارچ", "آوریل", "مه", "ژوئن", "ژوئیه جولای",
	              "اوت آگوست", "سپتامبر", "اکتبر", "نوامبر", "دسامبر" },
	  .connectors = "تا* و", .openers = "از:تا", .year_words = "میلادی م",
	  .proclitics = "و",
	  .relative = { "دیروز", "امروز", "فردا" } },
	{ .tag = "he",
	  .months = { "ינואר", "פברואר", "מרץ מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
	              "ספטמבר", "אוקטובר", "נובמבר", "דצמבר" },
	  .connectors = "עד* ו", .prefixes = "ב ו ה ל מ", .proclitics = "ב ו ה ל מ",
	  .relative = { "אתמול", "היום", "מחר" } },
	{ .tag = "ru",
	  .months = { "январь января январе ~янв", "февраль февраля феврале ~фев ~февр",
	              "март марта марте ~мар", "апрель апреля апреле ~апр", "май мая мае",
	              "июнь июня июне ~июн", "июль июля июле ~июл",
	              "август августа августе ~авг", "сентябрь сентября сентябре ~сен ~сент",
	              "октябрь октября октябре ~окт", "ноябрь ноября ноябре ~ноя ~нояб",
	              "декабрь декабря декабре ~дек" },
	  .connectors = "по* до* и", .openers = "с:по,до между:и",
	  .year_words = "года году год г",
	  .relative = { "вчера", "сегодня", "завтра" } },
	{ .tag = "uk",
	  .months = { "січень січня січні", "лютий лютого лютому", "березень березня березні",
	              "квітень квітня квітні", "травень травня травні", "червень червня червні",
	              "липень липня липні", "серпень серпня серпні", "вересень вересня вересні",
	              "жовтень жовтня жовтні", "листопад листопада листопаді",
	              "грудень грудня грудні" },
	  .connectors = "по* до* і та", .openers = "з:по,до", .year_words = "року рік р",
	  .relative = { "вчора учора", "сьогодні", "завтра" } },
	{ .tag = "es",
	  .months = { "enero ~ene", "febrero ~feb", "marzo ~mar", "abril ~abr", "mayo",
	              "junio ~jun", "julio ~jul", "agosto", "septiembre setiembre ~sept",
	              "octubre ~oct", "noviembre ~nov", "diciembre ~dic" },
	  .links = "de del", .connectors = "al* a* hasta* y",
	  .openers = "del:al,a desde:hasta,a entre:y",
	  .relative = { "ayer", "hoy", NULL } },
	{ .tag = "pt",
	  .months = { "janeiro ~jan", "fevereiro ~fev", "março ~mar", "abril ~abr", "maio",
	              "junho ~jun", "julho ~jul", "agosto", "setembro", "outubro",
	              "novembro ~nov", "dezembro ~dez" },
	  .links = "de", .connectors = "a* até* e", .openers = "de:a entre:e",
	  .relative = { "ontem", "hoje", "amanhã" } },
	{ .tag = "de",
	  .months = { "januar jänner ~jan", "februar feber ~feb ~febr", "märz ~mär", "april ~apr",
	              "mai", "juni ~jun", "juli ~jul", "august ~aug", "september ~sep ~sept",
	              "oktober ~okt", "november ~nov", "dezember ~dez" },
	  .connectors = "bis* und", .openers = "vom:bis von:bis zwischen:und",
	  .articles = "dem",
	  .relative = { "gestern", "heute", NULL } },
	{ .tag = "it",
	  .months = { "gennaio", "febbraio ~feb", "marzo ~mar", "aprile ~apr", "maggio ~mag",
	              "giugno ~giu", "luglio ~lug", "agosto", "settembre ~sett", "ottobre ~ott",
	              "novembre ~nov", "dicembre ~dic" },
	  .connectors = "al* e", .openers = "dal:al tra:e fra:e",
	  .relative = { "ieri", "oggi", "domani" } },
	{ .tag = "nl",
	  .months = { "januari ~jan", "februari ~feb", "maart ~mrt", "april ~apr", "mei", "juni",
	              "juli", "augustus ~aug", "september ~sep ~sept", "oktober ~okt",
	              "november ~nov", "december ~dec" },
	  .connectors = "tot* en", .openers = "van:tot tussen:en",
	  .relative = { "gisteren", "vandaag", NULL } },
	{ .tag = "tr",
	  .months = { "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
	              "eylül", "ekim", "kasım", "aralık" },
	  .connectors = "ile",
	  .relative = { "dün", "bugün", "yarın" } },
	{ .tag = "hi",
	  .months = { "जनवरी", "फ़रवरी", "मार्च", "अप्रैल अप्रेल", "मई", "जून", "जुलाई", "अगस्त",
	              "सितंबर सितम्बर", "अक्टूबर अक्तूबर", "नवंबर नवम्बर", "दिसंबर दिसम्बर" },
	  .connectors = "से*",
	  .relative = { NULL, "आज", NULL } },
	{ .tag = "th", .flags = L_BUDDHIST,
	  .months = { "มกราคม ม.ค.", "กุมภาพันธ์ ก.พ.", "มีนาคม มี.ค.", "เมษายน เม.ย.",
	              "พฤษภาคม พ.ค.", "มิถุนายน มิ.ย.", "กรกฎาคม ก.ค.", "สิงหาคม ส.ค.",
	              "กันยายน ก.ย.", "ตุลาคม ต.ค.", "พฤศจิกายน พ.ย.", "ธันวาคม ธ.ค." },
	  .connectors = "ถึง*",
	  .relative = { "เมื่อวาน เมื่อวานนี้", "วันนี้", "พรุ่งนี้" } },
	{ .tag = "zh", .units = { "年", "月", "日 号" },
	  .relative = { "昨天 昨日", "今天 今日", "明天 明日" } },
	{ .tag = "ja", .units = { "年", "月", "日" },
	  .relative = { "昨日", "今日 本日", "明日" } },
	{ .tag = "ko", .units = { "년", "월", "일" },
	  .relative = { "어제", "오늘", "내일" } },
	{ .tag = "vi", .flags = L_UNITS_BEFORE, .units = { "năm", "tháng", "ngày" },
	  .relative = { "hôm_qua", "hôm_nay", "ngày_mai" } },
};

#define NLANGS (sizeof date_langs / sizeof date_langs[0])

/* Era words before a year: the year counts from the era's start. With
 * `short_years` the era's own years (令和6年 = 2024), else a calendar year
 * shifted by `offset` (พ.ศ. 2567 = 2024). */
static const struct {
	const char *word;
	int offset, short_years;
} date_eras[] = {
	{ "พ.ศ.", -543, 0 }, { "พ.ศ", -543, 0 }, { "ค.ศ.", 0, 0 }, { "ค.ศ", 0, 0 },
	{ "令和", 2018, 1 }, { "平成", 1988, 1 }, { "昭和", 1925, 1 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- folding -------------------------------------------------------------- */

#define WORD_MAX 48 /* bytes of a folded word; a longer word is in no table */

/* Marks dropped by folding: accents, harakat, niqqud, the nukta — not the
 * vowel signs of Indic and Thai scripts, which spell the word. */
static int is_dropped_mark(ucs4_t c)
{
	if (!uc_is_general_category(c, UC_CATEGORY_M))
		return 0;
	return c < 0x0900 || c == 0x093C || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	       (c >= 0xFE20 && c <= 0xFE2F);
}

static int is_format(ucs4_t c)
{
	return c >= 0x80 && uc_is_general_category(c, UC_CATEGORY_Cf);
}

/* Letters written two ways: dotless i (Turkish capitals fold to i), the
 * Persian yeh and kaf, alef maqsura. */
static ucs4_t fold_letter(ucs4_t c)
{
	switch (c) {
	case 0x0131: return 'i';
	case 0x06CC: case 0x0649: return 0x064A;
	case 0x06A9: return 0x0643;
	default: return c;
	}
}

/* Appends the folded form of c: lower case, decomposed (compatibility),
 * without dropped marks, tatweel or format characters. Sets *overflow when
 * buf (WORD_MAX bytes with its NUL) is full. */
static void fold_append(ucs4_t c, char *buf, size_t *len, int *overflow, int depth)
{
	ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
	int tag, k;

	if (*overflow)
		return;
	if (c < 0x80) { /* no decomposition, no mark; lower case by hand */
		if (*len + 1 > WORD_MAX - 1) {
			*overflow = 1;
			return;
		}
		buf[(*len)++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		return;
	}
	if (c == 0x0640 || is_dropped_mark(c) || is_format(c))
		return;
	c = fold_letter(uc_tolower(c));
	k = depth < 4 ? uc_decomposition(c, &tag, dec) : -1;
	if (k > 0) {
		for (int j = 0; j < k; j++)
			fold_append(dec[j], buf, len, overflow, depth + 1);
		return;
	}
	int w = u8_uctomb((uint8_t *)buf + *len, fold_letter(uc_tolower(c)),
	                  (int)(WORD_MAX - 1 - *len));
	if (w < 0)
		*overflow = 1;
	else
		*len += (size_t)w;
}

/* Folds n bytes of UTF-8 into buf. Returns the folded length, 0 when it
 * does not fit. */
static size_t fold_string(const char *s, size_t n, char *buf)
{
	size_t len = 0;
	int overflow = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		fold_append(c, buf, &len, &overflow, 0);
		i += l > 0 ? (size_t)l : 1;
	}
	buf[overflow ? 0 : len] = '\0';
	return overflow ? 0 : len;
}

/* ---- lexicon -------------------------------------------------------------- */

enum {
	R_MONTH = 1 << 0,
	R_PAIRHEAD = 1 << 1,    /* first word of a two-word month name */
	R_LINK = 1 << 2,
	R_CONN = 1 << 3,
	R_CROSS = 1 << 4,       /* the connector may join two months */
	R_OPENER = 1 << 5,
	R_ARTICLE = 1 << 6,
	R_YEARWORD = 1 << 7,
	R_PREFIX = 1 << 8,
	R_PREFIX_CUT = 1 << 9,  /* the prefix is left out of the mention */
	R_PROCLITIC = 1 << 10,
	R_UNIT_AFTER = 1 << 11,
	R_UNIT_BEFORE = 1 << 12,
	R_ERA = 1 << 13,
};

enum { MF_ABBR = 1, MF_MONTH_DAY = 2 };
enum { U_YEAR = 1, U_MONTH = 2, U_DAY = 3 };

#define CONN_DASH 1ull /* the connector bit of any dash */

struct lex {
	char word[WORD_MAX];
	size_t len;
	uint32_t hash;
	unsigned roles;
	unsigned char month, mflags, unit;
	uint32_t langs;         /* R_MONTH: languages naming the month so */
	uint32_t prefix_langs;  /* R_PREFIX: languages whose month names it precedes */
	int era_offset;         /* R_ERA */
	uint64_t conn_bit;      /* R_CONN */
	uint64_t closers;       /* R_OPENER: the connectors that close its range */
};

#define LEX_MAX 1024    /* the tables make about 400 entries */
#define LEX_SLOTS 2048  /* a power of two, at most half full */

/* Built once, at the first dates_find (pthread_once: the corpus may be
 * read by several threads), and never freed: a few hundred fixed entries. */
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;
static struct {
	struct lex v[LEX_MAX];
	size_t n;
	unsigned short slot[LEX_SLOTS]; /* index + 1, 0 for empty */
	uint64_t next_conn;
	uint32_t buddhist;              /* languages with L_BUDDHIST */
	const struct lex *thai[32];     /* Thai month names, matched inside runs */
	size_t nthai;
} lexicon;

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The entry of a folded word, or NULL. */
static const struct lex *lex_find(const char *w, size_t n)
{
	if (n == 0)
		return NULL;
	uint32_t h = hash_bytes(w, n);
	for (size_t s = h & (LEX_SLOTS - 1); lexicon.slot[s]; s = (s + 1) & (LEX_SLOTS - 1)) {
		const struct lex *e = &lexicon.v[lexicon.slot[s] - 1];
		if (e->hash == h && e->len == n && memcmp(e->word, w, n) == 0)
			return e;
	}
	return NULL;
}

/* The entry of a folded word, created empty when new; NULL when the
 * lexicon is full (the tables are fixed: it never is). */
static struct lex *lex_get(const char *w, size_t n)
{
	struct lex *e = (struct lex *)lex_find(w, n);
	if (e || n == 0 || n >= WORD_MAX || lexicon.n == LEX_MAX)
		return e;
	e = &lexicon.v[lexicon.n++];
	memcpy(e->word, w, n);
	e->word[n] = '\0';
	e->len = n;
	e->hash = hash_bytes(w, n);
	size_t s = e->hash & (LEX_SLOTS - 1);
	while (lexicon.slot[s])
		s = (s + 1) & (LEX_SLOTS - 1);
	lexicon.slot[s] = (unsigned short)lexicon.n;
	return e;
}

/* The entry of a form as written in a table ("a_b": two words, folded and
 * joined by one space). */
static struct lex *lex_form(const char *form, size_t n)
{
	char buf[WORD_MAX], part[WORD_MAX];
	size_t len = 0;

	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && form[j] != '_')
			j++;
		size_t k = fold_string(form + i, j - i, part);
		if (k == 0 || len + k + 1 >= WORD_MAX)
			return NULL;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, part, k);
		len += k;
		if (i == 0 && j < n) { /* the first word of a pair */
			struct lex *head = lex_get(part, k);
			if (!head)
				return NULL;
			head->roles |= R_PAIRHEAD;
		}
		i = j + 1;
	}
	return lex_get(buf, len);
}

/* Calls fn for each space-separated form of list. */
static void each_form(const char *list, void (*fn)(const char *, size_t, void *), void *arg)
{
	while (list && *list) {
		while (*list == ' ')
			list++;
		size_t n = strcspn(list, " ");
		if (n)
			fn(list, n, arg);
		list += n;
	}
}

struct add_ctx {
	size_t lang;
	int month, unit;
	unsigned roles;
};

static void add_month(const char *form, size_t n, void *arg)
{
	const struct add_ctx *c = arg;
	int abbr = form[0] == '~';
	struct lex *e = lex_form(form + abbr, n - (size_t)abbr);
	if (!e)
		return;
	if (!(e->roles & R_MONTH)) {
		e->roles |= R_MONTH;
		e->month = (unsigned char)c->month;
	}
	if (e->month != c->month)
		return; /* the first language's month wins */
	e->langs |= 1u << c->lang;
	if (abbr)
		e->mflags |= MF_ABBR;
	if (date_langs[c->lang].flags & L_MONTH_DAY)
		e->mflags |= MF_MONTH_DAY;
	unsigned char b = (unsigned char)e->word[0];
	if (b == 0xE0 && (unsigned char)e->word[1] >= 0xB8 && (unsigned char)e->word[1] <= 0xB9 &&
	    lexicon.nthai < COUNT(lexicon.thai))
		lexicon.thai[lexicon.nthai++] = e; /* Thai: U+0E00..0E7F */
}

static void add_role(const char *form, size_t n, void *arg)
{
	const struct add_ctx *c = arg;
	unsigned roles = c->roles;
	if (roles & R_CONN && form[n - 1] == '*') {
		roles |= R_CROSS;
		n--;
	}
	if (roles & R_PREFIX && form[0] == '^') {
		roles |= R_PREFIX_CUT;
		form++;
		n--;
	}
	struct lex *e = lex_form(form, n);
	if (!e)
		return;
	e->roles |= roles;
	if (roles & R_CONN && !e->conn_bit) {
		/* one bit per connector word (35 today); past 63 they would
		 * share the top bit, which only makes openers more lenient */
		if (lexicon.next_conn < (1ull << 63))
			lexicon.next_conn <<= 1;
		e->conn_bit = lexicon.next_conn;
	}
	if (roles & R_PREFIX)
		e->prefix_langs |= 1u << c->lang;
	if (roles & (R_UNIT_AFTER | R_UNIT_BEFORE))
		e->unit = (unsigned char)c->unit;
}

/* "du:au,à": the opener and the bits of its closing connectors. */
static void add_opener(const char *form, size_t n, void *arg)
{
	(void)arg;
	const char *colon = memchr(form, ':', n);
	if (!colon)
		return;
	struct lex *e = lex_form(form, (size_t)(colon - form));
	if (!e)
		return;
	e->roles |= R_OPENER;
	for (const char *p = colon + 1; p < form + n;) {
		const char *q = p;
		while (q < form + n && *q != ',')
			q++;
		if (q - p == 1 && *p == '-') {
			e->closers |= CONN_DASH;
		} else {
			const struct lex *c = lex_form(p, (size_t)(q - p));
			if (c)
				e->closers |= c->conn_bit;
		}
		p = q + 1;
	}
}

static void lexicon_build(void)
{
	struct add_ctx c;

	lexicon.next_conn = CONN_DASH;
	for (size_t l = 0; l < NLANGS; l++) {
		const struct date_lang *L = &date_langs[l];
		memset(&c, 0, sizeof c);
		c.lang = l;
		if (L->flags & L_BUDDHIST)
			lexicon.buddhist |= 1u << l;
		for (int m = 0; m < 12; m++) {
			c.month = m + 1;
			each_form(L->months[m], add_month, &c);
		}
		c.roles = R_LINK;
		each_form(L->links, add_role, &c);
		c.roles = R_CONN;
		each_form(L->connectors, add_role, &c);
		c.roles = R_ARTICLE;
		each_form(L->articles, add_role, &c);
		c.roles = R_YEARWORD;
		each_form(L->year_words, add_role, &c);
		c.roles = R_PREFIX;
		each_form(L->prefixes, add_role, &c);
		c.roles = R_PROCLITIC;
		each_form(L->proclitics, add_role, &c);
		for (int u = 0; u < 3; u++) {
			c.roles = L->flags & L_UNITS_BEFORE ? R_UNIT_BEFORE : R_UNIT_AFTER;
			c.unit = U_YEAR + u;
			each_form(L->units[u], add_role, &c);
		}
	}
	/* openers last: their closers must have their bits */
	for (size_t l = 0; l < NLANGS; l++)
		each_form(date_langs[l].openers, add_opener, NULL);
	for (size_t k = 0; k < COUNT(date_eras); k++) {
		struct lex *e = lex_form(date_eras[k].word, strlen(date_eras[k].word));
		if (e && !date_eras[k].short_years) {
			e->roles |= R_ERA;
			e->era_offset = date_eras[k].offset;
		}
	}
}

static int has_role(const struct lex *e, unsigned roles)
{
	return e && (e->roles & roles) != 0;
}

/* ---- tokens --------------------------------------------------------------- */

enum tok_type { T_NUM, T_WORD, T_PUNCT, T_OTHER, T_BREAK };

struct tok {
	enum tok_type type;
	size_t start, end;      /* bytes */
	long value;             /* T_NUM: value, -1 when not a plain number */
	int ndigits;            /* T_NUM */
	ucs4_t cp;              /* T_PUNCT */
	/* T_WORD: */
	char word[WORD_MAX];    /* folded UTF-8, "" when too long */
	size_t wlen;
	const struct lex *lex;  /* its lexicon entry, or NULL */
	const struct lex *pre;  /* the entry of the word without its glued
	                           prefix letters, or NULL */
	const struct lex *prefix; /* the (first) prefix letter's entry */
	size_t pre_fold;        /* where that rest starts in word */
	size_t pre_at;          /* ... and in the text */
	unsigned char nospace;  /* a CJK character or a Thai run: a number may
	                           be glued to it */
	unsigned char thai;     /* a Thai run: month names are found inside */
};

/* The tokens around the numbers of a text, produced on demand into a
 * sliding window (tokens base .. base + len - 1, absolute indices): the
 * parsers look a few tokens behind a number and a bounded number ahead,
 * and the stretches between far-apart numbers are never tokenized, so
 * memory stays a few dozen tokens whatever the input. A token asked for
 * past the window is tokenized then (has()); the window may move, so no
 * pointer to a token is kept across such a call. */
#define TOK_LOOKBACK 8     /* tokens kept before the ones being parsed */
#define LOOKBACK_TOKENS 6  /* a mention starts at most this many tokens
                              before its first number ("أكتوبر (تشرين
                              الأول) 2025" is five) */
#define BACK_BYTES 192     /* how far before a number tokenizing restarts */
#define BACK_WORDS 5       /* ... at most so many words back (a mention
                              starts at most three spaces before its
                              first number) */

struct toks {
	enum dates_order order; /* of a date in numbers (parse_numeric) */
	int seen_dmy, seen_mdy; /* dates in numbers read whose order was
	                           certain: day first, month first */
	size_t ambiguous;       /* those left unread, the order unknown */
	struct tok *v;          /* the window; v[0] is token `base` */
	size_t base, len, cap;
	const char *text;       /* the text being tokenized */
	size_t n, pos;          /* its length, the next byte to tokenize */
	int oom;                /* memory ran out while tokenizing */
};

/* Token i, which must be in the window (see has). */
#define TK(tk, i) ((tk)->v[(i) - (tk)->base])

static int tokenize_step(struct toks *tk);

/* True when token i exists; tokenizes up to it when needed. */
static int has(struct toks *tk, size_t i)
{
	if (i < tk->base)
		return 0;
	while (i - tk->base >= tk->len) {
		if (tk->pos >= tk->n || tk->oom)
			return 0;
		if (tokenize_step(tk) < 0) {
			tk->oom = 1;
			return 0;
		}
	}
	return 1;
}

static int digit_value(ucs4_t c)
{
	static const ucs4_t zeros[] = {
		0x0660, /* Arabic-Indic */
		0x06F0, /* Extended Arabic-Indic (Persian, Urdu) */
		0x0966, /* Devanagari */
		0x09E6, /* Bengali */
		0x0E50, /* Thai */
		0x0ED0, /* Lao */
		0x1040, /* Myanmar */
		0x17E0, /* Khmer */
		0xFF10, /* full-width */
	};
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c < 0x0660)
		return -1;
	for (size_t k = 0; k < COUNT(zeros); k++)
		if (c >= zeros[k] && c <= zeros[k] + 9)
			return (int)(c - zeros[k]);
	return -1;
}

/* The first byte at or after i where a digit of any system starts, or n.
 * Only the lead bytes of the digit blocks above are decoded. */
static size_t find_digit(const char *text, size_t n, size_t i)
{
	/* 1 for an ASCII digit, 2 for a lead byte to decode */
	static const uint8_t kind[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		[0xD9] = 2, [0xDB] = 2, [0xE0] = 2, [0xE1] = 2, [0xEF] = 2,
	};
	const uint8_t *s = (const uint8_t *)text;
	for (; i < n; i++) {
		uint8_t b = s[i];
		if (!kind[b])
			continue;
		if (kind[b] == 1)
			return i;
		ucs4_t c;
		if (u8_mbtouc(&c, s + i, n - i) > 1 && digit_value(c) >= 0)
			return i;
	}
	return n;
}

static int is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return uc_is_alpha(c) || uc_is_general_category(c, UC_CATEGORY_M);
}

/* Characters of scripts written without spaces between words, each a word
 * of its own: Han, kana, Hangul. */
static int is_cjk(ucs4_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
	       (c >= 0x3130 && c <= 0x318F) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

static int is_thai(ucs4_t c)
{
	return c >= 0x0E01 && c <= 0x0E4F;
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
	t->type = T_OTHER;
	t->value = 0;
	t->ndigits = 0;
	t->cp = 0;
	t->word[0] = '\0';
	t->wlen = 0;
	t->lex = t->pre = t->prefix = NULL;
	t->pre_fold = t->pre_at = 0;
	t->nospace = t->thai = 0;
	return t;
}

/* Looks a word token up: the word, and the word without one or two glued
 * prefix letters ("במרץ", "ובמרץ", "وأكتوبر"). */
static void classify_word(struct tok *t, size_t at2, size_t at3)
{
	t->lex = lex_find(t->word, t->wlen);
	if (!t->wlen || t->thai || t->nospace)
		return;
	int k1 = u8_mblen((const uint8_t *)t->word, t->wlen);
	if (k1 <= 0 || (size_t)k1 >= t->wlen)
		return;
	const struct lex *p1 = lex_find(t->word, (size_t)k1);
	if (!has_role(p1, R_PREFIX))
		return;
	t->prefix = p1;
	t->pre = lex_find(t->word + k1, t->wlen - (size_t)k1);
	t->pre_fold = (size_t)k1;
	t->pre_at = at2;
	if (t->pre || (p1->roles & R_PREFIX_CUT))
		return;
	int k2 = u8_mblen((const uint8_t *)t->word + k1, t->wlen - (size_t)k1);
	if (k2 <= 0 || (size_t)(k1 + k2) >= t->wlen ||
	    !has_role(lex_find(t->word + k1, (size_t)k2), R_PREFIX))
		return;
	t->pre = lex_find(t->word + k1 + k2, t->wlen - (size_t)(k1 + k2));
	t->pre_fold = (size_t)(k1 + k2);
	t->pre_at = at3;
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
		size_t len = 0, letters = 0, at2 = i, at3 = i;
		int overflow = 0, dotted = 0;
		if (!(t = push_tok(tk)))
			return -1;
		t->type = T_WORD;
		t->start = i;
		if (is_cjk(c)) {
			t->nospace = 1;
			fold_append(c, t->word, &len, &overflow, 0);
			i += l;
		} else {
			t->thai = is_thai(c);
			t->nospace = t->thai;
			while (i < n) {
				unsigned char b = (unsigned char)text[i];
				if (b < 0x80 && !t->thai) {
					/* ASCII: a letter, lowered by hand, or the end */
					if ((b | 0x20) < 'a' || (b | 0x20) > 'z')
						break;
					if (++letters == 2)
						at2 = i;
					else if (letters == 3)
						at3 = i;
					if (len + 1 < WORD_MAX)
						t->word[len++] = (char)(b | 0x20);
					else
						overflow = 1;
					i++;
					continue;
				}
				c = peek(text, n, i, &l);
				if (c == '.' && t->thai) {
					/* Thai abbreviations: "ม.ค.", "พ.ศ." */
					size_t l2;
					ucs4_t d = i + l < n ? peek(text, n, i + l, &l2) : 0;
					if (!is_thai(d) && !dotted)
						break;
					dotted = 1;
					fold_append(c, t->word, &len, &overflow, 0);
					i += l;
					if (!is_thai(d))
						break;
					continue;
				}
				if ((!is_word_char(c) && !is_format(c)) || is_cjk(c) ||
				    (t->thai && !is_thai(c) && !is_format(c)))
					break;
				if (!is_format(c) && !uc_is_general_category(c, UC_CATEGORY_M)) {
					letters++;
					if (letters == 2)
						at2 = i;
					else if (letters == 3)
						at3 = i;
				}
				fold_append(c, t->word, &len, &overflow, 0);
				i += l;
			}
		}
		t->end = i;
		t->wlen = overflow ? 0 : len;
		t->word[t->wlen] = '\0';
		classify_word(t, at2, at3);
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

/* Where to start tokenizing for a number at byte d when nothing after byte
 * `from` is tokenized yet: BACK_WORDS words back, not before the line, nor
 * more than BACK_BYTES back. */
static size_t back_start(const char *text, size_t from, size_t d)
{
	size_t s = d, gaps = 0;
	int space = 0;

	while (s > from) {
		char c = text[s - 1];
		if (c == '\n' || c == '\r')
			return s;
		if (c == ' ' || c == '\t') {
			if (!space && ++gaps > BACK_WORDS)
				return s;
			space = 1;
		} else {
			space = 0;
		}
		if (d - s >= BACK_BYTES) {
			/* Cut inside a word, at a character: the piece is
			 * either too long to be a word of the tables or
			 * followed by other words before the number, too far
			 * to start a mention; a Thai run keeps the month name
			 * at its end. */
			while (s < d && ((unsigned char)text[s] & 0xC0) == 0x80)
				s++;
			return s;
		}
		s--;
	}
	return s;
}

/* The index of the first number token at or after `cur`, tokenizing from
 * near the next digit when it is far from what is tokenized. Returns 0 at
 * the end of the text (or when memory ran out: tk->oom). */
static int next_number(struct toks *tk, size_t cur, size_t *num)
{
	size_t i = cur > tk->base ? cur : tk->base;

	for (; i < tk->base + tk->len; i++)
		if (TK(tk, i).type == T_NUM) {
			*num = i;
			return 1;
		}
	size_t d = find_digit(tk->text, tk->n, tk->pos);
	if (d >= tk->n)
		return 0;
	size_t s = back_start(tk->text, tk->pos, d);
	if (s > tk->pos) { /* what lies between is too far back to matter */
		tk->base += tk->len;
		tk->len = 0;
		tk->pos = s;
		i = tk->base;
	}
	for (; has(tk, i); i++)
		if (TK(tk, i).type == T_NUM) {
			*num = i;
			return 1;
		}
	return 0;
}

/* ---- token predicates ----------------------------------------------------- */

static int adjacent(struct toks *tk, size_t a, size_t b)
{
	return has(tk, a) && has(tk, b) && TK(tk, a).end == TK(tk, b).start;
}

static int is_punct(struct toks *tk, size_t i, ucs4_t c)
{
	return has(tk, i) && TK(tk, i).type == T_PUNCT && TK(tk, i).cp == c;
}

static int is_dash(struct toks *tk, size_t i)
{
	return has(tk, i) && TK(tk, i).type == T_PUNCT && is_dash_cp(TK(tk, i).cp);
}

/* The lexicon entry of word token i, or NULL. */
static const struct lex *lex_at(struct toks *tk, size_t i)
{
	return has(tk, i) && TK(tk, i).type == T_WORD ? TK(tk, i).lex : NULL;
}

static int role_at(struct toks *tk, size_t i, unsigned roles)
{
	return has_role(lex_at(tk, i), roles);
}

static int is_num(struct toks *tk, size_t i)
{
	return has(tk, i) && TK(tk, i).type == T_NUM;
}

/* ---- month names ---------------------------------------------------------- */

enum { AT_START, AT_AFTER_DAY, AT_PAIRED }; /* where a month name is read */

struct month_hit {
	int m, flags;
	uint32_t langs;
	size_t start, end;  /* bytes of the name */
	size_t next;        /* the token after it */
	int open;           /* the name ends where its token ends: a year may follow */
};

/* A two-word name at tokens i, i + 1 whose first word, folded, is
 * w[0..wn). */
static const struct lex *pair_at(struct toks *tk, size_t i, const char *w, size_t wn)
{
	char key[2 * WORD_MAX];
	if (!has(tk, i + 1) || TK(tk, i + 1).type != T_WORD || !TK(tk, i + 1).wlen)
		return NULL;
	size_t n2 = TK(tk, i + 1).wlen;
	if (wn + 1 + n2 >= WORD_MAX)
		return NULL;
	memcpy(key, w, wn);
	key[wn] = ' ';
	memcpy(key + wn + 1, TK(tk, i + 1).word, n2);
	const struct lex *e = lex_find(key, wn + 1 + n2);
	return has_role(e, R_MONTH) ? e : NULL;
}

static void hit_from(struct month_hit *h, const struct lex *e)
{
	h->m = e->month;
	h->flags = e->mflags;
	h->langs = e->langs;
}

/* A Thai month name inside the Thai run at token i: at its start after a
 * day ("10 มีนาคมที่ผ่านมา"), at its end before a year ("ในเดือนมีนาคม
 * 2567"). Thai folds to itself, so the text is compared as it is. */
static int thai_month(struct toks *tk, size_t i, int where, struct month_hit *h)
{
	const char *s = tk->text + TK(tk, i).start;
	size_t n = TK(tk, i).end - TK(tk, i).start, best = 0;
	const struct lex *be = NULL;

	for (size_t k = 0; k < lexicon.nthai; k++) {
		const struct lex *e = lexicon.thai[k];
		if (e->len > n || e->len <= best)
			continue;
		const char *at = where == AT_START ? s + n - e->len : s;
		if (memcmp(at, e->word, e->len) == 0) {
			best = e->len;
			be = e;
		}
	}
	if (!be)
		return 0;
	hit_from(h, be);
	h->start = where == AT_START ? TK(tk, i).end - best : TK(tk, i).start;
	h->end = h->start + best;
	h->next = i + 1;
	h->open = h->end == TK(tk, i).end;
	return 1;
}

/* One month name at token i (see AT_*). */
static int single_month(struct toks *tk, size_t i, int where, struct month_hit *h)
{
	const struct lex *e, *p;

	if (!has(tk, i) || TK(tk, i).type != T_WORD)
		return 0;
	e = TK(tk, i).lex;
	h->open = 1;
	if (has_role(e, R_PAIRHEAD)) {
		size_t wl = TK(tk, i).wlen;
		char w[WORD_MAX];
		memcpy(w, TK(tk, i).word, wl);
		const struct lex *pe = pair_at(tk, i, w, wl);
		if (pe) {
			hit_from(h, pe);
			h->start = TK(tk, i).start;
			h->end = TK(tk, i + 1).end;
			h->next = i + 2;
			return 1;
		}
	}
	if (has_role(e, R_MONTH)) {
		hit_from(h, e);
		h->start = TK(tk, i).start;
		h->end = TK(tk, i).end;
		h->next = i + 1;
		return 1;
	}
	p = TK(tk, i).pre;
	if (p && TK(tk, i).prefix) {
		const struct lex *pf = TK(tk, i).prefix;
		int cut = (pf->roles & R_PREFIX_CUT) != 0;
		size_t at = cut ? TK(tk, i).pre_at : TK(tk, i).start;
		if (cut && where != AT_START)
			return 0;
		if (has_role(p, R_PAIRHEAD)) {
			char w[WORD_MAX];
			size_t wl = TK(tk, i).wlen - TK(tk, i).pre_fold;
			memcpy(w, TK(tk, i).word + TK(tk, i).pre_fold, wl);
			const struct lex *pe = pair_at(tk, i, w, wl);
			if (pe && (pe->langs & pf->prefix_langs)) {
				hit_from(h, pe);
				h->start = at;
				h->end = TK(tk, i + 1).end;
				h->next = i + 2;
				return 1;
			}
		}
		if (has_role(p, R_MONTH) && (p->langs & pf->prefix_langs)) {
			hit_from(h, p);
			h->start = at;
			h->end = TK(tk, i).end;
			h->next = i + 1;
			return 1;
		}
	}
	if (TK(tk, i).thai && where != AT_PAIRED)
		return thai_month(tk, i, where, h);
	return 0;
}

struct month_match {
	int m, en, open;
	uint32_t langs;
	size_t start;        /* byte where the name starts (after a cut prefix) */
	size_t next, end;    /* token after the name, byte end of the name */
	size_t dnext, dend;  /* the same past an abbreviation's dot ("Oct.") */
};

/* A month at token i, with its paired name ("أكتوبر/تشرين الأول",
 * "أكتوبر (تشرين الأول)") when the pair names the same month. */
static int month_at(struct toks *tk, size_t i, int where, struct month_match *mm)
{
	struct month_hit h, h2;

	if (!single_month(tk, i, where, &h))
		return 0;
	mm->m = h.m;
	mm->start = h.start;
	mm->en = (h.flags & MF_MONTH_DAY) != 0;
	mm->langs = h.langs;
	mm->open = h.open;
	mm->next = h.next;
	mm->end = h.end;
	if (h.open && is_punct(tk, h.next, '/') && single_month(tk, h.next + 1, AT_PAIRED, &h2) &&
	    h2.m == h.m) {
		mm->next = h2.next;
		mm->end = h2.end;
		mm->langs |= h2.langs;
	} else if (h.open && is_punct(tk, h.next, '(') &&
	           single_month(tk, h.next + 1, AT_PAIRED, &h2) && h2.m == h.m &&
	           is_punct(tk, h2.next, ')')) {
		mm->next = h2.next + 1;
		mm->end = TK(tk, h2.next).end;
		mm->langs |= h2.langs;
	}
	mm->dnext = mm->next;
	mm->dend = mm->end;
	if ((h.flags & MF_ABBR) && mm->next == h.next && is_punct(tk, h.next, '.') &&
	    adjacent(tk, h.next - 1, h.next)) {
		mm->dnext = h.next + 1;
		mm->dend = TK(tk, h.next).end;
	}
	return 1;
}

/* ---- numbers -------------------------------------------------------------- */

/* A number glued to the word before it ("A320", "post1072119") is no date,
 * unless that word is of a script written without spaces ("于2024年"). */
static int glued_left(struct toks *tk, size_t i)
{
	return i > 0 && has(tk, i - 1) && TK(tk, i - 1).type == T_WORD && adjacent(tk, i - 1, i) &&
	       !TK(tk, i - 1).nospace;
}

/* The calendar year of a year written `raw` beside month names of `langs`:
 * a year of 2400 or more beside Thai names is of the Buddhist era. */
static int calendar_year(int raw, uint32_t langs)
{
	return (langs & lexicon.buddhist) && raw >= 2400 ? raw - 543 : raw;
}

/* A year at token i: four digits, after an optional link ("de 2024") or
 * era word ("พ.ศ. 2567"), followed by an optional year word ("2025م",
 * "2024 года"); `langs` are those of the month it follows. */
static int year_at(struct toks *tk, size_t i, uint32_t langs, int *y, size_t *next, size_t *end)
{
	int era = 0, has_era = 0;

	if (role_at(tk, i, R_LINK) && is_num(tk, i + 1))
		i++;
	if (role_at(tk, i, R_ERA) && is_num(tk, i + 1)) {
		era = lex_at(tk, i)->era_offset;
		has_era = 1;
		i++;
	}
	if (!is_num(tk, i) || TK(tk, i).ndigits != 4 || TK(tk, i).value < 1000 ||
	    (glued_left(tk, i) && !has_era))
		return 0;
	int raw = (int)TK(tk, i).value;
	*y = has_era ? raw + era : calendar_year(raw, langs);
	*next = i + 1;
	*end = TK(tk, i).end;
	if (has(tk, i + 1) && TK(tk, i + 1).type == T_WORD) {
		int yw = role_at(tk, i + 1, R_YEARWORD);
		if (adjacent(tk, i, i + 1) && !yw)
			return 0;
		if (yw) {
			*next = i + 2;
			*end = TK(tk, i + 1).end;
		}
	}
	return *y >= 1 && *y <= 9999;
}

static int ordinal_suffix_ok(const char *w, int d)
{
	if (strcmp(w, "er") == 0)
		return d == 1;
	if (strcmp(w, "o") == 0)   /* "1º de março", "1º marzo" */
		return 1;
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
 * ("1er", "25th"); a proclitic may be glued before it ("و26"). */
static int day_at(struct toks *tk, size_t i, int *d, size_t *next, size_t *end)
{
	if (!is_num(tk, i) || TK(tk, i).value < 0 || TK(tk, i).ndigits > 2)
		return 0;
	if (glued_left(tk, i) && !role_at(tk, i - 1, R_PROCLITIC))
		return 0;
	*d = (int)TK(tk, i).value;
	*next = i + 1;
	*end = TK(tk, i).end;
	/* "1.º de mayo", "1° de mayo" (a degree sign typed for the
	 * ordinal indicator) */
	size_t o = is_punct(tk, i + 1, '.') && adjacent(tk, i, i + 1) ? i + 2 : i + 1;
	if (o == i + 2 && has(tk, o) && TK(tk, o).type == T_WORD && adjacent(tk, i + 1, o) &&
	    !TK(tk, o).nospace && !strcmp(TK(tk, o).word, "o")) {
		*next = o + 1;
		*end = TK(tk, o).end;
	} else if (has(tk, i + 1) && TK(tk, i + 1).type == T_OTHER && TK(tk, i + 1).cp == 0xB0 &&
	           adjacent(tk, i, i + 1)) {
		*next = i + 2;
		*end = TK(tk, i + 1).end;
	} else if (has(tk, i + 1) && TK(tk, i + 1).type == T_WORD && adjacent(tk, i, i + 1)) {
		if (TK(tk, i + 1).nospace || !ordinal_suffix_ok(TK(tk, i + 1).word, *d))
			return 0;
		*next = i + 2;
		*end = TK(tk, i + 1).end;
	}
	return 1;
}

/* A month after a day at token i: after a German dot ("10. März") or a
 * link ("25th of October", "10 de março"). */
static int month_after_day(struct toks *tk, size_t i, struct month_match *mm)
{
	if (is_punct(tk, i, '.') && adjacent(tk, i - 1, i))
		i++;
	if (month_at(tk, i, AT_AFTER_DAY, mm))
		return 1;
	return role_at(tk, i, R_LINK) && month_at(tk, i + 1, AT_AFTER_DAY, mm);
}

/* The year after a month, when one follows it. */
static int year_after(struct toks *tk, const struct month_match *mm, int *y, size_t *next,
                      size_t *end)
{
	return mm->open && year_at(tk, mm->dnext, mm->langs, y, next, end);
}

/* ---- ranges --------------------------------------------------------------- */

/* A range connector at token i: its bit, whether it may join two months,
 * and the token where the second day should start. */
static uint64_t connector_at(struct toks *tk, size_t i, int *cross, size_t *after)
{
	uint64_t bit = 0;

	if (is_dash(tk, i)) {
		bit = CONN_DASH;
		*cross = 1;
	} else if (role_at(tk, i, R_CONN)) {
		const struct lex *e = lex_at(tk, i);
		bit = e->conn_bit;
		*cross = (e->roles & R_CROSS) != 0;
	}
	if (!bit)
		return 0;
	*after = i + 1;
	if (role_at(tk, i + 1, R_ARTICLE) && is_num(tk, i + 2))
		*after = i + 2;
	return bit;
}

/* Byte where a range starting with the day at token i begins: at its
 * opening word when one pairs with connector `conn`. */
static size_t range_start(struct toks *tk, size_t i, uint64_t conn)
{
	size_t k = i;

	if (k > 0 && role_at(tk, k - 1, R_ARTICLE))
		k--;
	if (k > 0 && role_at(tk, k - 1, R_OPENER) && (lex_at(tk, k - 1)->closers & conn))
		return TK(tk, k - 1).start;
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
static int cross_month(struct toks *tk, size_t i, const struct date_ymd *p1, size_t k,
                       struct found *f, size_t *resume)
{
	int cross = 0, d2, y2 = 0;
	size_t k2 = 0, j2, e2, yk, ye;
	struct month_match m2;
	uint64_t conn = connector_at(tk, k, &cross, &k2);

	if (!conn || !cross)
		return 0;
	if (!day_at(tk, k2, &d2, &j2, &e2) || !month_after_day(tk, j2, &m2))
		return 0;
	size_t next = m2.next, end = m2.end;
	if (year_after(tk, &m2, &y2, &yk, &ye)) {
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
 * janvier", "10. März 2024", "10 de março de 2024", "25-26 Oktober 2025",
 * "du 25 au 26 octobre", "من 25 إلى 26 أكتوبر", "30 octobre au 2 novembre".
 * Returns 1 with *f, 0 when nothing starts here, -1 when an impossible date
 * ("31 février 2025") must be skipped up to *resume. */
static int parse_day_first(struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	int d1, y1 = 0, cross = 0;
	size_t j, e1, yk, ye, k2 = 0;
	struct month_match m1;
	uint64_t conn;

	if (!day_at(tk, i, &d1, &j, &e1))
		return 0;
	if (month_after_day(tk, j, &m1)) {
		size_t next = m1.next, end = m1.end;
		if (year_after(tk, &m1, &y1, &yk, &ye)) {
			next = yk;
			end = ye;
		}
		struct date_ymd p1 = { y1, m1.m, d1 };
		if (d1 < 1 || !dates_valid(&p1)) {
			*resume = next;
			return -1;
		}
		if (m1.open && cross_month(tk, i, &p1, next, f, resume))
			return 1;
		f->from = f->to = p1;
		f->start = TK(tk, i).start;
		f->end = end;
		f->wrap = 0;
		*resume = next;
		return 1;
	}
	if (is_punct(tk, j, '.') && adjacent(tk, j - 1, j))
		j++; /* "vom 10. bis 12. März" */
	conn = connector_at(tk, j, &cross, &k2);
	if (conn) {
		int d2, y2 = 0;
		size_t j2, e2;
		struct month_match m2;
		if (!day_at(tk, k2, &d2, &j2, &e2) || !month_after_day(tk, j2, &m2))
			return 0;
		size_t next = m2.next, end = m2.end;
		if (year_after(tk, &m2, &y2, &yk, &ye)) {
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
 * "ديسمبر/كانون الأول 2024", "marzo de 2024", "มีนาคม 2567" (any
 * language), and where the language writes so (English) "October 25,
 * 2025", "Oct. 25-26", "October 30 – November 2, 2025". */
static int parse_month_first(struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	struct month_match m1, m2;
	int y = 0, d1, d2, cross = 0;
	size_t yk, ye, j, e1, k2 = 0, j2, e2;

	if (!month_at(tk, i, AT_START, &m1))
		return 0;
	if (year_after(tk, &m1, &y, &yk, &ye)) {
		f->from.y = f->to.y = y;
		f->from.m = f->to.m = m1.m;
		f->from.d = f->to.d = 0;
		f->start = m1.start;
		f->end = ye;
		f->wrap = 0;
		*resume = yk;
		return 1;
	}
	if (!m1.en || !m1.open || !day_at(tk, m1.dnext, &d1, &j, &e1))
		return 0;

	struct date_ymd a = { 0, m1.m, d1 }, b = a;
	size_t next = j, end = e1;
	uint64_t conn = connector_at(tk, j, &cross, &k2);
	int ranged = 0;
	if (conn && day_at(tk, k2, &d2, &j2, &e2) && !month_at(tk, j2, AT_AFTER_DAY, &m2)) {
		b.d = d2;
		next = j2;
		end = e2;
		ranged = 1;
	} else if (conn && cross && month_at(tk, k2, AT_START, &m2) && m2.en &&
	           day_at(tk, m2.dnext, &d2, &j2, &e2)) {
		b.m = m2.m;
		b.d = d2;
		next = j2;
		end = e2;
		ranged = 1;
	}
	size_t yi = is_punct(tk, next, ',') ? next + 1 : next;
	if (year_at(tk, yi, m1.langs, &y, &yk, &ye)) {
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

/* ---- numeric dates with unit words ---------------------------------------- */

/* The era written just before byte `at` ("令和6年"), skipping spaces;
 * returns its offset and sets *start, or returns -1. */
static int short_era_before(const char *text, size_t at, size_t *start)
{
	while (at > 0 && text[at - 1] == ' ')
		at--;
	for (size_t k = 0; k < COUNT(date_eras); k++) {
		size_t n = strlen(date_eras[k].word);
		if (!date_eras[k].short_years || n > at ||
		    memcmp(text + at - n, date_eras[k].word, n) != 0)
			continue;
		*start = at - n;
		return date_eras[k].offset;
	}
	return -1;
}

/* Units written before their numbers ("tháng 3 năm 2024"), from token *k,
 * each a larger unit than the one before it (below `last`): their values
 * and digit counts into v and nd, their bits into *have; *k past them. */
static void take_units_before(struct toks *tk, size_t *k, int last, int v[4], int nd[4],
                              int *have, int *count, size_t *end)
{
	while (role_at(tk, *k, R_UNIT_BEFORE) && lex_at(tk, *k)->unit < last &&
	       is_num(tk, *k + 1) && TK(tk, *k + 1).value >= 0) {
		int u = lex_at(tk, *k)->unit;
		v[u] = (int)TK(tk, *k + 1).value;
		nd[u] = TK(tk, *k + 1).ndigits;
		*have |= 1 << u;
		(*count)++;
		last = u;
		*end = TK(tk, *k + 1).end;
		*k += 2;
	}
}

/* A number at token j followed by the unit word `unit` ("26日"): its value
 * (1 to 99), else 0. */
static int unit_number(struct toks *tk, size_t j, int unit)
{
	if (!is_num(tk, j) || TK(tk, j).value < 1 || TK(tk, j).ndigits > 2 ||
	    !role_at(tk, j + 1, R_UNIT_AFTER) || lex_at(tk, j + 1)->unit != unit ||
	    !adjacent(tk, j, j + 1))
		return 0;
	return (int)TK(tk, j).value;
}

/* Whether tokens k and k + 1 are the characters `first` and `second` (of
 * a CJK word of two, each a token), side by side. */
static int cjk_pair(struct toks *tk, size_t k, const char *first, const char *second)
{
	/* the text as written: folding takes the dakuten off で */
	return has(tk, k + 1) && TK(tk, k).type == T_WORD && TK(tk, k + 1).type == T_WORD &&
	       TK(tk, k).end - TK(tk, k).start == strlen(first) &&
	       !memcmp(tk->text + TK(tk, k).start, first, strlen(first)) &&
	       TK(tk, k + 1).end - TK(tk, k + 1).start == strlen(second) &&
	       !memcmp(tk->text + TK(tk, k + 1).start, second, strlen(second)) &&
	       adjacent(tk, k, k + 1);
}

/* The connector of a range of unit dates at token k: a dash, a tilde
 * ("～", "〜", "~"), 至 or 到 (one token), or から (two). Returns how many
 * tokens it takes, 0 when there is none. */
static int units_connector(struct toks *tk, size_t k)
{
	if (!has(tk, k))
		return 0;
	const struct tok *t = &TK(tk, k);
	if (is_dash(tk, k))
		return 1;
	if (t->type == T_OTHER)
		return t->cp == '~' || t->cp == 0xFF5E || t->cp == 0x301C;
	if (t->type == T_WORD && (!strcmp(t->word, "至") || !strcmp(t->word, "到")))
		return 1;
	return cjk_pair(tk, k, "か", "ら") ? 2 : 0;
}

/* The end of a range after a unit date that ends before token k: a
 * connector, then a day ("至26日") or a month and a day ("至11月2日"), and
 * まで after から ("から26日まで").
 * Returns 1 with *m (0: the same month), *d, *next and *end. */
static int units_range_end(struct toks *tk, size_t k, int *m, int *d, size_t *next, size_t *end)
{
	int conn = units_connector(tk, k);
	if (!conn)
		return 0;
	size_t j = k + (size_t)conn;
	*m = 0;
	if (unit_number(tk, j, U_MONTH) && TK(tk, j).ndigits <= 2) {
		*m = unit_number(tk, j, U_MONTH);
		j += 2;
	}
	if (!(*d = unit_number(tk, j, U_DAY)))
		return 0;
	*next = j + 2;
	*end = TK(tk, j + 1).end;
	if (cjk_pair(tk, j + 2, "ま", "で") && adjacent(tk, j + 1, j + 2)) { /* から…まで */
		*next = j + 4;
		*end = TK(tk, j + 3).end;
	}
	return 1;
}

/* A date of numbers and unit words: "2024年3月10日", "3月10日",
 * "2024년 3월 10일", "令和6年3月10日" (units after; from the number at token
 * i) or "ngày 10 tháng 3 năm 2024", "10 tháng 3 năm 2024", "tháng 3 năm
 * 2024" (units before; from the unit word at token i, or the bare day at
 * i). It needs a month and a day or a year. Returns as parse_day_first. */
static int parse_units(struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	int v[4] = { 0, 0, 0, 0 }, nd[4] = { 0, 0, 0, 0 }, have = 0, count = 0;
	int before = role_at(tk, i, R_UNIT_BEFORE), era = -1;
	int range_m = 0, range_d = 0;   /* the last day of a range, when one */
	size_t range_next = 0, range_end = 0;
	size_t k = i, start, end = 0;

	if (!has(tk, i))
		return 0;
	start = TK(tk, i).start;
	if (before) {
		take_units_before(tk, &k, 4, v, nd, &have, &count, &end);
	} else if (is_num(tk, i) && role_at(tk, i + 1, R_UNIT_BEFORE)) {
		/* "10 tháng 3": a bare day before the month's unit */
		if (TK(tk, i).value < 0 || TK(tk, i).ndigits > 2 || glued_left(tk, i) ||
		    lex_at(tk, i + 1)->unit != U_MONTH)
			return 0;
		v[U_DAY] = (int)TK(tk, i).value;
		have = 1 << U_DAY;
		count = 1;
		end = TK(tk, i).end;
		k = i + 1;
		take_units_before(tk, &k, U_DAY, v, nd, &have, &count, &end);
	} else {
		int last = 0;
		if (glued_left(tk, i))
			return 0;
		while (is_num(tk, k) && TK(tk, k).value >= 0 && role_at(tk, k + 1, R_UNIT_AFTER) &&
		       lex_at(tk, k + 1)->unit > last && adjacent(tk, k, k + 1)) {
			int u = lex_at(tk, k + 1)->unit;
			v[u] = (int)TK(tk, k).value;
			nd[u] = TK(tk, k).ndigits;
			have |= 1 << u;
			count++;
			last = u;
			end = TK(tk, k + 1).end;
			k += 2;
		}
		if (have & (1 << U_YEAR)) {
			size_t es;
			era = short_era_before(tk->text, start, &es);
			if (era >= 0)
				start = es;
		}
		/* "10月25-26日": the days of a range before their unit */
		int to_d;
		if (last == U_MONTH && is_num(tk, k) && TK(tk, k).value >= 1 &&
		    TK(tk, k).ndigits <= 2 && units_connector(tk, k + 1) == 1 &&
		    (to_d = unit_number(tk, k + 2, U_DAY))) {
			v[U_DAY] = (int)TK(tk, k).value;
			nd[U_DAY] = TK(tk, k).ndigits;
			have |= 1 << U_DAY;
			count++;
			range_m = 0;
			range_d = to_d;
			end = TK(tk, k + 3).end;
			k += 4;
		} else if ((have & (1 << U_DAY)) &&
		           units_range_end(tk, k, &range_m, &range_d, &range_next, &range_end)) {
			/* "10月25日至26日", "10月25日～11月2日" */
			end = range_end;
			k = range_next;
		} else {
			range_d = 0;
		}
	}
	if (!(have & (1 << U_MONTH)) || count < 2)
		return 0;
	struct date_ymd d = { 0, v[U_MONTH], (have & (1 << U_DAY)) ? v[U_DAY] : 0 };
	if (have & (1 << U_YEAR)) {
		if (era >= 0 && nd[U_YEAR] <= 2 && v[U_YEAR] >= 1)
			d.y = era + v[U_YEAR];
		else if (nd[U_YEAR] == 4 && v[U_YEAR] >= 1000)
			d.y = v[U_YEAR];
		else
			return 0;
	}
	*resume = k;
	if (nd[U_MONTH] > 2 || d.m < 1 || ((have & (1 << U_DAY)) && d.d < 1) || !dates_valid(&d))
		return -1;
	f->from = f->to = d;
	f->start = start;
	f->end = end;
	f->wrap = 0;
	if (range_d) {
		/* "12月30日至1月2日" crosses a new year */
		int wrap = range_m && range_m < d.m;
		struct date_ymd to = { d.y ? d.y + wrap : 0, range_m ? range_m : d.m, range_d };
		struct date_ymd check = { to.y ? to.y : 2000, to.m, to.d }; /* 2000: a leap year */
		if (!dates_valid(&check) || (!wrap && to.m == d.m && to.d <= d.d))
			return -1; /* "10月25日至24日": not read */
		f->to = to;
		f->wrap = wrap && !d.y;
	}
	return 1;
}

/* The digits of the text's bytes [from, to) as numbers split by one
 * separator, into v[0..3) with their digit counts in nd: 1 when there are
 * exactly three and nothing else. */
static int three_numbers(const char *text, size_t from, size_t to, ucs4_t sep, long v[3],
                         int nd[3])
{
	size_t k = 0, l;
	v[0] = v[1] = v[2] = 0;
	nd[0] = nd[1] = nd[2] = 0;
	for (size_t i = from; i < to; i += l) {
		ucs4_t c = peek(text, to, i, &l);
		int d = digit_value(c);
		if (d >= 0 && nd[k] < 4) {
			v[k] = v[k] * 10 + d;
			nd[k]++;
		} else if (c == sep && nd[k] && k < 2) {
			k++;
		} else {
			return 0;
		}
	}
	return k == 2 && nd[2] > 0;
}

/* A date written in numbers, at the number at token i: "2025-10-25" and
 * "2025/10/25" (year first), "25.10.2025" (day first), "25/10/2025" and
 * "25-10-2025" (day or month first: read when one of the two is above 12,
 * or both are the same, else in the text's order, tk->order: "10/3/2024"
 * is not read when that is unknown, unless the text's other dates in
 * numbers show it). Years of four digits, 1900 to 2100
 * (not a Hijri or Buddhist year). Not within a longer run of numbers,
 * words or slashes (a path, a version, a URL: "/2025/10/25/"). Returns 1
 * with *f, else 0. */
static int parse_numeric(struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	long v[3];
	int nd[3];
	size_t last = i;
	ucs4_t sep;
	enum dates_order certain = DATES_ORDER_UNKNOWN;
	if (i > 0 && has(tk, i - 1) && adjacent(tk, i - 1, i) && TK(tk, i - 1).type != T_OTHER &&
	    !is_punct(tk, i - 1, '(') && !is_punct(tk, i - 1, ','))
		return 0;
	if (TK(tk, i).value < 0) { /* one token: "25.10.2025" */
		sep = '.';
		if (!three_numbers(tk->text, TK(tk, i).start, TK(tk, i).end, sep, v, nd) ||
		    nd[0] > 2 || nd[1] > 2 || nd[2] != 4)
			return 0;
		long d = v[0];
		v[0] = v[2];
		v[2] = d;
	} else {
		if (!has(tk, i + 4) || TK(tk, i + 1).type != T_PUNCT ||
		    (TK(tk, i + 1).cp != '/' && TK(tk, i + 1).cp != '-') ||
		    !is_punct(tk, i + 3, TK(tk, i + 1).cp) || !is_num(tk, i + 2) || !is_num(tk, i + 4) ||
		    !adjacent(tk, i, i + 1) || !adjacent(tk, i + 1, i + 2) || !adjacent(tk, i + 2, i + 3) ||
		    !adjacent(tk, i + 3, i + 4) || TK(tk, i + 2).value < 0 || TK(tk, i + 4).value < 0)
			return 0;
		sep = TK(tk, i + 1).cp;
		long a = TK(tk, i).value, b = TK(tk, i + 2).value, c = TK(tk, i + 4).value;
		int na = TK(tk, i).ndigits, nb = TK(tk, i + 2).ndigits, nc = TK(tk, i + 4).ndigits;
		last = i + 4;
		if (na == 4 && nb <= 2 && nc <= 2) {
			v[0] = a, v[1] = b, v[2] = c;
		} else if (na <= 2 && nb <= 2 && nc == 4) {
			if (a > 12 && b <= 12)
				v[0] = c, v[1] = b, v[2] = a, certain = DATES_ORDER_DMY;
			else if (b > 12 && a <= 12)
				v[0] = c, v[1] = a, v[2] = b, certain = DATES_ORDER_MDY;
			else if (a == b || tk->order == DATES_ORDER_DMY)
				v[0] = c, v[1] = b, v[2] = a;
			else if (tk->order == DATES_ORDER_MDY)
				v[0] = c, v[1] = a, v[2] = b;
			else if (a >= 1 && b >= 1 && c >= 1900 && c <= 2100) {
				tk->ambiguous++;
				return 0;
			} else
				return 0;
		} else {
			return 0;
		}
	}
	/* what follows: not a word glued on, a slash, or the separator and
	 * more numbers (a full stop ends a sentence) */
	if (has(tk, last + 1) && adjacent(tk, last, last + 1) &&
	    (TK(tk, last + 1).type == T_NUM || TK(tk, last + 1).type == T_WORD ||
	     is_punct(tk, last + 1, '/') ||
	     (is_punct(tk, last + 1, sep) && is_num(tk, last + 2) && adjacent(tk, last + 1, last + 2))))
		return 0;
	struct date_ymd d = {(int)v[0], (int)v[1], (int)v[2]};
	/* Gregorian years of news: not a Hijri or Solar Hijri year (1446/04/20,
	 * ۱۴۰۳/۰۱/۱۵), nor a Buddhist one (25/10/2567) */
	if (d.y < 1900 || d.y > 2100 || d.m < 1 || d.d < 1 || !dates_valid(&d))
		return 0;
	tk->seen_dmy |= certain == DATES_ORDER_DMY;
	tk->seen_mdy |= certain == DATES_ORDER_MDY;
	f->from = f->to = d;
	f->start = TK(tk, i).start;
	f->end = TK(tk, last).end;
	f->wrap = 0;
	*resume = last + 1;
	return 1;
}

/* Every form that may start at token i. */
static int parse_at(struct toks *tk, size_t i, struct found *f, size_t *resume)
{
	int r;
	if (!has(tk, i))
		return 0;
	if (TK(tk, i).type == T_NUM && (r = parse_numeric(tk, i, f, resume)) != 0)
		return r;
	if (TK(tk, i).type == T_NUM) {
		if ((role_at(tk, i + 1, R_UNIT_AFTER | R_UNIT_BEFORE)) &&
		    (r = parse_units(tk, i, f, resume)) != 0)
			return r;
		return parse_day_first(tk, i, f, resume);
	}
	if (TK(tk, i).type == T_WORD) {
		if (role_at(tk, i, R_UNIT_BEFORE) && (r = parse_units(tk, i, f, resume)) != 0)
			return r;
		return parse_month_first(tk, i, f, resume);
	}
	return 0;
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

enum dates_order dates_order_of(const char *lang)
{
	static const char *const month_first[] = {"US", "PH", "FM", "MH", "PW", "AS", "GU",
	                                          "MP", "PR", "UM", "VI"};
	if (!lang || !lang[0] || !strcmp(lang, "und"))
		return DATES_ORDER_UNKNOWN;
	size_t n = strcspn(lang, "-_");
	if ((n == 2 && (!strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2) ||
	                !strncmp(lang, "ko", 2))))
		return DATES_ORDER_UNKNOWN; /* the year first: read as such */
	if (!(n == 2 && !strncmp(lang, "en", 2))) {
		for (size_t l = 0; l < NLANGS; l++)
			if (strlen(date_langs[l].tag) == n && !strncmp(lang, date_langs[l].tag, n))
				return DATES_ORDER_DMY;
		return DATES_ORDER_UNKNOWN;
	}
	/* English: by region, the subtag of two letters */
	const char *p = lang + n;
	while (*p == '-' || *p == '_') {
		p++;
		size_t k = strcspn(p, "-_");
		if (k == 2 && isalpha((unsigned char)p[0]) && isalpha((unsigned char)p[1])) {
			char region[3] = {(char)toupper((unsigned char)p[0]),
			                  (char)toupper((unsigned char)p[1]), 0};
			for (size_t i = 0; i < sizeof month_first / sizeof *month_first; i++)
				if (!strcmp(region, month_first[i]))
					return DATES_ORDER_MDY;
			return DATES_ORDER_DMY;
		}
		p += k;
	}
	return DATES_ORDER_UNKNOWN;
}

int dates_find(const char *text, size_t n, const struct date_ymd *context,
               struct date_mention **out, size_t *count)
{
	return dates_find_ordered(text, n, context, DATES_ORDER_UNKNOWN, out, count);
}

int dates_find_ordered(const char *text, size_t n, const struct date_ymd *context,
                       enum dates_order order, struct date_mention **out, size_t *count)
{
	struct toks tk = { .order = order, .text = text, .n = n };
	struct date_mention *found = NULL;
	unsigned char *wrap = NULL;
	size_t nfound = 0, capfound = 0, last_end = 0, cur = 0, num;

	if (!out || !count)
		return -1;
	*out = NULL;
	*count = 0;
	if (!text || n == 0)
		return text || n == 0 ? 0 : -1;
	pthread_once(&lexicon_once, lexicon_build);

	/* Each number, and the few tokens before it where a mention holding it
	 * may start, are tried in text order; a mention resumes after itself. */
	while (next_number(&tk, cur, &num)) {
		size_t i = num >= LOOKBACK_TOKENS ? num - LOOKBACK_TOKENS : 0;
		if (i < cur)
			i = cur;
		if (i < tk.base)
			i = tk.base;
		tokens_drop(&tk, i > TOK_LOOKBACK ? i - TOK_LOOKBACK : 0);
		while (i <= num) {
			struct found f;
			size_t resume = i + 1;
			int r = parse_at(&tk, i, &f, &resume);
			if (tk.oom)
				goto fail;
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
			i = r != 0 && resume > i ? resume : i + 1;
		}
		cur = i;
	}
	if (tk.oom)
		goto fail;
	free(tk.v);
	tk.v = NULL;

	infer_years(found, wrap, nfound, context);
	free(wrap);
	if (order == DATES_ORDER_UNKNOWN && tk.ambiguous && tk.seen_dmy != tk.seen_mdy) {
		/* the text's other dates in numbers say which comes first
		 * ("25/10/2024" and "10/3/2024": day first) */
		free(found);
		return dates_find_ordered(text, n, context,
		                          tk.seen_dmy ? DATES_ORDER_DMY : DATES_ORDER_MDY, out, count);
	}
	*out = found;
	*count = nfound;
	return 0;

fail:
	free(tk.v);
	free(found);
	free(wrap);
	return -1;
}

/* Whether cp is a letter of a script written without spaces between words
 * (Thai, Lao, Khmer, Myanmar, Han, kana): a relative word there has no
 * boundary to check. */
static int unspaced(ucs4_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x17FF) ||
	       (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int is_hangul(ucs4_t cp)
{
	return cp >= 0xAC00 && cp <= 0xD7AF;
}

/* Whether the letters around s[i..i+wl) leave it a whole word. */
static int whole_word(const char *s, size_t n, size_t i, size_t wl, ucs4_t first)
{
	if (unspaced(first))
		return 1;
	if (i > 0) {
		ucs4_t prev;
		const uint8_t *pp = u8_prev(&prev, (const uint8_t *)s + i, (const uint8_t *)s);
		if (pp && (uc_is_alpha(prev) || uc_is_property_diacritic(prev) || prev == '\'' ||
		           prev == 0x2019))
			return 0;
	}
	if (is_hangul(first)) /* particles follow a Korean word */
		return 1;
	if (i + wl < n) {
		ucs4_t next;
		if (u8_mbtouc(&next, (const uint8_t *)s + i + wl, n - i - wl) > 0 &&
		    (uc_is_alpha(next) || uc_is_property_diacritic(next)))
			return 0;
	}
	return 1;
}

/* The words of every language for yesterday, today and tomorrow, as
 * dates_find_relative looks for them: each as written ('_' a space) and
 * with its first letter in upper case, and, per byte, the words that start
 * with it, so that one pass over a text finds the first of each day. */
#define RELATIVE_WORDS_MAX 128
struct relative_word {
	char word[64], upper[64];
	size_t wl, ul;             /* ul 0: no upper-case form */
	ucs4_t first;
	int day;                   /* 0, 1, 2: yesterday, today, tomorrow */
};
static struct relative_word relative_words[RELATIVE_WORDS_MAX];
static size_t relative_nwords;
/* per byte: the words (bits, by index) that start with it */
static uint64_t relative_starts[256][RELATIVE_WORDS_MAX / 64];
/* the words' first three bytes, hashed: a place no word starts at is
 * passed over at the cost of a hash (most places of a text) */
static uint64_t relative_heads[65536 / 64];

static unsigned head_hash(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return ((unsigned)u[0] * 0x9e5u ^ (unsigned)u[1] * 0x3b1u ^ (unsigned)u[2] * 0x7f4bu) & 0xffff;
}

static void add_head(const char *w)
{
	unsigned h = head_hash(w);
	relative_heads[h / 64] |= (uint64_t)1 << (h % 64);
}
static pthread_once_t relative_once = PTHREAD_ONCE_INIT;

static void relative_init(void)
{
	/* a day's words in the order of the languages: the first found at a
	 * place is the first of the lists */
	for (int k = 0; k < 3; k++)
		for (size_t l = 0; l < sizeof date_langs / sizeof date_langs[0]; l++) {
			const char *list = date_langs[l].relative[k];
			while (list && *list) {
				size_t wl = strcspn(list, " ");
				struct relative_word *r = &relative_words[relative_nwords];
				ucs4_t first;
				int fl = wl ? u8_mbtouc(&first, (const uint8_t *)list, wl) : 0;
				if (fl > 0 && wl >= 3 && wl < sizeof r->word &&
				    relative_nwords < RELATIVE_WORDS_MAX) {
					for (size_t i = 0; i < wl; i++)
						r->word[i] = list[i] == '_' ? ' ' : list[i];
					r->wl = wl;
					r->first = first;
					r->day = k;
					r->ul = 0;
					ucs4_t up = uc_toupper(first);
					if (up != first) {
						int u = u8_uctomb((uint8_t *)r->upper, up, (int)sizeof r->upper);
						if (u > 0 && (size_t)u + (wl - (size_t)fl) < sizeof r->upper) {
							memcpy(r->upper + u, r->word + fl, wl - (size_t)fl);
							r->ul = (size_t)u + (wl - (size_t)fl);
						}
					}
					size_t w = relative_nwords++;
					uint64_t bit = (uint64_t)1 << (w % 64);
					relative_starts[(unsigned char)r->word[0]][w / 64] |= bit;
					add_head(r->word);
					if (r->ul) {
						relative_starts[(unsigned char)r->upper[0]][w / 64] |= bit;
						add_head(r->upper);
					}
				}
				list += wl;
				while (*list == ' ')
					list++;
			}
		}
}

/* The length of word r at byte i of s (n bytes), as written or with its
 * first letter in upper case, as a whole word; 0 if it is not there. */
static size_t relative_at(const struct relative_word *r, const char *s, size_t n, size_t i)
{
	if (i + r->wl <= n && s[i] == r->word[0] && s[i + 1] == r->word[1] &&
	    memcmp(s + i, r->word, r->wl) == 0 && whole_word(s, n, i, r->wl, r->first))
		return r->wl;
	if (r->ul && i + r->ul <= n && s[i] == r->upper[0] && s[i + 1] == r->upper[1] &&
	    memcmp(s + i, r->upper, r->ul) == 0 && whole_word(s, n, i, r->ul, r->first))
		return r->ul;
	return 0;
}

unsigned dates_find_relative3(const char *s, size_t n, size_t off[3], size_t len[3])
{
	if (pthread_once(&relative_once, relative_init) != 0)
		return 0;
	unsigned found = 0;
	for (size_t i = 0; i + 3 <= n && found != 7; i++) {
		unsigned hh = head_hash(s + i);
		if (!(relative_heads[hh / 64] >> (hh % 64) & 1))
			continue;
		const uint64_t *starts = relative_starts[(unsigned char)s[i]];
		for (size_t h = 0; h < RELATIVE_WORDS_MAX / 64; h++)
			for (uint64_t m = starts[h]; m; m &= m - 1) {
				const struct relative_word *r =
				    &relative_words[h * 64 + (size_t)__builtin_ctzll(m)];
				size_t l;
				if (found & 1u << r->day || !(l = relative_at(r, s, n, i)))
					continue;
				found |= 1u << r->day;
				off[r->day] = i;
				len[r->day] = l;
			}
	}
	return found;
}

int dates_find_relative(const char *s, size_t n, int shift, size_t *off, size_t *len)
{
	size_t offs[3], lens[3];
	if (shift < -1 || shift > 1 || !(dates_find_relative3(s, n, offs, lens) >> (shift + 1) & 1))
		return 0;
	*off = offs[shift + 1];
	*len = lens[shift + 1];
	return 1;
}

/* Day numbers (days since 1970-01-01, proleptic Gregorian). */
static long day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int dates_day_span(const struct date_ymd *d, long *first, long *last)
{
	if (d->y == 0 || d->m < 0 || d->m > 12)
		return 0;
	int m0 = d->m ? d->m : 1, m1 = d->m ? d->m : 12;
	int d0 = d->d ? d->d : 1, d1 = d->d ? d->d : days_in_month(d->y, m1);
	*first = day_number(d->y, m0, d0);
	*last = day_number(d->y, m1, d1);
	return 1;
}

void dates_mention_days(const struct date_mention *m, size_t n, long *first, long *last)
{
	*first = 1;
	*last = 0;
	for (size_t i = 0; i < n; i++) {
		long f0, l0, f1, l1;
		if (!dates_day_span(&m[i].from, &f0, &l0) || !dates_day_span(&m[i].to, &f1, &l1))
			continue;
		if (*first > *last || f0 < *first)
			*first = f0;
		if (l1 > *last)
			*last = l1;
	}
}
