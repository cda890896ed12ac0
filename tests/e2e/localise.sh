# Localisation (--marker, --window) on corpora/coreutils-marked: every
# operation between two writes of "tracemine-mark", amid cat and ls.
. "$(dirname "$0")/../lib.sh"

M="$TOP/corpora/coreutils-marked"
C="$TOP/corpora/coreutils"

# -g none,proc: the marked logs' sh -c strings are cut by strace's -s 32,
# so the names the experiment chose are only partly known there (the
# operation's own, such as f in echo more >> f, are not): the marked parts
# are compared with the operations alone with the names kept whole.
fp() {
	"$TM" solve -q --narrow -g none,proc "$@" -f tsv | cut -f1,11 | tail -n +2
}

fp --marker=tracemine-mark "$M/labels.txt" > "$T/marked"
fp "$M/labels.txt" > "$T/whole"
fp "$C/labels.txt" > "$T/clean"
# ls -a d reads the folder d; so does the ls d after every operation, which
# hides it unless the part is marked
for a in 'getdents64 "d"' 'close "d"' 'newfstatat "d" AT_EMPTY_PATH'; do
	grep -qxF "List	$a" "$T/marked" || fail "marked: List has no $a"
	grep -qxF "List	$a" "$T/whole" && fail "whole: List has $a"
done
# where the background is no matter, the marked parts give what the
# operations alone gave in their own recording (corpora/coreutils)
for l in Chmod Copy Create Delete Link Mkdir Rename; do
	grep "^$l	" "$T/clean" > "$T/a"
	grep "^$l	" "$T/marked" > "$T/b"
	expect_file_eq "$l: marked parts against the operation alone" "$T/a" "$T/b"
	[ -s "$T/a" ] || fail "$l: empty"
done
# the sizes: the whole traces as without the marker, the parts smaller
"$TM" solve --narrow --details --marker=tracemine-mark -l List "$M/labels.txt" | sed -n 5p > "$T/m"
"$TM" solve --narrow --details -l List "$M/labels.txt" | sed -n 5p > "$T/w"
whole=$(sed -n 's/^  accesses \([0-9]*\) in the whole traces, .*/\1/p' "$T/m")
part=$(sed -n 's/.*, \([0-9]*\) in the parts marked, .*/\1/p' "$T/m")
raw=$(sed -n 's/^  accesses \([0-9]*\) raw, .*/\1/p' "$T/w")
expect_eq "whole traces, with and without the marker" "$raw" "$whole"
[ "$part" -lt "$whole" ] || fail "the parts marked ($part) are not smaller than the whole ($whole)"
# norm keeps only the part: the marks bound chmod's own calls
"$TM" norm -g none,proc --marker=tracemine-mark "$M/chmod-1.log.gz" > "$T/n"
grep -qxF 'fchmodat "f" 0600' "$T/n" || fail "norm --marker: no fchmodat"
grep -q '^execve "/usr/bin/cat"' "$T/n" && fail "norm --marker: the cat before the mark"
# a marker no event passes: nothing, and a warning
"$TM" norm --marker=nothing-like-it "$M/chmod-1.log.gz" > "$T/n" 2> "$T/err"
expect_eq "no marker: status" 0 $?
expect_eq "no marker: output" "" "$(cat "$T/n")"
expect_eq "no marker: warning" "tracemine: warning: $M/chmod-1.log.gz: nothing passes the marker; nothing of it is kept" "$(cat "$T/err")"
# a window: threads.log (-tt) begins with execve at 12:01:23.780218 and
# brk at .783134, 2.9 ms later; the first 2 ms hold the execve alone
W="$TOP/corpora/strace/threads.log"
"$TM" norm --window=0:0.002 "$W" > "$T/n"
"$TM" norm "$W" | head -n 1 > "$T/first"
expect_file_eq "--window: the first 2 ms" "$T/first" "$T/n"
"$TM" norm --window=0.002:0.003 "$W" > "$T/n"
expect_eq "--window: 2 to 3 ms, brk is dropped as noise" "" "$(cat "$T/n")"
"$TM" norm --window=0:100000 "$W" > "$T/all"
"$TM" norm "$W" > "$T/plain"
expect_file_eq "--window around everything" "$T/plain" "$T/all"
expect_status "--window malformed" 2 "$TM" norm --window=2:1 "$W"
expect_status "--marker empty" 2 "$TM" norm --marker= "$W"
finish
