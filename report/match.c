/*
 * match.c: printing which operations traces perform (tracemine match) as
 * text, TSV, JSON (json-glib) and XML (libxml2): per trace in the order
 * given, per operation in the order of the fingerprints file, each access
 * with every place it occurred, in the trace's order; then, when the
 * traces were labelled, the score: precision, recall, and each label's
 * true and false positives and negatives.
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

/* "0.75", or "-" when undefined (tsv: ""). */
static void
ratio(GString *o, double v, const char *none)
{
	if (v < 0)
		g_string_append(o, none);
	else
		g_string_append_printf(o, "%.2f", v);
}

/* The labels trace t has in the labels file, separated by sep. */
static void
labelled(GString *o, const struct report_match_trace *t, const char *sep)
{
	bool first = true;

	for (unsigned j = 0; j < labels_n_labels(t->lab); j++)
		if (labels_has(t->lab, t->index, j)) {
			g_string_append_printf(o, "%s%s", first ? "" : sep,
			    labels_label(t->lab, j));
			first = false;
		}
	if (first)
		g_string_append(o, "nothing");
}

static void
text_trace(GString *o, const struct report_match_trace *t)
{
	char *name = escape_name(t->name);
	bool any = false;

	g_string_append_printf(o, "trace %s:", name);
	g_free(name);
	for (unsigned i = 0; i < t->ops->len; i++) {
		const struct match_op *op = t->ops->pdata[i];
		if (op->performed) {
			g_string_append_printf(o, " %s", op->label);
			any = true;
		}
	}
	if (!any)
		g_string_append(o, " nothing");
	if (t->lab != NULL) {
		g_string_append(o, " (labelled ");
		labelled(o, t, " ");
		g_string_append_c(o, ')');
	}
	g_string_append_c(o, '\n');
	for (unsigned i = 0; i < t->ops->len; i++) {
		const struct match_op *op = t->ops->pdata[i];
		g_string_append_printf(o, "%s %s: %u of %u accesses (fraction "
		    "%.2f)", op->label, verdict(op), op->found,
		    op->accesses->len, op->fraction);
		if (op->status != NULL && strcmp(op->status, "exact") != 0)
			g_string_append_printf(o, " (solve said: %s)",
			    op->status);
		else if (!op->exact)
			g_string_append(o, " (the fingerprint of an inexact "
			    "equation)");
		g_string_append_c(o, '\n');
		for (unsigned k = 0; k < op->accesses->len; k++) {
			const struct match_access *a = op->accesses->pdata[k];
			g_string_append_printf(o, "\t%s\t", a->text);
			text_where(o, a);
			g_string_append_c(o, '\n');
		}
	}
}

static void
text_names(GString *o, const char *what, const GPtrArray *v)
{
	if (v->len == 0)
		return;
	g_string_append_printf(o, "; %s", what);
	for (unsigned i = 0; i < v->len; i++) {
		char *n = escape_name(v->pdata[i]);
		g_string_append_printf(o, " %s", n);
		g_free(n);
	}
}

static void
text_score(GString *o, const struct match_score *s, double min_fraction)
{
	struct match_confusion sum;
	const GPtrArray *ls = match_score_labels(s);
	const GPtrArray *un = match_score_unscored(s);

	match_score_total(s, &sum);
	g_string_append(o, "score: precision ");
	ratio(o, match_precision(&sum), "-");
	g_string_append_printf(o, " (%u of %u performed), recall ", sum.tp,
	    sum.tp + sum.fp);
	ratio(o, match_recall(&sum), "-");
	g_string_append_printf(o, " (%u of %u labelled), at a fraction of "
	    "%.2f\n", sum.tp, sum.tp + sum.fn, min_fraction);
	for (unsigned k = 0; k < ls->len; k++) {
		const struct match_confusion *c = ls->pdata[k];
		g_string_append_printf(o, "label %s: tp %u, fp %u, fn %u, tn "
		    "%u; precision ", c->label, c->tp, c->fp, c->fn, c->tn);
		ratio(o, match_precision(c), "-");
		g_string_append(o, ", recall ");
		ratio(o, match_recall(c), "-");
		text_names(o, "false positives", c->fp_traces);
		text_names(o, "false negatives", c->fn_traces);
		g_string_append_c(o, '\n');
	}
	if (un->len > 0) {
		g_string_append(o, "unscored (no fingerprint):");
		for (unsigned k = 0; k < un->len; k++)
			g_string_append_printf(o, " %s",
			    (const char *)un->pdata[k]);
		g_string_append_c(o, '\n');
	}
}

