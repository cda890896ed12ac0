/*
 * concepts.c: concept lattices (tracemine concepts) as text, JSON
 * (json-glib), XML (libxml2's writer) and DOT (a Hasse diagram built with
 * cgraph and written by agwrite()); counts; and intents as a stream of
 * lines.  Concepts are printed by number, the order fca_lattice_new()
 * gives them; every list in increasing order.  Names are the context's,
 * already safe to print (mining/concepts.h).
 */
#include <inttypes.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

typedef const char *(*name_fn)(const struct fca_context *, unsigned);

static bool
text_lattice(FILE *out, const struct fca_lattice *l, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	const uint32_t *v;
	size_t c, i, n;

	fprintf(out, "context %u objects %u attributes\n",
	    fca_context_objects(ctx), fca_context_attributes(ctx));
	fprintf(out, "lattice %zu concepts %zu edges\n", fca_lattice_size(l),
	    fca_lattice_edges(l));
	for (c = 0; c < fca_lattice_size(l); c++) {
		size_t ne, ni;

		fca_lattice_extent(l, c, &ne);
		fca_lattice_intent(l, c, &ni);
		fprintf(out, "c%zu %zu objects %zu attributes\n", c, ne, ni);
		v = fca_lattice_extent(l, c, &n);
		for (i = 0; i < n; i++)
			fprintf(out, "c%zu object %s\n", c,
			    fca_context_object_name(ctx, v[i]));
		v = fca_lattice_intent(l, c, &n);
		for (i = 0; i < n; i++)
			fprintf(out, "c%zu attribute %s\n", c,
			    fca_context_attribute_name(ctx, v[i]));
		v = fca_lattice_new_attributes(l, c, &n);
		for (i = 0; i < n; i++)
			fprintf(out, "c%zu introduces %s\n", c,
			    fca_context_attribute_name(ctx, v[i]));
		v = fca_lattice_upper(l, c, &n);
		for (i = 0; i < n; i++)
			fprintf(out, "c%zu upper c%" PRIu32 "\n", c, v[i]);
	}
	return check_stream(out, err);
}

static void
json_names(JsonBuilder *b, const char *key, const struct fca_context *ctx,
    name_fn name, const uint32_t *v, size_t n)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (size_t i = 0; i < n; i++)
		json_builder_add_string_value(b, name(ctx, v[i]));
	json_builder_end_array(b);
}

static void
json_ids(JsonBuilder *b, const char *key, const uint32_t *v, size_t n)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (size_t i = 0; i < n; i++)
		json_builder_add_int_value(b, v[i]);
	json_builder_end_array(b);
}

static bool
json_lattice(FILE *out, const struct fca_lattice *l, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	JsonBuilder *b = json_builder_new();
	const uint32_t *v;
	size_t c, n;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "objects");
	json_builder_add_int_value(b, fca_context_objects(ctx));
	json_builder_set_member_name(b, "attributes");
	json_builder_add_int_value(b, fca_context_attributes(ctx));
	json_builder_set_member_name(b, "edges");
	json_builder_add_int_value(b, (gint64)fca_lattice_edges(l));
	json_builder_set_member_name(b, "concepts");
	json_builder_begin_array(b);
	for (c = 0; c < fca_lattice_size(l); c++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, (gint64)c);
		v = fca_lattice_extent(l, c, &n);
		json_names(b, "extent", ctx, fca_context_object_name, v, n);
		v = fca_lattice_intent(l, c, &n);
		json_names(b, "intent", ctx, fca_context_attribute_name, v, n);
		v = fca_lattice_new_attributes(l, c, &n);
		json_names(b, "introduces", ctx, fca_context_attribute_name,
		    v, n);
		v = fca_lattice_new_objects(l, c, &n);
		json_names(b, "introduces_objects", ctx,
		    fca_context_object_name, v, n);
		v = fca_lattice_upper(l, c, &n);
		json_ids(b, "upper", v, n);
		v = fca_lattice_lower(l, c, &n);
		json_ids(b, "lower", v, n);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	char *s = report_json_text(b);
	fputs(s, out);
	putc('\n', out);
	g_free(s);
	g_object_unref(b);
	return check_stream(out, err);
}

static void
xml_names(xmlTextWriterPtr w, const char *elem, const struct fca_context *ctx,
    name_fn name, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		xmlTextWriterWriteElement(w, BAD_CAST elem,
		    BAD_CAST name(ctx, v[i]));
}

static bool
xml_lattice(FILE *out, const struct fca_lattice *l, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
	xmlTextWriterPtr w = xmlNewTextWriter(buf);
	const uint32_t *v;
	size_t c, i, n;

	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "lattice");
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "objects", "%u",
	    fca_context_objects(ctx));
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "attributes", "%u",
	    fca_context_attributes(ctx));
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "concepts", "%zu",
	    fca_lattice_size(l));
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST "edges", "%zu",
	    fca_lattice_edges(l));
	for (c = 0; c < fca_lattice_size(l); c++) {
		xmlTextWriterStartElement(w, BAD_CAST "concept");
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "id", "%zu", c);
		v = fca_lattice_extent(l, c, &n);
		xml_names(w, "object", ctx, fca_context_object_name, v, n);
		v = fca_lattice_intent(l, c, &n);
		xml_names(w, "attribute", ctx, fca_context_attribute_name, v,
		    n);
		v = fca_lattice_new_attributes(l, c, &n);
		xml_names(w, "introduces", ctx, fca_context_attribute_name, v,
		    n);
		v = fca_lattice_new_objects(l, c, &n);
		xml_names(w, "introduces-object", ctx, fca_context_object_name,
		    v, n);
		v = fca_lattice_upper(l, c, &n);
		for (i = 0; i < n; i++) {
			xmlTextWriterStartElement(w, BAD_CAST "upper");
			xmlTextWriterWriteFormatAttribute(w, BAD_CAST "concept",
			    "%" PRIu32, v[i]);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	return check_stream(out, err);
}

