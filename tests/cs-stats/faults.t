# Exit status and messages at the edges: write errors, unreadable files,
# bad option values, --strict, GBK and --excel, a bad orders file.
set -u
fail=0
t=${TMPDIR:-/tmp}/cs-stats-faults.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
expect() {
	# expect STATUS STDERR-PATTERN command...
	want=$1 pat=$2; shift 2
	"$@" > "$t/out" 2> "$t/err"
	st=$?
	if [ "$st" != "$want" ]; then
		echo "$*: status $st, expected $want"; cat "$t/err"; fail=1
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$t/err"; then
		echo "$*: stderr lacks '$pat':"; cat "$t/err"; fail=1
	elif [ -z "$pat" ] && [ -s "$t/err" ]; then
		echo "$*: unexpected stderr:"; cat "$t/err"; fail=1
	fi
}
expect 2 "cs-stats: write error" sh -c 'cs-stats 001-basic.in > /dev/full'
expect 2 "cs-stats: write error" sh -c 'cs-stats --report 001-basic.in > /dev/full'
expect 2 "cs-stats: write error" sh -c 'cs-stats --partial 001-basic.in > /dev/full'
expect 2 "no-such.csv" cs-stats no-such.csv
expect 2 "no-such-orders.csv" cs-stats --orders no-such-orders.csv 001-basic.in
expect 2 "--period: expected day, week or month, got 'year'" cs-stats --period year 001-basic.in
expect 2 "--sla-resolve: expected a number of hours > 0, got '0'" cs-stats --sla-resolve 0 001-basic.in
expect 2 "--table: expected groups, retention, cohorts or alerts" cs-stats --table pie 001-basic.in
expect 2 "--table retention needs --orders FILE" cs-stats --table retention 001-basic.in
expect 2 "--partial writes a state" cs-stats --partial --report 001-basic.in
expect 2 "--window: expected a number of days" cs-stats --window -3 001-basic.in
expect 2 "--today: cannot parse 'someday'" cs-stats --today someday 001-basic.in
expect 2 "missing column 'opened'" cs-stats --period day 004-reviewsort.in
expect 2 "unrecognized option '--bogus'" cs-stats --bogus
# --strict stops at the first bad row, with status 2 (not 1, the status of
# a finished run that rejected rows), and says which lines it did not read
expect 2 "<stdin>:3: cannot parse opened time" sh -c 'cs-stats --strict < 006-bad-rows.in'
[ "$(wc -l < "$t/err")" = 2 ] || { echo "--strict went on after the first bad row"; fail=1; }
grep -q '^cs-stats: <stdin>:3: --strict: stopped here; lines 4-10 not read$' "$t/err" ||
    { echo "--strict: no word of the lines not read"; fail=1; }
# GBK input gives the same figures as UTF-8
iconv -f UTF-8 -t GBK 001-basic.in > "$t/gbk.csv"
cs-stats --today 2026-11-20 "$t/gbk.csv" > "$t/gbk.out" 2>&1
cmp -s "$t/gbk.out" 001-basic.out || { echo "GBK input differs"; fail=1; }
# --excel: BOM and CRLF
cs-stats --excel --by category 004-reviewsort.in > "$t/x.csv"
head -c 3 "$t/x.csv" | od -An -tx1 | grep -q 'ef bb bf' || { echo "--excel: no BOM"; fail=1; }
grep -q "$(printf '\r')\$" "$t/x.csv" || { echo "--excel: no CRLF"; fail=1; }
# a bad line in the orders file is reported, the rest is used
cp orders-012.csv "$t/o.csv"
echo "bad,not a time,碗" >> "$t/o.csv"
expect 1 "o.csv:13: cannot parse order time 'not a time'" cs-stats --orders "$t/o.csv" --today 2026-12-31 --table retention 012-retention.in
cmp -s "$t/out" 012-retention.out || { echo "retention changed by a bad order line"; fail=1; }
# an orders file without a buyer column
printf 'a,b\n1,2\n' > "$t/nob.csv"
expect 2 "missing column 'buyer'" cs-stats --orders "$t/nob.csv" 001-basic.in
exit $fail
