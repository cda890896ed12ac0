/*
 * test_accessset.c: the set algebra of mining/accessset.h.  Hand-built
 * sets with every result worked out in the comments, then a round-trip
 * oracle on random sets from a fixed seed:
 *   diff(A, B) and intersect(A, B) are disjoint and their union is A;
 *   |union(A, B)| = |A| + |B| - |intersect(A, B)|;
 * and in multiset mode, per access, diff + intersect = count in A and
 * union = count(A) + count(B) - intersect.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "mining/accessset.h"
#include "tests/unit/cu_assert.h"

static const char *F1, *F2, *F3;

static void
add(struct access_set *s, const char *text, const char *file, uint64_t line)
{
	access_set_add(s, text, strlen(text), file, line);
}

/* The access equal to text in s, in a buffer the next call reuses; or
 * NULL. */
static const struct access *
get(const struct access_set *s, const char *text)
{
	static struct access got;

	return access_set_lookup(s, text, strlen(text), &got) ? &got : NULL;
}

/* Checks that s has text with count, first seen at file:line. */
#define HAS(s, t_, count_, file_, line_) do {				\
	const struct access *h_ = get((s), (t_));			\
	CU_ASSERT_PTR_NOT_NULL(h_);					\
	if (h_ != NULL) {						\
		EQ_INT(h_->count, (count_));				\
		CU_ASSERT_PTR_EQUAL(h_->file, (file_));			\
		EQ_INT(h_->line, (line_));				\
		EQ_INT(h_->len, strlen(t_));				\
		CU_ASSERT_STRING_EQUAL(h_->text, (t_));			\
	}								\
} while (0)

#define RD "read \"/etc/a\""
#define WR "write fd:1"
#define CL "close \"/etc/a\""
#define ST "stat \"/x\""

/*
 * A: read x2 (f1:1, f1:5), write (f1:2), close (f1:6)
 * B: stat (f2:1), write x3 (f2:2, f2:4, f2:7), read (f2:3)
 * C: read (f3:1)
 */
static void
build(struct access_set **a, struct access_set **b, struct access_set **c)
{
	*a = access_set_new();
	add(*a, RD, F1, 1);
	add(*a, WR, F1, 2);
	add(*a, RD, F1, 5);
	add(*a, CL, F1, 6);
	*b = access_set_new();
	add(*b, ST, F2, 1);
	add(*b, WR, F2, 2);
	add(*b, RD, F2, 3);
	add(*b, WR, F2, 4);
	add(*b, WR, F2, 7);
	*c = access_set_new();
	add(*c, RD, F3, 1);
}

static struct access_set *
apply2(enum access_op op, const struct access_set *x,
    const struct access_set *y, bool multiset)
{
	const struct access_set *v[] = { x, y };

	return access_set_apply(op, v, 2, multiset);
}

static void
test_build(void)
{
	struct access_set *a, *b, *c;

	build(&a, &b, &c);
	EQ_INT(access_set_size(a), 3);
	EQ_INT(access_set_size(b), 3);
	EQ_INT(access_set_size(c), 1);
	HAS(a, RD, 2, F1, 1);
	HAS(a, WR, 1, F1, 2);
	HAS(a, CL, 1, F1, 6);
	HAS(b, WR, 3, F2, 2);
	CU_ASSERT_PTR_NULL(get(a, ST));
	/* A prefix of an access is another access. */
	CU_ASSERT_FALSE(access_set_lookup(a, RD, 4, NULL));
	access_set_free(a);
	access_set_free(b);
	access_set_free(c);
}

/*
 * Set mode: a count is the count in the first set that has the access.
 *   diff(A, B) = {close 1 f1:6}
 *   intersect(A, B) = {read 2 f1:1, write 1 f1:2}
 *   union(A, B) = {close 1 f1:6, read 2 f1:1, stat 1 f2:1, write 1 f1:2}
 *   union(B, A): read 1 f2:3, write 3 f2:2
 *   diff(A, B, C) = {close}; diff(A, C) = {write, close}
 *   intersect(A, B, C) = {read 2 f1:1}
 */
