/*
 * Unit tests of lib/csvin over memory (csvin_run_mem) and temporary files
 * (csvin_run): quoting, embedded newlines and the line where each record
 * starts and ends, CRLF, blank lines, blanks kept, the raw bytes of each
 * record, text mode, oversize fields, an unterminated quote, bad bytes
 * attached to the right record, reads that cross chunk boundaries,
 * stopping from the callback, and the fast path for quote-free lines
 * against libcsv on random input.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csvin.h"
#include "io/out.h"
#include "t.h"

/* What the record callback saw, as text: one line per record. */
struct coll {
	char *s;		/* "LINE-ENDLINE f1|f2 ...\n" per record */
	size_t len, cap;	/* fill and size of s */
	int nrec;		/* records seen */
	int stop_at;		/* return 9 from this record on (0: never) */
	int raw;		/* append " [RAW]" or " NULL" */
	int msg;		/* show error messages, not just "!" */
	int sizes;		/* show field lengths instead of text */
	int skip_empty;		/* ignore records that hold nothing */
	int nolines;		/* leave out the line numbers */
};

static void
put(struct coll *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		if ((c->s = realloc(c->s, c->cap)) == NULL)
			abort();
	}
	memcpy(c->s + c->len, s, n);
	c->len += n;
	c->s[c->len] = '\0';
}

static void
put_str(struct coll *c, const char *s)
{
	put(c, s, strlen(s));
}

static int
on_record(void *ctx, struct record *r)
{
	struct coll *c = ctx;
	char num[64];
	size_t i;

	if (c->skip_empty && r->error == NULL &&
	    (r->n == 0 || (r->n == 1 && r->len[0] == 0)))
		return 0;
	c->nrec++;
	if (!c->nolines) {
		snprintf(num, sizeof num, "%ld-%ld ", r->line, r->endline);
		put_str(c, num);
	}
	if (r->error != NULL) {
		put_str(c, "!");
		if (c->msg)
			put_str(c, r->error);
		if (r->n != 0)
			put_str(c, " (fields with error)");
	}
	for (i = 0; i < r->n; i++) {
		if (i > 0)
			put_str(c, "|");
		if (strlen(r->f[i]) != r->len[i])
			put_str(c, "(len mismatch)");
		if (c->sizes) {
			snprintf(num, sizeof num, "<%zu>", r->len[i]);
			put_str(c, num);
		} else {
			put(c, r->f[i], r->len[i]);
		}
	}
	if (c->raw && r->error == NULL) {
		if (r->raw == NULL) {
			put_str(c, " NULL");
		} else {
			put_str(c, " [");
			put(c, r->raw, r->rawlen);
			put_str(c, "]");
		}
	}
	put_str(c, "\n");
	return c->stop_at > 0 && c->nrec >= c->stop_at ? 9 : 0;
}

static struct csvin_opts csv_opts = { ',', 0, NULL, 0 };

static char tmp_path[64];

