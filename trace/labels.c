/*
 * labels.c: the reader of labels files (labels.h).
 *
 * A labels file is small (one line per experiment), so it is read whole
 * and parsed line by line.  The path of a trace ends at the first colon
 * followed by a blank or the end of the line, so a path may hold colons
 * of its own; labels are words, and "#" after them begins a comment.
 * Labels are gathered in a hash table while reading, then numbered in
 * bytewise order so every output that lists them is sorted.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "file.h"
#include "labels.h"
#include "trace.h"

struct ltrace {
	char *written;		/* the path as the file gives it */
	struct labels_part *part;	/* NULL: the whole trace */
	char *marker_word;	/* "--marker=..." as written */
	char *path;		/* joined to the file's folder */
	char *name;		/* for equations */
	char **files;
	uint64_t line;
	GPtrArray *labels;	/* of const char *, in chunk */
};

struct labels {
	const char *file;
	GPtrArray *traces;	/* of struct ltrace */
	GPtrArray *names;	/* of const char *, sorted */
	guint8 *has;		/* traces x names */
	GStringChunk *chunk;
};

static void
ltrace_free(struct ltrace *t)
{
	g_free(t->written);
	g_free(t->marker_word);
	if (t->part != NULL) {
		g_free(t->part->marker);
		g_free(t->part->window);
		g_free(t->part->text);
		g_free(t->part);
	}
	g_free(t->path);
	g_free(t->name);
	g_strfreev(t->files);
	g_ptr_array_free(t->labels, TRUE);
	g_free(t);
}

void
labels_free(struct labels *l)
{
	if (l == NULL)
		return;
	g_ptr_array_free(l->traces, TRUE);
	if (l->names != NULL)
		g_ptr_array_free(l->names, TRUE);
	g_free(l->has);
	g_string_chunk_free(l->chunk);
	g_free(l);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* "'WORD'" with its bytes escaped, cut at 60 bytes. */
static char *
quoted(const char *s, size_t len)
{
	GString *o = g_string_new("'");

	trace_escape_bytes(o, s, MIN(len, 60));
	g_string_append(o, len > 60 ? "...'" : "'");
	return g_string_free(o, FALSE);
}

static void G_GNUC_PRINTF(5, 6)
syntax(GError **err, const char *file, uint64_t line, size_t col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
	    "%s:%" G_GUINT64_FORMAT ":%zu: %s", file, line, col, m);
	g_free(m);
}

/* The name of a trace in equations, before clashes are looked for. */
static char *
short_name(const char *written)
{
	char *base = g_path_get_basename(written);
	size_t n = strlen(base);

	if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
		base[n -= 3] = '\0';
	char *dot = strrchr(base, '.');
	if (dot != NULL && dot != base)
		*dot = '\0';
	return base;
}

static gint
by_bytes(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Numbers the labels and names the traces, once all are read. */
static void
finish(struct labels *l)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *num = g_hash_table_new(g_str_hash, g_str_equal);
	unsigned n = l->traces->len;

	l->names = g_ptr_array_new();
	for (unsigned i = 0; i < n; i++) {
		struct ltrace *t = l->traces->pdata[i];
		for (unsigned k = 0; k < t->labels->len; k++)
			if (g_hash_table_add(seen, t->labels->pdata[k]))
				g_ptr_array_add(l->names, t->labels->pdata[k]);
	}
	g_ptr_array_sort(l->names, by_bytes);
	for (unsigned j = 0; j < l->names->len; j++)
		g_hash_table_insert(num, l->names->pdata[j],
		    GUINT_TO_POINTER(j));
	l->has = g_new0(guint8, (gsize)n * MAX(l->names->len, 1));
	for (unsigned i = 0; i < n; i++) {
		struct ltrace *t = l->traces->pdata[i];
		for (unsigned k = 0; k < t->labels->len; k++) {
			unsigned j = GPOINTER_TO_UINT(g_hash_table_lookup(num,
			    t->labels->pdata[k]));
			l->has[(gsize)i * l->names->len + j] = 1;
		}
	}
	/*
	 * Short names, unless two traces would share one: those take their
	 * paths as written, which differ from each other (a path named
	 * twice is an error), until no name is shared.  Each round writes
	 * out at least one more, so it ends.
	 */
	for (unsigned i = 0; i < n; i++) {
		struct ltrace *t = l->traces->pdata[i];
		t->name = short_name(t->written);
		if (t->name[0] == '\0') {
			g_free(t->name);
			t->name = g_strdup(t->written);
		}
		if (t->part != NULL) {
			/* "server[--window=2:5]", and the same after the
			 * path as written, so no two segments share one. */
			char *w = g_strdup_printf("%s[%s]", t->written,
			    t->part->text);
			char *s = g_strdup_printf("%s[%s]", t->name,
			    t->part->text);
			g_free(t->written);
			g_free(t->name);
			t->written = w;
			t->name = s;
		}
	}
	for (bool changed = true; changed;) {
		GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
		GPtrArray *old = g_ptr_array_new_with_free_func(g_free);
		changed = false;
		for (unsigned i = 0; i < n; i++) {
			struct ltrace *t = l->traces->pdata[i];
			unsigned c = GPOINTER_TO_UINT(g_hash_table_lookup(count,
			    t->name));
			g_hash_table_insert(count, t->name,
			    GUINT_TO_POINTER(c + 1));
		}
		for (unsigned i = 0; i < n; i++) {
			struct ltrace *t = l->traces->pdata[i];
			if (strcmp(t->name, t->written) != 0 &&
			    GPOINTER_TO_UINT(g_hash_table_lookup(count,
			    t->name)) > 1) {
				/* A key of the table: freed after it. */
				g_ptr_array_add(old, t->name);
				t->name = g_strdup(t->written);
				changed = true;
			}
		}
		g_hash_table_destroy(count);
		g_ptr_array_free(old, TRUE);
	}
	g_hash_table_destroy(seen);
	g_hash_table_destroy(num);
}

