/*
 * verify.c: printing the conflicts of a policy with models (efsa-verify)
 * as text, TSV, JSON and XML, in the order found: model by model, rule by
 * rule, shortest paths first.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

static void
step_text(GString *o, const struct efsa *a, guint tid, bool guards)
{
	const struct efsa_trans *t = g_ptr_array_index(a->trans, tid);
	char *name = report_safe(t->name);
	guint k;

	g_string_append_printf(o, "s%u -> s%u %s", t->src, t->dst, name);
	g_free(name);
	if (t->seen != NULL) {
		char *s = report_safe(t->seen);

		g_string_append_printf(o, " (learned at %s)", s);
		g_free(s);
	}
	for (k = 0; guards && k < t->guards->len; k++) {
		const struct efsa_guard *g = &g_array_index(t->guards,
		    struct efsa_guard, k);

		g_string_append_printf(o, "; arg %u ", g->arg);
		report_guard_text(o, g, 4);
	}
}

static uint64_t
count_may(const struct verify_result *res)
{
	uint64_t n = 0;
	guint i;

	for (i = 0; i < res->conflicts->len; i++)
		n += ((const struct verify_conflict *)
		    res->conflicts->pdata[i])->may;
	return n;
}

bool
report_verify(FILE *out, const struct policy *p,
    const struct verify_result *res, enum report_fmt fmt, GError **err)
{
	return report_verify_with(out, p, res, fmt, NULL, err);
}

bool
report_verify_with(FILE *out, const struct policy *p,
    const struct verify_result *res, enum report_fmt fmt,
    const struct report_verify_opts *opts, GError **err)
{
	GString *o = g_string_new(NULL);
	uint64_t may = count_may(res);
	guint i, k;

	switch (fmt) {
	case REPORT_DOT:
		g_string_free(o, TRUE);
		return report_verify_dot(out, p, res, opts, err);
	case REPORT_TEXT:
		for (i = 0; i < res->conflicts->len; i++) {
			const struct verify_conflict *c =
			    res->conflicts->pdata[i];
			const char *msg = policy_rule_message(p, c->rule);
			char *prog = report_safe(c->model->program);

			g_string_append_printf(o, "conflict %u: %s: rule %s%s%s%s"
			    ": %s\n", i + 1, prog, policy_rule_name(p, c->rule),
			    msg != NULL ? " (" : "", msg != NULL ? msg : "",
			    msg != NULL ? ")" : "", c->may ? "may" : "must");
			g_free(prog);
			g_string_append_printf(o, "  path of %u calls:\n",
			    c->path->len);
			for (k = 0; k < c->path->len; k++) {
				g_string_append(o, "    ");
				step_text(o, c->model, g_array_index(c->path,
				    guint, k), k + 1 == c->path->len);
				g_string_append_c(o, '\n');
			}
			if (c->assumed->len == 0)
				g_string_append(o, "  assumed: nothing\n");
			for (k = 0; k < c->assumed->len; k++) {
				char *s = report_safe(c->assumed->pdata[k]);

				g_string_append_printf(o, "  assumed: %s\n", s);
				g_free(s);
			}
			{
				char *s = report_safe(c->advice);

				g_string_append_printf(o, "  to admit it: %s\n",
				    s);
				g_free(s);
			}
		}
		g_string_append_printf(o, "%u conflicts (%" PRIu64 " must, %"
		    PRIu64 " may); %" PRIu64 " product states explored%s\n",
		    res->conflicts->len, res->conflicts->len - may, may,
		    res->explored, res->truncated ? " (cut by the limit)" :
		    "");
		break;
	case REPORT_TSV:
		g_string_append(o, "conflict\tprogram\trule\tcertainty\tcalls\t"
		    "last\tassumed\tadvice\n");
		for (i = 0; i < res->conflicts->len; i++) {
			const struct verify_conflict *c =
			    res->conflicts->pdata[i];
			GString *last = g_string_new(NULL);
			char *prog = report_safe(c->model->program);
			char *adv = report_safe(c->advice);

			step_text(last, c->model, g_array_index(c->path, guint,
			    c->path->len - 1), false);
			g_string_append_printf(o, "%u\t%s\t%s\t%s\t%u\t%s\t%u\t"
			    "%s\n", i + 1, prog, policy_rule_name(p, c->rule),
			    c->may ? "may" : "must", c->path->len, last->str,
			    c->assumed->len, adv);
			g_string_free(last, TRUE);
			g_free(prog);
			g_free(adv);
		}
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		char *s;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "conflicts");
		json_builder_begin_array(b);
		for (i = 0; i < res->conflicts->len; i++) {
			const struct verify_conflict *c =
			    res->conflicts->pdata[i];
			const char *msg = policy_rule_message(p, c->rule);
			char *x;

			json_builder_begin_object(b);
			json_builder_set_member_name(b, "program");
			x = report_safe(c->model->program);
			json_builder_add_string_value(b, x);
			g_free(x);
			json_builder_set_member_name(b, "rule");
			json_builder_add_string_value(b,
			    policy_rule_name(p, c->rule));
			json_builder_set_member_name(b, "message");
			json_builder_add_string_value(b, msg != NULL ? msg :
			    "");
			json_builder_set_member_name(b, "certainty");
			json_builder_add_string_value(b, c->may ? "may" :
			    "must");
			json_builder_set_member_name(b, "path");
			json_builder_begin_array(b);
			for (k = 0; k < c->path->len; k++) {
				GString *st = g_string_new(NULL);

				step_text(st, c->model, g_array_index(c->path,
				    guint, k), k + 1 == c->path->len);
				json_builder_add_string_value(b, st->str);
				g_string_free(st, TRUE);
			}
			json_builder_end_array(b);
			json_builder_set_member_name(b, "assumed");
			json_builder_begin_array(b);
			for (k = 0; k < c->assumed->len; k++) {
				x = report_safe(c->assumed->pdata[k]);
				json_builder_add_string_value(b, x);
				g_free(x);
			}
			json_builder_end_array(b);
			json_builder_set_member_name(b, "advice");
			x = report_safe(c->advice);
			json_builder_add_string_value(b, x);
			g_free(x);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "explored");
		json_builder_add_int_value(b, (gint64)res->explored);
		json_builder_set_member_name(b, "truncated");
		json_builder_add_boolean_value(b, res->truncated);
		json_builder_end_object(b);
		s = report_json_text(b);
		g_string_append_printf(o, "%s\n", s);
		g_free(s);
		g_object_unref(b);
		break;
	}
	case REPORT_XML: {
		xmlBufferPtr buf = xmlBufferCreate();
		xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
		char num[32];

		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(w, (const xmlChar *)"verification");
		g_snprintf(num, sizeof(num), "%" PRIu64, res->explored);
		xmlTextWriterWriteAttribute(w, (const xmlChar *)"explored",
		    (const xmlChar *)num);
		for (i = 0; i < res->conflicts->len; i++) {
			const struct verify_conflict *c =
			    res->conflicts->pdata[i];
			const char *msg = policy_rule_message(p, c->rule);
			char *x = report_safe(c->model->program);

			xmlTextWriterStartElement(w,
			    (const xmlChar *)"conflict");
			xmlTextWriterWriteAttribute(w,
			    (const xmlChar *)"program", (const xmlChar *)x);
			g_free(x);
			xmlTextWriterWriteAttribute(w, (const xmlChar *)"rule",
			    (const xmlChar *)policy_rule_name(p, c->rule));
			if (msg != NULL)
				xmlTextWriterWriteAttribute(w,
				    (const xmlChar *)"message",
				    (const xmlChar *)msg);
			xmlTextWriterWriteAttribute(w,
			    (const xmlChar *)"certainty",
			    (const xmlChar *)(c->may ? "may" : "must"));
			for (k = 0; k < c->path->len; k++) {
				GString *st = g_string_new(NULL);

				step_text(st, c->model, g_array_index(c->path,
				    guint, k), k + 1 == c->path->len);
				xmlTextWriterWriteElement(w,
				    (const xmlChar *)"step",
				    (const xmlChar *)st->str);
				g_string_free(st, TRUE);
			}
			for (k = 0; k < c->assumed->len; k++) {
				x = report_safe(c->assumed->pdata[k]);
				xmlTextWriterWriteElement(w,
				    (const xmlChar *)"assumed",
				    (const xmlChar *)x);
				g_free(x);
			}
			x = report_safe(c->advice);
			xmlTextWriterWriteElement(w, (const xmlChar *)"advice",
			    (const xmlChar *)x);
			g_free(x);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
		g_string_append_len(o, (const char *)xmlBufferContent(buf),
		    xmlBufferLength(buf));
		xmlBufferFree(buf);
		break;
	}
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
