/* test_detect.c — language, source line and title detection, on the bundled
 * corpus (read relative to the repository root) and on small samples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"
#include <unistr.h>
#include <uniwidth.h>

#include "tandem/detect.h"

/* ---- helpers ------------------------------------------------------------- */

/* Line `k` (1-based) of a corpus file, without its newline. */
static char *corpus_line(const char *path, int k)
{
	size_t n;
	char *buf = test_slurp(path, &n);
	char *p = buf;
	for (int i = 1; i < k; i++) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	size_t len = strcspn(p, "\n");
	char *line = malloc(len + 1);
	assert_non_null(line);
	memcpy(line, p, len);
	line[len] = '\0';
	free(buf);
	return line;
}

static const char *lang(const char *s)
{
	return detect_language(s, strlen(s));
}

static void assert_file_lang(const char *path, const char *want)
{
	size_t n;
	char *buf = test_slurp(path, &n);
	assert_string_equal(detect_language(buf, n), want);
	free(buf);
}

/* Title of s at max_cols, checked for valid UTF-8 and width. */
static char *title(const char *s, int max_cols)
{
	char *t = detect_title(s, strlen(s), max_cols);
	assert_non_null(t);
	assert_null(u8_check((const uint8_t *)t, strlen(t)));
	assert_true(u8_width((const uint8_t *)t, strlen(t), "UTF-8") <=
		    (max_cols > 0 ? max_cols : 0));
	return t;
}

static void assert_title(const char *s, int max_cols, const char *want)
{
	char *t = title(s, max_cols);
	assert_string_equal(t, want);
	free(t);
}

static void assert_corpus_title(const char *path, int line, int max_cols,
				const char *want)
{
	char *s = corpus_line(path, line);
	assert_title(s, max_cols, want);
	free(s);
}

static void assert_source(const char *line, const char *want)
{
	char *url = detect_source_line(line, strlen(line));
	if (!want) {
		assert_null(url);
		return;
	}
	assert_non_null(url);
	assert_string_equal(url, want);
	free(url);
}

#define AR "corpus/ar-rehearsal-vietnamplus.txt"
#define FR "corpus/fr-rehearsal-vietnamplus.txt"
#define ID_DISC "corpus/id-discussion-baoquocte.txt"
#define ID_RECV "corpus/id-reception-vietnamplus.txt"
#define ID_REH "corpus/id-rehearsal-daibieunhandan.txt"

/* ---- language ------------------------------------------------------------ */

static void test_language_corpus(void **state)
{
	(void)state;
	assert_file_lang(AR, "ar");
	assert_file_lang(FR, "fr");
	assert_file_lang(ID_DISC, "id");
	assert_file_lang(ID_RECV, "id");
	assert_file_lang(ID_REH, "id");
}

static void test_language_samples(void **state)
{
	(void)state;
	assert_string_equal(
		lang("The convention was signed in Hanoi by representatives of "
		     "more than sixty countries, and it is the first global "
		     "treaty on cybercrime."),
		"en");
	assert_string_equal(
		lang("Công ước của Liên hợp quốc về chống tội phạm mạng đã "
		     "được ký tại Hà Nội, và đây là một sự kiện có ý nghĩa "
		     "lớn đối với các quốc gia."),
		"vi");
	assert_string_equal(
		lang("La convención de las Naciones Unidas contra el "
		     "ciberdelito se firmó en Hanói y es el primer tratado "
		     "mundial sobre la materia."),
		"es");
	assert_string_equal(
		lang("Die Konvention der Vereinten Nationen gegen "
		     "Cyberkriminalität wurde in Hanoi unterzeichnet und ist "
		     "das erste weltweite Abkommen auf diesem Gebiet."),
		"de");
	/* Every word of this sentence is Malay as well as Indonesian: the
	 * language is unknown rather than a guess between the two. */
	assert_string_equal(lang("Negara-negara menandatangani konvensi "
				 "tersebut di Hanoi pada hari Sabtu dan "
				 "Minggu."),
			    "und");
	assert_string_equal(lang("Negara-negara menandatangani konvensi "
				 "tersebut di Hanoi pada hari Sabtu dan "
				 "Minggu, karena pemerintah mengatakan bahwa "
				 "kerja sama itu bisa dimulai tahun ini."),
			    "id");
	assert_string_equal(lang("وقعت الدول على الاتفاقية في هانوي."), "ar");
	/* Latin words around Arabic text do not outvote the script. */
	assert_string_equal(lang("Source: https://www.vietnamplus.vn "
				 "وقعت الدول على الاتفاقية في هانوي اليوم"),
			    "ar");
}

