/*
 * report.c: format names, the dispatch to each format's printer, and the
 * helpers the printers share (sorting counts, formatting times).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "internal.h"

static const struct {
	const char *name;
	enum report_fmt fmt;
	const struct printer *p;
} formats[] = {
	{ .name = "text", .fmt = REPORT_TEXT, .p = &printer_text },
	{ .name = "tsv", .fmt = REPORT_TSV, .p = &printer_tsv },
	{ .name = "json", .fmt = REPORT_JSON, .p = &printer_json },
	{ .name = "xml", .fmt = REPORT_XML, .p = &printer_xml },
};

bool
report_fmt_parse(const char *name, enum report_fmt *fmt, GError **err)
{
	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
		if (strcmp(name, formats[i].name) == 0) {
			*fmt = formats[i].fmt;
			return true;
		}
	g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
	    "unknown format '%s'; valid formats are: text, tsv, json, xml",
	    name);
	return false;
}

bool
report_fmt_parse_dot(const char *name, enum report_fmt *fmt, GError **err)
{
	if (strcmp(name, "dot") == 0) {
		*fmt = REPORT_DOT;
		return true;
	}
	if (report_fmt_parse(name, fmt, NULL))
		return true;
	g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
	    "unknown format '%s'; valid formats are: text, tsv, json, xml, dot",
	    name);
	return false;
}

static const struct printer *
printer_for(enum report_fmt fmt)
{
	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
		if (formats[i].fmt == fmt)
			return formats[i].p;
	g_return_val_if_reached(&printer_text);
}

bool
check_stream(FILE *out, GError **err)
{
	if (fflush(out) != 0 || ferror(out)) {
		int e = errno;
		g_set_error(err, G_IO_ERROR, g_io_error_from_errno(e),
		    "write error: %s", g_strerror(e));
		return false;
	}
	return true;
}

bool
report_stats(FILE *out, const struct trace_stats *st, enum report_fmt fmt,
    GError **err)
{
	return printer_for(fmt)->stats(out, st, err);
}

bool
report_accesses(FILE *out, const struct access_set *set, const char *op,
    enum report_fmt fmt, GError **err)
{
	return printer_for(fmt)->accesses(out, set, op, err);
}

/*
 * A norm stream prints nothing until its first access, or until it is ended
 * complete: so input that fails before its first access (a file that is not
 * a log) leaves standard output empty, in every format.
 */
struct report_norm {
	const struct printer *p;
	FILE *out;
	void *ctx;		/* NULL until the stream has begun */
};

struct report_norm *
report_norm_begin(FILE *out, enum report_fmt fmt)
{
	struct report_norm *rn = g_new0(struct report_norm, 1);

	rn->p = printer_for(fmt);
	rn->out = out;
	return rn;
}

void
report_norm_line(struct report_norm *rn, const char *file, uint64_t line,
    int pid, const char *access, size_t len)
{
	if (rn->ctx == NULL)
		rn->ctx = rn->p->norm_begin(rn->out);
	rn->p->norm_line(rn->ctx, file, line, pid, access, len);
}

bool
report_norm_end(struct report_norm *rn, bool complete, GError **err)
{
	bool ok = true;

	if (rn->ctx == NULL && complete)
		rn->ctx = rn->p->norm_begin(rn->out);
	if (rn->ctx != NULL)
		ok = rn->p->norm_end(rn->ctx, err);
	g_free(rn);
	return ok;
}

struct keyed {
	struct count c;
	int64_t num;
};

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(((const struct keyed *)a)->c.name,
	    ((const struct keyed *)b)->c.name);
}

static gint
by_num(gconstpointer a, gconstpointer b)
{
	int64_t x = ((const struct keyed *)a)->num;
	int64_t y = ((const struct keyed *)b)->num;

	return x < y ? -1 : x > y;
}

GArray *
counts_sorted(GHashTable *t, bool int_keys)
{
	GArray *k = g_array_new(FALSE, FALSE, sizeof(struct keyed));
	GHashTableIter it;
	gpointer key, v;

	g_hash_table_iter_init(&it, t);
	while (g_hash_table_iter_next(&it, &key, &v)) {
		struct keyed e = { .c.count = GPOINTER_TO_SIZE(v) };
		if (int_keys) {
			e.num = GPOINTER_TO_INT(key);
			e.c.name = g_strdup_printf("%" PRId64, e.num);
		} else {
			e.c.name = g_strdup(key);
		}
		g_array_append_val(k, e);
	}
	g_array_sort(k, int_keys ? by_num : by_name);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct count));
	for (unsigned i = 0; i < k->len; i++)
		g_array_append_val(out, g_array_index(k, struct keyed, i).c);
	g_array_free(k, TRUE);
	return out;
}

void
counts_free(GArray *a)
{
	for (unsigned i = 0; i < a->len; i++)
		g_free((char *)g_array_index(a, struct count, i).name);
	g_array_free(a, TRUE);
}

static char *
frac(int64_t ns)
{
	if (ns % 1000 == 0)
		return g_strdup_printf("%06" PRId64, ns / 1000);
	return g_strdup_printf("%09" PRId64, ns);
}

char *
format_time(enum trace_time kind, int64_t ns)
{
	int64_t sec = ns / 1000000000, rem = ns % 1000000000;
	char *f = frac(rem < 0 ? -rem : rem);
	char *s;

	if (kind == TIME_CLOCK) {
		int64_t day = sec / 86400, t = sec % 86400;
		s = g_strdup_printf("%02d:%02d:%02d.%s%s", (int)(t / 3600),
		    (int)(t / 60 % 60), (int)(t % 60), f, "");
		if (day > 0) {
			char *d = g_strdup_printf("%s+%" PRId64 "d", s, day);
			g_free(s);
			s = d;
		}
	} else {
		s = g_strdup_printf("%" PRId64 ".%s", sec, f);
	}
	g_free(f);
	return s;
}

const char *
time_kind_name(enum trace_time k)
{
	switch (k) {
	case TIME_CLOCK: return "clock";
	case TIME_EPOCH: return "epoch";
	case TIME_RELATIVE: return "relative";
	case TIME_NONE: break;
	}
	return "none";
}

char *
format_span(int64_t ns)
{
	char *f = frac(ns % 1000000000);
	char *s = g_strdup_printf("%" PRId64 ".%s", ns / 1000000000, f);

	g_free(f);
	return s;
}

const char *
pid_text(int pid, char *buf)
{
	if (pid == 0)
		return strcpy(buf, "?");
	g_snprintf(buf, 16, "%d", pid);
	return buf;
}

char *
escape_name(const char *name)
{
	GString *s = g_string_new(NULL);

	trace_escape_bytes(s, name, strlen(name));
	return g_string_free(s, FALSE);
}
