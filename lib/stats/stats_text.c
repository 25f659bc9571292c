#include <stdlib.h>
#include <string.h>

#include "io/diag.h"
#include "stats/stats_text.h"

void
text_init(struct text_table *t, size_t ncol, const int *right)
{
	memset(t, 0, sizeof *t);
	t->ncol = ncol;
	if ((t->right = calloc(ncol, sizeof *t->right)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	if (right != NULL)
		memcpy(t->right, right, ncol * sizeof *right);
}

void
text_row(struct text_table *t, const char *const *cells)
{
	size_t i;

	if ((t->nrow + 1) * t->ncol > t->cap) {
		t->cap = (t->nrow + 1) * t->ncol * 2;
		if ((t->cell = realloc(t->cell, t->cap * sizeof *t->cell)) ==
		    NULL)
			cs_errx(CS_FATAL, "out of memory");
	}
	for (i = 0; i < t->ncol; i++) {
		char *c = strdup(cells[i] ? cells[i] : "");

		if (c == NULL)
			cs_errx(CS_FATAL, "out of memory");
		t->cell[t->nrow * t->ncol + i] = c;
	}
	t->nrow++;
}

/* Decode the code point at *S and advance; invalid bytes count as one. */
static unsigned long
next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long c = p[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	int i;

	if (n > 0)
		c &= 0x3F >> n;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + 1;
			return 0xFFFD;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	*s = p + n + 1;
	return c;
}

static int
wide(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD);
}

size_t
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p != '\0') {
		unsigned long c = next_cp(&p);

		w += wide(c) ? 2 : c >= 0x20 ? 1 : 0;
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
	size_t *w = calloc(t->ncol ? t->ncol : 1, sizeof *w);
	size_t r, c;

	if (w == NULL)
		cs_errx(CS_FATAL, "out of memory");
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
