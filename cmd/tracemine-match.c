/*
 * tracemine match: which operations a trace performs, and where, given
 * the fingerprints "tracemine solve" wrote (its XML or text): an
 * operation is performed when the trace makes every access of its
 * fingerprint (mining/match.h).
 *
 * Exit status: 0 the trace performs none of the operations, 1 it performs
 * some, 2 trouble.
 */
#include <stdio.h>

#include "cmd.h"
#include "mining/match.h"

static void
add(void *ctx, const char *text, size_t len, const char *file, uint64_t line)
{
	matcher_add(ctx, text, len, file, line);
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { 0 };
	struct cmd_norm nopts = { 0 };
	int status = EXIT_TROUBLE;
	struct fingerprints *fp = NULL;
	struct matcher *m = NULL;
	GPtrArray *traces = NULL;
	GError *err = NULL;

	if (!cmd_parse(self, &argc, &argv, &c, &nopts, NULL))
		goto out;
	if (argc != 3) {
		status = cmd_usage_error(self, "%s", argc < 3 ?
		    "a fingerprints file and a trace are needed" :
		    "one trace only");
		goto out;
	}
	if ((fp = fingerprints_read(argv[1], &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if ((traces = cmd_traces(1, argv + 2)) == NULL)
		goto out;
	m = matcher_new(fp);
	if (!cmd_each_access(&c, &nopts, traces->pdata[0], add, m))
		goto out;
	const GPtrArray *ops = matcher_finish(m);
	bool any = false;
	for (unsigned i = 0; i < ops->len; i++)
		any |= ((const struct match_op *)ops->pdata[i])->performed;
	if (!report_match(stdout, argv[2], ops, c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = any ? EXIT_FOUND : EXIT_NOTHING;
	}
out:
	matcher_free(m);
	fingerprints_free(fp);
	if (traces != NULL)
		g_ptr_array_free(traces, TRUE);
	g_free(c.format);
	cmd_norm_clear(&nopts);
	return status;
}

const struct cmd_entry cmd_match_entry = {
	.name = "match",
	.summary = "Say which operations a trace performs, from solve's "
	    "fingerprints",
	.usage = "match [-q] " NORM_USAGE " [--strict] " WINDOW_USAGE
	    " fingerprints trace",
	.exit_status = "0 the trace performs none of the operations, 1 it "
	    "performs some, 2 trouble",
	.run = run,
};
