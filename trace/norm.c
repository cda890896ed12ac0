/*
 * norm.c: events to resource accesses.
 *
 * Each call is printed from its parsed arguments, one role per argument as
 * syscalls.def says (fd, path, socket address, argv, kept, volatile, or the
 * default: keep symbolic names and flags, drop numbers, buffers and
 * addresses).  What an fd refers to comes from the -y decoration when the
 * log has one, and otherwise from a per-process table that follows the calls
 * that make, copy and close fds (open, socket, pipe, dup, fcntl, close,
 * close_range), execve's closing of close-on-exec fds, and clone/fork, which
 * copy the table or, with CLONE_FILES, share it.
 *
 * Paths are resolved (joined to the working directory or the dirfd, made
 * relative to the start directory) and generalised by the names the
 * experiment chose by normpath.c, before the -g rules.
 *
 * The table lookups use glib hash tables; the access text is built in one
 * GString reused for every event.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"
#include "norm.h"
#include "normpath.h"
#include "proto.h"

enum { RFD = 1, NOISE = 2 };
enum {
	TF = TRACE_CLASS_FILE, TD = TRACE_CLASS_DESC, TN = TRACE_CLASS_NETWORK,
	TP = TRACE_CLASS_PROCESS, TS = TRACE_CLASS_SIGNAL,
	TI = TRACE_CLASS_IPC, TM = TRACE_CLASS_MEMORY,
	TC = TRACE_CLASS_CREDS, TK = TRACE_CLASS_CLOCK,
};

struct sc_info {
	const char *name;
	unsigned classes;
	const char *roles;
	unsigned flags;
};

/* Facts derived from the table once. */
struct sc_derived {
	unsigned need;		/* arguments norm reads; 0: all */
};

static const struct sc_info sc_table[] = {
#define SC(n, c, r, f) { .name = #n, .classes = (c), .roles = (r), .flags = (f) },
#include "syscalls.def"
#undef SC
};

static const struct {
	const char *name;
	unsigned bit;
} class_names[] = {
	{ "%file", TF }, { "%desc", TD }, { "%network", TN }, { "%net", TN },
	{ "%process", TP }, { "%signal", TS }, { "%ipc", TI },
	{ "%memory", TM }, { "%creds", TC }, { "%clock", TK },
};

static struct sc_derived sc_derived[G_N_ELEMENTS(sc_table)];

/*
 * How many leading arguments norm_event() and track() read: up to the last
 * role that is not 'v', or all of them for the calls track() inspects more
 * closely (those returning fds look for CLOEXEC flags anywhere; clone's
 * flags are named; pipe, socketpair, fcntl, close_range).  Volatile
 * trailing arguments, read and write buffers mostly, are then not parsed.
 */
static unsigned
args_needed(const struct sc_info *sc)
{
	static const char *const whole[] = { "clone", "clone3", "pipe",
	    "pipe2", "socketpair", "fcntl", "close_range", NULL };

	if (sc->flags & RFD)
		return 0;
	for (int i = 0; whole[i] != NULL; i++)
		if (strcmp(sc->name, whole[i]) == 0)
			return 0;
	unsigned n = strlen(sc->roles);
	while (n > 0 && sc->roles[n - 1] == 'v')
		n--;
	/* Extra arguments past the table's are printed by the default. */
	return n == strlen(sc->roles) ? 0 : MAX(n, 1);
}

static GHashTable *
sc_index(void)
{
	static gsize once;
	static GHashTable *idx;

	if (g_once_init_enter(&once)) {
		GHashTable *t = g_hash_table_new(g_direct_hash, g_direct_equal);
		for (size_t i = 0; i < G_N_ELEMENTS(sc_table); i++) {
			g_hash_table_insert(t, (gpointer)trace_intern(
			    sc_table[i].name), (gpointer)&sc_table[i]);
			sc_derived[i].need = args_needed(&sc_table[i]);
		}
		idx = t;
		g_once_init_leave(&once, 1);
	}
	return idx;
}

static const struct sc_info *
sc_lookup(const char *interned)
{
	return g_hash_table_lookup(sc_index(), interned);
}

/* The same by name, without interning it: names from policies and other
 * untrusted text are looked up, never added to the process's names. */
static const struct sc_info *
sc_lookup_name(const char *name)
{
	static gsize once;
	static GHashTable *by_name;
	/* The readers ask for every event's (interned) name: a cache by
	 * address answers most, checked by strcmp as the address may be of
	 * another string by now. */
	static __thread const struct sc_info *cache[64];
	unsigned h = (unsigned)(((uintptr_t)name >> 3) % G_N_ELEMENTS(cache));

	if (cache[h] != NULL && strcmp(cache[h]->name, name) == 0)
		return cache[h];

	if (g_once_init_enter(&once)) {
		GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);

		for (size_t i = 0; i < G_N_ELEMENTS(sc_table); i++)
			g_hash_table_insert(t, (gpointer)sc_table[i].name,
			    (gpointer)&sc_table[i]);
		by_name = t;
		g_once_init_leave(&once, 1);
	}
	const struct sc_info *sc = g_hash_table_lookup(by_name, name);
	if (sc != NULL)
		cache[h] = sc;
	return sc;
}

unsigned
trace_syscall_classes(const char *name)
{
	const struct sc_info *sc = sc_lookup_name(name);

	return sc != NULL ? sc->classes : 0;
}

const char *
trace_syscall_roles(const char *name)
{
	const struct sc_info *sc = sc_lookup_name(name);

	return sc != NULL ? sc->roles : NULL;
}

bool
trace_syscall_returns_fd(const char *name)
{
	const struct sc_info *sc = sc_lookup_name(name);

	return sc != NULL && (sc->flags & RFD);
}

/* One fd: what it refers to, already in printed form. */
struct fdent {
	char *res;
	bool cloexec;
	uint64_t serial;	/* which opening of the fd: a connection's
				 * key for the protocol decoders (copies
				 * made by fork keep it) */
};

struct fdtab {
	int refs;
	uint64_t serial;
	GHashTable *fds;	/* fd -> struct fdent */
};

