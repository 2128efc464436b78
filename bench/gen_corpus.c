/* gen_corpus.c — `make bench`: writes the deterministic corpora the
 * benchmark reads, not a test.
 *
 * N articles of news in six languages and five scripts (French and English
 * in Latin, Arabic, Russian in Cyrillic, Thai, Chinese in Han), about a
 * made-up story of many dated events: each article a first paragraph giving
 * its date in its language (one in 1000 with the rare word
 * "Ouagadougou"), then 4 to 14 paragraphs of sentences (some
 * mentioning another event's date, some a figure), now and then an image
 * placeholder or a caption, and a trailing source line. About 5 KB each.
 *
 * Two directories under OUTDIR:
 *   corpus-N/  the articles and a corpus.ini: events with dates, places and
 *              titles in several languages; articles in translation groups of
 *              up to six languages sharing a source; a quarter of the
 *              sections give every field, the rest leave some to detection.
 *   plain-N/   the same article files (hard links when the file system
 *              allows) without a manifest: everything detected.
 * A stamp file OUTDIR/corpus-N.stamp is written last; when it is there the
 * corpora are kept as they are (delete it, or the directories, to remake).
 *
 * Usage: gen_corpus OUTDIR N
 * Prints one line saying what it did; exits 1 when it cannot write. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GROUP_MAX 6 /* translations of one report */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static size_t rnd(size_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (size_t)((rng >> 33) % n);
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen_corpus: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* One language: how it writes words, sentences, dates and the source line. */
struct lang {
	const char *code;
	const char *sep;            /* between words ("" for Thai and Chinese) */
	const char *stop;           /* ends a sentence */
	const char *const *words;   /* common words */
	size_t nwords;
	const char *const *months;  /* 12 month names */
	const char *date_fmt;       /* %d day, %s month, %d year */
	int day_first;              /* date_fmt takes the day before the month */
	const char *source;         /* label of the trailing source line */
	const char *figure;         /* a sentence with a number: %d */
};

#define N(a) (sizeof(a) / sizeof(a)[0])

static const char *const fr_words[] = {
	"le", "la", "les", "des", "une", "convention", "délégation", "ministre", "accord",
	"signature", "cérémonie", "réunion", "gouvernement", "pays", "sécurité", "coopération",
	"internationale", "Nations", "Unies", "président", "a", "déclaré", "que", "dans", "pour",
	"été", "était", "plusieurs", "États", "réseau", "données", "criminalité", "Hanoï",
	"sommet", "conférence", "économique", "développement", "journalistes", "sur", "avec",
};
static const char *const fr_months[] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	"octobre", "novembre", "décembre",
};
static const char *const en_words[] = {
	"the", "a", "of", "and", "to", "in", "convention", "delegation", "minister", "agreement",
	"signing", "ceremony", "meeting", "government", "countries", "security", "cooperation",
	"international", "United", "Nations", "president", "said", "that", "for", "was", "were",
	"several", "states", "network", "data", "crime", "Hanoi", "summit", "conference",
	"economic", "development", "reporters", "on", "with", "officials",
};
static const char *const en_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December",
};
static const char *const ar_words[] = {
	"في", "من", "على", "إلى", "أن", "الاتفاقية", "الوفد", "الوزير", "التوقيع", "حفل",
	"الاجتماع", "الحكومة", "الدول", "الأمن", "التعاون", "الدولي", "الأمم", "المتحدة",
	"الرئيس", "قال", "وقد", "عدة", "الشبكة", "البيانات", "الجرائم", "الإلكترونية",
	"هانوي", "القمة", "المؤتمر", "الاقتصادية", "التنمية", "الصحفيين", "مع", "المسؤولين",
};
static const char *const ar_months[] = {
	"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
	"أكتوبر", "نوفمبر", "ديسمبر",
};
static const char *const ru_words[] = {
	"и", "в", "на", "что", "с", "по", "конвенция", "делегация", "министр", "соглашение",
	"подписание", "церемония", "встреча", "правительство", "страны", "безопасность",
	"сотрудничество", "международное", "Объединённых", "Наций", "президент", "заявил",
	"было", "несколько", "государств", "сеть", "данные", "преступность", "Ханой", "саммит",
	"конференция", "экономического", "развития", "журналисты", "для", "официальные",
};
static const char *const ru_months[] = {
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
	"октября", "ноября", "декабря",
};
static const char *const th_words[] = {
	"อนุสัญญา", "คณะผู้แทน", "รัฐมนตรี", "ข้อตกลง", "การลงนาม", "พิธี", "การประชุม",
	"รัฐบาล", "ประเทศ", "ความมั่นคง", "ความร่วมมือ", "ระหว่างประเทศ", "สหประชาชาติ",
	"ประธานาธิบดี", "กล่าวว่า", "ที่", "และ", "ใน", "ของ", "ได้", "หลาย", "เครือข่าย",
	"ข้อมูล", "อาชญากรรม", "ฮานอย", "การประชุมสุดยอด", "เศรษฐกิจ", "การพัฒนา", "ผู้สื่อข่าว",
};
static const char *const th_months[] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
	"สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};
