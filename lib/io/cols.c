#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cols.h"
#include "io/diag.h"
#include "text/normalize.h"

/*
 * Blanks and separators that do not count in a header name: ASCII space,
 * tab, CR, LF, '_' and '-', NBSP, the Unicode spaces U+2000-U+200B,
 * U+202F, U+205F, the ideographic space U+3000 and a stray BOM (U+FEFF).
 * Exports pad headers with them ("收货地址\u00a0", "\t订单编号").
 */
static int
ignored(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	    cp == '_' || cp == '-' || cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200b) ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

/*
 * The next character of a header name after the shared normalisation
 * (norm_codepoint(): traditional -> simplified, full-width -> ASCII,
 * lower case), with what ignored() names left out; -1 at the end.
 */
static long
fold_next(const char **s, const char *end)
{
	while (*s < end) {
		uint32_t cp;
		size_t k = norm_utf8_decode((const unsigned char *)*s,
		    (size_t)(end - *s), &cp);

		if (k == 0) {		/* not UTF-8: the byte itself */
			cp = 0x110000u + (unsigned char)**s;
			k = 1;
		}
		*s += k;
		if (ignored(cp))
			continue;
		/* Full-width '_' and '-' and the ideographic space fold to ASCII. */
		cp = cp < 0x110000u ? norm_codepoint(NULL, cp) : cp;
		if (ignored(cp))
			continue;
		return (long)cp;
	}
	return -1;
}

static int
name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ae = a + alen, *be = b + blen;
	long ca, cb;

	do {
		ca = fold_next(&a, ae);
		cb = fold_next(&b, be);
		if (ca != cb)
			return 0;
	} while (ca != -1);
	return 1;
}

long
cols_find(const char *name, char *const *hdr, const size_t *hlen, size_t nhdr)
{
	size_t i;

	for (i = 0; i < nhdr; i++)
		if (name_eq(name, strlen(name), hdr[i], hlen[i]))
			return (long)i;
	return -1;
}

/*
 * The headers folded once (fold_next() over each), so that matching every
 * alias of every column against them is a length and memcmp() test: a
 * header of 100,000 columns is folded 100,000 times, not once per alias.
 */
struct folded {
	uint32_t *cp;		/* every header's folded characters, in a row */
	size_t *off, *len;	/* header I is cp[off[I] .. off[I] + len[I]) */
};

static size_t
fold_all(const char *s, size_t n, uint32_t *out)
{
	const char *end = s + n;
	size_t k = 0;
	long c;

	while ((c = fold_next(&s, end)) != -1)
		out[k++] = (uint32_t)c;
	return k;
}

static void
fold_headers(char *const *hdr, const size_t *hlen, size_t nhdr, struct folded *f)
{
	size_t i, total = 0;

	for (i = 0; i < nhdr; i++)
		total += hlen[i];
	f->cp = xreallocarray(NULL, total + 1, sizeof *f->cp);
	f->off = xreallocarray(NULL, nhdr + 1, sizeof *f->off);
	f->len = xreallocarray(NULL, nhdr + 1, sizeof *f->len);
	for (i = 0, total = 0; i < nhdr; i++) {
		f->off[i] = total;
		f->len[i] = fold_all(hdr[i], hlen[i], f->cp + total);
		total += f->len[i];
	}
}

static void
folded_free(struct folded *f)
{
	free(f->cp);
	free(f->off);
	free(f->len);
}

/* First header matching one of the '|'-separated ALIASES, or -1. */
static long
find_alias(const char *aliases, char *const *hdr, const size_t *hlen, size_t nhdr,
    const struct folded *f)
{
	const char *a = aliases;
	uint32_t want[256];

	while (*a != '\0') {
		const char *bar = strchr(a, '|');
		size_t n = bar ? (size_t)(bar - a) : strlen(a);
		size_t i, wn;

		if (f != NULL && n <= sizeof want / sizeof want[0]) {
			wn = fold_all(a, n, want);
			for (i = 0; i < nhdr; i++)
				if (f->len[i] == wn && memcmp(f->cp + f->off[i], want,
				    wn * sizeof want[0]) == 0)
					return (long)i;
		} else {
			for (i = 0; i < nhdr; i++)
				if (name_eq(a, n, hdr[i], hlen[i]))
					return (long)i;
		}
		a += n + (bar != NULL);
	}
	return -1;
}

