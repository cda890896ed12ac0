/*
 * fcbo.c: every formal concept of a context, by FCbO (Outrata and
 * Vychodil, "Fast algorithm for computing fixpoints of Galois connections
 * induced by object-attribute relational data", Information Sciences 196,
 * 2012).
 *
 * Close-by-One walks a tree of concepts from the top one, (X, X'): from a
 * concept (A, B) found by adding attribute y - 1, it tries each attribute
 * j >= y not in B, computes the concept (C, D) with C = A & j' and D = C',
 * and keeps it only when it is canonical, when D has no attribute below j
 * that B lacks; every concept is reached once, from its canonical parent.
 * FCbO adds two things.  A failed canonicity test for j at a node is
 * remembered (the D that failed, N_j), and handed to the node's children:
 * a child whose intent does not hold N_j's attributes below j would fail
 * the same way, so its closure is not computed.  And the children of a
 * node are all computed before any is expanded, so every child sees what
 * its siblings learned.
 *
 * Here the context is one bitset of attributes per object; an extent is a
 * list of object numbers in increasing order, so C and D = C' come from
 * one pass over A: keep the objects that have j, and intersect their
 * rows.  The search is depth-first with an explicit stack of levels, each
 * holding the children of the node being expanded at that depth, so deep
 * lattices cannot overflow the C stack.  The remembered intents take
 * attributes times words of each level; past PRUNE_BUDGET bytes in all,
 * deeper levels remember nothing and test as Close-by-One does, which
 * finds the same concepts, only more slowly.  The bitsets are those of
 * struct fca_bits (internal.h): columns no object has are one column, and
 * the attributes are tried in order of increasing support, which on
 * Mushroom halves the time (the rarest attributes first make the smallest
 * extents first, and most canonicity tests fail early and cheaply).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define PRUNE_BUDGET	((size_t)64 << 20)

struct child {
	size_t ext;		/* in the level's ext */
	size_t intent;		/* in the level's ints, in words */
	uint32_t len;		/* of the extent */
	uint32_t j;		/* the attribute added */
};

/* The children of the node being expanded at one depth. */
struct level {
	uint32_t *ext;		/* their extents, one after another */
	size_t ext_len, ext_cap;
	uint64_t *ints;		/* their intents, W words each */
	size_t ints_len, ints_cap;
	struct child *kids;
	size_t nkids, kids_cap, next;
	uint64_t *fail;		/* m intents of W words: N_j for the
				 * children, or NULL when over budget */
	bool fail_tried;
};

