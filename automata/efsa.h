/*
 * efsa.h: extended finite-state automata (EFSA), as in model-carrying code
 * (Sekar, Venkatakrishnan, Basu, Bhatkar, DuVarney, SOSP 2003).
 *
 * An EFSA has states and transitions.  A transition is labelled with an
 * event name (a system call, for the learner; this layer knows nothing of
 * strace) and carries:
 *   - guards: per argument, the values it may take (a set of strings and
 *     directory prefix patterns, a set of integers, an integer range, or a
 *     set of flag names);
 *   - tests: an argument must equal the value held by one of some
 *     registers;
 *   - assignments: a register takes the value of an argument or of an
 *     output (output 0 is the result) of the event.
 * A state has keys: the names of what it stands for (a program location
 * "/usr/bin/tar+0x1c2f3", a calling context "openat read"), by which an
 * event that says where it leads (struct efsa_event's key) finds its
 * target.  After minimisation a state may have several keys.
 *
 * A model file holds a set of EFSAs, one per program (struct efsa_set).
 *
 * Ownership: an efsa owns its states, transitions, guards and strings;
 * pointers into it stay valid until it is changed or freed.  Functions
 * that take an efsa as const never change it.  Errors are GError in the
 * EFSA_ERROR domain; messages about files begin with "FILE:LINE:COL: ".
 */
#ifndef AUTOMATA_EFSA_H
#define AUTOMATA_EFSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define EFSA_ERROR (efsa_error_quark())
GQuark efsa_error_quark(void);

enum efsa_error {
	EFSA_ERROR_IO,		/* a file could not be read or written */
	EFSA_ERROR_SYNTAX,	/* not well-formed XML, or not a model */
	EFSA_ERROR_INVALID,	/* well-formed, but breaks the schema or
				 * refers to what does not exist */
};

/*
 * A value carried by an event or held by a register.  Strings are bytes
 * in whatever printable form the caller chose (the learner uses strace's
 * escapes), compared as C strings.  A flag set is its names, sorted and
 * joined by '|'.
 */
enum efsa_vkind {
	EFSA_VAL_NONE,		/* absent, or of no kind a guard knows */
	EFSA_VAL_INT,
	EFSA_VAL_STR,
	EFSA_VAL_FLAGS,
};

struct efsa_val {
	enum efsa_vkind kind;
	int64_t num;		/* EFSA_VAL_INT */
	const char *str;	/* EFSA_VAL_STR, EFSA_VAL_FLAGS */
	const uint8_t *ip;	/* EFSA_VAL_FLAGS of a socket address (str
				 * its family) with an IP: its 4 bytes, or
				 * 16 when v6; NULL otherwise */
	bool v6;
};

/*
 * An event to match against transitions.  key, when not NULL, names the
 * state the event leads to.  outs[0] is the result.
 */
struct efsa_event {
	const char *name;
	const char *key;
	unsigned nargs;
	const struct efsa_val *args;
	unsigned nouts;
	const struct efsa_val *outs;
};

enum efsa_guard_kind {
	EFSA_GUARD_STRINGS,	/* strs (exact) or a prefix in prefixes */
	EFSA_GUARD_INTS,	/* one of ints */
	EFSA_GUARD_RANGE,	/* lo <= value <= hi */
	EFSA_GUARD_FLAGS,	/* every flag of the value is in strs */
	EFSA_GUARD_ABSENT,	/* no value: a socket address strace printed
				 * as NULL in every call learned */
};

/* What an argument may be.  The arrays are sorted and hold no repeats. */
struct efsa_guard {
	unsigned arg;		/* argument index, 0-based */
	enum efsa_guard_kind kind;
	GPtrArray *strs;	/* of char *: STRINGS, FLAGS */
	GPtrArray *prefixes;	/* of char *: STRINGS; "/tmp/" means /tmp/ * */
	GArray *covers;		/* of guint: how many values each prefix
				 * generalised, parallel to prefixes */
	GArray *ints;		/* of int64_t: INTS */
	int64_t lo, hi;		/* RANGE */
	unsigned distinct;	/* distinct values seen when learned; 0 if
				 * unknown */
	GPtrArray *nets;	/* of char *: FLAGS of a socket address, the
				 * ranges every IP it held is in ("127.0.0.1",
				 * "10.1.0.0/16"), sorted; NULL when not
				 * learned (then an IP family says nothing of
				 * the IP) */
};

