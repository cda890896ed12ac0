# tracemine match: the fingerprints solve finds for the seed's X server
# runs (corpora/fingerprints), matched against a run that is not one of
# them and against the runs themselves, from each format solve writes;
# then, on traces made here whose truth is known by construction, many
# traces in one call, --min-fraction, --labels and its score, parts of a
# long trace, and the normalisation the fingerprints file records.
. "$(dirname "$0")/../lib.sh"

F=corpora/fingerprints
"$TM" solve -f xml $F/xserver.labels > "$T/fp.xml"
"$TM" solve $F/xserver.labels > "$T/fp.txt"
"$TM" solve -f tsv $F/xserver.labels > "$T/fp.tsv"
"$TM" solve -f json $F/xserver.labels > "$T/fp.json"

# Typing: Input_Event's two accesses, KeyPress on lines 7, 8 and 12;
# nothing of Create or Destroy; Map's dispatch but not its mapping.
"$TM" match "$T/fp.xml" $F/type_in_xterm.trace > "$T/out"
expect_eq "typing: status (as grep: found)" 0 $?
grep -v '^	' "$T/out" > "$T/heads"
cat > "$T/want" <<EOF2
trace $F/type_in_xterm.trace: Input_Event
Create not performed: 0 of 2 accesses (fraction 0.00)
Destroy not performed: 0 of 4 accesses (fraction 0.00) (solve said: inseparable)
Input_Event performed: 2 of 2 accesses (fraction 1.00)
Map not performed: 2 of 4 accesses (fraction 0.50)
Unmap not performed: 0 of 4 accesses (fraction 0.00) (solve said: inseparable)
EOF2
expect_file_eq "typing" "$T/want" "$T/heads"
sed -n '/^Input_Event/,/^Map/p' "$T/out" | grep '^	' > "$T/acc"
printf '\tCmp xEvent->type == KeyPress\t%s:7 %s:8 %s:12\n\tCmp xEvent->type == MotionNotify\t%s:10\n' \
    $F/type_in_xterm.trace $F/type_in_xterm.trace $F/type_in_xterm.trace $F/type_in_xterm.trace > "$T/want"
expect_file_eq "typing: where" "$T/want" "$T/acc"
expect_eq "typing: Map's missing access" "	Set Window->mapped True	-" "$(sed -n '/^Map/,/^Unmap/p' "$T/out" | grep -- '	-$' | head -n 1)"

# From every other format solve writes: the same answer.
for f in txt tsv json; do
	"$TM" match "$T/fp.$f" $F/type_in_xterm.trace > "$T/out2"
	expect_file_eq "$f fingerprints = xml fingerprints" "$T/out" "$T/out2"
done

# Each labelled run performs exactly the operations of its labels that
# have a fingerprint that excludes the others: open_xterm Create and Map,
# move_xterm Input_Event and Map, open_browser all five; all in one call.
"$TM" match "$T/fp.xml" $F/open_xterm.trace $F/move_xterm.trace \
    $F/open_browser.trace | grep '^trace ' > "$T/got"
cat > "$T/want" <<EOF2
trace $F/open_xterm.trace: Create Map
trace $F/move_xterm.trace: Input_Event Map
trace $F/open_browser.trace: Create Destroy Map Unmap
EOF2
expect_file_eq "three runs in one call" "$T/want" "$T/got"

# A trace that performs nothing: exit 1, as grep.
printf 'Read Other->x\n' > "$T/other.trace"
expect_status "nothing performed" 1 "$TM" match "$T/fp.xml" "$T/other.trace"
expect_status "something in one of two" 0 "$TM" match "$T/fp.xml" "$T/other.trace" $F/open_xterm.trace

