/*
 * verify.c: a policy against models.  For each rule and each model the
 * product of the model and the rule's automaton is explored by efsa_walk()
 * (automata/walk.c).  The policy's state is paired with a bit saying
 * whether an assumption was made on the way ("may").  When the graphs are
 * asked for, the walk records every move, and the part of the product
 * from which a violation can be reached is kept (backward reachability
 * over those moves), with the shortest paths of the conflicts marked, for
 * report/ to draw.
 *
 * Whether an event pattern matches a model transition is decided in three
 * values from the guards the model learned (the optimistic evaluation of
 * model-carrying code, Sekar et al., SOSP 2003):
 *   - the call's name decides the event, or the platform definitions;
 *   - an argument the model learned nothing about, a register, a result,
 *     or a variable bound by an earlier event, is unknown;
 *   - a comparison with a guard is true when every value the guard allows
 *     passes, false when none does, and unknown otherwise; "not" and
 *     "and" follow Kleene's three-valued logic.
 */
#include <string.h>

#include "internal.h"

enum tv { TV_FALSE, TV_UNKNOWN, TV_TRUE };

static enum tv
tv_not(enum tv x)
{
	return x == TV_TRUE ? TV_FALSE : x == TV_FALSE ? TV_TRUE : TV_UNKNOWN;
}

static enum tv
tv_and(enum tv x, enum tv y)
{
	if (x == TV_FALSE || y == TV_FALSE)
		return TV_FALSE;
	return x == TV_TRUE && y == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}

/* What is known of a variable: a model guard (NULL: nothing). */
struct avals {
	unsigned n;
	const struct efsa_guard **g;
	bool *set;		/* bound in this event */
};

static bool
name_eq(const char *x, const char *y)
{
	return flags_have(x, y) && strchr(x, '|') == NULL;
}

static bool
has_name(const GPtrArray *v, const char *name)
{
	guint i;

	for (i = 0; i < v->len; i++)
		if (name_eq(v->pdata[i], name))
			return true;
	return false;
}

/* Whether a guard's strings could include s, and whether all are s. */
static enum tv
guard_eq_str(const struct efsa_guard *g, const char *s)
{
	guint i;
	bool maybe = false;

	for (i = 0; i < g->strs->len; i++)
		if (strcmp(g->strs->pdata[i], s) == 0)
			maybe = true;
	for (i = 0; i < g->prefixes->len; i++)
		if (strncmp(s, g->prefixes->pdata[i],
		    strlen(g->prefixes->pdata[i])) == 0)
			maybe = true;
	if (!maybe)
		return TV_FALSE;
	return g->strs->len == 1 && g->prefixes->len == 0 ? TV_TRUE :
	    TV_UNKNOWN;
}

static enum tv
guard_glob(const struct efsa_guard *g, const char *pat)
{
	bool all = true, none = true, star_only;
	size_t fixed = glob_fixed_prefix(pat, &star_only);
	guint i;

	for (i = 0; i < g->strs->len; i++) {
		if (glob_match(pat, g->strs->pdata[i]))
			none = false;
		else
			all = false;
	}
	for (i = 0; i < g->prefixes->len; i++) {
		const char *p = g->prefixes->pdata[i];
		size_t n = strlen(p);

		/* the prefix's strings all match "FIXED**" when they begin
		 * with FIXED; none can when neither begins the other */
		if (star_only && n >= fixed && strncmp(p, pat, fixed) == 0) {
			none = false;
			continue;
		}
		all = false;
		if (strncmp(p, pat, MIN(n, fixed)) == 0)
			none = false;
	}
	return all ? TV_TRUE : none ? TV_FALSE : TV_UNKNOWN;
}

static void
int_bounds(const struct efsa_guard *g, int64_t *lo, int64_t *hi)
{
	if (g->kind == EFSA_GUARD_RANGE) {
		*lo = g->lo;
		*hi = g->hi;
	} else {
		*lo = g_array_index(g->ints, int64_t, 0);
		*hi = g_array_index(g->ints, int64_t, g->ints->len - 1);
	}
}

