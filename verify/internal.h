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
	GError *err;
};

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
};

struct term {
	enum term_kind kind;
	char *s;
	int64_t n;
	unsigned var;
};

enum cmp_op {
	OP_EQ, OP_NE, OP_GLOB, OP_HAS, OP_LT, OP_LE, OP_GT, OP_GE,
};

enum cond_kind { COND_CMP, COND_AND, COND_NOT };

struct cond {
	enum cond_kind kind;
	enum cmp_op op;
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

/* An event pattern of a rule: name(args) | cond. */
struct pevent {
	char *name;
	const GPtrArray *defs;	/* abstract: its definitions; NULL: a call */
	const char *call;	/* a call: its interned name */
	unsigned nargs;
	struct term *args;
	struct cond *cond;
};

#define LABEL_ANY (-1)

struct ptrans {
	int label;		/* an event index, or LABEL_ANY */
	unsigned dst;
};

struct prule {
	char *name;
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

struct policy {
	const struct platform *pf;
	GPtrArray *rules;	/* of struct prule * */
	GHashTable *mentioned;	/* interned call names */
	bool apparmor;		/* made from an AppArmor profile */
};

/* Parsing (parse.c). */
bool platform_parse_into(struct platform *pf, const char *name,
    const char *buf, size_t len, GError **err);

/* Evaluation on concrete values (eval.c).  binds has room for the rule's
 * variables; set[] says which are bound. */
struct binding {
	unsigned n;
	struct call_val *v;	/* strings owned */
	bool *set;
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
 * Appends event e of rule r to s as a policy writes it, "name(args)",
 * followed by " | condition" when cond is set and e has one (text.c).
 */
void pevent_text(GString *s, const struct prule *r, const struct pevent *e,
    bool cond);

/* Whether a value is the flag or name, with PF_ and AF_ aliases. */
bool flags_have(const char *flags, const char *name);

#endif
