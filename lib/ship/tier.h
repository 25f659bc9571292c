#ifndef CS_TIER_H
#define CS_TIER_H

/*
 * Shipping tiers of the province-level divisions (001 §2.5, §2.8):
 * jzh (江浙沪), standard (other mainland), remote (偏远地区), unserved (Hong
 * Kong, Macau, Taiwan, abroad).  The default assignment is data/tiers.csv
 * (compiled in); a rate card may assign provinces differently.
 */

#include "addr/region.h"

enum tier {
	TIER_JZH,
	TIER_STANDARD,
	TIER_REMOTE,
	TIER_UNSERVED,
	TIER_COUNT
};

/* "jzh", "standard", "remote", "unserved". */
const char *tier_name(int tier);

/* The tier called NAME (also 江浙沪, 其他地区, 偏远地区, 不发货), or -1. */
int tier_parse(const char *name);

/*
 * The default tier of province P of DB (from data/tiers.csv), or
 * TIER_STANDARD for a province the file does not name.  P = -1 (abroad)
 * gives TIER_UNSERVED.
 */
int tier_default(const struct region_db *db, int p);

#endif