static void test_language_case_insensitive(void **state)
{
	(void)state;
	assert_string_equal(lang("LE PRÉSIDENT ET LES MINISTRES SONT DANS LA "
				 "SALLE, CE QUI A ÉTÉ NOTÉ."),
			    "fr");
	assert_string_equal(lang("CÁC BỘ VÀ NGÀNH ĐÃ ĐƯỢC GIAO NHIỆM VỤ "
				 "CỦA MỘT NGƯỜI."),
			    "vi");
	/* Decomposed accents (NFD) are composed before comparing. */
	assert_string_equal(lang("Ca\u0301c bo\u0323\u0302 va\u0300 nga\u0300nh "
				 "đa\u0303 \u0111u\u031bo\u031b\u0323c giao nhie\u0323\u0302m vu\u0323 "
				 "cu\u0309a mo\u0323\u0302t ngu\u031bo\u031b\u0300i."),
			    "vi");
	/* A mark does not split a word: "le\u0301" is not "le". */
	assert_string_equal(lang("le\u0301 le\u0301 le\u0301 le\u0301 Hanoi"),
			    "und");
}

static void test_language_undetermined(void **state)
{
	(void)state;
	assert_string_equal(detect_language("", 0), "und");
	assert_string_equal(detect_language(NULL, 0), "und");
	assert_string_equal(lang("2025 1.500 26-10 (0) 110"), "und");
	assert_string_equal(lang("... --- !!! ,,,"), "und");
	assert_string_equal(lang("Hanoi Convention"), "und");
	assert_string_equal(lang("le la"), "und");
	assert_string_equal(lang("هانوي"), "und");
	/* Words, but none of them function words. */
	assert_string_equal(lang("Hanoi Vietnam Convention Cybercrime "
				 "Signing Ceremony Rehearsal"),
			    "und");
	/* Three hits each for French and Spanish: no clear winner. */
	assert_string_equal(lang("la de en"), "und");
	/* Two hits only. */
	assert_string_equal(lang("Hanoi et Paris sont loin"), "und");
}

static void test_language_invalid_utf8(void **state)
{
	(void)state;
	static const char fr[] =
		"Le \xff pr\xc3sident a \xfe\xfe inspect\xe9 la "
		"r\xc3\xa9p\xc3\xa9tition de la c\xe9r\xe9monie et des "
		"d\xc3\xa9l\xc3\xa9gations dans la salle \xe2\x80";
	assert_string_equal(detect_language(fr, sizeof fr - 1), "fr");

	static const char junk[] = "\xff\xfe\xfd\xc0\xc1\xf5\xf8\x80\xbf"
				   "\xed\xa0\x80\xef\xbf";
	assert_string_equal(detect_language(junk, sizeof junk - 1), "und");

	/* n is honoured: the bytes after it are never read as text. */
	static const char cut[] = "et la le de qui une pour dans avec les";
	assert_string_equal(detect_language(cut, 2), "und");
	assert_string_equal(detect_language(cut, sizeof cut - 1), "fr");
}

/* ---- source line --------------------------------------------------------- */

