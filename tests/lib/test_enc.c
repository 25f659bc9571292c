/*
 * Unit tests of lib/enc: encoding names, UTF-8 pass-through, byte-order
 * marks, UTF-16, GB18030 detection and conversion, bad bytes replaced by
 * U+FFFD and queued with their line numbers, NUL bytes, sequences split
 * across feeds, truncation at end of input, and enc_utf8_valid().
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/enc.h"
#include "t.h"
#include "utf8ref.h"

#define FFFD "\xEF\xBF\xBD"

/* Decoded output gathered by the emit callback. */
struct sink {
	char *s;		/* bytes, NUL-terminated */
	size_t len, cap;	/* fill and size */
	int calls;		/* emit calls */
	int stop_at;		/* return 5 from this call on (0: never) */
};

static int
collect(void *ctx, const char *buf, size_t len)
{
	struct sink *k = ctx;

	if (k->len + len + 1 > k->cap) {
		k->cap = (k->len + len + 1) * 2;
		if ((k->s = realloc(k->s, k->cap)) == NULL)
			abort();
	}
	memcpy(k->s + k->len, buf, len);
	k->len += len;
	k->s[k->len] = '\0';
	k->calls++;
	return k->stop_at > 0 && k->calls >= k->stop_at ? 5 : 0;
}

static void
sink_reset(struct sink *k)
{
	free(k->s);
	memset(k, 0, sizeof *k);
	k->s = calloc(1, 1);
}

/*
 * Decode IN[0..LEN) in one feed with encoding NAME (NULL: detect) into K.
 * Returns the enc_feed() result; E is left initialised for the caller.
 */
static int
decode(struct enc *e, const char *name, const char *in, size_t len,
    struct sink *k)
{
	sink_reset(k);
	if (enc_init(e, name) != 0)
		return -100;
	return enc_feed(e, in, len, 1, collect, k);
}

/* The lines of all queued bad bytes, as "2,4", in queue order. */
static const char *
bad_lines(struct enc *e, char *buf, size_t size)
{
	const struct enc_bad *b;
	size_t n = 0;
	long last = 0;

	buf[0] = '\0';
	while ((b = enc_take_bad(e, 1000000)) != NULL) {
		if (b->line == last)
			continue;	/* one entry per line or one per byte: both fine */
		last = b->line;
		n += (size_t)snprintf(buf + n, size - n, "%s%ld", n ? "," : "", b->line);
		if (n >= size)
			break;
	}
	return buf;
}

static void
test_names(void)
{
	static const char *const known[] = {
		"utf-8", "UTF-8", "utf8", "gbk", "GBK", "gb18030", "gb2312",
		"big5", "utf-16", "utf-16le", "UTF-16BE", "latin1"
	};
	struct enc e;
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		int rc = enc_init(&e, known[i]);

		if (rc != 0)
			printf("enc_init '%s' failed\n", known[i]);
		CHECK_INT(rc, 0);
		enc_free(&e);
	}
	CHECK_INT(enc_init(&e, "klingon-8"), -1);
	enc_free(&e);
	CHECK_INT(enc_init(&e, NULL), 0);
	CHECK_STR(e.name, "");
	enc_free(&e);
}

