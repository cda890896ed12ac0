/*
 * solve.c: set equations for labels (solve.h), after Ganapathy, Jaeger and
 * Jha (S&P 2006): the equation "Create = open_xterm & open_browser -
 * move_xterm" of their X server experiments.
 *
 * Finding the equation of the fewest traces for a label L is a set-cover
 * problem.  Call P the traces that have L.  An equation keeps L exactly
 * when it intersects traces of P only and subtracts traces outside P
 * only, so a trace's role is fixed by P.  It removes another label x when
 * one intersected trace lacks x, or one subtracted trace has x: the trace
 * t "covers" x when it has exactly one of x and L.  So an equation is a
 * set of traces that covers every label but L, with at least one trace of
 * P (the intersection may not be empty); that last condition is one more
 * element to cover, which every trace of P covers, and it takes L's own
 * bit, unused otherwise.  Labels no trace covers are the inseparable ones
 * and are left out of what must be covered, so the closest equation is
 * found the same way.
 *
 * Coverage is a bitset of labels per trace (one 64-bit word per 64
 * labels).  The search:
 *   1. drops traces that cover nothing, and traces whose coverage is
 *      within another's (any cover that uses one can use the other:
 *      dominance), keeping the first of equal ones;
 *   2. takes the greedy cover (most new labels first) as the first answer;
 *   3. branches and bounds: pick the uncovered element with the fewest
 *      candidates, one of which must be in the cover, and try each, the
 *      ones tried before excluded from later branches (so no set is
 *      visited twice); prune when the depth plus a lower bound reaches
 *      the best, the bound being the uncovered elements over the most
 *      any candidate covers.
 * solve_label_smallest() then searches again for covers of the same size,
 * with the traces dominance set aside for having the same coverage as a
 * candidate put back, and keeps the one whose fingerprint over the
 * traces' access sets is smallest: the fewest traces first, the least
 * noise next.
 *
 * The search ends proven (minimal) or after max_nodes nodes with the best
 * found, which is never worse than greedy's (within a factor ln(labels)
 * of the optimum).  Random matrices of 200 traces by 40 labels, each label
 * in half the traces, take some 3000 nodes and 10 ms for all 40 labels,
 * proven (tests/unit/test_solve.c, tests/e2e/solve.sh).  Hard instances,
 * where every trace removes few labels (a set cover by triples), are cut
 * at the bound with greedy's answer or better, said not proven.
 */
#include <string.h>

#include <glib.h>

#include "internal.h"
#include "solve.h"

struct solve_matrix {
	unsigned nt, nl;
	unsigned w;		/* 64-bit words per label set */
	uint64_t *bits;		/* nt x w */
};

struct solve_matrix *
solve_matrix_new(unsigned ntraces, unsigned nlabels)
{
	struct solve_matrix *m = g_new0(struct solve_matrix, 1);

	m->nt = ntraces;
	m->nl = nlabels;
	m->w = (nlabels + 63) / 64;
	m->bits = g_new0(uint64_t, (gsize)MAX(ntraces, 1) * MAX(m->w, 1));
	return m;
}

void
solve_matrix_free(struct solve_matrix *m)
{
	if (m == NULL)
		return;
	g_free(m->bits);
	g_free(m);
}

void
solve_matrix_set(struct solve_matrix *m, unsigned t, unsigned l)
{
	g_return_if_fail(t < m->nt && l < m->nl);
	m->bits[(gsize)t * m->w + l / 64] |= UINT64_C(1) << (l % 64);
}

void
solve_matrix_clear(struct solve_matrix *m, unsigned t, unsigned l)
{
	g_return_if_fail(t < m->nt && l < m->nl);
	m->bits[(gsize)t * m->w + l / 64] &= ~(UINT64_C(1) << (l % 64));
}

bool
solve_matrix_has(const struct solve_matrix *m, unsigned t, unsigned l)
{
	g_return_val_if_fail(t < m->nt && l < m->nl, false);
	return (m->bits[(gsize)t * m->w + l / 64] >> (l % 64)) & 1;
}

unsigned
solve_matrix_traces(const struct solve_matrix *m)
{
	return m->nt;
}

unsigned
solve_matrix_labels(const struct solve_matrix *m)
{
	return m->nl;
}

static bool
is_empty(const uint64_t *a, unsigned w)
{
	for (unsigned k = 0; k < w; k++)
		if (a[k] != 0)
			return false;
	return true;
}

static bool
bit(const uint64_t *a, unsigned i)
{
	return (a[i / 64] >> (i % 64)) & 1;
}

