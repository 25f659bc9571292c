/*
 * Unit tests of lib/normalize.c: traditional -> simplified, width, case,
 * the offset map, bytes that are not UTF-8, and agreement between
 * norm_text() (binary search) and norm_text_with() (lookup array) over
 * the whole embedded table, and norm_text_fast() with norm_map().
 */

#include <stdlib.h>
#include <string.h>

#include "io/embed.h"
#include "text/normalize.h"
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

/*
 * norm_text_fast() then norm_map() makes what norm_text_with() makes, and
 * both what norm_text() makes, on random mixtures of ASCII, simplified and
 * traditional ideographs, full-width forms, 4-byte characters and bytes
 * that are not UTF-8.
 */
static void
test_fast_and_map(void)
{
	static const char *const pieces[] = { "a", "Z", " ", "0", "质", "質",
	    "後", "的", "䀉", "，", "Ａ", "１", "　", "。", "㑮", "𠀀", "😀", "é",
	    "\xff", "\xe4", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80" };
	struct normalizer *z = normalizer_new();
	struct norm a = { 0 }, b = { 0 }, c = { 0 };
	char text[256];
	size_t len, i, k, bad = 0;
	int round;

	CHECK(z != NULL);
	if (z == NULL)
		return;
	srand(99);
	for (round = 0; round < 2000; round++) {
		len = 0;
		for (k = (size_t)rand() % 24; k > 0; k--) {
			const char *p = pieces[(size_t)rand() %
			    (sizeof(pieces) / sizeof(pieces[0]))];

			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		norm_text_with(z, &a, text, len);
		norm_text(&c, text, len);
		CHECK_INT(norm_text_fast(z, &b, text, len), 0);
		if (b.len != a.len || memcmp(a.s, b.s, a.len + 1) != 0 ||
		    c.len != a.len || memcmp(a.s, c.s, a.len + 1) != 0)
			bad++;
		CHECK_INT(norm_map(z, &b, text, len), 0);
		for (i = 0; i <= a.len && b.len == a.len; i++)
			if (a.map[i] != b.map[i] || a.map[i] != c.map[i])
				bad++;
	}
	CHECK_INT(bad, 0);
	/* The map is made only on demand: a fresh norm has none. */
	norm_free(&b);
	CHECK_INT(norm_text_fast(z, &b, "Ａ", 3), 0);
	CHECK(b.map == NULL);
	CHECK_STR(b.s, "a");
	CHECK_INT(norm_map(z, &b, "Ａ", 3), 0);
	CHECK_INT(b.map[0], 0);
	CHECK_INT(b.map[1], 3);
	norm_free(&a);
	norm_free(&b);
	norm_free(&c);
	normalizer_free(z);
}

int
main(void)
{
	test_basic();
	test_map_and_bytes();
	test_table();
	test_fast_and_map();
	return t_done();
}
