/*
 * test_relabel.c: checking labels (mining/relabel.c) on hand-made
 * experiments whose wrong labels are known because the test made them.
 *
 * Three operations A, B and C, five traces of each alone (A 0-4, B 5-9,
 * C 10-14), one of A and C (15) and two baselines (16, 17).  Every trace
 * has "bg" and an access of its own ("n" and its number); each operation
 * has its own accesses (a1-a3, b1-b3, c1-c2), and A and B share a library
 * ("lib"), as cp and mv do.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>

#include "cu_assert.h"
#include "mining/relabel.h"

enum { A, B, C, NL };
#define NT 18

static bool
does(unsigned t, unsigned l)
{
	switch (l) {
	case A:
		return t <= 4 || t == 15;
	case B:
		return t >= 5 && t <= 9;
	default:
		return (t >= 10 && t <= 14) || t == 15;
	}
}

static void
add(struct access_set *s, const char *a)
{
	access_set_add(s, a, strlen(a), "f", 1);
}

static struct access_set **
experiments(void)
{
	struct access_set **sets = g_new(struct access_set *, NT);

	for (unsigned t = 0; t < NT; t++) {
		char *n = g_strdup_printf("n%u", t);

		sets[t] = access_set_new();
		add(sets[t], "bg");
		add(sets[t], n);
		g_free(n);
		if (does(t, A)) {
			add(sets[t], "a1");
			add(sets[t], "a2");
			add(sets[t], "a3");
		}
		if (does(t, B)) {
			add(sets[t], "b1");
			add(sets[t], "b2");
			add(sets[t], "b3");
		}
		if (does(t, C)) {
			add(sets[t], "c1");
			add(sets[t], "c2");
		}
		if (does(t, A) || does(t, B))
			add(sets[t], "lib");
	}
	return sets;
}

static struct solve_matrix *
right_labels(void)
{
	struct solve_matrix *m = solve_matrix_new(NT, NL);

	for (unsigned t = 0; t < NT; t++)
		for (unsigned l = 0; l < NL; l++)
			if (does(t, l))
				solve_matrix_set(m, t, l);
	return m;
}

static void
free_sets(struct access_set **sets)
{
	for (unsigned t = 0; t < NT; t++)
		access_set_free(sets[t]);
	g_free(sets);
}

static const guint all[] = { A, B, C };

static void
test_right(void)
{
	struct access_set **sets = experiments();
	struct solve_matrix *m = right_labels();
	struct relabel_result *r = relabel_check(m,
	    (const struct access_set *const *)sets, all, NL, NULL);

	EQ_INT(r->changes->len, 0);
	EQ_INT(r->unchecked->len, 0);
	EQ_INT(r->cells, NT * NL);
	EQ_INT(r->rounds, 1);
	CU_ASSERT_TRUE(r->settled);
	relabel_result_free(r);
	solve_matrix_free(m);
	free_sets(sets);
}

static void
expect_change(const struct relabel_result *r, unsigned i, unsigned trace,
    unsigned label, bool add_it, uint64_t have, uint64_t of)
{
	const struct solve_relabel *c;

	if (i >= r->changes->len) {
		CU_FAIL("too few changes");
		return;
	}
	c = &g_array_index(r->changes, struct solve_relabel, i);
	EQ_INT(c->trace, trace);
	EQ_INT(c->label, label);
	EQ_INT(c->add, add_it);
	EQ_INT(c->have, have);
	EQ_INT(c->of, of);
}

/*
 * A dropped from trace 2; B moved from trace 7 to trace 12 (a C trace).
 * All three are found, in two rounds (the second changes nothing), by
 * trace: 2 holds a1-a3 (lib is B's too), 7 holds b1-b3, 12 none of them.
 */
static void
test_flipped(void)
{
	struct access_set **sets = experiments();
	struct solve_matrix *m = right_labels();
	struct relabel_result *r;

	solve_matrix_clear(m, 2, A);
	solve_matrix_clear(m, 7, B);
	solve_matrix_set(m, 12, B);
	r = relabel_check(m, (const struct access_set *const *)sets, all, NL,
	    NULL);
	EQ_INT(r->changes->len, 3);
	expect_change(r, 0, 2, A, true, 3, 3);
	expect_change(r, 1, 7, B, true, 3, 3);
	expect_change(r, 2, 12, B, false, 0, 3);
	EQ_INT(r->unchecked->len, 0);
	EQ_INT(r->rounds, 2);
	CU_ASSERT_TRUE(r->settled);
	relabel_result_free(r);

	/* one label only: the others are taken as given */
	guint b = B;
	r = relabel_check(m, (const struct access_set *const *)sets, &b, 1,
	    NULL);
	EQ_INT(r->changes->len, 2);
	expect_change(r, 0, 7, B, true, 3, 3);
	expect_change(r, 1, 12, B, false, 0, 3);
	EQ_INT(r->cells, NT);
	relabel_result_free(r);
	solve_matrix_free(m);
	free_sets(sets);
}

/*
 * Two of A's six traces lose it and one C trace gets it: with T = 1/4
 * (4 other traces, one of them wrong) a1-a3 are in 3 of 4, too few; once
 * the first round has taken A from 11, the next finds 0 and 1.
 */
