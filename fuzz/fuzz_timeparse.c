/*
 * Date and time parsing: tp_parse() on any bytes (no NUL terminator, so
 * ASan catches a read past the end), and for every date it accepts, the
 * civil-date arithmetic and the formatting round trip.
 */

#include "fuzz.h"

#include "io/timeparse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tp_time tm, again;
	char *s, buf[64];
	long day;
	int y, m, d, sec;

	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	if (tp_parse(s, size, &tm) == 0) {
		day = tp_local_day(tm.t);
		sec = tp_local_seconds(tm.t);
		FZ_ASSERT(sec >= 0 && sec < 86400);
		tp_civil_from_days(day, &y, &m, &d);
		FZ_ASSERT(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		FZ_ASSERT(tp_days_from_civil(y, m, d) == day);
		FZ_ASSERT(tp_weekday(day) >= 0 && tp_weekday(day) <= 6);
		if (y >= 1000 && y <= 9999) {
			tp_format_time(tm.t, buf);
			FZ_ASSERT(strlen(buf) == 19);
			FZ_ASSERT(tp_parse(buf, strlen(buf), &again) == 0);
			FZ_ASSERT(again.t == tm.t);
			tp_format_date(day, buf);
			FZ_ASSERT(strlen(buf) == 10);
		}
	}
	free(s);
	return 0;
}