/*
 * put_fd()'s memo of -y paths.  A process reads or writes one fd many
 * times over, and each time its decoration was resolved, generalised and
 * escaped again to the same text.  An entry, found by process and fd, is
 * good while the path, the process and normpath_epoch() are those it was
 * made with; its strings are reused, so a hit allocates nothing.
 */
enum { FDMEMO_SIZE = 64 };

struct fdmemo {
	int pid;
	uint64_t epoch;		/* 0: empty */
	bool name_hit;		/* the path held a chosen name */
	GString *path;		/* the decoration, decoded */
	GString *text;		/* what put_decoration() printed for it */
};

enum rule_kind { RULE_PROC, RULE_TMP, RULE_PREFIX };

struct rule {
	enum rule_kind kind;
	char *from, *to;
};

struct normalizer {
	GHashTable *keep;	/* interned names */
	GHashTable *drop;
	unsigned keep_classes, drop_classes;
	GArray *rules;		/* struct rule */
	GHashTable *tabs;	/* pid -> struct fdtab */
	GString *out;
	GString *tmp;
	const char *last_name;		/* the last event's call, and */
	const struct sc_info *last_sc;	/* its facts */
	int last_dir;			/* proto_call_dir() of it */
	const char *n_close, *n_close_range, *n_dup2, *n_dup3, *n_fcntl,
	    *n_pipe, *n_pipe2, *n_socketpair, *n_execve, *n_execveat,
	    *n_memfd;
	const char *n_chdir, *n_fchdir, *n_getcwd;
	uint64_t serials;		/* of fd tables and fds */
	struct normpath *np;	/* working directories, chosen names */
	GString *path;		/* a resolved path */
	GString *dir;		/* a dirfd's directory */
	int cur_pid;		/* the process of the event being printed */
	bool names;		/* the "names" rule is on */
	bool keep_argv;		/* --keep-argv */
	bool skip_names;	/* printing execve's program */
	bool name_hit;		/* a path of this event held a chosen name */
	struct proto_streams *ps;	/* NULL: no protocol decoded */
	bool offsets;			/* norm_opts.offsets */
	int payload;			/* -1: none, 0: a token, N bytes */
	GPtrArray *queue;	/* of GString *: the accesses of this event
				 * still to give, from qpos on */
	guint qpos, qlen;
	struct fdmemo memo[FDMEMO_SIZE];
};

static void
fdent_free(gpointer p)
{
	struct fdent *e = p;

	g_free(e->res);
	g_free(e);
}

static struct fdtab *
fdtab_new(struct normalizer *n)
{
	struct fdtab *t = g_new0(struct fdtab, 1);

	t->refs = 1;
	t->serial = ++n->serials;
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

static struct fdtab *
fdtab_copy(struct normalizer *n, const struct fdtab *src)
{
	struct fdtab *t = fdtab_new(n);
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, src->fds);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct fdent *e = v;
		struct fdent *c = g_new(struct fdent, 1);
		c->res = g_strdup(e->res);
		c->cloexec = e->cloexec;
		c->serial = e->serial;
		g_hash_table_insert(t->fds, k, c);
	}
	return t;
}

static struct fdtab *
tab_of(struct normalizer *n, int pid)
{
	struct fdtab *t = g_hash_table_lookup(n->tabs, GINT_TO_POINTER(pid));

	if (t == NULL) {
		t = fdtab_new(n);
		g_hash_table_insert(n->tabs, GINT_TO_POINTER(pid), t);
	}
	return t;
}

static void
fd_put(struct normalizer *n, struct fdtab *t, int64_t fd, const char *res,
    size_t len, bool cloexec)
{
	struct fdent *e;

	if (fd < 0 || fd > G_MAXINT)
		return;
	e = g_new(struct fdent, 1);
	e->res = g_strndup(res, len);
	e->cloexec = cloexec;
	e->serial = ++n->serials;
	g_hash_table_replace(t->fds, GINT_TO_POINTER((int)fd), e);
}

static bool
add_names(GHashTable *set, unsigned *classes, const char *list, GError **err)
{
	char **v = g_strsplit(list, ",", -1);
	bool ok = true;

	for (char **p = v; *p != NULL && ok; p++) {
		char *w = g_strstrip(*p);
		if (*w == '\0')
			continue;
		if (*w != '%') {
			g_hash_table_add(set, (gpointer)trace_intern(w));
			continue;
		}
		bool found = false;
		for (size_t i = 0; i < G_N_ELEMENTS(class_names); i++)
			if (strcmp(w, class_names[i].name) == 0) {
				*classes |= class_names[i].bit;
				found = true;
			}
		if (!found) {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
			    "unknown class '%s'; valid classes are: %%file, "
			    "%%desc, %%network, %%process, %%signal, %%ipc, "
			    "%%memory, %%creds, %%clock", w);
			ok = false;
		}
	}
	g_strfreev(v);
	return ok;
}

static bool
add_rules(struct normalizer *n, const char *list, GError **err)
{
	char **v = g_strsplit(list, ",", -1);
	bool ok = true;

	for (char **p = v; *p != NULL && ok; p++) {
		char *w = *p;
		struct rule r = { 0 };
		char *eq = strchr(w, '=');
		if (*w == '\0')
			continue;
		if (eq != NULL && eq != w) {
			r.kind = RULE_PREFIX;
			r.from = g_strndup(w, eq - w);
			r.to = g_strdup(eq + 1);
		} else if (strcmp(w, "proc") == 0) {
			r.kind = RULE_PROC;
		} else if (strcmp(w, "home") == 0) {
			const char *h = g_getenv("HOME");
			if (h == NULL || *h == '\0')
				continue;
			r.kind = RULE_PREFIX;
			r.from = g_strdup(h);
			r.to = g_strdup("~");
		} else if (strcmp(w, "tmp") == 0) {
			r.kind = RULE_TMP;
		} else if (strcmp(w, "names") == 0) {
			/* Applied first wherever it is named. */
			n->names = true;
			continue;
		} else if (strcmp(w, "none") == 0) {
			n->names = false;
			for (unsigned i = 0; i < n->rules->len; i++) {
				struct rule *x = &g_array_index(n->rules,
				    struct rule, i);
				g_free(x->from);
				g_free(x->to);
			}
			g_array_set_size(n->rules, 0);
			continue;
		} else {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
			    "unknown rule '%s'; valid rules are: proc, names, "
			    "home, tmp, none, PREFIX=REPLACEMENT", w);
			ok = false;
			continue;
		}
		g_array_append_val(n->rules, r);
	}
	g_strfreev(v);
	return ok;
}

