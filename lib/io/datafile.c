#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/embed.h"

#define CHUNK ((size_t)1 << 16)	/* bytes read at a time */

/* A key noted by datafile_key(). */
struct dfkey {
	char *key;		/* its bytes (NULL: a free slot) */
	size_t len;		/* their length */
	long line;		/* where it was first seen */
};

/* The keys of one file: open addressing, at most half full. */
struct dfkeys {
	struct dfkey *slot;	/* the table */
	size_t nslot;		/* its size, a power of two */
	size_t n;		/* keys in it */
};

/* State of one datafile_load() call. */
struct dfread {
	struct datafile df;	/* what the callback sees */
	datafile_fn fn;		/* the caller's callback */
	void *ctx;		/* its context */
	long nlines;		/* lines in the file */
	int gave_up;		/* stopped after too many errors, or a bad header */
};

static int
is_blank(const struct record *r)
{
	return r->n == 0 || (r->n == 1 && r->len[0] == 0);
}

/*
 * Empty, in place, every line of DATA[0..LEN) that starts with '#' (its
 * newline kept, so line numbers stay right): comments are not CSV and may
 * hold an odd number of quotes.  Returns the new length.
 */
static size_t
strip_comments(char *data, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) + 1 : len;

		if (data[i] == '#') {
			if (nl != NULL)
				data[o++] = '\n';
		} else {
			memmove(data + o, data + i, end - i);
			o += end - i;
		}
		i = end;
	}
	return o;
}

/* Lines in DATA[0..LEN): line ends are LF, CRLF or a CR alone, as csvin counts them. */
static long
count_lines(const char *data, size_t len)
{
	long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (data[i] == '\n' || (data[i] == '\r' &&
		    (i + 1 == len || data[i + 1] != '\n')))
			n++;
	return len > 0 && data[len - 1] != '\n' && data[len - 1] != '\r' ? n + 1 : n;
}

/* N bytes for a message, in BUF: "8 MiB", "64 KiB" or "40 bytes". */
static const char *
size_name(size_t n, char buf[32])
{
	if (n % ((size_t)1 << 20) == 0)
		snprintf(buf, 32, "%zu MiB", n >> 20);
	else if (n % 1024 == 0)
		snprintf(buf, 32, "%zu KiB", n >> 10);
	else
		snprintf(buf, 32, "%zu bytes", n);
	return buf;
}

/* Read all of PATH within KIND's limits; lines are checked unless BINARY. */
static char *
slurp(const char *path, const struct datafile_kind *kind, int binary,
    size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got, i, linelen = 0;
	long line = 1;
	int cr = 0;
	char sz[32];

	if (fp == NULL) {
		cs_warn("%s", path);
		return NULL;
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : CHUNK;
			if (cap > kind->max_bytes + CHUNK)
				cap = kind->max_bytes + CHUNK;
			buf = xreallocarray(buf, cap, 1);
		}
		got = fread(buf + n, 1, cap - n < CHUNK ? cap - n : CHUNK, fp);
		for (i = n; i < n + got; i++) {
			if (i >= kind->max_bytes) {
				cs_warnx_at(path, line, "larger than %s (the "
				    "limit of a %s)", size_name(kind->max_bytes, sz),
				    kind->what);
				goto fail;
			}
			if (buf[i] == '\n' || cr) {	/* LF, CRLF, or a CR alone before */
				line++;
				linelen = 0;
			}
			cr = buf[i] == '\r';
			if (buf[i] == '\n')
				continue;
			if (!cr && !binary && ++linelen > DATAFILE_LINE_MAX) {
				cs_warnx_at(path, line, "line longer than %zu bytes "
				    "(the limit of a line of a %s)",
				    DATAFILE_LINE_MAX, kind->what);
				goto fail;
			}
		}
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		cs_warn("%s: read error", path);
		goto fail;
	}
	fclose(fp);
	*len = n;
	return buf;
fail:
	fclose(fp);
	free(buf);
	return NULL;
}

char *
datafile_slurp(const char *path, const struct datafile_kind *kind, size_t *len)
{
	return slurp(path, kind, 0, len);
}

char *
datafile_slurp_bytes(const char *path, const struct datafile_kind *kind,
    size_t *len)
{
	return slurp(path, kind, 1, len);
}

/* Stop reading after the current record: say where, and what is left. */
static void
give_up(struct dfread *d, const struct record *r, const char *why)
{
	d->gave_up = 1;
	if (r->endline + 1 == d->nlines)
		cs_warnx_at(d->df.file, r->line, "%s; line %ld not read", why,
		    d->nlines);
	else if (r->endline < d->nlines)
		cs_warnx_at(d->df.file, r->line, "%s; lines %ld-%ld not read",
		    why, r->endline + 1, d->nlines);
	else
		cs_warnx_at(d->df.file, r->line, "%s", why);
}

/* Take the header R: keep its names, check the kind's columns. */
static int
take_header(struct dfread *d, const struct record *r)
{
	const char *const *c;
	size_t i;

	d->df.names = xcalloc(r->n + 1, sizeof *d->df.names);
	for (i = 0; i < r->n; i++)
		d->df.names[i] = xstrdup(r->f[i]);
	d->df.nnames = r->n;
	d->df.hline = r->line;
	for (c = d->df.kind->columns; c != NULL && *c != NULL; c++)
		if (datafile_col(&d->df, *c) < 0) {
			datafile_header_error(&d->df, "no column '%s' in the "
			    "header: not a %s", *c, d->df.kind->what);
			give_up(d, r, "stopped");
			return 1;
		}
	return 0;
}