int
cols_parse_override(char *arg, struct col_override *ov)
{
	char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || eq[1] == '\0')
		return -1;
	*eq = '\0';
	ov->name = arg;
	ov->header = eq + 1;
	return 0;
}

static long
resolve_override(const struct col_override *o, char *const *hdr,
    const size_t *hlen, size_t nhdr, const char *file)
{
	char *end;
	long k;

	k = strtol(o->header, &end, 10);
	if (*end == '\0' && end != o->header) {
		if (k < 1 || (hdr != NULL && (size_t)k > nhdr)) {
			cs_warnx_at(file, 0, "--column %s=%s: no field %ld (the input has %zu)",
			    o->name, o->header, k, nhdr);
			return -2;
		}
		return k - 1;
	}
	if (hdr == NULL) {
		cs_warnx_at(file, 0, "--column %s=%s: input has no header; give a field number",
		    o->name, o->header);
		return -2;
	}
	k = cols_find(o->header, hdr, hlen, nhdr);
	if (k < 0)
		cs_warnx_at(file, 0, "--column %s=%s: no such column in the header",
		    o->name, o->header);
	return k < 0 ? -2 : k;
}

static int
overridden(const struct colspec *spec, const struct col_override *ov, size_t nov)
{
	size_t j;

	for (j = 0; j < nov; j++)
		if (strcmp(ov[j].name, spec->name) == 0)
			return 1;
	return 0;
}

/*
 * Two columns with the very header that SPEC found at K (exports merged
 * by hand have them): the first one is used, and the user is told which
 * and how to choose the other, instead of a silent pick.
 */
static void
warn_duplicate(const struct colspec *spec, long k, char *const *hdr,
    const size_t *hlen, size_t nhdr, const char *file)
{
	size_t j;

	for (j = (size_t)k + 1; j < nhdr; j++)
		if (hlen[j] == hlen[k] && memcmp(hdr[j], hdr[k], hlen[k]) == 0) {
			cs_warnx_at(file, 0, "columns %ld and %zu are both named '%s'; "
			    "using %ld for %s (choose with --column %s=%zu)",
			    k + 1, j + 1, hdr[k], k + 1, spec->name, spec->name, j + 1);
			return;
		}
}

int
cols_resolve(const struct colspec *specs, size_t nspecs,
    char *const *hdr, const size_t *hlen, size_t nhdr,
    const struct col_override *ov, size_t nov, long *idx, const char *file)
{
	size_t i, j;
	struct folded f;
	int have_f;

	for (j = 0; j < nov; j++) {
		for (i = 0; i < nspecs; i++)
			if (strcmp(ov[j].name, specs[i].name) == 0)
				break;
		if (i == nspecs) {
			cs_warnx("--column: unknown column name '%s'", ov[j].name);
			return -1;
		}
	}
	if ((have_f = hdr != NULL))
		fold_headers(hdr, hlen, nhdr, &f);
	for (i = 0; i < nspecs; i++) {
		idx[i] = hdr ? find_alias(specs[i].aliases, hdr, hlen, nhdr,
		    have_f ? &f : NULL) : -1;
		if (idx[i] >= 0 && !overridden(&specs[i], ov, nov))
			warn_duplicate(&specs[i], idx[i], hdr, hlen, nhdr, file);
		for (j = 0; j < nov; j++) {
			if (strcmp(ov[j].name, specs[i].name) != 0)
				continue;
			idx[i] = resolve_override(&ov[j], hdr, hlen, nhdr, file);
			if (idx[i] == -2) {
				if (have_f)
					folded_free(&f);
				return -1;
			}
		}
	}
	if (have_f)
		folded_free(&f);
	return 0;
}

void
cols_missing(const struct colspec *spec, const char *file)
{
	char tried[512];
	const char *a;
	size_t n = 0;

	for (a = spec->aliases; *a != '\0' && n + 3 < sizeof tried; a++) {
		if (*a == '|') {
			tried[n++] = ',';
			tried[n++] = ' ';
		} else {
			tried[n++] = *a;
		}
	}
	tried[n] = '\0';
	cs_warnx_at(file, 0, "missing column '%s' (tried: %s); name it with --column %s=HEADER",
	    spec->name, tried, spec->name);
}
