#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/diag.h"
#include "io/lang.h"
#include "io/money.h"
#include "io/out.h"
#include "stats/stats.h"
#include "stats/stats_orders.h"
#include "stats/stats_report.h"
#include "stats/stats_text.h"
#include "io/timeparse.h"

/* out_header() from constant names (it does not write to them). */
void
stats_out_header(struct out *o, const char *const *names, size_t n)
{
	char *hdr[48];
	size_t lens[48], i;

	for (i = 0; i < n && i < 48; i++) {
		hdr[i] = (char *)(uintptr_t)names[i];
		lens[i] = strlen(names[i]);
	}
	out_header(o, hdr, lens, i);
}

/* --- figures ------------------------------------------------------------- */

long long
stats_ref_time(const struct stats_view *c)
{
	if (c->has_today)
		return c->today;
	return c->st->has_latest ? c->st->latest : 0;
}

char *
stats_figures_at(const struct stats_view *c, char *buf, size_t cap)
{
	char b[32];

	if (c->has_today && c->today_date)
		snprintf(buf, cap, lang_text(c->lang, "Figures at the end of %s "
		    "(China Standard Time)"),
		    tp_format_date(tp_local_day(c->today - 1), b));
	else
		snprintf(buf, cap, lang_text(c->lang,
		    "Figures at: %s (China Standard Time)"),
		    tp_format_time(stats_ref_time(c), b));
	return buf;
}

char *
stats_age_text(const struct stats_view *c, long long sec, char *buf)
{
	char b[32];

	if (sec > STATS_AGE_DAYS)
		snprintf(buf, 64, lang_text(c->lang, "%s d"),
		    stats_fmt_days(sec, b));
	else
		snprintf(buf, 64, lang_text(c->lang, "%s h"),
		    stats_fmt_hours(sec, b));
	return buf;
}

char *
stats_fcr_note(const struct stats_view *c, const struct stats_group *g,
    char *buf, size_t cap)
{
	buf[0] = '\0';
	if (g->resolved > g->fcr_known)
		snprintf(buf, cap, lang_text(c->lang,
		    "(%llu of the %llu resolved tickets unknown)"),
		    g->resolved - g->fcr_known, g->resolved);
	return buf;
}

void
stats_iceberg_text(const struct stats_view *c, char *line, size_t cap,
    char *note, size_t ncap)
{
	const struct stats_group *g = &c->st->all;
	unsigned long long who = stats_complainants(g);

	snprintf(line, cap, lang_text(c->lang, "Iceberg: %llu complaining "
	    "buyers stand for about %llu dissatisfied buyers (000 第六条: 25 "
	    "behind each complaining buyer)"), who, who * 25);
	note[0] = '\0';
	if (g->nobuyer > 0)
		snprintf(note, ncap, lang_text(c->lang, "(tickets without "
		    "a buyer, each counted as one buyer: %llu)"),
		    g->nobuyer);
}

char *
stats_hours_label(long long sec, char *buf)
{
	return decimal_format(sec / 36, 2, buf);
}

struct fig {
	char v[40][32];		/* formatted cells */
	size_t n;		/* how many */
};

static void
fig_add(struct fig *f, const char *s)
{
	snprintf(f->v[f->n++], 32, "%s", s);
}

static void
fig_addu(struct fig *f, unsigned long long v)
{
	snprintf(f->v[f->n++], 32, "%llu", v);
}

/* n, mean, median, p90, max of ST as hours (empty cells when ST is empty). */
static void
fig_durations(struct fig *f, struct stats_store *st, int timed)
{
	char b[32];

	if (!timed) {
		fig_add(f, "");
		fig_add(f, "");
		fig_add(f, "");
		fig_add(f, "");
		fig_add(f, "");
		return;
	}
	fig_addu(f, st->n);
	fig_add(f, stats_fmt_mean_hours(store_sum(st), (long long)st->n, b));
	fig_add(f, st->n ? stats_fmt_hours(store_pct(st, 50), b) : "");
	fig_add(f, st->n ? stats_fmt_hours(store_pct(st, 90), b) : "");
	fig_add(f, st->n ? stats_fmt_hours(store_pct(st, 100), b) : "");
}

/* Open tickets whose age at REF is at least LIMIT seconds. */
static size_t
aged(struct stats_store *open, long long ref, long long limit)
{
	return store_count_le(open, ref - limit);
}

void
stats_sla_of(const struct stats_view *c, struct stats_group *g, struct stats_sla *s)
{
	long long ref = stats_ref_time(c);

	s->res_ok = store_count_le(&g->res, c->sla_res);
	s->res_den = g->timed ? g->res.n + g->closed_unres +
	    aged(&g->open, ref, c->sla_res) : 0;
	s->rep_ok = store_count_le(&g->reply, c->sla_reply);
	s->rep_den = g->reply.n + aged(&g->noreply, ref, c->sla_reply);
}

void
stats_open_ages(
    const struct stats_view *c, struct stats_group *g, struct stats_store *ages)
{
	long long ref = stats_ref_time(c);
	size_t i;

	memset(ages, 0, sizeof *ages);
	for (i = 0; i < g->open.n; i++) {
		long long t = store_at(&g->open, i);

		store_add(ages, ref > t ? ref - t : 0);
	}
}

