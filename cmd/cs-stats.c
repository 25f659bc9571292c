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
#include <time.h>

#include "io/cell.h"
#include "io/cli.h"
#include "io/cols.h"
#include "io/csvin.h"
#include "io/diag.h"
#include "io/money.h"
#include "io/out.h"
#include "stats/stats.h"
#include "stats/stats_html.h"
#include "stats/stats_orders.h"
#include "stats/stats_report.h"
#include "io/timeparse.h"

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

/* The buyer and time columns of an orders file. */
static const struct colspec order_cols[2] = {
	{ "buyer", "买家会员名|买家|买家昵称|买家账号|买家ID|客户|会员名|buyer|customer" },
	{ "time", "订单创建时间|下单时间|订单付款时间|付款时间|创建时间|成交时间|"
	    "order_time|ordered_at|created|created_at|time|date" },
};

enum table { T_GROUPS, T_RETENTION, T_COHORTS, T_ALERTS };

/*
 * The first field of a state's header: its format and version.  Version 2
 * ends with a record "end,,N,CHECKSUM," sealing the N records before it;
 * version 3 adds each group's buyers ("gb") and tickets without one.
 */
#define PARTIAL_MAGIC "cs-stats-partial-3"
#define PARTIAL_MAGIC_PREFIX "cs-stats-partial-"

/* The period label of a day, remembered. */
struct day_label {
	long day;		/* the day (days since the epoch) */
	char label[16];		/* its label; "" when the slot is empty */
};

/*
 * Remembered answers about cells: exports repeat the same few words
 * (已解决 and 处理中 take turns), so a few entries answer nearly every row.
 */
#define MEMO_N 4

