/*
 * cs-lint's rules: the rules-file parser, pattern expansion, matching with
 * the shared Aho-Corasick automaton, context exceptions and waivers.
 *
 * A pattern is expanded at load time into its variants: every choice of
 * its alternatives, as a list of literal segments separated by bounded
 * gaps, with optional clause anchors at either end.  The first segment of
 * every variant of every rule goes into one matcher; a hit there is then
 * verified (the other segments, the anchors) and checked against the
 * rule's exceptions, which are searched directly in a small window.  Hits
 * are rare, so the cost of a line is the automaton pass plus a little.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/enc.h"
#include "lint/lintrules.h"
#include "text/match.h"
#include "text/normalize.h"

#define MAX_VARIANTS 4096	/* expansions of one pattern */
#define MAX_GAP 200		/* largest ~N */
#define MAX_DEPTH 16		/* nesting of ( ) */
#define TOO_MANY "too many alternatives (more than 4096 variants)"

/* Internal bytes in expanded patterns (never in parsed text). */
#define X_GAP '\x01'		/* followed by one byte: gap + 1 */
#define X_LEFT '\x03'		/* < */
#define X_RIGHT '\x04'		/* > */

enum scope { SC_BEFORE, SC_AFTER, SC_CLAUSE, SC_SENTENCE, SC_LINE };

struct vseg {
	size_t off;		/* offset in variant.buf */
	size_t len;		/* length in bytes */
	int gap;		/* characters allowed before it (0 for the first) */
};

struct variant {
	char *buf;		/* the segments' bytes, back to back */
	struct vseg *seg;	/* the segments */
	size_t nseg;		/* how many (>= 1) */
	int left;		/* anchored at a clause start */
	int right;		/* anchored at a clause end */
};

struct plist {
	struct variant *v;	/* variants of all patterns of the list */
	size_t n, cap;		/* fill and room */
	size_t maxlen;		/* longest variant in bytes, gaps counted as 4 per character */
};

struct unless {
	enum scope scope;	/* where PATTERN is looked for */
	int dist;		/* before/after: distance in characters */
	int need;		/* "need": the match stands only when it occurs */
	struct plist pl;	/* the exception's variants */
	size_t gi;		/* index among all exceptions (line cache) */
	int bare;		/* some variant is anchors only */
};

/* Exception matcher id -> variant. */
struct xref {
	const struct unless *u;	/* the exception */
	size_t var;		/* variant index in u->pl */
};

/* An occurrence of an exception variant's first segment in the text. */
struct xocc {
	size_t x;		/* xref index */
	size_t start;		/* normalised byte offset */
};

struct test {
	char *text;		/* the sentence */
	long line;		/* where it is in the rules file */
	int want;		/* 1: must match, 0: must not */
};

struct rule {
	struct lint_rule pub;	/* what callers see */
	struct plist phr;	/* phrase variants */
	struct unless *un;	/* exceptions */
	size_t nun;		/* how many */
	struct test *t;		/* test sentences */
	size_t nt;		/* how many */
	int limit_discount;	/* "limit discount" */
};

/*
 * The matcher holds keys: two characters of the first segment of every
 * phrase variant, chosen to be rare in replies (pick_key()), each distinct
 * key once.  Entries are sorted by key, the offset of the key in the
 * first segment (prefix length), the segment's length and its bytes, so a
 * hit costs a binary search per distinct (prefix length, length) pair of
 * its key.
 */
struct kent {
	const char *key;	/* key bytes (in the variant) */
	size_t klen;		/* their length */
	uint64_t pfx;		/* first 8 bytes of pre, big-endian: see pre_cmp() */
	const char *pre;	/* the first segment (prefix, key and the rest) */
	size_t plen;		/* length of the prefix before the key */
	size_t slen;		/* length of the whole first segment */
	size_t rule;		/* rule index */
	size_t var;		/* variant index in the rule's phr */
};

struct lgroup {
	size_t plen;		/* prefix length of the group */
	size_t slen;		/* first-segment length of the group */
	size_t lo, hi;		/* its entries in kent[] */
};

struct kinfo {
	size_t klen;		/* key length */
	size_t g0, g1;		/* its groups in lgroup[] */
};

struct lint_rules {
	struct rule *r;		/* the rules, in order of definition */
	size_t n, cap;		/* fill and room */
	char **files;		/* file names the rules point to */
	size_t nfiles;		/* how many */
	struct normalizer *z;	/* shared normalisation table */
	struct keytab *kt;	/* the keys, by length in characters (1 or 2) */
	struct kent *ke;	/* key entries, sorted */
	size_t nke;		/* how many */
	struct lgroup *lg;	/* prefix-length groups */
	size_t nlg;		/* how many */
	struct kinfo *ki;	/* matcher id -> key */
	size_t nki;		/* how many */
	size_t nunless;		/* exceptions of all rules */
	int disc_tenths;	/* discount authority: at most this (90 = 9折) */
	long disc_from;		/* on orders of this many yuan or more */
	struct matcher *xm;	/* first segments of all exception variants */
	struct xref *xr;	/* xm id -> exception variant */
	size_t nxr;		/* how many */
};

struct cand {
	size_t rule;		/* rule index */
	size_t s, e;		/* normalised byte offsets */
};

struct lint_scratch {
	struct norm n;		/* the normalised text */
	struct cand *c;		/* candidates of the current text */
	size_t nc, capc;	/* fill and room */
	struct lint_hit *h;	/* hits handed out */
	size_t caph;		/* room */
	signed char *lc;	/* per exception: line-scope result, -1 unknown */
	struct xocc *occ;	/* exception occurrences in the text */
	size_t nocc, capocc;	/* fill and room */
	int occ_done;		/* occ holds the current text's occurrences */
	struct lint_cand *tries; /* variants whose key was seen, to verify */
	size_t ntries, captries; /* fill and room */
	size_t caplc;		/* room */
	int all;		/* check mode: ignore enabled */
	const struct lint_rules *rs; /* rules of the current scan */
	const char *text;	/* original text of the current scan */
	size_t len;		/* its length */
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

/*
 * Bytes of the character that lead byte C starts; a byte that starts none
 * is a unit of one (utf8.h), so that a walk always moves on.
 */
static inline size_t
char_len(unsigned char c)
{
	int k = utf8_seqlen(c);

	return k > 0 ? (size_t)k : 1;
}

/*
 * Decode the character at S[I] (I < N); *W gets its length.  ASCII, the
 * blanks and digits between Chinese words, is answered without a call.
 */
static inline uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *w)
{
	const unsigned char *u = (const unsigned char *)s + i;
	uint32_t c;

	if (u[0] < 0x80 && u[0] != 0) {
		*w = 1;
		return u[0];
	}
	*w = (size_t)utf8_decode(u, n - i, &c, NULL);
	return c;
}

/* Start of the character that ends at S[I] (I > 0). */
static size_t
prev_start(const char *s, size_t i)
{
	size_t j = i - 1;

	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xc0) == 0x80)
		j--;
	return j;
}

/* Characters that end a sentence: a gap never crosses them. */
static int
is_sentence_end(uint32_t c)
{
	switch (c) {
	case '!': case '?': case ';': case '\n': case '\r':
	case 0x3002: /* 。 */
	case 0xff01: case 0xff1f: case 0xff1b: /* ！？； (if not normalised) */
	case 0x2026: /* … */
		return 1;
	}
	return 0;
}

/* Characters between clauses: punctuation, blanks, brackets, emoji. */
static int
is_clause_mark(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c >= 0x80);
	if (c >= 0x2000 && c <= 0x206f)	/* general punctuation: “”‘’…— */
		return 1;
	if (c >= 0x3000 && c <= 0x303f)	/* CJK punctuation: 。、「」【】〜 */
		return 1;
	if (c >= 0xfe30 && c <= 0xfe4f)	/* CJK compatibility forms */
		return 1;
	if (c >= 0xff00 && c <= 0xff0f)	/* full-width punctuation */
		return 1;
	if ((c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65))
		return 1;
	if (c == 0x00b7 || c == 0x00a0 || (c >= 0x2190 && c <= 0x2bff) ||
	    c >= 0x1f000)		/* · nbsp arrows symbols emoji */
		return 1;
	return 0;
}

static int
clause_before(const char *s, size_t i)
{
	size_t w;

	return i == 0 || is_clause_mark(cp_at(s, i, prev_start(s, i), &w));
}

static int
clause_after(const char *s, size_t n, size_t i)
{
	size_t w;

	return i >= n || is_clause_mark(cp_at(s, n, i, &w));
}

