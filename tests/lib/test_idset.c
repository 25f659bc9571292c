/*
 * Property test of lib/stats/idset: on random streams of ticket ids (in
 * increasing order, out of order, shared prefixes, digit widths from 0
 * to past 18, leading zeros, duplicates near and far), the set answers
 * exactly as a plain one does (a string map of each id's first line):
 * new or duplicate, and where a duplicate was first seen.  Long streams
 * also cross the point where the sorted run joins the map.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "stats/idset.h"
#include "t.h"

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The plain set: id -> the line it was first seen at. */
struct plain {
	struct strmap m;	/* the ids */
	long *line;		/* per id */
	size_t cap;		/* size of line */
};

/* The line ID was first seen at, or 0 when new (remembered at LINE). */
static long
plain_see(struct plain *p, const char *id, size_t n, long line)
{
	int isnew;
	size_t i = strmap_put(&p->m, id, n, &isnew);

	if (!isnew)
		return p->line[i];
	if (i >= p->cap) {
		p->cap = (i + 1) * 2;
		p->line = realloc(p->line, p->cap * sizeof *p->line);
	}
	p->line[i] = line;
	return 0;
}

/* A random id of the shape of SHAPE (0-5), numbered NUM. */
static size_t
make_id(char *buf, size_t cap, int shape, uint64_t num, uint64_t *seed)
{
	static const char *const prefix[] = { "T", "TK", "", "工单", "A-",
		"T1" };
	static const int width[] = { 7, 3, 9, 0, 20, 1 };
	int w = width[shape];

	if (w == 0)	/* no digits: a word id */
		return (size_t)snprintf(buf, cap, "%s%c%c", prefix[shape],
		    'a' + (int)(num % 26), 'a' + (int)(rnd(seed) % 3));
	if (w == 20)	/* more digits than the run splits off */
		return (size_t)snprintf(buf, cap, "%s%llu%020llu",
		    prefix[shape], (unsigned long long)(num % 7),
		    (unsigned long long)num);
	if (w == 1)	/* no padding: widths vary with the number */
		return (size_t)snprintf(buf, cap, "%s%llu", prefix[shape],
		    (unsigned long long)num);
	return (size_t)snprintf(buf, cap, "%s%0*llu", prefix[shape], w,
	    (unsigned long long)(num % 1000000000ULL));
}

/*
 * One stream of N ids: mostly the next number of the current shape,
 * sometimes a jump, a step back, a repeat of a recent or an old id, or a
 * change of shape; DISORDER (0-100) is how often it is not in order.
 */
static void
check_stream(uint64_t *seed, size_t n, int disorder)
{
	struct stats_idset set;
	struct plain p;
	char id[96];
	uint64_t num = rnd(seed) % 1000, *hist = malloc(n * sizeof *hist);
	int *hshape = malloc(n * sizeof *hshape), shape = 0;
	size_t i, len, bad = 0;

	idset_init(&set);
	memset(&p, 0, sizeof p);
	strmap_init(&p.m);
	for (i = 0; i < n; i++) {
		unsigned r = (unsigned)(rnd(seed) % 100);
		uint64_t x = num + 1;
		int sh = shape;
		const struct stats_seen *got;
		long want;

		if ((int)r < disorder) {
			switch (rnd(seed) % 5) {
			case 0:	/* a step back */
				x = num > 50 ? num - rnd(seed) % 50 : num;
				break;
			case 1:	/* a jump ahead */
				x = num + rnd(seed) % 100000;
				break;
			case 2:	/* a repeat of a recent or an old id */
				if (i > 0) {
					size_t k = rnd(seed) % 2 ? i - 1 -
					    rnd(seed) % (i < 5 ? i : 5) :
					    rnd(seed) % i;

					x = hist[k];
					sh = hshape[k];
				}
				break;
			case 3:	/* another shape */
				sh = (int)(rnd(seed) % 6);
				break;
			default: /* the same id again */
				x = num;
				break;
			}
		}
		hist[i] = x;
		hshape[i] = sh;
		if (x > num && sh == shape)
			num = x;
		else if (sh != shape) {
			shape = sh;
			num = x;
		}
		len = make_id(id, sizeof id, sh, x, seed);
		got = idset_see(&set, id, len, "in.csv", (long)i + 2);
		want = plain_see(&p, id, len, (long)i + 2);
		if ((got == NULL) != (want == 0) ||
		    (got != NULL && got->line != want)) {
			if (bad++ < 5)
				printf("id '%s' at %zu: idset says %ld, plain %ld\n",
				    id, i + 2, got ? got->line : 0L, want);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(idset_count(&set), p.m.n);
	idset_free(&set);
	strmap_free(&p.m);
	free(p.line);
	free(hist);
	free(hshape);
}

/* Every id idset_each() gives back is in the plain set, once. */
static void
count_each(void *ctx, const char *id, size_t n)
{
	struct strmap *m = ctx;
	int isnew;

	strmap_put(m, id, n, &isnew);
	CHECK(isnew);
}

static void
test_each(void)
{
	struct stats_idset set;
	struct strmap m;
	char id[32];
	size_t i, n;

	idset_init(&set);
	strmap_init(&m);
	for (i = 0; i < 3000; i++) {
		n = (size_t)snprintf(id, sizeof id, "T%06zu", (i * 7919) % 2000);
		idset_see(&set, id, n, "a.csv", (long)i);
	}
	idset_each(&set, count_each, &m);
	CHECK_INT(m.n, 2000);
	CHECK_INT(idset_count(&set), 2000);
	CHECK(idset_see(&set, "T000007", 7, NULL, 0) != NULL);
	CHECK(idset_see(&set, "T002000", 7, NULL, 0) == NULL);
	CHECK_STR(idset_see(&set, "T000001", 7, NULL, 0)->file, "a.csv");
	idset_free(&set);
	strmap_free(&m);
}

int
main(void)
{
	static const int disorder[] = { 0, 1, 5, 20, 50, 100 };
	static const size_t sizes[] = { 1, 10, 1000, 30000 };
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	size_t i, j, k;

	for (k = 0; k < 3; k++)
		for (i = 0; i < sizeof disorder / sizeof *disorder; i++)
			for (j = 0; j < sizeof sizes / sizeof *sizes; j++)
				check_stream(&seed, sizes[j], disorder[i]);
	test_each();
	return t_done();
}
