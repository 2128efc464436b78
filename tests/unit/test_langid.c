/* test_langid.c — language identification: the rate on the test set of
 * tests/data/langid (one text per language, named by its BCP 47 tag, a few
 * paragraphs each; its first paragraph is the short text), the script rules
 * (pointed Hebrew and vowelled Arabic too), noise that must stay unknown,
 * and the manifest's lang winning over detection. */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <unicase.h>
#include <uninorm.h>

#include "tandem/corpus.h"
#include "tandem/langid.h"
#include "testutil.h"

#define DATA "tests/data/langid"

/* ---- the test set -------------------------------------------------------- */

struct tally {
	unsigned right, wrong, unknown;
};

static void count(struct tally *t, const char *got, const char *want,
		  const char *what, const char *file)
{
	if (!langid_is_known(got)) {
		t->unknown++;
		printf("langid:   %s %s: unknown\n", file, what);
	} else if (strcmp(got, want) == 0) {
		t->right++;
	} else {
		t->wrong++;
		printf("langid:   %s %s: WRONG, said %s\n", file, what, got);
	}
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_rate(void **state)
{
	(void)state;
	DIR *d = opendir(DATA);
	assert_non_null(d);
	char *names[256];
	size_t nn = 0;
	struct dirent *e;
	while ((e = readdir(d)) && nn < 256) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0) {
			names[nn] = strdup(e->d_name);
			assert_non_null(names[nn]);
			nn++;
		}
	}
	closedir(d);
	qsort(names, nn, sizeof *names, name_cmp);

	struct tally full = { 0 }, shrt = { 0 };
	const char *scripts[64];
	size_t nscripts = 0;
	for (size_t i = 0; i < nn; i++) {
		/* The true language: the file name's language subtag
		 * ("sr-Latn.txt" is Serbian). */
		char want[16];
		snprintf(want, sizeof want, "%.*s",
			 (int)strcspn(names[i], "-."), names[i]);
		char path[512];
		snprintf(path, sizeof path, DATA "/%s", names[i]);
		size_t n;
		char *text = test_slurp(path, &n);

		struct langid_guess g;
		langid_identify(text, n, &g);
		count(&full, g.tag, want, "long", names[i]);
		bool seen = false;
		for (size_t s = 0; s < nscripts; s++)
			seen = seen || strcmp(scripts[s], g.script) == 0;
		if (!seen && nscripts < 64)
			scripts[nscripts++] = g.script;

		char *end = strstr(text, "\n\n");
		assert_non_null(end); /* a few paragraphs each */
		langid_identify(text, (size_t)(end - text), &g);
		count(&shrt, g.tag, want, "short", names[i]);
		free(text);
		free(names[i]);
	}
	printf("langid: %u/%zu long texts correct (%.1f%%), %u wrong, %u unknown; "
	       "%zu scripts\n",
	       full.right, nn, 100.0 * full.right / (double)nn, full.wrong,
	       full.unknown, nscripts);
	printf("langid: short (one paragraph): %u/%zu correct (%.1f%%), %u wrong, "
	       "%u unknown\n",
	       shrt.right, nn, 100.0 * shrt.right / (double)nn, shrt.wrong,
	       shrt.unknown);
	/* The set itself: at least 60 languages in at least 20 scripts. */
	assert_true(nn >= 60);
	assert_true(nscripts >= 20);
	/* At least 95% of the long texts right. */
	assert_true(full.right * 100 >= nn * 95);
}

/* ---- script rules -------------------------------------------------------- */

static const char *tag(const char *s)
{
	return langid_tag(s, strlen(s));
}

