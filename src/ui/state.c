/* state.c — owns the state file, a small line-based text file
 *
 *   tandem-state 2
 *   last ID TIME
 *   pos ID BLOCK LINE TIME
 *   mark LETTER ID BLOCK LINE TIME
 *
 * (TIME: seconds since the epoch of the entry's last change; files written
 * before it existed, "tandem-state 1" without TIME, are read as changed at
 * time 0). The positions live in an array in the order first recorded,
 * found through an open-addressing hash of their ids, so reading and
 * merging n entries takes linear time.
 *
 * Reading skips a corrupt line (and only it), counting it. Saving takes the
 * lock file state.lock beside the state (flock, waited on for at most
 * LOCK_TRIES * LOCK_WAIT_NS), reads the file again and merges it into memory
 * entry by entry (the later change wins: a second reader's positions are
 * kept), writes a temporary .state.XXXXXX in the same directory (fflush,
 * fsync) and renames it over the state. Loading removes the temporary files
 * a killed save left: all of them when the lock is free (no save under way),
 * only old ones when it is not (loading never waits for it). */
#include "tandem/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tandem/diag.h"
#include "tandem/file.h"

#define STATE_MAGIC_V1 "tandem-state 1"
#define STATE_MAGIC "tandem-state 2"
#define STATE_MAX_BYTES (64LL << 20)
#define LOCK_TRIES 100
#define LOCK_WAIT_NS 20000000L /* 20 ms: the lock is waited on for 2 s at most */
#define TEMP_PREFIX ".state."
#define TEMP_STALE_SECONDS 600 /* a temporary file this old is no save under way */
#define SLOT_EMPTY SIZE_MAX

/* The time of a change to an entry stamped prev: now, or just after prev
 * when that is later (a clock behind the one that wrote the file must not
 * make this change lose to the very version it replaces). */
static long long stamp(long long prev)
{
	long long t = (long long)time(NULL);
	return t > prev ? t : prev + 1;
}

static void state_clear(struct state *s)
{
	free(s->pos);
	free(s->slots);
	s->pos = NULL;
	s->slots = NULL;
	s->npos = s->cap = s->nslots = 0;
	s->last[0] = 0;
	s->last_time = 0;
	memset(s->marks, 0, sizeof s->marks);
}

int state_mark_index(int c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return 26 + c - 'A';
	return -1;
}

static int valid_id(const char *id)
{
	if (!*id || strlen(id) >= STATE_ID_MAX)
		return 0;
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p <= ' ')
			return 0;
	return 1;
}

/* ---- the hash of ids ----------------------------------------------------- */

/* FNV-1a */
static size_t hash_id(const char *id)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

