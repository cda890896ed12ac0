/*
 * marker.c: whether an event carries given bytes in one of its string
 * arguments, so an experiment can mark the part of a trace that matters
 * with a write of a known string (echo MARK > /dev/null).  The raw text of
 * the arguments is searched first, so events without the bytes cost a
 * memmem(); only those whose text has them are parsed.
 */
#include <string.h>

#include "trace.h"

static bool
has_bytes(const struct value *v, const char *b, size_t n)
{
	for (; v != NULL; v = v->next) {
		if (v->kind == VALUE_STR && v->len >= n &&
		    memmem(v->bytes, v->len, b, n) != NULL)
			return true;
		if (has_bytes(v->child, b, n))
			return true;
	}
	return false;
}

bool
trace_event_has_bytes(struct strace_reader *r, const struct event *ev,
    const char *b, size_t n)
{
	if (ev->kind != EVENT_SYSCALL || n == 0 || ev->args == NULL)
		return false;
	if (memmem(ev->args, ev->args_len, b, n) == NULL)
		return false;
	return has_bytes(strace_reader_args(r, ev), b, n);
}
