# cs-stats -f html: the page parses, has no <script> and loads nothing from
# elsewhere (no URL in any attribute or style), escapes what the log says,
# right-aligns its numbers, has every chart's figures in text outside the
# charts too, and is the same page from merged partial states.  Then
# headless Chromium renders it to a PNG that is not blank, and its DOM
# (--dump-dom) holds the charts' text.
set -eu
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-stats-html.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
d=$top/tests/cs-stats
opts="--by category,agent --period week --compare-previous --orders $d/404-orders.csv --window 7 --alert 3 --today 2026-11-20"
# shellcheck disable=SC2086
cs-stats -f html $opts "$d/404-html.in" > "$t/en.html"
# shellcheck disable=SC2086
cs-stats -f html --lang zh $opts "$d/404-html.in" > "$t/zh.html"
fail=0

# --- the same page from partial states -----------------------------------
head -1 "$d/404-html.in" > "$t/a.csv"
cp "$t/a.csv" "$t/b.csv"
sed -n 2,5p "$d/404-html.in" >> "$t/a.csv"
sed -n '6,$p' "$d/404-html.in" >> "$t/b.csv"
for p in a b; do
	cs-stats --partial --by category,agent --period week "$t/$p.csv" > "$t/$p.state"
done
# shellcheck disable=SC2086
cs-stats --merge -f html --lang zh $opts "$t/a.state" "$t/b.state" > "$t/merged.html"
cmp "$t/zh.html" "$t/merged.html" || { echo "merged page differs"; fail=1; }

# --- what the log says is escaped ------------------------------------------
{
	echo '工单号,客服,商品,类型,创建时间,完结时间'
	echo 'X1,<script>alert(1)</script>,"""><img src=http://evil.example/x.png>",退货,2026-11-02 09:00,2026-11-02 10:00'
	echo 'X2,<script>alert(1)</script>,"""><img src=http://evil.example/x.png>",退货,2026-11-03 09:00,2026-11-03 10:00'
} > "$t/evil.csv"
cs-stats -f html --by agent,product --alert 1 "$t/evil.csv" > "$t/evil.html"

cat > "$t/check.py" << 'EOF'
import re, sys
from html.parser import HTMLParser

URL = re.compile(r'(?i)(\w+:)?//|url\s*\(|@import')
ATTRS = {'href', 'src', 'srcset', 'action', 'formaction', 'poster',
         'xlink:href', 'data', 'background', 'cite', 'longdesc'}

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []       # open elements
        self.errors = []
        self.svg_text = []    # text of <text> inside <svg>, not axes
        self.axis = False
        self.outside = []     # text outside <svg>
        self.cells = []       # (tag, attrs, text) of td
        self.cell = None
        self.svgs = 0
        self.titled = 0
        self.style = ''
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ('script', 'iframe', 'object', 'embed', 'img', 'link',
                   'image', 'use', 'foreignobject', 'base', 'form'):
            self.errors.append('element <%s>' % tag)
        for k, v in attrs:
            if k.startswith('on'):
                self.errors.append('event attribute %s' % k)
            if (k in ATTRS or k == 'style') and v and URL.search(v):
                self.errors.append('outside URL in %s="%s"' % (k, v))
        if tag == 'svg':
            self.svgs += 1
        if tag == 'title' and self.stack and self.stack[-1] == 'svg':
            self.titled += 1
        if tag == 'td':
            self.cell = [a, '']
        if tag == 'text':
            self.axis = a.get('class') == 'axis'
        if tag not in ('meta', 'br', 'rect', 'line'):
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
    def handle_endtag(self, tag):
        if tag == 'td' and self.cell is not None:
            self.cells.append(tuple(self.cell))
            self.cell = None
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('</%s> closes <%s>' % (tag, self.stack[-1] if self.stack else ''))
            return
        self.stack.pop()
    def handle_data(self, data):
        if 'style' in self.stack:
            self.style += data
        elif 'svg' in self.stack:
            if self.stack[-1] == 'text' and not self.axis:
                self.svg_text.append(data)
        else:
            self.outside.append(data)
        if self.cell is not None:
            self.cell[1] += data