static void
fig_empty(struct fig *f, int n)
{
	while (n-- > 0)
		fig_add(f, "");
}

static void
fig_group(const struct stats_view *c, struct stats_group *g, struct fig *f)
{
	struct stats_store ages;
	struct stats_sla s;
	char b[32];
	int timed = g->timed > 0;

	fig_addu(f, g->tickets);
	fig_add(f, stats_fmt_pct(g->tickets, c->st->all.tickets, b));
	fig_durations(f, &g->reply, timed && c->st->reply_col);
	stats_sla_of(c, g, &s);
	if (c->st->close_col) {
		fig_addu(f, g->resolved);
		fig_durations(f, &g->res, timed);
		fig_add(f, stats_fmt_pct(s.res_ok, s.res_den, b));
	} else {
		fig_empty(f, 7);
	}
	fig_add(
	    f, c->st->reply_col ? stats_fmt_pct(s.rep_ok, s.rep_den, b) : "");
	if (c->st->close_col && timed) {
		stats_open_ages(c, g, &ages);
		fig_addu(f, g->open.n);
		fig_add(
		    f, ages.n ? stats_fmt_hours(store_pct(&ages, 50), b) : "");
		fig_add(
		    f, ages.n ? stats_fmt_hours(store_pct(&ages, 100), b) : "");
		store_free(&ages);
	} else {
		fig_empty(f, 3);
	}
	fig_add(f, stats_fmt_pct(g->reopened, g->reopen_known, b));
	fig_add(f, stats_fmt_pct(g->fcr, g->fcr_known, b));
	fig_addu(f, stats_complainants(g) * 25);
}

/* --- the groups table ------------------------------------------------------ */

/* Table order of two keys with their tickets: period, most tickets, bytes. */
static int
cmp_keys(enum stats_period period, const char *ik, size_t il,
    unsigned long long it, const char *jk, size_t jl, unsigned long long jt)
{
	int r;

	if (period != STATS_NOPERIOD) {
		const char *ie = memchr(ik, STATS_KEY_SEP, il),
			   *je = memchr(jk, STATS_KEY_SEP, jl);
		size_t ip = ie ? (size_t)(ie - ik) : il,
		       jp = je ? (size_t)(je - jk) : jl;

		r = memcmp(ik, jk, ip < jp ? ip : jp);
		if (r == 0 && ip != jp)
			r = ip < jp ? -1 : 1;
		if (r != 0)
			return r;
	}
	if (it != jt)
		return it > jt ? -1 : 1;
	r = memcmp(ik, jk, il < jl ? il : jl);
	if (r != 0)
		return r;
	return (il > jl) - (il < jl);
}

/* Sort order of groups: period, then most tickets, then key bytes. */
static int
cmp_group(const void *a, const void *b, void *vctx)
{
	const struct stats_view *c = vctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b, il, jl;
	const char *ik = stats_group_key(c->st, i, &il);
	const char *jk = stats_group_key(c->st, j, &jl);

	return cmp_keys(c->period, ik, il, stats_group_at(c->st, i)->tickets,
	    jk, jl, stats_group_at(c->st, j)->tickets);
}

static int
cmp_row(const void *a, const void *b, void *vctx)
{
	const struct stats_view *c = vctx;
	const struct stats_row *x = a, *y = b;

	return cmp_keys(c->period, x->key, x->klen, x->tickets, y->key,
	    y->klen, y->tickets);
}

size_t *
stats_sorted_groups(const struct stats_view *c)
{
	size_t n = stats_ngroups(c->st), i;
	size_t *ix = xmalloc((n + 1) * sizeof *ix);

	for (i = 0; i < n; i++)
		ix[i] = i;
	qsort_r(ix, n, sizeof *ix, cmp_group, (void *)(uintptr_t)c);
	return ix;
}

static unsigned long long
prev_tickets(const struct stats_view *c, const char *key, size_t len)
{
	const char *e = memchr(key, STATS_KEY_SEP, len);
	size_t plen = e ? (size_t)(e - key) : len, klen;
	char label[16], prev[16];
	struct stats_group *g;
	char *k;

	if (plen >= sizeof label)
		return 0;
	memcpy(label, key, plen);
	label[plen] = '\0';
	if (stats_period_prev(c->period, label, prev) == NULL)
		return 0;
	klen = strlen(prev) + (len - plen);
	k = xmalloc(klen + 1);
	memcpy(k, prev, strlen(prev));
	memcpy(k + strlen(prev), key + plen, len - plen);
	g = stats_group_find(c->st, k, klen);
	free(k);
	return g ? g->tickets : 0;
}

/* The period label of KEY[0..LEN) into LABEL (16); 0, or -1 if too long. */
static int
key_period(const char *key, size_t len, char *label)
{
	const char *e = memchr(key, STATS_KEY_SEP, len);
	size_t plen = e ? (size_t)(e - key) : len;

	if (plen >= 16)
		return -1;
	memcpy(label, key, plen);
	label[plen] = '\0';
	return 0;
}

/*
 * The key of group KEY[0..LEN) one period later, when that period is not
 * after LAST and has no such group, as a new string (*N its length);
 * else NULL.
 */
