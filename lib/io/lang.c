#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/lang.h"

#define LANG_ZH "lang-zh.csv"	/* the embedded Chinese table */

/* Order of entries: context, then English. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct lang_entry *x = a, *y = b;
	int r = strcmp(x->ctx, y->ctx);

	return r != 0 ? r : strcmp(x->en, y->en);
}

/*
 * The printf conversions of S as a signature into BUF (CAP bytes):
 * length modifier and conversion of each, comma-separated; "%%" is none.
 * Returns 0, or -1 for a '%' that starts no conversion.
 */
static int
conversions(const char *s, char *buf, size_t cap)
{
	size_t k = 0;

	buf[0] = '\0';
	for (; *s != '\0'; s++) {
		const char *start;

		if (*s != '%')
			continue;
		if (*++s == '%')
			continue;
		s += strspn(s, "-+ #0");
		s += strspn(s, "0123456789");
		if (*s == '.') {
			s++;
			s += strspn(s, "0123456789");
		}
		start = s;
		s += strspn(s, "hljztL");
		if (*s == '\0' || strchr("diouxXeEfFgGaAcsp", *s) == NULL)
			return -1;
		if (k + (size_t)(s - start) + 3 > cap)
			return -1;
		memcpy(buf + k, start, (size_t)(s - start) + 1);
		k += (size_t)(s - start) + 1;
		buf[k++] = ',';
		buf[k] = '\0';
	}
	return 0;
}

/* Check entry E as read at DF's line; 0, or -1 after a message. */
static int
check_entry(struct datafile *df, const struct lang_entry *e)
{
	char a[256], b[256];

	if (strcmp(e->ctx, "header") != 0 && strcmp(e->ctx, "text") != 0 &&
	    strcmp(e->ctx, "meta") != 0 && (strncmp(e->ctx, "value:", 6) != 0 ||
	    e->ctx[6] == '\0')) {
		datafile_error(df, "context: expected header, value:COLUMN, text "
		    "or meta, got '%s'", e->ctx);
		return -1;
	}
	if (e->enlen == 0 || e->zhlen == 0) {
		datafile_error(df, "empty %s", e->enlen == 0 ? "en" : "zh");
		return -1;
	}
	if (strchr(e->en, '%') == NULL)
		return 0;	/* a literal: written as it is */
	if (conversions(e->en, a, sizeof a) != 0 ||
	    conversions(e->zh, b, sizeof b) != 0 || strcmp(a, b) != 0) {
		datafile_error(df, "'%s' must have the %%-conversions of '%s', "
		    "in the same order", e->zh, e->en);
		return -1;
	}
	return 0;
}

static char *
dup_field(const char *s)
{
	return xstrdup(s);
}

static int
on_entry(void *ctx, struct datafile *df, const struct record *r)
{
	struct lang *l = ctx;
	struct lang_entry e;

	if (datafile_col(df, "context") < 0 || datafile_col(df, "en") < 0 ||
	    datafile_col(df, "zh") < 0) {
		datafile_error(df, "expected the columns context, en and zh");
		return 1;
	}
	memset(&e, 0, sizeof e);
	e.ctx = (char *)(uintptr_t)datafile_get(df, r, "context");
	e.en = (char *)(uintptr_t)datafile_get(df, r, "en");
	e.zh = (char *)(uintptr_t)datafile_get(df, r, "zh");
	e.enlen = strlen(e.en);
	e.zhlen = strlen(e.zh);
	if (check_entry(df, &e) != 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->e = xreallocarray(l->e, l->cap, sizeof *l->e);
	}
	e.ctx = dup_field(e.ctx);
	e.en = dup_field(e.en);
	e.zh = dup_field(e.zh);
	e.plain = out_plain(e.zh, e.zhlen);
	l->e[l->n++] = e;
	return 0;
}

