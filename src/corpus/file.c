/* file.c — owns how the corpus opens its files: without blocking (O_NONBLOCK,
 * so a FIFO cannot hang a load), checked to be a regular file before a byte
 * is read, each failure reported with the path. */
#include "tandem/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *file_open_regular(const char *path, struct diag_list *diags, long long *size)
{
	struct stat st;
	/* O_NONBLOCK changes nothing for a regular file; for a FIFO or a device
	 * it keeps open() from waiting */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	FILE *fp = fdopen(fd, "rb");
	if (!fp) {
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (size)
		*size = (long long)st.st_size;
	return fp;
}
