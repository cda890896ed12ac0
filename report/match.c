/*
 * match.c: printing which operations a trace performs (tracemine match)
 * as text, TSV, JSON (json-glib) and XML (libxml2), in the order of the
 * fingerprints file, each access with every place it occurred, in the
 * trace's order.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

static const char *
verdict(const struct match_op *op)
{
	return op->performed ? "performed" : "not performed";
}

static void
text_where(GString *o, const struct match_access *a)
{
	if (a->where->len == 0) {
		g_string_append_c(o, '-');
		return;
	}
	for (unsigned k = 0; k < a->where->len; k++) {
		const struct match_where *w = &g_array_index(a->where,
		    struct match_where, k);
		char *f = escape_name(w->file);
		g_string_append_printf(o, "%s%s:%" PRIu64, k ? " " : "", f,
		    w->line);
		g_free(f);
	}
}

bool
report_match(FILE *out, const char *trace, const GPtrArray *ops,
    enum report_fmt fmt, GError **err)
{
	GString *o = g_string_new(NULL);
	char *tname = escape_name(trace);

	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (unsigned i = 0; i < ops->len; i++) {
			const struct match_op *op = ops->pdata[i];
			g_string_append_printf(o, "%s %s: %u of %u accesses%s\n",
			    op->label, verdict(op), op->found,
			    op->accesses->len, op->exact ? "" :
			    " (the fingerprint of an inexact equation)");
			for (unsigned k = 0; k < op->accesses->len; k++) {
				const struct match_access *a =
				    op->accesses->pdata[k];
				g_string_append_printf(o, "\t%s\t", a->text);
				text_where(o, a);
				g_string_append_c(o, '\n');
			}
		}
		break;
	case REPORT_TSV:
		g_string_append(o, "label\tperformed\tfound\ttotal\taccess\t"
		    "file\tline\n");
		for (unsigned i = 0; i < ops->len; i++) {
			const struct match_op *op = ops->pdata[i];
			char *head = g_strdup_printf("%s\t%s\t%u\t%u",
			    op->label, op->performed ? "yes" : "no",
			    op->found, op->accesses->len);
			if (op->accesses->len == 0)
				g_string_append_printf(o, "%s\t\t\t\n", head);
			for (unsigned k = 0; k < op->accesses->len; k++) {
				const struct match_access *a =
				    op->accesses->pdata[k];
				if (a->where->len == 0)
					g_string_append_printf(o, "%s\t%s\t\t\n",
					    head, a->text);
				for (unsigned q = 0; q < a->where->len; q++) {
					const struct match_where *w =
					    &g_array_index(a->where,
					    struct match_where, q);
					char *f = escape_name(w->file);
					g_string_append_printf(o, "%s\t%s\t%s\t%"
					    PRIu64 "\n", head, a->text, f,
					    w->line);
					g_free(f);
				}
			}
			g_free(head);
		}
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "trace");
		json_builder_add_string_value(b, tname);
		json_builder_set_member_name(b, "operations");
		json_builder_begin_array(b);
		for (unsigned i = 0; i < ops->len; i++) {
			const struct match_op *op = ops->pdata[i];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "label");
			json_builder_add_string_value(b, op->label);
			json_builder_set_member_name(b, "exact");
			json_builder_add_boolean_value(b, op->exact);
			json_builder_set_member_name(b, "performed");
			json_builder_add_boolean_value(b, op->performed);
			json_builder_set_member_name(b, "found");
			json_builder_add_int_value(b, op->found);
			json_builder_set_member_name(b, "total");
			json_builder_add_int_value(b, op->accesses->len);
			json_builder_set_member_name(b, "accesses");
			json_builder_begin_array(b);
			for (unsigned k = 0; k < op->accesses->len; k++) {
				const struct match_access *a =
				    op->accesses->pdata[k];
				json_builder_begin_object(b);
				json_builder_set_member_name(b, "access");
				json_builder_add_string_value(b, a->text);
				json_builder_set_member_name(b, "where");
				json_builder_begin_array(b);
				for (unsigned q = 0; q < a->where->len; q++) {
					const struct match_where *w =
					    &g_array_index(a->where,
					    struct match_where, q);
					char *f = escape_name(w->file);
					json_builder_begin_object(b);
					json_builder_set_member_name(b, "file");
					json_builder_add_string_value(b, f);
					json_builder_set_member_name(b, "line");
					json_builder_add_int_value(b,
					    (gint64)w->line);
					json_builder_end_object(b);
					g_free(f);
				}
				json_builder_end_array(b);
				json_builder_end_object(b);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		char *s = report_json_text(b);
		g_string_append(o, s);
		g_string_append_c(o, '\n');
		g_free(s);
		g_object_unref(b);
		break;
	}
	case REPORT_XML: {
		struct report_xml x;
		xmlTextWriterPtr w;

		report_xml_begin(&x);
		w = x.w;
		xmlTextWriterStartElement(w, BAD_CAST "matches");
		xmlTextWriterWriteAttribute(w, BAD_CAST "trace",
		    BAD_CAST tname);
		for (unsigned i = 0; i < ops->len; i++) {
			const struct match_op *op = ops->pdata[i];
			xmlTextWriterStartElement(w, BAD_CAST "operation");
			xmlTextWriterWriteAttribute(w, BAD_CAST "label",
			    BAD_CAST op->label);
			xmlTextWriterWriteAttribute(w, BAD_CAST "exact",
			    BAD_CAST (op->exact ? "true" : "false"));
			xmlTextWriterWriteAttribute(w, BAD_CAST "performed",
			    BAD_CAST (op->performed ? "true" : "false"));
			xmlTextWriterWriteFormatAttribute(w, BAD_CAST "found",
			    "%u", op->found);
			xmlTextWriterWriteFormatAttribute(w, BAD_CAST "total",
			    "%u", op->accesses->len);
			for (unsigned k = 0; k < op->accesses->len; k++) {
				const struct match_access *a =
				    op->accesses->pdata[k];
				xmlTextWriterStartElement(w, BAD_CAST "access");
				xmlTextWriterWriteAttribute(w, BAD_CAST "text",
				    BAD_CAST a->text);
				for (unsigned q = 0; q < a->where->len; q++) {
					const struct match_where *wh =
					    &g_array_index(a->where,
					    struct match_where, q);
					char *f = escape_name(wh->file);
					xmlTextWriterStartElement(w,
					    BAD_CAST "at");
					xmlTextWriterWriteAttribute(w,
					    BAD_CAST "file", BAD_CAST f);
					xmlTextWriterWriteFormatAttribute(w,
					    BAD_CAST "line", "%" PRIu64,
					    wh->line);
					xmlTextWriterEndElement(w);
					g_free(f);
				}
				xmlTextWriterEndElement(w);
			}
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
		report_xml_end(&x, o);
		break;
	}
	}
	g_free(tname);
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
