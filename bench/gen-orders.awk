# Seeded generator of realistic order CSVs for the benchmarks:
#   awk -v n=1000000 -v seed=42 -f bench/gen-orders.awk > orders.csv
# Chinese addresses in the forms buyers write (with or without spaces,
# postcodes, short names), quoted fields with commas and doubled quotes.
BEGIN {
	if (n == "") n = 1000
	if (seed == "") seed = 42
	srand(seed)
	np = split("浙江省 杭州市 西湖区|江苏省 南京市 鼓楼区|上海市 浦东新区|广东省 深圳市 南山区|北京市 朝阳区|" \
		"四川省 成都市 武侯区|湖北省 武汉市 洪山区|山东省 青岛市 市南区|河南省 郑州市 金水区|福建省 厦门市 思明区|" \
		"湖南省 长沙市 岳麓区|安徽省 合肥市 蜀山区|新疆维吾尔自治区 乌鲁木齐市 天山区|内蒙古自治区 呼和浩特市 新城区|" \
		"广西壮族自治区 南宁市 青秀区|云南省 昆明市 五华区|陕西省 西安市 雁塔区|辽宁省 沈阳市 和平区|" \
		"黑龙江省 哈尔滨市 南岗区|重庆市 渝中区|天津市 河西区|甘肃省 兰州市 城关区|江西省 南昌市 东湖区|" \
		"河北省 石家庄市 长安区|山西省 太原市 小店区|贵州省 贵阳市 南明区|海南省 海口市 龙华区|吉林省 长春市 南关区|" \
		"杭州市 余杭区|苏州市 吴中区|宁波市 鄞州区|广州市 天河区|西藏自治区 拉萨市 城关区|香港 九龙 油尖旺区", prov, "|")
	ns = split("文三路|中山路|人民路|解放路|建设路|科技园|高新大道|世纪大道|南京路|长江路", street, "|")
	nn = split("小林|dream_wang|阿勇|sunny_chen|老周|tb_88213|甜甜圈|momo|张三丰|lily_2026", nick, "|")
	print "订单编号,买家会员名,收货地址,重量,买家应付货款,买家留言"
	for (i = 1; i <= n; i++) {
		p = prov[int(rand() * np) + 1]
		if (rand() < 0.3) gsub(/ /, "", p)
		addr = p " " street[int(rand() * ns) + 1] int(rand() * 999 + 1) "号"
		if (rand() < 0.5) addr = addr "(" int(100000 + rand() * 800000) ")"
		w = sprintf("%.2f", 0.1 + rand() * 9.9)
		amt = sprintf("%.2f", 5 + rand() * 500)
		r = rand()
		if (r < 0.05) msg = "\"请尽快发货,谢谢\""
		else if (r < 0.08) msg = "\"要\"\"红色\"\"的,不要蓝色\""
		else if (r < 0.3) msg = "周末送货"
		else msg = ""
		printf "%d%08d,%s,%s,%s,%s,%s\n", 3365, i, nick[int(rand() * nn) + 1], addr, w, amt, msg
	}
}
