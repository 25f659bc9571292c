#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/enc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum {
	ENC_DETECT,	/* only ASCII seen so far, nothing named */
	ENC_UTF8,	/* validate and pass through */
	ENC_ICONV	/* convert with e->cd */
};

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Offset of the first byte in S that is not plain ASCII (or is NUL). */
static size_t
ascii_span(const unsigned char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(v) |
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		/* High bit set, or a zero byte. */
		if ((w & 0x8080808080808080ull) ||
		    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
			break;
	}
	while (i < n && s[i] != 0 && s[i] < 0x80)
		i++;
	return i;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ENC_SSSE3 1
#include <tmmintrin.h>

/*
 * UTF-8 validation 16 bytes at a time with SSSE3 byte shuffles as table
 * lookups, after Keiser and Lemire, "Validating UTF-8 in less than one
 * instruction per byte" (Software: Practice and Experience, 2021): each
 * byte's high nibble, its predecessor's high and low nibbles index three
 * 16-entry tables of error classes whose AND is non-zero where the pair is
 * bad, and a byte two or three after a 3- or 4-byte lead must be a
 * continuation.  glibc and the libraries Debian packages for C offer no
 * UTF-8 validator, and a byte-at-a-time loop over mostly CJK text was the
 * largest cost of reading input.
 *
 * Returns an offset P such that U[0..P) is valid, free of NUL and ends on
 * a sequence boundary; the scalar loop in valid_span() goes on from there,
 * so this may stop early (at the first block with anything wrong, and
 * before the last 16 bytes) but never late.
 */
#define TOO_SHORT	(1 << 0)	/* lead, then no continuation */
#define TOO_LONG	(1 << 1)	/* ASCII, then a continuation */
#define OVERLONG_3	(1 << 2)	/* E0 80..9F */
#define TOO_LARGE	(1 << 3)	/* F4 90.. and F5.. */
#define SURROGATE	(1 << 4)	/* ED A0..BF */
#define OVERLONG_2	(1 << 5)	/* C0, C1 */
#define TOO_LARGE_1000	(1 << 6)	/* F5..FF 80..8F */
#define OVERLONG_4	(1 << 6)	/* F0 80..8F */
#define TWO_CONTS	(1 << 7)	/* a continuation after a continuation */
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("ssse3")))
static size_t
valid_blocks(const unsigned char *u, size_t n)
{
	const __m128i hi1 = _mm_setr_epi8(
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS,
	    TOO_SHORT | OVERLONG_2,
	    TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    (char)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
	const __m128i lo1 = _mm_setr_epi8(
	    (char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
	    (char)(CARRY | OVERLONG_2),
	    (char)CARRY, (char)CARRY,
	    (char)(CARRY | TOO_LARGE),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
	    (char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
	const __m128i hi2 = _mm_setr_epi8(
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 |
		TOO_LARGE_1000 | OVERLONG_4),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
	    (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
	/* Non-zero where a sequence started near the end needs more bytes. */
	const __m128i incomplete_at = _mm_setr_epi8(-1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1),
	    (char)(0xC0 - 1));
	const __m128i nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
	__m128i prev = zero, incomplete = zero;
	size_t i, p, lead;

	for (i = 0; i + 16 <= n; i += 16) {
		__m128i in = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i err = _mm_cmpeq_epi8(in, zero);

		if (_mm_movemask_epi8(in) == 0) {
			err = _mm_or_si128(err, incomplete);
		} else {
			__m128i p1 = _mm_alignr_epi8(in, prev, 15);
			__m128i sc = _mm_and_si128(_mm_and_si128(
			    _mm_shuffle_epi8(hi1, _mm_and_si128(_mm_srli_epi16(p1, 4), nib)),
			    _mm_shuffle_epi8(lo1, _mm_and_si128(p1, nib))),
			    _mm_shuffle_epi8(hi2, _mm_and_si128(_mm_srli_epi16(in, 4), nib)));
			__m128i must23 = _mm_or_si128(
			    _mm_subs_epu8(_mm_alignr_epi8(in, prev, 14),
				_mm_set1_epi8((char)(0xE0 - 0x80))),
			    _mm_subs_epu8(_mm_alignr_epi8(in, prev, 13),
				_mm_set1_epi8((char)(0xF0 - 0x80))));

			err = _mm_or_si128(err, _mm_xor_si128(sc,
			    _mm_and_si128(must23, _mm_set1_epi8((char)0x80))));
		}
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) != 0xFFFF)
			break;
		incomplete = _mm_subs_epu8(in, incomplete_at);
		prev = in;
	}
	/* Back to the start of a sequence that may be cut or bad at I. */
	p = i;
	if (p == 0)
		return 0;
	lead = p - 1;
	while (lead > 0 && p - lead < 4 && (u[lead] & 0xC0) == 0x80)
		lead--;
	if (u[lead] >= 0xC0 && (size_t)utf8_seqlen(u[lead]) != p - lead)
		return lead;
	return p;
}

/* Whether this CPU has SSSE3 (every x86-64 sold since about 2008). */
static int
have_ssse3(void)
{
	static int have = -1;

	if (have < 0) {
		__builtin_cpu_init();
		have = __builtin_cpu_supports("ssse3") != 0;
	}
	return have;
}
#endif

/*
 * The length of the valid UTF-8 (without NUL) at the start of S[0..N):
 * it stops before the first byte that is bad or starts a sequence cut
 * short by the end.  Runs of ASCII go 16 bytes at a time and the 3-byte
 * sequences of CJK text are checked inline: together they are nearly all
 * of the input, and this loop sees every byte the tools read.
 */
static size_t
valid_span(const unsigned char *u, size_t n)
{
	size_t i = 0;

#ifdef ENC_SSSE3
	if (n >= 32 && have_ssse3())
		i = valid_blocks(u, n);
#endif

	while (i < n) {
		unsigned char c = u[i];
		int k;

		if (c - 1u < 0x7Fu) {
			i += ascii_span(u + i, n - i);
			continue;
		}
		if (i + 2 < n && c >= 0xE1 && c != 0xED && c <= 0xEF &&
		    ((u[i + 1] & 0xC0) | (u[i + 2] & 0xC0) << 8) == 0x8080) {
			i += 3;
			continue;
		}
		if ((k = utf8_check(u + i, n - i)) <= 0)
			return i;
		i += (size_t)k;
	}
	return i;
}

int
enc_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = valid_span((const unsigned char *)s, len);

	if (i < len && bad != NULL)
		*bad = i;
	return i == len;
}

static void
count_lines(struct enc *e, const char *s, size_t n)
{
	const char *end = s + n;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		e->line++;
		s++;
	}
}

