/* state.c — owns the state file: a small line-based text file
 *
 *   tandem-state 1
 *   last ID
 *   pos ID BLOCK LINE
 *   mark LETTER ID BLOCK LINE
 *
 * read at start (a corrupt file is ignored as a whole and reported) and
 * written atomically at exit (temporary file in the same directory, fflush,
 * fsync, rename). */
#include "tandem/state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_MAGIC "tandem-state 1"

static void state_clear(struct state *s)
{
	free(s->pos);
	s->pos = NULL;
	s->npos = s->cap = 0;
	s->last[0] = 0;
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

/* Parses one line; 0 or -1 (corrupt). */
static int parse_line(struct state *s, char *line)
{
	char id[STATE_ID_MAX + 1], letter[4], extra[2];
	long block, l;
	if (!strncmp(line, "last ", 5)) {
		if (sscanf(line + 5, "%128s %1s", id, extra) != 1 || !valid_id(id))
			return -1;
		snprintf(s->last, sizeof s->last, "%s", id);
		return 0;
	}
	if (!strncmp(line, "pos ", 4)) {
		if (sscanf(line + 4, "%128s %ld %ld %1s", id, &block, &l, extra) != 3 || !valid_id(id) ||
		    block < -1 || l < 0)
			return -1;
		return state_set(s, id, block, l);
	}
	if (!strncmp(line, "mark ", 5)) {
		if (sscanf(line + 5, "%3s %128s %ld %ld %1s", letter, id, &block, &l, extra) != 4 ||
		    letter[1] || state_mark_index(letter[0]) < 0 || !valid_id(id) || block < -1 || l < 0)
			return -1;
		struct state_pos *m = &s->marks[state_mark_index(letter[0])];
		snprintf(m->id, sizeof m->id, "%s", id);
		m->block = block;
		m->line = l;
		return 0;
	}
	return -1;
}

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
	FILE *fp = fopen(s->path, "r");
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, n, "%s: %s; state not restored", s->path, strerror(errno));
		return -1;
	}
	char line[512];
	unsigned ln = 0;
	int bad = 0;
	while (fgets(line, sizeof line, fp)) {
		ln++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\n')
			line[--len] = 0;
		else if (!feof(fp)) {
			bad = 1;
			break;
		}
		if (ln == 1) {
			if (strcmp(line, STATE_MAGIC)) {
				bad = 1;
				break;
			}
			continue;
		}
		if (parse_line(s, line) != 0) {
			bad = 1;
			break;
		}
	}
	int rerr = ferror(fp);
	fclose(fp);
	if (bad || rerr || ln == 0) {
		state_clear(s);
		snprintf(err, n, "%s:%u: corrupt state file ignored", s->path, ln ? ln : 1);
		return -1;
	}
	return 0;
}

void state_free(struct state *s)
{
	state_clear(s);
}

const struct state_pos *state_get(const struct state *s, const char *id)
{
	for (size_t i = 0; i < s->npos; i++)
		if (!strcmp(s->pos[i].id, id))
			return &s->pos[i];
	return NULL;
}

int state_set(struct state *s, const char *id, long block, long line)
{
	if (!valid_id(id))
		return 0; /* ids we cannot write back are not remembered */
	struct state_pos *p = (struct state_pos *)state_get(s, id);
	if (!p) {
		if (s->npos == s->cap) {
			size_t nc = s->cap ? s->cap * 2 : 16;
			struct state_pos *np = realloc(s->pos, nc * sizeof *np);
			if (!np)
				return -1;
			s->pos = np;
			s->cap = nc;
		}
		p = &s->pos[s->npos++];
		snprintf(p->id, sizeof p->id, "%s", id);
	}
	p->block = block;
	p->line = line;
	s->dirty = 1;
	return 0;
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

int state_save(struct state *s, char *err, size_t n)
{
	err[0] = 0;
	if (!s->path[0])
		return 0;
	if (make_dirs(s->dir) != 0) {
		snprintf(err, n, "%s: %s; state not saved", s->dir, strerror(errno));
		return -1;
	}
	char tmp[1200];
	snprintf(tmp, sizeof tmp, "%s/.state.XXXXXX", s->dir);
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
	fprintf(fp, "%s\n", STATE_MAGIC);
	if (s->last[0])
		fprintf(fp, "last %s\n", s->last);
	for (size_t i = 0; i < s->npos; i++)
		fprintf(fp, "pos %s %ld %ld\n", s->pos[i].id, s->pos[i].block, s->pos[i].line);
	for (int i = 0; i < 52; i++)
		if (s->marks[i].id[0])
			fprintf(fp, "mark %c %s %ld %ld\n", i < 26 ? 'a' + i : 'A' + i - 26,
			        s->marks[i].id, s->marks[i].block, s->marks[i].line);
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
	int e = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad || rename(tmp, s->path) != 0) {
		if (!bad)
			e = errno;
		snprintf(err, n, "%s: %s; state not saved", s->path, strerror(e));
		unlink(tmp);
		return -1;
	}
	s->dirty = 0;
	return 0;
}
