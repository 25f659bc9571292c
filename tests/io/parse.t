# Every tool's output parses with Python's csv and json modules, over the
# malformed corpus (stray quotes, embedded newlines, control characters,
# broken encodings...) and the inputs of tests/io: CSV (plain and --excel)
# as RFC 4180 with the header's field count on every row, TSV as one
# record per line with the header's field count, JSON lines as objects.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
here=$(pwd)
cat > "$t/check.py" <<'PY'
import csv, io, json, sys

def check(fmt, data):
    if not data:
        return None
    if fmt == "excel":
        if not data.startswith(b"\xef\xbb\xbf"):
            return "no BOM"
        data = data[3:]
    text = data.decode("utf-8")
    if fmt in ("csv", "excel"):
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        width = len(rows[0])
        for i, r in enumerate(rows):
            if len(r) != width:
                return "row %d has %d fields, the header %d" % (i + 1, len(r), width)
    elif fmt == "tsv":
        lines = text.split("\n")
        if lines[-1] != "":
            return "no final newline"
        width = lines[0].count("\t")
        for i, l in enumerate(lines[:-1]):
            if l.count("\t") != width or "\r" in l:
                return "line %d: %d tabs, the header %d" % (i + 1, l.count("\t"), width)
    else:
        for i, l in enumerate(text.split("\n")[:-1]):
            if not isinstance(json.loads(l), dict):
                return "line %d: not an object" % (i + 1)
    return None

bad = 0
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    fmt, path, label = line.rstrip("\n").split("\t")
    n += 1
    try:
        why = check(fmt, open(path, "rb").read())
    except Exception as e:
        why = "%s: %s" % (type(e).__name__, e)
    if why:
        print("FAIL: %s: %s" % (label, why))
        bad = 1
print("%d outputs parsed" % n)
sys.exit(bad)
PY
fail=0
k=0
: > "$t/list"
for f in "$here"/../malformed/[0-9]*.csv "$here"/*.in; do
	for tool in "cs-shipcost --weight 1" "cs-eta --today 2026-11-23" \
	    "cs-reviewsort --all" "cs-lint --csv" "cs-stats"; do
		for fmt in csv tsv json excel; do
			case $fmt in
			excel) opts="-f csv --excel" ;;
			*) opts="-f $fmt" ;;
			esac
			case "$tool $fmt" in "cs-lint"*" tsv"|"cs-lint"*" excel") continue ;; esac
			k=$((k + 1))
			# shellcheck disable=SC2086
			timeout 20 $tool $opts "$f" > "$t/out.$k" 2> /dev/null
			st=$?
			if [ "$st" -gt 2 ]; then
				echo "FAIL: $tool $opts $(basename "$f"): status $st"
				fail=1
			fi
			printf '%s\t%s\t%s\n' "$fmt" "$t/out.$k" "$tool $opts $(basename "$f")" >> "$t/list"
		done
	done
done
python3 "$t/check.py" "$t/list" || fail=1
exit $fail