struct fcbo {
	const struct fca_bits *b;
	size_t n, m, W;
	const uint64_t *rows;	/* n rows of W words */
	const uint64_t *full;	/* every attribute */
	struct level *lv;
	size_t nlv;
	size_t budget;		/* bytes left for fail arrays */
	fca_bits_fn fn;
	void *data;
	uint64_t count;
};

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void
fca_sort_attributes(uint32_t *v, size_t n)
{
	if (n > 32) {
		qsort(v, n, sizeof(*v), cmp_u32);
		return;
	}
	/* Intents are short: insertion sort. */
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Attributes ordered by support, then number: a counting sort. */
static void
order_by_support(const struct fca_context *ctx, uint32_t *attrs, size_t m)
{
	const size_t n = fca_context_objects(ctx);
	const size_t all = fca_context_attributes(ctx);
	size_t *sup = g_new0(size_t, all + 1);
	size_t *start = g_new0(size_t, n + 2);
	uint32_t *out = g_new(uint32_t, m + 1);
	size_t g, k, len, i;

	for (g = 0; g < n; g++) {
		const uint32_t *r = fca_context_row(ctx, (unsigned)g, &len);
		for (k = 0; k < len; k++)
			sup[r[k]]++;
	}
	for (i = 0; i < m; i++)
		start[sup[attrs[i]] + 1]++;
	for (i = 0; i <= n; i++)
		start[i + 1] += start[i];
	for (i = 0; i < m; i++)
		out[start[sup[attrs[i]]]++] = attrs[i];
	memcpy(attrs, out, m * sizeof(*attrs));
	g_free(out);
	g_free(start);
	g_free(sup);
}

void
fca_bits_init(struct fca_bits *b, const struct fca_context *ctx)
{
	const size_t m = fca_context_attributes(ctx);
	uint32_t *here = g_new(uint32_t, m + 1);
	bool *used = g_new0(bool, m + 1);
	size_t a, g, k, len;

	memset(b, 0, sizeof(*b));
	b->n = fca_context_objects(ctx);
	b->mall = m;
	for (g = 0; g < b->n; g++) {
		const uint32_t *r = fca_context_row(ctx, (unsigned)g, &len);
		for (k = 0; k < len; k++)
			used[r[k]] = true;
	}
	b->orig = g_new(uint32_t, m + 1);
	b->empty = g_new(uint32_t, m + 1);
	for (a = 0; a < m; a++) {
		if (used[a])
			b->orig[b->m++] = (uint32_t)a;
		else
			b->empty[b->nempty++] = (uint32_t)a;
	}
	order_by_support(ctx, b->orig, b->m);
	for (a = 0; a < b->m; a++)
		here[b->orig[a]] = (uint32_t)a;
	if (b->nempty > 0) {
		b->merged = true;
		b->orig[b->m++] = b->empty[0];
	}
	b->W = (b->m + 63) / 64;
	b->rows = g_new0(uint64_t, b->n * b->W + 1);
	for (g = 0; g < b->n; g++) {
		const uint32_t *r = fca_context_row(ctx, (unsigned)g, &len);
		uint64_t *row = b->rows + g * b->W;
		for (k = 0; k < len; k++)
			row[here[r[k]] >> 6] |= (uint64_t)1 << (here[r[k]] & 63);
	}
	b->full = g_new0(uint64_t, b->W + 1);
	for (a = 0; a < b->m; a++)
		b->full[a >> 6] |= (uint64_t)1 << (a & 63);
	b->all = g_new(uint32_t, m + 1);
	for (a = 0; a < m; a++)
		b->all[a] = (uint32_t)a;
	g_free(here);
	g_free(used);
}

void
fca_bits_done(struct fca_bits *b)
{
	g_free(b->rows);
	g_free(b->full);
	g_free(b->orig);
	g_free(b->empty);
	g_free(b->all);
}

static void
fcbo_init(struct fcbo *f, const struct fca_bits *b)
{
	memset(f, 0, sizeof(*f));
	f->b = b;
	f->n = b->n;
	f->m = b->m;
	f->W = b->W;
	f->rows = b->rows;
	f->full = b->full;
	f->budget = PRUNE_BUDGET;
}

static void
fcbo_done(struct fcbo *f)
{
	for (size_t d = 0; d < f->nlv; d++) {
		g_free(f->lv[d].ext);
		g_free(f->lv[d].ints);
		g_free(f->lv[d].kids);
		g_free(f->lv[d].fail);
	}
	g_free(f->lv);
}

static struct level *
level_at(struct fcbo *f, size_t d)
{
	if (d >= f->nlv) {
		size_t nlv = f->nlv * 2 + 8;

		f->lv = g_renew(struct level, f->lv, nlv);
		memset(f->lv + f->nlv, 0, (nlv - f->nlv) * sizeof(*f->lv));
		f->nlv = nlv;
	}
	return &f->lv[d];
}

/* Room for one more child of nA objects and W words. */
static void
level_reserve(struct level *L, size_t nA, size_t W)
{
	if (L->ext_len + nA > L->ext_cap) {
		L->ext_cap = (L->ext_len + nA) * 2;
		L->ext = g_renew(uint32_t, L->ext, L->ext_cap);
	}
	if (L->ints_len + W > L->ints_cap) {
		L->ints_cap = (L->ints_len + W) * 2 + 1;
		L->ints = g_renew(uint64_t, L->ints, L->ints_cap);
	}
	if (L->nkids == L->kids_cap) {
		L->kids_cap = L->kids_cap * 2 + 8;
		L->kids = g_renew(struct child, L->kids, L->kids_cap);
	}
}

/* Keeps the child just computed at the end of L's buffers. */
static void
add_child(struct level *L, size_t c, size_t j, size_t W)
{
	struct child *k = &L->kids[L->nkids++];

	k->ext = L->ext_len;
	k->intent = L->ints_len;
	k->len = (uint32_t)c;
	k->j = (uint32_t)j;
	L->ext_len += c;
	L->ints_len += W;
}

/*
 * Gives the concept (A, B) found by adding attribute y - 1 and computes its
 * children into level d, with N the failed intents its parent remembered
 * (or NULL).  A and B must not lie in level d.  False when the callback
 * stopped the search.
 */
static bool
expand(struct fcbo *f, size_t d, const uint32_t *A, size_t nA,
    const uint64_t *B, size_t y, const uint64_t *N)
{
	const size_t W = f->W, m = f->m;
	struct level *L = level_at(f, d);
	uint64_t *M;

	if (f->fn == NULL)
		f->count++;
	else if (!f->fn(f->data, A, nA, B))
		return false;
	L->ext_len = L->ints_len = L->nkids = L->next = 0;
	if (y >= m || memcmp(B, f->full, W * sizeof(uint64_t)) == 0)
		return true;
	if (!L->fail_tried) {
		size_t bytes = m * W * sizeof(uint64_t);

		L->fail_tried = true;
		if (bytes <= f->budget) {
			f->budget -= bytes;
			L->fail = g_new(uint64_t, m * W);
		}
	}
	M = L->fail;
	if (M != NULL) {
		if (N != NULL)
			memcpy(M + y * W, N + y * W, (m - y) * W *
			    sizeof(uint64_t));
		else
			memset(M + y * W, 0, (m - y) * W * sizeof(uint64_t));
	}
	for (size_t j = y; j < m; j++) {
		const size_t jw = j >> 6;
		const uint64_t bit = (uint64_t)1 << (j & 63), below = bit - 1;
		size_t w, c = 0;

		if (B[jw] & bit)
			continue;
		if (N != NULL) {
			/* N_j & Y_j must be within B, or (C, D) fails. */
			const uint64_t *Nj = N + j * W;
			for (w = 0; w < jw && (Nj[w] & ~B[w]) == 0; w++)
				;
			if (w < jw || (Nj[jw] & below & ~B[jw]) != 0)
				continue;
		}
		level_reserve(L, nA, W);
		uint32_t *C = L->ext + L->ext_len;
		uint64_t *D = L->ints + L->ints_len;
		if (W > 2) {
			/*
			 * With long rows, first find C: when it is empty, D is
			 * every attribute and no row need be read.
			 */
			for (size_t i = 0; i < nA; i++)
				if (f->rows[(size_t)A[i] * W + jw] & bit)
					C[c++] = A[i];
			if (c == 0) {
				for (w = 0; w < jw && B[w] == ~(uint64_t)0; w++)
					;
				if (w == jw && (~B[jw] & below) == 0) {
					memcpy(D, f->full, W * sizeof(uint64_t));
					add_child(L, 0, j, W);
				} else if (M != NULL) {
					memcpy(M + j * W, f->full, W *
					    sizeof(uint64_t));
				}
				continue;
			}
		}
		memcpy(D, f->full, W * sizeof(uint64_t));
		if (W == 2) {
			uint64_t d0 = D[0], d1 = D[1];
			for (size_t i = 0; i < nA; i++) {
				const uint64_t *r = f->rows + (size_t)A[i] * 2;
				if (r[jw] & bit) {
					C[c++] = A[i];
					d0 &= r[0];
					d1 &= r[1];
				}
			}
			D[0] = d0;
			D[1] = d1;
		} else if (W == 1) {
			uint64_t d0 = D[0];
			for (size_t i = 0; i < nA; i++) {
				const uint64_t r = f->rows[A[i]];
				if (r & bit) {
					C[c++] = A[i];
					d0 &= r;
				}
			}
			D[0] = d0;
		} else {
			for (size_t i = 0; i < c; i++) {
				const uint64_t *r = f->rows + (size_t)C[i] * W;
				for (w = 0; w < W; w++)
					D[w] &= r[w];
			}
		}
		/* Canonical: D adds no attribute below j to B. */
		for (w = 0; w < jw && D[w] == B[w]; w++)
			;
		if (w == jw && ((D[jw] ^ B[jw]) & below) == 0)
			add_child(L, c, j, W);
		else if (M != NULL) {
			memcpy(M + j * W, D, W * sizeof(uint64_t));
		}
	}
	return true;
}

bool
fca_bits_enumerate(const struct fca_bits *b, fca_bits_fn fn, void *data,
    uint64_t *count)
{
	struct fcbo f;
	bool ok = true;
	uint32_t *top;
	uint64_t *B;
	size_t d;

	fcbo_init(&f, b);
	f.fn = fn;
	f.data = data;
	/* The top concept: every object, and what they all have. */
	top = g_new(uint32_t, f.n + 1);
	B = g_new(uint64_t, f.W + 1);
	memcpy(B, f.full, f.W * sizeof(uint64_t));
	for (size_t g = 0; g < f.n; g++) {
		top[g] = (uint32_t)g;
		for (size_t w = 0; w < f.W; w++)
			B[w] &= f.rows[g * f.W + w];
	}
	if (!expand(&f, 0, top, f.n, B, 0, NULL)) {
		ok = false;
		goto out;
	}
	d = 0;
	for (;;) {
		struct level *L = &f.lv[d];

		if (L->next == L->nkids) {
			if (d == 0)
				break;
			d--;
			continue;
		}
		const struct child *k = &L->kids[L->next++];
		/* The buffers of level d stay put while d + 1 is filled. */
		if (!expand(&f, d + 1, L->ext + k->ext, k->len,
		    L->ints + k->intent, (size_t)k->j + 1, L->fail)) {
			ok = false;
			break;
		}
		d++;
	}
out:
	if (count != NULL)
		*count = f.count;
	g_free(top);
	g_free(B);
	fcbo_done(&f);
	return ok;
}

/* The public enumeration: intents as lists of the context's attributes. */
struct listing {
	const struct fca_bits *b;
	GArray *intent;
	fca_concept_fn fn;
	void *data;
};

static bool
list_one(void *data, const uint32_t *extent, size_t n, const uint64_t *B)
{
	struct listing *ls = data;
	const struct fca_bits *b = ls->b;
	struct fca_concept c = { .extent = extent, .extent_len = n };

	if (b->merged && (B[(b->m - 1) >> 6] >> ((b->m - 1) & 63) & 1)) {
		/* The attribute for the empty columns: every attribute. */
		c.intent = b->all;
		c.intent_len = b->mall;
	} else {
		g_array_set_size(ls->intent, 0);
		for (size_t w = 0; w < b->W; w++)
			for (uint64_t x = B[w]; x != 0; x &= x - 1) {
				uint32_t a = b->orig[w * 64 +
				    (size_t)__builtin_ctzll(x)];
				g_array_append_val(ls->intent, a);
			}
		c.intent = (const uint32_t *)(void *)ls->intent->data;
		c.intent_len = ls->intent->len;
		fca_sort_attributes((uint32_t *)(void *)ls->intent->data,
		    ls->intent->len);
	}
	return ls->fn(ls->data, &c);
}

bool
fca_enumerate(const struct fca_context *ctx, fca_concept_fn fn, void *data)
{
	struct fca_bits b;
	struct listing ls = { .b = &b, .fn = fn, .data = data };
	bool ok;

	fca_bits_init(&b, ctx);
	ls.intent = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), 1);
	ok = fca_bits_enumerate(&b, list_one, &ls, NULL);
	g_array_free(ls.intent, TRUE);
	fca_bits_done(&b);
	return ok;
}

uint64_t
fca_count(const struct fca_context *ctx)
{
	struct fca_bits b;
	uint64_t n = 0;

	fca_bits_init(&b, ctx);
	fca_bits_enumerate(&b, NULL, NULL, &n);
	fca_bits_done(&b);
	return n;
}
