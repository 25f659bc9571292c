#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cell.h"
#include "io/diag.h"
#include "stats/stats.h"
#include "io/timeparse.h"

static void *
xrealloc(void *p, size_t n, size_t size)
{
	if (n != 0 && size > (size_t)-1 / n)
		cs_errx(CS_FATAL, "out of memory");
	if ((p = realloc(p, n * size > 0 ? n * size : 1)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	return p;
}

/* --- the exact store ----------------------------------------------------- */

/* Keep ST's values as 64-bit numbers from now on. */
static void
store_widen(struct stats_store *st)
{
	size_t i;

	st->v = xrealloc(NULL, st->cap ? st->cap : 1, sizeof *st->v);
	for (i = 0; i < st->n; i++)
		st->v[i] = st->base + st->d[i];
	free(st->d);
	st->d = NULL;
}

/* Non-zero when V - BASE fits 32 bits (computed without overflow). */
static int
fits32(long long v, long long base)
{
	if (v >= base)
		return (unsigned long long)v - (unsigned long long)base <=
		    (unsigned long long)INT32_MAX;
	return (unsigned long long)base - (unsigned long long)v <=
	    (unsigned long long)INT32_MAX + 1;
}

void
store_add(struct stats_store *st, long long v)
{
	/* The common case first: narrow, with room, and the value fits. */
	if (st->v == NULL && st->n > 0 && st->n < st->cap &&
	    fits32(v, st->base)) {
		int32_t x = (int32_t)(v - st->base);

		if (x < st->d[st->n - 1])
			st->sorted = 0;
		st->d[st->n++] = x;
		return;
	}
	if (st->n == 0 && st->v == NULL)
		st->base = v;
	if (st->v == NULL && !fits32(v, st->base))
		store_widen(st);
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		if (st->v != NULL)
			st->v = xrealloc(st->v, st->cap, sizeof *st->v);
		else
			st->d = xrealloc(st->d, st->cap, sizeof *st->d);
	}
	if (st->n > 0 && v < store_at(st, st->n - 1))
		st->sorted = 0;
	else if (st->n == 0)
		st->sorted = 1;
	if (st->v != NULL)
		st->v[st->n++] = v;
	else
		st->d[st->n++] = (int32_t)(v - st->base);
}

void
store_addn(struct stats_store *st, long long v, unsigned long long count)
{
	while (count-- > 0)
		store_add(st, v);
}

/* Sort V[0..N) as unsigned keys K = v ^ sign bit: LSD radix, 8-bit digits. */
static void
radix_sort(long long *v, size_t n)
{
	unsigned long long *a = (unsigned long long *)v, *b, *tmp;
	unsigned long long x, and_all = ~0ULL, or_all = 0;
	size_t count[256], i;
	int shift;

	if ((b = malloc(n * sizeof *b)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < n; i++) {
		a[i] ^= 1ULL << 63;
		and_all &= a[i];
		or_all |= a[i];
	}
	for (shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;

		/* A digit that is the same in every key needs no pass. */
		if (((and_all ^ or_all) >> shift & 0xFF) == 0)
			continue;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[a[i] >> shift & 0xFF]++;
		for (i = 0; i < 256; i++) {
			size_t c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			x = a[i];
			b[count[x >> shift & 0xFF]++] = x;
		}
		tmp = a;
		a = b;
		b = tmp;
	}
	if (a != (unsigned long long *)v) {
		memcpy(v, a, n * sizeof *a);
		b = a;
	}
	for (i = 0; i < n; i++)
		v[i] = (long long)((unsigned long long)v[i] ^ 1ULL << 63);
	free(b);
}

/* radix_sort() for 32-bit values. */
static void
radix_sort32(int32_t *v, size_t n)
{
	uint32_t *a = (uint32_t *)v, *b, *tmp, x, and_all = ~0U, or_all = 0;
	size_t count[256], i;
	int shift;

	if ((b = malloc(n * sizeof *b)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < n; i++) {
		a[i] ^= 1U << 31;
		and_all &= a[i];
		or_all |= a[i];
	}
	for (shift = 0; shift < 32; shift += 8) {
		size_t sum = 0;

		if (((and_all ^ or_all) >> shift & 0xFF) == 0)
			continue;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[a[i] >> shift & 0xFF]++;
		for (i = 0; i < 256; i++) {
			size_t c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			x = a[i];
			b[count[x >> shift & 0xFF]++] = x;
		}
		tmp = a;
		a = b;
		b = tmp;
	}
	if (a != (uint32_t *)v) {
		memcpy(v, a, n * sizeof *a);
		b = a;
	}
	for (i = 0; i < n; i++)
		v[i] = (int32_t)((uint32_t)v[i] ^ 1U << 31);
	free(b);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

void
store_sort(struct stats_store *st)
{
	/* The radix sort's fixed cost pays off only for larger stores. */
	if (st->sorted || st->n < 2)
		;
	else if (st->v != NULL && st->n < 64)
		qsort(st->v, st->n, sizeof *st->v, cmp_ll);
	else if (st->v != NULL)
		radix_sort(st->v, st->n);
	else if (st->n < 64)
		qsort(st->d, st->n, sizeof *st->d, cmp_i32);
	else
		radix_sort32(st->d, st->n);
	st->sorted = 1;
}

long long
store_pct(struct stats_store *st, int p)
{
	unsigned long long rank;

	if (st->n == 0)
		return 0;
	store_sort(st);
	/* ceil(p * n / 100), at least 1 */
	rank = ((unsigned long long)p * st->n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > st->n)
		rank = st->n;
	return store_at(st, rank - 1);
}

stats_sum
store_sum(const struct stats_store *st)
{
	stats_sum sum = 0;
	long long part = 0;
	size_t i;

	if (st->v != NULL) {
		for (i = 0; i < st->n; i++)
			sum += st->v[i];
		return sum;
	}
	/*
	 * 32-bit offsets: 2^32 of them fit in 64 bits, so sum them in blocks
	 * of 2^31 and widen once per block.
	 */
	for (i = 0; i < st->n; i++) {
		part += st->d[i];
		if ((i & 0x7fffffff) == 0x7fffffff) {
			sum += part;
			part = 0;
		}
	}
	return sum + part + (stats_sum)st->base * (stats_sum)st->n;
}

size_t
store_count_le(struct stats_store *st, long long limit)
{
	size_t lo = 0, hi;

	store_sort(st);
	hi = st->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (store_at(st, mid) <= limit)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
store_count_lt(struct stats_store *st, long long limit)
{
	size_t lo = 0, hi;

	store_sort(st);
	hi = st->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (store_at(st, mid) < limit)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
store_max_window(struct stats_store *st, long long width,
    long long *first, long long *last)
{
	size_t i, j = 0, best = 0;

	if (width < 1)
		width = 1;
	store_sort(st);
	for (i = 0; i < st->n; i++) {
		while (store_at(st, i) - store_at(st, j) >= width)
			j++;
		if (i - j + 1 > best) {
			best = i - j + 1;
			*first = store_at(st, j);
			*last = store_at(st, i);
		}
	}
	return best;
}

void
store_free(struct stats_store *st)
{
	free(st->v);
	free(st->d);
	memset(st, 0, sizeof *st);
}

/* --- the aggregate ----------------------------------------------------------- */

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof *s);
}

static void
group_free(struct stats_group *g)
{
	store_free(&g->reply);
	store_free(&g->res);
	store_free(&g->open);
	store_free(&g->noreply);
}

void
stats_free(struct stats *s)
{
	size_t i;

	group_free(&s->all);
	for (i = 0; i < s->gmap.n; i++)
		group_free(&s->g[i]);
	for (i = 0; i < s->products.n; i++)
		store_free(&s->q[i]);
	free(s->g);
	free(s->seen);
	free(s->files);
	arena_free(&s->rarena);
	free(s->seg);
	free(s->rng);
	free(s->rpos);
	free(s->idbuf);
	free(s->b);
	free(s->q);
	free(s->qn);
	strmap_free(&s->gmap);
	strmap_free(&s->ids);
	strmap_free(&s->buyers);
	free(s->bg);
	strmap_free(&s->products);
	memset(s, 0, sizeof *s);
}

/* Grow the array *P of *CAP elements of SIZE bytes to hold index I; new ones zeroed. */
static void *
grow_zero(void *p, size_t *cap, size_t i, size_t size)
{
	size_t ncap = *cap ? *cap : 16;

	if (i < *cap)
		return p;
	while (ncap <= i)
		ncap *= 2;
	p = xrealloc(p, ncap, size);
	memset((char *)p + *cap * size, 0, (ncap - *cap) * size);
	*cap = ncap;
	return p;
}

static void
see_opened(struct stats *s, long long t)
{
	if (!s->has_earliest || t < s->earliest) {
		s->earliest = t;
		s->has_earliest = 1;
	}
}

static void
see_time(struct stats *s, int has, long long t)
{
	if (has && (!s->has_latest || t > s->latest)) {
		s->latest = t;
		s->has_latest = 1;
	}
}

/* Count T in G; its durations and times go to G's stores when STORES. */
static void
group_add(struct stats_group *g, const struct stats_ticket *t, int stores)
{
	int closed = t->has_resolved || t->outcome == STATS_OUT_RESOLVED;
	int solved = closed && t->outcome != STATS_OUT_UNRESOLVED;

	g->tickets++;
	if (t->has_opened)
		g->timed++;
	if (t->has_opened && stores) {
		if (!t->reply_col)
			;
		else if (t->has_reply)
			store_add(&g->reply, t->reply - t->opened);
		else if (t->has_resolved)
			store_add(&g->reply, t->resolved - t->opened);
		else
			store_add(&g->noreply, t->opened);
		if (!closed && t->close_col)
			store_add(&g->open, t->opened);
		if (solved && t->has_resolved)
			store_add(&g->res, t->resolved - t->opened);
	}
	if (solved)
		g->resolved++;
	else if (closed)
		g->closed_unres++;
	if (t->reopened >= 0) {
		g->reopen_known++;
		g->reopened += t->reopened > 0;
	}
	if (solved) {
		/*
		 * Resolved at first contact: one contact and not reopened.  A
		 * known failure of either decides; success needs every column
		 * the log has to be known.  A blank cell is unknown, never
		 * success.
		 */
		int fail = t->contacts > 1 || t->reopened > 0;
		int unknown = (t->contacts_col && t->contacts < 0) ||
		    (t->reopen_col && t->reopened < 0) ||
		    (!t->contacts_col && !t->reopen_col);

		if (fail || !unknown) {
			g->fcr_known++;
			g->fcr += !fail;
		}
	}
}

/* The complainant BUYER[0..N), created when new. */
static struct stats_buyer *
buyer_get(struct stats *s, const char *buyer, size_t n)
{
	int isnew;
	size_t i = strmap_put(&s->buyers, buyer, n, &isnew);

	s->b = grow_zero(s->b, &s->bcap, i, sizeof *s->b);
	return &s->b[i];
}

/* Non-zero when B had not complained in group GI; remembers that it has. */
static int
buyer_in_new_group(struct stats *s, struct stats_buyer *b, uint32_t gi)
{
	uint32_t k;

	if (b->g1 == 0) {
		b->g1 = gi + 1;
		return 1;
	}
	if (b->g1 == gi + 1)
		return 0;
	for (k = b->more; k != 0; k = s->bg[k - 1].next)
		if (s->bg[k - 1].g == gi)
			return 0;
	s->bg = grow_zero(s->bg, &s->bgcap, s->nbg, sizeof *s->bg);
	s->bg[s->nbg].g = gi;
	s->bg[s->nbg].next = b->more;
	b->more = (uint32_t)++s->nbg;
	return 1;
}

/* Count BUYER[0..N) (N 0: none) as a complainant of group I and of all. */
static void
count_buyer(struct stats *s, size_t i, const char *buyer, size_t n)
{
	struct stats_buyer *b;
	int first;

	if (n == 0) {
		s->g[i].nobuyer++;
		s->all.nobuyer++;
		return;
	}
	b = buyer_get(s, buyer, n);
	first = b->g1 == 0;
	if (buyer_in_new_group(s, b, (uint32_t)i)) {
		s->g[i].buyers++;
		s->all.buyers += first;
	}
}

unsigned long long
stats_complainants(const struct stats_group *g)
{
	return g->buyers + g->nobuyer;
}

void
stats_add(
    struct stats *s, const char *key, size_t n, const struct stats_ticket *t)
{
	int isnew;
	size_t i = s->glast;

	/* Consecutive tickets often share a group: no hashing then. */
	if (i >= s->gmap.n || s->gmap.klen[i] != n ||
	    memcmp(s->gmap.key[i], key, n) != 0) {
		i = strmap_put(&s->gmap, key, n, &isnew);
		s->g = grow_zero(s->g, &s->gcap, i, sizeof *s->g);
		s->glast = i;
	}
	group_add(&s->g[i], t, 1);
	group_add(&s->all, t, 0);
	count_buyer(s, i, t->buyer, t->buyer != NULL ? t->nbuyer : 0);
	s->reply_col |= t->reply_col != 0;
	s->close_col |= t->close_col != 0;
	if (t->has_opened)
		see_opened(s, t->opened);
	see_time(s, t->has_opened, t->opened);
	see_time(s, t->has_reply, t->reply);
	see_time(s, t->has_resolved, t->resolved);
}

/* The number of input FILE (1-based), adding it when new. */
static uint64_t
file_number(struct stats *s, const char *file)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (s->files[i] == file)
			return i + 1;
	s->files = xrealloc(s->files, s->nfiles + 1, sizeof *s->files);
	s->files[s->nfiles++] = file;
	return s->nfiles;
}

/* Where ids are remembered: file number << 40 | line. */
static uint64_t
id_pos(struct stats *s, const char *file, long line)
{
	if (file == NULL)
		return 0;
	return file_number(s, file) << 40 |
	    ((uint64_t)(line > 0 ? line : 0) & ((1ULL << 40) - 1));
}

/* Fill s->dup from POS and return it. */
static const struct stats_seen *
id_dup(struct stats *s, uint64_t pos)
{
	uint64_t f = pos >> 40;

	s->dup.file = f > 0 && f <= s->nfiles ? s->files[f - 1] : NULL;
	s->dup.line = (long)(pos & ((1ULL << 40) - 1));
	return &s->dup;
}

/* The trailing digits of ID[0..N), at most 18: their count, *NUM their value. */
static uint32_t
id_split(const char *id, size_t n, uint64_t *num)
{
	uint64_t v = 0, m = 1;
	uint32_t w = 0;

	while (w < n && w < 18 && id[n - 1 - w] >= '0' && id[n - 1 - w] <= '9') {
		v += (uint64_t)(id[n - 1 - w] - '0') * m;
		m *= 10;
		w++;
	}
	*num = v;
	return w;
}

/* NUM as WIDTH digits, zero-padded, at BUF. */
static void
put_digits(char *buf, uint32_t width, uint64_t num)
{
	while (width-- > 0) {
		buf[width] = (char)('0' + num % 10);
		num /= 10;
	}
}

/*
 * Compare the run's id (G, NUM) with ID[0..N): by length, then bytes (the
 * run's order).
 */
static int
run_cmp(const struct stats_idseg *g, uint64_t num, const char *id, size_t n)
{
	char digits[20];
	int r;

	if (g->plen + g->width != n)
		return g->plen + g->width < n ? -1 : 1;
	if (g->plen > 0 && (r = memcmp(g->prefix, id, g->plen)) != 0)
		return r;
	put_digits(digits, g->width, num);
	return memcmp(digits, id + g->plen, g->width);
}

/* Non-zero when ID[0..N), split as W digits of NUM, belongs to segment G. */
static int
in_segment(const struct stats_idseg *g, const char *id, size_t n, uint32_t w)
{
	return g->width == w && g->plen == n - w &&
	    (g->plen == 0 || memcmp(g->prefix, id, g->plen) == 0);
}

/* The position of run id IDX. */
static uint64_t
run_pos(const struct stats *s, uint64_t idx)
{
	size_t lo = 0, hi = s->npos;
	const struct stats_idpos *p;

	/* The last entry covering IDX: entries start at increasing ids. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->rpos[mid].idx <= idx)
			lo = mid;
		else
			hi = mid;
	}
	p = &s->rpos[lo];
	return p->pos + (idx - p->idx) * p->step;
}

/*
 * Remember that run id IDX (the next one) was seen at POS.  Lines mostly
 * follow each other: a new entry only where they do not.
 */
static void
run_note_pos(struct stats *s, uint64_t idx, uint64_t pos)
{
	struct stats_idpos *p = s->npos ? &s->rpos[s->npos - 1] : NULL;

	if (p != NULL && p->pos + (idx - p->idx) * p->step == pos)
		return;
	if (p != NULL && idx == p->idx + 1) {
		p->step = pos - p->pos;
		return;
	}
	if (s->npos == s->poscap) {
		s->poscap = s->poscap ? s->poscap * 2 : 16;
		s->rpos = xrealloc(s->rpos, s->poscap, sizeof *s->rpos);
	}
	p = &s->rpos[s->npos++];
	p->idx = idx;
	p->pos = pos;
	p->step = 1;
}

/* Write the run's id (G, NUM) into s->idbuf; returns its length. */
static size_t
run_write(struct stats *s, const struct stats_idseg *g, uint64_t num)
{
	size_t n = (size_t)g->plen + g->width;

	if (n + 1 > s->idbufcap) {
		s->idbufcap = n + 1 > 64 ? n + 1 : 64;
		s->idbuf = xrealloc(s->idbuf, s->idbufcap, 1);
	}
	memcpy(s->idbuf, g->prefix, g->plen);
	put_digits(s->idbuf + g->plen, g->width, num);
	s->idbuf[n] = '\0';
	return n;
}

/* The last range of segment I, plus one. */
static size_t
seg_end(const struct stats *s, size_t i)
{
	return i + 1 < s->nseg ? s->seg[i + 1].range0 : s->nrng;
}

/*
 * Non-zero when ID (split as W, NUM) comes after every id of the run;
 * *SAME says whether it belongs to the last segment.
 */
static int
run_after(const struct stats *s, const char *id, size_t n, uint32_t w,
    uint64_t num, int *same)
{
	const struct stats_idseg *g = &s->seg[s->nseg - 1];
	const struct stats_idrange *r = &s->rng[s->nrng - 1];
	uint64_t last = r->first + r->count - 1;

	if ((*same = in_segment(g, id, n, w)) != 0)
		return num > last;
	return run_cmp(g, last, id, n) < 0;
}

/* Index in the run of ID[0..N), or -1. */
static long
run_find(const struct stats *s, const char *id, size_t n)
{
	size_t lo = 0, hi = s->nseg, end;
	const struct stats_idseg *g;
	uint64_t num = 0;
	uint32_t i;

	/* The last segment whose first id is not after ID. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		g = &s->seg[mid];
		if (run_cmp(g, s->rng[g->range0].first, id, n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	g = &s->seg[lo - 1];
	if (g->plen + g->width != n ||
	    (g->plen > 0 && memcmp(g->prefix, id, g->plen) != 0))
		return -1;
	for (i = 0; i < g->width; i++) {
		char c = id[g->plen + i];

		if (c < '0' || c > '9')
			return -1;
		num = num * 10 + (uint64_t)(c - '0');
	}
	/* The last range of the segment that starts at or before NUM. */
	lo = g->range0;
	hi = end = seg_end(s, (size_t)(g - s->seg));
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->rng[mid].first <= num)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == g->range0 || num - s->rng[lo - 1].first >= s->rng[lo - 1].count)
		return -1;
	return (long)(s->rng[lo - 1].idx + (num - s->rng[lo - 1].first));
}

/* Put ID into the hash map with POS; 0, or 1 when it was there. */
static int
map_see(struct stats *s, const char *id, size_t n, uint64_t pos, uint64_t *old)
{
	int isnew;
	size_t i = strmap_put(&s->ids, id, n, &isnew);

	if (!isnew) {
		*old = s->seen[i];
		return 1;
	}
	s->seen = grow_zero(s->seen, &s->seencap, i, sizeof *s->seen);
	s->seen[i] = pos;
	return 0;
}

/* Ids come out of order too often: move the run into the map. */
static void
close_run(struct stats *s)
{
	uint64_t old, k;
	size_t i, j, n;

	for (i = 0; i < s->nseg; i++)
		for (j = s->seg[i].range0; j < seg_end(s, i); j++)
			for (k = 0; k < s->rng[j].count; k++) {
				n = run_write(s, &s->seg[i], s->rng[j].first + k);
				map_see(s, s->idbuf, n, run_pos(s,
				    s->rng[j].idx + k), &old);
			}
	arena_free(&s->rarena);
	free(s->seg);
	free(s->rng);
	free(s->rpos);
	s->seg = NULL;
	s->rng = NULL;
	s->rpos = NULL;
	s->nseg = s->segcap = s->nrng = s->rngcap = s->npos = s->poscap = 0;
	s->rn = 0;
	s->rclosed = 1;
}

/*
 * Append ID (split as W digits of NUM), after every id of the run; SAME:
 * it belongs to the last segment.
 */
static void
run_append(struct stats *s, const char *id, size_t n, uint32_t w,
    uint64_t num, uint64_t pos, int same)
{
	struct stats_idrange *r = s->nrng ? &s->rng[s->nrng - 1] : NULL;

	if (same && num == r->first + r->count && r->count < UINT32_MAX)
		r->count++;
	else {
		if (!same) {
			struct stats_idseg *g;

			if (s->nseg == s->segcap) {
				s->segcap = s->segcap ? s->segcap * 2 : 16;
				s->seg = xrealloc(s->seg, s->segcap, sizeof *s->seg);
			}
			g = &s->seg[s->nseg++];
			g->prefix = arena_copy(&s->rarena, id, n - w);
			g->plen = (uint32_t)(n - w);
			g->width = w;
			g->range0 = s->nrng;
		}
		if (s->nrng == s->rngcap) {
			s->rngcap = s->rngcap ? s->rngcap * 2 : 16;
			s->rng = xrealloc(s->rng, s->rngcap, sizeof *s->rng);
		}
		r = &s->rng[s->nrng++];
		r->first = num;
		r->idx = (uint32_t)s->rn;
		r->count = 1;
	}
	run_note_pos(s, s->rn, pos);
	s->rn++;
	s->nordered++;
}

const struct stats_seen *
stats_see_id(
    struct stats *s, const char *id, size_t n, const char *file, long line)
{
	uint64_t pos = id_pos(s, file, line), old, num;
	uint32_t w = id_split(id, n, &num);
	int same = 0;
	long j;

	/* Run indices are 32-bit: a run that long joins the map. */
	if (!s->rclosed && s->rn >= UINT32_MAX)
		close_run(s);
	if (!s->rclosed &&
	    (s->rn == 0 || run_after(s, id, n, w, num, &same))) {
		/* Larger than every id so far: new, and the run stays sorted. */
		run_append(s, id, n, w, num, pos, same);
		return NULL;
	}
	if (s->rn > 0 && (j = run_find(s, id, n)) >= 0)
		return id_dup(s, run_pos(s, (uint64_t)j));
	if (map_see(s, id, n, pos, &old))
		return id_dup(s, old);
	s->nunordered++;
	if (!s->rclosed && s->nunordered > 4096 &&
	    s->nunordered * 4 > s->nordered)
		close_run(s);
	return NULL;
}

/* Non-zero when complaint (HAS_T, T, CLS) comes before B's. */
static int
buyer_earlier(const struct stats_buyer *b, int has_t, long long t, int cls)
{
	if (has_t != b->has_t)
		return has_t;
	if (has_t && t != b->t)
		return t < b->t;
	return cls < b->cls;
}

void
stats_add_buyer(struct stats *s, const char *name, size_t n, int has_t,
    long long t, int cls)
{
	struct stats_buyer *b = buyer_get(s, name, n);

	if (!b->seen || buyer_earlier(b, has_t, t, cls)) {
		b->has_t = has_t;
		b->t = has_t ? t : 0;
		b->cls = cls;
		b->seen = 1;
	}
}

void
stats_add_quality(struct stats *s, const char *product, size_t n, int has_t,
    long long t)
{
	int isnew;
	size_t i = strmap_put(&s->products, product, n, &isnew);
	size_t cap = s->qcap;

	s->q = grow_zero(s->q, &cap, i, sizeof *s->q);
	s->qn = grow_zero(s->qn, &s->qcap, i, sizeof *s->qn);
	if (has_t)
		store_add(&s->q[i], t);
	else
		s->qn[i]++;
}

enum stats_class
stats_classify(const struct stats_ticket *t, long long quick)
{
	if (t->outcome == STATS_OUT_UNRESOLVED)
		return STATS_UNRESOLVED;
	if (!t->has_resolved)
		return t->outcome == STATS_OUT_RESOLVED ? STATS_RESOLVED :
		    STATS_UNRESOLVED;
	if (t->has_opened && t->resolved - t->opened <= quick)
		return STATS_QUICK;
	return STATS_RESOLVED;
}

/* Append SRC's values to DST. */
static void
store_append(struct stats_store *dst, const struct stats_store *src)
{
	size_t i;

	if (src->n == 0)
		return;
	if (dst->n + src->n > dst->cap) {
		dst->cap = dst->n + src->n;
		if (dst->v != NULL)
			dst->v = xrealloc(dst->v, dst->cap, sizeof *dst->v);
		else
			dst->d = xrealloc(dst->d, dst->cap, sizeof *dst->d);
	}
	if (dst->n == 0 && src->v == NULL && dst->v == NULL) {
		/* The commonest case, one group: a copy. */
		dst->base = src->base;
		memcpy(dst->d, src->d, src->n * sizeof *src->d);
		dst->n = src->n;
	} else
		for (i = 0; i < src->n; i++)
			store_add(dst, store_at(src, i));
	dst->sorted = 0;
}

void
stats_fill_all(struct stats *s)
{
	size_t i;

	if (s->all_filled)
		return;
	for (i = 0; i < s->gmap.n; i++) {
		store_append(&s->all.reply, &s->g[i].reply);
		store_append(&s->all.res, &s->g[i].res);
		store_append(&s->all.open, &s->g[i].open);
		store_append(&s->all.noreply, &s->g[i].noreply);
	}
	s->all_filled = 1;
}

size_t
stats_ngroups(const struct stats *s)
{
	return s->gmap.n;
}

const char *
stats_group_key(const struct stats *s, size_t i, size_t *len)
{
	*len = s->gmap.klen[i];
	return s->gmap.key[i];
}

struct stats_group *
stats_group_at(struct stats *s, size_t i)
{
	return i < s->gmap.n ? &s->g[i] : NULL;
}

struct stats_group *
stats_group_find(struct stats *s, const char *key, size_t n)
{
	long i = strmap_get(&s->gmap, key, n);

	return i < 0 ? NULL : &s->g[i];
}

/* --- words and figures --------------------------------------------------- */

/* Non-zero when S[0..N) contains one of the NULL-terminated WORDS. */
static int
has_word(const char *s, size_t n, const char *const *words)
{
	for (; *words != NULL; words++) {
		size_t k = strlen(*words), i;

		for (i = 0; i + k <= n; i++)
			if (memcmp(s + i, *words, k) == 0)
				return 1;
	}
	return 0;
}

/* ASCII-lowercase copy of S[0..N) into BUF (size CAP); returns its length. */
static size_t
lower(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i;

	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++)
		buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	buf[n] = '\0';
	return n;
}

enum stats_outcome
stats_parse_outcome(const char *s, size_t n)
{
	static const char *const unres[] = { "未解决", "未处理", "处理中",
	    "待处理", "拒绝", "驳回", "失败", "未完结", "unresolved", "reject",
	    "fail", "pending", "open", NULL };
	static const char *const res[] = { "已解决", "解决", "完成", "完结",
	    "成功", "已处理", "resolved", "solved", "done", "closed", NULL };
	char buf[256];

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	if (n == 0)
		return STATS_OUT_NONE;
	if (has_word(buf, n, unres))
		return STATS_OUT_UNRESOLVED;
	if (has_word(buf, n, res))
		return STATS_OUT_RESOLVED;
	return STATS_OUT_NONE;
}

int
stats_parse_flag(const char *s, size_t n)
{
	static const char *const yes[] = { "是", "y", "yes", "true", "重开",
		NULL };
	static const char *const no[] = { "否", "n", "no", "false", NULL };
	char buf[64];
	size_t i;
	int k;

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	if (n == 0)
		return -1;
	for (i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		;
	if (i == n)
		return strspn(buf, "0") == n ? 0 : 1;
	for (k = 0; yes[k] != NULL; k++)
		if (strcmp(buf, yes[k]) == 0)
			return 1;
	for (k = 0; no[k] != NULL; k++)
		if (strcmp(buf, no[k]) == 0)
			return 0;
	return -1;
}

int
stats_is_quality(const char *s, size_t n)
{
	static const char *const words[] = { "quality", "质量", "瑕疵", "次品",
	    "做工", "退货", "换货", "退换", NULL };
	char buf[256];

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	return has_word(buf, n, words);
}

/* The Monday of the ISO week holding DAYS, and that week's ISO year and number. */
static long
iso_week(long days, int *year, int *week)
{
	long monday = days - tp_weekday(days);
	long thursday = monday + 3;
	int y, m, d;

	tp_civil_from_days(thursday, &y, &m, &d);
	*year = y;
	*week = (int)((thursday - tp_days_from_civil(y, 1, 1)) / 7 + 1);
	return monday;
}

char *
stats_period_label(enum stats_period p, long long t, char *buf)
{
	long days = tp_local_day(t);
	int y, m, d, w;

	switch (p) {
	case STATS_DAY:
		tp_format_date(days, buf);
		break;
	case STATS_WEEK:
		iso_week(days, &y, &w);
		snprintf(buf, 16, "%04d-W%02d", y, w);
		break;
	case STATS_MONTH:
		tp_civil_from_days(days, &y, &m, &d);
		snprintf(buf, 16, "%04d-%02d", y, m);
		break;
	default:
		buf[0] = '\0';
		break;
	}
	return buf;
}

const char *
stats_period_name(enum stats_period p)
{
	static const char *const names[] = { "", "day", "week", "month" };

	return names[p];
}

/* The label DELTA (-1 or 1) periods from LABEL into BUF; NULL if not one. */
static char *
period_step(enum stats_period p, const char *label, int delta, char *buf)
{
	int y, m, d, w;
	long days;

	switch (p) {
	case STATS_DAY:
		if (sscanf(label, "%4d-%2d-%2d", &y, &m, &d) != 3)
			return NULL;
		tp_format_date(tp_days_from_civil(y, m, d) + delta, buf);
		return buf;
	case STATS_WEEK:
		if (sscanf(label, "%4d-W%2d", &y, &w) != 2 || y < 1 || y > 9999)
			return NULL;
		/* The Monday of week 1 is the Monday of the week holding 4 January. */
		days = tp_days_from_civil(y, 1, 4);
		days = days - tp_weekday(days) + (long)(w - 1) * 7 + 7L * delta;
		iso_week(days, &y, &w);
		snprintf(buf, 16, "%04d-W%02d", y, w);
		return buf;
	case STATS_MONTH:
		if (sscanf(label, "%4d-%2d", &y, &m) != 2 || y < 1 ||
		    y > 9999 || m < 1 || m > 12)
			return NULL;
		m += delta;
		if (m == 0) {
			m = 12;
			y--;
		} else if (m == 13) {
			m = 1;
			y++;
		}
		snprintf(buf, 16, "%04d-%02d", y, m);
		return buf;
	default:
		return NULL;
	}
}

char *
stats_period_prev(enum stats_period p, const char *label, char *buf)
{
	return period_step(p, label, -1, buf);
}

char *
stats_period_next(enum stats_period p, const char *label, char *buf)
{
	return period_step(p, label, 1, buf);
}

/* V / 100 with two decimals into BUF. */
static char *
fmt_centi(long long v, char *buf)
{
	const char *sign = v < 0 ? "-" : "";

	if (v < 0)
		v = -v;
	snprintf(buf, 32, "%s%lld.%02lld", sign, v / 100, v % 100);
	return buf;
}

/* Round NUM / DEN half away from zero (DEN > 0). */
static long long
div_round(long long num, long long den)
{
	if (num >= 0)
		return (num * 2 + den) / (den * 2);
	return -((-num * 2 + den) / (den * 2));
}

char *
stats_fmt_hours(long long sec, char *buf)
{
	return fmt_centi(div_round(sec * 100, 3600), buf);
}

char *
stats_fmt_days(long long sec, char *buf)
{
	return fmt_centi(div_round(sec * 100, 86400), buf);
}

char *
stats_fmt_mean_hours(stats_sum sum, long long n, char *buf)
{
	stats_sum num, den, c;
	unsigned long long v;
	const char *sign = sum < 0 ? "-" : "";

	if (n <= 0) {
		buf[0] = '\0';
		return buf;
	}
	/*
	 * Durations are under 2^39 s (years 1000 to 9999) and counts under
	 * 2^64: the sum stays under 2^103, and |sum| * 200 fits.
	 */
	num = (sum < 0 ? -sum : sum) * 200;
	den = (stats_sum)3600 * 2 * n;
	c = (num + den / 2) / den;	/* centi-hours, half away from zero */
	/* The mean is at most the largest value: c fits 64 bits. */
	v = (unsigned long long)c;
	snprintf(buf, 32, "%s%llu.%02llu", sign, v / 100, v % 100);
	return buf;
}

char *
stats_fmt_pct(unsigned long long num, unsigned long long den, char *buf)
{
	unsigned long long v;

	if (den == 0) {
		buf[0] = '\0';
		return buf;
	}
	v = (num * 2000 + den) / (den * 2);
	snprintf(buf, 32, "%llu.%llu", v / 10, v % 10);
	return buf;
}

/* --- partial state ------------------------------------------------------ */

/* The counters of a group, by name, in the order they are written. */
static unsigned long long *
group_counter(struct stats_group *g, const char *name)
{
	if (strcmp(name, "tickets") == 0)
		return &g->tickets;
	if (strcmp(name, "timed") == 0)
		return &g->timed;
	if (strcmp(name, "resolved") == 0)
		return &g->resolved;
	if (strcmp(name, "closed_unres") == 0)
		return &g->closed_unres;
	if (strcmp(name, "reopen_known") == 0)
		return &g->reopen_known;
	if (strcmp(name, "reopened") == 0)
		return &g->reopened;
	if (strcmp(name, "fcr_known") == 0)
		return &g->fcr_known;
	if (strcmp(name, "fcr") == 0)
		return &g->fcr;
	if (strcmp(name, "nobuyer") == 0)
		return &g->nobuyer;
	return NULL;
}

static const char *const counter_names[] = { "tickets", "timed", "resolved",
    "closed_unres", "reopen_known", "reopened", "fcr_known", "fcr", "nobuyer",
    NULL };

static struct stats_store *
group_store(struct stats_group *g, const char *name)
{
	if (strcmp(name, "reply") == 0)
		return &g->reply;
	if (strcmp(name, "res") == 0)
		return &g->res;
	if (strcmp(name, "open") == 0)
		return &g->open;
	if (strcmp(name, "noreply") == 0)
		return &g->noreply;
	return NULL;
}

static const char *const store_names[] = { "reply", "res", "open", "noreply",
	NULL };

/* Emit ST as runs of equal values: (value, count). */
static void
emit_store(struct stats_store *st, const char *sec, const char *key,
    size_t klen, const char *name, stats_emit_fn fn, void *ctx)
{
	char v[32], c[32];
	size_t i = 0, j;

	store_sort(st);
	while (i < st->n) {
		for (j = i; j < st->n && store_at(st, j) == store_at(st, i); j++)
			;
		snprintf(v, sizeof v, "%lld", store_at(st, i));
		snprintf(c, sizeof c, "%zu", j - i);
		fn(ctx, sec, key, klen, name, v, c);
		i = j;
	}
}

static void
emit_meta(struct stats *s, stats_emit_fn fn, void *ctx)
{
	char v[32];

	snprintf(v, sizeof v, "%llu", s->read);
	fn(ctx, "meta", "", 0, "read", v, "");
	snprintf(v, sizeof v, "%llu", s->rejected);
	fn(ctx, "meta", "", 0, "rejected", v, "");
	if (s->has_latest) {
		snprintf(v, sizeof v, "%lld", s->latest);
		fn(ctx, "meta", "", 0, "latest", v, "");
	}
	if (s->has_earliest) {
		snprintf(v, sizeof v, "%lld", s->earliest);
		fn(ctx, "meta", "", 0, "earliest", v, "");
	}
	snprintf(v, sizeof v, "%d", s->reply_col | s->close_col << 1);
	fn(ctx, "meta", "", 0, "columns", v, "");
}

static void
emit_groups(struct stats *s, stats_emit_fn fn, void *ctx)
{
	char v[32];
	size_t i, k;

	for (i = 0; i < s->gmap.n; i++) {
		const char *key = s->gmap.key[i];
		size_t klen = s->gmap.klen[i];

		for (k = 0; counter_names[k] != NULL; k++) {
			unsigned long long c =
			    *group_counter(&s->g[i], counter_names[k]);

			if (c == 0 && k > 0)
				continue;
			snprintf(v, sizeof v, "%llu", c);
			fn(ctx, "g", key, klen, counter_names[k], v, "");
		}
		for (k = 0; store_names[k] != NULL; k++)
			emit_store(group_store(&s->g[i], store_names[k]), "v",
			    key, klen, store_names[k], fn, ctx);
	}
}

void
stats_emit(struct stats *s, stats_emit_fn fn, void *ctx)
{
	char v[32], c[32];
	size_t i, j, n;
	uint64_t k;

	emit_meta(s, fn, ctx);
	emit_groups(s, fn, ctx);
	for (i = 0; i < s->nseg; i++)
		for (j = s->seg[i].range0; j < seg_end(s, i); j++)
			for (k = 0; k < s->rng[j].count; k++) {
				n = run_write(s, &s->seg[i], s->rng[j].first + k);
				fn(ctx, "id", s->idbuf, n, "", "", "");
			}
	for (i = 0; i < s->ids.n; i++)
		fn(ctx, "id", s->ids.key[i], s->ids.klen[i], "", "", "");
	for (i = 0; i < s->buyers.n; i++) {
		if (!s->b[i].seen)
			continue;
		snprintf(v, sizeof v, "%lld", s->b[i].t);
		snprintf(c, sizeof c, "%d", s->b[i].cls);
		fn(ctx, "b", s->buyers.key[i], s->buyers.klen[i], c,
		    s->b[i].has_t ? v : "", "");
	}
	/* Each group's buyers, buyer by buyer; all's follow from them. */
	for (i = 0; i < s->buyers.n; i++) {
		uint32_t k;

		if (s->b[i].g1 == 0)
			continue;
		fn(ctx, "gb", s->buyers.key[i], s->buyers.klen[i],
		    s->gmap.key[s->b[i].g1 - 1], "", "");
		for (k = s->b[i].more; k != 0; k = s->bg[k - 1].next)
			fn(ctx, "gb", s->buyers.key[i], s->buyers.klen[i],
			    s->gmap.key[s->bg[k - 1].g], "", "");
	}
	for (i = 0; i < s->products.n; i++) {
		emit_store(&s->q[i], "q", s->products.key[i],
		    s->products.klen[i], "", fn, ctx);
		if (s->qn[i] > 0) {
			snprintf(c, sizeof c, "%llu", s->qn[i]);
			fn(ctx, "q", s->products.key[i], s->products.klen[i],
			    "", "", c);
		}
	}
}

void
stats_seal_init(struct stats_seal *seal)
{
	seal->n = 0;
	seal->h = 14695981039346656037ULL;
}

/* Hash N bytes of S, then the separator SEP, into *H. */
static void
seal_bytes(uint64_t *h, const char *s, size_t n, unsigned char sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*h ^= (unsigned char)s[i];
		*h *= 1099511628211ULL;
	}
	*h ^= sep;
	*h *= 1099511628211ULL;
}

void
stats_seal_add(struct stats_seal *seal, const char *section, const char *key,
    size_t klen, const char *name, const char *value, const char *count)
{
	seal_bytes(&seal->h, section, strlen(section), 0x1f);
	seal_bytes(&seal->h, key, klen, 0x1f);
	seal_bytes(&seal->h, name, strlen(name), 0x1f);
	seal_bytes(&seal->h, value, strlen(value), 0x1f);
	seal_bytes(&seal->h, count, strlen(count), 0x1e);
	seal->n++;
}

char *
stats_seal_hex(const struct stats_seal *seal, char *buf)
{
	snprintf(buf, 17, "%016llx", (unsigned long long)seal->h);
	return buf;
}

/* Non-zero when T is a time a state may hold. */
static int
time_ok(long long t)
{
	return t >= STATS_TIME_MIN && t <= STATS_TIME_MAX;
}

/* Parse a whole decimal integer; 0, or -1 when S is not one. */
static int
parse_ll(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	return *s == '\0' || *end != '\0' || errno != 0 ? -1 : 0;
}

static int
absorb_meta(struct stats *s, const char *name, long long v)
{
	if (v < 0 && strcmp(name, "latest") != 0 &&
	    strcmp(name, "earliest") != 0)
		return -1;
	if ((strcmp(name, "latest") == 0 || strcmp(name, "earliest") == 0) &&
	    !time_ok(v))
		return -1;
	if (strcmp(name, "read") == 0) {
		if (s->read + (unsigned long long)v < s->read)
			return -1;
		s->read += (unsigned long long)v;
	}
	else if (strcmp(name, "rejected") == 0)
		s->rejected += (unsigned long long)v;
	else if (strcmp(name, "latest") == 0)
		see_time(s, 1, v);
	else if (strcmp(name, "earliest") == 0)
		see_opened(s, v);
	else if (strcmp(name, "columns") == 0 && v <= 3) {
		s->reply_col |= (int)(v & 1);
		s->close_col |= (int)(v >> 1);
	}
	else
		return -1;
	return 0;
}

/* The group KEY, created when new. */
static struct stats_group *
group_get(struct stats *s, const char *key, size_t klen)
{
	int isnew;
	size_t i = strmap_put(&s->gmap, key, klen, &isnew);

	s->g = grow_zero(s->g, &s->gcap, i, sizeof *s->g);
	return &s->g[i];
}

static int
absorb_group(struct stats *s, const char *sec, const char *key, size_t klen,
    const char *name, long long v, long long c)
{
	struct stats_group *g = group_get(s, key, klen);

	if (sec[0] == 'g') {
		unsigned long long *p = group_counter(g, name);

		if (p == NULL || v < 0 || (unsigned long long)v > s->read)
			return -1;
		*p += (unsigned long long)v;
		*group_counter(&s->all, name) += (unsigned long long)v;
		return 0;
	}
	if (group_store(g, name) == NULL || c < 1 ||
	    (unsigned long long)c > s->read)
		return -1;
	/* reply and res hold durations, open and noreply times. */
	if (name[0] == 'r' ? v < 0 || v > STATS_DURATION_MAX : !time_ok(v))
		return -1;
	store_addn(group_store(g, name), v, (unsigned long long)c);
	return 0;
}

int
stats_absorb(struct stats *s, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	long long v = 0, c = 0;
	int hasv = value[0] != '\0';

	if ((hasv && parse_ll(value, &v) != 0) ||
	    (count[0] != '\0' && parse_ll(count, &c) != 0))
		return -1;
	if (c < 0 || (unsigned long long)c > s->read)
		return -1;
	if (strcmp(sec, "meta") == 0)
		return hasv ? absorb_meta(s, name, v) : -1;
	if ((strcmp(sec, "g") == 0 || strcmp(sec, "v") == 0) && hasv)
		return absorb_group(s, sec, key, klen, name, v, c);
	if (strcmp(sec, "id") == 0)
		return stats_see_id(s, key, klen, NULL, 0) != NULL;
	if (strcmp(sec, "gb") == 0) {
		size_t gi;
		int isnew;

		if (hasv || count[0] != '\0' || klen == 0)
			return -1;
		gi = strmap_put(&s->gmap, name, strlen(name), &isnew);
		s->g = grow_zero(s->g, &s->gcap, gi, sizeof *s->g);
		count_buyer(s, gi, key, klen);
		return 0;
	}
	if (strcmp(sec, "b") == 0) {
		long long cls;

		if (parse_ll(name, &cls) != 0 || cls < 0 || cls >= STATS_NCLASS ||
		    (hasv && !time_ok(v)))
			return -1;
		stats_add_buyer(s, key, klen, hasv, v, (int)cls);
		return 0;
	}
	if (strcmp(sec, "q") == 0 && (hasv ? c >= 1 : c >= 1)) {
		int isnew2;
		size_t i;

		if (hasv) {
			if (!time_ok(v))
				return -1;
			while (c-- > 0)
				stats_add_quality(s, key, klen, 1, v);
			return 0;
		}
		stats_add_quality(s, key, klen, 0, 0);
		i = strmap_put(&s->products, key, klen, &isnew2);
		s->qn[i] += (unsigned long long)c - 1;
		return 0;
	}
	return -1;
}
