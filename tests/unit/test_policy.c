/*
 * test_policy.c: the policy language: parsing (errors with file:line:col),
 * the automata rules compile to (state counts worked out by hand from
 * Thompson's construction with empty moves removed), and monitoring small
 * hand-written logs whose violations are known.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "verify/internal.h"
#include "verify/policy.h"

static struct platform *pf;

static int
setup(void)
{
	GError *err = NULL;

	pf = platform_new(NULL, &err);
	if (pf == NULL) {
		fprintf(stderr, "%s\n", err->message);
		return 1;
	}
	return 0;
}

static int
teardown(void)
{
	platform_free(pf);
	return 0;
}

static struct policy *
parse(const char *text, GError **err)
{
	return policy_parse("p.pol", text, strlen(text), pf, err);
}

static void
test_seed(void)
{
	const char *forms[] = {
	    "any* \xc2\xb7 ((socket(d, f) | d != PF_LOCAL) || FileWriteOp(g))",
	    "any* . ((socket(d, f) | d != PF_LOCAL) || FileWriteOp(g))\n",
	    "rule NoNet \"no network, no writes\":\n"
	    "    any* . ((socket(d, f) | d != PF_LOCAL) || FileWriteOp(g));\n",
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(forms); i++) {
		GError *err = NULL;
		struct policy *p = parse(forms[i], &err);

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		EQ_INT(policy_rules(p), 1);
		CU_ASSERT_TRUE(policy_mentions(p, "socket"));
		CU_ASSERT_TRUE(policy_mentions(p, "openat"));
		CU_ASSERT_TRUE(policy_mentions(p, "creat"));
		CU_ASSERT_FALSE(policy_mentions(p, "read"));
		policy_free(p);
	}
	{
		struct policy *p = parse(forms[2], NULL);

		EQ_STR(policy_rule_name(p, 0), "NoNet");
		EQ_STR(policy_rule_message(p, 0), "no network, no writes");
		policy_free(p);
	}
}

/*
 * Compiled, then minimised (rulemin.c): open(f): two states, the second
 * accepting.  a . b: three.  any*: the start accepts (the empty run
 * matches) and any leads to a state whose closure loops back, accepting
 * too and with the same moves: one.  any* . x: start --any--> s1, start
 * --x--> s2 (accepting), s1 --any--> s1, s1 --x--> s2, where start and s1
 * have the same moves: two.  x?: the start accepts, x leads to the end,
 * which has no moves: two.  x+: start --x--> s1, accepting, s1 --x--> s1:
 * two (the start does not accept).
 */
static void
test_compile(void)
{
	static const struct {
		const char *text;
		unsigned states;
		bool start_accepts;
	} cases[] = {
		{ "openat(_, f, _)", 2, false },
		{ "openat(_, f, _) . close(g)", 3, false },
		{ "any*", 1, true },
		{ "any* . close(g)", 2, false },
		{ "close(a)?", 2, true },
		{ "close(a)+", 2, false },
	};
	unsigned i, s, acc;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		struct policy *p = parse(cases[i].text, &err);

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		EQ_INT(policy_rule_states(p, 0), cases[i].states);
		EQ_INT(policy_rule_accepting(p, 0, 0), cases[i].start_accepts);
		for (s = 0, acc = 0; s < policy_rule_states(p, 0); s++)
			acc += policy_rule_accepting(p, 0, s);
		CU_ASSERT_TRUE(acc >= 1);
		policy_free(p);
	}
}

