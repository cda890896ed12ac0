/*
 * accessset.c: sets of normalised accesses and their algebra (accessset.h).
 *
 * One dictionary, shared by every live set and reference-counted by them,
 * interns each distinct access: a GHashTable from the text (kept once in a
 * GStringChunk) to its id, and arrays from the id to the text and its
 * length.  A set is, while it is being added to, its ids in the order they
 * arrived with a table from id to arrival (one 32-bit word per id of the
 * dictionary, freed when the set is sealed); sealed, it is its ids sorted,
 * or a bitset over the ids with a popcount directory every 8 words, the
 * smaller of the two, and beside them by rank the counts and first lines
 * (32-bit words, widened to 64 bits only when a value needs it) and the
 * index of the first file in the set's table of files (only once a set has
 * two files).  So a member costs 8 to 12 bytes and a bit or 4 bytes, its
 * text once for the process whatever the number of sets.
 *
 * Sealing sorts the arrivals by id, by walking the id table when that is
 * shorter than sorting.  An intersection or a difference walks the first
 * set in id order and tests the others, so its result arrives sorted; a
 * union adds every operand to a new set.  Results are printed through
 * access_set_sorted(), which sorts by the texts, never in id order.
 */
#include <string.h>

#include <glib.h>

#include "accessset.h"

/* Numbers of 32 bits, widened to 64 when one needs it. */
struct nums {
	guint32 *n;
	uint64_t *w;
	size_t len, cap;
};

static uint64_t
nums_get(const struct nums *v, size_t i)
{
	return v->w != NULL ? v->w[i] : v->n[i];
}

static void
nums_widen(struct nums *v)
{
	v->w = g_new(uint64_t, MAX(v->cap, 1));
	for (size_t i = 0; i < v->len; i++)
		v->w[i] = v->n[i];
	g_free(v->n);
	v->n = NULL;
}

static void
nums_set(struct nums *v, size_t i, uint64_t x)
{
	if (v->w == NULL && x > G_MAXUINT32)
		nums_widen(v);
	if (v->w != NULL)
		v->w[i] = x;
	else
		v->n[i] = (guint32)x;
}

static void
nums_resize(struct nums *v, size_t cap)
{
	v->cap = cap;
	if (v->w != NULL)
		v->w = g_renew(uint64_t, v->w, MAX(cap, 1));
	else
		v->n = g_renew(guint32, v->n, MAX(cap, 1));
}

static void
nums_push(struct nums *v, uint64_t x)
{
	if (v->len == v->cap)
		nums_resize(v, MAX(16, v->cap * 2));
	nums_set(v, v->len++, x);
}

static void
nums_clear(struct nums *v)
{
	g_free(v->n);
	g_free(v->w);
	memset(v, 0, sizeof(*v));
}

/* v reordered: element i becomes old element perm[i]. */
static void
nums_permute(struct nums *v, const guint32 *perm)
{
	if (v->w != NULL) {
		uint64_t *w = g_new(uint64_t, MAX(v->len, 1));
		for (size_t i = 0; i < v->len; i++)
			w[i] = v->w[perm[i]];
		g_free(v->w);
		v->w = w;
	} else {
		guint32 *n = g_new(guint32, MAX(v->len, 1));
		for (size_t i = 0; i < v->len; i++)
			n[i] = v->n[perm[i]];
		g_free(v->n);
		v->n = n;
	}
	v->cap = v->len;
}

/* The dictionary of every set of the process. */
struct dict {
	unsigned refs;
	GHashTable *ids;	/* text (in chunk) -> id + 1 */
	GStringChunk *chunk;
	const char **text;	/* by id */
	guint32 *len;
	size_t n, cap;
	char *key;		/* scratch: a text with its NUL */
	size_t key_cap;
};

static struct dict *dict;

static void
dict_ref(void)
{
	if (dict == NULL) {
		dict = g_new0(struct dict, 1);
		dict->ids = g_hash_table_new(g_str_hash, g_str_equal);
		dict->chunk = g_string_chunk_new(256 * 1024);
	}
	dict->refs++;
}

static void
dict_unref(void)
{
	if (--dict->refs > 0)
		return;
	g_hash_table_destroy(dict->ids);
	g_string_chunk_free(dict->chunk);
	g_free(dict->text);
	g_free(dict->len);
	g_free(dict->key);
	g_free(dict);
	dict = NULL;
}

#define NO_ID	G_MAXUINT32

