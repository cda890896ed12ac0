/*
 * efsa-check: replay runs (strace logs) through a model and report every
 * deviation with its line, as model-carrying code's run-time monitor
 * would, offline; or through a policy, and report every violation.
 *
 * Exit status: 0 every run conforms (satisfies the policy), 1 some run
 * deviates (violates it), 2 trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "mining/learn.h"
#include "verify/policy.h"

/* Checks each trace against a policy; the exit status. */
static int
check_policy(struct cmd_common *c, const char *path, char **platforms,
    char **aa_dirs, const char *existed, GPtrArray *traces)
{
	struct monitor_opts mo = { existed };
	GError *err = NULL;
	struct platform *pf = platform_new((const char *const *)platforms,
	    &err);
	struct policy *p = NULL;
	GPtrArray *results = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)policy_result_free);
	GPtrArray *names = g_ptr_array_new();
	int status = EXIT_TROUBLE;
	bool any = false;
	guint i;

	if (pf == NULL || (p = policy_load(path, pf,
	    (const char *const *)aa_dirs, &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	for (i = 0; i < traces->len; i++) {
		char **files = traces->pdata[i];
		struct strace_reader *r = cmd_open(c, files);
		struct policy_result *res;

		if (r == NULL)
			goto out;
		res = policy_monitor_with(p, r, files[0], &mo, &err);
		strace_reader_free(r);
		if (res == NULL) {
			cmd_error("%s", err->message);
			g_error_free(err);
			goto out;
		}
		any |= res->violations->len > 0;
		g_ptr_array_add(results, res);
		g_ptr_array_add(names, files[0]);
	}
	if (!report_policy(stdout, p, (const char *const *)names->pdata,
	    (struct policy_result *const *)results->pdata, results->len,
	    c->fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = any ? EXIT_FOUND : EXIT_NOTHING;
	}
out:
	g_ptr_array_free(results, TRUE);
	g_ptr_array_free(names, TRUE);
	policy_free(p);
	platform_free(pf);
	return status;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { 0 };
	char *model = NULL, *policy = NULL, *existed = NULL;
	char **platforms = NULL, **aa_dirs = NULL;
	const GOptionEntry extra[] = {
		{ "existed", 'e', 0, G_OPTION_ARG_FILENAME, &existed,
		    "What existed before each run (names, one a line; "
		    "root<TAB>DIR; LOG<TAB>NAME), for existed() and "
		    "created()", "FILE" },
		{ "model", 'm', 0, G_OPTION_ARG_FILENAME, &model,
		    "The model file to check against", "MODEL" },
		{ "apparmor-dir", 'A', 0, G_OPTION_ARG_FILENAME_ARRAY,
		    &aa_dirs, "Look for a profile's includes in DIR "
		    "(repeatable; default /etc/apparmor.d)", "DIR" },
		{ "platform", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &platforms,
		    "More abstract events, defined in FILE (repeatable)",
		    "FILE" },
		{ "policy", 'p', 0, G_OPTION_ARG_FILENAME, &policy,
		    "The policy to check against", "POLICY" },
		{ NULL }
	};
	struct efsa_set *set = NULL;
	GPtrArray *traces = NULL, *results = NULL, *names = NULL;
	GError *err = NULL;
	int status = EXIT_TROUBLE;
	bool any = false;
	guint i;

	if (!cmd_parse(self, &argc, &argv, &c, NULL, extra))
		return EXIT_TROUBLE;
	if ((model == NULL) == (policy == NULL)) {
		cmd_usage_error(self, "give a model (--model) or a policy "
		    "(--policy), not both");
		goto out;
	}
	if (policy != NULL) {
		if ((traces = cmd_traces(argc - 1, argv + 1)) != NULL)
			status = check_policy(&c, policy, platforms, aa_dirs,
			    existed, traces);
		goto out;
	}
	if ((set = cmd_read_models(model, &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if ((traces = cmd_traces(argc - 1, argv + 1)) == NULL)
		goto out;
	if (strcmp(model, "-") == 0)
		for (i = 0; i < traces->len; i++)
			if (strcmp(((char **)traces->pdata[i])[0], "-") == 0) {
				cmd_error("standard input named twice");
				goto out;
			}
	results = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)conform_result_free);
	names = g_ptr_array_new();
	for (i = 0; i < traces->len; i++) {
		char **files = traces->pdata[i];
		struct strace_reader *r = cmd_open(&c, files);
		struct conform_result *res;

		if (r == NULL)
			goto out;
		res = conform_check(set, r, files[0], &err);
		strace_reader_free(r);
		if (res == NULL) {
			cmd_error("%s", err->message);
			g_error_free(err);
			goto out;
		}
		any |= res->devs->len > 0;
		g_ptr_array_add(results, res);
		g_ptr_array_add(names, files[0]);
	}
	if (!report_conform(stdout, (const char *const *)names->pdata,
	    (struct conform_result *const *)results->pdata, results->len,
	    c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = any ? EXIT_FOUND : EXIT_NOTHING;
	}
out:
	if (results != NULL)
		g_ptr_array_free(results, TRUE);
	if (names != NULL)
		g_ptr_array_free(names, TRUE);
	if (traces != NULL)
		g_ptr_array_free(traces, TRUE);
	efsa_set_free(set);
	g_free(model);
	g_free(policy);
	g_free(existed);
	g_strfreev(platforms);
	g_strfreev(aa_dirs);
	g_free(c.format);
	return status;
}

static const struct cmd_entry entry = {
	.name = "efsa-check",
	.summary = "Check strace logs against a model or a policy and report "
	    "every deviation or violation",
	.usage = "efsa-check -m model | -p policy [-A dir] [-P platform] "
	    "[-e existed] [-q] [--strict] [-f fmt] [log ...]",
	.run = run,
};

int
main(int argc, char **argv)
{
	return cmd_tool_main(&entry, argc, argv);
}
