# The -f json goldens 05*-json-numbers-* read with Python's json module:
# the columns a tool computes are numbers (or null when empty), the
# fields passed through from the input are strings, numeric-looking ids
# and phone numbers included.  The goldens pin the bytes; this pins what
# a program reading them gets.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
exec python3 - <<'PY'
import json, sys

NUM = (int, float, type(None))
# golden: (keys that must be numbers or null, keys that must be strings)
want = {
    "050-json-numbers-shipcost": (["chargeable_kg", "fee"],
        ["订单编号", "手机", "重量", "买家应付邮费", "region", "tier", "status"]),
    "051-json-numbers-eta": (["days_late", "hours_late"],
        ["订单编号", "eta_earliest", "status", "extend_receipt"]),
    "052-json-numbers-reviewsort": (["count", "share", "suspect"],
        ["宝贝ID", "category"]),
    "053-json-numbers-lint": (["conversations", "messages", "replies",
        "flagged", "errors", "warnings", "first_reply_s", "response_mean_s",
        "response_max_s", "typing_cpm", "score"], ["kind", "key", "agent"]),
    "055-json-numbers-lint-findings": (["line", "col"],
        ["file", "id", "rule", "severity", "span", "match", "message"]),
    "054-json-numbers-stats": (["tickets", "share_pct", "first_reply_n",
        "first_reply_mean_h", "resolved", "resolution_p90_h",
        "resolved_8h_pct", "answered_24h_pct", "open", "open_age_max_h",
        "reopen_pct", "fcr_pct", "iceberg"], ["product"]),
    "056-json-numbers-stats-zh": (["工单数", "占比(%)", "8小时内解决(%)",
        "24小时内答复(%)", "未结", "冰山估计(不满买家)", "上期工单数", "变化",
        "变化(%)"], ["周期"]),
    "057-json-numbers-stats-alerts": (["complaints", "quality_total"],
        ["product", "window_first", "window_last"]),
}
bad = 0
for name, (nums, strs) in sorted(want.items()):
    rows = [json.loads(l) for l in open(name + ".out", encoding="utf-8")]
    if not rows:
        print("%s: no rows" % name)
        bad += 1
    seen = set()
    for i, row in enumerate(rows, 1):
        for k in nums:
            if k not in row or not isinstance(row[k], NUM) or isinstance(row[k], bool):
                print("%s:%d: %s is %r, not a number" % (name, i, k, row.get(k)))
                bad += 1
            elif row[k] is not None:
                seen.add(k)
        for k in strs:
            if not isinstance(row.get(k), str):
                print("%s:%d: %s is %r, not a string" % (name, i, k, row.get(k)))
                bad += 1
    # Every numeric column has a number somewhere, not only nulls.
    for k in nums:
        if k not in seen:
            print("%s: %s is null on every row" % (name, k))
            bad += 1
# A numeric-looking id and phone number stay strings, as read.
row = json.loads(open("050-json-numbers-shipcost.out", encoding="utf-8").readline())
if row["订单编号"] != "1001" or row["手机"] != "13800138000":
    print("050: the id or the phone number changed: %r" % row)
    bad += 1
sys.exit(1 if bad else 0)
PY
