/*
 * Unit tests of lib/cell: cell_value() peeling blanks, tabs, U+3000,
 * NBSP, ="..." and "..." off a cell without copying; cell_empty() and
 * cell_eq().
 */

#include <string.h>

#include "io/cell.h"
#include "t.h"

/*
 * The value cell_value() finds in the C string S, copied into BUF; "OUT"
 * when the result does not lie inside S.
 */
static const char *
val(const char *s, char *buf)
{
	const char *p = s;
	size_t n = strlen(s);

	cell_value(&p, &n);
	if (p < s || p + n > s + strlen(s))
		return "OUT";
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

static void
test_blanks(void)
{
	char b[64];

	CHECK_STR(val("abc", b), "abc");
	CHECK_STR(val("  abc  ", b), "abc");
	CHECK_STR(val("\tabc\t", b), "abc");
	CHECK_STR(val("\t123456789012345678", b), "123456789012345678");
	CHECK_STR(val(" \t abc \t ", b), "abc");
	CHECK_STR(val("\xE3\x80\x80" "abc" "\xE3\x80\x80", b), "abc");
	CHECK_STR(val("\xE3\x80\x80\xE3\x80\x80" "浙江" "\xE3\x80\x80", b), "浙江");
	CHECK_STR(val("\xC2\xA0" "abc" "\xC2\xA0", b), "abc");
	CHECK_STR(val(" \xE3\x80\x80\t\xC2\xA0" "abc" "\xC2\xA0\t\xE3\x80\x80 ", b), "abc");
	/* Blanks inside the value stay. */
	CHECK_STR(val("a b", b), "a b");
	CHECK_STR(val(" a\tb ", b), "a\tb");
	CHECK_STR(val("浙江\xE3\x80\x80杭州", b), "浙江\xE3\x80\x80杭州");
	/* Only whole blanks are removed: a lone lead byte is not one. */
	CHECK_STR(val("\xE3\x80" "a", b), "\xE3\x80" "a");
	CHECK_STR(val("a\xC2", b), "a\xC2");
	CHECK_STR(val("", b), "");
	CHECK_STR(val("   ", b), "");
	CHECK_STR(val("\t\t", b), "");
	CHECK_STR(val("\xE3\x80\x80", b), "");
	CHECK_STR(val("\xC2\xA0", b), "");
}

static void
test_wrappers(void)
{
	char b[64];

	CHECK_STR(val("=\"123\"", b), "123");
	CHECK_STR(val("=\"123456789012345678\"", b), "123456789012345678");
	CHECK_STR(val("  =\"123\"  ", b), "123");
	CHECK_STR(val("\t=\"123\"", b), "123");
	CHECK_STR(val("=\" 123 \"", b), "123");
	CHECK_STR(val("=\"\"", b), "");
	CHECK_STR(val("\"abc\"", b), "abc");
	CHECK_STR(val(" \"abc\" ", b), "abc");
	CHECK_STR(val("\" abc \"", b), "abc");
	CHECK_STR(val("\"\"", b), "");
	CHECK_STR(val("=\"浙江\"", b), "浙江");
	/* Not wrappers: left as they are. */
	CHECK_STR(val("=", b), "=");
	CHECK_STR(val("\"", b), "\"");
	CHECK_STR(val("\"abc", b), "\"abc");
	CHECK_STR(val("abc\"", b), "abc\"");
	CHECK_STR(val("=123", b), "=123");
	CHECK_STR(val("=\"123", b), "=\"123");
	CHECK_STR(val("a\"b\"", b), "a\"b\"");
	CHECK_STR(val("x=\"1\"", b), "x=\"1\"");
}

static void
test_no_copy(void)
{
	const char *s = "  =\"42\" ", *p = s;
	size_t n = strlen(s);

	cell_value(&p, &n);
	CHECK(p == s + 4);
	CHECK_INT(n, 2);
	CHECK_STR(s, "  =\"42\" ");	/* the field itself is unchanged */

	/* Only N bytes are looked at. */
	s = " ab cd";
	p = s;
	n = 3;
	cell_value(&p, &n);
	CHECK(p == s + 1);
	CHECK_INT(n, 2);

	s = "";
	p = s;
	n = 0;
	cell_value(&p, &n);
	CHECK_INT(n, 0);
}

static void
test_empty_eq(void)
{
	CHECK(cell_empty("", 0));
	CHECK(cell_empty("   ", 3));
	CHECK(cell_empty("\t", 1));
	CHECK(cell_empty("=\"\"", 3));
	CHECK(cell_empty("\"\"", 2));
	CHECK(cell_empty("\xE3\x80\x80", 3));
	CHECK(cell_empty(" =\" \" ", 6));
	CHECK(!cell_empty("0", 1));
	CHECK(!cell_empty("=\"0\"", 4));
	CHECK(!cell_empty(" x ", 3));
	CHECK(!cell_empty("=", 1));
	CHECK(cell_empty("abc", 0));

	CHECK(cell_eq("abc", 3, "abc"));
	CHECK(cell_eq("abcdef", 3, "abc"));
	CHECK(cell_eq("", 0, ""));
	CHECK(cell_eq("浙江", strlen("浙江"), "浙江"));
	CHECK(!cell_eq("abc", 3, "ab"));
	CHECK(!cell_eq("ab", 2, "abc"));
	CHECK(!cell_eq("abc", 3, "ABC"));
	CHECK(!cell_eq(" abc", 4, "abc"));
	CHECK(!cell_eq("abc", 3, ""));
}

/*
 * cell_bare(): yes for cells cell_value() leaves alone, no for the empty
 * cell and for every cell it would change (checked on each case too).
 */
static void
test_bare(void)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ "abc", 1 }, { "1.25", 1 }, { "\xe4\xb8\xad", 1 }, { "a b", 1 },
		{ "", 0 }, { " a", 0 }, { "a ", 0 }, { "\ta", 0 }, { "a\r", 0 },
		{ "=\"1\"", 0 }, { "\"a\"", 0 }, { "\xe3\x80\x80" "a", 0 },
		{ "a\xe3\x80\x80", 0 }, { "\xc2\xa0" "a", 0 }, { "a\xc2\xa0", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *v = cases[i].s;
		size_t n = strlen(v);
		int got = cell_bare(v, n);

		if (got != cases[i].want)
			printf("  cell_bare(\"%s\")\n", cases[i].s);
		CHECK_INT(got, cases[i].want);
		if (got) {
			cell_value(&v, &n);
			CHECK(v == cases[i].s && n == strlen(cases[i].s));
		}
	}
}

/* The blanks cell_value() peels, one at a time from either end. */
static void
test_blank_ends(void)
{
	CHECK_INT(cell_blank_at(" x", 2), 1);
	CHECK_INT(cell_blank_at("\tx", 2), 1);
	CHECK_INT(cell_blank_at("\xE3\x80\x80x", 4), 3);
	CHECK_INT(cell_blank_at("\xC2\xA0x", 3), 2);
	CHECK_INT(cell_blank_at("\xE3\x80", 2), 0);	/* cut short */
	CHECK_INT(cell_blank_at("x ", 2), 0);
	CHECK_INT(cell_blank_at("", 0), 0);
	CHECK_INT(cell_blank_before("x\n", 2), 1);
	CHECK_INT(cell_blank_before("x\xE3\x80\x80", 4), 3);
	CHECK_INT(cell_blank_before("x\xC2\xA0", 3), 2);
	CHECK_INT(cell_blank_before(" x", 2), 0);
	CHECK_INT(cell_blank_before("", 0), 0);
}

int
main(void)
{
	test_blank_ends();
	test_blanks();
	test_wrappers();
	test_no_copy();
	test_empty_eq();
	test_bare();
	return t_done();
}
