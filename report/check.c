/*
 * check.c: printing what tracemine solve --check found (relabel.h): the
 * changes, the cells it could not check and why, and how many it did.
 * The changes are in the order relabel_check() gives them (by trace,
 * then label); the cells not checked by label, then reason, then trace.
 */
#include <inttypes.h>
#include <string.h>

#include <gio/gio.h>

#include "internal.h"

/* At most this many traces are named on a line of text. */
#define NAMED	4

static const char *
why_word(enum relabel_why w)
{
	switch (w) {
	case RELABEL_FEW_WITH:
		return "few-with";
	case RELABEL_FEW_WITHOUT:
		return "few-without";
	case RELABEL_SAME_TRACES:
		return "same-traces";
	case RELABEL_NO_FINGERPRINT:
		return "no-fingerprint";
	case RELABEL_UNCLEAR:
		return "unclear";
	}
	return "?";
}

/* Why, in words, for the cells of label l (u the first of them). */
static void
why_text(GString *o, const struct labels *lab,
    const struct relabel_unchecked *u)
{
	const char *l = labels_label(lab, u->label);

	switch (u->why) {
	case RELABEL_FEW_WITH:
		g_string_append_printf(o, "fewer than 2 other traces have %s",
		    l);
		break;
	case RELABEL_FEW_WITHOUT:
		g_string_append_printf(o, "fewer than 2 other traces lack %s",
		    l);
		break;
	case RELABEL_SAME_TRACES:
		g_string_append_printf(o, "without the trace, %s is in the "
		    "same traces as %s", l, labels_label(lab, u->other));
		break;
	case RELABEL_NO_FINGERPRINT:
		g_string_append_printf(o, "no access is in most other traces "
		    "with %s and rare without it", l);
		break;
	case RELABEL_UNCLEAR:
		g_string_append_printf(o, "the trace holds more than a third "
		    "and less than two thirds of %s's fingerprint", l);
		break;
	}
}

static bool
same_group(const struct relabel_unchecked *a,
    const struct relabel_unchecked *b)
{
	return a->label == b->label && a->why == b->why &&
	    (a->why != RELABEL_SAME_TRACES || a->other == b->other);
}

static void
text_unchecked(GString *o, const struct labels *lab, const GArray *v)
{
	const unsigned nt = labels_n_traces(lab);
	bool *done = g_new0(bool, MAX(v->len, 1));

	for (guint i = 0; i < v->len; i++) {
		const struct relabel_unchecked *u = &g_array_index(v,
		    struct relabel_unchecked, i);
		unsigned n = 0;

		if (done[i])
			continue;
		for (guint j = i; j < v->len; j++)
			n += same_group(u, &g_array_index(v,
			    struct relabel_unchecked, j));
		g_string_append_printf(o, "not checked: %s in ",
		    labels_label(lab, u->label));
		if (n == nt)
			g_string_append(o, "every trace");
		unsigned named = 0;
		for (guint j = i; j < v->len; j++) {
			const struct relabel_unchecked *w = &g_array_index(v,
			    struct relabel_unchecked, j);
			char *name;

			if (!same_group(u, w))
				continue;
			done[j] = true;
			if (n == nt || named == NAMED)
				continue;
			name = escape_name(labels_trace_name(lab, w->trace));
			g_string_append_printf(o, "%s%s", named ? ", " : "",
			    name);
			if (w->why == RELABEL_UNCLEAR)
				g_string_append_printf(o, " (%" PRIu64 " of %"
				    PRIu64 ")", w->have, w->of);
			g_free(name);
			named++;
		}
		if (n != nt && n > named)
			g_string_append_printf(o, " and %u more", n - named);
		g_string_append(o, ": ");
		why_text(o, lab, u);
		g_string_append_c(o, '\n');
	}
	g_free(done);
}

bool
report_check(FILE *out, const struct labels *lab,
    const struct relabel_result *r, enum report_fmt fmt, GError **err)
{
	GString *o;

	if (fmt != REPORT_TEXT && fmt != REPORT_TSV) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
		    "the relabelling is printed as text or tsv only");
		return false;
	}
	o = g_string_new(fmt == REPORT_TSV ? "trace\tchange\tlabel\theld\t"
	    "fingerprint\twhy\n" : NULL);
	for (guint i = 0; i < r->changes->len; i++) {
		const struct solve_relabel *c = &g_array_index(r->changes,
		    struct solve_relabel, i);
		char *n = escape_name(labels_trace_name(lab, c->trace));

		if (fmt == REPORT_TSV)
			g_string_append_printf(o, "%s\t%s\t%s\t%" PRIu64 "\t%"
			    PRIu64 "\t\n", n, c->add ? "add" : "drop",
			    labels_label(lab, c->label), c->have, c->of);
		else
			g_string_append_printf(o, "relabel %s: %s %s (holds %"
			    PRIu64 " of %" PRIu64 " accesses of its "
			    "fingerprint)\n", n, c->add ? "add" : "drop",
			    labels_label(lab, c->label), c->have, c->of);
		g_free(n);
	}
	if (fmt == REPORT_TSV) {
		for (guint i = 0; i < r->unchecked->len; i++) {
			const struct relabel_unchecked *u = &g_array_index(
			    r->unchecked, struct relabel_unchecked, i);
			char *n = escape_name(labels_trace_name(lab,
			    u->trace));

			g_string_append_printf(o, "%s\tunchecked\t%s\t", n,
			    labels_label(lab, u->label));
			if (u->of > 0)
				g_string_append_printf(o, "%" PRIu64 "\t%"
				    PRIu64, u->have, u->of);
			else
				g_string_append_c(o, '\t');
			g_string_append_printf(o, "\t%s", why_word(u->why));
			if (u->why == RELABEL_SAME_TRACES)
				g_string_append_printf(o, ":%s",
				    labels_label(lab, u->other));
			g_string_append_c(o, '\n');
			g_free(n);
		}
	} else {
		unsigned checked = r->cells - r->unchecked->len;

		text_unchecked(o, lab, r->unchecked);
		g_string_append_printf(o, "checked %u of %u (trace, label) pairs",
		    checked, r->cells);
		if (r->changes->len > 0)
			g_string_append_printf(o, ": %u look%s wrong\n",
			    r->changes->len, r->changes->len == 1 ? "s" : "");
		else if (checked == 0)
			g_string_append(o, ": none could be checked\n");
		else if (checked < r->cells)
			g_string_append(o, ": none of those looks wrong\n");
		else
			g_string_append(o, ": none looks wrong\n");
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
