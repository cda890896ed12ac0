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

#include "automata/efsa.h"
#include "cmd.h"
#include "trace/file.h"
#include "trace/restrace.h"

const char *cmd_tool = "tracemine";

/* "tracemine stats" for a subcommand, "efsa-show" for a tool of its own. */
static char *
full_name(const struct cmd_entry *e)
{
	return strcmp(cmd_tool, e->name) == 0 ? g_strdup(e->name) :
	    g_strdup_printf("%s %s", cmd_tool, e->name);
}

/*
 * "tool: message" on standard error, the message escaped: file names,
 * globs, include names and the libraries' messages inside it come from the
 * input, and no byte of theirs reaches a terminal raw.
 */
static void
vdiag(const char *fmt, va_list ap)
{
	char *msg = g_strdup_vprintf(fmt, ap);
	GString *s = g_string_new(cmd_tool);

	g_string_append(s, ": ");
	trace_escape_message(s, msg, strlen(msg));
	g_string_append_c(s, '\n');
	fputs(s->str, stderr);
	g_string_free(s, TRUE);
	g_free(msg);
}

void
cmd_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
}

struct efsa_set *
cmd_read_models(const char *path, GError **err)
{
	char *buf;
	size_t len;
	struct efsa_set *s;

	if (!trace_file_read(path, TRACE_FILE_MAX_MODEL, &buf, &len, err))
		return NULL;
	s = efsa_set_parse(strcmp(path, "-") == 0 ? "(stdin)" : path, buf,
	    len, err);
	g_free(buf);
	return s;
}

int
cmd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
	return EXIT_TROUBLE;
}

