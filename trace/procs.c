/*
 * procs.c: a trace as the calls of each process image (see procs.h for
 * what it promises), for the EFSA learner, the conformance check and the
 * policy monitor.
 *
 * States come from program locations when the log has -k stacks, as in
 * model-carrying code (Sekar et al., SOSP 2003: the return address of the
 * first frame outside the C library, so the same call site gives the same
 * state in every run), and otherwise from the calling context, the last k
 * calls (Forrest et al.'s windows of system calls, with k = 1 the pairs of
 * consecutive calls).
 *
 * Argument text is parsed only as far as the last argument whose role is
 * learned.  Strings are escaped into one buffer reused for every event.
 */
#include <stdlib.h>
#include <string.h>

#include "fdnames.h"
#include "norm.h"
#include "procs.h"

/* What is needed of a call, looked up once per name. */
struct callinfo {
	const char *roles;	/* NULL: unknown call, '-' for every arg */
	unsigned nparse;	/* arguments to parse; 0: all */
	int outs_arg;		/* argument holding [fd, fd], or -1 */
	bool exec;		/* execve (path arg 0), execveat (arg 1) */
	bool returns_fd;
	int path_arg;
	int text_arg;		/* a path role that is no name the kernel
				 * resolves: a symlink's contents, a mount's
				 * source; or -1 */
};

/* A call of a child logged before its parent's clone returned. */
struct held {
	bool exit;
	struct call fe;
	struct call_val args[CALL_MAX_ARGS];
	struct call_val outs[3];
};

struct procs_state {
	const char *name;
	bool all_args;
	enum procs_states states;
	unsigned k;
	const struct procs_ops *ops;
	void *ctx;
	GHashTable *tasks;	/* pid -> struct proc */
	GHashTable *held;	/* pid -> GPtrArray of struct held */
	GHashTable *calls;	/* interned name -> struct callinfo */
	bool any_task;
	GString *buf;		/* escaped strings of one event */
	struct fdnames *fn;	/* with names: cwds and fd tables */
	bool relative_only;	/* procs_opts.relative_only */
	GString *resolved;	/* a resolved name */
	GString *keybuf;
	const char *start, *exec_key, *unknown;
	struct sockaddr_info sa[CALL_MAX_ARGS];	/* of one event */
};

static const struct callinfo *
callinfo(struct procs_state *f, const char *name)
{
	struct callinfo *ci = g_hash_table_lookup(f->calls, name);
	unsigned i, n;

	if (ci != NULL)
		return ci;
	ci = g_new0(struct callinfo, 1);
	ci->roles = trace_syscall_roles(name);
	ci->returns_fd = trace_syscall_returns_fd(name);
	ci->outs_arg = -1;
	ci->path_arg = -1;
	ci->text_arg = -1;
	if (strcmp(name, "symlink") == 0 || strcmp(name, "symlinkat") == 0 ||
	    strcmp(name, "mount") == 0)
		ci->text_arg = 0;
	if (strcmp(name, "pipe") == 0 || strcmp(name, "pipe2") == 0)
		ci->outs_arg = 0;
	else if (strcmp(name, "socketpair") == 0)
		ci->outs_arg = 3;
	if (strcmp(name, "execve") == 0) {
		ci->exec = true;
		ci->path_arg = 0;
	} else if (strcmp(name, "execveat") == 0) {
		ci->exec = true;
		ci->path_arg = 1;
	}
	if (ci->roles != NULL) {
		for (i = 0, n = 0; ci->roles[i] != '\0'; i++)
			if (strchr("pfdka-", ci->roles[i]) != NULL)
				n = i + 1;
		if (ci->outs_arg >= 0 && (unsigned)ci->outs_arg + 1 > n)
			n = (unsigned)ci->outs_arg + 1;
		ci->nparse = n > 0 ? n : 1;
	} else {
		ci->nparse = CALL_MAX_ARGS;
	}
	if (ci->nparse > CALL_MAX_ARGS)
		ci->nparse = CALL_MAX_ARGS;
	g_hash_table_insert(f->calls, (gpointer)name, ci);
	return ci;
}

