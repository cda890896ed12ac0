/*
 * trace.h: the event model and the strace reader.
 *
 * A trace is what one run of a program did: a sequence of records read from
 * one strace log, or from the several files of one "strace -ff" run merged by
 * time.  A record (struct event) is a system call, a signal delivery, or the
 * end of a process.  A system call split by strace into an "<unfinished ...>"
 * half and a "<... NAME resumed>" half is delivered once, merged, when its
 * second half is read.
 *
 * Arguments are kept as the text strace printed and parsed on demand into a
 * small tree of values (struct value), so a tool that counts events never
 * pays for parsing arguments.
 *
 * Ownership: the reader owns every record, value and string it hands out.
 * A record and its values are valid until the next call to
 * strace_reader_next() or strace_reader_free() ("transfer none").  Names
 * (system calls, errno names, signal names, file names) are interned with
 * trace_intern() and live for the whole process.
 *
 * Errors are GError in the TRACE_ERROR domain; their messages begin with
 * "FILE:LINE:COL: ".
 */
#ifndef TRACE_TRACE_H
#define TRACE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define TRACE_ERROR (trace_error_quark())
GQuark trace_error_quark(void);

enum trace_error {
	TRACE_ERROR_IO,		/* a file could not be opened or read */
	TRACE_ERROR_SYNTAX,	/* the input is not an strace log */
	TRACE_ERROR_STRICT,	/* an oddity, made an error by --strict */
};

/*
 * The argument tree.  Every value keeps the exact text strace printed for it
 * (text, text_len), so a value the parser does not understand is never lost:
 * it is a VALUE_RAW with its text.
 */
enum value_kind {
	VALUE_INT,	/* 42, -1, 0x7ffd, 0644: num */
	VALUE_STR,	/* "a\nb": bytes (decoded), truncated if "..." followed */
	VALUE_NAME,	/* AT_FDCWD, NULL, O_RDONLY, &sin6_addr: bytes is the name */
	VALUE_FLAGS,	/* O_RDONLY|O_CLOEXEC, S_IFREG|0644: children */
	VALUE_STRUCT,	/* {st_mode=..., st_size=10, ...}: children */
	VALUE_ARRAY,	/* [1, 2], ["ls", "-l"], ~[RTMIN RT_1]: children */
	VALUE_CALL,	/* makedev(0x1, 0x3), htons(80): bytes is the name */
	VALUE_FD,	/* 3</etc/passwd>: num is the fd (-1 when too big
			 * for 64 bits), bytes the path */
	VALUE_ELLIPSIS,	/* ... (elided elements or fields) */
	VALUE_RAW,	/* anything else, kept as text */
};

struct value {
	enum value_kind kind;
	bool truncated;		/* VALUE_STR: strace cut the string ("..."). */
	bool negated;		/* VALUE_ARRAY: a complemented set, ~[...]. */
	bool overflow;		/* did not fit 64 bits: a VALUE_RAW, or a
				 * VALUE_FD whose num is -1 */
	uint32_t nchild;	/* number of children */
	const char *field;	/* "st_mode" for st_mode=..., else NULL */
	size_t field_len;
	const char *text;	/* the text strace printed for the value */
	size_t text_len;
	int64_t num;		/* VALUE_INT, VALUE_FD */
	const char *bytes;	/* VALUE_STR, VALUE_FD (path), VALUE_NAME, */
	size_t len;		/*   VALUE_CALL: decoded bytes, not NUL-safe */
	const struct value *child;	/* first child */
	const struct value *next;	/* next sibling */
	const struct value *changed;	/* in/out arguments strace prints as
					 * "A => B": this is A, changed is B */
};

/*
 * values_parse() parses text, the arguments of one system call as strace
 * printed them (without the parentheses), into a tree whose root is a
 * VALUE_ARRAY of the arguments.  It cannot fail: what it does not understand
 * becomes VALUE_RAW.  Nesting deeper than 64 levels is kept as raw text.
 * The result is freed with values_free(); values_root() is transfer none.
 */
