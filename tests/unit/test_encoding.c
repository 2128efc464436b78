/* test_encoding.c — what a file's bytes are: a sentence in each legacy code
 * page is recognised and decoded back to the very UTF-8 it was made from;
 * binary data (a PNG header and noise, NUL bytes, control bytes) is not
 * text; UTF-16 and UTF-32 are decoded; UTF-8 with a few bad bytes stays
 * UTF-8; the scan counts ill-formed sequences as the decode layer shows
 * them; and the loader leaves out what is not text, naming it, while the
 * rest of the corpus opens. The legacy texts are made here with iconv. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tandem/corpus.h"
#include "tandem/decode.h"
#include "tandem/encoding.h"

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* UTF-8 text converted to charset with iconv; fails the test when iconv
 * cannot. Caller frees. */
static char *to_charset(const char *utf8, const char *charset, size_t *n)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	if (cd == (iconv_t)-1)
		fail_msg("iconv does not know %s", charset);
	size_t cap = 4 * strlen(utf8) + 16, il = strlen(utf8), ol = cap;
	char *out = malloc(cap), *ip = (char *)utf8, *op = out;
	assert_non_null(out);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		fail_msg("cannot write this text in %s: %s", charset, strerror(errno));
	assert_int_not_equal(iconv(cd, NULL, NULL, &op, &ol), (size_t)-1);
	assert_int_equal(iconv_close(cd), 0);
	*n = cap - ol;
	return out;
}

struct sample {
	const char *lang, *charset, *iconv, *also, *text;
};

/* One or two sentences of news in each language, written for these tests.
 * `also`: another name the text may be given, decoding to the same
 * characters (plain Hebrew is the same in ISO-8859-8 and windows-1255). */
