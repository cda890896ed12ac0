/*
 * policy.h: policies, the platform interface, and monitoring a log
 * against a policy.
 *
 * A policy names bad behaviour as patterns: regular expressions over
 * events with conditions and variables, as in model-carrying code
 * (Sekar et al., SOSP 2003):
 *
 *	rule NoNet "a socket that is not local, or a write":
 *	    any* . ((socket(d, f) | d != PF_LOCAL) || FileWriteOp(g));
 *
 * Events are system calls (socket) or abstract events (FileWriteOp,
 * RFileSystem.write) that a platform interface file defines in terms of
 * system calls, as Naccio's platform interfaces map system calls to
 * operations on resources (Evans and Twyman, S&P 1999).  The suite ships
 * one for Linux (verify/linux.platform, built in); users may add their
 * own.  The language is described in docs/policy-language.md.
 *
 * A policy sees only the calls it mentions, by name or through an
 * abstract event: "any" matches any such call, and calls no rule names
 * are never examined.
 *
 * Ownership: a platform and a policy own everything they hold.  A policy
 * keeps a pointer to its platform, which must outlive it.  Errors are
 * GError in the POLICY_ERROR domain, "FILE:LINE:COL: expected X, found
 * Y".
 */
#ifndef VERIFY_POLICY_H
#define VERIFY_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "automata/efsa.h"
#include "trace/procs.h"
#include "trace/trace.h"

#define POLICY_ERROR (policy_error_quark())
GQuark policy_error_quark(void);

enum policy_error {
	POLICY_ERROR_IO,
	POLICY_ERROR_SYNTAX,	/* not in the language */
	POLICY_ERROR_UNKNOWN,	/* an event, variable or name not defined */
};

struct platform;
struct policy;

/*
 * The built-in Linux platform interface plus the files named by paths
 * (a NULL-terminated vector, may be NULL), whose definitions are added to
 * it.  NULL with err set when a file cannot be read or parsed.
 */
struct platform *platform_new(const char *const *paths, GError **err);
void platform_free(struct platform *p);

/* The text of the built-in platform file (for docs and tests). */
const char *platform_builtin_text(size_t *len);

/*
 * Parses a policy from buf (named name in errors) against a platform.
 * NULL with err set on a syntax error, an unknown event, a call with more
 * arguments than the event has, a variable used in a condition but bound
 * by no event of its rule.
 */
struct policy *policy_parse(const char *name, const char *buf, size_t len,
    const struct platform *pf, GError **err);
struct policy *policy_read(const char *path, const struct platform *pf,
    GError **err);
void policy_free(struct policy *p);

/*
 * AppArmor profiles as policies (apparmor.c).  apparmor_is_profile() says
 * whether a file's text is a profile rather than a policy.
 * apparmor_to_policy() reads the profile at path, with its includes (<x>
 * looked for in dirs, a NULL-terminated vector; NULL: /etc/apparmor.d)
 * and variables, and returns the text of a policy whose rules name what
 * the profile does not allow: files read, changed or run outside its file
 * rules or under its deny rules, sockets outside its network rules
 * (transfer full).  NULL with err set ("FILE:LINE:COL: ...") on trouble.
 * policy_load() reads a policy or a profile, whichever path holds.
 */
bool apparmor_is_profile(const char *buf, size_t len);
char *apparmor_to_policy(const char *path, const char *const *dirs,
    GError **err);
struct policy *policy_load(const char *path, const struct platform *pf,
    const char *const *apparmor_dirs, GError **err);

/*
 * How the AppArmor reader gets at files, for a caller that keeps them
 * elsewhere than in the file system (the fuzz target keeps them in
 * memory).  Each member may be NULL, and so may the struct: the file
 * system, with files read by trace_file_read().  data is the options'
 * io_data.  kind() says what path names: nothing, a directory, or
 * anything else (a device too: read() refuses what is not a regular
 * file).  read() is trace_file_read()'s contract: the whole file, at most
 * max bytes, into *buf (NUL-terminated, freed with g_free()), or false
 * with err set, naming the file.  list() gives the names in directory
 * path, sorted and NULL-terminated (g_strfreev()), or NULL with err set,
 * when it cannot or they are more than max.
 */
