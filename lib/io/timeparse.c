#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "io/cell.h"
#include "io/timeparse.h"

/*
 * A small cursor over the value being parsed.  Every reader below either
 * consumes what it recognises and returns non-zero, or leaves the cursor
 * alone and returns 0.
 */
struct tp_cur {
	const char *s;		/* next byte */
	const char *e;		/* end of the value */
};

/* The broken-down fields of a value, before validation. */
struct tp_fields {
	int y, mo, d;		/* civil date */
	int h, mi, sec;		/* time of day, when has_time */
	int has_time;		/* a time of day was given */
	int has_off;		/* an explicit UTC offset was given */
	long off;		/* that offset in seconds east of UTC */
};

/* Floor division for a positive divisor. */
static long long
floordiv(long long a, long long b)
{
	return a / b - (a % b < 0);
}

long
tp_days_from_civil(int y, int m, int d)
{
	long yy, era, yoe, doy, doe;

	/* Howard Hinnant's days_from_civil, on a March-based year. */
	yy = (long)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
tp_civil_from_days(long days, int *y, int *m, int *d)
{
	long z, era, doe, yoe, doy, mp, yy;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* Days in month M of year Y. */
static int
month_days(int y, int m)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap;

	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : md[m - 1];
}

long
tp_local_day(long long t)
{
	return (long)floordiv(t + TP_SHANGHAI_OFFSET, 86400);
}

int
tp_local_seconds(long long t)
{
	long long l;

	l = t + TP_SHANGHAI_OFFSET;
	return (int)(l - floordiv(l, 86400) * 86400);
}

int
tp_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)((days % 7 + 7 + 3) % 7);
}

