/*
 * text.c: the text format.  One fact per line, "key value" or
 * "key name value", sorted, so that output greps and diffs.  See
 * tracemine(1), "Output formats".
 */
#include <inttypes.h>

#include "internal.h"

static void
print_counts(FILE *out, const char *key, GHashTable *t, bool int_keys)
{
	GArray *a = counts_sorted(t, int_keys);

	for (unsigned i = 0; i < a->len; i++) {
		struct count *c = &g_array_index(a, struct count, i);
		fprintf(out, "%s %s %" PRIu64 "\n", key, c->name, c->count);
	}
	counts_free(a);
}

static bool
text_stats(FILE *out, const struct trace_stats *st, GError **err)
{
	for (unsigned i = 0; i < st->files->len; i++) {
		char *f = escape_name(st->files->pdata[i]);
		fprintf(out, "file %s\n", f);
		g_free(f);
	}
	fprintf(out, "events %" PRIu64 "\n", st->events);
	fprintf(out, "processes %" PRIu64 "\n", st->processes);
	fprintf(out, "threads %" PRIu64 "\n", st->threads);
	fprintf(out, "failed %" PRIu64 "\n", st->failed);
	fprintf(out, "unreturned %" PRIu64 "\n", st->unreturned);
	fprintf(out, "split %" PRIu64 "\n", st->split);
	fprintf(out, "delivered %" PRIu64 "\n", st->signals_n);
	if (st->has_time) {
		char *a = format_time(st->time_kind, st->first_ns);
		char *b = format_time(st->time_kind, st->last_ns);
		char *s = format_span(st->last_ns - st->first_ns);
		fprintf(out, "time %s\nfirst %s\nlast %s\nspan %s\n",
		    time_kind_name(st->time_kind), a, b, s);
		g_free(a);
		g_free(b);
		g_free(s);
	}
	const GArray *tree = st->tree;
	for (unsigned i = 0; i < tree->len; i++) {
		const struct trace_proc *n = &g_array_index(tree, struct trace_proc, i);
		char a[16], b[16];
		const char *id = pid_text(n->pid, a);
		if (n->thread)
			fprintf(out, "thread %s process %s", id,
			    pid_text(n->owner, b));
		else if (n->has_parent)
			fprintf(out, "process %s parent %s", id,
			    pid_text(n->parent, b));
		else
			fprintf(out, "process %s parent -", id);
		/* Pids of different traces are different processes. */
		if (st->traces > 1)
			fprintf(out, " trace %u", n->trace + 1);
		putc('\n', out);
	}
	print_counts(out, "calls", st->calls, false);
	print_counts(out, "errors", st->errors, false);
	print_counts(out, "exit", st->exits, true);
	print_counts(out, "killed", st->killed, false);
	print_counts(out, "signals", st->signals, false);
	return check_stream(out, err);
}

static bool
text_accesses(FILE *out, const struct access_set *set, const char *op,
    GError **err)
{
	GArray *v = access_set_sorted(set);

	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(set, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		char *f = escape_name(a->file);
		fwrite(a->text, 1, a->len, out);
		fprintf(out, "\t%" PRIu64 "\t%s:%" PRIu64 "\n", a->count, f,
		    a->line);
		g_free(f);
	}
	g_array_free(v, TRUE);
	return check_stream(out, err);
}

static void *
text_norm_begin(FILE *out)
{
	return out;
}

static void
text_norm_line(void *ctx, const char *file, uint64_t line, int pid,
    const char *access, size_t len)
{
	FILE *out = ctx;

	fwrite(access, 1, len, out);
	putc('\n', out);
}

static bool
text_norm_end(void *ctx, GError **err)
{
	return check_stream(ctx, err);
}

const struct printer printer_text = {
	.stats = text_stats,
	.accesses = text_accesses,
	.norm_begin = text_norm_begin,
	.norm_line = text_norm_line,
	.norm_end = text_norm_end,
};
