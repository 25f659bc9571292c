#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/csvin.h"
#include "io/diag.h"
#include "io/zin.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CHUNK ((size_t)1 << 16)

static int fast_path = 1;	/* split_plain() in use */

/*
 * libcsv runs in strict mode, so that it reports the two things RFC 4180
 * does not allow (csv(3), "PARSING MALFORMED DATA"): a quote inside an
 * unquoted field, and a closing quote followed by anything but the
 * delimiter or a line end.  The first is common and harmless in shop
 * exports (="0123" cells, 15.6" in a product title): feed_csv() gives that
 * one quote to libcsv again in lenient mode, which keeps it as an
 * ordinary character, exactly as the fast path and spreadsheets do.  The
 * second is a stray quote (...,"很好"谢谢): lenient libcsv would read on
 * in the quoted field and swallow the records that follow, so it rejects
 * the record and reading starts again after it (malformed()).  No blank
 * counts as a space (no_space()), so libcsv's "next non-space character"
 * is simply the next character.
 *
 * What csvin needs to know of the parser's state it keeps itself, from
 * what it feeds and what the callbacks report (the struct's members are
 * libcsv's private business): whether a record is under way (in_record)
 * and whether a quoted field is open (open_quote, the parity of the
 * quotes libcsv read as quoting).
 */
#define STRICT_OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define LENIENT_OPTS CSV_APPEND_NULL

/* Input read line by line (text mode, TSV), not by libcsv. */
#define LINES(r) ((r)->opts->text || (r)->opts->tsv)

/* The most characters of input a message quotes. */
#define EXCERPT_CHARS 60

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
	int in_record;		/* libcsv holds part of a record */
	int open_quote;		/* a quoted field is open (parity of quotes) */
	int discard;		/* dropping the rest of a malformed line */
	char *replay;		/* lines to read again after a malformed record */
	size_t replaylen;	/* bytes in replay */
	long replay_line;	/* line where the replayed bytes start */
	long replayed_to;	/* last line read again so far (none: 0) */
	char *buf;		/* current record's field bytes, NUL-separated */
	size_t buflen, bufcap;	/* fill and size of buf */
	size_t *off;		/* field start offsets in buf */
	size_t *len;		/* field lengths */
	char **f;		/* field pointers handed to the callback */
	size_t nf, fcap;	/* fields in the record, capacity of the arrays */
	char *raw;		/* the current record's bytes as read */
	size_t rawlen, rawcap;	/* fill and size of raw */
	int raw_bad;		/* raw cannot stand for the record (CR-only ends) */
	int raw_cut;		/* raw stopped at the limit: it lacks bytes */
	int too_big;		/* the record has a field over the limit */
	unsigned long ndelivered; /* records handed to the callback */
	const char *hint;	/* enc_sniff() of the first bytes, for the
				   first record */
	long skip;		/* lines to drop before the first record */
	long skipped;		/* of them, dropped so far */
	int skip_cr;		/* the last byte dropped was a CR */
	char msg[512];		/* an error message built for deliver() */
};

/*
 * libcsv's buffer may not grow far past the field limit: that is how an
 * oversize field is stopped before it is read whole.  A field just over
 * the limit (within one growth step) is caught in cb_field() instead.
 * The NULL here is a limit on the data, reported as an oversize field
 * (feed_csv()), not out of memory: memory really lacking below the limit
 * is, and exits as everywhere else (core/alloc.h).
 */
static void *
limited_realloc(void *p, size_t n)
{
	if (n > CSVIN_FIELD_MAX + ((size_t)1 << 17))
		return NULL;
	return xreallocarray(p, n, 1);
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
	csv_init(&r->p, STRICT_OPTS);
	csv_set_delim(&r->p, (unsigned char)r->opts->delim);
	csv_set_space_func(&r->p, no_space);
	csv_set_realloc_func(&r->p, limited_realloc);
	/* libcsv grows a field's buffer by this much at a time: its default
	   (128 bytes) makes a multi-megabyte field quadratic. */
	csv_set_blk_size(&r->p, (size_t)1 << 16);
}

