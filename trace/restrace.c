/*
 * restrace.c: the reader of resource-access traces (restrace.h).
 *
 * Lines come from input.c, so the reader runs in constant memory and reads
 * gzip files directly.  Each line is split into blank-separated words;
 * the first names the line's kind (a verb, "@" or "#") and fixes how many
 * words follow, as docs/resource-traces.md lays down:
 *
 *	Read RESOURCE		Call FUNCTION
 *	Set RESOURCE [to] VALUE	Cmp OPERAND OPERATOR OPERAND
 *
 * A word is printable ASCII; the one exception is the operator "≠"
 * (UTF-8), read as "!=" because the paper writes it so.  The canonical
 * access is the words joined by one blank.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "input.h"
#include "restrace.h"
#include "trace.h"

struct restrace_reader {
	struct input *in;
	const char *file;		/* interned */
	const char *function;		/* interned, or NULL */
	GString *text;
	struct restrace_access acc;
};

struct word {
	const char *s;
	size_t len;
	size_t col;			/* 1-based */
};

#define MAX_WORDS	5

struct restrace_reader *
restrace_reader_open(const char *path, GError **err)
{
	struct input *in = input_open(path, err);

	if (in == NULL)
		return NULL;
	struct restrace_reader *r = g_new0(struct restrace_reader, 1);
	r->in = in;
	r->file = trace_intern(strcmp(path, "-") == 0 ? "<stdin>" : path);
	r->text = g_string_new(NULL);
	return r;
}

void
restrace_reader_free(struct restrace_reader *r)
{
	if (r == NULL)
		return;
	input_free(r->in);
	g_string_free(r->text, TRUE);
	g_free(r);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* "'WORD'" with its bytes escaped, cut at 40 bytes, or "end of line". */
static char *
found(const char *s, size_t len)
{
	if (len == 0)
		return g_strdup("end of line");
	GString *o = g_string_new("'");
	trace_escape_bytes(o, s, MIN(len, 40));
	g_string_append(o, len > 40 ? "...'" : "'");
	return g_string_free(o, FALSE);
}

static bool G_GNUC_PRINTF(5, 6)
syntax(GError **err, const struct restrace_reader *r, uint64_t line,
    size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
	    "%s:%" G_GUINT64_FORMAT ":%zu: %s", r->file, line, col, m);
	g_free(m);
	return false;
}

/*
 * Splits line into at most MAX_WORDS words (one more is kept to report it
 * as extra).  A byte that cannot be in a word is an error.
 */
static bool
split(const struct restrace_reader *r, uint64_t lineno, const char *line,
    size_t len, struct word *w, unsigned *nw, GError **err)
{
	size_t i = 0;

	*nw = 0;
	while (i < len) {
		while (i < len && is_blank(line[i]))
			i++;
		if (i == len)
			break;
		size_t start = i;
		while (i < len && !is_blank(line[i])) {
			unsigned char c = line[i];
			if (c >= 0x21 && c <= 0x7e) {
				i++;
				continue;
			}
			if (c == 0xe2 && len - i >= 3 &&
			    (unsigned char)line[i + 1] == 0x89 &&
			    (unsigned char)line[i + 2] == 0xa0 &&
			    i == start && (i + 3 == len ||
			    is_blank(line[i + 3]))) {
				i += 3;
				continue;
			}
			char *f = found(line + i, 1);
			syntax(err, r, lineno, i + 1, "expected a printable "
			    "character or a blank, found %s", f);
			g_free(f);
			return false;
		}
		if (*nw < MAX_WORDS + 1) {
			w[*nw].s = line + start;
			w[*nw].len = i - start;
			w[*nw].col = start + 1;
			(*nw)++;
		}
	}
	return true;
}

static bool
word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

static bool
is_operator(const struct word *w)
{
	static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=",
	    "\xe2\x89\xa0" };

	for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
		if (word_is(w, ops[i]))
			return true;
	return false;
}

/* The error for a missing word after w[n - 1], or an extra word w[n]. */
static bool
arity(const struct restrace_reader *r, uint64_t lineno, const struct word *w,
    unsigned nw, unsigned want, const char *what, size_t len,
    GError **err)
{
	if (nw < want)
		return syntax(err, r, lineno, len + 1, "expected %s, found "
		    "end of line", what);
	char *f = found(w[want].s, w[want].len);
	syntax(err, r, lineno, w[want].col, "expected end of line, found %s",
	    f);
	g_free(f);
	return false;
}

static void
append(GString *t, const struct word *w)
{
	if (t->len > 0)
		g_string_append_c(t, ' ');
	if (word_is(w, "\xe2\x89\xa0"))
		g_string_append(t, "!=");
	else
		g_string_append_len(t, w->s, w->len);
}

