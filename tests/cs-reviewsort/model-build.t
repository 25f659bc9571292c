# The build's model is what --train makes of the train split of
# the labelled reviews ($O/gen/reviews-labelled.csv, joined from
# data/train/reviews-labelled-*.csv), byte for byte: training is
# deterministic, and the validation rows are left out.
set -u
m=$O/gen/reviews-model.bin
[ -f "$m" ] || { echo "no $m: build first"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cs-reviewsort --train -o "$t/a" "$O/gen/reviews-labelled.csv" || exit 1
cmp "$t/a" "$m" || exit 1
# Without the split column every row is trained on: another model.
awk -F, 'NR == 1 { sub(/,split$/, "") } NR > 1 { sub(/,[a-z]*$/, "") } { print }' \
    "$O/gen/reviews-labelled.csv" > "$t/all.csv"
cs-reviewsort --train -o "$t/b" "$t/all.csv" || exit 1
! cmp -s "$t/b" "$m"
