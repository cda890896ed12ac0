/*
 * parse.c: the platform interface and policy languages, by recursive
 * descent (docs/policy-language.md has the grammar), and the compilation
 * of each rule's pattern to an automaton: Thompson's construction (CACM
 * 11(6), 1968) gives a nondeterministic automaton with empty moves, which
 * are then removed (each state takes the labelled moves of its empty
 * closure) and the states no longer reached dropped; rulemin.c then
 * merges the states that behave alike.
 */
#include <string.h>

#include "automata/netrange.h"
#include "internal.h"
#include "trace/file.h"
#include "trace/norm.h"
#include "trace/sockaddr.h"
#include "trace/trace.h"

/* Platform and policy objects. */

void
term_clear(struct term *t)
{
	g_free(t->s);
	t->s = NULL;
}

void
cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	term_clear(&c->a);
	term_clear(&c->b);
	cond_free(c->l);
	cond_free(c->r);
	g_free(c);
}

static void
pdef_free(gpointer p)
{
	struct pdef *d = p;
	unsigned i;

	g_free(d->name);
	g_free(d->params);
	for (i = 0; i < d->nargs; i++)
		term_clear(&d->args[i]);
	g_free(d->args);
	cond_free(d->cond);
	g_free(d);
}

void
pevent_free(gpointer p)
{
	struct pevent *e = p;
	unsigned i;

	g_free(e->name);
	for (i = 0; i < e->nargs; i++)
		term_clear(&e->args[i]);
	g_free(e->args);
	cond_free(e->cond);
	term_clear(&e->ret);
	g_free(e);
}

static void
prule_free(gpointer p)
{
	struct prule *r = p;
	unsigned i;

	g_free(r->name);
	g_free(r->message);
	if (r->reads != NULL)
		g_array_free(r->reads, TRUE);
	g_ptr_array_free(r->events, TRUE);
	g_ptr_array_free(r->vars, TRUE);
	g_free(r->first);
	for (i = 0; i < r->nstates; i++)
		g_array_free(r->out[i], TRUE);
	g_free(r->out);
	g_free(r->accepting);
	g_free(r);
}

static void
counter_free(gpointer p)
{
	struct counter *c = p;

	g_free(c->name);
	g_free(c);
}

void
pupdate_free(gpointer p)
{
	struct pupdate *u = p;

	pevent_free(u->ev);
	g_ptr_array_free(u->vars, TRUE);
	term_clear(&u->val);
	g_free(u);
}

void
platform_free(struct platform *p)
{
	if (p == NULL)
		return;
	g_hash_table_destroy(p->by_name);
	g_ptr_array_free(p->defs, TRUE);
	g_free(p);
}

void
policy_free(struct policy *p)
{
	if (p == NULL)
		return;
	g_ptr_array_free(p->rules, TRUE);
	g_ptr_array_free(p->counters, TRUE);
	g_ptr_array_free(p->updates, TRUE);
	propdefs_free(p->defs);
	g_hash_table_destroy(p->mentioned);
	g_free(p);
}

/* Variables: a table of names, and whether an event binds each. */
static unsigned
var_of(struct vars *v, const char *name, size_t len, unsigned line,
    unsigned col)
{
	guint i;
	gboolean f = FALSE;

	for (i = 0; i < v->names->len; i++)
		if (strlen(v->names->pdata[i]) == len &&
		    strncmp(v->names->pdata[i], name, len) == 0)
			return i;
	g_ptr_array_add(v->names, g_strndup(name, len));
	g_array_append_val(v->bound, f);
	g_array_append_val(v->line, line);
	g_array_append_val(v->col, col);
	return v->names->len - 1;
}

/* A constant is a name with no lower-case letter: O_WRONLY, PF_LOCAL. */
static bool
is_constant(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
	return n > 0 && !(s[0] >= '0' && s[0] <= '9');
}

bool
tok_is(const struct lexer *lx, const char *word)
{
	return lx->tok == TOK_IDENT && lx->tlen == strlen(word) &&
	    strncmp(lx->tstart, word, lx->tlen) == 0;
}

bool
expect(struct lexer *lx, enum tok t, const char *what)
{
	if (lx->tok != t) {
		lex_expected(lx, what);
		return false;
	}
	lex_next(lx);
	return true;
}

/* Whether s is the name of a counter: all of it, or what follows its
 * last dot (bytes_written for RFileSystem.bytes_written). */
static bool
counter_named(const char *full, const char *s, size_t n)
{
	const char *dot = strrchr(full, '.');

	if (strlen(full) == n && strncmp(full, s, n) == 0)
		return true;
	return dot != NULL && strlen(dot + 1) == n &&
	    strncmp(dot + 1, s, n) == 0;
}

static bool
scope_lookup(const struct scope *sc, const char *s, size_t n, bool counters,
    struct term *t)
{
	guint i;

	if (sc == NULL)
		return false;
	for (i = 0; sc->params != NULL && i < sc->params->len; i++)
		if (strlen(sc->params->pdata[i]) == n &&
		    strncmp(sc->params->pdata[i], s, n) == 0) {
			t->kind = TERM_PARAM;
			t->var = i;
			return true;
		}
	for (i = 0; counters && sc->visible != NULL && i < sc->visible->len;
	    i++) {
		guint c = g_array_index(sc->visible, guint, i);
		const struct counter *k = sc->counters->pdata[c];

		if (counter_named(k->name, s, n)) {
			t->kind = TERM_COUNTER;
			t->var = c;
			return true;
		}
	}
	return false;
}

/*
 * A field of an address variable in a condition: "a.ip" is one name to
 * the lexer; what precedes the first dot is the variable.
 */
static bool
parse_field(struct lexer *lx, struct vars *v, struct term *t)
{
	static const enum term_field fields[] = {
		FIELD_FAMILY, FIELD_IP, FIELD_PORT, FIELD_PATH, FIELD_PID,
		FIELD_GROUPS,
	};
	const char *dot = memchr(lx->tstart, '.', lx->tlen);
	size_t vlen = (size_t)(dot - lx->tstart);
	size_t flen = lx->tlen - vlen - 1;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(fields); i++) {
		const char *name = term_field_name(fields[i]);

		if (strlen(name) == flen && strncmp(dot + 1, name, flen) == 0)
			break;
	}
	if (i == G_N_ELEMENTS(fields)) {
		lex_error(lx, lx->tline, lx->tcol + (unsigned)vlen + 1,
		    POLICY_ERROR_UNKNOWN, "unknown field '%.*s' of an "
		    "address: expected family, ip, port, path, pid or groups",
		    (int)MIN(flen, 40), dot + 1);
		return false;
	}
	t->kind = TERM_VAR;
	t->field = fields[i];
	t->var = var_of(v, lx->tstart, vlen, lx->tline, lx->tcol);
	return true;
}

