# efsa-verify on models learned from corpora/runs (runs 1-4 of tar, gzip,
# curl and the server, issue 11): conditions decided from what the model
# learned, assumptions that name the argument and its learned set, and
# fixes that were checked before they were printed.  The monitor
# (efsa-check -p on the learning logs) says which pairs are clean.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
R="$TOP/corpora/runs"
AA="$TOP/corpora/policies/apparmor"

for p in tar gzip curl server; do
	"$L" -q -o "$T/$p.xml" "$R/$p-1.log" "$R/$p-2.log" "$R/$p-3.log" \
	    "$R/$p-4.log" || fail "$p: learning"
done

# 1. A policy whose pattern has alternatives: every learned name of a
# changed file is under /tmp (the logs ran in $T/work, and relative names
# are learned by the absolute names the logs' -y decorations place them
# at) or /dev, so no value the models learned can violate it.  Where the
# monitor finds every learning log clean, the verifier must find no
# conflict, must or may ("{out,/tmp,/dev}/**" decided over the learned
# names and prefixes).
cat > "$T/outside.pol" <<'POL'
rule WriteOutside "a file changed outside the work tree, /tmp and /dev":
    any* . (FileModifyOp(p) | !(p ~ "{out,/tmp,/dev}/**"));
POL
clean=0
for p in tar gzip curl server; do
	bad=0
	for i in 1 2 3 4; do
		"$C" -p "$T/outside.pol" "$R/$p-$i.log" > /dev/null
		[ $? -eq 0 ] || bad=$((bad + 1))
	done
	[ $bad -eq 0 ] || continue
	clean=$((clean + 1))
	"$V" "$T/$p.xml" "$T/outside.pol" > "$T/out"
	expect_eq "$p: clean pair, no conflict" \
	    "0 conflicts (0 must, 0 may)" "$(tail -n 1 "$T/out" | sed 's/;.*//')"
done
expect_eq "monitor-clean pairs of WriteOutside" 4 "$clean"
# the names the models learned for tar's creat and curl's write opens are
# under out/, as the logs spell them (grep: relative names only)
expect_eq "tar: creat names in the logs outside out/" 0 \
    "$(cat "$R"/tar-[1-4].log | grep -c ' creat("[^o]')"

# 2. The must conflict of "writes only under the home directory" on tar's
# model (its archive is learned by its absolute name, which the logs' -y
# decorations place under the work directory, out/...): the advice,
# applied with sed, makes that conflict disappear.
wd=$(sed -n 's/.*AT_FDCWD<\([^>]*\)>.*/\1/p' "$R/tar-1.log" | sed -n 1p)
cat > "$T/home.pol" <<'POL'
rule WriteOutsideHome "a file changed outside the home directory":
    any* . (FileModifyOp(p) | !(p ~ "/tmp/*/home/**"));
POL
"$V" "$T/tar.xml" "$T/home.pol" > "$T/out"
expect_eq "tar: status" 1 $?
grep -q 'rule WriteOutsideHome (a file changed outside the home directory): must$' "$T/out" ||
    fail "tar: no must WriteOutsideHome: $(head -n 1 "$T/out")"
grep -q "; arg 0 {\"$wd/out/\\*\" (covers 4)}" "$T/out" ||
    fail "tar: last step: $(grep creat "$T/out")"
clause=$(sed -n 's/^  to admit it: add "\(.*\)" to the condition of FileModifyOp(p) in rule WriteOutsideHome (checked: the conflict is gone with it)$/\1/p' "$T/out" | sed 's/\\"/"/g')
expect_eq "tar: the clause" "&& !(p ~ \"$wd/out/**\")" "$clause"
# (sed reads '&' in a replacement as the match: escaped)
esc=$(printf '%s' "$clause" | sed 's/[&|\\]/\\&/g')
sed "s|!(p ~ \"/tmp/\*/home/\*\*\")|& $esc|" "$T/home.pol" > "$T/fixed.pol"
grep -q 'out/\*\*' "$T/fixed.pol" || fail "tar: sed did not apply the clause"
expect_status "tar: with the fix, no conflict" 0 "$V" "$T/tar.xml" "$T/fixed.pol"

# curl runs itself: a must of an allow-list without it, fixed by "p !=".
cat > "$T/exec.pol" <<'POL'
rule ExecOther "a program not on the list":
    any* . (Exec(p) | p != "/usr/bin/tar" && p != "/bin/sh");