/* Write DATA[0..LEN) to the temporary file tmp_path. */
static void
write_tmp(const char *data, size_t len)
{
	FILE *fp;

	if ((fp = fopen(tmp_path, "wb")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		perror(tmp_path);
		exit(2);
	}
}

/* Reset C keeping its flags. */
static void
coll_reset(struct coll *c)
{
	free(c->s);
	c->s = calloc(1, 1);
	c->len = c->cap = 0;
	c->nrec = 0;
}

/*
 * Read DATA both from memory and from a file with OPTS, checking that
 * both give WANT and the return value RC.  The collector's flags come
 * from TMPL; LINE is the caller's, for messages.
 */
static void
both_(const char *data, size_t len, const struct csvin_opts *opts,
    const struct coll *tmpl, int rc, const char *want, int line)
{
	struct coll c = *tmpl;
	int got;

	c.s = NULL;
	coll_reset(&c);
	got = csvin_run_mem(data, len, "mem.csv", opts, on_record, &c);
	if (got != rc || strcmp(c.s, want) != 0)
		printf("  (memory input, check at line %d)\n", line);
	CHECK_INT(got, rc);
	CHECK_STR(c.s, want);

	coll_reset(&c);
	write_tmp(data, len);
	got = csvin_run(tmp_path, "file.csv", opts, on_record, &c);
	if (got != rc || strcmp(c.s, want) != 0)
		printf("  (file input, check at line %d)\n", line);
	CHECK_INT(got, rc);
	CHECK_STR(c.s, want);
	free(c.s);
}

#define BOTH(lit, opts, tmpl, want) \
	both_(lit, sizeof lit - 1, opts, tmpl, 0, want, __LINE__)

static const struct coll plain;

static void
test_basic(void)
{
	BOTH("a,b,c\n1,2,3\n", &csv_opts, &plain, "1-1 a|b|c\n2-2 1|2|3\n");
	BOTH("a,b\n1,2", &csv_opts, &plain, "1-1 a|b\n2-2 1|2\n");
	BOTH("x\n", &csv_opts, &plain, "1-1 x\n");
	BOTH("", &csv_opts, &plain, "");
	BOTH("a,,\n,\n", &csv_opts, &plain, "1-1 a||\n2-2 |\n");
	BOTH("订单编号,收货地址\n1,浙江省杭州市\n", &csv_opts, &plain,
	    "1-1 订单编号|收货地址\n2-2 1|浙江省杭州市\n");
}

static void
test_quotes(void)
{
	BOTH("\"a,b\",c\n\"\",x\n", &csv_opts, &plain, "1-1 a,b|c\n2-2 |x\n");
	BOTH("\"say \"\"hi\"\"\",\"\"\"\"\n", &csv_opts, &plain,
	    "1-1 say \"hi\"|\"\n");
	BOTH("\"=\"\"123\"\"\",\"a\"\"\"\n", &csv_opts, &plain,
	    "1-1 =\"123\"|a\"\n");
	BOTH("\"中,文\",\"x\"\n", &csv_opts, &plain, "1-1 中,文|x\n");
	/* The last line quoted, without a newline. */
	BOTH("a\n\"b\"", &csv_opts, &plain, "1-1 a\n2-2 b\n");
}

static void
test_newlines(void)
{
	BOTH("h\n\"a\nb\",c\n\"x\n\ny\"\nz\n", &csv_opts, &plain,
	    "1-1 h\n2-3 a\nb|c\n4-6 x\n\ny\n7-7 z\n");
	BOTH("\"a\nb\nc\"", &csv_opts, &plain, "1-3 a\nb\nc\n");
	/* CRLF line ends, and a CRLF kept inside quotes. */
	BOTH("a,b\r\nc,d\r\n", &csv_opts, &plain, "1-1 a|b\n2-2 c|d\n");
	BOTH("\"x\r\ny\",z\r\nw\r\n", &csv_opts, &plain, "1-2 x\r\ny|z\n3-3 w\n");
	BOTH("a,b\r\nc,d", &csv_opts, &plain, "1-1 a|b\n2-2 c|d\n");
	/* CR-only line ends count as lines, inside quotes too. */
	BOTH("a,b\rc,d\r\"x\ry\",z\rw", &csv_opts, &plain,
	    "1-1 a|b\n2-2 c|d\n3-4 x\ry|z\n5-5 w\n");
	BOTH("h\r\rq\r\n\rz\r", &csv_opts, &plain, "1-1 h\n3-3 q\n5-5 z\n");
}

static void
test_blank_lines(void)
{
	static const struct coll skip = { .skip_empty = 1 };

	BOTH("a\n\nb\n\n\nc\n", &csv_opts, &skip, "1-1 a\n3-3 b\n6-6 c\n");
	BOTH("\n\na,b\n", &csv_opts, &skip, "3-3 a|b\n");
	BOTH("a\r\n\r\nb\r\n\r\n", &csv_opts, &skip, "1-1 a\n3-3 b\n");
	BOTH("a\n\"\n\nx\"\nb\n", &csv_opts, &skip, "1-1 a\n2-4 \n\nx\n5-5 b\n");
	BOTH("\n", &csv_opts, &skip, "");
}

static void
test_blanks_kept(void)
{
	BOTH(" a , b \n\" q \", r\n", &csv_opts, &plain, "1-1  a | b \n2-2  q | r\n");
	BOTH("\t1\t,\xE3\x80\x80x\n", &csv_opts, &plain, "1-1 \t1\t|\xE3\x80\x80x\n");
	BOTH("=\"0123\",\t456\n", &csv_opts, &plain, "1-1 =\"0123\"|\t456\n");
}

static void
test_raw(void)
{
	static const struct coll raw = { .raw = 1 };
	static const struct coll rawnl = { .raw = 1, .nolines = 1 };

	BOTH("a,\"b,c\",d\r\ne,f\n", &csv_opts, &raw,
	    "1-1 a|b,c|d [a,\"b,c\",d]\n2-2 e|f [e,f]\n");
	BOTH("\"a\nb\",c\nd", &csv_opts, &raw, "1-2 a\nb|c [\"a\nb\",c]\n3-3 d [d]\n");
	BOTH(" a , b \n", &csv_opts, &raw, "1-1  a | b  [ a , b ]\n");
	BOTH("\"x\r\ny\",\"\"\"\"\r\n", &csv_opts, &raw,
	    "1-2 x\r\ny|\" [\"x\r\ny\",\"\"\"\"]\n");
	/* The decoded bytes: no BOM, UTF-8 after GB18030. */
	BOTH("\xEF\xBB\xBF" "a,b\n", &csv_opts, &raw, "1-1 a|b [a,b]\n");
	BOTH("\xD6\xD0,\xCE\xC4\r\n", &csv_opts, &raw, "1-1 中|文 [中,文]\n");
	/* CR-only line ends: records, but no raw text. */
	BOTH("a,b\rc,d\r", &csv_opts, &rawnl, "a|b NULL\nc|d NULL\n");
	BOTH("\"x\",y\rz\r", &csv_opts, &rawnl, "x|y NULL\nz NULL\n");
	/*
	 * Regression (was a bug): when a CR that ends a record is one of
	 * the last two bytes of a line piece that has no newline (end of
	 * input here; a read boundary in csvin_run), keep_raw() does not see
	 * it and the record's raw text runs into the next record.
	 * csvin_run_mem("x\na,b\rc", 7, ...) gives record 2 ("a|b") with
	 * raw "a,b\rc" (rawlen 5); want raw NULL (or "a,b").
	 */
	BOTH("x\na,b\rc", &csv_opts, &raw, "1-1 x [x]\n2-2 a|b NULL\n3-3 c [c]\n");
}

static void
test_text_mode(void)
{
	struct csvin_opts text = { ',', 1, NULL, 0 };
	static const struct coll skip = { .skip_empty = 1 };

	BOTH("a,b\n\"c\nd\r\nlast", &text, &plain, "1-1 a,b\n2-2 \"c\n3-3 d\n4-4 last\n");
	BOTH(" x \n", &text, &plain, "1-1  x \n");
	BOTH("a\n\nb\n", &text, &skip, "1-1 a\n3-3 b\n");
	BOTH("\xD6\xD0\xCE\xC4\n", &text, &plain, "1-1 中文\n");
	/* Bad bytes reject their line in text mode too. */
	{
		struct csvin_opts text8 = { ',', 1, "utf-8", 0 };

		BOTH("a\n\xFF b\n\"c\n", &text8, &plain, "1-1 a\n2-2 !\n3-3 \"c\n");
	}
}

static void
test_delim(void)
{
	struct csvin_opts tsv = { '\t', 0, NULL, 0 };
	struct csvin_opts semi = { ';', 0, NULL, 0 };

	BOTH("a\tb,c\n\"x\ty\"\tz\n", &tsv, &plain, "1-1 a|b,c\n2-2 x\ty|z\n");
	BOTH("a;b,c\n", &semi, &plain, "1-1 a|b,c\n");
}

/*
 * -t reads TSV: one record per line, fields between tabs, quotes
 * ordinary, the escapes \t \n \r \\ undone (others kept), blank lines
 * no records; and what out.c writes as TSV reads back field for field.
 */
static void
test_tsv(void)
{
	struct csvin_opts tsv = { '\t', 0, NULL, 1 };
	static const char *const vals[] = { "a\tb", "x\ny", "\r", "c:\\new",
	    "\\t", "\"q\"", "", "质量\t差", "end\\", NULL };
	struct coll c = { 0 };
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, i;
	struct out o;

	BOTH("a\tb\n\"x\ty\"\tz\n", &tsv, &plain, "1-1 a|b\n2-2 \"x|y\"|z\n");
	BOTH("a\\tb\tc\\\\d\\n\te\\q\\\n", &tsv, &plain,
	    "1-1 a\tb|c\\d\n|e\\q\\\n");
	BOTH("a\tb\r\n\r\n\nc\t\n", &tsv, &plain, "1-1 a|b\n4-4 c|\n");
	/* Round trip through the writer. */
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	out_init(&o, fp, OUT_TSV, 0);
	for (i = 0; vals[i] != NULL; i++)
		out_str(&o, vals[i]);
	out_end(&o);
	out_free(&o);
	fclose(fp);
	coll_reset(&c);
	CHECK_INT(csvin_run_mem(buf, len, "rt.tsv", &tsv, on_record, &c), 0);
	CHECK_STR(c.s, "1-1 a\tb|x\ny|\r|c:\\new|\\t|\"q\"||质量\t差|end\\\n");
	free(buf);
	free(c.s);
}

static void
test_unterminated(void)
{
	static const struct coll nl = { .nolines = 1 };
	static const struct coll msg = { .msg = 1 };

	/* The quote's line is rejected; the lines after it are read again. */
	BOTH("a\n\"b,c\nd\n", &csv_opts, &plain, "1-1 a\n2-2 !\n3-3 d\n");
	BOTH("a\n\"b,c\nd\ne,f", &csv_opts, &msg,
	    "1-1 a\n2-2 !quoted field not terminated before end of input: "
	    "line 2 skipped, lines 3-4 read again\n3-3 d\n4-4 e|f\n");
	BOTH("a,\"b", &csv_opts, &plain, "1-1 !\n");
	BOTH("h\n\"", &csv_opts, &nl, "h\n!\n");
	/* Read again, the lines hold another open quote: named, not re-read. */
	BOTH("h\n\"x\ny\n\"z\nw\n", &csv_opts, &msg,
	    "1-1 h\n2-2 !stray quote: the quoted field that starts here runs "
	    "to line 4, where text follows its closing quote ('\"z'); line 2 "
	    "skipped, lines 3-4 read again\n3-3 y\n4-5 !quoted field not "
	    "terminated before end of input: lines 4-5 skipped\n");
}

/*
 * A closing quote followed by anything but the delimiter or a line end
 * (a stray quote) rejects its record at the line where the record began,
 * and reading starts again at the next line end: well-formed records
 * after it are kept, and a quote inside an unquoted field is still an
 * ordinary character on lines libcsv reads.
 */
static void
test_stray_quote(void)
{
	static const struct coll msg = { .msg = 1 };
	static const struct coll raw = { .raw = 1 };
	struct csvin_opts tsv = { '\t', 0, NULL, 0 };

	BOTH("h\n1,\"很好\"谢谢\n2,\"a\"\n3,x\n", &csv_opts, &msg,
	    "1-1 h\n2-2 !stray quote: text after the closing quote of a field "
	    "in '1,\"很好\"谢谢'\n3-3 2|a\n4-4 3|x\n");
	/* "a" "b" is not a "b" (Python's reading): it is malformed. */
	BOTH("\"a\" \"b\",c\nd\n", &csv_opts, &plain, "1-1 !\n2-2 d\n");
	BOTH("\"a\" ,b\n\"a\"\"\",b\n", &csv_opts, &plain, "1-1 !\n2-2 a\"|b\n");
	/* Quotes inside unquoted fields on a line libcsv reads. */
	BOTH("=\"0123\",\"x,y\",15.6\"\n", &csv_opts, &raw,
	    "1-1 =\"0123\"|x,y|15.6\" [=\"0123\",\"x,y\",15.6\"]\n");
	BOTH("a\"b\"c,\"\"\n", &csv_opts, &plain, "1-1 a\"b\"c|\n");
	/* A stray quote in a field that spans lines: the first line is
	   rejected, the rest read again. */
	BOTH("h\n\"B2,浙江\nG3,上海\nG4,\"江苏\"南京\nG5,北京\n", &csv_opts, &msg,
	    "1-1 h\n2-2 !stray quote: the quoted field that starts here runs "
	    "to line 4, where text follows its closing quote ('G4,\"江苏\"南京'); "
	    "line 2 skipped, lines 3-4 read again\n3-3 G3|上海\n"
	    "4-4 !stray quote: text after the closing quote of a field in "
	    "'G4,\"江苏\"南京'\n5-5 G5|北京\n");
	/* With CRLF, CR-only line ends and another delimiter. */
	BOTH("\"a\"b\r\nc\r\n", &csv_opts, &plain, "1-1 !\n2-2 c\n");
	BOTH("\"a\"b\rc\r", &csv_opts, &plain, "1-1 !\n2-2 c\n");
	BOTH("\"a\"b\tc\nd\te\n", &tsv, &plain, "1-1 !\n2-2 d|e\n");
	/* At the end of input, without a line end. */
	BOTH("x\n\"a\"b", &csv_opts, &plain, "1-1 x\n2-2 !\n");
	/* A long line is quoted in part, control characters and all. */
	BOTH("\"x\"0123456789012345678901234567890123456789abcdefghijklmnopqrstuvwxyz\n",
	    &csv_opts, &msg, "1-1 !stray quote: text after the closing quote of "
	    "a field in '\"x\"01234567890123456789…'\n");
	BOTH("0123456789012345678901234567890123456789012345,\"x\"y\n",
	    &csv_opts, &msg, "1-1 !stray quote: text after the closing quote of "
	    "a field in '…012345678901234567890123456789012345,\"x\"y'\n");
}

static void
test_bad_bytes(void)
{
	struct csvin_opts utf8 = { ',', 0, "utf-8", 0 };
	static const struct coll msg = { .msg = 1 };
	static const struct coll nomsg = { 0 };

	BOTH("h\nA,\xFF\nB,ok\n\"m\n\xFE\",x\nC,ok\nD,\0\nE", &utf8, &msg,
	    "1-1 h\n"
	    "2-2 !invalid UTF-8 byte sequence\n"
	    "3-3 B|ok\n"
	    "4-5 !invalid UTF-8 byte sequence\n"
	    "6-6 C|ok\n"
	    "7-7 !NUL byte in input\n"
	    "8-8 E\n");
	/* On the last line, without a newline. */
	BOTH("a\nb\xFF", &utf8, &nomsg, "1-1 a\n2-2 !\n");
	/* In the first line of a multi-line record. */
	BOTH("a\n\"\xFF\nb\",c\nd\n", &utf8, &nomsg, "1-1 a\n2-3 !\n4-4 d\n");
	/* Detected GB18030 with a byte that is not GB18030. */
	BOTH("\xD6\xD0,\xCE\xC4\n\x80,x\nok,\xD5\xC5\n", &csv_opts, &msg,
	    "1-1 中|文\n2-2 !invalid GB18030 byte sequence\n3-3 ok|张\n");
	/* Two bad bytes on one line reject one record. */
	BOTH("a\n\xFF,\xFF\nb\n", &utf8, &nomsg, "1-1 a\n2-2 !\n3-3 b\n");
	/* Many bad lines. */
	BOTH("\xFF\n\xFF\n\xFF\nok\n", &utf8, &nomsg, "1-1 !\n2-2 !\n3-3 !\n4-4 ok\n");
}

/* A field of N 'x' bytes at line 2, between two good records. */
static void
test_one_oversize(size_t n, int quoted, int text, const char *want, int line)
{
	static const struct coll sizes = { .sizes = 1 };
	struct csvin_opts o = { ',', text, NULL, 0 };
	size_t len = 0;
	char *d = malloc(n + 64);

	if (d == NULL)
		abort();
	memcpy(d, "h\n", 2);
	len = 2;
	if (quoted)
		d[len++] = '"';
	memset(d + len, 'x', n);
	len += n;
	if (quoted) {
		/* A doubled quote and a newline inside, near the end. */
		memcpy(d + len - 6, "\"\"\n\"\"", 5);
		d[len++] = '"';
	}
	memcpy(d + len, ",y\nok,1\n", 8);
	len += 8;
	both_(d, len, &o, &sizes, 0, want, line);
	free(d);
}

static void
test_oversize(void)
{
	const size_t max = CSVIN_FIELD_MAX;
	char want[256];

	/* Exactly the limit is accepted. */
	snprintf(want, sizeof want, "1-1 <1>\n2-2 <%zu>|<1>\n3-3 <2>|<1>\n", max);
	test_one_oversize(max, 0, 0, want, __LINE__);
	/* Well over the limit: rejected, and reading resumes. */
	test_one_oversize(max + 100000, 0, 0, "1-1 <1>\n2-2 !\n3-3 <2>|<1>\n", __LINE__);
	test_one_oversize(3 * max, 0, 0, "1-1 <1>\n2-2 !\n3-3 <2>|<1>\n", __LINE__);
	/* Quoted, with a quote and a newline inside: the record ends on line 3. */
	test_one_oversize(max + 100000, 1, 0, "1-1 <1>\n2-3 !\n4-4 <2>|<1>\n", __LINE__);
	/* Text mode: a line over the limit. */
	snprintf(want, sizeof want, "1-1 <1>\n2-2 <%zu>\n3-3 <4>\n", max - 1);
	test_one_oversize(max - 3, 0, 1, want, __LINE__);
	/*
	 * Regression (was a bug): in text mode a line of exactly
	 * CSVIN_FIELD_MAX bytes is rejected ("line longer than the 4 MiB
	 * limit"): the newline is counted against the limit.  Want a good
	 * record of length 4194304:
	 */
	snprintf(want, sizeof want, "1-1 <1>\n2-2 <%zu>\n3-3 <4>\n", max);
	test_one_oversize(max - 2, 0, 1, want, __LINE__);
	test_one_oversize(max + 100000, 0, 1, "1-1 <1>\n2-2 !\n3-3 <4>\n", __LINE__);
	/*
	 * Regression (was a bug): a field just over CSVIN_FIELD_MAX is
	 * accepted.  A field of 4 MiB + 1 bytes (csvin.h: "The largest field
	 * accepted; a larger one rejects its record") comes through as a good
	 * record with len[0] 4194305, and one of 4 MiB + 4000 bytes with
	 * len[0] 4198304: limited_realloc() lets libcsv's buffer grow to
	 * CSVIN_FIELD_MAX + 4096.
	 */
	test_one_oversize(max + 1, 0, 0, "1-1 <1>\n2-2 !\n3-3 <2>|<1>\n", __LINE__);
	test_one_oversize(max + 4000, 0, 0, "1-1 <1>\n2-2 !\n3-3 <2>|<1>\n", __LINE__);
}

static void
test_stop(void)
{
	struct coll c = { .stop_at = 2 };

	coll_reset(&c);
	CHECK_INT(csvin_run_mem("a\nb\nc\n", 6, "mem", &csv_opts, on_record, &c), 9);
	CHECK_STR(c.s, "1-1 a\n2-2 b\n");
	coll_reset(&c);
	write_tmp("a\nb\nc\n", 6);
	CHECK_INT(csvin_run(tmp_path, "file", &csv_opts, on_record, &c), 9);
	CHECK_STR(c.s, "1-1 a\n2-2 b\n");
	free(c.s);
}

static void
test_open_errors(void)
{
	struct csvin_opts bad = { ',', 0, "no-such-encoding-x", 0 };
	struct coll c = { 0 };

	coll_reset(&c);
	fprintf(stderr, "(test_csvin: two expected error messages follow)\n");
	CHECK_INT(csvin_run("/nonexistent/dir/x.csv", "x.csv", &csv_opts, on_record, &c), -1);
	write_tmp("a\n", 2);
	CHECK_INT(csvin_run(tmp_path, "x.csv", &bad, on_record, &c), -1);
	CHECK_INT(c.nrec, 0);
	free(c.s);
}

static void
test_stdin(void)
{
	struct coll c = { 0 };
	int saved = dup(0);
	FILE *fp;

	write_tmp("s,t\n1,2\n", 8);
	coll_reset(&c);
	if (saved < 0 || (fp = freopen(tmp_path, "rb", stdin)) == NULL) {
		CHECK(!"cannot redirect stdin");
		return;
	}
	CHECK_INT(csvin_run("-", "<stdin>", &csv_opts, on_record, &c), 0);
	CHECK_STR(c.s, "1-1 s|t\n2-2 1|2\n");
	rewind(stdin);
	coll_reset(&c);
	CHECK_INT(csvin_run(NULL, "<stdin>", &csv_opts, on_record, &c), 0);
	CHECK_STR(c.s, "1-1 s|t\n2-2 1|2\n");
	free(c.s);
}

/* Records that check their own line numbers in a large input. */
struct big {
	long next;		/* line the next record should start on */
	int bad;		/* records not as expected */
	int n;			/* records */
};

static int
on_big(void *ctx, struct record *r)
{
	struct big *b = ctx;
	char want[64];
	long k = b->next;

	b->n++;
	if (r->error != NULL || r->n != 2 || r->line != k) {
		if (b->bad++ < 5)
			printf("record %d at line %ld: error %s, %zu fields, want line %ld\n",
			    b->n, r->line, r->error ? r->error : "-", r->n, k);
		b->next = r->endline + 1;
		return 0;
	}
	snprintf(want, sizeof want, "%ld", k);
	if (strcmp(r->f[0], want) != 0 && b->bad++ < 5)
		printf("record at line %ld: field '%s'\n", k, r->f[0]);
	if (k % 97 == 0) {
		/* A two-line quoted field. */
		snprintf(want, sizeof want, "q\n%ld", k);
		if (strcmp(r->f[1], want) != 0 && b->bad++ < 5)
			printf("record at line %ld: quoted field '%s'\n", k, r->f[1]);
		if (r->endline != k + 1 && b->bad++ < 5)
			printf("record at line %ld: ends on %ld\n", k, r->endline);
		b->next = k + 2;
	} else {
		if (strcmp(r->f[1], "价格价格价格") != 0 && b->bad++ < 5)
			printf("record at line %ld: field '%s'\n", k, r->f[1]);
		b->next = k + 1;
	}
	return 0;
}

/* Build a large CSV whose records straddle every read-chunk boundary. */
static char *
make_big(size_t *len)
{
	size_t cap = 1 << 22, n = 0;
	char *d = malloc(cap);
	long line = 1;

	if (d == NULL)
		abort();
	while (n < cap - 100 && line < 150000) {
		if (line % 97 == 0) {
			n += (size_t)sprintf(d + n, "%ld,\"q\n%ld\"\r\n", line, line);
			line += 2;
		} else {
			n += (size_t)sprintf(d + n, "%ld,价格价格价格\n", line);
			line++;
		}
	}
	*len = n;
	return d;
}

static void
test_big(void)
{
	struct big b = { 1, 0, 0 };
	size_t len;
	char *d = make_big(&len);
	int expect = 0;
	size_t i;

	/* One record per newline, less the quoted fields' inner ones. */
	for (i = 0; i < len; i++)
		if (d[i] == '\n' && !(i >= 1 && d[i - 1] == 'q'))
			expect++;

	CHECK_INT(csvin_run_mem(d, len, "big", &csv_opts, on_big, &b), 0);
	CHECK_INT(b.bad, 0);
	CHECK_INT(b.n, expect);

	b.next = 1;
	b.bad = b.n = 0;
	write_tmp(d, len);
	CHECK_INT(csvin_run(tmp_path, "big", &csv_opts, on_big, &b), 0);
	CHECK_INT(b.bad, 0);
	CHECK_INT(b.n, expect);
	free(d);
}

/*
 * A non-ASCII character across offset AT of a file: ASCII filler lines,
 * then "X,<char>\n".  PREFIX goes first (it may decide the encoding).
 */
static void
test_straddle(const char *prefix, const char *ch, size_t at, const char *enc,
    const char *want_last, int line)
{
	struct csvin_opts o = { ',', 0, enc, 0 };
	struct coll c = { .nolines = 1 };
	size_t plen = strlen(prefix), n = 0, len, fill, k;
	char *d = malloc(at + 64);
	char *last;

	if (d == NULL)
		abort();
	memcpy(d, prefix, plen);
	n = plen;
	/* Filler lines of 'f', so that the character starts at AT - 1. */
	fill = at - 3 - plen;
	memset(d + n, 'f', fill);
	for (k = 59; k < fill; k += 60)
		d[n + k] = '\n';
	if (fill > 0)
		d[n + fill - 1] = '\n';
	n += fill;
	memcpy(d + n, "X,", 2);
	n += 2;
	memcpy(d + n, ch, strlen(ch));
	n += strlen(ch);
	d[n++] = '\n';
	len = n;
	write_tmp(d, len);
	coll_reset(&c);
	CHECK_INT(csvin_run(tmp_path, "f", &o, on_record, &c), 0);
	last = c.s + c.len;
	if (c.len >= 2)
		for (last = c.s + c.len - 2; last > c.s && last[-1] != '\n'; last--)
			;
	if (strcmp(last, want_last) != 0)
		printf("  (character across offset %zu, check at line %d)\n", at, line);
	CHECK_STR(last, want_last);
	CHECK(strstr(c.s, "!") == NULL);
	free(c.s);
	free(d);
}

/*
 * Bad bytes BAD at offset AT - 1 of a file, on a line "X,...": that record
 * is rejected, the lines before and after it are not.
 */
static void
test_bad_across(const char *prefix, const char *bad, size_t at, const char *enc,
    int line)
{
	struct csvin_opts o = { ',', 0, enc, 0 };
	struct coll c = { .nolines = 1 };
	size_t plen = strlen(prefix), n, fill, k;
	char *d = malloc(at + 64);
	const char *want = "\n!\nY|ok\n", *p;
	int nbad = 0;

	if (d == NULL)
		abort();
	memcpy(d, prefix, plen);
	n = plen;
	fill = at - 3 - plen;
	memset(d + n, 'f', fill);
	for (k = 2; k < fill; k += 3)
		d[n + k] = '\n';
	d[n + fill - 1] = '\n';
	n += fill;
	memcpy(d + n, "X,", 2);
	n += 2;
	memcpy(d + n, bad, strlen(bad));
	n += strlen(bad);
	memcpy(d + n, ",z\nY,ok\n", 8);
	n += 8;
	write_tmp(d, n);
	coll_reset(&c);
	CHECK_INT(csvin_run(tmp_path, "f", &o, on_record, &c), 0);
	if (c.len < strlen(want) || strcmp(c.s + c.len - strlen(want), want) != 0) {
		printf("  (bad bytes across offset %zu, check at line %d): ...%s\n",
		    at, line, c.len > 20 ? c.s + c.len - 20 : c.s);
		CHECK(!"bad bytes across a read boundary");
	}
	for (p = c.s; (p = strchr(p, '!')) != NULL; p++)
		nbad++;
	CHECK_INT(nbad, 1);
	free(c.s);
	free(d);
}

static void
test_chunks(void)
{
	size_t at[] = { 4096, 8192, 32768, 65536, 65536 * 2, 65536 * 3 };
	size_t i;

	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		/* UTF-8 decided early, a 3-byte character split later. */
		test_straddle("价,格\n", "中", at[i], NULL, "X|中\n", __LINE__);
		test_straddle("价,格\n", "\xF0\x9F\x98\x80", at[i], "utf-8",
		    "X|\xF0\x9F\x98\x80\n", __LINE__);
		/* GB18030 decided early, a 2-byte character split later. */
		test_straddle("\xBC\xDB,\xB8\xF1\n", "\xD6\xD0", at[i], NULL,
		    "X|中\n", __LINE__);
		test_straddle("a\n", "\x81\x30\x8A\x31", at[i], "gb18030",
		    "X|\xC3\xA4\n", __LINE__);
	}
	/*
	 * Regression (was a bug): a UTF-8 file whose first non-ASCII
	 * character straddles the 64 KiB read boundary is detected as
	 * GB18030 (see test_enc.c): csvin_run() on 65533 bytes of ASCII
	 * lines followed by "X,中\n" (中 at offsets 65535..65537) rejects the
	 * last record with "invalid GB18030 byte sequence" instead of giving
	 * "X|中".
	 */
	test_straddle("", "中", 65536, NULL, "X|中\n", __LINE__);
	test_straddle("", "中", 1000, NULL, "X|中\n", __LINE__);

	/* Bad bytes just before, on and after a read boundary. */
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		test_bad_across("", "\xFF", at[i], "utf-8", __LINE__);
		test_bad_across("", "a\xFF", at[i], "utf-8", __LINE__);
		test_bad_across("", "\xE4\xB8", at[i], "utf-8", __LINE__);
		test_bad_across("", "\xD6", at[i], "gbk", __LINE__);
		test_bad_across("", "a\x80", at[i], "gbk", __LINE__);
		test_bad_across("\xD6\xD0\n", "\xFF", at[i], NULL, __LINE__);
	}
}

