/* langid.c — owns language identification: the table of the languages
 * libexttextcat has fingerprints for (file, BCP 47 tag, script), the loaded
 * fingerprints (read from libexttextcat's files one script at a time, on
 * the first text of that script, under a mutex, then only read: per
 * script, one hash table of n-grams holding each n-gram's rank in every
 * fingerprint that lists it), and the decision for a text: count its
 * letters per script over a bounded prefix; a script written by one
 * language names it; otherwise the letters of that script (at most
 * LANGID_SAMPLE_MAX bytes) make an n-gram profile, as libexttextcat makes
 * one, whose distance to every language of that script (libexttextcat's
 * out-of-place measure) takes one look-up per n-gram of the profile; close
 * rivals are decided by the letters and words only one of them uses; the
 * winner must be clearly ahead of the runner-up, and the text must repeat
 * itself as language does. */
#include "tandem/langid.h"

#include "tandem/diag.h"
#include "tandem/file.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* What a character is to identification: the script of a letter (a
 * letter of no known script is SC_OTHER), else CL_MARK for a combining mark
 * and CL_NONE for anything else (U+FFFD, the mark of an invalid byte,
 * included). Looked up in a table for the first CLASS_TABLE code points
 * (where every script with n-gram fingerprints but Ethiopic lies), filled
 * once; above it, asked of libunistring. */
enum { CL_MARK = 0xFD, CL_NONE = 0xFE, CLASS_TABLE = 0x3000 };
static uint8_t class_table[CLASS_TABLE];

static uint8_t classify_slow(ucs4_t c)
{
	if (c == 0xFFFD)
		return CL_NONE;
	if (uc_is_alpha(c))
		return (uint8_t)script_of(c);
	return uc_is_general_category(c, UC_CATEGORY_M) ? CL_MARK : CL_NONE;
}

static void class_init(void)
{
	for (ucs4_t c = 0; c < CLASS_TABLE; c++)
		class_table[c] = classify_slow(c);
}

