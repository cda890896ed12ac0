/*
 * eval.c: matching a call of a log against an event pattern, and
 * conditions on the values it binds.  Values are as trace/procs.c gives
 * them: strings in strace's escaped form, numbers, flag sets as sorted
 * names joined by '|'.  A variable bound twice in one match (or in a rule,
 * once bound) must take the same value: patterns unify.  A condition on a
 * value the log does not give is false.
 */
#include <string.h>

#include "automata/netrange.h"
#include "internal.h"
#include "trace/sockaddr.h"

const char *
term_field_name(enum term_field f)
{
	static const char *const names[] = {
		[FIELD_NONE] = "", [FIELD_FAMILY] = "family",
		[FIELD_IP] = "ip", [FIELD_PORT] = "port",
		[FIELD_PATH] = "path", [FIELD_PID] = "pid",
		[FIELD_GROUPS] = "groups",
	};

	return (unsigned)f < G_N_ELEMENTS(names) ? names[f] : "";
}

/* Errors that mean a call was begun, not refused. */
static const struct {
	const char *call, *err;
} attempts[] = {
	{ .call = "connect", .err = "EINPROGRESS" },
};

bool
call_failed(const struct call *c)
{
	size_t i;

	if (c->ret_kind != RET_VALUE || c->err == NULL)
		return false;
	for (i = 0; i < G_N_ELEMENTS(attempts); i++)
		if (strcmp(c->name, attempts[i].call) == 0 &&
		    strcmp(c->err, attempts[i].err) == 0)
			return false;
	return true;
}

/* The result of a call as a value: the number returned (-1 when it
 * failed) with the errno name as str, or none when the log does not
 * give it. */
static void
result_val(const struct call *c, struct call_val *v)
{
	memset(v, 0, sizeof(*v));
	if (c->ret_kind != RET_VALUE)
		return;
	v->kind = CALL_VAL_INT;
	v->num = c->ret;
	v->str = c->err;
}

/* Socket families print as AF_*; policies may say PF_*, LOCAL or FILE. */
static const char *
family_alias(const char *s, char *buf, size_t n)
{
	if (strncmp(s, "PF_", 3) == 0) {
		g_snprintf(buf, n, "AF_%s", s + 3);
		s = buf;
	}
	if (strcmp(s, "AF_LOCAL") == 0 || strcmp(s, "AF_FILE") == 0)
		return "AF_UNIX";
	return s;
}

bool
flags_have(const char *flags, const char *name)
{
	char b1[64], b2[64], b3[64];
	const char *want = family_alias(name, b1, sizeof(b1));
	const char *p = flags, *bar;

	for (;; p = bar + 1) {
		size_t len;

		bar = strchr(p, '|');
		len = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (len < sizeof(b2)) {
			memcpy(b2, p, len);
			b2[len] = '\0';
			if (strcmp(family_alias(b2, b3, sizeof(b3)), want) == 0)
				return true;
		}
		if (bar == NULL)
			return false;
	}
}

/* A field of a socket address as a value; buf holds an IP's text. */
static bool
field_value(const struct sockaddr_info *sa, enum term_field f,
    struct call_val *v, char *buf)
{
	memset(v, 0, sizeof(*v));
	if (sa == NULL)
		return false;
	switch (f) {
	case FIELD_NONE:
		return false;
	case FIELD_FAMILY:
		v->kind = CALL_VAL_FLAGS;
		v->str = sa->family;
		return sa->family != NULL;
	case FIELD_IP:
		v->kind = CALL_VAL_STR;
		v->str = buf;
		return sockaddr_ip_text(sa, buf);
	case FIELD_PORT:
		v->kind = CALL_VAL_INT;
		v->num = sa->port;
		return sa->port >= 0;
	case FIELD_PATH:
		v->kind = CALL_VAL_STR;
		v->str = sa->path;
		return sa->path != NULL;
	case FIELD_PID:
		v->kind = CALL_VAL_INT;
		v->num = sa->pid;
		return sa->has_pid;
	case FIELD_GROUPS:
		v->kind = CALL_VAL_INT;
		v->num = sa->groups;
		return sa->has_groups;
	}
	return false;
}

/* A term's value under b: a variable's binding (or a field of it) or a
 * literal; buf (SOCKADDR_IP_TEXT bytes) holds an IP's text. */
