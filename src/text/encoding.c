/* encoding.c — owns telling what a file's bytes are before they become text,
 * and decoding them into UTF-8 when they are not UTF-8.
 *
 * The common path is one pass (encoding_scan): UTF-8 validation, a word at a
 * time over plain ASCII, counting ill-formed sequences, controls and NULs.
 * Valid UTF-8, or UTF-8 with fewer ill-formed sequences than well-formed
 * multibyte ones, is UTF-8. Otherwise the candidate encodings are scored on
 * (at most) the first 64 KiB:
 *
 * - single-byte code pages through a table per code page (built from
 *   iconv on first need; tandem reads files from one thread): each byte
 *   from 0x80 decodes to a letter of some script, a plausible punctuation
 *   mark, a rare symbol or nothing. Letters are judged by word: one script
 *   per word; no capital after a small letter (which tells KOI8-R from
 *   windows-1251); a final form (ך ם ן ף ץ ς ة ى) only at a word's end and
 *   no word starting with a combining mark; a Latin word not made mostly
 *   (over 3/4) of accented letters (which tells Cyrillic or Greek read as
 *   windows-1252). Over the text, the letters must belong to one alphabet
 *   (Czech, Polish, French, Russian, Ukrainian…: which tells windows-1250
 *   from ISO-8859-2), that alphabet's frequent letters must not be rare,
 *   and Cyrillic or Greek needs both capitals and small letters (Hebrew
 *   read as windows-1251 is all small letters, as KOI8-R all capitals);
 * - multibyte encodings (Shift_JIS, EUC-JP, EUC-KR, GB18030, Big5) by
 *   decoding with iconv: no error, and kana for Japanese, Hangul for
 *   Korean, the most frequent Chinese characters for Chinese.
 * ISO-2022-JP and ISO-2022-KR, 7-bit, are told by their escape sequences.
 *
 * The score is the share of bytes from 0x80 that decoded plausibly (a rare
 * symbol, an undefined byte or a mixed word counting against it); above
 * ENC_CONFIDENT the encoding is taken. */
#include "tandem/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#define ENC_SAMPLE (64u << 10)  /* bytes scored */
#define ENC_CONFIDENT 0.6       /* score from which an encoding is taken */
#define ENC_PLAUSIBLE 0.0       /* score from which it is named as a guess */
#define ENC_EVIDENCE 3          /* fewer sequences not UTF-8 prove no multibyte
                                   encoding (one stray byte before an ASCII
                                   letter is a Hangul syllable in EUC-KR) */

/* ------------------------------------------------------------ the scan */

#define HI8 0x8080808080808080ull
#define ONES8 0x0101010101010101ull

/* Length of the well-formed UTF-8 sequence at s (n > 0 bytes left, s[0] >=
 * 0x80), its code point in *cp; or minus the length of its maximal
 * ill-formed subpart. For the tables' own strings. */
static int utf8_step(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	if (c < 0xc2 || c > 0xf4)
		return -1;
	unsigned lo = 0x80, hi = 0xbf;
	int need;
	if (c < 0xe0) {
		need = 1;
	} else if (c < 0xf0) {
		need = 2;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else {
		need = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	}
	unsigned v = c & (0x3fu >> need);
	for (int k = 1; k <= need; k++) {
		if ((size_t)k >= n || s[k] < lo || s[k] > hi)
			return -k;
		lo = 0x80;
		hi = 0xbf;
		v = (v << 6) | (s[k] & 0x3fu);
	}
	*cp = v;
	return need + 1;
}

/* True when no byte of w is >= 0x80, < 0x20 or 0x7f: printable ASCII. */
static int plain8(uint64_t w)
{
	if (w & HI8)
		return 0;
	/* bytes all below 0x80 here, so these tests are exact */
	uint64_t below = (w - 0x20 * ONES8) & ~w & HI8;
	uint64_t x = w ^ (0x7f * ONES8);
	uint64_t del = (x - ONES8) & ~x & HI8;
	return !(below | del);
}

void encoding_scan(const char *s0, size_t n, struct encoding_scan *o)
{
	const unsigned char *s = (const unsigned char *)s0;
	memset(o, 0, sizeof *o);
	o->bom = n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf;
	size_t i = 0;
	while (i < n) {
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!plain8(w))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				if (c != '\t' && c != '\n' && c != '\r')
					o->controls++;
				if (c == 0)
					o->nuls++;
				if (c < 0x20 && (c < '\t' || c > '\r') && c != 0x1b)
					o->binary++;
			}
			i++;
			continue;
		}
		/* well-formed two- and three-byte sequences (Arabic, Cyrillic,
		 * Greek, Hebrew, CJK…) inline */
		if (c >= 0xc2 && c <= 0xdf && n - i >= 2 && (s[i + 1] & 0xc0) == 0x80) {
			o->multibyte++;
			o->controls += c == 0xc2 && s[i + 1] <= 0x9f;
			i += 2;
			continue;
		}
		if (c >= 0xe0 && c <= 0xef && n - i >= 3 && (s[i + 1] & 0xc0) == 0x80 &&
		    (s[i + 2] & 0xc0) == 0x80 && (c != 0xe0 || s[i + 1] >= 0xa0) &&
		    (c != 0xed || s[i + 1] <= 0x9f)) {
			o->multibyte++;
			i += 3;
			continue;
		}
		/* the rest by libunistring's step, as the decode layer takes it,
		 * so that both count the same ill-formed sequences */
		ucs4_t cp;
		int k = u8_mbtouc(&cp, s + i, n - i);
		if (k <= 0)
			k = 1;
		if (cp == 0xfffd && !(k == 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] == 0xbd)) {
			o->invalid++;
		} else {
			o->multibyte++;
			if (cp <= 0x9f)
				o->controls++;
		}
		i += (size_t)k;
	}
}

