/*
 * fingerprints.c: fingerprints read back from what "tracemine solve"
 * writes (match.h), in each of its formats: text and TSV line by line,
 * XML through libxml2 (automata/xmlread.c, which refuses DTDs), JSON
 * through json-glib, whose parser's signals give the line and column of
 * each member for messages.  Only what match needs is read: each
 * operation's label, whether its equation was exact, the accesses of its
 * fingerprint, and the normalisation options recorded; every string that
 * is printed again is checked to be a label or printable ASCII.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/parser.h>

#include "automata/efsa.h"
#include "internal.h"
#include "match.h"
#include "trace/file.h"
#include "trace/trace.h"
#include "verdict.h"

G_DEFINE_QUARK(match-error-quark, match_error)

void
match_access_free(void *p)
{
	struct match_access *a = p;

	g_array_free(a->where, TRUE);
	g_free(a);
}

static struct match_op *
op_new(const char *label, bool exact, GStringChunk *chunk)
{
	struct match_op *op = g_new0(struct match_op, 1);

	op->label = g_string_chunk_insert(chunk, label);
	op->exact = exact;
	op->accesses = g_ptr_array_new_with_free_func(match_access_free);
	return op;
}

/*
 * Sets op's status to the word s[0..len) when it is one solve writes
 * (verdict.h), as an interned string; whether it is one.
 */
static bool
op_status(struct match_op *op, const char *s, size_t len)
{
	for (unsigned k = SOLVE_EXACT; k <= SOLVE_INPUT_ONLY; k++) {
		const char *w = solve_status_name(k);

		if (strlen(w) == len && memcmp(w, s, len) == 0) {
			op->status = w;
			return true;
		}
	}
	return false;
}

void
match_op_free(struct match_op *op)
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
	g_ptr_array_free(f->options, TRUE);
	g_string_chunk_free(f->chunk);
	g_free(f->name);
	g_free(f);
}

static struct fingerprints *
fingerprints_new(const char *name)
{
	struct fingerprints *f = g_new0(struct fingerprints, 1);

	f->name = g_strdup(name);
	f->ops = g_ptr_array_new_with_free_func((GDestroyNotify)match_op_free);
	f->chunk = g_string_chunk_new(4096);
	f->options = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(f->options, NULL);
	f->options_line = f->options_col = 1;
	return f;
}

unsigned
fingerprints_count(const struct fingerprints *f)
{
	return f->ops->len;
}

const char *const *
fingerprints_options(const struct fingerprints *f, uint64_t *line,
    uint64_t *col)
{
	if (line != NULL)
		*line = f->options_line;
	if (col != NULL)
		*col = f->options_col;
	return (const char *const *)f->options->pdata;
}

const char *
fingerprints_name(const struct fingerprints *f)
{
	return f->name;
}

char *
fingerprints_option_escape(const char *word)
{
	char *e = g_strescape(word, NULL);
	GString *o = g_string_new(NULL);

	for (const char *p = e; *p != '\0'; p++)
		if (*p == ' ')
			g_string_append(o, "\\040");
		else
			g_string_append_c(o, *p);
	g_free(e);
	return g_string_free(o, FALSE);
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

static void
status_error(GError **err, const char *name, uint64_t line, uint64_t col)
{
	syntax(err, name, line, col, "expected a status (exact, inseparable, "
	    "indistinguishable, empty, input-only), found something else");
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
		    d == len ? "no line number" : d == 0 || s[d - 1] != ':' ?
		    "no colon before the line number" : "no file");
		return false;
	}
	return true;
}

/*
 * One option word, escaped as fingerprints_option_escape() writes it,
 * s[0..len) at line:col: printable, no blank, every '\\' followed by
 * something, and no NUL once unescaped.
 */
static bool
add_option(struct fingerprints *f, const char *name, uint64_t line,
    uint64_t col, const char *s, size_t len, GError **err)
{
	if (!check_printable(err, name, line, col, s, len, "an option"))
		return false;
	if (len == 0) {
		syntax(err, name, line, col, "expected an option word, found "
		    "nothing");
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		const char *what = NULL;
		if (s[i] == ' ') {
			what = "a blank (written \\040 in a word)";
		} else if (s[i] == '\\' && i + 1 == len) {
			what = "a lone '\\' at its end";
		} else if (s[i] == '\\') {
			unsigned v = 0, k = 0;
			while (k < 3 && i + 1 + k < len && s[i + 1 + k] >= '0' &&
			    s[i + 1 + k] <= '7')
				v = v * 8 + (unsigned)(s[i + 1 + k++] - '0');
			if (k > 0 && v == 0)
				what = "a NUL byte";
			else
				i += k > 0 ? k : 1;
		}
		if (what != NULL) {
			syntax(err, name, line, col + i, "expected an option "
			    "word, found %s", what);
			return false;
		}
	}
	char *w = g_strndup(s, len);
	char *u = g_strcompress(w);
	g_free(w);
	if (f->options->len == 1) {
		f->options_line = line;
		f->options_col = col;
	}
	f->options->pdata[f->options->len - 1] = u;
	g_ptr_array_add(f->options, NULL);
	return true;
}

