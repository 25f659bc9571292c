#include <stdio.h>
#include <string.h>

#include "addr/dest.h"
#include "io/cell.h"
#include "io/diag.h"
#include "io/money.h"
#include "ship/shipcost.h"

const struct colspec shipcost_columns[SC_NCOLS] = {
	[SC_ADDRESS] = { "address", DEST_ADDRESS_ALIASES },
	[SC_PROVINCE] = { "province", DEST_PROVINCE_ALIASES },
	[SC_WEIGHT] = { "weight", "重量|毛重|重量(kg)|重量（kg）|重量(g)|重量（g）|"
	    "包裹重量|商品重量|计费重量|weight|weight_kg|gross_weight|kg" },
	[SC_LENGTH] = { "length", "长|长度|长(cm)|长（cm）|length|length_cm" },
	[SC_WIDTH] = { "width", "宽|宽度|宽(cm)|宽（cm）|width|width_cm" },
	[SC_HEIGHT] = { "height", "高|高度|高(cm)|高（cm）|height|height_cm" },
	[SC_AMOUNT] = { "amount", "买家应付货款|商品金额|货款|商品总价|订单金额|总金额|"
	    "买家实际支付金额|实付金额|amount|order_amount|goods_amount|subtotal|total" },
	[SC_CARRIER] = { "carrier", DEST_CARRIER_ALIASES },
	[SC_TITLE] = { "title", "宝贝标题|商品标题|商品名称|宝贝名称|商品|title|product|"
	    "product_name|item" },
	[SC_SKU] = { "sku", "商家编码|商品编码|SKU|货号|sku|sku_id|item_code" },
	[SC_QUANTITY] = { "quantity", "宝贝总数量|购买数量|数量|商品数量|quantity|qty|count" },
};

enum status {
	ST_OK, ST_FREE, ST_QUOTE, ST_UNSERVED, ST_UNKNOWN_REGION, ST_NO_WEIGHT,
	ST_BAD_WEIGHT, ST_NO_RATE
};

static const char *const status_names[] = {
	"ok", "free", "quote", "unserved", "unknown_region", "no_weight",
	"bad_weight", "no_rate"
};

void
shipcost_defaults(struct shipcost *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->fixed_g = -1;
	sc->carrier = -1;
	sc->weight_unit = 1000;
	sc->s_explain = -1;
}

int
shipcost_set_weight(struct shipcost *sc, const char *arg)
{
	if (weight_parse(arg, strlen(arg), 1000, &sc->fixed_g) != 0 ||
	    sc->fixed_g <= 0 || sc->fixed_g > RATES_MAX_GRAMS) {
		cs_warnx("--weight: expected a weight in kg above 0 and up to 1000, got '%s'", arg);
		return -1;
	}
	return 0;
}

int
shipcost_init(struct shipcost *sc)
{
	if ((sc->db = region_db_load(sc->gazetteer)) == NULL)
		return CS_FATAL;
	if ((sc->card = rates_load(sc->rates_path, sc->db)) == NULL)
		return CS_FATAL;
	/*
	 * The embedded card is the shop's buyer-facing fee (001 §2.8): what
	 * the buyer pays whatever courier takes the parcel.  A card given
	 * with --rates prices each row by its carrier.
	 */
	sc->per_carrier = sc->rates_path != NULL;
	if (sc->weights_path != NULL &&
	    (sc->weights = weights_load(sc->weights_path)) == NULL)
		return CS_FATAL;
	if (sc->opt_carrier != NULL) {
		sc->carrier = rates_carrier(sc->card, sc->opt_carrier,
		    strlen(sc->opt_carrier));
		if (sc->carrier < 0) {
			cs_warnx("--carrier: the rate card has no carrier '%s'",
			    sc->opt_carrier);
			return CS_FATAL;
		}
	}
	return 0;
}

