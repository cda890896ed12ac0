/*
 * report.h: printers of results, apart from the code that computes them.
 *
 * Every printer takes its object const and writes one format to a FILE.
 * Output is deterministic: everything is sorted by a documented key before
 * it is printed, never in hash-table order.  Bytes from logs (paths, names)
 * are escaped as strace escapes them (trace_escape_bytes()) in text and TSV,
 * and left to json-glib and libxml2 to quote in JSON and XML after the same
 * escaping, so no format can be broken by a name.
 *
 * Functions return false and set err (G_IO_ERROR) when writing fails.
 */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "automata/efsa.h"
#include "mining/accessset.h"
#include "mining/conceptlabels.h"
#include "mining/concepts.h"
#include "mining/learn.h"
#include "mining/match.h"
#include "mining/relabel.h"
#include "mining/solve.h"
#include "mining/verdict.h"
#include "verify/policy.h"
#include "trace/labels.h"
#include "trace/stats.h"

enum report_fmt {
	REPORT_TEXT,
	REPORT_TSV,
	REPORT_JSON,
	REPORT_XML,
	REPORT_DOT,	/* graphs only (efsa-show); report_fmt_parse()
			 * accepts "dot" only when asked to */
};

/*
 * Parses a format name: "text", "tsv", "json" or "xml".  On an unknown name
 * sets err with a message that lists the valid ones and returns false.
 */
bool report_fmt_parse(const char *name, enum report_fmt *fmt, GError **err);
bool report_fmt_parse_dot(const char *name, enum report_fmt *fmt,
    GError **err);

/* The statistics of one trace (tracemine stats). */
bool report_stats(FILE *out, const struct trace_stats *st,
    enum report_fmt fmt, GError **err);

/*
 * A set of accesses, the result of a set operation named op ("diff",
 * "intersect", "union"), sorted by access.  multiset says whether counts
 * are multiset counts (they are printed in both cases).
 */
bool report_accesses(FILE *out, const struct access_set *set, const char *op,
    enum report_fmt fmt, GError **err);

/*
 * A stream of normalised accesses (tracemine norm), printed as they come:
 * report_norm_begin(), report_norm_line() for each, report_norm_end().
 * JSON is an array, XML a <norm> element, both written incrementally.
 * Nothing is printed before the first access; report_norm_end() with
 * complete false (the input failed) prints nothing if nothing was printed,
 * and otherwise closes what was begun.
 */
struct report_norm;
struct report_norm *report_norm_begin(FILE *out, enum report_fmt fmt);
void report_norm_line(struct report_norm *rn, const char *file, uint64_t line,
    int pid, const char *access, size_t len);
bool report_norm_end(struct report_norm *rn, bool complete, GError **err);

/*
 * EFSA models (efsa-show): text (one line per register, state, transition,
 * guard, test and assignment), TSV (one row per transition), JSON, XML
 * (the model file format) or DOT (a Hasse-free state graph through cgraph:
 * one cluster per program, arguments on edge labels, registers listed in
 * the cluster's label).
 */
bool report_models(FILE *out, const struct efsa_set *set, enum report_fmt fmt,
    GError **err);

/*
 * Conformance of runs to models (efsa-check): each deviation with its
 * file and line, then a summary per run.  names[i] names runs[i].
 */
bool report_conform(FILE *out, const char *const *names,
    struct conform_result *const *runs, unsigned n, enum report_fmt fmt,
    GError **err);

/*
 * Violations of a policy by runs (efsa-check --policy): each with its file
 * and line, the rule and its message, and the call; then a summary per
 * run.
 */
bool report_policy(FILE *out, const struct policy *p,
    const char *const *names, struct policy_result *const *runs,
    unsigned n, enum report_fmt fmt, GError **err);

