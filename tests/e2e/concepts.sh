# tracemine concepts: goldens (tests/concepts/README), the same numbers
# three ways, the lattice of traces against the set algebra, the reduced
# labelling, labels and minimum support on a context worked out by hand,
# and bad input: FILE:LINE:COL, exit 2, nothing on standard output, no
# crash on hostile headers.  The Mushroom benchmark is e2e/mushroom.
. "$(dirname "$0")/../lib.sh"

run() { timeout 60 "$TM" "$@"; }
G="$TOP/tests/concepts"
K="$TOP/corpora/contexts"

# Goldens: the reduced labelling by default, the whole lattice with --full.
for f in animals planets names; do
	in=$K/$f.cxt
	[ "$f" = names ] && in=$G/$f.cxt
	run concepts "$in" > "$T/out" 2> "$T/err"
	expect_eq "$f: status" 0 $?
	expect_file_eq "$f: text" "$G/$f.out" "$T/out"
	expect_eq "$f: stderr" "" "$(cat "$T/err")"
	run concepts --full "$in" > "$T/full"
	expect_file_eq "$f: --full" "$G/$f.full" "$T/full"
	# The reduced listing is the whole one without extents and intents.
	grep -v -E '^c[0-9]+ (object|attribute) ' "$T/full" > "$T/want"
	expect_file_eq "$f: reduced = full less extents and intents" \
	    "$T/want" "$T/out"
done
for f in animals names; do
	in=$K/$f.cxt
	[ "$f" = names ] && in=$G/$f.cxt
	run concepts --dot "$in" > "$T/out"
	expect_file_eq "$f: dot" "$G/$f.dot" "$T/out"
	run concepts -f dot "$in" > "$T/out2"
	expect_file_eq "$f: -f dot is --dot" "$T/out" "$T/out2"
	if command -v dot >/dev/null 2>&1; then
		dot -Tsvg "$T/out" > /dev/null 2>&1 || fail "$f: dot rejects the graph"
	fi
done
# Reduced labelling: every attribute is introduced by exactly one concept,
# every object by exactly one (the planets' names, from the file); by hand
# for the animals: cat has only fur, so the concept of fur introduces it,
# duck and dove share theirs, dog is alone to bark.
run concepts "$K/planets.cxt" > "$T/out"
sed -n 's/^c[0-9]* introduces //p' "$T/out" | LC_ALL=C sort > "$T/got"
sed -n '/^Pluto$/,/^X/p' "$K/planets.cxt" | sed '1d;$d' | LC_ALL=C sort > "$T/want"
expect_file_eq "planets: each attribute introduced once" "$T/want" "$T/got"
sed -n 's/^c[0-9]* introduces-object //p' "$T/out" | LC_ALL=C sort > "$T/got"
sed -n '/^Mercury$/,/^Pluto$/p' "$K/planets.cxt" | LC_ALL=C sort > "$T/want"
expect_file_eq "planets: each object introduced once" "$T/want" "$T/got"
expect_eq "animals: objects introduced" "c1 introduces-object cat
c2 introduces-object duck
c2 introduces-object dove
c3 introduces-object dog" "$(run concepts "$K/animals.cxt" | grep introduces-object)"

# The same context in FIMI form: the same lattice, attributes by number.
run concepts --full "$K/planets.dat" > "$T/dat"
sed 's/ attribute .*//; s/ introduces[- ].*//' "$G/planets.full" > "$T/a"
sed 's/ attribute .*//; s/ introduces[- ].*//; s/ object [0-9]*$//' "$T/dat" > "$T/b"
sed 's/ object .*$//' "$T/a" > "$T/a2"
expect_file_eq "planets.dat has the lattice of planets.cxt" "$T/a2" "$T/b"
expect_eq "planets.dat: c1 introduces 1 (small)" "c1 introduces 1" \
    "$(grep '^c1 introduces' "$T/dat")"

# JSON and XML are well-formed whatever the names hold, and tell the same.
run concepts -f json "$G/names.cxt" > "$T/json"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(len(d["concepts"]), d["edges"], d["concepts"][1]["introduces"][0])' \
	    "$T/json" > "$T/got" || fail "names: JSON does not parse"
	expect_eq "names: JSON" '2 1 \xe9t\xe9' "$(cat "$T/got")"
