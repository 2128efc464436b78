/* test_state.c — the state file (src/ui/state.c, which has no curses call
 * and is linked here alone): positions, the last article and marks survive a
 * save and a load; a file of the first format (no times) is read; a corrupt
 * line (garbage, too long, a NUL inside, a bad number) skips that line only,
 * is reported with file and line, and the file is kept as state.bad when it
 * is replaced; two readers saving one after the other keep each other's
 * positions, and for one article the later change wins; a FIFO as the state
 * is neither waited on nor replaced; temporary files a killed save left are
 * removed at load (while another save holds the lock, only old ones); a
 * lock held by another process delays a save only for a bounded time;
 * 100,000 entries are all found again. Each test works in its own directory
 * under /tmp. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tandem/state.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/tandem-state.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/state", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_text(const char *path, const char *text, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void expect_pos(const struct state *s, const char *id, long block, long line)
{
	const struct state_pos *p = state_get(s, id);
	if (!p)
		fail_msg("no position for '%s'", id);
	assert_int_equal(p->block, block);
	assert_int_equal(p->line, line);
}

static void test_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(state_set(&s, "fr-one", 3, 2), 0);
	assert_int_equal(state_set(&s, "ar-two", -1, 4), 0);
	state_set_last(&s, "ar-two");
	state_set_mark(&s, state_mark_index('b'), "fr-one", 5, 1);
	assert_int_equal(state_save(&s, err, sizeof err), 0);
	state_free(&s);

	char *head = NULL;
	size_t cap = 0;
	FILE *fp = fopen(f->path, "r");
	assert_non_null(fp);
	assert_true(getline(&head, &cap, fp) > 0);
	assert_string_equal(head, "tandem-state 2\n");
	free(head);
	fclose(fp);

	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	expect_pos(&s, "fr-one", 3, 2);
	expect_pos(&s, "ar-two", -1, 4);
	assert_null(state_get(&s, "missing"));
	assert_string_equal(s.last, "ar-two");
	assert_string_equal(s.marks[state_mark_index('b')].id, "fr-one");
	assert_int_equal(s.marks[state_mark_index('b')].block, 5);
	state_free(&s);
}

static void test_first_format(void **state)
{
	struct fixture *f = *state;
	static const char old[] = "tandem-state 1\nlast a\npos a 2 0\npos b -1 3\nmark Z b 1 1\n";
	write_text(f->path, old, sizeof old - 1);
	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	expect_pos(&s, "a", 2, 0);
	expect_pos(&s, "b", -1, 3);
	assert_string_equal(s.last, "a");
	assert_string_equal(s.marks[state_mark_index('Z')].id, "b");
	state_free(&s);
}

/* Lines 3 to 7 are corrupt; lines 2 and 8 are read all the same. */
static void test_corrupt_line_skipped(void **state)
{
	struct fixture *f = *state;
	char text[4096];
	size_t n = 0;
	n += (size_t)sprintf(text + n, "tandem-state 2\npos a 2 0 10\ngarbage\npos ");
	memset(text + n, 'x', 1000); /* an id too long */
	n += 1000;
	n += (size_t)sprintf(text + n, " 1 1 10\npos c 1");
	text[n++] = '\0';
	n += (size_t)sprintf(text + n, " 1 10\npos d one 1 10\npos f 1 1x\npos e 4 1 10\n");
	write_text(f->path, text, n);

	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), -1);
	char want[256];
	snprintf(want, sizeof want, "%s:3: corrupt line skipped (and 4 more)", f->path);
	assert_string_equal(err, want);
	expect_pos(&s, "a", 2, 0);
	expect_pos(&s, "e", 4, 1);
	assert_null(state_get(&s, "c"));
	assert_null(state_get(&s, "d"));
	assert_null(state_get(&s, "f"));
	assert_int_equal(s.bad_lines, 5);

	/* saving replaces the file with a clean one and keeps the old as
	 * state.bad */
	assert_int_equal(state_set(&s, "a", 5, 0), 0);
	assert_int_equal(state_save(&s, err, sizeof err), 0);
	state_free(&s);
	char bad[160];
	snprintf(bad, sizeof bad, "%s/state.bad", f->dir);
	FILE *fp = fopen(bad, "rb");
	assert_non_null(fp);
	char back[4096];
	assert_int_equal(fread(back, 1, sizeof back, fp), n);
	assert_memory_equal(back, text, n);
	fclose(fp);
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	expect_pos(&s, "a", 5, 0);
	expect_pos(&s, "e", 4, 1);
	state_free(&s);
}

/* Reader A and reader B both open with the same file; A records article x
 * and quits, then B records article y and quits: both are kept. */
static void test_two_readers_merge(void **state)
{
	struct fixture *f = *state;
	struct state a, b, c;
	char err[1500];
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	assert_int_equal(state_load(&b, f->dir, err, sizeof err), 0);
	assert_int_equal(state_set(&a, "x", 3, 0), 0);
	state_set_mark(&a, 0, "x", 3, 0);
	assert_int_equal(state_set(&b, "y", 7, 1), 0);
	state_set_mark(&b, 1, "y", 7, 1);
	assert_int_equal(state_save(&a, err, sizeof err), 0);
	assert_int_equal(state_save(&b, err, sizeof err), 0);
	state_free(&a);
	state_free(&b);
	assert_int_equal(state_load(&c, f->dir, err, sizeof err), 0);
	expect_pos(&c, "x", 3, 0);
	expect_pos(&c, "y", 7, 1);
	assert_string_equal(c.marks[0].id, "x");
	assert_string_equal(c.marks[1].id, "y");
	state_free(&c);
}

