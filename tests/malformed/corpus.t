# The malformed-input corpus through every tool: no crash (status 0, 1 or
# 2, no signal, no sanitizer report), no hang (timeout 20), a diagnostic
# whenever the status is not 0, and row accounting for the row-wise tools:
# every data record is written or named in a FILE:LINE diagnostic, no row
# is invented, and a missing row means status 1 or 2.
#
# The committed files are NN-*.{csv,bin}; ROWS says how many data records
# each holds.  The big cases (100k columns, a 50 MB field, a million
# delimiters) are generated here, not committed.
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
runs=0

# Known failures, reported and not yet fixed: "FILE CONFIG" pairs, where
# CONFIG is the tool's number in the list below.  Each entry names the bug.
known=''

# Generated cases and their record counts.
hdr='订单编号,收货地址,发货时间,评价内容,评分,会话ID,时间,角色,客服,内容,工单号,售后类型,创建时间,首次响应时间,完结时间,处理结果'
row='A2,上海市浦东新区,2026-11-21 10:00:00,物流太慢,2,C1,2026-11-20 10:00:05,客服,店铺:小美,您好,T2,退货,2026-11-21 10:00:00,2026-11-21 11:00:00,,'
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "c%d%s", i, i < 100000 ? "," : "\n";
	for (i = 1; i <= 100000; i++) printf "%d%s", i, i < 100000 ? "," : "\n" }' > "$t/g1-100k-columns.csv"
{ echo "$hdr"; awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "v%d,", i; print "" }'; echo "$row"; } > "$t/g2-100k-fields-row.csv"
{ echo "$hdr"; printf 'A1,浙江省杭州市,2026-11-20 10:00:00,'; head -c 52428800 /dev/zero | tr '\0' 'x';
  echo ',1,C1,2026-11-20 10:00:00,买家,,在吗,T1,破损,2026-11-20 10:00:00,,,'; echo "$row"; } > "$t/g3-50mb-field.csv"
{ echo "$hdr"; printf 'A1,浙江省杭州市,2026-11-20 10:00:00,"'; head -c 5000000 /dev/zero | tr '\0' '\n';
  echo '",1,C1,2026-11-20 10:00:00,买家,,在吗,T1,破损,2026-11-20 10:00:00,,,'; echo "$row"; } > "$t/g4-5mb-quoted-newlines.csv"
{ echo "$hdr"; head -c 1000000 /dev/zero | tr '\0' ','; echo; echo "$row"; } > "$t/g5-million-delimiters.csv"
head -c 10000000 /dev/zero | tr '\0' 'y' > "$t/g6-10mb-line-no-newline.csv"
cat > "$t/GROWS" <<'ROWS'
g1-100k-columns.csv 1
g2-100k-fields-row.csv 2
g3-50mb-field.csv 2
g4-5mb-quoted-newlines.csv 2
g5-million-delimiters.csv 2
g6-10mb-line-no-newline.csv -
ROWS

# The tools, one configuration a line: number, accounting (yes/no), command.
cat > "$t/tools" <<'TOOLS'
1 yes cs-shipcost --weight 1
2 yes cs-eta --today 2026-11-23
3 yes cs-reviewsort --all
4 no cs-reviewsort --text --all
5 no cs-lint
6 no cs-lint --chat
7 no cs-stats
8 no cs-stats --partial
TOOLS

rows_of() {
	awk -v f="$1" '$1 == f { print $2 }' ROWS "$t/GROWS"
}

# check CONFIG FILE PROG ARGS...: run one case; sets $st and $t/out, $t/err.
check() {
	cfg=$1 f=$2
	shift 2
	runs=$((runs + 1))
	timeout 20 "$@" "$f" > "$t/out" 2> "$t/err"
	st=$?
	why=''
	if [ "$st" = 124 ]; then
		why='hangs (timeout 20 s)'
	elif [ "$st" -gt 2 ]; then
		why="exit status $st"
	elif grep -q -e 'Sanitizer' -e 'runtime error:' "$t/err"; then
		why='sanitizer report'
	elif [ "$st" != 0 ] && ! [ -s "$t/err" ]; then
		# cs-lint's findings are its output: status 1 needs them there.
		if [ "$st" != 1 ] || [ "$1" != cs-lint ] || ! [ -s "$t/out" ]; then
			why="exit status $st with no diagnostic"
		fi
	fi
	report "$cfg" "$f" "$*"
}

# report CONFIG FILE CMD: print and count the failure in $why, if any.
report() {
	[ -n "$why" ] || return 0
	b=$(basename "$2")
	case " $known " in
	*" $b:$1 "*) echo "known failure: $3 $b: $why"; return 0 ;;
	esac
	echo "FAIL: $3 $b: $why"
	head -5 "$t/err" | cut -c1-300 | sed 's/^/  stderr: /'
	fail=1
}

for f in [0-9]*.csv [0-9]*.bin "$t"/g*.csv; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	n=$(rows_of "$b")
	while read -r cfg acct prog args; do
		# shellcheck disable=SC2086
		check "$cfg" "$f" "$prog" $args
		[ "$acct" = yes ] && [ -n "$n" ] && [ "$n" != - ] || continue
		# Row accounting, from one JSON object per output row.
		# shellcheck disable=SC2086
		check "$cfg" "$f" "$prog" $args -f json
		[ "$st" -le 1 ] || continue
		out=$(wc -l < "$t/out")
		# Records diagnosed: distinct FILE:LINE, plus the further lines a
		# runaway quoted field swallowed ("lines A-B skipped").
		diag=$(grep -o "^$prog: [^:]*:[0-9]*:" "$t/err" | sort -u | wc -l)
		diag=$((diag + $(sed -n 's/.*: lines \([0-9]*\)-\([0-9]*\) skipped$/\2 - \1 +/p' "$t/err" | tr -d '\n') 0))
		why=''
		if [ "$out" -gt "$n" ]; then
			why="$out rows out of $n in"
		elif [ $((out + diag)) -lt "$n" ]; then
			why="rows lost silently: $n in, $out out, $diag diagnosed"
		elif [ "$out" -lt "$n" ] && [ "$st" = 0 ]; then
			why="status 0 with $((n - out)) rows not written"
		fi
		report "$cfg" "$f" "$prog $args -f json"
	done < "$t/tools"
done
echo "$runs runs"
exit $fail
