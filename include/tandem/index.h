/* index.h — the on-disk index of a corpus: what loading learnt about each
 * article file (its size, modification time and content hash, the block
 * boundaries, the fields detected from its text, its facts and its
 * evidence links) and about the corpus (its manifest as read), kept in an SQLite
 * database under $XDG_CACHE_HOME/tandem/ (else ~/.cache/tandem/), one
 * database per corpus directory. The index is a cache, never the truth:
 * a start-up that finds a file unchanged takes its fields from here instead
 * of reading and parsing it; everything else is parsed as usual and written
 * back. */
#ifndef TANDEM_INDEX_H
#define TANDEM_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/article.h"
#include "tandem/dates.h"

/* The layout of the tables. An index with another schema is rebuilt. */
#define CINDEX_SCHEMA 9

/* The version of what the index holds: bump it whenever article parsing or
 * the detection of language, date, source, title or dates changes, so that
 * an index written by another version is rebuilt rather than trusted. */
#define CINDEX_PARSE_VERSION 8

/* An index file up to this size is checked whole (PRAGMA quick_check,
 * about 1 ms per MiB) when opened; a larger one is trusted until SQLite
 * reports it damaged while it is read (cindex_damaged). */
#define CINDEX_CHECK_MAX (16ll << 20)

/* The trigram table keeps the texts of changed and removed articles (it
 * cannot delete one); an index holding more of them than this, and more
 * than it has articles, is rebuilt when opened. */
#define CINDEX_ORPHANS_MIN 1024

/* Articles written per transaction while indexing (a batch of the
 * renderers'; CINDEX_BATCH_READER for the reader, see CINDEX_INTERACTIVE). */
#define CINDEX_BATCH 1024
#define CINDEX_BATCH_READER 256

struct cindex;

/* What the index holds about one article file. */
struct cindex_entry {
	long long size;           /* bytes */
	long long mtime_ns;       /* modification time, ns since the epoch */
	uint64_t hash;            /* cindex_content_hash of the file's bytes */
	uint64_t inputs;          /* cindex_hash of what the manifest gave
	                             (corpus.c): detection depends on it */
	char *lang;               /* owned, never NULL after a lookup */
	char *source;             /* owned, may be NULL */
	char *title;              /* owned, never NULL after a lookup */
	struct date_ymd date;
	unsigned detected;        /* enum corpus_detected bits */
	struct date_mention *dates; /* owned */
	size_t ndates;
	struct article_block *blocks; /* owned */
	size_t nblocks;
	size_t invalid_utf8, controls;
	char *charset;            /* the encoding the file was decoded from;
	                             owned after a lookup; NULL: UTF-8 */
	size_t undecodable;       /* bytes not in that encoding */
	char *refused;            /* why the file is left out (not text, or in
	                             an encoding not decoded): the message its
	                             load gave; its row then has no blocks and
	                             no text. Owned after a lookup; NULL: an
	                             article */
	long days_first, days_last; /* after a lookup: the days its dates span
	                             (dates_mention_days; first > last: none),
	                             set even when the dates are not unpacked */
	int has_paragraph;        /* after a lookup: one of the blocks is a
	                             paragraph (set even when the blocks are
	                             not unpacked, see cindex_preload) */
	long long id;             /* after a lookup: the article's row id, which
	                             cindex_candidate_ids names it by (a new one
	                             each time its text is written; never
	                             reused within a generation) */
	const char *body;         /* for cindex_put: the searchable title and text,
	                             folded (search_fold_body), written to the
	                             trigram table; NULL: the article's text is
	                             unchanged, its row there kept. Not owned;
	                             never set by a lookup */
	size_t body_len;
	/* for cindex_put, not owned, never set by a lookup: what the article's
	 * row keeps beside it (cindex_extras), each NULL when not known (then
	 * whatever the row had is dropped) */
	const void *facts;        /* facts_pack of its facts */
	size_t facts_len;
	const void *links;        /* evidence_pack of its evidence links */
	size_t links_len;
	uint64_t events;          /* the events the links were found for
	                             (corpus.events_hash) */
};

/* 64-bit FNV-1a of n bytes, continuing from h (start with CINDEX_HASH_INIT). */
#define CINDEX_HASH_INIT 14695981039346656037ull
uint64_t cindex_hash(uint64_t h, const void *bytes, size_t n);

