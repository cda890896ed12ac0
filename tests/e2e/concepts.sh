# tracemine concepts: goldens (tests/concepts/README), the same numbers
# three ways, the lattice of traces against the set algebra, and bad input:
# FILE:LINE:COL, exit 2, nothing on standard output, no crash on hostile
# headers.  The Mushroom benchmark is e2e/mushroom.
. "$(dirname "$0")/../lib.sh"

run() { timeout 60 "$TM" "$@"; }
G="$TOP/tests/concepts"
K="$TOP/corpora/contexts"

# Goldens.
for f in animals planets names; do
	in=$K/$f.cxt
	[ "$f" = names ] && in=$G/$f.cxt
	run concepts "$in" > "$T/out" 2> "$T/err"
	expect_eq "$f: status" 0 $?
	expect_file_eq "$f: text" "$G/$f.out" "$T/out"
	expect_eq "$f: stderr" "" "$(cat "$T/err")"
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
# The same context in FIMI form: the same lattice, attributes by number.
run concepts "$K/planets.dat" > "$T/dat"
sed 's/ attribute .*//; s/ introduces .*//' "$G/planets.out" > "$T/a"
sed 's/ attribute .*//; s/ introduces .*//; s/ object [0-9]*$//' "$T/dat" > "$T/b"
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
run concepts -t "$A" "$B" > "$T/tr"
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

# Usage errors.
expect_status "--count --intents" 2 "$TM" concepts --count --intents "$K/animals.cxt"
expect_status "-f tsv" 2 "$TM" concepts -f tsv "$K/animals.cxt"
expect_status "--intents -f json" 2 "$TM" concepts --intents -f json "$K/animals.cxt"
expect_status "--dot -f xml" 2 "$TM" concepts --dot -f xml "$K/animals.cxt"
expect_status "two contexts" 2 "$TM" concepts "$K/animals.cxt" "$K/planets.cxt"
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
finish
