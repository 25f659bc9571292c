#ifndef CS_NORMALIZE_H
#define CS_NORMALIZE_H

/*
 * Text normalisation before matching.
 *
 * CONTRACT (implementation in lib/text/normalize.c):
 * - Traditional -> simplified characters, by the character table generated
 *   from OpenCC at build time (embedded as "t2s.tsv").
 * - Full-width ASCII (U+FF01-U+FF5E) -> ASCII; U+3000 -> space; ASCII
 *   letters -> lower case.  Chinese punctuation is kept as it is.
 * - The result keeps, for every output byte, the offset of the input byte
 *   it came from, so matches can be reported at the original column
 *   (norm_text_fast() leaves that map for later: see norm_map()).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/utf8.h"

struct norm {
	char *s;		/* normalised text, NUL-terminated */
	size_t len;		/* its length */
	size_t *map;		/* map[i]: input offset of output byte i (len + 1 entries) */
	size_t cap;		/* allocated size of s */
	size_t mapcap;		/* allocated entries of map */
};

/*
 * Normalise S[0..LEN) into N (reusing N's buffers).  0, or -1 when out of
 * memory.  Bytes that are not UTF-8 pass through unchanged.  Looks the
 * t2s table up by binary search: fine for short texts; a caller that
 * normalises many should keep a struct normalizer and use norm_text_with().
 */
int norm_text(struct norm *n, const char *s, size_t len);

/* The t2s table turned into a direct lookup array (about 110 KB), built once. */
struct normalizer;

/* A normalizer built from the embedded t2s table (never NULL). */
struct normalizer *normalizer_new(void);

/* Free Z (NULL is fine). */
void normalizer_free(struct normalizer *z);

/*
 * norm_text() with Z's table (the same result, faster).  Z may be NULL,
 * which is norm_text().  Z is read only, so one normalizer can serve any
 * number of struct norm buffers.
 */
int norm_text_with(const struct normalizer *z, struct norm *n, const char *s,
    size_t len);

/*
 * norm_text_with() without the offset map: N's map is left as it was.
 * Most texts a tool scans have no match to report, and the map costs as
 * much as the normalisation; a caller that needs positions calls
 * norm_map() for the texts that have some.  Returns 0 (out of memory
 * exits: lib/core/alloc.h).
 */
int norm_text_fast(const struct normalizer *z, struct norm *n, const char *s,
    size_t len);

/*
 * Fill in N's map for S[0..LEN), which norm_text_fast() has normalised
 * into N with the same Z: the map norm_text_with() makes.  Returns 0.
 */
int norm_map(const struct normalizer *z, struct norm *n, const char *s,
    size_t len);

/*
 * The normalised form of the single code point CP, as norm_text_with()
 * writes it (Z may be NULL): for callers that walk text themselves.
 */
uint32_t norm_codepoint(const struct normalizer *z, uint32_t cp);

/*
 * The same, inline, for the per-character loops of callers that walk a
 * lot of text themselves (Z not NULL).  The table is here only for this
 * lookup; everything else treats struct normalizer as opaque.
 */
#define NORM_T2S_LO 0x3400	/* the ideographs the t2s table covers: */
#define NORM_T2S_HI 0x9FFF	/* Extension A and the URO block */

struct normalizer {
	uint32_t simp[NORM_T2S_HI - NORM_T2S_LO + 1]; /* simplified code point, 0: unchanged */
	/*
	 * The same as a bit set, 1: simp is not 0.  3.4 KB, where simp is
	 * 108 KB: the common case, a character that does not change, is
	 * answered from the first-level cache.
	 */
	unsigned char trad[(NORM_T2S_HI - NORM_T2S_LO + 1 + 7) / 8];
};

/* Is CP (in NORM_T2S_LO..NORM_T2S_HI) a traditional character of Z's table? */
static inline int
norm_is_trad(const struct normalizer *z, uint32_t cp)
{
	cp -= NORM_T2S_LO;
	return z->trad[cp >> 3] >> (cp & 7) & 1;
}

static inline uint32_t
norm_codepoint_with(const struct normalizer *z, uint32_t cp)
{
	uint32_t t;

	if (cp < 0x80)
		return cp - 'A' < 26 ? cp + ('a' - 'A') : cp;
	if (cp >= NORM_T2S_LO && cp <= NORM_T2S_HI) {
		if (!norm_is_trad(z, cp))
			return cp;
		t = z->simp[cp - NORM_T2S_LO];
		return t != 0 ? t : cp;
	}
	if (cp >= 0xff01 && cp <= 0xff5e) {
		cp -= 0xfee0;
		return cp - 'A' < 26 ? cp + ('a' - 'A') : cp;
	}
	return cp == 0x3000 ? ' ' : cp;
}

/*
 * The code point of the 3-byte character at S[0..LEFT) when it is in
 * U+4000..U+9FFF (common ideographs, all in the t2s table's range), else
 * 0: the short path of the loops that normalise text.
 */
static inline uint32_t
norm_uro_at(const unsigned char *s, size_t left)
{
	if (s[0] < 0xe4 || s[0] > 0xe9 || left < 3 ||
	    ((s[1] ^ 0x80) | (s[2] ^ 0x80)) >= 0x40)
		return 0;
	return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
	    (s[2] & 0x3f);
}

/*
 * UTF-8 in the form the modules that walk text use, by the project's one
 * decoder (core/utf8.h): decode the character at S[0..LEN) (LEN >= 1)
 * into *CP and return its length, or 0 when the bytes are not a valid,
 * shortest-form character (a NUL is the character U+0000 here); encode
 * CP into OUT (4 bytes of room) and return the length.
 */
static inline size_t
norm_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	int valid;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	len = (size_t)utf8_decode(s, len, cp, &valid);
	return valid ? len : 0;
}

static inline size_t
norm_utf8_encode(uint32_t cp, char *out)
{
	return (size_t)utf8_encode(cp, out);
}

/* Free N's buffers; N can be reused (it is left empty). */
void norm_free(struct norm *n);

#endif