static void
set_bit(uint64_t *a, unsigned i)
{
	a[i / 64] |= UINT64_C(1) << (i % 64);
}

/* popcount(a & b). */
static unsigned
gain(const uint64_t *a, const uint64_t *b, unsigned w)
{
	unsigned n = 0;

	for (unsigned k = 0; k < w; k++)
		n += (unsigned)__builtin_popcountll(a[k] & b[k]);
	return n;
}

/* a within b. */
static bool
within(const uint64_t *a, const uint64_t *b, unsigned w)
{
	for (unsigned k = 0; k < w; k++)
		if ((a[k] & ~b[k]) != 0)
			return false;
	return true;
}

struct search {
	unsigned w;		/* words per label set */
	unsigned n;		/* candidates */
	unsigned cw;		/* words per candidate set */
	const uint64_t *cov;	/* n x w */
	GArray **by_elem;	/* per label: the candidates covering it */
	uint64_t *elem_bits;	/* per label: the same as a bitset, nl x cw */
	unsigned *order;	/* scratch, nl: uncovered labels */
	unsigned *live;		/* scratch, nl: their candidates left */
	unsigned nl;
	unsigned *chosen;	/* depth entries */
	unsigned *best;
	unsigned best_n;
	uint64_t *unc;		/* (max depth + 1) x w */
	uint64_t *exc;		/* (max depth + 1) x cw */
	uint64_t nodes, max_nodes;
	bool cut;
	/* Collecting: every cover of exactly target candidates, into found
	 * (GArray of unsigned candidates each), up to max of them. */
	bool collect;
	unsigned target, max;
	GPtrArray *found;
	bool full;
};

static void
dfs(struct search *s, unsigned depth)
{
	const unsigned w = s->w;
	const uint64_t *unc = s->unc + (gsize)depth * w;
	const uint64_t *exc = s->exc + (gsize)depth * s->cw;

	/* The most candidates a cover worth finding may have. */
	const unsigned bound = s->collect ? s->target : s->best_n - 1;

	if (is_empty(unc, w)) {
		if (s->collect && depth == s->target) {
			GArray *c = g_array_sized_new(FALSE, FALSE,
			    sizeof(unsigned), depth);
			g_array_append_vals(c, s->chosen, depth);
			g_ptr_array_add(s->found, c);
			s->full = s->found->len >= s->max;
		} else if (!s->collect && depth < s->best_n) {
			memcpy(s->best, s->chosen, depth * sizeof(unsigned));
			s->best_n = depth;
		}
		return;
	}
	if (depth + 1 > bound)
		return;
	if (s->nodes >= s->max_nodes) {
		s->cut = true;
		return;
	}
	s->nodes++;
	/* The uncovered elements, by fewest candidates left. */
	unsigned nu = 0;
	for (unsigned x = 0; x < s->nl; x++) {
		if (!bit(unc, x))
			continue;
		const uint64_t *eb = s->elem_bits + (gsize)x * s->cw;
		unsigned live = 0;
		for (unsigned q = 0; q < s->cw; q++)
			live += (unsigned)__builtin_popcountll(eb[q] & ~exc[q]);
		if (live == 0)
			return;
		unsigned i = nu++;
		while (i > 0 && s->live[i - 1] > live) {
			s->order[i] = s->order[i - 1];
			s->live[i] = s->live[i - 1];
			i--;
		}
		s->order[i] = x;
		s->live[i] = live;
	}
	unsigned pick = s->order[0];
	/* A lower bound: the uncovered elements over the most any candidate
	 * covers. */
	unsigned most = 0;
	for (unsigned t = 0; t < s->n; t++)
		if (!bit(exc, t))
			most = MAX(most, gain(s->cov + (gsize)t * w, unc, w));
	unsigned lb = (nu + most - 1) / most;
	if (depth + lb > bound)
		return;
	uint64_t *nunc = s->unc + (gsize)(depth + 1) * w;
	uint64_t *nexc = s->exc + (gsize)(depth + 1) * s->cw;
	memcpy(nexc, exc, s->cw * sizeof(uint64_t));
	GArray *c = s->by_elem[pick];
	for (unsigned k = 0; k < c->len && !s->cut && !s->full; k++) {
		unsigned t = g_array_index(c, unsigned, k);
		if (bit(exc, t))
			continue;
		const uint64_t *ct = s->cov + (gsize)t * w;
		for (unsigned q = 0; q < w; q++)
			nunc[q] = unc[q] & ~ct[q];
		s->chosen[depth] = t;
		dfs(s, depth + 1);
		/* Covers with t are all seen: later branches go without. */
		set_bit(nexc, t);
		if (!s->collect && depth + 1 >= s->best_n)
			break;
	}
}

