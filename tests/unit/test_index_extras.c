/* test_index_extras.c — unit tests for what the index keeps beside each
 * article and for the corpus (src/corpus/index.c, evidence.c, facts.c,
 * factcheck.c, manifest.c): the records of an article's facts and evidence
 * links read back as written, and a record cut short or damaged refused;
 * with a warm index, the evidence of every event and the facts of its
 * articles are what a load without the index finds, and no article file is
 * read to find them; links found for other events (a keyword changed in the
 * manifest), for another date of the article (a date inferred from its
 * events), damaged in the database or of a file changed while the corpus is
 * open are not taken, the texts read instead, with the same results; the
 * manifest as read is kept, so that a warm load opens no file, and read
 * again when it changes or its record is damaged. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/blob.h"
#include "tandem/corpus.h"
#include "tandem/evidence.h"
#include "tandem/factcheck.h"
#include "tandem/facts.h"
#include "tandem/index.h"
#include "testutil.h"

static int setup(void **state)
{
	return test_dir_setup(state, "iextras", 0);
}

static int teardown(void **state)
{
	return test_dir_teardown(state);
}

/* The bundled corpus, copied into the test's directory. */
static void copy_bundled(const struct test_dir *fx)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp corpus/*.txt corpus/corpus.ini '%s'/", fx->dir);
	assert_int_equal(system(cmd), 0);
}

static struct corpus *load(const struct test_dir *fx, int index)
{
	struct corpus_opts o = {.index = index, .cache_dir = fx->cache};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	assert_int_equal(corpus_errors(c), 0);
	return c;
}

/* Every event's evidence and the facts of its articles, one line a hit or
 * a fact, articles named by id: what two loads of one directory compare
 * by. Returns how many hits there are. Caller frees *out. */
static size_t describe(const struct corpus *c, char **out)
{
	size_t cap = 1 << 16, len = 0, hits = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	s[0] = 0;
	for (size_t ev = 0; ev < c->nevents; ev++) {
		struct evidence_list l;
		assert_int_equal(evidence_find(c, ev, &l), 0);
		for (size_t i = 0; i < l.n; i++) {
			const struct evidence_hit *h = &l.items[i];
			assert_int_equal(h->event, ev);
			len += (size_t)snprintf(s + len, cap - len, "%s %s#%zu %zu+%zu %s\n",
			                        c->events[ev].id, c->articles[h->article].id, h->block,
			                        h->off, h->len, evidence_why_name(h->why));
			assert_true(len < cap);
		}
		hits += l.n;
		evidence_free(&l);
		const struct corpus_event *e = &c->events[ev];
		struct factcheck_table t;
		assert_int_equal(factcheck_table_build(c, e->articles, e->narticles, &t), 0);
		for (size_t i = 0; i < t.n; i++) {
			char key[96];
			const struct factcheck_entry *f = &t.items[i];
			len += (size_t)snprintf(s + len, cap - len, "%s fact %s#%zu %zu+%zu %s %s %s %zu\n",
			                        e->id, c->articles[f->article].id, f->block, f->fact.off,
			                        f->fact.len, facts_format(&f->fact, key, sizeof key),
			                        f->fact.word, f->fact.next, f->group);
			assert_true(len < cap);
		}
		factcheck_table_free(&t);
	}
	*out = s;
	return hits;
}

/* The evidence and facts of a load with the warm index in fx's cache, set
 * against a load without it; returns how many article files the former
 * read to find them. */
static size_t compare_with_index(struct test_dir *fx)
{
	struct corpus *plain = load(fx, 0);
	struct corpus *ix = load(fx, 1);
	char *want, *got;
	size_t hits = describe(plain, &want);
	assert_true(hits > 0);
	setenv("TANDEM_TEST_OPEN_LOG", fx->log, 1);
	unlink(fx->log);
	describe(ix, &got);
	unsetenv("TANDEM_TEST_OPEN_LOG");
	if (strcmp(want, got))
		print_error("without the index:\n%s\nwith it:\n%s\n", want, got);
	assert_string_equal(want, got);
	free(want);
	free(got);
	corpus_free(plain);
	corpus_free(ix);
	return test_dir_opened(fx);
}

/* A warm index answers for every article: no file is read, the same
 * evidence and facts are found; one row of each kind an article. */