static char *
drop_key(const struct stats_view *c, const char *key, size_t len,
    const char *last, size_t *n)
{
	char label[16], next[16], *k;
	size_t plen, nlen;

	if (key_period(key, len, label) != 0 ||
	    stats_period_next(c->period, label, next) == NULL ||
	    strcmp(next, last) > 0)
		return NULL;
	plen = strlen(label);
	nlen = strlen(next);
	*n = nlen + (len - plen);
	k = xmalloc(*n + 1);
	memcpy(k, next, nlen);
	memcpy(k + nlen, key + plen, len - plen);
	if (stats_group_find(c->st, k, *n) != NULL) {
		free(k);
		return NULL;
	}
	return k;
}

size_t
stats_rows(const struct stats_view *c, struct stats_row **out)
{
	size_t n = stats_ngroups(c->st), cap = n + 1, k = 0, i;
	struct stats_row *r = xmalloc(cap * sizeof *r);
	char last[16] = "", label[16];
	int drops = c->compare && c->period != STATS_NOPERIOD;

	for (i = 0; i < n; i++) {
		r[k].group = i;
		r[k].key = stats_group_key(c->st, i, &r[k].klen);
		r[k].own = NULL;
		r[k].tickets = stats_group_at(c->st, i)->tickets;
		if (drops && key_period(r[k].key, r[k].klen, label) == 0 &&
		    strcmp(label, last) > 0)
			memcpy(last, label, 16);
		k++;
	}
	for (i = 0; drops && i < n; i++) {
		size_t klen, dl;
		const char *key = stats_group_key(c->st, i, &klen);
		char *dk = drop_key(c, key, klen, last, &dl);

		if (dk == NULL)
			continue;
		if (k == cap) {
			cap *= 2;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[k].group = SIZE_MAX;
		r[k].key = r[k].own = dk;
		r[k].klen = dl;
		r[k].tickets = 0;
		k++;
	}
	for (i = 0; i < k; i++)
		r[i].prev = c->compare ? prev_tickets(c, r[i].key, r[i].klen) : 0;
	qsort_r(r, k, sizeof *r, cmp_row, (void *)(uintptr_t)c);
	*out = r;
	return k;
}

void
stats_rows_free(struct stats_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].own);
	free(rows);
}

struct stats_group *
stats_row_group(const struct stats_view *c, const struct stats_row *row,
    struct stats_group *empty)
{
	if (row->group != SIZE_MAX)
		return stats_group_at(c->st, row->group);
	memset(empty, 0, sizeof *empty);
	return empty;
}

char *
stats_change_text(unsigned long long now, unsigned long long prev, char *buf)
{
	char b[32];
	unsigned long long d = now > prev ? now - prev : prev - now;

	snprintf(buf, 48, "%s%llu", now < prev ? "-" : "+", d);
	if (prev > 0) {
		stats_fmt_pct(d, prev, b);
		snprintf(buf + strlen(buf), 48 - strlen(buf), " (%s%s%%)",
		    now < prev ? "-" : "+", b);
	}
	return buf;
}

static void
header_names(const struct stats_view *c, struct out *o)
{
	static const char *const names[] = { "tickets", "share_pct",
	    "first_reply_n", "first_reply_mean_h", "first_reply_median_h",
	    "first_reply_p90_h", "first_reply_max_h", "resolved",
	    "resolution_n", "resolution_mean_h", "resolution_median_h",
	    "resolution_p90_h", "resolution_max_h", NULL };
	const char *hdr[48];
	char buf[4][96], hb[32];
	size_t n = 0, i;

	if (c->period != STATS_NOPERIOD)
		hdr[n++] = "period";
	for (i = 0; i < c->nby && n < 8; i++)
		hdr[n++] = c->by[i];
	for (i = 0; names[i] != NULL; i++)
		hdr[n++] = names[i];
	snprintf(buf[0], sizeof buf[0], lang_header(c->lang, "resolved_%sh_pct"),
	    stats_hours_label(c->sla_res, hb));
	snprintf(buf[1], sizeof buf[1], lang_header(c->lang, "answered_%sh_pct"),
	    stats_hours_label(c->sla_reply, hb));
	hdr[n++] = buf[0];
	hdr[n++] = buf[1];
	hdr[n++] = "open";
	hdr[n++] = "open_age_median_h";
	hdr[n++] = "open_age_max_h";
	hdr[n++] = "reopen_pct";
	hdr[n++] = "fcr_pct";
	hdr[n++] = "iceberg";
	if (c->compare) {
		hdr[n++] = "prev_tickets";
		hdr[n++] = "change";
		hdr[n++] = "change_pct";
	}
	lang_out_header(c->lang, o, hdr, n);
}

/* The key fields of KEY[0..LEN) as output cells. */
static void
key_cells(struct out *o, const char *key, size_t len, size_t nfields)
{
	size_t i;

	for (i = 0; i < nfields; i++) {
		const char *e = memchr(key, STATS_KEY_SEP, len);
		size_t n = e ? (size_t)(e - key) : len;

		out_field(o, key, n);
		key += n + (e != NULL);
		len -= n + (e != NULL);
	}
}

