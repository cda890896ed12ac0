# Hostile input (issue 9): what a malicious program, or a file passed
# around, puts in front of the readers.  Each case is a class that once got
# through: a policy bypass, a crash, unbounded memory or time, or raw bytes
# on a terminal.  Every run is bounded by timeout (and memory by ulimit).
. "$(dirname "$0")/../lib.sh"

run() { timeout 60 "$@"; }
# memcap COMMAND...: runs it with 1 GB of address space, where that can be
# told apart from the tools' needs (not under ASan or valgrind).
memcap() {
	if [ "${SAN:-}" = 1 ] || [ -n "${VALGRIND:-}" ]; then
		run "$@"
	else
		(ulimit -v 1000000; run "$@")
	fi
}
H="$TOP/corpora/hostile"
D=/tmp/tracemine-hostile

# 1. -y names ending in '-': "3</tmp/.../passwd->" is the file passwd-, not
# a socket's arrow.  Counted with grep: every call on that fd is one access
# to the file (and so is the openat that made it), and the file's bytes are
# never part of a name.  The log ran in /tmp/tracemine-hostile (its
# AT_FDCWD decorations say so), so the paths under it print relative to it;
# the names are in sh -c's string, names the experiment chose, kept whole
# by -g none,proc.
want=$(grep -c '(3</tmp/tracemine-hostile/passwd->' "$H/dash-y.log")
run "$TM" norm -g none,proc "$H/dash-y.log" > "$T/norm" 2> "$T/err"
expect_eq "dash-y: status" 0 $?
expect_eq "dash-y: no warnings" "" "$(cat "$T/err")"
got=$(grep -cE '^[a-z0-9_]+ "passwd-"( |$)' "$T/norm")
expect_eq "dash-y: accesses to passwd-" "$((want + 1))" "$got"
expect_eq "dash-y: the file's bytes are no name" 0 \
    "$(grep -c 'root:x' "$T/norm")"
# The reads themselves (the bypass was here), one access each.
reads=$(grep -c 'read(3</tmp/tracemine-hostile/passwd->' "$H/dash-y.log")
expect_eq "dash-y: reads of passwd-" "$reads" \
    "$(grep -c '^read "passwd-"$' "$T/norm")"
# strace escapes < and > in -y paths; the name reads back as it is.
expect_eq "dash-y: a>b<c" \
    "$(grep -c 'read(3</tmp/tracemine-hostile/a\\76b\\74c>' "$H/dash-y.log")" \
    "$(grep -c '^read "a>b<c"$' "$T/norm")"
# A Unix socket's path, inside brackets, holds '->', ']', '"' and '>'.
expect_eq "dash-y: the socket's path" \
    "$(grep -c 'recvfrom(5<UNIX-STREAM:' "$H/dash-y.log")" \
    "$(grep -c '^recvfrom UNIX-STREAM:\[->,\\"/tmp/tracemine-hostile/s->\]\\"x>\\"\]$' "$T/norm")"
# A policy that names the file sees the reads: exit 1, one violation each.
printf 'any* . (RFileSystem.read(f, n) | f == "%s/passwd-")\n' "$D" \
    > "$T/passwd.pol"
run "$BIN/efsa-check" -p "$T/passwd.pol" "$H/dash-y.log" > "$T/out" 2>&1
expect_eq "dash-y: policy: status" 1 $?
expect_eq "dash-y: policy: violations" "$reads" \
    "$(grep -c ': rule rule1: ' "$T/out")"
# The same line written by hand, the form the issue found: an fd of a file
# named /etc/passwd- that the log never opened.
printf 'read(3</etc/passwd->, "root:x:0:0:root:/root:/bin/bash\\n", 4096) = 32\n' \
    > "$T/etc.log"
printf 'any* . (RFileSystem.read(f, n) | f == "/etc/passwd-")\n' > "$T/etc.pol"
run "$BIN/efsa-check" -p "$T/etc.pol" "$T/etc.log" > "$T/out" 2>&1
expect_eq "passwd-: policy: status" 1 $?
# Nested -yy device numbers after a path are not part of it; an escaped
# "<char" is.  (fd 5: an inherited standard stream is fd:N whatever -y
# says, docs/normalisation.md.)
printf 'read(5</dev/pts/0<char 136:0>>, "", 1) = 0\nread(4</tmp/x\\74char 1:3\\76>, "", 1) = 0\n' \
    > "$T/dev.log"