static bool
is_libc(const char *bin, size_t n)
{
	static const char *const libs[] = { "libc.so", "libc-", "libpthread",
	    "ld-musl", "libc.musl", NULL };
	const char *base = bin;
	size_t i;

	for (i = 0; i < n; i++)
		if (bin[i] == '/')
			base = bin + i + 1;
	for (i = 0; libs[i] != NULL; i++)
		if ((size_t)(bin + n - base) >= strlen(libs[i]) &&
		    strncmp(base, libs[i], strlen(libs[i])) == 0)
			return true;
	return false;
}

const char *
procs_location(const struct frame *frames, unsigned n)
{
	GString *out;
	const char *loc;
	unsigned i;

	for (i = 0; i < n; i++) {
		const char *t = frames[i].text, *end = t + frames[i].len;
		const char *open, *addr, *p;
		size_t blen;

		/* BINARY(SYMBOL+0xOFF) [0xOFFSET], or BINARY() [0x...] */
		addr = NULL;
		for (p = end; p > t; p--)
			if (p[-1] == '[') {
				addr = p;
				break;
			}
		if (addr == NULL)
			continue;
		open = memchr(t, '(', (size_t)(addr - t));
		blen = (size_t)((open != NULL ? open : addr - 1) - t);
		while (blen > 0 && t[blen - 1] == ' ')
			blen--;
		if (blen == 0 || is_libc(t, blen))
			continue;
		out = g_string_new(NULL);
		trace_escape_bytes(out, t, blen);
		g_string_append_c(out, '+');
		for (p = addr; p < end && *p != ']'; p++)
			;
		trace_escape_bytes(out, addr, (size_t)(p - addr));
		loc = trace_intern(out->str);
		g_string_free(out, TRUE);
		return loc;
	}
	return NULL;
}

/* One flag of a set: its text, for sorting without copies. */
struct flag {
	const char *p;
	size_t n;
};

static int
cmp_flag(const void *a, const void *b)
{
	const struct flag *x = a, *y = b;
	int c = memcmp(x->p, y->p, MIN(x->n, y->n));

	return c != 0 ? c : x->n < y->n ? -1 : x->n > y->n;
}

#define MAX_FLAGS 64

/*
 * Appends the flag names of v, sorted, without repeats, joined by '|'.
 * A set of more than MAX_FLAGS is kept in the order printed.
 */
static void
put_flags(GString *out, const struct value *v)
{
	struct flag f[MAX_FLAGS];
	const struct value *c;
	size_t n = 0, i;

	if (v->kind == VALUE_NAME) {
		trace_escape_bytes(out, v->bytes, v->len);
		return;
	}
	for (c = v->child; c != NULL && n < MAX_FLAGS; c = c->next, n++) {
		f[n].p = c->kind == VALUE_NAME ? c->bytes : c->text;
		f[n].n = c->kind == VALUE_NAME ? c->len : c->text_len;
	}
	if (c == NULL)
		qsort(f, n, sizeof(f[0]), cmp_flag);
	for (i = 0; i < n; i++) {
		if (i > 0 && cmp_flag(&f[i], &f[i - 1]) == 0)
			continue;
		if (i > 0)
			g_string_append_c(out, '|');
		trace_escape_bytes(out, f[i].p, f[i].n);
	}
}