/* The offsets and payload options (content.c). */
static bool
content_opts(struct normalizer *n, const struct norm_opts *opts,
    GError **err)
{
	const char *p = opts != NULL ? opts->payload : NULL;
	guint64 v;

	n->offsets = opts != NULL && opts->offsets;
	n->payload = -1;
	if (p == NULL)
		return true;
	if (strcmp(p, "token") == 0) {
		n->payload = 0;
		return true;
	}
	if (!g_ascii_string_to_unsigned(p, 10, 1, 65536, &v, NULL)) {
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
		    "unknown payload '%s'; valid payloads are: a number of "
		    "bytes from 1 to 65536, token", p);
		return false;
	}
	n->payload = (int)v;
	return true;
}

/* Appends what the call touches inside its file or socket, as the
 * options ask; parses every argument. */
static void
put_content(struct normalizer *n, struct strace_reader *r,
    const struct event *ev, GString *out)
{
	bool off = n->offsets && content_has_offset(ev->name);
	bool pay = n->payload >= 0 && content_has_payload(ev->name);
	const struct value *all;

	if (!off && !pay)
		return;
	all = strace_reader_args_upto(r, ev, 0);
	if (off)
		content_put_offset(out, ev, all);
	if (pay)
		content_put_payload(out, ev, all, (size_t)n->payload);
}

struct normalizer *
norm_new(const struct norm_opts *opts, GError **err)
{
	struct normalizer *n = g_new0(struct normalizer, 1);

	n->keep = g_hash_table_new(g_direct_hash, g_direct_equal);
	n->drop = g_hash_table_new(g_direct_hash, g_direct_equal);
	n->rules = g_array_new(FALSE, FALSE, sizeof(struct rule));
	n->tabs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    fdtab_unref);
	n->out = g_string_sized_new(256);
	n->tmp = g_string_sized_new(256);
	n->queue = g_ptr_array_new();
#define N(x) n->n_##x = trace_intern(#x)
	N(close); N(close_range); N(dup2); N(dup3); N(fcntl); N(pipe);
	N(pipe2); N(socketpair); N(execve); N(execveat); N(chdir); N(fchdir);
	N(getcwd);
#undef N
	n->path = g_string_sized_new(256);
	for (unsigned i = 0; i < FDMEMO_SIZE; i++) {
		n->memo[i].path = g_string_new(NULL);
		n->memo[i].text = g_string_new(NULL);
	}
	n->dir = g_string_sized_new(256);
	n->names = true;
	n->keep_argv = opts != NULL && opts->keep_argv;
	n->n_memfd = trace_intern("memfd_create");
	struct rule proc = { .kind = RULE_PROC };
	g_array_append_val(n->rules, proc);
	if (opts != NULL && ((opts->keep != NULL && !add_names(n->keep,
	    &n->keep_classes, opts->keep, err)) || (opts->drop != NULL &&
	    !add_names(n->drop, &n->drop_classes, opts->drop, err)) ||
	    (opts->generalize != NULL && !add_rules(n, opts->generalize, err)))) {
		norm_free(n);
		return NULL;
	}
	if (!content_opts(n, opts, err)) {
		norm_free(n);
		return NULL;
	}
	n->np = normpath_new(n->names);
	n->ps = proto_streams_new(opts != NULL ? opts->protocols : NULL, err);
	if (n->ps == NULL && err != NULL && *err != NULL) {
		norm_free(n);
		return NULL;
	}
	return n;
}

void
norm_free(struct normalizer *n)
{
	if (n == NULL)
		return;
	g_hash_table_destroy(n->keep);
	g_hash_table_destroy(n->drop);
	for (unsigned i = 0; i < n->rules->len; i++) {
		struct rule *r = &g_array_index(n->rules, struct rule, i);
		g_free(r->from);
		g_free(r->to);
	}
	g_array_free(n->rules, TRUE);
	g_hash_table_destroy(n->tabs);
	g_string_free(n->out, TRUE);
	g_string_free(n->tmp, TRUE);
	g_string_free(n->path, TRUE);
	for (unsigned i = 0; i < FDMEMO_SIZE; i++) {
		g_string_free(n->memo[i].path, TRUE);
		g_string_free(n->memo[i].text, TRUE);
	}
	g_string_free(n->dir, TRUE);
	normpath_free(n->np);
	for (guint i = 0; i < n->queue->len; i++)
		g_string_free(n->queue->pdata[i], TRUE);
	g_ptr_array_free(n->queue, TRUE);
	proto_streams_free(n->ps);
	g_free(n);
}