/* A small deterministic generator (xorshift32), so failures repeat. */
static unsigned
rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Random CSV-like text from the bytes that matter to the parser: quotes,
 * delimiters, CR, LF, blanks, a multi-byte character, a bad byte, NUL.
 */
static size_t
random_csv(unsigned *seed, char *buf, size_t cap)
{
	static const char *const atoms[] = {
		"a", "bc", ",", ",", ";", "\t", " ", "\"", "\"\"", "\n", "\n",
		"\r\n", "\r", "\xe4\xb8\xad", "\xff", "x\n", "1,2\n", "\n\n",
		/* Long plain stretches, so that lines cross 16-byte blocks. */
		"abcdefghijklmnopqrstu", "\xe6\xb5\x99\xe6\xb1\x9f,\xe6\x9d\xad\xe5\xb7\x9e ",
		"1.25,3,,x;y\tz,", "0123456789abcdef,", "=\"0123\"", "a\"b",
	};
	size_t n = 0, want = rnd(seed) % cap;

	while (n < want) {
		const char *a = atoms[rnd(seed) % (sizeof atoms / sizeof atoms[0])];
		size_t k = strlen(a);

		if (rnd(seed) % 97 == 0)
			a = "\0", k = 1;
		if (n + k > cap)
			break;
		memcpy(buf + n, a, k);
		n += k;
	}
	return n;
}

