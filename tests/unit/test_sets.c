/*
 * test_sets.c: the set algebra of mining/accessset.c, on hand-made sets
 * with exact results, and on random sets (fixed seed) against a brute-force
 * evaluation over plain arrays of counts: an oracle that shares no code with
 * the hash-table implementation.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>

#include "mining/accessset.h"

static struct access_set *
make(const char *const *items, const char *file)
{
	struct access_set *s = access_set_new();
	const char *f = g_intern_string(file);

	for (uint64_t line = 1; items[line - 1] != NULL; line++)
		access_set_add(s, items[line - 1], strlen(items[line - 1]), f,
		    line);
	return s;
}

/* "text count file:line" of every access, sorted. */
static char *
dump(const struct access_set *s)
{
	GArray *v = access_set_sorted(s);
	GString *out = g_string_new(NULL);

	for (unsigned i = 0; i < v->len; i++) {
		struct access a_buf;

		access_set_nth(s, g_array_index(v, guint, i), &a_buf);
		const struct access *a = &a_buf;
		g_string_append_printf(out, "%s %" G_GUINT64_FORMAT " %s:%"
		    G_GUINT64_FORMAT "\n", a->text, a->count, a->file, a->line);
	}
	g_array_free(v, TRUE);
	return g_string_free(out, FALSE);
}

static void
check(enum access_op op, bool multiset, const struct access_set *a,
    const struct access_set *b, const char *want)
{
	const struct access_set *v[] = { a, b };
	struct access_set *r = access_set_apply(op, v, 2, multiset);
	char *got = dump(r);

	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n%s%s: want\n%sgot\n%s", access_op_name(op),
		    multiset ? " -m" : "", want, got);
	g_free(got);
	access_set_free(r);
}

static void
test_by_hand(void)
{
	const char *ai[] = { "x", "y", "x", "z", "x", NULL };	/* x3 y1 z1 */
	const char *bi[] = { "y", "x", "w", "y", NULL };	/* y2 x1 w1 */
	struct access_set *a = make(ai, "a.log");
	struct access_set *b = make(bi, "b.log");

	CU_ASSERT_EQUAL(access_set_size(a), 3);
	check(ACCESS_DIFF, false, a, b, "z 1 a.log:4\n");
	check(ACCESS_DIFF, false, b, a, "w 1 b.log:3\n");
	check(ACCESS_DIFF, true, a, b, "x 2 a.log:1\nz 1 a.log:4\n");
	check(ACCESS_INTERSECT, false, a, b, "x 3 a.log:1\ny 1 a.log:2\n");
	check(ACCESS_INTERSECT, true, a, b, "x 1 a.log:1\ny 1 a.log:2\n");
	check(ACCESS_UNION, false, a, b,
	    "w 1 b.log:3\nx 3 a.log:1\ny 1 a.log:2\nz 1 a.log:4\n");
	check(ACCESS_UNION, true, a, b,
	    "w 1 b.log:3\nx 3 a.log:1\ny 2 a.log:2\nz 1 a.log:4\n");
	access_set_free(a);
	access_set_free(b);
}

static void
test_sorting(void)
{
	/* Bytewise, a prefix before its extensions. */
	const char *ai[] = { "b", "ab", "a", "B", "a b", NULL };
	struct access_set *a = make(ai, "s.log");
	char *got = dump(a);

	CU_ASSERT_STRING_EQUAL(got, "B 1 s.log:4\na 1 s.log:3\na b 1 s.log:5\n"
	    "ab 1 s.log:2\nb 1 s.log:1\n");
	g_free(got);
	access_set_free(a);
}

/* Each access once, by foreach: the counts of "b", "ab", "a", "a" sum. */
static void
count(const struct access *a, void *ctx)
{
	GString *seen = ctx;

	g_string_append_printf(seen, "%s=%" G_GUINT64_FORMAT ";", a->text,
	    a->count);
}