/* Argument arg equals the value of one of regs (a disjunction). */
struct efsa_test {
	unsigned arg;
	GArray *regs;		/* of guint, sorted */
};

/* Register reg takes a value: src >= 0 names an argument, src < 0 the
 * output -src - 1 (so -1 is the result). */
struct efsa_assign {
	unsigned reg;
	int src;
};

struct efsa_reg {
	char *name;		/* "r1" */
	char *note;		/* what it holds, for people; may be NULL */
};

/*
 * An exec edge: a process image in the state that holds it ran execve and
 * became image (a model of the same set, by program: the path the execve
 * named, as its execve transition's guard learned it).
 */
struct efsa_exec {
	char *image;		/* the program exec'd; never NULL */
	uint64_t count;		/* times seen when learned */
	char *seen;		/* where it was first learned, "FILE:LINE",
				 * or NULL */
};

struct efsa_state {
	unsigned id;
	GPtrArray *keys;	/* of char *, sorted */
	bool initial;
	bool accepting;
	GArray *out;		/* of guint: ids of transitions leaving it */
	GPtrArray *execs;	/* of struct efsa_exec *, sorted by image:
				 * the images exec'd from this state */
};

struct efsa_trans {
	unsigned id;
	unsigned src, dst;
	char *name;
	uint64_t count;		/* times taken when learned */
	char *seen;		/* where it was first learned, "FILE:LINE",
				 * or NULL */
	GArray *guards;		/* of struct efsa_guard, by arg */
	GArray *tests;		/* of struct efsa_test, by arg */
	GArray *assigns;	/* of struct efsa_assign, by reg */
	struct efsa_guard *result;	/* what the calls returned: a range,
					 * or NULL (unknown) */
};

struct efsa {
	char *program;		/* what it models; never NULL */
	GPtrArray *states;	/* of struct efsa_state *, index = id */
	GPtrArray *trans;	/* of struct efsa_trans *, index = id */
	GPtrArray *regs;	/* of struct efsa_reg *, index = id */
	GHashTable *by_key;	/* key -> state id + 1 */
	GHashTable *by_edge;	/* of struct efsa_trans *, by source,
				 * target and name */
	uint64_t processes;	/* process images it was learned from */
	uint64_t events;	/* events it was learned from */
};

/* A new empty EFSA modelling program (copied).  Transfer full. */
struct efsa *efsa_new(const char *program);
void efsa_free(struct efsa *a);

/*
 * The id of the state with key, which is added (with no flags) when
 * create is set; -1 when it does not exist and create is not set.
 */
int efsa_state_by_key(struct efsa *a, const char *key, bool create);

/* The state with key, or NULL.  Transfer none. */
const struct efsa_state *efsa_lookup_state(const struct efsa *a,
    const char *key);

/*
 * Exec edges.  efsa_state_add_exec() finds the exec edge of state s to
 * image, adding it (count 0, seen NULL) when it is not there; the caller
 * may update count and seen.  Transfer none.  efsa_state_exec() finds
 * one, or NULL.
 */
struct efsa_exec *efsa_state_add_exec(struct efsa *a, unsigned s,
    const char *image);
const struct efsa_exec *efsa_state_exec(const struct efsa_state *s,
    const char *image);

/* Adds a state with no key; returns its id. */
unsigned efsa_add_state(struct efsa *a);

/* Adds key to state s (no-op when it has it); the key must not belong to
 * another state. */
void efsa_state_add_key(struct efsa *a, unsigned s, const char *key);

/*
 * The transition from src to dst labelled name, added with no guards when
 * create is set; NULL when it does not exist and create is not set.
 * Transfer none.
 */
struct efsa_trans *efsa_transition(struct efsa *a, unsigned src,
    const char *name, unsigned dst, bool create);

/* Adds a register; returns its id.  note may be NULL. */
unsigned efsa_add_register(struct efsa *a, const char *note);

/* Guards, tests and assignments of a transition.  Each replaces what t
 * had for the same argument or register.  The guard's arrays are taken
 * (transfer full) and sorted. */
