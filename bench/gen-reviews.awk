# Generate N shop reviews as CSV (评价时间,宝贝标题,评分,评价内容), seeded:
#   awk -v n=1000000 -v seed=42 -f bench/gen-reviews.awk
# Each review strings together one to four clauses of the kinds buyers
# write (quality, service, logistics, mood, praise, filler), so that the
# classifier meets negation, contrast and long reviews as it would in an
# export.  About four in five reviews are rated 3 or lower.
function pick(a, n) { return a[1 + int(rand() * n)] }
BEGIN {
	srand(seed == "" ? 42 : seed)
	nq = split("质量太差了 做工很粗糙 穿了一次就起球 洗了就掉色 收到就是坏的 屏幕有亮点 电池不耐用 用了三天就死机 味道很刺鼻 感觉是假货 和描述不符 尺码偏小 个头太小 有好几个烂的 不新鲜 洗完头皮很痒 头皮屑变多了 开机就卡 充不进电 盖子漏水", q, " ")
	ns = split("客服态度很差 问了半天没人理 不给退货 一直推来推去 客服不回复 说好的赠品没送 安装费太贵了 发票一直没开 售后敷衍 拒绝换货", sv, " ")
	nl = split("物流太慢了 快递三天才到 发错货了 外包装破损 快递员态度差 不送货上门 还没发货 少发了一件 快递压坏了 物流信息不更新", lg, " ")
	nm = split("不喜欢 一般般吧 太贵了 刚买就降价 和想象的不一样 有点后悔 不值这个价 失望 垃圾 再也不买了", md, " ")
	np = split("质量不错 物流很快 客服很耐心 包装完好 颜色好看 很满意 还可以 性价比高 物流不慢 不是质量问题", ps, " ")
	nf = split("买给家里人的 第二次购买了 双十一下的单 等了好久 说实话 总的来说 本来很期待 朋友推荐的 看了评价才买 反正", fl, " ")
	nc = split("，就是 ，但是 ，不过 ， ，而且 。 ！", cj, " ")
	nt = split("304不锈钢保温杯 纯棉短袖T恤 蓝牙耳机降噪款 控油去屑洗发水 红富士苹果5斤 10寸平板电脑 电热水器60升 儿童绘本套装 纯牛奶整箱", title, " ")
	print "评价时间,宝贝标题,评分,评价内容"
	for (i = 0; i < n; i++) {
		k = 1 + int(rand() * 4)
		text = ""
		for (j = 0; j < k; j++) {
			r = rand()
			if (r < 0.30) c = pick(q, nq)
			else if (r < 0.40) c = pick(sv, ns)
			else if (r < 0.52) c = pick(lg, nl)
			else if (r < 0.64) c = pick(md, nm)
			else if (r < 0.84) c = pick(ps, np)
			else c = pick(fl, nf)
			sep = j == 0 ? "" : pick(cj, nc)
			text = text sep c
		}
		if (rand() < 0.1)
			text = text "[哭]"
		rating = rand() < 0.8 ? 1 + int(rand() * 3) : 4 + int(rand() * 2)
		printf "2026-11-%02d %02d:%02d:%02d,%s,%d,%s。\n", 1 + i % 28, i % 24, i % 60, (i * 7) % 60, pick(title, nt), rating, text
	}
}
