/*
 * concepts.c: concept lattices (tracemine concepts) as text, JSON
 * (json-glib), XML (libxml2's writer) and DOT (a Hasse diagram built with
 * cgraph and written by agwrite()); counts; and intents as a stream of
 * lines.  Concepts are printed by number, the order fca_lattice_new()
 * gives them; every list in increasing order.  Names are the context's,
 * already safe to print (mining/concepts.h).
 *
 * Text and the drawing use the reduced labelling of concept lattices
 * (Ganter and Wille, "Formal Concept Analysis", 1999, section 1.2): each
 * attribute is written at its attribute concept only, each object at its
 * object concept only, and the rest follows from the order, so a lattice
 * of n objects and m attributes takes n + m names instead of its extents
 * and intents whole.  The drawing leaves out the concepts that introduce
 * nothing (and are named by no label), but for the top and the bottom,
 * linking each concept drawn to the next ones drawn below it.  With a minimum support, the concepts of
 * fewer objects are left out everywhere (an iceberg lattice: what is left
 * is closed upwards, so every upper cover of a concept shown is shown).
 */
#include <inttypes.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

/* The drawing: names cut to this many characters, and at most this many
 * names of each kind in a node; the tooltip holds them all, whole. */
#define DOT_WIDTH	32
#define DOT_NAMES	5

typedef const char *(*name_fn)(const struct fca_context *, unsigned);

static const struct report_lattice_opts no_opts;

static gint
cmp_size(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Whether concept c is shown: it has at least min_support objects. */
static bool
shown(const struct fca_lattice *l, const struct report_lattice_opts *o,
    size_t c)
{
	size_t n;

	fca_lattice_extent(l, c, &n);
	return n >= o->min_support;
}

static size_t
left_out(const struct fca_lattice *l, const struct report_lattice_opts *o)
{
	size_t n = 0;

	for (size_t c = 0; c < fca_lattice_size(l); c++)
		n += !shown(l, o, c);
	return n;
}

static void
text_names(FILE *out, size_t c, const char *what,
    const struct fca_context *ctx, name_fn name, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "c%zu %s %s\n", c, what, name(ctx, v[i]));
}

static bool
text_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *o, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	const struct concept_labels *cl = o->labels;
	const uint32_t *v;
	size_t c, i, n;

	fprintf(out, "context %u objects %u attributes\n",
	    fca_context_objects(ctx), fca_context_attributes(ctx));
	fprintf(out, "lattice %zu concepts %zu edges\n", fca_lattice_size(l),
	    fca_lattice_edges(l));
	if (o->min_support > 0)
		fprintf(out, "left-out %zu concepts of fewer than %" PRIu64
		    " objects\n", left_out(l, o), o->min_support);
	for (c = 0; c < fca_lattice_size(l); c++) {
		size_t ne, ni;

		if (!shown(l, o, c))
			continue;
		fca_lattice_extent(l, c, &ne);
		fca_lattice_intent(l, c, &ni);
		fprintf(out, "c%zu %zu objects %zu attributes\n", c, ne, ni);
		if (cl != NULL) {
			v = concept_labels_naming(cl, c, &n);
			for (i = 0; i < n; i++) {
				size_t k = concept_labels_others(cl, v[i]);

				fprintf(out, "c%zu label %s ", c,
				    concept_labels_name(cl, v[i]));
				if (k == 0)
					fputs("exact\n", out);
				else
					fprintf(out, "and %zu more\n", k);
			}
		}
		if (o->full) {
			v = fca_lattice_extent(l, c, &n);
			text_names(out, c, "object", ctx,
			    fca_context_object_name, v, n);
			v = fca_lattice_intent(l, c, &n);
			text_names(out, c, "attribute", ctx,
			    fca_context_attribute_name, v, n);
			if (cl != NULL) {
				v = concept_labels_shared(cl, c, &n);
				for (i = 0; i < n; i++)
					fprintf(out, "c%zu shares %s\n", c,
					    concept_labels_name(cl, v[i]));
			}
		}
		v = fca_lattice_new_attributes(l, c, &n);
		text_names(out, c, "introduces", ctx,
		    fca_context_attribute_name, v, n);
		v = fca_lattice_new_objects(l, c, &n);
		text_names(out, c, "introduces-object", ctx,
		    fca_context_object_name, v, n);
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

/* Concept numbers, those left out skipped. */
static void
json_ids(JsonBuilder *b, const char *key, const struct fca_lattice *l,
    const struct report_lattice_opts *o, const uint32_t *v, size_t n)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (size_t i = 0; i < n; i++)
		if (shown(l, o, v[i]))
			json_builder_add_int_value(b, v[i]);
	json_builder_end_array(b);
}

