#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "diag.h"
#include "embed.h"

/* State of one datafile_read() call. */
struct dfread {
	struct datafile df;	/* what the callback sees */
	datafile_fn fn;		/* the caller's callback */
	void *ctx;		/* its context */
};

static int
is_blank(const struct record *r)
{
	return r->n == 0 || (r->n == 1 && r->len[0] == 0);
}

/*
 * A copy of DATA[0..LEN) with every line that starts with '#' emptied
 * (its newline kept, so line numbers stay right): comments are not CSV
 * and may hold an odd number of quotes.
 */
static char *
strip_comments(const char *data, size_t len, size_t *outlen)
{
	char *out = malloc(len + 1);
	size_t i = 0, o = 0;

	if (out == NULL)
		cs_errx(CS_FATAL, "out of memory");
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) + 1 : len;

		if (data[i] == '#') {
			if (nl != NULL)
				out[o++] = '\n';
		} else {
			memcpy(out + o, data + i, end - i);
			o += end - i;
		}
		i = end;
	}
	*outlen = o;
	return out;
}

/* Read all of PATH into memory; NULL after a message. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL) {
		cs_warn("%s", path);
		return NULL;
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			if ((buf = realloc(buf, cap)) == NULL)
				cs_errx(CS_FATAL, "out of memory");
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		cs_warn("%s: read error", path);
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

static int
on_record(void *ctx, struct record *r)
{
	struct dfread *d = ctx;
	size_t i;

	d->df.line = r->line;
	if (r->error != NULL) {
		datafile_error(&d->df, "%s", r->error);
		return 0;
	}
	if (is_blank(r))
		return 0;
	if (d->df.names == NULL) {
		if ((d->df.names = calloc(r->n + 1, sizeof *d->df.names)) == NULL)
			cs_errx(CS_FATAL, "out of memory");
		for (i = 0; i < r->n; i++)
			if ((d->df.names[i] = strdup(r->f[i])) == NULL)
				cs_errx(CS_FATAL, "out of memory");
		d->df.nnames = r->n;
		return 0;
	}
	if (r->n != d->df.nnames) {
		datafile_error(&d->df, "expected %zu fields, found %zu",
		    d->df.nnames, r->n);
		return 0;
	}
	return d->fn(d->ctx, &d->df, r);
}

int
datafile_read(const char *path, const char *embedded, datafile_fn fn, void *ctx)
{
	struct csvin_opts opts = { ',', 0, NULL, 0 };
	struct dfread d;
	char *text;
	size_t i, len;
	int rc;

	memset(&d, 0, sizeof d);
	d.fn = fn;
	d.ctx = ctx;
	if (path != NULL) {
		char *raw = slurp(path, &len);

		if (raw == NULL)
			return -1;
		d.df.file = path;
		text = strip_comments(raw, len, &len);
		free(raw);
	} else {
		const struct embed *e = embed_find(embedded);

		if (e == NULL)
			cs_errx(CS_FATAL, "internal error: no embedded '%s'", embedded);
		d.df.file = embedded;
		text = strip_comments(e->data, e->len, &len);
	}
	rc = csvin_run_mem(text, len, d.df.file, &opts, on_record, &d);
	free(text);
	if (rc == 0 && d.df.names == NULL && d.df.errors == 0) {
		cs_warnx_at(d.df.file, 0, "no header line");
		d.df.errors++;
	}
	for (i = 0; i < d.df.nnames; i++)
		free(d.df.names[i]);
	free(d.df.names);
	return rc != 0 || d.df.errors != 0 ? -1 : 0;
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
