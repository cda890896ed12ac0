/*
 * learn.h: learning EFSA models of programs from strace logs, checking a
 * log against them, and measuring how often a model would cry wolf, as in
 * model-carrying code (Sekar, Venkatakrishnan, Basu, Bhatkar, DuVarney,
 * SOSP 2003): learn states and transitions, then the argument values,
 * then the relations between arguments.
 *
 * Each process image (from one execve to the next) is learned on its own;
 * the images of the same program, across the processes of a run and
 * across runs, go into one model.  What is learned, and why a value was
 * generalised, is written in the model (docs/efsa-format.md).
 */
#ifndef MINING_LEARN_H
#define MINING_LEARN_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "automata/efsa.h"
#include "trace/trace.h"

enum learn_states {
	LEARN_STATES_AUTO,	/* locations when the first log has -k stacks */
	LEARN_STATES_STACK,	/* program locations, from -k stacks */
	LEARN_STATES_CONTEXT,	/* the last k calls */
};

/* Options; NULL means the defaults, which are all zero. */
struct learn_opts {
	enum learn_states states;
	unsigned k;		/* calling-context length; 0: 1 */
	unsigned threshold;	/* distinct strings or numbers kept before
				 * generalising; 0: 5 */
	bool minimize;		/* merge states no run tells apart */
	bool exact_inputs;	/* keep strings that changed from run to
				 * run exact (by default two or more that
				 * some run lacked become one pattern) */
};

struct learner;

struct learner *learner_new(const struct learn_opts *opts);
void learner_free(struct learner *l);

/*
 * Learns from one run: reads r to its end.  name names the run in errors.
 * False with err set on a read error or when the log's kind of states
 * does not match the runs before (stacks in one, none in another); what
 * was learned from the run before the error stays learned.
 */
bool learner_add(struct learner *l, struct strace_reader *r,
    const char *name, GError **err);

/* The models learned so far (transfer full); l stays usable. */
struct efsa_set *learner_result(struct learner *l);

/*
 * Generalisation of the strings an argument took (generalize.c), per
 * root: values are split by their anchor (learn_anchor_len: "/" for an
 * absolute name, "" for a relative one, through the last ".." component
 * when there is one) and each part is generalised on its own.  With at
 * most threshold distinct values a part is kept as it is.  Past it,
 * values are grouped by their longest common directory prefix, deepest
 * first, until at most threshold groups and values remain; then prefixes
 * that are siblings (two or more under one directory) become their
 * parent, since the names that vary there vary from run to run.  No
 * pattern is shorter than its values' anchor, and a pattern equal to the
 * anchor ("/": every absolute name; "": every relative name) is made only
 * when the part's values have at least spread distinct first components
 * after the anchor (spread_rel for the anchor ""); without it a part may
 * keep more than threshold items.  A prefix "/tmp/x/" stands for the
 * strings that begin with it and have no ".." component after it; a
 * relative prefix never stands for an absolute name (efsa_guard_accepts).
 * vals need not be sorted (it is not changed); exact and prefixes get the
 * result, sorted; covers, parallel to prefixes, how many values each
 * prefix stands for.
 */
#define LEARN_ROOT_SPREAD 8	/* default spread; bench/README.md */
void learn_generalize(const GPtrArray *vals, unsigned threshold,
    unsigned spread, unsigned spread_rel, GPtrArray *exact,
    GPtrArray *prefixes, GArray *covers);
size_t learn_anchor_len(const char *s);

/*
 * The IPs of a socket address argument (text, as sockaddr_ip_text()
 * writes them) as at most threshold ranges (generalize.c), appended to
 * nets as text ("127.0.0.1", "10.1.0.0/16"): the varying ones (those some
 * run lacked; NULL: none), when two or more of one IP version, become
 * the smallest range that holds them all; then neighbours with the
 * longest common prefix are folded until at most threshold are left.
 * Never a range across IPv4 and IPv6.
 */
void learn_generalize_nets(const GPtrArray *ips, const GPtrArray *varying,
    unsigned threshold, GPtrArray *nets);

/*
 * Conformance: replays one run through the models, process by process,
 * and reports each deviation: a call with no transition from the state
 * the process is in (or leading to a state the model lacks), an argument
 * outside what was learned, an argument that is not the value a register
 * holds, an execve to an image that the image it leaves was not learned
 * to run (no exec edge to it from the state it was in), or a process
 * image whose program has no model.  After a
 * deviation the process goes on from the set of states it may be in,
 * every state until a call narrows it, with the registers unknown.
 */
enum conform_kind {
	CONFORM_NO_MODEL,	/* no model for the image's program */
	CONFORM_UNKNOWN_CALL,
	CONFORM_UNKNOWN_STATE,
	CONFORM_ARGUMENT,
	CONFORM_REGISTER,
	CONFORM_EXEC,		/* an execve of an image the image it left
				 * was not learned to run from its state */
};

struct conform_dev {
	enum conform_kind kind;
	const char *file;	/* interned */
	uint64_t line;
	int pid;
	char *program;
	char *call;
	char *state;		/* the state's key it came from */
	char *what;		/* one line, for people */
};

struct conform_result {
	GPtrArray *devs;	/* of struct conform_dev *, in log order */
	GPtrArray *assumed;	/* of struct conform_dev *: calls allowed
				 * only by assuming the value of a register
				 * a deviation made unknown, in log order */
	uint64_t calls;		/* calls replayed */
	uint64_t images;	/* process images */
};

/*
 * Checks r (named name) against models.  Returns NULL with err set on a
 * read error, or when the models' states are program locations and the
 * log has no stacks.  Transfer full; conform_result_free() frees it.
 */
struct conform_result *conform_check(const struct efsa_set *models,
    struct strace_reader *r, const char *name, GError **err);
void conform_result_free(struct conform_result *res);

#endif