static void
json_labels(JsonBuilder *b, const struct concept_labels *cl, size_t c)
{
	const uint32_t *v;
	size_t i, n;

	json_builder_set_member_name(b, "labels");
	json_builder_begin_array(b);
	v = concept_labels_naming(cl, c, &n);
	for (i = 0; i < n; i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, concept_labels_name(cl, v[i]));
		json_builder_set_member_name(b, "objects");
		json_builder_add_int_value(b,
		    (gint64)concept_labels_objects(cl, v[i]));
		json_builder_set_member_name(b, "others");
		json_builder_add_int_value(b,
		    (gint64)concept_labels_others(cl, v[i]));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "shares");
	json_builder_begin_array(b);
	v = concept_labels_shared(cl, c, &n);
	for (i = 0; i < n; i++)
		json_builder_add_string_value(b, concept_labels_name(cl, v[i]));
	json_builder_end_array(b);
}

static bool
json_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *o, GError **err)
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
	if (o->min_support > 0) {
		json_builder_set_member_name(b, "min_support");
		json_builder_add_int_value(b, (gint64)o->min_support);
		json_builder_set_member_name(b, "left_out");
		json_builder_add_int_value(b, (gint64)left_out(l, o));
	}
	json_builder_set_member_name(b, "concepts");
	json_builder_begin_array(b);
	for (c = 0; c < fca_lattice_size(l); c++) {
		if (!shown(l, o, c))
			continue;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, (gint64)c);
		if (o->labels != NULL)
			json_labels(b, o->labels, c);
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
		json_ids(b, "upper", l, o, v, n);
		v = fca_lattice_lower(l, c, &n);
		json_ids(b, "lower", l, o, v, n);
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

static void
xml_labels(xmlTextWriterPtr w, const struct concept_labels *cl, size_t c)
{
	const uint32_t *v;
	size_t i, n;

	v = concept_labels_naming(cl, c, &n);
	for (i = 0; i < n; i++) {
		xmlTextWriterStartElement(w, BAD_CAST "label");
		xmlTextWriterWriteAttribute(w, BAD_CAST "name",
		    BAD_CAST concept_labels_name(cl, v[i]));
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "objects", "%zu",
		    concept_labels_objects(cl, v[i]));
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "others", "%zu",
		    concept_labels_others(cl, v[i]));
		xmlTextWriterEndElement(w);
	}
	v = concept_labels_shared(cl, c, &n);
	for (i = 0; i < n; i++)
		xmlTextWriterWriteElement(w, BAD_CAST "shares",
		    BAD_CAST concept_labels_name(cl, v[i]));
}

static bool
xml_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *o, GError **err)
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
	if (o->min_support > 0) {
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "min-support",
		    "%" PRIu64, o->min_support);
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "left-out",
		    "%zu", left_out(l, o));
	}
	for (c = 0; c < fca_lattice_size(l); c++) {
		if (!shown(l, o, c))
			continue;
		xmlTextWriterStartElement(w, BAD_CAST "concept");
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "id", "%zu", c);
		if (o->labels != NULL)
			xml_labels(w, o->labels, c);
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
 * Appends a line, prefix then text, to a label or a tooltip.  Graphviz
 * reads backslashes in both as its own escapes (\n, \N ...), so the
 * text's are doubled and lines are broken with its "\n"; agwrite() does
 * the quoting.
 */
static void
dot_line(GString *l, const char *prefix, const char *text)
{
	if (l->len > 0)
		g_string_append(l, "\\n");
	g_string_append(l, prefix);
	for (; *text != '\0'; text++) {
		if (*text == '\\')
			g_string_append(l, "\\\\");
		else
			g_string_append_c(l, *text);
	}
}

/*
 * The length of the character that begins at s, as a name holds it: an
 * escape of strace's ("\x1b", "\033", "\n", "\\") is one, never cut in
 * two; so is a UTF-8 sequence.
 */
static size_t
char_len(const char *s)
{
	size_t n = 1;

	if (s[0] == '\\' && s[1] != '\0') {
		if (s[1] == 'x') {
			n = 2;
			while (n < 4 && g_ascii_isxdigit(s[n]))
				n++;
		} else if (s[1] >= '0' && s[1] <= '7') {
			n = 2;
			while (n < 4 && s[n] >= '0' && s[n] <= '7')
				n++;
		} else {
			n = 2;
		}
	} else if ((unsigned char)s[0] >= 0xc0) {
		while ((s[n] & 0xc0) == 0x80)
			n++;
	}
	return n;
}

