#ifndef CS_STATS_REPORT_H
#define CS_STATS_REPORT_H

/*
 * cs-stats output: the groups, retention, cohorts and alerts tables
 * (through the out module, so csv, tsv or json) and the plain-text report.
 * Everything is computed from a struct stats (and the order history)
 * alone, so that a merged state prints exactly what one run prints.
 */

#include <stdio.h>

#include "io/lang.h"
#include "io/out.h"
#include "stats/stats.h"
#include "stats/stats_orders.h"

/* What to print, and from what. */
struct stats_view {
	struct stats *st;	/* the aggregate (its stores get sorted) */
	struct stats_orders *ord; /* order history, or NULL */
	enum stats_period period; /* the period of the keys' first field */
	const char *byarg;	/* the --by fields as given, or "" */
	char *const *by;	/* the --by field names: the keys' other fields */
	int reviews_cat;	/* a review file's keys end with the category */
	size_t nby;		/* how many */
	int compare;		/* add the previous period's tickets */
	int has_today;		/* today is set */
	long long today;	/* reference time; else the latest time seen */
	int today_date;		/* --today was a date: today is the end of it */
	long long sla_res;	/* resolution target, seconds */
	long long sla_reply;	/* first-reply target, seconds */
	long window;		/* retention window, days */
	long alert_n;		/* quality complaints that raise an alert */
	long alert_days;	/* the alert window, days */
	const struct lang *lang; /* --lang table, or NULL for English */
	FILE *fp;		/* where the report goes */
};

/* Service levels of a group: shares as numerator and denominator. */
struct stats_sla {
	unsigned long long res_ok, res_den; /* resolved within target / judged */
	unsigned long long rep_ok, rep_den; /* answered within target / judged */
};

/* A product over the alert threshold. */
struct stats_alert {
	size_t product;		/* index in st.products */
	unsigned long long n;	/* complaints in the worst window */
	unsigned long long total; /* all quality complaints */
	long long first, last;	/* the window's first and last complaint */
	int timed;		/* first and last are set */
};

/* Bins of the resolution-time distribution. */
#define STATS_NBINS 6

/*
 * The figures both reports (text and HTML) are made of, so that the two
 * cannot disagree.
 */

/* The reference time for ages and SLA: --today, or the latest time seen. */
long long stats_ref_time(const struct stats_view *v);

/*
 * The "Figures at" line without a newline into BUF (CAP): "Figures at the
 * end of 2026-11-23 (China Standard Time)" for --today DATE, else "Figures
 * at: 2026-11-23 15:00:00 (China Standard Time)"; translated.
 */
char *stats_figures_at(const struct stats_view *v, char *buf, size_t cap);

/* Hours of SEC as a label ("8", "0.5") into BUF (32); returns BUF. */
char *stats_hours_label(long long sec, char *buf);

/* Ages beyond this are shown in days, not hours. */
#define STATS_AGE_DAYS (48 * 3600LL)

/*
 * The age SEC of an open ticket for the reports into BUF (64): "30.50 h"
 * up to 48 hours, "128.26 d" past them; translated.  Returns BUF.
 */
char *stats_age_text(const struct stats_view *v, long long sec, char *buf);

/*
 * The note on G's first-contact resolution into BUF (CAP): how many of
 * its resolved tickets have blank 接待次数 / 是否重开 cells, and so are
 * not counted, "(2 of the 6 resolved tickets unknown)"; "" when none is.
 * Returns BUF.
 */
char *stats_fcr_note(const struct stats_view *v, const struct stats_group *g,
    char *buf, size_t cap);

/*
 * The iceberg line of all tickets into LINE (CAP) and its note into NOTE
 * (NCAP; "" when every ticket names its buyer): 25 dissatisfied buyers
 * behind each complaining buyer (stats_complainants()); translated.
 */
void stats_iceberg_text(const struct stats_view *v, char *line, size_t cap,
    char *note, size_t ncap);

/* The service levels of group G (of V->st, or one made like it). */
void stats_sla_of(const struct stats_view *v, struct stats_group *g,
    struct stats_sla *s);

/* Ages at the reference time of G's open tickets into a new store (free it). */
void stats_open_ages(const struct stats_view *v, struct stats_group *g,
    struct stats_store *ages);

