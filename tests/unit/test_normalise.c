/*
 * test_normalise.c: normalisation rules on small logs, each expected access
 * written out by hand from docs/normalisation.md and trace/syscalls.def.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <glib.h>

#include "trace/norm.h"
#include "trace/trace.h"

/* The accesses of a log, one per line, "" when there are none. */
static char *
norm_text(const char *log, const struct norm_opts *o)
{
	char *dir = g_dir_make_tmp("tracemine-norm-XXXXXX", NULL);
	char *path = g_build_filename(dir, "t.log", NULL);
	GString *out = g_string_new(NULL);

	g_file_set_contents(path, log, -1, NULL);
	const char *paths[] = { path };
	struct strace_reader *r = strace_reader_open(paths, 1, NULL, NULL);
	struct normalizer *n = norm_new(o, NULL);
	const struct event *ev;
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	while ((ev = strace_reader_next(r, NULL)) != NULL) {
		size_t len;
		const char *a = norm_event(n, r, ev, &len);
		if (a != NULL) {
			g_string_append_len(out, a, len);
			g_string_append_c(out, '\n');
		}
	}
	norm_free(n);
	strace_reader_free(r);
	unlink(path);
	rmdir(dir);
	g_free(path);
	g_free(dir);
	return g_string_free(out, FALSE);
}

#define CHECK_NORM(log, opts, want) do { \
	char *got_ = norm_text((log), (opts)); \
	CU_ASSERT_STRING_EQUAL(got_, (want)); \
	if (strcmp(got_, (want)) != 0) \
		fprintf(stderr, "\n--- want\n%s--- got\n%s", (want), got_); \
	g_free(got_); \
} while (0)

static void
test_fd_tracking(void)
{
	/* Without -y: the fd table follows openat, dup2, fcntl and close. */
	CHECK_NORM(
	    "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3\n"
	    "read(3, \"root:x\", 4096) = 6\n"
	    "dup2(3, 7) = 7\n"
	    "fstat(7, {st_mode=S_IFREG|0644, st_size=6, ...}) = 0\n"
	    "close(3) = 0\n"
	    "read(3, 0x7ffd, 10) = -1 EBADF (Bad file descriptor)\n"
	    "write(1, \"x\", 1) = 1\n"
	    "write(9, \"x\", 1) = 1\n",
	    NULL,
	    "openat \"/etc/passwd\" O_RDONLY|O_CLOEXEC\n"
	    "read \"/etc/passwd\"\n"
	    "dup2 \"/etc/passwd\"\n"
	    "fstat \"/etc/passwd\"\n"
	    "close \"/etc/passwd\"\n"
	    "read fd:? = EBADF\n"
	    "write fd:1\n"
	    "write fd:?\n");
}

static void
test_decorations(void)
{
	/* -y/-yy: the decoration names the resource; inodes and ephemeral
	 * ports go; AT_FDCWD's folder is the start directory, so paths under
	 * it are relative to it, and itself, where the experiment chose to
	 * run, is "*". */
	CHECK_NORM(
	    "openat(AT_FDCWD</home/u>, \"notes.txt\", O_RDONLY) = 3</home/u/notes.txt>\n"
	    "read(3</home/u/notes.txt>, \"hi\", 10) = 2\n"
	    "write(4<pipe:[123456]>, \"x\", 1) = 1\n"
	    "sendto(5<TCP:[127.0.0.1:47801->127.0.0.1:80]>, \"x\", 1, 0, NULL, 0) = 1\n"
	    "read(6</dev/null<char 1:3>>, \"\", 1) = 0\n"
	    "write(7<UNIX-STREAM:[5678->5679]>, \"x\", 1) = 1\n"
	    "newfstatat(AT_FDCWD</home/u>, \".\", {st_mode=S_IFDIR|0755, ...}, 0) = 0\n",
	    NULL,
	    "openat \"notes.txt\" O_RDONLY\n"
	    "read \"notes.txt\"\n"
	    "write pipe\n"
	    "sendto TCP:[127.0.0.1:*->127.0.0.1:80]\n"
	    "read \"/dev/null\"\n"
	    "write UNIX-STREAM:[->]\n"
	    "newfstatat \"*\"\n");
}

