/*
 * efsa-learn: learn EFSA models of programs from strace logs, one log per
 * run, and optionally measure by cross-validation how often the model
 * would raise a false alarm.
 *
 * Exit status: 0 done (with --cross-validate: no held-out run deviated),
 * 1 some held-out run deviated, 2 trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mining/learn.h"

struct learn_cmd {
	struct cmd_common c;
	struct learn_opts lo;
	char *output, *states;
	int k, threshold, folds;
	gboolean minimize, exact_inputs;
};

/* Learns from the runs whose index is not in fold (all when fold < 0). */
static struct efsa_set *
learn(struct learn_cmd *lc, GPtrArray *runs, int fold)
{
	struct learner *l = learner_new(&lc->lo);
	struct efsa_set *set = NULL;
	guint i;

	for (i = 0; i < runs->len; i++) {
		char **files = runs->pdata[i];
		struct strace_reader *r;
		GError *err = NULL;
		bool ok;

		if (fold >= 0 && (int)(i % (guint)lc->folds) == fold)
			continue;
		if ((r = cmd_open(&lc->c, files)) == NULL)
			goto out;
		ok = learner_add(l, r, files[0], &err);
		strace_reader_free(r);
		if (!ok) {
			cmd_error("%s", err->message);
			g_error_free(err);
			goto out;
		}
	}
	set = learner_result(l);
out:
	learner_free(l);
	return set;
}

static void
crossval_row_clear(gpointer p)
{
	struct crossval_row *row = p;

	conform_result_free((struct conform_result *)row->res);
}

/* Rows in fold order, and in run order within a fold. */
static int
cross_validate(struct learn_cmd *lc, GPtrArray *runs)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct crossval_row));
	int status = EXIT_TROUBLE, f;
	bool any = false;
	GError *err = NULL;
	guint i;

	g_array_set_clear_func(rows, crossval_row_clear);
	for (f = 0; f < lc->folds; f++) {
		struct efsa_set *set = learn(lc, runs, f);

		if (set == NULL)
			goto out;
		for (i = (guint)f; i < runs->len; i += (guint)lc->folds) {
			char **files = runs->pdata[i];
			struct strace_reader *r = cmd_open(&lc->c, files);
			struct conform_result *res;
			struct crossval_row row = { files[0], (unsigned)f + 1,
			    NULL };

			if (r == NULL) {
				efsa_set_free(set);
				goto out;
			}
			res = conform_check(set, r, files[0], &err);
			strace_reader_free(r);
			if (res == NULL) {
				cmd_error("%s", err->message);
				g_error_free(err);
				efsa_set_free(set);
				goto out;
			}
			row.res = res;
			any |= res->devs->len > 0;
			g_array_append_val(rows, row);
		}
		efsa_set_free(set);
	}
	if (!report_crossval(stdout, (struct crossval_row *)(void *)rows->data,
	    rows->len, (unsigned)lc->folds, lc->c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = any ? EXIT_FOUND : EXIT_NOTHING;
	}
out:
	g_array_free(rows, TRUE);
	return status;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct learn_cmd lc = { 0 };
	const GOptionEntry extra[] = {
		{ "context", 'k', 0, G_OPTION_ARG_INT, &lc.k,
		    "States are the last N calls (default 1)", "N" },
		{ "cross-validate", 'x', 0, G_OPTION_ARG_INT, &lc.folds,
		    "Learn on all runs but a fold, check the fold, K times",
		    "K" },
		{ "exact-inputs", 'e', 0, G_OPTION_ARG_NONE, &lc.exact_inputs,
		    "Keep strings that changed from run to run exact", NULL },
		{ "minimize", 'm', 0, G_OPTION_ARG_NONE, &lc.minimize,
		    "Merge the states no run tells apart", NULL },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &lc.output,
		    "Write the model to FILE (default: standard output)",
		    "FILE" },
		{ "states", 's', 0, G_OPTION_ARG_STRING, &lc.states,
		    "What states are: auto (default), stack or context",
		    "KIND" },
		{ "threshold", 't', 0, G_OPTION_ARG_INT, &lc.threshold,
		    "Distinct values kept before generalising (default 5)",
		    "N" },
		{ NULL }
	};
	GPtrArray *runs = NULL;
	struct efsa_set *set;
	GError *err = NULL;
	int status = EXIT_TROUBLE;

	if (!cmd_parse(self, &argc, &argv, &lc.c, NULL, extra))
		return EXIT_TROUBLE;
	if (lc.k < 0 || lc.k > 16) {
		cmd_usage_error(self, "--context must be 1 to 16");
		goto out;
	}
	if (lc.threshold < 0 || lc.threshold > 1000000) {
		cmd_usage_error(self, "--threshold must be 1 to 1000000");
		goto out;
	}
	lc.lo.k = (unsigned)lc.k;
	lc.lo.threshold = (unsigned)lc.threshold;
	lc.lo.minimize = lc.minimize;
	lc.lo.exact_inputs = lc.exact_inputs;
	if (lc.states == NULL || strcmp(lc.states, "auto") == 0)
		lc.lo.states = LEARN_STATES_AUTO;
	else if (strcmp(lc.states, "stack") == 0)
		lc.lo.states = LEARN_STATES_STACK;
	else if (strcmp(lc.states, "context") == 0)
		lc.lo.states = LEARN_STATES_CONTEXT;
	else {
		cmd_usage_error(self, "unknown --states '%s'; valid kinds are: "
		    "auto, stack, context", lc.states);
		goto out;
	}
	if ((runs = cmd_traces(argc - 1, argv + 1)) == NULL)
		goto out;
	if (lc.folds != 0) {
		if (lc.folds < 2 || (guint)lc.folds > runs->len) {
			cmd_usage_error(self, "--cross-validate needs 2 to %u "
			    "folds (one run at least in each)", runs->len);
			goto out;
		}
		status = cross_validate(&lc, runs);
		if (status == EXIT_TROUBLE || lc.output == NULL)
			goto out;
	}
	if ((set = learn(&lc, runs, -1)) == NULL) {
		status = EXIT_TROUBLE;
		goto out;
	}
	if (lc.output == NULL || strcmp(lc.output, "-") == 0) {
		if (!efsa_set_write(set, "-", &err) || !cmd_close_stdout()) {
			if (err != NULL)
				cmd_error("%s", err->message);
			status = EXIT_TROUBLE;
		} else if (lc.folds == 0) {
			status = EXIT_NOTHING;
		}
	} else if (!efsa_set_write(set, lc.output, &err)) {
		cmd_error("%s", err->message);
		status = EXIT_TROUBLE;
	} else if (lc.folds == 0) {
		status = EXIT_NOTHING;
	}
	g_clear_error(&err);
	efsa_set_free(set);
out:
	if (runs != NULL)
		g_ptr_array_free(runs, TRUE);
	g_free(lc.c.format);
	g_free(lc.output);
	g_free(lc.states);
	return status;
}

static const struct cmd_entry entry = {
	.name = "efsa-learn",
	.summary = "Learn EFSA models of programs from strace logs, one log "
	    "per run",
	.usage = "efsa-learn [-emq] [-k n] [-s kind] [-t n] [-o model] "
	    "[-x k [-f fmt]] [log ...]",
	.run = run,
};

int
main(int argc, char **argv)
{
	return cmd_tool_main(&entry, argc, argv);
}
