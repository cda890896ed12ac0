/*
 * test_strace.c: the strace reader, on small logs written out here in
 * strace 6.x syntax, one form of output per test.  Every expected value was
 * counted by hand from the snippet above it: records are numbered in the
 * order the reader must deliver them, lines from 1.  Times are worked out in
 * the comments (10:00:00 is 36000 s; 1 us is 1000 ns).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <CUnit/CUnit.h>
#include <gio/gio.h>

#include "tests/unit/cu_assert.h"
#include "trace/trace.h"

/* A copy of one record, so it outlives strace_reader_next(). */
struct rec {
	enum event_kind kind;
	int pid;
	uint64_t line, end_line;
	enum trace_time time_kind;
	int64_t time_ns, duration_ns;
	char *name;
	char *args;		/* NUL-terminated copy; args_len is exact */
	size_t args_len;
	enum event_ret ret_kind;
	int64_t ret;
	char *err;
	char *ret_text;
	bool split, args_cut;
	GPtrArray *frames;	/* char * */
	char *signal;
	char *sig_text;
	bool core_dumped;
	int status;
	char *file;
};

struct run {
	GArray *recs;		/* struct rec */
	GPtrArray *warnings;	/* char * */
	GError *err;
	uint64_t skipped;
	char *dir;		/* temporary folder, removed by run_free() */
	GPtrArray *files;	/* paths written in dir */
};

static void
on_warn(void *ctx, const char *msg)
{
	g_ptr_array_add(ctx, g_strdup(msg));
}

static struct run *
run_new(void)
{
	struct run *r = g_new0(struct run, 1);

	r->recs = g_array_new(FALSE, TRUE, sizeof(struct rec));
	r->warnings = g_ptr_array_new_with_free_func(g_free);
	r->files = g_ptr_array_new_with_free_func(g_free);
	r->dir = g_dir_make_tmp("tracemine-strace-XXXXXX", NULL);
	g_assert(r->dir != NULL);
	return r;
}

/* Writes len bytes (-1: a string) to dir/name; returns the path (run's). */
static const char *
put_file(struct run *r, const char *name, const char *text, gssize len)
{
	char *path = g_build_filename(r->dir, name, NULL);

	g_assert(g_file_set_contents(path, text, len, NULL));
	g_ptr_array_add(r->files, path);
	return path;
}

static void
rec_clear(struct rec *c)
{
	g_free(c->name);
	g_free(c->args);
	g_free(c->err);
	g_free(c->ret_text);
	g_free(c->signal);
	g_free(c->sig_text);
	g_free(c->file);
	g_ptr_array_free(c->frames, TRUE);
}

static void
run_free(struct run *r)
{
	for (guint i = 0; i < r->recs->len; i++)
		rec_clear(&g_array_index(r->recs, struct rec, i));
	g_array_free(r->recs, TRUE);
	g_ptr_array_free(r->warnings, TRUE);
	g_clear_error(&r->err);
	for (guint i = 0; i < r->files->len; i++)
		g_unlink(r->files->pdata[i]);
	g_ptr_array_free(r->files, TRUE);
	g_rmdir(r->dir);
	g_free(r->dir);
	g_free(r);
}

/* A NUL-terminated copy of n bytes that may hold NULs (g_strndup stops). */
static char *
dup_bytes(const char *p, size_t n)
{
	char *c = g_malloc(n + 1);

	memcpy(c, p, n);
	c[n] = '\0';
	return c;
}

static void
read_paths(struct run *r, const char *const *paths, size_t n, bool strict)
{
	struct strace_opts o = { .strict = strict, .warn = on_warn,
	    .warn_ctx = r->warnings };
	struct strace_reader *rd = strace_reader_open(paths, n, &o, &r->err);
	const struct event *ev;

	if (rd == NULL)
		return;
	while ((ev = strace_reader_next(rd, &r->err)) != NULL) {
		struct rec c = {
			.kind = ev->kind, .pid = ev->pid, .line = ev->line,
			.end_line = ev->end_line, .time_kind = ev->time_kind,
			.time_ns = ev->time_ns, .duration_ns = ev->duration_ns,
			.name = g_strdup(ev->name),
			.args = ev->args != NULL ? dup_bytes(ev->args,
			    ev->args_len) : NULL,
			.args_len = ev->args_len,
			.ret_kind = ev->ret_kind, .ret = ev->ret,
			.err = g_strdup(ev->err),
			.ret_text = ev->ret_text != NULL ?
			    g_strndup(ev->ret_text, ev->ret_len) : NULL,
			.split = ev->split, .args_cut = ev->args_cut,
			.frames = g_ptr_array_new_with_free_func(g_free),
			.signal = g_strdup(ev->signal),
			.sig_text = ev->sig_text != NULL ?
			    g_strndup(ev->sig_text, ev->sig_len) : NULL,
			.core_dumped = ev->core_dumped,
			.status = ev->status,
			.file = g_strdup(ev->file),
		};
		for (unsigned i = 0; i < ev->nframes; i++)
			g_ptr_array_add(c.frames, g_strndup(ev->frames[i].text,
			    ev->frames[i].len));
		g_array_append_val(r->recs, c);
		if (r->recs->len > 100000 + 10)
			break;	/* a runaway reader must not eat the memory */
	}
	r->skipped = strace_reader_skipped(rd);
	strace_reader_free(rd);
}

/* Writes text as dir/name and reads it alone. */
static struct run *
run_log(const char *name, const char *text, gssize len, bool strict)
{
	struct run *r = run_new();
	const char *path = put_file(r, name, text, len);
	const char *paths[] = { path };

	read_paths(r, paths, 1, strict);
	return r;
}

static struct run *
run_text(const char *text)
{
	return run_log("t.log", text, -1, false);
}

/* Record i, or a zeroed record when there are fewer (the count is checked). */
static const struct rec *
rec_at(const struct run *r, guint i)
{
	static struct rec none;

	return i < r->recs->len ? &g_array_index(r->recs, struct rec, i) :
	    &none;
}

static const char *
frame_at(const struct rec *c, guint i)
{
	return c->frames != NULL && i < c->frames->len ? c->frames->pdata[i] :
	    NULL;
}

static const char *
warning_at(const struct run *r, guint i)
{
	return i < r->warnings->len ? r->warnings->pdata[i] : NULL;
}

/* Checks a system call record in one line. */
#define CALL(r, i, pid_, line_, name_, args_, rk_, ret_, err_) do {	\
	const struct rec *c_ = rec_at((r), (i));			\
	EQ_INT(c_->kind, EVENT_SYSCALL);				\
	EQ_INT(c_->pid, (pid_));					\
	EQ_INT(c_->line, (line_));					\
	EQ_STR(c_->name, (name_));					\
	EQ_STR(c_->args, (args_));					\
	EQ_INT(c_->ret_kind, (rk_));					\
	EQ_INT(c_->ret, (ret_));					\
	EQ_STR(c_->err, (err_));					\
} while (0)

/* ------------------------------------------------------------------ */

/*
 * A plain log: no pids, no times.  8 calls and 1 exit, 9 records, all of
 * pid 0 (the log never names a pid), lines 1..9.
 */