/* The slot holding id, or the empty slot where it would go. nslots > 0. */
static size_t find_slot(const struct state *s, const char *id)
{
	size_t mask = s->nslots - 1, i = hash_id(id) & mask;
	while (s->slots[i] != SLOT_EMPTY && strcmp(s->pos[s->slots[i]].id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Doubles the hash (at least 64 slots) and places every entry again. */
static int grow_slots(struct state *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 64;
	if (n > SIZE_MAX / sizeof *s->slots)
		return -1;
	size_t *ns = malloc(n * sizeof *ns);
	if (!ns)
		return -1;
	free(s->slots);
	s->slots = ns;
	s->nslots = n;
	for (size_t i = 0; i < n; i++)
		ns[i] = SLOT_EMPTY;
	for (size_t k = 0; k < s->npos; k++)
		ns[find_slot(s, s->pos[k].id)] = k;
	return 0;
}

const struct state_pos *state_get(const struct state *s, const char *id)
{
	if (!s->nslots)
		return NULL;
	size_t i = find_slot(s, id);
	return s->slots[i] == SLOT_EMPTY ? NULL : &s->pos[s->slots[i]];
}

/* The entry for id (a valid id), added with *added set when there was none
 * (its position then at the top, time 0). NULL when memory runs out. */
static struct state_pos *pos_entry(struct state *s, const char *id, int *added)
{
	*added = 0;
	if ((s->npos + 1) * 2 > s->nslots && grow_slots(s) != 0)
		return NULL;
	size_t i = find_slot(s, id);
	if (s->slots[i] != SLOT_EMPTY)
		return &s->pos[s->slots[i]];
	if (s->npos == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 16;
		struct state_pos *np = realloc(s->pos, nc * sizeof *np);
		if (!np)
			return NULL;
		s->pos = np;
		s->cap = nc;
	}
	struct state_pos *p = &s->pos[s->npos];
	snprintf(p->id, sizeof p->id, "%s", id);
	p->block = -1;
	p->line = 0;
	p->time = 0;
	s->slots[i] = s->npos++;
	*added = 1;
	return p;
}

int state_set(struct state *s, const char *id, long block, long line)
{
	if (!valid_id(id))
		return 0; /* ids we cannot write back are not remembered */
	int added;
	struct state_pos *p = pos_entry(s, id, &added);
	if (!p)
		return -1;
	if (!added && p->block == block && p->line == line)
		return 0; /* not a change: another reader's newer position may win */
	p->block = block;
	p->line = line;
	p->time = stamp(p->time);
	s->dirty = 1;
	return 0;
}

void state_set_last(struct state *s, const char *id)
{
	if (!valid_id(id))
		return;
	snprintf(s->last, sizeof s->last, "%s", id);
	s->last_time = stamp(s->last_time);
	s->dirty = 1;
}

void state_set_mark(struct state *s, int index, const char *id, long block, long line)
{
	if (index < 0 || index >= 52 || !valid_id(id))
		return;
	struct state_pos *m = &s->marks[index];
	snprintf(m->id, sizeof m->id, "%s", id);
	m->block = block;
	m->line = line;
	m->time = stamp(m->time);
	s->dirty = 1;
}

/* ---- reading ------------------------------------------------------------- */

/* Does an entry read at time t replace one at time cur? When the file wins
 * ties (a first read: a later line replaces an earlier one) or not (merging
 * at save: what this reader did stays). */
static int newer(long long t, long long cur, int file_wins_tie)
{
	return t > cur || (file_wins_tie && t == cur);
}

/* The optional TIME after the fields of a line, at rest (what follows the
 * last field read): 0 when there is none, -1 when rest is anything but one
 * number >= 0 after a blank. */
static long long rest_time(const char *rest)
{
	if (!*rest)
		return 0;
	if (*rest != ' ')
		return -1; /* the last field ran on: "pos a 2 0x" */
	while (*rest == ' ')
		rest++;
	if (!*rest)
		return 0;
	if (*rest < '0' || *rest > '9')
		return -1;
	char *end;
	errno = 0;
	long long t = strtoll(rest, &end, 10);
	if (errno)
		return -1;
	while (*end == ' ')
		end++;
	return *end ? -1 : t;
}

/* Merges one line into s; 0, -1 (corrupt) or -2 (out of memory). */
static int parse_line(struct state *s, const char *line, int file_wins_tie)
{
	char id[STATE_ID_MAX + 1], letter[4];
	long block, l;
	long long t;
	int used = 0;
	if (!strncmp(line, "last ", 5)) {
		if (sscanf(line + 5, "%128s%n", id, &used) != 1 ||
		    (t = rest_time(line + 5 + used)) < 0 || !valid_id(id))
			return -1;
		if (newer(t, s->last_time, file_wins_tie) || !s->last[0]) {
			snprintf(s->last, sizeof s->last, "%s", id);
			s->last_time = t;
		}
		return 0;
	}
	if (!strncmp(line, "pos ", 4)) {
		if (sscanf(line + 4, "%128s %ld %ld%n", id, &block, &l, &used) != 3 ||
		    (t = rest_time(line + 4 + used)) < 0 || !valid_id(id) || block < -1 || l < 0)
			return -1;
		int added;
		struct state_pos *p = pos_entry(s, id, &added);
		if (!p)
			return -2;
		if (added || newer(t, p->time, file_wins_tie)) {
			p->block = block;
			p->line = l;
			p->time = t;
		}
		return 0;
	}
	if (!strncmp(line, "mark ", 5)) {
		if (sscanf(line + 5, "%3s %128s %ld %ld%n", letter, id, &block, &l, &used) != 4 ||
		    (t = rest_time(line + 5 + used)) < 0 || letter[1] ||
		    state_mark_index(letter[0]) < 0 || !valid_id(id) || block < -1 || l < 0)
			return -1;
		struct state_pos *m = &s->marks[state_mark_index(letter[0])];
		if (!m->id[0] || newer(t, m->time, file_wins_tie)) {
			snprintf(m->id, sizeof m->id, "%s", id);
			m->block = block;
			m->line = l;
			m->time = t;
		}
		return 0;
	}
	return -1;
}

/* What one read of the file found. */
struct state_read {
	int missing;         /* no file */
	unsigned bad;        /* corrupt lines skipped */
	unsigned first_bad;  /* the first one's number */
};

/* Reads the file at s->path into s (see newer()). Returns 0 (a missing file
 * included), or -1 with a message in err: the file is not a regular file,
 * too large, unreadable, or memory ran out. */
static int read_state(struct state *s, int file_wins_tie, struct state_read *r, char *err,
                      size_t n)
{
	memset(r, 0, sizeof *r);
	struct diag_list d = {0};
	FILE *fp = file_open_limited(s->path, STATE_MAX_BYTES, &d, NULL);
	if (!fp) {
		if (errno == ENOENT) {
			r->missing = 1;
			diag_list_free(&d);
			return 0;
		}
		snprintf(err, n, "%s: %s", s->path, d.n ? d.items[0].msg : strerror(errno));
		diag_list_free(&d);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned ln = 0;
	int rc = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		ln++;
		if (len && line[len - 1] == '\n')
			line[--len] = 0;
		int bad;
		if (strlen(line) != (size_t)len) /* a NUL inside */
			bad = 1;
		else if (ln == 1)
			bad = strcmp(line, STATE_MAGIC) && strcmp(line, STATE_MAGIC_V1);
		else {
			int k = parse_line(s, line, file_wins_tie);
			if (k == -2) {
				snprintf(err, n, "%s: out of memory", s->path);
				rc = -1;
				break;
			}
			bad = k != 0;
		}
		if (bad && r->bad++ == 0)
			r->first_bad = ln;
	}
	if (rc == 0 && ferror(fp)) {
		snprintf(err, n, "%s: %s", s->path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(fp);
	return rc;
}

/* ---- the lock and the temporary files ------------------------------------ */

/* Takes the lock beside the state, trying `tries` times LOCK_WAIT_NS apart:
 * its descriptor, or -1 when it cannot be had (the caller then goes on
 * without it). */
static int take_lock(const struct state *s, int tries)
{
	char p[1200];
	snprintf(p, sizeof p, "%s/state.lock", s->dir);
	int fd = open(p, O_RDWR | O_CREAT | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	for (int i = 0; i < tries; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (i + 1 < tries) {
			struct timespec ts = {0, LOCK_WAIT_NS};
			nanosleep(&ts, NULL);
		}
	}
	close(fd);
	return -1;
}

static void drop_lock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* Removes the .state.XXXXXX files a killed save left in the directory:
 * every one when the lock is held (no save is under way), else only those
 * not touched for TEMP_STALE_SECONDS. */
static void remove_stale_temps(const struct state *s, int locked)
{
	DIR *d = opendir(s->dir);
	if (!d)
		return;
	long long t = (long long)time(NULL);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t pl = strlen(TEMP_PREFIX);
		if (strncmp(e->d_name, TEMP_PREFIX, pl) || strlen(e->d_name) != pl + 6)
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (locked || t - (long long)st.st_mtime > TEMP_STALE_SECONDS)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* ---- load and save ------------------------------------------------------- */

int state_load(struct state *s, const char *dir, char *err, size_t n)
{
	memset(s, 0, sizeof *s);
	err[0] = 0;
	if (dir)
		snprintf(s->dir, sizeof s->dir, "%s", dir);
	else {
		const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
		if (xdg && *xdg == '/')
			snprintf(s->dir, sizeof s->dir, "%s/tandem", xdg);
		else if (home && *home)
			snprintf(s->dir, sizeof s->dir, "%s/.local/state/tandem", home);
		else
			return 0; /* nowhere to keep it */
	}
	snprintf(s->path, sizeof s->path, "%s/state", s->dir);
	/* reading needs no lock (the file is only ever replaced whole); it
	 * tells whether a save is under way, so start never waits for it */
	int lock = take_lock(s, 1);
	remove_stale_temps(s, lock >= 0);
	struct state_read r;
	char why[1300];
	int rc = read_state(s, 1, &r, why, sizeof why);
	drop_lock(lock);
	if (rc != 0) {
		state_clear(s);
		snprintf(err, n, "%s; state not restored", why);
		return -1;
	}
	s->bad_lines = r.bad;
	if (r.bad == 1)
		snprintf(err, n, "%s:%u: corrupt line skipped", s->path, r.first_bad);
	else if (r.bad > 1)
		snprintf(err, n, "%s:%u: corrupt line skipped (and %u more)", s->path, r.first_bad,
		         r.bad - 1);
	return r.bad ? -1 : 0;
}

void state_free(struct state *s)
{
	state_clear(s);
}

/* mkdir -p for the state directory. */
static int make_dirs(const char *dir)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", dir);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static void write_entries(FILE *fp, const struct state *s)
{
	fprintf(fp, "%s\n", STATE_MAGIC);
	if (s->last[0])
		fprintf(fp, "last %s %lld\n", s->last, s->last_time);
	for (size_t i = 0; i < s->npos; i++)
		fprintf(fp, "pos %s %ld %ld %lld\n", s->pos[i].id, s->pos[i].block, s->pos[i].line,
		        s->pos[i].time);
	for (int i = 0; i < 52; i++)
		if (s->marks[i].id[0])
			fprintf(fp, "mark %c %s %ld %ld %lld\n", i < 26 ? 'a' + i : 'A' + i - 26,
			        s->marks[i].id, s->marks[i].block, s->marks[i].line, s->marks[i].time);
}

/* Writes s to a temporary file and renames it over the state (keeping the
 * file as it was in state.bad first when keep_bad). 0, or -1 with err. */
static int replace_file(struct state *s, int keep_bad, char *err, size_t n)
{
	char tmp[1200];
	snprintf(tmp, sizeof tmp, "%s/" TEMP_PREFIX "XXXXXX", s->dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, n, "%s: %s; state not saved", s->dir, strerror(errno));
		return -1;
	}
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		snprintf(err, n, "%s: %s; state not saved", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	write_entries(fp, s);
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
	int e = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad && keep_bad) {
		/* the corrupt lines are not lost: the old file stays as state.bad */
		char old[1200];
		snprintf(old, sizeof old, "%s/state.bad", s->dir);
		unlink(old);
		if (link(s->path, old) != 0) {
			/* no hard links here: nothing else is kept */
		}
	}
	if (bad || rename(tmp, s->path) != 0) {
		if (!bad)
			e = errno;
		snprintf(err, n, "%s: %s; state not saved", s->path, strerror(e));
		unlink(tmp);
		return -1;
	}
	int dfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* the rename itself reaches the disk */
		close(dfd);
	}
	return 0;
}

int state_save(struct state *s, char *err, size_t n)
{
	err[0] = 0;
	if (!s->path[0])
		return 0;
	if (make_dirs(s->dir) != 0) {
		snprintf(err, n, "%s: %s; state not saved", s->dir, strerror(errno));
		return -1;
	}
	/* without the lock after the bounded wait: what this reader did is
	 * written all the same */
	int lock = take_lock(s, LOCK_TRIES);
	struct state_read r;
	char why[1300];
	if (read_state(s, 0, &r, why, sizeof why) != 0) {
		drop_lock(lock);
		snprintf(err, n, "%s; state not saved", why);
		return -1;
	}
	int rc = replace_file(s, r.bad > 0, err, n);
	drop_lock(lock);
	if (rc == 0)
		s->dirty = 0;
	return rc;
}
