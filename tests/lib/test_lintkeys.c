/*
 * Reference test of cs-lint's key table (lib/lint/lintrules.c): the bit
 * sets, the open-addressing table and the sorted entries that map the keys
 * found in a reply to the rules whose phrases may stand there.  Its answers
 * are compared with plain linear searches written here: every key of the
 * embedded rules and of a generated rule set large enough to make the
 * table grow, random keys, and the candidates of random texts made of
 * pieces of the phrases and random characters.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/diag.h"
#include "io/embed.h"
#include "lint/lintrules.h"
#include "t.h"

/* A small seeded generator (xorshift64), so that a failure can be replayed. */
static uint64_t seed = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint32_t)(seed >> 32) % n;
}

/* Append the UTF-8 of CP to B at *N. */
static void
put_cp(char *b, size_t *n, uint32_t cp)
{
	if (cp < 0x80) {
		b[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		b[(*n)++] = (char)(0xc0 | cp >> 6);
		b[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		b[(*n)++] = (char)(0xe0 | cp >> 12);
		b[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		b[(*n)++] = (char)(0xf0 | cp >> 18);
		b[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* A random character: mostly common ideographs, some ASCII, CJK marks, emoji. */
static uint32_t
rnd_cp(void)
{
	switch (rnd(8)) {
	case 0:
		return 'a' + rnd(26);
	case 1:
		return "0123456789 ,.!?"[rnd(15)];
	case 2:
		return 0x3001 + rnd(0x10);	/* 、。〃 ... */
	case 3:
		return 0x1f600 + rnd(0x40);	/* emoji: 4 bytes */
	default:
		return 0x4e00 + rnd(0x5200);
	}
}

/* The key id of S[0..N) by linear search over RS's keys, or -1. */
static long
ref_key(const struct lint_rules *rs, const char *s, size_t n)
{
	size_t i, kl;
	const char *k;

	for (i = 0; i < lint_rules_nkeys(rs); i++) {
		k = lint_rules_key(rs, i, &kl);
		if (kl == n && memcmp(k, s, n) == 0)
			return (long)i;
	}
	return -1;
}

/* Every key is found as itself; random keys as the linear search says. */
static void
check_keys(const struct lint_rules *rs, int nrandom)
{
	size_t i, kl, n;
	const char *k;
	char b[16];
	long bad = 0;
	int j;

	CHECK(lint_rules_nkeys(rs) > 0);
	for (i = 0; i < lint_rules_nkeys(rs); i++) {
		k = lint_rules_key(rs, i, &kl);
		if (lint_rules_key_find(rs, k, kl) != (long)i)
			bad++;
	}
	CHECK_INT(bad, 0);
	for (j = 0; j < nrandom; j++) {
		n = 0;
		if (rnd(2) && lint_rules_nkeys(rs) > 0) {
			/* A key's first character with another: near misses. */
			k = lint_rules_key(rs, rnd((uint32_t)lint_rules_nkeys(rs)), &kl);
			n = (size_t)(((unsigned char)k[0] >= 0xf0) ? 4 :
			    ((unsigned char)k[0] >= 0xe0) ? 3 :
			    ((unsigned char)k[0] >= 0xc0) ? 2 : 1);
			if (n > kl)
				n = kl;
			memcpy(b, k, n);
		} else
			put_cp(b, &n, rnd_cp());
		if (rnd(3))
			put_cp(b, &n, rnd_cp());
		if (lint_rules_key_find(rs, b, n) != ref_key(rs, b, n))
			bad++;
	}
	CHECK_INT(bad, 0);
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct lint_cand *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->var < y->var ? -1 : x->var > y->var;
}

/* Every first segment of every rule, flat, for the brute-force search. */
struct seg {
	const char *s;		/* the segment */
	size_t len;		/* its length */
	size_t rule, var;	/* whose */
};

static struct seg *
all_segments(const struct lint_rules *rs, size_t *nseg)
{
	struct seg *g = NULL;
	size_t r, v, cap = 0, k = 0;

	for (r = 0; r < lint_rules_count(rs); r++)
		for (v = 0; v < lint_rules_nvariants(rs, r); v++) {
			xgrow(&g, &cap, k + 1, sizeof *g);
			g[k].s = lint_rules_first_segment(rs, r, v, &g[k].len);
			g[k].rule = r;
			g[k].var = v;
			k++;
		}
	*nseg = k;
	return g;
}

/*
 * The candidates of normalised S[0..N) by brute force: every variant of
 * every rule whose first segment stands at a character boundary.
 */
static size_t
ref_cands(const struct seg *g, size_t ng, const char *s, size_t n,
    struct lint_cand **out, size_t *cap)
{
	size_t i, p, k = 0;

	for (p = 0; p < n; p++) {
		if (((unsigned char)s[p] & 0xc0) == 0x80)
			continue;
		for (i = 0; i < ng; i++) {
			if (g[i].s[0] != s[p] || g[i].len > n - p ||
			    memcmp(s + p, g[i].s, g[i].len) != 0)
				continue;
			xgrow(out, cap, k + 1, sizeof **out);
			(*out)[k].rule = g[i].rule;
			(*out)[k].var = g[i].var;
			(*out)[k].start = p;
			k++;
		}
	}
	return k;
}

/* Random text: pieces of first segments, cut or whole, among random characters. */
static size_t
rnd_text(const struct lint_rules *rs, char *b, size_t room)
{
	size_t n = 0, r, sl, cut;
	const char *seg;
	int parts = 1 + (int)rnd(12);

	while (parts-- > 0 && n + 64 < room) {
		r = rnd((uint32_t)lint_rules_count(rs));
		if (rnd(3) == 0 || lint_rules_nvariants(rs, r) == 0) {
			put_cp(b, &n, rnd_cp());
			continue;
		}
		seg = lint_rules_first_segment(rs, r,
		    rnd((uint32_t)lint_rules_nvariants(rs, r)), &sl);
		if (sl + n + 8 >= room)
			break;
		cut = sl;
		/* Sometimes only the start of it, at a character boundary. */
		if (rnd(4) == 0) {
			cut = rnd((uint32_t)sl + 1);
			while (cut > 0 && cut < sl &&
			    ((unsigned char)seg[cut] & 0xc0) == 0x80)
				cut--;
		}
		memcpy(b + n, seg, cut);
		n += cut;
	}
	return n;
}

/* The key pass finds exactly the brute-force candidates, on NTEXTS texts. */
static void
check_candidates(const struct lint_rules *rs, int ntexts)
{
	struct lint_scratch *sc = lint_scratch_new();
	struct lint_cand *want = NULL, *got = NULL;
	const struct lint_cand *c;
	size_t wcap = 0, gcap = 0, nw, nc, nlen, total = 0;
	const char *norm;
	char text[1024];
	long bad = 0;
	int j;
	size_t ng;
	struct seg *g = all_segments(rs, &ng);

	for (j = 0; j < ntexts; j++) {
		size_t n = rnd_text(rs, text, sizeof text);

		if (lint_rules_candidates(rs, sc, text, n, &norm, &nlen, &c,
		    &nc) != 0) {
			bad++;
			break;
		}
		xgrow(&got, &gcap, nc + 1, sizeof *got);
		if (nc > 0)
			memcpy(got, c, nc * sizeof *c);
		nw = ref_cands(g, ng, norm, nlen, &want, &wcap);
		qsort(got, nc, sizeof *got, cmp_cand);
		if (nw > 1)
			qsort(want, nw, sizeof *want, cmp_cand);
		total += nw;
		if (nc != nw || (nw > 0 && memcmp(got, want, nw * sizeof *want) != 0)) {
			if (bad++ == 0)
				printf("text %d '%.*s': %zu candidates, want %zu\n",
				    j, (int)nlen, norm, nc, nw);
		}
	}
	CHECK_INT(bad, 0);
	/* The texts did put phrases in front of the table. */
	CHECK(total > (size_t)ntexts / 2);
	free(want);
	free(got);
	free(g);
	lint_scratch_free(sc);
}

static struct lint_rules *
build(const char *name, const char *text, size_t len)
{
	struct lint_rules *rs = lint_rules_new();

	CHECK(rs != NULL);
	CHECK_INT(lint_rules_parse(rs, name, text, len), 0);
	CHECK_INT(lint_rules_build(rs, 1), 0);
	return rs;
}

/* The embedded rules, every rule built (off-by-default ones too). */
static void
test_embedded(void)
{
	const struct embed *e = embed_find("lint-rules.txt");
	struct lint_rules *rs;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	rs = build("lint-rules.txt", e->data, e->len);
	CHECK_STR(lint_rules_get(rs, 0)->file, "lint-rules.txt");
	check_keys(rs, 20000);
	check_candidates(rs, 1000);
	lint_rules_free(rs);
}

/*
 * 1500 generated rules of two to four random characters (some ASCII,
 * some sharing first characters): more keys than the table's first 1024
 * slots hold at half load, so it grows and rehashes.
 */
static void
test_generated(void)
{
	size_t cap = 1 << 20, n = 0;
	char *t = xmalloc(cap);
	struct lint_rules *rs;
	int i, k, len;

	for (i = 0; i < 1500; i++) {
		n += (size_t)snprintf(t + n, cap - n,
		    "rule g-%d\nreason generated\nphrase ", i);
		len = 2 + (int)rnd(3);
		for (k = 0; k < len; k++) {
			uint32_t cp = rnd_cp();

			/* A pattern's special characters and blanks are left out. */
			if (strchr("()[]|?~<>\\ ,.!", (int)cp) != NULL && cp < 0x80)
				cp = 'x';
			if (k == 0 && i % 5 == 0)
				cp = 0x4e00 + (uint32_t)(i % 7);	/* shared starts */
			put_cp(t, &n, cp);
		}
		n += (size_t)snprintf(t + n, cap - n, "\n\n");
	}
	rs = build("generated.txt", t, n);
	CHECK(lint_rules_nkeys(rs) > 1024);
	check_keys(rs, 20000);
	check_candidates(rs, 500);
	lint_rules_free(rs);
	free(t);
}

int
main(void)
{
	diag_set_progname("test_lintkeys");
	test_embedded();
	test_generated();
	return t_done();
}