static int
emit_span(struct enc *e, const char *s, size_t n, enc_emit_fn emit, void *ctx)
{
	if (n == 0)
		return 0;
	count_lines(e, s, n);
	return emit(ctx, s, n);
}

/* Queue a bad byte on the current line (one entry per line is enough). */
static void
record_bad(struct enc *e, const char *msg)
{
	struct enc_bad *b;

	if (e->nbad > e->badhead && e->bad[e->nbad - 1].line == e->line)
		return;
	if (e->badhead > 0 && e->badhead == e->nbad)
		e->nbad = e->badhead = 0;
	if (e->nbad == e->badcap) {
		size_t cap = e->badcap ? e->badcap * 2 : 16;
		e->bad = xreallocarray(e->bad, cap, sizeof *e->bad);
		e->badcap = cap;
	}
	b = &e->bad[e->nbad++];
	b->line = e->line;
	snprintf(b->msg, sizeof b->msg, "%s", msg);
}

static int
emit_bad(struct enc *e, const char *msg, enc_emit_fn emit, void *ctx)
{
	record_bad(e, msg);
	return emit(ctx, REPLACEMENT, 3);
}

/* Pass UTF-8 through, replacing and recording what is not valid. */
static int
feed_utf8(struct enc *e, const char *in, size_t len, int eof,
    enc_emit_fn emit, void *ctx)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i = 0;
	int rc;

	for (;;) {
		size_t k = valid_span(u + i, len - i);
		int v;

		if ((rc = emit_span(e, in + i, k, emit, ctx)) != 0)
			return rc;
		i += k;
		if (i >= len)
			return 0;
		v = utf8_check(u + i, len - i);
		if (v < 0 && !eof) {
			/* Cut short by the chunk boundary: finish it next time. */
			e->ncarry = len - i;
			memcpy(e->carry, u + i, e->ncarry);
			return 0;
		}
		rc = emit_bad(e, u[i] == 0 ? "NUL byte in input" :
		    v < 0 ? "truncated UTF-8 sequence at end of input" :
		    "invalid UTF-8 byte sequence", emit, ctx);
		if (rc != 0)
			return rc;
		i++;
	}
}