/* Room for NEED bytes in *P (*CAP): the check inline, on the per-field path. */
static inline void
room(char **p, size_t *cap, size_t need)
{
	if (need > *cap)
		xgrow(p, cap, need, 1);
}

static void
grow_fields(struct reader *r)
{
	size_t cap = r->fcap ? r->fcap * 2 : 16;

	r->off = xreallocarray(r->off, cap, sizeof *r->off);
	r->len = xreallocarray(r->len, cap, sizeof *r->len);
	r->f = xreallocarray(r->f, cap, sizeof *r->f);
	r->fcap = cap;
}

static void
add_field(struct reader *r, const char *s, size_t n)
{
	if (r->nf == r->fcap)
		grow_fields(r);
	if (r->buflen + n + 1 > r->bufcap)
		room(&r->buf, &r->bufcap, r->buflen + n + 1);
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
	rec.hint = r->ndelivered == 0 ? r->hint : NULL;
	r->rawlen = 0;
	r->raw_bad = 0;
	r->raw_cut = 0;
	r->nf = 0;
	r->buflen = 0;
	r->at_start = 1;
	r->in_record = 0;
	r->open_quote = 0;
	r->ndelivered++;
	if (r->stop == 0)
		r->stop = r->fn(r->ctx, &rec);
}