/* ------------------------------------------------------------------ */
/* Pattern expansion                                                    */

struct slist {
	char **s;		/* expansions */
	size_t *len;		/* their lengths */
	size_t n, cap, capl;	/* fill and room */
};

struct pcur {
	const char *p;		/* next byte of the pattern */
	const char *end;	/* its end */
	const char *err;	/* first error, or NULL */
	int depth;		/* ( ) nesting */
};

static void
slist_free(struct slist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	free(l->len);
	memset(l, 0, sizeof *l);
}

/* Append the string C (N bytes, malloc'd) to L, which takes it over. */
static int
slist_take(struct slist *l, char *c, size_t n)
{
	if (l->n >= MAX_VARIANTS)
		return -1;
	xgrow(&l->s, &l->cap, l->n + 1, sizeof *l->s);
	xgrow(&l->len, &l->capl, l->n + 1, sizeof *l->len);
	l->s[l->n] = c;
	l->len[l->n++] = n;
	return 0;
}

/* Append A[0..NA) followed by B[0..NB) to L as one string. */
static int
slist_add2(struct slist *l, const char *a, size_t na, const char *b, size_t nb)
{
	char *c;

	if (l->n >= MAX_VARIANTS)
		return -1;
	c = xmalloc(na + nb + 1);
	memcpy(c, a, na);
	if (nb > 0)
		memcpy(c + na, b, nb);
	c[na + nb] = '\0';
	if (slist_take(l, c, na + nb) != 0) {
		free(c);
		return -1;
	}
	return 0;
}

static int
slist_add(struct slist *l, const char *s, size_t n)
{
	return slist_add2(l, s, n, "", 0);
}

/* A := A x B (every a followed by every b). */
static int
slist_product(struct slist *a, const struct slist *b, struct pcur *c)
{
	struct slist r;
	size_t i, j;

	memset(&r, 0, sizeof r);
	if (a->n * b->n > MAX_VARIANTS) {
		c->err = TOO_MANY;
		return -1;
	}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (slist_add2(&r, a->s[i], a->len[i], b->s[j], b->len[j]) != 0) {
				slist_free(&r);
				c->err = "too many alternatives";
				return -1;
			}
	slist_free(a);
	*a = r;
	return 0;
}

static int parse_alt(struct pcur *c, struct slist *out);

/* One character (after an optional backslash) as a one-element list. */
static int
parse_char(struct pcur *c, struct slist *out)
{
	size_t k;

	if (*c->p == '\\') {
		c->p++;
		if (c->p >= c->end) {
			c->err = "'\\' at the end";
			return -1;
		}
	}
	k = char_len((unsigned char)*c->p);
	if (c->p + k > c->end)
		k = (size_t)(c->end - c->p);
	if ((unsigned char)*c->p < 0x20) {
		c->err = "control character";
		return -1;
	}
	if (slist_add(out, c->p, k) != 0) {
		c->err = TOO_MANY;
		return -1;
	}
	c->p += k;
	return 0;
}

/* [abc]: one of the characters. */
static int
parse_class(struct pcur *c, struct slist *out)
{
	c->p++;
	while (c->p < c->end && *c->p != ']')
		if (parse_char(c, out) != 0)
			return -1;
	if (c->p >= c->end) {
		c->err = "'[' without ']'";
		return -1;
	}
	c->p++;
	if (out->n == 0) {
		c->err = "empty '[]'";
		return -1;
	}
	return 0;
}

/* ~N: a gap of at most N characters. */
static int
parse_gap(struct pcur *c, struct slist *out)
{
	int n = 0, digits = 0;
	char g[2];

	c->p++;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && n <= MAX_GAP) {
		n = n * 10 + (*c->p++ - '0');
		digits++;
	}
	if (!digits)
		n = 10;
	if (n < 1 || n > MAX_GAP) {
		c->err = "gap '~N' needs 1 <= N <= 200";
		return -1;
	}
	g[0] = X_GAP;
	g[1] = (char)(n + 1);
	if (slist_add(out, g, 2) != 0) {
		c->err = TOO_MANY;
		return -1;
	}
	return 0;
}

static int
parse_item(struct pcur *c, struct slist *out)
{
	char x;

	switch (*c->p) {
	case '(':
		if (++c->depth > MAX_DEPTH) {
			c->err = "'(' nested too deeply";
			return -1;
		}
		c->p++;
		if (parse_alt(c, out) != 0)
			return -1;
		if (c->p >= c->end || *c->p != ')') {
			c->err = "'(' without ')'";
			return -1;
		}
		c->p++;
		c->depth--;
		return 0;
	case '[':
		return parse_class(c, out);
	case '~':
		return parse_gap(c, out);
	case '<':
	case '>':
		x = *c->p++ == '<' ? X_LEFT : X_RIGHT;
		if (slist_add(out, &x, 1) != 0) {
			c->err = TOO_MANY;
			return -1;
		}
		return 0;
	case '?':
		c->err = "'?' after nothing";
		return -1;
	case ']':
		c->err = "']' without '['";
		return -1;
	}
	return parse_char(c, out);
}

/* A sequence of items up to '|', ')' or the end. */
static int
parse_seq(struct pcur *c, struct slist *out)
{
	struct slist item;

	if (slist_add(out, "", 0) != 0) {
		c->err = TOO_MANY;
		return -1;
	}
	while (c->p < c->end && *c->p != '|' && *c->p != ')') {
		memset(&item, 0, sizeof item);
		if (parse_item(c, &item) != 0) {
			slist_free(&item);
			return -1;
		}
		if (c->p < c->end && *c->p == '?') {
			c->p++;
			if (slist_add(&item, "", 0) != 0) {
				slist_free(&item);
				c->err = TOO_MANY;
				return -1;
			}
		}
		if (slist_product(out, &item, c) != 0) {
			slist_free(&item);
			return -1;
		}
		slist_free(&item);
	}
	return 0;
}

static int
parse_alt(struct pcur *c, struct slist *out)
{
	struct slist seq;
	size_t i;

	for (;;) {
		memset(&seq, 0, sizeof seq);
		if (parse_seq(c, &seq) != 0) {
			slist_free(&seq);
			return -1;
		}
		/* The strings move from SEQ to OUT. */
		for (i = 0; i < seq.n; i++)
			if (slist_take(out, seq.s[i], seq.len[i]) != 0) {
				for (; i < seq.n; i++)
					free(seq.s[i]);
				seq.n = 0;
				slist_free(&seq);
				c->err = TOO_MANY;
				return -1;
			}
		seq.n = 0;
		slist_free(&seq);
		if (c->p < c->end && *c->p == '|') {
			c->p++;
			continue;
		}
		return 0;
	}
}

static void
variant_free(struct variant *v)
{
	free(v->buf);
	free(v->seg);
}

static void
plist_free(struct plist *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		variant_free(&pl->v[i]);
	free(pl->v);
	memset(pl, 0, sizeof *pl);
}

/*
 * Turn expansion S[0..N) into a variant: anchors, segments split at gaps,
 * each segment normalised.  Returns 0, or -1 with *ERR set.
 */
static int
make_variant(const struct normalizer *z, const char *s, size_t n,
    struct variant *v, const char **err)
{
	struct norm nm;
	size_t i, start, bl = 0, bcap = 0, scap = 0;
	int gap = 0;

	memset(v, 0, sizeof *v);
	memset(&nm, 0, sizeof nm);
	if (n > 0 && s[0] == X_LEFT) {
		v->left = 1;
		s++;
		n--;
	}
	if (n > 0 && s[n - 1] == X_RIGHT) {
		v->right = 1;
		n--;
	}
	for (start = i = 0; n > 0 && i <= n; i++) {
		if (i < n && s[i] != X_GAP && s[i] != X_LEFT && s[i] != X_RIGHT)
			continue;
		if (i < n && s[i] != X_GAP) {
			*err = "'<' is only allowed at the start and '>' at the end";
			goto fail;
		}
		if (i == start) {
			*err = "a gap '~' needs text on both sides";
			goto fail;
		}
		if (norm_text_fast(z, &nm, s + start, i - start) != 0)
			goto oom;
		xgrow(&v->buf, &bcap, bl + nm.len + 1, 1);
		xgrow(&v->seg, &scap, v->nseg + 1, sizeof *v->seg);
		memcpy(v->buf + bl, nm.s, nm.len);
		v->seg[v->nseg].off = bl;
		v->seg[v->nseg].len = nm.len;
		v->seg[v->nseg].gap = gap;
		v->nseg++;
		bl += nm.len;
		if (i < n) {
			gap = (unsigned char)s[i + 1] - 1;
			i++;
		}
		start = i + 1;
	}
	if (v->nseg == 0 && !v->left && !v->right) {
		*err = "empty pattern";
		goto fail;
	}
	norm_free(&nm);
	return 0;
oom:
	*err = "out of memory";
fail:
	norm_free(&nm);
	variant_free(v);
	memset(v, 0, sizeof *v);
	return -1;
}

