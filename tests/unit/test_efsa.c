/*
 * test_efsa.c: the automaton core: building, guards, replay, reachability,
 * trimming, minimisation, merging, the model file and the product walk's
 * moves, on automata small
 * enough that every answer is worked out by hand in the comments.
 */
#include <stdio.h>
#include <string.h>

#include "cu_assert.h"
#include "automata/efsa.h"

static unsigned
st(struct efsa *a, const char *key)
{
	return (unsigned)efsa_state_by_key(a, key, true);
}

static struct efsa_trans *
tr(struct efsa *a, const char *from, const char *name, const char *to)
{
	return efsa_transition(a, st(a, from), name, st(a, to), true);
}

static struct efsa_state *
state(struct efsa *a, const char *key)
{
	unsigned id = st(a, key);	/* may add it: index after */

	return g_ptr_array_index(a->states, id);
}

static void
set_initial(struct efsa *a, const char *key)
{
	state(a, key)->initial = true;
}

static void
test_build(void)
{
	struct efsa *a = efsa_new("/bin/x");
	struct efsa_trans *t1, *t2;

	EQ_INT(st(a, "^"), 0);
	EQ_INT(st(a, "open"), 1);
	EQ_INT(st(a, "^"), 0);
	EQ_INT(efsa_state_by_key(a, "nope", false), -1);
	t1 = tr(a, "^", "open", "open");
	t2 = tr(a, "^", "open", "open");
	CU_ASSERT_PTR_EQUAL(t1, t2);
	EQ_INT(a->trans->len, 1);
	CU_ASSERT_PTR_NULL(efsa_transition(a, 1, "open", 0, false));
	efsa_state_add_key(a, 1, "openat");
	EQ_INT(efsa_state_by_key(a, "openat", false), 1);
	EQ_STR(((struct efsa_state *)g_ptr_array_index(a->states,
	    1))->keys->pdata[0], "open");
	efsa_free(a);
}

static void
test_guards(void)
{
	struct efsa_guard g = efsa_guard_init(1, EFSA_GUARD_STRINGS);
	struct efsa_val v = { .kind = EFSA_VAL_STR, .str = "/etc/passwd" };
	guint c = 2;

	g_ptr_array_add(g.strs, g_strdup("/etc/passwd"));
	g_ptr_array_add(g.strs, g_strdup("/tmp/x/a"));	/* covered: dropped */
	g_ptr_array_add(g.prefixes, g_strdup("/tmp/x/"));
	g_array_append_val(g.covers, c);
	{
		/* normalising happens when the guard is set */
		struct efsa *a = efsa_new("p");
		struct efsa_trans *t = tr(a, "^", "open", "open");
		const struct efsa_guard *h;

		efsa_trans_set_guard(t, &g);
		h = efsa_trans_guard(t, 1);
		EQ_INT(h->strs->len, 1);
		CU_ASSERT_TRUE(efsa_guard_accepts(h, &v));
		v.str = "/tmp/x/deep/file";
		CU_ASSERT_TRUE(efsa_guard_accepts(h, &v));
		v.str = "/tmp/y";
		CU_ASSERT_FALSE(efsa_guard_accepts(h, &v));
		v.str = "/etc/passwd2";
		CU_ASSERT_FALSE(efsa_guard_accepts(h, &v));
		v.kind = EFSA_VAL_INT;
		CU_ASSERT_FALSE(efsa_guard_accepts(h, &v));
		efsa_free(a);
	}
	g = efsa_guard_init(0, EFSA_GUARD_FLAGS);
	g_ptr_array_add(g.strs, g_strdup("O_RDONLY"));
	g_ptr_array_add(g.strs, g_strdup("O_CLOEXEC"));
	efsa_guard_normalize(&g);
	v.kind = EFSA_VAL_FLAGS;
	v.str = "O_CLOEXEC|O_RDONLY";
	CU_ASSERT_TRUE(efsa_guard_accepts(&g, &v));
	v.str = "O_RDONLY";
	CU_ASSERT_TRUE(efsa_guard_accepts(&g, &v));
	v.str = "O_CLOEXEC|O_WRONLY";
	CU_ASSERT_FALSE(efsa_guard_accepts(&g, &v));
	v.str = "O_RDONL";
	CU_ASSERT_FALSE(efsa_guard_accepts(&g, &v));
	efsa_guard_clear(&g);
	g = efsa_guard_init(0, EFSA_GUARD_RANGE);
	g.lo = -1;
	g.hi = 10;
	v.kind = EFSA_VAL_INT;
	v.num = 10;
	CU_ASSERT_TRUE(efsa_guard_accepts(&g, &v));
	v.num = 11;
	CU_ASSERT_FALSE(efsa_guard_accepts(&g, &v));
	g = efsa_guard_init(0, EFSA_GUARD_INTS);
	{
		int64_t x[] = { 7, 0, 7, 2 };

		g_array_append_vals(g.ints, x, 4);
	}
	efsa_guard_normalize(&g);
	EQ_INT(g.ints->len, 3);
	v.num = 2;
	CU_ASSERT_TRUE(efsa_guard_accepts(&g, &v));
	v.num = 1;
	CU_ASSERT_FALSE(efsa_guard_accepts(&g, &v));
	efsa_guard_clear(&g);
}

