# Command-line behaviour: usage errors, help, version, formats, stdin,
# gzip, exit statuses of the set operations, and the diff/intersect oracle.
. "$(dirname "$0")/../lib.sh"

expect_status "no command" 2 "$TM"
expect_status "unknown command" 2 "$TM" frobnicate
"$TM" frobnicate 2> "$T/err"
grep -q "valid commands are: concepts, diff, intersect, match, norm, solve, stats, union" "$T/err" ||
    fail "unknown command does not list the valid ones: $(cat "$T/err")"
expect_status "--help" 0 "$TM" --help
expect_status "stats --help" 0 "$TM" stats --help
"$TM" stats --help | grep -q "usage: tracemine stats \[-q\] \[-f fmt\] \[--strict\] \[file ...\]" ||
    fail "stats --help lacks its usage line"
expect_status "--version" 0 "$TM" --version
expect_status "unknown option" 2 "$TM" stats --frob
expect_status "unknown format" 2 "$TM" stats -f yaml /dev/null
"$TM" stats -f yaml /dev/null 2> "$T/err"
grep -q "valid formats are: text, tsv, json, xml" "$T/err" || fail "bad format message: $(cat "$T/err")"
expect_status "diff with one trace" 2 "$TM" diff /dev/null
expect_status "unknown class" 2 "$TM" norm -d %frob /dev/null
expect_status "unknown rule" 2 "$TM" norm -g frob /dev/null

# Two small logs written here: a reads /etc/a and /etc/b, b reads /etc/b.
cat > "$T/a.log" <<'LOG'
openat(AT_FDCWD, "/etc/a", O_RDONLY) = 3
close(3)                                = 0
openat(AT_FDCWD, "/etc/b", O_RDONLY) = 3
openat(AT_FDCWD, "/etc/b", O_RDONLY) = 4
LOG
cat > "$T/b.log" <<'LOG'
openat(AT_FDCWD, "/etc/b", O_RDONLY) = 5
close(5)                                = 0
LOG
"$TM" diff "$T/a.log" "$T/b.log" > "$T/out"
expect_eq "diff: status" 1 $?
printf 'close "/etc/a"\t1\t%s:2\nopenat "/etc/a" O_RDONLY\t1\t%s:1\n' "$T/a.log" "$T/a.log" > "$T/want"
expect_file_eq "diff a b" "$T/want" "$T/out"
"$TM" diff "$T/b.log" "$T/a.log" > "$T/out"
expect_eq "diff b a: status" 1 $?
expect_eq "diff b a" "$(printf 'close "/etc/b"\t1\t%s:2' "$T/b.log")" "$(cat "$T/out")"
"$TM" diff "$T/a.log" "$T/a.log" > "$T/out"
expect_eq "diff a a: status" 0 $?
expect_eq "diff a a: output" "" "$(cat "$T/out")"
"$TM" intersect "$T/a.log" "$T/b.log" > "$T/out"
expect_eq "intersect: status" 1 $?
expect_eq "intersect" "$(printf 'openat "/etc/b" O_RDONLY\t2\t%s:3' "$T/a.log")" "$(cat "$T/out")"
"$TM" intersect -m "$T/a.log" "$T/b.log" > "$T/out"
expect_eq "intersect -m" "$(printf 'openat "/etc/b" O_RDONLY\t1\t%s:3' "$T/a.log")" "$(cat "$T/out")"
"$TM" diff -m "$T/a.log" "$T/b.log" | grep '"/etc/b" O_RDONLY' > "$T/out"
expect_eq "diff -m" "$(printf 'openat "/etc/b" O_RDONLY\t1\t%s:3' "$T/a.log")" "$(cat "$T/out")"
"$TM" union "$T/a.log" "$T/b.log" | wc -l | tr -d ' ' > "$T/out"
expect_eq "union size" 4 "$(cat "$T/out")"

# Oracle: (diff a b) + (intersect a b) is a, as sets of accesses.
"$TM" diff "$T/a.log" "$T/b.log" | cut -f1 > "$T/d"
"$TM" intersect "$T/a.log" "$T/b.log" | cut -f1 > "$T/i"
sort "$T/d" "$T/i" > "$T/di"
"$TM" norm "$T/a.log" | sort -u > "$T/n"
expect_file_eq "diff + intersect = norm" "$T/n" "$T/di"

# stdin, and gzip read directly.
"$TM" stats - < "$T/a.log" | grep '^events' > "$T/out"
expect_eq "stdin" "events 4" "$(cat "$T/out")"
gzip -c "$T/a.log" > "$T/a.log.gz"
"$TM" stats "$T/a.log.gz" | grep '^events' > "$T/out"
expect_eq "gzip" "events 4" "$(cat "$T/out")"
cat "$T/a.log.gz" "$T/a.log.gz" | "$TM" stats - | grep '^events' > "$T/out"
expect_eq "two gzip members" "events 8" "$(cat "$T/out")"

# Every format of every command is well-formed.
for sub in stats norm; do
	"$TM" $sub -f json "$T/a.log" | python3 -c 'import json,sys; json.load(sys.stdin)' ||
	    fail "$sub json does not parse"
	"$TM" $sub -f xml "$T/a.log" | python3 -c 'import sys,xml.dom.minidom as m; m.parse(sys.stdin)' ||
	    fail "$sub xml does not parse"
done
"$TM" diff -f json "$T/a.log" "$T/b.log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["operation"] == "diff" and d["size"] == 2, d
assert [a["access"] for a in d["accesses"]] == ["close \"/etc/a\"", "openat \"/etc/a\" O_RDONLY"], d
' || fail "diff json content"
"$TM" diff -f xml "$T/a.log" "$T/b.log" | python3 -c '
import sys, xml.dom.minidom as m
d = m.parse(sys.stdin).documentElement
assert d.getAttribute("size") == "2"
acc = d.getElementsByTagName("access")
assert [a.firstChild.data for a in acc] == ["close \"/etc/a\"", "openat \"/etc/a\" O_RDONLY"]
assert acc[1].getAttribute("line") == "1"
' || fail "diff xml content"
"$TM" stats -f json "$T/a.log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["events"] == 4 and d["calls"] == {"close": 1, "openat": 3}, d
' || fail "stats json content"
"$TM" diff -f tsv "$T/a.log" "$T/b.log" | head -n 1 > "$T/out"
expect_eq "tsv header" "$(printf 'access\tcount\tfile\tline')" "$(cat "$T/out")"

# Two traces are counted together, their pids apart: a.log and b.log are
# one unnamed process each, shown as ?.
"$TM" stats "$T/a.log" "$T/b.log" > "$T/out"
expect_eq "two traces: events" "events 6" "$(grep '^events' "$T/out")"
expect_eq "two traces: processes" "processes 2" "$(grep '^processes' "$T/out")"
expect_eq "two traces: tree" "$(printf 'process ? parent - trace 1\nprocess ? parent - trace 2')" \
    "$(grep '^process ' "$T/out")"

# A full disk: exit 2.
if [ -w /dev/full ]; then
	"$TM" stats "$T/a.log" > /dev/full 2>/dev/null
	expect_eq "write error: status" 2 $?
fi

finish
