/*
 * The matcher with its normalisation (match.h, normalize.h).  The input
 * is a few patterns, one per line, then "\n\n", then a text.  Patterns and
 * text are normalised with and without a struct normalizer (the results
 * must agree), the offset map must be sound, and matcher_scan() must report
 * exactly the occurrences a naive search finds between units of the text
 * (characters, or bytes that start none: tests/lib/utf8ref.h), each at a
 * correct offset; stepping unit by unit must report the same.
 */

#include "fuzz.h"

#include "text/match.h"
#include "text/normalize.h"
#include "../tests/lib/utf8ref.h"

#define NPAT 16

struct hits {
	const struct norm *pat;	/* the normalised patterns */
	const struct norm *text; /* the normalised text */
	size_t count[NPAT];	/* occurrences reported per pattern */
	size_t lastend;		/* end of the previous report */
};

static int
hit(void *ctx, int id, size_t start, size_t end)
{
	struct hits *h = ctx;

	FZ_ASSERT(id >= 0 && id < NPAT);
	FZ_ASSERT(start < end && end <= h->text->len);
	FZ_ASSERT(end >= h->lastend);
	FZ_ASSERT(end - start == h->pat[id].len);
	FZ_ASSERT(memcmp(h->text->s + start, h->pat[id].s, end - start) == 0);
	h->lastend = end;
	h->count[id]++;
	return 0;
}

/* Check the offset map of N, the normalisation of LEN input bytes. */
static void
check_norm(const struct norm *n, size_t len)
{
	size_t i;

	FZ_ASSERT(n->s[n->len] == '\0');
	FZ_ASSERT(n->map[n->len] == len);
	for (i = 0; i < n->len; i++) {
		FZ_ASSERT(n->map[i] < len);
		FZ_ASSERT(i == 0 || n->map[i] >= n->map[i - 1]);
	}
}

static void
normalise(const struct normalizer *z, struct norm *n, const char *s,
    size_t len)
{
	struct norm slow = { 0 };

	if (norm_text_with(z, n, s, len) != 0 || norm_text(&slow, s, len) != 0)
		abort();
	check_norm(n, len);
	FZ_ASSERT(slow.len == n->len && memcmp(slow.s, n->s, n->len) == 0);
	norm_free(&slow);
}

/* AT[i] for the offsets of T that start or end a unit (T->len + 1 entries). */
static char *
units(const struct norm *t)
{
	char *at = calloc(t->len + 1, 1);
	unsigned long cp;
	size_t i;

	if (at == NULL)
		abort();
	for (i = 0; i < t->len; i += utf8ref_unit((const unsigned char *)t->s +
	    i, t->len - i, &cp))
		at[i] = 1;
	at[t->len] = 1;
	return at;
}

/* Occurrences of P in T between units (AT), overlapping ones included. */
static size_t
naive(const struct norm *p, const struct norm *t, const char *at)
{
	size_t i, c = 0;

	for (i = 0; p->len > 0 && i + p->len <= t->len; i++)
		if (at[i] && at[i + p->len] &&
		    memcmp(t->s + i, p->s, p->len) == 0)
			c++;
	return c;
}

/* Feed T to M unit by unit: the counts must be those of the scan, H. */
static void
step(const struct matcher *m, const struct norm *t, const struct hits *h)
{
	const struct match_dfa *d = matcher_dfa(m);
	struct hits s;
	unsigned long cp;
	uint32_t v = 0;
	size_t i, l;

	s = *h;
	memset(s.count, 0, sizeof s.count);
	s.lastend = 0;
	for (i = 0; i < t->len; i += l) {
		l = utf8ref_unit((const unsigned char *)t->s + i, t->len - i, &cp);
		v = match_next(d, v, match_class(d, (uint32_t)cp));
		if (match_reports(v))
			matcher_report(m, v, i + l, hit, &s);
	}
	FZ_ASSERT(memcmp(s.count, h->count, sizeof s.count) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct normalizer *z;
	struct norm pat[NPAT], text = { 0 };
	struct matcher *m;
	struct hits h;
	const char *s = (const char *)data, *end = s + size, *nl, *sep;
	char *at;
	int npat = 0, i, j, dup;

	if (z == NULL && (z = normalizer_new()) == NULL)
		abort();
	if ((sep = memmem(s, size, "\n\n", 2)) == NULL)
		return 0;
	memset(pat, 0, sizeof pat);
	while (s < sep && npat < NPAT) {
		if ((nl = memchr(s, '\n', (size_t)(sep - s))) == NULL)
			nl = sep;
		normalise(z, &pat[npat], s, (size_t)(nl - s));
		dup = pat[npat].len == 0;
		for (j = 0; j < npat && !dup; j++)
			dup = pat[j].len == pat[npat].len &&
			    memcmp(pat[j].s, pat[npat].s, pat[j].len) == 0;
		if (!dup)
			npat++;
		else
			norm_free(&pat[npat]);
		s = nl + 1;
	}
	normalise(z, &text, sep + 2, (size_t)(end - sep - 2));
	if ((m = matcher_new()) == NULL)
		abort();
	for (i = 0; i < npat; i++)
		FZ_ASSERT(matcher_add(m, pat[i].s, pat[i].len, i) == 0);
	FZ_ASSERT(matcher_build(m) == 0);
	memset(&h, 0, sizeof h);
	h.pat = pat;
	h.text = &text;
	matcher_scan(m, text.s, text.len, hit, &h);
	at = units(&text);
	for (i = 0; i < npat; i++)
		FZ_ASSERT(h.count[i] == naive(&pat[i], &text, at));
	free(at);
	step(m, &text, &h);
	matcher_free(m);
	for (i = 0; i < npat; i++)
		norm_free(&pat[i]);
	norm_free(&text);
	return 0;
}