bool
labels_parse_window(const char *text, int64_t *from_ns, int64_t *to_ns)
{
	const char *colon = strchr(text, ':');
	char *end;
	double from, to;

	if (colon == NULL)
		return false;
	from = g_ascii_strtod(text, &end);
	if (end != colon || end == text)
		return false;
	to = g_ascii_strtod(colon + 1, &end);
	if (*end != '\0' || end == colon + 1 || !(from >= 0 && to > from &&
	    to < 1e9))
		return false;
	*from_ns = (int64_t)(from * 1e9);
	*to_ns = (int64_t)(to * 1e9);
	return true;
}

#define WINDOW_WORD "--window="
#define MARKER_WORD "--marker="

/*
 * Whether the word at s is a part of the trace, "--NAME=...": a label is
 * a word without '=', so no such word was ever a label.
 */
static bool
is_part_word(const char *s, size_t len)
{
	size_t i = 2;

	if (len < 3 || s[0] != '-' || s[1] != '-')
		return false;
	while (i < len && !is_blank(s[i]) && s[i] != '=')
		i++;
	return i < len && s[i] == '=';
}

/* The word s[start..end), "--window=FROM:TO" or "--marker=BYTES", into
 * t's part. */
static bool
parse_part(struct labels *l, struct ltrace *t, uint64_t lineno,
    const char *s, size_t start, size_t end, GError **err)
{
	const char *w = s + start;
	size_t n = end - start;
	bool window = n >= strlen(WINDOW_WORD) &&
	    memcmp(w, WINDOW_WORD, strlen(WINDOW_WORD)) == 0;
	bool marker = n >= strlen(MARKER_WORD) &&
	    memcmp(w, MARKER_WORD, strlen(MARKER_WORD)) == 0;

	if (!window && !marker) {
		const char *eq = memchr(w, '=', n);
		char *f = quoted(w, eq - w);
		syntax(err, l->file, lineno, start + 1, "expected a label, "
		    "--window=FROM:TO or --marker=BYTES, found %s", f);
		g_free(f);
		return false;
	}
	if (t->part == NULL)
		t->part = g_new0(struct labels_part, 1);
	struct labels_part *p = t->part;
	size_t skip = strlen(window ? WINDOW_WORD : MARKER_WORD);
	char *value = g_strndup(w + skip, n - skip);
	if (window ? p->window != NULL : p->marker != NULL) {
		syntax(err, l->file, lineno, start + 1, "expected one %s "
		    "per trace, found a second", window ? "--window" :
		    "--marker");
		g_free(value);
		return false;
	}
	if (window) {
		if (memchr(value, '\0', n - skip) != NULL ||
		    !labels_parse_window(value, &p->from_ns, &p->to_ns)) {
			char *f = quoted(value, n - skip);
			syntax(err, l->file, lineno, start + skip + 1,
			    "expected FROM:TO, seconds with FROM below TO, "
			    "found %s", f);
			g_free(f);
			g_free(value);
			return false;
		}
		p->window = value;
	} else {
		char *bytes = memchr(value, '\0', n - skip) != NULL ? NULL :
		    g_strcompress(value);
		if (bytes == NULL || bytes[0] == '\0') {
			syntax(err, l->file, lineno, start + skip + 1,
			    "expected bytes (\\ooo for a blank), found %s",
			    bytes == NULL ? "'\\0'" : "none");
			g_free(bytes);
			g_free(value);
			return false;
		}
		g_free(value);
		p->marker = bytes;
	}
	if (marker) {
		g_free(t->marker_word);
		t->marker_word = g_strndup(w, n);
	}
	/* The words as written, window first. */
	GString *o = g_string_new(NULL);
	if (p->window != NULL)
		g_string_append_printf(o, WINDOW_WORD "%s", p->window);
	if (t->marker_word != NULL)
		g_string_append_printf(o, "%s%s", o->len > 0 ? " " : "",
		    t->marker_word);
	g_free(p->text);
	p->text = g_string_free(o, FALSE);
	return true;
}

