#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cell.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/money.h"
#include "ship/rates.h"
#include "ship/weights.h"

struct wentry {
	char *key;		/* product title or SKU */
	size_t len;		/* its length */
	long long grams;	/* its weight */
};

struct weights {
	struct wentry *e;	/* entries, longest key first */
	size_t n, cap;		/* fill and size */
	long kcol, wcol;	/* key and weight columns of the file */
};

static const struct datafile_kind weights_kind = {
	"weights table", NULL, DATAFILE_MAX_WEIGHTS, NULL
};

static const struct {
	const char *suffix;	/* unit as written */
	long long grams;	/* grams per unit */
} units[] = {
	{ "kg", 1000 }, { "KG", 1000 }, { "Kg", 1000 },
	{ "\xE5\x85\xAC\xE6\x96\xA4", 1000 },	/* 公斤 */
	{ "\xE5\x8D\x83\xE5\x85\x8B", 1000 },	/* 千克 */
	{ "g", 1 }, { "G", 1 },
	{ "\xE5\x85\x8B", 1 },			/* 克 */
	{ "\xE6\x96\xA4", 500 },		/* 斤 */
};

int
weight_parse(const char *s, size_t n, long long unit_g, long long *grams)
{
	size_t i;
	long long v;

	cell_value(&s, &n);
	/* Most cells are bare numbers: no unit to look for. */
	for (i = 0; n > 0 && (s[n - 1] < '0' || s[n - 1] > '9') &&
	    i < sizeof units / sizeof units[0]; i++) {
		size_t k = strlen(units[i].suffix);

		if (n > k && memcmp(s + n - k, units[i].suffix, k) == 0) {
			n -= k;
			unit_g = units[i].grams;
			break;
		}
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	/* Milligram precision, then grams rounded up. */
	if (decimal_parse(s, n, 3, 1, &v) != 0)
		return -1;
	if (v > 0 && v > (long long)9e15 / unit_g)
		return -1;
	v *= unit_g;
	*grams = v >= 0 ? (v + 999) / 1000 : -((-v) / 1000);
	return 0;
}

static long
find_col(const struct datafile *df, const char *const *names)
{
	long k;

	for (; *names != NULL; names++)
		if ((k = datafile_col(df, *names)) >= 0)
			return k;
	return -1;
}

static int
on_entry(void *ctx, struct datafile *df, const struct record *r)
{
	static const char *const keys[] = { "key", "sku", "SKU", "title",
	    "商品", "宝贝标题", "商品名称", "商家编码", NULL };
	static const char *const ws[] = { "kg", "weight", "weight_kg", "重量",
	    "重量(kg)", NULL };
	struct weights *w = ctx;
	struct wentry *e;

	if (w->n == 0 && w->kcol < 0) {
		w->kcol = find_col(df, keys);
		w->wcol = find_col(df, ws);
		if (w->kcol < 0 || w->wcol < 0) {
			datafile_header_error(df, "expected a key column (key, sku, "
			    "title, 商品, 宝贝标题) and a weight column (kg, weight, "
			    "重量): not a weights table");
			return 1;
		}
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->e = xreallocarray(w->e, w->cap, sizeof *w->e);
	}
	e = &w->e[w->n];
	if (weight_parse(r->f[w->wcol], r->len[w->wcol], 1000, &e->grams) != 0 ||
	    e->grams <= 0) {
		datafile_error(df, "weight: expected a positive weight, got '%s'",
		    datafile_quote(df, r->f[w->wcol]));
		return 0;
	}
	if (e->grams > RATES_MAX_GRAMS) {
		datafile_error(df, "weight: '%s' is over the 1000 kg a parcel can "
		    "weigh", r->f[w->wcol]);
		return 0;
	}
	if (r->len[w->kcol] == 0) {
		datafile_error(df, "key: empty");
		return 0;
	}
	if (datafile_key(df, "key", r->f[w->kcol], r->len[w->kcol], NULL) != 0)
		return 0;
	e->key = xstrdup(r->f[w->kcol]);
	e->len = r->len[w->kcol];
	w->n++;
	return 0;
}

static int
longer_first(const void *a, const void *b)
{
	const struct wentry *x = a, *y = b;

	return (x->len < y->len) - (x->len > y->len);
}

struct weights *
weights_load(const char *path)
{
	struct weights *w = xcalloc(1, sizeof *w);

	w->kcol = w->wcol = -1;
	if (datafile_load(path, &weights_kind, on_entry, w) != 0) {
		weights_free(w);
		return NULL;
	}
	if (w->n > 1)	/* w->e is NULL for a file with no entries */
		qsort(w->e, w->n, sizeof *w->e, longer_first);
	return w;
}

void
weights_free(struct weights *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->e[i].key);
	free(w->e);
	free(w);
}

/*
 * A linear scan: weights tables list a shop's products (tens to a few
 * thousand rows), and exact keys are tried first.
 */
int
weights_lookup(const struct weights *w, const char *key, size_t len,
    long long *grams)
{
	size_t i;

	cell_value(&key, &len);
	for (i = 0; i < w->n; i++)
		if (w->e[i].len == len && memcmp(w->e[i].key, key, len) == 0) {
			*grams = w->e[i].grams;
			return 0;
		}
	for (i = 0; i < w->n; i++)	/* longest first */
		if (w->e[i].len < len && memmem(key, len, w->e[i].key, w->e[i].len)) {
			*grams = w->e[i].grams;
			return 0;
		}
	return -1;
}