int
cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;
	char *name = full_name(e);
	bool sub = strcmp(cmd_tool, e->name) != 0;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
	fprintf(stderr, "usage: %s%s%s\n"
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

/* FROM:TO in seconds (decimal), into nanoseconds. */
static bool
parse_window(struct cmd_norm *no)
{
	const char *colon = strchr(no->window, ':');
	char *end;
	double from, to;

	if (colon == NULL)
		return false;
	from = g_ascii_strtod(no->window, &end);
	if (end != colon || end == no->window)
		return false;
	to = g_ascii_strtod(colon + 1, &end);
	if (*end != '\0' || end == colon + 1 || !(from >= 0 && to > from &&
	    to < 1e9))
		return false;
	no->from_ns = (int64_t)(from * 1e9);
	no->to_ns = (int64_t)(to * 1e9);
	return true;
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
		    &no->generalize, "Path rules after the defaults proc and "
		    "names: proc, names, home, tmp, none, PREFIX=REPLACEMENT "
		    "(comma-separated)", "RULES" },
		{ "keep-argv", 0, 0, G_OPTION_ARG_NONE, &no->keep_argv,
		    "Print execve's whole argv, not only argv[0]", NULL },
		{ "keep", 'k', 0, G_OPTION_ARG_STRING, &no->keep,
		    "Calls or %classes to print though dropped as noise",
		    "CALLS" },
		{ "marker", 0, 0, G_OPTION_ARG_STRING, &no->marker,
		    "Keep only what comes between the first two events that "
		    "pass these bytes", "BYTES" },
		{ "protocols", 0, 0, G_OPTION_ARG_STRING, &no->protocols,
		    "Protocols to decode from socket traffic: x11, all (the "
		    "default), none", "LIST" },
		{ "window", 0, 0, G_OPTION_ARG_STRING, &no->window,
		    "Keep only the events FROM to TO seconds after a trace's "
		    "first", "FROM:TO" },
		{ NULL }
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	GError *err = NULL;
	bool ok;

	bool sub = strcmp(cmd_tool, e->name) != 0;
	char *summary = g_strdup_printf("usage: %s%s%s\n\n%s.",
	    sub ? cmd_tool : "", sub ? " " : "", e->usage, e->summary);
	char *desc = g_strdup_printf("Exit status: %s.\nSee %s(1).",
	    e->exit_status != NULL ? e->exit_status : "0 nothing found, 1 "
	    "something found, 2 trouble", cmd_tool);

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
	if (ok && no->window != NULL && !parse_window(no)) {
		cmd_usage_error(e, "--window: expected FROM:TO, seconds with "
		    "FROM below TO, found '%s'", no->window);
		ok = false;
		err = NULL;
	} else if (ok && no->marker != NULL && no->marker[0] == '\0') {
		cmd_usage_error(e, "--marker: expected bytes, found none");
		ok = false;
		err = NULL;
	}
	if (!ok) {
		if (err != NULL) {
			cmd_usage_error(e, "%s", err->message);
			g_error_free(err);
		}
		g_clear_pointer(&c->format, g_free);
		cmd_norm_clear(no);
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
	cmd_diag("%s", msg);
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

void
cmd_norm_clear(struct cmd_norm *nopts)
{
	g_clear_pointer(&nopts->keep, g_free);
	g_clear_pointer(&nopts->drop, g_free);
	g_clear_pointer(&nopts->generalize, g_free);
	g_clear_pointer(&nopts->protocols, g_free);
	g_clear_pointer(&nopts->marker, g_free);
	g_clear_pointer(&nopts->window, g_free);
}

void
cmd_part_init(struct cmd_part *p, const struct cmd_norm *nopts)
{
	memset(p, 0, sizeof(*p));
	p->no = nopts;
}

/* Counts a marker; whether what is not one lies between the first and
 * the second. */
static bool
past_marker(struct cmd_part *p, bool is_marker)
{
	if (is_marker) {
		p->markers++;
		return false;
	}
	return p->markers == 1;
}

bool
cmd_part_wants(struct cmd_part *p, struct strace_reader *r,
    const struct event *ev)
{
	const struct cmd_norm *no = p->no;

	if (no == NULL)
		return true;
	if (no->window != NULL && ev->time_kind != TIME_NONE) {
		int64_t since;

		if (!p->have_t0) {
			p->t0 = ev->time_ns;
			p->have_t0 = true;
		}
		since = ev->time_ns - p->t0;
		if (since < no->from_ns || since >= no->to_ns)
			return false;
	}
	return no->marker == NULL || past_marker(p,
	    trace_event_has_bytes(r, ev, no->marker, strlen(no->marker)));
}

bool
cmd_part_wants_access(struct cmd_part *p, const char *text, size_t len)
{
	const struct cmd_norm *no = p->no;

	return no == NULL || no->marker == NULL || past_marker(p,
	    memmem(text, len, no->marker, strlen(no->marker)) != NULL);
}

void
cmd_part_done(const struct cmd_part *p, const struct cmd_common *c,
    const char *name)
{
	if (p->no != NULL && p->no->marker != NULL && p->markers == 0 &&
	    !c->quiet)
		cmd_diag("warning: %s: nothing passes the marker; "
		    "nothing of it is kept", name);
}

struct normalizer *
cmd_normalizer(const struct cmd_norm *nopts)
{
	struct norm_opts o = {
		.keep = nopts->keep,
		.drop = nopts->drop,
		.generalize = nopts->generalize,
		.protocols = nopts->protocols,
		.keep_argv = nopts->keep_argv,
	};
	GError *err = NULL;
	struct normalizer *n = norm_new(&o, &err);

	if (n == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
	}
	return n;
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

/*
 * The accesses of a resource-access trace; false after printing an error.
 * A marker is an access that holds the bytes; such traces have no times.
 */
static bool
each_restrace(const struct cmd_common *c, const struct cmd_norm *no,
    const char *path, cmd_event_access_fn fn, void *ctx)
{
	GError *err = NULL;
	struct restrace_reader *r;
	const struct restrace_access *a;
	struct cmd_part part;

	if (no != NULL && no->window != NULL) {
		cmd_error("%s: a resource-access trace has no times for "
		    "--window", path);
		return false;
	}
	if ((r = restrace_reader_open(path, &err)) == NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		return false;
	}
	cmd_part_init(&part, no);
	while ((a = restrace_reader_next(r, &err)) != NULL)
		if (cmd_part_wants_access(&part, a->text, a->len))
			fn(ctx, a->text, a->len, a->file, a->line, NULL);
	if (err == NULL)
		cmd_part_done(&part, c, path);
	restrace_reader_free(r);
	if (err != NULL) {
		cmd_error("%s", err->message);
		g_error_free(err);
		return false;
	}
	return true;
}

bool
cmd_each_event_access(struct cmd_common *c, struct cmd_norm *nopts,
    char **files, cmd_event_access_fn fn, void *ctx)
{
	struct strace_reader *r;
	struct normalizer *n;
	const struct event *ev;
	GError *err = NULL;
	struct cmd_part part;

	if (files[0] != NULL && files[1] == NULL &&
	    strcmp(files[0], "-") != 0) {
		bool is;
		if (!restrace_sniff(files[0], &is, &err)) {
			cmd_error("%s", err->message);
			g_error_free(err);
			return false;
		}
		if (is)
			return each_restrace(c, nopts, files[0], fn, ctx);
	}
	if ((r = cmd_open(c, files)) == NULL)
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
				fn(ctx, a, len, ev->file, ev->line, ev);
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

struct plain_fn {
	cmd_access_fn fn;
	void *ctx;
};

static void
without_event(void *ctx, const char *text, size_t len, const char *file,
    uint64_t line, const struct event *ev)
{
	const struct plain_fn *p = ctx;

	p->fn(p->ctx, text, len, file, line);
}

bool
cmd_each_access(struct cmd_common *c, struct cmd_norm *nopts, char **files,
    cmd_access_fn fn, void *ctx)
{
	struct plain_fn p = { fn, ctx };

	return cmd_each_event_access(c, nopts, files, without_event, &p);
}

static void
add_to_set(void *ctx, const char *text, size_t len, const char *file,
    uint64_t line)
{
	access_set_add(ctx, text, len, file, line);
}

struct access_set *
cmd_load(struct cmd_common *c, struct cmd_norm *nopts, char **files)
{
	struct access_set *set = access_set_new();

	if (!cmd_each_access(c, nopts, files, add_to_set, set)) {
		access_set_free(set);
		return NULL;
	}
	return set;
}