static int
on_record(void *ctx, struct record *r)
{
	struct dfread *d = ctx;
	int rc;

	d->df.line = r->line;
	if (r->error != NULL)
		datafile_error(&d->df, "%s", r->error);
	else if (is_blank(r))
		return 0;
	else if (d->df.names == NULL)
		return take_header(d, r);
	else if (r->n != d->df.nnames)
		datafile_error(&d->df, "expected %zu fields, found %zu",
		    d->df.nnames, r->n);
	else if ((rc = d->fn(d->ctx, &d->df, r)) != 0) {
		if (d->df.errors > 0)
			give_up(d, r, "stopped");
		return rc;
	}
	if (d->df.errors >= DATAFILE_MAX_ERRORS) {
		give_up(d, r, "too many errors");
		return 1;
	}
	return 0;
}

static void
keys_free(struct dfkeys *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nslot; i++)
		free(k->slot[i].key);
	free(k->slot);
	free(k);
}

int
datafile_load(const char *path, const struct datafile_kind *kind,
    datafile_fn fn, void *ctx)
{
	struct csvin_opts opts = { ',', 0, NULL, 0 };
	struct dfread d;
	char *text;
	size_t i, len;
	int rc;

	memset(&d, 0, sizeof d);
	d.fn = fn;
	d.ctx = ctx;
	d.df.kind = kind;
	if (path != NULL) {
		if ((text = datafile_slurp(path, kind, &len)) == NULL)
			return -1;
		d.df.file = path;
	} else {
		const struct embed *e = embed_find(kind->embedded);

		if (e == NULL)
			cs_errx(CS_FATAL, "internal error: no embedded '%s'",
			    kind->embedded);
		d.df.file = kind->embedded;
		text = xmalloc(e->len + 1);
		memcpy(text, e->data, e->len);
		len = e->len;
	}
	len = strip_comments(text, len);
	d.nlines = count_lines(text, len);
	rc = csvin_run_mem(text, len, d.df.file, &opts, on_record, &d);
	free(text);
	if (rc == 0 && d.df.names == NULL && d.df.errors == 0) {
		cs_warnx_at(d.df.file, 0, "no header line");
		d.df.errors++;
	}
	for (i = 0; i < d.df.nnames; i++)
		free(d.df.names[i]);
	free(d.df.names);
	keys_free(d.df.keys);
	return rc != 0 || d.df.errors != 0 || d.gave_up ? -1 : 0;
}

int
datafile_read(const char *path, const char *embedded, datafile_fn fn, void *ctx)
{
	const struct datafile_kind k = { "data file", embedded,
	    DATAFILE_MAX_DEFAULT, NULL };

	return datafile_load(path, &k, fn, ctx);
}

long
datafile_col(const struct datafile *df, const char *name)
{
	size_t i;

	for (i = 0; i < df->nnames; i++)
		if (strcmp(df->names[i], name) == 0)
			return (long)i;
	return -1;
}

const char *
datafile_get(const struct datafile *df, const struct record *r, const char *name)
{
	long k = datafile_col(df, name);

	return k >= 0 && (size_t)k < r->n ? r->f[k] : "";
}

void
datafile_error(struct datafile *df, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(df->file, df->line, fmt, ap);
	va_end(ap);
	df->errors++;
}

void
datafile_header_error(struct datafile *df, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(df->file, df->hline, fmt, ap);
	va_end(ap);
	df->errors++;
}

const char *
datafile_quote(struct datafile *df, const char *s)
{
	char *b = df->quote[df->nquote++ % 4];

	return diag_excerpt(b, sizeof df->quote[0], s, strlen(s), 0, 0,
	    DATAFILE_QUOTE_MAX);
}

/* FNV-1a of KEY[0..LEN). */
static size_t
key_hash(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001b3u;
	return (size_t)(h ^ h >> 32);
}

/* The slot of KEY in K: its own, or the free one it would take. */
static struct dfkey *
key_slot(const struct dfkeys *k, const char *key, size_t len)
{
	size_t i = key_hash(key, len) & (k->nslot - 1);

	while (k->slot[i].key != NULL && (k->slot[i].len != len ||
	    memcmp(k->slot[i].key, key, len) != 0))
		i = (i + 1) & (k->nslot - 1);
	return &k->slot[i];
}

/* Make room for one more key in DF's table. */
static void
keys_reserve(struct datafile *df)
{
	struct dfkeys *k = df->keys;
	struct dfkey *old;
	size_t i, nold;

	if (k == NULL)
		k = df->keys = xcalloc(1, sizeof *k);
	if (2 * (k->n + 1) <= k->nslot)
		return;
	old = k->slot;
	nold = k->nslot;
	k->nslot = nold ? 2 * nold : 64;
	k->slot = xcalloc(k->nslot, sizeof *k->slot);
	for (i = 0; i < nold; i++)
		if (old[i].key != NULL)
			*key_slot(k, old[i].key, old[i].len) = old[i];
	free(old);
}

int
datafile_key(struct datafile *df, const char *what, const char *key,
    size_t len, const char *show)
{
	struct dfkey *e;
	char q[DATAFILE_QUOTE_MAX * 4 + 8];

	keys_reserve(df);
	e = key_slot(df->keys, key, len);
	if (e->key != NULL) {
		if (show == NULL)
			diag_excerpt(q, sizeof q, key, len, 0, 0, DATAFILE_QUOTE_MAX);
		datafile_error(df, "duplicate %s '%s' (first at line %ld)", what,
		    show != NULL ? datafile_quote(df, show) : q, e->line);
		return -1;
	}
	e->key = xmalloc(len + 1);
	memcpy(e->key, key, len);
	e->key[len] = '\0';
	e->len = len;
	e->line = df->line;
	df->keys->n++;
	return 0;
}
