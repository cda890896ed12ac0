/*
 * solve.h: set equations over labelled traces, and the fingerprints they
 * give (Ganapathy, Jaeger, Jha, "Retrofitting legacy code for
 * authorization policy enforcement", IEEE S&P 2006; and Ganapathy, King,
 * Jaeger, Jha, "Mining security-sensitive operations in legacy code using
 * concept analysis", ICSE 2007).
 *
 * Each trace of a set of controlled experiments carries the labels of the
 * operations it performed.  An equation intersects some traces and
 * subtracts others, T1 & T2 & ... - U1 - U2 ...; its label algebra is the
 * intersection of the label sets of the Ti minus the union of the label
 * sets of the Uj.  For a label L, solve_label() finds an equation whose
 * algebra is exactly {L} with the fewest traces; the same equation over
 * the traces' sets of accesses (solve_fingerprint_new()) is L's
 * fingerprint.
 *
 * An equation is exact for L if and only if every other label x is told
 * apart from L by some trace, one that has exactly one of x and L.  A
 * label that is in the same traces as L cannot be removed by any equation
 * that keeps L; such labels are L's inseparable ones, and the closest
 * equation yields exactly {L} and them.
 *
 * Ownership: constructors return new objects that the caller frees with
 * the matching _free() (NULL is a no-op for each); operands are const.
 */
#ifndef MINING_SOLVE_H
#define MINING_SOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "accessset.h"

/* The traces x labels matrix: which trace has which label. */
struct solve_matrix;

/* An empty matrix (no trace has a label); both counts may be 0.  Never
 * fails. */
struct solve_matrix *solve_matrix_new(unsigned ntraces, unsigned nlabels);

/* Frees m; NULL is a no-op. */
void solve_matrix_free(struct solve_matrix *m);

/* Gives trace t label l (both in range: a programming error otherwise). */
void solve_matrix_set(struct solve_matrix *m, unsigned t, unsigned l);

/* Takes label l from trace t (both in range). */
void solve_matrix_clear(struct solve_matrix *m, unsigned t, unsigned l);
/* Whether trace t has label l (both in range). */
bool solve_matrix_has(const struct solve_matrix *m, unsigned t, unsigned l);

/* The numbers of traces and labels m was made with. */
unsigned solve_matrix_traces(const struct solve_matrix *m);
unsigned solve_matrix_labels(const struct solve_matrix *m);

/*
 * Options; NULL means the defaults, which are all zero.
 * max_nodes bounds the exact search (0: SOLVE_MAX_NODES); past it the
 * smallest equation found is returned, not proven minimal.  A node costs
 * some microseconds with 200 traces, so the default bounds a label to
 * about 30 ms: hard instances (every trace removing few labels) stop
 * there, random ones of 200 traces by 40 labels need some 100 nodes.
 */
struct solve_opts {
	uint64_t max_nodes;
};

#define SOLVE_MAX_NODES	10000

struct solve_equation {
	unsigned label;		/* the label solved for */
	GArray *intersect;	/* guint traces intersected, increasing;
				 * never empty */
	GArray *subtract;	/* guint traces subtracted, increasing */
	GArray *algebra;	/* guint labels the equation yields,
				 * increasing: {label} when exact */
	GArray *inseparable;	/* guint labels other than label that are in
				 * exactly the traces label is in */
	bool exact;		/* algebra is {label}: inseparable is empty */
	bool minimal;		/* proven: no equation of fewer traces has
				 * this algebra */
	bool narrowed;		/* solve_equation_narrow() added every
				 * trace that keeps the algebra to the
				 * fewest traces found, fewest of them */
	unsigned fewest;
	uint64_t nodes;		/* search nodes visited */
};

/*
 * The equation of the fewest traces whose algebra is {label} and the
 * labels inseparable from it, or, when some are, {label} and them.
 * label must be one that some trace has (a programming error otherwise).
 * The search (branch and bound over the traces that tell labels apart,
 * after a greedy first answer, see solve.c) is exact within
 * opts->max_nodes nodes; minimal says whether it was proven.  Among
 * equations of as few traces, the one returned is the first the search
 * meets, a deterministic choice.  Never fails.
 */
