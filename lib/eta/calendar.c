#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "eta/calendar.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/timeparse.h"

enum {
	CAL_HOLIDAY = 1,	/* official day off */
	CAL_WORKDAY = 2,	/* weekend day worked instead (调休) */
	CAL_CLOSED = 4,		/* couriers do not deliver */
	CAL_COVERED = 8		/* the day's year has lines */
};

#define CAL_MAX_NAMES 255	/* distinct festival names */

/* One line of the file, kept until every line is read. */
struct cal_line {
	long start, end;	/* inclusive days */
	int kind;		/* CAL_HOLIDAY, CAL_WORKDAY or CAL_CLOSED */
	int name;		/* index into names + 1; 0 for closures */
	long line;		/* where it was, for conflict messages */
};

struct calendar {
	int y0, y1;		/* first and last year of the day table */
	long day0;		/* day of y0-01-01 */
	long ndays;		/* days in the table */
	unsigned char *flags;	/* per day: CAL_* bits */
	unsigned char *name;	/* per day: festival name index + 1, or 0 */
	unsigned char covered[CAL_MAX_YEARS]; /* year y0+i has lines */
	char *names[CAL_MAX_NAMES]; /* festival names */
	int nnames;		/* how many */
};

/* State while loading. */
struct cal_load {
	struct calendar *cal;	/* being built */
	struct cal_line *lines;	/* lines read */
	size_t nlines, cap;	/* fill and size */
};

static const struct {
	const char *festival;	/* the data's name */
	const char *greeting;	/* the manual's greeting (001 §6.3) */
} greetings[] = {
	{ "元旦", "新年好" },
	{ "春节", "新年好" },
	{ "五一", "劳动节快乐" },
	{ "中秋", "中秋节快乐" },
	{ "国庆", "国庆节快乐" },
};

/* Parse a date-only value into *DAY; 0 or -1. */
static int
parse_day(const char *s, long *day)
{
	struct tp_time t;

	if (tp_parse(s, strlen(s), &t) != 0 || t.has_time)
		return -1;
	*day = tp_local_day(t.t);
	return 0;
}

static int
parse_kind(const char *s)
{
	if (strcmp(s, "holiday") == 0)
		return CAL_HOLIDAY;
	if (strcmp(s, "workday") == 0)
		return CAL_WORKDAY;
	if (strcmp(s, "closure") == 0)
		return CAL_CLOSED;
	return -1;
}

/* Index + 1 of festival NAME, added when new; -1 when the table is full. */
static int
name_index(struct calendar *cal, const char *name)
{
	int i;

	for (i = 0; i < cal->nnames; i++)
		if (strcmp(cal->names[i], name) == 0)
			return i + 1;
	if (cal->nnames == CAL_MAX_NAMES)
		return -1;
	cal->names[cal->nnames] = xstrdup(name);
	return ++cal->nnames;
}

static void
add_line(struct cal_load *ld, const struct cal_line *l)
{
	if (ld->nlines == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 64;
		ld->lines = xreallocarray(ld->lines, ld->cap, sizeof *ld->lines);
	}
	ld->lines[ld->nlines++] = *l;
}

static const char *const holidays_columns[] = { "start", "kind", NULL };

static const struct datafile_kind holidays_kind = {
	"holiday calendar", "holidays.csv", DATAFILE_MAX_HOLIDAYS, holidays_columns
};