static void
test_set_mode(void)
{
	struct access_set *a, *b, *c, *r;

	build(&a, &b, &c);
	r = apply2(ACCESS_DIFF, a, b, false);
	EQ_INT(access_set_size(r), 1);
	HAS(r, CL, 1, F1, 6);
	access_set_free(r);

	r = apply2(ACCESS_INTERSECT, a, b, false);
	EQ_INT(access_set_size(r), 2);
	HAS(r, RD, 2, F1, 1);
	HAS(r, WR, 1, F1, 2);
	access_set_free(r);

	r = apply2(ACCESS_UNION, a, b, false);
	EQ_INT(access_set_size(r), 4);
	HAS(r, CL, 1, F1, 6);
	HAS(r, RD, 2, F1, 1);
	HAS(r, ST, 1, F2, 1);
	HAS(r, WR, 1, F1, 2);
	access_set_free(r);

	r = apply2(ACCESS_UNION, b, a, false);
	EQ_INT(access_set_size(r), 4);
	HAS(r, RD, 1, F2, 3);
	HAS(r, WR, 3, F2, 2);
	HAS(r, CL, 1, F1, 6);
	access_set_free(r);

	const struct access_set *abc[] = { a, b, c };
	r = access_set_apply(ACCESS_DIFF, abc, 3, false);
	EQ_INT(access_set_size(r), 1);
	HAS(r, CL, 1, F1, 6);
	access_set_free(r);

	r = apply2(ACCESS_DIFF, a, c, false);
	EQ_INT(access_set_size(r), 2);
	HAS(r, WR, 1, F1, 2);
	HAS(r, CL, 1, F1, 6);
	access_set_free(r);

	r = access_set_apply(ACCESS_INTERSECT, abc, 3, false);
	EQ_INT(access_set_size(r), 1);
	HAS(r, RD, 2, F1, 1);
	access_set_free(r);

	/* One operand: itself. */
	const struct access_set *one[] = { a };
	r = access_set_apply(ACCESS_DIFF, one, 1, false);
	EQ_INT(access_set_size(r), 3);
	HAS(r, RD, 2, F1, 1);
	access_set_free(r);

	access_set_free(a);
	access_set_free(b);
	access_set_free(c);
}

/*
 * Multiset mode:
 *   diff(A, B): read 2-1 = 1, write 1-3 < 0 (gone), close 1 = {read 1,
 *     close 1}
 *   intersect(A, B): read min(2,1) = 1, write min(1,3) = 1
 *   union(A, B): read 2, write 3 (first seen f1:2, A has it), close 1,
 *     stat 1
 *   diff(A, B, C): read 2-1-1 = 0 (gone), close 1 = {close 1}
 */
static void
test_multiset_mode(void)
{
	struct access_set *a, *b, *c, *r;

	build(&a, &b, &c);
	r = apply2(ACCESS_DIFF, a, b, true);
	EQ_INT(access_set_size(r), 2);
	HAS(r, RD, 1, F1, 1);
	HAS(r, CL, 1, F1, 6);
	CU_ASSERT_PTR_NULL(get(r, WR));
	access_set_free(r);

	r = apply2(ACCESS_INTERSECT, a, b, true);
	EQ_INT(access_set_size(r), 2);
	HAS(r, RD, 1, F1, 1);
	HAS(r, WR, 1, F1, 2);
	access_set_free(r);

	r = apply2(ACCESS_UNION, a, b, true);
	EQ_INT(access_set_size(r), 4);
	HAS(r, RD, 2, F1, 1);
	HAS(r, WR, 3, F1, 2);
	HAS(r, CL, 1, F1, 6);
	HAS(r, ST, 1, F2, 1);
	access_set_free(r);

	const struct access_set *abc[] = { a, b, c };
	r = access_set_apply(ACCESS_DIFF, abc, 3, true);
	EQ_INT(access_set_size(r), 1);
	HAS(r, CL, 1, F1, 6);
	access_set_free(r);

	access_set_free(a);
	access_set_free(b);
	access_set_free(c);
}

