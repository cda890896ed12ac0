/*
 * conform.c: replaying a run through learned models, process by process,
 * with efsa_step(): the run-time monitor of model-carrying code, offline.
 * Each task is in a state of the model of its image's program and holds
 * that model's registers; a deviation is recorded with the log line of
 * the call.  The checker never goes blind: after a deviation it keeps
 * the set of states the run may be in (every state, until a call narrows
 * it) and checks each later call against all of them, so every later
 * call no state allows is reported, and one odd call is reported once and
 * not as a cascade.  Registers whose values a deviation made unknown pass
 * their tests; such a call is named in the result's assumptions.
 */
#include <string.h>

#include "internal.h"
#include "trace/sockaddr.h"
#include "learn.h"
#include "trace/trace.h"

struct ctask {
	const struct efsa *a;	/* NULL: no model for the program */
	GArray *set;		/* of guint, sorted: the states the run may
				 * be in; one when known */
	struct efsa_regs *regs;
	bool *unknown;		/* per register: its value is not known
				 * (after a deviation lost the state) */
	bool counted;		/* the image was counted */
	const struct efsa *exec_from;	/* the model of the image an
					 * execve is leaving, until the
					 * execve is checked; NULL: none */
	GArray *exec_set;	/* of guint: the states it may leave from */
	const char *exec_program;	/* interned: its program */
	const char *exec_key;	/* interned: the state's key */
};

struct check {
	const struct efsa_set *m;
	struct conform_result *res;
	GString *buf;
	GPtrArray *ok, *cand;	/* step_set()'s scratch, reused by every
				 * event: no allocation per call */
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
	g_ptr_array_free(res->assumed, TRUE);
	g_free(res);
}

static void
ctask_clear(struct ctask *t)
{
	efsa_regs_free(t->regs);
	t->regs = NULL;
	g_free(t->unknown);
	t->unknown = NULL;
	g_array_set_size(t->set, 0);
	t->a = NULL;
}

/* Every register's value becomes unknown. */
static void
ctask_forget(struct ctask *t)
{
	unsigned r;

	for (r = 0; r < t->regs->n; r++)
		t->unknown[r] = true;
}

static void
set_add(GArray *set, guint s)
{
	guint i;

	for (i = 0; i < set->len; i++)
		if (g_array_index(set, guint, i) == s)
			return;
	g_array_append_val(set, s);
}

static gint
cmp_uint(gconstpointer a, gconstpointer b)
{
	guint x = *(const guint *)a, y = *(const guint *)b;

	return x < y ? -1 : x > y;
}

/* The run may be in any state of the model. */
static void
set_all(struct ctask *t)
{
	guint s;

	g_array_set_size(t->set, 0);
	for (s = 0; s < t->a->states->len; s++)
		g_array_append_val(t->set, s);
}

static void
ctask_bind(struct check *c, struct ctask *t, const struct proc *ft)
{
	int s;

	ctask_clear(t);
	t->a = efsa_set_lookup(c->m, ft->program);
	t->counted = false;
	if (t->a == NULL)
		return;
	t->regs = efsa_regs_new(t->a);
	t->unknown = g_new0(bool, t->regs->n > 0 ? t->regs->n : 1);
	s = efsa_state_by_key((struct efsa *)t->a, ft->key, false);
	if (s >= 0) {
		guint u = (guint)s;

		g_array_append_val(t->set, u);
	} else {
		set_all(t);
		ctask_forget(t);
	}
}

static void *
on_fork(void *ctx, struct proc *parent)
{
	struct ctask *t = g_new0(struct ctask, 1), *p;

	t->set = g_array_new(FALSE, FALSE, sizeof(guint));
	t->exec_set = g_array_new(FALSE, FALSE, sizeof(guint));
	if (parent == NULL)
		return t;
	p = parent->data;
	t->a = p->a;
	t->counted = p->counted;
	g_array_append_vals(t->set, p->set->data, p->set->len);
	if (p->regs != NULL) {
		t->regs = efsa_regs_copy(p->regs);
		t->unknown = g_memdup2(p->unknown, sizeof(bool) *
		    (p->regs->n > 0 ? p->regs->n : 1));
	}
	return t;
}

