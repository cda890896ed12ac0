/*
 * modelfile.c: model files.  Written with libxml2's xmlTextWriter (which
 * escapes every attribute and text), read with libxml2's parser as
 * xmlread.c sets it up (no DOCTYPE, so no entity to expand, nothing
 * loaded) and validated against the RELAX NG schema docs/efsa.rng, which
 * is built into the program, before the tree is walked; what a schema
 * cannot say (references to states and registers that exist, a key used
 * by one state, one model per program) is checked while building.  Errors
 * name FILE:LINE:COL; libxml2 keeps no columns for elements, so the
 * column is found by looking for the element's tag on its line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlwriter.h>

#include "efsa.h"
#include "internal.h"
#include "netrange.h"

#define EFSA_NS "urn:tracemine:efsa:1"

/* docs/efsa.rng, built in. */
__asm__(".section .rodata\n"
    ".global efsa_rng_text\n.hidden efsa_rng_text\n"
    "efsa_rng_text:\n.incbin \"docs/efsa.rng\"\n"
    ".global efsa_rng_end\n.hidden efsa_rng_end\n"
    "efsa_rng_end:\n.byte 0\n.previous\n");
extern const char efsa_rng_text[], efsa_rng_end[];

/* The first error libxml2 reports while reading one file. */
struct xml_err {
	const char *name;
	const char *buf;
	size_t len;
	GError *err;
};

/* The column of the tag of the element on line, or 1. */
static int
tag_column(const struct xml_err *x, long line, const char *tag)
{
	const char *p = x->buf, *end = x->buf + x->len, *eol, *hit;
	long l = 1;

	if (tag == NULL || line < 1)
		return 1;
	while (l < line && p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			return 1;
		p = eol + 1;
		l++;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	for (hit = p; hit < eol; hit++)
		if (*hit == '<' && (size_t)(eol - hit - 1) >= strlen(tag) &&
		    strncmp(hit + 1, tag, strlen(tag)) == 0)
			return (int)(hit - p) + 1;
	return 1;
}

static void
set_error(struct xml_err *x, int code, long line, int col, const char *fmt,
    ...) G_GNUC_PRINTF(5, 6);

static void
set_error(struct xml_err *x, int code, long line, int col, const char *fmt,
    ...)
{
	va_list ap;
	char *msg;

	if (x->err != NULL)
		return;
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_strchomp(msg);
	g_set_error(&x->err, EFSA_ERROR, code, "%s:%ld:%d: %s", x->name,
	    line > 0 ? line : 1, col > 0 ? col : 1, msg);
	g_free(msg);
}

static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct xml_err *x = ctx;
	const xmlNode *node = e->node;
	long line = e->line;
	int col = e->int2;
	char *msg;

	if (e->domain == XML_FROM_RELAXNGV && node != NULL &&
	    node->type == XML_ELEMENT_NODE) {
		line = xmlGetLineNo(node);
		col = tag_column(x, line, (const char *)node->name);
	}
	msg = efsa_xml_message(e);
	set_error(x, e->domain == XML_FROM_RELAXNGV ? EFSA_ERROR_INVALID :
	    EFSA_ERROR_SYNTAX, line, col, "%s", msg);
	g_free(msg);
}

static xmlRelaxNGPtr
schema(void)
{
	static gsize once;
	static xmlRelaxNGPtr rng;

	if (g_once_init_enter(&once)) {
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
		    efsa_rng_text, (int)(efsa_rng_end - efsa_rng_text));

		rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		g_assert(rng != NULL);
		g_once_init_leave(&once, 1);
	}
	return rng;
}