static void
test_utf8(void)
{
	static const char text[] = "订单编号,收货地址\n1,浙江省杭州市\xF0\x9F\x98\x80\n";
	struct enc e;
	struct sink k = { 0 };
	char lines[64];

	CHECK_INT(decode(&e, NULL, text, sizeof text - 1, &k), 0);
	CHECK_STR(k.s, text);
	CHECK_STR(e.name, "UTF-8");
	CHECK(enc_take_bad(&e, 1000) == NULL);
	enc_free(&e);

	CHECK_INT(decode(&e, "utf-8", text, sizeof text - 1, &k), 0);
	CHECK_STR(k.s, text);
	CHECK(enc_take_bad(&e, 1000) == NULL);
	enc_free(&e);

	/* Plain ASCII passes through whatever is named. */
	CHECK_INT(decode(&e, NULL, "a,b\r\nc,d\r\n", 10, &k), 0);
	CHECK_STR(k.s, "a,b\r\nc,d\r\n");
	enc_free(&e);
	CHECK_INT(decode(&e, "gbk", "a,b\nc,d\n", 8, &k), 0);
	CHECK_STR(k.s, "a,b\nc,d\n");
	enc_free(&e);

	/* Empty input. */
	CHECK_INT(decode(&e, NULL, "", 0, &k), 0);
	CHECK_STR(k.s, "");
	CHECK(enc_take_bad(&e, 1000) == NULL);
	enc_free(&e);

	/* Invalid bytes in named UTF-8: replaced and queued with their lines. */
	CHECK_INT(decode(&e, "utf-8", "ok\nA\xFF" "B\nok\n\xC0\xAF\n", 13, &k), 0);
	CHECK_STR(k.s, "ok\nA" FFFD "B\nok\n" FFFD FFFD "\n");
	CHECK_STR(bad_lines(&e, lines, sizeof lines), "2,4");
	enc_free(&e);

	CHECK_INT(decode(&e, "utf-8", "x\n\xED\xA0\x80\n", 6, &k), 0);	/* surrogate */
	CHECK_STR(k.s, "x\n" FFFD FFFD FFFD "\n");
	CHECK_STR(bad_lines(&e, lines, sizeof lines), "2");
	enc_free(&e);
	free(k.s);
}

static void
test_bad_queue(void)
{
	struct enc e;
	struct sink k = { 0 };
	const struct enc_bad *b;

	CHECK_INT(decode(&e, "utf-8", "a\n\xFF\nc\n\xFE\ne\n", 10, &k), 0);
	CHECK(enc_take_bad(&e, 1) == NULL);
	b = enc_take_bad(&e, 3);
	CHECK(b != NULL);
	if (b != NULL) {
		CHECK_INT(b->line, 2);
		CHECK_STR(b->msg, "invalid UTF-8 byte sequence");
	}
	CHECK(enc_take_bad(&e, 3) == NULL);
	b = enc_take_bad(&e, 4);
	CHECK(b != NULL && b->line == 4);
	CHECK(enc_take_bad(&e, 100) == NULL);
	enc_free(&e);

	/* Bad bytes found after the queue was emptied are queued again. */
	sink_reset(&k);
	enc_init(&e, "utf-8");
	CHECK_INT(enc_feed(&e, "\xFF\n", 2, 0, collect, &k), 0);
	b = enc_take_bad(&e, 1);
	CHECK(b != NULL && b->line == 1);
	CHECK(enc_take_bad(&e, 1) == NULL);
	CHECK_INT(enc_feed(&e, "ok\n\xFF\n", 5, 1, collect, &k), 0);
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 3);
	CHECK_STR(k.s, FFFD "\nok\n" FFFD "\n");
	enc_free(&e);
	free(k.s);
}

static void
test_nul(void)
{
	struct enc e;
	struct sink k = { 0 };
	const struct enc_bad *b;

	CHECK_INT(decode(&e, NULL, "h\na\0b\n", 6, &k), 0);
	CHECK_INT(k.len, 8);
	CHECK(memcmp(k.s, "h\na" FFFD "b\n", 8) == 0);
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	if (b != NULL)
		CHECK_STR(b->msg, "NUL byte in input");
	enc_free(&e);

	/* A NUL inside a long ASCII run (the word-at-a-time scan). */
	CHECK_INT(decode(&e, "utf-8", "0123456789abcdef\n01234567890\0x\n", 31, &k), 0);
	CHECK_STR(k.s, "0123456789abcdef\n01234567890" FFFD "x\n");
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	enc_free(&e);

	/* In converted input: GB18030 and UTF-16. */
	CHECK_INT(decode(&e, "gbk", "\xD6\xD0\n\0\n", 5, &k), 0);
	CHECK_STR(k.s, "中\n" FFFD "\n");
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	if (b != NULL)
		CHECK_STR(b->msg, "NUL byte in input");
	enc_free(&e);

	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "a\0\n\0\0\0\n\0", 10, &k), 0);
	CHECK_STR(k.s, "a\n" FFFD "\n");
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	enc_free(&e);
	free(k.s);
}

