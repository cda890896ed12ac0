/*
 * test_lang.c: socket addresses, results and the failed forms of the
 * policy language (issue 11), on small logs whose violating lines are
 * written out by hand from the log text: which line is which address,
 * which call failed and how.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "verify/policy.h"

static struct platform *pf;

static int
setup(void)
{
	GError *err = NULL;

	pf = platform_new(NULL, &err);
	if (pf == NULL) {
		fprintf(stderr, "%s\n", err->message);
		g_error_free(err);
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

/* The lines of the violations of policy over log, and their calls'
 * texts in calls when it is not NULL. */
static char *
violations(const char *policy, const char *log, GString *calls)
{
	GError *err = NULL;
	struct policy *p = policy_parse("p.pol", policy, strlen(policy), pf,
	    &err);
	char *path;
	int fd;
	const char *paths[1];
	struct strace_reader *r;
	struct policy_result *res;
	GString *lines = g_string_new(NULL);
	guint i;

	if (p == NULL) {
		fprintf(stderr, "%s\n", err->message);
		g_error_free(err);
		return g_string_free(lines, FALSE);
	}
	fd = g_file_open_tmp("tracemine-lang-XXXXXX.log", &path, NULL);
	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	paths[0] = path;
	r = strace_reader_open(paths, 1, NULL, NULL);
	res = policy_monitor(p, r, path, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	for (i = 0; i < res->violations->len; i++) {
		const struct policy_violation *v = res->violations->pdata[i];

		g_string_append_printf(lines, "%s%" G_GUINT64_FORMAT,
		    i > 0 ? " " : "", v->line);
		if (calls != NULL)
			g_string_append_printf(calls, "%s\n", v->call);
	}
	policy_result_free(res);
	strace_reader_free(r);
	policy_free(p);
	g_unlink(path);
	g_free(path);
	return g_string_free(lines, FALSE);
}

#define EXPECT(policy, log, want) do {					\
	char *got_ = violations(policy, log, NULL);			\
	EQ_STR(got_, want);						\
	g_free(got_);							\
} while (0)

/* Lines: 1 loopback v4, 2 remote v4, 3 unix, 4 v6 ::1, 5 remote v6,
 * 6 v4-mapped loopback, 7 remote v4 in progress, 8 netlink, 9 abstract
 * unix, 10 refused remote v4. */
static const char net_log[] =
    "1 connect(3, {sa_family=AF_INET, sin_port=htons(80), "
    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"
    "1 connect(3, {sa_family=AF_INET, sin_port=htons(4444), "
    "sin_addr=inet_addr(\"203.0.113.9\")}, 16) = 0\n"
    "1 connect(4, {sa_family=AF_UNIX, sun_path=\"/run/nscd/socket\"}, "
    "110) = 0\n"
    "1 connect(5, {sa_family=AF_INET6, sin6_port=htons(80), "
    "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), "
    "sin6_scope_id=0}, 28) = 0\n"
    "1 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), "
    "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"2001:db8::7\", "
    "&sin6_addr), sin6_scope_id=0}, 28) = 0\n"
    "1 connect(5, {sa_family=AF_INET6, sin6_port=htons(80), "
    "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:127.0.0.2\", "
    "&sin6_addr), sin6_scope_id=0}, 28) = 0\n"
    "1 connect(6, {sa_family=AF_INET, sin_port=htons(8080), "
    "sin_addr=inet_addr(\"10.1.2.3\")}, 16) = -1 EINPROGRESS "
    "(Operation now in progress)\n"
    "1 bind(7, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000010}, 12) "
    "= 0\n"
    "1 connect(8, {sa_family=AF_UNIX, sun_path=@\"/tmp/.X11-unix/X0\"}, "
    "20) = 0\n"
    "1 connect(6, {sa_family=AF_INET, sin_port=htons(22), "
    "sin_addr=inet_addr(\"10.9.9.9\")}, 16) = -1 ECONNREFUSED "
    "(Connection refused)\n";

