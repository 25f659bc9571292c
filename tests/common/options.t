# Every long option of every tool (its own long_options[] in cmd/ and the
# shared ones in lib/io/cli.c) appears in its --help, its manual page, and the
# bash, zsh and fish completions.  Each manual page is mandoc -Tlint clean.
set -u
fail=0
opts_in() {
	# Long option names in the 'struct option' arrays of a C file.
	awk '/struct option [a-z_]*\[\] *= *\{/ { on = 1; next }
	     on && /^\};/ { on = 0 }
	     on && match($0, /\{ *"[a-z0-9-]+"/) {
		s = substr($0, RSTART, RLENGTH); sub(/^\{ *"/, "", s); sub(/"$/, "", s); print s }' "$1"
}
section() {
	# The lines of FILE between "BEGIN tool" and "END tool".
	awk -v t="$2" '$0 ~ "BEGIN " t "$" { on = 1 } on { print } $0 ~ "END " t "$" { on = 0 }' "$1"
}
common=$(opts_in "$top/lib/io/cli.c")
[ -n "$common" ] || { echo "no options found in lib/io/cli.c"; exit 1; }
for src in "$top"/cmd/cs-*.c; do
	tool=$(basename "$src" .c)
	[ -x "$O/bin/$tool" ] || { echo "$tool: not built"; fail=1; continue; }
	help=$("$O/bin/$tool" --help)
	man=$top/man/$tool.1
	[ -f "$man" ] || { echo "$tool: no manual page"; fail=1; continue; }
	lint=$(mandoc -Tlint "$man" 2>&1 | grep -v 'referenced manual not found')
	[ -z "$lint" ] || { echo "$tool: mandoc -Tlint:"; echo "$lint"; fail=1; }
	bash_s=$(section "$top/completions/bash/cs" "$tool"; grep '^_cs_common_opts' "$top/completions/bash/cs")
	zsh_s=$(section "$top/completions/zsh/_cs" "$tool"; sed -n '/^common=(/,/^)/p' "$top/completions/zsh/_cs")
	fish=$top/completions/fish/$tool.fish
	[ -f "$fish" ] || { echo "$tool: no $fish"; fail=1; continue; }
	fish_s=$(cat "$fish" "$top/completions/fish/cs-common.fish")
	own=$(opts_in "$src")
	for o in $common $own; do
		printf '%s\n' "$help" | grep -q -- "--$o\\b" || { echo "$tool: --$o missing from --help"; fail=1; }
		grep -q -- "Fl \\\\-$o\\b" "$man" || { echo "$tool: --$o missing from $tool.1"; fail=1; }
		printf '%s\n' "$bash_s" | grep -q -- "--$o\\b" || { echo "$tool: --$o missing from bash completion"; fail=1; }
		printf '%s\n' "$zsh_s" | grep -q -- "-$o\\b" || { echo "$tool: --$o missing from zsh completion"; fail=1; }
		printf '%s\n' "$fish_s" | grep -q -- "-l $o\\b" || { echo "$tool: --$o missing from fish completion"; fail=1; }
	done
done
lint=$(mandoc -Tlint "$top/man/cs.7" 2>&1 | grep -v 'referenced manual not found')
[ -z "$lint" ] || { echo "cs.7: mandoc -Tlint:"; echo "$lint"; fail=1; }
exit $fail
