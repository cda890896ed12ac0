/*
 * internal.h: what the files of the verify module share: the tokens of
 * the policy and platform languages, their syntax trees, and compiled
 * rules.  Never included from another layer.
 */
#ifndef VERIFY_INTERNAL_H
#define VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "policy.h"

/* Tokens (lex.c). */
enum tok {
	TOK_EOF, TOK_IDENT, TOK_STRING, TOK_NUMBER,
	TOK_LPAREN, TOK_RPAREN, TOK_COMMA, TOK_SEMI, TOK_COLON, TOK_STAR,
	TOK_PLUS, TOK_QUESTION, TOK_DOT, TOK_BAR, TOK_OROR, TOK_ANDAND,
	TOK_NOT, TOK_EQ, TOK_NE, TOK_TILDE, TOK_LT, TOK_LE, TOK_GT, TOK_GE,
	TOK_ASSIGN, TOK_ARROW, TOK_BAD,
};

struct lexer {
	const char *name;	/* file name, for errors */
	const char *p, *end;
	const char *line_start;
	unsigned line;
	/* the token in hand */
	enum tok tok;
	const char *tstart;	/* its text */
	size_t tlen;
	unsigned tline, tcol;
	char *str;		/* TOK_STRING: canonical (strace-escaped) */
	int64_t num;		/* TOK_NUMBER */
	unsigned depth;		/* nesting of what is being parsed */
	GError *err;
};

/*
 * Every recursive part of the languages (parentheses and '!' in
 * conditions, parentheses in patterns) shares one budget of nesting per
 * lexer, so that no input can run the recursive descent, or the
 * recursive walks over the trees it builds, out of stack.  lex_enter()
 * takes one level before a recursive call: false, with lx->err set
 * ("FILE:LINE:COL: WHAT nested too deeply ..."), past POLICY_MAX_DEPTH;
 * lex_leave() gives it back.  Chains of binary operators ("&&", ".",
 * "||") are built as balanced trees and take no level.
 */
#define POLICY_MAX_DEPTH 200
bool lex_enter(struct lexer *lx, const char *what);
void lex_leave(struct lexer *lx);

void lex_init(struct lexer *lx, const char *name, const char *buf,
    size_t len);
void lex_next(struct lexer *lx);
void lex_clear(struct lexer *lx);
/* Sets lx->err (once): "FILE:LINE:COL: expected WHAT, found TOKEN". */
void lex_expected(struct lexer *lx, const char *what);
void lex_error(struct lexer *lx, unsigned line, unsigned col, int code,
    const char *fmt, ...) G_GNUC_PRINTF(5, 6);
/* The token in hand as people read it: "'('", "name 'open'", "the end". */
char *lex_describe(const struct lexer *lx);

/* Terms, conditions, event patterns. */
enum term_kind {
	TERM_ANY,		/* _ */
	TERM_VAR,		/* a variable: var */
	TERM_STR,		/* "text": s, canonical */
	TERM_INT,		/* 42: n */
	TERM_NAME,		/* O_WRONLY, PF_LOCAL: s */
	TERM_COUNTER,		/* a stateblock's field: var is its index in
				 * the policy's counters */
	TERM_PARAM,		/* a property's parameter: var is its index;
				 * replaced by the policy's value when the
				 * property is instantiated */
	TERM_NET,		/* 127.0.0.0/8, ::1: s, its text as
				 * written (trace/sockaddr.h reads it) */
};

/* A field of a socket address a TERM_VAR names: a.ip, a.port. */
enum term_field {
	FIELD_NONE, FIELD_FAMILY, FIELD_IP, FIELD_PORT, FIELD_PATH,
	FIELD_PID, FIELD_GROUPS,
};

struct term {
	enum term_kind kind;
	char *s;
	int64_t n;
	unsigned var;
	enum term_field field;	/* TERM_VAR: the field of an address */
};

/* The name of a field ("ip"), for messages and text. */
const char *term_field_name(enum term_field f);

enum cmp_op {
	OP_EQ, OP_NE, OP_GLOB, OP_HAS, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN,
};

enum cond_kind { COND_CMP, COND_AND, COND_NOT, COND_FILE };

/* What a file-state predicate asks of a name (files.c): existed(p),
 * created(p). */
enum file_pred { FILE_PRED_EXISTED, FILE_PRED_CREATED };

