/*
 * tracemine: read, normalise, compare and mine traces.
 *
 * Exit status, as diff's: 0 nothing found (no difference, an empty result),
 * 1 something found, 2 trouble (bad usage, unreadable or malformed input).
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cmd.h"

static const struct cmd_entry *const entries[] = {
	&cmd_concepts_entry,
	&cmd_diff_entry,
	&cmd_intersect_entry,
	&cmd_match_entry,
	&cmd_norm_entry,
	&cmd_solve_entry,
	&cmd_stats_entry,
	&cmd_union_entry,
};

static void
print_help(FILE *out)
{
	fputs("usage: tracemine command [options] [file ...]\n\n"
	    "Read, normalise, compare and mine strace logs.\n\nCommands:\n",
	    out);
	for (size_t i = 0; i < G_N_ELEMENTS(entries); i++)
		fprintf(out, "  %-10s %s\n", entries[i]->name,
		    entries[i]->summary);
	fputs("\n'tracemine COMMAND --help' describes a command; see also "
	    "tracemine(1).\n", out);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2) {
		fputs("tracemine: no command given\n"
		    "usage: tracemine command [options] [file ...]\n"
		    "Try 'tracemine --help' for more information.\n", stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(stdout);
		return cmd_close_stdout() ? EXIT_NOTHING : EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tracemine %s\n", TRACEMINE_VERSION);
		return cmd_close_stdout() ? EXIT_NOTHING : EXIT_TROUBLE;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(entries); i++)
		if (strcmp(argv[1], entries[i]->name) == 0)
			return entries[i]->run(entries[i], argc - 1, argv + 1);
	GString *names = g_string_new(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(entries); i++)
		g_string_append_printf(names, "%s%s", i ? ", " : "",
		    entries[i]->name);
	cmd_diag("unknown command '%s'; valid commands are: %s", argv[1],
	    names->str);
	fputs("usage: tracemine command [options] [file ...]\n"
	    "Try 'tracemine --help' for more information.\n", stderr);
	g_string_free(names, TRUE);
	return EXIT_TROUBLE;
}
