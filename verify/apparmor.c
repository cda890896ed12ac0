/*
 * apparmor.c: AppArmor profiles as policies.  A profile says what a
 * program may do; its file rules (a pattern and permissions r w a l k m
 * x), network rules and deny rules are read, with the files it includes
 * and the variables it uses (@{HOME}), and turned into the rules of a
 * policy that names what the profile does not allow:
 *
 *	rule ReadNotAllowed: any* . (FileReadOp(p) | !(p ~ "g1") && ...);
 *
 * so that the monitor and the verifier check profiles as they check any
 * policy, and capability rules into a rule on the calls that may use a
 * capability not granted (the Capability.NAME() events of the platform
 * interface).  Signals, ptrace, mount, dbus and unix rules, and the
 * contents of child profiles and hats, are read over and not checked.
 * The grammar followed is apparmor.d(5); errors name FILE:LINE:COL.
 *
 * What a profile may make the reader do is bounded, whatever it holds:
 * files are read through trace_file_read() (regular files only, each at
 * most TRACE_FILE_MAX_TEXT bytes, and as much in all), includes at most
 * MAX_INCLUDE_DEPTH deep and MAX_INCLUDE_FILES in all, an include cycle is
 * an error that names its chain, variables are expanded recursively with
 * their cycles found and at most GLOB_MAX bytes made, profiles nest at
 * most POLICY_MAX_DEPTH deep, and every pattern is checked as glob.c
 * reads it.
 */
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "trace/file.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_INCLUDE_FILES 4096

/* A variable: its values, and where it was defined (for errors). */
struct aavar {
	GPtrArray *vals;	/* of char * */
	char *file;
	unsigned line;
};

/* A file being read, and the line it is at (for include chains). */
struct aaframe {
	char *path;		/* canonical */
	char *name;		/* as named */
	unsigned line;
};

struct aa {
	const char *const *dirs;	/* where <includes> are looked for */
	const struct apparmor_io *io;
	void *io_data;
	GHashTable *vars;	/* name -> struct aavar * */
	GPtrArray *read, *write, *exec;	/* allowed patterns */
	GPtrArray *deny_read, *deny_write, *deny_exec;
	GPtrArray *mmap, *lock, *link;	/* m, k, l */
	GPtrArray *attach;	/* the program the profile attaches to */
	GPtrArray *net;		/* of char *: "AF_INET SOCK_STREAM" */
	bool net_all;
	GHashTable *caps, *deny_caps;	/* capability names */
	bool caps_all;
	char *name;		/* the profile's name or attachment */
	GHashTable *seen;	/* canonical paths of the files read */
	GPtrArray *frames;	/* of struct aaframe *: the include chain */
	unsigned files;		/* files read */
	size_t bytes;		/* bytes read, in all */
	GError *err;
};

static void
aavar_free(gpointer p)
{
	struct aavar *v = p;

	g_ptr_array_free(v->vals, TRUE);
	g_free(v->file);
	g_free(v);
}

static void
aaframe_free(gpointer p)
{
	struct aaframe *f = p;

	g_free(f->path);
	g_free(f->name);
	g_free(f);
}

/* The file system, for a NULL struct apparmor_io or member. */
static enum apparmor_kind
fs_kind(void *data, const char *path)
{
	struct stat st;

	(void)data;
	if (stat(path, &st) != 0)
		return APPARMOR_MISSING;
	return S_ISDIR(st.st_mode) ? APPARMOR_DIR : APPARMOR_FILE;
}

