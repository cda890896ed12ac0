/*
 * fdnames.c: working directories and fd tables, for the absolute names of
 * a call's arguments (fdnames.h says what each does).
 *
 * Method.  Every process has an fd table, reference-counted so that a
 * thread made with CLONE_FILES shares its parent's for good; fork copies
 * it.  An entry holds the fd's file as raw bytes and whether it closes on
 * execve.  The working directory and the joining of names are normpath.c's
 * (normpath_new_absolute()).  A -y decoration is the kernel's word and
 * always wins over what was followed: it also corrects the table.
 */
#include <string.h>

#include "fdnames.h"
#include "internal.h"
#include "norm.h"
#include "normpath.h"

struct fdent {
	char *name;		/* raw bytes, NUL-terminated for the table */
	size_t len;
	bool cloexec;
};

struct fdtab {
	int refs;
	GHashTable *fds;	/* fd -> struct fdent */
};

struct fdnames {
	struct normpath *np;
	GHashTable *tabs;	/* pid -> struct fdtab */
	GString *dir;		/* a dirfd's file */
	GString *tmp;
	const char *n_close, *n_close_range, *n_fcntl, *n_pipe, *n_pipe2,
	    *n_socketpair, *n_execve, *n_execveat, *n_chdir, *n_fchdir,
	    *n_getcwd, *n_dup2, *n_dup3;
};

static void
fdent_free(gpointer p)
{
	struct fdent *e = p;

	g_free(e->name);
	g_free(e);
}

static struct fdtab *
fdtab_new(void)
{
	struct fdtab *t = g_new0(struct fdtab, 1);

	t->refs = 1;
	t->fds = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    fdent_free);
	return t;
}

static void
fdtab_unref(gpointer p)
{
	struct fdtab *t = p;

	if (t != NULL && --t->refs == 0) {
		g_hash_table_destroy(t->fds);
		g_free(t);
	}
}

/* Copies into to the entries of from whose fds to does not have. */
static void
fdtab_fill(struct fdtab *to, const struct fdtab *from)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, from->fds);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct fdent *e = v;
		struct fdent *c;

		if (g_hash_table_contains(to->fds, k))
			continue;
		c = g_new(struct fdent, 1);
		c->name = g_strndup(e->name, e->len);
		c->len = e->len;
		c->cloexec = e->cloexec;
		g_hash_table_insert(to->fds, k, c);
	}
}

struct fdnames *
fdnames_new(void)
{
	struct fdnames *fn = g_new0(struct fdnames, 1);

	fn->np = normpath_new_absolute();
	fn->tabs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    fdtab_unref);
	fn->dir = g_string_sized_new(128);
	fn->tmp = g_string_sized_new(128);
	fn->n_close = trace_intern("close");
	fn->n_close_range = trace_intern("close_range");
	fn->n_fcntl = trace_intern("fcntl");
	fn->n_pipe = trace_intern("pipe");
	fn->n_pipe2 = trace_intern("pipe2");
	fn->n_socketpair = trace_intern("socketpair");
	fn->n_execve = trace_intern("execve");
	fn->n_execveat = trace_intern("execveat");
	fn->n_chdir = trace_intern("chdir");
	fn->n_fchdir = trace_intern("fchdir");
	fn->n_getcwd = trace_intern("getcwd");
	fn->n_dup2 = trace_intern("dup2");
	fn->n_dup3 = trace_intern("dup3");
	return fn;
}

void
fdnames_free(struct fdnames *fn)
{
	if (fn == NULL)
		return;
	normpath_free(fn->np);
	g_hash_table_destroy(fn->tabs);
	g_string_free(fn->dir, TRUE);
	g_string_free(fn->tmp, TRUE);
	g_free(fn);
}

static struct fdtab *
tab_of(struct fdnames *fn, int pid)
{
	struct fdtab *t = g_hash_table_lookup(fn->tabs, GINT_TO_POINTER(pid));

	if (t == NULL) {
		t = fdtab_new();
		g_hash_table_insert(fn->tabs, GINT_TO_POINTER(pid), t);
	}
	return t;
}

static bool
fd_number(const struct value *v, int *fd)
{
	if (v == NULL || (v->kind != VALUE_INT && v->kind != VALUE_FD) ||
	    v->overflow || v->num < 0 || v->num > G_MAXINT)
		return false;
	*fd = (int)v->num;
	return true;
}

