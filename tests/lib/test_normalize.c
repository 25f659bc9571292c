/*
 * Unit tests of lib/normalize.c: traditional -> simplified, width, case,
 * the offset map, bytes that are not UTF-8, and agreement between
 * norm_text() (binary search) and norm_text_with() (lookup array) over
 * the whole embedded table.
 */

#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "normalize.h"
#include "t.h"

static void
test_basic(void)
{
	struct norm n = { 0 };
	const char *in;

	CHECK_INT(norm_text(&n, "", 0), 0);
	CHECK_STR(n.s, "");
	CHECK_INT(n.map[0], 0);

	in = "質量不錯，就是物流太慢。";
	CHECK_INT(norm_text(&n, in, strlen(in)), 0);
	CHECK_STR(n.s, "质量不错,就是物流太慢。");	/* ， is ASCII, 。 kept */

	in = "ＡＢＣ１２３！　Ok";
	CHECK_INT(norm_text(&n, in, strlen(in)), 0);
	CHECK_STR(n.s, "abc123! ok");
	/* Each output byte maps to the start of its input character. */
	CHECK_INT(n.map[0], 0);
	CHECK_INT(n.map[1], 3);
	CHECK_INT(n.map[6], 18);
	CHECK_INT(n.map[7], 21);
	CHECK_INT(n.map[8], 24);
	CHECK_INT(n.map[n.len], strlen(in));
	norm_free(&n);
}

static void
test_map_and_bytes(void)
{
	struct norm n = { 0 };
	const char in[] = "a\xff\xe8\xb3\xaa\xe4" "B";	/* a, bad, 質, cut, B */

	CHECK_INT(norm_text(&n, in, sizeof(in) - 1), 0);
	CHECK_INT(n.len, 7);
	CHECK(memcmp(n.s, "a\xff" "质" "\xe4" "b", 7) == 0);
	CHECK_INT(n.map[1], 1);
	CHECK_INT(n.map[2], 2);
	CHECK_INT(n.map[4], 2);
	CHECK_INT(n.map[5], 5);
	CHECK_INT(n.map[6], 6);
	CHECK_INT(n.map[7], 7);
	/* A 3-byte ideograph whose simplified form takes 4 bytes. */
	CHECK_INT(norm_text(&n, "㑮㑮", 6), 0);
	CHECK_STR(n.s, "𫝈𫝈");
	CHECK_INT(n.map[4], 3);
	CHECK_INT(n.map[8], 6);
	/* Buffers are reused and shrink nothing. */
	CHECK_INT(norm_text(&n, "x", 1), 0);
	CHECK_STR(n.s, "x");
	norm_free(&n);
	CHECK(n.s == NULL);
}

static void
test_table(void)
{
	const struct embed *e = embed_find("t2s.tsv");
	struct normalizer *z = normalizer_new();
	struct norm a = { 0 }, b = { 0 };
	const char *p, *nl, *tab;
	size_t lines = 0, same = 0;

	CHECK(e != NULL);
	CHECK(z != NULL);
	if (e == NULL || z == NULL)
		return;
	for (p = e->data; p < e->data + e->len; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = e->data + e->len;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (tab == NULL)
			continue;
		lines++;
		norm_text(&a, p, (size_t)(tab - p));
		norm_text_with(z, &b, p, (size_t)(tab - p));
		if (a.len == (size_t)(nl - tab - 1) &&
		    memcmp(a.s, tab + 1, a.len) == 0 &&
		    b.len == a.len && memcmp(a.s, b.s, a.len) == 0)
			same++;
	}
	CHECK(lines > 2000);
	CHECK_INT(same, lines);
	norm_text_with(z, &b, "後來發貨慢，客服態度差", strlen("後來發貨慢，客服態度差"));
	CHECK_STR(b.s, "后来发货慢,客服态度差");
	norm_free(&a);
	norm_free(&b);
	normalizer_free(z);
	normalizer_free(NULL);
}

int
main(void)
{
	test_basic();
	test_map_and_bytes();
	test_table();
	return t_done();
}