static void test_warm_reads_nothing(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	corpus_free(load(fx, 1)); /* the index written */
	assert_int_equal(compare_with_index(fx), 0);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM links"), 5);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM facts"), 5);
	/* an article's rows go with it */
	test_sql_exec(fx->db, "DELETE FROM article WHERE path LIKE 'fr-%'");
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM links"), 4);
	assert_int_equal(test_sql_count(fx->db, "SELECT count(*) FROM facts"), 4);
}

/* An event's keywords changed in the manifest: the links the index has
 * were found for other events, and are not taken; --reindex finds them
 * anew. */
static void test_events_changed(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	corpus_free(load(fx, 1));
	char cmd[512];
	snprintf(cmd, sizeof cmd, "sed -i 's/^keywords.fr = plénière$/keywords.fr = plénière, Hanoï/' "
	                          "'%s/corpus.ini'", fx->dir);
	assert_int_equal(system(cmd), 0);
	assert_true(compare_with_index(fx) > 0);
	struct corpus_opts o = {.index = 1, .reindex = 1, .cache_dir = fx->cache};
	corpus_free(corpus_open_dir_opts(fx->dir, &o));
	assert_int_equal(compare_with_index(fx), 0);
}

/* A file changed while the corpus is open, read again: what the index
 * keeps of its old text is not taken for it. */
static void test_changed_while_open(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	corpus_free(load(fx, 1));
	struct corpus *ix = load(fx, 1);
	long k = corpus_find_article(ix, "id-discussion");
	assert_true(k >= 0);
	char *before;
	assert_true(describe(ix, &before) > 0);
	/* a new text, of another size, that reports none of the events */
	test_dir_write(fx, "id-discussion-baoquocte.txt",
	               "Judul\n\nSebuah paragraf baru tanpa tanggal, tanpa angka.\n");
	assert_non_null(corpus_article_text(&ix->articles[k]));
	assert_int_equal(ix->articles[k].index_id, 0);
	struct corpus *plain = load(fx, 0);
	char *want, *got;
	describe(plain, &want);
	describe(ix, &got);
	assert_string_equal(want, got);
	assert_string_not_equal(before, got);
	free(before);
	free(want);
	free(got);
	corpus_free(plain);
	corpus_free(ix);
}

/* A file gone while the corpus is open: its empty text is what evidence
 * reads, not the links the index keeps of the old one. */
static void test_gone_while_open(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	corpus_free(load(fx, 1));
	struct corpus *ix = load(fx, 1);
	long k = corpus_find_article(ix, "id-discussion");
	assert_true(k >= 0);
	char p[256];
	snprintf(p, sizeof p, "%s/id-discussion-baoquocte.txt", fx->dir);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(corpus_article_text(&ix->articles[k])->nblocks, 0);
	assert_int_equal(ix->articles[k].index_id, 0);
	for (size_t ev = 0; ev < ix->nevents; ev++) {
		struct evidence_list l;
		assert_int_equal(evidence_find(ix, ev, &l), 0);
		for (size_t i = 0; i < l.n; i++)
			assert_int_not_equal(l.items[i].article, (size_t)k);
		evidence_free(&l);
	}
	corpus_free(ix);
}

/* The events listed out of date order, and an article read by a deferred
 * load after the timeline sorted them: its links name the events they are
 * for (the events table evidence looks for them by is made again in the
 * timeline's order). */
static void test_events_out_of_order(void **state)
{
	struct test_dir *fx = *state;
	static const char events[] = "[event E1]\ndate = 2024-03-02\n[event E0]\ndate = 2024-03-01\n";
	char ini[512];
	test_dir_write(fx, "a.txt", "Title A\n\nNothing dated here at all.\n");
	test_dir_write(fx, "b.txt", "Title B\n\nThe meeting took place on 1 March 2024.\n");
	snprintf(ini, sizeof ini, "%s[article A]\nfile = a.txt\ndate = 2024-03-05\nevent = E1\n",
	         events);
	test_dir_write(fx, "corpus.ini", ini);
	corpus_free(load(fx, 1));
	/* A's date changed (read while the manifest loads), B new (read by
	 * the steps after the first frame) */
	snprintf(ini, sizeof ini,
	         "%s[article A]\nfile = a.txt\ndate = 2024-03-06\nevent = E1\n"
	         "[article B]\nfile = b.txt\ndate = 2024-03-05\nevent = E0\n",
	         events);
	test_dir_write(fx, "corpus.ini", ini);
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache, .deferred = CORPUS_DEFER_ALL};
	struct corpus *c = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(c);
	while (c->load_left || c->verify_left)
		assert_true(corpus_load_step(c, 100) >= 0);
	corpus_free(c);
	assert_int_equal(compare_with_index(fx), 0);
}