static void
test_bom(void)
{
	struct enc e;
	struct sink k = { 0 };

	/* UTF-8 BOM: skipped, detected or named. */
	CHECK_INT(decode(&e, NULL, "\xEF\xBB\xBF" "a,b\n", 7, &k), 0);
	CHECK_STR(k.s, "a,b\n");
	CHECK_STR(e.name, "UTF-8");
	enc_free(&e);
	CHECK_INT(decode(&e, "utf-8", "\xEF\xBB\xBF" "中\n", 7, &k), 0);
	CHECK_STR(k.s, "中\n");
	enc_free(&e);
	/* Only a leading BOM is one. */
	CHECK_INT(decode(&e, NULL, "a\xEF\xBB\xBF\n", 5, &k), 0);
	CHECK_STR(k.s, "a\xEF\xBB\xBF\n");
	enc_free(&e);

	/* UTF-16LE and UTF-16BE with a BOM. */
	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "a\0,\0-N\n\0", 10, &k), 0);
	CHECK_STR(k.s, "a,中\n");
	CHECK(enc_take_bad(&e, 100) == NULL);
	enc_free(&e);
	CHECK_INT(decode(&e, NULL, "\xFE\xFF" "\0a\0,N-\0\n", 10, &k), 0);
	CHECK_STR(k.s, "a,中\n");
	CHECK(enc_take_bad(&e, 100) == NULL);
	enc_free(&e);
	/* A surrogate pair. */
	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "\x3D\xD8\x00\xDE\n\0", 8, &k), 0);
	CHECK_STR(k.s, "\xF0\x9F\x98\x80\n");
	enc_free(&e);
	/* Named UTF-16LE/BE without a BOM. */
	CHECK_INT(decode(&e, "utf-16le", "a\0-N\n\0", 6, &k), 0);
	CHECK_STR(k.s, "a中\n");
	enc_free(&e);
	CHECK_INT(decode(&e, "utf-16be", "\0aN-\0\n", 6, &k), 0);
	CHECK_STR(k.s, "a中\n");
	enc_free(&e);
	/* Named utf-16: the BOM says the byte order. */
	CHECK_INT(decode(&e, "utf-16", "\xFE\xFF" "\0x\0\n", 6, &k), 0);
	CHECK_STR(k.s, "x\n");
	enc_free(&e);

	/* The GB18030 BOM (U+FEFF encoded in GB18030). */
	CHECK_INT(decode(&e, NULL, "\x84\x31\x95\x33" "\xD6\xD0\n", 7, &k), 0);
	CHECK_STR(k.s, "中\n");
	enc_free(&e);
	free(k.s);
}

static void
test_utf16_bad(void)
{
	struct enc e;
	struct sink k = { 0 };
	char lines[64];

	/* Lines are counted in UTF-16 too. */
	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "a\0\n\0b\0\n\0", 10, &k), 0);
	CHECK_STR(k.s, "a\nb\n");
	enc_free(&e);

	/*
	 * Regression (was a bug): after an invalid UTF-16 unit (a lone low
	 * surrogate U+DC00 on line 2) the decoder skips one byte and loses
	 * the 16-bit alignment, so the rest of the input decodes as garbage
	 * (no more newlines, wrong lines).  Feeding
	 * "\xFF\xFE" "a\0\n\0" "\x00\xDC" "b\0\n\0c\0\n\0" (16 bytes, detect)
	 * should give "a\n" FFFD "b\nc\n" (one or two U+FFFD) with one bad
	 * byte queued on line 2; it gives "a\n" FFFD U+62DC U+0A00 U+6300
	 * U+0A00 FFFD FFFD (read one byte out of step) with no line 3 or 4.
	 */
	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "a\0\n\0" "\x00\xDC"
	    "b\0\n\0c\0\n\0", 16, &k), 0);
	CHECK(strstr(k.s, "b\nc\n") != NULL);
	CHECK_STR(bad_lines(&e, lines, sizeof lines), "2");
	enc_free(&e);
	CHECK_INT(decode(&e, NULL, "\xFF\xFE" "a\0\n\0" "\x00\xDC" "\n\0", 10, &k), 0);
	CHECK(strncmp(k.s, "a\n" FFFD, 5) == 0);
	CHECK_STR(bad_lines(&e, lines, sizeof lines), "2");
	enc_free(&e);
	free(k.s);
}