run "$TM" norm "$T/dev.log" > "$T/out" 2>&1
expect_eq "-yy devices" "$(printf 'read "/dev/pts/0"\nread "/tmp/x<char 1:3>"')" \
    "$(cat "$T/out")"

# 9. strace -f writing to stderr: the first process is unnamed until a
# "[pid N]" line shows it; the tree names it N (the pid that resumed the
# vfork, found with grep), never 0.
P=$(grep -o '^\[pid *[0-9]*\] <... vfork resumed>' "$CORPUS/stderr-f.log" |
    tr -dc '0-9')
C=$(grep -o 'vfork resumed>) *= [0-9]*' "$CORPUS/stderr-f.log" | tr -dc '0-9')
run "$TM" stats "$CORPUS/stderr-f.log" > "$T/out"
expect_eq "stderr-f: tree" "$(printf 'process %s parent -\nprocess %s parent %s' \
    "$P" "$C" "$P")" "$(grep '^process ' "$T/out")"
run "$TM" stats -f json "$CORPUS/stderr-f.log" > "$T/out"
expect_eq "stderr-f: no pid 0 in JSON" 0 "$(grep -c '"pid" : 0' "$T/out")"
# Never named: shown as unknown, not as pid 0.
printf 'clone(child_stack=NULL, flags=SIGCHLD) = 77\n[pid 77] exit_group(0) = ?\n[pid 77] +++ exited with 0 +++\nexit_group(0) = ?\n' \
    > "$T/unnamed.log"
run "$TM" stats "$T/unnamed.log" > "$T/out"
expect_eq "unnamed: tree" "$(printf 'process ? parent -\nprocess 77 parent ?')" \
    "$(grep '^process ' "$T/out")"

# 5. Long lines.  A write of 20 MB (strace -s 20000000) that breaks
# LimitBytesWritten: read and found, not dropped.
{ printf 'write(3</tmp/out>, "'; head -c 20000000 /dev/zero | tr '\0' a
  printf '"..., 20000000) = 20000000\n'; } > "$T/bigwrite.log"
run "$BIN/efsa-check" -p corpora/policies/limit-write.pol "$T/bigwrite.log" \
    > "$T/out" 2> "$T/err"
expect_eq "big write: status" 1 $?
expect_eq "big write: violation" 1 "$(grep -c 'LimitBytesWritten' "$T/out")"
# Past the limit (64 MiB), an error naming the line, nothing on stdout: a
# line with no newline, and /dev/zero.
{ printf 'close(3) = 0\n'; head -c 70000000 /dev/zero | tr '\0' a; } \
    > "$T/nonl.log"
for f in "$T/nonl.log" /dev/zero; do
	memcap "$TM" stats "$f" > "$T/out" 2> "$T/err"
	expect_eq "long line $f: status" 2 $?
	expect_eq "long line $f: stdout" "" "$(cat "$T/out")"
	line=2; [ "$f" = /dev/zero ] && line=1
	expect_eq "long line $f: message" \
	    "tracemine: $f:$line:1: expected a line shorter than 67108864 bytes, found a longer one" \
	    "$(cat "$T/err")"
done
memcap "$BIN/efsa-check" -p corpora/policies/limit-write.pol "$T/nonl.log" \
    > "$T/out" 2>&1
expect_eq "long line: efsa-check: status" 2 $?

# 8. Numbers out of range are said, not clamped: a return value too big
# for 64 bits is unknown (not fd 0, which the read below would then be),
# an argument that big is raw text, an exit status past 255 is an oddity;
# each a warning, an error with --strict.
printf 'openat(AT_FDCWD, "/etc/shadow", O_RDONLY) = 12345678901234567890123\nread(12345678901234567890123, "x", 1) = 1\n+++ exited with 99999999999999999999 +++\n' \
    > "$T/num.log"
run "$TM" norm "$T/num.log" > "$T/out" 2> "$T/err"
expect_eq "numbers: status" 0 $?
expect_eq "numbers: the read is not of /etc/shadow" \
    "$(printf 'openat "/etc/shadow" O_RDONLY\nread fd:?')" "$(cat "$T/out")"
