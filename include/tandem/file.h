/* file.h — opening the corpus's files safely: only a regular file is read,
 * and opening never waits (a FIFO or a device named like an article or a
 * manifest is refused, not read). */
#ifndef TANDEM_FILE_H
#define TANDEM_FILE_H

#include <stdio.h>

#include "tandem/diag.h"

/* Opens the regular file at path for reading. On success returns the stream
 * (caller fcloses) and, when size is not NULL, its size in bytes. On failure
 * returns NULL with an error naming the path in diags ("cannot open: …",
 * "not a regular file"). */
FILE *file_open_regular(const char *path, struct diag_list *diags, long long *size);

#endif
