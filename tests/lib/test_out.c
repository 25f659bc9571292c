/*
 * Unit tests of lib/out: csv with minimal RFC 4180 quoting, tsv, json
 * lines and their escapes, Excel mode (BOM, CRLF, formula guard),
 * out_raw(), buffering across flushes, and out_parse_format().  Output
 * goes to an open_memstream() and is compared byte for byte.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "t.h"

/* One writer into memory. */
struct mem {
	FILE *fp;		/* the memstream */
	char *buf;		/* its buffer */
	size_t len;		/* its length */
	struct out o;		/* the writer */
};

static void
mem_open(struct mem *m, enum out_format fmt, int excel)
{
	m->buf = NULL;
	m->len = 0;
	if ((m->fp = open_memstream(&m->buf, &m->len)) == NULL) {
		perror("open_memstream");
		exit(2);
	}
	out_init(&m->o, m->fp, fmt, excel);
}

/* Finish the writer and return everything written (free with free()). */
static char *
mem_close(struct mem *m, size_t *len)
{
	out_free(&m->o);
	CHECK(!ferror(m->fp));
	fclose(m->fp);
	*len = m->len;
	return m->buf;
}

/* Write the NULL-terminated fields as one row. */
static void
row(struct out *o, const char *const *f)
{
	for (; *f != NULL; f++)
		out_str(o, *f);
	out_end(o);
}

/* Declare the NULL-terminated header names. */
static void
header(struct out *o, const char *const *names)
{
	char *f[16];
	size_t len[16], n;

	for (n = 0; names[n] != NULL; n++) {
		f[n] = (char *)names[n];
		len[n] = strlen(names[n]);
	}
	out_header(o, f, len, n);
}

/* Compare LEN bytes of GOT with the C-array literal WANT, showing both on failure. */
static void
same_(char *got, size_t len, const char *want, size_t wlen, int line)
{
	int ok = len == wlen && memcmp(got, want, len) == 0;

	t_check(ok, "output bytes", __FILE__, line);
	if (!ok)
		printf("  got  %zu bytes: '%.*s'\n  want %zu bytes: '%.*s'\n",
		    len, (int)len, got, wlen, (int)wlen, want);
	free(got);
}

#define SAME(got, len, lit) same_(got, len, lit, sizeof lit - 1, __LINE__)

static void
test_csv(void)
{
	static const char *const h[] = { "a", "b c", "d,e", NULL };
	static const char *const r1[] = { "x\"y", "line\nbreak", "cr\rx", NULL };
	static const char *const r2[] = { "", " sp ", "tab\there", NULL };
	static const char *const r3[] = { "中文", "=1+2", "-5", NULL };
	static const char *const r4[] = { "\"", "a,b", ",", NULL };
	static const char *const r5[] = { "\r\n", "'x", "@y", NULL };
	struct mem m;
	size_t len;
	char *s;

	mem_open(&m, OUT_CSV, 0);
	header(&m.o, h);
	row(&m.o, r1);
	row(&m.o, r2);
	row(&m.o, r3);
	row(&m.o, r4);
	row(&m.o, r5);
	s = mem_close(&m, &len);
	SAME(s, len,
	    "a,b c,\"d,e\"\n"
	    "\"x\"\"y\",\"line\nbreak\",\"cr\rx\"\n"
	    ", sp ,tab\there\n"
	    "中文,=1+2,-5\n"
	    "\"\"\"\",\"a,b\",\",\"\n"
	    "\"\r\n\",'x,@y\n");

	/* A row of one empty field, and N bytes of a longer string. */
	mem_open(&m, OUT_CSV, 0);
	out_str(&m.o, "0");
	out_end(&m.o);
	out_str(&m.o, "");
	out_end(&m.o);
	out_str(&m.o, "a");
	out_field(&m.o, "bcd", 2);
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len, "0\n\na,bc\n");
	/*
	 * Regression (was a bug): an empty field as the very first thing a
	 * writer writes is undefined behaviour: out_init(&o, fp, OUT_CSV, 0);
	 * out_str(&o, "") calls emit() with n 0 while o->buf is still NULL,
	 * and memcpy(NULL, s, 0) at out.c:48 trips UBSan ("null pointer
	 * passed as argument 1") under SANITIZE=undefined.  Want "\n" after
	 * out_end().
	 */
	mem_open(&m, OUT_CSV, 0);
	out_str(&m.o, "");
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len, "\n");

	/* Nothing written, nothing out. */
	mem_open(&m, OUT_CSV, 0);
	s = mem_close(&m, &len);
	SAME(s, len, "");
}

