/*
 * fuzz_strace.c: libFuzzer target for the strace reader.  The input is
 * written to a temporary file and read as a log: every record, its parsed
 * arguments, its statistics and its normalised access are computed, so the
 * line scanner, the value parser, the pid logic and the normaliser are all
 * exercised.  Built by tests/fuzz/fuzz.mk with clang -fsanitize=fuzzer,
 * with INPUT_MAX_LINE at 4 KiB: a log with a longer line must end in an
 * error, never be read as if the line were not there.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>

#include "trace/input.h"
#include "trace/norm.h"
#include "trace/stats.h"
#include "trace/trace.h"

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-strace-%d.log",
		    (int)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);

	/* Half the inputs are read strictly, by the first byte. */
	struct strace_opts o = { .strict = size > 0 && (data[0] & 1) };
	const char *files[] = { path };
	GError *err = NULL;
	struct strace_reader *r = strace_reader_open(files, 1, &o, &err);
	if (r == NULL)
		abort();
	/* Half keep offsets and payload (bit 1): a token or 8 bytes (bit 2). */
	struct norm_opts no = {
		.offsets = size > 0 && (data[0] & 2),
		.payload = size == 0 || !(data[0] & 2) ? NULL :
		    (data[0] & 4) ? "token" : "8",
	};
	struct normalizer *n = norm_new(&no, NULL);
	struct trace_stats *st = trace_stats_new();
	const struct event *ev;
	while ((ev = strace_reader_next(r, &err)) != NULL) {
		const struct value *args = strace_reader_args(r, ev);
		trace_stats_add(st, ev, args);
		size_t len;
		norm_event(n, r, ev, &len);
	}
	/* A line past the limit, and no error: the line was lost. */
	if (err == NULL) {
		size_t run = 0;
		for (size_t i = 0; i < size; i++) {
			run = data[i] == '\n' ? 0 : run + 1;
			if (run > INPUT_MAX_LINE)
				abort();
		}
	}
	g_clear_error(&err);
	trace_stats_finish(st);
	trace_stats_free(st);
	norm_free(n);
	strace_reader_free(r);
	return 0;
}
