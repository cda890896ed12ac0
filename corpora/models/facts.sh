#!/bin/sh
# facts.sh [LOG...]: prints the facts of the logs of this folder (all *.log
# when none is given), counted with grep and awk over the text, not with
# tracemine, as an independent check.  record.sh writes its output to
# facts.txt:
#
#   sh corpora/models/facts.sh > corpora/models/facts.txt
#
# All logs are strace -f -o FILE logs, so every strace line starts with the
# pid ("1234  "); -k logs add frame lines starting with " > ".  Per log:
#
#   lines       all lines
#   events      lines starting a call:       ^PID +NAME(
#   complete    of those, calls on one line (not ending in "<unfinished ...>")
#   unfinished  of those, first halves:      ... <unfinished ...>
#   resumed     second halves:               ^PID +<... NAME resumed>
#   returned    lines (one-line calls and second halves) holding a return
#               value other than "?":        ... ) = VALUE  (VALUE not ?)
#               (exit_group and calls cut by a process's end print "= ?")
#   execve      execve calls (events named execve)
#   execve_ok   execve calls that returned 0
#   processes   distinct pids (threads included)
#   frames      stack frame lines (" > ", strace -k)
#   last        the last line that is not a frame line, pid dropped (the main
#               process's exit; with -k, strace 6.1 prints exit_group's frames
#               after the "+++ exited" line)
#   names       the distinct syscall names (events and second halves), sorted
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
	cd "$here"
	set -- *.log
fi
export LC_ALL=C

# count ERE FILE: lines matching (0 without failing).
count() {
	grep -cE "$1" "$2" || true
}

echo "# facts.txt: counted by facts.sh (grep and awk) over each log; see facts.sh for the rules."
for f in "$@"; do
	echo "log $(basename "$f")"
	echo "bytes $(wc -c < "$f" | tr -d ' ')"
	echo "lines $(wc -l < "$f" | tr -d ' ')"
	echo "events $(count '^[0-9]+ +[a-z_0-9]+\(' "$f")"
	echo "complete $( (grep -E '^[0-9]+ +[a-z_0-9]+\(' "$f" || true) | grep -cvE '<unfinished \.\.\.>$' || true)"
	echo "unfinished $(count '^[0-9]+ +[a-z_0-9]+\(.*<unfinished \.\.\.>$' "$f")"
	echo "resumed $(count '^[0-9]+ +<\.\.\. [a-z_0-9]+ resumed>' "$f")"
	echo "returned $(count '^[0-9]+ +([a-z_0-9]+\(|<\.\.\. [a-z_0-9]+ resumed>).*\) += [^?]' "$f")"
	echo "execve $(count '^[0-9]+ +execve\(' "$f")"
	echo "execve_ok $(count '^[0-9]+ +(execve\(|<\.\.\. execve resumed>).*\) += 0$' "$f")"
	echo "processes $(awk '/^[0-9]+ / { p[$1] = 1 } END { n = 0; for (k in p) n++; print n }' "$f")"
	echo "frames $(count '^ > ' "$f")"
	echo "last $(grep -v '^ > ' "$f" | tail -n 1 | sed 's/^[0-9]* *//')"
	echo "names $(awk '
		/^[0-9]+ +[a-z_0-9]+\(/ { s = $0; sub(/^[0-9]+ +/, "", s); sub(/\(.*/, "", s); n[s] = 1 }
		/^[0-9]+ +<\.\.\. [a-z_0-9]+ resumed>/ { s = $0; sub(/^[0-9]+ +<\.\.\. /, "", s); sub(/ .*/, "", s); n[s] = 1 }
		END { for (k in n) print k }' "$f" | sort | tr '\n' ' ' | sed 's/ $//')"
	echo
done
