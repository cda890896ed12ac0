/*
 * generalize.c: turning the many strings an argument took into a few
 * directory prefix patterns, as model-carrying code generalises file names
 * past a threshold of distinct values (Sekar et al., SOSP 2003).
 *
 * Method: agglomerative grouping on the sorted values.  The longest common
 * directory prefix of any two values is that of two neighbours in sorted
 * order, so each round looks at neighbours only, takes the deepest such
 * prefix and folds every value and pattern under it into one pattern;
 * rounds go on until at most threshold items are left.  Then sibling
 * patterns (two or more directly under one directory) are folded into
 * their parent: a name that varies between runs (a temporary directory, a
 * numbered output) varies in exactly that component.  Each round is linear;
 * with more than GROUP_FIRST values they are first grouped by their own
 * directory, so the rounds start from at most as many items as there are
 * directories.
 */
#include <string.h>

#include "learn.h"

#define GROUP_FIRST 4096

struct item {
	char *s;
	bool prefix;
	guint covers;
};

/* Length of the common prefix of a and b, cut after its last '/'. */
static size_t
dir_common(const char *a, const char *b)
{
	size_t i = 0, cut = 0;

	while (a[i] != '\0' && a[i] == b[i]) {
		if (a[i] == '/')
			cut = i + 1;
		i++;
	}
	return cut;
}

/* Folds the items from [lo, hi) into one pattern of the first n bytes. */
static void
fold(GArray *items, guint lo, guint hi, size_t n)
{
	struct item it = { g_strndup(g_array_index(items, struct item, lo).s,
	    n), true, 0 };
	guint i;

	for (i = lo; i < hi; i++) {
		struct item *x = &g_array_index(items, struct item, i);

		it.covers += x->covers;
		g_free(x->s);
	}
	g_array_remove_range(items, lo, hi - lo);
	g_array_insert_val(items, lo, it);
}

/* The run of items around i that begin with the first n bytes of i's. */
static void
run_of(GArray *items, guint i, size_t n, guint *lo, guint *hi)
{
	const char *p = g_array_index(items, struct item, i).s;

	*lo = i;
	while (*lo > 0 && strncmp(g_array_index(items, struct item,
	    *lo - 1).s, p, n) == 0)
		(*lo)--;
	*hi = i + 1;
	while (*hi < items->len && strncmp(g_array_index(items, struct item,
	    *hi).s, p, n) == 0)
		(*hi)++;
}

static size_t
parent_len(const char *s, bool prefix)
{
	size_t n = strlen(s);

	/* a pattern "a/b/" has parent "a/"; a value "a/b" too */
	if (prefix && n > 0)
		n--;
	while (n > 0 && s[n - 1] != '/')
		n--;
	return n;
}

void
learn_generalize(const GPtrArray *vals, unsigned threshold, GPtrArray *exact,
    GPtrArray *prefixes, GArray *covers)
{
	GArray *items = g_array_new(FALSE, FALSE, sizeof(struct item));
	guint i, lo, hi;

	if (threshold == 0)
		threshold = 1;
	for (i = 0; i < vals->len; i++) {
		struct item it = { g_strdup(vals->pdata[i]), false, 1 };

		g_array_append_val(items, it);
	}
	if (items->len > threshold && items->len > GROUP_FIRST) {
		/* values in one directory become that directory's pattern */
		for (i = 0; i < items->len; i++) {
			struct item *x = &g_array_index(items, struct item, i);
			size_t n = parent_len(x->s, false);

			run_of(items, i, n, &lo, &hi);
			if (hi - lo > 1)
				fold(items, lo, hi, n);
		}
	}
	if (items->len > threshold) {
		while (items->len > threshold) {
			size_t best = 0;
			guint at = 0;

			for (i = 0; i + 1 < items->len; i++) {
				size_t n = dir_common(
				    g_array_index(items, struct item, i).s,
				    g_array_index(items, struct item, i + 1).s);

				if (i == 0 || n > best) {
					best = n;
					at = i;
				}
			}
			run_of(items, at, best, &lo, &hi);
			fold(items, lo, hi, best);
		}
		/* siblings become their parent */
		for (i = 0; i < items->len; i++) {
			struct item *x = &g_array_index(items, struct item, i);
			size_t n;
			guint k, sib = 0;

			if (!x->prefix || x->s[0] == '\0')
				continue;
			n = parent_len(x->s, true);
			run_of(items, i, n, &lo, &hi);
			for (k = lo; k < hi; k++)
				sib += g_array_index(items, struct item,
				    k).prefix;
			if (sib >= 2) {
				fold(items, lo, hi, n);
				i = lo;
			}
		}
	}
	for (i = 0; i < items->len; i++) {
		struct item *x = &g_array_index(items, struct item, i);

		if (x->prefix) {
			g_ptr_array_add(prefixes, x->s);
			g_array_append_val(covers, x->covers);
		} else {
			g_ptr_array_add(exact, x->s);
		}
	}
	g_array_free(items, TRUE);
}
