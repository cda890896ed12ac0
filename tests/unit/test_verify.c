/*
 * test_verify.c: the product of small hand-built models and policies,
 * with conflicts (must and may), paths, explored states and the graphs
 * that efsa-verify --dot draws worked out by hand in the comments.
 */
#include <string.h>

#include "cu_assert.h"
#include "verify/policy.h"

static struct platform *pf;

static int
setup(void)
{
	pf = platform_new(NULL, NULL);
	return pf == NULL;
}

static int
teardown(void)
{
	platform_free(pf);
	return 0;
}

static unsigned
st(struct efsa *a, const char *key)
{
	return (unsigned)efsa_state_by_key(a, key, true);
}

static struct efsa_trans *
tr(struct efsa *a, const char *from, const char *name, const char *to)
{
	unsigned s = st(a, from), d = st(a, to);

	return efsa_transition(a, s, name, d, true);
}

static void
guard_flags(struct efsa_trans *t, unsigned arg, const char *a, const char *b)
{
	struct efsa_guard g = efsa_guard_init(arg, EFSA_GUARD_FLAGS);

	g_ptr_array_add(g.strs, g_strdup(a));
	if (b != NULL)
		g_ptr_array_add(g.strs, g_strdup(b));
	efsa_trans_set_guard(t, &g);
}

static void
guard_strs(struct efsa_trans *t, unsigned arg, const char *a, const char *b,
    const char *prefix)
{
	struct efsa_guard g = efsa_guard_init(arg, EFSA_GUARD_STRINGS);
	guint one = 1;

	g_ptr_array_add(g.strs, g_strdup(a));
	if (b != NULL)
		g_ptr_array_add(g.strs, g_strdup(b));
	if (prefix != NULL) {
		g_ptr_array_add(g.prefixes, g_strdup(prefix));
		g_array_append_val(g.covers, one);
	}
	efsa_trans_set_guard(t, &g);
}

/* A one-model set: ^ -execve-> e -socket-> s -exit_group-> x. */
static struct efsa_set *
socket_model(const char *fam1, const char *fam2, bool guarded)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/net");
	struct efsa_trans *t;

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	t = tr(a, "e", "socket", "s");
	if (guarded)
		guard_flags(t, 0, fam1, fam2);
	tr(a, "s", "exit_group", "x");
	efsa_set_add(set, a);
	return set;
}

static struct verify_result *
verify(const char *policy, const struct efsa_set *set)
{
	GError *err = NULL;
	struct policy *p = policy_parse("p.pol", policy, strlen(policy), pf,
	    &err);
	struct verify_result *res;

	g_assert(p != NULL);
	res = policy_verify(p, set, 0);
	policy_free(p);
	return res;
}

static const char nonlocal[] = "any* . (socket(d, _) | d != PF_LOCAL)";