/* One argument by its role; strings go to f->buf, at offset *off. */
static enum call_vkind
convert_arg(struct procs_state *f, char role, const struct value *a,
    struct call_val *out, size_t *off, struct sockaddr_info *sa)
{
	*off = f->buf->len;
	out->num = 0;
	out->str = NULL;
	out->sa = NULL;
	switch (role) {
	case 'p':
	case 'k':
		if (a->kind == VALUE_STR) {
			trace_escape_bytes(f->buf, a->bytes, a->len);
			if (a->truncated)
				g_string_append(f->buf, "...");
			g_string_append_c(f->buf, '\0');
			return CALL_VAL_STR;
		}
		if (role == 'k' && a->kind == VALUE_INT && !a->overflow) {
			out->num = a->num;
			return CALL_VAL_INT;
		}
		break;
	case 'f':
	case 'd':
		if ((a->kind == VALUE_INT && !a->overflow) ||
		    a->kind == VALUE_FD) {
			out->num = a->num;
			return CALL_VAL_INT;
		}
		break;
	case 'a':
		if (sa != NULL && sockaddr_decode(a, sa)) {
			g_string_append(f->buf, sa->family);
			g_string_append_c(f->buf, '\0');
			out->sa = sa;
			return CALL_VAL_FLAGS;
		}
		/* no address (sendto on a connected socket): no value, but
		 * one a model learns, told from one strace could not read */
		if (a->kind == VALUE_NAME && a->len == 4 &&
		    memcmp(a->bytes, "NULL", 4) == 0)
			out->str = "NULL";
		return CALL_VAL_NONE;
	default:
		break;
	}
	if (role != 0 && role != 'x' && role != 'v' &&
	    (a->kind == VALUE_NAME || a->kind == VALUE_FLAGS)) {
		size_t before = f->buf->len;

		put_flags(f->buf, a);
		if (f->buf->len > before) {
			g_string_append_c(f->buf, '\0');
			return CALL_VAL_FLAGS;
		}
	}
	return CALL_VAL_NONE;
}

/*
 * With names: each path argument's absolute name replaces its text in
 * f->buf (offs[i]), the text as given moving to goffs[i] (its offset plus
 * one); a relative path the log does not place is marked unresolved; an
 * fd with no -y decoration gets the file the table followed.
 */
static void
absolute_names(struct procs_state *f, const struct callinfo *ci, int pid,
    struct call *fe, const struct value *const *vals, struct call_val *args,
    bool *has_str, size_t *offs, size_t *goffs)
{
	unsigned i;

	for (i = 0; i < fe->nargs; i++) {
		const struct value *a = vals[i];

		if (f->relative_only && fe->role[i] != 'p')
			continue;
		if (fe->role[i] == 'p' && args[i].kind == CALL_VAL_STR &&
		    (int)i != ci->text_arg) {
			const struct value *dirfd = i > 0 && ci->roles != NULL &&
			    i - 1 < strlen(ci->roles) &&
			    ci->roles[i - 1] == 'd' ? vals[i - 1] : NULL;

			/* (called for every path: an AT_FDCWD decoration
			 * tells the working directory) */
			if (!fdnames_path(f->fn, pid, dirfd, a, f->resolved)) {
				args[i].unresolved = a->len > 0 &&
				    a->bytes[0] != '/';
				continue;
			}
			if (f->relative_only && (a->len == 0 ||
			    a->bytes[0] == '/'))
				continue;
			goffs[i] = offs[i] + 1;
			offs[i] = f->buf->len;
			trace_escape_bytes(f->buf, f->resolved->str,
			    f->resolved->len);
			g_string_append_c(f->buf, '\0');
		} else if (fe->role[i] == 'f' && args[i].kind == CALL_VAL_INT &&
		    !has_str[i] && fdnames_fd(f->fn, pid, a, f->resolved)) {
			offs[i] = f->buf->len;
			trace_escape_bytes(f->buf, f->resolved->str,
			    f->resolved->len);
			g_string_append_c(f->buf, '\0');
			has_str[i] = true;
		}
	}
}

static bool
convert(struct procs_state *f, struct strace_reader *r, const struct event *ev,
    struct call *fe, struct call_val *args, struct call_val *outs)
{
	const struct callinfo *ci = callinfo(f, ev->name);
	const struct value *root, *a;
	size_t offs[CALL_MAX_ARGS], goffs[CALL_MAX_ARGS];
	const struct value *vals[CALL_MAX_ARGS];
	unsigned i, nroles = ci->roles != NULL ? strlen(ci->roles) : 0;

	memset(fe, 0, sizeof(*fe));
	fe->ev = ev;
	fe->file = ev->file;
	fe->line = ev->line;
	fe->name = ev->name;
	fe->args = args;
	fe->outs = outs;
	fe->child = event_child(ev);
	fe->returns_fd = ci->returns_fd;
	fe->ret_kind = ev->ret_kind;
	fe->ret = ev->ret;
	fe->err = ev->err;
	bool has_str[CALL_MAX_ARGS];

