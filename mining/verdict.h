/*
 * verdict.h: what a fingerprint is worth.  A set equation and the
 * fingerprint it yields (solve.h) are a result only when the equation
 * isolates its label and something is left that the operation does and
 * the experiments around it do not.  A verdict says which of these holds,
 * and when the answer is not a fingerprint, which labels stand in the way,
 * so a researcher can never mistake "nothing separates these operations"
 * for a result.
 *
 * The statuses, in the order they are decided:
 *
 *   inseparable        the label is in exactly the traces of other labels:
 *                      no equation over these experiments can remove them
 *                      (the label algebra alone says so).
 *   indistinguishable  the fingerprint is empty, and the accesses the
 *                      label's traces share beyond the baseline are made
 *                      by every trace of some other labels as well: those
 *                      labels do the same things, as far as the traces show.
 *   empty              the fingerprint is empty, and no other single label
 *                      does everything the label does: either its traces
 *                      share nothing beyond the baseline (the traces with no
 *                      label and what every trace does), or several labels
 *                      together cover it.
 *   input-only         the fingerprint is not empty, but every access in it
 *                      carries the experiment's input (the arguments of an
 *                      execve, kept with --keep-argv), not the operation.
 *   exact              a fingerprint of at least one access for an equation
 *                      whose algebra is the label alone.
 *
 * Ownership: solve_verdict_new() returns a new verdict the caller frees
 * with solve_verdict_free() (NULL is a no-op); its operands are const.
 */
#ifndef MINING_VERDICT_H
#define MINING_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "accessset.h"
#include "solve.h"

enum solve_status {
	SOLVE_EXACT,
	SOLVE_INSEPARABLE,
	SOLVE_INDISTINGUISHABLE,
	SOLVE_EMPTY,
	SOLVE_INPUT_ONLY,
};

struct solve_verdict {
	enum solve_status status;
	/*
	 * guint labels, increasing: inseparable, those in the same traces;
	 * indistinguishable, those whose every trace (without the label)
	 * makes all of what the label's traces share beyond the baseline;
	 * empty, those whose traces make some of it.  Empty for exact and
	 * input-only.
	 */
	GArray *labels;
	/* What the label's traces share (the accesses in all of them, or in
	 * 1 - tol of them), and of these, what no trace without a label
	 * makes and not every trace makes: "beyond the baseline". */
	uint64_t shared, beyond;
};

/*
 * The verdict on label eq->label, solved over m into eq with fingerprint
 * fp; sets[t] are the accesses of trace t, tol the tolerance fp was voted
 * with (0: an exact intersection).  Judged over every trace of m, not only
 * those of the equation: what separates the label from the others does
 * not depend on the equation chosen.  Never fails.
 */
struct solve_verdict *solve_verdict_new(const struct solve_matrix *m,
    const struct solve_equation *eq, const struct solve_fingerprint *fp,
    const struct access_set *const *sets, double tol);

/* Frees v and its array; NULL is a no-op. */
void solve_verdict_free(struct solve_verdict *v);

/* "exact", "inseparable", "indistinguishable", "empty", "input-only". */
const char *solve_status_name(enum solve_status s);

/* Whether an access carries the experiment's input only: an execve or
 * execveat whose arguments after argv[0] were kept (--keep-argv). */
bool solve_access_is_input(const char *text, size_t len);

#endif
