#!/bin/sh
# cs-shipcost throughput as a ratio to the libcsv parse-only baseline and to
# mawk doing the same job, on 1M generated orders; peak RSS at 1M and 5M.
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
cc -O2 -o "$w/parse-only" "$top/bench/parse-only.c" -lcsv
awk -v n=1000000 -v seed=42 -f "$top/bench/gen-orders.awk" > "$w/1m.csv"
size=$(wc -c < "$w/1m.csv")

best() {
	# Best wall time of 3 runs of "$@" > /dev/null, in seconds.
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" > /dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l 2>/dev/null || awk -v a="$s" -v b="$e" 'BEGIN { print b - a }')
		b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (a == "" || t < a) ? t : a }')
	done
	echo "$b"
}
peak_kb() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
	else
		python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
	fi
}

base=$(best "$w/parse-only" "$w/1m.csv")
tool=$(best "$O/bin/cs-shipcost" "$w/1m.csv")
mawk_t=
if command -v mawk >/dev/null; then
	mawk_t=$(best mawk -f "$top/bench/shipcost-mawk.awk" "$w/1m.csv")
fi
awk -v s="$size" -v b="$base" -v t="$tool" -v m="$mawk_t" 'BEGIN {
	printf "input: 1M orders, %.1f MB\n", s / 1e6
	printf "parse-only baseline: %.3f s (%.0f MB/s)\n", b, s / b / 1e6
	printf "cs-shipcost:         %.3f s (%.0f MB/s) = %.2fx the baseline (target >= 0.75x)\n", t, s / t / 1e6, b / t
	if (m != "") printf "mawk, same job:      %.3f s = %.2fx the baseline; cs-shipcost is %.2fx mawk\n", m, b / m, m / t
}'
echo "peak RSS, 1M rows: $(peak_kb "$O/bin/cs-shipcost" "$w/1m.csv") KB"
awk -v n=5000000 -v seed=7 -f "$top/bench/gen-orders.awk" > "$w/5m.csv"
echo "peak RSS, 5M rows: $(peak_kb "$O/bin/cs-shipcost" "$w/5m.csv") KB (target < 16384, flat)"
