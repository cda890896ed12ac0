/*
 * files.c: what the trace showed of each file, for the monitor's
 * file-state predicates existed(p) and created(p) (issue 11).  Naccio's
 * policies speak of resources and their state ("NoOverwrite": a file that
 * existed is not replaced; Evans and Twyman, S&P 1999); a log shows only
 * calls, so the state of a name is followed from the calls that make,
 * remove, move or look at it:
 *
 * - every name is in one of three states: OLD (existed before the run,
 *   and the run neither removed nor replaced it), NONE (no file) and NEW
 *   (made by the run);
 * - a name the trace never showed is OLD (system files existed before),
 *   except under a root of the list of what existed before the run
 *   (files_before_read()), where the names the list gives are OLD and the
 *   others NONE;
 * - a succeeded unlink, unlinkat or rmdir, and a call that fails with
 *   ENOENT, make a name NONE;
 * - a succeeded O_CREAT|O_EXCL open, mkdir, mknod, link or symlink (they
 *   fail with EEXIST), and a succeeded O_CREAT open or creat of a NONE
 *   name, make it NEW (an O_CREAT open without O_EXCL of an OLD name opens
 *   the old file: it stays OLD);
 * - a name seen to exist (a succeeded open, stat, access or readlink, or
 *   EEXIST) that was NONE became a file during the run: NEW;
 * - a succeeded rename moves the state of the source (and of the names
 *   under it) to the target, the source becoming NONE; RENAME_EXCHANGE
 *   swaps them.
 *
 * Names are the absolute names procs.c resolved (trace/fdnames.c); a name
 * it could not resolve is not followed.  Symbolic links are not followed:
 * names are compared as written.
 */
#include <string.h>

#include "internal.h"
#include "trace/file.h"

enum fstate { F_OLD = 1, F_NONE, F_NEW };

struct files {
	GHashTable *state;	/* name -> GINT_TO_POINTER(enum fstate) */
	GPtrArray *roots;	/* of char *: directories the list of what
				 * existed covers */
	GPtrArray *assumed;	/* of char *: names this call asked about
				 * that the trace and the list never showed,
				 * so taken to have existed */
};

struct files *
files_new(void)
{
	struct files *f = g_new0(struct files, 1);

	f->state = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	f->roots = g_ptr_array_new_with_free_func(g_free);
	f->assumed = g_ptr_array_new_with_free_func(g_free);
	return f;
}

void
files_free(struct files *f)
{
	if (f == NULL)
		return;
	g_hash_table_destroy(f->state);
	g_ptr_array_free(f->roots, TRUE);
	g_ptr_array_free(f->assumed, TRUE);
	g_free(f);
}

/* Whether name is dir or under it. */
static bool
is_under(const char *name, const char *dir)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		n--;
	return strncmp(name, dir, n) == 0 && (name[n] == '\0' ||
	    name[n] == '/');
}

static enum fstate
state_of(const struct files *f, const char *name)
{
	gpointer v;
	guint i;

	if (f == NULL)
		return F_OLD;
	if ((v = g_hash_table_lookup(f->state, name)) != NULL)
		return (enum fstate)GPOINTER_TO_INT(v);
	for (i = 0; i < f->roots->len; i++)
		if (is_under(name, f->roots->pdata[i]))
			return F_NONE;
	return F_OLD;
}

static void
set_state(struct files *f, const char *name, enum fstate s)
{
	g_hash_table_insert(f->state, g_strdup(name), GINT_TO_POINTER(s));
}

/* Whether nothing (the trace so far, the list of what existed) tells
 * name's state, so that it is only taken to have existed. */
static bool
unknown(const struct files *f, const char *name)
{
	guint i;

	if (f == NULL || g_hash_table_contains(f->state, name))
		return false;
	for (i = 0; i < f->roots->len; i++)
		if (is_under(name, f->roots->pdata[i]))
			return false;
	return true;
}

bool
files_existed(const struct files *f, const char *name)
{
	if (unknown(f, name) && !g_ptr_array_find_with_equal_func(f->assumed,
	    name, g_str_equal, NULL))
		g_ptr_array_add(f->assumed, g_strdup(name));
	return state_of(f, name) == F_OLD;
}

void
files_call_begin(struct files *f)
{
	if (f != NULL)
		g_ptr_array_set_size(f->assumed, 0);
}

char *
files_assumption(const struct files *f)
{
	GString *s;
	guint i;

	if (f == NULL || f->assumed->len == 0)
		return NULL;
	s = g_string_new(NULL);
	for (i = 0; i < f->assumed->len; i++)
		g_string_append_printf(s, "%s\"%s\"", i > 0 ? ", " : "",
		    (const char *)f->assumed->pdata[i]);
	g_string_append_printf(s, " taken to have existed before the run: "
	    "the trace does not show %s before this call (efsa-check -e FILE "
	    "lists what existed)", f->assumed->len > 1 ? "them" : "it");
	return g_string_free(s, FALSE);
}

bool
files_created(const struct files *f, const char *name)
{
	return f != NULL && state_of(f, name) == F_NEW;
}

