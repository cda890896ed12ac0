/*
 * test_stats.c: trace_stats on small logs in strace 6.x syntax ("strace -f
 * -o" pid prefixes), with every count worked out by hand in the comment
 * above its log.
 */
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <glib/gstdio.h>

#include "tests/unit/cu_assert.h"
#include "trace/stats.h"
#include "trace/trace.h"

/* Reads the logs, one trace each, into one accumulator, and finishes it. */
static struct trace_stats *
stats_of(const char *const *logs, size_t n)
{
	struct trace_stats *st = trace_stats_new();

	for (size_t i = 0; i < n; i++) {
		char *path = NULL;
		GError *err = NULL;
		int fd = g_file_open_tmp("tracemine-stats-XXXXXX.log", &path,
		    &err);
		g_assert(fd >= 0);
		close(fd);
		g_assert(g_file_set_contents(path, logs[i], -1, NULL));
		const char *paths[] = { path };
		struct strace_reader *r = strace_reader_open(paths, 1, NULL,
		    &err);
		CU_ASSERT_PTR_NOT_NULL(r);
		trace_stats_begin_trace(st);
		trace_stats_add_file(st, path);
		const struct event *ev;
		while (r != NULL && (ev = strace_reader_next(r, &err)) != NULL)
			trace_stats_add(st, ev, trace_stats_wants_args(ev) ?
			    strace_reader_args(r, ev) : NULL);
		CU_ASSERT_PTR_NULL(err);
		g_clear_error(&err);
		strace_reader_free(r);
		g_unlink(path);
		g_free(path);
	}
	trace_stats_finish(st);
	return st;
}

static unsigned long
count_of(GHashTable *t, const char *name)
{
	return GPOINTER_TO_SIZE(g_hash_table_lookup(t, trace_intern(name)));
}

static unsigned long
count_int(GHashTable *t, int key)
{
	return GPOINTER_TO_SIZE(g_hash_table_lookup(t, GINT_TO_POINTER(key)));
}

static const struct trace_proc *
proc_at(const struct trace_stats *st, guint i)
{
	static const struct trace_proc none = { .pid = -1 };

	return i < st->tree->len ? &g_array_index(st->tree, struct trace_proc,
	    i) : &none;
}

/*
 * 500 runs a thread (501, clone3 with CLONE_THREAD), a child process (502,
 * clone without it) that is killed by SIGPIPE, and a vfork child (503)
 * that exits with 3; thread 501 is in read when 500 exits.
 *
 * System-call records, one per call:
 *   1 execve  2 openat ENOENT  3 access ENOENT  4 clone3 = 501
 *   5 futex (two halves)  6 clone = 502  7 kill ESRCH  8 write EPIPE
 *   9 vfork = 503  10 exit_group(503)  11 read (never returned)
 *   12 exit_group(500)
 * = 12 events; failed 4 (ENOENT 2, ESRCH 1, EPIPE 1); unknown ("= ?") 2;
 * unreturned 1.  Signals: SIGPIPE, SIGCHLD = 2.  Exits: 3 once, 0 twice
 * (501 and 500).  Killed: SIGPIPE once.  The -k frame and the -C table are
 * not records.  Processes 500, 502, 503 = 3; threads 501 = 1.
 * Calls: 11 names; exit_group twice.
 */
static const char full_log[] =
    "500   execve(\"/usr/bin/sh\", [\"sh\", \"-c\", \"x\"], 0x7ffc7a3e5d18 /* 30 vars */) = 0\n"
    "500   openat(AT_FDCWD, \"/etc/ld.so.preload\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)\n"
    "500   access(\"/etc/nope\", R_OK)         = -1 ENOENT (No such file or directory)\n"
    "500   clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f5e1c7ff910, parent_tid=0x7f5e1c7ff910, exit_signal=0, stack=0x7f5e1bfff000, stack_size=0x7fff00, tls=0x7f5e1c7ff640} => {parent_tid=[501]}, 88) = 501\n"
    "501   futex(0x7f5e1c7ff990, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n"
    "500   clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f5e1c800a10) = 502\n"
    "502   kill(999999, SIGTERM)             = -1 ESRCH (No such process)\n"
    "502   write(1, \"x\", 1)                  = -1 EPIPE (Broken pipe)\n"
    " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0x10e8a4]\n"
    "502   --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=502, si_uid=1000} ---\n"
    "502   +++ killed by SIGPIPE +++\n"
    "500   --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=502, si_uid=1000, si_status=SIGPIPE, si_utime=0, si_stime=0} ---\n"
    "501   <... futex resumed>)              = 0\n"
    "500   vfork()                           = 503\n"
    "503   exit_group(3)                     = ?\n"
    "503   +++ exited with 3 +++\n"
    "501   read(0,  <unfinished ...>\n"
    "500   exit_group(0)                     = ?\n"
    "501   +++ exited with 0 +++\n"
    "500   +++ exited with 0 +++\n"
    "% time     seconds  usecs/call     calls    errors syscall\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    " 100.00   0.000100         100         1           read\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    "100.00    0.000100         100         1           total\n";

