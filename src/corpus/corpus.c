/* corpus.c — owns loading a corpus: the manifest's articles and events, or a
 * directory or list of plain files with no manifest; each article file read
 * whole, parsed into blocks, and every field the manifest leaves out detected
 * (language, date, source, title). Problems are gathered, with file and line,
 * in the corpus's diagnostics; one bad article never stops the others.
 *
 * With the on-disk index (index.h), a file whose size and modification time
 * (or content hash) match the index is not read: its fields come from the
 * index. Texts are not held after loading: corpus_article_text reads and
 * parses an article when it is asked for, and `struct corpus_texts` keeps
 * the texts of pinned articles and of the CORPUS_TEXTS_KEPT used last.
 * A deferred load (the reader's) leaves the files the index does not
 * describe for corpus_load_step, which reads them a few at a time. */
#include "tandem/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unictype.h>
#include <unistd.h>
#include <unistr.h>

#include "tandem/detect.h"
#include "tandem/encoding.h"
#include "tandem/evidence.h"
#include "tandem/facts.h"
#include "tandem/file.h"
#include "tandem/index.h"
#include "tandem/manifest.h"
#include "tandem/search.h"
#include "tandem/timeline.h"
#include "tandem/wordbreak.h"

#define CORPUS_MAX_FILE (64u << 20)
#define TITLE_COLUMNS 72

/* The texts loaded after loading: an unordered list of the articles whose
 * text is loaded; the least recently used unpinned one goes first. */
struct corpus_texts {
	struct diag_list *diags;       /* the corpus's; not owned */
	struct corpus_article **loaded; /* owned (the array) */
	size_t nloaded, cap;
	unsigned long tick;
};

static char *join_path(const char *dir, const char *file)
{
	size_t a = strlen(dir), b = strlen(file);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	size_t k = a;
	if (a && dir[a - 1] != '/')
		p[k++] = '/';
	memcpy(p + k, file, b + 1);
	return p;
}

/* Reads a whole file. Returns 0, or -1 with a message in diags. */
static int read_file(const char *path, char **buf, size_t *len, struct diag_list *diags)
{
	long long size;
	*buf = NULL;
	*len = 0;
	FILE *fp = file_open_regular(path, diags, &size);
	if (!fp)
		return -1;
	if ((unsigned long long)size > CORPUS_MAX_FILE) {
		diag_add(diags, DIAG_ERROR, path, 0, "too large (%lld bytes; at most %u MiB)", size,
		         CORPUS_MAX_FILE >> 20);
		fclose(fp);
		return -1;
	}
	size_t cap = (size_t)size + 1, n = 0;
	char *b = malloc(cap);
	if (!b) {
		diag_add(diags, DIAG_ERROR, path, 0, "out of memory");
		fclose(fp);
		return -1;
	}
	for (;;) {
		size_t k = fread(b + n, 1, cap - n, fp);
		n += k;
		if (n < cap)
			break;
		if (cap > CORPUS_MAX_FILE) {
			diag_add(diags, DIAG_ERROR, path, 0, "too large (grew while read)");
			free(b);
			fclose(fp);
			return -1;
		}
		char *nb = realloc(b, cap * 2);
		if (!nb) {
			diag_add(diags, DIAG_ERROR, path, 0, "out of memory");
			free(b);
			fclose(fp);
			return -1;
		}
		b = nb;
		cap *= 2;
	}
	if (ferror(fp)) {
		diag_add(diags, DIAG_ERROR, path, 0, "read error: %s", strerror(errno));
		free(b);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	*buf = b;
	*len = n;
	return 0;
}

/* First block of a kind, or -1. */
static long first_block(const struct article_text *t, enum block_kind k)
{
	for (size_t i = 0; i < t->nblocks; i++)
		if (t->blocks[i].kind == k)
			return (long)i;
	return -1;
}

/* Gives the article an empty text to parse into (a->text NULL before).
 * 0, or -1 when memory runs out. */
static int new_text(struct corpus_article *a)
{
	a->text = calloc(1, sizeof *a->text);
	return a->text ? 0 : -1;
}

/* Fills what the manifest did not give from the text itself. */
/* Paragraphs an article's date is looked for in, from its first. */
#define DATE_PARAGRAPHS 3

static int detect_missing(struct corpus_article *a)
{
	static const struct article_text no_text = {(char *)"", 0, NULL, 0, 0, 0, 0};
	const struct article_text *t = a->text ? a->text : &no_text;
	long p = first_block(t, BLOCK_PARAGRAPH);

	if (!a->lang) {
		a->lang = strdup(detect_language(t->raw, t->raw_len));
		if (!a->lang)
			return -1;
		a->detected |= CORPUS_DETECTED_LANG;
	}
	if (!a->source) {
		long s = first_block(t, BLOCK_SOURCE);
		if (s >= 0) {
			size_t len;
			const char *u = article_block_text(t, (size_t)s, &len);
			if (!(a->source = strndup(u, len)))
				return -1;
			a->detected |= CORPUS_DETECTED_SOURCE;
		}
	}
	if (!a->title) {
		if (p >= 0) {
			size_t len;
			const char *txt = article_block_text(t, (size_t)p, &len);
			a->title = detect_title(txt, len, TITLE_COLUMNS);
		} else {
			a->title = strdup(a->id);
		}
		if (!a->title)
			return -1;
		a->detected |= CORPUS_DETECTED_TITLE;
	}
	if (a->date.y == 0 && p >= 0) {
		/* The article's date: the first full date its opening paragraphs
		 * give (a headline often comes first, the dated lead after it),
		 * its year inferred from the text where left out. */
		long para[DATE_PARAGRAPHS];
		size_t np = 0;
		for (size_t i = (size_t)p; i < t->nblocks && np < DATE_PARAGRAPHS; i++)
			if (t->blocks[i].kind == BLOCK_PARAGRAPH)
				para[np++] = (long)i;
		const struct article_block *last = &t->blocks[para[np - 1]];
		size_t end = last->off + last->len;
		struct date_mention *m = NULL;
		size_t nm = 0;
		struct date_ymd none = {0, 0, 0};
		if (dates_find_ordered(t->raw, end <= t->raw_len ? end : t->raw_len, &none,
		                       dates_order_of(a->lang), &m, &nm) != 0)
			return -1;
		for (size_t k = 0; k < np && !(a->detected & CORPUS_DETECTED_DATE); k++) {
			const struct article_block *b = &t->blocks[para[k]];
			for (size_t i = 0; i < nm; i++)
				if (m[i].off >= b->off && m[i].off < b->off + b->len &&
				    m[i].from.y && m[i].from.d) {
					a->date = m[i].from;
					a->detected |= CORPUS_DETECTED_DATE;
					break;
				}
		}
		free(m);
	}
	return dates_find_ordered(t->raw, t->raw_len, &a->date, dates_order_of(a->lang), &a->dates,
	                          &a->ndates);
}

static void article_free(struct corpus_article *a)
{
	free(a->id);
	if (!a->packed) {
		free(a->path);
		free(a->lang);
		free(a->source);
		free(a->group);
		free(a->title);
	}
	free(a->mentions);
	free(a->dates);
	if (a->texts && a->text) {
		article_text_free(a->text);
		free(a->text);
	}
	if (a->pending) {
		cindex_entry_free(a->pending);
		free(a->pending);
	}
}

static void event_free(struct corpus_event *e)
{
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
	free(e->articles);
}

void corpus_free(struct corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->narticles; i++)
		article_free(&c->articles[i]);
	for (size_t i = 0; i < c->nevents; i++)
		event_free(&c->events[i]);
	free(c->articles);
	free(c->events);
	free(c->id_slots);
	for (size_t i = 0; i < c->nretired; i++)
		free(c->retired[i]);
	free(c->retired);
	for (size_t i = 0; i < c->nleft_out; i++)
		free(c->left_out[i]);
	free(c->left_out);
	if (c->texts)
		free(c->texts->loaded);
	free(c->texts);
	cindex_close(c->index);
	evidence_events_free(c->evidence_events);
	free(c->index_file);
	free(c->dir);
	free(c->manifest);
	free(c->title);
	diag_list_free(&c->diags);
	free(c);
}

static size_t id_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Puts article i in the id table (grown to keep it at most half full). */
static int index_article(struct corpus *c, size_t i)
{
	if (i >= UINT32_MAX - 1)
		return -1;
	if (2 * (c->narticles + 1) > c->id_nslots) {
		size_t n = c->id_nslots ? 2 * c->id_nslots : 64;
		while (n < 2 * (c->narticles + 1))
			n *= 2;
		uint32_t *slots = calloc(n, sizeof *slots);
		if (!slots)
			return -1;
		free(c->id_slots);
		c->id_slots = slots;
		c->id_nslots = n;
		for (size_t k = 0; k < c->narticles; k++)
			if (k != i) {
				size_t h = id_hash(c->articles[k].id) & (n - 1);
				while (slots[h])
					h = (h + 1) & (n - 1);
				slots[h] = (uint32_t)(k + 1);
			}
	}
	size_t h = id_hash(c->articles[i].id) & (c->id_nslots - 1);
	while (c->id_slots[h])
		h = (h + 1) & (c->id_nslots - 1);
	c->id_slots[h] = (uint32_t)(i + 1);
	return 0;
}

/* The note on a file decoded from another encoding (charset NULL: none). */
static void decoded_note(struct diag_list *diags, const char *path, const char *charset,
                         size_t bad)
{
	if (!charset)
		return;
	if (bad)
		diag_add(diags, DIAG_WARNING, path, 0,
		         "decoded from %s; %zu byte(s) not in %s, shown as U+FFFD", charset, bad,
		         charset);
	else
		diag_add(diags, DIAG_INFO, path, 0, "decoded from %s", charset);
}

/* Makes a file's bytes text: UTF-8 as they are; another encoding that
 * encoding_detect recognises decoded into UTF-8 (*buf replaced), with a note;
 * a file that is not text, or in an encoding too uncertain to decode,
 * refused (*buf freed). Fills *scan for the text, and *charset and
 * *undecodable for a decoded file (else NULL, 0). Returns 0, -1 when the
 * file is refused (reported), -2 when memory runs out. */
