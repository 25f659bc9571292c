#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cli.h"
#include "io/diag.h"

enum {
	OPT_NOHEADER = 0x100,
	OPT_EXCEL,
	OPT_LANG,
	OPT_STRICT,
	OPT_SKIP,
	OPT_REPLACE
};

static const struct option common_options[] = {
	{ "column", required_argument, NULL, 'c' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, OPT_EXCEL },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "no-header", no_argument, NULL, OPT_NOHEADER },
	{ "replace", no_argument, NULL, OPT_REPLACE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "tsv", no_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char common_short[] = "c:d:e:f:htV";

static const char common_help[] =
"Input and output (every cs tool):\n"
"  -c, --column NAME=HEADER|N  read column NAME from the header HEADER or\n"
"                              from field N (1-based); repeatable\n"
"  -d, --delimiter CHAR        input field delimiter (default ',')\n"
"  -e, --encoding NAME         input encoding: utf-8, gbk, gb18030, big5,\n"
"                              utf-16 (default: detect from BOM and bytes)\n"
"      --excel                 write a UTF-8 BOM and CRLF, make cells that\n"
"                              look like formulas safe and keep long ids\n"
"                              whole, for Excel/WPS (not for json)\n"
"  -f, --format FMT            output format: csv (default), tsv, json\n"
"      --lang LANG             names and fixed values this tool writes in\n"
"                              LANG: en (default), zh, or a table FILE\n"
"                              (context,en,zh); the locale is not read\n"
"      --no-header             the first line is data, not a header\n"
"      --replace               overwrite input columns that have the name\n"
"                              of a column this tool adds\n"
"      --skip N                drop N lines (an export's title) before\n"
"                              the header; line numbers count them\n"
"      --strict                stop at the first bad row (status 2)\n"
"  -t, --tsv                   input is TSV: one record per line, tabs\n"
"                              between fields, \\t \\n \\r \\\\ escapes (as\n"
"                              -f tsv writes); -d '\\t' reads quoted CSV\n"
"  -h, --help                  print this help and exit\n"
"  -V, --version               print the version and exit\n"
"\n"
"Exit status: 0 all rows processed, 1 some rows rejected or reported,\n"
"2 usage error or fatal error (unreadable input, write error).\n";

static void
usage_error(const struct tool *t)
{
	fprintf(stderr, "usage: %s %s\n", t->name, t->synopsis);
	fprintf(stderr, "Try '%s --help' for more information.\n", t->name);
}

/* getopt's own messages would name argv[0]; say it our way. */
static void
bad_option(int c, int argc, char **argv)
{
	const char *arg = optind - 1 < argc ? argv[optind - 1] : "";

	if (c == ':' && optopt != 0 && strncmp(arg, "--", 2) != 0)
		cs_warnx("option '-%c' requires an argument", optopt);
	else if (c == ':')
		cs_warnx("option '%s' requires an argument", arg);
	else if (optopt != 0)
		cs_warnx("invalid option '-%c'", optopt);
	else
		cs_warnx("unrecognized option '%s'", arg);
}

static int
print_help(const struct tool *t)
{
	printf("Usage: %s %s\n%s\n\n", t->name, t->synopsis, t->summary);
	if (t->help != NULL && t->help[0] != '\0')
		printf("Options:\n%s\n", t->help);
	fputs(common_help, stdout);
	printf("\nSee %s(1).\n", t->name);
	return cs_close_stdout();
}

static int
print_version(const struct tool *t)
{
	printf("%s (cs) %s\n", t->name, CS_VERSION);
	return cs_close_stdout();
}

/* Merge the tool's options after the common ones. */
static struct option *
merged_options(const struct tool *t, char **shortopts)
{
	size_t nc = sizeof common_options / sizeof common_options[0] - 1;
	size_t nt = 0;
	struct option *o;

	while (t->options != NULL && t->options[nt].name != NULL)
		nt++;
	o = xcalloc(nc + nt + 1, sizeof *o);
	memcpy(o, common_options, nc * sizeof *o);
	if (nt > 0)
		memcpy(o + nc, t->options, nt * sizeof *o);
	if (asprintf(shortopts, ":%s%s", common_short,
	    t->shortopts ? t->shortopts : "") < 0)
		cs_errx(CS_FATAL, "out of memory");
	return o;
}

int
cli_parse_long(const char *arg, long lo, long hi, long *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno == ERANGE || x < lo || x > hi)
		return -1;
	*v = x;
	return 0;
}