void efsa_trans_set_guard(struct efsa_trans *t, struct efsa_guard *g);
void efsa_trans_add_test(struct efsa_trans *t, unsigned arg, unsigned reg);
void efsa_trans_add_assign(struct efsa_trans *t, unsigned reg, int src);
const struct efsa_guard *efsa_trans_guard(const struct efsa_trans *t,
    unsigned arg);
const struct efsa_test *efsa_trans_test(const struct efsa_trans *t,
    unsigned arg);

/*
 * Results.  efsa_trans_result() is the range of what the calls of t
 * returned when learned (a RANGE guard; transfer none), or NULL when that
 * is unknown: no result seen, or one that was not a number.
 * efsa_trans_add_result() records one more result (v NULL or not a
 * number: the result becomes unknown); first says it is the first call
 * of t, whose result starts the range.
 */
const struct efsa_guard *efsa_trans_result(const struct efsa_trans *t);
void efsa_trans_add_result(struct efsa_trans *t, const struct efsa_val *v,
    bool first);

/* An empty guard of kind for argument arg (to fill, then set). */
struct efsa_guard efsa_guard_init(unsigned arg, enum efsa_guard_kind kind);
void efsa_guard_clear(struct efsa_guard *g);

/* Sorts a guard's arrays and drops repeats and the exact strings a
 * prefix covers, as efsa_trans_set_guard() does. */
void efsa_guard_normalize(struct efsa_guard *g);

/* Whether a <prefix> stands for s: s begins with it, is absolute exactly
 * when the prefix is, and has no ".." component after it. */
bool efsa_prefix_accepts(const char *prefix, const char *s);
/* Whether v satisfies g. */
bool efsa_guard_accepts(const struct efsa_guard *g,
    const struct efsa_val *v);

/* Whether g tells the IP of every value it allows that has one: it
 * learned ranges, or none of its families (AF_INET, AF_INET6) has IPs. */
bool efsa_guard_ips_known(const struct efsa_guard *g);

/*
 * Replay.  A configuration is a state and the values of the registers,
 * struct efsa_regs, which owns copies of the strings it holds.
 * efsa_regs_new() makes one with every register unset (EFSA_VAL_NONE);
 * efsa_regs_copy() copies one (for a forked process).
 *
 * efsa_step() finds the transition the event takes from state src: the
 * one labelled ev->name that leads to the state with key ev->key (when
 * the key is NULL, the first, by id, whose guards and tests hold, else the
 * first so labelled).  It checks the guards and tests and, whatever they
 * say, applies the assignments to regs.  It returns the transition (NULL
 * when there is none) and fills *dev with the first failure, if any.
 */
struct efsa_regs {
	unsigned n;
	struct efsa_val *v;
};

struct efsa_regs *efsa_regs_new(const struct efsa *a);
struct efsa_regs *efsa_regs_copy(const struct efsa_regs *r);
void efsa_regs_free(struct efsa_regs *r);

enum efsa_dev_kind {
	EFSA_DEV_NONE,
	EFSA_DEV_UNKNOWN_STATE,	/* ev->key names no state */
	EFSA_DEV_UNKNOWN_CALL,	/* no such transition from src */
	EFSA_DEV_GUARD,		/* an argument fails its guard */
	EFSA_DEV_REGISTER,	/* an argument fails its register test */
};

struct efsa_dev {
	enum efsa_dev_kind kind;
	unsigned arg;		/* GUARD, REGISTER: which argument */
	const struct efsa_guard *guard;	/* GUARD */
	const struct efsa_test *test;	/* REGISTER */
};

const struct efsa_trans *efsa_step(const struct efsa *a, unsigned src,
    const struct efsa_event *ev, struct efsa_regs *regs,
    struct efsa_dev *dev);

/* Whether two values are equal (same kind, same number or string). */
bool efsa_val_equal(const struct efsa_val *x, const struct efsa_val *y);

/*
 * Reachability.  efsa_reach() walks breadth-first from every initial
 * state and returns, per state id, the id + 1 of the transition by which
 * a shortest path first reaches it (0 for initial and unreachable
 * states); *seen, when not NULL, gets a bitmap-like array of which states
 * were reached (transfer full, g_free).  efsa_path() returns the
 * transitions of a shortest path from an initial state to s, in order
 * (empty when s is initial; NULL when unreachable).  Transfer full.
 */