/*
 * Conflicts of a policy with models (efsa-verify): per conflict, the
 * model's program, the rule and its message, must or may, the shortest
 * path of calls (each with where the model learned it), the guards of
 * the call that completes the rule, what was assumed, and the smallest
 * change to the policy that would admit it; then a summary.  DOT draws
 * res's graphs instead (policy_verify_with() with graph set; fails with
 * G_IO_ERROR_NOT_SUPPORTED without them): a cluster per model and rule
 * with conflicts, one node per model state and rule state labelled
 * "sM / qP" (with " #N", the cluster's number, when there are several),
 * the initial ones with a double border, violating ones filled octagons,
 * dashed when reached only by assuming.  In paths mode (the default)
 * only the witness paths of the conflicts reported, red and bold, each
 * move labelled with its call and the last also with the guards the model
 * learned and what was assumed; their one-step context grey (moves of
 * the walk between path nodes, and the other calls leaving each path
 * node collapsed into one edge to an "other states" node).  In full mode
 * all of the product that leads to the conflicts, every move labelled
 * with its call and guards.  Label lines are cut at 40 bytes ("...").
 * report_verify() is report_verify_with() with the default options.
 */
enum report_dot_mode {
	REPORT_DOT_PATHS = 0,	/* the conflicts' paths and their context */
	REPORT_DOT_FULL,	/* the product that leads to the conflicts */
};

/* Options of report_verify_with(); NULL or all zero: the defaults. */
struct report_verify_opts {
	enum report_dot_mode dot;
};

bool report_verify_with(FILE *out, const struct policy *p,
    const struct verify_result *res, enum report_fmt fmt,
    const struct report_verify_opts *opts, GError **err);
bool report_verify(FILE *out, const struct policy *p,
    const struct verify_result *res, enum report_fmt fmt, GError **err);

/*
 * A policy's compiled rule automata (efsa-show POLICY): text, a line per
 * rule ("rule NAME (message): N states, start qS, accepting qA, ...")
 * then a line per transition ("  qS -> qD LABEL"), or DOT (a cluster per
 * rule, accepting states with a double border, a point leading into the
 * start state).  Transitions are sorted by source, target, then label;
 * labels are the event patterns as a policy writes them, or "any".
 * Other formats fail with G_IO_ERROR_NOT_SUPPORTED, printing nothing.
 */
bool report_rules(FILE *out, const struct policy *p, enum report_fmt fmt,
    GError **err);

/*
 * Set equations and fingerprints (tracemine solve): for each of the n
 * labels solved, in the order given, its equation eqs[i] over the traces
 * of lab (whose labels m holds), the equation evaluated, fps[i], and the
 * verdict on it, verdicts[i] (mining/verdict.h): the status and the labels
 * that stand in the way, the equation ("L = a & b - c", "~" for "=" when
 * it is not exact), whether it is proven minimal, the labels it yields and
 * those inseparable from L, the accesses of the raw traces, after the
 * intersections and after the differences, and the fingerprint sorted by
 * access.  JSON and XML always have the steps; opts (NULL: the defaults)
 * say what text shows, and hold the normalisation options the accesses
 * were made with, recorded for match (each escaped by
 * fingerprints_option_escape()): in text and TSV a first line
 * "# options: W W ..." when there are some, in JSON an "options" array, in
 * XML an <option> element each.
 */
struct report_solve_opts {
	bool explain;		/* text: each step, its accesses and labels */
	bool summary;		/* text: the summary table only, not the
				 * block of each label before it */
	unsigned width;		/* text: the summary's lines are cut to this
				 * many bytes, with "..."; 0: not cut */
	const char *const *options;	/* NULL-terminated, or NULL: none */
};

bool report_solve(FILE *out, const struct labels *lab,
    const struct solve_matrix *m, struct solve_equation *const *eqs,
    struct solve_fingerprint *const *fps,
    struct solve_verdict *const *verdicts, unsigned n,
    const struct report_solve_opts *opts, enum report_fmt fmt,
    GError **err);

