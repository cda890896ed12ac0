/*
 * test_reader.c: the strace reader on small logs in strace 6.1's syntax
 * (lines taken from real logs of corpora/strace/, pids and addresses kept),
 * with every expected value counted by hand from the snippet.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <gio/gio.h>

#include "trace/trace.h"

/* A copy of what a test needs of one record. */
struct rec {
	enum event_kind kind;
	int pid;
	uint64_t line, end_line;
	char *name;
	char *args;
	enum event_ret ret_kind;
	int64_t ret;
	char *err;
	char *ret_text;
	bool split, args_cut;
	enum trace_time time_kind;
	int64_t time_ns, duration_ns;
	unsigned nframes;
	char *frame0;
	char *signal;
	int status;
};

struct run {
	GArray *recs;		/* struct rec */
	GPtrArray *warnings;	/* char * */
	GError *err;
	char *path;
};

static void
on_warn(void *ctx, const char *msg)
{
	g_ptr_array_add(ctx, g_strdup(msg));
}

static char *
write_log(const char *name, const char *text, size_t len)
{
	char *dir = g_dir_make_tmp("tracemine-test-XXXXXX", NULL);
	char *path = g_build_filename(dir, name, NULL);

	g_file_set_contents(path, text, len, NULL);
	g_free(dir);
	return path;
}

static void
read_all(struct run *run, const char *const *paths, size_t n, bool strict)
{
	struct strace_opts o = { .strict = strict, .warn = on_warn,
	    .warn_ctx = run->warnings };
	struct strace_reader *r = strace_reader_open(paths, n, &o, &run->err);
	const struct event *ev;

	if (r == NULL)
		return;
	while ((ev = strace_reader_next(r, &run->err)) != NULL) {
		struct rec c = {
			.kind = ev->kind, .pid = ev->pid, .line = ev->line,
			.end_line = ev->end_line,
			.name = g_strdup(ev->name),
			.args = ev->args ? g_strndup(ev->args, ev->args_len) : NULL,
			.ret_kind = ev->ret_kind, .ret = ev->ret,
			.err = g_strdup(ev->err),
			.ret_text = ev->ret_text ? g_strndup(ev->ret_text,
			    ev->ret_len) : NULL,
			.split = ev->split, .args_cut = ev->args_cut,
			.time_kind = ev->time_kind, .time_ns = ev->time_ns,
			.duration_ns = ev->duration_ns,
			.nframes = ev->nframes,
			.frame0 = ev->nframes ? g_strndup(ev->frames[0].text,
			    ev->frames[0].len) : NULL,
			.signal = g_strdup(ev->signal),
			.status = ev->status,
		};
		g_array_append_val(run->recs, c);
	}
	strace_reader_free(r);
}

static struct run *
run_text(const char *text, bool strict)
{
	struct run *run = g_new0(struct run, 1);

	run->recs = g_array_new(FALSE, TRUE, sizeof(struct rec));
	run->warnings = g_ptr_array_new_with_free_func(g_free);
	run->path = write_log("t.log", text, strlen(text));
	const char *paths[] = { run->path };
	read_all(run, paths, 1, strict);
	return run;
}

static void
run_free(struct run *run)
{
	for (unsigned i = 0; i < run->recs->len; i++) {
		struct rec *c = &g_array_index(run->recs, struct rec, i);
		g_free(c->name);
		g_free(c->args);
		g_free(c->err);
		g_free(c->ret_text);
		g_free(c->frame0);
		g_free(c->signal);
	}
	g_array_free(run->recs, TRUE);
	g_ptr_array_free(run->warnings, TRUE);
	g_clear_error(&run->err);
	if (run->path != NULL) {
		char *dir = g_path_get_dirname(run->path);
		unlink(run->path);
		rmdir(dir);
		g_free(dir);
	}
	g_free(run->path);
	g_free(run);
}

#define REC(run, i) (&g_array_index((run)->recs, struct rec, (i)))