fi
run concepts -f xml "$G/names.cxt" > "$T/xml"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$T/xml" || fail "names: XML is not well-formed"
	expect_eq "names: XML" '\xe9t\xe9' \
	    "$(xmllint --xpath 'string(//concept[@id=1]/introduces)' "$T/xml")"
fi

# Counts three ways on the small contexts.
for f in "$K/animals.cxt" "$K/planets.cxt" "$K/planets.dat"; do
	n=$(run concepts --count "$f")
	expect_eq "$f: --intents" "$n" "$(run concepts --intents "$f" | wc -l)"
	expect_eq "$f: lattice" "lattice $n concepts" \
	    "$(run concepts "$f" | sed -n '2s/ [0-9]* edges$//p')"
done

# Traces: objects the logs, attributes their accesses.  With two traces
# A and B, the concept of A alone introduces exactly "tracemine diff A B",
# its intent is "tracemine norm A", and the top's is "intersect A B".
C=$CORPUS
A=$C/fork-exec.log B=$C/ls-plain.log
run concepts --full -t "$A" "$B" > "$T/tr"
expect_eq "traces: status" 0 $?
expect_eq "traces: size" "context 2 objects $(run union "$A" "$B" | wc -l) attributes" \
    "$(head -n 1 "$T/tr")"
ca=$(grep -x "c[0-9]* object $A" "$T/tr" | cut -d' ' -f1 | while read -r c; do
	grep -qx "$c 1 objects [0-9]* attributes" "$T/tr" && echo "$c"; done)
[ -n "$ca" ] || fail "traces: no concept of $A alone"
grep "^$ca introduces " "$T/tr" | sed "s/^$ca introduces //" | LC_ALL=C sort > "$T/got"
run diff "$A" "$B" | cut -f1 | LC_ALL=C sort > "$T/want"
expect_file_eq "traces: introduced = diff" "$T/want" "$T/got"
grep "^$ca attribute " "$T/tr" | sed "s/^$ca attribute //" | LC_ALL=C sort > "$T/got"
run norm "$A" | LC_ALL=C sort -u > "$T/want"
expect_file_eq "traces: intent = norm" "$T/want" "$T/got"
grep "^c0 attribute " "$T/tr" | sed "s/^c0 attribute //" | LC_ALL=C sort > "$T/got"
run intersect "$A" "$B" | cut -f1 | LC_ALL=C sort > "$T/want"
expect_file_eq "traces: top = intersect" "$T/want" "$T/got"
# Two runs of the same command have one object concept.
run concepts -t "$C/echo-twice-1.log" "$C/echo-twice-2.log" > "$T/tr"
expect_eq "echo twice: one concept" "lattice 1 concepts 0 edges" "$(sed -n 2p "$T/tr")"

# A context of four traces worked out by hand (tests/concepts/README):
# o1 = {a b x}, o2 = {a b y}, o3 = {a}, o4 = {b}; labels o1 X, o2 X Y,
# o3 Y.  Its concepts, by intent: c0 {} (all), c1 {a} (o1 o2 o3), c2 {b}
# (o1 o2 o4), c3 {a b} (o1 o2), c4 {a b x} (o1), c5 {a b y} (o2), c6 all
# (none); covers c0-c1 c0-c2 c1-c3 c2-c3 c3-c4 c3-c5 c4-c6 c5-c6.  X's
# traces o1 o2 generate c3, whose extent is exactly them; Y's o2 o3
# share only a, whose concept c1 also holds o1, without Y.  c3
# introduces nothing and is named by X alone.
L=$G/labelled
run concepts --labels "$L/labels.txt" > "$T/out"
expect_eq "labelled: status" 0 $?
cat > "$T/want" <<END
context 4 objects 4 attributes
lattice 7 concepts 8 edges
c0 4 objects 0 attributes
c1 3 objects 1 attributes
c1 label Y and 1 more
c1 introduces Read a
c1 introduces-object $L/o3.trace
c1 upper c0
c2 3 objects 1 attributes
c2 introduces Read b
c2 introduces-object $L/o4.trace
c2 upper c0
c3 2 objects 2 attributes
c3 label X exact
c3 upper c1
c3 upper c2
c4 1 objects 3 attributes
c4 introduces Read x
c4 introduces-object $L/o1.trace
c4 upper c3
c5 1 objects 3 attributes
c5 introduces Read y
c5 introduces-object $L/o2.trace
c5 upper c3
c6 0 objects 4 attributes
c6 upper c4
c6 upper c5
END
expect_file_eq "labelled: by hand" "$T/want" "$T/out"
# Shared labels: every trace of c3 {o1 o2} and of c4 {o1} has X; c5 {o2}
# has X and Y; c0, c1, c2 hold a trace without X (o3 or o4).
expect_eq "labelled: --full shares" "c3 shares X
c4 shares X
c5 shares X
c5 shares Y" "$(run concepts --full --labels "$L/labels.txt" | grep ' shares ')"
# The traces named on the command line, in another order: the same
# labels; a trace the labels file does not name is refused.
(cd "$L" && run concepts --labels labels.txt o4.trace o3.trace o2.trace o1.trace) |
    grep ' label ' > "$T/got"
