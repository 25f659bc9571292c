#!/bin/sh
# What a large --lexicon costs cs-reviewsort: peak memory and the CPU time
# of loading it and building its automaton, for 1,000, 10,000 and 100,000
# random terms of two to seven ideographs (bench/gen-review-lexicon.awk),
# over a one-review input so that only the build counts.  Targets: at most
# 200 MB for 100,000 terms, and under 2 s of build for 10,000 (the
# matcher's memory is linear in the lexicon, lib/text/match.c).  The baseline
# is the same run with the embedded lexicon only.  Times are CPU seconds,
# the median of five (bench/lib.sh).
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench-lexicon.XXXXXX")
trap 'rm -rf "$w"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
. "$top/bench/lib.sh"

echo '质量太差了' > "$w/one.txt"
base=$(best "$O/bin/cs-reviewsort" --text --all "$w/one.txt")
basekb=$(peak_kb "$O/bin/cs-reviewsort" --text --all "$w/one.txt")
printf 'embedded lexicon only:   %.3f s CPU, %6.1f MB peak\n' "$base" "$(echo "$basekb" | awk '{ print $1 / 1024 }')"
for n in 1000 10000 100000; do
	awk -v n="$n" -v seed=3 -v min=2 -v max=7 \
	    -f "$top/bench/gen-review-lexicon.awk" > "$w/lex.csv"
	t=$(best "$O/bin/cs-reviewsort" --text --all --lexicon "$w/lex.csv" "$w/one.txt")
	kb=$(peak_kb "$O/bin/cs-reviewsort" --text --all --lexicon "$w/lex.csv" "$w/one.txt")
	awk -v n="$n" -v t="$t" -v b="$base" -v kb="$kb" -v sz="$(wc -c < "$w/lex.csv")" 'BEGIN {
		target = n == 10000 ? "  (target: build < 2 s)" : n == 100000 ? "  (target: <= 200 MB)" : ""
		printf "+%6d terms (%5.0f KB): %.3f s CPU (build %.3f s), %6.1f MB peak%s\n",
		    n, sz / 1024, t, t - b, kb / 1024, target
	}'
done
