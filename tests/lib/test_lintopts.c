/*
 * Unit tests of the option values cs-lint parses in lib/lint/lint.c:
 * --discount-limit N[@YUAN] and --fail-on LEVEL, good and bad, with the
 * message a bad one prints.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/diag.h"
#include "lint/lint.h"
#include "t.h"
#include "tcapture.h"

/* --discount-limit ARG: 0 and the figures, or -1 with no change. */
static void
good(const char *arg, int tenths, long from)
{
	struct lint l;

	lint_defaults(&l);
	CHECK_INT(lint_set_discount(&l, arg), 0);
	CHECK_INT(l.disc_tenths, tenths);
	CHECK_INT(l.disc_from, from);
	lint_free(&l);
}

static void
bad(const char *arg)
{
	struct lint l;
	char want[256];

	lint_defaults(&l);
	capture_begin();
	CHECK_INT(lint_set_discount(&l, arg), -1);
	snprintf(want, sizeof want, "test_lintopts: --discount-limit: expected "
	    "N[@YUAN] such as 9@300 or 8.5, got '%s'\n", arg);
	CHECK_STR(capture_end(), want);
	CHECK_INT(l.disc_tenths, 90);	/* the defaults, untouched */
	CHECK_INT(l.disc_from, 300);
	lint_free(&l);
}

static void
test_discount(void)
{
	good("9", 90, 0);
	good("8.5", 85, 0);
	good("8.5折", 85, 0);
	good("9@300", 90, 300);
	good("9折@300元", 90, 300);
	good("1@0", 10, 0);
	good("9@100000000", 90, 100000000);
	good("9@0000000000000000000300", 90, 300);	/* zeros do not count */
	bad("10");
	bad("0");
	bad("9.");
	bad("8.55");
	bad("9@");
	bad("9@-3");
	bad("9@ 3");
	bad("9@3x");
	bad("9@100000001");
	bad("9@99999999999999999999999");
	bad("9@300元元");
	bad("");
}

static void
test_fail_on(void)
{
	struct lint l;

	lint_defaults(&l);
	CHECK_INT(l.fail_on, LINT_WARNING);
	CHECK_INT(lint_set_fail_on(&l, "error"), 0);
	CHECK_INT(l.fail_on, LINT_ERROR);
	CHECK_INT(lint_set_fail_on(&l, "warning"), 0);
	CHECK_INT(l.fail_on, LINT_WARNING);
	capture_begin();
	CHECK_INT(lint_set_fail_on(&l, "Error"), -1);
	CHECK_STR(capture_end(), "test_lintopts: --fail-on: expected error or "
	    "warning, got 'Error'\n");
	CHECK(l.fail_on == LINT_WARNING);	/* unchanged */
	lint_free(&l);
}

int
main(void)
{
	int fd;

	diag_set_progname("test_lintopts");
	if ((fd = mkstemp(err_path)) < 0)
		return 2;
	close(fd);
	test_discount();
	test_fail_on();
	unlink(err_path);
	return t_done();
}
