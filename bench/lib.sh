# Shared by the bench/*.sh scripts (sourced, POSIX sh; needs $w, a scratch
# directory, and $top).
#
# Times are CPU seconds (user + system) of the command, the best of
# $BENCH_RUNS runs (default 3), measured by bench/runstat.c.  CPU time, not
# wall time: the tools are single-threaded filters, so on an idle machine
# the two agree, and on a shared machine CPU time does not count the moments
# another process held the core.  Every figure is printed as a ratio to a
# baseline timed the same way in the same run.

BENCH_RUNS=${BENCH_RUNS:-3}
cc -O2 -o "$w/runstat" "$top/bench/runstat.c"

# Best CPU seconds of $BENCH_RUNS runs of "$@" (stdout discarded).
best() {
	_b=
	_i=0
	while [ "$_i" -lt "$BENCH_RUNS" ]; do
		_t=$("$w/runstat" "$@" | cut -d' ' -f1)
		_b=$(awk -v a="$_b" -v t="$_t" 'BEGIN { print (a == "" || t < a) ? t : a }')
		_i=$((_i + 1))
	done
	echo "$_b"
}

# Peak resident set size of one run of "$@", in KB.
peak_kb() {
	"$w/runstat" "$@" | cut -d' ' -f2
}