static void
test_plain(void)
{
	struct run *r = run_text(
	    "execve(\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"], 0x7ffc8f3a1b28 /* 23 vars */) = 0\n"
	    "brk(NULL)                               = 0x55d4c6a8e000\n"
	    "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3\n"
	    "read(3, \"box\\n\", 131072)              = 4\n"
	    "close(2)        = 0\n"
	    "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\n"
	    "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f1234560000\n"
	    "exit_group(0)                           = ?\n"
	    "+++ exited with 0 +++\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 9);
	EQ_INT(r->warnings->len, 0);
	EQ_INT(r->skipped, 0);
	CALL(r, 0, 0, 1, "execve",
	    "\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"], 0x7ffc8f3a1b28 /* 23 vars */",
	    RET_VALUE, 0, NULL);
	/* 0x55d4c6a8e000 = 94372354383872 (python3 -c 'print(0x55d4c6a8e000)'). */
	CALL(r, 1, 0, 2, "brk", "NULL", RET_VALUE, INT64_C(94372354383872),
	    NULL);
	EQ_STR(rec_at(r, 1)->ret_text, NULL);
	CALL(r, 2, 0, 3, "openat", "AT_FDCWD, \"/etc/hostname\", O_RDONLY",
	    RET_VALUE, 3, NULL);
	CALL(r, 3, 0, 4, "read", "3, \"box\\n\", 131072", RET_VALUE, 4, NULL);
	/* Spaces before "=" are alignment, not part of anything. */
	CALL(r, 4, 0, 5, "close", "2", RET_VALUE, 0, NULL);
	EQ_STR(rec_at(r, 4)->ret_text, NULL);
	CALL(r, 5, 0, 6, "access", "\"/etc/ld.so.preload\", R_OK", RET_VALUE,
	    -1, "ENOENT");
	EQ_STR(rec_at(r, 5)->ret_text, "(No such file or directory)");
	/* 0x7f1234560000 = 139716164190208. */
	CALL(r, 6, 0, 7, "mmap",
	    "NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0",
	    RET_VALUE, INT64_C(139716164190208), NULL);
	CALL(r, 7, 0, 8, "exit_group", "0", RET_UNKNOWN, 0, NULL);
	EQ_INT(rec_at(r, 8)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 8)->status, 0);
	EQ_INT(rec_at(r, 8)->line, 9);
	/* No times, no -T, no frames, not split; end_line is line. */
	for (guint i = 0; i < r->recs->len; i++) {
		const struct rec *c = rec_at(r, i);
		EQ_INT(c->time_kind, TIME_NONE);
		EQ_INT(c->time_ns, 0);
		EQ_INT(c->duration_ns, -1);
		EQ_INT(c->frames->len, 0);
		EQ_INT(c->end_line, c->line);
		EQ_INT(c->split, false);
		EQ_INT(c->args_cut, false);
	}
	run_free(r);
}

/*
 * "strace -f -o FILE": every line starts with the pid and two spaces.
 * 7 calls, 1 signal, 2 exits: 10 records.
 */
static void
test_pid_prefix(void)
{
	struct run *r = run_text(
	    "1234  execve(\"/bin/sh\", [\"sh\", \"-c\", \"true\"], 0x7ffd5e3c1a08 /* 5 vars */) = 0\n"
	    "1234  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b2d4e6a10) = 1235\n"
	    "1235  execve(\"/bin/true\", [\"true\"], 0x55d4c6a8f2a8 /* 5 vars */) = 0\n"
	    "1235  exit_group(0)                     = ?\n"
	    "1235  +++ exited with 0 +++\n"
	    "1234  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1235, si_uid=1000, si_status=0, si_utime=0, si_stime=0} ---\n"
	    "1234  wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1235\n"
	    "1234  rt_sigreturn({mask=[]})           = 1235\n"
	    "1234  exit_group(3)                     = ?\n"
	    "1234  +++ exited with 3 +++\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 10);
	EQ_INT(r->warnings->len, 0);
	static const int pids[] = { 1234, 1234, 1235, 1235, 1235, 1234, 1234,
	    1234, 1234, 1234 };
	for (guint i = 0; i < 10; i++) {
		EQ_INT(rec_at(r, i)->pid, pids[i]);
		EQ_INT(rec_at(r, i)->line, i + 1);
	}
	CALL(r, 1, 1234, 2, "clone",
	    "child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b2d4e6a10",
	    RET_VALUE, 1235, NULL);
	EQ_INT(rec_at(r, 4)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 4)->status, 0);
	EQ_INT(rec_at(r, 5)->kind, EVENT_SIGNAL);
	EQ_STR(rec_at(r, 5)->signal, "SIGCHLD");
	EQ_STR(rec_at(r, 5)->sig_text,
	    "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1235, si_uid=1000, si_status=0, si_utime=0, si_stime=0}");
	CALL(r, 6, 1234, 7, "wait4",
	    "-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", RET_VALUE,
	    1235, NULL);
	CALL(r, 7, 1234, 8, "rt_sigreturn", "{mask=[]}", RET_VALUE, 1235,
	    NULL);
	EQ_INT(rec_at(r, 9)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 9)->status, 3);
	run_free(r);
}

/*
 * "strace -f" to stderr: the first process's lines have no prefix until it
 * has a child; then every line has "[pid  N] "; the last process alive has
 * no prefix again.  The first process is pid 0 throughout, even after its
 * real pid (4242) shows.  "strace: Process N attached" is not a record.
 *
 *  1 execve        pid 0        7 [4243] exit_group   pid 4243
 *  2 brk           pid 0        8 [4243] +++ exited   pid 4243
 *  3 clone = 4243  pid 0        9 wait4 resumed: joins line 6, pid 0
 *  4 attached      (none)      10 SIGCHLD             pid 0
 *  5 [4243] execve pid 4243    11 exit_group          pid 0
 *  6 [4242] wait4 unfinished   12 +++ exited          pid 0
 *  (and [4242] rt_sigprocmask on line 6, wait4 on line 7: see below)
 */
static void
test_stderr_pids(void)
{
	struct run *r = run_text(
	    /* 1 */ "execve(\"/bin/sh\", [\"sh\", \"-c\", \"ls; exit 2\"], 0x7ffe2a4c6d18 /* 20 vars */) = 0\n"
	    /* 2 */ "brk(NULL)                               = 0x5581a0f4b000\n"
	    /* 3 */ "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f9c1a2b3a10) = 4243\n"
	    /* 4 */ "strace: Process 4243 attached\n"
	    /* 5 */ "[pid  4243] execve(\"/bin/ls\", [\"ls\"], 0x5581a0f4c2a8 /* 20 vars */) = 0\n"
	    /* 6 */ "[pid  4242] rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0\n"
	    /* 7 */ "[pid  4242] wait4(-1,  <unfinished ...>\n"
	    /* 8 */ "[pid  4243] exit_group(0)               = ?\n"
	    /* 9 */ "[pid  4243] +++ exited with 0 +++\n"
	    /* 10 */ "<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 4243\n"
	    /* 11 */ "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4243, si_uid=1000, si_status=0, si_utime=0, si_stime=0} ---\n"
	    /* 12 */ "exit_group(2)                           = ?\n"
	    /* 13 */ "+++ exited with 2 +++\n");

	/*
	 * Records: execve(1) brk(2) clone(3) execve(5, 4243)
	 * rt_sigprocmask(6, 0) exit_group(8, 4243) exited(9, 4243)
	 * wait4(7..10, 0) SIGCHLD(11, 0) exit_group(12, 0) exited(13, 0): 11.
	 */
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 11);
	EQ_INT(r->warnings->len, 0);
	static const int pids[] = { 0, 0, 0, 4243, 0, 4243, 4243, 0, 0, 0, 0 };
	static const int lines[] = { 1, 2, 3, 5, 6, 8, 9, 7, 11, 12, 13 };
	for (guint i = 0; i < 11; i++) {
		EQ_INT(rec_at(r, i)->pid, pids[i]);
		EQ_INT(rec_at(r, i)->line, lines[i]);
	}
	CALL(r, 2, 0, 3, "clone",
	    "child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f9c1a2b3a10",
	    RET_VALUE, 4243, NULL);
	CALL(r, 3, 4243, 5, "execve",
	    "\"/bin/ls\", [\"ls\"], 0x5581a0f4c2a8 /* 20 vars */", RET_VALUE, 0,
	    NULL);
	CALL(r, 4, 0, 6, "rt_sigprocmask", "SIG_BLOCK, [CHLD], [], 8",
	    RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 6)->kind, EVENT_EXIT);
	CALL(r, 7, 0, 7, "wait4",
	    "-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", RET_VALUE,
	    4243, NULL);
	EQ_INT(rec_at(r, 7)->end_line, 10);
	EQ_INT(rec_at(r, 7)->split, true);
	EQ_INT(rec_at(r, 8)->kind, EVENT_SIGNAL);
	EQ_STR(rec_at(r, 8)->signal, "SIGCHLD");
	EQ_INT(rec_at(r, 10)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 10)->status, 2);
	run_free(r);
}

