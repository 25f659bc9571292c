#ifndef CS_MONEY_H
#define CS_MONEY_H

/*
 * Money as integer fen, and fixed-point decimals in general.  No binary
 * floating point touches an amount.
 */

#include <stddef.h>

/*
 * Parse a decimal in S[0..N) (after cell_value() unwrapping) into an
 * integer scaled by 10^SCALE: "1.25" with SCALE 3 gives 1250.  Accepts a
 * leading sign and thousands commas (1,234.5; a comma not followed by
 * exactly three digits is an error); full-width digits are not accepted.  Digits beyond SCALE round toward +infinity when CEIL is
 * non-zero and make the value invalid otherwise.  Returns 0, or -1 when the
 * text is not such a number or overflows.
 */
int decimal_parse(const char *s, size_t n, int scale, int ceil, long long *out);

/*
 * Parse an amount of money into fen: "12.5", "12.50", "¥12.50", "12.50元",
 * "1,299.00", ="12.50".  More than two decimals is an error unless the
 * extra ones are zeros ("12.500").  Returns 0 or -1.
 */
int money_parse(const char *s, size_t n, long long *fen);

/* Format FEN as yuan with two decimals ("12.50", "-0.05") into BUF; returns BUF. */
char *money_format(long long fen, char buf[32]);

/* Format V scaled by 10^SCALE with trailing zeros trimmed ("1.2", "3"); returns BUF. */
char *decimal_format(long long v, int scale, char buf[32]);

#endif
