/*
 * property.c: Naccio's resource-use policies in the policy language
 * (Evans and Twyman, "Flexible Policy-Directed Code Safety", S&P 1999).
 * A stateblock adds fields to a resource and code that keeps them up to
 * date; a property checks an operation, with the fields and its own
 * parameters; a policy line names the properties in force:
 *
 *	stateblock TrackBytesWritten:
 *	    scope run;
 *	    addfield RFileSystem.bytes_written = 0;
 *	    precode RFileSystem.write(file, nbytes): bytes_written += nbytes;
 *	property LimitBytesWritten(n):
 *	    requires TrackBytesWritten;
 *	    check RFileSystem.write(file, nbytes) | bytes_written > n
 *	        violation "Attempt to write more than " + n + " bytes";
 *	policy LimitWrite = NoOverwrite, LimitBytesWritten(1000000);
 *
 * Properties compile to rules of the same kind as patterns: each check of
 * an instantiated property is the rule "any* . (check event | condition)"
 * with its parameters replaced by the policy line's values, so the
 * monitor and the verifier need nothing else but the counters.  The
 * fields become counters of the policy (kept per process, or for the
 * whole run with "scope run"), and the precode of the
 * stateblocks some instantiated property requires become its updates.
 */
#include <string.h>

#include "internal.h"

struct pblock {
	char *name;
	GArray *counters;	/* of guint: its fields */
	GPtrArray *updates;	/* of struct pupdate *, moved to the policy
				 * when a property that requires it is in
				 * force */
};

struct pcheck {
	struct pevent *ev;
	GPtrArray *vars;	/* of char * */
	GArray *msg;		/* of struct term: TERM_STR, TERM_PARAM */
};

struct pprop {
	char *name;
	GPtrArray *params;	/* of char * */
	GArray *msg;		/* of struct term */
	GPtrArray *requires;	/* of struct pblock * (transfer none) */
	GPtrArray *checks;	/* of struct pcheck * */
};

struct propdefs {
	GPtrArray *blocks;	/* of struct pblock * */
	GPtrArray *props;	/* of struct pprop * */
};

static void
msg_free(GArray *m)
{
	guint i;

	if (m == NULL)
		return;
	for (i = 0; i < m->len; i++)
		term_clear(&g_array_index(m, struct term, i));
	g_array_free(m, TRUE);
}

static void
pblock_free(gpointer p)
{
	struct pblock *b = p;

	g_free(b->name);
	g_array_free(b->counters, TRUE);
	g_ptr_array_free(b->updates, TRUE);
	g_free(b);
}

static void
pcheck_free(gpointer p)
{
	struct pcheck *c = p;

	pevent_free(c->ev);
	g_ptr_array_free(c->vars, TRUE);
	msg_free(c->msg);
	g_free(c);
}

static void
pprop_free(gpointer p)
{
	struct pprop *pr = p;

	g_free(pr->name);
	g_ptr_array_free(pr->params, TRUE);
	msg_free(pr->msg);
	g_ptr_array_free(pr->requires, TRUE);
	g_ptr_array_free(pr->checks, TRUE);
	g_free(pr);
}

void
propdefs_free(struct propdefs *d)
{
	if (d == NULL)
		return;
	g_ptr_array_free(d->blocks, TRUE);
	g_ptr_array_free(d->props, TRUE);
	g_free(d);
}

static struct propdefs *
defs_of(struct policy *p)
{
	if (p->defs == NULL) {
		p->defs = g_new0(struct propdefs, 1);
		p->defs->blocks = g_ptr_array_new_with_free_func(pblock_free);
		p->defs->props = g_ptr_array_new_with_free_func(pprop_free);
	}
	return p->defs;
}

bool
property_starts(const struct lexer *lx)
{
	return tok_is(lx, "stateblock") || tok_is(lx, "property") ||
	    tok_is(lx, "policy");
}