/*
 * strace's own message lands inside the first process's clone line
 * ("...child_tidptr=0x...strace: Process 4243 attached", then
 * " <unfinished ...>" on the next line): the two parts are one first half,
 * of line 2.  The first process's pid, 4242, shows first in the resumed
 * half of that clone: still pid 0.
 */
static void
test_stderr_splice(void)
{
	struct run *r = run_text(
	    /* 1 */ "execve(\"/bin/sh\", [\"sh\", \"-c\", \"ls\"], 0x7ffe2a4c6d18 /* 20 vars */) = 0\n"
	    /* 2 */ "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f9c1a2b3a10strace: Process 4243 attached\n"
	    /* 3 */ " <unfinished ...>\n"
	    /* 4 */ "[pid  4243] set_robust_list(0x7f9c1a2b3a20, 24) = 0\n"
	    /* 5 */ "[pid  4242] <... clone resumed>)       = 4243\n"
	    /* 6 */ "[pid  4243] exit_group(0)               = ?\n"
	    /* 7 */ "[pid  4243] +++ exited with 0 +++\n"
	    /* 8 */ "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4243, si_uid=1000, si_status=0, si_utime=0, si_stime=0} ---\n"
	    /* 9 */ "exit_group(0)                           = ?\n"
	    /* 10 */ "+++ exited with 0 +++\n");

	/* execve(1) set_robust_list(4) clone(2..5) exit_group(6) exited(7)
	 * SIGCHLD(8) exit_group(9) exited(10): 8 records. */
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 8);
	static const int pids[] = { 0, 4243, 0, 4243, 4243, 0, 0, 0 };
	static const int lines[] = { 1, 4, 2, 6, 7, 8, 9, 10 };
	for (guint i = 0; i < 8; i++) {
		EQ_INT(rec_at(r, i)->pid, pids[i]);
		EQ_INT(rec_at(r, i)->line, lines[i]);
	}
	CALL(r, 1, 4243, 4, "set_robust_list", "0x7f9c1a2b3a20, 24",
	    RET_VALUE, 0, NULL);
	CALL(r, 2, 0, 2, "clone",
	    "child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f9c1a2b3a10",
	    RET_VALUE, 4243, NULL);
	EQ_INT(rec_at(r, 2)->end_line, 5);
	EQ_INT(rec_at(r, 2)->split, true);
	run_free(r);
}

/* -t, -tt, -ttt and -r, one log each. */
static void
test_timestamps(void)
{
	/* -t: 10:20:30 = 10*3600 + 20*60 + 30 = 37230 s. */
	struct run *r = run_text(
	    "10:20:30 close(3)                       = 0\n"
	    "10:20:31 exit_group(0)                  = ?\n");
	EQ_INT(r->recs->len, 2);
	CALL(r, 0, 0, 1, "close", "3", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 0)->time_kind, TIME_CLOCK);
	EQ_INT(rec_at(r, 0)->time_ns, INT64_C(37230000000000));
	EQ_INT(rec_at(r, 1)->time_ns, INT64_C(37231000000000));
	run_free(r);

	/* -tt: 37230.123456 s. */
	r = run_text(
	    "10:20:30.123456 close(3)                = 0\n"
	    "10:20:30.123499 close(4)                = -1 EBADF (Bad file descriptor)\n");
	EQ_INT(r->recs->len, 2);
	CALL(r, 1, 0, 2, "close", "4", RET_VALUE, -1, "EBADF");
	EQ_INT(rec_at(r, 0)->time_kind, TIME_CLOCK);
	EQ_INT(rec_at(r, 0)->time_ns, INT64_C(37230123456000));
	EQ_INT(rec_at(r, 1)->time_ns, INT64_C(37230123499000));
	run_free(r);

	/* -ttt: seconds since the epoch. */
	r = run_text(
	    "1700000000.123456 close(3)              = 0\n"
	    "1700000001.000001 close(4)              = 0\n");
	EQ_INT(r->recs->len, 2);
	EQ_INT(rec_at(r, 0)->time_kind, TIME_EPOCH);
	EQ_INT(rec_at(r, 0)->time_ns, INT64_C(1700000000123456000));
	EQ_INT(rec_at(r, 1)->time_ns, INT64_C(1700000001000001000));
	CALL(r, 1, 0, 2, "close", "4", RET_VALUE, 0, NULL);
	run_free(r);

	/* -r: each stamp is the time since the previous record; summed:
	 * 0, 153 us, 153 + 210 = 363 us, 363 + 1000000 us = 1.000363 s. */
	r = run_text(
	    "     0.000000 execve(\"/bin/true\", [\"true\"], 0x7ffd1b2c3d48 /* 1 var */) = 0\n"
	    "     0.000153 brk(NULL)                 = 0x5581a0f4b000\n"
	    "     0.000210 exit_group(0)             = ?\n"
	    "     1.000000 +++ exited with 0 +++\n");
	EQ_INT(r->recs->len, 4);
	EQ_INT(rec_at(r, 0)->time_kind, TIME_RELATIVE);
	EQ_INT(rec_at(r, 0)->time_ns, 0);
	EQ_INT(rec_at(r, 1)->time_ns, 153000);
	EQ_INT(rec_at(r, 2)->time_ns, 363000);
	EQ_INT(rec_at(r, 3)->time_kind, TIME_RELATIVE);
	EQ_INT(rec_at(r, 3)->time_ns, INT64_C(1000363000));
	CALL(r, 1, 0, 2, "brk", "NULL", RET_VALUE, INT64_C(0x5581a0f4b000),
	    NULL);
	run_free(r);
}

/*
 * -tt across midnight: 23:59:59.999999 is 86399.999999 s; the next record
 * at 00:00:00.000001 is 2 us later, 86400.000001 s; 00:00:01 then is
 * 86401 s (one rollover, not two).
 */
static void
test_midnight(void)
{
	struct run *r = run_text(
	    "23:59:59.999999 read(0, \"\", 1)          = 0\n"
	    "00:00:00.000001 close(0)                = 0\n"
	    "00:00:01.000000 exit_group(0)           = ?\n");

	EQ_INT(r->recs->len, 3);
	EQ_INT(rec_at(r, 0)->time_ns, INT64_C(86399999999000));
	EQ_INT(rec_at(r, 1)->time_ns, INT64_C(86400000001000));
	EQ_INT(rec_at(r, 1)->time_ns - rec_at(r, 0)->time_ns, 2000);
	EQ_INT(rec_at(r, 2)->time_ns, INT64_C(86401000000000));
	CALL(r, 1, 0, 2, "close", "0", RET_VALUE, 0, NULL);
	run_free(r);
}

/*
 * -T durations, alone and with -tt; -i and -n brackets.
 */
