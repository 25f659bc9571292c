#!/bin/sh
# Hadoop Streaming mapper for cs-stats (README "More data than one
# machine"): the lines of one input split in, a cs-stats partial state out.
#
#   -cmdenv CS_HEADER="$(head -1 log.csv)"   the log's header line
#   arguments                                cs-stats options (--by ...)
#
# Only the first split holds the header, so it is dropped wherever it is
# and put back in front.  Every output line is keyed "TASK.LINE<TAB>" so
# that the shuffle, which sorts by key, keeps each state whole and in order;
# hadoop-stats-reducer.sh takes the keys off again.
set -u
task=${mapreduce_task_partition:-${mapred_task_partition:-0}}
{
	printf '%s\n' "$CS_HEADER"
	grep -vxF -e "$CS_HEADER"
} | cs-stats --partial "$@" | awk -v t="$task" '{ printf "%06d.%09d\t%s\n", t, NR, $0 }'
