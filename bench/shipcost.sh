#!/bin/sh
# cs-shipcost throughput as a ratio to the libcsv parse-only baseline and to
# mawk doing the same job, on 1M generated orders; peak RSS at 1M and 5M.
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$top/bench/lib.sh"
cc -O2 -o "$w/parse-only" "$top/bench/parse-only.c" -lcsv
awk -v n=1000000 -v seed=42 -f "$top/bench/gen-orders.awk" > "$w/1m.csv"
size=$(wc -c < "$w/1m.csv")

base=$(best "$w/parse-only" "$w/1m.csv")
tool=$(best "$O/bin/cs-shipcost" "$w/1m.csv")
mawk_t=
if command -v mawk >/dev/null; then
	mawk_t=$(best mawk -f "$top/bench/shipcost-mawk.awk" "$w/1m.csv")
fi
awk -v r="$BENCH_RUNS" -v s="$size" -v b="$base" -v t="$tool" -v m="$mawk_t" 'BEGIN {
	printf "input: 1M orders, %.1f MB\n", s / 1e6
	printf "CPU seconds (user + system), median of %d runs:\n", r
	printf "parse-only baseline: %.3f s (%.0f MB/s)\n", b, s / b / 1e6
	printf "cs-shipcost:         %.3f s (%.0f MB/s) = %.2fx the baseline (target >= 0.75x)\n", t, s / t / 1e6, b / t
	if (m != "") printf "mawk, same job:      %.3f s = %.2fx the baseline; cs-shipcost is %.2fx mawk\n", m, b / m, m / t
}'
echo "peak RSS, 1M rows: $(peak_kb "$O/bin/cs-shipcost" "$w/1m.csv") KB"
awk -v n=5000000 -v seed=7 -f "$top/bench/gen-orders.awk" > "$w/5m.csv"
echo "peak RSS, 5M rows: $(peak_kb "$O/bin/cs-shipcost" "$w/5m.csv") KB (target < 16384, flat)"