/*
 * An address or a range after "in", or after == and != whose left side
 * is an IP: 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, or the same in
 * quotes.  The lexer reads "127.0.0.0" or "::1" as other tokens, so the
 * text is read again from the start of the token in hand.
 */
static bool
parse_net(struct lexer *lx, struct term *t)
{
	struct sockaddr_net net;
	const char *q = lx->tstart;
	const char *s;
	size_t n;

	memset(t, 0, sizeof(*t));
	if (lx->tok == TOK_STRING) {
		s = lx->str;
		n = strlen(s);
	} else {
		while (q < lx->end && (g_ascii_isxdigit(*q) || *q == ':' ||
		    *q == '.' || *q == '/'))
			q++;
		s = lx->tstart;
		n = (size_t)(q - lx->tstart);
	}
	if (!sockaddr_net_parse(s, n, &net)) {
		if (lx->tok != TOK_STRING && n > 0)
			lx->tlen = n;
		lex_expected(lx, "an address or a range (127.0.0.0/8, ::1)");
		return false;
	}
	t->kind = TERM_NET;
	t->s = g_strndup(s, n);
	if (lx->tok != TOK_STRING)
		lx->p = q;
	lex_next(lx);
	return true;
}

/* Whether the name in hand begins an IPv6 address (fe80::1), rather
 * than being a variable. */
static bool
net_ahead(const struct lexer *lx)
{
	struct sockaddr_net net;
	const char *q = lx->tstart;

	while (q < lx->end && (g_ascii_isxdigit(*q) || *q == ':' ||
	    *q == '.' || *q == '/'))
		q++;
	return memchr(lx->tstart, ':', (size_t)(q - lx->tstart)) != NULL &&
	    sockaddr_net_parse(lx->tstart, (size_t)(q - lx->tstart), &net);
}

/*
 * A term.  In an event's arguments (binding), a lower-case name is a
 * variable the event binds; in a condition it is a variable some event of
 * the rule must bind.
 */
static bool
parse_term(struct lexer *lx, struct vars *v, bool binding, struct term *t)
{
	memset(t, 0, sizeof(*t));
	switch (lx->tok) {
	case TOK_STRING:
		t->kind = TERM_STR;
		t->s = g_strdup(lx->str);
		break;
	case TOK_NUMBER:
		t->kind = TERM_INT;
		t->n = lx->num;
		break;
	case TOK_IDENT:
		if (lx->tlen == 1 && lx->tstart[0] == '_') {
			if (!binding) {
				lex_expected(lx, "a variable, a string, a "
				    "number or a constant");
				return false;
			}
			t->kind = TERM_ANY;
		} else if (is_constant(lx->tstart, lx->tlen)) {
			t->kind = TERM_NAME;
			t->s = g_strndup(lx->tstart, lx->tlen);
			if (!constant_check(lx, lx->tline, lx->tcol, t->s)) {
				g_free(t->s);
				t->s = NULL;
				return false;
			}
		} else if (scope_lookup(v->scope, lx->tstart, lx->tlen,
		    !binding, t)) {
			/* a parameter, or a counter in a condition */
		} else if (!binding && memchr(lx->tstart, '.', lx->tlen) !=
		    NULL) {
			if (!parse_field(lx, v, t))
				return false;
		} else {
			t->kind = TERM_VAR;
			t->var = var_of(v, lx->tstart, lx->tlen, lx->tline,
			    lx->tcol);
			if (binding)
				g_array_index(v->bound, gboolean, t->var) = TRUE;
		}
		break;
	default:
		lex_expected(lx, binding ? "an argument (a variable, _, a "
		    "string, a number or a constant)" : "a variable, a "
		    "string, a number or a constant");
		return false;
	}
	lex_next(lx);
	return true;
}

/*
 * The pattern of a '~', the string token in hand, checked as glob.c reads
 * it; the error is at the character at fault when the string is written
 * without escapes, else at the string.
 */
static bool
glob_check_at(struct lexer *lx, const char *pattern)
{
	size_t at, n = strlen(pattern);
	char *why = glob_check(pattern, &at);
	unsigned col = lx->tcol;

	if (why == NULL)
		return true;
	if (lx->tlen == n + 2 && memcmp(lx->tstart + 1, pattern, n) == 0)
		col += 1 + (unsigned)at;
	lex_error(lx, lx->tline, col, POLICY_ERROR_SYNTAX, "%s", why);
	g_free(why);
	return false;
}

/*
 * A file-state predicate, existed(p) or created(p) (files.c): a name
 * followed by '(' (a variable of that name is compared, never called).
 * NULL when the token in hand does not start one, or with lx->err set.
 */
static struct cond *
parse_file_pred(struct lexer *lx, struct vars *v)
{
	static const char *const names[] = { "existed", "created" };
	const char *q = lx->p;
	struct cond *c;
	unsigned i, line, col;

	if (lx->tok != TOK_IDENT)
		return NULL;
	for (i = 0; i < G_N_ELEMENTS(names); i++)
		if (tok_is(lx, names[i]))
			break;
	while (q < lx->end && (*q == ' ' || *q == '\t'))
		q++;
	if (i == G_N_ELEMENTS(names) || q == lx->end || *q != '(')
		return NULL;
	c = g_new0(struct cond, 1);
	c->kind = COND_FILE;
	c->pred = i == 0 ? FILE_PRED_EXISTED : FILE_PRED_CREATED;
	lex_next(lx);
	lex_next(lx);
	line = lx->tline;
	col = lx->tcol;
	if (!parse_term(lx, v, false, &c->a))
		goto fail;
	if (c->a.kind != TERM_VAR && c->a.kind != TERM_STR &&
	    c->a.kind != TERM_PARAM) {
		lex_error(lx, line, col, POLICY_ERROR_SYNTAX, "expected a "
		    "name (a variable, a string or a parameter) in %s()",
		    names[i]);
		goto fail;
	}
	if (!expect(lx, TOK_RPAREN, "')'"))
		goto fail;
	return c;
fail:
	cond_free(c);
	return NULL;
}

