/*
 * dot.c: models as DOT graphs, built with graphviz's cgraph and written by
 * agwrite(), which quotes every name and label; no DOT is made by printf.
 * One cluster per program; a node per state, labelled with its keys (the
 * initial state drawn with a double border); an edge per transition,
 * labelled with the call, its count, its guards (at most four values
 * each), its register tests and assignments.  The cluster's label lists
 * the registers and what they hold.
 *
 * The same for the product of models and policies that efsa-verify
 * explored (one cluster per model and rule with conflicts; a node per
 * model state and rule state, "sM / qP"; by default only the conflicts'
 * witness paths, red and bold, with their one-step context grey; moves
 * that assume dashed, violating states filled), and for a
 * policy's compiled rule automata (efsa-show POLICY).  Nodes and edges are
 * made in the order of their data, which is sorted, so agwrite()'s output
 * is the same for the same input.
 */
#include <string.h>

#include <gio/gio.h>
#include <graphviz/cgraph.h>

#include "internal.h"

#define MAX_VALUES 4

static void
set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

/*
 * Sets a label.  Graphviz reads backslashes in labels as its own escapes
 * (\n, \l, \N ...), so the text's backslashes (strace's escapes in file
 * names) are doubled and its line breaks become \n; agwrite() then does
 * the DOT quoting.
 */
static void
set_label(void *obj, const char *text)
{
	GString *l = g_string_sized_new(strlen(text) + 8);

	for (; *text != '\0'; text++) {
		if (*text == '\\')
			g_string_append(l, "\\\\");
		else if (*text == '\n')
			g_string_append(l, "\\n");
		else
			g_string_append_c(l, *text);
	}
	set(obj, "label", l->str);
	g_string_free(l, TRUE);
}

/*
 * Object ids in the order names are first made.  cgraph's own ids for
 * named objects are the addresses of the names' copies, and agwrite()
 * writes subgraphs in the order of their ids: the clusters of a drawing
 * would come in the order malloc() placed their names, which differs from
 * run to run.  Here a name's id is its rank (even, as cgraph wants named
 * ids; anonymous ones are odd), so clusters come in the order they are
 * made, which is sorted.
 */
struct seq_ids {
	Agraph_t *g;
	GHashTable *by_name;	/* name -> id */
	GHashTable *by_id;	/* id -> name, cgraph's reference-counted
				 * copy (agwrite() reads its header) */
	IDTYPE named, anon;
};

static void *
seq_open(Agraph_t *g, Agdisc_t *disc)
{
	struct seq_ids *st = g_new0(struct seq_ids, 1);

	(void)disc;
	st->g = g;
	st->by_name = g_hash_table_new(g_str_hash, g_str_equal);
	st->by_id = g_hash_table_new(NULL, NULL);
	st->named = 0;
	st->anon = 1;
	return st;
}

static long
seq_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct seq_ids *st = state;
	gpointer v;
	char *copy;

	(void)objtype;
	if (str == NULL) {
		*id = st->anon;
		st->anon += 2;
		return 1;
	}
	if (g_hash_table_lookup_extended(st->by_name, str, NULL, &v)) {
		*id = (IDTYPE)GPOINTER_TO_SIZE(v);
		return 1;
	}
	if (!createflag)
		return 0;
	st->named += 2;
	copy = agstrdup(st->g, str);
	g_hash_table_insert(st->by_id, GSIZE_TO_POINTER(st->named), copy);
	g_hash_table_insert(st->by_name, copy, GSIZE_TO_POINTER(st->named));
	*id = st->named;
	return 1;
}

static long
seq_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0;
}

static void
seq_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *
seq_print(void *state, int objtype, IDTYPE id)
{
	struct seq_ids *st = state;

	(void)objtype;
	if (id % 2 != 0)
		return NULL;
	return g_hash_table_lookup(st->by_id, GSIZE_TO_POINTER(id));
}

