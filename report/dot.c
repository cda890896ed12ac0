/*
 * dot.c: models as DOT graphs, built with graphviz's cgraph and written by
 * agwrite(), which quotes every name and label; no DOT is made by printf.
 * One cluster per program; a node per state, labelled with its keys (the
 * initial state drawn with a double border); an edge per transition,
 * labelled with the call, its count, its guards (at most four values
 * each), its register tests and assignments.  The cluster's label lists
 * the registers and what they hold.
 */
#include <string.h>

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
	Agraph_t *g = agopen("efsa", Agdirected, NULL);
	guint i;

	agattr(g, AGRAPH, "label", "");
	agattr(g, AGNODE, "label", "");
	agattr(g, AGNODE, "peripheries", "1");
	agattr(g, AGNODE, "shape", "ellipse");
	agattr(g, AGEDGE, "label", "");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "fontname", "Helvetica");
	for (i = 0; i < set_->models->len; i++)
		draw_model(g, g_ptr_array_index(set_->models, i), i);
	agwrite(g, out);
	agclose(g);
	return check_stream(out, err);
}
