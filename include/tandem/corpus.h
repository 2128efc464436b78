/* corpus.h — the corpus a reader browses: articles (parsed, with every field
 * the manifest left out detected from the text) and dated events, from a
 * directory with a corpus.ini, a directory of plain text files, or a list of
 * files. Events are kept in timeline order (see timeline.h). */
#ifndef TANDEM_CORPUS_H
#define TANDEM_CORPUS_H

#include <stddef.h>

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
	char *source;             /* URL; owned, may be NULL */
	char *group;              /* translation group; owned, may be NULL */
	char *title;              /* owned, never NULL */
	enum bidi_dir dir;
	unsigned detected;        /* enum corpus_detected bits */
	long event;               /* index of its main event, -1 if none */
	long *mentions;           /* indices of other events it reports; owned */
	size_t nmentions;
	struct article_text text;
	struct date_mention *dates; /* dates mentioned in text.raw; owned */
	size_t ndates;
	unsigned manifest_line;   /* 0 when not from a manifest */
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
	struct corpus_event *events;     /* owned, timeline order */
	size_t nevents;
	struct diag_list diags;   /* what loading found */
	size_t *id_slots;         /* private to corpus.c: an open-addressing
	                             table of article indices + 1 by id (0:
	                             empty), for corpus_find_article; owned */
	size_t id_nslots;         /* a power of two, at least twice narticles */
};

/* Opens a corpus directory: its corpus.ini when present, else every *.txt
 * in it (sorted by name). Returns NULL only when memory runs out; a corpus
 * that could not be read comes back with errors in diags and no articles.
 * Free with corpus_free. */
struct corpus *corpus_open_dir(const char *dir);

/* Opens a list of article files, with no manifest. Unreadable files are
 * reported in diags and left out. NULL only when memory runs out. */
struct corpus *corpus_open_files(char *const *files, size_t n);

void corpus_free(struct corpus *c);

/* Index of the article with this id, or -1. */
long corpus_find_article(const struct corpus *c, const char *id);

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
