/*
 * lib/core/utf8.h against the reference validator written from RFC 3629
 * (tests/lib/utf8ref.h): every scalar value round-trips, and on random
 * byte strings the decoder cuts the same units as the reference.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/utf8.h"
#include "t.h"
#include "utf8ref.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 32);
}

/* Every scalar value encodes to what the reference accepts and back. */
static void
test_roundtrip(void)
{
	uint32_t cp, got;
	int bad = 0, valid;

	for (cp = 1; cp <= 0x10FFFF; cp++) {
		unsigned char b[4];
		int len;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = utf8_encode(cp, (char *)b);
		if (len != utf8_enclen(cp) ||
		    utf8ref_valid(b, (size_t)len) != (size_t)len ||
		    utf8_decode(b, (size_t)len, &got, &valid) != len ||
		    got != cp || !valid)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* A byte likely to make interesting UTF-8: leads, continuations, edges. */
static unsigned char
rand_byte(void)
{
	static const unsigned char edge[] = {
		0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
		0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 'a'
	};
	unsigned r = next_rand();

	if (r % 3 == 0)
		return edge[(r >> 8) % sizeof edge];
	if (r % 3 == 1)
		return (unsigned char)(0x80 | (r >> 8 & 0x3F));
	return (unsigned char)(r >> 8);
}

/* On random strings, the units and code points are the reference's. */
static void
test_units(void)
{
	unsigned char s[64];
	int round, bad = 0, badcount = 0;

	for (round = 0; round < 200000; round++) {
		size_t n = 1 + next_rand() % sizeof s, i = 0, units = 0;

		for (i = 0; i < n; i++)
			s[i] = rand_byte();
		for (i = 0; i < n; units++) {
			unsigned long rcp;
			uint32_t cp;
			int valid;
			size_t rl = utf8ref_unit(s + i, n - i, &rcp);
			int l = utf8_decode(s + i, n - i, &cp, &valid);
			int rvalid = s[i] != 0 && rcp < 0x110000ul;

			if ((size_t)l != rl || valid != rvalid ||
			    (valid && cp != rcp) || (!valid && cp != s[i]))
				bad++;
			i += rl;
		}
		if (utf8_count((const char *)s, n) != units)
			badcount++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(badcount, 0);
}

/* utf8_check() tells a valid prefix cut short from an invalid one. */
static void
test_check(void)
{
	CHECK_INT(utf8_check((const unsigned char *)"\xE4\xBD", 2), -1);
	CHECK_INT(utf8_check((const unsigned char *)"\xE4\xBD\xA0", 3), 3);
	CHECK_INT(utf8_check((const unsigned char *)"\xE4\x41", 2), 0);
	CHECK_INT(utf8_check((const unsigned char *)"\xED\xA0\x80", 3), 0);
	CHECK_INT(utf8_check((const unsigned char *)"\xC0\x80", 2), 0);
	CHECK_INT(utf8_check((const unsigned char *)"\xF4\x90\x80\x80", 4), 0);
	CHECK_INT(utf8_check((const unsigned char *)"", 1), 0);
	CHECK(utf8_seqlen(0xC1) == 0 && utf8_seqlen(0xF5) == 0);
}

/* utf8_encode() writes the bytes the standard gives. */
static void
test_encode(void)
{
	char b[5] = { 0 };

	b[utf8_encode(0x4F60, b)] = '\0';
	CHECK_STR(b, "\xE4\xBD\xA0");
	b[utf8_encode(0x1F600, b)] = '\0';
	CHECK_STR(b, "\xF0\x9F\x98\x80");
}

int
main(void)
{
	test_roundtrip();
	test_units();
	test_check();
	test_encode();
	return t_done();
}