/* The id of text, or NO_ID when it was never interned. */
static guint32
dict_find(const char *text, size_t len)
{
	if (len >= dict->key_cap) {
		dict->key_cap = MAX(len + 1, 2 * dict->key_cap);
		dict->key = g_renew(char, dict->key, dict->key_cap);
	}
	memcpy(dict->key, text, len);
	dict->key[len] = '\0';
	return GPOINTER_TO_UINT(g_hash_table_lookup(dict->ids, dict->key)) - 1;
}

static guint32
dict_intern(const char *text, size_t len)
{
	guint32 id = dict_find(text, len);

	if (id != NO_ID)
		return id;
	g_assert(dict->n < NO_ID - 1 && len <= G_MAXUINT32);
	if (dict->n == dict->cap) {
		dict->cap = MAX(1024, dict->cap * 2);
		dict->text = g_renew(const char *, dict->text, dict->cap);
		dict->len = g_renew(guint32, dict->len, dict->cap);
	}
	id = (guint32)dict->n++;
	dict->text[id] = g_string_chunk_insert_len(dict->chunk, text, len);
	dict->len[id] = (guint32)len;
	g_hash_table_insert(dict->ids, (gpointer)dict->text[id],
	    GUINT_TO_POINTER(id + 1));
	return id;
}

size_t
access_universe(void)
{
	return dict != NULL ? dict->n : 0;
}

struct access_set {
	size_t n;		/* members */
	/* Sealed: the ids sorted, or a bitset. */
	bool dense;
	guint32 *ids;		/* n, increasing (!dense) */
	uint64_t *bits;		/* nwords (dense) */
	size_t nwords;
	guint32 *dir;		/* members before word 8 k (dense) */
	/* By rank when sealed, by arrival while building. */
	struct nums count, line, fileix;
	bool multi_file;	/* fileix is kept */
	GPtrArray *files;	/* interned names, first use first */
	GHashTable *file_ix;	/* name -> index + 1 */
	guint last_file;
	/* Building. */
	bool building;
	guint32 *arr;		/* ids by arrival, n of arr_cap */
	size_t arr_cap;
	guint32 *slot;		/* id -> arrival + 1, slot_cap ids */
	size_t slot_cap;
	bool in_order;		/* the arrivals' ids increase */
};

struct access_set *
access_set_new(void)
{
	struct access_set *set = g_new0(struct access_set, 1);

	dict_ref();
	set->files = g_ptr_array_new();
	set->file_ix = g_hash_table_new(g_direct_hash, g_direct_equal);
	set->building = true;
	set->in_order = true;
	return set;
}

static void
clear_members(struct access_set *set)
{
	g_clear_pointer(&set->ids, g_free);
	g_clear_pointer(&set->bits, g_free);
	g_clear_pointer(&set->dir, g_free);
	g_clear_pointer(&set->arr, g_free);
	g_clear_pointer(&set->slot, g_free);
}

void
access_set_free(struct access_set *set)
{
	if (set == NULL)
		return;
	clear_members(set);
	nums_clear(&set->count);
	nums_clear(&set->line);
	nums_clear(&set->fileix);
	g_ptr_array_free(set->files, TRUE);
	g_hash_table_destroy(set->file_ix);
	g_free(set);
	dict_unref();
}

size_t
access_set_size(const struct access_set *set)
{
	return set->n;
}

/* The rank of id in a sealed set, or -1. */
static gssize
rank_of(const struct access_set *set, guint32 id)
{
	if (set->dense) {
		size_t w = id / 64;
		if (w >= set->nwords || !((set->bits[w] >> (id % 64)) & 1))
			return -1;
		size_t r = set->dir[w / 8];
		for (size_t k = w & ~(size_t)7; k < w; k++)
			r += (size_t)__builtin_popcountll(set->bits[k]);
		uint64_t below = (UINT64_C(1) << (id % 64)) - 1;
		return (gssize)(r + (size_t)__builtin_popcountll(
		    set->bits[w] & below));
	}
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->n && set->ids[lo] == id ? (gssize)lo : -1;
}

/* The members in id order: a cursor on the stack. */
struct cursor {
	const struct access_set *set;
	size_t rank, w;
	uint64_t cur;
};

static void
cursor_init(struct cursor *c, const struct access_set *set)
{
	c->set = set;
	c->rank = 0;
	c->w = 0;
	c->cur = set->dense && set->nwords > 0 ? set->bits[0] : 0;
}