enum apparmor_kind {
	APPARMOR_MISSING,
	APPARMOR_DIR,
	APPARMOR_FILE,
};

struct apparmor_io {
	enum apparmor_kind (*kind)(void *data, const char *path);
	bool (*read)(void *data, const char *path, size_t max, char **buf,
	    size_t *len, GError **err);
	char **(*list)(void *data, const char *path, size_t max,
	    GError **err);
};

/* Options of apparmor_to_policy_with(); NULL or all zero: the defaults. */
struct apparmor_opts {
	const char *const *dirs;	/* where <x> is looked for; NULL:
					 * /etc/apparmor.d */
	const struct apparmor_io *io;	/* NULL: the file system */
	void *io_data;			/* passed to io's functions */
};

/*
 * apparmor_to_policy() with options: the same, with files got through
 * opts->io.  apparmor_to_policy(path, dirs, err) is this with only dirs.
 * Whatever the files hold, the reading is bounded: an include of what is
 * not a regular file, an include cycle, includes nested more than 16
 * deep or more than 4096 files, a variable defined in terms of itself
 * or expanded past 4096 bytes, a pattern glob.c would not read as
 * written are errors.
 */
char *apparmor_to_policy_with(const char *path,
    const struct apparmor_opts *opts, GError **err);
/* The capabilities whose use profiles are checked for (transfer none):
 * each has an event Capability.NAME() in the built-in platform. */
const char *const *apparmor_capabilities(size_t *n);

/* How many rules, and a rule's name and message. */
unsigned policy_rules(const struct policy *p);
const char *policy_rule_name(const struct policy *p, unsigned rule);
const char *policy_rule_message(const struct policy *p, unsigned rule);

/*
 * The compiled automaton of a rule, to show (efsa-show POLICY): its
 * states are numbered 0 to policy_rule_states() - 1; policy_rule_start()
 * is the one a process begins in, and policy_rule_accepting() says
 * whether the pattern is complete in a state (false for a state out of
 * range).  policy_rule_moves() is how many transitions leave state (0 for
 * a state out of range); policy_rule_move() gives the kth of them, in the
 * order the compiler made them: it sets *dst to its target and returns
 * its label (transfer full), the event pattern as a policy writes it,
 * with its condition ("socket(d, _) | d != PF_LOCAL"), or "any" for a
 * transition any call the policy examines takes.  rule must be below
 * policy_rules(), and k below policy_rule_moves().
 */
unsigned policy_rule_states(const struct policy *p, unsigned rule);
unsigned policy_rule_start(const struct policy *p, unsigned rule);
bool policy_rule_accepting(const struct policy *p, unsigned rule,
    unsigned state);
unsigned policy_rule_moves(const struct policy *p, unsigned rule,
    unsigned state);
char *policy_rule_move(const struct policy *p, unsigned rule,
    unsigned state, unsigned k, unsigned *dst);

/*
 * Whether the policy examines a call of this name (it names it, or an
 * abstract event it names is defined with it).
 */
bool policy_mentions(const struct policy *p, const char *call);

/*
 * Offline monitoring: replays a log through the policy, process by
 * process (a child starts with a copy of its parent's matches; matches go
 * on across execve), and records each call at which a rule's pattern is
 * complete.  Counters of scope process are the process's (a child starts
 * with its parent's values); counters of scope run are one for the whole
 * log.  When a condition asks a file's state, the monitor follows what
 * the log shows of every file (files.c).
 */
struct policy_violation {
	const char *file;	/* interned */
	uint64_t line;
	int pid;
	char *program;
	char *call;		/* the call, with the values that matched */
	unsigned rule;
	char *assumption;	/* what the verdict took for granted, or
				 * NULL */
};

struct policy_result {
	GPtrArray *violations;	/* of struct policy_violation *, by line */
	uint64_t calls;		/* calls replayed */
	uint64_t examined;	/* calls the policy mentions */
	bool truncated;		/* some process had too many partial
				 * matches; the oldest were dropped */
};

struct policy_result *policy_monitor(const struct policy *p,
    struct strace_reader *r, const char *name, GError **err);

/* Options of policy_monitor_with(); NULL or all zero: the defaults. */
struct monitor_opts {
	const char *existed;	/* a file listing what existed before the
				 * run (files_before_read() in files.c);
				 * NULL: every name the trace does not show
				 * made counts as existing */
};