static bool
fs_read(void *data, const char *path, size_t max, char **buf, size_t *len,
    GError **err)
{
	(void)data;
	return trace_file_read(path, max, buf, len, err);
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **
fs_list(void *data, const char *path, size_t max, GError **err)
{
	GDir *d;
	GPtrArray *names;
	const char *e;

	(void)data;
	if ((d = g_dir_open(path, 0, err)) == NULL)
		return NULL;
	names = g_ptr_array_new_with_free_func(g_free);
	while ((e = g_dir_read_name(d)) != NULL) {
		if (names->len >= max) {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: more "
			    "than %zu files; not read", path, max);
			g_dir_close(d);
			g_ptr_array_free(names, TRUE);
			return NULL;
		}
		g_ptr_array_add(names, g_strdup(e));
	}
	g_dir_close(d);
	g_ptr_array_sort(names, by_name);
	g_ptr_array_add(names, NULL);
	g_ptr_array_set_free_func(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

static enum apparmor_kind
aa_kind(struct aa *a, const char *path)
{
	return (a->io != NULL && a->io->kind != NULL ? a->io->kind :
	    fs_kind)(a->io_data, path);
}

static void
aa_error(struct aa *a, const char *file, unsigned line, unsigned col,
    const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static void
aa_error(struct aa *a, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (a->err != NULL)
		return;
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(&a->err, POLICY_ERROR, POLICY_ERROR_SYNTAX,
	    "%s:%u:%u: %s", file, line, col, msg);
	g_free(msg);
}

/* Where a pattern being expanded was written, and what it has met. */
struct expansion {
	const char *file;
	unsigned line, col;
	GPtrArray *chain;	/* of char *: the variables being expanded,
				 * outermost first */
	char *outer;		/* the last variable of the pattern itself */
};

/* "@{A} (FILE:LINE) -> @{B} (FILE:LINE) -> ... -> @{NAME}" */
static char *
chain_text(struct aa *a, const GPtrArray *chain, guint from, const char *name)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = from; i < chain->len; i++) {
		const struct aavar *v = g_hash_table_lookup(a->vars,
		    chain->pdata[i]);

		g_string_append_printf(s, "@{%s} (%s:%u) -> ",
		    (const char *)chain->pdata[i], v->file, v->line);
	}
	g_string_append_printf(s, "@{%s}", name);
	return g_string_free(s, FALSE);
}

/*
 * Appends s with its variables expanded to out: @{VAR} becomes
 * {value1,value2}, each value expanded in turn.  slash says whether what
 * follows s begins with '/': AppArmor reads "//" as "/", so @{etc_ro}
 * ("/etc/") followed by "/ld.so.cache" is /etc/ld.so.cache, and a value
 * that ends a variable followed by '/' loses its last '/'.  False, with
 * a->err set at the pattern, for an unknown variable, a '@{' not closed,
 * a variable defined in terms of itself, variables nested more than
 * POLICY_MAX_DEPTH deep, or more than GLOB_MAX bytes made.
 */
static bool
expand_into(struct aa *a, struct expansion *x, GString *out, const char *s,
    bool slash)
{
	size_t start = out->len;
	const char *p = s;

	while (*p != '\0') {
		const char *end;
		char *name;
		struct aavar *v;
		bool next_slash;
		guint i;

		if (p[0] != '@' || p[1] != '{') {
			g_string_append_c(out, *p++);
			continue;
		}
		if ((end = strchr(p, '}')) == NULL) {
			aa_error(a, x->file, x->line, x->col, "expected '}' to "
			    "close the variable '%.40s', found the end of the "
			    "rule", p);
			return false;
		}
		name = g_strndup(p + 2, (gsize)(end - p - 2));
		v = g_hash_table_lookup(a->vars, name);
		if (v == NULL) {
			aa_error(a, x->file, x->line, x->col, "unknown variable "
			    "@{%s}", name);
			g_free(name);
			return false;
		}
		for (i = 0; i < x->chain->len; i++)
			if (strcmp(x->chain->pdata[i], name) == 0) {
				char *c = chain_text(a, x->chain, i, name);

				aa_error(a, x->file, x->line, x->col, "variable "
				    "@{%s} is defined in terms of itself: %s",
				    name, c);
				g_free(c);
				g_free(name);
				return false;
			}
		if (x->chain->len >= POLICY_MAX_DEPTH) {
			aa_error(a, x->file, x->line, x->col, "variable @{%s} "
			    "nested too deeply: expected at most %d levels, "
			    "found more", (const char *)x->chain->pdata[0],
			    POLICY_MAX_DEPTH);
			g_free(name);
			return false;
		}
		if (x->chain->len == 0) {
			g_free(x->outer);
			x->outer = g_strdup(name);
		}
		g_ptr_array_add(x->chain, name);
		next_slash = end[1] == '/' || (end[1] == '\0' && slash);
		g_string_append_c(out, '{');
		for (i = 0; i < v->vals->len; i++) {
			if (i > 0)
				g_string_append_c(out, ',');
			if (!expand_into(a, x, out, v->vals->pdata[i],
			    next_slash)) {
				g_ptr_array_set_size(x->chain, x->chain->len - 1);
				g_free(name);
				return false;
			}
		}
		g_string_append_c(out, '}');
		g_ptr_array_set_size(x->chain, x->chain->len - 1);
		g_free(name);
		p = end + 1;
		if (out->len > GLOB_MAX)
			break;
	}
	if (out->len > GLOB_MAX) {
		aa_error(a, x->file, x->line, x->col, "expected a pattern of at "
		    "most %d bytes, found more once @{%s} is expanded",
		    GLOB_MAX, x->outer != NULL ? x->outer : "?");
		return false;
	}
	if (slash && out->len > start && out->str[out->len - 1] == '/' &&
	    s[0] != '\0' && s[strlen(s) - 1] == '/')
		g_string_truncate(out, out->len - 1);
	return true;
}

/*
 * Expands the variables of a pattern (expand_into()), makes each run of
 * slashes one, and checks the result as glob.c reads it; the pattern
 * (transfer full), or NULL with a->err set at FILE:LINE:COL.
 */
static char *
expand(struct aa *a, const char *file, unsigned line, unsigned col,
    const char *s)
{
	struct expansion x = { file, line, col, g_ptr_array_new(), NULL };
	GString *out = g_string_new(NULL);
	char *cur, *r, *w, *why;
	GString *canon;
	size_t at;
	bool ok;

	ok = expand_into(a, &x, out, s, false);
	g_ptr_array_free(x.chain, TRUE);
	g_free(x.outer);
	if (!ok) {
		g_string_free(out, TRUE);
		return NULL;
	}
	cur = g_string_free(out, FALSE);
	for (r = w = cur; *r != '\0'; r++)
		if (!(*r == '/' && w > cur && w[-1] == '/'))
			*w++ = *r;
	*w = '\0';
	/* the policy made of the profile holds the pattern in its canonical
	 * (strace-escaped) form, as every string of a policy: that is what
	 * glob.c will read, and what must be well formed (AppArmor's escape
	 * of a '[' becomes an escaped backslash followed by a set) */
	canon = g_string_new(NULL);
	trace_escape_bytes(canon, cur, strlen(cur));
	if ((why = glob_check(canon->str, &at)) != NULL) {
		/* at the character, when the pattern is as written */
		aa_error(a, file, line, strcmp(canon->str, s) == 0 ? col +
		    (unsigned)at : col, "%s", why);
		g_free(why);
		g_free(cur);
		g_string_free(canon, TRUE);
		return NULL;
	}
	g_string_free(canon, TRUE);
	return cur;
}

/* Splits a rule into words, honouring "quoted strings". */
static GPtrArray *
words(const char *s)
{
	GPtrArray *w = g_ptr_array_new_with_free_func(g_free);

	while (*s != '\0') {
		const char *b;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (*s == '"') {
			b = ++s;
			while (*s != '\0' && *s != '"')
				s++;
			g_ptr_array_add(w, g_strndup(b, (gsize)(s - b)));
			if (*s == '"')
				s++;
			continue;
		}
		b = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		g_ptr_array_add(w, g_strndup(b, (gsize)(s - b)));
	}
	return w;
}

static bool
is_perms(const char *w)
{
	return *w != '\0' && strspn(w, "rwalkmxiupcPUCIdD") == strlen(w);
}

static bool aa_file(struct aa *a, const char *path, bool included);

/* "A:3 includes B, B:7 includes C" for the frames from..top, and path. */
static char *
include_chain(struct aa *a, guint from, const char *path)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = from; i < a->frames->len; i++) {
		const struct aaframe *f = a->frames->pdata[i];

		g_string_append_printf(s, "%s%s:%u includes %s", i > from ?
		    ", " : "", f->name, f->line, i + 1 < a->frames->len ?
		    ((const struct aaframe *)a->frames->pdata[i + 1])->name :
		    path);
	}
	return g_string_free(s, FALSE);
}