/* datafile callback: check one line and keep it. */
static int
on_line(void *ctx, struct datafile *df, const struct record *r)
{
	struct cal_load *ld = ctx;
	struct cal_line l;
	const char *start, *end, *kind, *name;
	char key[32], show[256];

	start = datafile_get(df, r, "start");
	end = datafile_get(df, r, "end");
	kind = datafile_get(df, r, "kind");
	name = datafile_get(df, r, "name");
	memset(&l, 0, sizeof l);
	l.line = df->line;
	if (parse_day(start, &l.start) != 0) {
		datafile_error(df, "start '%s' is not a date (YYYY-MM-DD)",
		    datafile_quote(df, start));
		return 0;
	}
	if (end[0] == '\0')
		l.end = l.start;
	else if (parse_day(end, &l.end) != 0) {
		datafile_error(df, "end '%s' is not a date (YYYY-MM-DD)",
		    datafile_quote(df, end));
		return 0;
	}
	if (l.end < l.start) {
		datafile_error(df, "end '%s' is before start '%s'", end, start);
		return 0;
	}
	if ((l.kind = parse_kind(kind)) < 0) {
		datafile_error(df, "kind '%s' is not holiday, workday or closure",
		    datafile_quote(df, kind));
		return 0;
	}
	/* A kind of day starts on a date once (ranges may overlap). */
	snprintf(key, sizeof key, "%d,%ld", l.kind, l.start);
	snprintf(show, sizeof show, "%s,%s", kind, start);
	if (datafile_key(df, "kind and start", key, strlen(key), show) != 0)
		return 0;
	if (l.kind != CAL_CLOSED && name[0] != '\0' &&
	    (l.name = name_index(ld->cal, name)) < 0) {
		datafile_error(df, "too many festival names (at most %d)", CAL_MAX_NAMES);
		return 0;
	}
	add_line(ld, &l);
	return 0;
}

/* Year of DAY. */
static int
year_of(long day)
{
	int y, m, d;

	tp_civil_from_days(day, &y, &m, &d);
	return y;
}

/* Size the day table from the lines read; -1 when they span too long. */
static int
size_table(struct calendar *cal, const struct cal_load *ld, const char *file)
{
	size_t i;
	long d;
	int y;

	cal->y0 = cal->y1 = 0;
	for (i = 0; i < ld->nlines; i++) {
		if (i == 0 || year_of(ld->lines[i].start) < cal->y0)
			cal->y0 = year_of(ld->lines[i].start);
		if (i == 0 || year_of(ld->lines[i].end) > cal->y1)
			cal->y1 = year_of(ld->lines[i].end);
	}
	if (ld->nlines > 0 && cal->y1 - cal->y0 >= CAL_MAX_YEARS) {
		cs_warnx_at(file, 0, "the calendar spans %d to %d; at most %d years",
		    cal->y0, cal->y1, CAL_MAX_YEARS);
		return -1;
	}
	cal->day0 = tp_days_from_civil(cal->y0, 1, 1);
	cal->ndays = ld->nlines == 0 ? 0 :
	    tp_days_from_civil(cal->y1 + 1, 1, 1) - cal->day0;
	cal->flags = xcalloc((size_t)cal->ndays + 1, 1);
	cal->name = xcalloc((size_t)cal->ndays + 1, 1);
	for (i = 0; i < ld->nlines; i++)
		for (y = year_of(ld->lines[i].start); y <= year_of(ld->lines[i].end); y++)
			cal->covered[y - cal->y0] = 1;
	for (d = 0; d < cal->ndays; d++)
		if (cal->covered[year_of(cal->day0 + d) - cal->y0])
			cal->flags[d] |= CAL_COVERED;
	return 0;
}

/* Mark every line's days; a day both holiday and workday is an error. */
static int
fill_table(struct calendar *cal, const struct cal_load *ld, const char *file)
{
	const int clash = CAL_HOLIDAY | CAL_WORKDAY;
	size_t i;
	long d;
	int errors = 0;

	for (i = 0; i < ld->nlines; i++) {
		const struct cal_line *l = &ld->lines[i];

		for (d = l->start; d <= l->end; d++) {
			unsigned char *f = &cal->flags[d - cal->day0];
			char buf[16];

			if ((l->kind & clash) != 0 && (*f & clash) != 0 &&
			    (*f & clash) != l->kind) {
				cs_warnx_at(file, l->line,
				    "%s is both a holiday and a workday",
				    tp_format_date(d, buf));
				errors++;
				break;
			}
			*f |= (unsigned char)l->kind;
			if (l->name > 0 && l->kind == CAL_HOLIDAY)
				cal->name[d - cal->day0] = (unsigned char)l->name;
		}
	}
	return errors ? -1 : 0;
}

