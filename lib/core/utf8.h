#ifndef CS_UTF8_H
#define CS_UTF8_H

/*
 * The one UTF-8 decoder (RFC 3629, strict): overlong forms, surrogates,
 * values past U+10FFFF and NUL are not characters.  Text inside the tools
 * has been validated by the input path (lib/io/enc.c), so a caller that
 * meets a byte that starts no character takes it as a unit of one byte.
 * The functions are inline: they are on the hot paths of the cleaner,
 * the matcher and the normaliser.  Checked against the reference
 * validator tests/lib/utf8ref.h in tests/lib/test_utf8.c.
 */

#include <stddef.h>
#include <stdint.h>

/* Length of the sequence that lead byte C starts, 0 if C cannot lead. */
static inline int
utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/*
 * Check the sequence at S (N >= 1 bytes available).  Returns its length
 * when it is valid, 0 when it is invalid (or NUL), -1 when it is a valid
 * prefix cut short.
 */
static inline int
utf8_check(const unsigned char *s, size_t n)
{
	int len = utf8_seqlen(s[0]);
	unsigned char lo = 0x80, hi = 0xBF;
	int i;

	if (len == 0 || s[0] == 0)
		return 0;
	if (len == 1)
		return 1;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return len;
}

/*
 * Decode the character at S (N >= 1 bytes available) into *CP and return
 * its length; a byte that starts no valid character (or a NUL) is
 * returned as itself, a unit of length 1 with *CP = that byte, and
 * *VALID (when not NULL) says which it was.
 */
static inline int
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int *valid)
{
	int len = s[0] < 0x80 ? (s[0] != 0) : utf8_check(s, n);
	uint32_t c;

	if (valid != NULL)
		*valid = len > 0;
	if (len <= 0) {
		*cp = s[0];
		return 1;
	}
	switch (len) {
	case 1:
		c = s[0];
		break;
	case 2:
		c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		break;
	case 3:
		c = (uint32_t)(s[0] & 0x0F) << 12 |
		    (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		break;
	default:
		c = (uint32_t)(s[0] & 0x07) << 18 |
		    (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		break;
	}
	*cp = c;
	return len;
}

/* Length of the UTF-8 encoding of CP (a scalar value). */
static inline int
utf8_enclen(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Write CP (a scalar value) to OUT (room for 4); returns the length. */
static inline int
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Characters in S[0..N), a unit per byte that starts no character. */
static inline size_t
utf8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k = 0;
	uint32_t cp;

	while (i < n) {
		i += (size_t)utf8_decode(u + i, n - i, &cp, NULL);
		k++;
	}
	return k;
}

#endif
