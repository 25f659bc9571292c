# Every input row is accounted for: rows written + rows rejected with a
# diagnostic = rows read, on a file mixing good and broken rows.
set -u
t=$(mktemp -d)
{
	echo 'id,address,weight'
	i=0
	while [ $i -lt 50 ]; do
		echo "G$i,浙江省杭州市,1"
		echo "R$i,浙江省杭州市,1,extra"
		printf 'U%s,浙江\377,1\n' "$i"
		echo "W$i,浙江省杭州市,abc"
		i=$((i + 1))
	done
} > "$t/in.csv"
cs-shipcost "$t/in.csv" > "$t/out" 2> "$t/err"
st=$?
rows_in=$(($(wc -l < "$t/in.csv") - 1))
rows_out=$(($(wc -l < "$t/out") - 1))
rejected=$(grep -c -e 'expected 3 fields' -e 'invalid UTF-8' "$t/err")
warned=$(grep -c 'is not a number' "$t/err")
rm -rf "$t"
echo "in=$rows_in out=$rows_out rejected=$rejected warned=$warned status=$st"
[ "$st" = 1 ] && [ $((rows_out + rejected)) = "$rows_in" ] && [ "$rejected" = 100 ] && [ "$warned" = 50 ]
