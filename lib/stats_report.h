#ifndef CS_STATS_REPORT_H
#define CS_STATS_REPORT_H

/*
 * cs-stats output: the groups, retention, cohorts and alerts tables
 * (through the out module, so csv, tsv or json) and the plain-text report.
 * Everything is computed from a struct stats (and the order history)
 * alone, so that a merged state prints exactly what one run prints.
 */

#include <stdio.h>

#include "out.h"
#include "stats.h"
#include "stats_orders.h"

/* What to print, and from what. */
struct stats_view {
	struct stats *st;	/* the aggregate (its stores get sorted) */
	struct stats_orders *ord; /* order history, or NULL */
	enum stats_period period; /* the period of the keys' first field */
	const char *byarg;	/* the --by fields as given, or "" */
	char *const *by;	/* the --by field names: the keys' other fields */
	size_t nby;		/* how many */
	int compare;		/* add the previous period's tickets */
	int has_today;		/* today is set */
	long long today;	/* reference time; else the latest time seen */
	long long sla_res;	/* resolution target, seconds */
	long long sla_reply;	/* first-reply target, seconds */
	long window;		/* retention window, days */
	long alert_n;		/* quality complaints that raise an alert */
	long alert_days;	/* the alert window, days */
	FILE *fp;		/* where the report goes */
};

/* out_header() from constant NAMES[0..N) (at most 48). */
void stats_out_header(struct out *o, const char *const *names, size_t n);

/*
 * The groups table: one row per group of V->st, ordered by period, most
 * tickets, then key bytes.
 */
void stats_write_groups(const struct stats_view *v, struct out *o);

/* The retention table from R (see stats_retention()). */
void stats_write_retention(const struct stats_view *v, struct out *o,
    const struct stats_retention *r);

/* The monthly cohorts of V->ord. */
void stats_write_cohorts(const struct stats_view *v, struct out *o);

/* Products over the alert threshold, worst first. */
void stats_write_alerts(const struct stats_view *v, struct out *o);

/* The plain-text report to V->fp; R is NULL without an order history. */
void stats_write_report(
    const struct stats_view *v, const struct stats_retention *r);

#endif