static struct cond *
parse_unary(struct lexer *lx, struct vars *v)
{
	struct cond *c;

	if (lx->tok == TOK_NOT) {
		if (!lex_enter(lx, "a condition"))
			return NULL;
		lex_next(lx);
		c = g_new0(struct cond, 1);
		c->kind = COND_NOT;
		c->l = parse_unary(lx, v);
		lex_leave(lx);
		if (c->l == NULL) {
			cond_free(c);
			return NULL;
		}
		return c;
	}
	if (lx->tok == TOK_LPAREN) {
		if (!lex_enter(lx, "a condition"))
			return NULL;
		lex_next(lx);
		c = parse_cond(lx, v);
		lex_leave(lx);
		if (c != NULL && !expect(lx, TOK_RPAREN, "')'")) {
			cond_free(c);
			return NULL;
		}
		return c;
	}
	if ((c = parse_file_pred(lx, v)) != NULL || lx->err != NULL)
		return c;
	c = g_new0(struct cond, 1);
	c->kind = COND_CMP;
	if (!parse_term(lx, v, false, &c->a))
		goto fail;
	switch (lx->tok) {
	case TOK_EQ: c->op = OP_EQ; break;
	case TOK_NE: c->op = OP_NE; break;
	case TOK_TILDE: c->op = OP_GLOB; break;
	case TOK_LT: c->op = OP_LT; break;
	case TOK_LE: c->op = OP_LE; break;
	case TOK_GT: c->op = OP_GT; break;
	case TOK_GE: c->op = OP_GE; break;
	default:
		if (tok_is(lx, "has")) {
			c->op = OP_HAS;
			break;
		}
		if (tok_is(lx, "in")) {
			c->op = OP_IN;
			break;
		}
		lex_expected(lx, "a comparison (==, !=, ~, has, in, <, <=, >, "
		    ">=)");
		goto fail;
	}
	lex_next(lx);
	if (c->op == OP_IN || ((c->op == OP_EQ || c->op == OP_NE) &&
	    c->a.kind == TERM_VAR && c->a.field == FIELD_IP &&
	    (lx->tok != TOK_IDENT || net_ahead(lx)))) {
		if (!parse_net(lx, &c->b))
			goto fail;
		return c;
	}
	if (c->op == OP_GLOB && lx->tok == TOK_STRING &&
	    !glob_check_at(lx, lx->str))
		goto fail;
	if (!parse_term(lx, v, false, &c->b))
		goto fail;
	return c;
fail:
	cond_free(c);
	return NULL;
}

/*
 * The conjunction of v[0..n-1] as a balanced tree, so that a chain of
 * "&&" as long as the input allows stays shallow for the recursive walks
 * over conditions (the order of the operands is kept).
 */
static struct cond *
cond_balance(struct cond **v, guint n)
{
	struct cond *a;

	if (n == 1)
		return v[0];
	a = g_new0(struct cond, 1);
	a->kind = COND_AND;
	a->l = cond_balance(v, n / 2);
	a->r = cond_balance(v + n / 2, n - n / 2);
	return a;
}

struct cond *
parse_cond(struct lexer *lx, struct vars *v)
{
	GPtrArray *and = g_ptr_array_new();
	struct cond *c = parse_unary(lx, v);

	while (c != NULL) {
		g_ptr_array_add(and, c);
		if (lx->tok != TOK_ANDAND)
			break;
		lex_next(lx);
		c = parse_unary(lx, v);
	}
	if (c == NULL) {
		g_ptr_array_set_free_func(and, (GDestroyNotify)cond_free);
		g_ptr_array_free(and, TRUE);
		return NULL;
	}
	c = cond_balance((struct cond **)and->pdata, and->len);
	g_ptr_array_free(and, TRUE);
	return c;
}

/* The arguments of an event: "(" [term {"," term}] ")". */
static bool
parse_args(struct lexer *lx, struct vars *v, GArray *args)
{
	if (!expect(lx, TOK_LPAREN, "'('"))
		return false;
	if (lx->tok == TOK_RPAREN) {
		lex_next(lx);
		return true;
	}
	for (;;) {
		struct term t;

		if (!parse_term(lx, v, true, &t))
			return false;
		g_array_append_val(args, t);
		if (args->len > CALL_MAX_ARGS) {
			lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_SYNTAX,
			    "more than %d arguments", CALL_MAX_ARGS);
			return false;
		}
		if (lx->tok == TOK_RPAREN) {
			lex_next(lx);
			return true;
		}
		if (!expect(lx, TOK_COMMA, "',' or ')'"))
			return false;
	}
}

static void
terms_free(GArray *a)
{
	guint i;

	for (i = 0; i < a->len; i++)
		term_clear(&g_array_index(a, struct term, i));
	g_array_free(a, TRUE);
}

struct vars *
vars_new(void)
{
	struct vars *v = g_new0(struct vars, 1);

	v->names = g_ptr_array_new_with_free_func(g_free);
	v->bound = g_array_new(FALSE, FALSE, sizeof(gboolean));
	v->line = g_array_new(FALSE, FALSE, sizeof(guint));
	v->col = g_array_new(FALSE, FALSE, sizeof(guint));
	return v;
}

/* Frees v; its names are returned when keep (transfer full). */
GPtrArray *
vars_free(struct vars *v, bool keep)
{
	GPtrArray *names = v->names;

	g_array_free(v->bound, TRUE);
	g_array_free(v->line, TRUE);
	g_array_free(v->col, TRUE);
	g_free(v);
	if (keep)
		return names;
	g_ptr_array_free(names, TRUE);
	return NULL;
}

/* Every variable a condition uses is bound by some event. */
bool
vars_check(struct lexer *lx, struct vars *v, const char *where)
{
	guint i;

	for (i = 0; i < v->names->len; i++)
		if (!g_array_index(v->bound, gboolean, i)) {
			lex_error(lx, g_array_index(v->line, guint, i),
			    g_array_index(v->col, guint, i),
			    POLICY_ERROR_UNKNOWN, "variable '%s' is bound by "
			    "no %s", (char *)v->names->pdata[i], where);
			return false;
		}
	return true;
}