/* ------------------------------------------------ formats that are not text */

static const struct {
	const char *magic;
	size_t len;
	const char *what;
} magics[] = {
	{"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
	{"GIF87a", 6, "a GIF image"},
	{"GIF89a", 6, "a GIF image"},
	{"\xff\xd8\xff", 3, "a JPEG image"},
	{"%PDF-", 5, "a PDF document"},
	{"\x1f\x8b", 2, "gzip data"},
	{"PK\x03\x04", 4, "a ZIP archive"},
	{"\x7f" "ELF", 4, "an ELF binary"},
	{"\xfd" "7zXZ", 6, "xz data"},
	{"\x28\xb5\x2f\xfd", 4, "zstd data"},
	{"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive"},
	{"SQLite format 3", 16, "an SQLite database"}, /* with its NUL */
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an office document"},
};

static const char *binary_format(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (n >= magics[i].len && !memcmp(s, magics[i].magic, magics[i].len))
			return magics[i].what;
	return NULL;
}

/* ------------------------------------------------------- UTF-16, UTF-32 */

/* Whether n bytes (n even) read as UTF-16 (big-endian when be) are text:
 * surrogates paired, no U+0000, hardly any other control. */
static int utf16_is_text(const unsigned char *s, size_t n, int be)
{
	size_t units = n / 2, controls = 0;
	for (size_t i = 0; i < units; i++) {
		unsigned u = be ? (unsigned)s[2 * i] << 8 | s[2 * i + 1]
		                : (unsigned)s[2 * i + 1] << 8 | s[2 * i];
		if (u == 0)
			return 0;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (++i >= units)
				return 0;
			unsigned v = be ? (unsigned)s[2 * i] << 8 | s[2 * i + 1]
			                : (unsigned)s[2 * i + 1] << 8 | s[2 * i];
			if (v < 0xdc00 || v > 0xdfff)
				return 0;
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			return 0;
		} else if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || (u >= 0x7f && u <= 0x9f)) {
			controls++;
		}
	}
	return controls * 100 <= units;
}

static int utf32_is_text(const unsigned char *s, size_t n, int be)
{
	for (size_t i = 0; i + 4 <= n; i += 4) {
		uint32_t u = be ? (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 | (uint32_t)s[i + 2] << 8 | s[i + 3]
		                : (uint32_t)s[i + 3] << 24 | (uint32_t)s[i + 2] << 16 | (uint32_t)s[i + 1] << 8 | s[i];
		if (u == 0 || u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
			return 0;
	}
	return 1;
}

/* UTF-16 without a byte order mark: NULs in the high byte of ASCII
 * characters, at every other offset and only there. 1 little-endian, 2
 * big-endian, 0 neither. */
static int utf16_unmarked(const unsigned char *s, size_t n)
{
	if (n < 4 || n % 2)
		return 0;
	size_t z[2] = {0, 0};
	for (size_t i = 0; i < n; i++)
		z[i & 1] += s[i] == 0;
	size_t units = n / 2;
	if (z[1] * 8 >= units && z[0] == 0 && utf16_is_text(s, n, 0))
		return 1;
	if (z[0] * 8 >= units && z[1] == 0 && utf16_is_text(s, n, 1))
		return 2;
	return 0;
}

/* ------------------------------------------------- single-byte code pages */

enum script { SC_NONE, SC_LATIN, SC_GREEK, SC_CYRILLIC, SC_HEBREW, SC_ARABIC, SC_THAI, SC_OTHER };

static enum script script_of(uint32_t c)
{
	if (c >= 0x300 && c <= 0x36f)
		return SC_NONE; /* combining marks of any script */
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return SC_LATIN;
	if (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7)
		return SC_LATIN;
	if (c >= 0x1e00 && c <= 0x1eff)
		return SC_LATIN;
	if (c >= 0x370 && c <= 0x3ff)
		return SC_GREEK;
	if (c >= 0x400 && c <= 0x52f)
		return SC_CYRILLIC;
	if (c >= 0x591 && c <= 0x5f4)
		return SC_HEBREW;
	if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f))
		return SC_ARABIC;
	if (c >= 0xe00 && c <= 0xe7f)
		return SC_THAI;
	return SC_OTHER;
}