/* Expand PAT and append its variants to PL.  0, or -1 with *ERR set. */
static int
compile_pattern(const struct normalizer *z, const char *pat,
    struct plist *pl, const char **err)
{
	struct pcur c;
	struct slist l;
	size_t i;
	int rc = 0;

	memset(&l, 0, sizeof l);
	c.p = pat;
	c.end = pat + strlen(pat);
	c.err = NULL;
	c.depth = 0;
	if (parse_alt(&c, &l) != 0) {
		*err = c.err ? c.err : "bad pattern";
		slist_free(&l);
		return -1;
	}
	if (c.p < c.end) {
		*err = "')' without '('";
		slist_free(&l);
		return -1;
	}
	for (i = 0; i < l.n && rc == 0; i++) {
		xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof *pl->v);
		if (make_variant(z, l.s[i], l.len[i], &pl->v[pl->n], err) == 0) {
			const struct variant *v = &pl->v[pl->n++];
			size_t k, m = 0;

			for (k = 0; k < v->nseg; k++)
				m += v->seg[k].len + 4 * (size_t)v->seg[k].gap;
			if (m > pl->maxlen)
				pl->maxlen = m;
		} else
			rc = -1;
	}
	slist_free(&l);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Matching a variant                                                   */

/*
 * Match segments K.. of V with segment K starting at POS of S (normalised,
 * N bytes), all of it ending at or before LIMIT.  Returns the end offset,
 * or (size_t)-1.
 */
static size_t
match_from(const char *s, size_t n, size_t limit, const struct variant *v,
    size_t k, size_t pos)
{
	const struct vseg *g = &v->seg[k];
	size_t e = pos + g->len, w, p, r;
	int chars;

	if (e > limit || memcmp(s + pos, v->buf + g->off, g->len) != 0)
		return (size_t)-1;
	if (k + 1 == v->nseg)
		return v->right && !clause_after(s, n, e) ? (size_t)-1 : e;
	g = &v->seg[k + 1];
	for (p = e, chars = 0; p < limit && chars <= g->gap; p += w, chars++) {
		uint32_t c;

		/* (The first byte rules out most places without a call.) */
		if (s[p] == v->buf[g->off] &&
		    (r = match_from(s, n, limit, v, k + 1, p)) != (size_t)-1)
			return r;
		c = cp_at(s, n, p, &w);
		if (is_sentence_end(c))
			break;
	}
	return (size_t)-1;
}

/* The end of V matched at POS (within LIMIT), or (size_t)-1. */
static size_t
match_at(const char *s, size_t n, size_t limit, const struct variant *v,
    size_t pos)
{
	if (v->left && !clause_before(s, pos))
		return (size_t)-1;
	if (v->nseg == 0)	/* anchors only: a clause boundary at POS */
		return v->right && !clause_after(s, n, pos) ? (size_t)-1 : pos;
	return match_from(s, n, limit, v, 0, pos);
}

/* xm callback: keep an occurrence of exception variant ID. */
static int
on_xocc(void *ctx, int id, size_t start, size_t end)
{
	struct lint_scratch *sc = ctx;

	(void)end;
	if (sc->nocc == sc->capocc)	/* (no call for most appends) */
		xgrow(&sc->occ, &sc->capocc, sc->nocc + 1, sizeof *sc->occ);
	sc->occ[sc->nocc].x = (size_t)id;
	sc->occ[sc->nocc].start = start;
	sc->nocc++;
	return 0;
}

/*
 * Is there an occurrence of a variant of exception U that starts in
 * [FROM, TO], ends at or before LIMIT and, when MINEND is not (size_t)-1,
 * ends at or after MINEND?  The exceptions' first segments are found in
 * one pass of their own matcher over the text, the first time one is
 * needed (most replies have no candidate match, so they need none).
 */
static int
find_in(struct lint_scratch *sc, const struct unless *u, size_t from,
    size_t to, size_t limit, size_t minend)
{
	const char *s = sc->n.s;
	size_t n = sc->n.len, i, e, at;

	for (i = 0; u->bare && i < u->pl.n; i++) {
		if (u->pl.v[i].nseg > 0)
			continue;
		e = match_at(s, n, limit, &u->pl.v[i], from);
		if (e != (size_t)-1 && (minend == (size_t)-1 || e >= minend))
			return 1;
	}
	if (!sc->occ_done) {
		sc->nocc = 0;
		matcher_scan(sc->rs->xm, s, n, on_xocc, sc);
		sc->occ_done = 1;
	}
	for (i = 0; i < sc->nocc; i++) {
		const struct xref *x = &sc->rs->xr[sc->occ[i].x];

		at = sc->occ[i].start;
		if (x->u != u || at < from || at > to)
			continue;
		e = match_at(s, n, limit, &u->pl.v[x->var], at);
		if (e != (size_t)-1 && (minend == (size_t)-1 || e >= minend))
			return 1;
	}
	return 0;
}

/* Start of the sentence (or clause, when CLAUSE) holding offset I. */
static size_t
unit_start(const char *s, size_t n, size_t i, int clause)
{
	size_t j, w;
	uint32_t c;

	while (i > 0) {
		j = prev_start(s, i);
		c = cp_at(s, n, j, &w);
		if (clause ? is_clause_mark(c) : is_sentence_end(c))
			break;
		i = j;
	}
	return i;
}

/* End of the sentence (or clause) holding offset I. */
static size_t
unit_end(const char *s, size_t n, size_t i, int clause)
{
	size_t w;
	uint32_t c;

	while (i < n) {
		c = cp_at(s, n, i, &w);
		if (clause ? is_clause_mark(c) : is_sentence_end(c))
			break;
		i += w;
	}
	return i;
}

/* Move back N characters from I, not before LO. */
static size_t
back_chars(const char *s, size_t i, size_t lo, int n)
{
	while (n-- > 0 && i > lo)
		i = prev_start(s, i);
	return i;
}

/* Move forward N characters from I, not past HI. */
static size_t
fwd_chars(const char *s, size_t n, size_t i, size_t hi, int k)
{
	size_t w;

	while (k-- > 0 && i < hi) {
		cp_at(s, n, i, &w);
		i += w;
	}
	return i;
}