/* The hash of a file's n bytes (cindex_entry.hash): 64 bits, several
 * times faster than cindex_hash. An index written before it holds
 * cindex_hash values: such a file, when touched, is read again. */
uint64_t cindex_content_hash(const void *bytes, size_t n);

/* The directory indexes go in: $XDG_CACHE_HOME/tandem, else
 * $HOME/.cache/tandem. Returns NULL when neither variable is set (or memory
 * runs out). Caller frees. */
char *cindex_default_dir(void);

/* The database file for a corpus directory (`key`: its real path) in
 * cache_dir: a hash of the key, then a readable tail of it
 * ("0123456789abcdef-news.db"). Caller frees; NULL when memory runs out. */
char *cindex_file_for(const char *cache_dir, const char *key);

enum cindex_flags {
	CINDEX_REBUILD = 1 << 0,  /* empty the index first */
	CINDEX_TRUST = 1 << 1,    /* no PRAGMA quick_check, whatever the size */
	/* written between key presses (the reader): batches of
	 * CINDEX_BATCH_READER, and the trigram table merged a little at each
	 * commit (FTS5's own automerge), so that no commit keeps a key
	 * waiting long; else batches of CINDEX_BATCH merged only 64 segments
	 * at a time, the fastest build */
	CINDEX_INTERACTIVE = 1 << 2,
};

/* Opens (creating it and its directory if needed) the index in `file`.
 * An index that is corrupt, of another schema or parse version, or asked
 * to be rebuilt is emptied (or, when SQLite cannot read it at all,
 * deleted and created again); *note then says so (caller frees; else NULL).
 * Returns NULL when the index cannot be used (a read-only file or
 * directory, locked beyond the busy timeout, not a regular file, ...) with
 * *note saying why. */
struct cindex *cindex_open(const char *file, unsigned flags, char **note);

/* Looks up the article at `path` (relative to the corpus directory).
 * Returns 1 and fills *out (free with cindex_entry_free), 0 when the index
 * has no such article, -1 on an error (the index should not be used any
 * more; cindex_error says what). */
int cindex_lookup(struct cindex *ix, const char *path, struct cindex_entry *out);

/* Starts one pass over the index's rows in the order they were written
 * (the order a load asks for its articles), for the lookups that follow:
 * a lookup of the pass's next row answers from it without a query and
 * steps on, holding nothing else in memory. The entries handed out this
 * way have no blocks and no dates (nblocks 0, blocks and dates NULL;
 * has_paragraph and ndates are set): a start-up needs only the fields. Any
 * other lookup queries the database as before (blocks and all); after two
 * such lookups in a row the pass goes on after the row the last one found
 * (the rows before were of files no longer loaded). Writes do not end the
 * pass; cindex_prune and cindex_close do. Returns 0, or -1 on an error
 * (lookups then query the database). */
int cindex_preload(struct cindex *ix);

/* Writes (or replaces) the article at `path`. Writes are grouped in
 * transactions of CINDEX_BATCH articles; cindex_flush commits the last one.
 * Returns 0, or -1 on an error. */
int cindex_put(struct cindex *ix, const char *path, const struct cindex_entry *e);

/* Records a new modification time for the article at `path`, whose bytes
 * are what the index saw (a file touched, not changed); written with
 * cindex_put's writes. Returns 0, or -1 on an error. */
int cindex_touch(struct cindex *ix, const char *path, long long mtime_ns);

/* The row id of the article the last successful cindex_put wrote (a new
 * one when the put wrote a text, else the row's own), 0 before any. */
long long cindex_last_id(const struct cindex *ix);

/* A number drawn when the index was created (or emptied): the row ids of
 * one generation name the same articles. */
uint64_t cindex_generation(const struct cindex *ix);

/* Commits what cindex_put wrote (and ends the read transaction the lookups
 * share). Returns 0, or -1 on an error. */
int cindex_flush(struct cindex *ix);

/* Removes every article but those at the n paths (files gone from the
 * corpus) and commits. Returns 0, or -1 on an error. */
int cindex_prune(struct cindex *ix, const char *const *paths, size_t n);

/* A needle of more characters than this is not asked of the index. */
#define CINDEX_QUERY_MAX_CHARS 256

