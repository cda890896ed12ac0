/*
 * strace.c: the strace log reader.
 *
 * Each line is read once, left to right.  The leader (pid prefix in either
 * form, "[pid  N] " or "N  ", timestamps of -t/-tt/-ttt/-r, the -i and -n
 * brackets) is peeled off; what is left is a call "NAME(ARGS) = RET", the
 * first half of one "NAME(ARGS <unfinished ...>", a second half
 * "<... NAME resumed>ARGS) = RET", a signal "--- SIG {...} ---", an end of
 * process "+++ exited with N +++", a -k frame " > ...", or something strace
 * says about itself (diagnostics, the -c/-C summary table), which is skipped.
 * The end of the arguments is found by scan_balanced(), which knows quoted
 * strings and -y decorations, so a ")" or " = " inside a string or a path is
 * never taken for the end of the call.
 *
 * A first half is kept, per pid, until its second half comes; the call is
 * then delivered once, with the arguments of both halves joined, the line and
 * time of its start and the result of its end.  A first half whose process
 * ends, or whose log ends, is delivered as a call that never returned.
 *
 * The text of a delivered event is copied into per-source storage, so the
 * reader can look at the following lines (for -k frames) before returning it.
 * Nothing is allocated per event once the storage has grown to the largest
 * event: strings are interned through a per-reader table.
 *
 * Several files of one "strace -ff" run are merged by time: each file keeps
 * one event ready, and the earliest is delivered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "input.h"
#include "internal.h"
#include "trace.h"

G_DEFINE_QUARK(tracemine-trace-error-quark, trace_error)

#define NS_PER_SEC	INT64_C(1000000000)
#define DAY_NS		(INT64_C(86400) * NS_PER_SEC)

struct pending {
	const char *name;
	GString *args;
	GString *frames;	/* -k lines after the first half, '\n'-ended */
	uint64_t line;
	enum trace_time time_kind;
	int64_t time_ns;
	bool live;
};

struct source {
	struct strace_reader *r;
	struct input *in;
	const char *file;
	int file_pid;

	/* The line in hand. */
	const char *line;
	size_t len;
	uint64_t lineno;
	bool unterminated;
	bool have_line;		/* pushed back: process it again */
	bool any_record;	/* a line was understood */
	bool in_summary;	/* inside a -c/-C table */
	bool retrying;		/* reading a record found inside a line */
	GString *joined;	/* a line and its continuation, spliced */

	/* Timestamps. */
	enum trace_time time_kind;
	int64_t last_clock;
	int64_t day_offset;
	int64_t rel_sum;

	/* Processes. */
	GHashTable *pending;	/* pid -> struct pending */
	GHashTable *procs;	/* pid -> PROC_LIVE, for processes alive */
	unsigned nlive;		/* pids in procs that are PROC_LIVE */
	int sole;		/* the live pid, when nlive == 1 and sole_ok */
	bool sole_ok;
	int pending_pid;	/* pid of the first half just stored */
	int last_pid, last_mapped;	/* line_pid()'s last answer */
	bool last_pid_valid;
	int zero_alias;		/* the real pid of the unnamed first process */
	bool zero_used;
	const char *ret_bad;	/* a return value too big for 64 bits */

	/* The event ready to deliver. */
	struct event ev;
	bool has_ev;
	bool done;
	GString *store;
	GArray *frames;		/* struct frame, pointing into fstore */
	GString *fstore;
	struct arena arena;
	const struct value *args_tree;
	unsigned args_upto;	/* arguments in args_tree; 0: all */
};

struct strace_reader {
	struct source **src;
	unsigned nsrc;
	struct source *last;
	bool by_time;
	bool started;
	struct strace_opts opts;
	uint64_t skipped;
};

/* Formats "FILE:LINE:COL: message" for the line in hand. */
static char *G_GNUC_PRINTF(3, 4)
where(struct source *s, const char *at, const char *fmt, ...)
{
	va_list ap;
	size_t col = at != NULL && at >= s->line && at <= s->line + s->len ?
	    (size_t)(at - s->line) + 1 : 1;

	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *full = g_strdup_printf("%s:%" G_GUINT64_FORMAT ":%zu: %s",
	    s->file, s->lineno, col, msg);
	g_free(msg);
	return full;
}

/* A short, escaped quotation of the input at p, for messages. */
static char *
quote_found(struct source *s, const char *p)
{
	const char *end = s->line + s->len;

	if (p == NULL || p >= end)
		return g_strdup("end of line");
	GString *q = g_string_new("\"");
	size_t n = MIN((size_t)(end - p), 24);
	trace_escape_bytes(q, p, n);
	g_string_append(q, n < (size_t)(end - p) ? "\"..." : "\"");
	return g_string_free(q, FALSE);
}

/*
 * Reports an oddity the reader recovers from.  Returns false, with err set,
 * when the reader is strict.
 */
static bool G_GNUC_PRINTF(4, 5)
oddity(struct source *s, const char *at, GError **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *full = where(s, at, "%s", msg);
	g_free(msg);
	if (s->r->opts.strict) {
		g_set_error_literal(err, TRACE_ERROR, TRACE_ERROR_STRICT, full);
		g_free(full);
		return false;
	}
	if (s->r->opts.warn != NULL)
		s->r->opts.warn(s->r->opts.warn_ctx, full);
	g_free(full);
	return true;
}

static void
pending_free(gpointer p)
{
	struct pending *pd = p;

	g_string_free(pd->args, TRUE);
	g_string_free(pd->frames, TRUE);
	g_free(pd);
}

static int
pid_from_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	char *end;

	if (dot == NULL || dot[1] == '\0')
		return 0;
	long v = strtol(dot + 1, &end, 10);
	if (*end != '\0' || v <= 0 || v > INT32_MAX)
		return 0;
	for (const char *c = dot + 1; *c; c++)
		if (!is_digit((unsigned char)*c))
			return 0;
	return (int)v;
}

