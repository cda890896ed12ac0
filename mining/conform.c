/*
 * conform.c: replaying a run through learned models, process by process,
 * with efsa_step(): the run-time monitor of model-carrying code, offline.
 * Each task is in a state of the model of its image's program and holds
 * that model's registers; a deviation is recorded with the log line of
 * the call, and the task goes on from the state the call leads to, so one
 * odd call is reported once and not as a cascade.
 */
#include <string.h>

#include "internal.h"
#include "learn.h"
#include "trace/trace.h"

struct ctask {
	const struct efsa *a;	/* NULL: no model for the program */
	int state;		/* -1: lost */
	struct efsa_regs *regs;
	bool counted;		/* the image was counted */
};

struct check {
	const struct efsa_set *m;
	struct conform_result *res;
	GString *buf;
};

static void
dev_free(gpointer p)
{
	struct conform_dev *d = p;

	g_free(d->program);
	g_free(d->call);
	g_free(d->state);
	g_free(d->what);
	g_free(d);
}

void
conform_result_free(struct conform_result *res)
{
	if (res == NULL)
		return;
	g_ptr_array_free(res->devs, TRUE);
	g_free(res);
}

static void
ctask_bind(struct check *c, struct ctask *t, const struct proc *ft)
{
	t->a = efsa_set_lookup(c->m, ft->program);
	efsa_regs_free(t->regs);
	t->regs = t->a != NULL ? efsa_regs_new(t->a) : NULL;
	t->state = t->a != NULL ? efsa_state_by_key((struct efsa *)t->a,
	    ft->key, false) : -1;
	t->counted = false;
}

static void *
on_fork(void *ctx, struct proc *parent)
{
	struct ctask *t = g_new0(struct ctask, 1), *p;

	if (parent == NULL) {
		t->state = -1;
		t->counted = false;
		return t;
	}
	p = parent->data;
	*t = *p;
	t->regs = p->regs != NULL ? efsa_regs_copy(p->regs) : NULL;
	return t;
}

static void
on_exec(void *ctx, struct proc *ft)
{
	struct ctask *t = ft->data;

	efsa_regs_free(t->regs);
	t->regs = NULL;
	t->a = NULL;
	t->counted = false;
}

static void
on_done(void *ctx, struct proc *ft)
{
	struct ctask *t = ft->data;

	efsa_regs_free(t->regs);
	g_free(t);
}

/* What a guard allows, shortened, for a message. */
static void
describe_guard(GString *out, const struct efsa_guard *g)
{
	guint i, n = 0, max = 4;

	switch (g->kind) {
	case EFSA_GUARD_RANGE:
		g_string_append_printf(out, "%" G_GINT64_FORMAT "..%"
		    G_GINT64_FORMAT, g->lo, g->hi);
		return;
	case EFSA_GUARD_INTS:
		for (i = 0; i < g->ints->len && n < max; i++, n++)
			g_string_append_printf(out, "%s%" G_GINT64_FORMAT,
			    n > 0 ? ", " : "", g_array_index(g->ints, int64_t,
			    i));
		n = g->ints->len;
		break;
	case EFSA_GUARD_FLAGS:
		for (i = 0; i < g->strs->len && n < max; i++, n++)
			g_string_append_printf(out, "%s%s", n > 0 ? "|" : "",
			    (char *)g->strs->pdata[i]);
		n = g->strs->len;
		break;
	case EFSA_GUARD_STRINGS:
		for (i = 0; i < g->strs->len && n < max; i++, n++)
			g_string_append_printf(out, "%s\"%s\"", n > 0 ? ", " :
			    "", (char *)g->strs->pdata[i]);
		for (i = 0; i < g->prefixes->len && n < max; i++, n++)
			g_string_append_printf(out, "%s\"%s*\"", n > 0 ? ", " :
			    "", (char *)g->prefixes->pdata[i]);
		n = g->strs->len + g->prefixes->len;
		break;
	}
	if (n > max)
		g_string_append_printf(out, ", ... (%u in all)", n);
}

static void
describe_val(GString *out, const struct efsa_val *v)
{
	switch (v->kind) {
	case EFSA_VAL_NONE:
		g_string_append(out, "(none)");
		break;
	case EFSA_VAL_INT:
		g_string_append_printf(out, "%" G_GINT64_FORMAT, v->num);
		break;
	case EFSA_VAL_STR:
		g_string_append_printf(out, "\"%s\"", v->str);
		break;
	case EFSA_VAL_FLAGS:
		g_string_append(out, v->str);
		break;
	}
}

static void
add_dev(struct check *c, enum conform_kind kind, const struct proc *ft,
    const struct call *fe, const char *what)
{
	struct conform_dev *d = g_new0(struct conform_dev, 1);

	d->kind = kind;
	d->file = fe->file;
	d->line = fe->line;
	d->pid = ft->pid;
	d->program = g_strdup(ft->program);
	d->call = g_strdup(fe->name);
	d->state = g_strdup(ft->key);
	d->what = g_strdup(what);
	g_ptr_array_add(c->res->devs, d);
}

