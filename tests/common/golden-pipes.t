# No golden case pipes a tool's output into another command: the harness
# compares the exit status of the last command of a case, so a tool
# followed by `| cut` would have cut's status pinned, not the tool's.
# Post-processing goes in NAME.filter, which the harness applies to the
# tool's stdout while keeping the tool's status.
set -u
fail=0
for f in "$top"/tests/*/*.args; do
	# Comments out, lines joined, "||" (not a pipe) out; then any
	# "cs-TOOL ... |" within one command is a pipe out of a tool.
	if sed 's/#.*//' "$f" | tr '\n' ' ' | sed 's/||/ /g' |
	    grep -Eq 'cs-[a-z]+[^|;&]*\|'; then
		echo "${f#"$top"/}: pipes a tool's output into another command"
		fail=1
	fi
done
exit $fail
