/*
 * rulemin.c: a rule's automaton reduced to its coarsest bisimulation
 * before anything walks it, so that the product of a model and a rule
 * (efsa-verify) and its drawing hold no two rule states that behave
 * alike: "any* . e" compiles to three states of which the first two have
 * the same moves, and becomes two.  The method is partition refinement
 * (Kanellakis and Smolka, Information and Computation 86(1), 1990, for
 * nondeterministic automata): start from the accepting and the other
 * states, split each block by the signature of its states (accepting, and
 * the sorted set of pairs of a label and the block the move leads to)
 * until no block splits.  Bisimilar states accept the same sequences of
 * labels from every point on, so the rule's language and every path of
 * labels are kept; bindings of variables follow events, not states.
 * Each round costs time linear in the states and moves and there are at
 * most as many rounds as states; past POLICY_MAX_WORK the rule is left as
 * compiled (larger, never wrong).
 */
#include <string.h>

#include "internal.h"

static gint
cmp_move(gconstpointer x, gconstpointer y)
{
	const struct ptrans *a = x, *b = y;

	if (a->label != b->label)
		return a->label < b->label ? -1 : 1;
	if (a->dst != b->dst)
		return a->dst < b->dst ? -1 : 1;
	return 0;
}

/*
 * The signature of state s under the partition block[]: a string of its
 * acceptance and its sorted, unique (label, block) pairs.
 */
static void
signature(GString *out, const struct prule *r, unsigned s,
    const unsigned *block, GArray *tmp)
{
	guint k;

	g_array_set_size(tmp, 0);
	for (k = 0; k < r->out[s]->len; k++) {
		struct ptrans t = g_array_index(r->out[s], struct ptrans, k);

		t.dst = block[t.dst];
		g_array_append_val(tmp, t);
	}
	g_array_sort(tmp, cmp_move);
	g_string_printf(out, "%u:%d", block[s], r->accepting[s] ? 1 : 0);
	for (k = 0; k < tmp->len; k++) {
		const struct ptrans *t = &g_array_index(tmp, struct ptrans, k);

		if (k > 0 && cmp_move(t, t - 1) == 0)
			continue;
		g_string_append_printf(out, ",%d>%u", t->label, t->dst);
	}
}

void
rule_minimize(struct prule *r)
{
	unsigned n = r->nstates, nblocks, s, b, k;
	unsigned *block = g_new(unsigned, n + 1);
	unsigned *next = g_new(unsigned, n + 1);
	unsigned *newid, *rep;
	GArray *tmp = g_array_new(FALSE, FALSE, sizeof(struct ptrans));
	GString *sig = g_string_new(NULL);
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GArray **out;
	bool *acc;
	GArray *work;
	uint64_t moves = 0, spent = 0;

	for (s = 0; s < n; s++)
		moves += r->out[s]->len;
	if (n < 2) {
		g_free(block);
		g_free(next);
		g_array_free(tmp, TRUE);
		g_string_free(sig, TRUE);
		g_hash_table_destroy(ids);
		return;
	}
	for (s = 0; s < n; s++)
		block[s] = 0;
	nblocks = 1;
	/*
	 * Each round numbers the signatures in the order of the states, so
	 * the blocks only split; the first round splits by acceptance.
	 */
	for (;;) {
		spent += n + moves;
		if (spent > POLICY_MAX_WORK) {
			nblocks = n;	/* too much work: leave r as it is */
			break;
		}
		g_hash_table_remove_all(ids);
		for (s = 0; s < n; s++) {
			gpointer id;

			signature(sig, r, s, block, tmp);
			if (!g_hash_table_lookup_extended(ids, sig->str, NULL,
			    &id)) {
				id = GUINT_TO_POINTER(g_hash_table_size(ids));
				g_hash_table_insert(ids, g_strdup(sig->str),
				    id);
			}
			next[s] = GPOINTER_TO_UINT(id);
		}
		memcpy(block, next, n * sizeof(unsigned));
		if (g_hash_table_size(ids) == nblocks)
			break;
		nblocks = g_hash_table_size(ids);
	}
	g_hash_table_destroy(ids);
	g_string_free(sig, TRUE);
	g_array_free(tmp, TRUE);
	g_free(next);
	if (nblocks == n) {
		g_free(block);
		return;
	}
	/*
	 * The quotient, its states numbered in the order the start state
	 * reaches them (as compile() numbers them); a block's moves are
	 * those of its first state, without repeats.
	 */
	rep = g_new(unsigned, nblocks);
	for (b = 0; b < nblocks; b++)
		rep[b] = G_MAXUINT;
	for (s = 0; s < n; s++)
		if (rep[block[s]] == G_MAXUINT)
			rep[block[s]] = s;
	newid = g_new(unsigned, nblocks);
	for (b = 0; b < nblocks; b++)
		newid[b] = G_MAXUINT;
	work = g_array_new(FALSE, FALSE, sizeof(unsigned));
	b = block[r->start];
	newid[b] = 0;
	g_array_append_val(work, b);
	for (k = 0; k < work->len; k++) {
		const GArray *o = r->out[rep[g_array_index(work, unsigned,
		    k)]];
		guint j;

		for (j = 0; j < o->len; j++) {
			unsigned d = block[g_array_index(o, struct ptrans,
			    j).dst];

			if (newid[d] == G_MAXUINT) {
				newid[d] = work->len;
				g_array_append_val(work, d);
			}
		}
	}
	out = g_new0(GArray *, work->len);
	acc = g_new0(bool, work->len);
	for (k = 0; k < work->len; k++) {
		unsigned from = rep[g_array_index(work, unsigned, k)];
		const GArray *o = r->out[from];
		guint j, i;

		out[k] = g_array_new(FALSE, FALSE, sizeof(struct ptrans));
		acc[k] = r->accepting[from];
		for (j = 0; j < o->len; j++) {
			struct ptrans t = g_array_index(o, struct ptrans, j);

			t.dst = newid[block[t.dst]];
			for (i = 0; i < out[k]->len && cmp_move(&g_array_index(
			    out[k], struct ptrans, i), &t) != 0; i++)
				continue;
			if (i == out[k]->len)
				g_array_append_val(out[k], t);
		}
	}
	for (s = 0; s < n; s++)
		g_array_free(r->out[s], TRUE);
	g_free(r->out);
	g_free(r->accepting);
	r->out = out;
	r->accepting = acc;
	r->nstates = work->len;
	r->start = 0;
	g_array_free(work, TRUE);
	g_free(newid);
	g_free(rep);
	g_free(block);
}
