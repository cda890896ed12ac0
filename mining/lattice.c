/*
 * lattice.c: the concept lattice, from the concepts FCbO enumerates.
 *
 * The concepts are sorted by intent (size, then attribute lists) so their
 * numbers do not depend on the search order.  Lower covers come from
 * Lindig's test ("Fast concept analysis", ICCS 2000): for a concept
 * (A, B), each attribute a not in B gives the concept with intent
 * (A & a')'; such an intent D is a lower cover exactly when every
 * attribute of D - B gives it, that is when as many attributes give it as
 * D has more than B.  The intents of all a are found in one pass over the
 * objects of A.  Upper covers are the lower ones turned round; the
 * attributes a concept introduces are its intent minus its upper covers',
 * the objects it introduces those whose own row is its intent.  All of it
 * works on the bitsets of struct fca_bits (internal.h), where the columns
 * no object has are one; the one-pass accumulators take attributes times
 * words, and past ACC_BUDGET each attribute's intent is found by a pass
 * of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define ACC_BUDGET	((size_t)64 << 20)

/* Lists of uint32_t, one per concept (compressed sparse rows). */
struct lists {
	GArray *v;		/* uint32_t */
	GArray *start;		/* size_t, one more than there are lists */
};

struct fca_lattice {
	const struct fca_context *ctx;
	struct fca_bits b;
	size_t n;		/* concepts */
	size_t W;
	uint64_t *intents;	/* n intents of W words, in number order */
	struct lists extent, intent, upper, lower, new_attrs, new_objs;
	size_t edges;
};

static void
lists_init(struct lists *l)
{
	size_t zero = 0;

	l->v = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	l->start = g_array_sized_new(FALSE, FALSE, sizeof(size_t), 1);
	g_array_append_val(l->start, zero);
}

static void
lists_free(struct lists *l)
{
	g_array_free(l->v, TRUE);
	g_array_free(l->start, TRUE);
}

/* Ends the list being filled. */
static void
lists_close(struct lists *l)
{
	size_t end = l->v->len;

	g_array_append_val(l->start, end);
}

static const uint32_t *
lists_get(const struct lists *l, size_t i, size_t *n)
{
	size_t lo = g_array_index(l->start, size_t, i);

	*n = g_array_index(l->start, size_t, i + 1) - lo;
	return (const uint32_t *)(void *)l->v->data + lo;
}

/* What the enumeration gives, in its order. */
struct found {
	size_t W;
	GArray *intents;	/* uint64_t, W words each */
	GArray *ext;		/* uint32_t */
	GArray *ext_start;	/* size_t */
	uint64_t max;		/* concepts, 0 for no bound */
	bool over;		/* stopped at max + 1, or at the arrays' size */
};

static bool
collect(void *data, const uint32_t *extent, size_t n, const uint64_t *intent)
{
	struct found *f = data;
	size_t at = f->ext->len;

	/* One more than the bound is what tells it was passed; a GArray
	 * holds at most G_MAXUINT elements, which must not abort. */
	if ((f->max > 0 && f->ext_start->len >= f->max) ||
	    (uint64_t)f->ext->len + n >= G_MAXUINT ||
	    (uint64_t)f->intents->len + f->W >= G_MAXUINT) {
		f->over = true;
		return false;
	}
	g_array_append_vals(f->intents, intent, (guint)f->W);
	g_array_append_vals(f->ext, extent, (guint)n);
	g_array_append_val(f->ext_start, at);
	return true;
}

struct sort_key {
	const uint64_t *intent;	/* the bits of fca_bits */
	const uint32_t *list;	/* the context's attributes, sorted */
	size_t len;
	uint32_t index;
};

/* Fewer attributes first; then the list whose first difference is less. */
static int
by_intent(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	for (size_t i = 0; i < x->len; i++)
		if (x->list[i] != y->list[i])
			return x->list[i] < y->list[i] ? -1 : 1;
	return 0;
}

/*
 * The numbers of the concepts by intent: open addressing over concept
 * numbers, the intents themselves in the lattice.
 */
