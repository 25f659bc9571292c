#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cell.h"
#include "io/cols.h"
#include "io/csvin.h"
#include "io/diag.h"
#include "io/timeparse.h"
#include "stats/stats_orders.h"

void
stats_orders_init(struct stats_orders *o)
{
	memset(o, 0, sizeof *o);
	strmap_init(&o->buyers);
}

void
stats_orders_free(struct stats_orders *o)
{
	size_t i;

	for (i = 0; i < o->buyers.n; i++)
		store_free(&o->t[i]);
	free(o->t);
	strmap_free(&o->buyers);
	memset(o, 0, sizeof *o);
}

void
stats_orders_add(
    struct stats_orders *o, const char *name, size_t n, long long t)
{
	int isnew;
	size_t i = strmap_put(&o->buyers, name, n, &isnew);

	xgrow_zero(&o->t, &o->cap, i + 1, sizeof *o->t);
	store_add(&o->t[i], t);
	if (!o->has_latest || t > o->latest) {
		o->latest = t;
		o->has_latest = 1;
	}
}

/* Non-zero when sorted ST holds a value in (FROM, FROM + WINDOW]. */
static int
ordered_within(struct stats_store *st, long long from, long long window)
{
	size_t k = store_count_le(st, from);

	return k < st->n && store_at(st, k) <= from + window;
}

/* Judge one buyer whose clock starts at FROM into K. */
static void
judge(struct stats_keep *k, struct stats_store *st, long long from,
    long long window, long long ref)
{
	if (from + window > ref) {
		k->pending++;
		return;
	}
	k->buyers++;
	if (st != NULL && ordered_within(st, from, window))
		k->kept++;
}

/* Number of distinct values in sorted ST. */
static size_t
distinct(struct stats_store *st)
{
	size_t i, d = 0;

	store_sort(st);
	for (i = 0; i < st->n; i++)
		d += i == 0 || store_at(st, i) != store_at(st, i - 1);
	return d;
}

void
stats_retention(const struct stats *s, struct stats_orders *o,
    long long window, long long ref, struct stats_retention *r)
{
	size_t i;

	memset(r, 0, sizeof *r);
	for (i = 0; i < s->buyers.n; i++) {
		const struct stats_buyer *b = &s->b[i];
		long j = strmap_get(
		    &o->buyers, s->buyers.key[i], s->buyers.klen[i]);
		struct stats_store *st = j < 0 ? NULL : &o->t[j];

		if (!b->seen)
			continue;	/* counted in groups only */
		if (st != NULL)
			store_sort(st);
		if (!b->has_t) {
			r->cls[b->cls].pending++;
			r->all.pending++;
			continue;
		}
		judge(&r->cls[b->cls], st, b->t, window, ref);
		judge(&r->all, st, b->t, window, ref);
	}
	for (i = 0; i < o->buyers.n; i++) {
		struct stats_store *st = &o->t[i];

		r->buyers++;
		r->repeat += distinct(st) >= 2;
		if (strmap_get(
			&s->buyers, o->buyers.key[i], o->buyers.klen[i]) >= 0)
			continue;
		judge(&r->base, st, store_at(st, 0), window, ref);
	}
}

/* Months since year 0 of instant T (Shanghai). */
static long
month_index(long long t)
{
	int y, m, d;

	tp_civil_from_days(tp_local_day(t), &y, &m, &d);
	return (long)y * 12 + (m - 1);
}

struct stats_cohort *
stats_cohorts(struct stats_orders *o, long long ref, size_t *n)
{
	struct stats_cohort *c = NULL;
	long first = 0, last = 0, refm = month_index(ref), mi;
	size_t i, k, nc;
	int any = 0;

	for (i = 0; i < o->buyers.n; i++) {
		store_sort(&o->t[i]);
		mi = month_index(store_at(&o->t[i], 0));
		if (!any || mi < first)
			first = mi;
		if (!any || mi > last)
			last = mi;
		any = 1;
	}
	*n = 0;
	if (!any)
		return NULL;
	nc = (size_t)(last - first + 1);
	c = xcalloc(nc, sizeof *c);
	for (k = 0; k < nc; k++) {
		c[k].year = (int)((first + (long)k) / 12);
		c[k].month = (int)((first + (long)k) % 12) + 1;
		for (i = 0; i < 3; i++)
			c[k].due[i] = first + (long)k + (long)i + 1 <= refm;
	}
	for (i = 0; i < o->buyers.n; i++) {
		struct stats_store *st = &o->t[i];
		long m0 = month_index(store_at(st, 0));
		int seen[3] = { 0, 0, 0 };

		c[m0 - first].buyers++;
		for (k = 1; k < st->n; k++) {
			long d = month_index(store_at(st, k)) - m0;

			if (d >= 1 && d <= 3)
				seen[d - 1] = 1;
		}
		for (k = 0; k < 3; k++)
			c[m0 - first].kept[k] += seen[k];
	}
	*n = nc;
	return c;
}

