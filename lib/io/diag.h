#ifndef CS_DIAG_H
#define CS_DIAG_H

/*
 * Diagnostics and exit status shared by every cs tool.
 *
 * Messages go to stderr as "cs-TOOL: message" or "cs-TOOL: FILE:LINE:
 * message" (GNU format).  Wording: lowercase, no trailing period, the
 * subject in single quotes.
 *
 * A message is one line whatever data it quotes: control characters in it
 * (C0, DEL and C1) are written as escapes (\n, \r, \t, \x1b, \u009b), so
 * that a quoted line end cannot forge a "cs-TOOL: FILE:LINE:" line and an
 * ESC sequence from the data cannot reach the terminal.  A single-quoted
 * subject longer than 80 characters is cut to its first 59 and "…".
 */

#include <stdarg.h>
#include <stddef.h>

enum cs_status {
	CS_OK = 0,	/* everything processed */
	CS_ROWS = 1,	/* some rows rejected, or findings (cs-lint) */
	CS_FATAL = 2	/* usage error, unreadable input, write error */
};

/* Set the program name printed before every message (a constant, not argv[0]). */
void diag_set_progname(const char *name);

/* The program name set by diag_set_progname(), or "cs". */
const char *diag_progname(void);

/* Print "prog: message" to stderr. */
void cs_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "prog: message: strerror(errno)" to stderr. */
void cs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "prog: FILE:LINE: message"; line <= 0 omits the line. */
void cs_warnx_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like cs_warnx_at() with a va_list. */
void cs_vwarnx_at(const char *file, long line, const char *fmt, va_list ap);

/* cs_warnx() then exit(status). */
_Noreturn void cs_errx(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cs_warn() then exit(status). */
_Noreturn void cs_err(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Put into BUF (SIZE bytes, NUL-terminated) an excerpt of the UTF-8 text
 * S[0..N) for quoting in a message: the characters around offset AT, at
 * most BEFORE of them before it and AFTER from it on, cut at character
 * boundaries, with "…" where text was left out.  diag_excerpt(b, sz, s,
 * n, 0, 0, 60) is the first 60 characters.  Returns BUF.
 */
char *diag_excerpt(char *buf, size_t size, const char *s, size_t n,
    size_t at, size_t before, size_t after);

/*
 * Flush and close stdout, checking for errors (the gnulib close-stream
 * rules: a stream with nothing pending that was already closed is fine).
 * Returns CS_OK, or prints "prog: write error: ..." and returns CS_FATAL.
 */
int cs_close_stdout(void);

#endif
