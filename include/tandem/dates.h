/* dates.h — calendar dates: ISO 8601 parsing and formatting, and the dates
 * a news text mentions in some twenty languages ("25-26 Oktober 2025",
 * "du 25 au 26 octobre", "من 25 إلى 26 أكتوبر", "décembre 2024",
 * "12 במרץ 2024", "5 марта 2024", "2024年3月10日", "10 มีนาคม 2567"). */
#ifndef TANDEM_DATES_H
#define TANDEM_DATES_H

#include <stddef.h>

/* A date with optional precision: d == 0 means the whole month, m == 0 the
 * whole year; y == 0 means unknown. */
struct date_ymd {
	int y, m, d;
};

/* A date (or date range) mentioned in a text. */
struct date_mention {
	struct date_ymd from;   /* first day */
	struct date_ymd to;     /* last day; equal to `from` for a single date */
	size_t off, len;        /* byte range of the mention in the text */
	int year_inferred;      /* the text gave no year: it was inferred */
};

/* Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY" (whole string). Returns 0 on
 * success, -1 when the string is not such a date or the date does not exist. */
int dates_parse_iso(const char *s, struct date_ymd *out);

/* Writes "YYYY-MM-DD" (or "YYYY-MM", "YYYY", "????" when unknown) into buf,
 * which holds at least 11 bytes. Returns buf. */
char *dates_format(const struct date_ymd *d, char *buf);

/* Orders dates: unknown (y == 0) last, less precise before more precise on
 * the same prefix. Returns <0, 0, >0. */
int dates_compare(const struct date_ymd *a, const struct date_ymd *b);

/* The first and last day (days since 1970-01-01) a date of any precision
 * stands for (a month: its first to its last day); 0 when the date is not
 * known, else 1. */
int dates_day_span(const struct date_ymd *d, long *first, long *last);

/* The days mentions m[0..n) cover, from the first day of the earliest to
 * the last of the latest; *first > *last when none is known. */
void dates_mention_days(const struct date_mention *m, size_t n, long *first, long *last);

/* True when the day exists (leap years included). */
int dates_valid(const struct date_ymd *d);

/* Finds the dates mentioned in `text` (UTF-8, n bytes), in text order.
 * `context` is the article's date when known (y == 0 otherwise); a mention
 * without a year takes the context's year, or, without context, the year
 * that puts it on or after the latest date the text states with a year; when
 * nothing gives a year the mention keeps y == 0.
 * Month names (with inflections and abbreviations) of the Gregorian calendar
 * in en, fr, id, ar (also the Levantine names, e.g. تشرين الأول, and the
 * "أكتوبر/تشرين الأول" pairing), fa, he (with a glued ב/ו/ה/ל/מ), ru, uk
 * (genitive and locative forms), es, pt ("10 de março de 2024"), de
 * ("10. März"), it, nl, tr, hi and th (a year of 2400 or more beside a Thai
 * month name, or after พ.ศ., is of the Buddhist era); numeric dates with
 * unit words in zh, ja (with the eras 令和, 平成, 昭和), ko and vi ("ngày 10
 * tháng 3 năm 2024"). Digits of any decimal system (ASCII, Arabic-Indic,
 * Persian, Devanagari, Thai, full-width…) are read. Ranges: "25-26 Oktober
 * 2025", "du 25 au 26 octobre", "من 25 إلى 26 أكتوبر", "25 dan 26 Oktober",
 * "del 10 al 12 de marzo", "с 5 по 7 марта". Dates in numbers:
 * "2025-10-25", "25.10.2025", and "25/10/2025" or "10/25/2025" when the day
 * is certain (one number above 12) — see dates_find_ordered.
 * *out (caller frees) receives *count mentions. Returns 0, or -1 when memory
 * runs out. */
int dates_find(const char *text, size_t n, const struct date_ymd *context,
               struct date_mention **out, size_t *count);

/* The order of day and month in dates written in numbers with slashes or
 * dashes ("10/3/2024"), when both could be either. */
enum dates_order {
	DATES_ORDER_UNKNOWN,      /* such a date is not read */
	DATES_ORDER_DMY,          /* 10 March: most languages */
	DATES_ORDER_MDY,          /* October 3: American English */
};

/* The order a text in `lang` (BCP 47) writes them in: day first for every
 * language of the date tables but English, Chinese, Japanese and Korean
 * (which write the year first); for English, month first in "en-US" (and
 * the few regions that follow it) and day first in the other regions;
 * unknown for "en" without a region, and for NULL. */
enum dates_order dates_order_of(const char *lang);

/* dates_find, reading a date in numbers whose day and month could be
 * either in the order given. With DATES_ORDER_UNKNOWN (and in dates_find),
 * such a date is read when the text's other dates in numbers show the
 * order ("25/10/2024" makes "10/3/2024" 10 March), else left unread. */
int dates_find_ordered(const char *text, size_t n, const struct date_ymd *context,
                       enum dates_order order, struct date_mention **out, size_t *count);

/* The first word for a day relative to the article's date in s[0..n):
 * shift -1 yesterday, 0 today, 1 tomorrow, in any language of the date
 * tables ("hier", "вчера", "אתמול", "昨天", "hôm qua"…), a whole word where
 * the script separates words, its first letter in either case. Returns 1
 * and its byte range (*off, *len), or 0. */
int dates_find_relative(const char *s, size_t n, int shift, size_t *off, size_t *len);

/* dates_find_relative for the three days at once, in one pass: bit k of
 * the result set when the word for shift k - 1 is found, at off[k] (len[k]
 * bytes). */
unsigned dates_find_relative3(const char *s, size_t n, size_t off[3], size_t len[3]);

#endif
