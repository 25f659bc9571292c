# Shared by the bench/*.sh scripts (sourced, POSIX sh; needs $w, a scratch
# directory, and $top).
#
# Times are CPU seconds (user + system) of the command, measured by
# bench/runstat.c: the median of $BENCH_RUNS runs (default 5).  CPU time,
# not wall time: the tools are single-threaded filters, so on an idle
# machine the two agree, and on a shared machine CPU time does not count
# the moments another process held the core.  The kernel may charge CPU
# time by the clock tick (10 ms here), so one run of a fraction of a second
# is a sample; the median of several is steadier than the best, which picks
# the luckiest sample.  Every figure is printed as a ratio to a baseline
# timed the same way in the same run.

BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_OUT=${BENCH_OUT:-/dev/null}	# where the commands' output goes
cc -O2 -o "$w/runstat" "$top/bench/runstat.c"

# Median CPU seconds of $BENCH_RUNS runs of "$@" (stdout to $BENCH_OUT).
best() {
	_i=0
	while [ "$_i" -lt "$BENCH_RUNS" ]; do
		"$w/runstat" -o "$BENCH_OUT" "$@" | cut -d' ' -f1
		_i=$((_i + 1))
	done | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# Peak resident set size of one run of "$@", in KB.
peak_kb() {
	"$w/runstat" "$@" | cut -d' ' -f2
}