/* The names' copies go with the graph's strings. */
static void
seq_close(void *state)
{
	struct seq_ids *st = state;

	g_hash_table_destroy(st->by_name);
	g_hash_table_destroy(st->by_id);
	g_free(st);
}

static void
seq_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t seq_id_disc = {
	.open = seq_open,
	.map = seq_map,
	.alloc = seq_alloc,
	.free = seq_free,
	.print = seq_print,
	.close = seq_close,
	.idregister = seq_register,
};

/* The common attributes of our graphs, declared with their defaults. */
static Agraph_t *
graph_open(const char *name)
{
	static Agdisc_t disc = {
		.mem = &AgMemDisc,
		.id = &seq_id_disc,
		.io = &AgIoDisc,
	};
	Agraph_t *g = agopen((char *)name, Agdirected, &disc);

	agattr(g, AGRAPH, "label", "");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	agattr(g, AGNODE, "label", "");
	agattr(g, AGNODE, "peripheries", "1");
	agattr(g, AGNODE, "shape", "ellipse");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "label", "");
	agattr(g, AGEDGE, "fontname", "Helvetica");
	return g;
}

/* "rule NAME (message)", escaped. */
static void
rule_label(GString *label, const struct policy *p, unsigned rule)
{
	const char *msg = policy_rule_message(p, rule);
	char *s = report_safe(policy_rule_name(p, rule));

	g_string_append_printf(label, "rule %s", s);
	g_free(s);
	if (msg != NULL) {
		s = report_safe(msg);
		g_string_append_printf(label, " (%s)", s);
		g_free(s);
	}
}

static void
draw_model(Agraph_t *root, const struct efsa *a, unsigned m)
{
	char name[64];
	Agraph_t *g;
	Agnode_t **nodes;
	GString *label = g_string_new(NULL);
	guint i, k;
	char *s;

	g_snprintf(name, sizeof(name), "cluster_%u", m);
	g = agsubg(root, name, 1);
	s = report_safe(a->program);
	g_string_append(label, s);
	g_free(s);
	for (i = 0; i < a->regs->len; i++) {
		const struct efsa_reg *r = g_ptr_array_index(a->regs, i);

		s = report_safe(r->note != NULL ? r->note : "");
		g_string_append_printf(label, "\n%s: %s", r->name, s);
		g_free(s);
	}
	set_label(g, label->str);
	nodes = g_new0(Agnode_t *, a->states->len + 1);
	for (i = 0; i < a->states->len; i++) {
		const struct efsa_state *st = g_ptr_array_index(a->states, i);

		g_snprintf(name, sizeof(name), "m%u_s%u", m, st->id);
		nodes[i] = agnode(g, name, 1);
		g_string_printf(label, "s%u", st->id);
		for (k = 0; k < st->keys->len; k++) {
			s = report_safe(st->keys->pdata[k]);
			g_string_append_printf(label, "\n%s", s);
			g_free(s);
		}
		set_label(nodes[i], label->str);
		if (st->initial)
			set(nodes[i], "peripheries", "2");
	}
	for (i = 0; i < a->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(a->trans, i);
		Agedge_t *e;

		g_snprintf(name, sizeof(name), "m%u_t%u", m, t->id);
		e = agedge(g, nodes[t->src], nodes[t->dst], name, 1);
		s = report_safe(t->name);
		g_string_printf(label, "%s (%" G_GUINT64_FORMAT ")", s,
		    t->count);
		g_free(s);
		for (k = 0; k < t->guards->len; k++) {
			const struct efsa_guard *gd = &g_array_index(t->guards,
			    struct efsa_guard, k);

			g_string_append_printf(label, "\narg %u: ", gd->arg);
			report_guard_text(label, gd, MAX_VALUES);
		}
		for (k = 0; k < t->tests->len; k++) {
			g_string_append_c(label, '\n');
			report_test_text(label, &g_array_index(t->tests,
			    struct efsa_test, k));
		}
		for (k = 0; k < t->assigns->len; k++) {
			g_string_append_c(label, '\n');
			report_assign_text(label, &g_array_index(t->assigns,
			    struct efsa_assign, k));
		}
		set_label(e, label->str);
	}
	g_free(nodes);
	g_string_free(label, TRUE);
}

