# tracemine match: the fingerprints solve finds for the seed's X server
# runs (corpora/fingerprints), matched against a run that is not one of
# them and against the runs themselves, from solve's XML and text alike.
. "$(dirname "$0")/../lib.sh"

F=corpora/fingerprints
"$TM" solve -f xml $F/xserver.labels > "$T/fp.xml"
"$TM" solve $F/xserver.labels > "$T/fp.txt"

# Typing: Input_Event's two accesses, KeyPress on lines 7, 8 and 12;
# nothing of Create or Destroy; Map's dispatch but not its mapping.
"$TM" match "$T/fp.xml" $F/type_in_xterm.trace > "$T/out"
expect_eq "typing: status" 1 $?
grep -v '^	' "$T/out" > "$T/heads"
cat > "$T/want" <<'EOF2'
Create not performed: 0 of 2 accesses
Destroy not performed: 0 of 4 accesses (the fingerprint of an inexact equation)
Input_Event performed: 2 of 2 accesses
Map not performed: 2 of 4 accesses
Unmap not performed: 0 of 4 accesses (the fingerprint of an inexact equation)
EOF2
expect_file_eq "typing" "$T/want" "$T/heads"
sed -n '/^Input_Event/,/^Map/p' "$T/out" | grep '^	' > "$T/acc"
printf '\tCmp xEvent->type == KeyPress\t%s:7 %s:8 %s:12\n\tCmp xEvent->type == MotionNotify\t%s:10\n' \
    $F/type_in_xterm.trace $F/type_in_xterm.trace $F/type_in_xterm.trace $F/type_in_xterm.trace > "$T/want"
expect_file_eq "typing: where" "$T/want" "$T/acc"
expect_eq "typing: Map's missing access" "	Set Window->mapped True	-" "$(sed -n '/^Map/,/^Unmap/p' "$T/out" | grep -- '	-$' | head -n 1)"

# From the text output: the same answer.
"$TM" match "$T/fp.txt" $F/type_in_xterm.trace > "$T/out2"
expect_file_eq "text fingerprints = xml fingerprints" "$T/out" "$T/out2"

# Each labelled run performs exactly the operations of its labels that
# have a fingerprint that excludes the others: open_xterm Create and Map,
# move_xterm Input_Event and Map, open_browser all five.
for run in open_xterm:"Create Map" move_xterm:"Input_Event Map" \
    open_browser:"Create Destroy Map Unmap"; do
	name=${run%%:*} want=${run#*:}
	"$TM" match "$T/fp.xml" $F/$name.trace | grep ' performed:' | grep -v 'not performed' |
	    cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//' > "$T/got"
	expect_eq "$name performs" "$want" "$(cat "$T/got")"
done

# A trace that performs nothing: exit 0.
printf 'Read Other->x\n' > "$T/other.trace"
expect_status "nothing performed" 0 "$TM" match "$T/fp.xml" "$T/other.trace"

# Formats.
"$TM" match -f json "$T/fp.xml" $F/type_in_xterm.trace | python3 -c '
import json, sys
d = json.load(sys.stdin)
ops = {o["label"]: o for o in d["operations"]}
i = ops["Input_Event"]
assert i["performed"] and i["found"] == 2 and i["total"] == 2, i
assert [w["line"] for w in i["accesses"][0]["where"]] == [7, 8, 12], i
assert not ops["Map"]["performed"] and ops["Map"]["found"] == 2
' || fail "match json"
"$TM" match -f xml "$T/fp.xml" $F/type_in_xterm.trace | python3 -c '
import sys, xml.dom.minidom as m
d = m.parse(sys.stdin)
ops = {o.getAttribute("label"): o for o in d.getElementsByTagName("operation")}
assert ops["Input_Event"].getAttribute("performed") == "true"
at = ops["Input_Event"].getElementsByTagName("access")[0].getElementsByTagName("at")
assert [a.getAttribute("line") for a in at] == ["7", "8", "12"]
' || fail "match xml"
"$TM" match -f tsv "$T/fp.xml" $F/type_in_xterm.trace > "$T/out"
expect_eq "match tsv: KeyPress rows" 3 "$(grep -c 'KeyPress' "$T/out")"

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
printf '<fingerprints>\n<operation label="A">\n' > "$T/bad.xml"
expect_status "truncated xml" 2 "$TM" match "$T/bad.xml" $F/open_xterm.trace
expect_status "missing trace" 2 "$TM" match "$T/fp.xml" "$T/nothere.trace"
expect_status "missing fingerprints" 2 "$TM" match "$T/nothere.xml" $F/open_xterm.trace
expect_status "one argument" 2 "$TM" match "$T/fp.xml"

finish
