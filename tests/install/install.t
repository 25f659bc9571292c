# make install into a DESTDIR puts the completions where each shell looks by
# default for the prefix, each shell started clean completes
# `cs-shipcost --ca` to --carrier from the installed file, and make
# uninstall removes everything install wrote.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
root=$t/root
prefix=${PREFIX:-/usr/local}
# The build under test is installed: make must find it up to date.
make -s -C "$top" O="$O" DESTDIR="$root" PREFIX="$prefix" install > "$t/install.log" 2>&1 ||
	{ echo "make install failed:"; tail -20 "$t/install.log"; exit 1; }
find "$root" ! -type d | sed "s,^$root,," | sort > "$t/installed"
for f in bin/cs-shipcost share/man/man1/cs-shipcost.1 share/man/man7/cs.7; do
	grep -qx "$prefix/$f" "$t/installed" || { echo "not installed: $prefix/$f"; fail=1; }
done

# Where each shell reads completions by default, and where install put ours.
bashdir=$(grep '/bash-completion/completions/cs$' "$t/installed" | sed 's,/cs$,,')
zshdir=$(grep '/_cs$' "$t/installed" | sed 's,/_cs$,,')
fishdir=$(grep '/cs-shipcost.fish$' "$t/installed" | sed 's,/cs-shipcost.fish$,,')
for v in bashdir zshdir fishdir; do
	eval "[ -n \"\$$v\" ]" || { echo "no completion installed for ${v%dir}"; fail=1; }
done

# bash-completion loads completions/NAME from each of XDG_DATA_DIRS
# (default /usr/local/share:/usr/share).
case ":${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:" in
*":${bashdir%/bash-completion/completions}:"*) ;;
*) echo "bash-completion does not read $bashdir by default"; fail=1 ;;
esac
env -i HOME="$t" PATH="$PATH" XDG_DATA_DIRS="$root${bashdir%/bash-completion/completions}" \
    bash --norc --noprofile -c '
	. /usr/share/bash-completion/bash_completion
	__load_completion cs-shipcost || exit 1
	fn=$(complete -p cs-shipcost | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
	COMP_WORDS=(cs-shipcost --ca); COMP_CWORD=1; COMP_LINE="cs-shipcost --ca"; COMP_POINT=${#COMP_LINE}
	"$fn" cs-shipcost --ca cs-shipcost
	printf "%s\n" "${COMPREPLY[@]}"' > "$t/bash.out" 2>&1
grep -qx -- '--carrier' "$t/bash.out" || { echo "bash does not complete --ca to --carrier:"; head -5 "$t/bash.out"; fail=1; }

# zsh: the directory is in the default fpath of a clean zsh, and compinit
# over the installed copy completes.
env -i HOME="$t" PATH="$PATH" zsh -f -c 'print -l $fpath' | grep -qx "$zshdir" ||
	{ echo "zsh's default fpath lacks $zshdir"; fail=1; }
env -i HOME="$t" PATH="$PATH" python3 "$top/tests/install/complete.py" zsh \
    "fpath=($root$zshdir \$fpath); autoload -Uz compinit; compinit -u -d $t/zcompdump" \
    "cs-shipcost --ca" "--carrier" > "$t/zsh.out" 2>&1 ||
	{ echo "zsh does not complete --ca to --carrier:"; cat "$t/zsh.out"; fail=1; }

# fish: the directory is among a clean fish's completion paths, and the
# installed copy completes.
env -i HOME="$t" PATH="$PATH" fish -c 'printf "%s\n" $fish_complete_path' | grep -qx "$fishdir" ||
	{ echo "fish's default completion path lacks $fishdir"; fail=1; }
env -i HOME="$t" PATH="$PATH" fish -c "set fish_complete_path $root$fishdir \$fish_complete_path; complete -C 'cs-shipcost --ca'" > "$t/fish.out" 2>&1
grep -q -- '^--carrier' "$t/fish.out" || { echo "fish does not complete --ca to --carrier:"; head -5 "$t/fish.out"; fail=1; }

make -s -C "$top" O="$O" DESTDIR="$root" PREFIX="$prefix" uninstall > "$t/uninstall.log" 2>&1 ||
	{ echo "make uninstall failed:"; tail -20 "$t/uninstall.log"; exit 1; }
left=$(find "$root" ! -type d)
[ -z "$left" ] || { echo "make uninstall left:"; printf '%s\n' "$left" | sed "s,^$root,,"; fail=1; }
exit $fail