/* Does exception U apply to the match [MS, ME) of the current text? */
static int
unless_applies(struct lint_scratch *sc, const struct unless *u, size_t ms,
    size_t me)
{
	const char *s = sc->n.s;
	size_t n = sc->n.len, lo, hi, p;

	switch (u->scope) {
	case SC_BEFORE:
		lo = unit_start(s, n, ms, 0);
		/* Occurrences ending in [ms - dist chars, ms]. */
		p = back_chars(s, ms, lo, u->dist);
		if (p > lo + u->pl.maxlen)
			lo = p - u->pl.maxlen;
		return find_in(sc, u, lo, ms, ms, p);
	case SC_AFTER:
		hi = unit_end(s, n, me, 0);
		p = fwd_chars(s, n, me, hi, u->dist);
		return find_in(sc, u, me, p, hi, (size_t)-1);
	case SC_CLAUSE:
	case SC_SENTENCE:
		lo = unit_start(s, n, ms, u->scope == SC_CLAUSE);
		hi = unit_end(s, n, me, u->scope == SC_CLAUSE);
		return find_in(sc, u, lo, hi, hi, (size_t)-1);
	case SC_LINE:
		return find_in(sc, u, 0, n, n, (size_t)-1);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The key table                                                        */

/*
 * Every key is one or two characters, at most 8 bytes, so a key is a
 * 64-bit number.  The scan looks at every character and the pair it
 * starts: a bit set (8 KiB, in cache) rules out almost all of them, a
 * small open-addressing table finds the rest.  This is faster than the
 * shared Aho-Corasick matcher here, whose dense table for hundreds of CJK
 * keys does not fit the cache; the matcher is still used for the
 * exceptions, which are only looked for in replies with a candidate.
 */
#define KT_BITS 16

struct kslot {
	uint64_t key;		/* packed bytes, 0 for an empty slot */
	int id;			/* key id (kinfo index) */
};

struct keytab {
	unsigned char bloom[2][1 << (KT_BITS - 3)]; /* by key length 1, 2 */
	unsigned char lead[1 << (KT_BITS - 3)];	/* first characters of all keys */
	struct kslot *slot;	/* open addressing, power of two */
	size_t mask;		/* slots - 1 */
	size_t n;		/* keys */
};

/* S[0..N) (N <= 8) as a number, byte i in bits 8i..8i+7. */
static inline uint64_t
pack(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | u[n];
	return v;
}

static inline size_t
khash(uint64_t v, int len)
{
	v ^= (uint64_t)len << 62;
	v *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(v >> 24);
}

/* The id of key V (packed, of CHARS characters), or -1. */
static inline int
keytab_find(const struct keytab *t, uint64_t v, int chars)
{
	size_t h, b, i;

	v |= (uint64_t)(chars - 1) << 63;
	h = khash(v, chars);
	b = h & ((1 << KT_BITS) - 1);
	if (!(t->bloom[chars - 1][b >> 3] & (1 << (b & 7))))
		return -1;
	for (i = h; t->slot[i & t->mask].key != 0; i++)
		if (t->slot[i & t->mask].key == v)
			return t->slot[i & t->mask].id;
	return -1;
}

/* Double T's slots (1024 at first), putting the keys back. */
static void
keytab_rehash(struct keytab *t)
{
	struct kslot *old = t->slot;
	size_t ocap = old != NULL ? t->mask + 1 : 0, i, j;

	t->slot = xcalloc(ocap ? 2 * ocap : 1024, sizeof *t->slot);
	t->mask = (ocap ? 2 * ocap : 1024) - 1;
	for (i = 0; i < ocap; i++) {
		if (old[i].key == 0)
			continue;
		j = khash(old[i].key, (int)(old[i].key >> 63) + 1);
		while (t->slot[j & t->mask].key != 0)
			j++;
		t->slot[j & t->mask] = old[i];
	}
	free(old);
}

/* Add key S[0..N) of CHARS characters (1 or 2) as ID, unless it is in T. */
static void
keytab_add(struct keytab *t, const char *s, size_t n, int chars, int id)
{
	uint64_t v = pack(s, n) | (uint64_t)(chars - 1) << 63;
	size_t h, i;

	if (keytab_find(t, pack(s, n), chars) >= 0)
		return;
	if ((t->n + 1) * 2 > t->mask + 1)
		keytab_rehash(t);
	h = khash(v, chars);
	for (i = h; t->slot[i & t->mask].key != 0; i++)
		;
	t->slot[i & t->mask].key = v;
	t->slot[i & t->mask].id = id;
	t->n++;
	h &= (1 << KT_BITS) - 1;
	t->bloom[chars - 1][h >> 3] |= (unsigned char)(1 << (h & 7));
	i = char_len((unsigned char)s[0]);
	h = khash(pack(s, i < n ? i : n), 1) & ((1 << KT_BITS) - 1);
	t->lead[h >> 3] |= (unsigned char)(1 << (h & 7));
}

static void on_hit(struct lint_scratch *sc, int id, size_t ks);

/*
 * The character at U[P] (P < N) as a number, as pack() makes it; returns
 * its length (1 for a byte that starts no UTF-8 sequence, and no more than
 * what is left).  Unrolled: this runs for every character of every reply.
 */
static inline size_t
char_key(const unsigned char *u, size_t n, size_t p, uint64_t *c)
{
	size_t w;

	if (u[p] >= 0xe0 && u[p] <= 0xef && n - p >= 3) {	/* most */
		*c = u[p] | (uint64_t)u[p + 1] << 8 | (uint64_t)u[p + 2] << 16;
		return 3;
	}
	w = char_len(u[p]);

	if (w > n - p)
		w = n - p;
	switch (w) {
	case 3:
		*c = u[p] | (uint64_t)u[p + 1] << 8 | (uint64_t)u[p + 2] << 16;
		break;
	case 1:
		*c = u[p];
		break;
	case 2:
		*c = u[p] | (uint64_t)u[p + 1] << 8;
		break;
	default:
		*c = u[p] | (uint64_t)u[p + 1] << 8 | (uint64_t)u[p + 2] << 16 |
		    (uint64_t)u[p + 3] << 24;
		break;
	}
	return w;
}

/*
 * Report every key in S[0..N) to on_hit().  Most characters start no key:
 * one test of the lead set rules them out, and their pair with the next
 * character is not looked up.
 */
static void
keytab_scan(const struct keytab *t, const char *s, size_t n,
    struct lint_scratch *sc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = 0, w1, w2 = 0, b;
	uint64_t c1, c2 = 0;
	int id, last;

	if (n == 0 || t->n == 0)
		return;
	w1 = char_key(u, n, 0, &c1);
	for (;;) {
		if (!(last = p + w1 >= n))
			w2 = char_key(u, n, p + w1, &c2);
		b = khash(c1, 1) & ((1 << KT_BITS) - 1);
		if (t->lead[b >> 3] & (1 << (b & 7))) {
			if ((id = keytab_find(t, c1, 1)) >= 0)
				on_hit(sc, id, p);
			if (!last && w1 + w2 <= 8 &&
			    (id = keytab_find(t, c1 | c2 << (8 * w1), 2)) >= 0)
				on_hit(sc, id, p);
		}
		if (last)
			break;
		p += w1;
		w1 = w2;
		c1 = c2;
	}
}

/* ------------------------------------------------------------------ */
/* Scanning                                                             */

static void
add_cand(struct lint_scratch *sc, size_t rule, size_t s, size_t e)
{
	if (sc->nc == sc->capc)
		xgrow(&sc->c, &sc->capc, sc->nc + 1, sizeof *sc->c);
	sc->c[sc->nc].rule = rule;
	sc->c[sc->nc].s = s;
	sc->c[sc->nc].e = e;
	sc->nc++;
}

/* The value of a Chinese digit 一..九 at S (3 bytes), or -1. */
static int
cn_digit(const char *s)
{
	static const char *const d[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };
	int i;

	for (i = 0; i < 9; i++)
		if (memcmp(s, d[i], 3) == 0)
			return i + 1;
	return -1;
}

/*
 * The discount named in S[0..N) in tenths of the price (8折 80, 8.5折 and
 * 85折 85, 八五折 85, 半价 50), or -1 when it names none.
 */
static int
discount_tenths(const char *s, size_t n)
{
	int dig[4], nd = 0, dot = 0, k;
	size_t i, e;

	for (i = 0; i + 6 <= n; i++)
		if (memcmp(s + i, "半价", 6) == 0)
			return 50;
	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "折", 3) == 0)
			break;
	if (i + 3 > n)
		return -1;
	/* Digits (ASCII, a '.', or Chinese) right before 折, read backwards. */
	for (e = i; e > 0 && nd < 4;) {
		if (s[e - 1] >= '0' && s[e - 1] <= '9') {
			dig[nd++] = s[e - 1] - '0';
			e--;
		} else if (s[e - 1] == '.' && nd == 1 && !dot) {
			dot = 1;
			e--;
		} else if (e >= 3 && (k = cn_digit(s + e - 3)) > 0) {
			dig[nd++] = k;
			e -= 3;
		} else
			break;
	}
	if (nd == 1)
		return dig[0] * 10;
	if (nd == 2)
		return dig[1] * 10 + dig[0];
	return -1;
}

/* The largest amount before 元 or 块 in S[0..N), or -1. */
static long
max_amount(const char *s, size_t n)
{
	long best = -1, v;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || (i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9'))
			continue;
		for (j = i, v = 0; j < n && s[j] >= '0' && s[j] <= '9'; j++)
			if (v < 100000000)
				v = v * 10 + (s[j] - '0');
		if (j + 3 <= n && (memcmp(s + j, "元", 3) == 0 ||
		    memcmp(s + j, "块", 3) == 0) && v > best)
			best = v;
	}
	return best;
}

/* Does the match S..E of the normalised text exceed the discount authority? */
static int
discount_beyond(const struct lint_scratch *sc, size_t s, size_t e)
{
	int d = discount_tenths(sc->n.s + s, e - s);
	long amt;

	if (d < 0)
		return 0;
	if (d < sc->rs->disc_tenths)
		return 1;
	amt = max_amount(sc->n.s, sc->n.len);
	return amt >= 0 && amt < sc->rs->disc_from;
}