#define OPTIONS_LINE "# options:"

/*
 * A line led by '#' in text or TSV: "# options: W W ..." (once) records
 * the options; any other is a comment.
 */
static bool
comment(struct fingerprints *f, const char *name, uint64_t lineno,
    const char *s, size_t n, GError **err)
{
	size_t k = strlen(OPTIONS_LINE);

	if (n < k || memcmp(s, OPTIONS_LINE, k) != 0)
		return true;
	if (f->recorded) {
		syntax(err, name, lineno, 1, "expected one '" OPTIONS_LINE
		    "' line, found a second (the first on line %" PRIu64 ")",
		    f->options_line);
		return false;
	}
	f->recorded = true;
	f->options_line = lineno;
	f->options_col = k + 1;
	for (size_t i = k; i < n;) {
		if (s[i] != ' ') {
			syntax(err, name, lineno, i + 1, "expected a blank "
			    "before an option, found %s", s[i] == '\t' ?
			    "a tab" : "something else");
			return false;
		}
		i++;
		size_t start = i;
		while (i < n && s[i] != ' ')
			i++;
		if (!add_option(f, name, lineno, start + 1, s + start,
		    i - start, err))
			return false;
	}
	/* Where the record is, even when it records nothing. */
	f->options_line = lineno;
	return true;
}

/*
 * The text form: blocks of "LABEL = EQUATION" (or '~'), the lines solve
 * indents with blanks (labels, traces, steps), which are skipped, and
 * tab-led access lines "\tACCESS\tFILE:LINE", comments led by '#' (one
 * of which may record the options), then the summary table, which starts
 * with a line "label  status ..." and ends the file (its rows repeat the
 * blocks).  Every byte is printable ASCII, a tab or a newline (a carriage
 * return before a newline is allowed); a file with no equation is no
 * fingerprints file.
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
	struct fingerprints *f = fingerprints_new(name);
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
		if (s[0] == '#') {
			if (!comment(f, name, lineno, s, n, err))
				goto fail;
			continue;
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
			if (n > 9 && memcmp(s, "  status ", 9) == 0) {
				size_t w = 9;

				while (w < n && s[w] != ':' && s[w] != ' ')
					w++;
				if (!op_status(cur, s + 9, w - 9)) {
					status_error(err, name, lineno, 10);
					goto fail;
				}
			}
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
	f = fingerprints_new(name);
	for (const xmlNode *o = root->children; o != NULL; o = o->next) {
		if (is(o, "option")) {
			xmlChar *t = xmlNodeGetContent(o);
			bool ok = add_option(f, name, (uint64_t)o->line, 1,
			    (const char *)t, strlen((const char *)t), err);
			xmlFree(t);
			if (!ok) {
				fingerprints_free(f);
				f = NULL;
				goto out;
			}
			continue;
		}
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
		xmlChar *st = xmlGetProp(o, BAD_CAST "status");
		if (st != NULL && !op_status(op, (const char *)st,
		    strlen((const char *)st))) {
			status_error(err, name, (uint64_t)o->line, 1);
			xmlFree(st);
			fingerprints_free(f);
			f = NULL;
			goto out;
		}
		xmlFree(st);
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

/* Fields of a TSV line, s[0..n): starts and lengths. */
static GArray *
tsv_split(const char *s, size_t n)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(size_t) * 2);
	size_t start = 0;

	for (size_t i = 0; i <= n; i++)
		if (i == n || s[i] == '\t') {
			size_t f[2] = { start, i - start };
			g_array_append_val(v, f);
			start = i + 1;
		}
	return v;
}

#define FIELD(v, k, w) (((size_t *)(void *)(v)->data)[2 * (k) + (w)])

