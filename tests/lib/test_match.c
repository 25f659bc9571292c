/*
 * Unit tests of lib/match.c: known cases, then random patterns and texts
 * checked against a brute-force search, with automata small and large,
 * over few characters and over thousands.
 */

#include <stdlib.h>
#include <string.h>

#include "text/match.h"
#include "t.h"
#include "utf8ref.h"

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

/* Mark in AT[0..LEN] the offsets of TEXT that start or end a unit. */
static void
ref_boundaries(const char *text, size_t len, char *at)
{
	size_t i;

	memset(at, 0, len + 1);
	unsigned long cp;

	for (i = 0; i < len; i += utf8ref_unit((const unsigned char *)text + i,
	    len - i, &cp))
		at[i] = 1;
	at[len] = 1;
}

/*
 * Check HS, the report of a scan of TEXT[0..TL), against brute force:
 * every place where a pattern's bytes occur between two unit boundaries.
 */
static void
check_brute(const struct hits *hs, char pats[][16], const size_t *plen,
    size_t np, const char *text, size_t tl)
{
	char at[4100];
	size_t i, j, want = 0;

	CHECK(tl < sizeof(at));
	ref_boundaries(text, tl, at);
	for (i = 0; i < np; i++)
		for (j = 0; j + plen[i] <= tl; j++)
			if (at[j] && at[j + plen[i]] &&
			    memcmp(text + j, pats[i], plen[i]) == 0) {
				want++;
				CHECK(has(hs, (int)i, j, j + plen[i]));
			}
	CHECK_INT(hs->n, want);
	for (j = 1; j < hs->n && j < MAXHITS; j++)
		CHECK(hs->h[j - 1].end <= hs->h[j].end);
}

/*
 * Random patterns and texts of a few bytes that make characters, bad
 * bytes and cut characters (E4 B8 B8 is one, E4 B8 a are two bad bytes
 * and a letter), against brute force.
 */