/* Platform files. */

static bool
parse_def(struct lexer *lx, struct platform *pf)
{
	struct pdef *d = g_new0(struct pdef, 1);
	struct vars *v = vars_new();
	GArray *params = g_array_new(FALSE, FALSE, sizeof(struct term));
	GArray *args = g_array_new(FALSE, FALSE, sizeof(struct term));
	GPtrArray *same;
	unsigned line = lx->tline, col = lx->tcol, i;

	d->ret_var = -1;
	d->name = g_strndup(lx->tstart, lx->tlen);
	if (!expect(lx, TOK_IDENT, "the name of an event"))
		goto fail;
	/* parameters are variables; they are bound by the call below */
	if (!parse_args(lx, v, params))
		goto fail;
	for (i = 0; i < v->names->len; i++)
		g_array_index(v->bound, gboolean, i) = FALSE;
	for (i = 0; i < params->len; i++)
		if (g_array_index(params, struct term, i).kind != TERM_VAR) {
			lex_error(lx, line, col, POLICY_ERROR_SYNTAX,
			    "the parameters of %s must be variables", d->name);
			goto fail;
		}
	if (!expect(lx, TOK_ASSIGN, "'='"))
		goto fail;
	if (lx->tok != TOK_IDENT) {
		lex_expected(lx, "a system call");
		goto fail;
	}
	d->call = g_strndup(lx->tstart, lx->tlen);
	if (trace_syscall_roles(d->call) == NULL) {
		char *near = event_suggest(d->call, NULL);

		lex_error(lx, lx->tline, lx->tcol, POLICY_ERROR_UNKNOWN,
		    "unknown system call '%s'%s (not in trace/syscalls.def)",
		    d->call, near);
		g_free(near);
		g_free(d->call);
		d->call = NULL;
		goto fail;
	}
	{
		char *c = d->call;

		d->call = (char *)trace_intern(c);
		g_free(c);
	}
	lex_next(lx);
	if (!parse_args(lx, v, args))
		goto fail;
	if (lx->tok == TOK_ARROW) {
		lex_next(lx);
		if (lx->tok != TOK_IDENT || is_constant(lx->tstart, lx->tlen)) {
			lex_expected(lx, "a variable for the result");
			goto fail;
		}
		d->ret_var = (int)var_of(v, lx->tstart, lx->tlen, lx->tline,
		    lx->tcol);
		g_array_index(v->bound, gboolean, d->ret_var) = TRUE;
		lex_next(lx);
	}
	if (lx->tok == TOK_BAR) {
		lex_next(lx);
		if ((d->cond = parse_cond(lx, v)) == NULL)
			goto fail;
	}
	if (!expect(lx, TOK_SEMI, "';'"))
		goto fail;
	if (!vars_check(lx, v, "argument or result of the call"))
		goto fail;
	d->nparams = params->len;
	d->params = g_new0(unsigned, params->len + 1);
	for (i = 0; i < params->len; i++)
		d->params[i] = g_array_index(params, struct term, i).var;
	d->nargs = args->len;
	d->args = (struct term *)(void *)g_array_free(args, FALSE);
	args = NULL;
	d->nvars = v->names->len;
	same = g_hash_table_lookup(pf->by_name, d->name);
	if (same != NULL && ((struct pdef *)same->pdata[0])->nparams !=
	    d->nparams) {
		lex_error(lx, line, col, POLICY_ERROR_SYNTAX, "%s has %u "
		    "parameters here and %u before", d->name, d->nparams,
		    ((struct pdef *)same->pdata[0])->nparams);
		goto fail;
	}
	if (same == NULL) {
		same = g_ptr_array_new();
		g_hash_table_insert(pf->by_name, g_strdup(d->name), same);
	}
	g_ptr_array_add(same, d);
	g_ptr_array_add(pf->defs, d);
	terms_free(params);
	vars_free(v, false);
	return true;
fail:
	terms_free(params);
	if (args != NULL)
		terms_free(args);
	vars_free(v, false);
	pdef_free(d);
	return false;
}

bool
platform_parse_into(struct platform *pf, const char *name, const char *buf,
    size_t len, GError **err)
{
	struct lexer lx;
	bool ok = true;

	lex_init(&lx, name, buf, len);
	lex_next(&lx);
	while (ok && lx.tok != TOK_EOF)
		ok = parse_def(&lx, pf);
	if (!ok || lx.err != NULL) {
		g_propagate_error(err, lx.err);
		lx.err = NULL;
		ok = false;
	}
	lex_clear(&lx);
	return ok;
}

/* Policies: patterns to automata. */

enum rkind { R_ANY, R_EVENT, R_SEQ, R_ALT, R_STAR, R_PLUS, R_OPT };

struct rnode {
	enum rkind kind;
	int ev;
	struct rnode *a, *b;
};

static void
rnode_free(struct rnode *n)
{
	if (n == NULL)
		return;
	rnode_free(n->a);
	rnode_free(n->b);
	g_free(n);
}

static struct rnode *
rnode(enum rkind k, struct rnode *a, struct rnode *b)
{
	struct rnode *n = g_new0(struct rnode, 1);

	n->kind = k;
	n->a = a;
	n->b = b;
	return n;
}

static struct rnode *parse_alt(struct rule_parse *rp);