/* Sorted by bytes, shorter first on a tie: "B" (0x42), "a", "ab", "b". */
static void
test_sorted(void)
{
	struct access_set *s = access_set_new();

	add(s, "ab", F1, 1);
	add(s, "b", F1, 2);
	add(s, "a", F1, 3);
	add(s, "B", F1, 4);
	add(s, "ab", F1, 5);
	GArray *v = access_set_sorted(s);
	static const char *const want[] = { "B", "a", "ab", "b" };
	EQ_INT(v->len, 4);
	for (guint i = 0; i < v->len && i < 4; i++) {
		struct access a;

		access_set_nth(s, g_array_index(v, guint, i), &a);
		CU_ASSERT_STRING_EQUAL(a.text, want[i]);
	}
	g_array_free(v, TRUE);
	access_set_free(s);

	CU_ASSERT_STRING_EQUAL(access_op_name(ACCESS_DIFF), "diff");
	CU_ASSERT_STRING_EQUAL(access_op_name(ACCESS_INTERSECT), "intersect");
	CU_ASSERT_STRING_EQUAL(access_op_name(ACCESS_UNION), "union");
}

/* A random set over 24 accesses "acc00".."acc23", up to 40 adds. */
static struct access_set *
random_set(GRand *rnd, const char *file)
{
	struct access_set *s = access_set_new();
	int n = g_rand_int_range(rnd, 0, 41);

	for (int i = 0; i < n; i++) {
		char t[16];
		g_snprintf(t, sizeof(t), "acc%02d", g_rand_int_range(rnd, 0, 24));
		add(s, t, file, (uint64_t)i + 1);
	}
	return s;
}

static uint64_t
count_in(const struct access_set *s, const char *t)
{
	const struct access *a = get(s, t);

	return a != NULL ? a->count : 0;
}

static void
test_oracle(void)
{
	GRand *rnd = g_rand_new_with_seed(4242);
	unsigned bad_sets = 0, bad_sizes = 0, bad_multi = 0;

	for (int round = 0; round < 300; round++) {
		struct access_set *a = random_set(rnd, F1);
		struct access_set *b = random_set(rnd, F2);
		struct access_set *d = apply2(ACCESS_DIFF, a, b, false);
		struct access_set *i = apply2(ACCESS_INTERSECT, a, b, false);
		struct access_set *u = apply2(ACCESS_UNION, a, b, false);
		struct access_set *md = apply2(ACCESS_DIFF, a, b, true);
		struct access_set *mi = apply2(ACCESS_INTERSECT, a, b, true);
		struct access_set *mu = apply2(ACCESS_UNION, a, b, true);

		/* diff and intersect partition A. */
		if (access_set_size(d) + access_set_size(i) !=
		    access_set_size(a))
			bad_sets++;
		for (int k = 0; k < 24; k++) {
			char t[16];
			g_snprintf(t, sizeof(t), "acc%02d", k);
			bool in_a = get(a, t) != NULL, in_b = get(b, t) != NULL;
			bool in_d = get(d, t) != NULL, in_i = get(i, t) != NULL;
			if ((in_d || in_i) != in_a || (in_d && in_i) ||
			    in_d != (in_a && !in_b) || in_i != (in_a && in_b) ||
			    (get(u, t) != NULL) != (in_a || in_b))
				bad_sets++;
			uint64_t ca = count_in(a, t), cb = count_in(b, t);
			if (count_in(md, t) + count_in(mi, t) != ca ||
			    count_in(mi, t) != MIN(ca, cb) ||
			    count_in(mu, t) != ca + cb - count_in(mi, t))
				bad_multi++;
		}
		if (access_set_size(u) != access_set_size(a) +
		    access_set_size(b) - access_set_size(i))
			bad_sizes++;
		access_set_free(a);
		access_set_free(b);
		access_set_free(d);
		access_set_free(i);
		access_set_free(u);
		access_set_free(md);
		access_set_free(mi);
		access_set_free(mu);
	}
	g_rand_free(rnd);
	EQ_INT(bad_sets, 0);
	EQ_INT(bad_sizes, 0);
	EQ_INT(bad_multi, 0);
}

void cu_register(void);

void
cu_register(void)
{
	F1 = g_intern_static_string("a.log");
	F2 = g_intern_static_string("b.log");
	F3 = g_intern_static_string("c.log");

	CU_pSuite s = CU_add_suite("access sets", NULL, NULL);

	CU_add_test(s, "building a set", test_build);
	CU_add_test(s, "set mode", test_set_mode);
	CU_add_test(s, "multiset mode", test_multiset_mode);
	CU_add_test(s, "sorted order, op names", test_sorted);
	CU_add_test(s, "round-trip oracle on random sets", test_oracle);
}