/* name, cut to width characters with an ellipsis when longer (transfer
 * full). */
static char *
dot_cut(const char *name, size_t width)
{
	size_t chars = 0, keep = 0, at = 0;

	while (name[at] != '\0') {
		if (chars == width - 1)
			keep = at;
		at += char_len(name + at);
		chars++;
	}
	if (chars <= width)
		return g_strdup(name);
	return g_strdup_printf("%.*s\u2026", (int)keep, name);
}

/* A path's file name without ".gz" and one more extension, as labels
 * files name traces ("runs/open_xterm.log.gz" is "open_xterm"), unless
 * that leaves nothing. */
static char *
short_object(const char *path)
{
	const char *base = strrchr(path, '/');
	char *s, *dot;
	size_t n;

	s = g_strdup(base != NULL && base[1] != '\0' ? base + 1 : path);
	n = strlen(s);
	if (n > 3 && strcmp(s + n - 3, ".gz") == 0)
		s[n - 3] = '\0';
	if ((dot = strrchr(s, '.')) != NULL && dot != s)
		*dot = '\0';
	return s;
}

/* Names of one kind in a node: at most DOT_NAMES, each cut, then how
 * many more; all of them whole in the tooltip under a heading. */
static void
dot_names(GString *label, GString *tip, const char *heading,
    const struct fca_context *ctx, name_fn name, const uint32_t *v, size_t n,
    bool short_names)
{
	char more[64];

	if (n == 0)
		return;
	dot_line(tip, "", heading);
	for (size_t i = 0; i < n; i++) {
		const char *full = name(ctx, v[i]);

		if (i < DOT_NAMES) {
			char *s = short_names ? short_object(full) : NULL;
			char *cut = dot_cut(s != NULL ? s : full, DOT_WIDTH);

			dot_line(label, "", cut);
			g_free(cut);
			g_free(s);
		}
		dot_line(tip, "  ", full);
	}
	if (n > DOT_NAMES) {
		g_snprintf(more, sizeof(more), "\u2026 and %zu more",
		    n - DOT_NAMES);
		dot_line(label, "", more);
	}
}

/* Whether concept c is drawn: shown, and (unless full) the top, the
 * bottom, or introducing an attribute or an object, or named by a
 * label. */
static bool
drawn(const struct fca_lattice *l, const struct report_lattice_opts *o,
    size_t c)
{
	size_t n;

	if (!shown(l, o, c))
		return false;
	if (o->full || c == 0 || c + 1 == fca_lattice_size(l))
		return true;
	fca_lattice_new_attributes(l, c, &n);
	if (n > 0)
		return true;
	fca_lattice_new_objects(l, c, &n);
	if (n > 0)
		return true;
	if (o->labels == NULL)
		return false;
	concept_labels_naming(o->labels, c, &n);
	return n > 0;
}

/* Whether concept a is below concept b (its extent within b's). */
static bool
below(const struct fca_lattice *l, size_t a, size_t b)
{
	size_t na, nb, i = 0, j = 0;
	const uint32_t *x = fca_lattice_extent(l, a, &na);
	const uint32_t *y = fca_lattice_extent(l, b, &nb);

	if (na > nb)
		return false;
	while (i < na && j < nb) {
		if (x[i] == y[j])
			i++, j++;
		else if (x[i] > y[j])
			j++;
		else
			return false;
	}
	return i == na;
}

/*
 * The concepts drawn next below concept c (into to, cleared first): those
 * reached down the cover edges through concepts not drawn, less those
 * below another of them.  stamp (one per concept, all different from c +
 * 1 on entry) marks the concepts seen; work is scratch.
 */
static void
drawn_below(const struct fca_lattice *l, const bool *draw, size_t c,
    size_t *stamp, GArray *work, GArray *to)
{
	const uint32_t *v;
	size_t i, n;

	g_array_set_size(to, 0);
	g_array_set_size(work, 0);
	g_array_append_val(work, c);
	while (work->len > 0) {
		size_t d = g_array_index(work, size_t, work->len - 1);

		g_array_set_size(work, work->len - 1);
		v = fca_lattice_lower(l, d, &n);
		for (i = 0; i < n; i++) {
			size_t e = v[i];

			if (stamp[e] == c + 1)
				continue;
			stamp[e] = c + 1;
			if (draw[e])
				g_array_append_val(to, e);
			else
				g_array_append_val(work, e);
		}
	}
	for (i = 0; i < to->len; i++) {
		size_t d = g_array_index(to, size_t, i);
		bool covered = false;

		for (size_t k = 0; k < to->len && !covered; k++)
			covered = k != i && below(l, d,
			    g_array_index(to, size_t, k));
		if (covered) {
			g_array_remove_index(to, i);
			i--;
		}
	}
}

