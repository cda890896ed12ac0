/*
 * model.c: printing EFSA models (efsa-show) as text, TSV, JSON (json-glib)
 * and XML (the model file itself, automata/modelfile.c), in the models'
 * own order: programs sorted, states and transitions by id.  Strings in a
 * model are already in strace's escaped form; any byte that is not
 * printable ASCII (a model written by hand) is escaped again on the way
 * out, so no format carries a raw control byte.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "internal.h"

/*
 * s with every byte outside printable ASCII escaped, as diagnostics are
 * (trace_escape_message(): the suite's one escaping).
 */
char *
report_safe(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));

	trace_escape_message(out, s, strlen(s));
	return g_string_free(out, FALSE);
}

void
report_guard_text(GString *out, const struct efsa_guard *g, unsigned max)
{
	guint i, n = 0;
	char *s;

	switch (g->kind) {
	case EFSA_GUARD_ABSENT:
		g_string_append(out, "NULL");
		break;
	case EFSA_GUARD_RANGE:
		g_string_append_printf(out, "%" G_GINT64_FORMAT "..%"
		    G_GINT64_FORMAT, g->lo, g->hi);
		break;
	case EFSA_GUARD_INTS:
		g_string_append_c(out, '{');
		for (i = 0; i < g->ints->len && n < max; i++, n++)
			g_string_append_printf(out, "%s%" G_GINT64_FORMAT,
			    n > 0 ? ", " : "", g_array_index(g->ints, int64_t,
			    i));
		if (g->ints->len > max)
			g_string_append(out, ", ...");
		g_string_append_c(out, '}');
		break;
	case EFSA_GUARD_FLAGS:
		g_string_append_c(out, '{');
		for (i = 0; i < g->strs->len && n < max; i++, n++) {
			s = report_safe(g->strs->pdata[i]);
			g_string_append_printf(out, "%s%s", n > 0 ? "|" : "", s);
			g_free(s);
		}
		if (g->strs->len > max)
			g_string_append(out, "|...");
		g_string_append_c(out, '}');
		if (g->nets == NULL)
			break;
		g_string_append(out, " IPs in {");
		for (i = 0; i < g->nets->len && i < max; i++)
			g_string_append_printf(out, "%s%s", i > 0 ? ", " : "",
			    (const char *)g->nets->pdata[i]);
		if (g->nets->len > max)
			g_string_append(out, ", ...");
		g_string_append_c(out, '}');
		break;
	case EFSA_GUARD_STRINGS:
		g_string_append_c(out, '{');
		for (i = 0; i < g->strs->len && n < max; i++, n++) {
			s = report_safe(g->strs->pdata[i]);
			g_string_append_printf(out, "%s\"%s\"", n > 0 ? ", " :
			    "", s);
			g_free(s);
		}
		for (i = 0; i < g->prefixes->len && n < max; i++, n++) {
			s = report_safe(g->prefixes->pdata[i]);
			/* The empty prefix stands for every relative name
			 * without "..": printed as "*" it read as "anything". */
			if (*s == '\0')
				g_string_append_printf(out, "%sany relative name "
				    "without \"..\"", n > 0 ? ", " : "");
			else
				g_string_append_printf(out, "%s\"%s*\"",
				    n > 0 ? ", " : "", s);
			if (g_array_index(g->covers, guint, i) > 0)
				g_string_append_printf(out, " (covers %u)",
				    g_array_index(g->covers, guint, i));
			g_free(s);
		}
		if (g->strs->len + g->prefixes->len > max)
			g_string_append(out, ", ...");
		g_string_append_c(out, '}');
		break;
	}
}

static const char *const guard_kind[] = {
	[EFSA_GUARD_STRINGS] = "strings", [EFSA_GUARD_INTS] = "ints",
	[EFSA_GUARD_RANGE] = "range", [EFSA_GUARD_FLAGS] = "flags",
	[EFSA_GUARD_ABSENT] = "absent",
};

void
report_test_text(GString *out, const struct efsa_test *x)
{
	guint k;

	g_string_append_printf(out, "arg %u ==", x->arg);
	for (k = 0; k < x->regs->len; k++)
		g_string_append_printf(out, "%s r%u", k > 0 ? " or" : "",
		    g_array_index(x->regs, guint, k) + 1);
}