# Formats.
"$TM" match -f json "$T/fp.xml" $F/type_in_xterm.trace "$T/other.trace" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["min_fraction"] == 1 and len(d["traces"]) == 2, d
ops = {o["label"]: o for o in d["traces"][0]["operations"]}
i = ops["Input_Event"]
assert i["performed"] and i["found"] == 2 and i["total"] == 2, i
assert [w["line"] for w in i["accesses"][0]["where"]] == [7, 8, 12], i
assert not ops["Map"]["performed"] and ops["Map"]["found"] == 2
assert ops["Map"]["fraction"] == 0.5
assert not any(o["performed"] for o in d["traces"][1]["operations"])
assert "score" not in d
' || fail "match json"
"$TM" match -f xml "$T/fp.xml" $F/type_in_xterm.trace | python3 -c '
import sys, xml.dom.minidom as m
d = m.parse(sys.stdin)
t = d.getElementsByTagName("trace")
assert len(t) == 1 and t[0].getAttribute("name").endswith("type_in_xterm.trace")
ops = {o.getAttribute("label"): o for o in d.getElementsByTagName("operation")}
assert ops["Input_Event"].getAttribute("performed") == "true"
assert ops["Map"].getAttribute("fraction") == "0.5000"
at = ops["Input_Event"].getElementsByTagName("access")[0].getElementsByTagName("at")
assert [a.getAttribute("line") for a in at] == ["7", "8", "12"]
' || fail "match xml"
"$TM" match -f tsv "$T/fp.xml" $F/type_in_xterm.trace > "$T/out"
expect_eq "match tsv: KeyPress rows" 3 "$(grep -c 'KeyPress' "$T/out")"
expect_eq "match tsv: header" "trace	label	performed	found	total	fraction	access	file	line" "$(head -n 1 "$T/out")"

# --- Traces made here: what each holds is known by construction. -------
# Every trace has the background; A's four accesses, B's three.
# (solve --narrow: every trace that keeps the labels takes part, so the
# background goes; a one-label trace alone would be its own fingerprint.)
D=$T/exp
mkdir "$D"
bg() { printf 'Read Screen->root\nCall Dispatch\n'; }
acc_a() { printf 'Set Window->mapped True\nCmp xEvent->type == MapNotify\nRead Window->parent\nCall MapWindow\n'; }
acc_b() { printf 'Set Window->mapped False\nCmp xEvent->type == UnmapNotify\nCall UnmapWindow\n'; }
{ bg; acc_a; } > "$D/op_a.trace"
{ bg; acc_b; } > "$D/op_b.trace"
bg > "$D/base.trace"
printf 'op_a.trace: A\nop_b.trace: B\nbase.trace:\n' > "$D/train.labels"
# Held out: both; B and three of A's four (no "Call MapWindow"); nothing.
{ bg; acc_b; acc_a; } > "$D/ab.trace"
{ bg; acc_b; acc_a | grep -v MapWindow; } > "$D/ab_part.trace"
bg > "$D/none.trace"
printf 'ab.trace: A B\nab_part.trace: A B\nnone.trace:\n' > "$D/test.labels"
"$TM" solve --narrow "$D/train.labels" > "$D/fp.txt"
expect_eq "made: solve exact" 0 $?
expect_eq "made: A's fingerprint" "$(acc_a | LC_ALL=C sort)" \
    "$(sed -n '/^A = /,/^$/p' "$D/fp.txt" | grep '^	' | cut -f2)"

