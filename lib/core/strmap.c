#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strmap.h"

#define ARENA_BLOCK ((size_t)1 << 16)

char *
arena_copy(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (a->nblocks == 0 || a->used + n + 1 > a->size) {
		size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;

		a->blocks =
		    xreallocarray(a->blocks, a->nblocks + 1, sizeof *a->blocks);
		a->blocks[a->nblocks++] = xreallocarray(NULL, size, 1);
		a->used = 0;
		a->size = size;
	}
	p = a->blocks[a->nblocks - 1] + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->used += n + 1;
	return p;
}

/* FNV-1a, then the murmur3 finalizer so that the low bits mix well. */
uint32_t
strmap_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

/* Slot of KEY in M: the one holding it, or the empty one where it goes. */
static size_t
map_probe(const struct strmap *m, const char *key, size_t n, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->slot[i].idx != 0) {
		uint32_t k = m->slot[i].idx - 1;

		if (m->slot[i].hash == h && m->klen[k] == n &&
		    memcmp(m->key[k], key, n) == 0)
			break;
		i = (i + 1) & (m->cap - 1);
	}
	return i;
}

static void
map_grow(struct strmap *m)
{
	struct strmap_slot *old = m->slot;
	size_t ocap = m->cap, i;

	m->cap = m->cap ? m->cap * 2 : 64;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (i = 0; i < ocap; i++) {
		size_t j;

		if (old[i].idx == 0)
			continue;
		j = old[i].hash & (m->cap - 1);
		while (m->slot[j].idx != 0)
			j = (j + 1) & (m->cap - 1);
		m->slot[j] = old[i];
	}
	free(old);
}

size_t
strmap_put(struct strmap *m, const char *key, size_t n, int *isnew)
{
	uint32_t h = strmap_hash(key, n);
	size_t i;

	*isnew = 0;
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	i = map_probe(m, key, n, h);
	if (m->slot[i].idx != 0)
		return m->slot[i].idx - 1;
	if (m->n == m->kcap) {
		m->kcap = m->kcap ? m->kcap * 2 : 64;
		m->key = xreallocarray(m->key, m->kcap, sizeof *m->key);
		m->klen = xreallocarray(m->klen, m->kcap, sizeof *m->klen);
	}
	m->key[m->n] = arena_copy(&m->arena, key, n);
	m->klen[m->n] = (uint32_t)n;
	m->slot[i].idx = (uint32_t)(m->n + 1);
	m->slot[i].hash = h;
	*isnew = 1;
	return m->n++;
}

long
strmap_get(const struct strmap *m, const char *key, size_t n)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	i = map_probe(m, key, n, strmap_hash(key, n));
	return m->slot[i].idx == 0 ? -1 : (long)m->slot[i].idx - 1;
}

void
strmap_free(struct strmap *m)
{
	arena_free(&m->arena);
	free(m->slot);
	free(m->key);
	free(m->klen);
	memset(m, 0, sizeof *m);
}

void
arena_free(struct arena *a)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}