static char *
prop(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v != NULL ? g_strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static char *
text(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = g_strdup(v != NULL ? (const char *)v : "");

	xmlFree(v);
	return s;
}

/* A number the schema already checked, or def when absent. */
static int64_t
prop_num(const xmlNode *n, const char *name, int64_t def)
{
	char *s = prop(n, name);
	int64_t v = s != NULL ? g_ascii_strtoll(s, NULL, 10) : def;

	g_free(s);
	return v;
}

/* The same for the unsigned 64-bit counts (xsd:unsignedLong). */
static uint64_t
prop_u64(const xmlNode *n, const char *name)
{
	char *s = prop(n, name);
	uint64_t v = s != NULL ? g_ascii_strtoull(g_strstrip(s), NULL, 10) : 0;

	g_free(s);
	return v;
}

/* xsd:boolean: "true" or "1", with the whitespace XML collapses. */
static bool
prop_bool(const xmlNode *n, const char *name)
{
	char *s = prop(n, name);
	bool v = s != NULL && (strcmp(g_strstrip(s), "true") == 0 ||
	    strcmp(s, "1") == 0);

	g_free(s);
	return v;
}

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
node_error(struct xml_err *x, const xmlNode *n, const char *fmt,
    const char *arg)
{
	long line = xmlGetLineNo(n);

	set_error(x, EFSA_ERROR_INVALID, line, tag_column(x, line,
	    (const char *)n->name), fmt, arg);
}

/* "s12" -> 12 (the schema checked the form); G_MAXUINT when it does not
 * fit, which no id reaches. */
static guint
id_num(const char *s)
{
	guint64 v = g_ascii_strtoull(s + 1, NULL, 10);

	return v >= G_MAXUINT ? G_MAXUINT : (guint)v;
}

static bool
read_guard(struct xml_err *x, struct efsa_trans *t, const xmlNode *n)
{
	const xmlNode *c;
	struct efsa_guard g;
	unsigned arg = (unsigned)prop_num(n, "arg", 0);

	if (efsa_trans_guard(t, arg) != NULL) {
		node_error(x, n, "argument %s has two guards", "");
		return false;
	}
	if (is(n, "strings"))
		g = efsa_guard_init(arg, EFSA_GUARD_STRINGS);
	else if (is(n, "ints"))
		g = efsa_guard_init(arg, EFSA_GUARD_INTS);
	else if (is(n, "flags"))
		g = efsa_guard_init(arg, EFSA_GUARD_FLAGS);
	else if (is(n, "absent"))
		g = efsa_guard_init(arg, EFSA_GUARD_ABSENT);
	else
		g = efsa_guard_init(arg, EFSA_GUARD_RANGE);
	g.distinct = (unsigned)prop_num(n, "distinct", 0);
	if (g.kind == EFSA_GUARD_RANGE) {
		g.lo = prop_num(n, "min", 0);
		g.hi = prop_num(n, "max", 0);
		if (g.lo > g.hi) {
			node_error(x, n, "range with min above max%s", "");
			return false;
		}
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (is(c, "string") || is(c, "flag")) {
			g_ptr_array_add(g.strs, text(c));
		} else if (is(c, "prefix")) {
			guint cov = (guint)prop_num(c, "covers", 0);

			g_ptr_array_add(g.prefixes, text(c));
			g_array_append_val(g.covers, cov);
		} else if (is(c, "net")) {
			char *t = text(c);
			struct sockaddr_net net;

			if (!sockaddr_net_parse(t, strlen(t), &net)) {
				node_error(x, c, "not an address range: %s",
				    t);
				g_free(t);
				efsa_guard_clear(&g);
				return false;
			}
			if (g.nets == NULL)
				g.nets = g_ptr_array_new_with_free_func(
				    g_free);
			g_ptr_array_add(g.nets, t);
		} else if (is(c, "int")) {
			char *s = text(c);
			int64_t v = g_ascii_strtoll(s, NULL, 10);

			g_array_append_val(g.ints, v);
			g_free(s);
		}
	}
	efsa_trans_set_guard(t, &g);
	return true;
}

static bool
read_transition(struct xml_err *x, struct efsa *a, const xmlNode *n,
    GHashTable *states)
{
	char *from = prop(n, "from"), *to = prop(n, "to");
	char *call = prop(n, "call");
	gpointer s, d;
	struct efsa_trans *t = NULL;
	const xmlNode *c;
	bool ok = false;

	if (!g_hash_table_lookup_extended(states, from, NULL, &s)) {
		node_error(x, n, "no state %s", from);
		goto out;
	}
	if (!g_hash_table_lookup_extended(states, to, NULL, &d)) {
		node_error(x, n, "no state %s", to);
		goto out;
	}
	if (efsa_transition(a, GPOINTER_TO_UINT(s), call,
	    GPOINTER_TO_UINT(d), false) != NULL) {
		node_error(x, n, "a second transition %s between the same "
		    "states", call);
		goto out;
	}
	t = efsa_transition(a, GPOINTER_TO_UINT(s), call, GPOINTER_TO_UINT(d),
	    true);
	t->count = prop_u64(n, "count");
	t->seen = prop(n, "seen");
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "test")) {
			char *regs = prop(c, "registers");
			char **v = g_strsplit_set(regs, " \t\r\n", -1);
			unsigned arg = (unsigned)prop_num(c, "arg", 0), i;

			for (i = 0; v[i] != NULL; i++) {
				if (v[i][0] == '\0')
					continue;
				if (id_num(v[i]) > a->regs->len) {
					node_error(x, c, "no register %s", v[i]);
					break;
				}
				efsa_trans_add_test(t, arg, id_num(v[i]) - 1);
			}
			g_strfreev(v);
			g_free(regs);
		} else if (is(c, "assign")) {
			char *r = prop(c, "register");
			char *o = prop(c, "out");
			int64_t n = prop_num(c, o != NULL ? "out" : "arg", 0);
			int src = o != NULL ? -(int)MIN(n, 1024) - 1 :
			    (int)MIN(n, 1024);

			g_free(o);
			if (n > 1024)
				node_error(x, c, "argument or output number "
				    "%s out of range (at most 1024)", "");
			else if (id_num(r) > a->regs->len)
				node_error(x, c, "no register %s", r);
			else
				efsa_trans_add_assign(t, id_num(r) - 1, src);
			g_free(r);
		} else if (is(c, "result")) {
			struct efsa_val lo = { .kind = EFSA_VAL_INT,
			    .num = prop_num(c, "min", 0) };
			struct efsa_val hi = { .kind = EFSA_VAL_INT,
			    .num = prop_num(c, "max", 0) };

			if (t->result != NULL)
				node_error(x, c, "a second result%s", "");
			else if (lo.num > hi.num)
				node_error(x, c, "result with min above max%s",
				    "");
			else {
				efsa_trans_add_result(t, &lo, true);
				efsa_trans_add_result(t, &hi, false);
			}
		} else if (!read_guard(x, t, c)) {
			break;
		}
	}
	ok = x->err == NULL;