static int
parse_delimiter(const char *arg, char *delim)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		*delim = '\t';
	else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
	    arg[0] != '\r' && (unsigned char)arg[0] < 0x80)
		*delim = arg[0];
	else
		return -1;
	return 0;
}

/* Is ARG one of the tool's own --format names, and did it take it? */
static int
tool_format(struct run *run, const char *arg)
{
	const char *f = run->tool->formats;
	size_t n = strlen(arg);

	for (; f != NULL && *f != '\0'; f += strcspn(f, " ")) {
		f += strspn(f, " ");
		if (strncmp(f, arg, n) == 0 && (f[n] == ' ' || f[n] == '\0'))
			return run->tool->option(run->ctx, run, 'f', arg);
	}
	return -1;
}

/* A common option; returns 0, -1 for a bad value, 1 when not common. */
static int
common_option(struct run *run, int c, char *arg)
{
	switch (c) {
	case 'c':
		run->ov = xreallocarray(run->ov, run->nov + 1, sizeof *run->ov);
		if (cols_parse_override(arg, &run->ov[run->nov]) != 0) {
			cs_warnx("--column: expected NAME=HEADER or NAME=N, got '%s'", arg);
			return -1;
		}
		run->nov++;
		return 0;
	case 'd':
		if (parse_delimiter(arg, &run->in.delim) != 0) {
			cs_warnx("--delimiter: expected one ASCII character, got '%s'", arg);
			return -1;
		}
		run->in.tsv = 0;	/* -d '\t': CSV quoting, tab-separated */
		return 0;
	case 'e':
		run->in.encoding = arg;
		return 0;
	case 'f':
		if (out_parse_format(arg, &run->fmt) == 0)
			;
		else if (tool_format(run, arg) != 0) {
			cs_warnx("--format: expected csv, tsv%s%s or json, got '%s'",
			    run->tool->formats ? ", " : "",
			    run->tool->formats ? run->tool->formats : "", arg);
			return -1;
		}
		run->fmt_given = 1;
		return 0;
	case OPT_LANG:
		lang_free(run->lang);
		return lang_open(arg, &run->lang);
	case 't':
		run->in.delim = '\t';
		run->in.tsv = 1;
		return 0;
	case OPT_NOHEADER:
		run->no_header = 1;
		return 0;
	case OPT_SKIP:
		if (cli_parse_long(arg, 0, 1000000, &run->skip) != 0) {
			cs_warnx("--skip: expected a number of lines, got '%s'",
			    arg);
			return -1;
		}
		return 0;
	case OPT_EXCEL:
		run->excel = 1;
		return 0;
	case OPT_STRICT:
		run->strict = 1;
		return 0;
	case OPT_REPLACE:
		run->replace = 1;
		return 0;
	}
	return 1;
}

static void
vdiag(struct run *run, const char *fmt, va_list ap)
{
	cs_vwarnx_at(run->file, run->line, fmt, ap);
	if (run->status < CS_ROWS)
		run->status = CS_ROWS;
	if (run->strict)
		run->stop = 1;
}

void
run_warn(struct run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(run, fmt, ap);
	va_end(ap);
	run->nwarn++;
}

int
run_reject(struct run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(run, fmt, ap);
	va_end(ap);
	return ROW_REJECT;
}

