/* langid.c — owns language identification: the table of the languages
 * libexttextcat has fingerprints for (file, BCP 47 tag, script), the loaded
 * fingerprints (one set per process, loaded on first use under a mutex, then
 * only read), and the decision for a text: count its letters per script over
 * a bounded prefix; a script written by one language names it; otherwise the
 * letters of that script (at most LANGID_SAMPLE_MAX bytes) are compared, as
 * an n-gram profile, with the fingerprints of that script's languages only
 * (for the Latin script's hundred and more, first coarsely, then the closest
 * in full); close rivals are decided by the letters and words only one of
 * them uses; the winner must be clearly ahead of the runner-up, and the
 * text must repeat itself as language does. The fingerprint files are the
 * system's (Debian: /usr/share/libexttextcat), read by libexttextcat. */
#include "tandem/langid.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <textcat.h>
#include <fingerprint.h>
#include <unictype.h>
#include <uninorm.h>
#include <unicase.h>
#include <unistr.h>

#ifndef TANDEM_TEXTCAT_DIR
#define TANDEM_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* ---- scripts ------------------------------------------------------------- */

/* The scripts that decide something. SC_HANI and SC_KANA are told apart
 * because their mixture decides between Chinese and Japanese. */
enum script {
	SC_OTHER, SC_LATN, SC_CYRL, SC_ARAB, SC_HEBR, SC_GREK, SC_ARMN,
	SC_GEOR, SC_DEVA, SC_BENG, SC_GURU, SC_GUJR, SC_ORYA, SC_TAML,
	SC_TELU, SC_KNDA, SC_MLYM, SC_SINH, SC_THAI, SC_LAOO, SC_KHMR,
	SC_MYMR, SC_TIBT, SC_ETHI, SC_THAA, SC_HANG, SC_HANI, SC_KANA,
	SC_COUNT
};

static const struct {
	const char *unicode; /* libunistring's name */
	const char *iso;     /* ISO 15924 */
	const char *only;    /* the one language written in it, or NULL */
} scripts[SC_COUNT] = {
	[SC_OTHER] = { NULL, "Zyyy", NULL },
	[SC_LATN] = { "Latin", "Latn", NULL },
	[SC_CYRL] = { "Cyrillic", "Cyrl", NULL },
	[SC_ARAB] = { "Arabic", "Arab", NULL },
	[SC_HEBR] = { "Hebrew", "Hebr", NULL },
	[SC_GREK] = { "Greek", "Grek", "el" },
	[SC_ARMN] = { "Armenian", "Armn", "hy" },
	[SC_GEOR] = { "Georgian", "Geor", "ka" },
	[SC_DEVA] = { "Devanagari", "Deva", NULL },
	[SC_BENG] = { "Bengali", "Beng", "bn" },
	[SC_GURU] = { "Gurmukhi", "Guru", "pa" },
	[SC_GUJR] = { "Gujarati", "Gujr", "gu" },
	[SC_ORYA] = { "Oriya", "Orya", "or" },
	[SC_TAML] = { "Tamil", "Taml", "ta" },
	[SC_TELU] = { "Telugu", "Telu", "te" },
	[SC_KNDA] = { "Kannada", "Knda", "kn" },
	[SC_MLYM] = { "Malayalam", "Mlym", "ml" },
	[SC_SINH] = { "Sinhala", "Sinh", "si" },
	[SC_THAI] = { "Thai", "Thai", "th" },
	[SC_LAOO] = { "Lao", "Laoo", "lo" },
	[SC_KHMR] = { "Khmer", "Khmr", "km" },
	[SC_MYMR] = { "Myanmar", "Mymr", "my" },
	[SC_TIBT] = { "Tibetan", "Tibt", "bo" },
	[SC_ETHI] = { "Ethiopic", "Ethi", NULL },
	[SC_THAA] = { "Thaana", "Thaa", "dv" },
	[SC_HANG] = { "Hangul", "Kore", "ko" },
	[SC_HANI] = { "Han", "Hani", "zh" },
	[SC_KANA] = { "Hiragana", "Jpan", "ja" },
};

/* libunistring's script records, looked up once (pointers compare). */
static const uc_script_t *script_rec[SC_COUNT];
static const uc_script_t *katakana_rec;
static pthread_once_t scripts_once = PTHREAD_ONCE_INIT;

static void scripts_init(void)
{
	for (int s = 1; s < SC_COUNT; s++)
		script_rec[s] = uc_script_byname(scripts[s].unicode);
	katakana_rec = uc_script_byname("Katakana");
}

static enum script script_of(ucs4_t c)
{
	const uc_script_t *r = uc_script(c);
	if (!r)
		return SC_OTHER;
	if (r == script_rec[SC_LATN])
		return SC_LATN;
	if (r == katakana_rec)
		return SC_KANA;
	for (int s = 2; s < SC_COUNT; s++)
		if (r == script_rec[s])
			return (enum script)s;
	return SC_OTHER;
}

/* ---- fingerprints -------------------------------------------------------- */

/* The fingerprints of libexttextcat 3.4 (its fpdb.conf) of the languages
 * that share a script, with their BCP 47 tags and scripts. Those of the
 * languages a script names (Thai, Korean, Chinese, Japanese, Greek…) and of
 * Ancient Greek are left out: the script decides those. So are Rusyn,
 * whose fingerprint is nearer to Ukrainian text than Ukrainian's, and
 * Maithili and Bhojpuri, which take Hindi text the same way. */