/*
 * Reads an included file or directory, from the line of file that names
 * it: an include of a file being read (a cycle) and includes nested more
 * than MAX_INCLUDE_DEPTH deep are errors that name the chain of includes;
 * a file read before is not read again (its rules are in).
 */
static bool
aa_include_path(struct aa *a, const char *file, unsigned line,
    const char *path)
{
	char *canon = g_canonicalize_filename(path, "/");
	guint i;
	bool ok = true;

	for (i = 0; i < a->frames->len; i++) {
		const struct aaframe *f = a->frames->pdata[i];

		if (strcmp(f->path, canon) == 0) {
			char *c = include_chain(a, i, path);

			aa_error(a, file, line, 1, "include of %s makes a "
			    "cycle: %s", path, c);
			g_free(c);
			g_free(canon);
			return false;
		}
	}
	if (a->frames->len >= MAX_INCLUDE_DEPTH) {
		char *c = include_chain(a, 0, path);

		aa_error(a, file, line, 1, "includes nested too deeply: "
		    "expected at most %d levels, found more: %s",
		    MAX_INCLUDE_DEPTH, c);
		g_free(c);
		g_free(canon);
		return false;
	}
	if (aa_kind(a, path) == APPARMOR_DIR) {
		GError *e = NULL;
		char **names = (a->io != NULL && a->io->list != NULL ?
		    a->io->list : fs_list)(a->io_data, path,
		    MAX_INCLUDE_FILES, &e);

		if (names == NULL) {
			aa_error(a, file, line, 1, "include of %s: %s", path,
			    e != NULL ? e->message : "not read");
			g_clear_error(&e);
			g_free(canon);
			return false;
		}
		/* the files of a directory, not its directories, as
		 * apparmor_parser reads them */
		for (i = 0; ok && names[i] != NULL; i++) {
			char *f;

			if (names[i][0] == '.')
				continue;
			f = g_build_filename(path, names[i], NULL);
			if (aa_kind(a, f) != APPARMOR_DIR)
				ok = aa_include_path(a, file, line, f);
			g_free(f);
		}
		g_strfreev(names);
		g_free(canon);
		return ok;
	}
	g_free(canon);
	return aa_file(a, path, true);
}

