/*
 * file.c: whole files read with a bound (file.h).
 *
 * open(2) with O_NONBLOCK never waits for a FIFO's writer; fstat(2) on the
 * open descriptor then says what the file is, so nothing can be swapped
 * between the check and the read.  A regular file is read to its end, but
 * never past max bytes: one byte more than max is asked for, and getting it
 * means the file is too big, even if it grew after fstat(2).
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "file.h"
#include "trace.h"

static const char *
kind_name(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static bool
io_error(GError **err, const char *path, int e)
{
	g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO, "%s: %s", path,
	    g_strerror(e));
	return false;
}

static bool
kind_error(GError **err, const char *path, mode_t m)
{
	const char *k = kind_name(m);

	g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
	    "%s: %s%s; only regular files are read", path,
	    g_str_has_prefix(k, "not") ? "" : "is ", k);
	return false;
}

/* Reads fd to its end into buf, at most max bytes; false if more. */
static bool
read_all(int fd, const char *name, size_t max, GString *buf, GError **err)
{
	char b[65536];

	for (;;) {
		ssize_t k = read(fd, b, sizeof(b));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return io_error(err, name, errno);
		if (k == 0)
			return true;
		if (buf->len + (size_t)k > max) {
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
			    "%s: larger than %zu bytes; not read", name, max);
			return false;
		}
		g_string_append_len(buf, b, k);
	}
}

bool
trace_file_read(const char *path, size_t max, char **data, size_t *len,
    GError **err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = STDIN_FILENO;
	struct stat st;

	*data = NULL;
	*len = 0;
	if (!is_stdin) {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return io_error(err, path, errno);
		if (fstat(fd, &st) != 0) {
			int e = errno;
			close(fd);
			return io_error(err, path, e);
		}
		if (!S_ISREG(st.st_mode)) {
			close(fd);
			return kind_error(err, path, st.st_mode);
		}
		if ((uintmax_t)st.st_size > max) {
			close(fd);
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_IO,
			    "%s: larger than %zu bytes; not read", path, max);
			return false;
		}
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	GString *buf = g_string_sized_new(is_stdin ? 65536 :
	    (gsize)st.st_size + 1);
	bool ok = read_all(fd, name, max, buf, err);
	if (!is_stdin)
		close(fd);
	if (!ok) {
		g_string_free(buf, TRUE);
		return false;
	}
	*len = buf->len;
	*data = g_string_free(buf, FALSE);
	return true;
}

bool
trace_file_is_regular(const char *path, GError **err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return io_error(err, path, errno);
	if (!S_ISREG(st.st_mode))
		return kind_error(err, path, st.st_mode);
	return true;
}
