/*
 * Unit tests of lib/stats, lib/stats_orders and lib/stats_text: the exact
 * store and its nearest-rank percentiles, integer formatting and rounding,
 * the string map, words of outcome and category columns, period labels,
 * grouping, the partial state round trip, retention and cohorts.
 */

#include <stdlib.h>
#include <string.h>

#include "stats/stats.h"
#include "stats/stats_orders.h"
#include "stats/stats_text.h"
#include "t.h"
#include "io/timeparse.h"

static long long
at(const char *s)
{
	struct tp_time t;

	if (tp_parse(s, strlen(s), &t) != 0)
		return -1;
	return t.t;
}

static void
test_store(void)
{
	struct stats_store st;
	long long f = 0, l = 0;
	int i;

	memset(&st, 0, sizeof st);
	CHECK_INT(store_pct(&st, 50), 0);
	for (i = 10; i >= 1; i--)
		store_add(&st, i * 10);
	CHECK(!st.sorted);
	/* nearest rank: ceil(p * n / 100) */
	CHECK_INT(store_pct(&st, 50), 50);
	CHECK_INT(store_pct(&st, 90), 90);
	CHECK_INT(store_pct(&st, 91), 100);
	CHECK_INT(store_pct(&st, 100), 100);
	CHECK_INT(store_pct(&st, 1), 10);
	CHECK_INT(store_sum(&st), 550);
	CHECK_INT(store_count_le(&st, 50), 5);
	CHECK_INT(store_count_lt(&st, 50), 4);
	CHECK_INT(store_count_le(&st, 5), 0);
	CHECK_INT(store_count_le(&st, 1000), 10);
	/* the most values in a span shorter than 25: 10, 20, 30 */
	CHECK_INT(store_max_window(&st, 25, &f, &l), 3);
	CHECK_INT(f, 10);
	CHECK_INT(l, 30);
	store_free(&st);
	store_addn(&st, 7, 3);
	store_add(&st, 1);
	CHECK_INT(store_pct(&st, 50), 7);
	CHECK_INT(store_pct(&st, 25), 1);
	store_free(&st);
}

/* The radix sort on many values, negative ones and equal digits included. */
static void
test_sort(void)
{
	struct stats_store st;
	unsigned long long x = 12345;
	long long sum = 0;
	size_t i;
	int ok = 1;

	memset(&st, 0, sizeof st);
	for (i = 0; i < 20000; i++) {
		long long v;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		v = (long long)(x >> 20) - (1LL << 43);
		if (i % 7 == 0)
			v = 42;
		store_add(&st, v);
		sum += v;
	}
	store_sort(&st);
	for (i = 1; i < st.n; i++)
		if (store_at(&st, i - 1) > store_at(&st, i))
			ok = 0;
	CHECK(ok);
	CHECK_INT(store_sum(&st), sum);
	CHECK_INT(st.n, 20000);
	store_free(&st);
}

/*
 * Values within 32 bits of the first are kept narrow; one beyond widens
 * the store without changing any value.  Both orders of magnitude sort.
 */
static void
test_narrow(void)
{
	struct stats_store st, all;
	unsigned long long x = 777;
	long long sum = 0, prev;
	size_t i;
	int ok = 1;

	memset(&st, 0, sizeof st);
	memset(&all, 0, sizeof all);
	store_add(&st, 1790000000LL);
	sum += 1790000000LL;
	for (i = 0; i < 5000; i++) {
		long long v;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		v = 1790000000LL + (long long)(x >> 33) - (1LL << 30);
		store_add(&st, v);
		sum += v;
	}
	CHECK(st.v == NULL);
	store_add(&st, 1790000000LL + 2147483647LL);
	store_add(&st, 1790000000LL - 2147483648LL);
	CHECK(st.v == NULL);
	sum += 2 * 1790000000LL - 1;
	CHECK_INT(store_sum(&st), sum);
	store_sort(&st);
	for (prev = store_at(&st, 0), i = 1; i < st.n; prev = store_at(&st, i++))
		if (prev > store_at(&st, i))
			ok = 0;
	CHECK(ok);
	CHECK_INT(store_at(&st, 0), 1790000000LL - 2147483648LL);
	CHECK_INT(store_pct(&st, 100), 1790000000LL + 2147483647LL);
	/* Appended to a store holding other values: one beyond 32 bits. */
	store_add(&all, -5);
	for (i = 0; i < st.n; i++)
		store_add(&all, store_at(&st, i));
	CHECK(all.v != NULL);
	CHECK_INT(store_sum(&all), sum - 5);
	CHECK_INT(store_pct(&all, 50), store_at(&all, 2501));
	CHECK_INT(store_at(&all, 0), 1790000000LL - 2147483648LL);
	CHECK_INT(store_at(&all, 1), -5);
	CHECK_INT(store_pct(&all, 100), 1790000000LL + 2147483647LL);
	CHECK_INT(store_count_le(&all, 1790000000LL - 2147483648LL), 1);
	store_free(&st);
	store_free(&all);
	store_add(&st, -9000000000LL);
	store_add(&st, 9000000000LL);
	store_add(&st, 0);
	CHECK_INT(store_pct(&st, 50), 0);
	CHECK_INT(store_sum(&st), 0);
	store_free(&st);
}