void
report_assign_text(GString *out, const struct efsa_assign *as)
{
	if (as->src >= 0)
		g_string_append_printf(out, "r%u := arg %d", as->reg + 1,
		    as->src);
	else if (as->src == -1)
		g_string_append_printf(out, "r%u := result", as->reg + 1);
	else
		g_string_append_printf(out, "r%u := out %d", as->reg + 1,
		    -as->src - 1);
}

static void
guard_line(GString *out, const struct efsa_guard *g, unsigned max)
{
	g_string_append_printf(out, "arg %u %s ", g->arg, guard_kind[g->kind]);
	report_guard_text(out, g, max);
	if (g->distinct > 0)
		g_string_append_printf(out, " (%u distinct)", g->distinct);
}

static void
text_model(GString *o, const struct efsa *a)
{
	guint i, k;
	char *s = report_safe(a->program);

	g_string_append_printf(o, "model \"%s\": %u states, %u transitions, "
	    "%u registers; learned from %" PRIu64 " processes, %" PRIu64
	    " calls\n", s, a->states->len, a->trans->len, a->regs->len,
	    a->processes, a->events);
	g_free(s);
	for (i = 0; i < a->regs->len; i++) {
		const struct efsa_reg *r = g_ptr_array_index(a->regs, i);

		s = report_safe(r->note != NULL ? r->note : "");
		g_string_append_printf(o, "  register %s: %s\n", r->name, s);
		g_free(s);
	}
	for (i = 0; i < a->states->len; i++) {
		const struct efsa_state *st = g_ptr_array_index(a->states, i);

		g_string_append_printf(o, "  state s%u%s%s:", st->id,
		    st->initial ? " initial" : "",
		    st->accepting ? " accepting" : "");
		for (k = 0; k < st->keys->len; k++) {
			s = report_safe(st->keys->pdata[k]);
			g_string_append_printf(o, " \"%s\"", s);
			g_free(s);
		}
		g_string_append_c(o, '\n');
		for (k = 0; k < st->execs->len; k++) {
			const struct efsa_exec *e = st->execs->pdata[k];

			s = report_safe(e->image);
			g_string_append_printf(o, "    exec \"%s\" (%" PRIu64
			    ")\n", s, e->count);
			g_free(s);
		}
	}
	for (i = 0; i < a->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(a->trans, i);

		s = report_safe(t->name);
		g_string_append_printf(o, "  s%u -> s%u %s (%" PRIu64 ")\n",
		    t->src, t->dst, s, t->count);
		g_free(s);
		for (k = 0; k < t->guards->len; k++) {
			g_string_append(o, "    ");
			guard_line(o, &g_array_index(t->guards,
			    struct efsa_guard, k), G_MAXUINT);
			g_string_append_c(o, '\n');
		}
		if (t->result != NULL && t->result->lo == t->result->hi)
			g_string_append_printf(o, "    returns %" PRId64 "\n",
			    t->result->lo);
		else if (t->result != NULL)
			g_string_append_printf(o, "    returns %" PRId64 "..%"
			    PRId64 "\n", t->result->lo, t->result->hi);
		for (k = 0; k < t->tests->len; k++) {
			g_string_append(o, "    ");
			report_test_text(o, &g_array_index(t->tests,
			    struct efsa_test, k));
			g_string_append_c(o, '\n');
		}
		for (k = 0; k < t->assigns->len; k++) {
			g_string_append(o, "    ");
			report_assign_text(o, &g_array_index(t->assigns,
			    struct efsa_assign, k));
			g_string_append_c(o, '\n');
		}
	}
}

/* TSV: one row per transition. */
static void
tsv_model(GString *o, const struct efsa *a)
{
	guint i, k;

	for (i = 0; i < a->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(a->trans, i);
		char *s = report_safe(a->program);

		g_string_append_printf(o, "%s\ts%u\ts%u\t", s, t->src, t->dst);
		g_free(s);
		s = report_safe(t->name);
		g_string_append_printf(o, "%s\t%" PRIu64 "\t", s, t->count);
		g_free(s);
		for (k = 0; k < t->guards->len; k++) {
			if (k > 0)
				g_string_append(o, "; ");
			guard_line(o, &g_array_index(t->guards,
			    struct efsa_guard, k), G_MAXUINT);
		}
		g_string_append_c(o, '\t');
		for (k = 0; k < t->tests->len; k++) {
			if (k > 0)
				g_string_append(o, "; ");
			report_test_text(o, &g_array_index(t->tests,
			    struct efsa_test, k));
		}
		g_string_append_c(o, '\t');
		for (k = 0; k < t->assigns->len; k++) {
			if (k > 0)
				g_string_append(o, "; ");
			report_assign_text(o, &g_array_index(t->assigns,
			    struct efsa_assign, k));
		}
		g_string_append_c(o, '\n');
	}
}

