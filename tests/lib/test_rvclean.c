/*
 * Reference test of cs-reviewsort's fused cleaner (clean_text() in
 * lib/reviews/reviews.c), which normalises a review and steps the
 * Aho-Corasick automaton in the same pass: its cleaned text and its
 * matches must be what the plain two steps give, norm_text() of
 * lib/text/normalize.h and then matcher_scan() of lib/text/match.h over
 * the lexicon's terms.  Inputs: random strings over ideographs of the
 * terms, traditional and full-width characters, ASCII and punctuation;
 * and the reviews of data/train/reviews-labelled-1.csv.  The cleaner's
 * own extras (emoji and 表情 codes dropped, a run of digits as one '0')
 * are left out of the inputs: the goldens test them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/datafile.h"
#include "reviews/reviews.h"
#include "text/match.h"
#include "text/normalize.h"
#include "t.h"

#define MAXM 4096

struct hitset {
	unsigned long long k[MAXM];	/* term << 40 | start << 20 | end */
	size_t n;
};

static struct lexicon *lx;
static struct classifier *cl;
static struct matcher *ref;
static struct norm nm;
static unsigned long checked, skipped;

static int
note(void *ctx, int term, size_t start, size_t end)
{
	struct hitset *h = ctx;

	if (h->n < MAXM)
		h->k[h->n++] = (unsigned long long)term << 40 |
		    (unsigned long long)start << 20 | end;
	return 0;
}

static int
cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* Compare the fused cleaner with the two plain steps on S[0..N). */
static void
compare(const char *s, size_t n)
{
	static struct hitset got, want;
	const char *clean;
	size_t len;
	int same;

	got.n = want.n = 0;
	CHECK_INT(classifier_clean(cl, s, n, &clean, &len, note, &got), 0);
	CHECK_INT(norm_text(&nm, s, n), 0);
	matcher_scan(ref, nm.s, nm.len, note, &want);
	qsort(got.k, got.n, sizeof(got.k[0]), cmp_ull);
	qsort(want.k, want.n, sizeof(want.k[0]), cmp_ull);
	same = len == nm.len && memcmp(clean, nm.s, len) == 0 &&
	    got.n == want.n && memcmp(got.k, want.k, got.n *
	    sizeof(got.k[0])) == 0;
	if (!same)
		fprintf(stderr, "differs on '%.*s': %zu/%zu bytes, %zu/%zu "
		    "matches\n", (int)n, s, len, nm.len, got.n, want.n);
	CHECK(same);
	checked++;
}

/* Has S[0..N) what only the fused cleaner handles (digits, codes, emoji)? */
static int
has_extras(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((u[i] >= '0' && u[i] <= '9') || u[i] == '[' || u[i] == '/' ||
		    u[i] >= 0xf0)
			return 1;
		if (i + 2 < n && ((u[i] == 0xe2 && u[i + 1] >= 0x98 &&
		    u[i + 1] <= 0x9e) || (u[i] == 0xef && u[i + 1] == 0xb8) ||
		    (u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] == 0x8d) ||
		    (u[i] == 0xef && u[i + 1] == 0xbc && u[i + 2] >= 0x90 &&
		    u[i + 2] <= 0x99)))
			return 1;
	}
	return 0;
}

static int
real_row(void *ctx, struct datafile *df, const struct record *r)
{
	const char *text = datafile_get(df, r, "text");

	(void)ctx;
	if (has_extras(text, strlen(text)))
		skipped++;
	else
		compare(text, strlen(text));
	return 0;
}

static void
test_real(void)
{
	const char *top = getenv("top");
	char path[4096];

	snprintf(path, sizeof(path), "%s/data/train/reviews-labelled-1.csv",
	    top != NULL ? top : ".");
	CHECK_INT(datafile_read(path, NULL, real_row, NULL), 0);
	/* Most rows are compared, not left out. */
	CHECK(checked > 4000);
	CHECK(checked > skipped);
}

/* One case by hand: the two steps agree on what is expected. */
static void
test_known(void)
{
	const char *clean;
	size_t len;
	struct hitset *h = calloc(1, sizeof(*h));

	CHECK(h != NULL);
	CHECK_INT(classifier_clean(cl, "質量ＶＥＲＹ差", strlen("質量ＶＥＲＹ差"),
	    &clean, &len, note, h), 0);
	CHECK_STR(clean, "质量very差");
	CHECK(h->n >= 2);	/* 质量 and 差 at least */
	free(h);
	compare("質量ＶＥＲＹ差", strlen("質量ＶＥＲＹ差"));
}

static void
test_random(void)
{
	static const char *const extra[] = {
		"質", "價", "這", "裡", "實", "貨", "發", "務", "Ａ", "ｂ", "！",
		"　", "，", "。", "A", "b", "Z", " ", ",", ".", "!", "?", "\n",
		"~", "很", "不", "了", "的"
	};
	char buf[512];
	size_t nterms = lexicon_nterms(lx), len, tl, i, j, off, piece;
	const char *t;
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 5000; round++) {
		len = 0;
		for (i = 0; i < 12; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 3 == 0) {
				t = extra[(seed >> 8) % (sizeof(extra) /
				    sizeof(extra[0]))];
				tl = strlen(t);
			} else {
				t = lexicon_term(lx, (seed >> 4) % nterms, &tl);
				/* A whole term or a piece of one. */
				piece = (seed >> 20) % 2;
				if (piece && tl > 3) {
					off = 3 * ((seed >> 24) % (tl / 3));
					t += off;
					tl = 3;
				}
			}
			if (has_extras(t, tl) || len + tl >= sizeof(buf))
				continue;
			memcpy(buf + len, t, tl);
			len += tl;
		}
		for (j = 0; j < len; j++)	/* some upper case */
			if (buf[j] >= 'a' && buf[j] <= 'z' && (seed >> j % 32) % 2)
				buf[j] = (char)(buf[j] - 'a' + 'A');
		compare(buf, len);
	}
}

int
main(void)
{
	size_t i, n, len;
	const char *t;

	lx = lexicon_new();
	CHECK(lx != NULL);
	CHECK_INT(lexicon_load(lx, NULL), 0);
	CHECK_INT(lexicon_build(lx), 0);
	cl = classifier_new(lx);
	ref = matcher_new();
	n = lexicon_nterms(lx);
	CHECK(n > 100);
	for (i = 0; i < n; i++) {
		t = lexicon_term(lx, i, &len);
		CHECK_INT(matcher_add(ref, t, len, (int)i), 0);
	}
	CHECK_INT(matcher_build(ref), 0);
	test_known();
	test_random();
	test_real();
	fprintf(stderr, "%lu reviews compared, %lu left out\n", checked,
	    skipped);
	matcher_free(ref);
	norm_free(&nm);
	classifier_free(cl);
	lexicon_free(lx);
	return t_done();
}
