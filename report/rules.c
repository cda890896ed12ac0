/*
 * rules.c: a policy's compiled rule automata (efsa-show POLICY), as text
 * and, through dot.c, as DOT.  A rule is printed with its states (q0,
 * q1, ...), which one it starts in and which accept, and its transitions
 * sorted by source, target, then label (the event pattern as the policy
 * writes it, or "any"), so the output does not depend on the order the
 * compiler made them in.
 */
#include <string.h>

#include <gio/gio.h>

#include "internal.h"

static void
move_free(gpointer p)
{
	struct report_move *m = p;

	g_free(m->label);
	g_free(m);
}

static gint
move_cmp(gconstpointer x, gconstpointer y)
{
	const struct report_move *a = *(const struct report_move *const *)x;
	const struct report_move *b = *(const struct report_move *const *)y;

	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	if (a->dst != b->dst)
		return a->dst < b->dst ? -1 : 1;
	return strcmp(a->label, b->label);
}

GPtrArray *
report_rule_moves(const struct policy *p, unsigned rule)
{
	GPtrArray *moves = g_ptr_array_new_with_free_func(move_free);
	unsigned q, k, n = policy_rule_states(p, rule);

	for (q = 0; q < n; q++)
		for (k = 0; k < policy_rule_moves(p, rule, q); k++) {
			struct report_move *m = g_new0(struct report_move, 1);
			char *label = policy_rule_move(p, rule, q, k, &m->dst);

			m->src = q;
			m->label = report_safe(label);
			g_free(label);
			g_ptr_array_add(moves, m);
		}
	g_ptr_array_sort(moves, move_cmp);
	return moves;
}

static void
rules_text(GString *o, const struct policy *p)
{
	unsigned r, q, k, n, acc;

	for (r = 0; r < policy_rules(p); r++) {
		const char *msg = policy_rule_message(p, r);
		char *s = report_safe(policy_rule_name(p, r));
		GPtrArray *moves;

		n = policy_rule_states(p, r);
		g_string_append_printf(o, "rule %s", s);
		g_free(s);
		if (msg != NULL) {
			s = report_safe(msg);
			g_string_append_printf(o, " (%s)", s);
			g_free(s);
		}
		g_string_append_printf(o, ": %u states, start q%u, accepting",
		    n, policy_rule_start(p, r));
		for (q = 0, acc = 0; q < n; q++)
			if (policy_rule_accepting(p, r, q)) {
				g_string_append_printf(o, "%sq%u",
				    acc++ > 0 ? ", " : " ", q);
			}
		if (acc == 0)
			g_string_append(o, " none");
		g_string_append_c(o, '\n');
		moves = report_rule_moves(p, r);
		for (k = 0; k < moves->len; k++) {
			const struct report_move *m = moves->pdata[k];

			g_string_append_printf(o, "  q%u -> q%u %s\n", m->src,
			    m->dst, m->label);
		}
		g_ptr_array_free(moves, TRUE);
	}
}

bool
report_rules(FILE *out, const struct policy *p, enum report_fmt fmt,
    GError **err)
{
	GString *o;

	switch (fmt) {
	case REPORT_DOT:
		return report_rules_dot(out, p, err);
	case REPORT_TEXT:
		break;
	default:
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
		    "a policy is shown as text or dot only");
		return false;
	}
	o = g_string_new(NULL);
	rules_text(o, p);
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