static void
test_processes(void)
{
	/* fork copies the table; a thread (CLONE_FILES) shares it; execve
	 * closes the close-on-exec fds. */
	CHECK_NORM(
	    "100 openat(AT_FDCWD, \"/a\", O_RDONLY) = 3\n"
	    "100 openat(AT_FDCWD, \"/b\", O_RDONLY|O_CLOEXEC) = 4\n"
	    "100 clone(child_stack=NULL, flags=CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 101\n"
	    "100 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD, exit_signal=0} => {parent_tid=[102]}, 88) = 102\n"
	    "100 close(3) = 0\n"
	    "101 read(3, \"\", 1) = 0\n"
	    "102 read(3, \"\", 1) = -1 EBADF (Bad file descriptor)\n"
	    "101 execve(\"/bin/true\", [\"true\"], 0x7ffe /* 3 vars */) = 0\n"
	    "101 read(3, \"\", 1) = 0\n"
	    "101 read(4, \"\", 1) = -1 EBADF (Bad file descriptor)\n",
	    NULL,
	    "openat \"/a\" O_RDONLY\n"
	    "openat \"/b\" O_RDONLY|O_CLOEXEC\n"
	    "clone CLONE_CHILD_SETTID|SIGCHLD\n"
	    "clone3\n"
	    "close \"/a\"\n"
	    "read \"/a\"\n"
	    "read fd:? = EBADF\n"
	    "execve \"/bin/true\" [\"true\"]\n"
	    "read \"/a\"\n"
	    "read fd:? = EBADF\n");
}

static void
test_pipes_and_noise(void)
{
	CHECK_NORM(
	    "pipe2([3, 4], O_CLOEXEC) = 0\n"
	    "write(4, \"x\", 1) = 1\n"
	    "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f4aba20d000\n"
	    "futex(0x7f, FUTEX_WAKE_PRIVATE, 1) = 0\n"
	    "getrandom(\"\\x12\\x34\", 2, GRND_NONBLOCK) = 2\n"
	    "exit_group(3) = ?\n",
	    NULL,
	    "pipe2 O_CLOEXEC\n"
	    "write pipe\n"
	    "exit_group 3\n");
	struct norm_opts keep = { .keep = "futex,getrandom" };
	CHECK_NORM(
	    "futex(0x7f, FUTEX_WAKE_PRIVATE, 1) = 0\n"
	    "getrandom(\"\\x12\\x34\", 2, GRND_NONBLOCK) = 2\n",
	    &keep,
	    "futex FUTEX_WAKE_PRIVATE\n"
	    "getrandom GRND_NONBLOCK\n");
	struct norm_opts drop = { .drop = "%file" };
	CHECK_NORM(
	    "access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)\n"
	    "rt_sigaction(SIGINT, {sa_handler=0x55, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7f}, NULL, 8) = 0\n",
	    &drop,
	    "rt_sigaction SIGINT\n");
}