static void
test_counts(void)
{
	const char *logs[] = { full_log };
	struct trace_stats *st = stats_of(logs, 1);

	EQ_INT(st->events, 12);
	EQ_INT(st->failed, 4);
	EQ_INT(st->unknown, 2);
	EQ_INT(st->unreturned, 1);
	EQ_INT(g_hash_table_size(st->errors), 3);
	EQ_INT(count_of(st->errors, "ENOENT"), 2);
	EQ_INT(count_of(st->errors, "ESRCH"), 1);
	EQ_INT(count_of(st->errors, "EPIPE"), 1);
	EQ_INT(st->signals_n, 2);
	EQ_INT(g_hash_table_size(st->signals), 2);
	EQ_INT(count_of(st->signals, "SIGPIPE"), 1);
	EQ_INT(count_of(st->signals, "SIGCHLD"), 1);
	EQ_INT(g_hash_table_size(st->exits), 2);
	EQ_INT(count_int(st->exits, 3), 1);
	EQ_INT(count_int(st->exits, 0), 2);
	EQ_INT(g_hash_table_size(st->killed), 1);
	EQ_INT(count_of(st->killed, "SIGPIPE"), 1);
	EQ_INT(g_hash_table_size(st->calls), 11);
	EQ_INT(count_of(st->calls, "exit_group"), 2);
	EQ_INT(count_of(st->calls, "futex"), 1);
	EQ_INT(count_of(st->calls, "read"), 1);
	EQ_INT(count_of(st->calls, "vfork"), 1);
	EQ_INT(st->has_time, false);
	EQ_INT(st->files->len, 1);
	trace_stats_free(st);
}

static void
test_processes_threads(void)
{
	const char *logs[] = { full_log };
	struct trace_stats *st = stats_of(logs, 1);

	EQ_INT(st->processes, 3);
	EQ_INT(st->threads, 1);
	/* The tree, by pid: 500 (made by nothing the trace shows), 501 a
	 * thread of 500, 502 and 503 made by 500. */
	EQ_INT(st->tree->len, 4);
	EQ_INT(proc_at(st, 0)->pid, 500);
	EQ_INT(proc_at(st, 0)->thread, false);
	EQ_INT(proc_at(st, 0)->has_parent, false);
	EQ_INT(proc_at(st, 1)->pid, 501);
	EQ_INT(proc_at(st, 1)->thread, true);
	EQ_INT(proc_at(st, 1)->owner, 500);
	EQ_INT(proc_at(st, 2)->pid, 502);
	EQ_INT(proc_at(st, 2)->thread, false);
	EQ_INT(proc_at(st, 2)->has_parent, true);
	EQ_INT(proc_at(st, 2)->parent, 500);
	EQ_INT(proc_at(st, 3)->pid, 503);
	EQ_INT(proc_at(st, 3)->thread, false);
	EQ_INT(proc_at(st, 3)->parent, 500);
	trace_stats_free(st);
}

/*
 * As strace -f prints it most of the time: the new thread's first call
 * comes before its creator's clone3 returns.  Still one process (700) and
 * one thread (701); events: clone3, set_robust_list, rseq, exit = 4, of
 * which clone3 was split.
 */