/* Alphabets: the letters from 0x80 up a language writes (small letters
 * only; marks included), and for the scripts other than Latin its eight or
 * so most frequent letters, which make about half of any text in it: the
 * letters a decoding yields must fall in one alphabet, and their frequent
 * ones must not be rare (Hebrew read as KOI8-R, capitals all, is made of
 * the wrong Cyrillic letters). */
static const struct alphabet {
	const char *letters, *top;
	double top_share; /* the share of top letters below which they are rare */
} alphabets[] = {
	{"àâæçéèêëîïôœùûüÿ", NULL, 0},                  /* French */
	{"äöüß", NULL, 0},                               /* German */
	{"áéíóúñü", NULL, 0},                            /* Spanish */
	{"áâãàçéêíóôõú", NULL, 0},                       /* Portuguese */
	{"àèéìíîòóùú", NULL, 0},                         /* Italian */
	{"åäöæøé", NULL, 0},                             /* Nordic */
	{"áðéíóúýþæö", NULL, 0},                         /* Icelandic */
	{"áčďéěíňóřšťúůýž", NULL, 0},                    /* Czech */
	{"áäčďéíĺľňóôŕšťúýž", NULL, 0},                  /* Slovak */
	{"ąćęłńóśźż", NULL, 0},                          /* Polish */
	{"áéíóöőúüű", NULL, 0},                          /* Hungarian */
	{"çğıöşüâî", NULL, 0},                           /* Turkish */
	{"ăâîșțşţ", NULL, 0},                            /* Romanian */
	{"čćđšž", NULL, 0},                              /* Croatian, Slovenian, Bosnian */
	{"äöõüšž", NULL, 0},                             /* Estonian */
	{"ąčęėįšųūžāēģīķļņ", NULL, 0},                   /* Lithuanian, Latvian */
	{"àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
	 "\u0300\u0301\u0303\u0309\u0323", NULL, 0},       /* Vietnamese */
	{"абвгдежзийклмнопрстуфхцчшщъыьэюяё", "оеаинтср", 0.35}, /* Russian */
	{"абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’", "оанівиер", 0.35}, /* Ukrainian */
	{"абвгдеёжзійклмнопрстуўфхцчшыьэюя’", "аонірсеы", 0.35}, /* Belarusian */
	{"абвгдежзийклмнопрстуфхцчшщъьюя", "аоеинтрс", 0.35}, /* Bulgarian */
	{"абвгдђежзијклљмнњопрстћуфхцчџшѓќѕ", "аоиентср", 0.35}, /* Serbian, Macedonian */
	{"αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ", "αοετινησς", 0.35}, /* Greek */
	{"אבגדהוזחטיךכלםמןנסעףפץצקרשת\u05b0\u05b1\u05b2\u05b3\u05b4\u05b5\u05b6\u05b7"
	 "\u05b8\u05b9\u05bb\u05bc\u05bd\u05bf\u05c1\u05c2\u05f0\u05f1\u05f2\u05f3\u05f4",
	 "יוהלארמת", 0.35},                              /* Hebrew */
	{"ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىي\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
	 "پچژگکیےہںٹڈڑۀ", "اليمونهری", 0.35},          /* Arabic, Persian, Urdu */
	{"กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮฯะัาำิีึืฺุูเแโใไๅๆ็่้๊๋์ํ๎",
	 "านรอกเงม", 0.25},                              /* Thai */
};
#define NALPHABETS (sizeof alphabets / sizeof alphabets[0])

enum cls {
	CLS_LETTER,  /* a letter or mark */
	CLS_JOIN,    /* may stand inside a word: ’ · ZWNJ, geresh… */
	CLS_PUNCT,   /* plausible punctuation, a space, a common symbol */
	CLS_RARE,    /* a symbol text seldom has */
	CLS_UNDEF,   /* not defined in the code page, or a control */
};

struct sb_byte {
	uint32_t alpha;      /* bit i: the letter (lower-cased) is in alphabets[i] */
	uint32_t top;        /* bit i: it is one of alphabets[i]'s frequent ones */
	unsigned char cls, script, upper, lower;
	unsigned char mark;  /* a combining mark */
	unsigned char final; /* a letter only a word's end has: ך ם ן ף ץ ς ة ى */
};

