# cs-reviewsort under faults: write errors (CSV, text and --summary),
# SIGPIPE, unreadable input, and a --lexicon file with errors (FILE:LINE).
. ./lib.sh
printf '评价内容,评分\n质量很差,1\n' > "$t/in.csv"
awk 'BEGIN { print "评价内容,评分"; for (i = 0; i < 100000; i++) print "质量很差，物流也慢 " i ",1" }' > "$t/big.csv"
write_faults cs-reviewsort "$t/in.csv"
write_faults cs-reviewsort "$t/in.csv" --text
write_faults cs-reviewsort "$t/in.csv" --summary
sigpipe cs-reviewsort "$t/big.csv"
unreadable cs-reviewsort
expect 2 "^cs-reviewsort: .*bad-lexicon.csv:2: " cs-reviewsort --lexicon ../cs-reviewsort/bad-lexicon.csv "$t/in.csv"
exit $fail
