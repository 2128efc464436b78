/* state.c — fuzz target for the state reader, which reads DIR/state: the
 * input is written there, in a private directory. Input: the file's bytes.
 * Invariants: every position kept has a valid id (not empty, no blank or
 * control, shorter than STATE_ID_MAX) and sane numbers, and state_get finds
 * it; a position recorded afterwards is found with its numbers; a failure
 * comes with a message. */
#include "tandem/state.h"

#include "fuzz.h"

static void check_pos(const struct state_pos *p)
{
	FUZZ_CHECK(memchr(p->id, 0, sizeof p->id));
	for (const char *c = p->id; *c; c++)
		FUZZ_CHECK((unsigned char)*c > ' ');
	FUZZ_CHECK(p->block >= -1 && p->line >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4200];
	fuzz_write("state", data, size, path, sizeof path);
	struct state s;
	char err[512];
	if (state_load(&s, fuzz_dir(), err, sizeof err) != 0)
		FUZZ_CHECK(err[0] != 0);
	FUZZ_CHECK(memchr(s.last, 0, sizeof s.last));
	for (size_t i = 0; i < s.npos; i++) {
		if (!s.pos[i].id[0])
			continue;
		check_pos(&s.pos[i]);
		const struct state_pos *g = state_get(&s, s.pos[i].id);
		FUZZ_CHECK(g && !strcmp(g->id, s.pos[i].id));
	}
	for (int m = 0; m < 52; m++)
		if (s.marks[m].id[0])
			check_pos(&s.marks[m]);
	if (state_set(&s, "fuzz-article", 7, 3) == 0) {
		const struct state_pos *g = state_get(&s, "fuzz-article");
		FUZZ_CHECK(g && g->block == 7 && g->line == 3);
	}
	state_free(&s);
	return 0;
}