/*
 * The TSV form: comments (and the options) led by '#', a header whose
 * first column is label, with the columns access and perhaps exact among
 * the others, found by name, then a row per access (an empty access for
 * an empty fingerprint) with as many fields as the header.  An
 * operation's rows need not be together.
 */
static struct fingerprints *
parse_tsv(const char *name, const char *data, size_t len, GError **err)
{
	struct fingerprints *f = fingerprints_new(name);
	GHashTable *by_label = g_hash_table_new(g_str_hash, g_str_equal);
	GArray *head = NULL;
	int c_label = -1, c_access = -1, c_exact = -1, c_status = -1;
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
		if (s[0] == '#') {
			if (!comment(f, name, lineno, s, n, err))
				goto fail;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (s[i] != '\t' && !check_printable(err, name,
			    lineno, i + 1, s + i, 1, "a field"))
				goto fail;
		GArray *v = tsv_split(s, n);
		if (head == NULL) {
			head = v;
			for (guint k = 0; k < v->len; k++) {
				const char *w = s + FIELD(v, k, 0);
				size_t wl = FIELD(v, k, 1);
#define IS(x) (wl == strlen(x) && memcmp(w, x, wl) == 0)
				if (IS("label") && c_label < 0)
					c_label = (int)k;
				else if (IS("access") && c_access < 0)
					c_access = (int)k;
				else if (IS("exact") && c_exact < 0)
					c_exact = (int)k;
				else if (IS("status") && c_status < 0)
					c_status = (int)k;
#undef IS
			}
			if (c_access < 0) {
				syntax(err, name, lineno, n + 1, "expected a "
				    "header with the columns label and "
				    "access, found no access column");
				goto fail;
			}
			continue;
		}
		if (v->len != head->len) {
			syntax(err, name, lineno, v->len < head->len ? n + 1 :
			    FIELD(v, head->len, 0) + 1, "expected %u fields as "
			    "in the header, found %u", head->len, v->len);
			g_array_free(v, TRUE);
			goto fail;
		}
		size_t ls = FIELD(v, c_label, 0), ll = FIELD(v, c_label, 1);
		size_t as = FIELD(v, c_access, 0), al = FIELD(v, c_access, 1);
		g_array_free(v, TRUE);
		if (!check(err, name, lineno, ls + 1, s + ls, ll, true))
			goto fail;
		char *label = g_strndup(s + ls, ll);
		struct match_op *op = g_hash_table_lookup(by_label, label);
		if (op == NULL) {
			bool exact = true;
			if (c_exact >= 0) {
				GArray *w = tsv_split(s, n);
				size_t es = FIELD(w, c_exact, 0);
				size_t el = FIELD(w, c_exact, 1);
				g_array_free(w, TRUE);
				if (el == 2 && memcmp(s + es, "no", 2) == 0)
					exact = false;
				else if (el != 3 || memcmp(s + es, "yes", 3)) {
					syntax(err, name, lineno, es + 1,
					    "expected yes or no in the "
					    "column exact, found %s", el ==
					    0 ? "nothing" : "something else");
					g_free(label);
					goto fail;
				}
			}
			op = op_new(label, exact, f->chunk);
			g_ptr_array_add(f->ops, op);
			g_hash_table_insert(by_label, (gpointer)op->label, op);
			if (c_status >= 0) {
				GArray *w = tsv_split(s, n);
				size_t ss = FIELD(w, c_status, 0);
				size_t sl = FIELD(w, c_status, 1);

				g_array_free(w, TRUE);
				if (!op_status(op, s + ss, sl)) {
					status_error(err, name, lineno, ss + 1);
					g_free(label);
					goto fail;
				}
			}
		}
		g_free(label);
		if (al == 0)
			continue;
		if (!check_access(err, name, lineno, as + 1, s + as, al))
			goto fail;
		op_add(op, s + as, al, f->chunk);
	}
	if (head == NULL || f->ops->len == 0) {
		bool after = len == 0 || data[len - 1] == '\n';
		syntax(err, name, after ? lineno + 1 : lineno, after ? 1 :
		    n + 1, "expected %s, found end of file", head == NULL ?
		    "a header 'label<TAB>...'" : "a row of an operation");
		goto fail;
	}
	if (head != NULL)
		g_array_free(head, TRUE);
	g_hash_table_destroy(by_label);
	return f;
fail:
	if (head != NULL)
		g_array_free(head, TRUE);
	g_hash_table_destroy(by_label);
	fingerprints_free(f);
	return NULL;
}

