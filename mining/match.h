/*
 * match.h: matching fingerprints against a trace (tracemine match), the
 * last step of the fingerprints paper (Ganapathy, Jaeger, Jha, S&P 2006):
 * a trace performs an operation when it makes every access of the
 * operation's fingerprint, and it does so where those accesses are.
 *
 * Fingerprints are read from what "tracemine solve" writes, as XML or as
 * text (fingerprints_read()).  A matcher is fed the accesses of one trace
 * in order, with where each occurred, and then says, per operation,
 * whether every access of its fingerprint occurred and at which lines.
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

#define MATCH_ERROR (match_error_quark())
GQuark match_error_quark(void);

enum match_error {
	MATCH_ERROR_IO,		/* the file cannot be read */
	MATCH_ERROR_SYNTAX,	/* it is not what solve writes */
};

struct fingerprints;

/*
 * Reads a file that "tracemine solve" wrote, in XML (a <fingerprints>
 * document: each <operation label=... exact=...> and its <access>
 * elements) or in text (each block's first line "LABEL = ..." or "LABEL ~
 * ...", and its lines that begin with a tab, an access, a tab and where
 * it occurred), told apart by a first byte '<'.  path "-" is standard
 * input.  NULL with err set (MATCH_ERROR, "FILE:LINE:COL: expected X,
 * found Y") on failure.
 */
struct fingerprints *fingerprints_read(const char *path, GError **err);

/* The same from data[0..len), named name in messages. */
struct fingerprints *fingerprints_parse(const char *name, const char *data,
    size_t len, GError **err);

/* Frees f; NULL is a no-op. */
void fingerprints_free(struct fingerprints *f);

/* Number of operations in f. */
unsigned fingerprints_count(const struct fingerprints *f);

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
	GPtrArray *accesses;	/* struct match_access, in the file's order */
	unsigned found;		/* accesses that occurred at least once */
	bool performed;		/* found == accesses->len, and not 0 */
};

struct matcher;

/* A matcher for the operations of f, which must outlive it.  Never
 * fails. */
struct matcher *matcher_new(const struct fingerprints *f);

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

#endif
