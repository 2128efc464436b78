/* manifest.h — the corpus manifest, corpus.ini (INI, read with ini.h):
 * [corpus] title; [event ID] date, time, place, title, title.LANG,
 * keywords, keywords.LANG;
 * [article ID] file, lang, date, event, mentions, source, group, title, dir.
 * This module reads and checks the syntax of each value; corpus.c checks what
 * needs the whole corpus (files, references). */
#ifndef TANDEM_MANIFEST_H
#define TANDEM_MANIFEST_H

#include <stddef.h>

#include "tandem/blob.h"
#include "tandem/dates.h"
#include "tandem/diag.h"

struct manifest_title {
	char lang[16];
	char *text;              /* owned */
};

struct manifest_event {
	char *id;                /* owned */
	struct date_ymd date;
	char *time;              /* "morning", "afternoon", "evening" or "HH:MM"; owned, may be NULL */
	char *place;             /* owned, may be NULL */
	char *title;             /* owned, may be NULL */
	struct manifest_title *titles; /* title.LANG; owned */
	size_t ntitles;
	struct manifest_title *keywords; /* keywords (lang "") and keywords.LANG:
	                                    comma-separated words that mark a
	                                    paragraph as evidence; owned */
	size_t nkeywords;
	unsigned line;           /* line of the section header */
};

struct manifest_article {
	char *id, *file, *lang, *event, *mentions, *source, *group, *title, *dir; /* owned, NULL when absent */
	struct date_ymd date;    /* y == 0 when absent */
	unsigned line;
	unsigned file_line;      /* line of the `file` key, for messages; set
	                            even when its value was refused (file NULL) */
};

struct manifest_index;       /* id -> index lookup, private to manifest.c */

struct manifest {
	char *path;              /* owned */
	char *title;             /* owned, may be NULL */
	struct manifest_event *events;     /* owned, in file order */
	size_t nevents;
	struct manifest_article *articles; /* owned, in file order */
	size_t narticles;
	struct manifest_index *event_ids, *article_ids; /* owned */
};

/* Reads the manifest at `path` (lines of any length). Problems (syntax,
 * NUL bytes, invalid UTF-8, unknown keys, empty or bad values, a `file` that
 * names a directory, duplicate ids) go to `diags` with the file and line.
 * Returns 0 when the file was read (possibly with errors in diags), -1 when
 * it cannot be opened or memory runs out (also reported in diags). Free with
 * manifest_free. */
int manifest_load(const char *path, struct manifest *out, struct diag_list *diags);

void manifest_free(struct manifest *m);

/* A record of a manifest as read (its title, events and articles) and of
 * what reading it reported (diags[0..ndiags)), as the index keeps it:
 * appended to b. */
void manifest_pack(const struct manifest *m, const struct diag *diags, size_t ndiags,
                   struct blob *b);

/* Reads a record manifest_pack wrote, for the manifest at `path`: *out as
 * manifest_load gave it, and its messages added to diags (those about the
 * manifest naming `path`). Returns 0, or -1 when the record is damaged or
 * memory runs out (*out then empty, diags as they were). Free with
 * manifest_free. */
int manifest_unpack(const void *data, size_t len, const char *path, struct manifest *out,
                    struct diag_list *diags);

/* The index in m->events (m->articles) of the event (article) with this id,
 * or -1. Constant time on average. */
long manifest_find_event(const struct manifest *m, const char *id);
long manifest_find_article(const struct manifest *m, const char *id);

/* Frees the article id index (manifest_find_article then answers -1) and
 * the spare room of the articles array: what a caller that takes the
 * articles' ids away needs no more. */
void manifest_release_article_ids(struct manifest *m);

/* The event's title in `lang` (title.LANG), else its plain title, else its
 * id. */
const char *manifest_event_title(const struct manifest_event *e, const char *lang);

/* True for "morning", "afternoon", "evening" and a valid "HH:MM". */
int manifest_valid_time(const char *s);

/* True for a plausible BCP 47 tag ("fr", "ar", "zh-Hant", "pt-BR", "und"). */
int manifest_valid_lang(const char *s);

#endif
