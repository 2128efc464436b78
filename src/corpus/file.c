/* file.c — owns how tandem opens what it reads (articles, manifests, the
 * configuration, the state): without blocking (O_NONBLOCK, so a FIFO or a
 * device cannot hang a load, cleared once the file is known to be regular),
 * checked to be a regular file before a byte is read, optionally bounded in
 * size, each failure reported with the path and what the path is. A test
 * hook logs every path opened (TANDEM_TEST_OPEN_LOG, file.h). */
#include "tandem/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *file_kind_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "a regular file";
	case S_IFDIR:
		return "a directory";
	case S_IFIFO:
		return "a FIFO";
	case S_IFCHR:
		return "a character device";
	case S_IFBLK:
		return "a block device";
	case S_IFSOCK:
		return "a socket";
	default:
		return "not a file";
	}
}

/* The test hook: appends the path to $TANDEM_TEST_OPEN_LOG. */
static void log_open(const char *path)
{
	const char *log = getenv("TANDEM_TEST_OPEN_LOG");
	if (!log || !*log)
		return;
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0)
		return;
	size_t n = strlen(path);
	char *line = malloc(n + 1);
	if (line) {
		memcpy(line, path, n);
		line[n] = '\n';
		/* one write: lines from two processes do not mix */
		if (write(fd, line, n + 1) < 0) {
			/* a test hook: nothing to report */
		}
		free(line);
	}
	close(fd);
}

FILE *file_open_limited(const char *path, long long max, struct diag_list *diags,
                        long long *size)
{
	struct stat st;
	log_open(path);
	/* O_NONBLOCK changes nothing for a regular file; for a FIFO or a device
	 * it keeps open() from waiting */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(e));
		errno = e;
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		int e = errno;
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(e));
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, "not a regular file (%s)",
		         file_kind_name((unsigned)st.st_mode));
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	if (max > 0 && (long long)st.st_size > max) {
		diag_add(diags, DIAG_ERROR, path, 0, "too large (%lld bytes; at most %lld)",
		         (long long)st.st_size, max);
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	/* a regular file: reads block as usual from here on */
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		int e = errno;
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(e));
		close(fd);
		errno = e;
		return NULL;
	}
	FILE *fp = fdopen(fd, "rb");
	if (!fp) {
		int e = errno;
		diag_add(diags, DIAG_ERROR, path, 0, "cannot open: %s", strerror(e));
		close(fd);
		errno = e;
		return NULL;
	}
	if (size)
		*size = (long long)st.st_size;
	return fp;
}

FILE *file_open_regular(const char *path, struct diag_list *diags, long long *size)
{
	return file_open_limited(path, 0, diags, size);
}
