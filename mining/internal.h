/*
 * internal.h: helpers shared by the files of the mining module only.
 * Never included from another layer.
 */
#ifndef MINING_INTERNAL_H
#define MINING_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "automata/efsa.h"
#include "mining/concepts.h"
#include "trace/procs.h"
#include "trace/sockaddr.h"

/*
 * The efsa_event of a call: its name, the key of the state it leads to,
 * its arguments and outputs, copied into args and outs (which have room
 * for CALL_MAX_ARGS and 3 values).  The strings are the call's.
 */
static inline void
call_to_event(const struct call *c, struct efsa_event *e,
    struct efsa_val *args, struct efsa_val *outs)
{
	unsigned i;

	for (i = 0; i < c->nargs; i++) {
		args[i].kind = (enum efsa_vkind)c->args[i].kind;
		args[i].num = c->args[i].num;
		args[i].str = c->args[i].str;
		args[i].ip = c->args[i].sa != NULL && c->args[i].sa->has_ip ?
		    c->args[i].sa->ip : NULL;
		args[i].v6 = c->args[i].sa != NULL && c->args[i].sa->v6;
	}
	for (i = 0; i < c->nouts; i++) {
		outs[i].kind = (enum efsa_vkind)c->outs[i].kind;
		outs[i].num = c->outs[i].num;
		outs[i].str = c->outs[i].str;
		outs[i].ip = NULL;
		outs[i].v6 = false;
	}
	e->name = c->name;
	e->key = c->key;
	e->nargs = c->nargs;
	e->args = args;
	e->nouts = c->nouts;
	e->outs = outs;
}

/* The bits set in the nw words of b (solve.c, lattice.c). */
static inline uint64_t
bits_count(const uint64_t *b, size_t nw)
{
	uint64_t n = 0;

	for (size_t w = 0; w < nw; w++)
		n += (uint64_t)__builtin_popcountll(b[w]);
	return n;
}

/*
 * A context as concept analysis works on it (fcbo.c, lattice.c): rows as
 * bitsets over the attributes that some object has, plus, when there are
 * attributes no object has, one more that stands for all of them (columns
 * that are the same have the same concepts, so this changes no concept;
 * an intent holds it only when its extent is empty, and it is then every
 * attribute).  So the bitsets of a FIMI file that names attribute 1000000
 * once take two bits, not a million.  The attributes here are in order of
 * increasing support (how many objects have them; ties in the context's
 * order), the order in which Close-by-One's tree is smallest; orig maps
 * them back, and fca_sort_attributes() puts a list of the context's
 * attributes back in order.
 */
struct fca_bits {
	size_t n;		/* objects */
	size_t m;		/* attributes here */
	size_t W;		/* words per row and intent */
	uint64_t *rows;		/* n rows of W words */
	uint64_t *full;		/* every attribute here */
	uint32_t *orig;		/* attribute here -> in the context */
	bool merged;		/* attribute m - 1 stands for the empty columns */
	uint32_t *empty;	/* the empty columns, in increasing order */
	size_t nempty;
	uint32_t *all;		/* 0, 1, ... every attribute of the context */
	size_t mall;
};

void fca_bits_init(struct fca_bits *b, const struct fca_context *ctx);
void fca_bits_done(struct fca_bits *b);

/* Sorts v[0..n) in increasing order. */
void fca_sort_attributes(uint32_t *v, size_t n);

/*
 * Calls fn on every concept of b, extent as object numbers in increasing
 * order and intent as a bitset of b->W words over b's attributes, until fn
 * returns false (false then).  With fn NULL, only counts them into *count
 * (which may be NULL otherwise).
 */
typedef bool (*fca_bits_fn)(void *data, const uint32_t *extent, size_t n,
    const uint64_t *intent);
bool fca_bits_enumerate(const struct fca_bits *b, fca_bits_fn fn, void *data,
    uint64_t *count);

/*
 * Fingerprints read back (fingerprints.c) and matched (match.c): the
 * operations with empty where arrays, their strings in chunk, and the
 * options recorded.
 */
struct match_op;
struct fingerprints {
	char *name;
	GPtrArray *ops;		/* struct match_op */
	GStringChunk *chunk;
	GPtrArray *options;	/* char *, NULL-terminated */
	uint64_t options_line, options_col;
	bool recorded;		/* an options line was read */
};

void match_op_free(struct match_op *op);
void match_access_free(void *a);

#endif
