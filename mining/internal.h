/*
 * internal.h: helpers shared by the files of the mining module only.
 * Never included from another layer.
 */
#ifndef MINING_INTERNAL_H
#define MINING_INTERNAL_H

#include "automata/efsa.h"
#include "trace/procs.h"

/*
 * The efsa_event of a call: its name, the key of the state it leads to,
 * its arguments and outputs, copied into args and outs (which have room
 * for CALL_MAX_ARGS and 3 values).  The strings are the call's.
 */
static inline void
call_to_event(const struct call *c, struct efsa_event *e,
    struct efsa_val *args, struct efsa_val *outs)
{
	unsigned i;

	for (i = 0; i < c->nargs; i++) {
		args[i].kind = (enum efsa_vkind)c->args[i].kind;
		args[i].num = c->args[i].num;
		args[i].str = c->args[i].str;
	}
	for (i = 0; i < c->nouts; i++) {
		outs[i].kind = (enum efsa_vkind)c->outs[i].kind;
		outs[i].num = c->outs[i].num;
		outs[i].str = c->outs[i].str;
	}
	e->name = c->name;
	e->key = c->key;
	e->nargs = c->nargs;
	e->args = args;
	e->nouts = c->nouts;
	e->outs = outs;
}

#endif
