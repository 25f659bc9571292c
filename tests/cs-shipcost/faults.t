# Write errors and SIGPIPE: a full disk and a closed stdout are exit 2 with
# a message; a reader that goes away (| head -1) ends the tool quietly by
# SIGPIPE, with no message.
set -u
fail=0
t=$(mktemp -d)
printf 'id,address,weight\nF1,浙江省杭州市,1\n' > "$t/in.csv"

cs-shipcost "$t/in.csv" > /dev/full 2> "$t/err"; st=$?
[ "$st" = 2 ] || { echo "/dev/full: status $st, want 2"; fail=1; }
grep -qx 'cs-shipcost: write error: No space left on device' "$t/err" ||
	{ echo "/dev/full: stderr:"; cat "$t/err"; fail=1; }

cs-shipcost "$t/in.csv" >&- 2> "$t/err"; st=$?
[ "$st" = 2 ] || { echo "closed stdout: status $st, want 2"; fail=1; }
grep -q '^cs-shipcost: write error' "$t/err" || { echo "closed stdout: stderr:"; cat "$t/err"; fail=1; }

# Enough rows that the output outgrows the pipe buffer.
awk 'BEGIN { print "id,address,weight"; for (i = 0; i < 200000; i++) print "R" i ",浙江省杭州市西湖区,1.5" }' > "$t/big.csv"
{ cs-shipcost "$t/big.csv" 2> "$t/err"; echo $? > "$t/st"; } | head -1 > "$t/out"
st=$(cat "$t/st")
[ "$st" = 141 ] || { echo "| head -1: status $st, want 141 (SIGPIPE)"; fail=1; }
[ -s "$t/err" ] && { echo "| head -1: unexpected stderr:"; cat "$t/err"; fail=1; }
grep -qx 'id,address,weight,region,tier,chargeable_kg,fee,status' "$t/out" ||
	{ echo "| head -1: first line:"; cat "$t/out"; fail=1; }
rm -rf "$t"
exit $fail
