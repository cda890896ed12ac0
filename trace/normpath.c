/*
 * normpath.c: working directories, the start directory and the names an
 * experiment chose, for the normaliser (normpath.h says what each does).
 *
 * Method.  Every process has a working directory and a set of chosen
 * names, both reference-counted so that fork shares them until one side
 * changes them (copy on write): a thread made with CLONE_FS shares the
 * directory for good, as the kernel does.  Paths are canonicalised
 * lexically, component by component, without looking at the file system
 * (a trace is read long after the run): "." goes, ".." removes the
 * component before it.  A chosen name is stored resolved, with each of
 * its leading parts (a name "a/b" makes "a" chosen too); a path is
 * generalised by looking up its leading parts, longest first, in that set.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"
#include "normpath.h"

/* A process's working directory: NULL when nobody knows it. */
struct pfs {
	int refs;
	char *cwd;
	bool own;		/* changed by the process itself */
};

/* A process's chosen names: resolved paths (keys owned). */
struct pnames {
	int refs;
	GHashTable *set;
	bool cut;		/* an argument was cut by strace (-s), so
				 * some names are not known */
};

struct pstate {
	struct pfs *fs;
	struct pnames *names;
	bool fresh;		/* seen before its parent's clone returned */
};

struct normpath {
	bool names;
	bool absolute;		/* normpath_new_absolute(): no start
				 * directory, working directories unknown
				 * until the log tells them */
	char *start;		/* absolute, canonical; NULL: not known */
	size_t start_len;
	GHashTable *procs;	/* pid -> struct pstate */
	int last_pid;		/* the process last looked up, and its */
	struct pstate *last;	/* state: most events follow one another in
				 * one process (NULL: none) */
	char *tmpdirs[3];	/* without the trailing slash */
	size_t tmplens[3];
	GString *scratch;
	uint64_t epoch;		/* normpath_epoch(): counts the changes
				 * below, from 1 */
};

/* Bound on the chosen names of one process, so an xargs of a million
 * files costs memory in proportion to its input at most once. */
enum { NAMES_MAX = 4096 };

static void
pfs_unref(struct pfs *f)
{
	if (f != NULL && --f->refs == 0) {
		g_free(f->cwd);
		g_free(f);
	}
}

static struct pfs *
pfs_new(const char *cwd, size_t len)
{
	struct pfs *f = g_new0(struct pfs, 1);

	f->refs = 1;
	f->cwd = cwd != NULL ? g_strndup(cwd, len) : NULL;
	return f;
}

static void
pnames_unref(struct pnames *p)
{
	if (p != NULL && --p->refs == 0) {
		g_hash_table_destroy(p->set);
		g_free(p);
	}
}

static struct pnames *
pnames_new(const struct pnames *from)
{
	struct pnames *p = g_new0(struct pnames, 1);
	GHashTableIter it;
	gpointer k;

	p->refs = 1;
	p->set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	p->cut = from != NULL && from->cut;
	if (from != NULL) {
		g_hash_table_iter_init(&it, from->set);
		while (g_hash_table_iter_next(&it, &k, NULL))
			g_hash_table_add(p->set, g_strdup(k));
	}
	return p;
}

static void
pstate_free(gpointer v)
{
	struct pstate *s = v;

	pfs_unref(s->fs);
	pnames_unref(s->names);
	g_free(s);
}

struct normpath *
normpath_new(bool names)
{
	struct normpath *np = g_new0(struct normpath, 1);
	const char *t = g_getenv("TMPDIR");
	unsigned k = 0;

	np->names = names;
	np->epoch = 1;
	np->procs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    pstate_free);
	np->scratch = g_string_sized_new(256);
	np->tmpdirs[k++] = g_strdup("/tmp");
	np->tmpdirs[k++] = g_strdup("/var/tmp");
	if (t != NULL && t[0] == '/') {
		char *c = g_canonicalize_filename(t, "/");
		if (strcmp(c, "/") != 0 && strcmp(c, "/tmp") != 0 &&
		    strcmp(c, "/var/tmp") != 0)
			np->tmpdirs[k++] = c;
		else
			g_free(c);
	}
	for (unsigned i = 0; i < k; i++)
		np->tmplens[i] = strlen(np->tmpdirs[i]);
	return np;
}