	g_string_truncate(f->buf, 0);
	root = strace_reader_args_upto(r, ev, f->all_args ? CALL_MAX_ARGS :
	    ci->nparse);
	for (a = root->child, i = 0; a != NULL && i < CALL_MAX_ARGS;
	    a = a->next, i++) {
		char role = ci->roles == NULL ? '-' :
		    i < nroles ? ci->roles[i] : '-';

		if (ci->roles != NULL && i >= ci->nparse)
			role = 0;
		if (f->all_args && (role == 0 || role == 'v' || role == 'x'))
			role = 'k';
		args[i].kind = convert_arg(f, role, a, &args[i], &offs[i],
		    &f->sa[i]);
		has_str[i] = args[i].kind == CALL_VAL_STR ||
		    args[i].kind == CALL_VAL_FLAGS;
		if (args[i].kind == CALL_VAL_INT && a->kind == VALUE_FD) {
			/* an fd decorated by -y: its file too */
			offs[i] = f->buf->len;
			trace_escape_bytes(f->buf, a->bytes, a->len);
			g_string_append_c(f->buf, '\0');
			has_str[i] = true;
		}
		fe->role[i] = args[i].kind == CALL_VAL_NONE &&
		    args[i].str == NULL ? 0 :
		    role == 'd' ? 'f' : role == 'a' ? '-' : role;
		vals[i] = a;
		args[i].given = NULL;
		args[i].unresolved = false;
		goffs[i] = 0;
	}
	fe->nargs = i;
	if (f->fn != NULL)
		absolute_names(f, ci, ev->pid, fe, vals, args, has_str, offs,
		    goffs);
	for (i = 0; i < fe->nargs; i++) {
		if (has_str[i])
			args[i].str = f->buf->str + offs[i];
		if (goffs[i] > 0)
			args[i].given = f->buf->str + goffs[i] - 1;
	}
	memset(outs, 0, 3 * sizeof(*outs));
	fe->nouts = 1;
	if (ev->ret_kind == RET_VALUE && ev->err == NULL) {
		outs[0].kind = CALL_VAL_INT;
		outs[0].num = ev->ret;
		if (ci->outs_arg >= 0 && (a = value_child(root,
		    (unsigned)ci->outs_arg)) != NULL &&
		    a->kind == VALUE_ARRAY) {
			const struct value *c = a->child;

			for (i = 1; i < 3 && c != NULL; i++, c = c->next) {
				outs[i].kind = (c->kind == VALUE_INT ||
				    c->kind == VALUE_FD) ? CALL_VAL_INT :
				    CALL_VAL_NONE;
				outs[i].num = c->num;
				outs[i].str = NULL;
				fe->nouts = i + 1;
			}
		}
		if (ci->exec && ev->ret == 0) {
			unsigned pa = (unsigned)ci->path_arg;

			fe->exec = true;
			fe->program = pa < fe->nargs &&
			    args[pa].kind == CALL_VAL_STR ?
			    trace_intern(args[pa].given != NULL ?
			    args[pa].given : args[pa].str) : f->unknown;
		}
	}
	if (f->states == PROCS_AUTO)
		f->states = ev->nframes > 0 ? PROCS_STACK : PROCS_CONTEXT;
	if (f->states == PROCS_STACK)
		fe->loc = procs_location(ev->frames, ev->nframes);
	if (f->fn != NULL)
		fdnames_track(f->fn, ev, ci->roles, root);
	return true;
}

static void
task_free(gpointer p)
{
	struct proc *t = p;

	g_free(t->ring);
	g_free(t);
}

static struct proc *
task_new(struct procs_state *f, int pid, const struct proc *parent)
{
	struct proc *t = g_new0(struct proc, 1);

	t->pid = pid;
	t->ring = g_new0(const char *, f->k);
	if (parent != NULL) {
		t->program = parent->program;
		t->key = parent->key;
		t->nring = parent->nring;
		memcpy(t->ring, parent->ring, f->k * sizeof(*t->ring));
		t->data = f->ops->fork(f->ctx, (struct proc *)parent);
	} else {
		t->program = f->unknown;
		t->key = f->start;
		t->data = f->ops->fork(f->ctx, NULL);
	}
	g_hash_table_insert(f->tasks, GINT_TO_POINTER(pid), t);
	f->any_task = true;
	return t;
}

