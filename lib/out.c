#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "out.h"

void
out_init(struct out *o, FILE *fp, enum out_format fmt, int excel)
{
	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->fmt = fmt;
	o->excel = excel;
}

int
out_parse_format(const char *name, enum out_format *fmt)
{
	if (strcmp(name, "csv") == 0)
		*fmt = OUT_CSV;
	else if (strcmp(name, "tsv") == 0)
		*fmt = OUT_TSV;
	else if (strcmp(name, "json") == 0)
		*fmt = OUT_JSON;
	else
		return -1;
	return 0;
}

static void
start(struct out *o)
{
	if (!o->started && o->excel)
		fwrite("\xEF\xBB\xBF", 1, 3, o->fp);
	o->started = 1;
}

static int
formula_like(const char *s, size_t n)
{
	return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

static int
needs_quotes(const char *s, size_t n, char delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}

static void
put_csv(struct out *o, const char *s, size_t n)
{
	const char *q;

	if (!needs_quotes(s, n, o->fmt == OUT_TSV ? '\t' : ',')) {
		fwrite(s, 1, n, o->fp);
		return;
	}
	putc('"', o->fp);
	while ((q = memchr(s, '"', n)) != NULL) {
		fwrite(s, 1, (size_t)(q - s) + 1, o->fp);
		putc('"', o->fp);
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	fwrite(s, 1, n, o->fp);
	putc('"', o->fp);
}

static void
put_json(struct out *o, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char hex[8];

		if (c == '\t')
			esc = "\\t";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '"')
			esc = "\\\"";
		else if (c < 0x20) {
			snprintf(hex, sizeof hex, "\\u%04x", c);
			esc = hex;
		}
		if (esc == NULL)
			continue;
		fwrite(s + start, 1, i - start, o->fp);
		fputs(esc, o->fp);
		start = i + 1;
	}
	fwrite(s + start, 1, n - start, o->fp);
}

void
out_field(struct out *o, const char *s, size_t n)
{
	start(o);
	switch (o->fmt) {
	case OUT_CSV:
	case OUT_TSV:
		if (o->col > 0)
			putc(o->fmt == OUT_TSV ? '\t' : ',', o->fp);
		if (o->excel && formula_like(s, n)) {
			/* The quote goes inside any CSV quoting. */
			char *tmp = malloc(n + 1);

			if (tmp == NULL)
				cs_errx(CS_FATAL, "out of memory");
			tmp[0] = '\'';
			memcpy(tmp + 1, s, n);
			put_csv(o, tmp, n + 1);
			free(tmp);
		} else {
			put_csv(o, s, n);
		}
		break;
	case OUT_JSON:
		fputs(o->col == 0 ? "{\"" : ",\"", o->fp);
		if (o->col < o->nkeys)
			put_json(o, o->keys[o->col], strlen(o->keys[o->col]));
		else
			fprintf(o->fp, "%zu", o->col + 1);
		fputs("\":\"", o->fp);
		put_json(o, s, n);
		putc('"', o->fp);
		break;
	}
	o->col++;
}

void
out_str(struct out *o, const char *s)
{
	out_field(o, s, strlen(s));
}

void
out_end(struct out *o)
{
	start(o);
	if (o->fmt == OUT_JSON)
		fputs(o->col == 0 ? "{}" : "}", o->fp);
	if (o->excel)
		putc('\r', o->fp);
	putc('\n', o->fp);
	o->col = 0;
}

void
out_header(struct out *o, char *const *names, const size_t *lens, size_t n)
{
	size_t i;

	if (o->fmt != OUT_JSON) {
		for (i = 0; i < n; i++)
			out_field(o, names[i], lens[i]);
		out_end(o);
		return;
	}
	out_free(o);
	if ((o->keys = calloc(n ? n : 1, sizeof *o->keys)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < n; i++) {
		if ((o->keys[i] = strndup(names[i], lens[i])) == NULL)
			cs_errx(CS_FATAL, "out of memory");
	}
	o->nkeys = n;
}

void
out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->nkeys; i++)
		free(o->keys[i]);
	free(o->keys);
	o->keys = NULL;
	o->nkeys = 0;
}