static const struct lang {
	const char *file;
	const char *tag;
	enum script script;
} langs[] = {
	{ "ab.lm", "ab", SC_CYRL }, { "ace.lm", "ace", SC_LATN },
	{ "ada.lm", "ada", SC_LATN }, { "af.lm", "af", SC_LATN },
	{ "ak.lm", "ak", SC_LATN }, { "alt.lm", "alt", SC_CYRL },
	{ "am.lm", "am", SC_ETHI }, { "ar.lm", "ar", SC_ARAB },
	{ "arn.lm", "arn", SC_LATN }, { "ast.lm", "ast", SC_LATN },
	{ "ay.lm", "ay", SC_LATN }, { "az.lm", "az", SC_LATN },
	{ "az-Cyrl.lm", "az", SC_CYRL }, { "ban.lm", "ban", SC_LATN },
	{ "be.lm", "be", SC_CYRL }, { "bem.lm", "bem", SC_LATN },
	{ "bg.lm", "bg", SC_CYRL }, 
	{ "bi.lm", "bi", SC_LATN }, { "bik.lm", "bik", SC_LATN },
	{ "bm.lm", "bm", SC_LATN }, { "br.lm", "br", SC_LATN },
	{ "bs.lm", "bs", SC_LATN }, { "ca.lm", "ca", SC_LATN },
	{ "ckb.lm", "ckb", SC_ARAB }, { "cs.lm", "cs", SC_LATN },
	{ "cy.lm", "cy", SC_LATN }, { "da.lm", "da", SC_LATN },
	{ "de.lm", "de", SC_LATN }, { "ee.lm", "ee", SC_LATN },
	{ "emk-Latn.lm", "emk", SC_LATN }, { "en.lm", "en", SC_LATN },
	{ "eo.lm", "eo", SC_LATN }, { "es.lm", "es", SC_LATN },
	{ "et.lm", "et", SC_LATN }, { "eu.lm", "eu", SC_LATN },
	{ "fa.lm", "fa", SC_ARAB }, { "fi.lm", "fi", SC_LATN },
	{ "fj.lm", "fj", SC_LATN }, { "fo.lm", "fo", SC_LATN },
	{ "fr.lm", "fr", SC_LATN }, { "fur.lm", "fur", SC_LATN },
	{ "fy.lm", "fy", SC_LATN }, { "ga.lm", "ga", SC_LATN },
	{ "gd.lm", "gd", SC_LATN }, { "gl.lm", "gl", SC_LATN },
	{ "gug.lm", "gn", SC_LATN }, { "gv.lm", "gv", SC_LATN },
	{ "ha-NG.lm", "ha", SC_LATN }, { "haw.lm", "haw", SC_LATN },
	{ "he.lm", "he", SC_HEBR }, { "hi.lm", "hi", SC_DEVA },
	{ "hil.lm", "hil", SC_LATN }, { "hr.lm", "hr", SC_LATN },
	{ "hsb.lm", "hsb", SC_LATN }, { "ht.lm", "ht", SC_LATN },
	{ "hu.lm", "hu", SC_LATN }, { "ia.lm", "ia", SC_LATN },
	{ "id.lm", "id", SC_LATN }, { "is.lm", "is", SC_LATN },
	{ "it.lm", "it", SC_LATN }, { "kk.lm", "kk", SC_CYRL },
	{ "kl.lm", "kl", SC_LATN }, { "kng.lm", "kg", SC_LATN },
	{ "ktu.lm", "ktu", SC_LATN }, { "ky.lm", "ky", SC_CYRL },
	{ "la.lm", "la", SC_LATN }, { "lb.lm", "lb", SC_LATN },
	{ "lg.lm", "lg", SC_LATN }, { "ln.lm", "ln", SC_LATN },
	{ "lt.lm", "lt", SC_LATN }, { "lv.lm", "lv", SC_LATN },
	{ "mi.lm", "mi", SC_LATN },
	{ "mk.lm", "mk", SC_CYRL }, { "mn.lm", "mn", SC_CYRL },
	{ "mos.lm", "mos", SC_LATN }, { "mr.lm", "mr", SC_DEVA },
	{ "ms.lm", "ms", SC_LATN }, { "mt.lm", "mt", SC_LATN },
	{ "nb.lm", "nb", SC_LATN }, { "nds.lm", "nds", SC_LATN },
	{ "ne.lm", "ne", SC_DEVA }, { "nl.lm", "nl", SC_LATN },
	{ "nn.lm", "nn", SC_LATN }, { "nr.lm", "nr", SC_LATN },
	{ "nso.lm", "nso", SC_LATN }, { "ny.lm", "ny", SC_LATN },
	{ "oc.lm", "oc", SC_LATN }, { "om.lm", "om", SC_LATN },
	{ "pl.lm", "pl", SC_LATN }, { "plt.lm", "mg", SC_LATN },
	{ "pt.lm", "pt", SC_LATN }, { "quz.lm", "qu", SC_LATN },
	{ "qxa.lm", "qxa", SC_LATN }, { "rm.lm", "rm", SC_LATN },
	{ "ro.lm", "ro", SC_LATN }, { "ru.lm", "ru", SC_CYRL },
	{ "rw.lm", "rw", SC_LATN },
	{ "sa.lm", "sa", SC_DEVA }, { "sc.lm", "sc", SC_LATN },
	{ "sco.lm", "sco", SC_LATN }, { "sd.lm", "sd", SC_ARAB },
	{ "se.lm", "se", SC_LATN }, { "sg.lm", "sg", SC_LATN },
	{ "shs.lm", "shs", SC_LATN }, { "sk.lm", "sk", SC_LATN },
	{ "sl.lm", "sl", SC_LATN }, { "so.lm", "so", SC_LATN },
	{ "sq.lm", "sq", SC_LATN }, { "sr-Cyrl.lm", "sr", SC_CYRL },
	{ "sr-Latn.lm", "sr", SC_LATN }, { "ss.lm", "ss", SC_LATN },
	{ "st.lm", "st", SC_LATN }, { "sv.lm", "sv", SC_LATN },
	{ "sw.lm", "sw", SC_LATN }, { "tet.lm", "tet", SC_LATN },
	{ "tg.lm", "tg", SC_CYRL }, { "ti.lm", "ti", SC_ETHI },
	{ "tk.lm", "tk", SC_LATN }, { "tl.lm", "tl", SC_LATN },
	{ "tn.lm", "tn", SC_LATN }, { "tpi.lm", "tpi", SC_LATN },
	{ "tr.lm", "tr", SC_LATN }, { "ts.lm", "ts", SC_LATN },
	{ "tt.lm", "tt", SC_CYRL }, { "ty.lm", "ty", SC_LATN },
	{ "tzm-Latn.lm", "tzm", SC_LATN }, { "ug.lm", "ug", SC_ARAB },
	{ "uk.lm", "uk", SC_CYRL }, { "ur.lm", "ur", SC_ARAB },
	{ "uz.lm", "uz", SC_LATN }, { "uz-Cyrl.lm", "uz", SC_CYRL },
	{ "ve.lm", "ve", SC_LATN }, { "vep.lm", "vep", SC_LATN },
	{ "vi.lm", "vi", SC_LATN }, { "wa.lm", "wa", SC_LATN },
	{ "xh.lm", "xh", SC_LATN }, { "yi.lm", "yi", SC_HEBR },
	{ "yo.lm", "yo", SC_LATN }, { "zu.lm", "zu", SC_LATN },
};
#define NLANGS (sizeof langs / sizeof *langs)

