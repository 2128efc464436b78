/* state.h — what the reader remembers between runs, in
 * $XDG_STATE_HOME/tandem/state (fallback ~/.local/state/tandem/state): the
 * last article, the reading position of each article by paragraph (block
 * index and line offset inside it, so it survives a width change) and the
 * marks, each with the time it last changed. Saving never loses another
 * reader's work: under a lock file beside the state (state.lock, waited on
 * for at most about two seconds), the file is read again and merged entry by
 * entry (the later change wins), then replaced atomically (temporary file in
 * the same directory, fsync, rename). */
#ifndef TANDEM_STATE_H
#define TANDEM_STATE_H

#include <stddef.h>

#define STATE_ID_MAX 128

struct state_pos {
	char id[STATE_ID_MAX];  /* article id; "" for an unused slot */
	long block;             /* article block, -1 for the header */
	long line;              /* line offset inside the block */
	long long time;         /* last change, seconds since the epoch; 0: unknown */
};

struct state {
	char dir[1024];
	char path[1100];
	char last[STATE_ID_MAX];
	long long last_time;    /* when last was opened */
	struct state_pos *pos;  /* owned; in the order first recorded */
	size_t npos, cap;
	size_t *slots;          /* owned: hash of ids to pos indices (SIZE_MAX: empty) */
	size_t nslots;          /* a power of two, at least twice npos; 0 before the first */
	struct state_pos marks[52]; /* a-z, A-Z */
	int dirty;
	unsigned bad_lines;     /* corrupt lines skipped at the last read of the file */
};

/* Reads the state from dir (NULL: the default), removing temporary files a
 * save that was killed left behind. A missing file is not an error. A corrupt
 * line is skipped (the rest is read); a file that is not a regular file (a
 * FIFO, a device, a directory) or is too large is not read. Returns 0, or -1
 * with a message in err (size n) naming the file (and the first corrupt
 * line). */
int state_load(struct state *s, const char *dir, char *err, size_t n);

void state_free(struct state *s);

/* The saved position of article id, or NULL. The pointer is valid until the
 * next change to s. */
const struct state_pos *state_get(const struct state *s, const char *id);

/* Records a position, stamped with the time when it differs from the one
 * recorded (stamps are never earlier than the one they replace, so a change
 * wins over the version it replaced even when that came from a clock
 * ahead). 0, or -1 when memory runs out. */
int state_set(struct state *s, const char *id, long block, long line);

/* Records the article opened last, stamped with the time. */
void state_set_last(struct state *s, const char *id);

/* Sets mark index (0..51) at a position, stamped with the time. */
void state_set_mark(struct state *s, int index, const char *id, long block, long line);

/* Mark index of a letter (0..51), or -1. */
int state_mark_index(int letter);

/* Merges the file as it is now into s (per entry, the later change wins; on
 * a tie s wins) and writes s atomically under the lock. A file that cannot
 * be read back (not a regular file, unreadable) is not replaced. A file
 * with corrupt lines is kept as state.bad beside it before it is replaced.
 * 0, or -1 with a message in err naming the file. */
int state_save(struct state *s, char *err, size_t n);

#endif
