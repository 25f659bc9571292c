#ifndef CS_TIMEPARSE_H
#define CS_TIMEPARSE_H

/*
 * Dates and times as shop exports write them.
 *
 * CONTRACT (implementation in lib/io/timeparse.c):
 * - Accepted forms: 2026-11-23 14:05:00, 2026-11-23 14:05, 2026/11/23 14:05,
 *   2026/1/3 9:05, 2026-11-23T14:05:00+08:00 (also Z, +0800), 2026年11月23日
 *   14:05, 2026年11月23日 14时05分, and a date alone (time 00:00, flagged).
 *   Excel's ="..." and surrounding blanks are ignored (cell_value()).
 * - Without an offset a time is Asia/Shanghai (UTC+8, no DST since 1991).
 * - All arithmetic is on integers: seconds since 1970-01-01T00:00:00Z and
 *   days since 1970-01-01 (the civil calendar, proleptic Gregorian).
 */

#include <stddef.h>

#define TP_SHANGHAI_OFFSET (8 * 3600)

struct tp_time {
	long long t;		/* seconds since the epoch, UTC */
	int has_time;		/* a time of day was given */
};

/* Parse S[0..N).  Returns 0, or -1 when it is not a date/time we accept. */
int tp_parse(const char *s, size_t n, struct tp_time *out);

/* Days since 1970-01-01 of the civil date Y-M-D (M 1-12, D 1-31). */
long tp_days_from_civil(int y, int m, int d);

/* The civil date of DAYS since 1970-01-01. */
void tp_civil_from_days(long days, int *y, int *m, int *d);

/* The Shanghai calendar day (days since epoch) of instant T. */
long tp_local_day(long long t);

/* Seconds after Shanghai midnight of instant T (0..86399). */
int tp_local_seconds(long long t);

/* Write DAYS as "YYYY-MM-DD" into BUF (at least 11 bytes); returns BUF. */
char *tp_format_date(long days, char *buf);

/* Write T as "YYYY-MM-DD HH:MM:SS" Shanghai time (BUF >= 20 bytes); returns BUF. */
char *tp_format_time(long long t, char *buf);

/* Day of week of DAYS: 0 Monday .. 6 Sunday. */
int tp_weekday(long days);

#endif