/* include <x>, include "x", include if exists ... */
static bool
aa_include(struct aa *a, const char *file, unsigned line, const char *arg)
{
	bool if_exists = g_str_has_prefix(arg, "if exists");
	const char *p = if_exists ? arg + 9 : arg;
	char *name, *path = NULL;
	unsigned i;
	bool ok;

	while (*p == ' ' || *p == '\t')
		p++;
	if ((*p != '<' && *p != '"') || strlen(p) < 3) {
		aa_error(a, file, line, 1, "expected <file> or \"file\" after "
		    "include, found '%s'", p);
		return false;
	}
	name = g_strndup(p + 1, strlen(p) - 2);
	if (*p == '"') {
		char *dir = g_path_get_dirname(file);

		path = g_path_is_absolute(name) ? g_strdup(name) :
		    g_build_filename(dir, name, NULL);
		g_free(dir);
	} else {
		for (i = 0; a->dirs[i] != NULL && path == NULL; i++) {
			char *c = g_build_filename(a->dirs[i], name, NULL);

			if (aa_kind(a, c) != APPARMOR_MISSING)
				path = c;
			else
				g_free(c);
		}
	}
	if (path == NULL || aa_kind(a, path) == APPARMOR_MISSING) {
		g_free(path);
		if (if_exists) {
			g_free(name);
			return true;
		}
		aa_error(a, file, line, 1, "include %s not found", name);
		g_free(name);
		return false;
	}
	g_free(name);
	((struct aaframe *)a->frames->pdata[a->frames->len - 1])->line = line;
	ok = aa_include_path(a, file, line, path);
	g_free(path);
	return ok;
}

static const struct {
	const char *aa, *af;
} domains[] = {
	{ "inet", "AF_INET" }, { "inet6", "AF_INET6" }, { "unix", "AF_UNIX" },
	{ "netlink", "AF_NETLINK" }, { "packet", "AF_PACKET" },
	{ "bluetooth", "AF_BLUETOOTH" }, { "ax25", "AF_AX25" },
	{ "ipx", "AF_IPX" }, { "appletalk", "AF_APPLETALK" },
	{ "alg", "AF_ALG" }, { "can", "AF_CAN" }, { "vsock", "AF_VSOCK" },
};
static const struct {
	const char *aa, *sock;
} types[] = {
	{ "stream", "SOCK_STREAM" }, { "dgram", "SOCK_DGRAM" },
	{ "raw", "SOCK_RAW" }, { "seqpacket", "SOCK_SEQPACKET" },
	{ "rdm", "SOCK_RDM" }, { "packet", "SOCK_PACKET" },
};

static void
aa_network(struct aa *a, GPtrArray *w, unsigned first)
{
	const char *af = NULL, *type = NULL;
	guint i, k;

	for (i = first; i < w->len; i++) {
		for (k = 0; k < G_N_ELEMENTS(domains); k++)
			if (strcmp(w->pdata[i], domains[k].aa) == 0)
				af = domains[k].af;
		for (k = 0; k < G_N_ELEMENTS(types); k++)
			if (strcmp(w->pdata[i], types[k].aa) == 0)
				type = types[k].sock;
	}
	if (af == NULL && type == NULL) {
		a->net_all = true;
		return;
	}
	g_ptr_array_add(a->net, g_strdup_printf("%s %s", af != NULL ? af : "",
	    type != NULL ? type : ""));
}

/* A file rule: a pattern and permissions, allowed or denied. */
static void
aa_path(struct aa *a, const char *pattern, const char *perms, bool deny)
{
	if (strpbrk(perms, "r") != NULL)
		g_ptr_array_add(deny ? a->deny_read : a->read,
		    g_strdup(pattern));
	if (strpbrk(perms, "wa") != NULL)
		g_ptr_array_add(deny ? a->deny_write : a->write,
		    g_strdup(pattern));
	if (strchr(perms, 'x') != NULL)
		g_ptr_array_add(deny ? a->deny_exec : a->exec,
		    g_strdup(pattern));
	if (deny)
		return;
	if (strchr(perms, 'm') != NULL)
		g_ptr_array_add(a->mmap, g_strdup(pattern));
	if (strchr(perms, 'k') != NULL)
		g_ptr_array_add(a->lock, g_strdup(pattern));
	if (strchr(perms, 'l') != NULL)
		g_ptr_array_add(a->link, g_strdup(pattern));
}