/* Damaged records in the database: not taken, the texts read. */
static void test_damaged_rows(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	corpus_free(load(fx, 1));
	test_sql_exec(fx->db, "UPDATE links SET data = x'0102'; UPDATE facts SET data = x'ff'");
	assert_true(compare_with_index(fx) > 0);
}

/* An article without a date takes the earliest event it reports: the links
 * and facts the index found with no date are not taken for it ("hier" is
 * the day before the inferred date). */
static void test_inferred_date(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "corpus.ini",
	               "[event eve]\ndate = 2025-01-01\n[event early]\ndate = 2025-01-02\n"
	               "[article a]\nfile = a.txt\nevent = early\nlang = fr\n");
	test_dir_write(fx, "a.txt", "Un titre\n\nHier, 1 500 personnes sont venues, le 3 mars.\n");
	corpus_free(load(fx, 1));
	assert_true(compare_with_index(fx) > 0);
	struct corpus *c = load(fx, 1);
	assert_true(c->articles[0].detected & CORPUS_INFERRED_DATE);
	struct evidence_list l;
	assert_int_equal(evidence_find(c, (size_t)corpus_find_event(c, "eve"), &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].why, EVIDENCE_RELATIVE);
	evidence_free(&l);
	/* its facts take the year of the date inferred: "le 3 mars" is of 2025 */
	const struct corpus_event *early = &c->events[corpus_find_event(c, "early")];
	struct factcheck_table t;
	assert_int_equal(factcheck_table_build(c, early->articles, early->narticles, &t), 0);
	size_t march = 0;
	for (size_t i = 0; i < t.n; i++)
		march += t.items[i].fact.kind == FACT_DATE && t.items[i].fact.from.y == 2025 &&
		         t.items[i].fact.from.m == 3 && t.items[i].fact.from.d == 3;
	assert_int_equal(march, 1);
	factcheck_table_free(&t);
	corpus_free(c);
}

/* Two articles of one file, in two languages: each finds its own
 * evidence (the index's row for the file is one article's at a time). */
static void test_shared_file(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "corpus.ini",
	               "[event talk]\ndate = 2025-01-01\nkeywords.fr = bonjour\nkeywords.en = hello\n"
	               "[article a]\nfile = x.txt\nevent = talk\nlang = fr\ndate = 2025-01-05\n"
	               "[article b]\nfile = x.txt\nevent = talk\nlang = en\ndate = 2025-01-05\n");
	test_dir_write(fx, "x.txt", "Title\n\nThey said hello, then bonjour.\n");
	corpus_free(load(fx, 1));
	compare_with_index(fx);
}

/* "10/3/2024" is 10 March in French and October 3 in American English:
 * each article's evidence says so, with the index and without. */
static void test_numeric_order(void **state)
{
	struct test_dir *fx = *state;
	test_dir_write(fx, "corpus.ini",
	               "[event march]\ndate = 2024-03-10\n[event october]\ndate = 2024-10-03\n"
	               "[article fr]\nfile = fr.txt\nlang = fr\ndate = 2024-11-01\nevent = march\n"
	               "[article us]\nfile = us.txt\nlang = en-US\ndate = 2024-11-01\n"
	               "event = october\n");
	test_dir_write(fx, "fr.txt", "Titre\n\nLa réunion du 10/3/2024 a eu lieu.\n");
	test_dir_write(fx, "us.txt", "Title\n\nThe meeting of 10/3/2024 took place.\n");
	corpus_free(load(fx, 1));
	compare_with_index(fx);
	struct corpus *c = load(fx, 1);
	const char *want[][2] = {{"march", "fr"}, {"october", "us"}};
	for (size_t k = 0; k < 2; k++) {
		struct evidence_list l;
		assert_int_equal(evidence_find(c, (size_t)corpus_find_event(c, want[k][0]), &l), 0);
		assert_int_equal(l.n, 1);
		assert_string_equal(c->articles[l.items[0].article].id, want[k][1]);
		evidence_free(&l);
	}
	corpus_free(c);
}