/*
 * ^ -open-> o (r1 := result) -read-> r (arg 0 == r1).  Replaying open = 3
 * then read(3) passes; read(4) fails the register test; write has no
 * transition; a key no state has is reported as such.
 */
static void
test_step(void)
{
	struct efsa *a = efsa_new("p");
	struct efsa_trans *t;
	struct efsa_regs *regs;
	struct efsa_dev dev;
	struct efsa_val args[1], outs[1];
	struct efsa_event ev = { "open", "o", 1, args, 1, outs };
	unsigned r1 = efsa_add_register(a, "fd of open");
	const struct efsa_trans *got;

	set_initial(a, "^");
	t = tr(a, "^", "open", "o");
	efsa_trans_add_assign(t, r1, -1);
	t = tr(a, "o", "read", "r");
	efsa_trans_add_test(t, 0, r1);
	regs = efsa_regs_new(a);
	args[0] = (struct efsa_val){ .kind = EFSA_VAL_STR, .num = 0, .str = "/a" };
	outs[0] = (struct efsa_val){ .kind = EFSA_VAL_INT, .num = 3, .str = NULL };
	got = efsa_step(a, 0, &ev, regs, &dev);
	CU_ASSERT_PTR_NOT_NULL(got);
	EQ_INT(dev.kind, EFSA_DEV_NONE);
	EQ_INT(regs->v[r1].num, 3);
	ev.name = "read";
	ev.key = "r";
	args[0] = (struct efsa_val){ .kind = EFSA_VAL_INT, .num = 3, .str = NULL };
	got = efsa_step(a, 1, &ev, regs, &dev);
	EQ_INT(dev.kind, EFSA_DEV_NONE);
	CU_ASSERT_PTR_EQUAL(got, t);
	args[0].num = 4;
	got = efsa_step(a, 1, &ev, regs, &dev);
	CU_ASSERT_PTR_EQUAL(got, t);
	EQ_INT(dev.kind, EFSA_DEV_REGISTER);
	EQ_INT(dev.arg, 0);
	ev.name = "write";
	got = efsa_step(a, 1, &ev, regs, &dev);
	CU_ASSERT_PTR_NULL(got);
	EQ_INT(dev.kind, EFSA_DEV_UNKNOWN_CALL);
	ev.key = "elsewhere";
	got = efsa_step(a, 1, &ev, regs, &dev);
	EQ_INT(dev.kind, EFSA_DEV_UNKNOWN_STATE);
	/* without a key: the transition is found by name */
	ev.name = "read";
	ev.key = NULL;
	args[0].num = 3;
	got = efsa_step(a, 1, &ev, regs, &dev);
	CU_ASSERT_PTR_EQUAL(got, t);
	EQ_INT(dev.kind, EFSA_DEV_NONE);
	efsa_regs_free(regs);
	efsa_free(a);
}

/*
 * s0 -a-> s1 -b-> s2, s0 -c-> s3, s4 -d-> s0 (s4 unreachable).  Shortest
 * path to s2: a then b; s4 has none; trimming removes s4 and d.
 */