static void
fd_put(struct fdnames *fn, int pid, int64_t fd, const char *name,
    size_t len, bool cloexec)
{
	struct fdent *e;

	if (fd < 0 || fd > G_MAXINT)
		return;
	e = g_new(struct fdent, 1);
	e->name = g_strndup(name, len);
	e->len = len;
	e->cloexec = cloexec;
	g_hash_table_replace(tab_of(fn, pid)->fds, GINT_TO_POINTER((int)fd),
	    e);
}

static void
fd_drop(struct fdnames *fn, int pid, int64_t fd)
{
	struct fdtab *t = g_hash_table_lookup(fn->tabs, GINT_TO_POINTER(pid));

	if (t != NULL && fd >= 0 && fd <= G_MAXINT)
		g_hash_table_remove(t->fds, GINT_TO_POINTER((int)fd));
}

static struct fdent *
fd_entry(struct fdnames *fn, int pid, const struct value *v)
{
	struct fdtab *t = g_hash_table_lookup(fn->tabs, GINT_TO_POINTER(pid));
	int fd;

	if (t == NULL || !fd_number(v, &fd))
		return NULL;
	return g_hash_table_lookup(t->fds, GINT_TO_POINTER(fd));
}

bool
fdnames_fd(struct fdnames *fn, int pid, const struct value *v, GString *out)
{
	const struct fdent *e;

	if (v == NULL)
		return false;
	if (v->kind == VALUE_FD && v->len > 0) {
		g_string_truncate(out, 0);
		g_string_append_len(out, v->bytes, v->len);
		return true;
	}
	if ((e = fd_entry(fn, pid, v)) == NULL)
		return false;
	g_string_truncate(out, 0);
	g_string_append_len(out, e->name, e->len);
	return true;
}

static bool
is_at_fdcwd(const struct value *v)
{
	return (v->kind == VALUE_FD && v->num == -100) ||
	    (v->kind == VALUE_NAME && v->len == 8 &&
	    memcmp(v->bytes, "AT_FDCWD", 8) == 0) ||
	    (v->kind == VALUE_INT && v->num == -100);
}

bool
fdnames_path(struct fdnames *fn, int pid, const struct value *dirfd,
    const struct value *p, GString *out)
{
	const char *dir = NULL;
	size_t dlen = 0;

	if (p == NULL || p->kind != VALUE_STR || p->truncated)
		return false;
	if (dirfd != NULL && is_at_fdcwd(dirfd)) {
		/* -y printed the working directory: the kernel's word */
		if (dirfd->kind == VALUE_FD && dirfd->len > 0 &&
		    dirfd->bytes[0] == '/')
			normpath_cwd_is(fn->np, pid, dirfd->bytes, dirfd->len);
	} else if (dirfd != NULL && (p->len == 0 || p->bytes[0] != '/')) {
		if (!fdnames_fd(fn, pid, dirfd, fn->dir) || fn->dir->len == 0 ||
		    fn->dir->str[0] != '/')
			return false;
		dir = fn->dir->str;
		dlen = fn->dir->len;
	}
	if (p->len == 0) {
		/* AT_EMPTY_PATH: the dirfd's file, or the working
		 * directory */
		if (dir == NULL)
			return normpath_resolve(fn->np, pid, NULL, 0, ".", 1,
			    out);
		g_string_truncate(out, 0);
		g_string_append_len(out, dir, dlen);
		return true;
	}
	if (!normpath_resolve(fn->np, pid, dir, dlen, p->bytes, p->len,
	    fn->tmp))
		return false;
	g_string_assign(out, fn->tmp->str);
	return true;
}

static bool
flags_say_cloexec(const struct value *v)
{
	if (v == NULL)
		return false;
	if (v->kind == VALUE_NAME)
		return v->len >= 7 && memcmp(v->bytes + v->len - 7, "CLOEXEC",
		    7) == 0;
	if (v->kind == VALUE_FLAGS)
		for (const struct value *c = v->child; c != NULL; c = c->next)
			if (flags_say_cloexec(c))
				return true;
	return false;
}

static bool
any_cloexec(const struct value *args)
{
	for (const struct value *c = args->child; c != NULL; c = c->next)
		if (flags_say_cloexec(c))
			return true;
	return false;
}

