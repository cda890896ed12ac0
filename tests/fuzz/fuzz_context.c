/*
 * fuzz_context.c: libFuzzer target for the context readers
 * (mining/contextfile.c) and concept analysis over what they read.  A
 * failure must be an FCA_ERROR whose message begins "in:"; a context read
 * must give concepts that are closed (the extent is exactly the objects
 * with every attribute of the intent, and the intent exactly what they
 * share), the first 2000 of them checked.  Its lattice is built with a
 * bound of 1999 concepts (--max-concepts), so that no input can make it
 * hold more: it must be refused (FCA_ERROR_LIMIT) exactly when there are
 * more, and otherwise have as many concepts as the enumeration gave,
 * introduce every attribute and every object once, have as many upper
 * as lower cover links, and find the concept each object generates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mining/concepts.h"

#define MAX_CONCEPTS	2000

struct check {
	const struct fca_context *ctx;
	unsigned seen;
	bool *in_extent;
};

static bool
check_concept(void *data, const struct fca_concept *c)
{
	struct check *k = data;
	const struct fca_context *ctx = k->ctx;
	unsigned n = fca_context_objects(ctx), m = fca_context_attributes(ctx);
	size_t i;

	memset(k->in_extent, 0, n * sizeof(bool));
	for (i = 0; i < c->extent_len; i++) {
		if (c->extent[i] >= n || (i > 0 && c->extent[i] <= c->extent[i - 1]))
			abort();
		k->in_extent[c->extent[i]] = true;
	}
	for (i = 0; i < c->intent_len; i++)
		if (c->intent[i] >= m || (i > 0 && c->intent[i] <= c->intent[i - 1]))
			abort();
	/* The extent: the objects with every attribute of the intent. */
	for (unsigned g = 0; g < n; g++) {
		bool all = true;
		for (i = 0; i < c->intent_len && all; i++)
			all = fca_context_has(ctx, g, c->intent[i]);
		if (all != k->in_extent[g])
			abort();
	}
	/* The intent: what they all have (of the first one's row), counted. */
	if (c->extent_len > 0) {
		size_t shared = 0, len;
		const uint32_t *r = fca_context_row(ctx, c->extent[0], &len);

		for (size_t j = 0; j < len; j++) {
			bool all = true;
			for (i = 1; i < c->extent_len && all; i++)
				all = fca_context_has(ctx, c->extent[i], r[j]);
			shared += all;
		}
		if (shared != c->intent_len)
			abort();
	}
	if (c->extent_len == 0 && c->intent_len != m) {
		/* The empty extent's intent is every attribute, unless it
		 * is not a concept's extent at all. */
		abort();
	}
	return ++k->seen < MAX_CONCEPTS;
}

static void
check_lattice(const struct fca_context *ctx, bool all, unsigned seen)
{
	const struct fca_lattice_opts o = { .max_concepts = MAX_CONCEPTS - 1 };
	GError *err = NULL;
	struct fca_lattice *l = fca_lattice_build(ctx, &o, &err);

	if (!all) {
		/* MAX_CONCEPTS or more: refused, and said so. */
		if (l != NULL || err == NULL || err->domain != FCA_ERROR ||
		    err->code != FCA_ERROR_LIMIT)
			abort();
		g_error_free(err);
		return;
	}
	if (l == NULL || err != NULL || fca_lattice_size(l) != seen)
		abort();
	unsigned n = fca_context_objects(ctx), m = fca_context_attributes(ctx);
	unsigned *attrs = calloc(m + 1, sizeof(unsigned));
	unsigned *objs = calloc(n + 1, sizeof(unsigned));
	size_t up = 0, down = 0, k, i;

	for (size_t c = 0; c < fca_lattice_size(l); c++) {
		const uint32_t *v = fca_lattice_new_attributes(l, c, &k);
		for (i = 0; i < k; i++)
			attrs[v[i]]++;
		v = fca_lattice_new_objects(l, c, &k);
		for (i = 0; i < k; i++)
			objs[v[i]]++;
		fca_lattice_upper(l, c, &k);
		up += k;
		if (c > 0 && k == 0)
			abort();	/* only the top has no upper cover */
		fca_lattice_lower(l, c, &k);
		down += k;
	}
	for (unsigned a = 0; a < m; a++)
		if (attrs[a] != 1)
			abort();
	for (unsigned g = 0; g < n; g++)
		if (objs[g] != 1)
			abort();
	/* The concept an object generates is the one that introduces it;
	 * no objects generate the bottom. */
	for (unsigned g = 0; g < n; g++) {
		uint32_t obj = g;
		size_t c = fca_lattice_concept_of(l, &obj, 1);
		const uint32_t *v = fca_lattice_new_objects(l, c, &k);

		for (i = 0; i < k && v[i] != g; i++)
			;
		if (i == k)
			abort();
	}
	if (fca_lattice_concept_of(l, NULL, 0) + 1 != fca_lattice_size(l))
		abort();
	if (up != down || up != fca_lattice_edges(l))
		abort();
	free(attrs);
	free(objs);
	fca_lattice_free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *err = NULL;
	struct fca_context *ctx = fca_context_parse("in", (const char *)data,
	    size, &err);

	if (ctx == NULL) {
		if (err == NULL || err->domain != FCA_ERROR ||
		    strncmp(err->message, "in:", 3) != 0)
			abort();
		g_error_free(err);
		return 0;
	}
	struct check k = { .ctx = ctx };
	k.in_extent = calloc(fca_context_objects(ctx) + 1, sizeof(bool));
	bool all = fca_enumerate(ctx, check_concept, &k);
	free(k.in_extent);
	if ((uint64_t)fca_context_objects(ctx) *
	    fca_context_attributes(ctx) <= 1000000)
		check_lattice(ctx, all, k.seen);
	fca_context_free(ctx);
	return 0;
}