/* A comparison of what a guard allows with a literal term. */
static enum tv
guard_cmp(const struct efsa_guard *g, enum cmp_op op, const struct term *t)
{
	enum tv eq;
	int64_t lo, hi;
	guint i;

	switch (op) {
	case OP_EQ:
	case OP_NE:
		if (g->kind == EFSA_GUARD_STRINGS && t->kind == TERM_STR)
			eq = guard_eq_str(g, t->s);
		else if (g->kind == EFSA_GUARD_FLAGS && t->kind == TERM_NAME)
			eq = !has_name(g->strs, t->s) ? TV_FALSE :
			    g->strs->len == 1 ? TV_TRUE : TV_UNKNOWN;
		else if ((g->kind == EFSA_GUARD_INTS ||
		    g->kind == EFSA_GUARD_RANGE) && t->kind == TERM_INT) {
			if (g->kind == EFSA_GUARD_INTS && g->ints->len == 0)
				return TV_UNKNOWN;
			int_bounds(g, &lo, &hi);
			if (t->n < lo || t->n > hi)
				eq = TV_FALSE;
			else if (lo == hi)
				eq = TV_TRUE;
			else if (g->kind == EFSA_GUARD_INTS) {
				eq = TV_FALSE;
				for (i = 0; i < g->ints->len; i++)
					if (g_array_index(g->ints, int64_t,
					    i) == t->n)
						eq = TV_UNKNOWN;
			} else
				eq = TV_UNKNOWN;
		} else
			eq = TV_UNKNOWN;
		return op == OP_EQ ? eq : tv_not(eq);
	case OP_GLOB:
		if (g->kind != EFSA_GUARD_STRINGS || t->kind != TERM_STR)
			return TV_UNKNOWN;
		return guard_glob(g, t->s);
	case OP_HAS:
		if (g->kind != EFSA_GUARD_FLAGS || t->kind != TERM_NAME)
			return TV_UNKNOWN;
		if (!has_name(g->strs, t->s))
			return TV_FALSE;
		return g->strs->len == 1 ? TV_TRUE : TV_UNKNOWN;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if ((g->kind != EFSA_GUARD_INTS && g->kind != EFSA_GUARD_RANGE)
		    || t->kind != TERM_INT || (g->kind == EFSA_GUARD_INTS &&
		    g->ints->len == 0))
			return TV_UNKNOWN;
		int_bounds(g, &lo, &hi);
		switch (op) {
		case OP_LT:
			return hi < t->n ? TV_TRUE : lo >= t->n ? TV_FALSE :
			    TV_UNKNOWN;
		case OP_LE:
			return hi <= t->n ? TV_TRUE : lo > t->n ? TV_FALSE :
			    TV_UNKNOWN;
		case OP_GT:
			return lo > t->n ? TV_TRUE : hi <= t->n ? TV_FALSE :
			    TV_UNKNOWN;
		default:
			return lo >= t->n ? TV_TRUE : hi < t->n ? TV_FALSE :
			    TV_UNKNOWN;
		}
	}
	return TV_UNKNOWN;
}

static bool
is_literal(const struct term *t)
{
	return t->kind == TERM_STR || t->kind == TERM_INT ||
	    t->kind == TERM_NAME;
}