static bool
ident_is(const struct lexer *lx, const char *s)
{
	return lx->tok == TOK_IDENT && strlen(s) == lx->tlen &&
	    strncmp(lx->tstart, s, lx->tlen) == 0;
}

/* Takes a name that no block or property has yet. */
static char *
take_new_name(struct lexer *lx, struct propdefs *d, const char *what)
{
	guint i;
	char *name;

	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, what);
		return NULL;
	}
	for (i = 0; i < d->blocks->len; i++)
		if (ident_is(lx, ((struct pblock *)d->blocks->pdata[i])->name))
			goto dup;
	for (i = 0; i < d->props->len; i++)
		if (ident_is(lx, ((struct pprop *)d->props->pdata[i])->name))
			goto dup;
	name = g_strndup(lx->tstart, lx->tlen);
	lex_next(lx);
	return name;
dup:
	lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX, "'%.*s' is "
	    "defined twice", (int)lx->tlen, lx->tstart);
	return NULL;
}

/* STRING {"+" (STRING | parameter)}; NULL with lx->err set. */
static GArray *
parse_message(struct lexer *lx, const GPtrArray *params)
{
	GArray *m = g_array_new(FALSE, TRUE, sizeof(struct term));
	struct term t;

	for (;;) {
		memset(&t, 0, sizeof(t));
		if (lx->tok == TOK_STRING) {
			t.kind = TERM_STR;
			t.s = g_strdup(lx->str);
		} else {
			guint i;

			for (i = 0; params != NULL && i < params->len; i++)
				if (ident_is(lx, params->pdata[i]))
					break;
			if (params == NULL || i == params->len) {
				lex_expected(lx, params != NULL &&
				    params->len > 0 ? "a string or a "
				    "parameter of the property" : "a string");
				msg_free(m);
				return NULL;
			}
			t.kind = TERM_PARAM;
			t.var = i;
		}
		g_array_append_val(m, t);
		lex_next(lx);
		if (lx->tok != TOK_PLUS)
			return m;
		lex_next(lx);
	}
}

/* The text of a message, with the values of the parameters. */
static char *
message_text(const GArray *m, const struct term *vals)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < m->len; i++) {
		const struct term *t = &g_array_index(m, struct term, i);

		if (t->kind == TERM_PARAM)
			t = &vals[t->var];
		if (t->kind == TERM_INT)
			g_string_append_printf(s, "%" G_GINT64_FORMAT, t->n);
		else
			g_string_append(s, t->s);
	}
	return g_string_free(s, FALSE);
}

/* The counter of block b named by the token in hand, or -1. */
static int
counter_in(const struct policy *p, const GArray *visible,
    const struct lexer *lx)
{
	guint i;

	for (i = 0; i < visible->len; i++) {
		guint c = g_array_index(visible, guint, i);
		const char *name = ((struct counter *)p->counters->pdata[c])->name;
		const char *dot = strrchr(name, '.');

		if (ident_is(lx, name) || (dot != NULL && ident_is(lx, dot + 1)))
			return (int)c;
	}
	return -1;
}

/* addfield NAME [":" int] ["=" NUMBER] ";" */
static bool
parse_addfield(struct lexer *lx, struct policy *p, struct pblock *b)
{
	struct counter *c;
	guint id;

	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, "the name of a field");
		return false;
	}
	if (counter_in(p, b->counters, lx) >= 0) {
		lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
		    "field '%.*s' is added twice", (int)lx->tlen, lx->tstart);
		return false;
	}
	c = g_new0(struct counter, 1);
	c->name = g_strndup(lx->tstart, lx->tlen);
	id = p->counters->len;
	g_ptr_array_add(p->counters, c);
	g_array_append_val(b->counters, id);
	lex_next(lx);
	if (lx->tok == TOK_COLON) {
		lex_next(lx);
		if (!ident_is(lx, "int")) {
			lex_expected(lx, "'int' (fields are integers)");
			return false;
		}
		lex_next(lx);
	}
	if (lx->tok == TOK_ASSIGN) {
		lex_next(lx);
		if (lx->tok != TOK_NUMBER) {
			lex_expected(lx, "a number");
			return false;
		}
		c->init = lx->num;
		lex_next(lx);
	}
	return expect(lx, TOK_SEMI, "';'");
}

