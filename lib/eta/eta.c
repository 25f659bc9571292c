#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "addr/dest.h"
#include "io/cell.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "eta/eta.h"
#include "io/timeparse.h"

const struct colspec eta_columns[ET_NCOLS] = {
	[ET_SHIPPED] = { "shipped", "发货时间|发货日期|卖家发货时间|实际发货时间|"
	    "出库时间|揽收时间|shipped_at|ship_time|shipped_time|ship_date|shipped|"
	    "dispatched_at" },
	[ET_PAID] = { "paid", "订单付款时间|付款时间|支付时间|付款日期|买家付款时间|"
	    "paid_at|payment_time|pay_time|paid_time|paid" },
	[ET_CREATED] = { "created", "订单创建时间|下单时间|创建时间|订单时间|"
	    "下单日期|created_at|order_time|create_time|order_date|created" },
	[ET_DELIVERED] = { "delivered", "签收时间|妥投时间|送达时间|确认收货时间|"
	    "delivered_at|signed_at|received_at|delivered" },
	[ET_TIER] = { "tier", "tier|运费区域|配送区域" },
	[ET_PROVINCE] = { "province", DEST_PROVINCE_ALIASES },
	[ET_ADDRESS] = { "address", DEST_ADDRESS_ALIASES },
	[ET_CARRIER] = { "carrier", DEST_CARRIER_ALIASES },
	[ET_ORDER_STATUS] = { "order_status", "订单状态|交易状态|order_status|"
	    "trade_status|orderstatus" },
};

static const char *const status_names[ETA_NSTATUS] = {
	[ETA_IN_TRANSIT] = "in_transit", [ETA_DUE_TODAY] = "due_today",
	[ETA_OVERDUE] = "overdue", [ETA_DELIVERED] = "delivered",
	[ETA_CANCELLED] = "cancelled", [ETA_UNPAID] = "unpaid",
	[ETA_AWAITING] = "awaiting_dispatch", [ETA_DISPATCH_LATE] = "dispatch_late",
	[ETA_UNKNOWN_REGION] = "unknown_region", [ETA_UNSERVED] = "unserved",
	[ETA_NO_TRANSIT] = "no_transit", [ETA_NO_TIME] = "no_time",
	[ETA_BAD_TIME] = "bad_time",
};

/* ---- transit table ---------------------------------------------------- */

struct eta_tline {
	int carrier;		/* carrier index, or -1 for every carrier */
	int tier;		/* enum tier, or -1 for a province line */
	int province;		/* region index, or -1 for a tier line */
	int min, max;		/* transit days */
};

struct eta_transit {
	struct dest_carriers carriers; /* the carriers it names */
	struct eta_tline *lines; /* the table's lines */
	size_t nlines, cap;	/* fill and size */
	int by_province;	/* some line names a province */
};

/* State while loading the table. */
struct transit_load {
	struct eta_transit *t;	/* being built */
	const struct region_db *db; /* to name provinces */
};

/* Zone NAME as a tier or a province into L; 0 or -1. */
static int
parse_zone(const struct region_db *db, const char *name, struct eta_tline *l)
{
	struct region_result res;

	l->tier = tier_parse(name);
	l->province = -1;
	if (l->tier >= 0)
		return 0;
	if (name[0] == '\0')
		return -1;
	if ((l->province = region_lookup(db, name)) >= 0)
		return 0;
	if (region_resolve(db, name, strlen(name), &res) == REGION_OK) {
		l->province = res.province;
		return 0;
	}
	return -1;
}

static void
add_tline(struct eta_transit *t, const struct eta_tline *l)
{
	if (t->nlines == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->lines = xreallocarray(t->lines, t->cap, sizeof *t->lines);
	}
	t->lines[t->nlines++] = *l;
}

static const char *const transit_columns[] = {
	"zone", "min_days", "max_days", NULL
};

static const struct datafile_kind transit_kind = {
	"transit table", "transit.csv", DATAFILE_MAX_TRANSIT, transit_columns
};

