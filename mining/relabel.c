/*
 * relabel.c: checking labels by leave-one-out fingerprints (relabel.h).
 *
 * Why these rules (measured by bench/flip.sh on the coreutils corpus,
 * bench/README.md):
 *   - Leave one out: a trace labelled L wrongly, left in, takes L's
 *     accesses out of an exact intersection; one whose L was lost, left
 *     in, takes them out by subtraction.  Left out, it is judged by the
 *     others only.
 *   - Votes: several cells of a label may be wrong at once, so an access
 *     needs 1 - T of the traces with L, not all.
 *   - Rarity (fewer without L than 3/4 of those with it): the accesses of
 *     L are in the traces that lost L too, but in fewer of them than in
 *     those that kept it; an access that two programs share (cp and mv
 *     load the same libraries) is in as many traces without L as with it
 *     once L's labels are scattered, and goes.
 *   - Groups (half of the traces sharing a label): what another operation
 *     does goes even when most of the traces without L do not do it.
 *   - Margins (2/3, 1/3): a trace that holds half of a fingerprint is not
 *     a suspect: one shown wrongly is worse than one not shown.
 *   - Rounds: when two of a label's six traces lost it, the four left
 *     have too few votes for T = 1/6; the first round finds the traces
 *     given the label wrongly, the next one those that lost it.
 *
 * Accesses are numbered once; each trace is a bitset of the numbers.
 * For each label a round counts, per access, the traces with the label,
 * those without, and those without per label (the groups); a cell then
 * takes its own trace out of the counts of the groups it is in, so a
 * round costs the accesses of the traces times their labels, not times
 * the traces.
 */
#include <string.h>

#include <glib.h>

#include "relabel.h"

#define EPS	1e-9
#define RARITY	0.75	/* without the label, fewer than this many times
			 * the traces with it */
#define GROUP	0.5	/* a group takes out what this share of it has */
#define DOES	(2.0 / 3)
#define DOES_NOT (1.0 / 3)
#define TOL_MAX	0.34	/* the most relabel_tolerance() gives */

double
relabel_tolerance(unsigned n)
{
	return n == 0 ? 0 : (double)((n - 1) / 3) / n;
}

/* The accesses of every trace, numbered. */
struct index {
	unsigned nt, na;
	unsigned words;		/* per trace bitset */
	uint64_t *bits;		/* nt x words */
	GArray **ids;		/* per trace: guint access numbers */
};

struct index_ctx {
	GHashTable *num;	/* GBytes (static, the sets') -> number + 1 */
	GArray *ids;
};

static void
index_one(const struct access *a, void *p)
{
	struct index_ctx *c = p;
	GBytes *k = g_bytes_new_static(a->text, a->len);
	guint id = GPOINTER_TO_UINT(g_hash_table_lookup(c->num, k));

	if (id == 0) {
		id = g_hash_table_size(c->num) + 1;
		g_hash_table_insert(c->num, k, GUINT_TO_POINTER(id));
	} else {
		g_bytes_unref(k);
	}
	id--;
	g_array_append_val(c->ids, id);
}

static void
index_build(struct index *ix, const struct access_set *const *sets,
    unsigned nt)
{
	struct index_ctx c = { g_hash_table_new_full(g_bytes_hash,
	    g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL), NULL };

	ix->nt = nt;
	ix->ids = g_new0(GArray *, MAX(nt, 1));
	for (unsigned t = 0; t < nt; t++) {
		c.ids = ix->ids[t] = g_array_new(FALSE, FALSE, sizeof(guint));
		access_set_foreach(sets[t], index_one, &c);
	}
	ix->na = g_hash_table_size(c.num);
	ix->words = (ix->na + 63) / 64;
	ix->bits = g_new0(uint64_t, (gsize)MAX(nt, 1) * MAX(ix->words, 1));
	for (unsigned t = 0; t < nt; t++)
		for (guint i = 0; i < ix->ids[t]->len; i++) {
			guint a = g_array_index(ix->ids[t], guint, i);
			ix->bits[(gsize)t * ix->words + a / 64] |=
			    UINT64_C(1) << (a % 64);
		}
	g_hash_table_destroy(c.num);
}

static void
index_clear(struct index *ix)
{
	for (unsigned t = 0; t < ix->nt; t++)
		g_array_free(ix->ids[t], TRUE);
	g_free(ix->ids);
	g_free(ix->bits);
}

static bool
holds(const struct index *ix, unsigned t, guint a)
{
	return (ix->bits[(gsize)t * ix->words + a / 64] >> (a % 64)) & 1;
}

