#!/bin/sh
# record.sh: records the file-operation experiments of this folder: real
# coreutils run by sh -c on files prepared the same way each time, in a
# folder of the same name (/tmp/tracemine-fp), one strace -f log each.
# labels.txt names the operations each performed.  Every experiment runs
# in a new shell with the same prepared files, so what the shell and the
# dynamic linker do is common to all, and the operations are what differs.
#
#   the folder holds: f (a file of 6 bytes), d/ (a folder), d/old (a file)
#
# Run it from anywhere; it rewrites every log here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace sh touch cat cp mv rm chmod ln mkdir ls gzip env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
W=/tmp/tracemine-fp

# run NAME COMMAND: COMMAND (for sh -c) on fresh files, traced into
# NAME.log.gz
run() {
	rm -rf "$W"
	mkdir -p "$W/d"
	printf 'hello\n' > "$W/f"
	printf 'old\n' > "$W/d/old"
	(cd "$W" && env -i PATH=/usr/bin:/bin LC_ALL=C \
	    strace -f -o "$W.log" sh -c "$2" > /dev/null)
	gzip -9 -n -c "$W.log" > "$here/$1.log.gz"
	rm -f "$W.log"
}

# each operation alone, five times: repeated runs are what lets labels
# that are wrong be outvoted (tracemine solve --tolerance)
for i in 1 2 3 4 5; do
	run create-$i	'touch new'
	run write-$i	'echo more >> f'
	run read-$i	'cat f'
	run rename-$i	'mv f g'
	run delete-$i	'rm f'
	run copy-$i	'cp f g'
	run chmod-$i	'chmod 600 f'
	run link-$i	'ln f h'
	run mkdir-$i	'mkdir e'
	run list-$i	'ls d'
done
# and combined
run create-write	'touch new; echo more >> f'
run copy-delete		'cp f g; rm f'
run mkdir-create	'mkdir e; touch new'
run read-list		'cat f; ls d'
run chmod-rename	'chmod 600 f; mv f g'
run link-delete		'ln f h; rm f'
run write-read		'echo more >> f; cat f'
run list-delete		'ls d; rm f'
rm -rf "$W"