/* One rule, without its ',', written from column col of line. */
static bool
aa_rule(struct aa *a, const char *file, unsigned line, unsigned col,
    const char *text)
{
	GPtrArray *w = words(text);
	guint i = 0;
	bool deny = false;
	const char *first;
	bool ok = true;

	while (i < w->len && (strcmp(w->pdata[i], "audit") == 0 ||
	    strcmp(w->pdata[i], "owner") == 0 ||
	    strcmp(w->pdata[i], "allow") == 0 ||
	    strcmp(w->pdata[i], "deny") == 0 ||
	    strcmp(w->pdata[i], "file") == 0 ||
	    strcmp(w->pdata[i], "other") == 0)) {
		deny |= strcmp(w->pdata[i], "deny") == 0;
		i++;
	}
	if (i >= w->len)
		goto out;	/* "file," alone: all files */
	first = w->pdata[i];
	if (strcmp(first, "network") == 0) {
		if (!deny)
			aa_network(a, w, i + 1);
		goto out;
	}
	if (strcmp(first, "capability") == 0) {
		if (i + 1 == w->len && !deny)
			a->caps_all = true;
		for (i++; i < w->len; i++)
			g_hash_table_add(deny ? a->deny_caps : a->caps,
			    g_strdup(w->pdata[i]));
		goto out;
	}
	if (first[0] == '/' || first[0] == '@' ||
	    (is_perms(first) && i + 1 < w->len &&
	    (((char *)w->pdata[i + 1])[0] == '/' ||
	    ((char *)w->pdata[i + 1])[0] == '@'))) {
		const char *pat = first[0] == '/' || first[0] == '@' ? first :
		    w->pdata[i + 1];
		const char *perms = pat == first ? (i + 1 < w->len ?
		    w->pdata[i + 1] : "") : first;
		char *e;

		if (!is_perms(perms)) {
			aa_error(a, file, line, 1, "expected permissions "
			    "(r w a l k m x) after %s, found '%s'", pat, perms);
			ok = false;
			goto out;
		}
		const char *at = strstr(text, pat);

		if ((e = expand(a, file, line, at != NULL ? col +
		    (unsigned)(at - text) : col, pat)) == NULL) {
			ok = false;
			goto out;
		}
		aa_path(a, e, perms, deny);
		g_free(e);
	}
	/* signal, ptrace, dbus, mount, unix, link, rlimit,
	 * change_profile, set, ...: not checked */
out:
	g_ptr_array_free(w, TRUE);
	return ok;
}

/* A variable: @{NAME} = values, or += values. */
static bool
aa_var(struct aa *a, const char *file, unsigned line, const char *text)
{
	const char *close = strchr(text, '}'), *eq;
	char *name;
	struct aavar *v;
	GPtrArray *vals, *w;
	guint i;

	if (close == NULL || (eq = strchr(close, '=')) == NULL) {
		aa_error(a, file, line, 1, "expected @{NAME} = values");
		return false;
	}
	name = g_strndup(text + 2, (gsize)(close - text - 2));
	v = g_hash_table_lookup(a->vars, name);
	if (v == NULL || eq[-1] != '+') {
		v = g_new0(struct aavar, 1);
		v->vals = g_ptr_array_new_with_free_func(g_free);
		v->file = g_strdup(file);
		v->line = line;
		g_hash_table_replace(a->vars, g_strdup(name), v);
	}
	vals = v->vals;
	w = words(eq + 1);
	for (i = 0; i < w->len; i++)
		g_ptr_array_add(vals, g_strdup(w->pdata[i]));
	g_ptr_array_free(w, TRUE);
	g_free(name);
	return true;
}

/*
 * Reads a file whole, as the reader's io says: NULL with a->err set when
 * it cannot be read, or when the files read would hold more than
 * TRACE_FILE_MAX_TEXT bytes or be more than MAX_INCLUDE_FILES in all.  An
 * included file's trouble is told at the include (the top frame's line).
 */
static char *
aa_read(struct aa *a, const char *path, bool included, size_t *len)
{
	const struct aaframe *top = a->frames->len > 0 ?
	    a->frames->pdata[a->frames->len - 1] : NULL;
	GError *e = NULL;
	char *buf = NULL;
	bool ok;

	if (++a->files > MAX_INCLUDE_FILES) {
		aa_error(a, top->name, top->line, 1, "expected at most %d files "
		    "included in all, found more", MAX_INCLUDE_FILES);
		return NULL;
	}
	ok = (a->io != NULL && a->io->read != NULL ? a->io->read :
	    fs_read)(a->io_data, path, TRACE_FILE_MAX_TEXT - a->bytes, &buf,
	    len, &e);
	if (ok) {
		a->bytes += *len;
		return buf;
	}
	if (included)
		aa_error(a, top->name, top->line, 1, "include of %s: %s", path,
		    e->message);
	else if (a->err == NULL)
		g_set_error(&a->err, POLICY_ERROR, POLICY_ERROR_IO, "%s",
		    e->message);
	g_error_free(e);
	return NULL;
}

/*
 * One file: line by line (a rule may not span lines in the profiles this
 * reads; apparmor.d allows it, and such a rule is read from its first
 * line's text up to the ',').
 */