static void test_scripts(void **state)
{
	(void)state;
	assert_string_equal(tag("ตลาดกลางเปิดช้ากว่าปกติ"), "th");
	assert_string_equal(tag("중앙시장이 평소보다 늦게 문을 열었다"), "ko");
	assert_string_equal(tag("中央市場はいつもより遅く開いた"), "ja");
	assert_string_equal(tag("中心市场比平时开门晚"), "zh");
	assert_string_equal(tag("ცენტრალური ბაზარი გაიხსნა"), "ka");
	assert_string_equal(tag("կենտրոնական շուկան բացվել է"), "hy");
	assert_string_equal(tag("η κεντρική αγορά άνοιξε αργότερα"), "el");
	/* Korean with a few Han characters is still Korean. */
	assert_string_equal(tag("市議會는 겨울이 오기 전에 낡은 다리를 고치겠다고 約束했다"), "ko");
	/* Latin words around a Thai sentence do not outvote it. */
	assert_string_equal(tag("Bangkok Post: ตลาดกลางเปิดช้ากว่าปกติ เนื่องจากพ่อค้าแม่ค้า"), "th");
}

static void test_arabic_script(void **state)
{
	(void)state;
	assert_string_equal(tag("وقال الذين وصلوا مبكرا إن أسعار الخضروات والفواكه "
				"ارتفعت مرة أخرى هذا الأسبوع"),
			    "ar");
	/* Persian: پ چ ژ گ ک ی. */
	assert_string_equal(tag("کسانی که زود آمده بودند گفتند قیمت سبزی و میوه این "
				"هفته دوباره بالا رفته است"),
			    "fa");
	/* Urdu: ٹ ڈ ڑ ں ے. */
	assert_string_equal(tag("جو لوگ جلدی آئے تھے انہوں نے بتایا کہ اس ہفتے "
				"سبزیوں اور پھلوں کی قیمتیں پھر بڑھ گئی ہیں"),
			    "ur");
	/* Pashto: ټ ډ ړ ږ ښ ګ ڼ ۍ. */
	assert_string_equal(tag("په پلازمېنه کې مرکزي بازار له معمول څخه وروسته "
				"پرانیستل شو، ځکه چې ډېر سوداګر ښار ته ونه رسېدل"),
			    "ps");
}

static void test_hebrew_script(void **state)
{
	(void)state;
	assert_string_equal(tag("בבירה נפתח השוק המרכזי מאוחר מהרגיל, משום שסוחרים "
				"רבים לא הצליחו להגיע לעיר"),
			    "he");
	assert_string_equal(tag("אין דער הויפּטשטאָט האָט דער צענטראַלער מאַרק זיך "
				"געעפֿנט שפּעטער ווי געוויינטלעך"),
			    "yi");
	/* pointed Hebrew (niqqud), as in poetry, scripture and teaching */
	assert_string_equal(tag("בְּיוֹם רִאשׁוֹן נֶעֶרְכָה קְרִיאָה מְשֻׁתֶּפֶת שֶׁל שִׁירַת הַיָּם "
				"בְּבֵית הַכְּנֶסֶת הַגָּדוֹל בִּירוּשָׁלַיִם. מֵאוֹת מִתְפַּלְּלִים "
				"הִשְׁתַּתְּפוּ בָּאֵרוּעַ"),
			    "he");
}

/* Arabic written with all its harakat is Arabic. */
static void test_vowelled_arabic(void **state)
{
	(void)state;
	assert_string_equal(tag("اِفْتُتِحَ المُؤْتَمَرُ الدَّوْلِيُّ لِإِدَارَةِ المَوَارِدِ المَائِيَّةِ فِي "
				"القَاهِرَةِ يَوْمَ الأَحَدِ، بِمُشَارَكَةِ وُفُودٍ مِنْ أَرْبَعِينَ "
				"دَوْلَةً. وَقَالَ وَزِيرُ المَوَارِدِ المَائِيَّةِ إِنَّ نُدْرَةَ المِيَاهِ "
				"مِنْ أَكْبَرِ التَّحَدِّيَاتِ الَّتِي تُوَاجِهُ المِنْطَقَةَ"),
			    "ar");
}

