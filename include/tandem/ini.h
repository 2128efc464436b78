/* ini.h — tandem's INI reader, for the manifest (corpus.ini) and the config
 * file. The dialect:
 *
 *   [section name]            a section; the name is trimmed
 *   key = value               also `key: value`; key and value trimmed
 *   ; comment                 also `# comment`, on a line of its own
 *   key = value ; comment     an inline comment: `;` after a space or tab
 *
 * Blank lines are skipped; an indented line is read like any other (it does
 * not continue the previous value); a UTF-8 byte order mark at the start and
 * CRLF line ends are accepted. Lines may be of any length. A line that holds
 * a NUL byte, or that is none of the above, is reported with its number and
 * skipped: reading goes on with the next line. Invalid UTF-8 is reported,
 * and the line is then read with U+FFFD for each invalid sequence. */
#ifndef TANDEM_INI_H
#define TANDEM_INI_H

#include <stddef.h>
#include <stdio.h>

enum ini_kind {
	INI_SECTION,  /* a section header: `section` is the new section */
	INI_KEY,      /* key = value in `section` */
	INI_ERROR,    /* a line that was skipped; `message` says why */
	INI_WARNING,  /* a problem in a line that is still read: its own item
	                 follows; `message` says what (invalid UTF-8) */
};

struct ini_item {
	enum ini_kind kind;
	unsigned line;        /* 1-based line number */
	const char *section;  /* the current section, "" before the first one */
	const char *name;     /* INI_KEY: the key; NULL otherwise */
	const char *value;    /* INI_KEY: the value, possibly ""; NULL otherwise */
	const char *message;  /* INI_ERROR, INI_WARNING: what is wrong, e.g. "NUL
	                         byte in line 3 (byte 9); line ignored"; NULL
	                         otherwise */
};

/* Called for each section header, key and problem, in file order. The item
 * and its strings are valid only during the call. Return nonzero to go on,
 * 0 to stop reading. */
typedef int (*ini_handler)(void *user, const struct ini_item *item);

enum ini_status {
	INI_OK = 0,          /* read to the end */
	INI_READ_ERROR = -1, /* the stream failed (errno set) */
	INI_NO_MEMORY = -2,
	INI_STOPPED = -3,    /* the handler returned 0 */
};

/* Reads INI text from fp to its end (the caller opens and closes fp). */
enum ini_status ini_parse_file(FILE *fp, ini_handler handler, void *user);

/* Reads the INI text in buf[0..len) (NUL bytes included). */
enum ini_status ini_parse_buffer(const char *buf, size_t len, ini_handler handler, void *user);

#endif
