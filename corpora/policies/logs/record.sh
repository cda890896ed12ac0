#!/bin/sh
# record.sh: records the strace logs of this folder, real runs that the
# stateful policies of corpora/policies (limit-write.pol) have something
# to say about.  Run it from anywhere; it rewrites every log here.
#
#   dd-2m.log    dd copies 2 MiB of zeros in 32 writes of 65536 bytes
#                into a new file: 32 writes, the 16th the first past a
#                million bytes (15 x 65536 = 983040, 16 x 65536 = 1048576)
#   dd-512k.log  the same, 8 writes of 65536 bytes: 524288 in all
#
# The programs run in a private temporary directory (removed on exit) with
# a fixed environment; strace -f -y, so fds show their files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace dd env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/policies.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
run() {
	log=$1
	shift
	env -i PATH=/usr/bin:/bin LC_ALL=C strace -f -y -o "$here/$log" "$@"
}
run dd-2m.log dd if=/dev/zero of=out.bin bs=65536 count=32 status=none
run dd-512k.log dd if=/dev/zero of=out.bin bs=65536 count=8 status=none