/* Signed change NOW - PREV and its percentage of PREV. */
static void
compare_cells(struct out *o, unsigned long long now, unsigned long long prev)
{
	char b[32], p[40];
	long long d = (long long)now - (long long)prev;

	snprintf(b, sizeof b, "%+lld", d);
	out_field(o, b, strlen(b));
	if (prev == 0) {
		out_str(o, "");
		return;
	}
	stats_fmt_pct((unsigned long long)(d < 0 ? -d : d), prev, b);
	snprintf(p, sizeof p, "%s%s", d < 0 ? "-" : "+", b);
	out_str(o, p);
}

void
stats_write_groups(const struct stats_view *c, struct out *o)
{
	struct stats_row *rows;
	size_t n = stats_rows(c, &rows), i, j;
	size_t nkey = c->nby + (c->period != STATS_NOPERIOD);

	header_names(c, o);
	for (i = 0; i < n; i++) {
		struct stats_group empty;
		struct stats_group *g = stats_row_group(c, &rows[i], &empty);
		struct fig f;

		f.n = 0;
		fig_group(c, g, &f);
		key_cells(o, rows[i].key, rows[i].klen, nkey);
		for (j = 0; j < f.n; j++)
			out_str(o, f.v[j]);
		if (c->compare) {
			snprintf(f.v[0], 32, "%llu", rows[i].prev);
			out_str(o, f.v[0]);
			compare_cells(o, g->tickets, rows[i].prev);
		}
		out_end(o);
	}
	stats_rows_free(rows, n);
}

/*
 * A review file (cs-reviewsort's output: a category column, no ticket
 * times): per group (period, --by values, then the category) the reviews
 * and their share of all reviews, biggest first, then a total row.
 */
void
stats_write_reviews(const struct stats_view *c, struct out *o)
{
	const char *hdr[16];
	struct stats_row *rows;
	size_t nrow = stats_rows(c, &rows), n = 0, i;
	size_t nkey = c->nby + (c->period != STATS_NOPERIOD) + !!c->reviews_cat;
	unsigned long long all = c->st->all.tickets;
	char b[32];

	if (c->period != STATS_NOPERIOD)
		hdr[n++] = "period";
	for (i = 0; i < c->nby && n < 8; i++)
		hdr[n++] = c->by[i];
	if (c->reviews_cat)
		hdr[n++] = "category";
	hdr[n++] = "reviews";
	hdr[n++] = "share_pct";
	if (c->compare) {
		hdr[n++] = "prev_reviews";
		hdr[n++] = "change";
		hdr[n++] = "change_pct";
	}
	lang_out_header(c->lang, o, hdr, n);
	for (i = 0; i < nrow; i++) {
		key_cells(o, rows[i].key, rows[i].klen, nkey);
		snprintf(b, sizeof b, "%llu", rows[i].tickets);
		out_str(o, b);
		out_str(o, stats_fmt_pct(rows[i].tickets, all, b));
		if (c->compare) {
			snprintf(b, sizeof b, "%llu", rows[i].prev);
			out_str(o, b);
			compare_cells(o, rows[i].tickets, rows[i].prev);
		}
		out_end(o);
	}
	stats_rows_free(rows, nrow);
	out_str(o, "total");
	for (i = 1; i < nkey; i++)
		out_str(o, "");
	snprintf(b, sizeof b, "%llu", all);
	out_str(o, b);
	out_str(o, all > 0 ? "100.0" : "");
	for (i = 0; c->compare && i < 3; i++)
		out_str(o, "");
	out_end(o);
}

/* --- retention, cohorts and alerts tables -------------------------------- */

/* The reference time for retention: --today, or the latest order. */
static long long
order_ref(const struct stats_view *c)
{
	if (c->has_today)
		return c->today;
	return c->ord->has_latest ? c->ord->latest : 0;
}

static void
keep_row(const struct stats_view *c, struct out *o, const char *name,
    const struct stats_keep *k, const char *manual)
{
	char b[32];

	out_str(o, lang_value(c->lang, "group", name));
	snprintf(b, sizeof b, "%llu", k->buyers);
	out_str(o, b);
	snprintf(b, sizeof b, "%llu", k->kept);
	out_str(o, b);
	out_str(o, stats_fmt_pct(k->kept, k->buyers, b));
	snprintf(b, sizeof b, "%llu", k->pending);
	out_str(o, b);
	out_str(o, manual);
	out_end(o);
}

void
stats_write_retention(
    const struct stats_view *c, struct out *o, const struct stats_retention *r)
{
	static const char *const hdr[] = { "group", "buyers", "retained",
	    "retained_pct", "pending", "manual_pct" };
	struct stats_keep rep;

	lang_out_header(c->lang, o, hdr, 6);
	keep_row(c, o, "resolved_quickly", &r->cls[STATS_QUICK], "90-95");
	keep_row(c, o, "resolved", &r->cls[STATS_RESOLVED], "60");
	keep_row(c, o, "unresolved", &r->cls[STATS_UNRESOLVED], "");
	keep_row(c, o, "all_complainants", &r->all, "");
	keep_row(c, o, "non_complainants", &r->base, "");
	memset(&rep, 0, sizeof rep);
	rep.buyers = r->buyers;
	rep.kept = r->repeat;
	keep_row(c, o, "repeat_buyers", &rep, "");
}

