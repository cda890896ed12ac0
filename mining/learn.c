/*
 * learn.c: the EFSA learner of model-carrying code (Sekar,
 * Venkatakrishnan, Basu, Bhatkar, DuVarney, SOSP 2003), over the calls the
 * feed gives per process image:
 *
 * 1. states and transitions: a transition from the state a task is in to
 *    the state the call leads to, labelled with the call;
 * 2. argument values: per transition and argument, the values seen; at the
 *    end strings past the threshold are generalised to directory prefix
 *    patterns (generalize.c), numbers past it to a range, flags kept as
 *    the set of names seen.  Strings that change from run to run are the
 *    runs' inputs (the file tar archives, the page a server serves): when
 *    an argument was seen in two runs or more, the strings left exact that
 *    some of those runs lacked, if two or more, are folded into their
 *    longest common directory prefix;
 * 3. argument relations: an fd argument that is always the fd a call
 *    returned (the latest such call, per process), or a path that is
 *    always a path an earlier call named, becomes a test of registers
 *    assigned by those calls, beside the argument's value guard (both
 *    must hold).  The check uses the same rule (a register
 *    holds what its call last gave), so every run learned from conforms;
 * 4. exec edges: a successful execve adds, to the state the process was
 *    in before it, in the model of the image it leaves, an edge to the
 *    image it starts (issue 11), so the checker and the verifier can
 *    follow a run from one program into the next.
 *
 * Values are interned in the learner; per process the learner keeps, for
 * each value a call produced, which call produced it last.
 */
#include <string.h>

#include "automata/efsa.h"
#include "internal.h"
#include "learn.h"
#include "trace/norm.h"
#include "trace/sockaddr.h"
#include "trace/trace.h"

/* A producer: a transition and the slot it fills a register from (an
 * argument >= 0, or an output -1, -2, -3), packed in 32 bits. */
#define PROD(t, src)	(((guint)(t) << 4) | (guint)((src) + 8))
#define PROD_TRANS(p)	((p) >> 4)
#define PROD_SRC(p)	((int)((p) & 15) - 8)
#define PROD_MAX_TRANS	(1u << 27)

struct argacc {
	char role;
	uint64_t seen;		/* times the argument was there */
	unsigned kinds;		/* bit per efsa_vkind seen */
	unsigned runs;		/* runs in which it was there */
	unsigned last_run;	/* the last of them, + 1 */
	GHashTable *strs;	/* interned string -> struct valrun */
	GHashTable *flags;	/* interned flag name -> itself */
	GHashTable *flagsets;	/* interned flag set -> itself */
	GHashTable *ints;	/* int64 -> itself, at most threshold + 1 */
	GHashTable *ips;	/* addresses: interned IP -> struct valrun */
	bool ip_unknown;	/* an IP family without a readable IP */
	int64_t lo, hi;
	uint64_t uses;		/* relations: times seen */
	bool unmatched;		/* once not the value of any producer */
	GHashTable *producers;	/* prod -> itself */
};

/* In how many runs a string was seen. */
struct valrun {
	unsigned last_run;	/* + 1 */
	unsigned runs;
};

struct tacc {
	struct argacc arg[CALL_MAX_ARGS];
};

struct prog {
	struct efsa *a;
	GPtrArray *tacc;	/* per transition id */
	GHashTable *states;	/* interned key -> state id + 1 */
};

struct learner {
	struct learn_opts o;
	enum procs_states states;
	GHashTable *progs;	/* interned program -> struct prog */
	GHashTable *values;	/* string -> interned copy in chunk */
	GStringChunk *chunk;
	uint64_t runs;
};

/* Per task: the model of its image and who produced which value. */
struct ltask {
	struct prog *p;
	struct prog *exec_from;	/* the image an execve is leaving, with */
	const char *exec_key;	/* the state it leaves from; until the
				 * execve is learned */
	GHashTable *int_prod;	/* fd -> prod */
	GHashTable *str_prod;	/* interned path -> prod */
	GHashTable *last_int;	/* prod -> int64 (in a gint64 key...) */
	GHashTable *last_str;	/* prod -> interned path */
};

