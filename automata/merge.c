/*
 * merge.c: joining transitions and merging automata.  Learning the same
 * program from many runs (Sekar et al. merge the automata of every trace of
 * a program) and minimisation both need to join two transitions into one
 * that accepts what either accepted: guards are joined, a register test
 * survives only when both transitions have it.
 */
#include <string.h>

#include "efsa.h"
#include "internal.h"

/* Counts add up without wrapping. */
static uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static GPtrArray *
strv_copy(const GPtrArray *v)
{
	GPtrArray *c = g_ptr_array_new_full(v != NULL ? v->len : 0, g_free);
	guint i;

	for (i = 0; v != NULL && i < v->len; i++)
		g_ptr_array_add(c, g_strdup(v->pdata[i]));
	return c;
}

static void
strv_append(GPtrArray *to, const GPtrArray *from)
{
	guint i;

	for (i = 0; from != NULL && i < from->len; i++)
		g_ptr_array_add(to, g_strdup(from->pdata[i]));
}

static struct efsa_guard
guard_copy(const struct efsa_guard *g)
{
	struct efsa_guard c = *g;

	c.strs = g->strs != NULL ? strv_copy(g->strs) : NULL;
	c.prefixes = g->prefixes != NULL ? strv_copy(g->prefixes) : NULL;
	c.covers = g->covers != NULL ? g_array_copy(g->covers) : NULL;
	c.ints = g->ints != NULL ? g_array_copy(g->ints) : NULL;
	c.nets = g->nets != NULL ? strv_copy(g->nets) : NULL;
	return c;
}

static void
int_bounds(const struct efsa_guard *g, int64_t *lo, int64_t *hi)
{
	if (g->kind == EFSA_GUARD_RANGE) {
		*lo = g->lo;
		*hi = g->hi;
		return;
	}
	*lo = INT64_MAX;
	*hi = INT64_MIN;
	if (g->ints->len > 0) {
		*lo = g_array_index(g->ints, int64_t, 0);
		*hi = g_array_index(g->ints, int64_t, g->ints->len - 1);
	}
}

static bool
is_int(enum efsa_guard_kind k)
{
	return k == EFSA_GUARD_INTS || k == EFSA_GUARD_RANGE;
}

/* The ranges of a join of address guards (before their families are
 * joined): every IP of either, unknown when either does not tell. */
static void
join_nets(struct efsa_guard *g, const struct efsa_guard *from)
{
	if (g->kind != EFSA_GUARD_FLAGS)
		return;
	if (!efsa_guard_ips_known(g) || !efsa_guard_ips_known(from)) {
		if (g->nets != NULL)
			g_ptr_array_free(g->nets, TRUE);
		g->nets = NULL;
		return;
	}
	if (from->nets == NULL)
		return;
	if (g->nets == NULL)
		g->nets = strv_copy(from->nets);
	else
		strv_append(g->nets, from->nets);
}

/* Joins from into g; false when the result is no constraint at all. */
static bool
guard_join(struct efsa_guard *g, const struct efsa_guard *from)
{
	int64_t lo1, hi1, lo2, hi2;

	if (g->distinct < from->distinct)
		g->distinct = from->distinct;
	if (g->kind == EFSA_GUARD_ABSENT || from->kind == EFSA_GUARD_ABSENT)
		return g->kind == from->kind;
	if (g->kind == from->kind && g->kind != EFSA_GUARD_RANGE) {
		strv_append(g->strs, from->strs);
		if (g->prefixes != NULL) {
			strv_append(g->prefixes, from->prefixes);
			g_array_append_vals(g->covers, from->covers->data,
			    from->covers->len);
		}
		if (g->ints != NULL)
			g_array_append_vals(g->ints, from->ints->data,
			    from->ints->len);
		join_nets(g, from);
		efsa_guard_normalize(g);
		return true;
	}
	if (!is_int(g->kind) || !is_int(from->kind))
		return false;
	int_bounds(g, &lo1, &hi1);
	int_bounds(from, &lo2, &hi2);
	efsa_guard_clear(g);
	g->kind = EFSA_GUARD_RANGE;
	g->lo = MIN(lo1, lo2);
	g->hi = MAX(hi1, hi2);
	return true;
}

static guint
reg_of(const guint *regmap, guint r)
{
	return regmap != NULL ? regmap[r] : r;
}

/* Copies from's guards, tests and assignments into a transition that has
 * none. */