/* precode EVENT ["|" cond] ":" FIELD ("+=" | "=") (NUMBER | var | FIELD)
 * ";" */
static bool
parse_precode(struct lexer *lx, struct policy *p, struct pblock *b)
{
	struct scope sc = { NULL, p->counters, b->counters };
	struct rule_parse rp = { lx, p->pf, vars_new(),
	    g_ptr_array_new_with_free_func(pevent_free) };
	struct pupdate *u = g_new0(struct pupdate, 1);
	int c;
	guint i;

	rp.v->scope = &sc;
	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, "an event");
		goto fail;
	}
	if (parse_event_only(&rp) < 0)
		goto fail;
	if (!expect(lx, TOK_COLON, "':'"))
		goto fail;
	if ((c = counter_in(p, b->counters, lx)) < 0) {
		lex_expected(lx, "a field of the stateblock");
		goto fail;
	}
	u->counter = (unsigned)c;
	lex_next(lx);
	if (lx->tok == TOK_PLUS) {
		lex_next(lx);
		u->op = UPDATE_ADD;
		if (lx->tok != TOK_ASSIGN) {
			lex_expected(lx, "'+=' or '='");
			goto fail;
		}
	} else if (lx->tok != TOK_ASSIGN) {
		lex_expected(lx, "'+=' or '='");
		goto fail;
	} else {
		u->op = UPDATE_SET;
	}
	lex_next(lx);
	if (lx->tok == TOK_NUMBER) {
		u->val.kind = TERM_INT;
		u->val.n = lx->num;
	} else if (lx->tok == TOK_IDENT &&
	    (c = counter_in(p, b->counters, lx)) >= 0) {
		u->val.kind = TERM_COUNTER;
		u->val.var = (unsigned)c;
	} else {
		for (i = 0; i < rp.v->names->len; i++)
			if (ident_is(lx, rp.v->names->pdata[i]) &&
			    g_array_index(rp.v->bound, gboolean, i))
				break;
		if (i == rp.v->names->len) {
			lex_expected(lx, "a number, a field, or a variable "
			    "the event binds");
			goto fail;
		}
		u->val.kind = TERM_VAR;
		u->val.var = i;
	}
	lex_next(lx);
	if (!expect(lx, TOK_SEMI, "';'"))
		goto fail;
	if (!vars_check(lx, rp.v, "argument of the precode's event"))
		goto fail;
	u->ev = g_ptr_array_steal_index(rp.events, 0);
	u->vars = vars_free(rp.v, true);
	g_ptr_array_free(rp.events, TRUE);
	g_ptr_array_add(b->updates, u);
	return true;
fail:
	vars_free(rp.v, false);
	g_ptr_array_free(rp.events, TRUE);
	if (u->ev != NULL)
		pevent_free(u->ev);
	g_free(u);
	return false;
}

/* "scope" (run | process) ";" -- once per stateblock; at "scope". */
static bool
parse_scope(struct lexer *lx, bool *run, bool *scoped)
{
	if (*scoped) {
		lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
		    "the stateblock's scope is given twice");
		return false;
	}
	lex_next(lx);
	if (tok_is(lx, "run"))
		*run = true;
	else if (!tok_is(lx, "process")) {
		lex_expected(lx, "'run' or 'process'");
		return false;
	}
	*scoped = true;
	lex_next(lx);
	return expect(lx, TOK_SEMI, "';'");
}