static void
argacc_clear(struct argacc *x)
{
	if (x->strs != NULL)
		g_hash_table_destroy(x->strs);
	if (x->flags != NULL)
		g_hash_table_destroy(x->flags);
	if (x->flagsets != NULL)
		g_hash_table_destroy(x->flagsets);
	if (x->ints != NULL)
		g_hash_table_destroy(x->ints);
	if (x->ips != NULL)
		g_hash_table_destroy(x->ips);
	if (x->producers != NULL)
		g_hash_table_destroy(x->producers);
}

static void
tacc_free(gpointer p)
{
	struct tacc *t = p;
	unsigned i;

	if (t == NULL)
		return;
	for (i = 0; i < CALL_MAX_ARGS; i++)
		argacc_clear(&t->arg[i]);
	g_free(t);
}

static void
prog_free(gpointer p)
{
	struct prog *g = p;

	efsa_free(g->a);
	g_ptr_array_free(g->tacc, TRUE);
	g_hash_table_destroy(g->states);
	g_free(g);
}

struct learner *
learner_new(const struct learn_opts *opts)
{
	struct learner *l = g_new0(struct learner, 1);

	if (opts != NULL)
		l->o = *opts;
	if (l->o.k == 0)
		l->o.k = 1;
	if (l->o.threshold == 0)
		l->o.threshold = 5;
	l->states = l->o.states == LEARN_STATES_STACK ? PROCS_STACK :
	    l->o.states == LEARN_STATES_CONTEXT ? PROCS_CONTEXT : PROCS_AUTO;
	l->progs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    prog_free);
	l->values = g_hash_table_new(g_str_hash, g_str_equal);
	l->chunk = g_string_chunk_new(65536);
	return l;
}

void
learner_free(struct learner *l)
{
	if (l == NULL)
		return;
	g_hash_table_destroy(l->progs);
	g_hash_table_destroy(l->values);
	g_string_chunk_free(l->chunk);
	g_free(l);
}

static const char *
intern(struct learner *l, const char *s)
{
	const char *v = g_hash_table_lookup(l->values, s);

	if (v == NULL) {
		v = g_string_chunk_insert(l->chunk, s);
		g_hash_table_insert(l->values, (gpointer)v, (gpointer)v);
	}
	return v;
}

static struct prog *
prog_of(struct learner *l, const char *program)
{
	struct prog *g = g_hash_table_lookup(l->progs, program);

	if (g == NULL) {
		g = g_new0(struct prog, 1);
		g->a = efsa_new(program);
		g->tacc = g_ptr_array_new_with_free_func(tacc_free);
		g->states = g_hash_table_new(g_direct_hash, g_direct_equal);
		g_hash_table_insert(l->progs, (gpointer)program, g);
	}
	return g;
}

static struct ltask *
ltask_new(void)
{
	struct ltask *t = g_new0(struct ltask, 1);

	t->int_prod = g_hash_table_new_full(g_int64_hash, g_int64_equal,
	    g_free, NULL);
	t->str_prod = g_hash_table_new(g_direct_hash, g_direct_equal);
	t->last_int = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    NULL, g_free);
	t->last_str = g_hash_table_new(g_direct_hash, g_direct_equal);
	return t;
}

static void
ltask_free(struct ltask *t)
{
	g_hash_table_destroy(t->int_prod);
	g_hash_table_destroy(t->str_prod);
	g_hash_table_destroy(t->last_int);
	g_hash_table_destroy(t->last_str);
	g_free(t);
}

static void
ltask_reset(struct ltask *t)
{
	t->p = NULL;
	g_hash_table_remove_all(t->int_prod);
	g_hash_table_remove_all(t->str_prod);
	g_hash_table_remove_all(t->last_int);
	g_hash_table_remove_all(t->last_str);
}