static int text_from_bytes(const char *path, char **buf, size_t *len, struct encoding_scan *scan,
                           struct diag_list *diags, const char **charset, size_t *undecodable)
{
	*charset = NULL;
	*undecodable = 0;
	struct encoding_guess g;
	encoding_detect(*buf, *len, &g);
	switch (g.verdict) {
	case ENCODING_UTF8:
		*scan = g.scan;
		return 0;
	case ENCODING_BINARY:
		diag_add(diags, DIAG_ERROR, path, 0, "not a text file%s%s%s; left out",
		         g.what ? " (" : "", g.what ? g.what : "", g.what ? ")" : "");
		break;
	case ENCODING_UNSURE:
		if (g.charset)
			diag_add(diags, DIAG_ERROR, path, 0,
			         "not UTF-8 (looks like %s, not surely enough to decode it); left out",
			         g.charset);
		else
			diag_add(diags, DIAG_ERROR, path, 0,
			         "not UTF-8, nor in an encoding tandem knows; left out");
		break;
	case ENCODING_DECODE: {
		char *u;
		size_t ulen, bad;
		if (encoding_to_utf8(*buf, *len, g.charset, &u, &ulen, &bad) != 0) {
			int e = errno;
			free(*buf);
			*buf = NULL;
			if (e == ENOMEM)
				return -2;
			diag_add(diags, DIAG_ERROR, path, 0, "cannot decode from %s: %s; left out",
			         g.charset, strerror(e));
			return -1;
		}
		free(*buf);
		*buf = u;
		*len = ulen;
		encoding_scan(u, ulen, scan);
		decoded_note(diags, path, g.charset, bad);
		*charset = g.charset;
		*undecodable = bad;
		return 0;
	}
	}
	free(*buf);
	*buf = NULL;
	return -1;
}

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* Stops using the index after an error, with one warning; when another
 * tandem keeps it locked, it is still read but not written. */
static void index_fail(struct corpus *c)
{
	char *file = c->dir ? c->dir : "";
	/* what it holds is no longer every article */
	free(c->index_file);
	c->index_file = NULL;
	if (cindex_locked(c->index) && !cindex_damaged(c->index)) {
		/* not about the corpus, nor anything to act on: --check says it */
		if (!c->index_nowrite)
			diag_add(&c->diags, DIAG_INFO, file, 0,
			         "%s: the index is being written by another tandem; not updated this time",
			         cindex_file(c->index));
		c->index_nowrite = 1;
		return;
	}
	if (cindex_damaged(c->index))
		diag_add(&c->diags, DIAG_WARNING, file, 0,
		         "%s: the index is damaged (%s); removed, to be rebuilt at the next start",
		         cindex_file(c->index), cindex_error(c->index));
	else
		diag_add(&c->diags, DIAG_WARNING, file, 0, "%s: the index: %s; it is not used",
		         cindex_file(c->index), cindex_error(c->index));
	cindex_close(c->index);
	c->index = NULL;
}

/* The index's entry for the file at path (stat in st) when it still
 * describes the file: same size, and the same modification time or, failing
 * that, the same content (then *buf holds the bytes read). NULL otherwise.
 * *failed when the file could not be read (reported). */
static struct cindex_entry *index_find(struct corpus *c, const char *path, const struct stat *st,
                                       char **buf, size_t *len, int *failed)
{
	struct cindex_entry e;
	int r = cindex_lookup(c->index, path + c->index_prefix, &e);
	if (r < 0)
		index_fail(c);
	if (r <= 0)
		return NULL;
	if (e.size != (long long)st->st_size) {
		cindex_entry_free(&e);
		return NULL;
	}
	if (e.mtime_ns != mtime_ns(st)) {
		/* touched, perhaps not changed: compare the bytes */
		if (read_file(path, buf, len, &c->diags) != 0) {
			*failed = 1;
			cindex_entry_free(&e);
			return NULL;
		}
		if (cindex_content_hash(*buf, *len) != e.hash) {
			cindex_entry_free(&e);
			return NULL;
		}
		/* (the entry has no blocks nor dates: only the time is written) */
		e.mtime_ns = mtime_ns(st);
		if (!c->index_nowrite && cindex_touch(c->index, path + c->index_prefix, e.mtime_ns) != 0)
			index_fail(c);
	}
	struct cindex_entry *h = malloc(sizeof *h);
	if (h)
		*h = e;
	else
		cindex_entry_free(&e);
	return h;
}

static void text_warnings(struct diag_list *diags, const char *path, size_t invalid,
                          size_t controls, int paragraph)
{
	if (invalid)
		diag_add(diags, DIAG_WARNING, path, 0,
		         "%zu invalid UTF-8 sequence(s), shown as U+FFFD", invalid);
	if (controls)
		diag_add(diags, DIAG_WARNING, path, 0,
		         "%zu control character(s), shown as visible symbols", controls);
	if (!paragraph)
		diag_add(diags, DIAG_WARNING, path, 0, "no paragraph of text");
}

/* Makes room for cap articles in all. 0, or -1 when memory runs out. */
static int reserve_articles(struct corpus *c, size_t cap)
{
	if (cap <= c->articles_cap)
		return 0;
	struct corpus_article *arr = realloc(c->articles, cap * sizeof *arr);
	if (!arr)
		return -1;
	c->articles = arr;
	c->articles_cap = cap;
	return 0;
}

/* Makes a new slot of c->articles for the file at path: from the index when
 * it knows the file unchanged (the text is not read), else read and parsed.
 * known: the file's stat taken just before, NULL: stat it here.
 * unchecked (a deferred load): the file is not looked at; the index's entry
 * is taken on trust (CORPUS_UNVERIFIED), and -3 is returned when it has
 * none (then the caller checks the file and asks again).
 * Returns the new index, -1 when the file cannot be used (reported), -2 when
 * memory runs out. */
static long add_article(struct corpus *c, const char *id, const char *path,
                        const struct stat *known, int unchecked)
{
	char *buf = NULL;
	size_t len = 0;
	struct stat st;
	/* stat before reading: a file changed after this is read again next time */
	int have_st;
	struct cindex_entry *hit = NULL;
	if (unchecked) {
		struct cindex_entry e;
		int r = cindex_lookup(c->index, path + c->index_prefix, &e);
		if (r < 0)
			index_fail(c);
		if (r <= 0)
			return -3;
		if (e.refused) {
			/* a file left out is looked at now: it may be text now */
			cindex_entry_free(&e);
			return -3;
		}
		if (!(hit = malloc(sizeof *hit))) {
			cindex_entry_free(&e);
			return -2;
		}
		*hit = e;
		memset(&st, 0, sizeof st);
		st.st_size = (off_t)e.size;
		st.st_mtim.tv_sec = (time_t)(e.mtime_ns / 1000000000LL);
		st.st_mtim.tv_nsec = (long)(e.mtime_ns % 1000000000LL);
		have_st = 1;
	} else if (known) {
		st = *known;
		have_st = S_ISREG(st.st_mode);
	} else {
		have_st = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	}
	int failed = 0;
	if (c->index && have_st && !unchecked)
		hit = index_find(c, path, &st, &buf, &len, &failed);
	if (failed)
		return -1;
	if (hit && hit->refused) {
		/* unchanged since it was left out: left out again, with the same
		 * message, unread */
		diag_add(&c->diags, DIAG_ERROR, path, 0, "%s", hit->refused);
		cindex_entry_free(hit);
		free(hit);
		free(buf);
		/* its row stays (prune_index) */
		char **l = realloc(c->left_out, (c->nleft_out + 1) * sizeof *l);
		if (!l || !(l[c->nleft_out] = strdup(path + c->index_prefix))) {
			if (l)
				c->left_out = l;
			return -2;
		}
		c->left_out = l;
		c->nleft_out++;
		return -1;
	}
	struct encoding_scan scan;
	uint64_t hash = 0;
	const char *charset = NULL;
	size_t undecodable = 0;
	/* a directory's load reads it later (not already read to compare):
	 * the reader's while it is used, the others' before the open returns,
	 * several at once (read_deferred) */
	int later = !hit && !buf && c->opts;
	if (!hit && !later) {
		if (!buf && read_file(path, &buf, &len, &c->diags) != 0)
			return -1;
		/* the hash of the file's bytes, before any decoding */
		hash = cindex_content_hash(buf, len);
		int t = text_from_bytes(path, &buf, &len, &scan, &c->diags, &charset, &undecodable);
		if (t != 0)
			return t;
	}
	/* capacity doubles (a manifest reserves its count first) */
	size_t n = c->narticles;
	if (n == c->articles_cap && reserve_articles(c, n < 4 ? 4 : 2 * n) != 0) {
		free(buf);
		if (hit) {
			cindex_entry_free(hit);
			free(hit);
		}
		return -2;
	}
	struct corpus_article *a = &c->articles[c->narticles];
	memset(a, 0, sizeof *a);
	a->event = -1;
	a->texts = c->texts;
	a->size = have_st ? (long long)st.st_size : -1;
	a->mtime_ns = have_st ? mtime_ns(&st) : -1;
	a->pending = hit;
	a->id = strdup(id);
	a->path = strdup(path);
	int r = (!a->id || !a->path) ? -1 : 0;
	if (r == 0 && hit) {
		free(buf);
		a->hash = hit->hash;
		decoded_note(&c->diags, path, hit->charset, hit->undecodable);
		text_warnings(&c->diags, path, hit->invalid_utf8, hit->controls, hit->has_paragraph);
		if (unchecked) {
			a->unparsed = CORPUS_UNVERIFIED;
			c->verify_left++;
		}
	} else if (r == 0 && later) {
		a->unparsed = CORPUS_UNPARSED;
		c->load_left++;
	} else if (r == 0) {
		a->hash = hash;
		a->charset = charset;
		a->undecodable = undecodable;
		r = new_text(a);
		if (r == 0)
			r = article_parse_scanned(buf, len, &scan, a->text);
		free(buf);
		if (r == 0)
			text_warnings(&c->diags, path, a->text->invalid_utf8, a->text->controls,
			              first_block(a->text, BLOCK_PARAGRAPH) >= 0);
	} else {
		free(buf);
	}
	if (r != 0 || index_article(c, c->narticles) != 0) {
		article_free(a);
		return -2;
	}
	return (long)c->narticles++;
}

