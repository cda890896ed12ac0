/*
 * tracemine concepts: formal concept analysis of a context, read from a
 * Burmeister or FIMI file, or made of traces (objects) and their
 * normalised accesses (attributes): every concept, the cover edges of the
 * lattice and what each concept introduces (the attributes, its candidate
 * fingerprint, and the objects), whole extents and intents with --full;
 * or only the count, or only the intents.  With --labels, the traces of a
 * labels file, and each label naming the concept its traces generate
 * (mining/conceptlabels.h); with --min-support, the concepts of fewer
 * objects left out.
 *
 * The lattice holds every concept, and a context of n objects may have
 * 2^n: it is built only up to --max-concepts (MAX_CONCEPTS by default);
 * --count and --intents hold one concept at a time and need no bound.
 *
 * Exit status: 0 on success, 2 on trouble (bad usage, unreadable or
 * malformed input, a lattice over the bound); nothing is printed on
 * trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mining/conceptlabels.h"
#include "mining/concepts.h"
#include "trace/labels.h"

/* The default of --max-concepts: some seconds and some hundreds of MB. */
#define MAX_CONCEPTS	1000000

static bool
print_intent(void *data, const struct fca_concept *c)
{
	report_intents_add(data, c->intent, c->intent_len);
	return true;
}

/*
 * The context of the traces named by argv, or with lab and no argv, of
 * the traces of lab; with lab, *has is set to the labels of each object
 * (objects times labels, g_free()).  NULL after printing an error.
 */
static struct fca_context *
traces_context(struct cmd_common *c, struct cmd_norm *nopts, int argc,
    char **argv, const struct labels *lab, bool **has)
{
	GPtrArray *traces = NULL;
	GPtrArray *sets;
	struct fca_context *ctx = NULL;
	const char **names;
	unsigned n, nl = lab != NULL ? labels_n_labels(lab) : 0;
	int *which = NULL;	/* the labels file's trace of each object */

	if (lab == NULL || argc > 0) {
		if ((traces = cmd_traces(argc, argv)) == NULL)
			return NULL;
		n = traces->len;
	} else {
		n = labels_n_traces(lab);
	}
	sets = g_ptr_array_new_with_free_func((GDestroyNotify)access_set_free);
	names = g_new0(const char *, n + 1);
	which = g_new0(int, n + 1);
	if (lab != NULL && traces != NULL) {
		/* Each trace named is found in the labels file by its
		 * absolute, canonical path, as the labels reader keys them. */
		GHashTable *byp = g_hash_table_new_full(g_str_hash,
		    g_str_equal, g_free, NULL);

		for (unsigned i = 0; i < labels_n_traces(lab); i++)
			g_hash_table_insert(byp, g_canonicalize_filename(
			    labels_trace_path(lab, i), NULL),
			    GUINT_TO_POINTER(i + 1));
		for (unsigned i = 0; i < n; i++) {
			char *key = g_canonicalize_filename(argv[i], NULL);
			gpointer v = g_hash_table_lookup(byp, key);

			g_free(key);
			if (v == NULL) {
				cmd_error("%s: not a trace of the labels file "
				    "%s", argv[i], labels_file(lab));
				g_hash_table_destroy(byp);
				goto out;
			}
			which[i] = (int)GPOINTER_TO_UINT(v) - 1;
		}
		g_hash_table_destroy(byp);
	} else if (lab != NULL) {
		for (unsigned i = 0; i < n; i++)
			which[i] = (int)i;
	}
	for (unsigned i = 0; i < n; i++) {
		/* A trace of the labels file is read as it says: the part
		 * it labels, when it names one, and named by it. */
		struct access_set *s = lab != NULL ? cmd_load_labelled(c,
		    nopts, lab, (unsigned)which[i]) : cmd_load(c, nopts,
		    traces->pdata[i]);
		if (s == NULL)
			goto out;
		g_ptr_array_add(sets, s);
		if (lab != NULL && labels_trace_part(lab,
		    (unsigned)which[i]) != NULL)
			names[i] = labels_trace_name(lab, (unsigned)which[i]);
		else
			names[i] = traces == NULL ? labels_trace_path(lab, i) :
			    argc > 0 ? argv[i] : "-";
	}
	ctx = fca_context_from_sets(names,
	    (const struct access_set *const *)sets->pdata, sets->len);
	if (lab != NULL) {
		*has = g_new0(bool, (size_t)n * nl + 1);
		for (unsigned i = 0; i < n; i++)
			for (unsigned j = 0; j < nl; j++)
				(*has)[(size_t)i * nl + j] = labels_has(lab,
				    (unsigned)which[i], j);
	}
out:
	g_free(which);
	g_free(names);
	g_ptr_array_free(sets, TRUE);
	if (traces != NULL)
		g_ptr_array_free(traces, TRUE);
	return ctx;
}

