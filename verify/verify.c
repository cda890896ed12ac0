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
 *     "and" follow Kleene's three-valued logic;
 *   - a condition on a learned set of names and prefixes is decided one
 *     element at a time, a pattern over a prefix exactly
 *     (glob_prefix_decide()), so that it is unknown only when the model
 *     really allows values on both sides.
 * An assumption names the comparisons left unknown, the argument and its
 * learned set; a fix is printed only after the product was walked again
 * with it and the conflict was gone.
 */
#include <inttypes.h>
#include <string.h>

#include "automata/netrange.h"
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
#define AVALS_INLINE 16

struct avals {
	unsigned n;
	const struct efsa_guard **g;
	bool *set;		/* bound in this event */
	const int64_t *iv;	/* per counter of the policy: lo, hi; NULL
				 * when the rule reads none */
	/* room for the variables of most rules, so that deciding an
	 * event allocates nothing */
	const struct efsa_guard *g_in[AVALS_INLINE];
	bool set_in[AVALS_INLINE];
};

/* Counters as intervals: INT64_MIN and INT64_MAX stand for the
 * infinities. */
#define NEG_INF INT64_MIN
#define POS_INF INT64_MAX

/* A counter's interval [lo, hi] against a number, in three values. */
static enum tv
ival_cmp(int64_t lo, int64_t hi, enum cmp_op op, int64_t n)
{
	switch (op) {
	case OP_EQ:
		return n < lo || n > hi ? TV_FALSE : lo == hi ? TV_TRUE :
		    TV_UNKNOWN;
	case OP_NE:
		return tv_not(ival_cmp(lo, hi, OP_EQ, n));
	case OP_LT:
		return hi < n ? TV_TRUE : lo >= n ? TV_FALSE : TV_UNKNOWN;
	case OP_LE:
		return hi <= n ? TV_TRUE : lo > n ? TV_FALSE : TV_UNKNOWN;
	case OP_GT:
		return lo > n ? TV_TRUE : hi <= n ? TV_FALSE : TV_UNKNOWN;
	case OP_GE:
		return lo >= n ? TV_TRUE : hi < n ? TV_FALSE : TV_UNKNOWN;
	default:
		return TV_UNKNOWN;
	}
}

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
		if (efsa_prefix_accepts(g->prefixes->pdata[i], s))
			maybe = true;
	if (!maybe)
		return TV_FALSE;
	return g->strs->len == 1 && g->prefixes->len == 0 ? TV_TRUE :
	    TV_UNKNOWN;
}

/* Every learned string and every name under a learned prefix against
 * the pattern (glob_prefix_decide()). */
static enum tv
guard_glob(const struct efsa_guard *g, const char *pat)
{
	bool all = true, none = true;
	guint i;

	for (i = 0; i < g->strs->len; i++) {
		if (glob_match(pat, g->strs->pdata[i]))
			none = false;
		else
			all = false;
	}
	for (i = 0; i < g->prefixes->len && (all || none); i++) {
		switch (glob_prefix_decide(pat, g->prefixes->pdata[i])) {
		case GLOB_ALL:
			none = false;
			break;
		case GLOB_NONE:
			all = false;
			break;
		default:
			all = none = false;
			break;
		}
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

	/* a comparison with no value is false, whatever the operator
	 * (eval.c) */
	if (g->kind == EFSA_GUARD_ABSENT)
		return TV_FALSE;
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
	case OP_IN:
		return TV_UNKNOWN;	/* only an address's IP is in a range */
	}
	return TV_UNKNOWN;
}

/*
 * An address's IP against a range (op in, == or !=, as eval.c's
 * net_holds: all three false for an address without an IP), from the
 * families and ranges a model learned of it.
 */
static enum tv
guard_net(const struct efsa_guard *g, enum cmp_op op, const char *text)
{
	struct sockaddr_net net, n;
	bool ip_fam = false, other = false, all = true, none = true;
	enum tv ip;
	guint i;

	if (g->kind == EFSA_GUARD_ABSENT)
		return TV_FALSE;
	if (g->kind != EFSA_GUARD_FLAGS ||
	    !sockaddr_net_parse(text, strlen(text), &net))
		return TV_UNKNOWN;
	for (i = 0; i < g->strs->len; i++) {
		const char *f = g->strs->pdata[i];

		if (strcmp(f, "AF_INET") == 0 || strcmp(f, "AF_INET6") == 0)
			ip_fam = true;
		else
			other = true;
	}
	if (!ip_fam)
		return TV_FALSE;
	if (g->nets == NULL || g->nets->len == 0)
		return TV_UNKNOWN;
	for (i = 0; i < g->nets->len; i++) {
		const char *t = g->nets->pdata[i];

		if (!sockaddr_net_parse(t, strlen(t), &n))
			return TV_UNKNOWN;
		all &= sockaddr_net_within(&n, &net);
		none &= !sockaddr_net_meets(&n, &net);
	}
	if (op == OP_NE)
		ip = none ? TV_TRUE : all ? TV_FALSE : TV_UNKNOWN;
	else
		ip = all ? TV_TRUE : none ? TV_FALSE : TV_UNKNOWN;
	return other && ip != TV_FALSE ? TV_UNKNOWN : ip;
}

/* Whether a value a guard allows may have the field (sockaddr.c: a
 * port for IP families, a path for unix ones, pid and groups for
 * netlink); true for a family it does not know. */
static bool
field_possible(const struct efsa_guard *g, enum term_field f)
{
	static const struct {
		const char *family;
		enum term_field field[2];
	} has[] = {
		{ "AF_INET", { FIELD_IP, FIELD_PORT } },
		{ "AF_INET6", { FIELD_IP, FIELD_PORT } },
		{ "AF_UNIX", { FIELD_PATH, FIELD_PATH } },
		{ "AF_LOCAL", { FIELD_PATH, FIELD_PATH } },
		{ "AF_NETLINK", { FIELD_PID, FIELD_GROUPS } },
	};
	guint i, k;

	if (g->kind == EFSA_GUARD_ABSENT)
		return false;
	if (g->kind != EFSA_GUARD_FLAGS)
		return true;
	for (i = 0; i < g->strs->len; i++) {
		for (k = 0; k < G_N_ELEMENTS(has); k++)
			if (strcmp(g->strs->pdata[i], has[k].family) == 0)
				break;
		if (k == G_N_ELEMENTS(has) || has[k].field[0] == f ||
		    has[k].field[1] == f)
			return true;
	}
	return false;
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
	case COND_FILE:
		/* a model keeps no files' state: assumed (files.c) */
		return TV_UNKNOWN;
	case COND_CMP:
		break;
	}
	if ((c->a.kind == TERM_COUNTER && c->b.kind == TERM_INT) ||
	    (c->b.kind == TERM_COUNTER && c->a.kind == TERM_INT)) {
		bool left = c->a.kind == TERM_COUNTER;
		unsigned k = left ? c->a.var : c->b.var;

		if (av->iv == NULL)
			return TV_UNKNOWN;
		return ival_cmp(av->iv[2 * k], av->iv[2 * k + 1], left ? c->op :
		    flip(c->op), left ? c->b.n : c->a.n);
	}
	if (c->a.kind == TERM_NET || c->b.kind == TERM_NET) {
		var = c->b.kind == TERM_NET ? &c->a : &c->b;
		lit = c->b.kind == TERM_NET ? &c->b : &c->a;
		if (var->kind != TERM_VAR || (var->field != FIELD_IP &&
		    var->field != FIELD_NONE) || (c->op != OP_IN &&
		    c->op != OP_EQ && c->op != OP_NE))
			return TV_UNKNOWN;
		if (var->var < av->n && av->set[var->var] &&
		    av->g[var->var] != NULL)
			return guard_net(av->g[var->var], c->op, lit->s);
		return TV_UNKNOWN;
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
	/* a model learns an address's family and IP, not its other
	 * fields: a comparison with one is false only where no learned
	 * family has the field (eval.c: false without a value) */
	if (var->field != FIELD_NONE && var->field != FIELD_FAMILY)
		return var->var < av->n && av->set[var->var] &&
		    av->g[var->var] != NULL && !field_possible(av->g[var->var],
		    var->field) ? TV_FALSE : TV_UNKNOWN;
	if (var->var < av->n && av->set[var->var] && av->g[var->var] != NULL)
		return guard_cmp(av->g[var->var], c->op, lit);
	return TV_UNKNOWN;
}

/*
 * A condition over learned string sets, decided one learned element at a
 * time: a guard is a union of exact strings and prefixes, so the
 * condition holds for all the values when it holds for all of every
 * element, for none when for none of any.  Within one exact string every
 * comparison is decided; comparisons of one variable with several
 * patterns stay three-valued only within one prefix.  Variables are split
 * in turn, up to SPLIT_MAX evaluations; past that, Kleene's logic over
 * the whole sets.
 */