static void
test_foreach(void)
{
	const char *ai[] = { "b", "ab", "a", "a", NULL };
	struct access_set *a = make(ai, "s.log");
	GString *seen = g_string_new(NULL);

	access_set_foreach(a, count, seen);
	/* Hash order: check the pieces, not their order. */
	CU_ASSERT(seen->len == strlen("b=1;ab=1;a=2;"));
	CU_ASSERT(strstr(seen->str, "b=1;") != NULL);
	CU_ASSERT(strstr(seen->str, "ab=1;") != NULL);
	CU_ASSERT(strstr(seen->str, ";a=2;") != NULL ||
	    g_str_has_prefix(seen->str, "a=2;"));
	g_string_free(seen, TRUE);
	access_set_free(a);
}

#define UNIVERSE 40

static void
test_random_oracle(void)
{
	GRand *rnd = g_rand_new_with_seed(20261122);

	for (int round = 0; round < 200; round++) {
		unsigned ca[UNIVERSE] = { 0 }, cb[UNIVERSE] = { 0 };
		struct access_set *a = access_set_new();
		struct access_set *b = access_set_new();
		const char *fa = g_intern_string("a"), *fb = g_intern_string("b");
		int na = g_rand_int_range(rnd, 0, 60);
		int nb = g_rand_int_range(rnd, 0, 60);
		char key[16];
		for (int i = 0; i < na; i++) {
			int k = g_rand_int_range(rnd, 0, UNIVERSE);
			snprintf(key, sizeof(key), "k%02d", k);
			access_set_add(a, key, strlen(key), fa, i + 1);
			ca[k]++;
		}
		for (int i = 0; i < nb; i++) {
			int k = g_rand_int_range(rnd, 0, UNIVERSE);
			snprintf(key, sizeof(key), "k%02d", k);
			access_set_add(b, key, strlen(key), fb, i + 1);
			cb[k]++;
		}
		const struct access_set *v[] = { a, b };
		for (int m = 0; m < 2; m++) {
			struct access_set *d = access_set_apply(ACCESS_DIFF, v, 2, m);
			struct access_set *in = access_set_apply(ACCESS_INTERSECT, v, 2, m);
			struct access_set *u = access_set_apply(ACCESS_UNION, v, 2, m);
			for (int k = 0; k < UNIVERSE; k++) {
				snprintf(key, sizeof(key), "k%02d", k);
				struct access xb;
				const struct access *x;
				unsigned want;
				want = m ? (ca[k] > cb[k] ? ca[k] - cb[k] : 0) :
				    (ca[k] && !cb[k] ? ca[k] : 0);
				x = access_set_lookup(d, key, strlen(key), &xb) ? &xb : NULL;
				CU_ASSERT_EQUAL(x ? x->count : 0, want);
				want = m ? MIN(ca[k], cb[k]) : (ca[k] && cb[k] ? ca[k] : 0);
				x = access_set_lookup(in, key, strlen(key), &xb) ? &xb : NULL;
				CU_ASSERT_EQUAL(x ? x->count : 0, want);
				want = m ? MAX(ca[k], cb[k]) : (ca[k] ? ca[k] : cb[k]);
				x = access_set_lookup(u, key, strlen(key), &xb) ? &xb : NULL;
				CU_ASSERT_EQUAL(x ? x->count : 0, want);
			}
			/* As sets: diff and intersect partition a; union's
			 * size is |a| + |b| - |a and b|. */
			if (!m) {
				CU_ASSERT_EQUAL(access_set_size(d) +
				    access_set_size(in), access_set_size(a));
				CU_ASSERT_EQUAL(access_set_size(u),
				    access_set_size(a) + access_set_size(b) -
				    access_set_size(in));
			}
			access_set_free(d);
			access_set_free(in);
			access_set_free(u);
		}
		access_set_free(a);
		access_set_free(b);
	}
	g_rand_free(rnd);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("sets", NULL, NULL);

	CU_add_test(s, "diff, intersect, union by hand", test_by_hand);
	CU_add_test(s, "sorted bytewise", test_sorting);
	CU_add_test(s, "every access once by foreach", test_foreach);
	CU_add_test(s, "random sets against brute force", test_random_oracle);
}
