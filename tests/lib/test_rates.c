/*
 * Unit tests of lib/rates: the embedded card (001 §2.8 and the SPEC's
 * table), small cards from temporary files and their FILE:LINE errors,
 * rule choice (a province row over its tier's row), fees with rounding
 * up, half and none, volumetric weight, free-shipping thresholds, and
 * carrier names matched by prefix.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/diag.h"
#include "ship/rates.h"
#include "addr/region.h"
#include "t.h"
#include "tcapture.h"
#include "ship/tier.h"

static char card_path[] = "/tmp/test_rates.csv.XXXXXX";

static void
write_card(const char *text)
{
	t_write_file(card_path, text);
}

static int
carrier(const struct rate_card *c, const char *name)
{
	return rates_carrier(c, name, strlen(name));
}

/* Fee of W grams, VOL mm³, order AMOUNT fen under R as "STATUS G FEN [v]". */
static const char *
fee(const struct rate_rule *r, long long w, long long vol, long long amount)
{
	static char buf[64];
	struct fee f;
	int s;

	if (r == NULL)
		return "no rule";
	s = rates_fee(r, w, vol, amount, &f);
	if (s != f.status)
		return "status mismatch";
	if (s == FEE_QUOTE)
		return "quote";
	if (s == FEE_FREE)
		snprintf(buf, sizeof buf, "free %lld", f.fen);
	else
		snprintf(buf, sizeof buf, "ok %lld %lld%s", f.charged_g, f.fen,
		    f.volumetric ? " v" : "");
	return buf;
}

static void
test_embedded(const struct region_db *db)
{
	struct rate_card *c = rates_load(NULL, db);
	int zj = region_lookup(db, "浙江"), js = region_lookup(db, "江苏");
	int sh = region_lookup(db, "上海"), bj = region_lookup(db, "北京");
	int gd = region_lookup(db, "广东"), xj = region_lookup(db, "新疆");
	int xz = region_lookup(db, "西藏"), hk = region_lookup(db, "香港");
	int tw = region_lookup(db, "台湾");
	const struct rate_rule *r;

	CHECK(c != NULL);
	if (c == NULL)
		return;
	/* 圆通 is the only and default carrier. */
	CHECK_INT(carrier(c, "圆通"), 0);
	CHECK_STR(rates_carrier_name(c, 0), "圆通");
	CHECK_INT(carrier(c, "圆通速递"), 0);
	CHECK_INT(carrier(c, "圆通快递"), 0);
	CHECK_INT(carrier(c, "顺丰"), -1);
	CHECK_INT(carrier(c, "圆"), -1);
	CHECK_INT(carrier(c, ""), -1);
	CHECK_INT(rates_carrier(c, "圆通速递", 3), -1);	/* only "圆" */
	CHECK_INT(rates_has_free(c, -1), 0);
	CHECK_INT(rates_has_free(c, 0), 0);

	/* Tiers from data/tiers.csv. */
	CHECK_INT(rates_tier(c, zj), TIER_JZH);
	CHECK_INT(rates_tier(c, js), TIER_JZH);
	CHECK_INT(rates_tier(c, sh), TIER_JZH);
	CHECK_INT(rates_tier(c, bj), TIER_STANDARD);
	CHECK_INT(rates_tier(c, gd), TIER_STANDARD);
	CHECK_INT(rates_tier(c, xj), TIER_REMOTE);
	CHECK_INT(rates_tier(c, hk), TIER_UNSERVED);
	CHECK_INT(rates_tier(c, -1), TIER_UNSERVED);

	/* jzh: first kg 5.00, each further kg 1.00, rounded up. */
	r = rates_rule(c, 0, zj);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->carrier, 0);
		CHECK_INT(r->tier, TIER_JZH);
		CHECK_INT(r->province, -1);
		CHECK_INT(r->quote, 0);
		CHECK_INT(r->first_g, 1000);
		CHECK_INT(r->first_fen, 500);
		CHECK_INT(r->step_g, 1000);
		CHECK_INT(r->step_fen, 100);
		CHECK_INT(r->rounding, ROUND_UP);
		CHECK_INT(r->divisor, 6000);
		CHECK_INT(r->free_over, -1);
	}
	CHECK(rates_rule(c, 0, sh) == r);
	CHECK_STR(fee(r, 1200, 0, -1), "ok 2000 600");	/* the SPEC's example */
	CHECK_STR(fee(r, 1000, 0, -1), "ok 1000 500");
	CHECK_STR(fee(r, 1, 0, -1), "ok 1000 500");
	CHECK_STR(fee(r, 1001, 0, -1), "ok 2000 600");
	CHECK_STR(fee(r, 2001, 0, 99999), "ok 3000 700");
	CHECK_STR(fee(r, 10000, 0, -1), "ok 10000 1400");

	/* standard: 10.00 + 8.00 per further kg. */
	r = rates_rule(c, 0, bj);
	CHECK(r != NULL && r->tier == TIER_STANDARD);
	CHECK_STR(fee(r, 1200, 0, -1), "ok 2000 1800");
	CHECK_STR(fee(r, 3000, 0, -1), "ok 3000 2600");
	CHECK(rates_rule(c, 0, gd) == r);

	/* Volumetric weight, divisor 6000 cm³/kg: 40×30×20 cm is 4 kg. */
	r = rates_rule(c, 0, zj);
	CHECK_STR(fee(r, 1000, 400LL * 300 * 200, -1), "ok 4000 800 v");
	CHECK_STR(fee(r, 5000, 400LL * 300 * 200, -1), "ok 5000 900");
	CHECK_STR(fee(r, 1000, 6000000, -1), "ok 1000 500");	/* exactly 1 kg */
	CHECK_STR(fee(r, 1000, 6000001, -1), "ok 2000 600 v");	/* one mm³ more */

	/* remote is quoted separately; unserved has no rule. */
	r = rates_rule(c, 0, xj);
	CHECK(r != NULL && r->quote);
	CHECK_STR(fee(r, 1000, 0, -1), "quote");
	CHECK(rates_rule(c, 0, xz) == r);
	CHECK(rates_rule(c, 0, hk) == NULL);
	CHECK(rates_rule(c, 0, tw) == NULL);
	CHECK(rates_rule(c, 0, -1) == NULL);
	rates_free(c);
}

