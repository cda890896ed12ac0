# efsa-learn, efsa-show and efsa-check on the corpora: every log conforms
# to the model learned from it; the calls a model counts are the calls the
# facts (counted by grep) list; model files read back to the same bytes;
# held-out runs of the same program conform and runs of another program do
# not; bad input is exit 2 with file:line:col and no output.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" S="$TOP/$BIN/efsa-show" C="$TOP/$BIN/efsa-check"
case $BIN in /*) L="$BIN/efsa-learn" S="$BIN/efsa-show" C="$BIN/efsa-check" ;; esac

# Self-conformance, and the calls counted two ways.
for log in "$CORPUS"/*.log; do
	name=$(basename "$log" .log)
	if ! timeout 60 "$L" -q -o "$T/m.xml" "$log" 2> "$T/err"; then
		fail "$name: efsa-learn: $(cat "$T/err")"
		continue
	fi
	timeout 60 "$C" -q -m "$T/m.xml" "$log" > "$T/out" 2>&1
	rc=$?
	[ $rc = 0 ] || { fail "$name: does not conform to its own model"; \
	    head -n 5 "$T/out"; }
	facts="$CORPUS/$name.facts"
	[ -e "$facts" ] || continue
	want=$(awk '$1 == "calls" { n += $3 } END { print n + 0 }' "$facts")
	got=$("$S" -f tsv "$T/m.xml" | awk -F '\t' 'NR > 1 { n += $5 }
	    END { print n + 0 }')
	expect_eq "$name: calls in the model" "$want" "$got"
	got=$(tail -n 1 "$T/out" | sed -n 's/.*: \([0-9]*\) calls,.*/\1/p')
	expect_eq "$name: calls checked" "$want" "$got"
done

# The model file reads back to the same bytes, and learning is
# deterministic.
"$L" -o "$T/a.xml" "$CORPUS/echo-twice-1.log" "$CORPUS/echo-twice-2.log"
"$L" "$CORPUS/echo-twice-1.log" "$CORPUS/echo-twice-2.log" > "$T/b.xml"
expect_file_eq "learning twice" "$T/a.xml" "$T/b.xml"
"$S" -f xml "$T/a.xml" > "$T/c.xml"
expect_file_eq "read and written back" "$T/a.xml" "$T/c.xml"
# minimising never adds states, and a minimised model still accepts
"$L" -m -o "$T/min.xml" "$CORPUS/echo-twice-1.log"
expect_status "minimised model: echo-twice-2 conforms" 0 \
    "$C" -m "$T/min.xml" "$CORPUS/echo-twice-2.log"
full=$("$S" "$T/a.xml" | grep -c '^  state ')
min=$("$S" -m "$T/a.xml" | grep -c '^  state ')
[ "$min" -le "$full" ] || fail "minimising added states: $full -> $min"
# the documented example is a valid model
sed -n '/^## An example/,/^## Elements/p' docs/efsa-format.md |
    sed -n 's/^    //p' > "$T/doc.xml"
expect_status "docs/efsa-format.md example" 0 "$S" "$T/doc.xml"

# Every format; dot is drawn by graphviz when it is there.
for fmt in text tsv json xml dot; do
	"$S" -f "$fmt" "$T/a.xml" > "$T/out" 2> "$T/err"
	expect_eq "efsa-show -f $fmt: status" 0 $?
	[ -s "$T/out" ] || fail "efsa-show -f $fmt: no output"
done
if command -v dot > /dev/null 2>&1; then
	"$S" --dot "$T/a.xml" | dot -Tsvg > /dev/null 2> "$T/err" ||
	    fail "dot could not draw the model: $(cat "$T/err")"
fi
for fmt in text tsv json xml; do
	"$C" -f "$fmt" -m "$T/a.xml" "$CORPUS/ls-plain.log" > "$T/out" 2>&1
	expect_eq "efsa-check -f $fmt: status" 1 $?
	grep -q 'ls-plain' "$T/out" || fail "efsa-check -f $fmt: no run named"
done

