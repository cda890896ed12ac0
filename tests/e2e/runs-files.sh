# Scopes and the state of files (issue 11, deliverable 6).  The monitor's
# verdicts with corpora/policies/runs-bytes.pol (at most 1 MiB written by
# the whole run: counters of scope run) and runs-overwrite.pol (never
# overwrites or deletes a file that existed before the run: existed()) on
# every log of corpora/runs equal truth.txt, which truth.sh counted with
# awk: violated iff the count is above 0, at the same first line.  Then
# small logs written here, whose truth is plain from their text: scope run
# against scope process, and the traps of existence (an O_TRUNC open of a
# new file is no overwrite; unlink then O_EXCL create is a deletion).
. "$(dirname "$0")/../lib.sh"
CHECK="$TOP/$BIN/efsa-check"
case $BIN in /*) CHECK="$BIN/efsa-check" ;; esac
R=corpora/runs
P=corpora/policies

# verdict POLICY PROPERTY: "log<TAB>property<TAB>violated<TAB>first-line"
# for every log, from the monitor's TSV (sorted by line within a log)
verdicts() {
	for f in $R/*.log; do
		"$CHECK" -q -e $R/existed.txt -f tsv -p "$1" "$f" > "$T/v.tsv"
		rc=$?
		[ $rc -le 1 ] || fail "$f: $1: exit $rc"
		awk -F'\t' -v lg="${f##*/}" -v prop="$2" -v rc=$rc '
		    NR > 1 && (first == "" || $3 + 0 < first + 0) { first = $3 }
		    END { print lg "\t" prop "\t" (first != "") "\t" \
			(first != "" ? first : "-")
			if ((first != "") != (rc == 1)) print "exit " rc " for " lg }' \
		    "$T/v.tsv"
	done
}

for pair in runs-bytes.pol:bytes-over-1mib runs-overwrite.pol:overwrites-existing; do
	pol=${pair%%:*} prop=${pair#*:}
	verdicts "$P/$pol" "$prop" > "$T/got"
	awk -F'\t' -v prop="$prop" '$2 == prop {
	    print $1 "\t" $2 "\t" ($3 > 0) "\t" $4 }' $R/truth.txt > "$T/want"
	expect_eq "$prop: 37 logs in the truth" 37 "$(wc -l < "$T/want" | tr -d ' ')"
	expect_file_eq "$prop: the monitor's verdicts against truth.txt" \
	    "$T/want" "$T/got"
	expect_eq "$prop: some log violates" 1 \
	    "$(awk -F'\t' '$3 == 1 { n++ } END { print (n > 0) }' "$T/want")"
done

# runs-bytes reports the crossing call once, with the run's total
"$CHECK" -e $R/existed.txt -p $P/runs-bytes.pol $R/curl-anom-large.log > "$T/out"
expect_eq "runs-bytes: one violation on curl-anom-large" 1 \
    "$(grep -c 'rule LimitRunBytes' "$T/out")"

# Without the list of what existed, every name the trace never showed made
# counts as existing: curl's O_TRUNC open of its new output is reported
# (tar's is not: its newfstatat saw the name missing first).
"$CHECK" -p $P/runs-overwrite.pol $R/curl-1.log > "$T/out"
expect_eq "no --existed: curl-1 reported" 1 $?
# ... and the report says the verdict rests on that assumption, naming the
# file (the open at line 414, by hand: grep -n 'greeting.txt.*O_TRUNC')
expect_eq "no --existed: curl-1's assumption named" 1 \
    "$(grep -c '^corpora/runs/curl-1.log:414: pid [0-9]*: assumption: "/tmp/runs[.][A-Za-z0-9]*/work/out/greeting.txt" taken to have existed' "$T/out")"
"$CHECK" -e $R/existed.txt -p $P/runs-overwrite.pol $R/curl-anom-overwrite.log > "$T/out"
expect_eq "with --existed: curl-anom-overwrite reported" 1 $?
expect_eq "with --existed: nothing assumed" 0 "$(grep -c 'assumption:' "$T/out")"
"$CHECK" -p $P/runs-overwrite.pol $R/tar-1.log > "$T/out"
expect_eq "no --existed: tar-1 (stat ENOENT, then creat) clean" 0 $?

# Scope run against scope process: two processes each write 600000 bytes;
# together 1200000 > 1048576 (the second write crosses), apart neither.
cat > "$T/two.log" <<'EOF'
100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD) = 101
101 write(1</tmp/a>, "x"..., 600000) = 600000
100 write(1</tmp/a>, "y"..., 600000) = 600000
101 exit_group(0) = ?
101 +++ exited with 0 +++
100 exit_group(0) = ?
100 +++ exited with 0 +++
EOF
"$CHECK" -p $P/runs-bytes.pol "$T/two.log" > "$T/out"
expect_eq "scope run: two processes cross 1 MiB together" 1 $?
expect_eq "scope run: at the second write" "$T/two.log:3: pid 100" \
    "$(grep -o '^[^:]*:[0-9]*: pid [0-9]*' "$T/out")"
sed 's/scope run;/scope process;/' $P/runs-bytes.pol > "$T/proc.pol"
"$CHECK" -p "$T/proc.pol" "$T/two.log" > "$T/out"
expect_eq "scope process: neither process crosses 1 MiB" 0 $?
sed '/scope run;/d' $P/runs-bytes.pol > "$T/default.pol"
"$CHECK" -p "$T/default.pol" "$T/two.log" > "$T/out"
expect_eq "no scope: per process, as before" 0 $?