#define SPLIT_MAX 512

static unsigned
guard_elements(const struct efsa_guard *g)
{
	return g->kind == EFSA_GUARD_STRINGS ? g->strs->len +
	    g->prefixes->len : 0;
}

/* The first variable c reads that is bound to a set of several
 * elements, or -1. */
static int
cond_split_var(const struct cond *c, const struct avals *av)
{
	int v;

	if (c == NULL)
		return -1;
	if (c->kind != COND_CMP) {
		if ((v = cond_split_var(c->l, av)) >= 0)
			return v;
		return cond_split_var(c->r, av);
	}
	if (c->a.kind == TERM_VAR && c->a.var < av->n && av->set[c->a.var] &&
	    av->g[c->a.var] != NULL && guard_elements(av->g[c->a.var]) > 1)
		return (int)c->a.var;
	if (c->b.kind == TERM_VAR && c->b.var < av->n && av->set[c->b.var] &&
	    av->g[c->b.var] != NULL && guard_elements(av->g[c->b.var]) > 1)
		return (int)c->b.var;
	return -1;
}

/* Makes strs and prefixes (a one-element guard's) hold g's element i
 * alone: its exact strings first, then its prefixes. */
static void
element_only(const struct efsa_guard *g, guint i, GPtrArray *strs,
    GPtrArray *prefixes)
{
	g_ptr_array_set_size(strs, 0);
	g_ptr_array_set_size(prefixes, 0);
	if (i < g->strs->len)
		g_ptr_array_add(strs, g->strs->pdata[i]);
	else
		g_ptr_array_add(prefixes, g->prefixes->pdata[i - g->strs->len]);
}

static enum tv
cond_tv_split(const struct cond *c, struct avals *av, unsigned *budget)
{
	const struct efsa_guard *g;
	struct efsa_guard one;
	GPtrArray *strs, *prefixes;
	bool all = true, none = true;
	int v = cond_split_var(c, av);
	guint i, n;

	if (v < 0)
		return cond_tv(c, av);
	g = av->g[v];
	n = guard_elements(g);
	if (*budget < n)
		return cond_tv(c, av);
	*budget -= n;
	one = *g;
	one.strs = strs = g_ptr_array_sized_new(1);
	one.prefixes = prefixes = g_ptr_array_sized_new(1);
	av->g[v] = &one;
	for (i = 0; i < n && (all || none); i++) {
		enum tv x;

		element_only(g, i, strs, prefixes);
		x = cond_tv_split(c, av, budget);
		all &= x == TV_TRUE;
		none &= x == TV_FALSE;
	}
	av->g[v] = g;
	g_ptr_array_free(strs, TRUE);
	g_ptr_array_free(prefixes, TRUE);
	return all ? TV_TRUE : none ? TV_FALSE : TV_UNKNOWN;
}

/* The condition of an event or a definition, in three values. */
static enum tv
cond_decide(const struct cond *c, struct avals *av)
{
	unsigned budget = SPLIT_MAX;

	return cond_tv_split(c, av, &budget);
}

/*
 * Whether the calls of t succeeded (failed false) or failed, as far as
 * the result the model learned tells: a range all negative failed, one
 * all at least zero succeeded; otherwise a failed form is unknown and
 * a succeeded one taken as true (models are learned from runs whose
 * calls mostly succeed, and a model keeps no errno).
 */
static enum tv
outcome_tv(const struct efsa_trans *t, bool failed)
{
	const struct efsa_guard *g = efsa_trans_result(t);
	int64_t lo, hi;

	if (g == NULL || (g->kind != EFSA_GUARD_INTS &&
	    g->kind != EFSA_GUARD_RANGE) || (g->kind == EFSA_GUARD_INTS &&
	    g->ints->len == 0))
		return failed ? TV_UNKNOWN : TV_TRUE;
	int_bounds(g, &lo, &hi);
	if (hi < 0)
		return failed ? TV_TRUE : TV_FALSE;
	if (lo >= 0)
		return failed ? TV_FALSE : TV_TRUE;
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
	av->iv = NULL;
	if (n <= AVALS_INLINE) {
		memset(av->g_in, 0, sizeof(av->g_in));
		memset(av->set_in, 0, sizeof(av->set_in));
		av->g = av->g_in;
		av->set = av->set_in;
		return;
	}
	av->g = g_new0(const struct efsa_guard *, n + 1);
	av->set = g_new0(bool, n + 1);
}

static void
avals_clear(struct avals *av)
{
	if (av->g != av->g_in) {
		g_free(av->g);
		g_free(av->set);
	}
}

/*
 * Whether event e (number ev of a rule whose variables number nvars and
 * are first bound as first[] says; NULL: each event binds its own)
 * matches transition t, in three values, with the counters' intervals iv
 * (NULL: none).
 */
static enum tv
event_eval(const struct pevent *e, unsigned nvars, const int *first, int ev,
    const struct efsa_trans *t, const int64_t *iv)
{
	struct avals av;
	enum tv r = TV_FALSE, x;
	unsigned i, k;

	if (e->defs == NULL) {
		if (strcmp(t->name, e->call) != 0)
			return TV_FALSE;
		avals_init(&av, nvars);
		av.iv = iv;
		x = e->failed ? outcome_tv(t, true) : TV_TRUE;
		for (i = 0; i < e->nargs; i++)
			x = tv_and(x, arg_tv(&e->args[i], efsa_trans_guard(t,
			    i), &av, first, ev));
		if (e->ret.kind != TERM_ANY)
			x = tv_and(x, arg_tv(&e->ret, efsa_trans_result(t),
			    &av, first, ev));
		x = tv_and(x, cond_decide(e->cond, &av));
		avals_clear(&av);
		return x;
	}
	for (k = 0; k < e->defs->len && r != TV_TRUE; k++) {
		const struct pdef *d = e->defs->pdata[k];
		struct avals local;

		if (strcmp(t->name, d->call) != 0)
			continue;
		avals_init(&local, d->nvars);
		x = outcome_tv(t, e->failed);
		for (i = 0; i < d->nargs; i++)
			x = tv_and(x, arg_tv(&d->args[i], efsa_trans_guard(t,
			    i), &local, NULL, 0));
		if (d->ret_var >= 0) {
			/* what the model saw returned, NULL: unknown */
			local.set[d->ret_var] = true;
			local.g[d->ret_var] = efsa_trans_result(t);
		}
		x = tv_and(x, cond_decide(d->cond, &local));
		if (x != TV_FALSE) {
			avals_init(&av, nvars);
			av.iv = iv;
			for (i = 0; i < e->nargs; i++)
				x = tv_and(x, arg_tv(&e->args[i],
				    local.set[d->params[i]] ?
				    local.g[d->params[i]] : NULL, &av, first,
				    ev));
			if (e->ret.kind != TERM_ANY)
				x = tv_and(x, arg_tv(&e->ret,
				    efsa_trans_result(t), &av, first, ev));
			x = tv_and(x, cond_decide(e->cond, &av));
			avals_clear(&av);
		}
		avals_clear(&local);
		if (x == TV_TRUE || (x == TV_UNKNOWN && r == TV_FALSE))
			r = x;
	}
	return r;
}

/*
 * Why an event is not decided on a transition, in the words of the
 * policy and of the model: each comparison that holds for some learned
 * values and not others, with the argument and the learned set it was
 * decided against, or the argument the model learned nothing of.
 */
static void
guard_text(GString *s, const struct efsa_guard *g)
{
	guint i;

	if (g == NULL) {
		g_string_append(s, "nothing (any value)");
		return;
	}
	switch (g->kind) {
	case EFSA_GUARD_ABSENT:
		g_string_append(s, "NULL (no value)");
		break;
	case EFSA_GUARD_STRINGS:
		g_string_append_c(s, '{');
		for (i = 0; i < g->strs->len; i++)
			g_string_append_printf(s, "%s\"%s\"", i > 0 ? ", " : "",
			    (const char *)g->strs->pdata[i]);
		for (i = 0; i < g->prefixes->len; i++)
			g_string_append_printf(s, "%sunder \"%s\"", i +
			    g->strs->len > 0 ? ", " : "",
			    (const char *)g->prefixes->pdata[i]);
		g_string_append_c(s, '}');
		break;
	case EFSA_GUARD_FLAGS:
		g_string_append(s, g->nets != NULL ? "addresses of {" :
		    "flags from {");
		for (i = 0; i < g->strs->len; i++)
			g_string_append_printf(s, "%s%s", i > 0 ? ", " : "",
			    (const char *)g->strs->pdata[i]);
		g_string_append(s, g->nets != NULL ? "}" :
		    "} in any combination");
		if (g->nets != NULL) {
			g_string_append(s, " with IPs in {");
			for (i = 0; i < g->nets->len; i++)
				g_string_append_printf(s, "%s%s", i > 0 ?
				    ", " : "", (const char *)g->nets->pdata[i]);
			g_string_append_c(s, '}');
		}
		break;
	case EFSA_GUARD_INTS:
		g_string_append_c(s, '{');
		for (i = 0; i < g->ints->len; i++)
			g_string_append_printf(s, "%s%" PRId64, i > 0 ? ", " : "",
			    g_array_index(g->ints, int64_t, i));
		g_string_append_c(s, '}');
		break;
	case EFSA_GUARD_RANGE:
		g_string_append_printf(s, "[%" PRId64 ", %" PRId64 "]", g->lo,
		    g->hi);
		break;
	}
}