static void
on_exec(void *ctx, struct proc *ft)
{
	struct ctask *t = ft->data;

	/* the execve that follows is checked against the image it leaves:
	 * a model with no exec edge to the new image deviates */
	t->exec_from = t->a;
	g_array_set_size(t->exec_set, 0);
	g_array_append_vals(t->exec_set, t->set->data, t->set->len);
	t->exec_program = ft->program;
	t->exec_key = ft->key;
	ctask_clear(t);
	t->counted = false;
}

static void
on_done(void *ctx, struct proc *ft)
{
	struct ctask *t = ft->data;

	ctask_clear(t);
	g_array_free(t->set, TRUE);
	g_array_free(t->exec_set, TRUE);
	g_free(t);
}

/* What a guard allows, shortened, for a message. */
static void
describe_guard(GString *out, const struct efsa_guard *g)
{
	guint i, n = 0, max = 4;

	switch (g->kind) {
	case EFSA_GUARD_ABSENT:
		g_string_append(out, "none (NULL)");
		return;
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
		if (g->strs->len > max)
			g_string_append_printf(out, ", ... (%u in all)",
			    g->strs->len);
		for (i = 0; g->nets != NULL && i < g->nets->len && i < max;
		    i++)
			g_string_append_printf(out, "%s%s", i > 0 ? ", " :
			    " with IPs in ", (char *)g->nets->pdata[i]);
		n = g->nets != NULL ? g->nets->len : 0;
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

/* A value for a message; sa, when not NULL, the socket address it is. */
static void
describe_val(GString *out, const struct efsa_val *v,
    const struct sockaddr_info *sa)
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
		if (sa != NULL)
			sockaddr_text(out, sa);
		else
			g_string_append(out, v->str);
		break;
	}
}

static struct conform_dev *
new_dev(enum conform_kind kind, const struct proc *ft, const struct call *fe,
    const char *what)
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
	return d;
}

static void
add_dev(struct check *c, enum conform_kind kind, const struct proc *ft,
    const struct call *fe, const char *what)
{
	g_ptr_array_add(c->res->devs, new_dev(kind, ft, fe, what));
}

static const struct efsa_val none;

static const struct efsa_val *
arg_of(const struct efsa_event *ev, int src)
{
	if (src >= 0)
		return (unsigned)src < ev->nargs ? &ev->args[src] : &none;
	src = -src - 1;
	return (unsigned)src < ev->nouts ? &ev->outs[src] : &none;
}

/*
 * Whether tr accepts ev with the registers of t: its guards, and its
 * register tests, a test against registers whose values are unknown
 * passing (*assumed is then the first such test).  Fills dev with the first failure.
 */
/* Whether g holds names and prefixes, every one absolute. */
static bool
only_absolute(const struct efsa_guard *g)
{
	guint i;

	if (g->kind != EFSA_GUARD_STRINGS || g->strs->len +
	    g->prefixes->len == 0)
		return false;
	for (i = 0; i < g->strs->len; i++)
		if (((const char *)g->strs->pdata[i])[0] != '/')
			return false;
	for (i = 0; i < g->prefixes->len; i++)
		if (((const char *)g->prefixes->pdata[i])[0] != '/')
			return false;
	return true;
}

/*
 * Whether the relative name r, from some directory the log does not
 * tell, may be one of g's absolute names: r without "." and with its
 * inner "x/.." taken out leaves a tail (after the ".." that climb), and
 * some directory D makes D/r one learned name when an exact name ends
 * with that tail, or any prefix is learned (D under the prefix).  So
 * "passwd" may be "/w/x/passwd" or under "/w/", but "../../etc/" is not
 * "/tmp/w", which does not end in "etc".
 */