static void *
on_fork(void *ctx, struct proc *parent)
{
	struct ltask *t = ltask_new(), *p;
	GHashTableIter it;
	gpointer k, v;

	if (parent == NULL)
		return t;
	p = parent->data;
	t->p = p->p;
	g_hash_table_iter_init(&it, p->int_prod);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(t->int_prod, g_memdup2(k, sizeof(gint64)),
		    v);
	g_hash_table_iter_init(&it, p->str_prod);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(t->str_prod, k, v);
	g_hash_table_iter_init(&it, p->last_int);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(t->last_int, k, g_memdup2(v,
		    sizeof(gint64)));
	g_hash_table_iter_init(&it, p->last_str);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(t->last_str, k, v);
	return t;
}

static void
on_exec(void *ctx, struct proc *ft)
{
	struct ltask *t = ft->data;
	struct prog *from = t->p;

	ltask_reset(t);
	/* the exec edge is learned with the execve, which names the new
	 * image; an image that made no call has no model to hold it */
	t->exec_from = from;
	t->exec_key = ft->key;
}


static void
on_done(void *ctx, struct proc *ft)
{
	ltask_free(ft->data);
}

/* The producer of v, when it still holds v; 0 and false otherwise. */
static bool
producer_int(struct ltask *t, int64_t v, guint *prod)
{
	gpointer p = g_hash_table_lookup(t->int_prod, &v);
	const gint64 *last;

	if (p == NULL)
		return false;
	last = g_hash_table_lookup(t->last_int, p);
	if (last == NULL || *last != v)
		return false;
	*prod = GPOINTER_TO_UINT(p);
	return true;
}

static bool
producer_str(struct ltask *t, const char *v, guint *prod)
{
	gpointer p = g_hash_table_lookup(t->str_prod, v);

	if (p == NULL || g_hash_table_lookup(t->last_str, p) != v)
		return false;
	*prod = GPOINTER_TO_UINT(p);
	return true;
}

static void
produce_int(struct ltask *t, guint prod, int64_t v)
{
	g_hash_table_insert(t->int_prod, g_memdup2(&v, sizeof(v)),
	    GUINT_TO_POINTER(prod));
	g_hash_table_insert(t->last_int, GUINT_TO_POINTER(prod),
	    g_memdup2(&v, sizeof(v)));
}

static void
produce_str(struct ltask *t, guint prod, const char *v)
{
	g_hash_table_insert(t->str_prod, (gpointer)v, GUINT_TO_POINTER(prod));
	g_hash_table_insert(t->last_str, GUINT_TO_POINTER(prod), (gpointer)v);
}

static GHashTable *
set_new(void)
{
	return g_hash_table_new(g_direct_hash, g_direct_equal);
}

/* In how many runs s was seen, in the table h (made on first use). */
static void
count_run(GHashTable **h, const char *s, unsigned run)
{
	struct valrun *vr;

	if (*h == NULL)
		*h = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
		    g_free);
	vr = g_hash_table_lookup(*h, s);
	if (vr == NULL) {
		vr = g_new0(struct valrun, 1);
		g_hash_table_insert(*h, (gpointer)s, vr);
	}
	if (vr->last_run != run) {
		vr->last_run = run;
		vr->runs++;
	}
}

/* The IP of a socket address, or that an IP family had none we read. */
static void
accumulate_ip(struct learner *l, struct argacc *x,
    const struct sockaddr_info *sa, unsigned run)
{
	char buf[SOCKADDR_IP_TEXT];

	if (sockaddr_ip_text(sa, buf))
		count_run(&x->ips, intern(l, buf), run);
	else if (sa->family != NULL && (strcmp(sa->family, "AF_INET") == 0 ||
	    strcmp(sa->family, "AF_INET6") == 0))
		x->ip_unknown = true;
}

