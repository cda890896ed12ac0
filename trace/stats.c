/*
 * stats.c: counting the records of a trace.
 *
 * Processes and threads are told apart from the calls that made them: a
 * clone or clone3 with CLONE_THREAD makes a thread of the caller's thread
 * group; any other clone, fork or vfork makes a process.  A pid whose
 * creation the trace does not show (the first process, or one strace
 * attached to) counts as a process.  The process tree is kept as each
 * process's parent: the process whose call made it.
 */
#include <string.h>

#include <glib.h>

#include "internal.h"
#include "stats.h"

struct trace_stats *
trace_stats_new(void)
{
	struct trace_stats *st = g_new0(struct trace_stats, 1);

	st->calls = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->call_counts = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    NULL, g_free);
	st->errors = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->exits = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->killed = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->signals = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->pids = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->born = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->parent = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->files = g_ptr_array_new();
	st->tree = g_array_new(FALSE, FALSE, sizeof(struct trace_proc));
	return st;
}

void
trace_stats_free(struct trace_stats *st)
{
	if (st == NULL)
		return;
	g_hash_table_destroy(st->calls);
	g_hash_table_destroy(st->call_counts);
	g_hash_table_destroy(st->errors);
	g_hash_table_destroy(st->exits);
	g_hash_table_destroy(st->killed);
	g_hash_table_destroy(st->signals);
	g_hash_table_destroy(st->pids);
	g_hash_table_destroy(st->born);
	g_hash_table_destroy(st->parent);
	g_ptr_array_free(st->files, TRUE);
	g_array_free(st->tree, TRUE);
	g_free(st);
}

static void
bump(GHashTable *t, gpointer key)
{
	gpointer v = g_hash_table_lookup(t, key);

	g_hash_table_insert(t, key, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(v) + 1));
}

/* Calls are counted in place: one lookup per event, no insert. */
static void
count_call(struct trace_stats *st, const char *name)
{
	uint64_t *c = g_hash_table_lookup(st->call_counts, name);

	if (c == NULL) {
		c = g_new0(uint64_t, 1);
		g_hash_table_insert(st->call_counts, (gpointer)name, c);
	}
	(*c)++;
}

bool
trace_stats_wants_args(const struct event *ev)
{
	return event_is_clone(ev) && event_child(ev) > 0;
}

/* The leader of a pid's thread group: pids maps a thread to its leader. */
static int
leader_of(struct trace_stats *st, int pid)
{
	gpointer v;

	if (g_hash_table_lookup_extended(st->pids, GINT_TO_POINTER(pid), NULL,
	    &v))
		return GPOINTER_TO_INT(v);
	int leader = pid;
	if (g_hash_table_lookup_extended(st->born, GINT_TO_POINTER(pid), NULL,
	    &v))
		leader = GPOINTER_TO_INT(v);
	g_hash_table_insert(st->pids, GINT_TO_POINTER(pid),
	    GINT_TO_POINTER(leader));
	return leader;
}

void
trace_stats_add_file(struct trace_stats *st, const char *path)
{
	const char *f = trace_intern(strcmp(path, "-") == 0 ? "<stdin>" :
	    path);

	if (st->files->len == 0 ||
	    g_ptr_array_index(st->files, st->files->len - 1) != f) {
		bool seen = false;
		for (unsigned i = 0; i < st->files->len; i++)
			seen |= st->files->pdata[i] == f;
		if (!seen)
			g_ptr_array_add(st->files, (gpointer)f);
	}
}