static void
test_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "", "p.pol:1:1: expected a rule, found an empty policy" },
		{ "sockett(d)", "p.pol:1:1: unknown event 'sockett' (did you "
		  "mean socket?): not a system call of trace/syscalls.def nor "
		  "an event of the platform interface" },
		{ "FileWirteOp(p)", "p.pol:1:1: unknown event 'FileWirteOp' "
		  "(did you mean FileWriteOp?): not a system call of "
		  "trace/syscalls.def nor an event of the platform interface" },
		{ "Xyzzy(p)", "p.pol:1:1: unknown event 'Xyzzy': not a system "
		  "call of trace/syscalls.def nor an event of the platform "
		  "interface" },
		{ "socket(d) | d == AF_INTE", "p.pol:1:18: unknown constant "
		  "'AF_INTE' (did you mean AF_INET?)" },
		{ "any* . openat(_, p, f) | f has O_WRONG", "p.pol:1:32: "
		  "unknown constant 'O_WRONG' (did you mean O_WRONLY?)" },
		{ "socket(AF_UNX)", "p.pol:1:8: unknown constant 'AF_UNX' (did "
		  "you mean AF_UNIX?)" },
		{ "kill(_, SIGKIL)", "p.pol:1:9: unknown constant 'SIGKIL' (did "
		  "you mean SIGKILL?)" },
		{ "socket(d) | d == EACCESS", "p.pol:1:18: unknown constant "
		  "'EACCESS' (did you mean EACCES?)" },
		{ "socket(d) | d == NOT_A_NAME_AT_ALL", "p.pol:1:18: unknown "
		  "constant 'NOT_A_NAME_AT_ALL'" },
		{ "any* . socket(d", "p.pol:1:16: expected ',' or ')', found "
		  "the end of the file" },
		{ "socket(d) | e == 1", "p.pol:1:13: variable 'e' is bound by "
		  "no event of its rule" },
		{ "FileWriteOp(a, b)", "p.pol:1:1: FileWriteOp takes 1 "
		  "arguments, not 2" },
		{ "rule X:\n  socket(d) | d = 3", "p.pol:2:17: expected a "
		  "comparison (==, !=, ~, has, in, <, <=, >, >=), found '='" },
		{ "socket(d) socket(e)", "p.pol:1:11: expected ';', '.', '||', "
		  "'*' or the end of the rule, found name 'socket'" },
		{ "open(\"unterminated)", "p.pol:1:6: a string that does not "
		  "end on its line" },
		{ "any* . @", "p.pol:1:8: expected an event, 'any' or '(', "
		  "found '@'" },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		struct policy *p = parse(cases[i].text, &err);

		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(err);
		EQ_STR(err->message, cases[i].msg);
		g_error_free(err);
	}
}

