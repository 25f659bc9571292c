# --partial on 4 chunks of a generated 100k-ticket log, then --merge, gives
# byte for byte what one run over the whole log gives: the default table,
# a grouped and periodic one with --compare-previous, and the report (as
# text, and as the HTML page in Chinese).
set -eu
t=${TMPDIR:-/tmp}/cs-stats-merge.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
awk -v n=100000 -v seed=5 -f "$top/bench/gen-stats.awk" > "$t/log.csv"
head -1 "$t/log.csv" > "$t/hdr"
tail -n +2 "$t/log.csv" | split -l 25000 - "$t/chunk."
for c in "$t"/chunk.a?; do
	cat "$t/hdr" "$c" > "$c.csv"
done
fail=0
check() {
	# $1: a name, $2: options of the final runs only; the rest: options
	# given to every run
	name=$1 final=$2; shift 2
	for c in "$t"/chunk.a?.csv; do
		cs-stats --partial "$@" "$c" > "$c.state"
	done
	cs-stats $final "$@" "$t/log.csv" > "$t/one.$name"
	cs-stats --merge $final "$@" "$t"/chunk.a?.csv.state > "$t/merged.$name"
	if ! cmp "$t/one.$name" "$t/merged.$name"; then
		echo "$name: merged result differs"
		diff "$t/one.$name" "$t/merged.$name" | head -10
		fail=1
	fi
}
check plain "" --today 2026-12-01
check grouped "" --by category,agent --period week --compare-previous --today 2026-12-01
check html "-f html --lang zh" --by category,agent --period week --compare-previous --today 2026-12-01
check report --report --by product --period month
# a state of states merges the same way
cs-stats --merge --partial --by product --period month "$t"/chunk.aa.csv.state "$t"/chunk.ab.csv.state > "$t/ab.state"
cs-stats --merge --report --by product --period month "$t/ab.state" "$t"/chunk.ac.csv.state "$t"/chunk.ad.csv.state > "$t/merged2"
cmp "$t/one.report" "$t/merged2" || { echo "merge of merged states differs"; fail=1; }
[ "$(wc -l < "$t/one.grouped")" -gt 100 ] || { echo "too few groups"; fail=1; }
exit $fail
