/*
 * text.c: the event patterns of a rule as text, as a policy writes them:
 * "name(args)" and, when asked, " | condition".  Used by the verifier's
 * messages and by the accessors that show a rule's automaton.  Strings
 * are printed in their canonical (strace-escaped) form, between quotes.
 */
#include "internal.h"

void
term_text(GString *s, const struct term *t, const char *var,
    const char *counter)
{
	switch (t->kind) {
	case TERM_VAR:
		g_string_append(s, var != NULL ? var : "?");
		if (t->field != FIELD_NONE)
			g_string_append_printf(s, ".%s",
			    term_field_name(t->field));
		break;
	case TERM_NET:
	case TERM_NAME:
		g_string_append(s, t->s);
		break;
	case TERM_STR:
		g_string_append_printf(s, "\"%s\"", t->s);
		break;
	case TERM_INT:
		g_string_append_printf(s, "%" G_GINT64_FORMAT, t->n);
		break;
	case TERM_COUNTER:
		if (counter != NULL) {
			g_string_append(s, counter);
			break;
		}
		/* FALLTHROUGH */
	case TERM_ANY:
	case TERM_PARAM:
		g_string_append_c(s, '_');
		break;
	}
}

static void
put_term(GString *s, const struct prule *r, const struct term *t)
{
	g_assert(t->kind != TERM_PARAM);	/* replaced when instantiated */
	term_text(s, t, t->kind == TERM_VAR ? (const char *)
	    r->vars->pdata[t->var] : NULL, t->kind == TERM_COUNTER ?
	    ((const struct counter *)r->counters->pdata[t->var])->name :
	    NULL);
}

const char *
cmp_op_text(enum cmp_op op)
{
	switch (op) {
	case OP_EQ: return "==";
	case OP_NE: return "!=";
	case OP_GLOB: return "~";
	case OP_HAS: return "has";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_GT: return ">";
	case OP_GE: return ">=";
	case OP_IN: return "in";
	}
	return "?";
}

/* "and" binds least, so only a "not" needs parentheses. */
static void
put_cond(GString *s, const struct prule *r, const struct cond *c)
{
	switch (c->kind) {
	case COND_AND:
		put_cond(s, r, c->l);
		g_string_append(s, " && ");
		put_cond(s, r, c->r);
		break;
	case COND_NOT:
		g_string_append(s, "!(");
		put_cond(s, r, c->l);
		g_string_append_c(s, ')');
		break;
	case COND_CMP:
		put_term(s, r, &c->a);
		g_string_append_printf(s, " %s ", cmp_op_text(c->op));
		put_term(s, r, &c->b);
		break;
	case COND_FILE:
		g_string_append_printf(s, "%s(", file_pred_name(c->pred));
		put_term(s, r, &c->a);
		g_string_append_c(s, ')');
		break;
	}
}

void
pevent_text(GString *s, const struct prule *r, const struct pevent *e,
    bool cond)
{
	unsigned i;

	g_string_append_printf(s, "%s%s(", e->failed ? "Failed " : "",
	    e->name);
	for (i = 0; i < e->nargs; i++) {
		if (i > 0)
			g_string_append(s, ", ");
		put_term(s, r, &e->args[i]);
	}
	g_string_append_c(s, ')');
	if (e->ret.kind != TERM_ANY) {
		g_string_append(s, " -> ");
		put_term(s, r, &e->ret);
	}
	if (cond && e->cond != NULL) {
		g_string_append(s, " | ");
		put_cond(s, r, e->cond);
	}
}
