/*
 * norm.h: normalisation of events into resource accesses (tracemine norm).
 *
 * An access is one line of text: the call name, then the arguments that name
 * a resource or say how it is used, with what differs from run to run
 * dropped (pids, fds, addresses, sizes, buffers, times, inode numbers), fds
 * replaced by what they refer to, and paths generalised by rules.  A failed
 * call ends with " = ERRNO".  The rules are in docs/normalisation.md.
 *
 * A normalizer keeps the fd table of every process of one trace: feed it
 * every record of the trace, in order, signals and exits included.
 */
#ifndef TRACE_NORM_H
#define TRACE_NORM_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "trace.h"

/*
 * Options; NULL means the defaults.
 * keep: comma-separated calls or %classes (%file, %desc, %network,
 *   %process, %signal, %ipc, %memory, %creds, %clock) to print even though
 *   they are dropped by default as noise (the NOISE calls of syscalls.def).
 * drop: calls or %classes not to print.  keep wins over drop.
 * generalize: comma-separated path rules applied in order: "proc"
 *   (/proc/1234 -> /proc/PID, on by default), "names" (the names the
 *   experiment chose, in execve's arguments, become a star, and so do the
 *   numbers a call sets on such a path; on by default and applied first),
 *   "home" ($HOME -> ~), "tmp" (every name under
 *   /tmp, /var/tmp or $TMPDIR becomes DIR/ and a star), "none" (turns off
 *   the rules before it, the defaults included), or "PREFIX=REPLACEMENT".
 *   Whatever the rules, relative paths are joined to the process's
 *   working directory and paths under the start directory are relative
 *   to it (normpath.h).
 * keep_argv: print execve's whole argv; by default only argv[0].
 */
struct norm_opts {
	const char *keep;
	const char *drop;
	const char *generalize;
	const char *protocols;	/* the protocols decoded from socket
				 * traffic (proto.h): "x11", "http",
				 * "memcached", "redis", "all" (the
				 * default, NULL), "none" */
	/* offsets: append " @pageN" to the accesses of calls with a file
	 * offset (pread64, pwrite64, preadv, pwritev, mmap) and to lseek,
	 * the 4096-byte page of the offset or of the position lseek
	 * returns.  payload: NULL (the default) keeps no bytes; a number N
	 * (1 to 65536) appends " bytes:\"...\"", the first N bytes that a
	 * read or write moved, escaped; "token" the first token of them. */
	bool offsets;
	const char *payload;
	bool keep_argv;
};

struct normalizer;

/* NULL with err set when an option names an unknown class or rule. */
struct normalizer *norm_new(const struct norm_opts *opts, GError **err);
void norm_free(struct normalizer *n);

/*
 * The access of ev, the record r last returned, or NULL when ev is not an
 * access (a signal, an exit, a dropped call).  *len is set to its length.
 * The text is valid until the next call (transfer none).  Every record must
 * be given, so the fd tables follow the trace.
 */
const char *norm_event(struct normalizer *n, struct strace_reader *r,
    const struct event *ev, size_t *len);
/*
 * The further accesses of the event norm_event() was last given, one at
 * a time, then NULL: the operations a protocol decoder found in the bytes
 * a read or write moved (an X client's requests).  norm_event() returns
 * the first of them when the call itself is no access.  Valid until the
 * next call (transfer none).
 */
const char *norm_more(struct normalizer *n, size_t *len);
/*
 * What the protocol decoders could not place on a message in the trace
 * fed so far (bytes not decoded: proto_streams_unplaced()), as one
 * warning without a newline, newly allocated; NULL when nothing.
 */
char *norm_unplaced(const struct normalizer *n);

/*
 * Class bits of a call, from syscalls.def; 0 for an unknown call.  The
 * names are those of strace's -e trace=%class.
 */
enum trace_class {
	TRACE_CLASS_FILE = 1 << 0,
	TRACE_CLASS_DESC = 1 << 1,
	TRACE_CLASS_NETWORK = 1 << 2,
	TRACE_CLASS_PROCESS = 1 << 3,
	TRACE_CLASS_SIGNAL = 1 << 4,
	TRACE_CLASS_IPC = 1 << 5,
	TRACE_CLASS_MEMORY = 1 << 6,
	TRACE_CLASS_CREDS = 1 << 7,
	TRACE_CLASS_CLOCK = 1 << 8,
};
unsigned trace_syscall_classes(const char *name);

/*
 * The argument roles of a call, one letter per argument as syscalls.def
 * describes them ("dp-k" for openat: a dirfd, a path, symbolic flags, a
 * mode kept as printed), or NULL for a call the table does not list.
 * trace_syscall_returns_fd() says whether the call's result is a new fd.
 */
const char *trace_syscall_roles(const char *name);
bool trace_syscall_returns_fd(const char *name);

#endif
