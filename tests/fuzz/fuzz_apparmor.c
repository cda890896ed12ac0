/*
 * fuzz_apparmor.c: libFuzzer target for the AppArmor reader
 * (verify/apparmor.c) with includes the fuzzer controls.  The input is a
 * small file system kept in memory, through the reader's struct
 * apparmor_io: the text up to the first line "== NAME" is the profile,
 * /fz/profile, and each "== NAME" line begins the file /fz/NAME, up to
 * the next such line; the folders of those names are directories.  Two
 * entries are always there and are not regular files: /fz/dev, which
 * reads as a character device, and /fz/fifo, as a FIFO (a name given to
 * them in the input is ignored).  <x> is looked for in /fz, "x" next to
 * the file that includes it, so the input can make include loops, deep
 * chains, includes of directories and of the two special files.
 *
 * A failure must be a POLICY_ERROR naming a file of /fz, and the policy
 * a profile becomes must always parse, against the built-in platform.
 * tests/e2e/hostile-policy.sh replays the inputs of
 * tests/fuzz/regressions/apparmor-* from files on disk, split the same
 * way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"
#include "verify/policy.h"

#define ROOT "/fz"

struct memfs {
	GHashTable *files;	/* canonical path -> GBytes */
	GHashTable *dirs;	/* canonical path -> itself */
};

static bool
is_special(const char *path, const char **what)
{
	if (strcmp(path, ROOT "/dev") == 0) {
		*what = "is a character device";
		return true;
	}
	if (strcmp(path, ROOT "/fifo") == 0) {
		*what = "is a FIFO";
		return true;
	}
	return false;
}

static enum apparmor_kind
mem_kind(void *data, const char *path)
{
	struct memfs *fs = data;
	char *c = g_canonicalize_filename(path, "/");
	const char *what;
	enum apparmor_kind k = APPARMOR_MISSING;

	if (g_hash_table_contains(fs->dirs, c))
		k = APPARMOR_DIR;
	else if (is_special(c, &what) || g_hash_table_contains(fs->files, c))
		k = APPARMOR_FILE;
	g_free(c);
	return k;
}

