/*
 * procs.h: a trace as the system calls of each process image, with their
 * arguments by role, for the tools that follow processes through a log
 * (learning and checking models, monitoring policies).
 *
 * procs_run() reads a trace and hands each call to a client:
 *
 * - per process (or thread) it keeps the program of the current process
 *   image (the strace-escaped path of the last successful execve, or "?")
 *   and the key of the state the process is in;
 * - keys are, with PROCS_STACK, the program location of the call (the
 *   first frame of the -k stack outside the C library, "BINARY+0xOFF"),
 *   and with PROCS_CONTEXT the names of the last k calls of the image,
 *   joined by spaces; every image starts in the state "^", and its first
 *   call (the execve that made it) leads to "execve".  Keys are interned
 *   (trace_intern()), so they compare with ==;
 * - a child starts where its parent is after the clone, fork or vfork,
 *   with a copy of the parent's client data (ops->fork); a child's calls
 *   logged while its parent's clone has not returned are held until it
 *   does;
 * - arguments become values by the roles of syscalls.def: paths and
 *   strings as strace-escaped text, fds as numbers, symbolic names and
 *   flag sets as their names sorted and joined by '|'; out 0 is the
 *   result when the call succeeded, outs 1 and 2 the fds pipe and
 *   socketpair made.  An fd that -y decorated also has its file, as
 *   str.  A socket address (role a) is its family as a name, with its
 *   decoded fields (sockaddr.h) in sa.  ret_kind, ret and err say how
 *   every call returned, failed or not.  With all_args, arguments whose role is not learned (buffers,
 *   counts, argv) are given too, by the kind of their value;
 * - with names, paths are absolute names (fdnames.h): a path argument's
 *   str is its absolute name when the log tells it (the -y decoration of
 *   its dirfd or of AT_FDCWD, the file of the call that returned the
 *   dirfd, the working directory followed through chdir and getcwd), and
 *   given is the name as the call gave it; a relative path whose
 *   directory the log does not tell stays as given, unresolved.  An fd's
 *   str is its file from -y or, without it, from the call that made it.
 *
 * A call and its values are valid during the callback only.
 */
#ifndef TRACE_PROCS_H
#define TRACE_PROCS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "sockaddr.h"
#include "trace.h"

#define CALL_MAX_ARGS	8

enum call_vkind {
	CALL_VAL_NONE,		/* absent, or not learned (by its role) */
	CALL_VAL_INT,
	CALL_VAL_STR,		/* strace-escaped text */
	CALL_VAL_FLAGS,		/* names, sorted, joined by '|' */
};

struct call_val {
	enum call_vkind kind;
	int64_t num;
	const char *str;	/* CALL_VAL_STR, CALL_VAL_FLAGS; a
				 * CALL_VAL_NONE of a socket address (role
				 * a) that strace printed NULL: "NULL",
				 * else NULL */
	const char *given;	/* procs_opts.names, a path (role p) whose
				 * absolute name is str: the name as the call
				 * gave it; NULL otherwise */
	bool unresolved;	/* procs_opts.names, a path: relative, and
				 * the log does not tell its directory */
	const struct sockaddr_info *sa;	/* a socket address (role a): its
					 * fields, with str its family;
					 * NULL otherwise */
};

struct call {
	const struct event *ev;	/* the record (NULL when replayed) */
	const char *file;
	uint64_t line;
	const char *name;	/* interned */
	const char *key;	/* interned: the state the call leads to */
	unsigned nargs;
	const struct call_val *args;
	unsigned nouts;
	const struct call_val *outs;
	char role[CALL_MAX_ARGS];	/* per argument: p path, f fd, k kept,
					 * - symbolic, 0 nothing */
	bool exec;		/* a successful execve: a new image */
	const char *program;	/* exec: the new image's program */
	const char *loc;	/* the call's location (-k), or NULL */
	int child;		/* the pid it created, or 0 */
	bool returns_fd;	/* the result is a new fd (syscalls.def) */
	enum event_ret ret_kind;	/* how the call returned */
	int64_t ret;		/* RET_VALUE: the number returned */
	const char *err;	/* interned errno name when it failed */
};

enum procs_states {
	PROCS_AUTO,		/* STACK when the first call has a stack */
	PROCS_STACK,
	PROCS_CONTEXT,
};

struct proc {
	int pid;
	const char *program;	/* interned */
	const char *key;	/* interned: the state it is in */
	const char **ring;	/* the last k call names (PROCS_CONTEXT) */
	unsigned nring;
	void *data;		/* the client's */
};

struct procs_ops {
	/* A call: p->key is the state it leads from, c->key to. */
	void (*call)(void *ctx, struct proc *p, const struct call *c);
	/* A new image begins (before its execve is given to call). */
	void (*exec)(void *ctx, struct proc *p);
	/* A process was made by parent (NULL: one whose start the log does
	 * not show); returns the new process's data. */
	void *(*fork)(void *ctx, struct proc *parent);
	/* A process ended, or the trace did; frees its data. */
	void (*done)(void *ctx, struct proc *p);
};

struct procs_opts {
	enum procs_states states;	/* PROCS_AUTO: decided by the first
					 * call, and written back */
	unsigned k;		/* context length; 0: 1 */
	bool all_args;		/* every argument, not only learned roles */
	bool names;		/* paths and fds by their absolute names */
	bool relative_only;	/* with names: only relative paths are
				 * replaced (by their absolute names, where
				 * the log places them); absolute and empty
				 * paths stay as given, fds as numbers */
};

/*
 * Reads r to its end, calling ops.  False with err set on a reader
 * error, or when PROCS_STACK is asked of a log whose first call carries
 * no stack.
 */
bool procs_run(struct strace_reader *r, const char *name,
    struct procs_opts *o, const struct procs_ops *ops, void *ctx,
    GError **err);

/* The program location of a -k stack ("BINARY+0xOFF"), interned, or NULL
 * when it has no frame outside the C library. */
const char *procs_location(const struct frame *frames, unsigned n);

#endif
