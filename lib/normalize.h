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

struct norm {
	char *s;		/* normalised text, NUL-terminated */
	size_t len;		/* its length */
	size_t *map;		/* map[i]: input offset of output byte i (len + 1 entries) */
	size_t cap;		/* allocated size of s and map */
};

/* Normalise S[0..LEN) into N (reusing N's buffers).  0, or -1 when out of memory. */
int norm_text(struct norm *n, const char *s, size_t len);

/* Free N's buffers. */
void norm_free(struct norm *n);

#endif
