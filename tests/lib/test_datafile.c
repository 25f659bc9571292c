/*
 * Unit tests of lib/datafile: comment and blank lines, the header,
 * datafile_col() and datafile_get(), FILE:LINE errors (field counts, the
 * callback's own, undecodable bytes), stopping, files without a header,
 * unreadable files, and the embedded copies.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/datafile.h"
#include "io/diag.h"
#include "t.h"
#include "tcapture.h"

static char data_path[] = "/tmp/test_datafile.csv.XXXXXX";

static void
write_data(const char *text)
{
	t_write_file(data_path, text);
}

/* What the callback saw. */
struct seen {
	char s[1024];		/* "LINE:name/qty/note;" per record */
	int calls;		/* callback calls */
	int stop_at;		/* return 1 on this call (0: never) */
	int check_qty;		/* report a non-numeric qty */
	const char *file;	/* df->file at the first call */
	size_t nnames;		/* df->nnames at the first call */
	char names[128];	/* df->names joined with '|' */
	long col_qty, col_QTY;	/* datafile_col() results */
};

static int
on_rec(void *ctx, struct datafile *df, const struct record *r)
{
	struct seen *w = ctx;
	size_t n = strlen(w->s), i;
	const char *qty = datafile_get(df, r, "qty");

	if (w->calls++ == 0) {
		w->file = df->file;
		w->nnames = df->nnames;
		for (i = 0; i < df->nnames; i++)
			snprintf(w->names + strlen(w->names), sizeof w->names - strlen(w->names),
			    "%s%s", i ? "|" : "", df->names[i]);
		w->col_qty = datafile_col(df, "qty");
		w->col_QTY = datafile_col(df, "QTY");
	}
	snprintf(w->s + n, sizeof w->s - n, "%ld:%s/%s/%s%s;", df->line,
	    datafile_get(df, r, "name"), qty, datafile_get(df, r, "note"),
	    datafile_get(df, r, "nosuch"));
	if (w->check_qty && strspn(qty, "0123456789") != strlen(qty))
		datafile_error(df, "qty: expected a count, got '%s'", qty);
	return w->stop_at > 0 && w->calls >= w->stop_at;
}

static void
seen_reset(struct seen *w)
{
	memset(w, 0, sizeof *w);
}

