#!/bin/sh
# cs-eta throughput on 1M generated shipped orders, as a ratio to a
# parse-only baseline (libcsv over the same file, 64 KiB reads, fields
# counted and nothing else), both in CPU seconds (bench/lib.sh), and peak
# RSS at 1M and 3M rows (flat: memory must not grow with the input).  Self-contained: the generator is
# bench/gen-eta-orders.awk, the baseline is compiled from this script.
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench-eta.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$top/bench/lib.sh"

cat > "$w/base.c" <<'C'
#include <csv.h>
#include <stdio.h>

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
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &fields) != n)
			return 1;
	csv_fini(&p, on_field, on_record, &fields);
	csv_free(&p);
	printf("%lu\n", fields);
	return 0;
}
C
cc -O2 -o "$w/base" "$w/base.c" -lcsv
awk -v n=1000000 -v seed=42 -f "$top/bench/gen-eta-orders.awk" > "$w/1m.csv"
size=$(wc -c < "$w/1m.csv")

eta() { "$O/bin/cs-eta" --today 2026-11-23 "$@"; }
# The generated rows are all valid: any diagnostic is a bug, not noise.
if ! eta "$w/1m.csv" 2> "$w/err" > "$w/out"; then
	echo "cs-eta reported problems on generated input:"; head -5 "$w/err"
	exit 1
fi
base=$(best "$w/base" "$w/1m.csv")
tool=$(best "$O/bin/cs-eta" --today 2026-11-23 "$w/1m.csv")
awk -v r="$BENCH_RUNS" -v s="$size" -v b="$base" -v t="$tool" 'BEGIN {
	printf "input: 1M orders, %.1f MB\n", s / 1e6
	printf "CPU seconds (user + system), median of %d runs:\n", r
	printf "parse-only baseline: %.3f s (%.0f MB/s)\n", b, s / b / 1e6
	printf "cs-eta:              %.3f s (%.0f MB/s) = %.2fx the baseline (target >= 0.7x)\n", t, s / t / 1e6, b / t
}'
echo "peak RSS, 1M rows: $(peak_kb "$O/bin/cs-eta" --today 2026-11-23 "$w/1m.csv") KB"
awk -v n=3000000 -v seed=7 -f "$top/bench/gen-eta-orders.awk" > "$w/3m.csv"
echo "peak RSS, 3M rows: $(peak_kb "$O/bin/cs-eta" --today 2026-11-23 "$w/3m.csv") KB (flat)"
