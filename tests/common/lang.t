# --lang zh, checked independently of lib/io/lang.c:
#  - every text, column name and fixed value the code asks the table for as
#    a string literal has an entry in data/lang-zh.csv, and an entry that
#    is a printf format keeps its conversions in order;
#  - the Chinese output of cs-shipcost and cs-eta is their English output
#    with the appended columns' names and fixed values replaced by Python
#    from the table, the input's fields left as they are;
#  - the locale (LANG, LC_ALL) changes nothing.
set -eu
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-lang.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
fail=0
cat > "$t/keys.py" << 'PY'
import csv, glob, re, sys
top = sys.argv[1]
tab = {}
for r in csv.reader(l for l in open(top + '/data/lang-zh.csv', encoding='utf-8')
                    if not l.startswith('#')):
    if r and r[0] != 'context':
        tab[(r[0], r[1])] = r[2]
def conv(s):
    return [c for c in re.findall(
        r'%[-+ #0]*\d*(?:\.\d+)?([hljztL]*[diouxXeEfFgGaAcsp%])', s) if c != '%']
bad = 0
for (c, en), zh in tab.items():
    if '%' in en and conv(en) != conv(zh):
        print('%s %r: conversions differ in %r' % (c, en, zh)); bad = 1
src = ''
for f in sorted(glob.glob(top + '/lib/*/*.c') + glob.glob(top + '/cmd/*.c')):
    src += open(f, encoding='utf-8').read()
lit = r'((?:\s*"(?:[^"\\]|\\.)*")+)'
def unq(m):
    s = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m))
    return s.replace('\\"', '"').replace('\\n', '\n')
want = set()
for fn, ctx in (('lang_text', 'text'), ('tr', 'text'), ('lang_header', 'header')):
    for m in re.finditer(r'\b' + fn + r'\(\s*[^,()]+(?:\([^()]*\))?,' + lit + r'\s*\)', src):
        want.add((ctx, unq(m.group(1))))
for m in re.finditer(r'\blang_value\(\s*[^,()]+,\s*"([^"]+)",' + lit + r'\s*\)', src):
    want.add(('value:' + m.group(1), unq(m.group(2))))
# Words the code keeps in arrays and passes on as variables.
arrays = {
    'text': ['hours', 'n', 'mean', 'median', 'p90', 'max', 'first reply',
        'resolution', 'resolved quickly', 'resolved', 'unresolved',
        'all complainants', 'non-complainants (baseline)', 'buyers', 'retained',
        'share', 'manual', 'product', 'complaints', 'from', 'to', '< 1 h',
        '1-4 h', '4-8 h', '8-24 h', '1-3 d', '>= 3 d', 'day', 'week', 'month',
        'Tickets per day', 'Tickets per week', 'Tickets per month',
        'quality complaints in all'],
    'header': ['region', 'tier', 'chargeable_kg', 'fee', 'status', 'explain',
        'eta_earliest', 'eta_latest', 'eta_status', 'days_late',
        'extend_receipt', 'category', 'categories', 'evidence', 'action',
        'suspect', 'count', 'share', 'tickets', 'share_pct', 'period', 'agent',
        'group', 'buyers', 'cohort', 'm1_pct', 'complaints', 'window_first',
        'quality_total', 'iceberg', 'file', 'severity', 'kind', 'typing_cpm',
        'score', 'family', 'default', 'reason', 'suggestion'],
    'value:status': ['ok', 'free', 'quote', 'unserved', 'unknown_region',
        'no_weight', 'bad_weight', 'no_rate', 'in_transit', 'due_today',
        'overdue', 'delivered'],
    'value:tier': ['jzh', 'standard', 'remote', 'unserved'],
    'value:extend_receipt': ['yes', 'no'],
    'value:suspect': ['yes', 'no'],
    'value:category': ['quality', 'service', 'logistics', 'mood', 'other'],
    'value:group': ['resolved_quickly', 'resolved', 'unresolved',
        'all_complainants', 'non_complainants', 'repeat_buyers']}
for c, l in arrays.items():
    want |= {(c, e) for e in l}
for c, en in sorted(want):
    if (c, en) not in tab:
        print('no Chinese for %s %r' % (c, en)); bad = 1
if len(want) < 150:
    print('only %d keys found in the code' % len(want)); bad = 1
sys.exit(bad)
PY
python3 "$t/keys.py" "$top" || fail=1

cat > "$t/tr.py" << 'PY'
# tr.py TABLE EN.csv ZH.csv NKEEP COLUMN...: ZH is EN with the header names
# and the fixed values of the columns after the first NKEEP translated.
import csv, sys
tab = {}
for r in csv.reader(l for l in open(sys.argv[1], encoding='utf-8') if not l.startswith('#')):
    if r and r[0] != 'context':
        tab[(r[0], r[1])] = r[2]
en = list(csv.reader(open(sys.argv[2], encoding='utf-8')))
zh = list(csv.reader(open(sys.argv[3], encoding='utf-8')))
k, cols = int(sys.argv[4]), sys.argv[5:]
want = [row[:k] + [tab.get(('header', v), v) if i == 0 else
                   tab.get(('value:' + cols[j], v), v)
                   for j, v in enumerate(row[k:])] for i, row in enumerate(en)]
for i, (a, b) in enumerate(zip(want, zh)):
    if a != b:
        print('%s line %d: want %s, got %s' % (sys.argv[3], i + 1, a, b))
        sys.exit(1)
if len(want) != len(zh) or len(en) < 5 or want == en:
    print('%s: %d lines, want %d, translated' % (sys.argv[3], len(zh), len(want)))
    sys.exit(1)
PY
sc=$top/tests/cs-shipcost
for f in 001-tiers-and-rounding 006-statuses; do
	cs-shipcost < "$sc/$f.in" > "$t/en.csv" 2> /dev/null || true
	cs-shipcost --lang zh < "$sc/$f.in" > "$t/zh.csv" 2> /dev/null || true
	python3 "$t/tr.py" "$top/data/lang-zh.csv" "$t/en.csv" "$t/zh.csv" 3 \
	    region tier chargeable_kg fee status || fail=1
done
e=$top/tests/cs-eta/009-statuses.in
cs-eta --today 2026-11-23 < "$e" > "$t/en.csv"
cs-eta --today 2026-11-23 --lang zh < "$e" > "$t/zh.csv"
python3 "$t/tr.py" "$top/data/lang-zh.csv" "$t/en.csv" "$t/zh.csv" 4 \
    eta_earliest eta_latest status days_late extend_receipt || fail=1

# The locale is never read: only --lang changes the output.
for tool in cs-shipcost "cs-eta --today 2026-11-23" "cs-reviewsort --summary" \
    cs-lint "cs-stats --report"; do
	case $tool in
	cs-shipcost) in=$sc/001-tiers-and-rounding.in ;;
	cs-eta*) in=$e ;;
	cs-reviewsort*) in=$top/tests/cs-reviewsort/016-lang-zh.in ;;
	cs-lint) in=$top/tests/cs-lint/002-shirking.in ;;
	*) in=$top/tests/cs-stats/404-html.in ;;
	esac
	$tool < "$in" > "$t/c" 2>&1 || true
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN:zh $tool < "$in" \
	    > "$t/zh" 2>&1 || true
	[ -s "$t/c" ] || { echo "$tool: no output"; fail=1; }
	cmp -s "$t/c" "$t/zh" ||
	    { echo "$tool: output changes with LANG=zh_CN.UTF-8"; fail=1; }
done
exit $fail
