/* corpus.h — the corpus a reader browses: articles (parsed, with every field
 * the manifest left out detected from the text) and dated events, from a
 * directory with a corpus.ini, a directory of plain text files, or a list of
 * files. Events are kept in timeline order (see timeline.h). */
#ifndef TANDEM_CORPUS_H
#define TANDEM_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/article.h"
#include "tandem/bidi.h"
#include "tandem/dates.h"
#include "tandem/diag.h"

#define CORPUS_MANIFEST "corpus.ini"

/* Fields detected from the text rather than given by the manifest. */
enum corpus_detected {
	CORPUS_DETECTED_LANG = 1 << 0,
	CORPUS_DETECTED_DATE = 1 << 1,
	CORPUS_DETECTED_SOURCE = 1 << 2,
	CORPUS_DETECTED_TITLE = 1 << 3,
	CORPUS_INFERRED_DATE = 1 << 4,  /* no date given or found in the text:
	                                   the earliest event it reports */
};

struct corpus_article {
	char *id;                 /* owned; from the manifest, else the file name
	                             without its extension */
	char *path;               /* file as opened; owned */
	char *lang;               /* BCP 47, "und" when unknown; owned */
	struct date_ymd date;     /* y == 0 when unknown */
	int32_t days_first;       /* with days_last: the days its dates span
	                             (dates_mention_days), each plus
	                             CORPUS_DAYS_BIAS, known from the index
	                             without the dates, so that evidence passes
	                             over an article that mentions none of an
	                             event's days without reading it; 0: not
	                             known (or none) */
	char *source;             /* URL; owned, may be NULL */
	char *group;              /* translation group; owned, may be NULL */
	char *title;              /* owned, never NULL */
	enum bidi_dir dir;
	unsigned detected;        /* enum corpus_detected bits */
	long event;               /* index of its main event, -1 if none */
	long *mentions;           /* indices of other events it reports; owned */
	size_t nmentions;
	struct article_text *text; /* read through corpus_article_text: loaded
	                             on first use, NULL when not loaded;
	                             owned (an article made by hand, with no
	                             `texts`, points to its text, not owned) */
	struct date_mention *dates; /* dates mentioned in the text, read through
	                               corpus_article_dates: found again in the
	                               text when first asked for (NULL until
	                               then); owned */
	size_t ndates;            /* how many: known from the start */
	unsigned manifest_line;   /* 0 when not from a manifest */
	unsigned packed;          /* id, path, lang, source, group and title
	                             share one allocation, starting at id
	                             (freed with it); set when a load has
	                             filled them, which are then not changed */
	long long size, mtime_ns; /* the file when it was read or indexed */
	uint64_t hash;            /* cindex_hash of its bytes then */
	const char *charset;      /* the encoding it was decoded from (a static
	                             string; NULL: UTF-8), known when read */
	size_t undecodable;       /* bytes not in that encoding */
	unsigned pins;            /* pages holding its text (corpus_article_pin) */
	uint32_t index_id;        /* its row id in the index (index.h), 0 when
	                             not known: what search asks the index by */
	unsigned long used;       /* when its text was last asked for */
	struct corpus_texts *texts; /* the corpus's loaded texts (corpus.c);
	                               not owned; NULL: text held */
	struct cindex_entry *pending; /* private to corpus.c while loading */
	int32_t days_last;        /* see days_first (here, where it takes no room) */
	unsigned unparsed;        /* CORPUS_UNPARSED bits: a deferred load has
	                             not read its file yet (corpus_load_step);
	                             fields the manifest left out hold
	                             placeholders until then (title: the id,
	                             lang: "und") */
};

/* Added to a day number (days since 1970-01-01) in days_first and
 * days_last: any day of the years -2,900,000 to 2,900,000 is then above 0. */
#define CORPUS_DAYS_BIAS (1L << 30)

/* struct corpus_article's unparsed bits */
enum corpus_unparsed {
	CORPUS_UNPARSED = 1 << 0,
	CORPUS_PLACEHOLDER_TITLE = 1 << 1, /* private to corpus.c */
	CORPUS_PLACEHOLDER_LANG = 1 << 2,  /* private to corpus.c */
	CORPUS_UNREADABLE = 1 << 3, /* read late, it could not be read, is not
	                               text or leads outside the corpus
	                               (reported): kept, with an empty text */
	CORPUS_UNVERIFIED = 1 << 4, /* its fields come from the index, and its
	                               file is not looked at yet (a deferred
	                               load): corpus_load_step checks it is
	                               still what the index saw */
};

