/*
 * tracemine solve: a set equation and a fingerprint for each label of a
 * labels file (Ganapathy, Jaeger, Jha, S&P 2006): reads the labels and
 * every trace they name, solves each label over the label matrix
 * (mining/solve.h), evaluates the equation over the traces' sets of
 * accesses and prints it through report/.
 *
 * Exit status: 0 every label asked for is exact (mining/verdict.h: an
 * equation that isolates it and a fingerprint of at least one access that
 * is not the experiment's input), 1 some is not (inseparable,
 * indistinguishable, empty or input-only: the status says which), 2
 * trouble.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "mining/solve.h"
#include "mining/verdict.h"
#include "trace/labels.h"

/* The labels asked for (all when names is NULL); NULL after an error. */
static GArray *
wanted(const struct labels *lab, char **names)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(guint));

	if (names == NULL) {
		for (guint j = 0; j < labels_n_labels(lab); j++)
			g_array_append_val(v, j);
		return v;
	}
	for (char **n = names; *n != NULL; n++) {
		int j = labels_find(lab, *n);
		if (j < 0) {
			GString *all = g_string_new(NULL);
			for (unsigned k = 0; k < labels_n_labels(lab); k++)
				g_string_append_printf(all, "%s%s", k ? ", " :
				    "", labels_label(lab, k));
			cmd_error("%s: no trace has the label '%s'; the labels "
			    "are: %s", labels_file(lab), *n, all->str);
			g_string_free(all, TRUE);
			g_array_free(v, TRUE);
			return NULL;
		}
		bool dup = false;
		for (unsigned k = 0; k < v->len; k++)
			dup |= g_array_index(v, guint, k) == (guint)j;
		if (!dup) {
			guint u = (guint)j;
			g_array_append_val(v, u);
		}
	}
	return v;
}

#define MAX_ROUNDS 10

/*
 * Solves every wanted label over m into eqs, fps and vds (emptied first):
 * the equation of the fewest traces, narrowed when asked, its fingerprint
 * by vote with tolerance tol, the verdict on it.  Whether every label is
 * exact.
 */
static bool
solve_all(const struct solve_matrix *m, const GArray *want,
    const GPtrArray *sets, bool narrow, double tol, GPtrArray *eqs,
    GPtrArray *fps, GPtrArray *vds)
{
	bool all_exact = true;

	g_ptr_array_set_size(eqs, 0);
	g_ptr_array_set_size(fps, 0);
	g_ptr_array_set_size(vds, 0);
	for (unsigned k = 0; k < want->len; k++) {
		struct solve_fingerprint *fp;
		struct solve_equation *eq = solve_label_smallest(m,
		    g_array_index(want, guint, k),
		    (const struct access_set *const *)sets->pdata,
		    SOLVE_ALTERNATIVES, NULL, &fp);

		if (narrow)
			solve_equation_narrow(eq, m);
		if (narrow || tol > 0) {
			solve_fingerprint_free(fp);
			fp = solve_fingerprint_vote(eq, m,
			    (const struct access_set *const *)sets->pdata,
			    tol);
		}
		struct solve_verdict *v = solve_verdict_new(m, eq, fp,
		    (const struct access_set *const *)sets->pdata, tol);

		all_exact &= v->status == SOLVE_EXACT;
		g_ptr_array_add(eqs, eq);
		g_ptr_array_add(fps, fp);
		g_ptr_array_add(vds, v);
	}
	return all_exact;
}

/* The size of the whole traces of each equation, when sets hold parts. */
static void
set_whole(const GPtrArray *eqs, GPtrArray *fps, const GPtrArray *whole)
{
	for (guint k = 0; k < eqs->len; k++) {
		const struct solve_equation *eq = eqs->pdata[k];
		struct solve_fingerprint *fp = fps->pdata[k];
		GPtrArray *v = g_ptr_array_new();
		struct access_set *u;

		for (guint i = 0; i < eq->intersect->len; i++)
			g_ptr_array_add(v, whole->pdata[g_array_index(
			    eq->intersect, guint, i)]);
		for (guint i = 0; i < eq->subtract->len; i++)
			g_ptr_array_add(v, whole->pdata[g_array_index(
			    eq->subtract, guint, i)]);
		u = access_set_apply(ACCESS_UNION,
		    (const struct access_set *const *)v->pdata, v->len, false);
		fp->whole = access_set_size(u);
		access_set_free(u);
		g_ptr_array_free(v, TRUE);
	}
}

