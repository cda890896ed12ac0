/*
 * labels.h: labels files, which say which operations each trace of a set
 * of controlled experiments performed (the fingerprints paper, Ganapathy,
 * Jaeger, Jha, S&P 2006):
 *
 *	# runs of the X server
 *	open_xterm.trace: Create Map
 *	move_xterm.trace: Map Input_Event
 *
 * one trace per line, its path relative to the labels file's folder, a
 * colon, and its labels; "#" begins a comment (a whole line, or the rest of
 * a line after the labels); blank lines are skipped.  A trace is any log
 * the suite reads: an strace log, a gzip one, the prefix of an "strace -ff
 * -o" run, or a resource-access trace (restrace.h).  The format is
 * described in docs/labels.md.
 *
 * Ownership: a struct labels owns all its strings; the accessors return
 * them transfer none, valid while the labels live.
 *
 * Errors are GError in the TRACE_ERROR domain (TRACE_ERROR_IO when the file
 * cannot be read, TRACE_ERROR_SYNTAX otherwise) with messages "FILE:LINE:
 * COL: expected X, found Y".
 */
#ifndef TRACE_LABELS_H
#define TRACE_LABELS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

struct labels;

/*
 * Reads the labels file at path ("-": standard input, whose traces are
 * relative to the current folder).  Checks that every trace exists (as a
 * file or an -ff prefix), that no trace is named twice (after its path is
 * made absolute and canonical; the same trace may be named once per
 * part, labels_trace_part()), that no line gives a label twice, that
 * labels are words of letters, digits, '_', '-' and '.', and that there is
 * at least one trace.  NULL with err set on the first error.
 */
struct labels *labels_read(const char *path, GError **err);

/*
 * The same from the bytes data[0..len), as if read from a file named name
 * in the folder dir (NULL: the current folder).
 */
struct labels *labels_parse(const char *name, const char *dir,
    const char *data, size_t len, GError **err);

/* Frees l; NULL is a no-op. */
void labels_free(struct labels *l);

/* Number of traces (numbered in the file's order) and of distinct
 * labels. */
unsigned labels_n_traces(const struct labels *l);
unsigned labels_n_labels(const struct labels *l);

/* The label numbered j (0 <= j < labels_n_labels()); numbered in bytewise
 * order of their names. */
const char *labels_label(const struct labels *l, unsigned j);

/* The number of the label named name, or -1. */
int labels_find(const struct labels *l, const char *name);

/* Whether trace i has label j. */
bool labels_has(const struct labels *l, unsigned i, unsigned j);

/*
 * The name of trace i in equations: its file name without its folder, a
 * ".gz" and then one more extension ("open_xterm.trace.gz" is
 * "open_xterm"); the path as written when that would name two traces
 * alike or be empty.  A part adds its words in brackets:
 * "server[--window=2.5:7]".
 */
const char *labels_trace_name(const struct labels *l, unsigned i);

/* The path of trace i as the caller reaches it: the labels file's folder
 * joined to the path written, unless that is absolute. */
const char *labels_trace_path(const struct labels *l, unsigned i);

/* The files of trace i (trace_expand_path()), NULL-terminated. */
char **labels_trace_files(const struct labels *l, unsigned i);

/* The line of the labels file that names trace i. */
uint64_t labels_trace_line(const struct labels *l, unsigned i);

/*
 * The part of a trace a line labels, when it gives one after the colon,
 * among the labels, with the words of --window and --marker (no label
 * holds '=', so no labels file that read before reads otherwise):
 *
 *	server.log: Map --window=2.5:7
 *	server.log: Unmap --marker=unmap-begins
 *
 * The same trace may then be named once per part.  window: FROM:TO
 * seconds after the trace's first event (labels_parse_window()); marker:
 * the events between the first two that pass these bytes (C escapes of
 * g_strcompress(): \ooo, \t, \\; a marker ends at a blank).
 */
struct labels_part {
	char *window;		/* NULL, or FROM:TO as written */
	int64_t from_ns, to_ns;	/* the window, parsed */
	char *marker;		/* NULL, or the bytes, with no NUL */
	char *text;		/* the words as written, window first:
				 * "--window=2.5:7 --marker=m" */
};

/* The part of trace i (transfer none), or NULL for the whole trace. */
const struct labels_part *labels_trace_part(const struct labels *l,
    unsigned i);

/* Whether some trace of l is a part. */
bool labels_have_parts(const struct labels *l);

/*
 * "FROM:TO", seconds (decimal, FROM >= 0, FROM < TO < 1e9), into
 * nanoseconds: the syntax of --window.  false, leaving *from_ns and *to_ns
 * as they were, when text is not that.
 */
bool labels_parse_window(const char *text, int64_t *from_ns, int64_t *to_ns);

/* The labels file's name, as given (interned). */
const char *labels_file(const struct labels *l);

#endif
