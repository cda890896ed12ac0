# efsa-verify on models learned from corpora/models with the policies of
# corpora/policies.  The monitor (efsa-check --policy) on a log and the
# verifier on the model learned from that log must agree for rules of one
# event: the log is a path of its own model, and a "must" conflict is a
# call the log made.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
S="$TOP/$BIN/efsa-show"
case $BIN in /*) S="$BIN/efsa-show" ;; esac
M="$TOP/corpora/models"
P="$TOP/corpora/policies"

# What a drawing of the conflicts holds, counted by gvpr: clusters, edges
# drawn red (on a conflict's path), red octagons (the conflicts' states).
dot_counts() {
	gvpr 'BEG_G { int c = 0, red = 0, hits = 0; graph_t s;
	    for (s = fstsubg($G); s != NULL; s = nxtsubg(s)) c++; }
	E [color == "red"] { red++; }
	N [shape == "octagon" && color == "red"] { hits++; }
	END_G { printf("%d %d %d\n", c, red, hits); }' "$1"
}

# The same from the text report: (program, rule) pairs with conflicts,
# distinct steps of their shortest paths (the drawing has one node per
# model state and rule state, so a step is one edge however many paths
# take it; for rules of one event after any*, as all of corpora/policies
# are, a step leads to the rule's start state except the last, which
# completes the rule), and distinct states where the conflicts end.
text_counts() {
	awk 'function flush() { if (last != "") { step[last " end"] = 1
		hit[last_to] = 1 } last = "" }
	/^conflict [0-9]+: / { flush(); k = $0
		sub(/^conflict [0-9]+: /, "", k)
		sub(/: (must|may)$/, "", k); pair[k] = 1; next }
	/^    s[0-9]+ -> s[0-9]+ / { if (last != "") step[last] = 1
		c4 = $4; sub(/;$/, "", c4)
		last = k "|" $1 " " $3 " " c4; last_to = k "|" $3; next }
	{ flush() }
	END { flush(); for (x in pair) c++; for (x in step) s++
		for (x in hit) h++; printf "%d %d %d\n", c, s, h }' "$1"
}

# check_dot WHAT STATUS MODEL POLICY [OPTIONS]: efsa-verify --dot exits as
# the text report does, its drawing parses (gvpr reads it without laying
# it out, which dot would, at a second a graph), and it agrees with the
# text.
check_dot() {
	what=$1 want=$2 model=$3 pol=$4; shift 4
	"$V" "$@" --dot "$model" "$pol" > "$T/d.dot" 2> "$T/d.err"
	expect_eq "$what: --dot status" "$want" $?
	# gvpr reports a syntax error on stderr, and exits 0
	dot_counts "$T/d.dot" > "$T/d.counts" 2> "$T/d.err"
	[ -s "$T/d.err" ] &&
	    fail "$what: the drawing does not parse: $(head -c 300 "$T/d.err")"
	"$V" "$@" "$model" "$pol" > "$T/d.txt"
	expect_eq "$what: drawing and text" "$(text_counts "$T/d.txt")" \
	    "$(cat "$T/d.counts")"
}

for log in "$M"/*.log; do
	b=$(basename "$log" .log)
	"$L" -q -o "$T/$b.xml" "$log" || { fail "$b: efsa-learn"; continue; }
	for pol in no-remote-net write-only-tmp exec-allowlist seed-nonet; do
		"$C" -q -p "$P/$pol.pol" "$log" > /dev/null
		c=$?
		"$V" "$T/$b.xml" "$P/$pol.pol" > "$T/v.out"
		v=$?
		expect_eq "$b, $pol: monitor and verifier" "$c" "$v"
		check_dot "$b, $pol" "$v" "$T/$b.xml" "$P/$pol.pol"
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
grep -q 'to admit it: no checked fix: no limit on RFileSystem.bytes_written admits it' "$T/out" ||
    fail "dd-2m: advice: $(grep admit "$T/out")"
# tar's creat of its archive: a must NoOverwrite (creat returned 3: the
# model learned the result, so "fd >= 0" holds)
"$V" "$T/tar-1.xml" "$P/limit-write.pol" > "$T/out"
grep -q 'rule NoOverwrite (Attempt to overwrite file.): must$' "$T/out" ||
    fail "tar-1: NoOverwrite is not a must conflict"

# TarCustom on the models: tar's only conflict is the may of its write
# loop; gzip runs itself, a must RunNothing; curl a must NoNetwork.
for b in tar-1 tar-2 tar-3 tar-4 tar-5 tar-k-1 tar-k-2 tar-k-3; do
	"$V" "$T/$b.xml" "$P/tar-custom.pol" > "$T/out"
	expect_eq "$b: TarCustom, no must" 0 "$(grep -c ': must$' "$T/out")"
done
"$V" "$T/gzip-1.xml" "$P/tar-custom.pol" > "$T/out"
grep -q 'rule RunNothing (tar runs another program): must$' "$T/out" ||
    fail "gzip-1: TarCustom RunNothing is not a must"
"$V" "$T/http-client-1.xml" "$P/tar-custom.pol" > "$T/out"
grep -q 'rule NoNetwork (tar opens a socket): must$' "$T/out" ||
    fail "http-client-1: TarCustom NoNetwork is not a must"

# On tar's -y logs the model learned the archive by its absolute name,
# under /tmp (the loop above: no conflict, as the monitor says).  The
# same log without -y (its decorations removed by sed, lines kept) leaves
# the archive's name relative, which the policy counts as outside /tmp,
# in the monitor and in the verifier alike.
NOY="$T/tar-1-noy.log"
sed 's/\(AT_FDCWD\|[0-9]\)<[^>]*>/\1/g' "$M/tar-1.log" > "$NOY"
grep -q 'AT_FDCWD<' "$NOY" && fail "tar-1 without -y: a decoration left"
"$L" -q -o "$T/tar-1r.xml" "$NOY" || fail "tar-1 without -y: efsa-learn"
expect_status "tar-1 without -y: monitor" 1 "$C" -q -p "$P/write-only-tmp.pol" "$NOY"
# A conflict names the path, where the model learned each call, and the
# change that would admit it.
"$V" "$T/tar-1r.xml" "$P/write-only-tmp.pol" > "$T/out"
expect_eq "tar: status" 1 $?
line=$(grep -n 'creat("../out/alpha.tar"' "$NOY" | cut -d: -f1)
grep -q "^conflict 1: /usr/bin/tar: rule WriteOutsideTmp (a file written outside /tmp): must\$" "$T/out" ||
    fail "tar: first line: $(head -n 1 "$T/out")"
grep -q "creat (learned at $NOY:$line); arg 0 {\"../out/alpha.tar\"}" "$T/out" ||
    fail "tar: last step: $(grep creat "$T/out")"
grep -q 'to admit it: add "&& p != \\"../out/alpha.tar\\"" to the condition of FileModifyOp(p)' "$T/out" ||
    fail "tar: advice: $(grep admit "$T/out")"
# with the advice applied, tar-1's model satisfies the policy
sed 's|!(p ~ "/tmp/\*\*") \&\& p != "/dev/null"|!(p ~ "/tmp/**") \&\& p != "/dev/null" \&\& p != "../out/alpha.tar"|' \
    "$P/write-only-tmp.pol" > "$T/fixed.pol"
expect_status "tar: the advice admits it" 0 "$V" "$T/tar-1r.xml" "$T/fixed.pol"

# curl's sendto names no address (NULL, a connected socket): the model
# learns that (<absent arg="4"/>), so the datagram rule is decided with
# no conflict, as the monitor finds none on these logs (policy.sh); its
# connect is an AF_INET one, so RemoteConnect is a must.
"$L" -q -o "$T/curl.xml" "$M"/http-client-1.log "$M"/http-client-2.log
expect_eq "curl: sendto's address learned absent" 1 \
    "$(grep -A6 'call="sendto"' "$T/curl.xml" | grep -c '<absent arg="4"/>')"
"$V" "$T/curl.xml" "$P/no-remote-net.pol" > "$T/out"
grep -q 'rule RemoteSend' "$T/out" &&
    fail "curl: RemoteSend is a conflict: $(grep RemoteSend "$T/out")"
grep -q 'rule RemoteConnect (a connection that is not local): must$' "$T/out" ||
    fail "curl: RemoteConnect is not a must conflict"
# may: a port, which the model does not learn (it learns the family and
# the IP: 127.0.0.1 in both logs)
cat > "$T/port.pol" <<'EOF'
rule WebPort "a connection to port 80":
    any* . (NetConnect(a) | a.family == AF_INET && a.port == 80);
EOF
"$V" "$T/curl.xml" "$T/port.pol" > "$T/out"
grep -q 'rule WebPort (a connection to port 80): may$' "$T/out" ||
    fail "curl: WebPort is not a may conflict: $(head -n 1 "$T/out")"
grep -q '^  assumed: NetConnect(a) at connect (s[0-9]* -> s[0-9]*): a.port == 80 is not decided: a (arg 1 of connect) was learned as addresses of {AF_INET} with IPs in {127.0.0.1}$' "$T/out" ||
    fail "curl: the assumption is not named: $(grep assumed "$T/out")"

# The drawing of tar-1's conflict: one cluster, the 7 steps of its path
# red, its one conflict state, counted by hand from the text above.
"$V" --dot "$T/tar-1r.xml" "$P/write-only-tmp.pol" > "$T/tar.dot"
expect_eq "tar --dot: status" 1 $?
expect_eq "tar --dot: clusters, red edges, conflicts" "1 7 1" \
    "$(dot_counts "$T/tar.dot")"
dot -Tcanon "$T/tar.dot" > /dev/null 2> "$T/err" ||
    fail "tar --dot: dot -Tcanon: $(head -c 300 "$T/err")"
"$V" -f dot "$T/tar-1r.xml" "$P/write-only-tmp.pol" > "$T/tar2.dot"
cmp -s "$T/tar.dot" "$T/tar2.dot" || fail "-f dot and --dot differ"
# With the advice applied there is nothing to draw: an empty graph.
"$V" --dot "$T/tar-1r.xml" "$T/fixed.pol" > "$T/empty.dot"
expect_eq "nothing to draw: status" 0 $?
expect_eq "nothing to draw: counts" "0 0 0" "$(dot_counts "$T/empty.dot")"
# curl's may conflict: drawn dashed, and both conflicts agree with the text
check_dot "curl" 1 "$T/curl.xml" "$T/port.pol"
n=$("$V" --dot "$T/curl.xml" "$T/port.pol" |
    gvpr 'BEG_G { int d = 0; } E [style == "bold,dashed"] { d++; }
    END_G { print(d); }')
[ "$n" -ge 1 ] || fail "curl --dot: no dashed conflict path step"
# An AppArmor profile, through the same drawing
check_dot "tar vs netstat's profile" 1 "$T/tar-1.xml" \
    "$P/apparmor/extra-profiles/bin.netstat" -A "$P/apparmor/etc/apparmor.d"
# The goldens: a product counted by hand in tests/unit/test_verify.c (6
# product states, 6 moves, 4 on the paths, 1 that assumes; --dot draws the
# 5 path states, their 4 moves and the model's one other move from them,
# collapsed), with a program name that needs escaping; the output is the
# same bytes each run.
G="$TOP/tests/verify-dot"
golden_counts() {
	gvpr 'BEG_G { int r = 0, d = 0; } E [color == "red"] { r++; }
	    E [index(style, "dashed") >= 0] { d++; }
	    END_G { printf("%d %d %d %d\n", nNodes($G), nEdges($G), r, d); }' "$1"
}
"$V" --dot "$G/branches.xml" "$G/branches.pol" > "$T/b.dot"
expect_eq "golden: status" 1 $?
expect_file_eq "golden branches.dot" "$G/branches.dot" "$T/b.dot"
expect_eq "golden: nodes, edges, red, dashed" "6 5 4 2" "$(golden_counts "$T/b.dot")"
"$V" --dot=full "$G/branches.xml" "$G/branches.pol" > "$T/bf.dot"
expect_eq "golden full: status" 1 $?
expect_file_eq "golden branches-full.dot" "$G/branches-full.dot" "$T/bf.dot"
expect_eq "golden full: nodes, edges, red, dashed" "6 6 4 1" \
    "$(golden_counts "$T/bf.dot")"

# efsa-show of a policy: its rules' automata, minimised.  A rule "any* . E"
# compiles to three states (the start, after any call, accepting) of which
# the first two behave alike: two states and two transitions; the seed
# policy's "any* . (A || B)" compiles to four states, two accepting (with
# no moves: alike), and six transitions: two states, three transitions.
"$S" "$P/write-only-tmp.pol" > "$T/rules"
expect_eq "efsa-show policy: status" 0 $?
expect_eq "efsa-show policy: rules" 2 "$(grep -c '^rule ' "$T/rules")"
expect_eq "efsa-show policy: transitions" 4 "$(grep -c '^  q' "$T/rules")"
grep -q '^rule WriteOutsideTmp (a file written outside /tmp): 2 states, start q0, accepting q1$' "$T/rules" ||
    fail "efsa-show policy: $(head -n 1 "$T/rules")"
"$S" --dot "$P/seed-nonet.pol" > "$T/rules.dot"
expect_eq "efsa-show --dot policy: status" 0 $?
expect_eq "efsa-show --dot seed: states, accepting, transitions" "2 1 3" "$(gvpr '
    BEG_G { int q = 0, a = 0, t = 0; }
    N [shape != "point"] { q++; if (peripheries == "2") a++; }
    E [tail.shape != "point"] { t++; }
    END_G { printf("%d %d %d\n", q, a, t); }' "$T/rules.dot")"
"$S" - < "$P/no-remote-net.pol" > "$T/rules2"
expect_eq "efsa-show policy from stdin: rules" 3 "$(grep -c '^rule ' "$T/rules2")"
"$S" -A "$P/apparmor/etc/apparmor.d" "$P/apparmor/extra-profiles/bin.netstat" > "$T/rules3"
expect_eq "efsa-show profile: status" 0 $?
grep -q '^rule ReadNotAllowed ' "$T/rules3" || fail "efsa-show profile: no ReadNotAllowed"
expect_status "efsa-show -f json policy" 2 "$S" -f json "$P/seed-nonet.pol"
expect_status "efsa-show -m policy" 2 "$S" -m "$P/seed-nonet.pol"
printf 'any* . sockett(d)\n' > "$T/bad.pol"
"$S" "$T/bad.pol" > "$T/out" 2> "$T/err"
expect_eq "efsa-show bad policy: status" 2 $?
grep -q "^efsa-show: $T/bad.pol:1:8: unknown event 'sockett'" "$T/err" ||
    fail "efsa-show bad policy: $(cat "$T/err")"

# formats
for fmt in tsv json xml; do
	"$V" -f $fmt "$T/curl.xml" "$P/no-remote-net.pol" > "$T/out"
	expect_eq "-f $fmt: status" 1 $?
	grep -q RemoteConnect "$T/out" || fail "-f $fmt: no rule named"
done

# a limit cuts the walk, and says so
"$V" -l 3 "$T/tar-1r.xml" "$P/write-only-tmp.pol" > "$T/out"
grep -q '(cut by the limit)$' "$T/out" || fail "limit: $(tail -n 1 "$T/out")"

# trouble
expect_status "one argument" 2 "$V" "$T/tar-1.xml"
expect_status "a bad policy" 2 "$V" "$T/tar-1.xml" /dev/null
expect_status "a bad model" 2 "$V" "$P/seed-nonet.pol" "$P/seed-nonet.pol"
expect_status "--help" 0 "$V" --help
expect_status "--version" 0 "$V" --version
finish
