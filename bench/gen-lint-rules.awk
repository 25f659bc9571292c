# Print N extra cs-lint phrase rules of random ideographs, shaped like the
# built-in ones (alternatives, an optional part, exceptions), seeded, to
# measure cs-lint with twice the rules:
#   awk -v n=41 -v seed=1 -f bench/gen-lint-rules.awk
function utf8(cp) {
	return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
}
function ch() {
	return utf8(19968 + int(rand() * 20902))
}
BEGIN {
	srand(seed == "" ? 1 : seed)
	for (i = 0; i < n; i++) {
		printf "rule gen-%d\nfamily gen\nseverity warning\nreason generated\n", i
		printf "phrase (%s|%s|%s)(%s|%s)?%s%s(%s|%s|%s)\n", ch(), ch(), ch(),
		    ch(), ch(), ch(), ch(), ch(), ch(), ch()
		printf "phrase <%s%s(%s|%s)?>\n", ch(), ch(), ch(), ch()
		printf "unless after:4 %s|%s%s\n", ch(), ch(), ch()
		printf "unless line %s%s|%s%s|%s%s\n\n", ch(), ch(), ch(), ch(), ch(), ch()
	}
}