/* datafile callback: one line of the transit table. */
static int
on_transit(void *ctx, struct datafile *df, const struct record *r)
{
	struct transit_load *ld = ctx;
	struct eta_tline l;
	const char *carrier = datafile_get(df, r, "carrier");
	const char *zone = datafile_get(df, r, "zone");
	const char *min = datafile_get(df, r, "min_days");
	const char *max = datafile_get(df, r, "max_days");
	char key[64], show[512];

	l.carrier = -1;
	if (carrier[0] != '\0' &&
	    (l.carrier = dest_carrier_add(&ld->t->carriers, carrier)) < 0) {
		datafile_error(df, "too many carriers (at most %d)",
		    DEST_MAX_CARRIERS);
		return 0;
	}
	if (parse_zone(ld->db, zone, &l) != 0) {
		datafile_error(df, "zone '%s' is neither a tier nor a province",
		    datafile_quote(df, zone));
		return 0;
	}
	if (eta_parse_days(min, &l.min) != 0 || eta_parse_days(max, &l.max) != 0) {
		datafile_error(df, "days '%s' to '%s': expected whole numbers "
		    "from 0 to %d", datafile_quote(df, min),
		    datafile_quote(df, max), ETA_MAX_DAYS);
		return 0;
	}
	if (l.max < l.min) {
		datafile_error(df, "max_days %d is less than min_days %d", l.max, l.min);
		return 0;
	}
	/* One line per carrier and zone, whichever name the zone goes by. */
	snprintf(key, sizeof key, "%d/%d/%d", l.carrier, l.tier, l.province);
	snprintf(show, sizeof show, "%s,%s", carrier, zone);
	if (datafile_key(df, carrier[0] != '\0' ? "carrier and zone" : "zone",
	    key, strlen(key), carrier[0] != '\0' ? show : zone) != 0)
		return 0;
	if (l.province >= 0)
		ld->t->by_province = 1;
	add_tline(ld->t, &l);
	return 0;
}

struct eta_transit *
eta_transit_load(const char *path, const struct region_db *db)
{
	struct transit_load ld;

	ld.t = xcalloc(1, sizeof *ld.t);
	ld.db = db;
	if (datafile_load(path, &transit_kind, on_transit, &ld) != 0) {
		eta_transit_free(ld.t);
		return NULL;
	}
	return ld.t;
}

void
eta_transit_free(struct eta_transit *t)
{
	if (t == NULL)
		return;
	dest_carriers_free(&t->carriers);
	free(t->lines);
	free(t);
}

int
eta_transit_carrier(const struct eta_transit *t, const char *name, size_t len)
{
	return dest_carrier(&t->carriers, name, len);
}

int
eta_transit_days(const struct eta_transit *t, int c, int tier, int p,
    int *min, int *max)
{
	const struct eta_tline *best = NULL;
	int score, best_score = 0;
	size_t i;

	for (i = 0; i < t->nlines; i++) {
		const struct eta_tline *l = &t->lines[i];

		if (l->carrier >= 0 && l->carrier != c)
			continue;
		if (l->province >= 0 ? l->province != p : l->tier != tier)
			continue;
		score = 1 + (l->province >= 0) + 2 * (l->carrier >= 0);
		if (score > best_score) {
			best = l;
			best_score = score;
		}
	}
	if (best == NULL)
		return -1;
	*min = best->min;
	*max = best->max;
	return 0;
}

int
eta_transit_by_province(const struct eta_transit *t)
{
	return t->by_province;
}

/* ---- the estimate ------------------------------------------------------ */

void
eta_rules_default(struct eta_rules *r)
{
	r->dispatch_s = 48 * 3600L;
	r->cutoff_s = 16 * 3600;
	r->every_day = 0;
	r->confirm_days = 10;
	r->margin_days = 2;
}

/*
 * The day the parcel reaches the courier, and whether that was at or
 * after the cutoff.
 */
