/*
 * walk.c: the one product/reachability engine.  It explores, breadth first,
 * the pairs of a state of an EFSA and a state of some other automaton the
 * caller describes only by its moves (a policy, for verification), from
 * the initial states of the EFSA paired with a start state.  The caller's
 * step() says, for a transition of the EFSA and the other automaton's
 * state, where the other automaton may go (with a note per move: an
 * assumption made); pairs the caller finds interesting are recorded and
 * not explored further.  Each pair is reached first by a shortest path,
 * which is kept as predecessors, as libfsm's walk2 keeps the pairs of a
 * product (Hopcroft, Motwani and Ullman, 3rd ed., 4.2.1).
 *
 * When the caller asks for edges (ops->edges), every move is recorded as
 * well, including those to pairs already seen, and the table of pairs
 * keeps each pair's node so that such a move can name its target; without
 * them the table is a plain set, as fast as before.  efsa_walk_coreach()
 * then finds, by a breadth-first search over the reversed moves, the
 * pairs from which an interesting pair can be reached.
 */
#include <string.h>

#include "efsa.h"

struct walk {
	GArray *nodes;		/* of struct efsa_walk_node */
	GHashTable *seen;	/* (model state, other state), a set; with
				 * edges, -> node + 1 */
	GArray *edges;		/* of struct efsa_walk_edge; NULL: not asked */
	guint from;		/* the node being expanded */
	const struct efsa_trans *t;
	uint64_t limit;
	bool truncated;
};

/*
 * The pairs seen, keyed by (model state << 32 | other state).  Where a
 * pointer holds 64 bits the key is the pointer itself (no allocation per
 * pair); elsewhere it is allocated.
 */
#if GLIB_SIZEOF_VOID_P >= 8
#define KEY(k)		((gpointer)(guintptr)(k))
#define KEY_VAL(p)	((uint64_t)(guintptr)(p))
#define KEY_FREE	NULL

static gpointer
key_new(uint64_t k)
{
	return KEY(k);
}

static void
key_drop(gpointer p)
{
	(void)p;
}
#else
#define KEY_VAL(p)	(*(const uint64_t *)(p))
#define KEY_FREE	g_free

static gpointer
key_new(uint64_t k)
{
	return g_memdup2(&k, sizeof(k));
}

static void
key_drop(gpointer p)
{
	g_free(p);
}
#endif

static guint
key_hash(gconstpointer p)
{
	uint64_t k = KEY_VAL(p);

	k ^= k >> 33;
	k *= UINT64_C(0xff51afd7ed558ccd);
	k ^= k >> 33;
	return (guint)k;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
	return KEY_VAL(a) == KEY_VAL(b);
}

static void
add(struct walk *w, unsigned m, uint32_t other, int pred, int trans,
    uint32_t note)
{
	gpointer key = key_new(((uint64_t)m << 32) | other);
	struct efsa_walk_node n = { m, other, pred, trans, note };
	struct efsa_walk_edge e = { (guint)pred, 0, trans, note };
	gpointer old;

	if (w->edges == NULL) {
		/* one hash operation per move: add, and see whether the pair
		 * was new (the table keeps one key either way) */
		if (w->nodes->len >= w->limit) {
			if (!g_hash_table_contains(w->seen, key))
				w->truncated = true;
			key_drop(key);
			return;
		}
		if (g_hash_table_add(w->seen, key))
			g_array_append_val(w->nodes, n);
		return;
	}
	if (g_hash_table_lookup_extended(w->seen, key, NULL, &old)) {
		key_drop(key);
		e.to = GPOINTER_TO_UINT(old) - 1;
	} else if (w->nodes->len >= w->limit) {
		w->truncated = true;
		key_drop(key);
		return;
	} else {
		e.to = w->nodes->len;
		g_array_append_val(w->nodes, n);
		g_hash_table_insert(w->seen, key, GUINT_TO_POINTER(e.to + 1));
	}
	if (pred >= 0)
		g_array_append_val(w->edges, e);
}

static void
emit(void *wp, uint32_t other, uint32_t note)
{
	struct walk *w = wp;

	add(w, w->t->dst, other, (int)w->from, (int)w->t->id, note);
}