static void
test_format(void)
{
	char b[32];

	CHECK_STR(stats_fmt_hours(1800, b), "0.50");
	CHECK_STR(stats_fmt_hours(600, b), "0.17");	/* 0.1666 */
	CHECK_STR(stats_fmt_hours(18, b), "0.01");	/* 0.005: half up */
	CHECK_STR(stats_fmt_hours(17, b), "0.00");
	CHECK_STR(stats_fmt_hours(93600, b), "26.00");
	CHECK_STR(stats_fmt_mean_hours(103500, 5, b), "5.75");
	CHECK_STR(stats_fmt_mean_hours(1, 0, b), "");
	CHECK_STR(stats_fmt_pct(1, 3, b), "33.3");
	CHECK_STR(stats_fmt_pct(2, 3, b), "66.7");
	CHECK_STR(stats_fmt_pct(1, 8, b), "12.5");	/* exact .x5 half up */
	CHECK_STR(stats_fmt_pct(1, 16, b), "6.3");	/* 6.25 */
	CHECK_STR(stats_fmt_pct(3, 3, b), "100.0");
	CHECK_STR(stats_fmt_pct(0, 0, b), "");
}

static void
test_map(void)
{
	struct strmap m;
	char k[16];
	int isnew, i, ok = 1;

	strmap_init(&m);
	for (i = 0; i < 5000; i++) {
		snprintf(k, sizeof k, "k%d", i);
		if (strmap_put(&m, k, strlen(k), &isnew) != (size_t)i ||
		    !isnew)
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(strmap_put(&m, "k42", 3, &isnew), 42);
	CHECK_INT(isnew, 0);
	CHECK_INT(strmap_get(&m, "k4999", 5), 4999);
	CHECK_INT(strmap_get(&m, "k5000", 5), -1);
	CHECK_INT(strmap_put(&m, "", 0, &isnew), 5000);
	CHECK_INT(strmap_get(&m, "a\0b", 3), -1);
	strmap_free(&m);
}

static void
test_words(void)
{
	CHECK_INT(stats_parse_outcome("已解决", strlen("已解决")),
	    STATS_OUT_RESOLVED);
	CHECK_INT(stats_parse_outcome("未解决", strlen("未解决")),
	    STATS_OUT_UNRESOLVED);
	CHECK_INT(stats_parse_outcome("处理中", strlen("处理中")),
	    STATS_OUT_UNRESOLVED);
	CHECK_INT(stats_parse_outcome("退款成功", strlen("退款成功")),
	    STATS_OUT_RESOLVED);
	CHECK_INT(stats_parse_outcome(" Resolved ", 10), STATS_OUT_RESOLVED);
	CHECK_INT(stats_parse_outcome("", 0), STATS_OUT_NONE);
	CHECK_INT(stats_parse_outcome("转交", strlen("转交")), STATS_OUT_NONE);
	CHECK_INT(stats_parse_flag("是", strlen("是")), 1);
	CHECK_INT(stats_parse_flag("否", strlen("否")), 0);
	CHECK_INT(stats_parse_flag("2", 1), 1);
	CHECK_INT(stats_parse_flag("0", 1), 0);
	CHECK_INT(stats_parse_flag("YES", 3), 1);
	CHECK_INT(stats_parse_flag("", 0), -1);
	CHECK_INT(stats_parse_flag("maybe", 5), -1);
	CHECK(stats_is_quality("quality", 7));
	CHECK(stats_is_quality("退货", strlen("退货")));
	CHECK(stats_is_quality("换货", strlen("换货")));
	CHECK(stats_is_quality("质量问题", strlen("质量问题")));
	CHECK(!stats_is_quality("查件", strlen("查件")));
	CHECK(!stats_is_quality("logistics", 9));
	CHECK(!stats_is_quality("退款", strlen("退款")));
}

static void
test_periods(void)
{
	char b[16];

	CHECK_STR(stats_period_label(STATS_DAY, at("2026-11-23 00:30"), b),
	    "2026-11-23");
	CHECK_STR(stats_period_label(STATS_DAY, at("2026-11-22T23:30:00Z"), b),
	    "2026-11-23");
	CHECK_STR(stats_period_label(STATS_WEEK, at("2026-11-23 00:30"), b),
	    "2026-W48");
	CHECK_STR(stats_period_label(STATS_WEEK, at("2026-11-22 23:59"), b),
	    "2026-W47");
	CHECK_STR(stats_period_label(STATS_WEEK, at("2027-01-01 12:00"), b),
	    "2026-W53");
	CHECK_STR(stats_period_label(STATS_WEEK, at("2025-12-29 12:00"), b),
	    "2026-W01");
	CHECK_STR(
	    stats_period_label(STATS_MONTH, at("2026-11-23"), b), "2026-11");
	CHECK_STR(stats_period_prev(STATS_DAY, "2026-03-01", b), "2026-02-28");
	CHECK_STR(stats_period_prev(STATS_WEEK, "2026-W48", b), "2026-W47");
	CHECK_STR(stats_period_prev(STATS_WEEK, "2026-W01", b), "2025-W52");
	CHECK_STR(stats_period_prev(STATS_WEEK, "2027-W01", b), "2026-W53");
	CHECK_STR(stats_period_prev(STATS_MONTH, "2026-01", b), "2025-12");
	CHECK(stats_period_prev(STATS_MONTH, "x", b) == NULL);
	CHECK_STR(stats_period_next(STATS_DAY, "2026-02-28", b), "2026-03-01");
	CHECK_STR(stats_period_next(STATS_DAY, "2028-02-28", b), "2028-02-29");
	CHECK_STR(stats_period_next(STATS_WEEK, "2026-W47", b), "2026-W48");
	CHECK_STR(stats_period_next(STATS_WEEK, "2026-W53", b), "2027-W01");
	CHECK_STR(stats_period_next(STATS_WEEK, "2025-W52", b), "2026-W01");
	CHECK_STR(stats_period_next(STATS_MONTH, "2026-12", b), "2027-01");
	CHECK_STR(stats_period_next(STATS_MONTH, "2026-01", b), "2026-02");
	CHECK(stats_period_next(STATS_WEEK, "x", b) == NULL);
}

/* Ticket ids in order, out of order, and so many out of order that the run closes. */
static void
test_ids(void)
{
	struct stats s;
	const struct stats_seen *d;
	char k[32];
	unsigned long long x = 7;
	int i, ok = 1;

	stats_init(&s);
	for (i = 1; i <= 3000; i++) {
		snprintf(k, sizeof k, "T%d", i);	/* T9 < T10 by length */
		if (stats_see_id(&s, k, strlen(k), "a", i + 1) != NULL)
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(s.idset.rn, 3000);
	d = stats_see_id(&s, "T10", 3, "b", 5);
	CHECK(d != NULL && d->line == 11 && strcmp(d->file, "a") == 0);
	CHECK(stats_see_id(&s, "A1", 2, "b", 6) == NULL);	/* out of order */
	CHECK_INT(stats_see_id(&s, "A1", 2, "b", 7)->line, 6);
	CHECK(stats_see_id(&s, "T3001", 5, "b", 8) == NULL);
	CHECK_INT(s.idset.rn, 3001);
	/* many ids in random order: the run moves into the map */
	for (i = 0; i < 20000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(k, sizeof k, "R%llu-%d", x >> 40, i);
		if (stats_see_id(&s, k, strlen(k), "c", i + 1) != NULL)
			ok = 0;
	}
	CHECK(ok);
	CHECK(s.idset.rclosed);
	CHECK_INT(s.idset.rn, 0);
	CHECK_INT(stats_see_id(&s, "T10", 3, "d", 1)->line, 11);
	CHECK_INT(stats_see_id(&s, "T3001", 5, "d", 1)->line, 8);
	CHECK_INT(stats_see_id(&s, "A1", 2, "d", 1)->line, 6);
	CHECK(stats_see_id(&s, "T3002", 5, "d", 9) == NULL);
	stats_free(&s);
}

static struct stats_ticket
ticket(const char *o, const char *r, const char *z, enum stats_outcome out)
{
	struct stats_ticket t;

	memset(&t, 0, sizeof t);
	t.reply_col = t.close_col = 1;
	t.reopened = t.contacts = -1;
	t.has_opened = 1;
	t.opened = at(o);
	if (r != NULL) {
		t.has_reply = 1;
		t.reply = at(r);
	}
	if (z != NULL) {
		t.has_resolved = 1;
		t.resolved = at(z);
	}
	t.outcome = out;
	return t;
}

static void
test_groups(void)
{
	struct stats s;
	struct stats_ticket t;
	struct stats_group *g;

	stats_init(&s);
	t = ticket("2026-11-16 09:00", "2026-11-16 09:30", "2026-11-16 12:00",
	    STATS_OUT_RESOLVED);
	CHECK_INT(stats_classify(&t, 8 * 3600), STATS_QUICK);
	stats_add(&s, "a", 1, &t);
	t = ticket(
	    "2026-11-16 10:00", NULL, "2026-11-17 10:00", STATS_OUT_NONE);
	CHECK_INT(stats_classify(&t, 8 * 3600), STATS_RESOLVED);
	stats_add(&s, "a", 1, &t);
	t = ticket(
	    "2026-11-18 10:00", NULL, "2026-11-18 11:00", STATS_OUT_UNRESOLVED);
	CHECK_INT(stats_classify(&t, 8 * 3600), STATS_UNRESOLVED);
	stats_add(&s, "b", 1, &t);
	t = ticket("2026-11-19 10:00", NULL, NULL, STATS_OUT_NONE);
	CHECK_INT(stats_classify(&t, 8 * 3600), STATS_UNRESOLVED);
	stats_add(&s, "b", 1, &t);
	CHECK_INT(stats_ngroups(&s), 2);
	g = stats_group_find(&s, "a", 1);
	CHECK(g != NULL);
	CHECK_INT(g->tickets, 2);
	CHECK_INT(g->resolved, 2);
	/* a closed ticket without a reply time was answered when closed */
	CHECK_INT(g->reply.n, 2);
	CHECK_INT(store_pct(&g->reply, 100), 86400);
	g = stats_group_find(&s, "b", 1);
	CHECK_INT(g->closed_unres, 1);
	CHECK_INT(g->open.n, 1);
	CHECK_INT(g->noreply.n, 1);
	CHECK_INT(g->res.n, 0);
	CHECK_INT(s.all.tickets, 4);
	CHECK_INT(s.latest, at("2026-11-19 10:00"));
	CHECK(stats_group_find(&s, "c", 1) == NULL);
	CHECK(stats_see_id(&s, "T1", 2, "f", 2) == NULL);
	CHECK(stats_see_id(&s, "T2", 2, "f", 3) == NULL);
	CHECK_INT(stats_see_id(&s, "T1", 2, "f", 9)->line, 2);
	stats_free(&s);
}

/* Copies every record of a state into another struct stats. */
static void
copy_record(void *ctx, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	int *bad = ((void **)ctx)[1];

	if (stats_absorb(
		((void **)ctx)[0], sec, key, klen, name, value, count) != 0)
		(*bad)++;
}

static void
test_state(void)
{
	struct stats a, b;
	struct stats_ticket t;
	void *ctx[2];
	int bad = 0;

	stats_init(&a);
	stats_init(&b);
	t = ticket("2026-11-16 09:00", "2026-11-16 09:30", "2026-11-16 12:00",
	    STATS_OUT_RESOLVED);
	t.reopened = 1;
	stats_add(&a, "k\x1fv", 3, &t);
	stats_add(&a, "k\x1fv", 3, &t);
	stats_add_buyer(&a, "amy", 3, 1, t.opened, STATS_QUICK);
	stats_add_buyer(&a, "amy", 3, 1, t.opened - 1, STATS_UNRESOLVED);
	stats_add_quality(&a, "cup", 3, 1, t.opened);
	stats_add_quality(&a, "cup", 3, 0, 0);
	stats_see_id(&a, "T1", 2, "f", 1);
	a.read = 3;
	a.rejected = 1;
	ctx[0] = &b;
	ctx[1] = &bad;
	stats_emit(&a, copy_record, ctx);
	CHECK_INT(bad, 0);
	CHECK_INT(b.all.tickets, 2);
	CHECK_INT(b.all.reopened, 2);
	CHECK_INT(stats_group_find(&b, "k\x1fv", 3)->res.n, 2);
	CHECK_INT(
	    store_pct(&stats_group_find(&b, "k\x1fv", 3)->res, 50), 3 * 3600);
	CHECK_INT(b.b[0].cls, STATS_UNRESOLVED);
	CHECK_INT(b.q[0].n, 1);
	CHECK_INT(b.qn[0], 1);
	CHECK_INT(b.read, 3);
	CHECK_INT(b.rejected, 1);
	CHECK_INT(b.latest, a.latest);
	CHECK(b.reply_col && b.close_col);
	CHECK_INT(stats_absorb(&b, "id", "T1", 2, "", "", ""), 1);
	CHECK_INT(stats_absorb(&b, "g", "x", 1, "nonsense", "1", ""), -1);
	CHECK_INT(stats_absorb(&b, "v", "x", 1, "res", "12x", "1"), -1);
	CHECK_INT(stats_absorb(&b, "zz", "", 0, "", "", ""), -1);
	stats_free(&a);
	stats_free(&b);
}

static void
test_retention(void)
{
	struct stats s;
	struct stats_orders o;
	struct stats_retention r;
	struct stats_cohort *c;
	size_t n;

	stats_init(&s);
	stats_orders_init(&o);
	stats_add_buyer(&s, "amy", 3, 1, at("2026-08-01 10:00"), STATS_QUICK);
	stats_add_buyer(
	    &s, "ben", 3, 1, at("2026-08-02 10:00"), STATS_RESOLVED);
	stats_add_buyer(&s, "eve", 3, 1, at("2026-11-01 10:00"), STATS_QUICK);
	stats_orders_add(&o, "amy", 3, at("2026-07-01"));
	stats_orders_add(&o, "amy", 3, at("2026-09-15"));
	stats_orders_add(&o, "amy", 3, at("2026-09-15"));
	stats_orders_add(&o, "ben", 3, at("2026-12-01"));
	stats_orders_add(&o, "zed", 3, at("2026-08-01"));
	stats_orders_add(&o, "zed", 3, at("2026-09-01"));
	stats_retention(&s, &o, 90 * 86400LL, at("2026-12-31 12:00"), &r);
	CHECK_INT(r.cls[STATS_QUICK].buyers, 1);
	CHECK_INT(r.cls[STATS_QUICK].kept, 1);
	CHECK_INT(r.cls[STATS_QUICK].pending, 1);
	CHECK_INT(r.cls[STATS_RESOLVED].buyers, 1);
	CHECK_INT(r.cls[STATS_RESOLVED].kept, 0);
	CHECK_INT(r.base.buyers, 1);
	CHECK_INT(r.base.kept, 1);
	CHECK_INT(r.buyers, 3);
	CHECK_INT(r.repeat, 2);
	c = stats_cohorts(&o, at("2026-10-15"), &n);
	CHECK_INT(n, 6);	/* 2026-07 .. 2026-12 */
	CHECK_INT(c[0].month, 7);
	CHECK_INT(c[0].buyers, 1);
	CHECK_INT(c[0].kept[1], 1);	/* amy in September */
	CHECK_INT(c[1].kept[0], 1);	/* zed in September */
	CHECK_INT(c[1].due[1], 1);
	CHECK_INT(c[1].due[2], 0);	/* November has not begun */
	free(c);
	stats_orders_free(&o);
	stats_free(&s);
}

static void
test_text(void)
{
	char b[32];

	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("退货"), 4);
	CHECK_INT(text_width("a退b"), 4);
	CHECK_STR(text_bar(5, 10, 10, b), "#####");
	CHECK_STR(text_bar(1, 1000, 10, b), "#");
	CHECK_STR(text_bar(0, 10, 10, b), "");
	CHECK_STR(text_bar(10, 10, 4, b), "####");
}

int
main(void)
{
	test_store();
	test_sort();
	test_narrow();
	test_format();
	test_map();
	test_words();
	test_periods();
	test_groups();
	test_ids();
	test_state();
	test_retention();
	test_text();
	return t_done();
}
