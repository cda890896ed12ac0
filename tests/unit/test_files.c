/*
 * test_files.c: the state of files the monitor follows (verify/files.c),
 * on calls built by hand: each step's expected state is the definition of
 * property 4 of corpora/runs/README.md (old, none, new), written out in
 * the comments.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "verify/internal.h"

/* A call of name with string (path) and flags arguments, as procs.c gives
 * them with names: "s:/x" a path, "f:O_CREAT" flags; err NULL: it
 * succeeded with result 3, else it failed with that errno. */
static void
call(struct files *f, const char *name, const char *a0, const char *a1,
    const char *a2, const char *a3, const char *err)
{
	const char *av[4] = { a0, a1, a2, a3 };
	struct call_val args[4], out;
	struct event ev;
	struct call c;
	unsigned i;

	memset(&c, 0, sizeof(c));
	memset(&ev, 0, sizeof(ev));
	memset(args, 0, sizeof(args));
	memset(&out, 0, sizeof(out));
	for (i = 0; i < 4 && av[i] != NULL; i++) {
		args[i].kind = av[i][0] == 's' ? CALL_VAL_STR :
		    av[i][0] == 'f' ? CALL_VAL_FLAGS : CALL_VAL_INT;
		args[i].str = av[i][0] == '-' ? NULL : av[i] + 2;
	}
	ev.kind = EVENT_SYSCALL;
	ev.name = name;
	ev.ret_kind = RET_VALUE;
	ev.ret = err == NULL ? 3 : -1;
	ev.err = err;
	out.kind = err == NULL ? CALL_VAL_INT : CALL_VAL_NONE;
	out.num = 3;
	c.ev = &ev;
	c.name = name;
	c.nargs = i;
	c.args = args;
	c.nouts = 1;
	c.outs = &out;
	files_track(f, &c);
}

/* "o" old, "n" new, "-" none: the state as the predicates tell it. */
static const char *
state(const struct files *f, const char *name)
{
	if (files_existed(f, name))
		return "o";
	return files_created(f, name) ? "n" : "-";
}

static void
test_traps(void)
{
	struct files *f = files_new();

	/* never shown: old; NULL files: old too */
	EQ_STR(state(f, "/etc/passwd"), "o");
	CU_ASSERT_TRUE(files_existed(NULL, "/x"));
	CU_ASSERT_FALSE(files_created(NULL, "/x"));
	/* tar: newfstatat ENOENT, then creat: none, then new */
	call(f, "newfstatat", "-", "s:/w/a.tgz", NULL, NULL, "ENOENT");
	EQ_STR(state(f, "/w/a.tgz"), "-");
	call(f, "creat", "s:/w/a.tgz", "i:438", NULL, NULL, NULL);
	EQ_STR(state(f, "/w/a.tgz"), "n");
	/* an O_CREAT open without O_EXCL of an old name keeps it old */
	call(f, "openat", "-", "s:/w/old", "f:O_WRONLY|O_CREAT|O_TRUNC",
	    NULL, NULL);
	EQ_STR(state(f, "/w/old"), "o");
	/* gzip -f: O_EXCL fails EEXIST (old), unlink (none), O_EXCL (new) */
	call(f, "openat", "-", "s:/w/k.gz", "f:O_WRONLY|O_CREAT|O_EXCL",
	    NULL, "EEXIST");
	EQ_STR(state(f, "/w/k.gz"), "o");
	call(f, "unlink", "s:/w/k.gz", NULL, NULL, NULL, NULL);
	EQ_STR(state(f, "/w/k.gz"), "-");
	call(f, "openat", "-", "s:/w/k.gz", "f:O_WRONLY|O_CREAT|O_EXCL",
	    NULL, NULL);
	EQ_STR(state(f, "/w/k.gz"), "n");
	/* a failed unlink changes nothing; EACCES tells nothing */
	call(f, "unlink", "s:/etc/shadow", NULL, NULL, NULL, "EACCES");
	EQ_STR(state(f, "/etc/shadow"), "o");
	/* a none name seen to exist became a file during the run: new */
	call(f, "unlink", "s:/w/x", NULL, NULL, NULL, NULL);
	call(f, "stat", "s:/w/x", NULL, NULL, NULL, NULL);
	EQ_STR(state(f, "/w/x"), "n");
	/* mkdir and link succeed only on a name that was not there: new
	 * even when never shown; link's ENOENT is its source's */
	call(f, "mkdir", "s:/w/d", "i:511", NULL, NULL, "ENOENT");
	EQ_STR(state(f, "/w/d"), "-");
	call(f, "mkdir", "s:/w/m", "i:511", NULL, NULL, NULL);
	EQ_STR(state(f, "/w/m"), "n");
	call(f, "mkdir", "s:/w/m2", "i:511", NULL, NULL, "EEXIST");
	EQ_STR(state(f, "/w/m2"), "o");
	call(f, "link", "s:/w/nosuch", "s:/w/l", NULL, NULL, "ENOENT");
	EQ_STR(state(f, "/w/l"), "o");
	call(f, "symlink", "s:/w/target", "s:/w/sl", NULL, NULL, NULL);
	EQ_STR(state(f, "/w/sl"), "n");
	/* an unresolved (relative) name is not followed */
	call(f, "unlink", "s:rel", NULL, NULL, NULL, NULL);
	EQ_STR(state(f, "rel"), "o");
	files_free(f);
}