/*
 * What relabel_check() found (tracemine solve --check), in text: a line
 * for each change, "relabel TRACE: add L (holds 3 of 3 accesses of its
 * fingerprint)", a line for each label and reason of the cells not
 * checked, naming their traces, and "checked C of N (trace, label) pairs: K
 * look wrong"; in TSV a row for each change and each cell not checked
 * (trace, change "add", "drop" or "unchecked", label, held, fingerprint,
 * why).  Text and TSV only: another format is an error
 * (G_IO_ERROR_NOT_SUPPORTED), and nothing is written.
 */
bool report_check(FILE *out, const struct labels *lab,
    const struct relabel_result *r, enum report_fmt fmt, GError **err);

/*
 * Fingerprints matched against traces (tracemine match): per trace, in
 * the order given, the labels of the operations it performs (and, when it
 * is a trace of a labels file, lab not NULL, those it is labelled with);
 * per operation, in the fingerprints file's order, whether the trace
 * performs it (makes at least min_fraction of the accesses of its
 * fingerprint), how many of the accesses it makes, the fraction, and
 * where it makes each.  score, when not NULL, adds precision, recall and
 * each label's true and false positives and negatives, with the traces of
 * the false ones; in TSV it replaces the rows of the traces (a row per
 * label and a last one, "*", for all).
 */
struct report_match_trace {
	const char *name;
	const GPtrArray *ops;		/* struct match_op */
	const struct labels *lab;	/* NULL: not labelled */
	unsigned index;			/* the trace's number in lab */
};
bool report_match(FILE *out, const struct report_match_trace *traces,
    unsigned n, double min_fraction, const struct match_score *score,
    enum report_fmt fmt, GError **err);

/*
 * Cross-validation (efsa-learn --cross-validate): per fold, the runs held
 * out; per held-out run, each deviating call with its file and line as
 * report_conform() prints it (one engine), the calls checked and the
 * false-positive rate; then the overall rates.  rows[] are in fold order
 * (folds numbered from 1), and in run order within a fold.
 */
struct crossval_row {
	const char *run;
	unsigned fold;
	const struct conform_result *res;	/* transfer none */
};
bool report_crossval(FILE *out, const struct crossval_row *rows, unsigned n,
    unsigned folds, enum report_fmt fmt, GError **err);

/*
 * A concept lattice (tracemine concepts): text (docs/tracemine.1, one
 * line per concept, introduced attribute, introduced object and upper
 * cover, each led by the concept's number; with opts->full, every object
 * of its extent and attribute of its intent too), JSON and XML (extents
 * and intents whole), or DOT (its Hasse diagram through cgraph, each node
 * labelled with what it introduces, names cut to a width, whole in the
 * node's tooltip).  TSV is not supported (err set, nothing printed).
 * opts NULL: the defaults, all zero.
 */
struct report_lattice_opts {
	bool full;		/* text: extents, intents and shared labels;
				 * dot: every concept, not only those that
				 * introduce something or are named */
	uint64_t min_support;	/* leave out concepts of fewer objects, and
				 * say how many were */
	bool short_objects;	/* dot: objects are paths, shown by their
				 * file names (without .gz and one more
				 * extension) */
	const struct concept_labels *labels;	/* NULL: none */
};
bool report_lattice(FILE *out, const struct fca_lattice *l,
    const struct report_lattice_opts *opts, enum report_fmt fmt,
    GError **err);

/* The number of concepts of a context (tracemine concepts --count). */
bool report_concept_count(FILE *out, uint64_t n, enum report_fmt fmt,
    GError **err);

/*
 * Intents as they are found (tracemine concepts --intents), as text: one
 * line per concept, the names of its attributes in increasing order,
 * separated by tabs (of a FIMI file, a FIMI file again).
 * report_intents_begin(), report_intents_add() for each intent (as
 * struct fca_concept has it), report_intents_end(), which frees ri.
 */
struct report_intents;
struct report_intents *report_intents_begin(FILE *out,
    const struct fca_context *ctx);
void report_intents_add(struct report_intents *ri, const uint32_t *intent,
    size_t n);
bool report_intents_end(struct report_intents *ri, GError **err);

#endif
