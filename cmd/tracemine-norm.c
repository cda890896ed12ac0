/*
 * tracemine norm: one normalised resource access per line, the form the set
 * operations compare.
 *
 * Exit status: 0 on success, 2 on trouble.
 */
#include <stdio.h>

#include "cmd.h"

/* Prints the accesses of one trace; false after printing an error. */
static bool
norm_trace(struct cmd_common *c, struct cmd_norm *nopts, char **files,
    struct report_norm *rn)
{
	struct strace_reader *r = cmd_open(c, files);
	struct normalizer *n;
	const struct event *ev;
	GError *err = NULL;
	struct cmd_part part;

	if (r == NULL)
		return false;
	if ((n = cmd_normalizer(nopts)) == NULL) {
		strace_reader_free(r);
		return false;
	}
	cmd_part_init(&part, nopts);
	while ((ev = strace_reader_next(r, &err)) != NULL) {
		size_t len;
		bool want = cmd_part_wants(&part, r, ev);

		for (const char *a = norm_event(n, r, ev, &len); a != NULL;
		    a = norm_more(n, &len))
			if (want)
				report_norm_line(rn, ev->file, ev->line,
				    ev->pid, a, len);
	}
	if (err == NULL)
		cmd_part_done(&part, c, files[0]);
	norm_free(n);
	strace_reader_free(r);
	if (err != NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		return false;
	}
	return true;
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
