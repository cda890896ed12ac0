# The X11 decoder on the X server traces of corpora/x11 (record.sh): what
# xdotool was asked to do in each experiment is found in its trace, and
# the set algebra isolates it; a log whose buffers strace cut (-s 256) is
# read without trouble; --protocols=none decodes nothing.  On the
# attach-mode traces of corpora/x11-attach (strace -p of a running server,
# -s 256): every access is a message whose header x11_oracle.py finds at a
# message boundary of the raw log, what xdotool did is there, and the
# bytes that could not be placed are counted in one warning.
. "$(dirname "$0")/../lib.sh"

X="$TOP/corpora/x11"
A="$TOP/corpora/x11-attach"

# count TRACE ACCESS: how many times the access is in the trace
count() {
	"$TM" norm -q "$X/$1.log.gz" | grep -cxF "$2"
}

expect_eq "move: one ConfigureWindow of the xterm" 1 \
    "$(count move-xterm 'X11 ConfigureWindow foreign-window')"
expect_eq "unmap: one UnmapWindow of the xterm" 1 \
    "$(count unmap-xterm 'X11 UnmapWindow foreign-window')"
expect_eq "unmap: the xterm is told" 1 \
    "$(count unmap-xterm 'X11 UnmapNotify window')"
expect_eq "focus: one SetInputFocus of the xterm" 1 \
    "$(count focus-xterm 'X11 SetInputFocus foreign-window')"
expect_eq "focus: the xterm is told" 1 "$(count focus-xterm 'X11 FocusIn window')"
expect_eq "baseline: no window made" 0 "$(count baseline 'X11 CreateWindow window')"
expect_eq "close: one KillClient" 1 \
    "$(count close-xterm 'X11 KillClient foreign-resource')"
# "echo hi" and Return: 8 keys, each a KeyPress and a KeyRelease sent with
# SendEvent
expect_eq "type: SendEvent requests" 16 \
    "$(count type-xterm 'X11 SendEvent foreign-window')"
