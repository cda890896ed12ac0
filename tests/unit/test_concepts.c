/*
 * test_concepts.c: formal concept analysis (mining/concepts.h).
 *
 * Small contexts whose concepts and cover edges are listed by hand in the
 * comments; then two independent oracles on many random contexts from a
 * fixed seed: every subset of attributes closed (narrow contexts), or
 * every subset of objects closed (wide contexts, intents of two and more
 * words), the distinct closed sets being exactly the concepts; covers
 * checked against the order of extents, and what a concept introduces
 * against attribute and object concepts.  Then the readers, with their
 * errors to the column.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "mining/conceptlabels.h"
#include "mining/concepts.h"
#include "tests/unit/cu_assert.h"

/* A context from rows like "XX.." (objects named o1.., attributes a1..). */
static struct fca_context *
make(unsigned m, const char *const *rows, unsigned n)
{
	struct fca_context *ctx = fca_context_new();
	char name[16];

	for (unsigned a = 0; a < m; a++) {
		g_snprintf(name, sizeof(name), "a%u", a + 1);
		fca_context_add_attribute(ctx, name, strlen(name));
	}
	for (unsigned g = 0; g < n; g++) {
		g_snprintf(name, sizeof(name), "o%u", g + 1);
		unsigned o = fca_context_add_object(ctx, name, strlen(name));
		for (unsigned a = 0; a < m; a++)
			if (rows[g][a] == 'X')
				fca_context_set(ctx, o, a);
	}
	return ctx;
}

/* A list as text: "1 3 4", 1-based, for messages and comparisons. */
static char *
list_text(const uint32_t *v, size_t n)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%s%u", i ? " " : "", v[i] + 1);
	return g_string_free(s, FALSE);
}

typedef const uint32_t *(*list_fn)(const struct fca_lattice *, size_t,
    size_t *);

/* A list of concept c of l as text (transfer full). */
static char *
list_of(list_fn get, const struct fca_lattice *l, size_t c)
{
	size_t n;
	const uint32_t *v = get(l, c, &n);

	return list_text(v, n);
}

/*
 * Checks concept c of l: extent, intent, upper covers, introduced
 * attributes, as 1-based lists in text ("" for none).
 */
static void
check_concept(const struct fca_lattice *l, size_t c, const char *extent,
    const char *intent, const char *upper, const char *introduces)
{
	char *s;

	s = list_of(fca_lattice_extent, l, c);
	EQ_STR(s, extent);
	g_free(s);
	s = list_of(fca_lattice_intent, l, c);
	EQ_STR(s, intent);
	g_free(s);
	s = list_of(fca_lattice_upper, l, c);
	EQ_STR(s, upper);
	g_free(s);
	s = list_of(fca_lattice_new_attributes, l, c);
	EQ_STR(s, introduces);
	g_free(s);
}

/*
 * The animals: duck, dove fly and have feathers; cat has fur; dog has fur
 * and barks.  Concepts, in intent order (upper covers 1-based):
 *   1 ({all}, {})
 *   2 ({cat, dog}, {fur})                   upper 1, introduces fur
 *   3 ({duck, dove}, {flies, feathers})     upper 1, introduces both
 *   4 ({dog}, {fur, barks})                 upper 2, introduces barks
 *   5 ({}, {all})                           upper 3 and 4
 * 5 edges.
 */
static void
test_animals(void)
{
	const char *rows[] = { "XX..", "XX..", "..X.", "..XX" };
	struct fca_context *ctx = make(4, rows, 4);
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_count(ctx), 5);
	EQ_INT(fca_lattice_size(l), 5);
	EQ_INT(fca_lattice_edges(l), 5);
	check_concept(l, 0, "1 2 3 4", "", "", "");
	check_concept(l, 1, "3 4", "3", "1", "3");
	check_concept(l, 2, "1 2", "1 2", "1", "1 2");
	check_concept(l, 3, "4", "3 4", "2", "4");
	check_concept(l, 4, "", "1 2 3 4", "3 4", "");
	/* Objects introduced: cat at 2, duck and dove at 3, dog at 4. */
	char *s = list_of(fca_lattice_new_objects, l, 2);
	EQ_STR(s, "1 2");
	g_free(s);
	s = list_of(fca_lattice_new_objects, l, 1);
	EQ_STR(s, "3");
	g_free(s);
	s = list_of(fca_lattice_lower, l, 0);
	EQ_STR(s, "2 3");
	g_free(s);
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/*
 * The contranominal scale of 4: object i has every attribute but i.  Every
 * set of attributes is an intent: 2^4 = 16 concepts, and the Hasse
 * diagram of the Boolean lattice of 4 has 4 * 2^3 = 32 edges.  The top's
 * intent is empty; each singleton {i} has the top as its one upper
 * cover and introduces i.
 */