/* Verify variant VAR of rule RULE at START; add it when it stands. */
static void
try_variant(struct lint_scratch *sc, size_t rule, size_t var, size_t start)
{
	const struct rule *r = &sc->rs->r[rule];
	const struct variant *v = &r->phr.v[var];
	const char *s = sc->n.s;
	size_t n = sc->n.len, e, i;

	if (!sc->all && !r->pub.enabled)
		return;
	if ((e = match_at(s, n, n, v, start)) == (size_t)-1)
		return;
	for (i = 0; i < r->nun; i++) {
		const struct unless *u = &r->un[i];
		int yes;

		if (u->scope == SC_LINE && sc->lc[u->gi] >= 0)
			yes = sc->lc[u->gi];
		else
			yes = unless_applies(sc, u, start, e);
		if (u->scope == SC_LINE)
			sc->lc[u->gi] = (signed char)yes;
		if (yes != u->need)
			return;
	}
	if (r->limit_discount && !discount_beyond(sc, start, e))
		return;
	add_cand(sc, rule, start, e);
}

static int
cmp_pre(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : (al > bl) - (al < bl);
}

/* Remember that variant VAR of rule RULE may start at START. */
static void
add_try(struct lint_scratch *sc, size_t rule, size_t var, size_t start)
{
	if (sc->ntries == sc->captries)
		xgrow(&sc->tries, &sc->captries, sc->ntries + 1, sizeof *sc->tries);
	sc->tries[sc->ntries].rule = rule;
	sc->tries[sc->ntries].var = var;
	sc->tries[sc->ntries].start = start;
	sc->ntries++;
}

/*
 * The first bytes (at most 8) of S[0..N) as a number that orders as
 * memcmp() does.
 */
static uint64_t
pre_bytes(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t v = 0;
	size_t i, m = n < 8 ? n : 8;

	for (i = 0; i < m; i++)
		v = v << 8 | u[i];
	return m == 0 ? 0 : v << (8 * (8 - m));
}

/*
 * memcmp(E->pre, SEG, SLEN), PFX being pre_bytes(SEG, SLEN): the first
 * bytes decide almost always, without reading the variant's bytes, which
 * lie all over the heap (a cache miss each in a binary search).
 */
static inline int
pre_cmp(const struct kent *e, const char *seg, uint64_t pfx, size_t slen)
{
	if (e->pfx != pfx)
		return e->pfx < pfx ? -1 : 1;
	return slen <= 8 ? 0 : memcmp(e->pre + 8, seg + 8, slen - 8);
}

/*
 * Key ID starts at KS: remember the variants whose first segment is
 * there, to verify them after the pass.
 */
static void
on_hit(struct lint_scratch *sc, int id, size_t ks)
{
	const struct lint_rules *rs = sc->rs;
	const struct kinfo *k;
	const char *s = sc->n.s, *seg;
	size_t n = sc->n.len, g, lo, hi, mid, start;
	uint64_t pfx;

	k = &rs->ki[id];
	for (g = k->g0; g < k->g1; g++) {
		const struct lgroup *lg = &rs->lg[g];

		if (lg->plen > ks || ks - lg->plen + lg->slen > n)
			continue;
		start = ks - lg->plen;
		seg = s + start;
		pfx = pre_bytes(seg, lg->slen);
		lo = lg->lo;
		hi = lg->hi;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (pre_cmp(&rs->ke[mid], seg, pfx, lg->slen) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < lg->hi &&
		    pre_cmp(&rs->ke[lo], seg, pfx, lg->slen) == 0; lo++)
			if (sc->all || rs->r[rs->ke[lo].rule].pub.enabled)
				add_try(sc, rs->ke[lo].rule, rs->ke[lo].var, start);
	}
}

static int
cmp_rule_pos(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->e > y->e ? -1 : x->e < y->e;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct lint_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Does TEXT carry a waiver at all?  Cheap test before lint_waived(). */
static int
has_waiver(const char *text, size_t len)
{
	return len >= 8 && memmem(text, len, "cs-lint:", 8) != NULL;
}

/*
 * Normalise TEXT into SC and find its keys: SC's tries are then the
 * variants to verify.  0, or -1 when out of memory.
 */
static int
key_pass(const struct lint_rules *rs, struct lint_scratch *sc,
    const char *text, size_t len)
{
	sc->rs = rs;
	/* Most replies have no key at all: the offset map waits for a match. */
	if (norm_text_fast(rs->z, &sc->n, text, len) != 0)
		return -1;
	sc->ntries = 0;
	keytab_scan(rs->kt, sc->n.s, sc->n.len, sc);
	return 0;
}

static int
scan(const struct lint_rules *rs, struct lint_scratch *sc, const char *text,
    size_t len, const struct lint_hit **hits, size_t *nhits)
{
	size_t i, k = 0, lastrule = (size_t)-1, lastend = 0;
	int waiver;

	*hits = NULL;
	*nhits = 0;
	sc->nc = 0;
	if (key_pass(rs, sc, text, len) != 0)
		return -1;
	if (sc->ntries == 0)
		return 0;
	xgrow(&sc->lc, &sc->caplc, rs->nunless + 1, 1);
	memset(sc->lc, -1, rs->nunless + 1);
	sc->nocc = 0;
	sc->occ_done = 0;
	for (i = 0; i < sc->ntries; i++)
		try_variant(sc, sc->tries[i].rule, sc->tries[i].var,
		    sc->tries[i].start);
	if (sc->nc == 0)
		return 0;
	if (norm_map(rs->z, &sc->n, text, len) != 0)
		return -1;
	if (sc->nc > 1)
		qsort(sc->c, sc->nc, sizeof *sc->c, cmp_rule_pos);
	xgrow(&sc->h, &sc->caph, sc->nc + 1, sizeof *sc->h);
	waiver = has_waiver(text, len);
	for (i = 0; i < sc->nc; i++) {
		const struct cand *c = &sc->c[i];

		if (c->rule == lastrule && c->s < lastend)
			continue;
		lastrule = c->rule;
		lastend = c->e;
		if (waiver && lint_waived(&rs->r[c->rule].pub, text, len))
			continue;
		sc->h[k].rule = c->rule;
		sc->h[k].start = sc->n.map[c->s];
		sc->h[k].end = sc->n.map[c->e];
		k++;
	}
	if (k > 1)
		qsort(sc->h, k, sizeof *sc->h, cmp_hit);
	*hits = sc->h;
	*nhits = k;
	return 0;
}

int
lint_scan(const struct lint_rules *rs, struct lint_scratch *sc,
    const char *text, size_t len, const struct lint_hit **hits, size_t *nhits)
{
	sc->all = 0;
	return scan(rs, sc, text, len, hits, nhits);
}

/* Is S[0..N) (a waiver token) the id or family of R, or "all"? */
static int
names_rule(const struct lint_rule *r, const char *s, size_t n)
{
	return (n == 3 && memcmp(s, "all", 3) == 0) ||
	    (strlen(r->id) == n && memcmp(s, r->id, n) == 0) ||
	    (strlen(r->family) == n && memcmp(s, r->family, n) == 0);
}

static int
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_' || (c >= 'A' && c <= 'Z');
}

int
lint_waived(const struct lint_rule *r, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q;

	while ((q = memmem(p, (size_t)(end - p), "cs-lint:", 8)) != NULL) {
		p = q + 8;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) < 8 || memcmp(p, "disable=", 8) != 0)
			continue;
		p += 8;
		for (;;) {
			q = p;
			while (p < end && is_id_char(*p))
				p++;
			if (p > q && names_rule(r, q, (size_t)(p - q)))
				return 1;
			if (p >= end || *p != ',')
				break;
			p++;
		}
	}
	return 0;
}

struct lint_scratch *
lint_scratch_new(void)
{
	return xcalloc(1, sizeof(struct lint_scratch));
}

void
lint_scratch_free(struct lint_scratch *sc)
{
	if (sc == NULL)
		return;
	norm_free(&sc->n);
	free(sc->lc);
	free(sc->occ);
	free(sc->tries);
	free(sc->c);
	free(sc->h);
	free(sc);
}

/* ------------------------------------------------------------------ */
/* The rules file                                                       */

