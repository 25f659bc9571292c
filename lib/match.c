/*
 * Aho-Corasick multi-pattern matching over UTF-8 bytes.
 *
 * Hand-rolled on purpose: no Debian package provides a small, embeddable
 * Aho-Corasick library for C (apt-cache search finds only the Python
 * module python3-ahocorasick and the Rust crate aho-corasick), and the
 * automaton below is a couple of hundred lines.
 *
 * Patterns are kept as added until matcher_build().  The build maps the
 * bytes that occur in some pattern to byte classes (every other byte is
 * class 0, which only leads back to the root), builds the trie as a dense
 * table of states x classes, and fills in the failure transitions
 * breadth-first, so that the table becomes a complete DFA.  matcher_scan()
 * then costs one table load per text byte, whatever the number of
 * patterns, plus the work of reporting matches: each state points to the
 * patterns ending there and to the nearest state on its failure chain that
 * has patterns of its own (the dictionary suffix link).
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

struct mpat {
	size_t off;		/* offset of the bytes in matcher.bytes */
	size_t len;		/* their length */
	int id;			/* the caller's id */
	int32_t next;		/* next pattern ending in the same state, or -1 */
};

struct matcher {
	/* Before build. */
	char *bytes;		/* all patterns' bytes, back to back */
	size_t nbytes, capbytes; /* fill and size of bytes */
	struct mpat *pat;	/* patterns in the order added */
	size_t npat, cappat;	/* how many, and room */
	/* After build. */
	int built;		/* matcher_build() has run */
	unsigned char cls[256];	/* byte -> class; 0 for bytes in no pattern */
	size_t ncls;		/* number of classes, class 0 included */
	int32_t *delta;		/* delta[s * ncls + c]: next state */
	int32_t *scan;		/* delta for scanning: see scan_table() */
	uint16_t *scan16;	/* or that, smaller, for up to 32767 states */
	int32_t *fail;		/* failure link of each state */
	int32_t *out;		/* first pattern ending at each state, or -1 */
	int32_t *dict;		/* nearest state on the fail chain with out, or -1 */
	size_t nstates;		/* number of states; 0 is the root */
};

struct matcher *
matcher_new(void)
{
	return calloc(1, sizeof(struct matcher));
}

/* Grow *P (of *CAP elements of SIZE bytes) to hold NEED; 0 or -1. */
static int
grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t n;
	void *q;

	if (need <= *cap)
		return 0;
	n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size) {
			errno = ENOMEM;
			return -1;
		}
		n *= 2;
	}
	if ((q = realloc(*p, n * size)) == NULL)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

