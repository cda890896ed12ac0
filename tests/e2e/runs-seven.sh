# The seven properties of corpora/runs (README.md there), written with the
# built-in events only in corpora/policies/runs-*.pol, on the model of each
# program's learning runs (1-4), against the truth truth.sh counted with
# awk (truth.txt):
# - the monitor (efsa-check -e existed.txt) finds a violation on a
#   learning run exactly when the truth counts one;
# - the verifier's must conflicts on the model: none where no learning
#   run violates, and as many as each run's violations where every run
#   has the same count (tar's /bin/sh and gzip);
# - a may conflict only where the model really leaves the event open,
#   each with the assumption that says why (the list below, one reason a
#   pair), and every assumption printable text.
. "$(dirname "$0")/../lib.sh"
L="$TOP/$BIN/efsa-learn" C="$TOP/$BIN/efsa-check" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" V="$BIN/efsa-verify" ;; esac
R=corpora/runs
P=corpora/policies

# The mays the models leave, "program policy" and a pattern of their
# assumption: counters widened on a write loop (a model has loops, so any
# total), files whose state a model does not keep, and curl's
# openat that mixes the failed /root/.curlrc with opens elsewhere.
may_reason() {
	case "$1 $2" in
	*" bytes") echo 'widened on a loop' ;;
	"tar overwrite") echo 'a model keeps no state of files' ;;
	"curl overwrite") echo 'a model keeps no state of files' ;;
	"curl root") echo 'the condition holds for p = {"/root/[.]curlrc"}' ;;
	*) echo '' ;;
	esac
}

table=
for p in tar gzip curl server; do
	"$L" -q -o "$T/$p.xml" $R/$p-1.log $R/$p-2.log $R/$p-3.log $R/$p-4.log ||
	    { fail "$p: efsa-learn"; continue; }
	for pair in outside-tmp:writes-outside-tmp loopback:non-loopback \
	    bytes:bytes-over-1mib overwrite:overwrites-existing \
	    only-$p:runs-other-program root:opens-under-root listen:listens; do
		pol=${pair%%:*} prop=${pair#*:}
		f=$P/runs-$pol.pol
		[ -f "$f" ] || { fail "$f missing"; continue; }
		# truth: how many learning runs violate, and their counts
		counts=$(awk -F'\t' -v p="$p" -v prop="$prop" '
		    $2 == prop && $1 ~ "^" p "-[1-4][.]log$" { print $3 }' \
		    $R/truth.txt | sort -u | tr '\n' ' ')
		truth=$(awk -F'\t' -v p="$p" -v prop="$prop" '
		    $2 == prop && $1 ~ "^" p "-[1-4][.]log$" && $3 > 0 { n++ }
		    END { print n + 0 }' $R/truth.txt)
		mon=0
		for i in 1 2 3 4; do
			"$C" -q -e $R/existed.txt -p "$f" $R/$p-$i.log > /dev/null
			rc=$?
			[ $rc -le 1 ] || fail "$p $pol: efsa-check exit $rc"
			[ $rc = 1 ] && mon=$((mon + 1))
		done
		expect_eq "$p $pol: learning runs the monitor finds violating" \
		    "$truth" "$mon"
		"$V" "$T/$p.xml" "$f" > "$T/v"
		rc=$?
		[ $rc -le 1 ] || fail "$p $pol: efsa-verify exit $rc"
		must=$(grep -c ': must$' "$T/v")
		may=$(grep -c ': may$' "$T/v")
		case $p,$pol,$truth,$counts in
		*,*,0,*) expect_eq "$p $pol: must conflicts, no run violates" 0 "$must" ;;
		*,*,4,*[!\ ]*\ *[!\ ]*) fail "$p $pol: the runs' counts differ: $counts" ;;
		*,*,4,*) expect_eq "$p $pol: must conflicts, each run violates ${counts% }" \
			"${counts% }" "$must" ;;
		*) fail "$p $pol: $truth of 4 learning runs violate (the corpus has none such)" ;;
		esac
		why=$(may_reason "$p" "$pol")
		if [ "$may" -gt 0 ]; then
			if [ -z "$why" ]; then
				fail "$p $pol: $may may conflicts no reason explains: $(grep '^  assumed' "$T/v" | head -n 2)"
			else
				n=$(grep '^  assumed: ' "$T/v" | grep -c -e "$why")
				expect_eq "$p $pol: mays with their reason" "$may" "$n"
			fi
		elif [ -n "$why" ]; then
			# a may the list expects is gone: the list is out of date
			fail "$p $pol: no may conflict, the list expects one ($why)"
		fi
		grep '^  assumed: ' "$T/v" | grep -q '\\x' &&
		    fail "$p $pol: an assumption that is not text: $(grep -m1 '\\x' "$T/v" | cut -c1-120)"
		table="$table$p	$pol	$truth	$must	$may
"
	done
done
printf 'program\tpolicy\truns violating (of 4)\tmust\tmay\n%s' "$table"
finish