/* One article changed by two readers: the later change wins, whoever saves
 * last. */
static void test_later_change_wins(void **state)
{
	struct fixture *f = *state;
	struct state a;
	char err[1500], text[256];
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	assert_int_equal(state_set(&a, "x", 3, 0), 0);
	assert_int_equal(state_set(&a, "y", 3, 0), 0);
	/* meanwhile another reader saved x later than now and y long ago */
	long long later = (long long)time(NULL) + 3600;
	int n = snprintf(text, sizeof text, "tandem-state 2\npos x 9 9 %lld\npos y 8 8 1\n", later);
	write_text(f->path, text, (size_t)n);
	assert_int_equal(state_save(&a, err, sizeof err), 0);
	state_free(&a);
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	expect_pos(&a, "x", 9, 9);
	expect_pos(&a, "y", 3, 0);
	state_free(&a);

	/* a change to an entry stamped ahead of this clock (written on a
	 * machine whose clock is ahead) still replaces it */
	n = snprintf(text, sizeof text, "tandem-state 2\npos w 1 1 %lld\n", later);
	write_text(f->path, text, (size_t)n);
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	assert_int_equal(state_set(&a, "w", 2, 2), 0);
	assert_int_equal(state_save(&a, err, sizeof err), 0);
	state_free(&a);
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	expect_pos(&a, "w", 2, 2);
	assert_true(state_get(&a, "w")->time > later);
	state_free(&a);

	/* an entry of the first format (no time) loses to any change */
	write_text(f->path, "tandem-state 1\n", 15);
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	assert_int_equal(state_set(&a, "z", -1, 0), 0);
	write_text(f->path, "tandem-state 1\npos z 4 0\n", 25);
	assert_int_equal(state_save(&a, err, sizeof err), 0);
	state_free(&a);
	assert_int_equal(state_load(&a, f->dir, err, sizeof err), 0);
	expect_pos(&a, "z", -1, 0);
	state_free(&a);
}

/* The alarm fails the test instead of letting it hang. */
static void test_fifo_not_read_nor_replaced(void **state)
{
	struct fixture *f = *state;
	alarm(10);
	assert_int_equal(mkfifo(f->path, 0600), 0);
	struct state s;
	char err[1500], want[256];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: not a regular file (a FIFO); state not restored", f->path);
	assert_string_equal(err, want);
	assert_int_equal(state_set(&s, "x", 3, 0), 0);
	assert_int_equal(state_save(&s, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a regular file (a FIFO); state not saved"));
	struct stat st;
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	state_free(&s);
	alarm(0);
}

static void test_stale_temporary_removed(void **state)
{
	struct fixture *f = *state;
	char tmp[160], other[160];
	snprintf(tmp, sizeof tmp, "%s/.state.Ab12Cd", f->dir);
	write_text(tmp, "tandem-state 2\npos x", 20);
	snprintf(other, sizeof other, "%s/.state.notours", f->dir);
	write_text(other, "x", 1);
	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	state_free(&s);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(access(other, F_OK), 0);
}

/* Another process holds the lock (a save under way): a fresh temporary
 * file may be that save's and stays; one untouched for an hour goes. */
static void test_temporary_of_a_save_under_way_kept(void **state)
{
	struct fixture *f = *state;
	char lock[160], fresh[160], old[160];
	snprintf(lock, sizeof lock, "%s/state.lock", f->dir);
	int fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	snprintf(fresh, sizeof fresh, "%s/.state.Fresh1", f->dir);
	write_text(fresh, "tandem-state 2\n", 15);
	snprintf(old, sizeof old, "%s/.state.Old123", f->dir);
	write_text(old, "tandem-state 2\n", 15);
	struct timespec t[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
	assert_int_equal(utimensat(AT_FDCWD, old, t, 0), 0);
	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	state_free(&s);
	close(fd);
	assert_int_equal(access(fresh, F_OK), 0);
	assert_int_equal(access(old, F_OK), -1);
}

/* Another process holds the lock and never lets go: the save waits a
 * bounded time, then writes all the same. */
static void test_lock_wait_bounded(void **state)
{
	struct fixture *f = *state;
	char lock[160];
	snprintf(lock, sizeof lock, "%s/state.lock", f->dir);
	int fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	alarm(20);
	struct state s;
	char err[1500];
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	assert_int_equal(state_set(&s, "x", 3, 0), 0);
	assert_int_equal(state_save(&s, err, sizeof err), 0);
	state_free(&s);
	alarm(0);
	close(fd);
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	expect_pos(&s, "x", 3, 0);
	state_free(&s);
}

static void test_many_entries(void **state)
{
	struct fixture *f = *state;
	struct state s;
	char err[1500], id[32];
	enum { N = 100000 };
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	for (long i = 0; i < N; i++) {
		snprintf(id, sizeof id, "article-%ld", i);
		assert_int_equal(state_set(&s, id, i, i % 7), 0);
	}
	assert_int_equal(s.npos, N);
	assert_int_equal(state_save(&s, err, sizeof err), 0);
	state_free(&s);
	assert_int_equal(state_load(&s, f->dir, err, sizeof err), 0);
	assert_int_equal(s.npos, N);
	for (long i = 0; i < N; i++) {
		snprintf(id, sizeof id, "article-%ld", i);
		const struct state_pos *p = state_get(&s, id);
		assert_non_null(p);
		assert_int_equal(p->block, i);
		assert_int_equal(p->line, i % 7);
	}
	state_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_line_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_readers_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_later_change_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_not_read_nor_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temporary_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temporary_of_a_save_under_way_kept, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_lock_wait_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_entries, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