# Shortest paths: to the initial state in 0 steps, to no state at all 1.
"$S" -p /usr/bin/cat --path '^' "$T/a.xml" > "$T/out"
expect_eq "path to ^" 'model "/usr/bin/cat": s0 in 0 steps' "$(cat "$T/out")"
expect_status "path to no state" 1 "$S" --path nowhere "$T/a.xml"
# every step of a path is a transition of the model, in order
"$S" -p /usr/bin/cat --path exit_group "$T/a.xml" | awk '
	NR > 1 { if (NR > 2 && $1 != to) bad = 1; to = $3 }
	END { exit bad }' || fail "path steps do not chain"

# Another program: a deviation per image, at the line of its execve.
"$C" -m "$T/a.xml" "$CORPUS/ls-plain.log" > "$T/out"
expect_eq "another program: status" 1 $?
expect_eq "another program: deviation" \
    "$CORPUS/ls-plain.log:1: pid ?: no model for program \"/usr/bin/ls\"" \
    "$(head -n 1 "$T/out")"

# Cross-validation: per fold a line naming the run held out and its row
# (it conforms: no deviation line), and the overall line.
"$L" -x 2 "$CORPUS/echo-twice-1.log" "$CORPUS/echo-twice-2.log" > "$T/out"
expect_eq "cross-validate: status" 0 $?
expect_eq "cross-validate: rows" 5 "$(wc -l < "$T/out" | tr -d ' ')"
"$L" -x 2 "$CORPUS/echo-twice-1.log" "$CORPUS/fork-exec.log" > "$T/out"
expect_eq "cross-validate, unlike runs: status" 1 $?

# Real programs (corpora/models): held-out runs of the same program
# conform; runs of other programs do not; -k logs learn program locations.
M="$TOP/corpora/models"
for log in "$M"/*.log; do
	b=$(basename "$log")
	"$L" -q -o "$T/m.xml" "$log" && "$C" -q -m "$T/m.xml" "$log" > "$T/out" ||
	    fail "$b: does not conform to its own model"
	# calls: the complete and resumed lines facts.sh counted
	want=$(awk -v b="$b" '$1 == "log" { on = ($2 == b) }
	    on && $1 == "complete" { c = $2 } on && $1 == "resumed" { r = $2 }
	    END { print c + r }' "$M/facts.txt")
	got=$(tail -n 1 "$T/out" | sed -n 's/.*: \([0-9]*\) calls,.*/\1/p')
	expect_eq "$b: calls checked" "$want" "$got"
done
"$L" -o "$T/tar.xml" "$M"/tar-2.log "$M"/tar-3.log "$M"/tar-4.log "$M"/tar-5.log
expect_status "tar-1 held out conforms" 0 "$C" -m "$T/tar.xml" "$M/tar-1.log"
expect_status "ls conforms to no tar model" 1 "$C" -m "$T/tar.xml" "$M/ls-1.log"
expect_status "cat conforms to no tar model" 1 "$C" -m "$T/tar.xml" "$M/cat-1.log"
"$L" -o "$T/gzip.xml" "$M"/gzip-1.log "$M"/gzip-2.log "$M"/gzip-3.log "$M"/gzip-4.log
expect_status "gzip-5 held out conforms" 0 "$C" -m "$T/gzip.xml" "$M/gzip-5.log"
"$C" -m "$T/gzip.xml" "$M/tar-1.log" > "$T/out"
expect_eq "tar against gzip: status" 1 $?
grep -q 'no model for program "/usr/bin/tar"' "$T/out" ||
    fail "tar against gzip: $(head -n 1 "$T/out")"
# the file gzip compresses is its input: it changed in every run, so the
# model generalised it, by its absolute name (the relative name placed by
# the logs' -y AT_FDCWD<DIR>), to the working directory the runs share
wd=$(sed -n 's/.*AT_FDCWD<\([^>]*\)>.*/\1/p' "$M/gzip-1.log" | sed -n 1p)
grep -q "<prefix covers=\"4\">$wd/</prefix>" "$T/gzip.xml" ||
    fail "gzip: the input file name was not generalised to $wd/"
"$L" -x 3 "$M"/gzip-k-1.log "$M"/gzip-k-2.log "$M"/gzip-k-3.log > "$T/out"
expect_eq "gzip -k cross-validation: status" 0 $?
grep -q 'states="stack"' "$T/gzip.xml" && fail "gzip model without -k has stack states"
"$L" -o "$T/gk.xml" "$M"/gzip-k-1.log
grep -q '<key>/usr/bin/gzip+0x' "$T/gk.xml" ||
    fail "gzip -k model: no state at a location in /usr/bin/gzip"

