#ifndef CS_FUZZ_H
#define CS_FUZZ_H

/*
 * Helpers shared by the libFuzzer harnesses in fuzz/ (header only: each
 * harness is one translation unit linked against the lib objects).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the fuzzer with a message: an invariant of a lib contract broke. */
#define FZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant '%s' broken\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/* A growing byte buffer for what a harness collects. */
struct fz_buf {
	char *s;		/* the bytes */
	size_t len, cap;	/* fill and size */
};

static inline void
fz_append(struct fz_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		if ((b->s = realloc(b->s, b->cap)) == NULL)
			abort();
	}
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
}

/*
 * Write DATA[0..SIZE) to this process's scratch file (one per harness
 * process and TAG, in $TMPDIR) and return its path.  Aborts when the file
 * cannot be written: that is the harness failing, not the code under test.
 */
static inline const char *
fz_tmpfile(const char *tag, const void *data, size_t size)
{
	static char path[4][512];
	static int n;
	const char *dir;
	FILE *fp;
	int i;

	for (i = 0; i < n; i++)
		if (strstr(path[i], tag) != NULL)
			break;
	if (i == n) {
		if (n == 4)
			abort();
		if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
			dir = "/tmp";
		snprintf(path[i], sizeof path[i], "%s/cs-fuzz-%ld-%s",
		    dir, (long)getpid(), tag);
		n++;
	}
	if ((fp = fopen(path[i], "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	return path[i];
}

/* A copy of S; aborts when out of memory. */
static inline char *
fz_strdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort();
	return d;
}

/*
 * UBSan stops at the first report, except for the kinds listed in
 * fuzz/ubsan.supp (benign reports already filed, see that file), so that
 * they do not hide everything behind them.  FUZZ_UBSAN_SUPP is set by
 * fuzz/Makefile.
 */
const char *__ubsan_default_options(void);

const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1:report_error_type=1"
#ifdef FUZZ_UBSAN_SUPP
	    ":suppressions=" FUZZ_UBSAN_SUPP
#endif
	    ;
}

/* Touch every byte of S[0..N) so that ASan sees an overread. */
static inline unsigned
fz_touch(const char *s, size_t n)
{
	volatile unsigned sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (unsigned char)s[i];
	return sum;
}

#endif