static struct source *
source_new(struct strace_reader *r, struct input *in, const char *path)
{
	struct source *s = g_new0(struct source, 1);

	s->r = r;
	s->in = in;
	s->file = trace_intern(strcmp(path, "-") == 0 ? "<stdin>" : path);
	s->file_pid = pid_from_name(path);
	s->pending = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    pending_free);
	s->procs = g_hash_table_new(g_direct_hash, g_direct_equal);
	s->store = g_string_sized_new(4096);
	s->joined = g_string_new(NULL);
	s->fstore = g_string_sized_new(256);
	s->frames = g_array_new(FALSE, FALSE, sizeof(struct frame));
	arena_init(&s->arena);
	return s;
}

static void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	input_free(s->in);
	g_hash_table_destroy(s->pending);
	g_hash_table_destroy(s->procs);
	g_string_free(s->store, TRUE);
	g_string_free(s->joined, TRUE);
	g_string_free(s->fstore, TRUE);
	g_array_free(s->frames, TRUE);
	arena_clear(&s->arena);
	g_free(s);
}

struct strace_reader *
strace_reader_open(const char *const *paths, size_t n,
    const struct strace_opts *opts, GError **err)
{
	struct strace_reader *r = g_new0(struct strace_reader, 1);

	g_return_val_if_fail(n > 0, NULL);
	if (opts != NULL)
		r->opts = *opts;
	r->src = g_new0(struct source *, n);
	for (size_t i = 0; i < n; i++) {
		struct input *in = input_open(paths[i], err);
		if (in == NULL) {
			strace_reader_free(r);
			return NULL;
		}
		r->src[r->nsrc++] = source_new(r, in, paths[i]);
	}
	return r;
}

void
strace_reader_free(struct strace_reader *r)
{
	if (r == NULL)
		return;
	for (unsigned i = 0; i < r->nsrc; i++)
		source_free(r->src[i]);
	g_free(r->src);
	g_free(r);
}

unsigned
strace_reader_pending_forks(const struct strace_reader *r)
{
	const char *clone = trace_intern("clone"), *clone3 =
	    trace_intern("clone3"), *fork = trace_intern("fork"), *vfork =
	    trace_intern("vfork");
	unsigned i, n = 0;

	for (i = 0; i < r->nsrc; i++) {
		GHashTableIter it;
		gpointer v;

		g_hash_table_iter_init(&it, r->src[i]->pending);
		while (g_hash_table_iter_next(&it, NULL, &v)) {
			const struct pending *pd = v;

			n += pd->live && (pd->name == clone ||
			    pd->name == clone3 || pd->name == fork ||
			    pd->name == vfork);
		}
	}
	return n;
}

uint64_t
strace_reader_skipped(const struct strace_reader *r)
{
	return r->skipped;
}

int
strace_reader_unnamed_pid(const struct strace_reader *r)
{
	for (unsigned i = 0; i < r->nsrc; i++)
		if (r->src[i]->zero_used)
			return r->src[i]->zero_alias;
	return 0;
}

/* Leader: pid prefix, timestamp, -i and -n brackets. */
struct leader {
	int pid;		/* 0: none printed */
	bool has_pid;
	enum trace_time time_kind;
	int64_t time_ns;
};

static const char *
skip_spaces(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

/* Digits as an unsigned number; *ok false on overflow or no digits. */
static const char *
read_uint(const char *p, const char *end, uint64_t *v, int *ndigits)
{
	uint64_t x = 0;
	int k = 0;

	while (p < end && is_digit((unsigned char)*p)) {
		if (x < UINT64_MAX / 16)
			x = x * 10 + (*p - '0');
		p++;
		k++;
	}
	*v = x;
	*ndigits = k;
	return p;
}

/* A fraction ".ddd" as nanoseconds. */
static const char *
read_frac(const char *p, const char *end, int64_t *ns)
{
	int64_t v = 0;
	int k = 0;

	*ns = 0;
	if (p >= end || *p != '.')
		return p;
	p++;
	/* -tt and -T print six digits: read at once. */
	if (end - p > 6 && is_digit(p[0]) && is_digit(p[1]) &&
	    is_digit(p[2]) && is_digit(p[3]) && is_digit(p[4]) &&
	    is_digit(p[5]) && !is_digit(p[6])) {
		*ns = ((((((int64_t)(p[0] - '0') * 10 + (p[1] - '0')) * 10 +
		    (p[2] - '0')) * 10 + (p[3] - '0')) * 10 + (p[4] - '0')) *
		    10 + (p[5] - '0')) * 1000;
		return p + 6;
	}
	while (p < end && is_digit((unsigned char)*p)) {
		if (k < 9) {
			v = v * 10 + (*p - '0');
			k++;
		}
		p++;
	}
	while (k < 9) {
		v *= 10;
		k++;
	}
	*ns = v;
	return p;
}

static const char *
parse_leader(const char *p, const char *end, struct leader *ld)
{
	uint64_t v;
	int nd;

	memset(ld, 0, sizeof(*ld));
	if (end - p >= 5 && memcmp(p, "[pid ", 5) == 0) {
		const char *q = skip_spaces(p + 5, end);
		q = read_uint(q, end, &v, &nd);
		if (nd == 0 || nd > 10)
			return p;
		/* -Y prints the command after the pid: [pid 12<sh>]. */
		if (q < end && *q == '<') {
			const char *c = memchr(q, '>', end - q);
			if (c == NULL)
				return p;
			q = c + 1;
		}
		if (q >= end || *q != ']' || v > INT32_MAX)
			return p;
		ld->pid = (int)v;
		ld->has_pid = true;
		p = skip_spaces(q + 1, end);
	} else if (p < end && is_digit((unsigned char)*p)) {
		const char *q = read_uint(p, end, &v, &nd);
		if (q < end && *q == '<') {
			const char *c = memchr(q, '>', end - q);
			if (c != NULL && c + 1 < end && c[1] == ' ' &&
			    v <= INT32_MAX) {
				ld->pid = (int)v;
				ld->has_pid = true;
				p = skip_spaces(c + 1, end);
			}
		} else if (q < end && *q == ' ' && nd <= 10 &&
		    v < 100000000) {
			ld->pid = (int)v;
			ld->has_pid = true;
			p = skip_spaces(q, end);
		}
	}
	p = skip_spaces(p, end);
	if (p < end && is_digit((unsigned char)*p)) {
		const char *q = read_uint(p, end, &v, &nd);
		if (q < end && *q == ':' && nd <= 2) {
			uint64_t mm, ss;
			int n2, n3;
			const char *r = read_uint(q + 1, end, &mm, &n2);
			if (n2 == 2 && r < end && *r == ':') {
				r = read_uint(r + 1, end, &ss, &n3);
				if (n3 == 2) {
					int64_t frac;
					r = read_frac(r, end, &frac);
					ld->time_kind = TIME_CLOCK;
					ld->time_ns = ((int64_t)v * 3600 +
					    (int64_t)mm * 60 + (int64_t)ss) *
					    NS_PER_SEC + frac;
					p = skip_spaces(r, end);
				}
			}
		} else if (q < end && (*q == '.' || (*q == ' ' &&
		    v >= 100000000)) && v < INT64_C(9000000000)) {
			int64_t frac;
			q = read_frac(q, end, &frac);
			if (q < end && *q == ' ') {
				ld->time_kind = v >= 100000000 ? TIME_EPOCH :
				    TIME_RELATIVE;
				ld->time_ns = (int64_t)v * NS_PER_SEC + frac;
				p = skip_spaces(q, end);
			}
		}
	}
	/* -i "[00007f...]" ("[????????????????]" when unknown), -n "[ 59]". */
	while (p < end && *p == '[') {
		const char *q = p + 1;
		while (q < end && (g_ascii_isxdigit(*q) || *q == ' ' ||
		    *q == 'x' || *q == '?'))
			q++;
		if (q >= end || *q != ']' || q == p + 1)
			break;
		p = skip_spaces(q + 1, end);
	}
	return p;
}

/*
 * Attributes a line to a process.  With "strace -f" writing to stderr, lines
 * carry "[pid N]" only while more than one process is traced: the first
 * process's lines have no prefix until it has a child, and the lines of the
 * last process alive have none again.  The first process is called 0 until
 * its pid shows, and keeps 0 after, so all its events have one pid.
 */
enum { PROC_UNKNOWN, PROC_ENDED, PROC_LIVE };

static int
proc_state(struct source *s, int pid)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(s->procs,
	    GINT_TO_POINTER(pid)));
}