static void
test_must_may_none(void)
{
	struct efsa_set *set;
	struct verify_result *res;
	const struct verify_conflict *c;

	/* the model learned AF_INET only: must; the path is execve, socket */
	set = socket_model("AF_INET", NULL, true);
	res = verify(nonlocal, set);
	EQ_INT(res->conflicts->len, 1);
	c = res->conflicts->pdata[0];
	CU_ASSERT_FALSE(c->may);
	EQ_INT(c->path->len, 2);
	EQ_INT(c->assumed->len, 0);
	verify_result_free(res);
	efsa_set_free(set);

	/* AF_INET or AF_UNIX: the model cannot tell: may, one assumption */
	set = socket_model("AF_INET", "AF_UNIX", true);
	res = verify(nonlocal, set);
	EQ_INT(res->conflicts->len, 1);
	c = res->conflicts->pdata[0];
	CU_ASSERT_TRUE(c->may);
	EQ_INT(c->assumed->len, 1);
	verify_result_free(res);
	efsa_set_free(set);

	/* AF_UNIX only: no conflict */
	set = socket_model("AF_UNIX", NULL, true);
	res = verify(nonlocal, set);
	EQ_INT(res->conflicts->len, 0);
	verify_result_free(res);
	/* PF_LOCAL is AF_UNIX, and AF_LOCAL too */
	res = verify("any* . (socket(d, _) | d != AF_LOCAL)", set);
	EQ_INT(res->conflicts->len, 0);
	verify_result_free(res);
	efsa_set_free(set);

	/* nothing learned about the argument: may */
	set = socket_model(NULL, NULL, false);
	res = verify(nonlocal, set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_TRUE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	verify_result_free(res);
	efsa_set_free(set);
}

/*
 * ^ -execve-> e, e -read-> e (a loop the policy does not mention),
 * e -unlink-> u; any* . unlink(p) has three states (start, after any,
 * accepting).  Product: (^,start) -execve-> (e,start); read loops back;
 * unlink -> (u,after any) and (u,accepting): 4 states explored, one
 * conflict whose path is execve, unlink.
 */
/* Naccio's LimitBytesWritten with a limit of 1000, for the tests below. */
static const char limit_policy[] =
    "stateblock W:\n"
    "    addfield total = 0;\n"
    "    precode RFileSystem.write(f, n): total += n;\n"
    "property Limit(max):\n"
    "    requires W;\n"
    "    check RFileSystem.write(f, n) | total > max\n"
    "        violation \"over \" + max;\n"
    "policy P = Limit(1000);\n";

static void
result(struct efsa_trans *t, int64_t v)
{
	struct efsa_val x = { .kind = EFSA_VAL_INT, .num = v, .str = NULL };

	efsa_trans_add_result(t, &x, true);
}

/* ^ -execve-> e -write-> w1 -write-> w2 -exit_group-> x, each write
 * returning each (< 0: nothing learned of the result). */
static struct efsa_set *
writes_model(int64_t each)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/w");

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	if (each >= 0) {
		result(tr(a, "e", "write", "w1"), each);
		result(tr(a, "w1", "write", "w2"), each);
	} else {
		tr(a, "e", "write", "w1");
		tr(a, "w1", "write", "w2");
	}
	tr(a, "w2", "exit_group", "x");
	efsa_set_add(set, a);
	return set;
}

/*
 * The rule any* . (RFileSystem.write(f, n) | total > 1000) has three
 * states: start (p0), after any (p1), accepting (p2).  Two writes of 600:
 * (^,p0,0) -execve-> (e,p0,0) -write-> (w1,p1,600), the check false at
 * 600; -write-> (w2,p1,1200) and (w2,p2,1200), the check true: a must
 * conflict on the path execve, write, write; (w2,p1) -exit_group->
 * (x,p1,1200): 6 states.  Two writes of 400: 800, no conflict, 5 states
 * (no (w2,p2)).  Writes whose results the model did not learn: each
 * may complete the rule, the first with total unknown.
 */
static void
test_counters_straight(void)
{
	struct efsa_set *set;
	struct verify_result *res;
	const struct verify_conflict *c;

	set = writes_model(600);
	res = verify(limit_policy, set);
	EQ_INT(res->explored, 6);
	EQ_INT(res->conflicts->len, 1);
	c = res->conflicts->pdata[0];
	CU_ASSERT_FALSE(c->may);
	EQ_INT(c->path->len, 3);
	EQ_INT(c->assumed->len, 0);
	/* checked: with the limit at 1200, 600 + 600 > 1200 is false */
	EQ_STR(c->advice, "raise the limit 1000 on total to 1200 in rule "
	    "Limit(1000) (the most the model reaches there; checked: the "
	    "conflict is gone with it)");
	verify_result_free(res);
	efsa_set_free(set);

	set = writes_model(400);
	res = verify(limit_policy, set);
	EQ_INT(res->explored, 5);
	EQ_INT(res->conflicts->len, 0);
	verify_result_free(res);
	efsa_set_free(set);

	/* both writes may complete the rule: two conflicts */
	set = writes_model(-1);
	res = verify(limit_policy, set);
	EQ_INT(res->conflicts->len, 2);
	c = res->conflicts->pdata[0];
	CU_ASSERT_TRUE(c->may);
	EQ_INT(c->path->len, 2);
	EQ_INT(c->assumed->len, 1);
	EQ_STR(c->assumed->pdata[0], "RFileSystem.write(f, n) | total > 1000 "
	    "at write (s1 -> s2): the result of write >= 0 is not decided: "
	    "the result of write: the model learned nothing of it; total in "
	    "(-inf, +inf)");
	verify_result_free(res);
	efsa_set_free(set);
}

