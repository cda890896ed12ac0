/*
 * common.c: option parsing, diagnostics and opening of traces, shared by
 * the tracemine subcommands.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "cmd.h"

const char *cmd_tool = "tracemine";

/* "tracemine stats" for a subcommand, "efsa-show" for a tool of its own. */
static char *
full_name(const struct cmd_entry *e)
{
	return strcmp(cmd_tool, e->name) == 0 ? g_strdup(e->name) :
	    g_strdup_printf("%s %s", cmd_tool, e->name);
}

int
cmd_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd_tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_TROUBLE;
}

int
cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;
	char *name = full_name(e);
	bool sub = strcmp(cmd_tool, e->name) != 0;

	fprintf(stderr, "%s: ", cmd_tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s%s%s\n"
	    "Try '%s --help' for more information.\n", sub ? cmd_tool : "",
	    sub ? " " : "", e->usage, name);
	g_free(name);
	return EXIT_TROUBLE;
}

static gint
by_long_name(gconstpointer a, gconstpointer b)
{
	return strcmp(((const GOptionEntry *)a)->long_name,
	    ((const GOptionEntry *)b)->long_name);
}

bool
cmd_parse(const struct cmd_entry *e, int *argc, char ***argv,
    struct cmd_common *c, struct cmd_norm *nopts, const GOptionEntry *extra)
{
	const GOptionEntry common[] = {
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &c->format,
		    "Output format: text (default), tsv, json or xml", "FMT" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &c->quiet,
		    "Do not print warnings about odd lines", NULL },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &c->strict,
		    "Make every oddity in a log an error", NULL },
		{ NULL }
	};
	struct cmd_norm unused = { 0 };
	struct cmd_norm *no = nopts != NULL ? nopts : &unused;
	const GOptionEntry norm[] = {
		{ "drop", 'd', 0, G_OPTION_ARG_STRING, &no->drop,
		    "Calls or %classes not to print (comma-separated)",
		    "CALLS" },
		{ "generalize", 'g', 0, G_OPTION_ARG_STRING,
		    &no->generalize, "Path rules: proc, home, tmp, none, "
		    "PREFIX=REPLACEMENT (comma-separated)", "RULES" },
		{ "keep", 'k', 0, G_OPTION_ARG_STRING, &no->keep,
		    "Calls or %classes to print though dropped as noise",
		    "CALLS" },
		{ "protocols", 0, 0, G_OPTION_ARG_STRING, &no->protocols,
		    "Protocols to decode from socket traffic: x11, all (the "
		    "default), none", "LIST" },
		{ NULL }
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	GError *err = NULL;
	bool ok;

	bool sub = strcmp(cmd_tool, e->name) != 0;
	char *summary = g_strdup_printf("usage: %s%s%s\n\n%s.",
	    sub ? cmd_tool : "", sub ? " " : "", e->usage, e->summary);
	char *desc = g_strdup_printf("Exit status: 0 nothing found, 1 "
	    "something found, 2 trouble.\nSee %s(1).", cmd_tool);

	g_option_context_set_summary(ctx, summary);
	g_option_context_set_description(ctx, desc);
	g_free(summary);
	g_free(desc);
	/* One list, sorted by long name, so --help lists them in order. */
	GArray *all = g_array_new(TRUE, TRUE, sizeof(GOptionEntry));
	g_array_append_vals(all, common, G_N_ELEMENTS(common) - 1);
	if (nopts != NULL)
		g_array_append_vals(all, norm, G_N_ELEMENTS(norm) - 1);
	for (const GOptionEntry *x = extra; x != NULL && x->long_name; x++)
		g_array_append_val(all, *x);
	g_array_sort(all, by_long_name);
	g_option_context_add_main_entries(ctx, (GOptionEntry *)(void *)all->data,
	    NULL);
	char *prg = full_name(e);
	g_set_prgname(prg);
	g_free(prg);
	ok = g_option_context_parse(ctx, argc, argv, &err);
	g_option_context_free(ctx);
	g_array_free(all, TRUE);
	if (ok && c->format != NULL)
		ok = c->allow_dot ? report_fmt_parse_dot(c->format, &c->fmt,
		    &err) : report_fmt_parse(c->format, &c->fmt, &err);
	if (!ok) {
		cmd_usage_error(e, "%s", err->message);
		g_error_free(err);
		g_clear_pointer(&c->format, g_free);
		g_clear_pointer(&no->keep, g_free);
		g_clear_pointer(&no->drop, g_free);
		g_clear_pointer(&no->generalize, g_free);
		g_clear_pointer(&no->protocols, g_free);
		return false;
	}
	return true;
}

GPtrArray *
cmd_traces(int argc, char **argv)
{
	GPtrArray *t = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	bool stdin_used = false;

	if (argc == 0) {
		char **v = g_new0(char *, 2);
		v[0] = g_strdup("-");
		g_ptr_array_add(t, v);
		return t;
	}
	for (int i = 0; i < argc; i++) {
		GError *err = NULL;
		if (strcmp(argv[i], "-") == 0) {
			if (stdin_used) {
				cmd_error("standard input named twice");
				g_ptr_array_free(t, TRUE);
				return NULL;
			}
			stdin_used = true;
		}
		char **v = trace_expand_path(argv[i], &err);
		if (v == NULL) {
			cmd_error("%s", err->message);
			g_error_free(err);
			g_ptr_array_free(t, TRUE);
			return NULL;
		}
		g_ptr_array_add(t, v);
	}
	return t;
}

static void
warn(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s: %s\n", cmd_tool, msg);
}

struct strace_reader *
cmd_open(struct cmd_common *c, char **files)
{
	GError *err = NULL;

	c->ropts.strict = c->strict;
	c->ropts.warn = c->quiet ? NULL : warn;
	struct strace_reader *r = strace_reader_open((const char *const *)files,
	    g_strv_length(files), &c->ropts, &err);
	if (r == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
	}
	return r;
}

struct normalizer *
cmd_normalizer(const struct cmd_norm *nopts)
{
	struct norm_opts o = {
		.keep = nopts->keep,
		.drop = nopts->drop,
		.generalize = nopts->generalize,
		.protocols = nopts->protocols,
	};
	GError *err = NULL;
	struct normalizer *n = norm_new(&o, &err);

	if (n == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
	}
	return n;
}

struct access_set *
cmd_load_accesses(struct cmd_common *c, struct cmd_norm *nopts, char **files)
{
	struct strace_reader *r = cmd_open(c, files);
	struct normalizer *n;
	struct access_set *set;
	const struct event *ev;
	GError *err = NULL;

	if (r == NULL)
		return NULL;
	if ((n = cmd_normalizer(nopts)) == NULL) {
		strace_reader_free(r);
		return NULL;
	}
	set = access_set_new();
	while ((ev = strace_reader_next(r, &err)) != NULL) {
		size_t len;
		for (const char *a = norm_event(n, r, ev, &len); a != NULL;
		    a = norm_more(n, &len))
			access_set_add(set, a, len, ev->file, ev->line);
	}
	norm_free(n);
	strace_reader_free(r);
	if (err != NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		access_set_free(set);
		return NULL;
	}
	return set;
}

int
cmd_tool_main(const struct cmd_entry *e, int argc, char **argv)
{
	setlocale(LC_ALL, "");
	cmd_tool = e->name;
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", e->name, TRACEMINE_VERSION);
		return cmd_close_stdout() ? EXIT_NOTHING : EXIT_TROUBLE;
	}
	return e->run(e, argc, argv);
}

bool
cmd_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		int e = errno;
		cmd_error("stdout: %s", g_strerror(e));
		return false;
	}
	return true;
}