/* A term as the reason names it: a variable by the name the rule gives
 * it (names == NULL: by what it is on the call), a literal as written. */
static void
reason_term(GString *s, const struct term *t, const GPtrArray *names,
    const char *const *what)
{
	const char *var = NULL;

	if (t->kind == TERM_VAR)
		var = names != NULL ? (const char *)names->pdata[t->var] :
		    what[t->var];
	term_text(s, t, var, NULL);
}


/*
 * Adds to reasons each comparison of c that av leaves undecided, as
 * "COMPARISON\tWHAT IT WAS DECIDED AGAINST" (event_reasons() joins
 * them).  what[] says what each variable is on the call ("arg 1 of
 * openat").
 */
static void cond_atom_reasons(const struct cond *c, struct avals *av,
    const GPtrArray *names, const char *const *what, GPtrArray *reasons);

/* One learned element as the reasons name it. */
static void
element_text(GString *s, const struct efsa_guard *g, guint i)
{
	if (i < g->strs->len)
		g_string_append_printf(s, "\"%s\"", (const char *)
		    g->strs->pdata[i]);
	else
		g_string_append_printf(s, "under \"%s\"", (const char *)
		    g->prefixes->pdata[i - g->strs->len]);
}

/*
 * The reasons a condition is undecided: when it reads a variable learned
 * as several names and prefixes, which of them it holds for and which
 * not (the first reason), then the comparisons undecided within the
 * others.
 */
static void
cond_reasons(const struct cond *c, struct avals *av, const GPtrArray *names,
    const char *const *what, GPtrArray *reasons)
{
	const struct efsa_guard *g;
	struct efsa_guard one;
	GString *yes, *no;
	GPtrArray *strs, *prefixes;
	int v = cond_split_var(c, av);
	guint i, n;

	if (v < 0 || names == NULL) {
		cond_atom_reasons(c, av, names, what, reasons);
		return;
	}
	g = av->g[v];
	n = guard_elements(g);
	one = *g;
	one.strs = strs = g_ptr_array_sized_new(1);
	one.prefixes = prefixes = g_ptr_array_sized_new(1);
	yes = g_string_new(NULL);
	no = g_string_new(NULL);
	av->g[v] = &one;
	for (i = 0; i < n; i++) {
		enum tv x;

		element_only(g, i, strs, prefixes);
		x = cond_decide(c, av);
		if (x == TV_UNKNOWN) {
			cond_reasons(c, av, names, what, reasons);
			continue;
		}
		if (x == TV_TRUE && yes->len > 0)
			g_string_append(yes, ", ");
		if (x == TV_FALSE && no->len > 0)
			g_string_append(no, ", ");
		element_text(x == TV_TRUE ? yes : no, g, i);
	}
	av->g[v] = g;
	if (yes->len > 0 && no->len > 0)
		g_ptr_array_insert(reasons, 0, g_strdup_printf("the condition "
		    "holds for %s = {%s} and not for {%s}", (const char *)
		    names->pdata[v], yes->str, no->str));
	g_string_free(yes, TRUE);
	g_string_free(no, TRUE);
	g_ptr_array_free(strs, TRUE);
	g_ptr_array_free(prefixes, TRUE);
}

static void
cond_atom_reasons(const struct cond *c, struct avals *av,
    const GPtrArray *names, const char *const *what, GPtrArray *reasons)
{
	const struct term *vt;
	GString *s;

	if (c == NULL)
		return;
	if (c->kind != COND_CMP) {
		cond_atom_reasons(c->l, av, names, what, reasons);
		cond_atom_reasons(c->r, av, names, what, reasons);
		return;
	}
	if (c->a.kind == TERM_COUNTER || c->b.kind == TERM_COUNTER ||
	    cond_decide(c, av) != TV_UNKNOWN)
		return;
	s = g_string_new(NULL);
	reason_term(s, &c->a, names, what);
	g_string_append_printf(s, " %s ", cmp_op_text(c->op));
	reason_term(s, &c->b, names, what);
	vt = c->a.kind == TERM_VAR ? &c->a : c->b.kind == TERM_VAR ? &c->b :
	    NULL;
	g_string_append_c(s, '\t');
	if (vt != NULL && vt->var < av->n) {
		const char *w = what[vt->var];

		if (names != NULL)
			g_string_append_printf(s, "%s%s%s%s",
			    (const char *)names->pdata[vt->var],
			    w != NULL ? " (" : "", w != NULL ? w : "",
			    w != NULL ? ")" : "");
		else
			g_string_append(s, w != NULL ? w : "?");
		if (!av->set[vt->var])
			g_string_append(s, " is not bound here");
		else if (av->g[vt->var] == NULL)
			g_string_append(s, ": the model learned nothing of it");
		else {
			g_string_append(s, " was learned as ");
			guard_text(s, av->g[vt->var]);
		}
	}
	g_ptr_array_add(reasons, g_string_free(s, FALSE));
}

/* The reasons event e (number ev of rule r) is not decided on t. */
static void
event_reasons(const struct prule *r, int ev, const struct efsa_trans *t,
    GPtrArray *reasons)
{
	const struct pevent *e = r->events->pdata[ev];
	unsigned nv = r->vars->len, i, k, a;
	char **what = g_new0(char *, nv + 1);
	struct avals av;

	avals_init(&av, nv);
	if (e->defs == NULL) {
		for (i = 0; i < e->nargs; i++) {
			const struct term *x = &e->args[i];
			const struct efsa_guard *g = efsa_trans_guard(t, i);

			if (x->kind == TERM_VAR) {
				if (av.set[x->var] || r->first[x->var] != ev) {
					g_ptr_array_add(reasons, g_strdup_printf(
					    "%s is the value of an earlier call: "
					    "the model keeps no values along a "
					    "path", (const char *)
					    r->vars->pdata[x->var]));
					continue;
				}
				av.set[x->var] = true;
				av.g[x->var] = g;
				what[x->var] = g_strdup_printf("arg %u of %s", i,
				    t->name);
			} else if (x->kind != TERM_ANY && (g == NULL ||
			    guard_cmp(g, OP_EQ, x) == TV_UNKNOWN)) {
				GString *s = g_string_new(NULL);

				g_string_append_printf(s, "arg %u of %s == ", i,
				    t->name);
				reason_term(s, x, NULL, NULL);
				g_string_append(s, ", learned ");
				guard_text(s, g);
				g_ptr_array_add(reasons, g_string_free(s, FALSE));
			}
		}
		cond_reasons(e->cond, &av, r->vars, (const char *const *)what,
		    reasons);
		goto out;
	}
	for (k = 0; k < e->defs->len; k++) {
		const struct pdef *d = e->defs->pdata[k];
		struct avals local;
		char **dwhat;

		if (strcmp(t->name, d->call) != 0)
			continue;
		avals_init(&local, d->nvars);
		dwhat = g_new0(char *, d->nvars + 1);
		for (a = 0; a < d->nargs; a++)
			if (d->args[a].kind == TERM_VAR &&
			    !local.set[d->args[a].var]) {
				local.set[d->args[a].var] = true;
				local.g[d->args[a].var] = efsa_trans_guard(t, a);
				dwhat[d->args[a].var] = g_strdup_printf(
				    "arg %u of %s", a, t->name);
			}
		if (d->ret_var >= 0) {
			local.set[d->ret_var] = true;
			local.g[d->ret_var] = efsa_trans_result(t);
			g_free(dwhat[d->ret_var]);
			dwhat[d->ret_var] = g_strdup_printf("the result of %s",
			    t->name);
		}
		if (cond_decide(d->cond, &local) != TV_FALSE) {
			cond_reasons(d->cond, &local, NULL,
			    (const char *const *)dwhat, reasons);
			for (i = 0; i < e->nargs; i++) {
				const struct term *x = &e->args[i];
				unsigned pv = d->params[i];

				if (x->kind != TERM_VAR || av.set[x->var])
					continue;
				av.set[x->var] = true;
				av.g[x->var] = local.set[pv] ? local.g[pv] :
				    NULL;
				what[x->var] = g_strdup(dwhat[pv] != NULL ?
				    dwhat[pv] : "not on the call");
				if (r->first[x->var] != ev)
					g_ptr_array_add(reasons, g_strdup_printf(
					    "%s is the value of an earlier "
					    "call: the model keeps no values "
					    "along a path", (const char *)
					    r->vars->pdata[x->var]));
			}
		}
		for (i = 0; i < d->nvars; i++)
			g_free(dwhat[i]);
		g_free(dwhat);
		avals_clear(&local);
	}
	cond_reasons(e->cond, &av, r->vars, (const char *const *)what,
	    reasons);
out:
	for (i = 0; i < nv; i++)
		g_free(what[i]);
	g_free(what);
	avals_clear(&av);
	/* comparisons decided against the same learned set are said
	 * together, each once, in the order found */
	for (i = 0; i < reasons->len; i++) {
		char *x = reasons->pdata[i], *tab = strchr(x, '\t');
		GString *s;
		guint n = 1;

		if (tab == NULL)
			continue;
		s = g_string_new_len(x, tab - x);
		for (k = i + 1; k < reasons->len; k++) {
			char *y = reasons->pdata[k], *ytab = strchr(y, '\t');

			if (ytab == NULL || strcmp(tab, ytab) != 0)
				continue;
			if ((size_t)(ytab - y) != (size_t)(tab - x) ||
			    strncmp(x, y, (size_t)(tab - x)) != 0) {
				if (++n <= 3) {
					g_string_append(s, ", ");
					g_string_append_len(s, y, ytab - y);
				}
			}
			g_ptr_array_remove_index(reasons, k--);
		}
		if (n > 3)
			g_string_append_printf(s, " and %u more", n - 3);
		g_string_append_printf(s, " %s not decided: %s", n > 1 ?
		    "are" : "is", tab + 1);
		g_free(reasons->pdata[i]);
		reasons->pdata[i] = g_string_free(s, FALSE);
	}
}