/*
 * A loop: ^ -execve-> e -write-> w, w -write-> w, w -exit_group-> x,
 * writes of 400.  The intervals at (w, p1) are joined three times,
 * [400,400], [400,800], [400,1200], [400,1600], then widened to
 * [400,+inf); the check first may hold after the third write, with total
 * in [800,1200] (p2 reached from [400,800] + 400): a may conflict on the
 * path execve, write, write, write, whose advice comes from the widest
 * interval that reaches the same transition ([800,+inf)): no limit.
 * States: ^, e; (w,p1) five times; (w,p2,may) four times ([800,1200],
 * [800,1600], [800,2000], [800,+inf)); (x,p1) five times: 16.
 */
static void
test_counters_loop(void)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/w");
	struct verify_result *res;
	const struct verify_conflict *c;

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	result(tr(a, "e", "write", "w"), 400);
	result(tr(a, "w", "write", "w"), 400);
	tr(a, "w", "exit_group", "x");
	efsa_set_add(set, a);
	res = verify(limit_policy, set);
	EQ_INT(res->explored, 16);
	EQ_INT(res->conflicts->len, 1);
	c = res->conflicts->pdata[0];
	CU_ASSERT_TRUE(c->may);
	EQ_INT(c->path->len, 4);
	EQ_INT(c->assumed->len, 1);
	EQ_STR(c->assumed->pdata[0], "RFileSystem.write(f, n) | total > 1000 "
	    "at write (s2 -> s2): total in [800, 1200]");
	EQ_STR(c->advice, "no checked fix: no limit on total admits it: the "
	    "model lets it grow without bound (write, s2 -> s2, is on a "
	    "loop)");
	verify_result_free(res);
	efsa_set_free(set);
}

static void
test_explored(void)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/rm");
	struct verify_result *res;
	const struct verify_conflict *c;

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	tr(a, "e", "read", "e");
	tr(a, "e", "unlink", "u");
	efsa_set_add(set, a);
	res = verify("any* . unlink(p)", set);
	EQ_INT(res->explored, 4);
	EQ_INT(res->conflicts->len, 1);
	c = res->conflicts->pdata[0];
	EQ_INT(c->path->len, 2);
	EQ_STR(((const struct efsa_trans *)g_ptr_array_index(a->trans,
	    g_array_index(c->path, guint, 1)))->name, "unlink");
	verify_result_free(res);
	efsa_set_free(set);
}

/*
 * Abstract events through the platform, sequences over calls the policy
 * skips, globs on learned strings and prefixes.
 */