static bool
relative_fits(const char *r, const struct efsa_guard *g)
{
	char **parts = g_strsplit(r, "/", -1);
	GPtrArray *tail = g_ptr_array_new();
	bool fits = g->prefixes->len > 0;
	guint i, j;

	for (i = 0; parts[i] != NULL; i++) {
		if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0)
			continue;
		if (strcmp(parts[i], "..") == 0) {
			if (tail->len > 0)
				g_ptr_array_set_size(tail, tail->len - 1);
			continue;	/* (a leading ".." climbs: any D) */
		}
		g_ptr_array_add(tail, parts[i]);
	}
	for (i = 0; !fits && i < g->strs->len; i++) {
		char **sp = g_strsplit(g->strs->pdata[i], "/", -1);
		guint n = g_strv_length(sp), m = n;

		/* the name's last components, empty ones skipped */
		for (j = tail->len, fits = true; j > 0 && fits; j--) {
			while (m > 0 && sp[m - 1][0] == '\0')
				m--;
			fits = m > 0 && strcmp(sp[m - 1],
			    tail->pdata[j - 1]) == 0;
			if (m > 0)
				m--;
		}
		g_strfreev(sp);
	}
	g_ptr_array_free(tail, TRUE);
	g_strfreev(parts);
	return fits;
}

static bool
accepts(const struct ctask *t, const struct efsa_trans *tr,
    const struct call *fe, const struct efsa_event *ev,
    struct efsa_dev *dev, const struct efsa_test **assumed,
    const struct efsa_guard **placed)
{
	guint i, k;

	for (i = 0; i < tr->guards->len; i++) {
		const struct efsa_guard *g = &g_array_index(tr->guards,
		    struct efsa_guard, i);

		/* A relative name the log does not place (no -y, the
		 * working directory unknown) cannot be compared with the
		 * absolute names a model learned from logs that placed
		 * theirs: where some directory makes it one of them, taken
		 * to be, and said so. */
		if (g->arg < fe->nargs && fe->args[g->arg].unresolved &&
		    only_absolute(g) && arg_of(ev, (int)g->arg)->str != NULL &&
		    relative_fits(arg_of(ev, (int)g->arg)->str, g)) {
			if (*placed == NULL)
				*placed = g;
			continue;
		}
		if (!efsa_guard_accepts(g, arg_of(ev, (int)g->arg))) {
			dev->kind = EFSA_DEV_GUARD;
			dev->arg = g->arg;
			dev->guard = g;
			return false;
		}
	}
	for (i = 0; i < tr->tests->len; i++) {
		const struct efsa_test *x = &g_array_index(tr->tests,
		    struct efsa_test, i);
		const struct efsa_val *v = arg_of(ev, (int)x->arg);
		bool ok = false, unk = false;

		for (k = 0; k < x->regs->len && !ok; k++) {
			guint r = g_array_index(x->regs, guint, k);

			if (r >= t->regs->n)
				continue;
			if (t->unknown[r])
				unk = true;
			else
				ok = t->regs->v[r].kind != EFSA_VAL_NONE &&
				    efsa_val_equal(&t->regs->v[r], v);
		}
		if (!ok && unk) {
			if (*assumed == NULL)
				*assumed = x;
			ok = true;
		}
		if (!ok) {
			dev->kind = EFSA_DEV_REGISTER;
			dev->arg = x->arg;
			dev->test = x;
			return false;
		}
	}
	return true;
}

/* Applies tr's assignments; the registers it sets become known. */
static void
assign(struct ctask *t, const struct efsa_trans *tr,
    const struct efsa_event *ev)
{
	guint i;

	for (i = 0; i < tr->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(tr->assigns,
		    struct efsa_assign, i);
		const struct efsa_val *v = arg_of(ev, as->src);
		struct efsa_val *r;

		if (as->reg >= t->regs->n)
			continue;
		r = &t->regs->v[as->reg];
		g_free((char *)r->str);
		*r = *v;
		if (v->str != NULL)
			r->str = g_strdup(v->str);
		t->unknown[as->reg] = false;
	}
}

