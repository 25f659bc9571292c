#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/sort.h"

/*
 * Sort the unsigned keys A[0..N) of WIDTH bytes (4 or 8), using B (N
 * keys) as scratch.  Both widths share this loop: a key is read and
 * written through a 64-bit value, and the compiler keeps the two
 * instances apart by WIDTH being a constant at each call.  Returns the
 * array that holds the result (A or B).
 */
static void *
radix_pass(void *a, void *b, size_t n, int width)
{
	uint64_t x, and_all = ~(uint64_t)0, or_all = 0;
	size_t count[256], i;
	int shift;
	void *tmp;

	for (i = 0; i < n; i++) {
		x = width == 8 ? ((uint64_t *)a)[i] : ((uint32_t *)a)[i];
		and_all &= x;
		or_all |= x;
	}
	for (shift = 0; shift < width * 8; shift += 8) {
		size_t sum = 0;

		/* A digit that is the same in every key needs no pass. */
		if (((and_all ^ or_all) >> shift & 0xFF) == 0)
			continue;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++) {
			x = width == 8 ? ((uint64_t *)a)[i] : ((uint32_t *)a)[i];
			count[x >> shift & 0xFF]++;
		}
		for (i = 0; i < 256; i++) {
			size_t c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			if (width == 8) {
				x = ((uint64_t *)a)[i];
				((uint64_t *)b)[count[x >> shift & 0xFF]++] = x;
			} else {
				x = ((uint32_t *)a)[i];
				((uint32_t *)b)[count[x >> shift & 0xFF]++] =
				    (uint32_t)x;
			}
		}
		tmp = a;
		a = b;
		b = tmp;
	}
	return a;
}

/*
 * Sort the signed V[0..N) of WIDTH bytes: flipping the sign bit makes
 * the unsigned order of the keys the signed order of the values.
 */
static void
radix_sort(void *v, size_t n, int width)
{
	void *b, *res;
	size_t i;

	if (n < 2)
		return;
	b = xreallocarray(NULL, n, (size_t)width);
	for (i = 0; i < n; i++)
		if (width == 8)
			((uint64_t *)v)[i] ^= (uint64_t)1 << 63;
		else
			((uint32_t *)v)[i] ^= (uint32_t)1 << 31;
	if ((res = radix_pass(v, b, n, width)) != v)
		memcpy(v, res, n * (size_t)width);
	for (i = 0; i < n; i++)
		if (width == 8)
			((uint64_t *)v)[i] ^= (uint64_t)1 << 63;
		else
			((uint32_t *)v)[i] ^= (uint32_t)1 << 31;
	free(b);
}

void
sort_ll(long long *v, size_t n)
{
	radix_sort(v, n, (int)sizeof *v);
}

void
sort_i32(int32_t *v, size_t n)
{
	radix_sort(v, n, 4);
}