/* Applies the generalisation rules to a path, into n->tmp. */
static void
generalize(struct normalizer *n, const char *p, size_t len)
{
	GString *s = n->tmp;

	g_string_truncate(s, 0);
	str_append(s, p, len);
	if (n->names && !n->skip_names &&
	    normpath_generalize(n->np, n->cur_pid, s))
		n->name_hit = true;
	for (unsigned i = 0; i < n->rules->len; i++) {
		const struct rule *r = &g_array_index(n->rules, struct rule, i);
		switch (r->kind) {
		case RULE_PROC:
			/* Most paths are not under /proc: one test for them. */
			if (s->len < 6 || memcmp(s->str, "/proc/", 6) != 0)
				break;
			/* The process's own entries are those of a PID, as
			 * -y shows them, so logs with and without -y agree. */
			if (g_str_has_prefix(s->str, "/proc/thread-self") &&
			    (s->str[17] == '/' || s->str[17] == '\0')) {
				g_string_erase(s, 6, 11);
				g_string_insert(s, 6, "PID/task/TID");
			} else if (g_str_has_prefix(s->str, "/proc/self") &&
			    (s->str[10] == '/' || s->str[10] == '\0')) {
				g_string_erase(s, 6, 4);
				g_string_insert(s, 6, "PID");
			}
			if (g_str_has_prefix(s->str, "/proc/") &&
			    is_digit((unsigned char)s->str[6])) {
				size_t k = 6;
				while (is_digit((unsigned char)s->str[k]))
					k++;
				if (s->str[k] == '/' || s->str[k] == '\0') {
					g_string_erase(s, 6, k - 6);
					g_string_insert(s, 6, "PID");
				}
			}
			/* Thread ids under /proc/PID/task/ too. */
			if (g_str_has_prefix(s->str, "/proc/PID/task/") &&
			    is_digit((unsigned char)s->str[15])) {
				size_t k = 15;
				while (is_digit((unsigned char)s->str[k]))
					k++;
				g_string_erase(s, 15, k - 15);
				g_string_insert(s, 15, "TID");
			}
			break;
		case RULE_TMP: {
			const char *t = g_getenv("TMPDIR");
			const char *dirs[] = { "/tmp/", "/var/tmp/", NULL };
			for (int d = 0; d < 3; d++) {
				char *dir = d < 2 ? g_strdup(dirs[d]) :
				    t != NULL && *t == '/' ?
				    g_strconcat(t, "/", NULL) : NULL;
				if (dir == NULL)
					continue;
				size_t dl = strlen(dir);
				if (strncmp(s->str, dir, dl) == 0 &&
				    s->len > dl) {
					g_string_truncate(s, dl);
					g_string_append_c(s, '*');
				}
				g_free(dir);
			}
			break;
		}
		case RULE_PREFIX: {
			size_t fl = strlen(r->from);
			if (strncmp(s->str, r->from, fl) == 0 &&
			    (s->str[fl] == '/' || s->str[fl] == '\0' ||
			    r->from[fl - 1] == '/')) {
				g_string_erase(s, 0, fl);
				g_string_prepend(s, r->to);
			}
			break;
		}
		}
	}
}

/* Appends a resolved path: "..." escaped, after generalisation. */
static void
put_resolved(struct normalizer *n, GString *out, const char *p, size_t len,
    bool truncated)
{
	generalize(n, p, len);
	g_string_append_c(out, '"');
	trace_escape_bytes(out, n->tmp->str, n->tmp->len);
	g_string_append_c(out, '"');
	if (truncated)
		g_string_append(out, "...");
}

/* Appends a path resource, resolved against the working directory. */
static void
put_path(struct normalizer *n, GString *out, const char *p, size_t len,
    bool truncated)
{
	normpath_resolve(n->np, n->cur_pid, NULL, 0, p, len, n->path);
	put_resolved(n, out, n->path->str, n->path->len, truncated);
}

/*
 * Appends the printed form of what a -y decoration says an fd is: a path
 * (quoted, generalised), or a socket, pipe or anonymous inode with inode
 * numbers (runs of three or more digits) and ephemeral ports (32768 and up,
 * Linux's ip_local_port_range) dropped.
 */
static void
put_decoration(struct normalizer *n, GString *out, const char *d, size_t len)
{
	if (len > 0 && d[0] == '/') {
		/* The reader left out -yy's device numbers (<char 1:3>). */
		put_path(n, out, d, len, false);
		return;
	}
	const char *colon = memchr(d, ':', len);
	size_t plen = colon != NULL ? (size_t)(colon - d) : len;
	if ((plen == 4 && memcmp(d, "pipe", 4) == 0) ||
	    (plen == 6 && memcmp(d, "socket", 6) == 0)) {
		str_append(out, d, plen);
		return;
	}
	bool inet = plen >= 3 && (memcmp(d, "TCP", 3) == 0 ||
	    memcmp(d, "UDP", 3) == 0);
	GString *t = n->tmp;
	g_string_truncate(t, 0);
	for (size_t i = 0; i < len;) {
		if (d[i] == '"') {
			size_t j = i + 1;
			while (j < len && d[j] != '"')
				j += d[j] == '\\' ? 2 : 1;
			j = MIN(j + 1, len);
			str_append(t, d + i, j - i);
			i = j;
			continue;
		}
		if (!is_digit((unsigned char)d[i]) || (i > 0 &&
		    (is_digit((unsigned char)d[i - 1]) || d[i - 1] == '.'))) {
			g_string_append_c(t, d[i++]);
			continue;
		}
		size_t j = i;
		uint64_t v = 0;
		while (j < len && is_digit((unsigned char)d[j])) {
			if (v < 1000000)
				v = v * 10 + (d[j] - '0');
			j++;
		}
		bool dotted = j < len && d[j] == '.';
		bool alone = i > 0 && d[i - 1] == '[' && j < len && d[j] == ']';
		if (inet && i > 0 && d[i - 1] == ':' && !dotted && v >= 32768)
			g_string_append_c(t, '*');
		else if ((!inet || alone) && j - i >= 3)
			;	/* an inode number: TCP:[39624], UNIX:[123->456] */
		else
			str_append(t, d + i, j - i);
		i = j;
	}
	trace_escape_bytes(out, t->str, t->len);
}

/*
 * put_decoration() of the absolute path a -y decoration gives fd v of the
 * process being printed, through the memo.
 */
static void
put_path_decoration(struct normalizer *n, GString *out, const struct value *v)
{
	struct fdmemo *m = &n->memo[((unsigned)n->cur_pid * 31u +
	    (unsigned)v->num) % FDMEMO_SIZE];
	uint64_t epoch = normpath_epoch(n->np);
	size_t before = out->len;
	bool hit = n->name_hit;

	if (m->epoch == epoch && m->pid == n->cur_pid &&
	    m->path->len == v->len && memcmp(m->path->str, v->bytes,
	    v->len) == 0) {
		str_append(out, m->text->str, m->text->len);
		n->name_hit = hit || m->name_hit;
		return;
	}
	n->name_hit = false;
	put_decoration(n, out, v->bytes, v->len);
	m->pid = n->cur_pid;
	m->epoch = epoch;
	m->name_hit = n->name_hit;
	g_string_truncate(m->path, 0);
	str_append(m->path, v->bytes, v->len);
	g_string_truncate(m->text, 0);
	str_append(m->text, out->str + before, out->len - before);
	n->name_hit = hit || m->name_hit;
}

