/* fuzz.h — what the fuzz targets share: the libFuzzer entry point's
 * prototype, a check that aborts with a message (so libFuzzer, and the seed
 * driver, report the input), and a private temporary directory for the
 * readers that take a path. Static inline: each target is one .c file. */
#ifndef TANDEM_FUZZ_H
#define TANDEM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: on violation, says which and aborts. */
#define FUZZ_CHECK(cond)                                                            \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, \
			        __LINE__, #cond);                                   \
			abort();                                                    \
		}                                                                   \
	} while (0)

static char fuzz_dir_path[4096];

static inline void fuzz_dir_remove(void)
{
	char cmd[4200];
	/* Only the directory made below: its name holds no quote. */
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_path);
	if (fuzz_dir_path[0] && system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir_path);
}

/* A directory of this process's own, made on first use and removed at exit.
 * Aborts when it cannot be made (the target could test nothing). */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/tandem-fuzz.XXXXXX",
		         tmp && *tmp && !strchr(tmp, '\'') ? tmp : "/tmp");
		if (!mkdtemp(fuzz_dir_path)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

/* Writes data to NAME in fuzz_dir() (replacing it); its path goes to buf
 * (size n). Aborts on failure. Returns buf. */
static inline char *fuzz_write(const char *name, const void *data, size_t size, char *buf,
                               size_t n)
{
	snprintf(buf, n, "%s/%s", fuzz_dir(), name);
	FILE *f = fopen(buf, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(buf);
		abort();
	}
	return buf;
}

#endif