static void
proc_set(struct source *s, int pid, int state)
{
	int old = proc_state(s, pid);

	if (old == state)
		return;
	/*
	 * An ended process is forgotten, so the table holds the processes
	 * alive, not every pid of the log; a pid used again is new.
	 */
	if (state == PROC_ENDED)
		g_hash_table_remove(s->procs, GINT_TO_POINTER(pid));
	else
		g_hash_table_insert(s->procs, GINT_TO_POINTER(pid),
		    GINT_TO_POINTER(state));
	s->nlive += (state == PROC_LIVE) - (old == PROC_LIVE);
	s->sole_ok = false;
	s->last_pid_valid = false;
}

/* The only live process, or -1. */
static int
sole_live(struct source *s)
{
	if (s->nlive != 1)
		return -1;
	if (!s->sole_ok) {
		GHashTableIter it;
		gpointer k, v;
		g_hash_table_iter_init(&it, s->procs);
		while (g_hash_table_iter_next(&it, &k, &v))
			if (GPOINTER_TO_INT(v) == PROC_LIVE)
				s->sole = GPOINTER_TO_INT(k);
		s->sole_ok = true;
	}
	return s->sole;
}

static int
map_pid(struct source *s, int pid)
{
	return pid == s->zero_alias && s->zero_alias != 0 ? 0 : pid;
}

static int
line_pid(struct source *s, const struct leader *ld, bool resumes,
    const char *name, size_t name_len)
{
	if (!ld->has_pid) {
		if (s->file_pid != 0)
			return s->file_pid;
		int sole = sole_live(s);
		if (sole >= 0)
			return sole;
		s->zero_used = true;
		proc_set(s, 0, PROC_LIVE);
		return 0;
	}
	int pid = ld->pid;
	/* Most lines come from the process of the line before. */
	if (pid == s->last_pid && s->last_pid_valid)
		return s->last_mapped;
	if (s->zero_alias != 0 || !s->zero_used ||
	    proc_state(s, pid) != PROC_UNKNOWN)
		goto known;
	/*
	 * A pid that is not a child we know of is the first process, unless
	 * the first process is inside a call that makes children and this pid
	 * starts a call of its own.
	 */
	struct pending *pd = g_hash_table_lookup(s->pending, GINT_TO_POINTER(0));
	const char *n = pd != NULL && pd->live ? pd->name : "";
	bool forking = strcmp(n, "clone") == 0 || strcmp(n, "clone3") == 0 ||
	    strcmp(n, "fork") == 0 || strcmp(n, "vfork") == 0;
	bool same_call = resumes && strlen(n) == name_len &&
	    memcmp(n, name, name_len) == 0;
	if (!forking || same_call) {
		s->zero_alias = pid;
		return 0;
	}
known:;
	int mapped = map_pid(s, pid);
	if (proc_state(s, mapped) != PROC_LIVE)
		proc_set(s, mapped, PROC_LIVE);
	s->last_pid = pid;
	s->last_mapped = mapped;
	s->last_pid_valid = true;
	return mapped;
}

/* A call that made a process or thread announces its pid. */
static void
note_child(struct source *s, const struct event *ev)
{
	int child = event_child(ev);

	if (child > 0)
		proc_set(s, child, PROC_LIVE);
}

