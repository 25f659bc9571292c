#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "diag.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK ((size_t)1 << 16)

static int fast_path = 1;	/* split_plain() in use */

/* libcsv's parser states (csv.c); its header does not export them. */
#define LIBCSV_FIELD_BEGUN 2

/* Per-file reading state, shared by the libcsv and enc callbacks. */
struct reader {
	struct csv_parser p;	/* libcsv parser */
	struct enc enc;		/* decoder */
	const struct csvin_opts *opts; /* caller's options */
	const char *display;	/* file name in messages */
	csvin_record_fn fn;	/* record callback */
	void *ctx;		/* its context */
	int stop;		/* first non-zero callback result */
	long line;		/* line being fed to the parser */
	int at_start;		/* no record begun yet on this line */
	int midline;		/* the last byte fed was not a newline */
	int pending_cr;		/* the last piece ended with a CR */
	long rec_start;		/* line where the current record began */
	int skipping;		/* discarding an oversize record */
	int skip_quoted;	/* while skipping: inside a quoted field */
	char *buf;		/* current record's field bytes, NUL-separated */
	size_t buflen, bufcap;	/* fill and size of buf */
	size_t *off;		/* field start offsets in buf */
	size_t *len;		/* field lengths */
	char **f;		/* field pointers handed to the callback */
	size_t nf, fcap;	/* fields in the record, capacity of the arrays */
	char *raw;		/* the current record's bytes as read */
	size_t rawlen, rawcap;	/* fill and size of raw */
	int raw_bad;		/* raw cannot stand for the record (CR-only ends) */
	int too_big;		/* the record has a field over the limit */
	char msg[128];		/* an error message built for deliver() */
};

/*
 * libcsv's buffer may not grow far past the field limit: that is how an
 * oversize field is stopped before it is read whole.  A field just over
 * the limit (within one growth step) is caught in cb_field() instead.
 */
static void *
limited_realloc(void *p, size_t n)
{
	if (n > CSVIN_FIELD_MAX + ((size_t)1 << 17))
		return NULL;
	return realloc(p, n);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;	/* keep leading and trailing blanks: values pass unchanged */
}

static void
parser_init(struct reader *r)
{
	csv_init(&r->p, CSV_APPEND_NULL);
	csv_set_delim(&r->p, (unsigned char)r->opts->delim);
	csv_set_space_func(&r->p, no_space);
	csv_set_realloc_func(&r->p, limited_realloc);
	/* libcsv grows a field's buffer by this much at a time: its default
	   (128 bytes) makes a multi-megabyte field quadratic. */
	csv_set_blk_size(&r->p, (size_t)1 << 16);
}

static void
grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	if ((np = realloc(*p, n * size)) == NULL) {
		cs_errx(CS_FATAL, "out of memory");
	}
	*p = np;
	*cap = n;
}

static void
grow_fields(struct reader *r)
{
	size_t cap = r->fcap ? r->fcap * 2 : 16;

	r->off = realloc(r->off, cap * sizeof *r->off);
	r->len = realloc(r->len, cap * sizeof *r->len);
	r->f = realloc(r->f, cap * sizeof *r->f);
	if (r->off == NULL || r->len == NULL || r->f == NULL)
		cs_errx(CS_FATAL, "out of memory");
	r->fcap = cap;
}

static void
add_field(struct reader *r, const char *s, size_t n)
{
	if (r->nf == r->fcap)
		grow_fields(r);
	if (r->buflen + n + 1 > r->bufcap)
		grow((void **)&r->buf, &r->bufcap, r->buflen + n + 1, 1);
	memcpy(r->buf + r->buflen, s, n);
	r->buf[r->buflen + n] = '\0';
	r->off[r->nf] = r->buflen;
	r->len[r->nf] = n;
	r->nf++;
	r->buflen += n + 1;
}