/* chdir, fchdir, getcwd, which succeeded. */
static void
track_cwd(struct fdnames *fn, const struct event *ev,
    const struct value *args)
{
	const struct value *a = value_child(args, 0);

	if (ev->name == fn->n_getcwd) {
		if (a != NULL && a->kind == VALUE_STR && !a->truncated &&
		    a->len > 0 && a->bytes[0] == '/')
			normpath_cwd_is(fn->np, ev->pid, a->bytes, a->len);
	} else if (ev->name == fn->n_chdir) {
		if (fdnames_path(fn, ev->pid, NULL, a, fn->dir))
			normpath_chdir(fn->np, ev->pid, fn->dir->str,
			    fn->dir->len);
		else
			normpath_chdir(fn->np, ev->pid, NULL, 0);
	} else if (fdnames_fd(fn, ev->pid, a, fn->dir) && fn->dir->len > 0 &&
	    fn->dir->str[0] == '/') {
		normpath_chdir(fn->np, ev->pid, fn->dir->str, fn->dir->len);
	} else {
		normpath_chdir(fn->np, ev->pid, NULL, 0);
	}
}

/* clone, fork, vfork that made child. */
static void
track_fork(struct fdnames *fn, const struct event *ev,
    const struct value *args, int child)
{
	const struct value *fl = clone_flags(ev, args);
	struct fdtab *parent = tab_of(fn, ev->pid);
	struct fdtab *mine = g_hash_table_lookup(fn->tabs,
	    GINT_TO_POINTER(child));

	if (value_has_flag(fl, "CLONE_FILES")) {
		parent->refs++;
		if (mine != NULL)
			fdtab_fill(parent, mine);
		g_hash_table_replace(fn->tabs, GINT_TO_POINTER(child), parent);
	} else {
		/* a child logged before its parent's clone returned keeps
		 * what it opened itself */
		if (mine == NULL) {
			mine = fdtab_new();
			g_hash_table_insert(fn->tabs, GINT_TO_POINTER(child),
			    mine);
		}
		fdtab_fill(mine, parent);
	}
	normpath_fork(fn->np, ev->pid, child, value_has_flag(fl, "CLONE_FS"));
}

static void
track_close_range(struct fdnames *fn, const struct event *ev,
    const struct value *args)
{
	const struct value *lo = value_child(args, 0);
	const struct value *hi = value_child(args, 1);
	struct fdtab *t = g_hash_table_lookup(fn->tabs,
	    GINT_TO_POINTER(ev->pid));
	bool cloexec = value_has_flag(value_child(args, 2),
	    "CLOSE_RANGE_CLOEXEC");
	GHashTableIter it;
	gpointer k, v;

	if (t == NULL || lo == NULL || hi == NULL || lo->kind != VALUE_INT ||
	    hi->kind != VALUE_INT)
		return;
	g_hash_table_iter_init(&it, t->fds);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		uint64_t fd = (uint64_t)GPOINTER_TO_INT(k);

		if (fd < (uint64_t)lo->num || fd > (uint64_t)hi->num)
			continue;
		if (cloexec)
			((struct fdent *)v)->cloexec = true;
		else
			g_hash_table_iter_remove(&it);
	}
}

/* The -y decoration of ev's result, "</x>", into out; false if none. */
static bool
returned_name(const struct event *ev, GString *out)
{
	size_t own, used, k;
	char *buf;

	if (ev->ret_len < 2 || ev->ret_text[0] != '<' ||
	    ev->ret_text[ev->ret_len - 1] != '>')
		return false;
	own = decoration_own_len(ev->ret_text + 1, ev->ret_len - 2);
	buf = g_malloc(own + 1);
	k = unescape(ev->ret_text + 1, ev->ret_text + 1 + own, 0, buf, &used);
	g_string_truncate(out, 0);
	g_string_append_len(out, buf, k);
	g_free(buf);
	return k > 0;
}

/* A call that returned a new fd, ev->ret: what is its file? */
static void
track_new_fd(struct fdnames *fn, const struct event *ev, const char *roles,
    const struct value *args)
{
	bool cloexec = any_cloexec(args);
	const char *p;

	if (returned_name(ev, fn->dir)) {
		fd_put(fn, ev->pid, ev->ret, fn->dir->str, fn->dir->len,
		    cloexec);
		return;
	}
	if (roles != NULL && roles[0] == 'f' && ev->name != fn->n_fcntl &&
	    strchr(roles, 'p') == NULL) {
		/* dup, dup2, dup3 (accept's new socket is not its
		 * listener: roles "fvv" too, but no name is copied unless
		 * the call is a dup) */
		if (strncmp(ev->name, "dup", 3) == 0 &&
		    fdnames_fd(fn, ev->pid, value_child(args, 0), fn->dir)) {
			fd_put(fn, ev->pid, ev->ret, fn->dir->str,
			    fn->dir->len, ev->name == fn->n_dup3 && cloexec);
			return;
		}
	} else if (ev->name == fn->n_fcntl) {
		if (fdnames_fd(fn, ev->pid, value_child(args, 0), fn->dir)) {
			fd_put(fn, ev->pid, ev->ret, fn->dir->str,
			    fn->dir->len, value_has_flag(value_child(args, 1),
			    "F_DUPFD_CLOEXEC"));
			return;
		}
	} else if (roles != NULL && (p = strchr(roles, 'p')) != NULL) {
		/* open, openat, openat2, creat: the name they resolved */
		size_t i = (size_t)(p - roles);
		const struct value *dirfd = i > 0 && roles[i - 1] == 'd' ?
		    value_child(args, (unsigned)i - 1) : NULL;

		if (fdnames_path(fn, ev->pid, dirfd, value_child(args,
		    (unsigned)i), fn->dir)) {
			fd_put(fn, ev->pid, ev->ret, fn->dir->str,
			    fn->dir->len, cloexec);
			return;
		}
	}
	/* a socket, a pipe, an fd whose file is not known: the number's
	 * old file is gone */
	fd_drop(fn, ev->pid, ev->ret);
}