/* The columns of the terminal standard output is, or 0 when it is none. */
static unsigned
terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { 0 };
	struct cmd_norm nopts = { 0 };
	gboolean explain = FALSE, narrow = FALSE, fewest = FALSE, check = FALSE;
	gboolean summary = FALSE, details = FALSE;
	char **names = NULL, *tol_text = NULL;
	double tol = 0;
	const GOptionEntry extra[] = {
		{ "check", 0, 0, G_OPTION_ARG_NONE, &check,
		    "Name the traces whose labels disagree with the "
		    "fingerprints, and the relabelling (text, tsv)", NULL },
		{ "details", 0, 0, G_OPTION_ARG_NONE, &details,
		    "Text: each label's equation and fingerprint before the "
		    "summary, also on a terminal", NULL },
		{ "explain", 'e', 0, G_OPTION_ARG_NONE, &explain,
		    "Print each step with its accesses and labels", NULL },
		{ "fewest", 0, 0, G_OPTION_ARG_NONE, &fewest,
		    "The equation of the fewest traces only, not narrowed",
		    NULL },
		{ "label", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &names,
		    "Solve for this label only (may be repeated)", "LABEL" },
		{ "narrow", 0, 0, G_OPTION_ARG_NONE, &narrow,
		    "Add every trace that keeps the labels to the equation "
		    "(the default)", NULL },
		{ "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
		    "Text: the summary table only (the default on a "
		    "terminal)", NULL },
		{ "tolerance", 0, 0, G_OPTION_ARG_STRING, &tol_text,
		    "Keep an access in 1-T of the intersected traces and in "
		    "fewer subtracted ones than T times those (0 <= T < 0.5)",
		    "T" },
		{ NULL }
	};
	int status = EXIT_TROUBLE;
	struct labels *lab = NULL;
	struct solve_matrix *m = NULL;
	GArray *want = NULL;
	GPtrArray *sets = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)access_set_free);
	GPtrArray *eqs = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)solve_equation_free);
	GPtrArray *fps = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)solve_fingerprint_free);
	GPtrArray *vds = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)solve_verdict_free);
	struct report_solve_opts ropts = { 0 };
	GError *err = NULL;
	GPtrArray *whole = NULL;
	char **words = NULL;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, extra))
		goto out;
	if (argc != 2) {
		status = cmd_usage_error(self, argc < 2 ? "no labels file "
		    "given" : "one labels file only");
		goto out;
	}
	if (fewest && narrow) {
		status = cmd_usage_error(self, "--fewest and --narrow ask for "
		    "different equations; give one");
		goto out;
	}
	if (summary && details) {
		status = cmd_usage_error(self, "--summary and --details ask "
		    "for different text; give one");
		goto out;
	}
	narrow = !fewest;
	ropts.explain = explain;
	ropts.options = (const char *const *)(words = cmd_norm_words(&nopts));
	ropts.width = terminal_width();
	ropts.summary = summary || (ropts.width > 0 && !details && !explain);
	if (check && c.fmt != REPORT_TEXT && c.fmt != REPORT_TSV) {
		status = cmd_usage_error(self, "--check prints text or tsv "
		    "only");
		goto out;
	}
	if (tol_text != NULL) {
		char *end;

		tol = g_ascii_strtod(tol_text, &end);
		if (end == tol_text || *end != '\0' || !(tol >= 0 &&
		    tol < 0.5)) {
			status = cmd_usage_error(self, "--tolerance: expected a "
			    "number from 0 to below 0.5, found '%s'",
			    tol_text);
			goto out;
		}
	}
	if ((lab = labels_read(argv[1], &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if (labels_n_labels(lab) == 0) {
		cmd_error("%s: expected a trace with a label, found none",
		    labels_file(lab));
		goto out;
	}
	if ((want = wanted(lab, names)) == NULL)
		goto out;
	for (unsigned i = 0; i < labels_n_traces(lab); i++) {
		struct access_set *s = cmd_load_labelled(&c, &nopts, lab, i);
		if (s == NULL)
			goto out;
		g_ptr_array_add(sets, s);
	}
	if (nopts.marker != NULL || nopts.window != NULL ||
	    labels_have_parts(lab)) {
		/* the whole traces too, for the sizes before the parts */
		struct cmd_norm all = nopts;

		all.marker = all.window = NULL;
		whole = g_ptr_array_new_with_free_func(
		    (GDestroyNotify)access_set_free);
		for (unsigned i = 0; i < labels_n_traces(lab); i++) {
			struct access_set *s = cmd_load(&c, &all,
			    labels_trace_files(lab, i));
			if (s == NULL)
				goto out;
			g_ptr_array_add(whole, s);
		}
	}
	m = solve_matrix_new(labels_n_traces(lab), labels_n_labels(lab));
	for (unsigned i = 0; i < labels_n_traces(lab); i++)
		for (unsigned j = 0; j < labels_n_labels(lab); j++)
			if (labels_has(lab, i, j))
				solve_matrix_set(m, i, j);
	bool all_exact = solve_all(m, want, sets, narrow, tol, eqs, fps, vds);
	if (whole != NULL)
		set_whole(eqs, fps, whole);
	if (check) {
		/*
		 * Instead of the fingerprints, the labels that look wrong:
		 * relabel by the fingerprints and solve again until the
		 * labels agree with them (at most MAX_ROUNDS times), then
		 * say how the labels given differ from the last ones.
		 */
		struct solve_matrix *orig = solve_matrix_new(
		    solve_matrix_traces(m), solve_matrix_labels(m));
		GArray *rel = NULL;
		unsigned round;

		for (unsigned i = 0; i < solve_matrix_traces(m); i++)
			for (unsigned j = 0; j < solve_matrix_labels(m); j++)
				if (solve_matrix_has(m, i, j))
					solve_matrix_set(orig, i, j);
		for (round = 0; round < MAX_ROUNDS; round++) {
			rel = solve_check_labels(m,
			    (const struct access_set *const *)sets->pdata,
			    (const guint *)(void *)want->data,
			    (struct solve_fingerprint *const *)fps->pdata,
			    want->len);
			if (rel->len == 0)
				break;
			for (guint i = 0; i < rel->len; i++) {
				const struct solve_relabel *r = &g_array_index(
				    rel, struct solve_relabel, i);

				if (r->add)
					solve_matrix_set(m, r->trace, r->label);
				else
					solve_matrix_clear(m, r->trace,
					    r->label);
			}
			g_array_free(rel, TRUE);
			rel = NULL;
			solve_all(m, want, sets, narrow, tol, eqs, fps, vds);
		}
		if (rel != NULL)
			g_array_free(rel, TRUE);
		if (round == MAX_ROUNDS)
			cmd_error("%s: the labels did not settle in %u rounds; "
			    "the last ones are shown", labels_file(lab),
			    MAX_ROUNDS);
		rel = solve_check_labels(orig,
		    (const struct access_set *const *)sets->pdata,
		    (const guint *)(void *)want->data,
		    (struct solve_fingerprint *const *)fps->pdata, want->len);
		if (!report_relabel(stdout, lab, rel, c.fmt, &err)) {
			cmd_error("%s", err->message);
			g_error_free(err);
		} else if (cmd_close_stdout()) {
			status = rel->len == 0 ? EXIT_NOTHING : EXIT_FOUND;
		}
		g_array_free(rel, TRUE);
		solve_matrix_free(orig);
	} else if (!report_solve(stdout, lab, m,
	    (struct solve_equation *const *)eqs->pdata,
	    (struct solve_fingerprint *const *)fps->pdata,
	    (struct solve_verdict *const *)vds->pdata, eqs->len, &ropts,
	    c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = all_exact ? EXIT_NOTHING : EXIT_FOUND;
	}
out:
	g_ptr_array_free(vds, TRUE);
	g_ptr_array_free(fps, TRUE);
	g_ptr_array_free(eqs, TRUE);
	g_ptr_array_free(sets, TRUE);
	if (whole != NULL)
		g_ptr_array_free(whole, TRUE);
	if (want != NULL)
		g_array_free(want, TRUE);
	solve_matrix_free(m);
	labels_free(lab);
	g_strfreev(names);
	g_strfreev(words);
	g_free(tol_text);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_solve_entry = {
	.name = "solve",
	.summary = "Find a set equation and a fingerprint for each label of "
	    "a labels file",
	.usage = "solve [-eq] " NORM_USAGE " [-l label] [--check] "
	    "[--details | --summary] [--fewest | --narrow] [--strict] "
	    "[--tolerance=t] " WINDOW_USAGE " labels",
	.exit_status = "0 every label is exact (a non-empty fingerprint that "
	    "isolates it), 1 some is not, 2 trouble",
	.run = run,
};
