/*
 * Unit tests of lib/match.c: known cases, then random patterns and texts
 * checked against a brute-force search, with automata small and large.
 */

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "t.h"

#define MAXHITS 4096

struct hit {
	int id;			/* pattern id */
	size_t start, end;	/* where */
};

struct hits {
	struct hit h[MAXHITS];	/* the occurrences reported */
	size_t n;		/* how many */
	size_t stop_after;	/* return non-zero after this many (0: never) */
};

static int
collect(void *ctx, int id, size_t start, size_t end)
{
	struct hits *hs = ctx;

	if (hs->n < MAXHITS) {
		hs->h[hs->n].id = id;
		hs->h[hs->n].start = start;
		hs->h[hs->n].end = end;
	}
	hs->n++;
	return hs->stop_after != 0 && hs->n >= hs->stop_after ? 7 : 0;
}

static struct matcher *
make(const char *const *pats, size_t n)
{
	struct matcher *m;
	size_t i;

	m = matcher_new();
	CHECK(m != NULL);
	for (i = 0; i < n; i++)
		CHECK_INT(matcher_add(m, pats[i], strlen(pats[i]), (int)i), 0);
	CHECK_INT(matcher_build(m), 0);
	return m;
}

static int
has(const struct hits *hs, int id, size_t start, size_t end)
{
	size_t i;

	for (i = 0; i < hs->n && i < MAXHITS; i++)
		if (hs->h[i].id == id && hs->h[i].start == start &&
		    hs->h[i].end == end)
			return 1;
	return 0;
}

static void
test_classic(void)
{
	static const char *const pats[] = { "he", "she", "his", "hers" };
	struct matcher *m = make(pats, 4);
	struct hits hs = { .n = 0 };
	const char *t = "ushers";

	CHECK_INT(matcher_scan(m, t, strlen(t), collect, &hs), 0);
	CHECK_INT(hs.n, 3);
	CHECK(has(&hs, 1, 1, 4));	/* she */
	CHECK(has(&hs, 0, 2, 4));	/* he */
	CHECK(has(&hs, 3, 2, 6));	/* hers */
	CHECK(hs.h[2].end == 6);	/* in order of end offset */
	matcher_free(m);
}

static void
test_utf8_and_overlap(void)
{
	static const char *const pats[] = { "物流", "物流太慢", "太慢", "慢" };
	struct matcher *m = make(pats, 4);
	struct hits hs = { .n = 0 };
	const char *t = "质量不错,就是物流太慢了";
	size_t base = strlen("质量不错,就是");

	CHECK_INT(matcher_scan(m, t, strlen(t), collect, &hs), 0);
	CHECK_INT(hs.n, 4);
	CHECK_STR(hs.n == 4 && hs.h[0].id == 0 ? "物流" : "?", "物流");
	CHECK(has(&hs, 0, base, base + 6));
	CHECK(has(&hs, 1, base, base + 12));
	CHECK(has(&hs, 2, base + 6, base + 12));
	CHECK(has(&hs, 3, base + 9, base + 12));
	matcher_free(m);
}

static void
test_edges(void)
{
	static const char *const pats[] = { "aa", "aa", "a" };
	struct matcher *m = make(pats, 3);
	struct matcher *e;
	struct hits hs = { .n = 0 };

	/* Duplicate patterns are both reported; overlaps are all reported. */
	CHECK_INT(matcher_scan(m, "aaa", 3, collect, &hs), 0);
	CHECK_INT(hs.n, 3 + 2 * 2);
	/* A non-zero callback result stops the scan and is returned. */
	hs.n = 0;
	hs.stop_after = 2;
	CHECK_INT(matcher_scan(m, "aaa", 3, collect, &hs), 7);
	CHECK_INT(hs.n, 2);
	/* Empty text, empty pattern, add after build. */
	hs.n = 0;
	hs.stop_after = 0;
	CHECK_INT(matcher_scan(m, "", 0, collect, &hs), 0);
	CHECK_INT(hs.n, 0);
	CHECK_INT(matcher_add(m, "b", 1, 9), -1);
	matcher_free(m);
	e = matcher_new();
	CHECK_INT(matcher_add(e, "", 0, 1), -1);
	CHECK_INT(matcher_build(e), 0);
	CHECK_INT(matcher_scan(e, "abc", 3, collect, &hs), 0);
	CHECK_INT(hs.n, 0);
	/* NUL and high bytes are ordinary bytes. */
	matcher_free(e);
	e = matcher_new();
	CHECK_INT(matcher_add(e, "\0\xff", 2, 4), 0);
	CHECK_INT(matcher_build(e), 0);
	CHECK_INT(matcher_scan(e, "x\0\xff\0", 4, collect, &hs), 0);
	CHECK_INT(hs.n, 1);
	CHECK(has(&hs, 4, 1, 3));
	matcher_free(e);
	matcher_free(NULL);
}

