#!/bin/sh
# cs-reviewsort throughput on 1M generated reviews as a ratio to the libcsv
# parse-only baseline (target >= 0.35x, with the model deciding every
# review's category), and its slowdown with a lexicon of
# twice the size (target < 10 %: the Aho-Corasick scan does not depend on
# the number of terms).  Times are CPU seconds, the median of five
# (bench/lib.sh).
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
cc -O2 -o "$w/parse-only" "$top/bench/parse-only.c" -lcsv
awk -v n=1000000 -v seed=42 -f "$top/bench/gen-reviews.awk" > "$w/1m.csv"
awk -v n=100000 -v seed=42 -f "$top/bench/gen-reviews.awk" > "$w/100k.csv"
size=$(wc -c < "$w/1m.csv")
terms=$(grep -c -v -e '^#' -e '^term,' "$top/data/lexicon.csv")
awk -v n="$terms" -v seed=1 -f "$top/bench/gen-review-lexicon.awk" > "$w/extra.csv"

. "$top/bench/lib.sh"

base=$(best "$w/parse-only" "$w/1m.csv")
tool=$(best "$O/bin/cs-reviewsort" --all "$w/1m.csv")
filt=$(best "$O/bin/cs-reviewsort" "$w/1m.csv")
dbl=$(best "$O/bin/cs-reviewsort" --all --lexicon "$w/extra.csv" "$w/1m.csv")
summ=$(best "$O/bin/cs-reviewsort" --by 宝贝标题 "$w/1m.csv")
# The same run with the one-character rating column as the text: what the
# shared driver (decoding, CSV, output) costs without the classifier.
drv=$(best "$O/bin/cs-reviewsort" --all -c text=评分 "$w/1m.csv")
rss1=$(peak_kb "$O/bin/cs-reviewsort" --all "$w/100k.csv")
rss2=$(peak_kb "$O/bin/cs-reviewsort" --all "$w/1m.csv")
awk -v s="$size" -v b="$base" -v t="$tool" -v f="$filt" -v d="$dbl" -v m="$summ" -v r="$drv" -v n="$terms" -v k1="$rss1" -v k2="$rss2" 'BEGIN {
	printf "input: 1M reviews, %.1f MB; lexicon %d terms\n", s / 1e6, n
	printf "parse-only baseline:           %.3f s CPU (%.0f MB/s)\n", b, s / b / 1e6
	printf "cs-reviewsort --all:           %.3f s (%.0f MB/s) = %.2fx the baseline (target >= 0.35x)\n", t, s / t / 1e6, b / t
	printf "cs-reviewsort (rating <= 3):   %.3f s = %.2fx the baseline\n", f, b / f
	printf "cs-reviewsort --by 宝贝标题:   %.3f s = %.2fx the baseline\n", m, b / m
	printf "driver alone (no classifier):  %.3f s = %.2fx the baseline; classifier %.0f MB/s\n", r, b / r, s / (t - r) / 1e6
	printf "lexicon doubled (%d terms):  %.3f s: %+.1f%% (target < 10%%)\n", 2 * n, d, (d / t - 1) * 100
	printf "peak RSS --all: %.1f MB at 100k reviews, %.1f MB at 1M (target: flat)\n", k1 / 1024, k2 / 1024
}'
