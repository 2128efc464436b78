/* align.c — fuzz target for paragraph alignment (Gale–Church).
 * Input: byte 0 is how many paragraphs text A has (at most 255); then each
 * pair of bytes is a paragraph length (little-endian, 0 to 65535), A's
 * first, the rest B's (at most 255).
 * Invariants: the beads cover every paragraph of both texts exactly once
 * and in order; each bead is one of the six shapes; no cost is NaN. */
#include <math.h>

#include "tandem/align.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len[2][256], n[2] = {0, 0};
	if (size == 0)
		return 0;
	size_t want_a = data[0];
	for (size_t i = 1; i + 1 < size; i += 2) {
		int which = n[0] < want_a ? 0 : 1;
		if (n[which] == 255)
			break;
		len[which][n[which]++] = (size_t)data[i] | (size_t)data[i + 1] << 8;
	}
	struct align_bead *beads = NULL;
	size_t nbeads = 0;
	if (align_paragraphs(len[0], n[0], len[1], n[1], &beads, &nbeads) != 0)
		return 0;
	size_t a = 0, b = 0;
	for (size_t i = 0; i < nbeads; i++) {
		const struct align_bead *bd = &beads[i];
		FUZZ_CHECK(bd->a_start == a && bd->b_start == b);
		FUZZ_CHECK(bd->a_len <= 2 && bd->b_len <= 2 && bd->a_len + bd->b_len > 0);
		FUZZ_CHECK(!(bd->a_len == 0 && bd->b_len == 2) && !(bd->a_len == 2 && bd->b_len == 0));
		FUZZ_CHECK(!isnan(bd->cost));
		FUZZ_CHECK(align_bead_shape(bd) != NULL);
		a += bd->a_len;
		b += bd->b_len;
	}
	FUZZ_CHECK(a == n[0] && b == n[1]);
	free(beads);
	return 0;
}