/* A hash of what detection starts from: the id and the fields the manifest
 * gave. The index's fields are good only for the same start. */
static uint64_t detect_inputs(const struct corpus_article *a)
{
	uint64_t h = CINDEX_HASH_INIT;
	const char *f[] = {a->id, a->lang, a->source, a->title};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		h = f[i] ? cindex_hash(h, f[i], strlen(f[i]) + 1) : cindex_hash(h, "\1", 1);
	int d[3] = {a->date.y, a->date.m, a->date.d};
	return cindex_hash(h, d, sizeof d);
}

/* Reads and parses an article's file into a->text (which is NULL).
 * Returns 0; 1 when the file cannot be read (reported; the text is then
 * empty); -1 when memory runs out. */
static int read_text(struct corpus_article *a, struct diag_list *diags)
{
	char *buf;
	size_t len;
	struct stat st;
	int have_st = stat(a->path, &st) == 0;
	if (new_text(a) != 0)
		return -1;
	if (read_file(a->path, &buf, &len, diags) != 0) {
		a->index_id = 0; /* what the index keeps is of a text no longer there */
		return article_parse("", 0, a->text) == 0 ? 1 : -1;
	}
	uint64_t h = cindex_content_hash(buf, len);
	/* decoded as when it was loaded; the notes were given then */
	struct diag_list notes = {0};
	struct encoding_scan scan;
	const char *charset;
	size_t undecodable;
	int t = text_from_bytes(a->path, &buf, &len, &scan, &notes, &charset, &undecodable);
	diag_list_free(&notes);
	if (t == -2)
		return -1;
	if (t == -1) { /* no longer text: buf is freed */
		a->index_id = 0;
		return article_parse("", 0, a->text) == 0 ? 1 : -1;
	}
	int r = article_parse_scanned(buf, len, &scan, a->text);
	free(buf);
	if (r == 0 && h != a->hash) {
		/* changed since it was indexed: the dates it mentions too */
		struct date_mention *m = NULL;
		size_t nm = 0;
		if (dates_find_ordered(a->text->raw, a->text->raw_len, &a->date, dates_order_of(a->lang),
		                       &m, &nm) != 0)
			return -1;
		free(a->dates);
		a->dates = m;
		a->ndates = nm;
		a->days_first = a->days_last = 0; /* the dates are here */
		a->hash = h;
		/* what the index keeps under its id (searchable text, facts,
		 * links) is of the old text: search and evidence read this one */
		a->index_id = 0;
	}
	if (have_st) {
		a->size = (long long)st.st_size;
		a->mtime_ns = mtime_ns(&st);
	}
	return r;
}

static void drop_text(struct corpus_article *a)
{
	if (a->text) {
		article_text_free(a->text);
		free(a->text);
		a->text = NULL;
	}
}

/* Moves the article's strings into one allocation (a->id its start), once
 * they are final: one block an article instead of six. Left as they are
 * when memory runs out. */
static void pack_strings(struct corpus_article *a)
{
	char **f[] = {&a->id, &a->path, &a->lang, &a->source, &a->group, &a->title};
	size_t len[sizeof f / sizeof *f], total = 0;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		len[i] = *f[i] ? strlen(*f[i]) + 1 : 0;
		total += len[i];
	}
	char *block = malloc(total), *p = block;
	if (!block)
		return;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		if (!*f[i])
			continue;
		memcpy(p, *f[i], len[i]);
		free(*f[i]);
		*f[i] = p;
		p += len[i];
	}
	a->packed = 1;
}

/* The fields the manifest left out, detected in a->text, and the dates it
 * mentions found again. Touches the article alone (the reading threads run
 * it). 0, or -1 when memory runs out. */
static int detect_fields(struct corpus_article *a)
{
	free(a->dates);
	a->dates = NULL;
	a->ndates = 0;
	a->days_first = a->days_last = 0;
	return detect_missing(a);
}

/* Whether the article's row goes to the index with its folded text (not
 * when its file could not be read: unread). */
static int index_takes_text(const struct corpus *c, const struct corpus_article *a, int unread)
{
	return c->index && !unread && a->size >= 0 && !c->index_nowrite && a->text;
}

/* What the index keeps beside an article's row: its facts, and its
 * evidence links when the corpus has events (empty blobs: not known). */
struct extras {
	struct blob facts, links;
};

/* The extras of article k, whose text and dates are in hand (a->text,
 * a->dates, as a load has them): found with the article's date as it is
 * now, which the index keeps with them (an article whose date is inferred
 * later, from its events, finds them again). Touches article k alone
 * (the reading threads run it). 0, or -1 when memory runs out. */
static int find_extras(const struct corpus *c, const struct evidence_events *ev, size_t k,
                       struct extras *x)
{
	const struct corpus_article *a = &c->articles[k];
	struct fact_list fl;
	if (facts_of_text(a->text, a->dates, a->ndates, &fl) != 0)
		return -1;
	facts_pack(&fl, &a->date, &x->facts);
	facts_free(&fl);
	if (ev) {
		struct evidence_list el;
		if (evidence_of_article(ev, k, a->text, a->dates, a->ndates, &el) != 0)
			return -1;
		evidence_pack(&el, c, &a->date, &x->links);
		evidence_free(&el);
	}
	return x->facts.failed || x->links.failed ? -1 : 0;
}

static void extras_free(struct extras *x)
{
	blob_free(&x->facts);
	blob_free(&x->links);
}

/* The corpus's events as evidence looks for them, made once for the
 * articles a load writes to the index (before any reading thread starts);
 * NULL when there are no events (or memory ran out: no links then). */
static const struct evidence_events *events_for_index(struct corpus *c)
{
	if (!c->nevents || !c->index || c->index_nowrite)
		return NULL;
	if (!c->evidence_events)
		c->evidence_events = evidence_events_new(c);
	return c->evidence_events;
}

/* Writes the article's row to the index, its folded text body (from
 * search_fold_body) with it; when it cannot be written, the index is no
 * longer used for search (it does not hold every article). inputs: the
 * detect_inputs of the article before detection. */
static void index_write(struct corpus *c, struct corpus_article *a, uint64_t inputs, int unread,
                        const char *body, size_t body_len, const struct extras *x)
{
	if (!c->index)
		return;
	if (unread) {
		/* an empty text: no hit to miss; whatever the index has of the
		 * file before is not taken for it */
		a->index_id = 0;
		return;
	}
	if (!index_takes_text(c, a, unread)) {
		/* its row, and its searchable text there, are not this article's */
		free(c->index_file);
		c->index_file = NULL;
		return;
	}
	struct cindex_entry w = {
	    .size = a->size, .mtime_ns = a->mtime_ns, .hash = a->hash, .inputs = inputs,
	    .lang = a->lang, .source = a->source, .title = a->title, .date = a->date,
	    .detected = a->detected, .dates = a->dates, .ndates = a->ndates,
	    .blocks = a->text->blocks, .nblocks = a->text->nblocks,
	    .invalid_utf8 = a->text->invalid_utf8, .controls = a->text->controls,
	    .charset = (char *)a->charset, .undecodable = a->undecodable,
	    .body = body, .body_len = body_len};
	if (x->facts.len && !x->facts.failed) {
		w.facts = x->facts.data;
		w.facts_len = x->facts.len;
	}
	if (x->links.len && !x->links.failed) {
		w.links = x->links.data;
		w.links_len = x->links.len;
		w.events = c->events_hash;
	}
	if (cindex_put(c->index, a->path + c->index_prefix, &w) != 0)
		index_fail(c);
	else if (cindex_last_id(c->index) <= UINT32_MAX)
		a->index_id = (uint32_t)cindex_last_id(c->index);
}

/* Remembers in the index that the file is left out, and why (the message
 * its load gave), so that the next load leaves it out without reading it
 * while it is unchanged. */
static void index_refuse(struct corpus *c, struct corpus_article *a, const char *why)
{
	a->index_id = 0;
	if (!c->index || c->index_nowrite || a->size < 0)
		return;
	struct cindex_entry w = {.size = a->size, .mtime_ns = a->mtime_ns, .hash = a->hash,
	                         .lang = "und", .title = a->id, .refused = (char *)why};
	if (cindex_put(c->index, a->path + c->index_prefix, &w) != 0)
		index_fail(c);
}

/* Fills what the manifest did not give, from the index when it has the
 * article for the same inputs, else from the text (then written to the
 * index); the text is not kept. An article a deferred load has not read
 * gets placeholders (its id as title, "und") until corpus_load_step. */
static int fill_article(struct corpus *c, struct corpus_article *a)
{
	if (a->unparsed & CORPUS_UNPARSED) {
		if (!a->title) {
			if (!(a->title = strdup(a->id)))
				return -1;
			a->unparsed |= CORPUS_PLACEHOLDER_TITLE;
		}
		if (!a->lang) {
			if (!(a->lang = strdup("und")))
				return -1;
			a->unparsed |= CORPUS_PLACEHOLDER_LANG;
		}
		return 0;
	}
	uint64_t inputs = detect_inputs(a);
	struct cindex_entry *e = a->pending;
	a->pending = NULL;
	if (e && e->inputs == inputs) {
		if (!a->lang) {
			a->lang = e->lang;
			e->lang = NULL;
		}
		if (!a->source) {
			a->source = e->source;
			e->source = NULL;
		}
		if (!a->title) {
			a->title = e->title;
			e->title = NULL;
		}
		if (a->date.y == 0)
			a->date = e->date;
		a->detected |= e->detected;
		a->index_id = e->id > 0 && e->id <= UINT32_MAX ? (uint32_t)e->id : 0;
		/* the dates themselves are found again when asked for; the days
		 * they span are known now */
		a->ndates = e->ndates;
		if (e->days_first <= e->days_last && e->days_first > -CORPUS_DAYS_BIAS &&
		    e->days_last < CORPUS_DAYS_BIAS) {
			a->days_first = (int32_t)(e->days_first + CORPUS_DAYS_BIAS);
			a->days_last = (int32_t)(e->days_last + CORPUS_DAYS_BIAS);
		}
		cindex_entry_free(e);
		free(e);
		pack_strings(a);
		return 0;
	}
	int unread = 0;
	if (e) {
		cindex_entry_free(e);
		free(e);
		if ((unread = read_text(a, &c->diags)) < 0)
			return -1;
	}
	if (detect_fields(a) != 0)
		return -1;
	char *body = NULL;
	size_t body_len = 0;
	struct extras x = {0};
	if (index_takes_text(c, a, unread) &&
	    (search_fold_body(a->title, a->text, &body, &body_len) != 0 ||
	     find_extras(c, events_for_index(c), (size_t)(a - c->articles), &x) != 0)) {
		free(body);
		extras_free(&x);
		return -1;
	}
	index_write(c, a, inputs, unread, body, body_len, &x);
	free(body);
	extras_free(&x);
	/* only their number is held: corpus_article_dates finds them again */
	free(a->dates);
	a->dates = NULL;
	drop_text(a);
	pack_strings(a);
	return 0;
}

