/*
 * test_norm.c: normalisation of small strace logs into access lines.  Each
 * expected line was written by hand from the rules of trace/norm.c, the
 * roles of trace/syscalls.def and docs/normalisation.md: the call name, then
 * per argument what its role prints (p path, f what the fd refers to, -
 * symbolic names and flags, k as printed, v nothing), then " = ERRNO" for a
 * failed call.  The comment over each log says which rule each line shows.
 */
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <glib/gstdio.h>

#include "trace/norm.h"
#include "trace/trace.h"

/* The access lines of a log (NULLs left out), in order; NULL on error. */
static GPtrArray *
norm_log(const char *log, const struct norm_opts *opts)
{
	char *path = NULL;
	GError *err = NULL;
	int fd = g_file_open_tmp("tracemine-norm-XXXXXX.log", &path, &err);

	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	const char *paths[] = { path };
	struct strace_reader *r = strace_reader_open(paths, 1, NULL, &err);
	struct normalizer *n = norm_new(opts, &err);
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	const struct event *ev;

	CU_ASSERT_PTR_NOT_NULL(r);
	CU_ASSERT_PTR_NOT_NULL(n);
	while (r != NULL && n != NULL &&
	    (ev = strace_reader_next(r, &err)) != NULL) {
		size_t len = 0;
		const char *a = norm_event(n, r, ev, &len);
		if (a != NULL) {
			CU_ASSERT_EQUAL(strlen(a), len);
			g_ptr_array_add(out, g_strndup(a, len));
		}
	}
	CU_ASSERT_PTR_NULL(err);
	g_clear_error(&err);
	norm_free(n);
	strace_reader_free(r);
	g_unlink(path);
	g_free(path);
	return out;
}

/* Asserts that got holds exactly the lines of want (NULL-terminated). */
#define LINES_ARE(got, ...) lines_are(__LINE__, (got), \
    (const char *const[]){ __VA_ARGS__, NULL })

static void
lines_are(unsigned line, GPtrArray *got, const char *const *want)
{
	guint nw = 0;

	while (want[nw] != NULL)
		nw++;
	bool same = got->len == nw;
	for (guint i = 0; same && i < nw; i++)
		same = strcmp(got->pdata[i], want[i]) == 0;
	GString *m = g_string_new("access lines as expected:");
	if (!same) {
		for (guint i = 0; i < MAX(nw, got->len); i++)
			g_string_append_printf(m, "\n        %u: got  %s\n"
			    "           want %s", i,
			    i < got->len ? (char *)got->pdata[i] : "(none)",
			    i < nw ? want[i] : "(none)");
	}
	CU_assertImplementation(same, line, m->str, __FILE__, "", CU_FALSE);
	g_string_free(m, TRUE);
}

/* Lines of a log with default options; freed by the caller. */
static GPtrArray *
norm_default(const char *log)
{
	return norm_log(log, NULL);
}

/*
 * -y: what an fd refers to comes from its decoration, but for a standard
 * stream the trace did not open, and its copies: where the experiment's
 * output went is how it was run (fd:1, as without -y).
 */
static void
test_decorated_fds(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD</home/u>, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3</etc/passwd>\n"
	    "read(3</etc/passwd>, \"root:x:0:0::/root:/bin/bash\\n\", 4096) = 28\n"
	    "fstat(3</etc/passwd>, {st_mode=S_IFREG|0644, st_size=28, ...}) = 0\n"
	    "close(3</etc/passwd>)                   = 0\n"
	    "write(1</dev/pts/3<char 136:3>>, \"x\\n\", 2) = 2\n"
	    "write(5</dev/pts/3<char 136:3>>, \"x\\n\", 2) = 2\n"
	    "fcntl(2</dev/null<char 1:3>>, F_DUPFD, 10) = 10</dev/null<char 1:3>>\n"
	    "write(10</dev/null<char 1:3>>, \"x\", 1) = 1\n"
	    "openat(AT_FDCWD</home/u>, \"/etc/hosts\", O_RDONLY) = 3</etc/hosts>\n"
	    "dup2(3</etc/hosts>, 1</dev/pts/3<char 136:3>>) = 1</etc/hosts>\n"
	    "read(1</etc/hosts>, \"\", 1) = 0\n");

	LINES_ARE(g,
	    "openat \"/etc/passwd\" O_RDONLY|O_CLOEXEC",
	    "read \"/etc/passwd\"",
	    "fstat \"/etc/passwd\"",
	    "close \"/etc/passwd\"",
	    "write fd:1",
	    /* -yy device numbers are dropped. */
	    "write \"/dev/pts/3\"",
	    "fcntl fd:2 F_DUPFD",
	    "write fd:2",
	    "openat \"/etc/hosts\" O_RDONLY",
	    "dup2 \"/etc/hosts\"",
	    "read \"/etc/hosts\"");
	g_ptr_array_free(g, TRUE);
}

/*
 * No -y: the fd table follows openat, read, close.  After the close, fd 3
 * is unknown (fd:?); 0-2 unknown to the table are fd:N.
 */
