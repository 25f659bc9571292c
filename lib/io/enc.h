#ifndef CS_ENC_H
#define CS_ENC_H

/*
 * Streaming input decoding to UTF-8.
 *
 * Detection when no encoding is named: a byte-order mark (UTF-8, UTF-16LE,
 * UTF-16BE, GB18030), else the first chunk that holds a non-ASCII byte
 * decides: UTF-8 when its valid multi-byte UTF-8 sequences are at least as
 * many as its invalid bytes, else GB18030 (a superset of GBK and GB2312).
 * A named encoding's own byte-order mark is skipped too.  Conversion uses
 * glibc iconv without //IGNORE.
 *
 * A byte that cannot be decoded is never dropped silently: it is replaced
 * by U+FFFD in the output and recorded with its line number, and the reader
 * (csvin) rejects the record that holds it with the recorded message.  A NUL
 * byte is treated the same way.
 */

#include <iconv.h>
#include <stddef.h>

/* Receives decoded UTF-8 bytes; returns 0 to go on, non-zero to stop. */
typedef int (*enc_emit_fn)(void *ctx, const char *buf, size_t len);

struct enc_bad {
	long line;		/* 1-based line of the offending byte */
	char msg[96];		/* e.g. "invalid GB18030 byte sequence" */
};

struct enc {
	char name[32];		/* encoding in use ("" until detected) */
	int mode;		/* ENC_* in enc.c */
	iconv_t cd;		/* converter, when mode is iconv */
	unsigned char carry[8];	/* incomplete sequence held for the next chunk */
	size_t ncarry;		/* bytes in carry */
	int started;		/* BOM checked */
	size_t unit;		/* bytes to skip after an invalid sequence */
	long line;		/* line number of the next output byte */
	char *obuf;		/* iconv output buffer */
	size_t obufcap;		/* its size */
	struct enc_bad *bad;	/* bad bytes not yet claimed, oldest first */
	size_t nbad, badcap, badhead; /* queue fill, capacity, first unread */
};

/*
 * Prepare E.  NAME is an encoding name (utf-8, gbk, gb18030, big5, utf-16,
 * utf-16le, utf-16be, or anything iconv knows) or NULL to detect.  Returns
 * 0, or -1 when iconv does not know NAME.
 */
int enc_init(struct enc *e, const char *name);

/*
 * Decode LEN bytes of IN, calling EMIT with UTF-8 output (possibly several
 * times).  EOF non-zero says no more input follows, so a trailing
 * incomplete sequence is bad.  Returns 0, or the first non-zero EMIT result.
 */
int enc_feed(struct enc *e, const char *in, size_t len, int eof,
    enc_emit_fn emit, void *ctx);

/*
 * The first recorded bad byte on a line <= LINE, removed from the queue;
 * NULL when there is none.  The pointer is valid until the next enc call.
 */
const struct enc_bad *enc_take_bad(struct enc *e, long line);

/* Release E's resources. */
void enc_free(struct enc *e);

/* Non-zero when S[0..LEN) is valid UTF-8 with no NUL; *BAD gets the offset of the first bad byte. */
int enc_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * A one-line hint when the first bytes of an input S[0..N) show that it
 * is no text export: a zip archive or an xlsx workbook, an old .xls
 * workbook, UTF-16 without a byte-order mark (NUL every other byte), or
 * other binary data (NUL bytes).  NULL when it may be text.  For a
 * newcomer who fed the tool the wrong file.
 */
const char *enc_sniff(const char *s, size_t n);

#endif