struct parser {
	struct lint_rules *rs;	/* destination */
	const char *file;	/* name in messages (owned by rs) */
	long line;		/* current line */
	struct rule *cur;	/* rule being defined, or NULL */
	size_t curidx;		/* its index */
	size_t first_new;	/* rules at or after this index came from this file */
	int errors;		/* errors so far */
	int skip;		/* the current "rule" line was bad: skip its keys */
	int phrases;		/* "phrase" lines of the current rule */
	unsigned seen;		/* single-valued keys seen in the current rule */
	int started;		/* a "rule" line has been seen in this file */
	int stop;		/* give up reading the file */
	char quote[4][DATAFILE_QUOTE_MAX * 4 + 8]; /* q()'s buffers */
	unsigned nquote;	/* the next one to use */
};

enum {
	SEEN_FAMILY = 1, SEEN_KIND = 2, SEEN_SEVERITY = 4, SEEN_DEFAULT = 8,
	SEEN_REASON = 16, SEEN_SUGGEST = 32
};

static void
perr(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_vwarnx_at(ps->file, ps->line, fmt, ap);
	va_end(ap);
	ps->errors++;
}

/*
 * S as a message quotes it: at most DATAFILE_QUOTE_MAX characters (a
 * rules file named by mistake is not printed).  Lives until the fourth
 * call after.
 */
static const char *
q(struct parser *ps, const char *s)
{
	char *b = ps->quote[ps->nquote++ % 4];

	return diag_excerpt(b, sizeof ps->quote[0], s, strlen(s), 0, 0,
	    DATAFILE_QUOTE_MAX);
}

static void
rule_clear(struct rule *r)
{
	size_t i;

	free(r->pub.id);
	free(r->pub.family);
	free(r->pub.reason);
	free(r->pub.suggest);
	plist_free(&r->phr);
	for (i = 0; i < r->nun; i++)
		plist_free(&r->un[i].pl);
	free(r->un);
	for (i = 0; i < r->nt; i++)
		free(r->t[i].text);
	free(r->t);
	memset(r, 0, sizeof *r);
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/* Check the rule being closed; drop it when it is unusable. */
static void
end_rule(struct parser *ps)
{
	struct rule *r = ps->cur;

	if (r == NULL)
		return;
	ps->cur = NULL;
	if (r->pub.reason == NULL)
		cs_warnx_at(ps->file, r->pub.line, "rule '%s' has no 'reason'",
		    q(ps, r->pub.id)), ps->errors++;
	if (r->pub.kind == LINT_PHRASE && r->phr.n == 0 && ps->phrases == 0)
		cs_warnx_at(ps->file, r->pub.line, "rule '%s' has no 'phrase'",
		    q(ps, r->pub.id)), ps->errors++;
	if (r->pub.kind == LINT_CONVERSATION && (r->phr.n > 0 || r->nt > 0))
		cs_warnx_at(ps->file, r->pub.line, "conversation rule '%s' "
		    "cannot have phrases or test sentences", q(ps, r->pub.id)), ps->errors++;
	if (r->pub.family == NULL)
		r->pub.family = xstrdup(r->pub.id);
}

static int
start_rule(struct parser *ps, const char *id)
{
	struct lint_rules *rs = ps->rs;
	long at;

	end_rule(ps);
	ps->skip = 1;
	if (!valid_id(id)) {
		perr(ps, "bad rule id '%s' (use a-z, 0-9 and '-')", q(ps, id));
		return 0;
	}
	at = lint_rules_find(rs, id);
	if (at >= 0 && (size_t)at >= ps->first_new) {
		perr(ps, "duplicate rule '%s' (first at line %ld)", q(ps, id),
		    rs->r[at].pub.line);
		return 0;
	}
	if (at >= 0) {
		rule_clear(&rs->r[at]);
	} else {
		xgrow(&rs->r, &rs->cap, rs->n + 1, sizeof *rs->r);
		at = (long)rs->n++;
		memset(&rs->r[at], 0, sizeof rs->r[at]);
	}
	ps->skip = 0;
	ps->phrases = 0;
	ps->cur = &rs->r[at];
	ps->curidx = (size_t)at;
	ps->seen = 0;
	ps->cur->pub.enabled = 1;
	ps->cur->pub.file = ps->file;
	ps->cur->pub.line = ps->line;
	ps->cur->pub.id = xstrdup(id);
	return 0;
}

static int
once(struct parser *ps, unsigned bit, const char *key)
{
	if (ps->seen & bit) {
		perr(ps, "'%s' given twice for rule '%s'", key, q(ps, ps->cur->pub.id));
		return 0;
	}
	ps->seen |= bit;
	return 1;
}

static int
set_str(struct parser *ps, char **dst, unsigned bit, const char *key,
    const char *val)
{
	if (!once(ps, bit, key))
		return 0;
	*dst = xstrdup(val);
	return 0;
}

static int
add_test(struct parser *ps, const char *val, int want)
{
	struct rule *r = ps->cur;

	r->t = xreallocarray(r->t, r->nt + 1, sizeof *r->t);
	r->t[r->nt].text = xstrdup(val);
	r->t[r->nt].line = ps->line;
	r->t[r->nt].want = want;
	r->nt++;
	return 0;
}

static int
add_phrase(struct parser *ps, const char *val)
{
	const char *err = NULL;

	struct plist *pl = &ps->cur->phr;
	size_t before = pl->n, i;

	if (compile_pattern(ps->rs->z, val, pl, &err) != 0) {
		if (strcmp(err, "out of memory") == 0)
			return -1;
		perr(ps, "bad pattern '%s': %s", q(ps, val), err);
		return 0;
	}
	for (i = before; i < pl->n; i++)
		if (pl->v[i].nseg == 0) {
			perr(ps, "bad pattern '%s': a phrase needs text", q(ps, val));
			while (pl->n > before)
				variant_free(&pl->v[--pl->n]);
			break;
		}
	return 0;
}

/* "unless SCOPE[:N] PATTERN", or "need ..." when NEED. */
static int
add_unless(struct parser *ps, const char *val, int need)
{
	static const char *const names[] = { "before", "after", "clause",
	    "sentence", "line" };
	struct rule *r = ps->cur;
	struct unless u;
	const char *sp = val + strcspn(val, " \t:"), *pat, *err = NULL;
	size_t i, kl = (size_t)(sp - val);
	long dist = 0;
	char *end;

	memset(&u, 0, sizeof u);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == kl && memcmp(val, names[i], kl) == 0)
			break;
	if (i == sizeof names / sizeof names[0]) {
		perr(ps, "unless: unknown scope '%.*s' (before, after, clause, "
		    "sentence, line)", (int)(kl < DATAFILE_QUOTE_MAX ? kl :
		    DATAFILE_QUOTE_MAX), val);
		return 0;
	}
	u.scope = (enum scope)i;
	if (*sp == ':') {
		dist = strtol(sp + 1, &end, 10);
		if (end == sp + 1 || dist < 0 || dist > MAX_GAP ||
		    (u.scope != SC_BEFORE && u.scope != SC_AFTER)) {
			perr(ps, "unless: bad distance in '%s'", q(ps, val));
			return 0;
		}
		sp = end;
	}
	u.dist = (int)dist;
	u.need = need;
	pat = sp + strspn(sp, " \t");
	if (*pat == '\0') {
		perr(ps, "unless: no pattern after the scope");
		return 0;
	}
	if (compile_pattern(ps->rs->z, pat, &u.pl, &err) != 0) {
		plist_free(&u.pl);
		if (strcmp(err, "out of memory") == 0)
			return -1;
		perr(ps, "bad pattern '%s': %s", q(ps, pat), err);
		return 0;
	}
	r->un = xreallocarray(r->un, r->nun + 1, sizeof *r->un);
	r->un[r->nun++] = u;
	return 0;
}

static int
set_enum(struct parser *ps, unsigned bit, const char *key, const char *val,
    const char *a, const char *b, int *dst)
{
	if (!once(ps, bit, key))
		return 0;
	if (strcmp(val, a) == 0)
		*dst = 0;
	else if (strcmp(val, b) == 0)
		*dst = 1;
	else
		perr(ps, "%s: expected '%s' or '%s', got '%s'", key, a, b, q(ps, val));
	return 0;
}

