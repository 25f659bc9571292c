#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "io/diag.h"

/*
 * A quoted subject of up to DIAG_QUOTE_WHOLE characters is shown whole, a
 * longer one cut to DIAG_QUOTE_MAX.
 */
#define DIAG_QUOTE_MAX 60
#define DIAG_QUOTE_WHOLE 80

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

/*
 * Write S[0..N) to stderr with its control characters escaped (see
 * diag.h): C0 and DEL as \n \r \t or \xHH, C1 (U+0080-U+009F, which some
 * terminals obey as ESC sequences) as \uHHHH.
 */
static void
put_escaped(const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		size_t skip = 1;

		if (c == '\n')
			strcpy(esc, "\\n");
		else if (c == '\r')
			strcpy(esc, "\\r");
		else if (c == '\t')
			strcpy(esc, "\\t");
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof esc, "\\x%02x", c);
		else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned char)s[i + 1]);
			skip = 2;
		} else
			continue;
		fwrite(s + from, 1, i - from, stderr);
		fputs(esc, stderr);
		i += skip - 1;
		from = i + 1;
	}
	fwrite(s + from, 1, n - from, stderr);
}

/* Can the quote at S[I] open a quoted subject (after a blank, '(', '=' or at the start)? */
static int
opens_quote(const char *s, size_t i)
{
	return s[i] == '\'' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
	    s[i - 1] == '=');
}

/* Can the quote at S[I] close one (before a blank, punctuation or the end)? */
static int
closes_quote(const char *s, size_t n, size_t i)
{
	return s[i] == '\'' && (i + 1 == n || strchr(" ),;:.", s[i + 1]) != NULL);
}

/*
 * Shorten every single-quoted subject of MSG[0..*N) that is longer than
 * DIAG_QUOTE_WHOLE characters to its first DIAG_QUOTE_MAX - 1 and "…",
 * in place: a message quotes data, never pages of it.
 */
static void
shorten_quotes(char *msg, size_t *n)
{
	size_t i = 0;

	while (i < *n) {
		size_t j, chars = 0, keep = 0;

		if (!opens_quote(msg, i)) {
			i++;
			continue;
		}
		for (j = i + 1; j < *n && !closes_quote(msg, *n, j); j++) {
			if (((unsigned char)msg[j] & 0xc0) != 0x80 &&
			    ++chars == DIAG_QUOTE_MAX)
				keep = j;	/* where the last kept character ends */
		}
		if (j == *n)
			return;
		if (chars > DIAG_QUOTE_WHOLE) {
			/* keep is the start of character DIAG_QUOTE_MAX: "…" there. */
			memmove(msg + keep + 3, msg + j, *n - j);
			memcpy(msg + keep, "…", 3);
			*n -= j - keep - 3;
			j = keep + 3;
		}
		i = j + 1;
	}
}

/* Print FMT formatted with AP to stderr, escaped. */
static void
vput_escaped(const char *fmt, va_list ap)
{
	char small[512], *big = NULL;
	va_list aq;
	size_t len;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	len = (size_t)n;
	if ((size_t)n >= sizeof small) {
		if (vasprintf(&big, fmt, ap) < 0)
			return;
	}
	shorten_quotes(big ? big : small, &len);
	put_escaped(big ? big : small, len);
	free(big);
}

/* Print FMT's arguments formatted, escaped. */
static void
put_escapedf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput_escaped(fmt, ap);
	va_end(ap);
}

void
cs_vwarnx_at(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (file != NULL && line > 0)
		put_escapedf("%s:%ld: ", file, line);
	else if (file != NULL)
		put_escapedf("%s: ", file);
	vput_escaped(fmt, ap);
	fputc('\n', stderr);
}

/* Bytes of the UTF-8 character that starts at S[I] (1 for a stray byte). */
static size_t
char_len(const char *s, size_t n, size_t i)
{
	uint32_t cp;

	return (size_t)utf8_decode((const unsigned char *)s + i, n - i, &cp,
	    NULL);
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
	vput_escaped(fmt, ap);
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
