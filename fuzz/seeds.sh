#!/bin/sh
# Seed corpus for one fuzz harness, from the test fixtures and samples.
#
#   sh fuzz/seeds.sh HARNESS DIR    (run from the top of the tree)
#
# Each harness reads its input in its own layout (see the harness's header
# comment), so the fixtures get the prefix bytes that harness expects.
# Files over 64 KiB are left out: they slow the fuzzer down.
set -eu
h=$1
d=$2
rm -rf "$d"
mkdir -p "$d"
n=0

# put PREFIX FILE: one seed holding the printf-format PREFIX then FILE.
put() {
	[ -f "$2" ] || return 0
	[ "$(wc -c < "$2")" -le 65536 ] || return 0
	n=$((n + 1))
	{ printf "$1"; cat "$2"; } > "$d/seed$n"
}

# lines FILE...: one seed per line (up to 400), fields split at commas and tabs.
lines() {
	cat "$@" 2>/dev/null | tr ',\t' '\n\n' | awk 'length($0) > 0 && !seen[$0]++' |
	    head -400 | awk -v d="$d" '{ f = d "/line" NR; print > f; close(f) }'
}

fixtures() {
	ls tests/*/*.in data/samples/*.csv 2>/dev/null
}

case $h in
csvin)
	i=0
	for f in $(fixtures); do
		case $((i % 4)) in
		0) put ',\000' "$f" ;;
		1) put ',\001' "$f" ;;
		2) put '\t\000' "$f" ;;
		3) put ';\012' "$f" ;;
		esac
		i=$((i + 1))
	done ;;
enc)
	for f in $(fixtures); do
		put '\000\002\005\007\013' "$f"
		put '\003\002\001\003\011' "$f"
	done ;;
region)
	lines tests/cs-shipcost/*.in tests/region/addresses.tsv data/samples/taobao-orders.csv ;;
timeparse)
	lines tests/cs-eta/*.in tests/cs-stats/*.in data/samples/orders-shipped.csv ;;
match)
	i=0
	for f in tests/cs-reviewsort/*.in tests/cs-lint/*.in data/samples/reviews.csv; do
		i=$((i + 1))
		[ $i -le 60 ] || break
		put '质量\n慢\n快递\n不\n\n' "$f"
	done
	printf 'ab\nb\nbab\n\nababab 臺灣ＡＢ 台湾ab\n' > "$d/plain" ;;
df_rates)
	put '' data/rates.csv
	for f in tests/cs-shipcost/*rates* ; do put '' "$f"; done ;;
df_weights)
	put '' data/samples/weights.csv
	for f in tests/cs-shipcost/*weights* ; do put '' "$f"; done ;;
df_holidays)
	put '' data/holidays.csv
	for f in tests/cs-eta/*holidays* ; do put '' "$f"; done ;;
df_lexicon)
	put '' data/lexicon.csv
	for f in tests/cs-reviewsort/*lexicon* ; do put '' "$f"; done ;;
df_lintrules)
	put '' data/lint-rules.txt
	for f in tests/cs-lint/*.rules ; do put '' "$f"; done ;;
df_transit)
	put '' data/transit.csv
	for f in tests/cs-eta/*transit* ; do put '' "$f"; done ;;
df_gazetteer)
	# The real list is too big to mutate usefully: its first 300 lines.
	head -300 data/divisions.csv > "$d/head"
	for f in tests/cs-shipcost/*gazetteer* ; do put '' "$f"; done ;;
tool_*)
	t=${h#tool_}
	i=0
	for f in tests/cs-$t/*.in data/samples/*.csv; do
		put "\\$(printf '%03o' $((i % 12)))" "$f"
		i=$((i + 1))
	done ;;
*)
	echo "seeds.sh: unknown harness '$h'" >&2
	exit 2 ;;
esac
