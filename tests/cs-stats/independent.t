# A generated log of 20000 tickets: cs-stats --by category must agree with
# figures computed here independently (Python, from the generator's ground
# truth rather than from the CSV's time stamps): counts and shares, mean,
# nearest-rank median and p90 and max of first-reply and resolution times,
# the 8 h and 24 h service levels, reopen and first-contact rates, and the
# iceberg (25 times the distinct complaining buyers of the category).
set -eu
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-stats-indep.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
awk -v n=20000 -v seed=11 -v raw="$t/raw.tsv" -f "$top/bench/gen-stats.awk" > "$t/log.csv"
cs-stats --by category --today 2027-06-01 "$t/log.csv" > "$t/got.csv"
python3 - "$t/raw.tsv" "$t/got.csv" <<'PY'
import csv, sys
from collections import defaultdict

def rank(v, p):                       # nearest rank, 1-based
    return sorted(v)[max(1, -(-p * len(v) // 100)) - 1]
def hours(s):                         # two decimals, half up
    c = (s * 100 * 2 + 3600) // 7200
    return "%d.%02d" % (c // 100, c % 100)
def mean(v):
    c = (sum(v) * 100 * 2 + 3600 * len(v)) // (7200 * len(v))
    return "%d.%02d" % (c // 100, c % 100)
def pct(a, b):
    if b == 0:
        return ""
    c = (a * 2000 + b) // (2 * b)
    return "%d.%d" % (c // 10, c % 10)

g = defaultdict(lambda: dict(n=0, rep=[], res=[], ro=0, fcr=0, buyers=set()))
total = 0
for line in open(sys.argv[1], encoding="utf-8"):
    cat, agent, rep, res, ro, buyer = line.rstrip("\n").split("\t")
    rep, res, ro = int(rep), int(res), int(ro)
    x = g[cat]
    x["n"] += 1
    x["buyers"].add(buyer)
    total += 1
    if rep >= 0:
        x["rep"].append(rep)
    elif res >= 0:
        x["rep"].append(res)
    if res >= 0:
        x["res"].append(res)
        x["fcr"] += ro == 0
    x["ro"] += ro
want = {}
for cat, x in g.items():
    want[cat] = {
        "tickets": str(x["n"]), "share_pct": pct(x["n"], total),
        "first_reply_n": str(len(x["rep"])),
        "first_reply_mean_h": mean(x["rep"]),
        "first_reply_median_h": hours(rank(x["rep"], 50)),
        "first_reply_p90_h": hours(rank(x["rep"], 90)),
        "first_reply_max_h": hours(max(x["rep"])),
        "resolved": str(len(x["res"])),
        "resolution_mean_h": mean(x["res"]),
        "resolution_median_h": hours(rank(x["res"], 50)),
        "resolution_p90_h": hours(rank(x["res"], 90)),
        "resolution_max_h": hours(max(x["res"])),
        "resolved_8h_pct": pct(sum(1 for s in x["res"] if s <= 8 * 3600), x["n"]),
        "answered_24h_pct": pct(sum(1 for s in x["rep"] if s <= 24 * 3600), x["n"]),
        "open": str(x["n"] - len(x["res"])),
        "reopen_pct": pct(x["ro"], x["n"]),
        "fcr_pct": pct(x["fcr"], len(x["res"])),
        # 000 第六条: 25 dissatisfied buyers behind each complaining buyer.
        "iceberg": str(25 * len(x["buyers"])),
    }
bad = 0
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
if sorted(r["category"] for r in rows) != sorted(want):
    print("categories differ"); sys.exit(1)
for r in rows:
    for k, v in want[r["category"]].items():
        if r[k] != v:
            print("%s %s: cs-stats %s, expected %s" % (r["category"], k, r[k], v))
            bad = 1
counts = [int(r["tickets"]) for r in rows]
if counts != sorted(counts, reverse=True):
    print("rows not ordered by tickets"); bad = 1
sys.exit(bad)
PY
