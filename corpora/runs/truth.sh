#!/bin/sh
# truth.sh [LOG...]: for every log of this folder (all *.log when none is
# given), the truth of seven properties, counted with awk over the text of
# the log, not with tracemine.  Prints a TSV, one line per log and property:
#
#   log  property  violations  first-line
#
# (first-line: the line of the first violating call, "-" when there is none;
# a call split by strace into "<unfinished ...>" and "<... resumed>" lines is
# one call, at the line where it starts).  record.sh writes the output to
# truth.txt:
#
#   sh corpora/runs/truth.sh > corpora/runs/truth.txt
#
# It reads runs.tsv (each log's working directory) and existed.txt (the
# recording's directories, and the files under them that existed before each
# run).  The exact definitions of the properties are in README.md, section
# "Truth"; in short:
#
#   writes-outside-tmp  successful calls that create, write-open, remove or
#                       rename a name not under /tmp
#   non-loopback        connect, bind, sendto, sendmsg (any result) with an
#                       AF_INET address not in 127.0.0.0/8 or an AF_INET6
#                       address other than ::1 and ::ffff:127.0.0.0/104
#   bytes-over-1mib     1 when the bytes written by the whole run (every
#                       process) exceed 1048576, at the call that crosses it
#   overwrites-existing successful unlink/rmdir/rename-onto/O_TRUNC-open/
#                       creat/truncate of a file that existed before the run
#                       and was not removed by the run since
#   runs-other-program  successful execve of a path other than the path of
#                       the log's first execve (every execve of an attached
#                       log, which has none at its start)
#   opens-under-root    successful open/openat/openat2/creat of a name under
#                       /root
#   listens             successful listen
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
if [ $# -eq 0 ]; then
	set -- *.log
fi
export LC_ALL=C

echo "# truth.txt: log, property, violations, first line (truth.sh; definitions in README.md)"
for f in "$@"; do
	log=$(basename "$f")
	cwd=$(awk -F '\t' -v l="$log" '$1 == l { print $3 }' runs.tsv)
	[ -n "$cwd" ] || { echo "truth.sh: $log is not in runs.tsv" >&2; exit 1; }
	awk -v lg="$log" -v cwd="$cwd" -F '\t' '
	# norm(P): P absolute, without "." and ".." components and double slashes
	# (symbolic links are not followed).
	function norm(p,    n, a, i, o, k, s) {
		n = split(p, a, "/")
		k = 0
		for (i = 1; i <= n; i++) {
			if (a[i] == "" || a[i] == ".") continue
			if (a[i] == "..") { if (k > 0) k--; continue }
			o[++k] = a[i]
		}
		s = ""
		for (i = 1; i <= k; i++) s = s "/" o[i]
		return s == "" ? "/" : s
	}
	# fdpath(TOKEN): the directory a dirfd argument names: AT_FDCWD (the
	# working directory), or the -y decoration of N<PATH>.
	function fdpath(t,    i) {
		if (t ~ /^AT_FDCWD/) return cwd
		i = index(t, "<")
		if (i) { t = substr(t, i + 1); sub(/>$/, "", t); return t }
		return ""
	}
	# abs(DIR, PATH): PATH resolved against DIR.
	function abs(d, p) {
		if (p ~ /^\//) return norm(p)
		return norm(d "/" p)
	}
	function under(p, dir) {
		return p == dir || index(p, dir "/") == 1
	}
	# strs(ARGS, S): the quoted strings of ARGS into S[1..], their count.
	function strs(args, s,    n, m) {
		n = 0
		while (match(args, /"([^"\\]|\\.)*"/)) {
			m = substr(args, RSTART + 1, RLENGTH - 2)
			s[++n] = m
			args = substr(args, RSTART + RLENGTH)
		}
		return n
	}
	# field(ARGS, I): the I-th top-level argument (commas inside quotes,
	# brackets, braces and parentheses do not split).
	function field(args, want,    i, c, d, q, k, start) {
		d = 0; q = 0; k = 1; start = 1
		for (i = 1; i <= length(args); i++) {
			c = substr(args, i, 1)
			if (q) { if (c == "\\") i++; else if (c == "\"") q = 0; continue }
			if (c == "\"") q = 1
			else if (c == "(" || c == "[" || c == "{" || c == "<") d++
			else if (c == ")" || c == "]" || c == "}" || c == ">") d--
			else if (c == "," && d == 0) {
				if (k == want) return trim(substr(args, start, i - start))
				k++; start = i + 1
			}
		}
		if (k == want) return trim(substr(args, start))
		return ""
	}
	function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
	function hit(p, l) {
		n[p]++
		if (!(p in first)) first[p] = l
	}
	# pre(P): whether P existed before the run: under the recording s
	# directories, when existed.txt lists it; elsewhere, always.
	function pre(p,    r) {
		for (r in root) if (under(p, r)) return ((lg SUBSEP p) in listed)
		return 1
	}
	function state(p) {
		if (!(p in st)) st[p] = pre(p) ? "old" : "none"
		return st[p]
	}
	# gone(P, L): a successful removal of P.
	function gone(p, l) {
		if (state(p) == "old") hit("overwrites-existing", l)
		st[p] = "none"
	}
	function wrote(p, l) {
		if (!under(p, "/tmp")) hit("writes-outside-tmp", l)
	}
	function loopback(a) {
		if (a ~ /^127\./ || a == "::1" || a ~ /^::ffff:127\./) return 1
		return 0
	}
	FILENAME == "existed.txt" {
		if ($1 == "root") root[$2] = 1
		else if ($1 == lg) listed[lg, $2] = 1
		next
	}
	{
		line = $0
		pid = line; sub(/ .*/, "", pid)
		if (pid !~ /^[0-9]+$/) next
		rest = line; sub(/^[0-9]+ +/, "", rest)
		# -t, -tt, -ttt: a time before the call
		sub(/^[0-9][0-9:.]* +/, "", rest)
		if (rest ~ /^(---|\+\+\+)/) next
		if (rest ~ /<unfinished \.\.\.>$/) {
			sub(/ *<unfinished \.\.\.>$/, "", rest)
			pend[pid] = rest; pendl[pid] = FNR
			next
		}
		at = FNR
		if (rest ~ /^<\.\.\. [a-z_0-9]+ resumed>/) {
			if (!(pid in pend)) next
			r = rest; sub(/^<\.\.\. [a-z_0-9]+ resumed>/, "", r)
			rest = pend[pid] r; at = pendl[pid]
			delete pend[pid]
		}
		if (rest !~ /^[a-z_0-9]+\(/) next
		name = rest; sub(/\(.*/, "", name)
		# the result follows the last " = "
		k = 0; s = rest
		while ((i = index(s, " = ")) > 0) { k += i + 2; s = substr(s, i + 3) }
		if (k == 0) next
		res = substr(rest, k + 1); sub(/[ <].*/, "", res)
		args = substr(rest, length(name) + 2, k - 3 - length(name) - 1)
		sub(/\) *$/, "", args)
		ok = (res != "?" && res !~ /^-1$/)
		ns = strs(args, q)

		if (name == "execve" && !seenexec) {
			seenexec = 1
			if (at == 1 && ok) own = q[1]
		}
		if (name == "execve" && ok && q[1] != own) hit("runs-other-program", at)

		if (name == "listen" && ok) hit("listens", at)

		if (name == "chdir" && ok) cwd = abs(cwd, q[1])
		if (name == "fchdir" && ok) cwd = fdpath(field(args, 1))

		if (name == "open" || name == "openat" || name == "openat2" || name == "creat") {
			if (name == "openat" || name == "openat2") {
				p = abs(fdpath(field(args, 1)), q[1]); fl = field(args, 3)
			} else {
				p = abs(cwd, q[1]); fl = (name == "creat") ? "O_WRONLY|O_CREAT|O_TRUNC" : field(args, 2)
			}
			if (ok) {
				if (under(p, "/root")) hit("opens-under-root", at)
				if (fl ~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/) wrote(p, at)
				if (fl ~ /O_TRUNC/ && state(p) == "old") hit("overwrites-existing", at)
				else if (fl ~ /O_CREAT/ && state(p) == "none") st[p] = "new"
			}
		}
		if (ok && (name == "unlink" || name == "rmdir")) { p = abs(cwd, q[1]); wrote(p, at); gone(p, at) }
		if (ok && name == "unlinkat") { p = abs(fdpath(field(args, 1)), q[1]); wrote(p, at); gone(p, at) }
		if (ok && (name == "mkdir" || name == "mkdirat")) {
			p = (name == "mkdir") ? abs(cwd, q[1]) : abs(fdpath(field(args, 1)), q[1])
			wrote(p, at); st[p] = "new"
		}
		if (ok && name == "truncate") {
			p = abs(cwd, q[1]); wrote(p, at)
			if (state(p) == "old") hit("overwrites-existing", at)
		}
		if (ok && (name == "rename" || name == "renameat" || name == "renameat2")) {
			if (name == "rename") { a = abs(cwd, q[1]); b = abs(cwd, q[2]) }
			else { a = abs(fdpath(field(args, 1)), q[1]); b = abs(fdpath(field(args, 3)), q[2]) }
			wrote(a, at); wrote(b, at)
			if (state(b) == "old") hit("overwrites-existing", at)
			st[b] = state(a); st[a] = "none"
		}
		if (ok && (name == "link" || name == "symlink")) { p = abs(cwd, q[2]); wrote(p, at); st[p] = "new" }
		if (ok && name == "linkat") { p = abs(fdpath(field(args, 3)), q[2]); wrote(p, at); st[p] = "new" }
		if (ok && name == "symlinkat") { p = abs(fdpath(field(args, 2)), q[2]); wrote(p, at); st[p] = "new" }

		if (name ~ /^(write|writev|pwrite64|pwritev|pwritev2|send|sendto|sendmsg|sendfile|sendfile64|copy_file_range|splice)$/ && res ~ /^[0-9]+$/) {
			bytes += res
			if (bytes > 1048576 && !over) { over = 1; hit("bytes-over-1mib", at) }
		}

		if (name == "connect" || name == "bind" || name == "sendto" || name == "sendmsg") {
			if (match(args, /sin_addr=inet_addr\("[^"]*"\)/)) {
				a = substr(args, RSTART + 20, RLENGTH - 22)
				if (!loopback(a)) hit("non-loopback", at)
			} else if (match(args, /inet_pton\(AF_INET6, "[^"]*"/)) {
				a = substr(args, RSTART + 21, RLENGTH - 22)
				if (!loopback(a)) hit("non-loopback", at)
			}
		}
	}
	END {
		split("writes-outside-tmp non-loopback bytes-over-1mib overwrites-existing runs-other-program opens-under-root listens", P, " ")
		for (i = 1; i <= 7; i++)
			printf "%s\t%s\t%d\t%s\n", lg, P[i], n[P[i]], (P[i] in first) ? first[P[i]] : "-"
	}' existed.txt "$f"
done
