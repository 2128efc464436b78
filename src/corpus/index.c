/* index.c — owns the on-disk index of a corpus: one SQLite database per
 * corpus directory, in WAL mode so that two readers can share it, written
 * in transactions of CINDEX_BATCH articles (CINDEX_BATCH_READER for the
 * reader) so that a killed process leaves
 * the articles of every committed batch and nothing half-written.
 *
 * Tables: `meta` (key/value: the parse version, the generation), `article`,
 * one row per file, keyed by its path relative to the corpus directory (its
 * integer id kept while its text is, never reused: AUTOINCREMENT), with
 * size, mtime, content hash, the hash of the manifest's inputs, the detected
 * fields, and two BLOBs of packed little-endian 32-bit words: the blocks
 * (9 words each) and the mentioned dates (9 words each); and `text`, a
 * contentless FTS5 table (no copy of the texts, no positions, no sizes)
 * indexing each article's searchable text folded as search folds it, under
 * the article's id, written in the same transaction as the article row. Its
 * tokenizer, `tandem_trigram` (registered on every connection), gives the
 * trigrams SQLite's trigram tokenizer gives with case_sensitive 1, each
 * distinct one of a text once (without positions, repeats are wasted work).
 * A contentless table cannot delete a row, so an article whose text is
 * written again gets a new id (its row deleted and inserted) and its old
 * text stays, under an id no article has (`orphans` in meta counts them;
 * an index where they outnumber the articles is rebuilt). The texts of a
 * transaction are held until its commit and written together then: a
 * write to `article` between two writes to `text` makes SQLite open a
 * statement savepoint on the FTS5 table, which flushes its pending terms to
 * disk each time (measured: twice the CPU of the whole FTS5 insert).
 * Beside an article's row, under its id, `facts` and `links` keep the
 * records of its facts and evidence links (facts_pack, evidence_pack; the
 * links with the hash of the events they were found for), written with the
 * row and dropped with it by a trigger; `manifest` keeps one record of the
 * corpus's manifest as read (manifest_pack), for the file's size and
 * modification time. PRAGMA user_version holds CINDEX_SCHEMA. Everything that goes wrong ends in one
 * note for the caller, who then rebuilds or goes on without the index. */
#include "tandem/index.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 3000
#define BLOCK_WORDS 9
#define DATE_WORDS 9

/* cindex_preload's pass over the rows: one statement stepping the table in
 * rowid order (the order the articles were written, so the order a load
 * asks for them), its current row handed out when it is the one looked up.
 * A write resets the statement (remembering the row it was on) and the next
 * lookup resumes there. */
struct cindex_scan {
	sqlite3_stmt *st;      /* NULL: no pass */
	int on_row;            /* st is on a row not yet handed out */
	int suspended;         /* st was reset: resume at rowid `next` */
	sqlite3_int64 next;
	unsigned misses;       /* lookups in a row that were not the current row */
};

/* An article's searchable text, held until its transaction commits. */
struct pending_text {
	sqlite3_int64 id;      /* the article's row id */
	char *body;            /* owned */
	size_t len;
};

struct cindex {
	char *file;            /* owned */
	int damaged;           /* SQLite said the file is corrupt */
	int locked;            /* a write waited beyond the busy timeout */
	sqlite3 *db;
	sqlite3_stmt *get, *put, *count, *art_del, *text_put;
	sqlite3_stmt *facts_put, *facts_del, *links_put, *links_del;
	enum { TX_NONE, TX_READ, TX_WRITE } in_tx; /* the open transaction:
	                          lookups share one read transaction (one
	                          lock, not one a lookup) until a write */
	unsigned pending;      /* puts in the open transaction */
	long long orphaned;    /* texts the open transaction left to no article */
	struct pending_text *texts; /* owned: the texts of those puts, in order */
	size_t ntexts, texts_cap;
	long delay_ms;         /* test hook: pause after each commit and
	                          each batch / 4 articles written */
	unsigned batch;        /* articles a transaction (CINDEX_BATCH...) */
	int interactive;       /* CINDEX_INTERACTIVE */
	int configured;        /* the trigram table's settings written */
	struct cindex_scan scan; /* cindex_preload's pass */
	sqlite3_int64 last_id; /* of the last cindex_put */
	uint64_t generation;
	char err[512];
};

