/*
 * concepts.h: formal concept analysis (tracemine concepts).
 *
 * A formal context is a set of objects, a set of attributes and a relation
 * saying which object has which attribute.  A formal concept is a pair
 * (A, B) of a set of objects A, its extent, and a set of attributes B, its
 * intent, with B exactly the attributes all of A have and A exactly the
 * objects that have all of B.  Ordered by inclusion of extents, the
 * concepts form a complete lattice; its cover edges (the Hasse diagram)
 * link each concept to the next more general ones, its upper covers.  The
 * attributes a concept introduces, those of its intent that no upper cover
 * has, are the candidate fingerprints of the static mining of Ganapathy,
 * Jaeger and Jha (ICSE 2007): entry points as objects, resource accesses as
 * attributes.
 *
 * Concepts are enumerated by FCbO, the Fast Close-by-One algorithm of
 * Outrata and Vychodil (Information Sciences 196, 2012), over bitsets
 * (fcbo.c); the lattice, its covers and what each concept introduces are
 * built on it (lattice.c).  Contexts are built by hand, read from
 * Burmeister ".cxt" and FIMI ".dat" files (contextfile.c, the formats in
 * docs/contexts.md), or made from the accesses of traces.
 *
 * Objects and attributes are numbered from 0 in the order they were added.
 * Ownership: constructors return objects the caller frees with the
 * matching _free() (NULL is a no-op); accessors return pointers into the
 * object they were given, valid while it lives ("transfer none").  Names
 * are text that is safe to print as it is: the readers escape the bytes of
 * the names in a file as strace escapes bytes (trace_escape_bytes()), and
 * accesses are kept as "tracemine norm" prints them, which is already so.
 *
 * Errors are GError in the FCA_ERROR domain; a reader's messages begin
 * with "FILE:LINE:COL: ".
 */
#ifndef MINING_CONCEPTS_H
#define MINING_CONCEPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "mining/accessset.h"

#define FCA_ERROR (fca_error_quark())
GQuark fca_error_quark(void);

enum fca_error {
	FCA_ERROR_IO,		/* a file could not be opened or read */
	FCA_ERROR_SYNTAX,	/* the input is not a context */
	FCA_ERROR_LIMIT,	/* the context is larger than FCA_MAX_CELLS */
};

/*
 * The largest context handled, in object-attribute cells (objects times
 * attributes): its bitsets take FCA_MAX_CELLS / 8 bytes (128 MiB).  A
 * reader refuses a file that would make a larger one, so a few lines of a
 * FIMI file that name a large attribute number cannot ask for gigabytes.
 */
#define FCA_MAX_CELLS	((uint64_t)1 << 30)

struct fca_context;

/* An empty context: no objects, no attributes. */
struct fca_context *fca_context_new(void);
void fca_context_free(struct fca_context *ctx);

/*
 * Adds an object or an attribute named by name[0..len) (copied) and
 * returns its number.  Names need not be distinct.
 */
unsigned fca_context_add_object(struct fca_context *ctx, const char *name,
    size_t len);
unsigned fca_context_add_attribute(struct fca_context *ctx, const char *name,
    size_t len);

/* Says that object obj has attribute attr; both must exist. */
void fca_context_set(struct fca_context *ctx, unsigned obj, unsigned attr);

/* Whether object obj has attribute attr. */
bool fca_context_has(const struct fca_context *ctx, unsigned obj,
    unsigned attr);

unsigned fca_context_objects(const struct fca_context *ctx);
unsigned fca_context_attributes(const struct fca_context *ctx);

/* The name of an object or attribute, NUL-terminated (transfer none). */
const char *fca_context_object_name(const struct fca_context *ctx,
    unsigned obj);
const char *fca_context_attribute_name(const struct fca_context *ctx,
    unsigned attr);

/*
 * The attributes of object obj, in increasing order; *n is set to their
 * number (transfer none, valid until the context changes).
 */
const uint32_t *fca_context_row(const struct fca_context *ctx, unsigned obj,
    size_t *n);

/*
 * Reads a context from data[0..len), named name in errors: Burmeister
 * when its first line is "B", FIMI otherwise (docs/contexts.md).  NULL
 * with err set (FCA_ERROR_SYNTAX or FCA_ERROR_LIMIT, "NAME:LINE:COL:
 * expected X, found Y") when it is neither.  Memory is bounded by len,
 * whatever counts a header claims.
 */
struct fca_context *fca_context_parse(const char *name, const char *data,
    size_t len, GError **err);