static void
accumulate(struct learner *l, struct argacc *x, const struct call_val *v,
    const char *iv)
{
	unsigned run = (unsigned)l->runs + 1;
	x->kinds |= 1u << v->kind;
	if (x->last_run != run) {
		x->last_run = run;
		x->runs++;
	}
	switch (v->kind) {
	case CALL_VAL_STR:
		count_run(&x->strs, iv, run);
		break;
	case CALL_VAL_FLAGS: {
		const char *p = intern(l, v->str), *bar;

		if (v->sa != NULL)
			accumulate_ip(l, x, v->sa, run);

		/* each set once: most calls repeat the sets they use */
		if (x->flagsets == NULL)
			x->flagsets = set_new();
		if (!g_hash_table_add(x->flagsets, (gpointer)p))
			break;
		if (x->flags == NULL)
			x->flags = set_new();
		for (;; p = bar + 1) {
			char *one;

			bar = strchr(p, '|');
			one = g_strndup(p, bar != NULL ? (gsize)(bar - p) :
			    strlen(p));
			g_hash_table_add(x->flags, (gpointer)intern(l, one));
			g_free(one);
			if (bar == NULL)
				break;
		}
		break;
	}
	case CALL_VAL_INT:
		if (x->ints == NULL) {
			x->ints = g_hash_table_new_full(g_int64_hash,
			    g_int64_equal, g_free, NULL);
			x->lo = x->hi = v->num;
		}
		x->lo = MIN(x->lo, v->num);
		x->hi = MAX(x->hi, v->num);
		if (g_hash_table_size(x->ints) <= l->o.threshold &&
		    !g_hash_table_contains(x->ints, &v->num))
			g_hash_table_add(x->ints, g_memdup2(&v->num,
			    sizeof(v->num)));
		break;
	case CALL_VAL_NONE:
		break;
	}
}

/* The state of an interned key, made on first use ("^" is initial). */
static int
state_of(struct prog *p, const char *key)
{
	gpointer v = g_hash_table_lookup(p->states, key);
	int id;

	if (v != NULL)
		return GPOINTER_TO_INT(v) - 1;
	id = efsa_state_by_key(p->a, key, true);
	if (key[0] == '^' && key[1] == '\0')
		((struct efsa_state *)g_ptr_array_index(p->a->states,
		    id))->initial = true;
	g_hash_table_insert(p->states, (gpointer)key, GINT_TO_POINTER(id + 1));
	return id;
}

/* The exec edge of the image t leaves, from the state it was in. */
static void
learn_exec(struct ltask *t, const struct call *fe)
{
	struct efsa_exec *x;
	int s;

	if (t->exec_from == NULL)
		return;
	s = state_of(t->exec_from, t->exec_key);
	x = efsa_state_add_exec(t->exec_from->a, (unsigned)s, fe->program);
	if (x->count++ == 0) {
		GString *seen = g_string_new(NULL);

		trace_escape_bytes(seen, fe->file, strlen(fe->file));
		g_string_append_printf(seen, ":%" G_GUINT64_FORMAT, fe->line);
		x->seen = g_string_free(seen, FALSE);
	}
	t->exec_from = NULL;
}