expect_eq "type: KeyPress events" 8 "$(count type-xterm 'X11 KeyPress window sent')"
expect_eq "type: KeyRelease events" 8 "$(count type-xterm 'X11 KeyRelease window sent')"
# a connection for the client and one for each xdotool run (record.sh):
# search, then windowmove; search, type, key
for tn in open-xterm:2 open-xterm-s256:2 move-xterm:3 type-xterm:4; do
	t=${tn%:*} n=${tn#*:}
	expect_eq "$t: connections" "$n" "$(count $t 'X11 Connect')"
	expect_eq "$t: accepted" "$n" "$(count $t 'X11 Connected')"
done

# The set algebra isolates what each experiment did beyond opening the
# xterm: exactly the accesses of the operation.
"$TM" diff "$X/move-xterm.log.gz" "$X/open-xterm.log.gz" | cut -f1 > "$T/out"
expect_eq "move - open" "X11 ConfigureWindow foreign-window" "$(cat "$T/out")"
"$TM" diff "$X/close-xterm.log.gz" "$X/open-xterm.log.gz" | cut -f1 > "$T/out"
expect_eq "close - open" "X11 KillClient foreign-resource" "$(cat "$T/out")"
"$TM" diff "$X/unmap-xterm.log.gz" "$X/open-xterm.log.gz" | cut -f1 | sort > "$T/out"
printf 'X11 LeaveNotify window\nX11 UnmapNotify window\nX11 UnmapWindow foreign-window\n' > "$T/want"
expect_file_eq "unmap - open" "$T/want" "$T/out"

# Without decoding, the traces are socket traffic only, and the same.
"$TM" diff --protocols=none "$X/move-xterm.log.gz" "$X/open-xterm.log.gz" > "$T/out"
expect_eq "move - open, not decoded: status" 0 $?
expect_eq "not decoded: no X11 access" 0 \
    "$("$TM" norm --protocols=none "$X/open-xterm.log.gz" | grep -c '^X11')"
expect_status "unknown protocol" 2 "$TM" norm --protocols=gopher "$X/open-xterm.log.gz"
"$TM" norm --protocols=gopher "$X/open-xterm.log.gz" 2> "$T/err" > "$T/out"
expect_eq "unknown protocol: message" "tracemine: unknown protocol 'gopher'; valid protocols are: x11, http, memcached, redis, all, none" "$(cat "$T/err")"
expect_eq "unknown protocol: no output" "" "$(cat "$T/out")"

# No error or event the xterm's start did not have: -s 256 cuts the
# messages, it invents none (a reply longer than -s shows, written in two
# writevs, was once decoded from its middle).
"$TM" norm -q "$X/open-xterm.log.gz" | grep '^X11 Bad\|^X11 error\|^X11 event' | sort -u > "$T/full"
"$TM" norm -q "$X/open-xterm-s256.log.gz" | grep '^X11 Bad\|^X11 error\|^X11 event' | sort -u > "$T/cut"
expect_eq "s256: errors and unknown events, as with -s 65536" "$(cat "$T/full")" "$(cat "$T/cut")"

# oracle LOG: the accesses of LOG (line, first word) that are not a
# message header at a boundary of the raw log (x11_oracle.py), counted
# as a multiset: each must be one of them
oracle() {
	python3 "$TOP/tests/e2e/x11_oracle.py" "$TOP/trace/x11.def" "$1" | sort > "$T/oracle"
	"$TM" norm -q -f tsv "$1" | awk -F'\t' '$4 ~ /^X11 / {
		a = substr($4, 5)
		if (match(a, /\.[0-9]+$/)) a = "ext" substr(a, RSTART)
		else sub(/ .*/, "", a)
		print $2 "\t" a }' | sort > "$T/tm"
	comm -23 "$T/tm" "$T/oracle"
}
for t in "$A"/*.log.gz "$X/open-xterm-s256.log.gz" "$X/type-xterm.log.gz"; do
	expect_eq "$(basename "$t"): every access at a message boundary" "" "$(oracle "$t")"
done

# acount TRACE PATTERN: how many accesses of the attach trace match
acount() {
	"$TM" norm -q "$A/$1.log.gz" | grep -c "$2"
}
expect_eq "attach baseline: nothing decoded but the xclock's redraw" 0 \
    "$(acount baseline '^X11 [A-Z][A-Za-z]*\(Notify\|Press\|Release\)\|^X11 Bad\|^X11 Connect')"
expect_eq "attach baseline: the xclock draws" 1 "$(acount baseline '^X11 PolyFillRectangle')"
expect_eq "attach unmap: UnmapWindow" 1 "$(acount unmap '^X11 UnmapWindow foreign-window$')"
expect_eq "attach unmap: the xterm is told" 1 "$(acount unmap '^X11 UnmapNotify ')"
expect_eq "attach map: MapWindow" 1 "$(acount map '^X11 MapWindow foreign-window$')"
expect_eq "attach map: the xterm is told" 1 "$(acount map '^X11 MapNotify ')"
expect_eq "attach move: ConfigureWindow" 1 "$(acount move '^X11 ConfigureWindow foreign-window$')"
expect_eq "attach move: the xterm is told" 1 "$(acount move '^X11 ConfigureNotify ')"
# xdotool key: XTEST's FakeInput (minor 2) for the press and the release
expect_eq "attach key: FakeInput" 2 "$(acount key '^X11 XTEST\.2$')"
expect_eq "attach key: KeyPress" 1 "$(acount key '^X11 KeyPress [a-z-]*window$')"
expect_eq "attach key: KeyRelease" 1 "$(acount key '^X11 KeyRelease [a-z-]*window$')"
# xdotool type --window: "hi", each key a SendEvent of a press and a release
expect_eq "attach type: SendEvent" 4 "$(acount type '^X11 SendEvent foreign-window$')"
expect_eq "attach type: KeyPress sent" 2 "$(acount type '^X11 KeyPress [a-z-]*window sent$')"
expect_eq "attach type: KeyRelease sent" 2 "$(acount type '^X11 KeyRelease [a-z-]*window sent$')"
expect_eq "attach destroy: DestroyWindow" 1 "$(acount destroy '^X11 DestroyWindow foreign-window$')"
expect_eq "attach destroy: the xterm is told" 1 "$(acount destroy '^X11 DestroyNotify ')"
expect_eq "attach kill: KillClient" 1 "$(acount kill '^X11 KillClient foreign-resource$')"
for t in unmap map move key type destroy kill; do
	expect_eq "attach $t: the xdotool connection" 1 "$(acount $t '^X11 Connect$')"
	expect_eq "attach $t: no request or error code no server sends" 0 \
	    "$(acount $t '^X11 request-\|^X11 error-')"
	expect_eq "attach $t: no core event code no server sends" 0 \
	    "$(acount $t '^X11 event-\([0-9]\|[1-5][0-9]\|6[0-3]\)$')"
done

# The bytes that could not be placed: one warning, with their count; -q
# silences it.
"$TM" norm "$A/unmap.log.gz" 2> "$T/err" > /dev/null
expect_eq "attach: one warning" 1 "$(grep -c . "$T/err")"
expect_eq "attach: the warning counts bytes and connections" 1 \
    "$(grep -c "^tracemine: warning: $A/unmap.log.gz: x11: [1-9][0-9]* bytes on [1-9][0-9]* connections\{0,1\} could not be placed on a message and were not decoded\$" "$T/err")"
"$TM" norm -q "$A/unmap.log.gz" 2> "$T/err" > /dev/null
expect_eq "attach: -q, no warning" "" "$(cat "$T/err")"
"$TM" norm "$X/move-xterm.log.gz" 2> "$T/err" > /dev/null
expect_eq "whole messages: no warning" "" "$(cat "$T/err")"
finish