expect_eq "numbers: warnings" "tracemine: $T/num.log:1:45: expected a return value that fits in 64 bits, found one longer; the call's result is unknown
tracemine: $T/num.log:3:17: expected an exit status from 0 to 255, found 99999999999999999999" \
    "$(cat "$T/err")"
run "$TM" stats --strict "$T/num.log" > "$T/out" 2> "$T/err"
expect_eq "numbers: --strict: status" 2 $?
expect_eq "numbers: --strict: stdout" "" "$(cat "$T/out")"
expect_eq "numbers: --strict: message" 1 "$(grep -c ':1:45: expected a return value' "$T/err")"
# A pid past 2^31 is no pid: the line is not understood, not pid 2^31 - 1.
printf '[pid 99999999999] close(3) = 0\n' > "$T/bigpid.log"
run "$TM" stats --strict "$T/bigpid.log" > /dev/null 2>&1
expect_eq "big pid: --strict: status" 2 $?

# 6. Nothing raw on stderr: names from the command line, from inside logs
# and from the libraries' messages are escaped as strace escapes bytes.
ESC=$(printf '\033')
evil="$T/$(printf 'a\033[2Jb\377c')"
expect_raw() {	# WHAT FILE: no ESC and no byte past 0x7e in FILE
	if LC_ALL=C grep -q "$ESC" "$2" ||
	    [ "$(LC_ALL=C tr -d '\000-\176' < "$2" | wc -c)" != 0 ]; then
		fail "$1: raw bytes on stderr: $(od -c "$2" | head -n 3)"
	fi
}
run "$TM" stats "$evil" > /dev/null 2> "$T/err"
expect_eq "raw: missing log: status" 2 $?
expect_raw "raw: missing log" "$T/err"
expect_eq "raw: missing log: message" \
    "tracemine: $T/a\\x1b[2Jb\\xffc: No such file or directory" "$(cat "$T/err")"
printf 'close(3) = 0\n@@@ \033]0;pwned\007 garbage\nclose(4) = 0\n' > "$evil"
run "$TM" stats "$evil" > /dev/null 2> "$T/err"
expect_eq "raw: warning: status" 0 $?
expect_raw "raw: warning" "$T/err"
expect_eq "raw: warning: one line" 1 "$(wc -l < "$T/err")"
run "$TM" "$(printf 'x\033[2J')" > /dev/null 2> "$T/err"
expect_raw "raw: unknown command" "$T/err"
for tool in efsa-check efsa-verify efsa-show; do
	case $tool in
	efsa-check) run "$BIN/$tool" -p "$evil.pol" "$CORPUS/ls-plain.log" ;;
	efsa-verify) run "$BIN/$tool" "$evil.model" "$evil.pol" ;;
	efsa-show) run "$BIN/$tool" "$evil.model" ;;
	esac > /dev/null 2> "$T/err"
	expect_eq "raw: $tool: status" 2 $?
	expect_raw "raw: $tool" "$T/err"
done

# 4. A labels file names the traces: a FIFO (which would block its open
# for ever) or a device (which never ends) is refused at its line.
mkfifo "$T/fifo"
cp "$CORPUS/ls-plain.log" "$T/a.log"
printf 'a.log: A\nfifo: B\n' > "$T/fifo.labels"
printf 'a.log: A\n/dev/zero: B\n' > "$T/zero.labels"
run "$TM" solve "$T/fifo.labels" > "$T/out" 2> "$T/err"
expect_eq "labels: FIFO: status" 2 $?
expect_eq "labels: FIFO: stdout" "" "$(cat "$T/out")"
expect_eq "labels: FIFO: message" \
    "tracemine: $T/fifo.labels:2:1: expected a trace file, found 'fifo' ($T/fifo: is a FIFO; only regular files are read)" \
    "$(cat "$T/err")"
run "$TM" solve "$T/zero.labels" > "$T/out" 2> "$T/err"
expect_eq "labels: /dev/zero: status" 2 $?
expect_eq "labels: /dev/zero: message" 1 \
    "$(grep -c "zero.labels:2:1: expected a trace file, found '/dev/zero' (/dev/zero: is a character device" "$T/err")"

finish