void
fdnames_track(struct fdnames *fn, const struct event *ev, const char *roles,
    const struct value *args)
{
	const char *nm = ev->name;
	const struct value *a;
	struct fdtab *t;
	int child, fd;

	if (ev->kind != EVENT_SYSCALL || ev->ret_kind != RET_VALUE ||
	    ev->err != NULL || args == NULL)
		return;
	if ((child = event_child(ev)) > 0) {
		track_fork(fn, ev, args, child);
		return;
	}
	if (nm == fn->n_chdir || nm == fn->n_fchdir || nm == fn->n_getcwd) {
		track_cwd(fn, ev, args);
		return;
	}
	if (nm == fn->n_execve || nm == fn->n_execveat) {
		GHashTableIter it;
		gpointer v;

		t = tab_of(fn, ev->pid);
		g_hash_table_iter_init(&it, t->fds);
		while (g_hash_table_iter_next(&it, NULL, &v))
			if (((struct fdent *)v)->cloexec)
				g_hash_table_iter_remove(&it);
		return;
	}
	if (nm == fn->n_close) {
		if (fd_number(value_child(args, 0), &fd))
			fd_drop(fn, ev->pid, fd);
		return;
	}
	if (nm == fn->n_close_range) {
		track_close_range(fn, ev, args);
		return;
	}
	if (nm == fn->n_pipe || nm == fn->n_pipe2 || nm == fn->n_socketpair) {
		a = value_child(args, nm == fn->n_socketpair ? 3 : 0);
		if (a == NULL || a->kind != VALUE_ARRAY)
			return;
		for (const struct value *c = a->child; c != NULL; c = c->next) {
			if (!fd_number(c, &fd))
				continue;
			if (c->kind == VALUE_FD && c->len > 0)
				fd_put(fn, ev->pid, fd, c->bytes, c->len,
				    any_cloexec(args));
			else
				fd_drop(fn, ev->pid, fd);
		}
		return;
	}
	if (nm == fn->n_fcntl) {
		const struct value *cmd = value_child(args, 1);

		if (value_has_flag(cmd, "F_SETFD")) {
			t = g_hash_table_lookup(fn->tabs,
			    GINT_TO_POINTER(ev->pid));
			if (t != NULL && fd_number(value_child(args, 0), &fd)) {
				struct fdent *e = g_hash_table_lookup(t->fds,
				    GINT_TO_POINTER(fd));
				if (e != NULL)
					e->cloexec = value_has_flag(
					    value_child(args, 2),
					    "FD_CLOEXEC");
			}
			return;
		}
		if (!value_has_flag(cmd, "F_DUPFD") &&
		    !value_has_flag(cmd, "F_DUPFD_CLOEXEC"))
			return;
		track_new_fd(fn, ev, roles, args);
		return;
	}
	/* -y names the fds a call takes: the table learns them */
	for (a = args->child; a != NULL; a = a->next)
		if (a->kind == VALUE_FD && a->len > 0 && fd_number(a, &fd)) {
			struct fdent *e = fd_entry(fn, ev->pid, a);

			if (e == NULL || e->len != a->len || memcmp(e->name,
			    a->bytes, a->len) != 0)
				fd_put(fn, ev->pid, fd, a->bytes, a->len,
				    e != NULL && e->cloexec);
		}
	if (trace_syscall_returns_fd(nm) && ev->ret >= 0)
		track_new_fd(fn, ev, roles, args);
}

void
fdnames_exit(struct fdnames *fn, int pid)
{
	g_hash_table_remove(fn->tabs, GINT_TO_POINTER(pid));
	normpath_exit(fn->np, pid);
}