struct cond {
	enum cond_kind kind;
	enum cmp_op op;
	enum file_pred pred;	/* COND_FILE: of the name a */
	struct term a, b;
	struct cond *l, *r;	/* AND: both; NOT: l */
};

void cond_free(struct cond *c);
void term_clear(struct term *t);

/* One definition of an abstract event in a platform file:
 * NAME(params) = call(args) [-> ret] [| cond]; */
struct pdef {
	char *name;
	unsigned nparams;
	unsigned *params;	/* the def's variable of each parameter */
	char *call;		/* interned */
	unsigned nargs;
	struct term *args;	/* TERM_ANY, TERM_VAR or literals */
	int ret_var;		/* -1: the result is not bound */
	struct cond *cond;
	unsigned nvars;
};

struct platform {
	GPtrArray *defs;	/* of struct pdef * */
	GHashTable *by_name;	/* name -> GPtrArray of struct pdef * */
};

/*
 * An event pattern of a rule: [Failed] name(args) [-> ret] | cond.  An
 * abstract event matches only calls that succeeded (call_failed() is
 * false), a Failed one only calls that failed; a system call named as
 * such matches whatever it returned, unless Failed.
 */
struct pevent {
	char *name;
	const GPtrArray *defs;	/* abstract: its definitions; NULL: a call */
	const char *call;	/* a call: its interned name */
	unsigned nargs;
	struct term *args;
	struct cond *cond;
	bool failed;		/* the Failed form */
	struct term ret;	/* the result: TERM_ANY when not named */
};

/*
 * Whether a call failed: it returned -1 with an errno, except the errors
 * that mean the call was begun (a non-blocking connect's EINPROGRESS,
 * which is an attempt to reach the address).  A call whose result the
 * log does not give ("= ?", or never returned) did not fail.
 */
bool call_failed(const struct call *c);

#define LABEL_ANY (-1)

struct ptrans {
	int label;		/* an event index, or LABEL_ANY */
	unsigned dst;
};

struct prule {
	char *name;
	const GPtrArray *counters;	/* the policy's counters (borrowed) */
	GArray *reads;		/* of guint: counters its conditions read,
				 * and those their updates read, sorted;
				 * NULL: none */
	char *message;
	GPtrArray *events;	/* of struct pevent * */
	GPtrArray *vars;	/* of char *: the rule's variables */
	int *first;		/* per variable: the first event (by index)
				 * that binds it */
	unsigned nstates;
	GArray **out;		/* per state: struct ptrans */
	bool *accepting;
	unsigned start;
};

/*
 * Naccio's stateblocks (property.c): a counter is a field of a resource
 * (addfield RFileSystem.bytes_written = 0); an update is a precode that
 * changes it on an event (precode RFileSystem.write(f, n): bytes_written
 * += n).  Counters belong to a process: a child starts with its parent's
 * values, execve keeps them; a stateblock with "scope run" keeps one
 * value for the whole run instead.  Updates run, in order, on every call the
 * policy examines, before the rules step.
 */
struct propdefs;

struct counter {
	char *name;		/* as declared: "RFileSystem.bytes_written" */
	int64_t init;
	bool run;		/* scope run: one value for the whole traced
				 * run (every process and thread), not one
				 * per process */
};

enum update_op { UPDATE_ADD, UPDATE_SET };

struct pupdate {
	struct pevent *ev;
	GPtrArray *vars;	/* of char *: the event's variables */
	unsigned counter;
	enum update_op op;
	struct term val;	/* TERM_INT, TERM_VAR (the event's), or
				 * TERM_COUNTER */
};

struct policy {
	const struct platform *pf;
	GPtrArray *rules;	/* of struct prule * */
	GPtrArray *counters;	/* of struct counter *, index = id */
	GPtrArray *updates;	/* of struct pupdate *, in order: those of
				 * the stateblocks instantiated properties
				 * require */
	struct propdefs *defs;	/* stateblocks and properties being read;
				 * NULL after parsing */
	GHashTable *mentioned;	/* interned call names */
	bool apparmor;		/* made from an AppArmor profile */
};

/* Parsing (parse.c). */
bool platform_parse_into(struct platform *pf, const char *name,
    const char *buf, size_t len, GError **err);