/* a + b, held at INT64_MAX: hostile logs must not overflow the clock. */
static int64_t
sat_add(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static void
stamp(struct source *s, const struct leader *ld, struct event *ev)
{
	ev->time_kind = ld->time_kind;
	switch (ld->time_kind) {
	case TIME_NONE:
		ev->time_ns = 0;
		break;
	case TIME_CLOCK: {
		/* A clock that goes back by more than 12 hours passed midnight. */
		int64_t t = sat_add(ld->time_ns, s->day_offset);
		if (s->time_kind == TIME_CLOCK && t < s->last_clock - DAY_NS / 2) {
			s->day_offset = sat_add(s->day_offset, DAY_NS);
			t = sat_add(t, DAY_NS);
		}
		s->last_clock = t;
		ev->time_ns = t;
		break;
	}
	case TIME_EPOCH:
		ev->time_ns = ld->time_ns;
		break;
	case TIME_RELATIVE:
		s->rel_sum = sat_add(s->rel_sum, ld->time_ns);
		ev->time_ns = s->rel_sum;
		break;
	}
	s->time_kind = ld->time_kind;
}

static void
reset_event(struct source *s)
{
	memset(&s->ev, 0, sizeof(s->ev));
	s->ev.file = s->file;
	s->ev.duration_ns = -1;
	g_string_truncate(s->store, 0);
	g_string_truncate(s->fstore, 0);
	g_array_set_size(s->frames, 0);
	s->args_tree = NULL;
}

/* Finds a -T duration " <0.000123>" at the end; returns the new end. */
static const char *
strip_duration(const char *p, const char *end, int64_t *dur)
{
	*dur = -1;
	if (end - p < 4 || end[-1] != '>')
		return end;
	const char *q = end - 2;
	while (q > p && (is_digit((unsigned char)*q) || *q == '.'))
		q--;
	if (*q != '<' || q == end - 2 || q[-1] != ' ')
		return end;
	uint64_t sec;
	int nd;
	int64_t frac;
	const char *r = read_uint(q + 1, end - 1, &sec, &nd);
	r = read_frac(r, end - 1, &frac);
	if (r != end - 1 || nd == 0)
		return end;
	*dur = (int64_t)MIN(sec, (uint64_t)INT64_MAX / NS_PER_SEC - 1) *
	    NS_PER_SEC + frac;
	q--;
	while (q > p && q[-1] == ' ')
		q--;
	return q;
}

static bool
is_errno_name(const char *p, const char *end, const char **name_end)
{
	const char *q = p;

	if (q >= end || *q != 'E')
		return false;
	q++;
	while (q < end && ((*q >= 'A' && *q <= 'Z') || is_digit((unsigned char)*q) ||
	    *q == '_'))
		q++;
	if (q - p < 2 || (q < end && *q != ' '))
		return false;
	*name_end = q;
	return true;
}

/*
 * Parses " = RET [ERRNO] [(text)]" from p (just after the closing paren)
 * into the event.  Returns false when there is no "=".
 */
static bool
parse_return(struct source *s, const char *p, const char *end,
    struct event *ev)
{
	const char *q;

	end = strip_duration(p, end, &ev->duration_ns);
	p = skip_spaces(p, end);
	if (p >= end || *p != '=')
		return false;
	p = skip_spaces(p + 1, end);
	s->ret_bad = NULL;
	if (p < end && *p == '?') {
		ev->ret_kind = RET_UNKNOWN;
		p++;
	} else {
		bool ovf;
		size_t k = parse_int(p, end - p, &ev->ret, &ovf);
		if (k == 0) {
			ev->ret_kind = RET_UNKNOWN;
		} else if (ovf) {
			/* Not a number any call returns: not a value. */
			ev->ret_kind = RET_UNKNOWN;
			ev->ret = 0;
			s->ret_bad = p;
			p += k;
		} else {
			ev->ret_kind = RET_VALUE;
			p += k;
		}
	}
	/* The decoration of a returned fd stays with the text. */
	const char *text = p;
	p = skip_spaces(p, end);
	if (is_errno_name(p, end, &q)) {
		ev->err = trace_intern_n(p, q - p);
		text = q;
	}
	text = skip_spaces(text, end);
	if (text < end) {
		ev->ret_text = text;
		ev->ret_len = end - text;
	}
	return true;
}

/* Copies the event's strings into the store, so the line may go. */
static void
keep_event_text(struct source *s, struct event *ev, const char *prefix,
    size_t prefix_len)
{
	/* args may be prefix (a first half) followed by ev->args. */
	size_t need = prefix_len + ev->args_len + ev->ret_len + 2;
	if (s->store->allocated_len < need)
		g_string_set_size(s->store, need);
	/* The room is there: three copies, not three GString calls, on
	 * every event. */
	char *d = s->store->str;
	if (prefix_len > 0)
		memcpy(d, prefix, prefix_len);
	if (ev->args_len > 0)
		memcpy(d + prefix_len, ev->args, ev->args_len);
	size_t ret_at = prefix_len + ev->args_len, len = ret_at;
	if (ev->ret_text != NULL && ev->ret_len > 0) {
		memcpy(d + ret_at, ev->ret_text, ev->ret_len);
		len += ev->ret_len;
	}
	d[len] = '\0';
	s->store->len = len;
	ev->args = s->store->str;
	ev->args_len = ret_at;
	if (ev->ret_text != NULL)
		ev->ret_text = s->store->str + ret_at;
}

static struct pending *
get_pending(struct source *s, int pid)
{
	struct pending *pd = g_hash_table_lookup(s->pending,
	    GINT_TO_POINTER(pid));

	if (pd == NULL) {
		pd = g_new0(struct pending, 1);
		pd->args = g_string_new(NULL);
		pd->frames = g_string_new(NULL);
		g_hash_table_insert(s->pending, GINT_TO_POINTER(pid), pd);
	}
	return pd;
}

/* Delivers a first half that never got its second. */
static void
deliver_unreturned(struct source *s, int pid, struct pending *pd)
{
	reset_event(s);
	struct event *ev = &s->ev;
	ev->kind = EVENT_SYSCALL;
	ev->pid = pid;
	ev->name = pd->name;
	ev->line = ev->end_line = pd->line;
	ev->time_kind = pd->time_kind;
	ev->time_ns = pd->time_ns;
	ev->ret_kind = RET_NONE;
	ev->args = "";
	keep_event_text(s, ev, pd->args->str, pd->args->len);
	g_string_append_len(s->fstore, pd->frames->str, pd->frames->len);
	pd->live = false;
	s->has_ev = true;
}

static const char *
trim_end(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end;
}

static bool
ends_with(const char *p, const char *end, const char *suffix)
{
	size_t n = strlen(suffix);

	return (size_t)(end - p) >= n && memcmp(end - n, suffix, n) == 0;
}

/* The oddity of a return value parse_return() could not take. */
static bool
check_return(struct source *s, GError **err)
{
	if (s->ret_bad == NULL)
		return true;
	const char *at = s->ret_bad;
	s->ret_bad = NULL;
	return oddity(s, at, err, "expected a return value that fits in 64 "
	    "bits, found one longer; the call's result is unknown");
}

enum line_result {
	LINE_EVENT,	/* s->ev is ready */
	LINE_NONE,	/* nothing to deliver; go on */
	LINE_PENDING,	/* a first half was stored for s->pending_pid */
	LINE_ERROR,
};

static enum line_result
do_exit_line(struct source *s, const struct leader *ld, const char *p,
    const char *end, GError **err)
{
	const char *body = p + 4;
	int pid = line_pid(s, ld, false, NULL, 0);
	struct pending *pd = g_hash_table_lookup(s->pending,
	    GINT_TO_POINTER(pid));
	uint64_t v;
	int nd;

	if (end - body >= 19 && memcmp(body, "superseded by execve", 20) == 0) {
		/* A thread ran execve; its leader (pid) finishes the call. */
		const char *q = memmem(body, end - body, "in pid ", 7);
		if (q != NULL) {
			read_uint(q + 7, end, &v, &nd);
			int from = (int)MIN(v, INT32_MAX);
			struct pending *fp = g_hash_table_lookup(s->pending,
			    GINT_TO_POINTER(from));
			if (fp != NULL && fp->live && from != pid &&
			    (pd == NULL || !pd->live)) {
				g_hash_table_steal(s->pending,
				    GINT_TO_POINTER(from));
				g_hash_table_replace(s->pending,
				    GINT_TO_POINTER(pid), fp);
			}
		}
		return LINE_NONE;
	}
	if (pd != NULL && pd->live) {
		/* The call in progress never returned; deliver it first. */
		deliver_unreturned(s, pid, pd);
		s->have_line = true;
		return LINE_EVENT;
	}
	reset_event(s);
	struct event *ev = &s->ev;
	ev->pid = pid;
	ev->line = ev->end_line = s->lineno;
	stamp(s, ld, ev);
	proc_set(s, pid, PROC_ENDED);
	if (end - body >= 12 && memcmp(body, "exited with ", 12) == 0) {
		const char *q = body + 12;
		bool neg = q < end && *q == '-';
		read_uint(q + neg, end, &v, &nd);
		if (nd == 0)
			goto bad;
		ev->kind = EVENT_EXIT;
		ev->status = neg ? -(int)MIN(v, INT32_MAX) : (int)MIN(v, INT32_MAX);
		/* An exit status is a byte; strace prints nothing else. */
		if ((neg || v > 255 || nd > 3) && !oddity(s, q, err,
		    "expected an exit status from 0 to 255, found %s%.*s",
		    neg ? "-" : "", MIN(nd, 24), q + neg))
			return LINE_ERROR;
	} else if (end - body >= 10 && memcmp(body, "killed by ", 10) == 0) {
		const char *q = body + 10, *e = q;
		while (e < end && is_ident((unsigned char)*e))
			e++;
		if (e == q)
			goto bad;
		ev->kind = EVENT_KILLED;
		ev->signal = trace_intern_n(q, e - q);
		ev->core_dumped = memmem(e, end - e, "core dumped", 11) != NULL;
	} else {
		goto bad;
	}
	s->has_ev = true;
	return LINE_EVENT;
bad:
	return oddity(s, body, err, "unknown end of process line") ?
	    LINE_NONE : LINE_ERROR;
}

static enum line_result
do_signal_line(struct source *s, const struct leader *ld, const char *p,
    const char *end, GError **err)
{
	const char *q = p + 4, *e = q;

	while (e < end && is_ident((unsigned char)*e))
		e++;
	if (e - q < 3 || memcmp(q, "SIG", 3) != 0) {
		/* "--- stopped by SIGSTOP ---" and the like: not a delivery. */
		if (ends_with(p, end, " ---"))
			return LINE_NONE;
		return oddity(s, q, err, "expected a signal name") ?
		    LINE_NONE : LINE_ERROR;
	}
	reset_event(s);
	struct event *ev = &s->ev;
	ev->kind = EVENT_SIGNAL;
	ev->pid = line_pid(s, ld, false, NULL, 0);
	ev->line = ev->end_line = s->lineno;
	stamp(s, ld, ev);
	ev->signal = trace_intern_n(q, e - q);
	const char *t = skip_spaces(e, end);
	const char *te = ends_with(t, end, "---") ? trim_end(t, end - 3) : end;
	g_string_truncate(s->store, 0);
	g_string_append_len(s->store, t, te - t);
	ev->sig_text = s->store->str;
	ev->sig_len = s->store->len;
	s->has_ev = true;
	return LINE_EVENT;
}

static enum line_result do_line(struct source *s, GError **err);
static enum input_status next_line(struct source *s, GError **err);

/*
 * With strace writing its trace and its messages to the same stderr, a
 * message can land inside a call's line: "vfork(strace: Process 7 attached"
 * then " <unfinished ...>" on the next line.  The message is taken (an
 * attached pid is a known child) and the two parts are read as one line.
 * Returns false when the line has no such message; else *lr is the result
 * of reading the joined line.
 */
static bool
splice_message(struct source *s, const char *from, const char *end,
    GError **err, enum line_result *lr)
{
	const char *m = memmem(from, end - from, "strace: ", 8);
	uint64_t v;
	int nd;

	if (m == NULL)
		return false;
	if (end - m > 16 && memcmp(m + 8, "Process ", 8) == 0) {
		const char *e = read_uint(m + 16, end, &v, &nd);
		if (nd > 0 && e + 9 <= end && memcmp(e, " attached", 9) == 0)
			proc_set(s, (int)MIN(v, INT32_MAX), PROC_LIVE);
	}
	GString *j = s->joined;
	if (j->str != s->line) {
		g_string_truncate(j, 0);
		g_string_append_len(j, s->line, m - s->line);
	} else {
		g_string_truncate(j, m - s->line);
	}
	uint64_t lineno = s->lineno;
	enum input_status st = next_line(s, err);
	if (st == INPUT_ERROR) {
		*lr = LINE_ERROR;
		return true;
	}
	if (st == INPUT_LINE && s->len > 0 && (s->line[0] == ' ' ||
	    s->line[0] == ')' || s->line[0] == ','))
		g_string_append_len(j, s->line, s->len);
	else if (st == INPUT_LINE)
		s->have_line = true;	/* not a continuation: read it next */
	/* The joined line keeps the number of its first part. */
	s->lineno = lineno;
	s->line = j->str;
	s->len = j->len;
	s->retrying = true;
	*lr = do_line(s, err);
	s->retrying = false;
	return true;
}

static enum line_result
do_call_line(struct source *s, const struct leader *ld, const char *p,
    const char *end, GError **err)
{
	const char *name = p, *q = p;

	while (q < end && is_ident((unsigned char)*q))
		q++;
	size_t name_len = q - name;
	const char *args = q + 1;

	if (ends_with(args, end, "<unfinished ...>")) {
		int pid = line_pid(s, ld, false, name, name_len);
		struct pending *pd = get_pending(s, pid);
		if (pd->live) {
			if (!oddity(s, name, err,
			    "a call started before the previous one of pid %d "
			    "ended", pid))
				return LINE_ERROR;
			deliver_unreturned(s, pid, pd);
			s->have_line = true;
			return LINE_EVENT;
		}
		struct event tmp = { 0 };
		stamp(s, ld, &tmp);
		pd->live = true;
		pd->name = trace_intern_n(name, name_len);
		pd->line = s->lineno;
		pd->time_kind = tmp.time_kind;
		pd->time_ns = tmp.time_ns;
		const char *ae = trim_end(args, end - 16);
		g_string_truncate(pd->args, 0);
		g_string_append_len(pd->args, args, ae - args);
		/* "read(3, <unfinished ...>": the second half follows ", ". */
		if (ae > args && ae[-1] == ',')
			g_string_append_c(pd->args, ' ');
		g_string_truncate(pd->frames, 0);
		s->pending_pid = pid;
		return LINE_PENDING;
	}

	reset_event(s);
	struct event *ev = &s->ev;
	ev->kind = EVENT_SYSCALL;
	ev->pid = line_pid(s, ld, false, name, name_len);
	ev->line = ev->end_line = s->lineno;
	stamp(s, ld, ev);
	ev->name = trace_intern_n(name, name_len);
	ev->args = args;

	if (ends_with(args, end, "<detached ...>")) {
		ev->args_len = trim_end(args, end - 14) - args;
		ev->ret_kind = RET_NONE;
		keep_event_text(s, ev, NULL, 0);
		s->has_ev = true;
		return LINE_EVENT;
	}
	const char *close = scan_balanced(args, end, ")");
	if (close == NULL && !s->retrying) {
		enum line_result lr;
		if (splice_message(s, args, end, err, &lr))
			return lr;
	}
	if (close == NULL || !parse_return(s, close + 1, end, ev)) {
		/*
		 * strace never prints unbalanced arguments, but a damaged log
		 * may: take the last ") =" as the end.
		 */
		const char *r = NULL;
		for (const char *t = end; t - args >= 3; t--)
			if (memcmp(t - 3, ") =", 3) == 0) {
				r = t - 3;
				break;
			}
		if (r != NULL && parse_return(s, r + 1, end, ev)) {
			close = r;
			if (!oddity(s, args, err, "unbalanced arguments"))
				return LINE_ERROR;
		} else if (s->unterminated) {
			if (!oddity(s, end, err,
			    "last line cut short; the call is kept without "
			    "its result"))
				return LINE_ERROR;
			ev->ret_kind = RET_NONE;
			close = end;
		} else {
			char *f = quote_found(s, close ? close + 1 : end);
			bool ok = oddity(s, close ? close + 1 : end, err,
			    "expected \" = \" and a return value, found %s", f);
			g_free(f);
			if (!ok)
				return LINE_ERROR;
			s->r->skipped++;
			return LINE_NONE;
		}
	}
	if (!check_return(s, err))
		return LINE_ERROR;
	ev->args_len = close - args;
	keep_event_text(s, ev, NULL, 0);
	note_child(s, ev);
	s->has_ev = true;
	return LINE_EVENT;
}

static enum line_result
do_resumed_line(struct source *s, const struct leader *ld, const char *p,
    const char *end, GError **err)
{
	const char *name = p + 5, *q = name;

	while (q < end && is_ident((unsigned char)*q))
		q++;
	size_t name_len = q - name;
	if (end - q < 9 || memcmp(q, " resumed>", 9) != 0)
		return oddity(s, q, err, "expected \" resumed>\"") ?
		    LINE_NONE : LINE_ERROR;
	const char *args = q + 9;
	/* "<... read resumed> <unfinished ...>) = ?": killed in the call. */
	if (end - args >= 17 && memcmp(args, " <unfinished ...>", 17) == 0)
		args += 17;
	int pid = line_pid(s, ld, true, name, name_len);
	const char *iname = trace_intern_n(name, name_len);
	struct pending *pd = g_hash_table_lookup(s->pending,
	    GINT_TO_POINTER(pid));

	if (pd != NULL && pd->live && pd->name != iname) {
		if (!oddity(s, name, err, "%s resumed while %s was pending",
		    iname, pd->name))
			return LINE_ERROR;
		deliver_unreturned(s, pid, pd);
		s->have_line = true;
		return LINE_EVENT;
	}
	reset_event(s);
	struct event *ev = &s->ev;
	ev->kind = EVENT_SYSCALL;
	ev->pid = pid;
	ev->name = iname;
	ev->end_line = s->lineno;
	ev->split = true;
	ev->args = args;
	if (pd != NULL && pd->live) {
		ev->line = pd->line;
		ev->time_kind = pd->time_kind;
		ev->time_ns = pd->time_ns;
		/* The clock still moves on with this line (-r sums, midnight). */
		stamp(s, ld, &(struct event){ 0 });
	} else {
		if (!oddity(s, p, err, "%s resumed with no call pending",
		    iname))
			return LINE_ERROR;
		ev->line = s->lineno;
		ev->args_cut = true;
		stamp(s, ld, ev);
	}
	const char *close = scan_balanced(args, end, ")");
	if (close == NULL || !parse_return(s, close + 1, end, ev)) {
		if (s->unterminated) {
			if (!oddity(s, end, err, "last line cut short"))
				return LINE_ERROR;
			ev->ret_kind = RET_NONE;
			close = end;
		} else {
			char *f = quote_found(s, close ? close + 1 : end);
			bool ok = oddity(s, close ? close + 1 : end, err,
			    "expected \" = \" and a return value, found %s", f);
			g_free(f);
			if (!ok)
				return LINE_ERROR;
			ev->ret_kind = RET_NONE;
			close = end;
		}
	}
	if (!check_return(s, err))
		return LINE_ERROR;
	ev->args_len = close - args;
	if (pd != NULL && pd->live) {
		keep_event_text(s, ev, pd->args->str, pd->args->len);
		g_string_append_len(s->fstore, pd->frames->str, pd->frames->len);
		pd->live = false;
	} else {
		keep_event_text(s, ev, NULL, 0);
	}
	note_child(s, ev);
	s->has_ev = true;
	return LINE_EVENT;
}

/* Lines strace writes about itself, skipped. */
static bool
is_strace_message(struct source *s, const char *p, const char *end)
{
	if (end - p >= 8 && memcmp(p, "strace: ", 8) == 0) {
		const char *q = p + 8;
		uint64_t v;
		int nd;
		/* Remember announced children, for pid attribution. */
		if (end - q > 8 && memcmp(q, "Process ", 8) == 0) {
			const char *e = read_uint(q + 8, end, &v, &nd);
			if (nd > 0 && e + 9 <= end &&
			    memcmp(e, " attached", 9) == 0)
				proc_set(s, (int)MIN(v, INT32_MAX), PROC_LIVE);
		}
		return true;
	}
	if (end - p >= 2 && memcmp(p, "[ ", 2) == 0 && ends_with(p, end, " ]"))
		return true;	/* [ Process PID=1 runs in 32 bit mode. ] */
	if (end - p >= 6 && memcmp(p, "% time", 6) == 0) {
		s->in_summary = true;
		return true;
	}
	if (end - p >= 25 && memcmp(p, "System call usage summary", 25) == 0) {
		s->in_summary = true;
		return true;
	}
	return false;
}

static enum line_result
do_line(struct source *s, GError **err)
{
	const char *p = s->line, *end = s->line + s->len;
	struct leader ld;

	if (end > p && end[-1] == '\r')
		end--;
	if (p == end)
		return LINE_NONE;
	if (end - p >= 3 && memcmp(p, " > ", 3) == 0) {
		/* A -k frame of an event not yet delivered belongs to its
		 * pending first half; frames are attached in take_frames(). */
		return LINE_NONE;
	}
	if (is_strace_message(s, p, end))
		return LINE_NONE;
	const char *body = parse_leader(p, end, &ld);
	if (end - body >= 4 && memcmp(body, "+++ ", 4) == 0) {
		s->any_record = true;
		return do_exit_line(s, &ld, body, end, err);
	}
	if (end - body >= 4 && memcmp(body, "--- ", 4) == 0) {
		s->any_record = true;
		return do_signal_line(s, &ld, body, end, err);
	}
	if (end - body >= 5 && memcmp(body, "<... ", 5) == 0) {
		s->any_record = true;
		s->in_summary = false;
		return do_resumed_line(s, &ld, body, end, err);
	}
	const char *q = body;
	while (q < end && is_ident((unsigned char)*q))
		q++;
	if (q > body && q < end && *q == '(' && !is_digit((unsigned char)*body)) {
		s->any_record = true;
		s->in_summary = false;
		return do_call_line(s, &ld, body, end, err);
	}
	if (s->in_summary || (end - p >= 6 && memcmp(p, "------", 6) == 0))
		return LINE_NONE;
	/*
	 * With strace writing to stderr, the traced program's own output
	 * may precede a record on its line: "ls: cannot access 'x'[pid 7]
	 * openat(...)".  Read the record after it.
	 */
	const char *pid = end - p > 5 ? memmem(p + 1, end - p - 1, "[pid ", 5) :
	    NULL;
	if (pid != NULL && s->any_record && !s->retrying) {
		if (!oddity(s, p, err, "text before a record skipped"))
			return LINE_ERROR;
		s->r->skipped++;
		const char *line = s->line;
		size_t len = s->len;
		s->line = pid;
		s->len = end - pid;
		s->retrying = true;
		enum line_result lr = do_line(s, err);
		s->retrying = false;
		if (!s->have_line) {
			s->line = line;
			s->len = len;
		}
		return lr;
	}
	char *f = quote_found(s, body);
	if (!s->any_record) {
		char *m = where(s, body,
		    "expected a system call, signal or exit line, found %s", f);
		g_set_error_literal(err, TRACE_ERROR, TRACE_ERROR_SYNTAX, m);
		g_free(m);
		g_free(f);
		return LINE_ERROR;
	}
	bool ok = oddity(s, body, err,
	    "expected a system call, signal or exit line, found %s; skipped", f);
	g_free(f);
	s->r->skipped++;
	return ok ? LINE_NONE : LINE_ERROR;
}

/* Reads the next line into s->line, unless one was pushed back. */
static enum input_status
next_line(struct source *s, GError **err)
{
	if (s->have_line) {
		s->have_line = false;
		return INPUT_LINE;
	}
	enum input_status st = input_next(s->in, &s->line, &s->len,
	    &s->unterminated, err);
	s->lineno = input_lineno(s->in);
	return st;
}

/* Attaches the -k frame lines that follow the event. */
static bool
take_frames(struct source *s, GError **err)
{
	for (;;) {
		enum input_status st = next_line(s, err);
		if (st == INPUT_ERROR)
			return false;
		if (st == INPUT_EOF)
			return true;
		if (s->len < 3 || memcmp(s->line, " > ", 3) != 0) {
			s->have_line = true;
			return true;
		}
		g_string_append_len(s->fstore, s->line + 3, s->len - 3);
		g_string_append_c(s->fstore, '\n');
	}
}

static void
index_frames(struct source *s)
{
	const char *p = s->fstore->str, *end = p + s->fstore->len;

	g_array_set_size(s->frames, 0);
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		struct frame f = { .text = p, .len = nl - p };
		g_array_append_val(s->frames, f);
		p = nl + 1;
	}
	s->ev.frames = (const struct frame *)(void *)s->frames->data;
	s->ev.nframes = s->frames->len;
}