void
stats_write_cohorts(const struct stats_view *c, struct out *o)
{
	static const char *const hdr[] = { "cohort", "buyers", "m1_pct",
	    "m2_pct", "m3_pct" };
	size_t n, i, k;
	struct stats_cohort *co = stats_cohorts(c->ord, order_ref(c), &n);
	char b[32];

	lang_out_header(c->lang, o, hdr, 5);
	for (i = 0; i < n; i++) {
		snprintf(b, sizeof b, "%04d-%02d", co[i].year, co[i].month);
		out_str(o, b);
		snprintf(b, sizeof b, "%llu", co[i].buyers);
		out_str(o, b);
		for (k = 0; k < 3; k++)
			out_str(o, co[i].due[k] ? stats_fmt_pct(co[i].kept[k],
			    co[i].buyers, b) : "");
		out_end(o);
	}
	free(co);
}

static int
cmp_alert(const void *a, const void *b, void *vctx)
{
	const struct stats_alert *x = a, *y = b;
	const struct strmap *m = vctx;
	int r;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	r = strcmp(m->key[x->product], m->key[y->product]);
	return r;
}

size_t
stats_find_alerts(const struct stats_view *c, struct stats_alert **out)
{
	struct stats *s = c->st;
	struct stats_alert *a = xcalloc(s->products.n + 1, sizeof *a);
	size_t i, n = 0;

	for (i = 0; i < s->products.n; i++) {
		struct stats_alert x;

		memset(&x, 0, sizeof x);
		x.product = i;
		x.n = store_max_window(
			  &s->q[i], c->alert_days * 86400, &x.first, &x.last) +
		    s->qn[i];
		x.timed = s->q[i].n > 0;
		x.total = s->q[i].n + s->qn[i];
		if (x.n >= (unsigned long long)c->alert_n)
			a[n++] = x;
	}
	qsort_r(a, n, sizeof *a, cmp_alert, &s->products);
	*out = a;
	return n;
}

void
stats_write_alerts(const struct stats_view *c, struct out *o)
{
	static const char *const hdr[] = { "product", "complaints",
	    "window_first", "window_last", "quality_total" };
	struct stats_alert *a;
	size_t n = stats_find_alerts(c, &a), i;
	char b[32];

	lang_out_header(c->lang, o, hdr, 5);
	for (i = 0; i < n; i++) {
		out_field(o, c->st->products.key[a[i].product],
		    c->st->products.klen[a[i].product]);
		snprintf(b, sizeof b, "%llu", a[i].n);
		out_str(o, b);
		out_str(o,
		    a[i].timed ? tp_format_date(tp_local_day(a[i].first), b)
			       : "");
		out_str(o,
		    a[i].timed ? tp_format_date(tp_local_day(a[i].last), b)
			       : "");
		snprintf(b, sizeof b, "%llu", a[i].total);
		out_str(o, b);
		out_end(o);
	}
	free(a);
}

/* --- the report ------------------------------------------------------------ */

const char *
stats_pct_text(unsigned long long num, unsigned long long den, char *buf)
{
	if (den == 0)
		return strcpy(buf, "-");
	stats_fmt_pct(num, den, buf);
	strcat(buf, "%");
	return buf;
}

void
stats_key_text(const struct stats_view *v, const char *key, size_t len,
    char *buf, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; i < len && k + 4 < cap; i++) {
		if (key[i] == STATS_KEY_SEP) {
			memcpy(buf + k, " / ", 3);
			k += 3;
		} else {
			buf[k++] = key[i];
		}
	}
	buf[k] = '\0';
	if (k == 0)
		snprintf(buf, cap, "%s", lang_text(v->lang, "(empty)"));
}

char *
stats_by_text(const struct stats_view *v, char *buf, size_t cap)
{
	char tmp[512];
	size_t i;

	buf[0] = '\0';
	if (v->period != STATS_NOPERIOD)
		snprintf(buf, cap, "%s",
		    lang_text(v->lang, stats_period_name(v->period)));
	for (i = 0; i < v->nby; i++) {
		const char *name = lang_header(v->lang, v->by[i]);

		if (buf[0] == '\0')
			snprintf(buf, cap, "%s", name);
		else {
			snprintf(tmp, sizeof tmp, lang_text(v->lang, "%s, %s"),
			    buf, name);
			snprintf(buf, cap, "%s", tmp);
		}
	}
	return buf;
}

/* Print S then blanks up to display width W (at least one blank). */
static void
pad_right(FILE *fp, const char *s, size_t w)
{
	size_t n = text_width(s);

	fputs(s, fp);
	do
		putc(' ', fp);
	while (++n < w);
}

/* The lines of the service levels: label, value, note (or NULL). */
struct levels {
	char label[5][128];	/* labels, with their colons */
	char value[5][192];	/* values */
	char notes[5][192];	/* the notes' text */
	const char *note[5];	/* notes, or NULL */
	int n;			/* how many */
};

/* Add a line; NOTE (copied) may be NULL or "" for none. */
static void
level_add(struct levels *lv, const char *label, const char *value,
    const char *note)
{
	snprintf(lv->label[lv->n], sizeof lv->label[0], "%s", label);
	snprintf(lv->value[lv->n], sizeof lv->value[0], "%s", value);
	snprintf(lv->notes[lv->n], sizeof lv->notes[0], "%s",
	    note != NULL ? note : "");
	lv->note[lv->n] = note != NULL && note[0] ? lv->notes[lv->n] : NULL;
	lv->n++;
}