const char *
file_pred_name(enum file_pred pred)
{
	return pred == FILE_PRED_CREATED ? "created" : "existed";
}

/* One line of the list; false with err set. */
static bool
before_line(struct files *f, const char *path, unsigned line, char *s,
    const char *log, GError **err)
{
	char *tab = strchr(s, '\t');
	const char *name = s;

	if (tab != NULL) {
		*tab = '\0';
		name = tab + 1;
		if (strchr(name, '\t') != NULL) {
			g_set_error(err, POLICY_ERROR, POLICY_ERROR_SYNTAX,
			    "%s:%u:%u: expected a name, found a third "
			    "field", path, line,
			    (unsigned)(strchr(name, '\t') - s) + 1);
			return false;
		}
	}
	if (name[0] != '/') {
		g_set_error(err, POLICY_ERROR, POLICY_ERROR_SYNTAX,
		    "%s:%u:%u: expected an absolute name, found '%s'", path,
		    line, (unsigned)(name - s) + 1, name);
		return false;
	}
	if (tab != NULL && strcmp(s, "root") == 0) {
		g_ptr_array_add(f->roots, g_strdup(name));
		return true;
	}
	if (tab != NULL) {
		const char *base = log != NULL ? strrchr(log, '/') : NULL;

		base = base != NULL ? base + 1 : log;
		if (base == NULL || strcmp(base, s) != 0)
			return true;	/* another log's */
	}
	set_state(f, name, F_OLD);
	return true;
}

bool
files_before_read(struct files *f, const char *path, const char *log,
    GError **err)
{
	char *buf = NULL, *p, *nl;
	size_t len = 0;
	unsigned line = 0;
	bool ok = true;

	if (!trace_file_read(path, 64u << 20, &buf, &len, err))
		return false;
	if (memchr(buf, '\0', len) != NULL) {
		g_set_error(err, POLICY_ERROR, POLICY_ERROR_SYNTAX,
		    "%s:1:1: expected names, one a line, found a NUL byte",
		    path);
		g_free(buf);
		return false;
	}
	for (p = buf; ok && p < buf + len; p = nl + 1) {
		line++;
		if ((nl = strchr(p, '\n')) == NULL)
			nl = buf + len;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		ok = before_line(f, path, line, p, log, err);
	}
	g_free(buf);
	return ok;
}

/* The absolute name argument i of c holds, or NULL. */
static const char *
name_arg(const struct call *c, unsigned i)
{
	const struct call_val *v;

	if (i >= c->nargs)
		return NULL;
	v = &c->args[i];
	if (v->kind != CALL_VAL_STR || v->unresolved || v->str == NULL ||
	    v->str[0] != '/')
		return NULL;
	return v->str;
}

/* The flags argument i of c, or "". */
static const char *
flags_arg(const struct call *c, unsigned i)
{
	if (i >= c->nargs || c->args[i].str == NULL ||
	    (c->args[i].kind != CALL_VAL_FLAGS &&
	    c->args[i].kind != CALL_VAL_STR))
		return "";
	return c->args[i].str;
}

static bool
succeeded(const struct call *c)
{
	if (c->ev != NULL)
		return c->ev->ret_kind == RET_VALUE && c->ev->err == NULL;
	return c->nouts > 0 && c->outs[0].kind == CALL_VAL_INT &&
	    c->outs[0].num >= 0;
}

static bool
failed_with(const struct call *c, const char *err)
{
	return c->ev != NULL && c->ev->err != NULL &&
	    strcmp(c->ev->err, err) == 0;
}

/* name was seen to exist; it is kept, so that a rename of a directory
 * above it moves it. */
static void
seen(struct files *f, const char *name)
{
	enum fstate st = state_of(f, name);

	set_state(f, name, st == F_NONE ? F_NEW : st);
}

/* name was made by c (or, with excl, surely did not exist before it). */
static void
made(struct files *f, const char *name, bool excl)
{
	enum fstate st = state_of(f, name);

	set_state(f, name, excl || st == F_NONE ? F_NEW : st);
}

/* The outcome of a call that looks at, or makes, a name. */
static void
looked(struct files *f, const struct call *c, const char *name, bool create,
    bool excl)
{
	if (name == NULL)
		return;
	if (succeeded(c)) {
		if (create)
			made(f, name, excl);
		else
			seen(f, name);
	} else if (failed_with(c, "ENOENT")) {
		set_state(f, name, F_NONE);
	} else if (failed_with(c, "EEXIST")) {
		seen(f, name);
	}
}

/* The names under dir the table holds (transfer full). */
static GPtrArray *
names_under(const struct files *f, const char *dir)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, f->state);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (strcmp(k, dir) != 0 && is_under(k, dir))
			g_ptr_array_add(v, g_strdup(k));
	return v;
}