/*
 * The minimum support of --min-support=text for a context of n objects:
 * a number of objects, or with a '.' a fraction of them from 0 to 1,
 * rounded up.  false when text is neither.
 */
static bool
min_support(const char *text, unsigned n, uint64_t *out)
{
	char *end;

	errno = 0;
	if (strchr(text, '.') != NULL) {
		double f = g_ascii_strtod(text, &end);

		if (end == text || *end != '\0' || errno != 0 ||
		    !g_ascii_isdigit(text[0]) || !(f >= 0 && f <= 1))
			return false;
		/* rounded up, but 0.1 of 30 is 3, not 4 */
		*out = (uint64_t)(f * n);
		if ((double)*out < f * n - 1e-9)
			(*out)++;
		return true;
	}
	*out = g_ascii_strtoull(text, &end, 10);
	return end != text && *end == '\0' && errno == 0 &&
	    g_ascii_isdigit(text[0]);
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { .allow_dot = true };
	struct cmd_norm nopts = { 0 };
	gboolean count = FALSE, dot = FALSE, intents = FALSE, traces = FALSE;
	gboolean full = FALSE;
	char *max_text = NULL, *labels_path = NULL, *support_text = NULL;
	const GOptionEntry extra[] = {
		{ "count", 'c', 0, G_OPTION_ARG_NONE, &count,
		    "Print only the number of concepts", NULL },
		{ "dot", 0, 0, G_OPTION_ARG_NONE, &dot,
		    "Draw the Hasse diagram in DOT (as -f dot)", NULL },
		{ "full", 0, 0, G_OPTION_ARG_NONE, &full,
		    "Print whole extents and intents; draw every concept",
		    NULL },
		{ "intents", 0, 0, G_OPTION_ARG_NONE, &intents,
		    "Print only the intents, one a line, as they are found",
		    NULL },
		{ "labels", 0, 0, G_OPTION_ARG_FILENAME, &labels_path,
		    "Name concepts by the labels of their traces (implies -t)",
		    "FILE" },
		{ "max-concepts", 0, 0, G_OPTION_ARG_STRING, &max_text,
		    "Build no lattice of more than N concepts (default "
		    G_STRINGIFY(MAX_CONCEPTS) ", 0 for no bound)", "N" },
		{ "min-support", 0, 0, G_OPTION_ARG_STRING, &support_text,
		    "Leave out concepts of fewer than N objects (or a "
		    "fraction of them, 0.1)", "N" },
		{ "traces", 't', 0, G_OPTION_ARG_NONE, &traces,
		    "The files are strace logs, one trace each", NULL },
		{ NULL }
	};
	struct fca_context *ctx = NULL;
	struct fca_lattice_opts lopts = { .max_concepts = MAX_CONCEPTS };
	struct report_lattice_opts ropts = { 0 };
	struct labels *lab = NULL;
	bool *has = NULL;
	int status = EXIT_TROUBLE;
	GError *err = NULL;
	bool ok;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, extra))
		return EXIT_TROUBLE;
	if (dot) {
		if (c.format != NULL && c.fmt != REPORT_DOT) {
			status = cmd_usage_error(self, "--dot and -f %s "
			    "disagree", c.format);
			goto out;
		}
		c.fmt = REPORT_DOT;
	}
	if (count && intents) {
		status = cmd_usage_error(self, "--count and --intents "
		    "exclude each other");
		goto out;
	}
	if (c.fmt == REPORT_TSV || (c.fmt == REPORT_DOT && (count ||
	    intents)) || (intents && c.fmt != REPORT_TEXT)) {
		status = cmd_usage_error(self, "%s prints as %s",
		    count ? "--count" : intents ? "--intents" :
		    "a lattice", count ? "text, json or xml" : intents ?
		    "text only" : "text, json, xml or dot");
		goto out;
	}
	if (max_text != NULL) {
		char *end;
		guint64 v;

		errno = 0;
		v = g_ascii_strtoull(max_text, &end, 10);
		if (end == max_text || *end != '\0' || errno != 0 ||
		    !g_ascii_isdigit(max_text[0])) {
			status = cmd_usage_error(self, "--max-concepts: "
			    "expected a number of concepts (0 for no bound), "
			    "found '%s'", max_text);
			goto out;
		}
		if (count || intents) {
			status = cmd_usage_error(self, "--max-concepts bounds "
			    "the lattice; %s holds one concept at a time",
			    count ? "--count" : "--intents");
			goto out;
		}
		lopts.max_concepts = v;
	}
	if ((count || intents) && (full || labels_path != NULL ||
	    support_text != NULL)) {
		status = cmd_usage_error(self, "%s prints no lattice; %s is "
		    "for one", count ? "--count" : "--intents", full ?
		    "--full" : labels_path != NULL ? "--labels" :
		    "--min-support");
		goto out;
	}
	if (support_text != NULL && !min_support(support_text, 0,
	    &ropts.min_support)) {
		status = cmd_usage_error(self, "--min-support: expected a "
		    "number of objects, or a fraction of them from 0 to 1, "
		    "found '%s'", support_text);
		goto out;
	}
	if (labels_path != NULL)
		traces = TRUE;
	if (!traces && argc > 2) {
		status = cmd_usage_error(self, "one context file at a time "
		    "(-t reads strace logs)");
		goto out;
	}
	if (labels_path != NULL) {
		if ((lab = labels_read(labels_path, &err)) == NULL) {
			cmd_error("%s", err->message);
			g_error_free(err);
			goto out;
		}
	}
	if (traces)
		ctx = traces_context(&c, &nopts, argc - 1, argv + 1, lab, &has);
	else if ((ctx = fca_context_read(argc > 1 ? argv[1] : "-",
	    &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
	}
	if (ctx == NULL)
		goto out;
	if (support_text != NULL)
		min_support(support_text, fca_context_objects(ctx),
		    &ropts.min_support);
	ropts.full = full;
	ropts.short_objects = traces;

	if (count) {
		ok = report_concept_count(stdout, fca_count(ctx), c.fmt, &err);
	} else if (intents) {
		struct report_intents *ri = report_intents_begin(stdout, ctx);
		fca_enumerate(ctx, print_intent, ri);
		ok = report_intents_end(ri, &err);
	} else {
		struct fca_lattice *l = fca_lattice_build(ctx, &lopts, &err);
		if (l == NULL) {
			cmd_error("%s%s%s; --max-concepts=N raises the bound, "
			    "and --count and --intents need none", traces ?
			    "" : argc > 1 ? argv[1] : "-", traces ? "" : ": ",
			    err->message);
			g_error_free(err);
			goto out;
		}
		struct concept_labels *cl = NULL;

		if (lab != NULL) {
			const char **ln = g_new0(const char *,
			    labels_n_labels(lab) + 1);

			for (unsigned j = 0; j < labels_n_labels(lab); j++)
				ln[j] = labels_label(lab, j);
			cl = concept_labels_new(l, ln, labels_n_labels(lab),
			    has);
			g_free(ln);
		}
		ropts.labels = cl;
		ok = report_lattice(stdout, l, &ropts, c.fmt, &err);
		concept_labels_free(cl);
		fca_lattice_free(l);
	}
	if (!ok) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = EXIT_NOTHING;
	}
out:
	fca_context_free(ctx);
	labels_free(lab);
	g_free(has);
	g_free(labels_path);
	g_free(support_text);
	g_free(max_text);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_concepts_entry = {
	.name = "concepts",
	.summary = "Find the formal concepts of a context or of traces, the "
	    "lattice's cover edges and candidate fingerprints",
	.usage = "concepts [-cqt] " NORM_USAGE " [--dot] [--full] "
	    "[--intents] [--labels=file] [--max-concepts=n] "
	    "[--min-support=n] [--strict] " WINDOW_USAGE " [file ...]",
	.run = run,
};
