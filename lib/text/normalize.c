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

#include "core/alloc.h"
#include "io/embed.h"
#include "text/normalize.h"

#define T2S_LO NORM_T2S_LO
#define T2S_HI NORM_T2S_HI

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
		n = norm_utf8_decode((const unsigned char *)p, (size_t)(tab - p), trad);
		if (n != (size_t)(tab - p) ||
		    norm_utf8_decode((const unsigned char *)tab + 1,
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

	if ((z = xcalloc(1, sizeof(*z))) == NULL)
		return NULL;
	if ((e = embed_find("t2s.tsv")) == NULL)
		return z;
	for (p = e->data, end = e->data + e->len; p < end; ) {
		p = t2s_line(p, end, &trad, &simp);
		if (trad >= T2S_LO && trad <= T2S_HI && simp != 0) {
			z->simp[trad - T2S_LO] = simp;
			z->trad[(trad - T2S_LO) >> 3] |=
			    (unsigned char)(1 << ((trad - T2S_LO) & 7));
		}
	}
	return z;
}

void
normalizer_free(struct normalizer *z)
{
	free(z);
}

/*
 * Make room in N for an input of LEN bytes, and in its map when MAP; 0 or
 * -1.
 */
static int
norm_reserve(struct norm *n, size_t len, int map)
{
	size_t need, *m;
	char *s;

	/* A 3-byte ideograph may become a 4-byte one; nothing else grows. */
	if (len > (SIZE_MAX - 8) / 2 / sizeof(size_t)) {
		errno = ENOMEM;
		return -1;
	}
	need = len + len / 3 + 8;
	if (need > n->cap) {
		if ((s = xreallocarray(n->s, 1, need)) == NULL)
			return -1;
		n->s = s;
		n->cap = need;
	}
	if (map && need > n->mapcap) {
		if ((m = xreallocarray(n->map, 1, need * sizeof(*m))) == NULL)
			return -1;
		n->map = m;
		n->mapcap = need;
	}
	return 0;
}

/* The normalised form of code point CP (t2s by Z, or by search when Z is NULL). */
static uint32_t
norm_cp(const struct normalizer *z, uint32_t cp)
{
	if (z != NULL)
		return norm_codepoint_with(z, cp);
	if (cp < T2S_LO || cp > T2S_HI)
		return norm_codepoint_with(NULL, cp);	/* no table needed */
	return t2s_search(cp);
}

/*
 * Normalise S[0..LEN) into N's buffer.  Most characters need no change:
 * ASCII but for upper case, and the ideographs of the URO block that are
 * not traditional are copied as they are, without decoding and encoding
 * them.
 */
static void
normalise(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = n->s;
	size_t i, o, cl;
	uint32_t cp;

	for (i = o = 0; i < len; i += cl) {
		if (u[i] < 0x80) {
			cl = 1;
			out[o++] = (char)(u[i] >= 'A' && u[i] <= 'Z' ?
			    u[i] + ('a' - 'A') : u[i]);
		} else if (z != NULL && (cp = norm_uro_at(u + i, len - i)) != 0) {
			cl = 3;
			if (!norm_is_trad(z, cp)) {
				memcpy(out + o, s + i, 3);
				o += 3;
			} else
				o += norm_utf8_encode(z->simp[cp - T2S_LO], out + o);
		} else if ((cl = norm_utf8_decode(u + i, len - i, &cp)) == 0) {
			cl = 1;		/* not UTF-8: the byte passes through */
			out[o++] = s[i];
		} else
			o += norm_utf8_encode(norm_cp(z, cp), out + o);
	}
	out[o] = '\0';
	n->len = o;
}

/*
 * N's map for S[0..LEN), which normalise() has written into N: the same
 * walk, with the lengths of what it wrote.
 */
static void
map_offsets(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, j, k, o, cl;
	uint32_t cp;

	for (i = o = 0; i < len; i += cl) {
		if (u[i] < 0x80)
			cl = k = 1;
		else if (z != NULL && (cp = norm_uro_at(u + i, len - i)) != 0) {
			cl = 3;
			k = norm_is_trad(z, cp) ? utf8_enclen(z->simp[cp - T2S_LO]) : 3;
		} else if ((cl = norm_utf8_decode(u + i, len - i, &cp)) == 0)
			cl = k = 1;
		else
			k = utf8_enclen(norm_cp(z, cp));
		for (j = 0; j < k; j++)
			n->map[o + j] = i;
		o += k;
	}
	n->map[o] = len;
}

int
norm_text_with(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	if (norm_reserve(n, len, 1) == -1)
		return -1;
	normalise(z, n, s, len);
	map_offsets(z, n, s, len);
	return 0;
}

int
norm_text_fast(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	if (norm_reserve(n, len, 0) == -1)
		return -1;
	normalise(z, n, s, len);
	return 0;
}

int
norm_map(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	if (norm_reserve(n, len, 1) == -1)
		return -1;
	map_offsets(z, n, s, len);
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
	n->len = n->cap = n->mapcap = 0;
}
