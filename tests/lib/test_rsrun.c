/*
 * Unit tests of lib/reviews/rsrun.c, the parts cs-reviewsort's goldens
 * reach only through whole runs: the --summary groups (one per value, in
 * order of first sight, on the shared string map), the share cell and the
 * training labels.
 */

#include <stdio.h>
#include <string.h>

#include "reviews/rsrun.h"
#include "t.h"

static void
test_groups(void)
{
	struct rs_groups gs;
	struct rs_group *a, *b;
	char name[32];
	size_t i;

	rs_groups_init(&gs);
	a = rs_groups_get(&gs, "连衣裙", strlen("连衣裙"));
	a->n[RV_QUALITY] = 3;
	b = rs_groups_get(&gs, "", 0);
	b->suspect[RV_MOOD] = 1;
	/* A prefix is another group; the same name is the same group. */
	CHECK(rs_groups_get(&gs, "连衣", strlen("连衣")) != a);
	a = rs_groups_get(&gs, "连衣裙xx", strlen("连衣裙"));
	CHECK_INT(a->n[RV_QUALITY], 3);
	CHECK_INT(gs.names.n, 3);
	CHECK_STR(strmap_key(&gs.names, 0, NULL), "连衣裙");
	CHECK_STR(strmap_key(&gs.names, 1, NULL), "");
	CHECK_INT(gs.g[1].suspect[RV_MOOD], 1);
	CHECK_INT(gs.g[2].n[RV_QUALITY], 0);
	/* Growth keeps the counts and the order. */
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "g%zu", i);
		rs_groups_get(&gs, name, strlen(name))->n[RV_OTHER] = i + 1;
	}
	CHECK_INT(gs.names.n, 1003);
	CHECK_STR(strmap_key(&gs.names, 503, NULL), "g500");
	CHECK_INT(gs.g[503].n[RV_OTHER], 501);
	CHECK_INT(rs_groups_get(&gs, "连衣裙", strlen("连衣裙"))->n[RV_QUALITY],
	    3);
	rs_groups_free(&gs);
	CHECK_INT(gs.names.n, 0);
}

/* The share cell of N of TOTAL. */
static const char *
share(unsigned long long n, unsigned long long total)
{
	static char buf[32];

	rs_share(buf, sizeof(buf), n, total);
	return buf;
}

static void
test_share(void)
{
	CHECK_STR(share(0, 0), "0.0%");
	CHECK_STR(share(0, 7), "0.0%");
	CHECK_STR(share(1, 3), "33.3%");
	CHECK_STR(share(2, 3), "66.7%");
	CHECK_STR(share(1, 2000), "0.1%");	/* 0.05 % rounds half up */
	CHECK_STR(share(1, 2001), "0.0%");
	CHECK_STR(share(5, 5), "100.0%");
}

static void
test_label(void)
{
	CHECK_INT(rs_label("quality", 7), RV_QUALITY);
	CHECK_INT(rs_label(" \tlogistics\t ", 13), RV_LOGISTICS);
	CHECK_INT(rs_label("服务", strlen("服务")), RV_SERVICE);
	CHECK_INT(rs_label("qualityX", 7), RV_QUALITY);	/* only LEN bytes */
	CHECK_INT(rs_label("", 0), -2);
	CHECK_INT(rs_label(" \t ", 3), -2);
	CHECK_INT(rs_label("price", 5), -1);
	CHECK_INT(rs_label("qualityqualityqualityqualityquality", 35), -1);
}

int
main(void)
{
	test_groups();
	test_share();
	test_label();
	return t_done();
}
