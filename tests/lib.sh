# tests/lib.sh: helpers for the end-to-end scripts in tests/e2e/.
# Sourced; expects TOP (the repository) and BIN (the tools' folder).
set -u
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=bin}"
cd "$TOP" || exit 99
TM="$TOP/$BIN/tracemine"
case $BIN in /*) TM="$BIN/tracemine" ;; esac
CORPUS="$TOP/corpora/strace"
failures=0
T=$(mktemp -d "${TMPDIR:-/tmp}/tracemine-e2e.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" != "$3" ]; then
		fail "$1: expected '$2', got '$3'"
	fi
}

# expect_status WHAT EXPECTED COMMAND...
expect_status() {
	what=$1 want=$2; shift 2
	"$@" >/dev/null 2>&1
	rc=$?
	[ "$rc" = "$want" ] || fail "$what: exit $rc, expected $want"
}

# expect_file_eq WHAT EXPECTED_FILE ACTUAL_FILE
expect_file_eq() {
	if ! diff -u "$2" "$3" >"$T/diff.out" 2>&1; then
		fail "$1 differs:"; cat "$T/diff.out"
	fi
}

# run_examples DOC DIR: runs in DIR the examples of DOC an awk script left
# in $T (cmd.N, the command; want.N, its output; count, how many) and
# compares each one's output with what DOC says.
run_examples() {
	count=$(cat "$T/count")
	i=1
	while [ "$i" -le "$count" ]; do
		(cd "$2" && sh "$T/cmd.$i") > "$T/got.$i" 2>&1
		if ! cmp -s "$T/want.$i" "$T/got.$i"; then
			fail "$1 example $i: $(head -n 1 "$T/cmd.$i")"
			diff -u "$T/want.$i" "$T/got.$i" | head -n 20
		fi
		rm -f "$T/cmd.$i" "$T/want.$i" "$T/got.$i"
		i=$((i + 1))
	done
	echo "$1: $count examples"
}

finish() {
	[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
	exit 0
}