static const char small_card[] =
    "# a test card\n"
    "carrier,zone,first_kg,first_price,step_kg,step_price,rounding,divisor,free_over\n"
    "顺丰,jzh,1,12,1,2,up,,99\n"
    "顺丰,浙江,0.5,8.00,0.5,1.50,half,,\n"
    "顺丰,standard,1,20,0.5,3,none,8000,199.00\n"
    "顺丰,remote,,,,,,,\n"
    "中通,standard,2,6,1,1,,,\n"
    "韵达,上海,1,3,1,1,up,,\n"
    "韵达,jzh,1,4,1,1,up,,\n"
    "韵达,新疆维吾尔自治区,1,30,1,20,up,,\n"
    "韵达,unserved,1,100,1,50,up,,\n";

static void
test_small(const struct region_db *db)
{
	struct rate_card *c;
	int zj = region_lookup(db, "浙江"), js = region_lookup(db, "江苏");
	int sh = region_lookup(db, "上海"), bj = region_lookup(db, "北京");
	int xj = region_lookup(db, "新疆"), qh = region_lookup(db, "青海");
	int hk = region_lookup(db, "香港");
	int sf, zt, yd;
	const struct rate_rule *r;
	const char *err;

	write_card(small_card);
	capture_begin();
	c = rates_load(card_path, db);
	err = capture_end();
	CHECK_STR(err, "");
	CHECK(c != NULL);
	if (c == NULL)
		return;
	sf = carrier(c, "顺丰");
	zt = carrier(c, "中通");
	yd = carrier(c, "韵达");
	CHECK_INT(sf, 0);	/* the first listed is the default */
	CHECK_INT(zt, 1);
	CHECK_INT(yd, 2);
	CHECK_STR(rates_carrier_name(c, zt), "中通");
	CHECK_INT(carrier(c, "顺丰速运"), sf);
	CHECK_INT(carrier(c, "中通快递"), zt);
	CHECK_INT(carrier(c, "韵达快递"), yd);
	CHECK_INT(carrier(c, "圆通"), -1);
	CHECK_INT(carrier(c, "通"), -1);
	CHECK_INT(rates_has_free(c, -1), 1);
	CHECK_INT(rates_has_free(c, sf), 1);
	CHECK_INT(rates_has_free(c, zt), 0);
	CHECK_INT(rates_has_free(c, yd), 0);

	/* A province row wins over its tier's row, before or after it. */
	r = rates_rule(c, sf, zj);
	CHECK(r != NULL && r->province == zj && r->tier == -1);
	CHECK(r != NULL && r->first_g == 500 && r->rounding == ROUND_HALF);
	r = rates_rule(c, sf, js);
	CHECK(r != NULL && r->tier == TIER_JZH && r->province == -1);
	CHECK(r != NULL && r->first_fen == 1200 && r->free_over == 9900);
	r = rates_rule(c, yd, sh);
	CHECK(r != NULL && r->province == sh && r->first_fen == 300);
	r = rates_rule(c, yd, js);
	CHECK(r != NULL && r->tier == TIER_JZH && r->first_fen == 400);
	/* A province named by its full name; the tier's other provinces. */
	r = rates_rule(c, yd, xj);
	CHECK(r != NULL && r->province == xj && r->first_fen == 3000);
	CHECK(rates_rule(c, yd, qh) == NULL);
	/* Rules of one carrier never serve another. */
	CHECK(rates_rule(c, zt, zj) == NULL);
	r = rates_rule(c, zt, bj);
	CHECK(r != NULL && r->carrier == zt && r->first_g == 2000);
	CHECK(r != NULL && r->rounding == ROUND_UP);	/* empty rounding */
	CHECK(rates_rule(c, sf, hk) == NULL);
	r = rates_rule(c, yd, hk);
	CHECK(r != NULL && r->tier == TIER_UNSERVED);
	CHECK(rates_rule(c, yd, -1) == r);
	CHECK_STR(fee(rates_rule(c, sf, xj), 500, 0, -1), "quote");

	/* half: to the nearest 0.5 kg step over the first 0.5 kg. */
	r = rates_rule(c, sf, zj);
	CHECK_STR(fee(r, 400, 0, -1), "ok 500 800");
	CHECK_STR(fee(r, 500, 0, -1), "ok 500 800");
	CHECK_STR(fee(r, 700, 0, -1), "ok 500 800");
	CHECK_STR(fee(r, 800, 0, -1), "ok 1000 950");
	CHECK_STR(fee(r, 1200, 0, -1), "ok 1000 950");
	CHECK_STR(fee(r, 1300, 0, -1), "ok 1500 1100");
	CHECK_STR(fee(r, 2000, 0, -1), "ok 2000 1250");
	/* No free_over on the province row: never free. */
	CHECK_STR(fee(r, 700, 0, 1000000), "ok 500 800");

	/* up, with a free-shipping threshold of 99 yuan. */
	r = rates_rule(c, sf, js);
	CHECK_STR(fee(r, 1500, 0, -1), "ok 2000 1400");
	CHECK_STR(fee(r, 1500, 0, 9899), "ok 2000 1400");
	CHECK_STR(fee(r, 1500, 0, 9900), "free 0");
	CHECK_STR(fee(r, 1500, 0, 50000), "free 0");
	CHECK_STR(fee(r, 1500, 0, 0), "ok 2000 1400");

	/* none: pro rata over the first kg; volumetric with divisor 8000. */
	r = rates_rule(c, sf, bj);
	CHECK_STR(fee(r, 1000, 0, -1), "ok 1000 2000");
	CHECK_STR(fee(r, 800, 0, -1), "ok 1000 2000");
	CHECK_STR(fee(r, 1250, 0, -1), "ok 1250 2150");
	CHECK_STR(fee(r, 2000, 0, -1), "ok 2000 2600");
	CHECK_STR(fee(r, 1000, 400LL * 400 * 400, -1), "ok 8000 6200 v");
	CHECK_STR(fee(r, 9000, 400LL * 400 * 400, -1), "ok 9000 6800");
	CHECK_STR(fee(r, 1000, 400LL * 400 * 400, 19900), "free 0");
	CHECK_STR(fee(r, 1000, 400LL * 400 * 400, 19899), "ok 8000 6200 v");
	{
		struct fee f;

		/* 1 g over: 0.6 fen, charged as a whole fen at most. */
		rates_fee(r, 1001, 0, -1, &f);
		CHECK_INT(f.charged_g, 1001);
		CHECK(f.fen == 2000 || f.fen == 2001);
	}
	/* No divisor: volume is ignored. */
	CHECK_STR(fee(rates_rule(c, zt, bj), 1000, 1000LL * 1000 * 1000, -1), "ok 2000 600");
	CHECK_STR(fee(rates_rule(c, zt, bj), 2500, 0, -1), "ok 3000 700");
	rates_free(c);
}

