/*
 * tracemine diff, intersect, union: set algebra over the normalised accesses
 * of traces.  Each argument is one trace: an strace log or a
 * resource-access trace.
 *
 * Exit status, as diff's: 0 the result is empty, 1 it is not, 2 trouble.
 */
#include <stdio.h>

#include "cmd.h"

static int
run_op(const struct cmd_entry *self, enum access_op op, int min_args,
    int argc, char **argv)
{
	struct cmd_common c = { 0 };
	struct cmd_norm nopts = { 0 };
	gboolean multiset = FALSE;
	const GOptionEntry extra[] = {
		{ "multiset", 'm', 0, G_OPTION_ARG_NONE, &multiset,
		    "Compare how many times each access occurs", NULL },
		{ NULL }
	};
	int status = EXIT_TROUBLE;
	GPtrArray *sets = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)access_set_free);
	GPtrArray *traces = NULL;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, extra))
		goto out;
	if (argc - 1 < min_args) {
		status = cmd_usage_error(self, "%s needs at least %d traces",
		    self->name, min_args);
		goto out;
	}
	if ((traces = cmd_traces(argc - 1, argv + 1)) == NULL)
		goto out;
	for (unsigned i = 0; i < traces->len; i++) {
		struct access_set *s = cmd_load(&c, &nopts,
		    traces->pdata[i]);
		if (s == NULL)
			goto out;
		g_ptr_array_add(sets, s);
	}
	struct access_set *res = access_set_apply(op,
	    (const struct access_set *const *)sets->pdata, sets->len,
	    multiset);
	GError *err = NULL;
	if (!report_accesses(stdout, res, access_op_name(op), c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = access_set_size(res) > 0 ? EXIT_FOUND : EXIT_NOTHING;
	}
	access_set_free(res);
out:
	if (traces != NULL)
		g_ptr_array_free(traces, TRUE);
	g_ptr_array_free(sets, TRUE);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

static int
run_diff(const struct cmd_entry *self, int argc, char **argv)
{
	return run_op(self, ACCESS_DIFF, 2, argc, argv);
}

static int
run_intersect(const struct cmd_entry *self, int argc, char **argv)
{
	return run_op(self, ACCESS_INTERSECT, 1, argc, argv);
}

static int
run_union(const struct cmd_entry *self, int argc, char **argv)
{
	return run_op(self, ACCESS_UNION, 1, argc, argv);
}

#define SETOP_OPTS "[-mq] " NORM_USAGE " [--strict] " WINDOW_USAGE

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.summary = "Print the accesses of the first trace that the others "
	    "lack",
	.usage = "diff " SETOP_OPTS " file1 file2 ...",
	.run = run_diff,
};

const struct cmd_entry cmd_intersect_entry = {
	.name = "intersect",
	.summary = "Print the accesses common to all traces",
	.usage = "intersect " SETOP_OPTS " file ...",
	.run = run_intersect,
};

const struct cmd_entry cmd_union_entry = {
	.name = "union",
	.summary = "Print the accesses of any of the traces",
	.usage = "union " SETOP_OPTS " file ...",
	.run = run_union,
};
