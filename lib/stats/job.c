#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "io/cell.h"
#include "io/diag.h"
#include "io/money.h"
#include "io/out.h"
#include "io/timeparse.h"
#include "stats/job.h"
#include "stats/stats_html.h"
#include "stats/stats_report.h"

const struct colspec stats_job_cols[C_NCOLS] = {
	{ "id", "工单号|工单编号|工单ID|售后单号|服务单号|退款编号|投诉编号|"
	    "ticket|ticket_id|ticketid|id" },
	{ "buyer", "买家|买家会员名|买家昵称|买家账号|买家ID|客户|顾客|会员名|"
	    "buyer|customer|buyer_id" },
	{ "agent", "客服|处理客服|受理客服|处理人|负责人|客服昵称|agent|assignee" },
	{ "product", "商品|商品名称|宝贝标题|宝贝名称|商品标题|商品ID|宝贝ID|"
	    "product|item|sku" },
	{ "category", "类型|售后类型|问题类型|投诉类型|工单类型|分类|类别|"
	    "category|type" },
	{ "opened", "创建时间|申请时间|投诉时间|发起时间|受理时间|评价时间|"
	    "opened|created|created_at|opened_at" },
	{ "first_reply", "首次响应时间|首次回复时间|首响时间|首次处理时间|"
	    "first_reply|first_response|first_reply_at|replied_at" },
	{ "resolved", "完结时间|解决时间|处理完成时间|完成时间|关闭时间|结束时间|"
	    "resolved|resolved_at|closed|closed_at" },
	{ "outcome", "处理结果|结果|状态|处理状态|outcome|result|status" },
	{ "reopened", "是否重开|重开|重新打开|重开次数|reopened|reopen|reopens" },
	{ "contacts", "接待次数|沟通次数|联系次数|contacts|contact_count" },
};

/* The options J's states are made with. */
static const struct partial_opts *
state_opts(const struct stats_job *c, struct partial_opts *po)
{
	po->by = c->nby ? c->byarg : "";
	po->period = c->period;
	po->quick = c->sla_res;
	return po;
}

void
stats_job_init(struct stats_job *c)
{
	memset(c, 0, sizeof *c);
	stats_init(&c->st);
	stats_orders_init(&c->ord);
	partial_merge_init(&c->pm);
	c->sla_res = 8 * 3600;
	c->sla_reply = 24 * 3600;
	c->window = 90;
	c->alert_n = 3;
	c->alert_days = 30;
	c->nstates = 1;
}

void
stats_job_free(struct stats_job *c)
{
	stats_free(&c->st);
	stats_orders_free(&c->ord);
	free(c->by);
	free(c->byarg);
	free(c->bycol);
	free(c->key);
}

int
stats_job_by(struct stats_job *c, char *arg)
{
	char *p, *save = NULL;

	/* strtok_r() cuts ARG: keep it whole for titles and states. */
	free(c->byarg);
	c->byarg = xstrdup(arg);
	c->nby = 0;
	for (p = strtok_r(arg, ",", &save); p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		c->by = xreallocarray(c->by, c->nby + 1, sizeof *c->by);
		c->by[c->nby++] = p;
	}
	if (c->nby == 0) {
		cs_warnx("--by: expected FIELD[,FIELD], got '%s'", arg);
		return -1;
	}
	return 0;
}

int
stats_job_period(struct stats_job *c, const char *arg)
{
	if (strcmp(arg, "day") == 0)
		c->period = STATS_DAY;
	else if (strcmp(arg, "week") == 0)
		c->period = STATS_WEEK;
	else if (strcmp(arg, "month") == 0)
		c->period = STATS_MONTH;
	else {
		cs_warnx(
		    "--period: expected day, week or month, got '%s'", arg);
		return -1;
	}
	return 0;
}

int
stats_job_table(struct stats_job *c, const char *arg)
{
	static const char *const names[] = { "groups", "retention", "cohorts",
		"alerts" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			c->table = (enum stats_table)i;
			return 0;
		}
	cs_warnx(
	    "--table: expected groups, retention, cohorts or alerts, got '%s'",
	    arg);
	return -1;
}