static enum cmp_op
flip(enum cmp_op op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

static enum tv
cond_tv(const struct cond *c, const struct avals *av)
{
	const struct term *var, *lit;

	if (c == NULL)
		return TV_TRUE;
	switch (c->kind) {
	case COND_AND:
		return tv_and(cond_tv(c->l, av), cond_tv(c->r, av));
	case COND_NOT:
		return tv_not(cond_tv(c->l, av));
	case COND_CMP:
		break;
	}
	if (c->a.kind == TERM_VAR && is_literal(&c->b)) {
		var = &c->a;
		lit = &c->b;
	} else if (c->b.kind == TERM_VAR && is_literal(&c->a) &&
	    c->op != OP_GLOB && c->op != OP_HAS) {
		var = &c->b;
		lit = &c->a;
		if (var->var < av->n && av->set[var->var] &&
		    av->g[var->var] != NULL)
			return guard_cmp(av->g[var->var], flip(c->op), lit);
		return TV_UNKNOWN;
	} else {
		return TV_UNKNOWN;
	}
	if (var->var < av->n && av->set[var->var] && av->g[var->var] != NULL)
		return guard_cmp(av->g[var->var], c->op, lit);
	return TV_UNKNOWN;
}

/*
 * Applies an argument term to what the model knows of an argument.  A
 * variable an earlier event of the rule binds (first[] says which event
 * binds it first; NULL in platform definitions) must take the same value:
 * the walk does not carry values, so that is unknown.
 */
static enum tv
arg_tv(const struct term *t, const struct efsa_guard *g, struct avals *av,
    const int *first, int ev)
{
	switch (t->kind) {
	case TERM_ANY:
		return TV_TRUE;
	case TERM_VAR:
		if (av->set[t->var])
			return TV_UNKNOWN;	/* unify: not tracked */
		av->set[t->var] = true;
		av->g[t->var] = g;
		if (first != NULL && first[t->var] != ev)
			return TV_UNKNOWN;
		return TV_TRUE;
	default:
		return g != NULL ? guard_cmp(g, OP_EQ, t) : TV_UNKNOWN;
	}
}

static void
avals_init(struct avals *av, unsigned n)
{
	av->n = n;
	av->g = g_new0(const struct efsa_guard *, n + 1);
	av->set = g_new0(bool, n + 1);
}

static void
avals_clear(struct avals *av)
{
	g_free(av->g);
	g_free(av->set);
}

/* Whether event e (number ev of rule r) matches transition t, in three
 * values. */
static enum tv
event_tv(const struct prule *rule, int ev, const struct efsa_trans *t)
{
	const struct pevent *e = rule->events->pdata[ev];
	unsigned nvars = rule->vars->len;
	struct avals av;
	enum tv r = TV_FALSE, x;
	unsigned i, k;

	if (e->defs == NULL) {
		if (strcmp(t->name, e->call) != 0)
			return TV_FALSE;
		avals_init(&av, nvars);
		x = TV_TRUE;
		for (i = 0; i < e->nargs; i++)
			x = tv_and(x, arg_tv(&e->args[i], efsa_trans_guard(t,
			    i), &av, rule->first, ev));
		x = tv_and(x, cond_tv(e->cond, &av));
		avals_clear(&av);
		return x;
	}
	for (k = 0; k < e->defs->len && r != TV_TRUE; k++) {
		const struct pdef *d = e->defs->pdata[k];
		struct avals local;

		if (strcmp(t->name, d->call) != 0)
			continue;
		avals_init(&local, d->nvars);
		x = TV_TRUE;
		for (i = 0; i < d->nargs; i++)
			x = tv_and(x, arg_tv(&d->args[i], efsa_trans_guard(t,
			    i), &local, NULL, 0));
		if (d->ret_var >= 0)
			local.set[d->ret_var] = true;	/* unknown */
		x = tv_and(x, cond_tv(d->cond, &local));
		if (x != TV_FALSE) {
			avals_init(&av, nvars);
			for (i = 0; i < e->nargs; i++)
				x = tv_and(x, arg_tv(&e->args[i],
				    local.set[d->params[i]] ?
				    local.g[d->params[i]] : NULL, &av, rule->first,
				    ev));
			x = tv_and(x, cond_tv(e->cond, &av));
			avals_clear(&av);
		}
		avals_clear(&local);
		if (x == TV_TRUE || (x == TV_UNKNOWN && r == TV_FALSE))
			r = x;
	}
	return r;
}

/* The walk's context: one rule against one model. */
struct vctx {
	const struct policy *p;
	const struct prule *rule;
	GPtrArray *by_trans;	/* per transition: GArray of notes */
	GByteArray *mention;	/* per transition: 0 unknown, 1 no, 2 yes */
	GPtrArray *records;	/* of struct record *, note - 1 */
};

struct record {
	int ev;
	unsigned trans;
	enum tv tv;		/* how event ev matches transition trans */
};

static void
array_free_null(gpointer p)
{
	if (p != NULL)
		g_array_free(p, TRUE);
}

/*
 * The record of event ev on model transition t: how it matches, computed
 * once (it depends on neither state), and the note a move carries (the
 * record's index + 1).  Per transition, its records are kept in a small
 * list, since a transition meets few of the rule's events.
 */
static uint32_t
record_of(struct vctx *v, int ev, const struct efsa_trans *t, enum tv *tv)
{
	GArray *list;
	struct record *r;
	guint i;
	guint32 n;

	if (v->by_trans->len <= t->id)
		g_ptr_array_set_size(v->by_trans, (gint)t->id + 1);
	list = g_ptr_array_index(v->by_trans, t->id);
	if (list == NULL) {
		list = g_array_new(FALSE, FALSE, sizeof(guint32));
		v->by_trans->pdata[t->id] = list;
	}
	for (i = 0; i < list->len; i++) {
		n = g_array_index(list, guint32, i);
		r = v->records->pdata[n - 1];
		if (r->ev == ev) {
			*tv = r->tv;
			return n;
		}
	}
	r = g_new0(struct record, 1);
	r->ev = ev;
	r->trans = t->id;
	r->tv = event_tv(v->rule, ev, t);
	g_ptr_array_add(v->records, r);
	n = v->records->len;
	g_array_append_val(list, n);
	*tv = r->tv;
	return n;
}

/* Whether the policy examines the call of transition t, known once. */
static bool
mentioned(struct vctx *v, const struct efsa_trans *t)
{
	if (v->mention->len <= t->id) {
		guint old = v->mention->len;

		g_byte_array_set_size(v->mention, t->id + 1);
		memset(v->mention->data + old, 0, t->id + 1 - old);
	}
	if (v->mention->data[t->id] == 0)
		v->mention->data[t->id] = policy_mentions(v->p, t->name) ?
		    2 : 1;
	return v->mention->data[t->id] == 2;
}

static void
step(void *ctx, const struct efsa *a, const struct efsa_trans *t,
    uint32_t other, void (*emit)(void *w, uint32_t o2, uint32_t note),
    void *w)
{
	struct vctx *v = ctx;
	unsigned ps = other >> 1, may = other & 1;
	GArray *out;
	guint k;

	if (!mentioned(v, t)) {
		emit(w, other, 0);
		return;
	}
	out = v->rule->out[ps];
	for (k = 0; k < out->len; k++) {
		const struct ptrans *pt = &g_array_index(out, struct ptrans, k);
		enum tv x;
		uint32_t note;

		if (pt->label == LABEL_ANY) {
			emit(w, (pt->dst << 1) | may, 0);
			continue;
		}
		note = record_of(v, pt->label, t, &x);
		if (x == TV_TRUE)
			emit(w, (pt->dst << 1) | may, note);
		else if (x == TV_UNKNOWN)
			emit(w, (pt->dst << 1) | 1, note);
	}
}

static bool
interesting(void *ctx, uint32_t other)
{
	const struct vctx *v = ctx;

	return v->rule->accepting[other >> 1];
}

/* The guard of the call's argument that event argument i stands for. */
static const struct efsa_guard *
event_arg_guard(const struct pevent *e, unsigned i, const struct efsa_trans *t)
{
	unsigned k, a;

	if (e->defs == NULL)
		return efsa_trans_guard(t, i);
	for (k = 0; k < e->defs->len; k++) {
		const struct pdef *d = e->defs->pdata[k];

		if (strcmp(d->call, t->name) != 0 || i >= d->nparams)
			continue;
		for (a = 0; a < d->nargs; a++)
			if (d->args[a].kind == TERM_VAR &&
			    d->args[a].var == d->params[i])
				return efsa_trans_guard(t, a);
	}
	return NULL;
}

static char *
advice_for(const struct policy *p, const struct prule *r,
    const struct pevent *e, const struct efsa_trans *t)
{
	GString *s = g_string_new(NULL);
	unsigned i;

	if (p->apparmor && g_str_has_suffix(r->name, "Relative")) {
		g_string_printf(s, "record the run with strace -y, or give %s "
		    "an absolute name", t->name);
		return g_string_free(s, FALSE);
	}
	if (p->apparmor && e->nargs == 1 && strstr(r->name, "NotAllowed")) {
		const struct efsa_guard *g = event_arg_guard(e, 0, t);
		const char *perm = strcmp(r->name, "ReadNotAllowed") == 0 ?
		    "r" : strcmp(r->name, "WriteNotAllowed") == 0 ? "w" :
		    strcmp(r->name, "ExecNotAllowed") == 0 ? "ix" : NULL;

		if (perm != NULL && g != NULL && g->kind == EFSA_GUARD_STRINGS &&
		    g->strs->len + g->prefixes->len == 1) {
			if (g->strs->len == 1)
				g_string_printf(s, "add the rule \"%s %s,\" to "
				    "the profile", (char *)g->strs->pdata[0],
				    perm);
			else
				g_string_printf(s, "add the rule \"%s** %s,\" "
				    "to the profile",
				    (char *)g->prefixes->pdata[0], perm);
			return g_string_free(s, FALSE);
		}
		if (strcmp(r->name, "NetworkNotAllowed") != 0) {
			g_string_printf(s, "add a rule for the file %s names "
			    "to the profile", t->name);
			return g_string_free(s, FALSE);
		}
	}

	for (i = 0; i < e->nargs; i++) {
		const struct efsa_guard *g = event_arg_guard(e, i, t);

		if (e->args[i].kind != TERM_VAR || g == NULL ||
		    g->kind != EFSA_GUARD_STRINGS)
			continue;
		if (g->strs->len == 1 && g->prefixes->len == 0) {
			g_string_printf(s, "add \"&& %s != \\\"%s\\\"\" to the "
			    "condition of ", (char *)r->vars->pdata[
			    e->args[i].var], (char *)g->strs->pdata[0]);
			break;
		}
		if (g->strs->len == 0 && g->prefixes->len == 1) {
			g_string_printf(s, "add \"&& !(%s ~ \\\"%s*\\\")\" to the "
			    "condition of ", (char *)r->vars->pdata[
			    e->args[i].var], (char *)g->prefixes->pdata[0]);
			break;
		}
	}
	if (s->len == 0)
		g_string_append(s, "narrow the condition of ");
	pevent_text(s, r, e, false);
	g_string_append_printf(s, " so that it does not hold for %s", t->name);
	return g_string_free(s, FALSE);
}

static void
conflict_free(gpointer p)
{
	struct verify_conflict *c = p;

	g_array_free(c->path, TRUE);
	g_ptr_array_free(c->assumed, TRUE);
	g_free(c->advice);
	g_free(c);
}

static void
graph_free(gpointer p)
{
	struct verify_graph *g = p;

	g_array_free(g->nodes, TRUE);
	g_array_free(g->edges, TRUE);
	g_free(g);
}

void
verify_result_free(struct verify_result *res)
{
	if (res == NULL)
		return;
	g_ptr_array_free(res->conflicts, TRUE);
	if (res->graphs != NULL)
		g_ptr_array_free(res->graphs, TRUE);
	g_free(res);
}

/* Sorting the nodes kept: by model state, rule state, then may. */
static gint
node_cmp(gconstpointer x, gconstpointer y, gpointer nodes)
{
	const struct efsa_walk_node *wn = nodes;
	const struct efsa_walk_node *a = &wn[*(const guint *)x];
	const struct efsa_walk_node *b = &wn[*(const guint *)y];

	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->other != b->other)
		return a->other < b->other ? -1 : 1;
	return 0;
}

