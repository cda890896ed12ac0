/*
 * conform.c: printing conformance (efsa-check) and cross-validation
 * (efsa-learn --cross-validate) results in the four formats, in log order
 * and run order.  Deviation texts come from the model layer already in
 * escaped form; report_safe() guards the output anyway.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

static const char *const kind_name[] = {
	[CONFORM_NO_MODEL] = "no-model",
	[CONFORM_UNKNOWN_CALL] = "unknown-call",
	[CONFORM_UNKNOWN_STATE] = "unknown-state",
	[CONFORM_ARGUMENT] = "argument",
	[CONFORM_REGISTER] = "register",
	[CONFORM_EXEC] = "exec",
};

static void
jstr(JsonBuilder *b, const char *name, const char *v)
{
	char *s = report_safe(v);

	json_builder_set_member_name(b, name);
	json_builder_add_string_value(b, s);
	g_free(s);
}

static void
jint(JsonBuilder *b, const char *name, int64_t v)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, v);
}

/* A pid: null for pid 0, a process the log never named. */
static void
jpid(JsonBuilder *b, int pid)
{
	json_builder_set_member_name(b, "pid");
	if (pid != 0)
		json_builder_add_int_value(b, pid);
	else
		json_builder_add_null_value(b);
}

static void
xattr(xmlTextWriterPtr w, const char *name, const char *v)
{
	char *s = report_safe(v);

	xmlTextWriterWriteAttribute(w, (const xmlChar *)name,
	    (const xmlChar *)s);
	g_free(s);
}

static void
xattr_num(xmlTextWriterPtr w, const char *name, uint64_t v)
{
	char buf[32];

	g_snprintf(buf, sizeof(buf), "%" PRIu64, v);
	xattr(w, name, buf);
}

static void
xml_out(GString *o, xmlBufferPtr b)
{
	g_string_append_len(o, (const char *)xmlBufferContent(b),
	    xmlBufferLength(b));
}

/*
 * One engine for the deviations of a run, shared by efsa-check and
 * efsa-learn --cross-validate: the lines of text ("FILE:LINE: pid PID:
 * WHAT", then the assumptions), the JSON members "deviations" and
 * "assumptions", and the XML <deviation> elements.
 */
static void
text_devs(GString *o, const struct conform_result *res)
{
	char pb[16];
	guint k;

	for (k = 0; k < res->devs->len; k++) {
		const struct conform_dev *d = res->devs->pdata[k];
		char *f = report_safe(d->file), *w = report_safe(d->what);

		g_string_append_printf(o, "%s:%" PRIu64 ": pid %s: %s\n", f,
		    d->line, pid_text(d->pid, pb), w);
		g_free(f);
		g_free(w);
	}
	for (k = 0; k < res->assumed->len; k++) {
		const struct conform_dev *d = res->assumed->pdata[k];
		char *f = report_safe(d->file), *w = report_safe(d->what);

		g_string_append_printf(o, "%s:%" PRIu64 ": pid %s: "
		    "assumption: %s\n", f, d->line, pid_text(d->pid, pb), w);
		g_free(f);
		g_free(w);
	}
}

