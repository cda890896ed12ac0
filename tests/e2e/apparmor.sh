# AppArmor profiles as policies: every profile of Debian's apparmor and
# apparmor-profiles packages (corpora/policies/apparmor, unpacked by
# fetch.sh) is read with its includes; verdicts on the real models; the
# monitor and the verifier agree on tar-1.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
M="$TOP/corpora/models"
AA="$TOP/corpora/policies/apparmor"
D="$AA/etc/apparmor.d"

"$L" -q -o "$T/tar.xml" "$M/tar-1.log"
n=0
for prof in "$AA"/extra-profiles/* "$D"/*; do
	[ -f "$prof" ] || continue
	case $(basename "$prof") in README) continue ;; esac
	timeout 30 "$V" -A "$D" "$T/tar.xml" "$prof" > /dev/null 2> "$T/err"
	rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "$(basename "$prof"): exit $rc: $(cat "$T/err")"
	n=$((n + 1))
done
[ "$n" -ge 100 ] || fail "only $n profiles read"

# netstat's profile does not let tar write its archive nor run
# /usr/bin/tar.  It lets it read /proc/filesystems, through
# abstractions/base's "@{PROC}/filesystems r," with @{PROC} = /proc/:
# AppArmor reads the "//" that makes as "/".
"$V" -A "$D" "$T/tar.xml" "$AA/extra-profiles/bin.netstat" > "$T/out"
expect_eq "tar vs netstat: status" 1 $?
grep -q '/proc/filesystems r,' "$T/out" &&
    fail "tar vs netstat: /proc/filesystems is allowed by abstractions/base"
grep -q 'to admit it: add the rule "/usr/bin/tar ix," to the profile' "$T/out" ||
    fail "tar vs netstat: exec"
# curl makes TCP sockets: netstat's profile allows them through
# abstractions/nameservice ("network inet stream,"); a profile with no
# network rule does not
grep -q '^ *network inet  *stream,' "$D/abstractions/nameservice" ||
    fail "abstractions/nameservice no longer allows inet stream"
"$L" -q -o "$T/curl.xml" "$M/http-client-1.log"
"$V" -A "$D" "$T/curl.xml" "$AA/extra-profiles/bin.netstat" > "$T/out"
grep -q 'rule NetworkNotAllowed' "$T/out" &&
    fail "curl vs netstat: a network conflict nameservice allows"
printf 'profile nonet /usr/bin/curl {\n  /** r,\n}\n' > "$T/nonet"
"$V" -A "$D" "$T/curl.xml" "$T/nonet" > "$T/out"
grep -q 'rule NetworkNotAllowed (a socket that profile nonet does not allow): must$' "$T/out" ||
    fail "curl vs a profile with no network rule"

# the suite's own tar profile: absolute names are all allowed; the
# archive, named relative to the working directory (creat("../out/...")),
# was learned by its absolute name, which the log's -y AT_FDCWD<DIR>
# places, so the profile decides it as the monitor does: allowed
wd=$(sed -n 's/.*AT_FDCWD<\([^>]*\)>.*/\1/p' "$M/tar-1.log" | sed -n 1p)
arch=$(sed -n 's/.* creat("\.\.\/out\/\([^"]*\)".*/\1/p' "$M/tar-1.log")
grep -q "<string>${wd%/*}/out/$arch</string>" "$T/tar.xml" ||
    fail "tar: the archive not learned as ${wd%/*}/out/$arch"
"$V" -A "$D" "$T/tar.xml" "$AA/usr.bin.tar" > "$T/out"
grep -q 'rule WriteNotAllowed' "$T/out" && fail "tar vs its profile: a write not allowed"
# the monitor on the log, recorded with -y, places the archive
# (../out/alpha.tar from the working directory AT_FDCWD's decoration
# names) and the files tar opens relative to a directory's fd: the
# profile allows them all (tests/e2e/ynames.sh checks the names)
"$C" -A "$D" -p "$AA/usr.bin.tar" "$M/tar-1.log" > "$T/out"
expect_eq "monitor: tar-1 vs its profile" 0 $?
grep -q 'Relative' "$T/out" && fail "monitor: a relative name on a -y log"
# without -y (tar-k-1), the archive's name stays relative and is said so
"$C" -A "$D" -p "$AA/usr.bin.tar" "$M/tar-k-1.log" > "$T/out"
expect_eq "monitor: tar-k-1 vs its profile" 1 $?
grep -q 'rule WriteNotAllowed ' "$T/out" && fail "monitor: tar-k-1: a write not allowed"
grep -q 'rule WriteNotAllowedRelative .*creat("../out/kilo.tar", 438)' "$T/out" ||
    fail "monitor: tar-k-1: the relative archive"

