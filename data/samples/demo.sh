#!/bin/sh
# `make demo`: the cs tools run as a shop operator would run them, on the
# sample exports in data/samples/.  Each tool's step lives between its
# BEGIN/END markers.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
O=${O:-build}
case $O in /*) ;; *) O=$top/$O ;; esac
PATH=$O/bin:$PATH
s=$top/data/samples
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

# BEGIN cs-shipcost
step cs-shipcost --weights data/samples/weights.csv --explain data/samples/taobao-orders.csv
cs-shipcost --weights "$s/weights.csv" --explain "$s/taobao-orders.csv" |
	cut -d, -f1,14,29-
# END cs-shipcost
# BEGIN cs-eta
# Monday 2026-11-23: the parcels to chase (overdue), and the orders whose
# receipt window the after-sales agent must extend; then the same orders
# through cs-shipcost, whose status column makes cs-eta's eta_status.
step "cs-eta --today 2026-11-23 --overdue orders-shipped.csv | cut -d, -f1,3,5,6,9-"
(cd "$s" && cs-eta --today 2026-11-23 --overdue orders-shipped.csv |
	cut -d, -f1,3,5,6,9-)
step "cs-shipcost --weight 1 --carrier 圆通 orders-shipped.csv | cs-eta --today 2026-11-23 | cut -d, -f1,9,10,12-"
(cd "$s" && cs-shipcost --weight 1 --carrier 圆通 orders-shipped.csv |
	cs-eta --today 2026-11-23 | cut -d, -f1,9,10,12-)
# END cs-eta
# BEGIN cs-reviewsort
# This week's bad reviews sorted by cause, then counted per product.
step "cs-reviewsort -f tsv data/samples/reviews.csv | cut -f 2,4,6,8,10"
cs-reviewsort -f tsv "$s/reviews.csv" | cut -f 2,4,6,8,10
step cs-reviewsort --by 宝贝标题 --lang zh data/samples/reviews.csv
cs-reviewsort --by 宝贝标题 --lang zh "$s/reviews.csv"
# END cs-reviewsort
# BEGIN cs-lint
# Service-language check (客服质检) of a day's chats: findings, then the
# per-agent summary.
step cs-lint --chat data/samples/chats.csv
cs-lint --chat "$s/chats.csv" || true
step "cs-lint --chat --summary data/samples/chats.csv | cut -d, -f1-3,8-"
cs-lint --chat --summary "$s/chats.csv" | cut -d, -f1-3,8- || true
# END cs-lint
# BEGIN cs-stats
# The weekly after-sales report a team lead gets by cron mail, then the
# weekly trend per agent with last week's count beside it.
step "cs-stats --report --by category --orders orders-history.csv --alert 5 --today 2026-11-23 tickets.csv"
(cd "$s" && cs-stats --report --by category --orders orders-history.csv \
    --alert 5 --today 2026-11-23 tickets.csv)
step "cs-stats --period week --by agent --compare-previous --today 2026-11-23 -f tsv tickets.csv | cut -f 1-3,13,16,17,24- | awk 'NR == 1 || \$1 >= \"2026-W46\"'"
(cd "$s" && cs-stats --period week --by agent --compare-previous \
    --today 2026-11-23 -f tsv tickets.csv | cut -f 1-3,13,16,17,24- |
    awk 'NR == 1 || $1 >= "2026-W46"')
# The same report as one HTML page in Chinese, for a browser or a mail
# client: open it with a browser (xdg-open build/report.html).
step "cs-stats -f html --lang zh --by category,agent --period week --compare-previous --orders orders-history.csv --alert 5 --today 2026-11-23 tickets.csv > ${O#"$top"/}/report.html"
(cd "$s" && cs-stats -f html --lang zh --by category,agent --period week \
    --compare-previous --orders orders-history.csv --alert 5 \
    --today 2026-11-23 tickets.csv) > "$O/report.html"
echo "wrote ${O#"$top"/}/report.html"
# END cs-stats