/* The entry of fd v of process pid, or NULL when the trace never opened
 * it. */
static struct fdent *
fd_entry(struct normalizer *n, int pid, const struct value *v)
{
	struct fdtab *t = g_hash_table_lookup(n->tabs, GINT_TO_POINTER(pid));

	if (t == NULL || (v->kind != VALUE_INT && v->kind != VALUE_FD) ||
	    v->num < 0 || v->num > G_MAXINT)
		return NULL;
	return g_hash_table_lookup(t->fds, GINT_TO_POINTER((int)v->num));
}

/*
 * Whether v is a standard stream (0, 1, 2) the trace never opened: where
 * the experiment's output went (a terminal, /dev/null, a file) is how it
 * was run, not what it did, and a log without -y cannot say it, so such
 * an fd is "fd:N" even when -y names it, and so is a dup of it.
 */
static bool
is_inherited_std(struct normalizer *n, int pid, const struct value *v)
{
	return (v->kind == VALUE_INT || v->kind == VALUE_FD) && v->num >= 0 &&
	    v->num <= 2 && fd_entry(n, pid, v) == NULL;
}

/* What fd refers to, printed into out.  v is the argument (maybe with -y). */
static void
put_fd(struct normalizer *n, GString *out, int pid, const struct value *v)
{
	struct fdent *e = fd_entry(n, pid, v);

	/* -y's name, but for a standard stream the trace never opened and
	 * a copy of one ("fd:1"), as without -y. */
	if (v->kind == VALUE_FD && v->len > 0 && (e != NULL ?
	    !g_str_has_prefix(e->res, "fd:") : v->num < 0 || v->num > 2)) {
		if (v->bytes[0] == '/' && !n->skip_names)
			put_path_decoration(n, out, v);
		else
			put_decoration(n, out, v->bytes, v->len);
		return;
	}
	if (v->kind != VALUE_INT && v->kind != VALUE_FD) {
		g_string_append(out, "fd:?");
		return;
	}
	if (e != NULL)
		str_append(out, e->res, strlen(e->res));
	else if (v->num >= 0 && v->num <= 2)
		g_string_append_printf(out, "fd:%d", (int)v->num);
	else
		g_string_append(out, "fd:?");
}

/* The directory an fd names, when the table or a decoration knows it. */
static bool
dir_of(struct normalizer *n, int pid, const struct value *v, GString *dir)
{
	g_string_truncate(dir, 0);
	if (v == NULL)
		return false;
	if (v->kind == VALUE_FD && v->len > 0 && v->bytes[0] == '/') {
		str_append(dir, v->bytes, v->len);
		return true;
	}
	if (v->kind == VALUE_INT) {
		struct fdtab *t = g_hash_table_lookup(n->tabs,
		    GINT_TO_POINTER(pid));
		struct fdent *e = t != NULL && v->num >= 0 &&
		    v->num <= G_MAXINT ? g_hash_table_lookup(t->fds,
		    GINT_TO_POINTER((int)v->num)) : NULL;
		/* The table holds printed paths: "/a\x..."; unprint it. */
		if (e != NULL && e->res[0] == '"') {
			size_t used, rl = strlen(e->res);
			char *buf = g_malloc(rl + 1);
			size_t k = unescape(e->res + 1, e->res + rl, '"', buf,
			    &used);
			str_append(dir, buf, k);
			g_free(buf);
			return true;
		}
	}
	return false;
}

static bool
is_at_fdcwd(const struct value *v)
{
	return (v->kind == VALUE_FD && v->num == -100) ||
	    (v->kind == VALUE_NAME && v->len == 8 &&
	    memcmp(v->bytes, "AT_FDCWD", 8) == 0);
}

/*
 * A path argument, joined to its dirfd, or to the working directory when
 * there is none or it is AT_FDCWD; as given when the dirfd is not known.
 */
static void
put_at_path(struct normalizer *n, GString *out, int pid,
    const struct value *dirfd, const struct value *p)
{
	if (p->kind != VALUE_STR) {
		if (p->kind == VALUE_NAME && p->len == 4 &&
		    memcmp(p->bytes, "NULL", 4) == 0)
			g_string_append(out, "NULL");
		else
			g_string_append(out, "?");
		return;
	}
	if (p->len == 0 && dirfd != NULL) {
		/* AT_EMPTY_PATH: the call is about the fd itself. */
		if (dirfd->kind == VALUE_FD || dirfd->kind == VALUE_INT)
			put_fd(n, out, pid, dirfd);
		else
			put_resolved(n, out, "", 0, false);
	} else if (p->bytes[0] == '/' || dirfd == NULL || is_at_fdcwd(dirfd)) {
		if (dirfd != NULL && dirfd->kind == VALUE_FD && dirfd->len > 0)
			normpath_cwd_is(n->np, pid, dirfd->bytes, dirfd->len);
		put_path(n, out, p->bytes, p->len, p->truncated);
	} else if (dir_of(n, pid, dirfd, n->dir)) {
		normpath_resolve(n->np, pid, n->dir->str, n->dir->len,
		    p->bytes, p->len, n->path);
		put_resolved(n, out, n->path->str, n->path->len,
		    p->truncated);
	} else {
		put_resolved(n, out, p->bytes, p->len, p->truncated);
	}
}