static void
on_event(void *ctx, struct proc *ft, const struct call *fe)
{
	struct check *c = ctx;
	struct ctask *t = ft->data;
	const struct efsa_trans *tr;
	struct efsa_dev dev;
	const struct efsa_val none = { 0 };
	const struct efsa_val *v;
	struct efsa_val args[CALL_MAX_ARGS], outs[3];
	struct efsa_event ev;
	int to;

	c->res->calls++;
	if (!t->counted) {
		/* the image's first call: find its model */
		if (t->a == NULL || fe->exec)
			ctask_bind(c, t, ft);
		t->counted = true;
		c->res->images++;
		if (t->a == NULL) {
			g_string_printf(c->buf, "no model for program \"%s\"",
			    ft->program);
			add_dev(c, CONFORM_NO_MODEL, ft, fe, c->buf->str);
		}
	}
	if (t->a == NULL)
		return;
	to = efsa_state_by_key((struct efsa *)t->a, fe->key, false);
	if (t->state < 0) {
		/* lost after a deviation: pick up where the call leads */
		t->state = to;
		return;
	}
	call_to_event(fe, &ev, args, outs);
	tr = efsa_step(t->a, (unsigned)t->state, &ev, t->regs, &dev);
	g_string_truncate(c->buf, 0);
	switch (dev.kind) {
	case EFSA_DEV_NONE:
		break;
	case EFSA_DEV_UNKNOWN_STATE:
		g_string_printf(c->buf, "%s leads to state \"%s\", which the "
		    "model does not have", fe->name, fe->key);
		add_dev(c, CONFORM_UNKNOWN_STATE, ft, fe, c->buf->str);
		break;
	case EFSA_DEV_UNKNOWN_CALL:
		g_string_printf(c->buf, "%s is not expected in state \"%s\" "
		    "(no transition %s to \"%s\")", fe->name, ft->key,
		    fe->name, fe->key);
		add_dev(c, CONFORM_UNKNOWN_CALL, ft, fe, c->buf->str);
		break;
	case EFSA_DEV_GUARD:
		v = dev.arg < ev.nargs ? &ev.args[dev.arg] : &none;
		g_string_printf(c->buf, "argument %u of %s is ", dev.arg,
		    fe->name);
		describe_val(c->buf, v);
		g_string_append(c->buf, ", not one learned: ");
		describe_guard(c->buf, dev.guard);
		add_dev(c, CONFORM_ARGUMENT, ft, fe, c->buf->str);
		break;
	case EFSA_DEV_REGISTER: {
		guint k;

		v = dev.arg < ev.nargs ? &ev.args[dev.arg] : &none;
		g_string_printf(c->buf, "argument %u of %s is ", dev.arg,
		    fe->name);
		describe_val(c->buf, v);
		g_string_append(c->buf, ", not the value of");
		for (k = 0; k < dev.test->regs->len; k++) {
			guint r = g_array_index(dev.test->regs, guint, k);
			const struct efsa_reg *reg = g_ptr_array_index(
			    t->a->regs, r);

			g_string_append_printf(c->buf, "%s %s (%s) = ",
			    k > 0 ? " or" : "", reg->name,
			    reg->note != NULL ? reg->note : "");
			if (t->regs->v[r].kind == EFSA_VAL_NONE)
				g_string_append(c->buf, "unset");
			else
				describe_val(c->buf, &t->regs->v[r]);
		}
		add_dev(c, CONFORM_REGISTER, ft, fe, c->buf->str);
		break;
	}
	}
	t->state = tr != NULL ? (int)tr->dst : to;
}

/* Log order: by line (held calls of a child are replayed late). */
static gint
by_line(gconstpointer a, gconstpointer b)
{
	const struct conform_dev *x = *(const struct conform_dev *const *)a;
	const struct conform_dev *y = *(const struct conform_dev *const *)b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

struct conform_result *
conform_check(const struct efsa_set *models, struct strace_reader *r,
    const char *name, GError **err)
{
	static const struct procs_ops ops = { on_event, on_exec, on_fork,
	    on_done };
	struct check c = { models, g_new0(struct conform_result, 1),
	    g_string_new(NULL) };
	enum procs_states states = models->states != NULL &&
	    strcmp(models->states, "stack") == 0 ? PROCS_STACK : PROCS_CONTEXT;
	bool ok;

	c.res->devs = g_ptr_array_new_with_free_func(dev_free);
	struct procs_opts o = { states, models->k > 0 ? models->k : 1, false };

	ok = procs_run(r, name, &o, &ops, &c, err);
	g_string_free(c.buf, TRUE);
	/* g_ptr_array_sort is a stable merge sort: equal lines keep the
	 * order they were found in */
	g_ptr_array_sort(c.res->devs, by_line);
	if (!ok) {
		conform_result_free(c.res);
		return NULL;
	}
	return c.res;
}
