/* timeline.h — the story in date order: events sorted by date and time of
 * day, each with the languages of the articles that report it. */
#ifndef TANDEM_TIMELINE_H
#define TANDEM_TIMELINE_H

#include <stddef.h>

#include "tandem/corpus.h"

/* Sorts c->events by date, then time of day, then id, and renumbers every
 * article's event references. */
void timeline_sort(struct corpus *c);

/* The languages of event e's articles, distinct, in order of first
 * appearance, separated by single spaces: those of the articles that report
 * it (their main event) first, then in parentheses those of articles that
 * only mention it ("id (fr ar)"), into buf (size n). Returns buf. */
char *timeline_event_langs(const struct corpus *c, const struct corpus_event *e, char *buf,
                           size_t n);

/* True when article a reports event index ev (as main event or mention). */
int timeline_article_reports(const struct corpus_article *a, size_t ev);

/* Minutes after midnight for sorting a time of day: morning 9:00,
 * afternoon 15:00, evening 20:00, HH:MM as given; -1 when none. */
int timeline_time_minutes(const char *time);

#endif
