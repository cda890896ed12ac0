#!/bin/sh
# constants.sh: writes verify/constants.def, the names a policy may use as
# constants (docs/policy-language.md, Arguments and variables): every
# object-like macro of the Linux and C library headers below whose name has
# one of the prefixes of the kinds of value strace prints by name (open
# flags, fcntl commands, socket families and types, errno names, signals,
# mmap, clone, wait, ptrace, prctl, poll, capability names, ...), plus the
# names strace prints that no user header defines (the kernel's restart
# errnos, O_LARGEFILE on x86_64, SA_RESTORER, SIGRT_n).  One quoted name a line, sorted in the C
# locale, so verify/constants.c can bsearch it.
#
#	sh verify/constants.sh > verify/constants.def
#
# Run it again (and commit the result) to follow new headers; the table is
# committed so that the build does not depend on which headers are present.
set -eu
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/constants.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/h.c" <<'H'
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/netlink.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
H
{
	"$CC" -D_GNU_SOURCE -E -dM "$tmp/h.c" |
	    awk '$1 == "#define" && $2 !~ /\(/ { print $2 }' |
	    grep -E '^(O|AT|F|FD|SEEK|LOCK|POSIX_FADV|AF|PF|SOCK|MSG|SOL|SO|IPPROTO|SHUT|SIG|SA|SS|PROT|MAP|MS|MADV|MREMAP|CLONE|W|P|PTRACE|PR|RLIMIT|RLIM64|RLIM|ARCH|CLD|SI|GRND|IPV6|TCP|STATX|POLL|EPOLL|CAP|FUTEX|NETLINK|RENAME|S)_[A-Z0-9_]+$|^E[A-Z0-9]+$|^[RWXF]_OK$|^__W(ALL|CLONE|NOTHREAD)$|^S_I[A-Z]+$|^(SIG|POLL|TIOC|TC)[A-Z0-9]+$|^W(NOHANG|UNTRACED|EXITED|STOPPED|CONTINUED|NOWAIT)$'
	printf '%s\n' ERESTARTSYS ERESTARTNOINTR ERESTARTNOHAND \
	    ERESTART_RESTARTBLOCK O_LARGEFILE SA_RESTORER SIGRTMIN SIGRTMAX
	seq 1 32 | sed 's/^/SIGRT_/'
} | LC_ALL=C sort -u | awk '{ printf "\"%s\",\n", $0 }'
