/*
 * Unit tests of lib/cols: header matching with case, blank, '_' and '-'
 * folding, alias lists, --column overrides by header and by index, input
 * without a header, and the error messages.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cols.h"
#include "io/diag.h"
#include "t.h"
#include "tcapture.h"

static const struct colspec specs[] = {
	{ "address", "收货地址|地址|address|shipping_address" },
	{ "weight", "重量|weight|weight_kg" },
	{ "amount", "实付金额|amount" },
};
#define NSPECS (sizeof specs / sizeof specs[0])

/* A header: the fields of the NULL-terminated list NAMES. */
struct hdr {
	char *f[16];		/* field pointers */
	size_t len[16];		/* their lengths */
	size_t n;		/* fields */
};

static void
hdr_set(struct hdr *h, const char *const *names)
{
	for (h->n = 0; names[h->n] != NULL; h->n++) {
		h->f[h->n] = (char *)names[h->n];
		h->len[h->n] = strlen(names[h->n]);
	}
}


/* cols_resolve() with overrides given as "name=header" strings. */
static int
resolve(const struct hdr *h, const char *const *ovs, long *idx)
{
	struct col_override ov[8];
	char copies[8][64];
	size_t nov = 0;

	for (; ovs != NULL && *ovs != NULL; ovs++, nov++) {
		snprintf(copies[nov], sizeof copies[nov], "%s", *ovs);
		if (cols_parse_override(copies[nov], &ov[nov]) != 0)
			return -99;
	}
	return cols_resolve(specs, NSPECS, h ? h->f : NULL, h ? h->len : NULL,
	    h ? h->n : 0, ov, nov, idx, "in.csv");
}

static void
test_find(void)
{
	static const char *const names[] = {
		"订单编号", "Shipping Address", "WEIGHT-KG", "备注", "Weight",
		"ID", " a_b-c\t", "收货\xE3\x80\x80地址 ", NULL
	};
	struct hdr h;

	hdr_set(&h, names);
	CHECK_INT(cols_find("订单编号", h.f, h.len, h.n), 0);
	CHECK_INT(cols_find("shipping_address", h.f, h.len, h.n), 1);
	CHECK_INT(cols_find("SHIPPING-ADDRESS", h.f, h.len, h.n), 1);
	CHECK_INT(cols_find("shippingaddress", h.f, h.len, h.n), 1);
	CHECK_INT(cols_find("Shipping Address", h.f, h.len, h.n), 1);
	CHECK_INT(cols_find("weight_kg", h.f, h.len, h.n), 2);
	CHECK_INT(cols_find("weightkg", h.f, h.len, h.n), 2);
	CHECK_INT(cols_find("weight", h.f, h.len, h.n), 4);
	CHECK_INT(cols_find("WEIGHT", h.f, h.len, h.n), 4);
	CHECK_INT(cols_find("abc", h.f, h.len, h.n), 6);
	CHECK_INT(cols_find("A B C", h.f, h.len, h.n), 6);
	CHECK_INT(cols_find("收货地址", h.f, h.len, h.n), 7);
	CHECK_INT(cols_find("id", h.f, h.len, h.n), 5);
	/* No partial or prefix matches. */
	CHECK_INT(cols_find("weigh", h.f, h.len, h.n), -1);
	CHECK_INT(cols_find("weights", h.f, h.len, h.n), -1);
	CHECK_INT(cols_find("订单", h.f, h.len, h.n), -1);
	CHECK_INT(cols_find("address", h.f, h.len, h.n), -1);
	CHECK_INT(cols_find("", h.f, h.len, h.n), -1);
	CHECK_INT(cols_find("订单编号", h.f, h.len, 0), -1);
	/* The header's length counts, not its NUL. */
	h.len[0] = 6;	/* "订单" */
	CHECK_INT(cols_find("订单", h.f, h.len, h.n), 0);
}

static void
test_aliases(void)
{
	static const char *const h1[] = { "订单编号", "Shipping Address", "WEIGHT-KG", "备注", NULL };
	static const char *const h2[] = { "收货 地址", "重量", "实付金额", NULL };
	static const char *const h3[] = { "x", "ADDRESS", "Amount", NULL };
	struct hdr h;
	long idx[NSPECS];

	hdr_set(&h, h1);
	CHECK_INT(resolve(&h, NULL, idx), 0);
	CHECK_INT(idx[0], 1);
	CHECK_INT(idx[1], 2);
	CHECK_INT(idx[2], -1);	/* absent is not an error here */

	hdr_set(&h, h2);
	CHECK_INT(resolve(&h, NULL, idx), 0);
	CHECK_INT(idx[0], 0);
	CHECK_INT(idx[1], 1);
	CHECK_INT(idx[2], 2);

	hdr_set(&h, h3);
	CHECK_INT(resolve(&h, NULL, idx), 0);
	CHECK_INT(idx[0], 1);
	CHECK_INT(idx[1], -1);
	CHECK_INT(idx[2], 2);

	/* An empty header. */
	h.n = 0;
	CHECK_INT(resolve(&h, NULL, idx), 0);
	CHECK_INT(idx[0], -1);
	CHECK_INT(idx[1], -1);
}