static void
json_str(JsonBuilder *b, const char *name, const char *v)
{
	char *s = report_safe(v);

	if (name != NULL)
		json_builder_set_member_name(b, name);
	json_builder_add_string_value(b, s);
	g_free(s);
}

static void
json_int(JsonBuilder *b, const char *name, int64_t v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, v);
}

static void
json_guard(JsonBuilder *b, const struct efsa_guard *g)
{
	guint i;

	json_builder_begin_object(b);
	json_int(b, "arg", g->arg);
	json_str(b, "kind", guard_kind[g->kind]);
	if (g->distinct > 0)
		json_int(b, "distinct", g->distinct);
	switch (g->kind) {
	case EFSA_GUARD_ABSENT:
		break;
	case EFSA_GUARD_RANGE:
		json_int(b, "min", g->lo);
		json_int(b, "max", g->hi);
		break;
	case EFSA_GUARD_INTS:
		json_builder_set_member_name(b, "values");
		json_builder_begin_array(b);
		for (i = 0; i < g->ints->len; i++)
			json_builder_add_int_value(b, g_array_index(g->ints,
			    int64_t, i));
		json_builder_end_array(b);
		break;
	case EFSA_GUARD_FLAGS:
	case EFSA_GUARD_STRINGS:
		json_builder_set_member_name(b, "values");
		json_builder_begin_array(b);
		for (i = 0; i < g->strs->len; i++)
			json_str(b, NULL, g->strs->pdata[i]);
		json_builder_end_array(b);
		if (g->kind == EFSA_GUARD_FLAGS && g->nets != NULL) {
			json_builder_set_member_name(b, "nets");
			json_builder_begin_array(b);
			for (i = 0; i < g->nets->len; i++)
				json_str(b, NULL, g->nets->pdata[i]);
			json_builder_end_array(b);
		}
		if (g->kind == EFSA_GUARD_FLAGS)
			break;
		json_builder_set_member_name(b, "prefixes");
		json_builder_begin_array(b);
		for (i = 0; i < g->prefixes->len; i++) {
			json_builder_begin_object(b);
			json_str(b, "prefix", g->prefixes->pdata[i]);
			json_int(b, "covers", g_array_index(g->covers, guint,
			    i));
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		break;
	}
	json_builder_end_object(b);
}

static void
json_model(JsonBuilder *b, const struct efsa *a)
{
	guint i, k;
	char id[32];

	json_builder_begin_object(b);
	json_str(b, "program", a->program);
	json_int(b, "processes", (int64_t)a->processes);
	json_int(b, "events", (int64_t)a->events);
	json_builder_set_member_name(b, "registers");
	json_builder_begin_array(b);
	for (i = 0; i < a->regs->len; i++) {
		const struct efsa_reg *r = g_ptr_array_index(a->regs, i);

		json_builder_begin_object(b);
		json_str(b, "id", r->name);
		json_str(b, "note", r->note != NULL ? r->note : "");
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "states");
	json_builder_begin_array(b);
	for (i = 0; i < a->states->len; i++) {
		const struct efsa_state *s = g_ptr_array_index(a->states, i);

		json_builder_begin_object(b);
		g_snprintf(id, sizeof(id), "s%u", s->id);
		json_str(b, "id", id);
		json_builder_set_member_name(b, "initial");
		json_builder_add_boolean_value(b, s->initial);
		json_builder_set_member_name(b, "accepting");
		json_builder_add_boolean_value(b, s->accepting);
		json_builder_set_member_name(b, "keys");
		json_builder_begin_array(b);
		for (k = 0; k < s->keys->len; k++)
			json_str(b, NULL, s->keys->pdata[k]);
		json_builder_end_array(b);
		json_builder_set_member_name(b, "execs");
		json_builder_begin_array(b);
		for (k = 0; k < s->execs->len; k++) {
			const struct efsa_exec *e = s->execs->pdata[k];

			json_builder_begin_object(b);
			json_str(b, "image", e->image);
			json_int(b, "count", (int64_t)e->count);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "transitions");
	json_builder_begin_array(b);
	for (i = 0; i < a->trans->len; i++) {
		const struct efsa_trans *t = g_ptr_array_index(a->trans, i);

		json_builder_begin_object(b);
		g_snprintf(id, sizeof(id), "s%u", t->src);
		json_str(b, "from", id);
		g_snprintf(id, sizeof(id), "s%u", t->dst);
		json_str(b, "to", id);
		json_str(b, "call", t->name);
		json_int(b, "count", (int64_t)t->count);
		json_builder_set_member_name(b, "guards");
		json_builder_begin_array(b);
		for (k = 0; k < t->guards->len; k++)
			json_guard(b, &g_array_index(t->guards,
			    struct efsa_guard, k));
		json_builder_end_array(b);
		if (t->result != NULL) {
			json_builder_set_member_name(b, "result");
			json_builder_begin_object(b);
			json_int(b, "min", t->result->lo);
			json_int(b, "max", t->result->hi);
			json_builder_end_object(b);
		}
		json_builder_set_member_name(b, "tests");
		json_builder_begin_array(b);
		for (k = 0; k < t->tests->len; k++) {
			const struct efsa_test *x = &g_array_index(t->tests,
			    struct efsa_test, k);
			guint j;

			json_builder_begin_object(b);
			json_int(b, "arg", x->arg);
			json_builder_set_member_name(b, "registers");
			json_builder_begin_array(b);
			for (j = 0; j < x->regs->len; j++) {
				g_snprintf(id, sizeof(id), "r%u",
				    g_array_index(x->regs, guint, j) + 1);
				json_str(b, NULL, id);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "assigns");
		json_builder_begin_array(b);
		for (k = 0; k < t->assigns->len; k++) {
			const struct efsa_assign *as = &g_array_index(
			    t->assigns, struct efsa_assign, k);

			json_builder_begin_object(b);
			g_snprintf(id, sizeof(id), "r%u", as->reg + 1);
			json_str(b, "register", id);
			if (as->src >= 0)
				json_int(b, "arg", as->src);
			else
				json_int(b, "out", -as->src - 1);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

bool
report_models(FILE *out, const struct efsa_set *set, enum report_fmt fmt,
    GError **err)
{
	GString *o = g_string_new(NULL);
	guint i;

	switch (fmt) {
	case REPORT_DOT:
		g_string_free(o, TRUE);
		return report_models_dot(out, set, err);
	case REPORT_XML: {
		size_t len;
		char *xml = efsa_set_to_xml(set, &len, err);

		if (xml == NULL) {
			g_string_free(o, TRUE);
			return false;
		}
		g_string_append_len(o, xml, (gssize)len);
		g_free(xml);
		break;
	}
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		char *s;

		json_builder_begin_object(b);
		json_str(b, "states", set->states != NULL ? set->states : "");
		json_int(b, "k", set->k);
		json_int(b, "threshold", set->threshold);
		json_int(b, "runs", (int64_t)set->runs);
		json_builder_set_member_name(b, "models");
		json_builder_begin_array(b);
		for (i = 0; i < set->models->len; i++)
			json_model(b, g_ptr_array_index(set->models, i));
		json_builder_end_array(b);
		json_builder_end_object(b);
		s = report_json_text(b);
		g_string_append(o, s);
		g_string_append_c(o, '\n');
		g_free(s);
		g_object_unref(b);
		break;
	}
	case REPORT_TSV:
		g_string_append(o, "program\tfrom\tto\tcall\tcount\tguards\t"
		    "tests\tassigns\n");
		for (i = 0; i < set->models->len; i++)
			tsv_model(o, g_ptr_array_index(set->models, i));
		break;
	case REPORT_TEXT:
		g_string_append_printf(o, "# %u models; states: %s", 
		    set->models->len, set->states != NULL ? set->states :
		    "unknown");
		if (set->k > 0)
			g_string_append_printf(o, " (k=%u)", set->k);
		g_string_append_printf(o, "; threshold %u; learned from %"
		    PRIu64 " runs\n", set->threshold, set->runs);
		for (i = 0; i < set->models->len; i++)
			text_model(o, g_ptr_array_index(set->models, i));
		break;
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
