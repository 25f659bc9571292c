#ifndef CS_ALLOC_H
#define CS_ALLOC_H

/*
 * Memory allocation with the project's one out-of-memory policy: a tool
 * that cannot get memory prints "cs-TOOL: out of memory" and exits 2
 * (CS_FATAL).  No caller checks for NULL.  Sizes are checked for
 * overflow (N * SIZE past SIZE_MAX is out of memory too).
 *
 * What is a limit on the data (a row longer than the reader accepts) is
 * not out of memory and is handled where the limit is, with its own
 * message (lib/io/csvin.c).
 */

#include <stddef.h>

/* malloc(N), never NULL (a zero N gives a unique pointer). */
void *xmalloc(size_t n);

/* calloc(N, SIZE), never NULL. */
void *xcalloc(size_t n, size_t size);

/* realloc(P, N * SIZE), never NULL; the product is checked. */
void *xreallocarray(void *p, size_t n, size_t size);

/* A NUL-terminated copy of S[0..N). */
char *xstrndup(const char *s, size_t n);

/* A copy of the string S. */
char *xstrdup(const char *s);

/*
 * Make the array *PP (elements of SIZE bytes, *CAP of them) hold at
 * least NEED elements, doubling (from 8) so that appends are amortised
 * constant time.  The new elements are not initialised.
 */
void xgrow(void *pp, size_t *cap, size_t need, size_t size);

/* xgrow() that zeroes the new elements. */
void xgrow_zero(void *pp, size_t *cap, size_t need, size_t size);

#endif