static void
test_plain(void)
{
	struct run *r = run_text(
	    "execve(\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"], 0x7ffc7ac02070 /* 41 vars */) = 0\n"
	    "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\n"
	    "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f4aba20d000\n"
	    "close(3)                                = 0\n"
	    "exit_group(0)                           = ?\n"
	    "+++ exited with 0 +++\n", false);

	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 6);
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->name, "execve");
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->args,
	    "\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"], 0x7ffc7ac02070 /* 41 vars */");
	CU_ASSERT_EQUAL(REC(r, 0)->pid, 0);
	CU_ASSERT_EQUAL(REC(r, 1)->ret, -1);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->err, "ENOENT");
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->ret_text, "(No such file or directory)");
	CU_ASSERT_EQUAL(REC(r, 2)->ret, INT64_C(0x7f4aba20d000));
	CU_ASSERT_PTR_NULL(REC(r, 2)->err);
	/* A return aligned with spaces. */
	CU_ASSERT_STRING_EQUAL(REC(r, 3)->args, "3");
	CU_ASSERT_EQUAL(REC(r, 3)->line, 4);
	CU_ASSERT_EQUAL(REC(r, 4)->ret_kind, RET_UNKNOWN);
	CU_ASSERT_EQUAL(REC(r, 5)->kind, EVENT_EXIT);
	CU_ASSERT_EQUAL(REC(r, 5)->status, 0);
	CU_ASSERT_EQUAL(r->warnings->len, 0);
	run_free(r);
}

static void
test_unfinished_resumed(void)
{
	/* From corpora/strace/net.log: two processes interleaved. */
	struct run *r = run_text(
	    "16554 recvfrom(4<TCP:[127.0.0.1:47801->127.0.0.1:57632]>,  <unfinished ...>\n"
	    "16555 recvfrom(4<TCP:[127.0.0.1:57632->127.0.0.1:47801]>,  <unfinished ...>\n"
	    "16554 <... recvfrom resumed>\"ping\", 16, 0, NULL, NULL) = 4\n"
	    "16554 sendto(4<TCP:[127.0.0.1:47801->127.0.0.1:57632]>, \"pong\", 4, 0, NULL, 0) = 4\n"
	    "16555 <... recvfrom resumed>\"pong\", 16, 0, NULL, NULL) = 4\n", false);

	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 3);
	/* Delivered when complete: 16554's recvfrom, sendto, 16555's. */
	CU_ASSERT_EQUAL(REC(r, 0)->pid, 16554);
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->name, "recvfrom");
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->args,
	    "4<TCP:[127.0.0.1:47801->127.0.0.1:57632]>, \"ping\", 16, 0, NULL, NULL");
	CU_ASSERT(REC(r, 0)->split);
	CU_ASSERT_EQUAL(REC(r, 0)->line, 1);
	CU_ASSERT_EQUAL(REC(r, 0)->end_line, 3);
	CU_ASSERT_EQUAL(REC(r, 0)->ret, 4);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->name, "sendto");
	CU_ASSERT(!REC(r, 1)->split);
	CU_ASSERT_EQUAL(REC(r, 2)->pid, 16555);
	CU_ASSERT_EQUAL(REC(r, 2)->line, 2);
	CU_ASSERT_EQUAL(REC(r, 2)->end_line, 5);
	CU_ASSERT_STRING_EQUAL(REC(r, 2)->args,
	    "4<TCP:[127.0.0.1:57632->127.0.0.1:47801]>, \"pong\", 16, 0, NULL, NULL");
	run_free(r);
}

static void
test_killed_in_call(void)
{
	/* From corpora/strace/killed.log. */
	struct run *r = run_text(
	    "15922 read(3,  <unfinished ...>\n"
	    "15921 kill(15922, SIGKILL)                = 0\n"
	    "15922 <... read resumed> <unfinished ...>) = ?\n"
	    "15922 +++ killed by SIGKILL +++\n"
	    "15923 read(0, <unfinished ...>\n"
	    "15923 +++ killed by SIGSEGV (core dumped) +++\n", false);

	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 5);
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->name, "kill");
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->name, "read");
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->args, "3, ");
	CU_ASSERT_EQUAL(REC(r, 1)->ret_kind, RET_UNKNOWN);
	CU_ASSERT_EQUAL(REC(r, 2)->kind, EVENT_KILLED);
	CU_ASSERT_STRING_EQUAL(REC(r, 2)->signal, "SIGKILL");
	/* A first half whose process dies: delivered first, never returned. */
	CU_ASSERT_STRING_EQUAL(REC(r, 3)->name, "read");
	CU_ASSERT_EQUAL(REC(r, 3)->pid, 15923);
	CU_ASSERT_EQUAL(REC(r, 3)->ret_kind, RET_NONE);
	CU_ASSERT_EQUAL(REC(r, 3)->line, 5);
	CU_ASSERT_EQUAL(REC(r, 4)->kind, EVENT_KILLED);
	CU_ASSERT_STRING_EQUAL(REC(r, 4)->signal, "SIGSEGV");
	run_free(r);
}

