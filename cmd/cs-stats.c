/*
 * cs-stats: complaint, SLA and retention statistics over an after-sales or
 * complaint log (or cs-reviewsort's output), as a csv/tsv/json table or a
 * plain-text report for cron mail.  --partial writes a mergeable state and
 * --merge combines such states into exactly the result of one run.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell.h"
#include "cli.h"
#include "cols.h"
#include "csvin.h"
#include "diag.h"
#include "money.h"
#include "out.h"
#include "stats.h"
#include "stats_orders.h"
#include "stats_text.h"
#include "timeparse.h"

enum {
	C_ID, C_BUYER, C_AGENT, C_PRODUCT, C_CATEGORY, C_OPENED, C_REPLY,
	C_RESOLVED, C_OUTCOME, C_REOPENED, C_CONTACTS, C_NCOLS
};

static const struct colspec cols[C_NCOLS] = {
	{ "id", "工单号|工单编号|工单ID|售后单号|服务单号|退款编号|投诉编号|"
	    "ticket|ticket_id|ticketid|id" },
	{ "buyer", "买家|买家会员名|买家昵称|买家账号|买家ID|客户|顾客|会员名|"
	    "buyer|customer|buyer_id" },
	{ "agent", "客服|处理客服|受理客服|处理人|负责人|客服昵称|agent|assignee" },
	{ "product", "商品|商品名称|宝贝标题|宝贝名称|商品标题|商品ID|宝贝ID|"
	    "product|item|sku" },
	{ "category", "类型|售后类型|问题类型|投诉类型|工单类型|分类|category|type" },
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

/* The buyer and time columns of an orders file. */
static const struct colspec order_cols[2] = {
	{ "buyer", "买家会员名|买家|买家昵称|买家账号|买家ID|客户|会员名|buyer|customer" },
	{ "time", "订单创建时间|下单时间|订单付款时间|付款时间|创建时间|成交时间|"
	    "order_time|ordered_at|created|created_at|time|date" },
};

enum table { T_GROUPS, T_RETENTION, T_COHORTS, T_ALERTS };

#define PARTIAL_MAGIC "cs-stats-partial-1"
#define KEY_SEP '\x1f'

struct ctx {
	struct stats st;	/* the aggregate */
	struct stats_orders ord; /* --orders history */
	/* Options. */
	char *byarg;		/* --by as given */
	char **by;		/* --by field names */
	size_t nby;		/* how many */
	enum stats_period period; /* --period */
	int compare;		/* --compare-previous */
	int report;		/* --report */
	int partial;		/* --partial */
	int merge;		/* --merge */
	enum table table;	/* --table */
	int has_today;		/* --today given */
	long long today;	/* its instant (end of the day for a date) */
	long long sla_res;	/* --sla-resolve, seconds */
	long long sla_reply;	/* --sla-reply, seconds */
	const char *orders;	/* --orders FILE */
	long window;		/* --window, days */
	long alert_n;		/* --alert */
	long alert_days;	/* --alert-window, days */
	/* Per input. */
	long *bycol;		/* field index of each --by name */
	int started;		/* a header was seen */
	char *key;		/* key being built */
	size_t keycap;		/* its size */
	/* Orders reading. */
	long ocol[2];		/* buyer and time field of the orders file */
	int ostarted;		/* the orders header was seen */
	const char *ofile;	/* its display name */
	int ostatus;		/* worst status while reading it */
};

enum {
	OPT_ALERT = CLI_TOOL_OPT, OPT_ALERT_WINDOW, OPT_BY, OPT_COMPARE,
	OPT_MERGE, OPT_ORDERS, OPT_PARTIAL, OPT_PERIOD, OPT_REPORT,
	OPT_SLA_REPLY, OPT_SLA_RESOLVE, OPT_TABLE, OPT_TODAY, OPT_WINDOW
};

static const struct option options[] = {
	{ "alert", required_argument, NULL, OPT_ALERT },
	{ "alert-window", required_argument, NULL, OPT_ALERT_WINDOW },
	{ "by", required_argument, NULL, OPT_BY },
	{ "compare-previous", no_argument, NULL, OPT_COMPARE },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "sla-reply", required_argument, NULL, OPT_SLA_REPLY },
	{ "sla-resolve", required_argument, NULL, OPT_SLA_RESOLVE },
	{ "table", required_argument, NULL, OPT_TABLE },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
"      --by FIELD[,FIELD]      group by these columns: category, agent,\n"
"                              product, buyer, outcome or any header name\n"
"      --period day|week|month group by the period the ticket was opened in\n"
"      --compare-previous      add the previous period's ticket count and\n"
"                              the change (needs --period)\n"
"      --report                print a plain-text report (for cron mail)\n"
"      --table NAME            which table to write: groups (default),\n"
"                              retention, cohorts, alerts\n"
"      --today DATE            reference time for backlog age and SLA\n"
"                              (default: the latest time in the log)\n"
"      --sla-resolve HOURS     resolution target (default 8, 000 第三条)\n"
"      --sla-reply HOURS       first-reply target (default 24, 001 §6.6)\n"
"      --orders FILE           order history: retention, repeat buyers,\n"
"                              cohorts\n"
"      --window DAYS           retention window after a complaint\n"
"                              (default 90)\n"
"      --alert N               list products with N or more quality\n"
"                              complaints within the alert window (default 3)\n"
"      --alert-window DAYS     the alert window (default 30)\n"
"      --partial               write a mergeable state instead of results\n"
"      --merge                 the inputs are --partial states: combine them\n";

/* --- options --------------------------------------------------------------- */