static void
test_gb18030(void)
{
	/* "中文,价格\n12,浙江\n" in GB18030. */
	static const char gbk[] = "\xD6\xD0\xCE\xC4,\xBC\xDB\xB8\xF1\n12,\xD5\xE3\xBD\xAD\n";
	struct enc e;
	struct sink k = { 0 };
	const struct enc_bad *b;
	char lines[64];

	CHECK_INT(decode(&e, NULL, gbk, sizeof gbk - 1, &k), 0);
	CHECK_STR(k.s, "中文,价格\n12,浙江\n");
	CHECK_STR(e.name, "GB18030");
	CHECK(enc_take_bad(&e, 100) == NULL);
	enc_free(&e);

	CHECK_INT(decode(&e, "gbk", gbk, sizeof gbk - 1, &k), 0);
	CHECK_STR(k.s, "中文,价格\n12,浙江\n");
	enc_free(&e);
	CHECK_INT(decode(&e, "gb2312", gbk, sizeof gbk - 1, &k), 0);
	CHECK_STR(k.s, "中文,价格\n12,浙江\n");
	enc_free(&e);

	/* Four-byte GB18030 sequences (U+00E4, U+1F600). */
	CHECK_INT(decode(&e, "gb18030", "\x81\x30\x8A\x31\x94\x39\xFC\x36\n", 9, &k), 0);
	CHECK_STR(k.s, "\xC3\xA4\xF0\x9F\x98\x80\n");
	enc_free(&e);

	/* Bytes that are not GB18030: 0x80 and 0xFF, on lines 2 and 4. */
	CHECK_INT(decode(&e, NULL, "\xD6\xD0\n\x80" "a\n\xCE\xC4\nb\xFF\n", 12, &k), 0);
	CHECK_STR(k.s, "中\n" FFFD "a\n文\nb" FFFD "\n");
	b = enc_take_bad(&e, 2);
	CHECK(b != NULL && b->line == 2);
	if (b != NULL)
		CHECK_STR(b->msg, "invalid GB18030 byte sequence");
	CHECK(enc_take_bad(&e, 3) == NULL);
	b = enc_take_bad(&e, 4);
	CHECK(b != NULL && b->line == 4);
	enc_free(&e);

	/* A lead byte followed by a byte that cannot trail: the trail survives. */
	CHECK_INT(decode(&e, "gbk", "\xD6,b\n", 4, &k), 0);
	CHECK_STR(k.s, FFFD ",b\n");
	CHECK_STR(bad_lines(&e, lines, sizeof lines), "1");
	enc_free(&e);

	/* Big5 on request: 中 is A4 A4. */
	CHECK_INT(decode(&e, "big5", "\xA4\xA4\n", 3, &k), 0);
	CHECK_STR(k.s, "中\n");
	enc_free(&e);
	free(k.s);
}

static void
test_detect(void)
{
	struct enc e;
	struct sink k = { 0 };

	/* ASCII first, the deciding bytes in a later feed. */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "id,name\n", 8, 0, collect, &k), 0);
	CHECK_STR(e.name, "");
	CHECK_INT(enc_feed(&e, "1,\xD5\xC5\xC8\xFD\n", 7, 1, collect, &k), 0);
	CHECK_STR(e.name, "GB18030");
	CHECK_STR(k.s, "id,name\n1,张三\n");
	enc_free(&e);

	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "id,name\n", 8, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "1,张三\n", 9, 1, collect, &k), 0);
	CHECK_STR(e.name, "UTF-8");
	CHECK_STR(k.s, "id,name\n1,张三\n");
	enc_free(&e);

	/* Once decided, later feeds keep the encoding. */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "1,张三\n", 9, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "2,\xD5\xC5\n", 5, 1, collect, &k), 0);
	CHECK_STR(e.name, "UTF-8");
	CHECK(strncmp(k.s, "1,张三\n2,", 11) == 0);
	CHECK(enc_take_bad(&e, 100) != NULL);
	enc_free(&e);

	/*
	 * Regression (was a bug): a NUL byte is ASCII, yet a first chunk
	 * whose only non-ASCII-looking byte is a NUL makes detection pick
	 * GB18030, so UTF-8 text in later chunks is decoded as GB18030
	 * mojibake.  With enc_init(&e, NULL), enc_feed(&e, "a\0\n", 3, 0, ...)
	 * then enc_feed(&e, "中\n", 4, 1, ...) should give "a" FFFD "\n中\n";
	 * it gives "a" FFFD "\n涓" FFFD "\n" and queues a bad byte on line 2.
	 */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "a\0\n", 3, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "中\n", 4, 1, collect, &k), 0);
	CHECK_STR(k.s, "a" FFFD "\n中\n");
	enc_free(&e);

	/* A single GBK character reads as GB18030, not as invalid UTF-8. */
	CHECK_INT(decode(&e, NULL, "\xD6\xD0", 2, &k), 0);
	CHECK_STR(k.s, "中");
	CHECK_STR(e.name, "GB18030");
	enc_free(&e);
	free(k.s);
}

