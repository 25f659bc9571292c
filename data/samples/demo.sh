#!/bin/sh
# `make demo`: the cs tools run as a shop operator would run them, on the
# sample exports in data/samples/.  Each tool's step lives between its
# BEGIN/END markers.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-build}
case $O in /*) ;; *) O=$top/$O ;; esac
PATH=$O/bin:$PATH
s=$top/data/samples
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

# BEGIN cs-shipcost
# END cs-shipcost
# BEGIN cs-eta
# END cs-eta
# BEGIN cs-reviewsort
# END cs-reviewsort
# BEGIN cs-lint
# END cs-lint
# BEGIN cs-stats
# END cs-stats
