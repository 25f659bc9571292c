# cs-stats under faults: write errors (table, --report, --partial, --merge),
# SIGPIPE, unreadable input and state files, and an --orders file with
# errors (FILE:LINE).  More of cs-stats' own edges: tests/cs-stats/faults.t.
. ./lib.sh
in=../cs-stats/001-basic.in
write_faults cs-stats "$in"
write_faults cs-stats "$in" --report
write_faults cs-stats "$in" --partial
cs-stats --partial "$in" > "$t/state.csv"
write_faults cs-stats "$t/state.csv" --merge
# Enough groups that the table outgrows the pipe buffer.
awk 'BEGIN { print "工单编号,买家会员名,处理客服,商品名称,售后类型,创建时间,首次响应时间,完结时间,处理结果";
	for (i = 0; i < 30000; i++) print "T" i ",buyer" i ",小美,杯子,退款,2026-07-01 10:20,2026-07-01 10:25,2026-07-01 17:25,已解决" }' > "$t/big.csv"
sigpipe cs-stats "$t/big.csv" --by buyer
unreadable cs-stats
unreadable cs-stats --merge
cp ../cs-stats/orders-012.csv "$t/o.csv"
echo "bad,not a time,碗" >> "$t/o.csv"
expect 1 "^cs-stats: .*o.csv:13: " cs-stats --orders "$t/o.csv" --today 2026-12-31 --table retention ../cs-stats/012-retention.in
expect 2 "^cs-stats: .*no-such-orders.csv" cs-stats --orders "$t/no-such-orders.csv" "$in"
exit $fail