/* A weight column headed in grams: 重量(g), 重量（克）, weight_g. */
static long long
weight_unit(const struct run *run, long col)
{
	const char *h;

	if (col < 0 || run->hdr == NULL)
		return 1000;
	h = run->hdr[col];
	if (strstr(h, "(g)") || strstr(h, "（g）") || strstr(h, "克") ||
	    strstr(h, "_g") || strstr(h, "(G)"))
		return 1;
	return 1000;
}

int
shipcost_start(struct shipcost *sc, struct run *run)
{
	if (run->col[SC_ADDRESS] < 0 && run->col[SC_PROVINCE] < 0) {
		cols_missing(&shipcost_columns[SC_ADDRESS], run->file);
		return CS_FATAL;
	}
	sc->no_weight_source = 0;
	if (run->col[SC_WEIGHT] < 0 && sc->fixed_g < 0 && sc->weights == NULL) {
		/*
		 * A Taobao export has no weights.  Say so once and go on, so
		 * that a pipeline after us still gets every row.
		 */
		if (!sc->any_no_source) {
			cols_missing(&shipcost_columns[SC_WEIGHT], run->file);
			cs_warnx("or give every row's weight with --weight KG, or a "
			    "table with --weights FILE; no fee is computed "
			    "(status no_weight)");
		}
		sc->no_weight_source = 1;
		sc->any_no_source = 1;
	}
	if (sc->weights != NULL && sc->fixed_g < 0 && run->col[SC_WEIGHT] < 0 &&
	    run->col[SC_TITLE] < 0 && run->col[SC_SKU] < 0) {
		cols_missing(&shipcost_columns[SC_TITLE], run->file);
		return CS_FATAL;
	}
	sc->weight_unit = weight_unit(run, run->col[SC_WEIGHT]);
	if (run->col[SC_AMOUNT] < 0 && rates_has_free(sc->card, sc->carrier))
		cs_warnx_at(run->file, 0, "no order amount column (%s ...): "
		    "free-shipping thresholds are not applied", "买家应付货款, amount");
	if ((sc->s_region = run_add_column(run, "region", NULL)) < 0 ||
	    (sc->s_tier = run_add_column(run, "tier", NULL)) < 0 ||
	    (sc->s_kg = run_add_column(run, "chargeable_kg", NULL)) < 0 ||
	    (sc->s_fee = run_add_column(run, "fee", NULL)) < 0 ||
	    (sc->s_status = run_add_column(run, "status", NULL)) < 0)
		return CS_FATAL;
	if (sc->explain && (sc->s_explain = run_add_column(run, "explain", NULL)) < 0)
		return CS_FATAL;
	return 0;
}

static void
finish_row(struct shipcost *sc, struct run *run, int status, const char *why)
{
	run_sets(run, sc->s_status, status_names[status]);
	if (sc->s_explain >= 0 && why != NULL)
		run_sets(run, sc->s_explain, why);
}

/*
 * The province of the row: from the province column when it has a value,
 * else from the address.  Returns 0 with *P set (-1 abroad), or -1 after a
 * warning (unknown or ambiguous).
 */
static int
row_region(struct shipcost *sc, struct run *run, const struct record *r, int *p)
{
	struct region_result res;

	switch (dest_resolve(sc->db, run, r, SC_PROVINCE, SC_ADDRESS, &res, 1)) {
	case DEST_NONE:
		run_warn(run, "no address");
		return -1;
	case REGION_OK:
		*p = res.province;
		run_sets(run, sc->s_region, region_short(sc->db, *p));
		return 0;
	case REGION_FOREIGN:
		*p = -1;
		run_sets(run, sc->s_region, "abroad");
		return 0;
	}
	return -1;
}

