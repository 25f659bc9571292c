#ifndef CS_DEST_H
#define CS_DEST_H

/*
 * Where a parcel goes, as the order exports cs-shipcost and cs-eta read
 * say it: the address, province and carrier columns, the province of a
 * row, and a carrier named in a cell.
 *
 * CONTRACT (implementation in lib/addr/dest.c):
 * - DEST_*_ALIASES are the header names (colspec aliases, cols.h) of the
 *   three columns, the same for every tool that reads a destination.
 * - dest_resolve() takes the province column when it has a value, else
 *   the address column, and resolves it with region_resolve().
 * - struct dest_carriers holds the carriers a rate card or transit table
 *   names; dest_carrier() is the one carrier-name lookup: the longest of the
 *   known names that the cell starts with (顺丰速运 is 顺丰).
 */

#include <stddef.h>

#include "io/cli.h"
#include "addr/region.h"

#define DEST_ADDRESS_ALIASES "收货地址|收件地址|收件人地址|收货人地址|" \
	"详细地址|地址|address|shipping_address|ship_address|" \
	"delivery_address|addr"
#define DEST_PROVINCE_ALIASES "省|省份|收货省份|收件省份|所在省份|所在地区|" \
	"province|state|region"
#define DEST_CARRIER_ALIASES "物流公司|快递公司|承运商|快递|carrier|courier|" \
	"express"

/* dest_resolve(): the row has neither a province nor an address. */
#define DEST_NONE (-1)

/*
 * Resolve the destination of row R from its columns IPROV and IADDR
 * (indices into the run's colspecs) into RES.  Returns DEST_NONE when
 * both are missing or empty, else region_resolve()'s status; when WARN,
 * REGION_AMBIGUOUS and REGION_UNKNOWN have been reported with
 * run_warn(), naming the text (at most 120 bytes of it).
 */
int dest_resolve(const struct region_db *db, struct run *run,
    const struct record *r, int iprov, int iaddr, struct region_result *res,
    int warn);

/* The carriers a data file names, in the order it names them. */
#define DEST_MAX_CARRIERS 64

struct dest_carriers {
	char *name[DEST_MAX_CARRIERS]; /* the names, none empty */
	size_t len[DEST_MAX_CARRIERS]; /* their lengths */
	int n;			/* how many */
};

/*
 * Index of carrier NAME (not empty) in CS, added when new; -1 when CS
 * already holds DEST_MAX_CARRIERS others.
 */
int dest_carrier_add(struct dest_carriers *cs, const char *name);

/*
 * Index of the carrier NAME[0..LEN) stands for: the longest name of CS
 * it starts with, the first of equally long ones; -1 when there is none.
 */
int dest_carrier(const struct dest_carriers *cs, const char *name,
    size_t len);

/* Free the names of CS (it is left empty). */
void dest_carriers_free(struct dest_carriers *cs);

#endif
