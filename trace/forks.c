/*
 * forks.c: the calls that make processes and threads (clone, clone3, fork,
 * vfork), as the reader, the statistics and the normaliser all need to
 * recognise them: one place for the names and for where the flags are.
 */
#include <glib.h>

#include "internal.h"

struct fork_names {
	const char *clone, *clone3, *fork, *vfork;
};

static const struct fork_names *
names(void)
{
	static gsize once;
	static struct fork_names n;

	if (g_once_init_enter(&once)) {
		n.clone = trace_intern("clone");
		n.clone3 = trace_intern("clone3");
		n.fork = trace_intern("fork");
		n.vfork = trace_intern("vfork");
		g_once_init_leave(&once, 1);
	}
	return &n;
}

bool
event_is_clone(const struct event *ev)
{
	const struct fork_names *n = names();

	return ev->kind == EVENT_SYSCALL && (ev->name == n->clone ||
	    ev->name == n->clone3);
}

int
event_child(const struct event *ev)
{
	const struct fork_names *n = names();

	if (ev->kind != EVENT_SYSCALL || ev->ret_kind != RET_VALUE ||
	    ev->err != NULL || ev->ret <= 0 || ev->ret > G_MAXINT)
		return 0;
	if (ev->name == n->clone || ev->name == n->clone3 ||
	    ev->name == n->fork || ev->name == n->vfork)
		return (int)ev->ret;
	return 0;
}

const struct value *
clone_flags(const struct event *ev, const struct value *args)
{
	const struct value *fl;

	if (args == NULL)
		return NULL;
	/* clone(child_stack=..., flags=...), clone3({flags=..., ...}, 88) */
	fl = value_field(args, "flags");
	if (fl == NULL && ev->name == names()->clone3)
		fl = value_field(value_child(args, 0), "flags");
	return fl;
}