/* Parse a whole number in [LO, HI]; 0 or -1. */
static int
parse_long(const char *arg, long lo, long hi, long *v)
{
	char *end;
	long x = strtol(arg, &end, 10);

	if (end == arg || *end != '\0' || x < lo || x > hi)
		return -1;
	*v = x;
	return 0;
}

/* Parse HOURS (decimals allowed) into seconds; 0 or -1. */
static int
parse_hours(const char *arg, long long *sec)
{
	long long centi;

	if (decimal_parse(arg, strlen(arg), 2, 0, &centi) != 0 || centi <= 0 ||
	    centi > 100000000)
		return -1;
	*sec = centi * 36;
	return 0;
}

static int
split_by(struct ctx *c, char *arg)
{
	char *p, *save = NULL;

	c->byarg = arg;
	c->nby = 0;
	for (p = strtok_r(arg, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		if ((c->by = realloc(c->by, (c->nby + 1) * sizeof *c->by)) == NULL)
			cs_errx(CS_FATAL, "out of memory");
		c->by[c->nby++] = p;
	}
	if (c->nby == 0) {
		cs_warnx("--by: expected FIELD[,FIELD], got '%s'", arg);
		return -1;
	}
	return 0;
}

static int
parse_period(struct ctx *c, const char *arg)
{
	if (strcmp(arg, "day") == 0)
		c->period = STATS_DAY;
	else if (strcmp(arg, "week") == 0)
		c->period = STATS_WEEK;
	else if (strcmp(arg, "month") == 0)
		c->period = STATS_MONTH;
	else {
		cs_warnx("--period: expected day, week or month, got '%s'", arg);
		return -1;
	}
	return 0;
}

static int
parse_table(struct ctx *c, const char *arg)
{
	static const char *const names[] = { "groups", "retention", "cohorts", "alerts" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			c->table = (enum table)i;
			return 0;
		}
	cs_warnx("--table: expected groups, retention, cohorts or alerts, got '%s'", arg);
	return -1;
}

static int
parse_today(struct ctx *c, const char *arg)
{
	struct tp_time t;

	if (tp_parse(arg, strlen(arg), &t) != 0) {
		cs_warnx("--today: cannot parse '%s' as a date", arg);
		return -1;
	}
	c->has_today = 1;
	c->today = t.has_time ? t.t : t.t + 86400;
	return 0;
}

static int
bad_value(const char *opt, const char *arg, const char *what)
{
	cs_warnx("%s: expected %s, got '%s'", opt, what, arg);
	return -1;
}

static int
option(void *vctx, struct run *run, int ch, const char *arg)
{
	struct ctx *c = vctx;

	(void)run;
	switch (ch) {
	case OPT_ALERT:
		return parse_long(arg, 1, 1000000, &c->alert_n) ? bad_value("--alert",
		    arg, "a whole number of complaints >= 1") : 0;
	case OPT_ALERT_WINDOW:
		return parse_long(arg, 1, 36500, &c->alert_days) ?
		    bad_value("--alert-window", arg, "a number of days >= 1") : 0;
	case OPT_BY:
		return split_by(c, (char *)arg);
	case OPT_COMPARE:
		c->compare = 1;
		return 0;
	case OPT_MERGE:
		c->merge = 1;
		return 0;
	case OPT_ORDERS:
		c->orders = arg;
		return 0;
	case OPT_PARTIAL:
		c->partial = 1;
		return 0;
	case OPT_PERIOD:
		return parse_period(c, arg);
	case OPT_REPORT:
		c->report = 1;
		return 0;
	case OPT_SLA_REPLY:
		return parse_hours(arg, &c->sla_reply) ? bad_value("--sla-reply",
		    arg, "a number of hours > 0") : 0;
	case OPT_SLA_RESOLVE:
		return parse_hours(arg, &c->sla_res) ? bad_value("--sla-resolve",
		    arg, "a number of hours > 0") : 0;
	case OPT_TABLE:
		return parse_table(c, arg);
	case OPT_TODAY:
		return parse_today(c, arg);
	case OPT_WINDOW:
		return parse_long(arg, 1, 36500, &c->window) ? bad_value("--window",
		    arg, "a number of days >= 1") : 0;
	}
	return -1;
}

/* --- orders ---------------------------------------------------------------- */

static int
order_header(struct ctx *c, struct record *r)
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

static void
order_warn(struct ctx *c, long line, const char *what, const char *s, size_t n)
{
	cs_warnx_at(c->ofile, line, "%s '%.*s'", what, (int)n, s);
	if (c->ostatus < CS_ROWS)
		c->ostatus = CS_ROWS;
}

static int
on_order(void *vctx, struct record *r)
{
	struct ctx *c = vctx;
	struct tp_time t;
	const char *b, *ts;
	size_t bn, tn;

	if (r->error != NULL) {
		cs_warnx_at(c->ofile, r->line, "%s", r->error);
		c->ostatus = c->ostarted ? (c->ostatus < CS_ROWS ? CS_ROWS : c->ostatus)
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
		order_warn(c, r->line, "too few fields in order", "", 0);
		return 0;
	}
	b = r->f[c->ocol[0]];
	bn = r->len[c->ocol[0]];
	ts = r->f[c->ocol[1]];
	tn = r->len[c->ocol[1]];
	cell_value(&b, &bn);
	if (bn == 0) {
		order_warn(c, r->line, "order without a buyer", "", 0);
		return 0;
	}
	if (tp_parse(ts, tn, &t) != 0) {
		order_warn(c, r->line, "cannot parse order time", ts, tn);
		return 0;
	}
	stats_orders_add(&c->ord, b, bn, t.t);
	return 0;
}

static int
read_orders(struct ctx *c)
{
	struct csvin_opts o = { ',', 0, NULL };

	c->ofile = strcmp(c->orders, "-") == 0 ? "<stdin>" : c->orders;
	if (csvin_run(c->orders, c->ofile, &o, on_order, c) < 0)
		return CS_FATAL;
	if (!c->ostarted) {
		cs_warnx_at(c->ofile, 0, "empty orders file: no header");
		return CS_FATAL;
	}
	return c->ostatus;
}

/* --- init and start ---------------------------------------------------------- */

static int
init(void *vctx, struct run *run)
{
	struct ctx *c = vctx;

	if (c->compare && c->period == STATS_NOPERIOD) {
		cs_warnx("--compare-previous needs --period");
		return CS_FATAL;
	}
	if ((c->table == T_RETENTION || c->table == T_COHORTS) && c->orders == NULL &&
	    !c->partial) {
		cs_warnx("--table %s needs --orders FILE",
		    c->table == T_RETENTION ? "retention" : "cohorts");
		return CS_FATAL;
	}
	if (c->partial && (c->report || c->table != T_GROUPS || run->fmt != OUT_CSV)) {
		cs_warnx("--partial writes a state: it takes no --report, --table or --format");
		return CS_FATAL;
	}
	run->summary = 1;
	if (c->orders != NULL && !c->partial)
		return read_orders(c) == CS_FATAL ? CS_FATAL : 0;
	return 0;
}

/* Find the field of --by name NAME: a column of ours, or a header. */
static long
by_column(const struct run *run, const char *name)
{
	size_t i;

	for (i = 0; i < C_NCOLS; i++)
		if (strcmp(name, cols[i].name) == 0)
			return run->col[i] >= 0 ? run->col[i] : -2 - (long)i;
	if (run->hdr == NULL)
		return -1;
	return cols_find(name, run->hdr, run->hlen, run->nhdr);
}

static int
start_merge(struct run *run)
{
	if (run->hdr == NULL || run->nhdr != 5 ||
	    strcmp(run->hdr[0], PARTIAL_MAGIC) != 0) {
		cs_warnx_at(run->file, 0, "not a cs-stats partial state "
		    "(write one with --partial)");
		return CS_FATAL;
	}
	return 0;
}

static int
start(void *vctx, struct run *run)
{
	struct ctx *c = vctx;
	size_t i;

	c->started = 1;
	if (c->merge)
		return start_merge(run);
	if ((c->bycol = calloc(c->nby + 1, sizeof *c->bycol)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < c->nby; i++) {
		long k = by_column(run, c->by[i]);

		if (k <= -2) {
			cols_missing(&cols[-2 - k], run->file);
			return CS_FATAL;
		}
		if (k < 0) {
			cs_warnx_at(run->file, 0, "--by: unknown column '%s'", c->by[i]);
			return CS_FATAL;
		}
		c->bycol[i] = k;
	}
	if (c->period != STATS_NOPERIOD && run->col[C_OPENED] < 0) {
		cols_missing(&cols[C_OPENED], run->file);
		return CS_FATAL;
	}
	return 0;
}

/* --- rows ------------------------------------------------------------------ */

static void
key_add(struct ctx *c, size_t *len, const char *s, size_t n, int sep)
{
	if (*len + n + 2 > c->keycap) {
		c->keycap = (*len + n + 2) * 2;
		if ((c->key = realloc(c->key, c->keycap)) == NULL)
			cs_errx(CS_FATAL, "out of memory");
	}
	if (sep)
		c->key[(*len)++] = KEY_SEP;
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

	if ((s = run_field(run, r, col, &n)) == NULL || cell_empty(s, n))
		return 0;
	if (tp_parse(s, n, &tp) != 0) {
		cell_value(&s, &n);
		run_reject(run, "cannot parse %s time '%.*s'", cols[col].name,
		    (int)n, s);
		return -1;
	}
	*t = tp.t;
	return 1;
}

static int
read_times(struct run *run, const struct record *r, struct stats_ticket *t)
{
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
	return 0;
}

static void
read_flags(struct run *run, const struct record *r, struct stats_ticket *t)
{
	const char *s;
	size_t n;

	t->reopened = -1;
	t->contacts = -1;
	t->reply_col = run->col[C_REPLY] >= 0;
	t->close_col = run->col[C_RESOLVED] >= 0 || run->col[C_OUTCOME] >= 0;
	if ((s = run_field(run, r, C_OUTCOME, &n)) != NULL)
		t->outcome = stats_parse_outcome(s, n);
	if ((s = run_field(run, r, C_REOPENED, &n)) != NULL)
		t->reopened = stats_parse_flag(s, n);
	if ((s = run_field(run, r, C_CONTACTS, &n)) != NULL) {
		long long v;

		cell_value(&s, &n);
		if (decimal_parse(s, n, 0, 0, &v) == 0 && v >= 0 && v < 1000000)
			t->contacts = (int)v;
	}
}

/* Build the group key of R into c->key: period, then the --by values. */
static size_t
group_key(struct ctx *c, const struct record *r, const struct stats_ticket *t)
{
	char label[16];
	size_t len = 0, i;

	if (c->period != STATS_NOPERIOD) {
		stats_period_label(c->period, t->opened, label);
		key_add(c, &len, label, strlen(label), 0);
	}
	for (i = 0; i < c->nby; i++) {
		const char *s = r->f[c->bycol[i]];
		size_t n = r->len[c->bycol[i]];

		cell_value(&s, &n);
		key_add(c, &len, s, n, len > 0 || i > 0);
	}
	key_add(c, &len, "", 0, 0);
	return len;
}

static int
check_id(struct ctx *c, struct run *run, const struct record *r)
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
		run_reject(run, "duplicate ticket id '%.*s' (first at line %ld)",
		    (int)n, s, seen->line);
	else
		run_reject(run, "duplicate ticket id '%.*s' (first at %s:%ld)",
		    (int)n, s, seen->file ? seen->file : "?", seen->line);
	return -1;
}

static void
count_extras(struct ctx *c, struct run *run, const struct record *r,
    const struct stats_ticket *t)
{
	const char *s, *p;
	size_t n, pn;

	if ((s = run_field(run, r, C_BUYER, &n)) != NULL) {
		cell_value(&s, &n);
		if (n > 0)
			stats_add_buyer(&c->st, s, n, t->has_opened, t->opened,
			    stats_classify(t, c->sla_res));
	}
	if ((s = run_field(run, r, C_CATEGORY, &n)) != NULL &&
	    (p = run_field(run, r, C_PRODUCT, &pn)) != NULL &&
	    stats_is_quality(s, n)) {
		cell_value(&p, &pn);
		if (pn > 0)
			stats_add_quality(&c->st, p, pn, t->has_opened, t->opened);
	}
}

static int merge_row(struct ctx *, struct run *, const struct record *);

static int
row(void *vctx, struct run *run, const struct record *r)
{
	struct ctx *c = vctx;
	struct stats_ticket t;
	size_t klen;

	if (c->merge)
		return merge_row(c, run, r);
	memset(&t, 0, sizeof t);
	if (read_times(run, r, &t) != 0)
		return ROW_REJECT;
	if (check_id(c, run, r) != 0)
		return ROW_REJECT;
	read_flags(run, r, &t);
	klen = group_key(c, r, &t);
	stats_add(&c->st, c->key, klen, &t);
	count_extras(c, run, r, &t);
	return ROW_OUT;
}

/* out_header() from constant names (it does not write to them). */
static void
put_header(struct out *o, const char *const *names, size_t n)
{
	char *hdr[48];
	size_t lens[48], i;

	for (i = 0; i < n && i < 48; i++) {
		hdr[i] = (char *)(uintptr_t)names[i];
		lens[i] = strlen(names[i]);
	}
	out_header(o, hdr, lens, i);
}

/* --- partial state ------------------------------------------------------- */

static void
emit_record(void *vctx, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	struct out *o = vctx;

	out_str(o, sec);
	out_field(o, key, klen);
	out_str(o, name);
	out_str(o, value);
	out_str(o, count);
	out_end(o);
}

static const char *
period_name(enum stats_period p)
{
	static const char *const names[] = { "", "day", "week", "month" };

	return names[p];
}

static void
write_partial(struct ctx *c, struct run *run)
{
	static const char *const hdr[] = { PARTIAL_MAGIC, "key", "name", "value",
	    "count" };
	struct out o;
	char v[32];

	out_init(&o, stdout, OUT_CSV, 0);
	put_header(&o, hdr, 5);
	emit_record(&o, "opt", "", 0, "by", c->nby ? c->byarg : "", "");
	emit_record(&o, "opt", "", 0, "period", period_name(c->period), "");
	snprintf(v, sizeof v, "%lld", c->sla_res);
	emit_record(&o, "opt", "", 0, "quick", v, "");
	if (!c->merge) {
		c->st.read = run->nin;
		c->st.rejected = run->nrej;
	}
	stats_emit(&c->st, emit_record, &o);
	out_free(&o);
}

static int
merge_opt(struct ctx *c, struct run *run, const char *name, const char *value)
{
	char v[32];
	const char *want;

	if (strcmp(name, "by") == 0)
		want = c->nby ? c->byarg : "";
	else if (strcmp(name, "period") == 0)
		want = period_name(c->period);
	else if (strcmp(name, "quick") == 0) {
		snprintf(v, sizeof v, "%lld", c->sla_res);
		want = v;
	} else
		return run_reject(run, "unknown option '%s' in partial state", name);
	if (strcmp(value, want) == 0)
		return ROW_OUT;
	cs_warnx_at(run->file, run->line, "partial state was made with --%s '%s', "
	    "not '%s': use the same --by, --period and --sla-resolve",
	    strcmp(name, "quick") == 0 ? "sla-resolve (seconds)" : name, value, want);
	run->status = CS_FATAL;
	run->stop = 1;
	return ROW_REJECT;
}

static int
merge_row(struct ctx *c, struct run *run, const struct record *r)
{
	int rc;

	if (strcmp(r->f[0], "opt") == 0)
		return merge_opt(c, run, r->f[2], r->f[3]);
	rc = stats_absorb(&c->st, r->f[0], r->f[1], r->len[1], r->f[2], r->f[3],
	    r->f[4]);
	if (rc < 0) {
		cs_warnx_at(run->file, run->line, "bad partial state record");
		run->status = CS_FATAL;
		run->stop = 1;
		return ROW_REJECT;
	}
	if (rc > 0)
		run_warn(run, "duplicate ticket id '%s' in another partial state "
		    "(counted twice)", r->f[1]);
	return ROW_OUT;
}

/* --- figures ------------------------------------------------------------- */

/* The reference time for ages and SLA: --today, or the latest time seen. */
static long long
ref_time(const struct ctx *c)
{
	if (c->has_today)
		return c->today;
	return c->st.has_latest ? c->st.latest : 0;
}

/* Hours label of SEC for column names: "8", "0.5". */
static char *
hours_label(long long sec, char *buf)
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

struct sla {
	unsigned long long res_ok, res_den; /* resolved within target / judged */
	unsigned long long rep_ok, rep_den; /* answered within target / judged */
};

static void
sla_of(const struct ctx *c, struct stats_group *g, struct sla *s)
{
	long long ref = ref_time(c);

	s->res_ok = store_count_le(&g->res, c->sla_res);
	s->res_den = g->timed ? g->res.n + g->closed_unres +
	    aged(&g->open, ref, c->sla_res) : 0;
	s->rep_ok = store_count_le(&g->reply, c->sla_reply);
	s->rep_den = g->reply.n + aged(&g->noreply, ref, c->sla_reply);
}

/* Ages at REF of the open tickets in G, as a new store (free it). */
static void
open_ages(const struct ctx *c, struct stats_group *g, struct stats_store *ages)
{
	long long ref = ref_time(c);
	size_t i;

	memset(ages, 0, sizeof *ages);
	for (i = 0; i < g->open.n; i++)
		store_add(ages, ref > g->open.v[i] ? ref - g->open.v[i] : 0);
}

static void
fig_empty(struct fig *f, int n)
{
	while (n-- > 0)
		fig_add(f, "");
}

static void
fig_group(struct ctx *c, struct stats_group *g, struct fig *f)
{
	struct stats_store ages;
	struct sla s;
	char b[32];
	int timed = g->timed > 0;

	fig_addu(f, g->tickets);
	fig_add(f, stats_fmt_pct(g->tickets, c->st.all.tickets, b));
	fig_durations(f, &g->reply, timed && c->st.reply_col);
	sla_of(c, g, &s);
	if (c->st.close_col) {
		fig_addu(f, g->resolved);
		fig_durations(f, &g->res, timed);
		fig_add(f, stats_fmt_pct(s.res_ok, s.res_den, b));
	} else {
		fig_empty(f, 7);
	}
	fig_add(f, c->st.reply_col ? stats_fmt_pct(s.rep_ok, s.rep_den, b) : "");
	if (c->st.close_col && timed) {
		open_ages(c, g, &ages);
		fig_addu(f, g->open.n);
		fig_add(f, ages.n ? stats_fmt_hours(store_pct(&ages, 50), b) : "");
		fig_add(f, ages.n ? stats_fmt_hours(store_pct(&ages, 100), b) : "");
		store_free(&ages);
	} else {
		fig_empty(f, 3);
	}
	fig_add(f, stats_fmt_pct(g->reopened, g->reopen_known, b));
	fig_add(f, stats_fmt_pct(g->fcr, g->fcr_known, b));
	fig_addu(f, g->tickets * 25);
}

/* --- the groups table ------------------------------------------------------ */

/* Sort order of groups: period, then most tickets, then key bytes. */
static int
cmp_group(const void *a, const void *b, void *vctx)
{
	struct ctx *c = vctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b, il, jl;
	const char *ik = stats_group_key(&c->st, i, &il);
	const char *jk = stats_group_key(&c->st, j, &jl);
	unsigned long long it = stats_group_at(&c->st, i)->tickets;
	unsigned long long jt = stats_group_at(&c->st, j)->tickets;
	int r;

	if (c->period != STATS_NOPERIOD) {
		const char *ie = memchr(ik, KEY_SEP, il), *je = memchr(jk, KEY_SEP, jl);
		size_t ip = ie ? (size_t)(ie - ik) : il, jp = je ? (size_t)(je - jk) : jl;

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

static size_t *
sorted_groups(struct ctx *c)
{
	size_t n = stats_ngroups(&c->st), i;
	size_t *ix = malloc((n + 1) * sizeof *ix);

	if (ix == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < n; i++)
		ix[i] = i;
	qsort_r(ix, n, sizeof *ix, cmp_group, c);
	return ix;
}

static void
header_names(struct ctx *c, struct out *o)
{
	static const char *const names[] = { "tickets", "share_pct",
	    "first_reply_n", "first_reply_mean_h", "first_reply_median_h",
	    "first_reply_p90_h", "first_reply_max_h", "resolved",
	    "resolution_n", "resolution_mean_h", "resolution_median_h",
	    "resolution_p90_h", "resolution_max_h", NULL };
	const char *hdr[48];
	char buf[4][48], hb[32];
	size_t n = 0, i;

	if (c->period != STATS_NOPERIOD)
		hdr[n++] = "period";
	for (i = 0; i < c->nby && n < 8; i++)
		hdr[n++] = c->by[i];
	for (i = 0; names[i] != NULL; i++)
		hdr[n++] = names[i];
	snprintf(buf[0], sizeof buf[0], "resolved_%sh_pct", hours_label(c->sla_res, hb));
	snprintf(buf[1], sizeof buf[1], "answered_%sh_pct", hours_label(c->sla_reply, hb));
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
	put_header(o, hdr, n);
}

/* The key fields of KEY[0..LEN) as output cells. */
static void
key_cells(struct out *o, const char *key, size_t len, size_t nfields)
{
	size_t i;

	for (i = 0; i < nfields; i++) {
		const char *e = memchr(key, KEY_SEP, len);
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

static unsigned long long
prev_tickets(struct ctx *c, const char *key, size_t len)
{
	const char *e = memchr(key, KEY_SEP, len);
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
	if ((k = malloc(klen + 1)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	memcpy(k, prev, strlen(prev));
	memcpy(k + strlen(prev), key + plen, len - plen);
	g = stats_group_find(&c->st, k, klen);
	free(k);
	return g ? g->tickets : 0;
}

static void
write_groups(struct ctx *c, struct out *o)
{
	size_t *ix = sorted_groups(c), n = stats_ngroups(&c->st), i, j;
	size_t nkey = c->nby + (c->period != STATS_NOPERIOD);

	header_names(c, o);
	for (i = 0; i < n; i++) {
		struct stats_group *g = stats_group_at(&c->st, ix[i]);
		struct fig f;
		size_t klen;
		const char *key = stats_group_key(&c->st, ix[i], &klen);

		f.n = 0;
		fig_group(c, g, &f);
		key_cells(o, key, klen, nkey);
		for (j = 0; j < f.n; j++)
			out_str(o, f.v[j]);
		if (c->compare) {
			unsigned long long p = prev_tickets(c, key, klen);

			snprintf(f.v[0], 32, "%llu", p);
			out_str(o, f.v[0]);
			compare_cells(o, g->tickets, p);
		}
		out_end(o);
	}
	free(ix);
}

/* --- retention, cohorts and alerts tables -------------------------------- */

/* The reference time for retention: --today, or the latest order. */
static long long
order_ref(const struct ctx *c)
{
	if (c->has_today)
		return c->today;
	return c->ord.has_latest ? c->ord.latest : 0;
}

static void
keep_row(struct out *o, const char *name, const struct stats_keep *k,
    const char *manual)
{
	char b[32];

	out_str(o, name);
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

static void
write_retention(struct ctx *c, struct out *o, const struct stats_retention *r)
{
	static const char *const hdr[] = { "group", "buyers", "retained",
	    "retained_pct", "pending", "manual_pct" };
	struct stats_keep rep;

	(void)c;
	put_header(o, hdr, 6);
	keep_row(o, "resolved_quickly", &r->cls[STATS_QUICK], "90-95");
	keep_row(o, "resolved", &r->cls[STATS_RESOLVED], "60");
	keep_row(o, "unresolved", &r->cls[STATS_UNRESOLVED], "");
	keep_row(o, "all_complainants", &r->all, "");
	keep_row(o, "non_complainants", &r->base, "");
	memset(&rep, 0, sizeof rep);
	rep.buyers = r->buyers;
	rep.kept = r->repeat;
	keep_row(o, "repeat_buyers", &rep, "");
}

static void
write_cohorts(struct ctx *c, struct out *o)
{
	static const char *const hdr[] = { "cohort", "buyers", "m1_pct",
	    "m2_pct", "m3_pct" };
	size_t n, i, k;
	struct stats_cohort *co = stats_cohorts(&c->ord, order_ref(c), &n);
	char b[32];

	put_header(o, hdr, 5);
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

struct alert {
	size_t product;		/* index in st.products */
	unsigned long long n;	/* complaints in the worst window */
	unsigned long long total; /* all quality complaints */
	long long first, last;	/* the window's first and last complaint */
	int timed;		/* first and last are set */
};

static int
cmp_alert(const void *a, const void *b, void *vctx)
{
	const struct alert *x = a, *y = b;
	const struct stats_map *m = vctx;
	int r;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	r = strcmp(m->key[x->product], m->key[y->product]);
	return r;
}

/* Products over the alert threshold, worst first; returns how many. */
static size_t
find_alerts(struct ctx *c, struct alert **out)
{
	struct stats *s = &c->st;
	struct alert *a = calloc(s->products.n + 1, sizeof *a);
	size_t i, n = 0;

	if (a == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < s->products.n; i++) {
		struct alert x;

		memset(&x, 0, sizeof x);
		x.product = i;
		x.n = store_max_window(&s->q[i], c->alert_days * 86400, &x.first,
		    &x.last) + s->qn[i];
		x.timed = s->q[i].n > 0;
		x.total = s->q[i].n + s->qn[i];
		if (x.n >= (unsigned long long)c->alert_n)
			a[n++] = x;
	}
	qsort_r(a, n, sizeof *a, cmp_alert, &s->products);
	*out = a;
	return n;
}

static void
write_alerts(struct ctx *c, struct out *o)
{
	static const char *const hdr[] = { "product", "complaints",
	    "window_first", "window_last", "quality_total" };
	struct alert *a;
	size_t n = find_alerts(c, &a), i;
	char b[32];

	put_header(o, hdr, 5);
	for (i = 0; i < n; i++) {
		out_field(o, c->st.products.key[a[i].product],
		    c->st.products.klen[a[i].product]);
		snprintf(b, sizeof b, "%llu", a[i].n);
		out_str(o, b);
		out_str(o, a[i].timed ? tp_format_date(tp_local_day(a[i].first), b) : "");
		out_str(o, a[i].timed ? tp_format_date(tp_local_day(a[i].last), b) : "");
		snprintf(b, sizeof b, "%llu", a[i].total);
		out_str(o, b);
		out_end(o);
	}
	free(a);
}

/* --- the report ------------------------------------------------------------ */

/* "NUM / DEN" as "66.7%", or "-" when DEN is 0. */
static const char *
pct_text(unsigned long long num, unsigned long long den, char *buf)
{
	if (den == 0)
		return strcpy(buf, "-");
	stats_fmt_pct(num, den, buf);
	strcat(buf, "%");
	return buf;
}

/* The group key fields joined by " / " for display. */
static void
key_text(const char *key, size_t len, char *buf, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; i < len && k + 4 < cap; i++) {
		if (key[i] == KEY_SEP) {
			memcpy(buf + k, " / ", 3);
			k += 3;
		} else {
			buf[k++] = key[i];
		}
	}
	buf[k] = '\0';
	if (k == 0)
		snprintf(buf, cap, "(empty)");
}

static void
report_groups(struct ctx *c)
{
	size_t *ix = sorted_groups(c), n = stats_ngroups(&c->st), i;
	const int right[] = { 0, 1, 1, 1, 1, 0 };
	const char *cells[6];
	struct text_table t;
	unsigned long long max = 0;
	char hb[32], title[64], name[256], cnt[32], share[32], med[32], sla[32], bar[32];
	struct sla s;

	for (i = 0; i < n; i++)
		if (stats_group_at(&c->st, i)->tickets > max)
			max = stats_group_at(&c->st, i)->tickets;
	printf("By %s%s%s\n", c->period != STATS_NOPERIOD ? period_name(c->period) : "",
	    c->period != STATS_NOPERIOD && c->nby ? ", " : "", c->nby ? c->byarg : "");
	text_init(&t, 6, right);
	snprintf(title, sizeof title, "in %sh", hours_label(c->sla_res, hb));
	cells[0] = "";
	cells[1] = "tickets";
	cells[2] = "share";
	cells[3] = "median h";
	cells[4] = title;
	cells[5] = "";
	if (!c->st.close_col)
		cells[3] = cells[4] = NULL;
	text_row(&t, cells);
	for (i = 0; i < n; i++) {
		struct stats_group *g = stats_group_at(&c->st, ix[i]);
		size_t klen;
		const char *key = stats_group_key(&c->st, ix[i], &klen);

		key_text(key, klen, name, sizeof name);
		snprintf(cnt, sizeof cnt, "%llu", g->tickets);
		sla_of(c, g, &s);
		cells[0] = name;
		cells[1] = cnt;
		cells[2] = pct_text(g->tickets, c->st.all.tickets, share);
		cells[3] = g->res.n ? stats_fmt_hours(store_pct(&g->res, 50), med) : "-";
		cells[4] = pct_text(s.res_ok, s.res_den, sla);
		if (!c->st.close_col)
			cells[3] = cells[4] = NULL;
		cells[5] = text_bar(g->tickets, max, 20, bar);
		text_row(&t, cells);
	}
	text_print(&t, stdout, 2);
	free(ix);
	putchar('\n');
}

static void
report_times(struct ctx *c)
{
	const int right[] = { 0, 1, 1, 1, 1, 1 };
	const char *cells[6] = { "hours", "n", "mean", "median", "p90", "max" };
	struct stats_group *g = &c->st.all;
	struct stats_store *st[2] = { &g->reply, &g->res };
	const char *names[2] = { "first reply", "resolution" };
	struct text_table t;
	char b[5][32];
	int k;

	printf("Reply and resolution time\n");
	text_init(&t, 6, right);
	text_row(&t, cells);
	for (k = 0; k < 2; k++) {
		if (!(k == 0 ? c->st.reply_col : c->st.close_col))
			continue;
		snprintf(b[0], 32, "%zu", st[k]->n);
		stats_fmt_mean_hours(store_sum(st[k]), (long long)st[k]->n, b[1]);
		stats_fmt_hours(store_pct(st[k], 50), b[2]);
		stats_fmt_hours(store_pct(st[k], 90), b[3]);
		stats_fmt_hours(store_pct(st[k], 100), b[4]);
		cells[0] = names[k];
		cells[1] = b[0];
		cells[2] = st[k]->n ? b[1] : "-";
		cells[3] = st[k]->n ? b[2] : "-";
		cells[4] = st[k]->n ? b[3] : "-";
		cells[5] = st[k]->n ? b[4] : "-";
		text_row(&t, cells);
	}
	text_print(&t, stdout, 2);
	printf("  (median and p90 by the nearest-rank method)\n\n");
}

static void
report_levels(struct ctx *c)
{
	struct stats_group *g = &c->st.all;
	struct stats_store ages;
	char b[32], h[32], a1[32], a2[32];
	struct sla s;

	sla_of(c, g, &s);
	printf("Service levels\n");
	if (c->st.close_col)
		printf("  resolved within %s h:   %-7s (000 第三条: solve every "
		    "complaint within 8 h)\n", hours_label(c->sla_res, h),
		    pct_text(s.res_ok, s.res_den, b));
	if (c->st.reply_col)
		printf("  answered within %s h:  %-7s (001 §6.6: answer complaints "
		    "within 24 h)\n", hours_label(c->sla_reply, h),
		    pct_text(s.rep_ok, s.rep_den, b));
	open_ages(c, g, &ages);
	if (c->st.close_col && ages.n > 0)
		printf("  open backlog:           %zu (median age %s h, oldest %s h)\n",
		    ages.n, stats_fmt_hours(store_pct(&ages, 50), a1),
		    stats_fmt_hours(store_pct(&ages, 100), a2));
	else if (c->st.close_col)
		printf("  open backlog:           0\n");
	store_free(&ages);
	printf("  reopened:               %s\n", pct_text(g->reopened, g->reopen_known, b));
	printf("  first-contact resolved: %s\n\n", pct_text(g->fcr, g->fcr_known, b));
}

static void
report_histogram(struct ctx *c)
{
	static const long long edge[] = { 3600, 4 * 3600, 8 * 3600, 24 * 3600,
	    72 * 3600 };
	static const char *const label[] = { "< 1 h", "1-4 h", "4-8 h", "8-24 h",
	    "1-3 d", ">= 3 d" };
	struct stats_store *res = &c->st.all.res;
	unsigned long long cnt[6], max = 0;
	const int right[] = { 0, 1, 1, 0 };
	const char *cells[4];
	char n[32], p[32], bar[32];
	struct text_table t;
	size_t prev = 0, k;
	int i;

	if (res->n == 0)
		return;
	for (i = 0; i < 6; i++) {
		k = i < 5 ? store_count_lt(res, edge[i]) : res->n;
		cnt[i] = k - prev;
		prev = k;
		if (cnt[i] > max)
			max = cnt[i];
	}
	printf("Resolution time distribution\n");
	text_init(&t, 4, right);
	for (i = 0; i < 6; i++) {
		snprintf(n, sizeof n, "%llu", cnt[i]);
		cells[0] = label[i];
		cells[1] = n;
		cells[2] = pct_text(cnt[i], res->n, p);
		cells[3] = text_bar(cnt[i], max, 30, bar);
		text_row(&t, cells);
	}
	text_print(&t, stdout, 2);
	putchar('\n');
}

static void
report_retention(struct ctx *c, const struct stats_retention *r)
{
	static const char *const names[] = { "resolved quickly", "resolved",
	    "unresolved", "all complainants", "non-complainants (baseline)" };
	static const char *const manual[] = { "90-95%", "60%", "", "", "" };
	const struct stats_keep *k[5] = { &r->cls[STATS_QUICK],
	    &r->cls[STATS_RESOLVED], &r->cls[STATS_UNRESOLVED], &r->all, &r->base };
	const int right[] = { 0, 1, 1, 1, 1 };
	const char *cells[5] = { "", "buyers", "retained", "share", "manual" };
	char b[3][32];
	struct text_table t;
	int i;

	printf("Retention: ordered again within %ld days of the complaint\n", c->window);
	text_init(&t, 5, right);
	text_row(&t, cells);
	for (i = 0; i < 5; i++) {
		snprintf(b[0], 32, "%llu", k[i]->buyers);
		snprintf(b[1], 32, "%llu", k[i]->kept);
		cells[0] = names[i];
		cells[1] = b[0];
		cells[2] = b[1];
		cells[3] = pct_text(k[i]->kept, k[i]->buyers, b[2]);
		cells[4] = manual[i];
		text_row(&t, cells);
	}
	text_print(&t, stdout, 2);
	if (r->all.pending > 0)
		printf("  (%llu complainants too recent to judge)\n", r->all.pending);
	printf("  manual (000 第六条): 60%% stay when the complaint is resolved, "
	    "90-95%% when resolved quickly\n");
	printf("  repeat buyers (回头客): %llu of %llu buyers (%s)\n\n", r->repeat,
	    r->buyers, pct_text(r->repeat, r->buyers, b[0]));
}

static void
report_alerts(struct ctx *c)
{
	struct alert *a;
	size_t n = find_alerts(c, &a), i;
	const int right[] = { 0, 1, 0, 0 };
	const char *cells[4] = { "product", "complaints", "from", "to" };
	char b[3][32];
	struct text_table t;

	printf("Product alerts: %ld or more quality complaints within %ld days "
	    "(004: stop selling and check)\n", c->alert_n, c->alert_days);
	if (n == 0) {
		printf("  none\n");
		free(a);
		return;
	}
	text_init(&t, 4, right);
	text_row(&t, cells);
	for (i = 0; i < n; i++) {
		snprintf(b[0], 32, "%llu", a[i].n);
		cells[0] = c->st.products.key[a[i].product];
		cells[1] = b[0];
		cells[2] = a[i].timed ? tp_format_date(tp_local_day(a[i].first), b[1]) : "-";
		cells[3] = a[i].timed ? tp_format_date(tp_local_day(a[i].last), b[2]) : "-";
		text_row(&t, cells);
	}
	text_print(&t, stdout, 2);
	free(a);
}

static void
write_report(struct ctx *c, const struct stats_retention *r)
{
	struct stats_group *g = &c->st.all;
	unsigned long long who = c->st.buyers.n ? c->st.buyers.n : g->tickets;
	char b[32];

	stats_fill_all(&c->st);
	printf("cs-stats report\n\n");
	printf("Tickets: %llu (rows read %llu, rejected %llu)\n", g->tickets,
	    c->st.read, c->st.rejected);
	if (g->timed > 0)
		printf("Figures at: %s (China Standard Time)\n",
		    tp_format_time(ref_time(c), b));
	putchar('\n');
	if (c->nby > 0 || c->period != STATS_NOPERIOD)
		report_groups(c);
	if (g->timed > 0 && (c->st.reply_col || c->st.close_col)) {
		report_times(c);
		report_levels(c);
		report_histogram(c);
	}
	if (r != NULL)
		report_retention(c, r);
	printf("Iceberg: %llu %s stand for about %llu dissatisfied buyers "
	    "(000 第六条: 25 per complaint)\n\n", who,
	    c->st.buyers.n ? "complaining buyers" : "complaints", who * 25);
	report_alerts(c);
}

/* --- finish ---------------------------------------------------------------- */

static int
finish(void *vctx, struct run *run)
{
	struct ctx *c = vctx;
	struct stats_retention r;

	if (c->partial) {
		write_partial(c, run);
		return 0;
	}
	if (!c->merge) {
		c->st.read = run->nin;
		c->st.rejected = run->nrej;
	}
	if (c->orders != NULL)
		stats_retention(&c->st, &c->ord, c->window * 86400LL, order_ref(c), &r);
	if (c->report) {
		write_report(c, c->orders != NULL ? &r : NULL);
		return 0;
	}
	switch (c->table) {
	case T_GROUPS:
		write_groups(c, &run->out);
		break;
	case T_RETENTION:
		write_retention(c, &run->out, &r);
		break;
	case T_COHORTS:
		write_cohorts(c, &run->out);
		break;
	case T_ALERTS:
		write_alerts(c, &run->out);
		break;
	}
	return 0;
}

static const struct tool tool = {
	"cs-stats",
	"[--partial | --merge | --report] [--by FIELD[,FIELD]] "
	    "[--period day|week|month] [--orders FILE] [option ...] [FILE ...]",
	"Count complaints and measure reply and resolution times, SLA, "
	    "backlog and retention.",
	help,
	options,
	"",
	cols,
	C_NCOLS,
	0,
	option,
	init,
	start,
	row,
	finish
};

int
main(int argc, char **argv)
{
	struct ctx c;
	int rc;

	memset(&c, 0, sizeof c);
	stats_init(&c.st);
	stats_orders_init(&c.ord);
	c.sla_res = 8 * 3600;
	c.sla_reply = 24 * 3600;
	c.window = 90;
	c.alert_n = 3;
	c.alert_days = 30;
	rc = cli_main(&tool, &c, argc, argv);
	stats_free(&c.st);
	stats_orders_free(&c.ord);
	free(c.by);
	free(c.bycol);
	free(c.key);
	return rc;
}