static bool
parse_stateblock(struct lexer *lx, struct policy *p)
{
	struct propdefs *d = defs_of(p);
	struct pblock *b;
	char *name;
	bool run = false, scoped = false;
	guint i;

	lex_next(lx);
	if ((name = take_new_name(lx, d, "the stateblock's name")) == NULL)
		return false;
	b = g_new0(struct pblock, 1);
	b->name = name;
	b->counters = g_array_new(FALSE, FALSE, sizeof(guint));
	b->updates = g_ptr_array_new_with_free_func(pupdate_free);
	g_ptr_array_add(d->blocks, b);
	if (!expect(lx, TOK_COLON, "':'"))
		return false;
	for (;;) {
		if (tok_is(lx, "scope")) {
			if (!parse_scope(lx, &run, &scoped))
				return false;
		} else if (tok_is(lx, "addfield")) {
			lex_next(lx);
			if (!parse_addfield(lx, p, b))
				return false;
		} else if (tok_is(lx, "precode")) {
			lex_next(lx);
			if (!parse_precode(lx, p, b))
				return false;
		} else {
			break;
		}
	}
	if (b->counters->len == 0) {
		lex_expected(lx, "'addfield' or 'precode'");
		return false;
	}
	for (i = 0; i < b->counters->len; i++)
		((struct counter *)p->counters->pdata[g_array_index(
		    b->counters, guint, i)])->run = run;
	return true;
}

/* check EVENT ["|" cond] ["violation" message] ";" */
static bool
parse_check(struct lexer *lx, struct policy *p, struct pprop *pr,
    const GArray *visible)
{
	struct scope sc = { pr->params, p->counters, visible };
	struct rule_parse rp = { lx, p->pf, vars_new(),
	    g_ptr_array_new_with_free_func(pevent_free) };
	struct pcheck *c;

	rp.v->scope = &sc;
	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, "an event");
		goto fail;
	}
	if (parse_event_only(&rp) < 0)
		goto fail;
	c = g_new0(struct pcheck, 1);
	if (tok_is(lx, "violation")) {
		lex_next(lx);
		if ((c->msg = parse_message(lx, pr->params)) == NULL) {
			g_free(c);
			goto fail;
		}
	}
	if (!expect(lx, TOK_SEMI, "';'") ||
	    !vars_check(lx, rp.v, "event of its check")) {
		msg_free(c->msg);
		g_free(c);
		goto fail;
	}
	c->ev = g_ptr_array_steal_index(rp.events, 0);
	c->vars = vars_free(rp.v, true);
	g_ptr_array_free(rp.events, TRUE);
	g_ptr_array_add(pr->checks, c);
	return true;
fail:
	vars_free(rp.v, false);
	g_ptr_array_free(rp.events, TRUE);
	return false;
}