int
parse_event_only(struct rule_parse *rp)
{
	struct lexer *lx = rp->lx;
	struct pevent *e = g_new0(struct pevent, 1);
	GArray *args = g_array_new(FALSE, FALSE, sizeof(struct term));
	unsigned line = lx->tline, col = lx->tcol;

	if (tok_is(lx, "Failed")) {
		/* "Failed NAME(...)": the calls of NAME that failed */
		e->failed = true;
		lex_next(lx);
		if (lx->tok != TOK_IDENT) {
			lex_expected(lx, "an event after 'Failed'");
			goto fail;
		}
		line = lx->tline;
		col = lx->tcol;
	}
	e->name = g_strndup(lx->tstart, lx->tlen);
	lex_next(lx);
	e->defs = g_hash_table_lookup(rp->pf->by_name, e->name);
	if (e->defs == NULL) {
		if (trace_syscall_roles(e->name) == NULL) {
			char *near = event_suggest(e->name, rp->pf);

			lex_error(lx, line, col, POLICY_ERROR_UNKNOWN,
			    "unknown event '%s'%s: not a system call of "
			    "trace/syscalls.def nor an event of the platform "
			    "interface", e->name, near);
			g_free(near);
			goto fail;
		}
		e->call = trace_intern(e->name);
	}
	if (!parse_args(lx, rp->v, args))
		goto fail;
	if (e->defs != NULL && args->len != ((const struct pdef *)
	    e->defs->pdata[0])->nparams) {
		lex_error(lx, line, col, POLICY_ERROR_SYNTAX, "%s takes %u "
		    "arguments, not %u", e->name, ((const struct pdef *)
		    e->defs->pdata[0])->nparams, args->len);
		goto fail;
	}
	if (lx->tok == TOK_ARROW) {
		lex_next(lx);
		if (lx->tok != TOK_IDENT || (!tok_is(lx, "_") &&
		    is_constant(lx->tstart, lx->tlen))) {
			lex_expected(lx, "a variable for the result");
			goto fail;
		}
		if (!parse_term(lx, rp->v, true, &e->ret))
			goto fail;
	}
	if (lx->tok == TOK_BAR) {
		lex_next(lx);
		if ((e->cond = parse_cond(lx, rp->v)) == NULL)
			goto fail;
	}
	e->nargs = args->len;
	e->args = (struct term *)(void *)g_array_free(args, FALSE);
	g_ptr_array_add(rp->events, e);
	return (int)rp->events->len - 1;
fail:
	terms_free(args);
	pevent_free(e);
	return -1;
}

static struct rnode *
parse_event(struct rule_parse *rp)
{
	int ev = parse_event_only(rp);
	struct rnode *n;

	if (ev < 0)
		return NULL;
	n = rnode(R_EVENT, NULL, NULL);
	n->ev = ev;
	return n;
}

static struct rnode *
parse_atom(struct rule_parse *rp)
{
	struct lexer *lx = rp->lx;
	struct rnode *n;

	if (lx->tok == TOK_LPAREN) {
		if (!lex_enter(lx, "a pattern"))
			return NULL;
		lex_next(lx);
		n = parse_alt(rp);
		lex_leave(lx);
		if (n != NULL && !expect(lx, TOK_RPAREN, "')'")) {
			rnode_free(n);
			return NULL;
		}
		return n;
	}
	if (tok_is(lx, "any")) {
		lex_next(lx);
		return rnode(R_ANY, NULL, NULL);
	}
	if (lx->tok == TOK_IDENT)
		return parse_event(rp);
	lex_expected(lx, "an event, 'any' or '('");
	return NULL;
}

/*
 * An atom and its postfix operators.  Stacked operators make one node:
 * e** is e*, e++ is e+, e?? is e?, and any two different ones make e*
 * (e+? and e?+ match the empty run and any repetition), so that a run of
 * them costs neither depth nor states.
 */
static struct rnode *
parse_rep(struct rule_parse *rp)
{
	struct rnode *n = parse_atom(rp);

	while (n != NULL) {
		enum rkind k;

		if (rp->lx->tok == TOK_STAR)
			k = R_STAR;
		else if (rp->lx->tok == TOK_PLUS)
			k = R_PLUS;
		else if (rp->lx->tok == TOK_QUESTION)
			k = R_OPT;
		else
			break;
		if (n->kind == R_STAR || n->kind == R_PLUS || n->kind == R_OPT) {
			if (n->kind != k)
				n->kind = R_STAR;
		} else {
			n = rnode(k, n, NULL);
		}
		lex_next(rp->lx);
	}
	return n;
}

/* v[0..n-1] joined by k as a balanced tree (see cond_balance()). */
static struct rnode *
rnode_balance(enum rkind k, struct rnode **v, guint n)
{
	if (n == 1)
		return v[0];
	return rnode(k, rnode_balance(k, v, n / 2),
	    rnode_balance(k, v + n / 2, n - n / 2));
}

/* One or more of what next() parses, joined by op into k nodes. */
static struct rnode *
parse_chain(struct rule_parse *rp, enum tok op, enum rkind k,
    struct rnode *(*next)(struct rule_parse *))
{
	GPtrArray *v = g_ptr_array_new();
	struct rnode *n = next(rp);

	while (n != NULL) {
		g_ptr_array_add(v, n);
		if (rp->lx->tok != op)
			break;
		lex_next(rp->lx);
		n = next(rp);
	}
	if (n == NULL) {
		g_ptr_array_set_free_func(v, (GDestroyNotify)rnode_free);
		g_ptr_array_free(v, TRUE);
		return NULL;
	}
	n = rnode_balance(k, (struct rnode **)v->pdata, v->len);
	g_ptr_array_free(v, TRUE);
	return n;
}

static struct rnode *
parse_seq(struct rule_parse *rp)
{
	return parse_chain(rp, TOK_DOT, R_SEQ, parse_rep);
}

static struct rnode *
parse_alt(struct rule_parse *rp)
{
	return parse_chain(rp, TOK_OROR, R_ALT, parse_seq);
}

/* Thompson's construction: an automaton with empty moves. */
struct nfa {
	GArray *eps;		/* of GArray * of guint, per state */
	GArray *lab;		/* of GArray * of struct ptrans, per state */
};

static unsigned
nfa_state(struct nfa *a)
{
	GArray *e = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *l = g_array_new(FALSE, FALSE, sizeof(struct ptrans));

	g_array_append_val(a->eps, e);
	g_array_append_val(a->lab, l);
	return a->eps->len - 1;
}

static void
nfa_eps(struct nfa *a, unsigned from, unsigned to)
{
	g_array_append_val(g_array_index(a->eps, GArray *, from), to);
}

static void
nfa_lab(struct nfa *a, unsigned from, int label, unsigned to)
{
	struct ptrans t = { label, to };

	g_array_append_val(g_array_index(a->lab, GArray *, from), t);
}

static gint
cmp_guint(gconstpointer x, gconstpointer y)
{
	guint a = *(const guint *)x, b = *(const guint *)y;

	return a < b ? -1 : a > b;
}

