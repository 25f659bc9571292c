#!/bin/sh
# Hadoop Streaming reducer for cs-stats (run with one reduce task): the
# mappers' keyed partial states in (see hadoop-stats-mapper.sh), sorted by
# key; each state is written back to a file of its own and all are merged
# with cs-stats --merge, which gives what one run over the whole log gives.
#
#   arguments   the final cs-stats options (--report, --by ... as the
#               mappers had)
set -u
d=$(mktemp -d "${TMPDIR:-/tmp}/cs-stats-reduce.XXXXXX") || exit 2
trap 'rm -rf "$d"' EXIT
cut -f2- | awk -v d="$d" '
	/^cs-stats-partial-/ { if (f != "") close(f); f = sprintf("%s/state%06d.csv", d, ++n) }
	{ print > f }'
set -- cs-stats --merge "$@" "$d"/state*.csv
"$@"
