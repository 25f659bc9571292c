#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "stats/idset.h"

void
idset_init(struct stats_idset *s)
{
	memset(s, 0, sizeof *s);
}

void
idset_free(struct stats_idset *s)
{
	free(s->seen);
	free(s->files);
	arena_free(&s->rarena);
	free(s->seg);
	free(s->rng);
	free(s->rpos);
	free(s->idbuf);
	strmap_free(&s->ids);
	memset(s, 0, sizeof *s);
}

/* The number of input FILE (1-based), adding it when new. */
static uint64_t
file_number(struct stats_idset *s, const char *file)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (s->files[i] == file)
			return i + 1;
	s->files = xreallocarray(s->files, s->nfiles + 1, sizeof *s->files);
	s->files[s->nfiles++] = file;
	return s->nfiles;
}

/* Where ids are remembered: file number << 40 | line. */
static uint64_t
id_pos(struct stats_idset *s, const char *file, long line)
{
	if (file == NULL)
		return 0;
	return file_number(s, file) << 40 |
	    ((uint64_t)(line > 0 ? line : 0) & ((1ULL << 40) - 1));
}

/* Fill s->dup from POS and return it. */
static const struct stats_seen *
id_dup(struct stats_idset *s, uint64_t pos)
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
run_pos(const struct stats_idset *s, uint64_t idx)
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
run_note_pos(struct stats_idset *s, uint64_t idx, uint64_t pos)
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
		s->rpos = xreallocarray(s->rpos, s->poscap, sizeof *s->rpos);
	}
	p = &s->rpos[s->npos++];
	p->idx = idx;
	p->pos = pos;
	p->step = 1;
}

/* Write the run's id (G, NUM) into s->idbuf; returns its length. */
static size_t
run_write(struct stats_idset *s, const struct stats_idseg *g, uint64_t num)
{
	size_t n = (size_t)g->plen + g->width;

	if (n + 1 > s->idbufcap) {
		s->idbufcap = n + 1 > 64 ? n + 1 : 64;
		s->idbuf = xreallocarray(s->idbuf, s->idbufcap, 1);
	}
	memcpy(s->idbuf, g->prefix, g->plen);
	put_digits(s->idbuf + g->plen, g->width, num);
	s->idbuf[n] = '\0';
	return n;
}

/* The last range of segment I, plus one. */
static size_t
seg_end(const struct stats_idset *s, size_t i)
{
	return i + 1 < s->nseg ? s->seg[i + 1].range0 : s->nrng;
}

/*
 * Non-zero when ID (split as W, NUM) comes after every id of the run;
 * *SAME says whether it belongs to the last segment.
 */
static int
run_after(const struct stats_idset *s, const char *id, size_t n, uint32_t w,
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
run_find(const struct stats_idset *s, const char *id, size_t n)
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
map_see(struct stats_idset *s, const char *id, size_t n, uint64_t pos, uint64_t *old)
{
	int isnew;
	size_t i = strmap_put(&s->ids, id, n, &isnew);

	if (!isnew) {
		*old = s->seen[i];
		return 1;
	}
	xgrow_zero(&s->seen, &s->seencap, i + 1, sizeof *s->seen);
	s->seen[i] = pos;
	return 0;
}

/* Ids come out of order too often: move the run into the map. */
static void
close_run(struct stats_idset *s)
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
run_append(struct stats_idset *s, const char *id, size_t n, uint32_t w,
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
				s->seg = xreallocarray(s->seg, s->segcap, sizeof *s->seg);
			}
			g = &s->seg[s->nseg++];
			g->prefix = arena_copy(&s->rarena, id, n - w);
			g->plen = (uint32_t)(n - w);
			g->width = w;
			g->range0 = s->nrng;
		}
		if (s->nrng == s->rngcap) {
			s->rngcap = s->rngcap ? s->rngcap * 2 : 16;
			s->rng = xreallocarray(s->rng, s->rngcap, sizeof *s->rng);
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
idset_see(
    struct stats_idset *s, const char *id, size_t n, const char *file, long line)
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

size_t
idset_count(const struct stats_idset *s)
{
	return s->rn + s->ids.n;
}

void
idset_each(struct stats_idset *s,
    void (*fn)(void *ctx, const char *id, size_t n), void *ctx)
{
	size_t i, j, n;
	uint64_t k;

	for (i = 0; i < s->nseg; i++)
		for (j = s->seg[i].range0; j < seg_end(s, i); j++)
			for (k = 0; k < s->rng[j].count; k++) {
				n = run_write(s, &s->seg[i], s->rng[j].first + k);
				fn(ctx, s->idbuf, n);
			}
	for (i = 0; i < s->ids.n; i++)
		fn(ctx, s->ids.key[i], s->ids.klen[i]);
}
