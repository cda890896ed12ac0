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
#include "trace/labels.h"
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

/*
 * The options of the subcommands that normalise, into no: those that
 * change what an access is (recorded with fingerprints, cmd_norm_words())
 * and, apart, those that choose a part of each trace.  A new
 * normalisation option goes in the first table, and is then recorded and
 * applied again by match with no more code.
 */
static void
norm_entries(struct cmd_norm *no, GOptionEntry out[NORM_ENTRIES + 1])
{
	const GOptionEntry e[NORM_ENTRIES + 1] = {
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
		{ "offsets", 0, 0, G_OPTION_ARG_NONE, &no->offsets,
		    "Add the 4096-byte page of file offsets: pwrite64 \"/db\" "
		    "@page3", NULL },
		{ "payload", 0, 0, G_OPTION_ARG_STRING, &no->payload,
		    "Add the first N bytes (or the first token) that a read "
		    "or write moved", "N|token" },
		{ "protocols", 0, 0, G_OPTION_ARG_STRING, &no->protocols,
		    "Protocols to decode from socket traffic: x11, http, "
		    "memcached, redis, all (the default), none", "LIST" },
		{ NULL }
	};

	memcpy(out, e, sizeof(e));
}

static void
part_entries(struct cmd_norm *no, GOptionEntry out[3])
{
	const GOptionEntry e[3] = {
		{ "marker", 0, 0, G_OPTION_ARG_STRING, &no->marker,
		    "Keep only what comes between the first two events that "
		    "pass these bytes", "BYTES" },
		{ "window", 0, 0, G_OPTION_ARG_STRING, &no->window,
		    "Keep only the events FROM to TO seconds after a trace's "
		    "first", "FROM:TO" },
		{ NULL }
	};

	memcpy(out, e, sizeof(e));
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
	GOptionEntry norm[NORM_ENTRIES + 1], part[3];

	norm_entries(no, norm);
	part_entries(no, part);
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
	if (nopts != NULL) {
		g_array_append_vals(all, norm, G_N_ELEMENTS(norm) - 1);
		g_array_append_vals(all, part, G_N_ELEMENTS(part) - 1);
	}
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
	if (ok && no->window != NULL && !labels_parse_window(no->window,
	    &no->from_ns, &no->to_ns)) {
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
	g_clear_pointer(&nopts->payload, g_free);
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
		.offsets = nopts->offsets,
		.payload = nopts->payload,
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
	if (err == NULL && !c->quiet) {
		char *w = norm_unplaced(n);

		if (w != NULL)
			cmd_diag("warning: %s: %s", files[0], w);
		g_free(w);
	}
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
	access_set_pack(set);
	return set;
}

char **
cmd_norm_words(const struct cmd_norm *nopts)
{
	GOptionEntry e[NORM_ENTRIES + 1];
	GPtrArray *v = g_ptr_array_new();

	norm_entries((struct cmd_norm *)nopts, e);
	for (const GOptionEntry *x = e; x->long_name != NULL; x++) {
		switch (x->arg) {
		case G_OPTION_ARG_STRING: {
			const char *val = *(char **)x->arg_data;
			if (val != NULL)
				g_ptr_array_add(v, g_strdup_printf("--%s=%s",
				    x->long_name, val));
			break;
		}
		case G_OPTION_ARG_NONE:
			if (*(gboolean *)x->arg_data)
				g_ptr_array_add(v, g_strdup_printf("--%s",
				    x->long_name));
			break;
		default:
			g_assert_not_reached();
		}
	}
	g_ptr_array_add(v, NULL);
	return (char **)g_ptr_array_free(v, FALSE);
}

/* The options of the table e reset to none. */
static void
clear_norm(const GOptionEntry *e)
{
	for (const GOptionEntry *x = e; x->long_name != NULL; x++)
		if (x->arg == G_OPTION_ARG_STRING)
			g_clear_pointer((char **)x->arg_data, g_free);
		else if (x->arg == G_OPTION_ARG_NONE)
			*(gboolean *)x->arg_data = FALSE;
		else
			g_assert_not_reached();
}

bool
cmd_norm_from_words(const char *const *words, struct cmd_norm *nopts,
    GError **err)
{
	GOptionEntry e[NORM_ENTRIES + 1];
	GOptionContext *ctx = g_option_context_new(NULL);
	guint n = words != NULL ? g_strv_length((char **)words) : 0;
	char **argv = g_new0(char *, n + 2);
	char **keep = argv;
	int argc = (int)n + 1;
	bool ok;

	norm_entries(nopts, e);
	clear_norm(e);
	argv[0] = g_strdup("tracemine");
	for (guint i = 0; i < n; i++)
		argv[i + 1] = g_strdup(words[i]);
	/* argv is rearranged by the parser: free the words from a copy. */
	keep = g_memdup2(argv, sizeof(char *) * (n + 2));
	g_option_context_set_help_enabled(ctx, FALSE);
	g_option_context_add_main_entries(ctx, e, NULL);
	ok = g_option_context_parse(ctx, &argc, &argv, err);
	if (ok && argc > 1) {
		g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
		    "not an option: '%s'", argv[1]);
		ok = false;
	}
	g_option_context_free(ctx);
	g_free(argv);
	g_strfreev(keep);
	if (!ok)
		clear_norm(e);
	return ok;
}

bool
cmd_norm_given(const struct cmd_norm *nopts)
{
	char **w = cmd_norm_words(nopts);
	bool given = w[0] != NULL;

	g_strfreev(w);
	return given;
}

void
cmd_norm_for_trace(const struct cmd_norm *nopts, const struct labels *lab,
    unsigned i, struct cmd_norm *out)
{
	const struct labels_part *p = labels_trace_part(lab, i);

	*out = *nopts;
	if (p == NULL)
		return;
	out->window = p->window;
	out->from_ns = p->from_ns;
	out->to_ns = p->to_ns;
	out->marker = p->marker;
}

struct access_set *
cmd_load_labelled(struct cmd_common *c, struct cmd_norm *nopts,
    const struct labels *lab, unsigned i)
{
	struct cmd_norm no;

	cmd_norm_for_trace(nopts, lab, i, &no);
	return cmd_load(c, &no, labels_trace_files(lab, i));
}
