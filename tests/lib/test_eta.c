/*
 * Unit tests of lib/eta: the estimate over the embedded calendar (tiers,
 * cutoff, dispatch from payment, rest days, month and year ends, a leap
 * day beyond the data, the Spring Festival closure, delays, statuses and
 * the receipt window), the transit table and the option parsers.
 */

#include <string.h>

#include "eta/calendar.h"
#include "eta/eta.h"
#include "addr/region.h"
#include "t.h"
#include "io/timeparse.h"

static long
D(int y, int m, int d)
{
	return tp_days_from_civil(y, m, d);
}

/* Instant of Shanghai Y-M-D h:mi. */
static long long
T(int y, int m, int d, int h, int mi)
{
	return D(y, m, d) * 86400LL + h * 3600 + mi * 60 - TP_SHANGHAI_OFFSET;
}

static struct eta_parcel
parcel(long long t, int shipped, int min, int max)
{
	struct eta_parcel p;

	memset(&p, 0, sizeof p);
	p.t = t;
	p.has_time = 1;
	p.shipped = shipped;
	p.min_days = min;
	p.max_days = max;
	return p;
}

static const char *
day_str(long d, char *buf)
{
	return tp_format_date(d, buf);
}

static void
test_tiers_and_cutoff(const struct calendar *c, const struct eta_rules *r)
{
	struct eta_parcel p;
	struct eta_result res;
	char b[16];

	/* jzh, Monday 10:00: next day, or the day after. */
	p = parcel(T(2026, 11, 23, 10, 0), 1, 1, 2);
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-11-24");
	CHECK_STR(day_str(res.latest, b), "2026-11-25");
	CHECK_INT(res.status, ETA_IN_TRANSIT);
	CHECK_INT(res.uncovered, 0);
	/* At 16:00 exactly the parcel counts from the next day. */
	p = parcel(T(2026, 11, 23, 16, 0), 1, 1, 2);
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.start, b), "2026-11-24");
	CHECK_STR(day_str(res.earliest, b), "2026-11-25");
	p = parcel(T(2026, 11, 23, 15, 59), 1, 1, 2);
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-11-24");
	/* A date without a time counts from that day. */
	p = parcel(T(2026, 11, 23, 0, 0), 1, 3, 5);
	p.has_time = 0;
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-11-26");
	CHECK_STR(day_str(res.latest, b), "2026-11-28");
	/* Couriers deliver on weekends: remote, Friday. */
	p = parcel(T(2026, 11, 20, 9, 0), 1, 5, 7);
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-11-25");
	CHECK_STR(day_str(res.latest, b), "2026-11-27");
}