/* The loaded fingerprints, parallel to langs[] (NULL where a file could not
 * be read): whole (FULL_NGRAMS n-grams) and coarse (the first
 * COARSE_NGRAMS, for the first pass). Written only under db_lock. */
enum { FULL_NGRAMS = 400, COARSE_NGRAMS = 100 };
static void *db[NLANGS], *db_coarse[NLANGS];
static void *db_empty; /* a profile with no n-gram */
static size_t db_count;
static int db_loaded;
static pthread_mutex_t db_lock = PTHREAD_MUTEX_INITIALIZER;

static void db_free(void)
{
	for (size_t i = 0; i < NLANGS; i++) {
		if (db[i])
			fp_Done(db[i]);
		if (db_coarse[i])
			fp_Done(db_coarse[i]);
		db[i] = db_coarse[i] = NULL;
	}
	if (db_empty)
		fp_Done(db_empty);
	db_empty = NULL;
	db_count = 0;
}

/* A fingerprint file's first max n-grams, or NULL. */
static void *read_fingerprint(const char *path, const char *tag, int max)
{
	void *fp = fp_Init(tag);
	if (fp && fp_Read(fp, path, max) == 0) {
		fp_Done(fp);
		fp = NULL;
	}
	return fp;
}

/* Loads the fingerprints on first use; returns how many were read. */
static size_t db_load(void)
{
	size_t count;
	if (pthread_mutex_lock(&db_lock) != 0)
		return 0;
	if (!db_loaded) {
		char path[4096];
		db_empty = fp_Init(NULL);
		for (size_t i = 0; db_empty && i < NLANGS; i++) {
			int w = snprintf(path, sizeof path, "%s/%s",
					 TANDEM_TEXTCAT_DIR, langs[i].file);
			if (w < 0 || (size_t)w >= sizeof path)
				continue;
			db[i] = read_fingerprint(path, langs[i].tag, FULL_NGRAMS);
			db_coarse[i] = db[i] ? read_fingerprint(path, langs[i].tag,
								COARSE_NGRAMS)
					     : NULL;
			if (db[i] && !db_coarse[i]) {
				fp_Done(db[i]);
				db[i] = NULL;
			}
			db_count += db[i] != NULL;
		}
		if (!db_empty)
			db_free();
		db_loaded = 1;
	}
	count = db_count;
	pthread_mutex_unlock(&db_lock);
	return count;
}

size_t langid_fingerprints(void)
{
	return db_load();
}

void langid_unload(void)
{
	if (pthread_mutex_lock(&db_lock) != 0)
		return;
	db_free();
	db_loaded = 0;
	pthread_mutex_unlock(&db_lock);
}

/* ---- the decision -------------------------------------------------------- */

enum {
	/* fewer letters than this: unknown, whatever the script */
	MIN_LETTERS = 8,
	/* fewer letters than this in a shared script: no n-gram verdict */
	MIN_LETTERS_NGRAM = 24,
	/* the runner-up's distance must exceed the winner's by this many
	 * thousandths of it */
	MIN_MARGIN_PERMILLE = 25,
	/* the winner's distance, in thousandths of the worst possible one
	 * (every n-gram of the text missing from the fingerprint) */
	MAX_DISTANCE_PERMILLE = 880,
};

