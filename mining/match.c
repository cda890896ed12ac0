/*
 * match.c: fingerprints read back from solve's output, and matched
 * against a trace (match.h).  Fingerprint matching in the fingerprints
 * paper is "simple pattern matching"; here an operation is performed by
 * a trace that makes every access of its fingerprint, found through one
 * hash table from access text to the fingerprints that hold it, so a
 * trace is matched in one pass, in time linear in its length.
 */
#include <stdarg.h>
#include <string.h>

#include <libxml/parser.h>

#include "automata/efsa.h"
#include "match.h"
#include "trace/file.h"
#include "trace/trace.h"

G_DEFINE_QUARK(match-error-quark, match_error)

struct fingerprints {
	GPtrArray *ops;		/* struct match_op, with empty where arrays */
	GStringChunk *chunk;
};

static void
access_free(struct match_access *a)
{
	g_array_free(a->where, TRUE);
	g_free(a);
}

static struct match_op *
op_new(const char *label, bool exact, GStringChunk *chunk)
{
	struct match_op *op = g_new0(struct match_op, 1);

	op->label = g_string_chunk_insert(chunk, label);
	op->exact = exact;
	op->accesses = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)access_free);
	return op;
}

static void
op_free(struct match_op *op)
{
	g_ptr_array_free(op->accesses, TRUE);
	g_free(op);
}

static void
op_add(struct match_op *op, const char *text, size_t len,
    GStringChunk *chunk)
{
	struct match_access *a = g_new0(struct match_access, 1);

	a->text = g_string_chunk_insert_len(chunk, text, len);
	a->where = g_array_new(FALSE, FALSE, sizeof(struct match_where));
	g_ptr_array_add(op->accesses, a);
}

void
fingerprints_free(struct fingerprints *f)
{
	if (f == NULL)
		return;
	g_ptr_array_free(f->ops, TRUE);
	g_string_chunk_free(f->chunk);
	g_free(f);
}

static struct fingerprints *
fingerprints_new(void)
{
	struct fingerprints *f = g_new0(struct fingerprints, 1);

	f->ops = g_ptr_array_new_with_free_func((GDestroyNotify)op_free);
	f->chunk = g_string_chunk_new(4096);
	return f;
}

unsigned
fingerprints_count(const struct fingerprints *f)
{
	return f->ops->len;
}

static void G_GNUC_PRINTF(5, 6)
syntax(GError **err, const char *name, uint64_t line, uint64_t col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, MATCH_ERROR, MATCH_ERROR_SYNTAX, "%s:%" G_GUINT64_FORMAT
	    ":%" G_GUINT64_FORMAT ": %s", name, line, col, m);
	g_free(m);
}

/*
 * Labels are words (trace/labels.h) and accesses printable ASCII (strace's
 * escapes, or a resource access): so what is printed again is safe in
 * every format.  The column (1-based) of the first byte that is not, or 0.
 */
static size_t
bad_byte(const char *s, size_t len, bool label)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		bool ok = label ? (g_ascii_isalnum(c) || c == '_' || c == '-' ||
		    c == '.') : (c >= 0x20 && c <= 0x7e);
		if (!ok)
			return i + 1;
	}
	return 0;
}

/* The byte at s, quoted and escaped for a message (transfer full). */
static char *
byte_text(const char *s)
{
	GString *o = g_string_new("'");

	trace_escape_bytes(o, s, 1);
	g_string_append_c(o, '\'');
	return g_string_free(o, FALSE);
}

static bool
check(GError **err, const char *name, uint64_t line, uint64_t col0,
    const char *s, size_t len, bool label)
{
	size_t bad = bad_byte(s, len, label);

	if (bad == 0 && len > 0)
		return true;
	char *b = bad ? byte_text(s + bad - 1) : g_strdup("nothing");
	syntax(err, name, line, col0 + (bad ? bad - 1 : 0), "expected %s, "
	    "found %s", label ? "a label (letters, digits, '_', '-', '.')" :
	    "an access of printable ASCII", b);
	g_free(b);
	return false;
}

/*
 * An access as "tracemine norm" and the resource-access trace reader make
 * it (docs/normalisation.md, docs/resource-traces.md): printable ASCII,
 * not empty, with no blank at either end (words are joined by one blank).
 */
