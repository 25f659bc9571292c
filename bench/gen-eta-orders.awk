# Seeded generator of shipped-order CSVs for the cs-eta benchmark:
#   awk -v n=1000000 -v seed=42 -f bench/gen-eta-orders.awk > orders.csv
# A Taobao-like header; addresses with and without spaces and postcodes;
# payment times in the three weeks before 2026-11-23; about 70 % shipped
# (ship time 0-2 days after payment, in a later hour, some in 2026/11/20 form), 10 % signed
# for, carriers with and without a company suffix.
BEGIN {
	if (n == "") n = 1000
	if (seed == "") seed = 1
	srand(seed)
	np = split("浙江省 杭州市 西湖区|江苏省 南京市 玄武区|上海市 浦东新区|" \
	    "广东省 深圳市 南山区|山东省 济南市 历下区|四川省 成都市 武侯区|" \
	    "湖北省 武汉市 江汉区|北京市 海淀区|河南省 郑州市 金水区|" \
	    "福建省 厦门市 思明区|新疆维吾尔自治区 乌鲁木齐市 天山区|" \
	    "西藏自治区 拉萨市 城关区|黑龙江省 哈尔滨市 道里区|" \
	    "广西壮族自治区 南宁市 青秀区|甘肃省 兰州市 城关区|海南省 海口市 龙华区", P, "|")
	nc = split("圆通速递|圆通|顺丰速运|中通快递|韵达", C, "|")
	print "订单编号,买家会员名,收货地址,订单付款时间,发货时间,物流公司,签收时间,买家留言"
	for (i = 1; i <= n; i++) {
		a = P[int(rand() * np) + 1]
		if (rand() < 0.3)
			gsub(/ /, "", a)
		a = a " 某某路" int(rand() * 999 + 1) "号"
		if (rand() < 0.4)
			a = a "(" int(rand() * 899999 + 100000) ")"
		pd = int(rand() * 22) + 1
		ph = int(rand() * 24); pm = int(rand() * 60); ps = int(rand() * 60)
		paid = sprintf("2026-11-%02d %02d:%02d:%02d", pd, ph, pm, ps)
		ship = ""; carrier = ""; signed = ""
		if (rand() < 0.7) {
			sd = pd + int(rand() * 3)
			if (sd > 22)
				sd = 22
			if (sd == pd && ph == 23)
				sd++
			sh = sd == pd ? ph + 1 + int(rand() * (23 - ph)) : int(rand() * 24)
			if (rand() < 0.2)
				ship = sprintf("2026/%d/%d %d:%02d", 11, sd, sh, pm)
			else
				ship = sprintf("2026-11-%02d %02d:%02d:%02d", sd, sh, pm, ps)
			carrier = C[int(rand() * nc) + 1]
			if (rand() < 0.15 && sd + 3 <= 22)
				signed = sprintf("2026-11-%02d 12:00:00", sd + 3)
		}
		note = rand() < 0.1 ? "\"请尽快发货,谢谢\"" : ""
		printf "=\"%.0f\",buyer%d,%s,%s,%s,%s,%s,%s\n", 3365120000000000 + i, \
		    int(rand() * 100000), a, paid, ship, carrier, signed, note
	}
}