/* Letters of the Arabic script that only some of its languages use. */
static bool in_set(ucs4_t c, const ucs4_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == c)
			return true;
	return false;
}
#define IN(c, set) in_set(c, set, sizeof set / sizeof *set)

static const ucs4_t arab_fa[] = { 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC };
static const ucs4_t arab_ar[] = { 0x0643, 0x064A, 0x0649, 0x0629 };
static const ucs4_t arab_ur[] = { 0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE };
static const ucs4_t arab_ps[] = { 0x067C, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06CD };
static const ucs4_t arab_ckb[] = { 0x06B5, 0x0695, 0x06C6, 0x06CE, 0x06D5 };
static const ucs4_t arab_ug[] = { 0x06C7, 0x06C8, 0x06CB, 0x06D0 };

/* What a scan of the prefix found. */
struct census {
	size_t letters;
	size_t per_script[SC_COUNT];
	size_t fa, ar, ur, ps, ckb, ug; /* Arabic-script evidence */
};

static size_t next_char(const uint8_t *s, size_t n, ucs4_t *c)
{
	int k = u8_mbtouc(c, s, n);
	return k > 0 ? (size_t)k : 1;
}

static bool is_letter(ucs4_t c)
{
	return c != 0xFFFD && uc_is_alpha(c);
}

/* Counts the letters per script of the text, up to CENSUS_LETTERS of them. */
enum { CENSUS_LETTERS = 4096 };
static void take_census(const uint8_t *s, size_t n, struct census *cs)
{
	memset(cs, 0, sizeof *cs);
	for (size_t i = 0; i < n && cs->letters < CENSUS_LETTERS;) {
		ucs4_t c;
		i += next_char(s + i, n - i, &c);
		if (!is_letter(c))
			continue;
		enum script sc = script_of(c);
		cs->letters++;
		cs->per_script[sc]++;
		if (sc == SC_ARAB) {
			cs->fa += IN(c, arab_fa);
			cs->ar += IN(c, arab_ar);
			cs->ur += IN(c, arab_ur);
			cs->ps += IN(c, arab_ps);
			cs->ckb += IN(c, arab_ckb);
			cs->ug += IN(c, arab_ug);
		}
	}
}

/* The vowel points and cantillation marks of Hebrew (niqqud, te'amim) and
 * the harakat of Arabic: optional in writing, found in pointed and vowelled
 * texts (poetry, scripture, teaching, names) but not in the fingerprints,
 * which are of everyday unpointed text. */
static bool is_pointing(ucs4_t c)
{
	return (c >= 0x0591 && c <= 0x05C7 && uc_is_general_category(c, UC_CATEGORY_Mn)) ||
	       (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED &&
	       uc_is_general_category(c, UC_CATEGORY_Mn)) || c == 0xFB1E;
}

/* The text's letters of script `want` (and the marks that follow them, but
 * the points of Hebrew and Arabic, which are left out), as
 * words separated by single spaces, with the punctuation the fingerprints
 * know; at most LANGID_SAMPLE_MAX bytes, NUL-terminated. Returns the
 * length. */
static size_t take_sample(const uint8_t *s, size_t n, enum script want,
			  char *out)
{
	size_t len = 0;
	bool in_word = false, space = true;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t k = next_char(s + i, n - i, &c);
		const uint8_t *src = s + i;
		i += k;
		bool keep;
		if (is_letter(c))
			keep = script_of(c) == want ||
			       (want == SC_HANI && script_of(c) == SC_KANA);
		else if (is_pointing(c))
			continue;
		else
			keep = in_word && c != 0xFFFD &&
			       uc_is_general_category(c, UC_CATEGORY_M);
		if (!keep) {
			in_word = false;
			/* The punctuation that ends words in the fingerprints. */
			if ((c == ',' || c == '.') && !space) {
				if (len + 1 >= LANGID_SAMPLE_MAX)
					break;
				out[len++] = (char)c;
			}
			if (!space) {
				if (len + 1 >= LANGID_SAMPLE_MAX)
					break;
				out[len++] = ' ';
				space = true;
			}
			continue;
		}
		if (len + k >= LANGID_SAMPLE_MAX)
			break;
		memcpy(out + len, src, k);
		len += k;
		in_word = true;
		space = false;
	}
	out[len] = '\0';
	return len;
}

/* More capitals than small letters. */
static bool mostly_capitals(const uint8_t *s, size_t n)
{
	size_t upper = 0, small = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += next_char(s + i, n - i, &c);
		upper += uc_is_upper(c);
		small += uc_is_lower(c);
	}
	return upper > small;
}

/* Whether the (lowercase) sample repeats itself as language does: its
 * trigrams of letters (inside words) are at most REPEAT_PERMILLE thousandths
 * distinct ones (a sample of fewer than 150 trigrams passes). Letters at
 * random (noise, a binary read as text) seldom make the same trigram twice;
 * every language, inflected or not, reuses its syllables and endings. */