int
run_add_column(struct run *run, const char *name, const char *alt)
{
	struct run_outcol *oc;
	const char *en = name;
	long at = -1;
	size_t i;

	name = lang_header(run->lang, name);
	if (alt != NULL)
		alt = lang_header(run->lang, alt);
	for (i = 0; i < run->noc; i++)
		if (strcmp(run->oc[i].name, name) == 0)
			return (int)i;
	if (run->hdr != NULL)
		at = cols_find(name, run->hdr, run->hlen, run->nhdr);
	if (at >= 0 && !run->replace && alt != NULL &&
	    cols_find(alt, run->hdr, run->hlen, run->nhdr) < 0) {
		name = alt;
		at = -1;
	}
	if (at >= 0 && !run->replace) {
		cs_warnx_at(run->file, 0, "the input already has a column '%s' "
		    "(use --replace to overwrite it)", name);
		return -1;
	}
	oc = xreallocarray(run->oc, run->noc + 1, sizeof *oc);
	run->oc = oc;
	oc = &run->oc[run->noc];
	memset(oc, 0, sizeof *oc);
	oc->name = name;
	oc->replaces = at;
	oc->fixed = lang_values(run->lang, en);
	oc->number = out_name_numeric(&run->out, en, strlen(en));
	return (int)run->noc++;
}

void
run_header(struct run *run, const char *const *names, size_t n)
{
	lang_out_header(run->lang, &run->out, names, n);
}

/* Copy S[0..N) into the arena as SLOT's value. */
static void
set_copy(struct run *run, int slot, const char *s, size_t n)
{
	struct run_outcol *oc = &run->oc[slot];

	if (run->valslen + n + 1 > run->valscap) {
		size_t cap = run->valscap ? run->valscap : 256;

		while (cap < run->valslen + n + 1)
			cap *= 2;
		run->vals = xreallocarray(run->vals, cap, 1);
		run->valscap = cap;
	}
	memcpy(run->vals + run->valslen, s, n);
	run->vals[run->valslen + n] = '\0';
	oc->off = run->valslen;
	oc->len = n;
	oc->plain = NULL;
	oc->set = 1;
	run->valslen += n + 1;
}

/* SLOT's value is the constant S[0..N), which needs no quoting. */
static void
set_const(struct run *run, int slot, const char *s, size_t n)
{
	struct run_outcol *oc = &run->oc[slot];

	oc->plain = s;
	oc->len = n;
	oc->set = 1;
}

/* With --lang: the translation of S[0..N) if it is a fixed value of SLOT. */
static const struct lang_entry *
fixed_value(const struct run *run, int slot, const char *s, size_t n)
{
	const struct run_outcol *oc = &run->oc[slot];

	return oc->fixed.n > 0 ? lang_values_get(&oc->fixed, s, n) : NULL;
}

void
run_set(struct run *run, int slot, const char *s, size_t n)
{
	const struct lang_entry *e = fixed_value(run, slot, s, n);

	if (e != NULL && e->plain)
		set_const(run, slot, e->zh, e->zhlen);
	else if (e != NULL)
		set_copy(run, slot, e->zh, e->zhlen);
	else
		set_copy(run, slot, s, n);
}

void
run_set_plain(struct run *run, int slot, const char *s, size_t n)
{
	const struct lang_entry *e = fixed_value(run, slot, s, n);

	if (e != NULL && !e->plain)
		set_copy(run, slot, e->zh, e->zhlen);
	else if (e != NULL)
		set_const(run, slot, e->zh, e->zhlen);
	else
		set_const(run, slot, s, n);
}

/* Write appended column J's value of this row. */
static void
put_value(struct run *run, size_t j)
{
	const struct run_outcol *oc = &run->oc[j];

	if (oc->plain != NULL)
		out_field_plain(&run->out, oc->plain, oc->len);
	else
		out_field(&run->out, run->vals + oc->off, oc->len);
}