expect_eq "labelled: traces named" "c1 label Y and 1 more
c3 label X exact" "$(cat "$T/got")"
run concepts --labels "$L/labels.txt" "$L/o1.trace" "$K/animals.cxt" > "$T/out" 2> "$T/err"
expect_eq "labelled: stranger: status" 2 $?
expect_eq "labelled: stranger: stdout" "" "$(cat "$T/out")"
expect_eq "labelled: stranger: message" \
    "tracemine: $K/animals.cxt: not a trace of the labels file $L/labels.txt" \
    "$(cat "$T/err")"
# JSON and XML say the same.
run concepts -f json --labels "$L/labels.txt" > "$T/json"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for c in d["concepts"]:
    for l in c["labels"]:
        print(c["id"], l["name"], l["objects"], l["others"], "+".join(c["shares"]))' \
	    "$T/json" > "$T/got" || fail "labelled: JSON does not parse"
	expect_eq "labelled: JSON" "1 Y 2 1 
3 X 2 0 X" "$(cat "$T/got")"
fi
run concepts -f xml --labels "$L/labels.txt" > "$T/xml"
if command -v xmllint >/dev/null 2>&1; then
	expect_eq "labelled: XML" "2 0 1 X+Y" \
	    "$(xmllint --xpath 'string(//concept[@id=3]/label[@name="X"]/@objects)' "$T/xml") $(xmllint --xpath 'string(//concept[@id=3]/label/@others)' "$T/xml") $(xmllint --xpath 'string(//concept[@id=1]/label[@name="Y"]/@others)' "$T/xml") $(xmllint --xpath '//concept[@id=5]/shares/text()' "$T/xml" | tr '\n' '+' | sed 's/+$//')"
fi
# The drawing: c3 introduces nothing, so without labels it is left out and
# its upper covers are linked to its lower ones; named by X, it is drawn.
edges() {
	sed -n 's/^[[:space:]]*\(c[0-9]*\) -> \(c[0-9]*\);$/\1-\2/p' "$1" |
	    LC_ALL=C sort | tr '\n' ' '
}
run concepts --dot -t "$L"/o?.trace > "$T/dot"
expect_eq "labelled: drawn without c3" \
    "c0-c1 c0-c2 c1-c4 c1-c5 c2-c4 c2-c5 c4-c6 c5-c6 " "$(edges "$T/dot")"
grep -q '^	c3	' "$T/dot" && fail "labelled: c3 drawn though it introduces nothing"
grep -q 'label="c4\\nRead x\\n--\\no1"' "$T/dot" ||
    fail "labelled: o1 not shown by its short name"
run concepts --dot --labels "$L/labels.txt" > "$T/dot"
expect_eq "labelled: drawn with c3" \
    "c0-c1 c0-c2 c1-c3 c2-c3 c3-c4 c3-c5 c4-c6 c5-c6 " "$(edges "$T/dot")"