enum { REPEAT_PERMILLE = 930 };
static bool repeats_itself(const uint8_t *s, size_t n)
{
	enum { SLOTS = 4096 };
	uint32_t *table = calloc(SLOTS, sizeof *table);
	if (!table)
		return true;
	unsigned tokens = 0, types = 0;
	size_t c0 = 0, c1 = 0; /* starts of the previous two characters */
	unsigned run = 0;      /* characters in the word so far */
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ' || s[i] == ',' || s[i] == '.') {
			run = 0;
			i++;
			continue;
		}
		size_t k = 1;
		while (i + k < n && (s[i + k] & 0xC0) == 0x80)
			k++;
		if (++run >= 3) {
			uint32_t h = 2166136261u;
			for (size_t j = c0; j < i + k; j++)
				h = (h ^ s[j]) * 16777619u;
			h |= 1; /* 0 marks an empty slot */
			tokens++;
			for (size_t slot = h % SLOTS, probes = 0; probes < SLOTS;
			     slot = (slot + 1) % SLOTS, probes++) {
				if (table[slot] == 0) {
					table[slot] = h;
					types++;
					break;
				}
				if (table[slot] == h)
					break;
			}
		}
		c0 = c1;
		c1 = i;
		i += k;
	}
	free(table);
	return tokens < 150 ||
	       (unsigned long)types * 1000 <= (unsigned long)tokens * REPEAT_PERMILLE;
}

static void set_unknown(struct langid_guess *g, const char *why)
{
	g->tag = "und";
	g->confidence = 0;
	g->why = why;
}

/* Languages whose fingerprints are too close for n-grams alone (Czech and
 * Slovak, Portuguese, Galician and Spanish, Danish and Norwegian, Croatian,
 * Bosnian, Serbian and Slovenian, Malay and Indonesian, the Cyrillic
 * languages, Hindi, Marathi and Nepali, Amharic and Tigrinya, Maltese and
 * Albanian, English and Scots) also count markers: letters (an item of one
 * character, counted wherever it occurs) and words (lowercase, of two
 * characters or more) that one of them uses and the others do not.
 * Ijekavian words mark Croatian and Bosnian, ekavian ones Serbian. */
static const struct marker {
	const char *tag;
	const char *items;
} markers[] = {
	{ "cs", "ě ř ů jsou není také který která které jeho před byl bylo" },
	{ "sk", "ä ô ľ ĺ ŕ sú nie aj ktorý ktorá ktoré jeho pred bol bolo" },
	{ "pt", "ã õ não em um uma são também pelo pela mais já então muito" },
	{ "gl", "unha non xa máis polo pola coa dun dunha tamén moi cara ca "
		"servizo xente concello" },
	{ "es", "el los del muy pero también una más fue hay" },
	{ "da", "af efter nu mig hvad blev meget kun nogle sidste mellem end" },
	{ "nb", "av etter ble mye hva fikk siste mellom enn uken" },
	{ "nn", "ikkje eg ho kva kvar berre vart frå dei" },
	{ "hr", "tjedan tjedna tjednu tijekom tko kruh vlak vlakovi listopad "
		"listopada listopadu studeni prosinac tisuća tisuće glazba "
		"obitelj sveučilište zrakoplov kolodvor tržnica vrijeme rijeka "
		"rijeke rijeci mjesec mjeseca prije sjever sjeveru cijene "
		"mjesto mjesta vijeće dio uspjeli djeca lijepo" },
	{ "bs", "sedmica sedmice sedmicu tokom voz vozovi oktobar oktobra "
		"oktobru novembar hiljada hiljade historija porodica hljeb "
		"pijaca saobraćaj put puteva kazali vrijeme rijeka rijeke "
		"rijeci mjesec mjeseca prije sjever sjeveru cijene mjesto "
		"mjesta vijeće dio uspjeli djeca lijepo" },
	{ "sr", "sedmica nedelja nedelje tokom voz vozovi oktobar oktobra "
		"oktobru novembar hiljada hiljade istorija porodica hleb "
		"pijaca saobraćaj put puteva vreme reka reke reci mesec "
		"meseca pre sever severu cene mesto mesta veće deo uspeli deca "
		"lepo ђ ћ" },
	{ "ms", "bahawa kerana daripada sahaja boleh iaitu kerajaan wang "
		"lepas jabatan bandar berbanding tempoh perkhidmatan kenderaan "
		"majlis bandaraya berkata disember setiausaha jawatankuasa "
		"tarikh pertubuhan" },
	{ "id", "bahwa karena bisa saja uang pemerintah lalu kota dibandingkan "
		"selama sejumlah mengatakan kendaraan layanan tanggal desember "
		"sekretaris komite perserikatan jenderal" },
	{ "en", "the of and to was that with from for this which" },
	{ "sco", "wis tae fae frae aboot oot isnae cannae didnae" },
	{ "am", "አ ነው ናቸው ውስጥ" },
	{ "ti", "ኣ እዩ ኣብ ምስ" },
	{ "sl", "in ki so bo tudi kot zelo lahko ter" },
	{ "mt", "ħ ġ ċ" },
	{ "sq", "ë" },
	{ "uk", "що який яка які від та це він вона" },
	{ "be", "што які якая ад гэта ён яна" },
	{ "ru", "ы э что который которая это он она от" },
	{ "bg", "ъ че са това които която от той тя година" },
	{ "mk", "што кои која од таа тој година" },
	{ "hi", "है हैं और के में की से था थी" },
	{ "mr", "ळ आहे आणि च्या मध्ये होते झाले" },
	{ "ne", "छन् गरे थियो भएको हुन्छ पनि गरेको गर्ने रहेको" },
};
#define NMARKERS (sizeof markers / sizeof *markers)

