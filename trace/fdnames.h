/*
 * fdnames.h: the absolute names of a call's path and fd arguments, for the
 * tools that follow processes through a log (procs.c).
 *
 * A struct fdnames follows, for every process of one trace, its working
 * directory and its fd table, from what the log shows:
 *
 * - the working directory is not known at the start: it becomes known
 *   from a -y decoration of AT_FDCWD (openat(AT_FDCWD</tmp/x>, ...)) or
 *   from what getcwd returned, follows chdir and fchdir, is copied to the
 *   children of clone, fork and vfork (shared with CLONE_FS) and kept over
 *   execve;
 * - an fd's file is what -y printed for it, where the call that made it
 *   returned it (= 5</tmp/x>) or wherever it is an argument (5</tmp/x>);
 *   without -y, the name an open, openat, openat2 or creat resolved; dup,
 *   dup2, dup3 and fcntl F_DUPFD copy it; close, close_range and execve
 *   (close-on-exec fds) drop it; the table is copied to children (shared
 *   with CLONE_FILES);
 * - a path is resolved as the kernel does, lexically: an absolute path is
 *   canonicalised ("a/./b/../c" is "a/c"); a relative one is joined to the
 *   directory it is relative to (the dirfd's file, or the working
 *   directory when there is no dirfd or it is AT_FDCWD).  An empty path
 *   (AT_EMPTY_PATH) names the dirfd's file.  When that directory is not
 *   known, the path is not resolved: never guessed.
 *
 * The working directory is followed by normpath.c, the same rules as the
 * normalisation's (one resolver), with no start directory: every name is
 * absolute.  Names are raw bytes (not escaped), with a length.
 */
#ifndef TRACE_FDNAMES_H
#define TRACE_FDNAMES_H

#include <stdbool.h>

#include <glib.h>

#include "trace.h"

struct fdnames;

/* A new follower; never fails.  Freed with fdnames_free() (NULL: no-op). */
struct fdnames *fdnames_new(void);
void fdnames_free(struct fdnames *fn);

/*
 * The absolute name of the path argument p (a VALUE_STR) of a call of pid,
 * relative to dirfd (NULL when the call has none), into out (replaced).
 * A -y decoration of AT_FDCWD tells pid's working directory, which is
 * remembered.  Returns false, with out unchanged, when p is relative and
 * its directory is not known, or p is not a string, or strace cut it (-s).
 */
bool fdnames_path(struct fdnames *fn, int pid, const struct value *dirfd,
    const struct value *p, GString *out);

/*
 * The file of the fd argument v (VALUE_FD or VALUE_INT) of a call of pid,
 * into out (replaced): the -y decoration, else the name followed from the
 * call that made the fd.  False, with out unchanged, when neither says.
 */
bool fdnames_fd(struct fdnames *fn, int pid, const struct value *v,
    GString *out);

/*
 * Follows what ev, a call of pid whose parsed arguments are args (from
 * strace_reader_args(), at least up to the last one its roles name),
 * changed: the working directory, the fd table, new processes.  Call it
 * after the call's arguments were resolved (a chdir's path is relative to
 * the directory before it).  roles are the call's roles (syscalls.def),
 * NULL when it is not listed.
 */
void fdnames_track(struct fdnames *fn, const struct event *ev,
    const char *roles, const struct value *args);

/* pid ended: its state is dropped. */
void fdnames_exit(struct fdnames *fn, int pid);

#endif