/* One "KEY VALUE" line of the current rule.  0, or -1 when out of memory. */
static int
rule_key(struct parser *ps, const char *key, const char *val)
{
	struct rule *r = ps->cur;
	int x;

	if (strcmp(key, "phrase") == 0) {
		ps->phrases++;
		return add_phrase(ps, val);
	}
	if (strcmp(key, "unless") == 0 || strcmp(key, "need") == 0)
		return add_unless(ps, val, key[0] == 'n');
	if (strcmp(key, "match") == 0 || strcmp(key, "nomatch") == 0)
		return add_test(ps, val, key[0] == 'm');
	if (strcmp(key, "reason") == 0)
		return set_str(ps, &r->pub.reason, SEEN_REASON, key, val);
	if (strcmp(key, "suggest") == 0)
		return set_str(ps, &r->pub.suggest, SEEN_SUGGEST, key, val);
	if (strcmp(key, "family") == 0) {
		if (!valid_id(val)) {
			perr(ps, "bad family '%s' (use a-z, 0-9 and '-')", q(ps, val));
			return 0;
		}
		return set_str(ps, &r->pub.family, SEEN_FAMILY, key, val);
	}
	if (strcmp(key, "severity") == 0) {
		x = r->pub.severity == LINT_ERROR;
		set_enum(ps, SEEN_SEVERITY, key, val, "warning", "error", &x);
		r->pub.severity = x ? LINT_ERROR : LINT_WARNING;
		return 0;
	}
	if (strcmp(key, "kind") == 0) {
		x = r->pub.kind == LINT_CONVERSATION;
		set_enum(ps, SEEN_KIND, key, val, "phrase", "conversation", &x);
		r->pub.kind = x ? LINT_CONVERSATION : LINT_PHRASE;
		return 0;
	}
	if (strcmp(key, "limit") == 0) {
		if (strcmp(val, "discount") != 0)
			perr(ps, "limit: expected 'discount', got '%s'", q(ps, val));
		else
			r->limit_discount = 1;
		return 0;
	}
	if (strcmp(key, "default") == 0) {
		x = r->pub.enabled;
		set_enum(ps, SEEN_DEFAULT, key, val, "off", "on", &x);
		r->pub.enabled = x;
		return 0;
	}
	perr(ps, "unknown key '%s'", q(ps, key));
	return 0;
}

/* Is KEY a word a rules file uses? */
static int
known_key(const char *key)
{
	static const char *const keys[] = { "rule", "phrase", "unless", "need",
	    "match", "nomatch", "reason", "suggest", "family", "severity",
	    "kind", "default", "limit" };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* One line (NUL-terminated, no newline).  0, or -1 when out of memory. */
static int
parse_line(struct parser *ps, char *s)
{
	char *key, *val, *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	if (*s == '\0' || *s == '#')
		return 0;
	key = s;
	val = s + strcspn(s, " \t");
	if (*val != '\0') {
		*val++ = '\0';
		val += strspn(val, " \t");
	}
	if (!ps->started && !known_key(key)) {
		perr(ps, "not a rules file: expected 'rule ID' first");
		ps->stop = 1;
		return 0;
	}
	if (*val == '\0') {
		perr(ps, "'%s' needs a value", q(ps, key));
		return 0;
	}
	if (strcmp(key, "rule") == 0) {
		ps->started = 1;
		return start_rule(ps, val);
	}
	if (ps->cur == NULL) {
		if (!ps->skip)
			perr(ps, "'%s' outside a rule (start one with 'rule ID')",
			    q(ps, key));
		return 0;
	}
	return rule_key(ps, key, val);
}

/* Keep a copy of FILE for the rules to point to. */
static const char *
keep_name(struct lint_rules *rs, const char *file)
{
	rs->files = xreallocarray(rs->files, rs->nfiles + 1, sizeof *rs->files);
	rs->files[rs->nfiles] = xstrdup(file);
	return rs->files[rs->nfiles++];
}

/* Reading stops at P (of a text that ends at END): say which lines are left. */
static void
give_up_rest(struct parser *ps, const char *p, const char *end)
{
	long left = 0;

	for (; p < end; p++)
		if (*p == '\n' || p + 1 == end)
			left++;
	ps->cur = NULL;		/* the file is given up: no checks of its last rule */
	if (left == 1)
		cs_warnx_at(ps->file, ps->line, "stopped; line %ld not read",
		    ps->line + 1);
	else if (left > 1)
		cs_warnx_at(ps->file, ps->line, "stopped; lines %ld-%ld not read",
		    ps->line + 1, ps->line + left);
}

int
lint_rules_parse(struct lint_rules *rs, const char *file, const char *text,
    size_t len)
{
	struct parser ps;
	const char *p = text, *end = text + len, *nl;
	char *line = NULL;
	size_t cap = 0;

	memset(&ps, 0, sizeof ps);
	ps.rs = rs;
	ps.first_new = rs->n;
	ps.file = keep_name(rs, file);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		size_t n;

		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		ps.line++;
		if (n <= DATAFILE_LINE_MAX) {
			xgrow(&line, &cap, n + 1, 1);
			memcpy(line, p, n);
			line[n] = '\0';
		}
		if (n > DATAFILE_LINE_MAX) {
			perr(&ps, "line longer than %zu bytes (the limit of a line "
			    "of a rules file)", DATAFILE_LINE_MAX);
			ps.stop = 1;
		} else if (memchr(line, '\0', n) != NULL || !enc_utf8_valid(line, n, &n))
			perr(&ps, "not UTF-8 text");
		else if (parse_line(&ps, line) != 0)
			cs_errx(CS_FATAL, "out of memory");
		p = nl ? nl + 1 : end;
		if (!ps.stop && ps.errors >= DATAFILE_MAX_ERRORS) {
			cs_warnx_at(ps.file, ps.line, "too many errors");
			ps.stop = 1;
		}
		if (ps.stop) {
			give_up_rest(&ps, p, end);
			free(line);
			return -1;
		}
	}
	ps.line++;
	end_rule(&ps);
	free(line);
	return ps.errors ? -1 : 0;
}

int
lint_rules_load(struct lint_rules *rs, const char *path)
{
	static const struct datafile_kind kind = {
		"rules file", NULL, DATAFILE_MAX_RULES, NULL
	};
	char *buf;
	size_t len;
	int rc;

	if ((buf = datafile_slurp(path, &kind, &len)) == NULL)
		return -1;
	rc = lint_rules_parse(rs, path, buf, len);
	free(buf);
	return rc;
}

struct lint_rules *
lint_rules_new(void)
{
	struct lint_rules *rs = xcalloc(1, sizeof *rs);

	if ((rs->z = normalizer_new()) == NULL) {
		free(rs);
		return NULL;
	}
	rs->disc_tenths = 90;
	rs->disc_from = 300;
	return rs;
}

void
lint_rules_set_discount(struct lint_rules *rs, int tenths, long from)
{
	rs->disc_tenths = tenths;
	rs->disc_from = from;
}

static int
cmp_kent(const void *a, const void *b)
{
	const struct kent *x = a, *y = b;
	int c = cmp_pre(x->key, x->klen, y->key, y->klen);

	if (c != 0)
		return c;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	if (x->slen != y->slen)
		return x->slen < y->slen ? -1 : 1;
	return memcmp(x->pre, y->pre, x->slen);
}

/*
 * The characters every reply has: particles, pronouns, the words of the
 * trade.  Turned into a bit set over the BMP once per build (the rules
 * expand to some 100000 characters to weigh).
 */
static const char common_chars[] = "的了呢哦哈啊吗呀啦吧嘛哟您你我们这那边个是在有"
    "亲就也都不一下好可以要会能说给帮为小妹子订单号商品查询提供问题联系修改"
    "什么麻烦请看到时间信息地址快递物流售后申请处理发货";

struct common {
	unsigned char bit[0x10000 / 8];	/* by code point */
};

static void
common_init(struct common *cm)
{
	size_t i, w, n = sizeof(common_chars) - 1;
	uint32_t c;

	memset(cm, 0, sizeof *cm);
	for (i = 0; i < n; i += w)
		if ((c = cp_at(common_chars, n, i, &w)) < 0x10000)
			cm->bit[c >> 3] |= (unsigned char)(1 << (c & 7));
}

/*
 * How common character C is in replies: the key of a variant avoids
 * particles, pronouns and punctuation, so that the matcher reports few
 * hits that come to nothing.
 */
static int
char_cost(const struct common *cm, uint32_t c)
{
	if (c == ' ' || c == '\t')
		return 3;
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ? 2 : 1;
	if (is_clause_mark(c))
		return 1;
	if (c >= 0x800 && c < 0x10000 && (cm->bit[c >> 3] & (1 << (c & 7))))
		return 2;
	return 0;
}

/*
 * The key of first segment F[0..FL): the two-character window (or the
 * whole segment when shorter) made of the least common characters; the
 * last such window on a tie.  *KS and *KE get its offsets.
 */
