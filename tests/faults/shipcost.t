# cs-shipcost under faults: write errors, SIGPIPE, unreadable input, and
# --rates, --weights and --gazetteer files with errors (FILE:LINE).
. ./lib.sh
printf 'id,address,weight\nF1,浙江省杭州市,1\n' > "$t/in.csv"
awk 'BEGIN { print "id,address,weight"; for (i = 0; i < 100000; i++) print "R" i ",浙江省杭州市西湖区,1.5" }' > "$t/big.csv"
write_faults cs-shipcost "$t/in.csv"
sigpipe cs-shipcost "$t/big.csv"
unreadable cs-shipcost
expect 2 "^cs-shipcost: .*bad-rates.csv:3: " cs-shipcost --rates ../cs-shipcost/bad-rates.csv "$t/in.csv"
printf 'sku,kg\nA,1\nB,heavy\n,2\n' > "$t/weights.csv"
expect 2 "^cs-shipcost: .*weights.csv:3: " cs-shipcost --weights "$t/weights.csv" "$t/in.csv"
printf 'code,name,level,province_code,province,city\n330000,浙江省,province,330000,浙江省,\nabc,,nowhere,,,\n' > "$t/gaz.csv"
expect 2 "^cs-shipcost: .*gaz.csv:3: " cs-shipcost --gazetteer "$t/gaz.csv" "$t/in.csv"
expect 2 "^cs-shipcost: .*no-such-rates.csv" cs-shipcost --rates "$t/no-such-rates.csv" "$t/in.csv"
exit $fail
