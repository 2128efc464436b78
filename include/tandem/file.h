/* file.h — the one rule for opening what tandem reads (articles, manifests,
 * the configuration, the state): only a regular file is read, opening never
 * waits (a FIFO, a device or a directory is refused, not read), and a size
 * limit can be set (a file over it is refused before a byte is read).
 *
 * Test hook: when the environment variable TANDEM_TEST_OPEN_LOG names a
 * file, the path of every file opened through here is appended to it, one
 * a line (the tests check that a start with a warm index reads no article). */
#ifndef TANDEM_FILE_H
#define TANDEM_FILE_H

#include <stdio.h>

#include "tandem/diag.h"

/* Opens the regular file at path for reading. On success returns the stream
 * (caller fcloses) and, when size is not NULL, its size in bytes. On failure
 * returns NULL with an error naming the path in diags ("cannot open: …",
 * "not a regular file (a FIFO)") and errno set: open()'s error when the path
 * cannot be opened (ENOENT: nothing there), EINVAL when it is not a regular
 * file. */
FILE *file_open_regular(const char *path, struct diag_list *diags, long long *size);

/* The same, refusing a file over max bytes (max <= 0: no limit) with "too
 * large (N bytes; at most M)" and errno EFBIG. */
FILE *file_open_limited(const char *path, long long max, struct diag_list *diags,
                        long long *size);

/* What a file of this st_mode is, for messages: "a directory", "a FIFO",
 * "a character device", … (a static string). */
const char *file_kind_name(unsigned mode);

#endif
