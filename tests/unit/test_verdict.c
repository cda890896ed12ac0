/*
 * test_verdict.c: the status of each label (mining/verdict.c) on a
 * hand-made set of experiments whose answer is known by construction:
 *
 *   trace  labels  accesses
 *   t0     A       base a1 x
 *   t1     B       base a1 x       A and B do the same: indistinguishable
 *   t2     C       base c1         C alone makes c1: exact
 *   t3     -       base            the baseline
 *   t4     F       base p q        F makes p and q; P makes p, Q makes q:
 *   t5     P       base p          F is empty, covered by P and Q together;
 *   t6     Q       base q          F does all P does: P is indistinguishable
 *                                  from F (and Q likewise)
 *   t7     G       base            G does nothing beyond the baseline
 *   t8     H       base EXEC       what separates H is execve's argv
 *   t9     I J     base i          I and J are always together
 */
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>

#include "cu_assert.h"
#include "mining/verdict.h"

enum { A, B, C, F, G, H, I, J, P, Q, NL };
#define EXEC "execve \"/bin/x\" [\"x\", \"1\"]"

static const char *const traces[][5] = {
	{ "base", "a1", "x", NULL },
	{ "base", "a1", "x", NULL },
	{ "base", "c1", NULL },
	{ "base", NULL },
	{ "base", "p", "q", NULL },
	{ "base", "p", NULL },
	{ "base", "q", NULL },
	{ "base", NULL },
	{ "base", EXEC, NULL },
	{ "base", "i", NULL },
};
#define NT G_N_ELEMENTS(traces)
static const int labels_of[NT][3] = {
	{ A, -1 }, { B, -1 }, { C, -1 }, { -1 }, { F, -1 }, { P, -1 },
	{ Q, -1 }, { G, -1 }, { H, -1 }, { I, J, -1 },
};

struct fixture {
	struct solve_matrix *m;
	struct access_set *sets[NT];
};

static void
fixture_init(struct fixture *f)
{
	f->m = solve_matrix_new(NT, NL);
	for (unsigned t = 0; t < NT; t++) {
		f->sets[t] = access_set_new();
		for (unsigned k = 0; traces[t][k] != NULL; k++)
			access_set_add(f->sets[t], traces[t][k],
			    strlen(traces[t][k]), "t", k + 1);
		for (unsigned k = 0; labels_of[t][k] >= 0; k++)
			solve_matrix_set(f->m, t, (unsigned)labels_of[t][k]);
	}
}

static void
fixture_clear(struct fixture *f)
{
	for (unsigned t = 0; t < NT; t++)
		access_set_free(f->sets[t]);
	solve_matrix_free(f->m);
}

/* The verdict on label l, narrowed as solve does by default. */
static struct solve_verdict *
judge(struct fixture *f, unsigned l)
{
	struct solve_equation *eq = solve_label(f->m, l, NULL);
	struct solve_fingerprint *fp;
	struct solve_verdict *v;

	solve_equation_narrow(eq, f->m);
	fp = solve_fingerprint_new(eq,
	    (const struct access_set *const *)f->sets);
	v = solve_verdict_new(f->m, eq, fp,
	    (const struct access_set *const *)f->sets, 0);
	solve_fingerprint_free(fp);
	solve_equation_free(eq);
	return v;
}

/* "B" or "P Q": the labels of v, by letter. */
static char *
names(const struct solve_verdict *v)
{
	static const char letters[NL] = "ABCFGHIJPQ";
	GString *s = g_string_new(NULL);

	for (unsigned i = 0; i < v->labels->len; i++)
		g_string_append_printf(s, "%s%c", i ? " " : "",
		    letters[g_array_index(v->labels, guint, i)]);
	return g_string_free(s, FALSE);
}

static void
expect(struct fixture *f, unsigned l, enum solve_status st, const char *who,
    uint64_t beyond)
{
	struct solve_verdict *v = judge(f, l);
	char *n = names(v);

	CU_ASSERT_STRING_EQUAL(solve_status_name(v->status),
	    solve_status_name(st));
	CU_ASSERT_STRING_EQUAL(n, who);
	if (st == SOLVE_EMPTY || st == SOLVE_INDISTINGUISHABLE)
		CU_ASSERT_EQUAL(v->beyond, beyond);
	g_free(n);
	solve_verdict_free(v);
}

static void
test_statuses(void)
{
	struct fixture f;

	fixture_init(&f);
	expect(&f, A, SOLVE_INDISTINGUISHABLE, "B", 2);
	expect(&f, B, SOLVE_INDISTINGUISHABLE, "A", 2);
	expect(&f, C, SOLVE_EXACT, "", 0);
	/* F's {p, q} is made by P's and Q's traces only together */
	expect(&f, F, SOLVE_EMPTY, "P Q", 2);
	/* P's p is made by F's trace, which also makes q: F does all that P
	 * does (and more), so P is indistinguishable from F */
	expect(&f, P, SOLVE_INDISTINGUISHABLE, "F", 1);
	expect(&f, Q, SOLVE_INDISTINGUISHABLE, "F", 1);
	expect(&f, G, SOLVE_EMPTY, "", 0);
	expect(&f, H, SOLVE_INPUT_ONLY, "", 0);
	expect(&f, I, SOLVE_INSEPARABLE, "J", 0);
	expect(&f, J, SOLVE_INSEPARABLE, "I", 0);
	fixture_clear(&f);
}

static void
test_input(void)
{
	CU_ASSERT_TRUE(solve_access_is_input(EXEC, strlen(EXEC)));
	CU_ASSERT_FALSE(solve_access_is_input("execve \"/bin/x\"", 15));
	/* argv[0] alone, as by default: the program, not the input */
	CU_ASSERT_FALSE(solve_access_is_input("execve \"/bin/x\" [\"x\"]",
	    21));
	CU_ASSERT_FALSE(solve_access_is_input("openat \"[\"", 10));
	CU_ASSERT_FALSE(solve_access_is_input("execve", 6));
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("verdict", NULL, NULL);

	CU_add_test(s, "each status on hand-made experiments", test_statuses);
	CU_add_test(s, "what carries the experiment's input", test_input);
}
