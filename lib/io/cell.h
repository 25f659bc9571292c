#ifndef CS_CELL_H
#define CS_CELL_H

/*
 * Reading values out of spreadsheet-exported cells.
 *
 * Shop exports protect numbers from Excel as ="123" or with a leading tab,
 * and pad cells with ASCII or full-width (U+3000) blanks.  cell_value()
 * peels those off without copying; the field itself is never changed.
 */

#include <stddef.h>

/* Narrow [*S, *S + *N) to the value: blanks, tabs, ="..." and "..." removed. */
void cell_value(const char **s, size_t *n);

/*
 * Non-zero when S[0..N) is not empty and cell_value() would leave it as it
 * is (no blank, quote or = at either end): most cells, told by two bytes,
 * so callers on the per-row path can skip the general trim.
 */
int cell_bare(const char *s, size_t n);

/*
 * The blanks cell_value() peels, for callers that trim more than a cell's
 * value (an address's postcode): the length of the blank that starts
 * S[0..N) or ends it (ASCII space, tab, CR, LF, U+3000, U+00A0), or 0.
 */
size_t cell_blank_at(const char *s, size_t n);
size_t cell_blank_before(const char *s, size_t n);

/* Non-zero when the value of S[0..N) is empty. */
int cell_empty(const char *s, size_t n);

/* Non-zero when S[0..N) equals the NUL-terminated WORD exactly. */
int cell_eq(const char *s, size_t n, const char *word);

#endif
