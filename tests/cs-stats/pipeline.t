# cs-reviewsort | cs-stats --by category: the pipeline of the SPEC works on
# real reviewsort output.  Each tool's exit status is checked on its own.
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
printf '评价内容,评分,宝贝标题\n质量太差了,1,杯子\n物流太慢了,2,杯子\n一般,3,碗\n很好,5,碗\n' > "$t/in.csv"
cs-reviewsort < "$t/in.csv" > "$t/sorted.csv" || { echo "cs-reviewsort exited $?"; exit 1; }
out=$(cs-stats --by category < "$t/sorted.csv") || { echo "cs-stats exited $?"; exit 1; }
printf '%s\n' "$out" | awk -F, 'NR == 1 { if ($1 != "category" || $2 != "reviews" || NF != 3) bad = 1; next }
	$1 == "total" { if ($2 != 3 || $3 != "100.0") bad = 1; next }
	{ n += $2; if ($1 !~ /^(quality|service|logistics|mood)$/) bad = 1 }
	END { if (bad || n != 3) { print "unexpected table"; exit 1 } }' || { printf '%s\n' "$out"; exit 1; }
