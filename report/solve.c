/*
 * solve.c: printing set equations and their fingerprints (tracemine
 * solve) as text, TSV, JSON (json-glib) and XML (libxml2), one operation
 * per label in the order solved, each fingerprint sorted by access.
 * Trace names come from file names and are escaped as strace escapes
 * bytes; labels are words (trace/labels.h) and accesses are already
 * escaped by normalisation.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

/* One step of an equation: the first trace, an intersection, a difference. */
struct step {
	const char *op;		/* "first", "intersect", "subtract" */
	guint trace;
	uint64_t accesses;
	GArray *labels;		/* the algebra after it */
};

static const char *
trace_name(const struct labels *lab, guint t)
{
	return labels_trace_name(lab, t);
}

/* The steps of eq, in the order the fingerprint was computed. */
static GArray *
steps_of(const struct solve_matrix *m, const struct solve_equation *eq,
    const struct solve_fingerprint *fp)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct step));
	unsigned ni = eq->intersect->len, ns = eq->subtract->len;
	const guint *in = (const guint *)(void *)eq->intersect->data;
	const guint *sub = (const guint *)(void *)eq->subtract->data;

	for (unsigned k = 0; k < ni + ns; k++) {
		struct step s = {
			.op = k == 0 ? "first" : k < ni ? "intersect" :
			    "subtract",
			.trace = k < ni ? in[k] : sub[k - ni],
			.accesses = k < fp->steps->len ?
			    g_array_index(fp->steps, uint64_t, k) : 0,
			.labels = solve_algebra(m, in, MIN(k + 1, ni), sub,
			    k < ni ? 0 : k + 1 - ni),
		};
		g_array_append_val(v, s);
	}
	return v;
}

static void
steps_free(GArray *v)
{
	for (unsigned i = 0; i < v->len; i++)
		g_array_free(g_array_index(v, struct step, i).labels, TRUE);
	g_array_free(v, TRUE);
}

/* "Create Map" of a GArray of guint labels. */
static void
append_labels(GString *o, const struct labels *lab, const GArray *a,
    const char *sep)
{
	for (unsigned i = 0; i < a->len; i++)
		g_string_append_printf(o, "%s%s", i ? sep : "",
		    labels_label(lab, g_array_index(a, guint, i)));
}

/* "Create = open_xterm & open_browser - move_xterm" (transfer full). */
static char *
equation_text(const struct labels *lab, const struct solve_equation *eq)
{
	GString *o = g_string_new(labels_label(lab, eq->label));

	g_string_append(o, eq->exact ? " =" : " ~");
	for (unsigned k = 0; k < eq->intersect->len; k++) {
		char *n = escape_name(trace_name(lab, g_array_index(
		    eq->intersect, guint, k)));
		g_string_append_printf(o, "%s %s", k ? " &" : "", n);
		g_free(n);
	}
	for (unsigned k = 0; k < eq->subtract->len; k++) {
		char *n = escape_name(trace_name(lab, g_array_index(
		    eq->subtract, guint, k)));
		g_string_append_printf(o, " - %s", n);
		g_free(n);
	}
	return g_string_free(o, FALSE);
}

/*
 * The equation for people: at most EQ_NAMES traces of each side by name,
 * then how many more ("& 3 more"); --explain and the other formats name
 * them all (transfer full).
 */
#define EQ_NAMES	4

static char *
equation_short(const struct labels *lab, const struct solve_equation *eq)
{
	GString *o = g_string_new(labels_label(lab, eq->label));
	const GArray *side[2] = { eq->intersect, eq->subtract };

	g_string_append(o, eq->exact ? " =" : " ~");
	for (unsigned s = 0; s < 2; s++) {
		const char *op = s == 0 ? " &" : " -";

		for (unsigned k = 0; k < side[s]->len && k < EQ_NAMES; k++) {
			char *n = escape_name(trace_name(lab, g_array_index(
			    side[s], guint, k)));
			g_string_append_printf(o, "%s %s", s == 0 && k == 0 ?
			    "" : op, n);
			g_free(n);
		}
		if (side[s]->len > EQ_NAMES)
			g_string_append_printf(o, "%s %u more", op,
			    side[s]->len - EQ_NAMES);
	}
	return g_string_free(o, FALSE);
}