struct calendar *
calendar_load(const char *path)
{
	struct cal_load ld;
	struct calendar *cal;
	const char *file = path ? path : "holidays.csv";
	int rc;

	cal = xcalloc(1, sizeof *cal);
	memset(&ld, 0, sizeof ld);
	ld.cal = cal;
	rc = datafile_load(path, &holidays_kind, on_line, &ld);
	if (rc == 0)
		rc = size_table(cal, &ld, file);
	if (rc == 0)
		rc = fill_table(cal, &ld, file);
	free(ld.lines);
	if (rc != 0) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

void
calendar_free(struct calendar *cal)
{
	int i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->nnames; i++)
		free(cal->names[i]);
	free(cal->flags);
	free(cal->name);
	free(cal);
}

/* Index of DAY in the table, or -1 outside it. */
static long
slot(const struct calendar *cal, long day)
{
	long i = day - cal->day0;

	return i >= 0 && i < cal->ndays ? i : -1;
}

int
calendar_covers(const struct calendar *cal, long day)
{
	long i = slot(cal, day);

	return i >= 0 && (cal->flags[i] & CAL_COVERED) != 0;
}

static int
flags_of(const struct calendar *cal, long day)
{
	long i = slot(cal, day);

	return i >= 0 ? cal->flags[i] : 0;
}

int
calendar_is_workday(const struct calendar *cal, long day)
{
	int f = flags_of(cal, day);

	if (f & CAL_WORKDAY)
		return 1;
	if (f & CAL_HOLIDAY)
		return 0;
	return tp_weekday(day) < 5;
}

int
calendar_is_holiday(const struct calendar *cal, long day)
{
	return (flags_of(cal, day) & CAL_HOLIDAY) != 0;
}

int
calendar_is_closed(const struct calendar *cal, long day)
{
	return (flags_of(cal, day) & CAL_CLOSED) != 0;
}

/* Set *GAP_YEAR to the year of DAY unless a gap was noted before. */
static void
note_gap(long day, int *gap_year)
{
	int y, m, d;

	if (*gap_year != 0)
		return;
	tp_civil_from_days(day, &y, &m, &d);
	*gap_year = y;
}

long
calendar_courier_day(const struct calendar *cal, long start, int k,
    int *gap_year)
{
	long d = start, i;
	int f;

	while (k > 0) {
		d++;
		i = d - cal->day0;
		f = i >= 0 && i < cal->ndays ? cal->flags[i] : 0;
		if (!(f & CAL_COVERED))
			note_gap(d, gap_year);
		if (!(f & CAL_CLOSED))
			k--;
	}
	return d;
}

long
calendar_workday_from(const struct calendar *cal, long day, int *gap_year)
{
	long i;
	int f;

	for (;; day++) {
		i = day - cal->day0;
		f = i >= 0 && i < cal->ndays ? cal->flags[i] : 0;
		if (!(f & CAL_COVERED))
			note_gap(day, gap_year);
		if (f & CAL_WORKDAY)
			return day;
		if (!(f & CAL_HOLIDAY) && tp_weekday(day) < 5)
			return day;
	}
}

const char *
calendar_festival(const struct calendar *cal, long day)
{
	long i = slot(cal, day);

	if (i < 0 || cal->name[i] == 0)
		return NULL;
	return cal->names[cal->name[i] - 1];
}

const char *
calendar_greeting(const struct calendar *cal, long day)
{
	const char *f = calendar_festival(cal, day);
	size_t i;

	if (f == NULL)
		return NULL;
	for (i = 0; i < sizeof greetings / sizeof greetings[0]; i++)
		if (strcmp(f, greetings[i].festival) == 0)
			return greetings[i].greeting;
	return NULL;
}