/* A deferred load (CORPUS_DEFER_LARGE) reads before the open returns when
 * there are at most this many files and bytes to read: a small corpus
 * comes whole, as without. */
#define CORPUS_DEFER_MIN_FILES 256
#define CORPUS_DEFER_MIN_BYTES (2u << 20)

/* corpus_opts.deferred */
enum corpus_defer {
	CORPUS_READ_FIRST = 0,  /* every file read before the open returns */
	CORPUS_DEFER_LARGE = 1, /* more than CORPUS_DEFER_MIN_FILES or _BYTES
	                           to read: read later, by corpus_load_step */
	CORPUS_DEFER_ALL = 2,   /* whatever there is to read: read later */
};

struct corpus_event_title {
	char lang[16];
	char *text;               /* owned */
};

struct corpus_event {
	char *id;                 /* owned */
	struct date_ymd date;
	char *time, *place, *title; /* owned, may be NULL (title falls back to id) */
	struct corpus_event_title *titles; /* owned */
	size_t ntitles;
	struct corpus_event_title *keywords; /* from the manifest (lang "" for
	                                        every language); owned */
	size_t nkeywords;
	size_t *articles;         /* articles that report it, main event first;
	                             owned */
	size_t narticles;
	unsigned manifest_line;
};

struct corpus {
	char *dir;                /* owned; NULL for a list of files */
	char *manifest;           /* path of corpus.ini; owned, NULL if none */
	char *title;              /* owned, never NULL */
	struct corpus_article *articles; /* owned */
	size_t narticles;
	size_t articles_cap;      /* private to corpus.c: slots of articles */
	struct corpus_event *events;     /* owned, timeline order */
	size_t nevents;
	struct diag_list diags;   /* what loading found */
	uint32_t *id_slots;       /* private to corpus.c: an open-addressing
	                             table of article indices + 1 by id (0:
	                             empty), for corpus_find_article; owned */
	size_t id_nslots;         /* a power of two, at least twice narticles */
	struct corpus_texts *texts; /* the texts loaded (corpus.c); owned */
	struct cindex *index;     /* private to corpus.c while loading */
	char *index_file;         /* the index that holds every article, as
	                             loaded (search.h asks it); owned; NULL:
	                             none, or not used or not written whole */
	uint64_t index_generation; /* cindex_generation of that index */
	uint64_t events_hash;     /* evidence_events_hash of the events, as
	                             read: the index's links are taken only
	                             when found for these */
	struct evidence_events *evidence_events; /* private to corpus.c while
	                             loading: for the links it writes; owned */
	size_t index_prefix;      /* length of the directory part of a path */
	int index_nowrite;        /* the index is read, not written (locked) */
	const struct corpus_opts *opts; /* private to corpus.c while loading */
	size_t load_total;        /* articles to load (for progress) */
	size_t load_left;         /* articles a deferred load has still to
	                             read (corpus_load_step); 0: loaded */
	size_t load_next;         /* private to corpus.c: where the next step
	                             starts looking */
	size_t verify_left;       /* articles of a deferred load still
	                             CORPUS_UNVERIFIED; 0: all checked */
	size_t verify_next;       /* private to corpus.c */
	int defer_stat;           /* private to corpus.c while opening */
	char **retired;           /* private to corpus.c: strings a load step
	                             replaced (an article's placeholders, or
	                             what its old text gave), kept until
	                             corpus_free for whoever still points to
	                             them; owned */
	size_t nretired, retired_cap;
	char **left_out;          /* private to corpus.c while loading: files the
	                             index says are left out (not text), whose
	                             rows it keeps; owned */
	size_t nleft_out;
};

/* How a corpus is opened. */
struct corpus_opts {
	int index;                /* use the on-disk index (index.h) */
	int reindex;              /* rebuild it first */
	const char *cache_dir;    /* where indexes live; NULL: cindex_default_dir() */
	/* Called while a directory loads, every CORPUS_PROGRESS_STEP articles
	 * and after the last, with how many are done of how many; NULL: not. */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
	/* enum corpus_defer: whether new or changed files (those the index
	 * does not describe) are read while opening, or later by
	 * corpus_load_step (a reader, so that it shows the corpus at once) */
	int deferred;
};

#define CORPUS_PROGRESS_STEP 64

/* Article texts kept loaded beyond the pinned ones (least recently used
 * dropped first). */
#define CORPUS_TEXTS_KEPT 32