static bool
aa_file(struct aa *a, const char *path, bool included)
{
	char *buf = NULL, **lines, *canon = g_canonicalize_filename(path, "/");
	size_t len;
	unsigned n, block = 0, skip = 0, rule_line = 0, rule_col = 1;
	bool ok = true;
	GString *rule;
	struct aaframe *frame;

	if (g_hash_table_contains(a->seen, canon)) {
		g_free(canon);
		return true;	/* included before: its rules are in */
	}
	if ((buf = aa_read(a, path, included, &len)) == NULL) {
		g_free(canon);
		return false;
	}
	g_hash_table_add(a->seen, g_strdup(canon));
	if (memchr(buf, '\0', len) != NULL) {
		aa_error(a, path, 1, 1, "a NUL byte: not a profile");
		g_free(buf);
		g_free(canon);
		return false;
	}
	frame = g_new0(struct aaframe, 1);
	frame->path = canon;
	frame->name = g_strdup(path);
	g_ptr_array_add(a->frames, frame);
	rule = g_string_new(NULL);
	lines = g_strsplit(buf, "\n", -1);
	g_free(buf);
	for (n = 0; ok && lines[n] != NULL; n++) {
		unsigned indent = (unsigned)strspn(lines[n], " \t\r\f\v");
		char *l = g_strstrip(lines[n]);
		size_t ll;

		frame->line = n + 1;
		if (*l == '\0')
			continue;
		if (g_str_has_prefix(l, "#include") ||
		    g_str_has_prefix(l, "include ")) {
			if (skip == 0)
				ok = aa_include(a, path, n + 1, g_strstrip(l +
				    (l[0] == '#' ? 8 : 7)));
			continue;
		}
		if (*l == '#')
			continue;
		ll = strlen(l);
		if (l[ll - 1] == '{') {
			/* a profile, a child profile or a hat */
			if (block + skip >= POLICY_MAX_DEPTH) {
				aa_error(a, path, n + 1, indent + 1, "profiles "
				    "nested too deeply: expected at most %d "
				    "levels, found more", POLICY_MAX_DEPTH);
				ok = false;
				continue;
			}
			if (block == 0 && skip == 0 && !included) {
				GPtrArray *w;

				l[ll - 1] = '\0';
				w = words(l);
				if (w->len > 0 && a->name == NULL) {
					guint i = strcmp(w->pdata[0],
					    "profile") == 0 ? 1 : 0, k;

					if (i < w->len)
						a->name = g_strdup(w->pdata[i]);
					/* the program it attaches to: the
					 * name, or the path after it */
					for (k = i; k < w->len && k <= i + 1;
					    k++) {
						const char *x = w->pdata[k];
						const char *at = strstr(l, x);
						char *e;

						if (x[0] != '/' && x[0] != '@')
							continue;
						e = expand(a, path, n + 1,
						    indent + 1 + (at != NULL ?
						    (unsigned)(at - l) : 0), x);
						if (e != NULL)
							g_ptr_array_add(
							    a->attach, e);
						else
							ok = false;
						break;
					}
				}
				g_ptr_array_free(w, TRUE);
			}
			if (block > 0 || skip > 0)
				skip++;
			else
				block++;
			continue;
		}
		if (*l == '}') {
			if (skip > 0)
				skip--;
			else if (block > 0)
				block--;
			else {
				aa_error(a, path, n + 1, indent + 1, "a '}' "
				    "closes no profile");
				ok = false;
			}
			continue;
		}
		if (skip > 0)
			continue;
		if (l[0] == '@' && l[1] == '{' && strchr(l, '=') != NULL) {
			ok = aa_var(a, path, n + 1, l);
			continue;
		}
		if (g_str_has_prefix(l, "abi ") || g_str_has_prefix(l, "alias "))
			continue;
		/* a rule: text up to its ',', over one line or more (a
		 * comment may follow) */
		{
			char *hash = strchr(l, '#');
			size_t n2;

			if (hash != NULL)
				*hash = '\0';
			g_strstrip(l);
			if (*l == '\0')
				continue;
			if (rule->len == 0) {
				rule_line = n + 1;
				rule_col = indent + 1;
			} else {
				g_string_append_c(rule, ' ');
			}
			g_string_append(rule, l);
			n2 = rule->len;
			if (rule->str[n2 - 1] != ',')
				continue;
			g_string_truncate(rule, n2 - 1);
			ok = aa_rule(a, path, rule_line, rule_col, rule->str);
			g_string_truncate(rule, 0);
		}
	}
	if (ok && rule->len > 0) {
		aa_error(a, path, rule_line, 1, "expected ',' at the end of "
		    "the rule");
		ok = false;
	}
	if (ok && !included && (block != 0 || skip != 0)) {
		aa_error(a, path, n, 1, "expected '}' before the end of the "
		    "file");
		ok = false;
	}
	g_strfreev(lines);
	g_string_free(rule, TRUE);
	g_ptr_array_set_size(a->frames, a->frames->len - 1);
	return ok && a->err == NULL;
}

