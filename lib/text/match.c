/*
 * Aho-Corasick multi-pattern matching over UTF-8 characters.
 *
 * Hand-rolled on purpose: no Debian package provides a small, embeddable
 * Aho-Corasick library for C (apt-cache search finds only the Python
 * module python3-ahocorasick and the Rust crate aho-corasick), and the
 * automaton below is a few hundred lines.
 *
 * The automaton reads characters, not bytes.  A shortest-form UTF-8
 * sequence is one character (its code point); a byte that starts none is
 * a unit of its own (UNIT_BAD + the byte), so that any bytes still match
 * themselves and a match always starts and ends between two units of the
 * text.  For UTF-8 patterns and text that is the same as matching bytes.
 *
 * Why characters: a lexicon of 1,300 Chinese terms is some 10,000 byte
 * states, and a dense byte-level table of them (states x byte classes) is
 * megabytes, so that the scan waited on a cache miss at every byte.  Over
 * characters it is a third of the states, and most of them differ from
 * the root in one or two transitions only:
 *
 * - every unit that occurs in a pattern has a class, found through a
 *   two-level table (a page index by unit / 256, then pages of 256
 *   classes); units in no pattern have class 0, which leads to the root;
 *   classes are numbered by how often the unit occurs, so that the cells
 *   of most states lie close together;
 * - the root's row is dense: root[class];
 * - every other state keeps the transitions that differ from those of a
 *   state it defers to, packed into one double array: each state has a
 *   base of its own, and its transition on class C is cell[base + C] when
 *   that cell's check is the base, and that of the state it defers to
 *   otherwise.
 *
 * What a state keeps is bounded, so that memory is linear in the
 * patterns: its own trie edges, and those its failure state keeps (on
 * classes it has no edge of its own on) when they are at most INHERIT_MAX
 * more; it then defers to what its failure state defers to, usually the
 * root, and a step is one lookup.  Otherwise it keeps its own edges only
 * and defers to its failure state: a "deep" state, whose step can take a
 * few lookups (each one to a shallower state, so a scan still does at
 * most two per character).  A lexicon of real terms has almost none; a
 * full DFA of a large one would be quadratic (a state on a failure chain
 * of states with many edges would copy them all).
 *
 * A state is known by its base: a transition is stored as the next
 * state's base times four, plus two when it is deep, plus one when
 * patterns end there, so that a step is one load that waits on the state
 * (and one that does not).  The patterns of each state, with those of the
 * states on its failure chain that have some (the dictionary suffix
 * links), are flattened into one list per state, longest first.
 *
 * The build is linear too: the trie's edges are found through a hash
 * table, whatever a state's fan-out, and a state's failure link and kept
 * transitions cost its own edges plus INHERIT_MAX.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "text/match.h"
#include "text/normalize.h"

#define UNIT_BAD	MATCH_UNIT_BAD
#define NPAGES		(0x110000u / 256 + 1)	/* the last page: bad bytes */
#define MAXCLS		0xffffu		/* classes are 16-bit */
#define PACK_BUDGET	2048		/* bit-set words a state's base may cost */
#define CLOSE_AFTER	16		/* failures that close a block of cells */
#define INHERIT_MAX	8		/* transitions a state may copy from its failure state */
#define MAXBASE		((UINT32_MAX >> 2) - MAXCLS)	/* a base times four fits a state */

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
	uint16_t *pageidx;	/* NPAGES: unit / 256 -> page; page 0 is all class 0 */
	uint16_t *pages;	/* npages pages of 256 classes */
	size_t npages;		/* pages in use, page 0 included */
	size_t ncls;		/* number of classes, class 0 included */
	uint32_t *root;		/* ncls transitions of the root */
	int32_t *base;		/* per state: its cells start at cell[base]; while building */
	struct match_cell *cell; /* the packed transitions */
	size_t ncell;		/* cells allocated */
	uint32_t *dflt;		/* per base: the state a deep state defers to */
	int32_t *out;		/* first pattern ending at each state, or -1 */
	int32_t *dict;		/* nearest state on the fail chain with out, or -1 */
	size_t nstates;		/* number of states; 0 is the root */
	struct match_olist *olist; /* per base: its state's outs */
	size_t nolist;		/* entries of olist and dflt */
	struct match_out *outs;	/* each state's patterns, its dictionary chain's after */
	size_t nouts;		/* entries of outs */
	struct match_dfa dfa;	/* the tables above, for the inline stepping */
};