static const struct marker *marker_of(const char *tag)
{
	for (size_t i = 0; i < NMARKERS; i++)
		if (strcmp(markers[i].tag, tag) == 0)
			return &markers[i];
	return NULL;
}

/* How many times the sample (words separated by spaces) shows m's items. */
static size_t count_markers(const struct marker *m, const uint8_t *lower,
			    size_t len)
{
	size_t hits = 0;
	const char *it = m->items;
	while (*it) {
		size_t ilen = strcspn(it, " ");
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)it, ilen);
		if (k > 0 && (size_t)k == ilen) {
			/* a letter: every occurrence */
			for (size_t i = 0; i + ilen <= len; i++)
				hits += memcmp(lower + i, it, ilen) == 0;
		} else {
			/* a word: whole words only */
			for (size_t i = 0; i + ilen <= len; i++)
				if ((i == 0 || lower[i - 1] == ' ') &&
				    memcmp(lower + i, it, ilen) == 0 &&
				    (i + ilen == len || lower[i + ilen] == ' ' ||
				     lower[i + ilen] == ',' || lower[i + ilen] == '.'))
					hits++;
		}
		it += ilen;
		while (*it == ' ')
			it++;
	}
	return hits;
}

/* The alphabets of the Cyrillic languages n-grams confuse most: a text
 * with more than 1 in 200 letters outside a language's alphabet is not in
 * that language (Ukrainian has no ы, Belarusian no и, Russian no і). */
static const struct alphabet {
	const char *tag;
	const char *letters; /* lowercase */
} alphabets[] = {
	{ "ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" },
	{ "uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя" },
	{ "be", "абвгдеёжзійклмнопрстуўфхцчшыьэюя" },
	{ "bg", "абвгдежзийклмнопрстуфхцчшщъьюяѝ" },
	{ "sr", "абвгдђежзијклљмнњопрстћуфхцчџш" },
	{ "mk", "абвгдѓежзѕијклљмнњопрстќуфхцчџш" },
};

/* Whether the sample's letters fit tag's alphabet (true when it has none). */
static bool fits_alphabet(const char *tag, const uint8_t *lower, size_t len)
{
	const char *abc = NULL;
	for (size_t i = 0; i < sizeof alphabets / sizeof *alphabets; i++)
		if (strcmp(alphabets[i].tag, tag) == 0)
			abc = alphabets[i].letters;
	if (!abc || !lower)
		return true;
	size_t letters = 0, foreign = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, lower + i, len - i);
		if (k <= 0)
			k = 1;
		if (uc_is_alpha(c)) {
			letters++;
			uint8_t enc[6];
			int e = u8_uctomb(enc, c, sizeof enc);
			enc[e > 0 ? e : 0] = '\0';
			if (e <= 0 || !strstr(abc, (const char *)enc))
				foreign++;
		}
		i += (size_t)k;
	}
	return foreign * 200 <= letters;
}

/* One candidate language and its distance. */
struct cand {
	size_t lang; /* index in langs[] */
	long dist;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return (x->dist > y->dist) - (x->dist < y->dist);
}

enum {
	/* candidates this close to the winner (thousandths) that have markers
	 * are decided between by their markers */
	RESOLVE_MARGIN_PERMILLE = 120,
	/* the first pass compares the coarse fingerprints with the text's
	 * COARSE_NGRAMS most frequent n-grams (of its first COARSE_SAMPLE
	 * bytes); at most SHORTLIST languages, those within this many
	 * thousandths of its best, go on to the whole comparison */
	COARSE_SAMPLE = 512,
	SHORTLIST = 12,
	SHORTLIST_PERMILLE = 1250,
};

/* The n-gram verdict among the languages of script sc (all of them when
 * only is NULL, else those whose tag is in the NULL-terminated list). */