static long
handover_day(const struct calendar *cal, const struct eta_rules *rules,
    const struct eta_parcel *p, int *late, struct eta_result *res)
{
	long long h = p->t;
	long day, work;

	if (!p->shipped)
		h += rules->dispatch_s;
	day = tp_local_day(h);
	*late = (p->has_time || !p->shipped) && tp_local_seconds(h) >= rules->cutoff_s;
	if (p->shipped || rules->every_day)
		return day;
	/* A rest day: the parcel goes out first thing on the next working day. */
	work = calendar_workday_from(cal, day, &res->uncovered);
	if (work != day)
		*late = 0;
	return work;
}

void
eta_estimate(const struct calendar *cal, const struct eta_rules *rules,
    const struct eta_parcel *p, long today, struct eta_result *res)
{
	long seen, deadline;
	int late;

	memset(res, 0, sizeof *res);
	res->handover = handover_day(cal, rules, p, &late, res);
	res->start = res->handover + late;
	res->earliest = calendar_courier_day(cal, res->start,
	    p->min_days + p->delay, &res->uncovered);
	/* min_days <= max_days: go on from the earliest day. */
	res->latest = calendar_courier_day(cal, res->earliest,
	    p->max_days - p->min_days, &res->uncovered);
	if (p->delivered) {
		res->status = ETA_DELIVERED;
		res->days_late = p->delivered_day > res->latest ?
		    p->delivered_day - res->latest : 0;
		return;
	}
	if (today < res->latest)
		res->status = ETA_IN_TRANSIT;
	else if (today == res->latest)
		res->status = ETA_DUE_TODAY;
	else {
		res->status = ETA_OVERDUE;
		res->days_late = today - res->latest;
	}
	/* An overdue parcel arrives today at the earliest. */
	seen = today > res->latest ? today : res->latest;
	deadline = res->handover + rules->confirm_days;
	res->extend = seen >= deadline - rules->margin_days;
}

long long
eta_dispatch_promise(const struct calendar *cal, const struct eta_rules *rules,
    long long paid, int *uncovered)
{
	long long h = paid + rules->dispatch_s;
	long day, work;

	if (rules->every_day)
		return h;
	day = tp_local_day(h);
	work = calendar_workday_from(cal, day, uncovered);
	if (work == day)
		return h;
	return (long long)work * 86400 - TP_SHANGHAI_OFFSET + rules->cutoff_s;
}

long
eta_hours_late(long long promise, long today)
{
	long long start = (long long)today * 86400 - TP_SHANGHAI_OFFSET;

	if (promise >= start)
		return 0;
	return (long)((start - promise + 3599) / 3600);
}

const char *
eta_status_name(int status)
{
	return status >= 0 && status < ETA_NSTATUS ? status_names[status] : "";
}

/* ---- option values ------------------------------------------------------ */

/* Digits of S as a number up to LIMIT; the rest in *END.  -1 when none. */
static long
number(const char *s, const char **end, long limit)
{
	long v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > limit)
			return -1;
	}
	*end = s;
	return v;
}

int
eta_parse_duration(const char *arg, long *s)
{
	const char *end;
	long v = number(arg, &end, 30L * 24 * 60), unit;

	if (v < 0)
		return -1;
	if (strcmp(end, "") == 0 || strcmp(end, "h") == 0)
		unit = 3600;
	else if (strcmp(end, "d") == 0)
		unit = 86400;
	else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
		unit = 60;
	else
		return -1;
	if (v * unit > 30L * 86400)
		return -1;
	*s = v * unit;
	return 0;
}

int
eta_parse_clock(const char *arg, int *s)
{
	const char *end;
	long h = number(arg, &end, 23), m = 0;

	if (h < 0 || end - arg > 2)
		return -1;
	if (*end == ':') {
		arg = end + 1;
		if ((m = number(arg, &end, 59)) < 0 || end - arg != 2)
			return -1;
	}
	if (*end != '\0')
		return -1;
	*s = (int)(h * 3600 + m * 60);
	return 0;
}

int
eta_parse_days(const char *arg, int *d)
{
	const char *end;
	long v = number(arg, &end, ETA_MAX_DAYS);

	if (v < 0 || *end != '\0')
		return -1;
	*d = (int)v;
	return 0;
}

