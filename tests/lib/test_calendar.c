/*
 * Unit tests of lib/calendar over the embedded data/holidays.csv (the 2026
 * State Council notice, provisional 2027) and over small files with
 * errors.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eta/calendar.h"
#include "t.h"
#include "io/timeparse.h"

static long
D(int y, int m, int d)
{
	return tp_days_from_civil(y, m, d);
}

static void
test_2026(const struct calendar *c)
{
	/* 元旦: Jan 1-3 off, Sunday Jan 4 worked. */
	CHECK(calendar_is_holiday(c, D(2026, 1, 1)));
	CHECK(calendar_is_holiday(c, D(2026, 1, 3)));
	CHECK(!calendar_is_workday(c, D(2026, 1, 2)));
	CHECK(calendar_is_workday(c, D(2026, 1, 4)));
	CHECK(calendar_is_workday(c, D(2026, 1, 5)));
	/* 春节: Feb 15-23 off; Saturdays Feb 14 and 28 worked. */
	CHECK(calendar_is_workday(c, D(2026, 2, 14)));
	CHECK(!calendar_is_workday(c, D(2026, 2, 15)));
	CHECK(!calendar_is_workday(c, D(2026, 2, 23)));
	CHECK(calendar_is_workday(c, D(2026, 2, 24)));
	CHECK(calendar_is_workday(c, D(2026, 2, 28)));
	CHECK(!calendar_is_workday(c, D(2026, 3, 1)));
	/* 清明, 五一 (May 9 worked), 端午, 中秋. */
	CHECK(!calendar_is_workday(c, D(2026, 4, 6)));
	CHECK(!calendar_is_workday(c, D(2026, 5, 5)));
	CHECK(calendar_is_workday(c, D(2026, 5, 9)));
	CHECK(!calendar_is_workday(c, D(2026, 6, 19)));
	CHECK(!calendar_is_workday(c, D(2026, 9, 25)));
	/* 国庆: Oct 1-7 off; Sunday Sep 20 and Saturday Oct 10 worked. */
	CHECK(calendar_is_workday(c, D(2026, 9, 20)));
	CHECK(!calendar_is_workday(c, D(2026, 10, 7)));
	CHECK(calendar_is_workday(c, D(2026, 10, 8)));
	CHECK(calendar_is_workday(c, D(2026, 10, 10)));
	CHECK(!calendar_is_workday(c, D(2026, 10, 11)));
	/* An ordinary week. */
	CHECK(calendar_is_workday(c, D(2026, 11, 23)));
	CHECK(!calendar_is_workday(c, D(2026, 11, 28)));
	CHECK(!calendar_is_holiday(c, D(2026, 11, 28)));
}

static void
test_closures(const struct calendar *c)
{
	CHECK(!calendar_is_closed(c, D(2026, 2, 14)));
	CHECK(calendar_is_closed(c, D(2026, 2, 15)));
	CHECK(calendar_is_closed(c, D(2026, 2, 20)));
	CHECK(!calendar_is_closed(c, D(2026, 2, 21)));
	CHECK(!calendar_is_closed(c, D(2026, 10, 1)));
	CHECK(calendar_is_closed(c, D(2027, 2, 4)));
	CHECK(calendar_is_closed(c, D(2027, 2, 9)));
	CHECK(!calendar_is_closed(c, D(2027, 2, 10)));
}

static void
test_festivals(const struct calendar *c)
{
	CHECK_STR(calendar_festival(c, D(2026, 1, 1)), "元旦");
	CHECK_STR(calendar_festival(c, D(2026, 2, 17)), "春节");
	CHECK_STR(calendar_festival(c, D(2026, 5, 3)), "五一");
	CHECK_STR(calendar_festival(c, D(2026, 9, 26)), "中秋");
	CHECK_STR(calendar_festival(c, D(2026, 10, 7)), "国庆");
	CHECK_STR(calendar_festival(c, D(2026, 4, 5)), "清明");
	CHECK(calendar_festival(c, D(2026, 10, 8)) == NULL);
	CHECK(calendar_festival(c, D(2026, 1, 4)) == NULL);
	CHECK(calendar_festival(c, D(2028, 1, 1)) == NULL);
	CHECK_STR(calendar_greeting(c, D(2026, 2, 23)), "新年好");
	CHECK_STR(calendar_greeting(c, D(2026, 5, 1)), "劳动节快乐");
	CHECK_STR(calendar_greeting(c, D(2026, 9, 27)), "中秋节快乐");
	CHECK_STR(calendar_greeting(c, D(2026, 10, 1)), "国庆节快乐");
	CHECK(calendar_greeting(c, D(2026, 6, 20)) == NULL);
	CHECK(calendar_greeting(c, D(2026, 11, 23)) == NULL);
	CHECK_STR(calendar_festival(c, D(2027, 2, 5)), "春节");
	CHECK_STR(calendar_festival(c, D(2027, 10, 3)), "国庆");
	CHECK(calendar_festival(c, D(2027, 10, 4)) == NULL);
}