bool
report_models_dot(FILE *out, const struct efsa_set *set_, GError **err)
{
	Agraph_t *g = graph_open("efsa");
	guint i;

	for (i = 0; i < set_->models->len; i++)
		draw_model(g, g_ptr_array_index(set_->models, i), i);
	agwrite(g, out);
	agclose(g);
	return check_stream(out, err);
}

/*
 * Drawing a verification.  The walk keeps a product state per model
 * state, rule state and what else it follows (counters, whether it
 * assumed), so a loop that counts bytes unrolls into many product states
 * of the same pair; the drawing has one node per (model state, rule
 * state), the variants merged: a conflict when the rule's state accepts,
 * dashed when every variant was reached by assuming.  In paths mode only
 * the nodes of the conflicts' witness paths are drawn, their moves red
 * and bold, labelled with the call; the move that completes a conflict
 * also with the guards the model learned for it and what was assumed.
 * The one-step context of each path node is grey: moves of the walk
 * between path nodes off the witness paths, and one collapsed edge to a
 * "other states" node listing the calls of the model that leave the
 * node's model state elsewhere.  Every label line is cut at LABEL_WIDTH
 * bytes with "..." (the same rule for every label).
 */
#define LABEL_WIDTH 40
#define CONTEXT_CALLS 4

/* Appends text to l, each line cut at LABEL_WIDTH bytes. */
static void
append_short(GString *l, const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (n > LABEL_WIDTH) {
			g_string_append_len(l, p, LABEL_WIDTH - 3);
			g_string_append(l, "...");
		} else {
			g_string_append_len(l, p, n);
		}
		if (nl == NULL)
			break;
		g_string_append_c(l, '\n');
		p = nl + 1;
	}
}

/* A merged product state: the variants of one (model state, rule state). */
struct dnode {
	unsigned m, ps;
	bool all_may, initial, conflict, path;
	Agnode_t *n;
};

/* An edge between merged states, for one transition of the model. */
struct dedge {
	guint from, to;		/* indexes of struct dnode */
	guint trans;
	bool may, path;
	const struct verify_conflict *last;	/* completes this conflict */
};

static int
dedge_cmp(const void *x, const void *y)
{
	const struct dedge *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->trans != b->trans)
		return a->trans < b->trans ? -1 : 1;
	return 0;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The label of a drawn move: the call, then in full mode or at the last
 * step of a conflict what decided it. */
static void
move_label(GString *label, const struct efsa_trans *t, bool full,
    const struct verify_conflict *last)
{
	GString *line = g_string_new(NULL);
	char *s = report_safe(t->name);
	guint k;

	g_string_truncate(label, 0);
	append_short(label, s);
	g_free(s);
	if (full || last != NULL)
		for (k = 0; k < t->guards->len; k++) {
			const struct efsa_guard *gd = &g_array_index(
			    t->guards, struct efsa_guard, k);

			g_string_printf(line, "\narg %u: ", gd->arg);
			report_guard_text(line, gd, MAX_VALUES);
			append_short(label, line->str);
		}
	for (k = 0; last != NULL && k < last->assumed->len; k++) {
		s = report_safe(last->assumed->pdata[k]);
		g_string_printf(line, "\nassumed: %s", s);
		g_free(s);
		append_short(label, line->str);
	}
	g_string_free(line, TRUE);
}

/*
 * One model and rule of a verification: a cluster labelled with the
 * program and the rule (and "#tag" when the drawing has several, which
 * also ends every node's label so that no two labels are alike).
 */
