/*
 * test_fdnames.c: the absolute names procs_run() gives path and fd
 * arguments with procs_opts.names, on small hand-written logs whose names
 * are worked out by hand in the comments.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "trace/procs.h"

/* What the client saw of one call: "LINE ARG str|given|unresolved". */
struct seen {
	GPtrArray *lines;	/* of char * */
};

static void
on_call(void *ctx, struct proc *p, const struct call *c)
{
	struct seen *s = ctx;
	unsigned i;

	(void)p;
	for (i = 0; i < c->nargs; i++) {
		const struct call_val *v = &c->args[i];

		if ((c->role[i] != 'p' && c->role[i] != 'f') ||
		    v->kind == CALL_VAL_FLAGS)
			continue;
		if (v->str == NULL && !v->unresolved)
			continue;
		g_ptr_array_add(s->lines, g_strdup_printf("%u %s %u %s|%s|%s",
		    (unsigned)c->line, c->name, i, v->str != NULL ? v->str :
		    "-", v->given != NULL ? v->given : "-", v->unresolved ?
		    "unresolved" : "known"));
	}
}

static void
on_exec(void *ctx, struct proc *p)
{
	(void)ctx;
	(void)p;
}

static void *
on_fork(void *ctx, struct proc *parent)
{
	(void)ctx;
	(void)parent;
	return NULL;
}

static void
on_done(void *ctx, struct proc *p)
{
	(void)ctx;
	(void)p;
}

/* The calls of the log text, as on_call() writes them, joined by '\n'. */
static char *
names_of(const char *text, bool names)
{
	static const struct procs_ops ops = { on_call, on_exec, on_fork,
	    on_done };
	struct procs_opts o = { PROCS_CONTEXT, 1, true, names, false };
	struct seen s = { g_ptr_array_new_with_free_func(g_free) };
	GError *err = NULL;
	char *path = NULL, *out;
	const char *paths[1];
	struct strace_reader *r;
	int fd = g_file_open_tmp("tracemine-fdnames-XXXXXX.log", &path, &err);

	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, text, -1, NULL));
	paths[0] = path;
	r = strace_reader_open(paths, 1, NULL, &err);
	g_assert(r != NULL);
	CU_ASSERT_TRUE(procs_run(r, "t", &o, &ops, &s, &err));
	strace_reader_free(r);
	g_unlink(path);
	g_free(path);
	g_ptr_array_add(s.lines, NULL);
	out = g_strjoinv("\n", (char **)s.lines->pdata);
	g_ptr_array_free(s.lines, TRUE);
	return out;
}

/*
 * Without -y: getcwd tells the working directory, /tmp/x; fd 5 is the
 * directory /tmp/x/sub, fd 6 the file /tmp/x/sub/a.txt, read by number;
 * after chdir("sub"), "../b" is /tmp/x/b; dup2 copies fd 7's file to 9;
 * after close(6) the number 6 names nothing.
 */
static void
test_tracked(void)
{
	char *got = names_of(
	    "1 getcwd(\"/tmp/x\", 4096) = 7\n"
	    "1 openat(AT_FDCWD, \"sub\", O_RDONLY|O_DIRECTORY) = 5\n"
	    "1 openat(5, \"a.txt\", O_RDONLY) = 6\n"
	    "1 read(6, \"hi\", 10) = 2\n"
	    "1 chdir(\"sub\") = 0\n"
	    "1 open(\"../b\", O_RDONLY) = 7\n"
	    "1 dup2(7, 9) = 9\n"
	    "1 close(6) = 0\n"
	    "1 read(6, 0x1000, 10) = -1 EBADF (Bad file descriptor)\n"
	    "1 read(9, \"b\", 10) = 1\n"
	    "1 newfstatat(5, \"\", {st_mode=S_IFDIR|0755, ...}, "
	    "AT_EMPTY_PATH) = 0\n", true);

	EQ_STR(got,
	    "2 openat 1 /tmp/x/sub|sub|known\n"
	    "3 openat 0 /tmp/x/sub|-|known\n"
	    "3 openat 1 /tmp/x/sub/a.txt|a.txt|known\n"
	    "4 read 0 /tmp/x/sub/a.txt|-|known\n"
	    "5 chdir 0 /tmp/x/sub|sub|known\n"
	    "6 open 0 /tmp/x/b|../b|known\n"
	    "7 dup2 0 /tmp/x/b|-|known\n"
	    "8 close 0 /tmp/x/sub/a.txt|-|known\n"
	    "10 read 0 /tmp/x/b|-|known\n"
	    "11 newfstatat 0 /tmp/x/sub|-|known\n"
	    "11 newfstatat 1 /tmp/x/sub||known");
	g_free(got);
}