int
stats_job_today(struct stats_job *c, const char *arg)
{
	struct tp_time t;

	if (tp_parse(arg, strlen(arg), &t) != 0) {
		cs_warnx("--today: cannot parse '%s' as a date", arg);
		return -1;
	}
	c->has_today = 1;
	c->today = t.has_time ? t.t : t.t + 86400;
	c->today_date = !t.has_time;
	return 0;
}

int
stats_job_check(struct stats_job *c, struct run *run)
{
	
	if (c->compare && c->period == STATS_NOPERIOD) {
		cs_warnx("--compare-previous needs --period");
		return CS_FATAL;
	}
	if ((c->table == T_RETENTION || c->table == T_COHORTS) &&
	    c->orders == NULL && !c->partial) {
		cs_warnx("--table %s needs --orders FILE",
		    c->table == T_RETENTION ? "retention" : "cohorts");
		return CS_FATAL;
	}
	if (c->html && c->table != T_GROUPS) {
		cs_warnx("--format html is the report: it takes no --table");
		return CS_FATAL;
	}
	if (c->partial && (c->report || c->table != T_GROUPS ||
	    run->fmt != OUT_CSV || c->html)) {
		cs_warnx(
		    "--partial writes a state: it takes no --report, --table or --format");
		return CS_FATAL;
	}
	run->summary = 1;
	/* Rows rejected in the orders file raise the status in finish(). */
	if (c->orders != NULL && !c->partial) {
		c->ostatus = stats_orders_read(&c->ord, c->orders);
		return c->ostatus == CS_FATAL ? CS_FATAL : 0;
	}
	return 0;
}

/*
 * The field of --by name NAME: a column of ours (-2 - its index when the
 * input lacks it), a header, or a field number; -1 when none.
 */
static long
by_column(const struct run *run, const char *name)
{
	long k = -1;
	size_t i;

	for (i = 0; i < C_NCOLS; i++)
		if (strcmp(name, stats_job_cols[i].name) == 0)
			return run->col[i] >= 0 ? run->col[i] : -2 - (long)i;
	if (run->hdr != NULL)
		k = cols_find(name, run->hdr, run->hlen, run->nhdr);
	if (k < 0 && cli_parse_long(name, 1, (long)run->width, &k) == 0)
		k--;
	return k;
}

int
stats_job_start(struct stats_job *c, struct run *run)
{
		size_t i;

	c->started = 1;
	if (c->merge)
		return partial_merge_start(&c->pm, run);
	free(c->bycol);
	c->bycol = xcalloc(c->nby + 1, sizeof *c->bycol);
	for (i = 0; i < c->nby; i++) {
		long k = by_column(run, c->by[i]);

		if (k <= -2) {
			cols_missing(&stats_job_cols[-2 - k], run->file);
			return CS_FATAL;
		}
		if (k < 0) {
			cs_warnx_at(run->file, 0, "--by: unknown column '%s'",
			    c->by[i]);
			return CS_FATAL;
		}
		c->bycol[i] = k;
	}
	for (i = 0; i < C_NCOLS && run->col[i] < 0; i++)
		;
	if (i == C_NCOLS && c->nby == 0) {
		/* Counting rows of an unknown file would print figures of nothing. */
		cs_warnx_at(run->file, 0, "no column of a ticket log or review "
		    "file (工单号 id, 创建时间 opened, 售后类型 category, 完结时间 "
		    "resolved, 处理结果 outcome ...): name one with --column "
		    "NAME=HEADER");
		return CS_FATAL;
	}
	/*
	 * A review file (cs-reviewsort's output): a category and no ticket
	 * times or outcome.  Its table counts reviews by category.
	 */
	c->reviews = run->col[C_CATEGORY] >= 0 && run->col[C_ID] < 0 &&
	    run->col[C_REPLY] < 0 &&
	    run->col[C_RESOLVED] < 0 && run->col[C_OUTCOME] < 0 &&
	    !c->report && !c->html && c->table == T_GROUPS && !c->partial;
	for (i = 0; c->reviews && i < c->nby; i++)
		if (c->bycol[i] == run->col[C_CATEGORY])
			c->reviews = 2;	/* --by names the category already */
	if (c->period != STATS_NOPERIOD && run->col[C_OPENED] < 0) {
		cols_missing(&stats_job_cols[C_OPENED], run->file);
		return CS_FATAL;
	}
	return 0;
}

