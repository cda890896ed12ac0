# Hostile input to the XML readers (models, fingerprints), the whole-file
# readers and concept analysis (issue 9): each class is refused with exit
# 2, nothing on stdout and a message naming the file (and where it can,
# FILE:LINE:COL), within a time and, outside the sanitizers (which reserve
# terabytes of address space), a memory bound.
. "$(dirname "$0")/../lib.sh"

tool() { case $BIN in /*) echo "$BIN/$1" ;; *) echo "$TOP/$BIN/$1" ;; esac; }
SHOW=$(tool efsa-show) LEARN=$(tool efsa-learn) CHECK=$(tool efsa-check)

# bounded CMD...: runs CMD for at most 10 seconds and, but under the
# sanitizers, 1 GiB of address space; its status in $rc, its output in
# $T/out and $T/err.
bounded() {
	(
		[ "${SAN:-}" = 1 ] || ulimit -v 1048576
		exec timeout 10 "$@"
	) >"$T/out" 2>"$T/err"
	rc=$?
}

# expect_trouble WHAT MESSAGE: the last bounded run exited 2, printed
# nothing, and said MESSAGE on stderr.
expect_trouble() {
	expect_eq "$1: status" 2 "$rc"
	expect_eq "$1: stdout" "" "$(head -c 300 "$T/out")"
	expect_eq "$1: message" "$2" "$(head -c 600 "$T/err")"
}

cp corpora/fingerprints/open_xterm.trace "$T/x.trace"

# Class 2: whole files are read from regular files only, and with a bound:
# a device that never ends and a FIFO with no writer are refused at once.
bounded "$SHOW" /dev/zero
expect_trouble "efsa-show /dev/zero" \
    "efsa-show: /dev/zero: is a character device; only regular files are read"
bounded "$TM" concepts /dev/zero
expect_trouble "concepts /dev/zero" \
    "tracemine: /dev/zero: is a character device; only regular files are read"
bounded "$TM" match /dev/zero "$T/x.trace"
expect_trouble "match /dev/zero" \
    "tracemine: /dev/zero: is a character device; only regular files are read"
mkfifo "$T/fifo"
bounded "$TM" concepts "$T/fifo"
expect_trouble "concepts FIFO" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$SHOW" "$T/fifo"
expect_trouble "efsa-show FIFO" \
    "efsa-show: $T/fifo: is a FIFO; only regular files are read"
bounded "$TM" match "$T/fifo" "$T/x.trace"
expect_trouble "match FIFO" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$TM" solve "$T/fifo"
expect_trouble "solve FIFO labels" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$CHECK" --model "$T/fifo" "$T/x.trace"
expect_trouble "efsa-check --model FIFO" \
    "efsa-check: $T/fifo: is a FIFO; only regular files are read"
# Standard input is read whatever it is, up to the same bound.
bounded "$TM" concepts --count - < corpora/contexts/animals.cxt
expect_eq "concepts from stdin: status" 0 "$rc"

finish