/* Runs a policy over a log; returns the lines of its violations. */
static GString *
monitor(const char *policy, const char *log, uint64_t *examined)
{
	GError *err = NULL;
	struct policy *p = parse(policy, &err);
	char *path;
	int fd = g_file_open_tmp("tracemine-policy-XXXXXX.log", &path, &err);
	const char *paths[1];
	struct strace_reader *r;
	struct policy_result *res;
	GString *lines = g_string_new(NULL);
	guint i;

	g_assert(p != NULL && fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	paths[0] = path;
	r = strace_reader_open(paths, 1, NULL, &err);
	res = policy_monitor(p, r, path, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	for (i = 0; i < res->violations->len; i++) {
		const struct policy_violation *v = res->violations->pdata[i];

		g_string_append_printf(lines, "%s%" G_GUINT64_FORMAT,
		    i > 0 ? " " : "", v->line);
	}
	if (examined != NULL)
		*examined = res->examined;
	policy_result_free(res);
	strace_reader_free(r);
	policy_free(p);
	g_unlink(path);
	g_free(path);
	return lines;
}

static void
expect_lines(const char *policy, const char *log, const char *want)
{
	GString *got = monitor(policy, log, NULL);

	EQ_STR(got->str, want);
	g_string_free(got, TRUE);
}

static const char netlog[] =
    "1 socket(AF_UNIX, SOCK_STREAM, 0) = 3\n"
    "1 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4\n"
    "1 read(4, \"x\", 1) = 1\n"
    "1 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 5\n";

static const char filelog[] =
    "1 openat(AT_FDCWD, \"/etc/x\", O_WRONLY|O_CREAT, 0644) = 3\n"
    "1 openat(AT_FDCWD, \"/etc/y\", O_RDONLY) = 4\n"
    "1 openat(AT_FDCWD, \"/tmp/z\", O_WRONLY) = 5\n"
    "1 write(5, \"hello\", 200) = 200\n"
    "1 write(5, \"hello\", 50) = 50\n"
    "1 unlink(\"/tmp/q\") = 0\n"
    "1 unlink(\"/tmp/z\") = 0\n"
    "1 close(5) = 0\n";

static void
test_monitor(void)
{
	uint64_t examined;
	GString *got;

	/* the seed's condition, PF_LOCAL being AF_UNIX */
	expect_lines("any* . (socket(d, f) | d != PF_LOCAL)", netlog, "2 4");
	/* a literal argument */
	expect_lines("any* . socket(AF_INET6, _)", netlog, "4");
	/* a pattern that must begin at the first call examined */
	expect_lines("socket(d, _) | d == AF_INET", netlog, "");
	/* only mentioned calls are examined: read is not */
	got = monitor("any* . socket(a, _) . socket(b, _)", netlog, &examined);
	EQ_STR(got->str, "2 4");
	EQ_INT(examined, 3);
	g_string_free(got, TRUE);
	/* abstract events and globs */
	expect_lines("any* . (FileWriteOp(p) | p ~ \"/etc/*\")", filelog,
	    "1");
	expect_lines("any* . FileWriteOp(p)", filelog, "1 3");
	expect_lines("any* . FileReadOp(p)", filelog, "2");
	/* a result bound by the platform: bytes written */
	expect_lines("any* . (RFileSystem.write(f, n) | n > 100)", filelog,
	    "4");
	/* variables unify across events: the file opened, then removed */
	expect_lines("any* . openat(_, f, _) . any* . unlink(f)", filelog,
	    "7");
	expect_lines("any* . FileWriteOp(f) . any* . FileDelete(f)", filelog,
	    "7");
	/* flags */
	expect_lines("any* . (openat(_, p, fl) | fl has O_CREAT)", filelog,
	    "1");
	expect_lines("any* . (openat(_, p, fl) | !(fl has O_WRONLY))",
	    filelog, "2");
}

/* Naccio's properties: stateblocks, parameters, messages, policy lines. */
static const char limitwrite[] =
    "stateblock TrackBytesWritten:\n"
    "    addfield RFileSystem.bytes_written: int = 0;\n"
    "    precode RFileSystem.write(file, nbytes): bytes_written += nbytes;\n"
    "property NoOverwrite:\n"
    "    check RFileSystem.overwrite(file)\n"
    "        violation \"Attempt to overwrite file.\";\n"
    "property LimitBytesWritten(n):\n"
    "    requires TrackBytesWritten;\n"
    "    check RFileSystem.write(file, nbytes) | bytes_written > n\n"
    "        violation \"Attempt to write more than \" + n + \" bytes\";\n"
    "policy LimitWrite = NoOverwrite, LimitBytesWritten(240);\n";

static void
test_properties(void)
{
	GError *err = NULL;
	struct policy *p = parse(limitwrite, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	EQ_INT(policy_rules(p), 2);
	EQ_STR(policy_rule_name(p, 0), "NoOverwrite");
	EQ_STR(policy_rule_message(p, 0), "Attempt to overwrite file.");
	EQ_STR(policy_rule_name(p, 1), "LimitBytesWritten(240)");
	EQ_STR(policy_rule_message(p, 1),
	    "Attempt to write more than 240 bytes");
	/* any* . check, minimised: two states, the last accepting */
	EQ_INT(policy_rule_states(p, 1), 2);
	CU_ASSERT_TRUE(policy_rule_accepting(p, 1, 1));
	CU_ASSERT_TRUE(policy_mentions(p, "write"));
	CU_ASSERT_TRUE(policy_mentions(p, "creat"));
	CU_ASSERT_FALSE(policy_mentions(p, "read"));
	EQ_INT(p->counters->len, 1);
	EQ_INT(p->updates->len, 1);
	policy_free(p);

	/* a stateblock no property in force requires runs no precode:
	 * read is not examined */
	p = parse("stateblock R:\n"
	    "    addfield got;\n"
	    "    precode RFileSystem.read(f, n): got += n;\n"
	    "property Any: check FileDelete(p);\n"
	    "policy X = Any;\n", &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	EQ_INT(p->updates->len, 0);
	CU_ASSERT_FALSE(policy_mentions(p, "read"));
	policy_free(p);
}

/*
 * filelog writes 200 then 50 bytes to /tmp/z (lines 4 and 5): with a limit
 * of 240 the second write is the first past it (250); with 200, the
 * first write is not past it (200 > 200 is false) and the second is.  A
 * limit of 250 is never passed.  An fd counter of opens: three openats.
 */
static void
test_monitor_counters(void)
{
	char *pol = g_strdup(limitwrite);
	char *at;

	expect_lines(limitwrite, filelog, "5");
	at = strstr(pol, "(240)");
	memcpy(at, "(200)", 5);
	expect_lines(pol, filelog, "5");
	memcpy(at, "(199)", 5);
	expect_lines(pol, filelog, "4 5");
	memcpy(at, "(250)", 5);
	expect_lines(pol, filelog, "");
	g_free(pol);
	/* a count, a field set from another, a failed write moving nothing */
	expect_lines("stateblock C:\n"
	    "    addfield opens = 0; addfield last = 0;\n"
	    "    precode FileWriteOp(p): opens += 1;\n"
	    "    precode FileWriteOp(p): last = opens;\n"
	    "property Two(k):\n"
	    "    requires C;\n"
	    "    check FileWriteOp(p) | last >= k;\n"
	    "policy P = Two(2);\n", filelog, "3");
	expect_lines(limitwrite,
	    "1 write(1, \"x\", 300) = -1 EBADF (Bad file descriptor)\n"
	    "1 write(1, \"x\", 3) = 3\n", "");
	/* a child starts with its parent's counters */
	expect_lines(limitwrite,
	    "1 write(1, \"x\", 200) = 200\n"
	    "1 clone(child_stack=NULL, flags=SIGCHLD) = 2\n"
	    "2 write(1, \"x\", 50) = 50\n"
	    "1 write(1, \"x\", 30) = 30\n", "3");
}

static void
test_property_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "property P: check unlink(p);\n",
		  "p.pol:2:1: expected a rule or a 'policy NAME = Property, "
		  "...;' line, found only definitions" },
		{ "property P: check unlink(p);\npolicy X = Q;",
		  "p.pol:2:12: unknown property 'Q'; the properties defined "
		  "before are: P" },
		{ "property P(n): check unlink(p);\npolicy X = P;",
		  "p.pol:2:12: P takes 1 values, not 0" },
		{ "property P: requires S; check unlink(p);",
		  "p.pol:1:22: expected the name of a stateblock defined "
		  "before, found name 'S'" },
		{ "stateblock S: addfield a; precode unlink(p): b += 1;",
		  "p.pol:1:46: expected a field of the stateblock, found name "
		  "'b'" },
		{ "stateblock S: addfield a; precode unlink(p): a += q;",
		  "p.pol:1:51: expected a number, a field, or a variable the "
		  "event binds, found name 'q'" },
		{ "stateblock S: addfield a; addfield a;",
		  "p.pol:1:36: field 'a' is added twice" },
		{ "property P: check unlink(p) | total > 3;\npolicy X = P;",
		  "p.pol:1:31: variable 'total' is bound by no event of its "
		  "check" },
		{ "property P(n, n): check unlink(p);",
		  "p.pol:1:15: parameter 'n' is named twice" },
		{ "property P: check unlink(p) violation 3;",
		  "p.pol:1:39: expected a string, found number '3'" },
		{ "stateblock S: addfield a;\nproperty S: check unlink(p);",
		  "p.pol:2:10: 'S' is defined twice" },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		struct policy *p = parse(cases[i].text, &err);

		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(err);
		EQ_STR(err->message, cases[i].msg);
		g_error_free(err);
	}
}

/* Each capability profiles are checked for has its event. */
static void
test_capabilities(void)
{
	size_t n, i;
	const char *const *caps = apparmor_capabilities(&n);

	CU_ASSERT_TRUE(n >= 10);
	for (i = 0; i < n; i++) {
		char *text = g_strdup_printf("any* . Capability.%s()", caps[i]);
		GError *err = NULL;
		struct policy *p = parse(text, &err);

		CU_ASSERT_PTR_NOT_NULL(p);
		if (err != NULL) {
			fprintf(stderr, "%s\n", err->message);
			g_error_free(err);
		}
		policy_free(p);
		g_free(text);
	}
	/* the calls each stands for, as the platform says */
	expect_lines("any* . Capability.setuid()",
	    "1 setuid(0) = 0\n1 setuid(1000) = -1 EPERM (Operation not "
	    "permitted)\n1 setresuid(0, 0, 0) = 0\n", "1 3");
	expect_lines("any* . Capability.net_raw()",
	    "1 socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) = 3\n"
	    "1 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4\n"
	    "1 socket(AF_PACKET, SOCK_DGRAM, 0) = 5\n", "1 3");
	expect_lines("any* . Capability.mknod()",
	    "1 mknodat(AT_FDCWD, \"p\", S_IFIFO|0600) = 0\n"
	    "1 mknodat(AT_FDCWD, \"d\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0\n",
	    "2");
}

/* A child goes on from its parent's partial matches. */
static void
test_monitor_fork(void)
{
	expect_lines("any* . openat(_, f, _) . any* . unlink(f)",
	    "1 openat(AT_FDCWD, \"/a\", O_RDONLY) = 3\n"
	    "1 clone(child_stack=NULL, flags=SIGCHLD) = 2\n"
	    "2 unlink(\"/a\") = 0\n"
	    "2 +++ exited with 0 +++\n"
	    "1 unlink(\"/b\") = 0\n", "3");
}

/* File-name patterns, as AppArmor reads them. */
static void
test_glob(void)
{
	static const struct {
		const char *pat, *s;
		bool match;
	} cases[] = {
		{ "/tmp/*", "/tmp/a", true },
		{ "/tmp/*", "/tmp/a/b", false },
		{ "/tmp/**", "/tmp/a/b", true },
		{ "/tmp/**", "/tmp/", true },
		{ "/tmp/**", "/tmp", false },
		{ "/{usr/,}bin/netstat", "/bin/netstat", true },
		{ "/{usr/,}bin/netstat", "/usr/bin/netstat", true },
		{ "/{usr/,}bin/netstat", "/sbin/netstat", false },
		{ "/proc/[0-9]*/stat", "/proc/12/stat", true },
		{ "/proc/[0-9]*/stat", "/proc/self/stat", false },
		{ "a?c", "abc", true },
		{ "a?c", "a/c", false },
		{ "[^a]x", "bx", true },
		{ "[^a]x", "ax", false },
		{ "{a,b{c,d}}e", "bde", true },
		{ "{a,b{c,d}}e", "ae", true },
		{ "{a,b{c,d}}e", "be", false },
		{ "{a", "a", false },
		{ "[ab", "a", false },
		{ "\\*x", "*x", true },
		{ "", "", true },
		{ "**", "", true },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		bool got = glob_match(cases[i].pat, cases[i].s);

		if (got != cases[i].match)
			EQ_STR(cases[i].pat, cases[i].s);
		EQ_INT(got, cases[i].match);
	}
}

/*
 * Whether states x and y of rule 0 are bisimilar, by the naive greatest
 * fixed point over all pairs (an oracle apart from rulemin.c's partition
 * refinement): start from the pairs alike in acceptance, drop a pair when
 * a move of one (label, target) has no move of the other with the same
 * label to a target still paired, until nothing is dropped.
 */
static bool
moves_matched(const struct policy *p, unsigned x, unsigned y, const bool *rel,
    unsigned n)
{
	unsigned i, j, dx, dy;
	bool ok = true;

	for (i = 0; ok && i < policy_rule_moves(p, 0, x); i++) {
		char *lx = policy_rule_move(p, 0, x, i, &dx);
		bool found = false;

		for (j = 0; !found && j < policy_rule_moves(p, 0, y); j++) {
			char *ly = policy_rule_move(p, 0, y, j, &dy);

			found = strcmp(lx, ly) == 0 && rel[dx * n + dy];
			g_free(ly);
		}
		g_free(lx);
		ok = found;
	}
	return ok;
}

static bool *
bisimilar(const struct policy *p)
{
	unsigned n = policy_rule_states(p, 0), x, y;
	bool *rel = g_new(bool, n * n), changed = true;

	for (x = 0; x < n; x++)
		for (y = 0; y < n; y++)
			rel[x * n + y] = policy_rule_accepting(p, 0, x) ==
			    policy_rule_accepting(p, 0, y);
	while (changed) {
		changed = false;
		for (x = 0; x < n; x++)
			for (y = 0; y < n; y++)
				if (rel[x * n + y] && (!moves_matched(p, x, y,
				    rel, n) || !moves_matched(p, y, x, rel, n))) {
					rel[x * n + y] = false;
					changed = true;
				}
	}
	return rel;
}

/*
 * Rules are minimised: no two states of a compiled rule are bisimilar
 * (by the oracle above), and the sizes counted by hand.  any* . any* . x:
 * q0 (any loops), q1 accepting.  x . any* . y: q0 -x-> q1, q1 -any-> q1,
 * q1 -y-> q2.  (x . any*)+: q0 -x-> q1 (accepting), q1 -any, x-> q1.
 * any* . (x || y) . any*: q0 -any-> q0, -x, y-> q1 (accepting, any loops).
 * (x . y) || (z . w): q0 -x-> q1, q0 -z-> q2 (q1 and q2 differ),
 * q1 -y-> q3, q2 -w-> q3 once the accepting ends merge: four.
 */
static void
test_minimal(void)
{
	static const struct {
		const char *text;
		unsigned states;
	} cases[] = {
		{ "any* . close(g)", 2 },
		{ "any* . any* . close(g)", 2 },
		{ "close(a) . any* . unlink(b)", 3 },
		{ "(close(a) . any*)+", 2 },
		{ "any* . (close(a) || unlink(b)) . any*", 2 },
		{ "(close(a) . unlink(b)) || (close(c) . rmdir(d))", 4 },
	};
	unsigned i, x, y;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct policy *p = parse(cases[i].text, NULL);
		bool *rel;
		unsigned n;

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		n = policy_rule_states(p, 0);
		EQ_INT(n, cases[i].states);
		rel = bisimilar(p);
		for (x = 0; x < n; x++)
			for (y = x + 1; y < n; y++)
				CU_ASSERT_FALSE(rel[x * n + y]);
		g_free(rel);
		policy_free(p);
	}
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("policy", setup, teardown);

	CU_add_test(s, "the seed's policy", test_seed);
	CU_add_test(s, "compiled automata", test_compile);
	CU_add_test(s, "minimised automata", test_minimal);
	CU_add_test(s, "errors", test_errors);
	CU_add_test(s, "monitor", test_monitor);
	CU_add_test(s, "monitor across fork", test_monitor_fork);
	CU_add_test(s, "properties", test_properties);
	CU_add_test(s, "capabilities", test_capabilities);
	CU_add_test(s, "monitor with counters", test_monitor_counters);
	CU_add_test(s, "errors in properties", test_property_errors);
	CU_add_test(s, "file-name patterns", test_glob);
}
