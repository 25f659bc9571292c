/*
 * Unit tests of lib/reviews/playbook.c: the embedded playbook gives every
 * category its step, a shop's file replaces only the categories it names
 * (English or Chinese), and a bad file is refused at FILE:LINE.
 */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reviews/playbook.h"
#include "t.h"
#include "tcapture.h"

static char pb_path[] = "/tmp/cs-test-playbook.XXXXXX";

static void
test_embedded(void)
{
	struct playbook pb;

	playbook_init(&pb);
	CHECK_INT(playbook_load(&pb, NULL), 0);
	CHECK(strstr(pb.action[RV_QUALITY], "运费") != NULL);
	CHECK(strstr(pb.action[RV_SERVICE], "道歉") != NULL);
	CHECK(strstr(pb.action[RV_LOGISTICS], "延误") != NULL);
	CHECK(strstr(pb.action[RV_MOOD], "第二天") != NULL);
	CHECK_STR(pb.action[RV_OTHER], "");
	CHECK_INT(pb.len[RV_QUALITY], strlen(pb.action[RV_QUALITY]));
	playbook_free(&pb);
	CHECK(pb.action[RV_QUALITY] == NULL);
}

static void
test_override(void)
{
	struct playbook pb;

	t_write_file(pb_path, "# ours\ncategory,action\n物流,先查物流再回复\n"
	    "other,谢谢\n");
	playbook_init(&pb);
	CHECK_INT(playbook_load(&pb, NULL), 0);
	CHECK_INT(playbook_load(&pb, pb_path), 0);
	CHECK_STR(pb.action[RV_LOGISTICS], "先查物流再回复");
	CHECK_STR(pb.action[RV_OTHER], "谢谢");
	CHECK(strstr(pb.action[RV_QUALITY], "运费") != NULL);	/* kept */
	playbook_free(&pb);
}

/* The messages of loading TEXT as a playbook, which must fail. */
static const char *
bad(const char *text)
{
	struct playbook pb;
	const char *err;
	int rc;

	t_write_file(pb_path, text);
	playbook_init(&pb);
	capture_begin();
	rc = playbook_load(&pb, pb_path);
	err = capture_end();
	playbook_free(&pb);
	CHECK_INT(rc, -1);
	return err;
}

static void
test_bad(void)
{
	char want[128];

	snprintf(want, sizeof(want), "%s:3: unknown category 'price'", pb_path);
	CHECK(strstr(bad("category,action\nmood,a\nprice,b\n"), want) != NULL);
	snprintf(want, sizeof(want), "%s:3: duplicate category '质量' "
	    "(first at line 2)", pb_path);
	CHECK(strstr(bad("category,action\nquality,a\n质量,b\n"), want) != NULL);
	CHECK(strstr(bad("cat,step\nmood,a\n"), "not a playbook") != NULL);
}

int
main(void)
{
	int fd;

	if ((fd = mkstemp(err_path)) < 0 || close(fd) != 0 ||
	    (fd = mkstemp(pb_path)) < 0 || close(fd) != 0) {
		perror("mkstemp");
		return 2;
	}
	test_embedded();
	test_override();
	test_bad();
	unlink(err_path);
	unlink(pb_path);
	return t_done();
}