static bool
mem_read(void *data, const char *path, size_t max, char **buf, size_t *len,
    GError **err)
{
	struct memfs *fs = data;
	char *c = g_canonicalize_filename(path, "/");
	const char *what;
	GBytes *b;
	gsize n;
	const char *d;

	*buf = NULL;
	*len = 0;
	if (is_special(c, &what) || g_hash_table_contains(fs->dirs, c)) {
		if (g_hash_table_contains(fs->dirs, c))
			what = "is a directory";
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: %s; only "
		    "regular files are read", path, what);
		g_free(c);
		return false;
	}
	if ((b = g_hash_table_lookup(fs->files, c)) == NULL) {
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: No such "
		    "file or directory", path);
		g_free(c);
		return false;
	}
	g_free(c);
	d = g_bytes_get_data(b, &n);
	if (n > max) {
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: larger than "
		    "%zu bytes; not read", path, max);
		return false;
	}
	*buf = g_malloc(n + 1);
	if (n > 0)
		memcpy(*buf, d, n);
	(*buf)[n] = '\0';
	*len = n;
	return true;
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files and directories just below dir. */
static char **
mem_list(void *data, const char *path, size_t max, GError **err)
{
	struct memfs *fs = data;
	char *c = g_canonicalize_filename(path, "/");
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GHashTable *tables[2] = { fs->files, fs->dirs };
	const char *special[] = { ROOT "/dev", ROOT "/fifo" };
	size_t cl = strlen(c);
	guint t, i;

	for (t = 0; t < 2; t++) {
		GHashTableIter it;
		gpointer k;

		g_hash_table_iter_init(&it, tables[t]);
		while (g_hash_table_iter_next(&it, &k, NULL)) {
			const char *p = k;

			if (strncmp(p, c, cl) == 0 && p[cl] == '/' &&
			    strchr(p + cl + 1, '/') == NULL &&
			    !g_hash_table_contains(seen, p + cl + 1)) {
				g_hash_table_add(seen, (gpointer)(p + cl + 1));
				g_ptr_array_add(names, g_strdup(p + cl + 1));
			}
		}
	}
	for (i = 0; i < G_N_ELEMENTS(special); i++)
		if (strncmp(special[i], c, cl) == 0 && special[i][cl] == '/' &&
		    !g_hash_table_contains(seen, special[i] + cl + 1))
			g_ptr_array_add(names, g_strdup(special[i] + cl + 1));
	g_hash_table_destroy(seen);
	g_free(c);
	if (names->len > max) {
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: more than "
		    "%zu files; not read", path, max);
		g_ptr_array_free(names, TRUE);
		return NULL;
	}
	g_ptr_array_sort(names, cmp_str);
	g_ptr_array_add(names, NULL);
	g_ptr_array_set_free_func(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

static const struct apparmor_io mem_io = {
	.kind = mem_kind,
	.read = mem_read,
	.list = mem_list,
};

/* Adds a file, and its folders as directories. */
static void
mem_add(struct memfs *fs, const char *name, size_t nlen, const char *text,
    size_t len)
{
	char *raw = g_strdup_printf(ROOT "/%.*s", (int)nlen, name);
	char *c = g_canonicalize_filename(raw, "/");
	char *d;

	g_free(raw);
	if (strcmp(c, ROOT) == 0 || !g_str_has_prefix(c, ROOT "/") ||
	    g_hash_table_contains(fs->dirs, c)) {
		g_free(c);
		return;
	}
	for (d = g_path_get_dirname(c); strcmp(d, "/") != 0 &&
	    strcmp(d, ".") != 0;) {
		char *up = g_path_get_dirname(d);

		g_hash_table_replace(fs->dirs, d, d);
		d = up;
	}
	g_free(d);
	/* a file where a directory is wanted is the directory */
	if (g_hash_table_contains(fs->dirs, c)) {
		g_free(c);
		return;
	}
	g_hash_table_replace(fs->files, c, g_bytes_new(text, len));
}

/* The input split at lines "== NAME". */
static void
mem_split(struct memfs *fs, const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	const char *name = "profile";
	size_t nlen = strlen(name);
	const char *body = p;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *e = eol != NULL ? eol : end;

		if (e - p >= 3 && strncmp(p, "== ", 3) == 0) {
			mem_add(fs, name, nlen, body, (size_t)(p - body));
			name = p + 3;
			nlen = (size_t)(e - name);
			body = eol != NULL ? eol + 1 : end;
		}
		p = eol != NULL ? eol + 1 : end;
	}
	mem_add(fs, name, nlen, body, (size_t)(end - body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct platform *pf;
	static const char *const dirs[] = { ROOT, NULL };
	struct memfs fs;
	struct apparmor_opts o = { .dirs = dirs, .io = &mem_io };
	GError *err = NULL;
	char *text;

	if (pf == NULL && (pf = platform_new(NULL, NULL)) == NULL)
		abort();
	fs.files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)g_bytes_unref);
	fs.dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	o.io_data = &fs;
	mem_split(&fs, (const char *)data, size);
	text = apparmor_to_policy_with(ROOT "/profile", &o, &err);
	if (text == NULL) {
		if (err == NULL || err->domain != POLICY_ERROR ||
		    strncmp(err->message, ROOT "/", strlen(ROOT) + 1) != 0) {
			fprintf(stderr, "%s\n", err != NULL ? err->message :
			    "no error");
			abort();
		}
		g_error_free(err);
	} else {
		struct policy *p = policy_parse("aa", text, strlen(text), pf,
		    &err);

		if (p == NULL) {
			fprintf(stderr, "%s\n%s\n", text, err->message);
			abort();
		}
		policy_free(p);
		g_free(text);
	}
	g_hash_table_destroy(fs.files);
	g_hash_table_destroy(fs.dirs);
	return 0;
}