static void
test_stderr_pids(void)
{
	/* From corpora/strace/stderr-f.log, shortened. */
	struct run *r = run_text(
	    "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], NULL, 8) = 0\n"
	    "vfork(strace: Process 14852 attached\n"
	    " <unfinished ...>\n"
	    "[pid 14852] execve(\"/usr/bin/ls\", [\"ls\", \"/etc\"], 0x56036d29cbd8 /* 42 vars */ <unfinished ...>\n"
	    "[pid 14851] <... vfork resumed>)        = 14852\n"
	    "[pid 14851] wait4(-1,  <unfinished ...>\n"
	    "[pid 14852] <... execve resumed>)       = 0\n"
	    "[pid 14852] exit_group(0)               = ?\n"
	    "[pid 14852] +++ exited with 0 +++\n"
	    "<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 14852\n"
	    "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=14852, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---\n"
	    "exit_group(0)                           = ?\n"
	    "+++ exited with 0 +++\n", false);

	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL(r->warnings->len, 0);
	/*
	 * 13 lines, 9 records: rt_sigprocmask, vfork (lines 2, 3 and 5),
	 * execve (4, 7), exit_group, exit, wait4 (6, 10), SIGCHLD,
	 * exit_group, exit.
	 */
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 9);
	/* The first process is 0 before and after its pid shows. */
	CU_ASSERT_EQUAL(REC(r, 0)->pid, 0);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->name, "vfork");
	CU_ASSERT_EQUAL(REC(r, 1)->pid, 0);
	CU_ASSERT_EQUAL(REC(r, 1)->line, 2);
	CU_ASSERT_EQUAL(REC(r, 1)->end_line, 5);
	CU_ASSERT_EQUAL(REC(r, 1)->ret, 14852);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->args, "");
	CU_ASSERT_STRING_EQUAL(REC(r, 2)->name, "execve");
	CU_ASSERT_EQUAL(REC(r, 2)->pid, 14852);
	CU_ASSERT_EQUAL(REC(r, 4)->kind, EVENT_EXIT);
	CU_ASSERT_EQUAL(REC(r, 4)->pid, 14852);
	/* The last process alive has no prefix again: still 0. */
	CU_ASSERT_STRING_EQUAL(REC(r, 5)->name, "wait4");
	CU_ASSERT_EQUAL(REC(r, 5)->pid, 0);
	CU_ASSERT_EQUAL(REC(r, 5)->line, 6);
	CU_ASSERT_EQUAL(REC(r, 5)->ret, 14852);
	CU_ASSERT_EQUAL(REC(r, 6)->kind, EVENT_SIGNAL);
	CU_ASSERT_STRING_EQUAL(REC(r, 6)->signal, "SIGCHLD");
	CU_ASSERT_EQUAL(REC(r, 6)->pid, 0);
	CU_ASSERT_STRING_EQUAL(REC(r, 7)->name, "exit_group");
	CU_ASSERT_EQUAL(REC(r, 7)->pid, 0);
	CU_ASSERT_EQUAL(REC(r, 8)->kind, EVENT_EXIT);
	CU_ASSERT_EQUAL(REC(r, 8)->pid, 0);
	run_free(r);
}

static void
test_times(void)
{
	struct run *r = run_text(
	    "23:59:59.999999 close(3) = 0 <0.000012>\n"
	    "00:00:00.000001 close(4) = 0 <1.5>\n", false);

	CU_ASSERT_EQUAL_FATAL(r->recs->len, 2);
	CU_ASSERT_EQUAL(REC(r, 0)->time_kind, TIME_CLOCK);
	CU_ASSERT_EQUAL(REC(r, 0)->time_ns, INT64_C(86399999999000));
	/* Past midnight: a day later, 2 microseconds after the first. */
	CU_ASSERT_EQUAL(REC(r, 1)->time_ns, INT64_C(86400000001000));
	CU_ASSERT_EQUAL(REC(r, 0)->duration_ns, 12000);
	CU_ASSERT_EQUAL(REC(r, 1)->duration_ns, INT64_C(1500000000));
	run_free(r);

	r = run_text(
	    "     0.000000 [  59] [00007f920a72cad7] execve(\"/usr/bin/cat\", [\"cat\"], 0x7ffc /* 41 vars */) = 0\n"
	    "     0.001389 [  12] [00007f4aba236c47] brk(NULL) = 0x55e0e197d000\n"
	    "     0.000745 [????????????????] +++ exited with 0 +++\n", false);
	CU_ASSERT_EQUAL(r->warnings->len, 0);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 3);
	CU_ASSERT_EQUAL(REC(r, 1)->time_kind, TIME_RELATIVE);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->name, "brk");
	CU_ASSERT_EQUAL(REC(r, 1)->time_ns, 1389000);
	CU_ASSERT_EQUAL(REC(r, 2)->time_ns, 2134000);
	run_free(r);

	r = run_text("1700000000.123456789 close(3) = 0\n", false);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 1);
	CU_ASSERT_EQUAL(REC(r, 0)->time_kind, TIME_EPOCH);
	CU_ASSERT_EQUAL(REC(r, 0)->time_ns, INT64_C(1700000000123456789));
	run_free(r);
}

