#!/bin/sh
# record.sh: the operations of ../coreutils once more, twice each, amid
# other work: each sh -c reads a file and lists a folder before, lists and
# reads after, and marks the operation with a write of a known string
# before and after it (echo tracemine-mark > /dev/null, the shell's own
# write).  tracemine solve --marker=tracemine-mark mines only what lies
# between the marks (labels.txt).  Run it from anywhere; it rewrites every
# log here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace sh touch cat cp mv rm chmod ln mkdir ls gzip env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
W=/tmp/tracemine-fp
M='echo tracemine-mark > /dev/null'

# run NAME COMMAND: COMMAND between the marks, amid other work
run() {
	rm -rf "$W"
	mkdir -p "$W/d"
	printf 'hello\n' > "$W/f"
	printf 'old\n' > "$W/d/old"
	(cd "$W" && env -i PATH=/usr/bin:/bin LC_ALL=C \
	    strace -f -o "$W.log" sh -c \
	    "cat d/old > /dev/null; ls > /dev/null; $M; $2; $M; ls d > /dev/null; cat d/old > /dev/null" \
	    > /dev/null)
	gzip -9 -n -c "$W.log" > "$here/$1.log.gz"
	rm -f "$W.log"
}

for i in 1 2; do
	run create-$i	'touch new'
	run write-$i	'echo more >> f'
	run read-$i	'cat f'
	run rename-$i	'mv f g'
	run delete-$i	'rm f'
	run copy-$i	'cp f g'
	run chmod-$i	'chmod 600 f'
	run link-$i	'ln f h'
	run mkdir-$i	'mkdir e'
	run list-$i	'ls -a d'
done
rm -rf "$W"
