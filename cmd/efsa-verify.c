/*
 * efsa-verify: check models against a policy: the product of each model
 * and each rule, explored from the initial states; a conflict is a path
 * of the model that completes a rule, "must" when it rests on what the
 * model learned, "may" when it assumes what the model does not tell.
 * --dot draws the conflicts' witness paths with their one-step context
 * (--dot=paths, the default), or all of the products that leads to the
 * conflicts (--dot=full).
 *
 * Exit status: 0 no conflict, 1 conflicts, 2 trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "verify/policy.h"

/*
 * Takes "--dot=WHAT" out of argv (before "--") into *opts.  GOption would
 * take the word after a plain "--dot" (the model's name) as an optional
 * argument, so --dot itself is a flag and its "=WHAT" form is read here.
 * False, with a usage error printed, for an unknown WHAT.
 */
static bool
dot_mode(const struct cmd_entry *self, int *argc, char **argv,
    struct report_verify_opts *opts, bool *dot)
{
	int i, j;

	for (i = 1, j = 1; i < *argc; i++) {
		const char *w = argv[i];

		if (strcmp(w, "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strncmp(w, "--dot=", 6) != 0) {
			argv[j++] = argv[i];
			continue;
		}
		*dot = true;
		if (strcmp(w + 6, "paths") == 0)
			opts->dot = REPORT_DOT_PATHS;
		else if (strcmp(w + 6, "full") == 0)
			opts->dot = REPORT_DOT_FULL;
		else {
			cmd_usage_error(self, "unknown drawing '%s' for --dot; "
			    "valid drawings are: paths, full", w + 6);
			return false;
		}
	}
	*argc = j;
	argv[j] = NULL;
	return true;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { .allow_dot = true };
	char **platforms = NULL, **aa_dirs = NULL;
	gint64 limit = 0;
	gboolean dot_flag = FALSE;
	bool dot = false;
	struct report_verify_opts ropts = { 0 };
	const GOptionEntry extra[] = {
		{ "dot", 0, 0, G_OPTION_ARG_NONE, &dot_flag,
		    "Draw the conflicts as DOT (as -f dot): their paths and "
		    "one-step context; --dot=full: all of the product "
		    "leading to them", NULL },
		{ "limit", 'l', 0, G_OPTION_ARG_INT64, &limit,
		    "Explore at most N product states per model and rule",
		    "N" },
		{ "apparmor-dir", 'A', 0, G_OPTION_ARG_FILENAME_ARRAY,
		    &aa_dirs, "Look for a profile's includes in DIR "
		    "(repeatable; default /etc/apparmor.d)", "DIR" },
		{ "platform", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &platforms,
		    "More abstract events, defined in FILE (repeatable)",
		    "FILE" },
		{ NULL }
	};
	struct efsa_set *set = NULL;
	struct platform *pf = NULL;
	struct policy *p = NULL;
	struct verify_result *res = NULL;
	struct verify_opts vopts = { 0 };
	GError *err = NULL;
	int status = EXIT_TROUBLE;

	if (!dot_mode(self, &argc, argv, &ropts, &dot) ||
	    !cmd_parse(self, &argc, &argv, &c, NULL, extra))
		return EXIT_TROUBLE;
	if (dot || dot_flag)
		c.fmt = REPORT_DOT;
	if (argc != 3) {
		cmd_usage_error(self, "a model file and a policy file are "
		    "needed");
		goto out;
	}
	if (limit < 0) {
		cmd_usage_error(self, "--limit must not be negative");
		goto out;
	}
	if ((set = cmd_read_models(argv[1], &err)) == NULL ||
	    (pf = platform_new((const char *const *)platforms, &err)) == NULL ||
	    (p = policy_load(argv[2], pf, (const char *const *)aa_dirs,
	    &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	{
		/* a run goes on in the images it execs: verify each root
		 * model with them linked (docs/efsa-verify.1) */
		struct efsa_set *linked = efsa_set_link(set);

		efsa_set_free(set);
		set = linked;
	}
	vopts.limit = (uint64_t)limit;
	vopts.graph = c.fmt == REPORT_DOT;
	res = policy_verify_with(p, set, &vopts);
	if (!report_verify_with(stdout, p, res, c.fmt, &ropts, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = res->conflicts->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
	}
out:
	verify_result_free(res);
	policy_free(p);
	platform_free(pf);
	efsa_set_free(set);
	g_strfreev(platforms);
	g_strfreev(aa_dirs);
	g_free(c.format);
	return status;
}

static const struct cmd_entry entry = {
	.name = "efsa-verify",
	.summary = "Check models against a policy and summarise the conflicts",
	.usage = "efsa-verify [-f fmt | --dot[=paths|full]] [-l n] [-A dir] "
	    "[-P platform] model policy",
	.run = run,
};

int
main(int argc, char **argv)
{
	return cmd_tool_main(&entry, argc, argv);
}
