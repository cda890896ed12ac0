/*
 * efsa.c: building EFSAs (states, keys, transitions, guards, registers) and
 * the set of models a file holds.  States and transitions live in pointer
 * arrays indexed by id; two hash tables find a state by key and a
 * transition by (source, name, target), so the learner and the replay add
 * or find one in time proportional to the key's length.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "efsa.h"
#include "internal.h"
#include "netrange.h"

G_DEFINE_QUARK(efsa-error-quark, efsa_error)

void
efsa_state_free(gpointer p)
{
	struct efsa_state *s = p;

	g_ptr_array_free(s->keys, TRUE);
	g_array_free(s->out, TRUE);
	g_ptr_array_free(s->execs, TRUE);
	g_free(s);
}

static void
exec_free(gpointer p)
{
	struct efsa_exec *x = p;

	g_free(x->image);
	g_free(x->seen);
	g_free(x);
}

void
efsa_guard_clear(struct efsa_guard *g)
{
	if (g->strs != NULL)
		g_ptr_array_free(g->strs, TRUE);
	if (g->prefixes != NULL)
		g_ptr_array_free(g->prefixes, TRUE);
	if (g->covers != NULL)
		g_array_free(g->covers, TRUE);
	if (g->ints != NULL)
		g_array_free(g->ints, TRUE);
	if (g->nets != NULL)
		g_ptr_array_free(g->nets, TRUE);
	g->strs = g->prefixes = g->nets = NULL;
	g->covers = g->ints = NULL;
}

static void
guard_clear_cb(gpointer p)
{
	efsa_guard_clear(p);
}

static void
test_clear_cb(gpointer p)
{
	struct efsa_test *t = p;

	g_array_free(t->regs, TRUE);
}

void
efsa_trans_free(struct efsa_trans *t)
{
	g_free(t->name);
	g_free(t->seen);
	g_array_free(t->guards, TRUE);
	g_array_free(t->tests, TRUE);
	g_array_free(t->assigns, TRUE);
	if (t->result != NULL) {
		efsa_guard_clear(t->result);
		g_free(t->result);
	}
	g_free(t);
}

const struct efsa_guard *
efsa_trans_result(const struct efsa_trans *t)
{
	return t->result;
}

void
efsa_trans_add_result(struct efsa_trans *t, const struct efsa_val *v,
    bool first)
{
	bool num = v != NULL && v->kind == EFSA_VAL_INT;

	if (first && num && t->result == NULL) {
		t->result = g_new0(struct efsa_guard, 1);
		*t->result = efsa_guard_init(0, EFSA_GUARD_RANGE);
		t->result->lo = t->result->hi = v->num;
		return;
	}
	if (t->result == NULL)
		return;
	if (!num) {
		efsa_guard_clear(t->result);
		g_free(t->result);
		t->result = NULL;
		return;
	}
	t->result->lo = MIN(t->result->lo, v->num);
	t->result->hi = MAX(t->result->hi, v->num);
}

static void
trans_free_cb(gpointer p)
{
	efsa_trans_free(p);
}

static void
reg_free(gpointer p)
{
	struct efsa_reg *r = p;

	g_free(r->name);
	g_free(r->note);
	g_free(r);
}

/* by_edge: a transition is its own key, by source, target and name. */
static guint
edge_hash(gconstpointer p)
{
	const struct efsa_trans *t = p;

	return g_str_hash(t->name) ^ (t->src * 0x9e3779b1u) ^
	    (t->dst * 0x85ebca6bu);
}

static gboolean
edge_equal(gconstpointer a, gconstpointer b)
{
	const struct efsa_trans *x = a, *y = b;

	return x->src == y->src && x->dst == y->dst &&
	    strcmp(x->name, y->name) == 0;
}

struct efsa *
efsa_new(const char *program)
{
	struct efsa *a = g_new0(struct efsa, 1);

	a->program = g_strdup(program);
	a->states = g_ptr_array_new_with_free_func(efsa_state_free);
	a->trans = g_ptr_array_new_with_free_func(trans_free_cb);
	a->regs = g_ptr_array_new_with_free_func(reg_free);
	a->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	a->by_edge = g_hash_table_new(edge_hash, edge_equal);
	return a;
}

