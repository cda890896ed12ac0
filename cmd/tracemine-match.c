/*
 * tracemine match: which operations traces perform, and where, given the
 * fingerprints "tracemine solve" wrote (in any of its formats): an
 * operation is performed when a trace makes the accesses of its
 * fingerprint, all of them or --min-fraction of them (mining/match.h).
 * Traces are normalised with the options the fingerprints file records,
 * unless options are given here.  With --labels, the answers are scored
 * against the labels of the traces (those of the labels file, each with
 * its part, when no trace is named).
 *
 * Exit status, as grep's: 0 some trace performs some operation, 1 none
 * does, 2 trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mining/match.h"
#include "trace/labels.h"

static void
add(void *ctx, const char *text, size_t len, const char *file, uint64_t line)
{
	matcher_add(ctx, text, len, file, line);
}

/* "W W W", or "the defaults" (transfer full). */
static char *
words_text(const char *const *w)
{
	if (w == NULL || w[0] == NULL)
		return g_strdup("the defaults");
	GString *o = g_string_new(NULL);
	for (; *w != NULL; w++) {
		char *e = fingerprints_option_escape(*w);
		g_string_append_printf(o, "%s%s", o->len ? " " : "", e);
		g_free(e);
	}
	return g_string_free(o, FALSE);
}

static bool
same_words(const char *const *a, const char *const *b)
{
	for (; *a != NULL && *b != NULL; a++, b++)
		if (strcmp(*a, *b) != 0)
			return false;
	return *a == NULL && *b == NULL;
}

/*
 * The normalisation: the options the fingerprints file records, unless
 * some are given here (then a warning when they differ).  false after
 * printing an error.
 */
static bool
normalisation(const struct cmd_common *c, struct cmd_norm *nopts,
    const struct fingerprints *fp)
{
	uint64_t line, col;
	const char *const *rec = fingerprints_options(fp, &line, &col);
	GError *err = NULL;

	if (!cmd_norm_given(nopts)) {
		if (cmd_norm_from_words(rec, nopts, &err))
			return true;
		cmd_error("%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": "
		    "expected normalisation options this tracemine knows, "
		    "found: %s", fingerprints_name(fp), line, col,
		    err->message);
		g_error_free(err);
		return false;
	}
	char **given = cmd_norm_words(nopts);
	if (!same_words(rec, (const char *const *)given) && !c->quiet) {
		char *r = words_text(rec);
		char *g = words_text((const char *const *)given);
		cmd_diag("warning: %s: the fingerprints were mined with %s, "
		    "the traces are normalised with %s: an access normalised "
		    "otherwise is not found", fingerprints_name(fp), r, g);
		g_free(r);
		g_free(g);
	}
	g_strfreev(given);
	return true;
}

/* One trace to match: its files, its part, how it is named. */
struct job {
	char **files;		/* borrowed */
	char *name;
	int index;		/* in the labels file, or -1 */
};

static void
job_free(struct job *j)
{
	g_free(j->name);
	g_free(j);
}

static struct job *
job_labelled(const struct labels *lab, unsigned i)
{
	struct job *j = g_new0(struct job, 1);
	const struct labels_part *p = labels_trace_part(lab, i);

	j->files = labels_trace_files(lab, i);
	j->index = (int)i;
	j->name = p == NULL ? g_strdup(labels_trace_path(lab, i)) :
	    g_strdup_printf("%s[%s]", labels_trace_path(lab, i), p->text);
	return j;
}

/*
 * The traces to match: those named (with --labels, every entry of the
 * labels file for the same file), or every trace of the labels file.
 * NULL after printing an error.
 */
