#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "io/cell.h"
#include "io/money.h"

/* A thousands group after a comma: exactly three digits, then the end, '.' or ','. */
static int
thousands(const char *s, size_t n)
{
	return n >= 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && (n == 3 || s[3] == '.' || s[3] == ',');
}

int
decimal_parse(const char *s, size_t n, int scale, int ceil, long long *out)
{
	long long v = 0;
	int neg = 0, digits = 0, frac = -1, extra = 0;
	size_t i = 0;

	cell_value(&s, &n);
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n; i++) {
		char c = s[i];

		if (c == ',' && frac < 0 && digits > 0 && thousands(s + i + 1, n - i - 1))
			continue;
		if (c == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (c < '0' || c > '9')
			return -1;
		digits++;
		if (frac >= 0 && frac >= scale) {
			extra |= c != '0';
			continue;
		}
		if (v > (LLONG_MAX - (c - '0')) / 10)
			return -1;
		v = v * 10 + (c - '0');
		if (frac >= 0)
			frac++;
	}
	if (digits == 0)
		return -1;
	if (extra && !ceil)
		return -1;
	for (frac = frac < 0 ? 0 : frac; frac < scale; frac++) {
		if (v > LLONG_MAX / 10)
			return -1;
		v *= 10;
	}
	if (extra && !neg)
		v++;
	*out = neg ? -v : v;
	return 0;
}

/* Strip a currency sign or a trailing 元 around the number. */
static void
strip_currency(const char **s, size_t *n)
{
	static const char *const pre[] = { "\xC2\xA5", "\xEF\xBF\xA5", "RMB", "CNY" }; /* ¥ ￥ */
	size_t i, k;

	cell_value(s, n);
	for (i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		k = strlen(pre[i]);
		if (*n >= k && memcmp(*s, pre[i], k) == 0) {
			*s += k;
			*n -= k;
			break;
		}
	}
	if (*n >= 3 && memcmp(*s + *n - 3, "\xE5\x85\x83", 3) == 0) /* 元 */
		*n -= 3;
	cell_value(s, n);
}

int
money_parse(const char *s, size_t n, long long *fen)
{
	strip_currency(&s, &n);
	return decimal_parse(s, n, 2, 0, fen);
}

/* Write the decimal digits of V at the end of BUF[0..*POS), moving *POS back. */
static void
digits_back(unsigned long long v, char *buf, size_t *pos, int min)
{
	int n = 0;

	do {
		buf[--*pos] = (char)('0' + v % 10);
		v /= 10;
		n++;
	} while (v > 0 || n < min);
}

/*
 * Formatting by hand rather than with snprintf: these run once or twice per
 * row, and printf's machinery would cost more than the fee computation.
 */
char *
money_format(long long fen, char buf[32])
{
	unsigned long long a = fen < 0 ? 0ull - (unsigned long long)fen :
	    (unsigned long long)fen;
	char tmp[32];
	size_t pos = sizeof tmp;

	digits_back(a % 100, tmp, &pos, 2);
	tmp[--pos] = '.';
	digits_back(a / 100, tmp, &pos, 1);
	if (fen < 0)
		tmp[--pos] = '-';
	memcpy(buf, tmp + pos, sizeof tmp - pos);
	buf[sizeof tmp - pos] = '\0';
	return buf;
}

char *
decimal_format(long long v, int scale, char buf[32])
{
	unsigned long long a = v < 0 ? 0ull - (unsigned long long)v :
	    (unsigned long long)v, p = 1, frac;
	char tmp[48];
	size_t pos = sizeof tmp;
	int i, width = scale;

	for (i = 0; i < scale; i++)
		p *= 10;
	frac = a % p;
	while (frac != 0 && frac % 10 == 0) {
		frac /= 10;
		width--;
	}
	if (frac != 0) {
		digits_back(frac, tmp, &pos, width);
		tmp[--pos] = '.';
	}
	digits_back(a / p, tmp, &pos, 1);
	if (v < 0)
		tmp[--pos] = '-';
	memcpy(buf, tmp + pos, sizeof tmp - pos);
	buf[sizeof tmp - pos] = '\0';
	return buf;
}
