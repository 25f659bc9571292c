/*
 * cs-eta: delivery estimates for shipped orders (001 §2.5: 江浙沪 1-2
 * days, other mainland 3-5, remote 5-7), with the parcels overdue as of
 * --today and the orders whose automatic receipt confirmation the
 * after-sales agent must extend (002: 主动延长收货时间).  Unshipped orders
 * count from their payment or order time plus the shop's dispatch time.
 * The logic is in lib/eta/eta.c, the calendar in lib/eta/calendar.c.
 */

#include <stdio.h>
#include <string.h>

#include "io/cli.h"
#include "io/diag.h"
#include "eta/eta.h"

enum {
	OPT_AUTO_CONFIRM = CLI_TOOL_OPT,
	OPT_CARRIER,
	OPT_CUTOFF,
	OPT_DELAY,
	OPT_DISPATCH,
	OPT_EVERY_DAY,
	OPT_EXTEND_MARGIN,
	OPT_GAZETTEER,
	OPT_HOLIDAYS,
	OPT_OVERDUE,
	OPT_STATUSES,
	OPT_TODAY,
	OPT_TRANSIT
};

static const struct option long_options[] = {
	{ "auto-confirm-days", required_argument, NULL, OPT_AUTO_CONFIRM },
	{ "carrier", required_argument, NULL, OPT_CARRIER },
	{ "cutoff", required_argument, NULL, OPT_CUTOFF },
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ "dispatch", required_argument, NULL, OPT_DISPATCH },
	{ "dispatch-every-day", no_argument, NULL, OPT_EVERY_DAY },
	{ "extend-margin", required_argument, NULL, OPT_EXTEND_MARGIN },
	{ "gazetteer", required_argument, NULL, OPT_GAZETTEER },
	{ "holidays", required_argument, NULL, OPT_HOLIDAYS },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "statuses", required_argument, NULL, OPT_STATUSES },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "transit", required_argument, NULL, OPT_TRANSIT },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
"      --auto-confirm-days N    the platform confirms receipt N days after\n"
"                               shipping (default 10)\n"
"      --carrier NAME           carrier of rows without a 物流公司 column\n"
"                               or value\n"
"      --cutoff HH:MM           parcels handed over at or after this count\n"
"                               from the next day (default 16:00)\n"
"      --delay REGION=DAYS      add DAYS for a province, a tier or 'all'\n"
"                               (rain, snow, closed roads); repeatable\n"
"      --dispatch HOURS         unshipped orders are handed over this long\n"
"                               after payment (default 48; also 2d, 90m)\n"
"      --dispatch-every-day     the shop hands parcels over on weekends and\n"
"                               holidays too (default: next working day)\n"
"      --extend-margin DAYS     flag extend_receipt when the latest estimate\n"
"                               is this close to auto-confirmation (default 2)\n"
"      --gazetteer FILE         replace the embedded gazetteer\n"
"      --holidays FILE          replace the embedded holidays, 调休 working\n"
"                               days and courier closures\n"
"      --overdue                keep only the follow-up list: overdue parcels\n"
"                               and paid orders past the dispatch promise\n"
"      --statuses FILE          replace the embedded order status wordings\n"
"      --today DATE             the day to judge against (default: today in\n"
"                               Asia/Shanghai)\n"
"      --transit FILE           replace the embedded transit table\n"
"\n"
"Columns read: shipped (发货时间, shipped_at ...) or else paid (付款时间,\n"
"paid_at ...) or created (订单创建时间, created_at ...); tier (from\n"
"cs-shipcost) or province/region or address (收货地址 ...); carrier\n"
"(物流公司; optional); delivered (签收时间; optional); order_status\n"
"(订单状态, 交易状态; optional).\n"
"Columns appended: eta_earliest, eta_latest, status (eta_status when the\n"
"input has a status column), days_late, extend_receipt, and hours_late\n"
"with an order status column.  status is in_transit, due_today, overdue or\n"
"delivered; cancelled, unpaid, awaiting_dispatch or dispatch_late from the\n"
"order status; unknown_region, unserved, no_transit, no_time or bad_time\n"
"for a row that cannot be estimated (with a diagnostic).\n";

