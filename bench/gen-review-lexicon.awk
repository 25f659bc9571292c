# Print N extra lexicon terms (term,category,weight,flags) of two to four
# random common ideographs, seeded, to measure cs-reviewsort with a lexicon
# twice its size:  awk -v n=900 -v seed=1 -f bench/gen-review-lexicon.awk
# (-v min=2 -v max=7: from two to seven ideographs instead).
function utf8(cp) {
	return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
}
BEGIN {
	srand(seed == "" ? 1 : seed)
	split("quality service logistics mood negative positive", cat, " ")
	if (min == "")
		min = 2
	if (max == "")
		max = 4
	print "term,category,weight,flags"
	for (i = 0; i < n; i++) {
		len = min + int(rand() * (max - min + 1))
		t = ""
		for (j = 0; j < len; j++)
			t = t utf8(19968 + int(rand() * 20902))
		printf "%s,%s,1,\n", t, cat[1 + int(rand() * 6)]
	}
}
