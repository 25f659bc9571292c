#ifndef CS_CALENDAR_H
#define CS_CALENDAR_H

/*
 * The shop's calendar: public holidays, 调休 working days and courier
 * closures (春节停运), from data/holidays.csv (compiled in) or a
 * replacement file of the same format:
 *
 *   start,end,kind,name,source
 *   2026-02-15,2026-02-23,holiday,春节,国办通知2025-11-04
 *   2026-02-14,,workday,春节,国办通知2025-11-04
 *   2026-02-15,2026-02-20,closure,春节停运,shop assumption
 *
 * kind is holiday, workday (a weekend day worked instead, 调休) or closure
 * (couriers do not deliver); end may be empty for a single day.  A year is
 * covered when any line falls in it; for other years the calendar knows
 * weekends only, and calendar_covers() says so, so that callers can warn.
 *
 * Days are days since 1970-01-01 (see timeparse.h).  A loaded calendar is
 * read-only and may be shared.
 */

#define CAL_MAX_YEARS 64	/* years one calendar may span */

struct calendar;

/*
 * Load PATH, or the embedded data/holidays.csv when PATH is NULL.  Returns
 * NULL after printing every FILE:LINE error (bad date, unknown kind, end
 * before start, a span of more than CAL_MAX_YEARS years).
 */
struct calendar *calendar_load(const char *path);

/* Free CAL (NULL is fine). */
void calendar_free(struct calendar *cal);

/* Non-zero when the year of DAY has lines in the calendar. */
int calendar_covers(const struct calendar *cal, long day);

/*
 * Non-zero when DAY is an official working day: a 调休 workday, or a
 * Monday to Friday that is not a holiday.  Outside the covered years,
 * Monday to Friday.
 */
int calendar_is_workday(const struct calendar *cal, long day);

/* Non-zero when DAY is a public holiday (the days off of the notice). */
int calendar_is_holiday(const struct calendar *cal, long day);

/* Non-zero when couriers do not deliver on DAY (a closure line). */
int calendar_is_closed(const struct calendar *cal, long day);

/*
 * The K-th day after START (K >= 0) on which couriers deliver: closure
 * days do not count.  When *GAP_YEAR is 0 and a day passed over (after
 * START, up to the result) lies in a year the calendar does not cover,
 * *GAP_YEAR is set to the year of the first such day.  What a loop over
 * calendar_is_closed() and calendar_covers() gives, in one call per
 * estimate instead of two per day.
 */
long calendar_courier_day(const struct calendar *cal, long start, int k,
    int *gap_year);

/*
 * The first working day (calendar_is_workday()) on or after DAY; days
 * looked at that the calendar does not cover set *GAP_YEAR as for
 * calendar_courier_day().
 */
long calendar_workday_from(const struct calendar *cal, long day, int *gap_year);

/*
 * The festival whose holiday DAY falls in, as the data names it (元旦,
 * 春节, 清明, 五一, 端午, 中秋, 国庆), or NULL on other days.  The string
 * lives as long as CAL.  For cs-lint's holiday greeting (001 §6.3: the
 * greeting is used over the holiday the notice announces).
 */
const char *calendar_festival(const struct calendar *cal, long day);

/*
 * The greeting the manual prescribes for DAY (001 §6.3): "新年好" over
 * 元旦 and 春节, "劳动节快乐" over 五一, "中秋节快乐", "国庆节快乐"; NULL on
 * other days (清明 and 端午 have none).
 */
const char *calendar_greeting(const struct calendar *cal, long day);

#endif