static bool
term_value(const struct term *t, const struct binding *b,
    struct call_val *v, char *buf)
{
	memset(v, 0, sizeof(*v));
	switch (t->kind) {
	case TERM_ANY:
		return false;
	case TERM_VAR:
		if (t->var >= b->n || !b->set[t->var])
			return false;
		if (t->field != FIELD_NONE)
			return field_value(b->v[t->var].sa, t->field, v, buf);
		*v = b->v[t->var];
		return v->kind != CALL_VAL_NONE;
	case TERM_NET:
		v->kind = CALL_VAL_STR;
		v->str = t->s;
		return true;
	case TERM_STR:
		v->kind = CALL_VAL_STR;
		v->str = t->s;
		return true;
	case TERM_INT:
		v->kind = CALL_VAL_INT;
		v->num = t->n;
		return true;
	case TERM_NAME:
		v->kind = CALL_VAL_FLAGS;
		v->str = t->s;
		return true;
	case TERM_COUNTER:
		if (b->counters == NULL)
			return false;
		v->kind = CALL_VAL_INT;
		v->num = b->counters[t->var];
		return true;
	case TERM_PARAM:
		g_assert_not_reached();
	}
	return false;
}

/* The text of a value for string comparisons: a string, or an fd's
 * file (-y). */
static const char *
text_of(const struct call_val *v)
{
	if (v->kind == CALL_VAL_STR)
		return v->str;
	if (v->kind == CALL_VAL_INT)
		return v->str;
	return NULL;
}

static bool
values_equal(const struct call_val *x, const struct call_val *y)
{
	char b1[64], b2[64];
	const char *tx, *ty;

	if (x->kind == CALL_VAL_FLAGS && y->kind == CALL_VAL_FLAGS)
		return strcmp(family_alias(x->str, b1, sizeof(b1)),
		    family_alias(y->str, b2, sizeof(b2))) == 0;
	if (x->kind == CALL_VAL_INT && y->kind == CALL_VAL_INT)
		return x->num == y->num;
	/* a result and an errno name: "r == ENOENT" */
	if (x->kind == CALL_VAL_INT && y->kind == CALL_VAL_FLAGS)
		return x->str != NULL && strcmp(x->str, y->str) == 0;
	if (y->kind == CALL_VAL_INT && x->kind == CALL_VAL_FLAGS)
		return y->str != NULL && strcmp(y->str, x->str) == 0;
	tx = text_of(x);
	ty = text_of(y);
	if ((x->kind == CALL_VAL_STR || y->kind == CALL_VAL_STR) &&
	    tx != NULL && ty != NULL)
		return strcmp(tx, ty) == 0;
	return false;
}

/* The IP a term gives: a.ip, an address a (its IP), or a string. */
static const char *
ip_of(const struct term *t, const struct binding *b, char *buf)
{
	struct call_val v;

	if (t->kind == TERM_VAR && t->field == FIELD_NONE &&
	    t->var < b->n && b->set[t->var] && b->v[t->var].sa != NULL)
		return sockaddr_ip_text(b->v[t->var].sa, buf) ? buf : NULL;
	if (!term_value(t, b, &v, buf) || v.kind != CALL_VAL_STR)
		return NULL;
	return v.str;
}

/* An address against a range: in (and ==) holds when the address is in
 * it; != when it is an address outside it; both false without one. */
static bool
net_holds(const struct cond *c, const struct binding *b)
{
	const struct term *addr = c->b.kind == TERM_NET ? &c->a : &c->b;
	const struct term *net = c->b.kind == TERM_NET ? &c->b : &c->a;
	struct sockaddr_net n;
	char buf[SOCKADDR_IP_TEXT];
	const char *ip = ip_of(addr, b, buf);
	struct sockaddr_net any;

	if (ip == NULL || !sockaddr_net_parse(net->s, strlen(net->s), &n))
		return false;
	/* a string that is no address is neither in a range nor out */
	if (!sockaddr_net_parse(ip, strlen(ip), &any))
		return false;
	switch (c->op) {
	case OP_EQ:
	case OP_IN:
		return sockaddr_net_has(&n, ip);
	case OP_NE:
		return !sockaddr_net_has(&n, ip);
	default:
		return false;
	}
}

