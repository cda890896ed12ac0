/*
 * json.c: JSON through json-glib, so no string is quoted by hand.  Names
 * from logs are first escaped as strace escapes bytes, so the JSON is valid
 * UTF-8 whatever bytes the log held.  Streams (norm) are written one element
 * at a time: an array whose elements are generated separately.
 */
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "internal.h"

char *
report_json_text(JsonBuilder *b)
{
	JsonGenerator *gen = json_generator_new();
	JsonNode *root = json_builder_get_root(b);
	char *s;

	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	s = json_generator_to_data(gen, NULL);
	json_node_unref(root);
	g_object_unref(gen);
	return s;
}

static void
write_node(FILE *out, JsonNode *node, bool pretty)
{
	JsonGenerator *g = json_generator_new();
	gsize len;

	json_generator_set_root(g, node);
	json_generator_set_pretty(g, pretty);
	char *s = json_generator_to_data(g, &len);
	fwrite(s, 1, len, out);
	g_free(s);
	g_object_unref(g);
}

static void
add_counts(JsonBuilder *b, const char *key, GHashTable *t, bool int_keys)
{
	GArray *a = counts_sorted(t, int_keys);

	json_builder_set_member_name(b, key);
	json_builder_begin_object(b);
	for (unsigned i = 0; i < a->len; i++) {
		struct count *c = &g_array_index(a, struct count, i);
		json_builder_set_member_name(b, c->name);
		json_builder_add_int_value(b, (gint64)c->count);
	}
	json_builder_end_object(b);
	counts_free(a);
}

static void
add_int(JsonBuilder *b, const char *key, uint64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, (gint64)v);
}

static void
add_escaped(JsonBuilder *b, const char *key, const char *bytes, size_t len)
{
	GString *s = g_string_new(NULL);

	trace_escape_bytes(s, bytes, len);
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, s->str);
	g_string_free(s, TRUE);
}

static bool
json_stats(FILE *out, const struct trace_stats *st, GError **err)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "files");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < st->files->len; i++) {
		char *f = escape_name(st->files->pdata[i]);
		json_builder_add_string_value(b, f);
		g_free(f);
	}
	json_builder_end_array(b);
	add_int(b, "events", st->events);
	add_int(b, "processes", st->processes);
	add_int(b, "threads", st->threads);
	add_int(b, "failed", st->failed);
	add_int(b, "unreturned", st->unreturned);
	add_int(b, "split", st->split);
	add_int(b, "delivered", st->signals_n);
	if (st->has_time) {
		char *a = format_time(st->time_kind, st->first_ns);
		char *z = format_time(st->time_kind, st->last_ns);
		json_builder_set_member_name(b, "time");
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, time_kind_name(st->time_kind));
		json_builder_set_member_name(b, "first");
		json_builder_add_string_value(b, a);
		json_builder_set_member_name(b, "last");
		json_builder_add_string_value(b, z);
		json_builder_set_member_name(b, "span");
		json_builder_add_double_value(b,
		    (double)(st->last_ns - st->first_ns) / 1e9);
		json_builder_end_object(b);
		g_free(a);
		g_free(z);
	}
	const GArray *tree = st->tree;
	json_builder_set_member_name(b, "tree");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < tree->len; i++) {
		const struct trace_proc *n = &g_array_index(tree, struct trace_proc, i);
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "trace");
		json_builder_add_int_value(b, n->trace + 1);
		json_builder_set_member_name(b, "pid");
		if (n->pid != 0)
			json_builder_add_int_value(b, n->pid);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, n->thread ? "process" : "parent");
		int up = n->thread ? n->owner : n->parent;
		if ((n->thread || n->has_parent) && up != 0)
			json_builder_add_int_value(b, up);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "thread");
		json_builder_add_boolean_value(b, n->thread);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	add_counts(b, "calls", st->calls, false);
	add_counts(b, "errors", st->errors, false);
	add_counts(b, "exits", st->exits, true);
	add_counts(b, "killed", st->killed, false);
	add_counts(b, "signals", st->signals, false);
	json_builder_end_object(b);
	JsonNode *root = json_builder_get_root(b);
	write_node(out, root, true);
	putc('\n', out);
	json_node_unref(root);
	g_object_unref(b);
	return check_stream(out, err);
}

static bool
json_accesses(FILE *out, const struct access_set *set, const char *op,
    GError **err)
{
	GArray *v = access_set_sorted(set);
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "operation");
	json_builder_add_string_value(b, op);
	add_int(b, "size", v->len);
	json_builder_set_member_name(b, "accesses");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(set, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "access");
		json_builder_add_string_value(b, a->text);
		add_int(b, "count", a->count);
		add_escaped(b, "file", a->file, strlen(a->file));
		add_int(b, "line", a->line);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	JsonNode *root = json_builder_get_root(b);
	write_node(out, root, true);
	putc('\n', out);
	json_node_unref(root);
	g_object_unref(b);
	g_array_free(v, TRUE);
	return check_stream(out, err);
}

struct json_norm {
	FILE *out;
	uint64_t n;
};

static void *
json_norm_begin(FILE *out)
{
	struct json_norm *j = g_new0(struct json_norm, 1);

	j->out = out;
	fputs("[", out);
	return j;
}

static void
json_norm_line(void *ctx, const char *file, uint64_t line, int pid,
    const char *access, size_t len)
{
	struct json_norm *j = ctx;
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	add_escaped(b, "file", file, strlen(file));
	add_int(b, "line", line);
	json_builder_set_member_name(b, "pid");
	json_builder_add_int_value(b, pid);
	json_builder_set_member_name(b, "access");
	char *t = g_strndup(access, len);
	json_builder_add_string_value(b, t);
	g_free(t);
	json_builder_end_object(b);
	JsonNode *root = json_builder_get_root(b);
	fputs(j->n++ ? ",\n" : "\n", j->out);
	write_node(j->out, root, false);
	json_node_unref(root);
	g_object_unref(b);
}

static bool
json_norm_end(void *ctx, GError **err)
{
	struct json_norm *j = ctx;

	fputs(j->n ? "\n]\n" : "]\n", j->out);
	bool ok = check_stream(j->out, err);
	g_free(j);
	return ok;
}

const struct printer printer_json = {
	.stats = json_stats,
	.accesses = json_accesses,
	.norm_begin = json_norm_begin,
	.norm_line = json_norm_line,
	.norm_end = json_norm_end,
};