static void
test_durations_and_brackets(void)
{
	struct run *r = run_text(
	    /* 1 */ "close(3)                                = 0 <0.000012>\n"
	    /* 2 */ "read(3, \"x\", 1)                        = 1 <1.500000>\n"
	    /* 3 */ "10:00:00.000001 nanosleep({tv_sec=1, tv_nsec=0}, NULL) = 0 <1.000123>\n"
	    /* 4 */ "openat(AT_FDCWD, \"/nope\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000020>\n"
	    /* 5 */ "[00007f3b2d5e8a5b] close(4)             = 0\n"
	    /* 6 */ "[ 59] execve(\"/bin/true\", [\"true\"], 0x7ffd1b2c3d48 /* 1 var */) = 0\n"
	    /* 7 */ "[  3] [00007f3b2d5e8a5b] close(5)       = 0 <0.000004>\n"
	    /* 8 */ "10:00:02.000000 [  3] [00007f3b2d5e8a5b] close(6) = 0 <0.000005>\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 8);
	EQ_INT(r->warnings->len, 0);
	CALL(r, 0, 0, 1, "close", "3", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 0)->duration_ns, 12000);
	EQ_STR(rec_at(r, 0)->ret_text, NULL);
	CALL(r, 1, 0, 2, "read", "3, \"x\", 1", RET_VALUE, 1, NULL);
	EQ_INT(rec_at(r, 1)->duration_ns, INT64_C(1500000000));
	/* 10:00:00.000001 = 36000 s + 1 us. */
	CALL(r, 2, 0, 3, "nanosleep", "{tv_sec=1, tv_nsec=0}, NULL",
	    RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 2)->time_kind, TIME_CLOCK);
	EQ_INT(rec_at(r, 2)->time_ns, INT64_C(36000000001000));
	EQ_INT(rec_at(r, 2)->duration_ns, INT64_C(1000123000));
	CALL(r, 3, 0, 4, "openat", "AT_FDCWD, \"/nope\", O_RDONLY", RET_VALUE,
	    -1, "ENOENT");
	EQ_STR(rec_at(r, 3)->ret_text, "(No such file or directory)");
	EQ_INT(rec_at(r, 3)->duration_ns, 20000);
	CALL(r, 4, 0, 5, "close", "4", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 4)->duration_ns, -1);
	CALL(r, 5, 0, 6, "execve",
	    "\"/bin/true\", [\"true\"], 0x7ffd1b2c3d48 /* 1 var */", RET_VALUE,
	    0, NULL);
	CALL(r, 6, 0, 7, "close", "5", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 6)->duration_ns, 4000);
	CALL(r, 7, 0, 8, "close", "6", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 7)->time_ns, INT64_C(36002000000000));
	EQ_INT(rec_at(r, 7)->duration_ns, 5000);
	run_free(r);
}

/*
 * Unfinished and resumed halves of two pids interleaved: each call is one
 * record, delivered when its second half is read, with both halves' text.
 */
static void
test_unfinished_resumed(void)
{
	struct run *r = run_text(
	    /* 1 */ "101   read(3, <unfinished ...>\n"
	    /* 2 */ "102   write(1, \"hi\\n\", 3 <unfinished ...>\n"
	    /* 3 */ "103   close(5)                          = 0\n"
	    /* 4 */ "101   <... read resumed>\"abc\", 10) = 3\n"
	    /* 5 */ "102   <... write resumed>)              = 3 <0.000031>\n"
	    /* 6 */ "101   wait4(-1,  <unfinished ...>\n"
	    /* 7 */ "101   <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 103\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 4);
	EQ_INT(r->warnings->len, 0);
	CALL(r, 0, 103, 3, "close", "5", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 0)->split, false);
	CALL(r, 1, 101, 1, "read", "3, \"abc\", 10", RET_VALUE, 3, NULL);
	EQ_INT(rec_at(r, 1)->end_line, 4);
	EQ_INT(rec_at(r, 1)->split, true);
	EQ_INT(rec_at(r, 1)->args_cut, false);
	/* All the arguments were in the first half. */
	CALL(r, 2, 102, 2, "write", "1, \"hi\\n\", 3", RET_VALUE, 3, NULL);
	EQ_INT(rec_at(r, 2)->end_line, 5);
	EQ_INT(rec_at(r, 2)->split, true);
	EQ_INT(rec_at(r, 2)->duration_ns, 31000);
	/* strace's two spaces before <unfinished ...> are one in the join. */
	CALL(r, 3, 101, 6, "wait4",
	    "-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", RET_VALUE,
	    103, NULL);
	EQ_INT(rec_at(r, 3)->end_line, 7);
	run_free(r);
}

/* A merged call keeps the time of its first half. */
static void
test_unfinished_times(void)
{
	struct run *r = run_text(
	    "7     10:00:00.000100 read(0,  <unfinished ...>\n"
	    "8     10:00:00.000200 close(1)          = 0\n"
	    "7     10:00:00.000300 <... read resumed>\"\", 1) = 0\n");

	EQ_INT(r->recs->len, 2);
	EQ_INT(rec_at(r, 0)->time_ns, INT64_C(36000000200000));
	CALL(r, 1, 7, 1, "read", "0, \"\", 1", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 1)->time_ns, INT64_C(36000000100000));
	EQ_INT(rec_at(r, 1)->end_line, 3);
	run_free(r);
}

/*
 * "<... futex resumed>) = ? <unavailable>": the result is not known, and
 * "<unavailable>" is not a -T duration.
 */
static void
test_unavailable(void)
{
	struct run *r = run_text(
	    "201   futex(0x7f5e1c7ff990, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
	    "202   exit_group(0)                     = ?\n"
	    "201   <... futex resumed>)              = ? <unavailable>\n"
	    "201   +++ exited with 0 +++\n"
	    "202   +++ exited with 0 +++\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 4);
	CALL(r, 0, 202, 2, "exit_group", "0", RET_UNKNOWN, 0, NULL);
	CALL(r, 1, 201, 1, "futex",
	    "0x7f5e1c7ff990, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY",
	    RET_UNKNOWN, 0, NULL);
	EQ_INT(rec_at(r, 1)->end_line, 3);
	EQ_STR(rec_at(r, 1)->ret_text, "<unavailable>");
	EQ_INT(rec_at(r, 1)->duration_ns, -1);
	EQ_INT(rec_at(r, 2)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 2)->pid, 201);
	EQ_INT(rec_at(r, 3)->pid, 202);
	run_free(r);
}

/*
 * A second half with no first half (the log was started mid-call): the
 * call is delivered with args_cut and one warning; --strict refuses it.
 */
static void
test_resumed_without_start(void)
{
	const char *log =
	    "<... read resumed>\"abc\", 10)          = 3\n"
	    "close(3)                                = 0\n";
	struct run *r = run_log("t.log", log, -1, false);

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 2);
	CALL(r, 0, 0, 1, "read", "\"abc\", 10", RET_VALUE, 3, NULL);
	EQ_INT(rec_at(r, 0)->args_cut, true);
	EQ_INT(rec_at(r, 0)->split, true);
	EQ_INT(rec_at(r, 0)->end_line, 1);
	CALL(r, 1, 0, 2, "close", "3", RET_VALUE, 0, NULL);
	EQ_INT(r->warnings->len, 1);
	char *want = g_strdup_printf("%s/t.log:1:1: ", r->dir);
	CU_ASSERT(warning_at(r, 0) != NULL &&
	    g_str_has_prefix(warning_at(r, 0), want));
	CU_ASSERT(warning_at(r, 0) != NULL &&
	    strstr(warning_at(r, 0), "read resumed") != NULL);
	g_free(want);
	run_free(r);

	r = run_log("t.log", log, -1, true);
	EQ_INT(r->recs->len, 0);
	CU_ASSERT(g_error_matches(r->err, TRACE_ERROR, TRACE_ERROR_STRICT));
	want = g_strdup_printf("%s/t.log:1:1: ", r->dir);
	CU_ASSERT(r->err != NULL && g_str_has_prefix(r->err->message, want));
	g_free(want);
	EQ_INT(r->warnings->len, 0);
	run_free(r);
}