void
run_sets(struct run *run, int slot, const char *s)
{
	run_set(run, slot, s, strlen(s));
}

void
run_setf(struct run *run, int slot, const char *fmt, ...)
{
	char buf[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof buf) {
		va_start(ap, fmt);
		n = vasprintf(&big, fmt, ap);
		va_end(ap);
		if (n < 0)
			cs_errx(CS_FATAL, "out of memory");
	}
	run_set(run, slot, big ? big : buf, n < 0 ? 0 : (size_t)n);
	free(big);
}

const char *
run_field(const struct run *run, const struct record *r, size_t i, size_t *len)
{
	long k = run->col[i];

	if (k < 0 || (size_t)k >= r->n) {
		*len = 0;
		return NULL;
	}
	*len = r->len[k];
	return r->f[k];
}

/*
 * The json types of the header just written, N input fields first: those
 * are passed through and stay text even when named like a figure; an
 * appended column is a number when the tool said so (a --replace'd one
 * where the input field was).
 */
static void
mark_numbers(struct run *run, size_t n)
{
	size_t i, k = n;

	for (i = 0; i < n; i++)
		out_number_col(&run->out, i, 0);
	for (i = 0; i < run->noc; i++) {
		const struct run_outcol *oc = &run->oc[i];

		out_number_col(&run->out, oc->replaces >= 0 ?
		    (size_t)oc->replaces : k++, oc->number);
	}
}

static void
write_header(struct run *run)
{
	size_t n = run->no_header ? run->width : run->nhdr;
	size_t i, k = 0;
	char **names = xcalloc(n + run->noc + 1, sizeof *names);
	size_t *lens = xcalloc(n + run->noc + 1, sizeof *lens);
	char (*num)[24] = xcalloc(n + 1, sizeof *num);

	for (i = 0; i < n; i++, k++) {
		if (run->no_header) {
			snprintf(num[i], sizeof num[i], "%zu", i + 1);
			names[k] = num[i];
		} else {
			names[k] = run->hdr[i];
		}
		lens[k] = strlen(names[k]);
	}
	for (i = 0; i < run->noc; i++) {
		if (run->oc[i].replaces >= 0)
			continue;
		names[k] = (char *)run->oc[i].name;
		lens[k++] = strlen(run->oc[i].name);
	}
	if (!run->no_header || run->fmt == OUT_JSON) {
		out_header(&run->out, names, lens, k);
		mark_numbers(run, n);
	}
	free(names);
	free(lens);
	free(num);
}

/*
 * Whether records can be written back as read (their raw bytes) with the
 * appended fields after them: CSV in and out, nothing replaced, no Excel
 * guard to apply to the input's cells.
 */
static int
raw_ok(const struct run *run)
{
	size_t j;

	if (run->fmt != OUT_CSV || run->excel || run->in.delim != ',' || run->in.text)
		return 0;
	for (j = 0; j < run->noc; j++)
		if (run->oc[j].replaces >= 0)
			return 0;
	return 1;
}

static void
write_row(struct run *run, const struct record *r)
{
	size_t i, j;

	if (run->raw_ok && r->raw != NULL) {
		out_raw(&run->out, r->raw, r->rawlen, r->n);
		for (j = 0; j < run->noc; j++)
			put_value(run, j);
		out_end(&run->out);
		return;
	}
	for (i = 0; i < r->n; i++) {
		for (j = 0; j < run->noc; j++)
			if (run->oc[j].replaces == (long)i)
				break;
		if (j < run->noc)
			put_value(run, j);
		else
			out_field(&run->out, r->f[i], r->len[i]);
	}
	for (j = 0; j < run->noc; j++)
		if (run->oc[j].replaces < 0)
			put_value(run, j);
	out_end(&run->out);
}

static int
same_header(const struct run *run, const struct record *r)
{
	size_t i;

	if (r->n != run->nfirst)
		return 0;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i], run->first_hdr[i]) != 0)
			return 0;
	return 1;
}