static void
test_rounds(void)
{
	struct access_set **sets = experiments();
	struct solve_matrix *m = right_labels();
	struct relabel_result *r;

	solve_matrix_clear(m, 0, A);
	solve_matrix_clear(m, 1, A);
	solve_matrix_set(m, 11, A);
	r = relabel_check(m, (const struct access_set *const *)sets, all, NL,
	    NULL);
	EQ_INT(r->changes->len, 3);
	expect_change(r, 0, 0, A, true, 3, 3);
	expect_change(r, 1, 1, A, true, 3, 3);
	expect_change(r, 2, 11, A, false, 0, 3);
	CU_ASSERT_TRUE(r->rounds >= 2);
	CU_ASSERT_TRUE(r->settled);
	relabel_result_free(r);
	solve_matrix_free(m);
	free_sets(sets);
}

/*
 * What cannot be checked says why.  Label D on trace 3 only: fewer than
 * 2 other traces have it, on every trace.  Label E on traces 0-3 and F
 * on 0-4: without trace 4, E and F are in the same traces, so 4's E
 * cannot be checked (it has F); E has no access of its own (a1-a3 are
 * A's), so no other trace's E can be.  Every trace given A: none lacks
 * it.
 */
static void
test_unchecked(void)
{
	enum { D = 3, E, F, NL2 };
	struct access_set **sets = experiments();
	struct solve_matrix *m = solve_matrix_new(NT, NL2);
	struct relabel_result *r;
	const guint dl[] = { D, E };

	for (unsigned t = 0; t < NT; t++)
		for (unsigned l = 0; l < NL; l++)
			if (does(t, l))
				solve_matrix_set(m, t, l);
	solve_matrix_set(m, 3, D);
	for (unsigned t = 0; t <= 4; t++) {
		if (t <= 3)
			solve_matrix_set(m, t, E);
		solve_matrix_set(m, t, F);
	}
	r = relabel_check(m, (const struct access_set *const *)sets, dl, 2,
	    NULL);
	EQ_INT(r->changes->len, 0);
	/* D in every trace, then E in every trace: E has no access of its
	 * own (a1-a3 are A's, F's traces 0-4 all do A) */
	EQ_INT(r->unchecked->len, 2 * NT);
	for (unsigned i = 0; i < r->unchecked->len; i++) {
		const struct relabel_unchecked *u = &g_array_index(
		    r->unchecked, struct relabel_unchecked, i);
		EQ_INT(u->label, i < NT ? D : E);
		EQ_INT(u->trace, i % NT);
		if (i < NT)
			EQ_INT(u->why, RELABEL_FEW_WITH);
		else if (i == NT + 4) {
			EQ_INT(u->why, RELABEL_SAME_TRACES);
			EQ_INT(u->other, F);
		} else {
			EQ_INT(u->why, RELABEL_NO_FINGERPRINT);
		}
	}
	relabel_result_free(r);
	solve_matrix_free(m);

	m = solve_matrix_new(NT, 1);
	for (unsigned t = 0; t < NT; t++)
		solve_matrix_set(m, t, 0);
	guint a = 0;
	r = relabel_check(m, (const struct access_set *const *)sets, &a, 1,
	    NULL);
	EQ_INT(r->changes->len, 0);
	EQ_INT(r->unchecked->len, NT);
	if (r->unchecked->len > 0)
		EQ_INT(g_array_index(r->unchecked, struct relabel_unchecked,
		    0).why, RELABEL_FEW_WITHOUT);
	relabel_result_free(r);
	solve_matrix_free(m);
	free_sets(sets);
}

/*
 * The tolerance: with T = 0 given, every other trace with the label must
 * hold an access, so trace 2's A (dropped, four others and trace 11
 * given A wrongly) has no fingerprint: not checked, never "agrees".
 */
static void
test_tolerance(void)
{
	struct access_set **sets = experiments();
	struct solve_matrix *m = right_labels();
	struct relabel_opts o = { 0, 1 };
	struct relabel_result *r;
	guint a = A;

	EQ_INT(relabel_tolerance(0) * 1000, 0);
	EQ_INT(relabel_tolerance(3) * 1000, 0);
	EQ_INT(relabel_tolerance(4) * 1000, 250);
	EQ_INT(relabel_tolerance(6) * 1000, 166);
	EQ_INT(relabel_tolerance(7) * 1000, 285);
	solve_matrix_clear(m, 2, A);
	solve_matrix_set(m, 11, A);
	r = relabel_check(m, (const struct access_set *const *)sets, &a, 1,
	    &o);
	EQ_INT(r->rounds, 1);
	bool two = false;
	for (unsigned i = 0; i < r->unchecked->len; i++) {
		const struct relabel_unchecked *u = &g_array_index(
		    r->unchecked, struct relabel_unchecked, i);
		if (u->trace == 2) {
			two = true;
			EQ_INT(u->why, RELABEL_NO_FINGERPRINT);
		}
	}
	CU_ASSERT_TRUE(two);
	relabel_result_free(r);
	solve_matrix_free(m);
	free_sets(sets);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("relabel", NULL, NULL);

	CU_add_test(s, "right labels: nothing to change", test_right);
	CU_add_test(s, "a dropped and a moved label found", test_flipped);
	CU_add_test(s, "rounds find what one round cannot", test_rounds);
	CU_add_test(s, "what cannot be checked, and why", test_unchecked);
	CU_add_test(s, "the tolerance", test_tolerance);
}
