# tracemine norm on the recorded corpora, checked against what the recording
# programs say they did (corpora/strace/*.truth) and against the rule that
# two runs of the same command normalise to the same set.
. "$(dirname "$0")/../lib.sh"

C=$CORPUS
[ -d "$C" ] || exit 77

# Two runs of the same command: the same set, both ways (exit 0: empty).
expect_status "echo-twice 1-2" 0 "$TM" diff "$C/echo-twice-1.log" "$C/echo-twice-2.log"
expect_status "echo-twice 2-1" 0 "$TM" diff "$C/echo-twice-2.log" "$C/echo-twice-1.log"
# ... but not the same multiset of everything: the diff is about counts only.
"$TM" union "$C/echo-twice-1.log" "$C/echo-twice-2.log" | cut -f1 > "$T/u"
"$TM" norm "$C/echo-twice-1.log" | sort -u > "$T/n1"
sort "$T/u" > "$T/us"
expect_file_eq "union of two runs = one run" "$T/n1" "$T/us"

# Every name names.c made is created, renamed and unlinked, printed with
# strace's escapes, in the -yy log and in the -xx log alike.  names.c was
# given its folder as an argument, which makes it a name the experiment
# chose ("/tmp/*/..." by default): -g none,proc keeps the names whole.
for log in weird-names.log weird-names-x.log; do
	"$TM" norm -g none,proc "$C/$log" > "$T/norm"
	n=0
	while IFS= read -r name; do
		n=$((n + 1))
		grep -qxF "openat \"$name\" O_WRONLY|O_CREAT|O_TRUNC 0644" "$T/norm" ||
		    fail "$log: no openat of $name"
		grep -qxF "rename \"$name\" \"$name.moved\"" "$T/norm" ||
		    fail "$log: no rename of $name"
		grep -qxF "unlink \"$name.moved\"" "$T/norm" ||
		    fail "$log: no unlink of $name.moved"
	done < "$C/names.truth"
	expect_eq "$log: names in names.truth" 8 "$n"
done
# With -yy the writes are resolved from the decoration, without -y from
# the fd table: both give the file.
for log in weird-names.log weird-names-x.log; do
	got=$("$TM" norm -g none,proc "$C/$log" | grep -c '^write "/tmp/tracemine-names/')
	expect_eq "$log: writes to the named files" 8 "$got"
done

# threads.c: three threads each open /etc/hostname.
got=$("$TM" norm "$C/threads.log" | grep -c '^openat "/etc/hostname" O_RDONLY$')
expect_eq "threads: opens of /etc/hostname" \
    "$(sed -n 's/^open \/etc\/hostname //p' "$C/threads.truth")" "$got"
# ... and read it through the fd the open returned (no -y in this log).
got=$("$TM" norm "$C/threads.log" | grep -c '^read "/etc/hostname"$')
expect_eq "threads: reads of /etc/hostname by tracked fd" 3 "$got"

# net.c over loopback, -yy: ephemeral ports and inodes are dropped.
"$TM" norm "$C/net.log" | grep -E '^(bind|connect|sendto|recvfrom) ' | sort -u > "$T/net"
cat > "$T/want" <<'NET'
bind TCP:[] AF_INET:127.0.0.1:0
connect TCP:[] AF_INET:127.0.0.1:*
recvfrom TCP:[127.0.0.1:*->127.0.0.1:*]
sendto TCP:[127.0.0.1:*->127.0.0.1:*]
NET
expect_file_eq "net accesses" "$T/want" "$T/net"

# -ff: the per-process files named by their prefix are one trace.
"$TM" norm "$C/ff/run" > "$T/ff" || fail "norm of an -ff prefix failed"
grep -q '^execve "/usr/bin/ls"' "$T/ff" || fail "-ff: the child's execve of ls is missing"

# Experiments (corpora/experiments/record.sh): the same operation in
# another folder on files of other names gives the same accesses, both
# ways.  The names are those record.sh gave: the logs hold them, the
# accesses do not.
E="$TOP/corpora/experiments"
for op in touch mv rmdir; do
	expect_status "$op: experiment 1 against 2" 0 "$TM" diff "$E/$op-1.log.gz" "$E/$op-2.log.gz"
	expect_status "$op: experiment 2 against 1" 0 "$TM" diff "$E/$op-2.log.gz" "$E/$op-1.log.gz"
done
for name in new-report fresh report.txt renamed notes-2 other-name old gone \
    tracemine-exp; do
	for f in "$E"/*.log.gz; do
		gzip -dc "$f" | grep -q -- "$name" || continue
		"$TM" norm "$f" | grep -q -- "$name" &&
		    fail "$(basename "$f"): $name is in the accesses"
	done
done
# rmdir-1: the shell asked getcwd where it started, went into sub by its
# absolute path, and rmdir removed "old" there (the raw log); the access
# is sub/old relative to the start, and with the names, "*".
gzip -dc "$E/rmdir-1.log.gz" > "$T/rmdir.log"
grep -q 'getcwd("/tmp/tracemine-exp-1", ' "$T/rmdir.log" || fail "rmdir-1.log: no getcwd"
grep -q 'chdir("/tmp/tracemine-exp-1/sub") *= 0' "$T/rmdir.log" || fail "rmdir-1.log: no chdir"
grep -q 'rmdir("old") *= 0' "$T/rmdir.log" || fail "rmdir-1.log: no rmdir"
"$TM" norm -g none,proc "$T/rmdir.log" | grep -qxF 'rmdir "sub/old"' ||
    fail "rmdir-1 -g none,proc: no rmdir of sub/old"
"$TM" norm "$T/rmdir.log" | grep -qxF 'rmdir "*"' || fail "rmdir-1: no rmdir of *"
"$TM" norm "$T/rmdir.log" | grep -qxF 'execve "/usr/bin/rmdir" ["rmdir"]' ||
    fail "rmdir-1: execve keeps more than argv[0]"
"$TM" norm --keep-argv "$T/rmdir.log" | grep -qxF 'execve "/usr/bin/rmdir" ["rmdir", "old"]' ||
    fail "rmdir-1 --keep-argv: no whole argv"
# With and without -y: the accesses to the files under the start agree
# (the libraries differ, as -y resolves symbolic links).
for f in touch-1 touch-y; do
	"$TM" norm "$E/$f.log.gz" | grep -E '"(\*|\.)' | sort > "$T/$f"
done
expect_file_eq "touch with and without -y" "$T/touch-1" "$T/touch-y"
[ -s "$T/touch-1" ] || fail "touch-1: no access to the files"

finish
