#!/bin/sh
# Print the traditional -> simplified character table used by lib/normalize:
# one line per CJK ideograph that OpenCC's t2s conversion changes, as
# "TRAD<TAB>SIMP".  Generated from the installed OpenCC (Debian package
# opencc) at build time, so the table follows OpenCC's dictionaries and the
# binaries need no OpenCC data at run time.
set -e
export LC_ALL=C
command -v opencc >/dev/null || { echo "gen-t2s: opencc not found (apt-get install opencc)" >&2; exit 1; }
tmp=${TMPDIR:-/tmp}/cs-t2s.$$
trap 'rm -f "$tmp".*' EXIT
# CJK Unified Ideographs and Extension A, one per line.
awk 'BEGIN {
	for (cp = 13312; cp <= 19903; cp++) emit(cp)
	for (cp = 19968; cp <= 40959; cp++) emit(cp)
}
function emit(cp) {
	printf "%c%c%c\n", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64
}' > "$tmp.in"
opencc -c t2s.json -i "$tmp.in" -o "$tmp.out"
paste "$tmp.in" "$tmp.out" | awk -F '\t' '$1 != $2 && length($2) > 0'
