#ifndef CS_COLS_H
#define CS_COLS_H

/*
 * Finding a tool's columns in an export's header.
 *
 * Each column a tool reads has a name (used by --column NAME=...) and a
 * list of header aliases, Chinese and English.  Headers are compared after
 * the shared normalisation (normalize.h: traditional -> simplified,
 * full-width -> ASCII, case folded) and with blanks of every kind (tab,
 * NBSP, U+3000 ...), '_' and '-' dropped, so "Shipping Address",
 * shipping_address and SHIPPING-ADDRESS are the same, and so are 收货地址,
 * 收貨地址 and "收货地址\u00a0".
 */

#include <stddef.h>

struct colspec {
	const char *name;	/* the column's name for --column, e.g. "weight" */
	const char *aliases;	/* '|'-separated header names, most common first */
};

struct col_override {
	const char *name;	/* colspec name */
	const char *header;	/* header text, or a 1-based index in decimal */
};

/*
 * Parse an --column argument "NAME=HEADER|INDEX" into OV (pointers into
 * ARG, which is modified).  Returns 0, or -1 when ARG has no '=' or an
 * empty side.
 */
int cols_parse_override(char *arg, struct col_override *ov);

/*
 * Resolve every spec against the header fields HDR[0..NHDR) (HDR may be
 * NULL for input without a header: then only index overrides resolve).
 * IDX[i] gets the 0-based field index of SPECS[i], or -1 when absent.
 * Returns 0, or -1 after printing a message when an override names a
 * column the tool does not have, a header that is not there, or an index
 * out of range.  FILE names the input in messages.
 */
int cols_resolve(const struct colspec *specs, size_t nspecs,
    char *const *hdr, const size_t *hlen, size_t nhdr,
    const struct col_override *ov, size_t nov, long *idx, const char *file);

/* Index of header NAME in HDR (compared as the aliases are), or -1. */
long cols_find(const char *name, char *const *hdr, const size_t *hlen, size_t nhdr);

/*
 * Print the standard message for a required column that is missing:
 * "FILE: missing column 'NAME' (tried: a, b, c); name it with
 * --column NAME=HEADER".
 */
void cols_missing(const struct colspec *spec, const char *file);

#endif
