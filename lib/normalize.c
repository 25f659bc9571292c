/*
 * Text normalisation before matching: traditional -> simplified, full
 * width -> half width, ASCII case, with a map from every output byte back
 * to the input byte it came from.
 *
 * The traditional -> simplified table is the one the build generates from
 * OpenCC (build-aux/gen-t2s.sh) and embeds as "t2s.tsv": lines
 * "TRAD<TAB>SIMP" sorted by code point, one ideograph each side.
 * norm_text() looks characters up in that text by binary search, so it
 * needs no state; a struct normalizer turns the table into a direct array
 * once, for callers that normalise a lot of text.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "normalize.h"

/* The ideographs the t2s table covers: Extension A and the URO block. */
#define T2S_LO 0x3400
#define T2S_HI 0x9FFF

struct normalizer {
	uint32_t simp[T2S_HI - T2S_LO + 1]; /* simplified code point, 0: unchanged */
};

/*
 * Decode one UTF-8 character at S[0..LEN) (LEN >= 1) into *CP.  Returns its
 * length, or 0 when the bytes are not a valid, shortest-form character.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Encode CP as UTF-8 into OUT (4 bytes of room); returns the length. */
static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Parse the t2s line starting at P (before END): *TRAD and *SIMP get the
 * two code points.  Returns the start of the next line.  A malformed line
 * leaves *TRAD at 0.
 */
static const char *
t2s_line(const char *p, const char *end, uint32_t *trad, uint32_t *simp)
{
	const char *nl, *tab;
	size_t n;

	*trad = *simp = 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL)
		nl = end;
	tab = memchr(p, '\t', (size_t)(nl - p));
	if (tab != NULL && tab > p && nl > tab + 1) {
		n = utf8_decode((const unsigned char *)p, (size_t)(tab - p), trad);
		if (n != (size_t)(tab - p) ||
		    utf8_decode((const unsigned char *)tab + 1,
		    (size_t)(nl - tab - 1), simp) != (size_t)(nl - tab - 1))
			*trad = *simp = 0;
	}
	return nl < end ? nl + 1 : end;
}

/*
 * The simplified form of CP by binary search over the embedded table, or
 * CP itself.  The table is sorted by code point (byte order of UTF-8).
 */
static uint32_t
t2s_search(uint32_t cp)
{
	const struct embed *e;
	const char *lo, *hi, *mid, *end;
	uint32_t trad, simp;

	if (cp < T2S_LO || cp > T2S_HI || (e = embed_find("t2s.tsv")) == NULL)
		return cp;
	lo = e->data;
	hi = end = e->data + e->len;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		while (mid > lo && mid[-1] != '\n')
			mid--;
		(void)t2s_line(mid, end, &trad, &simp);
		if (trad == cp)
			return simp;
		if (trad == 0)		/* malformed line: give up */
			return cp;
		if (trad < cp)
			lo = t2s_line(mid, end, &trad, &simp);
		else
			hi = mid;
	}
	return cp;
}

struct normalizer *
normalizer_new(void)
{
	struct normalizer *z;
	const struct embed *e;
	const char *p, *end;
	uint32_t trad, simp;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		return NULL;
	if ((e = embed_find("t2s.tsv")) == NULL)
		return z;
	for (p = e->data, end = e->data + e->len; p < end; ) {
		p = t2s_line(p, end, &trad, &simp);
		if (trad >= T2S_LO && trad <= T2S_HI)
			z->simp[trad - T2S_LO] = simp;
	}
	return z;
}

void
normalizer_free(struct normalizer *z)
{
	free(z);
}

/* Make room in N for an input of LEN bytes; 0 or -1. */
static int
norm_reserve(struct norm *n, size_t len)
{
	size_t need, *map;
	char *s;

	/* A 3-byte ideograph may become a 4-byte one; nothing else grows. */
	if (len > (SIZE_MAX - 8) / 2 / sizeof(size_t)) {
		errno = ENOMEM;
		return -1;
	}
	need = len + len / 3 + 8;
	if (need <= n->cap)
		return 0;
	if ((s = realloc(n->s, need)) == NULL)
		return -1;
	n->s = s;
	if ((map = realloc(n->map, need * sizeof(*map))) == NULL)
		return -1;
	n->map = map;
	n->cap = need;
	return 0;
}

/* The normalised form of code point CP (t2s by Z, or by search when Z is NULL). */
static uint32_t
norm_cp(const struct normalizer *z, uint32_t cp)
{
	uint32_t t;

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	if (cp >= 0xff01 && cp <= 0xff5e) {
		cp -= 0xfee0;
		return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	}
	if (cp == 0x3000)
		return ' ';
	if (cp < T2S_LO || cp > T2S_HI)
		return cp;
	if (z == NULL)
		return t2s_search(cp);
	t = z->simp[cp - T2S_LO];
	return t != 0 ? t : cp;
}

int
norm_text_with(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, o, cl;
	uint32_t cp;
	char buf[4];

	if (norm_reserve(n, len) == -1)
		return -1;
	for (i = o = 0; i < len; i += cl) {
		if (u[i] < 0x80) {	/* fast path for ASCII */
			cl = 1;
			n->s[o] = (char)(u[i] >= 'A' && u[i] <= 'Z' ?
			    u[i] + ('a' - 'A') : u[i]);
			n->map[o++] = i;
			continue;
		}
		if ((cl = utf8_decode(u + i, len - i, &cp)) == 0) {
			cl = 1;		/* not UTF-8: the byte passes through */
			n->s[o] = s[i];
			n->map[o++] = i;
			continue;
		}
		k = utf8_encode(norm_cp(z, cp), buf);
		memcpy(n->s + o, buf, k);
		while (k-- > 0)
			n->map[o++] = i;
	}
	n->s[o] = '\0';
	n->map[o] = len;
	n->len = o;
	return 0;
}

uint32_t
norm_codepoint(const struct normalizer *z, uint32_t cp)
{
	return norm_cp(z, cp);
}

int
norm_text(struct norm *n, const char *s, size_t len)
{
	return norm_text_with(NULL, n, s, len);
}

void
norm_free(struct norm *n)
{
	free(n->s);
	free(n->map);
	n->s = NULL;
	n->map = NULL;
	n->len = n->cap = 0;
}
