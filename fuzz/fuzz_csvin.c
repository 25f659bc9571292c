/*
 * The CSV + encoding layer: csvin_run_mem() over random bytes with a
 * random delimiter, text mode and encoding (detected or named).
 *
 * Checks the csvin.h contract on every record: line numbers start at 1
 * and never go back, a record ends on or after the line it starts, an
 * unreadable record has a reason and no fields, and every field of a
 * readable record is NUL-terminated, NUL-free, valid UTF-8 and no larger
 * than CSVIN_FIELD_MAX.  The same input is read again with the fast path
 * for quote-free lines turned off, and both readings must agree on every
 * record: lines, error, fields and raw bytes.
 */

#include "fuzz.h"

#include "io/csvin.h"
#include "io/enc.h"

struct state {
	long last;		/* line of the previous record */
	int text;		/* text mode: one field per record */
	struct fz_buf log;	/* every record, serialised */
};

static void
log_bytes(struct state *st, const void *p, size_t n)
{
	fz_append(&st->log, p, n);
}

/* Lengths go first, so that no two records serialise alike. */
static void
log_record(struct state *st, const struct record *r)
{
	size_t i;

	log_bytes(st, &r->line, sizeof r->line);
	log_bytes(st, &r->endline, sizeof r->endline);
	log_bytes(st, &r->n, sizeof r->n);
	log_bytes(st, r->error ? r->error : "", r->error ? strlen(r->error) + 1 : 1);
	log_bytes(st, &r->rawlen, sizeof r->rawlen);
	if (r->raw != NULL)
		log_bytes(st, r->raw, r->rawlen);
	for (i = 0; i < r->n; i++) {
		log_bytes(st, &r->len[i], sizeof r->len[i]);
		log_bytes(st, r->f[i], r->len[i]);
	}
}

static int
check(void *ctx, struct record *r)
{
	struct state *st = ctx;
	size_t i, bad;

	FZ_ASSERT(r->line >= 1);
	/* Not strictly: records split by a lone CR share a line. */
	FZ_ASSERT(r->line >= st->last);
	FZ_ASSERT(r->endline >= r->line);
	st->last = r->line;
	log_record(st, r);
	if (r->raw != NULL)
		fz_touch(r->raw, r->rawlen);
	if (r->error != NULL) {
		FZ_ASSERT(r->error[0] != '\0');
		FZ_ASSERT(r->n == 0);
		return 0;
	}
	if (st->text)
		FZ_ASSERT(r->n == 1);
	for (i = 0; i < r->n; i++) {
		FZ_ASSERT(r->f[i][r->len[i]] == '\0');
		FZ_ASSERT(r->len[i] <= CSVIN_FIELD_MAX);
		FZ_ASSERT(enc_utf8_valid(r->f[i], r->len[i], &bad));
		FZ_ASSERT(memchr(r->f[i], '\0', r->len[i]) == NULL);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encs[] = {
		NULL, NULL, NULL, NULL, "utf-8", "gbk", "gb18030", "big5",
		"utf-16", "utf-16le", "utf-16be", "UTF-8"
	};
	struct csvin_opts o;
	struct state st, slow;
	int rf, rs;

	if (size < 2)
		return 0;
	o.delim = (char)data[0];
	/* What cli.c accepts for -d: one ASCII byte, not a quote or line end. */
	if (o.delim == '"' || o.delim == '\n' || o.delim == '\r' ||
	    o.delim == '\0' || (data[0] & 0x80) != 0)
		o.delim = ',';
	o.text = data[1] & 1;
	o.tsv = data[1] >> 6 & 1;	/* -t: TSV with escapes */
	o.encoding = encs[(data[1] >> 1) % (sizeof encs / sizeof encs[0])];
	memset(&st, 0, sizeof st);
	st.text = o.text;
	slow = st;
	rf = csvin_run_mem((const char *)data + 2, size - 2, "fuzz", &o, check, &st);
	csvin_fast_path(0);
	rs = csvin_run_mem((const char *)data + 2, size - 2, "fuzz", &o, check, &slow);
	csvin_fast_path(1);
	FZ_ASSERT(rf == rs);
	FZ_ASSERT(st.log.len == slow.log.len);
	FZ_ASSERT(st.log.len == 0 || memcmp(st.log.s, slow.log.s, st.log.len) == 0);
	free(st.log.s);
	free(slow.log.s);
	return 0;
}