/* Where each member of each object of a JSON document was read. */
struct json_pos {
	JsonParser *parser;
	GHashTable *at;		/* "%p %s" (object, member) -> line << 32 |
				 * column */
};

static void
on_member(JsonParser *p, JsonObject *o, const char *member, gpointer data)
{
	struct json_pos *jp = data;
	guint64 v = ((guint64)json_parser_get_current_line(p) << 32) |
	    json_parser_get_current_pos(p);

	g_hash_table_insert(jp->at, g_strdup_printf("%p %s", (void *)o,
	    member), g_memdup2(&v, sizeof(v)));
}

/* Where member of o was (after its value), or 1:1. */
static void
json_where(const struct json_pos *jp, JsonObject *o, const char *member,
    uint64_t *line, uint64_t *col)
{
	char *k = g_strdup_printf("%p %s", (void *)o, member);
	const guint64 *v = g_hash_table_lookup(jp->at, k);

	g_free(k);
	*line = v != NULL ? MAX(*v >> 32, 1) : 1;
	*col = v != NULL ? MAX(*v & 0xffffffffu, 1) : 1;
}

static void G_GNUC_PRINTF(6, 7)
json_error(GError **err, const char *name, const struct json_pos *jp,
    JsonObject *o, const char *member, const char *fmt, ...)
{
	va_list ap;
	uint64_t line, col;

	json_where(jp, o, member, &line, &col);
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	syntax(err, name, line, col, "%s", m);
	g_free(m);
}

/* Member member of o, of the type t, or NULL after setting err. */
static JsonNode *
json_member(GError **err, const char *name, const struct json_pos *jp,
    JsonObject *o, const char *member, GType t, const char *what,
    bool optional)
{
	JsonNode *n = json_object_get_member(o, member);

	if (n == NULL) {
		if (!optional)
			json_error(err, name, jp, o, member, "expected a "
			    "member \"%s\" (%s), found none", member, what);
		return NULL;
	}
	if ((t == JSON_TYPE_ARRAY && !JSON_NODE_HOLDS_ARRAY(n)) ||
	    (t == JSON_TYPE_OBJECT && !JSON_NODE_HOLDS_OBJECT(n)) ||
	    (t == G_TYPE_STRING && (!JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)) ||
	    (t == G_TYPE_BOOLEAN && (!JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_BOOLEAN))) {
		json_error(err, name, jp, o, member, "expected \"%s\" to be "
		    "%s, found %s", member, what, json_node_type_name(n));
		return NULL;
	}
	return n;
}

/*
 * The JSON form: {"options": [W, ...], "operations": [{"label": L,
 * "exact": B, "fingerprint": [{"access": A, ...}, ...], ...}, ...]}; other
 * members are ignored.
 */