static inline uint8_t classify(ucs4_t c)
{
	if (c < CLASS_TABLE)
		return class_table[c];
	/* the CJK ideographs (as assigned since Unicode 11) and the Hangul
	 * syllables: letters of one script each, every one */
	if (c >= 0x4E00 && c <= 0x9FEF)
		return SC_HANI;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return SC_HANG;
	return classify_slow(c);
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

/* The fingerprints of one script, merged into one table: every n-gram that
 * any of the script's languages has, in an open-addressing hash table
 * (FNV-1a of its bytes), each with its postings — the (language, rank)
 * pairs of the fingerprints that list it. A text's distance to all the
 * script's languages then costs one look-up per n-gram of the text, not a
 * walk through every fingerprint. Loaded on first use, one script at a
 * time, under db_lock; then only read. */
enum {
	FULL_NGRAMS = 400,   /* n-grams read from each fingerprint, and kept
			      * of the text's */
	NGRAM_CHARS = 5,     /* the longest n-gram, in characters */
	NGRAM_BYTES = 20,    /* and in bytes: longer lines are skipped */
	OUT_OF_PLACE = 400,  /* the distance of an n-gram a fingerprint lacks */
	FP_FILE_MAX = 1 << 20,
};

struct posting {
	uint16_t lang; /* index in langs[] */
	uint16_t rank; /* 0 for the most frequent n-gram */
};

struct gram {
	uint32_t hash;
	uint32_t off;  /* of its bytes in script_db.text */
	uint32_t post; /* its first posting */
	uint16_t npost;
	uint16_t last; /* the language that listed it last, while loading */
	uint8_t len;   /* bytes */
};

struct script_db {
	bool loaded;
	size_t nlangs;         /* fingerprints read */
	char *text;            /* the n-grams' bytes, back to back */
	struct gram *grams;
	size_t ngrams;
	uint32_t *slots;       /* 1 + index in grams; 0: empty */
	size_t mask;           /* slots - 1 (a power of 2 less 1) */
	struct posting *posts;
};

static struct script_db dbs[SC_COUNT];
static bool lang_read[NLANGS];  /* whether langs[i]'s file was read */
static size_t lang_canon[NLANGS]; /* the first index of langs[i]'s tag */
static pthread_mutex_t db_lock = PTHREAD_MUTEX_INITIALIZER;

static inline uint32_t fnv_step(uint32_t h, const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}
#define FNV_START 2166136261u

/* Whether two n-grams of len bytes (at most NGRAM_BYTES) are the same. */
static inline bool same_bytes(const void *a, const void *b, size_t len)
{
	const uint8_t *x = a, *y = b;
	for (size_t i = 0; i < len; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

/* The gram with these bytes (and hash), or NULL. */
static const struct gram *db_find(const struct script_db *db, uint32_t h,
				  const uint8_t *s, size_t len)
{
	for (size_t slot = h & db->mask;; slot = (slot + 1) & db->mask) {
		uint32_t k = db->slots[slot];
		if (k == 0)
			return NULL;
		const struct gram *g = &db->grams[k - 1];
		if (g->hash == h && g->len == len && same_bytes(db->text + g->off, s, len))
			return g;
	}
}

static void db_free_script(struct script_db *db)
{
	free(db->text);
	free(db->grams);
	free(db->slots);
	free(db->posts);
	memset(db, 0, sizeof *db);
}

/* A fingerprint file's contents (NUL-terminated, caller frees), or NULL. */
static char *read_fingerprint(const char *path)
{
	struct diag_list diags = { 0 };
	long long size = 0;
	FILE *fp = file_open_limited(path, FP_FILE_MAX, &diags, &size);
	diag_list_free(&diags);
	if (!fp)
		return NULL;
	char *buf = malloc((size_t)size + 1);
	size_t got = buf ? fread(buf, 1, (size_t)size, fp) : 0;
	bool bad = !buf || ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* One (n-gram, language, rank) line of a fingerprint, while loading. */
struct entry {
	uint32_t gram;
	struct posting p;
};

/* Reads the fingerprints of script sc's languages into dbs[sc]. A file
 * holds one n-gram a line, the most frequent first, maybe followed by a
 * blank and its count; surrounding blanks are ignored, and so are lines
 * longer than NGRAM_BYTES (as libexttextcat's reader does); the first
 * FULL_NGRAMS are the fingerprint. Returns false when memory ran out. */
static bool db_load_script(enum script sc)
{
	struct script_db *db = &dbs[sc];
	size_t nl = 0;
	for (size_t i = 0; i < NLANGS; i++)
		nl += langs[i].script == sc;
	size_t cap = nl * FULL_NGRAMS, nslots = 64;
	while (nslots < cap * 2)
		nslots *= 2;
	struct entry *ents = malloc((cap ? cap : 1) * sizeof *ents);
	db->text = malloc(cap * NGRAM_BYTES + 1);
	db->grams = malloc((cap ? cap : 1) * sizeof *db->grams);
	db->slots = calloc(nslots, sizeof *db->slots);
	db->mask = nslots - 1;
	size_t nents = 0, tlen = 0;
	if (!ents || !db->text || !db->grams || !db->slots)
		goto oom;

	for (size_t i = 0; i < NLANGS; i++) {
		if (langs[i].script != sc)
			continue;
		char path[4096];
		int w = snprintf(path, sizeof path, "%s/%s", TANDEM_TEXTCAT_DIR,
				 langs[i].file);
		char *buf = w > 0 && (size_t)w < sizeof path ? read_fingerprint(path)
							     : NULL;
		if (!buf)
			continue;
		unsigned rank = 0;
		for (char *line = buf; *line && rank < FULL_NGRAMS;) {
			char *next = line + strcspn(line, "\n");
			char *eol = line + strcspn(line, "\r\n");
			if (*next)
				next++;
			while (line < eol && is_blank(*line))
				line++;
			size_t len = strcspn(line, " \t\n\r");
			if ((size_t)(eol - line) < len)
				len = (size_t)(eol - line);
			if (len <= NGRAM_BYTES) {
				const uint8_t *s = (const uint8_t *)line;
				uint32_t h = fnv_step(FNV_START, s, len);
				size_t slot = h & db->mask;
				uint32_t k;
				while ((k = db->slots[slot]) != 0) {
					const struct gram *g = &db->grams[k - 1];
					if (g->hash == h && g->len == len &&
					    memcmp(db->text + g->off, s, len) == 0)
						break;
					slot = (slot + 1) & db->mask;
				}
				if (k == 0) {
					struct gram *g = &db->grams[db->ngrams];
					g->hash = h;
					g->off = (uint32_t)tlen;
					g->len = (uint8_t)len;
					g->npost = 0;
					g->last = UINT16_MAX;
					memcpy(db->text + tlen, s, len);
					tlen += len;
					k = (uint32_t)++db->ngrams;
					db->slots[slot] = k;
				}
				/* A line repeated in one file counts once, at
				 * its first rank. */
				struct gram *g = &db->grams[k - 1];
				if (g->last != i) {
					g->last = (uint16_t)i;
					ents[nents].gram = k - 1;
					ents[nents].p.lang = (uint16_t)i;
					ents[nents].p.rank = (uint16_t)rank;
					nents++;
					g->npost++;
				}
				rank++;
			}
			line = next;
		}
		free(buf);
		lang_read[i] = true;
		db->nlangs++;
	}
	/* The postings, grouped by n-gram (in file order within each). */
	db->posts = malloc((nents ? nents : 1) * sizeof *db->posts);
	if (!db->posts)
		goto oom;
	uint32_t at = 0;
	for (size_t k = 0; k < db->ngrams; k++) {
		db->grams[k].post = at;
		at += db->grams[k].npost;
		db->grams[k].npost = 0;
	}
	for (size_t e = 0; e < nents; e++) {
		struct gram *g = &db->grams[ents[e].gram];
		db->posts[g->post + g->npost++] = ents[e].p;
	}
	free(ents);
	db->loaded = true;
	return true;
oom:
	free(ents);
	for (size_t i = 0; i < NLANGS; i++)
		if (langs[i].script == sc)
			lang_read[i] = false;
	db_free_script(db);
	return false;
}

/* The fingerprints of script sc, loaded if not yet; NULL when memory ran
 * out. */
static const struct script_db *db_get(enum script sc)
{
	if (pthread_mutex_lock(&db_lock) != 0)
		return NULL;
	if (!dbs[sc].loaded && !db_load_script(sc)) {
		pthread_mutex_unlock(&db_lock);
		return NULL;
	}
	pthread_mutex_unlock(&db_lock);
	return &dbs[sc];
}

static void canon_init(void)
{
	for (size_t i = 0; i < NLANGS; i++) {
		lang_canon[i] = i;
		for (size_t j = 0; j < i; j++)
			if (strcmp(langs[j].tag, langs[i].tag) == 0) {
				lang_canon[i] = j;
				break;
			}
	}
}

size_t langid_fingerprints(void)
{
	size_t count = 0;
	for (int sc = 1; sc < SC_COUNT; sc++) {
		const struct script_db *db = db_get((enum script)sc);
		count += db ? db->nlangs : 0;
	}
	return count;
}

void langid_unload(void)
{
	if (pthread_mutex_lock(&db_lock) != 0)
		return;
	for (int sc = 0; sc < SC_COUNT; sc++)
		db_free_script(&dbs[sc]);
	memset(lang_read, 0, sizeof lang_read);
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
static const ucs4_t arab_fa[] = { 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC };
static const ucs4_t arab_ar[] = { 0x0643, 0x064A, 0x0649, 0x0629 };
static const ucs4_t arab_ur[] = { 0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE };
static const ucs4_t arab_ps[] = { 0x067C, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06CD };
static const ucs4_t arab_ckb[] = { 0x06B5, 0x0695, 0x06C6, 0x06CE, 0x06D5 };
static const ucs4_t arab_ug[] = { 0x06C7, 0x06C8, 0x06CB, 0x06D0 };

/* For each code point of U+0600..U+06FF, the sets above it is in (bits in
 * their order). */
enum { A_FA = 1, A_AR = 2, A_UR = 4, A_PS = 8, A_CKB = 16, A_UG = 32 };
static uint8_t arab_bits[0x100];

static void arab_mark(const ucs4_t *set, size_t n, uint8_t bit)
{
	for (size_t i = 0; i < n; i++)
		arab_bits[set[i] - 0x600] |= bit;
}
#define ARAB_MARK(set, bit) arab_mark(set, sizeof set / sizeof *set, bit)

static void arab_init(void)
{
	ARAB_MARK(arab_fa, A_FA);
	ARAB_MARK(arab_ar, A_AR);
	ARAB_MARK(arab_ur, A_UR);
	ARAB_MARK(arab_ps, A_PS);
	ARAB_MARK(arab_ckb, A_CKB);
	ARAB_MARK(arab_ug, A_UG);
}

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

/* Counts the letters per script of the text, up to CENSUS_LETTERS of them. */
enum { CENSUS_LETTERS = 4096 };
static void take_census(const uint8_t *s, size_t n, struct census *cs)
{
	memset(cs, 0, sizeof *cs);
	for (size_t i = 0; i < n && cs->letters < CENSUS_LETTERS;) {
		ucs4_t c = s[i];
		if (c < 0x80)
			i++;
		else
			i += next_char(s + i, n - i, &c);
		uint8_t sc = classify(c);
		if (sc >= SC_COUNT)
			continue;
		cs->letters++;
		cs->per_script[sc]++;
		if (sc == SC_ARAB && c >= 0x600 && c < 0x700 && arab_bits[c - 0x600]) {
			unsigned b = arab_bits[c - 0x600];
			cs->fa += (b & A_FA) != 0;
			cs->ar += (b & A_AR) != 0;
			cs->ur += (b & A_UR) != 0;
			cs->ps += (b & A_PS) != 0;
			cs->ckb += (b & A_CKB) != 0;
			cs->ug += (b & A_UG) != 0;
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
		ucs4_t c = s[i];
		size_t k = c < 0x80 ? 1 : next_char(s + i, n - i, &c);
		const uint8_t *src = s + i;
		i += k;
		uint8_t cl = classify(c);
		bool keep;
		if (cl < SC_COUNT)
			keep = cl == want || (want == SC_HANI && cl == SC_KANA);
		else if (is_pointing(c))
			continue;
		else
			keep = in_word && cl == CL_MARK;
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

/* How many times the sample (words separated by spaces) shows m's items:
 * a letter wherever it occurs, a word where a word of the sample is it up
 * to a space, a comma or a full stop. */
static size_t count_markers(const struct marker *m, const uint8_t *lower,
			    size_t len)
{
	enum { MAX_ITEMS = 64 };
	const char *word[MAX_ITEMS];
	size_t wlen[MAX_ITEMS], nwords = 0, hits = 0;
	const char *it = m->items;
	while (*it) {
		size_t ilen = strcspn(it, " ");
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)it, ilen);
		if (k > 0 && (size_t)k == ilen) {
			/* a letter: every occurrence */
			const uint8_t *p = lower, *end = lower + len;
			while ((p = memchr(p, (uint8_t)it[0], (size_t)(end - p))) != NULL) {
				if ((size_t)(end - p) >= ilen && memcmp(p, it, ilen) == 0)
					hits++;
				p++;
			}
		} else if (nwords < MAX_ITEMS) {
			word[nwords] = it;
			wlen[nwords++] = ilen;
		}
		it += ilen;
		while (*it == ' ')
			it++;
	}
	/* the words: each of the sample's compared with them */
	for (size_t i = 0; i < len && nwords > 0;) {
		size_t w = i;
		while (w < len && lower[w] != ' ' && lower[w] != ',' && lower[w] != '.')
			w++;
		for (size_t k = 0; k < nwords; k++)
			hits += w - i == wlen[k] && memcmp(lower + i, word[k], wlen[k]) == 0;
		/* the next word starts after the next space */
		while (w < len && lower[w] != ' ')
			w++;
		i = w + 1;
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

/* ---- the text's n-grams -------------------------------------------------- */

/* A text's n-gram profile, as libexttextcat defines it: the sample's words
 * joined and framed by '_' ("_le_chat_"), every n-gram of 1 to NGRAM_CHARS
 * characters starting at each character, an '_' only at either end of one;
 * their counts; the FULL_NGRAMS most frequent ranked from 0 (equal counts
 * in the order of their first occurrence). */
struct profile {
	uint8_t buf[LANGID_SAMPLE_MAX + 2]; /* the framed sample */
	size_t nranked;
	struct pgram {
		uint32_t hash;
		uint16_t off, count;
		uint8_t len;
	} grams[(LANGID_SAMPLE_MAX + 2) * NGRAM_CHARS];
	uint16_t ranked[FULL_NGRAMS]; /* indexes in grams, by rank */
	uint16_t slots[1 << 14];      /* 1 + index in grams; 0: empty */
	uint16_t order[(LANGID_SAMPLE_MAX + 2) * NGRAM_CHARS];
	uint32_t by_count[LANGID_SAMPLE_MAX + 4];
};

/* Counts one n-gram of p->buf. */
static inline void profile_count(struct profile *p, size_t *ngrams, uint32_t h,
			  size_t off, size_t len)
{
	const size_t mask = sizeof p->slots / sizeof *p->slots - 1;
	for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
		uint16_t k = p->slots[slot];
		if (k == 0) {
			struct pgram *g = &p->grams[*ngrams];
			g->hash = h;
			g->off = (uint16_t)off;
			g->len = (uint8_t)len;
			g->count = 1;
			p->slots[slot] = (uint16_t)++*ngrams;
			return;
		}
		struct pgram *g = &p->grams[k - 1];
		if (g->hash == h && g->len == len &&
		    same_bytes(p->buf + g->off, p->buf + off, len)) {
			g->count++;
			return;
		}
	}
}

static size_t utf8_len(uint8_t b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Builds the profile of a sample (len > 0 bytes, as take_sample writes it:
 * words separated by single spaces, none first, so that framing it is
 * libexttextcat's: each space an '_', one more at either end). */
static void profile_build(struct profile *p, const char *sample, size_t len)
{
	size_t n = 0;
	p->buf[n++] = '_';
	for (size_t i = 0; i < len; i++) {
		bool sep = sample[i] == ' ';
		if (!sep || p->buf[n - 1] != '_')
			p->buf[n++] = sep ? '_' : (uint8_t)sample[i];
	}
	if (p->buf[n - 1] != '_')
		p->buf[n++] = '_';
	memset(p->slots, 0, sizeof p->slots);

	size_t ngrams = 0;
	for (size_t at = 0; at < n;) {
		size_t end = at + utf8_len(p->buf[at]);
		if (end > n)
			end = n;
		uint32_t h = fnv_step(FNV_START, p->buf + at, end - at);
		profile_count(p, &ngrams, h, at, end - at);
		size_t next = end;
		/* longer ones, up to and including an '_' */
		for (int k = 2; k <= NGRAM_CHARS && end < n; k++) {
			size_t e = end + utf8_len(p->buf[end]);
			if (e > n)
				e = n;
			h = fnv_step(h, p->buf + end, e - end);
			profile_count(p, &ngrams, h, at, e - at);
			if (p->buf[end] == '_')
				break;
			end = e;
		}
		at = next;
	}

	/* Ranked by count, then by first occurrence: a counting sort. */
	size_t maxc = 0;
	for (size_t i = 0; i < ngrams; i++)
		if (p->grams[i].count > maxc)
			maxc = p->grams[i].count;
	memset(p->by_count, 0, (maxc + 2) * sizeof *p->by_count);
	for (size_t i = 0; i < ngrams; i++)
		p->by_count[maxc - p->grams[i].count + 1]++;
	for (size_t c = 1; c <= maxc + 1; c++)
		p->by_count[c] += p->by_count[c - 1];
	for (size_t i = 0; i < ngrams; i++)
		p->order[p->by_count[maxc - p->grams[i].count]++] = (uint16_t)i;
	p->nranked = ngrams < FULL_NGRAMS ? ngrams : FULL_NGRAMS;
	memcpy(p->ranked, p->order, p->nranked * sizeof *p->ranked);
}

/* The distance of the profile to each language of db: the sum over the
 * profile's n-grams of how far apart their ranks are in the text and in
 * the language's fingerprint, OUT_OF_PLACE when the fingerprint lacks one
 * (libexttextcat's measure). dist[] is indexed like langs[]. */
static void profile_distances(const struct profile *p, const struct script_db *db,
			      long *dist)
{
	long gain[NLANGS] = { 0 };
	for (size_t r = 0; r < p->nranked; r++) {
		const struct pgram *g = &p->grams[p->ranked[r]];
		const struct gram *fg = db_find(db, g->hash, p->buf + g->off, g->len);
		if (!fg)
			continue;
		const struct posting *po = db->posts + fg->post;
		for (size_t k = 0; k < fg->npost; k++) {
			long d = (long)po[k].rank - (long)r;
			gain[po[k].lang] += OUT_OF_PLACE - (d < 0 ? -d : d);
		}
	}
	long worst = (long)p->nranked * OUT_OF_PLACE;
	for (size_t i = 0; i < NLANGS; i++)
		dist[i] = worst - gain[i];
}

/* ---- the verdict --------------------------------------------------------- */

/* Whether NFC leaves a string of such characters as it is: no mark, nothing
 * that composes with what precedes it (Hangul jamo), no character that
 * NFC replaces (a canonical singleton or a composition exclusion). */
static bool nfc_stable(ucs4_t c)
{
	if (c < 0x300)
		return true;
	if (uc_combining_class(c) != 0 || uc_is_general_category(c, UC_CATEGORY_M) ||
	    (c >= 0x1100 && c <= 0x11FF))
		return false;
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int k = uc_canonical_decomposition(c, d);
	return k < 0 || (k == 2 && uc_composition(d[0], d[1]) == c);
}

/* Puts the sample in NFC, as the fingerprints are (decomposed accents would
 * be n-grams of their own); returns its length. */
static size_t sample_nfc(char *sample, size_t len)
{
	bool stable = true;
	for (size_t i = 0; i < len && stable;) {
		if ((uint8_t)sample[i] < 0x80) {
			i++;
			continue;
		}
		ucs4_t c;
		i += next_char((const uint8_t *)sample + i, len - i, &c);
		stable = nfc_stable(c);
	}
	if (stable)
		return len;
	size_t nlen = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)sample, len,
				    NULL, &nlen);
	if (nfc && nlen < LANGID_SAMPLE_MAX) {
		memcpy(sample, nfc, nlen);
		sample[nlen] = '\0';
		len = nlen;
	}
	free(nfc);
	return len;
}

/* The sample in lowercase (malloc'd, *llen bytes; NULL when memory ran
 * out), and whether it has more capitals than small letters. Characters
 * are lowered one by one, as u8_tolower does but for İ and Σ, whose
 * lowercase is not one character or depends on the next: with one of
 * those, u8_tolower lowers all. */
static uint8_t *sample_lower(const char *sample, size_t len, size_t *llen,
			     bool *capitals)
{
	const uint8_t *s = (const uint8_t *)sample;
	uint8_t *out = malloc(len * 2 + 1);
	size_t n = 0, upper = 0, small = 0;
	bool whole = false;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len && !whole;) {
		uint8_t b = s[i];
		if (b < 0x80) {
			upper += b >= 'A' && b <= 'Z';
			small += b >= 'a' && b <= 'z';
			out[n++] = b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
			i++;
			continue;
		}
		ucs4_t c;
		size_t k = next_char(s + i, len - i, &c);
		ucs4_t lc = uc_tolower(c);
		upper += lc != c;
		small += uc_toupper(c) != c || c == 0xDF;
		whole = c == 0x130 || c == 0x3A3;
		int w = u8_uctomb(out + n, lc, 4);
		if (w <= 0 || n + (size_t)w > len * 2) {
			whole = true;
			break;
		}
		n += (size_t)w;
		i += k;
	}
	if (whole) {
		free(out);
		size_t upper2 = 0, small2 = 0;
		for (size_t i = 0; i < len;) {
			ucs4_t c;
			i += next_char(s + i, len - i, &c);
			upper2 += uc_is_upper(c);
			small2 += uc_is_lower(c);
		}
		*capitals = upper2 > small2;
		return u8_tolower(s, len, NULL, NULL, NULL, llen);
	}
	out[n] = '\0';
	*llen = n;
	*capitals = upper > small;
	return out;
}

/* One candidate language and its distance. */
struct cand {
	size_t lang; /* index in langs[] */
	long dist;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->dist != y->dist)
		return (x->dist > y->dist) - (x->dist < y->dist);
	return (x->lang > y->lang) - (x->lang < y->lang);
}

enum {
	/* candidates this close to the winner (thousandths) that have markers
	 * are decided between by their markers */
	RESOLVE_MARGIN_PERMILLE = 120,
	/* candidates kept when a script has more than twice as many */
	SHORTLIST = 12,
};

/* The n-gram verdict among the languages of script sc (all of them when
 * only is NULL, else those whose tag is in the NULL-terminated list). */
static void ngram_verdict(const uint8_t *s, size_t n, enum script sc,
			  const char *const *only, struct langid_guess *g)
{
	const struct script_db *db = db_get(sc);
	if (!db) {
		set_unknown(g, "out of memory");
		return;
	}
	if (db->nlangs == 0) {
		set_unknown(g, "no fingerprints");
		return;
	}
	char *sample = malloc(LANGID_SAMPLE_MAX);
	struct cand *cands = malloc(NLANGS * sizeof *cands);
	struct profile *prof = malloc(sizeof *prof);
	long *dist = malloc(NLANGS * sizeof *dist);
	uint8_t *lower = NULL;
	size_t len = 0, nc = 0, llen = 0;
	bool capitals = false;
	if (!sample || !cands || !prof || !dist) {
		set_unknown(g, "out of memory");
		goto out;
	}
	len = sample_nfc(sample, take_sample(s, n, sc, sample));
	/* The lowercased sample, for alphabets and markers; and for the
	 * n-grams too when the text is set in capitals (the fingerprints are
	 * of ordinary text, mostly lowercase). */
	lower = sample_lower(sample, len, &llen, &capitals);
	if (!lower) {
		set_unknown(g, "out of memory");
		goto out;
	}
	if (capitals) {
		/* (lowercase can be longer: cut at a character) */
		size_t k = llen < LANGID_SAMPLE_MAX ? llen : LANGID_SAMPLE_MAX - 1;
		while (k > 0 && k < llen && (lower[k] & 0xC0) == 0x80)
			k--;
		memcpy(sample, lower, k);
		sample[k] = '\0';
		len = k;
	}
	if (len == 0) {
		set_unknown(g, "too few letters");
		goto out;
	}
	profile_build(prof, sample, len);
	profile_distances(prof, db, dist);

	bool seen[NLANGS] = { false };
	for (size_t i = 0; i < NLANGS; i++) {
		/* (another script's flags may be being written by another thread) */
		if (langs[i].script != sc || !lang_read[i])
			continue;
		if (only) {
			bool listed = false;
			for (const char *const *t = only; *t; t++)
				listed = listed || strcmp(*t, langs[i].tag) == 0;
			if (!listed)
				continue;
		}
		cands[nc].lang = i;
		cands[nc].dist = dist[i];
		nc++;
	}
	if (nc == 0) {
		set_unknown(g, "no fingerprints");
		goto out;
	}
	qsort(cands, nc, sizeof *cands, cand_cmp);
	/* Among many languages (the Latin script's), the SHORTLIST nearest
	 * only: a far one's markers do not make a rival of it. */
	if (nc > 2 * SHORTLIST)
		nc = SHORTLIST;
	/* Two fingerprints of one tag count once; and the languages whose
	 * alphabet the text does not fit (Cyrillic) not at all. */
	size_t m = 0;
	for (size_t i = 0; i < nc; i++) {
		size_t t = lang_canon[cands[i].lang];
		if (seen[t] || (sc == SC_CYRL &&
				!fits_alphabet(langs[cands[i].lang].tag, lower, llen)))
			continue;
		seen[t] = true;
		cands[m++] = cands[i];
	}
	nc = m;
	if (nc == 0) {
		set_unknown(g, "unlike any language");
		goto out;
	}

	if (sc == SC_LATN && !repeats_itself(lower, llen)) {
		set_unknown(g, "unlike any language");
		goto out;
	}

	/* The worst distance: every n-gram of the text missing. */
	long worst = (long)prof->nranked * OUT_OF_PLACE;
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
	free(lower);
	free(dist);
	free(prof);
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

/* What langid_identify needs before its first verdict. */
static void tables_init(void)
{
	scripts_init();
	class_init();
	arab_init();
	canon_init();
}

bool langid_identify(const char *text, size_t n, struct langid_guess *out)
{
	struct langid_guess g = { "und", "Zyyy", 0, "too few letters" };
	const uint8_t *s = (const uint8_t *)text;
	struct census cs;

	pthread_once(&scripts_once, tables_init);
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
