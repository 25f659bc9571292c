/*
 * cs-stats: complaint, SLA and retention statistics over an after-sales or
 * complaint log (or cs-reviewsort's output), as a csv/tsv/json table or a
 * plain-text report for cron mail.  --partial writes a mergeable state and
 * --merge combines such states into exactly the result of one run.
 */

#include <getopt.h>
#include <string.h>

#include "io/cli.h"
#include "io/diag.h"
#include "io/money.h"
#include "stats/job.h"

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
bad_value(const char *opt, const char *arg, const char *what)
{
	cs_warnx("%s: expected %s, got '%s'", opt, what, arg);
	return -1;
}

static int
option(void *vctx, struct run *run, int ch, const char *arg)
{
	struct stats_job *c = vctx;

	switch (ch) {
	case 'f':	/* -f html: the one format of the driver's we add */
		c->html = 1;
		c->report = 1;
		return 0;
	case OPT_ALERT:
		return cli_parse_long(arg, 1, 1000000, &c->alert_n)
		    ? bad_value(
			  "--alert", arg, "a whole number of complaints >= 1")
		    : 0;
	case OPT_ALERT_WINDOW:
		return cli_parse_long(arg, 1, 36500, &c->alert_days)
		    ? bad_value("--alert-window", arg, "a number of days >= 1")
		    : 0;
	case OPT_BY:
		return stats_job_by(c, (char *)arg);
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
		return stats_job_period(c, arg);
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
		return stats_job_table(c, arg);
	case OPT_TODAY:
		return stats_job_today(c, arg);
	case OPT_WINDOW:
		return cli_parse_long(arg, 1, 36500, &c->window)
		    ? bad_value("--window", arg, "a number of days >= 1")
		    : 0;
	}
	return -1;
}

/* The driver's hooks: lib/stats/job.h does the work. */
static int
init(void *ctx, struct run *run)
{
	struct stats_job *j = ctx;

	/* With --merge each operand is a state (none: stdin). */
	if (j->argc > optind)
		j->nstates = j->argc - optind;
	return stats_job_check(j, run);
}

static int
start(void *ctx, struct run *run)
{
	return stats_job_start(ctx, run);
}

static int
row(void *ctx, struct run *run, const struct record *r)
{
	return stats_job_row(ctx, run, r);
}

static int
finish(void *ctx, struct run *run)
{
	return stats_job_finish(ctx, run);
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
	stats_job_cols,
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
	struct stats_job j;
	int rc;

	stats_job_init(&j);
	j.argc = argc;
	rc = cli_main(&tool, &j, argc, argv);
	stats_job_free(&j);
	return rc;
}
