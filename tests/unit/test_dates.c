/* test_dates.c — ISO dates (parse, format, compare, validity) and the dates a
 * text mentions: every form in French, Indonesian, English and Arabic, the
 * table of each further language (European, right-to-left, Indic, Thai,
 * unit-word dates of zh, ja, ko, vi), the
 * bundled corpus (read relative to the repository root), numbers that are
 * not dates, impossible days and year inference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "tandem/dates.h"

/* ---- helpers ------------------------------------------------------------- */

static void assert_ymd(const struct date_ymd *d, int y, int m, int dd)
{
	char got[64], want[64];
	snprintf(got, sizeof got, "%d-%d-%d", d->y, d->m, d->d);
	snprintf(want, sizeof want, "%d-%d-%d", y, m, dd);
	assert_string_equal(got, want);
}

/* Finds the mentions of a NUL-terminated text. */
static struct date_mention *find(const char *text, const struct date_ymd *ctx, size_t *count)
{
	struct date_mention *m = NULL;
	assert_int_equal(dates_find(text, strlen(text), ctx, &m, count), 0);
	if (*count == 0)
		assert_null(m);
	else
		assert_non_null(m);
	return m;
}

/* Asserts that mention m covers exactly the first occurrence of `slice` in
 * text at or after byte `from`, and returns the end of that occurrence. */
static size_t assert_slice(const char *text, const struct date_mention *m, const char *slice,
                           size_t from)
{
	const char *at = strstr(text + from, slice);
	assert_non_null(at);
	char got[256];
	size_t len = m->len < sizeof got - 1 ? m->len : sizeof got - 1;
	assert_true(m->off + m->len <= strlen(text));
	memcpy(got, text + m->off, len);
	got[len] = '\0';
	assert_string_equal(got, slice);
	assert_int_equal(m->off, (size_t)(at - text));
	assert_int_equal(m->len, strlen(slice));
	return m->off + m->len;
}

struct want {
	const char *slice;
	int fy, fm, fd, ty, tm, td;
	int inferred;
};

/* Asserts that `text` mentions exactly the dates of w[0..n), in order. */
static void expect(const char *text, const struct date_ymd *ctx, const struct want *w, size_t n)
{
	size_t count = 99, at = 0;
	struct date_mention *m = find(text, ctx, &count);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++) {
		at = assert_slice(text, &m[i], w[i].slice, at);
		assert_ymd(&m[i].from, w[i].fy, w[i].fm, w[i].fd);
		assert_ymd(&m[i].to, w[i].ty, w[i].tm, w[i].td);
		assert_int_equal(m[i].year_inferred, w[i].inferred);
	}
	free(m);
}

/* One mention, a single day or month. */
static void expect_one(const char *text, const struct date_ymd *ctx, const char *slice, int y,
                       int m, int d, int inferred)
{
	struct want w = { slice, y, m, d, y, m, d, inferred };
	expect(text, ctx, &w, 1);
}

/* One mention, a range. */
static void expect_range(const char *text, const struct date_ymd *ctx, const char *slice,
                         int fy, int fm, int fd, int ty, int tm, int td, int inferred)
{
	struct want w = { slice, fy, fm, fd, ty, tm, td, inferred };
	expect(text, ctx, &w, 1);
}

static void expect_none(const char *text)
{
	size_t count = 99;
	struct date_mention *m = find(text, NULL, &count);
	if (count) {
		char got[256];
		snprintf(got, sizeof got, "%.*s", (int)m[0].len, text + m[0].off);
		free(m);
		fail_msg("\"%s\" should mention no date, found \"%s\"", text, got);
	}
}

/* ---- ISO parse, format, validity, order ----------------------------------- */

static void test_iso_parse_valid(void **state)
{
	(void)state;
	struct date_ymd d = { -1, -1, -1 };
	assert_int_equal(dates_parse_iso("2025-10-23", &d), 0);
	assert_ymd(&d, 2025, 10, 23);
	assert_int_equal(dates_parse_iso("2025-10", &d), 0);
	assert_ymd(&d, 2025, 10, 0);
	assert_int_equal(dates_parse_iso("2025", &d), 0);
	assert_ymd(&d, 2025, 0, 0);
	assert_int_equal(dates_parse_iso("2024-02-29", &d), 0);
	assert_ymd(&d, 2024, 2, 29);
	assert_int_equal(dates_parse_iso("2000-02-29", &d), 0);
	assert_ymd(&d, 2000, 2, 29);
	assert_int_equal(dates_parse_iso("2024-12-31", &d), 0);
	assert_ymd(&d, 2024, 12, 31);
}

static void test_iso_parse_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "2025-13-01", "2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31",
		"2025-10-23x", "2025-10-23 ", " 2025-10-23", "2025-10-", "2025-", "2025-1-05",
		"2025-10-5", "202", "20255", "2025/10/23", "2025-10/23", "0000", "0000-01-01",
		"2025-00", "2025-00-10", "2025-10-00", "2025-10-32", "abcd", "٢٠٢٥-١٠-٢٣",
		"2025-10-23T00:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct date_ymd d = { 7, 7, 7 };
		if (dates_parse_iso(bad[i], &d) != -1)
			fail_msg("\"%s\" should be rejected", bad[i]);
		assert_ymd(&d, 7, 7, 7);   /* untouched */
	}
	struct date_ymd d = { 7, 7, 7 };
	assert_int_equal(dates_parse_iso(NULL, &d), -1);
	assert_int_equal(dates_parse_iso("2025", NULL), -1);
}

static void test_format(void **state)
{
	(void)state;
	char buf[11];
	struct date_ymd full = { 2025, 10, 23 }, month = { 2024, 12, 0 }, year = { 2025, 0, 0 };
	struct date_ymd unknown = { 0, 0, 0 }, yearless = { 0, 10, 25 }, early = { 987, 1, 2 };
	assert_string_equal(dates_format(&full, buf), "2025-10-23");
	assert_ptr_equal(dates_format(&full, buf), buf);
	assert_string_equal(dates_format(&month, buf), "2024-12");
	assert_string_equal(dates_format(&year, buf), "2025");
	assert_string_equal(dates_format(&unknown, buf), "????");
	assert_string_equal(dates_format(&yearless, buf), "????" "-10-25"); /* split: "??-" is a trigraph */
	assert_string_equal(dates_format(&early, buf), "0987-01-02");
}

static void test_iso_round_trip(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2025-10-23", "2025-10-25", "2024-12-24", "2024-12", "2025", "2024-02-29",
		"1999-01-01", "2026-01-02", "0001-01-01", "9999-12-31",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct date_ymd d;
		char buf[11];
		assert_int_equal(dates_parse_iso(good[i], &d), 0);
		assert_true(dates_valid(&d));
		assert_string_equal(dates_format(&d, buf), good[i]);
	}
}