/* A trie edge in the hash table: parent's child on a class. */
struct edge {
	int32_t parent;		/* -1: an empty slot */
	uint32_t cls;		/* the class */
	int32_t child;		/* the state it leads to */
};

/* A transition a state keeps. */
struct tr {
	uint32_t cls;		/* on this class */
	int32_t to;		/* to this state */
};

/* The trie while it is built. */
struct trie {
	uint32_t *unit;		/* every pattern's units, back to back */
	size_t *ustart;		/* pattern I's units: unit[ustart[I]..ustart[I+1]) */
	int32_t *rootchild;	/* ncls: the root's child on each class, or 0 */
	struct edge *edge;	/* the other states' edges, open addressing */
	size_t emask;		/* slots of edge, minus one (a power of two) */
	int32_t *child;		/* per state: first child, or -1 */
	int32_t *sibling;	/* per state: next child of the same parent, or -1 */
	uint16_t *cls;		/* per state: class of the edge into it */
	int32_t *fail;		/* per state: failure link */
	int32_t *order;		/* states breadth first */
	int32_t *outlast;	/* per state: last pattern ending there, or -1 */
	int32_t *defer;		/* per state: the state it defers to (0: the root) */
	uint32_t *keep;		/* per state: its kept transitions start at tr[keep[S]] */
	uint32_t *nkeep;	/* per state: how many */
	struct tr *tr;		/* all states' kept transitions */
	size_t ntr, captr;	/* how many, and room */
};