static void
keep_first_header(struct run *run, const struct record *r)
{
	size_t i;

	run->nfirst = r->n;
	run->first_hdr = xcalloc(r->n + 1, sizeof *run->first_hdr);
	run->hlen = xcalloc(r->n + 1, sizeof *run->hlen);
	for (i = 0; i < r->n; i++) {
		run->first_hdr[i] = xstrdup(r->f[i]);
		run->hlen[i] = r->len[i];
	}
}

/*
 * A header in which none of the tool's columns is found is not the input
 * the tool reads (a traditional-character or foreign export the aliases
 * missed, the wrong file): say so and what was tried, instead of printing
 * empty results.  Returns 0, or CS_FATAL after the message.
 */
static int
check_some_column(const struct run *run)
{
	const struct tool *t = run->tool;
	char *tried = NULL;
	size_t i, len = 0;
	FILE *fp;

	if (run->hdr == NULL || t->ncols == 0 || run->nov > 0 || run->any_header)
		return 0;
	for (i = 0; i < t->ncols; i++)
		if (run->col[i] >= 0)
			return 0;
	if ((fp = open_memstream(&tried, &len)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < t->ncols; i++) {
		const char *a;

		fprintf(fp, "%s%s (", i > 0 ? "; " : "", t->cols[i].name);
		for (a = t->cols[i].aliases; *a != '\0'; a++) {
			if (*a == '|')
				fputs(", ", fp);
			else
				fputc(*a, fp);
		}
		fputc(')', fp);
	}
	fclose(fp);
	cs_warnx_at(run->file, 0, "none of the columns %s reads is in the header "
	    "(tried: %s); name them with --column NAME=HEADER", t->name, tried);
	free(tried);
	return CS_FATAL;
}

/* The header (or, with --no-header, the first record): resolve and start. */
static int
take_header(struct run *run, const struct record *r)
{
	int first = !run->have_header;

	if (first) {
		run->width = r->n;
		if (!run->no_header) {
			keep_first_header(run, r);
			run->hdr = run->first_hdr;
			run->nhdr = r->n;
		}
	} else if (!run->no_header && !same_header(run, r)) {
		cs_warnx_at(run->file, r->line, "header differs from the first input's");
		return CS_FATAL;
	}
	if (cols_resolve(run->tool->cols, run->tool->ncols, run->hdr, run->hlen,
	    run->nhdr, run->ov, run->nov, run->col, run->file) != 0)
		return CS_FATAL;
	if (first && check_some_column(run) != 0)
		return CS_FATAL;
	run->have_header = 1;
	if (first && run->tool->start != NULL) {
		int rc = run->tool->start(run->ctx, run);

		if (rc != 0)
			return rc;
	}
	if (first && !run->summary)
		write_header(run);
	run->raw_ok = raw_ok(run);
	return 0;
}

static void
clear_values(struct run *run)
{
	size_t j;

	run->valslen = 0;
	for (j = 0; j < run->noc; j++) {
		run->oc[j].set = 0;
		run->oc[j].len = 0;
		run->oc[j].plain = NULL;
	}
}

static void
data_record(struct run *run, const struct record *r)
{
	int res;

	if (r->n != run->width) {
		run_reject(run, "expected %zu fields, found %zu", run->width, r->n);
		run->nrej++;
		return;
	}
	clear_values(run);
	res = run->tool->row(run->ctx, run, r);
	if (res == ROW_REJECT) {
		run->nrej++;
		return;
	}
	if (res == ROW_SKIP) {
		run->nskip++;
		return;
	}
	run->nout++;
	if (!run->summary)
		write_row(run, r);
}

/* COUNT blank lines of this input from line FIRST on: no records, but counted. */
static void
note_blank(struct run *run, long first, long count)
{
	if (count <= 0)
		return;
	if (run->fblank == 0)
		run->firstblank = first;
	run->fblank += count;
	run->nblank += (unsigned long long)count;
}

/*
 * After a record: a write error stops reading; a --strict stop goes on
 * reading (and ignoring) the input to the end, only to say how many
 * lines were not read.  Returns csvin's stop flag.
 */
static int
after_record(struct run *run, const struct record *r)
{
	if (ferror(run->out.fp))
		return run->stop = 1;
	if (!run->stop)
		return 0;
	if (!run->strict || run->status >= CS_FATAL)
		return 1;	/* the tool's own fatal stop */
	run->stopped_at = r->line;
	run->stop_end = r->endline;
	run->status = CS_FATAL;
	return 0;
}

/* A hint for a newcomer, after the diagnostic it explains. */
static void
hint(const struct run *run, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cs_warnx_at(run->file, 0, "hint: %s", buf);
}

/* Does R, read as a header, hold any column the tool reads? */
static int
has_known_column(const struct run *run, const struct record *r)
{
	const struct tool *t = run->tool;
	long *idx = xcalloc(t->ncols + 1, sizeof *idx);
	size_t i;
	int yes = 0;

	if (cols_resolve(t->cols, t->ncols, r->f, r->len, r->n, NULL, 0, idx,
	    run->file) == 0)
		for (i = 0; i < t->ncols; i++)
			yes |= idx[i] >= 0;
	free(idx);
	return yes;
}

/* A title row and no header found in the lines after it. */
static void
title_hint(struct run *run)
{
	hint(run, "line %ld looks like a title, not a header: skip the lines "
	    "above the header with --skip N", run->title_line);
	run->title_line = 0;
}

/* How many of R's fields are not empty. */
static size_t
filled_fields(const struct record *r)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++)
		k += r->len[i] > 0;
	return k;
}