int
matcher_add(struct matcher *m, const char *pat, size_t len, int id)
{
	struct mpat *p;

	if (m->built || len == 0 || len > INT32_MAX || m->npat >= INT32_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (grow(&m->bytes, &m->capbytes, m->nbytes + len, 1) == -1 ||
	    grow(&m->pat, &m->cappat, m->npat + 1, sizeof(*m->pat)) == -1)
		return -1;
	p = &m->pat[m->npat++];
	p->off = m->nbytes;
	p->len = len;
	p->id = id;
	p->next = -1;
	memcpy(m->bytes + m->nbytes, pat, len);
	m->nbytes += len;
	return 0;
}

/*
 * Give every byte used by a pattern a class of its own; sets m->ncls.
 * UTF-8 continuation bytes come last: a state between characters reads
 * only the first columns of its row, one inside a character only the
 * last, so that each touches fewer cache lines (4 % fewer first-level
 * misses in cs-reviewsort).
 */
static void
build_classes(struct matcher *m)
{
	size_t i;
	unsigned char c;
	int cont;

	memset(m->cls, 0, sizeof(m->cls));
	m->ncls = 1;
	for (cont = 0; cont <= 1; cont++)
		for (i = 0; i < m->nbytes; i++) {
			c = (unsigned char)m->bytes[i];
			if (((c & 0xc0) == 0x80) == cont && m->cls[c] == 0)
				m->cls[c] = (unsigned char)m->ncls++;
		}
}

/* Allocate the per-state arrays for up to MAX states; 0 or -1. */
static int
build_alloc(struct matcher *m, size_t max)
{
	size_t i;

	if (max > INT32_MAX || max > SIZE_MAX / sizeof(int32_t) / m->ncls) {
		errno = ENOMEM;
		return -1;
	}
	m->delta = calloc(max * m->ncls, sizeof(int32_t));
	m->fail = calloc(max, sizeof(int32_t));
	m->out = malloc(max * sizeof(int32_t));
	m->dict = malloc(max * sizeof(int32_t));
	if (m->delta == NULL || m->fail == NULL || m->out == NULL ||
	    m->dict == NULL)
		return -1;
	for (i = 0; i < max; i++)
		m->out[i] = m->dict[i] = -1;
	return 0;
}

/*
 * Insert every pattern into the trie.  Trie edges are the non-zero delta
 * entries (state 0 is never a child, so 0 means "no edge" here).
 */
static void
build_trie(struct matcher *m)
{
	size_t i, j;
	int32_t s, *d;
	struct mpat *p;

	m->nstates = 1;
	for (i = 0; i < m->npat; i++) {
		p = &m->pat[i];
		s = 0;
		for (j = 0; j < p->len; j++) {
			d = &m->delta[(size_t)s * m->ncls +
			    m->cls[(unsigned char)m->bytes[p->off + j]]];
			if (*d == 0)
				*d = (int32_t)m->nstates++;
			s = *d;
		}
		/* Keep patterns in the order added: append to the list. */
		if (m->out[s] == -1)
			m->out[s] = (int32_t)i;
		else {
			int32_t q = m->out[s];

			while (m->pat[q].next != -1)
				q = m->pat[q].next;
			m->pat[q].next = (int32_t)i;
		}
	}
}

/*
 * Breadth-first over the trie: set each state's failure and dictionary
 * links, and replace missing edges by the failure state's transition, so
 * that delta becomes a complete DFA.  Children always have larger BFS
 * order than parents; a queue of nstates entries suffices.
 */
static int
build_links(struct matcher *m)
{
	int32_t *queue, s, t, f;
	size_t head, tail, c;

	if ((queue = malloc(m->nstates * sizeof(*queue))) == NULL)
		return -1;
	head = tail = 0;
	for (c = 0; c < m->ncls; c++) {
		t = m->delta[c];
		if (t != 0) {
			m->fail[t] = 0;
			queue[tail++] = t;
		}
	}
	m->delta[0] = 0;	/* class 0 stays at the root */
	while (head < tail) {
		s = queue[head++];
		f = m->fail[s];
		m->dict[s] = m->out[f] != -1 ? f : m->dict[f];
		for (c = 0; c < m->ncls; c++) {
			int32_t *d = &m->delta[(size_t)s * m->ncls + c];

			if (*d != 0 && c != 0) {
				m->fail[*d] = m->delta[(size_t)f * m->ncls + c];
				queue[tail++] = *d;
			} else
				*d = m->delta[(size_t)f * m->ncls + c];
		}
	}
	free(queue);
	return 0;
}

/*
 * The table matcher_scan() walks: the entry for (state, class) is the next
 * state's row offset (state * ncls), so that the loop needs no
 * multiplication, or, when that state has patterns to report, the state
 * itself negated and minus one: one test per byte, and no division to
 * find the state that reports.
 *
 * An automaton of up to 32767 states (some 5000 lexicon terms) gets a
 * table of 16-bit entries instead, the state with bit 15 set when it
 * reports: half the size, so that more of it stays in the first-level
 * cache (the scan is bound by the latency of these loads), for a
 * multiplication per byte.
 */
static int
scan_table(struct matcher *m)
{
	size_t i, n = m->nstates * m->ncls;
	int32_t t;

	if (m->nstates > (size_t)INT32_MAX / m->ncls) {
		errno = ENOMEM;
		return -1;
	}
	if (m->nstates <= 0x7fff) {
		if ((m->scan16 = malloc(n * sizeof(*m->scan16))) == NULL)
			return -1;
		for (i = 0; i < n; i++) {
			t = m->delta[i];
			m->scan16[i] = (uint16_t)(t | (m->out[t] != -1 ||
			    m->dict[t] != -1 ? 0x8000 : 0));
		}
		return 0;
	}
	if ((m->scan = malloc(n * sizeof(*m->scan))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		t = m->delta[i];
		if (m->out[t] != -1 || m->dict[t] != -1)
			m->scan[i] = -t - 1;
		else
			m->scan[i] = (int32_t)((size_t)t * m->ncls);
	}
	return 0;
}

int
matcher_build(struct matcher *m)
{
	if (m->built) {
		errno = EINVAL;
		return -1;
	}
	build_classes(m);
	if (build_alloc(m, m->nbytes + 1) == -1)
		return -1;
	build_trie(m);
	if (build_links(m) == -1 || scan_table(m) == -1)
		return -1;
	/* The scan needs neither the trie nor the failure links. */
	free(m->delta);
	free(m->fail);
	m->delta = m->fail = NULL;
	m->built = 1;
	return 0;
}

/*
 * Report the patterns of state S (and its dictionary chain) ending at END.
 * (Inline: one in seven bytes of a review ends a term.)
 */
static inline int
report(const struct matcher *m, int32_t s, size_t end, match_fn fn, void *ctx)
{
	int32_t q;
	int r;

	for (; s != -1; s = m->dict[s])
		for (q = m->out[s]; q != -1; q = m->pat[q].next)
			if ((r = fn(ctx, m->pat[q].id, end - m->pat[q].len,
			    end)) != 0)
				return r;
	return 0;
}

/* matcher_scan() with the 16-bit table. */
static int
scan16(const struct matcher *m, const unsigned char *u, size_t len,
    match_fn fn, void *ctx)
{
	const unsigned char *cls = m->cls;
	const uint16_t *scan = m->scan16;
	size_t i, ncls = m->ncls, s = 0;
	int r;

	for (i = 0; i < len; i++) {
		s = scan[s * ncls + cls[u[i]]];
		if (s < 0x8000)
			continue;
		s &= 0x7fff;
		if ((r = report(m, m->out[s] != -1 ? (int32_t)s : m->dict[s],
		    i + 1, fn, ctx)) != 0)
			return r;
	}
	return 0;
}

int
matcher_scan(const struct matcher *m, const char *text, size_t len,
    match_fn fn, void *ctx)
{
	const unsigned char *u = (const unsigned char *)text;
	const unsigned char *cls = m->cls;
	const int32_t *scan = m->scan;
	size_t i, ncls = m->ncls;
	int32_t row = 0, s;
	int r;

	if (!m->built || m->npat == 0)
		return 0;
	if (m->scan16 != NULL)
		return scan16(m, u, len, fn, ctx);
	for (i = 0; i < len; i++) {
		row = scan[row + cls[u[i]]];
		if (row >= 0)
			continue;
		s = -row - 1;
		row = (int32_t)((size_t)s * ncls);
		if ((r = report(m, m->out[s] != -1 ? s : m->dict[s], i + 1,
		    fn, ctx)) != 0)
			return r;
	}
	return 0;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	free(m->bytes);
	free(m->pat);
	free(m->delta);
	free(m->scan);
	free(m->scan16);
	free(m->fail);
	free(m->out);
	free(m->dict);
	free(m);
}