static void ngram_verdict(const uint8_t *s, size_t n, enum script sc,
			  const char *const *only, struct langid_guess *g)
{
	if (db_load() == 0) {
		set_unknown(g, "no fingerprints");
		return;
	}
	char *sample = malloc(LANGID_SAMPLE_MAX);
	struct cand *cands = malloc(NLANGS * sizeof *cands);
	void *unknown = NULL, *coarse = NULL;
	uint8_t *lower = NULL;
	size_t len = 0, nc = 0;
	if (!sample || !cands) {
		set_unknown(g, "out of memory");
		goto out;
	}
	len = take_sample(s, n, sc, sample);
	/* Composed, as the fingerprints are (decomposed accents would be
	 * n-grams of their own). */
	size_t nlen = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)sample, len,
				    NULL, &nlen);
	if (nfc && nlen < LANGID_SAMPLE_MAX) {
		memcpy(sample, nfc, nlen);
		sample[nlen] = '\0';
		len = nlen;
	}
	free(nfc);
	/* The lowercased sample, for alphabets and markers; and for the
	 * n-grams too when the text is set in capitals (the fingerprints are
	 * of ordinary text, mostly lowercase). */
	size_t llen = 0;
	lower = u8_tolower((const uint8_t *)sample, len, NULL, NULL, NULL, &llen);
	unknown = fp_Init(NULL);
	if (!lower || !unknown) {
		set_unknown(g, "out of memory");
		goto out;
	}
	if (mostly_capitals((const uint8_t *)sample, len)) {
		/* (lowercase can be longer: cut at a character) */
		size_t k = llen < LANGID_SAMPLE_MAX ? llen : LANGID_SAMPLE_MAX - 1;
		while (k > 0 && k < llen && (lower[k] & 0xC0) == 0x80)
			k--;
		memcpy(sample, lower, k);
		sample[k] = '\0';
		len = k;
	}
	if (len == 0 || fp_Create(unknown, sample, (uint4)len, FULL_NGRAMS) == 0) {
		set_unknown(g, "too few letters");
		goto out;
	}

	for (size_t i = 0; i < NLANGS; i++) {
		if (!db[i] || langs[i].script != sc)
			continue;
		if (only) {
			bool listed = false;
			for (const char *const *t = only; *t; t++)
				listed = listed || strcmp(*t, langs[i].tag) == 0;
			if (!listed)
				continue;
		}
		cands[nc].lang = i;
		cands[nc].dist = 0;
		nc++;
	}
	/* Most of the cost is in the comparisons: with many languages (the
	 * Latin script's), first all of them coarsely, then a shortlist in
	 * full. */
	if (nc > 2 * SHORTLIST) {
		size_t clen = len;
		if (clen > COARSE_SAMPLE) {
			clen = COARSE_SAMPLE;
			while (clen > 0 && (sample[clen] & 0xC0) == 0x80)
				clen--; /* not inside a character */
		}
		char keep = sample[clen];
		sample[clen] = '\0';
		coarse = fp_Init(NULL);
		int made = coarse && fp_Create(coarse, sample, (uint4)clen, COARSE_NGRAMS);
		sample[clen] = keep;
		if (!made) {
			set_unknown(g, coarse ? "too few letters" : "out of memory");
			goto out;
		}
		for (size_t i = 0; i < nc; i++)
			cands[i].dist = fp_Compare(db_coarse[cands[i].lang], coarse, INT_MAX);
		qsort(cands, nc, sizeof *cands, cand_cmp);
	}
	for (size_t i = 0; i < nc; i++) {
		bool listed = nc <= 2 * SHORTLIST ||
			      (i < SHORTLIST && cands[i].dist * 1000 <=
						cands[0].dist * SHORTLIST_PERMILLE);
		cands[i].dist = listed ? fp_Compare(db[cands[i].lang], unknown, INT_MAX)
				       : LONG_MAX;
	}
	if (nc == 0) {
		set_unknown(g, "no fingerprints");
		goto out;
	}
	qsort(cands, nc, sizeof *cands, cand_cmp);
	/* Two fingerprints of one tag (Serbian in two scripts) count once. */
	size_t m = 0;
	for (size_t i = 0; i < nc; i++) {
		bool seen = false;
		for (size_t j = 0; j < m; j++)
			seen = seen || strcmp(langs[cands[j].lang].tag,
					      langs[cands[i].lang].tag) == 0;
		if (!seen)
			cands[m++] = cands[i];
	}
	nc = m;

	m = 0;
	for (size_t i = 0; i < nc; i++)
		if (sc != SC_CYRL ||
		    fits_alphabet(langs[cands[i].lang].tag, lower, llen))
			cands[m++] = cands[i];
	nc = m;
	if (nc == 0) {
		set_unknown(g, "unlike any language");
		goto out;
	}

	if (sc == SC_LATN && !repeats_itself(lower, llen)) {
		set_unknown(g, "unlike any language");
		goto out;
	}

	/* The worst distance: every n-gram of the text missing, as against
	 * the empty profile. */
	long worst = fp_Compare(db_empty, unknown, INT_MAX);
	long best = cands[0].dist;
	if (worst <= 0 || best * 1000 > worst * MAX_DISTANCE_PERMILLE) {
		set_unknown(g, "unlike any language");
		goto out;
	}

	/* The close candidates with markers, decided by them. */
	size_t win = 0, rivals = 0, close_end = 1;
	if (marker_of(langs[cands[0].lang].tag)) {
		while (close_end < nc && cands[close_end].dist != LONG_MAX &&
		       (cands[close_end].dist - best) * 1000 <=
			       best * RESOLVE_MARGIN_PERMILLE)
			close_end++;
		size_t hits[NLANGS] = { 0 }, top = 0, next = 0;
		for (size_t i = 0; i < close_end; i++) {
			const struct marker *mk = marker_of(langs[cands[i].lang].tag);
			if (!mk)
				continue;
			hits[i] = count_markers(mk, lower, llen);
			rivals++;
			if (hits[i] > hits[win] || i == 0) {
				if (i != 0)
					next = hits[win] > next ? hits[win] : next;
				win = i;
			} else if (hits[i] > next) {
				next = hits[i];
			}
		}
		top = hits[win];
		if (rivals > 1) {
			/* Markers that agree with the n-grams need only lead;
			 * to overrule them they must lead clearly. */
			size_t need = win == 0 ? 1 : next / 2 > 2 ? next / 2 : 2;
			if (top < next + need) {
				set_unknown(g, "no clear winner");
				goto out;
			}
		}
	}
	/* The winner must be clearly ahead of every candidate not decided
	 * by markers. */
	long second = LONG_MAX;
	for (size_t i = 0; i < nc; i++) {
		if (i == win)
			continue;
		if (rivals > 1 && i < close_end &&
		    marker_of(langs[cands[i].lang].tag))
			continue;
		if (cands[i].dist < second)
			second = cands[i].dist;
	}
	double margin = second == LONG_MAX ? 1.0
			: (double)(second - best) / (double)(best > 0 ? best : 1);
	if (margin * 1000 < MIN_MARGIN_PERMILLE) {
		set_unknown(g, "no clear winner");
		goto out;
	}
	g->tag = langs[cands[win].lang].tag;
	g->confidence = margin > 1 ? 1 : margin;
	g->why = NULL;