static void
test_reach_trim(void)
{
	struct efsa *a = efsa_new("p");
	struct efsa_trans *ta, *tb;
	GArray *path;

	set_initial(a, "s0");
	ta = tr(a, "s0", "a", "s1");
	tb = tr(a, "s1", "b", "s2");
	tr(a, "s0", "c", "s3");
	tr(a, "s4", "d", "s0");
	path = efsa_path(a, st(a, "s2"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	EQ_INT(path->len, 2);
	EQ_INT(g_array_index(path, guint, 0), ta->id);
	EQ_INT(g_array_index(path, guint, 1), tb->id);
	g_array_free(path, TRUE);
	path = efsa_path(a, st(a, "s0"));
	EQ_INT(path->len, 0);
	g_array_free(path, TRUE);
	CU_ASSERT_PTR_NULL(efsa_path(a, st(a, "s4")));
	EQ_INT(efsa_trim(a), 1);
	EQ_INT(a->states->len, 4);
	EQ_INT(a->trans->len, 3);
	EQ_INT(efsa_state_by_key(a, "s4", false), -1);
	EQ_INT(efsa_state_by_key(a, "s3", false), 3);
	/* with an accepting state, dead ends go too: s3 cannot reach s2 */
	state(a, "s2")->accepting = true;
	EQ_INT(efsa_trim(a), 1);
	EQ_INT(a->states->len, 3);
	EQ_INT(a->trans->len, 2);
	efsa_free(a);
}

/*
 * s0 -a-> s1 -c-> s3, s0 -b-> s2 -c-> s4: s1 and s2 (each -c-> a state
 * with no way out), and s3 and s4, are bisimilar: 5 states become 3, and
 * the two c transitions become one with their counts summed.
 */
static void
test_minimize(void)
{
	struct efsa *a = efsa_new("p");
	struct efsa_trans *t;
	const struct efsa_state *m;

	set_initial(a, "s0");
	tr(a, "s0", "a", "s1");
	tr(a, "s0", "b", "s2");
	t = tr(a, "s1", "c", "s3");
	t->count = 2;
	t = tr(a, "s2", "c", "s4");
	t->count = 5;
	EQ_INT(efsa_minimize(a), 2);
	EQ_INT(a->states->len, 3);
	EQ_INT(a->trans->len, 3);
	m = efsa_lookup_state(a, "s2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_PTR_EQUAL(m, efsa_lookup_state(a, "s1"));
	EQ_INT(m->keys->len, 2);
	t = efsa_transition(a, m->id, "c", efsa_lookup_state(a, "s3")->id,
	    false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	EQ_INT(t->count, 7);
	/* a minimal automaton stays as it is */
	EQ_INT(efsa_minimize(a), 0);
	efsa_free(a);

	/* guards tell states apart: s1 -c[arg0 in {1}]->, s2 -c[{2}]-> */
	a = efsa_new("p");
	set_initial(a, "s0");
	tr(a, "s0", "a", "s1");
	tr(a, "s0", "b", "s2");
	{
		struct efsa_guard g = efsa_guard_init(0, EFSA_GUARD_INTS);
		int64_t one = 1, two = 2;

		g_array_append_val(g.ints, one);
		efsa_trans_set_guard(tr(a, "s1", "c", "s3"), &g);
		g = efsa_guard_init(0, EFSA_GUARD_INTS);
		g_array_append_val(g.ints, two);
		efsa_trans_set_guard(tr(a, "s2", "c", "s4"), &g);
	}
	/* s3 and s4 still merge; s1 and s2 do not */
	EQ_INT(efsa_minimize(a), 1);
	EQ_INT(a->states->len, 4);
	efsa_free(a);
}

/* Merging joins guards: {1, 2} and the range 5..9 give 1..9; a test only
 * one side has is dropped; registers are appended and renamed. */
static void
test_merge(void)
{
	struct efsa *a = efsa_new("p"), *b = efsa_new("p");
	struct efsa_guard g;
	struct efsa_trans *t;
	const struct efsa_guard *j;
	int64_t v1 = 1, v2 = 2;
	unsigned rb;

	set_initial(a, "^");
	set_initial(b, "^");
	g = efsa_guard_init(0, EFSA_GUARD_INTS);
	g_array_append_val(g.ints, v1);
	g_array_append_val(g.ints, v2);
	t = tr(a, "^", "x", "x");
	t->count = 1;
	efsa_trans_set_guard(t, &g);
	efsa_trans_add_test(t, 1, efsa_add_register(a, "ra"));
	g = efsa_guard_init(0, EFSA_GUARD_RANGE);
	g.lo = 5;
	g.hi = 9;
	t = tr(b, "^", "x", "x");
	t->count = 2;
	efsa_trans_set_guard(t, &g);
	rb = efsa_add_register(b, "rb");
	efsa_trans_add_assign(t, rb, -1);
	tr(b, "x", "y", "y");
	efsa_merge(a, b);
	EQ_INT(a->states->len, 3);
	EQ_INT(a->trans->len, 2);
	EQ_INT(a->regs->len, 2);
	t = efsa_transition(a, 0, "x", 1, false);
	EQ_INT(t->count, 3);
	j = efsa_trans_guard(t, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	EQ_INT(j->kind, EFSA_GUARD_RANGE);
	EQ_INT(j->lo, 1);
	EQ_INT(j->hi, 9);
	CU_ASSERT_PTR_NULL(efsa_trans_test(t, 1));
	EQ_INT(t->assigns->len, 1);
	EQ_INT(g_array_index(t->assigns, struct efsa_assign, 0).reg, 1);
	efsa_free(a);
	efsa_free(b);
}

static const char model_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<efsa-models xmlns=\"urn:tracemine:efsa:1\" version=\"1\" "
    "states=\"context\" k=\"1\" threshold=\"5\" runs=\"2\">\n"
    "  <model program=\"/bin/p\" processes=\"2\" events=\"6\">\n"
    "    <register id=\"r1\" note=\"fd returned by open\"/>\n"
    "    <state id=\"s0\" initial=\"true\"><key>^</key></state>\n"
    "    <state id=\"s1\"><key>open</key></state>\n"
    "    <state id=\"s2\"><key>read</key></state>\n"
    "    <transition from=\"s0\" to=\"s1\" call=\"open\" count=\"2\">\n"
    "      <strings arg=\"0\" distinct=\"7\"><string>/etc/a</string>"
    "<prefix covers=\"6\">/tmp/</prefix></strings>\n"
    "      <flags arg=\"1\"><flag>O_RDONLY</flag></flags>\n"
    "      <assign register=\"r1\" out=\"0\"/>\n"
    "    </transition>\n"
    "    <transition from=\"s1\" to=\"s2\" call=\"read\" count=\"2\">\n"
    "      <range arg=\"2\" min=\"1\" max=\"4096\"/>\n"
    "      <test arg=\"0\" registers=\"r1\"/>\n"
    "    </transition>\n"
    "  </model>\n"
    "</efsa-models>\n";

/* A model file reads into what it says, and writing it and reading the
 * result back gives the same bytes again. */
static void
test_file_roundtrip(void)
{
	GError *err = NULL;
	struct efsa_set *s = efsa_set_parse("m.xml", model_xml,
	    strlen(model_xml), &err), *s2;
	const struct efsa *a;
	const struct efsa_trans *t;
	const struct efsa_guard *g;
	char *x1, *x2;
	size_t n1, n2;

	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	EQ_STR(s->states, "context");
	EQ_INT(s->runs, 2);
	a = efsa_set_lookup(s, "/bin/p");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EQ_INT(a->states->len, 3);
	EQ_INT(a->trans->len, 2);
	t = g_ptr_array_index(a->trans, 0);
	g = efsa_trans_guard(t, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	EQ_INT(g->distinct, 7);
	EQ_STR(g->prefixes->pdata[0], "/tmp/");
	EQ_INT(g_array_index(g->covers, guint, 0), 6);
	EQ_INT(g_array_index(t->assigns, struct efsa_assign, 0).src, -1);
	t = g_ptr_array_index(a->trans, 1);
	EQ_INT(efsa_trans_guard(t, 2)->hi, 4096);
	EQ_INT(efsa_trans_test(t, 0)->regs->len, 1);
	x1 = efsa_set_to_xml(s, &n1, NULL);
	s2 = efsa_set_parse("again", x1, n1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	x2 = efsa_set_to_xml(s2, &n2, NULL);
	EQ_INT(n1, n2);
	EQ_STR(x1, x2);
	g_free(x1);
	g_free(x2);
	efsa_set_free(s);
	efsa_set_free(s2);
}

/*
 * A model holds escaped text (the learner escapes what logs give it); a
 * string XML cannot carry (a control byte, a byte that is not UTF-8) makes
 * writing fail, never a file no reader can read.  UTF-8 and tabs are text.
 */
static void
test_file_unsafe_bytes(void)
{
	struct efsa_set *s = efsa_set_new(), *s2;
	struct efsa *a = efsa_new("/bin/e");
	struct efsa_trans *t;
	GError *err = NULL;
	char *x;
	size_t n;

	st(a, "^");
	st(a, "k\te");
	t = tr(a, "^", "open", "k\te");
	t->seen = g_strdup("a.log:3");
	efsa_state_add_key(a, 1, "caf\xc3\xa9");
	CU_ASSERT_FATAL(efsa_set_add(s, a));
	x = efsa_set_to_xml(s, &n, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	s2 = efsa_set_parse("written", x, n, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	a = g_ptr_array_index(s2->models, 0);
	/* (keys are kept sorted) */
	EQ_STR(((struct efsa_state *)g_ptr_array_index(a->states,
	    1))->keys->pdata[0], "caf\xc3\xa9");
	EQ_STR(((struct efsa_state *)g_ptr_array_index(a->states,
	    1))->keys->pdata[1], "k\te");
	g_free(x);
	efsa_set_free(s2);

	/* ESC and 0xff in a name: refused, EFSA_ERROR_INVALID. */
	g_free(t->seen);
	t->seen = g_strdup("a\x1b[2J\xfe.log:3");
	x = efsa_set_to_xml(s, &n, &err);
	CU_ASSERT_PTR_NULL(x);
	CU_ASSERT(g_error_matches(err, EFSA_ERROR, EFSA_ERROR_INVALID));
	g_clear_error(&err);
	CU_ASSERT_FALSE(efsa_set_write(s, "/dev/null", &err));
	g_clear_error(&err);
	efsa_set_free(s);
}

/* Bad files fail with FILE:LINE:COL and no model. */
static void
test_file_errors(void)
{
	static const struct {
		const char *xml;
		const char *prefix;	/* expected start of the message */
	} bad[] = {
		{ "", "bad.xml:1:1: " },
		{ "<efsa-models", "bad.xml:1:" },
		{ "<other/>\n", "bad.xml:1:1: " },
		/* a transition to a state that does not exist: line 3 */
		{ "<efsa-models xmlns=\"urn:tracemine:efsa:1\" version=\"1\">\n"
		  "<model program=\"p\"><state id=\"s0\"/>\n"
		  "  <transition from=\"s0\" to=\"s9\" call=\"x\"/>\n"
		  "</model></efsa-models>\n", "bad.xml:3:3: no state s9" },
		/* two states with one key: line 3 */
		{ "<efsa-models xmlns=\"urn:tracemine:efsa:1\" version=\"1\">\n"
		  "<model program=\"p\"><state id=\"s0\"><key>k</key></state>\n"
		  "<state id=\"s1\"><key>k</key></state>\n"
		  "</model></efsa-models>\n", "bad.xml:3:16: key k names two" },
		/* the schema: a range without max, line 3 */
		{ "<efsa-models xmlns=\"urn:tracemine:efsa:1\" version=\"1\">\n"
		  "<model program=\"p\"><state id=\"s0\"/>\n"
		  "<transition from=\"s0\" to=\"s0\" call=\"x\"><range arg=\"0\" "
		  "min=\"1\"/></transition>\n"
		  "</model></efsa-models>\n", "bad.xml:3:" },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		GError *err = NULL;
		struct efsa_set *s = efsa_set_parse("bad.xml", bad[i].xml,
		    strlen(bad[i].xml), &err);

		CU_ASSERT_PTR_NULL(s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(err);
		if (strncmp(err->message, bad[i].prefix,
		    strlen(bad[i].prefix)) != 0)
			EQ_STR(err->message, bad[i].prefix);
		g_error_free(err);
		efsa_set_free(s);
	}
}

/*
 * The walk's other automaton for test_walk_edges: the parity of the z
 * calls.  z flips it, y emits the same state twice (two moves, notes 1
 * and 2), other calls keep it; odd parity is interesting.
 */
static void
parity_step(void *ctx, const struct efsa *a, const struct efsa_trans *t,
    uint32_t other, void (*emit)(void *w, uint32_t o2, uint32_t note),
    void *w)
{
	if (strcmp(t->name, "z") == 0)
		emit(w, other ^ 1, 0);
	else if (strcmp(t->name, "y") == 0) {
		emit(w, other, 1);
		emit(w, other, 2);
	} else
		emit(w, other, 0);
}

static bool
parity_odd(void *ctx, uint32_t other)
{
	return other == 1;
}

static void
check_walk_edge(const struct efsa_walk_result *r, guint i, guint from,
    guint to, int trans, uint32_t note)
{
	const struct efsa_walk_edge *e;

	EQ_INT(i < r->edges->len, 1);
	if (i >= r->edges->len)
		return;
	e = &g_array_index(r->edges, struct efsa_walk_edge, i);
	EQ_INT(e->from, from);
	EQ_INT(e->to, to);
	EQ_INT(e->trans, trans);
	EQ_INT(e->note, note);
}

/*
 * States 0 (initial) to 3; t0: 0 -x-> 1, t1: 1 -y-> 1, t2: 1 -z-> 2,
 * t3: 0 -z-> 2, t4: 0 -w-> 3 (a dead end).  From (0, even):
 *   N0 (0,0) -t0-> N1 (1,0), -t3-> N2 (2,1), -t4-> N3 (3,0)
 *   N1 -t1-> N1 twice (notes 1, 2), -t2-> N2 (seen)
 *   N2 is odd: a hit, not expanded; N3 has no moves.
 * Edges, in the order made: (0,1,t0) (0,2,t3) (0,3,t4) (1,1,t1,1)
 * (1,1,t1,2) (1,2,t2).  N0, N1 and N2 reach the hit, N3 does not.  With
 * a limit of 2 pairs: N0 and N1 only, edges (0,1,t0) and the two loops,
 * no hit, so nothing reaches one.
 */
static void
test_walk_edges(void)
{
	static const struct efsa_walk_ops plain = {
		.step = parity_step, .interesting = parity_odd,
	};
	static const struct efsa_walk_ops edges = {
		.step = parity_step, .interesting = parity_odd, .edges = true,
	};
	struct efsa *a = efsa_new("/bin/p");
	struct efsa_walk_result *r;
	bool *keep;

	tr(a, "0", "x", "1");
	tr(a, "1", "y", "1");
	tr(a, "1", "z", "2");
	tr(a, "0", "z", "2");
	tr(a, "0", "w", "3");
	set_initial(a, "0");

	r = efsa_walk(a, 0, &plain, NULL, 0);
	EQ_INT(r->nodes->len, 4);
	EQ_INT(r->hits->len, 1);
	CU_ASSERT_PTR_NULL(r->edges);
	CU_ASSERT_PTR_NULL(efsa_walk_coreach(r));
	efsa_walk_result_free(r);

	r = efsa_walk(a, 0, &edges, NULL, 0);
	EQ_INT(r->nodes->len, 4);
	EQ_INT(r->hits->len, 1);
	EQ_INT(g_array_index(r->hits, guint, 0), 2);
	EQ_INT(r->edges->len, 6);
	check_walk_edge(r, 0, 0, 1, 0, 0);
	check_walk_edge(r, 1, 0, 2, 3, 0);
	check_walk_edge(r, 2, 0, 3, 4, 0);
	check_walk_edge(r, 3, 1, 1, 1, 1);
	check_walk_edge(r, 4, 1, 1, 1, 2);
	check_walk_edge(r, 5, 1, 2, 2, 0);
	keep = efsa_walk_coreach(r);
	CU_ASSERT_TRUE(keep[0] && keep[1] && keep[2]);
	CU_ASSERT_FALSE(keep[3]);
	g_free(keep);
	efsa_walk_result_free(r);

	r = efsa_walk(a, 0, &edges, NULL, 2);
	CU_ASSERT_TRUE(r->truncated);
	EQ_INT(r->nodes->len, 2);
	EQ_INT(r->hits->len, 0);
	EQ_INT(r->edges->len, 3);
	check_walk_edge(r, 0, 0, 1, 0, 0);
	check_walk_edge(r, 1, 1, 1, 1, 1);
	check_walk_edge(r, 2, 1, 1, 1, 2);
	keep = efsa_walk_coreach(r);
	CU_ASSERT_FALSE(keep[0] || keep[1]);
	g_free(keep);
	efsa_walk_result_free(r);
	efsa_free(a);
}

/*
 * Exec edges (issue 11): kept sorted by image, one per image and state;
 * merging sums their counts; minimisation never merges two states that
 * differ only by the images they exec; a file of version 2 carries them
 * and a second edge to one image in one state is an error at its line.
 */
static void
test_exec_edges(void)
{
	struct efsa *a = efsa_new("/bin/p"), *b;
	struct efsa_set *s, *s2;
	struct efsa_exec *x;
	const struct efsa_state *sa;
	GError *err = NULL;
	char *xml;
	size_t n;
	static const char dup[] =
	    "<efsa-models xmlns=\"urn:tracemine:efsa:1\" version=\"2\">\n"
	    "<model program=\"p\"><state id=\"s0\"><key>k</key>\n"
	    "<exec image=\"/bin/sh\"/>\n"
	    "  <exec image=\"/bin/sh\" count=\"2\"/></state>\n"
	    "</model></efsa-models>\n";

	set_initial(a, "^");
	tr(a, "^", "execve", "execve");
	tr(a, "execve", "close", "c1");
	tr(a, "execve", "read", "c2");
	/* c1 and c2 are alike but for their exec edges */
	x = efsa_state_add_exec(a, st(a, "c1"), "/usr/bin/gzip");
	x->count = 2;
	x->seen = g_strdup("r.log:9");
	efsa_state_add_exec(a, st(a, "c1"), "/bin/sh")->count = 1;
	CU_ASSERT_PTR_EQUAL(efsa_state_add_exec(a, st(a, "c1"),
	    "/usr/bin/gzip"), x);
	sa = state(a, "c1");
	EQ_INT(sa->execs->len, 2);
	EQ_STR(((struct efsa_exec *)sa->execs->pdata[0])->image, "/bin/sh");
	CU_ASSERT_PTR_EQUAL(efsa_state_exec(sa, "/usr/bin/gzip"), x);
	CU_ASSERT_PTR_NULL(efsa_state_exec(state(a, "c2"), "/bin/sh"));

	/* merged into itself: counts double, seen kept */
	b = efsa_new("/bin/p");
	efsa_merge(b, a);
	efsa_merge(b, a);
	EQ_INT(efsa_state_exec(state(b, "c1"), "/usr/bin/gzip")->count, 4);
	EQ_STR(efsa_state_exec(state(b, "c1"), "/usr/bin/gzip")->seen,
	    "r.log:9");
	efsa_free(b);

	/* c1 and c2 lead nowhere: without exec edges they would merge */
	b = efsa_new("/bin/p");
	efsa_merge(b, a);
	EQ_INT(efsa_minimize(b), 0);
	efsa_free(b);
	b = efsa_new("/bin/q");
	set_initial(b, "^");
	tr(b, "^", "execve", "execve");
	tr(b, "execve", "close", "c1");
	tr(b, "execve", "read", "c2");
	EQ_INT(efsa_minimize(b), 1);
	efsa_free(b);

	/* the file: version 2, edges read back as written */
	s = efsa_set_new();
	CU_ASSERT_FATAL(efsa_set_add(s, a));
	xml = efsa_set_to_xml(s, &n, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "version=\"2\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<exec image=\"/usr/bin/gzip\" "
	    "count=\"2\" seen=\"r.log:9\"/>"));
	s2 = efsa_set_parse("m.xml", xml, n, &err);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	b = efsa_set_lookup(s2, "/bin/p");
	sa = g_ptr_array_index(b->states, (guint)efsa_state_by_key(b, "c1",
	    false));
	EQ_INT(sa->execs->len, 2);
	EQ_INT(efsa_state_exec(sa, "/usr/bin/gzip")->count, 2);
	EQ_INT(efsa_state_exec(sa, "/bin/sh")->count, 1);
	g_free(xml);
	efsa_set_free(s2);
	efsa_set_free(s);

	s = efsa_set_parse("bad.xml", dup, strlen(dup), &err);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	EQ_STR(err->message, "bad.xml:4:3: a second exec edge to /bin/sh "
	    "from one state");
	g_error_free(err);
}

/*
 * Linking: p execs q from its state "a"; q execs p back from "b" (a
 * cycle), and r is on its own.  Worked out by hand: the roots are p (no
 * model execs it but q, and q is p's) and r; p's linked automaton is p's
 * 3 states and 2 transitions with their ids, then q's 3 states ("q: ^",
 * "q: execve", "q: b", none initial) and 2 transitions, then the exec
 * edges: a -> "q: execve" like q's execve (its guard kept), and
 * "q: b" -> p's "execve" like p's execve.
 */
static void
test_link(void)
{
	struct efsa_set *s = efsa_set_new(), *l;
	struct efsa *p = efsa_new("p"), *q = efsa_new("q"), *r = efsa_new("r");
	const struct efsa *lp;
	const struct efsa_trans *t;
	struct efsa_guard g;
	int qe, qb;
	guint i, initial = 0;

	set_initial(p, "^");
	tr(p, "^", "execve", "execve");
	tr(p, "execve", "open", "a");
	efsa_state_add_exec(p, st(p, "a"), "q")->count = 1;
	set_initial(q, "^");
	t = tr(q, "^", "execve", "execve");
	g = efsa_guard_init(0, EFSA_GUARD_STRINGS);
	g_ptr_array_add(g.strs, g_strdup("q"));
	efsa_trans_set_guard((struct efsa_trans *)t, &g);
	tr(q, "execve", "write", "b");
	efsa_state_add_exec(q, st(q, "b"), "p")->count = 1;
	set_initial(r, "^");
	tr(r, "^", "execve", "execve");
	efsa_set_add(s, p);
	efsa_set_add(s, q);
	efsa_set_add(s, r);

	l = efsa_set_link(s);
	EQ_INT(l->models->len, 2);
	lp = efsa_set_lookup(l, "p");
	CU_ASSERT_PTR_NOT_NULL_FATAL(lp);
	CU_ASSERT_PTR_NOT_NULL(efsa_set_lookup(l, "r"));
	CU_ASSERT_PTR_NULL(efsa_set_lookup(l, "q"));
	EQ_INT(lp->states->len, 6);
	EQ_INT(lp->trans->len, 6);
	EQ_INT(efsa_state_by_key((struct efsa *)lp, "a", false), 2);
	qe = efsa_state_by_key((struct efsa *)lp, "q: execve", false);
	qb = efsa_state_by_key((struct efsa *)lp, "q: b", false);
	CU_ASSERT(qe >= 3 && qb >= 3);
	for (i = 0; i < lp->states->len; i++)
		initial += ((const struct efsa_state *)g_ptr_array_index(
		    lp->states, i))->initial;
	EQ_INT(initial, 1);
	t = efsa_transition((struct efsa *)lp, 2, "execve", (unsigned)qe,
	    false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	EQ_STR(efsa_trans_guard(t, 0)->strs->pdata[0], "q");
	CU_ASSERT_PTR_NOT_NULL(efsa_transition((struct efsa *)lp,
	    (unsigned)qb, "execve", 1, false));
	efsa_set_free(l);
	efsa_set_free(s);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("efsa", NULL, NULL);

	CU_add_test(s, "build", test_build);
	CU_add_test(s, "guards", test_guards);
	CU_add_test(s, "step", test_step);
	CU_add_test(s, "reach and trim", test_reach_trim);
	CU_add_test(s, "minimize", test_minimize);
	CU_add_test(s, "merge", test_merge);
	CU_add_test(s, "file round trip", test_file_roundtrip);
	CU_add_test(s, "file: bytes XML cannot hold", test_file_unsafe_bytes);
	CU_add_test(s, "file errors", test_file_errors);
	CU_add_test(s, "exec edges", test_exec_edges);
	CU_add_test(s, "link by exec edges", test_link);
	CU_add_test(s, "walk: every move, and what reaches a hit",
	    test_walk_edges);
}
