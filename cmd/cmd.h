/*
 * cmd.h: what the tracemine subcommands share.  Each subcommand is an entry
 * in a table (name, summary, usage line, run function), as tmux's
 * cmd_entry; the run function gets the arguments after the subcommand name
 * and returns the exit status: 0 nothing found, 1 found, 2 trouble.
 */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include <stdbool.h>

#include <glib.h>

#include "report/report.h"
#include "trace/norm.h"
#include "trace/trace.h"

#define EXIT_NOTHING	0
#define EXIT_FOUND	1
#define EXIT_TROUBLE	2

struct cmd_entry {
	const char *name;
	const char *summary;
	const char *usage;	/* after "usage: tracemine " */
	int (*run)(const struct cmd_entry *self, int argc, char **argv);
};

/*
 * The program's name, for messages: "tracemine" (the default), whose
 * entries are subcommands, or a tool of its own ("efsa-learn"), whose one
 * entry has the same name and a usage line that begins with it.
 */
extern const char *cmd_tool;

extern const struct cmd_entry cmd_concepts_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_norm_entry;
extern const struct cmd_entry cmd_diff_entry;
extern const struct cmd_entry cmd_intersect_entry;
extern const struct cmd_entry cmd_union_entry;

/* Options every subcommand that reads traces has. */
struct cmd_common {
	char *format;
	gboolean quiet;
	gboolean strict;
	enum report_fmt fmt;
	bool allow_dot;		/* set before cmd_parse(): -f dot is valid */
	struct strace_opts ropts;
};

/* Options of the subcommands that normalise. */
struct cmd_norm {
	char *keep, *drop, *generalize, *protocols;
};

/*
 * Parses argv with the common options, those of norm when nopts is not NULL,
 * and extra entries.  On a usage error prints it and returns false.
 * On --help prints the help and exits 0.  On failure nothing is left to
 * free.
 */
bool cmd_parse(const struct cmd_entry *e, int *argc, char ***argv,
    struct cmd_common *common, struct cmd_norm *nopts,
    const GOptionEntry *extra);

/* "tracemine: MESSAGE", the usage line and a hint; returns EXIT_TROUBLE. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/* "tracemine: MESSAGE"; returns EXIT_TROUBLE. */
int cmd_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/*
 * The traces named by the arguments (each a vector of files, see
 * trace_expand_path()), or one trace "-" when there are none.  NULL after
 * printing an error when one does not exist or stdin is named twice.
 */
GPtrArray *cmd_traces(int argc, char **argv);

/*
 * Opens one trace for reading, with warnings printed to stderr unless
 * quiet.  NULL after printing the error.
 */
struct strace_reader *cmd_open(struct cmd_common *c, char **files);

/* The normaliser options of nopts; NULL after printing the error. */
struct normalizer *cmd_normalizer(const struct cmd_norm *nopts);

/*
 * The normalised accesses of one trace (the files of one argument, see
 * cmd_traces()); NULL after printing an error.
 */
struct access_set *cmd_load_accesses(struct cmd_common *c,
    struct cmd_norm *nopts, char **files);

/* The version all the tools print. */
#define TRACEMINE_VERSION "0.2.0"

/*
 * main() of a tool of its own (efsa-learn, ...): sets cmd_tool and the
 * locale, answers --version, and runs e.
 */
int cmd_tool_main(const struct cmd_entry *e, int argc, char **argv);

/* Checks and closes stdout; false after printing an error. */
bool cmd_close_stdout(void);

#endif