static void
test_frames_and_decorations(void)
{
	struct run *r = run_text(
	    "openat(AT_FDCWD</tmp/stx>, \"d/a\", O_RDONLY) = 3</tmp/stx/d/a\\76b) = 3,]\\74x>\n"
	    " > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x51) [0xf7a51]\n"
	    " > /usr/bin/cat(+0x2d5b) [0x2d5b]\n"
	    "close(3</tmp/stx/d/a\\76b) = 3,]\\74x>) = 0\n", false);

	CU_ASSERT_EQUAL_FATAL(r->recs->len, 2);
	CU_ASSERT_EQUAL(REC(r, 0)->ret, 3);
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->ret_text, "</tmp/stx/d/a\\76b) = 3,]\\74x>");
	CU_ASSERT_EQUAL(REC(r, 0)->nframes, 2);
	CU_ASSERT_STRING_EQUAL(REC(r, 0)->frame0,
	    "/usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x51) [0xf7a51]");
	/* ") = 3" inside the path is not the end of the call. */
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->args, "3</tmp/stx/d/a\\76b) = 3,]\\74x>");
	CU_ASSERT_EQUAL(REC(r, 1)->ret, 0);
	CU_ASSERT_EQUAL(REC(r, 1)->line, 4);
	CU_ASSERT_EQUAL(REC(r, 1)->nframes, 0);
	run_free(r);
}

static void
test_oddities(void)
{
	const char *log =
	    "close(3) = 0\n"
	    "<... read resumed>\"abc\", 10) = 3\n"
	    "futex(0x7f, FUTEX_WAIT_PRIVATE, 0, NULL <detached ...>\n"
	    "--- stopped by SIGSTOP ---\n"
	    "strace: Process 5 detached\n"
	    "read(4, \"x\", 1) = 1\r\n"
	    "openat(AT_FDCWD, \"/et";
	struct run *r = run_text(log, false);

	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 5);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->name, "read");
	CU_ASSERT(REC(r, 1)->args_cut);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->args, "\"abc\", 10");
	CU_ASSERT_EQUAL(REC(r, 1)->ret, 3);
	CU_ASSERT_STRING_EQUAL(REC(r, 2)->name, "futex");
	CU_ASSERT_EQUAL(REC(r, 2)->ret_kind, RET_NONE);
	CU_ASSERT_STRING_EQUAL(REC(r, 3)->args, "4, \"x\", 1");
	CU_ASSERT_EQUAL(REC(r, 3)->ret, 1);
	CU_ASSERT_EQUAL(REC(r, 4)->ret_kind, RET_NONE);
	CU_ASSERT_EQUAL(REC(r, 4)->line, 7);
	/* Two warnings: the resumed call with no start, the cut line. */
	CU_ASSERT_EQUAL_FATAL(r->warnings->len, 2);
	char *w0 = g_strdup_printf("%s:2:1: read resumed with no call pending",
	    r->path);
	CU_ASSERT_STRING_EQUAL(r->warnings->pdata[0], w0);
	g_free(w0);
	CU_ASSERT(strstr(r->warnings->pdata[1], ":7:") != NULL);
	CU_ASSERT(strstr(r->warnings->pdata[1], "last line cut short") != NULL);
	run_free(r);

	/* Strict: the first oddity is an error, at its line and column. */
	r = run_text(log, true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->err);
	CU_ASSERT(g_error_matches(r->err, TRACE_ERROR, TRACE_ERROR_STRICT));
	char *e = g_strdup_printf("%s:2:1: read resumed with no call pending",
	    r->path);
	CU_ASSERT_STRING_EQUAL(r->err->message, e);
	g_free(e);
	CU_ASSERT_EQUAL(r->recs->len, 1);
	run_free(r);
}

static void
test_not_a_log(void)
{
	struct run *r = run_text("#!/bin/sh\necho hello\n", false);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r->err);
	CU_ASSERT(g_error_matches(r->err, TRACE_ERROR, TRACE_ERROR_SYNTAX));
	char *e = g_strdup_printf("%s:1:1: expected a system call, signal or "
	    "exit line, found \"#!/bin/sh\"", r->path);
	CU_ASSERT_STRING_EQUAL(r->err->message, e);
	g_free(e);
	CU_ASSERT_EQUAL(r->recs->len, 0);
	run_free(r);

	r = run_text("", false);
	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL(r->recs->len, 0);
	run_free(r);
}

