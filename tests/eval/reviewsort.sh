#!/bin/sh
# Accuracy of cs-reviewsort on the labelled development reviews
# (tests/eval/data/reviews-dev.csv; see tests/eval/data/README.md):
# accuracy over all rows, macro-F1 over quality/service/logistics/mood,
# per-class precision and recall, and the confusion matrix.  Run by
# `make eval` with the built tools first in PATH.
set -e
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$here/data/reviews-dev.csv}
LC_ALL=C.UTF-8
export LC_ALL
# JSON lines keep one review per line whatever the text holds.
cs-reviewsort --all --format json "$data" |
sed -n 's/.*"primary":"\([a-z]*\)".*"category":"\([a-z]*\)".*/\1 \2/p' |
awk '
BEGIN { n = split("quality service logistics mood other", cls, " ") }
{ gold[NR] = $1; pred[NR] = $2; m[$1, $2]++; g[$1]++; p[$2]++; if ($1 == $2) ok++ }
END {
	if (NR == 0) { print "no rows scored"; exit 1 }
	printf "rows      %d\n", NR
	printf "accuracy  %.3f\n", ok / NR
	f1sum = 0
	printf "\n%-10s %9s %9s %9s %6s\n", "class", "precision", "recall", "F1", "gold"
	for (i = 1; i <= n; i++) {
		c = cls[i]
		pr = p[c] ? m[c, c] / p[c] : 0
		rc = g[c] ? m[c, c] / g[c] : 0
		f1 = pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0
		if (i <= 4) f1sum += f1
		printf "%-10s %9.3f %9.3f %9.3f %6d\n", c, pr, rc, f1, g[c]
	}
	printf "\nmacro-F1 (quality, service, logistics, mood)  %.3f\n", f1sum / 4
	printf "\nconfusion (rows: label, columns: cs-reviewsort)\n%-10s", ""
	for (j = 1; j <= n; j++) printf " %9s", cls[j]
	printf "\n"
	for (i = 1; i <= n; i++) {
		printf "%-10s", cls[i]
		for (j = 1; j <= n; j++) printf " %9d", m[cls[i], cls[j]]
		printf "\n"
	}
}'
