/*
 * accessset.c: sets of normalised accesses and their algebra.
 *
 * A set is a hash table from the access text (kept in a GStringChunk owned
 * by the set) to its entry.  The operations walk the first operand (diff,
 * intersect) or all operands (union) and look each access up in the others:
 * O(total size) expected time.  Results are printed through
 * access_set_sorted(), never in table order.
 */
#include <string.h>

#include <glib.h>

#include "accessset.h"

struct access_set {
	GHashTable *map;	/* text -> struct access (owned) */
	GStringChunk *chunk;	/* the texts */
};

struct access_set *
access_set_new(void)
{
	struct access_set *set = g_new0(struct access_set, 1);

	set->map = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	set->chunk = g_string_chunk_new(64 * 1024);
	return set;
}

void
access_set_free(struct access_set *set)
{
	if (set == NULL)
		return;
	g_hash_table_destroy(set->map);
	g_string_chunk_free(set->chunk);
	g_free(set);
}

static struct access *
insert(struct access_set *set, const char *text, size_t len,
    uint64_t count, const char *file, uint64_t line)
{
	struct access *a = g_new(struct access, 1);

	a->text = g_string_chunk_insert_len(set->chunk, text, len);
	a->len = len;
	a->count = count;
	a->file = file;
	a->line = line;
	g_hash_table_insert(set->map, (gpointer)a->text, a);
	return a;
}

/* Looks text up with a NUL-terminated copy; text need not end in NUL. */
static struct access *
find(const struct access_set *set, const char *text, size_t len)
{
	char small[256];
	struct access *a;

	if (len < sizeof(small)) {
		memcpy(small, text, len);
		small[len] = '\0';
		return g_hash_table_lookup(set->map, small);
	}
	char *t = g_strndup(text, len);
	a = g_hash_table_lookup(set->map, t);
	g_free(t);
	return a;
}

void
access_set_add(struct access_set *set, const char *text, size_t len,
    const char *file, uint64_t line)
{
	struct access *a = find(set, text, len);

	if (a != NULL)
		a->count++;
	else
		insert(set, text, len, 1, file, line);
}

size_t
access_set_size(const struct access_set *set)
{
	return g_hash_table_size(set->map);
}

const struct access *
access_set_lookup(const struct access_set *set, const char *text, size_t len)
{
	return find(set, text, len);
}

static gint
by_text(gconstpointer pa, gconstpointer pb)
{
	const struct access *a = *(const struct access *const *)pa;
	const struct access *b = *(const struct access *const *)pb;
	int c = memcmp(a->text, b->text, MIN(a->len, b->len));

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

GPtrArray *
access_set_sorted(const struct access_set *set)
{
	GPtrArray *v = g_ptr_array_sized_new(g_hash_table_size(set->map));
	GHashTableIter it;
	gpointer k, val;

	g_hash_table_iter_init(&it, set->map);
	while (g_hash_table_iter_next(&it, &k, &val))
		g_ptr_array_add(v, val);
	g_ptr_array_sort(v, by_text);
	return v;
}

void
access_set_foreach(const struct access_set *set,
    void (*fn)(const struct access *a, void *ctx), void *ctx)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, set->map);
	while (g_hash_table_iter_next(&it, &k, &v))
		fn(v, ctx);
}

const char *
access_op_name(enum access_op op)
{
	switch (op) {
	case ACCESS_DIFF: return "diff";
	case ACCESS_INTERSECT: return "intersect";
	case ACCESS_UNION: return "union";
	}
	return "?";
}

struct access_set *
access_set_apply(enum access_op op, const struct access_set *const *sets,
    size_t n, bool multiset)
{
	struct access_set *out = access_set_new();
	GHashTableIter it;
	gpointer k, v;

	g_return_val_if_fail(n >= 1, out);
	if (op == ACCESS_UNION) {
		for (size_t i = 0; i < n; i++) {
			g_hash_table_iter_init(&it, sets[i]->map);
			while (g_hash_table_iter_next(&it, &k, &v)) {
				const struct access *a = v;
				struct access *o = g_hash_table_lookup(out->map,
				    a->text);
				if (o == NULL)
					insert(out, a->text, a->len, a->count,
					    a->file, a->line);
				else if (multiset && a->count > o->count)
					o->count = a->count;
			}
		}
		return out;
	}
	g_hash_table_iter_init(&it, sets[0]->map);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct access *a = v;
		uint64_t count = a->count, others = 0;
		bool keep = true;
		for (size_t i = 1; i < n && keep; i++) {
			const struct access *b = g_hash_table_lookup(
			    sets[i]->map, a->text);
			if (op == ACCESS_INTERSECT) {
				if (b == NULL)
					keep = false;
				else if (b->count < count)
					count = b->count;
			} else if (b != NULL) {
				if (!multiset)
					keep = false;
				others += b->count;
			}
		}
		if (op == ACCESS_DIFF && multiset) {
			if (others >= count)
				keep = false;
			else
				count -= others;
		}
		if (!multiset)
			count = a->count;
		if (keep)
			insert(out, a->text, a->len, count, a->file, a->line);
	}
	return out;
}
