/*
 * lang: opening tables, lookups by context, the fixed values of a column,
 * English when there is no table, and the checks that keep a translated
 * printf format safe.
 */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/diag.h"
#include "io/lang.h"
#include "t.h"
#include "tcapture.h"

static char tab_path[] = "/tmp/cs-test.lang.XXXXXX";

static void
test_english(void)
{
	struct lang *l = (struct lang *)1;
	struct lang_values v;

	CHECK_INT(lang_open("en", &l), 0);
	CHECK(l == NULL);
	CHECK_STR(lang_header(NULL, "fee"), "fee");
	CHECK_STR(lang_text(NULL, "By %s"), "By %s");
	CHECK_STR(lang_value(NULL, "status", "quote"), "quote");
	CHECK_STR(lang_tag(NULL), "en");
	v = lang_values(NULL, "status");
	CHECK(v.n == 0 && v.e == NULL);
	lang_free(NULL);
}

static void
test_zh(void)
{
	struct lang *l;
	struct lang_values v;
	const struct lang_entry *e;

	CHECK_INT(lang_open("zh", &l), 0);
	CHECK(l != NULL);
	CHECK_STR(lang_header(l, "region"), "地区");
	CHECK_STR(lang_header(l, "fee"), "运费");
	CHECK_STR(lang_header(l, "status"), "状态");
	CHECK_STR(lang_header(l, "eta_earliest"), "预计最早送达");
	/* Not in the table: unchanged. */
	CHECK_STR(lang_header(l, "收货地址"), "收货地址");
	/* The same English word in two contexts. */
	CHECK_STR(lang_header(l, "resolved"), "已解决");
	CHECK_STR(lang_value(l, "group", "resolved"), "已解决");
	CHECK_STR(lang_text(l, "tickets"), "工单");
	CHECK_STR(lang_header(l, "tickets"), "工单数");
	CHECK_STR(lang_value(l, "status", "quote"), "另算");
	CHECK_STR(lang_value(l, "status", "overdue"), "已超时");
	CHECK_STR(lang_value(l, "tier", "jzh"), "江浙沪");
	/* A value of another column is not translated. */
	CHECK_STR(lang_value(l, "fee", "quote"), "quote");
	CHECK_STR(lang_tag(l), "zh-CN");
	v = lang_values(l, "extend_receipt");
	CHECK_INT(v.n, 2);
	e = lang_values_get(&v, "yes", 3);
	CHECK(e != NULL && strcmp(e->zh, "是") == 0 && e->plain);
	CHECK(lang_values_get(&v, "ye", 2) == NULL);
	CHECK(lang_values_get(&v, "yess", 4) == NULL);
	CHECK_INT(lang_values(l, "no-such-column").n, 0);
	lang_free(l);
	CHECK_INT(lang_open("zh_CN", &l), 0);
	CHECK(l != NULL);
	lang_free(l);
}

/* Open the table TEXT from a file; returns lang_open()'s result. */
static int
open_text(const char *text, struct lang **l, const char **err)
{
	int rc;

	t_write_file(tab_path, text);
	capture_begin();
	rc = lang_open(tab_path, l);
	*err = capture_end();
	return rc;
}

static void
test_files(void)
{
	struct lang *l;
	const char *err;

	CHECK_INT(open_text("# mine\ncontext,en,zh\nheader,fee,邮费\n"
	    "text,\"Tickets: %llu (rows read %llu, rejected %llu)\","
	    "共%llu单，读%llu行，拒%llu行\n", &l, &err), 0);
	CHECK_STR(err, "");
	CHECK_STR(lang_header(l, "fee"), "邮费");
	CHECK_STR(lang_header(l, "region"), "region");
	lang_free(l);
	/* Conversions that differ would print the wrong argument. */
	CHECK_INT(open_text("context,en,zh\ntext,By %s,按%d\n", &l, &err), -1);
	CHECK(l == NULL);
	CHECK(strstr(err, ":2: '按%d' must have the %-conversions of 'By %s'") !=
	    NULL);
	CHECK_INT(open_text("context,en,zh\ntext,%s of %llu,%llu的%s\n", &l,
	    &err), -1);
	CHECK(strstr(err, "in the same order") != NULL);
	CHECK_INT(open_text("context,en,zh\ntext,none %s,100% %s\n", &l,
	    &err), -1);
	/* "%%" is a percent sign, not a conversion. */
	CHECK_INT(open_text("context,en,zh\ntext,%d%% of %s,%s的%d%%\n", &l,
	    &err), -1);
	CHECK_INT(open_text("context,en,zh\ntext,%d%% of %s,%d%%：%s\n", &l,
	    &err), 0);
	lang_free(l);
	CHECK_INT(open_text("context,en,zh\nvalues,quote,另算\n", &l, &err), -1);
	CHECK(strstr(err, ":2: context: expected header, value:COLUMN") != NULL);
	CHECK_INT(open_text("context,en,zh\nheader,fee,\n", &l, &err), -1);
	CHECK(strstr(err, ":2: empty zh") != NULL);
	CHECK_INT(open_text("context,en,zh\nheader,fee,运费\nheader,fee,邮费\n",
	    &l, &err), -1);
	CHECK(strstr(err, "'fee' is translated twice in context 'header'") !=
	    NULL);
	CHECK_INT(open_text("key,value\nfee,运费\n", &l, &err), -1);
	CHECK(strstr(err, "expected the columns context, en and zh") != NULL);
	capture_begin();
	CHECK_INT(lang_open("fr", &l), -1);
	err = capture_end();
	CHECK(strstr(err, "--lang: expected en, zh or a translation file, "
	    "got 'fr'") != NULL);
	capture_begin();
	CHECK_INT(lang_open("/nonexistent/lang.csv", &l), -1);
	err = capture_end();
	CHECK(strstr(err, "/nonexistent/lang.csv") != NULL);
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
	test_english();
	test_zh();
	test_files();
	unlink(tab_path);
	unlink(err_path);
	return t_done();
}
