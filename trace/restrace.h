/*
 * restrace.h: resource-access traces, the traces of program internals that
 * the fingerprints paper mines (Ganapathy, Jaeger, Jha, S&P 2006): one
 * access to a resource's data structure per line,
 *
 *	@ MapWindow
 *	Read Window->firstChild
 *	Set Window->mapped True
 *	Cmp xEvent->type == KeyPress
 *
 * with "@ FUNCTION" lines naming the function the following accesses were
 * made in, "#" comment lines and blank lines.  The format is described in
 * docs/resource-traces.md.  Each access is given in a canonical form (one
 * blank between words, "Set R to V" as "Set R V", "≠" as "!="), which is
 * what the set algebra of mining/ compares, as it compares the normalised
 * accesses of strace logs.
 *
 * Ownership: the reader owns what it hands out; an access is valid until
 * the next call to restrace_reader_next() or restrace_reader_free()
 * (transfer none).  File and function names are interned (trace_intern())
 * and live for the whole process.
 *
 * Errors are GError in the TRACE_ERROR domain, TRACE_ERROR_SYNTAX for a
 * line that is not an access, with messages "FILE:LINE:COL: expected X,
 * found Y".
 */
#ifndef TRACE_RESTRACE_H
#define TRACE_RESTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

struct restrace_access {
	const char *text;	/* canonical, NUL-terminated, printable ASCII */
	size_t len;
	const char *function;	/* of the last "@" line, or NULL */
	const char *file;	/* interned */
	uint64_t line;		/* 1-based */
};

struct restrace_reader;

/*
 * Opens the resource-access trace at path ("-" is standard input; a gzip
 * file is read directly).  NULL with err set when it cannot be opened.
 */
struct restrace_reader *restrace_reader_open(const char *path, GError **err);

/*
 * The next access, or NULL at the end of the trace or on error (err set,
 * TRACE_ERROR_SYNTAX or TRACE_ERROR_IO).  After an error the reader must
 * only be freed.
 */
const struct restrace_access *restrace_reader_next(struct restrace_reader *r,
    GError **err);

/* Frees r; NULL is a no-op. */
void restrace_reader_free(struct restrace_reader *r);

/*
 * Whether the file at path is a resource-access trace rather than an
 * strace log, by its content: its first line that is not blank begins
 * (after blanks) with "#", "@", or one of the verbs Read, Set, Cmp, Call
 * followed by a blank.  No strace log line begins so.  An empty file is
 * not.  Sets *is and returns true, or returns false with err set when the
 * file cannot be read.
 */
bool restrace_sniff(const char *path, bool *is, GError **err);

#endif