static GArray *
uint_array(void)
{
	return g_array_new(FALSE, FALSE, sizeof(guint));
}

static gint
by_uint(gconstpointer a, gconstpointer b)
{
	guint x = *(const guint *)a, y = *(const guint *)b;

	return x < y ? -1 : x > y;
}

GArray *
solve_algebra(const struct solve_matrix *m, const guint *inter, unsigned ni,
    const guint *sub, unsigned ns)
{
	GArray *out = uint_array();
	uint64_t *acc = g_new(uint64_t, MAX(m->w, 1));

	g_return_val_if_fail(ni >= 1, out);
	memcpy(acc, m->bits + (gsize)inter[0] * m->w, m->w * sizeof(uint64_t));
	for (unsigned i = 1; i < ni; i++)
		for (unsigned k = 0; k < m->w; k++)
			acc[k] &= m->bits[(gsize)inter[i] * m->w + k];
	for (unsigned i = 0; i < ns; i++)
		for (unsigned k = 0; k < m->w; k++)
			acc[k] &= ~m->bits[(gsize)sub[i] * m->w + k];
	for (guint l = 0; l < m->nl; l++)
		if (bit(acc, l))
			g_array_append_val(out, l);
	g_free(acc);
	return out;
}

/* Appends to out every way of choosing one trace of twins[c] for each
 * candidate c of cover, as a sorted GArray of guint traces, up to max. */
static void
expand(GPtrArray *out, GArray *const *twins, const GArray *cover,
    unsigned k, guint *pick, unsigned max)
{
	if (out->len >= max)
		return;
	if (k == cover->len) {
		GArray *v = g_array_sized_new(FALSE, FALSE, sizeof(guint), k);
		g_array_append_vals(v, pick, k);
		g_array_sort(v, by_uint);
		g_ptr_array_add(out, v);
		return;
	}
	const GArray *tw = twins[g_array_index(cover, unsigned, k)];
	for (unsigned i = 0; i < tw->len && out->len < max; i++) {
		pick[k] = g_array_index(tw, guint, i);
		expand(out, twins, cover, k + 1, pick, max);
	}
}

/*
 * The second search: every cover of as many candidates as the best, each
 * with the traces of the same coverage as its candidates (dominance kept
 * one of them), up to max, the best first, none twice.
 */
static void
collect(struct search *s, const struct solve_matrix *m, const uint64_t *cov,
    const GArray *cand, unsigned max, GPtrArray *out)
{
	const unsigned w = s->w;
	GArray **twins = g_new(GArray *, MAX(s->n, 1));
	guint *pick = g_new(guint, MAX(s->best_n, 1));
	GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)
	    g_array_unref);

	for (unsigned i = 0; i < s->n; i++) {
		guint ti = g_array_index(cand, guint, i);
		const uint64_t *ci = cov + (gsize)ti * w;
		twins[i] = uint_array();
		g_array_append_val(twins[i], ti);
		for (guint t = 0; t < m->nt; t++) {
			const uint64_t *ct = cov + (gsize)t * w;
			if (t != ti && within(ct, ci, w) && within(ci, ct, w))
				g_array_append_val(twins[i], t);
		}
	}
	GArray *best = g_array_new(FALSE, FALSE, sizeof(unsigned));
	g_array_append_vals(best, s->best, s->best_n);
	expand(all, twins, best, 0, pick, max);
	g_array_free(best, TRUE);

	s->collect = true;
	s->target = s->best_n;
	s->max = max;
	s->found = g_ptr_array_new_with_free_func((GDestroyNotify)
	    g_array_unref);
	s->nodes = 0;
	s->cut = false;
	s->full = false;
	memset(s->exc, 0, s->cw * sizeof(uint64_t));
	dfs(s, 0);
	for (unsigned i = 0; i < s->found->len; i++)
		expand(all, twins, s->found->pdata[i], 0, pick, 2 * max);
	g_ptr_array_free(s->found, TRUE);
	s->found = NULL;

	/* The best is met again by the search: each equation once. */
	GHashTable *seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
	    (GDestroyNotify)g_bytes_unref, NULL);
	for (unsigned i = 0; i < all->len && out->len < max; i++) {
		GArray *v = all->pdata[i];
		GBytes *k = g_bytes_new(v->data, v->len * sizeof(guint));
		if (g_hash_table_add(seen, k))
			g_ptr_array_add(out, g_array_ref(v));
	}
	g_hash_table_destroy(seen);
	g_ptr_array_free(all, TRUE);
	for (unsigned i = 0; i < s->n; i++)
		g_array_free(twins[i], TRUE);
	g_free(twins);
	g_free(pick);
}

