#!/bin/sh
# record.sh: records the attach-mode X server traces of this folder, the
# way an X server is usually traced: Xvfb is started, an xterm and an
# xclock connect to it, and only then is the server traced with
# `strace -p PID -f -s 256`.  The connections of the two clients are
# already open when strace attaches, so the log never shows their start
# (the connection setup that says a connection speaks X11, its byte order
# and the client's resource ids).  With strace attached, xdotool does one
# thing to the xterm's window (its window id was found before strace
# attached), strace is stopped, then the server:
#
#   baseline  strace attached, nothing done               (no label)
#   unmap     xdotool windowunmap                         Unmap
#   map       xdotool windowmap (unmapped before)         Map
#   move      xdotool windowmove to 200 150               Move
#   key       xdotool key a (through XTEST, to the        Input_Event
#             focused xterm: focused before)
#   type      xdotool type --window: "hi" by SendEvent    Input_Event
#   destroy   xdotool windowclose (DestroyWindow)         Destroy
#   kill      xdotool windowkill (KillClient)             Destroy
#
# labels.txt says so, one line a trace.  Every xdotool run is a new
# connection, whose start the log does show.  -s 256 cuts most long
# messages.  The logs are gzipped.  Needs Xvfb, xterm, xclock, xdotool,
# strace; run it from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace Xvfb xterm xclock xdotool gzip; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
D=:98
T=$(mktemp -d "${TMPDIR:-/tmp}/x11attach.XXXXXX")
xpid= spid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2> /dev/null || true
	[ -n "$xpid" ] && kill "$xpid" 2> /dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
export DISPLAY=$D

# up: the server, an xterm and an xclock on it; $w is the xterm's window
up() {
	rm -f "/tmp/.X11-unix/X${D#:}"
	Xvfb $D -nolisten tcp -noreset -screen 0 800x600x24 > /dev/null 2>&1 &
	xpid=$!
	i=0
	while [ ! -S "/tmp/.X11-unix/X${D#:}" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	xterm -geometry 80x24+10+10 -e sleep 120 2> /dev/null &
	xclock -geometry 100x100+600+10 -update 1 2> /dev/null &
	w=$(xdotool search --sync --onlyvisible --class xterm 2> /dev/null | head -n 1)
	xdotool search --sync --onlyvisible --class xclock > /dev/null 2>&1
	sleep 1
}

# attach NAME: strace attaches to the running server, into NAME.log
attach() {
	strace -p "$xpid" -f -s 256 -o "$T/$1.log" 2> /dev/null &
	spid=$!
	sleep 1
}

# detach NAME: strace lets go, the server and its clients stop
detach() {
	sleep 1
	kill -INT "$spid" 2> /dev/null || true
	wait "$spid" 2> /dev/null || true
	spid=
	kill "$xpid" 2> /dev/null || true
	wait "$xpid" 2> /dev/null || true
	xpid=
	sleep 0.5
	gzip -9 -n -c "$T/$1.log" > "$here/$1.log.gz"
}

up; attach baseline; detach baseline

up; attach unmap
xdotool windowunmap "$w"
detach unmap

up; xdotool windowunmap "$w"; sleep 0.5; attach map
xdotool windowmap "$w"
detach map

up; attach move
xdotool windowmove "$w" 200 150
detach move

up; xdotool windowfocus "$w"; sleep 0.5; attach key
xdotool key a
detach key

up; attach type
xdotool type --window "$w" hi
detach type

up; attach destroy
xdotool windowclose "$w"
detach destroy

up; attach kill
xdotool windowkill "$w"
detach kill
