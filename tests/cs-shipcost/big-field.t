# A field over the 4 MiB limit rejects its record with a message at the
# record's line; the rows around it are still priced.
set -u
t=$(mktemp -d)
{
	printf 'id,address,weight\nA1,浙江省杭州市,1\nA2,"'
	head -c 10485760 /dev/zero | tr '\0' 'x'
	printf '",1\nA3,上海市,2\n'
} > "$t/in.csv"
cs-shipcost "$t/in.csv" > "$t/out" 2> "$t/err"; st=$?
fail=0
[ "$st" = 1 ] || { echo "status $st, want 1"; fail=1; }
printf 'id,address,weight,region,tier,chargeable_kg,fee,status\nA1,浙江省杭州市,1,浙江,jzh,1,5.00,ok\nA3,上海市,2,上海,jzh,2,6.00,ok\n' > "$t/want"
cmp -s "$t/out" "$t/want" || { echo "stdout:"; diff "$t/want" "$t/out" | head; fail=1; }
printf 'cs-shipcost: %s:3: field larger than the 4 MiB limit\n' "$t/in.csv" > "$t/wanterr"
cmp -s "$t/err" "$t/wanterr" || { echo "stderr:"; cat "$t/err"; fail=1; }
rm -rf "$t"
exit $fail