/*
 * solve_label(), and, when alts is not NULL, up to max_alt other
 * equations of as few traces (GArray of guint traces each, sorted; the
 * first is the equation returned).
 */
static struct solve_equation *
solve_core(const struct solve_matrix *m, unsigned label,
    const struct solve_opts *opts, unsigned max_alt, GPtrArray **alts)
{
	const unsigned w = MAX(m->w, 1), nt = m->nt, nl = m->nl;
	struct solve_equation *eq = g_new0(struct solve_equation, 1);
	uint64_t *cov = g_new0(uint64_t, (gsize)MAX(nt, 1) * w);
	uint64_t *universe = g_new0(uint64_t, w);
	bool any = false;

	g_return_val_if_fail(label < nl, eq);
	eq->label = label;
	eq->intersect = uint_array();
	eq->subtract = uint_array();
	eq->inseparable = uint_array();
	/* Coverage of each trace; the label's own bit is "one of P". */
	for (unsigned t = 0; t < nt; t++) {
		const uint64_t *b = m->bits + (gsize)t * m->w;
		bool in_p = bit(b, label);
		uint64_t *c = cov + (gsize)t * w;
		for (unsigned k = 0; k < m->w; k++)
			c[k] = in_p ? ~b[k] : b[k];
		if (nl % 64 != 0)
			c[m->w - 1] &= (UINT64_C(1) << (nl % 64)) - 1;
		c[label / 64] &= ~(UINT64_C(1) << (label % 64));
		if (in_p) {
			set_bit(c, label);
			any = true;
		}
		for (unsigned k = 0; k < w; k++)
			universe[k] |= c[k];
	}
	g_assert(any);
	for (guint x = 0; x < nl; x++)
		if (x != label && !bit(universe, x))
			g_array_append_val(eq->inseparable, x);
	eq->exact = eq->inseparable->len == 0;

	/* 1. Candidates: traces not dominated by another. */
	GArray *cand = uint_array();
	for (unsigned t = 0; t < nt; t++) {
		const uint64_t *ct = cov + (gsize)t * w;
		bool keep = !is_empty(ct, w);
		for (unsigned u = 0; u < nt && keep; u++) {
			const uint64_t *cu = cov + (gsize)u * w;
			if (u == t || !within(ct, cu, w))
				continue;
			/* Equal coverage: the first is kept. */
			if (!within(cu, ct, w) || u < t)
				keep = false;
		}
		if (keep)
			g_array_append_val(cand, t);
	}
	unsigned n = cand->len;
	struct search s = {
		.w = w, .n = n, .cw = (n + 63) / 64 + 1, .nl = nl,
		.max_nodes = opts != NULL && opts->max_nodes != 0 ?
		    opts->max_nodes : SOLVE_MAX_NODES,
	};
	uint64_t *ccov = g_new(uint64_t, (gsize)MAX(n, 1) * w);
	for (unsigned i = 0; i < n; i++)
		memcpy(ccov + (gsize)i * w, cov + (gsize)g_array_index(cand,
		    guint, i) * w, w * sizeof(uint64_t));
	s.cov = ccov;
	/* Only the elements to cover get a list: the search visits no
	 * other. */
	s.by_elem = g_new0(GArray *, MAX(nl, 1));
	s.elem_bits = g_new0(uint64_t, (gsize)MAX(nl, 1) * s.cw);
	s.order = g_new0(unsigned, MAX(nl, 1));
	s.live = g_new0(unsigned, MAX(nl, 1));
	for (unsigned x = 0; x < nl; x++) {
		if (!bit(universe, x))
			continue;
		s.by_elem[x] = uint_array();
		for (unsigned i = 0; i < n; i++)
			if (bit(ccov + (gsize)i * w, x)) {
				g_array_append_val(s.by_elem[x], i);
				set_bit(s.elem_bits + (gsize)x * s.cw, i);
			}
	}

	/* 2. Greedy. */
	unsigned max_depth = (unsigned)bits_count(universe, w) + 1;
	s.best = g_new(unsigned, max_depth);
	s.chosen = g_new(unsigned, max_depth);
	uint64_t *unc = g_memdup2(universe, w * sizeof(uint64_t));
	s.best_n = 0;
	while (!is_empty(unc, w)) {
		unsigned top = 0, most = 0;
		for (unsigned i = 0; i < n; i++) {
			unsigned g = gain(ccov + (gsize)i * w, unc, w);
			if (g > most) {
				most = g;
				top = i;
			}
		}
		g_assert(most > 0);
		s.best[s.best_n++] = top;
		for (unsigned k = 0; k < w; k++)
			unc[k] &= ~ccov[(gsize)top * w + k];
	}
	g_free(unc);

	/* 3. Branch and bound, unless greedy already meets the bound. */
	s.unc = g_new0(uint64_t, (gsize)(max_depth + 1) * w);
	s.exc = g_new0(uint64_t, (gsize)(max_depth + 1) * s.cw);
	memcpy(s.unc, universe, w * sizeof(uint64_t));
	dfs(&s, 0);
	eq->minimal = !s.cut;
	eq->nodes = s.nodes;

	for (unsigned i = 0; i < s.best_n; i++) {
		guint t = g_array_index(cand, guint, s.best[i]);
		g_array_append_val(solve_matrix_has(m, t, label) ?
		    eq->intersect : eq->subtract, t);
	}
	g_array_sort(eq->intersect, by_uint);
	g_array_sort(eq->subtract, by_uint);
	eq->algebra = solve_algebra(m, (const guint *)(void *)
	    eq->intersect->data, eq->intersect->len,
	    (const guint *)(void *)eq->subtract->data, eq->subtract->len);

	if (alts != NULL) {
		*alts = g_ptr_array_new_with_free_func((GDestroyNotify)
		    g_array_unref);
		collect(&s, m, cov, cand, max_alt, *alts);
	}
	for (unsigned x = 0; x < nl; x++)
		if (s.by_elem[x] != NULL)
			g_array_free(s.by_elem[x], TRUE);
	g_free(s.by_elem);
	g_free(s.elem_bits);
	g_free(s.order);
	g_free(s.live);
	g_free(s.best);
	g_free(s.chosen);
	g_free(s.unc);
	g_free(s.exc);
	g_free(ccov);
	g_array_free(cand, TRUE);
	g_free(cov);
	g_free(universe);
	return eq;
}

