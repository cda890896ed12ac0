# The X11 decoder on the X server traces of corpora/x11 (record.sh): what
# xdotool was asked to do in each experiment is found in its trace, and
# the set algebra isolates it; a log whose buffers strace cut (-s 256) is
# read without trouble; --protocols=none decodes nothing.
. "$(dirname "$0")/../lib.sh"

X="$TOP/corpora/x11"

# count TRACE ACCESS: how many times the access is in the trace
count() {
	"$TM" norm "$X/$1.log.gz" | grep -cxF "$2"
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
finish
