/*
 * input.h: lines from a file, read in constant memory (internal to trace/).
 *
 * The file is read with read(2) into one buffer that grows only to hold the
 * longest line, up to INPUT_MAX_LINE; a longer line is an error, since
 * what it held (a call with a big buffer, a whole file without a newline)
 * cannot be read and must not silently vanish.
 * A file that starts with the gzip magic is decompressed on the fly through
 * GIO's GZlibDecompressor (concatenated members included).
 */
#ifndef TRACE_INPUT_H
#define TRACE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gio/gio.h>

/* The fuzz target of the reader builds with a small one, to reach it. */
#ifndef INPUT_MAX_LINE
#define INPUT_MAX_LINE	(64u * 1024 * 1024)
#endif

struct input;

/* Opens path ("-" is standard input).  NULL with err set on failure. */
struct input *input_open(const char *path, GError **err);

enum input_status {
	INPUT_LINE,	/* *line, *len: one line without its newline */
	INPUT_EOF,
	INPUT_ERROR,	/* err set */
};

/*
 * The next line.  The pointer is valid until the next call.  *unterminated
 * is set when the line is the last one and had no newline.  A line longer
 * than INPUT_MAX_LINE bytes is INPUT_ERROR, TRACE_ERROR_SYNTAX, with the
 * message "FILE:LINE:1: expected a line shorter than ..., found a longer
 * one"; the input is then at its end.
 */
enum input_status input_next(struct input *in, const char **line, size_t *len,
    bool *unterminated, GError **err);

/* Number of the line last returned (1-based). */
uint64_t input_lineno(const struct input *in);

void input_free(struct input *in);

#endif