out:
	g_free(from);
	g_free(to);
	g_free(call);
	return ok;
}

/* An exec edge of state s (version 2). */
static void
read_exec(struct xml_err *x, struct efsa *a, unsigned s, const xmlNode *n)
{
	char *image = prop(n, "image");
	const struct efsa_state *st = g_ptr_array_index(a->states, s);
	struct efsa_exec *e;

	if (efsa_state_exec(st, image) != NULL) {
		node_error(x, n, "a second exec edge to %s from one state",
		    image);
	} else {
		e = efsa_state_add_exec(a, s, image);
		e->count = prop_u64(n, "count");
		e->seen = prop(n, "seen");
	}
	g_free(image);
}

static struct efsa *
read_model(struct xml_err *x, const xmlNode *n)
{
	char *program = prop(n, "program");
	struct efsa *a = efsa_new(program);
	GHashTable *states = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	const xmlNode *c, *k;

	g_free(program);
	a->processes = prop_u64(n, "processes");
	a->events = prop_u64(n, "events");
	for (c = n->children; c != NULL && x->err == NULL; c = c->next) {
		if (is(c, "register")) {
			char *id = prop(c, "id"), *note = prop(c, "note");

			if (id_num(id) != a->regs->len + 1)
				node_error(x, c, "register %s out of order "
				    "(registers are r1, r2, ... in order)", id);
			else
				efsa_add_register(a, note);
			g_free(id);
			g_free(note);
		} else if (is(c, "state")) {
			char *id = prop(c, "id");
			unsigned s;
			struct efsa_state *st;

			if (g_hash_table_contains(states, id)) {
				node_error(x, c, "a second state %s", id);
				g_free(id);
				break;
			}
			s = efsa_add_state(a);
			g_hash_table_insert(states, id, GUINT_TO_POINTER(s));
			st = g_ptr_array_index(a->states, s);
			st->initial = prop_bool(c, "initial");
			st->accepting = prop_bool(c, "accepting");
			for (k = c->children; k != NULL; k = k->next) {
				char *key;

				if (is(k, "exec")) {
					read_exec(x, a, s, k);
					continue;
				}
				if (!is(k, "key"))
					continue;
				key = text(k);
				if (efsa_state_by_key(a, key, false) >= 0)
					node_error(x, k, "key %s names two "
					    "states", key);
				else
					efsa_state_add_key(a, s, key);
				g_free(key);
			}
		} else if (is(c, "transition")) {
			read_transition(x, a, c, states);
		}
	}
	g_hash_table_destroy(states);
	if (x->err != NULL) {
		efsa_free(a);
		return NULL;
	}
	return a;
}