/*
 * Add the line of a target: the label LABEL (a format taking the hours
 * of SEC), the share OK of DEN, and the manual's NOTE (both translated).
 */
static void
level_target(const struct stats_view *c, struct levels *lv, const char *label,
    long long sec, unsigned long long ok, unsigned long long den,
    const char *note)
{
	char text[128], h[32], b[32];

	snprintf(text, sizeof text, lang_text(c->lang, label),
	    stats_hours_label(sec, h));
	level_add(lv, text, stats_pct_text(ok, den, b), lang_text(c->lang, note));
}

/*
 * Print the lines: values in the column after the longest label, notes
 * after the value padded to 7 columns.
 */
static void
level_print(const struct stats_view *c, const struct levels *lv)
{
	size_t w = 0;
	int i;

	for (i = 0; i < lv->n; i++)
		if (text_width(lv->label[i]) + 1 > w)
			w = text_width(lv->label[i]) + 1;
	for (i = 0; i < lv->n; i++) {
		fputs("  ", c->fp);
		pad_right(c->fp, lv->label[i], w);
		if (lv->note[i] == NULL)
			fprintf(c->fp, "%s\n", lv->value[i]);
		else {
			pad_right(c->fp, lv->value[i], 8);
			fprintf(c->fp, "%s\n", lv->note[i]);
		}
	}
}

static void
report_groups(const struct stats_view *c)
{
	struct stats_row *rows;
	size_t n = stats_rows(c, &rows), i;
	static const int right[2][8] = { { 0, 1, 1, 1, 1, 0 },
	    { 0, 1, 1, 1, 1, 1, 1, 0 } };
	const char *cells[8];
	struct text_table t;
	unsigned long long max = 0;
	char hb[32], title[96], name[256], cnt[32], share[32], med[32], sla[32],
	    bar[32], by[256], prev[32], change[48];
	struct stats_sla s;
	int k;

	for (i = 0; i < n; i++)
		if (rows[i].tickets > max)
			max = rows[i].tickets;
	fprintf(c->fp, lang_text(c->lang, "By %s"),
	    stats_by_text(c, by, sizeof by));
	putc('\n', c->fp);
	text_init(&t, c->compare ? 8 : 6, right[c->compare != 0]);
	snprintf(title, sizeof title, lang_text(c->lang, "in %sh"),
	    stats_hours_label(c->sla_res, hb));
	k = 0;
	cells[k++] = "";
	cells[k++] = lang_text(c->lang, "tickets");
	cells[k++] = lang_text(c->lang, "share");
	cells[k++] = c->st->close_col ? lang_text(c->lang, "median h") : NULL;
	cells[k++] = c->st->close_col ? title : NULL;
	if (c->compare) {
		cells[k++] = lang_text(c->lang, "previous");
		cells[k++] = lang_text(c->lang, "change");
	}
	cells[k++] = "";
	text_row(&t, cells);
	for (i = 0; i < n; i++) {
		struct stats_group empty;
		struct stats_group *g = stats_row_group(c, &rows[i], &empty);

		stats_key_text(c, rows[i].key, rows[i].klen, name, sizeof name);
		snprintf(cnt, sizeof cnt, "%llu", g->tickets);
		stats_sla_of(c, g, &s);
		k = 0;
		cells[k++] = name;
		cells[k++] = cnt;
		cells[k++] = stats_pct_text(g->tickets, c->st->all.tickets, share);
		cells[k++] = !c->st->close_col ? NULL : g->res.n
		    ? stats_fmt_hours(store_pct(&g->res, 50), med)
		    : "-";
		cells[k++] = !c->st->close_col ? NULL
		    : stats_pct_text(s.res_ok, s.res_den, sla);
		if (c->compare) {
			snprintf(prev, sizeof prev, "%llu", rows[i].prev);
			cells[k++] = prev;
			cells[k++] = stats_change_text(g->tickets, rows[i].prev,
			    change);
		}
		cells[k++] = text_bar(g->tickets, max, 20, bar);
		text_row(&t, cells);
	}
	text_print(&t, c->fp, 2);
	stats_rows_free(rows, n);
	putc('\n', c->fp);
}

static void
report_times(const struct stats_view *c)
{
	const int right[] = { 0, 1, 1, 1, 1, 1 };
	const char *cells[6];
	struct stats_group *g = &c->st->all;
	struct stats_store *st[2] = { &g->reply, &g->res };
	const char *names[2] = { "first reply", "resolution" };
	const char *head[6] = { "hours", "n", "mean", "median", "p90", "max" };
	struct text_table t;
	char b[5][32];
	int k;

	fprintf(c->fp, "%s\n", lang_text(c->lang, "Reply and resolution time"));
	text_init(&t, 6, right);
	for (k = 0; k < 6; k++)
		cells[k] = lang_text(c->lang, head[k]);
	text_row(&t, cells);
	for (k = 0; k < 2; k++) {
		if (!(k == 0 ? c->st->reply_col : c->st->close_col))
			continue;
		snprintf(b[0], 32, "%zu", st[k]->n);
		stats_fmt_mean_hours(
		    store_sum(st[k]), (long long)st[k]->n, b[1]);
		stats_fmt_hours(store_pct(st[k], 50), b[2]);
		stats_fmt_hours(store_pct(st[k], 90), b[3]);
		stats_fmt_hours(store_pct(st[k], 100), b[4]);
		cells[0] = lang_text(c->lang, names[k]);
		cells[1] = b[0];
		cells[2] = st[k]->n ? b[1] : "-";
		cells[3] = st[k]->n ? b[2] : "-";
		cells[4] = st[k]->n ? b[3] : "-";
		cells[5] = st[k]->n ? b[4] : "-";
		text_row(&t, cells);
	}
	text_print(&t, c->fp, 2);
	fprintf(c->fp, "  %s\n\n", lang_text(c->lang,
	    "(median and p90 by the nearest-rank method)"));
}