/*
 * What parse.c shares with property.c: variable tables, the pieces of the
 * grammar, and the compilation of a pattern into a rule.  A scope, when
 * not NULL, resolves the lower-case names a condition uses: a parameter of
 * the property being read, or a counter of a stateblock it requires,
 * before they are taken for variables.
 */
struct scope {
	const GPtrArray *params;	/* of char * */
	const GPtrArray *counters;	/* of struct counter * */
	const GArray *visible;		/* of guint: the counters in scope */
};

struct vars {
	GPtrArray *names;	/* of char * */
	GArray *bound;		/* of gboolean */
	GArray *line, *col;	/* of guint: first use */
	const struct scope *scope;
};

struct rnode;

struct rule_parse {
	struct lexer *lx;
	const struct platform *pf;
	struct vars *v;
	GPtrArray *events;	/* of struct pevent * */
};

struct vars *vars_new(void);
GPtrArray *vars_free(struct vars *v, bool keep);
bool vars_check(struct lexer *lx, struct vars *v, const char *where);
bool tok_is(const struct lexer *lx, const char *word);
bool expect(struct lexer *lx, enum tok t, const char *what);
struct cond *parse_cond(struct lexer *lx, struct vars *v);
/* An event pattern name(args) [| cond], added to rp->events: its index,
 * or -1 with lx->err set. */
int parse_event_only(struct rule_parse *rp);
void pevent_free(gpointer p);
void pupdate_free(gpointer p);
/* A copy of e with each TERM_PARAM replaced by vals[var] (transfer
 * full). */
struct pevent *pevent_instantiate(const struct pevent *e,
    const struct term *vals);
struct cond *cond_instantiate(const struct cond *c, const struct term *vals);
void term_copy(struct term *to, const struct term *from,
    const struct term *vals);
/*
 * The most work the compilation of one rule's pattern may take: states
 * of the empty closures visited and moves made (parse.c, compile()).
 */
#define POLICY_MAX_WORK 10000000
/*
 * Reduces r's automaton to its coarsest bisimulation (rulemin.c), states
 * renumbered from the start state; left as it is when that would take
 * more than POLICY_MAX_WORK.  Cannot fail.
 */
void rule_minimize(struct prule *r);
/*
 * Makes rule r (named, with a message) from the pattern "any* . (events
 * index 0)" over rp's events and variables, and adds it to p (r is taken).
 */
void rule_add_check(struct policy *p, struct prule *r, struct rule_parse *rp);
/* The calls event e stands for are examined by p. */
void mention_event(struct policy *p, const struct pevent *e);

/*
 * Known constants (constants.c, the table verify/constants.def that
 * verify/constants.sh writes from the system headers).
 * constant_is_known(): whether name is one.  constant_suggest() and
 * event_suggest(): " (did you mean A, B or C?)" naming the nearest known
 * constants, or events of pf (may be NULL) and system calls, by edit
 * distance; "" when none is near (transfer full).  constant_check(): true
 * when name is known, else false with lx->err set at line:col to
 * "unknown constant 'NAME' (did you mean ...?)".
 */
bool constant_is_known(const char *name);
char *constant_suggest(const char *name);
char *event_suggest(const char *name, const struct platform *pf);
bool constant_check(struct lexer *lx, unsigned line, unsigned col,
    const char *name);

/* Properties (property.c).  property_parse() reads a stateblock,
 * property or policy at the lexer's keyword; false with lx->err set. */
bool property_starts(const struct lexer *lx);
bool property_parse(struct lexer *lx, struct policy *p);
void propdefs_free(struct propdefs *d);
/* The counters a condition reads, added to a sorted set. */
void cond_counters(const struct cond *c, GArray *set);

/*
 * What the trace showed of each file (files.c), by absolute name: seen to
 * exist, seen missing, created by the run, removed.  The monitor follows
 * every call that makes, removes, moves or looks at a name (after the
 * rules saw it), and conditions ask existed(p) and created(p).  A name
 * the trace never showed counts as existing before the run, unless it is
 * under a root of files_before_read(): there, only the names it lists
 * existed.
 */
struct files;

struct files *files_new(void);
void files_free(struct files *f);
/*
 * Reads what existed before the run from path, one entry per line: an
 * absolute name that existed, "root<TAB>DIR" (under DIR only the names
 * listed existed), or "LOG<TAB>NAME", a name that existed before the run
 * of the log whose base name is LOG (other logs' lines are skipped), as
 * corpora/runs/existed.txt; '#' starts a comment.  log is the log being
 * checked (NULL: none).  False with err set ("FILE:LINE:COL: ...").
 */
