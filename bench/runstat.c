/*
 * runstat [-o FILE] CMD [ARG...]: run CMD with stdout to /dev/null (or to
 * FILE: GNU grep stops at its first match when it writes to /dev/null) and
 * print, on one line, its CPU seconds (user + system) and peak resident
 * set in KB, from wait4().  The benchmarks use it instead of time(1) or a script language
 * so that neither the timer's own start-up nor its memory is counted.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *out = "/dev/null";
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: runstat [-o FILE] CMD [ARG...]\n");
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("runstat: fork");
		return 2;
	}
	if (pid == 0) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0)
			dup2(fd, 1);
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runstat: wait4");
		return 2;
	}
	printf("%.4f %ld\n", ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6, ru.ru_maxrss);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "runstat: %s failed\n", argv[1]);
		return 1;
	}
	return 0;
}
