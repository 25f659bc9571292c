/*
 * The carrier set and lookup cs-shipcost's rate card and cs-eta's transit
 * table share (lib/addr/dest.h): names added once, the longest name a
 * cell starts with, the limit, and the column aliases.
 */
#include <string.h>

#include "addr/dest.h"
#include "t.h"

static int
find(const struct dest_carriers *cs, const char *name)
{
	return dest_carrier(cs, name, strlen(name));
}

static void
test_lookup(void)
{
	struct dest_carriers cs;

	memset(&cs, 0, sizeof cs);
	CHECK_INT(find(&cs, "顺丰"), -1);	/* empty set */
	CHECK_INT(dest_carrier_add(&cs, "中通"), 0);
	CHECK_INT(dest_carrier_add(&cs, "中通快运"), 1);
	CHECK_INT(dest_carrier_add(&cs, "顺丰"), 2);
	CHECK_INT(dest_carrier_add(&cs, "中通"), 0);	/* already there */
	CHECK_INT(cs.n, 3);
	CHECK_STR(cs.name[2], "顺丰");
	CHECK_INT(cs.len[1], strlen("中通快运"));
	CHECK_INT(find(&cs, "中通"), 0);
	CHECK_INT(find(&cs, "中通快递"), 0);
	CHECK_INT(find(&cs, "中通快运"), 1);	/* the longest wins */
	CHECK_INT(find(&cs, "中通快运物流"), 1);
	CHECK_INT(find(&cs, "顺丰速运"), 2);
	CHECK_INT(find(&cs, "顺"), -1);	/* a prefix of a name is not it */
	CHECK_INT(find(&cs, "圆通"), -1);
	CHECK_INT(dest_carrier(&cs, "中通快运", 3), -1);
	dest_carriers_free(&cs);
	CHECK_INT(cs.n, 0);
	CHECK_INT(find(&cs, "中通"), -1);
}

static void
test_limit(void)
{
	struct dest_carriers cs;
	char name[16];
	int i;

	memset(&cs, 0, sizeof cs);
	for (i = 0; i < DEST_MAX_CARRIERS; i++) {
		snprintf(name, sizeof name, "c%02d", i);
		CHECK_INT(dest_carrier_add(&cs, name), i);
	}
	CHECK_INT(dest_carrier_add(&cs, "one more"), -1);
	CHECK_INT(dest_carrier_add(&cs, "c07"), 7);	/* a known one still is */
	CHECK_INT(find(&cs, "c63x"), 63);
	dest_carriers_free(&cs);
}

static void
test_aliases(void)
{
	CHECK(strncmp(DEST_ADDRESS_ALIASES, "收货地址|", strlen("收货地址|")) == 0);
	CHECK(strstr(DEST_ADDRESS_ALIASES, "|详细地址|地址|address|") != NULL);
	CHECK(strstr(DEST_PROVINCE_ALIASES, "|province|") != NULL);
	CHECK(strncmp(DEST_CARRIER_ALIASES, "物流公司|", strlen("物流公司|")) == 0);
}

int
main(void)
{
	test_lookup();
	test_limit();
	test_aliases();
	return t_done();
}