bool files_before_read(struct files *f, const char *path, const char *log,
    GError **err);
/* Follows call c (after the rules stepped on it). */
void files_track(struct files *f, const struct call *c);
/* Whether name (absolute) names, before the call in hand, a file that
 * existed before the run; whether one the run created. */
bool files_existed(const struct files *f, const char *name);
bool files_created(const struct files *f, const char *name);
/* Forget the names the last call asked about; files_assumption() then
 * says which names this call's conditions took to have existed only
 * because nothing showed them (NULL when none; g_free it). */
void files_call_begin(struct files *f);
char *files_assumption(const struct files *f);
/* The name of a predicate, as a policy writes it. */
const char *file_pred_name(enum file_pred pred);
/* Whether e's condition, or one of its definitions', asks a file's state
 * (eval.c). */
bool event_asks_files(const struct pevent *e);

/* Evaluation on concrete values (eval.c).  binds has room for the rule's
 * variables; set[] says which are bound. */
struct binding {
	unsigned n;
	struct call_val *v;	/* strings owned */
	bool *set;
	const int64_t *counters;	/* the process's counters (borrowed),
					 * or NULL */
	const struct files *files;	/* what the trace showed of files
					 * (borrowed), or NULL */
};

void binding_init(struct binding *b, unsigned n);
void binding_copy(struct binding *to, const struct binding *from);
void binding_destroy(struct binding *b);
bool binding_equal(const struct binding *x, const struct binding *y);

/*
 * Whether call c matches event e given the bindings b; on a match, the
 * variables e binds are set in b (which the caller copied first).
 */
bool event_matches(const struct pevent *e, const struct call *c,
    struct binding *b);
/*
 * File-name patterns (glob.c): '*' within a name, '**' across '/', '?',
 * [sets], {alternatives}.  glob_fixed_prefix() is the length of the part
 * before the first special character; *rest_is_all says whether what
 * follows is "**" alone (the pattern is a directory prefix).
 */
bool glob_match(const char *pattern, const char *s);
size_t glob_fixed_prefix(const char *pattern, bool *rest_is_all);
/*
 * Whether a pattern a policy or a profile gives is one glob_match() reads
 * as written: NULL when it is; otherwise what is wrong, "expected X,
 * found Y" (transfer full), with *at the offset in pattern of the part
 * at fault: a set '[' with no ']', a group '{' with no '}', more than
 * GLOB_MAX_GROUPS groups, or more than GLOB_MAX bytes in all.
 */
#define GLOB_MAX 4096
#define GLOB_MAX_GROUPS 64
char *glob_check(const char *pattern, size_t *at);
/*
 * Whether pattern matches every name a model's prefix stands for
 * (efsa_prefix_accepts(): prefix followed by anything with no ".."
 * component, relative when prefix is ""), none of them, or some and not
 * others, exactly as glob_match() reads the pattern.  GLOB_SOME also when
 * the pattern is too large to decide (more than 256 expansions of its
 * groups, or 20000 sets of states).  Can't fail.
 */
enum glob_decision { GLOB_NONE, GLOB_SOME, GLOB_ALL };
enum glob_decision glob_prefix_decide(const char *pattern,
    const char *prefix);

/*
 * Applies the policy's updates to counters (of the policy's size) for
 * call c (monitor.c), with the state of files (NULL: none followed).
 */
void updates_apply(const struct policy *p, const struct call *c,
    int64_t *counters, const struct files *files);
/* Saturating arithmetic on counters. */
int64_t counter_add(int64_t x, int64_t y);

/*
 * Appends event e of rule r to s as a policy writes it, "name(args)",
 * followed by " | condition" when cond is set and e has one (text.c).
 */
/* A term as a policy writes it, a variable called var (a field after
 * it), a counter called counter ("_" when NULL, and for "_"). */
void term_text(GString *s, const struct term *t, const char *var,
    const char *counter);
/* A comparison's operator as a policy writes it ("==", "in"...). */
const char *cmp_op_text(enum cmp_op op);
void pevent_text(GString *s, const struct prule *r, const struct pevent *e,
    bool cond);

/* Whether a value is the flag or name, with PF_ and AF_ aliases. */
bool flags_have(const char *flags, const char *name);

#endif
