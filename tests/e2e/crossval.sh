# efsa-learn --cross-validate lists, per fold, the held-out runs and each
# deviating call with its log file:line and reason, in text and JSON, as
# efsa-check prints deviations (issue 11, deliverable 8).  On the real runs
# of corpora/runs: five normal gzip runs and gzip's overwrite anomaly
# (corpora/runs/README.md), whose unlink of the existing keep.txt.gz no
# normal run makes.  Lines are checked against grep and awk on the logs.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn"
C="$TOP/$BIN/efsa-check"
case $BIN in /*) L="$BIN/efsa-learn" C="$BIN/efsa-check" ;; esac
R=corpora/runs
A=$R/gzip-anom-overwrite.log
set -- $R/gzip-1.log $R/gzip-2.log $R/gzip-3.log $R/gzip-4.log $R/gzip-5.log "$A"

# Leave one out: six folds, fold i holds run i.
"$L" -x 6 "$@" > "$T/out"
expect_eq "leave-one-out: status (the anomaly deviates)" 1 $?
i=1
for run in "$@"; do
	expect_eq "fold $i: held out" "fold $i: held out $run" \
	    "$(grep "^fold $i: held out" "$T/out")"
	i=$((i + 1))
done
# the normal runs conform: no deviation line names them
for run in $R/gzip-1.log $R/gzip-2.log $R/gzip-3.log $R/gzip-4.log $R/gzip-5.log; do
	grep -q "^$run:[0-9]" "$T/out" && fail "$run: a deviation: $(grep "^$run:[0-9]" "$T/out" | head -n 1)"
	grep -q "^$run: fold [0-9]*: [0-9]* calls, 0 deviations" "$T/out" ||
	    fail "$run: not 0 deviations"
done
# the anomaly's unlink is listed at its line, with its pid, both from the log
n=$(grep -n 'unlink("keep.txt.gz")' "$A" | cut -d: -f1)
pid=$(sed -n "${n}p" "$A" | awk '{ print $1 }')
[ -n "$n" ] && [ -n "$pid" ] || fail "no unlink in $A"
grep -q "^$A:$n: pid $pid: unlink " "$T/out" ||
    fail "the unlink at $A:$n is not listed: $(grep -c "^$A:" "$T/out") lines for the anomaly"
# the deviation lines of the anomaly are efsa-check's, for the model of the
# other five runs (fold 6)
"$L" -o "$T/m.xml" $R/gzip-1.log $R/gzip-2.log $R/gzip-3.log $R/gzip-4.log $R/gzip-5.log
"$C" -m "$T/m.xml" "$A" | grep "^$A:[0-9]" > "$T/check"
grep "^$A:[0-9]" "$T/out" > "$T/listed"
expect_file_eq "fold 6 lists what efsa-check reports" "$T/check" "$T/listed"
# the summary of the anomaly counts its deviation lines (not assumptions)
d=$(grep "^$A:[0-9]*: pid [0-9]*: " "$T/out" | grep -vc ": assumption: ")
[ "$d" -gt 0 ] || fail "anomaly: no deviation listed"
grep -q "^$A: fold 6: [0-9]* calls, $d deviations" "$T/out" ||
    fail "anomaly summary: $(grep "^$A: fold" "$T/out")"

# Three folds: run i is in fold i mod 3 + 1, two runs a fold.
"$L" -x 3 "$@" > "$T/out3"
expect_eq "three folds: status" 1 $?
expect_eq "three folds: fold 1" "fold 1: held out $R/gzip-1.log, $R/gzip-4.log" \
    "$(grep '^fold 1:' "$T/out3")"
expect_eq "three folds: fold 3" "fold 3: held out $R/gzip-3.log, $A" \
    "$(grep '^fold 3:' "$T/out3")"
grep -q "^$A:$n: pid $pid: unlink " "$T/out3" ||
    fail "three folds: the unlink at $A:$n is not listed"

# JSON: the same folds and deviations; each deviation's line in its file
# is a call of the name it gives (awk reads the line of the log).
"$L" -x 6 -f json "$@" > "$T/json"
expect_eq "json: status" 1 $?
if command -v jq > /dev/null 2>&1; then
	expect_eq "json: held out" "$*" \
	    "$(jq -r '[.held_out[].runs[]] | join(" ")' "$T/json")"
	expect_eq "json: deviations = text" "$d" \
	    "$(jq "[.runs[] | select(.run == \"$A\") | .deviations[]] | length" "$T/json")"
	expect_eq "json: total" "$d" "$(jq .deviations "$T/json")"
	expect_eq "json: the unlink" "$n $pid unlink" \
	    "$(jq -r '.runs[].deviations[] | select(.call == "unlink") | "\(.line) \(.pid) \(.call)"' "$T/json")"
	jq -r '.runs[].deviations[] | "\(.file) \(.line) \(.call)"' "$T/json" |
	while read -r f l c; do
		awk -v l="$l" -v c="$c" 'NR == l { exit !(index($0, " " c "(") > 0) }' "$f" ||
		    echo "$f:$l is not a call of $c"
	done > "$T/bad"
	[ -s "$T/bad" ] && fail "json lines: $(head -n 3 "$T/bad")"
	expect_eq "json: normal runs conform" "true true true true true false" \
	    "$(jq -r '[.runs[].conforms | tostring] | join(" ")' "$T/json")"
fi
finish