static int
edge_cmp(const void *x, const void *y)
{
	const struct verify_edge *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->trans != b->trans)
		return a->trans < b->trans ? -1 : 1;
	return 0;
}

/*
 * The part of the walk w that leads to a violation (efsa_walk_coreach()),
 * renumbered in sorted order, with the shortest paths of the conflicts
 * reported (hit nodes in cnodes) marked.  Node keys (model state, other)
 * are unique in a walk, so the sort needs no tie-break.
 */
static struct verify_graph *
graph_of(const struct efsa_walk_result *w, const struct vctx *v,
    const struct efsa *a, unsigned ri, const GArray *cnodes)
{
	struct verify_graph *g = g_new0(struct verify_graph, 1);
	bool *keep = efsa_walk_coreach(w);
	guint n = w->nodes->len, i, k;
	GArray *order = g_array_new(FALSE, FALSE, sizeof(guint));
	guint *index = g_new(guint, n + 1);
	const struct efsa_walk_node *wn = (const struct efsa_walk_node *)
	    (void *)w->nodes->data;
	GArray *edges;

	g->rule = ri;
	g->model = a;
	g->nodes = g_array_new(FALSE, FALSE, sizeof(struct verify_node));
	edges = g_array_new(FALSE, FALSE, sizeof(struct verify_edge));
	for (i = 0; i < n; i++)
		if (keep[i])
			g_array_append_val(order, i);
	g_array_sort_with_data(order, node_cmp, (gpointer)wn);
	for (i = 0; i < n; i++)
		index[i] = G_MAXUINT;
	for (i = 0; i < order->len; i++) {
		guint o = g_array_index(order, guint, i);
		const struct efsa_walk_node *x = &wn[o];
		struct verify_node node = { x->m, x->other >> 1, x->other & 1,
		    x->pred < 0, v->rule->accepting[x->other >> 1], false };

		index[o] = i;
		g_array_append_val(g->nodes, node);
	}
	/* A move into a kept node comes from a kept node. */
	for (i = 0; i < w->edges->len; i++) {
		const struct efsa_walk_edge *e = &g_array_index(w->edges,
		    struct efsa_walk_edge, i);
		const struct record *r;
		struct verify_edge ve;

		if (!keep[e->to])
			continue;
		r = e->note > 0 ? v->records->pdata[e->note - 1] : NULL;
		ve.from = index[e->from];
		ve.to = index[e->to];
		ve.trans = (guint)e->trans;
		ve.may = r != NULL && r->tv == TV_UNKNOWN;
		ve.path = false;
		g_array_append_val(edges, ve);
	}
	g_array_sort(edges, edge_cmp);
	g->edges = g_array_new(FALSE, FALSE, sizeof(struct verify_edge));
	for (i = 0; i < edges->len; i++) {
		const struct verify_edge *e = &g_array_index(edges,
		    struct verify_edge, i);
		struct verify_edge *last = g->edges->len == 0 ? NULL :
		    &g_array_index(g->edges, struct verify_edge,
		    g->edges->len - 1);

		if (last != NULL && edge_cmp(last, e) == 0)
			last->may &= e->may;
		else
			g_array_append_val(g->edges, *e);
	}
	g_array_free(edges, TRUE);
	for (k = 0; k < cnodes->len; k++) {
		int cur = (int)g_array_index(cnodes, guint, k);

		for (; cur >= 0; cur = wn[cur].pred) {
			struct verify_edge key, *e;

			g_array_index(g->nodes, struct verify_node,
			    index[cur]).path = true;
			if (wn[cur].pred < 0)
				break;
			key.from = index[wn[cur].pred];
			key.to = index[cur];
			key.trans = (guint)wn[cur].trans;
			e = bsearch(&key, g->edges->data, g->edges->len,
			    sizeof(struct verify_edge), edge_cmp);
			g_assert(e != NULL);
			e->path = true;
		}
	}
	g_array_free(order, TRUE);
	g_free(index);
	g_free(keep);
	return g;
}