/* Emit iconv output, treating NUL characters as bad bytes. */
static int
emit_converted(struct enc *e, const char *s, size_t n, enc_emit_fn emit,
    void *ctx)
{
	const char *z;
	int rc;

	while ((z = memchr(s, '\0', n)) != NULL) {
		if ((rc = emit_span(e, s, (size_t)(z - s), emit, ctx)) != 0)
			return rc;
		if ((rc = emit_bad(e, "NUL byte in input", emit, ctx)) != 0)
			return rc;
		n -= (size_t)(z - s) + 1;
		s = z + 1;
	}
	return emit_span(e, s, n, emit, ctx);
}

static int
feed_iconv(struct enc *e, const char *in, size_t len, int eof,
    enc_emit_fn emit, void *ctx)
{
	char *ip = (char *)in, msg[96];
	size_t left = len, step;
	int rc;

	if (e->obuf == NULL) {
		e->obufcap = 1 << 16;
		e->obuf = xmalloc(e->obufcap);
	}
	snprintf(msg, sizeof msg, "invalid %s byte sequence", e->name);
	while (left > 0) {
		char *op = e->obuf;
		size_t oleft = e->obufcap;
		size_t r = iconv(e->cd, &ip, &left, &op, &oleft);
		int saved = errno;

		if ((rc = emit_converted(e, e->obuf, (size_t)(op - e->obuf),
		    emit, ctx)) != 0)
			return rc;
		if (r != (size_t)-1)
			break;
		if (saved == E2BIG)
			continue;
		if (saved == EINVAL && !eof && left < sizeof e->carry) {
			memcpy(e->carry, ip, left);
			e->ncarry = left;
			return 0;
		}
		if (saved == EINVAL) {
			snprintf(msg, sizeof msg,
			    "truncated %s sequence at end of input", e->name);
			rc = emit_bad(e, msg, emit, ctx);
			return rc;
		}
		if ((rc = emit_bad(e, msg, emit, ctx)) != 0)
			return rc;
		/* Skip one code unit: two bytes in UTF-16, one byte otherwise. */
		step = left >= e->unit ? e->unit : left;
		ip += step;
		left -= step;
	}
	return 0;
}

/* Map the names people type to what iconv and the messages should say. */
static const char *
canonical_name(const char *name)
{
	static const struct {
		const char *alias, *name;
	} names[] = {
		{ "utf8", "UTF-8" }, { "utf-8", "UTF-8" },
		{ "gbk", "GB18030" }, { "gb2312", "GB18030" },
		{ "cp936", "GB18030" }, { "gb18030", "GB18030" },
		{ "big5", "BIG5" }, { "utf-16", "UTF-16" },
		{ "utf16", "UTF-16" }, { "utf-16le", "UTF-16LE" },
		{ "utf-16be", "UTF-16BE" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].alias) == 0)
			return names[i].name;
	return name;
}

static int
open_iconv(struct enc *e, const char *name)
{
	e->cd = iconv_open("UTF-8", name);
	if (e->cd == (iconv_t)-1)
		return -1;
	snprintf(e->name, sizeof e->name, "%s", name);
	e->mode = ENC_ICONV;
	e->unit = strncmp(name, "UTF-16", 6) == 0 ? 2 : 1;
	return 0;
}

int
enc_init(struct enc *e, const char *name)
{
	memset(e, 0, sizeof *e);
	e->cd = (iconv_t)-1;
	e->line = 1;
	e->mode = ENC_DETECT;
	if (name == NULL)
		return 0;
	name = canonical_name(name);
	if (strcmp(name, "UTF-8") == 0) {
		e->mode = ENC_UTF8;
		strcpy(e->name, "UTF-8");
		return 0;
	}
	return open_iconv(e, name);
}

