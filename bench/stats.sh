#!/bin/sh
# cs-stats throughput on 1M generated tickets as a ratio to the libcsv
# parse-only baseline (target >= 0.6x), and its memory: peak RSS at 1M and
# 2M tickets, and the bytes each further ticket costs (exact percentiles
# keep every duration, duplicate detection every ticket id).
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$top/bench/lib.sh"
cc -O2 -o "$w/parse-only" "$top/bench/parse-only.c" -lcsv
awk -v n=1000000 -v seed=42 -f "$top/bench/gen-stats.awk" > "$w/1m.csv"
awk -v n=2000000 -v seed=43 -f "$top/bench/gen-stats.awk" > "$w/2m.csv"
size=$(wc -c < "$w/1m.csv")

# (No "driver alone" line: cs-stats refuses, with status 2, a file with
# none of the columns of a ticket log, so there is no run without work.)
base=$(best "$w/parse-only" "$w/1m.csv")
plain=$(best "$O/bin/cs-stats" "$w/1m.csv")
grouped=$(best "$O/bin/cs-stats" --by category,agent --period week "$w/1m.csv")
report=$(best "$O/bin/cs-stats" --report --by category "$w/1m.csv")
awk -v s="$size" -v b="$base" -v t="$plain" -v g="$grouped" -v r="$report" 'BEGIN {
	printf "input: 1M tickets, %.1f MB\n", s / 1e6
	printf "parse-only baseline:         %.2f s CPU\n", b
	printf "cs-stats (table):            %.2f s = %.2fx the baseline (target >= 0.6x)\n", t, b / t
	printf "cs-stats --by 2 --period:    %.2f s = %.2fx\n", g, b / g
	printf "cs-stats --report (buyers, alerts too): %.2f s = %.2fx\n", r, b / r
}'
for mode in "" --report; do
	m1=$(peak_kb "$O/bin/cs-stats" $mode "$w/1m.csv")
	m2=$(peak_kb "$O/bin/cs-stats" $mode "$w/2m.csv")
	awk -v a="$m1" -v b="$m2" -v m="${mode:-table}" 'BEGIN {
		printf "peak RSS (%s): %d KB at 1M tickets, %d KB at 2M: %.0f bytes per ticket\n",
		    m, a, b, (b - a) * 1024 / 1e6
	}'
done
