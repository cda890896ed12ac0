/*
 * internal.h: what the printers of report/ share.  Never included from
 * another layer.
 */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "report.h"

/* One counted key of a statistics table, for sorted printing. */
struct count {
	const char *name;	/* a name, or the decimal key of an int table */
	uint64_t count;
};

/*
 * The entries of a table of counts sorted by key: names bytewise, or, when
 * int_keys, integer keys numerically (name then holds the number as text).
 * Free with counts_free().
 */
GArray *counts_sorted(GHashTable *t, bool int_keys);
void counts_free(GArray *a);

/* Timestamps as text: "12:00:00.123456" (+ "+1d" past midnight) or
 * "1700000000.123456"; nanoseconds shown only when not whole microseconds. */
char *format_time(enum trace_time kind, int64_t ns);
/* "clock", "epoch", "relative" or "none". */
const char *time_kind_name(enum trace_time kind);
/* A duration in seconds, "0.333333". */
char *format_span(int64_t ns);

/* A file name escaped as strace escapes bytes (no quotes added). */
char *escape_name(const char *name);

/*
 * A pid of the process tree as text in buf (16 bytes): its number, or "?"
 * for pid 0, a process the log never named.  Returns buf.
 */
const char *pid_text(int pid, char *buf);

/* The printers: one table of functions per format. */
struct printer {
	bool (*stats)(FILE *out, const struct trace_stats *st, GError **err);
	bool (*accesses)(FILE *out, const struct access_set *set,
	    const char *op, GError **err);
	void *(*norm_begin)(FILE *out);
	void (*norm_line)(void *ctx, const char *file, uint64_t line, int pid,
	    const char *access, size_t len);
	bool (*norm_end)(void *ctx, GError **err);
};

extern const struct printer printer_text;
extern const struct printer printer_tsv;
extern const struct printer printer_json;
extern const struct printer printer_xml;

/* Models (model.c, dot.c): s with bytes outside printable ASCII escaped
 * (trace_escape_message(), transfer full); a guard, test or assignment as
 * text, at most max values of a set. */
char *report_safe(const char *s);
void report_guard_text(GString *out, const struct efsa_guard *g,
    unsigned max);
void report_test_text(GString *out, const struct efsa_test *x);
void report_assign_text(GString *out, const struct efsa_assign *as);
bool report_models_dot(FILE *out, const struct efsa_set *set, GError **err);

/* The conflicts' graphs of a verification, and a policy's rules, as DOT
 * (dot.c); the first fails (G_IO_ERROR_NOT_SUPPORTED) when res holds no
 * graphs. */
bool report_verify_dot(FILE *out, const struct policy *p,
    const struct verify_result *res, const struct report_verify_opts *opts,
    GError **err);
bool report_rules_dot(FILE *out, const struct policy *p, GError **err);

/*
 * The transitions of a rule's automaton (rules.c), sorted by source,
 * target, then label (escaped by report_safe()); a GPtrArray of struct
 * report_move * that owns them (transfer full).
 */
struct report_move {
	unsigned src, dst;
	char *label;
};
GPtrArray *report_rule_moves(const struct policy *p, unsigned rule);

/*
 * An XML document written into memory, indented by two spaces:
 * report_xml_begin() starts it (the caller writes its elements with
 * x->w), report_xml_end() ends it, appends its text to o and frees it.
 */
struct report_xml {
	struct _xmlBuffer *buf;
	struct _xmlTextWriter *w;
};

void report_xml_begin(struct report_xml *x);
void report_xml_end(struct report_xml *x, GString *o);

/* The document a JSON builder holds, pretty-printed (transfer full). */
typedef struct _JsonBuilder JsonBuilder;
char *report_json_text(JsonBuilder *b);

/* Sets err from errno when out has an error; returns !ferror(out). */
bool check_stream(FILE *out, GError **err);

#endif