struct efsa_set *
efsa_set_parse(const char *name, const char *buf, size_t len, GError **err)
{
	struct xml_err x = { name, buf, len, NULL };
	xmlDocPtr doc = NULL;
	long dt_line;
	int dt_col;
	xmlRelaxNGValidCtxtPtr vc;
	struct efsa_set *set = NULL;
	const xmlNode *root, *c;

	if (len > G_MAXINT) {
		g_set_error(err, EFSA_ERROR, EFSA_ERROR_IO,
		    "%s: a model file of over 2 GiB", name);
		return NULL;
	}
	xmlSetStructuredErrorFunc(&x, on_xml_error);
	doc = efsa_xml_read(name, buf, len, &dt_line, &dt_col);
	if (dt_line > 0)
		set_error(&x, EFSA_ERROR_SYNTAX, dt_line, dt_col, "expected "
		    "the root element <efsa-models>, found a DOCTYPE (a model "
		    "file has no DTD, and none is read)");
	if (doc == NULL || x.err != NULL) {
		if (x.err == NULL)
			set_error(&x, EFSA_ERROR_SYNTAX, 1, 1,
			    "not a model file (no XML document)");
		goto out;
	}
	vc = xmlRelaxNGNewValidCtxt(schema());
	xmlRelaxNGSetValidStructuredErrors(vc, on_xml_error, &x);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0 && x.err == NULL)
		set_error(&x, EFSA_ERROR_INVALID, 1, 1,
		    "not a tracemine model (schema docs/efsa.rng)");
	xmlRelaxNGFreeValidCtxt(vc);
	if (x.err != NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	set = efsa_set_new();
	{
		char *st = prop(root, "states");

		set->states = st;
	}
	set->k = (unsigned)prop_num(root, "k", 0);
	set->threshold = (unsigned)prop_num(root, "threshold", 0);
	set->runs = prop_u64(root, "runs");
	set->version = (unsigned)prop_num(root, "version", 1);
	for (c = root->children; c != NULL; c = c->next) {
		struct efsa *a;

		if (!is(c, "model"))
			continue;
		a = read_model(&x, c);
		if (a == NULL)
			break;
		if (!efsa_set_add(set, a)) {
			node_error(&x, c, "a second model of program %s",
			    a->program);
			efsa_free(a);
			break;
		}
	}
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (x.err != NULL) {
		efsa_set_free(set);
		g_propagate_error(err, x.err);
		return NULL;
	}
	return set;
}

/* Writing. */

/*
 * Whether the document s[0..len) holds only what XML allows: UTF-8, and no
 * control character but tab, newline and carriage return (the writer
 * turns those into references inside attributes), nor U+FFFE or U+FFFF.
 */
static bool
xml_safe(const char *s, size_t len)
{
	const char *p, *end = s + len;

	if (!g_utf8_validate(s, (gssize)len, NULL))
		return false;
	for (p = s; p < end; p = g_utf8_next_char(p)) {
		if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80)
			continue;
		gunichar c = g_utf8_get_char(p);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xfffe || c == 0xffff)
			return false;
	}
	return true;
}

static void
attr(xmlTextWriterPtr w, const char *name, const char *v)
{
	xmlTextWriterWriteAttribute(w, (const xmlChar *)name,
	    (const xmlChar *)v);
}

static void
attr_num(xmlTextWriterPtr w, const char *name, int64_t v)
{
	char buf[32];

	g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v);
	attr(w, name, buf);
}

static void
attr_u64(xmlTextWriterPtr w, const char *name, uint64_t v)
{
	char buf[32];

	g_snprintf(buf, sizeof(buf), "%" G_GUINT64_FORMAT, v);
	attr(w, name, buf);
}

static void
elem(xmlTextWriterPtr w, const char *name, const char *v)
{
	xmlTextWriterWriteElement(w, (const xmlChar *)name,
	    (const xmlChar *)v);
}

