# efsa-verify on models learned from corpora/models with the policies of
# corpora/policies.  The monitor (efsa-check --policy) on a log and the
# verifier on the model learned from that log must agree for rules of one
# event: the log is a path of its own model, and a "must" conflict is a
# call the log made.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
M="$TOP/corpora/models"
P="$TOP/corpora/policies"

for log in "$M"/*.log; do
	b=$(basename "$log" .log)
	"$L" -q -o "$T/$b.xml" "$log" || { fail "$b: efsa-learn"; continue; }
	for pol in no-remote-net write-only-tmp exec-allowlist seed-nonet; do
		"$C" -q -p "$P/$pol.pol" "$log" > /dev/null
		c=$?
		"$V" "$T/$b.xml" "$P/$pol.pol" > "$T/v.out"
		v=$?
		expect_eq "$b, $pol: monitor and verifier" "$c" "$v"
		if grep -q ': must$' "$T/v.out" && [ "$c" = 0 ]; then
			fail "$b, $pol: a must conflict the log does not show"
		fi
	done
done

# Properties with counters: the verifier follows intervals, so it may
# find conflicts the log does not show, but every rule the monitor finds
# violated on a log has a conflict on the model learned from it, and a
# must conflict is one the log shows.
for log in "$M"/*.log "$P"/logs/*.log; do
	b=$(basename "$log" .log)
	[ -f "$T/$b.xml" ] || "$L" -q -o "$T/$b.xml" "$log" || { fail "$b: efsa-learn"; continue; }
	"$C" -q -p "$P/limit-write.pol" "$log" > "$T/c.out"
	"$V" "$T/$b.xml" "$P/limit-write.pol" > "$T/v.out"
	for rule in NoOverwrite 'LimitBytesWritten(1000000)'; do
		c=$(grep -cF ": rule $rule " "$T/c.out")
		v=$(grep -cF ": rule $rule " "$T/v.out")
		m=$(grep -F ": rule $rule " "$T/v.out" | grep -c ': must$')
		[ "$c" -gt 0 ] && [ "$v" = 0 ] && fail "$b, $rule: the monitor finds $c, the verifier none"
		[ "$m" -gt 0 ] && [ "$c" = 0 ] && fail "$b, $rule: a must conflict the log does not show"
	done
done
# dd's write loop: the counter is widened, the conflict a may, and no
# limit admits it.
"$V" "$T/dd-2m.xml" "$P/limit-write.pol" > "$T/out"
grep -q 'rule LimitBytesWritten(1000000) (Attempt to write more than 1000000 bytes.): may$' "$T/out" ||
    fail "dd-2m: LimitBytesWritten is not a may conflict"
grep -q 'RFileSystem.bytes_written in \[65536, +inf), widened on a loop' "$T/out" ||
    fail "dd-2m: no widened interval: $(grep assumed "$T/out")"
grep -q 'to admit it: no limit on RFileSystem.bytes_written admits it' "$T/out" ||
    fail "dd-2m: advice: $(grep admit "$T/out")"
# tar's creat of its archive: a must NoOverwrite (creat returned 3: the
# model learned the result, so "fd >= 0" holds)
"$V" "$T/tar-1.xml" "$P/limit-write.pol" > "$T/out"
grep -q 'rule NoOverwrite (Attempt to overwrite file.): must$' "$T/out" ||
    fail "tar-1: NoOverwrite is not a must conflict"

# A conflict names the path, where the model learned each call, and the
# change that would admit it.
"$V" "$T/tar-1.xml" "$P/write-only-tmp.pol" > "$T/out"
expect_eq "tar: status" 1 $?
line=$(grep -n 'creat("../out/alpha.tar"' "$M/tar-1.log" | cut -d: -f1)
grep -q "^conflict 1: /usr/bin/tar: rule WriteOutsideTmp (a file written outside /tmp): must\$" "$T/out" ||
    fail "tar: first line: $(head -n 1 "$T/out")"
grep -q "creat (learned at $M/tar-1.log:$line); arg 0 {\"../out/alpha.tar\"}" "$T/out" ||
    fail "tar: last step: $(grep creat "$T/out")"
grep -q 'to admit it: add "&& p != \\"../out/alpha.tar\\"" to the condition of FileModifyOp(p)' "$T/out" ||
    fail "tar: advice: $(grep admit "$T/out")"
# with the advice applied, tar-1's model satisfies the policy
sed 's|!(p ~ "/tmp/\*\*") \&\& p != "/dev/null"|!(p ~ "/tmp/**") \&\& p != "/dev/null" \&\& p != "../out/alpha.tar"|' \
    "$P/write-only-tmp.pol" > "$T/fixed.pol"
expect_status "tar: the advice admits it" 0 "$V" "$T/tar-1.xml" "$T/fixed.pol"

# may: curl's sendto has no address the model learned
"$L" -q -o "$T/curl.xml" "$M"/http-client-1.log "$M"/http-client-2.log
"$V" "$T/curl.xml" "$P/no-remote-net.pol" > "$T/out"
grep -q 'rule RemoteSend (a datagram that is not local): may$' "$T/out" ||
    fail "curl: RemoteSend is not a may conflict"
grep -q 'assumed: NetSendTo(a) at sendto' "$T/out" ||
    fail "curl: the assumption is not named"
grep -q 'rule RemoteConnect (a connection that is not local): must$' "$T/out" ||
    fail "curl: RemoteConnect is not a must conflict"

# formats
for fmt in tsv json xml; do
	"$V" -f $fmt "$T/curl.xml" "$P/no-remote-net.pol" > "$T/out"
	expect_eq "-f $fmt: status" 1 $?
	grep -q RemoteConnect "$T/out" || fail "-f $fmt: no rule named"
done

# a limit cuts the walk, and says so
"$V" -l 3 "$T/tar-1.xml" "$P/write-only-tmp.pol" > "$T/out"
grep -q '(cut by the limit)$' "$T/out" || fail "limit: $(tail -n 1 "$T/out")"

# trouble
expect_status "one argument" 2 "$V" "$T/tar-1.xml"
expect_status "a bad policy" 2 "$V" "$T/tar-1.xml" /dev/null
expect_status "a bad model" 2 "$V" "$P/seed-nonet.pol" "$P/seed-nonet.pol"
expect_status "--help" 0 "$V" --help
expect_status "--version" 0 "$V" --version
finish