static struct fingerprints *
parse_json(const char *name, const char *data, size_t len, GError **err)
{
	JsonParser *p = json_parser_new_immutable();
	struct json_pos jp = { p, g_hash_table_new_full(g_str_hash,
	    g_str_equal, g_free, g_free) };
	struct fingerprints *f = NULL;
	GError *e = NULL;
	JsonNode *n;

	if (len > G_MAXSSIZE) {
		g_set_error(err, MATCH_ERROR, MATCH_ERROR_IO, "%s: too big",
		    name);
		goto out;
	}
	g_signal_connect(p, "object-member", G_CALLBACK(on_member), &jp);
	if (!json_parser_load_from_data(p, data, (gssize)len, &e)) {
		/* json-glib says "<data>:LINE:COL: Parse error: ..." */
		const char *m = e->message;
		if (g_str_has_prefix(m, "<data>:"))
			m += strlen("<data>:");
		g_set_error(err, MATCH_ERROR, MATCH_ERROR_SYNTAX, "%s:%s%s",
		    name, m == e->message ? "1:1: expected JSON, found an "
		    "error: " : "", m);
		g_error_free(e);
		goto out;
	}
	JsonNode *root = json_parser_get_root(p);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
		syntax(err, name, 1, 1, "expected a JSON object, found %s",
		    root == NULL ? "nothing" : json_node_type_name(root));
		goto out;
	}
	JsonObject *ro = json_node_get_object(root);
	f = fingerprints_new(name);
	if ((n = json_member(err, name, &jp, ro, "options", JSON_TYPE_ARRAY,
	    "an array of strings", true)) != NULL) {
		JsonArray *a = json_node_get_array(n);
		for (guint i = 0; i < json_array_get_length(a); i++) {
			JsonNode *w = json_array_get_element(a, i);
			uint64_t line, col;
			json_where(&jp, ro, "options", &line, &col);
			if (!JSON_NODE_HOLDS_VALUE(w) ||
			    json_node_get_value_type(w) != G_TYPE_STRING) {
				syntax(err, name, line, col, "expected "
				    "\"options\" to be an array of strings, "
				    "found %s", json_node_type_name(w));
				goto fail;
			}
			const char *s = json_node_get_string(w);
			if (!add_option(f, name, line, col, s, strlen(s), err))
				goto fail;
		}
	} else if (err != NULL && *err != NULL) {
		goto fail;
	}
	if ((n = json_member(err, name, &jp, ro, "operations",
	    JSON_TYPE_ARRAY, "an array of objects", false)) == NULL)
		goto fail;
	JsonArray *ops = json_node_get_array(n);
	for (guint i = 0; i < json_array_get_length(ops); i++) {
		JsonNode *on = json_array_get_element(ops, i);
		if (!JSON_NODE_HOLDS_OBJECT(on)) {
			json_error(err, name, &jp, ro, "operations", "expected "
			    "\"operations\" to be an array of objects, found "
			    "%s", json_node_type_name(on));
			goto fail;
		}
		JsonObject *o = json_node_get_object(on);
		uint64_t line, col;
		if ((n = json_member(err, name, &jp, o, "label", G_TYPE_STRING,
		    "a string", false)) == NULL)
			goto fail;
		const char *label = json_node_get_string(n);
		json_where(&jp, o, "label", &line, &col);
		if (!check(err, name, line, col, label, strlen(label), true))
			goto fail;
		bool exact = true;
		if ((n = json_member(err, name, &jp, o, "exact",
		    G_TYPE_BOOLEAN, "true or false", true)) != NULL)
			exact = json_node_get_boolean(n);
		else if (err != NULL && *err != NULL)
			goto fail;
		struct match_op *op = op_new(label, exact, f->chunk);
		g_ptr_array_add(f->ops, op);
		if ((n = json_member(err, name, &jp, o, "status",
		    G_TYPE_STRING, "a string", true)) != NULL) {
			const char *st = json_node_get_string(n);

			if (!op_status(op, st, strlen(st))) {
				json_where(&jp, o, "status", &line, &col);
				status_error(err, name, line, col);
				goto fail;
			}
		} else if (err != NULL && *err != NULL)
			goto fail;
		if ((n = json_member(err, name, &jp, o, "fingerprint",
		    JSON_TYPE_ARRAY, "an array of objects", false)) == NULL)
			goto fail;
		JsonArray *acc = json_node_get_array(n);
		for (guint k = 0; k < json_array_get_length(acc); k++) {
			JsonNode *an = json_array_get_element(acc, k);
			if (!JSON_NODE_HOLDS_OBJECT(an)) {
				json_error(err, name, &jp, o, "fingerprint",
				    "expected \"fingerprint\" to be an array "
				    "of objects, found %s",
				    json_node_type_name(an));
				goto fail;
			}
			JsonObject *ao = json_node_get_object(an);
			if ((n = json_member(err, name, &jp, ao, "access",
			    G_TYPE_STRING, "a string", false)) == NULL)
				goto fail;
			const char *t = json_node_get_string(n);
			json_where(&jp, ao, "access", &line, &col);
			if (!check_access(err, name, line, col, t, strlen(t)))
				goto fail;
			op_add(op, t, strlen(t), f->chunk);
		}
	}
	if (f->ops->len == 0) {
		json_error(err, name, &jp, ro, "operations", "expected an "
		    "operation in \"operations\", found none");
		goto fail;
	}
	goto out;
fail:
	fingerprints_free(f);
	f = NULL;
out:
	g_hash_table_destroy(jp.at);
	g_object_unref(p);
	return f;
}

/* Whether the first line that is not a comment begins "label\t". */
static bool
is_tsv(const char *data, size_t len)
{
	size_t pos = 0;

	while (pos < len && data[pos] == '#') {
		const char *nl = memchr(data + pos, '\n', len - pos);
		if (nl == NULL)
			return false;
		pos = nl - data + 1;
	}
	return len - pos >= 6 && memcmp(data + pos, "label\t", 6) == 0;
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
	if (i < len && (data[i] == '{' || data[i] == '['))
		return parse_json(name, data, len, err);
	if (is_tsv(data, len))
		return parse_tsv(name, data, len, err);
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