struct ids {
	const uint64_t *intents;
	size_t W;
	uint32_t *slot;		/* concept number, or UINT32_MAX */
	size_t mask;
};

static size_t
intent_hash(const uint64_t *s, size_t W)
{
	uint64_t h = 0x9e3779b97f4a7c15u;

	for (size_t w = 0; w < W; w++) {
		h ^= s[w];
		h *= 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	return (size_t)h;
}

static void
ids_init(struct ids *t, const uint64_t *intents, size_t W, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	t->intents = intents;
	t->W = W;
	t->mask = cap - 1;
	t->slot = g_new(uint32_t, cap);
	memset(t->slot, 0xff, cap * sizeof(uint32_t));
	for (size_t c = 0; c < n; c++) {
		size_t i = intent_hash(intents + c * W, W) & t->mask;
		while (t->slot[i] != UINT32_MAX)
			i = (i + 1) & t->mask;
		t->slot[i] = (uint32_t)c;
	}
}

/* The number of the concept with intent s, which must be one. */
static uint32_t
ids_get(const struct ids *t, const uint64_t *s)
{
	size_t i = intent_hash(s, t->W) & t->mask;

	for (;;) {
		uint32_t c = t->slot[i];
		g_assert(c != UINT32_MAX);
		if (memcmp(t->intents + (size_t)c * t->W, s,
		    t->W * sizeof(uint64_t)) == 0)
			return c;
		i = (i + 1) & t->mask;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* (A & a')' into D: false when no object of A has a. */
static bool
closure_with(const struct fca_bits *b, const uint32_t *A, size_t nA,
    size_t a, uint64_t *D)
{
	const uint64_t bit = (uint64_t)1 << (a & 63);
	bool any = false;

	memcpy(D, b->full, b->W * sizeof(uint64_t));
	for (size_t i = 0; i < nA; i++) {
		const uint64_t *row = b->rows + (size_t)A[i] * b->W;
		if (row[a >> 6] & bit) {
			any = true;
			for (size_t w = 0; w < b->W; w++)
				D[w] &= row[w];
		}
	}
	return any;
}

/*
 * The lower covers of concept c into l->lower.  acc has room for m
 * intents and seen for m flags, or acc is NULL and one is computed at a
 * time into tmp.
 */
static void
lower_covers(struct fca_lattice *l, const struct ids *ids, size_t c,
    uint64_t *acc, bool *seen, uint64_t *tmp, GArray *cand)
{
	const struct fca_bits *b = &l->b;
	const size_t W = b->W, m = b->m;
	const uint64_t *B = l->intents + c * W;
	const uint32_t *A;
	size_t nA, a;
	unsigned bsize = (unsigned)bits_count(B, W);

	A = lists_get(&l->extent, c, &nA);
	g_array_set_size(cand, 0);
	/* (A & a')' for every a not in B, as the rows of A that have a. */
	for (size_t i = 0; i < nA && acc != NULL; i++) {
		const uint64_t *row = b->rows + (size_t)A[i] * W;

		for (size_t w = 0; w < W; w++)
			for (uint64_t x = row[w] & ~B[w]; x != 0; x &= x - 1) {
				uint64_t *D;

				a = w * 64 + (size_t)__builtin_ctzll(x);
				D = acc + a * W;
				if (!seen[a]) {
					seen[a] = true;
					memcpy(D, row, W * sizeof(uint64_t));
				} else {
					for (size_t v = 0; v < W; v++)
						D[v] &= row[v];
				}
			}
	}
	for (a = 0; a < m; a++) {
		const uint64_t *D;
		uint32_t id;

		if (B[a >> 6] & ((uint64_t)1 << (a & 63)))
			continue;
		/* No object of A has a: the bottom concept, whose intent is
		 * every attribute. */
		if (acc != NULL) {
			D = seen[a] ? acc + a * W : b->full;
			seen[a] = false;
		} else {
			closure_with(b, A, nA, a, tmp);
			D = tmp;
		}
		id = ids_get(ids, D);
		g_array_append_val(cand, id);
	}
	qsort(cand->data, cand->len, sizeof(uint32_t), cmp_u32);
	for (size_t i = 0; i < cand->len; ) {
		uint32_t id = g_array_index(cand, uint32_t, i);
		size_t j = i;

		while (j < cand->len && g_array_index(cand, uint32_t, j) == id)
			j++;
		if (j - i == (unsigned)bits_count(l->intents + (size_t)id *
		    W, W) - bsize)
			g_array_append_val(l->lower.v, id);
		i = j;
	}
	lists_close(&l->lower);
}

/* Appends the context's attributes that attribute a of b stands for. */
static void
append_orig(GArray *v, const struct fca_bits *b, size_t a)
{
	if (b->merged && a == b->m - 1)
		g_array_append_vals(v, b->empty, (guint)b->nempty);
	else
		g_array_append_val(v, b->orig[a]);
}

struct fca_lattice *
fca_lattice_new(const struct fca_context *ctx)
{
	struct fca_lattice *l = fca_lattice_build(ctx, NULL, NULL);

	g_assert(l != NULL);
	return l;
}

struct fca_lattice *
fca_lattice_build(const struct fca_context *ctx,
    const struct fca_lattice_opts *opts, GError **err)
{
	struct fca_lattice *l = g_new0(struct fca_lattice, 1);
	struct fca_bits *b = &l->b;
	struct found f;
	struct sort_key *keys;
	struct ids ids;
	uint64_t *acc = NULL, *tmp;
	bool *seen;
	GArray *cand;
	size_t c, i, n, W, m;

	l->ctx = ctx;
	fca_bits_init(b, ctx);
	W = l->W = b->W;
	m = b->m;
	f.W = W;
	f.intents = g_array_sized_new(FALSE, FALSE, sizeof(uint64_t), 1);
	f.ext = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	f.ext_start = g_array_sized_new(FALSE, FALSE, sizeof(size_t), 1);
	f.max = opts != NULL ? opts->max_concepts : 0;
	f.over = false;
	fca_bits_enumerate(b, collect, &f, NULL);
	if (f.over) {
		if (f.max > 0 && f.ext_start->len >= f.max)
			g_set_error(err, FCA_ERROR, FCA_ERROR_LIMIT, "expected "
			    "a lattice of at most %" G_GUINT64_FORMAT
			    " concepts, found more: stopped at concept %"
			    G_GUINT64_FORMAT, f.max, f.max + 1);
		else
			g_set_error(err, FCA_ERROR, FCA_ERROR_LIMIT, "expected "
			    "a lattice whose extents and intents fit in "
			    "memory, found more: stopped at concept %u",
			    f.ext_start->len + 1);
		g_array_free(f.intents, TRUE);
		g_array_free(f.ext, TRUE);
		g_array_free(f.ext_start, TRUE);
		fca_bits_done(b);
		g_free(l);
		return NULL;
	}
	n = l->n = f.ext_start->len;
	size_t end = f.ext->len;
	g_array_append_val(f.ext_start, end);

	/* The intents as lists of the context's attributes, sorted. */
	struct lists lists;
	lists_init(&lists);
	for (c = 0; c < n; c++) {
		const uint64_t *B = (const uint64_t *)(void *)f.intents->data +
		    c * W;
		size_t from = lists.v->len;

		if (b->merged && (B[(m - 1) >> 6] >> ((m - 1) & 63) & 1)) {
			g_array_append_vals(lists.v, b->all, (guint)b->mall);
		} else {
			for (size_t w = 0; w < W; w++)
				for (uint64_t x = B[w]; x != 0; x &= x - 1)
					append_orig(lists.v, b, w * 64 +
					    (size_t)__builtin_ctzll(x));
			fca_sort_attributes(&g_array_index(lists.v, uint32_t,
			    from), lists.v->len - from);
		}
		lists_close(&lists);
	}

	/* Number the concepts in intent order. */
	keys = g_new(struct sort_key, n + 1);
	for (c = 0; c < n; c++) {
		keys[c].intent = (const uint64_t *)(void *)f.intents->data +
		    c * W;
		keys[c].list = lists_get(&lists, c, &keys[c].len);
		keys[c].index = (uint32_t)c;
	}
	qsort(keys, n, sizeof(*keys), by_intent);
	l->intents = g_new(uint64_t, n * W + 1);
	lists_init(&l->extent);
	lists_init(&l->intent);
	for (c = 0; c < n; c++) {
		size_t o = keys[c].index;
		size_t lo = g_array_index(f.ext_start, size_t, o);
		size_t hi = g_array_index(f.ext_start, size_t, o + 1);

		memcpy(l->intents + c * W, keys[c].intent, W * sizeof(uint64_t));
		g_array_append_vals(l->extent.v, &g_array_index(f.ext,
		    uint32_t, lo), (guint)(hi - lo));
		lists_close(&l->extent);
		g_array_append_vals(l->intent.v, keys[c].list,
		    (guint)keys[c].len);
		lists_close(&l->intent);
	}
	g_free(keys);
	lists_free(&lists);
	g_array_free(f.intents, TRUE);
	g_array_free(f.ext, TRUE);
	g_array_free(f.ext_start, TRUE);

	ids_init(&ids, l->intents, W, n);
	if (m * W * sizeof(uint64_t) <= ACC_BUDGET)
		acc = g_new(uint64_t, m * W + 1);
	tmp = g_new(uint64_t, W + 1);
	seen = g_new0(bool, m + 1);
	cand = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	lists_init(&l->lower);
	for (c = 0; c < n; c++)
		lower_covers(l, &ids, c, acc, seen, tmp, cand);
	l->edges = l->lower.v->len;

	/* Upper covers: the lower ones turned round, counted then placed. */
	{
		size_t *cnt = g_new0(size_t, n + 1);
		size_t nl;

		for (c = 0; c < n; c++) {
			const uint32_t *lo = lists_get(&l->lower, c, &nl);
			for (i = 0; i < nl; i++)
				cnt[lo[i] + 1]++;
		}
		for (c = 0; c < n; c++)
			cnt[c + 1] += cnt[c];
		l->upper.v = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t),
		    (guint)l->edges + 1);
		g_array_set_size(l->upper.v, (guint)l->edges);
		l->upper.start = g_array_sized_new(FALSE, FALSE,
		    sizeof(size_t), (guint)n + 1);
		g_array_append_vals(l->upper.start, cnt, (guint)n + 1);
		/* Lower covers are visited by increasing c, so each upper
		 * list comes out sorted. */
		for (c = 0; c < n; c++) {
			const uint32_t *lo = lists_get(&l->lower, c, &nl);
			for (i = 0; i < nl; i++)
				g_array_index(l->upper.v, uint32_t,
				    cnt[lo[i]]++) = (uint32_t)c;
		}
		g_free(cnt);
	}

	/* What each concept introduces: its intent minus its upper covers'. */
	lists_init(&l->new_attrs);
	for (c = 0; c < n; c++) {
		size_t nu;
		const uint32_t *up = lists_get(&l->upper, c, &nu);
		const uint64_t *B = l->intents + c * W;
		size_t from = l->new_attrs.v->len;

		for (size_t w = 0; w < W; w++) {
			uint64_t x = B[w];
			for (size_t u = 0; u < nu; u++)
				x &= ~l->intents[(size_t)up[u] * W + w];
			for (; x != 0; x &= x - 1)
				append_orig(l->new_attrs.v, b, w * 64 +
				    (size_t)__builtin_ctzll(x));
		}
		fca_sort_attributes(&g_array_index(l->new_attrs.v, uint32_t,
		    from), l->new_attrs.v->len - from);
		lists_close(&l->new_attrs);
	}
	{
		/* Each object's concept is the one whose intent is its row. */
		const size_t nobj = b->n;
		uint32_t *oc = g_new(uint32_t, nobj + 1);
		size_t *cnt = g_new0(size_t, n + 1);

		for (size_t g = 0; g < nobj; g++) {
			oc[g] = ids_get(&ids, b->rows + g * W);
			cnt[oc[g] + 1]++;
		}
		for (c = 0; c < n; c++)
			cnt[c + 1] += cnt[c];
		l->new_objs.v = g_array_sized_new(FALSE, FALSE,
		    sizeof(uint32_t), (guint)nobj + 1);
		g_array_set_size(l->new_objs.v, (guint)nobj);
		l->new_objs.start = g_array_sized_new(FALSE, FALSE,
		    sizeof(size_t), (guint)n + 1);
		g_array_append_vals(l->new_objs.start, cnt, (guint)n + 1);
		for (size_t g = 0; g < nobj; g++)
			g_array_index(l->new_objs.v, uint32_t, cnt[oc[g]]++) =
			    (uint32_t)g;
		g_free(cnt);
		g_free(oc);
	}
	g_array_free(cand, TRUE);
	g_free(seen);
	g_free(acc);
	g_free(tmp);
	g_free(ids.slot);
	return l;
}

void
fca_lattice_free(struct fca_lattice *l)
{
	if (l == NULL)
		return;
	fca_bits_done(&l->b);
	g_free(l->intents);
	lists_free(&l->extent);
	lists_free(&l->intent);
	lists_free(&l->upper);
	lists_free(&l->lower);
	lists_free(&l->new_attrs);
	lists_free(&l->new_objs);
	g_free(l);
}

const struct fca_context *
fca_lattice_context(const struct fca_lattice *l)
{
	return l->ctx;
}

size_t
fca_lattice_size(const struct fca_lattice *l)
{
	return l->n;
}

size_t
fca_lattice_edges(const struct fca_lattice *l)
{
	return l->edges;
}

const uint32_t *
fca_lattice_extent(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->extent, c, n);
}

const uint32_t *
fca_lattice_intent(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->intent, c, n);
}