static GPtrArray *
jobs(const struct labels *lab, GPtrArray *traces, int argc, char **argv)
{
	GPtrArray *v = g_ptr_array_new_with_free_func((GDestroyNotify)job_free);

	if (lab == NULL) {
		for (unsigned i = 0; i < traces->len; i++) {
			struct job *j = g_new0(struct job, 1);
			j->files = traces->pdata[i];
			j->name = g_strdup(argv[i]);
			j->index = -1;
			g_ptr_array_add(v, j);
		}
		return v;
	}
	if (argc == 0) {
		for (unsigned i = 0; i < labels_n_traces(lab); i++)
			g_ptr_array_add(v, job_labelled(lab, i));
		return v;
	}
	for (int a = 0; a < argc; a++) {
		char *want = g_canonicalize_filename(argv[a], NULL);
		bool found = false;
		for (unsigned i = 0; i < labels_n_traces(lab); i++) {
			char *have = g_canonicalize_filename(
			    labels_trace_path(lab, i), NULL);
			if (strcmp(want, have) == 0) {
				g_ptr_array_add(v, job_labelled(lab, i));
				found = true;
			}
			g_free(have);
		}
		g_free(want);
		if (!found) {
			cmd_error("%s: not a trace of the labels file %s",
			    argv[a], labels_file(lab));
			g_ptr_array_free(v, TRUE);
			return NULL;
		}
	}
	return v;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { 0 };
	struct cmd_norm nopts = { 0 };
	char *labels_path = NULL, *fraction_text = NULL;
	const GOptionEntry extra[] = {
		{ "labels", 0, 0, G_OPTION_ARG_FILENAME, &labels_path,
		    "Score the answers against this labels file (its traces "
		    "when none is named)", "FILE" },
		{ "min-fraction", 0, 0, G_OPTION_ARG_STRING, &fraction_text,
		    "An operation is performed when at least this fraction "
		    "of its fingerprint's accesses occur (0 < F <= 1, "
		    "default 1)", "F" },
		{ NULL }
	};
	struct matcher_opts mo = { .min_fraction = 1 };
	int status = EXIT_TROUBLE;
	struct fingerprints *fp = NULL;
	struct labels *lab = NULL;
	struct match_score *score = NULL;
	GPtrArray *traces = NULL, *todo = NULL;
	GPtrArray *matchers = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)matcher_free);
	struct report_match_trace *rows = NULL;
	GError *err = NULL;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, extra))
		goto out;
	if (argc < 2 || (argc < 3 && labels_path == NULL)) {
		status = cmd_usage_error(self, "%s", argc < 2 ? "a "
		    "fingerprints file is needed" : "a trace is needed (or "
		    "--labels)");
		goto out;
	}
	if (fraction_text != NULL) {
		char *end;
		mo.min_fraction = g_ascii_strtod(fraction_text, &end);
		if (end == fraction_text || *end != '\0' ||
		    !(mo.min_fraction > 0 && mo.min_fraction <= 1)) {
			status = cmd_usage_error(self, "--min-fraction: "
			    "expected a number above 0 and at most 1, found "
			    "'%s'", fraction_text);
			goto out;
		}
	}
	if ((fp = fingerprints_read(argv[1], &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if (labels_path != NULL && (lab = labels_read(labels_path, &err)) ==
	    NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if (argc > 2 && (traces = cmd_traces(argc - 2, argv + 2)) == NULL)
		goto out;
	if ((todo = jobs(lab, traces, argc - 2, argv + 2)) == NULL)
		goto out;
	if (!normalisation(&c, &nopts, fp))
		goto out;
	if (lab != NULL)
		score = match_score_new(fp);
	rows = g_new0(struct report_match_trace, todo->len);
	bool any = false;
	for (unsigned i = 0; i < todo->len; i++) {
		const struct job *j = todo->pdata[i];
		struct matcher *m = matcher_new(fp, &mo);
		struct cmd_norm no = nopts;

		g_ptr_array_add(matchers, m);
		if (j->index >= 0)
			cmd_norm_for_trace(&nopts, lab, (unsigned)j->index, &no);
		if (!cmd_each_access(&c, &no, j->files, add, m))
			goto out;
		const GPtrArray *ops = matcher_finish(m);
		for (unsigned k = 0; k < ops->len; k++)
			any |= ((const struct match_op *)ops->pdata[k])->performed;
		rows[i] = (struct report_match_trace){ .name = j->name,
		    .ops = ops, .lab = j->index >= 0 ? lab : NULL,
		    .index = j->index >= 0 ? (unsigned)j->index : 0 };
		if (score != NULL)
			match_score_add(score, ops, lab, (unsigned)j->index,
			    j->name);
	}
	if (!report_match(stdout, rows, todo->len, mo.min_fraction, score,
	    c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = any ? 0 : 1;	/* as grep: 0 when found */
	}
out:
	g_free(rows);
	match_score_free(score);
	g_ptr_array_free(matchers, TRUE);
	if (todo != NULL)
		g_ptr_array_free(todo, TRUE);
	if (traces != NULL)
		g_ptr_array_free(traces, TRUE);
	labels_free(lab);
	fingerprints_free(fp);
	g_free(labels_path);
	g_free(fraction_text);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_match_entry = {
	.name = "match",
	.summary = "Say which operations traces perform, from solve's "
	    "fingerprints, and score the answers against labels",
	.usage = "match [-q] " NORM_USAGE " [--labels=file] "
	    "[--min-fraction=f] [--strict] " WINDOW_USAGE
	    " fingerprints [trace ...]",
	.exit_status = "0 some trace performs some operation, 1 none does "
	    "(as grep's), 2 trouble",
	.run = run,
};