/* iconv_open and iconv_close under one lock: glibc loads and unloads its
 * converters there, and files may be read by several threads at once (the
 * conversions themselves use a descriptor each). */
static pthread_mutex_t conv_lock = PTHREAD_MUTEX_INITIALIZER;

static iconv_t conv_open(const char *to, const char *from)
{
	if (pthread_mutex_lock(&conv_lock) != 0)
		return (iconv_t)-1;
	iconv_t cd = iconv_open(to, from);
	pthread_mutex_unlock(&conv_lock);
	return cd;
}

static int conv_close(iconv_t cd)
{
	if (pthread_mutex_lock(&conv_lock) != 0)
		return -1;
	int r = iconv_close(cd);
	pthread_mutex_unlock(&conv_lock);
	return r;
}

struct sb_page {
	const char *name, *iconv;
	int state;           /* 0 not built, 1 built, -1 iconv does not know it */
	struct sb_byte b[256];
};

static struct sb_page pages[] = {
	{"windows-1252", "CP1252", 0, {{0}}},
	{"iso-8859-15", "ISO-8859-15", 0, {{0}}},
	{"windows-1250", "CP1250", 0, {{0}}},
	{"iso-8859-2", "ISO-8859-2", 0, {{0}}},
	{"windows-1254", "CP1254", 0, {{0}}},
	{"windows-1257", "CP1257", 0, {{0}}},
	{"windows-1258", "CP1258", 0, {{0}}},
	{"windows-1251", "CP1251", 0, {{0}}},
	{"koi8-r", "KOI8-R", 0, {{0}}},
	{"koi8-u", "KOI8-U", 0, {{0}}},
	{"iso-8859-5", "ISO-8859-5", 0, {{0}}},
	{"ibm866", "IBM866", 0, {{0}}},
	{"windows-1253", "CP1253", 0, {{0}}},
	{"iso-8859-7", "ISO-8859-7", 0, {{0}}},
	{"windows-1255", "CP1255", 0, {{0}}},
	{"iso-8859-8", "ISO-8859-8", 0, {{0}}},
	{"windows-1256", "CP1256", 0, {{0}}},
	{"iso-8859-6", "ISO-8859-6", 0, {{0}}},
	{"tis-620", "TIS-620", 0, {{0}}},
	{"windows-874", "CP874", 0, {{0}}},
};
#define NPAGES (sizeof pages / sizeof pages[0])

/* Punctuation and symbols plausible in text (outside words), and those that
 * may stand inside a word. */
static const uint32_t punct_ok[] = {
	0xa0, 0xa1, 0xa3, 0xa5, 0xa7, 0xa9, 0xab, 0xad, 0xae, 0xb0, 0xb1, 0xb7, 0xbb, 0xbf,
	0x60c, 0x61b, 0x61f, 0x5be, 0x5f3, 0x5f4, 0xe3f, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a,
	0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x2039, 0x203a, 0x200c, 0x200d, 0x200e, 0x200f,
	0x20ac, 0x2116, 0x2122,
};
static const uint32_t join_ok[] = {0xad, 0xb7, 0x2019, 0x5be, 0x5f3, 0x5f4, 0x200c, 0x200d};

static int in_list(uint32_t c, const uint32_t *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (l[i] == c)
			return 1;
	return 0;
}

static int in_utf8(uint32_t c, const char *str)
{
	const unsigned char *p = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;
	while (i < n) {
		unsigned v;
		int k = utf8_step(p + i, n - i, &v);
		if (k <= 0)
			return 0;
		if (v == c)
			return 1;
		i += (size_t)k;
	}
	return 0;
}

/* The alphabets c is in (bits), and those whose frequent letters it is. */
static uint32_t alphabet_bits(uint32_t c, uint32_t *top)
{
	uint32_t bits = 0;
	*top = 0;
	for (size_t a = 0; a < NALPHABETS; a++) {
		if (in_utf8(c, alphabets[a].letters))
			bits |= 1u << a;
		if (alphabets[a].top && in_utf8(c, alphabets[a].top))
			*top |= 1u << a;
	}
	return bits;
}