static enum tv
event_tv(const struct prule *rule, int ev, const struct efsa_trans *t)
{
	return event_eval(rule->events->pdata[ev], rule->vars->len,
	    rule->first, ev, t, NULL);
}

/*
 * The walk's context: one rule against one model.  A rule that reads
 * counters pairs each model state with an abstract state of the policy:
 * the rule's state, the may bit, and an interval per counter, interned in
 * tuples (the walk's "other" is a tuple's index).  Other rules pair it
 * with (rule state << 1 | may).
 */
struct vctx {
	const struct policy *p;
	const struct prule *rule;
	struct tinfo *ti;	/* per model transition */
	GHashTable *slots;	/* call name -> gint32[events]: the slot of
				 * each event that may be that call, or -1 */
	GPtrArray *records;	/* of struct record *, note - 1 */
	/* counters */
	unsigned nc;		/* the policy's counters */
	GPtrArray *tuples;	/* of int64_t[1 + 2 nc]: (ps << 2 | widened
				 * << 1 | may), then lo, hi per counter */
	GHashTable *tuple_ids;	/* tuple -> index + 1 */
	GHashTable *wide;	/* (model state, ps, may) -> struct wide */
	GHashTable *notes;	/* "ev trans tv detail" -> note */
	bool *tracked;		/* per counter: read by the rule */
};

struct record {
	int ev;
	unsigned trans;
	enum tv tv;		/* how event ev matches transition trans */
	char *detail;		/* the counters' intervals it was decided
				 * with, or NULL */
	int64_t *iv;		/* those intervals (lo, hi per counter) */
	int64_t top;		/* the largest upper bound of them */
	bool widened;
};

static void
record_free(gpointer p)
{
	struct record *r = p;

	g_free(r->detail);
	g_free(r->iv);
	g_free(r);
}

/* How many times the intervals at one pair of states are joined before
 * they are widened: joins keep the bounds of paths that meet, widening
 * makes loops end (Cousot and Cousot, POPL 1977). */
#define WIDEN_AFTER 3

struct wide {
	guint tuple;
	unsigned joins;
};

/*
 * The record of event ev on model transition t: how it matches, computed
 * once (it depends on neither state), and the note a move carries (the
 * record's index + 1).  Per transition, its records are kept in a small
 * list, since a transition meets few of the rule's events.
 */
/*
 * What the walk needs of a model transition, in one place: whether the
 * policy examines its call, and how each event of the rule that may be
 * that call matches it (the record's note << 2 | the value; 0: not
 * decided yet), the events numbered by slot.
 */
struct tinfo {
	guint8 mention;		/* 0 unknown, 1 no, 2 yes */
	const gint32 *slot;	/* per event: its slot, or -1 */
	guint32 *notes;		/* per slot */
};

/* The slots of the rule's events for a call name: each event that may
 * be the call (by name, or through a definition) gets the next one. */
static const gint32 *
slots_of(struct vctx *v, const char *call, guint *nslots)
{
	gint32 *slot = g_hash_table_lookup(v->slots, call);
	guint i, k, n = 0;

	if (slot != NULL) {
		*nslots = (guint)slot[v->rule->events->len];
		return slot;
	}
	slot = g_new(gint32, v->rule->events->len + 1);
	for (i = 0; i < v->rule->events->len; i++) {
		const struct pevent *e = v->rule->events->pdata[i];
		bool may = e->defs == NULL && strcmp(e->call, call) == 0;

		for (k = 0; e->defs != NULL && k < e->defs->len && !may; k++)
			may = strcmp(((const struct pdef *)
			    e->defs->pdata[k])->call, call) == 0;
		slot[i] = may ? (gint32)n++ : -1;
	}
	slot[i] = (gint32)n;
	g_hash_table_insert(v->slots, (gpointer)call, slot);
	*nslots = n;
	return slot;
}

static uint32_t
record_of(struct vctx *v, int ev, const struct efsa_trans *t, enum tv *tv)
{
	struct tinfo *ti = &v->ti[t->id];
	struct record *r;
	gint32 sl;

	if (ti->slot == NULL) {
		guint n;

		ti->slot = slots_of(v, t->name, &n);
		ti->notes = g_new0(guint32, n + 1);
	}
	if ((sl = ti->slot[ev]) < 0) {
		*tv = TV_FALSE;		/* the event is never this call */
		return 0;
	}
	if (ti->notes[sl] != 0) {
		*tv = (enum tv)(ti->notes[sl] & 3);
		return ti->notes[sl] >> 2;
	}
	r = g_new0(struct record, 1);
	r->ev = ev;
	r->trans = t->id;
	r->tv = event_tv(v->rule, ev, t);
	g_ptr_array_add(v->records, r);
	ti->notes[sl] = (v->records->len << 2) | (guint32)r->tv;
	*tv = r->tv;
	return v->records->len;
}

/* Whether the policy examines the call of transition t, known once. */
static bool
mentioned(struct vctx *v, const struct efsa_trans *t)
{
	struct tinfo *ti = &v->ti[t->id];

	if (ti->mention == 0)
		ti->mention = policy_mentions(v->p, t->name) ? 2 : 1;
	return ti->mention == 2;
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

static const struct efsa_guard *event_arg_guard(const struct pevent *e,
    unsigned i, const struct efsa_trans *t);

/* Whether a condition reads a counter. */
static bool
cond_reads_counters(const struct cond *c)
{
	if (c == NULL)
		return false;
	if (c->kind == COND_CMP)
		return c->a.kind == TERM_COUNTER || c->b.kind == TERM_COUNTER;
	return cond_reads_counters(c->l) || cond_reads_counters(c->r);
}

/*
 * What the model learned of the value event argument i stands for on t:
 * the guard of the call's argument, or what it learned of the result when
 * a definition binds the parameter to it ("-> nbytes").
 */
static const struct efsa_guard *
event_arg_value_guard(const struct pevent *e, unsigned i,
    const struct efsa_trans *t)
{
	unsigned k;

	if (e->defs != NULL)
		for (k = 0; k < e->defs->len; k++) {
			const struct pdef *d = e->defs->pdata[k];

			if (strcmp(d->call, t->name) == 0 && i < d->nparams &&
			    d->ret_var >= 0 &&
			    (unsigned)d->ret_var == d->params[i])
				return efsa_trans_result(t);
		}
	return event_arg_guard(e, i, t);
}

/* Counters: tuples of the rule's state and the counters' intervals. */
static size_t
tuple_size(const struct vctx *v)
{
	return (1 + 2 * (size_t)v->nc) * sizeof(int64_t);
}

static guint
tuple_hash(gconstpointer p)
{
	/* the size is in the first word's spare bits: see tuple_id */
	const int64_t *x = p;
	size_t n = 1 + 2 * (size_t)(x[0] >> 40), i;
	uint64_t h = UINT64_C(1469598103934665603);

	for (i = 0; i < n; i++) {
		h ^= (uint64_t)x[i];
		h *= UINT64_C(1099511628211);
	}
	return (guint)(h ^ (h >> 32));
}

static gboolean
tuple_equal(gconstpointer a, gconstpointer b)
{
	const int64_t *x = a, *y = b;

	return x[0] == y[0] && memcmp(x, y, (1 + 2 * (size_t)(x[0] >> 40)) *
	    sizeof(int64_t)) == 0;
}

/* The first word: the number of counters (bits 40 and up), the rule's
 * state (bits 2 to 39), widened (bit 1) and may (bit 0). */
#define T_HEAD(nc, ps, wid, may) (((int64_t)(nc) << 40) | \
	((int64_t)(ps) << 2) | ((int64_t)(wid) << 1) | (int64_t)(may))