static void test_source_corpus_lines(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		int line;
		const char *url;
	} cases[] = {
		{ FR, 14,
		  "https://www.vietnamplus.vn/chu-tich-nuoc-luong-cuong-kiem-"
		  "tra-buoi-tong-duyet-le-mo-ky-cong-uoc-ha-noi-post1072119.vnp" },
		{ AR, 14,
		  "https://www.vietnamplus.vn/chu-tich-nuoc-luong-cuong-kiem-"
		  "tra-buoi-tong-duyet-le-mo-ky-cong-uoc-ha-noi-post1072119.vnp" },
		{ ID_DISC, 23,
		  "https://baoquocte.vn/phien-thao-luan-cap-cao-ve-cong-uoc-ha-"
		  "noi-tinh-doan-ket-quoc-te-trong-bao-ve-khong-giant-mang-an-"
		  "toan-lanh-manh-va-ben-vung-332240.html" },
		{ ID_RECV, 6,
		  "https://www.vietnamplus.vn/tong-bi-thu-tiep-truong-doan-cac-"
		  "nuoc-du-le-mo-ky-cong-uoc-ha-noi-post1072749.vnp" },
		{ ID_REH, 26,
		  "https://daibieunhandan.vn/chu-tich-nuoc-luong-cuong-chu-tri-"
		  "tong-duyet-le-mo-ky-cong-uoc-lien-hop-quoc-ve-chong-toi-pham-"
		  "mang-10392656.html" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *line = corpus_line(cases[i].path, cases[i].line);
		assert_source(line, cases[i].url);
		free(line);
	}
}

/* Exactly one line of each corpus file is a source line. */
static void test_source_one_per_file(void **state)
{
	(void)state;
	static const char *const files[] = { AR, FR, ID_DISC, ID_RECV,
					     ID_REH };
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		size_t n;
		char *buf = test_slurp(files[f], &n);
		int found = 0;
		for (char *p = buf; *p;) {
			size_t len = strcspn(p, "\n");
			char *url = detect_source_line(p, len);
			if (url) {
				found++;
				assert_memory_equal(url, "https://", 8);
				free(url);
			}
			p += len + (p[len] == '\n');
		}
		assert_int_equal(found, 1);
		free(buf);
	}
}

static void test_source_variants(void **state)
{
	(void)state;
	assert_source("Source: https://www.vietnamplus.vn/a-post1.vnp",
		      "https://www.vietnamplus.vn/a-post1.vnp");
	assert_source("Sumber: https://baoquocte.vn/x.html",
		      "https://baoquocte.vn/x.html");
	assert_source("المصدر: https://www.vietnamplus.vn/x.vnp",
		      "https://www.vietnamplus.vn/x.vnp");
	/* Right-to-left mark before the Arabic label. */
	assert_source("\u200fالمصدر: https://www.vietnamplus.vn/x.vnp",
		      "https://www.vietnamplus.vn/x.vnp");
	assert_source("Nguồn: https://nhandan.vn/a.html",
		      "https://nhandan.vn/a.html");
	assert_source("Fuente: http://example.org/es", "http://example.org/es");
	assert_source("Quelle: https://example.de/x", "https://example.de/x");
	assert_source("Sources: https://example.org/y", "https://example.org/y");
	assert_source("Nguồn：https://nhandan.vn/b.html",
		      "https://nhandan.vn/b.html");
	/* Case, spaces around the colon, trailing text and CR. */
	assert_source("  \tsource :  HTTPS://example.org/a b",
		      "HTTPS://example.org/a");
	assert_source("SUMBER:https://example.org/q?x=1&y=2\r",
		      "https://example.org/q?x=1&y=2");
	assert_source("Source: https://example.org/p\xc2\xa0(0)",
		      "https://example.org/p");
}

static void test_source_not_source(void **state)
{
	(void)state;
	assert_source("Source of the problem is the lack of trust.", NULL);
	assert_source("Source: the Ministry of Public Security", NULL);
	assert_source("Sumber: belum diketahui", NULL);
	assert_source("Source https://example.org/x", NULL);
	assert_source("Source - https://example.org/x", NULL);
	assert_source("Source: ftp://example.org/x", NULL);
	assert_source("Source: https://", NULL);
	assert_source("Source:", NULL);
	assert_source("Source", NULL);
	assert_source("Resource: https://example.org/x", NULL);
	assert_source("See https://example.org/x", NULL);
	assert_source("(TTXVN/Vietnam+)", NULL);
	assert_source("Comment (0)", NULL);
	assert_source("Komentar (0)", NULL);
	assert_source("", NULL);
	assert_null(detect_source_line(NULL, 0));
	assert_null(detect_source_line("Source: https://example.org", 7));
}

