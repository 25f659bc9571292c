#ifndef CS_ETA_H
#define CS_ETA_H

/*
 * cs-eta's logic: when a parcel should arrive, whether it is overdue, and
 * whether its buyer's receipt window must be extended (001 §2.5, §2.8,
 * §6.11; 002 售后: 主动延长收货时间).
 *
 * Three layers, each usable alone:
 * - the transit table (data/transit.csv, or --transit FILE): days in
 *   transit per tier, province and carrier;
 * - eta_estimate(): pure date arithmetic over a calendar, no I/O;
 * - eta_init()/eta_start()/eta_row(): one order row of the driver in,
 *   eta_earliest, eta_latest, status, days_late, extend_receipt out.
 *
 * Days are days since 1970-01-01 in Shanghai (timeparse.h).
 */

#include "eta/calendar.h"
#include "io/cli.h"
#include "eta/orderstatus.h"
#include "addr/region.h"
#include "ship/tier.h"

#define ETA_MAX_DAYS 60		/* transit, delay, margin and window limit */

/* ---- transit table ---------------------------------------------------- */

struct eta_transit;

/*
 * Load the transit table PATH (NULL: the embedded data/transit.csv),
 * naming provinces through DB.  Returns NULL after printing FILE:LINE
 * errors.
 */
struct eta_transit *eta_transit_load(const char *path, const struct region_db *db);

/* Free T (NULL is fine). */
void eta_transit_free(struct eta_transit *t);

/*
 * Index of the table's carrier that NAME[0..LEN) starts with ("顺丰速运"
 * -> 顺丰), or -1 when the table names no such carrier (the lines for
 * every carrier then apply).
 */
int eta_transit_carrier(const struct eta_transit *t, const char *name, size_t len);

/*
 * Transit days for carrier C (-1: none in particular) to province P (-1:
 * unknown) of tier TIER: the most specific line (carrier and province,
 * carrier and tier, province, tier).  Returns 0 with *MIN and *MAX set,
 * or -1 when no line applies.
 */
int eta_transit_days(const struct eta_transit *t, int c, int tier, int p,
    int *min, int *max);

/* Non-zero when the table has province lines (rows then need a province). */
int eta_transit_by_province(const struct eta_transit *t);

/* ---- the estimate ------------------------------------------------------ */

struct eta_rules {
	long dispatch_s;	/* handover after payment/order, seconds (48 h) */
	int cutoff_s;		/* handed over at or after this, counts from the next day */
	int every_day;		/* the shop hands parcels over on rest days too */
	int confirm_days;	/* platform auto-confirms receipt after this */
	int margin_days;	/* extend when the ETA is this close to it */
};

struct eta_parcel {
	long long t;		/* ship time, or payment/order time */
	int has_time;		/* T has a time of day */
	int shipped;		/* T is the ship time (else dispatch is added) */
	int min_days, max_days;	/* transit days, min_days <= max_days */
	int delay;		/* extra days (--delay) */
	int delivered;		/* a delivery date is known */
	long delivered_day;	/* that date */
};

enum eta_status {
	ETA_IN_TRANSIT,		/* today is before the latest ETA */
	ETA_DUE_TODAY,		/* today is the latest ETA */
	ETA_OVERDUE,		/* today is after it */
	ETA_DELIVERED,		/* a delivery date is known, or the order status says so */
	/* From the order status column. */
	ETA_CANCELLED,		/* closed or refunded: no estimate */
	ETA_UNPAID,		/* not paid: no estimate */
	ETA_AWAITING,		/* paid, not shipped, within the dispatch promise */
	ETA_DISPATCH_LATE,	/* paid, not shipped, past the promise (002) */
	/* Why a row has no estimate (with a diagnostic). */
	ETA_UNKNOWN_REGION,	/* no, an ambiguous or an unknown province or tier */
	ETA_UNSERVED,		/* Hong Kong, Macau, Taiwan, abroad */
	ETA_NO_TRANSIT,		/* the transit table has no line for the tier */
	ETA_NO_TIME,		/* no ship, payment or order time */
	ETA_BAD_TIME,		/* a time that is not a date, or after today */
	ETA_NSTATUS
};

struct eta_result {
	long handover;		/* day the courier gets (got) the parcel */
	long start;		/* day transit counts from (next day after cutoff) */
	long earliest, latest;	/* the estimate */
	int status;		/* enum eta_status */
	long days_late;		/* days after the latest ETA (today or delivery) */
	int extend;		/* the receipt window must be extended */
	int uncovered;		/* first year used that the calendar lacks, or 0 */
};

/* The defaults: 48 h dispatch, 16:00 cutoff, 10-day window, 2-day margin. */
void eta_rules_default(struct eta_rules *r);

/*
 * Estimate parcel P as of day TODAY under RULES and CAL:
 * - handover: the ship time; else payment/order time plus dispatch_s,
 *   moved to the next working day when it falls on a rest day (unless
 *   every_day);
 * - start: the handover day, or the next day when handed over at or after
 *   cutoff_s;
 * - earliest/latest: min_days/max_days (+ delay) courier days after start,
 *   where closure days (春节停运) do not count;
 * - status and days_late against TODAY (or the delivery day);
 * - extend: not delivered, and the latest ETA (or today, when later) is
 *   within margin_days of handover + confirm_days, or past it.
 * Never fails; days outside the calendar's years count weekends only and
 * are reported in RES->uncovered.
 */