static bool
check_access(GError **err, const char *name, uint64_t line, uint64_t col0,
    const char *s, size_t len)
{
	if (!check(err, name, line, col0, s, len, false))
		return false;
	if (s[0] == ' ' || s[len - 1] == ' ') {
		syntax(err, name, line, col0 + (s[0] == ' ' ? 0 : len - 1),
		    "expected an access (words joined by one blank), found a "
		    "blank at its %s", s[0] == ' ' ? "start" : "end");
		return false;
	}
	return true;
}

/* Text that is printable ASCII, s[0..len) on a line at column col0. */
static bool
check_printable(GError **err, const char *name, uint64_t line,
    uint64_t col0, const char *s, size_t len, const char *what)
{
	size_t bad = bad_byte(s, len, false);

	if (bad == 0)
		return true;
	char *b = byte_text(s + bad - 1);
	syntax(err, name, line, col0 + bad - 1, "expected %s in printable "
	    "ASCII, found %s", what, b);
	g_free(b);
	return false;
}

/* "FILE:LINE" after an access: something, a colon, a line number. */
static bool
check_where(GError **err, const char *name, uint64_t line, uint64_t col0,
    const char *s, size_t len)
{
	size_t d = len;

	if (!check_printable(err, name, line, col0, s, len,
	    "where the access occurred (FILE:LINE)"))
		return false;
	while (d > 0 && g_ascii_isdigit(s[d - 1]))
		d--;
	if (d < 2 || d == len || s[d - 1] != ':') {
		syntax(err, name, line, col0, "expected where the access "
		    "occurred (FILE:LINE), found %s", len == 0 ? "nothing" :
		    d == len ? "no line number" : s[d - 1] != ':' ?
		    "no colon before the line number" : "no file");
		return false;
	}
	return true;
}

/*
 * The text form: blocks of "LABEL = EQUATION" (or '~'), the lines solve
 * indents with blanks (labels, traces, steps), which are skipped, and
 * tab-led access lines "\tACCESS\tFILE:LINE", then the summary table,
 * which starts with a line "label  status ..." and ends the file (its
 * rows repeat the blocks).  Every byte is printable ASCII, a tab or a
 * newline (a carriage return before a newline is allowed); a file with no
 * equation is no fingerprints file.
 */
static bool
summary_head(const char *s, size_t n)
{
	size_t i = 5;

	if (n < 5 || memcmp(s, "label", 5) != 0)
		return false;
	while (i < n && s[i] == ' ')
		i++;
	return i > 5 && n - i >= 6 && memcmp(s + i, "status", 6) == 0;
}

static struct fingerprints *
parse_text(const char *name, const char *data, size_t len, GError **err)
{
	struct fingerprints *f = fingerprints_new();
	struct match_op *cur = NULL;
	uint64_t lineno = 0;
	size_t pos = 0, n = 0;

	while (pos < len) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		n = nl != NULL ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		lineno++;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (summary_head(s, n)) {
			if (f->ops->len == 0) {
				syntax(err, name, lineno, 1, "expected the "
				    "equations before the summary, found the "
				    "summary alone (write the fingerprints "
				    "with solve --details or -f tsv)");
				goto fail;
			}
			break;
		}
		if (s[0] == ' ') {
			if (cur == NULL) {
				syntax(err, name, lineno, 1, "expected an "
				    "equation line 'LABEL = EQUATION', found "
				    "an indented line");
				goto fail;
			}
			if (!check_printable(err, name, lineno, 1, s, n,
			    "a line"))
				goto fail;
			continue;
		}
		if (s[0] == '\t') {
			const char *tab = memchr(s + 1, '\t', n - 1);
			if (cur == NULL) {
				syntax(err, name, lineno, 1, "expected an "
				    "equation line before the accesses, found "
				    "an access");
				goto fail;
			}
			if (tab == NULL) {
				if (!check_access(err, name, lineno, 2, s + 1,
				    n - 1))
					goto fail;
				syntax(err, name, lineno, n + 1, "expected a "
				    "tab and where the access occurred, found "
				    "end of line");
				goto fail;
			}
			if (!check_access(err, name, lineno, 2, s + 1,
			    tab - s - 1) || !check_where(err, name, lineno,
			    tab - s + 2, tab + 1, s + n - tab - 1))
				goto fail;
			op_add(cur, s + 1, tab - s - 1, f->chunk);
			continue;
		}
		const char *sp = memchr(s, ' ', n);
		if (sp == NULL || (size_t)(sp - s) + 3 > n ||
		    (sp[1] != '=' && sp[1] != '~') || sp[2] != ' ') {
			syntax(err, name, lineno, sp == NULL ? n + 1 :
			    (uint64_t)(sp - s) + 2, "expected 'LABEL = "
			    "EQUATION' or 'LABEL ~ EQUATION', found %s",
			    sp == NULL ? "end of line" : "something else");
			goto fail;
		}
		if (!check(err, name, lineno, 1, s, sp - s, true))
			goto fail;
		size_t eq = (size_t)(sp - s) + 3;
		if (eq == n) {
			syntax(err, name, lineno, eq + 1, "expected an "
			    "equation (traces joined by '&' and '-'), found "
			    "end of line");
			goto fail;
		}
		if (!check_printable(err, name, lineno, eq + 1, s + eq, n - eq,
		    "an equation"))
			goto fail;
		char *label = g_strndup(s, sp - s);
		cur = op_new(label, sp[1] == '=', f->chunk);
		g_free(label);
		g_ptr_array_add(f->ops, cur);
	}
	if (f->ops->len == 0) {
		/* After the last line, or on it when it has no newline. */
		bool after = len == 0 || data[len - 1] == '\n';
		syntax(err, name, after ? lineno + 1 : lineno, after ? 1 :
		    n + 1, "expected an equation line 'LABEL = EQUATION' "
		    "(a fingerprints file as solve writes it), found end of "
		    "file");
		goto fail;
	}
	return f;