/*
 * Calls that never returned: "<detached ...>", a first half whose process
 * is killed (delivered before the KILLED record), and a first half still
 * pending at the end of the log.
 */
static void
test_never_returned(void)
{
	struct run *r = run_text(
	    /* 1 */ "400   read(0,  <unfinished ...>\n"
	    /* 2 */ "401   wait4(-1, <detached ...>\n"
	    /* 3 */ "400   +++ killed by SIGKILL +++\n"
	    /* 4 */ "402   write(2, \"Segmentation fault\", 18) = 18\n"
	    /* 5 */ "402   +++ killed by SIGSEGV (core dumped) +++\n"
	    /* 6 */ "403   pause( <unfinished ...>\n");

	/* wait4(2) read(1, none) killed(3) write(4) killed(5) pause(6): 6. */
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 6);
	EQ_INT(rec_at(r, 0)->pid, 401);
	EQ_STR(rec_at(r, 0)->name, "wait4");
	EQ_INT(rec_at(r, 0)->line, 2);
	EQ_INT(rec_at(r, 0)->ret_kind, RET_NONE);
	EQ_STR(rec_at(r, 0)->err, NULL);
	CALL(r, 1, 400, 1, "read", "0, ", RET_NONE, 0, NULL);
	EQ_INT(rec_at(r, 1)->end_line, 1);
	EQ_INT(rec_at(r, 2)->kind, EVENT_KILLED);
	EQ_INT(rec_at(r, 2)->pid, 400);
	EQ_INT(rec_at(r, 2)->line, 3);
	EQ_STR(rec_at(r, 2)->signal, "SIGKILL");
	EQ_INT(rec_at(r, 2)->core_dumped, false);
	CALL(r, 3, 402, 4, "write", "2, \"Segmentation fault\", 18", RET_VALUE,
	    18, NULL);
	EQ_INT(rec_at(r, 4)->kind, EVENT_KILLED);
	EQ_STR(rec_at(r, 4)->signal, "SIGSEGV");
	EQ_INT(rec_at(r, 4)->core_dumped, true);
	EQ_INT(rec_at(r, 5)->pid, 403);
	EQ_STR(rec_at(r, 5)->name, "pause");
	EQ_INT(rec_at(r, 5)->line, 6);
	EQ_INT(rec_at(r, 5)->ret_kind, RET_NONE);
	/* pause takes no arguments: nothing between "(" and the marker. */
	EQ_STR(rec_at(r, 5)->args, "");
	run_free(r);
}

/*
 * Signals and ends: "+++ exited with 3 +++", a siginfo, and "--- stopped
 * by SIGSTOP ---", which is not a delivery and is skipped.
 */
static void
test_signals_and_exits(void)
{
	struct run *r = run_text(
	    /* 1 */ "--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=99, si_uid=0} ---\n"
	    /* 2 */ "--- stopped by SIGSTOP ---\n"
	    /* 3 */ "--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER, si_pid=99, si_uid=0} ---\n"
	    /* 4 */ "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12, si_uid=1000, si_status=3, si_utime=0, si_stime=0} ---\n"
	    /* 5 */ "exit_group(3)                           = ?\n"
	    /* 6 */ "+++ exited with 3 +++\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 5);
	EQ_INT(r->warnings->len, 0);
	EQ_INT(r->skipped, 0);
	EQ_INT(rec_at(r, 0)->kind, EVENT_SIGNAL);
	EQ_STR(rec_at(r, 0)->signal, "SIGSTOP");
	EQ_INT(rec_at(r, 0)->line, 1);
	EQ_INT(rec_at(r, 1)->kind, EVENT_SIGNAL);
	EQ_STR(rec_at(r, 1)->signal, "SIGCONT");
	EQ_INT(rec_at(r, 1)->line, 3);
	EQ_STR(rec_at(r, 2)->signal, "SIGCHLD");
	EQ_STR(rec_at(r, 2)->sig_text,
	    "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=12, si_uid=1000, si_status=3, si_utime=0, si_stime=0}");
	EQ_INT(rec_at(r, 2)->line, 4);
	CALL(r, 3, 0, 5, "exit_group", "3", RET_UNKNOWN, 0, NULL);
	EQ_INT(rec_at(r, 4)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 4)->status, 3);
	EQ_INT(rec_at(r, 4)->line, 6);
	run_free(r);
}

/* -k: " > " lines after a call are its frames, innermost first. */
static void
test_frames(void)
{
	struct run *r = run_text(
	    /* 1 */ "8     write(1, \"hi\\n\", 3)               = 3\n"
	    /* 2 */ " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0x10e8a4]\n"
	    /* 3 */ " > /usr/lib/x86_64-linux-gnu/libc.so.6(_IO_file_write+0x2c) [0x8c9dc]\n"
	    /* 4 */ " > /usr/bin/echo(main+0x1f) [0x2a1f]\n"
	    /* 5 */ "9     read(0,  <unfinished ...>\n"
	    /* 6 */ " > /usr/lib/x86_64-linux-gnu/libc.so.6(__read+0x12) [0x10e7e2]\n"
	    /* 7 */ "8     close(4)                          = 0\n"
	    /* 8 */ " > /usr/lib/x86_64-linux-gnu/libc.so.6(__close+0x3b) [0x10f0fb]\n"
	    /* 9 */ "9     <... read resumed>\"\", 1)          = 0\n"
	    /* 10 */ "8     exit_group(0)                     = ?\n"
	    /* 11 */ " > /usr/lib/x86_64-linux-gnu/libc.so.6(_exit+0x25) [0xe3c25]\n"
	    /* 12 */ "8     +++ exited with 0 +++\n");

	/* write(1) close(7) read(5..9) exit_group(10) exited(12): 5. */
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 5);
	EQ_INT(r->warnings->len, 0);
	CALL(r, 0, 8, 1, "write", "1, \"hi\\n\", 3", RET_VALUE, 3, NULL);
	EQ_INT(rec_at(r, 0)->frames->len, 3);
	EQ_STR(frame_at(rec_at(r, 0), 0),
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0x10e8a4]");
	EQ_STR(frame_at(rec_at(r, 0), 1),
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(_IO_file_write+0x2c) [0x8c9dc]");
	EQ_STR(frame_at(rec_at(r, 0), 2), "/usr/bin/echo(main+0x1f) [0x2a1f]");
	CALL(r, 1, 8, 7, "close", "4", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 1)->frames->len, 1);
	EQ_STR(frame_at(rec_at(r, 1), 0),
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(__close+0x3b) [0x10f0fb]");
	/* The frame after the first half belongs to the merged read. */
	CALL(r, 2, 9, 5, "read", "0, \"\", 1", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 2)->end_line, 9);
	EQ_INT(rec_at(r, 2)->frames->len, 1);
	EQ_STR(frame_at(rec_at(r, 2), 0),
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(__read+0x12) [0x10e7e2]");
	CALL(r, 3, 8, 10, "exit_group", "0", RET_UNKNOWN, 0, NULL);
	EQ_INT(rec_at(r, 3)->frames->len, 1);
	EQ_STR(frame_at(rec_at(r, 3), 0),
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(_exit+0x25) [0xe3c25]");
	EQ_INT(rec_at(r, 4)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 4)->line, 12);
	EQ_INT(rec_at(r, 4)->frames->len, 0);
	run_free(r);
}