static void
draw_product(Agraph_t *root, const struct policy *p,
    const struct verify_result *res, const struct verify_graph *vg,
    unsigned i, bool full, bool tagged)
{
	const struct efsa *a = vg->model;
	char name[96], tag[32];
	Agraph_t *g;
	GArray *dn = g_array_new(FALSE, FALSE, sizeof(struct dnode));
	GArray *de = g_array_new(FALSE, FALSE, sizeof(struct dedge));
	guint *merged = g_new(guint, vg->nodes->len + 1);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GString *label = g_string_new(NULL);
	Agnode_t *other = NULL;
	char *s;
	guint k, j;

	if (tagged)
		g_snprintf(tag, sizeof(tag), " #%u", i + 1);
	else
		tag[0] = '\0';
	g_snprintf(name, sizeof(name), "cluster_%u", i);
	g = agsubg(root, name, 1);
	if (tagged)
		g_string_printf(label, "#%u: ", i + 1);
	s = report_safe(a->program);
	g_string_append_printf(label, "%s\n", s);
	g_free(s);
	rule_label(label, p, vg->rule);
	set_label(g, label->str);

	/* Nodes come sorted by model state, then rule state: merge runs. */
	for (k = 0; k < vg->nodes->len; k++) {
		const struct verify_node *n = &g_array_index(vg->nodes,
		    struct verify_node, k);
		struct dnode *d = dn->len == 0 ? NULL : &g_array_index(dn,
		    struct dnode, dn->len - 1);

		if (d == NULL || d->m != n->m || d->ps != n->ps) {
			struct dnode x = { n->m, n->ps, true, false, false,
			    false, NULL };

			g_array_append_val(dn, x);
			d = &g_array_index(dn, struct dnode, dn->len - 1);
		}
		d->all_may &= n->may;
		d->initial |= n->initial;
		d->conflict |= n->conflict;
		d->path |= n->path;
		merged[k] = dn->len - 1;
	}
	for (k = 0; k < vg->edges->len; k++) {
		const struct verify_edge *e = &g_array_index(vg->edges,
		    struct verify_edge, k);
		struct dedge x = { merged[e->from], merged[e->to], e->trans,
		    e->may, e->path, NULL };

		if (!full && !(g_array_index(dn, struct dnode, x.from).path &&
		    g_array_index(dn, struct dnode, x.to).path))
			continue;
		g_array_append_val(de, x);
	}
	g_array_sort(de, dedge_cmp);
	/* Moves alike after merging are one: path if any, may if all. */
	for (k = 0, j = 0; k < de->len; k++) {
		struct dedge *e = &g_array_index(de, struct dedge, k);
		struct dedge *last = j == 0 ? NULL : &g_array_index(de,
		    struct dedge, j - 1);

		if (last != NULL && dedge_cmp(last, e) == 0) {
			last->may &= e->may;
			last->path |= e->path;
		} else {
			g_array_index(de, struct dedge, j++) = *e;
		}
	}
	g_array_set_size(de, j);
	/* The move that completes each conflict of this model and rule. */
	for (k = 0; k < res->conflicts->len; k++) {
		const struct verify_conflict *c = res->conflicts->pdata[k];
		guint t;

		if (c->model != a || c->rule != vg->rule || c->path->len == 0)
			continue;
		t = g_array_index(c->path, guint, c->path->len - 1);
		for (j = 0; j < de->len; j++) {
			struct dedge *e = &g_array_index(de, struct dedge, j);

			if (e->path && e->trans == t && g_array_index(dn,
			    struct dnode, e->to).conflict && e->last == NULL)
				e->last = c;
		}
	}

	for (k = 0; k < dn->len; k++) {
		struct dnode *d = &g_array_index(dn, struct dnode, k);

		if (!full && !d->path)
			continue;
		g_snprintf(name, sizeof(name), "g%u_s%u_q%u", i, d->m, d->ps);
		d->n = agnode(g, name, 1);
		g_snprintf(name, sizeof(name), "s%u / q%u%s", d->m, d->ps,
		    tag);
		set(d->n, "label", name);
		if (d->initial)
			set(d->n, "peripheries", "2");
		if (d->conflict) {
			set(d->n, "shape", "octagon");
			set(d->n, "fillcolor", "mistyrose");
			set(d->n, "style", d->all_may ? "filled,dashed" :
			    "filled");
		} else if (d->all_may) {
			set(d->n, "style", "dashed");
		}
		if (d->path)
			set(d->n, "color", "red");
	}
	for (k = 0; k < de->len; k++) {
		const struct dedge *e = &g_array_index(de, struct dedge, k);
		Agedge_t *x;
		char *key;

		move_label(label, g_ptr_array_index(a->trans, e->trans), full,
		    e->last);
		/* In paths mode, parallel moves with one label are one. */
		key = g_strdup_printf("%u %u %d %s", e->from, e->to, e->path,
		    label->str);
		if (g_hash_table_contains(seen, key)) {
			g_free(key);
			continue;
		}
		if (!full)
			g_hash_table_add(seen, key);
		else
			g_free(key);
		g_snprintf(name, sizeof(name), "g%u_e%u", i, k);
		x = agedge(g, g_array_index(dn, struct dnode, e->from).n,
		    g_array_index(dn, struct dnode, e->to).n, name, 1);
		set_label(x, label->str);
		if (e->path) {
			set(x, "color", "red");
			set(x, "penwidth", "2");
		} else if (!full) {
			set(x, "color", "gray");
			set(x, "fontcolor", "gray");
		}
		if (e->path || e->may)
			set(x, "style", e->path && e->may ? "bold,dashed" :
			    e->path ? "bold" : "dashed");
	}
	/*
	 * Paths mode: the model's other moves out of each path node's
	 * state, collapsed into one grey edge to "other states".
	 */
	for (k = 0; !full && k < dn->len; k++) {
		const struct dnode *d = &g_array_index(dn, struct dnode, k);
		GPtrArray *calls;
		guint n = 0;
		Agedge_t *x;

		if (!d->path)
			continue;
		calls = g_ptr_array_new();
		for (j = 0; j < a->trans->len; j++) {
			const struct efsa_trans *t = g_ptr_array_index(
			    a->trans, j);
			guint e;

			if (t->src != d->m)
				continue;
			for (e = 0; e < de->len; e++) {
				const struct dedge *y = &g_array_index(de,
				    struct dedge, e);

				if (y->from == k && y->trans == j)
					break;
			}
			if (e < de->len)
				continue;
			n++;
			for (e = 0; e < calls->len &&
			    strcmp(calls->pdata[e], t->name) != 0; e++)
				continue;
			if (e == calls->len)
				g_ptr_array_add(calls, t->name);
		}
		if (n == 0) {
			g_ptr_array_free(calls, TRUE);
			continue;
		}
		if (other == NULL) {
			g_snprintf(name, sizeof(name), "g%u_other", i);
			other = agnode(g, name, 1);
			g_snprintf(name, sizeof(name), "other states%s", tag);
			set(other, "label", name);
			set(other, "shape", "box");
			set(other, "style", "dashed");
			set(other, "color", "gray");
			set(other, "fontcolor", "gray");
		}
		g_ptr_array_sort(calls, cmp_str);
		g_string_printf(label, "%u other move%s: ", n, n == 1 ? "" :
		    "s");
		for (j = 0; j < calls->len && j < CONTEXT_CALLS; j++) {
			s = report_safe(calls->pdata[j]);
			g_string_append_printf(label, "%s%s", j > 0 ? ", " :
			    "", s);
			g_free(s);
		}
		if (calls->len > CONTEXT_CALLS)
			g_string_append(label, ", ...");
		g_ptr_array_free(calls, TRUE);
		s = g_strdup(label->str);
		g_string_truncate(label, 0);
		append_short(label, s);
		g_free(s);
		g_snprintf(name, sizeof(name), "g%u_o%u", i, k);
		x = agedge(g, d->n, other, name, 1);
		set_label(x, label->str);
		set(x, "color", "gray");
		set(x, "fontcolor", "gray");
		set(x, "style", "dashed");
		set(x, "constraint", "false");
	}
	g_hash_table_destroy(seen);
	g_free(merged);
	g_array_free(dn, TRUE);
	g_array_free(de, TRUE);
	g_string_free(label, TRUE);
}

