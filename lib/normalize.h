#ifndef CS_NORMALIZE_H
#define CS_NORMALIZE_H

/*
 * Text normalisation before matching.
 *
 * CONTRACT (implementation in lib/normalize.c):
 * - Traditional -> simplified characters, by the character table generated
 *   from OpenCC at build time (embedded as "t2s.tsv").
 * - Full-width ASCII (U+FF01-U+FF5E) -> ASCII; U+3000 -> space; ASCII
 *   letters -> lower case.  Chinese punctuation is kept as it is.
 * - The result keeps, for every output byte, the offset of the input byte
 *   it came from, so matches can be reported at the original column.
 */

#include <stddef.h>
#include <stdint.h>

struct norm {
	char *s;		/* normalised text, NUL-terminated */
	size_t len;		/* its length */
	size_t *map;		/* map[i]: input offset of output byte i (len + 1 entries) */
	size_t cap;		/* allocated size of s and map */
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

/* A normalizer built from the embedded t2s table, or NULL when out of memory. */
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
 * The normalised form of the single code point CP, as norm_text_with()
 * writes it (Z may be NULL): for callers that walk text themselves.
 */
uint32_t norm_codepoint(const struct normalizer *z, uint32_t cp);

/* Free N's buffers; N can be reused (it is left empty). */
void norm_free(struct norm *n);

#endif
