/* manifest.c — owns reading corpus.ini (through ini.c): sections become
 * events and articles, each value is checked for its syntax, and every
 * problem is reported with the file and the line it is on. Event and article
 * ids are kept in two hash tables (struct manifest_index: open addressing,
 * id -> index into m->events or m->articles), so duplicate checks and
 * lookups take constant time. */
#include "tandem/manifest.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/file.h"
#include "tandem/ini.h"

struct loader {
	struct manifest *m;
	struct diag_list *diags;
	unsigned line;       /* the line being read */
	const char *section; /* the section being read, as written (valid
	                        during a callback) */
	enum { SEC_NONE, SEC_CORPUS, SEC_EVENT, SEC_ARTICLE, SEC_UNKNOWN } kind;
	int oom;
};

/* ---- id index ----------------------------------------------------------- */

struct manifest_slot {
	const char *id;      /* not owned: the id of the event or article */
	size_t index;
};

struct manifest_index {
	struct manifest_slot *slots; /* owned; id NULL when empty */
	size_t cap;          /* a power of two; at most half the slots used */
	size_t n;
};

static uint64_t hash_id(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

/* The slot holding `id`, or the empty slot where it would go. */
static struct manifest_slot *index_slot(const struct manifest_index *x, const char *id)
{
	size_t mask = x->cap - 1;
	for (size_t i = (size_t)hash_id(id) & mask;; i = (i + 1) & mask)
		if (!x->slots[i].id || !strcmp(x->slots[i].id, id))
			return &x->slots[i];
}

static long index_find(const struct manifest_index *x, const char *id)
{
	if (!x || !x->cap)
		return -1;
	const struct manifest_slot *s = index_slot(x, id);
	return s->id ? (long)s->index : -1;
}

/* Adds id -> index (id not yet present; the string must outlive the
 * index). Returns -1 when memory runs out. */
static int index_add(struct manifest_index **xp, const char *id, size_t index)
{
	struct manifest_index *x = *xp;
	if (!x && !(x = *xp = calloc(1, sizeof *x)))
		return -1;
	if (2 * (x->n + 1) > x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		struct manifest_index bigger = {.slots = calloc(cap, sizeof *bigger.slots), .cap = cap};
		if (!bigger.slots)
			return -1;
		for (size_t i = 0; i < x->cap; i++)
			if (x->slots[i].id)
				*index_slot(&bigger, x->slots[i].id) = x->slots[i];
		free(x->slots);
		x->slots = bigger.slots;
		x->cap = cap;
	}
	*index_slot(x, id) = (struct manifest_slot){id, index};
	x->n++;
	return 0;
}

static void index_free(struct manifest_index *x)
{
	if (x)
		free(x->slots);
	free(x);
}

long manifest_find_event(const struct manifest *m, const char *id)
{
	return index_find(m->event_ids, id);
}

long manifest_find_article(const struct manifest *m, const char *id)
{
	return index_find(m->article_ids, id);
}

/* ---- values ------------------------------------------------------------- */

int manifest_valid_time(const char *s)
{
	if (!strcmp(s, "morning") || !strcmp(s, "afternoon") || !strcmp(s, "evening"))
		return 1;
	return strlen(s) == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       s[2] == ':' && isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

int manifest_valid_lang(const char *s)
{
	size_t n = strlen(s), i = 0;
	if (n == 0 || n > 35)
		return 0;
	/* primary subtag: 2-3 letters (or "und"), then -subtags of 1-8 alnum */
	while (i < n && isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return 0;
	while (i < n) {
		if (s[i] != '-')
			return 0;
		size_t j = ++i;
		while (i < n && isalnum((unsigned char)s[i]))
			i++;
		if (i == j || i - j > 8)
			return 0;
	}
	return 1;
}

/* Sets a string field; `name` is the key, for the message when the section
 * gives it twice. */
static int set_str(struct loader *ld, char **dst, const char *name, const char *value)
{
	if (*dst) {
		diag_add(ld->diags, DIAG_WARNING, ld->m->path, ld->line,
		         "[%s]: '%s' given twice; the later value wins", ld->section, name);
		free(*dst);
	}
	*dst = strdup(value);
	if (!*dst) {
		ld->oom = 1;
		return 0;
	}
	return 1;
}

/* Makes room for item n of an array of n items: the capacity doubles when n
 * reaches a power of two (4, 8, 16, ...), so appending stays linear. */
static void *grow(void *p, size_t n, size_t size)
{
	if (n != 0 && (n < 4 || (n & (n - 1))))
		return p;
	size_t cap = n < 4 ? 4 : 2 * n;
	if (cap > SIZE_MAX / size)
		return NULL;
	return realloc(p, cap * size);
}

static int id_ok(const char *id)
{
	for (const char *p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
			return 0;
	return 1;
}

/* Opens a new [event ID] or [article ID] section. */
static void open_section(struct loader *ld, const char *section)
{
	struct manifest *m = ld->m;
	unsigned line = ld->line;
	ld->kind = SEC_UNKNOWN;
	if (!strcmp(section, "corpus")) {
		ld->kind = SEC_CORPUS;
		return;
	}
	const char *sp = strpbrk(section, " \t");
	const char *id = sp ? sp + 1 : "";
	while (*id == ' ' || *id == '\t')
		id++;
	size_t typelen = sp ? (size_t)(sp - section) : strlen(section);
	int is_event = typelen == 5 && !strncmp(section, "event", 5);
	int is_article = typelen == 7 && !strncmp(section, "article", 7);
	if (!is_event && !is_article) {
		diag_add(ld->diags, DIAG_WARNING, m->path, line,
		         "unknown section [%s] (expected [corpus], [event ID] or [article ID]); ignored",
		         section);
		return;
	}
	if (!*id) {
		diag_add(ld->diags, DIAG_ERROR, m->path, line,
		         "[%s]: no id (write [%s ID]); section ignored", section,
		         is_event ? "event" : "article");
		return;
	}
	if (!id_ok(id)) {
		diag_add(ld->diags, DIAG_ERROR, m->path, line,
		         "[%s]: the id must be letters, digits, '-', '_' or '.'; section ignored",
		         section);
		return;
	}
	if (is_event) {
		long first = manifest_find_event(m, id);
		if (first >= 0) {
			diag_add(ld->diags, DIAG_ERROR, m->path, line,
			         "event '%s' defined twice (first on line %u); second ignored", id,
			         m->events[first].line);
			return;
		}
		struct manifest_event *ev = grow(m->events, m->nevents, sizeof *ev);
		if (!ev) {
			ld->oom = 1;
			return;
		}
		m->events = ev;
		ev = &m->events[m->nevents];
		memset(ev, 0, sizeof *ev);
		ev->line = line;
		if (!(ev->id = strdup(id))) {
			ld->oom = 1;
			return;
		}
		m->nevents++;
		if (index_add(&m->event_ids, ev->id, m->nevents - 1) != 0) {
			ld->oom = 1;
			return;
		}
		ld->kind = SEC_EVENT;
	} else {
		long first = manifest_find_article(m, id);
		if (first >= 0) {
			diag_add(ld->diags, DIAG_ERROR, m->path, line,
			         "article '%s' defined twice (first on line %u); second ignored", id,
			         m->articles[first].line);
			return;
		}
		struct manifest_article *a = grow(m->articles, m->narticles, sizeof *a);
		if (!a) {
			ld->oom = 1;
			return;
		}
		m->articles = a;
		a = &m->articles[m->narticles];
		memset(a, 0, sizeof *a);
		a->line = line;
		if (!(a->id = strdup(id))) {
			ld->oom = 1;
			return;
		}
		m->narticles++;
		if (index_add(&m->article_ids, a->id, m->narticles - 1) != 0) {
			ld->oom = 1;
			return;
		}
		ld->kind = SEC_ARTICLE;
	}
}

static void parse_date(struct loader *ld, const char *value, struct date_ymd *out)
{
	if (dates_parse_iso(value, out) != 0) {
		diag_add(ld->diags, DIAG_ERROR, ld->m->path, ld->line,
		         "[%s]: date '%s' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY) "
		         "that exists",
		         ld->section, value);
		memset(out, 0, sizeof *out);
	}
}

static int is_one_of(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(name, *names))
			return 1;
	return 0;
}

static const char *const event_keys[] = {"date", "time", "place", "title", NULL};
static const char *const article_keys[] = {"file",   "lang",  "date",  "event", "mentions",
                                           "source", "group", "title", "dir",   NULL};

/* True (and reported) when a known key has an empty value, which is then
 * ignored. */
static int empty_value(struct loader *ld, const char *name, const char *value)
{
	if (*value)
		return 0;
	if (!strcmp(name, "file"))
		diag_add(ld->diags, DIAG_ERROR, ld->m->path, ld->line,
		         "[%s]: 'file' is empty (give the article's file, relative to the corpus "
		         "directory); article left out",
		         ld->section);
	else
		diag_add(ld->diags, DIAG_WARNING, ld->m->path, ld->line, "[%s]: '%s' is empty; ignored",
		         ld->section, name);
	return 1;
}

/* Why `file` cannot name an article file from its text alone, or NULL:
 * "." and ".." and a name ending in '/' are directories. */
static const char *bad_file_name(const char *f)
{
	size_t n = strlen(f);
	const char *base = strrchr(f, '/');
	base = base ? base + 1 : f;
	if (f[0] == '/')
		return NULL; /* corpus.c says it must be relative */
	if (n > 0 && f[n - 1] == '/')
		return "ends in '/': it names a directory, not a file";
	if (!strcmp(base, ".") || !strcmp(base, ".."))
		return "names a directory, not a file";
	return NULL;
}

static void event_key(struct loader *ld, struct manifest_event *ev, const char *name,
                      const char *value)
{
	unsigned line = ld->line;
	int titled = !strncmp(name, "title.", 6);
	int keyed = !strcmp(name, "keywords") || !strncmp(name, "keywords.", 9);
	if ((titled || keyed || is_one_of(name, event_keys)) && empty_value(ld, name, value))
		return;
	if (!strcmp(name, "date")) {
		parse_date(ld, value, &ev->date);
	} else if (!strcmp(name, "time")) {
		if (!manifest_valid_time(value))
			diag_add(ld->diags, DIAG_ERROR, ld->m->path, line,
			         "[%s]: time '%s' must be morning, afternoon, evening or HH:MM",
			         ld->section, value);
		else
			set_str(ld, &ev->time, name, value);
	} else if (!strcmp(name, "place")) {
		set_str(ld, &ev->place, name, value);
	} else if (!strcmp(name, "title")) {
		set_str(ld, &ev->title, name, value);
	} else if (titled || keyed) {
		const char *lang = titled ? name + 6 : name[8] == '.' ? name + 9 : "";
		if ((titled || *lang) &&
		    (!manifest_valid_lang(lang) || strlen(lang) >= sizeof ev->titles->lang)) {
			diag_add(ld->diags, DIAG_ERROR, ld->m->path, line,
			         "[%s]: '%s' is not a language tag (as in %s.fr)", ld->section, lang,
			         titled ? "title" : "keywords");
			return;
		}
		struct manifest_title **list = titled ? &ev->titles : &ev->keywords;
		size_t *count = titled ? &ev->ntitles : &ev->nkeywords;
		struct manifest_title *t = grow(*list, *count, sizeof *t);
		if (!t) {
			ld->oom = 1;
			return;
		}
		*list = t;
		t = &t[*count];
		snprintf(t->lang, sizeof t->lang, "%s", lang);
		if (!(t->text = strdup(value))) {
			ld->oom = 1;
			return;
		}
		(*count)++;
	} else {
		diag_add(ld->diags, DIAG_WARNING, ld->m->path, line,
		         "[%s]: unknown key '%s' (expected date, time, place, title, title.LANG, "
		         "keywords, keywords.LANG); ignored",
		         ld->section, name);
	}
}

static void article_key(struct loader *ld, struct manifest_article *a, const char *name,
                        const char *value)
{
	unsigned line = ld->line;
	if (!strcmp(name, "file"))
		a->file_line = line; /* even when refused: the key was given */
	if (is_one_of(name, article_keys) && empty_value(ld, name, value)) {
		if (!strcmp(name, "file")) {
			free(a->file); /* an earlier value is not used either */
			a->file = NULL;
		}
		return;
	}
	if (!strcmp(name, "file")) {
		const char *why = bad_file_name(value);
		if (why) {
			diag_add(ld->diags, DIAG_ERROR, ld->m->path, line,
			         "[%s]: file '%s' %s; article left out", ld->section, value, why);
			free(a->file);
			a->file = NULL;
			return;
		}
		set_str(ld, &a->file, name, value);
	} else if (!strcmp(name, "lang")) {
		if (!manifest_valid_lang(value))
			diag_add(ld->diags, DIAG_ERROR, ld->m->path, line,
			         "[%s]: lang '%s' is not a BCP 47 language tag; it will be detected",
			         ld->section, value);
		else
			set_str(ld, &a->lang, name, value);
	} else if (!strcmp(name, "date")) {
		parse_date(ld, value, &a->date);
	} else if (!strcmp(name, "event")) {
		set_str(ld, &a->event, name, value);
	} else if (!strcmp(name, "mentions")) {
		set_str(ld, &a->mentions, name, value);
	} else if (!strcmp(name, "source")) {
		if (strncmp(value, "http://", 7) && strncmp(value, "https://", 8))
			diag_add(ld->diags, DIAG_WARNING, ld->m->path, line,
			         "[%s]: source '%s' is not an http(s) URL", ld->section, value);
		set_str(ld, &a->source, name, value);
	} else if (!strcmp(name, "group")) {
		set_str(ld, &a->group, name, value);
	} else if (!strcmp(name, "title")) {
		set_str(ld, &a->title, name, value);
	} else if (!strcmp(name, "dir")) {
		if (strcmp(value, "auto") && strcmp(value, "ltr") && strcmp(value, "rtl"))
			diag_add(ld->diags, DIAG_ERROR, ld->m->path, line,
			         "[%s]: dir '%s' must be auto, ltr or rtl", ld->section, value);
		else
			set_str(ld, &a->dir, name, value);
	} else {
		diag_add(ld->diags, DIAG_WARNING, ld->m->path, line,
		         "[%s]: unknown key '%s' (expected file, lang, date, event, mentions, source, "
		         "group, title, dir); ignored",
		         ld->section, name);
	}
}

/* A key in [corpus], or one before any section. */
static void corpus_key(struct loader *ld, const char *name, const char *value)
{
	struct manifest *m = ld->m;
	if (ld->kind == SEC_NONE)
		diag_add(ld->diags, DIAG_WARNING, m->path, ld->line,
		         "key '%s' outside any section; ignored", name);
	else if (strcmp(name, "title"))
		diag_add(ld->diags, DIAG_WARNING, m->path, ld->line,
		         "[corpus]: unknown key '%s' (expected title); ignored", name);
	else if (!*value)
		diag_add(ld->diags, DIAG_WARNING, m->path, ld->line,
		         "[corpus]: 'title' is empty; ignored");
	else
		set_str(ld, &m->title, name, value);
}

static int on_item(void *user, const struct ini_item *it)
{
	struct loader *ld = user;
	struct manifest *m = ld->m;
	ld->line = it->line;
	ld->section = it->section;
	switch (it->kind) {
	case INI_ERROR:
		diag_add(ld->diags, DIAG_ERROR, m->path, it->line, "%s", it->message);
		break;
	case INI_WARNING:
		diag_add(ld->diags, DIAG_WARNING, m->path, it->line, "%s", it->message);
		break;
	case INI_SECTION:
		open_section(ld, it->section);
		break;
	case INI_KEY:
		switch (ld->kind) {
		case SEC_NONE:
		case SEC_CORPUS:
			corpus_key(ld, it->name, it->value);
			break;
		case SEC_EVENT:
			event_key(ld, &m->events[m->nevents - 1], it->name, it->value);
			break;
		case SEC_ARTICLE:
			article_key(ld, &m->articles[m->narticles - 1], it->name, it->value);
			break;
		case SEC_UNKNOWN: /* reported with its header */
			break;
		}
		break;
	}
	return !ld->oom;
}

int manifest_load(const char *path, struct manifest *out, struct diag_list *diags)
{
	memset(out, 0, sizeof *out);
	out->path = strdup(path);
	if (!out->path) {
		diag_add(diags, DIAG_ERROR, path, 0, "out of memory");
		return -1;
	}
	FILE *fp = file_open_regular(path, diags, NULL);
	if (!fp)
		return -1;
	struct loader ld = {.m = out, .diags = diags};
	enum ini_status r = ini_parse_file(fp, on_item, &ld);
	int err = errno;
	fclose(fp);
	if (r == INI_NO_MEMORY || r == INI_STOPPED) { /* the loader stops only when out of memory */
		diag_add(diags, DIAG_ERROR, path, 0, "out of memory");
		return -1;
	}
	if (r == INI_READ_ERROR) {
		diag_add(diags, DIAG_ERROR, path, ld.line + 1, "read error: %s", strerror(err));
		return -1;
	}
	return 0;
}

void manifest_free(struct manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nevents; i++) {
		struct manifest_event *e = &m->events[i];
		free(e->id);
		free(e->time);
		free(e->place);
		free(e->title);
		for (size_t j = 0; j < e->ntitles; j++)
			free(e->titles[j].text);
		free(e->titles);
		for (size_t j = 0; j < e->nkeywords; j++)
			free(e->keywords[j].text);
		free(e->keywords);
	}
	for (size_t i = 0; i < m->narticles; i++) {
		struct manifest_article *a = &m->articles[i];
		free(a->id);
		free(a->file);
		free(a->lang);
		free(a->event);
		free(a->mentions);
		free(a->source);
		free(a->group);
		free(a->title);
		free(a->dir);
	}
	free(m->events);
	free(m->articles);
	index_free(m->event_ids);
	index_free(m->article_ids);
	free(m->path);
	free(m->title);
	memset(m, 0, sizeof *m);
}

void manifest_release_article_ids(struct manifest *m)
{
	index_free(m->article_ids);
	m->article_ids = NULL;
	if (m->narticles) {
		/* the spare room grow() left */
		struct manifest_article *a = realloc(m->articles, m->narticles * sizeof *a);
		if (a)
			m->articles = a;
	}
}

const char *manifest_event_title(const struct manifest_event *e, const char *lang)
{
	if (lang)
		for (size_t i = 0; i < e->ntitles; i++)
			if (!strcmp(e->titles[i].lang, lang))
				return e->titles[i].text;
	return e->title ? e->title : e->id;
}

/* ---- the record the index keeps ------------------------------------------ */

#define RECORD_VERSION 1

void manifest_pack(const struct manifest *m, const struct diag *diags, size_t ndiags,
                   struct blob *b)
{
	blob_put_uint(b, RECORD_VERSION);
	blob_put_opt(b, m->title);
	blob_put_uint(b, m->nevents);
	for (size_t i = 0; i < m->nevents; i++) {
		const struct manifest_event *e = &m->events[i];
		blob_put_opt(b, e->id);
		blob_put_int(b, e->date.y);
		blob_put_int(b, e->date.m);
		blob_put_int(b, e->date.d);
		blob_put_opt(b, e->time);
		blob_put_opt(b, e->place);
		blob_put_opt(b, e->title);
		blob_put_uint(b, e->ntitles);
		for (size_t k = 0; k < e->ntitles; k++) {
			blob_put_str(b, e->titles[k].lang);
			blob_put_opt(b, e->titles[k].text);
		}
		blob_put_uint(b, e->nkeywords);
		for (size_t k = 0; k < e->nkeywords; k++) {
			blob_put_str(b, e->keywords[k].lang);
			blob_put_opt(b, e->keywords[k].text);
		}
		blob_put_uint(b, e->line);
	}
	blob_put_uint(b, m->narticles);
	for (size_t i = 0; i < m->narticles; i++) {
		const struct manifest_article *a = &m->articles[i];
		const char *f[] = {a->id,     a->file,   a->lang,  a->event, a->mentions,
		                   a->source, a->group,  a->title, a->dir};
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			blob_put_opt(b, f[k]);
		blob_put_int(b, a->date.y);
		blob_put_int(b, a->date.m);
		blob_put_int(b, a->date.d);
		blob_put_uint(b, a->line);
		blob_put_uint(b, a->file_line);
	}
	/* messages about the manifest name it by the path it is read by */
	blob_put_uint(b, ndiags);
	for (size_t i = 0; i < ndiags; i++) {
		const struct diag *d = &diags[i];
		int own = d->file && !strcmp(d->file, m->path);
		blob_put_uint(b, (uint64_t)d->level);
		blob_put_uint(b, d->line);
		blob_put_uint(b, (uint64_t)own);
		blob_put_opt(b, own ? NULL : d->file);
		blob_put_opt(b, d->msg);
	}
}

/* A title list of n entries (title.LANG, keywords.LANG). */
static struct manifest_title *get_titles(struct blob_reader *r, size_t *n)
{
	uint64_t k = blob_get_uint(r);
	*n = 0;
	if (r->bad || k == 0)
		return NULL;
	struct manifest_title *t = k <= (uint64_t)(r->end - r->p) / 2 ? calloc(k, sizeof *t) : NULL;
	if (!t) {
		r->bad = 1;
		return NULL;
	}
	for (; *n < k && !r->bad; ++*n) {
		blob_get_str(r, t[*n].lang, sizeof t[*n].lang);
		t[*n].text = blob_get_opt(r);
		if (!t[*n].text)
			r->bad = 1; /* never NULL when read */
	}
	return t;
}

int manifest_unpack(const void *data, size_t len, const char *path, struct manifest *out,
                    struct diag_list *diags)
{
	struct blob_reader r;
	memset(out, 0, sizeof *out);
	blob_reader_init(&r, data, len);
	if (blob_get_uint(&r) != RECORD_VERSION || !(out->path = strdup(path)))
		goto fail;
	out->title = blob_get_opt(&r);
	uint64_t n = blob_get_uint(&r);
	/* an event takes 11 bytes or more, an article 14: a count beyond what
	 * the record holds is damage (and not allocated) */
	if (r.bad || n > (uint64_t)(r.end - r.p) / 11 ||
	    (n && !(out->events = calloc(n, sizeof *out->events))))
		goto fail;
	for (; out->nevents < n && !r.bad; out->nevents++) {
		struct manifest_event *e = &out->events[out->nevents];
		e->id = blob_get_opt(&r);
		e->date.y = (int)blob_get_int(&r);
		e->date.m = (int)blob_get_int(&r);
		e->date.d = (int)blob_get_int(&r);
		e->time = blob_get_opt(&r);
		e->place = blob_get_opt(&r);
		e->title = blob_get_opt(&r);
		e->titles = get_titles(&r, &e->ntitles);
		e->keywords = get_titles(&r, &e->nkeywords);
		e->line = (unsigned)blob_get_uint(&r);
		/* what manifest_load gives: ids that pass, dates that exist */
		if (!r.bad && (!e->id || !id_ok(e->id) || !dates_valid(&e->date) ||
		               manifest_find_event(out, e->id) >= 0 ||
		               index_add(&out->event_ids, e->id, out->nevents) != 0))
			r.bad = 1;
	}
	n = blob_get_uint(&r);
	if (r.bad || n > (uint64_t)(r.end - r.p) / 14 ||
	    (n && !(out->articles = calloc(n, sizeof *out->articles))))
		goto fail;
	for (; out->narticles < n && !r.bad; out->narticles++) {
		struct manifest_article *a = &out->articles[out->narticles];
		char **f[] = {&a->id,     &a->file,  &a->lang,  &a->event, &a->mentions,
		              &a->source, &a->group, &a->title, &a->dir};
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			*f[k] = blob_get_opt(&r);
		a->date.y = (int)blob_get_int(&r);
		a->date.m = (int)blob_get_int(&r);
		a->date.d = (int)blob_get_int(&r);
		a->line = (unsigned)blob_get_uint(&r);
		a->file_line = (unsigned)blob_get_uint(&r);
		if (!r.bad && (!a->id || !id_ok(a->id) || !dates_valid(&a->date) ||
		               manifest_find_article(out, a->id) >= 0 ||
		               index_add(&out->article_ids, a->id, out->narticles) != 0))
			r.bad = 1;
	}
	/* the messages: checked whole before any is given */
	size_t first = diags->n, lost = diags->lost;
	n = blob_get_uint(&r);
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		uint64_t level = blob_get_uint(&r), line = blob_get_uint(&r), own = blob_get_uint(&r);
		char *file = blob_get_opt(&r), *msg = blob_get_opt(&r);
		if (level > DIAG_ERROR || !msg || (!own && !file))
			r.bad = 1;
		else
			diag_add(diags, (enum diag_level)level, own ? path : file, (unsigned)line, "%s",
			         msg);
		free(file);
		free(msg);
	}
	if (!r.bad && r.p == r.end && diags->n == first + n)
		return 0;
	while (diags->n > first) { /* what this record added */
		diags->n--;
		free(diags->items[diags->n].file);
		free(diags->items[diags->n].msg);
	}
	diags->lost = lost;
fail:
	manifest_free(out);
	return -1;
}