static void
test_files(void)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/f");
	struct efsa_trans *t;
	struct verify_result *res;

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	t = tr(a, "e", "openat", "o");
	guard_strs(t, 1, "/etc/passwd", NULL, NULL);
	guard_flags(t, 2, "O_RDONLY", NULL);
	tr(a, "o", "read", "r");
	t = tr(a, "r", "unlink", "u");
	guard_strs(t, 0, "/tmp/a", "/tmp/b", NULL);
	efsa_set_add(set, a);

	/* a read, then a delete (the path: execve, openat, read, unlink;
	 * read is skipped by the policy): must */
	res = verify("any* . FileReadOp(f) . any* . FileDelete(g)", set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_FALSE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	EQ_INT(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->path->len, 4);
	verify_result_free(res);
	/* the same file: unification is not tracked, so may */
	res = verify("any* . FileReadOp(f) . any* . FileDelete(f)", set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_TRUE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	verify_result_free(res);
	/* opened for writing: O_RDONLY only, so never */
	res = verify("any* . FileWriteOp(f)", set);
	EQ_INT(res->conflicts->len, 0);
	verify_result_free(res);
	/* globs: both names under /tmp (must), none under /etc */
	res = verify("any* . (unlink(p) | p ~ \"/tmp/*\")", set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_FALSE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	verify_result_free(res);
	res = verify("any* . (unlink(p) | p ~ \"/etc/*\")", set);
	EQ_INT(res->conflicts->len, 0);
	verify_result_free(res);
	res = verify("any* . (unlink(p) | p == \"/tmp/a\")", set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_TRUE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	verify_result_free(res);
	/* sizes the model does not learn (results): may */
	res = verify("any* . (RFileSystem.read(f, n) | n > 100)", set);
	EQ_INT(res->conflicts->len, 1);
	CU_ASSERT_TRUE(((const struct verify_conflict *)
	    res->conflicts->pdata[0])->may);
	verify_result_free(res);
	efsa_set_free(set);
}

/* A prefix the model generalised to: inside the pattern (must), across
 * it (may), outside it (none). */
static void
test_prefixes(void)
{
	static const struct {
		const char *prefix, *glob;
		int conflicts, may;
	} cases[] = {
		{ "/tmp/x/", "/tmp/**", 1, 0 },
		{ "/tmp/", "/tmp/x/**", 1, 1 },
		{ "/var/", "/tmp/**", 0, 0 },
		/* one name deep: every name under "/tmp/x/" has a '/'
		 * after "/tmp/x", which '*' never crosses */
		{ "/tmp/x/", "/tmp/*", 0, 0 },
		{ "/tmp/", "/tmp/*", 1, 1 },
		/* no ".." after a prefix: never climbs out of /tmp/x */
		{ "/tmp/x/", "/tmp/x/**", 1, 0 },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct efsa_set *set = efsa_set_new();
		struct efsa *a = efsa_new("/bin/g");
		struct efsa_trans *t;
		struct verify_result *res;
		char *pol = g_strdup_printf("any* . (unlink(p) | p ~ \"%s\")",
		    cases[i].glob);

		tr(a, "^", "unlink", "u");
		((struct efsa_state *)g_ptr_array_index(a->states,
		    0))->initial = true;
		t = efsa_transition(a, 0, "unlink", 1, false);
		{
			struct efsa_guard g = efsa_guard_init(0,
			    EFSA_GUARD_STRINGS);
			guint one = 3;

			g_ptr_array_add(g.prefixes, g_strdup(cases[i].prefix));
			g_array_append_val(g.covers, one);
			efsa_trans_set_guard(t, &g);
		}
		efsa_set_add(set, a);
		res = verify(pol, set);
		EQ_INT(res->conflicts->len, cases[i].conflicts);
		if (res->conflicts->len > 0)
			EQ_INT(((const struct verify_conflict *)
			    res->conflicts->pdata[0])->may, cases[i].may);
		verify_result_free(res);
		efsa_set_free(set);
		g_free(pol);
	}
}

/* Verifies with the graphs kept; the policy is returned too. */
static struct verify_result *
verify_graphs(const char *policy, const struct efsa_set *set,
    struct policy **pp)
{
	const struct verify_opts opts = { .graph = true };
	struct policy *p = policy_parse("p.pol", policy, strlen(policy), pf,
	    NULL);

	g_assert(p != NULL);
	*pp = p;
	return policy_verify_with(p, set, &opts);
}

static void
check_edge(const struct verify_graph *g, guint i, guint from, guint to,
    guint trans, bool may, bool path)
{
	const struct verify_edge *e;

	EQ_INT(i < g->edges->len, 1);
	if (i >= g->edges->len)
		return;
	e = &g_array_index(g->edges, struct verify_edge, i);
	EQ_INT(e->from, from);
	EQ_INT(e->to, to);
	EQ_INT(e->trans, trans);
	EQ_INT(e->may, may);
	EQ_INT(e->path, path);
}

static void
check_node(const struct verify_graph *g, guint i, unsigned m, unsigned ps,
    bool may, bool conflict, bool path)
{
	const struct verify_node *n;

	EQ_INT(i < g->nodes->len, 1);
	if (i >= g->nodes->len)
		return;
	n = &g_array_index(g->nodes, struct verify_node, i);
	EQ_INT(n->m, m);
	EQ_INT(n->ps, ps);
	EQ_INT(n->may, may);
	EQ_INT(n->conflict, conflict);
	EQ_INT(n->path, path);
	EQ_INT(n->initial, i == 0);
}

/*
 * The graph of test_explored's product: (^,q0) -execve-> (e,q0), read
 * loops on (e,q0), unlink -> (u,q1) (the conflict) and (u,q0), from which
 * nothing follows, so it is left out.  The rule's automaton, minimised,
 * is q0 -any-> q0 and q0 -unlink-> q1 (accepting), checked first (the
 * compiled q0 -any-> q1 -any-> q1 has q0 and q1 alike).  Nodes by model
 * state: (^,q0), (e,q0), (u,q1); edges: execve and unlink on the path, the
 * read loop off it; no assumption anywhere.
 */
static void
test_graph_small(void)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/rm");
	struct verify_result *res;
	const struct verify_graph *g;
	struct policy *p;
	unsigned dst = 99;
	char *l0, *l1;

	tr(a, "^", "execve", "e");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	tr(a, "e", "read", "e");
	tr(a, "e", "unlink", "u");
	efsa_set_add(set, a);
	res = verify_graphs("any* . unlink(p)", set, &p);
	EQ_INT(policy_rule_states(p, 0), 2);
	EQ_INT(policy_rule_start(p, 0), 0);
	EQ_INT(policy_rule_accepting(p, 0, 1), 1);
	EQ_INT(policy_rule_accepting(p, 0, 0), 0);
	EQ_INT(policy_rule_moves(p, 0, 0), 2);
	EQ_INT(policy_rule_moves(p, 0, 1), 0);
	EQ_INT(policy_rule_moves(p, 0, 7), 0);
	l0 = policy_rule_move(p, 0, 0, 0, &dst);
	l1 = policy_rule_move(p, 0, 0, 1, &dst);
	CU_ASSERT_TRUE((strcmp(l0, "any") == 0 && strcmp(l1,
	    "unlink(p)") == 0) || (strcmp(l1, "any") == 0 && strcmp(l0,
	    "unlink(p)") == 0));
	g_free(l0);
	g_free(l1);

	EQ_INT(res->explored, 4);
	EQ_INT(res->conflicts->len, 1);
	EQ_INT(res->graphs->len, 1);
	g = res->graphs->pdata[0];
	CU_ASSERT_PTR_EQUAL(g->model, a);
	EQ_INT(g->rule, 0);
	EQ_INT(g->nodes->len, 3);
	check_node(g, 0, 0, 0, false, false, true);
	check_node(g, 1, 1, 0, false, false, true);
	check_node(g, 2, 2, 1, false, true, true);
	EQ_INT(g->edges->len, 3);
	check_edge(g, 0, 0, 1, 0, false, true);		/* execve */
	check_edge(g, 1, 1, 1, 1, false, false);	/* read */
	check_edge(g, 2, 1, 2, 2, false, true);		/* unlink */
	verify_result_free(res);
	policy_free(p);

	/* without the option, no graphs and the same walk */
	res = verify("any* . unlink(p)", set);
	CU_ASSERT_PTR_NULL(res->graphs);
	EQ_INT(res->explored, 4);
	verify_result_free(res);
	efsa_set_free(set);
}

/*
 * A branch that reaches a conflict off the shortest paths, a loop, and a
 * may.  Model: ^ -execve(t0)-> a; a -socket(t1) {AF_INET, AF_UNIX}-> b;
 * a -read(t2)-> c; c -socket(t3) {AF_INET}-> x; b -close(t4)-> a.  Rule:
 * any* . (socket(d, _) | d != PF_LOCAL), minimised: q0 (any loops on it),
 * q1 (accepting); t1 may match (a may move, into (b,q1,may)), t3 must.
 * The walk, by hand (P = (state, q, may)):
 *   N0 (^,0) -t0-> N1 (a,0)
 *   N1 -t1-> N2 (b,0) by any, N3 (b,1,may) by the pattern (a hit);
 *      -t2-> N4 (c,0)
 *   N2 -t4-> N1 (seen: the loop closes on the start's pair)
 *   N4 -t3-> N5 (x,0) by any, N6 (x,1) (a hit)
 * 7 states explored; conflicts at t1 (may, path t0 t1) and t3 (must, path
 * t0 t2 t3).  N5 (x,0) leads nowhere: the graph has the 6 others, sorted
 * by model state then q and may: N0 N1 N2 N3 N4 N6, and the 6 moves
 * between them; on the paths N0 N1 N3 N4 N6 and 4 distinct edges (5 steps
 * in all: t0 is shared).
 */
static void
test_graph_branches(void)
{
	struct efsa_set *set = efsa_set_new();
	struct efsa *a = efsa_new("/bin/net");
	struct verify_result *res, *plain;
	const struct verify_graph *g;
	struct policy *p;
	struct efsa_trans *t;

	tr(a, "^", "execve", "a");
	((struct efsa_state *)g_ptr_array_index(a->states, 0))->initial = true;
	t = tr(a, "a", "socket", "b");
	guard_flags(t, 0, "AF_INET", "AF_UNIX");
	tr(a, "a", "read", "c");
	t = tr(a, "c", "socket", "x");
	guard_flags(t, 0, "AF_INET", NULL);
	tr(a, "b", "close", "a");
	efsa_set_add(set, a);
	res = verify_graphs(nonlocal, set, &p);
	plain = verify(nonlocal, set);
	EQ_INT(res->explored, 7);
	EQ_INT(plain->explored, 7);
	EQ_INT(res->conflicts->len, 2);
	EQ_INT(plain->conflicts->len, 2);
	EQ_INT(res->graphs->len, 1);
	g = res->graphs->pdata[0];
	EQ_INT(g->nodes->len, 6);
	check_node(g, 0, 0, 0, false, false, true);	/* N0 */
	check_node(g, 1, 1, 0, false, false, true);	/* N1 */
	check_node(g, 2, 2, 0, false, false, false);	/* N2 */
	check_node(g, 3, 2, 1, true, true, true);	/* N3 */
	check_node(g, 4, 3, 0, false, false, true);	/* N4 */
	check_node(g, 5, 4, 1, false, true, true);	/* N6 */
	EQ_INT(g->edges->len, 6);
	check_edge(g, 0, 0, 1, 0, false, true);		/* N0 -execve-> N1 */
	check_edge(g, 1, 1, 2, 1, false, false);	/* N1 -socket-> N2 */
	check_edge(g, 2, 1, 3, 1, true, true);		/* N1 -socket-> N3 */
	check_edge(g, 3, 1, 4, 2, false, true);		/* N1 -read-> N4 */
	check_edge(g, 4, 2, 1, 4, false, false);	/* N2 -close-> N1 */
	check_edge(g, 5, 4, 5, 3, false, true);		/* N4 -socket-> N6 */
	verify_result_free(res);
	verify_result_free(plain);
	policy_free(p);
	efsa_set_free(set);
}

/* A model with no conflict has no graph; the policy's move labels keep
 * the conditions as written. */
static void
test_graph_none(void)
{
	struct efsa_set *set = socket_model("AF_UNIX", NULL, true);
	struct verify_result *res;
	struct policy *p;
	unsigned k, dst, found = 0;

	res = verify_graphs("rule R \"m\": any* . (socket(d, _) | "
	    "!(d == AF_UNIX) && d != AF_NETLINK)", set, &p);
	EQ_INT(res->conflicts->len, 0);
	EQ_INT(res->graphs->len, 0);
	for (k = 0; k < policy_rule_moves(p, 0, 0); k++) {
		char *l = policy_rule_move(p, 0, 0, k, &dst);

		if (strcmp(l, "any") != 0) {
			EQ_STR(l, "socket(d, _) | !(d == AF_UNIX) && "
			    "d != AF_NETLINK");
			EQ_INT(policy_rule_accepting(p, 0, dst), 1);
			found++;
		}
		g_free(l);
	}
	EQ_INT(found, 1);
	verify_result_free(res);
	policy_free(p);
	efsa_set_free(set);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("verify", setup, teardown);

	CU_add_test(s, "must, may, none", test_must_may_none);
	CU_add_test(s, "explored states", test_explored);
	CU_add_test(s, "counters on a path", test_counters_straight);
	CU_add_test(s, "counters on a loop", test_counters_loop);
	CU_add_test(s, "files", test_files);
	CU_add_test(s, "prefixes", test_prefixes);
	CU_add_test(s, "graph of a small product", test_graph_small);
	CU_add_test(s, "graph with branches, a loop and a may",
	    test_graph_branches);
	CU_add_test(s, "no conflict, no graph", test_graph_none);
}