struct solve_equation *
solve_label(const struct solve_matrix *m, unsigned label,
    const struct solve_opts *opts)
{
	return solve_core(m, label, opts, 0, NULL);
}

/*
 * Fingerprints are evaluated on bitsets over the ids of the accesses
 * (accessset.h): a trace becomes (universe + 63) / 64 words when it is
 * used, an intersection is an AND and a difference an AND NOT of words.
 */
static size_t
universe_words(void)
{
	return (access_universe() + 63) / 64;
}

static void
load_bits(const struct access_set *s, uint64_t *b, size_t nw)
{
	memset(b, 0, nw * sizeof(uint64_t));
	access_set_or_bits(s, b, nw);
}

/* The size of the fingerprint of the equation of traces v (sorted). */
static uint64_t
fingerprint_size(const struct solve_matrix *m, unsigned label,
    const GArray *v, const struct access_set *const *sets)
{
	size_t nw = universe_words();
	uint64_t *cur = g_new(uint64_t, MAX(nw, 1));
	uint64_t *tmp = g_new(uint64_t, MAX(nw, 1));
	bool first = true;

	for (int pass = 0; pass < 2; pass++)
		for (unsigned k = 0; k < v->len; k++) {
			guint t = g_array_index(v, guint, k);
			bool in = solve_matrix_has(m, t, label);
			if (in != (pass == 0))
				continue;
			if (first) {
				load_bits(sets[t], cur, nw);
				first = false;
				continue;
			}
			load_bits(sets[t], tmp, nw);
			for (size_t w = 0; w < nw; w++)
				cur[w] &= in ? tmp[w] : ~tmp[w];
		}
	uint64_t n = first ? 0 : bits_count(cur, nw);
	g_free(cur);
	g_free(tmp);
	return n;
}