/*
 * Parses one line that is neither blank nor a comment into a new trace.
 * keys maps canonical paths to the line that named them.
 */
static struct ltrace *
parse_line(struct labels *l, const char *dir, uint64_t lineno,
    const char *s, size_t len, GHashTable *keys, GError **err)
{
	size_t i = 0, colon;

	while (i < len && is_blank(s[i]))
		i++;
	size_t pstart = i;
	for (colon = i; colon < len; colon++)
		if (s[colon] == ':' && (colon + 1 == len ||
		    is_blank(s[colon + 1])))
			break;
	if (colon == len) {
		syntax(err, l->file, lineno, len + 1, "expected ':' after the "
		    "trace, found end of line");
		return NULL;
	}
	size_t pend = colon;
	while (pend > pstart && is_blank(s[pend - 1]))
		pend--;
	if (pend == pstart) {
		syntax(err, l->file, lineno, colon + 1, "expected a trace, "
		    "found ':'");
		return NULL;
	}
	const char *nul = memchr(s + pstart, '\0', pend - pstart);
	if (nul != NULL) {
		syntax(err, l->file, lineno, nul - s + 1, "expected a "
		    "character of a path, found '\\0'");
		return NULL;
	}
	struct ltrace *t = g_new0(struct ltrace, 1);
	t->labels = g_ptr_array_new();
	t->line = lineno;
	t->written = g_strndup(s + pstart, pend - pstart);
	for (i = colon + 1; i < len;) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i == len || s[i] == '#')
			break;
		size_t start = i;
		if (is_part_word(s + i, len - i)) {
			while (i < len && !is_blank(s[i]))
				i++;
			if (!parse_part(l, t, lineno, s, start, i, err))
				goto fail;
			continue;
		}
		while (i < len && !is_blank(s[i]) && is_label_char(s[i]))
			i++;
		if (i < len && !is_blank(s[i])) {
			char *f = quoted(s + i, 1);
			syntax(err, l->file, lineno, i + 1, "expected a label "
			    "(letters, digits, '_', '-', '.'), found %s", f);
			g_free(f);
			goto fail;
		}
		const char *lab = g_string_chunk_insert_len(l->chunk,
		    s + start, i - start);
		for (unsigned k = 0; k < t->labels->len; k++)
			if (strcmp(t->labels->pdata[k], lab) == 0) {
				syntax(err, l->file, lineno, start + 1,
				    "expected a label not given before, "
				    "found '%s' again", lab);
				goto fail;
			}
		g_ptr_array_add(t->labels, (gpointer)lab);
	}
	if (g_path_is_absolute(t->written) || dir == NULL ||
	    strcmp(dir, ".") == 0)
		t->path = g_strdup(t->written);
	else
		t->path = g_build_filename(dir, t->written, NULL);
	char *q = quoted(t->written, strlen(t->written));
	if ((t->files = trace_expand_path(t->path, NULL)) == NULL ||
	    strcmp(t->path, "-") == 0) {
		syntax(err, l->file, lineno, pstart + 1, "expected an existing "
		    "trace, found %s", q);
		g_free(q);
		goto fail;
	}
	/*
	 * A labels file may come from anyone: the traces it names are
	 * files, never a FIFO that blocks or a device that never ends.
	 */
	for (char **f = t->files; *f != NULL; f++) {
		GError *e = NULL;
		if (!trace_file_is_regular(*f, &e)) {
			syntax(err, l->file, lineno, pstart + 1, "expected a "
			    "trace file, found %s (%s)", q, e->message);
			g_error_free(e);
			g_free(q);
			goto fail;
		}
	}
	char *canon = g_canonicalize_filename(t->path, NULL);
	char *key = t->part == NULL ? canon : g_strdup_printf("%s\n%s", canon,
	    t->part->text);
	if (key != canon)
		g_free(canon);
	gpointer first = g_hash_table_lookup(keys, key);
	if (first != NULL) {
		syntax(err, l->file, lineno, pstart + 1, "expected a trace "
		    "not labelled before, found %s%s%s again (first on line "
		    "%u)", q, t->part != NULL ? " " : "", t->part != NULL ?
		    t->part->text : "", GPOINTER_TO_UINT(first));
		g_free(key);
		g_free(q);
		goto fail;
	}
	g_free(q);
	g_hash_table_insert(keys, key, GUINT_TO_POINTER((guint)MIN(lineno,
	    G_MAXUINT)));
	return t;
