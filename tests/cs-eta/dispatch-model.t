# Paid orders not yet shipped, 2000 of them with random payment times in
# November 2026 (no holidays that month, so only weekends move a dispatch):
# cs-eta's awaiting_dispatch / dispatch_late, hours_late and days_late must
# agree with the dispatch promise computed here in Python (datetime): paid
# + 48 h, or the 16:00 cutoff of the next working day when that falls on a
# weekend; late when the promise is before the start of --today, by the
# hours up to it rounded up.
set -eu
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-eta-dispatch.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
python3 - "$t/in.csv" "$t/want.csv" <<'PY'
import random, sys
from datetime import datetime, timedelta
random.seed(16)
today = datetime(2026, 11, 23)
start = datetime(2026, 11, 1)
inp, want = [], []
for i in range(2000):
    paid = start + timedelta(seconds=random.randrange(int((today - start).total_seconds()) + 86400))
    dispatch = random.choice([24, 48, 72])
    p = paid + timedelta(hours=dispatch)
    if p.weekday() >= 5:
        d = p.date()
        while d.weekday() >= 5:
            d += timedelta(days=1)
        p = datetime(d.year, d.month, d.day, 16)
    if p >= today:
        want.append("awaiting_dispatch,0,0")
    else:
        secs = (today - p).total_seconds()
        hours = int(-(-secs // 3600))
        want.append("dispatch_late,%d,%d" % ((today.date() - p.date()).days, hours))
    inp.append((dispatch, "P%d,等待卖家发货,江苏省苏州市,%s" % (i, paid.strftime("%Y-%m-%d %H:%M:%S"))))
for h in (24, 48, 72):
    with open(sys.argv[1] + ".%d" % h, "w") as f:
        f.write("订单编号,订单状态,收货地址,付款时间\n")
        for d, line in inp:
            if d == h:
                f.write(line + "\n")
with open(sys.argv[2], "w") as f:
    for h in (24, 48, 72):
        for (d, _), w in zip(inp, want):
            if d == h:
                f.write(w + "\n")
PY
for h in 24 48 72; do
	cs-eta --today 2026-11-23 --dispatch $h "$t/in.csv.$h"
done | awk -F, '$1 != "订单编号" { print $7 "," $8 "," $10 }' > "$t/got.csv"
if ! cmp -s "$t/want.csv" "$t/got.csv"; then
	echo "dispatch statuses differ from the Python model"
	diff "$t/want.csv" "$t/got.csv" | head -10
	exit 1
fi
n=$(grep -c dispatch_late "$t/got.csv")
[ "$n" -gt 500 ] || { echo "only $n late orders: the model is not exercised"; exit 1; }
