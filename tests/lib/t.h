#ifndef CS_TEST_T_H
#define CS_TEST_T_H

/*
 * A minimal unit-test kit: CHECK() counts and reports, t_done() prints the
 * tally and gives main()'s exit status.  Each test program includes this
 * header once.
 */

#include <stdio.h>
#include <string.h>

static int t_checks, t_failed;

#define CHECK(cond) t_check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) t_check_str((got), (want), __FILE__, __LINE__)
#define CHECK_INT(got, want) t_check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

static void
t_check(int ok, const char *what, const char *file, int line)
{
	t_checks++;
	if (!ok) {
		t_failed++;
		printf("%s:%d: check failed: %s\n", file, line, what);
	}
}

static void
t_check_str(const char *got, const char *want, const char *file, int line)
{
	t_checks++;
	if (got == NULL || strcmp(got, want) != 0) {
		t_failed++;
		printf("%s:%d: got '%s', want '%s'\n", file, line,
		    got ? got : "(null)", want);
	}
}

static void
t_check_int(long long got, long long want, const char *what, const char *file, int line)
{
	t_checks++;
	if (got != want) {
		t_failed++;
		printf("%s:%d: %s is %lld, want %lld\n", file, line, what, got, want);
	}
}

static int
t_done(void)
{
	printf("%d checks, %d failed\n", t_checks, t_failed);
	if (t_checks == 0)
		printf("no checks ran: a test program that checks nothing fails\n");
	return t_failed != 0 || t_checks == 0;
}

#endif