fail:
	fingerprints_free(f);
	return NULL;
}

struct xml_err {
	const char *name;
	GError **err;
	bool failed;
};

static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct xml_err *x = ctx;
	char *m;

	if (x->failed || e->level < XML_ERR_ERROR)
		return;
	m = efsa_xml_message(e);
	syntax(x->err, x->name, e->line > 0 ? (uint64_t)e->line : 1,
	    e->int2 > 0 ? (uint64_t)e->int2 : 1, "%s%s",
	    g_str_has_prefix(m, "expected ") ? "" : "expected XML, found an "
	    "error: ", m);
	g_free(m);
	x->failed = true;
}

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name,
	    name) == 0;
}

static struct fingerprints *
parse_xml(const char *name, const char *data, size_t len, GError **err)
{
	struct xml_err x = { name, err, false };
	struct fingerprints *f = NULL;

	if (len > G_MAXINT) {
		g_set_error(err, MATCH_ERROR, MATCH_ERROR_IO, "%s: over 2 GiB",
		    name);
		return NULL;
	}
	long dt_line;
	int dt_col;
	xmlSetStructuredErrorFunc(&x, on_xml_error);
	xmlDocPtr doc = efsa_xml_read(name, data, len, &dt_line, &dt_col);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (dt_line > 0 && !x.failed) {
		syntax(err, name, (uint64_t)dt_line, (uint64_t)dt_col,
		    "expected the root element <fingerprints>, found a DOCTYPE "
		    "(a fingerprints file has no DTD, and none is read)");
		x.failed = true;
	}
	if (doc == NULL || x.failed) {
		if (!x.failed)
			syntax(err, name, 1, 1, "expected an XML document, "
			    "found none");
		goto out;
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	if (root == NULL || !is(root, "fingerprints")) {
		syntax(err, name, root != NULL ? (uint64_t)root->line : 1, 1,
		    "expected a <fingerprints> document, found <%s>",
		    root != NULL ? (const char *)root->name : "");
		goto out;
	}
	f = fingerprints_new();
	for (const xmlNode *o = root->children; o != NULL; o = o->next) {
		if (!is(o, "operation"))
			continue;
		xmlChar *label = xmlGetProp(o, BAD_CAST "label");
		xmlChar *exact = xmlGetProp(o, BAD_CAST "exact");
		if (label == NULL || !check(err, name, (uint64_t)o->line, 1,
		    (const char *)label, strlen((const char *)label), true)) {
			if (label == NULL)
				syntax(err, name, (uint64_t)o->line, 1,
				    "expected an <operation> with a label, "
				    "found none");
			xmlFree(label);
			xmlFree(exact);
			fingerprints_free(f);
			f = NULL;
			goto out;
		}
		struct match_op *op = op_new((const char *)label,
		    exact == NULL || strcmp((const char *)exact, "false") != 0,
		    f->chunk);
		xmlFree(label);
		xmlFree(exact);
		g_ptr_array_add(f->ops, op);
		for (const xmlNode *a = o->children; a != NULL; a = a->next) {
			if (!is(a, "access"))
				continue;
			xmlChar *t = xmlNodeGetContent(a);
			size_t tl = t != NULL ? strlen((const char *)t) : 0;
			if (!check_access(err, name, (uint64_t)a->line, 1,
			    t != NULL ? (const char *)t : "", tl)) {
				xmlFree(t);
				fingerprints_free(f);
				f = NULL;
				goto out;
			}
			op_add(op, (const char *)t, tl, f->chunk);
			xmlFree(t);
		}
	}
	if (f->ops->len == 0) {
		syntax(err, name, (uint64_t)root->line, 1, "expected an "
		    "<operation> in <fingerprints>, found none");
		fingerprints_free(f);
		f = NULL;
	}
out:
	xmlFreeDoc(doc);
	return f;
}

struct fingerprints *
fingerprints_parse(const char *name, const char *data, size_t len,
    GError **err)
{
	size_t i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i < len && data[i] == '<')
		return parse_xml(name, data, len, err);
	return parse_text(name, data, len, err);
}

