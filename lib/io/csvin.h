#ifndef CS_CSVIN_H
#define CS_CSVIN_H

/*
 * Streaming CSV (or line) input over libcsv and enc.
 *
 * csvin_run() reads one file (or stdin), decodes it to UTF-8, splits it
 * into records and hands each to a callback with the line where the record
 * starts (lines end at LF, CRLF, or a CR alone, as in CR-only files).
 * Memory is bounded by the largest record, never by the file.
 *
 * Records that cannot be read faithfully are still handed over, with
 * r->error set and no fields, so that the caller can report them at
 * FILE:LINE and count them: bytes that do not decode, a field larger than
 * CSVIN_FIELD_MAX, a quoted field that never ends, a stray quote (a
 * closing quote followed by anything but the delimiter or a line end).
 * After a stray quote reading starts again at the next line end; when the
 * quoted field ran over several lines, only its first line is rejected
 * and the others are read again as records, once at most.
 */

#include <stddef.h>

#include "io/enc.h"

/* The largest field accepted; a larger one rejects its record. */
#define CSVIN_FIELD_MAX ((size_t)4 << 20)

struct record {
	size_t n;		/* number of fields */
	char **f;		/* field i, NUL-terminated, writable */
	size_t *len;		/* length of field i in bytes */
	long line;		/* line where the record starts (1-based) */
	long endline;		/* line where it ends */
	const char *error;	/* non-NULL: record unreadable, this says why */
	const char *raw;	/* the record's decoded bytes as read, without its
				   line end (CSV mode), or NULL when unknown */
	size_t rawlen;		/* length of raw */
	const char *hint;	/* first record only: what the input looks like
				   when it is no text export (enc_sniff()), or
				   NULL */
};

struct csvin_opts {
	char delim;		/* field delimiter, ',' by default */
	int text;		/* non-zero: each line is a one-field record */
	const char *encoding;	/* NULL to detect (see enc.h) */
	int tsv;		/* non-zero (and not text): TSV, a record a line, fields
				   cut at DELIM, escapes \t \n \r \\ undone,
				   no quoting (what out.c writes for -f tsv) */
};

/* Called per record; return 0 to go on, non-zero to stop reading. */
typedef int (*csvin_record_fn)(void *ctx, struct record *r);

/*
 * Read PATH ("-" or NULL for stdin) and call FN for every record.  Returns
 * 0 at end of input, the first non-zero FN result, or -1 when the file
 * cannot be opened or read or the encoding is unknown (after printing a
 * message naming DISPLAY, the name used in diagnostics).
 */
int csvin_run(const char *path, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx);

/*
 * csvin_run(), and *LINES (when not NULL) set to the number of lines read
 * to the end of the input, blank ones included, so that the caller can
 * count the blank lines, which are no records.
 */
int csvin_run_lines(const char *path, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx, long *lines);

/*
 * csvin_run_lines() after dropping the first SKIP lines (--skip: an
 * export's title rows above its header); they keep their line numbers
 * and are counted in *LINES, and no record is made of them.
 */
int csvin_run_skip(const char *path, const char *display,
    const struct csvin_opts *opts, long skip, csvin_record_fn fn, void *ctx,
    long *lines);

/*
 * Like csvin_run() over DATA[0..LEN) in memory (an embedded data file).
 * Returns 0 or the first non-zero FN result.
 */
int csvin_run_mem(const char *data, size_t len, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx);

/*
 * Turn the fast path for quote-free lines (csvin.c) off (ON zero) or back
 * on, for the tests and the fuzz harness that compare it with libcsv.
 * Returns the previous setting.  Not for use while a file is being read.
 */
int csvin_fast_path(int on);

#endif