/* Builds n between new states; returns them in *in and *out. */
static void
thompson(struct nfa *a, const struct rnode *n, unsigned *in, unsigned *out)
{
	unsigned i1, o1, i2, o2;

	*in = nfa_state(a);
	*out = nfa_state(a);
	switch (n->kind) {
	case R_ANY:
		nfa_lab(a, *in, LABEL_ANY, *out);
		break;
	case R_EVENT:
		nfa_lab(a, *in, n->ev, *out);
		break;
	case R_SEQ:
		thompson(a, n->a, &i1, &o1);
		thompson(a, n->b, &i2, &o2);
		nfa_eps(a, *in, i1);
		nfa_eps(a, o1, i2);
		nfa_eps(a, o2, *out);
		break;
	case R_ALT:
		thompson(a, n->a, &i1, &o1);
		thompson(a, n->b, &i2, &o2);
		nfa_eps(a, *in, i1);
		nfa_eps(a, *in, i2);
		nfa_eps(a, o1, *out);
		nfa_eps(a, o2, *out);
		break;
	case R_STAR:
	case R_PLUS:
	case R_OPT:
		thompson(a, n->a, &i1, &o1);
		nfa_eps(a, *in, i1);
		nfa_eps(a, o1, *out);
		if (n->kind != R_PLUS)
			nfa_eps(a, *in, *out);
		if (n->kind != R_OPT)
			nfa_eps(a, o1, i1);
		break;
	}
}

/*
 * The empty closure of s: its states are marked in seen and listed in
 * members, sorted, so that the moves of a closure come in the order of
 * the states that hold them.
 */
static void
closure(const struct nfa *a, unsigned s, bool *seen, GArray *members,
    GArray *stack)
{
	g_array_set_size(stack, 0);
	g_array_set_size(members, 0);
	seen[s] = true;
	g_array_append_val(stack, s);
	g_array_append_val(members, s);
	while (stack->len > 0) {
		guint x = g_array_index(stack, guint, stack->len - 1), i;
		GArray *e = g_array_index(a->eps, GArray *, x);

		g_array_set_size(stack, stack->len - 1);
		for (i = 0; i < e->len; i++) {
			guint y = g_array_index(e, guint, i);

			if (!seen[y]) {
				seen[y] = true;
				g_array_append_val(stack, y);
				g_array_append_val(members, y);
			}
		}
	}
	g_array_sort(members, cmp_guint);
}

/*
 * Removes the empty moves of a, keeps what start reaches, into r.  The
 * closures of a pattern's states may together be quadratic in its size
 * (a . b? . c? . d? ...): false when they would make more than
 * POLICY_MAX_WORK states visited and moves made, r left empty.
 */
static bool
compile(struct prule *r, struct nfa *a, unsigned start, unsigned final)
{
	guint n = a->eps->len, i, k, j;
	bool *seen = g_new0(bool, n);
	guint *newid = g_new(guint, n);
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *members = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *work = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray **out = g_new0(GArray *, n);
	bool *acc = g_new0(bool, n);
	uint64_t spent = 0;
	bool ok = true;

	/* per state: the labelled moves of its closure */
	for (i = 0; i < n && ok; i++) {
		closure(a, i, seen, members, stack);
		out[i] = g_array_new(FALSE, FALSE, sizeof(struct ptrans));
		for (j = 0; j < members->len; j++) {
			guint m = g_array_index(members, guint, j);
			GArray *l = g_array_index(a->lab, GArray *, m);

			seen[m] = false;
			acc[i] |= m == final;
			g_array_append_vals(out[i], l->data, l->len);
		}
		spent += members->len + out[i]->len;
		ok = spent <= POLICY_MAX_WORK;
	}
	if (ok) {
		/* keep the states start reaches by labelled moves */
		for (i = 0; i < n; i++)
			newid[i] = G_MAXUINT;
		r->nstates = 0;
		newid[start] = r->nstates++;
		g_array_append_val(work, start);
		for (i = 0; i < work->len; i++) {
			guint s = g_array_index(work, guint, i);

			for (k = 0; k < out[s]->len; k++) {
				guint d = g_array_index(out[s], struct ptrans,
				    k).dst;

				if (newid[d] == G_MAXUINT) {
					newid[d] = r->nstates++;
					g_array_append_val(work, d);
				}
			}
		}
		r->out = g_new0(GArray *, r->nstates);
		r->accepting = g_new0(bool, r->nstates);
		for (i = 0; i < work->len; i++) {
			guint s = g_array_index(work, guint, i);

			r->out[newid[s]] = out[s];
			out[s] = NULL;
			r->accepting[newid[s]] = acc[s];
			for (k = 0; k < r->out[newid[s]]->len; k++) {
				struct ptrans *t = &g_array_index(
				    r->out[newid[s]], struct ptrans, k);

				t->dst = newid[t->dst];
			}
		}
		r->start = 0;
	}
	for (i = 0; i < n; i++)
		if (out[i] != NULL)
			g_array_free(out[i], TRUE);
	g_free(out);
	g_free(acc);
	g_free(seen);
	g_free(newid);
	g_array_free(stack, TRUE);
	g_array_free(members, TRUE);
	g_array_free(work, TRUE);
	return ok;
}

static void
nfa_free(struct nfa *a)
{
	guint i;

	for (i = 0; i < a->eps->len; i++) {
		g_array_free(g_array_index(a->eps, GArray *, i), TRUE);
		g_array_free(g_array_index(a->lab, GArray *, i), TRUE);
	}
	g_array_free(a->eps, TRUE);
	g_array_free(a->lab, TRUE);
}

void
mention_event(struct policy *p, const struct pevent *e)
{
	guint k;

	if (e->defs == NULL) {
		g_hash_table_add(p->mentioned, (gpointer)e->call);
		return;
	}
	for (k = 0; k < e->defs->len; k++)
		g_hash_table_add(p->mentioned, ((const struct pdef *)
		    e->defs->pdata[k])->call);
}

static void
mention(struct policy *p, const struct prule *r)
{
	guint i;

	for (i = 0; i < r->events->len; i++)
		mention_event(p, r->events->pdata[i]);
}

/* The counters a condition reads, into a sorted set. */
void
cond_counters(const struct cond *c, GArray *set)
{
	const struct term *ts[2];
	guint i, k;

	if (c == NULL)
		return;
	cond_counters(c->l, set);
	cond_counters(c->r, set);
	if (c->kind != COND_CMP)
		return;
	ts[0] = &c->a;
	ts[1] = &c->b;
	for (i = 0; i < 2; i++) {
		if (ts[i]->kind != TERM_COUNTER)
			continue;
		for (k = 0; k < set->len &&
		    g_array_index(set, guint, k) < ts[i]->var; k++)
			continue;
		if (k < set->len && g_array_index(set, guint, k) == ts[i]->var)
			continue;
		g_array_insert_val(set, k, ts[i]->var);
	}
}

