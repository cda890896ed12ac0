# Learning by the names the log places (issue 11, deliverable 5): a
# relative path is learned by the absolute name its -y decorations and the
# working directory give it, as the monitor sees it; a log without -y
# checked against such a model takes a relative name it cannot place as
# an assumption where some directory would make it a learned name, and
# as a deviation where none would.  Facts from the logs by sed and grep.
. "$(dirname "$0")/../lib.sh"
L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" ;; esac
R=corpora/runs

for p in tar gzip; do
	"$L" -q -o "$T/$p.xml" $R/$p-1.log $R/$p-2.log $R/$p-3.log $R/$p-4.log ||
	    fail "$p: efsa-learn"
done
wd=$(sed -n 's/.*AT_FDCWD<\([^>]*\)>.*/\1/p' $R/tar-1.log | sed -n 1p)
[ -n "$wd" ] || fail "no working directory in tar-1.log"
# tar creat()s out/NAME (relative, by grep): learned under $wd/out/
expect_eq "tar: creat names relative in the logs" 4 \
    "$(cat $R/tar-[1-4].log | grep -c ' creat("out/')"
grep -A2 'call="creat"' "$T/tar.xml" | grep -q "<prefix covers=\"4\">$wd/out/</prefix>" ||
    fail "tar: the archive is not learned under $wd/out/"
grep -q '<string>out/' "$T/tar.xml" && fail "tar: a relative archive name learned"

# the same logs without -y (the decorations removed by sed, lines kept)
noy() { sed 's/\(AT_FDCWD\|[0-9]\)<[^>]*>/\1/g' "$1" > "$2"; }
noy $R/gzip-5.log "$T/g5.log"
grep -q 'AT_FDCWD<' "$T/g5.log" && fail "gzip-5 without -y: a decoration left"
"$C" -m "$T/gzip.xml" "$T/g5.log" > "$T/out"
expect_eq "gzip-5 without -y: status" 0 $?
# its relative openat names (from AT_FDCWD or a dirfd), by grep, are each
# one assumption at its line
want=$(grep -n 'openat([A-Z_0-9]*, "[^/"]' "$T/g5.log" | cut -d: -f1 | tr '\n' ' ')
got=$(sed -n 's/^[^:]*:\([0-9]*\): pid [0-9]*: assumption: openat is allowed assuming that argument 1, the relative name .*which the log does not place.*/\1/p' "$T/out" | tr '\n' ' ')
expect_eq "gzip-5 without -y: assumptions at the relative opens" "$want" "$got"
[ -n "$want" ] || fail "gzip-5: no relative open found"
# ../../../etc/ ends in etc, which no learned name does: a deviation
noy $R/gzip-anom-passwd.log "$T/gp.log"
"$C" -m "$T/gzip.xml" "$T/gp.log" > "$T/out"
expect_eq "gzip-anom-passwd without -y: status" 1 $?
line=$(grep -n '"\.\./\.\./\.\./etc/"' "$T/gp.log" | cut -d: -f1)
grep -q "^$T/gp.log:$line: pid [0-9]*: argument 1 of openat is \"../../../etc/\", not one learned" "$T/out" ||
    fail "gzip-anom-passwd without -y: line $line not a deviation: $(head -n 2 "$T/out")"
# with -y it deviates on the placed names
"$C" -m "$T/gzip.xml" $R/gzip-anom-passwd.log > "$T/out"
expect_eq "gzip-anom-passwd: status" 1 $?
grep -q 'argument 1 of openat is "/etc/passwd", not one learned' "$T/out" ||
    fail "gzip-anom-passwd: /etc/passwd not named: $(head -n 2 "$T/out")"
finish