#define T_PS(x)		((unsigned)(((x)[0] >> 2) & 0x3fffffffffLL))
#define T_WIDENED(x)	((unsigned)(((x)[0] >> 1) & 1))
#define T_MAY(x)	((unsigned)((x)[0] & 1))

static guint
tuple_id(struct vctx *v, const int64_t *x)
{
	gpointer id = g_hash_table_lookup(v->tuple_ids, x);
	int64_t *copy;

	if (id != NULL)
		return GPOINTER_TO_UINT(id) - 1;
	copy = g_memdup2(x, tuple_size(v));
	g_ptr_array_add(v->tuples, copy);
	g_hash_table_insert(v->tuple_ids, copy,
	    GUINT_TO_POINTER(v->tuples->len));
	return v->tuples->len - 1;
}

static const int64_t *
tuple_at(const struct vctx *v, uint32_t other)
{
	return v->tuples->pdata[other];
}

/* Whether an abstract state rests on an assumption, and its rule state. */
static unsigned
other_may(const struct vctx *v, uint32_t other)
{
	return v->tuples != NULL ? T_MAY(tuple_at(v, other)) : other & 1;
}

static unsigned
other_ps(const struct vctx *v, uint32_t other)
{
	return v->tuples != NULL ? T_PS(tuple_at(v, other)) : other >> 1;
}

static bool
interesting_counters(void *ctx, uint32_t other)
{
	const struct vctx *v = ctx;

	return v->rule->accepting[T_PS(tuple_at(v, other))];
}

/*
 * The tuple a move to model state m with rule state ps and intervals iv
 * makes.  Each (m, ps, may) keeps the hull of the intervals that reached
 * it; past WIDEN_AFTER joins a bound that still grows goes to infinity,
 * so the walk ends on loops that count.  An interval the kept one holds
 * adds nothing: the kept tuple, already explored, is returned.
 */
static guint
tuple_for(struct vctx *v, unsigned m, unsigned ps, unsigned may,
    const int64_t *iv)
{
	int64_t key = ((int64_t)m << 32) | ((int64_t)ps << 1) | may;
	struct wide *wd = g_hash_table_lookup(v->wide, &key);
	int64_t *x = g_alloca(tuple_size(v));
	unsigned k;
	bool grew = false, widened = false;

	if (wd == NULL) {
		int64_t *kp = g_memdup2(&key, sizeof(key));

		x[0] = T_HEAD(v->nc, ps, 0, may);
		memcpy(x + 1, iv, 2 * v->nc * sizeof(int64_t));
		wd = g_new0(struct wide, 1);
		wd->tuple = tuple_id(v, x);
		g_hash_table_insert(v->wide, kp, wd);
		return wd->tuple;
	}
	memcpy(x, tuple_at(v, wd->tuple), tuple_size(v));
	widened = T_WIDENED(x);
	for (k = 0; k < v->nc; k++) {
		int64_t lo = iv[2 * k], hi = iv[2 * k + 1];

		if (lo < x[1 + 2 * k]) {
			grew = true;
			x[1 + 2 * k] = wd->joins >= WIDEN_AFTER ? NEG_INF : lo;
			widened |= wd->joins >= WIDEN_AFTER;
		}
		if (hi > x[2 + 2 * k]) {
			grew = true;
			x[2 + 2 * k] = wd->joins >= WIDEN_AFTER ? POS_INF : hi;
			widened |= wd->joins >= WIDEN_AFTER;
		}
	}
	if (!grew)
		return wd->tuple;
	wd->joins++;
	x[0] = T_HEAD(v->nc, ps, widened, may);
	wd->tuple = tuple_id(v, x);
	return wd->tuple;
}

static int64_t
sat_add(int64_t x, int64_t y)
{
	if (x == NEG_INF || y == NEG_INF)
		return NEG_INF;
	if (x == POS_INF || y == POS_INF)
		return POS_INF;
	return counter_add(x, y);
}

/* The interval of the value an update adds or sets, on transition t. */
static void
update_value(const struct vctx *v, const struct pupdate *u,
    const struct efsa_trans *t, const int64_t *iv, int64_t *lo, int64_t *hi)
{
	unsigned i;

	*lo = NEG_INF;
	*hi = POS_INF;
	switch (u->val.kind) {
	case TERM_INT:
		*lo = *hi = u->val.n;
		return;
	case TERM_COUNTER:
		*lo = iv[2 * u->val.var];
		*hi = iv[2 * u->val.var + 1];
		return;
	case TERM_VAR:
		for (i = 0; i < u->ev->nargs; i++) {
			const struct efsa_guard *g;

			if (u->ev->args[i].kind != TERM_VAR ||
			    u->ev->args[i].var != u->val.var)
				continue;
			g = event_arg_value_guard(u->ev, i, t);
			if (g != NULL && (g->kind == EFSA_GUARD_RANGE ||
			    (g->kind == EFSA_GUARD_INTS && g->ints->len > 0))) {
				int_bounds(g, lo, hi);
				return;
			}
		}
		return;
	default:
		return;
	}
}

/* Naccio's precode on a model transition: each update of a counter the
 * rule tracks, whose event may be t, changes its interval (to the hull of
 * both outcomes when the event is unknown there). */
static void
updates_on(const struct vctx *v, const struct efsa_trans *t, int64_t *iv)
{
	guint i;

	for (i = 0; i < v->p->updates->len; i++) {
		const struct pupdate *u = v->p->updates->pdata[i];
		unsigned k = u->counter;
		enum tv x;
		int64_t lo, hi, nlo, nhi;

		if (!v->tracked[k])
			continue;
		x = event_eval(u->ev, u->vars->len, NULL, 0, t, iv);
		if (x == TV_FALSE)
			continue;
		update_value(v, u, t, iv, &lo, &hi);
		if (u->op == UPDATE_ADD) {
			nlo = sat_add(iv[2 * k], lo);
			nhi = sat_add(iv[2 * k + 1], hi);
		} else {
			nlo = lo;
			nhi = hi;
		}
		if (x == TV_UNKNOWN) {
			nlo = MIN(nlo, iv[2 * k]);
			nhi = MAX(nhi, iv[2 * k + 1]);
		}
		iv[2 * k] = nlo;
		iv[2 * k + 1] = nhi;
	}
}

static void
put_bound(GString *s, int64_t x)
{
	if (x == NEG_INF)
		g_string_append(s, "-inf");
	else if (x == POS_INF)
		g_string_append(s, "+inf");
	else
		g_string_append_printf(s, "%" G_GINT64_FORMAT, x);
}

/* The counters e's condition reads, sorted (transfer full). */
static GArray *
reads_of(const struct pevent *e)
{
	GArray *set = g_array_new(FALSE, FALSE, sizeof(guint));

	cond_counters(e->cond, set);
	return set;
}

/* "bytes_written in [0, +inf)": the intervals of the counters an event's
 * condition reads (transfer full). */
static char *
intervals_text(const struct vctx *v, const struct pevent *e,
    const int64_t *iv, bool widened)
{
	GArray *set = reads_of(e);
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < set->len; i++) {
		guint k = g_array_index(set, guint, i);

		g_string_append_printf(s, "%s%s in %c", i > 0 ? ", " : "",
		    ((const struct counter *)v->p->counters->pdata[k])->name,
		    iv[2 * k] == NEG_INF ? '(' : '[');
		put_bound(s, iv[2 * k]);
		g_string_append(s, ", ");
		put_bound(s, iv[2 * k + 1]);
		g_string_append_c(s, iv[2 * k + 1] == POS_INF ? ')' : ']');
	}
	if (widened)
		g_string_append(s, ", widened on a loop");
	g_array_free(set, TRUE);
	return g_string_free(s, FALSE);
}