static void
tsv_traces(GString *o, const struct report_match_trace *t, unsigned n)
{
	g_string_append(o, "trace\tlabel\tperformed\tfound\ttotal\tfraction\t"
	    "access\tfile\tline\n");
	for (unsigned q = 0; q < n; q++) {
		char *tname = escape_name(t[q].name);
		for (unsigned i = 0; i < t[q].ops->len; i++) {
			const struct match_op *op = t[q].ops->pdata[i];
			char *head = g_strdup_printf("%s\t%s\t%s\t%u\t%u\t"
			    "%.2f", tname, op->label, op->performed ? "yes" :
			    "no", op->found, op->accesses->len,
			    op->fraction);
			if (op->accesses->len == 0)
				g_string_append_printf(o, "%s\t\t\t\n", head);
			for (unsigned k = 0; k < op->accesses->len; k++) {
				const struct match_access *a =
				    op->accesses->pdata[k];
				if (a->where->len == 0)
					g_string_append_printf(o, "%s\t%s\t\t\n",
					    head, a->text);
				for (unsigned r = 0; r < a->where->len; r++) {
					const struct match_where *w =
					    &g_array_index(a->where,
					    struct match_where, r);
					char *f = escape_name(w->file);
					g_string_append_printf(o, "%s\t%s\t%s\t%"
					    PRIu64 "\n", head, a->text, f,
					    w->line);
					g_free(f);
				}
			}
			g_free(head);
		}
		g_free(tname);
	}
}

static void
tsv_row(GString *o, const char *label, const struct match_confusion *c)
{
	g_string_append_printf(o, "%s\t%u\t%u\t%u\t%u\t", label, c->tp, c->fp,
	    c->fn, c->tn);
	ratio(o, match_precision(c), "");
	g_string_append_c(o, '\t');
	ratio(o, match_recall(c), "");
	g_string_append_c(o, '\n');
}

static void
tsv_score(GString *o, const struct match_score *s)
{
	const GPtrArray *ls = match_score_labels(s);
	struct match_confusion sum;

	g_string_append(o, "label\ttp\tfp\tfn\ttn\tprecision\trecall\n");
	for (unsigned k = 0; k < ls->len; k++) {
		const struct match_confusion *c = ls->pdata[k];
		tsv_row(o, c->label, c);
	}
	match_score_total(s, &sum);
	/* "*" is no label (a label is a word), so the row cannot clash. */
	tsv_row(o, "*", &sum);
}

static void
json_ratio(JsonBuilder *b, const char *key, double v)
{
	json_builder_set_member_name(b, key);
	if (v < 0)
		json_builder_add_null_value(b);
	else
		json_builder_add_double_value(b, v);
}

static void
json_int(JsonBuilder *b, const char *key, gint64 v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}

static void
json_counts(JsonBuilder *b, const struct match_confusion *c)
{
	json_int(b, "tp", c->tp);
	json_int(b, "fp", c->fp);
	json_int(b, "fn", c->fn);
	json_int(b, "tn", c->tn);
	json_ratio(b, "precision", match_precision(c));
	json_ratio(b, "recall", match_recall(c));
}

static void
json_names(JsonBuilder *b, const char *key, const GPtrArray *v)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (unsigned i = 0; i < v->len; i++) {
		char *n = escape_name(v->pdata[i]);
		json_builder_add_string_value(b, n);
		g_free(n);
	}
	json_builder_end_array(b);
}

