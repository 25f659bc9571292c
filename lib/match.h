#ifndef CS_MATCH_H
#define CS_MATCH_H

/*
 * Multi-pattern matching shared by cs-reviewsort and cs-lint.
 *
 * CONTRACT (implementation in lib/match.c):
 * - An Aho-Corasick automaton over UTF-8 bytes: matcher_scan() is linear in
 *   the text plus the number of matches, independent of how many patterns
 *   there are.
 * - Patterns and text should both be put through norm_text() (normalize.h)
 *   first, so that traditional/simplified, full/half width and case do not
 *   matter.
 * - Every occurrence of every pattern is reported, overlapping ones
 *   included, in order of their end offset.
 */

#include <stddef.h>

struct matcher;

/* A new, empty matcher, or NULL when out of memory. */
struct matcher *matcher_new(void);

/* Add pattern PAT[0..LEN) with the caller's ID.  Before matcher_build() only.  0 or -1. */
int matcher_add(struct matcher *m, const char *pat, size_t len, int id);

/* Build the automaton; no more matcher_add() after it.  0 or -1. */
int matcher_build(struct matcher *m);

/*
 * Called per occurrence: pattern ID at TEXT[START..END).  Return 0 to go
 * on, non-zero to stop the scan.
 */
typedef int (*match_fn)(void *ctx, int id, size_t start, size_t end);

/* Report every occurrence in TEXT[0..LEN).  Returns the first non-zero FN result or 0. */
int matcher_scan(const struct matcher *m, const char *text, size_t len,
    match_fn fn, void *ctx);

/* Free M. */
void matcher_free(struct matcher *m);

#endif
