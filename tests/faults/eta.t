# cs-eta under faults: write errors, SIGPIPE, unreadable input, and
# --holidays, --transit and --gazetteer files with errors (FILE:LINE).
. ./lib.sh
printf 'id,address,发货时间\nF1,浙江省杭州市,2026-11-20 10:00\n' > "$t/in.csv"
awk 'BEGIN { print "id,address,发货时间"; for (i = 0; i < 100000; i++) print "R" i ",浙江省杭州市西湖区,2026-11-20 10:00" }' > "$t/big.csv"
write_faults cs-eta "$t/in.csv" --today 2026-11-23
sigpipe cs-eta "$t/big.csv" --today 2026-11-23
unreadable cs-eta --today 2026-11-23
expect 2 "^cs-eta: .*bad-holidays.csv:2: " cs-eta --today 2026-11-23 --holidays ../cs-eta/bad-holidays.csv "$t/in.csv"
expect 2 "^cs-eta: .*bad-transit.csv:2: " cs-eta --today 2026-11-23 --transit ../cs-eta/bad-transit.csv "$t/in.csv"
printf 'code,name,level,province_code,province,city\n330000,浙江省,province,330000,浙江省,\nabc,,nowhere,,,\n' > "$t/gaz.csv"
expect 2 "^cs-eta: .*gaz.csv:3: " cs-eta --today 2026-11-23 --gazetteer "$t/gaz.csv" "$t/in.csv"
exit $fail
