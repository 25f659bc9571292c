# --version names the tool and the suite, whatever argv[0] is; --help goes
# to stdout with status 0.
set -u
fail=0
for src in "$top"/cmd/cs-*.c; do
	tool=$(basename "$src" .c)
	v=$("$O/bin/$tool" --version | head -1)
	case $v in "$tool (cs) "[0-9]*) ;; *) echo "$tool --version: '$v'"; fail=1 ;; esac
	ln -sf "$O/bin/$tool" "${TMPDIR:-/tmp}/renamed-$$"
	v2=$("${TMPDIR:-/tmp}/renamed-$$" --version | head -1)
	rm -f "${TMPDIR:-/tmp}/renamed-$$"
	[ "$v" = "$v2" ] || { echo "$tool: --version depends on argv[0]: '$v2'"; fail=1; }
	"$O/bin/$tool" --help > /dev/null 2>&1 || { echo "$tool --help: non-zero status"; fail=1; }
	"$O/bin/$tool" --help > /dev/full 2>/dev/null && { echo "$tool --help > /dev/full: status 0"; fail=1; }
done
exit $fail
