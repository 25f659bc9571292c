# Shared by tests/faults/*.t (sourced, not run): the faults every tool must
# survive, after coreutils tests/misc/io-errors.sh and close-stdout.sh.
#
#   expect STATUS PATTERN CMD...   run CMD; check its status and that
#                                  stderr has PATTERN ('' = stderr empty)
#   write_faults TOOL INPUT ARGS...  >/dev/full and >&- give status 2 and
#                                  "TOOL: write error"
#   sigpipe TOOL BIGINPUT ARGS...  `| head -1` kills TOOL by SIGPIPE: status
#                                  141, nothing on stderr
#   unreadable TOOL ARGS...        a missing file, a directory and a
#                                  mode-000 file: status 2, message naming
#                                  the file (as root, the tool is run as
#                                  nobody with setpriv, since root reads a
#                                  mode-000 file)
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

expect() {
	want=$1 pat=$2
	shift 2
	"$@" > "$t/out" 2> "$t/err"
	st=$?
	if [ "$st" != "$want" ]; then
		echo "FAIL: $*: status $st, want $want"
		head -5 "$t/err"
		fail=1
	elif [ -n "$pat" ] && ! grep -q -e "$pat" "$t/err"; then
		echo "FAIL: $*: stderr lacks '$pat':"
		head -5 "$t/err"
		fail=1
	elif [ -z "$pat" ] && [ -s "$t/err" ]; then
		echo "FAIL: $*: unexpected stderr:"
		head -5 "$t/err"
		fail=1
	fi
}

write_faults() {
	tool=$1 in=$2
	shift 2
	expect 2 "^$tool: write error: No space left on device\$" \
	    sh -c '"$@" > /dev/full' sh "$tool" "$@" "$in"
	expect 2 "^$tool: write error" sh -c '"$@" >&-' sh "$tool" "$@" "$in"
}

sigpipe() {
	tool=$1 in=$2
	shift 2
	{ "$tool" "$@" "$in" 2> "$t/pipe.err"; echo $? > "$t/pipe.st"; } | head -1 > /dev/null
	st=$(cat "$t/pipe.st")
	if [ "$st" != 141 ]; then
		echo "FAIL: $tool $* | head -1: status $st, want 141 (SIGPIPE)"
		fail=1
	fi
	if [ -s "$t/pipe.err" ]; then
		echo "FAIL: $tool $* | head -1: unexpected stderr:"
		head -5 "$t/pipe.err"
		fail=1
	fi
}

unreadable() {
	tool=$1
	shift
	expect 2 "^$tool: .*no-such-file.csv" "$tool" "$@" "$t/no-such-file.csv"
	mkdir -p "$t/a-directory"
	expect 2 "^$tool: .*a-directory" "$tool" "$@" "$t/a-directory"
	echo 'a,b' > "$t/mode-000.csv"
	chmod 000 "$t/mode-000.csv"
	if [ "$(id -u)" != 0 ]; then
		expect 2 "^$tool: .*mode-000.csv: Permission denied" "$tool" "$@" "$t/mode-000.csv"
	else
		# nobody must reach the file and the tool, wherever the build and
		# the test's scratch directory are (a checkout under /root, a
		# mode-700 TMPDIR are not reachable): the tool under test
		# ($O/bin, all data compiled in) and the file are put in a
		# directory of their own under /tmp.
		nb=$(mktemp -d /tmp/cs-nobody.XXXXXX)
		cp "$O/bin/$tool" "$nb/$tool"
		cp -p "$t/mode-000.csv" "$nb/mode-000.csv"
		chmod 755 "$nb" "$nb/$tool"
		expect 2 "^$tool: .*mode-000.csv: Permission denied" \
		    setpriv --reuid=nobody --regid=nogroup --clear-groups -- env TMPDIR=/tmp \
		    "$nb/$tool" "$@" "$nb/mode-000.csv"
		rm -rf "$nb"
	fi
}