static const char *
context_key(struct procs_state *f, struct proc *t, const char *name)
{
	unsigned i;

	if (t->nring == f->k) {
		memmove(t->ring, t->ring + 1, (f->k - 1) * sizeof(*t->ring));
		t->nring--;
	}
	t->ring[t->nring++] = name;
	if (t->nring == 1)
		return name;	/* interned already */
	g_string_truncate(f->keybuf, 0);
	for (i = 0; i < t->nring; i++) {
		if (i > 0)
			g_string_append_c(f->keybuf, ' ');
		g_string_append(f->keybuf, t->ring[i]);
	}
	return trace_intern(f->keybuf->str);
}

static void replay_held(struct procs_state *f, struct proc *t);

static void
process(struct procs_state *f, struct proc *t, struct call *fe)
{
	const char *key;

	if (fe->exec) {
		f->ops->exec(f->ctx, t);
		t->program = fe->program;
		t->key = f->start;
		t->nring = 0;
	}
	if (f->states == PROCS_STACK)
		key = fe->exec ? f->exec_key : fe->loc != NULL ? fe->loc :
		    f->unknown;
	else
		key = context_key(f, t, fe->exec ? f->exec_key : fe->name);
	fe->key = key;
	f->ops->call(f->ctx, t, fe);
	t->key = key;
	if (fe->child > 0 && !g_hash_table_contains(f->tasks,
	    GINT_TO_POINTER(fe->child))) {
		struct proc *c = task_new(f, fe->child, t);

		replay_held(f, c);
	}
}

static void
end_task(struct procs_state *f, struct proc *t)
{
	f->ops->done(f->ctx, t);
	g_hash_table_remove(f->tasks, GINT_TO_POINTER(t->pid));
}

static void
held_free(gpointer p)
{
	struct held *h = p;
	unsigned i;

	for (i = 0; i < h->fe.nargs; i++) {
		g_free((char *)h->args[i].str);
		g_free((char *)h->args[i].given);
		g_free((struct sockaddr_info *)h->args[i].sa);
	}
	g_free(h);
}

static void
replay_held(struct procs_state *f, struct proc *t)
{
	GPtrArray *q;
	guint i;
	int pid = t->pid;

	if (!g_hash_table_steal_extended(f->held, GINT_TO_POINTER(pid), NULL,
	    (gpointer *)&q))
		return;
	for (i = 0; i < q->len; i++) {
		struct held *h = q->pdata[i];

		t = g_hash_table_lookup(f->tasks, GINT_TO_POINTER(pid));
		if (t == NULL)
			break;
		if (h->exit) {
			end_task(f, t);
			break;
		}
		process(f, t, &h->fe);
	}
	g_ptr_array_free(q, TRUE);
}

static void
hold(struct procs_state *f, int pid, const struct call *fe)
{
	GPtrArray *q = g_hash_table_lookup(f->held, GINT_TO_POINTER(pid));
	struct held *h = g_new0(struct held, 1);
	unsigned i;

	if (q == NULL) {
		q = g_ptr_array_new_with_free_func(held_free);
		g_hash_table_insert(f->held, GINT_TO_POINTER(pid), q);
	}
	if (fe == NULL) {
		h->exit = true;
	} else {
		h->fe = *fe;
		h->fe.ev = NULL;
		h->fe.args = h->args;
		h->fe.outs = h->outs;
		for (i = 0; i < fe->nargs; i++) {
			h->args[i] = fe->args[i];
			h->args[i].str = g_strdup(fe->args[i].str);
			h->args[i].given = g_strdup(fe->args[i].given);
			if (fe->args[i].sa != NULL)
				h->args[i].sa = g_memdup2(fe->args[i].sa,
				    sizeof(*fe->args[i].sa));
		}
		for (i = 0; i < fe->nouts; i++)
			h->outs[i] = fe->outs[i];
	}
	g_ptr_array_add(q, h);
}

static gint
cmp_pid(gconstpointer a, gconstpointer b)
{
	int x = GPOINTER_TO_INT(*(gconstpointer *)a);
	int y = GPOINTER_TO_INT(*(gconstpointer *)b);

	return x < y ? -1 : x > y;
}