/* The label table: one line per language, and labels that must not pass. */
static void test_source_languages(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"Источник: https://ria.ru/a.html",
		"ИСТОЧНИК: https://ria.ru/a.html",
		"Джерело: https://ria.ru/a.html",
		"מקור: https://ria.ru/a.html",
		"\u200fמקור: https://ria.ru/a.html",
		"منبع: https://ria.ru/a.html",
		"المصدر: https://ria.ru/a.html",
		"来源：https://ria.ru/a.html",
		"來源: https://ria.ru/a.html",
		"出典：https://ria.ru/a.html",
		"출처: https://ria.ru/a.html",
		"ที่มา: https://ria.ru/a.html",
		"स्रोत: https://ria.ru/a.html",
		"Fuente: https://ria.ru/a.html",
		"Quelle: https://ria.ru/a.html",
		"Fonte: https://ria.ru/a.html",
		"Fonti: https://ria.ru/a.html",
		"Kaynak: https://ria.ru/a.html",
		"Nguồn: https://ria.ru/a.html",
		"Źródło: https://ria.ru/a.html",
		"ŹRÓDŁO: https://ria.ru/a.html",
		"Bron: https://ria.ru/a.html",
		"Sumber: https://ria.ru/a.html",
		"Source : https://ria.ru/a.html",
		"Πηγή: https://ria.ru/a.html",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		assert_source(lines[i], "https://ria.ru/a.html");
	/* a label of another word, or the label inside a sentence */
	assert_source("Источник сообщил: https://ria.ru/a.html", NULL);
	assert_source("Bronnenlijst: https://ria.ru/a.html", NULL);
	assert_source("Das ist die Quelle: https://ria.ru/a.html", NULL);
	assert_source("מקור: משרד הבריאות", NULL);
	assert_source("来源：新华社", NULL);
}

static void test_source_bounds_and_bytes(void **state)
{
	(void)state;
	static const char line[] = "Source: https://a.vn/xyz";
	char *url = detect_source_line(line, sizeof line - 3);
	assert_non_null(url);
	assert_string_equal(url, "https://a.vn/x");
	free(url);

	/* The URL stops before bytes that are not UTF-8. */
	assert_source("Source: https://a.vn/x\xff\xfe", "https://a.vn/x");
	assert_source("Sour\xff: https://a.vn/x", NULL);
	assert_source("\xc3", NULL);
}

/* ---- title --------------------------------------------------------------- */

static void test_title_corpus(void **state)
{
	(void)state;
	assert_corpus_title(
		FR, 1, 60,
		"Le matin du 23 octobre, au Centre national des congrès, le…");
	assert_corpus_title(
		FR, 1, 200,
		"Le matin du 23 octobre, au Centre national des congrès, le "
		"président Luong Cuong a inspecté la répétition de la "
		"cérémonie de signature et de la Conférence de haut niveau de "
		"la Convention des Nations…");
	assert_corpus_title(
		FR, 2, 200,
		"Étaient également présents le vice- Premier ministre Bui "
		"Thanh Son, les dirigeants des ministères centraux, des "
		"branches et de la ville de Hanoi.");
	assert_corpus_title(
		AR, 1, 60,
		"وفي صباح يوم 23 أكتوبر/تشرين الأول، تفقد الرئيس لونغ كونغ…");
	assert_corpus_title(
		AR, 1, 200,
		"وفي صباح يوم 23 أكتوبر/تشرين الأول، تفقد الرئيس لونغ كونغ في "
		"مركز المؤتمرات الوطني بروفة حفل التوقيع والمؤتمر رفيع المستوى "
		"لاتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية (اتفاقية "
		"هانوي )، الذي…");
	assert_corpus_title(
		AR, 2, 200,
		"وحضر الحفل أيضًا نائب رئيس الوزراء بوي ثانه سون، ورؤساء "
		"الوزارات المركزية والفروع ومدينة هانوي.");
	assert_corpus_title(
		ID_RECV, 1, 60,
		"Pada sore hari tanggal 25 Oktober, di Markas Besar Komite…");
	assert_corpus_title(
		ID_RECV, 1, 200,
		"Pada sore hari tanggal 25 Oktober, di Markas Besar Komite "
		"Sentral Partai, Sekretaris Jenderal To Lam menerima kepala "
		"delegasi dari negara-negara yang menghadiri upacara "
		"penandatanganan Konvensi…");
	assert_corpus_title(
		ID_REH, 1, 60,
		"Turut hadir dalam inspeksi tersebut adalah Wakil Perdana…");
	assert_corpus_title(
		ID_REH, 1, 200,
		"Turut hadir dalam inspeksi tersebut adalah Wakil Perdana "
		"Menteri Bui Thanh Son, para pemimpin kementerian dan lembaga "
		"pusat, serta pemerintah kota Hanoi .");
	assert_corpus_title(
		ID_DISC, 2, 200,
		"| Ringkasan sesi diskusi tingkat tinggi yang diadakan pada "
		"pagi hari tanggal 26 Oktober.");
	/* "1.000" is no sentence end. */
	assert_corpus_title(
		ID_DISC, 3, 60,
		"Dalam pidato pembukaannya, Letnan Jenderal Senior Pham The…");
	assert_corpus_title(
		ID_DISC, 3, 200,
		"Dalam pidato pembukaannya, Letnan Jenderal Senior Pham The "
		"Tung, atas nama Kementerian Keamanan Publik, menyampaikan "
		"salam hangatnya kepada lebih dari 1.000 delegasi dari 110 "
		"delegasi negara dan…");
	/* "Hanoi.Ini": a period glued to a capital ends the sentence. */
	assert_corpus_title(
		ID_REH, 25, 200,
		"Oleh karena itu, Konvensi akan dibuka untuk penandatanganan di "
		"Hanoi pada tanggal 25-26 Oktober 2025, dan akan dikenal "
		"sebagai Konvensi Hanoi.");
}