struct solve_equation *solve_label(const struct solve_matrix *m,
    unsigned label, const struct solve_opts *opts);

/* Frees eq and its arrays; NULL is a no-op. */
void solve_equation_free(struct solve_equation *eq);

/* Number of traces in eq. */
unsigned solve_equation_size(const struct solve_equation *eq);

/*
 * The label algebra of the equation that intersects the ni traces
 * inter[] (ni >= 1) and subtracts the ns traces sub[]: a GArray of guint
 * labels, increasing (transfer full).
 */
GArray *solve_algebra(const struct solve_matrix *m, const guint *inter,
    unsigned ni, const guint *sub, unsigned ns);

/*
 * An equation evaluated over the traces' sets of accesses, sets[t] for
 * trace t: the intersections in order, then the differences in order.
 * steps[k] is the number of distinct accesses after step k (step 0 is the
 * first intersected trace); raw is the number of distinct accesses of all
 * the traces of the equation together (their union); intersected and
 * differenced the numbers after the intersections and at the end.
 */
struct solve_fingerprint {
	GArray *steps;		/* uint64_t */
	uint64_t raw, intersected, differenced;
	uint64_t whole;		/* set by the caller when the sets are parts
				 * of traces: the distinct accesses of the
				 * whole traces of the equation; 0 if not */
	struct access_set *accesses;	/* the fingerprint */
};

struct solve_fingerprint *solve_fingerprint_new(
    const struct solve_equation *eq, const struct access_set *const *sets);

/* Frees fp and its set; NULL is a no-op. */
void solve_fingerprint_free(struct solve_fingerprint *fp);

/*
 * solve_label(), then, among up to max equations of as few traces (the
 * one solve_label() gives first, then those a second search meets within
 * the same bound; traces that remove the same labels count as different
 * equations), the one whose fingerprint over sets (sets[t] for trace t)
 * has the fewest accesses, the earliest on a tie.  *fp is set to its
 * fingerprint (transfer full).  max 0 or 1 is solve_label() and its
 * fingerprint.  The algebra, exactness and minimality are those of
 * solve_label().
 */
struct solve_equation *solve_label_smallest(const struct solve_matrix *m,
    unsigned label, const struct access_set *const *sets, unsigned max,
    const struct solve_opts *opts, struct solve_fingerprint **fp);

#define SOLVE_ALTERNATIVES	16

/*
 * Adds to eq every trace of m that keeps its algebra: each trace with the
 * label is intersected, each without it subtracted.  The algebra stays
 * the same (each label inseparable from the label is in exactly its
 * traces), and the fingerprint can only shrink: what the experiments do
 * besides the operation goes.  Sets eq->narrowed.  Never fails.
 */
void solve_equation_narrow(struct solve_equation *eq,
    const struct solve_matrix *m);

/*
 * The fingerprint of eq by vote, for labels people may have got wrong: an
 * access stays when it is in at least (1 - tol) of the intersected traces,
 * and in fewer than (1 - tol) of the subtracted traces of each label of m
 * and of those with no label (0 <= tol < 1): a trace whose labels are
 * wrong is outvoted (solve.c says why).  With
 * tol 0 it is solve_fingerprint_new()'s, the same accesses and sizes.
 * steps[k] is the number staying after the first k + 1 traces (the
 * intersected ones first).  Transfer full.
 */
struct solve_fingerprint *solve_fingerprint_vote(
    const struct solve_equation *eq, const struct solve_matrix *m,
    const struct access_set *const *sets, double tol);

/*
 * A label of a trace that looks wrong (mining/relabel.h): add it to the
 * trace or drop it; the trace holds have of the of accesses of the
 * label's fingerprint.
 */
struct solve_relabel {
	unsigned trace, label;
	bool add;		/* add the label; else drop it */
	uint64_t have, of;	/* accesses of the fingerprint it holds */
};

#endif