static void
test_coverage(const struct calendar *c)
{
	CHECK(calendar_covers(c, D(2026, 1, 1)));
	CHECK(calendar_covers(c, D(2027, 12, 31)));
	CHECK(!calendar_covers(c, D(2025, 12, 31)));
	CHECK(!calendar_covers(c, D(2028, 1, 1)));
	CHECK(!calendar_covers(c, D(2028, 2, 29)));
	/* Beyond the data: weekends only. */
	CHECK(calendar_is_workday(c, D(2028, 1, 3)));
	CHECK(!calendar_is_workday(c, D(2028, 1, 1)));
	CHECK(!calendar_is_closed(c, D(2028, 1, 26)));
	CHECK(calendar_is_workday(c, D(1999, 12, 31)));
	CHECK_INT(calendar_is_workday(c, D(2028, 1, 2)), 0);
}

/* The K-th courier day after START the slow way, as cs-eta counted it. */
static long
courier_slow(const struct calendar *c, long start, int k, int *gap)
{
	int y, m, d;

	while (k > 0) {
		start++;
		if (*gap == 0 && !calendar_covers(c, start)) {
			tp_civil_from_days(start, &y, &m, &d);
			*gap = y;
		}
		if (!calendar_is_closed(c, start))
			k--;
	}
	return start;
}

/* The first working day from DAY the slow way. */
static long
workday_slow(const struct calendar *c, long day, int *gap)
{
	int y, m, d;

	for (;; day++) {
		if (*gap == 0 && !calendar_covers(c, day)) {
			tp_civil_from_days(day, &y, &m, &d);
			*gap = y;
		}
		if (calendar_is_workday(c, day))
			return day;
	}
}

/* calendar_courier_day() and calendar_workday_from() against the loops. */
static void
test_day_counts(const struct calendar *c)
{
	long day, bad = 0;
	int k, g1, g2;

	/* Around 春节 2026, and across the end of the covered years. */
	CHECK_INT(calendar_courier_day(c, D(2026, 2, 14), 1, &(int){ 0 }),
	    D(2026, 2, 21));
	CHECK_INT(calendar_workday_from(c, D(2026, 2, 15), &(int){ 0 }),
	    D(2026, 2, 24));
	g1 = 0;
	CHECK_INT(calendar_courier_day(c, D(2027, 12, 30), 3, &g1),
	    D(2028, 1, 2));
	CHECK_INT(g1, 2028);
	for (day = D(2025, 12, 1); day < D(2028, 1, 20); day++) {
		for (k = 0; k < 9; k++) {
			g1 = g2 = 0;
			if (calendar_courier_day(c, day, k, &g1) !=
			    courier_slow(c, day, k, &g2) || g1 != g2)
				bad++;
		}
		g1 = g2 = 0;
		if (calendar_workday_from(c, day, &g1) !=
		    workday_slow(c, day, &g2) || g1 != g2)
			bad++;
		g1 = g2 = 1999;
		if (calendar_workday_from(c, day, &g1) !=
		    workday_slow(c, day, &g2) || g1 != g2)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* Write TEXT to a temporary file and try to load it. */
static struct calendar *
load_text(const char *text, char *path)
{
	FILE *fp;

	strcpy(path, "/tmp/cs-test-cal.XXXXXX");
	if (mkstemp(path) < 0 || (fp = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	fclose(fp);
	return calendar_load(path);
}

static void
test_files(void)
{
	struct calendar *c;
	char path[64];

	c = load_text("start,end,kind,name,source\n"
	    "2030-05-01,2030-05-03,holiday,五一,x\n"
	    "2030-05-11,,workday,五一,x\n", path);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(calendar_covers(c, D(2030, 1, 1)));
		CHECK(!calendar_covers(c, D(2026, 1, 1)));
		CHECK(calendar_is_workday(c, D(2030, 5, 11)));
		CHECK_STR(calendar_festival(c, D(2030, 5, 2)), "五一");
	}
	calendar_free(c);
	remove(path);
	printf("(expected diagnostics follow)\n");
	fflush(stdout);
	CHECK(load_text("start,end,kind,name,source\n2030-02-30,,holiday,x,y\n", path) == NULL);
	remove(path);
	CHECK(load_text("start,end,kind,name,source\n2030-02-03,2030-02-01,holiday,x,y\n", path) == NULL);
	remove(path);
	CHECK(load_text("start,end,kind,name,source\n2030-02-03,,vacation,x,y\n", path) == NULL);
	remove(path);
	CHECK(load_text("start,end,kind,name,source\n2030-02-03,,holiday,x,y\n"
	    "2030-02-03,,workday,x,y\n", path) == NULL);
	remove(path);
	CHECK(load_text("start,end,kind,name,source\n1990-01-01,,holiday,x,y\n"
	    "2090-01-01,,holiday,x,y\n", path) == NULL);
	remove(path);
	c = load_text("start,end,kind,name,source\n", path);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(!calendar_covers(c, D(2026, 1, 1)));
		CHECK(calendar_is_workday(c, D(2026, 1, 1)));
		CHECK(calendar_festival(c, D(2026, 1, 1)) == NULL);
	}
	calendar_free(c);
	remove(path);
}

int
main(void)
{
	struct calendar *c = calendar_load(NULL);

	CHECK(c != NULL);
	if (c == NULL)
		return t_done();
	test_2026(c);
	test_closures(c);
	test_festivals(c);
	test_coverage(c);
	test_day_counts(c);
	calendar_free(c);
	test_files();
	return t_done();
}
