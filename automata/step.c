/*
 * step.c: replaying one event through an EFSA: choosing the transition,
 * checking its guards and register tests, and applying its assignments.
 * This is the run-time half of model-carrying code (Sekar et al., SOSP
 * 2003): the model the learner wrote is the monitor's specification.
 */
#include <string.h>

#include "efsa.h"
#include "netrange.h"

bool
efsa_val_equal(const struct efsa_val *x, const struct efsa_val *y)
{
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case EFSA_VAL_NONE:
		return true;
	case EFSA_VAL_INT:
		return x->num == y->num;
	case EFSA_VAL_STR:
	case EFSA_VAL_FLAGS:
		return strcmp(x->str, y->str) == 0;
	}
	return false;
}

/* Whether the n bytes at s are one of the sorted strings of v. */
static bool
has_str(const GPtrArray *v, const char *s, size_t n)
{
	guint lo = 0, hi = v->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		const char *x = v->pdata[mid];
		int c = strncmp(x, s, n);

		if (c == 0)
			c = x[n] != '\0';
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Whether prefix p stands for s: s begins with p, is absolute exactly when
 * p is, and has no ".." component after p (a pattern never stands for a
 * name that climbs out of it).
 */
bool
efsa_prefix_accepts(const char *p, const char *s)
{
	size_t n = strlen(p);

	if (strncmp(s, p, n) != 0 || (p[0] == '/') != (s[0] == '/'))
		return false;
	for (s += n; *s != '\0'; s += *s == '/') {
		size_t c = strcspn(s, "/");

		if (c == 2 && s[0] == '.' && s[1] == '.')
			return false;
		s += c;
	}
	return true;
}

/* Whether v's IP is in one of the ranges. */
static bool
ip_in_nets(const GPtrArray *nets, const struct efsa_val *v)
{
	struct sockaddr_net one, n;
	guint i;

	sockaddr_net_of(v->v6, v->ip, &one);
	for (i = 0; i < nets->len; i++)
		if (sockaddr_net_parse(nets->pdata[i],
		    strlen(nets->pdata[i]), &n) && sockaddr_net_within(&one,
		    &n))
			return true;
	return false;
}

bool
efsa_guard_accepts(const struct efsa_guard *g, const struct efsa_val *v)
{
	const char *p, *bar;
	guint i, lo, hi;

	switch (g->kind) {
	case EFSA_GUARD_STRINGS:
		if (v->kind != EFSA_VAL_STR)
			return false;
		if (g->strs != NULL && has_str(g->strs, v->str,
		    strlen(v->str)))
			return true;
		for (i = 0; g->prefixes != NULL && i < g->prefixes->len; i++) {
			p = g->prefixes->pdata[i];
			if (efsa_prefix_accepts(p, v->str))
				return true;
		}
		return false;
	case EFSA_GUARD_INTS:
		if (v->kind != EFSA_VAL_INT)
			return false;
		lo = 0;
		hi = g->ints->len;
		while (lo < hi) {
			guint mid = (lo + hi) / 2;
			int64_t x = g_array_index(g->ints, int64_t, mid);

			if (x == v->num)
				return true;
			if (x < v->num)
				lo = mid + 1;
			else
				hi = mid;
		}
		return false;
	case EFSA_GUARD_RANGE:
		return v->kind == EFSA_VAL_INT && g->lo <= v->num &&
		    v->num <= g->hi;
	case EFSA_GUARD_ABSENT:
		return v->kind == EFSA_VAL_NONE;
	case EFSA_GUARD_FLAGS:
		if (v->kind != EFSA_VAL_FLAGS)
			return false;
		if (g->nets != NULL && v->ip != NULL &&
		    !ip_in_nets(g->nets, v))
			return false;
		for (p = v->str;; p = bar + 1) {
			bar = strchr(p, '|');
			if (bar == NULL)
				return has_str(g->strs, p, strlen(p));
			if (!has_str(g->strs, p, (size_t)(bar - p)))
				return false;
		}
	}
	return false;
}

struct efsa_regs *
efsa_regs_new(const struct efsa *a)
{
	struct efsa_regs *r = g_new0(struct efsa_regs, 1);

	r->n = a->regs->len;
	r->v = g_new0(struct efsa_val, r->n > 0 ? r->n : 1);
	return r;
}

struct efsa_regs *
efsa_regs_copy(const struct efsa_regs *r)
{
	struct efsa_regs *c = g_new0(struct efsa_regs, 1);
	unsigned i;

	c->n = r->n;
	c->v = g_new0(struct efsa_val, r->n > 0 ? r->n : 1);
	for (i = 0; i < r->n; i++) {
		c->v[i] = r->v[i];
		if (r->v[i].str != NULL)
			c->v[i].str = g_strdup(r->v[i].str);
	}
	return c;
}

void
efsa_regs_free(struct efsa_regs *r)
{
	unsigned i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		g_free((char *)r->v[i].str);
	g_free(r->v);
	g_free(r);
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

/* Checks t's guards and tests; fills dev with the first failure. */
static bool
holds(const struct efsa_trans *t, const struct efsa_event *ev,
    const struct efsa_regs *regs, struct efsa_dev *dev)
{
	guint i, k;

	for (i = 0; i < t->guards->len; i++) {
		const struct efsa_guard *g = &g_array_index(t->guards,
		    struct efsa_guard, i);

		if (!efsa_guard_accepts(g, arg_of(ev, (int)g->arg))) {
			dev->kind = EFSA_DEV_GUARD;
			dev->arg = g->arg;
			dev->guard = g;
			return false;
		}
	}
	for (i = 0; i < t->tests->len; i++) {
		const struct efsa_test *x = &g_array_index(t->tests,
		    struct efsa_test, i);
		const struct efsa_val *v = arg_of(ev, (int)x->arg);
		bool ok = false;

		for (k = 0; k < x->regs->len && !ok; k++) {
			guint r = g_array_index(x->regs, guint, k);

			ok = r < regs->n && regs->v[r].kind != EFSA_VAL_NONE &&
			    efsa_val_equal(&regs->v[r], v);
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

static void
assign(const struct efsa_trans *t, const struct efsa_event *ev,
    struct efsa_regs *regs)
{
	guint i;

	for (i = 0; i < t->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(t->assigns,
		    struct efsa_assign, i);
		const struct efsa_val *v = arg_of(ev, as->src);
		struct efsa_val *r;

		if (as->reg >= regs->n)
			continue;
		r = &regs->v[as->reg];
		g_free((char *)r->str);
		*r = *v;
		if (v->str != NULL)
			r->str = g_strdup(v->str);
	}
}

const struct efsa_trans *
efsa_step(const struct efsa *a, unsigned src, const struct efsa_event *ev,
    struct efsa_regs *regs, struct efsa_dev *dev)
{
	const struct efsa_state *s;
	const struct efsa_trans *t = NULL, *first = NULL;
	struct efsa_dev d;
	guint i;

	memset(dev, 0, sizeof(*dev));
	g_return_val_if_fail(src < a->states->len, NULL);
	if (ev->key != NULL) {
		const struct efsa_state *to = efsa_lookup_state(a, ev->key);

		if (to == NULL) {
			dev->kind = EFSA_DEV_UNKNOWN_STATE;
			return NULL;
		}
		t = efsa_transition((struct efsa *)a, src, ev->name, to->id,
		    false);
		if (t == NULL) {
			dev->kind = EFSA_DEV_UNKNOWN_CALL;
			return NULL;
		}
		holds(t, ev, regs, dev);
		assign(t, ev, regs);
		return t;
	}
	s = g_ptr_array_index(a->states, src);
	for (i = 0; i < s->out->len; i++) {
		t = g_ptr_array_index(a->trans, g_array_index(s->out, guint, i));
		if (strcmp(t->name, ev->name) != 0)
			continue;
		memset(&d, 0, sizeof(d));
		if (holds(t, ev, regs, &d)) {
			assign(t, ev, regs);
			return t;
		}
		if (first == NULL) {
			first = t;
			*dev = d;
		}
	}
	if (first == NULL) {
		dev->kind = EFSA_DEV_UNKNOWN_CALL;
		return NULL;
	}
	assign(first, ev, regs);
	return first;
}
