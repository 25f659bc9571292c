#ifndef CS_STATS_IDSET_H
#define CS_STATS_IDSET_H

/*
 * The set of ticket ids cs-stats has seen, and where each was first
 * seen, for the duplicate-id check.  Exports mostly list ids in
 * increasing order (length, then bytes): those are appended to a sorted
 * run of segments (ids sharing a prefix and a number of trailing digits)
 * holding ranges of consecutive numbers, so T0000001 ... T1000000 take a
 * few bytes, not a million strings; ids out of order go to a string map
 * (lib/core/strmap.h), and when they are many the run joins the map.
 * Whatever the order, the answers are those of a plain set of strings
 * (tests/lib/test_idset.c checks that on random streams).  Out of memory
 * exits (lib/core/alloc.h).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"

/* Ids of the run with one prefix and WIDTH (0-18) digits after it. */
struct stats_idseg {
	const char *prefix;	/* the bytes before the digits (in rarena) */
	uint32_t plen;		/* their length */
	uint32_t width;		/* how many digits follow */
	size_t range0;		/* the segment's first range */
};

/* The ids prefix + first, first + 1, ... first + count - 1 of a segment. */
struct stats_idrange {
	uint64_t first;		/* the first number */
	uint32_t idx;		/* the first id's index in the run */
	uint32_t count;		/* how many */
};

/* Run ids IDX, IDX + 1 ... (up to the next) seen at POS, POS + STEP ... */
struct stats_idpos {
	uint64_t idx;		/* the first id it covers */
	uint64_t pos;		/* where that was seen: file << 40 | line */
	uint64_t step;		/* added per further id (mod 2^64) */
};

/* Where a ticket id was first seen. */
struct stats_seen {
	const char *file;	/* input name (not owned) */
	long line;		/* line */
};

struct stats_idset {
	struct strmap ids;	/* ticket ids that came out of order */
	/*
	 * The ids in increasing order (length, bytes), as a run: segments of
	 * ids that share a prefix and a number of trailing digits, holding
	 * ranges of consecutive numbers, so that T0000001 ... T1000000 take a
	 * few bytes, not a million strings.
	 */
	struct arena rarena; /* the segments' prefixes */
	struct stats_idseg *seg; /* segments, in order */
	size_t nseg, segcap;	/* how many, and room */
	struct stats_idrange *rng; /* ranges, in order */
	size_t nrng, rngcap;	/* how many, and room */
	struct stats_idpos *rpos; /* where the run's ids were seen */
	size_t npos, poscap;	/* how many, and room */
	char *idbuf;		/* one id of the run written out */
	size_t idbufcap;	/* its size */
	size_t rn;		/* ids in the run */
	int rclosed;		/* ids are out of order: all in ids now */
	unsigned long long nordered, nunordered; /* ids added either way */
	uint64_t *seen;		/* per id: file number << 40 | line */
	size_t seencap;		/* size of seen */
	const char **files;	/* input names by file number - 1 */
	size_t nfiles;		/* how many */
	struct stats_seen dup;	/* what idset_see() last returned */
};

/* Prepare an empty S. */
void idset_init(struct stats_idset *s);

/* Free what S holds and empty it. */
void idset_free(struct stats_idset *s);

/*
 * Remember ticket id ID[0..N) seen at FILE:LINE (FILE NULL: nowhere, as
 * for ids of a merged state).  Returns NULL when it is new, or where it
 * was first seen (valid until the next call; the file is NULL when that
 * was nowhere).  FILE must stay valid as long as S.
 */
const struct stats_seen *idset_see(struct stats_idset *s, const char *id,
    size_t n, const char *file, long line);

/* Number of ids in S. */
size_t idset_count(const struct stats_idset *s);

/*
 * Call FN(CTX, ID, N) for every id of S: first the run's, in increasing
 * order, then the others in the order they came.  ID is valid during the
 * call only.
 */
void idset_each(struct stats_idset *s,
    void (*fn)(void *ctx, const char *id, size_t n), void *ctx);

#endif