static void
test_thread_before_clone_returns(void)
{
	const char *logs[] = {
	    "700   clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f5e1c7ff910, parent_tid=0x7f5e1c7ff910, exit_signal=0, stack=0x7f5e1bfff000, stack_size=0x7fff00, tls=0x7f5e1c7ff640} <unfinished ...>\n"
	    "701   set_robust_list(0x7f5e1c7ff920, 24) = 0\n"
	    "700   <... clone3 resumed> => {parent_tid=[701]}, 88) = 701\n"
	    "701   rseq(0x7f5e1c7fffe0, 0x20, 0, 0x53053053) = 0\n"
	    "701   exit(0)                           = ?\n"
	    "701   +++ exited with 0 +++\n"
	    "700   +++ exited with 0 +++\n",
	};
	struct trace_stats *st = stats_of(logs, 1);

	EQ_INT(st->events, 4);
	EQ_INT(st->split, 1);
	EQ_INT(st->processes, 1);
	EQ_INT(st->threads, 1);
	EQ_INT(proc_at(st, 1)->pid, 701);
	EQ_INT(proc_at(st, 1)->thread, true);
	EQ_INT(proc_at(st, 1)->owner, 700);
	trace_stats_free(st);
}

/*
 * Split calls: an unfinished + resumed pair is one event, split; a call
 * with both halves in another's middle too.  3 events, 2 split.
 */
static void
test_split(void)
{
	const char *logs[] = {
	    "10    read(3,  <unfinished ...>\n"
	    "11    write(1, \"a\", 1 <unfinished ...>\n"
	    "10    <... read resumed>\"abc\", 10) = 3\n"
	    "11    <... write resumed>)              = 1\n"
	    "10    close(3)                          = 0\n",
	};
	struct trace_stats *st = stats_of(logs, 1);

	EQ_INT(st->events, 3);
	EQ_INT(st->split, 2);
	EQ_INT(st->unreturned, 0);
	EQ_INT(st->failed, 0);
	EQ_INT(count_of(st->calls, "read"), 1);
	EQ_INT(count_of(st->calls, "write"), 1);
	EQ_INT(st->processes, 2);
	EQ_INT(st->threads, 0);
	trace_stats_free(st);
}

/*
 * Time span, -tt across midnight: first 23:59:59.500000 = 86399.5 s, last
 * the exit at 00:00:00.250100 of the next day = 86400.2501 s.
 */
static void
test_time_span(void)
{
	const char *logs[] = {
	    "23:59:59.500000 execve(\"/bin/true\", [\"true\"], 0x7ffd1b2c3d48 /* 1 var */) = 0\n"
	    "23:59:59.900000 brk(NULL)               = 0x55d4c6a8e000\n"
	    "00:00:00.250000 exit_group(0)           = ?\n"
	    "00:00:00.250100 +++ exited with 0 +++\n",
	};
	struct trace_stats *st = stats_of(logs, 1);

	EQ_INT(st->has_time, true);
	EQ_INT(st->time_kind, TIME_CLOCK);
	EQ_INT(st->first_ns, INT64_C(86399500000000));
	EQ_INT(st->last_ns, INT64_C(86400250100000));
	EQ_INT(st->last_ns - st->first_ns, INT64_C(750100000));
	EQ_INT(st->events, 3);
	EQ_INT(st->processes, 1);
	trace_stats_free(st);
}

/* Two one-process traces with the same pid are two processes. */
static void
test_two_traces(void)
{
	const char *logs[] = {
	    "close(3) = 0\n+++ exited with 0 +++\n",
	    "close(4) = 0\nclose(5) = 0\n+++ exited with 1 +++\n",
	};
	struct trace_stats *st = stats_of(logs, 2);

	EQ_INT(st->traces, 2);
	EQ_INT(st->events, 3);
	EQ_INT(st->processes, 2);
	EQ_INT(st->threads, 0);
	EQ_INT(st->tree->len, 2);
	EQ_INT(proc_at(st, 0)->trace, 0);
	EQ_INT(proc_at(st, 1)->trace, 1);
	EQ_INT(count_int(st->exits, 0), 1);
	EQ_INT(count_int(st->exits, 1), 1);
	EQ_INT(st->files->len, 2);
	trace_stats_free(st);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("trace stats", NULL, NULL);

	CU_add_test(s, "events, errors, signals, exits", test_counts);
	CU_add_test(s, "processes and threads", test_processes_threads);
	CU_add_test(s, "thread seen before clone3 returns",
	    test_thread_before_clone_returns);
	CU_add_test(s, "split calls", test_split);
	CU_add_test(s, "time span across midnight", test_time_span);
	CU_add_test(s, "two traces", test_two_traces);
}