static const struct sample samples[] = {
	{"fr", "windows-1252", "CP1252", NULL,
	 "Le président a inauguré jeudi à Hanoï la cérémonie de signature ; « c’est un pas "
	 "décisif », a-t-il déclaré devant les délégués étrangers."},
	{"de", "windows-1252", "CP1252", NULL,
	 "Die Außenminister trafen sich am Donnerstag in Hanoi, um über die Übereinkunft zu "
	 "sprechen; größere Änderungen würden später geprüft."},
	{"es", "windows-1252", "CP1252", NULL,
	 "El ministro señaló que la convención entrará en vigor el próximo año, después de que "
	 "treinta países la ratifiquen en Naciones Unidas."},
	{"fr", "iso-8859-1 (as windows-1252)", "ISO-8859-1", "windows-1252",
	 "Les délégations se sont réunies à Hanoï pendant deux jours, où l'accord a été "
	 "approuvé à l'unanimité."},
	{"pt", "iso-8859-15", "ISO-8859-15", NULL,
	 "O governo anunciou ontem que a convenção custará 5 milhões de €; a votação acontecerá "
	 "em outubro, disse o ministro das Relações Exteriores."},
	{"cs", "windows-1250", "CP1250", NULL,
	 "Ministr zahraničí ve čtvrtek řekl, že úmluva vstoupí v platnost příští rok, až ji "
	 "ratifikuje třicet států; delegace se sešly v Hanoji."},
	{"pl", "iso-8859-2", "ISO-8859-2", NULL,
	 "Minister spraw zagranicznych powiedział w czwartek, że konwencja wejdzie w życie w "
	 "przyszłym roku, gdy ratyfikuje ją trzydzieści państw."},
	{"hu", "windows-1250", "CP1250", NULL,
	 "A külügyminiszter csütörtökön azt mondta, hogy az egyezmény jövőre lép hatályba, "
	 "miután harminc ország ratifikálja azt."},
	{"tr", "windows-1254", "CP1254", NULL,
	 "Dışişleri bakanı perşembe günü yaptığı açıklamada, sözleşmenin otuz ülke tarafından "
	 "onaylandıktan sonra gelecek yıl yürürlüğe gireceğini söyledi."},
	{"ru", "windows-1251", "CP1251", NULL,
	 "Министр иностранных дел заявил в четверг, что конвенция вступит в силу в следующем "
	 "году, после того как её ратифицируют тридцать государств."},
	{"ru", "koi8-r", "KOI8-R", NULL,
	 "В Ханое в субботу подписали Конвенцию ООН против киберпреступности; церемонию открыл "
	 "Генеральный секретарь, выступили делегаты из шестидесяти стран."},
	{"uk", "koi8-u", "KOI8-U", NULL,
	 "Міністр закордонних справ заявив у четвер, що конвенція набуде чинності наступного "
	 "року, коли її ратифікують тридцять держав; ґрунтовні зміни відкладено."},
	{"bg", "iso-8859-5", "ISO-8859-5", NULL,
	 "Министърът на външните работи заяви в четвъртък, че конвенцията ще влезе в сила "
	 "догодина, след като бъде ратифицирана от тридесет държави."},
	{"el", "windows-1253", "CP1253", NULL,
	 "Ο υπουργός Εξωτερικών δήλωσε την Πέμπτη ότι η σύμβαση θα τεθεί σε ισχύ τον επόμενο "
	 "χρόνο, αφού την επικυρώσουν τριάντα κράτη."},
	{"el", "iso-8859-7", "ISO-8859-7", NULL,
	 "Άρχισε σήμερα στο Ανόι η τελετή υπογραφής της σύμβασης· Έλληνες διπλωμάτες "
	 "παρακολούθησαν τις συζητήσεις για την ασφάλεια στο διαδίκτυο."},
	{"he", "windows-1255", "CP1255", "iso-8859-8",
	 "שר החוץ אמר ביום חמישי כי האמנה תיכנס לתוקף בשנה הבאה, לאחר ששלושים מדינות יאשררו "
	 "אותה; המשלחות נפגשו בהאנוי."},
	{"he", "iso-8859-8", "ISO-8859-8", "windows-1255",
	 "טקס החתימה על האמנה נערך בשבת בהאנוי, ונציגים משישים מדינות השתתפו בו לצד המזכיר "
	 "הכללי."},
	{"ar", "windows-1256", "CP1256", NULL,
	 "قال وزير الخارجية يوم الخميس إن الاتفاقية ستدخل حيز التنفيذ العام المقبل، بعد أن "
	 "تصادق عليها ثلاثون دولة؛ واجتمعت الوفود في هانوي."},
	{"fa", "windows-1256", "CP1256", NULL,
	 "وزير امور خارجه روز پنجشنبه گفت که اين کنوانسيون سال آينده پس از تصويب سي کشور "
	 "اجرايي مي‌شود؛ هيئت‌ها در هانوي گرد هم آمدند."},
	{"ar", "iso-8859-6", "ISO-8859-6", NULL,
	 "وقعت الدول الأعضاء في الأمم المتحدة يوم السبت على اتفاقية مكافحة الجرائم "
	 "الإلكترونية في العاصمة الفيتنامية هانوي."},
	{"th", "tis-620", "TIS-620", NULL,
	 "รัฐมนตรีว่าการกระทรวงการต่างประเทศกล่าวเมื่อวันพฤหัสบดีว่าอนุสัญญาจะมีผลบังคับใช้ในปีหน้า "
	 "หลังจากสามสิบประเทศให้สัตยาบัน"},
	{"ja", "shift_jis", "CP932", NULL,
	 "外務大臣は木曜日、条約は三十か国が批准した後、来年発効すると述べた。各国の代表団はハノイに"
	 "集まった。"},
	{"ko", "euc-kr", "EUC-KR", NULL,
	 "외무장관은 목요일 협약이 30개국의 비준을 거쳐 내년에 발효될 것이라고 밝혔다. 각국 대표단이 "
	 "하노이에 모였다."},
	{"zh", "gb18030", "GB18030", NULL,
	 "外交部长星期四表示，在三十个国家批准之后，该公约将于明年生效。各国代表团在河内举行了会议。"},
	{"zh", "big5", "BIG5", NULL,
	 "外交部長星期四表示，在三十個國家批准之後，該公約將於明年生效。各國代表團在河內舉行了會議。"},
	/* short: a greeting is enough */
	{"ru", "windows-1251", "CP1251", NULL, "Привет, мир"},
	{"he", "windows-1255", "CP1255", "iso-8859-8", "שלום עולם"},
	{"ar", "windows-1256", "CP1256", NULL, "مرحبا بالعالم"},
	{"el", "windows-1253", "CP1253", "iso-8859-7", "Γειά σου κόσμε"},
	{"vi", "windows-1258", "CP1258", NULL,
	 "Mưa lớn đã đổ xuống Hà Nội vào thứ Ba, làm ngập nhiều tuyến đường; các chuyến tàu bị "
	 "chậm trong gần như cả buổi sáng."},
	/* 7-bit, by their escape sequences */
	{"ja", "iso-2022-jp", "ISO-2022-JP", NULL,
	 "外務大臣は木曜日、条約は三十か国が批准した後、来年発効すると述べた。\nHanoi, 2025.\n"},
	{"ko", "iso-2022-kr", "ISO-2022-KR", NULL,
	 "외무장관은 목요일 협약이 내년에 발효될 것이라고 밝혔다.\n"},
};