/*
 * Hand the record built so far (or an error record) to the callback, with
 * RAW[0..RAWLEN) as its bytes as read (NULL: none known).
 */
static void
deliver_raw(struct reader *r, const char *error, const char *raw,
    size_t rawlen)
{
	struct record rec;
	const struct enc_bad *b;
	size_t i;

	while ((b = enc_take_bad(&r->enc, r->line)) != NULL)
		if (b->line >= r->rec_start && error == NULL)
			error = b->msg;
	if (r->too_big && error == NULL)
		error = "field larger than the 4 MiB limit";
	r->too_big = 0;
	for (i = 0; i < r->nf; i++)
		r->f[i] = r->buf + r->off[i];
	rec.n = error ? 0 : r->nf;
	rec.f = r->f;
	rec.len = r->len;
	rec.line = r->rec_start;
	rec.endline = r->line;
	rec.error = error;
	rec.raw = raw;
	rec.rawlen = rawlen;
	r->rawlen = 0;
	r->raw_bad = 0;
	r->nf = 0;
	r->buflen = 0;
	r->at_start = 1;
	if (r->stop == 0)
		r->stop = r->fn(r->ctx, &rec);
}

/* Deliver with the raw bytes kept by keep_raw(), when they are usable. */
static void
deliver(struct reader *r, const char *error)
{
	size_t n = r->rawlen;

	if (r->raw_bad || r->opts->text || n == 0) {
		deliver_raw(r, error, NULL, 0);
		return;
	}
	if (r->raw[n - 1] == '\n')
		n--;
	if (n > 0 && r->raw[n - 1] == '\r')
		n--;
	deliver_raw(r, error, r->raw, n);
}

static void
cb_field(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (n > CSVIN_FIELD_MAX)
		r->too_big = 1;
	add_field(r, s, n);
}

static void
cb_record(int c, void *data)
{
	(void)c;
	deliver(data, NULL);
}

/* Discard bytes of an oversize record up to its end; returns bytes used. */
static size_t
skip_record(struct reader *r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			r->skip_quoted = !r->skip_quoted;
		else if (s[i] == '\n' && !r->skip_quoted) {
			r->skipping = 0;
			r->nf = 0;
			deliver(r, "field larger than the 4 MiB limit");
			return i + 1;
		}
	}
	return n;
}

/*
 * Keep the bytes of the record being read, so that the driver can write a
 * record back exactly as it came instead of re-quoting every field.
 */
static void
keep_raw(struct reader *r, const char *s, size_t n)
{
	if (r->skipping || r->raw_bad)
		return;
	if (r->rawlen + n > CSVIN_FIELD_MAX) {
		r->raw_bad = 1;
		return;
	}
	/* A CR other than a final CRLF may end a record (CR-only files). */
	{
		size_t end = n;

		if (end > 0 && s[end - 1] == '\n')
			end--;
		if (end > 0 && s[end - 1] == '\r' && end < n)
			end--;
		if (memchr(s, '\r', end) != NULL)
			r->raw_bad = 1;
	}
	grow((void **)&r->raw, &r->rawcap, r->rawlen + n, 1);
	memcpy(r->raw + r->rawlen, s, n);
	r->rawlen += n;
}

/* Feed one line (or the tail of one) to libcsv. */
static void
feed_csv(struct reader *r, const char *s, size_t n)
{
	keep_raw(r, s, n);
	while (n > 0 && r->stop == 0) {
		size_t used;

		if (r->skipping) {
			used = skip_record(r, s, n);
			s += used;
			n -= used;
			continue;
		}
		used = csv_parse(&r->p, s, n, cb_field, cb_record, r);
		if (used == n)
			return;
		/* Only running out of room stops libcsv in non-strict mode. */
		r->skipping = 1;
		r->skip_quoted = r->p.quoted && r->p.pstate == LIBCSV_FIELD_BEGUN;
		csv_free(&r->p);
		parser_init(r);
		s += used;
		n -= used;
	}
}