# a broken profile: file:line:col
printf 'profile x /bin/x {\n  /etc/passwd zz,\n}\n' > "$T/bad"
"$V" -A "$D" "$T/tar.xml" "$T/bad" > /dev/null 2> "$T/err"
expect_eq "bad profile: status" 2 $?
expect_eq "bad profile: message" "efsa-verify: $T/bad:2:1: expected permissions (r w a l k m x) after /etc/passwd, found 'zz'" "$(cat "$T/err")"
printf 'profile x /bin/x {\n  include <abstractions/none-such>\n}\n' > "$T/bad"
"$V" -A "$D" "$T/tar.xml" "$T/bad" > /dev/null 2> "$T/err"
expect_eq "missing include: message" "efsa-verify: $T/bad:2:1: include abstractions/none-such not found" "$(cat "$T/err")"
printf 'profile x /bin/x {\n  @{NOPE}/x r,\n}\n' > "$T/bad"
"$V" -A "$D" "$T/tar.xml" "$T/bad" > /dev/null 2> "$T/err"
expect_eq "unknown variable: message" "efsa-verify: $T/bad:2:3: unknown variable @{NOPE}" "$(cat "$T/err")"
# Capabilities: chown run by root changes a file's owner with fchownat
# (CAP_CHOWN).  A profile that grants no capability: the monitor reports
# that call, by its line, and the verifier a must conflict whose advice is
# the capability rule; the same profile with "capability chown," admits it.
LOGS="$TOP/corpora/policies/logs"
LOC="$AA/local"
line=$(grep -n ' fchownat(.*) = 0$' "$LOGS/chown.log" | cut -d: -f1)
"$C" -A "$D" -p "$LOC/usr.bin.chown" "$LOGS/chown.log" > "$T/out"
expect_eq "chown: the capability violation's line" "$line" \
    "$(grep 'rule CapabilityNotAllowed ' "$T/out" | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p')"
"$L" -q -o "$T/chown.xml" "$LOGS/chown.log"
"$V" -A "$D" "$T/chown.xml" "$LOC/usr.bin.chown" > "$T/out"
grep -q 'rule CapabilityNotAllowed (a capability used that profile /usr/bin/chown does not grant): must$' "$T/out" ||
    fail "chown: no must CapabilityNotAllowed"
grep -q 'to admit it: add the rule "capability chown," to the profile' "$T/out" ||
    fail "chown: capability advice: $(grep admit "$T/out")"
"$V" -A "$D" "$T/chown.xml" "$LOC/usr.bin.chown-cap" > "$T/out"
expect_eq "chown with capability chown: no capability conflict" 0 \
    "$(grep -c Capability "$T/out")"
"$C" -A "$D" -p "$LOC/usr.bin.chown" "$LOGS/chroot.log" > "$T/out"
expect_eq "chroot: one capability violation" 1 "$(grep -c 'rule CapabilityNotAllowed ' "$T/out")"
# The program a profile attaches to may be started: the first execve of a
# trace is its parent's (chown's profile has no x rule for chown), but
# tar is no program of netstat's profile.
expect_eq "chown's own start" 0 \
    "$("$C" -A "$D" -p "$LOC/usr.bin.chown" "$LOGS/chown.log" | grep -c 'rule ExecNotAllowed ')"
expect_eq "tar under netstat's profile" 1 \
    "$("$C" -A "$D" -p "$AA/extra-profiles/bin.netstat" "$M/tar-1.log" | grep -c 'rule ExecNotAllowed ')"

# m, k and l: a profile with no m rule refuses every executable mapping of
# a file (counted with grep: mmap with PROT_EXEC of an fd with a -y name);
# abstractions/base allows the libraries, so chown's own profile refuses
# none.  A lock and a hard link outside the k and l rules.
printf '/usr/bin/chown {\n  /** r,\n  /tmp/** rw,\n}\n' > "$T/bare"
want=$(grep -cE ' mmap\(.*PROT_EXEC.*, [0-9]+</' "$LOGS/chown.log")
[ "$want" -gt 0 ] || fail "chown.log: no executable mapping to count"
expect_eq "bare profile: executable mappings" "$want" \
    "$("$C" -A "$D" -p "$T/bare" "$LOGS/chown.log" | grep -c 'rule MapExecNotAllowed ')"
expect_eq "chown's profile: executable mappings" 0 \
    "$("$C" -A "$D" -p "$LOC/usr.bin.chown" "$LOGS/chown.log" | grep -c 'rule MapExecNotAllowed ')"
printf '/usr/bin/x {\n  /tmp/a/** rwk,\n  /tmp/l/* rwl,\n}\n' > "$T/kl"
cat > "$T/kl.log" <<'LOG'
7 flock(3</tmp/a/lock>, LOCK_EX) = 0
7 flock(4</tmp/b/lock>, LOCK_EX) = 0
7 fcntl(5</tmp/b/db>, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}) = 0
7 fcntl(5</tmp/b/db>, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)
7 link("/tmp/a/x", "/tmp/l/y") = 0
7 link("/tmp/a/x", "/tmp/a/y") = 0
LOG
"$C" -A "$D" -p "$T/kl" "$T/kl.log" > "$T/out"
expect_eq "locks outside k rules" "2 3" \
    "$(grep 'rule LockNotAllowed ' "$T/out" | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "hard links outside l rules" 6 \
    "$(grep 'rule LinkNotAllowed ' "$T/out" | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p')"
# A directory include reads its files in the order of their names, whatever
# order the directory lists them in: of twenty files that each hold a bad
# rule, the error is always the first name's (g_ptr_array_sort was given a
# comparison of the elements' addresses, not of the names).
mkdir "$T/dinc"
for n in t q k b r m e a s c j o f p g l d i h n; do
	printf '/etc/%s rwz,\n' "$n" > "$T/dinc/$n"
done
printf 'profile x /bin/x {\n  include "dinc"\n}\n' > "$T/dinc.prof"
printf 'close(3) = 0\n' > "$T/one.log"
"$C" -p "$T/dinc.prof" "$T/one.log" > /dev/null 2> "$T/err"
expect_eq "directory include: status" 2 $?
expect_eq "directory include: the first file's error" 1 \
    "$(grep -c "^efsa-check: $T/dinc/a:1:" "$T/err")"
finish