/*
 * Parses one line.  Returns true with *is_access set when the line is an
 * access (in r->text), or a context, comment or blank line (not set).
 */
static bool
parse_line(struct restrace_reader *r, uint64_t lineno, const char *line,
    size_t len, bool *is_access, GError **err)
{
	struct word w[MAX_WORDS + 1];
	unsigned nw;

	*is_access = false;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	size_t i = 0;
	while (i < len && is_blank(line[i]))
		i++;
	if (i == len || line[i] == '#')
		return true;
	if (!split(r, lineno, line, len, w, &nw, err))
		return false;
	g_string_truncate(r->text, 0);
	if (word_is(&w[0], "@")) {
		if (nw != 2)
			return arity(r, lineno, w, nw, 2, "a function name",
			    len, err);
		r->function = trace_intern_n(w[1].s, w[1].len);
		return true;
	}
	if (w[0].s[0] == '@') {
		/* "@MapWindow", the name glued to the "@". */
		if (nw != 1)
			return arity(r, lineno, w, nw, 1, "", len, err);
		r->function = trace_intern_n(w[0].s + 1, w[0].len - 1);
		return true;
	}
	if (word_is(&w[0], "Read") || word_is(&w[0], "Call")) {
		if (nw != 2)
			return arity(r, lineno, w, nw, 2, word_is(&w[0],
			    "Read") ? "a resource" : "a function name", len,
			    err);
		append(r->text, &w[0]);
		append(r->text, &w[1]);
	} else if (word_is(&w[0], "Set")) {
		unsigned want = nw >= 3 && word_is(&w[2], "to") ? 4 : 3;
		if (nw != want)
			return arity(r, lineno, w, nw, want, nw < 2 ?
			    "a resource" : "a value", len, err);
		append(r->text, &w[0]);
		append(r->text, &w[1]);
		append(r->text, &w[want - 1]);
	} else if (word_is(&w[0], "Cmp")) {
		if (nw >= 3 && !is_operator(&w[2])) {
			char *f = found(w[2].s, w[2].len);
			syntax(err, r, lineno, w[2].col, "expected an operator "
			    "(==, !=, <, <=, >, >=), found %s", f);
			g_free(f);
			return false;
		}
		if (nw != 4)
			return arity(r, lineno, w, nw, 4, nw < 2 ?
			    "an operand" : nw < 3 ? "an operator" :
			    "an operand", len, err);
		for (unsigned k = 0; k < 4; k++)
			append(r->text, &w[k]);
	} else {
		char *f = found(w[0].s, w[0].len);
		syntax(err, r, lineno, w[0].col, "expected Read, Set, Cmp, "
		    "Call, '@' or '#', found %s", f);
		g_free(f);
		return false;
	}
	*is_access = true;
	return true;
}

const struct restrace_access *
restrace_reader_next(struct restrace_reader *r, GError **err)
{
	const char *line;
	size_t len;
	bool unterminated;

	for (;;) {
		enum input_status st = input_next(r->in, &line, &len,
		    &unterminated, err);
		if (st == INPUT_ERROR)
			return NULL;
		uint64_t lineno = input_lineno(r->in);
		if (st == INPUT_EOF)
			return NULL;
		bool is_access;
		if (!parse_line(r, lineno, line, len, &is_access, err))
			return NULL;
		if (!is_access)
			continue;
		r->acc.text = r->text->str;
		r->acc.len = r->text->len;
		r->acc.function = r->function;
		r->acc.file = r->file;
		r->acc.line = lineno;
		return &r->acc;
	}
}

bool
restrace_sniff(const char *path, bool *is, GError **err)
{
	static const char *const verbs[] = { "Read", "Set", "Cmp", "Call" };
	struct input *in = input_open(path, err);
	const char *line;
	size_t len;
	bool unterminated;
	enum input_status st;

	if (in == NULL)
		return false;
	*is = false;
	while ((st = input_next(in, &line, &len, &unterminated, err)) == INPUT_LINE) {
		size_t i = 0;
		while (i < len && (is_blank(line[i]) || line[i] == '\r'))
			i++;
		if (i == len)
			continue;
		if (line[i] == '#' || line[i] == '@') {
			*is = true;
			break;
		}
		for (size_t k = 0; k < G_N_ELEMENTS(verbs); k++) {
			size_t n = strlen(verbs[k]);
			if (len - i > n && memcmp(line + i, verbs[k], n) == 0 &&
			    is_blank(line[i + n]))
				*is = true;
		}
		break;
	}
	input_free(in);
	return st != INPUT_ERROR;
}
