/*
 * minimize.c: merging the states no labelled run tells apart.  The method is
 * partition refinement (Moore 1956; Kanellakis and Smolka 1990 for the
 * nondeterministic case, where it computes the coarsest bisimulation):
 * start from one block of accepting and one of other states (apart, too,
 * by the images their exec edges run), then split
 * each block by the signature of its states (the set of pairs of a
 * transition label and the block it leads to) until no block splits.
 * A label is the whole of a transition but its ends: name, guards, tests
 * and assignments.  Rounds are at most the number of states; each costs
 * time linear in the transitions (signatures are sorted, then hashed).
 */
#include <stdio.h>
#include <string.h>

#include "efsa.h"
#include "internal.h"

static void
label_text(GString *out, const struct efsa_trans *t)
{
	guint i, k;

	g_string_append(out, t->name);
	for (i = 0; i < t->guards->len; i++) {
		const struct efsa_guard *g = &g_array_index(t->guards,
		    struct efsa_guard, i);

		g_string_append_printf(out, "\1g%u.%d", g->arg, (int)g->kind);
		for (k = 0; g->strs != NULL && k < g->strs->len; k++)
			g_string_append_printf(out, "\2%s",
			    (char *)g->strs->pdata[k]);
		for (k = 0; g->prefixes != NULL && k < g->prefixes->len; k++)
			g_string_append_printf(out, "\3%s",
			    (char *)g->prefixes->pdata[k]);
		for (k = 0; g->ints != NULL && k < g->ints->len; k++)
			g_string_append_printf(out, "\2%" G_GINT64_FORMAT,
			    g_array_index(g->ints, int64_t, k));
		if (g->nets != NULL)
			g_string_append_c(out, '\5');
		for (k = 0; g->nets != NULL && k < g->nets->len; k++)
			g_string_append_printf(out, "\4%s",
			    (char *)g->nets->pdata[k]);
		if (g->kind == EFSA_GUARD_RANGE)
			g_string_append_printf(out, "\2%" G_GINT64_FORMAT
			    "..%" G_GINT64_FORMAT, g->lo, g->hi);
	}
	for (i = 0; i < t->tests->len; i++) {
		const struct efsa_test *x = &g_array_index(t->tests,
		    struct efsa_test, i);

		g_string_append_printf(out, "\1t%u", x->arg);
		for (k = 0; k < x->regs->len; k++)
			g_string_append_printf(out, ",%u",
			    g_array_index(x->regs, guint, k));
	}
	for (i = 0; i < t->assigns->len; i++) {
		const struct efsa_assign *as = &g_array_index(t->assigns,
		    struct efsa_assign, i);

		g_string_append_printf(out, "\1a%u=%d", as->reg, as->src);
	}
}

static gint
cmp_u64(gconstpointer a, gconstpointer b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

	return x < y ? -1 : x > y;
}

unsigned
efsa_minimize(struct efsa *a)
{
	guint n = a->states->len, m = a->trans->len, i, k;
	guint *label = g_new(guint, m > 0 ? m : 1);
	guint *block = g_new(guint, n > 0 ? n : 1);
	guint *next = g_new(guint, n > 0 ? n : 1);
	guint *map = g_new(guint, n > 0 ? n : 1);
	bool *keep = g_new(bool, n > 0 ? n : 1);
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GString *buf = g_string_new(NULL);
	GArray *sig = g_array_new(FALSE, FALSE, sizeof(guint64));
	guint nblocks = 0, before;

	if (n == 0)
		goto done;
	for (i = 0; i < m; i++) {
		gpointer v;

		g_string_truncate(buf, 0);
		label_text(buf, g_ptr_array_index(a->trans, i));
		if (!g_hash_table_lookup_extended(ids, buf->str, NULL, &v)) {
			v = GUINT_TO_POINTER(g_hash_table_size(ids));
			g_hash_table_insert(ids, g_strdup(buf->str), v);
		}
		label[i] = GPOINTER_TO_UINT(v);
	}
	g_hash_table_remove_all(ids);
	/* the first blocks: by accepting, and by the images exec'd */
	for (i = 0; i < n; i++) {
		const struct efsa_state *s = g_ptr_array_index(a->states, i);
		gpointer v;

		g_string_printf(buf, "%d", s->accepting);
		for (k = 0; k < s->execs->len; k++)
			g_string_append_printf(buf, "\n%s",
			    ((const struct efsa_exec *)
			    s->execs->pdata[k])->image);
		if (!g_hash_table_lookup_extended(ids, buf->str, NULL, &v)) {
			v = GUINT_TO_POINTER(g_hash_table_size(ids));
			g_hash_table_insert(ids, g_strdup(buf->str), v);
		}
		block[i] = GPOINTER_TO_UINT(v);
	}
	do {
		before = nblocks;
		g_hash_table_remove_all(ids);
		for (i = 0; i < n; i++) {
			const struct efsa_state *s =
			    g_ptr_array_index(a->states, i);
			gpointer v;

			g_array_set_size(sig, 0);
			for (k = 0; k < s->out->len; k++) {
				guint tid = g_array_index(s->out, guint, k);
				const struct efsa_trans *t =
				    g_ptr_array_index(a->trans, tid);
				guint64 p = ((guint64)label[tid] << 32) |
				    block[t->dst];

				g_array_append_val(sig, p);
			}
			g_array_sort(sig, cmp_u64);
			g_string_printf(buf, "%u", block[i]);
			for (k = 0; k < sig->len; k++) {
				guint64 p = g_array_index(sig, guint64, k);

				if (k > 0 && p == g_array_index(sig, guint64,
				    k - 1))
					continue;
				g_string_append_printf(buf, ",%" G_GUINT64_FORMAT,
				    p);
			}
			if (!g_hash_table_lookup_extended(ids, buf->str, NULL,
			    &v)) {
				v = GUINT_TO_POINTER(g_hash_table_size(ids));
				g_hash_table_insert(ids, g_strdup(buf->str), v);
			}
			next[i] = GPOINTER_TO_UINT(v);
		}
		nblocks = g_hash_table_size(ids);
		memcpy(block, next, n * sizeof(guint));
	} while (nblocks != before);
	/* each state maps to the first state of its block */
	for (i = 0; i < n; i++)
		next[i] = G_MAXUINT;
	for (i = 0; i < n; i++) {
		if (next[block[i]] == G_MAXUINT)
			next[block[i]] = i;
		map[i] = next[block[i]];
		keep[i] = true;
	}
	if (nblocks < n)
		efsa_rebuild(a, keep, map);
done:
	g_free(label);
	g_free(block);
	g_free(next);
	g_free(map);
	g_free(keep);
	g_hash_table_destroy(ids);
	g_string_free(buf, TRUE);
	g_array_free(sig, TRUE);
	return n - a->states->len;
}