static bool
cmp_holds(const struct cond *c, const struct binding *b)
{
	struct call_val x, y;
	char bx[SOCKADDR_IP_TEXT], by[SOCKADDR_IP_TEXT];
	const char *t;

	if (c->op == OP_IN || c->a.kind == TERM_NET || c->b.kind == TERM_NET)
		return net_holds(c, b);
	if (!term_value(&c->a, b, &x, bx) || !term_value(&c->b, b, &y, by))
		return false;
	switch (c->op) {
	case OP_IN:
		return false;
	case OP_EQ:
		return values_equal(&x, &y);
	case OP_NE:
		return !values_equal(&x, &y);
	case OP_GLOB:
		t = text_of(&x);
		return t != NULL && y.kind == CALL_VAL_STR &&
		    glob_match(y.str, t);
	case OP_HAS:
		return x.kind == CALL_VAL_FLAGS && y.kind == CALL_VAL_FLAGS &&
		    flags_have(x.str, y.str);
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if (x.kind != CALL_VAL_INT || y.kind != CALL_VAL_INT)
			return false;
		return c->op == OP_LT ? x.num < y.num : c->op == OP_LE ?
		    x.num <= y.num : c->op == OP_GT ? x.num > y.num :
		    x.num >= y.num;
	}
	return false;
}

/* existed(p), created(p): the name's state before the call (files.c);
 * a name that is not a string (an fd the log does not name) has none. */
static bool
file_holds(const struct cond *c, const struct binding *b)
{
	struct call_val x;
	char buf[SOCKADDR_IP_TEXT];
	const char *t;

	if (!term_value(&c->a, b, &x, buf) || (t = text_of(&x)) == NULL)
		return false;
	return c->pred == FILE_PRED_CREATED ? files_created(b->files, t) :
	    files_existed(b->files, t);
}

static bool
cond_holds(const struct cond *c, const struct binding *b)
{
	if (c == NULL)
		return true;
	switch (c->kind) {
	case COND_CMP:
		return cmp_holds(c, b);
	case COND_AND:
		return cond_holds(c->l, b) && cond_holds(c->r, b);
	case COND_NOT:
		return !cond_holds(c->l, b);
	case COND_FILE:
		return file_holds(c, b);
	}
	return false;
}

static void
bind(struct binding *b, unsigned var, const struct call_val *v)
{
	g_free((char *)b->v[var].str);
	g_free((struct sockaddr_info *)b->v[var].sa);
	b->v[var] = *v;
	b->v[var].str = g_strdup(v->str);
	b->v[var].given = NULL;
	if (v->sa != NULL)
		b->v[var].sa = g_memdup2(v->sa, sizeof(*v->sa));
	b->set[var] = true;
}

/* Applies an argument term to a value: binds, unifies, or compares. */
static bool
apply(const struct term *t, const struct call_val *v, struct binding *b)
{
	struct call_val lit;

	switch (t->kind) {
	case TERM_ANY:
		return true;
	case TERM_VAR:
		if (b->set[t->var])
			return v->kind != CALL_VAL_NONE &&
			    values_equal(&b->v[t->var], v);
		bind(b, t->var, v);
		return true;
	default: {
		char buf[SOCKADDR_IP_TEXT];

		term_value(t, b, &lit, buf);
		return v->kind != CALL_VAL_NONE && values_equal(v, &lit);
	}
	}
}

static const struct call_val none;

static void
binding_clear(struct binding *b)
{
	unsigned i;

	for (i = 0; i < b->n; i++) {
		g_free((char *)b->v[i].str);
		g_free((struct sockaddr_info *)b->v[i].sa);
	}
	g_free(b->v);
	g_free(b->set);
}

void
binding_init(struct binding *b, unsigned n)
{
	b->n = n;
	b->v = g_new0(struct call_val, n + 1);
	b->set = g_new0(bool, n + 1);
	b->counters = NULL;
	b->files = NULL;
}

void
binding_copy(struct binding *to, const struct binding *from)
{
	unsigned i;

	binding_init(to, from->n);
	to->counters = from->counters;
	to->files = from->files;
	for (i = 0; i < from->n; i++)
		if (from->set[i])
			bind(to, i, &from->v[i]);
}

void
binding_destroy(struct binding *b)
{
	binding_clear(b);
	b->v = NULL;
	b->set = NULL;
}

