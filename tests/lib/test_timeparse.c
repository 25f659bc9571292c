/*
 * Unit tests of lib/timeparse: the forms shop exports write, offsets,
 * rejects, and the civil-calendar arithmetic around month, year and
 * leap-year ends.
 */

#include <string.h>

#include "t.h"
#include "io/timeparse.h"

/* Parse S and format it back as Shanghai time; "ERR" when rejected. */
static const char *
roundtrip(const char *s, char *buf)
{
	struct tp_time t;

	if (tp_parse(s, strlen(s), &t) != 0)
		return "ERR";
	tp_format_time(t.t, buf);
	if (!t.has_time)
		strcpy(buf + 10, " date");
	return buf;
}

static void
test_forms(void)
{
	char b[32];

	CHECK_STR(roundtrip("2026-11-23 14:05:00", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23 14:05", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026/11/23 14:05", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026/1/3 9:05", b), "2026-01-03 09:05:00");
	CHECK_STR(roundtrip("2026.01.03", b), "2026-01-03 date");
	CHECK_STR(roundtrip("2026-11-23T14:05:00+08:00", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23T06:05:00Z", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23T06:05:00z", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23T14:05:00+0800", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23 14:05:00 +08", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23T01:05:00-05:00", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23T20:00:00Z", b), "2026-11-24 04:00:00");
	CHECK_STR(roundtrip("2026年11月23日 14:05", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026年11月23日14:05", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026年11月23日 14时05分", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026年11月23日 14时05分30秒", b), "2026-11-23 14:05:30");
	CHECK_STR(roundtrip("2026年11月23日 14点", b), "2026-11-23 14:00:00");
	CHECK_STR(roundtrip("2026年1月3日", b), "2026-01-03 date");
	CHECK_STR(roundtrip("2026-11-23", b), "2026-11-23 date");
	CHECK_STR(roundtrip("2026-11-23 14:05:00.123", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("=\"2026-11-23 14:05:00\"", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("  2026-11-23 14:05:00\t", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("\xE3\x80\x80" "2026-11-23  14:05", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026-11-23 00:00:00", b), "2026-11-23 00:00:00");
	CHECK_STR(roundtrip("2026-11-23 23:59:59", b), "2026-11-23 23:59:59");
}

static void
test_rejects(void)
{
	char b[32];

	CHECK_STR(roundtrip("", b), "ERR");
	CHECK_STR(roundtrip("2026", b), "ERR");
	CHECK_STR(roundtrip("26-11-23", b), "ERR");
	CHECK_STR(roundtrip("2026-13-01", b), "ERR");
	CHECK_STR(roundtrip("2026-00-10", b), "ERR");
	CHECK_STR(roundtrip("2026-02-29", b), "ERR");
	CHECK_STR(roundtrip("2026-04-31", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23 24:00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23 12:60", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23 12:5", b), "ERR");
	CHECK_STR(roundtrip("2026-11/23", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23x", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23 14:05 junk", b), "ERR");
	CHECK_STR(roundtrip("2026-11-2314:05", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23T", b), "ERR");
	CHECK_STR(roundtrip("2026-11-23T14:05+25:00", b), "ERR");
	CHECK_STR(roundtrip("2026-011-23", b), "ERR");
	CHECK_STR(roundtrip("20261-11-23", b), "ERR");
	CHECK_STR(roundtrip("昨天", b), "ERR");
	CHECK_STR(roundtrip("2026年11月", b), "ERR");
}

/*
 * The quick paths for the common layouts (fixed positions, then one or
 * two digits per field) must agree with the general parser on every
 * near miss: each of these goes down a quick path part of the way.
 */
static void
test_quick_paths(void)
{
	char b[32];

	CHECK_STR(roundtrip("2026-11-23T14:05:00", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026/11/23 14:05:00", b), "2026-11-23 14:05:00");
	CHECK_STR(roundtrip("2026/11/5 9:38", b), "2026-11-05 09:38:00");
	CHECK_STR(roundtrip("2026-1-5 09:38:07", b), "2026-01-05 09:38:07");
	CHECK_STR(roundtrip("2026/11/05", b), "2026-11-05 date");
	CHECK_STR(roundtrip("2026-11-5", b), "2026-11-05 date");
	CHECK_STR(roundtrip("2026.11.05 14:05:00", b), "2026-11-05 14:05:00");
	CHECK_STR(roundtrip("2026-11-23 14:05:09 ", b), "2026-11-23 14:05:09");
	CHECK_STR(roundtrip("0999-11-23 14:05:00", b), "ERR");
	CHECK_STR(roundtrip("20T5-10-24", b), "ERR");
	CHECK_STR(roundtrip("2T26-10-24", b), "ERR");
	CHECK_STR(roundtrip("2026-1x-24", b), "ERR");
	CHECK_STR(roundtrip("2026-11/24 14:05:00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 14:05:0x", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 14-05-00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24x14:05:00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 24:05:00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 14:05:60", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 14:05:000", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 14:5:00", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24 143:05", b), "ERR");
	CHECK_STR(roundtrip("2026-11-24  14:05:00", b), "2026-11-24 14:05:00");
	CHECK_STR(roundtrip("2026-11-24 14:05:00+0800", b), "2026-11-24 14:05:00");
}

static void
test_calendar_math(void)
{
	int y, m, d;
	long days;
	char b[16];

	CHECK_INT(tp_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(tp_days_from_civil(1969, 12, 31), -1);
	CHECK_INT(tp_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(tp_days_from_civil(2028, 3, 1) - tp_days_from_civil(2028, 2, 28), 2);
	CHECK_INT(tp_days_from_civil(2027, 3, 1) - tp_days_from_civil(2027, 2, 28), 1);
	CHECK_INT(tp_days_from_civil(2100, 3, 1) - tp_days_from_civil(2100, 2, 28), 1);
	CHECK_INT(tp_days_from_civil(2027, 1, 1) - tp_days_from_civil(2026, 12, 31), 1);
	for (days = -800000; days < 3000000; days += 997) {
		tp_civil_from_days(days, &y, &m, &d);
		if (tp_days_from_civil(y, m, d) != days) {
			CHECK_INT(tp_days_from_civil(y, m, d), days);
			break;
		}
	}
	CHECK(days >= 3000000);
	CHECK_STR(tp_format_date(tp_days_from_civil(2028, 2, 29), b), "2028-02-29");
	CHECK_STR(tp_format_date(tp_days_from_civil(2028, 2, 29) + 1, b), "2028-03-01");
	CHECK_STR(tp_format_date(tp_days_from_civil(2026, 12, 31) + 1, b), "2027-01-01");
	/* 2026-11-23 is a Monday, 2026-02-17 (春节) a Tuesday. */
	CHECK_INT(tp_weekday(tp_days_from_civil(2026, 11, 23)), 0);
	CHECK_INT(tp_weekday(tp_days_from_civil(2026, 2, 17)), 1);
	CHECK_INT(tp_weekday(tp_days_from_civil(2026, 11, 29)), 6);
	CHECK_INT(tp_weekday(tp_days_from_civil(1969, 12, 28)), 6);
}

static void
test_local(void)
{
	struct tp_time t;
	char b[32];

	/* 16:00 UTC is midnight in Shanghai. */
	CHECK(tp_parse("2026-11-23T16:00:00Z", 20, &t) == 0);
	CHECK_INT(tp_local_day(t.t), tp_days_from_civil(2026, 11, 24));
	CHECK_INT(tp_local_seconds(t.t), 0);
	CHECK(tp_parse("2026-11-23T15:59:59Z", 20, &t) == 0);
	CHECK_INT(tp_local_day(t.t), tp_days_from_civil(2026, 11, 23));
	CHECK_INT(tp_local_seconds(t.t), 86399);
	CHECK(tp_parse("1970-01-01 07:00", 16, &t) == 0);
	CHECK_INT(t.t, -3600);
	CHECK_INT(tp_local_day(t.t), 0);
	CHECK_STR(tp_format_time(-3600, b), "1970-01-01 07:00:00");
	CHECK(tp_parse("1969-12-31 07:00", 16, &t) == 0);
	CHECK_INT(tp_local_day(t.t), -1);
	CHECK_INT(tp_local_seconds(t.t), 7 * 3600);
	/* The length argument bounds the value. */
	CHECK(tp_parse("2026-11-23 14:05:00", 10, &t) == 0);
	CHECK_INT(t.has_time, 0);
}

int
main(void)
{
	test_forms();
	test_rejects();
	test_quick_paths();
	test_calendar_math();
	test_local();
	return t_done();
}