static void
json_devs(JsonBuilder *b, const struct conform_result *res)
{
	guint k;

	json_builder_set_member_name(b, "deviations");
	json_builder_begin_array(b);
	for (k = 0; k < res->devs->len; k++) {
		const struct conform_dev *d = res->devs->pdata[k];

		json_builder_begin_object(b);
		jstr(b, "file", d->file);
		jint(b, "line", (int64_t)d->line);
		jpid(b, d->pid);
		jstr(b, "program", d->program);
		jstr(b, "state", d->state);
		jstr(b, "call", d->call);
		jstr(b, "kind", kind_name[d->kind]);
		jstr(b, "what", d->what);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "assumptions");
	json_builder_begin_array(b);
	for (k = 0; k < res->assumed->len; k++) {
		const struct conform_dev *d = res->assumed->pdata[k];

		json_builder_begin_object(b);
		jstr(b, "file", d->file);
		jint(b, "line", (int64_t)d->line);
		jpid(b, d->pid);
		jstr(b, "call", d->call);
		jstr(b, "what", d->what);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
xml_devs(xmlTextWriterPtr w, const struct conform_result *res)
{
	char pb[16];
	guint k;

	for (k = 0; k < res->devs->len; k++) {
		const struct conform_dev *d = res->devs->pdata[k];
		char *s;

		xmlTextWriterStartElement(w, (const xmlChar *)"deviation");
		xattr(w, "file", d->file);
		xattr_num(w, "line", d->line);
		xattr(w, "pid", pid_text(d->pid, pb));
		xattr(w, "program", d->program);
		xattr(w, "state", d->state);
		xattr(w, "call", d->call);
		xattr(w, "kind", kind_name[d->kind]);
		s = report_safe(d->what);
		xmlTextWriterWriteString(w, (const xmlChar *)s);
		g_free(s);
		xmlTextWriterEndElement(w);
	}
}

bool
report_conform(FILE *out, const char *const *names,
    struct conform_result *const *runs, unsigned n, enum report_fmt fmt,
    GError **err)
{
	GString *o = g_string_new(NULL);
	char pb[16];
	unsigned i;
	guint k;

	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (i = 0; i < n; i++) {
			char *name = report_safe(names[i]);

			text_devs(o, runs[i]);
			g_string_append_printf(o, "%s: %s: %" PRIu64 " calls, "
			    "%" PRIu64 " process images, %u deviations\n",
			    name, runs[i]->devs->len > 0 ? "deviates" :
			    "conforms", runs[i]->calls, runs[i]->images,
			    runs[i]->devs->len);
			g_free(name);
		}
		break;
	case REPORT_TSV:
		g_string_append(o, "run\tfile\tline\tpid\tprogram\tstate\tcall"
		    "\tkind\tdeviation\n");
		for (i = 0; i < n; i++)
			for (k = 0; k < runs[i]->devs->len; k++) {
				const struct conform_dev *d =
				    runs[i]->devs->pdata[k];
				char *v[6] = { report_safe(names[i]),
				    report_safe(d->file),
				    report_safe(d->program),
				    report_safe(d->state),
				    report_safe(d->call),
				    report_safe(d->what) };
				unsigned j;

				/* tabs cannot occur: report_safe escapes them */
				g_string_append_printf(o, "%s\t%s\t%" PRIu64
				    "\t%s\t%s\t%s\t%s\t%s\t%s\n", v[0], v[1],
				    d->line, pid_text(d->pid, pb), v[2], v[3],
				    v[4],
				    kind_name[d->kind], v[5]);
				for (j = 0; j < 6; j++)
					g_free(v[j]);
			}
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		char *s;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "runs");
		json_builder_begin_array(b);
		for (i = 0; i < n; i++) {
			json_builder_begin_object(b);
			jstr(b, "run", names[i]);
			json_builder_set_member_name(b, "conforms");
			json_builder_add_boolean_value(b,
			    runs[i]->devs->len == 0);
			jint(b, "calls", (int64_t)runs[i]->calls);
			jint(b, "images", (int64_t)runs[i]->images);
			json_devs(b, runs[i]);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
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

		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(w, (const xmlChar *)"conformance");
		for (i = 0; i < n; i++) {
			xmlTextWriterStartElement(w, (const xmlChar *)"run");
			xattr(w, "name", names[i]);
			xattr(w, "conforms", runs[i]->devs->len == 0 ?
			    "true" : "false");
			xattr_num(w, "calls", runs[i]->calls);
			xattr_num(w, "images", runs[i]->images);
			xml_devs(w, runs[i]);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
		xml_out(o, buf);
		xmlBufferFree(buf);
		break;
	}
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}

static double
rate(uint64_t d, uint64_t c)
{
	return c > 0 ? (double)d / (double)c : 0.0;
}

/* A rate with six decimals and a '.' whatever the locale. */
static const char *
fmt_rate(char *buf, size_t len, uint64_t d, uint64_t c)
{
	return g_ascii_formatd(buf, (gint)len, "%.6f", rate(d, c));
}

/* The runs of rows[] in fold f, joined by ", " for people. */
static char *
fold_runs(const struct crossval_row *rows, unsigned n, unsigned f)
{
	GString *s = g_string_new(NULL);
	unsigned i;

	for (i = 0; i < n; i++)
		if (rows[i].fold == f) {
			char *r = report_safe(rows[i].run);

			g_string_append_printf(s, "%s%s", s->len > 0 ? ", " :
			    "", r);
			g_free(r);
		}
	return g_string_free(s, FALSE);
}

bool
report_crossval(FILE *out, const struct crossval_row *rows, unsigned n,
    unsigned folds, enum report_fmt fmt, GError **err)
{
	GString *o = g_string_new(NULL);
	uint64_t calls = 0, devs = 0, alarmed = 0;
	char r1[G_ASCII_DTOSTR_BUF_SIZE], r2[G_ASCII_DTOSTR_BUF_SIZE];
	unsigned i, f;

	for (i = 0; i < n; i++) {
		g_return_val_if_fail(i == 0 || rows[i - 1].fold <=
		    rows[i].fold, false);
		calls += rows[i].res->calls;
		devs += rows[i].res->devs->len;
		alarmed += rows[i].res->devs->len > 0;
	}
	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (i = 0; i < n; i++) {
			const struct conform_result *res = rows[i].res;
			char *s = report_safe(rows[i].run);

			if (i == 0 || rows[i - 1].fold != rows[i].fold) {
				char *held = fold_runs(rows, n, rows[i].fold);

				g_string_append_printf(o, "fold %u: held out "
				    "%s\n", rows[i].fold, held);
				g_free(held);
			}
			text_devs(o, res);
			g_string_append_printf(o, "%s: fold %u: %" PRIu64
			    " calls, %u deviations, false-positive rate %s\n",
			    s, rows[i].fold, res->calls, res->devs->len,
			    fmt_rate(r1, sizeof(r1), res->devs->len,
			    res->calls));
			g_free(s);
		}
		g_string_append_printf(o, "overall: %u folds, %u runs, %"
		    PRIu64 " calls, %" PRIu64 " deviations, false-positive "
		    "rate %s per call; %" PRIu64 " of %u runs raised an "
		    "alarm (%s)\n", folds, n, calls, devs, fmt_rate(r1,
		    sizeof(r1), devs, calls), alarmed, n, fmt_rate(r2,
		    sizeof(r2), alarmed, n));
		break;
	case REPORT_TSV:
		g_string_append(o, "run\tfold\tcalls\tdeviations\trate\n");
		for (i = 0; i < n; i++) {
			char *s = report_safe(rows[i].run);

			g_string_append_printf(o, "%s\t%u\t%" PRIu64 "\t%u\t%s"
			    "\n", s, rows[i].fold, rows[i].res->calls,
			    rows[i].res->devs->len, fmt_rate(r1, sizeof(r1),
			    rows[i].res->devs->len, rows[i].res->calls));
			g_free(s);
		}
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		char *s;

		json_builder_begin_object(b);
		jint(b, "folds", folds);
		json_builder_set_member_name(b, "held_out");
		json_builder_begin_array(b);
		for (f = 1; f <= folds; f++) {
			json_builder_begin_object(b);
			jint(b, "fold", f);
			json_builder_set_member_name(b, "runs");
			json_builder_begin_array(b);
			for (i = 0; i < n; i++)
				if (rows[i].fold == f) {
					char *r = report_safe(rows[i].run);

					json_builder_add_string_value(b, r);
					g_free(r);
				}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "runs");
		json_builder_begin_array(b);
		for (i = 0; i < n; i++) {
			const struct conform_result *res = rows[i].res;

			json_builder_begin_object(b);
			jstr(b, "run", rows[i].run);
			jint(b, "fold", rows[i].fold);
			json_builder_set_member_name(b, "conforms");
			json_builder_add_boolean_value(b, res->devs->len == 0);
			jint(b, "calls", (int64_t)res->calls);
			jint(b, "images", (int64_t)res->images);
			json_builder_set_member_name(b, "rate");
			json_builder_add_double_value(b,
			    rate(res->devs->len, res->calls));
			json_devs(b, res);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		jint(b, "calls", (int64_t)calls);
		jint(b, "deviations", (int64_t)devs);
		json_builder_set_member_name(b, "rate");
		json_builder_add_double_value(b, rate(devs, calls));
		jint(b, "alarmed_runs", (int64_t)alarmed);
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
		char r[32];

		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(w,
		    (const xmlChar *)"cross-validation");
		xattr_num(w, "folds", folds);
		xattr_num(w, "calls", calls);
		xattr_num(w, "deviations", devs);
		fmt_rate(r, sizeof(r), devs, calls);
		xattr(w, "rate", r);
		xattr_num(w, "alarmed-runs", alarmed);
		for (i = 0; i < n; i++) {
			const struct conform_result *res = rows[i].res;

			xmlTextWriterStartElement(w, (const xmlChar *)"run");
			xattr(w, "name", rows[i].run);
			xattr_num(w, "fold", rows[i].fold);
			xattr_num(w, "calls", res->calls);
			xattr_num(w, "deviations", res->devs->len);
			fmt_rate(r, sizeof(r), res->devs->len, res->calls);
			xattr(w, "rate", r);
			xml_devs(w, res);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
		xml_out(o, buf);
		xmlBufferFree(buf);
		break;
	}
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}

bool
report_policy(FILE *out, const struct policy *p, const char *const *names,
    struct policy_result *const *runs, unsigned n, enum report_fmt fmt,
    GError **err)
{
	GString *o = g_string_new(NULL);
	char pb[16];
	unsigned i;
	guint k;

	switch (fmt) {
	case REPORT_TEXT:
	case REPORT_DOT:
		for (i = 0; i < n; i++) {
			char *name = report_safe(names[i]);

			for (k = 0; k < runs[i]->violations->len; k++) {
				const struct policy_violation *v =
				    runs[i]->violations->pdata[k];
				const char *msg = policy_rule_message(p,
				    v->rule);
				char *f = report_safe(v->file);
				char *c = report_safe(v->call);

				g_string_append_printf(o, "%s:%" PRIu64
				    ": pid %s: rule %s%s%s%s: %s\n", f, v->line,
				    pid_text(v->pid, pb),
				    policy_rule_name(p, v->rule),
				    msg != NULL ? " (" : "", msg != NULL ? msg :
				    "", msg != NULL ? ")" : "", c);
				if (v->assumption != NULL) {
					char *a = report_safe(v->assumption);

					g_string_append_printf(o, "%s:%" PRIu64
					    ": pid %s: assumption: %s\n", f,
					    v->line, pid_text(v->pid, pb), a);
					g_free(a);
				}
				g_free(f);
				g_free(c);
			}
			g_string_append_printf(o, "%s: %s: %" PRIu64 " calls, %"
			    PRIu64 " examined, %u violations%s\n", name,
			    runs[i]->violations->len > 0 ? "violates" :
			    "satisfies", runs[i]->calls, runs[i]->examined,
			    runs[i]->violations->len, runs[i]->truncated ?
			    " (some partial matches dropped)" : "");
			g_free(name);
		}
		break;
	case REPORT_TSV:
		g_string_append(o, "run\tfile\tline\tpid\tprogram\trule\t"
		    "message\tcall\n");
		for (i = 0; i < n; i++)
			for (k = 0; k < runs[i]->violations->len; k++) {
				const struct policy_violation *v =
				    runs[i]->violations->pdata[k];
				const char *msg = policy_rule_message(p,
				    v->rule);
				char *x[5] = { report_safe(names[i]),
				    report_safe(v->file),
				    report_safe(v->program),
				    report_safe(msg != NULL ? msg : ""),
				    report_safe(v->call) };
				unsigned j;

				g_string_append_printf(o, "%s\t%s\t%" PRIu64
				    "\t%s\t%s\t%s\t%s\t%s\n", x[0], x[1],
				    v->line, pid_text(v->pid, pb), x[2],
				    policy_rule_name(p, v->rule), x[3], x[4]);
				for (j = 0; j < 5; j++)
					g_free(x[j]);
			}
		break;
	case REPORT_JSON: {
		JsonBuilder *b = json_builder_new();
		char *s;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "runs");
		json_builder_begin_array(b);
		for (i = 0; i < n; i++) {
			json_builder_begin_object(b);
			jstr(b, "run", names[i]);
			json_builder_set_member_name(b, "satisfies");
			json_builder_add_boolean_value(b,
			    runs[i]->violations->len == 0);
			jint(b, "calls", (int64_t)runs[i]->calls);
			jint(b, "examined", (int64_t)runs[i]->examined);
			json_builder_set_member_name(b, "violations");
			json_builder_begin_array(b);
			for (k = 0; k < runs[i]->violations->len; k++) {
				const struct policy_violation *v =
				    runs[i]->violations->pdata[k];
				const char *msg = policy_rule_message(p,
				    v->rule);

				json_builder_begin_object(b);
				jstr(b, "file", v->file);
				jint(b, "line", (int64_t)v->line);
				jpid(b, v->pid);
				jstr(b, "program", v->program);
				jstr(b, "rule", policy_rule_name(p, v->rule));
				jstr(b, "message", msg != NULL ? msg : "");
				jstr(b, "call", v->call);
				if (v->assumption != NULL)
					jstr(b, "assumption", v->assumption);
				json_builder_end_object(b);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
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

		xmlTextWriterSetIndent(w, 1);
		xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
		xmlTextWriterStartElement(w, (const xmlChar *)"policy-check");
		for (i = 0; i < n; i++) {
			xmlTextWriterStartElement(w, (const xmlChar *)"run");
			xattr(w, "name", names[i]);
			xattr(w, "satisfies", runs[i]->violations->len == 0 ?
			    "true" : "false");
			xattr_num(w, "calls", runs[i]->calls);
			xattr_num(w, "examined", runs[i]->examined);
			for (k = 0; k < runs[i]->violations->len; k++) {
				const struct policy_violation *v =
				    runs[i]->violations->pdata[k];
				const char *msg = policy_rule_message(p,
				    v->rule);

				xmlTextWriterStartElement(w,
				    (const xmlChar *)"violation");
				xattr(w, "file", v->file);
				xattr_num(w, "line", v->line);
				xattr(w, "pid", pid_text(v->pid, pb));
				xattr(w, "program", v->program);
				xattr(w, "rule", policy_rule_name(p, v->rule));
				if (msg != NULL)
					xattr(w, "message", msg);
				if (v->assumption != NULL)
					xattr(w, "assumption", v->assumption);
				{
					char *s = report_safe(v->call);

					xmlTextWriterWriteString(w,
					    (const xmlChar *)s);
					g_free(s);
				}
				xmlTextWriterEndElement(w);
			}
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
		xml_out(o, buf);
		xmlBufferFree(buf);
		break;
	}
	}
	fwrite(o->str, 1, o->len, out);
	g_string_free(o, TRUE);
	return check_stream(out, err);
}