/* Sort L and refuse an English text given twice in one context. */
static int
sort_entries(struct lang *l)
{
	size_t i;

	qsort(l->e, l->n, sizeof *l->e, cmp_entry);
	for (i = 1; i < l->n; i++)
		if (cmp_entry(&l->e[i - 1], &l->e[i]) == 0) {
			cs_warnx("%s: '%s' is translated twice in context '%s'",
			    l->file, l->e[i].en, l->e[i].ctx);
			return -1;
		}
	return 0;
}

int
lang_open(const char *arg, struct lang **lp)
{
	struct lang *l;
	const char *path = NULL;

	*lp = NULL;
	if (strcmp(arg, "en") == 0)
		return 0;
	if (strchr(arg, '/') != NULL || strchr(arg, '.') != NULL)
		path = arg;
	else if (strcmp(arg, "zh") != 0 && strcmp(arg, "zh-CN") != 0 &&
	    strcmp(arg, "zh_CN") != 0 && strcmp(arg, "cn") != 0) {
		cs_warnx("--lang: expected en, zh or a translation file, got "
		    "'%s'", arg);
		return -1;
	}
	l = xcalloc(1, sizeof *l);
	l->file = path != NULL ? path : LANG_ZH;
	if (datafile_read(path, LANG_ZH, on_entry, l) != 0 ||
	    sort_entries(l) != 0) {
		lang_free(l);
		return -1;
	}
	*lp = l;
	return 0;
}

void
lang_free(struct lang *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->e[i].ctx);
		free(l->e[i].en);
		free(l->e[i].zh);
	}
	free(l->e);
	free(l);
}

const struct lang_entry *
lang_find(const struct lang *l, const char *ctx, const char *en)
{
	struct lang_entry key;

	if (l == NULL || l->n == 0)
		return NULL;
	key.ctx = (char *)(uintptr_t)ctx;
	key.en = (char *)(uintptr_t)en;
	return bsearch(&key, l->e, l->n, sizeof *l->e, cmp_entry);
}

const char *
lang_header(const struct lang *l, const char *en)
{
	const struct lang_entry *e = lang_find(l, "header", en);

	return e != NULL ? e->zh : en;
}

const char *
lang_text(const struct lang *l, const char *en)
{
	const struct lang_entry *e = lang_find(l, "text", en);

	return e != NULL ? e->zh : en;
}

const char *
lang_value(const struct lang *l, const char *column, const char *en)
{
	struct lang_values v = lang_values(l, column);
	const struct lang_entry *e = lang_values_get(&v, en, strlen(en));

	return e != NULL ? e->zh : en;
}

struct lang_values
lang_values(const struct lang *l, const char *column)
{
	struct lang_values v = { NULL, 0 };
	char ctx[128];
	size_t lo = 0, hi, n;

	if (l == NULL || snprintf(ctx, sizeof ctx, "value:%s", column) >=
	    (int)sizeof ctx)
		return v;
	/* The first entry whose context is not below CTX. */
	hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(l->e[mid].ctx, ctx) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < l->n && strcmp(l->e[lo + n].ctx, ctx) == 0; n++)
		;
	if (n > 0) {
		v.e = &l->e[lo];
		v.n = n;
	}
	return v;
}

const struct lang_entry *
lang_values_get(const struct lang_values *v, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->e[i].enlen == n && memcmp(v->e[i].en, s, n) == 0)
			return &v->e[i];
	return NULL;
}

const char *
lang_tag(const struct lang *l)
{
	const struct lang_entry *e = lang_find(l, "meta", "tag");

	return e != NULL ? e->zh : "en";
}

void
lang_out_header(const struct lang *l, struct out *o,
    const char *const *names, size_t n)
{
	char *hdr[64];
	size_t lens[64], i;

	for (i = 0; i < n && i < 64; i++) {
		hdr[i] = (char *)(uintptr_t)lang_header(l, names[i]);
		lens[i] = strlen(hdr[i]);
	}
	out_header(o, hdr, lens, i);
}