static bool
dot_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *o, GError **err)
{
	const struct fca_context *ctx = fca_lattice_context(l);
	const struct concept_labels *cl = o->labels;
	const size_t nc = fca_lattice_size(l);
	Agraph_t *g = agopen("lattice", Agdirected, NULL);
	Agnode_t **nodes = g_new0(Agnode_t *, nc + 1);
	bool *draw = g_new0(bool, nc + 1);
	size_t *stamp = g_new0(size_t, nc + 1);
	GArray *work = g_array_new(FALSE, FALSE, sizeof(size_t));
	GArray *to = g_array_new(FALSE, FALSE, sizeof(size_t));
	GString *label = g_string_new(NULL), *tip = g_string_new(NULL);
	const uint32_t *v;
	char name[96];
	size_t c, i, n, ne, ni;

	agattr(g, AGRAPH, "label", "");
	agattr(g, AGNODE, "label", "");
	agattr(g, AGNODE, "shape", "box");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGNODE, "tooltip", "");
	agattr(g, AGNODE, "style", "");
	agattr(g, AGNODE, "fillcolor", "");
	agattr(g, AGEDGE, "dir", "none");
	if (o->min_support > 0) {
		g_snprintf(name, sizeof(name), "%zu concepts of fewer than %"
		    PRIu64 " objects left out", left_out(l, o),
		    o->min_support);
		dot_set(g, "label", name);
	}
	for (c = 0; c < nc; c++)
		draw[c] = drawn(l, o, c);
	for (c = 0; c < nc; c++) {
		if (!draw[c])
			continue;
		g_snprintf(name, sizeof(name), "c%zu", c);
		nodes[c] = agnode(g, name, 1);
		g_string_assign(label, name);
		fca_lattice_extent(l, c, &ne);
		fca_lattice_intent(l, c, &ni);
		g_string_printf(tip, "c%zu: %zu objects, %zu attributes", c,
		    ne, ni);
		if (cl != NULL) {
			v = concept_labels_naming(cl, c, &n);
			for (i = 0; i < n; i++) {
				const char *ln = concept_labels_name(cl, v[i]);
				size_t k = concept_labels_others(cl, v[i]);
				char *t = k == 0 ? g_strdup_printf("[%s]", ln) :
				    g_strdup_printf("[%s +%zu]", ln, k);

				dot_line(label, "", t);
				g_free(t);
				t = k == 0 ? g_strdup_printf("label %s, "
				    "exactly", ln) : g_strdup_printf("label "
				    "%s, and %zu more objects", ln, k);
				dot_line(tip, "", t);
				g_free(t);
			}
			if (n > 0) {
				dot_set(nodes[c], "style", "filled");
				dot_set(nodes[c], "fillcolor", "lightyellow");
			}
		}
		v = fca_lattice_new_attributes(l, c, &n);
		dot_names(label, tip, "introduces", ctx,
		    fca_context_attribute_name, v, n, false);
		v = fca_lattice_new_objects(l, c, &n);
		if (n > 0)
			g_string_append(label, "\\n--");
		dot_names(label, tip, "objects", ctx, fca_context_object_name,
		    v, n, o->short_objects);
		dot_set(nodes[c], "label", label->str);
		dot_set(nodes[c], "tooltip", tip->str);
	}
	for (c = 0; c < nc; c++) {
		if (!draw[c])
			continue;
		drawn_below(l, draw, c, stamp, work, to);
		g_array_sort(to, cmp_size);
		for (i = 0; i < to->len; i++)
			agedge(g, nodes[c], nodes[g_array_index(to, size_t,
			    i)], NULL, 1);
	}
	agwrite(g, out);
	agclose(g);
	g_free(nodes);
	g_free(draw);
	g_free(stamp);
	g_array_free(work, TRUE);
	g_array_free(to, TRUE);
	g_string_free(label, TRUE);
	g_string_free(tip, TRUE);
	return check_stream(out, err);
}

bool
report_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *opts, enum report_fmt fmt,
    GError **err)
{
	const struct report_lattice_opts *o = opts != NULL ? opts : &no_opts;

	switch (fmt) {
	case REPORT_TEXT:
		return text_lattice(out, l, o, err);
	case REPORT_JSON:
		return json_lattice(out, l, o, err);
	case REPORT_XML:
		return xml_lattice(out, l, o, err);
	case REPORT_DOT:
		return dot_lattice(out, l, o, err);
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
