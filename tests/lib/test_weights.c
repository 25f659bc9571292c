/*
 * Unit tests of lib/weights: weight cells in kg, 公斤, 千克, g, 克 and 斤,
 * bare numbers in the header's unit, rounding up to whole grams, junk;
 * weights tables from temporary files with their header variants and
 * FILE:LINE errors; lookups by exact key and by the longest contained key.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/diag.h"
#include "t.h"
#include "tcapture.h"
#include "ship/weights.h"

#define BAD (-999999999LL)	/* stands for "rejected" in the checks */
#define NOLOAD (-888888888LL)	/* the table did not load */

static char tab_path[] = "/tmp/test_weights.csv.XXXXXX";

static void
write_table(const char *text)
{
	t_write_file(tab_path, text);
}

/* weight_parse() of the C string S with bare numbers in UNIT grams. */
static long long
wp(const char *s, long long unit)
{
	long long g;

	return weight_parse(s, strlen(s), unit, &g) == 0 ? g : BAD;
}

/* weights_lookup() of the C string KEY. */
static long long
look(const struct weights *w, const char *key)
{
	long long g;

	return weights_lookup(w, key, strlen(key), &g) == 0 ? g : BAD;
}

static void
test_units(void)
{
	CHECK_INT(wp("1.2", 1000), 1200);
	CHECK_INT(wp("1.2kg", 1000), 1200);
	CHECK_INT(wp("1.2kg", 1), 1200);	/* a unit beats the header's */
	CHECK_INT(wp("1.2 kg", 1), 1200);
	CHECK_INT(wp("1.2公斤", 1), 1200);
	CHECK_INT(wp("1.2 公斤", 1), 1200);
	CHECK_INT(wp("1.2千克", 1), 1200);
	CHECK_INT(wp("500g", 1000), 500);
	CHECK_INT(wp("500 g", 1000), 500);
	CHECK_INT(wp("500克", 1000), 500);
	CHECK_INT(wp("2斤", 1000), 1000);
	CHECK_INT(wp("0.5斤", 1000), 250);
	CHECK_INT(wp("3 斤", 1), 1500);
	CHECK_INT(wp("0", 1000), 0);
	CHECK_INT(wp("12", 1000), 12000);

	/* Bare numbers in the header's unit. */
	CHECK_INT(wp("500", 1), 500);
	CHECK_INT(wp("3", 500), 1500);
	CHECK_INT(wp("1.5", 500), 750);

	/* Spreadsheet cells. */
	CHECK_INT(wp("=\"1.2\"", 1000), 1200);
	CHECK_INT(wp("  1.2kg ", 1000), 1200);
	CHECK_INT(wp("\t1.2", 1000), 1200);
	CHECK_INT(wp("\xE3\x80\x80" "800克" "\xE3\x80\x80", 1000), 800);
	CHECK_INT(wp("=\"2斤\"", 1000), 1000);
}

static void
test_rounding(void)
{
	/* Fractions of a gram round up. */
	CHECK_INT(wp("1.0001", 1000), 1001);
	CHECK_INT(wp("1.0001kg", 1), 1001);
	CHECK_INT(wp("0.0001kg", 1), 1);
	CHECK_INT(wp("0.5g", 1000), 1);
	CHECK_INT(wp("0.001g", 1000), 1);
	CHECK_INT(wp("1.2345kg", 1), 1235);
	CHECK_INT(wp("1.5g", 1000), 2);
	CHECK_INT(wp("2g", 1000), 2);
	CHECK_INT(wp("0.0015斤", 1), 1);	/* 0.75 g */
	CHECK_INT(wp("0.003斤", 1), 2);		/* 1.5 g */
	CHECK_INT(wp("0.333", 1), 1);
	CHECK_INT(wp("1.9999999", 1000), 2000);
}

static void
test_sign_junk(void)
{
	/* The sign is kept. */
	CHECK_INT(wp("-1.2", 1000), -1200);
	CHECK_INT(wp("-500g", 1000), -500);
	CHECK_INT(wp("+2kg", 1), 2000);
	/* Not weights. */
	CHECK_INT(wp("", 1000), BAD);
	CHECK_INT(wp("   ", 1000), BAD);
	CHECK_INT(wp("kg", 1000), BAD);
	CHECK_INT(wp("公斤", 1000), BAD);
	CHECK_INT(wp("abc", 1000), BAD);
	CHECK_INT(wp("1.2磅", 1000), BAD);
	CHECK_INT(wp("1.2 lb", 1000), BAD);
	CHECK_INT(wp("1.2kgkg", 1000), BAD);
	CHECK_INT(wp("kg1.2", 1000), BAD);
	CHECK_INT(wp("1.2.3", 1000), BAD);
	CHECK_INT(wp("about 2kg", 1000), BAD);
	CHECK_INT(wp("1e3", 1000), BAD);
	CHECK_INT(wp("99999999999999999999", 1000), BAD);
	CHECK_INT(wp("9999999999999999kg", 1), BAD);
}