static void
test_carry(void)
{
	struct enc e;
	struct sink k = { 0 };
	const char *u = "价格\xF0\x9F\x98\x80\n";	/* 3 + 3 + 4 + 1 bytes */
	size_t len = strlen(u), i, j;

	/* Every split of a UTF-8 text into three feeds. */
	for (i = 0; i <= len; i++)
		for (j = i; j <= len; j++) {
			sink_reset(&k);
			enc_init(&e, "utf-8");
			CHECK_INT(enc_feed(&e, u, i, 0, collect, &k), 0);
			CHECK_INT(enc_feed(&e, u + i, j - i, 0, collect, &k), 0);
			CHECK_INT(enc_feed(&e, u + j, len - j, 1, collect, &k), 0);
			if (strcmp(k.s, u) != 0)
				printf("utf-8 split %zu,%zu: got '%s'\n", i, j, k.s);
			CHECK_STR(k.s, u);
			CHECK(enc_take_bad(&e, 100) == NULL);
			enc_free(&e);
		}

	/* GB18030, two- and four-byte sequences split. */
	{
		const char *g = "\xD6\xD0\x81\x30\x8A\x31" "a\n";

		len = strlen(g);
		for (i = 0; i <= len; i++) {
			sink_reset(&k);
			enc_init(&e, "gb18030");
			CHECK_INT(enc_feed(&e, g, i, 0, collect, &k), 0);
			CHECK_INT(enc_feed(&e, g + i, len - i, 1, collect, &k), 0);
			CHECK_STR(k.s, "中\xC3\xA4" "a\n");
			CHECK(enc_take_bad(&e, 100) == NULL);
			enc_free(&e);
		}
	}

	/* UTF-16LE split inside a unit. */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "\xFF\xFE" "-", 3, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "N\n\0", 3, 1, collect, &k), 0);
	CHECK_STR(k.s, "中\n");
	enc_free(&e);

	/* Detection after a first chunk of ASCII, then a split character. */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "ab\n\xE4\xBB\xB7\xE6", 7, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "\xA0\xBC\n", 3, 1, collect, &k), 0);
	CHECK_STR(k.s, "ab\n价格\n");
	CHECK_STR(e.name, "UTF-8");
	enc_free(&e);

	/*
	 * Regression (was a bug): when the first chunk with a non-ASCII
	 * byte ends inside a UTF-8 sequence and holds no complete one,
	 * detection picks GB18030.  enc_feed(&e, "abc\xE4\xB8", 5, 0, ...)
	 * then enc_feed(&e, "\xAD\n", 2, 1, ...) with enc_init(&e, NULL)
	 * should give "abc中\n" with e.name "UTF-8"; it gives "abc涓" FFFD
	 * "\n" with e.name "GB18030" and a bad byte queued on line 1.  csvin_run() meets this whenever the first non-ASCII
	 * character of a file straddles a 64 KiB read (see test_csvin.c).
	 */
	sink_reset(&k);
	enc_init(&e, NULL);
	CHECK_INT(enc_feed(&e, "abc\xE4\xB8", 5, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "\xAD\n", 2, 1, collect, &k), 0);
	CHECK_STR(k.s, "abc中\n");
	CHECK_STR(e.name, "UTF-8");
	enc_free(&e);
	free(k.s);
}