/* property NAME ["(" param {"," param} ")"] [message] ":" clauses */
static bool
parse_property(struct lexer *lx, struct policy *p)
{
	struct propdefs *d = defs_of(p);
	struct pprop *pr;
	GArray *visible = NULL;
	char *name;
	bool ok = false;

	lex_next(lx);
	if ((name = take_new_name(lx, d, "the property's name")) == NULL)
		return false;
	pr = g_new0(struct pprop, 1);
	pr->name = name;
	pr->params = g_ptr_array_new_with_free_func(g_free);
	pr->requires = g_ptr_array_new();
	pr->checks = g_ptr_array_new_with_free_func(pcheck_free);
	g_ptr_array_add(d->props, pr);
	if (lx->tok == TOK_LPAREN) {
		lex_next(lx);
		for (;;) {
			guint i;

			if (lx->tok != TOK_IDENT ||
			    !g_ascii_islower(lx->tstart[0])) {
				lex_expected(lx, "a parameter (a lower-case "
				    "name)");
				return false;
			}
			for (i = 0; i < pr->params->len; i++)
				if (ident_is(lx, pr->params->pdata[i])) {
					lex_error(lx, lx->tline, lx->tcol,
					    POLICY_ERROR_SYNTAX, "parameter "
					    "'%s' is named twice",
					    (char *)pr->params->pdata[i]);
					return false;
				}
			g_ptr_array_add(pr->params, g_strndup(lx->tstart,
			    lx->tlen));
			lex_next(lx);
			if (lx->tok == TOK_RPAREN)
				break;
			if (!expect(lx, TOK_COMMA, "',' or ')'"))
				return false;
		}
		lex_next(lx);
	}
	if (lx->tok == TOK_STRING &&
	    (pr->msg = parse_message(lx, pr->params)) == NULL)
		return false;
	if (!expect(lx, TOK_COLON, "':'"))
		return false;
	visible = g_array_new(FALSE, FALSE, sizeof(guint));
	for (;;) {
		if (tok_is(lx, "requires")) {
			lex_next(lx);
			for (;;) {
				struct pblock *b = NULL;
				guint i;

				for (i = 0; i < d->blocks->len; i++)
					if (ident_is(lx, ((struct pblock *)
					    d->blocks->pdata[i])->name))
						b = d->blocks->pdata[i];
				if (b == NULL) {
					lex_expected(lx, "the name of a "
					    "stateblock defined before");
					goto out;
				}
				g_ptr_array_add(pr->requires, b);
				g_array_append_vals(visible, b->counters->data,
				    b->counters->len);
				lex_next(lx);
				if (lx->tok != TOK_COMMA)
					break;
				lex_next(lx);
			}
			if (!expect(lx, TOK_SEMI, "',' or ';'"))
				goto out;
		} else if (tok_is(lx, "check")) {
			lex_next(lx);
			if (!parse_check(lx, p, pr, visible))
				goto out;
		} else {
			break;
		}
	}
	if (pr->checks->len == 0) {
		lex_expected(lx, "'requires' or 'check'");
		goto out;
	}
	ok = true;
out:
	g_array_free(visible, TRUE);
	return ok;
}

/* Puts a block's updates in force, once. */
static void
use_block(struct policy *p, struct pblock *b)
{
	while (b->updates->len > 0) {
		struct pupdate *u = g_ptr_array_steal_index(b->updates, 0);

		mention_event(p, u->ev);
		g_ptr_array_add(p->updates, u);
	}
}

/* The rules of one property with the values of its parameters. */
static void
instantiate(struct policy *p, const struct pprop *pr, const struct term *vals)
{
	GString *base = g_string_new(pr->name);
	guint i, k;

	if (pr->params->len > 0) {
		g_string_append_c(base, '(');
		for (i = 0; i < pr->params->len; i++) {
			const struct term *t = &vals[i];

			if (i > 0)
				g_string_append(base, ", ");
			if (t->kind == TERM_INT)
				g_string_append_printf(base, "%" G_GINT64_FORMAT,
				    t->n);
			else if (t->kind == TERM_STR)
				g_string_append_printf(base, "\"%s\"", t->s);
			else
				g_string_append(base, t->s);
		}
		g_string_append_c(base, ')');
	}
	for (i = 0; i < pr->requires->len; i++)
		use_block(p, pr->requires->pdata[i]);
	for (i = 0; i < pr->checks->len; i++) {
		const struct pcheck *c = pr->checks->pdata[i];
		struct rule_parse rp = { NULL, p->pf, vars_new(),
		    g_ptr_array_new_with_free_func(pevent_free) };
		struct prule *r = g_new0(struct prule, 1);
		gboolean yes = TRUE;
		guint zero = 0;

		for (k = 0; k < c->vars->len; k++) {
			g_ptr_array_add(rp.v->names, g_strdup(c->vars->pdata[k]));
			g_array_append_val(rp.v->bound, yes);
			g_array_append_val(rp.v->line, zero);
			g_array_append_val(rp.v->col, zero);
		}
		g_ptr_array_add(rp.events, pevent_instantiate(c->ev, vals));
		r->name = pr->checks->len == 1 ? g_strdup(base->str) :
		    g_strdup_printf("%s#%u", base->str, i + 1);
		if (c->msg != NULL)
			r->message = message_text(c->msg, vals);
		else if (pr->msg != NULL)
			r->message = message_text(pr->msg, vals);
		rule_add_check(p, r, &rp);
	}
	g_string_free(base, TRUE);
}