/* Group indices in table order (see stats_write_groups()); free it. */
size_t *stats_sorted_groups(const struct stats_view *v);

/* A row of the groups table: a group, or one that dropped to 0. */
struct stats_row {
	size_t group;		/* group index, or SIZE_MAX for a drop */
	const char *key;	/* its key (the group's, or own) */
	size_t klen;		/* its length */
	char *own;		/* a drop's key (owned), else NULL */
	unsigned long long tickets; /* its tickets (0 for a drop) */
	unsigned long long prev; /* the previous period's (with compare) */
};

/*
 * The rows of the groups table in table order: every group and, with
 * V->compare, a row of 0 tickets for each group whose next period, up to
 * the last period with tickets, has none: a group that dropped to 0 (or
 * a period without tickets, with --period alone).  Free with
 * stats_rows_free().
 */
size_t stats_rows(const struct stats_view *v, struct stats_row **out);

/* Free ROWS[0..N). */
void stats_rows_free(struct stats_row *rows, size_t n);

/* The group of ROW, or EMPTY (zeroed first) for a group that dropped to 0. */
struct stats_group *stats_row_group(const struct stats_view *v,
    const struct stats_row *row, struct stats_group *empty);

/*
 * The change from PREV to NOW for a report into BUF (48): "-1 (-50.0%)",
 * "+2" when PREV is 0.  Returns BUF.
 */
char *stats_change_text(unsigned long long now, unsigned long long prev,
    char *buf);

/* Products over the alert threshold, worst first, into *OUT (free it). */
size_t stats_find_alerts(const struct stats_view *v, struct stats_alert **out);

/* Counts of the resolution times RES in each bin (< 1 h ... >= 3 d). */
void stats_histogram(struct stats_store *res,
    unsigned long long cnt[STATS_NBINS]);

/* Upper edge of bin I in seconds (0 for the last, which has none). */
long long stats_bin_edge(int i);

/* The label of bin I ("1-4 h"), translated. */
const char *stats_bin_label(const struct stats_view *v, int i);

/* NUM / DEN as "66.7%", or "-" when DEN is 0, into BUF (32); returns BUF. */
const char *stats_pct_text(unsigned long long num, unsigned long long den,
    char *buf);

/*
 * Group key KEY[0..LEN) for display into BUF (CAP bytes): its fields
 * joined by " / ", "(empty)" (translated) when it is empty.
 */
void stats_key_text(const struct stats_view *v, const char *key, size_t len,
    char *buf, size_t cap);

/*
 * What the groups are by, for titles, into BUF (CAP): "week, category,
 * agent" (translated: "周、类别、客服").
 */
char *stats_by_text(const struct stats_view *v, char *buf, size_t cap);

/* out_header() from constant NAMES[0..N) (at most 48). */
void stats_out_header(struct out *o, const char *const *names, size_t n);

/*
 * The groups table: one row per group of V->st, ordered by period, most
 * tickets, then key bytes.
 */
void stats_write_groups(const struct stats_view *v, struct out *o);

/* The table of a review file: reviews and share_pct by category. */
void stats_write_reviews(const struct stats_view *v, struct out *o);

/* The retention table from R (see stats_retention()). */
void stats_write_retention(const struct stats_view *v, struct out *o,
    const struct stats_retention *r);

/* The monthly cohorts of V->ord. */
void stats_write_cohorts(const struct stats_view *v, struct out *o);

/* Products over the alert threshold, worst first. */
void stats_write_alerts(const struct stats_view *v, struct out *o);

/*
 * The plain-text report to V->fp; R is NULL without an order history.
 * With V->lang every word of it is translated.
 */
void stats_write_report(
    const struct stats_view *v, const struct stats_retention *r);

/*
 * The retention table of the text and HTML reports: five rows (quick,
 * resolved, unresolved, all complainants, the non-complainant baseline)
 * with their labels and the manual's figures (000 第六条), in English
 * (translate them with lang_text()).
 */
struct stats_ret_table {
	const char *const *names;	/* row labels */
	const char *const *manual;	/* the manual's share per row, or "" */
	const char *const *head;	/* the five column heads, the first "" */
	const struct stats_keep *k[5];	/* the figures per row, in R */
};

/* Fill *T for retention R (T points into R). */
void stats_retention_table(const struct stats_retention *r,
    struct stats_ret_table *t);

#endif
