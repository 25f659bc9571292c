#ifndef CS_STATS_TEXT_H
#define CS_STATS_TEXT_H

/*
 * Plain-text tables for reports read in a terminal or a cron mail:
 * columns aligned by display width (CJK characters take two columns),
 * numbers right-aligned, and bars drawn with '#'.
 */

#include <stdint.h>
#include <stdio.h>

struct text_table {
	char **cell;		/* row-major cells, malloc'd copies */
	int *right;		/* per column: right-align */
	size_t ncol;		/* columns */
	size_t nrow;		/* rows, the header included */
	size_t cap;		/* cells allocated */
};

/* Prepare T with NCOL columns; RIGHT[i] non-zero right-aligns column i (NULL: none). */
void text_init(struct text_table *t, size_t ncol, const int *right);

/* Append a row of T->ncol cells (NULL is an empty cell). */
void text_row(struct text_table *t, const char *const *cells);

/* Print T to FP, each line indented by INDENT spaces, leaving out empty columns; frees T. */
void text_print(struct text_table *t, FILE *fp, int indent);

/* Display columns of code point C: 2 wide East Asian, 0 control, else 1. */
int text_cp_width(uint32_t c);

/* Display width of the UTF-8 string S (wide East Asian characters count 2). */
size_t text_width(const char *s);

/* A bar of round(VALUE * WIDTH / MAX) '#' characters into BUF (WIDTH + 1 bytes). */
char *text_bar(
    unsigned long long value, unsigned long long max, int width, char *buf);

#endif
