/*
 * input.c: lines from a file in constant memory.
 *
 * One buffer holds [start, end) of unread bytes.  When no newline is left in
 * it, the unread tail moves to the front and the buffer is refilled; it
 * doubles only when one line does not fit, and never past INPUT_MAX_LINE,
 * so memory is bounded by the longest line, not the size of the file.  A
 * line longer than that is an error: its content cannot be read.
 *
 * Compressed input is recognised by the gzip magic bytes and decoded with
 * GZlibDecompressor through g_converter_convert(), fed from a second buffer
 * of raw bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "input.h"
#include "trace.h"

#define CHUNK	(1024 * 1024)

struct input {
	char *name;
	int fd;
	bool eof;		/* no more bytes from the file or converter */
	bool raw_eof;		/* no more bytes from the file */
	bool sniffed;
	GConverter *gz;		/* NULL unless the file is gzip */
	char *raw;		/* compressed bytes not yet converted */
	size_t raw_start, raw_end;
	char *buf;
	size_t cap, start, end;
	size_t scanned;		/* bytes from start known to hold no '\n' */
	uint64_t lineno;
	bool failed;		/* a line was too long: no more lines */
};

struct input *
input_open(const char *path, GError **err)
{
	int fd;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
			    "%s: %s", path, g_strerror(e));
			return NULL;
		}
	}
	struct input *in = g_new0(struct input, 1);
	in->name = g_strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	in->fd = fd;
	in->cap = CHUNK;
	in->buf = g_malloc(in->cap);
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	g_clear_object(&in->gz);
	g_free(in->raw);
	g_free(in->buf);
	g_free(in->name);
	g_free(in);
}

uint64_t
input_lineno(const struct input *in)
{
	return in->lineno;
}

static ssize_t
read_some(struct input *in, char *dst, size_t n, GError **err)
{
	for (;;) {
		ssize_t k = read(in->fd, dst, n);
		if (k >= 0)
			return k;
		if (errno == EINTR)
			continue;
		int e = errno;
		g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: %s",
		    in->name, g_strerror(e));
		return -1;
	}
}

/* Reads more compressed bytes after those not yet converted. */
static bool
more_raw(struct input *in, GError **err)
{
	if (in->raw_start > 0) {
		memmove(in->raw, in->raw + in->raw_start,
		    in->raw_end - in->raw_start);
		in->raw_end -= in->raw_start;
		in->raw_start = 0;
	}
	ssize_t k = read_some(in, in->raw + in->raw_end, CHUNK - in->raw_end,
	    err);
	if (k < 0)
		return false;
	if (k == 0)
		in->raw_eof = true;
	in->raw_end += k;
	return true;
}

/* Moves compressed bytes through the converter into buf[end..cap). */
static bool
fill_gz(struct input *in, GError **err)
{
	for (;;) {
		if (in->raw_start == in->raw_end && !in->raw_eof &&
		    !more_raw(in, err))
			return false;
		gsize rd = 0, wr = 0;
		GError *e = NULL;
		GConverterFlags fl = in->raw_eof ? G_CONVERTER_INPUT_AT_END : 0;
		GConverterResult res = g_converter_convert(in->gz,
		    in->raw + in->raw_start, in->raw_end - in->raw_start,
		    in->buf + in->end, in->cap - in->end, fl, &rd, &wr, &e);
		bool starved = res == G_CONVERTER_ERROR &&
		    g_error_matches(e, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
		if (res == G_CONVERTER_ERROR && !(starved && !in->raw_eof)) {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
			    "%s: gzip: %s", in->name, starved ?
			    "compressed data cut short" : e->message);
			g_error_free(e);
			return false;
		}
		g_clear_error(&e);
		in->raw_start += rd;
		in->end += wr;
		if (res == G_CONVERTER_FINISHED) {
			/* Another gzip member may follow. */
			g_converter_reset(in->gz);
			if (in->raw_start == in->raw_end && !in->raw_eof &&
			    !more_raw(in, err))
				return false;
			if (in->raw_start == in->raw_end && in->raw_eof) {
				in->eof = true;
				return true;
			}
		}
		if (wr > 0)
			return true;
		if (starved || (rd == 0 && res != G_CONVERTER_FINISHED)) {
			if (in->raw_eof) {
				in->eof = true;
				return true;
			}
			if (in->raw_end - in->raw_start == CHUNK) {
				g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
				    "%s: gzip: no progress", in->name);
				return false;
			}
			if (!more_raw(in, err))
				return false;
		}
	}
}

/* Reads more bytes into buf[end..cap).  Sets eof at the end. */
static bool
fill(struct input *in, GError **err)
{
	if (!in->sniffed) {
		in->sniffed = true;
		ssize_t k = read_some(in, in->buf + in->end, in->cap - in->end,
		    err);
		if (k < 0)
			return false;
		if (k == 0) {
			in->eof = true;
			return true;
		}
		if (k >= 2 && (unsigned char)in->buf[in->end] == 0x1f &&
		    (unsigned char)in->buf[in->end + 1] == 0x8b) {
			in->gz = G_CONVERTER(g_zlib_decompressor_new(
			    G_ZLIB_COMPRESSOR_FORMAT_GZIP));
			in->raw = g_malloc(CHUNK);
			memcpy(in->raw, in->buf + in->end, k);
			in->raw_start = 0;
			in->raw_end = k;
			return fill_gz(in, err);
		}
		in->end += k;
		return true;
	}
	if (in->gz != NULL)
		return fill_gz(in, err);
	ssize_t k = read_some(in, in->buf + in->end, in->cap - in->end, err);
	if (k < 0)
		return false;
	if (k == 0)
		in->eof = true;
	in->end += k;
	return true;
}

enum input_status
input_next(struct input *in, const char **line, size_t *len,
    bool *unterminated, GError **err)
{
	*unterminated = false;
	if (in->failed)
		return INPUT_EOF;
	for (;;) {
		char *s = in->buf + in->start;
		size_t avail = in->end - in->start;
		char *nl = avail > in->scanned ?
		    memchr(s + in->scanned, '\n', avail - in->scanned) : NULL;
		if (nl != NULL) {
			in->lineno++;
			in->start += nl - s + 1;
			in->scanned = 0;
			*line = s;
			*len = nl - s;
			return INPUT_LINE;
		}
		in->scanned = avail;
		if (in->eof) {
			if (avail == 0)
				return INPUT_EOF;
			in->lineno++;
			in->start = in->end;
			in->scanned = 0;
			*line = s;
			*len = avail;
			*unterminated = true;
			return INPUT_LINE;
		}
		/* Make room: move the partial line to the front, or grow. */
		if (in->start > 0) {
			memmove(in->buf, s, avail);
			in->start = 0;
			in->end = avail;
		}
		if (in->cap - in->end < 4096) {
			if (in->cap >= INPUT_MAX_LINE) {
				in->failed = true;
				g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
				    "%s:%" PRIu64 ":1: expected a line shorter "
				    "than %u bytes, found a longer one", in->name,
				    in->lineno + 1, INPUT_MAX_LINE);
				return INPUT_ERROR;
			}
			in->cap *= 2;
			in->buf = g_realloc(in->buf, in->cap);
		}
		if (!fill(in, err))
			return INPUT_ERROR;
	}
}