struct solve_equation *
solve_label_smallest(const struct solve_matrix *m, unsigned label,
    const struct access_set *const *sets, unsigned max,
    const struct solve_opts *opts, struct solve_fingerprint **fp)
{
	GPtrArray *alts = NULL;
	struct solve_equation *eq = solve_core(m, label, opts, MAX(max, 1),
	    max > 1 ? &alts : NULL);

	if (alts != NULL && alts->len > 1) {
		unsigned best = 0;
		uint64_t least = fingerprint_size(m, label, alts->pdata[0],
		    sets);
		for (unsigned i = 1; i < alts->len && least > 0; i++) {
			uint64_t n = fingerprint_size(m, label, alts->pdata[i],
			    sets);
			if (n < least) {
				least = n;
				best = i;
			}
		}
		const GArray *v = alts->pdata[best];
		g_array_set_size(eq->intersect, 0);
		g_array_set_size(eq->subtract, 0);
		for (unsigned k = 0; k < v->len; k++) {
			guint t = g_array_index(v, guint, k);
			g_array_append_val(solve_matrix_has(m, t, label) ?
			    eq->intersect : eq->subtract, t);
		}
	}
	if (alts != NULL)
		g_ptr_array_free(alts, TRUE);
	*fp = solve_fingerprint_new(eq, sets);
	return eq;
}

void
solve_equation_free(struct solve_equation *eq)
{
	if (eq == NULL)
		return;
	g_array_free(eq->intersect, TRUE);
	g_array_free(eq->subtract, TRUE);
	if (eq->algebra != NULL)
		g_array_free(eq->algebra, TRUE);
	g_array_free(eq->inseparable, TRUE);
	g_free(eq);
}

unsigned
solve_equation_size(const struct solve_equation *eq)
{
	return eq->intersect->len + eq->subtract->len;
}

/* The distinct accesses of the traces of eq together into fp->raw. */
static void
count_raw(struct solve_fingerprint *fp, const struct solve_equation *eq,
    const struct access_set *const *sets, uint64_t *tmp, size_t nw)
{
	memset(tmp, 0, nw * sizeof(uint64_t));
	for (unsigned k = 0; k < eq->intersect->len; k++)
		access_set_or_bits(sets[g_array_index(eq->intersect, guint, k)],
		    tmp, nw);
	for (unsigned k = 0; k < eq->subtract->len; k++)
		access_set_or_bits(sets[g_array_index(eq->subtract, guint, k)],
		    tmp, nw);
	fp->raw = bits_count(tmp, nw);
}

/*
 * The exact evaluation: the intersections in order, then the differences.
 * Each access keeps its count and first occurrence in the first
 * intersected trace, or count 1 when one is true.
 */
static struct solve_fingerprint *
fingerprint_exact(const struct solve_equation *eq,
    const struct access_set *const *sets, bool one)
{
	struct solve_fingerprint *fp = g_new0(struct solve_fingerprint, 1);
	const guint *in = (const guint *)(void *)eq->intersect->data;
	const guint *sub = (const guint *)(void *)eq->subtract->data;
	unsigned ni = eq->intersect->len, ns = eq->subtract->len;

	fp->steps = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	g_return_val_if_fail(ni >= 1, fp);
	size_t nw = universe_words();
	uint64_t *cur = g_new(uint64_t, MAX(nw, 1));
	uint64_t *tmp = g_new(uint64_t, MAX(nw, 1));

	count_raw(fp, eq, sets, tmp, nw);
	load_bits(sets[in[0]], cur, nw);
	uint64_t size = bits_count(cur, nw);
	g_array_append_val(fp->steps, size);
	for (unsigned k = 1; k < ni + ns; k++) {
		bool is_in = k < ni;
		load_bits(sets[is_in ? in[k] : sub[k - ni]], tmp, nw);
		for (size_t w = 0; w < nw; w++)
			cur[w] &= is_in ? tmp[w] : ~tmp[w];
		size = bits_count(cur, nw);
		g_array_append_val(fp->steps, size);
		if (k == ni - 1)
			fp->intersected = size;
	}
	if (ni == 1)
		fp->intersected = g_array_index(fp->steps, uint64_t, 0);
	fp->differenced = size;
	fp->accesses = access_set_from_bits(cur, nw, &sets[in[0]], 1, one);
	g_free(cur);
	g_free(tmp);
	return fp;
}

struct solve_fingerprint *
solve_fingerprint_new(const struct solve_equation *eq,
    const struct access_set *const *sets)
{
	return fingerprint_exact(eq, sets, false);
}

void
solve_fingerprint_free(struct solve_fingerprint *fp)
{
	if (fp == NULL)
		return;
	g_array_free(fp->steps, TRUE);
	access_set_free(fp->accesses);
	g_free(fp);
}

/*
 * Narrowing: every trace that has the label may be intersected and every
 * trace that has not may be subtracted without changing the algebra (an
 * intersection with a trace that has L keeps L, and each label
 * inseparable from L is in every such trace; a difference with a trace
 * without L removes neither), and each can only shrink the fingerprint:
 * the accesses of the experiments' common background go, those of the
 * operation stay.
 */