/*
 * Compiles pattern n over rp's events and variables into r, which is
 * added to p (taken); rp's events and variables go to r.  The counters
 * the rule reads are those of its conditions and of the updates that
 * change them, to a fixed point.  False, with nothing taken, when the
 * automaton would be too large (compile()).
 */
static bool
rule_finish(struct policy *p, struct prule *r, const struct rnode *n,
    struct rule_parse *rp)
{
	struct nfa a = { g_array_new(FALSE, FALSE, sizeof(GArray *)),
	    g_array_new(FALSE, FALSE, sizeof(GArray *)) };
	unsigned in, out;
	guint vi, ei, ai;
	GArray *reads;
	bool ok;

	thompson(&a, n, &in, &out);
	ok = compile(r, &a, in, out);
	nfa_free(&a);
	if (!ok)
		return false;
	rule_minimize(r);
	reads = g_array_new(FALSE, FALSE, sizeof(guint));
	r->events = rp->events;
	rp->events = NULL;
	r->vars = vars_free(rp->v, true);
	rp->v = NULL;
	r->first = g_new(int, r->vars->len + 1);
	for (vi = 0; vi < r->vars->len; vi++)
		r->first[vi] = -1;
	for (ei = 0; ei < r->events->len; ei++) {
		const struct pevent *e = r->events->pdata[ei];

		for (ai = 0; ai < e->nargs; ai++)
			if (e->args[ai].kind == TERM_VAR &&
			    r->first[e->args[ai].var] < 0)
				r->first[e->args[ai].var] = (int)ei;
		cond_counters(e->cond, reads);
	}
	if (reads->len == 0) {
		g_array_free(reads, TRUE);
		reads = NULL;
	}
	r->reads = reads;
	r->counters = p->counters;
	mention(p, r);
	g_ptr_array_add(p->rules, r);
	return true;
}

void
rule_add_check(struct policy *p, struct prule *r, struct rule_parse *rp)
{
	struct rnode *n = rnode(R_SEQ, rnode(R_STAR, rnode(R_ANY, NULL,
	    NULL), NULL), rnode(R_EVENT, NULL, NULL));

	n->b->ev = 0;
	if (!rule_finish(p, r, n, rp))
		g_assert_not_reached();	/* any* . e is small */
	rnode_free(n);
}

void
term_copy(struct term *to, const struct term *from, const struct term *vals)
{
	if (from->kind == TERM_PARAM && vals != NULL)
		from = &vals[from->var];
	*to = *from;
	to->s = g_strdup(from->s);
}

struct cond *
cond_instantiate(const struct cond *c, const struct term *vals)
{
	struct cond *d;

	if (c == NULL)
		return NULL;
	d = g_new0(struct cond, 1);
	d->kind = c->kind;
	d->op = c->op;
	d->pred = c->pred;
	term_copy(&d->a, &c->a, vals);
	term_copy(&d->b, &c->b, vals);
	d->l = cond_instantiate(c->l, vals);
	d->r = cond_instantiate(c->r, vals);
	return d;
}

struct pevent *
pevent_instantiate(const struct pevent *e, const struct term *vals)
{
	struct pevent *d = g_new0(struct pevent, 1);
	unsigned i;

	d->name = g_strdup(e->name);
	d->defs = e->defs;
	d->call = e->call;
	d->nargs = e->nargs;
	d->args = g_new0(struct term, e->nargs + 1);
	for (i = 0; i < e->nargs; i++)
		term_copy(&d->args[i], &e->args[i], vals);
	d->cond = cond_instantiate(e->cond, vals);
	d->failed = e->failed;
	term_copy(&d->ret, &e->ret, vals);
	return d;
}

/* rule NAME ["message"] ":" pattern ";"  or  pattern [";"] */
static bool
parse_rule(struct lexer *lx, struct policy *p, unsigned index)
{
	struct rule_parse rp = { lx, p->pf, vars_new(),
	    g_ptr_array_new_with_free_func(pevent_free) };
	struct prule *r = g_new0(struct prule, 1);
	struct rnode *n = NULL;
	bool ok = false;
	unsigned line = lx->tline, col = lx->tcol;

	if (tok_is(lx, "rule")) {
		lex_next(lx);
		if (lx->tok != TOK_IDENT) {
			lex_expected(lx, "the rule's name");
			goto out;
		}
		r->name = g_strndup(lx->tstart, lx->tlen);
		lex_next(lx);
		if (lx->tok == TOK_STRING) {
			r->message = g_strdup(lx->str);
			lex_next(lx);
		}
		if (!expect(lx, TOK_COLON, "':'"))
			goto out;
	} else {
		r->name = g_strdup_printf("rule%u", index + 1);
	}
	if ((n = parse_alt(&rp)) == NULL)
		goto out;
	if (lx->tok == TOK_SEMI)
		lex_next(lx);
	else if (lx->tok != TOK_EOF) {
		lex_expected(lx, "';', '.', '||', '*' or the end of the rule");
		goto out;
	}
	if (!vars_check(lx, rp.v, "event of its rule"))
		goto out;
	if (!rule_finish(p, r, n, &rp)) {
		lex_error(lx, line, col, POLICY_ERROR_SYNTAX, "rule %s: "
		    "expected a pattern whose automaton takes at most %d steps "
		    "to build, found a larger one", r->name, POLICY_MAX_WORK);
		goto out;
	}
	r = NULL;
	ok = true;
out:
	rnode_free(n);
	if (rp.events != NULL)
		g_ptr_array_free(rp.events, TRUE);
	if (rp.v != NULL)
		vars_free(rp.v, false);
	if (r != NULL) {
		r->events = g_ptr_array_new();
		r->vars = g_ptr_array_new();
		prule_free(r);
	}
	return ok;
}

