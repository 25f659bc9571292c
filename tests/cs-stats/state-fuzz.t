# --merge on 600 mutated partial states (lines cut, dropped, doubled or
# swapped, a byte changed, a number made huge or negative, junk appended):
# every one either merges to exactly what the intact state gives (the
# mutation changed nothing) or is refused with status 2 and a message,
# never a crash, a hang or other figures.
set -eu
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
t=${TMPDIR:-/tmp}/cs-stats-fuzz.$$
mkdir -p "$t"
trap 'rm -rf "$t"' EXIT
awk -v n=300 -v seed=3 -f "$top/bench/gen-stats.awk" > "$t/log.csv"
cs-stats --partial --by category "$t/log.csv" > "$t/state"
cs-stats --merge --by category "$t/state" > "$t/want"
python3 - "$t/state" "$t" <<'PY'
import random, sys
random.seed(31)
lines = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
for i in range(600):
    m = list(lines)
    k = random.randrange(1, len(m))
    op = i % 8
    if op == 0:
        m = m[:k]
    elif op == 1:
        del m[k]
    elif op == 2:
        m.insert(k, m[k])
    elif op == 3 and k + 1 < len(m):
        m[k], m[k + 1] = m[k + 1], m[k]
    elif op == 4:
        b = bytearray(m[k] or b"x")
        b[random.randrange(len(b))] = random.choice(b"0123456789,\"x-")
        m[k] = bytes(b)
    elif op == 5:
        f = m[k].split(b",")
        j = random.randrange(len(f))
        f[j] = random.choice([b"2147483648", b"9223372036854775807", b"-1", b"99999999999999"])
        m[k] = b",".join(f)
    elif op == 6:
        m.append(b"v,x,reply,1,1")
    else:
        m = m[:k] + [m[k][:random.randrange(len(m[k]) + 1)]]
    open("%s/m%03d" % (sys.argv[2], i), "wb").write(b"\n".join(m) + b"\n")
PY
fail=0
for f in "$t"/m[0-9]*; do
	set +e
	timeout 10 cs-stats --merge --by category "$f" > "$t/got" 2> "$t/err"
	st=$?
	set -e
	if [ "$st" = 0 ] && cmp -s "$t/want" "$t/got"; then
		continue
	fi
	if [ "$st" = 2 ] && [ -s "$t/err" ] && [ ! -s "$t/got" ]; then
		continue
	fi
	echo "$(basename "$f"): status $st"; head -3 "$t/err"; fail=1
done
exit $fail