static void
test_tsv(void)
{
	static const char *const h[] = { "id", "name,full", NULL };
	static const char *const r1[] = { "1", "a,b", NULL };
	static const char *const r2[] = { "a\tb", "q\"", NULL };
	static const char *const r3[] = { "nl\n", "", NULL };
	struct mem m;
	size_t len;
	char *s;

	mem_open(&m, OUT_TSV, 0);
	header(&m.o, h);
	row(&m.o, r1);
	row(&m.o, r2);
	row(&m.o, r3);
	s = mem_close(&m, &len);
	/* One record per line: tab, LF, CR and backslash escaped, no quotes. */
	SAME(s, len,
	    "id\tname,full\n"
	    "1\ta,b\n"
	    "a\\tb\tq\"\n"
	    "nl\\n\t\n");
	{
		static const char *const r4[] = { "c:\\x", "\r\n", "\"q\"", NULL };

		mem_open(&m, OUT_TSV, 0);
		row(&m.o, r4);
		s = mem_close(&m, &len);
		SAME(s, len, "c:\\\\x\t\\r\\n\t\"q\"\n");
	}
}

static void
test_json(void)
{
	static const char *const h[] = { "id", "名字", "we\"ird", NULL };
	static const char *const r1[] = { "1", "张三", "a\\b\"c\nd\te\x01", NULL };
	static const char *const r2[] = { "", "\r\x19\x7f", "/é", NULL };
	struct mem m;
	size_t len;
	char *s;

	mem_open(&m, OUT_JSON, 0);
	header(&m.o, h);
	row(&m.o, r1);
	row(&m.o, r2);
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len,
	    "{\"id\":\"1\",\"名字\":\"张三\",\"we\\\"ird\":\"a\\\\b\\\"c\\nd\\te\\u0001\"}\n"
	    "{\"id\":\"\",\"名字\":\"\\r\\u0019\x7f\",\"we\\\"ird\":\"/é\"}\n"
	    "{}\n");

	/* Values that look like numbers stay strings; CSV specials are plain. */
	{
		static const char *const h2[] = { "n", NULL };
		static const char *const r[] = { "12.50", NULL };
		static const char *const q[] = { "a,b", NULL };

		mem_open(&m, OUT_JSON, 0);
		header(&m.o, h2);
		row(&m.o, r);
		row(&m.o, q);
		s = mem_close(&m, &len);
		SAME(s, len, "{\"n\":\"12.50\"}\n{\"n\":\"a,b\"}\n");
	}
}

