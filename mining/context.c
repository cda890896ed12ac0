/*
 * context.c: formal contexts.  Names are kept in a string chunk; rows in
 * one array of attribute numbers with the start of each object's row
 * (compressed sparse rows), so a context takes memory in proportion to
 * its incidences, not to objects times attributes.  Rows are filled in the
 * order objects are added: fca_context_set() acts on the last object.
 */
#include <string.h>

#include "mining/concepts.h"
#include "trace/trace.h"

G_DEFINE_QUARK(fca-error-quark, fca_error)

struct fca_context {
	GStringChunk *names;
	GPtrArray *objects;	/* const char *, in names */
	GPtrArray *attributes;
	GArray *cells;		/* uint32_t attribute numbers, row by row */
	GArray *starts;		/* size_t: where row i begins; one more
				 * entry than there are objects */
};

struct fca_context *
fca_context_new(void)
{
	struct fca_context *ctx = g_new0(struct fca_context, 1);
	size_t zero = 0;

	ctx->names = g_string_chunk_new(4096);
	ctx->objects = g_ptr_array_new();
	ctx->attributes = g_ptr_array_new();
	ctx->cells = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	ctx->starts = g_array_sized_new(FALSE, FALSE, sizeof(size_t), 1);
	g_array_append_val(ctx->starts, zero);
	return ctx;
}

void
fca_context_free(struct fca_context *ctx)
{
	if (ctx == NULL)
		return;
	g_string_chunk_free(ctx->names);
	g_ptr_array_free(ctx->objects, TRUE);
	g_ptr_array_free(ctx->attributes, TRUE);
	g_array_free(ctx->cells, TRUE);
	g_array_free(ctx->starts, TRUE);
	g_free(ctx);
}

unsigned
fca_context_add_object(struct fca_context *ctx, const char *name, size_t len)
{
	size_t end = ctx->cells->len;

	g_ptr_array_add(ctx->objects, g_string_chunk_insert_len(ctx->names,
	    name, (gssize)len));
	g_array_append_val(ctx->starts, end);
	return ctx->objects->len - 1;
}

unsigned
fca_context_add_attribute(struct fca_context *ctx, const char *name,
    size_t len)
{
	g_ptr_array_add(ctx->attributes, g_string_chunk_insert_len(ctx->names,
	    name, (gssize)len));
	return ctx->attributes->len - 1;
}

void
fca_context_set(struct fca_context *ctx, unsigned obj, unsigned attr)
{
	g_return_if_fail(obj + 1 == ctx->objects->len);
	g_return_if_fail(attr < ctx->attributes->len);

	size_t *end = &g_array_index(ctx->starts, size_t, obj + 1);
	size_t lo = g_array_index(ctx->starts, size_t, obj), hi = *end;
	uint32_t *v = (uint32_t *)(void *)ctx->cells->data;
	uint32_t a = attr;

	/* Rows are mostly filled in order: look at the end first. */
	if (lo == hi || v[hi - 1] < a) {
		g_array_append_val(ctx->cells, a);
		(*end)++;
		return;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (v[lo] == a)
		return;
	g_array_insert_val(ctx->cells, lo, a);
	(*end)++;
}

const uint32_t *
fca_context_row(const struct fca_context *ctx, unsigned obj, size_t *n)
{
	g_return_val_if_fail(obj < ctx->objects->len, NULL);

	size_t lo = g_array_index(ctx->starts, size_t, obj);
	size_t hi = g_array_index(ctx->starts, size_t, obj + 1);

	*n = hi - lo;
	return (const uint32_t *)(void *)ctx->cells->data + lo;
}

bool
fca_context_has(const struct fca_context *ctx, unsigned obj, unsigned attr)
{
	size_t n;
	const uint32_t *r = fca_context_row(ctx, obj, &n);
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid] < attr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && r[lo] == attr;
}

unsigned
fca_context_objects(const struct fca_context *ctx)
{
	return ctx->objects->len;
}

unsigned
fca_context_attributes(const struct fca_context *ctx)
{
	return ctx->attributes->len;
}

const char *
fca_context_object_name(const struct fca_context *ctx, unsigned obj)
{
	g_return_val_if_fail(obj < ctx->objects->len, NULL);
	return ctx->objects->pdata[obj];
}

const char *
fca_context_attribute_name(const struct fca_context *ctx, unsigned attr)
{
	g_return_val_if_fail(attr < ctx->attributes->len, NULL);
	return ctx->attributes->pdata[attr];
}

static gint
by_uint32(gconstpointer a, gconstpointer b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Appends to the row of ctx->pos the attribute of each access of a set. */
struct row_ctx {
	const uint32_t *pos;	/* by access id: attribute number */
	GArray *row;
};

static void
row_one(const struct access *a, void *p)
{
	struct row_ctx *c = p;

	g_array_append_val(c->row, c->pos[a->id]);
}

struct fca_context *
fca_context_from_sets(const char *const *names,
    const struct access_set *const *sets, size_t n)
{
	struct fca_context *ctx = fca_context_new();
	struct access_set *all;
	GArray *sorted;
	uint32_t *pos;
	GString *esc = g_string_new(NULL);
	size_t i;

	/* The attributes: every access of any trace, in byte order. */
	all = n > 0 ? access_set_apply(ACCESS_UNION, sets, n, false) :
	    access_set_new();
	sorted = access_set_sorted(all);
	pos = g_new0(uint32_t, MAX(access_universe(), 1));
	for (i = 0; i < sorted->len; i++) {
		struct access a;

		access_set_nth(all, g_array_index(sorted, guint, i), &a);
		fca_context_add_attribute(ctx, a.text, a.len);
		pos[a.id] = (uint32_t)i;
	}
	for (i = 0; i < n; i++) {
		struct row_ctx rc = { pos, g_array_new(FALSE, FALSE,
		    sizeof(uint32_t)) };
		unsigned obj;
		guint k;

		/* A trace's name is a file name, escaped as the readers
		 * escape the names of a file (concepts.h). */
		g_string_truncate(esc, 0);
		trace_escape_bytes(esc, names[i], strlen(names[i]));
		obj = fca_context_add_object(ctx, esc->str, esc->len);

		/* The row in attribute order, which the context appends
		 * fastest. */
		access_set_foreach(sets[i], row_one, &rc);
		g_array_sort(rc.row, by_uint32);
		for (k = 0; k < rc.row->len; k++)
			fca_context_set(ctx, obj, g_array_index(rc.row,
			    uint32_t, k));
		g_array_free(rc.row, TRUE);
	}
	g_array_free(sorted, TRUE);
	g_free(pos);
	access_set_free(all);
	g_string_free(esc, TRUE);
	return ctx;
}