/*
 * policy_monitor() with options: the same, with what existed before the
 * run read from opts->existed when a condition of p asks a file's state
 * (existed(p), created(p)).  NULL with err set ("FILE:LINE:COL: ...")
 * when that file cannot be read or is malformed, or as policy_monitor().
 */
struct policy_result *policy_monitor_with(const struct policy *p,
    struct strace_reader *r, const char *name,
    const struct monitor_opts *opts, GError **err);
void policy_result_free(struct policy_result *res);

/*
 * Verification (verify.c): each rule against each model, by the product
 * walk of automata/ (efsa_walk).  A transition of the model steps the
 * rule's automaton when the policy mentions its call; whether an event
 * pattern matches it is decided from what the model learned about its
 * arguments: true, false, or unknown.  Unknown is taken as possible
 * (optimistic, as in model-carrying code) and the conflicts that rest on
 * it are "may"; the others "must".  A conflict is a path of the model
 * that completes a rule's pattern: the shortest one for each model
 * transition that completes it.
 */
struct verify_conflict {
	unsigned rule;
	const struct efsa *model;	/* transfer none */
	bool may;
	GArray *path;		/* of guint: transition ids, in order */
	GPtrArray *assumed;	/* of char *: the unknowns taken as true,
				 * each naming the comparisons undecided,
				 * the argument and its learned set */
	char *advice;		/* a change to the policy that admits it,
				 * checked by walking the product again with
				 * it; or "no checked fix: " and why */
};

/*
 * The part of the product of one model and one rule that leads to
 * conflicts, kept when asked (struct verify_opts's graph): the product
 * states from which some violating state can be reached along the moves
 * of the walk (all of them, not only the shortest paths), and the moves
 * between them.  A product state is a state of the model, a state of the
 * rule's automaton, and whether an assumption was made on the way (may).
 * Nodes are sorted by model state, rule state, then may (false first);
 * edges by source, target, then transition, with no two alike (moves
 * that differ only in the rule's transition they took are one edge,
 * which assumes only when all of them do).
 */
struct verify_node {
	unsigned m;		/* state of the model */
	unsigned ps;		/* state of the rule's automaton */
	bool may;		/* reached by assuming what the model does
				 * not tell */
	bool initial;		/* where the walk began */
	bool conflict;		/* the rule's pattern is complete: a
				 * violation */
	bool path;		/* on the shortest path of a conflict
				 * reported */
};

struct verify_edge {
	guint from, to;		/* indexes in nodes */
	guint trans;		/* the model's transition taken */
	bool may;		/* the move assumes what the model does not
				 * tell */
	bool path;		/* on the shortest path of a conflict
				 * reported */
};

struct verify_graph {
	unsigned rule;
	const struct efsa *model;	/* transfer none */
	GArray *nodes;		/* of struct verify_node */
	GArray *edges;		/* of struct verify_edge */
};

struct verify_result {
	GPtrArray *conflicts;	/* of struct verify_conflict * */
	GPtrArray *graphs;	/* of struct verify_graph *: one per model
				 * and rule with conflicts, in the order of
				 * their conflicts; NULL unless asked */
	uint64_t explored;	/* product states */
	bool truncated;		/* the limit stopped the walk */
};

/* Options of policy_verify_with(); NULL or all zero: the defaults. */
struct verify_opts {
	uint64_t limit;		/* product states explored at most per rule
				 * and model; 0: no limit */
	bool graph;		/* keep the graphs of the conflicts */
};

/*
 * Verifies the models against every rule of p and returns the conflicts
 * (transfer full; free with verify_result_free()), model by model, rule
 * by rule, shortest first.  policy_verify(p, models, limit) is
 * policy_verify_with() with only the limit set.  Keeping the graphs
 * records every move of the walk, which costs memory in proportion to
 * them.  The models must outlive the result.  Cannot fail.
 */
struct verify_result *policy_verify(const struct policy *p,
    const struct efsa_set *models, uint64_t limit);
struct verify_result *policy_verify_with(const struct policy *p,
    const struct efsa_set *models, const struct verify_opts *opts);
/* Frees a result, its conflicts and graphs; NULL is a no-op. */
void verify_result_free(struct verify_result *res);

#endif