static void
on_event(void *ctx, struct proc *ft, const struct call *fe)
{
	struct learner *l = ctx;
	struct ltask *t = ft->data;
	struct efsa *a;
	struct efsa_trans *tr;
	struct tacc *acc;
	const char *iv[CALL_MAX_ARGS];
	int src, dst;
	unsigned i;

	if (fe->exec)
		learn_exec(t, fe);
	if (t->p == NULL) {
		t->p = prog_of(l, ft->program);
		t->p->a->processes++;
	}
	a = t->p->a;
	src = state_of(t->p, ft->key);
	dst = state_of(t->p, fe->key);
	tr = efsa_transition(a, (unsigned)src, fe->name, (unsigned)dst, true);
	{
		struct efsa_val res = { .kind = EFSA_VAL_NONE };

		if (fe->nouts > 0 && fe->outs[0].kind == CALL_VAL_INT) {
			res.kind = EFSA_VAL_INT;
			res.num = fe->outs[0].num;
		}
		efsa_trans_add_result(tr, &res, tr->count == 0);
	}
	if (tr->count++ == 0) {
		/* The file name as strace escapes bytes, as every name from
		 * a log is printed: a model is XML, and a control or
		 * non-UTF-8 byte would make it unreadable. */
		GString *seen = g_string_new(NULL);

		trace_escape_bytes(seen, fe->file, strlen(fe->file));
		g_string_append_printf(seen, ":%" G_GUINT64_FORMAT, fe->line);
		tr->seen = g_string_free(seen, FALSE);
	}
	a->events++;
	if (tr->id >= PROD_MAX_TRANS)
		return;
	if (t->p->tacc->len <= tr->id)
		g_ptr_array_set_size(t->p->tacc, (gint)tr->id + 1);
	acc = g_ptr_array_index(t->p->tacc, tr->id);
	if (acc == NULL) {
		acc = g_new0(struct tacc, 1);
		t->p->tacc->pdata[tr->id] = acc;
	}
	/* values, and which producer each fd and path came from */
	for (i = 0; i < fe->nargs; i++) {
		const struct call_val *v = &fe->args[i];
		struct argacc *x = &acc->arg[i];
		guint prod;
		bool found = false;

		iv[i] = NULL;
		if (fe->role[i] == 0)
			continue;
		if (x->role == 0)
			x->role = fe->role[i];
		x->seen++;
		if (v->kind == CALL_VAL_STR)
			iv[i] = intern(l, v->str);
		accumulate(l, x, v, iv[i]);
		if (fe->role[i] != 'f' && fe->role[i] != 'p')
			continue;
		x->uses++;
		if (fe->role[i] == 'f' && v->kind == CALL_VAL_INT)
			found = producer_int(t, v->num, &prod);
		else if (fe->role[i] == 'p' && iv[i] != NULL && *iv[i] != '\0')
			found = producer_str(t, iv[i], &prod);
		if (!found) {
			x->unmatched = true;
			continue;
		}
		if (x->producers == NULL)
			x->producers = set_new();
		g_hash_table_add(x->producers, GUINT_TO_POINTER(prod));
	}
	/* what this call produces, for the calls after it */
	if (fe->nouts > 0 && fe->outs[0].kind == CALL_VAL_INT &&
	    fe->outs[0].num >= 0 && fe->returns_fd)
		produce_int(t, PROD(tr->id, -1), fe->outs[0].num);
	for (i = 1; i < fe->nouts; i++)
		if (fe->outs[i].kind == CALL_VAL_INT)
			produce_int(t, PROD(tr->id, -(int)i - 1),
			    fe->outs[i].num);
	for (i = 0; i < fe->nargs; i++)
		if (fe->role[i] == 'p' && iv[i] != NULL && *iv[i] != '\0')
			produce_str(t, PROD(tr->id, (int)i), iv[i]);
}

bool
learner_add(struct learner *l, struct strace_reader *r, const char *name,
    GError **err)
{
	static const struct procs_ops ops = { on_event, on_exec, on_fork,
	    on_done };
	/* relative names by the absolute names the log places them at (-y,
	 * the working directory followed), as the monitor sees them;
	 * absolute ones as given, so that logs with and without -y agree
	 * on them */
	struct procs_opts o = { l->states, l->o.k, false, true, true };
	bool ok = procs_run(r, name, &o, &ops, l, err);

	l->states = o.states;

	l->runs++;
	return ok;
}

static gint
cmp_cstr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *
sorted_keys(GHashTable *h)
{
	GPtrArray *v = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(v, k);
	g_ptr_array_sort(v, cmp_cstr);
	return v;
}

static gint
cmp_i64p(gconstpointer a, gconstpointer b)
{
	int64_t x = **(int64_t *const *)a, y = **(int64_t *const *)b;

	return x < y ? -1 : x > y;
}

static gint
cmp_uintp(gconstpointer a, gconstpointer b)
{
	guint x = GPOINTER_TO_UINT(*(gconstpointer *)a);
	guint y = GPOINTER_TO_UINT(*(gconstpointer *)b);

	return x < y ? -1 : x > y;
}

/* The ranges of the IPs an address argument held: as values are, with
 * those that changed from run to run folded. */