/*
 * The fast path (split_plain in csvin.c) must deliver exactly what libcsv
 * does: the same records, fields, line numbers, errors and raw bytes.
 */
static void
test_fast_path(void)
{
	static const char delims[] = { ',', ';', '\t' };
	struct coll fast = { .raw = 1, .msg = 1 }, slow = fast;
	unsigned seed = 2463534242u;
	char buf[300];
	int i, differ = 0;

	for (i = 0; i < 20000; i++) {
		struct csvin_opts o = { delims[i % 3], 0, NULL, 0 };
		size_t n = random_csv(&seed, buf, sizeof buf);
		int rf, rs;

		coll_reset(&fast);
		coll_reset(&slow);
		rf = csvin_run_mem(buf, n, "r.csv", &o, on_record, &fast);
		csvin_fast_path(0);
		rs = csvin_run_mem(buf, n, "r.csv", &o, on_record, &slow);
		csvin_fast_path(1);
		if (rf != rs || strcmp(fast.s, slow.s) != 0) {
			if (differ++ == 0)
				printf("  input %d differs:\n  fast: %s\n  libcsv: %s\n",
				    i, fast.s, slow.s);
		}
	}
	CHECK_INT(differ, 0);
	/* And the fast path was taken: a plain line is one record. */
	CHECK_INT(csvin_fast_path(1), 1);
	free(fast.s);
	free(slow.s);
}