/* The carrier of the row; -1 after a warning. */
static int
row_carrier(struct shipcost *sc, struct run *run, const struct record *r)
{
	const char *s;
	size_t n;
	int c;

	if (sc->carrier >= 0)
		return sc->carrier;
	if (!sc->per_carrier)
		return 0;
	s = run_field(run, r, SC_CARRIER, &n);
	if (s == NULL)
		return 0;
	cell_value(&s, &n);
	if (n == 0)
		return 0;
	if ((c = rates_carrier(sc->card, s, n)) < 0)
		run_warn(run, "carrier '%.*s' is not in the rate card", (int)n, s);
	return c;
}

/* Weight from the weights table: SKU first, then title, times quantity. */
static int
table_weight(struct shipcost *sc, struct run *run, const struct record *r,
    long long *g)
{
	const char *s;
	size_t n;
	long long q = 1;

	if (sc->weights == NULL)
		return -1;
	s = run_field(run, r, SC_SKU, &n);
	if (s == NULL || cell_empty(s, n) || weights_lookup(sc->weights, s, n, g) != 0) {
		s = run_field(run, r, SC_TITLE, &n);
		if (s == NULL || cell_empty(s, n) ||
		    weights_lookup(sc->weights, s, n, g) != 0)
			return -1;
	}
	s = run_field(run, r, SC_QUANTITY, &n);
	if (s != NULL && !cell_empty(s, n) &&
	    (decimal_parse(s, n, 0, 0, &q) != 0 || q <= 0 || q > 100000)) {
		run_warn(run, "quantity '%.*s' is not a positive whole number", (int)n, s);
		return -2;
	}
	/* At most 1000 kg times 100000 before this check: no overflow. */
	if (*g * q > RATES_MAX_GRAMS) {
		char buf[32];

		run_warn(run, "%lld x %s kg is over the 1000 kg a parcel can weigh",
		    q, decimal_format(*g, 3, buf));
		return -2;
	}
	*g *= q;
	return 0;
}

/* The row's weight in grams: 0, or the status to report (after a warning). */
static int
row_weight(struct shipcost *sc, struct run *run, const struct record *r,
    long long *g)
{
	const char *s;
	size_t n;
	int rc;

	if (sc->fixed_g > 0) {
		*g = sc->fixed_g;
		return 0;
	}
	s = run_field(run, r, SC_WEIGHT, &n);
	if (s == NULL || cell_empty(s, n)) {
		if ((rc = table_weight(sc, run, r, g)) == 0)
			return 0;
		if (rc == -2)
			return ST_BAD_WEIGHT;
		run_warn(run, sc->weights ? "no weight, and the product is not in "
		    "the weights table" : "no weight");
		return ST_NO_WEIGHT;
	}
	if (weight_parse(s, n, sc->weight_unit, g) != 0) {
		run_warn(run, "weight '%.*s' is not a number", (int)(n > 60 ? 60 : n), s);
		return ST_BAD_WEIGHT;
	}
	if (*g <= 0) {
		run_warn(run, "weight '%.*s' is not above zero", (int)n, s);
		return ST_BAD_WEIGHT;
	}
	if (*g > RATES_MAX_GRAMS) {
		run_warn(run, "weight '%.*s' is over the 1000 kg a parcel can weigh",
		    (int)n, s);
		return ST_BAD_WEIGHT;
	}
	return 0;
}

/* Volume in mm³ from length, width and height in cm; 0 when not given. */
static int
row_volume(struct run *run, const struct record *r, long long *mm3)
{
	long long d[3];
	int i;

	*mm3 = 0;
	for (i = 0; i < 3; i++) {
		size_t n;
		const char *s = run_field(run, r, (size_t)(SC_LENGTH + i), &n);

		if (s == NULL || cell_empty(s, n))
			return 0;
		if (decimal_parse(s, n, 1, 1, &d[i]) != 0 || d[i] <= 0 || d[i] > 100000) {
			run_warn(run, "dimension '%.*s' is not a length in cm", (int)n, s);
			return -1;
		}
	}
	*mm3 = d[0] * d[1] * d[2];
	return 0;
}