int
eta_parse_date(const char *arg, long *day)
{
	struct tp_time t;

	if (tp_parse(arg, strlen(arg), &t) != 0)
		return -1;
	*day = tp_local_day(t.t);
	return 0;
}

/* ---- the row tool -------------------------------------------------------- */

void
eta_defaults(struct eta *e)
{
	memset(e, 0, sizeof *e);
	eta_rules_default(&e->rules);
	e->today = tp_local_day((long long)time(NULL));
	e->carrier = -1;
	e->s_earliest = e->s_latest = e->s_status = e->s_late = e->s_extend = -1;
	e->s_hours = -1;
}

int
eta_add_delay(struct eta *e, const char *arg)
{
	const char *eq = strrchr(arg, '=');
	struct eta_delay *d;

	if (eq == NULL || eq == arg)
		return -1;
	e->delays = xreallocarray(e->delays, e->ndelays + 1, sizeof *e->delays);
	d = &e->delays[e->ndelays];
	memset(d, 0, sizeof *d);
	if (eta_parse_days(eq + 1, &d->days) != 0)
		return -1;
	d->region = xstrndup(arg, (size_t)(eq - arg));
	e->ndelays++;
	return 0;
}

/* Resolve the regions of --delay; 0 or -1 after a message. */
static int
resolve_delays(struct eta *e)
{
	struct region_result res;
	size_t i;

	for (i = 0; i < e->ndelays; i++) {
		struct eta_delay *d = &e->delays[i];

		d->tier = d->province = -1;
		if (strcmp(d->region, "all") == 0 || strcmp(d->region, "*") == 0)
			d->all = 1;
		else if ((d->tier = tier_parse(d->region)) >= 0)
			continue;
		else if ((d->province = region_lookup(e->db, d->region)) >= 0 ||
		    (region_resolve(e->db, d->region, strlen(d->region), &res) ==
		    REGION_OK && (d->province = res.province) >= 0))
			e->need_province = 1;
		else {
			cs_warnx("--delay: '%s' is not a province, a tier or 'all'",
			    d->region);
			return -1;
		}
	}
	return 0;
}

int
eta_init(struct eta *e)
{
	if ((e->db = region_db_load(e->gazetteer)) == NULL)
		return CS_FATAL;
	if ((e->cal = calendar_load(e->holidays)) == NULL)
		return CS_FATAL;
	if ((e->transit = eta_transit_load(e->transit_path, e->db)) == NULL)
		return CS_FATAL;
	if ((e->ostatus = ostatus_load(e->statuses_path)) == NULL)
		return CS_FATAL;
	if (resolve_delays(e) != 0)
		return CS_FATAL;
	e->nprov = region_count(e->db);
	e->tier_of = xcalloc((size_t)e->nprov + 1, 1);
	if (eta_transit_by_province(e->transit))
		e->need_province = 1;
	if (e->opt_carrier != NULL) {
		e->carrier = eta_transit_carrier(e->transit, e->opt_carrier,
		    strlen(e->opt_carrier));
		if (e->carrier < 0)
			cs_warnx("--carrier: the transit table has no lines for '%s'; "
			    "using the lines for every carrier", e->opt_carrier);
	}
	return 0;
}

/* ALIASES with '|' shown as ", " in BUF. */
static const char *
alias_list(const char *aliases, char *buf, size_t size)
{
	size_t n = 0;

	for (; *aliases != '\0' && n + 3 < size; aliases++) {
		if (*aliases == '|') {
			buf[n++] = ',';
			buf[n++] = ' ';
		} else
			buf[n++] = *aliases;
	}
	buf[n] = '\0';
	return buf;
}

/*
 * Non-zero, after saying which columns were tried, when the input has none
 * of columns X, Y and Z (any one of them will do); WY and WZ say what Y and
 * Z are ("a payment time 'paid'").
 */
