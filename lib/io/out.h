#ifndef CS_OUT_H
#define CS_OUT_H

/*
 * Writing records: csv (RFC 4180, minimal quoting), tsv (one record per
 * line, fields between tabs, never quoted: a tab, LF, CR or backslash in a
 * value is written \t \n \r \\, as Miller and PostgreSQL do, and -t
 * reads them back) or json (one object per line, keys from the header,
 * values strings, except in the columns declared numeric: see
 * out_numbers()).
 *
 * Excel mode (csv and tsv; json is for programs and gets none of it)
 * writes a UTF-8 BOM first, ends lines with CRLF, puts a single quote
 * before a value that a spreadsheet would run as a formula (one starting
 * with = @ tab or CR, or with + or - unless a plain number follows) and
 * writes a string of 12 or more digits as ="digits" so that every digit
 * shows; a ="digits" cell from the export is kept as it is.
 *
 * Rows are buffered in O and handed to the stream in large pieces: call
 * out_flush() before writing to the stream any other way, and before
 * closing it.  Errors are left in the stream (ferror) for
 * cs_close_stdout() to report.
 */

#include <stdio.h>

enum out_format { OUT_CSV, OUT_TSV, OUT_JSON };

struct out {
	FILE *fp;		/* destination */
	enum out_format fmt;	/* format */
	int excel;		/* spreadsheet-safe mode */
	int started;		/* BOM written */
	char **keys;		/* json: copies of the header names */
	size_t nkeys;		/* json: how many */
	unsigned char *num;	/* json: key i's values are numbers */
	const char **numpats;	/* names of numeric columns (out_numbers()) */
	size_t nnumpats;	/* how many */
	size_t col;		/* next field's index in the current row */
	char *buf;		/* rows not yet handed to FP */
	size_t len, cap;	/* fill and size of buf */
};

/* Prepare O to write to FP. */
void out_init(struct out *o, FILE *fp, enum out_format fmt, int excel);

/* Parse "csv", "tsv" or "json"; returns 0, or -1 for another name. */
int out_parse_format(const char *name, enum out_format *fmt);

/*
 * Declare the header.  csv/tsv write it as a row; json keeps the names as
 * keys.  NAMES[i] has length LENS[i]; N names.
 */
void out_header(struct out *o, char *const *names, const size_t *lens, size_t n);

/*
 * Declare the names of the columns whose values the tool computes as
 * numbers: PATS[0..N), where "%s" stands for any text and "%%" for a
 * percent sign (the printf formats some names are made from).  The
 * strings must outlive O.  From then on out_header() marks the names that
 * match, and json writes the values of a marked column as numbers: a
 * JSON number bare, a leading '+' or a trailing '%' dropped (+6 is 6,
 * 52.9% is 52.9), an empty value as null, anything else ("n/a") still as
 * a string.  csv and tsv are not affected.
 */
void out_numbers(struct out *o, const char *const *pats, size_t n);

/* Does NAME[0..LEN) match PAT ("%s" any text, "%%" a percent sign)? */
int out_name_match(const char *pat, const char *name, size_t len);

/* Is NAME[0..LEN) one of the names given to out_numbers()? */
int out_name_numeric(const struct out *o, const char *name, size_t len);

/*
 * After out_header(): mark header column I as numeric (YES) or as text,
 * whatever its name (the driver's input columns stay text).
 */
void out_number_col(struct out *o, size_t i, int yes);

/* Is S[0..N) a JSON number (RFC 8259: -?int frac? exp?)? */
int out_json_number(const char *s, size_t n);

/* Write the next field of the current row (S, N bytes). */
void out_field(struct out *o, const char *s, size_t n);

/*
 * Is S[0..N) written as it is in CSV and TSV (no quote, CR, LF, comma,
 * tab or backslash), and as it is in Excel mode (see out_field())?
 */
int out_plain(const char *s, size_t n);

/* out_field() of a value that out_plain() said yes to: no check again. */
void out_field_plain(struct out *o, const char *s, size_t n);

/*
 * Start a row with S[0..N), NFIELDS fields already in CSV as read (the
 * driver's shortcut for records that pass through unchanged).  Only for
 * OUT_CSV without excel.
 */
void out_raw(struct out *o, const char *s, size_t n, size_t nfields);

/* Hand buffered rows to the stream. */
void out_flush(struct out *o);

/* Write the next field from a NUL-terminated string. */
void out_str(struct out *o, const char *s);

/* End the current row. */
void out_end(struct out *o);

/* Flush, then free what O holds (not the stream). */
void out_free(struct out *o);

#endif
