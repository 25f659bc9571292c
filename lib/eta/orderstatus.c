#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "eta/orderstatus.h"

#define OS_KEY_MAX 128		/* bytes of a value that are compared */

struct os_line {
	char *key;		/* normalised value, without the trailing '*' */
	size_t len;		/* its length */
	int prefix;		/* the line ended in '*' */
	int status;		/* enum order_status */
};

struct ostatus {
	struct os_line *lines;	/* in file order */
	size_t n, cap;		/* fill and size */
};

static const char *const os_names[] = {
	[OS_UNPAID] = "unpaid", [OS_PAID] = "paid", [OS_SHIPPED] = "shipped",
	[OS_DELIVERED] = "delivered", [OS_CANCELLED] = "cancelled",
};

/* Full-width and CJK punctuation that does not count, as UTF-8. */
static const char *const os_punct[] = {
	"\xef\xbc\x8c",	/* ， */
	"\xe3\x80\x82",	/* 。 */
	"\xe3\x80\x81",	/* 、 */
	"\xef\xbc\x9a",	/* ： */
	"\xef\xbc\x88",	/* （ */
	"\xef\xbc\x89",	/* ） */
	"\xe3\x80\x90",	/* 【 */
	"\xe3\x80\x91",	/* 】 */
	"\xe3\x80\x80",	/* ideographic space */
	"\xef\xbc\x8d",	/* － */
	"\xef\xbc\x8f",	/* ／ */
};

/* Length of the punctuation at S[0..N) that does not count, or 0. */
static size_t
punct_len(const char *s, size_t n)
{
	size_t i;

	if (strchr(" \t\r\n,.;:()[]-_/\"'", *s) != NULL)
		return 1;
	if (n < 3)
		return 0;
	for (i = 0; i < sizeof os_punct / sizeof os_punct[0]; i++)
		if (memcmp(s, os_punct[i], 3) == 0)
			return 3;
	return 0;
}

/*
 * S[0..N) without spaces and punctuation, ASCII lower-cased, into BUF (at
 * least OS_KEY_MAX + 1 bytes); its length.  Longer values are cut.
 */
static size_t
os_key(const char *s, size_t n, char *buf)
{
	size_t i = 0, k = 0, p;

	while (i < n && k < OS_KEY_MAX) {
		if (s[i] == '\0')
			break;
		if ((p = punct_len(s + i, n - i)) > 0) {
			i += p;
			continue;
		}
		buf[k++] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		i++;
	}
	buf[k] = '\0';
	return k;
}

static int
os_parse_name(const char *name)
{
	int i;

	for (i = OS_UNPAID; i <= OS_CANCELLED; i++)
		if (strcmp(name, os_names[i]) == 0)
			return i;
	return -1;
}

/* datafile callback: one wording. */
static int
on_status(void *ctx, struct datafile *df, const struct record *r)
{
	struct ostatus *t = ctx;
	const char *value = datafile_get(df, r, "value");
	const char *name = datafile_get(df, r, "status");
	char key[OS_KEY_MAX + 1];
	struct os_line l;
	size_t n = strlen(value), i;

	l.prefix = n > 0 && value[n - 1] == '*';
	l.len = os_key(value, n - (size_t)l.prefix, key);
	if (l.len == 0) {
		datafile_error(df, "value '%s' is empty without its spaces and "
		    "punctuation", value);
		return 0;
	}
	if ((l.status = os_parse_name(name)) < 0) {
		datafile_error(df, "status '%s' is not unpaid, paid, shipped, "
		    "delivered or cancelled", name);
		return 0;
	}
	for (i = 0; i < t->n; i++)
		if (t->lines[i].prefix == l.prefix && t->lines[i].len == l.len &&
		    memcmp(t->lines[i].key, key, l.len) == 0) {
			datafile_error(df, "a second line for value '%s'", value);
			return 0;
		}
	l.key = xstrdup(key);
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->lines = xreallocarray(t->lines, t->cap, sizeof *t->lines);
	}
	t->lines[t->n++] = l;
	return 0;
}

struct ostatus *
ostatus_load(const char *path)
{
	struct ostatus *t = xcalloc(1, sizeof *t);

	if (datafile_read(path, "order-status.csv", on_status, t) != 0) {
		ostatus_free(t);
		return NULL;
	}
	return t;
}

void
ostatus_free(struct ostatus *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->lines[i].key);
	free(t->lines);
	free(t);
}

int
ostatus_lookup(const struct ostatus *t, const char *s, size_t n)
{
	char key[OS_KEY_MAX + 1];
	const struct os_line *best = NULL;
	size_t k = os_key(s, n, key), i;

	if (k == 0)
		return OS_NONE;
	for (i = 0; i < t->n; i++) {
		const struct os_line *l = &t->lines[i];

		if (!l->prefix) {
			if (l->len == k && memcmp(l->key, key, k) == 0)
				return l->status;
		} else if (l->len <= k && memcmp(l->key, key, l->len) == 0 &&
		    (best == NULL || l->len > best->len))
			best = l;
	}
	return best != NULL ? best->status : OS_UNKNOWN;
}