# Scored: A found in ab only (ab_part misses one access): tp 1, fn 1,
# tn 1; B in both: tp 2, tn 1.  Precision 3/3, recall 3/4.
"$TM" match --labels "$D/test.labels" "$D/fp.txt" > "$D/out"
expect_eq "score: status" 0 $?
cat > "$D/want" <<'EOF2'
score: precision 1.00 (3 of 3 performed), recall 0.75 (3 of 4 labelled), at a fraction of 1.00
EOF2
grep '^score:' "$D/out" > "$D/got"
expect_file_eq "score" "$D/want" "$D/got"
expect_eq "score: A" "label A: tp 1, fp 0, fn 1, tn 1; precision 1.00, recall 0.50; false negatives $D/ab_part.trace" "$(grep '^label A:' "$D/out")"
expect_eq "score: B" "label B: tp 2, fp 0, fn 0, tn 1; precision 1.00, recall 1.00" "$(grep '^label B:' "$D/out")"
expect_eq "score: trace line" "trace $D/ab_part.trace: B (labelled A B)" "$(grep "^trace $D/ab_part" "$D/out")"
# At a fraction of 3/4, ab_part performs A too: recall 4/4.
"$TM" match --labels "$D/test.labels" --min-fraction 0.75 "$D/fp.txt" > "$D/out"
expect_eq "fraction 0.75: A" "A performed: 3 of 4 accesses (fraction 0.75)" "$(sed -n "/^trace .*ab_part/,/^\$/p" "$D/out" | grep '^A ')"
expect_eq "fraction 0.75: score" "score: precision 1.00 (4 of 4 performed), recall 1.00 (4 of 4 labelled), at a fraction of 0.75" "$(grep '^score:' "$D/out")"
# At 0.25 (one of A's four) too; none.trace, with none of them, still
# performs nothing, so precision stays 1.
"$TM" match --labels "$D/test.labels" --min-fraction 0.25 "$D/fp.txt" | grep -q '^label A: tp 2, fp 0, fn 0, tn 1' || fail "fraction 0.25"
# Only the traces named, and the labels scored in every format.
"$TM" match -f tsv --labels "$D/test.labels" "$D/fp.txt" "$D/ab_part.trace" > "$D/out"
printf 'label\ttp\tfp\tfn\ttn\tprecision\trecall\nA\t0\t0\t1\t0\t\t0.00\nB\t1\t0\t0\t0\t1.00\t1.00\n*\t1\t0\t1\t0\t1.00\t0.50\n' > "$D/want"
expect_file_eq "score tsv, one trace" "$D/want" "$D/out"
"$TM" match -f json --labels "$D/test.labels" "$D/fp.txt" | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["score"]
assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (3, 0, 1, 2), s
assert s["precision"] == 1 and s["recall"] == 0.75, s
a = [l for l in s["labels"] if l["label"] == "A"][0]
assert a["false_negatives"][0].endswith("ab_part.trace") and a["recall"] == 0.5, a
assert [t["labelled"] for t in d["traces"]] == [["A", "B"], ["A", "B"], []]
' || fail "score json"
"$TM" match -f xml --labels "$D/test.labels" "$D/fp.txt" | python3 -c '
import sys, xml.dom.minidom as m
d = m.parse(sys.stdin)
s = d.getElementsByTagName("score")[0]
assert [s.getAttribute(k) for k in ("tp", "fp", "fn", "tn")] == ["3", "0", "1", "2"]
a = [l for l in s.getElementsByTagName("label") if l.getAttribute("name") == "A"][0]
assert a.getAttribute("recall") == "0.5000"
assert a.getElementsByTagName("false-negative")[0].getAttribute("trace").endswith("ab_part.trace")
' || fail "score xml"
expect_status "a trace not in the labels" 2 "$TM" match --labels "$D/test.labels" "$D/fp.txt" "$D/op_a.trace"
# A label of the labels file with no fingerprint is named, not scored.
printf 'ab.trace: A B C\n' > "$D/c.labels"
"$TM" match --labels "$D/c.labels" "$D/fp.txt" | grep -qx 'unscored (no fingerprint): C' || fail "unscored C"

# --- One long trace, three labelled parts between markers. -------------
{ bg; printf 'Call mark_a\n'; acc_a; printf 'Call mark_a\nCall mark_b\n'; acc_b
  printf 'Call mark_b\nCall mark_n\n'; bg; printf 'Call mark_n\n'; } > "$D/server.trace"
cat > "$D/server.labels" <<'EOF2'
server.trace: A --marker=mark_a
server.trace: --marker=mark_b B
server.trace: --marker=mark_n
EOF2
"$TM" solve --narrow "$D/server.labels" > "$D/sfp.txt"
expect_eq "parts: solve exact" 0 $?
expect_eq "parts: equation" "A = server[--marker=mark_a] - server[--marker=mark_b] - server[--marker=mark_n]" "$(grep '^A = ' "$D/sfp.txt")"
expect_eq "parts: A's fingerprint, from the parts alone" "$(acc_a | LC_ALL=C sort)" \
    "$(sed -n '/^A = /,/^$/p' "$D/sfp.txt" | grep '^	' | cut -f2)"
expect_eq "parts: B's fingerprint" "$(acc_b | LC_ALL=C sort)" \
    "$(sed -n '/^B = /,/^$/p' "$D/sfp.txt" | grep '^	' | cut -f2)"
# Matched part by part: each performs its own, and nothing else.
"$TM" match --labels "$D/server.labels" "$D/fp.txt" > "$D/out"
expect_eq "parts: match" "trace $D/server.trace[--marker=mark_a]: A (labelled A)
trace $D/server.trace[--marker=mark_b]: B (labelled B)
trace $D/server.trace[--marker=mark_n]: nothing (labelled nothing)" "$(grep '^trace ' "$D/out")"
grep -q '^score: precision 1.00 (2 of 2 performed), recall 1.00' "$D/out" || fail "parts: score"

