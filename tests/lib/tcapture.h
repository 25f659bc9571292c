#ifndef CS_TEST_TCAPTURE_H
#define CS_TEST_TCAPTURE_H

/*
 * Helpers for unit tests of functions that print diagnostics or read
 * files: capture stderr into a temporary file, and write a temporary file.
 * main() makes err_path unique with mkstemp() before the first capture.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char err_path[] = "/tmp/cs-test.err.XXXXXX";
static int saved_fd = -1;

/* Write TEXT to PATH, or exit 2. */
static inline void
t_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* Send stderr to a file until capture_end(). */
static inline void
capture_begin(void)
{
	int fd;

	fflush(stderr);
	if ((fd = open(err_path, O_WRONLY | O_TRUNC)) < 0) {
		perror(err_path);
		exit(2);
	}
	saved_fd = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* Restore stderr and return what was written to it (static buffer). */
static inline const char *
capture_end(void)
{
	static char buf[4096];
	FILE *f;
	size_t k = 0;

	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	if ((f = fopen(err_path, "r")) != NULL) {
		k = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[k] = '\0';
	return buf;
}

#endif
