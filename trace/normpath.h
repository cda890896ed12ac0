/*
 * normpath.h: the path rules of normalisation that make experiments
 * comparable (internal to trace/; used by norm.c, and by fdnames.c for
 * absolute names).
 *
 * A struct normpath follows, for every process of one trace, its working
 * directory and the names its experiment chose, and knows the start
 * directory of the trace once something reveals it:
 *
 * - paths are resolved: a relative path is joined to the directory it is
 *   relative to (the process's working directory, or a dirfd's path) and
 *   canonicalised lexically ("a/./b/../c" is "a/c"); a path under the start
 *   directory is printed relative to it, and the start directory itself is
 *   ".".  Until the start directory is known (a -y decoration of AT_FDCWD,
 *   or a getcwd(), reveals it), the root process's working directory is
 *   ".", so relative paths stay relative to it;
 * - the working directory follows chdir and fchdir, is copied to the
 *   children of clone, fork and vfork (shared with CLONE_FS) and kept over
 *   execve;
 * - the chosen names of a process are the words of the arguments of every
 *   execve of it and its ancestors (resolved as paths where they were
 *   given); normpath_generalize() replaces the part of a path that is a
 *   chosen name, or under one, with "*" (norm.c then prints the numbers
 *   the call sets on it, role 'k', as "*" too).
 *
 * Paths here are raw bytes (not escaped), with a length; resolved paths are
 * either absolute, "." (the start directory), or relative to the start
 * directory.  The rules are documented in docs/normalisation.md.
 */
#ifndef TRACE_NORMPATH_H
#define TRACE_NORMPATH_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "trace.h"

struct normpath;

/* A new follower; names says whether chosen names are collected.  Never
 * fails.  Freed with normpath_free() (NULL is a no-op). */
struct normpath *normpath_new(bool names);
void normpath_free(struct normpath *np);

/*
 * A follower of absolute names (fdnames.c): no start directory, so no path
 * is made relative to one, and every process's working directory is not
 * known until normpath_cwd_is() or normpath_chdir() says it (where
 * normpath_new() takes the root process's to be the start directory, ".").
 * No chosen names.
 */
struct normpath *normpath_new_absolute(void);

/*
 * Resolves p[0..plen) as process pid sees it, into out (replaced): an
 * absolute p is canonicalised; a relative one is joined to dir[0..dlen)
 * (a resolved or absolute directory) when dir is not NULL, and to pid's
 * working directory otherwise.  Then a path under the start directory is
 * made relative to it.  Returns false, with out holding p unchanged, when
 * p is relative and the directory is not known (an fchdir to an fd nobody
 * knows).
 */
bool normpath_resolve(struct normpath *np, int pid, const char *dir,
    size_t dlen, const char *p, size_t plen, GString *out);

/*
 * The kernel said that pid's working directory is the absolute abs (a -y
 * decoration of AT_FDCWD, or what getcwd returned).  When pid's tracked
 * working directory is relative to the start directory and the start is
 * not yet known, this reveals it.
 */
void normpath_cwd_is(struct normpath *np, int pid, const char *abs,
    size_t len);

/*
 * chdir or fchdir succeeded: pid's working directory is now dir, a path
 * normpath_resolve() gave; dir NULL: a directory nobody knows.
 */
void normpath_chdir(struct normpath *np, int pid, const char *dir,
    size_t len);

/*
 * child was made by pid's clone, fork or vfork; share_fs: with CLONE_FS
 * (the working directory is shared, as by threads).  A child already seen
 * (its calls were logged before the clone returned) keeps the working
 * directory it changed to and the names it collected, and gets its
 * parent's too.
 */
void normpath_fork(struct normpath *np, int pid, int child, bool share_fs);

/* pid ended: its state is dropped. */
void normpath_exit(struct normpath *np, int pid);

/*
 * pid's execve of argv (the parsed VALUE_ARRAY) succeeded: its arguments
 * after argv[0] become chosen names of pid and of the children it makes
 * from now on.  Each argument is split into words at blanks and shell
 * punctuation (a sh -c string is a list of words); words that begin with
 * '-' are options (the part after '=' of --opt=value is a name); a word is
 * a name when, resolved against pid's working directory, it lies under the
 * start directory (relative) or under a temporary directory (/tmp,
 * /var/tmp, $TMPDIR).  The last word of a string strace cut (-s) is left
 * out: it may be part of a word.
 */
void normpath_execve(struct normpath *np, int pid, const struct value *argv);

/*
 * Replaces in s, a resolved path as pid prints it, the longest leading
 * part that is one of pid's chosen names (whole components) with "*", and
 * with it each name that follows ("dir/f", with dir and f names, is "*");
 * a name under a temporary directory keeps that directory ("/tmp/" "*").
 * Returns whether it replaced something.
 */
bool normpath_generalize(struct normpath *np, int pid, GString *s);

/*
 * A number that changes whenever anything normpath_resolve() or
 * normpath_generalize() depend on may have changed (a working directory,
 * the start directory, chosen names, a process come or gone): what they
 * gave for a path stays true while it is the same.  Never 0.
 */
uint64_t normpath_epoch(const struct normpath *np);

#endif