static void test_title_sentence_ends(void **state)
{
	(void)state;
	assert_title("Sekitar 1.500 delegasi hadir di Hanoi. Mereka datang "
		     "dari 110 negara.",
		     200, "Sekitar 1.500 delegasi hadir di Hanoi.");
	assert_title("Konvensi Hanoi.Ini adalah kali pertama.", 200,
		     "Konvensi Hanoi.");
	assert_title("Dibuka pada Oktober 2025.Ini kali pertama.", 200,
		     "Dibuka pada Oktober 2025.");
	assert_title("(TTXVN/Vietnam+) Presiden tiba. Lalu rapat dimulai.",
		     200, "(TTXVN/Vietnam+) Presiden tiba.");
	assert_title("Nilai U.S.A naik tajam. Lalu turun.", 200,
		     "Nilai U.S.A naik tajam.");
	assert_title("Laporan di www.vietnamplus.vn hari ini! Lalu apa?", 200,
		     "Laporan di www.vietnamplus.vn hari ini!");
	assert_title("Apa artinya? Banyak hal.", 200, "Apa artinya?");
	assert_title("ماذا يعني ذلك؟ الكثير.", 200, "ماذا يعني ذلك؟");
	assert_title("Dan kemudian… semuanya berubah.", 200, "Dan kemudian…");
	assert_title("Tunggu... lalu pergi.", 200, "Tunggu...");
	assert_title("Ia berkata \"Selesai.\" Lalu pergi.", 200,
		     "Ia berkata \"Selesai.\"");
	assert_title("Tanpa titik di akhir", 200, "Tanpa titik di akhir");
	assert_title("Berakhir di sini.", 200, "Berakhir di sini.");
	/* White space trimmed, runs collapsed, newlines flattened. */
	assert_title("  \t Hello \n\n  world.  \n Next.", 200, "Hello world.");
	assert_title("", 60, "");
	assert_title("   \n\t ", 60, "");
}

static void test_title_shortening(void **state)
{
	(void)state;
	/* Cut at the last space that fits, comma dropped before "…". */
	assert_title("Le matin du 23 octobre, au Centre national.", 25,
		     "Le matin du 23 octobre…");
	/* Arabic comma dropped too. */
	assert_title("تفقد الرئيس الأول، الذي سيعقد في هانوي.", 20,
		     "تفقد الرئيس الأول…");
	/* No space: cut at a character boundary. */
	assert_title("Supercalifragilistic.", 10, "Supercali…");
	/* Wide characters: never beyond max_cols, never half a character. */
	assert_title("東京で会議が開かれた。", 9, "東京で会…");
	assert_title("東京で会議が開かれた。", 10, "東京で会…");
	/* Exactly max_cols is kept whole. */
	assert_title("Tepat dua puluh satu", 20, "Tepat dua puluh satu");
	assert_title("Tepat dua puluh satu", 19, "Tepat dua puluh…");
	assert_title("Hanoi", 1, "…");
	assert_title("Hanoi", 0, "");
	assert_title("Hanoi", -5, "");
}