static void classify(struct sb_byte *e, uint32_t c)
{
	memset(e, 0, sizeof *e);
	if (c < 0x80) {
		int letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		e->cls = letter ? CLS_LETTER : CLS_PUNCT;
		e->script = letter ? SC_LATIN : SC_NONE;
		e->upper = c >= 'A' && c <= 'Z';
		e->lower = c >= 'a' && c <= 'z';
		return;
	}
	if (c == 0 || c <= 0x9f || c == 0xfffd) {
		e->cls = CLS_UNDEF;
		return;
	}
	if (in_list(c, join_ok, sizeof join_ok / sizeof join_ok[0])) {
		e->cls = CLS_JOIN;
		return;
	}
	if (in_list(c, punct_ok, sizeof punct_ok / sizeof punct_ok[0])) {
		e->cls = CLS_PUNCT;
		return;
	}
	if (uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_M)) {
		e->cls = CLS_LETTER;
		e->script = script_of(c);
		e->upper = uc_is_general_category(c, UC_CATEGORY_Lu);
		e->lower = uc_is_general_category(c, UC_CATEGORY_Ll);
		e->alpha = alphabet_bits(uc_tolower(c), &e->top);
		e->mark = uc_is_general_category(c, UC_CATEGORY_M);
		e->final = c == 0x5da || c == 0x5dd || c == 0x5df || c == 0x5e3 || c == 0x5e5 ||
		           c == 0x3c2 || c == 0x629 || c == 0x649;
		return;
	}
	if (c >= 0xe50 && c <= 0xe5b) { /* Thai digits and signs */
		e->cls = CLS_PUNCT;
		return;
	}
	e->cls = CLS_RARE;
}

/* Builds a code page's table: each byte decoded alone by iconv. */
static int page_build_locked(struct sb_page *p);

/* The table of a code page, built at its first use (under a lock: files
 * may be read by several threads). */
static int page_build(struct sb_page *p)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	if (pthread_mutex_lock(&lock) != 0)
		return -1;
	int r = page_build_locked(p);
	pthread_mutex_unlock(&lock);
	return r;
}

static int page_build_locked(struct sb_page *p)
{
	if (p->state)
		return p->state;
	iconv_t cd = conv_open("UTF-32LE", p->iconv);
	if (cd == (iconv_t)-1) {
		p->state = -1;
		return -1;
	}
	for (unsigned b = 0; b < 256; b++) {
		char in = (char)b;
		unsigned char out[8];
		char *ip = &in, *op = (char *)out;
		size_t il = 1, ol = sizeof out;
		uint32_t c = 0xfffd;
		if (b < 0x80)
			c = b;
		/* windows-1255 holds a letter back for the marks that may
		 * follow: the flush writes it */
		else if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
		         iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 && ol == sizeof out - 4)
			c = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
			    (uint32_t)out[3] << 24;
		/* reset the state after an error; a failure here leaves 0xfffd */
		iconv(cd, NULL, NULL, NULL, NULL);
		classify(&p->b[b], c);
	}
	if (conv_close(cd) != 0) {
		p->state = -1;
		return -1;
	}
	p->state = 1;
	return 1;
}

/* The word being read while scoring. */
struct word {
	size_t high;          /* its letters from bytes >= 0x80 */
	size_t letters;
	unsigned scripts;     /* bit per script */
	int saw_lower;
	int case_bad;         /* a capital after a small letter, a final form
	                         inside the word, a mark starting it */
	size_t high_upper, high_lower, marks, high_marks;
	size_t alpha[NALPHABETS], top[NALPHABETS];
};

struct tally {
	double good, bad;
	size_t alpha[NALPHABETS], top[NALPHABETS], letters;
	size_t bicameral, caps, smalls; /* Cyrillic and Greek letters; capitals,
	                                   small letters among them */
	size_t thai, thai_marks;
};

static void word_end(struct word *w, struct tally *t)
{
	if (w->high) {
		unsigned sc = w->scripts & ~(1u << SC_NONE);
		int one_script = sc && !(sc & (sc - 1));
		int latin = sc == 1u << SC_LATIN;
		if (!one_script || w->case_bad) {
			t->bad += (double)w->high;
		} else if (latin && w->letters - w->marks >= 4 &&
		           4 * (w->high - w->high_marks) > 3 * (w->letters - w->marks)) {
			t->bad += (double)w->high;
		} else {
			if (sc == 1u << SC_THAI) {
				t->thai += w->high;
				t->thai_marks += w->marks;
			}
			t->letters += w->high;
			if (sc == 1u << SC_CYRILLIC || sc == 1u << SC_GREEK) {
				t->bicameral += w->high;
				t->caps += w->high_upper;
				t->smalls += w->high_lower;
			}
			for (size_t a = 0; a < NALPHABETS; a++) {
				t->alpha[a] += w->alpha[a];
				t->top[a] += w->top[a];
			}
		}
	}
	memset(w, 0, sizeof *w);
}