uint64_t cindex_hash(uint64_t h, const void *bytes, size_t n)
{
	const unsigned char *p = bytes;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static uint64_t get64le(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

/* Eight bytes a step (a multiply and a shift), where FNV-1a takes a
 * multiply a byte: the files of a cold build are all hashed. */
uint64_t cindex_content_hash(const void *bytes, size_t n)
{
	const unsigned char *p = bytes;
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = CINDEX_HASH_INIT ^ ((uint64_t)n * 0xC2B2AE3D27D4EB4Full);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		h = (h ^ get64le(p + i)) * k;
		h ^= h >> 32;
	}
	if (i < n) {
		unsigned char tail[8] = {0};
		memcpy(tail, p + i, n - i);
		h = (h ^ get64le(tail)) * k;
		h ^= h >> 32;
	}
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 32;
	return h;
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char *cindex_default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	if (x && x[0] == '/')
		return dup_printf("%s/tandem", x);
	const char *h = getenv("HOME");
	if (h && h[0])
		return dup_printf("%s/.cache/tandem", h);
	return NULL;
}

char *cindex_file_for(const char *cache_dir, const char *key)
{
	uint64_t h = cindex_hash(CINDEX_HASH_INIT, key, strlen(key));
	/* the tail: the key's last component, letters, digits, '-', '_' */
	size_t n = strlen(key);
	while (n > 1 && key[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && key[start - 1] != '/')
		start--;
	char tail[33];
	size_t k = 0;
	for (size_t i = start; i < n && k < sizeof tail - 1; i++) {
		char ch = key[i];
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		         (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
		tail[k++] = ok ? ch : '_';
	}
	tail[k] = 0;
	return dup_printf("%s/%016llx%s%s.db", cache_dir, (unsigned long long)h, k ? "-" : "",
	                  tail);
}

static int is_corrupt(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static void set_err(struct cindex *ix, const char *what)
{
	if (is_corrupt(sqlite3_extended_errcode(ix->db)))
		ix->damaged = 1;
	if ((sqlite3_extended_errcode(ix->db) & 0xff) == SQLITE_BUSY)
		ix->locked = 1;
	snprintf(ix->err, sizeof ix->err, "%.60s: %.400s", what, sqlite3_errmsg(ix->db));
}

const char *cindex_error(const struct cindex *ix)
{
	return ix->err[0] ? ix->err : "no error";
}

static int exec(struct cindex *ix, const char *sql)
{
	if (sqlite3_exec(ix->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		set_err(ix, sql);
		return -1;
	}
	return 0;
}

/* mkdir -p, mode 0700 (the cache says what the user reads). */
static int make_dirs(const char *dir)
{
	char *p = strdup(dir);
	if (!p)
		return -1;
	for (char *s = p + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = 0;
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				free(p);
				errno = e;
				return -1;
			}
			if (!c)
				break;
			*s = c;
		}
	}
	free(p);
	return 0;
}

/* Removes the database and its WAL files. */
static void remove_db(const char *file)
{
	size_t n = strlen(file);
	char *p = malloc(n + 5);
	unlink(file);
	if (!p)
		return;
	memcpy(p, file, n);
	memcpy(p + n, "-wal", 5);
	unlink(p);
	memcpy(p + n, "-shm", 5);
	unlink(p);
	free(p);
}

/* ------------------------------------------------- the trigram tokenizer */

/* Its state: the trigrams of the text being tokenized, for emitting each
 * once: an open-addressing set of 8-byte slots, each a trigram of three
 * BMP code points (16 bits each) above the 16-bit tag of the text it was
 * seen in; a slot with another tag is free. Small enough to stay in the
 * processor's cache for most texts (sized by characters, not bytes). */
struct tri_tokenizer {
	uint64_t *slots;
	size_t cap;            /* a power of two, or 0 */
	uint32_t tag;          /* 1 to 0xFFFF */
};

/* Texts longer than this (bytes) are tokenized without removing repeats
 * rather than growing the set further. */
#define TRI_DEDUP_MAX (4u << 20)

static int tri_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)argv;
	if (argc != 0)
		return SQLITE_ERROR;
	struct tri_tokenizer *t = calloc(1, sizeof *t);
	*out = (Fts5Tokenizer *)t;
	return t ? SQLITE_OK : SQLITE_NOMEM;
}

static void tri_delete(Fts5Tokenizer *tok)
{
	struct tri_tokenizer *t = (struct tri_tokenizer *)tok;
	if (!t)
		return;
	free(t->slots);
	free(t);
}

/* The character at s as SQLite's trigram tokenizer reads it (a byte, and
 * after a lead byte every continuation byte that follows): its length, and
 * in *cp its code point, or UINT32_MAX when it is not one well-formed
 * character (then it is never taken for another). */
static size_t tri_char(const unsigned char *s, const unsigned char *end, uint32_t *cp)
{
	size_t n = 1;
	uint32_t c = s[0];
	if (c >= 0xC0) {
		size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		c &= 0x3F >> (want - 1);
		while (s + n < end && (s[n] & 0xC0) == 0x80) {
			c = c << 6 | (s[n] & 0x3F);
			n++;
		}
		/* overlong forms too: then a code point has one form only */
		static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
		if (n != want || c > 0x10FFFF || c < least[want])
			c = UINT32_MAX;
	} else if (c >= 0x80) {
		c = UINT32_MAX;
	}
	*cp = c;
	return n;
}

/* Makes the set ready for a text of n characters. 0, or -1 when memory
 * runs out. */
static int tri_set_ready(struct tri_tokenizer *t, size_t n)
{
	size_t want = 64;
	while (want < 2 * n)
		want *= 2;
	if (want > t->cap) {
		uint64_t *s = calloc(want, sizeof *s);
		if (!s)
			return -1;
		free(t->slots);
		t->slots = s;
		t->cap = want;
		t->tag = 0;
	}
	if (++t->tag > 0xFFFF) { /* wrapped: every slot looks live */
		memset(t->slots, 0, t->cap * sizeof *t->slots);
		t->tag = 1;
	}
	return 0;
}

/* Adds the trigram `key` (48 bits); 1 when it was new, 0 when the text had
 * it already. */
static int tri_set_add(struct tri_tokenizer *t, uint64_t key)
{
	size_t mask = t->cap - 1, h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
	uint64_t v = key << 16 | t->tag, s;
	while (((s = t->slots[h]) & 0xFFFF) == t->tag) {
		if (s == v)
			return 0;
		h = (h + 1) & mask;
	}
	t->slots[h] = v;
	return 1;
}

static int tri_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
	struct tri_tokenizer *t = (struct tri_tokenizer *)tok;
	const unsigned char *s = (const unsigned char *)text, *end = s + (n > 0 ? n : 0);
	/* a query's trigrams are few and each is wanted */
	int dedup = 0;
	if ((flags & FTS5_TOKENIZE_DOCUMENT) && end - s <= TRI_DEDUP_MAX) {
		size_t chars = 0;
		for (const unsigned char *p = s; p < end; p++)
			chars += (*p & 0xC0) != 0x80;
		dedup = tri_set_ready(t, chars) == 0;
	}
	int at[3] = {0, 0, 0};
	uint32_t cp[3] = {0, 0, 0};
	int have = 0;
	for (const unsigned char *p = s; p < end && *p;) {
		uint32_t c;
		size_t len = tri_char(p, end, &c);
		at[0] = at[1];
		at[1] = at[2];
		at[2] = (int)(p - s);
		cp[0] = cp[1];
		cp[1] = cp[2];
		cp[2] = c;
		p += len;
		if (++have < 3)
			continue;
		/* (a trigram beyond the BMP, or not well formed, is given each
		 * time: rare, and a repeat only wasted work) */
		if (dedup && (cp[0] | cp[1] | cp[2]) <= 0xFFFF &&
		    !tri_set_add(t, (uint64_t)cp[0] << 32 | (uint64_t)cp[1] << 16 | cp[2]))
			continue;
		int e = (int)(p - s);
		int rc = emit(ctx, 0, text + at[0], e - at[0], at[0], e);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

int cindex_tokenizer_register(sqlite3 *db)
{
	static fts5_tokenizer tri = {tri_create, tri_delete, tri_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL) == SQLITE_OK)
		sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, "tandem_trigram", NULL, &tri, NULL) == SQLITE_OK ? 0 : -1;
}

static const char SCHEMA_SQL[] =
    "DROP TABLE IF EXISTS text;"
    "DROP TABLE IF EXISTS facts;"
    "DROP TABLE IF EXISTS links;"
    "DROP TABLE IF EXISTS manifest;"
    "DROP TABLE IF EXISTS article;"
    "DROP TABLE IF EXISTS meta;"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE article("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE,"
    " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " hash INTEGER NOT NULL, inputs INTEGER NOT NULL,"
    " lang TEXT NOT NULL, source TEXT, title TEXT NOT NULL,"
    " date_y INTEGER NOT NULL, date_m INTEGER NOT NULL, date_d INTEGER NOT NULL,"
    " detected INTEGER NOT NULL, invalid_utf8 INTEGER NOT NULL, controls INTEGER NOT NULL,"
    " blocks BLOB, dates BLOB, charset TEXT, undecodable INTEGER NOT NULL, refused TEXT);"
    /* beside an article's row, under its id, small rows of their own: a
     * pass over every article's evidence reads these alone */
    "CREATE TABLE facts(id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
    "CREATE TABLE links(id INTEGER PRIMARY KEY, events INTEGER NOT NULL, data BLOB NOT NULL);"
    /* the corpus's manifest as read (its events, groups and articles),
     * for the file of this size and time */
    "CREATE TABLE manifest(id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, data BLOB NOT NULL);"
    "CREATE TRIGGER article_gone AFTER DELETE ON article BEGIN"
    " DELETE FROM facts WHERE id = old.id; DELETE FROM links WHERE id = old.id; END;"
    "CREATE VIRTUAL TABLE text USING fts5(body, tokenize='tandem_trigram',"
    " detail=none, content='', columnsize=0);"
    ;

/* How the trigram table is written (FTS5 keeps it in the database: set at
 * a connection's first write). For a build: a segment a batch (its
 * pending terms written at its commit, not flushed every MiB), and
 * segments merged only when one level holds 64: the merging of the default
 * (4 at a time, after every write) cost more than the writing itself at
 * 100,000 articles, and a search over a hundred segments still takes a few
 * milliseconds. For the reader: FTS5's defaults, a little merging at each
 * commit, so that no commit (nor, once, a merge of 64 segments, about
 * 1.6 s at 64,000 articles) keeps a key waiting. */
static const char BULK_SQL[] =
    "INSERT INTO text(text, rank) VALUES('hashsize', 16777216);"
    "INSERT INTO text(text, rank) VALUES('automerge', 0);"
    "INSERT INTO text(text, rank) VALUES('crisismerge', 64);";
static const char INTERACTIVE_SQL[] =
    "INSERT INTO text(text, rank) VALUES('hashsize', 1048576);"
    "INSERT INTO text(text, rank) VALUES('automerge', 4);"
    "INSERT INTO text(text, rank) VALUES('crisismerge', 16);";

/* A new generation: from the time, the process and the file. */
static uint64_t new_generation(const char *file)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long w[3] = {ts.tv_sec, ts.tv_nsec, (long long)getpid()};
	uint64_t h = cindex_hash(CINDEX_HASH_INIT, w, sizeof w);
	h = cindex_hash(h, file, strlen(file));
	return h & INT64_MAX; /* an SQLite integer, not negative */
}