/* Carrier names where one is a prefix of another. */
static void
test_prefix_carriers(const struct region_db *db)
{
	struct rate_card *c;

	write_card("carrier,zone,first_kg,first_price,step_kg,step_price,rounding,divisor,free_over\n"
	    "中通快运,standard,1,1,1,1,up,,\n"
	    "中通,standard,1,2,1,1,up,,\n");
	c = rates_load(card_path, db);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(carrier(c, "中通快运"), 0);
	CHECK_INT(carrier(c, "中通"), 1);
	CHECK_INT(carrier(c, "中通快递"), 1);
	CHECK_INT(carrier(c, "中通快运物流"), 0);
	rates_free(c);

	write_card("carrier,zone,first_kg,first_price,step_kg,step_price,rounding,divisor,free_over\n"
	    "中通,standard,1,2,1,1,up,,\n"
	    "中通快运,standard,1,1,1,1,up,,\n");
	c = rates_load(card_path, db);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(carrier(c, "中通"), 0);
	CHECK_INT(carrier(c, "中通快递"), 0);
	/*
	 * Regression (was a bug): with 中通 listed before 中通快运, the
	 * exact name 中通快运 resolves to 中通 (the first carrier that is a
	 * prefix): rates_carrier(card, "中通快运", 12) returns 0, want 1
	 * (an exact name, and else the longest prefix, should win).
	 */
	CHECK_INT(carrier(c, "中通快运"), 1);
	CHECK_INT(carrier(c, "中通快运物流"), 1);
	rates_free(c);
}