/* Frames after a first half: kept with the pending call. */
static bool
take_pending_frames(struct source *s, int pid, GError **err)
{
	struct pending *pd = g_hash_table_lookup(s->pending,
	    GINT_TO_POINTER(pid));

	for (;;) {
		enum input_status st = next_line(s, err);
		if (st == INPUT_ERROR)
			return false;
		if (st == INPUT_EOF)
			return true;
		if (s->len < 3 || memcmp(s->line, " > ", 3) != 0) {
			s->have_line = true;
			return true;
		}
		if (pd != NULL) {
			g_string_append_len(pd->frames, s->line + 3,
			    s->len - 3);
			g_string_append_c(pd->frames, '\n');
		}
	}
}

static int
pending_by_line(gconstpointer a, gconstpointer b)
{
	const struct pending *x = *(struct pending *const *)a;
	const struct pending *y = *(struct pending *const *)b;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* At the end of the file: the oldest call still pending, if any. */
static bool
flush_pending(struct source *s)
{
	GHashTableIter it;
	gpointer k, v;
	GPtrArray *live = g_ptr_array_new();

	g_hash_table_iter_init(&it, s->pending);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (((struct pending *)v)->live)
			g_ptr_array_add(live, v);
	if (live->len == 0) {
		g_ptr_array_free(live, TRUE);
		return false;
	}
	g_ptr_array_sort(live, pending_by_line);
	struct pending *pd = live->pdata[0];
	g_ptr_array_free(live, TRUE);
	g_hash_table_iter_init(&it, s->pending);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (v == pd)
			break;
	deliver_unreturned(s, GPOINTER_TO_INT(k), pd);
	return true;
}

/* Makes s->ev the next record of the source, or sets s->done. */
static bool
source_advance(struct source *s, GError **err)
{
	s->has_ev = false;
	for (;;) {
		enum input_status st = next_line(s, err);
		if (st == INPUT_ERROR)
			return false;
		if (st == INPUT_EOF) {
			if (flush_pending(s)) {
				index_frames(s);
				return true;
			}
			s->done = true;
			return true;
		}
		enum line_result lr = do_line(s, err);
		if (lr == LINE_ERROR)
			return false;
		if (lr == LINE_EVENT) {
			if (!s->have_line && s->ev.kind == EVENT_SYSCALL &&
			    !take_frames(s, err))
				return false;
			index_frames(s);
			return true;
		}
		/* A first half may be followed by its own frames. */
		if (lr == LINE_PENDING && !take_pending_frames(s,
		    s->pending_pid, err))
			return false;
	}
}

static bool
earlier(const struct event *a, const struct event *b)
{
	return a->time_ns < b->time_ns;
}

const struct event *
strace_reader_next(struct strace_reader *r, GError **err)
{
	if (!r->started) {
		r->started = true;
		bool timed = r->nsrc > 1;
		for (unsigned i = 0; i < r->nsrc; i++) {
			if (!source_advance(r->src[i], err))
				return NULL;
			struct source *s = r->src[i];
			if (!s->done && s->ev.time_kind != TIME_CLOCK &&
			    s->ev.time_kind != TIME_EPOCH)
				timed = false;
		}
		r->by_time = timed;
	} else if (r->last != NULL) {
		if (!source_advance(r->last, err))
			return NULL;
	}
	struct source *best = NULL;
	for (unsigned i = 0; i < r->nsrc; i++) {
		struct source *s = r->src[i];
		if (s->done)
			continue;
		if (best == NULL) {
			best = s;
			if (!r->by_time)
				break;
		} else if (earlier(&s->ev, &best->ev)) {
			best = s;
		}
	}
	r->last = best;
	return best != NULL ? &best->ev : NULL;
}

const struct value *
strace_reader_args_upto(struct strace_reader *r, const struct event *ev,
    unsigned n)
{
	struct source *s = r->last;

	g_return_val_if_fail(s != NULL && ev == &s->ev, NULL);
	/* Parsed already, with enough arguments? */
	if (s->args_tree != NULL && (s->args_upto == 0 ||
	    (n != 0 && n <= s->args_upto)))
		return s->args_tree;
	arena_reset(&s->arena);
	s->args_tree = values_parse_into(&s->arena, ev->args, ev->args_len, n);
	s->args_upto = n;
	return s->args_tree;
}

const struct value *
strace_reader_args(struct strace_reader *r, const struct event *ev)
{
	return strace_reader_args_upto(r, ev, 0);
}

static int
cmp_pid_paths(gconstpointer a, gconstpointer b)
{
	int x = pid_from_name(*(char *const *)a);
	int y = pid_from_name(*(char *const *)b);

	return x < y ? -1 : x > y;
}

char **
trace_expand_path(const char *arg, GError **err)
{
	if (strcmp(arg, "-") == 0 || g_file_test(arg, G_FILE_TEST_EXISTS)) {
		char **v = g_new0(char *, 2);
		v[0] = g_strdup(arg);
		return v;
	}
	char *dir = g_path_get_dirname(arg);
	char *base = g_path_get_basename(arg);
	size_t blen = strlen(base);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *out = g_ptr_array_new();

	if (d != NULL) {
		const char *e;
		while ((e = g_dir_read_name(d)) != NULL) {
			if (strncmp(e, base, blen) != 0 || e[blen] != '.' ||
			    e[blen + 1] == '\0')
				continue;
			const char *c = e + blen + 1;
			while (*c && is_digit((unsigned char)*c))
				c++;
			if (*c != '\0')
				continue;
			g_ptr_array_add(out, strcmp(dir, ".") == 0 &&
			    !g_str_has_prefix(arg, "./") ? g_strdup(e) :
			    g_build_filename(dir, e, NULL));
		}
		g_dir_close(d);
	}
	g_free(dir);
	g_free(base);
	if (out->len == 0) {
		g_ptr_array_free(out, TRUE);
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
		    "%s: No such file or directory", arg);
		return NULL;
	}
	g_ptr_array_sort(out, cmp_pid_paths);
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}