/* The corpus's manifest as read is kept in the index: a warm load opens no
 * file, and gives the same events, articles and messages (one about the
 * manifest's unknown key among them); a manifest changed, or a record
 * damaged, is read from the file again. */
static void test_manifest_kept(void **state)
{
	struct test_dir *fx = *state;
	copy_bundled(fx);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "printf '\\n[event extra]\\ndate = 2025-10-27\\ncolour = red\\n' >> '%s/corpus.ini'",
	         fx->dir);
	assert_int_equal(system(cmd), 0);
	struct corpus_opts o = {.index = 1, .cache_dir = fx->cache};
	struct corpus *cold = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(cold);
	assert_true(cold->diags.n > 0);
	setenv("TANDEM_TEST_OPEN_LOG", fx->log, 1);
	unlink(fx->log);
	struct corpus *warm = corpus_open_dir_opts(fx->dir, &o);
	unsetenv("TANDEM_TEST_OPEN_LOG");
	assert_non_null(warm);
	assert_int_equal(access(fx->log, F_OK), -1); /* nothing opened */
	assert_int_equal(warm->nevents, cold->nevents);
	for (size_t i = 0; i < cold->nevents; i++) {
		assert_string_equal(warm->events[i].id, cold->events[i].id);
		assert_string_equal(corpus_event_title(&warm->events[i], "fr"),
		                    corpus_event_title(&cold->events[i], "fr"));
		assert_int_equal(warm->events[i].narticles, cold->events[i].narticles);
		assert_int_equal(warm->events[i].nkeywords, cold->events[i].nkeywords);
	}
	assert_int_equal(warm->narticles, cold->narticles);
	for (size_t i = 0; i < cold->narticles; i++) {
		assert_string_equal(warm->articles[i].id, cold->articles[i].id);
		assert_string_equal(warm->articles[i].title, cold->articles[i].title);
		assert_int_equal(warm->articles[i].event, cold->articles[i].event);
		assert_true(!cold->articles[i].group ||
		            !strcmp(warm->articles[i].group, cold->articles[i].group));
	}
	assert_int_equal(warm->diags.n, cold->diags.n);
	for (size_t i = 0; i < cold->diags.n; i++) {
		assert_string_equal(warm->diags.items[i].msg, cold->diags.items[i].msg);
		assert_string_equal(warm->diags.items[i].file, cold->diags.items[i].file);
		assert_int_equal(warm->diags.items[i].line, cold->diags.items[i].line);
	}
	corpus_free(warm);
	corpus_free(cold);

	/* changed: another title */
	snprintf(cmd, sizeof cmd, "sed -i 's/^date = 2025-10-27$/date = 2025-10-27\\ntitle = Extra/' "
	                          "'%s/corpus.ini'", fx->dir);
	assert_int_equal(system(cmd), 0);
	unlink(fx->log);
	setenv("TANDEM_TEST_OPEN_LOG", fx->log, 1);
	struct corpus *changed = corpus_open_dir_opts(fx->dir, &o);
	unsetenv("TANDEM_TEST_OPEN_LOG");
	assert_non_null(changed);
	long ev = corpus_find_event(changed, "extra");
	assert_true(ev >= 0);
	assert_string_equal(corpus_event_title(&changed->events[ev], "en"), "Extra");
	assert_int_equal(access(fx->log, F_OK), 0); /* the manifest read */
	corpus_free(changed);

	/* damaged: read from the file, the same */
	test_sql_exec(fx->db, "UPDATE manifest SET data = x'01020304'");
	struct corpus *again = corpus_open_dir_opts(fx->dir, &o);
	assert_non_null(again);
	ev = corpus_find_event(again, "extra");
	assert_true(ev >= 0);
	assert_string_equal(corpus_event_title(&again->events[ev], "en"), "Extra");
	corpus_free(again);
	assert_int_equal(test_sql_count(fx->db, "SELECT length(data) > 100 FROM manifest"), 1);
}

/* Facts and links of a bundled article, packed and read back: the same;
 * every shorter record, and one with a byte more, refused. */