# Stacks: a -k model cannot check a log without stacks.
"$L" -o "$T/k.xml" "$CORPUS/stack-k.log"
expect_eq "stack model: states" 'states="stack"' \
    "$(grep -o 'states="stack"' "$T/k.xml")"
expect_status "stack model: its own log" 0 "$C" -m "$T/k.xml" \
    "$CORPUS/stack-k.log"
"$C" -m "$T/k.xml" "$CORPUS/ls-plain.log" > "$T/out" 2> "$T/err"
expect_eq "stack model, log without stacks: status" 2 $?
expect_eq "stack model, log without stacks: stdout" "" "$(cat "$T/out")"
grep -q "ls-plain.log:1:1: the log has no stack traces" "$T/err" ||
    fail "stack model, log without stacks: message: $(cat "$T/err")"

# Bad input.
printf 'not xml at all\n' > "$T/bad.xml"
"$S" "$T/bad.xml" > "$T/out" 2> "$T/err"
expect_eq "not a model: status" 2 $?
expect_eq "not a model: stdout" "" "$(cat "$T/out")"
grep -q "^efsa-show: $T/bad.xml:1:1: " "$T/err" ||
    fail "not a model: message: $(cat "$T/err")"
printf '<efsa-models xmlns="urn:tracemine:efsa:1" version="1">\n<model/>\n</efsa-models>\n' > "$T/bad.xml"
"$C" -m "$T/bad.xml" "$CORPUS/ls-plain.log" > "$T/out" 2> "$T/err"
expect_eq "model without a program: status" 2 $?
grep -q "^efsa-check: $T/bad.xml:2:1: " "$T/err" ||
    fail "model without a program: message: $(cat "$T/err")"
expect_status "efsa-check without a model" 2 "$C" "$CORPUS/ls-plain.log"
expect_status "efsa-learn -k 17" 2 "$L" -k 17 "$CORPUS/ls-plain.log"
expect_status "efsa-learn --states=x" 2 "$L" --states=x "$CORPUS/ls-plain.log"
expect_status "efsa-learn -x 3 with 2 runs" 2 "$L" -x 3 \
    "$CORPUS/echo-twice-1.log" "$CORPUS/echo-twice-2.log"
expect_status "efsa-show of two files" 2 "$S" "$T/a.xml" "$T/a.xml"
printf 'hello\n' > "$T/notlog.txt"
"$L" -o "$T/never.xml" "$T/notlog.txt" > "$T/out" 2> "$T/err"
expect_eq "learning from a non-log: status" 2 $?
[ -e "$T/never.xml" ] && fail "learning from a non-log wrote a model"
grep -q "notlog.txt:1:1: " "$T/err" ||
    fail "learning from a non-log: message: $(cat "$T/err")"
"$L" -o /dev/full "$CORPUS/ls-plain.log" 2> /dev/null
expect_eq "efsa-learn -o /dev/full" 2 $?
"$S" "$T/a.xml" > /dev/full 2> /dev/null
expect_eq "efsa-show > /dev/full" 2 $?
# Inputs the model fuzzer kept: each is refused (exit 2, file:line:col)
# or, read, written back the same; never a crash.
for f in tests/fuzz/regressions/model-* tests/fuzz/seeds-fuzz_model/*; do
	[ -e "$f" ] || continue
	timeout 20 "$S" -f xml "$f" > "$T/out" 2> "$T/err"
	rc=$?
	case $rc in
	0)	timeout 20 "$S" -f xml "$T/out" > "$T/out2" 2>&1 ||
		    fail "$f: written back, does not read"
		timeout 20 "$S" -m --trim -f xml "$f" > /dev/null 2>&1 ||
		    fail "$f: trim and minimise fail" ;;
	2)	grep -q "^efsa-show: $f:[0-9]*:[0-9]*: " "$T/err" ||
		    fail "$f: message: $(cat "$T/err")" ;;
	*)	fail "$f: exit $rc" ;;
	esac
done
for t in "$L" "$S" "$C"; do
	expect_status "$(basename "$t") --help" 0 "$t" --help
	expect_status "$(basename "$t") --version" 0 "$t" --version
	expect_status "$(basename "$t") --bogus" 2 "$t" --bogus
done
finish