static void
elem_text(xmlTextWriterPtr w, const char *v)
{
	xmlTextWriterWriteString(w, (const xmlChar *)v);
}

static void
write_guard(xmlTextWriterPtr w, const struct efsa_guard *g)
{
	static const char *const tag[] = {
		[EFSA_GUARD_STRINGS] = "strings", [EFSA_GUARD_INTS] = "ints",
		[EFSA_GUARD_RANGE] = "range", [EFSA_GUARD_FLAGS] = "flags",
		[EFSA_GUARD_ABSENT] = "absent",
	};
	guint i;

	xmlTextWriterStartElement(w, (const xmlChar *)tag[g->kind]);
	attr_num(w, "arg", g->arg);
	if (g->distinct > 0)
		attr_num(w, "distinct", g->distinct);
	switch (g->kind) {
	case EFSA_GUARD_STRINGS:
		for (i = 0; i < g->strs->len; i++)
			elem(w, "string", g->strs->pdata[i]);
		for (i = 0; i < g->prefixes->len; i++) {
			xmlTextWriterStartElement(w,
			    (const xmlChar *)"prefix");
			if (g_array_index(g->covers, guint, i) > 0)
				attr_num(w, "covers",
				    g_array_index(g->covers, guint, i));
			elem_text(w, g->prefixes->pdata[i]);
			xmlTextWriterEndElement(w);
		}
		break;
	case EFSA_GUARD_FLAGS:
		for (i = 0; i < g->strs->len; i++)
			elem(w, "flag", g->strs->pdata[i]);
		for (i = 0; g->nets != NULL && i < g->nets->len; i++)
			elem(w, "net", g->nets->pdata[i]);
		break;
	case EFSA_GUARD_INTS:
		for (i = 0; i < g->ints->len; i++) {
			char buf[32];

			g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT,
			    g_array_index(g->ints, int64_t, i));
			elem(w, "int", buf);
		}
		break;
	case EFSA_GUARD_RANGE:
		attr_num(w, "min", g->lo);
		attr_num(w, "max", g->hi);
		break;
	case EFSA_GUARD_ABSENT:
		break;
	}
	xmlTextWriterEndElement(w);
}