/* -C: the summary table after the trace is not records, nor oddities. */
static void
test_summary(void)
{
	struct run *r = run_text(
	    "close(3)                                = 0\n"
	    "write(1, \"x\", 1)                        = 1\n"
	    "exit_group(0)                           = ?\n"
	    "+++ exited with 0 +++\n"
	    "% time     seconds  usecs/call     calls    errors syscall\n"
	    "------ ----------- ----------- --------- --------- ----------------\n"
	    " 45.00    0.000045          45         1           close\n"
	    " 40.00    0.000040          40         1           write\n"
	    " 15.00    0.000015          15         1         1 access\n"
	    "------ ----------- ----------- --------- --------- ----------------\n"
	    "100.00    0.000100          33         3         1 total\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 4);
	EQ_INT(r->warnings->len, 0);
	EQ_INT(r->skipped, 0);
	CALL(r, 1, 0, 2, "write", "1, \"x\", 1", RET_VALUE, 1, NULL);
	EQ_INT(rec_at(r, 3)->kind, EVENT_EXIT);
	run_free(r);
}

/*
 * -yy decorations and the end of the arguments: ")" and " = " inside
 * strings and inside paths are not the end; the decoration of a returned
 * fd stays in ret_text.
 */
static void
test_decorations_and_strings(void)
{
	struct run *r = run_text(
	    /* 1 */ "openat(AT_FDCWD</tmp>, \"a>b\", O_RDONLY) = 3</tmp/a\\76b>\n"
	    /* 2 */ "write(1, \"f(x) = 1\\n\", 9)              = 9\n"
	    /* 3 */ "read(3</tmp/a) = b>, \"\", 10)           = 0\n"
	    /* 4 */ "openat(AT_FDCWD</home/u>, \"x) = 3\", O_RDONLY) = 4</home/u/x) = 3>\n"
	    /* 5 */ "execve(\"/usr/bin/ls\", [\"ls\", \"-l\", \"--color=auto\", ...], 0x7ffd2c0e4a08 /* 30 vars */) = 0\n"
	    /* 6 */ "read(3, \"0123456789abcdef0123456789abcdef\"..., 4096) = 4096\n"
	    /* 7 */ "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 5<TCP:[1234567]>\n"
	    /* 8 */ "fcntl(5<TCP:[127.0.0.1:45678->127.0.0.1:8080]>, F_GETFL) = 0x2 (flags O_RDWR)\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 8);
	EQ_INT(r->warnings->len, 0);
	CALL(r, 0, 0, 1, "openat", "AT_FDCWD</tmp>, \"a>b\", O_RDONLY",
	    RET_VALUE, 3, NULL);
	EQ_STR(rec_at(r, 0)->ret_text, "</tmp/a\\76b>");
	CALL(r, 1, 0, 2, "write", "1, \"f(x) = 1\\n\", 9", RET_VALUE, 9, NULL);
	CALL(r, 2, 0, 3, "read", "3</tmp/a) = b>, \"\", 10", RET_VALUE, 0, NULL);
	CALL(r, 3, 0, 4, "openat", "AT_FDCWD</home/u>, \"x) = 3\", O_RDONLY",
	    RET_VALUE, 4, NULL);
	EQ_STR(rec_at(r, 3)->ret_text, "</home/u/x) = 3>");
	CALL(r, 4, 0, 5, "execve",
	    "\"/usr/bin/ls\", [\"ls\", \"-l\", \"--color=auto\", ...], 0x7ffd2c0e4a08 /* 30 vars */",
	    RET_VALUE, 0, NULL);
	CALL(r, 5, 0, 6, "read",
	    "3, \"0123456789abcdef0123456789abcdef\"..., 4096", RET_VALUE, 4096,
	    NULL);
	CALL(r, 6, 0, 7, "socket", "AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP",
	    RET_VALUE, 5, NULL);
	EQ_STR(rec_at(r, 6)->ret_text, "<TCP:[1234567]>");
	CALL(r, 7, 0, 8, "fcntl",
	    "5<TCP:[127.0.0.1:45678->127.0.0.1:8080]>, F_GETFL", RET_VALUE, 2,
	    NULL);
	EQ_STR(rec_at(r, 7)->ret_text, "(flags O_RDWR)");
	run_free(r);
}

/* A log whose last line was cut short: the call, without its result. */
static void
test_cut_short(void)
{
	struct run *r = run_text(
	    "close(3)                                = 0\n"
	    "read(4, \"abc");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 2);
	CALL(r, 0, 0, 1, "close", "3", RET_VALUE, 0, NULL);
	CALL(r, 1, 0, 2, "read", "4, \"abc", RET_NONE, 0, NULL);
	EQ_INT(r->warnings->len, 1);
	char *want = g_strdup_printf("%s/t.log:2:", r->dir);
	CU_ASSERT(warning_at(r, 0) != NULL &&
	    g_str_has_prefix(warning_at(r, 0), want));
	g_free(want);
	run_free(r);
}

/* CRLF line ends: the \r is not part of anything. */
static void
test_crlf(void)
{
	struct run *r = run_text(
	    "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\r\n"
	    "close(3)                                = 0 <0.000007>\r\n"
	    "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---\r\n"
	    "exit_group(0)                           = ?\r\n"
	    "+++ exited with 4 +++\r\n");

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 5);
	EQ_INT(r->warnings->len, 0);
	CALL(r, 0, 0, 1, "access", "\"/etc/ld.so.preload\", R_OK", RET_VALUE,
	    -1, "ENOENT");
	EQ_STR(rec_at(r, 0)->ret_text, "(No such file or directory)");
	CALL(r, 1, 0, 2, "close", "3", RET_VALUE, 0, NULL);
	EQ_INT(rec_at(r, 1)->duration_ns, 7000);
	EQ_STR(rec_at(r, 2)->sig_text,
	    "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9, si_uid=0, si_status=0, si_utime=0, si_stime=0}");
	CALL(r, 3, 0, 4, "exit_group", "0", RET_UNKNOWN, 0, NULL);
	EQ_INT(rec_at(r, 4)->status, 4);
	run_free(r);
}

/* Not an strace log: a syntax error naming the first line and column. */
static void
test_not_a_log(void)
{
	struct run *r = run_text("hello world\nthis is not strace\n");
	char *want;

	EQ_INT(r->recs->len, 0);
	CU_ASSERT(g_error_matches(r->err, TRACE_ERROR, TRACE_ERROR_SYNTAX));
	want = g_strdup_printf("%s/t.log:1:1: expected a system call, signal "
	    "or exit line, found", r->dir);
	CU_ASSERT(r->err != NULL && g_str_has_prefix(r->err->message, want));
	g_free(want);
	run_free(r);

	/* After a pid prefix "1234  " (6 bytes), the column is 7. */
	r = run_text("1234  hello\n");
	EQ_INT(r->recs->len, 0);
	CU_ASSERT(g_error_matches(r->err, TRACE_ERROR, TRACE_ERROR_SYNTAX));
	want = g_strdup_printf("%s/t.log:1:7: expected a system call, signal "
	    "or exit line, found", r->dir);
	CU_ASSERT(r->err != NULL && g_str_has_prefix(r->err->message, want));
	g_free(want);
	run_free(r);

	/* Empty: no records, no error. */
	r = run_text("");
	EQ_INT(r->recs->len, 0);
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->warnings->len, 0);
	run_free(r);

	/* A missing file: an I/O error from open. */
	struct strace_reader *rd;
	GError *err = NULL;
	const char *paths[] = { "/nonexistent/tracemine/x.log" };
	rd = strace_reader_open(paths, 1, NULL, &err);
	CU_ASSERT_PTR_NULL(rd);
	CU_ASSERT(g_error_matches(err, TRACE_ERROR, TRACE_ERROR_IO));
	g_clear_error(&err);
	strace_reader_free(rd);
}

