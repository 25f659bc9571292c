#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/diag.h"
#include "io/out.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define OUT_FLUSH_AT ((size_t)1 << 16)

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

/*
 * Rows are assembled in our own buffer and handed to stdio in large
 * pieces: per-field fwrite/putc calls cost more than the CSV parsing.
 */
static void
emit(struct out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : OUT_FLUSH_AT * 2;

		while (cap < o->len + n)
			cap *= 2;
		if ((o->buf = xreallocarray(o->buf, 1, cap)) == NULL)
			cs_errx(CS_FATAL, "out of memory");
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
emitc(struct out *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	else
		emit(o, &c, 1);
}

void
out_flush(struct out *o)
{
	if (o->len > 0)
		fwrite(o->buf, 1, o->len, o->fp);
	o->len = 0;
}

static void
start(struct out *o)
{
	/* JSON lines are read by programs, which a BOM breaks (json.loads). */
	if (!o->started && o->excel && o->fmt != OUT_JSON)
		emit(o, "\xEF\xBB\xBF", 3);
	o->started = 1;
}

/* Are S[0..N) all ASCII digits (N > 0)? */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/*
 * Are S[0..N) (N > 0) ASCII letters, digits and '-' only: what the
 * Taobao export puts in ="..." (order ids, tracking numbers such as
 * YT7432109870001)?  Such a formula is a string constant and runs
 * nothing.
 */
static int
id_chars(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= 'a' && c <= 'z') && c != '-')
			return 0;
	}
	return n > 0;
}

/* Is S[0..N) a plain number: digits, or digits '.' digits? */
static int
plain_number(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);

	if (dot == NULL)
		return all_digits(s, n);
	return all_digits(s, (size_t)(dot - s)) &&
	    all_digits(dot + 1, n - (size_t)(dot - s) - 1);
}

/* What --excel does to a cell (see excel_cell()). */
enum excel_way {
	XL_ASIS,	/* written as it is */
	XL_GUARD,	/* a spreadsheet would run it: a ' goes before it */
	XL_TEXT		/* a long digit string: written as ="digits" */
};

/*
 * How --excel writes S[0..N).  A spreadsheet runs a cell that starts
 * with '=', '@', a tab or a CR, and one that starts with '+' or '-'
 * unless the rest is a plain number (-12.00 and +6 stay numbers): those
 * get a leading '.  The Taobao form ="digits" (="YT123" for tracking
 * numbers) is a formula that makes a text of its characters and does
 * nothing else, so it stays as it is.  A
 * string of 12 or more digits (order ids, tracking numbers) would be
 * shown as 4.001E+15 and rounded to 15 digits: it is written as
 * ="digits", which Excel, WPS and LibreOffice show as text with every
 * digit.
 */
static enum excel_way
excel_cell(const char *s, size_t n)
{
	if (n == 0)
		return XL_ASIS;
	switch (s[0]) {
	case '=':
		return n >= 4 && s[1] == '"' && s[n - 1] == '"' &&
		    id_chars(s + 2, n - 3) ? XL_ASIS : XL_GUARD;
	case '@':
	case '\t':
	case '\r':
		return XL_GUARD;
	case '+':
	case '-':
		return plain_number(s + 1, n - 1) ? XL_ASIS : XL_GUARD;
	}
	if (n >= 12 && s[0] >= '0' && s[0] <= '9' && all_digits(s, n))
		return XL_TEXT;
	return XL_ASIS;
}

/*
 * Whether S[0..N) must be quoted: it holds a quote, CR, LF or DELIM.  Every
 * value the tools write passes here, the appended text of cs-reviewsort
 * (some hundred bytes a row) too, so SSE2 looks at 16 bytes at a time.
 */
#ifdef __SSE2__
/* Bits of the bytes of V that are a quote, CR, LF or the delimiter D. */
static inline int
special_bytes(__m128i v, __m128i d)
{
	const __m128i q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
	const __m128i lf = _mm_set1_epi8('\n');

	return _mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, cr)),
	    _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, d))));
}
#endif

