#!/bin/sh
# record.sh: records the X server traces of this folder.  Each experiment
# starts Xvfb under strace, opens an xterm (or an xclock), does one thing
# to it with xdotool, and stops the server while the client still runs,
# so the trace holds the server's side of the experiment and no more:
#
#   open-xterm     xterm starts and maps its window          Create Map
#   unmapped-xterm xterm, its windows made but not mapped   Create
#                  (the X toolkit's mappedWhenManaged: false)
#   type-xterm     xdotool types "echo hi" and Return         Create Map Input_Event
#   move-xterm     xdotool moves the window                   Create Map Move
#   unmap-xterm    xdotool unmaps the window                  Create Map Unmap
#   close-xterm    xdotool destroys the window                Create Map Destroy
#   focus-xterm    xdotool gives the window the input focus  Create Map Focus
#   baseline       the server, and xdotool finding no window  (no label)
#   open-xclock    xclock starts and maps its window          Create Map
#   open-xterm-s256  open-xterm again, with strace -s 256: buffers cut
#
# labels.txt says so, one line a trace.  strace follows only the server's
# socket traffic and the calls that make and close fds
# (-e trace=%network,readv,writev,openat,close,dup,dup2,dup3): that is what
# the X11 decoder reads (docs/protocols.md).  -s 65536 shows whole
# messages.  The logs are gzipped.  Needs Xvfb, xterm, xclock, xdotool,
# strace; run it from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace Xvfb xterm xclock xdotool gzip; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
D=:97
T=$(mktemp -d "${TMPDIR:-/tmp}/x11.XXXXXX")
trap 'pkill -f "Xvfb $D" 2> /dev/null || true; rm -rf "$T"' EXIT
export DISPLAY=$D

# start NAME [STRACE OPTIONS]: the server, traced into NAME.log
start() {
	name=$1
	shift
	rm -f "/tmp/.X11-unix/X${D#:}"
	strace "$@" -e trace=%network,readv,writev,openat,close,dup,dup2,dup3 \
	    -o "$T/$name.log" Xvfb $D -nolisten tcp -noreset \
	    -screen 0 800x600x24 > /dev/null 2>&1 &
	i=0
	while [ ! -S "/tmp/.X11-unix/X${D#:}" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
}

# stop NAME: the server first (its clients go with it)
stop() {
	sleep 0.5
	pkill -f "Xvfb $D" || true
	sleep 0.5
	pkill xterm 2> /dev/null || true
	pkill xclock 2> /dev/null || true
	wait 2> /dev/null || true
	gzip -9 -n -c "$T/$1.log" > "$here/$1.log.gz"
}

# xterm_up [ARGS]: an xterm, and its window once shown
xterm_up() {
	xterm -geometry 80x24+10+10 "$@" -e sleep 60 2> /dev/null &
	w=$(xdotool search --sync --onlyvisible --class xterm 2> /dev/null | head -n 1)
	sleep 0.5
}

start open-xterm -s 65536
xterm_up
stop open-xterm

start unmapped-xterm -s 65536
xterm -geometry 80x24+10+10 -xrm '*mappedWhenManaged: false' -e sleep 60 2> /dev/null &
xdotool search --sync --class xterm > /dev/null
sleep 1
stop unmapped-xterm

start type-xterm -s 65536
xterm_up
xdotool type --window "$w" "echo hi" 2> /dev/null
xdotool key --window "$w" Return 2> /dev/null
stop type-xterm

start move-xterm -s 65536
xterm_up
xdotool windowmove "$w" 200 150
stop move-xterm

start unmap-xterm -s 65536
xterm_up
xdotool windowunmap "$w"
stop unmap-xterm

start close-xterm -s 65536
xterm_up
xdotool windowkill "$w"
stop close-xterm

start focus-xterm -s 65536
xterm_up
xdotool windowfocus "$w" 2> /dev/null
stop focus-xterm

start baseline -s 65536
xdotool search --class no-such-window > /dev/null 2>&1 || true
stop baseline

start open-xclock -s 65536
xclock -geometry 100x100+10+10 2> /dev/null &
xdotool search --sync --onlyvisible --class xclock > /dev/null
sleep 0.5
stop open-xclock

start open-xterm-s256 -s 256
xterm_up
stop open-xterm-s256