/* The paths of the articles whose searchable text may hold `needle`
 * (UTF-8, folded as search folds, 3 to CINDEX_QUERY_MAX_CHARS characters),
 * as the trigram table of the index in `file` finds them: every article
 * holding all of the needle's trigrams, so every article that holds the
 * needle is there, and each must still be confirmed against its text.
 * Opens `file` read-only for the query.
 * Returns 0 and fills *paths (*npaths of them, any order; caller frees
 * each and the array), or -1 when the index cannot answer (not there, of
 * another schema, an SQLite error, no memory), *paths then NULL. */
int cindex_candidates(const char *file, const char *needle, char ***paths, size_t *npaths);

/* The same candidates as cindex_candidates, as the articles' row ids in
 * ascending order, when the index in `file` is still of `generation`
 * (cindex_generation when the ids were learnt): no path is read, so a word
 * that most articles hold costs the trigram table's lists alone.
 * Returns 0 and fills *ids (*nids of them; caller frees), or -1 when the
 * index cannot answer or is of another generation (*ids then NULL). */
int cindex_candidate_ids(const char *file, uint64_t generation, const char *needle,
                         long long **ids, size_t *nids);

/* What the index keeps beside an article's row (cindex_entry.facts,
 * .links), read back by cindex_extras. */
enum cindex_extra {
	CINDEX_FACTS,             /* its facts (facts_pack) */
	CINDEX_LINKS,             /* its evidence links (evidence_pack) */
};

/* Calls each(arg, id, data, len) for the rows of `what` the index in
 * `file` keeps, when it is still of `generation`: those of the nids row
 * ids `ids` that have one, or every row (in id order) when ids is NULL;
 * CINDEX_LINKS rows only when found for `events`. `data` lasts until each
 * returns; a nonzero return stops the pass (negative: an error). Opens
 * `file` read-only for the pass. Returns 0, or -1 when the index cannot
 * answer (not there, of another schema or generation, an SQLite error) or
 * each returned a negative number. */
int cindex_extras(const char *file, uint64_t generation, enum cindex_extra what,
                  uint64_t events, const long long *ids, size_t nids,
                  int (*each)(void *arg, long long id, const void *data, size_t len), void *arg);

/* Registers tandem's trigram tokenizer, `tandem_trigram`, which the
 * trigram table is written and queried with, on an SQLite connection (the
 * index does it on its own): the trigrams SQLite's built-in trigram
 * tokenizer gives with case_sensitive 1, each distinct trigram of a
 * document once. Returns 0, or -1 when SQLite has no FTS5. */
struct sqlite3;
int cindex_tokenizer_register(struct sqlite3 *db);

/* The record of the corpus's manifest the index keeps (manifest_pack),
 * when it was written for a file of `size` bytes modified at `mtime_ns`:
 * passed to use(arg, data, len) (data lasts until use returns; use returns
 * 0 when it took the record). Returns 1 when use took it, 0 when the index
 * keeps none for that file (or use refused it), -1 on an error. */
int cindex_manifest(struct cindex *ix, long long size, long long mtime_ns,
                    int (*use)(void *arg, const void *data, size_t len), void *arg);

/* Keeps the record of the manifest of `size` bytes modified at `mtime_ns`
 * (in place of any other), written with cindex_put's writes. Returns 0,
 * or -1 on an error. */
int cindex_put_manifest(struct cindex *ix, long long size, long long mtime_ns, const void *data,
                        size_t len);

/* Number of articles in the index, or -1 on an error. */
long cindex_count(struct cindex *ix);

/* The last error, as a static or index-owned string. */
const char *cindex_error(const struct cindex *ix);

/* True when SQLite reported the database damaged (SQLITE_CORRUPT or
 * SQLITE_NOTADB); cindex_close then removes it, to be built anew. */
int cindex_damaged(const struct cindex *ix);

/* True when a write failed because another connection kept the database
 * locked beyond the busy timeout (reading it still works). */
int cindex_locked(const struct cindex *ix);

/* The database's file name (index-owned). */
const char *cindex_file(const struct cindex *ix);

/* Commits and closes; a damaged database is removed instead. NULL is
 * fine. */
void cindex_close(struct cindex *ix);

void cindex_entry_free(struct cindex_entry *e);

/* Test hook: when the environment variable TANDEM_TEST_INDEX_DELAY_MS is
 * set, every committed batch, and every CINDEX_BATCH / 4 articles written
 * in between, is followed by a pause of that many milliseconds, so that a
 * test can watch indexing, or kill tandem in the middle of it. */

#endif