/* What the status means for this label, in a sentence. */
static void
append_verdict(GString *o, const struct labels *lab,
    const struct solve_verdict *v, const struct solve_fingerprint *fp)
{
	g_string_append(o, solve_status_name(v->status));
	switch (v->status) {
	case SOLVE_EXACT:
		g_string_append_printf(o, ": %zu access%s made only by the "
		    "traces with the label", access_set_size(fp->accesses),
		    access_set_size(fp->accesses) == 1 ? "" : "es");
		break;
	case SOLVE_INPUT_ONLY:
		g_string_append(o, ": what is left is the experiment's input "
		    "(the arguments of execve), not the operation");
		break;
	case SOLVE_INSEPARABLE:
		g_string_append(o, " from ");
		append_labels(o, lab, v->labels, " ");
		g_string_append(o, ": in the same traces, so no equation "
		    "separates them");
		break;
	case SOLVE_INDISTINGUISHABLE:
		g_string_append(o, " from ");
		append_labels(o, lab, v->labels, " ");
		g_string_append_printf(o, ": every trace of theirs makes the %"
		    PRIu64 " access%s its traces share beyond the baseline",
		    v->beyond, v->beyond == 1 ? "" : "es");
		break;
	case SOLVE_EMPTY:
		if (v->labels->len == 0) {
			g_string_append_printf(o, ": of the %" PRIu64 " access%s"
			    " its traces share, none is beyond the baseline "
			    "(traces with no label, and what every trace "
			    "makes)", v->shared, v->shared == 1 ? "" : "es");
			break;
		}
		g_string_append_printf(o, ": each of the %" PRIu64 " access%s"
		    " its traces share beyond the baseline is made by traces "
		    "of ", v->beyond, v->beyond == 1 ? "" : "es");
		append_labels(o, lab, v->labels, " ");
		break;
	}
}

static void
text_one(GString *o, const struct labels *lab, const struct solve_matrix *m,
    const struct solve_equation *eq, const struct solve_fingerprint *fp,
    const struct solve_verdict *vd, bool explain)
{
	char *e = explain ? equation_text(lab, eq) : equation_short(lab, eq);

	g_string_append_printf(o, "%s\n  labels ", e);
	g_free(e);
	append_labels(o, lab, eq->algebra, " ");
	g_string_append(o, "\n  status ");
	append_verdict(o, lab, vd, fp);
	g_string_append_c(o, '\n');
	if (eq->narrowed)
		g_string_append_printf(o, "  traces %u: the fewest (%u%s) and "
		    "every other that keeps the labels\n",
		    solve_equation_size(eq), eq->fewest, eq->minimal ? "" :
		    ", not proven");
	else if (eq->minimal)
		g_string_append_printf(o, "  traces %u, the fewest\n",
		    solve_equation_size(eq));
	else
		g_string_append_printf(o, "  traces %u, the fewest found in "
		    "%" PRIu64 " search nodes (not proven)\n",
		    solve_equation_size(eq), eq->nodes);
	g_string_append(o, "  accesses ");
	if (fp->whole > 0)
		g_string_append_printf(o, "%" PRIu64 " in the whole traces, %"
		    PRIu64 " in the parts marked, ", fp->whole, fp->raw);
	else
		g_string_append_printf(o, "%" PRIu64 " raw, ", fp->raw);
	g_string_append_printf(o, "%" PRIu64 " after intersections, %" PRIu64
	    " after differences\n", fp->intersected, fp->differenced);
	if (explain) {
		GArray *st = steps_of(m, eq, fp);
		for (unsigned k = 0; k < st->len; k++) {
			const struct step *s = &g_array_index(st, struct step,
			    k);
			char *n = escape_name(trace_name(lab, s->trace));
			g_string_append_printf(o, "  step %s%s: %" PRIu64
			    " accesses, labels ", k == 0 ? "" :
			    strcmp(s->op, "intersect") == 0 ? "& " : "- ", n,
			    s->accesses);
			g_free(n);
			append_labels(o, lab, s->labels, " ");
			if (k > 0) {
				/* What this step took away. */
				const GArray *before = g_array_index(st,
				    struct step, k - 1).labels;
				GString *gone = g_string_new(NULL);
				for (unsigned i = 0, j = 0; i < before->len;
				    i++) {
					guint x = g_array_index(before, guint, i);
					while (j < s->labels->len &&
					    g_array_index(s->labels, guint, j) < x)
						j++;
					if (j < s->labels->len &&
					    g_array_index(s->labels, guint, j) == x)
						continue;
					g_string_append_printf(gone, " %s",
					    labels_label(lab, x));
				}
				if (gone->len > 0)
					g_string_append_printf(o, " (removes%s)",
					    gone->str);
				g_string_free(gone, TRUE);
			}
			g_string_append_c(o, '\n');
		}
		steps_free(st);
	}
	GArray *v = access_set_sorted(fp->accesses);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(fp->accesses, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		char *f = escape_name(a->file);
		g_string_append_c(o, '\t');
		g_string_append_len(o, a->text, a->len);
		g_string_append_printf(o, "\t%s:%" PRIu64 "\n", f, a->line);
		g_free(f);
	}
	g_array_free(v, TRUE);
}

