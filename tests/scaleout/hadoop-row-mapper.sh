#!/bin/sh
# Hadoop Streaming mapper for a row-wise tool in a map-only job (README
# "More data than one machine"): the lines of one input split in, the
# tool's rows out, without the header line.
#
#   -cmdenv CS_HEADER="$(head -1 orders.csv)"   the input's header line
#   arguments                                   the tool and its options
#
# Only the first split holds the header, so it is dropped wherever it is
# and put back in front of the tool's input; the tool's own header line is
# left out of the output (write it once, see the README).
set -u
{
	printf '%s\n' "$CS_HEADER"
	grep -vxF -e "$CS_HEADER"
} | "$@" | tail -n +2
