#!/bin/sh
# facts.sh LOG [SUMMARY]: prints the facts of an strace log, counted with
# grep and awk over the text, not with tracemine, in the format the test
# tests/e2e/corpora.sh reads (see README.md).  SUMMARY, when given, is the
# -C table strace printed for the same run: its total is checked against
# the count here and written as a comment.
#
# Counting rules: an event is a line that starts a call ("name(" after the
# pid and time prefix); a "<... name resumed>" line is the second half of
# one and is not counted again.  Errors are counted on the line that holds
# the return value.  Processes are the distinct pids of the prefixes (1 when
# there are none).
set -eu
log=$1
summary=${2:-}

awk '
{
	line = $0
	sub(/\r$/, "", line)
	pid = ""
	if (match(line, /^\[pid +[0-9]+\] /)) {
		bracketed = 1
		pid = substr(line, 1, RLENGTH); gsub(/[^0-9]/, "", pid)
		line = substr(line, RLENGTH + 1)
	} else if (match(line, /^[0-9]+ +/) && line !~ /^[0-9]+:/ && line !~ /^[0-9]+\.[0-9]/) {
		pid = substr(line, 1, RLENGTH); gsub(/ /, "", pid)
		line = substr(line, RLENGTH + 1)
	}
	if (match(line, /^ *[0-9]+(:[0-9][0-9]:[0-9][0-9])?(\.[0-9]+)? /)) {
		t = substr(line, 1, RLENGTH - 1); sub(/^ */, "", t)
		if (first == "") first = t
		last = t
		line = substr(line, RLENGTH + 1)
	}
	while (match(line, /^\[[ 0-9a-fx?]+\] /))
		line = substr(line, RLENGTH + 1)
	if (pid != "") pids[pid] = 1
	# The process tree: a clone, clone3, fork or vfork that returned a
	# pid, on its own line or on its resumed line, without CLONE_THREAD.
	if (line ~ /^(clone|clone3|fork|vfork)\(/) {
		maker[pid] = line
	}
	if (line ~ /^<\.\.\. (clone|clone3|fork|vfork) resumed>/) {
		line2 = maker[pid] line
	} else if (line ~ /^(clone|clone3|fork|vfork)\(/) {
		line2 = line
	} else {
		line2 = ""
	}
	if (line2 != "" && pid != "" && line2 !~ /CLONE_THREAD/ &&
	    match(line2, / = [0-9]+$/)) {
		c = substr(line2, RSTART + 3)
		parent[c] = pid
	}
	if (line ~ /^[a-z_0-9]+\(/) {
		name = line; sub(/\(.*/, "", name)
		events++; calls[name]++
		if (line ~ /<unfinished \.\.\.>$/) unfinished++
		if (name == "exit" || name == "exit_group") never++
	} else if (line ~ /^<\.\.\. [a-z_0-9]+ resumed>/) {
		resumed++
	} else if (line ~ /^\+\+\+ exited with [0-9]+ \+\+\+/) {
		s = line; sub(/^\+\+\+ exited with /, "", s); sub(/ .*/, "", s)
		exits[s]++
	} else if (line ~ /^\+\+\+ killed by SIG/) {
		s = line; sub(/^\+\+\+ killed by /, "", s); sub(/[ (].*/, "", s)
		killed[s]++
	} else if (line ~ /^--- SIG/) {
		s = line; sub(/^--- /, "", s); sub(/ .*/, "", s)
		signals[s]++
	}
	if (match(line, / = (-1|\?) E[A-Z0-9]+ /)) {
		e = substr(line, RSTART, RLENGTH); sub(/ = (-1|\?) /, "", e); sub(/ $/, "", e)
		errors[e]++
	}
}
END {
	np = 0; for (p in pids) np++
	if (np == 0) np = 1
	printf "events %d\n", events
	printf "processes %d\n", np
	for (n in calls) printf "calls %s %d\n", n, calls[n] | "sort"
	close("sort")
	for (e in errors) printf "errors %s %d\n", e, errors[e] | "sort"
	close("sort")
	for (s in exits) printf "exit %s %d\n", s, exits[s] | "sort -n -k2"
	close("sort -n -k2")
	for (s in killed) printf "killed %s %d\n", s, killed[s] | "sort"
	close("sort")
	for (s in signals) printf "signals %s %d\n", s, signals[s] | "sort"
	close("sort")
	# tracemine prints wall-clock times to the microsecond at least.
	if (first ~ /:/ && first !~ /\./) { first = first ".000000"; last = last ".000000" }
	# With [pid N] prefixes the first process has no pid at first, and
	# tracemine calls it 0: its children are not listed here.
	if (!bracketed)
		for (c in parent) printf "parent %s %s\n", c, parent[c] | "sort -n -k2"
	close("sort -n -k2")
	if (first ~ /:/) { printf "first_time %s\nlast_time %s\n", first, last }
	printf "# unfinished %d resumed %d never-returning %d\n", unfinished, resumed, never > "/dev/stderr"
	print events - never - (unfinished - resumed) > "/dev/stderr"
}' "$log" 2> "$log.tmp-check"

if [ -n "$summary" ]; then
	total=$(awk '$NF == "total" { print $4 }' "$summary" | tail -n 1)
	returned=$(tail -n 1 "$log.tmp-check")
	if [ "$total" = "$returned" ]; then
		echo "# strace -C counted $total calls that returned: agrees"
	else
		echo "# strace -C counted $total calls that returned; grep counts $returned (see README.md)"
	fi
fi
rm -f "$log.tmp-check"