/* Text mode: accumulate a line, deliver it at its newline. */
static void
feed_text(struct reader *r, const char *s, size_t n, int complete)
{
	if (r->skipping) {
		if (complete) {
			r->skipping = 0;
			r->nf = 0;
			deliver(r, "line longer than the 4 MiB limit");
		}
		return;
	}
	if (r->nf == 0)
		add_field(r, "", 0);
	/* The line end does not count against the limit. */
	if (r->len[0] + n > CSVIN_FIELD_MAX + 2) {
		r->skipping = 1;
		r->nf = 0;
		r->buflen = 0;
		feed_text(r, "", 0, complete);
		return;
	}
	/* Extend the single field in place. */
	grow((void **)&r->buf, &r->bufcap, r->buflen + n, 1);
	memcpy(r->buf + r->buflen - 1, s, n);
	r->buflen += n;
	r->len[0] += n;
	r->buf[r->buflen - 1] = '\0';
	if (complete) {
		size_t *l = &r->len[0];

		if (*l > 0 && r->buf[*l - 1] == '\n')
			r->buf[--*l] = '\0';
		if (*l > 0 && r->buf[*l - 1] == '\r')
			r->buf[--*l] = '\0';
		if (*l > CSVIN_FIELD_MAX) {
			r->nf = 0;
			deliver(r, "line longer than the 4 MiB limit");
			return;
		}
		deliver(r, NULL);
	}
}

/* Start a field at offset FROM of r->buf, ending at TO (made a NUL). */
static inline void
cut_field(struct reader *r, size_t from, size_t to)
{
	if (r->nf == r->fcap)
		grow_fields(r);
	r->off[r->nf] = from;
	r->len[r->nf] = to - from;
	r->nf++;
	r->buf[to] = '\0';
}

/*
 * How a plain line stops at offset P of S[0..N): the bytes the line takes
 * with its end (LF or CRLF), or 0 when the line is not plain (a quote that
 * opens a field, a lone CR) or its end is not in S.
 */
static size_t
line_end(const char *s, size_t n, size_t p)
{
	if (s[p] == '\n')
		return p + 1;
	if (s[p] == '\r' && p + 1 < n && s[p + 1] == '\n')
		return p + 2;
	return 0;
}

/*
 * The fast path for a line that starts a record, has no field that begins
 * with a quote character and no CR but a final CRLF's: CSV gives such a
 * line no syntax but the delimiter (a quote inside an unquoted field, as
 * in the ="0123" cells of spreadsheet exports, is an ordinary character to
 * libcsv when it is not strict), so it is one record whose fields lie
 * between delimiters, exactly as libcsv (blanks kept) delivers them.  libcsv calls
 * a function for every byte and copies fields a byte at a time, which
 * costs more than the tools' own work; this loop copies the line into
 * r->buf and finds its delimiters and its end in one pass, 16 bytes at a
 * time where SSE2 is there.  Every other line goes to libcsv, and a test
 * and the fuzz harness check that both agree on random input.
 *
 * Returns the bytes of S[0..N) the line took with its end, or 0 (nothing
 * delivered) when the line is not plain or does not end within S.
 */
static size_t
split_plain(struct reader *r, const char *s, size_t n)
{
	const char delim = r->opts->delim;
	size_t i = 0, from = 0, end, used;
#ifdef __SSE2__
	unsigned carry = 1;	/* the next byte starts a field */
#endif

	for (;;) {
		size_t lim = i + 16 < n ? i + 16 : n;

		if (i > CSVIN_FIELD_MAX)
			goto not_plain;
		grow((void **)&r->buf, &r->bufcap, i + 17, 1);
#ifdef __SSE2__
		if (lim == i + 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			unsigned d = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8(delim)));
			unsigned q = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
			    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));

			/* Quotes matter only where a field starts. */
			m |= q & ((d << 1 | carry) & 0xFFFFu);
			carry = d >> 15;

			_mm_storeu_si128((__m128i *)(void *)(r->buf + i), v);
			if (m != 0)
				d &= (1u << __builtin_ctz(m)) - 1;
			for (; d != 0; d &= d - 1) {
				size_t k = i + (size_t)__builtin_ctz(d);

				cut_field(r, from, k);
				from = k + 1;
			}
			if (m == 0) {
				i = lim;
				continue;
			}
			end = i + (size_t)__builtin_ctz(m);
			break;
		}
