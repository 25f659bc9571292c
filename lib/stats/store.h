#ifndef CS_STATS_STORE_H
#define CS_STATS_STORE_H

/*
 * cs-stats' value store: every duration and time of a group kept whole,
 * so that percentiles are exact, and their exact sum.  Sorting uses the
 * project's one radix sort (lib/core/sort.h).  Out of memory exits
 * (lib/core/alloc.h).
 */

#include <stddef.h>
#include <stdint.h>

/*
 * A multiset of integers kept whole, for exact percentiles.  Durations
 * and times of one log lie within 68 years of each other, so values are
 * kept as 32-bit differences from the first one (half the memory, and
 * half the radix passes); a value that does not fit turns the store into
 * one of plain 64-bit values.  Read values with store_at().
 */
struct stats_store {
	int32_t *d;		/* values - base, while all fit (else NULL) */
	long long *v;		/* the values, once one did not fit (else NULL) */
	long long base;		/* the first value added */
	size_t n, cap;		/* fill and size */
	int sorted;		/* the values are in ascending order */
};

/* Add V to ST. */
void store_add(struct stats_store *st, long long v);

/* Value I (0 <= I < ST->n) of ST, in ascending order once sorted. */
static inline long long
store_at(const struct stats_store *st, size_t i)
{
	return st->v != NULL ? st->v[i] : st->base + st->d[i];
}

/* Add V COUNT times. */
void store_addn(struct stats_store *st, long long v, unsigned long long count);

/* Sort ST (a no-op when already sorted); large stores by radix sort. */
void store_sort(struct stats_store *st);

/*
 * The nearest-rank P-th percentile (0 < P <= 100) of ST, sorting it first;
 * 0 when ST is empty.
 */
long long store_pct(struct stats_store *st, int p);

/*
 * A sum of values: 128 bits, so that no sum of up to 2^64 values of 64
 * bits can overflow.
 */
__extension__ typedef __int128 stats_sum;

/* Sum of ST's values, exact. */
stats_sum store_sum(const struct stats_store *st);

/* Number of values <= LIMIT (ST sorted first). */
size_t store_count_le(struct stats_store *st, long long limit);

/* Number of values < LIMIT (ST sorted first). */
size_t store_count_lt(struct stats_store *st, long long limit);

/* Free ST's values. */
void store_free(struct stats_store *st);

/*
 * Most values within any span of WIDTH seconds (t_last - t_first < WIDTH),
 * with *FIRST and *LAST set to that span's first and last value (ST sorted
 * first).  0 when ST is empty.
 */
size_t store_max_window(struct stats_store *st, long long width,
    long long *first, long long *last);

/*
 * Append SRC's values to DST (DST is left unsorted); SRC is unchanged.
 */
void store_append(struct stats_store *dst, const struct stats_store *src);

#endif