/* Reports progress after the done-th of c->load_total articles. */
static void progress(const struct corpus *c, size_t done)
{
	const struct corpus_opts *o = c->opts;
	if (o && o->progress && (done % CORPUS_PROGRESS_STEP == 0 || done == c->load_total))
		o->progress(o->progress_arg, done, c->load_total);
}

/* n with a comma between thousands ("10,000") into buf (32 bytes). */
static const char *thousands(size_t n, char *buf)
{
	char d[32];
	int k = snprintf(d, sizeof d, "%zu", n), j = 0;
	for (int i = 0; i < k; i++) {
		if (i && (k - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = d[i];
	}
	buf[j] = 0;
	return buf;
}

char *corpus_progress_text(char *buf, size_t size, const char *what, size_t done, size_t total)
{
	char a[32], b[32];
	snprintf(buf, size, "%s %s / %s", what, thousands(done, a), thousands(total, b));
	return buf;
}

/* The file name without directory and extension: the id of a plain file. */
static char *id_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	/* An id is printed (--list, the status line) and typed (--open,
	 * --compare A,B): keep letters, digits, '.', '-' and '_' of the name,
	 * in any script, and make everything else '_' — a control character
	 * in a file name must not reach the terminal, nor a comma split an id. */
	char *id = malloc(n + 1);
	if (!id)
		return NULL;
	const uint8_t *s = (const uint8_t *)base;
	size_t i = 0, k = 0;
	while (i < n) {
		ucs4_t c;
		int len = u8_mbtoucr(&c, s + i, n - i);
		if (len > 0 && (uc_is_alnum(c) || c == '.' || c == '-' || c == '_')) {
			memcpy(id + k, s + i, (size_t)len);
			k += (size_t)len;
			i += (size_t)len;
		} else {
			id[k++] = '_';
			i += len > 0 ? (size_t)len : 1;
		}
	}
	id[k] = 0;
	return id;
}

long corpus_find_article(const struct corpus *c, const char *id)
{
	if (!c->id_nslots)
		return -1;
	size_t h = id_hash(id) & (c->id_nslots - 1);
	for (; c->id_slots[h]; h = (h + 1) & (c->id_nslots - 1))
		if (!strcmp(c->articles[c->id_slots[h] - 1].id, id))
			return (long)(c->id_slots[h] - 1);
	return -1;
}

const char *corpus_index_ready(const struct corpus *c)
{
	return c->load_left || c->verify_left ? NULL : c->index_file;
}

long corpus_find_event(const struct corpus *c, const char *id)
{
	for (size_t i = 0; i < c->nevents; i++)
		if (!strcmp(c->events[i].id, id))
			return (long)i;
	return -1;
}

static struct corpus *corpus_new(void)
{
	struct corpus *c = calloc(1, sizeof(struct corpus));
	if (!c)
		return NULL;
	if (!(c->texts = calloc(1, sizeof *c->texts))) {
		free(c);
		return NULL;
	}
	c->texts->diags = &c->diags;
	return c;
}

/* Takes a loaded article off the list. */
static void texts_remove(struct corpus_texts *tx, size_t k)
{
	tx->loaded[k] = tx->loaded[--tx->nloaded];
}

/* Drops the least recently used unpinned text while more than
 * CORPUS_TEXTS_KEPT unpinned texts are loaded. */
static void texts_trim(struct corpus_texts *tx)
{
	for (;;) {
		size_t unpinned = 0, oldest = SIZE_MAX;
		for (size_t k = 0; k < tx->nloaded; k++)
			if (!tx->loaded[k]->pins) {
				unpinned++;
				if (oldest == SIZE_MAX || tx->loaded[k]->used < tx->loaded[oldest]->used)
					oldest = k;
			}
		if (unpinned <= CORPUS_TEXTS_KEPT)
			return;
		drop_text(tx->loaded[oldest]);
		texts_remove(tx, oldest);
	}
}

/* True when the article's file is not what was read (size or mtime). */
static int changed_on_disk(const struct corpus_article *a)
{
	struct stat st;
	if (stat(a->path, &st) != 0)
		return 1;
	return (long long)st.st_size != a->size || mtime_ns(&st) != a->mtime_ns;
}

static const struct article_text *load_text(struct corpus_article *a, int fresh)
{
	static const struct article_text empty = {(char *)"", 0, NULL, 0, 0, 0, 0};
	struct corpus_texts *tx = a->texts;
	if (!tx)
		return a->text ? a->text : &empty;
	if (a->unparsed & CORPUS_UNREADABLE) /* reported when found */
		return &empty;
	if (a->text && fresh && !a->pins && changed_on_disk(a)) {
		for (size_t k = 0; k < tx->nloaded; k++)
			if (tx->loaded[k] == a) {
				texts_remove(tx, k);
				break;
			}
		drop_text(a);
	}
	a->used = ++tx->tick;
	if (a->text)
		return a->text;
	if (tx->nloaded == tx->cap) {
		size_t cap = tx->cap ? 2 * tx->cap : CORPUS_TEXTS_KEPT + 8;
		struct corpus_article **l = realloc(tx->loaded, cap * sizeof *l);
		if (!l)
			return &empty;
		tx->loaded = l;
		tx->cap = cap;
	}
	if (read_text(a, tx->diags) < 0) {
		drop_text(a);
		return &empty;
	}
	tx->loaded[tx->nloaded++] = a;
	texts_trim(tx);
	return a->text;
}

const struct article_text *corpus_article_text(const struct corpus_article *a)
{
	/* every article lives in a corpus's array (not const) or is the
	 * caller's own: the cache it keeps is no part of the corpus's value */
	return load_text((struct corpus_article *)a, 0);
}

const struct date_mention *corpus_article_dates(const struct corpus_article *a)
{
	struct corpus_article *m = (struct corpus_article *)a; /* as corpus_article_text */
	/* (the number of an article a deferred load has not read is not
	 * known: its text is looked at) */
	if (m->dates || (m->ndates == 0 && !(m->unparsed & CORPUS_UNPARSED)))
		return m->dates;
	const struct article_text *t = corpus_article_text(a);
	if (m->dates) /* read again, changed on disk: found then */
		return m->dates;
	/* as when the article was loaded: against its own date, not one
	 * inferred from its events */
	struct date_ymd ctx = a->date;
	if (a->detected & CORPUS_INFERRED_DATE)
		ctx = (struct date_ymd){0, 0, 0};
	struct date_mention *d = NULL;
	size_t n = 0;
	if (dates_find_ordered(t->raw, t->raw_len, &ctx, dates_order_of(a->lang), &d, &n) != 0)
		return NULL;
	m->dates = d;
	m->ndates = n;
	return d;
}

const struct article_text *corpus_article_pin(const struct corpus_article *a)
{
	struct corpus_article *m = (struct corpus_article *)a;
	const struct article_text *t = load_text(m, 1);
	if (m->texts && t == m->text)
		m->pins++;
	return t;
}

const struct article_block *corpus_article_block(const struct corpus_article *a, size_t block,
                                                 size_t end)
{
	const struct article_text *t = corpus_article_text(a);
	if (block >= t->nblocks || t->blocks[block].len < end)
		return NULL;
	return &t->blocks[block];
}

void corpus_article_unpin(const struct corpus_article *a)
{
	struct corpus_article *m = (struct corpus_article *)a;
	if (m->texts && m->pins) {
		m->pins--;
		texts_trim(m->texts);
	}
}

/* Adds plain files (no manifest) with ids from their names. */
static int add_plain_files(struct corpus *c, char *const *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *id = id_from_path(files[i]);
		if (!id)
			return -1;
		if (corpus_find_article(c, id) >= 0) {
			/* two files with one name in different directories */
			char *alt = malloc(strlen(id) + 24);
			if (!alt) {
				free(id);
				return -1;
			}
			for (unsigned k = 2;; k++) {
				sprintf(alt, "%s-%u", id, k);
				if (corpus_find_article(c, alt) < 0)
					break;
			}
			diag_add(&c->diags, DIAG_WARNING, files[i], 0,
			         "another article is already called '%s'; this one is '%s'", id, alt);
			free(id);
			id = alt;
		}
		long k = c->defer_stat && c->index ? add_article(c, id, files[i], NULL, 1) : -3;
		if (k == -3)
			k = add_article(c, id, files[i], NULL, 0);
		free(id);
		if (k == -2)
			return -1;
		if (k >= 0 && fill_article(c, &c->articles[k]) != 0)
			return -1;
		if (!c->load_left) /* else given as they are read (read_deferred) */
			progress(c, i + 1);
	}
	return 0;
}

static int has_txt_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".txt") && name[0] != '.';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int inside_dir(const char *dir, const char *path);

/* Every *.txt of a directory with no manifest. A symbolic link leading out
 * of the directory is left out, as when a manifest names it. */