/*
 * A header the tool could not use: when it has tabs and no commas, the
 * file is TSV; when it is one cell, it is an export's title row (订单报表
 * 2026-11-01) and the header comes later: look for it (seek_header()).
 * Returns 1 to read on, looking.
 */
static int
header_hint(struct run *run, const struct record *r)
{
	if (run->no_header || r->n == 0)
		return 0;
	if (!run->in.tsv && !run->in.text && run->in.delim == ',' &&
	    r->n == 1 && memchr(r->f[0], '\t', r->len[0]) != NULL) {
		hint(run, "the header has tabs and no commas: if this is TSV, "
		    "read it with -t");
		return 0;
	}
	if (filled_fields(r) != 1 || run->in.text)
		return 0;
	run->title_line = r->line;
	return 1;
}

/* Records after a title row: is one of them the header? */
static int
seek_header(struct run *run, const struct record *r)
{
	if (r->error == NULL && r->n >= 2 && has_known_column(run, r)) {
		hint(run, "line %ld looks like a title and the header is on "
		    "line %ld: skip the lines above it with --skip %ld",
		    run->title_line, r->line, r->line - 1);
		run->title_line = 0;
		return 1;
	}
	if (r->line - run->title_line < 10)
		return 0;
	title_hint(run);
	return 1;
}

