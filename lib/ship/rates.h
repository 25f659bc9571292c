#ifndef CS_RATES_H
#define CS_RATES_H

/*
 * Rate cards and fee computation (001 §2.8 运费说明).
 *
 * A rate card is CSV (data/rates.csv is the embedded default):
 *
 *   carrier,zone,first_kg,first_price,step_kg,step_price,rounding,divisor,free_over
 *
 * zone is a tier (jzh, standard, remote, unserved, or 江浙沪 …) or a
 * province (浙江, 新疆维吾尔自治区 …); a province row overrides its tier's
 * row.  Empty prices mean "quoted separately" (另算).  rounding is up (to
 * the next whole step, the default), half (to the nearest step) or none
 * (the further weight is charged pro rata).  divisor is the volumetric
 * divisor in cm³ per kg (empty: no volumetric weight).  free_over is the
 * free-shipping threshold in yuan for that zone (满 X 元包邮); a zone
 * without it is excluded from free shipping.  The first carrier listed is
 * the default.
 *
 * Weights are integer grams and money integer fen throughout.
 */

#include "addr/region.h"
#include "ship/tier.h"

/* Weights above this are rejected as absurd for a parcel. */
#define RATES_MAX_GRAMS (1000LL * 1000)

/*
 * Prices above this (1,000,000 yuan) are rejected in a rate card, so that
 * no fee of a parcel up to RATES_MAX_GRAMS can overflow.
 */
#define RATES_MAX_FEN (100LL * 1000 * 1000)

enum rate_rounding { ROUND_UP, ROUND_HALF, ROUND_NONE };

struct rate_rule {
	int carrier;		/* index into the card's carriers */
	int tier;		/* enum tier, or -1 for a province rule */
	int province;		/* region index, or -1 for a tier rule */
	int quote;		/* no prices: quoted separately */
	long long first_g;	/* first weight, grams */
	long long first_fen;	/* price of the first weight */
	long long step_g;	/* each further step, grams */
	long long step_fen;	/* price of each further step */
	int rounding;		/* enum rate_rounding */
	long long divisor;	/* cm³ per kg, 0 = no volumetric weight */
	long long free_over;	/* free shipping from this amount (fen), -1 none */
};

struct rate_card;

/*
 * Load a rate card from PATH (NULL: the embedded data/rates.csv), naming
 * provinces through DB.  Returns NULL after printing FILE:LINE errors.
 */
struct rate_card *rates_load(const char *path, const struct region_db *db);

/* Non-zero when a rule of carrier C (-1: any) has a free-shipping threshold. */
int rates_has_free(const struct rate_card *card, int c);

/* Free CARD. */
void rates_free(struct rate_card *card);

/*
 * Index of the carrier NAME: the longest carrier name NAME starts with, so
 * "圆通速递" is 圆通 and "中通快运" is 中通快运 when both are listed; -1 if none.
 */
int rates_carrier(const struct rate_card *card, const char *name, size_t len);

/* Name of carrier C. */
const char *rates_carrier_name(const struct rate_card *card, int c);

/* Tier of province P (-1: abroad) under CARD: its own assignment or the default. */
int rates_tier(const struct rate_card *card, int p);

/* The rule for carrier C and province P (-1: abroad), or NULL when none applies. */
const struct rate_rule *rates_rule(const struct rate_card *card, int c, int p);

enum fee_status {
	FEE_OK,		/* priced */
	FEE_FREE,	/* free shipping threshold reached */
	FEE_QUOTE,	/* the rule has no prices */
	FEE_TOO_HEAVY,	/* the chargeable (volumetric) weight is over RATES_MAX_GRAMS */
	FEE_OVERFLOW	/* the fee does not fit (no fee is set) */
};

struct fee {
	int status;		/* enum fee_status */
	long long charged_g;	/* chargeable weight, grams */
	long long fen;		/* fee */
	int volumetric;		/* the volumetric weight was used */
};

/*
 * Price WEIGHT_G (actual, > 0) with volume VOL_MM3 (0: unknown) and order
 * amount AMOUNT_FEN (-1: unknown) under RULE.  Fills F; returns F->status.
 * Every sum and product is checked: FEE_OVERFLOW rather than a wrong fee.
 */
int rates_fee(const struct rate_rule *rule, long long weight_g,
    long long vol_mm3, long long amount_fen, struct fee *f);

/* Describe how F was computed from RULE into BUF (for --explain). */
void rates_explain(const struct rate_rule *rule, long long weight_g,
    const struct fee *f, char *buf, size_t size);

#endif