/*
 * With -y: the returned fd's decoration names it (= 6</tmp/x/page1.txt>)
 * although the call named it relatively, and a later read(6) with no
 * decoration (a -y that missed it) still gets it; the dirfd's decoration
 * (5</tmp/x>) places "sub/a.txt"; AT_FDCWD's decoration tells the working
 * directory, which a later creat with no dirfd uses.
 */
static void
test_decorated(void)
{
	char *got;

	got = names_of(
	    "1 openat(AT_FDCWD</tmp/x>, \"page1.txt\", O_RDONLY) = "
	    "6</tmp/x/page1.txt>\n"
	    "1 read(6, \"hi\", 10) = 2\n"
	    "1 openat(5</tmp/x>, \"sub/./a.txt\", O_RDONLY) = 7</tmp/x/sub/a.txt>\n"
	    "1 creat(\"../out/z.tar\", 0644) = 8</tmp/out/z.tar>\n", true);
	EQ_STR(got,
	    "1 openat 0 /tmp/x|-|known\n"
	    "1 openat 1 /tmp/x/page1.txt|page1.txt|known\n"
	    "2 read 0 /tmp/x/page1.txt|-|known\n"
	    "3 openat 0 /tmp/x|-|known\n"
	    "3 openat 1 /tmp/x/sub/a.txt|sub/./a.txt|known\n"
	    "4 creat 0 /tmp/out/z.tar|../out/z.tar|known");
	g_free(got);
}

/*
 * No -y, no getcwd: nothing tells the working directory, so relative
 * names stay as given, said unresolved, and so do names relative to an fd
 * opened by one; an absolute name is canonical; a fork's child inherits
 * what its parent knew once getcwd told it.
 */
static void
test_unknown(void)
{
	char *got = names_of(
	    "1 openat(AT_FDCWD, \"kilo\", O_RDONLY|O_DIRECTORY) = 4\n"
	    "1 openat(4, \"one.txt\", O_RDONLY) = 5\n"
	    "1 read(5, \"x\", 1) = 1\n"
	    "1 open(\"/etc/../etc/passwd\", O_RDONLY) = 6\n"
	    "1 getcwd(\"/w\", 4096) = 3\n"
	    "1 vfork() = 2\n"
	    "2 open(\"f\", O_RDONLY) = 3\n"
	    "2 read(4, \"x\", 1) = 1\n", true);

	EQ_STR(got,
	    "1 openat 1 kilo|-|unresolved\n"
	    "2 openat 1 one.txt|-|unresolved\n"
	    "4 open 0 /etc/passwd|/etc/../etc/passwd|known\n"
	    "7 open 0 /w/f|f|known");
	g_free(got);
}

/* Without names: the values are as before, strings as given. */
static void
test_off(void)
{
	char *got = names_of(
	    "1 openat(AT_FDCWD</tmp/x>, \"page1.txt\", O_RDONLY) = "
	    "6</tmp/x/page1.txt>\n"
	    "1 read(6, \"hi\", 10) = 2\n", false);

	EQ_STR(got,
	    "1 openat 0 /tmp/x|-|known\n"
	    "1 openat 1 page1.txt|-|known");
	g_free(got);
}

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("fdnames", NULL, NULL);

	CU_add_test(s, "tracked without -y", test_tracked);
	CU_add_test(s, "-y decorations", test_decorated);
	CU_add_test(s, "unknown working directory", test_unknown);
	CU_add_test(s, "names off", test_off);
}
