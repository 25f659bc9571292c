#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "addr/dest.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/money.h"
#include "ship/rates.h"

struct rate_card {
	struct dest_carriers carriers; /* carrier names, in file order */
	struct rate_rule *rules; /* all rules, file order */
	size_t nrules, caprules; /* fill and size */
	const struct region_db *db; /* province names */
	int *tier_of;		/* default tier per province */
	int nprov;		/* provinces in db */
};

static const char *const columns[] = {
	"carrier", "zone", "first_kg", "first_price", "step_kg", "step_price",
	"rounding", "divisor", "free_over", NULL
};

static const struct datafile_kind rates_kind = {
	"rate card", "rates.csv", DATAFILE_MAX_RATES, columns
};

static int
carrier_index(struct rate_card *c, const char *name, struct datafile *df)
{
	int i;

	if ((i = dest_carrier_add(&c->carriers, name)) < 0)
		datafile_error(df, "more than %d carriers", DEST_MAX_CARRIERS);
	return i;
}

/*
 * Parse a positive decimal field into units of 10^-SCALE, at most MAX; 0,
 * or -1 (reported).
 */
static int
positive(struct datafile *df, const struct record *r, const char *col,
    int scale, long long max, long long *out)
{
	const char *s = datafile_get(df, r, col);

	if (decimal_parse(s, strlen(s), scale, 0, out) != 0 || *out <= 0) {
		datafile_error(df, "%s: expected a positive number, got '%s'", col,
		    datafile_quote(df, s));
		return -1;
	}
	if (*out > max) {
		datafile_error(df, "%s: '%s' is more than a parcel can have", col,
		    datafile_quote(df, s));
		return -1;
	}
	return 0;
}

/* Parse price field COL of R (from S) into *FEN, 0 .. RATES_MAX_FEN; 0 or -1 (reported). */
static int
price_field(struct datafile *df, const char *col, const char *s, long long *fen)
{
	if (money_parse(s, strlen(s), fen) != 0 || *fen < 0) {
		datafile_error(df, "%s: expected an amount in yuan, got '%s'", col,
		    datafile_quote(df, s));
		return -1;
	}
	if (*fen > RATES_MAX_FEN) {
		datafile_error(df, "%s: '%s' is over the 1000000.00 yuan a price "
		    "may be", col, datafile_quote(df, s));
		return -1;
	}
	return 0;
}

static int
parse_rounding(struct datafile *df, const char *s, int *out)
{
	if (*s == '\0' || strcmp(s, "up") == 0)
		*out = ROUND_UP;
	else if (strcmp(s, "half") == 0)
		*out = ROUND_HALF;
	else if (strcmp(s, "none") == 0)
		*out = ROUND_NONE;
	else {
		datafile_error(df, "rounding: expected up, half or none, got '%s'",
		    datafile_quote(df, s));
		return -1;
	}
	return 0;
}

/* zone: a tier name or a province. */
static int
parse_zone(struct rate_card *c, struct datafile *df, const char *zone,
    struct rate_rule *rule)
{
	rule->tier = tier_parse(zone);
	rule->province = -1;
	if (rule->tier >= 0)
		return 0;
	rule->province = region_lookup(c->db, zone);
	if (rule->province < 0) {
		datafile_error(df, "zone: '%s' is neither a tier (jzh, standard, "
		    "remote, unserved) nor a province", datafile_quote(df, zone));
		return -1;
	}
	return 0;
}