grep -q 'label="c3\\n\[X\]"' "$T/dot" || fail "labelled: c3 not named [X]"
grep -q 'label="c1\\n\[Y +1\]' "$T/dot" || fail "labelled: c1 not named [Y +1]"
run concepts --dot --full -t "$L"/o?.trace > "$T/dot"
expect_eq "labelled: --full draws every concept" \
    "c0-c1 c0-c2 c1-c3 c2-c3 c3-c4 c3-c5 c4-c6 c5-c6 " "$(edges "$T/dot")"
# Minimum support: extents 4 3 3 2 1 1 0; 2 objects (or half of 4) leave
# out c4, c5, c6; 0.6 of 4 is 2.4, rounded up to 3, leaves out c3 too.
for ms in 2 0.5; do
	run concepts --min-support "$ms" --labels "$L/labels.txt" > "$T/out"
	expect_eq "--min-support $ms: left out" \
	    "left-out 3 concepts of fewer than 2 objects" "$(sed -n 3p "$T/out")"
	expect_eq "--min-support $ms: shown" "c0 c1 c2 c3 " \
	    "$(sed -n 's/^\(c[0-9]*\) [0-9]* objects.*/\1/p' "$T/out" | tr '\n' ' ')"
done
run concepts --min-support 0.6 -f json --labels "$L/labels.txt" > "$T/json"
if command -v python3 >/dev/null 2>&1; then
	expect_eq "--min-support 0.6: JSON" "3 4 [0, 1, 2] [[1, 2], [], []]" \
	    "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["min_support"], d["left_out"], [c["id"] for c in d["concepts"]], [c["lower"] for c in d["concepts"]])' "$T/json")"
fi
run concepts --min-support 0.6 --dot --labels "$L/labels.txt" > "$T/dot"
expect_eq "--min-support 0.6: drawn" "c0-c1 c0-c2 " "$(edges "$T/dot")"
grep -q 'label="4 concepts of fewer than 3 objects left out"' "$T/dot" ||
    fail "--min-support: the drawing does not say what was left out"

# Names cut in the drawing, never inside one of strace's escapes: an
# attribute of 30 a's, the byte 0xe9 (escaped \xe9) and 10 b's is 41
# characters; cut to 32 it keeps 31 of them, the escape whole, and an
# ellipsis; the tooltip has it whole.
a30=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
{ printf 'B\n\n1\n1\n\nobj\n%s' "$a30"; printf '\351bbbbbbbbbb\nX\n'; } > "$T/long.cxt"
run concepts --dot "$T/long.cxt" > "$T/dot"
grep -F -q "label=\"c0\\n$a30\\\\xe9…\\n--\\nobj\"" "$T/dot" ||
    fail "long name: not cut after its escape: $(grep label= "$T/dot")"
grep -F -q "$a30\\\\xe9bbbbbbbbbb" "$T/dot" || fail "long name: not whole in the tooltip"

# The traces of a labels file: the 58 experiments of coreutils.  Every
# trace and every access is named once, so the lines are few: 2, and one
# per concept, edge, trace, access and label.  Each label's concept has
# for intent exactly what its traces share (intersect) and, here, for
# extent exactly its traces.
C=$TOP/corpora/coreutils
lines() { grep -v -E '^[[:space:]]*(#|$)' "$C/labels.txt"; }
run concepts --labels "$C/labels.txt" > "$T/cu"
expect_eq "coreutils: status" 0 $?
ntr=$(lines | wc -l)
nlab=$(lines | cut -d: -f2 | tr ' ' '\n' | grep . | sort -u | wc -l)
# shellcheck disable=SC2046
natt=$(cd "$C" && run union $(lines | cut -d: -f1) | wc -l)
expect_eq "coreutils: context" "context $ntr objects $natt attributes" "$(head -n 1 "$T/cu")"
nc=$(sed -n 's/^lattice \([0-9]*\) concepts.*/\1/p' "$T/cu")
ne=$(sed -n 's/^lattice [0-9]* concepts \([0-9]*\) edges$/\1/p' "$T/cu")
expect_eq "coreutils: lines" $((2 + nc + ne + ntr + natt + nlab)) "$(wc -l < "$T/cu")"
[ "$(wc -l < "$T/cu")" -lt 500 ] || fail "coreutils: $(wc -l < "$T/cu") lines"
expect_eq "coreutils: each trace once" "$ntr" \
    "$(sed -n 's/^c[0-9]* introduces-object //p' "$T/cu" | sort -u | wc -l)"