static void
test_contranominal(void)
{
	const char *rows[] = { ".XXX", "X.XX", "XX.X", "XXX." };
	struct fca_context *ctx = make(4, rows, 4);
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_count(ctx), 16);
	EQ_INT(fca_lattice_size(l), 16);
	EQ_INT(fca_lattice_edges(l), 32);
	check_concept(l, 0, "1 2 3 4", "", "", "");
	check_concept(l, 1, "2 3 4", "1", "1", "1");
	check_concept(l, 4, "1 2 3", "4", "1", "4");
	/* {1, 2}: objects 3 and 4; covered by {1} and {2}. */
	check_concept(l, 5, "3 4", "1 2", "2 3", "");
	check_concept(l, 15, "", "1 2 3 4", "12 13 14 15", "");
	fca_lattice_free(l);

	/* With a bound: 16 concepts are enough, 15 are not. */
	struct fca_lattice_opts o = { .max_concepts = 16 };
	GError *err = NULL;
	l = fca_lattice_build(ctx, &o, &err);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_FATAL(l != NULL);
	EQ_INT(fca_lattice_size(l), 16);
	fca_lattice_free(l);
	o.max_concepts = 15;
	CU_ASSERT(fca_lattice_build(ctx, &o, &err) == NULL);
	CU_ASSERT_FATAL(err != NULL);
	CU_ASSERT(g_error_matches(err, FCA_ERROR, FCA_ERROR_LIMIT));
	EQ_STR(err->message, "expected a lattice of at most 15 concepts, "
	    "found more: stopped at concept 16");
	g_error_free(err);
	fca_context_free(ctx);
}

/*
 * The identity of 4 (object i has only attribute i): the top, four atoms
 * ({i}, {i}) and the bottom; 6 concepts, 8 edges.
 */
static void
test_identity(void)
{
	const char *rows[] = { "X...", ".X..", "..X.", "...X" };
	struct fca_context *ctx = make(4, rows, 4);
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_lattice_size(l), 6);
	EQ_INT(fca_lattice_edges(l), 8);
	check_concept(l, 1, "1", "1", "1", "1");
	check_concept(l, 4, "4", "4", "1", "4");
	check_concept(l, 5, "", "1 2 3 4", "2 3 4 5", "");
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/*
 * Degenerate contexts.  No objects and no attributes: one concept, (), no
 * edge.  Objects without attributes: one, (X, {}).  Attributes without
 * objects: one, ({}, Y), which introduces every attribute.  A 3 x 3
 * context with no crosses: top (X, {}) and bottom ({}, Y), one edge.  A
 * full one: one concept (X, Y), which introduces every attribute.
 */
static void
test_degenerate(void)
{
	struct fca_context *ctx = fca_context_new();
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_count(ctx), 1);
	EQ_INT(fca_lattice_size(l), 1);
	EQ_INT(fca_lattice_edges(l), 0);
	check_concept(l, 0, "", "", "", "");
	fca_lattice_free(l);
	fca_context_free(ctx);

	const char *none[] = { "", "", "" };
	ctx = make(0, none, 3);
	l = fca_lattice_new(ctx);
	EQ_INT(fca_lattice_size(l), 1);
	check_concept(l, 0, "1 2 3", "", "", "");
	fca_lattice_free(l);
	fca_context_free(ctx);

	ctx = make(3, NULL, 0);
	l = fca_lattice_new(ctx);
	EQ_INT(fca_lattice_size(l), 1);
	check_concept(l, 0, "", "1 2 3", "", "1 2 3");
	fca_lattice_free(l);
	fca_context_free(ctx);

	const char *empty[] = { "...", "...", "..." };
	ctx = make(3, empty, 3);
	l = fca_lattice_new(ctx);
	EQ_INT(fca_count(ctx), 2);
	EQ_INT(fca_lattice_edges(l), 1);
	check_concept(l, 0, "1 2 3", "", "", "");
	check_concept(l, 1, "", "1 2 3", "1", "1 2 3");
	fca_lattice_free(l);
	fca_context_free(ctx);

	const char *full[] = { "XXX", "XXX", "XXX" };
	ctx = make(3, full, 3);
	l = fca_lattice_new(ctx);
	EQ_INT(fca_count(ctx), 1);
	EQ_INT(fca_lattice_edges(l), 0);
	check_concept(l, 0, "1 2 3", "1 2 3", "", "1 2 3");
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/*
 * Duplicate objects: o1 and o2 both {a1, a2}, o3 {a2}.  Two concepts,
 * ({o1, o2, o3}, {a2}) and ({o1, o2}, {a1, a2}), one edge; duplicates
 * make no more concepts, and both are introduced by the second.  The same
 * with a duplicate attribute (a3 = a1): still two concepts.
 */