/* The next member's id; false at the end.  c->rank is then its rank + 1. */
static bool
cursor_next(struct cursor *c, guint32 *id)
{
	const struct access_set *s = c->set;

	if (c->rank >= s->n)
		return false;
	if (!s->dense) {
		*id = s->ids[c->rank++];
		return true;
	}
	while (c->cur == 0)
		c->cur = s->bits[++c->w];
	*id = (guint32)(c->w * 64 + (size_t)__builtin_ctzll(c->cur));
	c->cur &= c->cur - 1;
	c->rank++;
	return true;
}

static void
fill(const struct access_set *set, size_t rank, guint32 id, struct access *a)
{
	a->id = id;
	a->text = dict->text[id];
	a->len = dict->len[id];
	a->count = nums_get(&set->count, rank);
	a->line = nums_get(&set->line, rank);
	a->file = set->files->len == 0 ? NULL : set->files->pdata[
	    set->multi_file ? nums_get(&set->fileix, rank) : 0];
}

static int
by_id(const void *pa, const void *pb, void *ctx)
{
	const guint32 *arr = ctx;
	guint32 a = arr[*(const guint32 *)pa], b = arr[*(const guint32 *)pb];

	return a < b ? -1 : a > b;
}

/*
 * Seals set: the arrivals sorted by id, the smaller of sorted ids and a
 * bitset.  Reading operations seal their operands, which is why they cast
 * away const: the members do not change.
 */
static void
seal(const struct access_set *cset)
{
	struct access_set *set = (struct access_set *)cset;
	size_t n = set->n;

	if (!set->building)
		return;
	if (!set->in_order) {
		guint32 *perm = g_new(guint32, MAX(n, 1));
		size_t k = 0;
		/* Walk the id table when it is shorter than a sort. */
		if (set->slot_cap < n * 16) {
			for (size_t id = 0; id < set->slot_cap; id++)
				if (set->slot[id] != 0)
					perm[k++] = set->slot[id] - 1;
			g_assert(k == n);
		} else {
			for (k = 0; k < n; k++)
				perm[k] = (guint32)k;
			g_qsort_with_data(perm, (gint)n, sizeof(guint32),
			    by_id, set->arr);
		}
		guint32 *arr = g_new(guint32, MAX(n, 1));
		for (k = 0; k < n; k++)
			arr[k] = set->arr[perm[k]];
		g_free(set->arr);
		set->arr = arr;
		nums_permute(&set->count, perm);
		nums_permute(&set->line, perm);
		if (set->multi_file)
			nums_permute(&set->fileix, perm);
		g_free(perm);
	} else {
		nums_resize(&set->count, n);
		nums_resize(&set->line, n);
		if (set->multi_file)
			nums_resize(&set->fileix, n);
	}
	g_clear_pointer(&set->slot, g_free);
	set->slot_cap = 0;
	set->nwords = n > 0 ? set->arr[n - 1] / 64 + 1 : 0;
	/* A bitset and its directory, or 4 bytes a member. */
	set->dense = n > 0 && set->nwords * 8 + (set->nwords / 8 + 1) * 4 <
	    n * 4;
	if (set->dense) {
		set->bits = g_new0(uint64_t, set->nwords);
		for (size_t k = 0; k < n; k++)
			set->bits[set->arr[k] / 64] |= UINT64_C(1) <<
			    (set->arr[k] % 64);
		set->dir = g_new(guint32, set->nwords / 8 + 1);
		size_t r = 0;
		for (size_t w = 0; w < set->nwords; w++) {
			if (w % 8 == 0)
				set->dir[w / 8] = (guint32)r;
			r += (size_t)__builtin_popcountll(set->bits[w]);
		}
		g_clear_pointer(&set->arr, g_free);
	} else {
		set->ids = g_renew(guint32, set->arr, MAX(n, 1));
		set->arr = NULL;
	}
	set->arr_cap = 0;
	set->building = false;
}

void
access_set_pack(struct access_set *set)
{
	seal(set);
}

/* Back to building: the members become arrivals in id order. */
static void
unseal(struct access_set *set)
{
	struct cursor c;
	guint32 id;

	if (set->building)
		return;
	set->arr_cap = MAX(set->n, 16);
	set->arr = g_new(guint32, set->arr_cap);
	cursor_init(&c, set);
	while (cursor_next(&c, &id))
		set->arr[c.rank - 1] = id;
	g_clear_pointer(&set->ids, g_free);
	g_clear_pointer(&set->bits, g_free);
	g_clear_pointer(&set->dir, g_free);
	set->nwords = 0;
	set->dense = false;
	set->in_order = true;
	set->building = true;
	set->count.cap = set->count.len;
	set->line.cap = set->line.len;
	set->fileix.cap = set->fileix.len;
	/* slot is filled by need_slot(). */
	set->slot_cap = 0;
}