static void
key_add(struct stats_job *c, size_t *len, const char *s, size_t n, int sep)
{
	if (*len + n + 2 > c->keycap) {
		c->keycap = (*len + n + 2) * 2;
		c->key = xreallocarray(c->key, c->keycap, 1);
	}
	if (sep)
		c->key[(*len)++] = STATS_KEY_SEP;
	memcpy(c->key + *len, s, n);
	*len += n;
}

/* A time column: 0 absent or empty, 1 parsed, -1 rejected (reported). */
static int
get_time(struct run *run, const struct record *r, size_t col, long long *t)
{
	struct tp_time tp;
	const char *s;
	size_t n;

	if ((s = run_field(run, r, col, &n)) == NULL ||
	    (!cell_bare(s, n) && cell_empty(s, n)))
		return 0;
	if (tp_parse(s, n, &tp) != 0) {
		cell_value(&s, &n);
		run_reject(run, "cannot parse %s time '%.*s'", stats_job_cols[col].name,
		    (int)n, s);
		return -1;
	}
	*t = tp.t;
	return 1;
}

/*
 * The latest time a log may hold: a year after the end of --today, or
 * after now.  A log judged as of an earlier day may hold later tickets,
 * but not a ticket of 9999-12-31.
 */
static long long
latest_allowed(const struct stats_job *c)
{
	return (c->has_today ? c->today : (long long)time(NULL)) + 366 * 86400LL;
}

static int
read_times(struct stats_job *c, struct run *run, const struct record *r,
    struct stats_ticket *t)
{
	char when[24];
	long long limit = latest_allowed(c);
	int rc;

	if (run->col[C_OPENED] >= 0) {
		if ((rc = get_time(run, r, C_OPENED, &t->opened)) < 0)
			return -1;
		if (rc == 0) {
			run_reject(run, "missing opened time");
			return -1;
		}
		t->has_opened = 1;
	}
	if ((rc = get_time(run, r, C_REPLY, &t->reply)) < 0)
		return -1;
	t->has_reply = rc;
	if ((rc = get_time(run, r, C_RESOLVED, &t->resolved)) < 0)
		return -1;
	t->has_resolved = rc;
	if ((t->has_reply || t->has_resolved) && !t->has_opened) {
		run_reject(run, "%s time without an opened time",
		    t->has_reply ? "first_reply" : "resolved");
		return -1;
	}
	if (t->has_reply && t->reply < t->opened) {
		run_reject(run, "first reply is before the ticket was opened");
		return -1;
	}
	if (t->has_resolved && t->resolved < t->opened) {
		run_reject(run, "resolved before the ticket was opened");
		return -1;
	}
	if ((t->has_opened && t->opened > limit) ||
	    (t->has_reply && t->reply > limit) ||
	    (t->has_resolved && t->resolved > limit)) {
		run_reject(run, "%s time is more than a year after %s: not a "
		    "real date", t->has_opened && t->opened > limit ? "opened" :
		    t->has_reply && t->reply > limit ? "first_reply" : "resolved",
		    c->has_today ? tp_format_time(c->today, when) : "now");
		return -1;
	}
	return 0;
}

/* FN(S, N) through the memo M. */
static int
memo_ask(
    struct memo *m, const char *s, size_t n, int (*fn)(const char *, size_t))
{
	unsigned i;
	int v;

