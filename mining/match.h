/*
 * match.h: matching fingerprints against traces (tracemine match), the
 * last step of the fingerprints paper (Ganapathy, Jaeger, Jha, S&P 2006):
 * a trace performs an operation when it makes the accesses of the
 * operation's fingerprint (all of them, or a given fraction), and it does
 * so where those accesses are; and the answers scored against labels
 * known to be true.
 *
 * Fingerprints are read from what "tracemine solve" writes, in any of its
 * formats, with the normalisation options solve recorded
 * (fingerprints_read()).  A matcher is fed the accesses of one trace in
 * order, with where each occurred, and then says, per operation, how many
 * accesses of its fingerprint occurred, at which lines, and whether that
 * is enough.  A score adds up, over traces, each label's true and false
 * positives and negatives.
 *
 * Ownership: constructors return new objects freed by the matching
 * _free() (NULL is a no-op); the result of matcher_finish() belongs to the
 * matcher and lives as long as it.
 */
#ifndef MINING_MATCH_H
#define MINING_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "trace/labels.h"

#define MATCH_ERROR (match_error_quark())
GQuark match_error_quark(void);

enum match_error {
	MATCH_ERROR_IO,		/* the file cannot be read */
	MATCH_ERROR_SYNTAX,	/* it is not what solve writes */
};

struct fingerprints;

/*
 * Reads a file that "tracemine solve" wrote, told apart by its first
 * bytes (after blanks): '<' XML (a <fingerprints> document: its <option>
 * elements, each <operation label=... exact=...> and its <access>
 * elements), '{' JSON (an object with "options", an array of strings,
 * and "operations", an array of objects with "label", "exact" and
 * "fingerprint", an array of objects with "access"), a first line that
 * is not a comment beginning "label<TAB>" TSV (a header, then a row per
 * access with at least the columns label and access, and exact if it
 * is there; an empty access for an empty fingerprint), anything else
 * text (each block's first line "LABEL = ..." or "LABEL ~ ...", lines
 * indented with blanks skipped, and lines that begin with a tab, an
 * access, a tab and where it occurred).  In text and TSV a line "#
 * options: W ..." records the options, other lines beginning with '#' are
 * comments.  Labels are words of letters, digits, '_', '-', '.'; accesses
 * printable ASCII.  path "-" is standard input.  NULL with err set
 * (MATCH_ERROR, "FILE:LINE:COL: expected X, found Y") on failure.
 */
struct fingerprints *fingerprints_read(const char *path, GError **err);

/* The same from data[0..len), named name in messages. */
struct fingerprints *fingerprints_parse(const char *name, const char *data,
    size_t len, GError **err);

/* Frees f; NULL is a no-op. */
void fingerprints_free(struct fingerprints *f);

/* Number of operations in f. */
unsigned fingerprints_count(const struct fingerprints *f);

/*
 * The normalisation options the fingerprints were mined with, as solve
 * recorded them ("--drop=execve", unescaped: any bytes but NUL),
 * NULL-terminated, transfer none; empty when the file records none (it
 * was mined with the defaults).  *line and *col, when not NULL, get where
 * the record is (1:1 when there is none).
 */
const char *const *fingerprints_options(const struct fingerprints *f,
    uint64_t *line, uint64_t *col);

/* The name f was read as (for messages). */
const char *fingerprints_name(const struct fingerprints *f);

/*
 * An option word as solve records it: printable ASCII with no blank,
 * bytes that are not escaped as g_strescape() does, a blank as "\040"
 * (g_strcompress() undoes it).  Transfer full.
 */
char *fingerprints_option_escape(const char *word);

/* Occurrences of one access of a fingerprint in the trace. */
struct match_where {
	const char *file;	/* as given to matcher_add() */
	uint64_t line;
};

struct match_access {
	const char *text;
	GArray *where;		/* struct match_where, in trace order */
};

struct match_op {
	const char *label;
	bool exact;		/* the equation that made it was exact */
	const char *status;	/* its status as solve judged it
				 * (mining/verdict.h: "exact", "empty", ...),
				 * or NULL when the file does not say */
	GPtrArray *accesses;	/* struct match_access, in the file's order */
	unsigned found;		/* accesses that occurred at least once */
	double fraction;	/* found / accesses->len, 0 when empty */
	bool performed;		/* fraction >= the matcher's min_fraction,
				 * and found > 0 */
};

/* Options of a matcher; NULL or all zero: the defaults. */
struct matcher_opts {
	double min_fraction;	/* 0 < F <= 1: an operation is performed
				 * when at least F of its fingerprint's
				 * accesses occur; 0 means 1 (all) */
};

struct matcher;

/* A matcher for the operations of f, which must outlive it.  Never
 * fails. */
struct matcher *matcher_new(const struct fingerprints *f,
    const struct matcher_opts *opts);

/* Frees m and what matcher_finish() returned; NULL is a no-op. */
void matcher_free(struct matcher *m);

/* One access of the trace (len bytes of text) at file:line; file must
 * live as long as the matcher (an interned name). */
void matcher_add(struct matcher *m, const char *text, size_t len,
    const char *file, uint64_t line);

/* The operations, in the file's order, with what was found (transfer
 * none: GPtrArray of struct match_op, valid until matcher_free()).  May
 * be called again after more matcher_add(). */
const GPtrArray *matcher_finish(struct matcher *m);

/*
 * Scores: per label of the fingerprints, over the traces of a labels
 * file, how often match's answer agrees with the label.  A label the
 * labels file never gives is false in every trace; a label of the labels
 * file that no fingerprint has is listed apart (unscored).
 */
struct match_confusion {
	const char *label;
	unsigned tp, fp, fn, tn;
	GPtrArray *fp_traces;	/* const char * names, transfer none */
	GPtrArray *fn_traces;
};

struct match_score;

/* A score for the operations of f, which must outlive it. */
struct match_score *match_score_new(const struct fingerprints *f);

/* Frees s; NULL is a no-op. */
void match_score_free(struct match_score *s);

/*
 * Adds the answer ops (matcher_finish() of a matcher of the same
 * fingerprints) for trace i of lab, named name in the lists of traces (a
 * string that must outlive s).  lab must outlive s, and be the same in
 * every call.
 */
void match_score_add(struct match_score *s, const GPtrArray *ops,
    const struct labels *lab, unsigned i, const char *name);

/* The labels of the fingerprints, in their order (transfer none:
 * GPtrArray of struct match_confusion). */
const GPtrArray *match_score_labels(const struct match_score *s);

/* The sums over every label. */
void match_score_total(const struct match_score *s,
    struct match_confusion *sum);

/* The labels of lab that no fingerprint has, sorted (transfer none). */
const GPtrArray *match_score_unscored(const struct match_score *s);

/* precision tp/(tp+fp), recall tp/(tp+fn); -1 when undefined (0/0). */
double match_precision(const struct match_confusion *c);
double match_recall(const struct match_confusion *c);

#endif