static void
test_random(void)
{
	static const char alpha[] = "ab\xe4\xb8";
	char pats[40][16], text[300];
	size_t plen[40], np, i, j, tl;
	struct matcher *m;
	struct hits *hs;
	int round;

	hs = calloc(1, sizeof(*hs));
	srand(12345);
	for (round = 0; round < 400; round++) {
		np = 1 + (size_t)rand() % 40;
		m = matcher_new();
		for (i = 0; i < np; i++) {
			plen[i] = 1 + (size_t)rand() % 6;
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
		check_brute(hs, pats, plen, np, text, tl);
		matcher_free(m);
	}
	free(hs);
}

/* The three bytes of ideograph CP at P. */
static void
put_cjk(char *p, unsigned cp)
{
	p[0] = (char)(0xe0 | cp >> 12);
	p[1] = (char)(0x80 | (cp >> 6 & 0x3f));
	p[2] = (char)(0x80 | (cp & 0x3f));
}

/*
 * Deep states: "x" followed by forty letters gives the state "x" more
 * transitions than a state whose failure state it is may copy, so "yx"
 * and "zyx" defer to it instead; scanning and stepping through them
 * still find every occurrence (against brute force).
 */
static void
test_deep(void)
{
	char pats[48][16], text[600];
	size_t plen[48], np = 0, i, l, tl, n;
	struct matcher *m = matcher_new();
	const struct match_dfa *d;
	struct hits *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	uint32_t v = 0;
	unsigned long unit;
	size_t deep = 0;

	for (i = 0; i < 40; i++) {
		pats[np][0] = 'x';
		pats[np][1] = (char)('0' + i);
		plen[np++] = 2;
	}
	memcpy(pats[np], "yxq", 3), plen[np++] = 3;
	memcpy(pats[np], "zyx", 3), plen[np++] = 3;
	memcpy(pats[np], "zyxw", 4), plen[np++] = 4;
	memcpy(pats[np], "yxyx", 4), plen[np++] = 4;
	for (i = 0; i < np; i++)
		CHECK_INT(matcher_add(m, pats[i], plen[i], (int)i), 0);
	CHECK_INT(matcher_build(m), 0);
	srand(4242);
	for (tl = 0; tl < 500; tl++)
		text[tl] = "xyzqw0123456789"[rand() % 15];
	CHECK_INT(matcher_scan(m, text, tl, collect, a), 0);
	check_brute(a, pats, plen, np, text, tl);
	CHECK(a->n > 15);
	d = matcher_dfa(m);
	for (i = 0; i < tl; i += l) {
		l = utf8ref_unit((const unsigned char *)text + i, tl - i, &unit);
		v = match_next(d, v, match_class(d, (uint32_t)unit));
		deep += (v & 2) != 0;
		if (match_reports(v))
			CHECK_INT(matcher_report(m, v, i + l, collect, b), 0);
	}
	CHECK(deep > 0);	/* the text went through a deep state */
	CHECK_INT(b->n, a->n);
	for (n = 0; n < a->n && n < b->n && n < MAXHITS; n++)
		CHECK(a->h[n].id == b->h[n].id && a->h[n].end == b->h[n].end);
	matcher_free(m);
	free(a);
	free(b);
}

/*
 * Build time and memory are linear in the patterns, whatever they are:
 * one pattern of 100,000 equal letters (a failure chain as long as the
 * pattern), one of 100,000 ideographs, and 20,000 two-character patterns
 * that share their first character, and 20,000 that share their last
 * (a state with 20,000 edges, on the failure chain of 20,000 others).
 * Each once took minutes, or gigabytes; their tables now take a few
 * dozen bytes per character of pattern.
 */
static void
test_linear(void)
{
	enum { LONG = 100000, FAN = 20000 };
	char *p = malloc(3 * LONG), t[16];
	struct matcher *m;
	struct hits hs = { .n = 0 };
	size_t i;

	if (p == NULL) {
		CHECK(0);
		return;
	}
	m = matcher_new();
	memset(p, 'a', LONG);
	CHECK_INT(matcher_add(m, p, LONG, 1), 0);
	CHECK_INT(matcher_build(m), 0);
	CHECK(matcher_size(m) < (size_t)64 * LONG);
	CHECK_INT(matcher_scan(m, p, LONG, collect, &hs), 0);
	CHECK_INT(hs.n, 1);
	matcher_free(m);

	m = matcher_new();
	srand(99);
	for (i = 0; i < LONG; i++)
		put_cjk(p + 3 * i, 0x4e00 + (unsigned)rand() % 20000);
	CHECK_INT(matcher_add(m, p, 3 * LONG, 2), 0);
	CHECK_INT(matcher_build(m), 0);
	CHECK(matcher_size(m) < (size_t)64 * LONG + 8 * 65536);
	hs.n = 0;
	CHECK_INT(matcher_scan(m, p, 3 * LONG, collect, &hs), 0);
	CHECK_INT(hs.n, 1);
	matcher_free(m);

	m = matcher_new();
	for (i = 0; i < FAN; i++) {
		t[0] = 'a';
		put_cjk(t + 1, 0x4e00 + (unsigned)i);
		CHECK_INT(matcher_add(m, t, 4, (int)i), 0);
		put_cjk(t, 0x4e00 + (unsigned)i);
		t[3] = 'a';
		CHECK_INT(matcher_add(m, t, 4, FAN + (int)i), 0);
	}
	CHECK_INT(matcher_build(m), 0);
	CHECK(matcher_size(m) < (size_t)64 * 8 * FAN + 8 * 65536);
	/* C a C, C the last ideograph: patterns 2 FAN - 1 and FAN - 1. */
	put_cjk(t, 0x4e00 + FAN - 1);
	t[3] = 'a';
	put_cjk(t + 4, 0x4e00 + FAN - 1);
	hs.n = 0;
	CHECK_INT(matcher_scan(m, t, 7, collect, &hs), 0);
	CHECK_INT(hs.n, 2);
	CHECK(has(&hs, 2 * FAN - 1, 0, 4));
	CHECK(has(&hs, FAN - 1, 3, 7));
	matcher_free(m);
	free(p);
}

/* Bad bytes are units: a pattern never matches inside a character. */
static void
test_units(void)
{
	static const char *const pats[] = { "\xb8\xad", "\xe4", "中", "\xe4\xb8" };
	struct matcher *m = make(pats, 4);
	struct hits hs = { .n = 0 };
	const char *t = "中\xe4\xb8" "a\xe4";	/* 中, E4, B8, a, E4 */

	CHECK_INT(matcher_scan(m, t, strlen(t), collect, &hs), 0);
	CHECK_INT(hs.n, 4);
	CHECK(has(&hs, 2, 0, 3));
	CHECK(has(&hs, 1, 3, 4));
	CHECK(has(&hs, 3, 3, 5));
	CHECK(has(&hs, 1, 6, 7));
	matcher_free(m);
}

/*
 * Large automata against brute force.  Random patterns over sixteen bytes
 * (bad bytes all, each a unit) share few prefixes longer than three: 6000
 * of 9 or 10 make some 38000 states, whose transitions crowd the packed
 * table.  Then 3000 patterns of one to six characters drawn from 2000
 * ideographs: a large alphabet, as in a lexicon.
 */
static void
test_large(void)
{
	enum { MAXPAT = 6000, TLEN = 4000 };
	char (*pats)[16] = calloc(MAXPAT, 16), text[TLEN + 8];
	size_t plen[MAXPAT], np, i, j, tl, want;
	struct matcher *m;
	struct hits *hs = calloc(1, sizeof(*hs));
	int round;

	if (pats == NULL || hs == NULL) {
		CHECK(0);
		return;
	}
	srand(777);
	for (round = 0; round < 2; round++) {
		np = round == 0 ? 6000 : 3000;
		m = matcher_new();
		for (i = 0; i < np; i++) {
			if (round == 0) {
				plen[i] = 9 + (size_t)rand() % 2;
				for (j = 0; j < plen[i]; j++)
					pats[i][j] = (char)(0xa0 + rand() % 16);
			} else {
				plen[i] = 3 * (1 + (size_t)rand() % 5);
				for (j = 0; j < plen[i]; j += 3) {
					unsigned cp = 0x4e00 + (unsigned)rand() % 2000;

					pats[i][j] = (char)(0xe0 | cp >> 12);
					pats[i][j + 1] = (char)(0x80 | (cp >> 6 & 0x3f));
					pats[i][j + 2] = (char)(0x80 | (cp & 0x3f));
				}
			}
			CHECK_INT(matcher_add(m, pats[i], plen[i], (int)i), 0);
		}
		CHECK_INT(matcher_build(m), 0);
		for (tl = 0; tl + 3 <= TLEN; ) {
			if (rand() % 20 == 0) {	/* plant one */
				size_t p = (size_t)rand() % np;

				if (tl + plen[p] > TLEN)
					break;
				memcpy(text + tl, pats[p], plen[p]);
				tl += plen[p];
			} else if (round == 0)
				text[tl++] = (char)(0xa0 + rand() % 16);
			else {
				size_t p = (size_t)rand() % np;

				memcpy(text + tl, pats[p] +
				    3 * ((size_t)rand() % (plen[p] / 3)), 3);
				tl += 3;
			}
		}
		hs->n = 0;
		CHECK_INT(matcher_scan(m, text, tl, collect, hs), 0);
		want = hs->n;
		CHECK(want >= 40);
		check_brute(hs, pats, plen, np, text, tl);
		matcher_free(m);
	}
	free(pats);
	free(hs);
}

/*
 * Stepping one unit at a time (match_next(), matcher_report()) reports
 * what matcher_scan() does.
 */
static void
test_stepping(void)
{
	static const char *const pats[] = { "物流", "物流太慢", "太慢", "慢",
	    "不", "a" };
	struct matcher *m = make(pats, 6);
	const struct match_dfa *d = matcher_dfa(m);
	struct hits a = { .n = 0 }, b = { .n = 0 };
	const char *t = "质量不错,就是物流太慢了 a\xff慢";
	const unsigned char *u = (const unsigned char *)t;
	size_t i, l, n = strlen(t);
	uint32_t v = 0;
	unsigned long unit;

	CHECK_INT(matcher_scan(m, t, n, collect, &a), 0);
	for (i = 0; i < n; i += l) {
		l = utf8ref_unit(u + i, n - i, &unit);
		v = match_next(d, v, match_class(d, (uint32_t)unit));
		if (match_reports(v))
			CHECK_INT(matcher_report(m, v, i + l, collect, &b), 0);
	}
	CHECK_INT(a.n, 7);
	CHECK_INT(b.n, a.n);
	for (i = 0; i < a.n && i < b.n; i++)
		CHECK(a.h[i].id == b.h[i].id && a.h[i].start == b.h[i].start &&
		    a.h[i].end == b.h[i].end);
	/* A state that reports nothing reports nothing. */
	CHECK_INT(matcher_report(m, 0, 3, collect, &b), 0);
	CHECK_INT(b.n, a.n);
	matcher_free(m);
}

int
main(void)
{
	test_classic();
	test_utf8_and_overlap();
	test_edges();
	test_random();
	test_units();
	test_large();
	test_stepping();
	test_deep();
	test_linear();
	return t_done();
}