static void test_records(void **state)
{
	(void)state;
	struct corpus *c = corpus_open_dir("corpus");
	assert_non_null(c);
	/* an article giving numbers and dates: both kinds of value written */
	long k = -1;
	const struct corpus_article *a = NULL;
	const struct article_text *t = NULL;
	struct fact_list fl, back;
	struct date_ymd ctx;
	for (size_t i = 0; i < c->narticles && k < 0; i++) {
		a = &c->articles[i];
		t = corpus_article_pin(a);
		assert_int_equal(facts_of_text(t, corpus_article_dates(a), a->ndates, &fl), 0);
		size_t numbers = 0, dates = 0;
		for (size_t f = 0; f < fl.n; f++)
			*(fl.items[f].kind == FACT_NUMBER ? &numbers : &dates) += 1;
		if (numbers && dates) {
			k = (long)i;
			break;
		}
		facts_free(&fl);
		corpus_article_unpin(a);
	}
	assert_true(k >= 0);
	struct blob b = {0};
	facts_pack(&fl, &a->date, &b);
	assert_false(b.failed);
	assert_int_equal(facts_unpack(b.data, b.len, &ctx, &back), 0);
	assert_int_equal(dates_compare(&ctx, &a->date), 0);
	assert_int_equal(back.n, fl.n);
	for (size_t i = 0; i < fl.n; i++) {
		const struct fact *x = &fl.items[i], *y = &back.items[i];
		assert_int_equal(x->block, y->block);
		assert_int_equal(x->off, y->off);
		assert_int_equal(x->len, y->len);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->qual, y->qual);
		assert_true(facts_same_value(x, y));
		assert_string_equal(x->word, y->word);
		assert_string_equal(x->next, y->next);
	}
	facts_free(&back);
	for (size_t n = 0; n < b.len; n++)
		assert_int_equal(facts_unpack(b.data, n, &ctx, &back), -1);
	blob_put_uint(&b, 0);
	assert_int_equal(facts_unpack(b.data, b.len, &ctx, &back), -1);
	blob_free(&b);
	/* an offset that would wrap with its length: refused */
	struct fact_list wild = {&(struct fact){.kind = FACT_NUMBER, .off = (size_t)-2, .len = 2}, 1};
	facts_pack(&wild, &ctx, &b);
	assert_int_equal(facts_unpack(b.data, b.len, &ctx, &back), -1);
	blob_free(&b);
	facts_free(&fl);

	struct evidence_events *x = evidence_events_new(c);
	assert_non_null(x);
	struct evidence_list el, eb;
	assert_int_equal(evidence_of_article(x, (size_t)k, t, corpus_article_dates(a), a->ndates, &el),
	                 0);
	assert_true(el.n >= 2);
	evidence_pack(&el, c, &a->date, &b);
	assert_int_equal(evidence_unpack(b.data, b.len, c, (size_t)k, -1, &ctx, &eb), 0);
	assert_int_equal(eb.n, el.n);
	for (size_t i = 0; i < el.n; i++) {
		assert_int_equal(eb.items[i].article, (size_t)k);
		assert_int_equal(eb.items[i].event, el.items[i].event);
		assert_int_equal(eb.items[i].block, el.items[i].block);
		assert_int_equal(eb.items[i].off, el.items[i].off);
		assert_int_equal(eb.items[i].len, el.items[i].len);
		assert_int_equal(eb.items[i].why, el.items[i].why);
	}
	evidence_free(&eb);
	/* only one event's hits */
	assert_int_equal(evidence_unpack(b.data, b.len, c, (size_t)k, (long)el.items[0].event, &ctx,
	                                 &eb), 0);
	assert_true(eb.n >= 1 && eb.n < el.n);
	for (size_t i = 0; i < eb.n; i++)
		assert_int_equal(eb.items[i].event, el.items[0].event);
	evidence_free(&eb);
	for (size_t n = 0; n < b.len; n++)
		assert_int_equal(evidence_unpack(b.data, n, c, (size_t)k, -1, &ctx, &eb), -1);
	blob_free(&b);
	struct evidence_hit far = el.items[0];
	far.off = (size_t)-2;
	far.len = 2;
	evidence_pack(&(struct evidence_list){&far, 1}, c, &a->date, &b);
	assert_int_equal(evidence_unpack(b.data, b.len, c, (size_t)k, -1, &ctx, &eb), -1);
	blob_free(&b);
	evidence_free(&el);
	evidence_events_free(x);
	corpus_article_unpin(a);
	corpus_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_records),
	    cmocka_unit_test_setup_teardown(test_warm_reads_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_events_changed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_rows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changed_while_open, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gone_while_open, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_events_out_of_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_inferred_date, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_manifest_kept, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_shared_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_numeric_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