static void
test_truncated(void)
{
	struct enc e;
	struct sink k = { 0 };
	const struct enc_bad *b;

	/* UTF-8 cut short at the end of input. */
	CHECK_INT(decode(&e, "utf-8", "ok\nab\xE4\xB8", 7, &k), 0);
	CHECK(strncmp(k.s, "ok\nab" FFFD, 8) == 0);
	CHECK(enc_utf8_valid(k.s, k.len, NULL));
	CHECK(strstr(k.s, "\xE4\xB8") == NULL);
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	enc_free(&e);

	/* The same over two feeds: carried, then found truncated. */
	sink_reset(&k);
	enc_init(&e, "utf-8");
	CHECK_INT(enc_feed(&e, "x\xF0\x9F", 3, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "\x98", 1, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "", 0, 1, collect, &k), 0);
	CHECK(strncmp(k.s, "x" FFFD, 4) == 0);
	CHECK(enc_utf8_valid(k.s, k.len, NULL));
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 1);
	enc_free(&e);

	/* GB18030 cut short. */
	CHECK_INT(decode(&e, "gbk", "a\n\xD6\xD0\xCE", 5, &k), 0);
	CHECK(strncmp(k.s, "a\n中" FFFD, 8) == 0);
	CHECK(enc_utf8_valid(k.s, k.len, NULL));
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	enc_free(&e);

	sink_reset(&k);
	enc_init(&e, "gb18030");
	CHECK_INT(enc_feed(&e, "a\n\x81\x30", 4, 0, collect, &k), 0);
	CHECK_INT(enc_feed(&e, "\x8A", 1, 1, collect, &k), 0);
	CHECK(strncmp(k.s, "a\n" FFFD, 5) == 0);
	b = enc_take_bad(&e, 10);
	CHECK(b != NULL && b->line == 2);
	enc_free(&e);
	free(k.s);
}

static void
test_emit_stop(void)
{
	struct enc e;
	struct sink k = { 0 };

	sink_reset(&k);
	k.stop_at = 1;
	enc_init(&e, "utf-8");
	CHECK_INT(enc_feed(&e, "a\n\xFF\nb\n", 6, 1, collect, &k), 5);
	CHECK_INT(k.calls, 1);
	enc_free(&e);

	sink_reset(&k);
	k.stop_at = 1;
	enc_init(&e, "gbk");
	CHECK_INT(enc_feed(&e, "\xD6\xD0\n", 3, 1, collect, &k), 5);
	enc_free(&e);
	free(k.s);
}

/* enc_utf8_valid() of the C-array S; the offset of the first bad byte, or -1 when valid. */
static long
bad_at(const char *s, size_t len)
{
	size_t bad = 12345;

	return enc_utf8_valid(s, len, &bad) ? -1 : (long)bad;
}

#define BADAT(lit) bad_at(lit, sizeof lit - 1)