/* The summary's last column: the accesses, or who stands in the way. */
static char *
summary_detail(const struct labels *lab, const struct solve_verdict *v,
    const struct solve_fingerprint *fp)
{
	GString *o = g_string_new(NULL);

	switch (v->status) {
	case SOLVE_EXACT:
	case SOLVE_INPUT_ONLY: {
		GArray *a = access_set_sorted(fp->accesses);

		for (unsigned i = 0; i < a->len; i++) {
			struct access x_buf;

			access_set_nth(fp->accesses, g_array_index(a, guint, i), &x_buf);
			const struct access *x = &x_buf;

			if (i > 0)
				g_string_append(o, "; ");
			g_string_append_len(o, x->text, x->len);
		}
		g_array_free(a, TRUE);
		break;
	}
	case SOLVE_INSEPARABLE:
		g_string_append(o, "always with ");
		append_labels(o, lab, v->labels, " ");
		break;
	case SOLVE_INDISTINGUISHABLE:
		g_string_append(o, "does what these do: ");
		append_labels(o, lab, v->labels, " ");
		break;
	case SOLVE_EMPTY:
		if (v->labels->len == 0) {
			g_string_append(o, "nothing beyond the baseline");
			break;
		}
		g_string_append(o, "covered by ");
		append_labels(o, lab, v->labels, " ");
		break;
	}
	return g_string_free(o, FALSE);
}

/*
 * The summary: one line per label, its status, the traces of its equation
 * (intersected+subtracted), the accesses raw, after the intersections and
 * at the end, and the fingerprint or what stands in the way; columns
 * aligned, lines cut to width (0: not cut).
 */
static void
text_summary(GString *o, const struct labels *lab,
    struct solve_equation *const *eqs, struct solve_fingerprint *const *fps,
    struct solve_verdict *const *verdicts, unsigned n, unsigned width)
{
	enum { NCOL = 7 };
	static const char *const head[NCOL] = { "label", "status", "traces",
	    "raw", "shared", "left", "fingerprint" };
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	size_t w[NCOL];

	for (unsigned c = 0; c < NCOL; c++) {
		g_ptr_array_add(cells, g_strdup(head[c]));
		w[c] = strlen(head[c]);
	}
	for (unsigned i = 0; i < n; i++) {
		const struct solve_equation *eq = eqs[i];
		const struct solve_fingerprint *fp = fps[i];
		char *row[NCOL] = {
			g_strdup(labels_label(lab, eq->label)),
			g_strdup(solve_status_name(verdicts[i]->status)),
			g_strdup_printf("%u+%u", eq->intersect->len,
			    eq->subtract->len),
			g_strdup_printf("%" PRIu64, fp->raw),
			g_strdup_printf("%" PRIu64, fp->intersected),
			g_strdup_printf("%" PRIu64, fp->differenced),
			summary_detail(lab, verdicts[i], fp),
		};

		for (unsigned c = 0; c < NCOL; c++) {
			if (c < NCOL - 1)
				w[c] = MAX(w[c], strlen(row[c]));
			g_ptr_array_add(cells, row[c]);
		}
	}
	for (unsigned r = 0; r <= n; r++) {
		GString *line = g_string_new(NULL);

		for (unsigned c = 0; c < NCOL; c++) {
			const char *cell = cells->pdata[r * NCOL + c];
			bool num = c >= 3 && c <= 5;

			if (c == NCOL - 1) {
				g_string_append(line, cell);
				break;
			}
			g_string_append_printf(line, num ? "%*s  " : "%-*s  ",
			    (int)w[c], cell);
		}
		if (width > 3 && line->len > width) {
			g_string_truncate(line, width - 3);
			/* never cut a UTF-8 sequence in two */
			while (line->len > 0 && ((unsigned char)line->str[
			    line->len - 1] & 0xc0) == 0x80)
				g_string_truncate(line, line->len - 1);
			if (line->len > 0 && (unsigned char)line->str[
			    line->len - 1] >= 0xc0)
				g_string_truncate(line, line->len - 1);
			g_string_append(line, "...");
		}
		while (line->len > 0 && line->str[line->len - 1] == ' ')
			g_string_truncate(line, line->len - 1);
		g_string_append_len(o, line->str, line->len);
		g_string_append_c(o, '\n');
		g_string_free(line, TRUE);
	}
	g_ptr_array_free(cells, TRUE);
}