static void
pick_key(const struct common *cm, const char *f, size_t fl, size_t *ks,
    size_t *ke)
{
	size_t p = 0, w1, w2, q;
	int best = 100, cost;
	uint32_t a, b;

	*ks = 0;
	*ke = fl;
	while (p < fl) {
		a = cp_at(f, fl, p, &w1);
		if (p + w1 >= fl) {
			if (p == 0)
				return;
			break;
		}
		b = cp_at(f, fl, p + w1, &w2);
		cost = char_cost(cm, a) + char_cost(cm, b);
		if (cost <= best) {
			best = cost;
			*ks = p;
			*ke = p + w1 + w2;
		}
		q = p + w1;
		p = q;
	}
}

/* Add the key entry of variant J of rule I. */
static int
add_kent(struct lint_rules *rs, const struct common *cm, size_t *cap,
    size_t i, size_t j)
{
	const struct variant *v = &rs->r[i].phr.v[j];
	const char *f = v->buf + v->seg[0].off;
	size_t fl = v->seg[0].len, ks, ke;
	struct kent *e;

	pick_key(cm, f, fl, &ks, &ke);
	xgrow(&rs->ke, cap, rs->nke + 1, sizeof *rs->ke);
	e = &rs->ke[rs->nke++];
	e->key = f + ks;
	e->klen = ke - ks;
	e->pre = f;
	e->pfx = pre_bytes(f, fl);
	e->plen = ks;
	e->slen = fl;
	e->rule = i;
	e->var = j;
	return 0;
}

/* Group the sorted entries by key and prefix length; feed the keys. */
static int
group_keys(struct lint_rules *rs)
{
	size_t i, capg = 0, capk = 0;
	const struct kent *e, *p;

	for (i = 0; i < rs->nke; i++) {
		e = &rs->ke[i];
		p = i > 0 ? &rs->ke[i - 1] : NULL;
		if (p == NULL || cmp_pre(p->key, p->klen, e->key, e->klen) != 0) {
			xgrow(&rs->ki, &capk, rs->nki + 1, sizeof *rs->ki);
			keytab_add(rs->kt, e->key, e->klen,
			    utf8_count(e->key, e->klen) > 1 ? 2 : 1, (int)rs->nki);
			rs->ki[rs->nki].klen = e->klen;
			rs->ki[rs->nki].g0 = rs->ki[rs->nki].g1 = rs->nlg;
			rs->nki++;
			p = NULL;
		}
		if (p == NULL || p->plen != e->plen || p->slen != e->slen) {
			xgrow(&rs->lg, &capg, rs->nlg + 1, sizeof *rs->lg);
			rs->lg[rs->nlg].plen = e->plen;
			rs->lg[rs->nlg].slen = e->slen;
			rs->lg[rs->nlg].lo = i;
			rs->nlg++;
			rs->ki[rs->nki - 1].g1 = rs->nlg;
		}
		rs->lg[rs->nlg - 1].hi = i + 1;
	}
	return 0;
}

/* Number exception U and list its variants for rs->xm. */
static int
add_unless_keys(struct lint_rules *rs, struct unless *u, size_t *cap)
{
	size_t k;

	u->gi = rs->nunless++;
	for (k = 0; k < u->pl.n; k++) {
		const struct variant *v = &u->pl.v[k];

		if (v->nseg == 0) {
			u->bare = 1;
			continue;
		}
		xgrow(&rs->xr, cap, rs->nxr + 1, sizeof *rs->xr);
		rs->xr[rs->nxr].u = u;
		rs->xr[rs->nxr].var = k;
		rs->nxr++;
	}
	return 0;
}

int
lint_rules_build(struct lint_rules *rs, int all)
{
	size_t i, j, cap = 0, xcap = 0;
	struct common cm;

	rs->kt = xcalloc(1, sizeof *rs->kt);
	if ((rs->xm = matcher_new()) == NULL)
		return -1;
	common_init(&cm);
	for (i = 0; i < rs->n; i++) {
		struct rule *r = &rs->r[i];

		for (j = 0; j < r->nun; j++)
			if (add_unless_keys(rs, &r->un[j], &xcap) != 0)
				return -1;
		if (r->pub.kind != LINT_PHRASE || (!all && !r->pub.enabled))
			continue;
		for (j = 0; j < r->phr.n; j++)
			if (add_kent(rs, &cm, &cap, i, j) != 0)
				return -1;
	}
	if (rs->nke > 1)
		qsort(rs->ke, rs->nke, sizeof *rs->ke, cmp_kent);
	if (group_keys(rs) != 0)
		return -1;
	for (i = 0; i < rs->nxr; i++) {
		const struct variant *v = &rs->xr[i].u->pl.v[rs->xr[i].var];

		if (matcher_add(rs->xm, v->buf + v->seg[0].off, v->seg[0].len,
		    (int)i) != 0)
			return -1;
	}
	return matcher_build(rs->xm);
}

const struct normalizer *
lint_rules_normalizer(const struct lint_rules *rs)
{
	return rs->z;
}

size_t
lint_rules_count(const struct lint_rules *rs)
{
	return rs->n;
}

struct lint_rule *
lint_rules_get(struct lint_rules *rs, size_t i)
{
	return &rs->r[i].pub;
}

long
lint_rules_find(const struct lint_rules *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].pub.id, id) == 0)
			return (long)i;
	return -1;
}

size_t
lint_rules_enable(struct lint_rules *rs, const char *name, int on)
{
	size_t i, k = 0;

	for (i = 0; i < rs->n; i++) {
		struct lint_rule *r = &rs->r[i].pub;

		if (strcmp(name, "all") == 0 || strcmp(r->id, name) == 0 ||
		    strcmp(r->family, name) == 0) {
			r->enabled = on;
			k++;
		}
	}
	return k;
}

long
lint_rules_check(const struct lint_rules *rs)
{
	struct lint_scratch *sc = lint_scratch_new();
	const struct lint_hit *h;
	size_t i, j, k, nh;
	long bad = 0;
	int found;

	sc->all = 1;
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->r[i];

		for (j = 0; j < r->nt; j++) {
			const struct test *t = &r->t[j];

			if (scan(rs, sc, t->text, strlen(t->text), &h, &nh) != 0) {
				lint_scratch_free(sc);
				return -1;
			}
			for (found = 0, k = 0; k < nh; k++)
				if (h[k].rule == i)
					found = 1;
			if (found == t->want)
				continue;
			cs_warnx_at(r->pub.file, t->line, "rule '%s': %s: '%s'",
			    r->pub.id, t->want ? "does not match" :
			    "matches", t->text);
			bad++;
		}
	}
	lint_scratch_free(sc);
	return bad;
}

size_t
lint_rules_nkeys(const struct lint_rules *rs)
{
	return rs->nki;
}

const char *
lint_rules_key(const struct lint_rules *rs, size_t i, size_t *len)
{
	*len = rs->ki[i].klen;
	return rs->ke[rs->lg[rs->ki[i].g0].lo].key;
}

long
lint_rules_key_find(const struct lint_rules *rs, const char *s, size_t n)
{
	if (n == 0 || n > 8)
		return -1;
	return keytab_find(rs->kt, pack(s, n), utf8_count(s, n) > 1 ? 2 : 1);
}

size_t
lint_rules_nvariants(const struct lint_rules *rs, size_t rule)
{
	return rs->r[rule].phr.n;
}

const char *
lint_rules_first_segment(const struct lint_rules *rs, size_t rule,
    size_t var, size_t *len)
{
	const struct variant *v = &rs->r[rule].phr.v[var];

	*len = v->seg[0].len;
	return v->buf + v->seg[0].off;
}

int
lint_rules_candidates(const struct lint_rules *rs, struct lint_scratch *sc,
    const char *text, size_t len, const char **norm, size_t *nlen,
    const struct lint_cand **c, size_t *nc)
{
	sc->all = 1;
	if (key_pass(rs, sc, text, len) != 0)
		return -1;
	*norm = sc->n.s;
	*nlen = sc->n.len;
	*c = sc->tries;
	*nc = sc->ntries;
	return 0;
}

void
lint_rules_free(struct lint_rules *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++)
		rule_clear(&rs->r[i]);
	free(rs->r);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	normalizer_free(rs->z);
	if (rs->kt != NULL)
		free(rs->kt->slot);
	free(rs->kt);
	matcher_free(rs->xm);
	free(rs->xr);
	free(rs->ke);
	free(rs->lg);
	free(rs->ki);
	free(rs);
}