/* Empties the index and writes the current schema, parse version and a new
 * generation. */
static int create_schema(struct cindex *ix)
{
	char sql[sizeof SCHEMA_SQL + 240];
	ix->configured = 0; /* a new trigram table: its settings at the next write */
	ix->generation = new_generation(ix->file);
	snprintf(sql, sizeof sql,
	         "BEGIN IMMEDIATE;%s"
	         "INSERT INTO meta VALUES('parse_version', %d);"
	         "INSERT INTO meta VALUES('generation', %llu);"
	         "INSERT INTO meta VALUES('orphans', 0);"
	         "PRAGMA user_version = %d;COMMIT;",
	         SCHEMA_SQL, CINDEX_PARSE_VERSION, (unsigned long long)ix->generation,
	         CINDEX_SCHEMA);
	if (exec(ix, sql) != 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void pause_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* One integer from a single-row query; -1 with ix->err set on an error,
 * and SQLite's result code in *rc. */
static int query_int(struct cindex *ix, const char *sql, long long *out, int *rc)
{
	sqlite3_stmt *st;
	*rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK) {
		set_err(ix, sql);
		return -1;
	}
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		*rc = SQLITE_OK;
	} else if (*rc == SQLITE_DONE) {
		*out = -1;
		*rc = SQLITE_OK;
	} else {
		set_err(ix, sql);
	}
	sqlite3_finalize(st);
	return *rc == SQLITE_OK ? 0 : -1;
}

/* quick_check says "ok" on a sound database. */
static int quick_check(struct cindex *ix, int *rc)
{
	sqlite3_stmt *st;
	*rc = sqlite3_prepare_v2(ix->db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (*rc != SQLITE_OK) {
		set_err(ix, "quick_check");
		return -1;
	}
	int ok = 0;
	*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		ok = v && !strcmp((const char *)v, "ok");
		*rc = SQLITE_OK;
		if (!ok)
			snprintf(ix->err, sizeof ix->err, "quick_check: %s", v ? (const char *)v : "?");
	} else {
		set_err(ix, "quick_check");
	}
	sqlite3_finalize(st);
	if (*rc == SQLITE_OK && !ok)
		*rc = SQLITE_CORRUPT;
	return ok ? 0 : -1;
}

enum open_result { OPEN_OK, OPEN_CORRUPT, OPEN_FAIL };
enum { REBUILT_VERSION = 1, REBUILT_ORPHANS = 2 }; /* why open_db emptied it */

/* Opens the database and brings it to the current schema. */
static enum open_result open_db(struct cindex *ix, const char *file, unsigned flags,
                                int *rebuilt)
{
	*rebuilt = 0;
	/* one thread uses a connection at a time: no mutex on each call */
	int rc = sqlite3_open_v2(file, &ix->db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                         NULL);
	if (rc != SQLITE_OK) {
		if (ix->db)
			set_err(ix, "cannot open");
		else
			snprintf(ix->err, sizeof ix->err, "cannot open: out of memory");
		return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
	}
	sqlite3_extended_result_codes(ix->db, 1);
	if (sqlite3_busy_timeout(ix->db, BUSY_TIMEOUT_MS) != SQLITE_OK) {
		set_err(ix, "busy_timeout");
		return OPEN_FAIL;
	}
	if (cindex_tokenizer_register(ix->db) != 0) {
		set_err(ix, "the trigram tokenizer");
		return OPEN_FAIL;
	}
	if (sqlite3_db_readonly(ix->db, "main") == 1) {
		snprintf(ix->err, sizeof ix->err, "read-only");
		return OPEN_FAIL;
	}
	long long v, pv = -1;
	/* the first read of the file: a file that is not a database fails here */
	if (query_int(ix, "PRAGMA user_version", &v, &rc) != 0)
		return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
	/* the switch to WAL wants the file alone for a moment: while another
	 * tandem opens it too, SQLite says "locked" at once, without waiting
	 * in its busy handler; asked again for as long as that would wait */
	for (long waited = 0; query_int(ix, "PRAGMA journal_mode=WAL", &pv, &rc) != 0; waited += 10) {
		if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
		    waited >= BUSY_TIMEOUT_MS)
			return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
		pause_ms(10);
	}
	if (exec(ix, "PRAGMA synchronous=NORMAL") != 0)
		return OPEN_FAIL;
	struct stat st;
	if (v == CINDEX_SCHEMA) {
		/* a large index is not checked whole at every start: its damage
		 * shows as SQLite's error codes when read (cindex_damaged) */
		if (!(flags & CINDEX_TRUST) && (stat(file, &st) != 0 || st.st_size <= CINDEX_CHECK_MAX) &&
		    quick_check(ix, &rc) != 0)
			return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
		if (query_int(ix, "SELECT value FROM meta WHERE key = 'parse_version'", &pv, &rc) != 0)
			return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
		long long g;
		if (query_int(ix, "SELECT value FROM meta WHERE key = 'generation'", &g, &rc) != 0)
			return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
		if (g < 0)
			pv = -1; /* none: written by another version */
		ix->generation = (uint64_t)g;
		/* the articles are counted (a pass over an index) only when it
		 * may be worth it */
		long long orphans, articles = 0;
		if (query_int(ix, "SELECT value FROM meta WHERE key = 'orphans'", &orphans, &rc) != 0 ||
		    (orphans > CINDEX_ORPHANS_MIN &&
		     query_int(ix, "SELECT count(*) FROM article", &articles, &rc) != 0))
			return is_corrupt(rc) ? OPEN_CORRUPT : OPEN_FAIL;
		if (pv == CINDEX_PARSE_VERSION && orphans > CINDEX_ORPHANS_MIN && orphans > articles)
			*rebuilt = REBUILT_ORPHANS;
	}
	if (v != CINDEX_SCHEMA || pv != CINDEX_PARSE_VERSION || (flags & CINDEX_REBUILD) ||
	    *rebuilt) {
		if (create_schema(ix) != 0)
			return OPEN_FAIL;
		/* neither a new file nor a rebuild asked for is worth a message */
		if (flags & CINDEX_REBUILD)
			*rebuilt = 0;
		else if (!*rebuilt && v != 0)
			*rebuilt = REBUILT_VERSION;
	}
	static const char get_sql[] =
	    "SELECT size, mtime_ns, hash, inputs, lang, source, title, date_y, date_m, date_d,"
	    " detected, invalid_utf8, controls, blocks, dates, charset, undecodable, refused,"
	    " rowid FROM article WHERE path = ?1";
	/* an update keeps the row's id, which its `text` row is filed under */
	static const char put_sql[] =
	    "INSERT INTO article(path, size, mtime_ns, hash, inputs, lang, source,"
	    " title, date_y, date_m, date_d, detected, invalid_utf8, controls, blocks, dates,"
	    " charset, undecodable, refused)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
	    " ?18, ?19)"
	    " ON CONFLICT(path) DO UPDATE SET size = ?2, mtime_ns = ?3, hash = ?4, inputs = ?5,"
	    " lang = ?6, source = ?7, title = ?8, date_y = ?9, date_m = ?10, date_d = ?11,"
	    " detected = ?12, invalid_utf8 = ?13, controls = ?14, blocks = ?15, dates = ?16,"
	    " charset = ?17, undecodable = ?18, refused = ?19"
	    " RETURNING id";
	if (sqlite3_prepare_v3(ix->db, get_sql, -1, SQLITE_PREPARE_PERSISTENT, &ix->get, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, put_sql, -1, SQLITE_PREPARE_PERSISTENT, &ix->put, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "SELECT count(*) FROM article", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->count, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "DELETE FROM article WHERE path = ?1", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->art_del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "INSERT INTO text(rowid, body) VALUES(?1, ?2)", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->text_put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "INSERT OR REPLACE INTO facts(id, data) VALUES(?1, ?2)", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->facts_put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "DELETE FROM facts WHERE id = ?1", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->facts_del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db,
	                       "INSERT OR REPLACE INTO links(id, events, data) VALUES(?1, ?2, ?3)", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->links_put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(ix->db, "DELETE FROM links WHERE id = ?1", -1,
	                       SQLITE_PREPARE_PERSISTENT, &ix->links_del, NULL) != SQLITE_OK) {
		set_err(ix, "prepare");
		return OPEN_FAIL;
	}
	return OPEN_OK;
}