static void
json_ops(JsonBuilder *b, const GPtrArray *ops)
{
	json_builder_set_member_name(b, "operations");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < ops->len; i++) {
		const struct match_op *op = ops->pdata[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "label");
		json_builder_add_string_value(b, op->label);
		json_builder_set_member_name(b, "exact");
		json_builder_add_boolean_value(b, op->exact);
		if (op->status != NULL) {
			json_builder_set_member_name(b, "status");
			json_builder_add_string_value(b, op->status);
		}
		json_builder_set_member_name(b, "performed");
		json_builder_add_boolean_value(b, op->performed);
		json_int(b, "found", op->found);
		json_int(b, "total", op->accesses->len);
		json_builder_set_member_name(b, "fraction");
		json_builder_add_double_value(b, op->fraction);
		json_builder_set_member_name(b, "accesses");
		json_builder_begin_array(b);
		for (unsigned k = 0; k < op->accesses->len; k++) {
			const struct match_access *a = op->accesses->pdata[k];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "access");
			json_builder_add_string_value(b, a->text);
			json_builder_set_member_name(b, "where");
			json_builder_begin_array(b);
			for (unsigned q = 0; q < a->where->len; q++) {
				const struct match_where *w = &g_array_index(
				    a->where, struct match_where, q);
				char *f = escape_name(w->file);
				json_builder_begin_object(b);
				json_builder_set_member_name(b, "file");
				json_builder_add_string_value(b, f);
				json_int(b, "line", (gint64)w->line);
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
}

static void
json_all(GString *o, const struct report_match_trace *t, unsigned n,
    double min_fraction, const struct match_score *s)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "min_fraction");
	json_builder_add_double_value(b, min_fraction);
	json_builder_set_member_name(b, "traces");
	json_builder_begin_array(b);
	for (unsigned q = 0; q < n; q++) {
		char *tname = escape_name(t[q].name);
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "trace");
		json_builder_add_string_value(b, tname);
		g_free(tname);
		if (t[q].lab != NULL) {
			json_builder_set_member_name(b, "labelled");
			json_builder_begin_array(b);
			for (unsigned j = 0; j < labels_n_labels(t[q].lab); j++)
				if (labels_has(t[q].lab, t[q].index, j))
					json_builder_add_string_value(b,
					    labels_label(t[q].lab, j));
			json_builder_end_array(b);
		}
		json_ops(b, t[q].ops);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	if (s != NULL) {
		struct match_confusion sum;
		const GPtrArray *ls = match_score_labels(s);
		const GPtrArray *un = match_score_unscored(s);

		match_score_total(s, &sum);
		json_builder_set_member_name(b, "score");
		json_builder_begin_object(b);
		json_counts(b, &sum);
		json_builder_set_member_name(b, "labels");
		json_builder_begin_array(b);
		for (unsigned k = 0; k < ls->len; k++) {
			const struct match_confusion *c = ls->pdata[k];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "label");
			json_builder_add_string_value(b, c->label);
			json_counts(b, c);
			json_names(b, "false_positives", c->fp_traces);
			json_names(b, "false_negatives", c->fn_traces);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "unscored");
		json_builder_begin_array(b);
		for (unsigned k = 0; k < un->len; k++)
			json_builder_add_string_value(b, un->pdata[k]);
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_object(b);
	char *str = report_json_text(b);
	g_string_append(o, str);
	g_string_append_c(o, '\n');
	g_free(str);
	g_object_unref(b);
}

static void
xml_counts(xmlTextWriterPtr w, const struct match_confusion *c)
{
	double p = match_precision(c), r = match_recall(c);

	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "tp", "%u", c->tp);
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "fp", "%u", c->fp);
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "fn", "%u", c->fn);
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "tn", "%u", c->tn);
	if (p >= 0)
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "precision",
		    "%.4f", p);
	if (r >= 0)
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "recall",
		    "%.4f", r);
}

static void
xml_names(xmlTextWriterPtr w, const char *elem, const GPtrArray *v)
{
	for (unsigned i = 0; i < v->len; i++) {
		char *n = escape_name(v->pdata[i]);
		xmlTextWriterStartElement(w, BAD_CAST elem);
		xmlTextWriterWriteAttribute(w, BAD_CAST "trace", BAD_CAST n);
		xmlTextWriterEndElement(w);
		g_free(n);
	}
}

