/* line_break_test.c — Unicode conformance of the line-break opportunities
 * tandem wraps at, against LineBreakTest.txt (UAX #14, Debian package
 * unicode-data, Unicode 15.0).
 *
 * src/text/layout.c takes its break opportunities from libunistring:
 * u32_possible_linebreaks(text, n, "UTF-8", p) on the logical (unshaped)
 * code points of the paragraph (called in src/text/bidi.c). This program makes the same call on each
 * test string and compares, at every position between two characters, the
 * file's ÷ (break allowed) and × (no break) with libunistring's answer.
 * Position 0 (before the first character) never breaks and the break at the
 * end of the text is implicit: both are skipped.
 *
 * Reading p[] follows libunistring's documented contract (unilbrk.h, 1.0,
 * where u32_possible_linebreaks is u32_possible_linebreaks_v2): p[i] is
 * UC_BREAK_POSSIBLE or UC_BREAK_HYPHENATION when a break may go between
 * s[i-1] and s[i]; p[i] == UC_BREAK_MANDATORY says that s[i] *is* a line
 * break character (BK, CR, LF, NL), i.e. the break comes after it, between
 * s[i] and s[i+1]; UC_BREAK_CR_BEFORE_LF marks the CR of a CR LF pair (the
 * break comes after the LF). So a break lies between s[i-1] and s[i] when p[i]
 * is POSSIBLE or HYPHENATION, or p[i-1] is MANDATORY. (A plain
 * "p[i] != UC_BREAK_PROHIBITED" would put the break before the newline
 * instead of after it.)
 *
 * The file is Unicode 15.0 and uses the numeric tailoring of UAX #14
 * section 8.2 example 7; libunistring 1.0 implements an older UAX #14
 * without that tailoring. The cases where they differ are listed, each with
 * its reason, in the known-deviations file.
 *
 * layout.c then adds, inside runs of Thai, Lao, Khmer and Myanmar (class
 * SA, which UAX #14 leaves to a dictionary), the word boundaries of
 * src/text/wordbreak.c (ICU); this program does the same. The file's only
 * such runs are two characters long (0E01 0E01, 17D6 17D6), where ICU finds
 * no boundary either, so the addition changes no case's answer.
 *
 * This file owns that library call and how its answer is read. Reading the
 * file, its ÷/× format, the known-deviations file and the tally are
 * tests/conformance/harness.h's: each case passes, or fails and is listed (a
 * known deviation), or fails and is not listed (a FAILURE, printed with line
 * number, input, expected and got); a listed case that now passes, or a
 * listed line that is no test case, is a FAILURE too.
 *
 * Usage: conf_line_break_test [LineBreakTest.txt [known-deviations.txt]]
 * The last line on stdout is "line-break-test: N passed, N failed, N known
 * deviations"; the exit status is 0 only when nothing failed. */
#include <stdint.h>
#include <stdlib.h>
#include <unilbrk.h>

#include "harness.h"
#include "tandem/wordbreak.h"

/* The calls src/text/bidi.c and src/text/layout.c make. */
static void analyse(const uint32_t *s, size_t n, char *p)
{
	u32_possible_linebreaks(s, n, "UTF-8", p);
	if (wordbreak_add(s, n, p) < 0) {
		fprintf(stderr, "line-break-test: wordbreak_add failed\n");
		exit(1);
	}
}

/* Whether libunistring's p[] allows a break between s[k-1] and s[k]. */
static int breaks_before(const char *p, size_t k)
{
	return p[k] == UC_BREAK_POSSIBLE || p[k] == UC_BREAK_HYPHENATION ||
	       p[k - 1] == UC_BREAK_MANDATORY;
}

int main(int argc, char **argv)
{
	static const struct conf_break_rules rules = {analyse, breaks_before};
	return conf_break_main(argc, argv, "line-break-test", "linebreak",
	                       "/usr/share/unicode/auxiliary/LineBreakTest.txt", &rules);
}