static double page_score(const struct sb_page *p, const unsigned char *s, size_t n)
{
	struct tally t = {0};
	struct word w = {0};
	size_t high = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sb_byte *e = &p->b[s[i]];
		int hi = s[i] >= 0x80;
		high += hi;
		switch (e->cls) {
		case CLS_LETTER:
			if (e->mark && !w.letters)
				w.case_bad = 1; /* no word starts with a combining mark */
			w.letters++;
			w.scripts |= 1u << e->script;
			if (e->upper) {
				w.high_upper += hi;
				if (w.saw_lower)
					w.case_bad = 1;
			}
			if (e->lower) {
				w.saw_lower = 1;
				w.high_lower += hi;
			}
			/* a final form before a letter: not this script */
			if (e->final && i + 1 < n && p->b[s[i + 1]].cls == CLS_LETTER &&
			    !p->b[s[i + 1]].mark)
				w.case_bad = 1;
			w.marks += e->mark;
			w.high_marks += e->mark && hi;
			if (hi) {
				w.high++;
				for (size_t a = 0; a < NALPHABETS; a++) {
					w.alpha[a] += (e->alpha >> a) & 1;
					w.top[a] += (e->top >> a) & 1;
				}
			}
			break;
		case CLS_JOIN:
			if (hi)
				t.good += 0.5;
			break; /* the word goes on */
		case CLS_PUNCT: {
			int inside = w.letters && i + 1 < n && p->b[s[i + 1]].cls == CLS_LETTER;
			if (hi && inside)
				t.bad += 1; /* "mo¿e": a letter read as a sign */
			else if (hi)
				t.good += 0.5;
			word_end(&w, &t);
			break;
		}
		case CLS_RARE:
			t.bad += 1;
			word_end(&w, &t);
			break;
		default:
			t.bad += 2;
			word_end(&w, &t);
			break;
		}
	}
	word_end(&w, &t);
	if (!high)
		return -1;
	size_t best = 0, ba = 0;
	for (size_t a = 0; a < NALPHABETS; a++)
		if (t.alpha[a] > best)
			best = t.alpha[a], ba = a;
	/* Cyrillic or Greek without a single capital, or without a single
	 * small letter, is more likely a caseless script (Hebrew read as
	 * windows-1251, or as KOI8-R): its letters count half, or nine
	 * tenths in a short text */
	double letters = (double)best;
	double share = best ? (double)t.top[ba] / (double)best : 0;
	if (alphabets[ba].top && share < alphabets[ba].top_share)
		letters *= share / alphabets[ba].top_share;
	if (2 * t.bicameral > t.letters && (!t.caps || !t.smalls))
		letters *= t.bicameral >= 20 ? 0.5 : 0.9;
	/* Thai without a vowel or tone mark is not Thai */
	if (t.thai >= 10 && !t.thai_marks)
		letters /= 2;
	/* letters outside the best alphabet count half against */
	double score = t.good + letters - 0.5 * (double)(t.letters - best) - 2 * t.bad;
	return score / (double)high;
}

/* --------------------------------------------------- multibyte encodings */

/* The most frequent Chinese characters, simplified and traditional. */
static const char frequent_han[] =
	"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之"
	"年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理"
	"心她本前开但因只从想实日新全工已政府公司市民业表示记者报道"
	"這個們來為國說時會對後過發裡經麼學現當沒動開從實與於將還進體總機關區縣";

struct mb_page {
	const char *name, *iconv;
	enum { MB_JA, MB_KO, MB_ZH } lang;
};

static const struct mb_page mb_pages[] = {
	{"shift_jis", "CP932", MB_JA},
	{"euc-jp", "EUC-JP", MB_JA},
	{"euc-kr", "CP949", MB_KO},
	{"gb18030", "GB18030", MB_ZH},
	{"big5", "BIG5", MB_ZH},
};

static int is_frequent_han(uint32_t c)
{
	return in_utf8(c, frequent_han);
}

static double mb_score(const struct mb_page *m, const unsigned char *s, size_t n)
{
	iconv_t cd = conv_open("UTF-32LE", m->iconv);
	if (cd == (iconv_t)-1)
		return -1;
	size_t cap = 4 * n + 4;
	unsigned char *buf = malloc(cap);
	if (!buf) {
		conv_close(cd);
		return -1;
	}
	char *ip = (char *)s, *op = (char *)buf;
	size_t il = n, ol = cap;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	int failed = r == (size_t)-1 && !(errno == EINVAL && il < 4); /* a cut last character is fine */
	if (conv_close(cd) != 0)
		failed = 1;
	size_t nc = (cap - ol) / 4, other = 0, kana = 0, hangul = 0, han = 0, freq = 0, punct = 0;
	for (size_t i = 0; !failed && i < nc; i++) {
		uint32_t c = (uint32_t)buf[4 * i] | (uint32_t)buf[4 * i + 1] << 8 |
		             (uint32_t)buf[4 * i + 2] << 16 | (uint32_t)buf[4 * i + 3] << 24;
		if (c < 0x80)
			continue;
		if (c >= 0x3041 && c <= 0x30ff) /* half-width kana are rare: other */
			kana++;
		else if (c >= 0xac00 && c <= 0xd7a3)
			hangul++;
		else if (c >= 0x4e00 && c <= 0x9fff)
			han++, freq += is_frequent_han(c);
		else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65) ||
		         (c >= 0x2010 && c <= 0x2027))
			punct++;
		else
			other++;
	}
	free(buf);
	size_t all = other + kana + hangul + han + punct;
	if (failed || !all)
		return -1;
	double plausible;
	switch (m->lang) {
	case MB_JA:
		plausible = kana * 5 >= all ? (double)(kana + han + punct) : 0;
		break;
	case MB_KO:
		plausible = hangul * 2 >= all ? (double)(hangul + han + punct) : 0;
		break;
	default:
		plausible = han && freq * 7 >= han && !kana && hangul * 10 < all ? (double)(han + punct) : 0;
		break;
	}
	return (plausible - 2 * (double)other) / (double)all;
}