/* The registers tr sets become unknown (several transitions took). */
static void
assign_unknown(struct ctask *t, const struct efsa_trans *tr)
{
	guint i;

	for (i = 0; i < tr->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(tr->assigns,
		    struct efsa_assign, i);

		if (as->reg < t->regs->n)
			t->unknown[as->reg] = true;
	}
}

static void
describe_dev(struct check *c, const struct ctask *t, const struct call *fe,
    const struct efsa_event *ev, const struct efsa_dev *dev)
{
	const struct efsa_val *v;
	guint k;

	v = dev->arg < ev->nargs ? &ev->args[dev->arg] : &none;
	g_string_printf(c->buf, "argument %u of %s is ", dev->arg, fe->name);
	describe_val(c->buf, v, dev->arg < fe->nargs ?
	    fe->args[dev->arg].sa : NULL);
	if (dev->kind == EFSA_DEV_GUARD) {
		g_string_append(c->buf, ", not one learned: ");
		describe_guard(c->buf, dev->guard);
		return;
	}
	g_string_append(c->buf, ", not the value of");
	for (k = 0; k < dev->test->regs->len; k++) {
		guint r = g_array_index(dev->test->regs, guint, k);
		const struct efsa_reg *reg = g_ptr_array_index(t->a->regs, r);

		g_string_append_printf(c->buf, "%s %s (%s) = ", k > 0 ?
		    " or" : "", reg->name, reg->note != NULL ? reg->note : "");
		if (t->regs->v[r].kind == EFSA_VAL_NONE)
			g_string_append(c->buf, "unset");
		else
			describe_val(c->buf, &t->regs->v[r], NULL);
	}
}

/* The calls the model allows from the states of t, for a message. */
/* g_ptr_array_sort() passes pointers to the elements. */
static gint
cmp_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
describe_expected(GString *out, const struct ctask *t)
{
	GPtrArray *names = g_ptr_array_new();
	guint i, j, max = 6;

	for (i = 0; i < t->set->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(t->a->states,
		    g_array_index(t->set, guint, i));

		for (j = 0; j < s->out->len; j++) {
			const struct efsa_trans *tr = g_ptr_array_index(
			    t->a->trans, g_array_index(s->out, guint, j));
			guint k;

			for (k = 0; k < names->len; k++)
				if (strcmp(names->pdata[k], tr->name) == 0)
					break;
			if (k == names->len)
				g_ptr_array_add(names, tr->name);
		}
	}
	g_ptr_array_sort(names, cmp_name);
	g_string_append(out, "; expected ");
	if (names->len == 0)
		g_string_append(out, "no call");
	for (i = 0; i < names->len && i < max; i++)
		g_string_append_printf(out, "%s%s", i > 0 ? ", " : "",
		    (char *)names->pdata[i]);
	if (names->len > max)
		g_string_append_printf(out, ", ... (%u in all)", names->len);
	g_ptr_array_free(names, TRUE);
}

/*
 * One call of a task with a model.  The task may be in any of the states
 * of its set: the call is allowed when a transition from one of them
 * accepts it, and the set becomes the states those transitions lead to.
 * A call none accepts is a deviation; the set is then every state (but
 * for a call from a known state that fits one transition whose guard or
 * register test fails: the run is then where that transition leads), and
 * the next call that some transition accepts narrows it again (for
 * context models, to the state its key names), so one odd call is one
 * report and every later call no state allows is one more.
 */
