#!/bin/sh
# cs-lint text-mode throughput on 1M generated replies (15 % with a
# violation or a hard negative, bench/gen-lint-replies.awk) as a ratio to
# `grep -F -f` with the same phrase list (the forbidden phrases a shop
# would grep for; target >= 0.5x its speed, while cs-lint also checks the
# context exceptions and reports columns), and the slowdown with twice the
# rules (as many generated rules again, bench/gen-lint-rules.awk; target
# < 10 %: the key lookup does not depend on the number of rules).
# For scale it also times cs-lint with one rule that never matches: the
# shared driver (reading, decoding, line splitting) and the normalisation
# alone.  Times are CPU seconds, the median of five (bench/lib.sh); outputs
# go to a file.
set -e
: "${O:?}" "${top:?}"
w=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench-lint.XXXXXX")
trap 'rm -rf "$w"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
awk -v n=1000000 -v seed=7 -f "$top/bench/gen-lint-replies.awk" > "$w/replies.txt"
size=$(wc -c < "$w/replies.txt")
# The literal phrases of the rules: what grep -F would look for.
cat > "$w/phrases.txt" <<'P'
不知道
不清楚
查不到
查询不到
没办法
没有办法
公司规定
有规定
这是规定
不是我们
不关我的事
你自己
您自己
让您久等
让你久等
抱歉久等
没货
没有货
卖完了
但是
你必须
您必须
我跟你说
你到底
您到底
没看到吗
不是说了
什么单号
错了
不对
自己取消
不是我们的问题
用不起
我让您买了吗
投诉
不行就是不行
喂
嘿
P
rules=$("$O/bin/cs-lint" --list-rules | grep -c '	phrase	')
awk -v n="$rules" -v seed=1 -f "$top/bench/gen-lint-rules.awk" > "$w/double.txt"
printf 'rule never\nreason -\nphrase 龘龘龘\n' > "$w/never.txt"

# GNU grep stops at the first match when its output is /dev/null.
BENCH_OUT=$w/out
. "$top/bench/lib.sh"

base=$(best grep -F -f "$w/phrases.txt" "$w/replies.txt")
tool=$(best "$O/bin/cs-lint" "$w/replies.txt")
dbl=$(best "$O/bin/cs-lint" --rules "$w/double.txt" "$w/replies.txt")
summ=$(best "$O/bin/cs-lint" --summary "$w/replies.txt")
drv=$(best "$O/bin/cs-lint" --no-default-rules --rules "$w/never.txt" "$w/replies.txt")
awk -v s="$size" -v b="$base" -v t="$tool" -v d="$dbl" -v m="$summ" -v r="$rules" -v v="$drv" 'BEGIN {
	printf "input: 1M replies, %.1f MB; %d phrase rules\n", s / 1e6, r
	printf "grep -F -f (38 phrases):      %.3f s CPU (%.0f MB/s)\n", b, s / b / 1e6
	printf "cs-lint:                      %.3f s (%.0f MB/s) = %.2fx grep (target >= 0.5x)\n", t, s / t / 1e6, b / t
	printf "cs-lint --summary:            %.3f s = %.2fx grep\n", m, b / m
	printf "driver + normalisation only:  %.3f s = %.2fx grep; the rules cost %.3f s\n", v, b / v, t - v
	printf "rules doubled (%d):          %.3f s: %+.1f%% (target < 10%%)\n", 2 * r, d, (d / t - 1) * 100
}'