static int load_plain_dir(struct corpus *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		diag_add(&c->diags, DIAG_ERROR, dir, 0, "cannot open directory: %s", strerror(errno));
		return 0;
	}
	char **names = NULL;
	size_t n = 0, refused = 0;
	int r = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!has_txt_suffix(e->d_name))
			continue;
		char **nn = realloc(names, (n + 1) * sizeof *nn);
		if (!nn || !(nn[n] = join_path(dir, e->d_name))) {
			if (nn)
				names = nn;
			r = -1;
			break;
		}
		names = nn;
		/* a name that cannot be resolved (a dangling link) is reported
		 * when it is opened; a regular file (no link) is inside */
		if (e->d_type != DT_REG && inside_dir(dir, names[n]) == 0) {
			diag_add(&c->diags, DIAG_ERROR, names[n], 0,
			         "leads outside the corpus directory (a symbolic link); left out");
			free(names[n]);
			refused++;
			continue;
		}
		n++;
	}
	closedir(d);
	if (r == 0) {
		if (n == 0 && refused == 0)
			diag_add(&c->diags, DIAG_ERROR, dir, 0,
			         "no %s and no *.txt article in this directory", CORPUS_MANIFEST);
		else
			qsort(names, n, sizeof *names, cmp_str); /* names is NULL when n == 0 */
		c->load_total = n;
		r = add_plain_files(c, names, n);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

/* True when `path` resolves to a place inside directory `dir`. */
static int inside_dir(const char *dir, const char *path)
{
	char rd[PATH_MAX], rp[PATH_MAX];
	if (!realpath(dir, rd) || !realpath(path, rp))
		return -1;
	size_t n = strlen(rd);
	return strncmp(rd, rp, n) == 0 && (rp[n] == '/' || (n == 1 && rd[0] == '/'));
}

/* inside_dir for the file `name` of a manifest, without resolving every
 * path when the name has no '/' and its entry is a regular file (no link):
 * then it is inside. dfd: the directory, for looking the name up in it
 * alone (-1: the whole path is looked up). *st: the file's stat
 * (following links), *have_st 0 when it could not be taken. */
static int manifest_file_inside(int dfd, const char *dir, const char *name, const char *path,
                                struct stat *st, int *have_st)
{
	if (!strchr(name, '/') &&
	    (dfd >= 0 ? fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW) : lstat(path, st)) == 0 &&
	    S_ISREG(st->st_mode)) {
		*have_st = 1; /* no link: lstat is stat */
		return 1;
	}
	int in = inside_dir(dir, path);
	*have_st = in > 0 && stat(path, st) == 0;
	return in;
}

static int copy_events(struct corpus *c, const struct manifest *m)
{
	if (m->nevents == 0)
		return 0;
	c->events = calloc(m->nevents, sizeof *c->events);
	if (!c->events)
		return -1;
	for (size_t i = 0; i < m->nevents; i++) {
		const struct manifest_event *me = &m->events[i];
		struct corpus_event *e = &c->events[c->nevents++];
		e->date = me->date;
		e->manifest_line = me->line;
		e->id = strdup(me->id);
		if (!e->id || (me->time && !(e->time = strdup(me->time))) ||
		    (me->place && !(e->place = strdup(me->place))) ||
		    (me->title && !(e->title = strdup(me->title))))
			return -1;
		if (me->date.y == 0)
			diag_add(&c->diags, DIAG_WARNING, m->path, me->line,
			         "[event %s]: no date; it goes at the end of the timeline", me->id);
		if (!me->title && me->ntitles == 0)
			diag_add(&c->diags, DIAG_WARNING, m->path, me->line,
			         "[event %s]: no title; the id is shown instead", me->id);
		if (me->ntitles) {
			e->titles = calloc(me->ntitles, sizeof *e->titles);
			if (!e->titles)
				return -1;
			for (size_t j = 0; j < me->ntitles; j++) {
				memcpy(e->titles[j].lang, me->titles[j].lang, sizeof e->titles[j].lang);
				if (!(e->titles[j].text = strdup(me->titles[j].text)))
					return -1;
				e->ntitles++;
			}
		}
		if (me->nkeywords) {
			e->keywords = calloc(me->nkeywords, sizeof *e->keywords);
			if (!e->keywords)
				return -1;
			for (size_t j = 0; j < me->nkeywords; j++) {
				memcpy(e->keywords[j].lang, me->keywords[j].lang, sizeof e->keywords[j].lang);
				if (!(e->keywords[j].text = strdup(me->keywords[j].text)))
					return -1;
				e->nkeywords++;
			}
		}
	}
	return 0;
}

/* Appends an article to an event's list. Articles come in increasing
 * order within each pass of index_events, so a repeat is the last one. */
static int event_add_article(struct corpus_event *e, size_t article)
{
	size_t n = e->narticles;
	if (n && e->articles[n - 1] == article)
		return 0;
	if (n < 4 || !(n & (n - 1))) {
		size_t cap = n < 4 ? 4 : 2 * n;
		size_t *arr = realloc(e->articles, cap * sizeof *arr);
		if (!arr)
			return -1;
		e->articles = arr;
	}
	e->articles[e->narticles++] = article;
	return 0;
}

/* Resolves an article's `event` and `mentions` ids to event indices through
 * the manifest's id index: c->events are still in manifest order here (they
 * are put in timeline order later), so its indices are theirs. */
static int link_events(struct corpus *c, const struct manifest *m,
                       const struct manifest_article *ma, size_t ai)
{
	struct corpus_article *a = &c->articles[ai];
	if (ma->event) {
		long e = manifest_find_event(m, ma->event);
		if (e < 0)
			diag_add(&c->diags, DIAG_ERROR, m->path, ma->line,
			         "[article %s]: event '%s' is not defined", a->id, ma->event);
		else
			a->event = e;
	}
	if (ma->mentions) {
		char *list = strdup(ma->mentions), *save = NULL;
		if (!list)
			return -1;
		for (char *tok = strtok_r(list, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
			long e = manifest_find_event(m, tok);
			if (e < 0) {
				diag_add(&c->diags, DIAG_ERROR, m->path, ma->line,
				         "[article %s]: mentioned event '%s' is not defined", a->id, tok);
				continue;
			}
			if (e == a->event)
				continue;
			long *arr = realloc(a->mentions, (a->nmentions + 1) * sizeof *arr);
			if (!arr) {
				free(list);
				return -1;
			}
			a->mentions = arr;
			a->mentions[a->nmentions++] = e;
		}
		free(list);
	}
	return 0;
}

/* Adds the manifest's article ma, its file at path checked first: inside
 * the directory, not a directory. add_article's return, -1 also when the
 * file is refused (reported). */
static long add_manifest_file(struct corpus *c, const struct manifest *m,
                              const struct manifest_article *ma, const char *dir, int dfd,
                              const char *path)
{
	struct stat st;
	int have_st;
	int in = manifest_file_inside(dfd, dir, ma->file, path, &st, &have_st);
	if (in == 0) {
		diag_add(&c->diags, DIAG_ERROR, m->path, ma->file_line,
		         "[article %s]: file '%s' leads outside the corpus directory; "
		         "article left out", ma->id, ma->file);
		return -1;
	}
	if (in < 0) {
		diag_add(&c->diags, DIAG_ERROR, m->path, ma->file_line,
		         "[article %s]: file '%s': %s; article left out", ma->id, ma->file,
		         strerror(errno));
		return -1;
	}
	if (have_st && S_ISDIR(st.st_mode)) {
		diag_add(&c->diags, DIAG_ERROR, m->path, ma->file_line,
		         "[article %s]: file '%s' is a directory, not a file; article left out",
		         ma->id, ma->file);
		return -1;
	}
	return add_article(c, ma->id, path, have_st ? &st : NULL, 0);
}

/* cindex_manifest's use: the record read into the manifest. */
struct manifest_read {
	struct corpus *c;
	struct manifest *m;
};

static int take_manifest(void *arg, const void *data, size_t len)
{
	struct manifest_read *mr = arg;
	return manifest_unpack(data, len, mr->c->manifest, mr->m, &mr->c->diags);
}

/* Reads the corpus's manifest into *m: from the index when it keeps the
 * record of this file (its size and modification time), else from the
 * file, the record then written to the index. 0, or -1 when the file
 * cannot be read (reported). */
static int read_manifest(struct corpus *c, struct manifest *m)
{
	struct stat st;
	int have_st = stat(c->manifest, &st) == 0 && S_ISREG(st.st_mode);
	struct manifest_read mr = {c, m};
	if (c->index && have_st) {
		int r = cindex_manifest(c->index, (long long)st.st_size, mtime_ns(&st), take_manifest, &mr);
		if (r == 1)
			return 0;
		if (r < 0 && cindex_damaged(c->index))
			index_fail(c);
	}
	size_t first = c->diags.n;
	if (manifest_load(c->manifest, m, &c->diags) != 0)
		return -1;
	if (c->index && !c->index_nowrite && have_st && c->diags.n >= first) {
		struct blob b = {0};
		manifest_pack(m, c->diags.items + first, c->diags.n - first, &b);
		if (!b.failed &&
		    cindex_put_manifest(c->index, (long long)st.st_size, mtime_ns(&st), b.data, b.len) != 0)
			index_fail(c);
		blob_free(&b);
	}
	return 0;
}

static int load_manifest(struct corpus *c, const char *dir)
{
	struct manifest m;
	if (read_manifest(c, &m) != 0) {
		manifest_free(&m);
		return 0; /* reported */
	}
	/* the ids are freed as the articles take theirs */
	manifest_release_article_ids(&m);
	int r = -1, dfd = -1;
	if (m.title && !(c->title = strdup(m.title)))
		goto out;
	if (copy_events(c, &m) != 0)
		goto out;
	c->events_hash = evidence_events_hash(c);
	if (m.narticles == 0)
		diag_add(&c->diags, DIAG_ERROR, m.path, 0, "no [article ID] section");
	c->load_total = m.narticles;
	if (reserve_articles(c, m.narticles) != 0)
		goto out;
	/* each file's name looked up in the directory, not its whole path
	 * (the directory opened as opendir does; -1: whole paths) */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t i = 0; i < m.narticles; i++) {
		struct manifest_article *ma = &m.articles[i];
		if (i && !c->load_left) /* else given as they are read */
			progress(c, i);
		if (!ma->file) {
			if (!ma->file_line) /* else its value was refused, and reported */
				diag_add(&c->diags, DIAG_ERROR, m.path, ma->line,
				         "[article %s]: no 'file' key; article left out", ma->id);
			continue;
		}
		if (ma->file[0] == '/') {
			diag_add(&c->diags, DIAG_ERROR, m.path, ma->file_line,
			         "[article %s]: file '%s' must be relative to the corpus directory; "
			         "article left out", ma->id, ma->file);
			continue;
		}
		char *path = join_path(dir, ma->file);
		if (!path)
			goto out;
		/* a deferred load takes what the index says on trust */
		long k = c->defer_stat && c->index ? add_article(c, ma->id, path, NULL, 1) : -3;
		if (k == -3)
			k = add_manifest_file(c, &m, ma, dir, dfd, path);
		free(path);
		if (k == -2)
			goto out;
		if (k < 0)
			continue;
		struct corpus_article *a = &c->articles[k];
		a->manifest_line = ma->line;
		a->date = ma->date;
		/* the manifest's strings are taken, not copied: it is freed after
		 * the load, and a large one should not be held twice meanwhile */
		a->lang = ma->lang;
		a->source = ma->source;
		a->group = ma->group;
		a->title = ma->title;
		ma->lang = ma->source = ma->group = ma->title = NULL;
		a->dir = !ma->dir || !strcmp(ma->dir, "auto") ? BIDI_AUTO
		       : !strcmp(ma->dir, "rtl")              ? BIDI_RTL
		                                              : BIDI_LTR;
		if (fill_article(c, a) != 0 || link_events(c, &m, ma, (size_t)k) != 0)
			goto out;
		/* what is left of the manifest's article is not needed again:
		 * freed now, a large manifest is not held beside the articles */
		free(ma->id);
		free(ma->file);
		free(ma->event);
		free(ma->mentions);
		free(ma->dir);
		ma->id = ma->file = ma->event = ma->mentions = ma->dir = NULL;
	}
	if (m.narticles)
		if (!c->load_left)
			progress(c, m.narticles);
	r = 0;
out:
	if (dfd >= 0)
		close(dfd);
	manifest_free(&m);
	return r;
}