static int
parse_prices(struct datafile *df, const struct record *r, struct rate_rule *rule)
{
	const char *fp = datafile_get(df, r, "first_price");
	const char *sp = datafile_get(df, r, "step_price");
	const char *dv = datafile_get(df, r, "divisor");
	const char *fo = datafile_get(df, r, "free_over");

	rule->quote = *fp == '\0' && *sp == '\0';
	rule->free_over = -1;
	if (rule->quote)
		return 0;
	if (positive(df, r, "first_kg", 3, RATES_MAX_GRAMS, &rule->first_g) != 0 ||
	    positive(df, r, "step_kg", 3, RATES_MAX_GRAMS, &rule->step_g) != 0)
		return -1;
	if (price_field(df, "first_price", fp, &rule->first_fen) != 0 ||
	    price_field(df, "step_price", sp, &rule->step_fen) != 0)
		return -1;
	if (parse_rounding(df, datafile_get(df, r, "rounding"), &rule->rounding) != 0)
		return -1;
	if (*dv != '\0' && positive(df, r, "divisor", 0, 1000LL * 1000 * 1000,
	    &rule->divisor) != 0)
		return -1;
	if (*fo != '\0' && (money_parse(fo, strlen(fo), &rule->free_over) != 0 ||
	    rule->free_over < 0)) {
		datafile_error(df, "free_over: expected an amount in yuan, got '%s'",
		    datafile_quote(df, fo));
		return -1;
	}
	return 0;
}

static int
on_rule(void *ctx, struct datafile *df, const struct record *r)
{
	struct rate_card *c = ctx;
	struct rate_rule rule;
	char key[64], show[512];

	memset(&rule, 0, sizeof rule);
	if (*datafile_get(df, r, "carrier") == '\0') {
		datafile_error(df, "carrier: empty");
		return 0;
	}
	rule.carrier = carrier_index(c, datafile_get(df, r, "carrier"), df);
	if (rule.carrier < 0 || parse_zone(c, df, datafile_get(df, r, "zone"), &rule) != 0 ||
	    parse_prices(df, r, &rule) != 0)
		return 0;
	/* One line per carrier and zone, whichever name the zone goes by. */
	snprintf(key, sizeof key, "%d/%d/%d", rule.carrier, rule.tier, rule.province);
	snprintf(show, sizeof show, "%s,%s", datafile_get(df, r, "carrier"),
	    datafile_get(df, r, "zone"));
	if (datafile_key(df, "carrier and zone", key, strlen(key), show) != 0)
		return 0;
	if (c->nrules == c->caprules) {
		c->caprules = c->caprules ? 2 * c->caprules : 16;
		c->rules = xreallocarray(c->rules, c->caprules, sizeof *c->rules);
	}
	c->rules[c->nrules++] = rule;
	return 0;
}

struct rate_card *
rates_load(const char *path, const struct region_db *db)
{
	struct rate_card *c = xcalloc(1, sizeof *c);
	int p;

	c->db = db;
	c->nprov = region_count(db);
	c->tier_of = xcalloc((size_t)c->nprov + 1, sizeof *c->tier_of);
	for (p = 0; p < c->nprov; p++)
		c->tier_of[p] = tier_default(db, p);
	if (datafile_load(path, &rates_kind, on_rule, c) != 0) {
		rates_free(c);
		return NULL;
	}
	if (c->nrules == 0) {
		cs_warnx_at(path ? path : "rates.csv", 0, "no rates in the rate card");
		rates_free(c);
		return NULL;
	}
	return c;
}

int
rates_has_free(const struct rate_card *c, int carrier)
{
	size_t i;

	for (i = 0; i < c->nrules; i++)
		if (c->rules[i].free_over >= 0 &&
		    (carrier < 0 || c->rules[i].carrier == carrier))
			return 1;
	return 0;
}

void
rates_free(struct rate_card *c)
{
	if (c == NULL)
		return;
	dest_carriers_free(&c->carriers);
	free(c->rules);
	free(c->tier_of);
	free(c);
}

int
rates_carrier(const struct rate_card *c, const char *name, size_t len)
{
	return dest_carrier(&c->carriers, name, len);
}

const char *
rates_carrier_name(const struct rate_card *c, int i)
{
	return c->carriers.name[i];
}

int
rates_tier(const struct rate_card *c, int p)
{
	return p < 0 || p >= c->nprov ? TIER_UNSERVED : c->tier_of[p];
}