guint *efsa_reach(const struct efsa *a, bool **seen);
GArray *efsa_path(const struct efsa *a, unsigned s);

/*
 * The product/reachability engine (walk.c).  efsa_walk() explores the
 * pairs (state of a, state of another automaton) breadth first, from each
 * initial state of a paired with start.  The other automaton is given by
 * its moves: ops->step(ctx, a, t, other, emit, w) is called for each
 * transition t of a from a pair's state, and calls emit(w, other2, note)
 * for each state the other automaton may go to when a takes t (note is
 * the caller's, kept on the move: an assumption, say).  Pairs for which
 * ops->interesting() is true are recorded in hits, in the order found
 * (shortest paths first), and not explored further.  At most limit pairs
 * (0: no limit) are made; truncated says when the limit cut the walk.
 * efsa_walk_path() gives the nodes of the shortest path to a node, first
 * move first (transfer full).
 *
 * When ops->edges is set, every move made is recorded in the result's
 * edges, in the order made (by source node, then by transition of a, then
 * in the order step() emitted them), including moves to pairs already
 * seen and the first move to each pair; a move to a pair the limit kept
 * out is not.  Moves from interesting pairs are never made.  Without it
 * (the default, zero), edges is NULL and the walk costs what it did.
 * efsa_walk_coreach() returns, per node, whether some hit can be reached
 * from it along the recorded moves (hits included), as an array of
 * nodes->len booleans (transfer full, g_free); it needs the edges, and
 * returns NULL without them.
 */
struct efsa_walk_node {
	unsigned m;		/* state of a */
	uint32_t other;		/* state of the other automaton */
	int pred;		/* node it was reached from, -1 at the start */
	int trans;		/* transition of a taken, -1 at the start */
	uint32_t note;
};

struct efsa_walk_ops {
	void (*step)(void *ctx, const struct efsa *a,
	    const struct efsa_trans *t, uint32_t other,
	    void (*emit)(void *w, uint32_t other2, uint32_t note), void *w);
	bool (*interesting)(void *ctx, uint32_t other);
	bool edges;		/* record every move in the result's edges */
};

struct efsa_walk_edge {
	guint from, to;		/* nodes */
	int trans;		/* transition of a taken */
	uint32_t note;		/* the caller's note on the move */
};

struct efsa_walk_result {
	GArray *nodes;		/* of struct efsa_walk_node */
	GArray *hits;		/* of guint: interesting nodes */
	GArray *edges;		/* of struct efsa_walk_edge; NULL unless
				 * ops->edges */
	bool truncated;
};

struct efsa_walk_result *efsa_walk(const struct efsa *a, uint32_t start,
    const struct efsa_walk_ops *ops, void *ctx, uint64_t limit);
GArray *efsa_walk_path(const struct efsa_walk_result *res, guint node);
bool *efsa_walk_coreach(const struct efsa_walk_result *res);
void efsa_walk_result_free(struct efsa_walk_result *res);

/*
 * efsa_trim() removes the states not reachable from an initial state and,
 * when some state is accepting, those from which no accepting state is
 * reachable, with their transitions; ids are renumbered densely in the
 * old order.  Returns the number of states removed.
 */
unsigned efsa_trim(struct efsa *a);

/*
 * efsa_minimize() merges the states that no sequence of labelled
 * transitions tells apart (bisimulation by partition refinement, which for
 * a deterministic automaton is Moore's minimisation): two transitions have
 * the same label when their names, guards, tests and assignments are
 * equal, and no two states with different exec edges (by image) merge.
 * Merged states keep all their keys and exec edges; parallel transitions
 * with equal labels become one, their counts summed.  Returns the number of
 * states removed.
 */
unsigned efsa_minimize(struct efsa *a);

/*
 * efsa_merge() adds src into dst: states are identified by key,
 * transitions by source, name and target; guards are joined (sets
 * unioned, ranges widened, mismatched kinds dropped: the argument is
 * then unconstrained), result ranges too (unknown when either is), a test
 * is kept only when both have it, exec edges are united (counts summed),
 * and src's registers are appended to dst's.  src is not changed.
 */
void efsa_merge(struct efsa *dst, const struct efsa *src);

