/* wordbreak.h — line-break opportunities between the words of scripts
 * written without spaces (Thai, Lao, Khmer, Myanmar), found with ICU's
 * dictionary-based line break iterator and added to the UAX #14
 * opportunities libunistring finds for everything else.
 *
 * Thread safety: each thread that calls wordbreak_add opens its own ICU
 * break iterator on its first run of these scripts and reuses it afterwards
 * (thread-local storage), so calls from several threads are safe. A thread
 * that no longer needs it may close it with wordbreak_release. */
#ifndef TANDEM_WORDBREAK_H
#define TANDEM_WORDBREAK_H

#include <stddef.h>
#include <stdint.h>

/* True when c lies in one of the blocks of Thai (U+0E00-0E7F), Lao
 * (U+0E80-0EFF), Myanmar (U+1000-109F, U+A9E0-A9FF, U+AA60-AA7F) or Khmer
 * (U+1780-17FF, U+19E0-19FF): the characters whose runs wordbreak_add
 * breaks. A text without any needs no call to wordbreak_add. One comparison
 * decides for every code point below U+0E00 (Latin, Greek, Cyrillic,
 * Hebrew, Arabic…). */
static inline int wordbreak_script_char(uint32_t c)
{
	if (c - 0x0e00u >= 0xaa80u - 0x0e00u)
		return 0;
	return c < 0x0f00u || (c >= 0x1000u && c < 0x10a0u) || (c >= 0x1780u && c < 0x1800u) ||
	       (c >= 0x19e0u && c < 0x1a00u) || (c >= 0xa9e0u && c < 0xaa00u) ||
	       c >= 0xaa60u;
}

/* For every run of two or more characters for which wordbreak_script_char
 * holds in s[0..n), marks the word boundaries ICU finds inside the run as
 * UC_BREAK_POSSIBLE in breaks[0..n) — the array u32_possible_linebreaks
 * filled for s — where breaks holds UC_BREAK_PROHIBITED and the boundary
 * lies between two grapheme clusters, not before a mark (a combining vowel
 * or tone mark) and not inside a stacked consonant (after a Khmer coeng or
 * Myanmar virama). Nothing outside these runs, and no run's edges, change.
 * Returns the number of opportunities added (0 for a text without such a
 * run: ICU is then not touched), -1 when memory runs out, or -2 when ICU's
 * break iterator cannot be opened or fails; the opportunities added before
 * a failure stay (each is a true word boundary). After a failure to open,
 * the thread's later calls return -2 at once, until wordbreak_release. */
long wordbreak_add(const uint32_t *s, size_t n, char *breaks);

/* Closes the calling thread's break iterator, if it opened one. */
void wordbreak_release(void);

#endif