static void close_db(struct cindex *ix)
{
	sqlite3_finalize(ix->get);
	sqlite3_finalize(ix->put);
	sqlite3_finalize(ix->count);
	sqlite3_finalize(ix->art_del);
	sqlite3_finalize(ix->text_put);
	sqlite3_finalize(ix->facts_put);
	sqlite3_finalize(ix->facts_del);
	sqlite3_finalize(ix->links_put);
	sqlite3_finalize(ix->links_del);
	ix->get = ix->put = ix->count = ix->art_del = ix->text_put = NULL;
	ix->facts_put = ix->facts_del = ix->links_put = ix->links_del = NULL;
	if (ix->db)
		sqlite3_close(ix->db);
	ix->db = NULL;
}

struct cindex *cindex_open(const char *file, unsigned flags, char **note)
{
	*note = NULL;
	struct cindex *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	if (!(ix->file = strdup(file))) {
		free(ix);
		return NULL;
	}
	ix->interactive = !!(flags & CINDEX_INTERACTIVE);
	ix->batch = ix->interactive ? CINDEX_BATCH_READER : CINDEX_BATCH;
	const char *delay = getenv("TANDEM_TEST_INDEX_DELAY_MS");
	if (delay)
		ix->delay_ms = strtol(delay, NULL, 10);

	const char *slash = strrchr(file, '/');
	if (slash && slash != file) {
		char *dir = strndup(file, (size_t)(slash - file));
		if (!dir || make_dirs(dir) != 0) {
			*note = dup_printf("%s: cannot create the directory: %s", dir ? dir : file,
			                   strerror(errno));
			free(dir);
			free(ix->file);
			free(ix);
			return NULL;
		}
		free(dir);
	}
	struct stat st;
	if (lstat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		*note = dup_printf("%s: not a regular file; the index is not used", file);
		free(ix->file);
		free(ix);
		return NULL;
	}
	int rebuilt = 0;
	enum open_result r = open_db(ix, file, flags, &rebuilt);
	if (r == OPEN_CORRUPT) {
		/* SQLite cannot read it: start afresh */
		close_db(ix);
		remove_db(file);
		char why[sizeof ix->err];
		memcpy(why, ix->err, sizeof why);
		ix->err[0] = 0;
		ix->damaged = 0;
		r = open_db(ix, file, flags, &rebuilt);
		if (r == OPEN_OK)
			*note = dup_printf("%s: the index was damaged (%s); rebuilt", file, why);
	} else if (r == OPEN_OK && rebuilt == REBUILT_VERSION) {
		*note = dup_printf("%s: the index was written by another version of tandem; rebuilt",
		                   file);
	} else if (r == OPEN_OK && rebuilt == REBUILT_ORPHANS) {
		*note = dup_printf("%s: the index held more texts of changed or removed files than"
		                   " of articles; rebuilt", file);
	}
	if (r != OPEN_OK) {
		*note = dup_printf("%s: %s; the index is not used", file, ix->err);
		close_db(ix);
		free(ix->file);
		free(ix);
		return NULL;
	}
	return ix;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned char *pack_blocks(const struct article_block *b, size_t n)
{
	unsigned char *buf = malloc(n * BLOCK_WORDS * 4 + 1);
	if (!buf)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char *p = buf + i * BLOCK_WORDS * 4;
		uint32_t w[BLOCK_WORDS] = {(uint32_t)b[i].kind, (uint32_t)b[i].off, (uint32_t)b[i].len,
		                           (uint32_t)b[i].line_off, (uint32_t)b[i].line_len,
		                           b[i].line, b[i].ordinal, (uint32_t)b[i].dup_of, b[i].hash};
		for (size_t k = 0; k < BLOCK_WORDS; k++)
			put32(p + 4 * k, w[k]);
	}
	return buf;
}

static unsigned char *pack_dates(const struct date_mention *d, size_t n)
{
	unsigned char *buf = malloc(n * DATE_WORDS * 4 + 1);
	if (!buf)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char *p = buf + i * DATE_WORDS * 4;
		uint32_t w[DATE_WORDS] = {(uint32_t)d[i].from.y, (uint32_t)d[i].from.m,
		                          (uint32_t)d[i].from.d, (uint32_t)d[i].to.y,
		                          (uint32_t)d[i].to.m,   (uint32_t)d[i].to.d,
		                          (uint32_t)d[i].off,    (uint32_t)d[i].len,
		                          (uint32_t)d[i].year_inferred};
		for (size_t k = 0; k < DATE_WORDS; k++)
			put32(p + 4 * k, w[k]);
	}
	return buf;
}

void cindex_entry_free(struct cindex_entry *e)
{
	free(e->charset);
	free(e->refused);
	free(e->lang);
	free(e->source);
	free(e->title);
	free(e->dates);
	free(e->blocks);
	memset(e, 0, sizeof *e);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? strdup((const char *)s) : NULL;
}

/* Fills *out from the current row of st, whose columns from col0 on are
 * those of get_sql; the blocks and dates are unpacked only when want_blocks
 * (else has_paragraph and ndates are set from them). 1, or -1 (out freed,
 * ix->err set). */