/* Random patterns over a small alphabet, against brute force. */
static void
test_random(void)
{
	static const char alpha[] = "ab\xe4\xb8";
	char pats[40][6], text[300];
	size_t plen[40], np, i, j, tl, want;
	struct matcher *m;
	struct hits *hs;
	int round;

	hs = calloc(1, sizeof(*hs));
	srand(12345);
	for (round = 0; round < 200; round++) {
		np = 1 + (size_t)rand() % 40;
		m = matcher_new();
		for (i = 0; i < np; i++) {
			plen[i] = 1 + (size_t)rand() % 5;
			for (j = 0; j < plen[i]; j++)
				pats[i][j] = alpha[rand() % 4];
			CHECK_INT(matcher_add(m, pats[i], plen[i], (int)i), 0);
		}
		CHECK_INT(matcher_build(m), 0);
		tl = (size_t)rand() % sizeof(text);
		for (j = 0; j < tl; j++)
			text[j] = alpha[rand() % 4];
		hs->n = 0;
		CHECK_INT(matcher_scan(m, text, tl, collect, hs), 0);
		want = 0;
		for (i = 0; i < np; i++)
			for (j = 0; j + plen[i] <= tl; j++)
				if (memcmp(text + j, pats[i], plen[i]) == 0) {
					want++;
					CHECK(has(hs, (int)i, j, j + plen[i]));
				}
		CHECK_INT(hs->n, want);
		for (j = 1; j < hs->n && j < MAXHITS; j++)
			CHECK(hs->h[j - 1].end <= hs->h[j].end);
		matcher_free(m);
	}
	free(hs);
}

/*
 * An automaton of more than 32767 states (matcher.c's 32-bit table), and
 * one of fewer (the 16-bit table), against brute force.  Random patterns
 * over sixteen letters share few prefixes longer than three: 6000 of 9
 * or 10 bytes make some 38000 states; 3000 of at most 10 bytes make fewer
 * than 30001 whatever they are.
 */
static void
test_large(void)
{
	static const size_t counts[] = { 6000, 3000 }, minlen[] = { 9, 7 };
	enum { MAXPAT = 6000, PLEN = 10, TLEN = 4000 };
	char (*pats)[PLEN] = calloc(MAXPAT, PLEN), text[TLEN];
	size_t plen[MAXPAT], np, i, j, want;
	struct matcher *m;
	struct hits *hs = calloc(1, sizeof(*hs));
	int round;

	if (pats == NULL || hs == NULL) {
		CHECK(0);
		return;
	}
	srand(777);
	for (round = 0; round < 2; round++) {
		np = counts[round];
		m = matcher_new();
		for (i = 0; i < np; i++) {
			plen[i] = minlen[round] + (size_t)rand() %
			    (PLEN + 1 - minlen[round]);
			for (j = 0; j < plen[i]; j++)
				pats[i][j] = (char)(0xa0 + rand() % 16);
			CHECK_INT(matcher_add(m, pats[i], plen[i], (int)i), 0);
		}
		CHECK_INT(matcher_build(m), 0);
		for (j = 0; j < TLEN; j++)
			text[j] = (char)(0xa0 + rand() % 16);
		for (i = 0; i < 60; i++) {	/* plant some */
			size_t p = (size_t)rand() % np, at = (size_t)rand() % (TLEN - PLEN);

			memcpy(text + at, pats[p], plen[p]);
		}
		hs->n = 0;
		CHECK_INT(matcher_scan(m, text, TLEN, collect, hs), 0);
		want = 0;
		for (i = 0; i < np; i++)
			for (j = 0; j + plen[i] <= TLEN; j++)
				if (memcmp(text + j, pats[i], plen[i]) == 0) {
					want++;
					CHECK(has(hs, (int)i, j, j + plen[i]));
				}
		CHECK(want >= 40);
		CHECK_INT(hs->n, want);
		matcher_free(m);
	}
	free(pats);
	free(hs);
}

int
main(void)
{
	test_classic();
	test_utf8_and_overlap();
	test_edges();
	test_random();
	test_large();
	return t_done();
}