static void
write_model(xmlTextWriterPtr w, const struct efsa *a)
{
	char buf[32];
	guint i, k;

	xmlTextWriterStartElement(w, (const xmlChar *)"model");
	attr(w, "program", a->program);
	attr_u64(w, "processes", a->processes);
	attr_u64(w, "events", a->events);
	for (i = 0; i < a->regs->len; i++) {
		const struct efsa_reg *r = g_ptr_array_index(a->regs, i);

		xmlTextWriterStartElement(w, (const xmlChar *)"register");
		attr(w, "id", r->name);
		if (r->note != NULL)
			attr(w, "note", r->note);
		xmlTextWriterEndElement(w);
	}
	for (i = 0; i < a->states->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(a->states, i);

		xmlTextWriterStartElement(w, (const xmlChar *)"state");
		g_snprintf(buf, sizeof(buf), "s%u", s->id);
		attr(w, "id", buf);
		if (s->initial)
			attr(w, "initial", "true");
		if (s->accepting)
			attr(w, "accepting", "true");
		for (k = 0; k < s->keys->len; k++)
			elem(w, "key", s->keys->pdata[k]);
		for (k = 0; k < s->execs->len; k++) {
			const struct efsa_exec *e = s->execs->pdata[k];

			xmlTextWriterStartElement(w, (const xmlChar *)"exec");
			attr(w, "image", e->image);
			attr_u64(w, "count", e->count);
			if (e->seen != NULL)
				attr(w, "seen", e->seen);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	for (i = 0; i < a->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(a->trans, i);

		xmlTextWriterStartElement(w, (const xmlChar *)"transition");
		g_snprintf(buf, sizeof(buf), "s%u", t->src);
		attr(w, "from", buf);
		g_snprintf(buf, sizeof(buf), "s%u", t->dst);
		attr(w, "to", buf);
		attr(w, "call", t->name);
		attr_u64(w, "count", t->count);
		if (t->seen != NULL)
			attr(w, "seen", t->seen);
		for (k = 0; k < t->guards->len; k++)
			write_guard(w, &g_array_index(t->guards,
			    struct efsa_guard, k));
		if (t->result != NULL) {
			xmlTextWriterStartElement(w,
			    (const xmlChar *)"result");
			attr_num(w, "min", t->result->lo);
			attr_num(w, "max", t->result->hi);
			xmlTextWriterEndElement(w);
		}
		for (k = 0; k < t->tests->len; k++) {
			const struct efsa_test *x = &g_array_index(t->tests,
			    struct efsa_test, k);
			GString *regs = g_string_new(NULL);
			guint j;

			for (j = 0; j < x->regs->len; j++)
				g_string_append_printf(regs, "%sr%u",
				    j > 0 ? " " : "",
				    g_array_index(x->regs, guint, j) + 1);
			xmlTextWriterStartElement(w, (const xmlChar *)"test");
			attr_num(w, "arg", x->arg);
			attr(w, "registers", regs->str);
			xmlTextWriterEndElement(w);
			g_string_free(regs, TRUE);
		}
		for (k = 0; k < t->assigns->len; k++) {
			const struct efsa_assign *as = &g_array_index(
			    t->assigns, struct efsa_assign, k);

			xmlTextWriterStartElement(w,
			    (const xmlChar *)"assign");
			g_snprintf(buf, sizeof(buf), "r%u", as->reg + 1);
			attr(w, "register", buf);
			if (as->src >= 0)
				attr_num(w, "arg", as->src);
			else
				attr_num(w, "out", -as->src - 1);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

char *
efsa_set_to_xml(const struct efsa_set *s, size_t *len, GError **err)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	char *out;
	guint i;

	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"efsa-models");
	attr(w, "xmlns", EFSA_NS);
	/* a file of version 1 stays one: no exec edges were learned */
	attr(w, "version", s->version >= 2 ? "2" : "1");
	if (s->states != NULL)
		attr(w, "states", s->states);
	if (s->k > 0)
		attr_num(w, "k", s->k);
	if (s->threshold > 0)
		attr_num(w, "threshold", s->threshold);
	attr_u64(w, "runs", s->runs);
	for (i = 0; i < s->models->len; i++)
		write_model(w, g_ptr_array_index(s->models, i));
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	if (!xml_safe((const char *)xmlBufferContent(b),
	    (size_t)xmlBufferLength(b))) {
		xmlBufferFree(b);
		g_set_error(err, EFSA_ERROR, EFSA_ERROR_INVALID, "the model "
		    "holds a string that is not text XML can carry (a "
		    "control byte, or bytes that are not UTF-8): its strings "
		    "must be escaped first, as the learner escapes what a log "
		    "gives it");
		return NULL;
	}
	out = g_strndup((const char *)xmlBufferContent(b),
	    (gsize)xmlBufferLength(b));
	if (len != NULL)
		*len = (size_t)xmlBufferLength(b);
	xmlBufferFree(b);
	return out;
}

bool
efsa_set_write(const struct efsa_set *s, const char *path, GError **err)
{
	size_t len;
	char *xml = efsa_set_to_xml(s, &len, err);
	GError *e = NULL;
	bool ok = true;

	if (xml == NULL)
		return false;

	if (strcmp(path, "-") == 0) {
		ok = fwrite(xml, 1, len, stdout) == len && fflush(stdout) == 0;
		if (!ok)
			g_set_error(err, EFSA_ERROR, EFSA_ERROR_IO,
			    "standard output: %s", g_strerror(errno));
	} else {
		struct stat st;
		char *real = realpath(path, NULL);
		const char *target = real != NULL ? real : path;

		if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
			/* a device or a pipe: written in place, never
			 * replaced */
			FILE *f = fopen(target, "w");

			ok = f != NULL && fwrite(xml, 1, len, f) == len;
			if (f != NULL && fclose(f) != 0)
				ok = false;
			if (!ok)
				g_set_error(err, EFSA_ERROR, EFSA_ERROR_IO,
				    "%s: %s", path, g_strerror(errno));
		} else if (!g_file_set_contents(target, xml, (gssize)len,
		    &e)) {
			/* a regular file: written to a temporary file and
			 * renamed over it, so a failed write leaves no half
			 * a model behind (a symbolic link is followed) */
			g_set_error(err, EFSA_ERROR, EFSA_ERROR_IO, "%s",
			    e->message);
			g_error_free(e);
			ok = false;
		}
		free(real);
	}
	g_free(xml);
	return ok;
}