static int read_row(struct cindex *ix, sqlite3_stmt *st, int col0, int want_blocks,
                    struct cindex_entry *out)
{
	memset(out, 0, sizeof *out);
	int c = col0;
	out->size = sqlite3_column_int64(st, c + 0);
	out->mtime_ns = sqlite3_column_int64(st, c + 1);
	out->hash = (uint64_t)sqlite3_column_int64(st, c + 2);
	out->inputs = (uint64_t)sqlite3_column_int64(st, c + 3);
	out->lang = column_dup(st, c + 4);
	/* the types before any conversion: NULL, or a string out of memory */
	int no_source = sqlite3_column_type(st, c + 5) == SQLITE_NULL;
	int no_charset = sqlite3_column_type(st, c + 15) == SQLITE_NULL;
	int no_refused = sqlite3_column_type(st, c + 17) == SQLITE_NULL;
	out->source = no_source ? NULL : column_dup(st, c + 5);
	out->title = column_dup(st, c + 6);
	out->date.y = sqlite3_column_int(st, c + 7);
	out->date.m = sqlite3_column_int(st, c + 8);
	out->date.d = sqlite3_column_int(st, c + 9);
	out->detected = (unsigned)sqlite3_column_int(st, c + 10);
	out->invalid_utf8 = (size_t)sqlite3_column_int64(st, c + 11);
	out->controls = (size_t)sqlite3_column_int64(st, c + 12);
	const unsigned char *bb = sqlite3_column_blob(st, c + 13);
	size_t bn = (size_t)sqlite3_column_bytes(st, c + 13);
	const unsigned char *db = sqlite3_column_blob(st, c + 14);
	size_t dn = (size_t)sqlite3_column_bytes(st, c + 14);
	out->charset = no_charset ? NULL : column_dup(st, c + 15);
	out->undecodable = (size_t)sqlite3_column_int64(st, c + 16);
	out->refused = no_refused ? NULL : column_dup(st, c + 17);
	int r = 1;
	int oom = !out->lang || !out->title || (!no_source && !out->source) ||
	          (!no_charset && !out->charset) || (!no_refused && !out->refused);
	if (oom) {
		snprintf(ix->err, sizeof ix->err, "lookup: out of memory");
		r = -1;
	} else if (bn % (BLOCK_WORDS * 4) || dn % (DATE_WORDS * 4)) {
		snprintf(ix->err, sizeof ix->err, "lookup: a damaged row");
		ix->damaged = 1;
		r = -1;
	}
	size_t nblocks = bn / (BLOCK_WORDS * 4);
	for (size_t i = 0; r == 1 && i < nblocks && !out->has_paragraph; i++)
		out->has_paragraph = get32(bb + i * BLOCK_WORDS * 4) == (uint32_t)BLOCK_PARAGRAPH;
	if (want_blocks)
		out->nblocks = nblocks;
	out->ndates = dn / (DATE_WORDS * 4);
	out->days_first = 1;
	out->days_last = 0;
	for (size_t i = 0; r == 1 && i < out->ndates; i++) {
		const unsigned char *p = db + i * DATE_WORDS * 4;
		struct date_mention m = {
		    .from = {(int)get32(p), (int)get32(p + 4), (int)get32(p + 8)},
		    .to = {(int)get32(p + 12), (int)get32(p + 16), (int)get32(p + 20)}};
		long f, l;
		dates_mention_days(&m, 1, &f, &l);
		if (f > l)
			continue;
		if (out->days_first > out->days_last || f < out->days_first)
			out->days_first = f;
		if (l > out->days_last)
			out->days_last = l;
	}
	if (r == 1 && out->nblocks && !(out->blocks = calloc(out->nblocks, sizeof *out->blocks)))
		r = -1;
	if (r == 1 && want_blocks && out->ndates &&
	    !(out->dates = calloc(out->ndates, sizeof *out->dates)))
		r = -1;
	for (size_t i = 0; r == 1 && i < out->nblocks; i++) {
		const unsigned char *p = bb + i * BLOCK_WORDS * 4;
		struct article_block *b = &out->blocks[i];
		b->kind = (enum block_kind)get32(p);
		b->off = get32(p + 4);
		b->len = get32(p + 8);
		b->line_off = get32(p + 12);
		b->line_len = get32(p + 16);
		b->line = get32(p + 20);
		b->ordinal = get32(p + 24);
		b->dup_of = (long)(int32_t)get32(p + 28);
		b->hash = get32(p + 32);
	}
	for (size_t i = 0; r == 1 && out->dates && i < out->ndates; i++) {
		const unsigned char *p = db + i * DATE_WORDS * 4;
		struct date_mention *d = &out->dates[i];
		d->from.y = (int32_t)get32(p);
		d->from.m = (int32_t)get32(p + 4);
		d->from.d = (int32_t)get32(p + 8);
		d->to.y = (int32_t)get32(p + 12);
		d->to.m = (int32_t)get32(p + 16);
		d->to.d = (int32_t)get32(p + 20);
		d->off = get32(p + 24);
		d->len = get32(p + 28);
		d->year_inferred = (int32_t)get32(p + 32);
	}
	if (r != 1)
		cindex_entry_free(out);
	return r;
}

/* Starts the read transaction lookups share. 0, or -1. */
static int begin_read(struct cindex *ix)
{
	if (ix->in_tx == TX_NONE) {
		if (exec(ix, "BEGIN") != 0)
			return -1;
		ix->in_tx = TX_READ;
	}
	return 0;
}

static void scan_end(struct cindex *ix)
{
	sqlite3_finalize(ix->scan.st);
	memset(&ix->scan, 0, sizeof ix->scan);
}

/* Before a write: the pass lets go of its read (resumed at the next
 * lookup). */
static void scan_suspend(struct cindex *ix)
{
	struct cindex_scan *sc = &ix->scan;
	if (!sc->st || sc->suspended || !sc->on_row)
		return;
	sc->next = sqlite3_column_int64(sc->st, 0);
	sqlite3_reset(sc->st);
	sc->suspended = 1;
	sc->on_row = 0;
}

/* Steps the pass to its next row (or resumes it at sc->next). 0, or -1 on
 * an error (the pass ends; lookups then query). */
static int scan_step(struct cindex *ix)
{
	struct cindex_scan *sc = &ix->scan;
	if (sc->suspended) {
		if (begin_read(ix) != 0 || sqlite3_bind_int64(sc->st, 1, sc->next) != SQLITE_OK) {
			scan_end(ix);
			return -1;
		}
		sc->suspended = 0;
	}
	int rc = sqlite3_step(sc->st);
	sc->on_row = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		set_err(ix, "preload");
		scan_end(ix);
		return -1;
	}
	return 0;
}

/* Where the pass's next row is the article at path: hands it out (*out,
 * without blocks and dates) and steps on. 1, 0 when it is not, -1. */
static int scan_take(struct cindex *ix, const char *path, struct cindex_entry *out)
{
	struct cindex_scan *sc = &ix->scan;
	if (!sc->st)
		return 0;
	if (sc->suspended && scan_step(ix) != 0)
		return 0;
	if (!sc->on_row)
		return 0;
	const unsigned char *p = sqlite3_column_text(sc->st, 1);
	if (!p || strcmp((const char *)p, path) != 0) {
		sc->misses++;
		return 0;
	}
	sc->misses = 0;
	if (read_row(ix, sc->st, 2, 0, out) != 1)
		return -1;
	out->id = sqlite3_column_int64(sc->st, 0);
	scan_step(ix);
	return 1;
}

/* After a query found path at rowid: a second miss in a row means the pass
 * is behind (rows of files no longer loaded): it goes on after that row. */
