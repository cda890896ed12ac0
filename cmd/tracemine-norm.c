/*
 * tracemine norm: one normalised resource access per line, the form the set
 * operations compare.
 *
 * Exit status: 0 on success, 2 on trouble.
 */
#include <stdio.h>

#include "cmd.h"

static void
print_one(void *ctx, const char *text, size_t len, const char *file,
    uint64_t line, const struct event *ev)
{
	report_norm_line(ctx, file, line, ev != NULL ? ev->pid : 0, text, len);
}

/* Prints the accesses of one trace; false after printing an error. */
static bool
norm_trace(struct cmd_common *c, struct cmd_norm *nopts, char **files,
    struct report_norm *rn)
{
	return cmd_each_event_access(c, nopts, files, print_one, rn);
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { 0 };
	struct cmd_norm nopts = { 0 };
	int status = EXIT_TROUBLE;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, NULL))
		return EXIT_TROUBLE;
	GPtrArray *traces = cmd_traces(argc - 1, argv + 1);
	if (traces == NULL)
		goto out;
	/* Check the options before anything is printed. */
	struct normalizer *probe = cmd_normalizer(&nopts);
	if (probe == NULL) {
		g_ptr_array_free(traces, TRUE);
		goto out;
	}
	norm_free(probe);
	struct report_norm *rn = report_norm_begin(stdout, c.fmt);
	bool ok = true;
	for (unsigned i = 0; i < traces->len && ok; i++)
		ok = norm_trace(&c, &nopts, traces->pdata[i], rn);
	GError *err = NULL;
	if (!report_norm_end(rn, ok, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
		ok = false;
	}
	if (ok && cmd_close_stdout())
		status = EXIT_NOTHING;
	g_ptr_array_free(traces, TRUE);
out:
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_norm_entry = {
	.name = "norm",
	.summary = "Print one normalised resource access per line",
	.usage = "norm [-q] " NORM_USAGE " [--strict] " WINDOW_USAGE
	    " [file ...]",
	.run = run,
};
