#!/bin/sh
# Print the directory fish reads vendor completions from: what its
# pkg-config file says, else what the installed fish says of itself, else
# DATADIR/fish/vendor_completions.d (argument 1) when fish is not here.
d=$(pkg-config --variable=completionsdir fish 2>/dev/null)
[ -n "$d" ] || d=$(fish -c 'echo $__fish_data_dir' 2>/dev/null | sed 's,$,/vendor_completions.d,')
[ -n "$d" ] || d=$1/fish/vendor_completions.d
echo "$d"
