/*
 * Unit tests of lib/core/sort: the radix sort against qsort(3) on random
 * input of both widths, over narrow and full ranges (which skip radix
 * passes or take them all), negative values, duplicates and odd sizes.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "t.h"

/* A 64-bit xorshift: the same random input on every run. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
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

/* N random values masked by MASK, shifted down by SUB, both widths. */
static void
check_random(uint64_t *seed, size_t n, uint64_t mask, long long sub)
{
	long long *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
	int32_t *c = malloc((n + 1) * sizeof *c), *d = malloc((n + 1) * sizeof *d);
	size_t i;

	for (i = 0; i < n; i++) {
		/* In unsigned arithmetic: the shift may wrap. */
		a[i] = b[i] = (long long)((rnd(seed) & mask) - (uint64_t)sub);
		c[i] = d[i] = (int32_t)(uint32_t)a[i];
	}
	sort_ll(a, n);
	qsort(b, n, sizeof *b, cmp_ll);
	CHECK(n == 0 || memcmp(a, b, n * sizeof *a) == 0);
	sort_i32(c, n);
	qsort(d, n, sizeof *d, cmp_i32);
	CHECK(n == 0 || memcmp(c, d, n * sizeof *c) == 0);
	free(a);
	free(b);
	free(c);
	free(d);
}

static void
test_random(void)
{
	static const uint64_t masks[] = { 0, 1, 0xFF, 0xFFFF, 0xFFFFFF,
		0xFFFFFFFFULL, 0xFFFFFFFFFFFFULL, ~0ULL };
	static const size_t sizes[] = { 0, 1, 2, 3, 63, 64, 65, 1000, 100000 };
	uint64_t seed = 88172645463325252ULL;
	size_t i, j;

	for (i = 0; i < sizeof masks / sizeof *masks; i++)
		for (j = 0; j < sizeof sizes / sizeof *sizes; j++) {
			check_random(&seed, sizes[j], masks[i], 0);
			check_random(&seed, sizes[j], masks[i],
			    (long long)(masks[i] / 2));
		}
}

static void
test_extremes(void)
{
	long long v[] = { 0, INT64_MAX, INT64_MIN, -1, 1, INT64_MIN, 0 };
	long long want[] = { INT64_MIN, INT64_MIN, -1, 0, 0, 1, INT64_MAX };
	int32_t w[] = { INT32_MAX, 0, INT32_MIN, -1, 7 };
	int32_t wwant[] = { INT32_MIN, -1, 0, 7, INT32_MAX };

	char buf[128];

	sort_ll(v, 7);
	CHECK(memcmp(v, want, sizeof v) == 0);
	sort_i32(w, 5);
	CHECK(memcmp(w, wwant, sizeof w) == 0);
	snprintf(buf, sizeof buf, "%d %d %d %d %d", (int)w[0], (int)w[1],
	    (int)w[2], (int)w[3], (int)w[4]);
	CHECK_STR(buf, "-2147483648 -1 0 7 2147483647");
	CHECK_INT(v[2], -1);
}

int
main(void)
{
	test_random();
	test_extremes();
	return t_done();
}