/* The note of event ev on t decided with intervals iv: one record per
 * distinct (event, transition, value, intervals). */
static uint32_t
record_counters(struct vctx *v, int ev, const struct efsa_trans *t,
    const int64_t *iv, bool widened, enum tv *tv)
{
	const struct pevent *e = v->rule->events->pdata[ev];
	struct record *r;
	char *detail, *key;
	gpointer n;

	if (e->cond == NULL || !cond_reads_counters(e->cond))
		return record_of(v, ev, t, tv);
	*tv = event_eval(e, v->rule->vars->len, v->rule->first, ev, t, iv);
	detail = intervals_text(v, e, iv, widened);
	key = g_strdup_printf("%d %u %d %s", ev, t->id, (int)*tv, detail);
	if ((n = g_hash_table_lookup(v->notes, key)) != NULL) {
		g_free(key);
		g_free(detail);
		return GPOINTER_TO_UINT(n);
	}
	r = g_new0(struct record, 1);
	r->ev = ev;
	r->trans = t->id;
	r->tv = *tv;
	r->detail = detail;
	r->iv = g_memdup2(iv, 2 * v->nc * sizeof(int64_t));
	r->widened = widened;
	{
		GArray *set = reads_of(e);

		r->top = NEG_INF;
		for (guint i = 0; i < set->len; i++)
			r->top = MAX(r->top, iv[2 * g_array_index(set, guint,
			    i) + 1]);
		g_array_free(set, TRUE);
	}
	g_ptr_array_add(v->records, r);
	g_hash_table_insert(v->notes, key, GUINT_TO_POINTER(v->records->len));
	return v->records->len;
}

/* The counters whose values tracked counters' updates add or set are
 * tracked too. */
static void
track_closure(struct vctx *v)
{
	bool more = true;
	guint i;

	while (more) {
		more = false;
		for (i = 0; i < v->p->updates->len; i++) {
			const struct pupdate *u = v->p->updates->pdata[i];

			if (v->tracked[u->counter] &&
			    u->val.kind == TERM_COUNTER &&
			    !v->tracked[u->val.var]) {
				v->tracked[u->val.var] = true;
				more = true;
			}
		}
	}
}

static void
step_counters(void *ctx, const struct efsa *a, const struct efsa_trans *t,
    uint32_t other, void (*emit)(void *w, uint32_t o2, uint32_t note),
    void *w)
{
	struct vctx *v = ctx;
	const int64_t *cur = tuple_at(v, other);
	unsigned ps = T_PS(cur), may = T_MAY(cur);
	bool widened = T_WIDENED(cur);
	int64_t *iv = g_alloca(2 * v->nc * sizeof(int64_t) + 1);
	GArray *out;
	guint k;

	memcpy(iv, cur + 1, 2 * v->nc * sizeof(int64_t));
	if (!mentioned(v, t)) {
		emit(w, tuple_for(v, t->dst, ps, may, iv), 0);
		return;
	}
	updates_on(v, t, iv);
	out = v->rule->out[ps];
	for (k = 0; k < out->len; k++) {
		const struct ptrans *pt = &g_array_index(out, struct ptrans, k);
		enum tv x;
		uint32_t note;

		if (pt->label == LABEL_ANY) {
			emit(w, tuple_for(v, t->dst, pt->dst, may, iv), 0);
			continue;
		}
		note = record_counters(v, pt->label, t, iv, widened, &x);
		if (x == TV_TRUE)
			emit(w, tuple_for(v, t->dst, pt->dst, may, iv), note);
		else if (x == TV_UNKNOWN)
			emit(w, tuple_for(v, t->dst, pt->dst, 1, iv), note);
	}
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

/*
 * The change that admits a conflict a property's counters led to: a
 * limit the counters stay within on the path, or none when the model
 * lets them grow without bound (a loop the widening took to infinity).
 */
static char *
advice_counters(const struct vctx *v, const struct record *r,
    const struct efsa_trans *t)
{
	GArray *set = reads_of(v->rule->events->pdata[r->ev]);
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < set->len; i++) {
		guint k = g_array_index(set, guint, i);
		const char *name = ((const struct counter *)
		    v->p->counters->pdata[k])->name;
		int64_t hi = r->iv[2 * k + 1];

		if (s->len > 0)
			g_string_append(s, "; ");
		if (hi == POS_INF)
			g_string_append_printf(s, "no limit on %s admits it: "
			    "the model lets it grow without bound (%s, s%u -> "
			    "s%u, is on a loop)", name, t->name, t->src,
			    t->dst);
		else
			g_string_append_printf(s, "allow %s up to %" PRId64
			    " (the most it reaches on this path) in the "
			    "condition of %s", name, hi, v->rule->name);
	}
	g_array_free(set, TRUE);
	return g_string_free(s, FALSE);
}

