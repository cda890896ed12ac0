/*
 * accessset.h: sets and multisets of normalised resource accesses, and the
 * set algebra over them (tracemine diff, intersect, union).
 *
 * An access is one line of "tracemine norm" output: bytes, compared exactly.
 * A set remembers, for every access, how many times it occurred and where it
 * occurred first (file and line), so results can point back into the logs.
 *
 * Ownership: the operations take their operands const and return a new set
 * that the caller frees with access_set_free().  Access strings are copied
 * into the set that holds them.
 */
#ifndef MINING_ACCESSSET_H
#define MINING_ACCESSSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

struct access {
	const char *text;	/* the normalised access, NUL-terminated */
	size_t len;		/* its length (it may hold no NUL; see norm) */
	uint64_t count;
	const char *file;	/* interned: where it occurred first */
	uint64_t line;
};

struct access_set;

struct access_set *access_set_new(void);
void access_set_free(struct access_set *set);

/* Adds one occurrence of text at file:line (file interned by the caller). */
void access_set_add(struct access_set *set, const char *text, size_t len,
    const char *file, uint64_t line);

/* Number of distinct accesses. */
size_t access_set_size(const struct access_set *set);

/* The access equal to text, or NULL. */
const struct access *access_set_lookup(const struct access_set *set,
    const char *text, size_t len);

/*
 * The accesses sorted by their bytes (memcmp order, shorter first on a tie),
 * as a GPtrArray of const struct access * (transfer container: free the
 * array, not the elements; valid while the set lives).
 */
GPtrArray *access_set_sorted(const struct access_set *set);

/*
 * Calls fn(a, ctx) on every access of set, in no particular order: for
 * counting and testing membership, never for printing (use
 * access_set_sorted()).  set must not change during the walk.
 */
void access_set_foreach(const struct access_set *set,
    void (*fn)(const struct access *a, void *ctx), void *ctx);

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
 * order) that has the access.  n must be at least 1.
 */
struct access_set *access_set_apply(enum access_op op,
    const struct access_set *const *sets, size_t n, bool multiset);

/* "diff", "intersect", "union". */
const char *access_op_name(enum access_op op);

#endif