/* The order amount in fen, or -1 when absent or unreadable. */
static long long
row_amount(struct run *run, const struct record *r)
{
	const char *s;
	size_t n;
	long long fen;

	s = run_field(run, r, SC_AMOUNT, &n);
	if (s == NULL || cell_empty(s, n) || money_parse(s, n, &fen) != 0)
		return -1;
	return fen;
}

static int
price(struct shipcost *sc, struct run *run, const struct record *r,
    const struct rate_rule *rule)
{
	char buf[32], why[256];
	long long g, mm3, amount;
	struct fee f;
	int st;

	if (rule->quote) {
		finish_row(sc, run, ST_QUOTE, "no price in the rate card: quoted separately");
		return ROW_OUT;
	}
	if ((st = row_weight(sc, run, r, &g)) != 0 || row_volume(run, r, &mm3) != 0) {
		finish_row(sc, run, st ? st : ST_BAD_WEIGHT, NULL);
		return ROW_OUT;
	}
	amount = rule->free_over >= 0 ? row_amount(run, r) : -1;
	if (rule->free_over >= 0 && amount < 0 && run->col[SC_AMOUNT] >= 0)
		run_warn(run, "no readable order amount: free shipping not applied");
	if (rates_fee(rule, g, mm3, amount, &f) == FEE_TOO_HEAVY) {
		run_warn(run, "chargeable weight %s kg is over the 1000 kg a "
		    "parcel can weigh", decimal_format(f.charged_g, 3, buf));
		finish_row(sc, run, ST_BAD_WEIGHT, NULL);
		return ROW_OUT;
	}
	if (f.status == FEE_OVERFLOW) {
		run_warn(run, "the fee of %s kg does not fit in a number under "
		    "this rate card", decimal_format(g, 3, buf));
		finish_row(sc, run, ST_NO_RATE, NULL);
		return ROW_OUT;
	}
	run_sets(run, sc->s_kg, decimal_format(f.charged_g, 3, buf));
	run_sets(run, sc->s_fee, money_format(f.fen, buf));
	if (sc->s_explain >= 0)
		rates_explain(rule, g, &f, why, sizeof why);
	finish_row(sc, run, f.status == FEE_FREE ? ST_FREE : ST_OK, why);
	return ROW_OUT;
}

int
shipcost_row(struct shipcost *sc, struct run *run, const struct record *r)
{
	const struct rate_rule *rule;
	int p, c, tier;

	if (row_region(sc, run, r, &p) != 0) {
		finish_row(sc, run, sc->no_weight_source ? ST_NO_WEIGHT :
		    ST_UNKNOWN_REGION, NULL);
		return ROW_OUT;
	}
	tier = rates_tier(sc->card, p);
	run_sets(run, sc->s_tier, tier_name(tier));
	if (sc->no_weight_source) {
		finish_row(sc, run, ST_NO_WEIGHT, "no weight source");
		return ROW_OUT;
	}
	if ((c = row_carrier(sc, run, r)) < 0) {
		finish_row(sc, run, ST_NO_RATE, NULL);
		return ROW_OUT;
	}
	if ((rule = rates_rule(sc->card, c, p)) == NULL) {
		if (tier == TIER_UNSERVED) {
			finish_row(sc, run, ST_UNSERVED, "not served by the rate card");
			return ROW_OUT;
		}
		run_warn(run, "the rate card has no %s rate for %s", tier_name(tier),
		    rates_carrier_name(sc->card, c));
		finish_row(sc, run, ST_NO_RATE, NULL);
		return ROW_OUT;
	}
	return price(sc, run, r, rule);
}

int
shipcost_finish(struct shipcost *sc)
{
	return sc->any_no_source ? CS_ROWS : 0;
}

void
shipcost_free(struct shipcost *sc)
{
	rates_free(sc->card);
	weights_free(sc->weights);
	if (sc->db != NULL)
		region_db_free(sc->db);
}