/* Deliver with the raw bytes kept by keep_raw(), when they are usable. */
static void
deliver(struct reader *r, const char *error)
{
	size_t n = r->rawlen;

	if (r->raw_bad || r->raw_cut || LINES(r) || n == 0) {
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
	if (r->skipping || r->raw_cut)
		return;
	if (r->rawlen + n > CSVIN_FIELD_MAX) {
		r->raw_cut = 1;
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
	room(&r->raw, &r->rawcap, r->rawlen + n);
	memcpy(r->raw + r->rawlen, s, n);
	r->rawlen += n;
}

/*
 * Count the quotes libcsv read as quoting in S[0..N) (a quote inside an
 * unquoted field is not fed here): their parity says whether a quoted
 * field is open.
 */
static void
count_quotes(struct reader *r, const char *s, size_t n)
{
	const char *q, *end = s + n;

	while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		r->open_quote = !r->open_quote;
		s = q + 1;
	}
}

/*
 * The offset in S[0..N) just past the first line end (LF, CRLF or a lone
 * CR), or N when there is none.
 */
static size_t
past_line_end(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return n;
}

/*
 * Put into BUF (SIZE bytes) the line around BAD in the record's bytes as
 * read: at most EXCERPT_CHARS characters, with "…" where the line goes
 * on.  PIECE[0..PIECELEN) is the piece being fed, which holds BAD.
 */
static void
bad_excerpt(const struct reader *r, const char *piece, size_t piecelen,
    const char *bad, char *buf, size_t size)
{
	const char *s = piece;
	size_t n = piecelen, at = (size_t)(bad - piece), from;

	if (!r->raw_cut && r->rawlen >= piecelen) {
		s = r->raw;
		n = r->rawlen;
		at += r->rawlen - piecelen;
	}
	/* The line that holds BAD, without its end. */
	for (from = at; from > 0 && s[from - 1] != '\n' && s[from - 1] != '\r'; from--)
		;
	s += from;
	n -= from;
	at -= from;
	n = past_line_end(s, n) < n ? past_line_end(s, n) : n;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	diag_excerpt(buf, size, s, n, at, EXCERPT_CHARS * 2 / 3,
	    EXCERPT_CHARS / 3);
}

/* "line A" or "lines A-B", into BUF of SIZE bytes. */
static const char *
lines_text(char *buf, size_t size, long a, long b)
{
	if (a == b)
		snprintf(buf, size, "line %ld", a);
	else
		snprintf(buf, size, "lines %ld-%ld", a, b);
	return buf;
}

/* Deliver an error record for lines FIRST..LAST (r->line is left LAST). */
static void
deliver_lines(struct reader *r, const char *error, long first, long last)
{
	long line = r->line;

	r->rec_start = first;
	r->line = last;
	r->nf = 0;
	deliver(r, error);
	r->line = line;
}

/*
 * Lines FIRST + 1 ... of the record being read, which turned out
 * malformed at line LAST, are read again (replay()) when the record's
 * bytes were all kept and none of them has been read twice already (so
 * that no input is read more than twice).  Returns 1 when r->replay holds
 * them, 0 when they are lost (the caller names them).
 */
static int
keep_for_replay(struct reader *r, long first, long last)
{
	size_t from;

	if (r->raw_cut || first <= r->replayed_to || last <= first)
		return 0;
	from = past_line_end(r->raw, r->rawlen);
	r->replay = xmalloc(r->rawlen - from + 1);
	memcpy(r->replay, r->raw + from, r->rawlen - from);
	r->replaylen = r->rawlen - from;
	r->replay_line = first + 1;
	r->replayed_to = last;
	return 1;
}

/*
 * libcsv (strict) stopped at BAD, in PIECE[0..PIECELEN): a closing quote
 * followed by something that is not the delimiter or a line end.  The
 * record is rejected at the line where it began.  When that is this line,
 * reading goes on at the next line end.  When the quoted field ran over
 * several lines (a stray opening quote), the message names them all and
 * the lines after the first are read again as records, so that a stray
 * quote takes no well-formed record with it.  Returns 1 when lines wait
 * in r->replay.
 */
static int
malformed(struct reader *r, const char *piece, size_t piecelen, const char *bad)
{
	long first = r->rec_start, last = r->line;
	char ex[EXCERPT_CHARS * 4 + 16], more[48];
	int again;

	bad_excerpt(r, piece, piecelen, bad, ex, sizeof ex);
	csv_free(&r->p);
	parser_init(r);
	if (first == last) {
		snprintf(r->msg, sizeof r->msg, "stray quote: text after the "
		    "closing quote of a field in '%s'", ex);
		r->discard = 1;
		deliver_lines(r, r->msg, first, last);
		return 0;
	}
	again = keep_for_replay(r, first, last);
	if (again)
		snprintf(r->msg, sizeof r->msg, "stray quote: the quoted field "
		    "that starts here runs to line %ld, where text follows its "
		    "closing quote ('%s'); line %ld skipped, %s read again",
		    last, ex, first, lines_text(more, sizeof more, first + 1, last));
	else
		snprintf(r->msg, sizeof r->msg, "stray quote: the quoted field "
		    "that starts here runs to line %ld, where text follows its "
		    "closing quote ('%s'): lines %ld-%ld skipped", last, ex,
		    first, last);
	r->discard = !again;
	deliver_lines(r, r->msg, first, again ? first : last);
	return again;
}

/*
 * Feed one line (or the tail of one) to libcsv.  Returns 1 when a
 * malformed record left lines to read again in r->replay (the piece is
 * then used up, its line end included).
 */
static int
feed_csv(struct reader *r, const char *s, size_t n)
{
	const char *piece = s;
	size_t piecelen = n;

	keep_raw(r, s, n);
	/* A piece that starts with a line end is only that line end. */
	if (n > 0 && s[0] != '\n' && s[0] != '\r')
		r->in_record = 1;
	while (n > 0 && r->stop == 0) {
		unsigned long seen = r->ndelivered;
		size_t used;

		if (r->skipping) {
			used = skip_record(r, s, n);
			s += used;
			n -= used;
			continue;
		}
		used = csv_parse(&r->p, s, n, cb_field, cb_record, r);
		/* A record ends only at the piece's end: its quotes are done. */
		if (r->ndelivered == seen)
			count_quotes(r, s, used);
		if (used == n)
			return 0;
		if (csv_error(&r->p) == CSV_EPARSE && s[used] != '"')
			return malformed(r, piece, piecelen, s + used);
		if (csv_error(&r->p) == CSV_EPARSE) {
			/* A quote inside an unquoted field: an ordinary byte. */
			size_t one;

			csv_set_opts(&r->p, LENIENT_OPTS);
			one = csv_parse(&r->p, s + used, 1, cb_field, cb_record, r);
			csv_set_opts(&r->p, STRICT_OPTS);
			used += one;
			if (one == 1) {
				s += used;
				n -= used;
				continue;
			}
		}
		/* Out of room: a field over the limit. */
		r->skipping = 1;
		r->skip_quoted = r->open_quote;
		csv_free(&r->p);
		parser_init(r);
		s += used;
		n -= used;
	}
	return 0;
}

static inline void cut_field(struct reader *r, size_t from, size_t to);

/*
 * TSV (-t): cut the line in r->buf (field 0) at the delimiter into
 * fields and undo the escapes out.c writes, \t \n \r and \\ (Miller's
 * and PostgreSQL's convention; another backslash stays as it is), in
 * place.  Quotes are ordinary characters.  Returns 0 for a blank line,
 * which is no record (as in CSV): it is dropped.
 */
static int
split_tsv(struct reader *r)
{
	char *b = r->buf, *end = r->buf + r->len[0], *from = b, *w = b;
	const char delim = r->opts->delim;

	if (r->len[0] == 0) {
		r->nf = 0;
		r->buflen = 0;
		r->at_start = 1;
		return 0;
	}
	r->nf = 0;
	for (; b < end; b++) {
		if (*b == delim) {
			cut_field(r, (size_t)(from - r->buf), (size_t)(w - r->buf));
			from = w = b + 1;
			continue;
		}
		if (*b == '\\' && b + 1 < end && strchr("tnr\\", b[1]) != NULL) {
			b++;
			*w++ = *b == 't' ? '\t' : *b == 'n' ? '\n' : *b == 'r' ? '\r' : '\\';
			continue;
		}
		*w++ = *b;
	}
	cut_field(r, (size_t)(from - r->buf), (size_t)(w - r->buf));
	return 1;
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
	room(&r->buf, &r->bufcap, r->buflen + n);
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
		if (r->opts->tsv && !r->opts->text && !split_tsv(r))
			return;
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
		room(&r->buf, &r->bufcap, i + 17);
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
	r->discard = 0;
	/* A record may not have begun on a blank line. */
	if (!LINES(r) && !r->in_record && !r->skipping)
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

static void replay(struct reader *r);

/* Split decoded text into lines and feed them. */
static void
feed(struct reader *r, const char *s, size_t n)
{
	while (n > 0 && r->stop == 0) {
		size_t seg;
		int ends;

		if (r->pending_cr) {
			/* The last piece ended with CR: a line end unless LF follows. */
			r->pending_cr = 0;
			if (s[0] != '\n')
				end_line(r);
		}
		if (r->discard) {
			/* The rest of a line that held a stray quote. */
			seg = csv_piece(r, s, n, &ends);
			r->midline = !ends;
			if (ends)
				end_line(r);
			s += seg;
			n -= seg;
			continue;
		}
		if (r->at_start) {
			r->rec_start = r->line;
			r->at_start = 0;
			r->rawlen = 0;
			r->raw_bad = 0;
			r->raw_cut = 0;
		}
		if (fast_path && !LINES(r) && !r->in_record &&
		    !r->skipping && r->nf == 0 && (seg = split_plain(r, s, n)) > 0) {
			r->midline = 0;
			r->line++;
			r->at_start = 1;
			s += seg;
			n -= seg;
			continue;
		}
		if (LINES(r)) {
			const char *nl = memchr(s, '\n', n);

			seg = nl ? (size_t)(nl - s) + 1 : n;
			ends = nl != NULL;
			feed_text(r, s, seg, ends);
		} else {
			seg = csv_piece(r, s, n, &ends);
			if (feed_csv(r, s, seg)) {
				s += seg;
				n -= seg;
				replay(r);
				continue;
			}
		}
		r->midline = !ends;
		if (ends)
			end_line(r);
		s += seg;
		n -= seg;
	}
}

/*
 * Read again the lines malformed() kept, from the line after the
 * rejected record's first.  They hold no line that was read twice
 * already, so feed() cannot ask for another replay while they are read.
 */
static void
replay(struct reader *r)
{
	while (r->replay != NULL && r->stop == 0) {
		char *b = r->replay;
		size_t n = r->replaylen;

		r->replay = NULL;
		r->replaylen = 0;
		r->line = r->replay_line;
		r->midline = 0;
		r->pending_cr = 0;
		r->at_start = 1;
		feed(r, b, n);
		free(b);
	}
	free(r->replay);
	r->replay = NULL;
}

/*
 * --skip: how many bytes of S[0..N) belong to the lines still to drop
 * (each line end LF, CRLF or CR counted as feed() counts it).
 */
static size_t
skip_lines(struct reader *r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (r->skip_cr) {
			r->skip_cr = 0;
			if (s[i] == '\n')
				continue;
		}
		if (r->skipped >= r->skip)
			break;
		if (s[i] == '\n' || s[i] == '\r') {
			r->skipped++;
			r->line++;
			r->midline = 0;
			r->skip_cr = s[i] == '\r';
		} else {
			r->midline = 1;
		}
	}
	return i;
}

/* enc callback: feed the decoded text. */
static int
on_decoded(void *ctx, const char *s, size_t n)
{
	struct reader *r = ctx;
	size_t k;

	if (r->skipped < r->skip || r->skip_cr) {
		k = skip_lines(r, s, n);
		s += k;
		n -= k;
		if (n == 0)
			return 0;
	}
	feed(r, s, n);
	return r->stop;
}

static void finish(struct reader *r);

/*
 * The input ended inside a quoted field.  Its first line is rejected;
 * the lines after it are read again as records when they can be (see
 * keep_for_replay()), or named in the message.
 */
static void
unterminated(struct reader *r)
{
	long first = r->rec_start, last = r->line;
	int again = keep_for_replay(r, first, last);
	char more[48];

	csv_free(&r->p);
	parser_init(r);
	if (last == first)
		snprintf(r->msg, sizeof r->msg, "quoted field not terminated "
		    "before end of input");
	else if (again)
		snprintf(r->msg, sizeof r->msg, "quoted field not terminated "
		    "before end of input: line %ld skipped, %s read again",
		    first, lines_text(more, sizeof more, first + 1, last));
	else
		snprintf(r->msg, sizeof r->msg, "quoted field not terminated "
		    "before end of input: lines %ld-%ld skipped", first, last);
	deliver_lines(r, r->msg, first, again ? first : last);
	if (again) {
		replay(r);
		finish(r);
	}
}

static void
finish(struct reader *r)
{
	if (r->stop != 0)
		return;
	if (!r->midline && r->line > 1)
		r->line--;	/* the last line fed, for messages */
	if (LINES(r)) {
		if (r->nf > 0 || r->skipping)
			feed_text(r, "", 0, 1);
		return;
	}
	if (r->skipping) {
		r->skip_quoted = 0;
		skip_record(r, "\n", 1);
		return;
	}
	/* CSV_STRICT_FINI: an open quoted field is an error, not a field. */
	if (csv_fini(&r->p, cb_field, cb_record, r) != 0)
		unterminated(r);
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
	free(r->replay);
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
	return csvin_run_skip(path, display, opts, 0, fn, ctx, lines);
}

int
csvin_run_skip(const char *path, const char *display,
    const struct csvin_opts *opts, long skip, csvin_record_fn fn, void *ctx,
    long *lines)
{
	struct reader r;
	struct zin z;
	FILE *fp = stdin;
	char *chunk;
	int rc = 0, first = 1;

	reader_init(&r, opts, display, fn, ctx);
	r.skip = skip;
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
	chunk = xmalloc(CHUNK);
	if (zin_open(&z, fp) != 0)
		cs_errx(CS_FATAL, "out of memory");
	parser_init(&r);
	for (;;) {
		size_t n = zin_read(&z, chunk, CHUNK);
		int eof = n < CHUNK;

		if (first)
			r.hint = enc_sniff(chunk, n);
		first = 0;

		if (z.error != NULL) {
			/* What was inflated before a gzip error is read. */
			if (z.gz && n > 0 &&
			    enc_feed(&r.enc, chunk, n, 0, on_decoded, &r) != 0)
				break;
			if (strcmp(z.error, "read error") == 0)
				cs_warn("%s: read error", display);
			else
				cs_warnx("%s: gzip: %s", display, z.error);
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
	zin_close(&z);
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
