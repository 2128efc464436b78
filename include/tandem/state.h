/* state.h — what the reader remembers between runs, in
 * $XDG_STATE_HOME/tandem/state (fallback ~/.local/state/tandem/state): the
 * last article, the reading position of each article by paragraph (block
 * index and line offset inside it, so it survives a width change) and the
 * marks. Written atomically: temporary file in the same directory, fsync,
 * rename. */
#ifndef TANDEM_STATE_H
#define TANDEM_STATE_H

#include <stddef.h>

#define STATE_ID_MAX 128

struct state_pos {
	char id[STATE_ID_MAX];  /* article id; "" for an unused slot */
	long block;             /* article block, -1 for the header */
	long line;              /* line offset inside the block */
};

struct state {
	char dir[1024];
	char path[1100];
	char last[STATE_ID_MAX];
	struct state_pos *pos;  /* owned */
	size_t npos, cap;
	struct state_pos marks[52]; /* a-z, A-Z */
	int dirty;
};

/* Reads the state from dir (NULL: the default). A missing file is not an
 * error; a corrupt one is ignored. Returns 0, or -1 with a message in err
 * (size n) naming the file. */
int state_load(struct state *s, const char *dir, char *err, size_t n);

void state_free(struct state *s);

/* The saved position of article id, or NULL. */
const struct state_pos *state_get(const struct state *s, const char *id);

/* Records a position. 0, or -1 when memory runs out. */
int state_set(struct state *s, const char *id, long block, long line);

/* Mark index of a letter (0..51), or -1. */
int state_mark_index(int letter);

/* Writes the file atomically. 0, or -1 with a message in err. */
int state_save(struct state *s, char *err, size_t n);

#endif