static void
test_excel(void)
{
	static const char *const h[] = { "id", "v", NULL };
	static const char *const r1[] = { "=SUM(A1)", "+1", NULL };
	static const char *const r2[] = { "-1", "@x", NULL };
	static const char *const r3[] = { "\tx", "\rx", NULL };
	static const char *const r4[] = { "=\"a,b\"", "a=b", NULL };
	static const char *const r5[] = { "", "1-2", NULL };
	struct mem m;
	size_t len;
	char *s;

	mem_open(&m, OUT_CSV, 1);
	header(&m.o, h);
	row(&m.o, r1);
	row(&m.o, r2);
	row(&m.o, r3);
	row(&m.o, r4);
	row(&m.o, r5);
	s = mem_close(&m, &len);
	/* Signed plain numbers stay numbers; other signed cells are guarded. */
	SAME(s, len,
	    "\xEF\xBB\xBF" "id,v\r\n"
	    "'=SUM(A1),+1\r\n"
	    "-1,'@x\r\n"
	    "'\tx,\"'\rx\"\r\n"
	    "\"'=\"\"a,b\"\"\",a=b\r\n"
	    ",1-2\r\n");

	/* Numbers, signs, the Taobao ="digits" form and long digit strings. */
	{
		static const char *const n1[] = { "-12.00", "+6", "-0.5", "+", NULL };
		static const char *const n2[] = { "-", "-2+3", "-1e5", "+86 138", NULL };
		static const char *const n3[] = { "=\"4001000000000001\"",
		    "=\"YT1\"", "=\"\"", "=\"1\"+1\"", "=\"a b\"", NULL };
		static const char *const n4[] = { "4001000000000001", "123456789012",
		    "13800138000", "12345678901a", NULL };
		static const char *const n5[] = { "-12.", "-.5", "1.5", "0012", NULL };

		mem_open(&m, OUT_CSV, 1);
		row(&m.o, n1);
		row(&m.o, n2);
		row(&m.o, n3);
		row(&m.o, n4);
		row(&m.o, n5);
		s = mem_close(&m, &len);
		SAME(s, len,
		    "\xEF\xBB\xBF" "-12.00,+6,-0.5,'+\r\n"
		    "'-,'-2+3,'-1e5,'+86 138\r\n"
		    "\"=\"\"4001000000000001\"\"\",\"=\"\"YT1\"\"\",\"'=\"\"\"\"\","
		    "\"'=\"\"1\"\"+1\"\"\",\"'=\"\"a b\"\"\"\r\n"
		    "\"=\"\"4001000000000001\"\"\",\"=\"\"123456789012\"\"\","
		    "13800138000,12345678901a\r\n"
		    "'-12.,'-.5,1.5,0012\r\n");
		/* out_plain() agrees: a cell --excel changes is not plain. */
		CHECK(out_plain("-12.00", 6));
		CHECK(!out_plain("-1e5", 4));
		CHECK(!out_plain("123456789012", 12));
		CHECK(out_plain("13800138000", 11));
	}

	/* JSON is for programs: --excel writes no BOM, no CR and no guard. */
	{
		static const char *const jh[] = { "id", NULL };
		static const char *const j1[] = { "=1+1", NULL };

		mem_open(&m, OUT_JSON, 1);
		header(&m.o, jh);
		row(&m.o, j1);
		s = mem_close(&m, &len);
		SAME(s, len, "{\"id\":\"=1+1\"}\n");
	}

	/* Excel TSV: the guard goes before the escaped tab. */
	mem_open(&m, OUT_TSV, 1);
	row(&m.o, r3);
	row(&m.o, r1);
	s = mem_close(&m, &len);
	SAME(s, len, "\xEF\xBB\xBF" "'\\tx\t'\\rx\r\n'=SUM(A1)\t+1\r\n");

	/* The BOM comes first even when the first row is empty. */
	mem_open(&m, OUT_CSV, 1);
	out_end(&m.o);
	out_str(&m.o, "a");
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len, "\xEF\xBB\xBF\r\na\r\n");

	/* Header names are values too. */
	{
		static const char *const fh[] = { "=id", "+v", NULL };

		mem_open(&m, OUT_CSV, 1);
		header(&m.o, fh);
		s = mem_close(&m, &len);
		SAME(s, len, "\xEF\xBB\xBF'=id,'+v\r\n");
	}

	/* Without excel, no BOM, no CR, no guard. */
	mem_open(&m, OUT_CSV, 0);
	row(&m.o, r1);
	s = mem_close(&m, &len);
	SAME(s, len, "=SUM(A1),+1\n");
}