/* policy NAME "=" PROP ["(" literal {"," literal} ")"] {"," ...} ";" */
static bool
parse_policy_line(struct lexer *lx, struct policy *p)
{
	struct propdefs *d = defs_of(p);

	lex_next(lx);
	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, "the policy's name");
		return false;
	}
	lex_next(lx);
	if (!expect(lx, TOK_ASSIGN, "'='"))
		return false;
	for (;;) {
		const struct pprop *pr = NULL;
		GArray *vals = g_array_new(FALSE, TRUE, sizeof(struct term));
		unsigned line = lx->tline, col = lx->tcol;
		guint i;
		bool ok = true;

		for (i = 0; i < d->props->len; i++)
			if (ident_is(lx, ((struct pprop *)
			    d->props->pdata[i])->name))
				pr = d->props->pdata[i];
		if (pr == NULL) {
			GString *names = g_string_new(NULL);

			for (i = 0; i < d->props->len; i++)
				g_string_append_printf(names, "%s%s", i > 0 ?
				    ", " : "", ((struct pprop *)
				    d->props->pdata[i])->name);
			if (lx->tok == TOK_IDENT)
				lex_error(lx, lx->tline, lx->tcol,
				    POLICY_ERROR_UNKNOWN, "unknown property "
				    "'%.*s'; the properties defined before "
				    "are: %s", (int)lx->tlen, lx->tstart,
				    names->len > 0 ? names->str : "none");
			else
				lex_expected(lx, "the name of a property");
			g_string_free(names, TRUE);
			g_array_free(vals, TRUE);
			return false;
		}
		lex_next(lx);
		if (lx->tok == TOK_LPAREN) {
			lex_next(lx);
			while (ok) {
				struct term t = { 0 };

				if (lx->tok == TOK_STRING) {
					t.kind = TERM_STR;
					t.s = g_strdup(lx->str);
				} else if (lx->tok == TOK_NUMBER) {
					t.kind = TERM_INT;
					t.n = lx->num;
				} else if (lx->tok == TOK_IDENT &&
				    !g_ascii_islower(lx->tstart[0])) {
					t.kind = TERM_NAME;
					t.s = g_strndup(lx->tstart, lx->tlen);
					if (!constant_check(lx, lx->tline,
					    lx->tcol, t.s)) {
						g_free(t.s);
						ok = false;
						break;
					}
				} else {
					lex_expected(lx, "a string, a number "
					    "or a constant");
					ok = false;
					break;
				}
				g_array_append_val(vals, t);
				lex_next(lx);
				if (lx->tok == TOK_RPAREN) {
					lex_next(lx);
					break;
				}
				ok = expect(lx, TOK_COMMA, "',' or ')'");
			}
		}
		if (ok && vals->len != pr->params->len) {
			lex_error(lx, line, col, POLICY_ERROR_SYNTAX, "%s takes "
			    "%u values, not %u", pr->name, pr->params->len,
			    vals->len);
			ok = false;
		}
		if (ok)
			instantiate(p, pr, (const struct term *)(void *)
			    vals->data);
		for (i = 0; i < vals->len; i++)
			term_clear(&g_array_index(vals, struct term, i));
		g_array_free(vals, TRUE);
		if (!ok)
			return false;
		if (lx->tok != TOK_COMMA)
			break;
		lex_next(lx);
	}
	return expect(lx, TOK_SEMI, "',' or ';'");
}

bool
property_parse(struct lexer *lx, struct policy *p)
{
	if (tok_is(lx, "stateblock"))
		return parse_stateblock(lx, p);
	if (tok_is(lx, "property"))
		return parse_property(lx, p);
	return parse_policy_line(lx, p);
}