/* NUL bytes inside lines: lines are counted in bytes, not C strings. */
static void
test_nul_bytes(void)
{
	static const char log[] =
	    "close(3)                                = 0\n"
	    "write(1, \"x\0y\", 3)                     = 3\n"
	    "\0\0\0junk\n"
	    "close(4)                                = 0\n";
	struct run *r = run_log("t.log", log, sizeof(log) - 1, false);

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 3);
	CALL(r, 0, 0, 1, "close", "3", RET_VALUE, 0, NULL);
	/* "1, \"x" (5) + NUL + "y\", 3" (5) = 11 bytes. */
	EQ_STR(rec_at(r, 1)->name, "write");
	EQ_INT(rec_at(r, 1)->args_len, 11);
	CU_ASSERT(rec_at(r, 1)->args != NULL &&
	    memcmp(rec_at(r, 1)->args, "1, \"x\0y\", 3", 11) == 0);
	EQ_INT(rec_at(r, 1)->ret, 3);
	CALL(r, 2, 0, 4, "close", "4", RET_VALUE, 0, NULL);
	EQ_INT(r->warnings->len, 1);
	EQ_INT(r->skipped, 1);
	run_free(r);
}

/*
 * A 10 MiB line of garbage (printable bytes from a fixed seed, no newline)
 * between two calls: skipped with one warning, the calls around it read.
 */
static void
test_huge_garbage_line(void)
{
	const size_t big = 10u * 1024 * 1024;
	GString *s = g_string_sized_new(big + 128);
	GRand *rnd = g_rand_new_with_seed(20240601);

	g_string_append(s, "close(3)                                = 0\n#");
	for (size_t i = 0; i < big; i++) {
		/* Printable ASCII but '[', so no "[pid " by chance. */
		char c = (char)g_rand_int_range(rnd, 0x20, 0x7f);
		g_string_append_c(s, c == '[' ? '{' : c);
	}
	g_string_append(s, "\nclose(4)                                = 0\n");
	g_rand_free(rnd);
	struct run *r = run_log("t.log", s->str, s->len, false);
	g_string_free(s, TRUE);

	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 2);
	CALL(r, 0, 0, 1, "close", "3", RET_VALUE, 0, NULL);
	CALL(r, 1, 0, 3, "close", "4", RET_VALUE, 0, NULL);
	EQ_INT(r->warnings->len, 1);
	EQ_INT(r->skipped, 1);
	char *want = g_strdup_printf("%s/t.log:2:", r->dir);
	CU_ASSERT(warning_at(r, 0) != NULL &&
	    g_str_has_prefix(warning_at(r, 0), want));
	g_free(want);
	run_free(r);
}

/* Compresses text with GIO's gzip compressor into path. */
static void
write_gzip(const char *path, const char *text, size_t len)
{
	GFile *f = g_file_new_for_path(path);
	GFileOutputStream *fs = g_file_replace(f, NULL, FALSE,
	    G_FILE_CREATE_NONE, NULL, NULL);
	GZlibCompressor *z = g_zlib_compressor_new(
	    G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
	GOutputStream *out = g_converter_output_stream_new(
	    G_OUTPUT_STREAM(fs), G_CONVERTER(z));
	gsize wr = 0;

	g_assert(g_output_stream_write_all(out, text, len, &wr, NULL, NULL));
	g_assert(g_output_stream_close(out, NULL, NULL));
	g_object_unref(out);
	g_object_unref(z);
	g_object_unref(fs);
	g_object_unref(f);
}

/*
 * A gzip log read directly: a small one, and one of 100000 lines (about
 * 2 MB unpacked, more than the reader's 1 MiB chunk).
 */
static void
test_gzip(void)
{
	struct run *r = run_new();
	const char *text =
	    "1     openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3\n"
	    "1     close(4)                          = -1 EBADF (Bad file descriptor)\n"
	    "1     +++ exited with 0 +++\n";
	char *path = g_build_filename(r->dir, "small.log.gz", NULL);
	write_gzip(path, text, strlen(text));
	g_ptr_array_add(r->files, path);
	/* It is compressed: it starts with the gzip magic 1f 8b. */
	char *raw = NULL;
	gsize rawlen = 0;
	g_file_get_contents(path, &raw, &rawlen, NULL);
	CU_ASSERT(rawlen > 2 && (unsigned char)raw[0] == 0x1f &&
	    (unsigned char)raw[1] == 0x8b);
	g_free(raw);
	const char *paths[] = { path };
	read_paths(r, paths, 1, false);
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 3);
	CALL(r, 0, 1, 1, "openat", "AT_FDCWD, \"/etc/hosts\", O_RDONLY",
	    RET_VALUE, 3, NULL);
	CALL(r, 1, 1, 2, "close", "4", RET_VALUE, -1, "EBADF");
	EQ_INT(rec_at(r, 2)->kind, EVENT_EXIT);
	EQ_INT(rec_at(r, 2)->line, 3);
	run_free(r);

	r = run_new();
	GString *big = g_string_new(NULL);
	for (int i = 0; i < 100000; i++)
		g_string_append_printf(big, "close(%d) = 0\n", i);
	path = g_build_filename(r->dir, "big.log.gz", NULL);
	write_gzip(path, big->str, big->len);
	g_string_free(big, TRUE);
	g_ptr_array_add(r->files, path);
	paths[0] = path;
	read_paths(r, paths, 1, false);
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 100000);
	CALL(r, 0, 0, 1, "close", "0", RET_VALUE, 0, NULL);
	CALL(r, 54321, 0, 54322, "close", "54321", RET_VALUE, 0, NULL);
	CALL(r, 99999, 0, 100000, "close", "99999", RET_VALUE, 0, NULL);
	run_free(r);
}

/*
 * "strace -ff -tt -o NAME": NAME.100 and NAME.101, no prefixes; merged by
 * time, pid from the suffix.  10:00:00 is 36000 s.
 *
 *   NAME.100: execve 1us (line 1), clone 10us (2), wait4 30us (3),
 *             exited 40us (4)
 *   NAME.101: execve 15us (1), exit_group 20us (2), exited 25us (3)
 */