static void
test_good(void)
{
	struct seen w;
	const char *err;

	seen_reset(&w);
	write_data("# comment line\n"
	    "\n"
	    "name,qty,note\n"
	    "apple,3,red\n"
	    "# inline comment, with, commas\n"
	    "pear,5,\"multi\n"
	    "line\"\n"
	    "\n"
	    "#\n"
	    "kiwi,7,\n"
	    "\"lime, green\",\"1\",\"\"\"q\"\"\"");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	err = capture_end();
	CHECK_STR(err, "");
	CHECK_STR(w.s, "4:apple/3/red;6:pear/5/multi\nline;10:kiwi/7/;"
	    "11:lime, green/1/\"q\";");
	CHECK_STR(w.file, data_path);
	CHECK_INT(w.nnames, 3);
	CHECK_STR(w.names, "name|qty|note");
	CHECK_INT(w.col_qty, 1);
	CHECK_INT(w.col_QTY, -1);

	/* CRLF and a BOM, as a spreadsheet saves it. */
	seen_reset(&w);
	write_data("\xEF\xBB\xBF" "name,qty,note\r\n# c\r\nfig,2,x\r\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_STR(w.s, "3:fig/2/x;");
	CHECK_STR(w.names, "name|qty|note");

	/* A header and no records is fine. */
	seen_reset(&w);
	write_data("name,qty,note\n# nothing yet\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_INT(w.calls, 0);
}

static void
test_errors(void)
{
	struct seen w;
	const char *err;
	char want[256];

	/* Field counts and the callback's errors: all reported, all rows seen. */
	seen_reset(&w);
	w.check_qty = 1;
	write_data("name,qty,note\n"
	    "a,1,x\n"
	    "b,2\n"
	    "c,3,x\n"
	    "d,many,x\n"
	    "e,5,x,extra\n"
	    "f,6,x\n");
	diag_set_progname("test_datafile");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK_STR(w.s, "2:a/1/x;4:c/3/x;5:d/many/x;7:f/6/x;");
	snprintf(want, sizeof want, "test_datafile: %s:3: ", data_path);
	CHECK(strstr(err, want) == err);
	snprintf(want, sizeof want,
	    "\ntest_datafile: %s:5: qty: expected a count, got 'many'\n", data_path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "\ntest_datafile: %s:6: ", data_path);
	CHECK(strstr(err, want) != NULL);
	{
		int lines = 0;
		const char *p;

		for (p = err; *p != '\0'; p++)
			lines += *p == '\n';
		CHECK_INT(lines, 3);
	}

	/* Bytes that do not decode: the record's line is reported. */
	seen_reset(&w);
	write_data("name,qty,note\n"
	    "a,1,y\n"
	    "b,2,\"x\n"
	    "\xFF\"\n"
	    "c,3,x\n");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK_STR(w.s, "2:a/1/y;5:c/3/x;");
	snprintf(want, sizeof want, "test_datafile: %s:3: ", data_path);
	CHECK(strstr(err, want) == err);
	CHECK(strchr(err, '\n') != NULL && strchr(err, '\n')[1] == '\0');
	/*
	 * Regression (was a bug): datafile.h says data tables are UTF-8,
	 * but datafile_read() lets enc detect the encoding, so a UTF-8 file
	 * with one bad byte is read as GB18030 and its good lines are
	 * rejected too.  On "name,qty,note\na,1,中\nb,2,\"x\n\xFF\"\nc,3,x\n"
	 * it reports "FILE:2: invalid GB18030 byte sequence" and
	 * "FILE:3: invalid GB18030 byte sequence"; want only line 3 rejected
	 * (as "invalid UTF-8 byte sequence") and record 2 read as a/1/中.
	 */
	seen_reset(&w);
	write_data("name,qty,note\n" "a,1,\xE4\xB8\xAD\n" "b,2,\"x\n"
	    "\xFF\"\n" "c,3,x\n");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK_STR(w.s, "2:a/1/中;5:c/3/x;");
	snprintf(want, sizeof want, "test_datafile: %s:3: ", data_path);
	CHECK(strstr(err, want) == err);

	/* A UTF-8 file without bad bytes is read as UTF-8. */
	seen_reset(&w);
	write_data("name,qty,note\na,1,\xE4\xB8\xAD\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_STR(w.s, "2:a/1/中;");

	/* An unterminated quote: its line is rejected, the next read again. */
	seen_reset(&w);
	write_data("name,qty,note\na,1,x\nb,2,\"oops\nc,3,x\n");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK_STR(w.s, "2:a/1/x;4:c/3/x;");
	snprintf(want, sizeof want, "test_datafile: %s:3: ", data_path);
	CHECK(strstr(err, want) == err);
}

static void
test_stop(void)
{
	struct seen w;

	seen_reset(&w);
	w.stop_at = 2;
	write_data("name,qty,note\na,1,x\nb,2,x\nc,3,x\n");
	datafile_read(data_path, NULL, on_rec, &w);
	CHECK_STR(w.s, "2:a/1/x;3:b/2/x;");
	CHECK_INT(w.calls, 2);
}

static void
test_no_header(void)
{
	struct seen w;
	const char *err;
	char want[256];

	seen_reset(&w);
	write_data("# only a comment\n\n");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	snprintf(want, sizeof want, "test_datafile: %s", data_path);
	CHECK(strstr(err, want) == err);
	CHECK_INT(w.calls, 0);

	write_data("");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK(strstr(err, want) == err);

	capture_begin();
	CHECK_INT(datafile_read("/nonexistent/dir/rates.csv", NULL, on_rec, &w), -1);
	err = capture_end();
	CHECK(strstr(err, "/nonexistent/dir/rates.csv") != NULL);
	CHECK_INT(w.calls, 0);
}

/* Count records and keep the first field of the first one. */
struct tally {
	int n;			/* records */
	char first[64];		/* first field of the first record */
	char hdr[256];		/* header names joined with ',' */
	const char *file;	/* df->file */
};

static int
on_tally(void *ctx, struct datafile *df, const struct record *r)
{
	struct tally *t = ctx;
	size_t i;

	if (t->n++ == 0) {
		snprintf(t->first, sizeof t->first, "%s", r->f[0]);
		for (i = 0; i < df->nnames; i++)
			snprintf(t->hdr + strlen(t->hdr), sizeof t->hdr - strlen(t->hdr),
			    "%s%s", i ? "," : "", df->names[i]);
		t->file = df->file;
	}
	return 0;
}

static void
test_embedded(void)
{
	struct tally t;

	memset(&t, 0, sizeof t);
	CHECK_INT(datafile_read(NULL, "rates.csv", on_tally, &t), 0);
	CHECK_INT(t.n, 3);
	CHECK_STR(t.first, "圆通");
	CHECK_STR(t.hdr, "carrier,zone,first_kg,first_price,step_kg,step_price,"
	    "rounding,divisor,free_over");
	CHECK(t.file != NULL && strstr(t.file, "rates.csv") != NULL);

	memset(&t, 0, sizeof t);
	CHECK_INT(datafile_read(NULL, "tiers.csv", on_tally, &t), 0);
	CHECK_INT(t.n, 12);
	CHECK_STR(t.first, "江苏");
	CHECK_STR(t.hdr, "province,tier");

	/* A path wins over the embedded name. */
	memset(&t, 0, sizeof t);
	write_data("x,y\n1,2\n");
	CHECK_INT(datafile_read(data_path, "rates.csv", on_tally, &t), 0);
	CHECK_INT(t.n, 1);
	CHECK_STR(t.hdr, "x,y");
}

static void
test_comments(void)
{
	struct seen w;

	/* A comment may hold quotes and commas in any arrangement. */
	seen_reset(&w);
	write_data("# 5\" screen, \"quoted\", it's\nname,qty,note\na,1,x\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_STR(w.s, "3:a/1/x;");
	/*
	 * Regression (was a bug): a comment line is parsed as CSV, so a
	 * field of it that starts with a quote opens a quoted field that
	 * swallows the following lines.  datafile_read() on
	 * "# note,\"unbalanced\nname,qty,note\na,1,x\n" should read the
	 * header and the record "a,1,x" and return 0; it reports
	 * "FILE:1: quoted field not terminated before end of input" and
	 * returns -1 with no header.
	 */
	seen_reset(&w);
	write_data("# note,\"unbalanced\nname,qty,note\na,1,x\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_STR(w.s, "3:a/1/x;");

	/*
	 * Regression (was a bug): a record whose first field is
	 * quoted and starts with '#' is dropped silently as a comment,
	 * though the line does not start with '#'.  datafile_read() on
	 * "name,qty,note\n\"#1\",2,x\nb,2,x\n" should pass both records to
	 * the callback; it passes only "b,2,x".
	 */
	seen_reset(&w);
	write_data("name,qty,note\n\"#1\",2,x\nb,2,x\n");
	CHECK_INT(datafile_read(data_path, NULL, on_rec, &w), 0);
	CHECK_STR(w.s, "2:#1/2/x;3:b/2/x;");
}

/* Count records; note each record's "key" field with datafile_key(). */
static int
on_keyed(void *ctx, struct datafile *df, const struct record *r)
{
	int *n = ctx;
	const char *k = datafile_get(df, r, "key");

	if (datafile_key(df, "key", k, strlen(k), NULL) == 0)
		++*n;
	return 0;
}

/* Report every record as bad. */
static int
on_bad(void *ctx, struct datafile *df, const struct record *r)
{
	(void)ctx;
	(void)r;
	datafile_error(df, "bad");
	return 0;
}

static int
count_nl(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/*
 * Size and line limits: a file larger than its kind's limit, or with a
 * line longer than DATAFILE_LINE_MAX, is an error at that line, and
 * reading stops there (/dev/zero is one endless line).
 */
static void
test_limits(void)
{
	static const struct datafile_kind small = { "test table", NULL, 1 << 20, NULL };
	static const struct datafile_kind tiny = { "test table", NULL, 40, NULL };
	struct tally t;
	char *big, want[256];
	const char *err;
	size_t i;

	memset(&t, 0, sizeof t);
	capture_begin();
	CHECK_INT(datafile_load("/dev/zero", &small, on_tally, &t), -1);
	err = capture_end();
	CHECK_STR(err, "test_datafile: /dev/zero:1: line longer than 65536 bytes "
	    "(the limit of a line of a test table)\n");

	/* Line 3 is one byte too long; a line of exactly the limit is fine. */
	big = malloc(2 * DATAFILE_LINE_MAX + 64);
	strcpy(big, "x,y\n");
	for (i = 0; i < DATAFILE_LINE_MAX - 2; i++)
		big[4 + i] = 'a';
	strcpy(big + 4 + i, ",1\n");
	CHECK_INT(strlen(big), 4 + DATAFILE_LINE_MAX + 1);
	write_data(big);
	memset(&t, 0, sizeof t);
	CHECK_INT(datafile_load(data_path, &small, on_tally, &t), 0);
	CHECK_INT(t.n, 1);
	strcpy(big + 4 + i, "a,1\nz,2\n");
	write_data(big);
	memset(&t, 0, sizeof t);
	capture_begin();
	CHECK_INT(datafile_load(data_path, &small, on_tally, &t), -1);
	err = capture_end();
	snprintf(want, sizeof want, "test_datafile: %s:2: line longer than "
	    "65536 bytes (the limit of a line of a test table)\n", data_path);
	CHECK_STR(err, want);
	CHECK_INT(t.n, 0);
	free(big);

	/* 43 bytes, limit 40: the line of byte 41 (line 9 is bytes 38-43). */
	write_data("x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n");
	capture_begin();
	CHECK_INT(datafile_load(data_path, &tiny, on_tally, &t), -1);
	err = capture_end();
	snprintf(want, sizeof want, "test_datafile: %s:9: larger than 40 bytes "
	    "(the limit of a test table)\n", data_path);
	CHECK_STR(err, want);
}

/*
 * After DATAFILE_MAX_ERRORS errors a file is given up, with one line
 * that says which lines were not read.
 */
static void
test_error_cap(void)
{
	char text[4096], want[256];
	const char *err;
	int i;

	strcpy(text, "name,qty,note\n");
	for (i = 0; i < 30; i++)
		strcat(text, "a,1,x\n");
	write_data(text);
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_bad, NULL), -1);
	err = capture_end();
	CHECK_INT(count_nl(err), DATAFILE_MAX_ERRORS + 1);
	snprintf(want, sizeof want, "\ntest_datafile: %s:21: too many errors; "
	    "lines 22-31 not read\n", data_path);
	CHECK(strstr(err, want) != NULL);
}

/* A kind's columns: a header without them is one error, and nothing is read. */
static void
test_columns(void)
{
	static const char *const cols[] = { "name", "qty", NULL };
	static const struct datafile_kind k = { "test table", NULL, 1 << 20, cols };
	struct tally t;
	char want[256];
	const char *err;

	memset(&t, 0, sizeof t);
	write_data("# a comment\nroot:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\nbin:x:2:2\n");
	capture_begin();
	CHECK_INT(datafile_load(data_path, &k, on_tally, &t), -1);
	err = capture_end();
	snprintf(want, sizeof want, "test_datafile: %s:2: no column 'name' in "
	    "the header: not a test table\ntest_datafile: %s:2: stopped; "
	    "lines 3-4 not read\n", data_path, data_path);
	CHECK_STR(err, want);
	CHECK_INT(t.n, 0);
	memset(&t, 0, sizeof t);
	write_data("qty,name\n1,a\n");
	CHECK_INT(datafile_load(data_path, &k, on_tally, &t), 0);
	CHECK_INT(t.n, 1);
}

/* One duplicate rule: the second is an error naming the first line. */
static void
test_keys(void)
{
	char want[512];
	const char *err;
	int n = 0;

	write_data("key,v\na,1\nb,2\n\nA,3\na,4\nb,5\nc,6\n");
	capture_begin();
	CHECK_INT(datafile_read(data_path, NULL, on_keyed, &n), -1);
	err = capture_end();
	CHECK_INT(n, 4);	/* a b A c */
	snprintf(want, sizeof want, "test_datafile: %s:6: duplicate key 'a' "
	    "(first at line 2)\ntest_datafile: %s:7: duplicate key 'b' "
	    "(first at line 3)\n", data_path, data_path);
	CHECK_STR(err, want);
	/* Each file has its own keys. */
	n = 0;
	write_data("key,v\na,1\n");
	CHECK_INT(datafile_read(data_path, NULL, on_keyed, &n), 0);
	CHECK_INT(datafile_read(data_path, NULL, on_keyed, &n), 0);
	CHECK_INT(n, 2);
}

/* A message quotes at most DATAFILE_QUOTE_MAX characters. */
static void
test_quote(void)
{
	struct datafile df;
	char s[400];
	const char *q[5];
	int i;

	memset(&df, 0, sizeof df);
	CHECK_STR(datafile_quote(&df, "短的"), "短的");
	for (i = 0; i < 100; i++)
		memcpy(s + 3 * i, "长", 3);
	s[300] = '\0';
	q[0] = datafile_quote(&df, s);
	CHECK_INT(strlen(q[0]), 3 * DATAFILE_QUOTE_MAX + strlen("…"));
	CHECK(strncmp(q[0], s, 3 * DATAFILE_QUOTE_MAX) == 0);
	/* Four at a time. */
	q[1] = datafile_quote(&df, "b");
	q[2] = datafile_quote(&df, "c");
	q[3] = datafile_quote(&df, "d");
	CHECK(strncmp(q[0], s, 3) == 0);
	CHECK_STR(q[1], "b");
	q[4] = datafile_quote(&df, "e");
	CHECK_STR(q[4], "e");
	CHECK_STR(q[3], "d");
}

int
main(void)
{
	int fd;

	diag_set_progname("test_datafile");
	if ((fd = mkstemp(data_path)) < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	if ((fd = mkstemp(err_path)) < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	test_good();
	test_errors();
	test_stop();
	test_no_header();
	test_embedded();
	test_comments();
	test_limits();
	test_error_cap();
	test_columns();
	test_keys();
	test_quote();
	unlink(data_path);
	unlink(err_path);
	return t_done();
}
