/*
 * accessset.h: sets and multisets of normalised resource accesses, and the
 * set algebra over them (tracemine diff, intersect, union, and the set
 * equations of solve).
 *
 * An access is one line of "tracemine norm" output: bytes, compared exactly.
 * A set remembers, for every access, how many times it occurred and where it
 * occurred first (file and line), so results can point back into the logs.
 *
 * Representation (issue 15): every distinct access of the process is
 * interned once in one dictionary that all live sets share, which gives it
 * a number, its id (ids are dense, from 0, in the order accesses were
 * first added).  A set is its members' ids, sorted, or a bitset over the
 * ids, whichever is smaller, with the counts and the first occurrences
 * kept beside them in arrays by rank (the member's place in id order).
 * Adding streams: the access is interned and its id recorded; the set
 * takes its compact form on the first operation that reads it.  The
 * dictionary is freed with the last set; the sets of one process must be
 * used from one thread.
 *
 * Ownership: the operations take their operands const and return a new set
 * that the caller frees with access_set_free().  Access texts belong to the
 * dictionary and stay valid while any set lives.
 */
#ifndef MINING_ACCESSSET_H
#define MINING_ACCESSSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* One access of a set, as the set fills it in (texts transfer none). */
struct access {
	const char *text;	/* the normalised access, NUL-terminated */
	size_t len;		/* its length (it holds no NUL; see norm) */
	uint64_t count;
	const char *file;	/* interned: where it occurred first */
	uint64_t line;
	guint32 id;		/* its number in the shared dictionary */
};

struct access_set;

struct access_set *access_set_new(void);
void access_set_free(struct access_set *set);

/* Adds one occurrence of text at file:line (file interned by the caller). */
void access_set_add(struct access_set *set, const char *text, size_t len,
    const char *file, uint64_t line);

/*
 * Gives set its compact form now, freeing what adding needs (reading
 * operations do it anyway): for loaders that keep many sets.  Adding
 * again is allowed.
 */
void access_set_pack(struct access_set *set);

/* Number of distinct accesses. */
size_t access_set_size(const struct access_set *set);

/*
 * Whether set holds the access equal to text; when it does and a is not
 * NULL, *a is filled in.
 */
bool access_set_lookup(const struct access_set *set, const char *text,
    size_t len, struct access *a);

/*
 * The ranks (0 .. size - 1) of the accesses of set sorted by their bytes
 * (memcmp order, shorter first on a tie), a GArray of guint (transfer
 * full); access_set_nth() gives each access.
 */
GArray *access_set_sorted(const struct access_set *set);

/* Fills *a with the access of rank rank (< access_set_size()). */
void access_set_nth(const struct access_set *set, size_t rank,
    struct access *a);

/*
 * Calls fn(a, ctx) on every access of set, in id order: for counting and
 * testing membership, never for printing (use access_set_sorted()).  *a is
 * valid during the call only.  set must not change during the walk.
 */
void access_set_foreach(const struct access_set *set,
    void (*fn)(const struct access *a, void *ctx), void *ctx);

/*
 * The number of distinct accesses interned so far: every id of every set
 * is below it, so a bitset of (access_universe() + 63) / 64 words holds
 * any set.
 */
size_t access_universe(void);

/* Whether set holds the access numbered id. */
bool access_set_has_id(const struct access_set *set, guint32 id);

/*
 * ORs the ids of set into the bitset bits of nwords 64-bit words (bit i of
 * word w is id 64 w + i); nwords must cover every id of set (a
 * programming error otherwise).
 */
void access_set_or_bits(const struct access_set *set, uint64_t *bits,
    size_t nwords);

/*
 * The set of the ids in bits (nwords words), each with its count and first
 * occurrence from the first set of from[0..nfrom) that holds it, and with
 * count 1 when one is true; an id no set of from holds is a programming
 * error.  Transfer full.
 */
struct access_set *access_set_from_bits(const uint64_t *bits, size_t nwords,
    const struct access_set *const *from, size_t nfrom, bool one);

enum access_op {
	ACCESS_DIFF,		/* in the first, in none of the others */
	ACCESS_INTERSECT,	/* in all */
	ACCESS_UNION,		/* in any */
};

/*
 * Applies op to sets[0..n).  With multiset false, an access is in the
 * result or not, and its count is its count in the first set that has it.
 * With multiset true, counts are compared: diff keeps count(first) minus
 * the sum of the others' counts when positive, intersect the least count,
 * union the greatest.  The first occurrence is that in the first set (in
 * order) that has the access.  n must be at least 1.  Intersections and
 * differences walk the first set in id order and test the others (a word
 * or a binary search each); a union marks ids in one table by id.
 */
struct access_set *access_set_apply(enum access_op op,
    const struct access_set *const *sets, size_t n, bool multiset);

/* "diff", "intersect", "union". */
const char *access_op_name(enum access_op op);

#endif
