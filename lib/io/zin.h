#ifndef CS_ZIN_H
#define CS_ZIN_H

/*
 * Input bytes, gunzipped when they are gzip (zlib).
 *
 * zin_open() looks at the first two bytes of an open stream: the gzip
 * magic (1f 8b) makes zin_read() return the inflated data, members one
 * after another as gzip -d does; anything else is returned as it is.  The
 * magic decides, not the file name, so a .gz file and gzip on stdin read
 * the same and a plain file named .gz is read as plain.
 */

#include <stdio.h>

#include <zlib.h>

struct zin {
	FILE *fp;		/* the stream, not owned */
	int gz;			/* non-zero: gzip data */
	int eof;		/* fp is at its end */
	int done;		/* a gzip member ended and no byte followed */
	unsigned char peek[2];	/* bytes looked at by zin_open() */
	size_t npeek;		/* how many */
	size_t ipeek;		/* of them, returned or taken by zlib */
	unsigned char *in;	/* compressed input (gzip) */
	z_stream zs;
	const char *error;	/* why reading stopped, or NULL */
};

/* Start reading FP.  Returns 0, or -1 when out of memory or zlib fails. */
int zin_open(struct zin *z, FILE *fp);

/*
 * Read up to CAP bytes into BUF.  Returns how many; fewer than CAP only at
 * the end of the data or on an error: then z->error says what went wrong
 * ("read error" with errno set for the stream, else a gzip message:
 * "unexpected end of file", zlib's own).
 */
size_t zin_read(struct zin *z, void *buf, size_t cap);

/* Release what zin_open() took (not the stream). */
void zin_close(struct zin *z);

#endif