/* Fills each event's list of reporting articles (main event first). */
static int index_events(struct corpus *c)
{
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->narticles; i++) {
			const struct corpus_article *a = &c->articles[i];
			if (pass == 0 && a->event >= 0 &&
			    event_add_article(&c->events[a->event], i) != 0)
				return -1;
			if (pass == 1)
				for (size_t k = 0; k < a->nmentions; k++)
					if (a->mentions[k] != a->event &&
					    event_add_article(&c->events[a->mentions[k]], i) != 0)
						return -1;
		}
	for (size_t e = 0; e < c->nevents; e++)
		if (c->events[e].narticles == 0)
			diag_add(&c->diags, DIAG_WARNING, c->manifest ? c->manifest : "", c->events[e].manifest_line,
			         "[event %s]: no article reports it", c->events[e].id);
	return 0;
}

/* An article with no date of its own takes the date of the earliest dated
 * event it reports (main event or mention), marked as inferred. */
static void infer_dates(struct corpus *c)
{
	for (size_t i = 0; i < c->narticles; i++) {
		struct corpus_article *a = &c->articles[i];
		if (a->date.y || (a->unparsed & CORPUS_UNPARSED))
			continue;
		const struct date_ymd *best = NULL;
		for (size_t k = 0; k <= a->nmentions; k++) {
			long ev = k == a->nmentions ? a->event : a->mentions[k];
			if (ev < 0 || !c->events[ev].date.y)
				continue;
			if (!best || dates_compare(&c->events[ev].date, best) < 0)
				best = &c->events[ev].date;
		}
		if (best) {
			a->date = *best;
			a->detected |= CORPUS_INFERRED_DATE;
		}
	}
}

/* Forgets the index's rows of files no longer in the corpus (removed,
 * renamed, or left out of the manifest), when there are any. */
static int prune_index(struct corpus *c)
{
	if (c->index_nowrite)
		return 0;
	long rows = cindex_count(c->index);
	if (rows < 0) {
		index_fail(c);
		return 0;
	}
	size_t n = c->narticles + c->nleft_out;
	if ((size_t)rows <= n)
		return 0;
	const char **paths = malloc((n + 1) * sizeof *paths);
	if (!paths)
		return -1;
	for (size_t i = 0; i < c->narticles; i++)
		paths[i] = c->articles[i].path + c->index_prefix;
	for (size_t i = 0; i < c->nleft_out; i++) /* files left out, still there */
		paths[c->narticles + i] = c->left_out[i];
	if (cindex_prune(c->index, paths, n) != 0)
		index_fail(c);
	free(paths);
	return 0;
}

/* After the last article is read: the index forgets files gone, is
 * written and closed. 0, or -1 when memory runs out. */
static int complete_load(struct corpus *c)
{
	if (!c->index)
		return 0;
	if (prune_index(c) != 0)
		return -1;
	if (c->index && cindex_flush(c->index) != 0)
		index_fail(c);
	cindex_close(c->index);
	c->index = NULL;
	evidence_events_free(c->evidence_events);
	c->evidence_events = NULL;
	return 0;
}

/* Keeps a string a step replaces until corpus_free: pages, labels and
 * lists made meanwhile may point to it. When memory runs out it is left
 * unfreed rather than freed under them. */
static void retire(struct corpus *c, char *s)
{
	if (!s)
		return;
	if (c->nretired == c->retired_cap) {
		size_t cap = c->retired_cap ? 2 * c->retired_cap : 64;
		char **r = realloc(c->retired, cap * sizeof *r);
		if (!r)
			return;
		c->retired = r;
		c->retired_cap = cap;
	}
	c->retired[c->nretired++] = s;
}

/* Reads and parses the article's file into a->text (NULL before): 0; 1
 * when it cannot be read or is not text (reported; the text is then
 * empty; *refused set when it was read but is not text or cannot be
 * decoded); -1 when memory runs out. */
static int parse_file(struct corpus_article *a, struct diag_list *diags, int *refused)
{
	char *buf;
	size_t len;
	struct encoding_scan scan;
	const char *charset = NULL;
	size_t undecodable = 0;
	int t = -1, was_read = 0;
	*refused = 0;
	if (read_file(a->path, &buf, &len, diags) == 0) {
		was_read = 1;
		a->hash = cindex_content_hash(buf, len);
		t = text_from_bytes(a->path, &buf, &len, &scan, diags, &charset, &undecodable);
		if (t == -2)
			return -1;
	}
	if (new_text(a) != 0) {
		if (t == 0)
			free(buf);
		return -1;
	}
	if (t != 0) { /* reported; it keeps its place, empty */
		*refused = was_read && t == -1;
		return article_parse("", 0, a->text) == 0 ? 1 : -1;
	}
	a->charset = charset;
	a->undecodable = undecodable;
	int r = article_parse_scanned(buf, len, &scan, a->text);
	free(buf);
	if (r != 0)
		return -1;
	text_warnings(diags, a->path, a->text->invalid_utf8, a->text->controls,
	              first_block(a->text, BLOCK_PARAGRAPH) >= 0);
	return 0;
}

/* One article a deferred load reads: its file read, parsed and its fields
 * detected by a reading thread (read_job_run, which touches this article
 * and the job alone), then written to the index and its notes given, in
 * corpus order, by the loading thread (read_job_end). */
struct read_job {
	size_t k;
	uint64_t inputs;            /* detect_inputs before detection */
	struct article_text *held;  /* a text loaded meanwhile, put back after */
	struct diag_list diags;     /* what reading it found */
	int want_body;              /* the index takes texts (as the job began) */
	int r;                      /* parse_file's 0 or 1 (unreadable), or -1 */
	int refused;                /* read, but not text (parse_file) */
	char *body;                 /* the folded text for the index; owned */
	size_t body_len;
	const struct evidence_events *events; /* for its links (NULL: none) */
	struct extras extras;       /* its facts and links for the index */
	atomic_int done;            /* read_job_run has returned */
};

static void read_job_run(const struct corpus *c, struct read_job *j)
{
	struct corpus_article *a = &c->articles[j->k];
	j->r = parse_file(a, &j->diags, &j->refused);
	if (j->r >= 0 && detect_fields(a) != 0)
		j->r = -1;
	if (j->r == 0 && j->want_body && a->size >= 0 &&
	    (search_fold_body(a->title, a->text, &j->body, &j->body_len) != 0 ||
	     find_extras(c, j->events, j->k, &j->extras) != 0))
		j->r = -1;
	atomic_store(&j->done, 1);
}

/* After read_job_run: the notes, the index, the text dropped (the one
 * held put back). 0, or -1 when memory ran out (the article then keeps an
 * empty text). */
static int read_job_end(struct corpus *c, struct read_job *j)
{
	struct corpus_article *a = &c->articles[j->k];
	const char *why = NULL; /* the last error: why it was refused */
	for (size_t i = 0; i < j->diags.n; i++) {
		const struct diag *d = &j->diags.items[i];
		diag_add(&c->diags, d->level, d->file, d->line, "%s", d->msg);
		if (d->level == DIAG_ERROR)
			why = d->msg;
	}
	if (j->r == 1)
		a->unparsed |= CORPUS_UNREADABLE;
	if (j->r == 1 && j->refused && why)
		index_refuse(c, a, why);
	else if (j->r >= 0)
		index_write(c, a, j->inputs, j->r == 1, j->body, j->body_len, &j->extras);
	diag_list_free(&j->diags);
	free(j->body);
	j->body = NULL;
	extras_free(&j->extras);
	/* only their number is held: corpus_article_dates finds them again */
	free(a->dates);
	a->dates = NULL;
	drop_text(a);
	a->text = j->held;
	return j->r < 0 ? -1 : 0;
}

/* The jobs of a step: the threads take the next one not taken; the
 * loading thread ends them in order as they are done, taking jobs itself
 * while the one it waits for is not, so that writing the index overlaps
 * reading the files. No job is taken READ_AHEAD or more places after the
 * first one not yet ended: the texts read and not yet written stay few,
 * while the threads read on through a commit of the index. */
