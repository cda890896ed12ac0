/*
 * tracemine concepts: formal concept analysis of a context, read from a
 * Burmeister or FIMI file, or made of traces (objects) and their
 * normalised accesses (attributes): every concept, the cover edges of the
 * lattice and the attributes each concept introduces, its candidate
 * fingerprint; or only the count, or only the intents.
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
#include "mining/concepts.h"

/* The default of --max-concepts: some seconds and some hundreds of MB. */
#define MAX_CONCEPTS	1000000

static bool
print_intent(void *data, const struct fca_concept *c)
{
	report_intents_add(data, c->intent, c->intent_len);
	return true;
}

/* The context of the traces named by argv; NULL after printing an error. */
static struct fca_context *
traces_context(struct cmd_common *c, struct cmd_norm *nopts, int argc,
    char **argv)
{
	GPtrArray *traces = cmd_traces(argc, argv);
	GPtrArray *sets;
	struct fca_context *ctx = NULL;
	const char **names;

	if (traces == NULL)
		return NULL;
	sets = g_ptr_array_new_with_free_func((GDestroyNotify)access_set_free);
	names = g_new0(const char *, traces->len + 1);
	for (unsigned i = 0; i < traces->len; i++) {
		struct access_set *s = cmd_load(c, nopts, traces->pdata[i]);
		if (s == NULL)
			goto out;
		g_ptr_array_add(sets, s);
		names[i] = argc > 0 ? argv[i] : "-";
	}
	ctx = fca_context_from_sets(names,
	    (const struct access_set *const *)sets->pdata, sets->len);
out:
	g_free(names);
	g_ptr_array_free(sets, TRUE);
	g_ptr_array_free(traces, TRUE);
	return ctx;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { .allow_dot = true };
	struct cmd_norm nopts = { 0 };
	gboolean count = FALSE, dot = FALSE, intents = FALSE, traces = FALSE;
	char *max_text = NULL;
	const GOptionEntry extra[] = {
		{ "count", 'c', 0, G_OPTION_ARG_NONE, &count,
		    "Print only the number of concepts", NULL },
		{ "dot", 0, 0, G_OPTION_ARG_NONE, &dot,
		    "Draw the Hasse diagram in DOT (as -f dot)", NULL },
		{ "intents", 0, 0, G_OPTION_ARG_NONE, &intents,
		    "Print only the intents, one a line, as they are found",
		    NULL },
		{ "max-concepts", 0, 0, G_OPTION_ARG_STRING, &max_text,
		    "Build no lattice of more than N concepts (default "
		    G_STRINGIFY(MAX_CONCEPTS) ", 0 for no bound)", "N" },
		{ "traces", 't', 0, G_OPTION_ARG_NONE, &traces,
		    "The files are strace logs, one trace each", NULL },
		{ NULL }
	};
	struct fca_context *ctx = NULL;
	struct fca_lattice_opts lopts = { .max_concepts = MAX_CONCEPTS };
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
	if (!traces && argc > 2) {
		status = cmd_usage_error(self, "one context file at a time "
		    "(-t reads strace logs)");
		goto out;
	}
	if (traces)
		ctx = traces_context(&c, &nopts, argc - 1, argv + 1);
	else if ((ctx = fca_context_read(argc > 1 ? argv[1] : "-",
	    &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
	}
	if (ctx == NULL)
		goto out;

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
		ok = report_lattice(stdout, l, c.fmt, &err);
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
	g_free(max_text);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_concepts_entry = {
	.name = "concepts",
	.summary = "Find the formal concepts of a context or of traces, the "
	    "lattice's cover edges and candidate fingerprints",
	.usage = "concepts [-cqt] " NORM_USAGE " [--dot] [--intents] "
	    "[--max-concepts=n] [--strict] " WINDOW_USAGE " [file ...]",
	.run = run,
};
