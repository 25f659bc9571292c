#!/bin/sh
# Check the build dependencies (Debian package names as arguments).  As root,
# install what is missing with apt-get; otherwise print the exact command and
# fail, so that `make` never needs a manual first step on a fresh machine.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "cs: installing build dependencies:$missing" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >&2 ||
		{ echo "cs: apt-get failed; install:$missing" >&2; exit 1; }
	exit 0
fi
echo "cs: missing build dependencies:$missing" >&2
echo "cs: run: sudo apt-get install -y$missing" >&2
exit 1