/* Appends a condition: the value matches none of the patterns. */
static void
none_of(GString *out, const char *var, const GPtrArray *pats)
{
	guint i;

	for (i = 0; i < pats->len; i++) {
		g_string_append_printf(out, "%s!(%s ~ \"", i > 0 ? " && " : "",
		    var);
		trace_escape_bytes(out, pats->pdata[i],
		    strlen(pats->pdata[i]));
		g_string_append(out, "\")");
	}
}

static void
allow_rule(GString *out, const char *rule, const char *what,
    const char *name, const char *event, const GPtrArray *allowed,
    bool relative)
{
	g_string_append_printf(out, "rule %s \"%s that profile ", rule, what);
	trace_escape_bytes(out, name, strlen(name));
	g_string_append_printf(out, " does not allow\":\n    any* . (%s(p) | "
	    "p ~ \"/**\"", event);
	if (allowed->len > 0) {
		g_string_append(out, " && ");
		none_of(out, "p", allowed);
	}
	g_string_append(out, ");\n");
	/* the kernel resolves a relative name against the working
	 * directory, which the log does not give: say so, apart (an fd
	 * whose file the log does not name is neither, and not checked) */
	if (!relative)
		return;
	g_string_append_printf(out, "rule %sRelative \"%s by a relative name, "
	    "which profile ", rule, what);
	trace_escape_bytes(out, name, strlen(name));
	g_string_append_printf(out, " cannot be checked against\":\n    any* . "
	    "(%s(p) | !(p ~ \"/**\"));\n", event);
}

static void
deny_rule(GString *out, const char *rule, const char *what,
    const char *name, const char *event, const GPtrArray *denied)
{
	guint i;

	if (denied->len == 0)
		return;
	g_string_append_printf(out, "rule %s \"%s that profile ", rule, what);
	trace_escape_bytes(out, name, strlen(name));
	g_string_append(out, " denies\":\n    any* . (");
	for (i = 0; i < denied->len; i++) {
		g_string_append_printf(out, "%s(%s(p) | p ~ \"", i > 0 ?
		    " || " : "", event);
		trace_escape_bytes(out, denied->pdata[i],
		    strlen(denied->pdata[i]));
		g_string_append(out, "\")");
	}
	g_string_append(out, ");\n");
}

bool
apparmor_is_profile(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *e = eol != NULL ? eol : end;

		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e - p >= 8 && strncmp(p, "#include", 8) == 0)
			return true;
		if (p < e && *p != '#') {
			size_t n = (size_t)(e - p);

			return *p == '/' || *p == '@' || (n >= 8 &&
			    strncmp(p, "include ", 8) == 0) || (n >= 4 &&
			    strncmp(p, "abi ", 4) == 0) || (n >= 8 &&
			    strncmp(p, "profile ", 8) == 0);
		}
		p = e + 1;
	}
	return false;
}

/*
 * The capabilities the built-in platform interface has an event for
 * (Capability.NAME() in verify/linux.platform; test_policy checks that
 * each is defined there).
 */
static const char *const capabilities[] = {
	"chown", "mknod", "net_raw", "setgid", "setuid", "sys_admin",
	"sys_boot", "sys_chroot", "sys_module", "sys_ptrace", "sys_time",
};

const char *const *
apparmor_capabilities(size_t *n)
{
	*n = G_N_ELEMENTS(capabilities);
	return capabilities;
}

/* rule NAME "...": any* . (Capability.a() || ...), over the
 * capabilities granted (deny: denied) or not. */
static void
cap_rule(GString *out, const char *rule, const char *what, const char *name,
    GHashTable *set, bool in)
{
	guint i, n = 0;

	for (i = 0; i < G_N_ELEMENTS(capabilities); i++)
		if (g_hash_table_contains(set, capabilities[i]) == in)
			n++;
	if (n == 0)
		return;
	g_string_append_printf(out, "rule %s \"%s that profile ", rule, what);
	trace_escape_bytes(out, name, strlen(name));
	g_string_append(out, in ? " denies\":\n    any* . (" :
	    " does not grant\":\n    any* . (");
	for (i = 0, n = 0; i < G_N_ELEMENTS(capabilities); i++)
		if (g_hash_table_contains(set, capabilities[i]) == in)
			g_string_append_printf(out, "%sCapability.%s()",
			    n++ > 0 ? " || " : "", capabilities[i]);
	g_string_append(out, ");\n");
}

char *
apparmor_to_policy(const char *path, const char *const *dirs, GError **err)
{
	struct apparmor_opts o = { .dirs = dirs };

	return apparmor_to_policy_with(path, &o, err);
}

