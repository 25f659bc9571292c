#ifndef CS_DATAFILE_H
#define CS_DATAFILE_H

/*
 * Reading the project's data tables (rate cards, weights, ...): CSV (its
 * encoding detected as for input: UTF-8, GBK/GB18030, UTF-16 with a BOM,
 * since shops edit these files in spreadsheets), lines starting with '#'
 * and blank lines ignored, the first other line a header.  The embedded copy and a user's file go through the same code,
 * so both get the same validation and FILE:LINE errors.
 */

#include <stddef.h>

#include "csvin.h"

struct datafile {
	const char *file;	/* name in messages */
	char **names;		/* header names */
	size_t nnames;		/* how many */
	long line;		/* line of the record being handled */
	int errors;		/* errors reported so far */
};

/*
 * Called per data record.  Return 0 to go on; report problems with
 * datafile_error() (which counts them) and return 0 to keep checking the
 * rest, or non-zero to stop.
 */
typedef int (*datafile_fn)(void *ctx, struct datafile *df, const struct record *r);

/*
 * Read PATH, or the embedded file EMBEDDED when PATH is NULL, calling FN
 * per record.  Returns 0, or -1 when the file cannot be read, has no
 * header, or FN reported errors (all of them printed).
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

#endif