static int
none_of(const struct run *run, int x, int y, const char *wy, int z,
    const char *wz)
{
	char a[512], b[512];

	if (run->col[x] >= 0 || run->col[y] >= 0 || run->col[z] >= 0)
		return 0;
	cols_missing(&eta_columns[x], run->file);
	cs_warnx("or %s (tried: %s) or %s (tried: %s)",
	    wy, alias_list(eta_columns[y].aliases, a, sizeof a),
	    wz, alias_list(eta_columns[z].aliases, b, sizeof b));
	return 1;
}

int
eta_start(struct eta *e, struct run *run)
{
	if (none_of(run, ET_SHIPPED, ET_PAID, "a payment time 'paid'",
	    ET_CREATED, "an order time 'created'") ||
	    none_of(run, ET_ADDRESS, ET_PROVINCE, "a province 'province'",
	    ET_TIER, "a tier 'tier'"))
		return CS_FATAL;
	if (e->started)
		return 0;
	if ((e->s_earliest = run_add_column(run, "eta_earliest", NULL)) < 0 ||
	    (e->s_latest = run_add_column(run, "eta_latest", NULL)) < 0 ||
	    (e->s_status = run_add_column(run, "status", "eta_status")) < 0 ||
	    (e->s_late = run_add_column(run, "days_late", NULL)) < 0 ||
	    (e->s_extend = run_add_column(run, "extend_receipt", NULL)) < 0)
		return CS_FATAL;
	/* The hours past the dispatch promise need to know what was paid. */
	if (run->col[ET_ORDER_STATUS] >= 0 &&
	    (e->s_hours = run_add_column(run, "hours_late", NULL)) < 0)
		return CS_FATAL;
	e->started = 1;
	return 0;
}

/* The header of tool column I, for messages. */
static const char *
col_label(const struct run *run, size_t i)
{
	long k = run->col[i];

	if (run->hdr != NULL && k >= 0 && (size_t)k < run->nhdr)
		return run->hdr[k];
	return eta_columns[i].name;
}

/* A time cell: its value and, when not empty, the parsed time. */
struct cell_time {
	const char *s;		/* value (cell_value() applied) */
	size_t n;		/* its length; 0 when empty or absent */
	struct tp_time t;	/* parsed, when n > 0 */
};

/*
 * Read time column I of R into C.  Returns 0 (C->n is 0 for an empty or
 * absent cell), or -1 after a diagnostic for a value that is not a date
 * or is after today.
 */
static int
read_time(struct eta *e, struct run *run, const struct record *r, size_t i,
    struct cell_time *c)
{
	char day[16];
	int n;

	c->s = run_field(run, r, i, &c->n);
	if (c->s == NULL) {
		c->n = 0;
		return 0;
	}
	if (!cell_bare(c->s, c->n))
		cell_value(&c->s, &c->n);
	if (c->n == 0)
		return 0;
	n = c->n > 60 ? 60 : (int)c->n;
	if (tp_parse(c->s, c->n, &c->t) != 0) {
		run_warn(run, "%s '%.*s' is not a date or time",
		    col_label(run, i), n, c->s);
		return -1;
	}
	if (tp_local_day(c->t.t) > e->today) {
		run_warn(run, "%s '%.*s' is after today (%s)",
		    col_label(run, i), n, c->s, tp_format_date(e->today, day));
		return -1;
	}
	return 0;
}

/* Non-zero when A is before B, by the day when either has no time. */
static int
time_before(const struct tp_time *a, const struct tp_time *b)
{
	if (a->has_time && b->has_time)
		return a->t < b->t;
	return tp_local_day(a->t) < tp_local_day(b->t);
}

/*
 * The time the estimate starts from: the ship time, else the payment
 * time, else the order time.  0 with P->t, has_time and shipped set, or
 * after a diagnostic ETA_BAD_TIME (an unreadable time that was needed) or
 * ETA_NO_TIME (none at all).
 */
static int
row_times(struct eta *e, struct run *run, const struct record *r,
    struct eta_parcel *p)
{
	struct cell_time ship, order;
	size_t oi = ET_PAID;
	int need, rc;

