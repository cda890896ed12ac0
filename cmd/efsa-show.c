/*
 * efsa-show: print a model file as text, TSV, JSON, XML or DOT, whole or
 * one program's model, after trimming or minimising it if asked.
 *
 * Exit status: 0 printed, 2 trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { .allow_dot = true };
	gboolean dot = FALSE, minimize = FALSE, trim = FALSE;
	char *program = NULL;
	const GOptionEntry extra[] = {
		{ "dot", 0, 0, G_OPTION_ARG_NONE, &dot,
		    "Print a DOT graph (as -f dot)", NULL },
		{ "minimize", 'm', 0, G_OPTION_ARG_NONE, &minimize,
		    "Merge the states no run tells apart first", NULL },
		{ "program", 'p', 0, G_OPTION_ARG_STRING, &program,
		    "Show only the model of PROGRAM", "PROGRAM" },
		{ "trim", 0, 0, G_OPTION_ARG_NONE, &trim,
		    "Drop the states no initial state reaches first", NULL },
		{ NULL }
	};
	struct efsa_set *set = NULL;
	GError *err = NULL;
	int status = EXIT_TROUBLE;
	guint i;

	if (!cmd_parse(self, &argc, &argv, &c, NULL, extra))
		return EXIT_TROUBLE;
	if (dot)
		c.fmt = REPORT_DOT;
	if (argc > 2) {
		cmd_usage_error(self, "one model file at a time");
		goto out;
	}
	if ((set = efsa_set_read(argc == 2 ? argv[1] : "-", &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if (program != NULL) {
		for (i = set->models->len; i-- > 0;)
			if (strcmp(((struct efsa *)g_ptr_array_index(
			    set->models, i))->program, program) != 0)
				g_ptr_array_remove_index(set->models, i);
		if (set->models->len == 0) {
			cmd_error("%s: no model of program '%s'",
			    argc == 2 ? argv[1] : "-", program);
			goto out;
		}
	}
	for (i = 0; i < set->models->len; i++) {
		struct efsa *a = g_ptr_array_index(set->models, i);

		if (trim)
			efsa_trim(a);
		if (minimize)
			efsa_minimize(a);
	}
	if (!report_models(stdout, set, c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = EXIT_NOTHING;
	}
out:
	efsa_set_free(set);
	g_free(program);
	g_free(c.format);
	return status;
}

static const struct cmd_entry entry = {
	.name = "efsa-show",
	.summary = "Print a model file as text, tsv, json, xml or dot",
	.usage = "efsa-show [-m] [--trim] [-p program] [-f fmt | --dot] "
	    "[model]",
	.run = run,
};

int
main(int argc, char **argv)
{
	return cmd_tool_main(&entry, argc, argv);
}