struct values;
struct values *values_parse(const char *text, size_t len);
const struct value *values_root(const struct values *vs);
void values_free(struct values *vs);

/* The nth (0-based) child of v, or NULL when v has fewer children. */
const struct value *value_child(const struct value *v, unsigned n);

/*
 * The child of a struct whose field name is name, or NULL.  Also finds the
 * named top-level arguments strace prints for clone (flags=...).
 */
const struct value *value_field(const struct value *v, const char *name);

/*
 * Whether v (a VALUE_NAME, or a VALUE_FLAGS of names) contains the flag name.
 */
bool value_has_flag(const struct value *v, const char *name);

/*
 * Appends to out the bytes b[0..n) as strace would print them inside double
 * quotes: printable ASCII as is except \ and ", the usual C escapes (\n, \t,
 * ...), and every other byte as \xHH.  So a name with any bytes in it prints
 * on one line, never as a terminal escape, and reads back exactly.
 */
void trace_escape_bytes(GString *out, const char *b, size_t n);

/*
 * The same escapes for a diagnostic, whose own quotes and backslashes stay
 * as they are: every byte that is not printable ASCII (a control byte such
 * as ESC, a byte past 0x7e) of a file name, a glob or a library's message
 * inside it is escaped, so nothing raw reaches a terminal or a log.
 */
void trace_escape_message(GString *out, const char *b, size_t n);

/*
 * The reverse: decodes the C escapes strace prints (\n, \t, \", \\,
 * \xHH, octal \NNN) in s[0..n) into out, which has room for n bytes, and
 * returns how many bytes it wrote.
 */
size_t trace_unescape(const char *s, size_t n, char *out);

/*
 * trace_intern() returns the one copy of the string s (trace_intern_n():
 * of its first n bytes, which may hold no NUL) kept for the life of the
 * process; equal strings give the same pointer.  Every name in a struct
 * event is such a copy, so names compare with ==.  Thread-safe.
 */
const char *trace_intern(const char *s);
const char *trace_intern_n(const char *s, size_t n);

/* Records. */
enum event_kind {
	EVENT_SYSCALL,	/* a system call */
	EVENT_SIGNAL,	/* --- SIGCHLD {...} ---: signal, text */
	EVENT_EXIT,	/* +++ exited with N +++: status */
	EVENT_KILLED,	/* +++ killed by SIGKILL +++: signal, core_dumped */
};

enum event_ret {
	RET_VALUE,	/* "= N ...": ret, and err when it failed */
	RET_UNKNOWN,	/* "= ?": the call's result was not known */
	RET_NONE,	/* the call never returned in the log: <detached ...>,
			 * or its process ended, or the log ended, first */
};

enum trace_time {
	TIME_NONE,	/* no timestamps */
	TIME_CLOCK,	/* -t, -tt: wall clock; midnight rollovers counted */
	TIME_EPOCH,	/* -ttt: seconds since the epoch */
	TIME_RELATIVE,	/* -r: since the previous record; summed */
};

struct frame {
	const char *text;	/* one -k stack line, without the " > " */
	size_t len;
};

struct event {
	enum event_kind kind;
	const char *file;	/* interned name of the file it came from */
	uint64_t line;		/* line where it started (1-based) */
	uint64_t end_line;	/* line where it ended (a resumed half) */
	int pid;		/* 0 when the log never says */
	enum trace_time time_kind;
	int64_t time_ns;	/* start, in ns; see enum trace_time */
	int64_t duration_ns;	/* -T duration, or -1 */

	/* EVENT_SYSCALL */
	const char *name;	/* interned: "openat" */
	const char *args;	/* argument text, without the parentheses */
	size_t args_len;
	enum event_ret ret_kind;
	int64_t ret;		/* the returned number (hex read as unsigned) */
	const char *err;	/* interned errno name ("ENOENT") or NULL */
	const char *ret_text;	/* what followed the number: "</etc/x>", */
	size_t ret_len;		/*   "(Timeout)", "(flags O_RDONLY)" */
	bool split;		/* it was printed as unfinished + resumed */
	bool args_cut;		/* the first half's text was lost (resumed
				 * with no pending start): args are partial */
	const struct frame *frames;	/* -k stack, innermost first */
	unsigned nframes;