/* csvin callback: the header of each input, then its data records. */
static int
on_record(void *ctx, struct record *r)
{
	struct run *run = ctx;
	unsigned long long span;
	int rc;

	if (run->stopped_at != 0)
		return 0;	/* --strict: only counting the lines left */
	if (run->title_line != 0)
		return seek_header(run, r);
	run->line = r->line;
	note_blank(run, run->lastend + 1, r->line - run->lastend - 1);
	run->lastend = r->endline;
	if (r->error != NULL && !run->file_started && !run->no_header) {
		cs_warnx_at(run->file, r->line, "cannot read the header: %s", r->error);
		if (r->hint != NULL)
			hint(run, "%s", r->hint);
		run->status = CS_FATAL;
		return 1;
	}
	if (r->error != NULL) {
		/* Where the records it swallowed began is not known: a row a line. */
		span = r->endline > r->line ? (unsigned long long)(r->endline - r->line) + 1 : 1;
		run->nin += span;
		run->nrej += span;
		run_reject(run, "%s", r->error);
		if (r->hint != NULL)
			hint(run, "%s", r->hint);
		return after_record(run, r);
	}
	if (run->in.text && r->n == 1 && r->len[0] == 0) {
		note_blank(run, r->line, 1);
		return 0;
	}
	if (!run->file_started) {
		run->file_started = 1;
		if ((rc = take_header(run, r)) != 0) {
			run->status = rc;
			return rc >= CS_FATAL && header_hint(run, r) ? 0 : 1;
		}
		if (!run->no_header)
			return 0;
	}
	run->nin++;
	data_record(run, r);
	return after_record(run, r);
}

/* "lines 4-10" or "line 4" into BUF. */
static const char *
line_range(char buf[64], long first, long last)
{
	if (first == last)
		snprintf(buf, 64, "line %ld", first);
	else
		snprintf(buf, 64, "lines %ld-%ld", first, last);
	return buf;
}

/* At the end of an input: its blank lines, and where --strict stopped. */
static void
end_of_input(struct run *run, long lines)
{
	char buf[64];

	if (run->stopped_at != 0) {
		if (lines > run->stop_end)
			cs_warnx_at(run->file, run->stopped_at, "--strict: stopped "
			    "here; %s not read", line_range(buf, run->stop_end + 1,
			    lines));
		else
			cs_warnx_at(run->file, run->stopped_at, "--strict: stopped "
			    "here, at the last line");
		return;
	}
	note_blank(run, run->lastend + 1, lines - run->lastend);
	if (run->fblank == 1)
		cs_warnx_at(run->file, 0, "1 blank line skipped (line %ld)",
		    run->firstblank);
	else if (run->fblank > 1)
		cs_warnx_at(run->file, 0, "%ld blank lines skipped (the first at "
		    "line %ld)", run->fblank, run->firstblank);
}

static int
run_file(struct run *run, const char *path)
{
	int rc;

	long lines = 0;

	run->file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	run->file_started = 0;
	run->line = 0;
	run->lastend = 0;
	run->fblank = run->firstblank = 0;
	run->lastend = run->skip;	/* --skip'd lines are no blank lines */
	run->title_line = 0;
	rc = csvin_run_skip(path, run->file, &run->in, run->skip, on_record, run,
	    &lines);
	if (run->title_line != 0)
		title_hint(run);
	if (rc < 0) {
		run->status = CS_FATAL;
		return -1;
	}
	if (rc == 0 && (run->status < CS_FATAL || run->stopped_at != 0))
		end_of_input(run, lines);
	if (run->status == CS_FATAL)
		return -1;
	if (!run->file_started && !run->in.text) {
		cs_warnx_at(run->file, 0, "empty input: no header");
		if (run->status < CS_ROWS)
			run->status = CS_ROWS;
	}
	return run->stop ? -1 : 0;
}

static int
parse_args(struct run *run, int argc, char **argv)
{
	const struct tool *t = run->tool;
	char *shortopts;
	struct option *opts = merged_options(t, &shortopts);
	int c, rc = 0;

	opterr = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (c == 'h') {
			rc = print_help(t) == 0 ? 3 : CS_FATAL;
			break;
		}
		if (c == 'V') {
			rc = print_version(t) == 0 ? 3 : CS_FATAL;
			break;
		}
		if (c == '?' || c == ':') {
			bad_option(c, argc, argv);
			usage_error(t);
			rc = CS_FATAL;
			break;
		}
		switch (common_option(run, c, optarg)) {
		case 0:
			continue;
		case -1:
			usage_error(t);
			rc = CS_FATAL;
			continue;
		}
		if (t->option == NULL || t->option(run->ctx, run, c, optarg) != 0) {
			usage_error(t);
			rc = CS_FATAL;
		}
	}
	free(opts);
	free(shortopts);
	return rc;
}