static void
test_raw(void)
{
	static const char *const h[] = { "a", "b", "c", NULL };
	struct mem m;
	size_t len;
	char *s;

	mem_open(&m, OUT_CSV, 0);
	header(&m.o, h);
	out_raw(&m.o, "1,\"x,y\",z", 9, 3);
	out_end(&m.o);
	out_raw(&m.o, "1,\"x,y\"", 7, 2);
	out_str(&m.o, "new");
	out_end(&m.o);
	out_raw(&m.o, " p , \"\"\"\"", 9, 2);
	out_str(&m.o, "a,b");
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len, "a,b,c\n1,\"x,y\",z\n1,\"x,y\",new\n p , \"\"\"\",\"a,b\"\n");

	/* The first output of a writer can be a raw row. */
	mem_open(&m, OUT_CSV, 0);
	out_raw(&m.o, "q", 1, 1);
	out_str(&m.o, "r");
	out_end(&m.o);
	s = mem_close(&m, &len);
	SAME(s, len, "q,r\n");
}

static void
test_flush(void)
{
	struct mem m;
	size_t len, wlen = 0, i;
	char *s, *want, field[300];

	/* out_flush() before writing to the stream directly. */
	mem_open(&m, OUT_CSV, 0);
	out_str(&m.o, "a");
	out_end(&m.o);
	out_flush(&m.o);
	fputs("X\n", m.fp);
	out_str(&m.o, "b");
	out_end(&m.o);
	s = mem_close(&m, &len);
	CHECK_STR(s, "a\nX\nb\n");	/* open_memstream() adds a NUL */
	CHECK_INT(len, 6);
	free(s);

	/* Many rows: far more than any buffer, fields of every length. */
	if ((want = malloc(4 << 20)) == NULL)
		abort();
	mem_open(&m, OUT_CSV, 0);
	for (i = 1; i <= 20000; i++) {	/* from 1: see the empty-first-field bug */
		size_t k = i % 280;

		memset(field, 'a' + (int)(i % 26), k);
		if (i % 7 == 0 && k > 0)
			field[k / 2] = ',';
		out_field(&m.o, field, k);
		out_str(&m.o, "z");
		out_end(&m.o);
		if (i % 7 == 0 && k > 0) {
			want[wlen++] = '"';
			memcpy(want + wlen, field, k);
			wlen += k;
			want[wlen++] = '"';
		} else {
			memcpy(want + wlen, field, k);
			wlen += k;
		}
		memcpy(want + wlen, ",z\n", 3);
		wlen += 3;
	}
	s = mem_close(&m, &len);
	CHECK_INT(len, wlen);
	CHECK(len == wlen && memcmp(s, want, len) == 0);
	free(s);
	free(want);

	/* One field larger than the buffer. */
	{
		size_t big = 300000;
		char *f = malloc(big);

		if (f == NULL)
			abort();
		memset(f, 'q', big);
		f[big - 1] = '"';
		mem_open(&m, OUT_CSV, 0);
		out_str(&m.o, "a");
		out_field(&m.o, f, big);
		out_end(&m.o);
		s = mem_close(&m, &len);
		CHECK_INT(len, 2 + 1 + big + 1 + 1 + 1);
		CHECK(len > 6 && memcmp(s, "a,\"qq", 5) == 0 &&
		    memcmp(s + len - 5, "q\"\"\"\n", 5) == 0);
		free(s);
		free(f);
	}
}

static void
test_parse_format(void)
{
	enum out_format f = OUT_JSON;

	CHECK_INT(out_parse_format("csv", &f), 0);
	CHECK_INT(f, OUT_CSV);
	CHECK_INT(out_parse_format("tsv", &f), 0);
	CHECK_INT(f, OUT_TSV);
	CHECK_INT(out_parse_format("json", &f), 0);
	CHECK_INT(f, OUT_JSON);
	CHECK_INT(out_parse_format("xml", &f), -1);
	CHECK_INT(out_parse_format("", &f), -1);
	CHECK_INT(out_parse_format("csvx", &f), -1);
	CHECK_INT(out_parse_format("cs", &f), -1);
}