static GPtrArray *
learned_nets(const struct learner *l, const struct argacc *x)
{
	GPtrArray *ips = sorted_keys(x->ips), *vary = g_ptr_array_new();
	GPtrArray *nets = g_ptr_array_new_with_free_func(g_free);
	guint i;

	for (i = 0; !l->o.exact_inputs && x->runs >= 2 && i < ips->len; i++) {
		const struct valrun *vr = g_hash_table_lookup(x->ips,
		    ips->pdata[i]);

		if (vr->runs < x->runs)
			g_ptr_array_add(vary, ips->pdata[i]);
	}
	learn_generalize_nets(ips, vary, l->o.threshold, nets);
	g_ptr_array_free(vary, TRUE);
	g_ptr_array_free(ips, TRUE);
	return nets;
}

/* The guard an argument's values give, if any. */
static bool
make_guard(const struct learner *l, const struct argacc *x, unsigned arg,
    struct efsa_guard *g)
{
	unsigned kinds = x->kinds & ~(1u << CALL_VAL_NONE);
	GPtrArray *v;
	guint i;

	/* an address that was NULL in every call */
	if (x->kinds == 1u << CALL_VAL_NONE && x->role == '-') {
		*g = efsa_guard_init(arg, EFSA_GUARD_ABSENT);
		return true;
	}
	if (kinds == 0 || (x->kinds & (1u << CALL_VAL_NONE)) ||
	    (kinds & (kinds - 1)) != 0)
		return false;	/* absent sometimes, or of mixed kinds */
	if (kinds == 1u << CALL_VAL_STR) {
		GPtrArray *input = g_ptr_array_new();

		v = sorted_keys(x->strs);
		*g = efsa_guard_init(arg, EFSA_GUARD_STRINGS);
		g->distinct = v->len;
		learn_generalize(v, l->o.threshold, LEARN_ROOT_SPREAD,
		    LEARN_ROOT_SPREAD, g->strs, g->prefixes, g->covers);
		/* strings that change from run to run are inputs: two or
		 * more left exact that some run lacked become one pattern */
		for (i = 0; !l->o.exact_inputs && x->runs >= 2 &&
		    i < g->strs->len; i++) {
			const struct valrun *vr = g_hash_table_lookup(x->strs,
			    intern((struct learner *)l, g->strs->pdata[i]));

			if (vr != NULL && vr->runs < x->runs)
				g_ptr_array_add(input, g->strs->pdata[i]);
		}
		if (input->len >= 2) {
			GPtrArray *ex = g_ptr_array_new_with_free_func(g_free);

			/* inputs of two runs or more may be any relative
			 * name (without ".."); "/" still needs the spread */
			learn_generalize(input, 1, LEARN_ROOT_SPREAD, 2, ex,
			    g->prefixes, g->covers);
			g_ptr_array_free(ex, TRUE);
		}
		g_ptr_array_free(input, TRUE);
		g_ptr_array_free(v, TRUE);
		return true;
	}
	if (kinds == 1u << CALL_VAL_FLAGS) {
		v = sorted_keys(x->flags);
		*g = efsa_guard_init(arg, EFSA_GUARD_FLAGS);
		for (i = 0; i < v->len; i++)
			g_ptr_array_add(g->strs, g_strdup(v->pdata[i]));
		g->distinct = v->len;
		g_ptr_array_free(v, TRUE);
		if (x->ips != NULL && !x->ip_unknown)
			g->nets = learned_nets(l, x);
		return true;
	}
	/* numbers: fds vary from run to run but 0, 1 and 2 */
	if (x->role == 'f' && (x->lo < 0 || x->hi > 2))
		return false;
	if (g_hash_table_size(x->ints) <= l->o.threshold) {
		GHashTableIter it;
		gpointer k;

		v = g_ptr_array_new();
		g_hash_table_iter_init(&it, x->ints);
		while (g_hash_table_iter_next(&it, &k, NULL))
			g_ptr_array_add(v, k);
		g_ptr_array_sort(v, cmp_i64p);
		*g = efsa_guard_init(arg, EFSA_GUARD_INTS);
		for (i = 0; i < v->len; i++)
			g_array_append_val(g->ints, *(int64_t *)v->pdata[i]);
		g->distinct = v->len;
		g_ptr_array_free(v, TRUE);
		return true;
	}
	*g = efsa_guard_init(arg, EFSA_GUARD_RANGE);
	g->lo = x->lo;
	g->hi = x->hi;
	g->distinct = g_hash_table_size(x->ints);
	return true;
}