struct normpath *
normpath_new_absolute(void)
{
	struct normpath *np = normpath_new(false);

	np->absolute = true;
	return np;
}

void
normpath_free(struct normpath *np)
{
	if (np == NULL)
		return;
	g_hash_table_destroy(np->procs);
	g_string_free(np->scratch, TRUE);
	for (unsigned i = 0; i < G_N_ELEMENTS(np->tmpdirs); i++)
		g_free(np->tmpdirs[i]);
	g_free(np->start);
	g_free(np);
}

/* pid's state, or NULL when it has none. */
static struct pstate *
state_find(struct normpath *np, int pid)
{
	if (np->last == NULL || np->last_pid != pid) {
		np->last = g_hash_table_lookup(np->procs, GINT_TO_POINTER(pid));
		np->last_pid = pid;
	}
	return np->last;
}

static struct pstate *
state_of(struct normpath *np, int pid)
{
	struct pstate *s = state_find(np, pid);

	if (s == NULL) {
		s = g_new0(struct pstate, 1);
		/* The first process starts in the start directory; one seen
		 * before its parent's clone returned gets its parent's
		 * directory then (normpath_fork()).  Without a start
		 * directory, nobody knows it yet. */
		s->fs = np->absolute ? pfs_new(NULL, 0) : pfs_new(".", 1);
		s->fresh = g_hash_table_size(np->procs) > 0;
		g_hash_table_insert(np->procs, GINT_TO_POINTER(pid), s);
		np->epoch++;
		np->last = s;
		np->last_pid = pid;
	}
	return s;
}

/* Appends the components of p[0..len) to out, a canonical path. */
static void
canon_append(GString *out, const char *p, size_t len)
{
	bool abs = out->len > 0 && out->str[0] == '/';
	size_t i = 0;

	while (i < len) {
		while (i < len && p[i] == '/')
			i++;
		size_t j = i;
		while (j < len && p[j] != '/')
			j++;
		size_t cl = j - i;
		const char *c = p + i;
		i = j;
		if (cl == 0 || (cl == 1 && c[0] == '.'))
			continue;
		if (cl == 2 && c[0] == '.' && c[1] == '.') {
			/* Pop a component, unless there is none to pop:
			 * "/.." is "/", a relative path keeps its "..". */
			const char *last = out->len > 0 ?
			    memrchr(out->str, '/', out->len) : NULL;
			const char *comp = last != NULL ? last + 1 : out->str;
			size_t comp_len = out->str + out->len - comp;
			if (abs && out->len <= 1)
				continue;
			if (out->len > 0 && !(comp_len == 2 &&
			    memcmp(comp, "..", 2) == 0)) {
				size_t keep = last != NULL ? (size_t)(last -
				    out->str) : 0;
				g_string_truncate(out, abs && keep == 0 ? 1 :
				    keep);
				continue;
			}
		}
		if (out->len > 0 && out->str[out->len - 1] != '/')
			g_string_append_c(out, '/');
		str_append(out, c, cl);
	}
}

/* Rewrites out, canonical, relative to the start directory. */
static void
relativise(const struct normpath *np, GString *out)
{
	if (np->start == NULL || np->start_len <= 1 || out->len <
	    np->start_len || memcmp(out->str, np->start, np->start_len) != 0)
		return;
	if (out->len == np->start_len)
		g_string_assign(out, ".");
	else if (out->str[np->start_len] == '/')
		g_string_erase(out, 0, np->start_len + 1);
}

/* Whether p[0..len) is an absolute path canon_append() would leave as it
 * is: no empty, "." or ".." component, no '/' at the end but the root's. */
static bool
is_canonical_abs(const char *p, size_t len)
{
	if (len == 0 || p[0] != '/')
		return false;
	if (len > 1 && p[len - 1] == '/')
		return false;
	for (const char *s = p, *end = p + len; s != NULL && s + 1 < end;
	    s = memchr(s + 1, '/', (size_t)(end - s - 1))) {
		size_t rest = (size_t)(end - s - 1);
		if (s[1] == '/')
			return false;
		if (s[1] == '.' && (rest == 1 || s[2] == '/' || (s[2] == '.' &&
		    (rest == 2 || s[3] == '/'))))
			return false;
	}
	return true;
}