/* A set of models, one per program. */
struct efsa_set {
	GPtrArray *models;	/* of struct efsa *, sorted by program */
	char *states;		/* how states were made: "stack" or
				 * "context", NULL if not said */
	unsigned k;		/* calling-context length, for "context" */
	unsigned threshold;	/* generalisation threshold, 0 if unknown */
	uint64_t runs;		/* logs learned from */
	unsigned version;	/* of the model file: 2 (the default) has
				 * exec edges; 1 predates them, so its
				 * models say nothing of what they exec */
};

struct efsa_set *efsa_set_new(void);
void efsa_set_free(struct efsa_set *s);

/* The model of program, or NULL.  Transfer none. */
struct efsa *efsa_set_lookup(const struct efsa_set *s, const char *program);

/* Adds a (transfer full); keeps models sorted.  Returns false, adding
 * nothing, when a model of the same program is there. */
bool efsa_set_add(struct efsa_set *s, struct efsa *a);

/*
 * Linking by exec edges (automata/link.c), so a run is followed across the
 * images it execs.  efsa_link() returns one automaton for root, a model
 * of set: root's states, transitions and registers with their ids, then a
 * copy of the model in set of every image root execs, directly or not
 * (each once; images with no model are left out), whose state keys are
 * "IMAGE: KEY" and which has no initial state; each exec edge of a state
 * s becomes, for every transition t that leaves an initial state of the
 * image exec'd (its execve), a transition from s like t to the copy of
 * t's target.  Transfer full.
 *
 * efsa_set_link() returns the linked automata of the roots of set (states,
 * k, threshold and runs copied): the models no other model of set execs,
 * and, among images that only exec each other, the first by program of
 * each such group.  A model another one execs is in that one's linked
 * automaton, not on its own.  Transfer full; set is not changed.
 */
struct efsa *efsa_link(const struct efsa_set *set, const struct efsa *root);
struct efsa_set *efsa_set_link(const struct efsa_set *set);

/*
 * Model files (automata/modelfile.c).  efsa_set_parse() reads and
 * validates the model file buf[0..len), named name in errors, against the
 * RELAX NG schema docs/efsa.rng (built in), then checks what the schema
 * cannot (ids that exist, keys used once).  NULL with err set on failure.
 * (The tools read the file itself with trace_file_read(), bounded and
 * regular files only: automata/ reads no files.)
 * efsa_set_write() writes s as XML to path ("-": standard output),
 * through a temporary file renamed over a regular one; false with err set
 * on failure.  efsa_set_to_xml() returns the document as a string
 * (transfer full).  Both fail, EFSA_ERROR_INVALID, when a string of the
 * model is not text an XML document can carry (a control byte, bytes that
 * are not UTF-8): a model holds escaped text, as the learner writes it.
 */
struct efsa_set *efsa_set_parse(const char *name, const char *buf,
    size_t len, GError **err);
bool efsa_set_write(const struct efsa_set *s, const char *path,
    GError **err);
char *efsa_set_to_xml(const struct efsa_set *s, size_t *len, GError **err);

/*
 * XML as every reader of the suite reads it (automata/xmlread.c): models,
 * and the fingerprints of tracemine match.  Neither format has a DTD, so
 * a document type declaration, with an internal subset or an external
 * one, is refused before anything in it is read: no entity can be
 * declared (so none can expand), no file or URL is loaded.
 *
 * efsa_xml_read() parses buf[0..len) (len at most G_MAXINT), named name
 * in libxml2's errors, which go to the structured error handler the
 * caller set (xmlSetStructuredErrorFunc()).  Returns the document (the
 * caller frees it with xmlFreeDoc()), or NULL: after an error, or at a
 * DOCTYPE, when *doctype_line and *doctype_col say where it begins
 * (they are 0 otherwise).
 *
 * efsa_xml_message() is the text of a libxml2 error for a FILE:LINE:COL
 * message (transfer full): libxml2's own, but for an undeclared entity,
 * which says what is allowed instead.
 */
struct _xmlDoc;
struct _xmlError;
struct _xmlDoc *efsa_xml_read(const char *name, const char *buf, size_t len,
    long *doctype_line, int *doctype_col);
char *efsa_xml_message(const struct _xmlError *e);

#endif