static void
test_parse_override(void)
{
	struct col_override ov;
	char a[] = "address=收件人地址", b[] = "weight=3", c[] = "address",
	    d[] = "=x", e[] = "address=", f[] = "amount=a=b", g[] = "";

	CHECK_INT(cols_parse_override(a, &ov), 0);
	CHECK_STR(ov.name, "address");
	CHECK_STR(ov.header, "收件人地址");
	CHECK_INT(cols_parse_override(b, &ov), 0);
	CHECK_STR(ov.name, "weight");
	CHECK_STR(ov.header, "3");
	CHECK_INT(cols_parse_override(f, &ov), 0);
	CHECK_STR(ov.name, "amount");
	CHECK_STR(ov.header, "a=b");
	CHECK_INT(cols_parse_override(c, &ov), -1);
	CHECK_INT(cols_parse_override(d, &ov), -1);
	CHECK_INT(cols_parse_override(e, &ov), -1);
	CHECK_INT(cols_parse_override(g, &ov), -1);
}

static void
test_overrides(void)
{
	static const char *const h1[] = { "订单编号", "收货地址", "收件人地址", "重量", "备注", NULL };
	static const char *const by_name[] = { "address=收件人地址", NULL };
	static const char *const by_index[] = { "address=5", "weight=1", NULL };
	static const char *const amount[] = { "amount=备注", NULL };
	static const char *const last[] = { "weight=5", NULL };
	struct hdr h;
	long idx[NSPECS];

	hdr_set(&h, h1);
	CHECK_INT(resolve(&h, NULL, idx), 0);
	CHECK_INT(idx[0], 1);
	CHECK_INT(idx[1], 3);

	CHECK_INT(resolve(&h, by_name, idx), 0);
	CHECK_INT(idx[0], 2);
	CHECK_INT(idx[1], 3);
	CHECK_INT(idx[2], -1);

	CHECK_INT(resolve(&h, by_index, idx), 0);
	CHECK_INT(idx[0], 4);
	CHECK_INT(idx[1], 0);

	CHECK_INT(resolve(&h, amount, idx), 0);
	CHECK_INT(idx[2], 4);

	CHECK_INT(resolve(&h, last, idx), 0);
	CHECK_INT(idx[1], 4);
}

static void
test_no_header(void)
{
	static const char *const by_index[] = { "weight=2", "address=7", NULL };
	static const char *const by_name[] = { "weight=重量", NULL };
	long idx[NSPECS];
	const char *err;

	CHECK_INT(resolve(NULL, by_index, idx), 0);
	CHECK_INT(idx[0], 6);
	CHECK_INT(idx[1], 1);
	CHECK_INT(idx[2], -1);
	CHECK_INT(resolve(NULL, NULL, idx), 0);
	CHECK_INT(idx[0], -1);
	CHECK_INT(idx[1], -1);

	capture_begin();
	CHECK_INT(resolve(NULL, by_name, idx), -1);
	err = capture_end();
	CHECK(strstr(err, "in.csv") != NULL);
	CHECK(strstr(err, "weight") != NULL);
	CHECK(strstr(err, "重量") != NULL);
	CHECK(strchr(err, '\n') != NULL && strchr(err, '\n')[1] == '\0');
}

/* Resolve H with the single override OV, expecting an error; its stderr. */
static const char *
resolve_error(const struct hdr *h, const char *ov)
{
	const char *ovs[2] = { ov, NULL };
	long idx[NSPECS];
	const char *err;

	capture_begin();
	CHECK_INT(resolve(h, ovs, idx), -1);
	err = capture_end();
	CHECK(strncmp(err, "cs-test: ", 9) == 0);
	CHECK(strlen(err) > 0 && err[strlen(err) - 1] == '\n');
	return err;
}

static void
test_errors(void)
{
	static const char *const h1[] = { "订单编号", "收货地址", "重量", NULL };
	struct hdr h;
	const char *err;

	hdr_set(&h, h1);
	/* A column the tool does not have. */
	err = resolve_error(&h, "colour=1");
	CHECK(strstr(err, "'colour'") != NULL);
	/* A header that is not there. */
	err = resolve_error(&h, "address=收件人地址");
	CHECK(strstr(err, "in.csv: ") != NULL);
	CHECK(strstr(err, "收件人地址") != NULL);
	/* Indexes out of range. */
	err = resolve_error(&h, "weight=4");
	CHECK(strstr(err, "in.csv: ") != NULL);
	CHECK(strstr(err, "weight") != NULL);
	err = resolve_error(&h, "weight=0");
	CHECK(strstr(err, "weight") != NULL);
	err = resolve_error(&h, "weight=-1");
	CHECK(strstr(err, "weight") != NULL);
	/* In range is fine. */
	{
		static const char *const ok[] = { "weight=3", NULL };
		long idx[NSPECS];

		CHECK_INT(resolve(&h, ok, idx), 0);
		CHECK_INT(idx[1], 2);
	}
}

static void
test_missing(void)
{
	const char *err;

	capture_begin();
	cols_missing(&specs[1], "orders.csv");
	err = capture_end();
	CHECK(strstr(err, "cs-test: orders.csv: missing column 'weight' "
	    "(tried: 重量, weight, weight_kg); ") == err);
	CHECK(strstr(err, "--column weight=HEADER\n") != NULL);
	/*
	 * DOC MISMATCH (reported): cols.h promises "...; use --column
	 * NAME=HEADER" but cols_missing() writes "...; name it with --column
	 * NAME=HEADER" (the golden tests pin the latter), so only the common
	 * parts are checked here.
	 */
	capture_begin();
	cols_missing(&specs[2], "<stdin>");
	err = capture_end();
	CHECK(strstr(err, "cs-test: <stdin>: missing column 'amount' (tried: 实付金额, amount); ")
	    == err);
}

int
main(void)
{
	int fd;

	diag_set_progname("cs-test");
	if ((fd = mkstemp(err_path)) < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	test_find();
	test_aliases();
	test_parse_override();
	test_overrides();
	test_no_header();
	test_errors();
	test_missing();
	unlink(err_path);
	return t_done();
}
