#ifndef CS_TEST_UTF8REF_H
#define CS_TEST_UTF8REF_H

#include <stddef.h>

/*
 * A reference validator written from the definition (RFC 3629: decode,
 * then reject overlong forms, surrogates and values past U+10FFFF; NUL is
 * refused too), to check enc_utf8_valid(), whose fast paths work on 8 and
 * 16 bytes at a time, in tests/lib/test_enc.c and fuzz/fuzz_enc.c.
 * Returns the offset of the first bad byte or LEN.
 */
static inline size_t
utf8ref_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], cp, k, j;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC0 && c < 0xE0)
			k = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c < 0xF0)
			k = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c < 0xF8)
			k = 4, cp = c & 0x07;
		else
			return i;
		if (i + k > len)
			return i;
		for (j = 1; j < k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + j] & 0x3Fu);
		}
		if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) ||
		    (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k;
	}
	return len;
}

/*
 * The unit at S[0..LEN) (LEN >= 1) as lib/match.c reads text: a whole
 * character, its code point into *CP, or else one byte, with *CP set to
 * 0x110000 + the byte.  Returns the length.  From the validator above.
 */
static inline size_t
utf8ref_unit(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	size_t j;

	if (s[0] == 0) {
		*cp = 0;
		return 1;
	}
	if (k == 1 || k > len || utf8ref_valid(s, k) != k) {
		*cp = s[0] < 0x80 ? s[0] : 0x110000ul + s[0];
		return 1;
	}
	*cp = s[0] & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
	for (j = 1; j < k; j++)
		*cp = *cp << 6 | (s[j] & 0x3Fu);
	return k;
}

#endif