def check(path, want):
    p = Page()
    text = open(path, encoding='utf-8').read()
    p.feed(text)
    p.close()
    bad = list(p.errors)
    if p.stack:
        bad.append('unclosed: %s' % p.stack)
    if URL.search(p.style):
        bad.append('outside URL in <style>')
    if not text.startswith('<!DOCTYPE html>'):
        bad.append('no doctype')
    if p.svgs == 0 or p.titled != p.svgs:
        bad.append('%d charts, %d with a <title>' % (p.svgs, p.titled))
    # Numbers in tables are right-aligned.
    for a, s in p.cells:
        if re.fullmatch(r'[-+]?[\d.,]+%?( \([-+]?[\d.]+%\))?', s.strip()) and \
           a.get('align') != 'right':
            bad.append('number cell %r not right-aligned' % s)
    # Every figure a chart shows is also in the text outside the charts.
    outside = ' '.join(p.outside)
    for s in p.svg_text:
        for n in re.findall(r'\d+(?:\.\d+)?%?', s):
            if n not in outside:
                bad.append('chart figure %r (in %r) not in the text' % (n, s))
    for w in want:
        if w not in text:
            bad.append('missing %r' % w)
    for b in bad:
        print('%s: %s' % (path, b))
    return not bad

ok = check(sys.argv[1], ['Tickets per week', 'Tickets by category',
    'Tickets by agent', 'Resolution time distribution', '8 h target',
    'Retention', '90-95%', 'Product alerts', '茶壶'])
ok &= check(sys.argv[2], ['每周工单', '按类别统计工单', '按客服统计工单',
    '解决时长分布', '8小时时限', '手册 90-95%', '商品预警', '茶壶'])
ok &= check(sys.argv[3], ['&lt;script&gt;alert(1)&lt;/script&gt;',
    '&quot;&gt;&lt;img src=http://evil.example/x.png&gt;'])
sys.exit(0 if ok else 1)
EOF
python3 "$t/check.py" "$t/en.html" "$t/zh.html" "$t/evil.html" || fail=1

# --- rendered by headless Chromium ----------------------------------------
if ! command -v chromium > /dev/null; then
	echo "SKIP: no chromium (Debian package chromium) to render the page"
	exit 77
fi
render() {
	# $1 page, then chromium's output options
	page=$1; shift
	rm -rf "$t/profile"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$t/profile" --hide-scrollbars \
	    --window-size=800,1400 "$@" "file://$page" 2> "$t/chromium.err"
}
for l in en zh; do
	render "$t/$l.html" --screenshot="$t/$l.png" > /dev/null ||
	    { echo "chromium failed on the $l page:"; tail -5 "$t/chromium.err"; fail=1; continue; }
	render "$t/$l.html" --dump-dom > "$t/$l.dom" ||
	    { echo "chromium --dump-dom failed on the $l page"; fail=1; continue; }
done
cat > "$t/png.py" << 'EOF'
# The PNG has pixels of many colours: the page was drawn, not left blank.
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(d):
    n, = struct.unpack('>I', d[pos:pos + 4])
    kind, body = d[pos + 4:pos + 8], d[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b'IHDR':
        w, h, depth, ctype, _, _, lace = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
assert depth == 8 and lace == 0 and ctype in (2, 6), 'unexpected PNG format'
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, i = bytearray(stride), set(), 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            colours.add(bytes(line[x:x + 3]))
    prev = line
# Background, text and the charts' blue, orange, red and green at least.
if len(colours) < 6:
    print('%s: %dx%d with %d colours: blank' % (sys.argv[1], w, h, len(colours)))
    sys.exit(1)
EOF
for l in en zh; do
	[ -s "$t/$l.png" ] || { echo "no $l screenshot"; fail=1; continue; }
	python3 "$t/png.py" "$t/$l.png" || fail=1
done
for w in 'Tickets per week' '8 h target' '2026-W45' '5 (62.5%)' '0.50 / 4.00' \
    '50.0% (1/2)' 'manual 90-95%'; do
	grep -qF "$w" "$t/en.dom" || { echo "DOM has no '$w'"; fail=1; }
done
for w in '每周工单' '8小时时限' '手册 60%' '小时：中位数 / 90分位'; do
	grep -qF "$w" "$t/zh.dom" || { echo "DOM has no '$w'"; fail=1; }
done
exit $fail
