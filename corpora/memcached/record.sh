#!/bin/sh
# record.sh: records the memcached experiments of this folder.  Each
# experiment starts a memcached server (one worker thread, TCP on
# 127.0.0.1 only), connects one client (client.py) and lets it prepare
# the keys the experiment needs (PREP), then attaches strace to the
# running server (strace -f -p PID -s 256, as a server is usually
# traced: its client's connection was opened before strace came), and
# only then lets the client send the experiment's commands (OPS).  The
# trace is the server's side: it reads each command and sends a reply.
# Every experiment uses keys and values of its own, so what is the same
# across the runs of a label is the command, not its input.
#
#   Set       set KEY 0 0 LEN + a value
#   Get       get KEY          (KEY was set in PREP)
#   Delete    delete KEY       (KEY was set in PREP)
#   Incr      incr KEY N       (KEY was set to a number in PREP)
#   FlushAll  flush_all        (a key was set in PREP)
#   baseline  no command: the server idles while strace is attached
#
# labels.txt holds the single operations (four runs each), three
# combinations and the baselines; heldout.txt three other combinations,
# kept apart for a final evaluation.  The commands each client sent are
# in NAME.sent (one a line, the command line without its data block).
# Needs memcached, python3, strace, gzip; run it from anywhere; it
# rewrites every log here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace memcached python3 gzip; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
PORT=11299
T=$(mktemp -d "${TMPDIR:-/tmp}/memcached.XXXXXX")
mc=
trap '[ -n "$mc" ] && kill "$mc" 2> /dev/null; rm -rf "$T"' EXIT

# waitfor FILE: until FILE exists (10 s at most)
waitfor() {
	w=0
	while [ ! -e "$1" ] && [ $w -lt 200 ]; do
		sleep 0.05
		w=$((w + 1))
	done
	[ -e "$1" ] || { echo "record.sh: timed out waiting for $1" >&2; exit 2; }
}

# run NAME PREP OPS: one experiment, traced into NAME.log.gz
run() {
	rm -f "$T"/go*
	memcached -u nobody -l 127.0.0.1 -p $PORT -U 0 -t 1 -m 16 &
	mc=$!
	w=0
	until python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT)).close()" 2> /dev/null; do
		sleep 0.05
		w=$((w + 1))
		[ $w -lt 200 ] || { echo "record.sh: memcached did not start" >&2; exit 2; }
	done
	python3 "$here/client.py" $PORT "$T/go" "$2" "$3" &
	cl=$!
	waitfor "$T/go.ready"
	strace -f -p "$mc" -s 256 -o "$T/$1.log" 2> /dev/null &
	st=$!
	sleep 1
	touch "$T/go"
	waitfor "$T/go.finished"
	sleep 0.3
	touch "$T/go.done"
	wait "$cl"
	sleep 0.3
	kill -INT "$st"
	wait "$st" 2> /dev/null || true
	kill "$mc"
	wait "$mc" 2> /dev/null || true
	mc=
	gzip -9 -n -c "$T/$1.log" > "$here/$1.log.gz"
	cp "$T/go.sent" "$here/$1.sent"
}

# set KEY VALUE: a set command with its data block
set_() {
	printf 'set %s 0 0 %d\\r\\n%s' "$1" "${#2}" "$2"
}

for i in 1 2 3 4; do
	run set-$i	""			"$(set_ "session:$i:a$i" "value-number-$i")"
	run get-$i	"$(set_ "page$i" "<html>$i</html>")"	"get page$i"
	run delete-$i	"$(set_ "tmp.$i.x" "gone$i")"	"delete tmp.$i.x"
	run incr-$i	"$(set_ "counter_$i" "$((i * 7))")"	"incr counter_$i $i"
	run flush_all-$i "$(set_ "any$i" "v$i")"	"flush_all"
done
run baseline-1	""	""
run baseline-2	"$(set_ "idle" "x")"	""
# combinations for training
run set-get	"" "$(set_ "combo:sg" "abc");get combo:sg"
run get-delete	"$(set_ "cgd" "12345")" "get cgd;delete cgd"
run incr-flush_all	"$(set_ "n_if" "40")" "incr n_if 2;flush_all"
# held-out combinations
run set-delete	"" "$(set_ "held.sd" "zz");delete held.sd"
run get-incr	"$(set_ "held_gi" "9")" "get held_gi;incr held_gi 5"
run set-get-delete "" "$(set_ "h:sgd" "qwerty");get h:sgd;delete h:sgd"
