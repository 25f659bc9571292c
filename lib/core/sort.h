#ifndef CS_SORT_H
#define CS_SORT_H

/*
 * The project's one radix sort: LSD, 8-bit digits, stable, with a
 * scratch array of N elements (out of memory exits, lib/core/alloc.h).
 * A digit that is the same in every key costs no pass, so values that
 * span a small range sort in one or two passes.  cs-stats' exact
 * percentiles sort every duration with it (lib/stats/store.c).
 */

#include <stddef.h>
#include <stdint.h>

/* Sort V[0..N) in ascending order. */
void sort_ll(long long *v, size_t n);

/* Sort V[0..N) in ascending order. */
void sort_i32(int32_t *v, size_t n);

#endif