# --- The normalisation recorded: strace logs with a folder the run chose.
printf '1700000000.100000 openat(AT_FDCWD, "/tmp/run1/secret_a", O_RDONLY) = 3\n1700000000.200000 read(3, "", 10) = 0\n' > "$D/s_a.log"
printf '1700000000.100000 openat(AT_FDCWD, "/tmp/run2/secret_b", O_RDONLY) = 3\n' > "$D/s_b.log"
printf 's_a.log: SA\ns_b.log: SB\n' > "$D/s.labels"
printf '1700000000.100000 openat(AT_FDCWD, "/tmp/run7/secret_a", O_RDONLY) = 3\n1700000000.200000 read(3, "", 10) = 0\n' > "$D/s_new.log"
G='/tmp/run1=RUN,/tmp/run2=RUN,/tmp/run7=RUN'
for f in text tsv json xml; do
	"$TM" solve -f $f -g "$G" -d read "$D/s.labels" > "$D/sfp.$f"
	# Applied from the file: SA found in the new run's other folder.
	"$TM" match "$D/sfp.$f" "$D/s_new.log" > "$D/out" 2> "$D/err"
	expect_eq "options from $f: status" 0 $?
	expect_eq "options from $f: SA" "trace $D/s_new.log: SA" "$(head -n 1 "$D/out")"
	expect_eq "options from $f: no warning" "" "$(cat "$D/err")"
done
expect_eq "options line" "# options: --drop=read --generalize=$G" "$(head -n 1 "$D/sfp.text")"
# Other options on the command line win, with a warning.
"$TM" match -g none "$D/sfp.text" "$D/s_new.log" > "$D/out" 2> "$D/err"
expect_eq "other options: status" 1 $?
expect_eq "other options: warning" "tracemine: warning: $D/sfp.text: the fingerprints were mined with --drop=read --generalize=$G, the traces are normalised with --generalize=none: an access normalised otherwise is not found" "$(cat "$D/err")"
# The same options: no warning.
"$TM" match -d read -g "$G" "$D/sfp.text" "$D/s_new.log" > /dev/null 2> "$D/err"
expect_eq "same options: no warning" "" "$(cat "$D/err")"
# Options this tracemine does not know: trouble, at the record.
sed '1s/.*/# options: --frobnicate=1/' "$D/sfp.text" > "$D/bad.txt"
"$TM" match "$D/bad.txt" "$D/s_new.log" > "$D/out" 2> "$D/err"
expect_eq "unknown option: status" 2 $?
expect_eq "unknown option" "tracemine: $D/bad.txt:1:12: expected normalisation options this tracemine knows, found: Unknown option --frobnicate=1" "$(cat "$D/err")"

# --- A window per part of one strace log with times. --------------------
printf '1700000000.100000 openat(AT_FDCWD, "/etc/base", O_RDONLY) = 3\n1700000001.100000 openat(AT_FDCWD, "/etc/first", O_RDONLY) = 3\n1700000002.100000 openat(AT_FDCWD, "/etc/second", O_RDONLY) = 3\n' > "$D/w.log"
printf 'w.log: --window=1:2 W1\nw.log: W2 --window=2:3\nw.log: --window=0:1\n' > "$D/w.labels"
"$TM" solve --narrow "$D/w.labels" > "$D/wfp.txt"
expect_eq "windows: W1" 'openat "/etc/first" O_RDONLY' "$(sed -n '/^W1 = /,/^$/p' "$D/wfp.txt" | grep '^	' | cut -f2)"
expect_eq "windows: W2" 'openat "/etc/second" O_RDONLY' "$(sed -n '/^W2 = /,/^$/p' "$D/wfp.txt" | grep '^	' | cut -f2)"
printf 'w.log: --window=0:1.5 W1\n' > "$D/w2.labels"
"$TM" match --labels "$D/w2.labels" "$D/wfp.txt" | grep -q "^trace $D/w.log\[--window=0:1.5\]: W1 (labelled W1)" || fail "windows: match"

