# Every input row is accounted for: rows written + rows rejected with a
# diagnostic + positive reviews filtered out = rows read.
set -u
t=$(mktemp -d)
{
	echo '评价内容,评分'
	i=0
	while [ $i -lt 50 ]; do
		echo "质量太差$i,1"
		echo "物流太慢,2,extra"
		printf '坏了\377,1\n'
		echo "很好,5"
		echo "还行,x$i"
		i=$((i + 1))
	done
} > "$t/in.csv"
cs-reviewsort "$t/in.csv" > "$t/out" 2> "$t/err"
st=$?
rows_in=$(($(wc -l < "$t/in.csv") - 1))
rows_out=$(($(wc -l < "$t/out") - 1))
rejected=$(grep -c -e 'expected 2 fields' -e 'invalid UTF-8' "$t/err")
warned=$(grep -c 'unrecognized rating' "$t/err")
skipped=$(grep -c '^很好' "$t/in.csv")
rm -rf "$t"
echo "in=$rows_in out=$rows_out rejected=$rejected warned=$warned skipped=$skipped status=$st"
[ "$st" = 1 ] && [ $((rows_out + rejected + skipped)) = "$rows_in" ] &&
    [ "$rejected" = 100 ] && [ "$warned" = 50 ] && [ "$rows_out" = 100 ]
