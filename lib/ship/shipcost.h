#ifndef CS_SHIPCOST_H
#define CS_SHIPCOST_H

/*
 * cs-shipcost's logic: one order row in, region/tier/fee/status out.
 * cmd/cs-shipcost.c only parses options and hands this to the driver.
 */

#include "io/cli.h"
#include "ship/rates.h"
#include "addr/region.h"
#include "ship/weights.h"

/* Indices into shipcost_columns[]. */
enum {
	SC_ADDRESS, SC_PROVINCE, SC_WEIGHT, SC_LENGTH, SC_WIDTH, SC_HEIGHT,
	SC_AMOUNT, SC_CARRIER, SC_TITLE, SC_SKU, SC_QUANTITY, SC_NCOLS
};

extern const struct colspec shipcost_columns[SC_NCOLS];

struct shipcost {
	/* Options. */
	const char *opt_carrier; /* --carrier */
	int explain;		/* --explain */
	const char *gazetteer;	/* --gazetteer */
	const char *rates_path;	/* --rates */
	const char *weights_path; /* --weights */
	long long fixed_g;	/* --weight in grams, -1 when not given */
	/* Loaded data. */
	struct region_db *db;	/* gazetteer */
	struct rate_card *card;	/* rate card */
	struct weights *weights; /* --weights table, or NULL */
	int carrier;		/* --carrier's index, or -1 */
	long long weight_unit;	/* grams per unit of the weight column */
	int no_weight_source;	/* this input: no weight column, --weight or --weights */
	int any_no_source;	/* some input had none */
	int per_carrier;	/* the row's carrier chooses its rates (--rates) */
	/* Output slots. */
	int s_region, s_tier, s_kg, s_fee, s_status, s_explain;
};

/* Set the defaults before options are parsed. */
void shipcost_defaults(struct shipcost *sc);

/* --weight KG: 0, or -1 after a message. */
int shipcost_set_weight(struct shipcost *sc, const char *arg);

/* Load the gazetteer, rate card and weights; 0 or CS_FATAL. */
int shipcost_init(struct shipcost *sc);

/* After the header: check the columns, add the output columns; 0 or CS_FATAL. */
int shipcost_start(struct shipcost *sc, struct run *run);

/* Price one row; returns an enum row_result. */
int shipcost_row(struct shipcost *sc, struct run *run, const struct record *r);

/* After all input: CS_ROWS when nothing could be priced for want of weights, else 0. */
int shipcost_finish(struct shipcost *sc);

/* Free what SC loaded. */
void shipcost_free(struct shipcost *sc);

#endif