bool
report_verify_dot(FILE *out, const struct policy *p,
    const struct verify_result *res, const struct report_verify_opts *opts,
    GError **err)
{
	bool full = opts != NULL && opts->dot == REPORT_DOT_FULL;
	Agraph_t *g;
	guint i;

	if (res->graphs == NULL) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
		    "no graphs of the conflicts were kept to draw");
		return false;
	}
	g = graph_open("verify");
	agattr(g, AGNODE, "color", "black");
	agattr(g, AGNODE, "fillcolor", "white");
	agattr(g, AGNODE, "fontcolor", "black");
	agattr(g, AGNODE, "style", "");
	agattr(g, AGEDGE, "color", "black");
	agattr(g, AGEDGE, "constraint", "true");
	agattr(g, AGEDGE, "fontcolor", "black");
	agattr(g, AGEDGE, "penwidth", "1");
	agattr(g, AGEDGE, "style", "");
	for (i = 0; i < res->graphs->len; i++)
		draw_product(g, p, res, g_ptr_array_index(res->graphs, i), i,
		    full, res->graphs->len > 1);
	agwrite(g, out);
	agclose(g);
	return check_stream(out, err);
}

/*
 * A policy's rules: a cluster per rule, a node per state of its automaton
 * ("q0"), accepting states with a double border, an arrow from a point
 * into the start state, an edge per transition labelled with its event
 * pattern, in the order report_rule_moves() sorts them.
 */