static void
test_tracked_fds(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3\n"
	    "read(3, \"root:x:0:0::/root:/bin/bash\\n\", 4096) = 28\n"
	    "close(3)                                = 0\n"
	    "read(3, \"\", 10)                         = -1 EBADF (Bad file descriptor)\n"
	    "write(1, \"hi\\n\", 3)                     = 3\n"
	    "write(7, \"x\", 1)                        = -1 EBADF (Bad file descriptor)\n"
	    "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\n");

	LINES_ARE(g,
	    "openat \"/etc/passwd\" O_RDONLY|O_CLOEXEC",
	    "read \"/etc/passwd\"",
	    "close \"/etc/passwd\"",
	    "read fd:? = EBADF",
	    "write fd:1",
	    "write fd:? = EBADF",
	    "access \"/etc/ld.so.preload\" R_OK = ENOENT");
	g_ptr_array_free(g, TRUE);
}

/*
 * dup2 makes fd 1 the file; dup copies it to 4; fcntl(F_DUPFD_CLOEXEC)
 * copies it to 10 (docs/normalisation.md lists fcntl(F_DUPFD*) among the
 * calls that return an fd the table records).
 */
static void
test_dup(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD, \"/srv/out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3\n"
	    "dup2(3, 1)                              = 1\n"
	    "close(3)                                = 0\n"
	    "write(1, \"hello\\n\", 6)                  = 6\n"
	    "dup(1)                                  = 4\n"
	    "write(4, \"x\", 1)                        = 1\n"
	    "fcntl(1, F_DUPFD_CLOEXEC, 10)           = 10\n"
	    "write(10, \"y\", 1)                       = 1\n");

	LINES_ARE(g,
	    "openat \"/srv/out.txt\" O_WRONLY|O_CREAT|O_TRUNC 0666",
	    "dup2 \"/srv/out.txt\"",
	    "close \"/srv/out.txt\"",
	    "write \"/srv/out.txt\"",
	    "dup \"/srv/out.txt\"",
	    "write \"/srv/out.txt\"",
	    "fcntl \"/srv/out.txt\" F_DUPFD_CLOEXEC",
	    "write \"/srv/out.txt\"");
	g_ptr_array_free(g, TRUE);
}

/*
 * fork (clone without CLONE_FILES) copies the table: the child's close of
 * 3 leaves the parent's 3.  A thread (clone3 with CLONE_FILES) shares it:
 * the thread's openat is seen by the parent, its close removes the
 * parent's fd.
 */
static void
test_fork_and_threads(void)
{
	GPtrArray *g = norm_default(
	    "100   openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3\n"
	    "100   clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101\n"
	    "101   read(3, \"127.0.0.1 localhost\\n\", 4096) = 20\n"
	    "101   close(3)                          = 0\n"
	    "100   read(3, \"127.0.0.1 localhost\\n\", 4096) = 20\n"
	    "100   clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f5e1c7ff910, parent_tid=0x7f5e1c7ff910, exit_signal=0, stack=0x7f5e1bfff000, stack_size=0x7fff00, tls=0x7f5e1c7ff640} => {parent_tid=[102]}, 88) = 102\n"
	    "102   openat(AT_FDCWD, \"/etc/services\", O_RDONLY) = 4\n"
	    "100   read(4, \"\", 4096)                 = 0\n"
	    "102   close(3)                          = 0\n"
	    "100   read(3, \"\", 10)                   = -1 EBADF (Bad file descriptor)\n"
	    "101   exit_group(0)                     = ?\n"
	    "101   +++ exited with 0 +++\n");

	LINES_ARE(g,
	    "openat \"/etc/hosts\" O_RDONLY",
	    "clone CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
	    "read \"/etc/hosts\"",
	    "close \"/etc/hosts\"",
	    "read \"/etc/hosts\"",
	    "clone3",
	    "openat \"/etc/services\" O_RDONLY",
	    "read \"/etc/services\"",
	    "close \"/etc/hosts\"",
	    "read fd:? = EBADF",
	    "exit_group 0");
	g_ptr_array_free(g, TRUE);
}

/*
 * execve closes the close-on-exec fds: 3 (O_CLOEXEC) and the pipe2 pair
 * (O_CLOEXEC) go, 4 stays.  A pipe without -y is "pipe".
 */
static void
test_execve_cloexec_and_pipes(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD, \"/etc/a\", O_RDONLY|O_CLOEXEC) = 3\n"
	    "openat(AT_FDCWD, \"/etc/b\", O_RDONLY)    = 4\n"
	    "pipe2([5, 6], O_CLOEXEC)                = 0\n"
	    "write(6, \"x\", 1)                        = 1\n"
	    "execve(\"/usr/bin/cat\", [\"cat\"], 0x7ffd2c0e4a08 /* 3 vars */) = 0\n"
	    "read(3, \"\", 1)                          = -1 EBADF (Bad file descriptor)\n"
	    "read(4, \"\", 1)                          = 0\n"
	    "read(5, \"\", 1)                          = -1 EBADF (Bad file descriptor)\n"
	    "pipe2([7, 8], 0)                        = 0\n"
	    "read(7, \"x\", 1)                         = 1\n");

	LINES_ARE(g,
	    "openat \"/etc/a\" O_RDONLY|O_CLOEXEC",
	    "openat \"/etc/b\" O_RDONLY",
	    "pipe2 O_CLOEXEC",
	    "write pipe",
	    "execve \"/usr/bin/cat\" [\"cat\"]",
	    "read fd:? = EBADF",
	    "read \"/etc/b\"",
	    "read fd:? = EBADF",
	    "pipe2",
	    "read pipe");
	g_ptr_array_free(g, TRUE);
}