/*
 * Quoting of values of every length from 1 to 48 with one special byte
 * (quote, CR, LF, the delimiter) at every position, or none: the check
 * goes 16 bytes at a time, with an overlapping last block.  The expected
 * text is built here by the RFC 4180 rule.
 */
static void
test_quote_positions(void)
{
	static const char specials[] = "\"\r\n,\t";
	size_t n, at, k, bad = 0;

	for (n = 1; n <= 48; n++)
		for (k = 0; k < sizeof specials; k++)
			for (at = 0; at < n; at++) {
				int tsv = specials[k] == '\t';
				char val[64], want[160];
				size_t i, w = 0, len;
				struct mem m;
				char *got;
				/* The NUL of specials[] stands for no special byte;
				   TSV escapes a tab instead of quoting. */
				int quote = specials[k] != '\0' && !tsv;

				memset(val, 'x', n);
				val[n] = '\0';
				if (quote)
					val[at] = specials[k];
				if (specials[k] == '\0' && at > 0)
					break;
				if (quote)
					want[w++] = '"';
				for (i = 0; i < n; i++) {
					if (tsv && val[i] == '\t') {
						want[w++] = '\\';
						want[w++] = 't';
						continue;
					}
					want[w++] = val[i];
					if (val[i] == '"')
						want[w++] = '"';
				}
				if (quote)
					want[w++] = '"';
				want[w++] = '\n';
				want[w] = '\0';
				mem_open(&m, tsv ? OUT_TSV : OUT_CSV, 0);
				out_field(&m.o, val, n);
				out_end(&m.o);
				got = mem_close(&m, &len);
				if (len != w || memcmp(got, want, w) != 0) {
					if (bad++ < 3)
						printf("  length %zu, byte %d at %zu: got '%s'\n",
						    n, specials[k], at, got);
				}
				free(got);
			}
	CHECK_INT((long)bad, 0);
}

/*
 * out_plain() says which values need no quoting in any plain format, and
 * out_field_plain() writes those exactly as out_field() does, in every
 * format, first row and later ones, Excel too.
 */
static void
test_plain(void)
{
	static const char *const yes[] = { "质量", "quality;logistics", "no",
	    "联系买家，换货或退货，承担来回运费", "", "x y", "-3", "+6.50", NULL };
	static const char *const no[] = { "a,b", "a\tb", "say \"hi\"", "a\nb",
	    "a\rb", "=1+1", "-3+1", "+x", "@x", "123456789012", NULL };
	static const enum out_format fmts[] = { OUT_CSV, OUT_TSV, OUT_JSON };
	static const char *const names[] = { "a", "b", NULL };
	size_t i, f, la, lb;
	int excel;

	for (i = 0; yes[i] != NULL; i++)
		CHECK(out_plain(yes[i], strlen(yes[i])));
	for (i = 0; no[i] != NULL; i++)
		CHECK(!out_plain(no[i], strlen(no[i])));
	for (f = 0; f < 3; f++)
		for (excel = 0; excel <= 1; excel++) {
			struct mem a, b;
			char *ta, *tb;

			mem_open(&a, fmts[f], excel);
			mem_open(&b, fmts[f], excel);
			header(&a.o, names);
			header(&b.o, names);
			for (i = 0; yes[i] != NULL; i++) {
				out_str(&a.o, "k");
				out_str(&a.o, yes[i]);
				out_end(&a.o);
				out_str(&b.o, "k");
				out_field_plain(&b.o, yes[i], strlen(yes[i]));
				out_end(&b.o);
			}
			ta = mem_close(&a, &la);
			tb = mem_close(&b, &lb);
			CHECK_INT(lb, la);
			CHECK(la == lb && memcmp(ta, tb, la) == 0);
			free(ta);
			free(tb);
		}
}