/* The same from a file, "-" being standard input (FCA_ERROR_IO). */
struct fca_context *fca_context_read(const char *path, GError **err);

/*
 * The context of traces: object i is the trace names[i] (a file name,
 * escaped with trace_escape_bytes()), its attributes the accesses of
 * sets[i]; attributes are numbered in the byte order of the accesses
 * (access_set_sorted()), and named by them as "tracemine norm" prints
 * them.
 */
struct fca_context *fca_context_from_sets(const char *const *names,
    const struct access_set *const *sets, size_t n);

/*
 * One concept, as the enumeration hands it out (transfer none, valid
 * during the callback only): its extent as object numbers and its intent
 * as attribute numbers, each in increasing order.
 */
struct fca_concept {
	const uint32_t *extent;
	size_t extent_len;
	const uint32_t *intent;
	size_t intent_len;
};

/*
 * Calls fn on every concept of ctx once, in the order FCbO finds them
 * (the top concept first), until fn returns false.  Returns false when fn
 * stopped it, true when every concept was given.  Depth-first: memory is
 * that of one path of the search, not of the concepts found.
 */
typedef bool (*fca_concept_fn)(void *data, const struct fca_concept *c);
bool fca_enumerate(const struct fca_context *ctx, fca_concept_fn fn,
    void *data);

/* The number of concepts of ctx, found as fca_enumerate() finds them. */
uint64_t fca_count(const struct fca_context *ctx);

/*
 * The concept lattice of a context: every concept, numbered from 0 in
 * order of intents (fewer attributes first, then by the sorted lists of
 * attribute numbers compared element by element), so concept 0 is the
 * top and the last is the bottom; its cover edges; and what each concept
 * introduces.  It holds all concepts at once.  It keeps a pointer to ctx,
 * which must outlive it.
 */
struct fca_lattice;

struct fca_lattice *fca_lattice_new(const struct fca_context *ctx);
void fca_lattice_free(struct fca_lattice *l);

/*
 * The same with a bound: a lattice holds every concept, and a context of
 * n objects may have 2^n (the contranominal scale: object i has every
 * attribute but i), so the enumeration stops when it finds one concept
 * more than opts->max_concepts (0, or opts NULL: no bound), or more than
 * a GArray can hold.  NULL then, with err set (FCA_ERROR_LIMIT, saying
 * the bound and where the enumeration stopped); memory is that of the
 * concepts found up to there.  fca_lattice_new() is this without a bound.
 * fca_enumerate() and fca_count() hold one concept at a time and need
 * none.
 */
struct fca_lattice_opts {
	uint64_t max_concepts;
};

struct fca_lattice *fca_lattice_build(const struct fca_context *ctx,
    const struct fca_lattice_opts *opts, GError **err);

const struct fca_context *fca_lattice_context(const struct fca_lattice *l);

/* The number of concepts, and of cover edges. */
size_t fca_lattice_size(const struct fca_lattice *l);
size_t fca_lattice_edges(const struct fca_lattice *l);

/*
 * Lists of concept c, each in increasing order, with *n set to their
 * length (transfer none): its extent (objects), its intent (attributes),
 * its upper covers and lower covers (concepts), the attributes it
 * introduces (its intent minus its upper covers' intents: the concept is
 * that attribute's concept, the most general one that has it) and the
 * objects it introduces (its extent minus its lower covers' extents).
 */
const uint32_t *fca_lattice_extent(const struct fca_lattice *l, size_t c,
    size_t *n);
const uint32_t *fca_lattice_intent(const struct fca_lattice *l, size_t c,
    size_t *n);
const uint32_t *fca_lattice_upper(const struct fca_lattice *l, size_t c,
    size_t *n);
const uint32_t *fca_lattice_lower(const struct fca_lattice *l, size_t c,
    size_t *n);
const uint32_t *fca_lattice_new_attributes(const struct fca_lattice *l,
    size_t c, size_t *n);
const uint32_t *fca_lattice_new_objects(const struct fca_lattice *l,
    size_t c, size_t *n);

/*
 * The concept generated by the objects objects[0..n), in any order:
 * the most specific concept whose extent holds them all, (A'', A') for
 * A the objects; its intent is what they all have.  With n 0, the bottom
 * concept.  Found by its intent, in time of the objects' rows and a
 * binary search over the concepts; never fails.
 */
size_t fca_lattice_concept_of(const struct fca_lattice *l,
    const uint32_t *objects, size_t n);

#endif