char *
apparmor_to_policy_with(const char *path, const struct apparmor_opts *opts,
    GError **err)
{
	static const char *const def_dirs[] = { "/etc/apparmor.d", NULL };
	struct aa a = { 0 };
	GString *out = NULL;
	guint i;
	bool ok;

	a.dirs = opts != NULL && opts->dirs != NULL && opts->dirs[0] != NULL ?
	    opts->dirs : def_dirs;
	if (opts != NULL) {
		a.io = opts->io;
		a.io_data = opts->io_data;
	}
	a.frames = g_ptr_array_new_with_free_func(aaframe_free);
	a.vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    aavar_free);
	a.read = g_ptr_array_new_with_free_func(g_free);
	a.write = g_ptr_array_new_with_free_func(g_free);
	a.exec = g_ptr_array_new_with_free_func(g_free);
	a.deny_read = g_ptr_array_new_with_free_func(g_free);
	a.deny_write = g_ptr_array_new_with_free_func(g_free);
	a.deny_exec = g_ptr_array_new_with_free_func(g_free);
	a.net = g_ptr_array_new_with_free_func(g_free);
	a.mmap = g_ptr_array_new_with_free_func(g_free);
	a.lock = g_ptr_array_new_with_free_func(g_free);
	a.link = g_ptr_array_new_with_free_func(g_free);
	a.attach = g_ptr_array_new_with_free_func(g_free);
	a.caps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	a.deny_caps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	a.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ok = aa_file(&a, path, false);
	if (ok) {
		const char *name = a.name != NULL ? a.name : path;

		out = g_string_new(NULL);
		g_string_append(out, "# made from the AppArmor profile ");
		trace_escape_bytes(out, path, strlen(path));
		g_string_append_c(out, '\n');
		allow_rule(out, "ReadNotAllowed", "a file read", name,
		    "FileReadOp", a.read, true);
		allow_rule(out, "WriteNotAllowed", "a file changed", name,
		    "FileModifyOp", a.write, true);
		/* running the program the profile attaches to is how the
		 * profile comes to apply: the first execve of a trace is the
		 * parent's, not the confined program's */
		for (i = 0; i < a.attach->len; i++)
			g_ptr_array_add(a.exec, g_strdup(a.attach->pdata[i]));
		allow_rule(out, "ExecNotAllowed", "a program run", name,
		    "Exec", a.exec, true);
		allow_rule(out, "MapExecNotAllowed", "a file mapped "
		    "executable", name, "FileMapExec", a.mmap, false);
		allow_rule(out, "LockNotAllowed", "a file locked", name,
		    "FileLock", a.lock, false);
		allow_rule(out, "LinkNotAllowed", "a hard link made", name,
		    "FileHardLink", a.link, true);
		deny_rule(out, "ReadDenied", "a file read", name,
		    "FileReadOp", a.deny_read);
		deny_rule(out, "WriteDenied", "a file changed", name,
		    "FileModifyOp", a.deny_write);
		deny_rule(out, "ExecDenied", "a program run", name, "Exec",
		    a.deny_exec);
		if (!a.caps_all)
			cap_rule(out, "CapabilityNotAllowed", "a capability "
			    "used", name, a.caps, false);
		cap_rule(out, "CapabilityDenied", "a capability used", name,
		    a.deny_caps, true);
		if (!a.net_all) {
			/* unix sockets are mediated by unix rules, which
			 * are not read: they are allowed here */
			g_string_append(out, "rule NetworkNotAllowed \"a socket "
			    "that profile ");
			trace_escape_bytes(out, name, strlen(name));
			g_string_append(out, " does not allow\":\n    any* . "
			    "(NetSocket(d, t) | d != AF_UNIX");
			for (i = 0; i < a.net->len; i++) {
				char **dt = g_strsplit(a.net->pdata[i], " ", 2);

				g_string_append(out, " && !(");
				if (dt[0][0] != '\0')
					g_string_append_printf(out, "d == %s",
					    dt[0]);
				if (dt[0][0] != '\0' && dt[1][0] != '\0')
					g_string_append(out, " && ");
				if (dt[1][0] != '\0')
					g_string_append_printf(out, "t has %s",
					    dt[1]);
				g_string_append_c(out, ')');
				g_strfreev(dt);
			}
			g_string_append(out, ");\n");
		}
	} else {
		g_propagate_error(err, a.err);
		a.err = NULL;
	}
	g_hash_table_destroy(a.vars);
	g_ptr_array_free(a.read, TRUE);
	g_ptr_array_free(a.write, TRUE);
	g_ptr_array_free(a.exec, TRUE);
	g_ptr_array_free(a.deny_read, TRUE);
	g_ptr_array_free(a.deny_write, TRUE);
	g_ptr_array_free(a.deny_exec, TRUE);
	g_ptr_array_free(a.net, TRUE);
	g_ptr_array_free(a.mmap, TRUE);
	g_ptr_array_free(a.lock, TRUE);
	g_ptr_array_free(a.link, TRUE);
	g_ptr_array_free(a.attach, TRUE);
	g_hash_table_destroy(a.caps);
	g_hash_table_destroy(a.deny_caps);
	g_hash_table_destroy(a.seen);
	g_ptr_array_free(a.frames, TRUE);
	g_free(a.name);
	return out != NULL ? g_string_free(out, FALSE) : NULL;
}
