/*
 * Streaming decoding (enc.h): the same bytes fed in one piece and in
 * random pieces give the same UTF-8 and the same bad-byte reports when the
 * encoding is named (bad bytes on the same lines); with detection, the output is valid UTF-8 with no NUL
 * byte however the input is cut.  enc_utf8_valid() (16 bytes at a time)
 * agrees with a reference validator written from RFC 3629
 * (tests/lib/utf8ref.h) on where the input stops being valid UTF-8.
 */

#include "fuzz.h"

#include "io/enc.h"
#include "../tests/lib/utf8ref.h"

static int
emit(void *ctx, const char *s, size_t n)
{
	fz_append(ctx, s, n);
	return 0;
}

/*
 * Count the lines with bad bytes, taking reports as csvin does (between
 * pieces).  Several reports of one line are one: csvin rejects the line's
 * record once, whichever of them it takes.
 */
static void
take_bad(struct enc *e, long *nbad, long *last)
{
	const struct enc_bad *b;

	while ((b = enc_take_bad(e, 1L << 30)) != NULL) {
		FZ_ASSERT(b->line >= *last);
		FZ_ASSERT(b->msg[0] != '\0');
		if (b->line != *last)
			(*nbad)++;
		*last = b->line;
	}
}

/* Decode IN[0..LEN) with encoding NAME, in pieces cut by CUTS; 0 or -1. */
static int
decode(const char *name, const uint8_t *in, size_t len, const uint8_t *cuts,
    size_t ncuts, struct fz_buf *b, long *nbad)
{
	struct enc e;
	size_t off = 0, k = 0, n;
	long last = 0;

	if (enc_init(&e, name) != 0)
		return -1;
	*nbad = 0;
	while (off < len) {
		n = len - off;
		if (ncuts > 0) {
			n = (size_t)cuts[k++ % ncuts] % 17 + 1;
			/* csvin reads 64 KiB at a time: a BOM is never cut. */
			if (off == 0 && n < 4)
				n = 4;
			if (n > len - off)
				n = len - off;
		}
		enc_feed(&e, (const char *)in + off, n, 0, emit, b);
		off += n;
		take_bad(&e, nbad, &last);
	}
	enc_feed(&e, "", 0, 1, emit, b);
	take_bad(&e, nbad, &last);
	enc_free(&e);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encs[] = {
		NULL, "utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-16le",
		"utf-16be"
	};
	struct fz_buf one = { 0 }, many = { 0 };
	const char *name;
	size_t ncuts, bad;
	long bad1, badn;

	if (size < 2)
		return 0;
	bad = size;
	FZ_ASSERT(enc_utf8_valid((const char *)data, size, &bad) ==
	    (utf8ref_valid(data, size) == size));
	FZ_ASSERT(bad == size || bad == utf8ref_valid(data, size));
	name = encs[data[0] % (sizeof encs / sizeof encs[0])];
	ncuts = data[1] % 8 + 1;
	if (size < 2 + ncuts)
		return 0;
	if (decode(name, data + 2 + ncuts, size - 2 - ncuts, NULL, 0, &one,
	    &bad1) != 0)
		abort();
	decode(name, data + 2 + ncuts, size - 2 - ncuts, data + 2, ncuts,
	    &many, &badn);
	FZ_ASSERT(one.len == 0 || enc_utf8_valid(one.s, one.len, &bad));
	FZ_ASSERT(many.len == 0 || enc_utf8_valid(many.s, many.len, &bad));
	if (name != NULL) {
		FZ_ASSERT(one.len == many.len);
		FZ_ASSERT(one.len == 0 || memcmp(one.s, many.s, one.len) == 0);
		FZ_ASSERT(bad1 == badn);
	}
	free(one.s);
	free(many.s);
	return 0;
}