static void
test_table(void)
{
	struct weights *w;
	const char *err;

	write_table("# product weights\n"
	    "商品,重量\n"
	    "蓝牙耳机,0.2\n"
	    "蓝牙耳机充电仓,0.35kg\n"
	    "耳机,150g\n"
	    "数据线,=\"0.05\"\n"
	    "\"手机壳, 透明\",0.03\n"
	    "大米,10斤\n");
	capture_begin();
	w = weights_load(tab_path);
	err = capture_end();
	CHECK_STR(err, "");
	CHECK(w != NULL);
	if (w == NULL)
		return;
	/* Exact keys. */
	CHECK_INT(look(w, "蓝牙耳机"), 200);
	CHECK_INT(look(w, "蓝牙耳机充电仓"), 350);
	CHECK_INT(look(w, "耳机"), 150);
	CHECK_INT(look(w, "数据线"), 50);
	CHECK_INT(look(w, "手机壳, 透明"), 30);
	CHECK_INT(look(w, "大米"), 5000);
	/* The longest key contained in a title. */
	CHECK_INT(look(w, "新款蓝牙耳机充电仓 白色"), 350);
	CHECK_INT(look(w, "新款蓝牙耳机 白色"), 200);
	CHECK_INT(look(w, "有线耳机 黑色"), 150);
	CHECK_INT(look(w, "耳机蓝牙耳机充电仓"), 350);
	CHECK_INT(look(w, "USB数据线1米"), 50);
	CHECK_INT(look(w, "东北大米 五常"), 5000);
	/* No match. */
	CHECK_INT(look(w, "手机壳"), BAD);
	CHECK_INT(look(w, "蓝牙"), BAD);
	CHECK_INT(look(w, "耳"), BAD);
	CHECK_INT(look(w, ""), BAD);
	CHECK_INT(look(w, "充电宝"), BAD);
	/* Only LEN bytes of the key count. */
	{
		long long g = 0;

		CHECK_INT(weights_lookup(w, "耳机充电仓", 6, &g), 0);
		CHECK_INT(g, 150);
	}
	weights_free(w);
}

/* A table with header HDR and rows ROWS; the weight of KEY (NOLOAD: load failed). */
static long long
table_weight(const char *hdr, const char *rows, const char *key)
{
	char text[512];
	struct weights *w;
	long long g;

	snprintf(text, sizeof text, "%s\n%s", hdr, rows);
	write_table(text);
	capture_begin();
	w = weights_load(tab_path);
	capture_end();
	if (w == NULL)
		return NOLOAD;
	g = look(w, key);
	weights_free(w);
	return g;
}

static void
test_headers(void)
{
	CHECK_INT(table_weight("key,kg", "A1,1.5\n", "A1"), 1500);
	CHECK_INT(table_weight("sku,weight", "A1,2\n", "A1"), 2000);
	CHECK_INT(table_weight("title,weight_kg", "杯子,0.4\n", "保温杯子"), 400);
	CHECK_INT(table_weight("宝贝标题,重量", "杯子,0.4\n", "杯子"), 400);
	CHECK_INT(table_weight("商家编码,kg", "X-9,0.25\n", "X-9"), 250);
	CHECK_INT(table_weight("note,key,price,kg", "n,K,9.9,1\n", "K"), 1000);
	CHECK_INT(table_weight("kg,sku", "0.7,Z\n", "Z"), 700);
	/* Units in the cells. */
	CHECK_INT(table_weight("sku,weight", "A,300g\nB,1斤\n", "B"), 500);
	/* A header and no rows: loads, matches nothing. */
	CHECK_INT(table_weight("sku,kg", "", "A"), BAD);
	CHECK_INT(table_weight("sku,kg", "A,x\n", "A"), NOLOAD);
}

static void
test_errors(void)
{
	struct weights *w;
	const char *err;
	char want[256];

	/* No weight column. */
	write_table("sku,price\nA,1\n");
	capture_begin();
	w = weights_load(tab_path);
	err = capture_end();
	CHECK(w == NULL);
	snprintf(want, sizeof want, "cs-test: %s:", tab_path);
	CHECK(strstr(err, want) == err);
	weights_free(w);

	/* No key column. */
	write_table("name,kg\nA,1\n");
	capture_begin();
	w = weights_load(tab_path);
	err = capture_end();
	CHECK(w == NULL);
	CHECK(strstr(err, want) == err);

	/* Bad weights, each at its line; the rest still checked. */
	write_table("sku,kg\n"
	    "A,1\n"
	    "B,heavy\n"
	    "C,0\n"
	    "D,-1\n"
	    "E,2\n"
	    "F\n");
	capture_begin();
	w = weights_load(tab_path);
	err = capture_end();
	CHECK(w == NULL);
	snprintf(want, sizeof want, "cs-test: %s:3: ", tab_path);
	CHECK(strstr(err, want) == err);
	snprintf(want, sizeof want, "\ncs-test: %s:4: ", tab_path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "\ncs-test: %s:5: ", tab_path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "\ncs-test: %s:7: ", tab_path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "%s:2: ", tab_path);
	CHECK(strstr(err, want) == NULL);
	snprintf(want, sizeof want, "%s:6: ", tab_path);
	CHECK(strstr(err, want) == NULL);

	/* An empty key. */
	write_table("sku,kg\n,1\n");
	capture_begin();
	w = weights_load(tab_path);
	err = capture_end();
	CHECK(w == NULL);
	snprintf(want, sizeof want, "cs-test: %s:2: ", tab_path);
	CHECK(strstr(err, want) == err);

	/* No such file. */
	capture_begin();
	w = weights_load("/nonexistent/dir/weights.csv");
	err = capture_end();
	CHECK(w == NULL);
	CHECK(strstr(err, "/nonexistent/dir/weights.csv") != NULL);
}

int
main(void)
{
	int fd;

	diag_set_progname("cs-test");
	if ((fd = mkstemp(tab_path)) < 0 || close(fd) != 0 ||
	    (fd = mkstemp(err_path)) < 0 || close(fd) != 0) {
		perror("mkstemp");
		return 2;
	}
	test_units();
	test_rounding();
	test_sign_junk();
	test_table();
	test_headers();
	test_errors();
	unlink(tab_path);
	unlink(err_path);
	return t_done();
}
