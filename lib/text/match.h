#ifndef CS_MATCH_H
#define CS_MATCH_H

/*
 * Multi-pattern matching shared by cs-reviewsort and cs-lint.
 *
 * CONTRACT (implementation in lib/text/match.c):
 * - An Aho-Corasick automaton over UTF-8 characters: matcher_scan() is
 *   linear in the text plus the number of matches, independent of how many
 *   patterns there are.
 * - matcher_build() takes time and memory linear in the patterns' total
 *   length (plus the number of distinct characters), whatever the
 *   patterns: a hostile lexicon of long or overlapping terms cannot make
 *   it quadratic (see matcher_size()).
 * - Matching is by character: a shortest-form UTF-8 sequence is one unit
 *   (its code point), any other byte a unit of its own (MATCH_UNIT_BAD +
 *   the byte).  A match starts and ends between units of the text; for
 *   UTF-8 patterns and text that is the same as matching bytes.
 * - Patterns and text should both be put through norm_text() (normalize.h)
 *   first, so that traditional/simplified, full/half width and case do not
 *   matter.
 * - Every occurrence of every pattern is reported, overlapping ones
 *   included, in order of their end offset.
 */

#include <stddef.h>
#include <stdint.h>

#define MATCH_UNIT_BAD 0x110000u	/* + the byte: a byte that starts no character */

struct matcher;

/* A new, empty matcher (out of memory exits: lib/core/alloc.h). */
struct matcher *matcher_new(void);

/* Add pattern PAT[0..LEN) with the caller's ID.  Before matcher_build() only.  0 or -1. */
int matcher_add(struct matcher *m, const char *pat, size_t len, int id);

/* Build the automaton; no more matcher_add() after it.  0 or -1. */
int matcher_build(struct matcher *m);

/*
 * Called per occurrence: pattern ID at TEXT[START..END).  Return 0 to go
 * on, non-zero to stop the scan.
 */
typedef int (*match_fn)(void *ctx, int id, size_t start, size_t end);

/* Report every occurrence in TEXT[0..LEN).  Returns the first non-zero FN result or 0. */
int matcher_scan(const struct matcher *m, const char *text, size_t len,
    match_fn fn, void *ctx);

/* Free M. */
void matcher_free(struct matcher *m);

/*
 * Stepping through a text one unit at a time, for a caller that decodes
 * (and normalises) the text itself and so need not have it read twice:
 *
 *	const struct match_dfa *d = matcher_dfa(m);
 *	uint32_t v = 0;			(the start state)
 *	for each unit U of the text, ending at byte offset END:
 *		v = match_next(d, v, match_class(d, U));
 *		if (match_reports(v))
 *			matcher_report(m, v, END, fn, ctx);
 *
 * (or the caller walks match_outputs(d, v, &n) itself)
 *
 * reports exactly what matcher_scan() reports for the same units, as
 * long as every unit fed is the text's own bytes in order (END - the
 * pattern's length is its start).  The tables are the matcher's (see
 * match.c); read them only through these functions.
 */
struct match_cell {
	int32_t check;		/* the state that owns the cell, or -1 */
	uint32_t next;		/* its transition */
};

/* A pattern that ends in a state. */
struct match_out {
	int id;			/* the caller's id */
	uint32_t len;		/* the pattern's length in bytes */
};

/*
 * Where the patterns of a state are: outs[first..first + n), the first
 * of them repeated here (id 0 and len 0 when there is none), so that the
 * usual one is one load away from the state.
 */
struct match_olist {
	uint32_t first;
	uint32_t n;
	struct match_out out0;
};

struct match_dfa {
	const uint16_t *pageidx;	/* unit >> 8 -> page */
	const uint16_t *pages;		/* pages of 256 classes */
	const uint32_t *root;		/* the start state's transitions */
	const struct match_cell *cell;	/* the other states' transitions */
	const uint32_t *dflt;		/* by base: the state a deep state defers to */
	const struct match_olist *olist; /* by the state's base */
	const struct match_out *outs;	/* longest first, as matcher_scan() reports them */
};

/* M's tables (after matcher_build()). */
const struct match_dfa *matcher_dfa(const struct matcher *m);

/*
 * Bytes M's tables take after matcher_build() (what a scan reads; the
 * patterns as added are kept besides): linear in the patterns' total
 * length and the number of distinct characters.
 */
size_t matcher_size(const struct matcher *m);

/* The class of UNIT (0: in no pattern, which leads back to the start). */
static inline unsigned
match_class(const struct match_dfa *d, uint32_t unit)
{
	return d->pages[(size_t)d->pageidx[unit >> 8] << 8 | (unit & 0xff)];
}

/* match_next() for a deep state V (see below); out of line, and rare. */
uint32_t match_next_deep(const struct match_dfa *d, uint32_t v, unsigned cls);

/*
 * The state after V on a unit of class CLS.  A state is its base in the
 * cell array, times four; the cell at base + CLS is its own transition if
 * the cell says so (check), and otherwise the start state's is taken.
 * One load waits on the state, and there is no branch but one that is
 * almost never taken: class 0 and the start state own no cell.  A state
 * with 2 set in its value is deep: it defers to another state than the
 * start state (see match.c), and its step may take a few lookups.
 */
static inline uint32_t
match_next(const struct match_dfa *d, uint32_t v, unsigned cls)
{
	const struct match_cell *x = &d->cell[(size_t)(v >> 2) + cls];
	uint32_t own = x->next, dflt = d->root[cls];

	if (__builtin_expect((v & 2) != 0, 0))
		return match_next_deep(d, v, cls);
	return x->check == (int32_t)(v >> 2) ? own : dflt;
}

/* The pattern list of state V. */
static inline const struct match_olist *
match_olist(const struct match_dfa *d, uint32_t v)
{
	return &d->olist[v >> 2];
}

/* Do patterns end in state V? */
static inline int
match_reports(uint32_t v)
{
	return (v & 1) != 0;
}

/*
 * The patterns that end in state V (*N of them; none unless
 * match_reports(V)), in the order matcher_scan() reports them.  The first
 * entry may be read even when *N is 0.
 */
static inline const struct match_out *
match_outputs(const struct match_dfa *d, uint32_t v, size_t *n)
{
	struct match_olist l = d->olist[v >> 2];

	*n = l.n;
	return d->outs + l.first;
}

/*
 * Report the patterns that end in state V at byte offset END, as
 * matcher_scan() does.  Returns the first non-zero FN result or 0.
 */
int matcher_report(const struct matcher *m, uint32_t v, size_t end,
    match_fn fn, void *ctx);

#endif