char *
tp_format_date(long days, char *buf)
{
	int y, m, d;

	tp_civil_from_days(days, &y, &m, &d);
	/* Years outside 0..9999 never come out of tp_parse(); clamp the width. */
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

char *
tp_format_time(long long t, char *buf)
{
	int s;

	tp_format_date(tp_local_day(t), buf);
	s = tp_local_seconds(t);
	buf[10] = ' ';
	buf[11] = (char)('0' + s / 36000);
	buf[12] = (char)('0' + s / 3600 % 10);
	buf[13] = ':';
	buf[14] = (char)('0' + s / 600 % 6);
	buf[15] = (char)('0' + s / 60 % 10);
	buf[16] = ':';
	buf[17] = (char)('0' + s % 60 / 10);
	buf[18] = (char)('0' + s % 10);
	buf[19] = '\0';
	return buf;
}

/* Read 1 to MAXD decimal digits into *V. */
static int
cur_num(struct tp_cur *c, int maxd, int *v)
{
	const char *p;
	int n;

	n = 0;
	for (p = c->s; p < c->e && p - c->s < maxd && *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (*p - '0');
	if (p == c->s || (p < c->e && *p >= '0' && *p <= '9'))
		return 0;
	c->s = p;
	*v = n;
	return 1;
}

/* Read exactly ND digits into *V (more digits may follow). */
static int
cur_fixed(struct tp_cur *c, int nd, int *v)
{
	int i, n;

	if (c->e - c->s < nd)
		return 0;
	n = 0;
	for (i = 0; i < nd; i++) {
		if (c->s[i] < '0' || c->s[i] > '9')
			return 0;
		n = n * 10 + (c->s[i] - '0');
	}
	c->s += nd;
	*v = n;
	return 1;
}

/* Consume the literal LIT (ASCII or UTF-8). */
static int
cur_lit(struct tp_cur *c, const char *lit)
{
	size_t n;

	n = strlen(lit);
	if ((size_t)(c->e - c->s) < n || memcmp(c->s, lit, n) != 0)
		return 0;
	c->s += n;
	return 1;
}

/* Consume one of the bytes in SET. */
static int
cur_oneof(struct tp_cur *c, const char *set, char *got)
{
	if (c->s < c->e && *c->s != '\0' && strchr(set, *c->s) != NULL) {
		*got = *c->s++;
		return 1;
	}
	return 0;
}

/* Consume blanks: spaces, tabs and U+3000; returns how many bytes. */
static size_t
cur_blanks(struct tp_cur *c)
{
	const char *p;

	p = c->s;
	for (;;) {
		if (c->s < c->e && (*c->s == ' ' || *c->s == '\t'))
			c->s++;
		else if (!cur_lit(c, "\xE3\x80\x80"))
			break;
	}
	return (size_t)(c->s - p);
}

/*
 * The date: YYYY-M-D, YYYY/M/D, YYYY.M.D (one separator throughout), or
 * YYYY年M月D日 (the 日 may be missing before a blank or the end).
 */
static int
parse_date(struct tp_cur *c, struct tp_fields *f)
{
	char sep, sep2;

	if (!cur_fixed(c, 4, &f->y))
		return 0;
	if (cur_lit(c, "年")) {
		cur_blanks(c);
		if (!cur_num(c, 2, &f->mo))
			return 0;
		cur_blanks(c);
		if (!cur_lit(c, "月"))
			return 0;
		cur_blanks(c);
		if (!cur_num(c, 2, &f->d))
			return 0;
		cur_blanks(c);
		if (!cur_lit(c, "日"))
			(void)cur_lit(c, "号");
		return 1;
	}
	if (!cur_oneof(c, "-/.", &sep) || !cur_num(c, 2, &f->mo))
		return 0;
	if (!cur_oneof(c, "-/.", &sep2) || sep2 != sep || !cur_num(c, 2, &f->d))
		return 0;
	return 1;
}

/* Optional fractional seconds: "." or "," and digits, ignored. */
static void
skip_fraction(struct tp_cur *c)
{
	char sep;
	const char *save;

	save = c->s;
	if (!cur_oneof(c, ".,", &sep))
		return;
	if (c->s >= c->e || *c->s < '0' || *c->s > '9') {
		c->s = save;
		return;
	}
	while (c->s < c->e && *c->s >= '0' && *c->s <= '9')
		c->s++;
}

/*
 * The time: H:MM[:SS[.fff]], or H时MM分[SS秒] (点 for 时 as well; the
 * minutes may be left out after 时/点).
 */
static int
parse_clock(struct tp_cur *c, struct tp_fields *f)
{
	if (!cur_num(c, 2, &f->h))
		return 0;
	f->mi = f->sec = 0;
	if (cur_lit(c, ":")) {
		if (!cur_fixed(c, 2, &f->mi))
			return 0;
		if (cur_lit(c, ":")) {
			if (!cur_fixed(c, 2, &f->sec))
				return 0;
			skip_fraction(c);
		}
	} else if (cur_lit(c, "时") || cur_lit(c, "時") || cur_lit(c, "点") ||
	    cur_lit(c, "點")) {
		if (cur_num(c, 2, &f->mi)) {
			if (!cur_lit(c, "分"))
				return 0;
			if (cur_num(c, 2, &f->sec) && !cur_lit(c, "秒"))
				return 0;
		}
	} else
		return 0;
	f->has_time = 1;
	return 1;
}

/* A UTC offset: Z, +HH:MM, +HHMM or +HH (also -). */
static int
parse_offset(struct tp_cur *c, struct tp_fields *f)
{
	char sign;
	int oh, om;

	if (cur_lit(c, "Z") || cur_lit(c, "z")) {
		f->has_off = 1;
		f->off = 0;
		return 1;
	}
	if (!cur_oneof(c, "+-", &sign) || !cur_fixed(c, 2, &oh))
		return 0;
	om = 0;
	if (cur_lit(c, ":")) {
		if (!cur_fixed(c, 2, &om))
			return 0;
	} else
		(void)cur_fixed(c, 2, &om);
	if (oh > 14 || om > 59)
		return 0;
	f->has_off = 1;
	f->off = (sign == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
	return 1;
}

/* Check the ranges of the fields. */
static int
fields_valid(const struct tp_fields *f)
{
	if (f->y < 1000 || f->mo < 1 || f->mo > 12 || f->d < 1 ||
	    f->d > month_days(f->y, f->mo))
		return 0;
	if (f->has_time && (f->h > 23 || f->mi > 59 || f->sec > 59))
		return 0;
	return 1;
}

/* One or two digits at *P (before E) into *V, moving *P past them. */
static int
quick_num(const char **p, const char *e, int *v)
{
	unsigned a, b;

	if (*p >= e || (a = (unsigned)((unsigned char)**p - '0')) > 9)
		return 0;
	if (++*p < e && (b = (unsigned)((unsigned char)**p - '0')) <= 9) {
		a = a * 10 + b;
		++*p;
	}
	*v = (int)a;
	return 1;
}

/* Exactly two digits at P into *V. */
static int
quick_two(const char *p, int *v)
{
	unsigned a = (unsigned)((unsigned char)p[0] - '0');
	unsigned b = (unsigned)((unsigned char)p[1] - '0');

	if (a > 9 || b > 9)
		return 0;
	*v = (int)(a * 10 + b);
	return 1;
}

/* The 8 bytes at P as one number (in the machine's byte order). */
static uint64_t
load8(const void *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/*
 * Non-zero when every byte of the 8 at S that MASK marks (0xFF) is an
 * ASCII digit, eight at once: a digit is 0x30-0x39, so its high nibble is
 * 3 and stays 3 when 6 is added.  A carry out of an unmarked byte can only
 * turn a digit into a non-digit (and send the value to the general path),
 * never the reverse.
 */
static int
digits8(const char *s, const unsigned char *mask)
{
	uint64_t v = load8(s), m = load8(mask);
	uint64_t hi = 0x3030303030303030ULL & m, nib = 0xF0F0F0F0F0F0F0F0ULL & m;

	return (v & nib) == hi && ((v + 0x0606060606060606ULL) & nib) == hi;
}

/*
 * YYYY-MM-DD and YYYY-MM-DD HH:MM:SS (- or /, space or T), the layout
 * nearly every export writes, at fixed positions and with no call per
 * field.  Returns 1 with *OUT set, -1 when the fields are out of range
 * (the general parser rejects them too), or 0 when S[0..N) is laid out
 * otherwise.
 */
static int
parse_fixed(const char *s, size_t n, struct tp_time *out)
{
	static const unsigned char ymd[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0xFF,
		0xFF, 0 };		/* YYYY-MM- */
	static const unsigned char pairs[8] = { 0xFF, 0xFF, 0, 0xFF, 0xFF, 0,
		0xFF, 0xFF };		/* YY-MM-DD, DD HH:MM, HH:MM:SS */
	char sep = s[4];
	unsigned y, mo, d, h = 0, mi = 0, sec = 0, yy, era, yoe, doy;
	long long days;

	if ((sep != '-' && sep != '/') || s[7] != sep || !digits8(s, ymd))
		return 0;
	if (n == 10 ? !digits8(s + 2, pairs) :
	    (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' ||
	    !digits8(s + 8, pairs) || !digits8(s + 11, pairs))
		return 0;
#define D(i) ((unsigned)((unsigned char)s[i] - '0'))
	y = D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3);
	mo = D(5) * 10 + D(6);
	d = D(8) * 10 + D(9);
	if (n == 19) {
		h = D(11) * 10 + D(12);
		mi = D(14) * 10 + D(15);
		sec = D(17) * 10 + D(18);
	}
#undef D
	if (y < 1000 || mo < 1 || mo > 12 || d < 1 ||
	    d > (unsigned)month_days((int)y, (int)mo) || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	/* tp_days_from_civil() for years from 1000 on: nothing negative. */
	yy = y - (mo <= 2);
	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	days = (long long)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 +
	    doy - 719468;
	out->t = days * 86400 + h * 3600 + mi * 60 + sec - TP_SHANGHAI_OFFSET;
	out->has_time = n == 19;
	return 1;
}

/*
 * The forms nearly every export writes, read without the general
 * cursor: YYYY-M-D or YYYY/M/D, then optionally one space or T and
 * H:MM[:SS], nothing else (no blanks, fraction or offset).  Fills F and
 * returns 1 exactly when the general parser would read the same fields;
 * returns 0 (F partly written) for anything else, which then takes the
 * general path.  Two thirds of the time of cs-stats and cs-eta went into
 * that path for these forms.
 */
static int
parse_quick(const char *s, size_t n, struct tp_fields *f)
{
	const char *p = s + 5, *e = s + n;
	char sep = s[4];
	int i;

	if (n < 8 || (sep != '-' && sep != '/'))
		return 0;
	for (f->y = 0, i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		f->y = f->y * 10 + (s[i] - '0');
	}
	if (!quick_num(&p, e, &f->mo) || p >= e || *p++ != sep ||
	    !quick_num(&p, e, &f->d))
		return 0;
	f->h = f->mi = f->sec = 0;
	f->has_time = 0;
	f->has_off = 0;
	f->off = 0;
	if (p == e)
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	p++;
	if (!quick_num(&p, e, &f->h) || e - p < 3 || *p != ':' ||
	    !quick_two(p + 1, &f->mi))
		return 0;
	p += 3;
	if (p < e && (e - p != 3 || *p != ':' || !quick_two(p + 1, &f->sec)))
		return 0;
	f->has_time = 1;
	return 1;
}

/* Every accepted form of S[0..N) into F; 1, or 0 when it is none. */
static int
parse_general(const char *s, size_t n, struct tp_fields *f)
{
	struct tp_cur c;

	cell_value(&s, &n);
	c.s = s;
	c.e = s + n;
	memset(f, 0, sizeof(*f));
	if (!parse_date(&c, f))
		return 0;
	if (c.s < c.e) {
		/* After 日 the time may follow at once; after a digit it may not. */
		if (!cur_lit(&c, "T") && cur_blanks(&c) == 0 &&
		    c.s[-1] >= '0' && c.s[-1] <= '9')
			return 0;
		if (!parse_clock(&c, f))
			return 0;
		cur_blanks(&c);
		if (c.s < c.e && !parse_offset(&c, f))
			return 0;
		if (c.s != c.e)
			return 0;
	}
	return 1;
}

int
tp_parse(const char *s, size_t n, struct tp_time *out)
{
	struct tp_fields f;
	long long days, secs;
	int rc;

	if ((n == 10 || n == 19) && (rc = parse_fixed(s, n, out)) != 0)
		return rc > 0 ? 0 : -1;
	/*
	 * A value that starts and ends with a digit has nothing for
	 * cell_value() to peel off: try the common forms first.
	 */
	if (!(n >= 8 && s[0] >= '0' && s[0] <= '9' && s[n - 1] >= '0' &&
	    s[n - 1] <= '9' && parse_quick(s, n, &f)) &&
	    !parse_general(s, n, &f))
		return -1;
	if (!fields_valid(&f))
		return -1;
	days = tp_days_from_civil(f.y, f.mo, f.d);
	secs = days * 86400LL + f.h * 3600LL + f.mi * 60LL + f.sec;
	out->t = secs - (f.has_off ? f.off : TP_SHANGHAI_OFFSET);
	out->has_time = f.has_time;
	return 0;
}