void
efsa_trans_copy_into(struct efsa_trans *into, const struct efsa_trans *from,
    const guint *regmap)
{
	guint i, k;

	into->count = from->count;
	into->seen = g_strdup(from->seen);
	if (from->result != NULL) {
		struct efsa_val lo = { .kind = EFSA_VAL_INT, .num = from->result->lo };
		struct efsa_val hi = { .kind = EFSA_VAL_INT, .num = from->result->hi };

		efsa_trans_add_result(into, &lo, true);
		efsa_trans_add_result(into, &hi, false);
	}
	for (i = 0; i < from->guards->len; i++) {
		struct efsa_guard g = guard_copy(&g_array_index(from->guards,
		    struct efsa_guard, i));

		efsa_trans_set_guard(into, &g);
	}
	for (i = 0; i < from->tests->len; i++) {
		const struct efsa_test *x = &g_array_index(from->tests,
		    struct efsa_test, i);

		for (k = 0; k < x->regs->len; k++)
			efsa_trans_add_test(into, x->arg, reg_of(regmap,
			    g_array_index(x->regs, guint, k)));
	}
	for (i = 0; i < from->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(from->assigns,
		    struct efsa_assign, i);

		efsa_trans_add_assign(into, reg_of(regmap, as->reg), as->src);
	}
}

void
efsa_trans_join(struct efsa_trans *into, const struct efsa_trans *from,
    const guint *regmap)
{
	guint i, k;

	into->count = sat_add(into->count, from->count);
	if (into->seen == NULL)
		into->seen = g_strdup(from->seen);
	if (from->result == NULL) {
		efsa_trans_add_result(into, NULL, false);
	} else {
		struct efsa_val lo = { .kind = EFSA_VAL_INT, .num = from->result->lo };
		struct efsa_val hi = { .kind = EFSA_VAL_INT, .num = from->result->hi };

		efsa_trans_add_result(into, &lo, false);
		efsa_trans_add_result(into, &hi, false);
	}
	for (i = 0; i < into->guards->len;) {
		struct efsa_guard *g = &g_array_index(into->guards,
		    struct efsa_guard, i);
		const struct efsa_guard *f = efsa_trans_guard(from, g->arg);

		if (f == NULL || !guard_join(g, f)) {
			efsa_trans_drop_guard(into, g->arg);
			continue;
		}
		i++;
	}
	for (i = 0; i < into->tests->len;) {
		const struct efsa_test *x = &g_array_index(into->tests,
		    struct efsa_test, i);
		const struct efsa_test *f = efsa_trans_test(from, x->arg);
		unsigned arg = x->arg;

		if (f == NULL) {
			efsa_trans_drop_test(into, arg);
			continue;
		}
		for (k = 0; k < f->regs->len; k++)
			efsa_trans_add_test(into, arg, reg_of(regmap,
			    g_array_index(f->regs, guint, k)));
		i++;
	}
	for (i = 0; i < from->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(from->assigns,
		    struct efsa_assign, i);

		efsa_trans_add_assign(into, reg_of(regmap, as->reg), as->src);
	}
}

void
efsa_merge(struct efsa *dst, const struct efsa *src)
{
	guint *smap = g_new(guint, src->states->len + 1);
	guint *regmap = g_new(guint, src->regs->len + 1);

	efsa_merge_keyed(dst, src, NULL, smap, regmap);
	g_free(smap);
	g_free(regmap);
}

void
efsa_merge_keyed(struct efsa *dst, const struct efsa *src,
    const char *prefix, guint *smap, guint *regmap)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	guint i, k;

	for (i = 0; i < src->regs->len; i++) {
		const struct efsa_reg *r = g_ptr_array_index(src->regs, i);

		regmap[i] = efsa_add_register(dst, r->note);
	}
	for (i = 0; i < src->states->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(src->states, i);
		int id = -1;
		struct efsa_state *d;

		g_ptr_array_set_size(keys, 0);
		for (k = 0; k < s->keys->len; k++)
			g_ptr_array_add(keys, g_strconcat(prefix != NULL ?
			    prefix : "", s->keys->pdata[k], NULL));
		/* the first key already in dst names the state; the others
		 * become its aliases */
		for (k = 0; k < keys->len && id < 0; k++)
			id = efsa_state_by_key(dst, keys->pdata[k], false);
		if (id < 0)
			id = (int)efsa_add_state(dst);
		for (k = 0; k < keys->len; k++)
			if (efsa_state_by_key(dst, keys->pdata[k], false) < 0)
				efsa_state_add_key(dst, (unsigned)id,
				    keys->pdata[k]);
		d = g_ptr_array_index(dst->states, id);
		d->initial |= s->initial;
		d->accepting |= s->accepting;
		efsa_state_join_execs(dst, (unsigned)id, s);
		smap[i] = (guint)id;
	}
	for (i = 0; i < src->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(src->trans, i);
		struct efsa_trans *have = efsa_transition(dst, smap[t->src],
		    t->name, smap[t->dst], false);

		if (have != NULL) {
			efsa_trans_join(have, t, regmap);
		} else {
			have = efsa_transition(dst, smap[t->src], t->name,
			    smap[t->dst], true);
			efsa_trans_copy_into(have, t, regmap);
		}
	}
	dst->processes = sat_add(dst->processes, src->processes);
	dst->events = sat_add(dst->events, src->events);
	g_ptr_array_free(keys, TRUE);
}