static void
test_duplicates(void)
{
	const char *rows[] = { "XX", "XX", ".X" };
	struct fca_context *ctx = make(2, rows, 3);
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_lattice_size(l), 2);
	EQ_INT(fca_lattice_edges(l), 1);
	check_concept(l, 0, "1 2 3", "2", "", "2");
	check_concept(l, 1, "1 2", "1 2", "1", "1");
	char *s = list_of(fca_lattice_new_objects, l, 1);
	EQ_STR(s, "1 2");
	g_free(s);
	fca_lattice_free(l);
	fca_context_free(ctx);

	const char *rows3[] = { "XXX", "XXX", ".X." };
	ctx = make(3, rows3, 3);
	l = fca_lattice_new(ctx);
	EQ_INT(fca_lattice_size(l), 2);
	check_concept(l, 1, "1 2", "1 2 3", "1", "1 3");
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/*
 * Wide: three objects with 8000 attributes each of their own and one they
 * share, 24001 attributes in all, so the lattice's one-pass accumulators
 * (attributes times words) are over budget and each attribute's intent is
 * found alone, and FCbO remembers no failed intents at the top.  Five
 * concepts: the top (all, {shared}), one per object, the bottom; 6 edges;
 * each object's concept introduces its own 8000.
 */
static void
test_wide(void)
{
	struct fca_context *ctx = fca_context_new();
	char name[16];
	size_t n;

	for (unsigned a = 0; a < 24001; a++) {
		g_snprintf(name, sizeof(name), "%u", a);
		fca_context_add_attribute(ctx, name, strlen(name));
	}
	for (unsigned g = 0; g < 3; g++) {
		fca_context_add_object(ctx, "o", 1);
		fca_context_set(ctx, g, 0);
		for (unsigned a = 0; a < 8000; a++)
			fca_context_set(ctx, g, 1 + g * 8000 + a);
	}
	struct fca_lattice *l = fca_lattice_new(ctx);

	EQ_INT(fca_count(ctx), 5);
	EQ_INT(fca_lattice_size(l), 5);
	EQ_INT(fca_lattice_edges(l), 6);
	check_concept(l, 0, "1 2 3", "1", "", "1");
	for (size_t c = 1; c <= 3; c++) {
		fca_lattice_intent(l, c, &n);
		EQ_INT(n, 8001);
		const uint32_t *v = fca_lattice_new_attributes(l, c, &n);
		EQ_INT(n, 8000);
		EQ_INT(v[0], 1 + (c - 1) * 8000);
		fca_lattice_upper(l, c, &n);
		EQ_INT(n, 1);
	}
	fca_lattice_intent(l, 4, &n);
	EQ_INT(n, 24001);
	fca_lattice_upper(l, 4, &n);
	EQ_INT(n, 3);
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/*
 * Columns no object has are merged into one for the bitsets: a context
 * naming attribute 1000000 in one row has two concepts, ({o}, {1000000})
 * and ({}, all 1000000), the bottom introducing the 999999 others.  With
 * a second object without attributes: the top (both, {}), then the first
 * object's, then the bottom.
 */
static void
test_empty_columns(void)
{
	struct fca_context *ctx = fca_context_parse("in", "1000000\n", 8,
	    NULL);
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	EQ_INT(fca_context_attributes(ctx), 1000000);
	EQ_INT(fca_count(ctx), 2);
	struct fca_lattice *l = fca_lattice_new(ctx);
	EQ_INT(fca_lattice_size(l), 2);
	check_concept(l, 0, "1", "1000000", "", "1000000");
	fca_lattice_intent(l, 1, &n);
	EQ_INT(n, 1000000);
	fca_lattice_new_attributes(l, 1, &n);
	EQ_INT(n, 999999);
	fca_lattice_free(l);
	fca_context_free(ctx);

	ctx = fca_context_parse("in", "1000000\n\n", 9, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	EQ_INT(fca_count(ctx), 3);
	l = fca_lattice_new(ctx);
	check_concept(l, 0, "1 2", "", "", "");
	check_concept(l, 1, "1", "1000000", "1", "1000000");
	fca_lattice_free(l);
	fca_context_free(ctx);
}

/* The enumeration stops when the callback says so. */
static bool
stop_after_3(void *data, const struct fca_concept *c)
{
	return ++*(int *)data < 3;
}

static void
test_stop(void)
{
	const char *rows[] = { ".XXX", "X.XX", "XX.X", "XXX." };
	struct fca_context *ctx = make(4, rows, 4);
	int seen = 0;

	CU_ASSERT_FALSE(fca_enumerate(ctx, stop_after_3, &seen));
	EQ_INT(seen, 3);
	fca_context_free(ctx);
}

/*
 * The oracles.  A random context is a matrix of bits; concepts are
 * compared as sorted lists of (extent, intent) bitsets of at most 64
 * objects and any number of attribute words.
 */
struct rctx {
	unsigned n, m;
	bool cell[64][200];
};

static void
random_context(GRand *r, struct rctx *x, unsigned n, unsigned m)
{
	double p = g_rand_double_range(r, 0.05, 0.95);

	x->n = n;
	x->m = m;
	for (unsigned g = 0; g < n; g++)
		for (unsigned a = 0; a < m; a++)
			x->cell[g][a] = g_rand_double(r) < p;
	/* Now and then, duplicate a row or a column. */
	if (n > 1 && g_rand_boolean(r))
		memcpy(x->cell[1], x->cell[0], sizeof(x->cell[0]));
	if (m > 1 && g_rand_boolean(r))
		for (unsigned g = 0; g < n; g++)
			x->cell[g][m - 1] = x->cell[g][0];
}

static struct fca_context *
to_context(const struct rctx *x)
{
	struct fca_context *ctx = fca_context_new();
	char name[16];

	for (unsigned a = 0; a < x->m; a++) {
		g_snprintf(name, sizeof(name), "%u", a);
		fca_context_add_attribute(ctx, name, strlen(name));
	}
	for (unsigned g = 0; g < x->n; g++) {
		g_snprintf(name, sizeof(name), "%u", g);
		fca_context_add_object(ctx, name, strlen(name));
		for (unsigned a = 0; a < x->m; a++)
			if (x->cell[g][a])
				fca_context_set(ctx, g, a);
	}
	return ctx;
}

/* A concept as one string: the extent's bits then the intent's, so that
 * sets of concepts compare as sorted arrays of strings. */
static char *
concept_key(const struct rctx *x, uint64_t ext, const bool *intent)
{
	GString *s = g_string_new(NULL);

	for (unsigned g = 0; g < x->n; g++)
		g_string_append_c(s, ext >> g & 1 ? '1' : '0');
	g_string_append_c(s, '|');
	for (unsigned a = 0; a < x->m; a++)
		g_string_append_c(s, intent[a] ? '1' : '0');
	return g_string_free(s, FALSE);
}

/* The attributes every object of ext has. */
static void
up(const struct rctx *x, uint64_t ext, bool *intent)
{
	for (unsigned a = 0; a < x->m; a++) {
		intent[a] = true;
		for (unsigned g = 0; g < x->n; g++)
			if ((ext >> g & 1) && !x->cell[g][a])
				intent[a] = false;
	}
}

/* The objects that have every attribute of intent. */
static uint64_t
down(const struct rctx *x, const bool *intent)
{
	uint64_t ext = 0;

	for (unsigned g = 0; g < x->n; g++) {
		bool all = true;
		for (unsigned a = 0; a < x->m && all; a++)
			if (intent[a] && !x->cell[g][a])
				all = false;
		if (all)
			ext |= (uint64_t)1 << g;
	}
	return ext;
}

static gint
by_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The distinct closed sets, by brute force: every subset of attributes
 * S gives the concept (S', S''), when by_objects is false; every subset
 * of objects A gives (A'', A') when it is true.
 */
static GPtrArray *
brute_force(const struct rctx *x, bool by_objects)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	unsigned bits = by_objects ? x->n : x->m;
	bool intent[200], s[200];

	for (uint64_t sub = 0; sub < (uint64_t)1 << bits; sub++) {
		uint64_t ext;

		if (by_objects) {
			up(x, sub, intent);
			ext = down(x, intent);
		} else {
			for (unsigned a = 0; a < x->m; a++)
				s[a] = sub >> a & 1;
			ext = down(x, s);
			up(x, ext, intent);
		}
		char *k = concept_key(x, ext, intent);
		if (g_hash_table_contains(seen, k)) {
			g_free(k);
			continue;
		}
		g_hash_table_add(seen, k);
		g_ptr_array_add(out, k);
	}
	g_hash_table_destroy(seen);
	g_ptr_array_sort(out, by_str);
	return out;
}

struct gather {
	const struct rctx *x;
	GPtrArray *keys;
	bool ok;
};

static bool
gather(void *data, const struct fca_concept *c)
{
	struct gather *gt = data;
	uint64_t ext = 0;
	bool intent[200];

	for (size_t i = 0; i < c->extent_len; i++) {
		if (i > 0 && c->extent[i] <= c->extent[i - 1])
			gt->ok = false;
		ext |= (uint64_t)1 << c->extent[i];
	}
	memset(intent, 0, sizeof(intent));
	for (size_t i = 0; i < c->intent_len; i++) {
		if (i > 0 && c->intent[i] <= c->intent[i - 1])
			gt->ok = false;
		intent[c->intent[i]] = true;
	}
	g_ptr_array_add(gt->keys, concept_key(gt->x, ext, intent));
	return true;
}

/*
 * Checks the lattice of x against the order of its concepts' extents: d
 * is an upper cover of c exactly when ext(c) < ext(d) with no concept in
 * between; c introduces attribute a exactly when c is a's concept (its
 * intent is a''), and object g exactly when c is g's concept.
 */
static void
check_lattice(const struct rctx *x, const struct fca_context *ctx)
{
	struct fca_lattice *l = fca_lattice_new(ctx);
	size_t nc = fca_lattice_size(l), edges = 0, n;
	uint64_t *ext = g_new0(uint64_t, nc);
	bool intent[200];

	for (size_t c = 0; c < nc; c++) {
		const uint32_t *v = fca_lattice_extent(l, c, &n);
		for (size_t i = 0; i < n; i++)
			ext[c] |= (uint64_t)1 << v[i];
	}
	for (size_t c = 0; c < nc; c++) {
		for (size_t d = 0; d < nc; d++) {
			bool cover = (ext[c] & ~ext[d]) == 0 && ext[c] != ext[d];
			for (size_t e = 0; e < nc && cover; e++)
				if (e != c && e != d &&
				    (ext[c] & ~ext[e]) == 0 &&
				    (ext[e] & ~ext[d]) == 0 &&
				    ext[e] != ext[c] && ext[e] != ext[d])
					cover = false;
			const uint32_t *u = fca_lattice_upper(l, c, &n);
			bool listed = false;
			for (size_t i = 0; i < n; i++)
				listed |= u[i] == d;
			CU_ASSERT_EQUAL(cover, listed);
			edges += cover;
		}
	}
	EQ_INT(fca_lattice_edges(l), edges);
	for (unsigned a = 0; a < x->m; a++) {
		bool s[200] = { false };
		s[a] = true;
		uint64_t e = down(x, s);
		for (size_t c = 0; c < nc; c++) {
			const uint32_t *v = fca_lattice_new_attributes(l, c, &n);
			bool listed = false;
			for (size_t i = 0; i < n; i++)
				listed |= v[i] == a;
			CU_ASSERT_EQUAL(listed, ext[c] == e);
		}
	}
	for (unsigned g = 0; g < x->n; g++) {
		up(x, (uint64_t)1 << g, intent);
		uint64_t e = down(x, intent);
		for (size_t c = 0; c < nc; c++) {
			const uint32_t *v = fca_lattice_new_objects(l, c, &n);
			bool listed = false;
			for (size_t i = 0; i < n; i++)
				listed |= v[i] == g;
			CU_ASSERT_EQUAL(listed, ext[c] == e);
		}
	}
	g_free(ext);
	fca_lattice_free(l);
}

static void
oracle(bool by_objects, unsigned runs, unsigned max_n, unsigned max_m,
    bool lattice)
{
	GRand *r = g_rand_new_with_seed(by_objects ? 20261201 : 12345);
	struct rctx *x = g_new0(struct rctx, 1);
	unsigned failed = 0;

	for (unsigned run = 0; run < runs; run++) {
		unsigned n = (unsigned)g_rand_int_range(r, 0, (gint32)max_n + 1);
		unsigned m = (unsigned)g_rand_int_range(r, 0, (gint32)max_m + 1);

		random_context(r, x, n, m);
		struct fca_context *ctx = to_context(x);
		GPtrArray *want = brute_force(x, by_objects);
		struct gather gt = { .x = x, .ok = true,
		    .keys = g_ptr_array_new_with_free_func(g_free) };

		CU_ASSERT_TRUE(fca_enumerate(ctx, gather, &gt));
		CU_ASSERT_TRUE(gt.ok);
		g_ptr_array_sort(gt.keys, by_str);
		bool same = gt.keys->len == want->len;
		for (guint i = 0; same && i < want->len; i++)
			same = strcmp(gt.keys->pdata[i], want->pdata[i]) == 0;
		if (!same && failed++ < 3)
			fprintf(stderr, "run %u: %u x %u: %u concepts, "
			    "expected %u\n", run, n, m, gt.keys->len,
			    want->len);
		CU_ASSERT_TRUE(same);
		EQ_INT(fca_count(ctx), want->len);
		if (lattice)
			check_lattice(x, ctx);
		g_ptr_array_free(gt.keys, TRUE);
		g_ptr_array_free(want, TRUE);
		fca_context_free(ctx);
	}
	g_free(x);
	g_rand_free(r);
}

/* Up to 12 objects and 10 attributes: every attribute subset closed. */
static void
test_oracle_attributes(void)
{
	oracle(false, 400, 12, 10, true);
}

/* Up to 10 objects and 200 attributes (intents of 1 to 4 words): every
 * object subset closed. */
static void
test_oracle_objects(void)
{
	oracle(true, 200, 10, 200, false);
}

/* Wide and short, lattices checked too. */
static void
test_oracle_wide_lattice(void)
{
	oracle(true, 60, 8, 140, true);
}

/* The extent of concept c of l as a bitset. */
static uint64_t
extent_bits(const struct fca_lattice *l, size_t c)
{
	size_t n;
	const uint32_t *v = fca_lattice_extent(l, c, &n);
	uint64_t b = 0;

	for (size_t i = 0; i < n; i++)
		b |= (uint64_t)1 << v[i];
	return b;
}

/*
 * Labels on random contexts, against the definitions worked from the
 * matrix: a label's concept is the one whose extent is down(up(T)) for T
 * its objects (the concept they generate), with |extent| - |T| others;
 * a concept shares a label when its extent is not empty and every object
 * of it has the label; the labels naming a concept are exactly those
 * whose concept it is.
 */
static void
test_labels_oracle(void)
{
	GRand *r = g_rand_new_with_seed(20261203);
	struct rctx *x = g_new0(struct rctx, 1);
	const char *names[] = { "A", "B", "C", "D" };
	bool intent[200];

	for (unsigned run = 0; run < 300; run++) {
		unsigned n = (unsigned)g_rand_int_range(r, 0, 13);
		unsigned m = (unsigned)g_rand_int_range(r, 0, 11);
		unsigned nl = (unsigned)g_rand_int_range(r, 1, 5);
		bool has[13 * 4];
		uint64_t T[4] = { 0 };

		random_context(r, x, n, m);
		for (unsigned g = 0; g < n; g++)
			for (unsigned j = 0; j < nl; j++) {
				has[g * nl + j] = g_rand_boolean(r);
				if (has[g * nl + j])
					T[j] |= (uint64_t)1 << g;
			}
		struct fca_context *ctx = to_context(x);
		struct fca_lattice *l = fca_lattice_new(ctx);
		struct concept_labels *cl = concept_labels_new(l, names, nl,
		    has);
		size_t named = 0;

		EQ_INT(concept_labels_count(cl), nl);
		for (unsigned j = 0; j < nl; j++) {
			size_t c = concept_labels_concept(cl, j);
			uint64_t want;

			up(x, T[j], intent);
			want = down(x, intent);
			CU_ASSERT_EQUAL(extent_bits(l, c), want);
			EQ_INT(concept_labels_objects(cl, j),
			    __builtin_popcountll(T[j]));
			EQ_INT(concept_labels_others(cl, j),
			    __builtin_popcountll(want & ~T[j]));
			EQ_STR(concept_labels_name(cl, j), names[j]);
		}
		for (size_t c = 0; c < fca_lattice_size(l); c++) {
			uint64_t e = extent_bits(l, c);
			size_t k, i = 0;
			const uint32_t *v = concept_labels_shared(cl, c, &k);

			for (unsigned j = 0; j < nl; j++) {
				bool want = e != 0 && (e & ~T[j]) == 0;
				bool got = i < k && v[i] == j;

				CU_ASSERT_EQUAL(got, want);
				i += got;
			}
			EQ_INT(i, k);
			v = concept_labels_naming(cl, c, &k);
			for (i = 0; i < k; i++) {
				EQ_INT(concept_labels_concept(cl, v[i]), c);
				CU_ASSERT_TRUE(i == 0 || v[i] > v[i - 1]);
			}
			named += k;
		}
		EQ_INT(named, nl);
		/* The concept of every single object is the one that
		 * introduces it. */
		for (unsigned g = 0; g < n; g++) {
			uint32_t o = g;
			size_t c = fca_lattice_concept_of(l, &o, 1), k, i;
			const uint32_t *v = fca_lattice_new_objects(l, c, &k);

			for (i = 0; i < k && v[i] != g; i++)
				;
			CU_ASSERT_TRUE(i < k);
		}
		/* No objects: the bottom. */
		EQ_INT(fca_lattice_concept_of(l, NULL, 0),
		    fca_lattice_size(l) - 1);
		concept_labels_free(cl);
		fca_lattice_free(l);
		fca_context_free(ctx);
	}
	g_free(x);
	g_rand_free(r);
}

/* Parses text as a context; NULL and the message in *msg on an error. */
static struct fca_context *
parse(const char *text, char **msg)
{
	GError *err = NULL;
	struct fca_context *ctx = fca_context_parse("in", text, strlen(text),
	    &err);

	*msg = NULL;
	if (ctx == NULL) {
		CU_ASSERT_PTR_NOT_NULL(err);
		CU_ASSERT_EQUAL(err->domain, FCA_ERROR);
		*msg = g_strdup(err->message);
		g_error_free(err);
	}
	return ctx;
}

/* Checks that text fails with message want. */
static void
bad(const char *text, const char *want)
{
	char *msg;
	struct fca_context *ctx = parse(text, &msg);

	CU_ASSERT_PTR_NULL(ctx);
	EQ_STR(msg, want);
	g_free(msg);
	fca_context_free(ctx);
}

static void
test_burmeister(void)
{
	char *msg;
	struct fca_context *ctx = parse("B\n\n2\n3\n\nfirst one\n2nd\n"
	    "x\ny \\z\nw\nX.x\r\n...  \n\n", &msg);

	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	EQ_INT(fca_context_objects(ctx), 2);
	EQ_INT(fca_context_attributes(ctx), 3);
	EQ_STR(fca_context_object_name(ctx, 0), "first one");
	/* Names are escaped as strace escapes bytes. */
	EQ_STR(fca_context_attribute_name(ctx, 1), "y \\\\z");
	CU_ASSERT_TRUE(fca_context_has(ctx, 0, 0));
	CU_ASSERT_FALSE(fca_context_has(ctx, 0, 1));
	CU_ASSERT_TRUE(fca_context_has(ctx, 0, 2));
	CU_ASSERT_FALSE(fca_context_has(ctx, 1, 0));
	fca_context_free(ctx);

	/* No attributes: no rows. */
	ctx = parse("B\nname\n2\n0\na\nb\n", &msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	EQ_INT(fca_context_objects(ctx), 2);
	EQ_INT(fca_count(ctx), 1);
	fca_context_free(ctx);

	bad("B\n", "in:2:1: expected the name of the context, found end of "
	    "file");
	bad("B\n\nx\n", "in:3:1: expected the number of objects, found "
	    "\"x\"");
	bad("B\n\n2\n3z\n", "in:4:2: expected the end of the number of "
	    "attributes, found \"z\"");
	bad("B\n\n99999999999\n1\n", "in:3:1: expected at most 4294967295 "
	    "objects, found \"99999999999\"");
	/* A header that claims much: nothing allocated for it. */
	bad("B\n\n4000000000\n1\na\n", "in:6:1: expected the name of object "
	    "2 of 4000000000, found end of file");
	bad("B\n\n4000000000\n4000000000\n", "in:5:1: expected the name of "
	    "object 1 of 4000000000, found end of file");
	bad("B\n\n1\n2\no\na\nb\nX", "in:8:2: expected 'X' or '.' (2 marks), "
	    "found end of line");
	bad("B\n\n1\n2\no\na\nb\nX?", "in:8:2: expected 'X' or '.' (2 marks), "
	    "found \"?\"");
	bad("B\n\n1\n2\no\na\nb\nX.X", "in:8:3: expected the end of the row "
	    "(2 marks), found \"X\"");
	bad("B\n\n1\n2\no\na\nb\n", "in:8:1: expected the row of object 1 of "
	    "1, found end of file");
	bad("B\n\n1\n1\no\na\nX\nX\n", "in:8:1: expected end of file after 1 "
	    "rows, found \"X\"");
}

static void
test_fimi(void)
{
	char *msg;
	struct fca_context *ctx = parse("1 3 9 \n\n3\t2 2\r\n9", &msg);
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	/* Four objects (the empty line is one), attributes 1 to 9. */
	EQ_INT(fca_context_objects(ctx), 4);
	EQ_INT(fca_context_attributes(ctx), 9);
	EQ_STR(fca_context_attribute_name(ctx, 8), "9");
	EQ_STR(fca_context_object_name(ctx, 2), "3");
	const uint32_t *r = fca_context_row(ctx, 2, &n);
	EQ_INT(n, 2);
	EQ_INT(r[0], 1);
	EQ_INT(r[1], 2);
	fca_context_row(ctx, 1, &n);
	EQ_INT(n, 0);
	fca_context_free(ctx);

	ctx = parse("", &msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	EQ_INT(fca_context_objects(ctx), 0);
	fca_context_free(ctx);

	bad("1 2\n3 x\n", "in:2:3: expected an attribute number, found "
	    "\"x\"");
	bad("1 2x\n", "in:1:4: expected a blank after an attribute number, "
	    "found \"x\"");
	bad("0\n", "in:1:1: expected an attribute number from 1 to 1048576, "
	    "found \"0\"");
	bad("1 99999999999999999999999\n", "in:1:3: expected an attribute "
	    "number from 1 to 1048576, found \"99999999999999999999999\"");
	/* 1025 objects by 1048576 attributes is more than 2^30 cells. */
	GString *s = g_string_new(NULL);
	for (int i = 0; i < 1024; i++)
		g_string_append(s, "1\n");
	g_string_append(s, "1048576\n");
	bad(s->str, "in:1025:1: expected a context of at most 1073741824 "
	    "cells (1025 objects), found attribute \"1048576\"");
	g_string_free(s, TRUE);
}

/* The context of traces: objects the traces, attributes their accesses
 * in byte order. */
static void
test_from_sets(void)
{
	struct access_set *a = access_set_new(), *b = access_set_new();
	const char *f = "f";

	access_set_add(a, "read \"/x\"", 9, f, 1);
	access_set_add(a, "close \"/x\"", 10, f, 2);
	access_set_add(b, "read \"/x\"", 9, f, 1);
	access_set_add(b, "write \"/y\"", 10, f, 2);
	const struct access_set *sets[] = { a, b };
	const char *names[] = { "a.log", "b.log" };
	struct fca_context *ctx = fca_context_from_sets(names, sets, 2);

	EQ_INT(fca_context_objects(ctx), 2);
	EQ_INT(fca_context_attributes(ctx), 3);
	EQ_STR(fca_context_attribute_name(ctx, 0), "close \"/x\"");
	EQ_STR(fca_context_attribute_name(ctx, 1), "read \"/x\"");
	EQ_STR(fca_context_attribute_name(ctx, 2), "write \"/y\"");
	EQ_STR(fca_context_object_name(ctx, 1), "b.log");
	CU_ASSERT_TRUE(fca_context_has(ctx, 0, 0));
	CU_ASSERT_TRUE(fca_context_has(ctx, 1, 1));
	CU_ASSERT_FALSE(fca_context_has(ctx, 1, 0));
	/* ({a, b}, {read}), ({a}, {close, read}), ({b}, {read, write}),
	 * ({}, all). */
	EQ_INT(fca_count(ctx), 4);
	fca_context_free(ctx);
	access_set_free(a);
	access_set_free(b);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("concepts", NULL, NULL);

	CU_add_test(s, "animals: 5 concepts, 5 edges", test_animals);
	CU_add_test(s, "contranominal 4: 16 concepts, 32 edges",
	    test_contranominal);
	CU_add_test(s, "identity 4: 6 concepts, 8 edges", test_identity);
	CU_add_test(s, "empty, objectless, attributeless, full",
	    test_degenerate);
	CU_add_test(s, "duplicate objects and attributes", test_duplicates);
	CU_add_test(s, "the callback stops the search", test_stop);
	CU_add_test(s, "wide: 24001 attributes", test_wide);
	CU_add_test(s, "empty columns merged", test_empty_columns);
	CU_add_test(s, "oracle: attribute subsets, 400 contexts",
	    test_oracle_attributes);
	CU_add_test(s, "oracle: object subsets, wide intents",
	    test_oracle_objects);
	CU_add_test(s, "oracle: covers and introductions, wide",
	    test_oracle_wide_lattice);
	CU_add_test(s, "labels name the concepts their objects generate",
	    test_labels_oracle);
	CU_add_test(s, "Burmeister reader", test_burmeister);
	CU_add_test(s, "FIMI reader", test_fimi);
	CU_add_test(s, "contexts of traces", test_from_sets);
}