bool
binding_equal(const struct binding *x, const struct binding *y)
{
	unsigned i;

	if (x->n != y->n)
		return false;
	for (i = 0; i < x->n; i++) {
		if (x->set[i] != y->set[i])
			return false;
		if (x->set[i] && (x->v[i].kind != y->v[i].kind ||
		    x->v[i].num != y->v[i].num ||
		    g_strcmp0(x->v[i].str, y->v[i].str) != 0))
			return false;
		if (x->set[i] && (x->v[i].sa == NULL) != (y->v[i].sa == NULL))
			return false;
		if (x->set[i] && x->v[i].sa != NULL &&
		    memcmp(x->v[i].sa, y->v[i].sa, sizeof(*x->v[i].sa)) != 0)
			return false;
	}
	return true;
}

bool
event_matches(const struct pevent *e, const struct call *c,
    struct binding *b)
{
	unsigned i, k;
	struct call_val res;

	result_val(c, &res);
	if (e->defs == NULL) {
		if (c->name != e->call || (e->failed && !call_failed(c)))
			return false;
		for (i = 0; i < e->nargs; i++)
			if (!apply(&e->args[i], i < c->nargs ? &c->args[i] :
			    &none, b))
				return false;
		if (!apply(&e->ret, &res, b))
			return false;
		return cond_holds(e->cond, b);
	}
	/* an abstract event is of calls that succeeded, Failed of those
	 * that failed */
	if (e->failed != call_failed(c))
		return false;
	for (k = 0; k < e->defs->len; k++) {
		const struct pdef *d = e->defs->pdata[k];
		struct binding local = { d->nvars,
		    g_new0(struct call_val, d->nvars + 1),
		    g_new0(bool, d->nvars + 1), NULL, b->files };
		bool ok = d->call == c->name;

		for (i = 0; ok && i < d->nargs; i++)
			ok = apply(&d->args[i], i < c->nargs ? &c->args[i] :
			    &none, &local);
		if (ok && d->ret_var >= 0)
			bind(&local, (unsigned)d->ret_var, c->nouts > 0 ?
			    &c->outs[0] : &none);
		ok = ok && cond_holds(d->cond, &local);
		if (ok) {
			/* the event's arguments take the definition's
			 * parameters; b is changed only on success */
			struct binding trial = { b->n,
			    g_new0(struct call_val, b->n + 1),
			    g_new0(bool, b->n + 1), b->counters, b->files };

			for (i = 0; i < b->n; i++)
				if (b->set[i])
					bind(&trial, i, &b->v[i]);
			for (i = 0; ok && i < e->nargs; i++)
				ok = apply(&e->args[i],
				    local.set[d->params[i]] ?
				    &local.v[d->params[i]] : &none, &trial);
			ok = ok && apply(&e->ret, &res, &trial);
			ok = ok && cond_holds(e->cond, &trial);
			if (ok) {
				binding_clear(b);
				*b = trial;
			} else {
				binding_clear(&trial);
			}
		}
		binding_clear(&local);
		if (ok)
			return true;
	}
	return false;
}

static bool
cond_asks_files(const struct cond *c)
{
	if (c == NULL)
		return false;
	return c->kind == COND_FILE || cond_asks_files(c->l) ||
	    cond_asks_files(c->r);
}

bool
event_asks_files(const struct pevent *e)
{
	guint k;

	if (cond_asks_files(e->cond))
		return true;
	for (k = 0; e->defs != NULL && k < e->defs->len; k++)
		if (cond_asks_files(((const struct pdef *)
		    e->defs->pdata[k])->cond))
			return true;
	return false;
}

int64_t
counter_add(int64_t x, int64_t y)
{
	int64_t r;

	if (__builtin_add_overflow(x, y, &r))
		return y > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/*
 * Naccio's precode: each update whose event the call is changes its
 * counter, in order, so a later update sees what an earlier one did.  A
 * value the log does not give (a result of "?") changes nothing.
 */
void
updates_apply(const struct policy *p, const struct call *c,
    int64_t *counters, const struct files *files)
{
	guint i;

	for (i = 0; i < p->updates->len; i++) {
		const struct pupdate *u = p->updates->pdata[i];
		struct binding b;
		struct call_val v;
		char buf[SOCKADDR_IP_TEXT];
		bool ok;

		binding_init(&b, u->vars->len);
		b.counters = counters;
		b.files = files;
		ok = event_matches(u->ev, c, &b) &&
		    term_value(&u->val, &b, &v, buf) && v.kind == CALL_VAL_INT;
		if (ok)
			counters[u->counter] = u->op == UPDATE_ADD ?
			    counter_add(counters[u->counter], v.num) : v.num;
		binding_destroy(&b);
	}
}