bool
normpath_resolve(struct normpath *np, int pid, const char *dir,
    size_t dlen, const char *p, size_t plen, GString *out)
{
	g_string_truncate(out, 0);
	if (is_canonical_abs(p, plen)) {
		/* What -y decorations and most absolute names are: the
		 * reader's hot path, so no component by component copy. */
		str_append(out, p, plen);
		relativise(np, out);
		return true;
	}
	if (plen > 0 && p[0] == '/') {
		g_string_append_c(out, '/');
	} else {
		if (dir == NULL) {
			const struct pfs *f = state_of(np, pid)->fs;
			dir = f->cwd;
			dlen = dir != NULL ? strlen(dir) : 0;
		}
		if (dir == NULL || plen == 0) {
			str_append(out, p, plen);
			return false;
		}
		if (dlen > 0 && dir[0] == '/')
			g_string_append_c(out, '/');
		canon_append(out, dir, dlen);
	}
	canon_append(out, p, plen);
	if (out->len == 0)
		g_string_assign(out, ".");
	relativise(np, out);
	return true;
}

void
normpath_cwd_is(struct normpath *np, int pid, const char *abs, size_t len)
{
	struct pstate *s = state_of(np, pid);
	const char *cwd = s->fs->cwd;
	size_t cl = cwd != NULL ? strlen(cwd) : 0;

	if (len == 0 || abs[0] != '/')
		return;
	/* The usual case, every AT_FDCWD of a -y log: nothing new. */
	if (cwd != NULL && cwd[0] == '/' && cl == len &&
	    memcmp(cwd, abs, len) == 0)
		return;
	if (cwd != NULL && cwd[0] != '/' && np->start != NULL) {
		if (cl == 1 && cwd[0] == '.' ? len == np->start_len &&
		    memcmp(abs, np->start, len) == 0 : len == np->start_len +
		    1 + cl && memcmp(abs, np->start, np->start_len) == 0 &&
		    abs[np->start_len] == '/' && memcmp(abs + np->start_len +
		    1, cwd, cl) == 0)
			return;
	}
	GString *a = np->scratch;
	np->epoch++;
	g_string_assign(a, "/");
	canon_append(a, abs, len);
	if (np->start == NULL && cwd != NULL && cwd[0] != '/' &&
	    !(cl >= 2 && cwd[0] == '.' && cwd[1] == '.')) {
		/* cwd is R under the start: the start is abs without R. */
		bool found = false;
		size_t sl = 0;
		if (cl == 1 && cwd[0] == '.') {
			found = true;
			sl = a->len;
		} else if (a->len > cl && memcmp(a->str + a->len - cl, cwd,
		    cl) == 0 && a->str[a->len - cl - 1] == '/') {
			found = true;
			sl = MAX(a->len - cl - 1, 1);	/* "/" */
		}
		if (found) {
			np->start = g_strndup(a->str, sl);
			np->start_len = sl;
		}
	}
	relativise(np, a);
	g_free(s->fs->cwd);
	s->fs->cwd = g_strndup(a->str, a->len);
}

void
normpath_chdir(struct normpath *np, int pid, const char *dir, size_t len)
{
	struct pstate *s = state_of(np, pid);

	np->epoch++;
	g_free(s->fs->cwd);
	s->fs->cwd = dir != NULL ? g_strndup(dir, len) : NULL;
	s->fs->own = true;
}