static int
needs_quotes(const char *s, size_t n, char delim)
{
	const char *end = s + n;

#ifdef __SSE2__
	const __m128i d = _mm_set1_epi8(delim);
	__m128i v;
	uint32_t x, y;
	uint64_t a, b;

	if (n >= 16) {
		/* The last block may overlap the one before it. */
		for (;; s += 16) {
			const char *at = end - s >= 16 ? s : end - 16;

			v = _mm_loadu_si128((const __m128i *)(const void *)at);
			if (special_bytes(v, d) != 0)
				return 1;
			if (at + 16 >= end)
				return 0;
		}
	}
	/*
	 * Shorter values (most of the appended cells) in one block too: the
	 * first and the last 8 (or 4) bytes, which may overlap, side by
	 * side; the rest of the block is zero, which no special byte is.
	 */
	if (n >= 4 && delim != '\0') {
		if (n >= 8) {
			memcpy(&a, s, 8);
			memcpy(&b, end - 8, 8);
		} else {
			memcpy(&x, s, 4);
			memcpy(&y, end - 4, 4);
			a = x;
			b = y;
		}
		v = _mm_set_epi64x((long long)b, (long long)a);
		return special_bytes(v, d) != 0;
	}
#endif

	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;

		/* Every special byte is below '#' except a few delimiters. */
		if (c <= '"' || c == (unsigned char)delim)
			if (c == '"' || c == '\n' || c == '\r' || c == (unsigned char)delim)
				return 1;
	}
	return 0;
}

/*
 * Append S[0..N) as the row's next field, bare, after SEP when it is not
 * the first, if the buffer has room and the header is out; 0 when it
 * could not (the caller takes the general path).
 */
static inline int
put_bare(struct out *o, const char *s, size_t n, char sep)
{
	if (!o->started || o->buf == NULL || o->len + n + 1 > o->cap)
		return 0;
	if (o->col++ > 0)
		o->buf[o->len++] = sep;
	if (n > 0)
		memcpy(o->buf + o->len, s, n);
	o->len += n;
	return 1;
}

int
out_plain(const char *s, size_t n)
{
	return !needs_quotes(s, n, ',') && !needs_quotes(s, n, '\t') &&
	    memchr(s, '\\', n) == NULL && excel_cell(s, n) == XL_ASIS;
}

void
out_field_plain(struct out *o, const char *s, size_t n)
{
	if ((o->fmt == OUT_CSV || o->fmt == OUT_TSV) &&
	    put_bare(o, s, n, o->fmt == OUT_TSV ? '\t' : ','))
		return;
	out_field(o, s, n);
}

static void
put_csv(struct out *o, const char *s, size_t n)
{
	const char *q;

	if (!needs_quotes(s, n, o->fmt == OUT_TSV ? '\t' : ',')) {
		emit(o, s, n);
		return;
	}
	emitc(o, '"');
	while ((q = memchr(s, '"', n)) != NULL) {
		emit(o, s, (size_t)(q - s) + 1);
		emitc(o, '"');
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	emit(o, s, n);
	emitc(o, '"');
}

/*
 * A TSV field: no quoting, one record per line, so a tab, LF, CR or
 * backslash inside is written as \t \n \r \\ (Miller's TSV and
 * PostgreSQL's text format; csvin reads them back with -t).
 */
static void
put_tsv(struct out *o, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		const char *esc;

		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		emit(o, s + from, i - from);
		emit(o, esc, 2);
		from = i + 1;
	}
	emit(o, s + from, n - from);
}

static void
put_cell(struct out *o, const char *s, size_t n)
{
	if (o->fmt == OUT_TSV)
		put_tsv(o, s, n);
	else
		put_csv(o, s, n);
}

static void
put_json(struct out *o, const char *s, size_t n)
{
	size_t i, from = 0;

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
		emit(o, s + from, i - from);
		emit(o, esc, strlen(esc));
		from = i + 1;
	}
	emit(o, s + from, n - from);
}

/* --- numeric columns (json) --------------------------------------------- */

void
out_numbers(struct out *o, const char *const *pats, size_t n)
{
	free(o->numpats);
	o->numpats = xreallocarray(NULL, n ? n : 1, sizeof *o->numpats);
	memcpy(o->numpats, pats, n * sizeof *pats);
	o->nnumpats = n;
}

int
out_name_match(const char *pat, const char *name, size_t len)
{
	size_t i;

	for (; *pat != '\0'; pat++, name++, len--) {
		if (pat[0] == '%' && pat[1] == 's') {
			/* Any run of bytes: try every split, shortest first. */
			for (i = 0; i <= len; i++)
				if (out_name_match(pat + 2, name + i, len - i))
					return 1;
			return 0;
		}
		if (pat[0] == '%' && pat[1] == '%')
			pat++;
		if (len == 0 || *name != *pat)
			return 0;
	}
	return len == 0;
}

int
out_name_numeric(const struct out *o, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < o->nnumpats; i++)
		if (out_name_match(o->numpats[i], name, len))
			return 1;
	return 0;
}

void
out_number_col(struct out *o, size_t i, int yes)
{
	if (o->num != NULL && i < o->nkeys)
		o->num[i] = yes != 0;
}

