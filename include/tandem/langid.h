/* langid.h — which language a text is written in: the script of its letters
 * first (Thai letters are Thai, Hangul Korean, kana Japanese), then, where a
 * script serves several languages (Latin, Cyrillic, Arabic, Hebrew,
 * Devanagari…), libexttextcat's n-gram fingerprints of the languages of that
 * script, and for the Arabic script the letters only Persian, Urdu, Pashto,
 * Kurdish or Uyghur use. Only a bounded prefix of the text is read. When the
 * evidence is too weak (too few letters, no clear winner, text like no
 * language at all) the answer is "und": unknown, never a guess. */
#ifndef TANDEM_LANGID_H
#define TANDEM_LANGID_H

#include <stdbool.h>
#include <stddef.h>

/* What the reader and the renderers show for an unknown language. */
#define LANGID_UNKNOWN_LABEL "language unknown"

struct langid_guess {
	/* BCP 47 tag ("fa", "sr", "zh", "pt"), or "und" when unknown. Static. */
	const char *tag;
	/* ISO 15924 code of the script that decided ("Latn", "Arab", "Thai"),
	 * or "Zyyy" when the text has too few letters. Static. */
	const char *script;
	/* 0 when unknown; else in (0, 1]: 1 when the script alone decides,
	 * otherwise how far the runner-up's n-gram distance is behind the
	 * winner's, relative to it, capped at 1. */
	double confidence;
	/* Why the language is unknown ("too few letters", "no clear winner",
	 * "unlike any language", "no fingerprints"), or NULL. Static. */
	const char *why;
};

/* Identifies the language of UTF-8 text (n bytes; invalid bytes are
 * skipped; NULL with n == 0 is empty text). Reads at most the first
 * LANGID_SCAN_MAX bytes. Always fills *out; returns true when the language is
 * known.
 *
 * Thread safety: the fingerprints are loaded once, by the first call that
 * needs them, under a mutex; after that they are only read, and each call
 * works on its own memory, so langid_identify (and everything below but
 * langid_unload) may be called from several threads at once. langid_unload
 * is not safe while another thread identifies. */
bool langid_identify(const char *text, size_t n, struct langid_guess *out);

/* The tag alone: langid_identify's tag ("und" when unknown). Static. */
const char *langid_tag(const char *text, size_t n);

/* True for a tag naming a language: not NULL, "" or "und". */
bool langid_is_known(const char *tag);

/* What to show for a language tag: the tag itself, or
 * LANGID_UNKNOWN_LABEL for NULL, "" and "und". Static or tag. */
const char *langid_label(const char *tag);

/* The same for a narrow column (lists, badges): the tag, or "?" for an
 * unknown language. Static or tag. */
const char *langid_badge(const char *tag);

/* How many fingerprints are loaded (loading them if not yet done); 0 when
 * none could be read (the n-gram step then answers "und"). */
size_t langid_fingerprints(void);

/* Frees the fingerprints (at exit, for leak checkers); a later call loads
 * them again. Not thread-safe: see langid_identify. */
void langid_unload(void);

/* The bytes of text read at most (within them, letters are counted per
 * script up to 4096 of them), and the sample of letters handed to the
 * n-gram comparison at most (for its cost: more changes no verdict on the
 * test set). */
enum { LANGID_SCAN_MAX = 32768, LANGID_SAMPLE_MAX = 1024 };

#endif