static void
run_free(struct run *run)
{
	size_t i;

	for (i = 0; i < run->nfirst; i++)
		free(run->first_hdr[i]);
	free(run->first_hdr);
	free(run->hlen);
	free(run->col);
	free(run->oc);
	free(run->vals);
	free(run->ov);
	lang_free(run->lang);
	out_free(&run->out);
	free(run->numpats);
	free(run->numwords);
}

/*
 * Hand tool->numbers to the writer, with the translations --lang makes of
 * every header name they match, so that a translated key is a number too.
 */
static void
setup_numbers(struct run *run)
{
	const char *words = run->tool->numbers;
	size_t n = 0, cap, i, j;
	char *w, *save = NULL;

	if (words == NULL)
		return;
	run->numwords = xstrdup(words);
	cap = strlen(words) / 2 + 2 + (run->lang != NULL ? run->lang->n : 0);
	run->numpats = xcalloc(cap, sizeof *run->numpats);
	for (w = strtok_r(run->numwords, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		run->numpats[n++] = w;
	for (i = 0; run->lang != NULL && i < run->lang->n; i++) {
		const struct lang_entry *e = &run->lang->e[i];

		if (strcmp(e->ctx, "header") != 0)
			continue;
		for (j = 0; j < n; j++)
			if (out_name_match(run->numpats[j], e->en, e->enlen))
				break;
		if (j < n)
			run->numpats[n + i] = e->zh;
	}
	/* Close the gaps left by the entries that are no figure. */
	for (i = n, j = n; run->lang != NULL && i < n + run->lang->n; i++)
		if (run->numpats[i] != NULL)
			run->numpats[j++] = run->numpats[i];
	out_numbers(&run->out, run->numpats, j);
}

int
cli_main(const struct tool *t, void *ctx, int argc, char **argv)
{
	struct run run;
	char *obuf;
	int rc, i;

	diag_set_progname(t->name);
	memset(&run, 0, sizeof run);
	run.tool = t;
	run.ctx = ctx;
	run.in.delim = ',';
	run.in.text = t->text_default;
	run.fmt = OUT_CSV;
	run.col = xcalloc(t->ncols + 1, sizeof *run.col);
	rc = parse_args(&run, argc, argv);
	if (rc != 0) {
		run_free(&run);
		return rc == 3 ? CS_OK : rc;
	}
	if (run.in.text) {
		run.no_header = 1;
		run.in.tsv = 0;
	}
	/*
	 * A bigger stdout buffer is only a speed-up: without memory for it,
	 * stdio's own buffer does, so this one allocation may fail quietly.
	 */
	obuf = malloc(1 << 16);
	if (obuf != NULL)
		setvbuf(stdout, obuf, _IOFBF, 1 << 16);
	out_init(&run.out, stdout, run.fmt, run.excel);
	setup_numbers(&run);
	if (t->init != NULL && (rc = t->init(ctx, &run)) != 0)
		run.status = rc;
	for (i = optind; run.status < CS_FATAL && !run.stop && i <= argc; i++) {
		if (i == argc && argc > optind)
			break;
		if (run_file(&run, i == argc ? "-" : argv[i]) != 0)
			break;
	}
	/* The inputs a --strict stop left unread. */
	for (i++; run.stopped_at != 0 && i < argc; i++)
		cs_warnx_at(strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i], 0,
		    "--strict: not read");
	out_flush(&run.out);
	if (run.status < CS_FATAL && t->finish != NULL) {
		rc = t->finish(ctx, &run);
		if (rc > run.status)
			run.status = rc;
	}
	out_flush(&run.out);
	rc = cs_close_stdout();
	free(obuf);
	if (rc > run.status)
		run.status = rc;
	rc = run.status;
	run_free(&run);
	return rc;
}
