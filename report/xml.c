/*
 * xml.c: XML through libxml2's text writer, which quotes and escapes, and
 * writes incrementally (so a norm stream of any length is written in
 * constant memory).  Names from logs are escaped as strace escapes bytes
 * first, so the document is well-formed whatever the log held.
 */
#include <inttypes.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "internal.h"

static xmlTextWriterPtr
writer_new(FILE *out)
{
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
	xmlTextWriterPtr w = xmlNewTextWriter(buf);

	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	return w;
}

void
report_xml_begin(struct report_xml *x)
{
	x->buf = xmlBufferCreate();
	x->w = xmlNewTextWriterMemory(x->buf, 0);
	xmlTextWriterSetIndent(x->w, 1);
	xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
	xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL);
}

void
report_xml_end(struct report_xml *x, GString *o)
{
	xmlTextWriterEndDocument(x->w);
	xmlFreeTextWriter(x->w);
	g_string_append_len(o, (const char *)xmlBufferContent(x->buf),
	    xmlBufferLength(x->buf));
	xmlBufferFree(x->buf);
}

static bool
writer_end(xmlTextWriterPtr w, FILE *out, GError **err)
{
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	return check_stream(out, err);
}

static void
attr_u64(xmlTextWriterPtr w, const char *name, uint64_t v)
{
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%" PRIu64, v);
}

static void
attr_escaped(xmlTextWriterPtr w, const char *name, const char *bytes,
    size_t len)
{
	GString *s = g_string_new(NULL);

	trace_escape_bytes(s, bytes, len);
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST s->str);
	g_string_free(s, TRUE);
}

static void
counts(xmlTextWriterPtr w, const char *elem, const char *attr, GHashTable *t,
    bool int_keys)
{
	GArray *a = counts_sorted(t, int_keys);

	for (unsigned i = 0; i < a->len; i++) {
		struct count *c = &g_array_index(a, struct count, i);
		xmlTextWriterStartElement(w, BAD_CAST elem);
		xmlTextWriterWriteAttribute(w, BAD_CAST attr,
		    BAD_CAST c->name);
		attr_u64(w, "count", c->count);
		xmlTextWriterEndElement(w);
	}
	counts_free(a);
}

static bool
xml_stats(FILE *out, const struct trace_stats *st, GError **err)
{
	xmlTextWriterPtr w = writer_new(out);

	xmlTextWriterStartElement(w, BAD_CAST "stats");
	attr_u64(w, "events", st->events);
	attr_u64(w, "processes", st->processes);
	attr_u64(w, "threads", st->threads);
	attr_u64(w, "failed", st->failed);
	attr_u64(w, "unreturned", st->unreturned);
	attr_u64(w, "split", st->split);
	attr_u64(w, "delivered", st->signals_n);
	for (unsigned i = 0; i < st->files->len; i++) {
		const char *f = st->files->pdata[i];
		xmlTextWriterStartElement(w, BAD_CAST "file");
		attr_escaped(w, "name", f, strlen(f));
		xmlTextWriterEndElement(w);
	}
	if (st->has_time) {
		char *a = format_time(st->time_kind, st->first_ns);
		char *z = format_time(st->time_kind, st->last_ns);
		char *s = format_span(st->last_ns - st->first_ns);
		xmlTextWriterStartElement(w, BAD_CAST "time");
		xmlTextWriterWriteAttribute(w, BAD_CAST "kind",
		    BAD_CAST time_kind_name(st->time_kind));
		xmlTextWriterWriteAttribute(w, BAD_CAST "first", BAD_CAST a);
		xmlTextWriterWriteAttribute(w, BAD_CAST "last", BAD_CAST z);
		xmlTextWriterWriteAttribute(w, BAD_CAST "span", BAD_CAST s);
		xmlTextWriterEndElement(w);
		g_free(a);
		g_free(z);
		g_free(s);
	}
	const GArray *tree = st->tree;
	for (unsigned i = 0; i < tree->len; i++) {
		const struct trace_proc *n = &g_array_index(tree, struct trace_proc, i);
		xmlTextWriterStartElement(w, BAD_CAST (n->thread ? "thread" :
		    "process"));
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "trace", "%u",
		    n->trace + 1);
		char a[16];
		xmlTextWriterWriteAttribute(w, BAD_CAST "pid",
		    BAD_CAST pid_text(n->pid, a));
		if (n->thread)
			xmlTextWriterWriteAttribute(w, BAD_CAST "process",
			    BAD_CAST pid_text(n->owner, a));
		else if (n->has_parent)
			xmlTextWriterWriteAttribute(w, BAD_CAST "parent",
			    BAD_CAST pid_text(n->parent, a));
		xmlTextWriterEndElement(w);
	}
	counts(w, "call", "name", st->calls, false);
	counts(w, "error", "name", st->errors, false);
	counts(w, "exit", "status", st->exits, true);
	counts(w, "killed", "signal", st->killed, false);
	counts(w, "signal", "name", st->signals, false);
	xmlTextWriterEndElement(w);
	return writer_end(w, out, err);
}

static bool
xml_accesses(FILE *out, const struct access_set *set, const char *op,
    GError **err)
{
	GArray *v = access_set_sorted(set);
	xmlTextWriterPtr w = writer_new(out);

	xmlTextWriterStartElement(w, BAD_CAST "accesses");
	xmlTextWriterWriteAttribute(w, BAD_CAST "operation", BAD_CAST op);
	attr_u64(w, "size", v->len);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(set, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		xmlTextWriterStartElement(w, BAD_CAST "access");
		attr_u64(w, "count", a->count);
		attr_escaped(w, "file", a->file, strlen(a->file));
		attr_u64(w, "line", a->line);
		xmlTextWriterWriteString(w, BAD_CAST a->text);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	g_array_free(v, TRUE);
	return writer_end(w, out, err);
}

struct xml_norm {
	FILE *out;
	xmlTextWriterPtr w;
};

static void *
xml_norm_begin(FILE *out)
{
	struct xml_norm *x = g_new0(struct xml_norm, 1);

	x->out = out;
	x->w = writer_new(out);
	xmlTextWriterStartElement(x->w, BAD_CAST "norm");
	return x;
}

static void
xml_norm_line(void *ctx, const char *file, uint64_t line, int pid,
    const char *access, size_t len)
{
	struct xml_norm *x = ctx;
	char *t = g_strndup(access, len);

	xmlTextWriterStartElement(x->w, BAD_CAST "access");
	attr_escaped(x->w, "file", file, strlen(file));
	attr_u64(x->w, "line", line);
	xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST "pid", "%d", pid);
	xmlTextWriterWriteString(x->w, BAD_CAST t);
	xmlTextWriterEndElement(x->w);
	g_free(t);
}

static bool
xml_norm_end(void *ctx, GError **err)
{
	struct xml_norm *x = ctx;

	xmlTextWriterEndElement(x->w);
	bool ok = writer_end(x->w, x->out, err);
	g_free(x);
	return ok;
}

const struct printer printer_xml = {
	.stats = xml_stats,
	.accesses = xml_accesses,
	.norm_begin = xml_norm_begin,
	.norm_line = xml_norm_line,
	.norm_end = xml_norm_end,
};
