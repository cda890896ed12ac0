/*
 * contextfile.c: the readers of context files, Burmeister ".cxt" and FIMI
 * ".dat" (docs/contexts.md).  A file is read whole and parsed from memory;
 * nothing is allocated by what a header claims, only by what the file
 * holds: a Burmeister header's counts are checked against the lines that
 * follow as they are read (its rows spell out every cell, so its bitsets
 * are smaller than the file), and a FIMI attribute number is bounded by
 * FCA_MAX_ATTRIBUTES and by FCA_MAX_CELLS with the objects read so far.
 * Every error is "NAME:LINE:COL: expected X, found Y".
 */
#include <stdarg.h>
#include <string.h>

#include "mining/concepts.h"
#include "trace/file.h"
#include "trace/trace.h"

/*
 * The most attributes a FIMI file may number: each is named, so a file of
 * one line "4000000000" cannot make four billion names.
 */
#define FCA_MAX_ATTRIBUTES	(1u << 20)

struct cursor {
	const char *name;
	const char *p, *end;	/* the rest of the input */
	const char *line;	/* the current line, without its newline */
	size_t len;
	uint64_t lineno;
};

/* Advances to the next line; false at the end of the input. */
static bool
next_line(struct cursor *c)
{
	const char *nl;

	if (c->p >= c->end)
		return false;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	c->line = c->p;
	c->len = (size_t)((nl != NULL ? nl : c->end) - c->p);
	c->p = nl != NULL ? nl + 1 : c->end;
	c->lineno++;
	return true;
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' ||
	    ch == '\f';
}

/* The length of the current line without trailing blanks. */
static size_t
trimmed(const struct cursor *c)
{
	size_t n = c->len;

	while (n > 0 && is_blank(c->line[n - 1]))
		n--;
	return n;
}

/* What was found at s[0..n): a quoted, escaped excerpt, or "end of line". */
static char *
found(const char *s, size_t n)
{
	GString *f = g_string_new(NULL);

	if (n == 0) {
		g_string_free(f, TRUE);
		return g_strdup("end of line");
	}
	g_string_append_c(f, '"');
	trace_escape_bytes(f, s, n > 24 ? 24 : n);
	g_string_append(f, n > 24 ? "\"..." : "\"");
	return g_string_free(f, FALSE);
}

/* Sets a syntax error at column col (1-based) of the current line. */
static void G_GNUC_PRINTF(4, 5)
error_at(const struct cursor *c, GError **err, size_t col, const char *fmt,
    ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, FCA_ERROR, FCA_ERROR_SYNTAX, "%s:%" G_GUINT64_FORMAT
	    ":%zu: %s", c->name, c->lineno, col, msg);
	g_free(msg);
}

/*
 * An error at the end of the input: on the line after the last one when
 * the input ends in a newline (or is empty), else just after the last one.
 */
static void
error_eof(struct cursor *c, GError **err, const char *expected)
{
	bool after = c->lineno == 0 || c->line + c->len < c->end;
	uint64_t line = c->lineno + (after ? 1 : 0);
	size_t col = after ? 1 : c->len + 1;

	g_set_error(err, FCA_ERROR, FCA_ERROR_SYNTAX, "%s:%" G_GUINT64_FORMAT
	    ":%zu: expected %s, found end of file", c->name, line, col,
	    expected);
}

/* The next line that is not blank; false at the end of the input. */
static bool
next_nonblank(struct cursor *c)
{
	while (next_line(c))
		if (trimmed(c) > 0)
			return true;
	return false;
}

/* Parses the current line as a count; false with err set. */
static bool
parse_count(struct cursor *c, const char *what, uint64_t max, uint64_t *v,
    GError **err)
{
	size_t n = trimmed(c), i = 0;
	uint64_t x = 0;
	char *f;

	while (i < n && is_blank(c->line[i]))
		i++;
	if (i == n || c->line[i] < '0' || c->line[i] > '9') {
		f = found(c->line + i, n - i);
		error_at(c, err, i + 1, "expected the number of %s, found %s",
		    what, f);
		g_free(f);
		return false;
	}
	size_t start = i;
	for (; i < n && c->line[i] >= '0' && c->line[i] <= '9'; i++) {
		x = x * 10 + (uint64_t)(c->line[i] - '0');
		if (x > max) {
			f = found(c->line + start, n - start);
			error_at(c, err, start + 1, "expected at most %"
			    G_GUINT64_FORMAT " %s, found %s", max, what, f);
			g_free(f);
			return false;
		}
	}
	if (i < n) {
		f = found(c->line + i, n - i);
		error_at(c, err, i + 1, "expected the end of the number of "
		    "%s, found %s", what, f);
		g_free(f);
		return false;
	}
	*v = x;
	return true;
}

