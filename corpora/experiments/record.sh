#!/bin/sh
# record.sh: the same file operations as experiments are recorded, twice,
# each time in another folder on files of other names, traced with
# strace -f -s 256 by a shell started with env -i (so dash asks getcwd
# where it runs).  tracemine norm gives each pair the same accesses
# (tests/e2e/norm.sh).  NAME-y.log.gz is NAME-1 again with -y.
#
#   NAME-1: in /tmp/tracemine-exp-1, files report.txt, sub/old
#   NAME-2: in /var/tmp/tracemine-exp-2, files notes-2, dir/gone
#
# Run it from anywhere; it rewrites every log here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace sh touch mv rmdir gzip env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done

# run NAME DIR FILE SUB INNER STRACE-OPTION COMMAND: COMMAND (for sh -c)
# in DIR holding the file FILE and the folder SUB/INNER
run() {
	rm -rf "$2"
	mkdir -p "$2/$4/$5"
	printf 'hello\n' > "$2/$3"
	(cd "$2" && env -i PATH=/usr/bin:/bin LC_ALL=C \
	    strace -f -s 256 $6 -o "$2.log" sh -c "$7" > /dev/null 2>&1)
	gzip -9 -n -c "$2.log" > "$here/$1.log.gz"
	rm -rf "$2" "$2.log"
}

A=/tmp/tracemine-exp-1
B=/var/tmp/tracemine-exp-2
run touch-1 $A report.txt sub old ''	'touch new-report'
run touch-2 $B notes-2 dir gone ''	'touch fresh'
run touch-y $A report.txt sub old -y	'touch new-report'
run mv-1 $A report.txt sub old ''	'mv report.txt renamed'
run mv-2 $B notes-2 dir gone ''		'mv notes-2 other-name'
run rmdir-1 $A report.txt sub old ''	'cd sub; rmdir old'
run rmdir-2 $B notes-2 dir gone ''	'cd dir; rmdir gone'