out:
	if (unknown)
		fp_Done(unknown);
	if (coarse)
		fp_Done(coarse);
	free(lower);
	free(cands);
	free(sample);
}

/* The Arabic script: the letters Pashto, Urdu, Kurdish, Uyghur or Persian
 * alone use decide when they are frequent enough (1 in 200 letters); else
 * the n-grams among the script's languages, Persian and Arabic kept apart
 * by their own letters (Persian writes ک and ی where Arabic writes ك and
 * ي). */
static void arabic_verdict(const uint8_t *s, size_t n, const struct census *cs,
			   struct langid_guess *g)
{
	size_t a = cs->per_script[SC_ARAB];
	static const char *const fa_ur[] = { "fa", "ur", NULL };
	static const char *const ar_only[] = { "ar", NULL };
	if (cs->ps * 200 >= a && cs->ps >= 2) {
		g->tag = "ps";
		g->confidence = 1;
		g->why = NULL;
		return;
	}
	if (cs->ckb * 200 >= a && cs->ckb >= 2 && cs->ckb > cs->ug) {
		ngram_verdict(s, n, SC_ARAB, (const char *const[]){ "ckb", "fa", NULL }, g);
		return;
	}
	if (cs->ug * 200 >= a && cs->ug >= 2) {
		ngram_verdict(s, n, SC_ARAB, (const char *const[]){ "ug", "fa", NULL }, g);
		return;
	}
	if (cs->ur * 200 >= a && cs->ur >= 2) {
		ngram_verdict(s, n, SC_ARAB, fa_ur, g);
		return;
	}
	/* Persian letters outnumber the Arabic-only ones: fa (or sd, ur). */
	if (cs->fa > cs->ar * 2 && cs->fa >= 2) {
		ngram_verdict(s, n, SC_ARAB, (const char *const[]){ "fa", "ur", "sd", NULL }, g);
		return;
	}
	if (cs->ar > cs->fa * 2 && cs->ar >= 2) {
		ngram_verdict(s, n, SC_ARAB, (const char *const[]){ "ar", "sd", NULL }, g);
		if (strcmp(g->tag, "und") == 0 && cs->fa == 0 && a >= MIN_LETTERS_NGRAM) {
			/* Arabic letters only, and nothing else near: Arabic. */
			ngram_verdict(s, n, SC_ARAB, ar_only, g);
		}
		return;
	}
	ngram_verdict(s, n, SC_ARAB, NULL, g);
}

bool langid_identify(const char *text, size_t n, struct langid_guess *out)
{
	struct langid_guess g = { "und", "Zyyy", 0, "too few letters" };
	const uint8_t *s = (const uint8_t *)text;
	struct census cs;

	pthread_once(&scripts_once, scripts_init);
	if (!text)
		n = 0;
	if (n > LANGID_SCAN_MAX)
		n = LANGID_SCAN_MAX;
	take_census(s, n, &cs);
	if (cs.letters < MIN_LETTERS) {
		*out = g;
		return false;
	}

	/* Han with kana is Japanese; Hangul with Han is Korean. */
	size_t cjk = cs.per_script[SC_HANI] + cs.per_script[SC_KANA];
	enum script top = SC_OTHER;
	for (int sc = 1; sc < SC_COUNT; sc++)
		if (cs.per_script[sc] > cs.per_script[top])
			top = (enum script)sc;
	if (top == SC_HANI || top == SC_KANA) {
		if (cjk * 2 > cs.letters)
			top = cs.per_script[SC_KANA] * 20 >= cjk ? SC_KANA : SC_HANI;
		if (cs.per_script[SC_HANG] * 4 >= cs.per_script[SC_HANI] &&
		    cs.per_script[SC_HANG] > cs.per_script[SC_KANA])
			top = SC_HANG;
	}
	size_t mine = top == SC_HANI || top == SC_KANA ? cjk : cs.per_script[top];
	g.script = scripts[top].iso;
	if (top == SC_OTHER || mine * 2 <= cs.letters) {
		g.why = top == SC_OTHER ? "no known script" : "mixed scripts";
		*out = g;
		return false;
	}
	if (mine < MIN_LETTERS) {
		*out = g;
		return false;
	}
	if (scripts[top].only) {
		g.tag = scripts[top].only;
		g.confidence = 1;
		g.why = NULL;
		*out = g;
		return true;
	}
	if (mine < MIN_LETTERS_NGRAM) {
		*out = g;
		return false;
	}
	if (top == SC_ARAB)
		arabic_verdict(s, n, &cs, &g);
	else
		ngram_verdict(s, n, top, NULL, &g);
	*out = g;
	return langid_is_known(g.tag);
}

const char *langid_tag(const char *text, size_t n)
{
	struct langid_guess g;
	langid_identify(text, n, &g);
	return g.tag;
}

bool langid_is_known(const char *tag)
{
	return tag && *tag && strcmp(tag, "und") != 0;
}

const char *langid_label(const char *tag)
{
	return langid_is_known(tag) ? tag : LANGID_UNKNOWN_LABEL;
}

const char *langid_badge(const char *tag)
{
	return langid_is_known(tag) ? tag : "?";
}