/* A socket address struct: FAMILY:ADDRESS[:PORT]. */
static void
put_sockaddr(struct normalizer *n, GString *out, const struct value *v)
{
	const struct value *fam = value_field(v, "sa_family");

	if (v->kind != VALUE_STRUCT || fam == NULL) {
		g_string_append(out, "?");
		return;
	}
	str_append(out, fam->text, fam->text_len);
	const struct value *path = value_field(v, "sun_path");
	if (path != NULL && path->kind == VALUE_STR) {
		g_string_append_c(out, ':');
		if (path->text[0] == '@') {
			g_string_append_c(out, '@');
			g_string_append_c(out, '"');
			trace_escape_bytes(out, path->bytes, path->len);
			g_string_append_c(out, '"');
		} else {
			put_path(n, out, path->bytes, path->len,
			    path->truncated);
		}
		return;
	}
	/* inet_addr("1.2.3.4"), or inet_pton(AF_INET6, "::1", &sin6_addr). */
	for (const struct value *c = v->child; c != NULL; c = c->next) {
		if (c->kind != VALUE_CALL)
			continue;
		const struct value *s = NULL;
		for (const struct value *a = c->child; a != NULL; a = a->next)
			if (a->kind == VALUE_STR)
				s = a;
		if (s != NULL && c->len == 9 &&
		    (memcmp(c->bytes, "inet_addr", 9) == 0 ||
		    memcmp(c->bytes, "inet_pton", 9) == 0)) {
			g_string_append_c(out, ':');
			trace_escape_bytes(out, s->bytes, s->len);
		}
	}
	const struct value *port = value_field(v, "sin_port");
	if (port == NULL)
		port = value_field(v, "sin6_port");
	const struct value *num = port != NULL && port->kind == VALUE_CALL ?
	    port->child : port;
	if (num != NULL && num->kind == VALUE_INT) {
		if (num->num >= 32768)
			g_string_append(out, ":*");
		else
			g_string_append_printf(out, ":%d", (int)num->num);
	}
}

/*
 * An argv: ["ls", "-l"], with elided elements kept as "...".  Without
 * --keep-argv only argv[0]: the arguments are the experiment's input.
 */
static void
put_argv(struct normalizer *n, GString *out, const struct value *v)
{
	if (v->kind != VALUE_ARRAY) {
		g_string_append(out, "?");
		return;
	}
	g_string_append_c(out, '[');
	for (const struct value *c = v->child; c != NULL && (n->keep_argv ||
	    c == v->child); c = c->next) {
		if (c != v->child)
			g_string_append(out, ", ");
		if (c->kind == VALUE_STR) {
			g_string_append_c(out, '"');
			trace_escape_bytes(out, c->bytes, c->len);
			g_string_append_c(out, '"');
			if (c->truncated)
				g_string_append(out, "...");
		} else {
			trace_escape_bytes(out, c->text, c->text_len);
		}
	}
	g_string_append_c(out, ']');
}