#endif
		for (; i < lim; i++) {
			char c = s[i];

			if (c == '\n' || c == '\r' || (c == '"' && i == from))
				break;
			r->buf[i] = c;
			if (c == delim) {
				cut_field(r, from, i);
				from = i + 1;
			}
		}
		if (i < lim) {
			end = i;
			break;
		}
		if (i == n)
			goto not_plain;	/* the line goes on in the next piece */
	}
	/* A line over the field limit may hold an oversize field: libcsv's
	   path reports those. */
	if (end > CSVIN_FIELD_MAX || (used = line_end(s, n, end)) == 0)
		goto not_plain;
	if (end == 0)
		return used;	/* a blank line: libcsv skips it too */
	cut_field(r, from, end);
	r->buflen = end + 1;
	deliver_raw(r, NULL, s, end);
	return used;
not_plain:
	r->nf = 0;
	return 0;
}

/* A line has ended: count it, and see whether a record may start next. */
static void
end_line(struct reader *r)
{
	r->line++;
	r->midline = 0;
	/* A record may not have begun on a blank line. */
	if (!r->opts->text && r->nf == 0 && !r->skipping && r->p.pstate == 0)
		r->at_start = 1;
}

/*
 * The next piece of CSV input S[0..N) up to and including its first line
 * end: LF, or a CR not followed by LF (libcsv ends records there too, and
 * CR-only files from old spreadsheet programs use nothing else).  Sets
 * *ENDS when the piece ends a line.  A CR at the end of S may be the first
 * half of a CRLF: r->pending_cr leaves that to the next piece.
 */
static size_t
csv_piece(struct reader *r, const char *s, size_t n, int *ends)
{
	const char *nl = memchr(s, '\n', n);
	size_t seg = nl ? (size_t)(nl - s) + 1 : n;
	const char *cr = memchr(s, '\r', seg);

	*ends = nl != NULL;
	if (cr != NULL && cr + 1 < s + seg && cr[1] != '\n') {
		*ends = 1;
		return (size_t)(cr - s) + 1;
	}
	if (cr != NULL && nl == NULL && cr == s + seg - 1)
		r->pending_cr = 1;
	return seg;
}

/* enc callback: split decoded text into lines and feed them. */
static int
on_decoded(void *ctx, const char *s, size_t n)
{
	struct reader *r = ctx;

	while (n > 0 && r->stop == 0) {
		size_t seg;
		int ends;

		if (r->pending_cr) {
			/* The last piece ended with CR: a line end unless LF follows. */
			r->pending_cr = 0;
			if (s[0] != '\n')
				end_line(r);
		}
		if (r->at_start) {
			r->rec_start = r->line;
			r->at_start = 0;
			r->rawlen = 0;
			r->raw_bad = 0;
		}
		if (fast_path && !r->opts->text && r->p.pstate == 0 &&
		    !r->skipping && r->nf == 0 && (seg = split_plain(r, s, n)) > 0) {
			r->midline = 0;
			r->line++;
			r->at_start = 1;
			s += seg;
			n -= seg;
			continue;
		}
		if (r->opts->text) {
			const char *nl = memchr(s, '\n', n);

			seg = nl ? (size_t)(nl - s) + 1 : n;
			ends = nl != NULL;
			feed_text(r, s, seg, ends);
		} else {
			seg = csv_piece(r, s, n, &ends);
			feed_csv(r, s, seg);
		}
		r->midline = !ends;
		if (ends)
			end_line(r);
		s += seg;
		n -= seg;
	}
	return r->stop;
}