static const char *const zh_words[] = {
	"公约", "代表团", "部长", "协议", "签署", "仪式", "会议", "政府", "国家", "安全", "合作",
	"国际", "联合国", "主席", "表示", "的", "在", "和", "了", "多个", "网络", "数据", "犯罪",
	"河内", "峰会", "经济", "发展", "记者", "官员", "举行",
};
static const char *const num_months[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
};

static const struct lang langs[] = {
	{"fr", " ", ". ", fr_words, N(fr_words), fr_months, "le %d %s %d", 1, "Source",
	 "Selon les organisateurs, %d délégations ont participé"},
	{"en", " ", ". ", en_words, N(en_words), en_months, "on %d %s %d", 1, "Source",
	 "According to the organisers, %d delegations took part"},
	{"ar", " ", ". ", ar_words, N(ar_words), ar_months, "في %d %s %d", 1, "المصدر",
	 "وبحسب المنظمين، شارك %d وفدا"},
	{"ru", " ", ". ", ru_words, N(ru_words), ru_months, "%d %s %d года", 1, "Источник",
	 "По словам организаторов, участвовали %d делегаций"},
	{"th", "", " ", th_words, N(th_words), th_months, "วันที่ %d %s %d", 1, "ที่มา",
	 "ผู้จัดงานระบุว่ามีคณะผู้แทน %d คณะเข้าร่วม"},
	{"zh", "", "。", zh_words, N(zh_words), num_months, "%d年%s月%d日", 0, "来源",
	 "据主办方介绍，共有%d个代表团参加"},
};
#define NLANGS N(langs)

static const char *const places[] = {
	"Hanoi", "Geneva", "New York", "Bangkok", "Moscow", "Beijing", "Paris", "Cairo",
};

struct event {
	int y, m, d;
};

static void put_date(FILE *f, const struct lang *l, const struct event *e)
{
	if (l->day_first)
		fprintf(f, l->date_fmt, e->d, l->months[e->m - 1], e->y);
	else
		fprintf(f, l->date_fmt, e->y, l->months[e->m - 1], e->d);
}

static void put_sentence(FILE *f, const struct lang *l, size_t words)
{
	for (size_t i = 0; i < words; i++) {
		const char *w = l->words[rnd(l->nwords)];
		if (i == 0 && l->sep[0] && w[0] >= 'a' && w[0] <= 'z') /* capitalised */
			fprintf(f, "%c%s", w[0] - 'a' + 'A', w + 1);
		else
			fprintf(f, "%s%s", i ? l->sep : "", w);
	}
	fputs(l->stop, f);
}

/* Article k, of report `report` in language l, about event ev. */
static void write_article(FILE *f, const struct lang *l, const struct event *events,
                          size_t nevents, size_t ev, size_t report, size_t k)
{
	/* the same report in every language has the same shape */
	uint64_t saved = rng;
	rng = 0x51ed2701ull + report * 7919u;
	size_t paras = 4 + rnd(11);
	uint64_t shape = rng;
	rng = saved ^ (uint64_t)(l - langs) * 0x100000001b3ull;

	put_sentence(f, l, 6 + rnd(6));
	put_date(f, l, &events[ev]);
	fprintf(f, ", %s%s", places[ev % N(places)], l->stop);
	put_sentence(f, l, 10 + rnd(10));
	/* a rare word, for the search: one article in 1000 */
	if (k % 1000 == 7)
		fprintf(f, " Ouagadougou%s", l->stop);
	fputs("\n\n", f);
	for (size_t p = 1; p < paras; p++) {
		uint64_t keep = rng;
		rng = shape + p;
		size_t sentences = 2 + rnd(5);
		int kind = (int)rnd(12);
		rng = keep ^ (shape + p);
		if (kind == 0) {
			fputs("![](image.jpg)\n\n", f);
		} else if (kind == 1) {
			fputs("| ", f);
			put_sentence(f, l, 6 + rnd(6));
			fputs(" (Photo: VNA) |\n\n", f);
		}
		for (size_t s = 0; s < sentences; s++) {
			int what = (int)rnd(8);
			if (what == 0) {
				put_sentence(f, l, 4 + rnd(4));
				put_date(f, l, &events[rnd(nevents)]);
				fputs(l->stop, f);
			} else if (what == 1) {
				fprintf(f, l->figure, 10 + (int)rnd(190));
				fputs(l->stop, f);
			} else {
				put_sentence(f, l, 8 + rnd(16));
			}
		}
		fputs("\n\n", f);
	}
	fprintf(f, "%s: https://news.example/%s/report-%zu\n", l->source, l->code, report);
}