/*
 * -y: AT_FDCWD<DIR> reveals the start directory (the first process's
 * working directory), under which paths are printed relative to it; an
 * undecorated AT_FDCWD leaves them relative; a dirfd known from the table
 * joins too.
 */
static void
test_at_paths(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD</home/alice/src>, \"main.c\", O_RDONLY) = 3</home/alice/src/main.c>\n"
	    "newfstatat(AT_FDCWD</home/alice/src>, \"sub/x.h\", {st_mode=S_IFREG|0644, st_size=10, ...}, 0) = 0\n"
	    "openat(AT_FDCWD, \"rel.txt\", O_RDONLY)   = -1 ENOENT (No such file or directory)\n"
	    "openat(AT_FDCWD, \"/usr/lib\", O_RDONLY|O_DIRECTORY) = 5\n"
	    "openat(5, \"x.so\", O_RDONLY)             = 6\n"
	    "read(6, \"\\177ELF\", 4)                  = 4\n");

	LINES_ARE(g,
	    "openat \"main.c\" O_RDONLY",
	    "newfstatat \"sub/x.h\"",
	    "openat \"rel.txt\" O_RDONLY = ENOENT",
	    "openat \"/usr/lib\" O_RDONLY|O_DIRECTORY",
	    "openat \"/usr/lib/x.so\" O_RDONLY",
	    "read \"/usr/lib/x.so\"");
	g_ptr_array_free(g, TRUE);
}

/* The noise of one short run, and a file mapping that is not noise. */
static const char noise_log[] =
    "brk(NULL)                               = 0x55d4c6a8e000\n"
    "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f1234560000\n"
    "futex(0x7f1234567890, FUTEX_WAKE_PRIVATE, 1) = 0\n"
    "getrandom(\"\\x12\\x34\\x56\\x78\\x9a\\xbc\\xde\\xf0\", 8, GRND_NONBLOCK) = 8\n"
    "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3\n"
    "mmap(NULL, 20115, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f1234550000\n";

static void
test_noise(void)
{
	GPtrArray *g = norm_default(noise_log);

	LINES_ARE(g,
	    "openat \"/etc/ld.so.cache\" O_RDONLY|O_CLOEXEC",
	    "mmap PROT_READ MAP_PRIVATE \"/etc/ld.so.cache\"");
	g_ptr_array_free(g, TRUE);

	/* Kept by name: futex's op and getrandom's flags are symbolic. */
	struct norm_opts o = { .keep = "futex,getrandom" };
	g = norm_log(noise_log, &o);
	LINES_ARE(g,
	    "futex FUTEX_WAKE_PRIVATE",
	    "getrandom GRND_NONBLOCK",
	    "openat \"/etc/ld.so.cache\" O_RDONLY|O_CLOEXEC",
	    "mmap PROT_READ MAP_PRIVATE \"/etc/ld.so.cache\"");
	g_ptr_array_free(g, TRUE);

	/*
	 * brk is NOISE (syscalls.def; docs/normalisation.md lists it among
	 * the calls --keep brings back): kept, it prints its name (its one
	 * argument is volatile).
	 */
	o = (struct norm_opts){ .keep = "brk" };
	g = norm_log(noise_log, &o);
	LINES_ARE(g,
	    "brk",
	    "openat \"/etc/ld.so.cache\" O_RDONLY|O_CLOEXEC",
	    "mmap PROT_READ MAP_PRIVATE \"/etc/ld.so.cache\"");
	g_ptr_array_free(g, TRUE);
}

/*
 * drop=%file drops execve, access and openat (class file) but still
 * follows the fd they make; keep wins over drop.
 */
static const char drop_log[] =
    "execve(\"/bin/cat\", [\"cat\", \"/etc/hosts\"], 0x7ffd1b2c3d48 /* 3 vars */) = 0\n"
    "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\n"
    "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3\n"
    "read(3, \"x\", 131072)                    = 1\n"
    "close(3)                                = 0\n"
    "write(1, \"x\", 1)                        = 1\n";