static void
test_addresses(void)
{
	EXPECT("any* . (NetConnect(a) | a.family == AF_INET && "
	    "!(a.ip in 127.0.0.0/8))", net_log, "2 7");
	EXPECT("any* . (Failed NetConnect(a) | a.family == AF_INET && "
	    "!(a.ip in 127.0.0.0/8))", net_log, "10");
	/* the family alone, as before */
	EXPECT("any* . (NetConnect(a) | a != AF_INET && a != AF_INET6)",
	    net_log, "3 9");
	EXPECT("any* . (NetConnect(a) | a.ip == ::1)", net_log, "4");
	/* an address that begins with a letter, and a variable */
	EXPECT("any* . (NetConnect(a) | a.ip == 2001:db8::7)", net_log, "5");
	EXPECT("any* . (NetConnect(a) | a.ip != abcd::1 && a.port == 443)",
	    net_log, "5");
	EXPECT("any* . (NetConnect(a) | a.ip in fe80::/10)", net_log, "");
	EXPECT("any* . NetConnect(a) . any* . (NetConnect(b) | "
	    "b.port == a.port)", net_log, "4 6");
	EXPECT("any* . NetConnect(a) . any* . (NetConnect(b) | "
	    "b.ip == a.ip)", net_log, "");
	EXPECT("any* . (NetConnect(a) | a.family == AF_INET6 && a.ip != ::1 "
	    "&& !(a.ip in ::ffff:127.0.0.0/104))", net_log, "5");
	/* an IPv4 range holds no IPv6 address, mapped or not */
	EXPECT("any* . (NetConnect(a) | a.ip in 127.0.0.0/8)", net_log, "1");
	EXPECT("any* . (NetConnect(a) | a.ip in \"2001:db8::/32\")", net_log,
	    "5");
	EXPECT("any* . (NetConnect(a) | a.port >= 443)", net_log, "2 5 7");
	/* a field the address lacks: no value, so != is false too */
	EXPECT("any* . (NetConnect(a) | a.port != 80)", net_log, "2 5 7");
	EXPECT("any* . (NetConnect(a) | a.path ~ \"/run/**\")", net_log, "3");
	EXPECT("any* . (NetConnect(a) | a.path == \"@/tmp/.X11-unix/X0\")",
	    net_log, "9");
	EXPECT("any* . (NetBind(a) | a.family == AF_NETLINK && a.pid == 0 "
	    "&& a.groups == 16)", net_log, "8");
	/* the call as a system call: every result */
	EXPECT("any* . (connect(_, a) | a.ip in 10.0.0.0/8)", net_log,
	    "7 10");
}

static const char file_log[] =
    "1 openat(AT_FDCWD, \"/root/.curlrc\", O_RDONLY) = -1 ENOENT "
    "(No such file or directory)\n"
    "1 openat(AT_FDCWD, \"/root/conf\", O_RDONLY) = 3\n"
    "1 openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES "
    "(Permission denied)\n"
    "1 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT|O_EXCL, 0600) = -1 "
    "EEXIST (File exists)\n"
    "1 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT, 0600) = 4\n"
    "1 execve(\"/usr/bin/nc\", [\"nc\"], 0x7ffd /* 3 vars */) = -1 "
    "ENOENT (No such file or directory)\n";

static void
test_results(void)
{
	GString *calls = g_string_new(NULL);
	char *got;

	EXPECT("any* . (FileReadOp(p) | p ~ \"/root/**\")", file_log, "2");
	EXPECT("any* . (Failed FileReadOp(p) | p ~ \"/root/**\")", file_log,
	    "1");
	EXPECT("any* . (openat(_, p) | p ~ \"/root/**\")", file_log, "1 2");
	EXPECT("any* . (openat(_, p) -> fd | fd >= 0)", file_log, "2 5");
	EXPECT("any* . (openat(_, p) -> r | r == -1)", file_log, "1 3 4");
	EXPECT("any* . ((openat(_, p) -> r | r == EACCES) || "
	    "(openat(_, p) -> r | r == EEXIST))", file_log, "3 4");
	EXPECT("any* . (FileWriteOp(p) -> fd | fd == 4)", file_log, "5");
	EXPECT("any* . Failed FileWriteOp(p)", file_log, "4");
	EXPECT("any* . Exec(p)", file_log, "");
	EXPECT("any* . Failed Exec(p)", file_log, "6");
	/* reports give the result as strace printed it */
	got = violations("any* . (Failed FileReadOp(p) || FileReadOp(p))",
	    file_log, calls);
	EQ_STR(got, "1 2 3");
	EQ_STR(calls->str, "openat(AT_FDCWD, \"/root/.curlrc\", O_RDONLY) = "
	    "-1 ENOENT\nopenat(AT_FDCWD, \"/root/conf\", O_RDONLY) = 3\n"
	    "openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES\n");
	g_free(got);
	g_string_free(calls, TRUE);
}

static void
test_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "any* . (NetConnect(a) | a.addr == 1)", "p.pol:1:27: "
		  "unknown field 'addr' of an address: expected family, ip, "
		  "port, path, pid or groups" },
		{ "any* . (NetConnect(a) | a.ip in 127.0.0.0/33)", "p.pol:1:33: "
		  "expected an address or a range (127.0.0.0/8, ::1), found "
		  "number '127.0.0.0/33'" },
		{ "any* . (NetConnect(a) | a.ip in x)", "p.pol:1:33: expected "
		  "an address or a range (127.0.0.0/8, ::1), found name 'x'" },
		{ "any* . Failed (NetConnect(a))", "p.pol:1:15: expected an "
		  "event after 'Failed', found '('" },
		{ "any* . openat(_, p) -> O_RDONLY", "p.pol:1:24: expected a "
		  "variable for the result, found name 'O_RDONLY'" },
	};
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		struct policy *p = policy_parse("p.pol", cases[i].text,
		    strlen(cases[i].text), pf, &err);

		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(err);
		EQ_STR(err->message, cases[i].msg);
		g_error_free(err);
		policy_free(p);
	}
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("lang", setup, teardown);

	CU_add_test(s, "socket addresses and ranges", test_addresses);
	CU_add_test(s, "results and failed forms", test_results);
	CU_add_test(s, "errors", test_errors);
}