static void test_title_every_script(void **state)
{
	(void)state;
	assert_title("प्रधानमंत्री ने आज दिल्ली में बैठक की। इसमें कई मंत्री शामिल हुए।", 200,
		     "प्रधानमंत्री ने आज दिल्ली में बैठक की।");
	assert_title("पहली पंक्ति॥ दूसरी पंक्ति॥", 200, "पहली पंक्ति॥");
	assert_title("北京举行会议。各国代表出席。", 200, "北京举行会议。");
	assert_title("本当ですか？はい、本当です。", 200, "本当ですか？");
	assert_title("すごい！次へ。", 200, "すごい！");
	assert_title("会議は「成功した。」と述べた。次。", 200, "会議は「成功した。」");
	assert_title("کیا یہ سچ ہے؟ ہاں۔", 200, "کیا یہ سچ ہے؟");
	assert_title("یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔", 200, "یہ پہلا جملہ ہے۔");
	assert_title("ይህ የመጀመሪያው ነው። ሁለተኛው።", 200, "ይህ የመጀመሪያው ነው።");
	assert_title("Это правда? Да.", 200, "Это правда?");
	assert_title("הממשלה החליטה היום. הדיון נמשך.", 200, "הממשלה החליטה היום.");
	assert_title("Was nun‽ Weiter.", 200, "Was nun‽");
	/* the dot of a German ordinal day is no sentence end */
	assert_title("Die Konferenz begann am 10. März in Berlin. Danach mehr.", 200,
		     "Die Konferenz begann am 10. März in Berlin.");
	assert_title("Es endete 2024. Danach mehr.", 200, "Es endete 2024.");
	/* a wide end needs no space after it, a danda does */
	assert_title("यह १०।५ है। अगला।", 200, "यह १०।५ है।");
}

static void test_title_shortening_clusters(void **state)
{
	(void)state;
	/* Thai has no spaces between words: a word longer than the room is
	 * cut between whole clusters (a consonant with its vowel and tone
	 * marks). */
	char *t = title("ประชุมสุดยอดผู้นำประเทศที่กรุงเทพมหานคร", 10);
	assert_string_equal(t, "ประชุมสุดยอ…");
	free(t);
	/* Hindi: a consonant and its vowel sign stay together. */
	t = title("प्रधानमंत्री", 3);
	size_t len = strlen(t);
	assert_string_equal(t + len - 3, "…");
	assert_true(u8_width((const uint8_t *)t, len, "UTF-8") <= 3);
	assert_string_equal(t, "प्र…");
	free(t);
	/* Chinese with one early space: cut at a character, not the space. */
	assert_title("北京 举行了一次非常重要的国际会议", 12, "北京 举行了…");
	/* an emoji cluster (with a skin tone) is never split */
	assert_title("Hi \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
		     "there", 10, "Hi \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD…");
	/* an accent in decomposed form stays with its letter */
	assert_title("Cafe\xcc\x81 noir et cre\xcc\x80me", 5, "Cafe\xcc\x81…");
	/* full-width comma dropped before "…" */
	assert_title("北京，上海，广州，深圳", 6, "北京…");
}

/* Thai, Lao and Khmer titles are cut between words, as the layout wraps
 * them, never inside one ("โรงพยาบา…" for โรงพยาบาล, hospital). */