# The traps, on names the trace shows: the expected lines are those the
# comments name.
cat > "$T/traps.log" <<'EOF'
200 newfstatat(AT_FDCWD, "/w/new.txt", 0x7ffd, 0) = -1 ENOENT (No such file or directory)
200 openat(AT_FDCWD, "/w/new.txt", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</w/new.txt>
200 openat(AT_FDCWD, "/w/new.txt", O_WRONLY|O_TRUNC) = 3</w/new.txt>
200 unlink("/w/new.txt") = 0
200 openat(AT_FDCWD, "/w/keep.gz", O_WRONLY|O_CREAT|O_EXCL, 0600) = -1 EEXIST (File exists)
200 unlink("/w/keep.gz") = 0
200 openat(AT_FDCWD, "/w/keep.gz", O_WRONLY|O_CREAT|O_EXCL, 0600) = 4</w/keep.gz>
200 openat(AT_FDCWD, "/w/keep.gz", O_WRONLY|O_TRUNC) = 4</w/keep.gz>
200 openat(AT_FDCWD, "/w/tmp.part", O_WRONLY|O_CREAT|O_EXCL, 0600) = 5</w/tmp.part>
200 rename("/w/tmp.part", "/w/old.conf") = 0
200 openat(AT_FDCWD, "/w/old.conf", O_WRONLY|O_TRUNC) = 5</w/old.conf>
200 truncate("/w/gone", 0) = -1 ENOENT (No such file or directory)
200 openat(AT_FDCWD, "/w/gone", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 6</w/gone>
200 exit_group(0) = ?
200 +++ exited with 0 +++
EOF
# line 6: the unlink of keep.gz, which existed (EEXIST); line 10: the
# rename onto old.conf, never shown made.  Lines 2-4 (a new file), 8
# (keep.gz made again), 11 (old.conf now the run's) and 13 (gone was seen
# missing) are not violations.
"$CHECK" -f tsv -p $P/runs-overwrite.pol "$T/traps.log" > "$T/out"
expect_eq "traps: exit" 1 $?
expect_eq "traps: the violations" "6 DeleteExisting
10 Overwrite" "$(awk -F'\t' 'NR > 1 { print $3, $6 }' "$T/out")"

# created(): the run's own files, and a list of what existed, in the form
# of existed.txt, with a root under which unlisted names did not exist.
cat > "$T/created.pol" <<'EOF'
rule Own "writes a file the run made": any* . FileWriteOp(p) | created(p);
EOF
"$CHECK" -f tsv -p "$T/created.pol" "$T/traps.log" > "$T/out"
expect_eq "created: the O_TRUNC opens of files the run made" "3 8 11" \
    "$(awk -F'\t' 'NR > 1 { printf "%s%s", s, $3; s = " " }' "$T/out")"
printf 'root\t/w\ntraps.log\t/w/old.conf\nother.log\t/w/new.txt\n' > "$T/existed"
printf '200 openat(AT_FDCWD, "/w/new.txt", O_WRONLY|O_TRUNC) = 3</w/new.txt>\n200 openat(AT_FDCWD, "/w/old.conf", O_WRONLY|O_TRUNC) = 3</w/old.conf>\n200 openat(AT_FDCWD, "/etc/motd", O_WRONLY|O_TRUNC) = 3</etc/motd>\n' > "$T/traps.log"
"$CHECK" -f tsv -e "$T/existed" -p $P/runs-overwrite.pol "$T/traps.log" > "$T/out"
expect_eq "--existed: listed for this log, and outside the root" "2 3" \
    "$(awk -F'\t' 'NR > 1 { printf "%s%s", s, $3; s = " " }' "$T/out")"

# A malformed list is trouble, with its place
printf 'root\t/w\nrelative/name\n' > "$T/bad"
"$CHECK" -e "$T/bad" -p $P/runs-overwrite.pol "$T/traps.log" > /dev/null 2> "$T/err"
expect_eq "bad list: exit" 2 $?
expect_eq "bad list: place" "efsa-check: $T/bad:2:1: expected an absolute name, found 'relative/name'" \
    "$(cat "$T/err")"
# and a policy that asks no file's state does not read it
"$CHECK" -e "$T/bad" -p $P/runs-bytes.pol "$T/traps.log" > /dev/null 2>&1
expect_eq "bad list, unused: exit" 0 $?

# Mistakes in the new clauses are errors with their place
printf 'stateblock B:\n    scope sideways;\n    addfield n = 0;\n' > "$T/scope.pol"
"$CHECK" -p "$T/scope.pol" "$T/traps.log" > /dev/null 2> "$T/err"
expect_eq "scope sideways: exit" 2 $?
expect_eq "scope sideways: place" "efsa-check: $T/scope.pol:2:11: expected 'run' or 'process', found name 'sideways'" \
    "$(cat "$T/err")"
printf 'stateblock B:\n    scope run;\n    scope process;\n    addfield n = 0;\n' > "$T/scope2.pol"
"$CHECK" -p "$T/scope2.pol" "$T/traps.log" > /dev/null 2> "$T/err"
expect_eq "scope twice: place" "efsa-check: $T/scope2.pol:3:5: the stateblock's scope is given twice" \
    "$(cat "$T/err")"
printf 'rule R: any* . FileWriteOp(p) | existed(p;\n' > "$T/pred.pol"
"$CHECK" -p "$T/pred.pol" "$T/traps.log" > /dev/null 2> "$T/err"
expect_eq "existed(p;: exit" 2 $?
expect_eq "existed(p;: place" "efsa-check: $T/pred.pol:1:42: expected ')', found ';'" \
    "$(cat "$T/err")"

finish