POL
"$V" "$T/curl.xml" "$T/exec.pol" > "$T/out"
clause=$(sed -n 's/^  to admit it: add "\(.*\)" to the condition of Exec(p) in rule ExecOther (checked: the conflict is gone with it)$/\1/p' "$T/out" | sed 's/\\"/"/g')
expect_eq "curl: the clause" '&& p != "/usr/bin/curl"' "$clause"
esc=$(printf '%s' "$clause" | sed 's/[&|\\]/\\&/g')
sed "s|p != \"/bin/sh\"|& $esc|" "$T/exec.pol" > "$T/fixed.pol"
expect_status "curl: with the fix, no conflict" 0 "$V" "$T/curl.xml" "$T/fixed.pol"

# 3. Every advice is checked or says there is none, and none excludes
# every name; an AppArmor fix applied to a copy of the profile admits it.
for p in tar gzip curl server; do
	"$V" -A "$AA/etc/apparmor.d" "$T/$p.xml" \
	    "$AA/extra-profiles/bin.netstat" > "$T/aa-$p"
	"$V" "$T/$p.xml" "$TOP/corpora/policies/write-only-tmp.pol" >> "$T/aa-$p"
	expect_eq "$p: advice neither checked nor refused" "" \
	    "$(grep '^  to admit it: ' "$T/aa-$p" | grep -v '(checked: the conflict is gone with it)$' | grep -v ': no checked fix')"
	expect_eq "$p: advice that excludes every name" "" \
	    "$(grep -E '"\*\*? [a-z]+,|~ \\"\*\*?\\"|~ \\"/\*\*?\\"' "$T/aa-$p")"
done
rule=$(sed -n 's/^  to admit it: add the rule "\(\/usr\/bin\/tar ix,\)" to the profile (checked.*/\1/p' "$T/aa-tar")
expect_eq "tar: AppArmor fix" "/usr/bin/tar ix," "$rule"
sed "s|^}|  $rule\n}|" "$AA/extra-profiles/bin.netstat" > "$T/netstat"
"$V" -A "$AA/etc/apparmor.d" "$T/tar.xml" "$T/netstat" > "$T/out"
# the image each ExecNotAllowed conflict executes: its last execve step
# (the walk follows tar's exec edges, so /bin/sh's and gzip's execs are
# conflicts of tar's model too)
execs() {
	awk '/^conflict / { r = /rule ExecNotAllowed/ }
	    r && /^    s[0-9]+ -> s[0-9]+ execve .*arg 0 \{/ {
		sub(/.*arg 0 \{/, ""); sub(/\}.*/, ""); print }' "$1" | sort -u
}
"$V" -A "$AA/etc/apparmor.d" "$T/tar.xml" "$AA/extra-profiles/bin.netstat" \
    > "$T/before"
expect_eq "tar: without the rule, tar's own exec is a conflict" '"/usr/bin/tar"' \
    "$(execs "$T/before" | grep -x '"/usr/bin/tar"')"
expect_eq "tar: with the rule, no ExecNotAllowed of tar" "" \
    "$(execs "$T/out" | grep -x '"/usr/bin/tar"')"
expect_eq "tar: the other images' exec conflicts stay" '"/bin/sh"' \
    "$(execs "$T/out" | grep -x '"/bin/sh"')"

# 4. What the model learned of an address decides it: the server's sendto
# names none (NULL in every call: <absent arg="4"/>), so "a datagram that
# is not local" is no conflict, as the monitor finds none; a may names
# the argument and what was learned of it (a port: not learned).
expect_eq "server: sendto's address learned absent" 2 \
    "$(grep -A6 'call="sendto"' "$T/server.xml" | grep -c '<absent arg="4"/>')"
"$V" "$T/server.xml" "$TOP/corpora/policies/no-remote-net.pol" > "$T/out"
grep -q 'RemoteSend' "$T/out" &&
    fail "server: RemoteSend: $(grep -A3 RemoteSend "$T/out")"
cat > "$T/port.pol" <<'EOF'
rule LowPort "a connection to a port below 1024":
    any* . (NetConnect(a) | a.port < 1024);
EOF
"$V" "$T/curl.xml" "$T/port.pol" > "$T/out"
grep -q '^  assumed: NetConnect(a) at connect (s[0-9]* -> s[0-9]*): a.port < 1024 is not decided: a (arg 1 of connect) was learned as addresses of {AF_INET} with IPs in {127.0.0.1}$' "$T/out" ||
    fail "curl: assumption: $(grep assumed "$T/out")"
finish