run concepts --full --labels "$C/labels.txt" > "$T/cufull"
for lab in Create Delete Read Write; do
	c=$(sed -n "s/^\\(c[0-9]*\\) label $lab .*/\\1/p" "$T/cu")
	[ -n "$c" ] || { fail "coreutils: no concept of $lab"; continue; }
	lines | grep -E ":.*[[:space:]]$lab([[:space:]]|$)" | cut -d: -f1 |
	    LC_ALL=C sort > "$T/traces"
	grep "^$c attribute " "$T/cufull" | sed "s/^$c attribute //" | LC_ALL=C sort > "$T/got"
	# shellcheck disable=SC2046
	(cd "$C" && run intersect $(cat "$T/traces")) | cut -f1 | LC_ALL=C sort > "$T/want"
	expect_file_eq "coreutils: $lab's intent = intersect of its traces" "$T/want" "$T/got"
	grep "^$c object " "$T/cufull" | sed "s,^$c object $C/,," | LC_ALL=C sort > "$T/got"
	expect_file_eq "coreutils: $lab's extent" "$T/traces" "$T/got"
	expect_eq "coreutils: $lab exact" "$c label $lab exact" "$(grep "^$c label $lab " "$T/cu")"
done
# Drawn: the top, the bottom and the concepts that introduce something or
# are named; names cut to 32 characters.
run concepts --dot --labels "$C/labels.txt" > "$T/dot"
{ grep -E '^c[0-9]+ (introduces|introduces-object|label) ' "$T/cu" | cut -d' ' -f1
  echo c0; echo "c$((nc - 1))"; } | LC_ALL=C sort -u > "$T/want"
sed -n 's/^	\(c[0-9]*\)	\[.*/\1/p' "$T/dot" | LC_ALL=C sort > "$T/got"
expect_file_eq "coreutils: nodes drawn" "$T/want" "$T/got"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg "$T/dot" > /dev/null 2>&1 || fail "coreutils: dot rejects the graph"
fi
sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$T/dot" |
    grep -o 'label=\("\([^"\\]\|\\.\)*"\|c[0-9]*\)' |
    sed 's/^label="\{0,1\}//; s/"$//' > "$T/labels"
expect_eq "coreutils: a label per node" "$(wc -l < "$T/got")" "$(wc -l < "$T/labels")"
sed 's/\\n/\n/g; s/\\"/"/g; s/\\\\/\\/g' "$T/labels" | awk 'length($0) > 34' > "$T/long"
[ -s "$T/long" ] && fail "coreutils: names longer than the width: $(head -n 3 "$T/long")"

# Usage errors.
expect_status "--count --intents" 2 "$TM" concepts --count --intents "$K/animals.cxt"
expect_status "-f tsv" 2 "$TM" concepts -f tsv "$K/animals.cxt"
expect_status "--intents -f json" 2 "$TM" concepts --intents -f json "$K/animals.cxt"
expect_status "--dot -f xml" 2 "$TM" concepts --dot -f xml "$K/animals.cxt"
expect_status "two contexts" 2 "$TM" concepts "$K/animals.cxt" "$K/planets.cxt"
expect_status "--count --full" 2 "$TM" concepts --count --full "$K/animals.cxt"
expect_status "--intents --labels" 2 "$TM" concepts --intents --labels "$G/labelled/labels.txt"
expect_status "--count --min-support" 2 "$TM" concepts --count --min-support 2 "$K/animals.cxt"
for bad in x -1 1.5 .5 2a ""; do
	expect_status "--min-support '$bad'" 2 "$TM" concepts --min-support "$bad" "$K/animals.cxt"
done
expect_status "--labels missing" 2 "$TM" concepts --labels "$T/nothere"
"$TM" concepts --help | grep -q "usage: tracemine concepts \[-cqt\]" ||
    fail "concepts --help lacks its usage line"