/* A rename from a to b: b takes a's state; with exchange, a takes b's. */
static void
renamed(struct files *f, const char *a, const char *b, bool exchange)
{
	enum fstate sa = state_of(f, a), sb = state_of(f, b);
	GPtrArray *under = names_under(f, a);
	size_t la = strlen(a);
	guint i;

	for (i = 0; i < under->len; i++) {
		const char *n = under->pdata[i];
		char *to = g_strconcat(b, n + la, NULL);

		set_state(f, to, state_of(f, n));
		if (!exchange)
			set_state(f, n, F_NONE);
		g_free(to);
	}
	g_ptr_array_free(under, TRUE);
	set_state(f, b, sa);
	set_state(f, a, exchange ? sb : F_NONE);
}

/*
 * The calls followed, as data: the name argument, whether a success
 * makes the name, and the second name of a link, a rename (its target)
 * or -1.
 */
enum fkind { K_LOOK, K_OPEN, K_MAKE, K_REMOVE, K_LINK, K_RENAME };

struct fcall {
	const char *name;
	enum fkind kind;
	int path;		/* the name (a rename's, a link's source) */
	int second;		/* open: its flags; link, rename: the new
				 * name; rename: -1 */
	int flags;		/* renameat2: its flags; -1 */
};

static const struct fcall fcalls[] = {
	{ "open", K_OPEN, 0, 1, -1 },
	{ "openat", K_OPEN, 1, 2, -1 },
	{ "openat2", K_OPEN, 1, 2, -1 },
	{ "creat", K_OPEN, 0, -1, -1 },
	{ "stat", K_LOOK, 0, -1, -1 },
	{ "lstat", K_LOOK, 0, -1, -1 },
	{ "stat64", K_LOOK, 0, -1, -1 },
	{ "lstat64", K_LOOK, 0, -1, -1 },
	{ "access", K_LOOK, 0, -1, -1 },
	{ "readlink", K_LOOK, 0, -1, -1 },
	{ "truncate", K_LOOK, 0, -1, -1 },
	{ "execve", K_LOOK, 0, -1, -1 },
	{ "chdir", K_LOOK, 0, -1, -1 },
	{ "newfstatat", K_LOOK, 1, -1, -1 },
	{ "fstatat64", K_LOOK, 1, -1, -1 },
	{ "statx", K_LOOK, 1, -1, -1 },
	{ "faccessat", K_LOOK, 1, -1, -1 },
	{ "faccessat2", K_LOOK, 1, -1, -1 },
	{ "readlinkat", K_LOOK, 1, -1, -1 },
	{ "execveat", K_LOOK, 1, -1, -1 },
	{ "mkdir", K_MAKE, 0, -1, -1 },
	{ "mkdirat", K_MAKE, 1, -1, -1 },
	{ "mknod", K_MAKE, 0, -1, -1 },
	{ "mknodat", K_MAKE, 1, -1, -1 },
	{ "unlink", K_REMOVE, 0, -1, -1 },
	{ "unlinkat", K_REMOVE, 1, -1, -1 },
	{ "rmdir", K_REMOVE, 0, -1, -1 },
	{ "link", K_LINK, 0, 1, -1 },
	{ "linkat", K_LINK, 1, 3, -1 },
	{ "symlink", K_LINK, -1, 1, -1 },
	{ "symlinkat", K_LINK, -1, 2, -1 },
	{ "rename", K_RENAME, 0, 1, -1 },
	{ "renameat", K_RENAME, 1, 3, -1 },
	{ "renameat2", K_RENAME, 1, 3, 4 },
};

void
files_track(struct files *f, const struct call *c)
{
	const struct fcall *fc = NULL;
	const char *a, *b, *flags;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(fcalls); i++)
		if (strcmp(c->name, fcalls[i].name) == 0) {
			fc = &fcalls[i];
			break;
		}
	if (fc == NULL)
		return;
	a = fc->path >= 0 ? name_arg(c, (unsigned)fc->path) : NULL;
	switch (fc->kind) {
	case K_LOOK:
		looked(f, c, a, false, false);
		break;
	case K_OPEN:
		flags = fc->second >= 0 ? flags_arg(c, (unsigned)fc->second) :
		    "O_CREAT";
		looked(f, c, a, flags_have(flags, "O_CREAT") ||
		    strstr(flags, "O_CREAT") != NULL,
		    flags_have(flags, "O_EXCL") ||
		    strstr(flags, "O_EXCL") != NULL);
		break;
	case K_MAKE:
		/* mkdir and mknod fail with EEXIST: a success made it */
		looked(f, c, a, true, true);
		break;
	case K_REMOVE:
		if (a != NULL && (succeeded(c) || failed_with(c, "ENOENT")))
			set_state(f, a, F_NONE);
		break;
	case K_LINK:
		/* ENOENT may be the source's: only a success or EEXIST
		 * tells of the new name */
		b = name_arg(c, (unsigned)fc->second);
		if (b != NULL && succeeded(c))
			made(f, b, true);
		else if (b != NULL && failed_with(c, "EEXIST"))
			seen(f, b);
		break;
	case K_RENAME:
		b = name_arg(c, (unsigned)fc->second);
		if (a == NULL || b == NULL || !succeeded(c))
			break;
		flags = fc->flags >= 0 ? flags_arg(c, (unsigned)fc->flags) :
		    "";
		renamed(f, a, b, strstr(flags, "RENAME_EXCHANGE") != NULL);
		break;
	}
}