static void test_title_shortening_words(void **state)
{
	(void)state;
	static const char hospital[] = "โรงพยาบาลประจำอำเภอได้ย้ายผู้ป่วย";
	assert_title(hospital, 12, "โรงพยาบาล…");
	assert_title(hospital, 20, "โรงพยาบาลประจำอำเภอ…");
	/* room for all of โรงพยาบ but the word's end: the word before it */
	assert_title(hospital, 9, "โรง…");
	/* the "…ทั่วประเทศตั้" */
	assert_title("น้ำท่วมหลายจังหวัดทั่วประเทศตั้งแต่ต้นสัปดาห์", 24,
		     "น้ำท่วมหลายจังหวัดทั่วประเทศ…");
	/* a word boundary after the last space that fits is taken */
	assert_title("ข่าว น้ำท่วมหลายจังหวัดทั่วประเทศตั้งแต่ต้นสัปดาห์", 28,
		     "ข่าว น้ำท่วมหลายจังหวัดทั่วประเทศ…");
	/* Lao: ຂອງ (of) ends a word, ປະເທດ (country) is not cut */
	assert_title("ຝົນຕົກໜັກຢູ່ພາກເໜືອຂອງປະເທດເຮັດໃຫ້ຖະໜົນຫຼາຍສາຍຖືກນ້ຳຖ້ວມ", 20,
		     "ຝົນຕົກໜັກຢູ່ພາກເໜືອຂອງ…");
	/* Khmer: a stacked consonant (after the coeng) is never left alone */
	assert_title("ភ្លៀងធ្លាក់ខ្លាំងនៅភាគខាងជើងនៃប្រទេស", 20, "ភ្លៀងធ្លាក់ខ្លាំងនៅភាគ…");
}

/* Every width: fits, valid UTF-8, and a prefix of the sentence plus "…". */
static void test_title_width_accounting(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		int line;
	} cases[] = { { FR, 1 }, { AR, 1 }, { ID_RECV, 1 }, { ID_DISC, 3 } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = corpus_line(cases[i].path, cases[i].line);
		char *full = title(s, 100000);
		size_t full_len = strlen(full);
		size_t full_w = u8_width((const uint8_t *)full, full_len,
					 "UTF-8");
		for (int cols = 1; cols <= 220; cols++) {
			char *t = title(s, cols);
			size_t len = strlen(t);
			if ((size_t)cols >= full_w) {
				assert_string_equal(t, full);
			} else {
				assert_true(len >= 3);
				assert_string_equal(t + len - 3, "…");
				assert_true(len - 3 <= full_len);
				assert_memory_equal(t, full, len - 3);
			}
			free(t);
		}
		free(full);
		free(s);
	}
}

static void test_title_invalid_utf8(void **state)
{
	(void)state;
	assert_title("Bonjour \xff\xfe monde. Suite.", 200,
		     "Bonjour \xEF\xBF\xBD\xEF\xBF\xBD monde.");
	/* A truncated sequence at the very end. */
	assert_title("Hanoi \xe2\x80", 200, "Hanoi \xEF\xBF\xBD");
	/* Shortened inside invalid bytes: still valid UTF-8 and in width. */
	char *t = title("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 5);
	assert_string_equal(t, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
			       "\xEF\xBF\xBD…");
	free(t);

	/* n is honoured. */
	static const char s[] = "Hanoi. Paris.";
	t = detect_title(s, 3, 60);
	assert_non_null(t);
	assert_string_equal(t, "Han");
	free(t);
	t = detect_title(NULL, 0, 60);
	assert_non_null(t);
	assert_string_equal(t, "");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_corpus),
		cmocka_unit_test(test_language_samples),
		cmocka_unit_test(test_language_case_insensitive),
		cmocka_unit_test(test_language_undetermined),
		cmocka_unit_test(test_language_invalid_utf8),
		cmocka_unit_test(test_source_corpus_lines),
		cmocka_unit_test(test_source_one_per_file),
		cmocka_unit_test(test_source_variants),
		cmocka_unit_test(test_source_not_source),
		cmocka_unit_test(test_source_languages),
		cmocka_unit_test(test_source_bounds_and_bytes),
		cmocka_unit_test(test_title_corpus),
		cmocka_unit_test(test_title_sentence_ends),
		cmocka_unit_test(test_title_shortening),
		cmocka_unit_test(test_title_every_script),
		cmocka_unit_test(test_title_shortening_clusters),
		cmocka_unit_test(test_title_shortening_words),
		cmocka_unit_test(test_title_width_accounting),
		cmocka_unit_test(test_title_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