static void
tsv_one(GString *o, const struct labels *lab, const struct solve_equation *eq,
    const struct solve_fingerprint *fp, const struct solve_verdict *vd)
{
	char *e = equation_text(lab, eq);
	GString *who = g_string_new(NULL);

	append_labels(who, lab, vd->labels, " ");
	char *head = g_strdup_printf("%s\t%s\t%s\t%s\t%s\t%u\t%s\t%" PRIu64
	    "\t%" PRIu64 "\t%" PRIu64, labels_label(lab, eq->label),
	    solve_status_name(vd->status), who->str,
	    eq->exact ? "yes" : "no", eq->minimal ? "yes" : "no",
	    solve_equation_size(eq), e, fp->raw, fp->intersected,
	    fp->differenced);
	GArray *v = access_set_sorted(fp->accesses);

	if (v->len == 0)
		g_string_append_printf(o, "%s\t\t\t\n", head);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(fp->accesses, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		char *f = escape_name(a->file);
		g_string_append_printf(o, "%s\t", head);
		g_string_append_len(o, a->text, a->len);
		g_string_append_printf(o, "\t%s\t%" PRIu64 "\n", f, a->line);
		g_free(f);
	}
	g_array_free(v, TRUE);
	g_free(head);
	g_free(e);
	g_string_free(who, TRUE);
}

static void
json_string(JsonBuilder *b, const char *key, const char *v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, v);
}

static void
json_escaped(JsonBuilder *b, const char *key, const char *v)
{
	char *s = escape_name(v);

	json_string(b, key, s);
	g_free(s);
}

static void
json_int(JsonBuilder *b, const char *key, uint64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, (gint64)v);
}

static void
json_labels(JsonBuilder *b, const char *key, const struct labels *lab,
    const GArray *a)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (unsigned i = 0; i < a->len; i++)
		json_builder_add_string_value(b, labels_label(lab,
		    g_array_index(a, guint, i)));
	json_builder_end_array(b);
}