	if (read_time(e, run, r, ET_SHIPPED, &ship) != 0)
		return ETA_BAD_TIME;
	/* The order time is needed without a ship time, else only checked. */
	need = ship.n == 0;
	rc = read_time(e, run, r, oi, &order);
	if (rc == 0 && order.n == 0) {
		oi = ET_CREATED;
		rc = read_time(e, run, r, oi, &order);
	}
	if (rc != 0) {
		if (need)
			return ETA_BAD_TIME;
		order.n = 0;
	}
	if (ship.n > 0) {
		if (order.n > 0 && time_before(&ship.t, &order.t))
			run_warn(run, "%s '%.*s' is before %s '%.*s'",
			    col_label(run, ET_SHIPPED), (int)ship.n, ship.s,
			    col_label(run, oi), (int)order.n, order.s);
		p->t = ship.t.t;
		p->has_time = ship.t.has_time;
		p->shipped = 1;
		return 0;
	}
	if (order.n == 0) {
		run_warn(run, "no ship, payment or order time");
		return ETA_NO_TIME;
	}
	p->t = order.t.t;
	p->has_time = order.t.has_time;
	p->shipped = 0;
	return 0;
}

/* Cell I of R as a NUL-terminated value in BUF; "" when absent or too long. */
static const char *
cell_str(const struct run *run, const struct record *r, size_t i,
    char *buf, size_t size)
{
	const char *s;
	size_t n;

	buf[0] = '\0';
	if ((s = run_field(run, r, i, &n)) == NULL)
		return buf;
	cell_value(&s, &n);
	if (n < size) {
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	return buf;
}

/*
 * The province of the row from the province or address column: 0 with *P
 * set (-1 abroad or not needed), or -1 (after a diagnostic when REQUIRED).
 */
static int
row_province(struct eta *e, struct run *run, const struct record *r, int *p,
    int required)
{
	struct region_result res;

	*p = -1;
	switch (dest_resolve(e->db, run, r, ET_PROVINCE, ET_ADDRESS, &res,
	    required)) {
	case DEST_NONE:
		if (required)
			run_warn(run, "no address or province");
		break;
	case REGION_OK:
		*p = res.province;
		return 0;
	case REGION_FOREIGN:
		return 0;
	}
	return required ? -1 : 0;
}

/* The default tier of province P (-1: abroad), cached per province. */
static int
province_tier(struct eta *e, int p)
{
	if (p < 0 || p >= e->nprov)
		return tier_default(e->db, p);
	if (e->tier_of[p] == 0)
		e->tier_of[p] = (signed char)(tier_default(e->db, p) + 1);
	return e->tier_of[p] - 1;
}

/* The extra days of --delay for tier TIER and province P: the largest. */
static int
row_delay(const struct eta *e, int tier, int p)
{
	size_t i;
	int days = 0;

	for (i = 0; i < e->ndelays; i++) {
		const struct eta_delay *d = &e->delays[i];

		if ((d->all || (d->tier >= 0 && d->tier == tier) ||
		    (d->province >= 0 && d->province == p)) && d->days > days)
			days = d->days;
	}
	return days;
}

/*
 * eta_transit_days() through a small cache: rows ask about a handful of
 * carrier, tier and province combinations, and the table is scanned
 * line by line.
 */
static int
transit_days(struct eta *e, int c, int tier, int prov, struct eta_parcel *p)
{
	unsigned h = (unsigned)(c + 1) * 31u + (unsigned)(tier + 1) * 7u +
	    (unsigned)(prov + 1);
	struct eta_tmemo *m = &e->tmemo[h % 64];

	if (!m->valid || m->c != c || m->tier != tier || m->p != prov) {
		m->valid = 1;
		m->c = c;
		m->tier = tier;
		m->p = prov;
		m->rc = eta_transit_days(e->transit, c, tier, prov, &m->min,
		    &m->max);
	}
	p->min_days = m->min;
	p->max_days = m->max;
	return m->rc;
}

/*
 * Tier, province, carrier and so transit days of the row: 0, or after a
 * diagnostic ETA_UNKNOWN_REGION, ETA_UNSERVED or ETA_NO_TRANSIT.
 */
static int
row_transit(struct eta *e, struct run *run, const struct record *r,
    struct eta_parcel *p)
{
	char buf[64];
	const char *s;
	size_t n;
	int tier = -1, prov = -1, c;

	cell_str(run, r, ET_TIER, buf, sizeof buf);
	if (buf[0] != '\0' && (tier = tier_parse(buf)) < 0) {
		run_warn(run, "unknown tier '%s'", buf);
		return ETA_UNKNOWN_REGION;
	}
	if ((tier < 0 || e->need_province) &&
	    row_province(e, run, r, &prov, tier < 0) != 0)
		return ETA_UNKNOWN_REGION;
	if (tier < 0)
		tier = province_tier(e, prov);
	c = e->carrier;
	s = run_field(run, r, ET_CARRIER, &n);
	if (s != NULL) {
		if (!cell_bare(s, n))
			cell_value(&s, &n);
		if (n > 0)
			c = eta_transit_carrier(e->transit, s, n);
	}
	if (transit_days(e, c, tier, prov, p) != 0) {
		run_warn(run, "no transit time for tier '%s'", tier_name(tier));
		return tier == TIER_UNSERVED ? ETA_UNSERVED : ETA_NO_TRANSIT;
	}
	p->delay = row_delay(e, tier, prov);
	return 0;
}

/* The delivery date, when the row has one: 0, or ETA_BAD_TIME after a diagnostic. */
static int
row_delivered(struct eta *e, struct run *run, const struct record *r,
    struct eta_parcel *p)
{
	struct cell_time d;

	if (read_time(e, run, r, ET_DELIVERED, &d) != 0)
		return ETA_BAD_TIME;
	p->delivered = d.n > 0;
	p->delivered_day = d.n > 0 ? tp_local_day(d.t.t) : 0;
	return 0;
}

/* Non-zero when column I of R is present and not empty. */
static int
has_value(const struct run *run, const struct record *r, size_t i)
{
	const char *s;
	size_t n;

	if ((s = run_field(run, r, i, &n)) == NULL)
		return 0;
	return !cell_empty(s, n);
}

/*
 * The enum order_status of the row (OS_NONE without a status column); an
 * unknown wording is reported and counts as OS_NONE.
 */
static int
row_order_status(struct eta *e, struct run *run, const struct record *r)
{
	const char *s;
	size_t n;
	int os;

	if ((s = run_field(run, r, ET_ORDER_STATUS, &n)) == NULL)
		return OS_NONE;
	if (!cell_bare(s, n))
		cell_value(&s, &n);
	if ((os = ostatus_lookup(e->ostatus, s, n)) != OS_UNKNOWN)
		return os;
	run_warn(run, "unknown order status '%.*s'; estimated as if shipped "
	    "(add it with --statuses)", (int)(n > 60 ? 60 : n), s);
	return OS_NONE;
}

/*
 * DAY as YYYY-MM-DD from a small direct-mapped cache: the estimates of an
 * export fall within a few weeks, so most are formatted once.
 */
static const char *
cached_date(struct eta *e, long day)
{
	struct eta_datefmt *f = &e->fmt[(unsigned long)day % 64];

	if (!f->valid || f->day != day) {
		tp_format_date(day, f->text);
		f->day = day;
		f->valid = 1;
	}
	return f->text;
}

/* A day count 0 .. in decimal into BUF (at least 16 bytes); its length. */
static size_t
format_days(long n, char *buf)
{
	char tmp[16];
	size_t k = 0, i = 0;

	if (n < 0)
		n = 0;
	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && k < sizeof tmp);
	while (k > 0)
		buf[i++] = tmp[--k];
	buf[i] = '\0';
	return i;
}