static int
eta_option(void *ctx, struct run *run, int c, const char *arg)
{
	struct eta *e = ctx;

	(void)run;
	switch (c) {
	case OPT_AUTO_CONFIRM:
		if (eta_parse_days(arg, &e->rules.confirm_days) != 0 ||
		    e->rules.confirm_days == 0) {
			cs_warnx("--auto-confirm-days: expected a whole number of "
			    "days from 1 to %d, got '%s'", ETA_MAX_DAYS, arg);
			return -1;
		}
		return 0;
	case OPT_CARRIER:
		e->opt_carrier = arg;
		return 0;
	case OPT_CUTOFF:
		if (eta_parse_clock(arg, &e->rules.cutoff_s) != 0) {
			cs_warnx("--cutoff: expected a time of day HH:MM, got '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_DELAY:
		if (eta_add_delay(e, arg) != 0) {
			cs_warnx("--delay: expected REGION=DAYS with DAYS from 0 "
			    "to %d, got '%s'", ETA_MAX_DAYS, arg);
			return -1;
		}
		return 0;
	case OPT_DISPATCH:
		if (eta_parse_duration(arg, &e->rules.dispatch_s) != 0) {
			cs_warnx("--dispatch: expected hours (48, 48h, 2d) up to "
			    "30 days, got '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_EVERY_DAY:
		e->rules.every_day = 1;
		return 0;
	case OPT_EXTEND_MARGIN:
		if (eta_parse_days(arg, &e->rules.margin_days) != 0) {
			cs_warnx("--extend-margin: expected a whole number of days "
			    "from 0 to %d, got '%s'", ETA_MAX_DAYS, arg);
			return -1;
		}
		return 0;
	case OPT_GAZETTEER:
		e->gazetteer = arg;
		return 0;
	case OPT_HOLIDAYS:
		e->holidays = arg;
		return 0;
	case OPT_OVERDUE:
		e->overdue_only = 1;
		return 0;
	case OPT_STATUSES:
		e->statuses_path = arg;
		return 0;
	case OPT_TODAY:
		if (eta_parse_date(arg, &e->today) != 0) {
			cs_warnx("--today: expected a date such as 2026-11-23, got '%s'",
			    arg);
			return -1;
		}
		return 0;
	case OPT_TRANSIT:
		e->transit_path = arg;
		return 0;
	}
	return -1;
}

static int
eta_init_cb(void *ctx, struct run *run)
{
	(void)run;
	return eta_init(ctx);
}

static int
eta_start_cb(void *ctx, struct run *run)
{
	return eta_start(ctx, run);
}

static int
eta_row_cb(void *ctx, struct run *run, const struct record *r)
{
	return eta_row(ctx, run, r);
}

int
main(int argc, char **argv)
{
	static const struct tool tool = {
		.name = "cs-eta",
		.synopsis = "[--dispatch-every-day] [--overdue] [--auto-confirm-days N] "
		    "[--carrier NAME] [--cutoff HH:MM] [--delay REGION=DAYS]... "
		    "[--dispatch HOURS] [--extend-margin DAYS] [--holidays FILE] "
		    "[--statuses FILE] [--today DATE] [--transit FILE] [OPTION]... [FILE]...",
		.summary = "Estimate delivery dates, list overdue parcels and the "
		    "receipt windows to extend.",
		.help = help,
		.options = long_options,
		.shortopts = "",
		.cols = eta_columns,
		.ncols = ET_NCOLS,
		.option = eta_option,
		.init = eta_init_cb,
		.start = eta_start_cb,
		.row = eta_row_cb,
		.numbers = "days_late hours_late",
	};
	struct eta e;
	int rc;

	eta_defaults(&e);
	rc = cli_main(&tool, &e, argc, argv);
	eta_free(&e);
	return rc;
}