static void
add_sorted(GArray *v, guint x)
{
	guint i;

	for (i = 0; i < v->len && g_array_index(v, guint, i) < x; i++)
		continue;
	if (i < v->len && g_array_index(v, guint, i) == x)
		return;
	g_array_insert_val(v, i, x);
}

void
solve_equation_narrow(struct solve_equation *eq, const struct solve_matrix *m)
{
	unsigned t, n = solve_matrix_traces(m);

	if (!eq->narrowed)
		eq->fewest = solve_equation_size(eq);
	for (t = 0; t < n; t++)
		add_sorted(solve_matrix_has(m, t, eq->label) ? eq->intersect :
		    eq->subtract, t);
	eq->narrowed = true;
}

/*
 * The vote (solve.h).  An access stays after k intersected traces when it
 * is in at least 1 - tol of them (and in one at least); after the
 * subtracted traces, when besides it is in fewer than 1 - tol of the
 * subtracted traces of each label, counting only labels that two or more
 * subtracted traces have: an access the traces of another operation share
 * goes, while a trace that does the operation but lacks its label is one
 * among the traces of its labels and does not take the operation's
 * accesses out.  The traces with no label (baselines, or traces whose
 * only label was lost) are one more such group.  A group of one trace
 * decides nothing: that trace may be the one whose label was lost.
 *
 * The intersected traces are counted for every access at once, in
 * bit-sliced counters (plane p holds bit p of every access's count), so a
 * trace costs some word operations per 64 accesses.  The subtracted ones
 * split the accesses that pass into three: those in none of them stay,
 * those in all of them go as soon as some group has two traces, and only
 * the others are followed one by one through the subtracted traces.
 */

/* Whether a group of g subtracted traces, have of which hold an access,
 * takes it out. */
static bool
group_takes(unsigned have, unsigned g, double tol)
{
	return g >= 2 && (double)have + 1e-9 >= (1.0 - tol) * g;
}

/* The fewest of k intersected traces an access must be in (at least 1). */
static unsigned
need_of(double tol, unsigned k)
{
	double need = (1.0 - tol) * k;
	unsigned c = need > 1 ? (unsigned)(need - 1) : 0;

	while ((double)c + 1e-9 < need)
		c++;
	return MAX(c, 1);
}

/* out = the accesses whose count in the planes cnt is at least c. */
static void
at_least(const uint64_t *cnt, unsigned planes, size_t nw, unsigned c,
    uint64_t *out)
{
	if (planes < 32 && c >= (1u << planes)) {
		memset(out, 0, nw * sizeof(uint64_t));
		return;
	}
	for (size_t w = 0; w < nw; w++) {
		uint64_t gt = 0, eq = ~UINT64_C(0);
		for (unsigned p = planes; p-- > 0;) {
			uint64_t x = cnt[(size_t)p * nw + w];
			if ((c >> p) & 1) {
				eq &= x;
			} else {
				gt |= eq & x;
				eq &= ~x;
			}
		}
		out[w] = gt | eq;
	}
}

