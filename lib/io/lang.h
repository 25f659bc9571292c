#ifndef CS_LANG_H
#define CS_LANG_H

/*
 * Translations of what the tools write themselves (--lang): the names of
 * the columns they add, their fixed values (status words such as quote or
 * overdue) and the text of cs-stats' report.  Input fields and headers
 * are never translated, and the locale (LANG, LC_ALL) is never read: only
 * --lang changes the output.
 *
 * A table is a CSV file with the columns context, en and zh (data/
 * lang-zh.csv is compiled in; --lang FILE reads another of the same
 * shape).  The context says what an entry translates:
 *
 *   header          a column name (a key of JSON output too)
 *   value:COLUMN    a fixed value written in column COLUMN (its English
 *                   name, as the tool adds it)
 *   text            a piece of report text; it may be a printf format,
 *                   and then the translation must have the same
 *                   conversions in the same order (checked when loading)
 *   meta            tag: the language tag for HTML (zh-CN)
 *
 * Every function takes a NULL table for English and then returns its
 * argument unchanged, so callers need no test of their own.
 */

#include <stddef.h>

#include "io/out.h"

/* One translation. */
struct lang_entry {
	char *ctx;		/* context: "header", "value:status", "text" ... */
	char *en;		/* the English text: the key */
	char *zh;		/* what is written instead */
	size_t enlen, zhlen;	/* their lengths */
	int plain;		/* zh needs no CSV quoting (out_plain()) */
};

/* The fixed values of one column: a slice of the table. */
struct lang_values {
	const struct lang_entry *e; /* the first entry, or NULL */
	size_t n;		/* how many */
};

struct lang {
	struct lang_entry *e;	/* entries, sorted by context, then en */
	size_t n, cap;		/* fill and size */
	const char *file;	/* name in messages */
};

/*
 * Open the table --lang ARG names into *LP: "en" (English, *LP = NULL),
 * "zh" (also zh-CN, zh_CN, cn: the embedded data/lang-zh.csv), or a file
 * name (containing '/' or '.').  Returns 0, or -1 after printing why
 * (unknown name, unreadable file, bad entries at FILE:LINE).
 */
int lang_open(const char *arg, struct lang **lp);

/* Free L (NULL is fine). */
void lang_free(struct lang *l);

/* The entry of context CTX for EN, or NULL. */
const struct lang_entry *lang_find(const struct lang *l, const char *ctx,
    const char *en);

/*
 * Column name EN as written (EN itself when L is NULL or has none).  EN
 * may be a format ("resolved_%sh_pct"): the result has its conversions.
 */
const char *lang_header(const struct lang *l, const char *en)
	__attribute__((format_arg(2)));

/* Report text EN (a printf format or plain text) as written. */
const char *lang_text(const struct lang *l, const char *en)
	__attribute__((format_arg(2)));

/* The fixed value EN of column COLUMN as written. */
const char *lang_value(const struct lang *l, const char *column,
    const char *en);

/* The fixed values of COLUMN, for per-row lookups ({NULL, 0}: none). */
struct lang_values lang_values(const struct lang *l, const char *column);

/* The entry of V whose English is S[0..N), or NULL. */
const struct lang_entry *lang_values_get(const struct lang_values *v,
    const char *s, size_t n);

/* The language tag for HTML: "en", or the table's meta tag. */
const char *lang_tag(const struct lang *l);

/* out_header() of the column names NAMES[0..N) (at most 64), translated. */
void lang_out_header(const struct lang *l, struct out *o,
    const char *const *names, size_t n);

#endif