/* Whether the default role keeps v: symbolic names and flag sets. */
static bool
is_symbolic(const struct value *v)
{
	switch (v->kind) {
	case VALUE_NAME:
		return v->len > 0 && v->bytes[0] != '&' &&
		    !(v->len == 4 && memcmp(v->bytes, "NULL", 4) == 0);
	case VALUE_FLAGS:
		for (const struct value *c = v->child; c != NULL; c = c->next)
			if (c->kind != VALUE_NAME && c->kind != VALUE_INT)
				return false;
		return true;
	default:
		return false;
	}
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

/* Follows the working directory: chdir, fchdir, getcwd (succeeded). */
static void
track_cwd(struct normalizer *n, const struct event *ev,
    const struct value *args)
{
	const struct value *a = value_child(args, 0);

	if (a == NULL)
		return;
	if (ev->name == n->n_getcwd) {
		if (a->kind == VALUE_STR && a->len > 0 && a->bytes[0] == '/')
			normpath_cwd_is(n->np, ev->pid, a->bytes, a->len);
	} else if (ev->name == n->n_chdir) {
		if (a->kind == VALUE_STR && normpath_resolve(n->np, ev->pid,
		    NULL, 0, a->bytes, a->len, n->path))
			normpath_chdir(n->np, ev->pid, n->path->str,
			    n->path->len);
		else
			normpath_chdir(n->np, ev->pid, NULL, 0);
	} else if (dir_of(n, ev->pid, a, n->dir)) {
		/* fchdir: a table path is resolved already. */
		normpath_resolve(n->np, ev->pid, ".", 1, n->dir->str,
		    n->dir->len, n->path);
		normpath_chdir(n->np, ev->pid, n->path->str, n->path->len);
	} else {
		normpath_chdir(n->np, ev->pid, NULL, 0);
	}
}

/* Follows the fd table through the calls that change it. */
static void
track(struct normalizer *n, const struct event *ev, const struct value *args,
    const struct sc_info *sc)
{
	const char *nm = ev->name;
	bool ok = ev->ret_kind == RET_VALUE && ev->err == NULL;
	struct fdtab *t;

	if (!ok)
		return;
	int pid = event_child(ev);
	if (pid > 0) {
		const struct value *fl = clone_flags(ev, args);
		struct fdtab *parent = tab_of(n, ev->pid);
		struct fdtab *child;
		if (value_has_flag(fl, "CLONE_FILES")) {
			child = parent;
			child->refs++;
		} else {
			child = fdtab_copy(n, parent);
		}
		g_hash_table_replace(n->tabs, GINT_TO_POINTER(pid), child);
		normpath_fork(n->np, ev->pid, pid, value_has_flag(fl,
		    "CLONE_FS"));
		return;
	}
	if (nm == n->n_chdir || nm == n->n_fchdir || nm == n->n_getcwd) {
		track_cwd(n, ev, args);
		return;
	}
	if (nm == n->n_execve || nm == n->n_execveat) {
		normpath_execve(n->np, ev->pid, value_child(args,
		    nm == n->n_execve ? 1 : 2));
		t = tab_of(n, ev->pid);
		GHashTableIter it;
		gpointer k, v;
		g_hash_table_iter_init(&it, t->fds);
		while (g_hash_table_iter_next(&it, &k, &v))
			if (((struct fdent *)v)->cloexec)
				g_hash_table_iter_remove(&it);
		return;
	}
	if (nm == n->n_close) {
		const struct value *fd = value_child(args, 0);
		t = g_hash_table_lookup(n->tabs, GINT_TO_POINTER(ev->pid));
		if (t != NULL && fd != NULL && fd->num >= 0 && fd->num <= G_MAXINT)
			g_hash_table_remove(t->fds, GINT_TO_POINTER((int)fd->num));
		return;
	}
	if (nm == n->n_close_range) {
		const struct value *lo = value_child(args, 0);
		const struct value *hi = value_child(args, 1);
		const struct value *fl = value_child(args, 2);
		t = g_hash_table_lookup(n->tabs, GINT_TO_POINTER(ev->pid));
		if (t == NULL || lo == NULL || hi == NULL)
			return;
		uint64_t a = (uint64_t)lo->num, b = (uint64_t)hi->num;
		bool cloexec = value_has_flag(fl, "CLOSE_RANGE_CLOEXEC");
		GHashTableIter it;
		gpointer k, v;
		g_hash_table_iter_init(&it, t->fds);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			uint64_t fd = (uint64_t)GPOINTER_TO_INT(k);
			if (fd < a || fd > b)
				continue;
			if (cloexec)
				((struct fdent *)v)->cloexec = true;
			else
				g_hash_table_iter_remove(&it);
		}
		return;
	}
	if (nm == n->n_pipe || nm == n->n_pipe2 || nm == n->n_socketpair) {
		const struct value *arr = value_child(args,
		    nm == n->n_socketpair ? 3 : 0);
		t = tab_of(n, ev->pid);
		if (arr == NULL || arr->kind != VALUE_ARRAY)
			return;
		for (const struct value *c = arr->child; c != NULL; c = c->next) {
			GString *r = g_string_new(NULL);
			if (c->kind == VALUE_FD)
				put_decoration(n, r, c->bytes, c->len);
			else
				g_string_append(r, nm == n->n_socketpair ?
				    "socket" : "pipe");
			fd_put(n, t, c->num, r->str, r->len,
			    any_cloexec(args));
			g_string_free(r, TRUE);
		}
		return;
	}
	if (nm == n->n_fcntl) {
		const struct value *cmd = value_child(args, 1);
		const struct value *arg = value_child(args, 2);
		t = tab_of(n, ev->pid);
		if (value_has_flag(cmd, "F_SETFD")) {
			const struct value *fd = value_child(args, 0);
			struct fdent *e = fd != NULL && fd->num >= 0 &&
			    fd->num <= G_MAXINT ? g_hash_table_lookup(t->fds,
			    GINT_TO_POINTER((int)fd->num)) : NULL;
			if (e != NULL)
				e->cloexec = value_has_flag(arg, "FD_CLOEXEC");
			return;
		}
		if (!value_has_flag(cmd, "F_DUPFD") &&
		    !value_has_flag(cmd, "F_DUPFD_CLOEXEC"))
			return;
	}
	if (sc == NULL || !(sc->flags & RFD) || ev->ret < 0)
		return;
	/* A call that returns a new fd: what does it refer to? */
	t = tab_of(n, ev->pid);
	GString *r = g_string_new(NULL);
	bool cloexec = any_cloexec(args) || value_has_flag(value_child(args, 1),
	    "F_DUPFD_CLOEXEC");
	const struct value *src = sc->roles[0] == 'f' && !(sc->classes & TN) ?
	    value_child(args, 0) : NULL;
	if (src != NULL && is_inherited_std(n, ev->pid, src)) {
		/* A dup of a standard stream: what its source is. */
		put_fd(n, r, ev->pid, src);
	} else if (ev->ret_len > 1 && ev->ret_text[0] == '<' &&
	    ev->ret_text[ev->ret_len - 1] == '>') {
		/* -y decorated the returned fd: "<path>". */
		size_t used;
		char *buf = g_malloc(ev->ret_len);
		size_t k = unescape(ev->ret_text + 1, ev->ret_text + 1 +
		    decoration_own_len(ev->ret_text + 1, ev->ret_len - 2), 0,
		    buf, &used);
		put_decoration(n, r, buf, k);
		g_free(buf);
	} else if (sc->roles[0] == 'f') {
		/* dup, dup2, dup3, fcntl F_DUPFD, accept: from the fd. */
		const struct value *fd = value_child(args, 0);
		if (sc->classes & TN)
			g_string_append(r, "socket");
		else if (fd != NULL)
			put_fd(n, r, ev->pid, fd);
	} else if (strchr(sc->roles, 'p') != NULL) {
		const char *p = strchr(sc->roles, 'p');
		size_t i = p - sc->roles;
		const struct value *dirfd = i > 0 && sc->roles[i - 1] == 'd' ?
		    value_child(args, i - 1) : NULL;
		const struct value *path = value_child(args, i);
		if (path != NULL)
			put_at_path(n, r, ev->pid, dirfd, path);
	} else if (nm == n->n_memfd) {
		const struct value *name = value_child(args, 0);
		g_string_append(r, "memfd:");
		if (name != NULL && name->kind == VALUE_STR)
			trace_escape_bytes(r, name->bytes, name->len);
	} else if (sc->classes & TN) {
		g_string_append(r, "socket");
	} else {
		g_string_append_printf(r, "anon_inode:[%s]", nm);
	}
	/* dup2 and dup3 return their second argument. */
	fd_put(n, t, ev->ret, r->str, r->len, cloexec);
	g_string_free(r, TRUE);
}

static bool
kept(struct normalizer *n, const struct event *ev, const struct sc_info *sc)
{
	unsigned cls = sc != NULL ? sc->classes : 0;

	return (cls & n->keep_classes) != 0 || (g_hash_table_size(n->keep) > 0 &&
	    g_hash_table_contains(n->keep, ev->name));
}

static bool
wanted(struct normalizer *n, const struct event *ev,
    const struct sc_info *sc)
{
	unsigned cls = sc != NULL ? sc->classes : 0;

	if (kept(n, ev, sc))
		return true;
	if ((cls & n->drop_classes) != 0 || (g_hash_table_size(n->drop) > 0 &&
	    g_hash_table_contains(n->drop, ev->name)))
		return false;
	return sc == NULL || !(sc->flags & NOISE);
}

/* A protocol access: queued for norm_more(), in reused strings. */
static void
queue_access(void *ctx, const char *a, size_t len)
{
	struct normalizer *n = ctx;

	if (n->qlen == n->queue->len)
		g_ptr_array_add(n->queue, g_string_sized_new(64));
	g_string_assign(n->queue->pdata[n->qlen], "");
	str_append(n->queue->pdata[n->qlen++], a, (gssize)len);
}

