/*
 * link.c: linking the models of a set by their exec edges, so that a
 * policy on a whole run is verified across process images (model-carrying
 * code, Sekar et al., SOSP 2003, learns one automaton per program; a run
 * that execs goes on in another program's automaton).
 *
 * The linked automaton of a root is the root's model, its states and
 * transitions keeping their ids, followed by one copy of the model of
 * each image the root execs, directly or through other images, each image
 * once (so cycles end), its keys prefixed by "IMAGE: ".  An exec edge of
 * a state s to image X becomes, for each transition t leaving an initial
 * state of X (the execve that starts X, with the path X's model learned),
 * a transition from s like t to the copy of t's target.  A product walk
 * of the linked automaton therefore goes from the state where an image
 * execs into the new image, as the process does.
 */
#include <string.h>

#include "efsa.h"
#include "internal.h"

/* An image copied into the linked automaton: where its states went. */
struct linked {
	const struct efsa *a;
	guint *smap;
	guint *regmap;
};

static void
linked_free(gpointer p)
{
	struct linked *l = p;

	g_free(l->smap);
	g_free(l->regmap);
	g_free(l);
}

struct efsa *
efsa_link(const struct efsa_set *set, const struct efsa *root)
{
	struct efsa *out = efsa_new(root->program);
	GHashTable *done = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, linked_free);
	GPtrArray *queue = g_ptr_array_new();
	struct linked *l;
	guint q, i, k, j;

	l = g_new0(struct linked, 1);
	l->a = root;
	l->smap = g_new(guint, root->states->len + 1);
	l->regmap = g_new(guint, root->regs->len + 1);
	efsa_merge_keyed(out, root, NULL, l->smap, l->regmap);
	g_hash_table_insert(done, root->program, l);
	g_ptr_array_add(queue, l);
	/* every image reachable by exec edges, copied once, breadth first */
	for (q = 0; q < queue->len; q++) {
		const struct linked *from = queue->pdata[q];

		for (i = 0; i < from->a->states->len; i++) {
			const struct efsa_state *s = g_ptr_array_index(
			    from->a->states, i);

			for (k = 0; k < s->execs->len; k++) {
				const struct efsa_exec *e = s->execs->pdata[k];
				const struct efsa *x;
				char *prefix;

				if (g_hash_table_contains(done, e->image))
					continue;
				x = efsa_set_lookup(set, e->image);
				if (x == NULL)
					continue;
				l = g_new0(struct linked, 1);
				l->a = x;
				l->smap = g_new(guint, x->states->len + 1);
				l->regmap = g_new(guint, x->regs->len + 1);
				prefix = g_strconcat(x->program, ": ", NULL);
				efsa_merge_keyed(out, x, prefix, l->smap,
				    l->regmap);
				g_free(prefix);
				/* a copy starts where its execs lead it from */
				for (j = 0; j < x->states->len; j++)
					((struct efsa_state *)g_ptr_array_index(
					    out->states, l->smap[j]))->initial =
					    false;
				g_hash_table_insert(done, x->program, l);
				g_ptr_array_add(queue, l);
			}
		}
	}
	/* the exec edges, as the execve transitions of the images they run */
	for (q = 0; q < queue->len; q++) {
		const struct linked *from = queue->pdata[q];

		for (i = 0; i < from->a->states->len; i++) {
			const struct efsa_state *s = g_ptr_array_index(
			    from->a->states, i);

			for (k = 0; k < s->execs->len; k++) {
				const struct efsa_exec *e = s->execs->pdata[k];
				const struct linked *to = g_hash_table_lookup(
				    done, e->image);

				if (to == NULL)
					continue;
				for (j = 0; j < to->a->trans->len; j++) {
					const struct efsa_trans *t =
					    g_ptr_array_index(to->a->trans, j);
					const struct efsa_state *ts =
					    g_ptr_array_index(to->a->states,
					    t->src);
					struct efsa_trans *n;

					if (!ts->initial)
						continue;
					n = efsa_transition(out,
					    from->smap[i], t->name,
					    to->smap[t->dst], false);
					if (n != NULL) {
						efsa_trans_join(n, t,
						    to->regmap);
						continue;
					}
					n = efsa_transition(out,
					    from->smap[i], t->name,
					    to->smap[t->dst], true);
					efsa_trans_copy_into(n, t, to->regmap);
				}
			}
		}
	}
	out->processes = root->processes;
	out->events = root->events;
	g_ptr_array_free(queue, TRUE);
	g_hash_table_destroy(done);
	return out;
}

/* Marks in seen the images reachable from a by exec edges (a too). */
static void
mark_reach(const struct efsa_set *set, const struct efsa *a,
    GHashTable *seen)
{
	GPtrArray *queue = g_ptr_array_new();
	guint q, i, k;

	if (g_hash_table_add(seen, a->program))
		g_ptr_array_add(queue, (gpointer)a);
	for (q = 0; q < queue->len; q++) {
		const struct efsa *x = queue->pdata[q];

		for (i = 0; i < x->states->len; i++) {
			const struct efsa_state *s = g_ptr_array_index(
			    x->states, i);

			for (k = 0; k < s->execs->len; k++) {
				const struct efsa_exec *e = s->execs->pdata[k];
				const struct efsa *y = efsa_set_lookup(set,
				    e->image);

				if (y != NULL && g_hash_table_add(seen,
				    y->program))
					g_ptr_array_add(queue, (gpointer)y);
			}
		}
	}
	g_ptr_array_free(queue, TRUE);
}

struct efsa_set *
efsa_set_link(const struct efsa_set *set)
{
	struct efsa_set *out = efsa_set_new();
	GHashTable *execd = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *covered = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *roots = g_ptr_array_new();
	guint i, k, j;

	out->states = g_strdup(set->states);
	out->k = set->k;
	out->threshold = set->threshold;
	out->runs = set->runs;
	out->version = set->version;
	/* a model another model execs is verified inside that one */
	for (i = 0; i < set->models->len; i++) {
		const struct efsa *a = g_ptr_array_index(set->models, i);

		for (k = 0; k < a->states->len; k++) {
			const struct efsa_state *s = g_ptr_array_index(
			    a->states, k);

			for (j = 0; j < s->execs->len; j++) {
				const struct efsa_exec *e = s->execs->pdata[j];

				if (strcmp(e->image, a->program) != 0 &&
				    efsa_set_lookup(set, e->image) != NULL)
					g_hash_table_add(execd, e->image);
			}
		}
	}
	for (i = 0; i < set->models->len; i++) {
		const struct efsa *a = g_ptr_array_index(set->models, i);

		if (!g_hash_table_contains(execd, a->program)) {
			g_ptr_array_add(roots, (gpointer)a);
			mark_reach(set, a, covered);
		}
	}
	/* images that only exec each other: the first of each cycle, in
	 * program order, is a root */
	for (i = 0; i < set->models->len; i++) {
		const struct efsa *a = g_ptr_array_index(set->models, i);

		if (!g_hash_table_contains(covered, a->program)) {
			g_ptr_array_add(roots, (gpointer)a);
			mark_reach(set, a, covered);
		}
	}
	for (i = 0; i < roots->len; i++)
		efsa_set_add(out, efsa_link(set, roots->pdata[i]));
	g_ptr_array_free(roots, TRUE);
	g_hash_table_destroy(execd);
	g_hash_table_destroy(covered);
	return out;
}