/* ------------------------------------------------------------- detection */

/* 7-bit Japanese and Korean mail encodings: ASCII with escape sequences
 * that switch to two-byte characters. Taken when a designation is there
 * and iconv decodes the whole without an error. */
static int iso2022(const unsigned char *s, size_t n, struct encoding_guess *g)
{
	static const struct {
		const char *esc, *name, *iconv;
	} forms[] = {
		{"\x1b$B", "iso-2022-jp", "ISO-2022-JP"},
		{"\x1b$@", "iso-2022-jp", "ISO-2022-JP"},
		{"\x1b$)C", "iso-2022-kr", "ISO-2022-KR"},
	};
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		size_t k = strlen(forms[f].esc), at = 0;
		while (at + k <= n && memcmp(s + at, forms[f].esc, k))
			at++;
		if (at + k > n)
			continue;
		iconv_t cd = conv_open("UTF-8", forms[f].iconv);
		if (cd == (iconv_t)-1)
			continue;
		char buf[4096], *ip = (char *)s;
		size_t il = n, ok = 1;
		while (il > 0 && ok) {
			char *op = buf;
			size_t ol = sizeof buf;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != E2BIG)
				ok = 0;
		}
		if (conv_close(cd) != 0)
			ok = 0;
		if (ok) {
			g->verdict = ENCODING_DECODE;
			g->charset = forms[f].name;
			return 1;
		}
	}
	return 0;
}

void encoding_detect(const char *s0, size_t n, struct encoding_guess *g)
{
	const unsigned char *s = (const unsigned char *)s0;
	memset(g, 0, sizeof *g);
	g->verdict = ENCODING_BINARY;
	if ((g->what = binary_format(s, n)) != NULL)
		return;
	/* byte order marks of UTF-32 first: FF FE 00 00 also starts UTF-16LE */
	if (n >= 4 && n % 4 == 0 && !memcmp(s, "\xff\xfe\0\0", 4) && utf32_is_text(s + 4, n - 4, 0)) {
		g->verdict = ENCODING_DECODE;
		g->charset = "utf-32le";
		return;
	}
	if (n >= 4 && n % 4 == 0 && !memcmp(s, "\0\0\xfe\xff", 4) && utf32_is_text(s + 4, n - 4, 1)) {
		g->verdict = ENCODING_DECODE;
		g->charset = "utf-32be";
		return;
	}
	if (n >= 2 && (!memcmp(s, "\xff\xfe", 2) || !memcmp(s, "\xfe\xff", 2))) {
		int be = s[0] == 0xfe;
		if (n % 2 == 0 && utf16_is_text(s + 2, n - 2, be)) {
			g->verdict = ENCODING_DECODE;
			g->charset = be ? "utf-16be" : "utf-16le";
		} else {
			g->what = "not UTF-16, though it starts like it";
		}
		return;
	}
	encoding_scan(s0, n, &g->scan);
	const struct encoding_scan *sc = &g->scan;
	if (sc->nuls) {
		int u = utf16_unmarked(s, n);
		if (u) {
			g->verdict = ENCODING_DECODE;
			g->charset = u == 1 ? "utf-16le" : "utf-16be";
			return;
		}
		/* a stray NUL in a long UTF-8 text is shown as a control, as
		 * before; more than one in a thousand bytes is not text */
		if (sc->nuls * 1000 > n || sc->invalid > sc->multibyte) {
			g->what = "it holds NUL bytes";
			return;
		}
	}
	if (!sc->invalid && !sc->multibyte && sc->controls && iso2022(s, n, g))
		return;
	if (sc->invalid <= sc->multibyte) {
		g->verdict = ENCODING_UTF8;
		return;
	}
	if (sc->binary > 2 && sc->binary * 100 > n) {
		g->what = "it holds control bytes";
		return;
	}
	/* Not UTF-8: score the candidates on a sample. */
	size_t m = n < ENC_SAMPLE ? n : ENC_SAMPLE;
	double best = -1e9;
	const char *name = NULL;
	for (size_t i = 0; i < NPAGES; i++) {
		if (page_build(&pages[i]) < 0)
			continue;
		double v = page_score(&pages[i], s, m);
		if (v > best)
			best = v, name = pages[i].name;
	}
	for (size_t i = 0; sc->invalid >= ENC_EVIDENCE && i < sizeof mb_pages / sizeof mb_pages[0]; i++) {
		double v = mb_score(&mb_pages[i], s, m);
		if (v > best)
			best = v, name = mb_pages[i].name;
	}
	if (name && best >= ENC_CONFIDENT) {
		g->verdict = ENCODING_DECODE;
		g->charset = name;
	} else if (sc->invalid * 100 < n) {
		/* a few bad bytes in what is otherwise ASCII: UTF-8 still,
		 * the decode layer marks them */
		g->verdict = ENCODING_UTF8;
	} else {
		/* text in no encoding known here, or too little to tell */
		g->verdict = ENCODING_UNSURE;
		g->charset = name && best >= ENC_PLAUSIBLE ? name : NULL;
	}
}

