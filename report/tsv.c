/*
 * tsv.c: tab-separated values with a header line.  Fields never hold a tab
 * or a newline: names are escaped as strace escapes bytes.
 */
#include <inttypes.h>

#include "internal.h"

static void
print_counts(FILE *out, const char *key, GHashTable *t, bool int_keys)
{
	GArray *a = counts_sorted(t, int_keys);

	for (unsigned i = 0; i < a->len; i++) {
		struct count *c = &g_array_index(a, struct count, i);
		fprintf(out, "%s\t%s\t%" PRIu64 "\n", key, c->name, c->count);
	}
	counts_free(a);
}

static bool
tsv_stats(FILE *out, const struct trace_stats *st, GError **err)
{
	fputs("key\tname\tvalue\n", out);
	for (unsigned i = 0; i < st->files->len; i++) {
		char *f = escape_name(st->files->pdata[i]);
		fprintf(out, "file\t%s\t\n", f);
		g_free(f);
	}
	fprintf(out, "events\t\t%" PRIu64 "\n", st->events);
	fprintf(out, "processes\t\t%" PRIu64 "\n", st->processes);
	fprintf(out, "threads\t\t%" PRIu64 "\n", st->threads);
	fprintf(out, "failed\t\t%" PRIu64 "\n", st->failed);
	fprintf(out, "unreturned\t\t%" PRIu64 "\n", st->unreturned);
	fprintf(out, "split\t\t%" PRIu64 "\n", st->split);
	fprintf(out, "delivered\t\t%" PRIu64 "\n", st->signals_n);
	if (st->has_time) {
		char *a = format_time(st->time_kind, st->first_ns);
		char *b = format_time(st->time_kind, st->last_ns);
		char *s = format_span(st->last_ns - st->first_ns);
		fprintf(out, "time\t%s\t\nfirst\t\t%s\nlast\t\t%s\nspan\t\t%s\n",
		    time_kind_name(st->time_kind), a, b, s);
		g_free(a);
		g_free(b);
		g_free(s);
	}
	const GArray *tree = st->tree;
	for (unsigned i = 0; i < tree->len; i++) {
		const struct trace_proc *n = &g_array_index(tree, struct trace_proc, i);
		/* With several traces a pid is named TRACE:PID. */
		char a[16], b[16];
		char *id = st->traces > 1 ? g_strdup_printf("%u:%s",
		    n->trace + 1, pid_text(n->pid, a)) :
		    g_strdup(pid_text(n->pid, a));
		if (n->thread)
			fprintf(out, "thread\t%s\t%s\n", id,
			    pid_text(n->owner, b));
		else if (n->has_parent)
			fprintf(out, "process\t%s\t%s\n", id,
			    pid_text(n->parent, b));
		else
			fprintf(out, "process\t%s\t\n", id);
		g_free(id);
	}
	print_counts(out, "calls", st->calls, false);
	print_counts(out, "errors", st->errors, false);
	print_counts(out, "exit", st->exits, true);
	print_counts(out, "killed", st->killed, false);
	print_counts(out, "signals", st->signals, false);
	return check_stream(out, err);
}

static bool
tsv_accesses(FILE *out, const struct access_set *set, const char *op,
    GError **err)
{
	GArray *v = access_set_sorted(set);

	fputs("access\tcount\tfile\tline\n", out);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(set, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		char *f = escape_name(a->file);
		fwrite(a->text, 1, a->len, out);
		fprintf(out, "\t%" PRIu64 "\t%s\t%" PRIu64 "\n", a->count, f,
		    a->line);
		g_free(f);
	}
	g_array_free(v, TRUE);
	return check_stream(out, err);
}

struct tsv_norm {
	FILE *out;
	const char *last_file;
	char *last_escaped;
};

static void *
tsv_norm_begin(FILE *out)
{
	struct tsv_norm *t = g_new0(struct tsv_norm, 1);

	t->out = out;
	fputs("file\tline\tpid\taccess\n", out);
	return t;
}

static void
tsv_norm_line(void *ctx, const char *file, uint64_t line, int pid,
    const char *access, size_t len)
{
	struct tsv_norm *t = ctx;

	if (file != t->last_file) {
		g_free(t->last_escaped);
		t->last_escaped = escape_name(file);
		t->last_file = file;
	}
	fprintf(t->out, "%s\t%" PRIu64 "\t%d\t", t->last_escaped, line, pid);
	fwrite(access, 1, len, t->out);
	putc('\n', t->out);
}

static bool
tsv_norm_end(void *ctx, GError **err)
{
	struct tsv_norm *t = ctx;
	bool ok = check_stream(t->out, err);

	g_free(t->last_escaped);
	g_free(t);
	return ok;
}

const struct printer printer_tsv = {
	.stats = tsv_stats,
	.accesses = tsv_accesses,
	.norm_begin = tsv_norm_begin,
	.norm_line = tsv_norm_line,
	.norm_end = tsv_norm_end,
};