static void
test_ff_merge(void)
{
	char *dir = g_dir_make_tmp("tracemine-ff-XXXXXX", NULL);
	char *a = g_build_filename(dir, "run.200", NULL);
	char *b = g_build_filename(dir, "run.1000", NULL);
	char *prefix = g_build_filename(dir, "run", NULL);
	const char *ta =
	    "10:00:00.000001 openat(AT_FDCWD, \"/a\", O_RDONLY) = 3\n"
	    "10:00:00.000005 close(3) = 0\n";
	const char *tb =
	    "10:00:00.000003 openat(AT_FDCWD, \"/b\", O_RDONLY) = 3\n"
	    "10:00:00.000007 close(3) = 0\n";

	g_file_set_contents(a, ta, -1, NULL);
	g_file_set_contents(b, tb, -1, NULL);
	GError *err = NULL;
	char **files = trace_expand_path(prefix, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(files);
	/* Sorted by pid, not by name: 200 before 1000. */
	CU_ASSERT_EQUAL(g_strv_length(files), 2);
	CU_ASSERT_STRING_EQUAL(files[0], a);
	CU_ASSERT_STRING_EQUAL(files[1], b);

	struct run run = { .recs = g_array_new(FALSE, TRUE, sizeof(struct rec)),
	    .warnings = g_ptr_array_new_with_free_func(g_free) };
	read_all(&run, (const char *const *)files, 2, false);
	CU_ASSERT_PTR_NULL(run.err);
	CU_ASSERT_EQUAL_FATAL(run.recs->len, 4);
	int want_pid[] = { 200, 1000, 200, 1000 };
	int64_t want_us[] = { 1, 3, 5, 7 };
	for (int i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(REC(&run, i)->pid, want_pid[i]);
		CU_ASSERT_EQUAL(REC(&run, i)->time_ns,
		    INT64_C(36000000000000) + want_us[i] * 1000);
	}
	g_strfreev(files);
	struct run *tmp = g_new0(struct run, 1);
	*tmp = run;
	run_free(tmp);

	char *missing = g_build_filename(dir, "nothing", NULL);
	CU_ASSERT_PTR_NULL(trace_expand_path(missing, &err));
	CU_ASSERT_PTR_NOT_NULL(err);
	g_clear_error(&err);
	unlink(a);
	unlink(b);
	rmdir(dir);
	g_free(missing);
	g_free(a);
	g_free(b);
	g_free(prefix);
	g_free(dir);
}

static void
test_gzip(void)
{
	const char *text = "close(3) = 0\nclose(4) = -1 EBADF (Bad file descriptor)\n";
	GConverter *z = G_CONVERTER(g_zlib_compressor_new(
	    G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
	char out[512];
	gsize rd, wr;
	GConverterResult res = g_converter_convert(z, text, strlen(text), out,
	    sizeof(out), G_CONVERTER_INPUT_AT_END, &rd, &wr, NULL);
	g_object_unref(z);
	CU_ASSERT_EQUAL_FATAL(res, G_CONVERTER_FINISHED);

	struct run *r = g_new0(struct run, 1);
	r->recs = g_array_new(FALSE, TRUE, sizeof(struct rec));
	r->warnings = g_ptr_array_new_with_free_func(g_free);
	r->path = write_log("t.log.gz", out, wr);
	const char *paths[] = { r->path };
	read_all(r, paths, 1, false);
	CU_ASSERT_PTR_NULL(r->err);
	CU_ASSERT_EQUAL_FATAL(r->recs->len, 2);
	CU_ASSERT_STRING_EQUAL(REC(r, 1)->err, "EBADF");
	run_free(r);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("reader", NULL, NULL);

	CU_add_test(s, "plain log", test_plain);
	CU_add_test(s, "unfinished and resumed across pids", test_unfinished_resumed);
	CU_add_test(s, "killed inside a call", test_killed_in_call);
	CU_add_test(s, "stderr -f: pid 0, splice, last process", test_stderr_pids);
	CU_add_test(s, "-tt midnight, -T, -r -n -i, -ttt", test_times);
	CU_add_test(s, "-k frames, -yy decorations", test_frames_and_decorations);
	CU_add_test(s, "oddities, warnings, --strict", test_oddities);
	CU_add_test(s, "not a log, empty log", test_not_a_log);
	CU_add_test(s, "-ff files merged by time", test_ff_merge);
	CU_add_test(s, "gzip read directly", test_gzip);
}