struct solve_fingerprint *
solve_fingerprint_vote(const struct solve_equation *eq,
    const struct solve_matrix *m, const struct access_set *const *sets,
    double tol)
{
	const guint *in = (const guint *)(void *)eq->intersect->data;
	const guint *sub = (const guint *)(void *)eq->subtract->data;
	unsigned ni = eq->intersect->len, ns = eq->subtract->len;
	unsigned nl = m->nl;

	g_return_val_if_fail(tol >= 0 && tol < 1, fingerprint_exact(eq,
	    sets, true));
	if (tol == 0 || ni == 0) {
		/* Exactly: in every intersected trace, in no subtracted
		 * one, first seen in the first intersected trace. */
		return fingerprint_exact(eq, sets, true);
	}
	struct solve_fingerprint *fp = g_new0(struct solve_fingerprint, 1);
	size_t nw = universe_words();
	unsigned planes = 1;
	while (planes < 32 && (1u << planes) <= ni)
		planes++;
	uint64_t *cnt = g_new0(uint64_t, (gsize)planes * MAX(nw, 1));
	uint64_t *tmp = g_new(uint64_t, MAX(nw, 1));
	uint64_t *ok = g_new(uint64_t, MAX(nw, 1));
	uint64_t size = 0;

	fp->steps = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	count_raw(fp, eq, sets, tmp, nw);
	for (unsigned k = 0; k < ni; k++) {
		load_bits(sets[in[k]], tmp, nw);
		for (size_t w = 0; w < nw; w++) {
			uint64_t carry = tmp[w];
			for (unsigned p = 0; p < planes && carry != 0; p++) {
				uint64_t *x = &cnt[(size_t)p * nw + w];
				uint64_t c2 = *x & carry;
				*x ^= carry;
				carry = c2;
			}
		}
		at_least(cnt, planes, nw, need_of(tol, k + 1), ok);
		size = bits_count(ok, nw);
		g_array_append_val(fp->steps, size);
	}
	fp->intersected = size;
	g_free(cnt);

	/* The subtracted traces: the accesses in all of them (tmp) and in
	 * some (any). */
	uint64_t *all = tmp, *any = g_new0(uint64_t, MAX(nw, 1));
	uint64_t *one = g_new(uint64_t, MAX(nw, 1));
	memset(all, 0xff, nw * sizeof(uint64_t));
	for (unsigned j = 0; j < ns; j++) {
		load_bits(sets[sub[j]], one, nw);
		for (size_t w = 0; w < nw; w++) {
			all[w] &= one[w];
			any[w] |= one[w];
		}
	}
	uint64_t n_none = 0, n_full = 0;
	for (size_t w = 0; w < nw; w++) {
		n_none += (uint64_t)__builtin_popcountll(ok[w] & ~any[w]);
		n_full += (uint64_t)__builtin_popcountll(ok[w] & all[w]);
	}
	/* The labels of each subtracted trace (nl for none), and after each
	 * whether some group has two traces. */
	GArray **labs = g_new(GArray *, MAX(ns, 1));
	bool *some_two = g_new(bool, MAX(ns, 1));
	unsigned *group = g_new0(unsigned, nl + 1);
	unsigned *have = g_new0(unsigned, nl + 1);
	unsigned twos = 0;
	for (unsigned j = 0; j < ns; j++) {
		labs[j] = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint l = 0; l < nl; l++)
			if (solve_matrix_has(m, sub[j], l))
				g_array_append_val(labs[j], l);
		if (labs[j]->len == 0)
			g_array_append_val(labs[j], nl);
		for (guint i = 0; i < labs[j]->len; i++)
			twos += ++group[g_array_index(labs[j], guint, i)] == 2;
		some_two[j] = twos > 0;
	}
	uint64_t *staying = g_new0(uint64_t, MAX(ns, 1));
	/* Those in some subtracted traces but not all, one by one; the
	 * result is rebuilt in one. */
	for (size_t w = 0; w < nw; w++) {
		uint64_t part = ok[w] & any[w] & ~all[w];
		one[w] = ok[w] & ~any[w];
		if (ns > 0 && !some_two[ns - 1])
			one[w] |= ok[w] & all[w];
		for (; part != 0; part &= part - 1) {
			guint32 id = (guint32)(w * 64 + (size_t)__builtin_ctzll(
			    part));
			unsigned takers = 0;
			memset(group, 0, (nl + 1) * sizeof(unsigned));
			memset(have, 0, (nl + 1) * sizeof(unsigned));
			for (unsigned j = 0; j < ns; j++) {
				bool has = access_set_has_id(sets[sub[j]], id);
				for (guint i = 0; i < labs[j]->len; i++) {
					guint l = g_array_index(labs[j], guint,
					    i);
					takers -= group_takes(have[l], group[l],
					    tol);
					group[l]++;
					have[l] += has;
					takers += group_takes(have[l], group[l],
					    tol);
				}
				staying[j] += takers == 0;
			}
			if (takers == 0)
				one[w] |= UINT64_C(1) << (id % 64);
		}
	}
	for (unsigned j = 0; j < ns; j++) {
		size = n_none + (some_two[j] ? 0 : n_full) + staying[j];
		g_array_append_val(fp->steps, size);
	}
	fp->differenced = size;
	/* Each first seen in the first intersected trace that has it. */
	const struct access_set **src = g_new(const struct access_set *, ni);
	for (unsigned k = 0; k < ni; k++)
		src[k] = sets[in[k]];
	fp->accesses = access_set_from_bits(ns > 0 ? one : ok, nw, src, ni,
	    true);
	g_free(src);
	for (unsigned j = 0; j < ns; j++)
		g_array_free(labs[j], TRUE);
	g_free(labs);
	g_free(some_two);
	g_free(group);
	g_free(have);
	g_free(staying);
	g_free(one);
	g_free(any);
	g_free(tmp);
	g_free(ok);
	return fp;
}
