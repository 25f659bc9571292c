# Scale-out: every row-wise tool gives the same rows through GNU parallel
# (4 jobs over 200 KB blocks, the header repeated to each, output kept in
# order) as in one run; cs-stats --partial chunks merged with --merge give
# the one-run table and report, through parallel and through the Hadoop
# Streaming mapper and reducer of the README (the shuffle simulated with
# sort).  See also tests/cs-stats/merge.t (split(1) chunks, merged states
# of states).
#
# What differs by design: each job names its chunk's lines, so line
# numbers in diagnostics and cs-lint findings are per chunk; they are left
# out of the comparison.
set -u
if ! command -v parallel > /dev/null 2>&1; then
	echo 'SKIP: GNU parallel is not installed'
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
TMPDIR=$t
export TMPDIR
fail=0
here=$(pwd)
par='parallel --will-cite --pipe --block 200k -j4 --keep-order'

# same NAME HEADER(yes/no) CMD...: one run and a parallel run of CMD on
# $t/in give the same rows and the same number of diagnostics.
same() {
	name=$1 hdr=$2
	shift 2
	"$@" < "$t/in" > "$t/one" 2> "$t/one.err"
	st1=$?
	if [ "$hdr" = yes ]; then
		$par --header : "$@" < "$t/in" > "$t/many" 2> "$t/many.err"
	else
		$par "$@" < "$t/in" > "$t/many" 2> "$t/many.err"
	fi
	st2=$?
	if [ "$hdr" = yes ]; then
		h=$(head -1 "$t/one")
		head -1 "$t/many" > "$t/many.rows"
		grep -vxF -e "$h" "$t/many" >> "$t/many.rows"
	else
		cp "$t/many" "$t/many.rows"
	fi
	# Line numbers are per chunk: FILE:LINE: in findings and messages,
	# the file,line fields of cs-lint -f csv.
	for f in one many.rows; do
		sed 's/^\(<stdin>\):[0-9]*:/\1:/; s/^\(<stdin>\),[0-9]*,/\1,/' "$t/$f" > "$t/$f.cmp"
	done
	n=$(wc -l < "$t/one")
	if ! cmp -s "$t/one.cmp" "$t/many.rows.cmp"; then
		echo "FAIL: $name: parallel output differs"
		diff "$t/one.cmp" "$t/many.rows.cmp" | head -10
		fail=1
	elif [ "$(wc -l < "$t/one.err")" != "$(wc -l < "$t/many.err")" ]; then
		echo "FAIL: $name: $(wc -l < "$t/one.err") diagnostics in one run, $(wc -l < "$t/many.err") in parallel"
		fail=1
	elif [ "$st1" != 0 ] && [ "$st2" = 0 ] || [ "$st1" = 0 ] && [ "$st2" != 0 ]; then
		echo "FAIL: $name: status $st1 in one run, parallel $st2"
		fail=1
	elif [ "$n" -lt 1000 ]; then
		echo "FAIL: $name: only $n lines of output: not a test"
		fail=1
	else
		echo "ok: $name ($n lines, status $st1)"
	fi
}

awk -v n=30000 -v seed=3 -f "$top/bench/gen-orders.awk" > "$t/in"
# A few bad rows, so that diagnostics and status 1 are compared too.
printf 'BAD1,浙江省杭州市,abc\nBAD2,\377\376,1\n' >> "$t/in"
same cs-shipcost yes cs-shipcost
same 'cs-shipcost json' yes cs-shipcost -f json --explain

# The Hadoop Streaming map-only recipe: three splits, only the first with
# the header, the part files concatenated after the tool's header line.
cs-shipcost < "$t/in" > "$t/one" 2> /dev/null
tail -n +2 "$t/in" | split -l 10001 - "$t/split."
{ head -1 "$t/in"; cat "$t/split.aa"; } > "$t/split.tmp"
mv "$t/split.tmp" "$t/split.aa"
CS_HEADER=$(head -1 "$t/in") sh -c '
	head -1 "$1" | cs-shipcost
	for s in "$2"/split.a?; do
		sh "$3/hadoop-row-mapper.sh" cs-shipcost < "$s"
	done' sh "$t/in" "$t" "$here" > "$t/mapped" 2> /dev/null