struct efsa_walk_result *
efsa_walk(const struct efsa *a, uint32_t start, const struct efsa_walk_ops *ops,
    void *ctx, uint64_t limit)
{
	struct walk w = { g_array_new(FALSE, FALSE,
	    sizeof(struct efsa_walk_node)), g_hash_table_new_full(key_hash,
	    key_equal, KEY_FREE, NULL), ops->edges ? g_array_new(FALSE, FALSE,
	    sizeof(struct efsa_walk_edge)) : NULL, 0, NULL, limit > 0 ? limit :
	    UINT64_MAX, false };
	struct efsa_walk_result *res = g_new0(struct efsa_walk_result, 1);
	guint i, k;
	/* the moves of each state in one flat array (off[s] to off[s + 1]),
	 * so that expanding a pair reads one place, not a state, its list
	 * and the list's data */
	guint *off = g_new(guint, a->states->len + 1);
	const struct efsa_trans **out = g_new(const struct efsa_trans *,
	    a->trans->len + 1);

	for (i = 0, k = 0; i < a->states->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(a->states, i);
		guint j;

		off[i] = k;
		for (j = 0; j < s->out->len; j++)
			out[k++] = g_ptr_array_index(a->trans,
			    g_array_index(s->out, guint, j));
	}
	off[i] = k;
	res->hits = g_array_new(FALSE, FALSE, sizeof(guint));
	for (i = 0; i < a->states->len; i++)
		if (((const struct efsa_state *)g_ptr_array_index(a->states,
		    i))->initial)
			add(&w, i, start, -1, -1, 0);
	for (w.from = 0; w.from < w.nodes->len; w.from++) {
		struct efsa_walk_node n = g_array_index(w.nodes,
		    struct efsa_walk_node, w.from);

		if (ops->interesting != NULL &&
		    ops->interesting(ctx, n.other)) {
			g_array_append_val(res->hits, w.from);
			continue;
		}
		for (k = off[n.m]; k < off[n.m + 1]; k++) {
			w.t = out[k];
			ops->step(ctx, a, w.t, n.other, emit, &w);
		}
	}
	g_free(off);
	g_free(out);
	res->nodes = w.nodes;
	res->edges = w.edges;
	res->truncated = w.truncated;
	g_hash_table_destroy(w.seen);
	return res;
}

GArray *
efsa_walk_path(const struct efsa_walk_result *res, guint node)
{
	GArray *path = g_array_new(FALSE, FALSE, sizeof(guint));
	int cur = (int)node;
	guint i;

	while (cur >= 0) {
		const struct efsa_walk_node *n = &g_array_index(res->nodes,
		    struct efsa_walk_node, cur);
		guint c = (guint)cur;

		if (n->pred < 0)
			break;
		g_array_append_val(path, c);
		cur = n->pred;
	}
	for (i = 0; i < path->len / 2; i++) {
		guint x = g_array_index(path, guint, i);

		g_array_index(path, guint, i) = g_array_index(path, guint,
		    path->len - 1 - i);
		g_array_index(path, guint, path->len - 1 - i) = x;
	}
	return path;
}

bool *
efsa_walk_coreach(const struct efsa_walk_result *res)
{
	guint n = res->nodes->len, i, head, tail;
	guint *first, *from, *queue;
	bool *keep;

	if (res->edges == NULL)
		return NULL;	/* the moves were not recorded */
	keep = g_new0(bool, n + 1);
	/* The reversed moves, grouped by target: first[t] .. first[t + 1]
	 * in from[] are the sources of the moves into t. */
	first = g_new0(guint, n + 2);
	from = g_new(guint, res->edges->len + 1);
	for (i = 0; i < res->edges->len; i++)
		first[g_array_index(res->edges, struct efsa_walk_edge,
		    i).to + 2]++;
	for (i = 2; i < n + 2; i++)
		first[i] += first[i - 1];
	for (i = 0; i < res->edges->len; i++) {
		const struct efsa_walk_edge *e = &g_array_index(res->edges,
		    struct efsa_walk_edge, i);

		from[first[e->to + 1]++] = e->from;
	}
	queue = g_new(guint, n + 1);
	head = tail = 0;
	for (i = 0; i < res->hits->len; i++) {
		guint h = g_array_index(res->hits, guint, i);

		if (!keep[h]) {
			keep[h] = true;
			queue[tail++] = h;
		}
	}
	while (head < tail) {
		guint t = queue[head++];

		for (i = first[t]; i < first[t + 1]; i++)
			if (!keep[from[i]]) {
				keep[from[i]] = true;
				queue[tail++] = from[i];
			}
	}
	g_free(queue);
	g_free(from);
	g_free(first);
	return keep;
}

void
efsa_walk_result_free(struct efsa_walk_result *res)
{
	if (res == NULL)
		return;
	g_array_free(res->nodes, TRUE);
	g_array_free(res->hits, TRUE);
	if (res->edges != NULL)
		g_array_free(res->edges, TRUE);
	g_free(res);
}
