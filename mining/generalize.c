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
 *
 * Values are generalised per root: each value's anchor is "/" for an
 * absolute name, "" for a relative one, extended through its last ".."
 * component ("../", "../../", "/a/../").  Values of different anchors
 * never share a pattern, and no pattern is shorter than the anchor of the
 * values it covers, so a pattern never stands for a name that climbs out
 * of it (efsa_guard_accepts refuses a ".." after the prefix).  A pattern
 * equal to its anchor (every relative name, every absolute name) is made
 * only when the values really spread over that root: under at least
 * spread distinct first components (spread_rel for plain relative names); otherwise folding stops at
 * the first components, which may leave more than threshold items.
 */
#include <string.h>

#include "learn.h"
#include "automata/netrange.h"

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

/* Length of s's anchor: "/" or "", through its last ".." component. */
size_t
learn_anchor_len(const char *s)
{
	size_t n = s[0] == '/' ? 1 : 0, i = 0;

	while (s[i] != '\0') {
		size_t j = i;

		while (s[j] != '\0' && s[j] != '/')
			j++;
		if (j - i == 2 && s[i] == '.' && s[i + 1] == '.')
			n = s[j] == '/' ? j + 1 : j;
		i = s[j] == '/' ? j + 1 : j;
	}
	return n;
}

/* How many distinct first components the values of [lo, hi) have after
 * their anchor, which is n bytes long. */
static guint
spread_of(const GPtrArray *v, guint lo, guint hi, size_t n)
{
	guint i, d = 0;
	const char *last = NULL;
	size_t lastn = 0;

	for (i = lo; i < hi; i++) {
		const char *s = (const char *)v->pdata[i] + n;
		size_t c = strcspn(s, "/");

		if (last == NULL || c != lastn || strncmp(s, last, c) != 0)
			d++;
		last = s;
		lastn = c;
	}
	return d;
}

/* Generalises the values of one anchor, n bytes long; root_ok lets a
 * pattern be the anchor itself. */
static void
one_root(GArray *items, unsigned threshold, size_t n, bool root_ok)
{
	guint i, lo, hi;

	if (items->len > threshold && items->len > GROUP_FIRST) {
		/* values in one directory become that directory's pattern */
		for (i = 0; i < items->len; i++) {
			struct item *x = &g_array_index(items, struct item, i);
			size_t m = parent_len(x->s, false);

			if (m < n || (m == n && !root_ok))
				continue;
			run_of(items, i, m, &lo, &hi);
			if (hi - lo > 1)
				fold(items, lo, hi, m);
		}
	}
	if (items->len <= threshold)
		return;
	while (items->len > threshold) {
		size_t best = 0;
		guint at = 0;
		bool any = false;

		for (i = 0; i + 1 < items->len; i++) {
			size_t m = dir_common(
			    g_array_index(items, struct item, i).s,
			    g_array_index(items, struct item, i + 1).s);

			if (m < n || (m == n && !root_ok))
				continue;
			if (!any || m > best) {
				best = m;
				at = i;
				any = true;
			}
		}
		if (!any)
			break;
		run_of(items, at, best, &lo, &hi);
		fold(items, lo, hi, best);
	}
	/* siblings become their parent */
	for (i = 0; i < items->len; i++) {
		struct item *x = &g_array_index(items, struct item, i);
		size_t m;
		guint k, sib = 0;

		if (!x->prefix || strlen(x->s) <= n)
			continue;
		m = parent_len(x->s, true);
		if (m < n || (m == n && !root_ok))
			continue;
		run_of(items, i, m, &lo, &hi);
		for (k = lo; k < hi; k++)
			sib += g_array_index(items, struct item, k).prefix;
		if (sib >= 2) {
			fold(items, lo, hi, m);
			i = lo;
		}
	}
}

static gint
cmp_anchor(gconstpointer a, gconstpointer b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = learn_anchor_len(x), ny = learn_anchor_len(y);
	int c;

	if (nx != ny)
		return nx < ny ? -1 : 1;
	c = strncmp(x, y, nx);
	return c != 0 ? c : strcmp(x, y);
}

static gint
cmp_item(gconstpointer a, gconstpointer b)
{
	return strcmp(((const struct item *)a)->s, ((const struct item *)b)->s);
}

