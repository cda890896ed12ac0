#!/bin/bash
# record.sh: records the strace logs of this folder from real programs, and
# the facts beside each (facts.sh: counted with grep and awk, checked against
# strace's own -C table).  Run it from anywhere; it rewrites every log.
#
#   corpora/strace/record.sh
#
# Needs strace and gcc.  Pids, addresses and times differ at every
# recording, so the logs and facts change together; the tests read the
# facts, never fixed numbers.  Logs are kept small (short commands).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export LC_ALL=C
progs=$(mktemp -d)
trap 'rm -rf "$progs" /tmp/tracemine-names /tmp/tracemine-x' EXIT
for c in progs/*.c; do
	gcc -O1 -o "$progs/$(basename "$c" .c)" "$c" -lpthread
done

# record NAME STRACE-OPTIONS -- COMMAND...: strace -C -o into NAME.log; the
# -C table is split off into the facts' check.
record() {
	local name=$1; shift
	local opts=()
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	strace "${opts[@]}" -C -o "$name.tmp" "$@" > /dev/null 2>&1 || true
	awk '/^% time/ { exit } { print }' "$name.tmp" > "$name.log"
	awk '/^% time/ { s = 1 } s' "$name.tmp" > "$name.sum"
	sh ./facts.sh "$name.log" "$name.sum" > "$name.facts"
	rm -f "$name.tmp" "$name.sum"
}

record ls-plain -- ls /
record fork-exec -f -- sh -c 'ls /etc > /dev/null; echo hi | cat > /dev/null'
record threads -f -tt -T -- "$progs/threads" /dev/null
"$progs/threads" threads.truth
# The program knows its threads: one process and the threads it made, which
# the pids of the log alone cannot tell apart.
sed -i "s/^processes .*/processes 1/" threads.facts
echo "threads $(sed -n 's/^threads //p' threads.truth)" >> threads.facts
record killed -f -- "$progs/killed"
record names -f -yy -- "$progs/names" /tmp/tracemine-names names.truth
mv names.log weird-names.log; mv names.facts weird-names.facts
record weird-names-x -f -xx -- "$progs/names" /tmp/tracemine-names /dev/null
record weird-names-y -f -y -s 8 -- "$progs/names" /tmp/tracemine-names /dev/null
record timestamps-t -t -- cat /etc/hostname
record timestamps-tt -tt -- cat /etc/hostname
record timestamps-ttt -ttt -- cat /etc/hostname
record timestamps-r -r -- cat /etc/hostname
record durations-T -T -- cat /etc/hostname
record stack-k -k -- cat /etc/hostname
record iptr-i -i -- cat /etc/hostname
record syscall-n -n -- cat /etc/hostname
record raw-X -X raw -- cat /etc/hostname
record verbose-X -X verbose -- cat /etc/hostname
record hex-x -x -- cat /etc/hostname
record vfork -f -- "$progs/spawn"
record restart -f -tt -- "$progs/restart"
record net -f -yy -- "$progs/net"
record echo-twice-1 -f -y -- sh -c 'cat /etc/hostname > /tmp/tracemine-x; rm /tmp/tracemine-x'
record echo-twice-2 -f -y -- sh -c 'cat /etc/hostname > /tmp/tracemine-x; rm /tmp/tracemine-x'

# -f with -C, keeping the table in the log: it is not events.
strace -f -C -o summary-C.log sh -c 'ls / > /dev/null'
awk '/^% time/ { exit } { print }' summary-C.log > summary-C.only
awk '/^% time/ { s = 1 } s' summary-C.log > summary-C.sum
sh ./facts.sh summary-C.only summary-C.sum > summary-C.facts
rm -f summary-C.only summary-C.sum

# strace -f writing to stderr: [pid N] prefixes, unprefixed lines of the
# first process, "strace: Process N attached" lines.
strace -f sh -c 'ls /etc > /dev/null 2>&1; true' 2> stderr-f.log > /dev/null
sh ./facts.sh stderr-f.log > stderr-f.facts

# strace -ff: one file per process, merged by time by the reader.
rm -rf ff && mkdir ff
strace -ff -tt -o ff/run sh -c 'ls / > /dev/null; cat /etc/hostname > /dev/null'
cat ff/run.* > ff/all.tmp
sh ./facts.sh ff/all.tmp > ff/run.facts
# One process per file: the pids are the files' suffixes.
sed -i "s/^processes .*/processes $(ls ff/run.* | grep -c '\.[0-9]*$')/" ff/run.facts
first=$(for f in ff/run.[0-9]*; do head -n 1 "$f"; done | cut -c1-15 | sort | head -n 1)
last=$(for f in ff/run.[0-9]*; do grep -E '^[0-9]' "$f" | tail -n 1; done | cut -c1-15 | sort | tail -n 1)
sed -i "s/^first_time .*/first_time $first/; s/^last_time .*/last_time $last/" ff/run.facts
rm -f ff/all.tmp

# A log crossing midnight: strace cannot be made to run over midnight, so
# this one is made by rewriting the times of timestamps-tt.log so that its
# middle falls on midnight, keeping the real intervals (the only derived log
# here).  tests/e2e/corpora.sh checks that its span is the original's.
awk '
function us(t,   a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000000 + a[4] }
function fmt(u) { u = u % 86400000000; return sprintf("%02d:%02d:%02d.%06d", int(u / 3600000000), int(u / 60000000) % 60, int(u / 1000000) % 60, u % 1000000) }
NR == FNR { if ($1 ~ /^[0-9][0-9]:/) { t = us($1); if (lo == "" || t < lo) lo = t; if (t > hi) hi = t } next }
$1 ~ /^[0-9][0-9]:/ { $0 = fmt(86400000000 - int((hi - lo) / 2) + us($1) - lo) substr($0, length($1) + 1) }
{ print }' timestamps-tt.log timestamps-tt.log > midnight.log
sh ./facts.sh midnight.log > midnight.facts
# Past midnight the clock reads from 00:00; tracemine counts the day.
last=$(sed -n 's/^last_time //p' midnight.facts)
case $last in 00:*) sed -i "s/^last_time .*/last_time $last+1d/" midnight.facts ;; esac

# A log whose last line is cut short, as when strace is killed.
size=$(wc -c < ls-plain.log)
head -c $((size - 20)) ls-plain.log > cut.log
sh ./facts.sh cut.log > cut.facts
echo "recorded: $(ls *.log ff/run.* | wc -l) files"
