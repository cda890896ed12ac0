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

#include "mining/accessset.h"
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
	const char *exit_status;	/* for --help; NULL: as diff's */
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
extern const struct cmd_entry cmd_solve_entry;
extern const struct cmd_entry cmd_match_entry;

/* Options every subcommand that reads traces has. */
struct cmd_common {
	char *format;
	gboolean quiet;
	gboolean strict;
	enum report_fmt fmt;
	bool allow_dot;		/* set before cmd_parse(): -f dot is valid */
	struct strace_opts ropts;
};

/* The usage words of the options of cmd_norm, as the man page has them. */
#define NORM_USAGE "[-d calls] [-f fmt] [-g rules] [-k calls] " \
	"[--keep-argv] [--marker=bytes] [--offsets] [--payload=n|token] " \
	"[--protocols=list]"
#define WINDOW_USAGE "[--window=from:to]"

/* Options of the subcommands that normalise.  marker and window say
 * which part of each trace to keep (cmd_part). */
struct cmd_norm {
	char *keep, *drop, *generalize, *protocols;
	char *marker, *window;
	gboolean offsets;	/* norm_opts.offsets */
	char *payload;		/* norm_opts.payload */
	gboolean keep_argv;
	int64_t from_ns, to_ns;	/* window, parsed */
};

/*
 * The part of a trace that matters, when the experiment marked it: with
 * --marker=BYTES, the events after the first event that holds the bytes
 * in a string argument and before the next one (nothing of a trace with
 * no marker); with --window=FROM:TO, the events FROM to TO seconds after
 * the trace's first.  The markers themselves are left out.  One per
 * trace, in its order: cmd_part_wants() says whether an event's accesses
 * are kept (every event must still be normalised, so fds are followed).
 */
struct cmd_part {
	const struct cmd_norm *no;
	unsigned markers;	/* seen so far */
	bool have_t0;
	int64_t t0;
};

void cmd_part_init(struct cmd_part *p, const struct cmd_norm *nopts);
bool cmd_part_wants(struct cmd_part *p, struct strace_reader *r,
    const struct event *ev);
/* The same for an access of a resource-access trace (a marker is an
 * access that holds the bytes; such traces have no times). */
bool cmd_part_wants_access(struct cmd_part *p, const char *text,
    size_t len);
/* At the end of trace name: warns (unless quiet) when no event passed the
 * marker, so nothing of it was kept. */
void cmd_part_done(const struct cmd_part *p, const struct cmd_common *c,
    const char *name);

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
 * Reads the model file path ("-": standard input) through
 * trace_file_read() (regular files only, TRACE_FILE_MAX_MODEL bytes at
 * most) and efsa_set_parse().  NULL with err set on failure.
 */
struct efsa_set;
struct efsa_set *cmd_read_models(const char *path, GError **err);

/*
 * Prints "tool: message" to standard error with every byte of the message
 * that is not printable ASCII escaped (trace_escape_message()): the one
 * way a diagnostic leaves the tools.  cmd_error() and cmd_usage_error()
 * print through it.
 */
void cmd_diag(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

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

/*
 * The set of accesses of one trace, files as cmd_traces() gives them: the
 * normalised accesses of an strace log, or the accesses of a
 * resource-access trace when files is one such file (restrace_sniff()).
 * NULL after printing the error.
 */
struct access_set *cmd_load(struct cmd_common *c, struct cmd_norm *nopts,
    char **files);

/*
 * The same, one access at a time, in the trace's order: fn gets each
 * access (len bytes, valid during the call) and where it occurred (file
 * interned).  false after printing the error.
 */
typedef void (*cmd_access_fn)(void *ctx, const char *text, size_t len,
    const char *file, uint64_t line);
bool cmd_each_access(struct cmd_common *c, struct cmd_norm *nopts,
    char **files, cmd_access_fn fn, void *ctx);
/* The same, fn given the event of each access too (NULL in a
 * resource-access trace). */
typedef void (*cmd_event_access_fn)(void *ctx, const char *text, size_t len,
    const char *file, uint64_t line, const struct event *ev);
bool cmd_each_event_access(struct cmd_common *c, struct cmd_norm *nopts,
    char **files, cmd_event_access_fn fn, void *ctx);

/* The normaliser options of nopts; NULL after printing the error. */
struct normalizer *cmd_normalizer(const struct cmd_norm *nopts);
/* Frees the option strings of nopts (NULL ones are fine). */
void cmd_norm_clear(struct cmd_norm *nopts);

/* The number of options of normalisation (not --marker, --window). */
#define NORM_ENTRIES 7

/*
 * The normalisation options of nopts as words, "--drop=execve", one per
 * option given, in the order of the long names (not --marker and
 * --window, which choose parts of traces): what solve records with its
 * fingerprints.  Every option of the table is covered, so a new one is
 * recorded with no more code.  NULL-terminated, transfer full
 * (g_strfreev()); empty when no option was given.
 */
char **cmd_norm_words(const struct cmd_norm *nopts);

/*
 * The normalisation options of nopts (reset first; --marker and --window
 * are left alone) set from words as cmd_norm_words() makes them; false
 * with err set (G_OPTION_ERROR) on a word that is not one of those
 * options, those options then reset.
 */
bool cmd_norm_from_words(const char *const *words, struct cmd_norm *nopts,
    GError **err);

/* Whether some normalisation option is given in nopts. */
bool cmd_norm_given(const struct cmd_norm *nopts);

/*
 * The options for trace i of a labels file: nopts, with the part of the
 * trace the labels file gives (labels_trace_part()) in place of --window
 * and --marker.  out borrows its strings from nopts and lab: never
 * cmd_norm_clear() it.
 */
struct labels;
void cmd_norm_for_trace(const struct cmd_norm *nopts,
    const struct labels *lab, unsigned i, struct cmd_norm *out);

/* cmd_load() of trace i of a labels file, its part only when it names
 * one (cmd_norm_for_trace()).  NULL after printing the error. */
struct access_set *cmd_load_labelled(struct cmd_common *c,
    struct cmd_norm *nopts, const struct labels *lab, unsigned i);

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