/* Skip a byte-order mark and pick the encoding it names.  Returns bytes skipped. */
static size_t
take_bom(struct enc *e, const unsigned char *u, size_t len)
{
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		if (e->mode == ENC_DETECT) {
			e->mode = ENC_UTF8;
			strcpy(e->name, "UTF-8");
		}
		return e->mode == ENC_UTF8 ? 3 : 0;
	}
	if (e->mode == ENC_ICONV) {
		/* A named encoding's own mark is not part of the text. */
		if (strcmp(e->name, "UTF-16LE") == 0 && len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
			return 2;
		if (strcmp(e->name, "UTF-16BE") == 0 && len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
			return 2;
		if (strcmp(e->name, "GB18030") == 0 && len >= 4 &&
		    memcmp(u, "\x84\x31\x95\x33", 4) == 0)
			return 4;
		return 0;
	}
	if (e->mode != ENC_DETECT)
		return 0;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return open_iconv(e, "UTF-16LE") == 0 ? 2 : 0;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return open_iconv(e, "UTF-16BE") == 0 ? 2 : 0;
	if (len >= 4 && memcmp(u, "\x84\x31\x95\x33", 4) == 0)
		return open_iconv(e, "GB18030") == 0 ? 4 : 0;
	return 0;
}

/*
 * Decide between UTF-8 and GB18030 on the first chunk with non-ASCII bytes:
 * UTF-8 when its valid multi-byte sequences are at least as many as the
 * invalid bytes (GBK text seldom forms valid UTF-8 sequences, so a GBK file
 * has far more invalid bytes than valid sequences).
 */
static void
detect(struct enc *e, const char *in, size_t len, int eof)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i = 0, good = 0, bad = 0;

	i = ascii_span(u, len);
	if (i >= len)
		return;
	while (i < len) {
		int k;

		if (u[i] == 0) {	/* NUL says nothing about the encoding */
			i++;
			continue;
		}
		k = utf8_check(u + i, len - i);
		if (k > 1)
			good++;
		else if (k == 0)
			bad++;
		else if (k < 0 && eof)
			bad++;
		else if (k < 0)
			break;
		i += k > 0 ? (size_t)k : 1;
	}
	if (good == 0 && bad == 0)
		return;		/* only a sequence cut by the chunk's end: wait */
	if (good > 0 && good >= bad) {
		e->mode = ENC_UTF8;
		strcpy(e->name, "UTF-8");
	} else if (open_iconv(e, "GB18030") != 0) {
		abort();
	}
}

int
enc_feed(struct enc *e, const char *in, size_t len, int eof,
    enc_emit_fn emit, void *ctx)
{
	char *joined = NULL;
	int rc;

	if (!e->started) {
		size_t skip = take_bom(e, (const unsigned char *)in, len);

		in += skip;
		len -= skip;
		e->started = 1;
	}
	if (e->ncarry > 0) {
		joined = xmalloc(e->ncarry + len);
		memcpy(joined, e->carry, e->ncarry);
		memcpy(joined + e->ncarry, in, len);
		in = joined;
		len += e->ncarry;
		e->ncarry = 0;
	}
	if (e->mode == ENC_DETECT)
		detect(e, in, len, eof);
	if (e->mode == ENC_ICONV)
		rc = feed_iconv(e, in, len, eof, emit, ctx);
	else
		rc = feed_utf8(e, in, len, eof, emit, ctx);
	free(joined);
	return rc;
}

const struct enc_bad *
enc_take_bad(struct enc *e, long line)
{
	if (e->badhead < e->nbad && e->bad[e->badhead].line <= line)
		return &e->bad[e->badhead++];
	return NULL;
}

void
enc_free(struct enc *e)
{
	if (e->cd != (iconv_t)-1)
		iconv_close(e->cd);
	free(e->obuf);
	free(e->bad);
	memset(e, 0, sizeof *e);
	e->cd = (iconv_t)-1;
}

/*
 * UTF-16 without a BOM, from the NUL bytes of S[0..N): every ASCII
 * character (commas, digits, line ends) has one, on the same side of its
 * pair, and a CJK character none.  1 for little-endian, 2 big, else 0.
 */
static int
utf16_side(const unsigned char *s, size_t n)
{
	size_t i, even = 0, odd = 0;

	n &= ~(size_t)1;
	for (i = 0; i < n; i += 2) {
		even += s[i] == 0;
		odd += s[i + 1] == 0;
	}
	if (n < 8)
		return 0;
	if (odd * 8 >= n / 2 && even * 16 <= odd)
		return 1;
	if (even * 8 >= n / 2 && odd * 16 <= even)
		return 2;
	return 0;
}

const char *
enc_sniff(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t look = n < 4096 ? n : 4096;

	if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0) {
		if (memmem(s, look, "xl/", 3) != NULL ||
		    memmem(s, look, "[Content_Types].xml", 19) != NULL)
			return "this looks like an Excel workbook (xlsx), not a "
			    "text export: save it as CSV UTF-8 (File, Save As) "
			    "and read that file";
		return "this looks like a zip archive, not a text export: "
		    "unzip it and read the CSV inside";
	}
	if (n >= 8 && memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "this looks like an Excel 97-2003 workbook (xls), not a "
		    "text export: save it as CSV UTF-8 and read that file";
	switch (utf16_side(u, look)) {
	case 1:
		return "this looks like UTF-16 without a byte-order mark: "
		    "read it with --encoding utf-16le";
	case 2:
		return "this looks like UTF-16 without a byte-order mark: "
		    "read it with --encoding utf-16be";
	}
	if (memchr(s, '\0', look) != NULL)
		return "this looks like a binary file, not a text export "
		    "(CSV or TSV)";
	return NULL;
}