const uint32_t *
fca_lattice_upper(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->upper, c, n);
}

const uint32_t *
fca_lattice_lower(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->lower, c, n);
}

const uint32_t *
fca_lattice_new_attributes(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->new_attrs, c, n);
}

const uint32_t *
fca_lattice_new_objects(const struct fca_lattice *l, size_t c, size_t *n)
{
	g_return_val_if_fail(c < l->n, NULL);
	return lists_get(&l->new_objs, c, n);
}

/* Fewer attributes first, then the list whose first difference is less:
 * the order of concept numbers (by_intent()). */
static int
cmp_intent(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny)
{
	if (nx != ny)
		return nx < ny ? -1 : 1;
	for (size_t i = 0; i < nx; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t
fca_lattice_concept_of(const struct fca_lattice *l, const uint32_t *objects,
    size_t n)
{
	const struct fca_context *ctx = l->ctx;
	const unsigned m = fca_context_attributes(ctx);
	uint32_t *common = g_new(uint32_t, m + 1);
	size_t nc = 0, lo = 0, hi = l->n;
	bool found = false;

	/* What the objects all have: the first row, narrowed by the others
	 * (rows are in increasing order, so each narrowing is a merge). */
	if (n == 0) {
		for (unsigned a = 0; a < m; a++)
			common[nc++] = a;
	} else {
		size_t len;
		const uint32_t *r = fca_context_row(ctx, objects[0], &len);

		memcpy(common, r, len * sizeof(*r));
		nc = len;
		for (size_t k = 1; k < n && nc > 0; k++) {
			size_t i = 0, j = 0, out = 0;

			r = fca_context_row(ctx, objects[k], &len);
			while (i < nc && j < len) {
				if (common[i] < r[j])
					i++;
				else if (common[i] > r[j])
					j++;
				else {
					common[out++] = common[i];
					i++, j++;
				}
			}
			nc = out;
		}
	}
	/* A closed set of attributes is the intent of exactly one concept. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, ni = 0;
		const uint32_t *in = fca_lattice_intent(l, mid, &ni);
		int d = cmp_intent(in, ni, common, nc);

		if (d == 0) {
			lo = mid;
			found = true;
			break;
		}
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	g_free(common);
	g_assert(found);
	return lo;
}
