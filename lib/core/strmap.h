#ifndef CS_STRMAP_H
#define CS_STRMAP_H

/*
 * String keys to dense indices 0, 1, 2 ... in insertion order (open
 * addressing, linear probing, FNV-1a with a murmur3 finish), and the bump
 * allocator that holds the key bytes.  The one hash table of the
 * project: cs-stats' groups, ticket ids, buyers and products, and
 * cs-reviewsort's groups.  Out of memory exits (lib/core/alloc.h).
 */

#include <stddef.h>
#include <stdint.h>

/* Bump allocator for keys; blocks are never moved. */
struct arena {
	char **blocks;		/* allocated blocks */
	size_t nblocks;		/* how many */
	size_t used, size;	/* fill and size of the last block */
};

/* String keys to dense indices 0, 1, 2 ... in insertion order. */
struct strmap_slot {
	uint32_t idx;		/* key index + 1, 0 when empty */
	uint32_t hash;		/* hash of that key */
};

struct strmap {
	struct strmap_slot *slot; /* open addressing, linear probing */
	size_t cap;		/* slots (a power of two) */
	const char **key;	/* key of index i (in the arena) */
	uint32_t *klen;		/* its length */
	size_t n, kcap;		/* keys stored and key array size */
	struct arena arena; /* key bytes */
};

/* A copy of S[0..N), NUL-terminated, in A (never moved until arena_free). */
char *arena_copy(struct arena *a, const char *s, size_t n);

/* Free A's blocks and empty it. */
void arena_free(struct arena *a);

/* Prepare an empty M. */
void strmap_init(struct strmap *m);

/* Index of KEY[0..N), adding it (*ISNEW set to 1) when absent. */
size_t strmap_put(
    struct strmap *m, const char *key, size_t n, int *isnew);

/* Index of KEY[0..N), or -1. */
long strmap_get(const struct strmap *m, const char *key, size_t n);

/* Free M. */
void strmap_free(struct strmap *m);

/* The key of index I, NUL-terminated, and its length. */
static inline const char *
strmap_key(const struct strmap *m, size_t i, size_t *len)
{
	if (len != NULL)
		*len = m->klen[i];
	return m->key[i];
}

/* FNV-1a-64 of S[0..N) with the murmur3 finish, 32 bits. */
uint32_t strmap_hash(const char *s, size_t n);

#endif
