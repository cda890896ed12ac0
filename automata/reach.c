/*
 * reach.c: reachability.  One breadth-first walk from the initial states
 * gives, for every state, the transition by which a shortest path first
 * reaches it; shortest paths (counterexamples, in verification) are read
 * back from it, and trimming keeps what it reached.  Trimming also walks
 * backwards from the accepting states, when there are any.  Rebuilding
 * (used by trimming and by minimisation) copies what is kept into fresh
 * arrays so ids stay dense.
 */
#include <string.h>

#include "efsa.h"
#include "internal.h"

guint *
efsa_reach(const struct efsa *a, bool **seen_out)
{
	guint n = a->states->len;
	guint *pred = g_new0(guint, n > 0 ? n : 1);
	bool *seen = g_new0(bool, n > 0 ? n : 1);
	guint *queue = g_new(guint, n > 0 ? n : 1);
	guint head = 0, tail = 0, i;

	for (i = 0; i < n; i++) {
		const struct efsa_state *s = g_ptr_array_index(a->states, i);

		if (s->initial) {
			seen[i] = true;
			queue[tail++] = i;
		}
	}
	while (head < tail) {
		const struct efsa_state *s = g_ptr_array_index(a->states,
		    queue[head++]);

		for (i = 0; i < s->out->len; i++) {
			guint tid = g_array_index(s->out, guint, i);
			const struct efsa_trans *t = g_ptr_array_index(a->trans,
			    tid);

			if (seen[t->dst])
				continue;
			seen[t->dst] = true;
			pred[t->dst] = tid + 1;
			queue[tail++] = t->dst;
		}
	}
	g_free(queue);
	if (seen_out != NULL)
		*seen_out = seen;
	else
		g_free(seen);
	return pred;
}

GArray *
efsa_path(const struct efsa *a, unsigned s)
{
	bool *seen;
	guint *pred;
	GArray *path;
	guint len = 0, cur;

	g_return_val_if_fail(s < a->states->len, NULL);
	pred = efsa_reach(a, &seen);
	if (!seen[s]) {
		g_free(pred);
		g_free(seen);
		return NULL;
	}
	for (cur = s; pred[cur] != 0; len++)
		cur = ((const struct efsa_trans *)g_ptr_array_index(a->trans,
		    pred[cur] - 1))->src;
	path = g_array_sized_new(FALSE, FALSE, sizeof(guint), len);
	g_array_set_size(path, len);
	for (cur = s; pred[cur] != 0;) {
		guint tid = pred[cur] - 1;

		g_array_index(path, guint, --len) = tid;
		cur = ((const struct efsa_trans *)g_ptr_array_index(a->trans,
		    tid))->src;
	}
	g_free(pred);
	g_free(seen);
	return path;
}

void
efsa_rebuild(struct efsa *a, const bool *keep, const guint *map)
{
	GPtrArray *old_states = a->states, *old_trans = a->trans;
	guint n = old_states->len, i, k;
	guint *newid = g_new(guint, n > 0 ? n : 1);

	/* the old states are freed with their array; the transitions are
	 * moved or freed one by one */
	a->states = g_ptr_array_new_with_free_func(efsa_state_free);
	g_ptr_array_set_free_func(old_trans, NULL);
	a->trans = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)efsa_trans_free);
	g_hash_table_remove_all(a->by_key);
	g_hash_table_remove_all(a->by_edge);
	for (i = 0; i < n; i++)
		if (keep[i] && (map == NULL || map[i] == i))
			newid[i] = efsa_add_state(a);
	for (i = 0; i < n; i++) {
		const struct efsa_state *s = g_ptr_array_index(old_states, i);
		struct efsa_state *to;

		if (!keep[i])
			continue;
		if (map != NULL)
			newid[i] = newid[map[i]];
		to = g_ptr_array_index(a->states, newid[i]);
		to->initial |= s->initial;
		to->accepting |= s->accepting;
		for (k = 0; k < s->keys->len; k++)
			efsa_state_add_key(a, newid[i], s->keys->pdata[k]);
		efsa_state_join_execs(a, newid[i], s);
	}
	for (i = 0; i < old_trans->len; i++) {
		struct efsa_trans *t = g_ptr_array_index(old_trans, i), *have;

		if (!keep[t->src] || !keep[t->dst]) {
			efsa_trans_free(t);
			continue;
		}
		t->src = newid[t->src];
		t->dst = newid[t->dst];
		have = efsa_transition(a, t->src, t->name, t->dst, false);
		if (have != NULL) {
			efsa_trans_join(have, t, NULL);
			efsa_trans_free(t);
			continue;
		}
		efsa_trans_attach(a, t);
	}
	g_ptr_array_free(old_trans, TRUE);
	g_ptr_array_free(old_states, TRUE);
	g_free(newid);
}

unsigned
efsa_trim(struct efsa *a)
{
	guint n = a->states->len, i, removed = 0;
	bool *fwd, any_accepting = false;
	guint *pred = efsa_reach(a, &fwd);

	g_free(pred);
	for (i = 0; i < n; i++)
		any_accepting |= ((const struct efsa_state *)
		    g_ptr_array_index(a->states, i))->accepting;
	if (any_accepting) {
		/* backwards, breadth-first over the reversed transitions */
		bool *co = g_new0(bool, n > 0 ? n : 1);
		guint *first = g_new(guint, n + 1), *srcs, *queue;
		guint m = a->trans->len, head = 0, tail = 0;

		memset(first, 0, (n + 1) * sizeof(guint));
		for (i = 0; i < m; i++)
			first[((const struct efsa_trans *)
			    g_ptr_array_index(a->trans, i))->dst + 1]++;
		for (i = 0; i < n; i++)
			first[i + 1] += first[i];
		srcs = g_new(guint, m > 0 ? m : 1);
		{
			guint *fill = g_memdup2(first, (n + 1) * sizeof(guint));

			for (i = 0; i < m; i++) {
				const struct efsa_trans *t =
				    g_ptr_array_index(a->trans, i);

				srcs[fill[t->dst]++] = t->src;
			}
			g_free(fill);
		}
		queue = g_new(guint, n > 0 ? n : 1);
		for (i = 0; i < n; i++)
			if (((const struct efsa_state *)
			    g_ptr_array_index(a->states, i))->accepting) {
				co[i] = true;
				queue[tail++] = i;
			}
		while (head < tail) {
			guint d = queue[head++], j;

			for (j = first[d]; j < first[d + 1]; j++)
				if (!co[srcs[j]]) {
					co[srcs[j]] = true;
					queue[tail++] = srcs[j];
				}
		}
		g_free(queue);
		g_free(srcs);
		g_free(first);
		for (i = 0; i < n; i++)
			fwd[i] = fwd[i] && co[i];
		g_free(co);
	}
	for (i = 0; i < n; i++)
		removed += !fwd[i];
	if (removed > 0)
		efsa_rebuild(a, fwd, NULL);
	g_free(fwd);
	return removed;
}