static void
xml_ops(xmlTextWriterPtr w, const GPtrArray *ops)
{
	for (unsigned i = 0; i < ops->len; i++) {
		const struct match_op *op = ops->pdata[i];
		xmlTextWriterStartElement(w, BAD_CAST "operation");
		xmlTextWriterWriteAttribute(w, BAD_CAST "label",
		    BAD_CAST op->label);
		xmlTextWriterWriteAttribute(w, BAD_CAST "exact",
		    BAD_CAST (op->exact ? "true" : "false"));
		if (op->status != NULL)
			xmlTextWriterWriteAttribute(w, BAD_CAST "status",
			    BAD_CAST op->status);
		xmlTextWriterWriteAttribute(w, BAD_CAST "performed",
		    BAD_CAST (op->performed ? "true" : "false"));
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "found", "%u",
		    op->found);
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "total", "%u",
		    op->accesses->len);
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "fraction",
		    "%.4f", op->fraction);
		for (unsigned k = 0; k < op->accesses->len; k++) {
			const struct match_access *a = op->accesses->pdata[k];
			xmlTextWriterStartElement(w, BAD_CAST "access");
			xmlTextWriterWriteAttribute(w, BAD_CAST "text",
			    BAD_CAST a->text);
			for (unsigned q = 0; q < a->where->len; q++) {
				const struct match_where *wh = &g_array_index(
				    a->where, struct match_where, q);
				char *f = escape_name(wh->file);
				xmlTextWriterStartElement(w, BAD_CAST "at");
				xmlTextWriterWriteAttribute(w, BAD_CAST "file",
				    BAD_CAST f);
				xmlTextWriterWriteFormatAttribute(w,
				    BAD_CAST "line", "%" PRIu64, wh->line);
				xmlTextWriterEndElement(w);
				g_free(f);
			}
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
}

static void
xml_all(GString *o, const struct report_match_trace *t, unsigned n,
    double min_fraction, const struct match_score *s)
{
	struct report_xml x;
	xmlTextWriterPtr w;

	report_xml_begin(&x);
	w = x.w;
	xmlTextWriterStartElement(w, BAD_CAST "matches");
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "min-fraction", "%.4f",
	    min_fraction);
	for (unsigned q = 0; q < n; q++) {
		char *tname = escape_name(t[q].name);
		xmlTextWriterStartElement(w, BAD_CAST "trace");
		xmlTextWriterWriteAttribute(w, BAD_CAST "name",
		    BAD_CAST tname);
		g_free(tname);
		if (t[q].lab != NULL) {
			GString *l = g_string_new(NULL);
			for (unsigned j = 0; j < labels_n_labels(t[q].lab); j++)
				if (labels_has(t[q].lab, t[q].index, j))
					g_string_append_printf(l, "%s%s",
					    l->len ? " " : "",
					    labels_label(t[q].lab, j));
			xmlTextWriterWriteAttribute(w, BAD_CAST "labelled",
			    BAD_CAST l->str);
			g_string_free(l, TRUE);
		}
		xml_ops(w, t[q].ops);
		xmlTextWriterEndElement(w);
	}
	if (s != NULL) {
		struct match_confusion sum;
		const GPtrArray *ls = match_score_labels(s);
		const GPtrArray *un = match_score_unscored(s);

		match_score_total(s, &sum);
		xmlTextWriterStartElement(w, BAD_CAST "score");
		xml_counts(w, &sum);
		for (unsigned k = 0; k < ls->len; k++) {
			const struct match_confusion *c = ls->pdata[k];
			xmlTextWriterStartElement(w, BAD_CAST "label");
			xmlTextWriterWriteAttribute(w, BAD_CAST "name",
			    BAD_CAST c->label);
			xml_counts(w, c);
			xml_names(w, "false-positive", c->fp_traces);
			xml_names(w, "false-negative", c->fn_traces);
			xmlTextWriterEndElement(w);
		}
		for (unsigned k = 0; k < un->len; k++) {
			xmlTextWriterStartElement(w, BAD_CAST "unscored");
			xmlTextWriterWriteAttribute(w, BAD_CAST "label",
			    BAD_CAST un->pdata[k]);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	report_xml_end(&x, o);
}

bool
report_match(FILE *out, const struct report_match_trace *t, unsigned n,
    double min_fraction, const struct match_score *score,
    enum report_fmt fmt, GError **err)
{
	GString *o = g_string_new(NULL);

	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (unsigned q = 0; q < n; q++) {
			if (q > 0)
				g_string_append_c(o, '\n');
			text_trace(o, &t[q]);
		}
		if (score != NULL) {
			g_string_append_c(o, '\n');
			text_score(o, score, min_fraction);
		}
		break;
	case REPORT_TSV:
		if (score != NULL)
			tsv_score(o, score);
		else
			tsv_traces(o, t, n);
		break;
	case REPORT_JSON:
		json_all(o, t, n, min_fraction, score);
		break;
	case REPORT_XML:
		xml_all(o, t, n, min_fraction, score);
		break;
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