struct memo {
	struct {
		char s[64];	/* the cell */
		size_t n;	/* its length; 0 when nothing is remembered */
		int v;		/* the answer */
	} e[MEMO_N];
	unsigned next;		/* the entry to replace next */
};

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
	int html;		/* -f html: the report as one HTML page */
	int partial;		/* --partial */
	int merge;		/* --merge */
	enum table table;	/* --table */
	int has_today;		/* --today given */
	long long today;	/* its instant (end of the day for a date) */
	int today_date;		/* --today was a date without a time */
	long long sla_res;	/* --sla-resolve, seconds */
	long long sla_reply;	/* --sla-reply, seconds */
	const char *orders;	/* --orders FILE */
	long window;		/* --window, days */
	long alert_n;		/* --alert */
	long alert_days;	/* --alert-window, days */
	/* Per input. */
	long *bycol;		/* field index of each --by name */
	int started;		/* a header was seen */
	int reviews;		/* the input is a review file: by category */
	/* The state being merged. */
	struct stats_seal seal;	/* its records so far */
	int sealed;		/* its end record was read */
	int in_state;		/* a state is being read */
	int nsealed;		/* states read to their end record */
	int argc;		/* main()'s: the operands are from optind on */
	const char *state_file;	/* its display name */
	long state_line;	/* its last line read */
	char *key;		/* key being built */
	size_t keycap;		/* its size */
	/* The last outcome and category words and what they said. */
	struct memo outcome_memo; /* stats_parse_outcome() */
	struct memo flag_memo;	/* stats_parse_flag() */
	struct memo quality_memo; /* stats_is_quality() */
	struct day_label labels[64]; /* period labels of recent days */
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
"      --report                print a plain-text report (for cron mail);\n"
"                              with -f html one self-contained HTML page\n"
"                              with charts (-f html alone implies it)\n"
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

	/* strtok_r() cuts ARG: keep it whole for titles and states. */
	free(c->byarg);
	if ((c->byarg = strdup(arg)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	c->nby = 0;
	for (p = strtok_r(arg, ",", &save); p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		if ((c->by = realloc(c->by, (c->nby + 1) * sizeof *c->by)) ==
		    NULL)
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
		cs_warnx(
		    "--period: expected day, week or month, got '%s'", arg);
		return -1;
	}
	return 0;
}

static int
parse_table(struct ctx *c, const char *arg)
{
	static const char *const names[] = { "groups", "retention", "cohorts",
		"alerts" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			c->table = (enum table)i;
			return 0;
		}
	cs_warnx(
	    "--table: expected groups, retention, cohorts or alerts, got '%s'",
	    arg);
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
	c->today_date = !t.has_time;
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
	case 'f':	/* -f html: the one format of the driver's we add */
		c->html = 1;
		c->report = 1;
		return 0;
	case OPT_ALERT:
		return parse_long(arg, 1, 1000000, &c->alert_n)
		    ? bad_value(
			  "--alert", arg, "a whole number of complaints >= 1")
		    : 0;
	case OPT_ALERT_WINDOW:
		return parse_long(arg, 1, 36500, &c->alert_days)
		    ? bad_value("--alert-window", arg, "a number of days >= 1")
		    : 0;
	case OPT_BY:
		return split_by(c, (char *)arg);
	case OPT_COMPARE:
		c->compare = 1;
		return 0;
	case OPT_MERGE:
		c->merge = 1;
		run->any_header = 1;	/* states, not ticket logs */
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
		return parse_hours(arg, &c->sla_reply)
		    ? bad_value("--sla-reply", arg, "a number of hours > 0")
		    : 0;
	case OPT_SLA_RESOLVE:
		return parse_hours(arg, &c->sla_res)
		    ? bad_value("--sla-resolve", arg, "a number of hours > 0")
		    : 0;
	case OPT_TABLE:
		return parse_table(c, arg);
	case OPT_TODAY:
		return parse_today(c, arg);
	case OPT_WINDOW:
		return parse_long(arg, 1, 36500, &c->window)
		    ? bad_value("--window", arg, "a number of days >= 1")
		    : 0;
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

/* Report a bad order line: WHAT, then 'S' unless S is NULL. */
static void
order_warn(struct ctx *c, long line, const char *what, const char *s, size_t n)
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
	struct ctx *c = vctx;
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
	stats_orders_add(&c->ord, b, bn, t.t);
	return 0;
}

static int
read_orders(struct ctx *c)
{
	struct csvin_opts o = { ',', 0, NULL, 0 };

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
	if (c->orders != NULL && !c->partial)
		return read_orders(c) == CS_FATAL ? CS_FATAL : 0;
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
		if (strcmp(name, cols[i].name) == 0)
			return run->col[i] >= 0 ? run->col[i] : -2 - (long)i;
	if (run->hdr != NULL)
		k = cols_find(name, run->hdr, run->hlen, run->nhdr);
	if (k < 0 && parse_long(name, 1, (long)run->width, &k) == 0)
		k--;
	return k;
}

/* Non-zero (after a message) when the state read last had no end record. */
static int
state_cut_short(struct ctx *c)
{
	if (!c->in_state || c->sealed)
		return 0;
	cs_warnx_at(c->state_file, c->state_line, "partial state ends without "
	    "its end record: cut short, not merged");
	return 1;
}

static int
start_merge(struct ctx *c, struct run *run)
{
	if (state_cut_short(c))
		return CS_FATAL;
	if (run->hdr != NULL && run->nhdr == 5 &&
	    strncmp(run->hdr[0], PARTIAL_MAGIC_PREFIX,
	    strlen(PARTIAL_MAGIC_PREFIX)) == 0 &&
	    strcmp(run->hdr[0], PARTIAL_MAGIC) != 0) {
		cs_warnx_at(run->file, 0, "partial state of another version "
		    "('%s', this cs-stats reads '%s'): make it again with "
		    "--partial", run->hdr[0], PARTIAL_MAGIC);
		return CS_FATAL;
	}
	if (run->hdr == NULL || run->nhdr != 5 ||
	    strcmp(run->hdr[0], PARTIAL_MAGIC) != 0) {
		cs_warnx_at(run->file, 0, "not a cs-stats partial state "
		    "(write one with --partial)");
		return CS_FATAL;
	}
	return 0;
}

/*
 * The first record of each state begins its seal (the driver calls
 * start() for the first input only).  0, or -1 after a message when the
 * state before was cut short.
 */
static int
state_begin(struct ctx *c, struct run *run)
{
	if (c->in_state && c->state_file == run->file)
		return 0;
	if (state_cut_short(c))
		return -1;
	stats_seal_init(&c->seal);
	c->sealed = 0;
	c->in_state = 1;
	c->state_file = run->file;
	return 0;
}

static int
start(void *vctx, struct run *run)
{
	struct ctx *c = vctx;
	size_t i;

	c->started = 1;
	if (c->merge)
		return start_merge(c, run);
	if ((c->bycol = calloc(c->nby + 1, sizeof *c->bycol)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < c->nby; i++) {
		long k = by_column(run, c->by[i]);

		if (k <= -2) {
			cols_missing(&cols[-2 - k], run->file);
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
	    run->col[C_REPLY] < 0 && !c->compare &&
	    run->col[C_RESOLVED] < 0 && run->col[C_OUTCOME] < 0 &&
	    !c->report && !c->html && c->table == T_GROUPS && !c->partial;
	for (i = 0; c->reviews && i < c->nby; i++)
		if (c->bycol[i] == run->col[C_CATEGORY])
			c->reviews = 2;	/* --by names the category already */
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
		run_reject(run, "cannot parse %s time '%.*s'", cols[col].name,
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
latest_allowed(const struct ctx *c)
{
	return (c->has_today ? c->today : (long long)time(NULL)) + 366 * 86400LL;
}

static int
read_times(struct ctx *c, struct run *run, const struct record *r,
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
read_flags(struct ctx *c, struct run *run, const struct record *r,
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
group_key(struct ctx *c, const struct run *run, const struct record *r,
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
		run_reject(run,
		    "duplicate ticket id '%.*s' (first at line %ld)", (int)n, s,
		    seen->line);
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

/* --- partial state ------------------------------------------------------- */

/* Where a state is written, and its seal. */
struct state_out {
	struct out o;		/* the writer */
	struct stats_seal seal;	/* the records written */
};

static void
emit_record(void *vctx, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	struct state_out *so = vctx;
	struct out *o = &so->o;

	stats_seal_add(&so->seal, sec, key, klen, name, value, count);
	out_str(o, sec);
	out_field(o, key, klen);
	out_str(o, name);
	out_str(o, value);
	out_str(o, count);
	out_end(o);
}

static void
write_partial(struct ctx *c, struct run *run)
{
	static const char *const hdr[] = { PARTIAL_MAGIC, "key", "name",
		"value", "count" };
	struct state_out so;
	char v[32], h[17];

	out_init(&so.o, stdout, OUT_CSV, 0);
	stats_seal_init(&so.seal);
	stats_out_header(&so.o, hdr, 5);
	emit_record(&so, "opt", "", 0, "by", c->nby ? c->byarg : "", "");
	emit_record(
	    &so, "opt", "", 0, "period", stats_period_name(c->period), "");
	snprintf(v, sizeof v, "%lld", c->sla_res);
	emit_record(&so, "opt", "", 0, "quick", v, "");
	if (!c->merge) {
		c->st.read = run->nin + run->nblank;
		c->st.rejected = run->nrej;
	}
	stats_emit(&c->st, emit_record, &so);
	/* The end record: how many records came before it, and their checksum. */
	snprintf(v, sizeof v, "%llu", so.seal.n);
	out_str(&so.o, "end");
	out_str(&so.o, "");
	out_str(&so.o, v);
	out_str(&so.o, stats_seal_hex(&so.seal, h));
	out_str(&so.o, "");
	out_end(&so.o);
	out_free(&so.o);
}

static int
merge_opt(struct ctx *c, struct run *run, const char *name, const char *value)
{
	char v[32];
	const char *want;

	if (strcmp(name, "by") == 0)
		want = c->nby ? c->byarg : "";
	else if (strcmp(name, "period") == 0)
		want = stats_period_name(c->period);
	else if (strcmp(name, "quick") == 0) {
		snprintf(v, sizeof v, "%lld", c->sla_res);
		want = v;
	} else
		return run_reject(
		    run, "unknown option '%s' in partial state", name);
	if (strcmp(value, want) == 0)
		return ROW_OUT;
	cs_warnx_at(run->file, run->line,
	    "partial state was made with --%s '%s', "
	    "not '%s': use the same --by, --period and --sla-resolve",
	    strcmp(name, "quick") == 0 ? "sla-resolve (seconds)" : name, value,
	    want);
	run->status = CS_FATAL;
	run->stop = 1;
	return ROW_REJECT;
}

/* A state that cannot be merged: MSG at FILE:LINE, and stop with status 2. */
static int
state_error(struct run *run, const char *msg)
{
	cs_warnx_at(run->file, run->line, "%s", msg);
	run->status = CS_FATAL;
	run->stop = 1;
	return ROW_REJECT;
}

static int
merge_row(struct ctx *c, struct run *run, const struct record *r)
{
	char h[17], n[32];
	int rc;

	if (state_begin(c, run) != 0) {
		run->status = CS_FATAL;
		run->stop = 1;
		return ROW_REJECT;
	}
	c->state_line = run->line;
	if (c->sealed)
		return state_error(run, "a record after the end record");
	if (strcmp(r->f[0], "end") == 0) {
		snprintf(n, sizeof n, "%llu", c->seal.n);
		if (strcmp(r->f[2], n) != 0)
			return state_error(run, "the end record counts records "
			    "that are not there: cut short or altered");
		if (strcmp(r->f[3], stats_seal_hex(&c->seal, h)) != 0)
			return state_error(run, "the checksum does not match: "
			    "the state was altered");
		c->sealed = 1;
		c->nsealed++;
		return ROW_SKIP;
	}
	stats_seal_add(&c->seal, r->f[0], r->f[1], r->len[1], r->f[2], r->f[3],
	    r->f[4]);
	if (strcmp(r->f[0], "opt") == 0)
		return merge_opt(c, run, r->f[2], r->f[3]);
	rc = stats_absorb(&c->st, r->f[0], r->f[1], r->len[1], r->f[2], r->f[3],
	    r->f[4]);
	if (rc < 0)
		return state_error(run, "bad partial state record (not one "
		    "cs-stats writes, or a value out of range)");
	if (rc > 0)
		run_warn(run,
		    "duplicate ticket id '%s' in another partial state "
		    "(counted twice)",
		    r->f[1]);
	return ROW_OUT;
}

/* --- finish ---------------------------------------------------------------- */

/* The reference time for retention: --today, or the latest order. */
static long long
order_ref(const struct ctx *c)
{
	if (c->has_today)
		return c->today;
	return c->ord.has_latest ? c->ord.latest : 0;
}

static void
make_view(struct ctx *c, const struct run *run, struct stats_view *v)
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

static int
finish(void *vctx, struct run *run)
{
	struct ctx *c = vctx;
	struct stats_retention r;
	struct stats_view v;

	if (c->merge && state_cut_short(c))
		return CS_FATAL;
	if (c->merge && c->nsealed < (c->argc > optind ? c->argc - optind : 1)) {
		int n = c->argc > optind ? c->argc - optind : 1;

		cs_warnx("%d of the %d partial states hold no records, not even "
		    "their end record: cut short, not merged", n - c->nsealed, n);
		return CS_FATAL;
	}
	if (c->partial) {
		write_partial(c, run);
		return 0;
	}
	if (!c->merge) {
		c->st.read = run->nin + run->nblank;
		c->st.rejected = run->nrej;
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
	finish,
	"html", "tickets resolved open iceberg prev_tickets change reviews buyers retained pending complaints quality_total %s_pct %s_h %s_n"
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
	c.argc = argc;
	rc = cli_main(&tool, &c, argc, argv);
	stats_free(&c.st);
	stats_orders_free(&c.ord);
	free(c.by);
	free(c.byarg);
	free(c.bycol);
	free(c.key);
	return rc;
}
