# corpora/runs against the policies of corpora/policies/runs-*.pol, which
# use the built-in events only (no platform file): on every log, the
# monitor's verdict (exit status), its count of violating calls and the
# line of the first equal what truth.sh counted with awk (truth.txt) for
# the properties non-loopback (addresses, issue 11), opens-under-root
# (failed opens do not count), listens and writes-outside-tmp.  Then the
# failed form and the result in reports: "Failed FileReadOp" under /root
# names the failed opens grep finds, each printed with its "= -1 ERRNO"
# as the log has it; a rule on a result ("-> fd | fd >= 0") keeps only
# the opens that returned an fd.
. "$(dirname "$0")/../lib.sh"

R="$TOP/corpora/runs"
P="$TOP/corpora/policies"
CHECK="$TOP/$BIN/efsa-check"
case $BIN in /*) CHECK="$BIN/efsa-check" ;; esac
[ -f "$R/truth.txt" ] || { echo "no corpora/runs"; exit 77; }

n=0
for pair in non-loopback:runs-loopback opens-under-root:runs-root \
    listens:runs-listen writes-outside-tmp:runs-outside-tmp; do
	prop=${pair%%:*} pol=$P/${pair#*:}.pol
	for log in "$R"/*.log; do
		b=$(basename "$log")
		want=$(awk -F '\t' -v l="$b" -v p="$prop" \
		    '$1 == l && $2 == p { print $3 " " $4 }' "$R/truth.txt")
		[ -n "$want" ] || { fail "$b $prop: not in truth.txt"; continue; }
		"$CHECK" -p "$pol" "$log" > "$T/out" 2> "$T/err"
		rc=$?
		# violating calls: distinct lines (a rename may break two
		# rules at one call)
		got=$(awk -v f="$log:" 'index($0, f) == 1 {
			split(substr($0, length(f) + 1), a, ":")
			if (a[1] ~ /^[0-9]+$/ && !(a[1] in seen)) {
				seen[a[1]] = 1; k++
				if (first == "") first = a[1]
			}
		} END { print k + 0 " " (first == "" ? "-" : first) }' "$T/out")
		expect_eq "$b $prop: violations and first line" "$want" "$got"
		wrc=1
		[ "${want%% *}" = 0 ] && wrc=0
		expect_eq "$b $prop: exit status" "$wrc" "$rc"
		n=$((n + 1))
	done
done
expect_eq "checks" 148 "$n"

# The failed form: every failed open under /root of curl-anom-roothome,
# as awk finds them (an openat of "/root..." returning -1), each
# reported with the log's errno.
cat > "$T/failed.pol" <<'POL'
rule FailedUnderRoot "a failed open under /root":
    any* . (Failed FileReadOp(p) | p ~ "/root/**");
POL
log=$R/curl-anom-roothome.log
awk '/openat\(.*"\/root\// && / = -1 [A-Z]+/ {
	e = $0; sub(/.* = -1 /, "", e); sub(/ .*/, "", e); print NR " " e }' \
    "$log" > "$T/want"
[ -s "$T/want" ] || fail "curl-anom-roothome: no failed open under /root"
"$CHECK" -p "$T/failed.pol" "$log" > "$T/out" 2>&1
sed -n 's/^[^:]*:\([0-9]*\): .* = -1 \([A-Z]*\)$/\1 \2/p' "$T/out" > "$T/got"
expect_file_eq "failed opens under /root" "$T/want" "$T/got"

# A result in a rule: openat -> fd | fd >= 0 on gzip-anom-overwrite is
# the successful opens of keep.txt.gz (the O_EXCL one after the unlink),
# not the one that failed with EEXIST.
cat > "$T/ret.pol" <<'POL'
rule Opened "keep.txt.gz opened":
    any* . (openat(_, p) -> fd | fd >= 0 && p ~ "**/keep.txt.gz");
rule Refused "keep.txt.gz refused":
    any* . (openat(_, p) -> r | r == EEXIST && p ~ "**/keep.txt.gz");
POL
log=$R/gzip-anom-overwrite.log
"$CHECK" -p "$T/ret.pol" "$log" > "$T/out" 2>&1
want=$(awk '/openat\(.*keep\.txt\.gz"/ && / = [0-9]+/ { print NR }' "$log")
got=$(sed -n 's/^[^:]*:\([0-9]*\): .*rule Opened .* = [0-9]*$/\1/p' "$T/out")
expect_eq "openat -> fd | fd >= 0" "$want" "$got"
want=$(awk '/openat\(.*keep\.txt\.gz"/ && / = -1 EEXIST/ { print NR }' "$log")
got=$(sed -n 's/^[^:]*:\([0-9]*\): .*rule Refused .* = -1 EEXIST$/\1/p' "$T/out")
expect_eq "openat -> r | r == EEXIST" "$want" "$got"
[ -n "$want" ] || fail "gzip-anom-overwrite: no EEXIST"

[ "$failures" -eq 0 ]