static void scan_resync(struct cindex *ix, sqlite3_int64 rowid)
{
	struct cindex_scan *sc = &ix->scan;
	if (!sc->st || sc->misses < 2 || !sc->on_row || sqlite3_column_int64(sc->st, 0) >= rowid)
		return;
	sqlite3_reset(sc->st);
	sc->next = rowid + 1;
	sc->suspended = 1;
	sc->on_row = 0;
	sc->misses = 0;
}

int cindex_preload(struct cindex *ix)
{
	static const char all_sql[] =
	    "SELECT rowid, path, size, mtime_ns, hash, inputs, lang, source, title, date_y,"
	    " date_m, date_d, detected, invalid_utf8, controls, blocks, dates, charset,"
	    " undecodable, refused FROM article WHERE rowid >= ?1 ORDER BY rowid";
	scan_end(ix);
	if (begin_read(ix) != 0)
		return -1;
	struct cindex_scan *sc = &ix->scan;
	if (sqlite3_prepare_v2(ix->db, all_sql, -1, &sc->st, NULL) != SQLITE_OK) {
		set_err(ix, "preload");
		scan_end(ix);
		return -1;
	}
	sc->next = INT64_MIN;
	sc->suspended = 1;
	return scan_step(ix);
}

int cindex_lookup(struct cindex *ix, const char *path, struct cindex_entry *out)
{
	memset(out, 0, sizeof *out);
	int t = scan_take(ix, path, out);
	if (t != 0)
		return t;
	if (begin_read(ix) != 0)
		return -1;
	sqlite3_stmt *st = ix->get;
	if (sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC) != SQLITE_OK) {
		set_err(ix, "lookup");
		return -1;
	}
	int rc = sqlite3_step(st), r = 0;
	if (rc == SQLITE_ROW) {
		sqlite3_int64 rowid = sqlite3_column_int64(st, 18);
		r = read_row(ix, st, 0, 1, out);
		if (r == 1)
			out->id = rowid;
		rc = SQLITE_DONE;
		if (r == 1)
			scan_resync(ix, rowid);
	}
	if (rc != SQLITE_DONE) {
		set_err(ix, "lookup");
		r = -1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

/* Writes the searchable text of article row `id` (a new row: a text is
 * never replaced). Returns SQLITE_DONE, or another code with ix->err set. */
static int put_text(struct cindex *ix, sqlite3_int64 id, const char *body, size_t n)
{
	int rc = SQLITE_ERROR;
	if (n <= INT_MAX && sqlite3_bind_int64(ix->text_put, 1, id) == SQLITE_OK &&
	    sqlite3_bind_text(ix->text_put, 2, body, (int)n, SQLITE_STATIC) == SQLITE_OK)
		rc = sqlite3_step(ix->text_put);
	sqlite3_reset(ix->text_put);
	sqlite3_clear_bindings(ix->text_put);
	if (rc != SQLITE_DONE)
		set_err(ix, "write the text");
	return rc;
}

/* Writes the texts held for the open transaction (in the order they were
 * put, so that a later text of the same article replaces an earlier one)
 * and forgets them. 0, or -1 with ix->err set. */
static int write_texts(struct cindex *ix)
{
	int r = 0;
	for (size_t i = 0; i < ix->ntexts; i++) {
		struct pending_text *t = &ix->texts[i];
		if (r == 0 && put_text(ix, t->id, t->body, t->len) != SQLITE_DONE)
			r = -1;
		free(t->body);
	}
	ix->ntexts = 0;
	if (r == 0 && ix->orphaned) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE meta SET value = value + %lld WHERE key = 'orphans'",
		         ix->orphaned);
		r = exec(ix, sql);
	}
	ix->orphaned = 0;
	return r;
}

int cindex_flush(struct cindex *ix)
{
	if (ix->in_tx == TX_NONE)
		return 0;
	scan_suspend(ix);
	int wrote = ix->in_tx == TX_WRITE;
	if (write_texts(ix) != 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		ix->in_tx = TX_NONE;
		ix->pending = 0;
		return -1;
	}
	ix->in_tx = TX_NONE;
	ix->pending = 0;
	if (exec(ix, "COMMIT") != 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (wrote && ix->delay_ms > 0)
		pause_ms(ix->delay_ms);
	return 0;
}

/* Writes what an article's row `id` has beside it: its facts and its
 * evidence links when given, else none (what was there is of an older
 * reading). Returns SQLITE_DONE, or another code with ix->err set. */
static int put_extras(struct cindex *ix, sqlite3_int64 id, const struct cindex_entry *e)
{
	struct {
		sqlite3_stmt *put, *del;
		const void *data;
		size_t len;
	} x[2] = {{ix->facts_put, ix->facts_del, e->facts, e->facts_len},
	          {ix->links_put, ix->links_del, e->links, e->links_len}};
	int rc = SQLITE_DONE;
	for (size_t k = 0; k < 2 && rc == SQLITE_DONE; k++) {
		sqlite3_stmt *st = x[k].data ? x[k].put : x[k].del;
		int col = 2;
		rc = SQLITE_ERROR;
		if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
			goto next;
		if (x[k].data && st == ix->links_put &&
		    sqlite3_bind_int64(st, col++, (sqlite3_int64)e->events) != SQLITE_OK)
			goto next;
		if (x[k].data && (x[k].len > INT_MAX ||
		                  sqlite3_bind_blob(st, col, x[k].data, (int)x[k].len,
		                                    SQLITE_STATIC) != SQLITE_OK))
			goto next;
		rc = sqlite3_step(st);
next:
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	if (rc != SQLITE_DONE)
		set_err(ix, "write the facts");
	return rc;
}

/* Keeps a copy of an article's text for the commit. 0, or -1 when memory
 * runs out. */
static int hold_text(struct cindex *ix, sqlite3_int64 id, const char *body, size_t n)
{
	if (ix->ntexts == ix->texts_cap) {
		size_t nc = ix->texts_cap ? ix->texts_cap * 2 : ix->batch;
		struct pending_text *nt = realloc(ix->texts, nc * sizeof *nt);
		if (!nt)
			return -1;
		ix->texts = nt;
		ix->texts_cap = nc;
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, body, n);
	copy[n] = 0;
	ix->texts[ix->ntexts++] = (struct pending_text){id, copy, n};
	return 0;
}

/* Before a write: the start-up pass lets go of its read, the read
 * transaction ends, a write transaction begins unless one is open. 0, or
 * -1 on an error. */
static int begin_write(struct cindex *ix)
{
	scan_suspend(ix);
	if (ix->in_tx == TX_READ && cindex_flush(ix) != 0)
		return -1;
	if (ix->in_tx == TX_NONE) {
		if (exec(ix, "BEGIN IMMEDIATE") != 0)
			return -1;
		ix->in_tx = TX_WRITE;
	}
	if (!ix->configured) {
		if (exec(ix, ix->interactive ? INTERACTIVE_SQL : BULK_SQL) != 0)
			return -1;
		ix->configured = 1;
	}
	return 0;
}

int cindex_put(struct cindex *ix, const char *path, const struct cindex_entry *e)
{
	if (begin_write(ix) != 0)
		return -1;
	if (e->body) {
		/* a new text, a new id: the old text stays under the old one */
		int rc = SQLITE_ERROR;
		if (sqlite3_bind_text(ix->art_del, 1, path, -1, SQLITE_STATIC) == SQLITE_OK)
			rc = sqlite3_step(ix->art_del);
		sqlite3_reset(ix->art_del);
		sqlite3_clear_bindings(ix->art_del);
		if (rc != SQLITE_DONE) {
			set_err(ix, "write");
			return -1;
		}
		ix->orphaned += sqlite3_changes(ix->db);
	}
	unsigned char *bb = pack_blocks(e->blocks, e->nblocks);
	unsigned char *db = pack_dates(e->dates, e->ndates);
	sqlite3_stmt *st = ix->put;
	int ok = bb && db &&
	         sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 2, e->size) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 3, e->mtime_ns) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 4, (sqlite3_int64)e->hash) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 5, (sqlite3_int64)e->inputs) == SQLITE_OK &&
	         sqlite3_bind_text(st, 6, e->lang ? e->lang : "und", -1, SQLITE_STATIC) == SQLITE_OK &&
	         (e->source ? sqlite3_bind_text(st, 7, e->source, -1, SQLITE_STATIC)
	                    : sqlite3_bind_null(st, 7)) == SQLITE_OK &&
	         sqlite3_bind_text(st, 8, e->title ? e->title : "", -1, SQLITE_STATIC) == SQLITE_OK &&
	         sqlite3_bind_int(st, 9, e->date.y) == SQLITE_OK &&
	         sqlite3_bind_int(st, 10, e->date.m) == SQLITE_OK &&
	         sqlite3_bind_int(st, 11, e->date.d) == SQLITE_OK &&
	         sqlite3_bind_int(st, 12, (int)e->detected) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 13, (sqlite3_int64)e->invalid_utf8) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 14, (sqlite3_int64)e->controls) == SQLITE_OK &&
	         sqlite3_bind_blob(st, 15, bb, (int)(e->nblocks * BLOCK_WORDS * 4), SQLITE_STATIC) ==
	             SQLITE_OK &&
	         sqlite3_bind_blob(st, 16, db, (int)(e->ndates * DATE_WORDS * 4), SQLITE_STATIC) ==
	             SQLITE_OK &&
	         (e->charset ? sqlite3_bind_text(st, 17, e->charset, -1, SQLITE_STATIC)
	                     : sqlite3_bind_null(st, 17)) == SQLITE_OK &&
	         sqlite3_bind_int64(st, 18, (sqlite3_int64)e->undecodable) == SQLITE_OK &&
	         (e->refused ? sqlite3_bind_text(st, 19, e->refused, -1, SQLITE_STATIC)
	                     : sqlite3_bind_null(st, 19)) == SQLITE_OK;
	int rc = ok ? sqlite3_step(st) : SQLITE_NOMEM;
	sqlite3_int64 id = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE)
		set_err(ix, "write");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(bb);
	free(db);
	if (rc == SQLITE_DONE)
		ix->last_id = id;
	if (rc == SQLITE_DONE)
		rc = put_extras(ix, id, e);
	if (rc == SQLITE_DONE && e->body && hold_text(ix, id, e->body, e->body_len) != 0) {
		snprintf(ix->err, sizeof ix->err, "write the text: out of memory");
		rc = SQLITE_NOMEM;
	}
	if (rc != SQLITE_DONE)
		return -1;
	if (++ix->pending >= ix->batch)
		return cindex_flush(ix);
	if (ix->delay_ms > 0 && ix->pending % (ix->batch / 4) == 0)
		pause_ms(ix->delay_ms);
	return 0;
}