/* How many digits S[0..N) starts with. */
static size_t
digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

int
out_json_number(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	if ((d = digits(s + i, n - i)) == 0 || (s[i] == '0' && d > 1))
		return 0;
	i += d;
	if (i < n && s[i] == '.') {
		if ((d = digits(s + i + 1, n - i - 1)) == 0)
			return 0;
		i += 1 + d;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if ((d = digits(s + i, n - i)) == 0)
			return 0;
		i += d;
	}
	return i == n;
}

static void put_json(struct out *, const char *, size_t);

/*
 * The value of a numeric column: bare when it is a number once a sign
 * '+' (cs-stats' change) or a '%' (cs-reviewsort's share) is taken off,
 * null when empty, a string otherwise, so that no text is lost.
 */
static void
put_json_number(struct out *o, const char *s, size_t n)
{
	const char *v = s;
	size_t k = n;

	if (k > 0 && v[0] == '+')
		v++, k--;
	if (k > 0 && v[k - 1] == '%')
		k--;
	if (n == 0) {
		emit(o, "null", 4);
	} else if (out_json_number(v, k)) {
		emit(o, v, k);
	} else {
		emitc(o, '"');
		put_json(o, s, n);
		emitc(o, '"');
	}
}

void
out_field(struct out *o, const char *s, size_t n)
{
	enum excel_way way;

	/* The common case first: plain CSV, a value that needs no quotes. */
	if (o->fmt == OUT_CSV && !o->excel && !needs_quotes(s, n, ',') &&
	    put_bare(o, s, n, ','))
		return;
	start(o);
	switch (o->fmt) {
	case OUT_CSV:
	case OUT_TSV:
		if (o->col > 0)
			emitc(o, o->fmt == OUT_TSV ? '\t' : ',');
		way = o->excel ? excel_cell(s, n) : XL_ASIS;
		if (way != XL_ASIS) {
			/* The guard goes inside any CSV quoting. */
			char *tmp = xmalloc(n + 4);
			size_t k = 0;

			if (tmp == NULL)
				cs_errx(CS_FATAL, "out of memory");
			if (way == XL_GUARD)
				tmp[k++] = '\'';
			else {
				tmp[k++] = '=';
				tmp[k++] = '"';
			}
			memcpy(tmp + k, s, n);
			k += n;
			if (way == XL_TEXT)
				tmp[k++] = '"';
			put_cell(o, tmp, k);
			free(tmp);
		} else {
			put_cell(o, s, n);
		}
		break;
	case OUT_JSON:
		emit(o, o->col == 0 ? "{\"" : ",\"", 2);
		if (o->col < o->nkeys) {
			put_json(o, o->keys[o->col], strlen(o->keys[o->col]));
		} else {
			char num[24];

			snprintf(num, sizeof num, "%zu", o->col + 1);
			emit(o, num, strlen(num));
		}
		if (o->num != NULL && o->col < o->nkeys && o->num[o->col]) {
			emit(o, "\":", 2);
			put_json_number(o, s, n);
			break;
		}
		emit(o, "\":\"", 3);
		put_json(o, s, n);
		emitc(o, '"');
		break;
	}
	o->col++;
}

void
out_raw(struct out *o, const char *s, size_t n, size_t nfields)
{
	start(o);
	emit(o, s, n);
	o->col = nfields;
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
		emit(o, o->col == 0 ? "{}" : "}", o->col == 0 ? 2 : 1);
	if (o->excel && o->fmt != OUT_JSON)
		emitc(o, '\r');
	emitc(o, '\n');
	o->col = 0;
	if (o->len >= OUT_FLUSH_AT)
		out_flush(o);
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
	for (i = 0; i < o->nkeys; i++)
		free(o->keys[i]);
	free(o->keys);
	free(o->num);
	if ((o->keys = xcalloc(n ? n : 1, sizeof *o->keys)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	o->num = xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		if ((o->keys[i] = strndup(names[i], lens[i])) == NULL)
			cs_errx(CS_FATAL, "out of memory");
		o->num[i] = out_name_numeric(o, names[i], lens[i]);
	}
	o->nkeys = n;
}

void
out_free(struct out *o)
{
	size_t i;

	out_flush(o);
	for (i = 0; i < o->nkeys; i++)
		free(o->keys[i]);
	free(o->keys);
	free(o->num);
	free(o->numpats);
	free(o->buf);
	o->keys = NULL;
	o->num = NULL;
	o->numpats = NULL;
	o->nnumpats = 0;
	o->nkeys = 0;
	o->buf = NULL;
	o->cap = 0;
}