static void mkdir_p(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("cannot create", path);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s OUTDIR N\n", argv[0]);
		return 1;
	}
	const char *out = argv[1];
	size_t n = strtoul(argv[2], NULL, 10);
	char stamp[PATH_MAX], dir[PATH_MAX], plain[PATH_MAX], path[PATH_MAX], link_to[PATH_MAX];
	if (n == 0 || n > 10000000) {
		fprintf(stderr, "gen_corpus: N must be 1 to 10000000\n");
		return 1;
	}
	snprintf(stamp, sizeof stamp, "%s/corpus-%zu.stamp", out, n);
	snprintf(dir, sizeof dir, "%s/corpus-%zu", out, n);
	snprintf(plain, sizeof plain, "%s/plain-%zu", out, n);
	if (access(stamp, F_OK) == 0) {
		printf("corpus: %zu articles in %s and %s (generated before)\n", n, dir, plain);
		return 0;
	}
	mkdir_p(out);
	mkdir_p(dir);
	mkdir_p(plain);

	/* events: one every few days from 2024-01-01, about one per 50 articles */
	size_t nevents = n / 50 + 2;
	struct event *events = calloc(nevents, sizeof *events);
	if (!events)
		die("out of memory for", "events");
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	struct event cur = {2024, 1, 1};
	for (size_t e = 0; e < nevents; e++) {
		events[e] = cur;
		for (size_t step = 1 + rnd(4); step > 0; step--) {
			int len = mdays[cur.m - 1] + (cur.m == 2 && cur.y % 4 == 0);
			if (++cur.d > len) {
				cur.d = 1;
				if (++cur.m > 12) {
					cur.m = 1;
					cur.y++;
				}
			}
		}
	}

	snprintf(path, sizeof path, "%.4000s/corpus.ini", dir);
	FILE *man = fopen(path, "w");
	if (!man)
		die("cannot write", path);
	fprintf(man, "; %zu generated articles in six languages\n[corpus]\n"
	             "title = Generated archive of %zu articles\n\n", n, n);
	for (size_t e = 0; e < nevents; e++) {
		fprintf(man, "[event e%zu]\ndate = %04d-%02d-%02d\nplace = %s\n"
		             "title = Meeting %zu of the convention's parties\n"
		             "title.fr = Réunion %zu des parties à la convention\n"
		             "title.ar = الاجتماع %zu للأطراف في الاتفاقية\n"
		             "title.ru = Встреча %zu сторон конвенции\n\n",
		        e, events[e].y, events[e].m, events[e].d, places[e % N(places)], e, e, e, e);
	}

	size_t bytes = 0;
	for (size_t k = 0; k < n;) {
		/* a report and its translations: one to six languages */
		size_t report = k, tr = 1 + rnd(GROUP_MAX);
		size_t ev = (report / 50 + rnd(3)) % nevents;
		size_t first = rnd(NLANGS);
		for (size_t t = 0; t < tr && k < n; t++, k++) {
			const struct lang *l = &langs[(first + t) % NLANGS];
			char name[64];
			snprintf(name, sizeof name, "a%06zu-%s.txt", k, l->code);
			snprintf(path, sizeof path, "%.4000s/%s", dir, name);
			FILE *f = fopen(path, "w");
			if (!f)
				die("cannot write", path);
			write_article(f, l, events, nevents, ev, report, k);
			long sz = ftell(f);
			if (ferror(f) | fclose(f) || sz < 0)
				die("cannot write", path);
			bytes += (size_t)sz;
			snprintf(link_to, sizeof link_to, "%.4000s/%s", plain, name);
			unlink(link_to);
			if (link(path, link_to) != 0) {
				/* another file system: a copy */
				FILE *in = fopen(path, "rb"), *o = fopen(link_to, "wb");
				char buf[1 << 15];
				size_t got;
				if (!in || !o)
					die("cannot copy to", link_to);
				while ((got = fread(buf, 1, sizeof buf, in)) > 0)
					if (fwrite(buf, 1, got, o) != got)
						die("cannot write", link_to);
				if (ferror(in) | fclose(in) | fclose(o))
					die("cannot write", link_to);
			}
			/* the manifest: every field for a quarter, some for the rest */
			int kind = (int)(k % 4);
			fprintf(man, "[article a%06zu]\nfile = %s\n", k, name);
			if (kind == 0 || kind == 2)
				fprintf(man, "lang = %s\n", l->code);
			if (kind == 0)
				fprintf(man, "date = %04d-%02d-%02d\ntitle = Report %zu (%s)\n",
				        events[ev].y, events[ev].m, events[ev].d, report, l->code);
			if (kind != 3)
				fprintf(man, "event = e%zu\n", ev);
			if (tr > 1 && kind != 1)
				fprintf(man, "group = r%zu\n", report);
			if (kind == 1)
				fprintf(man, "source = https://news.example/%s/report-%zu\n", l->code,
				        report);
			fputc('\n', man);
		}
	}
	if (ferror(man) | fclose(man))
		die("cannot write", path);
	free(events);
	FILE *s = fopen(stamp, "w");
	if (!s || fprintf(s, "%zu articles, %zu bytes of text\n", n, bytes) < 0 || fclose(s))
		die("cannot write", stamp);
	printf("corpus: %zu articles, %.1f MB of text, generated in %s and %s\n", n,
	       (double)bytes / 1e6, dir, plain);
	return 0;
}
