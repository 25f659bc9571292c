/*
 * cs-shipcost: the shipping fee of each order, from the region tier of its
 * address and its weight, by the shop's rate card (001 §2.8).
 *
 * Appends region, tier, chargeable_kg, fee and status (and explain).
 * Remote and unserved rows are never priced by guess: the fee stays empty
 * and status says why.
 */

#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/diag.h"
#include "ship/shipcost.h"

enum {
	OPT_CARRIER = CLI_TOOL_OPT,
	OPT_EXPLAIN,
	OPT_GAZETTEER,
	OPT_RATES,
	OPT_WEIGHT,
	OPT_WEIGHTS
};

static const struct option options[] = {
	{ "carrier", required_argument, NULL, OPT_CARRIER },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "gazetteer", required_argument, NULL, OPT_GAZETTEER },
	{ "rates", required_argument, NULL, OPT_RATES },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
"      --carrier NAME    price every row with carrier NAME of the rate card\n"
"                        (default: the row's 物流公司 column, else the card's\n"
"                        first carrier)\n"
"      --explain         add a column 'explain' saying how each fee was computed\n"
"      --gazetteer FILE  use FILE instead of the embedded division list\n"
"      --rates FILE      use the rate card FILE instead of the embedded one\n"
"      --weight KG       weight of every row, ignoring weight columns\n"
"      --weights FILE    product title or SKU -> kg, for exports without weights\n"
"\n"
"Appended columns: region, tier (jzh, standard, remote, unserved),\n"
"chargeable_kg, fee (yuan), status (ok, free, quote, unserved,\n"
"unknown_region, no_weight, bad_weight, no_rate).\n";

static int
option(void *ctx, struct run *run, int c, const char *arg)
{
	struct shipcost *sc = ctx;

	(void)run;
	switch (c) {
	case OPT_CARRIER:
		sc->opt_carrier = arg;
		return 0;
	case OPT_EXPLAIN:
		sc->explain = 1;
		return 0;
	case OPT_GAZETTEER:
		sc->gazetteer = arg;
		return 0;
	case OPT_RATES:
		sc->rates_path = arg;
		return 0;
	case OPT_WEIGHT:
		return shipcost_set_weight(sc, arg);
	case OPT_WEIGHTS:
		sc->weights_path = arg;
		return 0;
	}
	return -1;
}

static int
init(void *ctx, struct run *run)
{
	(void)run;
	return shipcost_init(ctx);
}

static int
start(void *ctx, struct run *run)
{
	return shipcost_start(ctx, run);
}

static int
row(void *ctx, struct run *run, const struct record *r)
{
	return shipcost_row(ctx, run, r);
}

static int
finish(void *ctx, struct run *run)
{
	(void)run;
	return shipcost_finish(ctx);
}

static const struct tool tool = {
	.name = "cs-shipcost",
	.synopsis = "[--explain] [--carrier NAME] [--rates FILE] [--weight KG | --weights FILE] [OPTION]... [FILE]...",
	.summary = "Shipping fee per order from the region tier of its address and its weight.",
	.help = help,
	.options = options,
	.shortopts = "",
	.cols = shipcost_columns,
	.ncols = SC_NCOLS,
	.option = option,
	.init = init,
	.start = start,
	.row = row,
	.numbers = "chargeable_kg fee",
	.finish = finish,
};

int
main(int argc, char **argv)
{
	struct shipcost sc;
	int status;

	shipcost_defaults(&sc);
	status = cli_main(&tool, &sc, argc, argv);
	shipcost_free(&sc);
	return status;
}
