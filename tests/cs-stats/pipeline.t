# cs-reviewsort | cs-stats --by category: the pipeline of the SPEC works on
# real reviewsort output (skipped while cs-reviewsort is not built).
set -u
command -v cs-reviewsort > /dev/null || { echo "SKIP: no cs-reviewsort"; exit 0; }
out=$(printf '评价内容,评分,宝贝标题\n质量太差了,1,杯子\n物流太慢了,2,杯子\n一般,3,碗\n很好,5,碗\n' |
    cs-reviewsort | cs-stats --by category) || { echo "pipeline failed"; exit 1; }
printf '%s\n' "$out" | awk -F, 'NR == 1 { if ($1 != "category" || $2 != "tickets") bad = 1; next }
	{ n += $2; if ($1 !~ /^(quality|service|logistics|mood)$/) bad = 1 }
	END { if (bad || n != 3) { print "unexpected table"; exit 1 } }' || { printf '%s\n' "$out"; exit 1; }
