/*
 * constants.c: the names a policy may use as constants, and the nearest
 * known names to one it may not.  The names are data: verify/constants.def,
 * written by verify/constants.sh from the object-like macros of the Linux
 * and C library headers (cc -E -dM) whose prefixes are the kinds of value
 * strace prints by name, plus the few names strace prints that no user
 * header defines.  A typo (AF_INTE, O_WRONG) would otherwise be a constant
 * that no call ever equals, and its rule would never fire.
 *
 * Suggestions rank names by the optimal string alignment distance
 * (Levenshtein's edit distance with transpositions of adjacent letters
 * counted as one edit; Damerau, CACM 7(3), 1964), case folded, and keep
 * the nearest ones within a third of the word's length.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const known[] = {
#include "constants.def"
};

static const char *const syscall_names[] = {
#define SC(name, classes, roles, flags) #name,
#include "trace/syscalls.def"
#undef SC
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool
constant_is_known(const char *name)
{
	return bsearch(&name, known, G_N_ELEMENTS(known), sizeof(known[0]),
	    cmp_name) != NULL;
}

/*
 * The distance between a and b, or a number above max when it is more
 * than max (rows of the table are cut short then).
 */
static size_t
osa_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t *r0, *r1, *r2, *t;

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	r0 = g_new(size_t, lb + 1);
	r1 = g_new(size_t, lb + 1);
	r2 = g_new(size_t, lb + 1);
	for (j = 0; j <= lb; j++)
		r1[j] = j;
	for (i = 1; i <= la; i++) {
		size_t best = i;

		r2[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = g_ascii_tolower(a[i - 1]) !=
			    g_ascii_tolower(b[j - 1]);

			d = MIN(r1[j] + 1, r2[j - 1] + 1);
			d = MIN(d, r1[j - 1] + cost);
			if (i > 1 && j > 1 && g_ascii_tolower(a[i - 1]) ==
			    g_ascii_tolower(b[j - 2]) &&
			    g_ascii_tolower(a[i - 2]) ==
			    g_ascii_tolower(b[j - 1]))
				d = MIN(d, r0[j - 2] + 1);
			r2[j] = d;
			best = MIN(best, d);
		}
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
		if (best > max) {
			r1[lb] = max + 1;
			break;
		}
	}
	d = r1[lb];
	g_free(r0);
	g_free(r1);
	g_free(r2);
	return d;
}

/* The nearest of names[0..n-1] to word into near (at most 3, sorted). */
static void
nearest(const char *word, const char *const *names, size_t n,
    size_t *bestd, GPtrArray *near)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t d = osa_distance(word, names[i], *bestd);

		if (d > *bestd || strcmp(word, names[i]) == 0)
			continue;
		if (d < *bestd) {
			*bestd = d;
			g_ptr_array_set_size(near, 0);
		}
		g_ptr_array_add(near, (gpointer)names[i]);
	}
}

static int
cmp_ptr_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* " (did you mean A, B or C?)", or "" when nothing is near. */
static char *
suggestion(const char *word, GPtrArray *near)
{
	GString *s;
	guint i, n;

	if (near->len == 0)
		return g_strdup("");
	g_ptr_array_sort(near, cmp_ptr_name);
	/* the same name may come from two lists */
	for (i = 1; i < near->len;)
		if (strcmp(near->pdata[i], near->pdata[i - 1]) == 0)
			g_ptr_array_remove_index(near, i);
		else
			i++;
	n = MIN(near->len, 3);
	s = g_string_new(" (did you mean ");
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s", i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", (const char *)near->pdata[i]);
	g_string_append(s, "?)");
	return g_string_free(s, FALSE);
}

static size_t
budget(const char *word)
{
	return MAX(strlen(word) / 3, 1);
}

char *
constant_suggest(const char *word)
{
	GPtrArray *near = g_ptr_array_new();
	size_t bestd = budget(word);
	char *s;

	nearest(word, known, G_N_ELEMENTS(known), &bestd, near);
	s = suggestion(word, near);
	g_ptr_array_free(near, TRUE);
	return s;
}

char *
event_suggest(const char *word, const struct platform *pf)
{
	GPtrArray *near = g_ptr_array_new();
	size_t bestd = budget(word);
	char *s;

	if (pf != NULL) {
		guint n;
		gpointer *keys = g_hash_table_get_keys_as_array(pf->by_name,
		    &n);

		nearest(word, (const char *const *)keys, n, &bestd, near);
		g_free(keys);
	}
	nearest(word, syscall_names, G_N_ELEMENTS(syscall_names), &bestd,
	    near);
	s = suggestion(word, near);
	g_ptr_array_free(near, TRUE);
	return s;
}

bool
constant_check(struct lexer *lx, unsigned line, unsigned col,
    const char *name)
{
	char *s;

	if (constant_is_known(name))
		return true;
	s = constant_suggest(name);
	lex_error(lx, line, col, POLICY_ERROR_UNKNOWN, "unknown constant "
	    "'%s'%s", name, s);
	g_free(s);
	return false;
}