static void
finish(struct reader *r)
{
	if (r->stop != 0)
		return;
	if (!r->midline && r->line > 1)
		r->line--;	/* the last line fed, for messages */
	if (r->opts->text) {
		if (r->nf > 0 || r->skipping)
			feed_text(r, "", 0, 1);
		return;
	}
	if (r->skipping) {
		r->skip_quoted = 0;
		skip_record(r, "\n", 1);
		return;
	}
	if (r->p.quoted && r->p.pstate == LIBCSV_FIELD_BEGUN) {
		r->nf = 0;
		if (r->line > r->rec_start) {
			/* Name every line swallowed, so none is lost silently. */
			snprintf(r->msg, sizeof r->msg, "quoted field not "
			    "terminated before end of input: lines %ld-%ld skipped",
			    r->rec_start, r->line);
			deliver(r, r->msg);
		} else
			deliver(r, "quoted field not terminated before end of input");
		return;
	}
	csv_fini(&r->p, cb_field, cb_record, r);
}

static void
reader_free(struct reader *r)
{
	csv_free(&r->p);
	enc_free(&r->enc);
	free(r->buf);
	free(r->off);
	free(r->len);
	free(r->f);
	free(r->raw);
}

static void
reader_init(struct reader *r, const struct csvin_opts *opts,
    const char *display, csvin_record_fn fn, void *ctx)
{
	memset(r, 0, sizeof *r);
	r->opts = opts;
	r->display = display;
	r->fn = fn;
	r->ctx = ctx;
	r->line = 1;
	r->at_start = 1;
}

int
csvin_run_lines(const char *path, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx, long *lines)
{
	struct reader r;
	FILE *fp = stdin;
	char *chunk;
	int rc = 0;

	reader_init(&r, opts, display, fn, ctx);
	if (enc_init(&r.enc, opts->encoding) != 0) {
		cs_warnx("unknown encoding '%s'", opts->encoding);
		return -1;
	}
	if (path != NULL && strcmp(path, "-") != 0 &&
	    (fp = fopen(path, "rb")) == NULL) {
		cs_warn("%s", display);
		enc_free(&r.enc);
		return -1;
	}
	parser_init(&r);
	if ((chunk = malloc(CHUNK)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (;;) {
		size_t n = fread(chunk, 1, CHUNK, fp);
		int eof = n < CHUNK;

		if (eof && ferror(fp)) {
			cs_warn("%s: read error", display);
			rc = -1;
			break;
		}
		if (enc_feed(&r.enc, chunk, n, eof, on_decoded, &r) != 0 || eof)
			break;
	}
	if (lines != NULL)
		*lines = r.midline ? r.line : r.line - 1;
	if (rc == 0)
		finish(&r);
	if (rc == 0)
		rc = r.stop;
	free(chunk);
	if (fp != stdin)
		fclose(fp);
	reader_free(&r);
	return rc;
}

int
csvin_run(const char *path, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx)
{
	return csvin_run_lines(path, display, opts, fn, ctx, NULL);
}

int
csvin_run_mem(const char *data, size_t len, const char *display,
    const struct csvin_opts *opts, csvin_record_fn fn, void *ctx)
{
	struct reader r;
	int rc;

	reader_init(&r, opts, display, fn, ctx);
	if (enc_init(&r.enc, opts->encoding) != 0) {
		cs_warnx("unknown encoding '%s'", opts->encoding);
		return -1;
	}
	parser_init(&r);
	enc_feed(&r.enc, data, len, 1, on_decoded, &r);
	finish(&r);
	rc = r.stop;
	reader_free(&r);
	return rc;
}

int
csvin_fast_path(int on)
{
	int was = fast_path;

	fast_path = on;
	return was;
}