static void
verify_rule(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, struct verify_result *res)
{
	static const struct efsa_walk_ops ops = {
		.step = step, .interesting = interesting,
	};
	static const struct efsa_walk_ops ops_edges = {
		.step = step, .interesting = interesting, .edges = true,
	};
	const struct prule *rule = p->rules->pdata[ri];
	struct vctx v = { p, rule, g_ptr_array_new_with_free_func(
	    array_free_null), g_byte_array_new(),
	    g_ptr_array_new_with_free_func(g_free) };
	struct efsa_walk_result *w = efsa_walk(a, rule->start << 1,
	    opts->graph ? &ops_edges : &ops, &v, opts->limit);
	GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
	/* the hit node of each conflict this rule and model add */
	GArray *cnodes = g_array_new(FALSE, FALSE, sizeof(guint));
	guint base = res->conflicts->len;
	guint h, k;

	res->explored += w->nodes->len;
	res->truncated |= w->truncated;
	for (h = 0; h < w->hits->len; h++) {
		guint node = g_array_index(w->hits, guint, h);
		const struct efsa_walk_node *n = &g_array_index(w->nodes,
		    struct efsa_walk_node, node);
		struct verify_conflict *c, *old = NULL;
		GArray *path;
		gpointer prev = NULL;

		if (n->trans < 0)
			continue;	/* the empty run matches: no call */
		/* one conflict per completing transition: the first (the
		 * shortest), or a later one that needs no assumption */
		if (g_hash_table_lookup_extended(done, GINT_TO_POINTER(n->trans),
		    NULL, &prev)) {
			old = res->conflicts->pdata[GPOINTER_TO_UINT(prev)];
			if (!old->may || (n->other & 1))
				continue;
		}
		c = g_new0(struct verify_conflict, 1);
		c->rule = ri;
		c->model = a;
		c->may = n->other & 1;
		c->assumed = g_ptr_array_new_with_free_func(g_free);
		c->path = g_array_new(FALSE, FALSE, sizeof(guint));
		path = efsa_walk_path(w, node);
		for (k = 0; k < path->len; k++) {
			const struct efsa_walk_node *x = &g_array_index(
			    w->nodes, struct efsa_walk_node,
			    g_array_index(path, guint, k));
			guint tid = (guint)x->trans;

			g_array_append_val(c->path, tid);
			if (x->note > 0) {
				const struct record *r =
				    v.records->pdata[x->note - 1];
				const struct efsa_trans *t =
				    g_ptr_array_index(a->trans, r->trans);
				GString *s;

				if (r->tv != TV_UNKNOWN)
					continue;
				s = g_string_new(NULL);
				pevent_text(s, rule, rule->events->pdata[r->ev],
				    false);
				g_string_append_printf(s, " at %s (s%u -> s%u): "
				    "the model does not tell whether it holds",
				    t->name, t->src, t->dst);
				g_ptr_array_add(c->assumed,
				    g_string_free(s, FALSE));
			}
		}
		{
			const struct efsa_walk_node *last = &g_array_index(
			    w->nodes, struct efsa_walk_node, node);
			const struct record *r = last->note > 0 ?
			    v.records->pdata[last->note - 1] : NULL;
			const struct efsa_trans *t = g_ptr_array_index(a->trans,
			    last->trans);

			c->advice = r != NULL ? advice_for(p, rule,
			    rule->events->pdata[r->ev], t) : g_strdup_printf(
			    "the pattern matches any %s here: narrow it",
			    t->name);
		}
		g_array_free(path, TRUE);
		if (old != NULL) {
			conflict_free(old);
			res->conflicts->pdata[GPOINTER_TO_UINT(prev)] = c;
			g_array_index(cnodes, guint, GPOINTER_TO_UINT(prev) -
			    base) = node;
			continue;
		}
		g_hash_table_insert(done, GINT_TO_POINTER(n->trans),
		    GUINT_TO_POINTER(res->conflicts->len));
		g_ptr_array_add(res->conflicts, c);
		g_array_append_val(cnodes, node);
	}
	if (opts->graph && cnodes->len > 0)
		g_ptr_array_add(res->graphs, graph_of(w, &v, a, ri, cnodes));
	g_array_free(cnodes, TRUE);
	g_hash_table_destroy(done);
	g_ptr_array_free(v.by_trans, TRUE);
	g_byte_array_free(v.mention, TRUE);
	g_ptr_array_free(v.records, TRUE);
	efsa_walk_result_free(w);
}

struct verify_result *
policy_verify_with(const struct policy *p, const struct efsa_set *models,
    const struct verify_opts *opts)
{
	static const struct verify_opts defaults = { 0 };
	struct verify_result *res = g_new0(struct verify_result, 1);
	guint m, r;

	if (opts == NULL)
		opts = &defaults;
	res->conflicts = g_ptr_array_new_with_free_func(conflict_free);
	if (opts->graph)
		res->graphs = g_ptr_array_new_with_free_func(graph_free);
	for (m = 0; m < models->models->len; m++)
		for (r = 0; r < p->rules->len; r++)
			verify_rule(p, r, g_ptr_array_index(models->models, m),
			    opts, res);
	return res;
}

struct verify_result *
policy_verify(const struct policy *p, const struct efsa_set *models,
    uint64_t limit)
{
	const struct verify_opts opts = { .limit = limit };

	return policy_verify_with(p, models, &opts);
}