/* Set the status cell of the row to STATUS. */
static void
set_status(struct eta *e, struct run *run, int status)
{
	const char *name = eta_status_name(status);

	run_set(run, e->s_status, name, strlen(name));
}

/*
 * A row without an estimate: its STATUS says why.  Orders that are
 * cancelled, unpaid or delivered need no receipt extension; for the rest
 * (diagnosed already) it is not known.  Not on the --overdue list.
 */
static int
no_estimate(struct eta *e, struct run *run, int status)
{
	if (e->overdue_only)
		return ROW_SKIP;
	set_status(e, run, status);
	if (status == ETA_CANCELLED || status == ETA_UNPAID ||
	    status == ETA_DELIVERED)
		run_set(run, e->s_extend, "no", 2);
	return ROW_OUT;
}

/*
 * A paid order not shipped yet (P counts from its payment time): within
 * the dispatch promise it is estimated as handed over then; past it, the
 * shop is late (002), and it is estimated as handed over today.  Sets
 * RES, and *HOURS to the hours past the promise.
 */
static void
estimate_unshipped(struct eta *e, struct eta_parcel *p, struct eta_result *res,
    long *hours)
{
	int uncovered = 0;
	long long promise = eta_dispatch_promise(e->cal, &e->rules, p->t,
	    &uncovered);
	long late_days;

	*hours = eta_hours_late(promise, e->today);
	if (*hours == 0) {
		eta_estimate(e->cal, &e->rules, p, e->today, res);
		res->status = ETA_AWAITING;
		res->days_late = 0;
	} else {
		late_days = e->today - tp_local_day(promise);
		p->t = (long long)e->today * 86400 - TP_SHANGHAI_OFFSET;
		p->has_time = 0;
		p->shipped = 1;
		eta_estimate(e->cal, &e->rules, p, e->today, res);
		res->status = ETA_DISPATCH_LATE;
		res->days_late = late_days;
	}
	if (res->uncovered == 0)
		res->uncovered = uncovered;
}