	for (i = 0; i < MEMO_N; i++)
		if (m->e[i].n == n && n > 0 && memcmp(m->e[i].s, s, n) == 0)
			return m->e[i].v;
	v = fn(s, n);
	if (n > 0 && n < sizeof m->e[0].s) {
		i = m->next++ % MEMO_N;
		memcpy(m->e[i].s, s, n);
		m->e[i].n = n;
		m->e[i].v = v;
	}
	return v;
}

static int
outcome_of(const char *s, size_t n)
{
	return (int)stats_parse_outcome(s, n);
}

static void
read_flags(struct stats_job *c, struct run *run, const struct record *r,
    struct stats_ticket *t)
{
	const char *s;
	size_t n;

	t->reopened = -1;
	t->contacts = -1;
	t->reply_col = run->col[C_REPLY] >= 0;
	t->close_col = run->col[C_RESOLVED] >= 0 || run->col[C_OUTCOME] >= 0;
	t->contacts_col = run->col[C_CONTACTS] >= 0;
	t->reopen_col = run->col[C_REOPENED] >= 0;
	if ((s = run_field(run, r, C_OUTCOME, &n)) != NULL)
		t->outcome = (enum stats_outcome)memo_ask(
		    &c->outcome_memo, s, n, outcome_of);
	if ((s = run_field(run, r, C_REOPENED, &n)) != NULL)
		t->reopened = memo_ask(&c->flag_memo, s, n, stats_parse_flag);
	if ((s = run_field(run, r, C_CONTACTS, &n)) != NULL) {
		long long v;

		cell_value(&s, &n);
		if (decimal_parse(s, n, 0, 0, &v) == 0 && v >= 0 && v < 1000000)
			t->contacts = (int)v;
	}
}

/* Build the group key of R into c->key: period, then the --by values. */
static size_t
group_key(struct stats_job *c, const struct run *run, const struct record *r,
    const struct stats_ticket *t)
{
	size_t len = 0, i;

	if (c->period != STATS_NOPERIOD) {
		long day = tp_local_day(t->opened);
		struct day_label *l = &c->labels[(unsigned long)day % 64];

		/* A log spans few days: label each one once. */
		if (day != l->day || l->label[0] == '\0') {
			stats_period_label(c->period, t->opened, l->label);
			l->day = day;
		}
		key_add(c, &len, l->label, strlen(l->label), 0);
	}
	for (i = 0; i < c->nby; i++) {
		const char *s = r->f[c->bycol[i]];
		size_t n = r->len[c->bycol[i]];

		cell_value(&s, &n);
		key_add(c, &len, s, n, len > 0 || i > 0);
	}
	if (c->reviews == 1) {
		const char *s;
		size_t n = 0;

		/* The review's category, last; an empty one is a group too. */
		if ((s = run_field(run, r, C_CATEGORY, &n)) != NULL)
			cell_value(&s, &n);
		key_add(c, &len, s != NULL ? s : "", n, len > 0);
	}
	key_add(c, &len, "", 0, 0);
	return len;
}

static int
check_id(struct stats_job *c, struct run *run, const struct record *r)
{
	const struct stats_seen *seen;
	const char *s;
	size_t n;

	if ((s = run_field(run, r, C_ID, &n)) == NULL)
		return 0;
	cell_value(&s, &n);
	if (n == 0)
		return 0;
	if ((seen = stats_see_id(&c->st, s, n, run->file, run->line)) == NULL)
		return 0;
	if (seen->file == run->file || (seen->file != NULL &&
	    strcmp(seen->file, run->file) == 0))
		run_reject(run,
		    "duplicate ticket id '%.*s' (first at line %ld)", (int)n, s,
		    seen->line);
	else
		run_reject(run, "duplicate ticket id '%.*s' (first at %s:%ld)",
		    (int)n, s, seen->file ? seen->file : "?", seen->line);
	return -1;
}