	/* EVENT_SIGNAL, EVENT_KILLED */
	const char *signal;	/* interned: "SIGCHLD" */
	const char *sig_text;	/* the {...} siginfo of a signal line */
	size_t sig_len;
	bool core_dumped;

	/* EVENT_EXIT */
	int status;
};

/*
 * The pid of the process or thread ev created: what a clone, clone3, fork
 * or vfork returned; 0 when ev is not one of them or failed.
 */
int event_child(const struct event *ev);

/*
 * Reader options.  NULL means the defaults, which are all zero.
 * warn, when set, is called with each oddity ("FILE:LINE:COL: message")
 * that the reader recovered from; strict makes every oddity an error.
 */
struct strace_opts {
	bool strict;
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
};

/*
 * strace_reader_open() opens the files of one trace: one log, or the
 * per-process files of "strace -ff -o NAME" (NAME.PID), which are merged by
 * time when they carry timestamps and read one after another otherwise.
 * A path "-" is standard input.  Lines without a pid prefix in a file whose
 * name ends in ".PID" belong to PID.  Compressed (gzip) files are read
 * directly.  Returns NULL and sets err when a file cannot be opened; opens
 * nothing in that case.
 */
struct strace_reader;
struct strace_reader *strace_reader_open(const char *const *paths, size_t n,
    const struct strace_opts *opts, GError **err);

/*
 * The next record, or NULL at the end of the trace or on error (err set).
 * The record is valid until the next call (transfer none).  After an error
 * the reader must only be freed.
 */
const struct event *strace_reader_next(struct strace_reader *r, GError **err);

/*
 * The parsed arguments of ev, the record last returned by r: a VALUE_ARRAY
 * of the arguments.  Parsed on the first call, valid as ev.
 */
const struct value *strace_reader_args(struct strace_reader *r,
    const struct event *ev);

/*
 * The same, when only the first n arguments are wanted (n = 0: all): the
 * rest of the text is not parsed, and the root has at most n children.
 * A later call that wants more arguments parses again.
 */
const struct value *strace_reader_args_upto(struct strace_reader *r,
    const struct event *ev, unsigned n);

/*
 * Whether a string argument of ev, the record r last returned, holds the
 * n bytes b (decoded, as the program passed them).  A marker of the part
 * of a trace that matters: a write of a known string.  Parses the
 * arguments only when their text holds the bytes, so a marker should be
 * printable ASCII (strace prints other bytes escaped).  Never fails.
 */
bool trace_event_has_bytes(struct strace_reader *r, const struct event *ev,
    const char *b, size_t n);

/*
 * How many clone, clone3, fork or vfork calls are printed but not yet
 * returned (their "<unfinished ...>" half is read, the rest is not): a
 * process the log has not seen before is, while there are some, a child
 * whose parent has not yet been told its pid.
 */
unsigned strace_reader_pending_forks(const struct strace_reader *r);

/* Number of lines the reader skipped as not understood. */
uint64_t strace_reader_skipped(const struct strace_reader *r);

/*
 * Records of lines that name no pid (a log strace wrote to its standard
 * error, or without -f) carry pid 0, which no traced process has.  When a
 * later "[pid N]" line showed which process that was, this returns N;
 * otherwise 0: the log never says.  With several logs merged, the first
 * one that used pid 0 answers.
 */
int strace_reader_unnamed_pid(const struct strace_reader *r);

void strace_reader_free(struct strace_reader *r);

/*
 * trace_expand_path() returns the files that make up the trace named by arg:
 * arg itself when it exists (or is "-"), else the files "arg.PID" of an
 * "strace -ff -o arg" run, sorted by pid.  Returns NULL with err set when
 * neither exists.  The result is a NULL-terminated vector for g_strfreev().
 */
char **trace_expand_path(const char *arg, GError **err);

#endif