static void
step_set(struct check *c, struct ctask *t, const struct proc *ft,
    const struct call *fe)
{
	struct efsa_val args[CALL_MAX_ARGS], outs[3];
	struct efsa_event ev;
	struct efsa_dev dev, d;
	const struct efsa_trans *failed = NULL;
	GPtrArray *ok = c->ok, *cand = c->cand;
	const struct efsa_test *why = NULL;
	const struct efsa_guard *why_placed = NULL;
	bool clean = false, lost = t->set->len != 1;
	guint i, j;
	int to = -1;

	g_ptr_array_set_size(ok, 0);
	g_ptr_array_set_size(cand, 0);
	memset(&dev, 0, sizeof(dev));
	call_to_event(fe, &ev, args, outs);
	if (fe->key != NULL)
		to = efsa_state_by_key((struct efsa *)t->a, fe->key, false);
	for (i = 0; (fe->key == NULL || to >= 0) && i < t->set->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(t->a->states,
		    g_array_index(t->set, guint, i));

		for (j = 0; j < s->out->len; j++) {
			const struct efsa_trans *tr = g_ptr_array_index(
			    t->a->trans, g_array_index(s->out, guint, j));
			const struct efsa_test *assumed = NULL;
			const struct efsa_guard *placed = NULL;

			if (tr->name[0] != fe->name[0] ||
			    strcmp(tr->name, fe->name) != 0 ||
			    (to >= 0 && tr->dst != (unsigned)to))
				continue;
			g_ptr_array_add(cand, (gpointer)tr);
			memset(&d, 0, sizeof(d));
			if (accepts(t, tr, fe, &ev, &d, &assumed, &placed)) {
				g_ptr_array_add(ok, (gpointer)tr);
				clean = clean || (assumed == NULL &&
				    placed == NULL);
				if (why == NULL)
					why = assumed;
				if (why_placed == NULL)
					why_placed = placed;
			} else if (failed == NULL) {
				failed = tr;
				dev = d;
			}
		}
	}
	if (ok->len > 0) {
		if (!clean && why == NULL && why_placed != NULL) {
			g_string_printf(c->buf, "%s is allowed assuming that "
			    "argument %u, the relative name ", fe->name,
			    why_placed->arg);
			describe_val(c->buf, &ev.args[why_placed->arg], NULL);
			g_string_append(c->buf, ", which the log does not "
			    "place (no -y decoration, the working directory "
			    "unknown), is one learned: ");
			describe_guard(c->buf, why_placed);
			g_ptr_array_add(c->res->assumed, new_dev(
			    CONFORM_ARGUMENT, ft, fe, c->buf->str));
		} else if (!clean) {
			const struct efsa_reg *reg = g_ptr_array_index(
			    t->a->regs, g_array_index(why->regs, guint, 0));

			g_string_printf(c->buf, "%s is allowed assuming that "
			    "argument %u is the value of %s (%s), which a "
			    "deviation made unknown", fe->name, why->arg,
			    reg->name, reg->note != NULL ? reg->note : "");
			g_ptr_array_add(c->res->assumed, new_dev(
			    CONFORM_REGISTER, ft, fe, c->buf->str));
		}
		g_array_set_size(t->set, 0);
		for (i = 0; i < ok->len; i++) {
			const struct efsa_trans *tr = ok->pdata[i];

			set_add(t->set, tr->dst);
			if (ok->len == 1)
				assign(t, tr, &ev);
			else
				assign_unknown(t, tr);
		}
		if (t->set->len > 1)
			g_array_sort(t->set, cmp_uint);
		return;
	}
	/* a deviation: reported, then the run may be in any state, with
	 * the registers unknown */
	if (fe->key != NULL && to < 0) {
		g_string_printf(c->buf, "%s leads to state \"%s\", which the "
		    "model does not have", fe->name, fe->key);
		add_dev(c, CONFORM_UNKNOWN_STATE, ft, fe, c->buf->str);
	} else if (failed != NULL) {
		describe_dev(c, t, fe, &ev, &dev);
		add_dev(c, dev.kind == EFSA_DEV_GUARD ? CONFORM_ARGUMENT :
		    CONFORM_REGISTER, ft, fe, c->buf->str);
	} else {
		if (!lost)
			g_string_printf(c->buf, "%s is not expected in state "
			    "\"%s\" (no transition %s to \"%s\")", fe->name,
			    ft->key, fe->name, fe->key != NULL ? fe->key :
			    "any state");
		else
			g_string_printf(c->buf, "%s is not expected in any "
			    "of the %u states the run may be in after a "
			    "deviation", fe->name, t->set->len);
		describe_expected(c->buf, t);
		add_dev(c, CONFORM_UNKNOWN_CALL, ft, fe, c->buf->str);
	}
	if (!lost && cand->len == 1) {
		/* from a known state the call fit one transition, only its
		 * arguments did not: the run is where that one leads */
		const struct efsa_trans *tr = cand->pdata[0];

		assign(t, tr, &ev);
		g_array_set_size(t->set, 0);
		g_array_append_val(t->set, tr->dst);
		return;
	}
	ctask_forget(t);
	set_all(t);
}