void
learn_generalize(const GPtrArray *vals, unsigned threshold, unsigned spread,
    unsigned spread_rel, GPtrArray *exact, GPtrArray *prefixes,
    GArray *covers)
{
	GPtrArray *v = g_ptr_array_new();
	GArray *items = g_array_new(FALSE, FALSE, sizeof(struct item));
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct item));
	guint i, j, lo;

	if (threshold == 0)
		threshold = 1;
	for (i = 0; i < vals->len; i++)
		g_ptr_array_add(v, vals->pdata[i]);
	g_ptr_array_sort(v, cmp_anchor);
	for (lo = 0; lo < v->len; lo = j) {
		const char *a = v->pdata[lo];
		size_t n = learn_anchor_len(a);

		for (j = lo + 1; j < v->len &&
		    learn_anchor_len(v->pdata[j]) == n &&
		    strncmp(v->pdata[j], a, n) == 0; j++)
			;
		g_array_set_size(items, 0);
		for (i = lo; i < j; i++) {
			struct item it = { g_strdup(v->pdata[i]), false, 1 };

			g_array_append_val(items, it);
		}
		one_root(items, threshold, n, spread_of(v, lo, j, n) >=
		    (n == 0 ? spread_rel : spread));
		g_array_append_vals(out, items->data, items->len);
	}
	g_array_sort(out, cmp_item);
	for (i = 0; i < out->len; i++) {
		struct item *x = &g_array_index(out, struct item, i);

		if (x->prefix) {
			g_ptr_array_add(prefixes, x->s);
			g_array_append_val(covers, x->covers);
		} else {
			g_ptr_array_add(exact, x->s);
		}
	}
	g_array_free(out, TRUE);
	g_array_free(items, TRUE);
	g_ptr_array_free(v, TRUE);
}

/*
 * Addresses (issue 11): the IPs a socket address argument held, as
 * ranges.  Addresses that some run lacked (inputs, when varying is
 * given) are folded, per IP version, into the smallest range that holds
 * them; then, while more than threshold ranges are left, the two
 * neighbours (in address order) with the longest common prefix are
 * folded, which is the same deepest-first grouping as for names, with
 * bits for directory components.  No range is wider than what its
 * addresses share, so 127.0.0.1 and 127.0.0.2 become 127.0.0.0/30, not
 * 127.0.0.0/8; a range spanning IPv4 and IPv6 is never made.
 */
static gint
cmp_net(gconstpointer a, gconstpointer b)
{
	const struct sockaddr_net *x = a, *y = b;
	int c;

	if (x->v6 != y->v6)
		return x->v6 ? 1 : -1;
	c = memcmp(x->ip, y->ip, 16);
	return c != 0 ? c : (x->bits > y->bits) - (x->bits < y->bits);
}

/* The common prefix of two neighbours, or -1 across versions. */
static int
net_common(const struct sockaddr_net *a, const struct sockaddr_net *b)
{
	struct sockaddr_net j = *a;

	if (!sockaddr_net_join(&j, b))
		return -1;
	return (int)j.bits;
}

void
learn_generalize_nets(const GPtrArray *ips, const GPtrArray *varying,
    unsigned threshold, GPtrArray *nets)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct sockaddr_net));
	struct sockaddr_net fold_v[2];
	bool have[2] = { false, false };
	unsigned nvary[2] = { 0, 0 };
	guint i;

	if (threshold == 0)
		threshold = 1;
	for (i = 0; varying != NULL && i < varying->len; i++) {
		struct sockaddr_net n;
		const char *s = varying->pdata[i];

		if (!sockaddr_net_parse(s, strlen(s), &n))
			continue;
		if (!have[n.v6])
			fold_v[n.v6] = n;
		else
			sockaddr_net_join(&fold_v[n.v6], &n);
		have[n.v6] = true;
		nvary[n.v6]++;
	}
	for (i = 0; i < ips->len; i++) {
		struct sockaddr_net n;
		const char *s = ips->pdata[i];

		if (!sockaddr_net_parse(s, strlen(s), &n))
			continue;
		if (have[n.v6] && nvary[n.v6] >= 2 &&
		    sockaddr_net_within(&n, &fold_v[n.v6]))
			continue;
		g_array_append_val(v, n);
	}
	for (i = 0; i < 2; i++)
		if (have[i] && nvary[i] >= 2)
			g_array_append_val(v, fold_v[i]);
	g_array_sort(v, cmp_net);
	while (v->len > threshold) {
		int best = -1, c;
		guint at = 0;

		for (i = 0; i + 1 < v->len; i++) {
			c = net_common(&g_array_index(v, struct sockaddr_net, i),
			    &g_array_index(v, struct sockaddr_net, i + 1));
			if (c > best) {
				best = c;
				at = i;
			}
		}
		if (best < 0)
			break;	/* one IPv4 and one IPv6 range left */
		sockaddr_net_join(&g_array_index(v, struct sockaddr_net, at),
		    &g_array_index(v, struct sockaddr_net, at + 1));
		g_array_remove_index(v, at + 1);
		/* a wider range may now hold its other neighbours */
		while (at + 1 < v->len && sockaddr_net_within(
		    &g_array_index(v, struct sockaddr_net, at + 1),
		    &g_array_index(v, struct sockaddr_net, at)))
			g_array_remove_index(v, at + 1);
		while (at > 0 && sockaddr_net_within(
		    &g_array_index(v, struct sockaddr_net, at - 1),
		    &g_array_index(v, struct sockaddr_net, at))) {
			g_array_remove_index(v, at - 1);
			at--;
		}
	}
	for (i = 0; i < v->len; i++) {
		char buf[NETRANGE_NET_TEXT];

		sockaddr_net_text(&g_array_index(v, struct sockaddr_net, i),
		    buf);
		g_ptr_array_add(nets, g_strdup(buf));
	}
	g_array_free(v, TRUE);
}
