# efsa-check --policy on the real logs of corpora/models with the policies
# of corpora/policies: verdicts, and violation counts checked against grep
# (an independent count of the same calls in the logs).
. "$(dirname "$0")/../lib.sh"

C="$TOP/$BIN/efsa-check"
case $BIN in /*) C="$BIN/efsa-check" ;; esac
M="$TOP/corpora/models"
P="$TOP/corpora/policies"

# violations LOG POLICY: the number efsa-check reports.
violations() {
	"$C" -q -p "$2" "$1" | tail -n 1 | sed -n 's/.*, \([0-9]*\) violations.*/\1/p'
}

for log in "$M"/*.log; do
	b=$(basename "$log")
	# No remote network: every socket(AF_INET*), and every connect or
	# sendto to an AF_INET* address.
	want=$(grep -cE ' (socket\(AF_INET|connect\(.*sa_family=AF_INET|sendto\(.*sa_family=AF_INET)' "$log")
	expect_eq "$b: no-remote-net" "$want" "$(violations "$log" "$P/no-remote-net.pol")"
	# Exec allowlist: successful execve of anything else.
	want=$(grep -E ' execve\("' "$log" | grep -E '\) += 0' |
	    grep -cvE 'execve\("(/usr/bin/tar|/usr/bin/gzip|/usr/bin/sh|/bin/sh)"')
	expect_eq "$b: exec-allowlist" "$want" "$(violations "$log" "$P/exec-allowlist.pol")"
done

# Verdicts, known from what the programs do.
expect_status "tar writes its archive outside /tmp" 1 \
    "$C" -p "$P/write-only-tmp.pol" "$M/tar-1.log"
expect_status "gzip -c writes no file" 0 \
    "$C" -p "$P/write-only-tmp.pol" "$M/gzip-1.log"
expect_status "curl connects over TCP" 1 \
    "$C" -p "$P/no-remote-net.pol" "$M/http-client-1.log"
expect_status "tar makes no remote socket" 0 \
    "$C" -p "$P/no-remote-net.pol" "$M/tar-1.log" "$M/tar-2.log"
expect_status "the seed's policy: tar writes" 1 \
    "$C" -p "$P/seed-nonet.pol" "$M/tar-1.log"
expect_status "the seed's policy: cat neither writes nor connects" 0 \
    "$C" -p "$P/seed-nonet.pol" "$M/cat-1.log"
expect_status "no file read then removed by tar" 0 \
    "$C" -p "$P/no-overwrite-delete.pol" "$M/tar-1.log"

# The message names the line, the rule and its message, the call.
"$C" -p "$P/write-only-tmp.pol" "$M/tar-1.log" > "$T/out"
line=$(grep -n 'creat("../out/alpha.tar"' "$M/tar-1.log" | cut -d: -f1)
grep -q "^$M/tar-1.log:$line: pid [0-9]*: rule WriteOutsideTmp (a file written outside /tmp): creat(\"../out/alpha.tar\", 438) = 3\$" "$T/out" ||
    fail "tar-1 violation: $(head -n 1 "$T/out")"

# Every format.
for fmt in tsv json xml; do
	"$C" -f $fmt -p "$P/no-remote-net.pol" "$M/http-client-1.log" > "$T/out"
	expect_eq "-f $fmt: status" 1 $?
	grep -q RemoteConnect "$T/out" || fail "-f $fmt: no rule named"
done

# Bad policies: exit 2, file:line:col, nothing on stdout.
printf 'any* . sockett(d)\n' > "$T/bad.pol"
"$C" -p "$T/bad.pol" "$M/tar-1.log" > "$T/out" 2> "$T/err"
expect_eq "bad policy: status" 2 $?
expect_eq "bad policy: stdout" "" "$(cat "$T/out")"
expect_eq "bad policy: message" "efsa-check: $T/bad.pol:1:8: unknown event 'sockett': not a system call of trace/syscalls.def nor an event of the platform interface" "$(cat "$T/err")"
printf 'Mine(p) = unlink(p)\n' > "$T/bad.platform"
"$C" -P "$T/bad.platform" -p "$P/seed-nonet.pol" "$M/tar-1.log" > /dev/null 2> "$T/err"
expect_eq "bad platform: status" 2 $?
expect_eq "bad platform: message" "efsa-check: $T/bad.platform:2:1: expected ';', found the end of the file" "$(cat "$T/err")"
expect_status "policy and model together" 2 "$C" -p "$P/seed-nonet.pol" -m x "$M/tar-1.log"
expect_status "missing policy" 2 "$C" -p "$T/none.pol" "$M/tar-1.log"

# A user's platform file adds an event.
printf 'Remove(p) = unlink(p);\nRemove(p) = unlinkat(_, p, _);\n' > "$T/mine.platform"
printf 'any* . Remove(p)\n' > "$T/rm.pol"
want=$(grep -cE ' (unlink|unlinkat)\(' "$M/tar-1.log")
"$C" -q -P "$T/mine.platform" -p "$T/rm.pol" "$M/tar-1.log" > "$T/out"
got=$(tail -n 1 "$T/out" | sed -n 's/.*, \([0-9]*\) violations.*/\1/p')
expect_eq "user platform: unlinks" "$want" "$got"
finish