/* What a round found for one cell. */
enum verdict { AGREES, SUSPECT, UNCHECKED };

struct cell {
	enum verdict v;
	enum relabel_why why;
	unsigned other;
	uint64_t have, of;
};

/* Whether group x, of g traces c of which hold the access, takes it out
 * (a group of one only when own). */
static bool
takes_out(unsigned g, unsigned c, bool own)
{
	return g >= (own ? 1u : 2u) && (double)c + EPS >= GROUP * g;
}

/*
 * One round for label l over the labels m: cells[t] for each trace.
 * The groups are the labels 0..nl-1 and nl, the traces with no label.
 */
static void
round_label(const struct solve_matrix *m, const struct index *ix,
    unsigned l, double tol, struct cell *cells)
{
	const unsigned nt = solve_matrix_traces(m), nl = solve_matrix_labels(m);
	const unsigned na = ix->na, bare = nl;
	unsigned *cpos = g_new0(unsigned, MAX(na, 1));
	unsigned *cneg = g_new0(unsigned, MAX(na, 1));
	unsigned *cg = g_new0(unsigned, (gsize)(nl + 1) * MAX(na, 1));
	unsigned *gs = g_new0(unsigned, nl + 1);
	unsigned *diff = g_new0(unsigned, nl);
	unsigned *rm = g_new0(unsigned, MAX(na, 1));
	GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *own = g_array_new(FALSE, FALSE, sizeof(guint));
	unsigned npos = 0, nneg = 0;

	for (unsigned u = 0; u < nt; u++) {
		const GArray *v = ix->ids[u];
		bool in = solve_matrix_has(m, u, l), any = false;

		for (unsigned x = 0; x < nl; x++)
			diff[x] += solve_matrix_has(m, u, x) != in;
		if (in) {
			npos++;
			for (guint i = 0; i < v->len; i++)
				cpos[g_array_index(v, guint, i)]++;
			continue;
		}
		nneg++;
		for (guint i = 0; i < v->len; i++)
			cneg[g_array_index(v, guint, i)]++;
		for (unsigned x = 0; x <= nl; x++) {
			if (x == bare ? any : !solve_matrix_has(m, u, x))
				continue;
			any = true;
			gs[x]++;
			for (guint i = 0; i < v->len; i++)
				cg[(gsize)x * na + g_array_index(v, guint,
				    i)]++;
		}
	}
	/* Candidates: in enough traces with l for any cell's vote. */
	{
		double tmax = tol >= 0 ? tol : TOL_MAX;
		double least = (1 - tmax) * (npos > 0 ? npos - 1 : 0);

		for (guint a = 0; a < na; a++) {
			if (cpos[a] == 0 || (double)cpos[a] + EPS < least)
				continue;
			g_array_append_val(cand, a);
			for (unsigned x = 0; x <= nl; x++)
				rm[a] += x != l && takes_out(gs[x],
				    cg[(gsize)x * na + a], false);
		}
	}
	for (unsigned t = 0; t < nt; t++) {
		struct cell *c = &cells[t];
		bool has = solve_matrix_has(m, t, l);
		unsigned np = npos - has, nn = nneg - !has;

		memset(c, 0, sizeof(*c));
		c->v = UNCHECKED;
		if (np < 2) {
			c->why = RELABEL_FEW_WITH;
			continue;
		}
		if (nn < 2) {
			c->why = RELABEL_FEW_WITHOUT;
			continue;
		}
		/* t's own groups: its other labels, or the bare traces */
		g_array_set_size(own, 0);
		for (guint x = 0; x < nl; x++)
			if (x != l && solve_matrix_has(m, t, x))
				g_array_append_val(own, x);
		for (guint i = 0; i < own->len; i++) {
			guint x = g_array_index(own, guint, i);

			/* t has x: it tells x and l apart when it lacks l */
			if (diff[x] - !has == 0) {
				c->why = RELABEL_SAME_TRACES;
				c->other = x;
				break;
			}
		}
		if (c->why == RELABEL_SAME_TRACES)
			continue;
		if (own->len == 0) {
			guint x = bare;
			g_array_append_val(own, x);
		}
		double need = (1 - (tol >= 0 ? tol : relabel_tolerance(np))) *
		    np;
		for (guint i = 0; i < cand->len; i++) {
			guint a = g_array_index(cand, guint, i);
			bool in_t = holds(ix, t, a);
			unsigned cp = cpos[a] - (has && in_t);
			unsigned cn = cneg[a] - (!has && in_t);
			unsigned out = rm[a];

			if (cp == 0 || (double)cp + EPS < need ||
			    (double)cn + EPS >= RARITY * cp)
				continue;
			for (guint k = 0; k < own->len; k++) {
				guint x = g_array_index(own, guint, k);
				unsigned g = gs[x] - !has;
				unsigned cx = cg[(gsize)x * na + a] -
				    (!has && in_t);

				out -= takes_out(gs[x], cg[(gsize)x * na + a],
				    false);
				out += takes_out(g, cx, true);
			}
			if (out > 0)
				continue;
			c->of++;
			c->have += in_t;
		}
		if (c->of == 0) {
			c->why = RELABEL_NO_FINGERPRINT;
			continue;
		}
		double h = (double)c->have / (double)c->of;
		if (has ? h <= DOES_NOT + EPS : h >= DOES - EPS)
			c->v = SUSPECT;
		else if (h > DOES_NOT + EPS && h < DOES - EPS)
			c->why = RELABEL_UNCLEAR;
		else
			c->v = AGREES;
	}
	g_array_free(own, TRUE);
	g_array_free(cand, TRUE);
	g_free(rm);
	g_free(diff);
	g_free(gs);
	g_free(cg);
	g_free(cneg);
	g_free(cpos);
}