/* --- reading an orders file --------------------------------------------- */

/* The buyer and time columns of an orders file. */
static const struct colspec order_cols[2] = {
	{ "buyer", "买家会员名|买家|买家昵称|买家账号|买家ID|客户|会员名|buyer|customer" },
	{ "time", "订单创建时间|下单时间|订单付款时间|付款时间|创建时间|成交时间|"
	    "order_time|ordered_at|created|created_at|time|date" },
};


/* Reading an orders file. */
struct order_read {
	struct stats_orders *ord; /* where the orders go */
	long ocol[2];		/* buyer and time field of the orders file */
	int ostarted;		/* the orders header was seen */
	const char *ofile;	/* its display name */
	int ostatus;		/* worst status while reading it */
};

static int
order_header(struct order_read *c, struct record *r)
{
	size_t i;

	if (cols_resolve(order_cols, 2, r->f, r->len, r->n, NULL, 0, c->ocol,
	    c->ofile) != 0)
		return -1;
	for (i = 0; i < 2; i++)
		if (c->ocol[i] < 0) {
			cols_missing(&order_cols[i], c->ofile);
			return -1;
		}
	return 0;
}

/* Report a bad order line: WHAT, then 'S' unless S is NULL. */
static void
order_warn(struct order_read *c, long line, const char *what, const char *s, size_t n)
{
	if (s != NULL)
		cs_warnx_at(c->ofile, line, "%s '%.*s'", what, (int)n, s);
	else
		cs_warnx_at(c->ofile, line, "%s", what);
	if (c->ostatus < CS_ROWS)
		c->ostatus = CS_ROWS;
}

static int
on_order(void *vctx, struct record *r)
{
	struct order_read *c = vctx;
	struct tp_time t;
	const char *b, *ts;
	size_t bn, tn;

	if (r->error != NULL) {
		cs_warnx_at(c->ofile, r->line, "%s", r->error);
		c->ostatus = c->ostarted
		    ? (c->ostatus < CS_ROWS ? CS_ROWS : c->ostatus)
		    : CS_FATAL;
		return !c->ostarted;
	}
	if (!c->ostarted) {
		c->ostarted = 1;
		if (order_header(c, r) != 0) {
			c->ostatus = CS_FATAL;
			return 1;
		}
		return 0;
	}
	if ((size_t)c->ocol[0] >= r->n || (size_t)c->ocol[1] >= r->n) {
		order_warn(c, r->line, "too few fields", NULL, 0);
		return 0;
	}
	b = r->f[c->ocol[0]];
	bn = r->len[c->ocol[0]];
	ts = r->f[c->ocol[1]];
	tn = r->len[c->ocol[1]];
	cell_value(&b, &bn);
	if (bn == 0) {
		order_warn(c, r->line, "order without a buyer", NULL, 0);
		return 0;
	}
	if (tp_parse(ts, tn, &t) != 0) {
		cell_value(&ts, &tn);
		order_warn(c, r->line, "cannot parse order time", ts, tn);
		return 0;
	}
	stats_orders_add(c->ord, b, bn, t.t);
	return 0;
}

int
stats_orders_read(struct stats_orders *ord, const char *path)
{
	struct csvin_opts o = { ',', 0, NULL, 0 };
	struct order_read rd, *c = &rd;

	memset(&rd, 0, sizeof rd);
	rd.ord = ord;
	c->ofile = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (csvin_run(path, c->ofile, &o, on_order, c) < 0)
		return CS_FATAL;
	if (!c->ostarted) {
		cs_warnx_at(c->ofile, 0, "empty orders file: no header");
		return CS_FATAL;
	}
	return c->ostatus;
}
