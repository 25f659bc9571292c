# A generated log of 5000 tickets: cs-stats --period week --by category
# --compare-previous must agree with figures computed here from the CSV
# (Python's ISO weeks, not cs-stats's): the rows, including a row of 0
# tickets for each category that had tickets in a week and none in the
# next (up to the last week with tickets), the previous week's tickets,
# the change and its percentage, and the iceberg (25 times the distinct
# buyers of each week and category).
set -eu
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-stats-cmp.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
# Few tickets per week and category, so that some drop to 0.
awk -v n=600 -v seed=5 -f "$top/bench/gen-stats.awk" > "$t/log.csv"
cs-stats --period week --by category --compare-previous "$t/log.csv" > "$t/got.csv"
python3 - "$t/log.csv" "$t/got.csv" <<'PY'
import csv, sys, datetime
from collections import defaultdict

def pct(a, b):                        # one decimal, half up
    c = (a * 2000 + b) // (2 * b)
    return "%d.%d" % (c // 10, c % 10)
def label(d):
    y, w, _ = d.isocalendar()
    return "%04d-W%02d" % (y, w)
def step(lab, k):
    y, w = int(lab[:4]), int(lab[6:])
    monday = datetime.date.fromisocalendar(y, w, 1)
    return label(monday + datetime.timedelta(days=7 * k))

n = defaultdict(int)
buyers = defaultdict(set)
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    d = datetime.datetime.strptime(r["创建时间"], "%Y-%m-%d %H:%M:%S").date()
    k = (label(d), r["售后类型"])
    n[k] += 1
    buyers[k].add(r["买家"])
last = max(w for w, _ in n)
want = {}
for (w, c), v in list(n.items()):
    want[(w, c)] = v
    nxt = step(w, 1)
    if nxt <= last and (nxt, c) not in n:
        want[(nxt, c)] = 0
bad = 0
got = {}
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    got[(r["period"], r["category"])] = r
if set(got) != set(want):
    print("rows differ: missing %s, extra %s" % (sorted(set(want) - set(got))[:5],
          sorted(set(got) - set(want))[:5]))
    sys.exit(1)
drops = 0
for k, v in want.items():
    r = got[k]
    prev = n.get((step(k[0], -1), k[1]), 0)
    d = v - prev
    exp = {"tickets": str(v), "prev_tickets": str(prev), "change": "%+d" % d,
           "change_pct": "" if prev == 0 else ("-" if d < 0 else "+") + pct(abs(d), prev),
           "iceberg": str(25 * len(buyers.get(k, ())))}
    drops += v == 0
    for f, e in exp.items():
        if r[f] != e:
            print("%s %s: cs-stats %s, expected %s" % (k, f, r[f], e)); bad = 1
if drops == 0:
    print("no group dropped to 0: the test checks nothing of that"); bad = 1
sys.exit(bad)
PY