void
normpath_fork(struct normpath *np, int pid, int child, bool share_fs)
{
	struct pstate *p = state_of(np, pid);
	struct pstate *c = g_hash_table_lookup(np->procs,
	    GINT_TO_POINTER(child));
	struct pfs *fs = NULL;
	struct pnames *names = NULL;

	np->epoch++;
	if (c != NULL && c->fresh) {
		/* Seen already: keep what it did itself. */
		if (c->fs->own) {
			fs = c->fs;
			fs->refs++;
		}
		if (c->names != NULL && p->names != NULL) {
			names = pnames_new(p->names);
			GHashTableIter it;
			gpointer k;
			g_hash_table_iter_init(&it, c->names->set);
			while (g_hash_table_iter_next(&it, &k, NULL))
				g_hash_table_add(names->set, g_strdup(k));
		} else if (c->names != NULL) {
			names = c->names;
			names->refs++;
		}
	}
	if (fs == NULL) {
		if (share_fs) {
			fs = p->fs;
			fs->refs++;
		} else {
			fs = pfs_new(p->fs->cwd, p->fs->cwd != NULL ?
			    strlen(p->fs->cwd) : 0);
		}
	}
	if (names == NULL && p->names != NULL) {
		names = p->names;
		names->refs++;
	}
	c = g_new0(struct pstate, 1);
	c->fs = fs;
	c->names = names;
	np->last = NULL;	/* the child's old state may be freed */
	g_hash_table_replace(np->procs, GINT_TO_POINTER(child), c);
}

void
normpath_exit(struct normpath *np, int pid)
{
	np->last = NULL;
	np->epoch++;
	g_hash_table_remove(np->procs, GINT_TO_POINTER(pid));
}

/* The length of the temporary directory s starts with (and a '/' after
 * it), or 0. */
static size_t
under_tmp(const struct normpath *np, const char *s, size_t len)
{
	for (unsigned i = 0; i < G_N_ELEMENTS(np->tmpdirs); i++) {
		size_t tl = np->tmplens[i];
		if (np->tmpdirs[i] != NULL && len > tl + 1 &&
		    s[tl] == '/' && memcmp(s, np->tmpdirs[i], tl) == 0)
			return tl + 1;
	}
	return 0;
}

/* Adds the word w[0..len) to the names of s, if it is one. */
static void
add_name(struct normpath *np, int pid, struct pstate *s, const char *w,
    size_t len)
{
	GString *r = np->scratch;
	size_t keep;

	if (len == 0)
		return;
	if (w[0] == '-') {
		const char *eq = memchr(w, '=', len);
		if (eq == NULL)
			return;
		len -= eq + 1 - w;
		w = eq + 1;
		if (len == 0)
			return;
	}
	if (!normpath_resolve(np, pid, NULL, 0, w, len, r))
		return;
	if (r->str[0] == '/') {
		if ((keep = under_tmp(np, r->str, r->len)) == 0)
			return;
	} else {
		if (strcmp(r->str, ".") == 0 || strcmp(r->str, "..") == 0 ||
		    g_str_has_prefix(r->str, "../"))
			return;
		keep = 0;
	}
	if (s->names == NULL) {
		s->names = pnames_new(NULL);
	} else if (s->names->refs > 1) {
		struct pnames *c = pnames_new(s->names);
		pnames_unref(s->names);
		s->names = c;
	}
	/* A word with no slash as given, too: a shell opens it after a cd
	 * (cd dir; echo >> f) and mv moves it into a folder (dir/f). */
	if (r->str[0] != '/' && memchr(w, '/', len) == NULL &&
	    !(len == 1 && w[0] == '.') && !(len == 2 && w[0] == '.' &&
	    w[1] == '.') && g_hash_table_size(s->names->set) < NAMES_MAX)
		g_hash_table_add(s->names->set, g_strndup(w, len));
	/* The name and each leading part of it. */
	for (size_t i = r->len; i > keep; i--) {
		if (i != r->len && r->str[i] != '/')
			continue;
		if (g_hash_table_size(s->names->set) >= NAMES_MAX)
			return;
		g_hash_table_add(s->names->set, g_strndup(r->str, i));
	}
}

static bool
is_shell_break(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' ||
	    c == '&' || c == '<' || c == '>' || c == '(' || c == ')' ||
	    c == '\'' || c == '"' || c == '`';
}

/* Some of s's names are not known: strace cut an argument. */
static void
names_cut(struct pstate *s)
{
	if (s->names == NULL) {
		s->names = pnames_new(NULL);
	} else if (s->names->refs > 1) {
		struct pnames *c = pnames_new(s->names);
		pnames_unref(s->names);
		s->names = c;
	}
	s->names->cut = true;
}