static void test_confusable_pairs(void **state)
{
	(void)state;
	/* Czech has ě ř ů, Slovak ä ô ľ. */
	assert_string_equal(tag("Městská rada slíbila, že starý most opraví ještě před "
				"zimou. Práce začnou v říjnu a potrvají tři měsíce a "
				"silnice podél řeky bude uzavřena."),
			    "cs");
	assert_string_equal(tag("Mestské zastupiteľstvo sľúbilo, že starý most opraví "
				"ešte pred zimou. Práce sa začnú v októbri a potrvajú "
				"tri mesiace a cesta pozdĺž rieky bude uzavretá."),
			    "sk");
	/* Ukrainian has ї є і and no ы; Russian the reverse. */
	assert_string_equal(tag("Міська рада пообіцяла відремонтувати старий міст до "
				"настання зими, роботи триватимуть три місяці."),
			    "uk");
	assert_string_equal(tag("Городской совет пообещал отремонтировать старый мост до "
				"наступления зимы, работы продлятся три месяца."),
			    "ru");
}

/* ---- the same text in other forms ---------------------------------------- */

/* A text with its accents decomposed (NFD), or set in capitals, is the
 * language the text is: the sample is composed again, and lowercased,
 * before its n-grams are compared. Turkish has İ, whose lowercase is two
 * characters; Vietnamese stacks two accents on a letter. */
static void test_forms(void **state)
{
	(void)state;
	static const char *const files[] = { "fr", "de", "tr", "vi", "cs", "pl", "ru", "ar" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char path[64];
		snprintf(path, sizeof path, DATA "/%s.txt", files[i]);
		size_t n, dn = 0, un = 0;
		char *text = test_slurp(path, &n);
		uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)text, n, NULL, &dn);
		uint8_t *caps = u8_toupper((const uint8_t *)text, n, NULL, NULL, NULL, &un);
		assert_non_null(nfd);
		assert_non_null(caps);
		/* (each has letters that decompose: é, ü, ş, ế, ř, ó, й, آ) */
		assert_true(dn > n);
		assert_string_equal(langid_tag(text, n), files[i]);
		assert_string_equal(langid_tag((const char *)nfd, dn), files[i]);
		assert_string_equal(langid_tag((const char *)caps, un), files[i]);
		free(nfd);
		free(caps);
		free(text);
	}
}

/* ---- what must stay unknown ---------------------------------------------- */

static void assert_unknown(const char *s, size_t n)
{
	struct langid_guess g;
	assert_false(langid_identify(s, n, &g));
	assert_string_equal(g.tag, "und");
	assert_true(g.confidence == 0);
	assert_non_null(g.why);
}

static void test_noise(void **state)
{
	(void)state;
	/* Random bytes (a fixed generator, so the test is repeatable). */
	char buf[4096];
	uint32_t x = 12345;
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		assert_unknown(buf, sizeof buf);
	}
	/* Random Latin letters in word-sized runs: no language, not Spanish. */
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			unsigned r = (x >> 16) % 32;
			buf[i] = r < 26 ? (char)('a' + r) : ' ';
		}
		assert_unknown(buf, sizeof buf);
	}
	assert_unknown("", 0);
	assert_unknown(NULL, 0);
	assert_unknown("2025 1.500 26-10 (0) 110", 24);
	/* Too few letters for any verdict. */
	assert_unknown("Hanoi", 5);
	assert_unknown("هانوي", strlen("هانوي"));
	/* Half Latin, half Cyrillic: no script holds the majority. */
	static const char mixed[] = "Hanoi Convention Ханойская конвенция";
	assert_unknown(mixed, sizeof mixed - 1);
}

static void test_label(void **state)
{
	(void)state;
	assert_string_equal(langid_label("fa"), "fa");
	assert_string_equal(langid_label("und"), LANGID_UNKNOWN_LABEL);
	assert_string_equal(langid_label(""), "language unknown");
	assert_string_equal(langid_label(NULL), "language unknown");
	assert_true(langid_is_known("sr"));
	assert_false(langid_is_known("und"));
	assert_true(langid_fingerprints() > 100);
}

/* Only the first LANGID_SCAN_MAX bytes are read: a Thai text followed by a
 * longer Russian one is Thai. */
