# Exec edges across process images (issue 11, deliverable 3), on the real
# runs of corpora/runs.  What is known independently: the exec edges of
# each log, computed by awk (tests/e2e/exec-edges.awk: which image each
# process was in when it ran execve), and the truth of property 5,
# runs-other-program, counted by corpora/runs/truth.sh.  Checked:
# - efsa-learn records exactly the exec edges of the runs it learns from
#   (tar: /usr/bin/tar runs /bin/sh, which runs /usr/bin/gzip);
# - the monitor (efsa-check -p) with corpora/policies/runs-only-PROG.pol
#   gives, on all 37 logs, the truth's verdict, count and first line; the
#   allow-list runs-exec-tar.pol the execs of programs not on its list;
# - efsa-verify's must conflicts on each program's model (runs 1-4) are
#   the monitor's violations on those runs, with no may; the verifier
#   walks into the images tar execs (a conflict only /bin/sh's image
#   makes, and one only gzip's makes, an ioctl, are found on tar's
#   model);
# - efsa-check -m reports an execve the model never learned (an edge the
#   learned runs lack), with its line, and none on a held-out normal run.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
R="$TOP/corpora/runs" P="$TOP/corpora/policies"
EDGES="$TOP/tests/e2e/exec-edges.awk"

# the exec edges a model file holds, "FROM -> TO", sorted
model_edges() {
	awk '/<model program="/ { p = $0; sub(/.*<model program="/, "", p)
		sub(/".*/, "", p) }
	/<exec image="/ { i = $0; sub(/.*<exec image="/, "", i)
		sub(/".*/, "", i); print p " -> " i }' "$1" | sort -u
}

# the same, from logs, by awk
log_edges() {
	for f in "$@"; do awk -f "$EDGES" "$f"; done |
	    awk -F '\t' '{ print $2 " -> " $3 }' | sort -u
}

for prog in tar gzip curl server; do
	"$L" -q -o "$T/$prog.xml" "$R/$prog-1.log" "$R/$prog-2.log" \
	    "$R/$prog-3.log" "$R/$prog-4.log" || fail "efsa-learn $prog"
	log_edges "$R/$prog-1.log" "$R/$prog-2.log" "$R/$prog-3.log" \
	    "$R/$prog-4.log" > "$T/$prog.want"
	model_edges "$T/$prog.xml" > "$T/$prog.got"
	expect_file_eq "exec edges of $prog" "$T/$prog.want" "$T/$prog.got"
done
printf '/bin/sh -> /usr/bin/gzip\n/usr/bin/tar -> /bin/sh\n' > "$T/tar.fixed"
expect_file_eq "tar's exec edges" "$T/tar.fixed" "$T/tar.got"
# a model file of version 2 reads back to the same edges
"$TOP/$BIN/efsa-show" -f xml "$T/tar.xml" > "$T/tar2.xml" ||
    fail "efsa-show -f xml tar"
model_edges "$T/tar2.xml" > "$T/tar2.got"
expect_file_eq "tar's exec edges, read back" "$T/tar.fixed" "$T/tar2.got"

# the monitor on every log: verdict, count and first line of the truth
nlogs=0
for f in "$R"/*.log; do
	log=$(basename "$f")
	prog=${log%%-*}
	want=$(awk -F '\t' -v l="$log" '$1 == l && $2 == "runs-other-program" \
	    { print $3 "\t" $4 }' "$R/truth.txt")
	[ -n "$want" ] || { fail "$log: not in truth.txt"; continue; }
	"$C" -f tsv -p "$P/runs-only-$prog.pol" "$f" > "$T/mon" 2>"$T/err"
	rc=$?
	n=$(($(wc -l < "$T/mon") - 1))
	first=$(awk -F '\t' 'NR == 2 { print $3 }' "$T/mon")
	[ "$n" -gt 0 ] || first=-
	expect_eq "$log: monitor count and first line" "$want" "$n	$first"
	if [ "${want%%	*}" -gt 0 ]; then
		expect_eq "$log: monitor status" 1 "$rc"
	else
		expect_eq "$log: monitor status" 0 "$rc"
	fi
	nlogs=$((nlogs + 1))
done
expect_eq "logs checked" 37 "$nlogs"

# the allow-list of tar: execs of programs not on it, by awk
for f in "$R"/tar-*.log; do
	want=$(awk -f "$EDGES" "$f" | awk -F '\t' '$3 != "/usr/bin/tar" &&
	    $3 != "/bin/sh" && $3 != "/usr/bin/gzip"' | wc -l)
	"$C" -f tsv -p "$P/runs-exec-tar.pol" "$f" > "$T/mon" 2>&1
	expect_eq "$(basename "$f"): runs-exec-tar violations" "$want" \
	    "$(($(wc -l < "$T/mon") - 1))"
done
awk -f "$EDGES" "$R/tar-anom-shell.log" | awk -F '\t' '$3 == "/usr/bin/sh" ||
    $3 == "/usr/bin/id" { n++ } END { exit n != 2 }' ||
    fail "tar-anom-shell: the oracle does not see /usr/bin/sh and /usr/bin/id"

# the verifier: must conflicts on the model of runs 1-4 iff the monitor
# found violations on those runs; never a may
for prog in tar gzip curl server; do
	viol=0
	for i in 1 2 3 4; do
		"$C" -p "$P/runs-only-$prog.pol" "$R/$prog-$i.log" \
		    >/dev/null 2>&1 && continue
		viol=$((viol + 1))
	done
	"$V" "$T/$prog.xml" "$P/runs-only-$prog.pol" > "$T/ver" 2>&1
	rc=$?
	sum=$(tail -n 1 "$T/ver")
	must=$(echo "$sum" | sed -n 's/.*(\([0-9]*\) must, \([0-9]*\) may).*/\1/p')
	may=$(echo "$sum" | sed -n 's/.*(\([0-9]*\) must, \([0-9]*\) may).*/\2/p')
	expect_eq "$prog: may conflicts" 0 "$may"
	[ "$prog" = tar ] && expect_eq "tar: monitor violations on runs 1-4" 4 "$viol"
	if [ "$viol" -gt 0 ]; then
		[ "${must:-0}" -gt 0 ] || fail "$prog: monitor violations on" \
		    "runs 1-4 ($viol) but no must conflict: $sum"
		expect_eq "$prog: verifier status" 1 "$rc"
	else
		expect_eq "$prog: must conflicts" 0 "$must"
		expect_eq "$prog: verifier status" 0 "$rc"
	fi
done
# one conflict per program tar execs, each ending in its execve, and the
# conflicts are tar's (the images it execs are verified inside it)
"$V" "$T/tar.xml" "$P/runs-only-tar.pol" > "$T/ver"
grep '^conflict' "$T/ver" | grep -v ': /usr/bin/tar: ' &&
    fail "a conflict not on tar's model"
for img in /bin/sh /usr/bin/gzip; do
	grep -q "execve (learned at .*); arg 0 {\"$img\"}" "$T/ver" ||
	    fail "no conflict ending in the execve of $img"
done
# the allow-list holds on tar's model; without /usr/bin/gzip on it, the
# exec that only /bin/sh's image makes is a must conflict of tar's model
"$V" "$T/tar.xml" "$P/runs-exec-tar.pol" > "$T/ver" 2>&1
expect_eq "tar vs runs-exec-tar: status" 0 $?
sed 's| *&& p != "/usr/bin/gzip"||' "$P/runs-exec-tar.pol" > "$T/nogz.pol"
grep -q gzip "$T/nogz.pol" && grep -q '/usr/bin/gzip"' "$T/nogz.pol" &&
    fail "nogz.pol still allows gzip"
"$V" "$T/tar.xml" "$T/nogz.pol" > "$T/ver" 2>&1
expect_eq "tar vs tar and sh only: status" 1 $?
expect_eq "tar vs tar and sh only" "1 conflicts (1 must, 0 may)" \
    "$(tail -n 1 "$T/ver" | sed 's/;.*//')"
grep -q "/usr/bin/tar: rule" "$T/ver" || fail "the gzip conflict is not tar's"
# a rule only gzip's image can break (in tar's runs, every ioctl is made
# by a process that exec'd /usr/bin/gzip, by grep) is a must conflict of
# tar's model, whose path goes through the execve of gzip
for i in 1 2 3 4; do
	grep '^[0-9]*  ioctl(' "$R/tar-$i.log" | cut -d ' ' -f 1 | sort -u |
	while read -r p; do
		grep -q "^$p  execve(\"/usr/bin/gzip\"" "$R/tar-$i.log" ||
		    echo "tar-$i.log: pid $p makes an ioctl and is not gzip"
	done
done > "$T/notgz"
[ -s "$T/notgz" ] && fail "$(cat "$T/notgz")"
[ "$(grep -c '^[0-9]*  ioctl(' "$R/tar-1.log")" -gt 0 ] || fail "no ioctl in tar-1"
printf 'rule Ioctl "an ioctl":\n    any* . ioctl(_, _);\n' > "$T/ioctl.pol"
"$V" "$T/tar.xml" "$T/ioctl.pol" > "$T/ver" 2>&1
expect_eq "tar vs ioctl: status" 1 $?
expect_eq "tar vs ioctl" "1 conflicts (1 must, 0 may)" \
    "$(tail -n 1 "$T/ver" | sed 's/;.*//')"
gzline=$(awk -f "$EDGES" "$R/tar-1.log" | awk -F '\t' '$3 == "/usr/bin/gzip" { print $1 }')
grep -q "^conflict 1: /usr/bin/tar: rule Ioctl" "$T/ver" || fail "ioctl: not tar's conflict"
grep -q " execve (learned at .*/tar-1.log:$gzline)\$" "$T/ver" ||
    fail "ioctl: the path does not go through gzip's execve (line $gzline)"

# efsa-check -m: a held-out normal tar run makes no exec deviation; in
# tar-anom-shell every execve along an edge the learned runs lack, from
# an image with a model, is an exec deviation at its line
"$C" -f tsv -m "$T/tar.xml" "$R/tar-5.log" > "$T/chk" 2>&1
expect_eq "tar-5: exec deviations" 0 "$(awk -F '\t' '$8 == "exec"' "$T/chk" | wc -l)"
"$C" -f tsv -m "$T/tar.xml" "$R/tar-anom-shell.log" > "$T/chk" 2>&1
expect_eq "tar-anom-shell: status" 1 $?
awk -f "$EDGES" "$R/tar-anom-shell.log" | while IFS='	' read -r line from to; do
	grep -qx "$from -> $to" "$T/tar.fixed" && continue
	grep -q "<model program=\"$from\"" "$T/tar.xml" || continue
	echo "$line"
done > "$T/want"
[ -s "$T/want" ] || fail "tar-anom-shell: no unlearned edge by awk"
awk -F '\t' '$8 == "exec" && $7 == "execve" { print $3 }' "$T/chk" > "$T/got0"
for l in $(cat "$T/want"); do
	grep -qx "$l" "$T/got0" || fail "tar-anom-shell:$l: unlearned execve not reported"
done
# the server with --cgi: its child execs a script no server run did
"$C" -f tsv -m "$T/server.xml" "$R/server-anom-cgi.log" > "$T/chk" 2>&1
want=$(awk -f "$EDGES" "$R/server-anom-cgi.log" | cut -f 1)
expect_eq "server-anom-cgi: exec deviation" "$want" \
    "$(awk -F '\t' '$8 == "exec" { print $3 }' "$T/chk")"

# a model file of curl and gzip, learned apart: a curl run that execs gzip
# deviates at its execve (curl was never learned to run gzip)
"$L" -q -o "$T/cg.xml" "$R/curl-1.log" "$R/curl-2.log" "$R/curl-3.log" \
    "$R/curl-4.log" "$R/gzip-1.log" "$R/gzip-2.log" "$R/gzip-3.log" \
    "$R/gzip-4.log" || fail "efsa-learn curl and gzip"
expect_eq "curl and gzip: no exec edge" "" "$(model_edges "$T/cg.xml")"
pid=$(awk 'NR == 1 { print $1 }' "$R/curl-5.log")
at=$(grep -n "^$pid  exit_group(" "$R/curl-5.log" | cut -d: -f1)
[ -n "$at" ] || fail "no exit_group of curl's main process"
{
	head -n $((at - 1)) "$R/curl-5.log"
	printf '%s  execve("/usr/bin/gzip", ["gzip", "-c", "x"], 0x7ffc0 /* 4 vars */) = 0\n' "$pid"
	gpid=$(awk 'NR == 1 { print $1 }' "$R/gzip-5.log")
	awk -v g="$gpid" -v p="$pid" 'NR > 1 && $1 == g { sub("^" g, p); print }' \
	    "$R/gzip-5.log"
} > "$T/curl-gzip.log"
"$C" -f tsv -m "$T/cg.xml" "$R/curl-5.log" > "$T/chk" 2>&1
expect_eq "curl-5: exec deviations" 0 "$(awk -F '\t' '$8 == "exec"' "$T/chk" | wc -l)"
"$C" -f tsv -m "$T/cg.xml" "$T/curl-gzip.log" > "$T/chk" 2>&1
expect_eq "curl execs gzip: status" 1 $?
expect_eq "curl execs gzip: the deviation" \
    "$at	/usr/bin/curl	execve	exec" \
    "$(awk -F '\t' '$8 == "exec" { print $3 "\t" $5 "\t" $7 "\t" $8 }' "$T/chk")"
# the same log, text: the call, its line and both images are named
"$C" -m "$T/cg.xml" "$T/curl-gzip.log" 2>&1 | grep -q \
    "curl-gzip.log:$at: pid $pid: execve runs \"/usr/bin/gzip\", which \"/usr/bin/curl\" was not learned to run" ||
    fail "curl execs gzip: text report"

finish