struct read_pool {
	const struct corpus *c;
	struct read_job *jobs;
	size_t n;
	atomic_size_t next;         /* the next job not taken */
	atomic_size_t ended;        /* jobs ended (read_job_end); written with
	                               `lock` held */
	pthread_mutex_t lock;       /* with `doneness`: a job is done; with
	                               `room`: one more may be taken */
	pthread_cond_t doneness, room;
};

/* Articles read ahead of the one being written to the index, at most. */
#define READ_AHEAD 1024

enum { TAKE_NONE = -1, TAKE_FULL = -2 }; /* read_take: none left; not yet */

/* Takes the next job: its number, TAKE_NONE when none is left, TAKE_FULL
 * when the next one is READ_AHEAD places ahead (then, when `wait`, waits
 * for room instead). */
static long read_take(struct read_pool *p, bool wait)
{
	for (;;) {
		size_t i = atomic_load(&p->next);
		if (i >= p->n)
			return TAKE_NONE;
		if (i >= atomic_load(&p->ended) + READ_AHEAD) {
			if (!wait)
				return TAKE_FULL;
			pthread_mutex_lock(&p->lock);
			while (atomic_load(&p->next) == i && i >= atomic_load(&p->ended) + READ_AHEAD)
				pthread_cond_wait(&p->room, &p->lock);
			pthread_mutex_unlock(&p->lock);
			continue;
		}
		if (atomic_compare_exchange_weak(&p->next, &i, i + 1))
			return (long)i;
	}
}

/* Runs job i and says it is done. */
static void read_run(struct read_pool *p, size_t i)
{
	read_job_run(p->c, &p->jobs[i]);
	pthread_mutex_lock(&p->lock);
	pthread_cond_broadcast(&p->doneness);
	pthread_mutex_unlock(&p->lock);
}

static void *read_worker(void *arg)
{
	struct read_pool *p = arg;
	long i;
	while ((i = read_take(p, true)) >= 0)
		read_run(p, (size_t)i);
	/* the ICU break iterator parsing may have opened on this thread */
	wordbreak_release();
	return NULL;
}

/* Waits until job i (the first not ended) is done, running jobs meanwhile
 * while any may be taken. */
static void read_wait(struct read_pool *p, size_t i)
{
	long j;
	while (!atomic_load(&p->jobs[i].done) && (j = read_take(p, false)) >= 0)
		read_run(p, (size_t)j);
	pthread_mutex_lock(&p->lock);
	while (!atomic_load(&p->jobs[i].done))
		pthread_cond_wait(&p->doneness, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

/* After job i was ended: room for one more. */
static void read_ended(struct read_pool *p, size_t i)
{
	pthread_mutex_lock(&p->lock);
	atomic_store(&p->ended, i + 1);
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->lock);
}

/* Threads that read files at once: one per processor, at most
 * READ_THREADS_MAX. */
#define READ_THREADS_MAX 4

static size_t read_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > READ_THREADS_MAX ? READ_THREADS_MAX : (size_t)n;
}

/* Reads and parses the n articles ks, which a deferred load left unread,
 * on several threads when there are several, and fills their fields
 * (as fill_article). 0, or -1 when memory runs out. */
static int read_deferred(struct corpus *c, const size_t *ks, size_t n)
{
	struct read_job *jobs = calloc(n, sizeof *jobs);
	if (!jobs)
		return -1;
	size_t done = c->load_total - c->load_left; /* for the progress */
	for (size_t i = 0; i < n; i++) {
		struct corpus_article *a = &c->articles[ks[i]];
		if (a->unparsed & CORPUS_PLACEHOLDER_TITLE) {
			retire(c, a->title);
			a->title = NULL;
		}
		if (a->unparsed & CORPUS_PLACEHOLDER_LANG) {
			retire(c, a->lang);
			a->lang = NULL;
		}
		a->unparsed = 0;
		c->load_left--;
		jobs[i].k = ks[i];
		jobs[i].inputs = detect_inputs(a);
		/* a text loaded meanwhile (shown, searched) stays as it is, for
		 * whoever holds it; the fields come from a reading of their own */
		jobs[i].held = a->text;
		a->text = NULL;
		jobs[i].want_body = c->index && !c->index_nowrite;
		jobs[i].events = jobs[i].want_body ? events_for_index(c) : NULL;
		atomic_init(&jobs[i].done, 0);
	}
	struct read_pool pool = {.c = c, .jobs = jobs, .n = n};
	atomic_init(&pool.next, 0);
	atomic_init(&pool.ended, 0);
	if (pthread_mutex_init(&pool.lock, NULL) != 0) {
		free(jobs);
		return -1;
	}
	if (pthread_cond_init(&pool.doneness, NULL) != 0) {
		pthread_mutex_destroy(&pool.lock);
		free(jobs);
		return -1;
	}
	if (pthread_cond_init(&pool.room, NULL) != 0) {
		pthread_cond_destroy(&pool.doneness);
		pthread_mutex_destroy(&pool.lock);
		free(jobs);
		return -1;
	}
	pthread_t th[READ_THREADS_MAX];
	size_t nth = 0, want = read_threads();
	/* the reading threads take no signal: the reader's handlers run on
	 * its own thread, as without them */
	sigset_t all, old;
	sigfillset(&all);
	int masked = pthread_sigmask(SIG_SETMASK, &all, &old) == 0;
	while (nth + 1 < want && nth + 1 < n && pthread_create(&th[nth], NULL, read_worker, &pool) == 0)
		nth++;
	if (masked)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		read_wait(&pool, i); /* this thread reads too, while it waits */
		if (read_job_end(c, &jobs[i]) != 0)
			r = -1;
		read_ended(&pool, i);
		progress(c, ++done);
	}
	for (size_t i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_cond_destroy(&pool.room);
	pthread_cond_destroy(&pool.doneness);
	pthread_mutex_destroy(&pool.lock);
	free(jobs);
	return r;
}

/* Moves the article's strings back into one allocation each (packed by
 * pack_strings). 0, or -1 when memory runs out (nothing changed). */
static int unpack_strings(struct corpus *c, struct corpus_article *a)
{
	char **f[] = {&a->id, &a->path, &a->lang, &a->source, &a->group, &a->title};
	enum { N = sizeof f / sizeof *f };
	char *copy[N];
	if (!a->packed)
		return 0;
	for (size_t i = 0; i < N; i++)
		if (*f[i] && !(copy[i] = strdup(*f[i]))) {
			while (i--)
				if (*f[i])
					free(copy[i]);
			return -1;
		} else if (!*f[i]) {
			copy[i] = NULL;
		}
	char *block = a->id;
	for (size_t i = 0; i < N; i++)
		*f[i] = copy[i];
	retire(c, block);
	a->packed = 0;
	return 0;
}

/* Article k's file changed since the index saw it: what was detected in
 * the old text is forgotten and the new text read (read_deferred). 0, or
 * -1 when memory runs out. */
static int read_again(struct corpus *c, size_t k)
{
	struct corpus_article *a = &c->articles[k];
	if (unpack_strings(c, a) != 0)
		return -1;
	char **f[] = {&a->lang, &a->source, &a->title};
	unsigned bit[] = {CORPUS_DETECTED_LANG, CORPUS_DETECTED_SOURCE, CORPUS_DETECTED_TITLE};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (a->detected & bit[i]) {
			retire(c, *f[i]);
			*f[i] = NULL;
		}
	if (a->detected & (CORPUS_DETECTED_DATE | CORPUS_INFERRED_DATE))
		a->date = (struct date_ymd){0, 0, 0};
	a->detected = 0;
	free(a->dates);
	a->dates = NULL;
	a->ndates = 0;
	a->days_first = a->days_last = 0;
	a->unparsed |= CORPUS_UNPARSED;
	c->load_left++;
	return read_deferred(c, &k, 1);
}

/* Checks that article k's file, taken from the index on trust, is still
 * what the index saw (dfd: the corpus directory, -1: paths whole): a
 * changed file is read again, one gone, not a regular file or leading out
 * of the directory is emptied, reported. 0, or -1 when memory runs out. */
static int verify_article(struct corpus *c, size_t k, int dfd)
{
	struct corpus_article *a = &c->articles[k];
	a->unparsed &= ~(unsigned)CORPUS_UNVERIFIED;
	c->verify_left--;
	struct stat st;
	int have_st;
	const char *name = a->path + c->index_prefix;
	int in = manifest_file_inside(dfd, c->dir, name, a->path, &st, &have_st);
	if (in <= 0 || !have_st || !S_ISREG(st.st_mode)) {
		diag_add(&c->diags, DIAG_ERROR, a->path, 0, "%s; its text is left out",
		         in == 0 ? "leads outside the corpus directory"
		         : !have_st ? strerror(errno ? errno : ENOENT)
		                    : "not a regular file");
		a->unparsed |= CORPUS_UNREADABLE;
		a->index_id = 0; /* its text is empty: the index's is not taken */
		return 0;
	}
	if ((long long)st.st_size == a->size && mtime_ns(&st) == a->mtime_ns)
		return 0;
	if ((long long)st.st_size == a->size) {
		/* touched, perhaps not changed: compare the bytes */
		char *buf;
		size_t len;
		if (read_file(a->path, &buf, &len, &c->diags) == 0) {
			uint64_t h = cindex_content_hash(buf, len);
			free(buf);
			if (h == a->hash) {
				a->mtime_ns = mtime_ns(&st);
				if (c->index && !c->index_nowrite &&
				    cindex_touch(c->index, name, a->mtime_ns) != 0)
					index_fail(c);
				return 0;
			}
		}
	}
	a->size = (long long)st.st_size;
	a->mtime_ns = mtime_ns(&st);
	return read_again(c, k);
}

/* Checks up to max articles taken on trust. How many, or -1 when memory
 * runs out. */
static long verify_some(struct corpus *c, size_t max)
{
	long done = 0;
	int dfd = c->dir ? open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	while (c->verify_left && (size_t)done < max) {
		while (c->verify_next < c->narticles &&
		       !(c->articles[c->verify_next].unparsed & CORPUS_UNVERIFIED))
			c->verify_next++;
		if (c->verify_next >= c->narticles)
			break;
		if (verify_article(c, c->verify_next, dfd) != 0) {
			done = -1;
			break;
		}
		done++;
	}
	if (dfd >= 0)
		close(dfd);
	return done;
}