/* Opens a corpus directory: its corpus.ini when present, else every *.txt
 * in it (sorted by name). Returns NULL only when memory runs out; a corpus
 * that could not be read comes back with errors in diags and no articles.
 * Free with corpus_free. */
struct corpus *corpus_open_dir(const char *dir);

/* The same with options: with o->index, the fields of every file unchanged
 * since the index saw it (same size and modification time, or same content
 * hash) come from the index, and its text is not read; the others are read,
 * parsed and written back. An index that cannot be used is rebuilt or left
 * aside with one warning in diags; the corpus loads either way. A list of
 * files (corpus_open_files) is never indexed. o NULL: no index. */
struct corpus *corpus_open_dir_opts(const char *dir, const struct corpus_opts *o);

/* A deferred load (corpus_opts.deferred) goes on: checks the files of the
 * articles taken from the index on trust (CORPUS_UNVERIFIED: a changed one
 * is read again, one gone or leading outside is emptied, reported), then
 * reads and parses up to max of the articles still unread, in corpus order, filling the fields
 * the manifest left out and writing them to the index; after the last,
 * the index is completed (files gone forgotten) and undated articles take
 * their events' dates. Article indices never change; an article's strings
 * (title, lang...) may be replaced, so hold none across a step. Returns
 * how many were read, or -1 when memory runs out. Does nothing when
 * c->load_left is 0. A file that can no longer be read, or is not text,
 * keeps its place with an empty text, reported in diags. */
long corpus_load_step(struct corpus *c, size_t max);

/* The same for article k alone, now (an article about to be shown). 0, or
 * -1 when memory runs out. */
int corpus_load_article(struct corpus *c, size_t k);

/* "indexing 3,412 / 10,000": what, then done and total with commas between
 * thousands, into buf (cut to size). Returns buf. */
char *corpus_progress_text(char *buf, size_t size, const char *what, size_t done, size_t total);

/* Opens a list of article files, with no manifest. Unreadable files are
 * reported in diags and left out. NULL only when memory runs out. */
struct corpus *corpus_open_files(char *const *files, size_t n);

void corpus_free(struct corpus *c);

/* The parsed text of an article, read from its file on first use. The
 * texts of pinned articles and of the CORPUS_TEXTS_KEPT used last stay
 * loaded; others are dropped, so the pointer is good until that many other
 * articles' texts have been asked for (or, pinned, until unpinned). A file
 * that can no longer be read gives an empty text, reported in the corpus's
 * diagnostics. Never NULL. The article must be one of a corpus (or hold its
 * text); the corpus itself is not changed, only what it keeps loaded. */
const struct article_text *corpus_article_text(const struct corpus_article *a);

/* The dates the article's text mentions, in text order (a->ndates of them):
 * a load keeps only their number, and they are found again in the text
 * (read as corpus_article_text reads it) when first asked for. NULL when
 * there are none or memory runs out. Owned by the article. */
const struct date_mention *corpus_article_dates(const struct corpus_article *a);

/* Keeps the article's text loaded until as many corpus_article_unpin calls:
 * a page showing it holds a pin. The first pin re-reads a file that changed
 * on disk since it was read. Returns the text (as corpus_article_text). */
const struct article_text *corpus_article_pin(const struct corpus_article *a);

void corpus_article_unpin(const struct corpus_article *a);

/* Block `block` of the article's text (as corpus_article_text), or NULL
 * when the text has no such block or the block is shorter than `end` bytes:
 * the file changed on disk after a list of hits into it was made. */
const struct article_block *corpus_article_block(const struct corpus_article *a, size_t block,
                                                 size_t end);

/* Index of the article with this id, or -1. */
long corpus_find_article(const struct corpus *c, const char *id);

/* The index that holds every article of c as it is loaded (search and
 * evidence ask it), or NULL: none, or a deferred load still reads or checks
 * files. Corpus-owned. */
const char *corpus_index_ready(const struct corpus *c);

/* Index of the event with this id, or -1. */
long corpus_find_event(const struct corpus *c, const char *id);

/* The translation group of article i: i itself and the articles sharing its
 * `group` or its source URL, in corpus order. Writes up to max indices to
 * out; returns how many there are. */
size_t corpus_translations(const struct corpus *c, size_t i, size_t *out, size_t max);

/* The event's title in `lang`, else its title, else its id. */
const char *corpus_event_title(const struct corpus_event *e, const char *lang);

/* Number of errors found while loading. */
size_t corpus_errors(const struct corpus *c);

#endif