/* Records of one field: check that record K (from 1) starts on line K. */
static int
on_numbered(void *ctx, struct record *r)
{
	struct big *b = ctx;

	b->n++;
	if (r->error != NULL || r->line != b->n) {
		if (b->bad++ < 3)
			printf("  record %d: line %ld, error %s\n", b->n, r->line,
			    r->error ? r->error : "-");
	}
	return 0;
}

/*
 * CR line ends at the 64 KiB read boundary of csvin_run(): a lone CR as
 * the last byte of a read is a line end, the CR of a CRLF there is not.
 * Every line holds one record, so record K must start on line K.
 */
static void
test_cr_boundary(void)
{
	const char *const ends[] = { "\r", "\r\n" };
	size_t e;

	for (e = 0; e < 2; e++) {
		size_t el = strlen(ends[e]), len = 0, cap = 70000, cut = 65535;
		char *d = malloc(cap);
		struct big b = { 0, 0, 0 };
		int lines = 0;

		if (d == NULL)
			abort();
		/* Lines "xxx<end>", the first one long enough to put a CR at CUT. */
		while (len + 16 < cap) {
			size_t w = len == 0 ? (cut % (3 + el)) + 3 + el : 3;

			if (len == 0 && w > cut)
				w = 3;
			memset(d + len, 'x', w);
			len += w;
			memcpy(d + len, ends[e], el);
			len += el;
			lines++;
		}
		if (d[cut] != '\r') {
			printf("  (test setup: no CR at %zu for end %zu)\n", cut, e);
			CHECK(!"CR at the read boundary");
		}
		write_tmp(d, len);
		CHECK_INT(csvin_run(tmp_path, "cr", &csv_opts, on_numbered, &b), 0);
		CHECK_INT(b.bad, 0);
		CHECK_INT(b.n, lines);
		free(d);
	}
}

int
main(void)
{
	int fd;

	strcpy(tmp_path, "/tmp/test_csvin.XXXXXX");
	if ((fd = mkstemp(tmp_path)) < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	test_basic();
	test_quotes();
	test_newlines();
	test_blank_lines();
	test_blanks_kept();
	test_raw();
	test_text_mode();
	test_delim();
	test_tsv();
	test_unterminated();
	test_stray_quote();
	test_bad_bytes();
	test_oversize();
	test_stop();
	test_open_errors();
	test_chunks();
	test_big();
	test_stdin();
	test_fast_path();
	test_cr_boundary();
	unlink(tmp_path);
	return t_done();
}
