/*
 * test_verify.c: the product of small hand-built models and policies,
 * with conflicts (must and may), paths and explored states worked out by
 * hand in the comments.
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
		/* one name deep: a prefix may hold deeper names */
		{ "/tmp/x/", "/tmp/*", 1, 1 },
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

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("verify", setup, teardown);

	CU_add_test(s, "must, may, none", test_must_may_none);
	CU_add_test(s, "explored states", test_explored);
	CU_add_test(s, "files", test_files);
	CU_add_test(s, "prefixes", test_prefixes);
}
