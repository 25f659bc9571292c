#ifndef CS_STATS_ORDERS_H
#define CS_STATS_ORDERS_H

/*
 * Order history for cs-stats: retention of complainants against the
 * manual's figures (000 第六条), the non-complainant baseline, the
 * repeat-buyer rate (回头客) and monthly cohorts.  Computation over
 * buyers' order times, and the reader of the orders file.
 *
 * Orders of one buyer at the same second count once (an export with one
 * line per item repeats the order's time).
 */

#include "stats/stats.h"

struct stats_orders {
	struct strmap buyers; /* buyer names */
	struct stats_store *t;	/* per buyer: order times */
	size_t cap;		/* size of t */
	long long latest;	/* latest order time */
	int has_latest;		/* latest is set */
};

/* Retention of one class of buyers. */
struct stats_keep {
	unsigned long long buyers;  /* judged: their window is over */
	unsigned long long kept;    /* of those, ordered again within it */
	unsigned long long pending; /* window not over at the reference time */
};

struct stats_retention {
	struct stats_keep cls[STATS_NCLASS]; /* complainants by enum stats_class */
	struct stats_keep all;	/* every complainant */
	struct stats_keep base;	/* buyers who never complained */
	unsigned long long buyers; /* buyers with an order */
	unsigned long long repeat; /* of those, with two orders or more */
};

/* One cohort: buyers whose first order fell in a month. */
struct stats_cohort {
	int year, month;	/* the month */
	unsigned long long buyers; /* buyers in it */
	unsigned long long kept[3]; /* of those, ordering in month +1, +2, +3 */
	int due[3];		/* month +k has begun by the reference time */
};

/* Prepare an empty O. */
void stats_orders_init(struct stats_orders *o);

/* Free what O holds. */
void stats_orders_free(struct stats_orders *o);

/* Record an order of buyer NAME[0..N) at T. */
void stats_orders_add(
    struct stats_orders *o, const char *name, size_t n, long long t);

/*
 * Read the orders file PATH ("-": stdin; CSV with a header naming a buyer
 * and an order time column) into O.  Returns 0, CS_ROWS when some lines
 * were bad (each reported at FILE:LINE), or CS_FATAL when the file cannot
 * be read or its header lacks a column.
 */
int stats_orders_read(struct stats_orders *o, const char *path);

/*
 * Retention of S's complainants within WINDOW seconds after their first
 * complaint (an order at t with first < t <= first + WINDOW), and of the
 * other buyers within WINDOW after their first order; a buyer whose window
 * ends after REF is pending, not judged.  Fills *R.
 */
void stats_retention(const struct stats *s, struct stats_orders *o,
    long long window, long long ref, struct stats_retention *r);

/*
 * Monthly cohorts of O's buyers (Shanghai months), oldest first, up to
 * REF.  Returns a malloc'd array of *N cohorts (free it), NULL when none.
 */
struct stats_cohort *stats_cohorts(
    struct stats_orders *o, long long ref, size_t *n);

#endif