/* json numbers: out_json_number(), the name patterns, the writer. */
static void
test_json_numbers(void)
{
	static const char *const pats[] = { "fee", "%s_pct", "resolved_%sh_pct",
	    "%s小时内解决(%%)" };
	static const char *const yes[] = { "0", "-0", "12", "-12.50", "1e5",
	    "2.5E-3", "1.0e+2", NULL };
	static const char *const no[] = { "", "-", "012", "+1", ".5", "5.",
	    "1e", "1e+", "0x10", "inf", "nan", " 1", "1 ", "1,000", "--1", NULL };
	static const char *const hdr[] = { "id", "fee", "share_pct", "note",
	    NULL };
	struct mem m;
	char *got;
	size_t len, i;

	for (i = 0; yes[i] != NULL; i++)
		CHECK(out_json_number(yes[i], strlen(yes[i])));
	for (i = 0; no[i] != NULL; i++)
		CHECK(!out_json_number(no[i], strlen(no[i])));

	CHECK(out_name_match("%s_pct", "fcr_pct", 7));
	CHECK(out_name_match("%s_pct", "_pct", 4));
	CHECK(!out_name_match("%s_pct", "fcr_pc", 6));
	CHECK(!out_name_match("fee", "fees", 4));
	CHECK(!out_name_match("fee", "fe", 2));
	CHECK(out_name_match("resolved_%sh_pct", "resolved_8h_pct", 15));
	CHECK(out_name_match("%s小时内解决(%%)", "8小时内解决(%)",
	    strlen("8小时内解决(%)")));
	CHECK(!out_name_match("%s小时内解决(%%)", "8小时内解决(%%)",
	    strlen("8小时内解决(%%)")));

	mem_open(&m, OUT_JSON, 0);
	out_numbers(&m.o, pats, 4);
	CHECK(out_name_numeric(&m.o, "fee", 3));
	CHECK(!out_name_numeric(&m.o, "id", 2));
	header(&m.o, hdr);
	row(&m.o, (const char *const[]){ "007", "5.00", "52.9%", "1", NULL });
	row(&m.o, (const char *const[]){ "8", "", "+6", "x", NULL });
	row(&m.o, (const char *const[]){ "9", "n/a", "0", "y", NULL });
	/* The driver's way of keeping a passed-through field text. */
	out_number_col(&m.o, 1, 0);
	out_number_col(&m.o, 0, 1);
	out_number_col(&m.o, 99, 1);
	row(&m.o, (const char *const[]){ "10", "3", "1", "2", "extra", NULL });
	got = mem_close(&m, &len);
	SAME(got, len,
	    "{\"id\":\"007\",\"fee\":5.00,\"share_pct\":52.9,\"note\":\"1\"}\n"
	    "{\"id\":\"8\",\"fee\":null,\"share_pct\":6,\"note\":\"x\"}\n"
	    "{\"id\":\"9\",\"fee\":\"n/a\",\"share_pct\":0,\"note\":\"y\"}\n"
	    "{\"id\":10,\"fee\":\"3\",\"share_pct\":1,\"note\":\"2\","
	    "\"5\":\"extra\"}\n");

	/* csv is not affected. */
	mem_open(&m, OUT_CSV, 0);
	out_numbers(&m.o, pats, 4);
	header(&m.o, hdr);
	row(&m.o, (const char *const[]){ "1", "", "+6", "x", NULL });
	got = mem_close(&m, &len);
	SAME(got, len, "id,fee,share_pct,note\n1,,+6,x\n");
}

int
main(void)
{
	test_csv();
	test_tsv();
	test_json();
	test_excel();
	test_raw();
	test_flush();
	test_parse_format();
	test_quote_positions();
	test_plain();
	test_json_numbers();
	return t_done();
}