/* Keeps, per completing transition, the record with the largest bound. */
static void
keep_worst(GHashTable *worst, int trans, const struct record *r)
{
	const struct record *old = g_hash_table_lookup(worst,
	    GINT_TO_POINTER(trans));

	if (r->iv == NULL)
		return;
	if (old == NULL || r->top > old->top)
		g_hash_table_insert(worst, GINT_TO_POINTER(trans),
		    (gpointer)r);
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
		struct verify_node node = { x->m, other_ps(v, x->other),
		    other_may(v, x->other), x->pred < 0,
		    v->rule->accepting[other_ps(v, x->other)], false };

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

static void verify_rule(const struct policy *p, unsigned ri,
    const struct efsa *a, const struct verify_opts *opts,
    struct verify_result *res, bool advise);

/*
 * Fixes checked before they are printed.  A candidate change of the rule
 * is made to the event that completes the conflict (a clause
 * "&& !(x ~ PATTERN)" excluding what the model learned of one argument,
 * PATTERN written from the learned names and prefixes; or a counter's
 * limit raised to what the path reaches), the rule is verified again
 * against the model with it, and the change undone.  A candidate is
 * printed only when no conflict of the rule then ends on the same
 * transition.  For an AppArmor profile the clause is what adding a file
 * rule "PATTERN PERM," makes of the profile's rule, and is printed so.
 * Candidates never exclude every name (a pattern of stars alone, or "/"
 * followed by them), and at most
 * FIX_MAX conflicts per rule and model are checked (each check is a
 * walk), fewer when the walks would explore more than FIX_WORK states.
 */
#define FIX_MAX 16
/* and the walks again of one rule and model explore about at most this
 * many product states in all */
#define FIX_WORK 2000000

/* Whether x reads as itself in a pattern and in a policy's string. */
static bool
plain_name(const char *x)
{
	return x[strcspn(x, "*?[]{},\\\"")] == '\0';
}

/* The pattern that matches what g learned and nothing wider than its
 * prefixes (transfer full), or NULL when that would be every name, or
 * when a name would need quoting. */
static char *
learned_pattern(const struct efsa_guard *g)
{
	GString *s = g_string_new(NULL);
	guint n = g->strs->len + g->prefixes->len, i;

	if (n == 0)
		goto none;
	if (n > 1)
		g_string_append_c(s, '{');
	for (i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(s, ',');
		if (i < g->strs->len) {
			if (!plain_name(g->strs->pdata[i]))
				goto none;
			g_string_append(s, g->strs->pdata[i]);
		} else {
			const char *pre = g->prefixes->pdata[i - g->strs->len];

			if (strcmp(pre, "") == 0 || strcmp(pre, "/") == 0 ||
			    !plain_name(pre))
				goto none;
			g_string_append(s, pre);
			g_string_append(s, "**");
		}
	}
	if (n > 1)
		g_string_append_c(s, '}');
	return g_string_free(s, FALSE);
none:
	g_string_free(s, TRUE);
	return NULL;
}

/* Whether rule ri, as it is now, still has a conflict ending on tid. */
static bool
conflict_stays(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, guint tid)
{
	struct verify_opts o = { .limit = opts->limit };
	struct verify_result *res = g_new0(struct verify_result, 1);
	bool stays = false;
	guint i;

	res->conflicts = g_ptr_array_new_with_free_func(conflict_free);
	verify_rule(p, ri, a, &o, res, false);
	for (i = 0; i < res->conflicts->len && !stays; i++) {
		const struct verify_conflict *c = res->conflicts->pdata[i];

		stays = c->path->len > 0 && g_array_index(c->path, guint,
		    c->path->len - 1) == tid;
	}
	/* a walk cut short proves nothing */
	stays |= res->truncated;
	verify_result_free(res);
	return stays;
}

/* The AppArmor permission a profile's rule named r grants, or NULL. */
static const char *
apparmor_perm(const struct prule *r)
{
	if (strcmp(r->name, "ReadNotAllowed") == 0)
		return "r";
	if (strcmp(r->name, "WriteNotAllowed") == 0)
		return "w";
	if (strcmp(r->name, "ExecNotAllowed") == 0)
		return "ix";
	if (strcmp(r->name, "MapExecNotAllowed") == 0)
		return "m";
	if (strcmp(r->name, "LockNotAllowed") == 0)
		return "k";
	if (strcmp(r->name, "LinkNotAllowed") == 0)
		return "l";
	return NULL;
}

/* Tries "&& x != NAME" for an argument learned as one name. */
static char *
fix_name(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, struct pevent *e, unsigned i,
    const struct efsa_trans *t, const char *name)
{
	const struct prule *r = p->rules->pdata[ri];
	struct cond cmp = { 0 }, and = { 0 }, *old = e->cond;
	GString *s;
	bool stays;

	cmp.kind = COND_CMP;
	cmp.op = OP_NE;
	cmp.a.kind = TERM_VAR;
	cmp.a.var = e->args[i].var;
	cmp.b.kind = TERM_NAME;
	cmp.b.s = (char *)name;
	and.kind = COND_AND;
	and.l = old;
	and.r = &cmp;
	e->cond = old != NULL ? &and : &cmp;
	stays = conflict_stays(p, ri, a, opts, t->id);
	e->cond = old;
	if (stays)
		return NULL;
	s = g_string_new(NULL);
	g_string_printf(s, "add \"&& %s != %s\" to the condition of ",
	    (const char *)r->vars->pdata[e->args[i].var], name);
	pevent_text(s, r, e, false);
	g_string_append_printf(s, " in rule %s (checked: the conflict is gone "
	    "with it)", r->name);
	return g_string_free(s, FALSE);
}

/*
 * Tries excluding what the model learned of event argument i: the
 * checked advice (transfer full), or NULL.
 */
static char *
fix_argument(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, struct pevent *e, unsigned i,
    const struct efsa_trans *t)
{
	const struct prule *r = p->rules->pdata[ri];
	const struct efsa_guard *g = event_arg_guard(e, i, t);
	struct cond cmp = { 0 }, not = { 0 }, and = { 0 }, *old = e->cond;
	char *pat;
	const char *perm = NULL;
	GString *s;
	bool stays;

	if (e->args[i].kind != TERM_VAR || g == NULL)
		return NULL;
	if (g->kind == EFSA_GUARD_FLAGS && g->strs->len == 1 && !p->apparmor)
		return fix_name(p, ri, a, opts, e, i, t, g->strs->pdata[0]);
	if (g->kind != EFSA_GUARD_STRINGS || (pat = learned_pattern(g)) ==
	    NULL)
		return NULL;
	if (p->apparmor && (perm = apparmor_perm(r)) == NULL) {
		g_free(pat);
		return NULL;
	}
	cmp.kind = COND_CMP;
	cmp.a.kind = TERM_VAR;
	cmp.a.var = e->args[i].var;
	cmp.b.kind = TERM_STR;
	cmp.b.s = pat;
	/* one exact name: "!=", as policies write it */
	cmp.op = g->strs->len == 1 && g->prefixes->len == 0 ? OP_NE :
	    OP_GLOB;
	if (cmp.op == OP_NE)
		cmp.b.s = g->strs->pdata[0];
	not.kind = COND_NOT;
	not.l = &cmp;
	and.kind = COND_AND;
	and.l = old;
	and.r = cmp.op == OP_NE ? &cmp : &not;
	e->cond = old != NULL ? &and : and.r;
	stays = conflict_stays(p, ri, a, opts, t->id);
	e->cond = old;
	s = g_string_new(NULL);
	if (!stays && p->apparmor)
		g_string_printf(s, "add the rule \"%s %s,\" to the profile "
		    "(checked: the conflict is gone with it)", pat, perm);
	else if (!stays) {
		const char *var = r->vars->pdata[e->args[i].var];

		g_string_append(s, "add \"&& ");
		if (cmp.op == OP_NE)
			g_string_append_printf(s, "%s != \\\"%s\\\"", var,
			    cmp.b.s);
		else
			g_string_append_printf(s, "!(%s ~ \\\"%s\\\")", var,
			    pat);
		g_string_append(s, "\" to the condition of ");
		pevent_text(s, r, e, false);
		g_string_append_printf(s, " in rule %s (checked: the conflict "
		    "is gone with it)", r->name);
	}
	g_free(pat);
	if (stays) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

/* Counters' comparisons with a literal limit in c (which the fix
 * changes in place and puts back). */
static void
limits_of(struct cond *c, GPtrArray *out)
{
	if (c == NULL)
		return;
	if (c->kind != COND_CMP) {
		limits_of(c->l, out);
		limits_of(c->r, out);
		return;
	}
	if ((c->a.kind == TERM_COUNTER && c->b.kind == TERM_INT &&
	    (c->op == OP_GT || c->op == OP_GE)) ||
	    (c->b.kind == TERM_COUNTER && c->a.kind == TERM_INT &&
	    (c->op == OP_LT || c->op == OP_LE)))
		g_ptr_array_add(out, c);
}

/*
 * Raises each literal limit on a counter of event e to the most the
 * counters reach on the way to the conflict (iv, the worst path's): the
 * checked advice (transfer full), or NULL.
 */
static char *
fix_limit(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, struct pevent *e, const int64_t *iv,
    guint tid)
{
	const struct prule *r = p->rules->pdata[ri];
	GPtrArray *lims = g_ptr_array_new();
	int64_t *old;
	GString *s = g_string_new(NULL);
	bool stays = true;
	guint i;

	limits_of(e->cond, lims);
	old = g_new(int64_t, lims->len + 1);
	for (i = 0; i < lims->len; i++) {
		struct cond *c = lims->pdata[i];
		struct term *ct = c->a.kind == TERM_COUNTER ? &c->a : &c->b;
		struct term *lt = ct == &c->a ? &c->b : &c->a;
		bool strict = c->op == OP_GT || c->op == OP_LT;
		int64_t hi = iv[2 * ct->var + 1];

		old[i] = lt->n;
		if (hi == POS_INF)
			goto out;
		lt->n = strict ? hi : hi + 1;
		g_string_append_printf(s, "%sraise the limit %" PRId64 " on %s "
		    "to %" PRId64, i > 0 ? ", " : "", old[i],
		    ((const struct counter *)p->counters->pdata[ct->var])->name,
		    lt->n);
	}
	if (lims->len > 0)
		stays = conflict_stays(p, ri, a, opts, tid);
out:
	for (; i-- > 0;) {
		struct cond *c = lims->pdata[i];

		(c->a.kind == TERM_COUNTER ? &c->b : &c->a)->n = old[i];
	}
	g_free(old);
	g_ptr_array_free(lims, TRUE);
	if (stays) {
		g_string_free(s, TRUE);
		return NULL;
	}
	g_string_append_printf(s, " in rule %s (the most the model reaches "
	    "there; checked: the conflict is gone with it)", r->name);
	return g_string_free(s, FALSE);
}

/* The checked advice for conflict c, completed by record rec. */
static char *
advice_checked(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, const struct record *rec,
    const char *unchecked)
{
	const struct prule *r = p->rules->pdata[ri];
	struct pevent *e = r->events->pdata[rec->ev];
	const struct efsa_trans *t = g_ptr_array_index(a->trans, rec->trans);
	char *fix = NULL;
	unsigned i;

	if (p->apparmor && g_str_has_suffix(r->name, "Relative"))
		return g_strdup_printf("no checked fix in the profile: record "
		    "the run with strace -y, or give %s an absolute name",
		    t->name);
	if (p->apparmor && g_str_has_prefix(e->name, "Capability.") &&
	    e->defs != NULL) {
		/* granting it (or taking its deny rule out) is the event
		 * never matching */
		const GPtrArray *defs = e->defs;
		GPtrArray *none = g_ptr_array_new();
		bool stays;

		e->defs = none;
		stays = conflict_stays(p, ri, a, opts, rec->trans);
		e->defs = defs;
		g_ptr_array_free(none, TRUE);
		if (!stays)
			return g_strdup_printf(strcmp(r->name,
			    "CapabilityDenied") == 0 ? "remove the rule \"deny "
			    "capability %s,\" from the profile (checked: the "
			    "conflict is gone with it)" : "add the rule "
			    "\"capability %s,\" to the profile (checked: the "
			    "conflict is gone with it)", e->name + 11);
	}
	if (rec->iv != NULL)
		fix = fix_limit(p, ri, a, opts, e, rec->iv, rec->trans);
	for (i = 0; fix == NULL && i < e->nargs; i++)
		fix = fix_argument(p, ri, a, opts, e, i, t);
	if (fix != NULL)
		return fix;
	return g_strdup_printf("no checked fix: %s", unchecked);
}

static void
verify_rule(const struct policy *p, unsigned ri, const struct efsa *a,
    const struct verify_opts *opts, struct verify_result *res, bool advise)
{
	static const struct efsa_walk_ops ops = {
		.step = step, .interesting = interesting,
	};
	static const struct efsa_walk_ops ops_edges = {
		.step = step, .interesting = interesting, .edges = true,
	};
	static const struct efsa_walk_ops cops = {
		.step = step_counters, .interesting = interesting_counters,
	};
	static const struct efsa_walk_ops cops_edges = {
		.step = step_counters, .interesting = interesting_counters,
		.edges = true,
	};
	const struct prule *rule = p->rules->pdata[ri];
	struct vctx v = { p, rule, g_new0(struct tinfo, a->trans->len + 1),
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free),
	    g_ptr_array_new_with_free_func(record_free), 0, NULL, NULL, NULL,
	    NULL, NULL };
	struct efsa_walk_result *w;
	GHashTable *done, *worst;
	uint32_t start = rule->start << 1;
	/* the hit node of each conflict this rule and model add */
	GArray *cnodes = g_array_new(FALSE, FALSE, sizeof(guint));
	/* the note of the move that completes each of them */
	GArray *cnotes = g_array_new(FALSE, FALSE, sizeof(guint32));
	guint base = res->conflicts->len;
	guint h, k;

	if (rule->reads != NULL) {
		int64_t *x;

		v.nc = p->counters->len;
		v.tuples = g_ptr_array_new_with_free_func(g_free);
		v.tuple_ids = g_hash_table_new(tuple_hash, tuple_equal);
		v.wide = g_hash_table_new_full(g_int64_hash, g_int64_equal,
		    g_free, g_free);
		v.notes = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, NULL);
		v.tracked = g_new0(bool, v.nc + 1);
		for (h = 0; h < rule->reads->len; h++)
			v.tracked[g_array_index(rule->reads, guint, h)] = true;
		track_closure(&v);
		x = g_new0(int64_t, 1 + 2 * v.nc);
		x[0] = T_HEAD(v.nc, rule->start, 0, 0);
		for (h = 0; h < v.nc; h++) {
			int64_t init = ((const struct counter *)
			    p->counters->pdata[h])->init;

			x[1 + 2 * h] = v.tracked[h] ? init : NEG_INF;
			x[2 + 2 * h] = v.tracked[h] ? init : POS_INF;
		}
		start = tuple_id(&v, x);
		g_free(x);
	}
	w = efsa_walk(a, start, rule->reads != NULL ? (opts->graph ?
	    &cops_edges : &cops) : (opts->graph ? &ops_edges : &ops), &v,
	    opts->limit);
	done = g_hash_table_new(g_direct_hash, g_direct_equal);
	worst = g_hash_table_new(g_direct_hash, g_direct_equal);

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
		if (v.tuples != NULL && n->note > 0)
			keep_worst(worst, n->trans,
			    v.records->pdata[n->note - 1]);
		/* one conflict per completing transition: the first (the
		 * shortest), or a later one that needs no assumption */
		if (g_hash_table_lookup_extended(done, GINT_TO_POINTER(n->trans),
		    NULL, &prev)) {
			old = res->conflicts->pdata[GPOINTER_TO_UINT(prev)];
			if (!old->may || other_may(&v, n->other))
				continue;
		}
		c = g_new0(struct verify_conflict, 1);
		c->rule = ri;
		c->model = a;
		c->may = other_may(&v, n->other);
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
				    r->iv != NULL);
				g_string_append_printf(s, " at %s (s%u -> s%u): ",
				    t->name, t->src, t->dst);
				{
					GPtrArray *why = g_ptr_array_new_with_free_func(
					    g_free);
					guint j;

					event_reasons(rule, r->ev, t, why);
					for (j = 0; j < why->len; j++)
						g_string_append_printf(s, "%s%s",
						    j > 0 ? "; " : "",
						    (char *)why->pdata[j]);
					if (why->len == 0 && r->detail == NULL)
						g_string_append(s, "not "
						    "decided");
					g_ptr_array_free(why, TRUE);
				}
				if (r->detail != NULL)
					g_string_append_printf(s, "%s%s",
					    s->str[s->len - 2] == ':' ? "" :
					    "; ", r->detail);
				if (event_asks_files(rule->events->pdata[r->ev]))
					g_string_append(s, "; assumes the file "
					    "it names existed before the run "
					    "and was not made by it (a model "
					    "keeps no state of files)");
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

			if (r != NULL && r->iv != NULL)
				c->advice = advice_counters(&v, r, t);
			else
				c->advice = r != NULL ? g_strdup("no checked "
				    "fix: not checked") : g_strdup_printf("no "
				    "checked fix: the rule's pattern matches any "
				    "%s here", t->name);
		}
		g_array_free(path, TRUE);
		if (old != NULL) {
			conflict_free(old);
			res->conflicts->pdata[GPOINTER_TO_UINT(prev)] = c;
			g_array_index(cnodes, guint, GPOINTER_TO_UINT(prev) -
			    base) = node;
			g_array_index(cnotes, guint32, GPOINTER_TO_UINT(prev) -
			    base) = n->note;
			continue;
		}
		g_hash_table_insert(done, GINT_TO_POINTER(n->trans),
		    GUINT_TO_POINTER(res->conflicts->len));
		g_ptr_array_add(res->conflicts, c);
		g_array_append_val(cnodes, node);
		g_array_append_val(cnotes, n->note);
	}
	/* the advice of a conflict on counters is for the largest values
	 * any path to its transition reaches, not the shortest path's */
	for (h = 0; v.tuples != NULL && h < res->conflicts->len; h++) {
		struct verify_conflict *c = res->conflicts->pdata[h];
		const struct record *r;
		guint tid;

		if (c->model != a || c->rule != ri || c->path->len == 0)
			continue;
		tid = g_array_index(c->path, guint, c->path->len - 1);
		if ((r = g_hash_table_lookup(worst, GUINT_TO_POINTER(tid))) ==
		    NULL)
			continue;
		g_free(c->advice);
		c->advice = advice_counters(&v, r, g_ptr_array_index(a->trans,
		    tid));
	}
	/* each advice checked before it is printed */
	for (h = base; advise && h < res->conflicts->len; h++) {
		struct verify_conflict *c = res->conflicts->pdata[h];
		guint32 note = g_array_index(cnotes, guint32, h - base);
		const struct record *r = note > 0 ? v.records->pdata[note - 1] :
		    NULL;
		const struct record *wr;
		char *fix;

		if (r == NULL)
			continue;	/* a pattern that matches any call */
		wr = v.tuples != NULL ? g_hash_table_lookup(worst,
		    GUINT_TO_POINTER(r->trans)) : NULL;
		if (wr != NULL)
			r = wr;
		if (h - base >= FIX_MAX)
			fix = g_strdup_printf("no checked fix: not checked (more "
			    "than %d conflicts of this rule on this model)",
			    FIX_MAX);
		else if ((uint64_t)w->nodes->len * (h - base + 1) > FIX_WORK)
			fix = g_strdup_printf("no checked fix: not checked (a "
			    "product of %u states walked again per fix is more "
			    "than %d states in all)", w->nodes->len, FIX_WORK);
		else
			fix = advice_checked(p, ri, a, opts, r,
			    r->iv != NULL && strstr(c->advice, "without bound")
			    != NULL ? c->advice : "excluding what the model "
			    "learned of the event's arguments does not remove "
			    "it");
		g_free(c->advice);
		c->advice = fix;
	}
	g_array_free(cnotes, TRUE);
	g_hash_table_destroy(worst);
	if (opts->graph && cnodes->len > 0)
		g_ptr_array_add(res->graphs, graph_of(w, &v, a, ri, cnodes));
	g_array_free(cnodes, TRUE);
	g_hash_table_destroy(done);
	if (v.tuples != NULL) {
		g_hash_table_destroy(v.tuple_ids);
		g_ptr_array_free(v.tuples, TRUE);
		g_hash_table_destroy(v.wide);
		g_hash_table_destroy(v.notes);
		g_free(v.tracked);
	}
	for (h = 0; h < a->trans->len; h++)
		g_free(v.ti[h].notes);
	g_free(v.ti);
	g_hash_table_destroy(v.slots);
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
			    opts, res, true);
	return res;
}

struct verify_result *
policy_verify(const struct policy *p, const struct efsa_set *models,
    uint64_t limit)
{
	const struct verify_opts opts = { .limit = limit };

	return policy_verify_with(p, models, &opts);
}
