/*
 * internal.h: helpers shared by the files of the mining module only.
 * Never included from another layer.
 */
#ifndef MINING_INTERNAL_H
#define MINING_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "automata/efsa.h"
#include "trace/trace.h"

/*
 * The feed (feed.c) reads one trace and hands each system call of each
 * process to a client as an efsa_event, with the state keys it leads from
 * and to, as both the learner and the conformance check need:
 *
 * - per task (process or thread) it keeps the program of the current
 *   process image (the escaped path of the last successful execve, or "?")
 *   and the key of the state the task is in;
 * - keys are, with FEED_STACK, the program location of the call (the
 *   first frame of the -k stack outside the C library, "BINARY+0xOFFSET"),
 *   and with FEED_CONTEXT the names of the last k calls of the image,
 *   joined by spaces; every image starts in the state "^", and its first
 *   call (the execve that made it) leads to "execve";
 * - a child starts where its parent is after the clone, fork or vfork,
 *   with a copy of the parent's client data (ops->fork); a child's calls
 *   logged before its parent's clone returned are held until it does;
 * - arguments become efsa_vals by the roles of syscalls.def: paths and
 *   strings as strace-escaped text, fds as numbers, symbolic names and
 *   flag sets as sorted names joined by '|'; out 0 is the result when the
 *   call succeeded, outs 1 and 2 the fds pipe and socketpair made.
 */
#define FEED_MAX_ARGS	8

enum feed_states {
	FEED_AUTO,		/* STACK when the first call has a stack */
	FEED_STACK,
	FEED_CONTEXT,
};

struct feed_task {
	int pid;
	const char *program;	/* interned */
	const char *key;	/* interned: the state it is in */
	const char **ring;	/* the last k call names (FEED_CONTEXT) */
	unsigned nring;
	void *data;		/* the client's */
};

struct feed_event {
	const struct event *ev;	/* the record (NULL when replayed) */
	const char *file;
	uint64_t line;
	struct efsa_event e;	/* name, key (target), args, outs */
	char role[FEED_MAX_ARGS];	/* per argument: p path, f fd, k kept,
					 * - symbolic, 0 nothing learned */
	bool exec;		/* a successful execve: a new image */
	const char *program;	/* exec: the new image's program */
	const char *loc;	/* the call's location (-k), or NULL */
	int child;		/* the pid it created, or 0 */
	bool returns_fd;	/* the result is a new fd (syscalls.def) */
};

struct feed_ops {
	/* A call: t->key is the state it leads from, fe->e.key to. */
	void (*event)(void *ctx, struct feed_task *t,
	    const struct feed_event *fe);
	/* A new image begins (before its execve is given to event). */
	void (*exec)(void *ctx, struct feed_task *t);
	/* A task was made by parent; returns the child's data. */
	void *(*fork)(void *ctx, struct feed_task *parent);
	/* A task ended or the trace did; frees its data. */
	void (*done)(void *ctx, struct feed_task *t);
};

/*
 * Reads r to its end, calling ops.  *states is the kind of keys: when
 * FEED_AUTO it is decided by the first call and written back.  False
 * with err set on a reader error, or when FEED_STACK is asked of a log
 * whose calls carry no stack.
 */
bool feed_run(struct strace_reader *r, const char *name,
    enum feed_states *states, unsigned k, const struct feed_ops *ops,
    void *ctx, GError **err);

/* The program location of a -k stack ("BINARY+0xOFF"), interned, or NULL
 * when it has no frame outside the C library. */
const char *feed_location(const struct frame *frames, unsigned n);

#endif
