/*
 * relabel.h: which labels of a set of labelled traces look wrong
 * (tracemine solve --check).
 *
 * Each (trace, label) cell is checked against the label's fingerprint
 * mined without that trace (leave one out), by vote, so that the cell
 * checked and a few other wrong cells cannot hide themselves: an access
 * is in the fingerprint of label L left out of trace t when
 *   - at least 1 - T of the other traces with L have it (T the
 *     tolerance, relabel_tolerance() when not given),
 *   - fewer of the other traces without L have it than 3/4 of those
 *     with it (the operation's accesses are rarer without its label
 *     than with it, however many labels were lost), and
 *   - fewer than half of each group of the other traces without L that
 *     share a label (and of those with no label) have it: what another
 *     operation, or the background, does is not L's.  A group of one
 *     trace decides nothing (it may be the one whose label is wrong),
 *     except a group of t's own labels: what the traces that share t's
 *     other labels do explains t's accesses without L.
 * t does L when it holds at least 2/3 of that fingerprint, does not when
 * it holds at most 1/3; in between is unclear, not a suspect.
 *
 * A cell is not checked (and says why) when fewer than 2 other traces
 * have the label or fewer than 2 lack it, when without t the label is in
 * exactly the traces of one of t's other labels (they cannot be told
 * apart), or when the fingerprint is empty.  The cells found wrong are
 * changed and every cell checked again, until none changes (at most
 * max_rounds times): a label whose traces lost several labels is
 * recovered once the others are put right.
 *
 * Ownership: relabel_check() returns a new result, freed with
 * relabel_result_free() (NULL is a no-op); operands are const.
 */
#ifndef MINING_RELABEL_H
#define MINING_RELABEL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "accessset.h"
#include "solve.h"

/* Why a cell was not checked. */
enum relabel_why {
	RELABEL_FEW_WITH,	/* fewer than 2 other traces have the label */
	RELABEL_FEW_WITHOUT,	/* fewer than 2 other traces lack it */
	RELABEL_SAME_TRACES,	/* without the trace, the label is in the
				 * same traces as the trace's label other */
	RELABEL_NO_FINGERPRINT,	/* no access stays in the fingerprint */
	RELABEL_UNCLEAR,	/* the trace holds more than 1/3 and less
				 * than 2/3 of the fingerprint */
};

struct relabel_unchecked {
	unsigned trace, label;
	enum relabel_why why;
	unsigned other;		/* RELABEL_SAME_TRACES: the other label */
	uint64_t have, of;	/* RELABEL_UNCLEAR: accesses held, of */
};

/*
 * Options; NULL means the defaults.  tol < 0 (the default) chooses the
 * tolerance of each label from its number of traces (relabel_tolerance());
 * 0 <= tol < 1 is the same for every label.  max_rounds 0 is
 * RELABEL_ROUNDS.
 */
struct relabel_opts {
	double tol;
	unsigned max_rounds;
};

#define RELABEL_ROUNDS	10

struct relabel_result {
	GArray *changes;	/* struct solve_relabel: the cells of the
				 * labels given that differ from the labels
				 * the rounds settled on, by trace then
				 * label; have and of as in the last round */
	GArray *unchecked;	/* struct relabel_unchecked, by label then
				 * trace, in the last round */
	unsigned cells;		/* traces x labels checked for */
	unsigned rounds;	/* rounds run */
	bool settled;		/* the last round changed nothing */
};

/*
 * The tolerance for a label that n other traces have: floor((n - 1) / 3)
 * / n, so that an access may be missing from fewer than a third of them
 * (0 up to 3 traces, 1 of 4 to 6, 2 of 7 to 9...).  0 when n is 0.
 */
double relabel_tolerance(unsigned n);

/*
 * Checks the cells of the n labels labels[] (each < the labels of m) in
 * every trace of m, sets[t] the accesses of trace t, as above.  Never
 * fails.
 */
struct relabel_result *relabel_check(const struct solve_matrix *m,
    const struct access_set *const *sets, const guint *labels, unsigned n,
    const struct relabel_opts *opts);

void relabel_result_free(struct relabel_result *r);

#endif
