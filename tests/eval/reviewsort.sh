#!/bin/sh
# Accuracy of cs-reviewsort on labelled reviews it never learnt from:
# the validation split of data/train/reviews-labelled.csv (the rows whose
# split is "validation": the build trains on the others) and the
# development set tests/eval/data/reviews-dev.csv (see the READMEs beside
# them).  For each: accuracy over all rows, macro-F1 over
# quality/service/logistics/mood, per-class precision, recall and F1, and
# the confusion matrix.  Then a learning curve (models trained with
# --train on the first 500, 1,000 and 2,000 rows of the train split, and
# the built-in one on all of it, measured on the validation split) and
# the figure on traditional-character copies of the validation rows
# (OpenCC s2t).  Run by `make eval` with the built tools first in PATH.
set -e
here=$(cd "$(dirname "$0")" && pwd)
top=${top:-$(cd "$here/../.." && pwd)}
labelled=$O/gen/reviews-labelled.csv	# joined by the build from data/train/reviews-labelled-*.csv
dev=$here/data/reviews-dev.csv
LC_ALL=C.UTF-8
export LC_ALL
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-eval.XXXXXX")
trap 'rm -rf "$w"' EXIT

# pairs FILE [OPTION ...]: "label prediction" per row of FILE; of the
# validation split only when FILE has a split column.  JSON lines keep
# one review per line whatever the text holds.
pairs() {
	f=$1
	shift
	if head -1 "$f" | grep -q ',split'; then
		cs-reviewsort --all --format json "$@" "$f" |
		sed -n 's/.*"primary":"\([a-z]*\)".*"split":"validation".*"category":"\([a-z]*\)".*/\1 \2/p'
	else
		cs-reviewsort --all --format json "$@" "$f" |
		sed -n 's/.*"primary":"\([a-z]*\)".*"category":"\([a-z]*\)".*/\1 \2/p'
	fi
}

# report [short]: the figures of the pairs on stdin; "short" prints one
# line: rows, accuracy, macro-F1.
report() {
	awk -v short="${1:-}" '
BEGIN { n = split("quality service logistics mood other", cls, " ") }
{ m[$1, $2]++; g[$1]++; p[$2]++; if ($1 == $2) ok++ }
END {
	if (NR == 0) { print "no rows scored"; exit 1 }
	f1sum = 0
	for (i = 1; i <= n; i++) {
		c = cls[i]
		pr[c] = p[c] ? m[c, c] / p[c] : 0
		rc[c] = g[c] ? m[c, c] / g[c] : 0
		f1[c] = pr[c] + rc[c] > 0 ? 2 * pr[c] * rc[c] / (pr[c] + rc[c]) : 0
		if (i <= 4) f1sum += f1[c]
	}
	if (short != "") {
		printf "%6d rows  accuracy %.3f  macro-F1 %.3f\n", NR, ok / NR, f1sum / 4
		exit 0
	}
	printf "rows      %d\n", NR
	printf "accuracy  %.3f\n", ok / NR
	printf "macro-F1 (quality, service, logistics, mood)  %.3f\n", f1sum / 4
	printf "\n%-10s %9s %9s %9s %6s\n", "class", "precision", "recall", "F1", "label"
	for (i = 1; i <= n; i++) {
		c = cls[i]
		printf "%-10s %9.3f %9.3f %9.3f %6d\n", c, pr[c], rc[c], f1[c], g[c]
	}
	printf "\nconfusion (rows: label, columns: cs-reviewsort)\n%-10s", ""
	for (j = 1; j <= n; j++) printf " %9s", cls[j]
	printf "\n"
	for (i = 1; i <= n; i++) {
		printf "%-10s", cls[i]
		for (j = 1; j <= n; j++) printf " %9d", m[cls[i], cls[j]]
		printf "\n"
	}
}'
}

ntrain=$(awk -F, 'NR > 1 && $NF == "train"' "$labelled" | wc -l)

echo "-- validation split of the labelled reviews (data/train/reviews-labelled-*.csv; never trained on)"
pairs "$labelled" > "$w/val"
report < "$w/val"

echo
echo "-- development set tests/eval/data/reviews-dev.csv"
pairs "$dev" | report

echo
echo "-- learning curve: trained on the first N rows of the train split, measured on validation"
for n in 500 1000 2000; do
	[ "$n" -lt "$ntrain" ] || continue
	# One review per line (the pool has no line breaks); split is the
	# last column and never quoted.
	awk -F, -v n="$n" 'NR == 1 || ($NF == "train" && k++ < n)' "$labelled" > "$w/t$n.csv"
	cs-reviewsort --train -o "$w/m$n" "$w/t$n.csv"
	printf '%6d train rows: ' "$n"
	pairs "$labelled" --model "$w/m$n" | report short
done
printf '%6d train rows: ' "$ntrain"
report short < "$w/val"

echo
echo "-- traditional-character copies of the validation rows (OpenCC s2t)"
if command -v opencc > /dev/null 2>&1; then
	opencc -c s2t.json -i "$labelled" -o "$w/trad.csv"
	pairs "$w/trad.csv" > "$w/valt"
	printf 'simplified:  '
	report short < "$w/val"
	printf 'traditional: '
	report short < "$w/valt"
	paste -d ' ' "$w/val" "$w/valt" | awk '{ same += $2 == $4 }
	    END { printf "same category for %d of %d rows (%.3f)\n", same, NR, same / NR }'
else
	echo "opencc not found: skipped"
fi