static void
report_levels(const struct stats_view *c)
{
	struct stats_group *g = &c->st->all;
	struct stats_store ages;
	char b[32], a1[64], a2[64], value[192];
	struct stats_sla s;
	struct levels lv;

	lv.n = 0;
	stats_sla_of(c, g, &s);
	fprintf(c->fp, "%s\n", lang_text(c->lang, "Service levels"));
	if (c->st->close_col)
		level_target(c, &lv, "resolved within %s h:", c->sla_res,
		    s.res_ok, s.res_den, "(000 第三条: solve every complaint "
		    "within 8 h)");
	if (c->st->reply_col)
		level_target(c, &lv, "answered within %s h:", c->sla_reply,
		    s.rep_ok, s.rep_den, "(001 §6.6: answer complaints within "
		    "24 h)");
	stats_open_ages(c, g, &ages);
	if (c->st->close_col && ages.n > 0) {
		snprintf(value, sizeof value, lang_text(c->lang,
		    "%zu (median age %s, oldest %s)"), ages.n,
		    stats_age_text(c, store_pct(&ages, 50), a1),
		    stats_age_text(c, store_pct(&ages, 100), a2));
		level_add(&lv, lang_text(c->lang, "open backlog:"), value, NULL);
	} else if (c->st->close_col)
		level_add(&lv, lang_text(c->lang, "open backlog:"), "0", NULL);
	store_free(&ages);
	level_add(&lv, lang_text(c->lang, "reopened:"),
	    stats_pct_text(g->reopened, g->reopen_known, b), NULL);
	level_add(&lv, lang_text(c->lang, "first-contact resolved:"),
	    stats_pct_text(g->fcr, g->fcr_known, b),
	    stats_fcr_note(c, g, value, sizeof value));
	level_print(c, &lv);
	putc('\n', c->fp);
}

long long
stats_bin_edge(int i)
{
	static const long long edge[STATS_NBINS] = { 3600, 4 * 3600,
	    8 * 3600, 24 * 3600, 72 * 3600, 0 };

	return i >= 0 && i < STATS_NBINS ? edge[i] : 0;
}

const char *
stats_bin_label(const struct stats_view *v, int i)
{
	static const char *const label[STATS_NBINS] = { "< 1 h", "1-4 h",
	    "4-8 h", "8-24 h", "1-3 d", ">= 3 d" };

	return i >= 0 && i < STATS_NBINS ? lang_text(v->lang, label[i]) : "";
}

void
stats_histogram(struct stats_store *res, unsigned long long cnt[STATS_NBINS])
{
	size_t prev = 0, k;
	int i;

	for (i = 0; i < STATS_NBINS; i++) {
		k = i < STATS_NBINS - 1 ? store_count_lt(res, stats_bin_edge(i))
		    : res->n;
		cnt[i] = k - prev;
		prev = k;
	}
}

static void
report_histogram(const struct stats_view *c)
{
	struct stats_store *res = &c->st->all.res;
	unsigned long long cnt[STATS_NBINS], max = 0;
	const int right[] = { 0, 1, 1, 0 };
	const char *cells[4];
	char n[32], p[32], bar[32];
	struct text_table t;
	int i;

	if (res->n == 0)
		return;
	stats_histogram(res, cnt);
	for (i = 0; i < STATS_NBINS; i++)
		if (cnt[i] > max)
			max = cnt[i];
	fprintf(c->fp, "%s\n",
	    lang_text(c->lang, "Resolution time distribution"));
	text_init(&t, 4, right);
	for (i = 0; i < STATS_NBINS; i++) {
		snprintf(n, sizeof n, "%llu", cnt[i]);
		cells[0] = stats_bin_label(c, i);
		cells[1] = n;
		cells[2] = stats_pct_text(cnt[i], res->n, p);
		cells[3] = text_bar(cnt[i], max, 30, bar);
		text_row(&t, cells);
	}
	text_print(&t, c->fp, 2);
	putc('\n', c->fp);
}

void
stats_retention_table(const struct stats_retention *r,
    struct stats_ret_table *t)
{
	static const char *const names[] = { "resolved quickly", "resolved",
	    "unresolved", "all complainants", "non-complainants (baseline)" };
	static const char *const manual[] = { "90-95%", "60%", "", "", "" };
	static const char *const head[] = { "", "buyers", "retained", "share",
	    "manual" };

