# efsa-check never goes blind after a deviation: calls injected into a
# normal gzip run after one odd call (an unlink of /etc/shadow, an AF_INET
# socket, an execve of nc) are each reported with their line, and the
# normal calls after them are not (the normal run alone conforms, so the
# deviations are exactly the injected lines).  With strace, a gzip -f run
# that overwrites an existing .gz has its unlink named.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" ;; esac
M="$TOP/corpora/models"

"$L" -q -o "$T/m.xml" "$M"/gzip-2.log "$M"/gzip-3.log "$M"/gzip-4.log \
    "$M"/gzip-5.log || fail "efsa-learn gzip"
"$C" -m "$T/m.xml" "$M/gzip-1.log" > "$T/out" 2>&1 ||
    fail "gzip-1 does not conform: $(head -n 3 "$T/out")"
calls=$(sed -n 's/.*: conforms: \([0-9]*\) calls,.*/\1/p' "$T/out")

# after the first read of the input, 4 lines: one odd call, then the three
at=$(grep -n '  read(4<' "$M/gzip-1.log" | head -n 1 | cut -d: -f1)
[ -n "$at" ] || fail "no read of the input in gzip-1.log"
awk -v at="$at" '{ print } NR == at {
	pid = $1
	printf "%s  getuid() = 1000\n", pid
	printf "%s  unlink(\"/etc/shadow\") = 0\n", pid
	printf "%s  socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5\n", pid
	printf "%s  execve(\"/usr/bin/nc\", [\"nc\", \"10.0.0.1\", \"4444\"], " \
	    "0x7ffd3b1c2a40 /* 4 vars */) = -1 ENOENT (No such file or " \
	    "directory)\n", pid
}' "$M/gzip-1.log" > "$T/inj.log"
after=$(($(wc -l < "$T/inj.log") - at - 4))
[ "$after" -gt 5 ] || fail "too few normal calls after the injection"

"$C" -m "$T/m.xml" "$T/inj.log" > "$T/out" 2>&1
expect_eq "injected run: status" 1 $?
for n in 1 2 3 4; do
	grep -q "^$T/inj.log:$((at + n)): " "$T/out" ||
	    fail "injected line $((at + n)) not reported: $(sed -n \
	    "$((at + n))p" "$T/inj.log")"
done
grep -q "^$T/inj.log:$((at + 2)): .*unlink" "$T/out" || fail "unlink not named"
grep -q "^$T/inj.log:$((at + 3)): .*socket" "$T/out" || fail "socket not named"
grep -q "^$T/inj.log:$((at + 4)): .*/usr/bin/nc" "$T/out" ||
    fail "execve of nc not named"
# the deviations are the 4 injected lines, none of the normal calls after
got=$(grep -v ': assumption: ' "$T/out" | awk -F: -v f="$T/inj.log" \
    '$1 == f && $2 ~ /^[0-9]+$/ { print $2 }' | tr '\n' ' ')
expect_eq "deviating lines" "$((at + 1)) $((at + 2)) $((at + 3)) $((at + 4)) " \
    "$got"
expect_eq "summary" "$T/inj.log: deviates: $((calls + 4)) calls, 1 process images, 4 deviations" \
    "$(tail -n 1 "$T/out")"
# calls after the injection that pass a register test only by assumption
# are named as such, with a line after the injection
grep ': assumption: ' "$T/out" | awk -F: -v at="$at" '$2 <= at + 4 {
	print "FAIL: assumption before the injection: " $0; exit 1 }' ||
    failures=$((failures + 1))

# JSON lists the same lines
"$C" -f json -m "$T/m.xml" "$T/inj.log" > "$T/json" 2>&1
n=$(grep -c '"line"' "$T/json")
a=$(grep -c ': assumption: ' "$T/out")
expect_eq "json: deviations and assumptions" "$((4 + a))" "$n"

# gzip -f overwriting an existing .gz: unlink, then the O_EXCL open
if command -v strace > /dev/null && command -v gzip > /dev/null; then
	mkdir "$T/w" && seq 100 > "$T/w/f.txt" && : > "$T/w/f.txt.gz"
	if (cd "$T/w" && env -i PATH=/usr/bin:/bin LC_ALL=C strace -f -y \
	    -o ../anom.log gzip -f f.txt) > /dev/null 2>&1; then
		line=$(grep -n ' unlink("f.txt.gz")' "$T/anom.log" | cut -d: -f1)
		[ -n "$line" ] || fail "the recorded run has no unlink"
		"$C" -m "$T/m.xml" "$T/anom.log" > "$T/out" 2>&1
		expect_eq "gzip anomaly: status" 1 $?
		grep -q "^$T/anom.log:$line: .*unlink" "$T/out" ||
		    fail "gzip anomaly: the unlink (line $line) not named"
	fi
fi
finish
