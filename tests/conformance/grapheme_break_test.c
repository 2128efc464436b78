/* grapheme_break_test.c — Unicode conformance of the grapheme-cluster
 * boundaries tandem cuts an over-long word at, against GraphemeBreakTest.txt
 * (UAX #29, Debian package unicode-data, Unicode 15.0).
 *
 * When a word is wider than the line, src/text/layout.c cuts it between
 * grapheme clusters found by libunistring's u32_grapheme_breaks(text, n, p)
 * on the logical code points (p[i] = 1: a cluster begins at s[i]). This
 * program makes the same call on each test string and compares, at every
 * position between two characters, the file's ÷ (boundary) and × (no
 * boundary) with p[i]. The boundaries at the start and at the end of the
 * text are always there and are skipped.
 *
 * This file owns that library call and how its answer is read. Reading the
 * file, its ÷/× format, the known-deviations file and the tally are
 * tests/conformance/harness.h's: each case passes, or fails and is listed in
 * the known-deviations file (a known deviation), or fails and is not listed
 * (a FAILURE, printed with line number, input, expected and got); a listed
 * case that now passes, or a listed line that is no test case, is a FAILURE
 * too.
 *
 * Usage: conf_grapheme_break_test [GraphemeBreakTest.txt [known-deviations.txt]]
 * The last line on stdout is "grapheme-break-test: N passed, N failed, N known
 * deviations"; the exit status is 0 only when nothing failed. */
#include <stdint.h>
#include <stdlib.h>
#include <unigbrk.h>

#include "harness.h"

/* The call src/text/layout.c makes. */
static void analyse(const uint32_t *s, size_t n, char *p)
{
	u32_grapheme_breaks(s, n, p);
}

/* Whether libunistring's p[] puts a cluster boundary between s[k-1] and s[k]. */
static int breaks_before(const char *p, size_t k)
{
	return p[k] != 0;
}

int main(int argc, char **argv)
{
	static const struct conf_break_rules rules = {analyse, breaks_before};
	return conf_break_main(argc, argv, "grapheme-break-test", "grapheme",
	                       "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt", &rules);
}
