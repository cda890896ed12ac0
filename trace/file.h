/*
 * file.h: whole files read with a bound, for the readers that need a file
 * in memory at once (models, fingerprints, labels, policies, AppArmor
 * profiles and their includes, concept contexts).
 *
 * A file named on a command line or inside another file may be anything:
 * a device that never ends (/dev/zero), a FIFO with no writer that blocks
 * open(2) for ever, a directory.  Only regular files are read, opened with
 * O_NONBLOCK so that a FIFO cannot block the open, and only up to a size
 * the caller gives; standard input ("-") is read whatever it is, up to the
 * same size.  Streams of events (strace logs, resource-access traces) are
 * read line by line instead (trace.h), with a limit on the line.
 */
#ifndef TRACE_FILE_H
#define TRACE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/* The size limits the readers use, in bytes. */
#define TRACE_FILE_MAX_TEXT	(64u * 1024 * 1024)	/* policies, labels */
#define TRACE_FILE_MAX_MODEL	(1024u * 1024 * 1024)	/* models, contexts */

/*
 * Reads the whole of path ("-" is standard input) into *data, a new buffer
 * with a NUL after its *len bytes, which the caller frees with g_free().
 * Fails with TRACE_ERROR_IO, naming the file, when it cannot be opened or
 * read, when it is not a regular file (a directory, a device, a FIFO or a
 * socket: the message says which), or when it holds more than max bytes;
 * *data is then NULL.
 */
bool trace_file_read(const char *path, size_t max, char **data, size_t *len,
    GError **err);

/*
 * Whether path names a regular file (following symbolic links); on false,
 * err says what it is instead, or why it could not be looked at.  For the
 * files that one input names (the traces of a labels file), which are
 * streamed and should not be devices or FIFOs.
 */
bool trace_file_is_regular(const char *path, GError **err);

#endif
