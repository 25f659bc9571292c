/*
 * The baseline of the benchmarks: read a CSV file with libcsv exactly as
 * the tools do (64 KiB reads, the same parser options) and do nothing with
 * the fields but count them.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void
on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	++*(unsigned long *)data;
}

static void
on_record(int c, void *data)
{
	(void)c;
	(void)data;
}

static int
keep_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	unsigned long fields = 0;
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : stdin;
	size_t n;

	if (fp == NULL || csv_init(&p, CSV_APPEND_NULL) != 0)
		return 2;
	csv_set_space_func(&p, keep_space);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &fields) != n)
			return 1;
	csv_fini(&p, on_field, on_record, &fields);
	csv_free(&p);
	printf("%lu\n", fields);
	return 0;
}