/* The register that prod fills, made on first use. */
static guint
register_of(struct efsa *a, GHashTable *regs, guint prod)
{
	gpointer r;
	const struct efsa_trans *t;
	const struct efsa_state *from, *to;
	char *note;
	int src = PROD_SRC(prod);
	guint id;

	if (g_hash_table_lookup_extended(regs, GUINT_TO_POINTER(prod), NULL,
	    &r))
		return GPOINTER_TO_UINT(r);
	t = g_ptr_array_index(a->trans, PROD_TRANS(prod));
	from = g_ptr_array_index(a->states, t->src);
	to = g_ptr_array_index(a->states, t->dst);
	if (src == -1)
		note = g_strdup_printf("fd returned by %s (%s -> %s)", t->name,
		    (char *)from->keys->pdata[0], (char *)to->keys->pdata[0]);
	else if (src < 0)
		note = g_strdup_printf("fd %d made by %s (%s -> %s)", -src - 1,
		    t->name, (char *)from->keys->pdata[0],
		    (char *)to->keys->pdata[0]);
	else
		note = g_strdup_printf("path argument %d of %s (%s -> %s)",
		    src, t->name, (char *)from->keys->pdata[0],
		    (char *)to->keys->pdata[0]);
	id = efsa_add_register(a, note);
	g_free(note);
	efsa_trans_add_assign((struct efsa_trans *)t, id, src);
	g_hash_table_insert(regs, GUINT_TO_POINTER(prod), GUINT_TO_POINTER(id));
	return id;
}

/* Copies the learned automaton and writes guards, tests and registers. */
static struct efsa *
finish(const struct learner *l, const struct prog *p)
{
	struct efsa *a = efsa_new(p->a->program);
	GHashTable *regs = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint i, k;

	efsa_merge(a, p->a);
	for (i = 0; i < a->trans->len && i < p->tacc->len; i++) {
		struct efsa_trans *t = g_ptr_array_index(a->trans, i);
		const struct tacc *acc = g_ptr_array_index(p->tacc, i);

		for (k = 0; acc != NULL && k < CALL_MAX_ARGS; k++) {
			const struct argacc *x = &acc->arg[k];
			struct efsa_guard g;

			/* an argument some calls lacked is not constrained */
			if (x->seen != t->count)
				continue;
			if (x->uses > 0 && !x->unmatched && x->producers != NULL) {
				GPtrArray *ps = g_ptr_array_new();
				GHashTableIter it;
				gpointer key;
				guint j;

				g_hash_table_iter_init(&it, x->producers);
				while (g_hash_table_iter_next(&it, &key, NULL))
					g_ptr_array_add(ps, key);
				g_ptr_array_sort(ps, cmp_uintp);
				for (j = 0; j < ps->len; j++)
					efsa_trans_add_test(t, k, register_of(a,
					    regs, GPOINTER_TO_UINT(ps->pdata[j])));
				g_ptr_array_free(ps, TRUE);
				/* the value guard stays beside the test:
				 * both must hold */
			}
			if (make_guard(l, x, k, &g))
				efsa_trans_set_guard(t, &g);
		}
	}
	g_hash_table_destroy(regs);
	return a;
}

struct efsa_set *
learner_result(struct learner *l)
{
	struct efsa_set *s = efsa_set_new();
	GHashTableIter it;
	gpointer v;

	g_hash_table_iter_init(&it, l->progs);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		struct efsa *a = finish(l, v);

		if (l->o.minimize)
			efsa_minimize(a);
		efsa_set_add(s, a);
	}
	s->states = g_strdup(l->states == PROCS_STACK ? "stack" : "context");
	s->k = l->states == PROCS_STACK ? 0 : l->o.k;
	s->threshold = l->o.threshold;
	s->runs = l->runs;
	return s;
}
