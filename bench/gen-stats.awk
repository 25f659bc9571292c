# Seeded generator of an after-sales ticket log for cs-stats tests and
# benchmarks (POSIX awk, mawk or gawk).
#
#   awk -v n=100000 -v seed=7 [-v raw=FILE] -f bench/gen-stats.awk
#
# Writes the CSV log on stdout.  With raw=FILE it also writes the ground
# truth of every ticket to FILE, tab-separated, for independent checking:
# category, agent, first-reply seconds (-1: none), resolution seconds (-1:
# open), reopened (1/0), buyer.  Times start at 2026-09-01 00:00 and stay within
# 2026; ticket ids are unique.
function fmt(s,    d, m, h, mi, se) {
	d = int(s / 86400); s -= d * 86400
	h = int(s / 3600); s -= h * 3600
	mi = int(s / 60); se = s - mi * 60
	for (m = 9; d >= mdays[m]; m++)
		d -= mdays[m]
	return sprintf("2026-%02d-%02d %02d:%02d:%02d", m, d + 1, h, mi, se)
}
BEGIN {
	if (n == "") n = 1000
	srand(seed == "" ? 1 : seed)
	mdays[9] = 30; mdays[10] = 31; mdays[11] = 30; mdays[12] = 31
	nc = split("查件,延长收货,破损,补货,换货,退货,退款,维权", cat, ",")
	na = split("小美,小王,小李,小张,阿花", agent, ",")
	np = split("保温杯,茶壶,陶瓷碗,玻璃杯,筷子,餐盘", prod, ",")
	print "工单号,买家,客服,商品,售后类型,创建时间,首次响应时间,完结时间,处理结果,是否重开"
	for (i = 1; i <= n; i++) {
		o = int(rand() * 90 * 86400)
		c = cat[1 + int(rand() * nc)]
		a = agent[1 + int(rand() * na)]
		p = prod[1 + int(rand() * np)]
		b = "b" int(rand() * n / 3)
		rep = rand() < 0.95 ? int(rand() * rand() * 40 * 3600) : -1
		res = rand() < 0.85 ? int(rand() * rand() * rand() * 120 * 3600) : -1
		if (res >= 0 && rep > res)
			rep = res
		ro = rand() < 0.1
		printf "T%07d,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", i, b, a, p, c, fmt(o),
		    rep < 0 ? "" : fmt(o + rep), res < 0 ? "" : fmt(o + res),
		    res < 0 ? "处理中" : "已解决", ro ? "是" : "否"
		if (raw != "")
			printf "%s\t%s\t%d\t%d\t%d\t%s\n", c, a, rep, res, ro, b > raw
	}
}