void
trace_stats_add(struct trace_stats *st, const struct event *ev,
    const struct value *args)
{
	if (ev->time_kind != TIME_NONE) {
		if (!st->has_time) {
			st->has_time = true;
			st->time_kind = ev->time_kind;
			st->first_ns = st->last_ns = ev->time_ns;
		}
		if (ev->time_ns < st->first_ns)
			st->first_ns = ev->time_ns;
		if (ev->time_ns > st->last_ns)
			st->last_ns = ev->time_ns;
	}
	int leader;
	if (st->cache_valid && ev->pid == st->cache_pid) {
		leader = st->cache_leader;
	} else {
		leader = leader_of(st, ev->pid);
		st->cache_pid = ev->pid;
		st->cache_leader = leader;
		st->cache_valid = true;
	}
	switch (ev->kind) {
	case EVENT_SYSCALL:
		st->events++;
		count_call(st, ev->name);
		if (ev->split)
			st->split++;
		if (ev->ret_kind == RET_NONE)
			st->unreturned++;
		else if (ev->ret_kind == RET_UNKNOWN && ev->err == NULL)
			st->unknown++;
		if (ev->err != NULL) {
			st->failed++;
			bump(st->errors, (gpointer)ev->err);
		}
		int child = event_child(ev);
		if (child > 0) {
			const struct value *fl = clone_flags(ev, args);
			bool thread = value_has_flag(fl, "CLONE_THREAD");
			if (!g_hash_table_contains(st->born,
			    GINT_TO_POINTER(child))) {
				g_hash_table_insert(st->born,
				    GINT_TO_POINTER(child),
				    GINT_TO_POINTER(thread ? leader : child));
				if (!thread)
					g_hash_table_insert(st->parent,
					    GINT_TO_POINTER(child),
					    GINT_TO_POINTER(leader));
			}
		}
		break;
	case EVENT_SIGNAL:
		st->signals_n++;
		bump(st->signals, (gpointer)ev->signal);
		break;
	case EVENT_EXIT:
		bump(st->exits, GINT_TO_POINTER(ev->status));
		break;
	case EVENT_KILLED:
		bump(st->killed, (gpointer)ev->signal);
		break;
	}
}

static gint
by_pid(gconstpointer a, gconstpointer b)
{
	int x = ((const struct trace_proc *)a)->pid;
	int y = ((const struct trace_proc *)b)->pid;

	return x < y ? -1 : x > y;
}

void
trace_stats_name_unnamed(struct trace_stats *st, int pid)
{
	st->unnamed = pid;
}

/* A pid of the records as the tree shows it. */
static int
named(const struct trace_stats *st, gpointer pid)
{
	int p = GPOINTER_TO_INT(pid);

	return p == 0 ? st->unnamed : p;
}

/* Moves the processes of the current trace into the counts and the tree. */
static void
fold(struct trace_stats *st)
{
	GHashTableIter it;
	gpointer k, v, p;
	guint first = st->tree->len;

	g_hash_table_iter_init(&it, st->pids);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		/*
		 * A thread often makes its first call before its creator's
		 * clone3 returns: what the clone said wins.
		 */
		if (g_hash_table_lookup_extended(st->born, k, NULL, &p))
			v = p;
		struct trace_proc n = {
			.trace = st->traces > 0 ? st->traces - 1 : 0,
			.pid = named(st, k),
			.owner = named(st, v),
			.thread = k != v,
		};
		if (n.thread)
			st->threads++;
		else
			st->processes++;
		if (!n.thread && g_hash_table_lookup_extended(st->parent, k,
		    NULL, &p)) {
			n.has_parent = true;
			n.parent = named(st, p);
		}
		g_array_append_val(st->tree, n);
	}
	if (st->tree->len > first)
		qsort(&g_array_index(st->tree, struct trace_proc, first),
		    st->tree->len - first, sizeof(struct trace_proc),
		    by_pid);
	g_hash_table_remove_all(st->pids);
	g_hash_table_remove_all(st->born);
	g_hash_table_remove_all(st->parent);
	st->cache_valid = false;
	st->unnamed = 0;
}

void
trace_stats_begin_trace(struct trace_stats *st)
{
	if (st->traces > 0)
		fold(st);
	st->traces++;
}

void
trace_stats_finish(struct trace_stats *st)
{
	GHashTableIter it;
	gpointer k, v;

	fold(st);
	g_hash_table_iter_init(&it, st->call_counts);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(st->calls, k,
		    GSIZE_TO_POINTER((gsize)*(uint64_t *)v));
}