static void
test_ff_merge(void)
{
	struct run *r = run_new();
	put_file(r, "trace.100",
	    "10:00:00.000001 execve(\"/bin/sh\", [\"sh\", \"-c\", \"true\"], 0x7ffd5e3c1a08 /* 3 vars */) = 0\n"
	    "10:00:00.000010 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3b2d4e6a10) = 101\n"
	    "10:00:00.000030 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101\n"
	    "10:00:00.000040 +++ exited with 0 +++\n", -1);
	put_file(r, "trace.101",
	    "10:00:00.000015 execve(\"/bin/true\", [\"true\"], 0x55d4c6a8f2a8 /* 3 vars */) = 0\n"
	    "10:00:00.000020 exit_group(0)           = ?\n"
	    "10:00:00.000025 +++ exited with 0 +++\n", -1);
	/* Not part of the set: no pid suffix, another name. */
	put_file(r, "trace.txt", "close(1) = 0\n", -1);
	put_file(r, "tracex.102", "close(1) = 0\n", -1);

	char *prefix = g_build_filename(r->dir, "trace", NULL);
	GError *err = NULL;
	char **paths = trace_expand_path(prefix, &err);
	CU_ASSERT_PTR_NULL(err);
	CU_ASSERT_PTR_NOT_NULL(paths);
	if (paths != NULL) {
		EQ_INT(g_strv_length(paths), 2);
		char *p100 = g_build_filename(r->dir, "trace.100", NULL);
		char *p101 = g_build_filename(r->dir, "trace.101", NULL);
		EQ_STR(paths[0], p100);
		EQ_STR(paths[1], p100 != NULL ? p101 : NULL);
		read_paths(r, (const char *const *)paths, g_strv_length(paths),
		    false);
		g_free(p100);
		g_free(p101);
	}
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 7);
	static const int pids[] = { 100, 100, 101, 101, 101, 100, 100 };
	static const int lines[] = { 1, 2, 1, 2, 3, 3, 4 };
	static const int64_t us[] = { 1, 10, 15, 20, 25, 30, 40 };
	for (guint i = 0; i < 7; i++) {
		EQ_INT(rec_at(r, i)->pid, pids[i]);
		EQ_INT(rec_at(r, i)->line, lines[i]);
		EQ_INT(rec_at(r, i)->time_ns, INT64_C(36000000000000) +
		    us[i] * 1000);
	}
	CALL(r, 2, 101, 1, "execve",
	    "\"/bin/true\", [\"true\"], 0x55d4c6a8f2a8 /* 3 vars */", RET_VALUE,
	    0, NULL);
	EQ_STR(rec_at(r, 2)->file, paths != NULL ? paths[1] : "");
	EQ_STR(rec_at(r, 0)->file, paths != NULL ? paths[0] : "");
	CALL(r, 5, 100, 3, "wait4",
	    "-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", RET_VALUE,
	    101, NULL);
	g_strfreev(paths);
	g_free(prefix);
	run_free(r);
}

/* Files of one -ff run without times are read one after the other. */
static void
test_ff_untimed(void)
{
	struct run *r = run_new();
	const char *a = put_file(r, "t.7", "close(1) = 0\nclose(2) = 0\n", -1);
	const char *b = put_file(r, "t.8", "close(3) = 0\n", -1);
	const char *paths[] = { b, a };

	read_paths(r, paths, 2, false);
	CU_ASSERT_PTR_NULL(r->err);
	EQ_INT(r->recs->len, 3);
	CALL(r, 0, 8, 1, "close", "3", RET_VALUE, 0, NULL);
	CALL(r, 1, 7, 1, "close", "1", RET_VALUE, 0, NULL);
	CALL(r, 2, 7, 2, "close", "2", RET_VALUE, 0, NULL);
	run_free(r);
}

/* trace_expand_path(): sorted by pid as a number; the name itself wins. */
static void
test_expand_path(void)
{
	struct run *r = run_new();
	GError *err = NULL;

	put_file(r, "log.1000", "", -1);
	put_file(r, "log.999", "", -1);
	put_file(r, "log.99x", "", -1);
	put_file(r, "log.", "", -1);
	put_file(r, "logs.5", "", -1);
	char *prefix = g_build_filename(r->dir, "log", NULL);
	char **v = trace_expand_path(prefix, &err);
	CU_ASSERT_PTR_NULL(err);
	if (v != NULL) {
		char *p999 = g_build_filename(r->dir, "log.999", NULL);
		char *p1000 = g_build_filename(r->dir, "log.1000", NULL);
		EQ_INT(g_strv_length(v), 2);
		EQ_STR(v[0], p999);
		EQ_STR(v[0] != NULL ? v[1] : NULL, p1000);
		g_free(p999);
		g_free(p1000);
	} else {
		CU_FAIL("no expansion");
	}
	g_strfreev(v);

	/* A name that exists is itself, even with NAME.PID files around. */
	put_file(r, "log", "", -1);
	v = trace_expand_path(prefix, &err);
	CU_ASSERT_PTR_NULL(err);
	if (v != NULL) {
		EQ_INT(g_strv_length(v), 1);
		EQ_STR(v[0], prefix);
	}
	g_strfreev(v);
	g_free(prefix);

	prefix = g_build_filename(r->dir, "nothing", NULL);
	v = trace_expand_path(prefix, &err);
	CU_ASSERT_PTR_NULL(v);
	CU_ASSERT(g_error_matches(err, TRACE_ERROR, TRACE_ERROR_IO));
	g_clear_error(&err);
	g_strfreev(v);
	g_free(prefix);
	run_free(r);
}

/* The parsed arguments of the record in hand. */
static void
test_args_tree(void)
{
	struct run *r = run_new();
	const char *p = put_file(r, "t.log",
	    "read(3, <unfinished ...>\n"
	    "<... read resumed>\"abc\", 10) = 3\n", -1);
	const char *paths[] = { p };
	struct strace_reader *rd = strace_reader_open(paths, 1, NULL, NULL);
	const struct event *ev = rd != NULL ? strace_reader_next(rd, NULL) :
	    NULL;

	CU_ASSERT_PTR_NOT_NULL(ev);
	if (ev != NULL) {
		const struct value *a = strace_reader_args(rd, ev);
		EQ_INT(a->kind, VALUE_ARRAY);
		EQ_INT(a->nchild, 3);
		EQ_INT(value_child(a, 0)->num, 3);
		EQ_INT(value_child(a, 1)->kind, VALUE_STR);
		EQ_INT(value_child(a, 1)->len, 3);
		EQ_INT(value_child(a, 2)->num, 10);
		a = strace_reader_args_upto(rd, ev, 1);
		CU_ASSERT(a->nchild >= 1);
		CU_ASSERT_PTR_NULL(strace_reader_next(rd, NULL));
	}
	strace_reader_free(rd);
	run_free(r);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("strace reader", NULL, NULL);

	CU_add_test(s, "plain log", test_plain);
	CU_add_test(s, "-f -o pid prefix", test_pid_prefix);
	CU_add_test(s, "[pid N] prefix, first process pid 0", test_stderr_pids);
	CU_add_test(s, "strace message inside a line, pid 0 in clone",
	    test_stderr_splice);
	CU_add_test(s, "-t -tt -ttt -r", test_timestamps);
	CU_add_test(s, "-tt across midnight", test_midnight);
	CU_add_test(s, "-T, -i, -n", test_durations_and_brackets);
	CU_add_test(s, "unfinished/resumed across pids", test_unfinished_resumed);
	CU_add_test(s, "merged call keeps its start time", test_unfinished_times);
	CU_add_test(s, "= ? <unavailable>", test_unavailable);
	CU_add_test(s, "resumed with no start, strict", test_resumed_without_start);
	CU_add_test(s, "detached, killed in a call, log ends", test_never_returned);
	CU_add_test(s, "signals and exits", test_signals_and_exits);
	CU_add_test(s, "-k frames", test_frames);
	CU_add_test(s, "-C summary", test_summary);
	CU_add_test(s, "-yy, ) and = in strings and paths",
	    test_decorations_and_strings);
	CU_add_test(s, "last line cut short", test_cut_short);
	CU_add_test(s, "CRLF", test_crlf);
	CU_add_test(s, "not a log, empty, missing", test_not_a_log);
	CU_add_test(s, "NUL bytes", test_nul_bytes);
	CU_add_test(s, "10 MiB garbage line", test_huge_garbage_line);
	CU_add_test(s, "gzip", test_gzip);
	CU_add_test(s, "-ff merged by time", test_ff_merge);
	CU_add_test(s, "-ff without times", test_ff_untimed);
	CU_add_test(s, "trace_expand_path", test_expand_path);
	CU_add_test(s, "argument tree of a merged call", test_args_tree);
}