void
normpath_execve(struct normpath *np, int pid, const struct value *argv)
{
	if (!np->names || argv == NULL || argv->kind != VALUE_ARRAY)
		return;
	struct pstate *s = state_of(np, pid);
	np->epoch++;
	for (const struct value *a = argv->child != NULL ? argv->child->next :
	    NULL; a != NULL; a = a->next) {
		if (a->kind != VALUE_STR || a->len == 0)
			continue;
		if (a->truncated)
			names_cut(s);
		const char *b = a->bytes;
		size_t len = a->len, words = 0;
		for (size_t i = 0; i < len;) {
			while (i < len && is_shell_break((unsigned char)b[i]))
				i++;
			size_t j = i;
			while (j < len && !is_shell_break((unsigned char)b[j]))
				j++;
			/* strace cut the string (-s): its last word may
			 * be part of one. */
			if (j == len && a->truncated)
				break;
			if (j > i) {
				char *w = g_strndup(b + i, j - i);
				add_name(np, pid, s, w, j - i);
				/* An assignment names its value too. */
				const char *eq = w[0] != '-' ? strchr(w, '=') :
				    NULL;
				if (eq != NULL)
					add_name(np, pid, s, eq + 1,
					    j - i - (eq + 1 - w));
				g_free(w);
				words++;
			}
			i = j;
		}
		/* A name with a blank in it, as one word. */
		if (words > 1 && a->bytes[0] != '-' && !a->truncated)
			add_name(np, pid, s, b, len);
	}
}

uint64_t
normpath_epoch(const struct normpath *np)
{
	return np->epoch;
}

bool
normpath_generalize(struct normpath *np, int pid, GString *s)
{
	const struct pstate *st = state_find(np, pid);
	size_t keep = 0;

	if (s->len == 1 && s->str[0] == '.') {
		/* The start directory: where the experiment chose to run. */
		g_string_assign(s, "*");
		return true;
	}
	if (st == NULL || st->names == NULL || s->len == 0)
		return false;
	if (s->str[0] == '/') {
		if ((keep = under_tmp(np, s->str, s->len)) == 0)
			return false;
	} else if (s->str[0] == '.' && (s->len == 1 || s->str[1] == '/' ||
	    (s->str[1] == '.' && (s->len == 2 || s->str[2] == '/')))) {
		return false;
	} else if (st->names->cut) {
		/* Strace cut the command line: the names under the start
		 * directory cannot all be known, and all are taken for the
		 * experiment's. */
		g_string_assign(s, "*");
		return true;
	}
	/* The longest leading name becomes "*"; a name right after it
	 * (cd dir; echo >> f: the shell opens dir/f, and f is a name) joins
	 * the same star, so the depth an experiment chose is no matter. */
	bool any = false, hit_any = false;
	size_t from = keep;
	/* A path joined to an fd's printed path may begin with its star. */
	if (s->len > keep + 1 && s->str[keep] == '*' && s->str[keep + 1] == '/') {
		any = true;
		from = keep + 2;
	}
	while (from < s->len) {
		size_t hit = 0;
		for (size_t i = s->len; i > from; i--) {
			if (i != s->len && s->str[i] != '/')
				continue;
			char c = s->str[i];
			s->str[i] = '\0';
			/* The first name is a whole resolved path, the
			 * next ones words. */
			bool in = g_hash_table_contains(st->names->set,
			    s->str + (any ? from : 0));
			s->str[i] = c;
			if (in) {
				hit = i;
				break;
			}
		}
		if (hit == 0)
			break;
		if (any) {
			/* "*" "/" NAME: the name goes with its slash. */
			g_string_erase(s, from - 1, hit - from + 1);
			from -= 1;
		} else {
			g_string_erase(s, from, hit - from);
			g_string_insert_c(s, from, '*');
			from += 1;
		}
		any = hit_any = true;
		if (from >= s->len || s->str[from] != '/')
			break;
		from++;
	}
	return hit_any;
}
