/*
 * efsa-show: print a model file as text, TSV, JSON, XML or DOT, whole or
 * one program's model, after trimming or minimising it if asked; or a
 * policy's (or an AppArmor profile's) compiled rule automata, as text or
 * DOT.  A file is a model when its first byte, past a UTF-8 byte order
 * mark and white space, is '<' (XML), and a policy otherwise.
 *
 * Exit status: 0 printed, 1 (--path) no model reaches the state, 2
 * trouble.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "trace/file.h"
#include "verify/policy.h"

/*
 * The whole of a file, or of standard input for "-" (transfer full): a
 * model or a policy, so at most TRACE_FILE_MAX_MODEL bytes of a regular
 * file (trace/file.h).
 */
static char *
slurp(const char *path, size_t *len, GError **err)
{
	char *buf;

	return trace_file_read(path, TRACE_FILE_MAX_MODEL, &buf, len, err) ?
	    buf : NULL;
}

static bool
is_model(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && g_ascii_isspace(buf[i]))
		i++;
	return i < len && buf[i] == '<';
}

/*
 * Shows the policy in buf, read from path: a named file through
 * policy_load() (a policy or a profile), standard input as a policy.
 */
static int
show_policy(const char *path, const char *buf, size_t len,
    char **platforms, char **aa_dirs, enum report_fmt fmt)
{
	struct platform *pf = NULL;
	struct policy *p = NULL;
	GError *err = NULL;
	int status = EXIT_TROUBLE;

	if ((pf = platform_new((const char *const *)platforms, &err)) == NULL)
		goto fail;
	if (strcmp(path, "-") != 0)
		p = policy_load(path, pf, (const char *const *)aa_dirs, &err);
	else if (apparmor_is_profile(buf, len))
		g_set_error(&err, POLICY_ERROR, POLICY_ERROR_IO, "(stdin): an "
		    "AppArmor profile is read from a named file");
	else
		p = policy_parse("(stdin)", buf, len, pf, &err);
	if (p == NULL || !report_rules(stdout, p, fmt, &err))
		goto fail;
	if (cmd_close_stdout())
		status = EXIT_NOTHING;
	goto out;
fail:
	cmd_error("%s", err->message);
	g_error_free(err);
out:
	policy_free(p);
	platform_free(pf);
	return status;
}

/*
 * For each model with a state named name (a key, or "sN"), a shortest run
 * from an initial state to it, one transition a line.  Exit 0 when some
 * model has the state and it is reachable, 1 when none does.
 */
static int
print_paths(const struct efsa_set *set, const char *name)
{
	bool found = false;
	guint i, k;

	for (i = 0; i < set->models->len; i++) {
		const struct efsa *a = g_ptr_array_index(set->models, i);
		const struct efsa_state *st = efsa_lookup_state(a, name);
		GArray *p;

		if (st == NULL && name[0] == 's' && name[1] != '\0' &&
		    strspn(name + 1, "0123456789") == strlen(name + 1)) {
			guint64 id = g_ascii_strtoull(name + 1, NULL, 10);

			if (id < a->states->len)
				st = g_ptr_array_index(a->states, (guint)id);
		}
		if (st == NULL || (p = efsa_path(a, st->id)) == NULL)
			continue;
		found = true;
		printf("model \"%s\": s%u in %u steps\n", a->program, st->id,
		    p->len);
		for (k = 0; k < p->len; k++) {
			const struct efsa_trans *t = g_ptr_array_index(a->trans,
			    g_array_index(p, guint, k));
			const struct efsa_state *to = g_ptr_array_index(
			    a->states, t->dst);

			printf("  s%u -> s%u %s \"%s\"\n", t->src, t->dst,
			    t->name, (const char *)to->keys->pdata[0]);
		}
		g_array_free(p, TRUE);
	}
	if (!cmd_close_stdout())
		return EXIT_TROUBLE;
	if (!found)
		cmd_diag("no model reaches a state '%s'", name);
	return found ? EXIT_NOTHING : EXIT_FOUND;
}

static int
run(const struct cmd_entry *self, int argc, char **argv)
{
	struct cmd_common c = { .allow_dot = true };
	gboolean dot = FALSE, minimize = FALSE, trim = FALSE;
	char *program = NULL, *path = NULL;
	char **platforms = NULL, **aa_dirs = NULL;
	const GOptionEntry extra[] = {
		{ "apparmor-dir", 'A', 0, G_OPTION_ARG_FILENAME_ARRAY,
		    &aa_dirs, "Look for a profile's includes in DIR "
		    "(repeatable; default /etc/apparmor.d)", "DIR" },
		{ "dot", 0, 0, G_OPTION_ARG_NONE, &dot,
		    "Print a DOT graph (as -f dot)", NULL },
		{ "minimize", 'm', 0, G_OPTION_ARG_NONE, &minimize,
		    "Merge the states no run tells apart first", NULL },
		{ "platform", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &platforms,
		    "More abstract events for a policy, defined in FILE "
		    "(repeatable)", "FILE" },
		{ "path", 0, 0, G_OPTION_ARG_STRING, &path,
		    "Print a shortest run from the start to the state named "
		    "STATE (a key, or an id such as s12)", "STATE" },
		{ "program", 'p', 0, G_OPTION_ARG_STRING, &program,
		    "Show only the model of PROGRAM", "PROGRAM" },
		{ "trim", 0, 0, G_OPTION_ARG_NONE, &trim,
		    "Drop the states no initial state reaches first", NULL },
		{ NULL }
	};
	struct efsa_set *set = NULL;
	GError *err = NULL;
	int status = EXIT_TROUBLE;
	const char *name;
	char *buf = NULL;
	size_t len = 0;
	guint i;

	if (!cmd_parse(self, &argc, &argv, &c, NULL, extra))
		return EXIT_TROUBLE;
	if (dot)
		c.fmt = REPORT_DOT;
	if (argc > 2) {
		cmd_usage_error(self, "one model file at a time");
		goto out;
	}
	name = argc == 2 ? argv[1] : "-";
	if ((buf = slurp(name, &len, &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		goto out;
	}
	if (!is_model(buf, len)) {
		if (minimize || trim || program != NULL || path != NULL)
			cmd_usage_error(self, "-m, --trim, -p and --path are "
			    "for models, and %s is a policy", name);
		else
			status = show_policy(name, buf, len, platforms, aa_dirs,
			    c.fmt);
		goto out;
	}
	if ((set = efsa_set_parse(strcmp(name, "-") == 0 ? "(stdin)" : name,
	    buf, len, &err)) == NULL) {
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
	if (path != NULL) {
		status = print_paths(set, path);
		goto out;
	}
	if (!report_models(stdout, set, c.fmt, &err)) {
		cmd_error("%s", err->message);
		g_error_free(err);
	} else if (cmd_close_stdout()) {
		status = EXIT_NOTHING;
	}
out:
	efsa_set_free(set);
	g_free(buf);
	g_strfreev(platforms);
	g_strfreev(aa_dirs);
	g_free(program);
	g_free(path);
	g_free(c.format);
	return status;
}

static const struct cmd_entry entry = {
	.name = "efsa-show",
	.summary = "Print a model file as text, tsv, json, xml or dot, or "
	    "a policy's rule automata",
	.usage = "efsa-show [-m] [--trim] [-A dir] [-P platform] [-p program] "
	    "[-f fmt | --dot | --path state] [model | policy]",
	.run = run,
};

int
main(int argc, char **argv)
{
	return cmd_tool_main(&entry, argc, argv);
}