static void
count_extras(struct stats_job *c, struct run *run, const struct record *r,
    const struct stats_ticket *t)
{
	const char *s, *p;
	size_t n, pn;
	/* Only what will be printed is kept: a state may be printed anyhow. */
	int buyers = c->partial || c->report || c->orders != NULL;
	int quality = c->partial || c->report || c->table == T_ALERTS;

	if (buyers && (s = run_field(run, r, C_BUYER, &n)) != NULL) {
		cell_value(&s, &n);
		if (n > 0)
			stats_add_buyer(&c->st, s, n, t->has_opened, t->opened,
			    stats_classify(t, c->sla_res));
	}
	if (quality && (s = run_field(run, r, C_CATEGORY, &n)) != NULL &&
	    (p = run_field(run, r, C_PRODUCT, &pn)) != NULL &&
	    memo_ask(&c->quality_memo, s, n, stats_is_quality)) {
		cell_value(&p, &pn);
		if (pn > 0)
			stats_add_quality(
			    &c->st, p, pn, t->has_opened, t->opened);
	}
}

int
stats_job_row(struct stats_job *c, struct run *run, const struct record *r)
{
		struct stats_ticket t;
	size_t klen;

	if (c->merge) {
		struct partial_opts po;

		return partial_merge_row(&c->pm, &c->st, state_opts(c, &po), run,
		    r);
	}
	memset(&t, 0, sizeof t);
	if (read_times(c, run, r, &t) != 0)
		return ROW_REJECT;
	if (check_id(c, run, r) != 0)
		return ROW_REJECT;
	read_flags(c, run, r, &t);
	if ((t.buyer = run_field(run, r, C_BUYER, &t.nbuyer)) != NULL)
		cell_value(&t.buyer, &t.nbuyer);
	klen = group_key(c, run, r, &t);
	stats_add(&c->st, c->key, klen, &t);
	count_extras(c, run, r, &t);
	return ROW_OUT;
}

/* The reference time for retention: --today, or the latest order. */
static long long
order_ref(const struct stats_job *c)
{
	if (c->has_today)
		return c->today;
	return c->ord.has_latest ? c->ord.latest : 0;
}

static void
make_view(struct stats_job *c, const struct run *run, struct stats_view *v)
{
	memset(v, 0, sizeof *v);
	v->st = &c->st;
	v->ord = c->orders != NULL ? &c->ord : NULL;
	v->period = c->period;
	v->byarg = c->nby ? c->byarg : "";
	v->by = c->by;
	v->nby = c->nby;
	v->compare = c->compare;
	v->has_today = c->has_today;
	v->today = c->today;
	v->today_date = c->today_date;
	v->sla_res = c->sla_res;
	v->sla_reply = c->sla_reply;
	v->window = c->window;
	v->alert_n = c->alert_n;
	v->alert_days = c->alert_days;
	v->lang = run->lang;
	v->fp = stdout;
	v->reviews_cat = c->reviews == 1;
}

int
stats_job_finish(struct stats_job *c, struct run *run)
{
		struct stats_retention r;
	struct stats_view v;

	struct partial_opts po;

	if (c->merge && partial_merge_end(&c->pm, c->nstates) != 0)
		return CS_FATAL;
	if (!c->merge) {
		c->st.read = run->nin + run->nblank;
		c->st.rejected = run->nrej;
	}
	if (c->partial) {
		partial_write(&c->st, state_opts(c, &po), stdout);
		return 0;
	}
	if (c->orders != NULL)
		stats_retention(
		    &c->st, &c->ord, c->window * 86400LL, order_ref(c), &r);
	make_view(c, run, &v);
	if (c->html) {
		stats_write_html(&v, c->orders != NULL ? &r : NULL);
		return c->ostatus;
	}
	if (c->report) {
		stats_write_report(&v, c->orders != NULL ? &r : NULL);
		return c->ostatus;
	}
	switch (c->table) {
	case T_GROUPS:
		if (c->reviews)
			stats_write_reviews(&v, &run->out);
		else
			stats_write_groups(&v, &run->out);
		break;
	case T_RETENTION:
		stats_write_retention(&v, &run->out, &r);
		break;
	case T_COHORTS:
		stats_write_cohorts(&v, &run->out);
		break;
	case T_ALERTS:
		stats_write_alerts(&v, &run->out);
		break;
	}
	return c->ostatus;
}

