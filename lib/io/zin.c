#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/zin.h"

#define ZIN_CHUNK (64 * 1024)

int
zin_open(struct zin *z, FILE *fp)
{
	memset(z, 0, sizeof *z);
	z->fp = fp;
	z->npeek = fread(z->peek, 1, sizeof z->peek, fp);
	if (z->npeek < sizeof z->peek) {
		z->eof = 1;
		if (ferror(fp))
			z->error = "read error";
	}
	if (z->npeek < 2 || z->peek[0] != 0x1f || z->peek[1] != 0x8b)
		return 0;
	z->gz = 1;
	z->in = xmalloc(ZIN_CHUNK);
	memcpy(z->in, z->peek, 2);
	z->ipeek = 2;
	z->zs.next_in = z->in;
	z->zs.avail_in = 2;
	/* 16 + MAX_WBITS: gzip wrapper only. */
	if (inflateInit2(&z->zs, 16 + MAX_WBITS) != Z_OK) {
		free(z->in);
		z->in = NULL;
		return -1;
	}
	return 0;
}

static size_t
read_plain(struct zin *z, unsigned char *buf, size_t cap)
{
	size_t n = 0;

	while (z->ipeek < z->npeek && n < cap)
		buf[n++] = z->peek[z->ipeek++];
	if (n < cap && !z->eof) {
		size_t got = fread(buf + n, 1, cap - n, z->fp);

		n += got;
		if (n < cap) {
			z->eof = 1;
			if (ferror(z->fp))
				z->error = "read error";
		}
	}
	return n;
}

/* Refill the compressed input; returns 0, or -1 at its end or on error. */
static int
refill(struct zin *z)
{
	size_t got;

	if (z->eof)
		return -1;
	got = fread(z->in, 1, ZIN_CHUNK, z->fp);
	if (got < ZIN_CHUNK) {
		z->eof = 1;
		if (ferror(z->fp)) {
			z->error = "read error";
			return -1;
		}
	}
	z->zs.next_in = z->in;
	z->zs.avail_in = (uInt)got;
	return got > 0 ? 0 : -1;
}

static size_t
read_gz(struct zin *z, unsigned char *buf, size_t cap)
{
	z->zs.next_out = buf;
	z->zs.avail_out = (uInt)cap;
	while (z->zs.avail_out > 0 && !z->done && z->error == NULL) {
		int rc;

		if (z->zs.avail_in == 0 && refill(z) != 0) {
			if (z->error == NULL)
				z->error = "unexpected end of file";
			break;
		}
		rc = inflate(&z->zs, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			/* Another member may follow, as gzip -d reads them. */
			if (z->zs.avail_in == 0 && refill(z) != 0) {
				z->done = z->error == NULL;
				break;
			}
			if (z->zs.next_in[0] != 0x1f)
				z->error = "trailing garbage after gzip data";
			else if (inflateReset(&z->zs) != Z_OK)
				z->error = "invalid gzip data";
		} else if (rc == Z_MEM_ERROR) {
			z->error = "out of memory";
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			z->error = z->zs.msg != NULL ? z->zs.msg :
			    "invalid gzip data";
		}
	}
	return cap - z->zs.avail_out;
}

size_t
zin_read(struct zin *z, void *buf, size_t cap)
{
	if (z->error != NULL)
		return 0;
	return z->gz ? read_gz(z, buf, cap) : read_plain(z, buf, cap);
}

void
zin_close(struct zin *z)
{
	if (z->gz && z->in != NULL)
		inflateEnd(&z->zs);
	free(z->in);
	z->in = NULL;
}