static void
test_generalize(void)
{
	const char *log =
	    "openat(AT_FDCWD, \"/proc/1234/stat\", O_RDONLY) = 3\n"
	    "openat(AT_FDCWD, \"/proc/1234/task/1240/comm\", O_RDONLY) = 3\n"
	    "openat(AT_FDCWD, \"/tmp/tmp.Ab12Cd\", O_RDWR|O_CREAT|O_EXCL, 0600) = 3\n"
	    "stat(\"/srv/data/x\", 0x7ffd) = 0\n"
	    "stat(\"/srv/database\", 0x7ffd) = 0\n";

	CHECK_NORM(log, NULL,
	    "openat \"/proc/PID/stat\" O_RDONLY\n"
	    "openat \"/proc/PID/task/TID/comm\" O_RDONLY\n"
	    "openat \"/tmp/tmp.Ab12Cd\" O_RDWR|O_CREAT|O_EXCL 0600\n"
	    "stat \"/srv/data/x\"\n"
	    "stat \"/srv/database\"\n");
	/* A prefix rule matches whole components only. */
	struct norm_opts g = { .generalize = "none,tmp,/srv/data=DATA" };
	CHECK_NORM(log, &g,
	    "openat \"/proc/1234/stat\" O_RDONLY\n"
	    "openat \"/proc/1234/task/1240/comm\" O_RDONLY\n"
	    "openat \"/tmp/*\" O_RDWR|O_CREAT|O_EXCL 0600\n"
	    "stat \"DATA/x\"\n"
	    "stat \"/srv/database\"\n");
	GError *err = NULL;
	struct norm_opts bad = { .generalize = "frob" };
	CU_ASSERT_PTR_NULL(norm_new(&bad, &err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	CU_ASSERT_STRING_EQUAL(err->message, "unknown rule 'frob'; valid rules "
	    "are: proc, names, home, tmp, none, PREFIX=REPLACEMENT");
	g_clear_error(&err);
}

static void
test_bytes_and_sockaddr(void)
{
	CHECK_NORM(
	    "openat(AT_FDCWD, \"/tmp/\\377\\376 not utf-8\", O_WRONLY|O_CREAT, 0644) = 3\n"
	    "rename(\"/tmp/new\\nline\", \"/tmp/a\\\"b\") = 0\n"
	    "connect(8, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"10.1.2.3\")}, 16) = -1 ECONNREFUSED (Connection refused)\n"
	    "connect(4, {sa_family=AF_UNIX, sun_path=\"/run/dbus/system_bus_socket\"}, 110) = 0\n"
	    "bind(5, {sa_family=AF_INET6, sin6_port=htons(50000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0\n",
	    NULL,
	    "openat \"/tmp/\\xff\\xfe not utf-8\" O_WRONLY|O_CREAT 0644\n"
	    "rename \"/tmp/new\\nline\" \"/tmp/a\\\"b\"\n"
	    "connect fd:? AF_INET:10.1.2.3:443 = ECONNREFUSED\n"
	    "connect fd:? AF_UNIX:\"/run/dbus/system_bus_socket\"\n"
	    "bind fd:? AF_INET6:::1:*\n");
}

static void
test_two_runs(void)
{
	/* The same command twice: pids, fds, addresses and sizes differ. */
	char *a = norm_text(
	    "200 openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3\n"
	    "200 read(3, \"box\\n\", 131072) = 4\n"
	    "200 mmap(NULL, 139264, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f11\n"
	    "200 close(3) = 0\n"
	    "200 wait4(201, NULL, 0, NULL) = 201\n", NULL);
	char *b = norm_text(
	    "900 openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 5\n"
	    "900 read(5, \"box\\n\", 131072) = 4\n"
	    "900 mmap(NULL, 139264, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f99\n"
	    "900 close(5) = 0\n"
	    "900 wait4(903, NULL, 0, NULL) = 903\n", NULL);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT_STRING_EQUAL(a,
	    "openat \"/etc/hostname\" O_RDONLY\n"
	    "read \"/etc/hostname\"\n"
	    "close \"/etc/hostname\"\n"
	    "wait4\n");
	g_free(a);
	g_free(b);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("norm", NULL, NULL);

	CU_add_test(s, "fd tracking without -y", test_fd_tracking);
	CU_add_test(s, "-y and -yy decorations", test_decorations);
	CU_add_test(s, "fork, threads, execve", test_processes);
	CU_add_test(s, "pipes, noise, keep, drop", test_pipes_and_noise);
	CU_add_test(s, "path generalisation", test_generalize);
	CU_add_test(s, "bytes and socket addresses", test_bytes_and_sockaddr);
	CU_add_test(s, "two runs, one set", test_two_runs);
}
