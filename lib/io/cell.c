#include <string.h>

#include "io/cell.h"

size_t
cell_blank_at(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
		return 2;
	return 0;
}

size_t
cell_blank_before(const char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
	    s[n - 1] == '\n'))
		return 1;
	if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
		return 3;
	if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
		return 2;
	return 0;
}

static void
trim(const char **s, size_t *n)
{
	size_t k;

	while ((k = cell_blank_at(*s, *n)) > 0) {
		*s += k;
		*n -= k;
	}
	while ((k = cell_blank_before(*s, *n)) > 0)
		*n -= k;
}

int
cell_bare(const char *s, size_t n)
{
	unsigned char a, z;

	if (n == 0)
		return 0;
	a = (unsigned char)s[0];
	z = (unsigned char)s[n - 1];
	/* 0xE3 and 0xC2 lead U+3000 and U+00A0; 0x80 and 0xA0 end them. */
	return a > ' ' && a != '"' && a != '=' && a != 0xE3 && a != 0xC2 &&
	    z > ' ' && z != '"' && z != 0x80 && z != 0xA0;
}

void
cell_value(const char **s, size_t *n)
{
	if (*n == 0 || cell_bare(*s, *n))
		return;
	trim(s, n);
	if (*n >= 3 && (*s)[0] == '=' && (*s)[1] == '"' && (*s)[*n - 1] == '"') {
		*s += 2;
		*n -= 3;
		trim(s, n);
	} else if (*n >= 2 && (*s)[0] == '"' && (*s)[*n - 1] == '"') {
		*s += 1;
		*n -= 2;
		trim(s, n);
	}
}

int
cell_empty(const char *s, size_t n)
{
	cell_value(&s, &n);
	return n == 0;
}

int
cell_eq(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}