rm -f "$t"/split.*
if cmp -s "$t/one" "$t/mapped"; then
	echo "ok: cs-shipcost: Hadoop map-only job"
else
	echo "FAIL: cs-shipcost: Hadoop map-only result differs"
	diff "$t/one" "$t/mapped" | head -10
	fail=1
fi
awk -v n=30000 -v seed=3 -f "$top/bench/gen-eta-orders.awk" > "$t/in"
same cs-eta yes cs-eta --today 2026-11-23
same 'cs-eta --overdue' yes cs-eta --today 2026-11-30 --overdue
awk -v n=30000 -v seed=3 -f "$top/bench/gen-reviews.awk" > "$t/in"
same cs-reviewsort yes cs-reviewsort
same 'cs-reviewsort --all' yes cs-reviewsort --all -f tsv
awk -v n=20000 -v seed=3 -v bad=30 -f "$top/bench/gen-lint-replies.awk" > "$t/in"
same 'cs-lint text' no cs-lint
{ echo 'id,回复内容'; awk '{ gsub(/"/, "\"\""); printf "R%d,\"%s\"\n", NR, $0 }' "$t/in"; } > "$t/in.csv"
mv "$t/in.csv" "$t/in"
same 'cs-lint --csv' yes cs-lint --csv -f csv

# cs-stats: partial states from parallel jobs, then one merge.
awk -v n=60000 -v seed=9 -f "$top/bench/gen-stats.awk" > "$t/log.csv"
for opts in '--today 2026-12-01' '--by category,agent --period week --compare-previous --today 2026-12-01' '--report --by product --period month'; do
	# shellcheck disable=SC2086
	cs-stats $opts "$t/log.csv" > "$t/one" 2>&1
	partial=$(echo "$opts" | sed 's/--report//')
	$par --header : --files cs-stats --partial $partial < "$t/log.csv" > "$t/states"
	if [ "$(wc -l < "$t/states")" -lt 2 ]; then
		echo "FAIL: cs-stats: parallel made $(wc -l < "$t/states") state"
		fail=1
	fi
	# shellcheck disable=SC2046,SC2086
	cs-stats --merge $opts $(cat "$t/states") > "$t/merged" 2>&1
	if cmp -s "$t/one" "$t/merged"; then
		echo "ok: cs-stats $opts: $(wc -l < "$t/states") states merged"
	else
		echo "FAIL: cs-stats $opts: merged states differ from one run"
		diff "$t/one" "$t/merged" | head -10
		fail=1
	fi
	xargs rm -f < "$t/states"

	# The Hadoop Streaming recipe: three splits (only the first with the
	# header), the shuffle's sort by key, one reducer.
	tail -n +2 "$t/log.csv" | split -l 20000 - "$t/split."
	cat "$t/split.aa" > "$t/split.tmp"
	{ head -1 "$t/log.csv"; cat "$t/split.tmp"; } > "$t/split.aa"
	CS_HEADER=$(head -1 "$t/log.csv")
	export CS_HEADER
	i=0
	for s in "$t"/split.a?; do
		# shellcheck disable=SC2086
		mapreduce_task_partition=$i sh "$here/hadoop-stats-mapper.sh" $partial < "$s"
		i=$((i + 1))
	done | LC_ALL=C sort -t "$(printf '\t')" -k1,1 |
	    sh "$here/hadoop-stats-reducer.sh" $opts > "$t/reduced" 2>&1
	rm -f "$t"/split.*
	if cmp -s "$t/one" "$t/reduced"; then
		echo "ok: cs-stats $opts: Hadoop mapper/reducer"
	else
		echo "FAIL: cs-stats $opts: Hadoop mapper/reducer result differs"
		diff "$t/one" "$t/reduced" | head -10
		fail=1
	fi
done
exit $fail