/* ------------------------------------------------------------- decoding */

static const char *iconv_name(const char *charset)
{
	for (size_t i = 0; i < NPAGES; i++)
		if (!strcmp(pages[i].name, charset))
			return pages[i].iconv;
	for (size_t i = 0; i < sizeof mb_pages / sizeof mb_pages[0]; i++)
		if (!strcmp(mb_pages[i].name, charset))
			return mb_pages[i].iconv;
	if (!strcmp(charset, "utf-16le"))
		return "UTF-16LE";
	if (!strcmp(charset, "utf-16be"))
		return "UTF-16BE";
	if (!strcmp(charset, "utf-32le"))
		return "UTF-32LE";
	if (!strcmp(charset, "utf-32be"))
		return "UTF-32BE";
	if (!strcmp(charset, "iso-2022-jp"))
		return "ISO-2022-JP";
	if (!strcmp(charset, "iso-2022-kr"))
		return "ISO-2022-KR";
	return charset;
}

/* The output of encoding_to_utf8, grown as needed. */
struct obuf {
	char *buf, *op;
	size_t cap, ol; /* ol: room left, one byte kept for the final NUL */
};

static int obuf_grow(struct obuf *o)
{
	size_t used = (size_t)(o->op - o->buf);
	if (o->cap > SIZE_MAX / 2) {
		errno = ENOMEM;
		return -1;
	}
	char *nb = realloc(o->buf, o->cap * 2);
	if (!nb) {
		errno = ENOMEM;
		return -1;
	}
	o->buf = nb;
	o->op = nb + used;
	o->ol += o->cap;
	o->cap *= 2;
	return 0;
}

int encoding_to_utf8(const char *s, size_t n, const char *charset, char **out, size_t *outlen,
                     size_t *bad)
{
	*out = NULL;
	*outlen = 0;
	*bad = 0;
	if (n > (SIZE_MAX - 64) / 3) {
		errno = ENOMEM;
		return -1;
	}
	iconv_t cd = conv_open("UTF-8", iconv_name(charset));
	if (cd == (iconv_t)-1)
		return -1;
	struct obuf o = {.cap = 3 * n + 64};
	if (!(o.buf = malloc(o.cap))) {
		conv_close(cd);
		errno = ENOMEM;
		return -1;
	}
	o.op = o.buf;
	o.ol = o.cap - 1;
	char *ip = (char *)s;
	size_t il = n;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &o.op, &o.ol) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			if (obuf_grow(&o) != 0)
				goto fail;
			continue;
		}
		if (errno != EILSEQ && errno != EINVAL)
			goto fail;
		/* a byte the charset does not define, or a cut last character:
		 * U+FFFD, and on from the next byte */
		if (o.ol < 3 && obuf_grow(&o) != 0)
			goto fail;
		memcpy(o.op, "\xef\xbf\xbd", 3);
		o.op += 3;
		o.ol -= 3;
		ip++;
		il--;
		(*bad)++;
		if (iconv(cd, NULL, NULL, NULL, NULL) == (size_t)-1)
			goto fail;
	}
	/* the final shift sequence, if the charset has one */
	while (iconv(cd, NULL, NULL, &o.op, &o.ol) == (size_t)-1)
		if (errno != E2BIG || obuf_grow(&o) != 0)
			goto fail;
	if (conv_close(cd) != 0) {
		free(o.buf);
		return -1;
	}
	*o.op = 0;
	*out = o.buf;
	*outlen = (size_t)(o.op - o.buf);
	return 0;
fail:;
	int e = errno;
	conv_close(cd);
	free(o.buf);
	errno = e;
	return -1;
}
