#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/sort.h"
#include "stats/store.h"

/* Keep ST's values as 64-bit numbers from now on. */
static void
store_widen(struct stats_store *st)
{
	size_t i;

	st->v = xreallocarray(NULL, st->cap ? st->cap : 1, sizeof *st->v);
	for (i = 0; i < st->n; i++)
		st->v[i] = st->base + st->d[i];
	free(st->d);
	st->d = NULL;
}

/* Non-zero when V - BASE fits 32 bits (computed without overflow). */
static int
fits32(long long v, long long base)
{
	if (v >= base)
		return (unsigned long long)v - (unsigned long long)base <=
		    (unsigned long long)INT32_MAX;
	return (unsigned long long)base - (unsigned long long)v <=
	    (unsigned long long)INT32_MAX + 1;
}

void
store_add(struct stats_store *st, long long v)
{
	/* The common case first: narrow, with room, and the value fits. */
	if (st->v == NULL && st->n > 0 && st->n < st->cap &&
	    fits32(v, st->base)) {
		int32_t x = (int32_t)(v - st->base);

		if (x < st->d[st->n - 1])
			st->sorted = 0;
		st->d[st->n++] = x;
		return;
	}
	if (st->n == 0 && st->v == NULL)
		st->base = v;
	if (st->v == NULL && !fits32(v, st->base))
		store_widen(st);
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		if (st->v != NULL)
			st->v = xreallocarray(st->v, st->cap, sizeof *st->v);
		else
			st->d = xreallocarray(st->d, st->cap, sizeof *st->d);
	}
	if (st->n > 0 && v < store_at(st, st->n - 1))
		st->sorted = 0;
	else if (st->n == 0)
		st->sorted = 1;
	if (st->v != NULL)
		st->v[st->n++] = v;
	else
		st->d[st->n++] = (int32_t)(v - st->base);
}

void
store_addn(struct stats_store *st, long long v, unsigned long long count)
{
	while (count-- > 0)
		store_add(st, v);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

void
store_sort(struct stats_store *st)
{
	/* The radix sort's fixed cost pays off only for larger stores. */
	if (st->sorted || st->n < 2)
		;
	else if (st->v != NULL && st->n < 64)
		qsort(st->v, st->n, sizeof *st->v, cmp_ll);
	else if (st->v != NULL)
		sort_ll(st->v, st->n);
	else if (st->n < 64)
		qsort(st->d, st->n, sizeof *st->d, cmp_i32);
	else
		sort_i32(st->d, st->n);
	st->sorted = 1;
}

long long
store_pct(struct stats_store *st, int p)
{
	unsigned long long rank;

	if (st->n == 0)
		return 0;
	store_sort(st);
	/* ceil(p * n / 100), at least 1 */
	rank = ((unsigned long long)p * st->n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > st->n)
		rank = st->n;
	return store_at(st, rank - 1);
}

stats_sum
store_sum(const struct stats_store *st)
{
	stats_sum sum = 0;
	long long part = 0;
	size_t i;

	if (st->v != NULL) {
		for (i = 0; i < st->n; i++)
			sum += st->v[i];
		return sum;
	}
	/*
	 * 32-bit offsets: 2^32 of them fit in 64 bits, so sum them in blocks
	 * of 2^31 and widen once per block.
	 */
	for (i = 0; i < st->n; i++) {
		part += st->d[i];
		if ((i & 0x7fffffff) == 0x7fffffff) {
			sum += part;
			part = 0;
		}
	}
	return sum + part + (stats_sum)st->base * (stats_sum)st->n;
}

/* Number of values below LIMIT, or at it too when AT (ST sorted first). */
static size_t
count_below(struct stats_store *st, long long limit, int at)
{
	size_t lo = 0, hi;

	store_sort(st);
	hi = st->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long long v = store_at(st, mid);

		if (v < limit || (at && v == limit))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
store_count_le(struct stats_store *st, long long limit)
{
	return count_below(st, limit, 1);
}

size_t
store_count_lt(struct stats_store *st, long long limit)
{
	return count_below(st, limit, 0);
}

size_t
store_max_window(struct stats_store *st, long long width,
    long long *first, long long *last)
{
	size_t i, j = 0, best = 0;

	if (width < 1)
		width = 1;
	store_sort(st);
	for (i = 0; i < st->n; i++) {
		while (store_at(st, i) - store_at(st, j) >= width)
			j++;
		if (i - j + 1 > best) {
			best = i - j + 1;
			*first = store_at(st, j);
			*last = store_at(st, i);
		}
	}
	return best;
}

void
store_free(struct stats_store *st)
{
	free(st->v);
	free(st->d);
	memset(st, 0, sizeof *st);
}

void
store_append(struct stats_store *dst, const struct stats_store *src)
{
	size_t i;

	if (src->n == 0)
		return;
	if (dst->n + src->n > dst->cap) {
		dst->cap = dst->n + src->n;
		if (dst->v != NULL)
			dst->v = xreallocarray(dst->v, dst->cap, sizeof *dst->v);
		else
			dst->d = xreallocarray(dst->d, dst->cap, sizeof *dst->d);
	}
	if (dst->n == 0 && src->v == NULL && dst->v == NULL) {
		/* The commonest case, one group: a copy. */
		dst->base = src->base;
		memcpy(dst->d, src->d, src->n * sizeof *src->d);
		dst->n = src->n;
	} else
		for (i = 0; i < src->n; i++)
			store_add(dst, store_at(src, i));
	dst->sorted = 0;
}
