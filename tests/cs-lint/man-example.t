#!/bin/sh
# The rules-file example in cs-lint(1) (the literal block of RULES FILES)
# parses and passes its own match/nomatch sentences.
set -e
man=$top/man/cs-lint.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cs-lint-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
awk '/^\.Sh RULES FILES/ { s = 1 } s && /^\.Bd -literal/ { b = 1; next }
     b && /^\.Ed/ { exit } b { print }' "$man" > "$tmp/example.txt"
[ -s "$tmp/example.txt" ] || { echo "no example in $man"; exit 1; }
grep -q '^rule ' "$tmp/example.txt" || { echo "example has no rule"; exit 1; }
status=0
cs-lint --no-default-rules --rules "$tmp/example.txt" --check-rules \
    > "$tmp/out" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
	echo "cs-lint(1) example: --check-rules exit $status"
	cat "$tmp/out"
	exit 1
fi
# And it does what the page says: flags the match, not the nomatch.
printf '这个小妹不清楚呢\n不知道亲喜欢哪个颜色\n' > "$tmp/in"
status=0
cs-lint --no-default-rules --rules "$tmp/example.txt" "$tmp/in" \
    > "$tmp/found" 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "example rule: exit $status"; cat "$tmp/found"; exit 1; }
n=$(grep -c 'shirking-dont-know' "$tmp/found" || true)
[ "$n" -eq 1 ] || { echo "example rule: $n findings, expected 1"; cat "$tmp/found"; exit 1; }
grep -q ':1:' "$tmp/found" || { echo "example rule: not line 1"; cat "$tmp/found"; exit 1; }