# Errors: exit 2, FILE:LINE:COL, nothing on stdout.
printf '\tRead x\t-\n' > "$T/bad.txt"
"$TM" match "$T/bad.txt" $F/open_xterm.trace > "$T/out" 2> "$T/err"
expect_eq "access first: status" 2 $?
expect_eq "access first: stdout" "" "$(cat "$T/out")"
expect_eq "access first" "tracemine: $T/bad.txt:1:1: expected an equation line before the accesses, found an access" "$(cat "$T/err")"
printf 'Create is open_xterm\n' > "$T/bad.txt"
"$TM" match "$T/bad.txt" $F/open_xterm.trace 2> "$T/err" >/dev/null
expect_eq "no equation" "tracemine: $T/bad.txt:1:8: expected 'LABEL = EQUATION' or 'LABEL ~ EQUATION', found something else" "$(cat "$T/err")"
printf '<?xml version="1.0"?>\n<accesses/>\n' > "$T/bad.xml"
"$TM" match "$T/bad.xml" $F/open_xterm.trace 2> "$T/err" >/dev/null
expect_eq "not fingerprints" "tracemine: $T/bad.xml:2:1: expected a <fingerprints> document, found <accesses>" "$(cat "$T/err")"
printf '{"operations": [\n  {"label": "A", "fingerprint": [{"access": 3}]}]}\n' > "$T/bad.json"
"$TM" match "$T/bad.json" $F/open_xterm.trace 2> "$T/err" >/dev/null
expect_eq "json: not a string" "tracemine: $T/bad.json:2:45: expected \"access\" to be a string, found Integer" "$(cat "$T/err")"
printf '{"operations": [\n' > "$T/bad.json"
expect_status "truncated json" 2 "$TM" match "$T/bad.json" $F/open_xterm.trace
printf 'label\taccess\nA\tRead a\textra\n' > "$T/bad.tsv"
"$TM" match "$T/bad.tsv" $F/open_xterm.trace 2> "$T/err" >/dev/null
expect_eq "tsv: extra field" "tracemine: $T/bad.tsv:2:10: expected 2 fields as in the header, found 3" "$(cat "$T/err")"
printf '<fingerprints>\n<operation label="A">\n' > "$T/bad.xml"
expect_status "truncated xml" 2 "$TM" match "$T/bad.xml" $F/open_xterm.trace
expect_status "missing trace" 2 "$TM" match "$T/fp.xml" "$T/nothere.trace"
expect_status "missing fingerprints" 2 "$TM" match "$T/nothere.xml" $F/open_xterm.trace
expect_status "one argument" 2 "$TM" match "$T/fp.xml"
expect_status "fraction 0" 2 "$TM" match --min-fraction 0 "$T/fp.xml" $F/open_xterm.trace
expect_status "fraction above 1" 2 "$TM" match --min-fraction 1.5 "$T/fp.xml" $F/open_xterm.trace

# The status solve gave each label travels in every format: Destroy and
# Unmap are in the same traces of the paper's runs (inseparable).
for f in text tsv json xml; do
	"$TM" solve --details -f $f corpora/fingerprints/xserver.labels > "$T/st.$f"
	expect_eq "status from $f" "Destroy not performed: 0 of 4 accesses (fraction 0.00) (solve said: inseparable)" \
	    "$("$TM" match "$T/st.$f" corpora/fingerprints/type_in_xterm.trace | grep '^Destroy')"
done
printf 'label\tstatus\taccess\nA\tbogus\tRead X->y\n' > "$T/st.bad"
"$TM" match "$T/st.bad" corpora/fingerprints/type_in_xterm.trace 2> "$T/err" > /dev/null
expect_eq "unknown status: exit" 2 $?
expect_eq "unknown status" "tracemine: $T/st.bad:2:3: expected a status (exact, inseparable, indistinguishable, empty, input-only), found something else" "$(cat "$T/err")"

# Where an access occurred that is all digits: no colon, said so (reading
# before its first byte was the fuzzer's find).
printf 'A = a\n\tRead x\t12\n' > "$T/w.txt"
"$TM" match "$T/w.txt" corpora/fingerprints/open_xterm.trace 2> "$T/err" > /dev/null
expect_eq "where all digits: exit" 2 $?
expect_eq "where all digits" "tracemine: $T/w.txt:2:9: expected where the access occurred (FILE:LINE), found no colon before the line number" "$(cat "$T/err")"

finish