struct fingerprints *
fingerprints_read(const char *path, GError **err)
{
	GError *e = NULL;
	char *data;
	size_t len;
	struct fingerprints *f;

	if (!trace_file_read(path, TRACE_FILE_MAX_TEXT, &data, &len, &e)) {
		g_set_error(err, MATCH_ERROR, MATCH_ERROR_IO, "%s", e->message);
		g_error_free(e);
		return NULL;
	}
	f = fingerprints_parse(strcmp(path, "-") == 0 ? "<stdin>" : path, data,
	    len, err);
	g_free(data);
	return f;
}

struct matcher {
	GPtrArray *ops;		/* struct match_op, own copies */
	GHashTable *index;	/* access text -> GPtrArray of match_access */
};

struct matcher *
matcher_new(const struct fingerprints *f)
{
	struct matcher *m = g_new0(struct matcher, 1);

	m->ops = g_ptr_array_new_with_free_func((GDestroyNotify)op_free);
	m->index = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    (GDestroyNotify)g_ptr_array_unref);
	for (unsigned i = 0; i < f->ops->len; i++) {
		const struct match_op *src = f->ops->pdata[i];
		struct match_op *op = g_new0(struct match_op, 1);
		op->label = src->label;
		op->exact = src->exact;
		op->accesses = g_ptr_array_new_with_free_func(
		    (GDestroyNotify)access_free);
		for (unsigned k = 0; k < src->accesses->len; k++) {
			const struct match_access *sa = src->accesses->pdata[k];
			struct match_access *a = g_new0(struct match_access, 1);
			a->text = sa->text;
			a->where = g_array_new(FALSE, FALSE,
			    sizeof(struct match_where));
			g_ptr_array_add(op->accesses, a);
			GPtrArray *v = g_hash_table_lookup(m->index, a->text);
			if (v == NULL) {
				v = g_ptr_array_new();
				g_hash_table_insert(m->index, (gpointer)a->text,
				    v);
			}
			g_ptr_array_add(v, a);
		}
		g_ptr_array_add(m->ops, op);
	}
	return m;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	g_hash_table_destroy(m->index);
	g_ptr_array_free(m->ops, TRUE);
	g_free(m);
}

void
matcher_add(struct matcher *m, const char *text, size_t len,
    const char *file, uint64_t line)
{
	char small[256];
	char *key = len < sizeof(small) ? small : g_malloc(len + 1);

	memcpy(key, text, len);
	key[len] = '\0';
	GPtrArray *v = g_hash_table_lookup(m->index, key);
	if (key != small)
		g_free(key);
	if (v == NULL)
		return;
	struct match_where w = { .file = file, .line = line };
	for (unsigned i = 0; i < v->len; i++) {
		struct match_access *a = v->pdata[i];
		g_array_append_val(a->where, w);
	}
}

const GPtrArray *
matcher_finish(struct matcher *m)
{
	for (unsigned i = 0; i < m->ops->len; i++) {
		struct match_op *op = m->ops->pdata[i];
		op->found = 0;
		for (unsigned k = 0; k < op->accesses->len; k++)
			op->found += ((const struct match_access *)
			    op->accesses->pdata[k])->where->len > 0;
		op->performed = op->accesses->len > 0 &&
		    op->found == op->accesses->len;
	}
	return m->ops;
}
