#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

/* The one tolerated file-static: the program name, set once in main(). */
static const char *progname = "cs";

void
diag_set_progname(const char *name)
{
	progname = name;
}

const char *
diag_progname(void)
{
	return progname;
}

void
cs_vwarnx_at(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (file != NULL && line > 0)
		fprintf(stderr, "%s: %s:%ld: ", progname, file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: %s: ", progname, file);
	else
		fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* Bytes of the UTF-8 character that starts at S[I] (1 for a stray byte). */
static size_t
char_len(const char *s, size_t n, size_t i)
{
	size_t k = 1;

	while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
		k++;
	return k;
}

char *
diag_excerpt(char *buf, size_t size, const char *s, size_t n, size_t at,
    size_t before, size_t after)
{
	size_t from = at, to = at, k;
	int cut_start, cut_end;

	if (at > n)
		at = from = to = n;
	/* Back over BEFORE characters, then on over AFTER. */
	for (k = 0; k < before && from > 0; k++) {
		from--;
		while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
			from--;
	}
	for (k = 0; k < after && to < n; k++)
		to += char_len(s, n, to);
	cut_start = from > 0;
	cut_end = to < n;
	snprintf(buf, size, "%s%.*s%s", cut_start ? "…" : "", (int)(to - from),
	    s + from, cut_end ? "…" : "");
	return buf;
}

void
cs_warnx_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(file, line, fmt, ap);
	va_end(ap);
}

void
cs_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(NULL, 0, fmt, ap);
	va_end(ap);
}

static void
vwarn_errno(const char *fmt, va_list ap)
{
	int saved = errno;

	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}

void
cs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_errno(fmt, ap);
	va_end(ap);
}

void
cs_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
cs_err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_errno(fmt, ap);
	va_end(ap);
	exit(status);
}

int
cs_close_stdout(void)
{
	int some_pending = __fpending(stdout) != 0;
	int prev_fail = ferror(stdout);
	int fclose_fail = fclose(stdout) != 0;

	if (prev_fail || (fclose_fail && (some_pending || errno != EBADF))) {
		if (!fclose_fail)
			errno = 0;
		if (errno != 0)
			cs_warn("write error");
		else
			cs_warnx("write error");
		return CS_FATAL;
	}
	return CS_OK;
}