static void
test_drop_keep(void)
{
	struct norm_opts o = { .drop = "%file" };
	GPtrArray *g = norm_log(drop_log, &o);

	LINES_ARE(g,
	    "read \"/etc/hosts\"",
	    "close \"/etc/hosts\"",
	    "write fd:1");
	g_ptr_array_free(g, TRUE);

	o = (struct norm_opts){ .drop = "%file,write", .keep = "openat" };
	g = norm_log(drop_log, &o);
	LINES_ARE(g,
	    "openat \"/etc/hosts\" O_RDONLY",
	    "read \"/etc/hosts\"",
	    "close \"/etc/hosts\"");
	g_ptr_array_free(g, TRUE);

	/* An unknown class or rule is an error. */
	GError *err = NULL;
	o = (struct norm_opts){ .drop = "%nosuch" };
	CU_ASSERT_PTR_NULL(norm_new(&o, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	g_clear_error(&err);
	o = (struct norm_opts){ .generalize = "nosuch" };
	CU_ASSERT_PTR_NULL(norm_new(&o, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	g_clear_error(&err);
}

static const char paths_log[] =
    "openat(AT_FDCWD, \"/proc/1234/stat\", O_RDONLY) = 3\n"
    "openat(AT_FDCWD, \"/proc/1234/task/1240/comm\", O_RDONLY) = 4\n"
    "openat(AT_FDCWD, \"/proc/self/maps\", O_RDONLY) = 5\n"
    "stat(\"/proc/77\", {st_mode=S_IFDIR|0555, st_size=0, ...}) = 0\n"
    "openat(AT_FDCWD, \"/home/alice/.bashrc\", O_RDONLY) = 6\n"
    "openat(AT_FDCWD, \"/home/alicex/f\", O_RDONLY) = 7\n"
    "openat(AT_FDCWD, \"/tmp/ccAbc123.o\", O_RDONLY) = 8\n"
    "openat(AT_FDCWD, \"/var/tmp/x\", O_RDONLY) = 9\n"
    "stat(\"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}) = 0\n"
    "openat(AT_FDCWD, \"/opt/app/bin/run\", O_RDONLY) = 10\n"
    "openat(AT_FDCWD, \"/opt/application\", O_RDONLY) = 11\n"
    "openat(AT_FDCWD, \"/opt/app\", O_RDONLY|O_DIRECTORY) = 12\n";

/* Sets or unsets an environment variable; returns the old value. */
static char *
swap_env(const char *name, const char *value)
{
	char *old = g_strdup(g_getenv(name));

	if (value != NULL)
		g_setenv(name, value, TRUE);
	else
		g_unsetenv(name);
	return old;
}

static void
test_generalize(void)
{
	char *home = swap_env("HOME", "/home/alice");
	char *tmpdir = swap_env("TMPDIR", NULL);

	/* Default: proc only. */
	GPtrArray *g = norm_default(paths_log);
	LINES_ARE(g,
	    "openat \"/proc/PID/stat\" O_RDONLY",
	    "openat \"/proc/PID/task/TID/comm\" O_RDONLY",
	    "openat \"/proc/PID/maps\" O_RDONLY",
	    "stat \"/proc/PID\"",
	    "openat \"/home/alice/.bashrc\" O_RDONLY",
	    "openat \"/home/alicex/f\" O_RDONLY",
	    "openat \"/tmp/ccAbc123.o\" O_RDONLY",
	    "openat \"/var/tmp/x\" O_RDONLY",
	    "stat \"/tmp\"",
	    "openat \"/opt/app/bin/run\" O_RDONLY",
	    "openat \"/opt/application\" O_RDONLY",
	    "openat \"/opt/app\" O_RDONLY|O_DIRECTORY");
	g_ptr_array_free(g, TRUE);

	struct norm_opts o = { .generalize = "home,tmp,/opt/app=APP" };
	g = norm_log(paths_log, &o);
	LINES_ARE(g,
	    "openat \"/proc/PID/stat\" O_RDONLY",
	    "openat \"/proc/PID/task/TID/comm\" O_RDONLY",
	    "openat \"/proc/PID/maps\" O_RDONLY",
	    "stat \"/proc/PID\"",
	    "openat \"~/.bashrc\" O_RDONLY",
	    "openat \"/home/alicex/f\" O_RDONLY",
	    "openat \"/tmp/*\" O_RDONLY",
	    "openat \"/var/tmp/*\" O_RDONLY",
	    "stat \"/tmp\"",
	    "openat \"APP/bin/run\" O_RDONLY",
	    "openat \"/opt/application\" O_RDONLY",
	    "openat \"APP\" O_RDONLY|O_DIRECTORY");
	g_ptr_array_free(g, TRUE);

	/* none turns off proc. */
	o = (struct norm_opts){ .generalize = "none" };
	g = norm_log("openat(AT_FDCWD, \"/proc/1234/stat\", O_RDONLY) = 3\n",
	    &o);
	LINES_ARE(g, "openat \"/proc/1234/stat\" O_RDONLY");
	g_ptr_array_free(g, TRUE);

	/* Paths an fd refers to are generalised too (from the table). */
	g = norm_default(
	    "openat(AT_FDCWD, \"/proc/4321/status\", O_RDONLY) = 3\n"
	    "read(3, \"Name:\\tx\\n\", 1024)          = 8\n"
	    "read(4</proc/4321/cmdline>, \"x\", 1024) = 1\n");
	LINES_ARE(g,
	    "openat \"/proc/PID/status\" O_RDONLY",
	    "read \"/proc/PID/status\"",
	    "read \"/proc/PID/cmdline\"");
	g_ptr_array_free(g, TRUE);

	g_free(swap_env("HOME", home));
	g_free(swap_env("TMPDIR", tmpdir));
	g_free(home);
	g_free(tmpdir);
}

/*
 * The working directory: chdir (relative, absolute, failed: no change),
 * fchdir to an fd the table knows (or not: then relative paths stay as
 * given), inherited by a child and changed there alone, kept over execve;
 * relative paths with and without AT_FDCWD are joined to it and
 * canonicalised ("x/../y" is "y").  The first process starts in ".".
 * -g none: no chosen names here.
 */
static void
test_cwd(void)
{
	struct norm_opts o = { .generalize = "none" };
	GPtrArray *g = norm_log(
	    "100 chdir(\"sub\") = 0\n"
	    "100 rmdir(\"old\") = 0\n"
	    "100 mkdir(\"../newdir\", 0777) = 0\n"
	    "100 openat(AT_FDCWD, \"x/../y\", O_RDONLY) = 3\n"
	    "100 chdir(\"nosuch\") = -1 ENOENT (No such file or directory)\n"
	    "100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 101\n"
	    "101 chdir(\"/etc\") = 0\n"
	    "101 openat(AT_FDCWD, \"passwd\", O_RDONLY) = 4\n"
	    "101 read(4, \"root\", 4) = 4\n"
	    "100 stat(\"z\", {st_mode=S_IFREG|0644, st_size=0, ...}) = 0\n"
	    "100 openat(AT_FDCWD, \"/home\", O_RDONLY|O_DIRECTORY) = 5\n"
	    "100 fchdir(5) = 0\n"
	    "100 unlink(\"f\") = 0\n"
	    "100 execve(\"/bin/true\", [\"true\"], 0x7ffd /* 2 vars */) = 0\n"
	    "100 access(\"g\", F_OK) = 0\n"
	    "100 fchdir(9) = 0\n"
	    "100 unlink(\"h\") = 0\n", &o);

	LINES_ARE(g,
	    "chdir \"sub\"",
	    "rmdir \"sub/old\"",
	    "mkdir \"newdir\" 0777",
	    "openat \"sub/y\" O_RDONLY",
	    "chdir \"sub/nosuch\" = ENOENT",
	    "clone CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
	    "chdir \"/etc\"",
	    "openat \"/etc/passwd\" O_RDONLY",
	    "read \"/etc/passwd\"",
	    "stat \"sub/z\"",
	    "openat \"/home\" O_RDONLY|O_DIRECTORY",
	    "fchdir \"/home\"",
	    "unlink \"/home/f\"",
	    "execve \"/bin/true\" [\"true\"]",
	    "access \"/home/g\" F_OK",
	    "fchdir fd:?",
	    "unlink \"h\"");
	g_ptr_array_free(g, TRUE);
}

/*
 * The start directory: unknown until a -y decoration of AT_FDCWD (or a
 * getcwd) shows where a process whose working directory is known relative
 * to it is; from then on paths under it, decorations included, are
 * relative to it.  Before, an absolute path stays absolute.
 */
static void
test_start_dir(void)
{
	struct norm_opts o = { .generalize = "none" };
	GPtrArray *g = norm_log(
	    "200 execve(\"/usr/bin/x\", [\"x\"], 0x7ffd /* 2 vars */) = 0\n"
	    "200 openat(AT_FDCWD, \"/srv/exp/a\", O_RDONLY) = 3\n"
	    "200 openat(AT_FDCWD</srv/exp>, \"b\", O_RDONLY) = 4</srv/exp/b>\n"
	    "200 openat(AT_FDCWD</srv/exp>, \"/srv/exp/c\", O_RDONLY) = 5</srv/exp/c>\n"
	    "200 read(5</srv/exp/c>, \"x\", 1) = 1\n"
	    "200 chdir(\"d\") = 0\n"
	    "200 openat(AT_FDCWD</srv/exp/d>, \"e\", O_RDONLY) = 6</srv/exp/d/e>\n"
	    "200 openat(AT_FDCWD</srv/exp/d>, \"../../other\", O_RDONLY) = 7</srv/other>\n"
	    "200 newfstatat(AT_FDCWD</srv/exp/d>, \"\", {st_mode=S_IFDIR|0755, st_size=4096, ...}, AT_EMPTY_PATH) = 0\n",
	    &o);

	LINES_ARE(g,
	    "execve \"/usr/bin/x\" [\"x\"]",
	    "openat \"/srv/exp/a\" O_RDONLY",
	    "openat \"b\" O_RDONLY",
	    "openat \"c\" O_RDONLY",
	    "read \"c\"",
	    "chdir \"d\"",
	    "openat \"d/e\" O_RDONLY",
	    "openat \"../other\" O_RDONLY",
	    "newfstatat \"d\" AT_EMPTY_PATH");
	g_ptr_array_free(g, TRUE);

	/* getcwd in "sub" says the start is /srv/exp; "/srv/expf" is not
	 * under it. */
	g = norm_log(
	    "chdir(\"sub\") = 0\n"
	    "getcwd(\"/srv/exp/sub\", 4096) = 13\n"
	    "openat(AT_FDCWD, \"/srv/exp/f\", O_RDONLY) = 3\n"
	    "openat(AT_FDCWD, \"/srv/expf\", O_RDONLY) = 4\n"
	    "openat(AT_FDCWD, \"g\", O_RDONLY) = 5\n", &o);
	LINES_ARE(g,
	    "chdir \"sub\"",
	    "getcwd",
	    "openat \"f\" O_RDONLY",
	    "openat \"/srv/expf\" O_RDONLY",
	    "openat \"sub/g\" O_RDONLY");
	g_ptr_array_free(g, TRUE);
}

/*
 * Chosen names, by default: the words of sh -c's string and of cp's
 * arguments (options left out) are names of the process and its children;
 * a path that is one, or under one, has that part as "*", and a name
 * right after it joins the star ("out/report.txt" is "*"), and so does a
 * number kept of the call (the mode of openat); whole components only
 * ("report.txtx" is not "report.txt"); an absolute name
 * only under a temporary directory ("/usr" stays, "/tmp/exp-1/in" is
 * "/tmp/" and a star); the start directory itself, where the experiment
 * chose to run, always ("." is "*"); execve's program never; another
 * process tree (400) has none.  execve keeps argv[0] only,
 * unless --keep-argv.
 */
static const char names_log[] =
    "300 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"cp report.txt out/; ls /usr; cat /tmp/exp-1/in\"], 0x7ffd /* 2 vars */) = 0\n"
    "300 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 301\n"
    "301 execve(\"/usr/bin/cp\", [\"cp\", \"-v\", \"report.txt\", \"out/\"], 0x7ffd /* 2 vars */) = 0\n"
    "301 openat(AT_FDCWD, \"report.txt\", O_RDONLY) = 3\n"
    "301 openat(AT_FDCWD, \"out/report.txt\", O_WRONLY|O_CREAT|O_EXCL, 0644) = 4\n"
    "301 copy_file_range(3, NULL, 4, NULL, 9223372035781033984, 0) = 6\n"
    "301 +++ exited with 0 +++\n"
    "300 openat(AT_FDCWD, \"report.txtx\", O_RDONLY) = 3\n"
    "300 openat(AT_FDCWD, \"/usr\", O_RDONLY|O_DIRECTORY) = 4\n"
    "300 openat(AT_FDCWD, \"/tmp/exp-1/in\", O_RDONLY) = 5\n"
    "300 openat(AT_FDCWD, \"/tmp/exp-1\", O_RDONLY) = 6\n"
    "300 openat(AT_FDCWD, \"/tmp/other\", O_RDONLY) = 7\n"
    "300 openat(AT_FDCWD, \".\", O_RDONLY) = 8\n"
    "300 execve(\"/usr/bin/report.txt\", [\"report.txt\"], 0x7ffd /* 2 vars */) = 0\n"
    "400 openat(AT_FDCWD, \"report.txt\", O_RDONLY) = 3\n";

static void
test_names(void)
{
	char *tmpdir = swap_env("TMPDIR", NULL);
	GPtrArray *g = norm_default(names_log);

	LINES_ARE(g,
	    "execve \"/usr/bin/sh\" [\"sh\"]",
	    "clone CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
	    "execve \"/usr/bin/cp\" [\"cp\"]",
	    "openat \"*\" O_RDONLY",
	    "openat \"*\" O_WRONLY|O_CREAT|O_EXCL *",
	    "copy_file_range \"*\" \"*\"",
	    "openat \"report.txtx\" O_RDONLY",
	    "openat \"/usr\" O_RDONLY|O_DIRECTORY",
	    "openat \"/tmp/*\" O_RDONLY",
	    "openat \"/tmp/*\" O_RDONLY",
	    "openat \"/tmp/other\" O_RDONLY",
	    "openat \"*\" O_RDONLY",
	    "execve \"/usr/bin/report.txt\" [\"report.txt\"]",
	    "openat \"report.txt\" O_RDONLY");
	g_ptr_array_free(g, TRUE);

	/* --keep-argv: the whole argv; -g none,proc: no names. */
	struct norm_opts o = { .keep_argv = true, .generalize = "none,proc" };
	g = norm_log(names_log, &o);
	CU_ASSERT_STRING_EQUAL(g->pdata[0], "execve \"/usr/bin/sh\" [\"sh\", "
	    "\"-c\", \"cp report.txt out/; ls /usr; cat /tmp/exp-1/in\"]");
	CU_ASSERT_STRING_EQUAL(g->pdata[2], "execve \"/usr/bin/cp\" [\"cp\", "
	    "\"-v\", \"report.txt\", \"out/\"]");
	CU_ASSERT_STRING_EQUAL(g->pdata[3], "openat \"report.txt\" O_RDONLY");
	CU_ASSERT_STRING_EQUAL(g->pdata[8], "openat \"/tmp/exp-1/in\" O_RDONLY");
	g_ptr_array_free(g, TRUE);

	/* -g none,names: names without proc. */
	o = (struct norm_opts){ .generalize = "none,names" };
	g = norm_log(names_log, &o);
	CU_ASSERT_STRING_EQUAL(g->pdata[3], "openat \"*\" O_RDONLY");
	g_ptr_array_free(g, TRUE);

	g_free(swap_env("TMPDIR", tmpdir));
	g_free(tmpdir);
}

/* The process's own /proc entries are a PID's, threads' a TID's. */
static void
test_proc_self(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD, \"/proc/self/task/4321/stat\", O_RDONLY) = 3\n"
	    "openat(AT_FDCWD, \"/proc/thread-self/comm\", O_RDONLY) = 4\n"
	    "openat(AT_FDCWD, \"/proc/self\", O_RDONLY) = 5\n"
	    "openat(AT_FDCWD, \"/proc/selfish\", O_RDONLY) = 6\n"
	    "openat(AT_FDCWD, \"/proc/1234/task/1240\", O_RDONLY) = 7\n");

	LINES_ARE(g,
	    "openat \"/proc/PID/task/TID/stat\" O_RDONLY",
	    "openat \"/proc/PID/task/TID/comm\" O_RDONLY",
	    "openat \"/proc/PID\" O_RDONLY",
	    "openat \"/proc/selfish\" O_RDONLY",
	    "openat \"/proc/PID/task/TID\" O_RDONLY");
	g_ptr_array_free(g, TRUE);
}

/*
 * -yy sockets: inode numbers go, ephemeral ports (32768 and up) are "*",
 * well-known ports stay; pipe:[N] is "pipe", socket:[N] "socket".
 */
static void
test_sockets(void)
{
	GPtrArray *g = norm_default(
	    "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3<TCP:[1234567]>\n"
	    "connect(3<TCP:[1234567]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"
	    "write(3<TCP:[127.0.0.1:45678->127.0.0.1:8080]>, \"GET / HTTP/1.0\\r\\n\\r\\n\", 18) = 18\n"
	    "close(3<TCP:[127.0.0.1:45678->127.0.0.1:8080]>) = 0\n"
	    "connect(4<UNIX-STREAM:[98765]>, {sa_family=AF_UNIX, sun_path=\"/run/dbus/system_bus_socket\"}, 110) = 0\n"
	    "write(4<UNIX-STREAM:[98765->98766]>, \"\\0\", 1) = 1\n"
	    "pipe2([5<pipe:[1234]>, 6<pipe:[1234]>], O_CLOEXEC) = 0\n"
	    "write(6<pipe:[1234]>, \"x\", 1)          = 1\n"
	    "read(7<socket:[55555]>, \"\", 1)          = 0\n"
	    "connect(8, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr(\"10.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)\n");

	LINES_ARE(g,
	    "socket AF_INET SOCK_STREAM|SOCK_CLOEXEC IPPROTO_TCP",
	    "connect TCP:[] AF_INET:127.0.0.1:8080",
	    "write TCP:[127.0.0.1:*->127.0.0.1:8080]",
	    "close TCP:[127.0.0.1:*->127.0.0.1:8080]",
	    "connect UNIX-STREAM:[] AF_UNIX:\"/run/dbus/system_bus_socket\"",
	    "write UNIX-STREAM:[->]",
	    "pipe2 O_CLOEXEC",
	    "write pipe",
	    "read socket",
	    "connect fd:? AF_INET:10.0.0.1:* = ECONNREFUSED");
	g_ptr_array_free(g, TRUE);
}

/* Bytes that are not printable ASCII print as \xHH, however strace wrote
 * them (octal by default, \x with -x). */
static void
test_bytes(void)
{
	GPtrArray *g = norm_default(
	    "openat(AT_FDCWD, \"/tmp/caf\\351\\377\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"
	    "openat(AT_FDCWD, \"/tmp/caf\\xe9\\xff\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"
	    "unlink(\"/tmp/a\\nb\")                     = 0\n"
	    "stat(\"/tmp/q\\\"t\", 0x7ffd1b2c3d48)       = 0\n");

	LINES_ARE(g,
	    "openat \"/tmp/caf\\xe9\\xff\" O_RDONLY = ENOENT",
	    "openat \"/tmp/caf\\xe9\\xff\" O_RDONLY = ENOENT",
	    "unlink \"/tmp/a\\nb\"",
	    "stat \"/tmp/q\\\"t\"");
	g_ptr_array_free(g, TRUE);
}

/* Sorted, distinct lines, as one string joined by newlines. */
static char *
as_set(GPtrArray *lines)
{
	GTree *t = g_tree_new((GCompareFunc)(void *)strcmp);
	for (guint i = 0; i < lines->len; i++)
		g_tree_insert(t, lines->pdata[i], lines->pdata[i]);
	GString *s = g_string_new(NULL);
	GTreeNode *n;
	for (n = g_tree_node_first(t); n != NULL; n = g_tree_node_next(n)) {
		g_string_append(s, g_tree_node_key(n));
		g_string_append_c(s, '\n');
	}
	g_tree_destroy(t);
	return g_string_free(s, FALSE);
}

/*
 * Two runs of the same command, with different pids, addresses, fd
 * numbers, inode numbers, ephemeral ports and /proc/PID names, give the
 * same set of accesses; a run that reads another file does not.
 */
static const char run_a[] =
    "1000  execve(\"/usr/bin/tool\", [\"tool\"], 0x7ffd1b2c3d48 /* 10 vars */) = 0\n"
    "1000  brk(NULL)                         = 0x55d4c6a8e000\n"
    "1000  openat(AT_FDCWD, \"/etc/tool.conf\", O_RDONLY|O_CLOEXEC) = 3\n"
    "1000  read(3, \"a=1\\n\", 4096)           = 4\n"
    "1000  openat(AT_FDCWD, \"/proc/1000/status\", O_RDONLY) = 4\n"
    "1000  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b2d4e6a10) = 1001\n"
    "1001  read(3, \"\", 4096)                 = 0\n"
    "1001  socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5\n"
    "1001  connect(5, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"
    "1001  write(5, \"GET\", 3)                = 3\n"
    "1001  exit_group(0)                     = ?\n"
    "1001  +++ exited with 0 +++\n"
    "1000  wait4(-1, NULL, 0, NULL)          = 1001\n"
    "1000  close(3)                          = 0\n"
    "1000  exit_group(0)                     = ?\n"
    "1000  +++ exited with 0 +++\n";

static const char run_b[] =
    "2222  execve(\"/usr/bin/tool\", [\"tool\"], 0x7ffe00001111 /* 10 vars */) = 0\n"
    "2222  brk(NULL)                         = 0x5600aa000000\n"
    "2222  openat(AT_FDCWD, \"/etc/tool.conf\", O_RDONLY|O_CLOEXEC) = 7\n"
    "2222  read(7, \"a=1\\n\", 4096)           = 4\n"
    "2222  openat(AT_FDCWD, \"/proc/2222/status\", O_RDONLY) = 9\n"
    "2222  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000aa0a10) = 2230\n"
    "2230  read(7, \"\", 4096)                 = 0\n"
    "2230  socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3\n"
    "2230  connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"
    "2230  write(3, \"GET\", 3)                = 3\n"
    "2230  exit_group(0)                     = ?\n"
    "2230  +++ exited with 0 +++\n"
    "2222  wait4(-1, NULL, 0, NULL)          = 2230\n"
    "2222  close(7)                          = 0\n"
    "2222  exit_group(0)                     = ?\n"
    "2222  +++ exited with 0 +++\n";

static void
test_two_runs(void)
{
	GPtrArray *a = norm_default(run_a);
	GPtrArray *b = norm_default(run_b);
	char *sa = as_set(a), *sb = as_set(b);

	CU_ASSERT_STRING_EQUAL(sa, sb);
	/* And the set is what the rules say, so both cannot be wrong alike:
	 * 11 distinct lines (exit_group 0 twice, read "/etc/tool.conf"
	 * twice, wait4 has no symbolic argument). */
	CU_ASSERT_STRING_EQUAL(sa,
	    "clone CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD\n"
	    "close \"/etc/tool.conf\"\n"
	    "connect socket AF_INET:127.0.0.1:80\n"
	    "execve \"/usr/bin/tool\" [\"tool\"]\n"
	    "exit_group 0\n"
	    "openat \"/etc/tool.conf\" O_RDONLY|O_CLOEXEC\n"
	    "openat \"/proc/PID/status\" O_RDONLY\n"
	    "read \"/etc/tool.conf\"\n"
	    "socket AF_INET SOCK_STREAM IPPROTO_TCP\n"
	    "wait4\n"
	    "write socket\n");
	g_free(sb);

	/* Another file read: another set. */
	char *c_log = g_strdup(run_b);
	char *at = strstr(c_log, "tool.conf\", O_RDONLY|O_CLOEXEC) = 7");
	CU_ASSERT_PTR_NOT_NULL(at);
	if (at != NULL)
		memcpy(at, "tool.cnf", 8);	/* "tool.cnff": same length */
	GPtrArray *c = norm_default(c_log);
	char *sc = as_set(c);
	CU_ASSERT(strcmp(sa, sc) != 0);
	g_free(sa);
	g_free(sc);
	g_free(c_log);
	g_ptr_array_free(a, TRUE);
	g_ptr_array_free(b, TRUE);
	g_ptr_array_free(c, TRUE);
}

/* Classes from syscalls.def. */
static void
test_classes(void)
{
	CU_ASSERT_EQUAL(trace_syscall_classes("openat"),
	    TRACE_CLASS_FILE | TRACE_CLASS_DESC);
	CU_ASSERT_EQUAL(trace_syscall_classes("connect"),
	    TRACE_CLASS_NETWORK | TRACE_CLASS_DESC);
	CU_ASSERT_EQUAL(trace_syscall_classes("mmap"),
	    TRACE_CLASS_MEMORY | TRACE_CLASS_DESC);
	CU_ASSERT_EQUAL(trace_syscall_classes("clone"), TRACE_CLASS_PROCESS);
	CU_ASSERT_EQUAL(trace_syscall_classes("no_such_call"), 0);
}

void cu_register(void);

/*
 * A command line strace cut (-s): the names after the cut are not known,
 * so every name under the start directory is taken for the experiment's
 * (the shell's and its children's, not another tree's); absolute paths
 * outside temporary directories stay.
 */
static const char cut_log[] =
    "500 execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"echo more >> notes.txt; cat no\"...], 0x7ffd /* 2 vars */) = 0\n"
    "500 openat(AT_FDCWD, \"notes.txt\", O_WRONLY|O_CREAT|O_APPEND, 0666) = 3\n"
    "500 openat(AT_FDCWD, \"sub/data.csv\", O_RDONLY) = 4\n"
    "500 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 5\n"
    "600 openat(AT_FDCWD, \"notes.txt\", O_RDONLY) = 3\n";

static void
test_names_cut(void)
{
	GPtrArray *g = norm_default(cut_log);

	LINES_ARE(g,
	    "execve \"/usr/bin/sh\" [\"sh\"]",
	    "openat \"*\" O_WRONLY|O_CREAT|O_APPEND *",
	    "openat \"*\" O_RDONLY",
	    "openat \"/etc/passwd\" O_RDONLY",
	    "openat \"notes.txt\" O_RDONLY");
	g_ptr_array_free(g, TRUE);
}

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("normalisation", NULL, NULL);

	CU_add_test(s, "fds from -y decorations", test_decorated_fds);
	CU_add_test(s, "fds tracked without -y", test_tracked_fds);
	CU_add_test(s, "dup, dup2, fcntl F_DUPFD", test_dup);
	CU_add_test(s, "fork copies, CLONE_FILES shares", test_fork_and_threads);
	CU_add_test(s, "execve closes O_CLOEXEC; pipes",
	    test_execve_cloexec_and_pipes);
	CU_add_test(s, "paths joined to dirfds", test_at_paths);
	CU_add_test(s, "noise and keep", test_noise);
	CU_add_test(s, "drop and keep", test_drop_keep);
	CU_add_test(s, "generalize proc, home, tmp, prefix", test_generalize);
	CU_add_test(s, "working directories", test_cwd);
	CU_add_test(s, "the start directory", test_start_dir);
	CU_add_test(s, "names the experiment chose; argv", test_names);
	CU_add_test(s, "names after a command line strace cut",
	    test_names_cut);
	CU_add_test(s, "/proc/self, /proc/thread-self", test_proc_self);
	CU_add_test(s, "socket and pipe decorations", test_sockets);
	CU_add_test(s, "non-ASCII bytes", test_bytes);
	CU_add_test(s, "two runs, one set", test_two_runs);
	CU_add_test(s, "classes", test_classes);
}
