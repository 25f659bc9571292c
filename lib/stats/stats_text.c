#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/diag.h"
#include "stats/stats_text.h"

void
text_init(struct text_table *t, size_t ncol, const int *right)
{
	memset(t, 0, sizeof *t);
	t->ncol = ncol;
	t->right = xcalloc(ncol, sizeof *t->right);
	if (right != NULL)
		memcpy(t->right, right, ncol * sizeof *right);
}

void
text_row(struct text_table *t, const char *const *cells)
{
	size_t i;

	if ((t->nrow + 1) * t->ncol > t->cap) {
		t->cap = (t->nrow + 1) * t->ncol * 2;
		t->cell = xreallocarray(t->cell, t->cap, sizeof *t->cell);
	}
	for (i = 0; i < t->ncol; i++) {
		char *c = xstrdup(cells[i] ? cells[i] : "");

		t->cell[t->nrow * t->ncol + i] = c;
	}
	t->nrow++;
}

static int
wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD);
}

int
text_cp_width(uint32_t c)
{
	return wide(c) ? 2 : c >= 0x20 ? 1 : 0;
}

size_t
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0;
	uint32_t c;

	/* A byte that starts no character counts as one column. */
	while (i < n) {
		i += (size_t)utf8_decode(p + i, n - i, &c, NULL);
		w += (size_t)text_cp_width(c);
	}
	return w;
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

void
text_print(struct text_table *t, FILE *fp, int indent)
{
	size_t *w = xcalloc(t->ncol ? t->ncol : 1, sizeof *w);
	size_t r, c;

	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++) {
			size_t cw = text_width(t->cell[r * t->ncol + c]);

			if (cw > w[c])
				w[c] = cw;
		}
	for (r = 0; r < t->nrow; r++) {
		size_t pend = (size_t)indent;

		for (c = 0; c < t->ncol; c++) {
			const char *s = t->cell[r * t->ncol + c];
			size_t gap = w[c] - text_width(s);

			if (w[c] == 0)		/* an empty column takes no room */
				continue;
			/* Blanks are written only before text: no trailing ones. */
			pend += c > 0 ? 2 : 0;
			if (t->right[c])
				pend += gap;
			if (*s != '\0') {
				pad(fp, pend);
				pend = 0;
				fputs(s, fp);
			}
			if (!t->right[c])
				pend += gap;
		}
		putc('\n', fp);
	}
	for (r = 0; r < t->nrow * t->ncol; r++)
		free(t->cell[r]);
	free(t->cell);
	free(t->right);
	free(w);
	memset(t, 0, sizeof *t);
}

char *
text_bar(unsigned long long value, unsigned long long max, int width, char *buf)
{
	unsigned long long n = max == 0 ? 0 :
	    (value * (unsigned long long)width * 2 + max) / (max * 2);
	int i;

	if (n == 0 && value > 0)
		n = 1;
	for (i = 0; i < (int)n && i < width; i++)
		buf[i] = '#';
	buf[i] = '\0';
	return buf;
}