/*
 * An execve that made a new image: the image it left must have learned,
 * in one of the states it may have been in, an exec edge to the new
 * image's program.  The deviation is the old image's, at the execve.
 */
static void
check_exec(struct check *c, struct ctask *t, const struct proc *ft,
    const struct call *fe)
{
	struct conform_dev *d;
	guint i;

	if (t->exec_from == NULL || c->m->version < 2)
		return;	/* (a model file of version 1 has no exec edges) */
	for (i = 0; i < t->exec_set->len; i++)
		if (efsa_state_exec(g_ptr_array_index(t->exec_from->states,
		    g_array_index(t->exec_set, guint, i)), ft->program) !=
		    NULL)
			break;
	if (i == t->exec_set->len) {
		/* an attached process's program is "?": say what it is */
		char *who = strcmp(t->exec_program, "?") == 0 ?
		    g_strdup("the attached process (its program unknown)") :
		    g_strdup_printf("\"%s\"", t->exec_program);

		if (t->exec_set->len == 1)
			g_string_printf(c->buf, "%s runs \"%s\", which "
			    "%s was not learned to run from state \"%s\"",
			    fe->name, ft->program, who, t->exec_key);
		else
			g_string_printf(c->buf, "%s runs \"%s\", which "
			    "%s was not learned to run from any of the %u "
			    "states the run may be in", fe->name,
			    ft->program, who, t->exec_set->len);
		g_free(who);
		d = new_dev(CONFORM_EXEC, ft, fe, c->buf->str);
		g_free(d->program);
		d->program = g_strdup(t->exec_program);
		g_free(d->state);
		d->state = g_strdup(t->exec_key);
		g_ptr_array_add(c->res->devs, d);
	}
	t->exec_from = NULL;
}

static void
on_event(void *ctx, struct proc *ft, const struct call *fe)
{
	struct check *c = ctx;
	struct ctask *t = ft->data;

	c->res->calls++;
	if (fe->exec)
		check_exec(c, t, ft, fe);
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
	step_set(c, t, ft, fe);
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
	    g_string_new(NULL), g_ptr_array_new(), g_ptr_array_new() };
	enum procs_states states = models->states != NULL &&
	    strcmp(models->states, "stack") == 0 ? PROCS_STACK : PROCS_CONTEXT;
	bool ok;

	c.res->devs = g_ptr_array_new_with_free_func(dev_free);
	c.res->assumed = g_ptr_array_new_with_free_func(dev_free);
	/* names as the learner took them (learn.c) */
	struct procs_opts o = { states, models->k > 0 ? models->k : 1, false,
	    true, true };

	ok = procs_run(r, name, &o, &ops, &c, err);
	g_string_free(c.buf, TRUE);
	g_ptr_array_free(c.ok, TRUE);
	g_ptr_array_free(c.cand, TRUE);
	/* g_ptr_array_sort is a stable merge sort: equal lines keep the
	 * order they were found in */
	g_ptr_array_sort(c.res->devs, by_line);
	g_ptr_array_sort(c.res->assumed, by_line);
	if (!ok) {
		conform_result_free(c.res);
		return NULL;
	}
	return c.res;
}