/* The arrival table of a building set covers id. */
static void
need_slot(struct access_set *set, guint32 id)
{
	if (id < set->slot_cap)
		return;
	size_t cap = MAX(MAX(dict->n, (size_t)id + 1), set->slot_cap * 2);
	bool fresh = set->slot == NULL;

	set->slot = g_renew(guint32, set->slot, cap);
	memset(set->slot + set->slot_cap, 0, (cap - set->slot_cap) *
	    sizeof(guint32));
	set->slot_cap = cap;
	if (fresh)
		for (size_t k = 0; k < set->n; k++)
			set->slot[set->arr[k]] = (guint32)k + 1;
}

static guint
file_index(struct access_set *set, const char *file)
{
	if (set->files->len > 0 && set->files->pdata[set->last_file] == file)
		return set->last_file;
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(set->file_ix, file));
	if (i == 0) {
		g_ptr_array_add(set->files, (gpointer)file);
		i = set->files->len;
		g_hash_table_insert(set->file_ix, (gpointer)file,
		    GUINT_TO_POINTER(i));
		if (i == 2 && !set->multi_file) {
			set->multi_file = true;
			nums_resize(&set->fileix, MAX(set->count.cap, 16));
			for (size_t k = 0; k < set->n; k++)
				nums_set(&set->fileix, k, 0);
			set->fileix.len = set->n;
		}
	}
	set->last_file = i - 1;
	return i - 1;
}

enum merge { ADD, KEEP, GREATEST };

/* Adds id with count and first occurrence file:line, merging as m says
 * when set has it. */
static void
add_id(struct access_set *set, guint32 id, uint64_t count, const char *file,
    uint64_t line, enum merge m)
{
	unseal(set);
	need_slot(set, id);
	guint32 s = set->slot[id];
	if (s != 0) {
		uint64_t old = nums_get(&set->count, s - 1);
		if (m == ADD)
			nums_set(&set->count, s - 1, old + count);
		else if (m == GREATEST && count > old)
			nums_set(&set->count, s - 1, count);
		return;
	}
	g_assert(set->n < NO_ID - 1);
	if (set->n == set->arr_cap) {
		set->arr_cap = MAX(16, set->arr_cap * 2);
		set->arr = g_renew(guint32, set->arr, set->arr_cap);
	}
	if (set->n > 0 && set->arr[set->n - 1] > id)
		set->in_order = false;
	set->arr[set->n] = id;
	guint f = file_index(set, file);
	nums_push(&set->count, count);
	nums_push(&set->line, line);
	if (set->multi_file)
		nums_push(&set->fileix, f);
	set->slot[id] = (guint32)++set->n;
}

void
access_set_add(struct access_set *set, const char *text, size_t len,
    const char *file, uint64_t line)
{
	add_id(set, dict_intern(text, len), 1, file, line, ADD);
}

bool
access_set_lookup(const struct access_set *set, const char *text, size_t len,
    struct access *a)
{
	guint32 id = dict_find(text, len);
	gssize r;

	if (id == NO_ID)
		return false;
	seal(set);
	if ((r = rank_of(set, id)) < 0)
		return false;
	if (a != NULL)
		fill(set, (size_t)r, id, a);
	return true;
}

bool
access_set_has_id(const struct access_set *set, guint32 id)
{
	seal(set);
	return rank_of(set, id) >= 0;
}

