#ifndef CS_DATAFILE_H
#define CS_DATAFILE_H

/*
 * Reading the project's data tables (rate cards, weights, ...): CSV (its
 * encoding detected as for input: UTF-8, GBK/GB18030, UTF-16 with a BOM,
 * since shops edit these files in spreadsheets), lines starting with '#'
 * and blank lines ignored, the first other line a header.  The embedded copy and a user's file go through the same code,
 * so both get the same validation and FILE:LINE errors.
 *
 * Limits, the same for every kind of data file (cs(7) states them):
 * - a file larger than its kind's limit (DATAFILE_MAX_*) is an error at
 *   the line where it crosses it, and a line longer than DATAFILE_LINE_MAX
 *   bytes an error at that line: reading stops there, so that memory never
 *   grows past the limit (--lexicon /dev/zero fails at once);
 * - after DATAFILE_MAX_ERRORS errors in one file, reading stops, and the
 *   message says how many lines were not read (a wrong file named by
 *   mistake does not flood the terminal);
 * - a message quotes at most DATAFILE_QUOTE_MAX characters of the file
 *   (datafile_quote());
 * - a duplicate key is an error at its line naming the first one
 *   (datafile_key()): one rule for every kind, whatever its key.
 */

#include <stddef.h>

#include "io/csvin.h"

#define DATAFILE_LINE_MAX	((size_t)64 << 10)	/* bytes in one line */
#define DATAFILE_MAX_ERRORS	20	/* errors in one file before it is given up */
#define DATAFILE_QUOTE_MAX	60	/* characters of a file a message quotes */

/* The size limit of each kind of data file, in bytes. */
#define DATAFILE_MAX_RATES	((size_t)1 << 20)	/* --rates */
#define DATAFILE_MAX_TRANSIT	((size_t)1 << 20)	/* --transit */
#define DATAFILE_MAX_HOLIDAYS	((size_t)1 << 20)	/* --holidays */
#define DATAFILE_MAX_GAZETTEER	((size_t)16 << 20)	/* --gazetteer */
#define DATAFILE_MAX_WEIGHTS	((size_t)64 << 20)	/* --weights */
#define DATAFILE_MAX_LEXICON	((size_t)8 << 20)	/* --lexicon */
#define DATAFILE_MAX_RULES	((size_t)8 << 20)	/* --rules (lintrules.c) */
#define DATAFILE_MAX_DEFAULT	((size_t)64 << 20)	/* datafile_read() */

/* A kind of data file. */
struct datafile_kind {
	const char *what;	/* "rate card": in messages */
	const char *embedded;	/* name of the embedded copy, or NULL */
	size_t max_bytes;	/* the largest file read */
	const char *const *columns; /* the header must name these (NULL-terminated), or NULL */
};

struct dfkeys;

struct datafile {
	const char *file;	/* name in messages */
	const struct datafile_kind *kind; /* what is read */
	char **names;		/* header names */
	size_t nnames;		/* how many */
	long hline;		/* line of the header */
	long line;		/* line of the record being handled */
	int errors;		/* errors reported so far */
	struct dfkeys *keys;	/* keys seen (datafile_key()) */
	char quote[4][DATAFILE_QUOTE_MAX * 4 + 8]; /* datafile_quote()'s buffers */
	unsigned nquote;	/* the next one to use */
};

/*
 * Called per data record.  Return 0 to go on; report problems with
 * datafile_error() (which counts them) and return 0 to keep checking the
 * rest, or non-zero to stop.
 */
typedef int (*datafile_fn)(void *ctx, struct datafile *df, const struct record *r);

/*
 * Read PATH, or KIND's embedded file when PATH is NULL, calling FN per
 * record.  Returns 0, or -1 when the file cannot be read, is too large,
 * has a line too long, has no header or one without KIND's columns, or FN
 * reported errors (all of them printed, up to DATAFILE_MAX_ERRORS).
 */
int datafile_load(const char *path, const struct datafile_kind *kind,
    datafile_fn fn, void *ctx);

/*
 * Read all of PATH into memory (*LEN bytes, not NUL-terminated), but no
 * more than KIND allows: a file larger than KIND's limit, or a line longer
 * than DATAFILE_LINE_MAX, is an error at the line where it happens, and
 * nothing past it is read.  For formats that are not CSV (the lint rules);
 * datafile_load() uses it.  NULL after a message; the caller frees.
 */
char *datafile_slurp(const char *path, const struct datafile_kind *kind,
    size_t *len);

/*
 * datafile_slurp() for a file that is not text (a model): the size limit
 * of KIND holds, lines are not counted and have no length limit.
 */
char *datafile_slurp_bytes(const char *path, const struct datafile_kind *kind,
    size_t *len);

/*
 * datafile_load() of a "data file" whose embedded copy is EMBEDDED (or
 * NULL), limited to DATAFILE_MAX_DEFAULT bytes, with no columns required.
 */
int datafile_read(const char *path, const char *embedded, datafile_fn fn, void *ctx);

/* Index of header column NAME (exact), or -1. */
long datafile_col(const struct datafile *df, const char *name);

/* Field NAME of R as a string ("" when absent). */
const char *datafile_get(const struct datafile *df, const struct record *r,
    const char *name);

/* Print "prog: FILE:LINE: message" for the current record and count it. */
void datafile_error(struct datafile *df, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The same about the header line. */
void datafile_header_error(struct datafile *df, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * S as a message may quote it: its first DATAFILE_QUOTE_MAX characters,
 * with "…" when it is longer.  The result lives in DF until the fourth
 * call after it, so one message can quote up to four values.
 */
const char *datafile_quote(struct datafile *df, const char *s);

/*
 * The one duplicate rule of every data file: note KEY[0..LEN) for the
 * current record.  Returns 0 the first time; a second time, reports
 * "duplicate WHAT 'KEY' (first at line N)" at the current line (KEY
 * quoted as datafile_quote() does; SHOW, when not NULL, is quoted instead,
 * for keys that are not text) and returns -1, and the caller leaves the
 * record out.  Keys are per file: a file may redefine what the embedded
 * copy defines.
 */
int datafile_key(struct datafile *df, const char *what, const char *key,
    size_t len, const char *show);

#endif