static void
json_traces(JsonBuilder *b, const char *key, const struct labels *lab,
    const GArray *a)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (unsigned i = 0; i < a->len; i++) {
		guint t = g_array_index(a, guint, i);
		json_builder_begin_object(b);
		json_escaped(b, "trace", trace_name(lab, t));
		json_escaped(b, "path", labels_trace_path(lab, t));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
json_one(JsonBuilder *b, const struct labels *lab,
    const struct solve_matrix *m, const struct solve_equation *eq,
    const struct solve_fingerprint *fp, const struct solve_verdict *vd)
{
	char *e = equation_text(lab, eq);

	json_builder_begin_object(b);
	json_string(b, "label", labels_label(lab, eq->label));
	json_string(b, "status", solve_status_name(vd->status));
	json_labels(b, "status_labels", lab, vd->labels);
	json_string(b, "equation", e);
	g_free(e);
	json_builder_set_member_name(b, "exact");
	json_builder_add_boolean_value(b, eq->exact);
	json_builder_set_member_name(b, "minimal");
	json_builder_add_boolean_value(b, eq->minimal);
	json_int(b, "traces", solve_equation_size(eq));
	json_traces(b, "intersect", lab, eq->intersect);
	json_traces(b, "subtract", lab, eq->subtract);
	json_labels(b, "labels", lab, eq->algebra);
	json_labels(b, "inseparable", lab, eq->inseparable);
	json_builder_set_member_name(b, "reduction");
	json_builder_begin_object(b);
	if (fp->whole > 0)
		json_int(b, "whole", fp->whole);
	json_int(b, "raw", fp->raw);
	json_int(b, "intersected", fp->intersected);
	json_int(b, "differenced", fp->differenced);
	json_int(b, "shared", vd->shared);
	json_int(b, "beyond_baseline", vd->beyond);
	json_builder_end_object(b);
	GArray *st = steps_of(m, eq, fp);
	json_builder_set_member_name(b, "steps");
	json_builder_begin_array(b);
	for (unsigned k = 0; k < st->len; k++) {
		const struct step *s = &g_array_index(st, struct step, k);
		json_builder_begin_object(b);
		json_string(b, "op", s->op);
		json_escaped(b, "trace", trace_name(lab, s->trace));
		json_int(b, "accesses", s->accesses);
		json_labels(b, "labels", lab, s->labels);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	steps_free(st);
	GArray *v = access_set_sorted(fp->accesses);
	json_builder_set_member_name(b, "fingerprint");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(fp->accesses, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		json_builder_begin_object(b);
		json_string(b, "access", a->text);
		json_int(b, "count", a->count);
		json_escaped(b, "file", a->file);
		json_int(b, "line", a->line);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	g_array_free(v, TRUE);
	json_builder_end_object(b);
}

static void
xml_attr_escaped(xmlTextWriterPtr w, const char *name, const char *v)
{
	char *s = escape_name(v);

	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST s);
	g_free(s);
}

static void
xml_u64(xmlTextWriterPtr w, const char *name, uint64_t v)
{
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%" PRIu64, v);
}

static void
xml_labels(xmlTextWriterPtr w, const char *elem, const struct labels *lab,
    const GArray *a)
{
	for (unsigned i = 0; i < a->len; i++) {
		xmlTextWriterStartElement(w, BAD_CAST elem);
		xmlTextWriterWriteAttribute(w, BAD_CAST "label", BAD_CAST
		    labels_label(lab, g_array_index(a, guint, i)));
		xmlTextWriterEndElement(w);
	}
}

static void
xml_traces(xmlTextWriterPtr w, const char *elem, const struct labels *lab,
    const GArray *a)
{
	for (unsigned i = 0; i < a->len; i++) {
		guint t = g_array_index(a, guint, i);
		xmlTextWriterStartElement(w, BAD_CAST elem);
		xml_attr_escaped(w, "trace", trace_name(lab, t));
		xml_attr_escaped(w, "path", labels_trace_path(lab, t));
		xmlTextWriterEndElement(w);
	}
}

static void
xml_one(xmlTextWriterPtr w, const struct labels *lab,
    const struct solve_matrix *m, const struct solve_equation *eq,
    const struct solve_fingerprint *fp, const struct solve_verdict *vd)
{
	char *e = equation_text(lab, eq);
	GString *ls = g_string_new(NULL);

	xmlTextWriterStartElement(w, BAD_CAST "operation");
	xmlTextWriterWriteAttribute(w, BAD_CAST "label",
	    BAD_CAST labels_label(lab, eq->label));
	xmlTextWriterWriteAttribute(w, BAD_CAST "status",
	    BAD_CAST solve_status_name(vd->status));
	xmlTextWriterWriteAttribute(w, BAD_CAST "exact",
	    BAD_CAST (eq->exact ? "true" : "false"));
	xmlTextWriterWriteAttribute(w, BAD_CAST "minimal",
	    BAD_CAST (eq->minimal ? "true" : "false"));
	xml_u64(w, "traces", solve_equation_size(eq));
	xmlTextWriterWriteElement(w, BAD_CAST "equation", BAD_CAST e);
	g_free(e);
	xml_traces(w, "intersect", lab, eq->intersect);
	xml_traces(w, "subtract", lab, eq->subtract);
	xml_labels(w, "yields", lab, eq->algebra);
	xml_labels(w, "inseparable", lab, eq->inseparable);
	xml_labels(w, "status-label", lab, vd->labels);
	xmlTextWriterStartElement(w, BAD_CAST "reduction");
	if (fp->whole > 0)
		xml_u64(w, "whole", fp->whole);
	xml_u64(w, "raw", fp->raw);
	xml_u64(w, "intersected", fp->intersected);
	xml_u64(w, "differenced", fp->differenced);
	xml_u64(w, "shared", vd->shared);
	xml_u64(w, "beyond-baseline", vd->beyond);
	xmlTextWriterEndElement(w);
	GArray *st = steps_of(m, eq, fp);
	for (unsigned k = 0; k < st->len; k++) {
		const struct step *s = &g_array_index(st, struct step, k);
		xmlTextWriterStartElement(w, BAD_CAST "step");
		xmlTextWriterWriteAttribute(w, BAD_CAST "op", BAD_CAST s->op);
		xml_attr_escaped(w, "trace", trace_name(lab, s->trace));
		xml_u64(w, "accesses", s->accesses);
		g_string_truncate(ls, 0);
		append_labels(ls, lab, s->labels, " ");
		xmlTextWriterWriteAttribute(w, BAD_CAST "labels",
		    BAD_CAST ls->str);
		xmlTextWriterEndElement(w);
	}
	steps_free(st);
	g_string_free(ls, TRUE);
	GArray *v = access_set_sorted(fp->accesses);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(fp->accesses, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		xmlTextWriterStartElement(w, BAD_CAST "access");
		xml_u64(w, "count", a->count);
		xml_attr_escaped(w, "file", a->file);
		xml_u64(w, "line", a->line);
		xmlTextWriterWriteString(w, BAD_CAST a->text);
		xmlTextWriterEndElement(w);
	}
	g_array_free(v, TRUE);
	xmlTextWriterEndElement(w);
}

/* "# options: W W" and a newline, when there are options, in text and
 * TSV (fingerprints_options() reads it back). */
static void
options_line(GString *o, const char *const *options)
{
	if (options == NULL || options[0] == NULL)
		return;
	g_string_append(o, "# options:");
	for (const char *const *w = options; *w != NULL; w++) {
		char *e = fingerprints_option_escape(*w);
		g_string_append_printf(o, " %s", e);
		g_free(e);
	}
	g_string_append_c(o, '\n');
}

bool
report_solve(FILE *out, const struct labels *lab,
    const struct solve_matrix *m, struct solve_equation *const *eqs,
    struct solve_fingerprint *const *fps,
    struct solve_verdict *const *verdicts, unsigned n,
    const struct report_solve_opts *opts, enum report_fmt fmt,
    GError **err)
{
	static const struct report_solve_opts defaults;
	GString *o = g_string_new(NULL);
	const char *const *options;

	if (opts == NULL)
		opts = &defaults;
	options = opts->options;
	if (fmt != REPORT_JSON && fmt != REPORT_XML)
		options_line(o, options);
	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (unsigned i = 0; i < n && !opts->summary; i++) {
			text_one(o, lab, m, eqs[i], fps[i], verdicts[i],
			    opts->explain);
			g_string_append_c(o, '\n');
		}
		text_summary(o, lab, eqs, fps, verdicts, n, opts->width);
		break;
	case REPORT_TSV:
		g_string_append(o, "label\tstatus\tstatus_labels\texact\t"
		    "minimal\ttraces\tequation\traw\tintersected\t"
		    "differenced\taccess\tfile\tline\n");
		for (unsigned i = 0; i < n; i++)
			tsv_one(o, lab, eqs[i], fps[i], verdicts[i]);
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		json_builder_begin_object(b);
		json_escaped(b, "file", labels_file(lab));
		json_builder_set_member_name(b, "options");
		json_builder_begin_array(b);
		for (const char *const *w = options; w != NULL && *w != NULL;
		    w++) {
			char *e = fingerprints_option_escape(*w);
			json_builder_add_string_value(b, e);
			g_free(e);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "operations");
		json_builder_begin_array(b);
		for (unsigned i = 0; i < n; i++)
			json_one(b, lab, m, eqs[i], fps[i], verdicts[i]);
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

		report_xml_begin(&x);
		xmlTextWriterStartElement(x.w, BAD_CAST "fingerprints");
		xml_attr_escaped(x.w, "file", labels_file(lab));
		for (const char *const *w = options; w != NULL && *w != NULL;
		    w++) {
			char *e = fingerprints_option_escape(*w);
			xmlTextWriterWriteElement(x.w, BAD_CAST "option",
			    BAD_CAST e);
			g_free(e);
		}
		for (unsigned i = 0; i < n; i++)
			xml_one(x.w, lab, m, eqs[i], fps[i], verdicts[i]);
		xmlTextWriterEndElement(x.w);
		report_xml_end(&x, o);
		break;
	}
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