/*
 * Load a card whose lines after the header are BODY and expect it to be
 * rejected with a message at each of the lines in LINES (0-terminated).
 */
static void
bad_card(const struct region_db *db, const char *body, const int *lines, int at)
{
	char text[2048], want[128];
	struct rate_card *c;
	const char *err;
	int n = 0, i;
	const char *p;

	snprintf(text, sizeof text, "carrier,zone,first_kg,first_price,step_kg,"
	    "step_price,rounding,divisor,free_over\n%s", body);
	write_card(text);
	capture_begin();
	c = rates_load(card_path, db);
	err = capture_end();
	if (c != NULL)
		printf("  card at line %d was accepted\n", at);
	CHECK(c == NULL);
	rates_free(c);
	for (i = 0; lines[i] != 0; i++) {
		snprintf(want, sizeof want, "cs-test: %s:%d: ", card_path, lines[i]);
		if (strstr(err, want) == NULL)
			printf("  card at line %d: no message for line %d in:\n%s",
			    at, lines[i], err);
		CHECK(strstr(err, want) != NULL);
	}
	for (p = err; (p = strstr(p, "cs-test: ")) != NULL; p++)
		n++;
	if (n != i)
		printf("  card at line %d: messages:\n%s", at, err);
	CHECK_INT(n, i);
}

#define BAD_CARD(body, ...) do { \
	static const int lines_[] = { __VA_ARGS__, 0 }; \
	bad_card(db, body, lines_, __LINE__); \
} while (0)

static void
test_errors(const struct region_db *db)
{
	struct rate_card *c;
	const char *err;
	char want[128];

	BAD_CARD("顺丰,火星,1,1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,1,1,sideways,,\n", 2);
	BAD_CARD("顺丰,jzh,x,1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,0,1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,0,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,-1,1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,-1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,abc,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,1.234,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,1,1,up,0,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,1,1,up,x,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,1,1,up,,lots\n", 2);
	BAD_CARD(",jzh,1,1,1,1,up,,\n", 2);
	BAD_CARD("顺丰,jzh,1,1,1,1,up\n", 2);
	/* Every bad line is reported, good ones in between or not. */
	BAD_CARD("顺丰,jzh,1,1,1,1,up,,\n"
	    "顺丰,火星,1,1,1,1,up,,\n"
	    "# fine\n"
	    "顺丰,standard,1,1,1,1,up,,\n"
	    "顺丰,remote,1,1,1,1,maybe,,\n"
	    "\"顺丰\",jzh,1,\"x\n\",1,1,up,,\n", 3, 6, 7);

	/* A header without a required column. */
	write_card("carrier,zone,first_kg,first_price,step_kg,step_price\n"
	    "顺丰,jzh,1,1,1,1\n");
	capture_begin();
	c = rates_load(card_path, db);
	err = capture_end();
	CHECK(c == NULL);
	snprintf(want, sizeof want, "cs-test: %s:", card_path);
	CHECK(strstr(err, want) == err);
	CHECK(strstr(err, "rounding") != NULL);

	/* No rates at all. */
	write_card("# empty\n"
	    "carrier,zone,first_kg,first_price,step_kg,step_price,rounding,divisor,free_over\n");
	capture_begin();
	c = rates_load(card_path, db);
	err = capture_end();
	CHECK(c == NULL);
	CHECK(strstr(err, card_path) != NULL);

	write_card("");
	capture_begin();
	c = rates_load(card_path, db);
	err = capture_end();
	CHECK(c == NULL);
	CHECK(strstr(err, card_path) != NULL);

	capture_begin();
	c = rates_load("/nonexistent/dir/rates.csv", db);
	err = capture_end();
	CHECK(c == NULL);
	CHECK(strstr(err, "/nonexistent/dir/rates.csv") != NULL);
}

int
main(void)
{
	struct region_db *db;
	int fd;

	diag_set_progname("cs-test");
	if ((fd = mkstemp(card_path)) < 0 || close(fd) != 0 ||
	    (fd = mkstemp(err_path)) < 0 || close(fd) != 0) {
		perror("mkstemp");
		return 2;
	}
	db = region_db_load(NULL);
	CHECK(db != NULL);
	if (db != NULL) {
		test_embedded(db);
		test_small(db);
		test_prefix_carriers(db);
		test_errors(db);
		region_db_free(db);
	}
	unlink(card_path);
	unlink(err_path);
	return t_done();
}