struct relabel_result *
relabel_check(const struct solve_matrix *m,
    const struct access_set *const *sets, const guint *labels, unsigned n,
    const struct relabel_opts *opts)
{
	const unsigned nt = solve_matrix_traces(m), nl = solve_matrix_labels(m);
	struct relabel_result *r = g_new0(struct relabel_result, 1);
	struct solve_matrix *cur = solve_matrix_new(nt, nl);
	struct cell *cells = g_new0(struct cell, (gsize)MAX(nt, 1) * MAX(n,
	    1));
	double tol = opts != NULL ? opts->tol : -1;
	unsigned max = opts != NULL && opts->max_rounds != 0 ?
	    opts->max_rounds : RELABEL_ROUNDS;
	struct index ix;

	r->changes = g_array_new(FALSE, FALSE, sizeof(struct solve_relabel));
	r->unchecked = g_array_new(FALSE, FALSE,
	    sizeof(struct relabel_unchecked));
	r->cells = nt * n;
	for (unsigned t = 0; t < nt; t++)
		for (unsigned l = 0; l < nl; l++)
			if (solve_matrix_has(m, t, l))
				solve_matrix_set(cur, t, l);
	index_build(&ix, sets, nt);
	for (;;) {
		bool any = false;

		for (unsigned k = 0; k < n; k++) {
			g_return_val_if_fail(labels[k] < nl, r);
			round_label(cur, &ix, labels[k], tol,
			    cells + (gsize)k * nt);
		}
		r->rounds++;
		for (unsigned k = 0; k < n; k++)
			for (unsigned t = 0; t < nt; t++)
				any |= cells[(gsize)k * nt + t].v == SUSPECT;
		if (!any) {
			r->settled = true;
			break;
		}
		if (r->rounds == max)
			break;
		for (unsigned k = 0; k < n; k++)
			for (unsigned t = 0; t < nt; t++) {
				if (cells[(gsize)k * nt + t].v != SUSPECT)
					continue;
				if (solve_matrix_has(cur, t, labels[k]))
					solve_matrix_clear(cur, t, labels[k]);
				else
					solve_matrix_set(cur, t, labels[k]);
			}
	}
	for (unsigned t = 0; t < nt; t++)
		for (unsigned k = 0; k < n; k++) {
			const struct cell *c = &cells[(gsize)k * nt + t];
			bool was = solve_matrix_has(m, t, labels[k]);
			struct solve_relabel ch;

			if (was == solve_matrix_has(cur, t, labels[k]))
				continue;
			ch.trace = t;
			ch.label = labels[k];
			ch.add = !was;
			ch.have = c->have;
			ch.of = c->of;
			g_array_append_val(r->changes, ch);
		}
	for (unsigned k = 0; k < n; k++)
		for (unsigned t = 0; t < nt; t++) {
			const struct cell *c = &cells[(gsize)k * nt + t];
			struct relabel_unchecked u;

			if (c->v != UNCHECKED)
				continue;
			u.trace = t;
			u.label = labels[k];
			u.why = c->why;
			u.other = c->other;
			u.have = c->have;
			u.of = c->of;
			g_array_append_val(r->unchecked, u);
		}
	index_clear(&ix);
	g_free(cells);
	solve_matrix_free(cur);
	return r;
}

void
relabel_result_free(struct relabel_result *r)
{
	if (r == NULL)
		return;
	g_array_free(r->changes, TRUE);
	g_array_free(r->unchecked, TRUE);
	g_free(r);
}
