#!/bin/sh
# Precision and recall of cs-lint for "has a violation" on the labelled
# agent replies (tests/eval/data/lint-dev.csv, columns id,source,text,
# violation,rule,span; see tests/eval/data/README.md), or on the file given
# as $1 (same columns).  A reply counts as flagged when cs-lint, with its
# default rules, reports any finding for it.  Run by `make eval` with the
# built tools first in PATH.
set -e
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-$here/data/lint-dev.csv}
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cs-lint-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Gold labels: id and violation, read with a small RFC 4180 splitter
# (quoted fields may hold commas, doubled quotes and newlines).
awk '
function flush(   i, n, c, f, q, out) {
	n = 0; f = ""; q = 0
	for (i = 1; i <= length(rec); i++) {
		c = substr(rec, i, 1)
		if (q) {
			if (c == "\"" && substr(rec, i + 1, 1) == "\"") { f = f c; i++ }
			else if (c == "\"") q = 0
			else f = f c
		} else if (c == "\"") q = 1
		else if (c == ",") { fld[++n] = f; f = "" }
		else f = f c
	}
	fld[++n] = f
	return n
}
function balanced(s,   t) { t = s; return gsub(/"/, "", t) % 2 == 0 }
{
	rec = (pending == "" ? $0 : pending "\n" $0)
	if (!balanced(rec)) { pending = rec; next }
	pending = ""
	sub(/\r$/, "", rec)
	n = flush()
	if (!hdr) {
		for (i = 1; i <= n; i++) { if (fld[i] == "id") ci = i; if (fld[i] == "violation") cv = i }
		if (!ci || !cv) { print "lint.sh: no id/violation columns" > "/dev/stderr"; exit 2 }
		hdr = 1; next
	}
	print fld[ci] "\t" (fld[cv] == "yes" ? 1 : 0)
}' "$data" > "$tmp/gold"

# Flagged ids: the id column of the findings (TSV keeps one per line).
status=0
cs-lint --csv -f tsv "$data" > "$tmp/found" || status=$?
[ "$status" -le 1 ] || { echo "lint.sh: cs-lint failed ($status)"; exit 1; }
cut -f3 "$tmp/found" | sed 1d | sort -u > "$tmp/flagged"

awk -F '\t' '
NR == FNR { flagged[$1] = 1; next }
{
	n++; gold = $2; pred = ($1 in flagged)
	if (gold && pred) tp++
	else if (pred) { fp++; fps = fps " " $1 }
	else if (gold) { fn++; fns = fns " " $1 }
}
END {
	if (n == 0) { print "no rows scored"; exit 1 }
	p = tp + fp ? tp / (tp + fp) : 0
	r = tp + fn ? tp / (tp + fn) : 0
	printf "rows       %d (%d with a violation)\n", n, tp + fn
	printf "flagged    %d (true %d, false %d, missed %d)\n", tp + fp, tp, fp, fn
	printf "precision  %.3f   (target >= 0.90)\n", p
	printf "recall     %.3f   (target >= 0.85)\n", r
	printf "F1         %.3f\n", p + r ? 2 * p * r / (p + r) : 0
	if (fps != "") printf "false alarms:%s\n", fps
	if (fns != "") printf "missed:%s\n", fns
}' "$tmp/flagged" "$tmp/gold"
