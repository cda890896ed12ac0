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

# Verdicts, known from what the programs do.  tar writes its archive
# ../out/NAME.tar from its working directory, $T/work: under /tmp, which
# the -y decorations of the log tell; a log without -y does not, and its
# relative name is outside /tmp.
expect_status "tar writes its archive under /tmp" 0 \
    "$C" -p "$P/write-only-tmp.pol" "$M/tar-1.log"
expect_status "tar without -y writes its archive by a relative name" 1 \
    "$C" -p "$P/write-only-tmp.pol" "$M/tar-k-1.log"
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

# Naccio's LimitWrite (corpora/policies/limit-write.pol).  NoOverwrite,
# counted with grep: every successful open or openat with O_TRUNC and no
# O_EXCL, every successful creat, every truncate that returned 0.
# LimitBytesWritten(1000000), counted with awk: the bytes every write,
# pwrite64 and writev returned, added up, and the calls after which the
# sum is past a million (exact for the one-process dd logs; for the
# others, whose processes each count their own and their parents' bytes,
# a log whose writes add up to no more than a million has none).
overwrites() {
	grep -E ' (open|openat)\(.*O_TRUNC' "$1" | grep -v O_EXCL | grep -cE '\) += [0-9]+' || true
	grep -cE ' creat\(.*\) += [0-9]+' "$1" || true
	grep -cE ' truncate\(.*\) += 0' "$1" || true
}
past_million() {
	awk '/ (write|pwrite64|writev)\(.*\) += [0-9]+/ {
		n = $0; sub(/.*\) += /, "", n); sub(/ .*/, "", n)
		sum += n; if (sum > 1000000) past++
	} END { print past + 0, (sum > 1000000) }' "$1"
}
for log in "$M"/*.log "$P"/logs/*.log; do
	b=$(basename "$log")
	"$C" -q -p "$P/limit-write.pol" "$log" > "$T/out"
	want=$(overwrites "$log" | awk '{ s += $1 } END { print s }')
	got=$(grep -c ': rule NoOverwrite ' "$T/out")
	expect_eq "$b: NoOverwrite" "$want" "$got"
	set -- $(past_million "$log")
	got=$(grep -c ': rule LimitBytesWritten(1000000) ' "$T/out")
	case $b in
	dd-*) expect_eq "$b: LimitBytesWritten" "$1" "$got" ;;
	*) [ "$2" = 1 ] || expect_eq "$b: LimitBytesWritten" 0 "$got" ;;
	esac
done
# dd-2m writes 32 x 65536 bytes: the 16th write is the first past a million
# (15 x 65536 = 983040), so the writes 16 to 32 violate, and the message
# says how many bytes were written by then.
expect_eq "dd-2m: 17 past a million" 17 "$(past_million "$P/logs/dd-2m.log" | cut -d' ' -f1)"
"$C" -p "$P/limit-write.pol" "$P/logs/dd-2m.log" > "$T/out"
grep -q 'rule LimitBytesWritten(1000000) (Attempt to write more than 1000000 bytes.): write(1<[^>]*>, .*, 65536) = 65536 with RFileSystem.bytes_written = 1048576$' "$T/out" ||
    fail "dd-2m: the first LimitBytesWritten: $(grep -m1 LimitBytes "$T/out")"
expect_status "dd-512k writes half a million" 1 \
    "$C" -p "$P/limit-write.pol" "$P/logs/dd-512k.log"
expect_eq "dd-512k: no LimitBytesWritten" 0 \
    "$("$C" -p "$P/limit-write.pol" "$P/logs/dd-512k.log" | grep -c LimitBytes)"

# TarCustom (corpora/policies/tar-custom.pol): tar -cf writes only its
# archive, runs nothing else, opens no socket; gzip is not tar, and curl
# opens sockets.
for log in "$M"/tar-*.log; do
	expect_status "$(basename "$log"): TarCustom" 0 \
	    "$C" -q -p "$P/tar-custom.pol" "$log"
done
"$C" -q -p "$P/tar-custom.pol" "$M/gzip-1.log" > "$T/out"
expect_eq "gzip-1: TarCustom RunNothing" 1 "$(grep -c ': rule RunNothing ' "$T/out")"
want=$(grep -cE ' socket\(AF_INET' "$M/http-client-1.log")
"$C" -q -p "$P/tar-custom.pol" "$M/http-client-1.log" > "$T/out"
expect_eq "http-client-1: TarCustom NoNetwork" "$want" "$(grep -c ': rule NoNetwork ' "$T/out")"

# The message names the line, the rule and its message, the call.
"$C" -p "$P/write-only-tmp.pol" "$M/tar-k-1.log" > "$T/out"
line=$(grep -n 'creat("../out/kilo.tar"' "$M/tar-k-1.log" | cut -d: -f1)
grep -q "^$M/tar-k-1.log:$line: pid [0-9]*: rule WriteOutsideTmp (a file written outside /tmp): creat(\"../out/kilo.tar\", 438) = 3\$" "$T/out" ||
    fail "tar-k-1 violation: $(head -n 1 "$T/out")"

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
expect_eq "bad policy: message" "efsa-check: $T/bad.pol:1:8: unknown event 'sockett' (did you mean socket?): not a system call of trace/syscalls.def nor an event of the platform interface" "$(cat "$T/err")"
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