struct policy *
policy_parse(const char *name, const char *buf, size_t len,
    const struct platform *pf, GError **err)
{
	struct policy *p = g_new0(struct policy, 1);
	struct lexer lx;
	bool ok = true;

	p->pf = pf;
	p->rules = g_ptr_array_new_with_free_func(prule_free);
	p->mentioned = g_hash_table_new(g_direct_hash, g_direct_equal);
	p->counters = g_ptr_array_new_with_free_func(counter_free);
	p->updates = g_ptr_array_new_with_free_func(pupdate_free);
	lex_init(&lx, name, buf, len);
	lex_next(&lx);
	if (lx.tok == TOK_EOF)
		lex_error(&lx, 1, 1, POLICY_ERROR_SYNTAX,
		    "expected a rule, found an empty policy");
	while (ok && lx.err == NULL && lx.tok != TOK_EOF) {
		if (property_starts(&lx))
			ok = property_parse(&lx, p);
		else
			ok = parse_rule(&lx, p, p->rules->len);
	}
	if (lx.err == NULL && p->rules->len == 0)
		lex_error(&lx, lx.line, 1, POLICY_ERROR_SYNTAX, "expected a "
		    "rule or a 'policy NAME = Property, ...;' line, found "
		    "only definitions");
	propdefs_free(p->defs);
	p->defs = NULL;
	if (lx.err != NULL) {
		g_propagate_error(err, lx.err);
		lx.err = NULL;
		lex_clear(&lx);
		policy_free(p);
		return NULL;
	}
	lex_clear(&lx);
	return p;
}

/*
 * A policy or platform file whole, through trace_file_read(): regular
 * files only (a device or a FIFO named as a policy would never end or
 * never open), at most TRACE_FILE_MAX_TEXT bytes; errors are
 * POLICY_ERROR_IO, naming the file.
 */
static bool
read_text(const char *path, char **buf, size_t *len, GError **err)
{
	GError *e = NULL;

	if (trace_file_read(path, TRACE_FILE_MAX_TEXT, buf, len, &e))
		return true;
	g_set_error(err, POLICY_ERROR, POLICY_ERROR_IO, "%s", e->message);
	g_error_free(e);
	return false;
}

struct policy *
policy_read(const char *path, const struct platform *pf, GError **err)
{
	char *buf;
	size_t len;
	struct policy *p;

	if (!read_text(path, &buf, &len, err))
		return NULL;
	p = policy_parse(path, buf, len, pf, err);
	g_free(buf);
	return p;
}

struct policy *
policy_load(const char *path, const struct platform *pf,
    const char *const *apparmor_dirs, GError **err)
{
	char *buf, *text;
	size_t len;
	struct policy *p;

	if (!read_text(path, &buf, &len, err))
		return NULL;
	if (!apparmor_is_profile(buf, len)) {
		p = policy_parse(path, buf, len, pf, err);
		g_free(buf);
		return p;
	}
	g_free(buf);
	if ((text = apparmor_to_policy(path, apparmor_dirs, err)) == NULL)
		return NULL;
	p = policy_parse(path, text, strlen(text), pf, err);
	g_free(text);
	if (p != NULL)
		p->apparmor = true;
	return p;
}

unsigned
policy_rules(const struct policy *p)
{
	return p->rules->len;
}

const char *
policy_rule_name(const struct policy *p, unsigned rule)
{
	return ((const struct prule *)p->rules->pdata[rule])->name;
}

const char *
policy_rule_message(const struct policy *p, unsigned rule)
{
	return ((const struct prule *)p->rules->pdata[rule])->message;
}

unsigned
policy_rule_states(const struct policy *p, unsigned rule)
{
	return ((const struct prule *)p->rules->pdata[rule])->nstates;
}

bool
policy_rule_accepting(const struct policy *p, unsigned rule, unsigned state)
{
	const struct prule *r = p->rules->pdata[rule];

	return state < r->nstates && r->accepting[state];
}

unsigned
policy_rule_start(const struct policy *p, unsigned rule)
{
	return ((const struct prule *)p->rules->pdata[rule])->start;
}

unsigned
policy_rule_moves(const struct policy *p, unsigned rule, unsigned state)
{
	const struct prule *r = p->rules->pdata[rule];

	return state < r->nstates ? r->out[state]->len : 0;
}

char *
policy_rule_move(const struct policy *p, unsigned rule, unsigned state,
    unsigned k, unsigned *dst)
{
	const struct prule *r = p->rules->pdata[rule];
	const struct ptrans *t;
	GString *s;

	g_return_val_if_fail(state < r->nstates && k < r->out[state]->len,
	    NULL);
	t = &g_array_index(r->out[state], struct ptrans, k);
	*dst = t->dst;
	if (t->label == LABEL_ANY)
		return g_strdup("any");
	s = g_string_new(NULL);
	pevent_text(s, r, r->events->pdata[t->label], true);
	return g_string_free(s, FALSE);
}

static gboolean
same_name(gpointer key, gpointer value, gpointer name)
{
	return strcmp(key, name) == 0;
}

bool
policy_mentions(const struct policy *p, const char *call)
{
	/* by content: the name is not interned for asking */
	return g_hash_table_find(p->mentioned, same_name, (gpointer)call) !=
	    NULL;
}

/* The built-in platform interface, verify/linux.platform. */
__asm__(".section .rodata\n"
    ".global platform_text\n.hidden platform_text\n"
    "platform_text:\n.incbin \"verify/linux.platform\"\n"
    ".global platform_end\n.hidden platform_end\n"
    "platform_end:\n.byte 0\n.previous\n");
extern const char platform_text[], platform_end[];

const char *
platform_builtin_text(size_t *len)
{
	*len = (size_t)(platform_end - platform_text);
	return platform_text;
}

struct platform *
platform_new(const char *const *paths, GError **err)
{
	struct platform *pf = g_new0(struct platform, 1);
	size_t len;
	const char *text = platform_builtin_text(&len);
	unsigned i;

	pf->defs = g_ptr_array_new_with_free_func(pdef_free);
	pf->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)g_ptr_array_unref);
	if (!platform_parse_into(pf, "verify/linux.platform", text, len, err)) {
		platform_free(pf);
		return NULL;
	}
	for (i = 0; paths != NULL && paths[i] != NULL; i++) {
		char *buf;
		bool ok;

		if (!read_text(paths[i], &buf, &len, err)) {
			platform_free(pf);
			return NULL;
		}
		ok = platform_parse_into(pf, paths[i], buf, len, err);
		g_free(buf);
		if (!ok) {
			platform_free(pf);
			return NULL;
		}
	}
	return pf;
}