void
efsa_free(struct efsa *a)
{
	if (a == NULL)
		return;
	g_free(a->program);
	g_ptr_array_free(a->states, TRUE);
	g_ptr_array_free(a->trans, TRUE);
	g_ptr_array_free(a->regs, TRUE);
	g_hash_table_destroy(a->by_key);
	g_hash_table_destroy(a->by_edge);
	g_free(a);
}

unsigned
efsa_add_state(struct efsa *a)
{
	struct efsa_state *s = g_new0(struct efsa_state, 1);

	s->id = a->states->len;
	s->keys = g_ptr_array_new_with_free_func(g_free);
	s->out = g_array_new(FALSE, FALSE, sizeof(guint));
	s->execs = g_ptr_array_new_with_free_func(exec_free);
	g_ptr_array_add(a->states, s);
	return s->id;
}

/* The place of image in s->execs, or where it would go (*found false). */
static guint
exec_find(const struct efsa_state *s, const char *image, bool *found)
{
	guint lo = 0, hi = s->execs->len;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		int c = strcmp(((const struct efsa_exec *)
		    s->execs->pdata[mid])->image, image);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

struct efsa_exec *
efsa_state_add_exec(struct efsa *a, unsigned s, const char *image)
{
	struct efsa_state *st = g_ptr_array_index(a->states, s);
	struct efsa_exec *x;
	bool found;
	guint at = exec_find(st, image, &found);

	if (found)
		return st->execs->pdata[at];
	x = g_new0(struct efsa_exec, 1);
	x->image = g_strdup(image);
	g_ptr_array_insert(st->execs, (gint)at, x);
	return x;
}

void
efsa_state_join_execs(struct efsa *a, unsigned into,
    const struct efsa_state *from)
{
	guint i;

	for (i = 0; i < from->execs->len; i++) {
		const struct efsa_exec *f = from->execs->pdata[i];
		struct efsa_exec *x = efsa_state_add_exec(a, into, f->image);

		x->count = x->count > UINT64_MAX - f->count ? UINT64_MAX :
		    x->count + f->count;
		if (x->seen == NULL)
			x->seen = g_strdup(f->seen);
	}
}

const struct efsa_exec *
efsa_state_exec(const struct efsa_state *s, const char *image)
{
	bool found;
	guint at = exec_find(s, image, &found);

	return found ? s->execs->pdata[at] : NULL;
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
efsa_state_add_key(struct efsa *a, unsigned id, const char *key)
{
	struct efsa_state *s = g_ptr_array_index(a->states, id);
	gpointer old;

	if (g_hash_table_lookup_extended(a->by_key, key, NULL, &old)) {
		g_return_if_fail(GPOINTER_TO_UINT(old) == id + 1);
		return;
	}
	g_hash_table_insert(a->by_key, g_strdup(key),
	    GUINT_TO_POINTER(id + 1));
	g_ptr_array_add(s->keys, g_strdup(key));
	g_ptr_array_sort(s->keys, cmp_str);
}

int
efsa_state_by_key(struct efsa *a, const char *key, bool create)
{
	gpointer v = g_hash_table_lookup(a->by_key, key);
	unsigned id;

	if (v != NULL)
		return (int)GPOINTER_TO_UINT(v) - 1;
	if (!create)
		return -1;
	id = efsa_add_state(a);
	efsa_state_add_key(a, id, key);
	return (int)id;
}

const struct efsa_state *
efsa_lookup_state(const struct efsa *a, const char *key)
{
	gpointer v = g_hash_table_lookup(a->by_key, key);

	return v == NULL ? NULL :
	    g_ptr_array_index(a->states, GPOINTER_TO_UINT(v) - 1);
}

struct efsa_trans *
efsa_trans_alloc(unsigned src, const char *name, unsigned dst)
{
	struct efsa_trans *t = g_new0(struct efsa_trans, 1);

	t->src = src;
	t->dst = dst;
	t->name = g_strdup(name);
	t->guards = g_array_new(FALSE, FALSE, sizeof(struct efsa_guard));
	g_array_set_clear_func(t->guards, guard_clear_cb);
	t->tests = g_array_new(FALSE, FALSE, sizeof(struct efsa_test));
	g_array_set_clear_func(t->tests, test_clear_cb);
	t->assigns = g_array_new(FALSE, FALSE, sizeof(struct efsa_assign));
	return t;
}

void
efsa_trans_attach(struct efsa *a, struct efsa_trans *t)
{
	struct efsa_state *s = g_ptr_array_index(a->states, t->src);
	guint id = a->trans->len;

	t->id = id;
	g_ptr_array_add(a->trans, t);
	g_array_append_val(s->out, id);
	g_hash_table_add(a->by_edge, t);
}

struct efsa_trans *
efsa_transition(struct efsa *a, unsigned src, const char *name,
    unsigned dst, bool create)
{
	struct efsa_trans probe, *t;

	g_return_val_if_fail(src < a->states->len && dst < a->states->len,
	    NULL);
	probe.src = src;
	probe.dst = dst;
	probe.name = (char *)name;
	t = g_hash_table_lookup(a->by_edge, &probe);
	if (t != NULL || !create)
		return t;
	t = efsa_trans_alloc(src, name, dst);
	efsa_trans_attach(a, t);
	return t;
}

unsigned
efsa_add_register(struct efsa *a, const char *note)
{
	struct efsa_reg *r = g_new0(struct efsa_reg, 1);

	r->name = g_strdup_printf("r%u", a->regs->len + 1);
	r->note = g_strdup(note);
	g_ptr_array_add(a->regs, r);
	return a->regs->len - 1;
}

struct efsa_guard
efsa_guard_init(unsigned arg, enum efsa_guard_kind kind)
{
	struct efsa_guard g = { .arg = arg, .kind = kind };

	switch (kind) {
	case EFSA_GUARD_STRINGS:
		g.prefixes = g_ptr_array_new_with_free_func(g_free);
		g.covers = g_array_new(FALSE, FALSE, sizeof(guint));
		/* FALLTHROUGH */
	case EFSA_GUARD_FLAGS:
		g.strs = g_ptr_array_new_with_free_func(g_free);
		break;
	case EFSA_GUARD_INTS:
		g.ints = g_array_new(FALSE, FALSE, sizeof(int64_t));
		break;
	case EFSA_GUARD_RANGE:
	case EFSA_GUARD_ABSENT:
		break;
	}
	return g;
}

static gint
cmp_i64(gconstpointer a, gconstpointer b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts a string array and drops repeats. */
static void
uniq_strs(GPtrArray *v, GArray *parallel)
{
	guint i, j;

	if (v == NULL || v->len < 2)
		return;
	if (parallel == NULL) {
		g_ptr_array_sort(v, cmp_str);
	} else {
		/* keep the pairing: insertion sort, the arrays are short */
		for (i = 1; i < v->len; i++) {
			for (j = i; j > 0 && strcmp(v->pdata[j - 1],
			    v->pdata[j]) > 0; j--) {
				gpointer p = v->pdata[j];
				guint c = g_array_index(parallel, guint, j);

				v->pdata[j] = v->pdata[j - 1];
				v->pdata[j - 1] = p;
				g_array_index(parallel, guint, j) =
				    g_array_index(parallel, guint, j - 1);
				g_array_index(parallel, guint, j - 1) = c;
			}
		}
	}
	for (i = 1, j = 1; i < v->len; i++) {
		if (strcmp(v->pdata[i], v->pdata[j - 1]) == 0) {
			g_free(v->pdata[i]);
			if (parallel != NULL)
				g_array_index(parallel, guint, j - 1) +=
				    g_array_index(parallel, guint, i);
			continue;
		}
		v->pdata[j] = v->pdata[i];
		if (parallel != NULL)
			g_array_index(parallel, guint, j) =
			    g_array_index(parallel, guint, i);
		j++;
	}
	/* the tail pointers were moved or freed: drop without freeing */
	while (v->len > j)
		g_ptr_array_steal_index(v, v->len - 1);
	if (parallel != NULL)
		g_array_set_size(parallel, j);
}

struct net_at {
	struct sockaddr_net n;	/* the bits past the prefix cleared */
	guint at;
};

static gint
cmp_net_at(gconstpointer a, gconstpointer b)
{
	const struct sockaddr_net *x = &((const struct net_at *)a)->n;
	const struct sockaddr_net *y = &((const struct net_at *)b)->n;
	int c;

	if (x->v6 != y->v6)
		return x->v6 ? 1 : -1;
	c = memcmp(x->ip, y->ip, sizeof(x->ip));
	return c != 0 ? c : (x->bits > y->bits) - (x->bits < y->bits);
}

/*
 * Sorts ranges and drops those within another, in one pass: ranges are
 * nested or disjoint, so in address order (a wider range first at the
 * same address) every range within another comes right after it or
 * after ranges within it.  A text that is no range is kept, to be
 * refused by its reader.
 */
static void
uniq_nets(GPtrArray *v)
{
	struct net_at *n;
	bool *inside;
	guint i, j, m = 0;
	int last = -1;

	if (v == NULL || v->len < 2)
		return;
	uniq_strs(v, NULL);
	n = g_new(struct net_at, v->len);
	inside = g_new0(bool, v->len);
	for (i = 0; i < v->len; i++) {
		struct sockaddr_net *x = &n[m].n;
		unsigned full, rest;

		if (!sockaddr_net_parse(v->pdata[i], strlen(v->pdata[i]), x))
			continue;
		full = x->bits / 8;
		rest = x->bits % 8;
		if (rest > 0)
			x->ip[full++] &= (uint8_t)(0xff << (8 - rest));
		memset(x->ip + full, 0, sizeof(x->ip) - full);
		n[m++].at = i;
	}
	qsort(n, m, sizeof(*n), cmp_net_at);
	for (i = 0; i < m; i++) {
		if (last >= 0 && sockaddr_net_within(&n[i].n, &n[last].n))
			inside[n[i].at] = true;
		else
			last = (int)i;
	}
	for (i = 0, j = 0; i < v->len; i++) {
		if (inside[i]) {
			g_free(v->pdata[i]);
			continue;
		}
		v->pdata[j++] = v->pdata[i];
	}
	while (v->len > j)
		g_ptr_array_steal_index(v, v->len - 1);
	g_free(n);
	g_free(inside);
}

bool
efsa_guard_ips_known(const struct efsa_guard *g)
{
	guint i;

	if (g->kind != EFSA_GUARD_FLAGS || g->nets != NULL)
		return true;
	for (i = 0; i < g->strs->len; i++)
		if (strcmp(g->strs->pdata[i], "AF_INET") == 0 ||
		    strcmp(g->strs->pdata[i], "AF_INET6") == 0)
			return false;
	return true;
}

void
efsa_guard_normalize(struct efsa_guard *g)
{
	guint i, j;

	uniq_strs(g->strs, NULL);
	uniq_strs(g->prefixes, g->covers);
	uniq_nets(g->nets);
	if (g->ints != NULL && g->ints->len > 1) {
		g_array_sort(g->ints, cmp_i64);
		for (i = 1, j = 1; i < g->ints->len; i++)
			if (g_array_index(g->ints, int64_t, i) !=
			    g_array_index(g->ints, int64_t, j - 1))
				g_array_index(g->ints, int64_t, j++) =
				    g_array_index(g->ints, int64_t, i);
		g_array_set_size(g->ints, j);
	}
	/* exact strings a prefix already covers are redundant */
	if (g->kind == EFSA_GUARD_STRINGS && g->prefixes->len > 0) {
		for (i = 0, j = 0; i < g->strs->len; i++) {
			struct efsa_val v = { .kind = EFSA_VAL_STR,
			    .str = g->strs->pdata[i] };
			struct efsa_guard only = *g;

			only.strs = NULL;
			if (efsa_guard_accepts(&only, &v)) {
				g_free(g->strs->pdata[i]);
				continue;
			}
			g->strs->pdata[j++] = g->strs->pdata[i];
		}
		while (g->strs->len > j)
			g_ptr_array_steal_index(g->strs, g->strs->len - 1);
	}
}

/* Finds the element for arg in an array of structs whose first member is
 * an unsigned argument index, kept sorted by it. */
static guint
find_arg(GArray *v, size_t size, unsigned arg, bool *found)
{
	guint lo = 0, hi = v->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		unsigned x = *(const unsigned *)(void *)(v->data + mid * size);

		if (x < arg)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < v->len &&
	    *(const unsigned *)(void *)(v->data + lo * size) == arg;
	return lo;
}

void
efsa_trans_set_guard(struct efsa_trans *t, struct efsa_guard *g)
{
	bool found;
	guint i = find_arg(t->guards, sizeof(*g), g->arg, &found);

	efsa_guard_normalize(g);
	if (found) {
		efsa_guard_clear(&g_array_index(t->guards, struct efsa_guard,
		    i));
		g_array_index(t->guards, struct efsa_guard, i) = *g;
	} else {
		g_array_insert_val(t->guards, i, *g);
	}
}

void
efsa_trans_drop_guard(struct efsa_trans *t, unsigned arg)
{
	bool found;
	guint i = find_arg(t->guards, sizeof(struct efsa_guard), arg,
	    &found);

	if (found)
		g_array_remove_index(t->guards, i);
}

const struct efsa_guard *
efsa_trans_guard(const struct efsa_trans *t, unsigned arg)
{
	bool found;
	guint i = find_arg(t->guards, sizeof(struct efsa_guard), arg,
	    &found);

	return found ? &g_array_index(t->guards, struct efsa_guard, i) :
	    NULL;
}

const struct efsa_test *
efsa_trans_test(const struct efsa_trans *t, unsigned arg)
{
	bool found;
	guint i = find_arg(t->tests, sizeof(struct efsa_test), arg, &found);

	return found ? &g_array_index(t->tests, struct efsa_test, i) : NULL;
}

void
efsa_trans_drop_test(struct efsa_trans *t, unsigned arg)
{
	bool found;
	guint i = find_arg(t->tests, sizeof(struct efsa_test), arg, &found);

	if (found)
		g_array_remove_index(t->tests, i);
}

static gint
cmp_uint(gconstpointer a, gconstpointer b)
{
	guint x = *(const guint *)a, y = *(const guint *)b;

	return x < y ? -1 : x > y;
}

void
efsa_trans_add_test(struct efsa_trans *t, unsigned arg, unsigned reg)
{
	bool found;
	guint i = find_arg(t->tests, sizeof(struct efsa_test), arg, &found);
	struct efsa_test *x;
	guint k;

	if (!found) {
		struct efsa_test n = { arg, g_array_new(FALSE, FALSE,
		    sizeof(guint)) };

		g_array_insert_val(t->tests, i, n);
	}
	x = &g_array_index(t->tests, struct efsa_test, i);
	for (k = 0; k < x->regs->len; k++)
		if (g_array_index(x->regs, guint, k) == reg)
			return;
	g_array_append_val(x->regs, reg);
	g_array_sort(x->regs, cmp_uint);
}

void
efsa_trans_add_assign(struct efsa_trans *t, unsigned reg, int src)
{
	bool found;
	guint i = find_arg(t->assigns, sizeof(struct efsa_assign), reg,
	    &found);
	struct efsa_assign as = { reg, src };

	if (found)
		g_array_index(t->assigns, struct efsa_assign, i) = as;
	else
		g_array_insert_val(t->assigns, i, as);
}

/* The efsa_set. */

struct efsa_set *
efsa_set_new(void)
{
	struct efsa_set *s = g_new0(struct efsa_set, 1);

	s->models = g_ptr_array_new_with_free_func((GDestroyNotify)efsa_free);
	s->version = 2;
	return s;
}

void
efsa_set_free(struct efsa_set *s)
{
	if (s == NULL)
		return;
	g_ptr_array_free(s->models, TRUE);
	g_free(s->states);
	g_free(s);
}

static guint
set_find(const struct efsa_set *s, const char *program, bool *found)
{
	guint lo = 0, hi = s->models->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		const struct efsa *m = g_ptr_array_index(s->models, mid);

		if (strcmp(m->program, program) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < s->models->len && strcmp(((const struct efsa *)
	    g_ptr_array_index(s->models, lo))->program, program) == 0;
	return lo;
}

struct efsa *
efsa_set_lookup(const struct efsa_set *s, const char *program)
{
	bool found;
	guint i = set_find(s, program, &found);

	return found ? g_ptr_array_index(s->models, i) : NULL;
}

bool
efsa_set_add(struct efsa_set *s, struct efsa *a)
{
	bool found;
	guint i = set_find(s, a->program, &found);

	if (found)
		return false;
	g_ptr_array_insert(s->models, (gint)i, a);
	return true;
}