static void
test_utf8_valid(void)
{
	CHECK_INT(BADAT(""), -1);
	CHECK_INT(BADAT("plain ascii, longer than one word"), -1);
	CHECK_INT(BADAT("中文 and \xF0\x9F\x98\x80"), -1);
	CHECK_INT(BADAT("\xC2\x80"), -1);		/* U+0080 */
	CHECK_INT(BADAT("\xDF\xBF"), -1);		/* U+07FF */
	CHECK_INT(BADAT("\xE0\xA0\x80"), -1);		/* U+0800 */
	CHECK_INT(BADAT("\xED\x9F\xBF"), -1);		/* U+D7FF */
	CHECK_INT(BADAT("\xEE\x80\x80"), -1);		/* U+E000 */
	CHECK_INT(BADAT("\xEF\xBF\xBF"), -1);		/* U+FFFF */
	CHECK_INT(BADAT("\xF0\x90\x80\x80"), -1);	/* U+10000 */
	CHECK_INT(BADAT("\xF4\x8F\xBF\xBF"), -1);	/* U+10FFFF */
	CHECK_INT(BADAT("\x7F"), -1);

	/* Overlong forms. */
	CHECK_INT(BADAT("\xC0\x80"), 0);
	CHECK_INT(BADAT("\xC1\xBF"), 0);
	CHECK_INT(BADAT("ab\xE0\x80\x80"), 2);
	CHECK_INT(BADAT("\xE0\x9F\xBF"), 0);
	CHECK_INT(BADAT("\xF0\x80\x80\x80"), 0);
	CHECK_INT(BADAT("\xF0\x8F\xBF\xBF"), 0);
	/* Surrogates and beyond U+10FFFF. */
	CHECK_INT(BADAT("\xED\xA0\x80"), 0);
	CHECK_INT(BADAT("x\xED\xBF\xBF"), 1);
	CHECK_INT(BADAT("\xF4\x90\x80\x80"), 0);
	CHECK_INT(BADAT("\xF5\x80\x80\x80"), 0);
	CHECK_INT(BADAT("\xF8\x88\x80\x80\x80"), 0);
	CHECK_INT(BADAT("\xFE"), 0);
	CHECK_INT(BADAT("\xFF"), 0);
	/* Stray and missing continuation bytes. */
	CHECK_INT(BADAT("\x80"), 0);
	CHECK_INT(BADAT("中\xBF"), 3);
	CHECK_INT(BADAT("\xE4\xB8"), 0);
	CHECK_INT(BADAT("ok\xE4\xB8" "a"), 2);
	CHECK_INT(BADAT("\xC3"), 0);
	CHECK_INT(BADAT("\xF0\x9F\x98"), 0);
	/* GBK bytes. */
	CHECK_INT(BADAT("\xD6\xD0\xCE\xC4"), 0);
	/* NUL is not allowed, wherever it is. */
	CHECK_INT(BADAT("\0"), 0);
	CHECK_INT(BADAT("abc\0def"), 3);
	CHECK_INT(BADAT("0123456789ab\0"), 12);
	CHECK_INT(BADAT("01234567\0"), 8);
	CHECK_INT(BADAT("0123456789abcdef0123456789\xFF"), 26);
	CHECK_INT(BADAT("中文中文中文\0"), 18);
	/* Only LEN bytes are looked at; BAD may be NULL. */
	CHECK(enc_utf8_valid("ab\xFF", 2, NULL));
	CHECK(!enc_utf8_valid("ab\xFF", 3, NULL));
	CHECK(enc_utf8_valid("中", 3, NULL));
	CHECK(!enc_utf8_valid("中", 2, NULL));
}

static unsigned
xorshift(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Random text of valid sequences of every length, ASCII runs long enough
 * to fill 16-byte blocks, and now and then a byte at a boundary of the
 * rules (C0, C1, E0 80, ED A0, F0 8F, F4 90, F5, a lone continuation, a
 * cut sequence, NUL), against the reference validator.
 */
static void
test_utf8_random(void)
{
	static const char *const atoms[] = {
		"a", "abcdefghijklmnopq", "\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
		"\xe6\xb5\x99\xe6\xb1\x9f\xe7\x9c\x81", "\xf0\x9f\x98\x80",
		"\xe0\xa0\x80", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbd",
		"\xee\x80\x80", "\xdf\xbf", "\xc2\x80", "\xf0\x90\x80\x80",
	};
	static const char *const bad[] = {
		"\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80",
		"\xbf\xbf", "\xe4\xb8", "\xf0\x9f\x98", "\xc3", "\xe4\x61", "\0",
	};
	unsigned seed = 88172645u;
	unsigned char buf[200];
	int i, wrong = 0;

	for (i = 0; i < 50000; i++) {
		size_t n = 0, want = xorshift(&seed) % sizeof buf, ref, at = 0;
		int ok;

		while (n < want) {
			const char *a = xorshift(&seed) % 40 == 0 ?
			    bad[xorshift(&seed) % (sizeof bad / sizeof bad[0])] :
			    atoms[xorshift(&seed) % (sizeof atoms / sizeof atoms[0])];
			size_t k = a[0] == '\0' ? 1 : strlen(a);

			if (n + k > sizeof buf)
				break;
			memcpy(buf + n, a, k);
			n += k;
		}
		ref = utf8ref_valid(buf, n);
		ok = enc_utf8_valid((const char *)buf, n, &at);
		if (ok != (ref == n) || (!ok && at != ref)) {
			if (wrong++ == 0)
				printf("  random text %d: valid %d at %zu, reference %zu of %zu\n",
				    i, ok, at, ref, n);
		}
	}
	CHECK_INT(wrong, 0);
}

int
main(void)
{
	test_names();
	test_utf8();
	test_bad_queue();
	test_nul();
	test_bom();
	test_utf16_bad();
	test_gb18030();
	test_detect();
	test_carry();
	test_truncated();
	test_emit_stop();
	test_utf8_valid();
	test_utf8_random();
	return t_done();
}
