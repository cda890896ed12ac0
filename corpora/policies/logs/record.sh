#!/bin/sh
# record.sh: records the strace logs of this folder, real runs that the
# stateful policies of corpora/policies (limit-write.pol) have something
# to say about.  Run it from anywhere; it rewrites every log here.
#
#   dd-2m.log    dd copies 2 MiB of zeros in 32 writes of 65536 bytes
#                into a new file: 32 writes, the 16th the first past a
#                million bytes (15 x 65536 = 983040, 16 x 65536 = 1048576)
#   dd-512k.log  the same, 8 writes of 65536 bytes: 524288 in all
#   chown.log    chown 0:0 on a file (as root: CAP_CHOWN), one fchownat
#   chroot.log   chroot / true (as root: CAP_SYS_CHROOT), one chroot
#
# chown.log and chroot.log need root (the calls succeed only with the
# capabilities); as another user they are not recorded again.
# The programs run in a private temporary directory (removed on exit) with
# a fixed environment; strace -f -y, so fds show their files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace dd chown true env id; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/policies.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
run() {
	log=$1
	shift
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C strace -f -y -o "$here/$log" "$@"
}
run dd-2m.log dd if=/dev/zero of=out.bin bs=65536 count=32 status=none
run dd-512k.log dd if=/dev/zero of=out.bin bs=65536 count=8 status=none
if [ "$(id -u)" = 0 ]; then
	: > out.bin
	run chown.log chown 0:0 out.bin
	run chroot.log chroot / true
fi