static void
test_dispatch(const struct calendar *c, const struct eta_rules *r)
{
	struct eta_rules every = *r;
	struct eta_parcel p;
	struct eta_result res;
	char b[16];

	/* Paid Wednesday 15:00: handed over Friday 15:00. */
	p = parcel(T(2026, 11, 18, 15, 0), 0, 3, 5);
	eta_estimate(c, r, &p, D(2026, 11, 18), &res);
	CHECK_STR(day_str(res.handover, b), "2026-11-20");
	CHECK_STR(day_str(res.start, b), "2026-11-20");
	CHECK_STR(day_str(res.latest, b), "2026-11-25");
	/* Paid Wednesday 17:00: Friday 17:00 is after the cutoff. */
	p = parcel(T(2026, 11, 18, 17, 0), 0, 3, 5);
	eta_estimate(c, r, &p, D(2026, 11, 18), &res);
	CHECK_STR(day_str(res.start, b), "2026-11-21");
	/* Paid Friday 20:00: Sunday is a rest day, so Monday. */
	p = parcel(T(2026, 11, 20, 20, 0), 0, 1, 2);
	eta_estimate(c, r, &p, D(2026, 11, 20), &res);
	CHECK_STR(day_str(res.handover, b), "2026-11-23");
	CHECK_STR(day_str(res.start, b), "2026-11-23");
	CHECK_STR(day_str(res.earliest, b), "2026-11-24");
	/* ... unless the shop ships every day: Sunday 20:00, after the cutoff. */
	every.every_day = 1;
	eta_estimate(c, &every, &p, D(2026, 11, 20), &res);
	CHECK_STR(day_str(res.handover, b), "2026-11-22");
	CHECK_STR(day_str(res.start, b), "2026-11-23");
	/* 国庆: paid Sep 29 12:00, Oct 1 is a holiday, Oct 8 the next workday. */
	p = parcel(T(2026, 9, 29, 12, 0), 0, 1, 2);
	eta_estimate(c, r, &p, D(2026, 9, 29), &res);
	CHECK_STR(day_str(res.handover, b), "2026-10-08");
	/* 调休: Saturday Oct 10 is a working day. */
	p = parcel(T(2026, 10, 8, 9, 0), 0, 1, 2);
	eta_estimate(c, r, &p, D(2026, 10, 8), &res);
	CHECK_STR(day_str(res.handover, b), "2026-10-10");
	/* Dispatch 0: the payment time itself. */
	every = *r;
	every.dispatch_s = 0;
	p = parcel(T(2026, 11, 23, 10, 0), 0, 1, 2);
	eta_estimate(c, &every, &p, D(2026, 11, 23), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-11-24");
}

static void
test_month_year_ends(const struct calendar *c, const struct eta_rules *r)
{
	struct eta_parcel p;
	struct eta_result res;
	char b[16];

	p = parcel(T(2026, 11, 29, 10, 0), 1, 3, 5);
	eta_estimate(c, r, &p, D(2026, 11, 29), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-12-02");
	CHECK_STR(day_str(res.latest, b), "2026-12-04");
	p = parcel(T(2026, 12, 30, 18, 0), 1, 3, 5);
	eta_estimate(c, r, &p, D(2026, 12, 30), &res);
	CHECK_STR(day_str(res.earliest, b), "2027-01-03");
	CHECK_STR(day_str(res.latest, b), "2027-01-05");
	CHECK_INT(res.uncovered, 0);
	/* 2028 is beyond the data: still estimated, the gap reported. */
	p = parcel(T(2028, 2, 27, 10, 0), 1, 1, 2);
	eta_estimate(c, r, &p, D(2028, 2, 27), &res);
	CHECK_STR(day_str(res.earliest, b), "2028-02-28");
	CHECK_STR(day_str(res.latest, b), "2028-02-29");
	CHECK_INT(res.uncovered, 2028);
	p = parcel(T(2027, 12, 30, 10, 0), 1, 3, 5);
	eta_estimate(c, r, &p, D(2027, 12, 30), &res);
	CHECK_STR(day_str(res.latest, b), "2028-01-04");
	CHECK_INT(res.uncovered, 2028);
}

static void
test_spring_festival(const struct calendar *c, const struct eta_rules *r)
{
	struct eta_parcel p;
	struct eta_result res;
	char b[16];

	/* Shipped Friday Feb 13; couriers stop Feb 15-20. */
	p = parcel(T(2026, 2, 13, 10, 0), 1, 3, 5);
	eta_estimate(c, r, &p, D(2026, 2, 13), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-02-22");
	CHECK_STR(day_str(res.latest, b), "2026-02-24");
	/* Paid Thursday Feb 12 noon: Saturday Feb 14 is a 调休 working day. */
	p = parcel(T(2026, 2, 12, 12, 0), 0, 1, 2);
	eta_estimate(c, r, &p, D(2026, 2, 12), &res);
	CHECK_STR(day_str(res.handover, b), "2026-02-14");
	CHECK_STR(day_str(res.earliest, b), "2026-02-21");
	CHECK_STR(day_str(res.latest, b), "2026-02-22");
	/* Paid Feb 13 noon: Feb 15 is in the holiday; first workday Feb 24. */
	p = parcel(T(2026, 2, 13, 12, 0), 0, 1, 2);
	eta_estimate(c, r, &p, D(2026, 2, 13), &res);
	CHECK_STR(day_str(res.handover, b), "2026-02-24");
	CHECK_STR(day_str(res.latest, b), "2026-02-26");
	/* Handed over inside the closure: counts from its end. */
	p = parcel(T(2026, 2, 17, 10, 0), 1, 1, 2);
	eta_estimate(c, r, &p, D(2026, 2, 17), &res);
	CHECK_STR(day_str(res.earliest, b), "2026-02-21");
}

static void
test_status_and_extend(const struct calendar *c, const struct eta_rules *r)
{
	struct eta_parcel p;
	struct eta_result res;

	/* standard from Monday Nov 16: Nov 19 to Nov 21. */
	p = parcel(T(2026, 11, 16, 10, 0), 1, 3, 5);
	eta_estimate(c, r, &p, D(2026, 11, 20), &res);
	CHECK_INT(res.status, ETA_IN_TRANSIT);
	CHECK_INT(res.days_late, 0);
	eta_estimate(c, r, &p, D(2026, 11, 21), &res);
	CHECK_INT(res.status, ETA_DUE_TODAY);
	eta_estimate(c, r, &p, D(2026, 11, 23), &res);
	CHECK_INT(res.status, ETA_OVERDUE);
	CHECK_INT(res.days_late, 2);
	CHECK_STR(eta_status_name(res.status), "overdue");
	/* Window: Nov 16 + 10 = Nov 26; extend from Nov 24 on. */
	CHECK_INT(res.extend, 0);
	eta_estimate(c, r, &p, D(2026, 11, 24), &res);
	CHECK_INT(res.extend, 1);
	/* remote from Nov 16: latest Nov 23, one day short of Nov 24. */
	p = parcel(T(2026, 11, 16, 10, 0), 1, 5, 7);
	eta_estimate(c, r, &p, D(2026, 11, 17), &res);
	CHECK_INT(res.extend, 0);
	p.delay = 1;
	eta_estimate(c, r, &p, D(2026, 11, 17), &res);
	CHECK_INT(res.latest, D(2026, 11, 24));
	CHECK_INT(res.extend, 1);
	CHECK_INT(res.earliest, D(2026, 11, 22));
	/* Delivered: late by the delivery day, never extended. */
	p.delay = 0;
	p.delivered = 1;
	p.delivered_day = D(2026, 11, 25);
	eta_estimate(c, r, &p, D(2026, 11, 30), &res);
	CHECK_INT(res.status, ETA_DELIVERED);
	CHECK_INT(res.days_late, 2);
	CHECK_INT(res.extend, 0);
	p.delivered_day = D(2026, 11, 20);
	eta_estimate(c, r, &p, D(2026, 11, 30), &res);
	CHECK_INT(res.days_late, 0);
}

static void
test_parsers(void)
{
	long s, day;
	int i;

	CHECK(eta_parse_duration("48", &s) == 0 && s == 172800);
	CHECK(eta_parse_duration("24h", &s) == 0 && s == 86400);
	CHECK(eta_parse_duration("2d", &s) == 0 && s == 172800);
	CHECK(eta_parse_duration("90m", &s) == 0 && s == 5400);
	CHECK(eta_parse_duration("0", &s) == 0 && s == 0);
	CHECK(eta_parse_duration("30d", &s) == 0);
	CHECK(eta_parse_duration("31d", &s) != 0);
	CHECK(eta_parse_duration("", &s) != 0);
	CHECK(eta_parse_duration("-1", &s) != 0);
	CHECK(eta_parse_duration("4x", &s) != 0);
	CHECK(eta_parse_duration("99999999999999999999", &s) != 0);
	CHECK(eta_parse_clock("16:00", &i) == 0 && i == 57600);
	CHECK(eta_parse_clock("9:30", &i) == 0 && i == 34200);
	CHECK(eta_parse_clock("0", &i) == 0 && i == 0);
	CHECK(eta_parse_clock("24:00", &i) != 0);
	CHECK(eta_parse_clock("16:0", &i) != 0);
	CHECK(eta_parse_clock("16:60", &i) != 0);
	CHECK(eta_parse_clock("016:00", &i) != 0);
	CHECK(eta_parse_clock("4pm", &i) != 0);
	CHECK(eta_parse_days("0", &i) == 0 && i == 0);
	CHECK(eta_parse_days("60", &i) == 0 && i == 60);
	CHECK(eta_parse_days("61", &i) != 0);
	CHECK(eta_parse_days("1.5", &i) != 0);
	CHECK(eta_parse_days("", &i) != 0);
	CHECK(eta_parse_date("2026-11-23", &day) == 0 && day == D(2026, 11, 23));
	CHECK(eta_parse_date("2026/2/29", &day) != 0);
}

static void
test_transit(void)
{
	struct region_db *db = region_db_load(NULL);
	struct eta_transit *t;
	int min = -1, max = -1, sf, hainan;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	t = eta_transit_load(NULL, db);
	CHECK(t != NULL);
	if (t == NULL) {
		region_db_free(db);
		return;
	}
	hainan = region_lookup(db, "海南");
	CHECK(hainan >= 0);
	CHECK(eta_transit_days(t, -1, TIER_JZH, -1, &min, &max) == 0);
	CHECK(min == 1 && max == 2);
	CHECK(eta_transit_days(t, -1, TIER_STANDARD, -1, &min, &max) == 0);
	CHECK(min == 3 && max == 5);
	CHECK(eta_transit_days(t, -1, TIER_REMOTE, -1, &min, &max) == 0);
	CHECK(min == 5 && max == 7);
	CHECK(eta_transit_days(t, -1, TIER_UNSERVED, -1, &min, &max) != 0);
	sf = eta_transit_carrier(t, "顺丰速运", strlen("顺丰速运"));
	CHECK(sf >= 0);
	CHECK(eta_transit_carrier(t, "圆通速递", strlen("圆通速递")) == -1);
	CHECK(eta_transit_carrier(t, "顺", strlen("顺")) == -1);
	CHECK(eta_transit_days(t, sf, TIER_JZH, -1, &min, &max) == 0);
	CHECK(min == 1 && max == 1);
	CHECK(eta_transit_days(t, -1, TIER_STANDARD, hainan, &min, &max) == 0);
	CHECK(min == 4 && max == 6);
	/* A carrier's tier line beats a province line for every carrier. */
	CHECK(eta_transit_days(t, sf, TIER_STANDARD, hainan, &min, &max) == 0);
	CHECK(min == 2 && max == 3);
	CHECK(eta_transit_by_province(t));
	eta_transit_free(t);
	region_db_free(db);
}

int
main(void)
{
	struct calendar *c = calendar_load(NULL);
	struct eta_rules r;

	CHECK(c != NULL);
	if (c == NULL)
		return t_done();
	eta_rules_default(&r);
	CHECK_INT(r.dispatch_s, 48 * 3600);
	CHECK_INT(r.cutoff_s, 16 * 3600);
	CHECK_INT(r.confirm_days, 10);
	CHECK_INT(r.margin_days, 2);
	test_tiers_and_cutoff(c, &r);
	test_dispatch(c, &r);
	test_month_year_ends(c, &r);
	test_spring_festival(c, &r);
	test_status_and_extend(c, &r);
	test_parsers();
	test_transit();
	calendar_free(c);
	return t_done();
}