const struct rate_rule *
rates_rule(const struct rate_card *c, int carrier, int p)
{
	const struct rate_rule *by_tier = NULL;
	int tier = rates_tier(c, p);
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		const struct rate_rule *r = &c->rules[i];

		if (r->carrier != carrier)
			continue;
		if (p >= 0 && r->province == p)
			return r;
		if (r->province < 0 && r->tier == tier && by_tier == NULL)
			by_tier = r;
	}
	return by_tier;
}

/* Steps of STEP grams needed for EXTRA grams under ROUNDING. */
static long long
steps(long long extra, long long step, int rounding)
{
	if (rounding == ROUND_HALF)
		return (extra + step / 2) / step;
	return (extra + step - 1) / step;
}

/* No fee: the arithmetic overflowed. */
static int
fee_overflow(struct fee *f)
{
	f->fen = 0;
	return f->status = FEE_OVERFLOW;
}

int
rates_fee(const struct rate_rule *rule, long long weight_g, long long vol_mm3,
    long long amount_fen, struct fee *f)
{
	long long w = weight_g, extra;

	memset(f, 0, sizeof *f);
	if (rule->quote)
		return f->status = FEE_QUOTE;
	if (rule->divisor > 0 && vol_mm3 > 0) {
		long long vw = (vol_mm3 + rule->divisor - 1) / rule->divisor;

		if (vw > w) {
			w = vw;
			f->volumetric = 1;
		}
	}
	if (w > RATES_MAX_GRAMS) {
		f->charged_g = w;
		return f->status = FEE_TOO_HEAVY;
	}
	extra = w > rule->first_g ? w - rule->first_g : 0;
	if (rule->rounding == ROUND_NONE) {
		long long t;

		f->charged_g = rule->first_g + extra;
		if (__builtin_mul_overflow(extra, rule->step_fen, &t) ||
		    __builtin_add_overflow(t, rule->step_g - 1, &t) ||
		    __builtin_add_overflow(rule->first_fen, t / rule->step_g, &f->fen))
			return fee_overflow(f);
	} else {
		long long n = steps(extra, rule->step_g, rule->rounding), t;

		if (__builtin_mul_overflow(n, rule->step_g, &t) ||
		    __builtin_add_overflow(rule->first_g, t, &f->charged_g) ||
		    __builtin_mul_overflow(n, rule->step_fen, &t) ||
		    __builtin_add_overflow(rule->first_fen, t, &f->fen))
			return fee_overflow(f);
	}
	if (rule->free_over >= 0 && amount_fen >= rule->free_over) {
		f->fen = 0;
		return f->status = FEE_FREE;
	}
	return f->status = FEE_OK;
}

void
rates_explain(const struct rate_rule *rule, long long weight_g,
    const struct fee *f, char *buf, size_t size)
{
	char a[32], b[32], c[32], d[32], e[32], g[32];
	long long extra = f->charged_g - rule->first_g;

	if (f->status == FEE_QUOTE) {
		snprintf(buf, size, "no price in the rate card: quoted separately");
		return;
	}
	decimal_format(weight_g, 3, a);
	decimal_format(f->charged_g, 3, b);
	money_format(rule->first_fen, c);
	decimal_format(rule->first_g, 3, d);
	money_format(rule->step_fen, e);
	decimal_format(rule->step_g, 3, g);
	int n = snprintf(buf, size, "%s kg%s -> %s kg: first %s kg %s", a,
	    f->volumetric ? " (volumetric)" : "", b, d, c);
	if (n < 0 || (size_t)n >= size)
		return;
	if (extra > 0 && rule->rounding == ROUND_NONE)
		n += snprintf(buf + n, size - (size_t)n, " + %s kg pro rata at %s per %s kg",
		    decimal_format(extra, 3, a), e, g);
	else if (extra > 0)
		n += snprintf(buf + n, size - (size_t)n, " + %lld x %s kg x %s",
		    extra / rule->step_g, g, e);
	if (n < 0 || (size_t)n >= size)
		return;
	if (f->status == FEE_FREE)
		snprintf(buf + n, size - (size_t)n, "; free over %s",
		    money_format(rule->free_over, a));
	else
		snprintf(buf + n, size - (size_t)n, " = %s", money_format(f->fen, a));
}
