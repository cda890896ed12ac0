/*
 * internal.h: helpers shared by the files of the automata module only.
 * Never included from another layer.
 */
#ifndef AUTOMATA_INTERNAL_H
#define AUTOMATA_INTERNAL_H

#include "efsa.h"

/* A transition not yet in an automaton, and adding one (which sets its
 * id and indexes it); efsa_trans_free() frees one. */
struct efsa_trans *efsa_trans_alloc(unsigned src, const char *name,
    unsigned dst);
void efsa_trans_attach(struct efsa *a, struct efsa_trans *t);
void efsa_trans_free(struct efsa_trans *t);
void efsa_state_free(gpointer s);

/* Adds from's exec edges to state into of a (counts summed; the first
 * seen kept).  from may belong to another automaton. */
void efsa_state_join_execs(struct efsa *a, unsigned into,
    const struct efsa_state *from);

/* Removes the guard or the test of argument arg, if any. */
void efsa_trans_drop_guard(struct efsa_trans *t, unsigned arg);
void efsa_trans_drop_test(struct efsa_trans *t, unsigned arg);

/*
 * Joins from into into (the same transition seen twice, or two parallel
 * ones merged): counts are summed; guards are joined (sets unioned,
 * ranges widened, integer sets and ranges give a range; an argument
 * unguarded in either, or guarded by different kinds, becomes unguarded);
 * a test stays only when both have it, with the registers of both; the
 * assignments of both are kept.  regmap, when not NULL, renames from's
 * registers.
 */
void efsa_trans_join(struct efsa_trans *into, const struct efsa_trans *from,
    const guint *regmap);

/* Copies from's count, seen, result, guards, tests and assignments into a
 * transition that has none; regmap, when not NULL, renames registers. */
void efsa_trans_copy_into(struct efsa_trans *into,
    const struct efsa_trans *from, const guint *regmap);

/*
 * efsa_merge() with src's keys read as prefix (NULL: "") followed by
 * the key; smap (src->states->len entries) and regmap (src->regs->len)
 * get the ids in dst of src's states and registers.
 */
void efsa_merge_keyed(struct efsa *dst, const struct efsa *src,
    const char *prefix, guint *smap, guint *regmap);

/*
 * Rebuilds a from the states whose keep[] is set, in the old order,
 * renumbering states and transitions; map[], when not NULL, sends each
 * old state to its new id or to another kept state's old id.  Used by
 * trimming (no map) and minimisation (map to the block's first state).
 */
void efsa_rebuild(struct efsa *a, const bool *keep, const guint *map);

#endif
