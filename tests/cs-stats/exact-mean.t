# 400,000 tickets whose first replies and resolutions come centuries to
# millennia after they were opened: the means (and median, p90, max) must
# be exact, as Python's integers compute them, not wrapped by a 64-bit
# sum * 100.
set -eu
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-stats-mean.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
python3 - "$t/log.csv" "$t/want" <<'PY'
import random, sys
from datetime import datetime
random.seed(400)
opened = datetime(1000, 1, 1)
reply, res = [], []
with open(sys.argv[1], "w") as f:
    f.write("工单号,买家,售后类型,创建时间,首次响应时间,完结时间\n")
    for i in range(400000):
        r = datetime(random.randint(1020, 9990), random.randint(1, 12), random.randint(1, 28),
                     random.randint(0, 23), random.randint(0, 59), random.randint(0, 59))
        c = datetime(9999, 12, random.randint(1, 30), 12, 0, 0)
        f.write("T%d,b%d,退款,%s,%s,%s\n" % (i, i, opened.strftime("%Y-%m-%d %H:%M:%S"),
                r.strftime("%Y-%m-%d %H:%M:%S"), c.strftime("%Y-%m-%d %H:%M:%S")))
        reply.append(int((r - opened).total_seconds()))
        res.append(int((c - opened).total_seconds()))
def mean(v):                      # hours, two decimals, half up, exact
    c = (sum(v) * 200 + 3600 * len(v)) // (7200 * len(v))
    return "%d.%02d" % (c // 100, c % 100)
def hours(s):
    c = (s * 200 + 3600) // 7200
    return "%d.%02d" % (c // 100, c % 100)
def rank(v, p):
    return sorted(v)[max(1, -(-p * len(v) // 100)) - 1]
with open(sys.argv[2], "w") as f:
    for v in (reply, res):
        f.write(",".join([str(len(v)), mean(v), hours(rank(v, 50)), hours(rank(v, 90)), hours(max(v))]) + "\n")
PY
cs-stats --today 9999-12-31 "$t/log.csv" > "$t/got.csv"
awk -F, 'NR == 2 { print $3 "," $4 "," $5 "," $6 "," $7; print $9 "," $10 "," $11 "," $12 "," $13 }' \
	"$t/got.csv" > "$t/got"
if ! cmp -s "$t/want" "$t/got"; then
	echo "cs-stats differs from the exact figures (want, then got):"
	cat "$t/want" "$t/got"
	exit 1
fi