int cindex_touch(struct cindex *ix, const char *path, long long mtime_ns)
{
	if (begin_write(ix) != 0)
		return -1;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(ix->db, "UPDATE article SET mtime_ns = ?1 WHERE path = ?2", -1,
	                            &st, NULL);
	if (rc == SQLITE_OK) {
		if (sqlite3_bind_int64(st, 1, mtime_ns) == SQLITE_OK &&
		    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC) == SQLITE_OK)
			rc = sqlite3_step(st);
		else
			rc = SQLITE_ERROR;
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		set_err(ix, "touch");
		return -1;
	}
	if (++ix->pending >= ix->batch)
		return cindex_flush(ix);
	return 0;
}

int cindex_prune(struct cindex *ix, const char *const *paths, size_t n)
{
	scan_end(ix);
	/* the articles written so far (their texts with them) are committed
	 * first */
	if (ix->in_tx != TX_NONE && cindex_flush(ix) != 0)
		return -1;
	if (ix->in_tx == TX_NONE) {
		if (exec(ix, "BEGIN IMMEDIATE") != 0)
			return -1;
		ix->in_tx = TX_WRITE;
	}
	sqlite3_stmt *st = NULL;
	if (exec(ix, "CREATE TEMP TABLE IF NOT EXISTS keep(path TEXT PRIMARY KEY) WITHOUT ROWID;"
	             "DELETE FROM keep") != 0)
		return -1;
	if (sqlite3_prepare_v2(ix->db, "INSERT OR IGNORE INTO keep VALUES(?1)", -1, &st, NULL) !=
	    SQLITE_OK) {
		set_err(ix, "prune");
		return -1;
	}
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++) {
		if (sqlite3_bind_text(st, 1, paths[i], -1, SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE) {
			set_err(ix, "prune");
			r = -1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* their texts stay, under ids no article has */
	if (r == 0 && exec(ix, "DELETE FROM article WHERE path NOT IN (SELECT path FROM keep)") != 0)
		r = -1;
	if (r == 0)
		ix->orphaned += sqlite3_changes(ix->db);
	if (r == 0 && exec(ix, "DELETE FROM keep") != 0)
		r = -1;
	return r == 0 ? cindex_flush(ix) : -1;
}

long long cindex_last_id(const struct cindex *ix)
{
	return ix->last_id;
}

uint64_t cindex_generation(const struct cindex *ix)
{
	return ix->generation;
}

long cindex_count(struct cindex *ix)
{
	long n = -1;
	if (sqlite3_step(ix->count) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(ix->count, 0);
	else
		set_err(ix, "count");
	sqlite3_reset(ix->count);
	return n;
}

int cindex_locked(const struct cindex *ix)
{
	return ix->locked;
}

int cindex_damaged(const struct cindex *ix)
{
	return ix->damaged;
}

const char *cindex_file(const struct cindex *ix)
{
	return ix->file;
}

void cindex_close(struct cindex *ix)
{
	if (!ix)
		return;
	scan_end(ix);
	if (ix->damaged) {
		/* nothing more is written to it: the next open builds it anew */
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		close_db(ix);
		remove_db(ix->file);
	} else {
		cindex_flush(ix);
		close_db(ix);
	}
	for (size_t i = 0; i < ix->ntexts; i++)
		free(ix->texts[i].body);
	free(ix->texts);
	free(ix->file);
	free(ix);
}

/* Appends a copy of s to the growing array *v of *n strings. */
static int push_path(char ***v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		char **nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = nc;
	}
	if (!((*v)[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

/* The MATCH expression for a needle: its trigrams, quoted, end to end.
 * Returns it (caller frees; *len its length), or NULL for a needle of fewer
 * than 3 or more than CINDEX_QUERY_MAX_CHARS characters, or out of memory.
 *
 * The table keeps no positions (detail=none: a third of the size, and
 * faster to build), so no phrase query: every article holding all the
 * needle's trigrams is a candidate, the trigrams taken end to end with the
 * last one flush with the needle's end. The caller confirms each candidate
 * with tandem's own search. The text is folded already, so the tokenizer
 * compares bytes (case_sensitive 1). */
static char *match_query(const char *needle, size_t *len)
{
	size_t n = strlen(needle), k = 0;
	size_t starts[CINDEX_QUERY_MAX_CHARS + 1], nc = 0;
	for (size_t i = 0; i < n && nc <= CINDEX_QUERY_MAX_CHARS; i++)
		if (((unsigned char)needle[i] & 0xC0) != 0x80)
			starts[nc++] = i;
	if (nc < 3 || nc > CINDEX_QUERY_MAX_CHARS)
		return NULL; /* the caller scans instead */
	starts[nc] = n;
	char *q = malloc(4 * n + 16);
	if (!q)
		return NULL;
	for (size_t c = 0;; c += 3) {
		if (c + 3 > nc)
			c = nc - 3;
		if (k)
			q[k++] = ' ';
		q[k++] = '"';
		for (size_t i = starts[c]; i < starts[c + 3]; i++) {
			if (needle[i] == '"')
				q[k++] = '"';
			q[k++] = needle[i];
		}
		q[k++] = '"';
		if (c + 3 >= nc)
			break;
	}
	q[k] = 0;
	*len = k;
	return q;
}

/* Opens the index in `file` read-only for a query when it is of the
 * current schema (and, when `generation` is not NULL, of that generation).
 * Returns the connection, or NULL. */
/* Whether the index open on db is of `generation`. */
static int same_generation(sqlite3 *db, uint64_t generation)
{
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'generation'", -1, &st,
	                            NULL) == SQLITE_OK &&
	         sqlite3_step(st) == SQLITE_ROW &&
	         (uint64_t)sqlite3_column_int64(st, 0) == generation;
	sqlite3_finalize(st);
	return ok;
}

static sqlite3 *open_reader(const char *file, const uint64_t *generation)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	         sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS) == SQLITE_OK &&
	         cindex_tokenizer_register(db) == 0 &&
	         sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	         sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == CINDEX_SCHEMA;
	sqlite3_finalize(st);
	if (ok && generation)
		ok = same_generation(db, *generation);
	if (!ok) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

int cindex_candidates(const char *file, const char *needle, char ***paths, size_t *npaths)
{
	*paths = NULL;
	*npaths = 0;
	size_t k;
	char *q = match_query(needle, &k);
	if (!q)
		return -1;
	sqlite3 *db = open_reader(file, NULL);
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int r = -1;
	if (!db)
		goto done;
	if (sqlite3_prepare_v2(db,
	                       "SELECT path FROM article WHERE id IN"
	                       " (SELECT rowid FROM text WHERE text MATCH ?1)",
	                       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, q, (int)k, SQLITE_STATIC) != SQLITE_OK)
		goto done;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_text(st, 0);
		if (!p || push_path(paths, npaths, &cap, (const char *)p) != 0)
			break;
	}
	r = rc == SQLITE_DONE ? 0 : -1;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(q);
	if (r != 0) {
		for (size_t i = 0; i < *npaths; i++)
			free((*paths)[i]);
		free(*paths);
		*paths = NULL;
		*npaths = 0;
	}
	return r;
}

int cindex_candidate_ids(const char *file, uint64_t generation, const char *needle,
                         long long **ids, size_t *nids)
{
	*ids = NULL;
	*nids = 0;
	size_t k, cap = 0;
	char *q = match_query(needle, &k);
	if (!q)
		return -1;
	sqlite3 *db = open_reader(file, &generation);
	sqlite3_stmt *st = NULL;
	int r = -1, rc = SQLITE_ERROR;
	/* the table's own order is by rowid: no sort */
	if (db &&
	    sqlite3_prepare_v2(db, "SELECT rowid FROM text WHERE text MATCH ?1", -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_bind_text(st, 1, q, (int)k, SQLITE_STATIC) == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (*nids == cap) {
				size_t nc = cap ? cap * 2 : 256;
				long long *nv = realloc(*ids, nc * sizeof *nv);
				if (!nv)
					break;
				*ids = nv;
				cap = nc;
			}
			(*ids)[(*nids)++] = sqlite3_column_int64(st, 0);
		}
		r = rc == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(q);
	if (r != 0) {
		free(*ids);
		*ids = NULL;
		*nids = 0;
	}
	return r;
}

int cindex_extras(const char *file, uint64_t generation, enum cindex_extra what,
                  uint64_t events, const long long *ids, size_t nids,
                  int (*each)(void *arg, long long id, const void *data, size_t len), void *arg)
{
	static const char *const sql[2][2] = {
	    {"SELECT id, data FROM facts ORDER BY id", "SELECT id, data FROM facts WHERE id = ?1"},
	    {"SELECT id, data FROM links WHERE events = ?2 ORDER BY id",
	     "SELECT id, data FROM links WHERE id = ?1 AND events = ?2"}};
	/* one read transaction from the generation's check on: an index
	 * rebuilt meanwhile by another tandem is not read under old ids */
	sqlite3 *db = open_reader(file, NULL);
	sqlite3_stmt *st = NULL;
	int r = -1, rc = SQLITE_ERROR, stop = 0;
	if (!db || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    !same_generation(db, generation) ||
	    sqlite3_prepare_v2(db, sql[what == CINDEX_LINKS][ids != NULL], -1, &st, NULL) !=
	        SQLITE_OK)
		goto done;
	if (what == CINDEX_LINKS && sqlite3_bind_int64(st, 2, (sqlite3_int64)events) != SQLITE_OK)
		goto done;
	/* all rows (in id order), or one query an id */
	for (size_t i = 0; !stop && (ids ? i < nids : i == 0); i++) {
		if (ids && sqlite3_bind_int64(st, 1, ids[i]) != SQLITE_OK)
			goto done;
		while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const void *data = sqlite3_column_blob(st, 1);
			size_t len = (size_t)sqlite3_column_bytes(st, 1);
			stop = each(arg, sqlite3_column_int64(st, 0), data, len);
		}
		if (!stop && rc != SQLITE_DONE)
			goto done;
		sqlite3_reset(st);
	}
	r = stop < 0 ? -1 : 0;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

int cindex_manifest(struct cindex *ix, long long size, long long mtime_ns,
                    int (*use)(void *arg, const void *data, size_t len), void *arg)
{
	sqlite3_stmt *st = NULL;
	int r = -1, rc;
	if (sqlite3_prepare_v2(ix->db,
	                       "SELECT data FROM manifest WHERE id = 1 AND size = ?1 AND"
	                       " mtime_ns = ?2",
	                       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, size) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, mtime_ns) != SQLITE_OK) {
		set_err(ix, "read the manifest");
		sqlite3_finalize(st);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = use(arg, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0)) == 0;
	else if (rc == SQLITE_DONE)
		r = 0;
	else
		set_err(ix, "read the manifest");
	sqlite3_finalize(st);
	return r;
}

int cindex_put_manifest(struct cindex *ix, long long size, long long mtime_ns, const void *data,
                        size_t len)
{
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_ERROR;
	if (begin_write(ix) != 0)
		return -1;
	if (len <= INT_MAX &&
	    sqlite3_prepare_v2(ix->db,
	                       "INSERT OR REPLACE INTO manifest(id, size, mtime_ns, data)"
	                       " VALUES(1, ?1, ?2, ?3)",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 1, size) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 2, mtime_ns) == SQLITE_OK &&
	    sqlite3_bind_blob(st, 3, data, (int)len, SQLITE_STATIC) == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		set_err(ix, "write the manifest");
		return -1;
	}
	return 0;
}