int
eta_row(struct eta *e, struct run *run, const struct record *r)
{
	struct eta_parcel p;
	struct eta_result res;
	char buf[16];
	long hours = 0;
	int os, why;

	os = row_order_status(e, run, r);
	if (os == OS_CANCELLED)
		return no_estimate(e, run, ETA_CANCELLED);
	if (os == OS_UNPAID)
		return no_estimate(e, run, ETA_UNPAID);
	/* Completed: the estimate matters only to measure a known delivery day. */
	if (os == OS_DELIVERED && !has_value(run, r, ET_DELIVERED))
		return no_estimate(e, run, ETA_DELIVERED);
	memset(&p, 0, sizeof p);
	if ((why = row_times(e, run, r, &p)) != 0 ||
	    (why = row_transit(e, run, r, &p)) != 0 ||
	    (why = row_delivered(e, run, r, &p)) != 0)
		return no_estimate(e, run, why);
	if (os == OS_PAID && !p.shipped && !p.delivered)
		estimate_unshipped(e, &p, &res, &hours);
	else
		eta_estimate(e->cal, &e->rules, &p, e->today, &res);
	if (res.uncovered != 0 && e->warned_year == 0) {
		run_warn(run, "no holiday data for %d; counting weekends only "
		    "(give a calendar with --holidays)", res.uncovered);
		e->warned_year = res.uncovered;
	}
	if (e->overdue_only && res.status != ETA_OVERDUE &&
	    res.status != ETA_DISPATCH_LATE)
		return ROW_SKIP;
	run_set(run, e->s_earliest, cached_date(e, res.earliest), 10);
	run_set(run, e->s_latest, cached_date(e, res.latest), 10);
	set_status(e, run, res.status);
	run_set(run, e->s_late, buf, format_days(res.days_late, buf));
	if (res.extend)
		run_set(run, e->s_extend, "yes", 3);
	else
		run_set(run, e->s_extend, "no", 2);
	if (e->s_hours >= 0 && (res.status == ETA_AWAITING ||
	    res.status == ETA_DISPATCH_LATE))
		run_set(run, e->s_hours, buf, format_days(hours, buf));
	return ROW_OUT;
}

void
eta_free(struct eta *e)
{
	size_t i;

	for (i = 0; i < e->ndelays; i++)
		free((char *)e->delays[i].region);
	free(e->delays);
	free(e->tier_of);
	eta_transit_free(e->transit);
	ostatus_free(e->ostatus);
	calendar_free(e->cal);
	if (e->db != NULL)
		region_db_free(e->db);
}
