/* timeline.c — owns the order of the story: events sorted by date and time
 * of day (articles' references renumbered to match), and the languages that
 * cover each event. */
#include "tandem/timeline.h"
#include "tandem/langid.h"

#include <stdlib.h>
#include <string.h>

int timeline_time_minutes(const char *time)
{
	if (!time)
		return -1;
	if (!strcmp(time, "morning"))
		return 9 * 60;
	if (!strcmp(time, "afternoon"))
		return 15 * 60;
	if (!strcmp(time, "evening"))
		return 20 * 60;
	if (strlen(time) == 5 && time[2] == ':')
		return ((time[0] - '0') * 10 + (time[1] - '0')) * 60 + (time[3] - '0') * 10 +
		       (time[4] - '0');
	return -1;
}

struct sort_item {
	const struct corpus_event *e;
	size_t old;
};

static int cmp_events(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	int r = dates_compare(&a->e->date, &b->e->date);
	if (r)
		return r;
	int ta = timeline_time_minutes(a->e->time), tb = timeline_time_minutes(b->e->time);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	r = strcmp(a->e->id, b->e->id);
	return r ? r : (a->old < b->old ? -1 : a->old > b->old);
}

void timeline_sort(struct corpus *c)
{
	size_t n = c->nevents;
	if (n < 2)
		return;
	struct sort_item *items = malloc(n * sizeof *items);
	struct corpus_event *sorted = malloc(n * sizeof *sorted);
	long *newpos = malloc(n * sizeof *newpos);
	if (!items || !sorted || !newpos) {
		/* leave file order: still a usable timeline */
		free(items);
		free(sorted);
		free(newpos);
		return;
	}
	for (size_t i = 0; i < n; i++)
		items[i] = (struct sort_item){&c->events[i], i};
	qsort(items, n, sizeof *items, cmp_events);
	for (size_t i = 0; i < n; i++) {
		sorted[i] = *items[i].e;
		newpos[items[i].old] = (long)i;
	}
	memcpy(c->events, sorted, n * sizeof *sorted);
	for (size_t i = 0; i < c->narticles; i++) {
		struct corpus_article *a = &c->articles[i];
		if (a->event >= 0)
			a->event = newpos[a->event];
		for (size_t k = 0; k < a->nmentions; k++)
			a->mentions[k] = newpos[a->mentions[k]];
	}
	free(items);
	free(sorted);
	free(newpos);
}

int timeline_article_reports(const struct corpus_article *a, size_t ev)
{
	if (a->event == (long)ev)
		return 1;
	for (size_t k = 0; k < a->nmentions; k++)
		if (a->mentions[k] == (long)ev)
			return 1;
	return 0;
}

/* Whether lang is one of the space-separated tags in list[0..len). */
static int listed(const char *list, size_t len, const char *lang)
{
	size_t l = strlen(lang);
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && list[j] != ' ' && list[j] != '(' && list[j] != ')')
			j++;
		if (j - i == l && !strncmp(list + i, lang, l))
			return 1;
		i = j + 1;
	}
	return 0;
}

char *timeline_event_langs(const struct corpus *c, const struct corpus_event *e, char *buf,
                           size_t n)
{
	size_t k = 0;
	if (n == 0)
		return buf;
	buf[0] = 0;
	long ev = e - c->events;
	/* first the languages of the articles that report it (their main
	 * event), then, in parentheses, those that only mention it */
	for (int pass = 0; pass < 2; pass++) {
		size_t open = k;
		for (size_t i = 0; i < e->narticles; i++) {
			const struct corpus_article *a = &c->articles[e->articles[i]];
			const char *lang = langid_badge(a->lang);
			if ((a->event == ev) != (pass == 0) || listed(buf, k, lang))
				continue;
			size_t l = strlen(lang);
			int paren = pass == 1 && k == open;
			/* separator, "(", tag, ")" when mentioned, NUL */
			if (k + (k > 0) + paren + l + (pass == 1) + 1 > n)
				continue;
			if (k)
				buf[k++] = ' ';
			if (paren)
				buf[k++] = '(';
			memcpy(buf + k, lang, l);
			k += l;
			buf[k] = 0;
		}
		if (pass == 1 && k > open) {
			buf[k++] = ')';
			buf[k] = 0;
		}
	}
	return buf;
}