static struct fca_context *
parse_burmeister(struct cursor *c, GError **err)
{
	struct fca_context *ctx = fca_context_new();
	GString *esc = g_string_new(NULL);
	GPtrArray *objects = g_ptr_array_new_with_free_func(g_free);
	uint64_t nobj, natt, i;
	char *f;

	/* "B", then the context's name, which may be anything. */
	next_line(c);
	if (!next_line(c)) {
		error_eof(c, err, "the name of the context");
		goto fail;
	}
	if (!next_nonblank(c)) {
		error_eof(c, err, "the number of objects");
		goto fail;
	}
	if (!parse_count(c, "objects", UINT32_MAX, &nobj, err))
		goto fail;
	if (!next_nonblank(c)) {
		error_eof(c, err, "the number of attributes");
		goto fail;
	}
	if (!parse_count(c, "attributes", UINT32_MAX, &natt, err))
		goto fail;
	/*
	 * The names, one a line, blank lines skipped: nothing is allocated
	 * for a name until its line is read.
	 */
	for (i = 0; i < nobj + natt; i++) {
		bool obj = i < nobj;

		if (!next_nonblank(c)) {
			char *what = g_strdup_printf("the name of %s %"
			    G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
			    obj ? "object" : "attribute",
			    (obj ? i : i - nobj) + 1, obj ? nobj : natt);
			error_eof(c, err, what);
			g_free(what);
			goto fail;
		}
		g_string_truncate(esc, 0);
		trace_escape_bytes(esc, c->line, trimmed(c));
		if (obj)
			g_ptr_array_add(objects, g_strndup(esc->str, esc->len));
		else
			fca_context_add_attribute(ctx, esc->str, esc->len);
	}
	/*
	 * The rows: one mark an attribute, 'X' or 'x' it has, '.' it has
	 * not.  An object is added with its row; without attributes, there
	 * are no rows to read.
	 */
	for (i = 0; i < nobj; i++) {
		const char *oname = objects->pdata[i];
		size_t n, k;

		fca_context_add_object(ctx, oname, strlen(oname));
		if (natt == 0)
			continue;
		if (!next_nonblank(c)) {
			char *what = g_strdup_printf("the row of object %"
			    G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, i + 1,
			    nobj);
			error_eof(c, err, what);
			g_free(what);
			goto fail;
		}
		n = trimmed(c);
		for (k = 0; k < natt; k++) {
			char ch = k < n ? c->line[k] : '\0';

			if (ch == 'X' || ch == 'x')
				fca_context_set(ctx, (unsigned)i, (unsigned)k);
			else if (ch != '.' || k >= n) {
				f = found(c->line + k, k < n ? 1 : 0);
				error_at(c, err, k + 1, "expected 'X' or '.' "
				    "(%" G_GUINT64_FORMAT " marks), found %s",
				    natt, f);
				g_free(f);
				goto fail;
			}
		}
		if (n > natt) {
			f = found(c->line + natt, n - natt);
			error_at(c, err, natt + 1, "expected the end of the row "
			    "(%" G_GUINT64_FORMAT " marks), found %s", natt, f);
			g_free(f);
			goto fail;
		}
	}
	if (next_nonblank(c)) {
		f = found(c->line, trimmed(c));
		error_at(c, err, 1, "expected end of file after %"
		    G_GUINT64_FORMAT " rows, found %s", nobj, f);
		g_free(f);
		goto fail;
	}
	g_string_free(esc, TRUE);
	g_ptr_array_free(objects, TRUE);
	return ctx;
fail:
	g_string_free(esc, TRUE);
	g_ptr_array_free(objects, TRUE);
	fca_context_free(ctx);
	return NULL;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static struct fca_context *
parse_fimi(struct cursor *c, GError **err)
{
	struct fca_context *ctx = fca_context_new();
	GArray *row = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	uint64_t natt = 0;
	char num[24];
	char *f;

	while (next_line(c)) {
		size_t n = c->len, i = 0;
		uint64_t nobj = c->lineno;

		g_array_set_size(row, 0);
		for (;;) {
			while (i < n && is_blank(c->line[i]))
				i++;
			if (i == n)
				break;
			size_t start = i;
			uint64_t x = 0;
			bool big = false;

			for (; i < n && c->line[i] >= '0' && c->line[i] <= '9';
			    i++) {
				x = x * 10 + (uint64_t)(c->line[i] - '0');
				if (x > FCA_MAX_ATTRIBUTES)
					big = true, x = FCA_MAX_ATTRIBUTES + 1;
			}
			if (i == start || (i < n && !is_blank(c->line[i]))) {
				size_t e = i == start ? start : i;
				size_t k = e;
				while (k < n && !is_blank(c->line[k]))
					k++;
				f = found(c->line + e, k - e);
				error_at(c, err, e + 1, i == start ?
				    "expected an attribute number, found %s" :
				    "expected a blank after an attribute "
				    "number, found %s", f);
				g_free(f);
				goto fail;
			}
			if (x == 0 || big) {
				f = found(c->line + start, i - start);
				error_at(c, err, start + 1, "expected an "
				    "attribute number from 1 to %u, found %s",
				    FCA_MAX_ATTRIBUTES, f);
				g_free(f);
				goto fail;
			}
			if (x > natt && nobj * x > FCA_MAX_CELLS) {
				f = found(c->line + start, i - start);
				error_at(c, err, start + 1, "expected a "
				    "context of at most %" G_GUINT64_FORMAT
				    " cells (%" G_GUINT64_FORMAT " objects), "
				    "found attribute %s", FCA_MAX_CELLS, nobj,
				    f);
				(*err)->code = FCA_ERROR_LIMIT;
				g_free(f);
				goto fail;
			}
			if (x > natt)
				natt = x;
			uint32_t a = (uint32_t)(x - 1);
			g_array_append_val(row, a);
		}
		if (natt > 0 && nobj > FCA_MAX_CELLS / natt) {
			error_at(c, err, 1, "expected a context of at most %"
			    G_GUINT64_FORMAT " cells (%" G_GUINT64_FORMAT
			    " attributes), found object %" G_GUINT64_FORMAT,
			    FCA_MAX_CELLS, natt, nobj);
			(*err)->code = FCA_ERROR_LIMIT;
			goto fail;
		}
		/* Attributes first, so the row can refer to them. */
		while (fca_context_attributes(ctx) < natt) {
			int k = g_snprintf(num, sizeof(num), "%u",
			    fca_context_attributes(ctx) + 1);
			fca_context_add_attribute(ctx, num, (size_t)k);
		}
		int k = g_snprintf(num, sizeof(num), "%" G_GUINT64_FORMAT, nobj);
		unsigned obj = fca_context_add_object(ctx, num, (size_t)k);
		qsort(row->data, row->len, sizeof(uint32_t), cmp_u32);
		for (guint j = 0; j < row->len; j++)
			fca_context_set(ctx, obj, g_array_index(row, uint32_t,
			    j));
	}
	g_array_free(row, TRUE);
	return ctx;
fail:
	g_array_free(row, TRUE);
	fca_context_free(ctx);
	return NULL;
}

struct fca_context *
fca_context_parse(const char *name, const char *data, size_t len,
    GError **err)
{
	struct cursor c = { .name = name, .p = data, .end = data + len };
	struct cursor peek = c;

	if (next_line(&peek) && trimmed(&peek) == 1 && peek.line[0] == 'B')
		return parse_burmeister(&c, err);
	return parse_fimi(&c, err);
}

struct fca_context *
fca_context_read(const char *path, GError **err)
{
	struct fca_context *ctx;
	GError *e = NULL;
	char *data;
	size_t len;

	if (!trace_file_read(path, TRACE_FILE_MAX_MODEL, &data, &len, &e)) {
		g_set_error(err, FCA_ERROR, FCA_ERROR_IO, "%s", e->message);
		g_error_free(e);
		return NULL;
	}
	ctx = fca_context_parse(path, data, len, err);
	g_free(data);
	return ctx;
}