	t->names = names;
	t->manual = manual;
	t->head = head;
	t->k[0] = &r->cls[STATS_QUICK];
	t->k[1] = &r->cls[STATS_RESOLVED];
	t->k[2] = &r->cls[STATS_UNRESOLVED];
	t->k[3] = &r->all;
	t->k[4] = &r->base;
}

static void
report_retention(const struct stats_view *c, const struct stats_retention *r)
{
	struct stats_ret_table rt;
	const int right[] = { 0, 1, 1, 1, 1 };
	const char *cells[5];
	char b[3][32];
	struct text_table t;
	int i;

	stats_retention_table(r, &rt);
	fprintf(c->fp, lang_text(c->lang,
	    "Retention: ordered again within %ld days of the complaint"),
	    c->window);
	putc('\n', c->fp);
	text_init(&t, 5, right);
	for (i = 0; i < 5; i++)
		cells[i] = rt.head[i][0] ? lang_text(c->lang, rt.head[i]) : "";
	text_row(&t, cells);
	for (i = 0; i < 5; i++) {
		snprintf(b[0], 32, "%llu", rt.k[i]->buyers);
		snprintf(b[1], 32, "%llu", rt.k[i]->kept);
		cells[0] = lang_text(c->lang, rt.names[i]);
		cells[1] = b[0];
		cells[2] = b[1];
		cells[3] = stats_pct_text(rt.k[i]->kept, rt.k[i]->buyers, b[2]);
		cells[4] = rt.manual[i];
		text_row(&t, cells);
	}
	text_print(&t, c->fp, 2);
	if (r->all.pending > 0) {
		fputs("  ", c->fp);
		fprintf(c->fp, lang_text(c->lang,
		    "(%llu complainants too recent to judge)"), r->all.pending);
		putc('\n', c->fp);
	}
	fputs("  ", c->fp);
	fprintf(c->fp, lang_text(c->lang, "manual (000 第六条): %d%% "
	    "stay when the complaint is resolved, %d-%d%% when resolved "
	    "quickly"), 60, 90, 95);
	putc('\n', c->fp);
	fputs("  ", c->fp);
	fprintf(c->fp, lang_text(c->lang,
	    "repeat buyers (回头客): %llu of %llu buyers (%s)"), r->repeat,
	    r->buyers, stats_pct_text(r->repeat, r->buyers, b[0]));
	fputs("\n\n", c->fp);
}

static void
report_alerts(const struct stats_view *c)
{
	static const char *const head[] = { "product", "complaints", "from",
	    "to" };
	struct stats_alert *a;
	size_t n = stats_find_alerts(c, &a), i;
	const int right[] = { 0, 1, 0, 0 };
	const char *cells[4];
	char b[3][32];
	struct text_table t;

	fprintf(c->fp, lang_text(c->lang, "Product alerts: %ld or more "
	    "quality complaints within %ld days (004: stop selling and check)"),
	    c->alert_n, c->alert_days);
	putc('\n', c->fp);
	if (n == 0) {
		fprintf(c->fp, "  %s\n", lang_text(c->lang, "none"));
		free(a);
		return;
	}
	text_init(&t, 4, right);
	for (i = 0; i < 4; i++)
		cells[i] = lang_text(c->lang, head[i]);
	text_row(&t, cells);
	for (i = 0; i < n; i++) {
		snprintf(b[0], 32, "%llu", a[i].n);
		cells[0] = c->st->products.key[a[i].product];
		cells[1] = b[0];
		cells[2] = a[i].timed
		    ? tp_format_date(tp_local_day(a[i].first), b[1])
		    : "-";
		cells[3] = a[i].timed
		    ? tp_format_date(tp_local_day(a[i].last), b[2])
		    : "-";
		text_row(&t, cells);
	}
	text_print(&t, c->fp, 2);
	free(a);
}

void
stats_write_report(const struct stats_view *c, const struct stats_retention *r)
{
	struct stats_group *g = &c->st->all;
	char b[512], note[256];

	stats_fill_all(c->st);
	fprintf(c->fp, "%s\n\n", lang_text(c->lang, "cs-stats report"));
	fprintf(c->fp, lang_text(c->lang,
	    "Tickets: %llu (rows read %llu, rejected %llu)"), g->tickets,
	    c->st->read, c->st->rejected);
	putc('\n', c->fp);
	if (c->st->has_earliest) {
		char e[32];

		fprintf(c->fp, lang_text(c->lang, "Log covers: %s .. %s"),
		    tp_format_date(tp_local_day(c->st->earliest), e),
		    tp_format_date(tp_local_day(c->st->latest), b));
		putc('\n', c->fp);
	}
	if (g->timed > 0) {
		char at[256];

		fprintf(c->fp, "%s\n", stats_figures_at(c, at, sizeof at));
	}
	putc('\n', c->fp);
	if (c->nby > 0 || c->period != STATS_NOPERIOD)
		report_groups(c);
	if (g->timed > 0 && (c->st->reply_col || c->st->close_col)) {
		report_times(c);
		report_levels(c);
		report_histogram(c);
	}
	if (r != NULL)
		report_retention(c, r);
	stats_iceberg_text(c, b, sizeof b, note, sizeof note);
	fputs(b, c->fp);
	if (note[0] != '\0')
		fprintf(c->fp, "\n  %s", note);
	fputs("\n\n", c->fp);
	report_alerts(c);
}