static void
test_rename(void)
{
	struct files *f = files_new();

	/* a new file renamed onto an old name: the target is new, the source
	 * none */
	call(f, "openat", "-", "s:/w/t.part", "f:O_WRONLY|O_CREAT|O_EXCL",
	    NULL, NULL);
	call(f, "rename", "s:/w/t.part", "s:/w/conf", NULL, NULL, NULL);
	EQ_STR(state(f, "/w/conf"), "n");
	EQ_STR(state(f, "/w/t.part"), "-");
	/* a directory's known names move with it */
	call(f, "mkdir", "s:/w/d", "i:511", NULL, NULL, NULL);
	call(f, "creat", "s:/w/d/f", "i:438", NULL, NULL, NULL);
	call(f, "creat", "s:/w/d/g", "i:438", NULL, NULL, "ENOENT");
	call(f, "creat", "s:/w/d/g", "i:438", NULL, NULL, NULL);
	call(f, "renameat", "-", "s:/w/d", "-", "s:/w/e", NULL);
	EQ_STR(state(f, "/w/e"), "n");
	/* creat of a name never shown: it may have been there, old */
	EQ_STR(state(f, "/w/e/f"), "o");
	EQ_STR(state(f, "/w/e/g"), "n");
	EQ_STR(state(f, "/w/d/f"), "-");
	EQ_STR(state(f, "/w/d/g"), "-");
	/* RENAME_EXCHANGE swaps: /w/conf (new) and /etc/x (old) */
	call(f, "renameat2", "-", "s:/w/conf", "-", "s:/etc/x", NULL);
	EQ_STR(state(f, "/etc/x"), "n");	/* no flags: a plain rename */
	EQ_STR(state(f, "/w/conf"), "-");
	call(f, "mkdir", "s:/w/a", "i:511", NULL, NULL, NULL);
	EQ_STR(state(f, "/w/a"), "n");
	{
		/* renameat2(..., RENAME_EXCHANGE): five arguments */
		struct call_val args[5];
		struct event ev;
		struct call c;
		struct call_val out = { CALL_VAL_INT, 0, NULL, NULL, false };

		memset(args, 0, sizeof(args));
		memset(&ev, 0, sizeof(ev));
		memset(&c, 0, sizeof(c));
		args[1].kind = args[3].kind = CALL_VAL_STR;
		args[1].str = "/w/a";
		args[3].str = "/usr/lib/y";
		args[4].kind = CALL_VAL_FLAGS;
		args[4].str = "RENAME_EXCHANGE";
		ev.kind = EVENT_SYSCALL;
		ev.ret_kind = RET_VALUE;
		c.ev = &ev;
		c.name = ev.name = "renameat2";
		c.nargs = 5;
		c.args = args;
		c.nouts = 1;
		c.outs = &out;
		files_track(f, &c);
	}
	EQ_STR(state(f, "/usr/lib/y"), "n");
	EQ_STR(state(f, "/w/a"), "o");
	files_free(f);
}

/* Writes text to a temporary file; its path (g_free). */
static char *
temp(const char *text)
{
	GError *err = NULL;
	char *path = NULL;
	int fd = g_file_open_tmp("tracemine-files-XXXXXX", &path, &err);

	CU_ASSERT_TRUE_FATAL(fd >= 0);
	CU_ASSERT_TRUE(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
test_before(void)
{
	const char *list = "# what existed\nroot\t/r\n\nrun-1.log\t/r/a\n"
	    "run-2.log\t/r/b\n/r/c\r\n";
	char *path = temp(list);
	struct files *f = files_new();
	GError *err = NULL;
	char *want;

	CU_ASSERT_TRUE_FATAL(files_before_read(f, path, "logs/run-1.log",
	    &err));
	/* listed for this log, or for any: old; under the root otherwise:
	 * none; outside it: old */
	EQ_STR(state(f, "/r/a"), "o");
	EQ_STR(state(f, "/r/c"), "o");
	EQ_STR(state(f, "/r/b"), "-");
	EQ_STR(state(f, "/r"), "-");
	EQ_STR(state(f, "/rx"), "o");
	EQ_STR(state(f, "/etc/hosts"), "o");
	/* a none name made: new */
	call(f, "openat", "-", "s:/r/b", "f:O_WRONLY|O_CREAT|O_TRUNC", NULL,
	    NULL);
	EQ_STR(state(f, "/r/b"), "n");
	files_free(f);
	g_unlink(path);
	g_free(path);

	/* malformed lines, with their places */
	{
		static const struct {
			const char *text, *msg;
		} bad[] = {
			{ "/a\nrel\n", ":2:1: expected an absolute name, "
			    "found 'rel'" },
			{ "root\tx\n", ":1:6: expected an absolute name, "
			    "found 'x'" },
			{ "a\t/b\tc\n", ":1:5: expected a name, found a third "
			    "field" },
			{ "log\t\n", ":1:5: expected an absolute name, "
			    "found ''" },
		};
		unsigned i;

		for (i = 0; i < G_N_ELEMENTS(bad); i++) {
			path = temp(bad[i].text);
			f = files_new();
			err = NULL;
			CU_ASSERT_FALSE(files_before_read(f, path, NULL, &err));
			CU_ASSERT_PTR_NOT_NULL_FATAL(err);
			want = g_strconcat(path, bad[i].msg, NULL);
			EQ_STR(err->message, want);
			g_free(want);
			g_error_free(err);
			files_free(f);
			g_unlink(path);
			g_free(path);
		}
	}
	/* a file that is not there */
	f = files_new();
	err = NULL;
	CU_ASSERT_FALSE(files_before_read(f, "/nonexistent/tracemine-list",
	    NULL, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	g_clear_error(&err);
	files_free(f);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("files", NULL, NULL);

	CU_add_test(s, "the traps of existence", test_traps);
	CU_add_test(s, "renames", test_rename);
	CU_add_test(s, "what existed before", test_before);
}
