# cs-lint under faults: write errors (text, --chat and --summary), SIGPIPE,
# unreadable input, and --rules and --holidays files with errors
# (FILE:LINE).
. ./lib.sh
printf '喂，你到底想怎么样\n' > "$t/in.txt"
printf '会话ID,发送时间,角色,客服,内容\nS1,2026-11-23 09:00:00,买家,,在吗\nS1,2026-11-23 09:00:08,客服,小美,喂\n' > "$t/chat.csv"
awk 'BEGIN { for (i = 0; i < 50000; i++) print "喂，这不关我的事 " i }' > "$t/big.txt"
write_faults cs-lint "$t/in.txt"
write_faults cs-lint "$t/chat.csv" --chat
write_faults cs-lint "$t/chat.csv" --chat --summary
sigpipe cs-lint "$t/big.txt"
unreadable cs-lint
unreadable cs-lint --chat
expect 2 "^cs-lint: .*030-rules-error.rules:3: " cs-lint --rules ../cs-lint/030-rules-error.rules "$t/in.txt"
expect 2 "^cs-lint: .*bad-holidays.csv:2: " cs-lint --chat --holidays ../cs-eta/bad-holidays.csv "$t/chat.csv"
exit $fail