/* Articles read together, on several threads (at most), when the whole
 * load is read at once: the index's batches of CINDEX_BATCH are written
 * while the threads read on (READ_AHEAD). */
#define READ_BATCH 16384

/* Files checked for each one read by a step (a stat against a read). */
#define VERIFY_PER_READ 64

long corpus_load_step(struct corpus *c, size_t max)
{
	if (!c->verify_left && !c->load_left)
		return 0;
	long done = 0;
	if (c->verify_left && (done = verify_some(c, max * VERIFY_PER_READ)) < 0)
		return -1;
	/* the next articles to read, read together */
	size_t want = max < READ_BATCH ? max : READ_BATCH, *ks = NULL;
	if (!c->verify_left && c->load_left && !(ks = malloc((want ? want : 1) * sizeof *ks)))
		return -1;
	while (!c->verify_left && c->load_left && (size_t)done < max) {
		size_t n = 0;
		for (; c->load_next < c->narticles && n < want && (size_t)done + n < max;
		     c->load_next++)
			if (c->articles[c->load_next].unparsed & CORPUS_UNPARSED)
				ks[n++] = c->load_next;
		if (n == 0 && c->load_next > 0) { /* one read out of turn was left */
			c->load_next = 0;
			continue;
		}
		if (n == 0)
			break;
		/* load_next stays on the last one taken (the reader redraws up to it) */
		c->load_next--;
		if (read_deferred(c, ks, n) != 0) {
			free(ks);
			return -1;
		}
		done += (long)n;
	}
	free(ks);
	/* the last one done in this step */
	if (!c->verify_left && !c->load_left) {
		if (complete_load(c) != 0)
			return -1;
		infer_dates(c);
	}
	return done;
}

int corpus_load_article(struct corpus *c, size_t k)
{
	if (k >= c->narticles || !(c->articles[k].unparsed & (CORPUS_UNVERIFIED | CORPUS_UNPARSED)))
		return 0;
	if (c->articles[k].unparsed & CORPUS_UNVERIFIED) {
		int dfd = c->dir ? open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
		int r = verify_article(c, k, dfd);
		if (dfd >= 0)
			close(dfd);
		if (r != 0)
			return -1;
	}
	if ((c->articles[k].unparsed & CORPUS_UNPARSED) && read_deferred(c, &k, 1) != 0)
		return -1;
	/* the last one */
	if (!c->verify_left && !c->load_left) {
		if (complete_load(c) != 0)
			return -1;
		infer_dates(c);
	}
	return 0;
}

/* Leaves out the articles read late that could not be read (as a load
 * that reads first does): only before anyone holds an article's index. 0,
 * or -1 when memory runs out. */
static int drop_unreadable(struct corpus *c)
{
	size_t n = 0, total = c->narticles;
	for (size_t i = 0; i < total; i++) {
		if (c->articles[i].unparsed & CORPUS_UNREADABLE)
			article_free(&c->articles[i]);
		else
			c->articles[n++] = c->articles[i];
	}
	if (n == total)
		return 0;
	free(c->id_slots);
	c->id_slots = NULL;
	c->id_nslots = 0;
	for (size_t i = 0; i < n; i++) {
		c->narticles = i; /* index_article adds article i to those before */
		if (index_article(c, i) != 0)
			return -1;
	}
	c->narticles = n;
	return 0;
}

/* What the open left to read, read now: always when the load is not
 * deferred (CORPUS_READ_FIRST), and when there is little of it for
 * CORPUS_DEFER_LARGE. 0, or -1 when memory runs out. */
static int read_rest(struct corpus *c, int defer)
{
	unsigned long long bytes = 0;
	if (defer == CORPUS_DEFER_ALL)
		return 0;
	if (defer == CORPUS_DEFER_LARGE) {
		if (c->load_left + c->verify_left > CORPUS_DEFER_MIN_FILES)
			return 0;
		for (size_t i = 0; i < c->narticles && bytes <= CORPUS_DEFER_MIN_BYTES; i++)
			if (c->articles[i].unparsed & CORPUS_UNPARSED)
				bytes += c->articles[i].size > 0 ? (unsigned long long)c->articles[i].size : 0;
		if (bytes > CORPUS_DEFER_MIN_BYTES)
			return 0;
	}
	while (c->load_left || c->verify_left) {
		if (corpus_load_step(c, READ_BATCH) < 0)
			return -1;
	}
	/* no one holds their strings yet: one block each, as when read first */
	for (size_t i = 0; i < c->narticles; i++)
		if (!c->articles[i].packed)
			pack_strings(&c->articles[i]);
	return drop_unreadable(c);
}

static struct corpus *finish(struct corpus *c, int r)
{
	/* the slots doubled while loading: keep only those used */
	if (c->narticles && c->narticles < c->articles_cap) {
		struct corpus_article *arr = realloc(c->articles, c->narticles * sizeof *arr);
		if (arr) {
			c->articles = arr;
			c->articles_cap = c->narticles;
		}
	}
	int defer = c->opts ? c->opts->deferred : CORPUS_READ_FIRST;
	if (r == 0 && (c->load_left || c->verify_left) && read_rest(c, defer) != 0)
		r = -1;
	c->opts = NULL;
	if (r == 0 && !c->load_left && !c->verify_left)
		r = complete_load(c);
	else if (r == 0 && c->index && cindex_flush(c->index) != 0)
		index_fail(c); /* the index stays open for corpus_load_step */
	if (r != 0) {
		corpus_free(c);
		return NULL;
	}
	if (!c->title && !(c->title = strdup(c->dir ? c->dir : "articles"))) {
		corpus_free(c);
		return NULL;
	}
	timeline_sort(c);
	/* made for the events in the manifest's order: made again, in the
	 * timeline's, for the articles a deferred load reads later */
	evidence_events_free(c->evidence_events);
	c->evidence_events = NULL;
	if (index_events(c) != 0) {
		corpus_free(c);
		return NULL;
	}
	infer_dates(c);
	return c;
}

/* Opens the corpus's index (reporting, once, why it cannot be used). */
static int open_index(struct corpus *c, const char *dir, const struct corpus_opts *o)
{
	char real[PATH_MAX];
	if (!realpath(dir, real))
		return 0; /* reported when the directory is read */
	char *cache = o->cache_dir ? strdup(o->cache_dir) : cindex_default_dir();
	if (!cache) {
		diag_add(&c->diags, DIAG_WARNING, dir, 0,
		         "no cache directory ($XDG_CACHE_HOME and $HOME unset); the index is not used");
		return 0;
	}
	char *file = cindex_file_for(cache, real);
	free(cache);
	if (!file)
		return -1;
	char *note = NULL;
	c->index = cindex_open(file,
	                       (o->reindex ? CINDEX_REBUILD : 0) |
	                           (o->deferred == CORPUS_DEFER_LARGE ? CINDEX_INTERACTIVE : 0),
	                       &note);
	if (c->index)
		c->index_generation = cindex_generation(c->index);
	if (c->index && !(c->index_file = strdup(file))) {
		free(note);
		free(file);
		return -1;
	}
	if (note)
		diag_add(&c->diags, DIAG_WARNING, dir, 0, "%s", note);
	free(note);
	free(file);
	size_t n = strlen(dir);
	c->index_prefix = n + (n && dir[n - 1] != '/');
	/* every row in one pass: the lookups of the load need no query each */
	if (c->index && cindex_preload(c->index) != 0 && cindex_damaged(c->index))
		index_fail(c);
	return 0;
}

struct corpus *corpus_open_dir(const char *dir)
{
	return corpus_open_dir_opts(dir, NULL);
}

struct corpus *corpus_open_dir_opts(const char *dir, const struct corpus_opts *o)
{
	struct corpus *c = corpus_new();
	if (!c)
		return NULL;
	c->opts = o;
	if (!(c->dir = strdup(dir)) || !(c->manifest = join_path(dir, CORPUS_MANIFEST)))
		return finish(c, -1);
	struct stat st;
	if (stat(dir, &st) != 0) {
		diag_add(&c->diags, DIAG_ERROR, dir, 0, "%s", strerror(errno));
		return finish(c, 0);
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_add(&c->diags, DIAG_ERROR, dir, 0, "not a directory");
		return finish(c, 0);
	}
	if (o && o->index && open_index(c, dir, o) != 0)
		return finish(c, -1);
	/* a deferred load does not look at the files the index describes
	 * before the first frame: corpus_load_step does */
	c->defer_stat = o && o->deferred && c->index;
	if (access(c->manifest, F_OK) == 0)
		return finish(c, load_manifest(c, dir));
	free(c->manifest);
	c->manifest = NULL;
	return finish(c, load_plain_dir(c, dir));
}

struct corpus *corpus_open_files(char *const *files, size_t n)
{
	struct corpus *c = corpus_new();
	if (!c)
		return NULL;
	return finish(c, add_plain_files(c, files, n));
}

size_t corpus_translations(const struct corpus *c, size_t i, size_t *out, size_t max)
{
	const struct corpus_article *a = &c->articles[i];
	size_t k = 0;
	for (size_t j = 0; j < c->narticles; j++) {
		const struct corpus_article *b = &c->articles[j];
		int same = j == i || (a->group && b->group && !strcmp(a->group, b->group)) ||
		           (a->source && b->source && !strcmp(a->source, b->source));
		if (!same)
			continue;
		if (k < max)
			out[k] = j;
		k++;
	}
	return k;
}

const char *corpus_event_title(const struct corpus_event *e, const char *lang)
{
	if (lang)
		for (size_t i = 0; i < e->ntitles; i++)
			if (!strcmp(e->titles[i].lang, lang))
				return e->titles[i].text;
	if (e->title)
		return e->title;
	for (size_t i = 0; i < e->ntitles; i++)
		if (!strcmp(e->titles[i].lang, "en"))
			return e->titles[i].text;
	return e->id;
}

size_t corpus_errors(const struct corpus *c)
{
	return diag_count(&c->diags, DIAG_ERROR);
}
