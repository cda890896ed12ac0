/*
 * stats.h: what a trace contains, counted (tracemine stats).
 *
 * A trace_stats accumulates the records of one trace, in the order the reader
 * delivers them.  Counting rules: one system-call record is one event (a
 * call printed in two halves is one record; a call that never returned is
 * one); signals and process ends are counted apart; strace's own lines are
 * not records at all.
 */
#ifndef TRACE_STATS_H
#define TRACE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "trace.h"

/* One process or thread of the process tree. */
struct trace_proc {
	unsigned trace;		/* which trace (0-based), as begun */
	int pid;		/* 0: a process the log never named */
	bool thread;		/* a thread of process owner */
	int owner;
	bool has_parent;	/* a process whose maker the trace shows */
	int parent;
};

struct trace_stats {
	uint64_t events;	/* system-call records */
	uint64_t failed;	/* of which returned an errno */
	uint64_t unreturned;	/* of which never returned (RET_NONE) */
	uint64_t unknown;	/* of which returned "?" */
	uint64_t split;		/* of which were printed in two halves */
	uint64_t signals_n;	/* signal deliveries */
	uint64_t processes;	/* processes (thread groups) with records */
	uint64_t threads;	/* threads, not leaders, with records */
	GHashTable *calls;	/* interned name -> count (GUINT_TO_POINTER),
				 * filled by trace_stats_finish() */
	GHashTable *errors;	/* interned errno -> count */
	GHashTable *exits;	/* status (GINT_TO_POINTER) -> count */
	GHashTable *killed;	/* interned signal -> count */
	GHashTable *signals;	/* interned signal -> count */
	GHashTable *pids;	/* pid with records -> its leader (itself for
				 * a process) */
	GHashTable *born;	/* pid a clone returned -> its leader */
	GHashTable *parent;	/* process -> the process that made it */
	enum trace_time time_kind;	/* of the first timestamped record */
	bool has_time;
	int64_t first_ns, last_ns;
	GPtrArray *files;	/* interned file names, in order */
	GArray *tree;		/* struct trace_proc, by trace then pid;
				 * filled by trace_stats_finish() */
	unsigned traces;	/* traces begun */

	/* Private to stats.c. */
	GHashTable *call_counts;	/* name -> uint64_t, while adding */
	bool cache_valid;
	int cache_pid, cache_leader;
	int unnamed;		/* the real pid of pid 0, or 0 */
};

/* A new, empty accumulator; freed with trace_stats_free(). */
struct trace_stats *trace_stats_new(void);

/*
 * Starts the next trace: pids of different traces are different processes
 * even when their numbers are equal.  Optional before the first trace.
 */
void trace_stats_begin_trace(struct trace_stats *st);

/*
 * Names the process whose records carry pid 0 in the current trace (see
 * strace_reader_unnamed_pid()): in the tree it is pid, as a process and as
 * a parent.  Without a name (pid 0), the tree keeps pid 0, which printers
 * show as unknown.  Call before the next trace begins or the end.
 */
void trace_stats_name_unnamed(struct trace_stats *st, int pid);

/*
 * Adds one record.  args is the record's parsed arguments (needed only for
 * clone and clone3, to tell threads from processes) or NULL.
 */
void trace_stats_add(struct trace_stats *st, const struct event *ev,
    const struct value *args);

/* Whether ev is a call whose arguments trace_stats_add() wants parsed. */
bool trace_stats_wants_args(const struct event *ev);

/*
 * Names a file of the trace, so that a file with no records is listed too.
 * "-" is listed as "<stdin>", as the reader names it.
 */
void trace_stats_add_file(struct trace_stats *st, const char *path);

/* Completes the counts and the tree; call once, after the last add. */
void trace_stats_finish(struct trace_stats *st);

void trace_stats_free(struct trace_stats *st);

#endif
