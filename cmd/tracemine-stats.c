/*
 * tracemine stats: what the traces contain, counted.
 *
 * Exit status: 0 on success, 2 on trouble.
 */
#include <stdio.h>

#include "cmd.h"
#include "trace/stats.h"

/* Reads one trace into st; false after printing an error. */
static bool
read_trace(struct cmd_common *c, char **files, struct trace_stats *st)
{
	struct strace_reader *r = cmd_open(c, files);
	const struct event *ev;
	GError *err = NULL;

	if (r == NULL)
		return false;
	trace_stats_begin_trace(st);
	for (char **f = files; *f != NULL; f++)
		trace_stats_add_file(st, *f);
	while ((ev = strace_reader_next(r, &err)) != NULL)
		trace_stats_add(st, ev, trace_stats_wants_args(ev) ?
		    strace_reader_args(r, ev) : NULL);
	trace_stats_name_unnamed(st, strace_reader_unnamed_pid(r));
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
	int status = EXIT_TROUBLE;

	if (!cmd_parse(self, &argc, &argv, &c, NULL, NULL))
		return EXIT_TROUBLE;
	GPtrArray *traces = cmd_traces(argc - 1, argv + 1);
	if (traces == NULL)
		goto out;
	struct trace_stats *st = trace_stats_new();
	bool ok = true;
	for (unsigned i = 0; i < traces->len && ok; i++)
		ok = read_trace(&c, traces->pdata[i], st);
	if (ok) {
		GError *err = NULL;
		trace_stats_finish(st);
		if (!report_stats(stdout, st, c.fmt, &err)) {
			cmd_error("%s", err->message);
			g_error_free(err);
		} else if (cmd_close_stdout()) {
			status = EXIT_NOTHING;
		}
	}
	trace_stats_free(st);
	g_ptr_array_free(traces, TRUE);
out:
	g_free(c.format);
	return status;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.summary = "Count the events, processes, calls, errors and signals "
	    "of traces",
	.usage = "stats [-q] [-f fmt] [--strict] [file ...]",
	.run = run,
};