static void test_legacy_code_pages(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(samples); i++) {
		const struct sample *s = &samples[i];
		size_t n;
		char *bytes = to_charset(s->text, s->iconv, &n);
		struct encoding_guess g;
		encoding_detect(bytes, n, &g);
		if (g.verdict != ENCODING_DECODE)
			fail_msg("%s in %s: verdict %d (guess %s)", s->lang, s->charset, (int)g.verdict,
			         g.charset ? g.charset : "none");
		const char *want = s->also && strchr(s->charset, ' ') ? s->also : s->charset;
		if (strcmp(g.charset, want) && !(s->also && !strcmp(g.charset, s->also)))
			fail_msg("%s in %s: taken for %s", s->lang, s->charset, g.charset);
		char *u;
		size_t ulen, bad;
		assert_int_equal(encoding_to_utf8(bytes, n, g.charset, &u, &ulen, &bad), 0);
		assert_int_equal(bad, 0);
		if (ulen != strlen(s->text) || memcmp(u, s->text, ulen))
			fail_msg("%s in %s: decoded as \"%s\"", s->lang, s->charset, u);
		free(u);
		free(bytes);
	}
}

/* A small deterministic generator for the noise. */
static uint32_t rng(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void expect_binary(const char *what, const char *bytes, size_t n)
{
	struct encoding_guess g;
	encoding_detect(bytes, n, &g);
	if (g.verdict != ENCODING_BINARY)
		fail_msg("%s: verdict %d, charset %s", what, (int)g.verdict, g.charset ? g.charset : "-");
}

static void test_binary(void **state)
{
	(void)state;
	char buf[4096];
	uint32_t x = 2463534242u;

	/* a PNG: its signature, then noise */
	memcpy(buf, "\x89PNG\r\n\x1a\n", 8);
	for (size_t i = 8; i < sizeof buf; i++)
		buf[i] = (char)(rng(&x) >> 24);
	struct encoding_guess g;
	encoding_detect(buf, sizeof buf, &g);
	assert_int_equal(g.verdict, ENCODING_BINARY);
	assert_string_equal(g.what, "a PNG image");

	/* noise alone, and noise without a NUL */
	expect_binary("noise", buf + 8, sizeof buf - 8);
	size_t k = 0;
	for (size_t i = 8; i < sizeof buf; i++)
		if (buf[i])
			buf[k++] = buf[i];
	expect_binary("noise without NUL", buf, k);

	/* noise without any control byte: it could be text in an encoding
	 * not known here, but none fits, and none is named */
	k = 0;
	while (k < 3000) {
		unsigned char c = (unsigned char)(rng(&x) >> 24);
		if (c >= 0x20)
			buf[k++] = (char)c;
	}
	encoding_detect(buf, k, &g);
	assert_int_equal(g.verdict, ENCODING_UNSURE);
	assert_null(g.charset);

	/* text with NUL bytes in it */
	const char nul[] = "Le texte de l'article\0\0\0 est ici, en fran\xc3\xa7" "ais.\n";
	expect_binary("NULs in text", nul, sizeof nul - 1);

	/* but one stray NUL in a long text: text, the NUL a control */
	char text[3000];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = i % 7 == 6 ? ' ' : "Hanoi"[i % 5];
	text[1500] = 0;
	encoding_detect(text, sizeof text, &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
	assert_int_equal(g.scan.nuls, 1);
	assert_int_equal(g.scan.controls, 1);

	/* other formats by their signature */
	expect_binary("gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
	expect_binary("ELF", "\x7f" "ELF\x02\x01\x01\x00", 8);
	expect_binary("PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", 26);

	/* an empty file is text (with no paragraph) */
	encoding_detect("", 0, &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
}

static void test_utf16_utf32(void **state)
{
	(void)state;
	const char *text = "\xef\xbb\xbfHanoi, le 25 octobre : la convention est sign\xc3\xa9" "e.\n"
	                   "\xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a \xf0\x9f\x93\xb0\n";
	static const struct {
		const char *iconv, *name;
		int strip_bom;
	} forms[] = {
		{"UTF-16LE", "utf-16le", 0}, {"UTF-16BE", "utf-16be", 0}, {"UTF-32LE", "utf-32le", 0},
		{"UTF-32BE", "utf-32be", 0}, {"UTF-16LE", "utf-16le", 1}, {"UTF-16BE", "utf-16be", 1},
	};
	for (size_t i = 0; i < NELEM(forms); i++) {
		size_t n;
		const char *src = forms[i].strip_bom ? text + 3 : text;
		char *bytes = to_charset(src, forms[i].iconv, &n);
		struct encoding_guess g;
		encoding_detect(bytes, n, &g);
		if (g.verdict != ENCODING_DECODE || strcmp(g.charset, forms[i].name))
			fail_msg("%s%s: verdict %d, %s", forms[i].name, forms[i].strip_bom ? " without BOM" : "",
			         (int)g.verdict, g.charset ? g.charset : "-");
		char *u;
		size_t ulen, bad;
		assert_int_equal(encoding_to_utf8(bytes, n, g.charset, &u, &ulen, &bad), 0);
		assert_int_equal(bad, 0);
		assert_int_equal(ulen, strlen(src));
		assert_memory_equal(u, src, ulen);
		free(u);
		free(bytes);
	}
	/* a byte order mark before what is not UTF-16 */
	struct encoding_guess g;
	encoding_detect("\xff\xfe\x00\xd8\x41\x00", 6, &g); /* a lone surrogate */
	assert_int_equal(g.verdict, ENCODING_BINARY);
}

static void test_utf8(void **state)
{
	(void)state;
	struct encoding_guess g;
	const char *ok = "\xef\xbb\xbfVi\xe1\xbb\x87t Nam \xd9\x87\xd8\xa7\xd9\x86\xd9\x88\xd9\x8a "
	                 "\xf0\x9f\x93\xb0 tab\there\r\n";
	encoding_detect(ok, strlen(ok), &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
	assert_int_equal(g.scan.invalid, 0);
	assert_int_equal(g.scan.controls, 0);
	assert_true(g.scan.bom);

	/* mostly valid UTF-8 with a few bad bytes: still UTF-8, counted */
	const char *damaged = "Le pr\xc3\xa9sident a inaugur\xc3\xa9 la c\xc3\xa9r\xc3\xa9monie \xff "
	                      "\xe0 H\xc3\xa0no\xc3\xaf.\n";
	encoding_detect(damaged, strlen(damaged), &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
	assert_int_equal(g.scan.invalid, 2);

	/* ASCII with one stray byte among hundreds: UTF-8 with one mark */
	char text[600];
	memset(text, 'a', sizeof text);
	for (size_t i = 7; i < sizeof text; i += 8)
		text[i] = ' ';
	text[300] = (char)0x9b;
	encoding_detect(text, sizeof text, &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
	assert_int_equal(g.scan.invalid, 1);

	/* controls: ESC, BEL, DEL, a C1 control as a character */
	const char *ctl = "a\x1b[2J b\x07 c\x7f d\xc2\x9b" "e\n";
	encoding_detect(ctl, strlen(ctl), &g);
	assert_int_equal(g.verdict, ENCODING_UTF8);
	assert_int_equal(g.scan.controls, 4);
	assert_int_equal(g.scan.nuls, 0);
}

/* The scan counts ill-formed sequences as the decode layer shows them (one
 * U+FFFD each), on noise made of UTF-8's difficult bytes, whatever the
 * alignment of the word-at-a-time path. */
static void test_scan_agrees_with_decoder(void **state)
{
	(void)state;
	static const unsigned char pieces[] = {'a', ' ', '\n', 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0,
	                                       0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff, 0x1b};
	uint32_t x = 88172645u;
	for (int round = 0; round < 2000; round++) {
		char buf[64];
		size_t n = (size_t)(rng(&x) % sizeof buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)(rng(&x) % 3 ? 'x' : pieces[rng(&x) % sizeof pieces]);
		struct encoding_scan sc;
		encoding_scan(buf, n, &sc);
		struct decoded_text d;
		assert_int_equal(decode_paragraph(buf, n, &d), 0);
		if (sc.invalid != d.invalid)
			fail_msg("round %d: the scan counts %zu, the decoder shows %zu", round, sc.invalid,
			         d.invalid);
		decode_free(&d);
	}
}

/* A headline all in capitals is too little to tell windows-1251 from the
 * scripts without case: refused, the likeliest named, never decoded wrong. */
static const char caps_headline[] = "ВНИМАНИЕ! СРОЧНОЕ СООБЩЕНИЕ\n";

static void test_unsure(void **state)
{
	(void)state;
	size_t n;
	char *bytes = to_charset(caps_headline, "CP1251", &n);
	struct encoding_guess g;
	encoding_detect(bytes, n, &g);
	assert_int_equal(g.verdict, ENCODING_UNSURE);
	assert_string_equal(g.charset, "windows-1251");
	free(bytes);
}

static void test_decode_undefined_bytes(void **state)
{
	(void)state;
	char *u;
	size_t ulen, bad;
	/* 0x81 is not in windows-1252 */
	assert_int_equal(encoding_to_utf8("caf\xe9 \x81 ok", 9, "windows-1252", &u, &ulen, &bad), 0);
	assert_int_equal(bad, 1);
	assert_string_equal(u, "caf\xc3\xa9 \xef\xbf\xbd ok");
	free(u);
	/* an unknown charset is an error */
	assert_int_equal(encoding_to_utf8("x", 1, "no-such-charset", &u, &ulen, &bad), -1);
	assert_null(u);
}

/* ---- the loader ----------------------------------------------------------- */

static void write_bytes(const char *dir, const char *name, const char *bytes, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static const struct diag *diag_for(const struct corpus *c, const char *name, const char *msg)
{
	for (size_t i = 0; i < c->diags.n; i++) {
		const struct diag *d = &c->diags.items[i];
		const char *base = strrchr(d->file, '/');
		if (base && !strcmp(base + 1, name) && strstr(d->msg, msg))
			return d;
	}
	return NULL;
}

static const char good[] = "Le matin du 23 octobre, la r\xc3\xa9p\xc3\xa9tition a eu lieu au Centre "
                           "national des congr\xc3\xa8s.\n";

/* a corpus directory with a PNG, an Arabic text in windows-1256, a Russian
 * one in windows-1251, a headline too short to be sure of, noise in no
 * encoding, next to a good file */
static void make_mixed_dir(char *dir)
{
	assert_non_null(mkdtemp(dir));
	char png[600];
	uint32_t x = 12345u;
	memcpy(png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	for (size_t i = 16; i < sizeof png; i++)
		png[i] = (char)(rng(&x) >> 24);
	write_bytes(dir, "photo.txt", png, sizeof png);
	write_bytes(dir, "photo.png", png, sizeof png);
	size_t n;
	char *ar = to_charset(samples[17].text, "CP1256", &n);
	write_bytes(dir, "ar-1256.txt", ar, n);
	free(ar);
	char *ru = to_charset(samples[9].text, "CP1251", &n);
	write_bytes(dir, "ru-1251.txt", ru, n);
	free(ru);
	char noise[2000];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (char)(0x20 + rng(&x) % 0xe0);
	write_bytes(dir, "noise.txt", noise, sizeof noise);
	char *caps = to_charset(caps_headline, "CP1251", &n);
	write_bytes(dir, "caps.txt", caps, n);
	free(caps);
	write_bytes(dir, "good.txt", good, sizeof good - 1);
}

static void remove_dir(const char *dir)
{
	static const char *const names[] = {"photo.txt", "photo.png", "ar-1256.txt", "ru-1251.txt",
	                                    "caps.txt", "noise.txt", "good.txt", "corpus.ini"};
	char path[512];
	for (size_t i = 0; i < NELEM(names); i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void test_corpus_plain_dir(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-encoding-XXXXXX";
	make_mixed_dir(dir);
	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	/* the PNG is left out, the others open */
	assert_int_equal(c->narticles, 3);
	assert_true(corpus_find_article(c, "photo") < 0);
	const struct diag *d = diag_for(c, "photo.txt", "not a text file");
	assert_non_null(d);
	assert_int_equal(d->level, DIAG_ERROR);
	assert_non_null(strstr(d->msg, "PNG"));
	d = diag_for(c, "ar-1256.txt", "decoded from windows-1256");
	assert_non_null(d);
	assert_int_equal(d->level, DIAG_INFO);
	assert_non_null(diag_for(c, "ru-1251.txt", "decoded from windows-1251"));
	d = diag_for(c, "caps.txt", "not UTF-8 (looks like windows-1251");
	assert_non_null(d);
	assert_int_equal(d->level, DIAG_ERROR);
	assert_true(corpus_find_article(c, "caps") < 0);
	assert_non_null(diag_for(c, "noise.txt", "not UTF-8, nor in an encoding tandem knows"));
	assert_int_equal(corpus_errors(c), 3);

	/* the decoded articles read as their UTF-8 originals, detected as such */
	long ar = corpus_find_article(c, "ar-1256");
	assert_true(ar >= 0);
	const struct article_text *t = corpus_article_text(&c->articles[ar]);
	assert_string_equal(t->raw, samples[17].text);
	assert_int_equal(t->invalid_utf8, 0);
	assert_string_equal(c->articles[ar].lang, "ar");
	long ru = corpus_find_article(c, "ru-1251");
	assert_true(ru >= 0);
	assert_string_equal(corpus_article_text(&c->articles[ru])->raw, samples[9].text);
	corpus_free(c);
	remove_dir(dir);
}

static void test_corpus_manifest_entry(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-encoding-XXXXXX";
	make_mixed_dir(dir);
	const char ini[] = "[article pic]\nfile = photo.png\nlang = fr\n\n"
	                   "[article good]\nfile = good.txt\nlang = fr\n\n"
	                   "[article ar]\nfile = ar-1256.txt\nlang = ar\n";
	write_bytes(dir, "corpus.ini", ini, sizeof ini - 1);
	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	assert_true(corpus_find_article(c, "pic") < 0);
	assert_true(corpus_find_article(c, "good") >= 0);
	assert_true(corpus_find_article(c, "ar") >= 0);
	assert_non_null(diag_for(c, "photo.png", "not a text file"));
	assert_int_equal(corpus_errors(c), 1);
	corpus_free(c);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_code_pages),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_utf16_utf32),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_scan_agrees_with_decoder),
		cmocka_unit_test(test_unsure),
		cmocka_unit_test(test_decode_undefined_bytes),
		cmocka_unit_test(test_corpus_plain_dir),
		cmocka_unit_test(test_corpus_manifest_entry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