static void
dot_set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

/*
 * The Hasse diagram, with the reduced labelling of concept lattices: each
 * concept's node names the attributes it introduces (above a rule) and the
 * objects it introduces (below), one a line.  Graphviz reads backslashes in
 * labels as its own escapes, so the names' are doubled and lines are
 * broken with its "\n"; agwrite() does the quoting.
 */
static void
dot_label(GString *l, const char *name)
{
	g_string_append(l, "\\n");
	for (; *name != '\0'; name++) {
		if (*name == '\\')
			g_string_append(l, "\\\\");
		else
			g_string_append_c(l, *name);
	}
}

static bool
dot_lattice(FILE *out, const struct fca_lattice *l, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	const size_t nc = fca_lattice_size(l);
	Agraph_t *g = agopen("lattice", Agdirected, NULL);
	Agnode_t **nodes = g_new(Agnode_t *, nc + 1);
	GString *label = g_string_new(NULL);
	const uint32_t *v;
	char name[32];
	size_t c, i, n, na;

	agattr(g, AGNODE, "label", "");
	agattr(g, AGNODE, "shape", "box");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "dir", "none");
	for (c = 0; c < nc; c++) {
		g_snprintf(name, sizeof(name), "c%zu", c);
		nodes[c] = agnode(g, name, 1);
		g_string_assign(label, name);
		v = fca_lattice_new_attributes(l, c, &na);
		for (i = 0; i < na; i++)
			dot_label(label, fca_context_attribute_name(ctx, v[i]));
		v = fca_lattice_new_objects(l, c, &n);
		if (n > 0)
			g_string_append(label, "\\n--");
		for (i = 0; i < n; i++)
			dot_label(label, fca_context_object_name(ctx, v[i]));
		dot_set(nodes[c], "label", label->str);
	}
	for (c = 0; c < nc; c++) {
		v = fca_lattice_lower(l, c, &n);
		for (i = 0; i < n; i++)
			agedge(g, nodes[c], nodes[v[i]], NULL, 1);
	}
	agwrite(g, out);
	agclose(g);
	g_free(nodes);
	g_string_free(label, TRUE);
	return check_stream(out, err);
}

bool
report_lattice(FILE *out, const struct fca_lattice *l, enum report_fmt fmt,
    GError **err)
{
	switch (fmt) {
	case REPORT_TEXT:
		return text_lattice(out, l, err);
	case REPORT_JSON:
		return json_lattice(out, l, err);
	case REPORT_XML:
		return xml_lattice(out, l, err);
	case REPORT_DOT:
		return dot_lattice(out, l, err);
	case REPORT_TSV:
		break;
	}
	g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
	    "concept lattices print as text, json, xml or dot, not tsv");
	return false;
}

bool
report_concept_count(FILE *out, uint64_t n, enum report_fmt fmt,
    GError **err)
{
	if (fmt == REPORT_TEXT) {
		fprintf(out, "%" PRIu64 "\n", n);
	} else if (fmt == REPORT_JSON) {
		JsonBuilder *b = json_builder_new();

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "concepts");
		json_builder_add_int_value(b, (gint64)n);
		json_builder_end_object(b);
		char *s = report_json_text(b);
		fputs(s, out);
		putc('\n', out);
		g_free(s);
		g_object_unref(b);
	} else if (fmt == REPORT_XML) {
		xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
		xmlTextWriterPtr w = xmlNewTextWriter(buf);

		xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(w, BAD_CAST "lattice");
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "concepts",
		    "%" PRIu64, n);
		xmlTextWriterEndElement(w);
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
	} else {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
		    "a count prints as text, json or xml");
		return false;
	}
	return check_stream(out, err);
}

/*
 * Intents as lines: each attribute's name and a tab are made once, and a
 * line is built in one buffer and written with one fwrite().
 */
struct report_intents {
	FILE *out;
	size_t m;
	const char **names;
	size_t *lens;
	GString *line;
};

struct report_intents *
report_intents_begin(FILE *out, const struct fca_context *ctx)
{
	struct report_intents *ri = g_new0(struct report_intents, 1);

	ri->out = out;
	ri->m = fca_context_attributes(ctx);
	ri->names = g_new(const char *, ri->m + 1);
	ri->lens = g_new(size_t, ri->m + 1);
	for (size_t a = 0; a < ri->m; a++) {
		ri->names[a] = fca_context_attribute_name(ctx, (unsigned)a);
		ri->lens[a] = strlen(ri->names[a]);
	}
	ri->line = g_string_sized_new(4096);
	return ri;
}

void
report_intents_add(struct report_intents *ri, const uint32_t *intent,
    size_t n)
{
	GString *s = ri->line;

	g_string_truncate(s, 0);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(s, '\t');
		g_string_append_len(s, ri->names[intent[i]],
		    (gssize)ri->lens[intent[i]]);
	}
	g_string_append_c(s, '\n');
	fwrite(s->str, 1, s->len, ri->out);
}

bool
report_intents_end(struct report_intents *ri, GError **err)
{
	bool ok = check_stream(ri->out, err);

	g_free(ri->names);
	g_free(ri->lens);
	g_string_free(ri->line, TRUE);
	g_free(ri);
	return ok;
}