/*
 * The bytes a read or write moved through a socket, to the protocol
 * decoders.  Only fds that may be sockets are looked at (a -y decoration
 * that is no path, a socket the table follows, or an fd it does not
 * know), so reading files costs nothing more.
 */
static void
decode(struct normalizer *n, struct strace_reader *r, const struct event *ev)
{
	const struct value *args = strace_reader_args_upto(r, ev, 1);
	const struct value *fd = args != NULL ? args->child : NULL;
	struct fdtab *t;
	const struct fdent *e;
	uint64_t key;

	if (fd == NULL || (fd->kind != VALUE_INT && fd->kind != VALUE_FD) ||
	    fd->num < 0 || fd->num > G_MAXINT)
		return;
	if (fd->kind == VALUE_FD && fd->len > 0 && (fd->bytes[0] == '/' ||
	    (fd->len >= 5 && memcmp(fd->bytes, "pipe:", 5) == 0)))
		return;
	t = tab_of(n, ev->pid);
	e = g_hash_table_lookup(t->fds, GINT_TO_POINTER((int)fd->num));
	if (e != NULL && strncmp(e->res, "socket", 6) != 0 &&
	    fd->kind != VALUE_FD)
		return;
	key = e != NULL ? e->serial : t->serial | UINT64_C(1) << 63;
	if (!proto_streams_wants(n->ps, key, e != NULL ? -1 : (int)fd->num))
		return;
	args = strace_reader_args_upto(r, ev, 2);
	proto_streams_call(n->ps, key, e != NULL ? -1 : (int)fd->num, ev,
	    args, queue_access, n);
}

const char *
norm_event(struct normalizer *n, struct strace_reader *r,
    const struct event *ev, size_t *len)
{
	if (ev->kind == EVENT_EXIT || ev->kind == EVENT_KILLED) {
		g_hash_table_remove(n->tabs, GINT_TO_POINTER(ev->pid));
		normpath_exit(n->np, ev->pid);
		return NULL;
	}
	if (ev->kind != EVENT_SYSCALL)
		return NULL;
	/* Consecutive events are often the same call. */
	if (ev->name != n->last_name) {
		n->last_name = ev->name;
		n->last_sc = sc_lookup(ev->name);
		n->last_dir = proto_call_dir(ev->name);
	}
	const struct sc_info *sc = n->last_sc;
	const struct value *args = strace_reader_args_upto(r, ev,
	    sc != NULL ? sc_derived[sc - sc_table].need : 0);
	bool want = wanted(n, ev, sc);
	GString *out = n->out;

	g_string_truncate(out, 0);
	n->cur_pid = ev->pid;
	n->name_hit = false;
	if (want) {
		str_append(out, ev->name, strlen(ev->name));
		unsigned i = 0;
		const struct value *prev = NULL;
		bool memory_only = sc != NULL && (sc->classes & TM) != 0;
		bool any_fd = false;
		size_t nroles = sc != NULL ? strlen(sc->roles) : 0;
		for (const struct value *a = args->child; a != NULL;
		    prev = a, a = a->next, i++) {
			char role = i < nroles ? sc->roles[i] : '-';
			size_t before = out->len;
			g_string_append_c(out, ' ');
			switch (role) {
			case 'f':
				if ((a->kind == VALUE_INT && a->num < 0) ||
				    a->kind == VALUE_NAME) {
					g_string_truncate(out, before);
					break;
				}
				any_fd = true;
				put_fd(n, out, ev->pid, a);
				break;
			case 'd':
				g_string_truncate(out, before);
				break;
			case 'p':
				/* A program is no name the experiment chose. */
				n->skip_names = ev->name == n->n_execve ||
				    ev->name == n->n_execveat;
				put_at_path(n, out, ev->pid,
				    i > 0 && sc->roles[i - 1] == 'd' ? prev :
				    NULL, a);
				n->skip_names = false;
				break;
			case 'a':
				if (a->kind == VALUE_NAME)
					g_string_truncate(out, before);
				else
					put_sockaddr(n, out, a);
				break;
			case 'x':
				put_argv(n, out, a);
				break;
			case 'k':
				/* What a call sets on a file the experiment
				 * chose (chmod's mode) is its input too. */
				if (n->name_hit && a->kind == VALUE_INT) {
					g_string_append_c(out, '*');
					break;
				}
				if (a->kind == VALUE_STR) {
					g_string_append_c(out, '"');
					trace_escape_bytes(out, a->bytes, a->len);
					g_string_append_c(out, '"');
				} else {
					trace_escape_bytes(out, a->text,
					    a->text_len);
				}
				break;
			case '-':
				if (a->kind == VALUE_FD) {
					put_fd(n, out, ev->pid, a);
					break;
				}
				if (is_symbolic(a))
					trace_escape_bytes(out, a->text,
					    a->text_len);
				else
					g_string_truncate(out, before);
				break;
			default:
				g_string_truncate(out, before);
			}
		}
		/* Memory calls are accesses only when they map a file,
		 * unless --keep names them. */
		if (memory_only && !any_fd && !kept(n, ev, sc))
			g_string_truncate(out, 0);
		if (out->len > 0) {
			put_content(n, r, ev, out);
			args = strace_reader_args_upto(r, ev, sc != NULL ?
			    sc_derived[sc - sc_table].need : 0);
		}
		if (out->len > 0 && ev->err != NULL) {
			g_string_append(out, " = ");
			g_string_append(out, ev->err);
		}
	}
	n->qpos = n->qlen = 0;
	if (n->ps != NULL && n->last_dir != 0) {
		decode(n, r, ev);
		/* decoding may have parsed the arguments again */
		args = strace_reader_args_upto(r, ev,
		    sc != NULL ? sc_derived[sc - sc_table].need : 0);
	}
	track(n, ev, args, sc);
	if (out->len == 0)
		return norm_more(n, len);
	*len = out->len;
	return out->str;
}

const char *
norm_more(struct normalizer *n, size_t *len)
{
	GString *s;

	if (n->qpos >= n->qlen)
		return NULL;
	s = n->queue->pdata[n->qpos++];
	*len = s->len;
	return s->str;
}

char *
norm_unplaced(const struct normalizer *n)
{
	return proto_streams_unplaced(n->ps);
}
