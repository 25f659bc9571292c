# --excel output opened in LibreOffice Calc (headless): ids show whole as
# text, formulas from the data stay inert text, negative and signed
# numbers stay numbers, and a cs-stats change column (+6) is a number.
# Needs soffice (Debian: libreoffice-calc-nogui), an optional test
# dependency: without it the test is skipped.
set -u
command -v soffice >/dev/null 2>&1 || { echo "soffice not installed (apt-get install libreoffice-calc-nogui)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
printf '订单编号,收货地址,买家应付货款,调整,联系手机,物流单号,买家留言\n' > orders.csv
printf '="4001000000000001",浙江省杭州市,-12.00,+6,13800138000,123456789012,=1+1\n' >> orders.csv
printf '4001000000000002,上海市,88.50,-2+3,13900139000,="YT7432109870001",@SUM(A1)\n' >> orders.csv
printf '4001000000000003,江苏省南京市,-0.50,+7.25,13700137000,="00012345678901",=cmd|'"'"' /C calc'"'"'!A0\n' >> orders.csv
cs-shipcost --excel --weight 1 orders.csv > out.csv || { echo "cs-shipcost failed"; exit 1; }
# A separate profile: no clash with another soffice of the same user.
HOME=$t soffice -env:UserInstallation=file://$t/profile --headless \
    --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$t" out.csv \
    > soffice.log 2>&1
[ -f out.xlsx ] || { echo "soffice made no out.xlsx:"; cat soffice.log; exit 1; }
python3 - out.xlsx <<'PY'
import re, sys, zipfile
from xml.etree import ElementTree as ET

ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
strings = [
    "".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)
]
cells = {}
for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}c" % ns["m"]):
    f = c.find("m:f", ns)
    v = c.find("m:v", ns)
    kind = c.get("t", "n")
    val = v.text if v is not None else ""
    if kind == "s":
        val = strings[int(val)]
    cells[c.get("r")] = (kind, val, f.text if f is not None else None)

bad = []
def want(ref, kind, val):
    got = cells.get(ref)
    if got is None or got[0] != kind or got[1] != val:
        bad.append("%s: got %r, want %r" % (ref, got, (kind, val)))

# Every formula Calc runs is a string constant of an id.
for ref, (kind, val, f) in cells.items():
    if f is not None and not re.fullmatch(r'"[0-9A-Za-z-]+"', f):
        bad.append("%s: formula %r runs" % (ref, f))
want("A2", "str", "4001000000000001")       # ="..." from the export
want("A3", "str", "4001000000000002")       # bare 16 digits
want("F2", "str", "123456789012")           # bare 12 digits
want("F3", "str", "YT7432109870001")        # ="YT..." from the export
want("F4", "str", "00012345678901")         # leading zeros kept
want("C2", "n", "-12")                      # -12.00 is a number
want("C4", "n", "-0.5")
want("D2", "n", "6")                        # +6 is a number
want("D4", "n", "7.25")
want("E2", "n", "13800138000")              # 11 digits: a number, whole
want("D3", "s", "'-2+3")                    # guarded: inert text
want("G2", "s", "'=1+1")
want("G3", "s", "'@SUM(A1)")
want("G4", "s", "'=cmd|' /C calc'!A0")
want("K2", "n", "5")                        # the fee cs-shipcost appends
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
