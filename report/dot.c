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
 * product state, "model state / rule state"; the conflict paths drawn red
 * and bold, moves that assume dashed, violating states filled), and for a
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

/* The common attributes of our graphs, declared with their defaults. */
static Agraph_t *
graph_open(const char *name)
{
	Agraph_t *g = agopen((char *)name, Agdirected, NULL);

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

/* A transition's call and what the model learned of its arguments. */
static void
trans_label(GString *label, const struct efsa_trans *t)
{
	char *s = report_safe(t->name);
	guint k;

	g_string_assign(label, s);
	g_free(s);
	for (k = 0; k < t->guards->len; k++) {
		const struct efsa_guard *gd = &g_array_index(t->guards,
		    struct efsa_guard, k);

		g_string_append_printf(label, "\narg %u: ", gd->arg);
		report_guard_text(label, gd, MAX_VALUES);
	}
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
 * One model and rule of a verification: a cluster labelled with the
 * program and the rule, its nodes and edges in the graph's sorted order.
 */
static void
draw_product(Agraph_t *root, const struct policy *p,
    const struct verify_graph *vg, unsigned i)
{
	char name[64];
	Agraph_t *g;
	Agnode_t **nodes;
	GString *label = g_string_new(NULL);
	char *s;
	guint k;

	g_snprintf(name, sizeof(name), "cluster_%u", i);
	g = agsubg(root, name, 1);
	s = report_safe(vg->model->program);
	g_string_append_printf(label, "%s\n", s);
	g_free(s);
	rule_label(label, p, vg->rule);
	set_label(g, label->str);
	nodes = g_new0(Agnode_t *, vg->nodes->len + 1);
	for (k = 0; k < vg->nodes->len; k++) {
		const struct verify_node *n = &g_array_index(vg->nodes,
		    struct verify_node, k);

		g_snprintf(name, sizeof(name), "g%u_n%u", i, k);
		nodes[k] = agnode(g, name, 1);
		g_string_printf(label, "s%u / q%u%s", n->m, n->ps,
		    n->may ? " (may)" : "");
		set_label(nodes[k], label->str);
		if (n->initial)
			set(nodes[k], "peripheries", "2");
		if (n->conflict) {
			set(nodes[k], "shape", "octagon");
			set(nodes[k], "fillcolor", "mistyrose");
			set(nodes[k], "style", n->may ? "filled,dashed" :
			    "filled");
		}
		if (n->path)
			set(nodes[k], "color", "red");
	}
	for (k = 0; k < vg->edges->len; k++) {
		const struct verify_edge *ve = &g_array_index(vg->edges,
		    struct verify_edge, k);
		Agedge_t *e;

		g_snprintf(name, sizeof(name), "g%u_e%u", i, k);
		e = agedge(g, nodes[ve->from], nodes[ve->to], name, 1);
		trans_label(label, g_ptr_array_index(vg->model->trans,
		    ve->trans));
		set_label(e, label->str);
		if (ve->path) {
			set(e, "color", "red");
			set(e, "penwidth", "2");
		}
		if (ve->path || ve->may)
			set(e, "style", ve->path && ve->may ? "bold,dashed" :
			    ve->path ? "bold" : "dashed");
	}
	g_free(nodes);
	g_string_free(label, TRUE);
}

bool
report_verify_dot(FILE *out, const struct policy *p,
    const struct verify_result *res, GError **err)
{
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
	agattr(g, AGNODE, "style", "");
	agattr(g, AGEDGE, "color", "black");
	agattr(g, AGEDGE, "penwidth", "1");
	agattr(g, AGEDGE, "style", "");
	for (i = 0; i < res->graphs->len; i++)
		draw_product(g, p, g_ptr_array_index(res->graphs, i), i);
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