struct matcher *
matcher_new(void)
{
	return xcalloc(1, sizeof(struct matcher));
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
	if ((q = xreallocarray(*p, n, size)) == NULL)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

int
matcher_add(struct matcher *m, const char *pat, size_t len, int id)
{
	struct mpat *p;

	if (m->built || len == 0 || len > INT32_MAX || m->npat >= INT32_MAX ||
	    m->nbytes + len > INT32_MAX / 2) {
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
 * The unit at U[0..LEFT) (LEFT >= 1) into *UNIT; returns its length.
 * Ideographs and most other three-byte characters take the first test.
 */
static inline size_t
unit_at(const unsigned char *u, size_t left, uint32_t *unit)
{
	size_t n;

	if (u[0] < 0x80) {
		*unit = u[0];
		return 1;
	}
	/* E1..EC: U+1000..U+CFFF, never overlong, never a surrogate. */
	if (u[0] >= 0xe1 && u[0] <= 0xec && left >= 3 &&
	    ((u[1] ^ 0x80) | (u[2] ^ 0x80)) < 0x40) {
		*unit = (uint32_t)(u[0] & 0x0f) << 12 |
		    (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
		return 3;
	}
	if ((n = norm_utf8_decode(u, left, unit)) == 0) {
		*unit = UNIT_BAD + u[0];
		return 1;
	}
	return n;
}

/* Decode every pattern into T's units; 0 or -1. */
static int
build_units(struct matcher *m, struct trie *t)
{
	const unsigned char *b = (const unsigned char *)m->bytes;
	size_t i, j, k = 0;

	t->unit = xmalloc((m->nbytes + 1) * sizeof(*t->unit));
	t->ustart = xmalloc((m->npat + 1) * sizeof(*t->ustart));
	if (t->unit == NULL || t->ustart == NULL)
		return -1;
	for (i = 0; i < m->npat; i++) {
		t->ustart[i] = k;
		for (j = m->pat[i].off; j < m->pat[i].off + m->pat[i].len; )
			j += unit_at(b + j, m->pat[i].off + m->pat[i].len - j,
			    &t->unit[k++]);
	}
	t->ustart[m->npat] = k;
	return 0;
}

/* A unit and how often patterns use it, while classes are numbered. */
struct ucount {
	uint32_t unit;		/* the unit */
	uint32_t n;		/* its occurrences */
};

/* More often used first, then by unit: the order of the classes. */
static int
ucount_cmp(const void *a, const void *b)
{
	const struct ucount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* The class table's entry of unit U (its page must exist). */
static uint16_t *
class_slot(struct matcher *m, uint32_t u)
{
	return &m->pages[(size_t)m->pageidx[u >> 8] << 8 | (u & 0xff)];
}

/*
 * Give every unit used by a pattern a class, the most used first, and
 * build the two-level class table; sets m->ncls.  0, or -1 (EOVERFLOW
 * past 65535 distinct characters).
 */
static int
build_classes(struct matcher *m, const struct trie *t)
{
	size_t i, nu = 0, n = t->ustart[m->npat];
	struct ucount *uc;
	uint16_t *pg;

	if ((m->pageidx = xcalloc(NPAGES, sizeof(*m->pageidx))) == NULL)
		return -1;
	m->npages = 1;
	for (i = 0; i < n; i++)
		if (m->pageidx[t->unit[i] >> 8] == 0)
			m->pageidx[t->unit[i] >> 8] = (uint16_t)m->npages++;
	if ((m->pages = xcalloc(m->npages * 256, sizeof(*m->pages))) == NULL)
		return -1;
	m->dfa.pageidx = m->pageidx;
	m->dfa.pages = m->pages;
	/* Count each unit, its slot holding its index in uc meanwhile. */
	if ((uc = xmalloc((n < MAXCLS ? n : MAXCLS) * sizeof(*uc) + 1)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		pg = class_slot(m, t->unit[i]);
		if (*pg == 0) {
			if (nu == MAXCLS) {
				free(uc);
				errno = EOVERFLOW;
				return -1;
			}
			uc[nu].unit = t->unit[i];
			uc[nu].n = 0;
			*pg = (uint16_t)++nu;
		}
		uc[*pg - 1].n++;
	}
	qsort(uc, nu, sizeof(*uc), ucount_cmp);
	for (i = 0; i < nu; i++)
		*class_slot(m, uc[i].unit) = (uint16_t)(i + 1);
	m->ncls = nu + 1;
	free(uc);
	return 0;
}

/* The slot of the edge from S on class C: its own, or the empty one it would take. */
static struct edge *
edge_slot(const struct trie *t, int32_t s, unsigned c)
{
	uint64_t h = ((uint64_t)(uint32_t)s << 16 | c) * 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 32) & t->emask;

	while (t->edge[i].parent != -1 &&
	    (t->edge[i].parent != s || t->edge[i].cls != c))
		i = (i + 1) & t->emask;
	return &t->edge[i];
}

/* The child of state S on class C, or 0. */
static int32_t
trie_child(const struct trie *t, int32_t s, unsigned c)
{
	const struct edge *e;

	if (s == 0)
		return t->rootchild[c];
	e = edge_slot(t, s, c);
	return e->parent == -1 ? 0 : e->child;
}

/* Allocate the per-state arrays for up to MAX states; 0 or -1. */
static int
build_alloc(struct matcher *m, struct trie *t, size_t max)
{
	size_t i, slots = 16;

	if (max > INT32_MAX / 4) {
		errno = ENOMEM;
		return -1;
	}
	while (slots < 2 * max)
		slots *= 2;
	t->emask = slots - 1;
	t->edge = xmalloc(slots * sizeof(*t->edge));
	t->rootchild = xcalloc(m->ncls, sizeof(*t->rootchild));
	t->child = xmalloc(max * sizeof(*t->child));
	t->sibling = xmalloc(max * sizeof(*t->sibling));
	t->cls = xcalloc(max, sizeof(*t->cls));
	t->fail = xcalloc(max, sizeof(*t->fail));
	t->order = xmalloc(max * sizeof(*t->order));
	t->outlast = xmalloc(max * sizeof(*t->outlast));
	t->defer = xcalloc(max, sizeof(*t->defer));
	t->keep = xcalloc(max, sizeof(*t->keep));
	t->nkeep = xcalloc(max, sizeof(*t->nkeep));
	m->out = xmalloc(max * sizeof(*m->out));
	m->dict = xmalloc(max * sizeof(*m->dict));
	if (t->edge == NULL || t->rootchild == NULL || t->child == NULL ||
	    t->sibling == NULL || t->cls == NULL || t->fail == NULL ||
	    t->order == NULL || t->outlast == NULL || t->defer == NULL ||
	    t->keep == NULL || t->nkeep == NULL || m->out == NULL ||
	    m->dict == NULL)
		return -1;
	for (i = 0; i < slots; i++)
		t->edge[i].parent = -1;
	for (i = 0; i < max; i++)
		t->child[i] = t->sibling[i] = m->out[i] = m->dict[i] =
		    t->outlast[i] = -1;
	return 0;
}

/* Insert every pattern into the trie. */
static void
build_trie(struct matcher *m, struct trie *t)
{
	size_t i, j;
	int32_t s, k;
	struct edge *e;
	unsigned c;

	m->nstates = 1;
	for (i = 0; i < m->npat; i++) {
		s = 0;
		for (j = t->ustart[i]; j < t->ustart[i + 1]; j++) {
			c = match_class(&m->dfa, t->unit[j]);
			e = s == 0 ? NULL : edge_slot(t, s, c);
			k = s == 0 ? t->rootchild[c] : e->parent == -1 ? 0 : e->child;
			if (k == 0) {
				k = (int32_t)m->nstates++;
				t->cls[k] = (uint16_t)c;
				if (s == 0)
					t->rootchild[c] = k;
				else {
					e->parent = s;
					e->cls = c;
					e->child = k;
					t->sibling[k] = t->child[s];
					t->child[s] = k;
				}
			}
			s = k;
		}
		/* Keep patterns in the order added: append to the list. */
		if (m->out[s] == -1)
			m->out[s] = (int32_t)i;
		else
			m->pat[t->outlast[s]].next = (int32_t)i;
		t->outlast[s] = (int32_t)i;
	}
}

/*
 * Breadth first over the trie: each state's failure and dictionary links,
 * and t->order.  A child's failure state is the deepest proper suffix of
 * its string that is in the trie.
 */
static void
build_links(struct matcher *m, struct trie *t)
{
	size_t head = 0, tail = 0, c;
	int32_t s, k, f, g;

	for (c = 1; c < m->ncls; c++)
		if (t->rootchild[c] != 0)
			t->order[tail++] = t->rootchild[c];
	while (head < tail) {
		s = t->order[head++];
		for (k = t->child[s]; k != -1; k = t->sibling[k]) {
			for (f = t->fail[s];
			    f != 0 && trie_child(t, f, t->cls[k]) == 0; )
				f = t->fail[f];
			g = trie_child(t, f, t->cls[k]);
			t->fail[k] = g != k ? g : 0;
			f = t->fail[k];
			m->dict[k] = m->out[f] != -1 ? f : m->dict[f];
			t->order[tail++] = k;
		}
	}
}

/*
 * Decide, breadth first, what each state keeps (t->tr, t->keep, t->nkeep)
 * and whom it defers to (t->defer): its own edges, and those its failure
 * state keeps on other classes when they are at most INHERIT_MAX and the
 * whole automaton's copies stay within INHERIT_AVG per state, or else
 * its own only, deferring to its failure state.  Breadth first, so that
 * the shallow states, where a scan spends its time, copy first.  SEEN
 * (ncls) marks the classes of the state's own edges.  0 or -1.
 */
static int
build_keep(struct matcher *m, struct trie *t, int32_t *seen)
{
	size_t i, j, own, extra;
	int32_t s, f, k;

	for (i = 0; i < m->ncls; i++)
		seen[i] = -1;
	for (i = 0; i + 1 < m->nstates; i++) {
		s = t->order[i];
		f = t->fail[s];
		t->keep[s] = (uint32_t)t->ntr;
		for (k = t->child[s]; k != -1; k = t->sibling[k]) {
			if (grow(&t->tr, &t->captr, t->ntr + 1, sizeof(*t->tr)) == -1)
				return -1;
			t->tr[t->ntr].cls = t->cls[k];
			t->tr[t->ntr++].to = k;
			seen[t->cls[k]] = s;
		}
		own = t->ntr - t->keep[s];
		t->defer[s] = f;
		/* At most own + INHERIT_MAX are looked at: linear in all. */
		if (f != 0 && t->nkeep[f] <= own + INHERIT_MAX) {
			if (grow(&t->tr, &t->captr, t->ntr + t->nkeep[f],
			    sizeof(*t->tr)) == -1)
				return -1;
			for (j = t->keep[f], extra = 0;
			    j < t->keep[f] + t->nkeep[f]; j++)
				if (seen[t->tr[j].cls] != s)
					t->tr[t->ntr + extra++] = t->tr[j];
			if (extra <= INHERIT_MAX) {
				t->ntr += extra;
				t->defer[s] = t->defer[f];
			}
		}
		if (t->ntr > UINT32_MAX - 2 * INHERIT_MAX - m->ncls) {
			errno = ENOMEM;
			return -1;
		}
		t->nkeep[s] = (uint32_t)(t->ntr - t->keep[s]);
	}
	return 0;
}

/* Transition value of state S: its base * 4, plus 2 when deep, plus 1 when it reports. */
static uint32_t
encode(const struct matcher *m, const struct trie *t, int32_t s)
{
	return (uint32_t)m->base[s] << 2 | (uint32_t)(t->defer[s] != 0) << 1 |
	    (m->out[s] != -1 || m->dict[s] != -1);
}

/*
 * The packing of place_states(): which cells and which bases are taken,
 * as bit sets that find the next free one a word at a time.
 */
struct packer {
	uint64_t *used;		/* bit per cell of matcher.cell */
	uint64_t *based;	/* bit per cell: some state's base */
	unsigned char *fails;	/* per 64 cells: states that found no base there */
	size_t front;		/* the first block of 64 cells still tried */
	size_t end;		/* one past the last cell taken */
	size_t maxbase;		/* the largest base given */
};

static int
bit(const uint64_t *set, size_t i)
{
	return set[i / 64] >> (i % 64) & 1;
}

static void
set_bit(uint64_t *set, size_t i)
{
	set[i / 64] |= (uint64_t)1 << (i % 64);
}

/*
 * Make the cell array hold at least NEED cells (new ones free), and the
 * bit sets a word more than they cover (zero: see bits_at()); 0 or -1.
 */
static int
cells_reserve(struct matcher *m, struct packer *pk, size_t need)
{
	size_t old = m->ncell, i, ow = old ? (old + 63) / 64 + 1 : 0, nw;
	unsigned char *f;
	uint64_t *u;

	if (need <= old)
		return 0;
	if (grow(&m->cell, &m->ncell, need, sizeof(*m->cell)) == -1)
		return -1;
	for (i = old; i < m->ncell; i++) {
		m->cell[i].check = -1;
		m->cell[i].next = 0;
	}
	nw = (m->ncell + 63) / 64 + 1;
	if ((u = xreallocarray(pk->used, 1, nw * 8)) == NULL)
		return -1;
	memset(u + ow, 0, (nw - ow) * 8);
	pk->used = u;
	if ((u = xreallocarray(pk->based, 1, nw * 8)) == NULL)
		return -1;
	memset(u + ow, 0, (nw - ow) * 8);
	pk->based = u;
	if ((f = xreallocarray(pk->fails, 1, nw)) == NULL)
		return -1;
	memset(f + ow, 0, nw - ow);
	pk->fails = f;
	return 0;
}

/*
 * The 64 bits of SET (NW words and a zero one after them) from bit I on;
 * bits past the cells read as free (0).
 */
static inline uint64_t
bits_at(const uint64_t *set, size_t nw, size_t i)
{
	size_t w = i / 64, sh = i % 64;

	if (w >= nw)
		return 0;
	return set[w] >> sh | (set[w + 1] << 1) << (63 - sh);
}

/*
 * A base for the N classes CLS (the smallest is LO), no other state's,
 * at which all their cells are free: the first that fits with the cell
 * of LO in the front block of 64 cells or after it, looking at 64 bases
 * at a time (a bit per base: free as a base, and free at base + each
 * class), or past every cell taken when the windows it can afford all
 * collide (a window costs a word per class: states with many
 * transitions, which rarely fit among the others, try fewer).  A block
 * that is full, or where CLOSE_AFTER states found no base, is no longer
 * tried, so that the search does not keep paying for the crowded start
 * of the array.
 */
static size_t
find_base(const struct matcher *m, struct packer *pk, const unsigned *cls,
    size_t n, unsigned lo)
{
	size_t b, j, tries, nw = (m->ncell + 63) / 64;
	uint64_t ok;

	while (pk->front * 64 < pk->end && (pk->used[pk->front] == UINT64_MAX ||
	    pk->fails[pk->front] >= CLOSE_AFTER))
		pk->front++;
	b = pk->front * 64 > lo ? pk->front * 64 - lo : 1;
	for (tries = 0; tries < PACK_BUDGET / (n + 1) && b + lo < pk->end;
	    b += 64, tries++) {
		ok = ~bits_at(pk->based, nw, b);
		for (j = 0; j < n && ok != 0; j++)
			ok &= ~bits_at(pk->used, nw, b + cls[j]);
		if (ok != 0)
			return b + (size_t)__builtin_ctzll(ok);
		if (pk->fails[(b + lo) / 64] < CLOSE_AFTER)
			pk->fails[(b + lo) / 64]++;
	}
	for (b = pk->end > lo ? pk->end - lo : 1; b < m->ncell &&
	    bit(pk->based, b); b++)
		;
	return b;
}

/* Take base B for state S, which keeps the N transitions KEPT. */
static int
take_base(struct matcher *m, struct packer *pk, int32_t s, size_t b,
    const struct tr *kept, size_t n)
{
	size_t j, at;

	if (b > MAXBASE || cells_reserve(m, pk, b + m->ncls) == -1) {
		errno = ENOMEM;
		return -1;
	}
	m->base[s] = (int32_t)b;
	set_bit(pk->based, b);
	if (b > pk->maxbase)
		pk->maxbase = b;
	for (j = 0; j < n; j++) {
		at = b + kept[j].cls;
		m->cell[at].check = (int32_t)b;
		m->cell[at].next = (uint32_t)kept[j].to;
		set_bit(pk->used, at);
		if (at + 1 > pk->end)
			pk->end = at + 1;
	}
	return 0;
}

/*
 * Give every state but the root a base of its own (the root's is 0):
 * those that keep transitions where their cells fit, with the target
 * state in the cell's next for now; the others any base left.  0 or -1.
 */
static int
place_states(struct matcher *m, const struct trie *t, struct packer *pk)
{
	unsigned *cls, lo;
	size_t i, j, n, b;
	const struct tr *kept;
	int32_t s;
	int r = -1;

	cls = xmalloc(m->ncls * sizeof(*cls));
	if (cls == NULL || cells_reserve(m, pk, 2 * m->ncls + 64) == -1)
		goto out;
	set_bit(pk->based, 0);
	for (i = 0; i + 1 < m->nstates; i++) {
		s = t->order[i];
		if ((n = t->nkeep[s]) == 0)
			continue;
		kept = t->tr + t->keep[s];
		for (lo = kept[0].cls, j = 0; j < n; j++) {
			cls[j] = kept[j].cls;
			if (cls[j] < lo)
				lo = cls[j];
		}
		b = find_base(m, pk, cls, n, lo);
		if (take_base(m, pk, s, b, kept, n) == -1)
			goto out;
	}
	for (i = 0, b = 1; i + 1 < m->nstates; i++) {
		s = t->order[i];
		if (m->base[s] != 0)
			continue;
		while (b < m->ncell && bit(pk->based, b))
			b++;
		if (take_base(m, pk, s, b, NULL, 0) == -1)
			goto out;
	}
	r = 0;
out:
	free(cls);
	return r;
}

/*
 * Pack every state's kept transitions into the double array, fill in the
 * root's row and what deep states defer to, and give back the cells no
 * base can reach.  0 or -1.
 */
static int
build_cells(struct matcher *m, const struct trie *t)
{
	struct packer pk = { NULL, NULL, NULL, 0, 1, 0 };
	struct match_cell *c;
	size_t i, need;
	int r = -1;

	m->base = xcalloc(m->nstates, sizeof(*m->base));
	m->root = xmalloc(m->ncls * sizeof(*m->root));
	if (m->base == NULL || m->root == NULL || place_states(m, t, &pk) != 0)
		goto out;
	need = pk.maxbase + m->ncls;
	if (need < m->ncell && (c = xreallocarray(m->cell, 1, need * sizeof(*c))) != NULL) {
		m->cell = c;
		m->ncell = need;
	}
	m->nolist = pk.maxbase + 2;
	if ((m->dflt = xcalloc(m->nolist, sizeof(*m->dflt))) == NULL)
		goto out;
	for (i = 0; i < m->ncell; i++)
		if (m->cell[i].check != -1)
			m->cell[i].next = encode(m, t, (int32_t)m->cell[i].next);
	for (i = 0; i < m->ncls; i++)
		m->root[i] = encode(m, t, t->rootchild[i]);
	for (i = 1; i < m->nstates; i++)
		if (t->defer[i] != 0)
			m->dflt[m->base[i]] = encode(m, t, t->defer[i]);
	r = 0;
out:
	free(pk.used);
	free(pk.based);
	free(pk.fails);
	return r;
}

/*
 * Flatten each state's patterns and those of its dictionary chain into
 * one list: its own in the order added, then those of the next state on
 * the chain, and so on (longest first).  The lists go in the order of the
 * states' bases, and olist is indexed by base.  0 or -1.
 */
static int
build_outs(struct matcher *m)
{
	size_t s, b, n = 0, nb = m->nolist;
	int32_t d, q, *state;

	if ((state = xmalloc(nb * sizeof(*state))) == NULL)
		return -1;
	for (b = 0; b < nb; b++)
		state[b] = -1;
	for (s = 0; s < m->nstates; s++) {
		state[m->base[s]] = (int32_t)s;
		for (d = m->out[s] != -1 ? (int32_t)s : m->dict[s]; d != -1;
		    d = m->dict[d])
			for (q = m->out[d]; q != -1; q = m->pat[q].next)
				n++;
	}
	if (n > UINT32_MAX ||
	    (m->outs = xmalloc((n + 1) * sizeof(*m->outs))) == NULL ||
	    (m->olist = xmalloc(nb * sizeof(*m->olist))) == NULL) {
		free(state);
		errno = ENOMEM;
		return -1;
	}
	m->nouts = n + 1;
	n = 0;
	for (b = 0; b < nb; b++) {
		m->olist[b].first = (uint32_t)n;
		m->olist[b].n = 0;
		m->olist[b].out0.id = 0;
		m->olist[b].out0.len = 0;
		if ((s = (size_t)state[b]) == (size_t)-1)
			continue;
		for (d = m->out[s] != -1 ? (int32_t)s : m->dict[s]; d != -1;
		    d = m->dict[d])
			for (q = m->out[d]; q != -1; q = m->pat[q].next) {
				m->outs[n].id = m->pat[q].id;
				m->outs[n].len = (uint32_t)m->pat[q].len;
				if (m->olist[b].n++ == 0)
					m->olist[b].out0 = m->outs[n];
				n++;
			}
	}
	m->outs[n].id = 0;	/* read, and not counted, by branch-free callers */
	m->outs[n].len = 0;
	free(state);
	return 0;
}

static void
trie_free(struct trie *t)
{
	free(t->unit);
	free(t->ustart);
	free(t->rootchild);
	free(t->edge);
	free(t->child);
	free(t->sibling);
	free(t->cls);
	free(t->fail);
	free(t->order);
	free(t->outlast);
	free(t->defer);
	free(t->keep);
	free(t->nkeep);
	free(t->tr);
}

/* Free *PP and forget it. */
static void
release(void *pp)
{
	void **p = pp;

	free(*p);
	*p = NULL;
}

int
matcher_build(struct matcher *m)
{
	struct trie t = { 0 };
	int32_t *seen = NULL;
	int r = -1;

	if (m->built) {
		errno = EINVAL;
		return -1;
	}
	/* Each step frees what no later one needs: the peak is what counts. */
	if (build_units(m, &t) == 0 && build_classes(m, &t) == 0 &&
	    build_alloc(m, &t, t.ustart[m->npat] + 1) == 0 &&
	    (seen = xmalloc(m->ncls * sizeof(*seen))) != NULL) {
		build_trie(m, &t);
		release(&t.unit);
		release(&t.ustart);
		release(&t.outlast);
		build_links(m, &t);
		release(&t.edge);
		if (build_keep(m, &t, seen) == 0) {
			release(&t.child);
			release(&t.sibling);
			release(&t.cls);
			release(&t.fail);
			if (build_cells(m, &t) == 0) {
				trie_free(&t);
				memset(&t, 0, sizeof t);
				r = build_outs(m);
			}
		}
	}
	/* Only the build needs the lists behind the flat ones, and the bases. */
	free(seen);
	release(&m->out);
	release(&m->dict);
	release(&m->base);
	trie_free(&t);
	if (r == 0) {
		m->dfa.root = m->root;
		m->dfa.cell = m->cell;
		m->dfa.dflt = m->dflt;
		m->dfa.olist = m->olist;
		m->dfa.outs = m->outs;
		m->built = 1;
	}
	return r;
}

const struct match_dfa *
matcher_dfa(const struct matcher *m)
{
	return &m->dfa;
}

uint32_t
match_next_deep(const struct match_dfa *d, uint32_t v, unsigned cls)
{
	const struct match_cell *x;

	for (;;) {
		x = &d->cell[(size_t)(v >> 2) + cls];
		if (x->check == (int32_t)(v >> 2))
			return x->next;
		if ((v & 2) == 0)
			return d->root[cls];
		v = d->dflt[v >> 2];
	}
}

size_t
matcher_size(const struct matcher *m)
{
	if (!m->built)
		return 0;
	return NPAGES * sizeof(*m->pageidx) +
	    m->npages * 256 * sizeof(*m->pages) +
	    m->ncls * sizeof(*m->root) +
	    m->ncell * sizeof(*m->cell) +
	    m->nolist * (sizeof(*m->dflt) + sizeof(*m->olist)) +
	    m->nouts * sizeof(*m->outs);
}

/* Report the patterns of state V ending at END. */
static int
report(const struct matcher *m, uint32_t v, size_t end, match_fn fn, void *ctx)
{
	const struct match_out *o;
	size_t i, n;
	int r;

	o = match_outputs(&m->dfa, v, &n);
	for (i = 0; i < n; i++)
		if ((r = fn(ctx, o[i].id, end - o[i].len, end)) != 0)
			return r;
	return 0;
}

int
matcher_report(const struct matcher *m, uint32_t v, size_t end,
    match_fn fn, void *ctx)
{
	if (!m->built || !match_reports(v) || (v >> 2) >= m->nolist)
		return 0;
	return report(m, v, end, fn, ctx);
}

int
matcher_scan(const struct matcher *m, const char *text, size_t len,
    match_fn fn, void *ctx)
{
	const unsigned char *u = (const unsigned char *)text;
	const struct match_dfa *d = &m->dfa;
	size_t i;
	uint32_t v = 0, unit;
	int r;

	if (!m->built || m->npat == 0)
		return 0;
	for (i = 0; i < len; ) {
		i += unit_at(u + i, len - i, &unit);
		v = match_next(d, v, match_class(d, unit));
		if (match_reports(v) &&
		    (r = report(m, v, i, fn, ctx)) != 0)
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
	free(m->pageidx);
	free(m->pages);
	free(m->root);
	free(m->base);
	free(m->cell);
	free(m->dflt);
	free(m->out);
	free(m->dict);
	free(m->olist);
	free(m->outs);
	free(m);
}