fail:
	ltrace_free(t);
	return NULL;
}

struct labels *
labels_parse(const char *name, const char *dir, const char *data,
    size_t len, GError **err)
{
	struct labels *l = g_new0(struct labels, 1);
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	uint64_t lineno = 0;
	size_t pos = 0;

	l->file = trace_intern(name);
	l->chunk = g_string_chunk_new(4096);
	l->traces = g_ptr_array_new_with_free_func((GDestroyNotify)ltrace_free);
	while (pos < len) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		lineno++;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		size_t i = 0;
		while (i < n && is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			continue;
		struct ltrace *t = parse_line(l, dir, lineno, s, n, keys, err);
		if (t == NULL)
			goto fail;
		g_ptr_array_add(l->traces, t);
	}
	if (l->traces->len == 0) {
		syntax(err, l->file, lineno + 1, 1, "expected a labelled "
		    "trace, found end of file");
		goto fail;
	}
	g_hash_table_destroy(keys);
	finish(l);
	return l;
fail:
	g_hash_table_destroy(keys);
	labels_free(l);
	return NULL;
}

struct labels *
labels_read(const char *path, GError **err)
{
	struct labels *l;
	char *data, *dir;
	size_t len;

	if (!trace_file_read(path, TRACE_FILE_MAX_TEXT, &data, &len, err))
		return NULL;
	if (strcmp(path, "-") == 0) {
		l = labels_parse("<stdin>", NULL, data, len, err);
	} else {
		dir = g_path_get_dirname(path);
		l = labels_parse(path, dir, data, len, err);
		g_free(dir);
	}
	g_free(data);
	return l;
}

unsigned
labels_n_traces(const struct labels *l)
{
	return l->traces->len;
}

unsigned
labels_n_labels(const struct labels *l)
{
	return l->names->len;
}

const char *
labels_label(const struct labels *l, unsigned j)
{
	g_return_val_if_fail(j < l->names->len, NULL);
	return l->names->pdata[j];
}

int
labels_find(const struct labels *l, const char *name)
{
	for (unsigned j = 0; j < l->names->len; j++)
		if (strcmp(l->names->pdata[j], name) == 0)
			return (int)j;
	return -1;
}

bool
labels_has(const struct labels *l, unsigned i, unsigned j)
{
	g_return_val_if_fail(i < l->traces->len && j < l->names->len, false);
	return l->has[(gsize)i * l->names->len + j] != 0;
}

static const struct ltrace *
get(const struct labels *l, unsigned i)
{
	g_assert(i < l->traces->len);
	return l->traces->pdata[i];
}

const char *
labels_trace_name(const struct labels *l, unsigned i)
{
	return get(l, i)->name;
}

const char *
labels_trace_path(const struct labels *l, unsigned i)
{
	return get(l, i)->path;
}

char **
labels_trace_files(const struct labels *l, unsigned i)
{
	return get(l, i)->files;
}

uint64_t
labels_trace_line(const struct labels *l, unsigned i)
{
	return get(l, i)->line;
}

const struct labels_part *
labels_trace_part(const struct labels *l, unsigned i)
{
	return get(l, i)->part;
}

bool
labels_have_parts(const struct labels *l)
{
	for (unsigned i = 0; i < l->traces->len; i++)
		if (get(l, i)->part != NULL)
			return true;
	return false;
}

const char *
labels_file(const struct labels *l)
{
	return l->file;
}