void eta_estimate(const struct calendar *cal, const struct eta_rules *rules,
    const struct eta_parcel *p, long today, struct eta_result *res);

/*
 * The instant (seconds since the epoch) by which an order paid at PAID
 * must be handed to the courier: PAID plus the dispatch time; when that
 * falls on a rest day (and not every_day), the cutoff hour of the next
 * working day.  The first year the calendar lacks goes to *UNCOVERED.
 */
long long eta_dispatch_promise(const struct calendar *cal,
    const struct eta_rules *rules, long long paid, int *uncovered);

/*
 * Whole hours (rounded up) that PROMISE lies before the start of day
 * TODAY, or 0 when it does not: the hours a paid order waits past the
 * dispatch promise as of TODAY.
 */
long eta_hours_late(long long promise, long today);

/*
 * "in_transit", "due_today", "overdue", "delivered", "cancelled",
 * "unpaid", "awaiting_dispatch", "dispatch_late", "unknown_region",
 * "unserved", "no_transit", "no_time", "bad_time".
 */
const char *eta_status_name(int status);

/* ---- option values ------------------------------------------------------ */

/* "48", "48h", "2d", "90m" as seconds into *S (0 .. 30 days); 0 or -1. */
int eta_parse_duration(const char *arg, long *s);

/* "16:00", "16", "9:30" as seconds after midnight into *S; 0 or -1. */
int eta_parse_clock(const char *arg, int *s);

/* A whole number of days 0 .. ETA_MAX_DAYS into *D; 0 or -1. */
int eta_parse_days(const char *arg, int *d);

/* A date (any form tp_parse() reads) as a day into *DAY; 0 or -1. */
int eta_parse_date(const char *arg, long *day);

/* ---- the row tool -------------------------------------------------------- */

/* Indices into eta_columns[]. */
enum {
	ET_SHIPPED, ET_PAID, ET_CREATED, ET_DELIVERED, ET_TIER, ET_PROVINCE,
	ET_ADDRESS, ET_CARRIER, ET_ORDER_STATUS, ET_NCOLS
};

extern const struct colspec eta_columns[ET_NCOLS];

struct eta_delay {
	const char *region;	/* as given: a province, a tier or "all" */
	int tier;		/* the tier it names, or -1 */
	int province;		/* the province it names, or -1 */
	int all;		/* every row */
	int days;		/* extra days */
};

/* A day written as text, kept to skip formatting it again. */
struct eta_datefmt {
	long day;		/* the day */
	int valid;		/* text holds it */
	char text[16];		/* YYYY-MM-DD */
};

/* The transit days of one carrier, tier and province, remembered. */
struct eta_tmemo {
	int valid;		/* the slot holds an answer */
	int c, tier, p;		/* what was asked */
	int rc, min, max;	/* eta_transit_days()'s answer */
};

struct eta {
	/* Options. */
	struct eta_rules rules;	/* dispatch, cutoff, window */
	long today;		/* --today, or the current Shanghai day */
	int overdue_only;	/* --overdue */
	const char *opt_carrier; /* --carrier */
	const char *gazetteer;	/* --gazetteer */
	const char *holidays;	/* --holidays */
	const char *transit_path; /* --transit */
	const char *statuses_path; /* --statuses */
	struct eta_delay *delays; /* --delay, in order given */
	size_t ndelays;		/* how many */
	/* Loaded data. */
	struct region_db *db;	/* gazetteer */
	struct calendar *cal;	/* holidays and closures */
	struct eta_transit *transit; /* transit table */
	struct ostatus *ostatus; /* order status wordings */
	signed char *tier_of;	/* per province: default tier + 1, 0 unknown yet */
	int nprov;		/* provinces in db */
	int carrier;		/* --carrier's index, or -1 */
	int need_province;	/* province lines or --delay by province */
	int warned_year;	/* the calendar gap already reported */
	struct eta_datefmt fmt[64]; /* dates written, by day modulo 64 */
	struct eta_tmemo tmemo[64]; /* transit days asked for, hashed */
	/* Output slots. */
	int s_earliest, s_latest, s_status, s_late, s_extend;
	int s_hours;		/* hours_late (with an order status column), or -1 */
	int started;		/* the first input's columns are added */
};

/* Set the defaults before options are parsed. */
void eta_defaults(struct eta *e);

/* --delay REGION=DAYS (kept until eta_init() resolves REGION); 0 or -1. */
int eta_add_delay(struct eta *e, const char *arg);

/* Load the gazetteer, calendar and transit table; 0 or CS_FATAL. */
int eta_init(struct eta *e);

/* After the header: check the columns, add the output columns; 0 or CS_FATAL. */
int eta_start(struct eta *e, struct run *run);

/* Estimate one row; returns an enum row_result. */
int eta_row(struct eta *e, struct run *run, const struct record *r);

/* Free what E loaded. */
void eta_free(struct eta *e);

#endif