static void test_bounded_prefix(void **state)
{
	(void)state;
	static const char th[] = "ตลาดกลางเปิดช้ากว่าปกติ ";
	static const char ru[] = "Городской совет пообещал отремонтировать мост. ";
	size_t cap = LANGID_SCAN_MAX * 3, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	while (n + sizeof th < LANGID_SCAN_MAX) {
		memcpy(s + n, th, sizeof th - 1);
		n += sizeof th - 1;
	}
	while (n + sizeof ru < cap) {
		memcpy(s + n, ru, sizeof ru - 1);
		n += sizeof ru - 1;
	}
	assert_string_equal(langid_tag(s, n), "th");
	free(s);
}

/* ---- threads ------------------------------------------------------------- */

/* Several threads identifying at once, from a cold start (the fingerprints
 * loaded by whichever comes first), get what one thread gets. */
static const char *const thread_files[] = { "fr", "ru", "fa", "cs", "sk", "hi", "th", "uk" };
#define NTHREAD_FILES (sizeof thread_files / sizeof *thread_files)
static char *thread_text[NTHREAD_FILES];
static size_t thread_len[NTHREAD_FILES];

static void *identify_all(void *arg)
{
	const char **got = arg;
	for (int round = 0; round < 5; round++)
		for (size_t i = 0; i < NTHREAD_FILES; i++) {
			const char *t = langid_tag(thread_text[i], thread_len[i]);
			if (round > 0 && strcmp(t, got[i]) != 0)
				got[i] = "changed";
			else
				got[i] = t;
		}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	for (size_t i = 0; i < NTHREAD_FILES; i++) {
		char path[64];
		snprintf(path, sizeof path, DATA "/%s.txt", thread_files[i]);
		thread_text[i] = test_slurp(path, &thread_len[i]);
	}
	langid_unload();
	enum { N = 4 };
	pthread_t th[N];
	const char *got[N][NTHREAD_FILES];
	for (int t = 0; t < N; t++)
		assert_int_equal(pthread_create(&th[t], NULL, identify_all, got[t]), 0);
	for (int t = 0; t < N; t++)
		assert_int_equal(pthread_join(th[t], NULL), 0);
	for (int t = 0; t < N; t++)
		for (size_t i = 0; i < NTHREAD_FILES; i++)
			assert_string_equal(got[t][i], thread_files[i]);
	for (size_t i = 0; i < NTHREAD_FILES; i++)
		free(thread_text[i]);
}

/* ---- the manifest wins --------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void test_manifest_wins(void **state)
{
	(void)state;
	char dir[] = "/tmp/tandem-langid-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char ini[600], fr[600], ru[600];
	snprintf(ini, sizeof ini, "%s/corpus.ini", dir);
	snprintf(fr, sizeof fr, "%s/a.txt", dir);
	snprintf(ru, sizeof ru, "%s/b.txt", dir);
	size_t n;
	char *text = test_slurp(DATA "/fr.txt", &n);
	write_file(fr, text);
	free(text);
	text = test_slurp(DATA "/ru.txt", &n);
	write_file(ru, text);
	free(text);
	/* a.txt is French, its manifest says Occitan; b.txt says nothing. */
	write_file(ini, "[article a]\nfile = a.txt\nlang = oc\n\n"
			"[article b]\nfile = b.txt\n");

	struct corpus *c = corpus_open_dir(dir);
	assert_non_null(c);
	assert_int_equal(c->narticles, 2);
	for (size_t i = 0; i < c->narticles; i++) {
		const struct corpus_article *a = &c->articles[i];
		if (strcmp(a->id, "a") == 0) {
			assert_string_equal(a->lang, "oc");
			assert_false(a->detected & CORPUS_DETECTED_LANG);
		} else {
			assert_string_equal(a->lang, "ru");
			assert_true(a->detected & CORPUS_DETECTED_LANG);
		}
	}
	corpus_free(c);
	assert_int_equal(unlink(fr), 0);
	assert_int_equal(unlink(ru), 0);
	assert_int_equal(unlink(ini), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_arabic_script),
		cmocka_unit_test(test_hebrew_script),
		cmocka_unit_test(test_vowelled_arabic),
		cmocka_unit_test(test_confusable_pairs),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_noise),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_bounded_prefix),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_manifest_wins),
	};
	int r = cmocka_run_group_tests_name("langid", tests, NULL, NULL);
	langid_unload();
	return r;
}