/* The id of the member of rank r of a sealed set. */
static guint32
id_at(const struct access_set *set, size_t r)
{
	if (!set->dense)
		return set->ids[r];
	/* The last directory entry at or below r, then the words. */
	size_t lo = 0, hi = (set->nwords + 7) / 8;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->dir[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	size_t left = r - set->dir[lo], w = lo * 8;
	for (;; w++) {
		size_t c = (size_t)__builtin_popcountll(set->bits[w]);
		if (left < c)
			break;
		left -= c;
	}
	uint64_t b = set->bits[w];
	while (left-- > 0)
		b &= b - 1;
	return (guint32)(w * 64 + (size_t)__builtin_ctzll(b));
}

void
access_set_nth(const struct access_set *set, size_t rank, struct access *a)
{
	seal(set);
	g_return_if_fail(rank < set->n);
	fill(set, rank, id_at(set, rank), a);
}

static int
by_text(const void *pa, const void *pb, void *ctx)
{
	guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
	guint32 la = dict->len[a], lb = dict->len[b];
	int c = memcmp(dict->text[a], dict->text[b], MIN(la, lb));

	(void)ctx;
	if (c != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

GArray *
access_set_sorted(const struct access_set *set)
{
	GArray *v = g_array_sized_new(FALSE, FALSE, sizeof(guint), set->n);
	struct cursor c;
	guint32 id;

	seal(set);
	g_array_set_size(v, set->n);
	guint *r = (guint *)(void *)v->data;
	cursor_init(&c, set);
	while (cursor_next(&c, &id))
		r[c.rank - 1] = id;
	g_qsort_with_data(r, (gint)set->n, sizeof(guint), by_text, NULL);
	for (size_t k = 0; k < set->n; k++)
		r[k] = (guint)rank_of(set, r[k]);
	return v;
}

void
access_set_foreach(const struct access_set *set,
    void (*fn)(const struct access *a, void *ctx), void *ctx)
{
	struct cursor c;
	struct access a;
	guint32 id;

	seal(set);
	cursor_init(&c, set);
	while (cursor_next(&c, &id)) {
		fill(set, c.rank - 1, id, &a);
		fn(&a, ctx);
	}
}

void
access_set_or_bits(const struct access_set *set, uint64_t *bits,
    size_t nwords)
{
	seal(set);
	if (set->dense) {
		g_return_if_fail(set->nwords <= nwords);
		for (size_t w = 0; w < set->nwords; w++)
			bits[w] |= set->bits[w];
		return;
	}
	for (size_t k = 0; k < set->n; k++) {
		guint32 id = set->ids[k];
		g_return_if_fail(id / 64 < nwords);
		bits[id / 64] |= UINT64_C(1) << (id % 64);
	}
}

struct access_set *
access_set_from_bits(const uint64_t *bits, size_t nwords,
    const struct access_set *const *from, size_t nfrom, bool one)
{
	struct access_set *out = access_set_new();

	for (size_t k = 0; k < nfrom; k++)
		seal(from[k]);
	for (size_t w = 0; w < nwords; w++)
		for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
			guint32 id = (guint32)(w * 64 +
			    (size_t)__builtin_ctzll(b));
			gssize r = -1;
			size_t k;
			for (k = 0; k < nfrom && r < 0; k++)
				r = rank_of(from[k], id);
			g_return_val_if_fail(r >= 0, out);
			struct access a;
			fill(from[k - 1], (size_t)r, id, &a);
			add_id(out, id, one ? 1 : a.count, a.file, a.line, KEEP);
		}
	return out;
}

const char *
access_op_name(enum access_op op)
{
	switch (op) {
	case ACCESS_DIFF: return "diff";
	case ACCESS_INTERSECT: return "intersect";
	case ACCESS_UNION: return "union";
	}
	return "?";
}

struct access_set *
access_set_apply(enum access_op op, const struct access_set *const *sets,
    size_t n, bool multiset)
{
	struct access_set *out = access_set_new();
	struct cursor c;
	struct access a;
	guint32 id;

	g_return_val_if_fail(n >= 1, out);
	for (size_t i = 0; i < n; i++)
		seal(sets[i]);
	if (op == ACCESS_UNION) {
		for (size_t i = 0; i < n; i++) {
			cursor_init(&c, sets[i]);
			while (cursor_next(&c, &id)) {
				fill(sets[i], c.rank - 1, id, &a);
				add_id(out, id, a.count, a.file, a.line,
				    multiset ? GREATEST : KEEP);
			}
		}
		return out;
	}
	cursor_init(&c, sets[0]);
	while (cursor_next(&c, &id)) {
		fill(sets[0], c.rank - 1, id, &a);
		uint64_t count = a.count, others = 0;
		bool keep = true;
		for (size_t i = 1; i < n && keep; i++) {
			gssize r = rank_of(sets[i], id);
			uint64_t bc = r >= 0 ? nums_get(&sets[i]->count,
			    (size_t)r) : 0;
			if (op == ACCESS_INTERSECT) {
				if (r < 0)
					keep = false;
				else if (bc < count)
					count = bc;
			} else if (r >= 0) {
				if (!multiset)
					keep = false;
				others += bc;
			}
		}
		if (op == ACCESS_DIFF && multiset) {
			if (others >= count)
				keep = false;
			else
				count -= others;
		}
		if (!multiset)
			count = a.count;
		if (keep)
			add_id(out, id, count, a.file, a.line, KEEP);
	}
	return out;
}
