/*
 * Unit tests of enc_sniff(): what the first bytes of an input say when it
 * is no text export (zip, xlsx, xls, UTF-16 without a BOM either way
 * round, other binary), and no word about text, GB18030 or UTF-16 that
 * is mostly Chinese with a few ASCII characters.
 */

#include <string.h>

#include "io/enc.h"
#include "t.h"

/* enc_sniff() of the first N bytes of S, or "" for none. */
static const char *
sniff(const char *s, size_t n)
{
	const char *h = enc_sniff(s, n);

	return h != NULL ? h : "";
}

/* Does the hint for S[0..N) contain WORD? */
static int
says(const char *s, size_t n, const char *word)
{
	return strstr(sniff(s, n), word) != NULL;
}

int
main(void)
{
	static const char le[] = "i\0d\0,\0\xa2\x8b\x55\x53\n\0";
	static const char be[] = "\0i\0d\0,\x8b\xa2\x53\x55\0\n";
	static const char zh16[] = "\xa2\x8b\x55\x53\x16\x7f\xf7\x53\xa2\x8b"
	    "\x55\x53\x16\x7f\xf7\x53,\0";
	static const char text[] = "订单编号,收货地址\n1,浙江省\n";
	static const char gbk[] = "\xb6\xa9\xb5\xa5,\xb5\xd8\xd6\xb7\n";

	CHECK(says("PK\3\4\24\0\0\0[Content_Types].xml", 27, "xlsx"));
	CHECK(says("PK\3\4\24\0\0\0xl/workbook.xml", 23, "xlsx"));
	CHECK(says("PK\3\4\24\0\0\0orders.csv", 18, "zip archive"));
	CHECK(says("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "xls)"));
	CHECK(says(le, sizeof le - 1, "--encoding utf-16le"));
	CHECK(says(be, sizeof be - 1, "--encoding utf-16be"));
	CHECK(says("\x7f" "ELF\2\1\1\0\0\0", 10, "binary"));
	CHECK_STR(sniff(text, sizeof text - 1), "");
	CHECK_STR(sniff(gbk, sizeof gbk - 1), "");
	CHECK_INT(enc_sniff("", 0) == NULL, 1);
	CHECK_STR(sniff("PK", 2), "");
	/* Mostly Chinese UTF-16: one ASCII comma in 9 units is too few. */
	CHECK(says(zh16, sizeof zh16 - 1, "binary"));
	return t_done();
}