bool
report_rules_dot(FILE *out, const struct policy *p, GError **err)
{
	Agraph_t *g = graph_open("policy");
	GString *label = g_string_new(NULL);
	char name[64];
	unsigned r, q, k;

	for (r = 0; r < policy_rules(p); r++) {
		unsigned n = policy_rule_states(p, r);
		Agraph_t *sg;
		Agnode_t **nodes, *start;
		GPtrArray *moves;

		g_snprintf(name, sizeof(name), "cluster_%u", r);
		sg = agsubg(g, name, 1);
		g_string_truncate(label, 0);
		rule_label(label, p, r);
		set_label(sg, label->str);
		nodes = g_new0(Agnode_t *, n + 1);
		for (q = 0; q < n; q++) {
			g_snprintf(name, sizeof(name), "r%u_q%u", r, q);
			nodes[q] = agnode(sg, name, 1);
			g_snprintf(name, sizeof(name), "q%u", q);
			set(nodes[q], "label", name);
			if (policy_rule_accepting(p, r, q))
				set(nodes[q], "peripheries", "2");
		}
		g_snprintf(name, sizeof(name), "r%u_start", r);
		start = agnode(sg, name, 1);
		set(start, "shape", "point");
		g_snprintf(name, sizeof(name), "r%u_begin", r);
		agedge(sg, start, nodes[policy_rule_start(p, r)], name, 1);
		moves = report_rule_moves(p, r);
		for (k = 0; k < moves->len; k++) {
			const struct report_move *m = moves->pdata[k];
			Agedge_t *e;

			g_snprintf(name, sizeof(name), "r%u_t%u", r, k);
			e = agedge(sg, nodes[m->src], nodes[m->dst], name, 1);
			set_label(e, m->label);
		}
		g_ptr_array_free(moves, TRUE);
		g_free(nodes);
	}
	g_string_free(label, TRUE);
	agwrite(g, out);
	agclose(g);
	return check_stream(out, err);
}