# Bad input: the message, exit 2, nothing on stdout, in every format.
bad() {
	what=$1 want=$2
	for opt in "" --count --intents "-f json" "-f xml" --dot; do
		# shellcheck disable=SC2086
		run concepts $opt "$T/bad" > "$T/out" 2> "$T/err"
		rc=$?
		expect_eq "$what ($opt): status" 2 $rc
		expect_eq "$what ($opt): stdout" "" "$(cat "$T/out")"
		expect_eq "$what ($opt): message" "tracemine: $T/bad:$want" "$(cat "$T/err")"
	done
}
printf 'B\n\n2\n2\n\na\nb\nx\ny\nX.\nX?\n' > "$T/bad"
bad "bad mark" "11:2: expected 'X' or '.' (2 marks), found \"?\""
printf 'B\n\n1000000000000\n2\n' > "$T/bad"
bad "huge header" "3:1: expected at most 4294967295 objects, found \"1000000000000\""
printf 'B\n\n4000000000\n4000000000\na\n' > "$T/bad"
bad "hostile header" "6:1: expected the name of object 2 of 4000000000, found end of file"
printf '1 2 3\n4 five\n' > "$T/bad"
bad "FIMI word" "2:3: expected an attribute number, found \"five\""
printf '1 2\n0\n' > "$T/bad"
bad "FIMI zero" "2:1: expected an attribute number from 1 to 1048576, found \"0\""
run concepts "$T/missing" > "$T/out" 2> "$T/err"
expect_eq "missing: status" 2 $?
expect_eq "missing: message" "tracemine: $T/missing: No such file or directory" "$(cat "$T/err")"
printf 'not a log\n' > "$T/notlog"
run concepts -t "$T/notlog" > "$T/out" 2> /dev/null
expect_eq "-t not a log: status" 2 $?
expect_eq "-t not a log: stdout" "" "$(cat "$T/out")"

# Inputs that once broke fuzz_context (an empty context: offsets on NULL
# arrays, seen by UBSan under make check SAN=1), in every mode.
for f in tests/fuzz/regressions/context-*; do
	[ -e "$f" ] || continue
	for opt in "" --count --intents "-f json" "-f xml" --dot; do
		# shellcheck disable=SC2086
		run concepts $opt "$f" > /dev/null 2>&1
		rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "regression $f ($opt): exit $rc"
	done
done
expect_eq "empty context: one concept" 1 \
    "$(run concepts --count tests/fuzz/regressions/context-empty.dat)"

# Random bytes, and a FIMI file naming a huge attribute many times: no
# crash, exit 0 or 2, within the time limit.
head -c 100000 /dev/urandom > "$T/random"
awk 'BEGIN { for (i = 0; i < 2000; i++) print "1048576" }' > "$T/wide"
for f in random wide; do
	run concepts --count "$T/$f" > /dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "$f: exit $rc"
done
# --labels reads the part of a trace a labels line names: one server
# trace, three parts between markers (built here, so what each part holds
# is known): A's part holds only Set A->a 1, B's only Set B->b 2, the
# third only the background read.
mkdir "$T/parts"
printf 'Read Common->x\nCall mark_a\nSet A->a 1\nCall mark_a\nCall mark_b\nSet B->b 2\nCall mark_b\nCall mark_n\nRead Common->x\nCall mark_n\n' > "$T/parts/server.trace"
printf 'server.trace: A --marker=mark_a\nserver.trace: --marker=mark_b B\nserver.trace: --marker=mark_n\n' > "$T/parts/server.labels"
"$TM" concepts --labels "$T/parts/server.labels" > "$T/out"
expect_eq "parts: three objects, three accesses" "context 3 objects 3 attributes" "$(head -n 1 "$T/out")"
for p in a:A:'Set A->a 1' b:B:'Set B->b 2'; do
	m=${p%%:*} r=${p#*:}; l=${r%%:*} acc=${r#*:}
	c=$(awk -v o="server[--marker=mark_$m]" '$2 == "introduces-object" && $3 == o { print $1 }' "$T/out")
	[ -n "$c" ] || fail "parts: no concept introduces server[--marker=mark_$m]"
	grep -qxF "$c label $l exact" "$T/out" || fail "parts: $l does not name $c"
	grep -qxF "$c introduces $acc" "$T/out" || fail "parts: $c does not introduce $acc"
done

finish