static GPtrArray *
sorted_pids(GHashTable *h)
{
	GPtrArray *v = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(v, k);
	g_ptr_array_sort(v, cmp_pid);
	return v;
}

bool
procs_run(struct strace_reader *r, const char *name, struct procs_opts *o,
    const struct procs_ops *ops, void *ctx, GError **err)
{
	struct procs_state f = { 0 };
	const struct event *ev;
	struct call fe;
	struct call_val args[CALL_MAX_ARGS], outs[3];
	GError *e = NULL;
	GPtrArray *pids;
	guint i;
	bool ok = true, first = true;

	f.name = name;
	f.states = o->states;
	f.k = o->k > 0 ? o->k : 1;
	f.all_args = o->all_args;
	f.ops = ops;
	f.ctx = ctx;
	f.tasks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    task_free);
	f.held = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    (GDestroyNotify)g_ptr_array_unref);
	f.calls = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    g_free);
	f.buf = g_string_sized_new(256);
	if (o->names) {
		f.relative_only = o->relative_only;
		f.fn = fdnames_new();
		f.resolved = g_string_sized_new(128);
	}
	f.keybuf = g_string_sized_new(64);
	f.start = trace_intern("^");
	f.exec_key = trace_intern("execve");
	f.unknown = trace_intern("?");
	while ((ev = strace_reader_next(r, &e)) != NULL) {
		struct proc *t = g_hash_table_lookup(f.tasks,
		    GINT_TO_POINTER(ev->pid));

		if (ev->kind == EVENT_SIGNAL)
			continue;
		if (ev->kind == EVENT_EXIT || ev->kind == EVENT_KILLED) {
			if (f.fn != NULL)
				fdnames_exit(f.fn, ev->pid);
			if (t != NULL)
				end_task(&f, t);
			else if (g_hash_table_contains(f.held,
			    GINT_TO_POINTER(ev->pid)))
				hold(&f, ev->pid, NULL);
			continue;
		}
		if (first && o->states == PROCS_STACK && ev->nframes == 0 &&
		    f.states == PROCS_STACK) {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
			    "%s:%" G_GUINT64_FORMAT ":1: the log has no stack "
			    "traces (strace -k), but the states are program "
			    "locations", ev->file, ev->line);
			ok = false;
			break;
		}
		first = false;
		convert(&f, r, ev, &fe, args, outs);
		if (t == NULL) {
			/* a child whose parent's clone has not returned yet,
			 * or a process whose start the log does not show */
			if (f.any_task && strace_reader_pending_forks(r) > 0) {
				hold(&f, ev->pid, &fe);
				continue;
			}
			t = task_new(&f, ev->pid, NULL);
			replay_held(&f, t);
			t = g_hash_table_lookup(f.tasks,
			    GINT_TO_POINTER(ev->pid));
			if (t == NULL)
				t = task_new(&f, ev->pid, NULL);
		}
		process(&f, t, &fe);
	}
	if (e != NULL) {
		g_propagate_error(err, e);
		ok = false;
	}
	/* children whose parents never said they made them */
	pids = sorted_pids(f.held);
	for (i = 0; ok && i < pids->len; i++) {
		int pid = GPOINTER_TO_INT(pids->pdata[i]);

		if (g_hash_table_contains(f.held, pids->pdata[i]) &&
		    !g_hash_table_contains(f.tasks, pids->pdata[i]))
			replay_held(&f, task_new(&f, pid, NULL));
	}
	g_ptr_array_free(pids, TRUE);
	pids = sorted_pids(f.tasks);
	for (i = 0; i < pids->len; i++)
		end_task(&f, g_hash_table_lookup(f.tasks, pids->pdata[i]));
	g_ptr_array_free(pids, TRUE);
	o->states = f.states;
	g_hash_table_destroy(f.tasks);
	g_hash_table_destroy(f.held);
	g_hash_table_destroy(f.calls);
	g_string_free(f.buf, TRUE);
	g_string_free(f.keybuf, TRUE);
	fdnames_free(f.fn);
	if (f.resolved != NULL)
		g_string_free(f.resolved, TRUE);
	return ok;
}