static void test_valid(void **state)
{
	(void)state;
	struct date_ymd ok[] = {
		{ 2024, 2, 29 }, { 2000, 2, 29 }, { 2025, 2, 28 }, { 2025, 12, 31 },
		{ 2025, 10, 0 }, { 2025, 0, 0 }, { 0, 2, 29 }, { 0, 10, 25 }, { 2025, 4, 30 },
	};
	struct date_ymd bad[] = {
		{ 2025, 2, 29 }, { 1900, 2, 29 }, { 2025, 2, 30 }, { 2025, 2, 31 },
		{ 2025, 4, 31 }, { 2025, 10, 32 }, { 2025, 13, 1 }, { 2025, 0, 5 },
		{ 2025, -1, 1 }, { 2025, 1, -1 }, { -5, 1, 1 }, { 0, 2, 30 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_true(dates_valid(&ok[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(dates_valid(&bad[i]));
}

static int cmp_qsort(const void *a, const void *b)
{
	return dates_compare(a, b);
}

static void test_compare(void **state)
{
	(void)state;
	/* The expected order. */
	const struct date_ymd sorted[] = {
		{ 2024, 12, 0 }, { 2024, 12, 24 }, { 2025, 0, 0 }, { 2025, 1, 1 },
		{ 2025, 10, 0 }, { 2025, 10, 23 }, { 2025, 10, 25 }, { 2025, 10, 26 },
		{ 2026, 1, 2 }, { 0, 1, 5 }, { 0, 10, 25 },
	};
	const size_t n = sizeof sorted / sizeof sorted[0];
	struct date_ymd shuffled[sizeof sorted / sizeof sorted[0]];
	for (size_t i = 0; i < n; i++)
		shuffled[i] = sorted[(i * 7 + 3) % n];
	qsort(shuffled, n, sizeof shuffled[0], cmp_qsort);
	for (size_t i = 0; i < n; i++)
		assert_ymd(&shuffled[i], sorted[i].y, sorted[i].m, sorted[i].d);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(dates_compare(&sorted[i], &sorted[i]), 0);
		for (size_t j = i + 1; j < n; j++) {
			assert_true(dates_compare(&sorted[i], &sorted[j]) < 0);
			assert_true(dates_compare(&sorted[j], &sorted[i]) > 0);
		}
	}
	struct date_ymd u = { 0, 0, 0 }, y = { 1, 1, 1 };
	assert_true(dates_compare(&y, &u) < 0);
	assert_true(dates_compare(&u, &y) > 0);
}

/* ---- forms, language by language ------------------------------------------ */

static void test_french_forms(void **state)
{
	(void)state;
	expect_one("Il a dit le 23 octobre 2025 à Hanoi.", NULL, "23 octobre 2025", 2025, 10, 23, 0);
	expect_one("Rendez-vous le 25 octobre.", NULL, "25 octobre", 0, 10, 25, 1);
	expect_one("Depuis le 1er janvier 2025, tout change.", NULL, "1er janvier 2025", 2025, 1, 1,
	           0);
	expect_one("Adoptée (décembre 2024) à New York", NULL, "décembre 2024", 2024, 12, 0, 0);
	expect_one("Adoptée en decembre 2024", NULL, "decembre 2024", 2024, 12, 0, 0);
	expect_one("le 3 FÉVRIER 2025", NULL, "3 FÉVRIER 2025", 2025, 2, 3, 0);
	expect_one("le 3 fevrier 2025", NULL, "3 fevrier 2025", 2025, 2, 3, 0);
	expect_one("le 15 août 2025", NULL, "15 août 2025", 2025, 8, 15, 0);
	expect_one("le 15 aout 2025", NULL, "15 aout 2025", 2025, 8, 15, 0);
	expect_one("le 15 AOÛT 2025", NULL, "15 AOÛT 2025", 2025, 8, 15, 0);
	expect_range("qui se tiendra à Hanoi du 25 au 26 octobre.", NULL, "du 25 au 26 octobre", 0,
	             10, 25, 0, 10, 26, 1);
	expect_range("les 25 et 26 octobre 2025", NULL, "25 et 26 octobre 2025", 2025, 10, 25, 2025,
	             10, 26, 0);
	expect_range("entre le 25 et le 26 octobre 2025", NULL, "entre le 25 et le 26 octobre 2025",
	             2025, 10, 25, 2025, 10, 26, 0);
	expect_range("du 30 octobre au 2 novembre", NULL, "du 30 octobre au 2 novembre", 0, 10, 30,
	             0, 11, 2, 1);
	expect_range("du 30 octobre au 2 novembre 2025", NULL, "du 30 octobre au 2 novembre 2025",
	             2025, 10, 30, 2025, 11, 2, 0);
	expect_range("du 30 décembre au 2 janvier 2026", NULL, "du 30 décembre au 2 janvier 2026",
	             2025, 12, 30, 2026, 1, 2, 0);
	/* "du" of a single date is not part of it. */
	expect_one("Le matin du 23 octobre, au Centre", NULL, "23 octobre", 0, 10, 23, 1);
}

static void test_indonesian_forms(void **state)
{
	(void)state;
	expect_one("pada 25 Oktober 2025 di Hanoi", NULL, "25 Oktober 2025", 2025, 10, 25, 0);
	expect_one("pada tanggal 24 Desember 2024 (waktu New York, AS)", NULL, "24 Desember 2024",
	           2024, 12, 24, 0);
	expect_one("diadopsi pada Desember 2024.", NULL, "Desember 2024", 2024, 12, 0, 0);
	expect_one("Pada sore hari tanggal 25 Oktober, di Markas", NULL, "25 Oktober", 0, 10, 25, 1);
	expect_one("17 Agustus 1945", NULL, "17 Agustus 1945", 1945, 8, 17, 0);
	expect_one("1 Maret 2025", NULL, "1 Maret 2025", 2025, 3, 1, 0);
	expect_range("pada tanggal 25-26 Oktober 2025, dan", NULL, "25-26 Oktober 2025", 2025, 10, 25,
	             2025, 10, 26, 0);
	expect_range("pada tanggal 25\xe2\x80\x93" "26 Oktober 2025", NULL,
	             "25\xe2\x80\x93" "26 Oktober 2025", 2025, 10, 25, 2025, 10, 26, 0);
	expect_range("pada 25 - 26 Oktober", NULL, "25 - 26 Oktober", 0, 10, 25, 0, 10, 26, 1);
	expect_range("pada 25 dan 26 Oktober", NULL, "25 dan 26 Oktober", 0, 10, 25, 0, 10, 26, 1);
	expect_range("dari 25 hingga 26 Oktober 2025", NULL, "dari 25 hingga 26 Oktober 2025", 2025,
	             10, 25, 2025, 10, 26, 0);
	expect_range("30 Oktober - 2 November 2025", NULL, "30 Oktober - 2 November 2025", 2025, 10,
	             30, 2025, 11, 2, 0);
}

static void test_english_forms(void **state)
{
	(void)state;
	expect_one("Signed on October 25, 2025 in Hanoi", NULL, "October 25, 2025", 2025, 10, 25, 0);
	expect_one("Signed on Oct. 25, 2025.", NULL, "Oct. 25, 2025", 2025, 10, 25, 0);
	expect_one("Signed on October 25 in Hanoi", NULL, "October 25", 0, 10, 25, 1);
	/* A sentence-final dot after an abbreviation is left out. */
	expect_one("It opens on 25 Oct.", NULL, "25 Oct", 0, 10, 25, 1);
	expect_one("adopted in December 2024.", NULL, "December 2024", 2024, 12, 0, 0);
	expect_one("on 25 October 2025", NULL, "25 October 2025", 2025, 10, 25, 0);
	expect_one("on the 25th of October 2025", NULL, "25th of October 2025", 2025, 10, 25, 0);
	expect_one("March 3rd", NULL, "March 3rd", 0, 3, 3, 1);
	expect_one("the 21st October", NULL, "21st October", 0, 10, 21, 1);
	expect_one("the 11th October", NULL, "11th October", 0, 10, 11, 1);
	/* A wrong ordinal suffix is no day. */
	expect_none("the 25st October");
	expect_none("le 2er octobre");
	expect_range("October 25-26, 2025", NULL, "October 25-26, 2025", 2025, 10, 25, 2025, 10, 26,
	             0);
	expect_range("from October 25 to 26", NULL, "from October 25 to 26", 0, 10, 25, 0, 10, 26,
	             1);
	expect_range("October 30 \xe2\x80\x93 November 2, 2025", NULL,
	             "October 30 \xe2\x80\x93 November 2, 2025", 2025, 10, 30, 2025, 11, 2, 0);
}

static void test_arabic_forms(void **state)
{
	(void)state;
	expect_one("في 23 أكتوبر 2025", NULL, "23 أكتوبر 2025", 2025, 10, 23, 0);
	expect_one("في 23 اكتوبر 2025", NULL, "23 اكتوبر 2025", 2025, 10, 23, 0);
	expect_one("يوم 23 أكتوبر/تشرين الأول، تفقد", NULL, "23 أكتوبر/تشرين الأول", 0, 10, 23, 1);
	expect_one("يوم 23 تشرين الأول 2025", NULL, "23 تشرين الأول 2025", 2025, 10, 23, 0);
	expect_one("يوم 23 أكتوبر (تشرين الأول) 2025", NULL, "23 أكتوبر (تشرين الأول) 2025", 2025,
	           10, 23, 0);
	expect_one("(ديسمبر/كانون الأول 2024)", NULL, "ديسمبر/كانون الأول 2024", 2024, 12, 0, 0);
	expect_one("في ديسمبر 2024", NULL, "ديسمبر 2024", 2024, 12, 0, 0);
	expect_one("في ٢٣ أكتوبر ٢٠٢٥", NULL, "٢٣ أكتوبر ٢٠٢٥", 2025, 10, 23, 0);
	expect_one("في ٢٣ أكتوبر/تشرين الأول", NULL, "٢٣ أكتوبر/تشرين الأول", 0, 10, 23, 1);
	expect_one("عام 2025م في 5 أبريل 2025م", NULL, "5 أبريل 2025م", 2025, 4, 5, 0);
	expect_one("وفي أغسطس/آب 2024 وتموز", NULL, "أغسطس/آب 2024", 2024, 8, 0, 0);
	expect_range("الذي سيعقد في هانوي من 25 إلى 26 أكتوبر/تشرين الأول.", NULL,
	             "من 25 إلى 26 أكتوبر/تشرين الأول", 0, 10, 25, 0, 10, 26, 1);
	expect_range("من 25 الى 26 أكتوبر 2025", NULL, "من 25 الى 26 أكتوبر 2025", 2025, 10, 25,
	             2025, 10, 26, 0);
	expect_range("من ٢٥ إلى ٢٦ أكتوبر", NULL, "من ٢٥ إلى ٢٦ أكتوبر", 0, 10, 25, 0, 10, 26, 1);
	expect_range("يومي 25 و26 أكتوبر", NULL, "25 و26 أكتوبر", 0, 10, 25, 0, 10, 26, 1);
	expect_range("في 25-26 أكتوبر/تشرين الأول 2025", NULL, "25-26 أكتوبر/تشرين الأول 2025", 2025,
	             10, 25, 2025, 10, 26, 0);
}

/* Every month name of every language, as "1 <name> 2025" and "<name> 2025". */
static void test_month_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int m;
	} names[] = {
		{ "January", 1 }, { "February", 2 }, { "March", 3 }, { "April", 4 }, { "May", 5 },
		{ "June", 6 }, { "July", 7 }, { "August", 8 }, { "September", 9 },
		{ "October", 10 }, { "November", 11 }, { "December", 12 },
		{ "Jan", 1 }, { "Feb", 2 }, { "Mar", 3 }, { "Apr", 4 }, { "Jun", 6 }, { "Jul", 7 },
		{ "Aug", 8 }, { "Sep", 9 }, { "Sept", 9 }, { "Oct", 10 }, { "Nov", 11 }, { "Dec", 12 },
		{ "janvier", 1 }, { "février", 2 }, { "fevrier", 2 }, { "mars", 3 }, { "avril", 4 },
		{ "mai", 5 }, { "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "aout", 8 },
		{ "septembre", 9 }, { "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 },
		{ "decembre", 12 }, { "OCTOBRE", 10 }, { "Décembre", 12 },
		{ "Januari", 1 }, { "Februari", 2 }, { "Maret", 3 }, { "Mei", 5 }, { "Juni", 6 },
		{ "Juli", 7 }, { "Agustus", 8 }, { "Oktober", 10 }, { "Desember", 12 },
		{ "يناير", 1 }, { "فبراير", 2 }, { "مارس", 3 }, { "أبريل", 4 }, { "ابريل", 4 },
		{ "إبريل", 4 }, { "مايو", 5 }, { "يونيو", 6 }, { "يوليو", 7 }, { "أغسطس", 8 },
		{ "سبتمبر", 9 }, { "أكتوبر", 10 }, { "اكتوبر", 10 }, { "نوفمبر", 11 },
		{ "ديسمبر", 12 },
		{ "كانون الثاني", 1 }, { "شباط", 2 }, { "آذار", 3 }, { "نيسان", 4 }, { "أيار", 5 },
		{ "حزيران", 6 }, { "تموز", 7 }, { "آب", 8 }, { "أيلول", 9 }, { "تشرين الأول", 10 },
		{ "تشرين الثاني", 11 }, { "كانون الأول", 12 },
		{ "يناير/كانون الثاني", 1 }, { "فبراير/شباط", 2 }, { "أكتوبر/تشرين الأول", 10 },
		{ "نوفمبر/تشرين الثاني", 11 }, { "ديسمبر/كانون الأول", 12 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char text[160], slice[128];
		snprintf(slice, sizeof slice, "1 %s 2025", names[i].name);
		snprintf(text, sizeof text, "x %s.", slice);
		expect_one(text, NULL, slice, 2025, names[i].m, 1, 0);
		snprintf(slice, sizeof slice, "%s 2025", names[i].name);
		snprintf(text, sizeof text, "(%s)", slice);
		expect_one(text, NULL, slice, 2025, names[i].m, 0, 0);
	}
}

/* ---- languages beyond the first four: one table each ---------------------- */

struct case_one {
	const char *text, *slice;
	int y, m, d, inferred;
};

static void expect_cases(const struct case_one *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_one(c[i].text, NULL, c[i].slice, c[i].y, c[i].m, c[i].d, c[i].inferred);
}

#define CASES(a) expect_cases(a, sizeof a / sizeof a[0])

static void test_european_tables(void **state)
{
	(void)state;
	static const struct case_one c[] = {
		/* es */
		{ "el 10 de marzo de 2024 en Madrid", "10 de marzo de 2024", 2024, 3, 10, 0 },
		{ "el 1 de enero del 2025", "1 de enero del 2025", 2025, 1, 1, 0 },
		{ "en septiembre de 2024", "septiembre de 2024", 2024, 9, 0, 0 },
		{ "el 5 de setiembre", "5 de setiembre", 0, 9, 5, 1 },
		{ "el 1º de mayo de 2024", "1º de mayo de 2024", 2024, 5, 1, 0 },
		/* pt */
		{ "em 10 de março de 2024", "10 de março de 2024", 2024, 3, 10, 0 },
		{ "em 10 de marco de 2024", "10 de marco de 2024", 2024, 3, 10, 0 },
		{ "desde outubro de 2023", "outubro de 2023", 2023, 10, 0, 0 },
		{ "a 7 de fevereiro", "7 de fevereiro", 0, 2, 7, 1 },
		/* de */
		{ "am 10. März 2024 in Berlin", "10. März 2024", 2024, 3, 10, 0 },
		{ "am 10. MÄRZ 2024", "10. MÄRZ 2024", 2024, 3, 10, 0 },
		{ "am 3. Dezember", "3. Dezember", 0, 12, 3, 1 },
		{ "im Jänner 2025", "Jänner 2025", 2025, 1, 0, 0 },
		{ "am 5. Okt. 2024", "5. Okt. 2024", 2024, 10, 5, 0 },
		/* it */
		{ "il 10 marzo 2024 a Roma", "10 marzo 2024", 2024, 3, 10, 0 },
		{ "il 1º maggio", "1º maggio", 0, 5, 1, 1 },
		{ "nel giugno 2024", "giugno 2024", 2024, 6, 0, 0 },
		/* nl */
		{ "op 10 maart 2024", "10 maart 2024", 2024, 3, 10, 0 },
		{ "op 1 mei", "1 mei", 0, 5, 1, 1 },
		{ "in augustus 2024", "augustus 2024", 2024, 8, 0, 0 },
		/* tr */
		{ "10 Mart 2024 tarihinde", "10 Mart 2024", 2024, 3, 10, 0 },
		{ "10 Mart'ta", "10 Mart", 0, 3, 10, 1 },
		{ "MAYIS 2024", "MAYIS 2024", 2024, 5, 0, 0 },
		{ "29 Şubat 2024", "29 Şubat 2024", 2024, 2, 29, 0 },
		{ "1 Ağustos 2024", "1 Ağustos 2024", 2024, 8, 1, 0 },
		{ "3 aralık", "3 aralık", 0, 12, 3, 1 },
		/* ru: nominative, genitive, locative, abbreviations, year words */
		{ "5 марта 2024 года в Москве", "5 марта 2024 года", 2024, 3, 5, 0 },
		{ "5 марта 2024 г. в Москве", "5 марта 2024 г", 2024, 3, 5, 0 },
		{ "в марте 2024 года", "марте 2024 года", 2024, 3, 0, 0 },
		{ "март 2024", "март 2024", 2024, 3, 0, 0 },
		{ "1 мая", "1 мая", 0, 5, 1, 1 },
		{ "12 ЯНВАРЯ 2025", "12 ЯНВАРЯ 2025", 2025, 1, 12, 0 },
		{ "12 янв. 2025", "12 янв. 2025", 2025, 1, 12, 0 },
		{ "31 декабря 2024г.", "31 декабря 2024г", 2024, 12, 31, 0 },
		/* uk */
		{ "15 березня 2024 року", "15 березня 2024 року", 2024, 3, 15, 0 },
		{ "1 лютого", "1 лютого", 0, 2, 1, 1 },
		{ "у листопаді 2023 р.", "листопаді 2023 р", 2023, 11, 0, 0 },
		{ "24 серпня 1991 року", "24 серпня 1991 року", 1991, 8, 24, 0 },
	};
	CASES(c);
	expect_range("del 10 al 12 de marzo de 2024", NULL, "del 10 al 12 de marzo de 2024", 2024,
	             3, 10, 2024, 3, 12, 0);
	expect_range("entre 10 y 12 de marzo", NULL, "entre 10 y 12 de marzo", 0, 3, 10, 0, 3, 12,
	             1);
	expect_range("de 10 a 12 de março de 2024", NULL, "de 10 a 12 de março de 2024", 2024, 3,
	             10, 2024, 3, 12, 0);
	expect_range("vom 10. bis 12. März 2024", NULL, "vom 10. bis 12. März 2024", 2024, 3, 10,
	             2024, 3, 12, 0);
	expect_range("dal 10 al 12 marzo 2024", NULL, "dal 10 al 12 marzo 2024", 2024, 3, 10, 2024,
	             3, 12, 0);
	expect_range("van 10 tot 12 maart", NULL, "van 10 tot 12 maart", 0, 3, 10, 0, 3, 12, 1);
	expect_range("с 5 по 7 марта 2024 года", NULL, "с 5 по 7 марта 2024 года", 2024, 3, 5,
	             2024, 3, 7, 0);
	expect_range("з 1 по 3 квітня", NULL, "з 1 по 3 квітня", 0, 4, 1, 0, 4, 3, 1);
	expect_range("10-12 Mart 2024", NULL, "10-12 Mart 2024", 2024, 3, 10, 2024, 3, 12, 0);
	expect_range("30 марта – 2 апреля 2024 года", NULL, "30 марта – 2 апреля 2024 года", 2024,
	             3, 30, 2024, 4, 2, 0);
}

static void test_rtl_and_indic_tables(void **state)
{
	(void)state;
	static const struct case_one c[] = {
		/* he: the month takes a glued preposition */
		{ "ב-12 במרץ 2024 נערך", "12 במרץ 2024", 2024, 3, 12, 0 },
		{ "12 במרס 2024", "12 במרס 2024", 2024, 3, 12, 0 },
		{ "ביום 1 בינואר", "1 בינואר", 0, 1, 1, 1 },
		{ "עד סוף דצמבר 2024", "דצמבר 2024", 2024, 12, 0, 0 },
		{ "במאי 2023", "במאי 2023", 2023, 5, 0, 0 },
		{ "ובאוקטובר 2023", "ובאוקטובר 2023", 2023, 10, 0, 0 },
		/* fa: Persian digits and names, مارچ */
		{ "در ۱۰ مارس ۲۰۲۴ گفت", "۱۰ مارس ۲۰۲۴", 2024, 3, 10, 0 },
		{ "۱۰ مارچ ۲۰۲۴", "۱۰ مارچ ۲۰۲۴", 2024, 3, 10, 0 },
		{ "۵ ژانویه ۲۰۲۵ میلادی", "۵ ژانویه ۲۰۲۵ میلادی", 2025, 1, 5, 0 },
		{ "در اکتبر ۲۰۲۳", "اکتبر ۲۰۲۳", 2023, 10, 0, 0 },
		{ "۲۱ ژوئن", "۲۱ ژوئن", 0, 6, 21, 1 },
		/* ar: Arabic-Indic digits (as before) */
		{ "في ١٠ مارس ٢٠٢٤", "١٠ مارس ٢٠٢٤", 2024, 3, 10, 0 },
		/* hi: Devanagari and ASCII digits, nukta or not */
		{ "10 मार्च 2024 को", "10 मार्च 2024", 2024, 3, 10, 0 },
		{ "१० मार्च २०२४ को", "१० मार्च २०२४", 2024, 3, 10, 0 },
		{ "5 फ़रवरी 2024", "5 फ़रवरी 2024", 2024, 2, 5, 0 },
		{ "5 फरवरी 2024", "5 फरवरी 2024", 2024, 2, 5, 0 },
		{ "सितंबर 2023 में", "सितंबर 2023", 2023, 9, 0, 0 },
		/* th: Buddhist era, Thai digits, abbreviations, names inside runs */
		{ "เมื่อวันที่ 10 มีนาคม 2567", "10 มีนาคม 2567", 2024, 3, 10, 0 },
		{ "๑๐ มีนาคม ๒๕๖๗", "๑๐ มีนาคม ๒๕๖๗", 2024, 3, 10, 0 },
		{ "10 มี.ค. 2567", "10 มี.ค. 2567", 2024, 3, 10, 0 },
		{ "10 มีนาคม พ.ศ. 2567", "10 มีนาคม พ.ศ. 2567", 2024, 3, 10, 0 },
		{ "10 มีนาคม ค.ศ. 2024", "10 มีนาคม ค.ศ. 2024", 2024, 3, 10, 0 },
		{ "10 มีนาคม 2024", "10 มีนาคม 2024", 2024, 3, 10, 0 },
		{ "ในเดือนมีนาคม 2567", "มีนาคม 2567", 2024, 3, 0, 0 },
		{ "10 มีนาคมที่ผ่านมา", "10 มีนาคม", 0, 3, 10, 1 },
	};
	CASES(c);
	expect_range("من ١٠ إلى ١٢ مارس", NULL, "من ١٠ إلى ١٢ مارس", 0, 3, 10, 0, 3, 12, 1);
	expect_range("10-12 במרץ 2024", NULL, "10-12 במרץ 2024", 2024, 3, 10, 2024, 3, 12, 0);
	expect_range("از ۱۰ تا ۱۲ مارس", NULL, "از ۱۰ تا ۱۲ مارس", 0, 3, 10, 0, 3, 12, 1);
	expect_range("10 से 12 मार्च 2024", NULL, "10 से 12 मार्च 2024", 2024, 3, 10, 2024, 3, 12,
	             0);
}

static void test_unit_word_tables(void **state)
{
	(void)state;
	static const struct case_one c[] = {
		/* zh, ja: units after the numbers, glued to the text around */
		{ "2024年3月10日，北京", "2024年3月10日", 2024, 3, 10, 0 },
		{ "据报道2024年3月10日", "2024年3月10日", 2024, 3, 10, 0 },
		{ "３月１０日", "３月１０日", 0, 3, 10, 1 },
		{ "２０２４年３月１０日", "２０２４年３月１０日", 2024, 3, 10, 0 },
		{ "2024年3月", "2024年3月", 2024, 3, 0, 0 },
		{ "3月10号", "3月10号", 0, 3, 10, 1 },
		{ "令和6年3月10日に", "令和6年3月10日", 2024, 3, 10, 0 },
		{ "平成31年4月30日", "平成31年4月30日", 2019, 4, 30, 0 },
		/* ko: with or without spaces */
		{ "2024년 3월 10일에", "2024년 3월 10일", 2024, 3, 10, 0 },
		{ "2024년3월10일", "2024년3월10일", 2024, 3, 10, 0 },
		{ "3월 10일", "3월 10일", 0, 3, 10, 1 },
		/* vi: units before the numbers */
		{ "Hà Nội, ngày 10 tháng 3 năm 2024.", "ngày 10 tháng 3 năm 2024", 2024, 3, 10, 0 },
		{ "10 tháng 3 năm 2024", "10 tháng 3 năm 2024", 2024, 3, 10, 0 },
		{ "ngày 10 tháng 3", "ngày 10 tháng 3", 0, 3, 10, 1 },
		{ "tháng 3 năm 2024", "tháng 3 năm 2024", 2024, 3, 0, 0 },
		{ "NGÀY 10 THÁNG 3 NĂM 2024", "NGÀY 10 THÁNG 3 NĂM 2024", 2024, 3, 10, 0 },
	};
	CASES(c);
}

/* Every month name of the newer tables, as "1 <name> 2025" and "<name> 2025". */
static void test_month_names_more(void **state)
{
	(void)state;
	static const char *const names[][12] = {
		{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		  "septiembre", "octubre", "noviembre", "diciembre" },
		{ "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
		  "setembro", "outubro", "novembro", "dezembro" },
		{ "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
		  "September", "Oktober", "November", "Dezember" },
		{ "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		  "settembre", "ottobre", "novembre", "dicembre" },
		{ "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		  "september", "oktober", "november", "december" },
		{ "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
		  "Ekim", "Kasım", "Aralık" },
		{ "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
		  "сентября", "октября", "ноября", "декабря" },
		{ "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
		  "сентябрь", "октябрь", "ноябрь", "декабрь" },
		{ "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
		  "вересня", "жовтня", "листопада", "грудня" },
		{ "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر",
		  "اکتبر", "نوامبر", "دسامبر" },
		{ "בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט",
		  "בספטמבר", "באוקטובר", "בנובמבר", "בדצמבר" },
		{ "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
		  "अक्टूबर", "नवंबर", "दिसंबर" },
		{ "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
		  "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม" },
		{ "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
		  "พ.ย.", "ธ.ค." },
	};
	for (size_t l = 0; l < sizeof names / sizeof names[0]; l++)
		for (int k = 0; k < 12; k++) {
			char text[160], slice[128];
			snprintf(slice, sizeof slice, "1 %s 2025", names[l][k]);
			snprintf(text, sizeof text, "x %s", slice);
			expect_one(text, NULL, slice, 2025, k + 1, 1, 0);
			snprintf(slice, sizeof slice, "%s 2025", names[l][k]);
			snprintf(text, sizeof text, "(%s)", slice);
			expect_one(text, NULL, slice, 2025, k + 1, 0, 0);
		}
}

static void test_more_not_dates(void **state)
{
	(void)state;
	expect_none("Су27 марта");             /* a number glued to a Cyrillic word */
	expect_none("A320 März");
	expect_none("10 out of 12");           /* no "out" (Portuguese outubro) */
	expect_none("3 set 2024");             /* nor "set" */
	expect_none("2024年");                 /* a year alone */
	expect_none("3月");                    /* a month alone */
	expect_none("10日");                   /* a day alone */
	expect_none("2024年13月");             /* no month 13 */
	expect_none("2024年2月30日");          /* no 30 February */
	expect_none("ngày 10");
	expect_none("năm 2024");
	expect_none("tháng 3");
	expect_none("32 марта 2024");
	expect_none("31 апреля");
	expect_none("31 Nisan 2024");
	expect_none("29 лютого 2023");
	expect_none("10 מרצים");               /* not a month name */
	expect_none("5 ב");
	expect_none("ภายใน 10 วัน");           /* "within 10 days" */
	expect_none("2567");
	expect_none("พ.ศ. 2567");              /* an era year without a month */
	expect_none("Kapitel 10. Danach");
	expect_none("den 10. Platz");
	expect_none("10 de los 12 diputados");
	/* an arabic prefix is cut only at the start of a mention */
	expect_one("وأغسطس 2024", NULL, "أغسطس 2024", 2024, 8, 0, 0);
}

/* Dates written in numbers: year first (ISO), day first with dots, and
 * with slashes or dashes only when the day is certain; never inside a
 * path, a URL, a version or a longer run of numbers. The ordinal "1.º"
 * and a degree sign typed for it. */
static void test_numeric_forms(void **state)
{
	(void)state;
	expect_one("Diterbitkan 2025-10-25 pukul 10.00", NULL, "2025-10-25", 2025, 10, 25, 0);
	expect_one("publié le 2025/10/25", NULL, "2025/10/25", 2025, 10, 25, 0);
	expect_one("am 25.10.2025 in Hanoi", NULL, "25.10.2025", 2025, 10, 25, 0);
	expect_one("Es geschah am 1.3.2024.", NULL, "1.3.2024", 2024, 3, 1, 0);
	expect_one("le 25/10/2025, à Hanoï", NULL, "25/10/2025", 2025, 10, 25, 0);
	expect_one("tanggal 25-10-2025", NULL, "25-10-2025", 2025, 10, 25, 0);
	expect_one("on 10/13/2024 in Ohio", NULL, "10/13/2024", 2024, 10, 13, 0);
	expect_one("(3/3/2025)", NULL, "3/3/2025", 2025, 3, 3, 0);
	expect_one("في ٢٥/١٠/٢٠٢٥", NULL, "٢٥/١٠/٢٠٢٥", 2025, 10, 25, 0);
	const struct want two[] = {
		{ "25.10.2025", 2025, 10, 25, 2025, 10, 25, 0 },
		{ "26.10.2025", 2025, 10, 26, 2025, 10, 26, 0 },
	};
	expect("vom 25.10.2025 bis 26.10.2025", NULL, two, 2);
	expect_none("on 10/3/2024");                     /* 10 March or 3 October */
	expect_none("https://x.example/2025/10/25/story"); /* a path */
	expect_none("v1.2.2025");                        /* glued to a word */
	expect_none("1.2.3.2025");
	expect_none("2025-10-25-1");
	expect_none("2025-10-25T10:00");
	expect_none("31/02/2025");
	expect_none("2025/13/01");
	expect_none("25/10/25");                          /* a year of two digits */
	expect_none("ref 25/10/2025x");
	expect_one("el 1.º de mayo de 2025", NULL, "1.º de mayo de 2025", 2025, 5, 1, 0);
	expect_one("el 1° de mayo de 2025", NULL, "1° de mayo de 2025", 2025, 5, 1, 0);
	expect_none("hizo 25°C en mayo");                 /* a temperature */
}

/* The order of day and month in "10/3/2024": by the text's language,
 * English by its region; unknown, such a date is not read. */
static void test_numeric_order(void **state)
{
	(void)state;
	assert_int_equal(dates_order_of("fr"), DATES_ORDER_DMY);
	assert_int_equal(dates_order_of("id"), DATES_ORDER_DMY);
	assert_int_equal(dates_order_of("ar"), DATES_ORDER_DMY);
	assert_int_equal(dates_order_of("pt-BR"), DATES_ORDER_DMY);
	assert_int_equal(dates_order_of("en-GB"), DATES_ORDER_DMY);
	assert_int_equal(dates_order_of("en-us"), DATES_ORDER_MDY);
	assert_int_equal(dates_order_of("en-Latn-US"), DATES_ORDER_MDY);
	assert_int_equal(dates_order_of("en"), DATES_ORDER_UNKNOWN);
	assert_int_equal(dates_order_of("zh-Hant"), DATES_ORDER_UNKNOWN);
	assert_int_equal(dates_order_of("und"), DATES_ORDER_UNKNOWN);
	assert_int_equal(dates_order_of("xx"), DATES_ORDER_UNKNOWN);
	assert_int_equal(dates_order_of(NULL), DATES_ORDER_UNKNOWN);
	const char *text = "le 10/3/2024, puis le 25/10/2024";
	struct date_mention *m;
	size_t n;
	assert_int_equal(dates_find_ordered(text, strlen(text), NULL, DATES_ORDER_DMY, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_ymd(&m[0].from, 2024, 3, 10);
	assert_ymd(&m[1].from, 2024, 10, 25);
	free(m);
	assert_int_equal(dates_find_ordered(text, strlen(text), NULL, DATES_ORDER_MDY, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_ymd(&m[0].from, 2024, 10, 3);
	assert_ymd(&m[1].from, 2024, 10, 25);           /* certain either way */
	free(m);
	/* the order unknown: "25/10/2024" shows the day comes first */
	assert_int_equal(dates_find_ordered(text, strlen(text), NULL, DATES_ORDER_UNKNOWN, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_ymd(&m[0].from, 2024, 3, 10);
	free(m);
	const char *us = "on 10/3/2024, then on 10/25/2024";
	assert_int_equal(dates_find_ordered(us, strlen(us), NULL, DATES_ORDER_UNKNOWN, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_ymd(&m[0].from, 2024, 10, 3);
	free(m);
	/* nothing to tell by, or the text says both: not read */
	const char *both = "10/3/2024, 25/10/2024 and 10/25/2024";
	assert_int_equal(dates_find_ordered(both, strlen(both), NULL, DATES_ORDER_UNKNOWN, &m, &n), 0);
	assert_int_equal(n, 2);
	assert_ymd(&m[0].from, 2024, 10, 25);
	free(m);
	/* years of other calendars are not read as Gregorian ones */
	const char *hijri = "1446/04/20 ، ۱۴۰۳/۰۱/۱۵ و 25/10/2567";
	assert_int_equal(dates_find_ordered(hijri, strlen(hijri), NULL, DATES_ORDER_DMY, &m, &n), 0);
	assert_int_equal(n, 0);
	free(m);
}

/* Ranges of dates with unit words: a connector (至, 到, a dash, a tilde)
 * and a day, or a month and a day; the days before their unit
 * ("25-26日"); across a new year. A range that runs backwards is not
 * read. */
static void test_unit_ranges(void **state)
{
	(void)state;
	const struct date_ymd ctx = { 2025, 10, 20 };
	expect_range("会议于2025年10月25日至26日举行", NULL, "2025年10月25日至26日", 2025, 10, 25,
	             2025, 10, 26, 0);
	expect_range("10月25日到26日", &ctx, "10月25日到26日", 2025, 10, 25, 2025, 10, 26, 1);
	expect_range("10月25-26日", &ctx, "10月25-26日", 2025, 10, 25, 2025, 10, 26, 1);
	expect_range("10月30日至11月2日", &ctx, "10月30日至11月2日", 2025, 10, 30, 2025, 11, 2, 1);
	expect_range("2025年10月25日～26日", NULL, "2025年10月25日～26日", 2025, 10, 25, 2025, 10, 26, 0);
	expect_range("2025년 10월 25일~26일", NULL, "2025년 10월 25일~26일", 2025, 10, 25, 2025, 10,
	             26, 0);
	expect_range("10월 25~26일", &ctx, "10월 25~26일", 2025, 10, 25, 2025, 10, 26, 1);
	expect_range("2024年12月30日至1月2日", NULL, "2024年12月30日至1月2日", 2024, 12, 30, 2025, 1,
	             2, 0);
	expect_range("10月25日から26日まで開かれる", &ctx, "10月25日から26日まで", 2025, 10, 25, 2025,
	             10, 26, 1);
	expect_range("10月30日から11月2日", &ctx, "10月30日から11月2日", 2025, 10, 30, 2025, 11, 2, 1);
	expect_none("10月25日至24日");
	expect_none("2025年2月28日至30日");
	/* a comma is not a range: the first day alone */
	expect_one("10月25日，26日", &ctx, "10月25日", 2025, 10, 25, 1);
}

/* ---- the corpus ------------------------------------------------------------ */

static void test_corpus_sentences(void **state)
{
	(void)state;
	{
		const char *fr = "Le matin du 23 octobre, au Centre national des congrès, le président "
		                 "Luong Cuong a inspecté la répétition ... qui se tiendra à Hanoi du "
		                 "25 au 26 octobre.";
		const struct want w[] = {
			{ "23 octobre", 0, 10, 23, 0, 10, 23, 1 },
			{ "du 25 au 26 octobre", 0, 10, 25, 0, 10, 26, 1 },
		};
		expect(fr, NULL, w, 2);
	}
	{
		const char *ar = "وفي صباح يوم 23 أكتوبر/تشرين الأول، تفقد الرئيس لونغ كونغ ... الذي "
		                 "سيعقد في هانوي من 25 إلى 26 أكتوبر/تشرين الأول.";
		const struct want w[] = {
			{ "23 أكتوبر/تشرين الأول", 0, 10, 23, 0, 10, 23, 1 },
			{ "من 25 إلى 26 أكتوبر/تشرين الأول", 0, 10, 25, 0, 10, 26, 1 },
		};
		expect(ar, NULL, w, 2);
	}
	expect_one("(décembre 2024)", NULL, "décembre 2024", 2024, 12, 0, 0);
	expect_one("(ديسمبر/كانون الأول 2024)", NULL, "ديسمبر/كانون الأول 2024", 2024, 12, 0, 0);
	expect_one("pada tanggal 24 Desember 2024 (waktu New York, AS)", NULL, "24 Desember 2024",
	           2024, 12, 24, 0);
	expect_range("pada tanggal 25-26 Oktober 2025", NULL, "25-26 Oktober 2025", 2025, 10, 25,
	             2025, 10, 26, 0);
	expect_one("Pada sore hari tanggal 25 Oktober", NULL, "25 Oktober", 0, 10, 25, 1);
	expect_one("kemarin pagi, 25 Oktober, menjadi momen bersejarah dengan 69 negara", NULL,
	           "25 Oktober", 0, 10, 25, 1);
}

/* The files themselves: the yearless dates take the year that puts them
 * after the stated "décembre 2024". */
static void test_corpus_files(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		struct want w[6];
		size_t n;
	} files[] = {
		{ "corpus/fr-rehearsal-vietnamplus.txt",
		  { { "23 octobre", 2025, 10, 23, 2025, 10, 23, 1 },
		    { "du 25 au 26 octobre", 2025, 10, 25, 2025, 10, 26, 1 },
		    { "décembre 2024", 2024, 12, 0, 2024, 12, 0, 0 } },
		  3 },
		{ "corpus/ar-rehearsal-vietnamplus.txt",
		  { { "23 أكتوبر/تشرين الأول", 2025, 10, 23, 2025, 10, 23, 1 },
		    { "من 25 إلى 26 أكتوبر/تشرين الأول", 2025, 10, 25, 2025, 10, 26, 1 },
		    { "ديسمبر/كانون الأول 2024", 2024, 12, 0, 2024, 12, 0, 0 } },
		  3 },
		{ "corpus/id-rehearsal-daibieunhandan.txt",
		  { { "24 Desember 2024", 2024, 12, 24, 2024, 12, 24, 0 },
		    { "25-26 Oktober 2025", 2025, 10, 25, 2025, 10, 26, 0 } },
		  2 },
		{ "corpus/id-reception-vietnamplus.txt",
		  { { "25 Oktober", 0, 10, 25, 0, 10, 25, 1 } },
		  1 },
		{ "corpus/id-discussion-baoquocte.txt",
		  { { "26 Oktober", 0, 10, 26, 0, 10, 26, 1 },
		    { "25 Oktober", 0, 10, 25, 0, 10, 25, 1 },
		    { "26 Oktober", 0, 10, 26, 0, 10, 26, 1 },
		    { "25 Oktober", 0, 10, 25, 0, 10, 25, 1 },
		    { "26 Oktober", 0, 10, 26, 0, 10, 26, 1 },
		    { "26 Oktober", 0, 10, 26, 0, 10, 26, 1 } },
		  6 },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t n;
		char *text = test_slurp(files[i].path, &n);
		expect(text, NULL, files[i].w, files[i].n);
		free(text);
	}

	/* With the article's date as context, the context gives the year. */
	size_t n, count;
	char *text = test_slurp("corpus/fr-rehearsal-vietnamplus.txt", &n);
	struct date_ymd ctx = { 2025, 10, 23 };
	struct date_mention *m = NULL;
	assert_int_equal(dates_find(text, n, &ctx, &m, &count), 0);
	assert_int_equal(count, 3);
	assert_ymd(&m[0].from, 2025, 10, 23);
	assert_ymd(&m[1].to, 2025, 10, 26);
	assert_ymd(&m[2].from, 2024, 12, 0);
	assert_int_equal(m[2].year_inferred, 0);
	free(m);
	free(text);
}

/* ---- what is not a date ---------------------------------------------------- */

static void test_numbers_are_not_dates(void **state)
{
	(void)state;
	expect_none("Dengan total 68 pasal, Konvensi ini");
	expect_none("ribuan delegasi yang mewakili 110 negara dan organisasi");
	expect_none("Sebanyak kurang lebih 1.500 delegasi asing");
	expect_none("lebih dari 1.000 delegasi dari 110 delegasi negara");
	expect_none("dengan 69 negara menandatangani");
	expect_none("sekitar 110 negara dan lebih dari 10 organisasi");
	expect_none("Comment (0) 2025 octobre");
	expect_none("post1072119.vnp");
	expect_none("Le 23, en octobre");
	expect_none("octobre");
	expect_none("25 2025");
	expect_none("A320 octobre");          /* a number glued to a word */
	expect_none("le G20 octobre");
	expect_none("10:30 octobre");         /* a time, not a day */
	expect_none("1,5 octobre");
	expect_none("25km Oktober");
	expect_none("");
	/* A number that is not a day does not make a date with a later month. */
	expect_one("110 negara, 25 Oktober", NULL, "25 Oktober", 0, 10, 25, 1);
	/* Indonesian month names do not read English-style "Oktober 25". */
	expect_none("pada Oktober 25 negara");
}

static void test_impossible_days(void **state)
{
	(void)state;
	expect_none("le 31 février 2025");
	expect_none("le 30 février");
	expect_none("le 29 février 2025");
	expect_none("le 0 octobre 2025");
	expect_none("le 32 octobre 2025");
	expect_none("31 April 2025");
	expect_none("31 نوفمبر 2025");
	expect_none("du 30 au 31 février");
	expect_none("25-32 Oktober 2025");
	expect_none("February 30, 2025");
	expect_one("le 29 février 2024", NULL, "29 février 2024", 2024, 2, 29, 0);
	expect_one("le 29 février", NULL, "29 février", 0, 2, 29, 1);
	/* A backwards range is no range: only the well-formed date remains. */
	expect_one("du 26 au 25 octobre", NULL, "25 octobre", 0, 10, 25, 1);
	{
		/* Without years, "2 novembre au 30 octobre" is two dates, not
		 * eleven months. */
		const struct want w[] = {
			{ "2 novembre", 0, 11, 2, 0, 11, 2, 1 },
			{ "30 octobre", 0, 10, 30, 0, 10, 30, 1 },
		};
		expect("du 2 novembre au 30 octobre", NULL, w, 2);
	}
}

/* ---- year inference -------------------------------------------------------- */

static void test_inference_context(void **state)
{
	(void)state;
	struct date_ymd oct = { 2025, 10, 23 }, jan = { 2025, 1, 15 }, mar = { 2025, 3, 1 };
	struct date_ymd year_only = { 2025, 0, 0 }, unknown = { 0, 10, 23 };

	expect_one("le 25 octobre", &oct, "25 octobre", 2025, 10, 25, 1);
	expect_range("du 25 au 26 octobre", &oct, "du 25 au 26 octobre", 2025, 10, 25, 2025, 10, 26,
	             1);
	/* January's article mentioning December: last December. */
	expect_one("le 5 décembre", &jan, "5 décembre", 2024, 12, 5, 1);
	expect_one("le 5 juillet", &jan, "5 juillet", 2025, 7, 5, 1);    /* 6 months: same year */
	expect_one("le 5 août", &jan, "5 août", 2024, 8, 5, 1);          /* 7 months: last year */
	expect_one("5 Oktober", &mar, "5 Oktober", 2024, 10, 5, 1);
	expect_one("5 September", &mar, "5 September", 2025, 9, 5, 1);
	/* Month unknown: the context's year as is. */
	expect_one("le 5 décembre", &year_only, "5 décembre", 2025, 12, 5, 1);
	/* No year in the context: as without context. */
	expect_one("le 5 décembre", &unknown, "5 décembre", 0, 12, 5, 1);
	/* The context beats years stated elsewhere in the text. */
	{
		const struct want w[] = {
			{ "décembre 2024", 2024, 12, 0, 2024, 12, 0, 0 },
			{ "3 mars", 2025, 3, 3, 2025, 3, 3, 1 },
			{ "24 Desember 2023", 2023, 12, 24, 2023, 12, 24, 0 },
		};
		expect("En décembre 2024, puis le 3 mars; 24 Desember 2023", &oct, w, 3);
	}
	/* A range over the new year. */
	struct date_ymd dec = { 2025, 12, 1 }, jan26 = { 2026, 1, 5 };
	expect_range("du 30 décembre au 2 janvier", &dec, "du 30 décembre au 2 janvier", 2025, 12,
	             30, 2026, 1, 2, 1);
	expect_range("du 30 décembre au 2 janvier", &jan26, "du 30 décembre au 2 janvier", 2025, 12,
	             30, 2026, 1, 2, 1);
	/* 29 February of a common year cannot be: the year stays unknown. */
	expect_one("le 29 février", &oct, "29 février", 0, 2, 29, 1);
}

static void test_inference_from_text(void **state)
{
	(void)state;
	{
		/* Before the stated date: next year. */
		const struct want w[] = {
			{ "décembre 2024", 2024, 12, 0, 2024, 12, 0, 0 },
			{ "23 octobre", 2025, 10, 23, 2025, 10, 23, 1 },
		};
		expect("Adoptée en décembre 2024, signée le 23 octobre.", NULL, w, 2);
	}
	{
		/* The stated date may come after the yearless one. */
		const struct want w[] = {
			{ "23 octobre", 2025, 10, 23, 2025, 10, 23, 1 },
			{ "décembre 2024", 2024, 12, 0, 2024, 12, 0, 0 },
		};
		expect("Le 23 octobre, on rappelle décembre 2024.", NULL, w, 2);
	}
	{
		/* On or after: a day inside the stated range keeps its year. */
		const struct want w[] = {
			{ "25-26 Oktober 2025", 2025, 10, 25, 2025, 10, 26, 0 },
			{ "25 Oktober", 2025, 10, 25, 2025, 10, 25, 1 },
			{ "26 Oktober", 2025, 10, 26, 2025, 10, 26, 1 },
			{ "5 Januari", 2026, 1, 5, 2026, 1, 5, 1 },
		};
		expect("pada 25-26 Oktober 2025. Tanggal 25 Oktober dan tanggal 26 Oktober, lalu "
		       "5 Januari.",
		       NULL, w, 4);
	}
	{
		/* The latest stated date counts, not the first. */
		const struct want w[] = {
			{ "24 Desember 2024", 2024, 12, 24, 2024, 12, 24, 0 },
			{ "3 Maret 2025", 2025, 3, 3, 2025, 3, 3, 0 },
			{ "1 Februari", 2026, 2, 1, 2026, 2, 1, 1 },
			{ "3 Maret", 2025, 3, 3, 2025, 3, 3, 1 },
		};
		expect("24 Desember 2024, 3 Maret 2025, 1 Februari, 3 Maret", NULL, w, 4);
	}
	{
		/* Same month as a stated month: same year. */
		const struct want w[] = {
			{ "December 2024", 2024, 12, 0, 2024, 12, 0, 0 },
			{ "December 24", 2024, 12, 24, 2024, 12, 24, 1 },
		};
		expect("In December 2024, on December 24, it passed.", NULL, w, 2);
	}
	{
		/* A yearless range over the new year after a stated year. */
		const struct want w[] = {
			{ "octobre 2025", 2025, 10, 0, 2025, 10, 0, 0 },
			{ "du 30 décembre au 2 janvier", 2025, 12, 30, 2026, 1, 2, 1 },
		};
		expect("octobre 2025, puis du 30 décembre au 2 janvier", NULL, w, 2);
	}
	{
		/* A range over the new year that reaches the stated date. */
		const struct want w[] = {
			{ "1er janvier 2025", 2025, 1, 1, 2025, 1, 1, 0 },
			{ "du 30 décembre au 2 janvier", 2024, 12, 30, 2025, 1, 2, 1 },
		};
		expect("le 1er janvier 2025, pendant la trêve du 30 décembre au 2 janvier", NULL, w,
		       2);
	}
	/* Nothing gives a year. */
	expect_one("le 23 octobre", NULL, "23 octobre", 0, 10, 23, 1);
	/* A half-stated range takes its year from its other end: not inferred. */
	expect_range("du 30 décembre 2025 au 2 janvier", NULL, "du 30 décembre 2025 au 2 janvier",
	             2025, 12, 30, 2026, 1, 2, 0);
}

/* ---- edges ----------------------------------------------------------------- */

static void test_edges(void **state)
{
	(void)state;
	struct date_mention *m = (struct date_mention *)1;
	size_t count = 99;

	assert_int_equal(dates_find("", 0, NULL, &m, &count), 0);
	assert_null(m);
	assert_int_equal(count, 0);
	m = (struct date_mention *)1;
	assert_int_equal(dates_find(NULL, 0, NULL, &m, &count), 0);
	assert_null(m);
	assert_int_equal(count, 0);

	/* Only n bytes are read: the year past them is not seen. */
	const char *text = "25 octobre 2025";
	assert_int_equal(dates_find(text, 10, NULL, &m, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(m[0].off, 0);
	assert_int_equal(m[0].len, 10);
	assert_ymd(&m[0].from, 0, 10, 25);
	free(m);

	/* Invalid UTF-8 around a date is skipped over. */
	const char bad[] = "\xff\xfe 25 octobre 2025 \xc3";
	assert_int_equal(dates_find(bad, sizeof bad - 1, NULL, &m, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(m[0].off, 3);
	assert_int_equal(m[0].len, strlen("25 octobre 2025"));
	assert_ymd(&m[0].from, 2025, 10, 25);
	free(m);

	/* A mention does not run over a line break. */
	expect_one("le 25\noctobre 2025", NULL, "octobre 2025", 2025, 10, 0, 0);
	/* Non-breaking space and bidi marks are spaces. */
	expect_one("le 25\xc2\xa0octobre 2025", NULL, "25\xc2\xa0octobre 2025", 2025, 10, 25, 0);
	expect_one("\xe2\x80\x8f" "23\xe2\x80\x8f أكتوبر 2025", NULL,
	           "23\xe2\x80\x8f أكتوبر 2025", 2025, 10, 23, 0);

	/* Several mentions in text order. */
	const struct want w[] = {
		{ "1er janvier 2025", 2025, 1, 1, 2025, 1, 1, 0 },
		{ "October 25, 2025", 2025, 10, 25, 2025, 10, 25, 0 },
		{ "25-26 Oktober 2025", 2025, 10, 25, 2025, 10, 26, 0 },
		{ "من 25 إلى 26 أكتوبر 2025", 2025, 10, 25, 2025, 10, 26, 0 },
	};
	expect("1er janvier 2025; October 25, 2025; 25-26 Oktober 2025; من 25 إلى 26 أكتوبر 2025",
	       NULL, w, 4);

	assert_int_equal(dates_find("x", 1, NULL, NULL, &count), -1);
	assert_int_equal(dates_find("x", 1, NULL, &m, NULL), -1);
}

/* ---- long and pathological texts ----------------------------------------- */

/* The same mentions, at the right bytes, all through a long text: far more
 * tokens than the finder keeps at once: ranges, paired month names and
 * years inferred. */
static void test_long_text(void **state)
{
	static const char *const pieces[] = {
		"du 25 au 26 octobre 2025",
		"23 أكتوبر/تشرين الأول",
		"October 30 \xe2\x80\x93 November 2, 2025",
		"25-26 Oktober",
	};
	size_t reps = 3000, cap = reps * 120, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	for (size_t r = 0; r < reps; r++) {
		const char *p = pieces[r % 4];
		n += (size_t)snprintf(text + n, cap - n, "%s. A 1.500 x%zu,%s", p, r, r % 7 ? " " : "\n\n\n");
	}
	struct date_mention *m = NULL;
	size_t count = 0, at = 0;
	const struct date_ymd ctx = { 2025, 10, 26 };
	assert_int_equal(dates_find(text, n, &ctx, &m, &count), 0);
	assert_int_equal(count, reps);
	for (size_t r = 0; r < reps; r++) {
		at = assert_slice(text, &m[r], pieces[r % 4], at);
		assert_int_equal(m[r].from.y, 2025);
		assert_int_equal(m[r].from.m, 10);
	}
	assert_int_equal(m[3].from.d, 25);
	assert_int_equal(m[3].to.d, 26);
	assert_int_equal(m[3].year_inferred, 1);
	assert_int_equal(m[reps - 2].to.m, 11);
	assert_int_equal(m[reps - 2].to.d, 2);
	free(m);
	free(text);
}

/* The finder tokenizes only near numbers: a mention is whole however much
 * text without digits comes before it, and a long word or run before it
 * does not hide its start. */
static void test_far_from_digits(void **state)
{
	(void)state;
	static const struct {
		const char *filler, *tail, *slice;
		int fy, fm, fd, ty, tm, td;
	} cases[] = {
		{ "lorem ipsum ", " entre le 25 et le 26 octobre 2025.",
		  "entre le 25 et le 26 octobre 2025", 2025, 10, 25, 2025, 10, 26 },
		{ "x", " ديسمبر/كانون الأول 2024", "ديسمبر/كانون الأول 2024", 2024, 12, 0, 2024, 12, 0 },
		{ "xyz", " octobre 2025", "octobre 2025", 2025, 10, 0, 2025, 10, 0 },
		{ "ก", "มีนาคม 2567", "มีนาคม 2567", 2024, 3, 0, 2024, 3, 0 },
		{ "\n", "October 30 \xe2\x80\x93 November 2, 2025",
		  "October 30 \xe2\x80\x93 November 2, 2025", 2025, 10, 30, 2025, 11, 2 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t k = strlen(cases[c].filler), t = strlen(cases[c].tail), n = 0;
		char *text = malloc(20000 + t + 1);
		assert_non_null(text);
		while (n + k <= 20000) {
			memcpy(text + n, cases[c].filler, k);
			n += k;
		}
		memcpy(text + n, cases[c].tail, t + 1);
		struct want w = { cases[c].slice, cases[c].fy, cases[c].fm, cases[c].fd,
		                  cases[c].ty,    cases[c].tm, cases[c].td, 0 };
		expect(text, NULL, &w, 1);
		free(text);
	}
}

/* Inputs made of one thing: newlines, digits, month names, punctuation. No
 * mention where there is none, and the one at the end is still found. */
static void test_pathological_inputs(void **state)
{
	static const struct {
		const char *unit;
		size_t mentions; /* in the repeated units alone */
	} cases[] = {
		{ "\n", 0 },
		{ "7", 0 },
		{ "octobre ", 0 },
		{ "Oktober\n", 0 },
		{ ".", 0 },
		{ "- ", 0 },
		{ "\xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1 ", 0 }, /* أكتوبر */
		{ "1 mai ", 1 },
	};
	const char tail[] = " 25 octobre 2025";
	size_t size = 1 << 20;
	char *text = malloc(size + sizeof tail);
	assert_non_null(text);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t k = strlen(cases[c].unit), n = 0, units = 0;
		while (n + k <= size) {
			memcpy(text + n, cases[c].unit, k);
			n += k;
			units++;
		}
		memcpy(text + n, tail, sizeof tail);
		size_t count = 0;
		struct date_mention *m = NULL;
		assert_int_equal(dates_find(text, n + sizeof tail - 1, NULL, &m, &count), 0);
		size_t want = cases[c].mentions * units + 1;
		if (count != want)
			fail_msg("case %zu: %zu mentions, want %zu", c, count, want);
		/* the last is the tail's date */
		assert_int_equal(m[count - 1].off, n + 1);
		assert_int_equal(m[count - 1].from.d, 25);
		assert_int_equal(m[count - 1].from.m, 10);
		assert_int_equal(m[count - 1].from.y, 2025);
		free(m);
	}
	free(text);
}

/* Relative days from every language's table: the word, where it is, and
 * what must not count (part of a longer word, the other shift). */
static void test_relative_days(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int shift;
		const char *word; /* NULL: none found */
	} cases[] = {
		{"The ministers met yesterday in Hanoi.", -1, "yesterday"},
		{"Hier, les ministres se sont réunis.", -1, "Hier"},
		{"Les ministres signeront aujourd’hui.", 0, "aujourd’hui"},
		{"Para menteri bertemu hari ini di Hanoi.", 0, "hari ini"},
		{"وقع الوزراء أمس الاتفاقية", -1, "أمس"},
		{"השרים נפגשו אתמול בירושלים", -1, "אתמול"},
		{"Вчера министры встретились в Ханое.", -1, "Вчера"},
		{"Міністри зустрінуться завтра.", 1, "завтра"},
		{"Los ministros firmaron ayer el texto.", -1, "ayer"},
		{"Os ministros assinam amanhã.", 1, "amanhã"},
		{"Die Minister trafen sich gestern.", -1, "gestern"},
		{"I ministri firmano oggi.", 0, "oggi"},
		{"De ministers tekenden gisteren.", -1, "gisteren"},
		{"Bakanlar dün bir araya geldi.", -1, "dün"},
		{"मंत्रियों ने आज समझौते पर हस्ताक्षर किए।", 0, "आज"},
		{"รัฐมนตรีพบกันเมื่อวานที่ฮานอย", -1, "เมื่อวาน"},
		{"部长们昨天在河内签署了公约。", -1, "昨天"},
		{"大臣らは明日署名する。", 1, "明日"},
		{"장관들은 어제 하노이에서 만났다.", -1, "어제"},
		{"Các bộ trưởng đã gặp nhau hôm qua tại Hà Nội.", -1, "hôm qua"},
		/* not whole words, or not that shift */
		{"The yesterdays of the treaty.", -1, NULL},
		{"Il parle de sa hiérarchie.", -1, NULL},
		{"The ministers met yesterday.", 1, NULL},
		{"Они встретятся послезавтра.", 1, NULL},
		{"Mañana por la mañana.", 1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t off = 0, len = 0;
		const char *t = cases[i].text;
		int found = dates_find_relative(t, strlen(t), cases[i].shift, &off, &len);
		if (!cases[i].word) {
			if (found)
				fail_msg("case %zu: found '%.*s' in '%s'", i, (int)len, t + off, t);
			continue;
		}
		if (!found)
			fail_msg("case %zu: nothing found in '%s'", i, t);
		const char *w = strstr(t, cases[i].word);
		assert_non_null(w);
		assert_int_equal(off, (size_t)(w - t));
		assert_int_equal(len, strlen(cases[i].word));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_parse_valid),
		cmocka_unit_test(test_iso_parse_rejects),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_iso_round_trip),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_french_forms),
		cmocka_unit_test(test_indonesian_forms),
		cmocka_unit_test(test_english_forms),
		cmocka_unit_test(test_arabic_forms),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_european_tables),
		cmocka_unit_test(test_rtl_and_indic_tables),
		cmocka_unit_test(test_unit_word_tables),
		cmocka_unit_test(test_month_names_more),
		cmocka_unit_test(test_more_not_dates),
		cmocka_unit_test(test_numeric_forms),
		cmocka_unit_test(test_unit_ranges),
		cmocka_unit_test(test_numeric_order),
		cmocka_unit_test(test_corpus_sentences),
		cmocka_unit_test(test_corpus_files),
		cmocka_unit_test(test_numbers_are_not_dates),
		cmocka_unit_test(test_impossible_days),
		cmocka_unit_test(test_inference_context),
		cmocka_unit_test(test_inference_from_text),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_far_from_digits),
		cmocka_unit_test(test_pathological_inputs),
		cmocka_unit_test(test_relative_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
